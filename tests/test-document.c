/* test-document.c — the GTK app's model without a display: the document and its undo
 * history, the results model and the job runner (ui/gtk, GTK-free half). */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "document.h"
#include "headroom-noise.h"
#include "job.h"
#include "results-model.h"
#include "selection.h"
#include "undo-stack.h"

static HrFamilyLibrary *
library (void)
{
  g_autoptr(GError) error = NULL;
  HrFamilyLibrary *lib = hr_family_library_new_default (&error);

  g_assert_no_error (error);
  return lib;
}

static GFile *
example (const char *name)
{
  const char *dir = g_getenv ("HEADROOM_EXAMPLES");
  g_autofree char *path = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  return g_file_new_for_path (path);
}

static void
count_changed (HrDocument *doc, guint *n)
{
  (*n)++;
}

/* The stack refs states with g_strdup: literals are copied, never freed. */
#define S(text) ((gpointer) (text))

/* ---- undo stack ---------------------------------------------------------------------- */

static void
test_undo_stack (void)
{
  g_autoptr(HrUndoStack) s = hr_undo_stack_new (S ("a"), (GBoxedCopyFunc) g_strdup, g_free);

  g_assert_cmpstr (hr_undo_stack_get_current (s), ==, "a");
  g_assert_false (hr_undo_stack_can_undo (s));
  g_assert_true (hr_undo_stack_is_clean (s));
  hr_undo_stack_push (s, S ("b"), "B", NULL);
  hr_undo_stack_push (s, S ("c"), "C", NULL);
  g_assert_false (hr_undo_stack_is_clean (s));
  g_assert_cmpstr (hr_undo_stack_get_undo_label (s), ==, "C");
  g_assert_cmpstr (hr_undo_stack_undo (s), ==, "b");
  g_assert_cmpstr (hr_undo_stack_get_redo_label (s), ==, "C");
  g_assert_cmpstr (hr_undo_stack_undo (s), ==, "a");
  g_assert_true (hr_undo_stack_is_clean (s));
  g_assert_null (hr_undo_stack_undo (s));
  g_assert_cmpstr (hr_undo_stack_redo (s), ==, "b");
  /* A new edit drops the redo history. */
  hr_undo_stack_push (s, S ("d"), "D", NULL);
  g_assert_false (hr_undo_stack_can_redo (s));
  g_assert_cmpstr (hr_undo_stack_undo (s), ==, "b");
  g_assert_cmpstr (hr_undo_stack_undo (s), ==, "a");
  g_assert_false (hr_undo_stack_can_undo (s));
}

static void
test_undo_stack_merge_and_clean (void)
{
  g_autoptr(HrUndoStack) s = hr_undo_stack_new (S ("0"), (GBoxedCopyFunc) g_strdup, g_free);

  hr_undo_stack_push (s, S ("1"), "Move", "k");
  hr_undo_stack_push (s, S ("2"), "Move", "k");
  hr_undo_stack_push (s, S ("3"), "Move", "k");
  g_assert_cmpstr (hr_undo_stack_get_current (s), ==, "3");
  g_assert_cmpstr (hr_undo_stack_undo (s), ==, "0");   /* one drag, one step */
  hr_undo_stack_redo (s);
  hr_undo_stack_seal (s);
  hr_undo_stack_push (s, S ("4"), "Move", "k");
  g_assert_cmpstr (hr_undo_stack_undo (s), ==, "3");   /* sealed: a new step */
  hr_undo_stack_redo (s);
  /* The saved state is never merged away. */
  hr_undo_stack_set_clean (s);
  hr_undo_stack_push (s, S ("5"), "Move", "k");
  hr_undo_stack_push (s, S ("6"), "Move", "k");
  g_assert_false (hr_undo_stack_is_clean (s));
  g_assert_cmpstr (hr_undo_stack_undo (s), ==, "4");
  g_assert_true (hr_undo_stack_is_clean (s));
  /* Dropping the saved state from the chain: never clean again until saved. */
  hr_undo_stack_undo (s);
  hr_undo_stack_push (s, S ("x"), "X", NULL);
  g_assert_false (hr_undo_stack_is_clean (s));
  hr_undo_stack_undo (s);
  g_assert_false (hr_undo_stack_is_clean (s));
}

/* ---- document edits ------------------------------------------------------------------ */

