/* undo-stack.h — a linear undo history of immutable document states.
 *
 * The document model keeps every state of the circuit as an immutable, refcounted snapshot
 * (an HrCircuit); an edit makes a new snapshot. This stack holds the chain of snapshots and
 * the label of the edit that produced each, so undo and redo are a move along the chain, and
 * "modified" is a comparison with the position of the last save. It knows nothing of
 * circuits: states are opaque pointers with a ref and an unref function. GTK-free.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _HrUndoStack HrUndoStack;

/* INITIAL (referenced with REF) is the state before any edit; it is the clean state. */
HrUndoStack *hr_undo_stack_new (gpointer initial, GBoxedCopyFunc ref, GDestroyNotify unref);
void hr_undo_stack_free (HrUndoStack *stack);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrUndoStack, hr_undo_stack_free)

/* Records STATE (referenced) as the result of an edit called LABEL, dropping any redo
 * history. MERGE_KEY (nullable): an edit with the same key as the previous one replaces it
 * instead of adding a step (one drag is one undo step), unless the previous state is the
 * saved one. */
void hr_undo_stack_push (HrUndoStack *stack, gpointer state, const char *label,
                         const char *merge_key);
/* Stops the next push from merging with the last one (a drag ended). */
void hr_undo_stack_seal (HrUndoStack *stack);

/* The current state. (transfer none) */
gpointer hr_undo_stack_get_current (HrUndoStack *stack);
gboolean hr_undo_stack_can_undo (HrUndoStack *stack);
gboolean hr_undo_stack_can_redo (HrUndoStack *stack);
/* The label of the edit undo would revert / redo would repeat, or NULL. */
const char *hr_undo_stack_get_undo_label (HrUndoStack *stack);
const char *hr_undo_stack_get_redo_label (HrUndoStack *stack);
/* Move one step; return the new current state (transfer none), or NULL when there is none. */
gpointer hr_undo_stack_undo (HrUndoStack *stack);
gpointer hr_undo_stack_redo (HrUndoStack *stack);

/* The current state is what is on disk now / is not. */
void hr_undo_stack_set_clean (HrUndoStack *stack);
gboolean hr_undo_stack_is_clean (HrUndoStack *stack);
/* Forgets every step and starts again from INITIAL (a file was opened). */
void hr_undo_stack_reset (HrUndoStack *stack, gpointer initial);

G_END_DECLS
