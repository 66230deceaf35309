/* selection.h — the parts selected on the canvas, without GTK.
 *
 * An ordered set of parts (HrPinRef): the last one added is the *primary* part, the one the
 * properties, the results list and the Receiver page follow when several are selected.
 * Parts are addressed as the document addresses them (net index, pin index), so an edit
 * that inserts or removes parts can shift or orphan references: hr_selection_prune(), after
 * every change of the document (an undo, a delete), follows them or drops them. The canvas owns one; tests drive
 * it without a display.
 */
#pragma once

#include "document.h"

G_BEGIN_DECLS

typedef struct _HrSelection HrSelection;

HrSelection *hr_selection_new (void);
void hr_selection_free (HrSelection *sel);

guint hr_selection_get_n (const HrSelection *sel);
/* The parts in the order they were selected, the primary last. (transfer none) */
const HrPinRef *hr_selection_get_pins (const HrSelection *sel);
/* FALSE (and *REF untouched) when nothing is selected. */
gboolean hr_selection_get_primary (const HrSelection *sel, HrPinRef *ref);
gboolean hr_selection_contains (const HrSelection *sel, guint net, guint pin);

/* Each returns TRUE when the selection (or its primary part) changed. */
gboolean hr_selection_clear (HrSelection *sel);
/* Just this part. */
gboolean hr_selection_set (HrSelection *sel, guint net, guint pin);
/* Adds the part, or makes it the primary one when it is selected already. */
gboolean hr_selection_add (HrSelection *sel, guint net, guint pin);
gboolean hr_selection_remove (HrSelection *sel, guint net, guint pin);
/* Shift/Ctrl+click: out if it was in, else in (and primary). */
gboolean hr_selection_toggle (HrSelection *sel, guint net, guint pin);
/* Every part of CIRCUIT, net by net; the last net's last receiver is primary. */
gboolean hr_selection_select_all (HrSelection *sel, const HrCircuit *circuit);
/* Adds every part of CIRCUIT whose box (BOX_W × BOX_H around its position) touches the
 * rectangle with corners (X0, Y0) and (X1, Y1), in any order: a rubber band. */
gboolean hr_selection_add_rect (HrSelection *sel, const HrCircuit *circuit, double x0,
                                double y0, double x1, double y1, double box_w, double box_h);
/* After an edit: follows each selected part from the circuit of the last call (the one the
 * references were made in) to CIRCUIT, which an insertion or a removal before it in its net
 * shifts, and drops the parts CIRCUIT no longer has or that cannot be told apart. The first
 * call only checks that the references exist. Returns TRUE if the selection changed. */
gboolean hr_selection_prune (HrSelection *sel, const HrCircuit *circuit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrSelection, hr_selection_free)

G_END_DECLS