static void
test_add_undo_redo (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  guint changed = 0, index = 99;
  g_autoptr(GError) error = NULL;
  const HrPin *p;

  g_signal_connect (doc, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_false (hr_document_get_modified (doc));
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, 0);
  g_assert_true (hr_document_add_net (doc, NULL, 100, 40, &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (hr_document_get_modified (doc));
  g_assert_cmpstr (hr_circuit_get_net (hr_document_get_circuit (doc), 0)->name, ==, "net1");
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 2);
  p = hr_document_get_pin (doc, 0, HR_DOCUMENT_DRIVER);
  g_assert_cmpstr (p->family, ==, "74HC");
  g_assert_cmpfloat (p->vcc_v, ==, 5.0);
  g_assert_true (p->has_position);
  g_assert_cmpfloat (p->x, ==, 100);
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Add net");
  g_assert_true (hr_document_undo (doc));
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, 0);
  g_assert_false (hr_document_get_modified (doc));
  g_assert_true (hr_document_redo (doc));
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, 1);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_false (hr_document_redo (doc));
}

static void
test_refused_edits (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  g_autoptr(HrCircuit) before = NULL;
  GError *error = NULL;

  hr_document_add_net (doc, "clk", 0, 0, NULL, &error);
  hr_document_add_net (doc, "data", 0, 200, NULL, &error);
  g_assert_no_error (error);
  before = hr_circuit_ref (hr_document_get_circuit (doc));

  g_assert_false (hr_document_rename_net (doc, 1, "clk", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (hr_document_remove_pin (doc, 0, 1, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "at least one receiver"));
  g_clear_error (&error);
  g_assert_false (hr_document_set_pin_family (doc, 0, 1, "74HX", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_UNKNOWN_FAMILY);
  g_clear_error (&error);
  g_assert_false (hr_document_set_pin_vcc (doc, 0, 0, 9.0, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VCC_RANGE);
  g_clear_error (&error);
  g_assert_false (hr_document_set_name (doc, "two\nlines", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (hr_document_move_pin (doc, 7, 0, 1, 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Nothing changed, nothing was pushed. */
  g_assert_true (hr_document_get_circuit (doc) == before);
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Add net");
}

static void
test_pin_edits (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  GError *error = NULL;
  guint pin = 0;
  const HrPin *p;

  hr_document_add_net (doc, "a", 0, 0, NULL, &error);
  hr_document_add_net (doc, "b", 0, 200, NULL, &error);
  g_assert_true (hr_document_set_pin_family (doc, 0, 0, "ls", &error));
  g_assert_true (hr_document_set_pin_part (doc, 0, 0, "U1", &error));
  g_assert_true (hr_document_set_pin_gate (doc, 0, 1, HR_GATE_SCHMITT_INVERTER, &error));
  g_assert_true (hr_document_set_driver_load (doc, 0, 2e-3, &error));
  g_assert_true (hr_document_add_receiver (doc, 0, 300, 80, &pin, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pin, ==, 2);
  p = hr_document_get_pin (doc, 0, HR_DOCUMENT_DRIVER);
  g_assert_cmpstr (p->family, ==, "74LS");   /* stored canonical */
  g_assert_cmpstr (p->part, ==, "U1");
  g_assert_cmpfloat (p->load_a, ==, 2e-3);
  /* The new receiver copies the last one's family and gate, not its name. */
  p = hr_document_get_pin (doc, 0, 2);
  g_assert_cmpint (p->gate, ==, HR_GATE_SCHMITT_INVERTER);
  g_assert_null (p->part);
  /* Rewire: receiver 2 of "a" onto "b". */
  g_assert_true (hr_document_connect_receiver (doc, 0, 2, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 2);
  g_assert_cmpuint (hr_document_get_n_pins (doc, 1), ==, 3);
  g_assert_cmpfloat (hr_document_get_pin (doc, 1, 2)->x, ==, 300);
  g_assert_true (hr_document_undo (doc));
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 3);
  /* Deleting the driver deletes the net. */
  g_assert_true (hr_document_remove_pin (doc, 1, HR_DOCUMENT_DRIVER, &error));
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, 1);
  g_assert_true (hr_document_rename_net (doc, 0, "clk", &error));
  g_assert_true (hr_document_set_net_comment (doc, 0, "a clock", &error));
  g_assert_true (hr_document_set_name (doc, "board", &error));
  g_assert_true (hr_document_set_description (doc, "two lines\nof text", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hr_circuit_get_name (hr_document_get_circuit (doc)), ==, "board");
  g_assert_cmpstr (hr_circuit_get_net (hr_document_get_circuit (doc), 0)->comment, ==, "a clock");
}

static void
test_drag_is_one_step (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  GError *error = NULL;

  hr_document_add_net (doc, "a", 0, 0, NULL, &error);
  for (int i = 1; i <= 10; i++)
    g_assert_true (hr_document_move_pin (doc, 0, 1, 10.0 * i, 5.0 * i, &error));
  hr_document_end_drag (doc);
  g_assert_true (hr_document_move_pin (doc, 0, 1, 500, 500, &error));
  g_assert_no_error (error);
  hr_document_undo (doc);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->x, ==, 100);
  hr_document_undo (doc);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->x, ==, 280);   /* where Add net put it */
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Add net");
}

/* ---- selection ----------------------------------------------------------------------- */

/* The selection is an ordered set: the last part added is the primary one; toggling takes a
 * part out or puts it in (as primary); a band adds what it touches; pruning drops what an
 * edit took away. */
/* Deleting a receiver before a selected one, and undoing that, shifts the selected part's
 * index: the selection follows the part (by its designator), not the index. */
static void
test_selection_follows (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  g_autoptr(HrSelection) sel = hr_selection_new ();
  GError *error = NULL;
  HrPinRef primary;
  guint pin;

  g_assert_true (hr_document_add_net (doc, "a", 0, 0, NULL, &error));
  g_assert_true (hr_document_add_receiver (doc, 0, 280, 80, &pin, &error));
  g_assert_true (hr_document_add_receiver (doc, 0, 280, 160, &pin, &error));
  g_assert_true (hr_document_set_pin_part (doc, 0, 1, "U2", &error));
  g_assert_true (hr_document_set_pin_part (doc, 0, 2, "U3", &error));
  g_assert_true (hr_document_set_pin_part (doc, 0, 3, "U4", &error));
  g_assert_no_error (error);
  hr_selection_prune (sel, hr_document_get_circuit (doc));   /* what the canvas does */
  hr_selection_set (sel, 0, 3);                              /* U4 */

  g_assert_true (hr_document_remove_pin (doc, 0, 1, &error));  /* U2 goes: U4 is pin 2 */
  g_assert_no_error (error);
  g_assert_true (hr_selection_prune (sel, hr_document_get_circuit (doc)));
  g_assert_true (hr_selection_get_primary (sel, &primary));
  g_assert_cmpuint (primary.pin, ==, 2);
  g_assert_true (hr_document_undo (doc));                   /* U2 back: U4 is pin 3 again */
  g_assert_true (hr_selection_prune (sel, hr_document_get_circuit (doc)));
  g_assert_true (hr_selection_get_primary (sel, &primary));
  g_assert_cmpuint (primary.pin, ==, 3);
  g_assert_cmpstr (g_array_index (hr_circuit_get_net (hr_document_get_circuit (doc), 0)
                                  ->receivers, HrPin, primary.pin - 1).part, ==, "U4");
  /* A move or a rename shifts nothing: the selection stays as it is. */
  g_assert_true (hr_document_set_pin_part (doc, 0, 3, "U9", &error));
  g_assert_false (hr_selection_prune (sel, hr_document_get_circuit (doc)));
  g_assert_true (hr_selection_contains (sel, 0, 3));
  /* The selected part itself deleted: it leaves the selection. */
  g_assert_true (hr_document_remove_pin (doc, 0, 3, &error));
  g_assert_no_error (error);
  g_assert_true (hr_selection_prune (sel, hr_document_get_circuit (doc)));
  g_assert_cmpuint (hr_selection_get_n (sel), ==, 0);
}

static void
test_selection_set (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  g_autoptr(HrSelection) sel = hr_selection_new ();
  GError *error = NULL;
  HrPinRef primary;

  /* Net 0 at (0, 0) and (280, 0); net 1 at (0, 400) and (280, 400). */
  g_assert_true (hr_document_add_net (doc, "a", 0, 0, NULL, &error));
  g_assert_true (hr_document_add_net (doc, "b", 0, 400, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (hr_selection_get_primary (sel, &primary));
  g_assert_true (hr_selection_set (sel, 0, 1));
  g_assert_false (hr_selection_set (sel, 0, 1));
  g_assert_true (hr_selection_toggle (sel, 1, 0));
  g_assert_cmpuint (hr_selection_get_n (sel), ==, 2);
  g_assert_true (hr_selection_get_primary (sel, &primary));
  g_assert_cmpuint (primary.net, ==, 1);
  g_assert_cmpuint (primary.pin, ==, 0);
  /* Adding a selected part again makes it the primary one, and adds nothing. */
  g_assert_true (hr_selection_add (sel, 0, 1));
  g_assert_cmpuint (hr_selection_get_n (sel), ==, 2);
  hr_selection_get_primary (sel, &primary);
  g_assert_cmpuint (primary.net, ==, 0);
  /* Toggled out: the primary falls back to the last one left. */
  hr_selection_toggle (sel, 0, 1);
  g_assert_false (hr_selection_contains (sel, 0, 1));
  hr_selection_get_primary (sel, &primary);
  g_assert_cmpuint (primary.net, ==, 1);
  g_assert_true (hr_selection_clear (sel));
  g_assert_false (hr_selection_clear (sel));
  /* A band over net 0's receiver that only grazes net 1's: boxes touched count. */
  g_assert_true (hr_selection_add_rect (sel, hr_document_get_circuit (doc), 300, -10, 200, 375,
                                        140, 60));
  g_assert_cmpuint (hr_selection_get_n (sel), ==, 2);
  g_assert_true (hr_selection_contains (sel, 0, 1));
  g_assert_true (hr_selection_contains (sel, 1, 1));
  g_assert_false (hr_selection_add_rect (sel, hr_document_get_circuit (doc), 300, -10, 200, 375,
                                         140, 60));
  g_assert_true (hr_selection_select_all (sel, hr_document_get_circuit (doc)));
  g_assert_cmpuint (hr_selection_get_n (sel), ==, 4);
  /* Net 1 goes: its parts leave the selection, net 0's stay. */
  g_assert_true (hr_document_remove_net (doc, 1, &error));
  g_assert_true (hr_selection_prune (sel, hr_document_get_circuit (doc)));
  g_assert_cmpuint (hr_selection_get_n (sel), ==, 2);
  g_assert_true (hr_selection_contains (sel, 0, 0));
  g_assert_true (hr_selection_contains (sel, 0, 1));
  g_assert_false (hr_selection_prune (sel, hr_document_get_circuit (doc)));
}

/* Moving several parts is one undo step, each part snapped; the undo puts them all back. */
static void
test_move_pins (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  GError *error = NULL;
  const HrPinRef pins[] = { { 0, 0 }, { 0, 1 }, { 1, 1 }, { 0, 1 } };   /* one twice */

  g_assert_true (hr_document_add_net (doc, "a", 0, 0, NULL, &error));
  g_assert_true (hr_document_add_net (doc, "b", 0, 400, NULL, &error));
  g_assert_true (hr_document_move_pins (doc, pins, G_N_ELEMENTS (pins), 47, -12, 20, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Move");
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 0)->x, ==, 40);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 0)->y, ==, -20);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->x, ==, 320);
  g_assert_cmpfloat (hr_document_get_pin (doc, 1, 1)->x, ==, 320);
  g_assert_cmpfloat (hr_document_get_pin (doc, 1, 1)->y, ==, 380);
  g_assert_cmpfloat (hr_document_get_pin (doc, 1, 0)->x, ==, 0);   /* not selected */
  /* No grid: moved exactly. */
  g_assert_true (hr_document_move_pins (doc, pins, 1, 0.5, 0, 0, &error));
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 0)->x, ==, 40.5);
  hr_document_undo (doc);
  hr_document_undo (doc);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 0)->x, ==, 0);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->x, ==, 280);
  g_assert_cmpfloat (hr_document_get_pin (doc, 1, 1)->y, ==, 400);
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Add net");
  /* A part that does not exist refuses the whole move. */
  {
    const HrPinRef bad[] = { { 0, 0 }, { 5, 0 } };
    g_assert_false (hr_document_move_pins (doc, bad, 2, 20, 0, 20, &error));
    g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE);
    g_clear_error (&error);
    g_assert_cmpfloat (hr_document_get_pin (doc, 0, 0)->x, ==, 0);
  }
}

