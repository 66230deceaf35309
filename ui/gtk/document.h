/* document.h — the circuit being edited: its file, its undo history, and every edit.
 *
 * The GTK app edits one HrDocument per window. Its state is an immutable HrCircuit (the
 * library's own circuit, validated by the library's own rules); every edit builds a new
 * circuit from the current one with one change and pushes it on an undo stack, so undo,
 * redo and "modified since the last save" come for free and nothing here re-implements a
 * check that circuits/ already makes (duplicate net names, a net without receivers, names,
 * families, supply ranges).
 *
 * Pins are addressed as the file has them: net index, then pin index 0 for the driver and
 * 1…n for receivers[0…n-1]. Positions are canvas units, as the file's `position` fields.
 * An edit that fails changes nothing and says why in a GError. Every successful edit (and
 * undo, redo, load) emits "changed". GTK-free: the tests run it without a display.
 */
#pragma once

#include <gio/gio.h>

#include "headroom-circuits.h"

G_BEGIN_DECLS

#define HR_TYPE_DOCUMENT (hr_document_get_type ())
G_DECLARE_FINAL_TYPE (HrDocument, hr_document, HR, DOCUMENT, GObject)

#define HR_DOCUMENT_DRIVER 0u    /* pin index of a net's driver */

/* A part of the circuit: pin PIN (HR_DOCUMENT_DRIVER or 1…n) of net NET. */
typedef struct {
  guint net;
  guint pin;
} HrPinRef;

/* An empty, untitled circuit checked against LIB. (transfer full) */
HrDocument *hr_document_new (HrFamilyLibrary *lib);

HrFamilyLibrary *hr_document_get_library (HrDocument *doc);
/* The current state: do not modify it; ref it to keep it across edits. (transfer none) */
HrCircuit *hr_document_get_circuit (HrDocument *doc);
/* (transfer none) (nullable): where the document was opened from or last saved to. */
GFile *hr_document_get_file (HrDocument *doc);
/* The file's base name, or "Untitled circuit". (transfer full) */
char *hr_document_dup_title (HrDocument *doc);
gboolean hr_document_get_modified (HrDocument *doc);

/* Opens FILE, replacing the document and its history; pins without a position get one
 * (a left-to-right layout) so that everything has a place on the canvas. */
gboolean hr_document_load (HrDocument *doc, GFile *file, GError **error);
/* Saves to FILE (NULL: the current file) atomically and marks the document unmodified. */
gboolean hr_document_save (HrDocument *doc, GFile *file, GError **error);

gboolean hr_document_can_undo (HrDocument *doc);
gboolean hr_document_can_redo (HrDocument *doc);
const char *hr_document_get_undo_label (HrDocument *doc);
gboolean hr_document_undo (HrDocument *doc);
gboolean hr_document_redo (HrDocument *doc);
/* Ends a run of merged edits (a drag): the next move is a new undo step. */
void hr_document_end_drag (HrDocument *doc);

/* ---- Edits: each is one undo step ----------------------------------------------------- */

/* A new net (named NAME, or "net1", "net2", … when NULL) with a driver at (X, Y) and one
 * receiver to its right, both of the library's first family at its nominal supply (74HC at
 * 5 V with the shipped library). *INDEX (nullable) receives the new net's index. */
gboolean hr_document_add_net (HrDocument *doc, const char *name, double x, double y,
                              guint *index, GError **error);
gboolean hr_document_remove_net (HrDocument *doc, guint net, GError **error);
gboolean hr_document_rename_net (HrDocument *doc, guint net, const char *name, GError **error);
gboolean hr_document_set_net_comment (HrDocument *doc, guint net, const char *comment,
                                      GError **error);
/* A receiver like the net's last one, at (X, Y). *PIN (nullable) receives its pin index. */
gboolean hr_document_add_receiver (HrDocument *doc, guint net, double x, double y,
                                   guint *pin, GError **error);
/* Deletes a receiver (not the last: a net has at least one) or, for the driver, the net. */
gboolean hr_document_remove_pin (HrDocument *doc, guint net, guint pin, GError **error);
/* Moves receiver PIN of net FROM onto net TO (rewiring), keeping its position. */
gboolean hr_document_connect_receiver (HrDocument *doc, guint from, guint pin, guint to,
                                       GError **error);
/* A drag's moves are merged into one step until hr_document_end_drag(). */
gboolean hr_document_move_pin (HrDocument *doc, guint net, guint pin, double x, double y,
                               GError **error);
/* Moves every pin of PINS by (DX, DY) and then, with GRID > 0, onto the nearest point of a
 * grid of that step: one undo step however many pins move (a group drag, an arrow key). */
gboolean hr_document_move_pins (HrDocument *doc, const HrPinRef *pins, guint n_pins,
                                double dx, double dy, double grid, GError **error);
/* Deletes every pin of PINS in one undo step, each as hr_document_remove_pin() would: a
 * driver takes its net (and the net's receivers) with it; receivers leave their net, and a
 * net that would be left without a receiver refuses the whole edit. */
gboolean hr_document_remove_pins (HrDocument *doc, const HrPinRef *pins, guint n_pins,
                                  GError **error);

/* Pin fields. FAMILY by any name or alias the library knows (stored canonical); the supply
 * must be one the family is specified at. */
gboolean hr_document_set_pin_part (HrDocument *doc, guint net, guint pin, const char *part,
                                   GError **error);
gboolean hr_document_set_pin_family (HrDocument *doc, guint net, guint pin,
                                     const char *family, GError **error);
gboolean hr_document_set_pin_vcc (HrDocument *doc, guint net, guint pin, double vcc_v,
                                  GError **error);
gboolean hr_document_set_pin_gate (HrDocument *doc, guint net, guint pin, HrGateType gate,
                                   GError **error);
gboolean hr_document_set_driver_load (HrDocument *doc, guint net, double load_a,
                                      GError **error);
gboolean hr_document_set_name (HrDocument *doc, const char *name, GError **error);
gboolean hr_document_set_description (HrDocument *doc, const char *text, GError **error);

/* Receiver models (docs/circuit-format.md, "Receiver models"), checked by the library's
 * own rules (hr_pin_model_problem()): a refused model changes nothing and the error is the
 * library's message. MODEL NULL removes the receiver's model. */
gboolean hr_document_set_receiver_model (HrDocument *doc, guint net, guint pin,
                                         const HrPinModel *model, GError **error);
/* One field of receiver PIN's model from TEXT, as a circuit file writes it: "gate" (inv,
 * nand2, nor2, buf, schmitt), "model" (level1, bsim3-5v, bsim3-3v3, bsim3-1v8, file),
 * "file" (the cards' path; makes the model "file") or a number ("vtn" "0.6V", "kn" "100u",
 * "wn" "2um", "temp" "27C", …; empty: not given). A change of kind drops the numbers the new
 * kind does not take; a new level1 starts from the square-law inverter of
 * examples/hc-receiver-simulated.json, as does a receiver that had no model. */
gboolean hr_document_set_model_field (HrDocument *doc, guint net, guint pin,
                                      const char *field, const char *text, GError **error);
/* The number fields a model of KIND takes, NULL-terminated. (transfer none) */
const char *const *hr_document_model_numbers (const char *kind);
/* FIELD of MODEL as a file writes it, "" when not given. (transfer full) */
char *hr_document_format_model_number (const HrPinModel *model, const char *field);

/* (transfer none) (nullable) */
const HrPin *hr_document_get_pin (HrDocument *doc, guint net, guint pin);
guint hr_document_get_n_pins (HrDocument *doc, guint net);

G_END_DECLS