/* Deleting several parts is one undo step, each part as a single delete would: a driver
 * takes its net, receivers leave theirs, and a net left without a receiver refuses it all. */
static void
test_remove_pins (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  GError *error = NULL;
  HrCircuit *before;
  guint pin;

  g_assert_true (hr_document_add_net (doc, "a", 0, 0, NULL, &error));
  g_assert_true (hr_document_add_receiver (doc, 0, 280, 80, NULL, &error));
  g_assert_true (hr_document_add_receiver (doc, 0, 280, 160, &pin, &error));
  g_assert_cmpuint (pin, ==, 3);
  hr_document_set_pin_part (doc, 0, 3, "U4", &error);
  g_assert_true (hr_document_add_net (doc, "b", 0, 400, NULL, &error));
  g_assert_true (hr_document_add_net (doc, "c", 0, 800, NULL, &error));
  g_assert_no_error (error);
  before = hr_circuit_ref (hr_document_get_circuit (doc));
  {
    /* Net a's first two receivers, net b (its driver and, redundantly, its receiver). */
    const HrPinRef pins[] = { { 0, 1 }, { 1, 1 }, { 0, 2 }, { 1, 0 } };
    g_assert_true (hr_document_remove_pins (doc, pins, G_N_ELEMENTS (pins), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Delete 4 parts");
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, 2);
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 2);
  g_assert_cmpstr (hr_document_get_pin (doc, 0, 1)->part, ==, "U4");
  g_assert_cmpstr (hr_circuit_get_net (hr_document_get_circuit (doc), 1)->name, ==, "c");
  g_assert_true (hr_document_undo (doc));
  g_assert_true (hr_document_get_circuit (doc) == before);
  {
    /* Every receiver of net a but not its driver: refused, as deleting a last one is. */
    const HrPinRef pins[] = { { 2, 0 }, { 0, 1 }, { 0, 2 }, { 0, 3 } };
    g_assert_false (hr_document_remove_pins (doc, pins, G_N_ELEMENTS (pins), &error));
    g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE);
    g_assert_nonnull (strstr (error->message, "a net has at least one receiver"));
    g_clear_error (&error);
  }
  g_assert_true (hr_document_get_circuit (doc) == before);
  {
    /* One part is a single delete, with its label. */
    const HrPinRef pins[] = { { 0, 2 } };
    g_assert_true (hr_document_remove_pins (doc, pins, 1, &error));
    g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Delete receiver");
  }
  hr_circuit_unref (before);
}

/* ---- files --------------------------------------------------------------------------- */

/* Receiver models: each field an undoable edit; the library refuses what a file could not
 * hold, with its own message, and changes nothing. */
static void
test_model_edits (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  g_autoptr(GFile) file = example ("hc-receiver-simulated.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *kn = NULL;
  const HrPinModel *m;

  g_assert_true (hr_document_load (doc, file, &error));
  m = hr_document_get_pin (doc, 0, 2)->model;
  g_assert_nonnull (m);
  g_assert_cmpfloat (m->kn_a_per_v2, ==, 100e-6);
  kn = hr_document_format_model_number (m, "kn");
  g_assert_cmpstr (kn, ==, "100u");
  /* A number, then undo. */
  g_assert_true (hr_document_set_model_field (doc, 0, 2, "kn", "200u", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 2)->model->kn_a_per_v2, ==, 200e-6);
  g_assert_true (hr_document_get_modified (doc));
  g_assert_true (hr_document_undo (doc));
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 2)->model->kn_a_per_v2, ==, 100e-6);
  g_assert_false (hr_document_get_modified (doc));
  /* Out of range and badly written: the library's and the parser's words. */
  g_assert_false (hr_document_set_model_field (doc, 0, 2, "vtn", "20V", &error));
  g_assert_nonnull (strstr (error->message, "not an enhancement NMOS threshold"));
  g_clear_error (&error);
  g_assert_false (hr_document_set_model_field (doc, 0, 2, "vtn", "0.6 furlongs", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_UNIT);
  g_clear_error (&error);
  g_assert_false (hr_document_set_model_field (doc, 0, 2, "gate", "nand3", &error));
  g_assert_nonnull (strstr (error->message, "unknown gate of a model"));
  g_clear_error (&error);
  g_assert_false (hr_document_get_modified (doc));   /* refused: nothing changed */
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 2)->model->vtn_v, ==, 0.6);
  /* A card: the level-1 numbers go, the sizes are the card's until given. */
  g_assert_true (hr_document_set_model_field (doc, 0, 2, "model", "bsim3-3v3", &error));
  m = hr_document_get_pin (doc, 0, 2)->model;
  g_assert_cmpstr (m->model, ==, "bsim3-3v3");
  g_assert_true (isnan (m->vtn_v) && isnan (m->kn_a_per_v2) && isnan (m->wn_m));
  g_assert_true (hr_document_set_model_field (doc, 0, 2, "wn", "2um", &error));
  g_assert_cmpfloat_with_epsilon (hr_document_get_pin (doc, 0, 2)->model->wn_m, 2e-6, 1e-15);
  /* A "file" model needs its path: the library says so. */
  g_assert_false (hr_document_set_model_field (doc, 0, 2, "model", "file", &error));
  g_assert_nonnull (strstr (error->message, "needs the path"));
  g_clear_error (&error);
  g_assert_true (hr_document_set_model_field (doc, 0, 2, "file", "cards.lib", &error));
  g_assert_cmpstr (hr_document_get_pin (doc, 0, 2)->model->file, ==, "cards.lib");
  /* A driver has no model; a receiver without one gets the default inverter. */
  g_assert_false (hr_document_set_model_field (doc, 0, 0, "kn", "1m", &error));
  g_assert_nonnull (strstr (error->message, "only a receiver has a model"));
  g_clear_error (&error);
  g_assert_true (hr_document_set_model_field (doc, 0, 1, "gate", "schmitt", &error));
  m = hr_document_get_pin (doc, 0, 1)->model;
  g_assert_cmpstr (m->gate, ==, "schmitt");
  g_assert_cmpstr (m->model, ==, "level1");
  g_assert_true (hr_document_set_receiver_model (doc, 0, 1, NULL, &error));
  g_assert_null (hr_document_get_pin (doc, 0, 1)->model);
  /* Back to the file, one step per edit. */
  for (int i = 0; i < 5; i++)
    g_assert_true (hr_document_undo (doc));
  g_assert_false (hr_document_get_modified (doc));
  g_assert_true (hr_document_redo (doc));
  g_assert_cmpstr (hr_document_get_pin (doc, 0, 2)->model->model, ==, "bsim3-3v3");
}

static void
test_load_save_round_trip (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib), again = hr_document_new (lib);
  g_autoptr(GFile) src = example ("lvc-into-hc.json");
  g_autofree char *dir = g_dir_make_tmp ("hr-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GFile) dst = g_file_new_for_path (path);
  g_autofree char *title = NULL;
  GError *error = NULL;

  g_assert_true (hr_document_load (doc, src, &error));
  g_assert_no_error (error);
  g_assert_false (hr_document_get_modified (doc));
  g_assert_false (hr_document_can_undo (doc));
  title = hr_document_dup_title (doc);
  g_assert_cmpstr (title, ==, "lvc-into-hc.json");
  /* The file has no positions: every pin gets one, apart from the others. */
  g_assert_true (hr_document_get_pin (doc, 0, 0)->has_position);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 0)->y, !=, hr_document_get_pin (doc, 1, 0)->y);
  g_assert_true (hr_document_move_pin (doc, 1, 1, 333.5, -20, &error));
  g_assert_true (hr_document_get_modified (doc));
  g_assert_true (hr_document_save (doc, dst, &error));
  g_assert_no_error (error);
  g_assert_false (hr_document_get_modified (doc));
  g_assert_true (hr_document_get_file (doc) == dst);
  /* What is drawn is saved, positions included. */
  g_assert_true (hr_document_load (again, dst, &error));
  g_assert_no_error (error);
  g_assert_true (hr_circuit_equal (hr_document_get_circuit (doc), hr_document_get_circuit (again)));
  g_assert_cmpfloat (hr_document_get_pin (again, 1, 1)->x, ==, 333.5);
  /* Undo past the save is a modification; redo back to it is not. */
  hr_document_undo (doc);
  g_assert_true (hr_document_get_modified (doc));
  hr_document_redo (doc);
  g_assert_false (hr_document_get_modified (doc));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_load_error_keeps_document (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/headroom/x.json");
  GError *error = NULL;

  hr_document_add_net (doc, "kept", 0, 0, NULL, &error);
  g_assert_false (hr_document_load (doc, missing, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpstr (hr_circuit_get_net (hr_document_get_circuit (doc), 0)->name, ==, "kept");
  g_assert_null (hr_document_get_file (doc));
}

/* ---- results model ------------------------------------------------------------------- */

static void
test_results_model (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrDocument) doc = hr_document_new (lib);
  g_autoptr(GFile) src = example ("lvc-into-hc.json");
  g_autoptr(HrCheckResult) res = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(HrResultItem) first = NULL, second = NULL;
  g_autofree char *nmh = NULL, *verdict = NULL;
  HrMarginOptions o;
  GError *error = NULL;

  g_assert_true (hr_document_load (doc, src, &error));
  hr_margin_options_init (&o);
  res = hr_margins_check_circuit (hr_document_get_circuit (doc), lib, &o, &error);
  g_assert_no_error (error);
  model = hr_results_model_new (res);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (g_list_model_get_item_type (model) == HR_TYPE_RESULT_ITEM);
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  /* Worst first: the HC receiver fails, the HCT fix passes. */
  g_assert_cmpstr (hr_result_item_get_net (first), ==, "reset_n");
  g_assert_cmpint (hr_result_item_get_verdict (first), ==, HR_VERDICT_FAIL);
  g_assert_cmpint (hr_result_item_get_verdict (second), ==, HR_VERDICT_PASS);
  g_assert_nonnull (strstr (hr_result_item_get_reasons (first), "VIH"));
  g_assert_cmpstr (hr_result_item_get_reasons (second), ==, "All checks pass.");
  nmh = hr_result_item_dup_nmh_text (first);
  g_assert_true (g_str_has_prefix (nmh, "−"));
  g_object_get (first, "verdict", &verdict, NULL);
  g_assert_cmpstr (verdict, ==, "fail");
  g_assert_cmpuint (hr_results_model_find (model, "enable"), ==, 1);
  g_assert_cmpuint (hr_results_model_find (model, "nope"), ==, G_MAXUINT);
}

static void
test_format_margin (void)
{
  g_autofree char *a = hr_format_margin (0.7), *b = hr_format_margin (-0.8);
  g_autofree char *c = hr_format_margin (NAN);

  g_assert_cmpstr (a, ==, "0.70 V");
  g_assert_cmpstr (b, ==, "−0.80 V");
  g_assert_cmpstr (c, ==, "–");
}

/* ---- closed forms ------------------------------------------------------------------ */

/* The reference table's case C (tests/test-gates.c): VDD 3.3 V, VTn 0.6 V, VTp −0.6 V,
 * kn 100 µA/V², kp 50 µA/V². */
static void
test_closed_form (void)
{
  HrInverterClosedForm c;

  g_assert_true (hr_inverter_closed_form (3.3, 0.6, -0.6, 100e-6, 50e-6, &c));
  g_assert_cmpfloat_with_epsilon (c.vm_v, 1.4698, 1e-4);
  g_assert_cmpfloat_with_epsilon (c.vil_v, 1.1563, 1e-4);
  g_assert_cmpfloat_with_epsilon (c.vih_v, 1.6749, 1e-4);
  g_assert_cmpfloat_with_epsilon (c.voh_v, 3.0845, 1e-4);
  g_assert_cmpfloat_with_epsilon (c.vol_v, 0.2812, 1e-4);
  g_assert_cmpfloat_with_epsilon (c.nml_v, 1.1563 - 0.2812, 2e-4);
  /* Case A, symmetric: the kR → 1 limits, (3VDD + 2VT)/8 and (5VDD − 2VT)/8. */
  g_assert_true (hr_inverter_closed_form (5.0, 1.0, -1.0, 100e-6, 100e-6, &c));
  g_assert_cmpfloat_with_epsilon (c.vil_v, 2.125, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.vih_v, 2.875, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.voh_v, 4.625, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.vol_v, 0.375, 1e-9);
  /* Both devices must turn on somewhere: VDD above VTn + |VTp|. */
  g_assert_false (hr_inverter_closed_form (1.0, 0.6, -0.6, 100e-6, 50e-6, &c));
}

/* ---- jobs ---------------------------------------------------------------------------- */

typedef struct {
  GMainLoop *loop;
  guint n_progress;
  double last_fraction;
  gpointer result;
  GError *error;
} JobState;

/* Reports progress many times in a row: the main loop must see far fewer signals. */
static gpointer
busy_work (gpointer data, GCancellable *cancellable, HrProgressFunc progress,
           gpointer progress_data, GError **error)
{
  for (guint i = 1; i <= 10000; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      progress (i / 10000.0, "work", progress_data);
    }
  return g_strdup (data);
}

static void
on_progress (HrJob *job, double fraction, const char *phase, JobState *st)
{
  g_assert_cmpstr (phase, ==, "work");
  g_assert_cmpfloat (fraction, >=, st->last_fraction);
  st->last_fraction = fraction;
  st->n_progress++;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  JobState *st = user_data;

  st->result = hr_job_run_finish (HR_JOB (source), result, &st->error);
  g_main_loop_quit (st->loop);
}

static void
test_job_coalesces (void)
{
  g_autoptr(HrJob) job = hr_job_new (busy_work, g_strdup ("done"), g_free, g_free);
  JobState st = { g_main_loop_new (NULL, FALSE), 0, 0, NULL, NULL };

  g_signal_connect (job, "progress", G_CALLBACK (on_progress), &st);
  hr_job_run_async (job, NULL, on_done, &st);
  g_main_loop_run (st.loop);
  g_assert_no_error (st.error);
  g_assert_cmpstr (st.result, ==, "done");
  /* Let queued progress idles run: the last value reported arrives. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (st.n_progress, >=, 1);
  g_assert_cmpuint (st.n_progress, <, 10000);
  g_assert_cmpfloat (st.last_fraction, ==, 1.0);
  g_free (st.result);
  g_main_loop_unref (st.loop);
}

static void
test_job_cancel (void)
{
  g_autoptr(HrJob) job = hr_job_new (busy_work, g_strdup ("done"), g_free, g_free);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  JobState st = { g_main_loop_new (NULL, FALSE), 0, 0, NULL, NULL };

  g_cancellable_cancel (cancel);
  hr_job_run_async (job, cancel, on_done, &st);
  g_main_loop_run (st.loop);
  g_assert_null (st.result);
  g_assert_error (st.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&st.error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (st.loop);
}

/* HrLatest: the values a job sees are those of the moment it starts. */
typedef struct {
  guint value;                /* what the "slider" says now */
  guint last_seen;            /* what the last finished job computed with */
  guint n_done;
  guint n_jobs_freed;         /* jobs finalised: their data went */
} LatestState;

typedef struct {
  guint value;
  LatestState *st;
} EchoData;

static void
echo_data_free (EchoData *d)
{
  d->st->n_jobs_freed++;
  g_free (d);
}

static gpointer
echo_work (gpointer data, GCancellable *cancellable, HrProgressFunc progress,
           gpointer progress_data, GError **error)
{
  return g_memdup2 (&((EchoData *) data)->value, sizeof (guint));
}

static HrJob *
latest_make (gpointer user_data, GError **error)
{
  LatestState *st = user_data;
  EchoData *d = g_new0 (EchoData, 1);

  d->value = st->value;
  d->st = st;
  return hr_job_new (echo_work, d, (GDestroyNotify) echo_data_free, g_free);
}

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
latest_seen (gpointer result, const GError *error, gpointer user_data)
{
  LatestState *st = user_data;

  g_assert_no_error (error);
  st->last_seen = *(guint *) result;
  st->n_done++;
}

static void
test_latest_wins (void)
{
  LatestState st = { 0, 0, 0, 0 };
  HrLatest *l = hr_latest_new (latest_make, latest_seen, &st);
  guint id = g_timeout_add (20, wake, NULL);   /* re-checks the conditions below */

  /* A drag: fifty values before the main loop runs once. */
  for (st.value = 1; st.value <= 50; st.value++)
    hr_latest_request (l);
  st.value = 50;
  g_assert_true (hr_latest_is_busy (l));
  while (hr_latest_is_busy (l) || st.n_jobs_freed < 2)
    g_main_context_iteration (NULL, TRUE);
  /* The run started with value 1, then one run with the values at its end. */
  g_assert_cmpuint (hr_latest_get_n_runs (l), ==, 2);
  g_assert_cmpuint (st.n_done, ==, 2);
  g_assert_cmpuint (st.last_seen, ==, 50);
  /* Freed while a run is in flight: no callback afterwards. */
  hr_latest_request (l);
  hr_latest_free (l);
  while (st.n_jobs_freed < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (st.n_done, ==, 2);
  g_source_remove (id);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/undo-stack/linear", test_undo_stack);
  g_test_add_func ("/undo-stack/merge-and-clean", test_undo_stack_merge_and_clean);
  g_test_add_func ("/document/add-undo-redo", test_add_undo_redo);
  g_test_add_func ("/document/refused-edits", test_refused_edits);
  g_test_add_func ("/document/pin-edits", test_pin_edits);
  g_test_add_func ("/document/drag-is-one-step", test_drag_is_one_step);
  g_test_add_func ("/document/move-pins", test_move_pins);
  g_test_add_func ("/document/remove-pins", test_remove_pins);
  g_test_add_func ("/selection/set", test_selection_set);
  g_test_add_func ("/selection/follows", test_selection_follows);
  g_test_add_func ("/document/load-save-round-trip", test_load_save_round_trip);
  g_test_add_func ("/document/model-edits", test_model_edits);
  g_test_add_func ("/document/load-error-keeps-document", test_load_error_keeps_document);
  g_test_add_func ("/results-model/from-check", test_results_model);
  g_test_add_func ("/results-model/format-margin", test_format_margin);
  g_test_add_func ("/closed-form/inverter", test_closed_form);
  g_test_add_func ("/job/coalesces-progress", test_job_coalesces);
  g_test_add_func ("/job/cancel", test_job_cancel);
  g_test_add_func ("/job/latest-wins", test_latest_wins);
  return g_test_run ();
}
