/* undo-stack.c — a linear chain of immutable states (see undo-stack.h). */
#include "hr-config.h"

#include <string.h>

#include "undo-stack.h"

typedef struct {
  gpointer state;
  char *label;       /* the edit that led to this state; NULL for the initial one */
  char *merge_key;
} Step;

struct _HrUndoStack {
  GArray *steps;     /* (element-type Step) steps[0] is the initial state */
  guint current;
  gint clean;        /* index of the saved state, -1 when it was dropped from the chain */
  gboolean sealed;
  GBoxedCopyFunc ref;
  GDestroyNotify unref;
};

static void
step_clear (HrUndoStack *stack, Step *step)
{
  g_clear_pointer (&step->state, stack->unref);
  g_clear_pointer (&step->label, g_free);
  g_clear_pointer (&step->merge_key, g_free);
}

static void
truncate_after (HrUndoStack *stack, guint index)
{
  while (stack->steps->len > index + 1)
    {
      step_clear (stack, &g_array_index (stack->steps, Step, stack->steps->len - 1));
      g_array_set_size (stack->steps, stack->steps->len - 1);
    }
  if (stack->clean > (gint) index)
    stack->clean = -1;
}

HrUndoStack *
hr_undo_stack_new (gpointer initial, GBoxedCopyFunc ref, GDestroyNotify unref)
{
  HrUndoStack *stack = g_new0 (HrUndoStack, 1);

  g_return_val_if_fail (initial != NULL && ref != NULL && unref != NULL, NULL);
  stack->ref = ref;
  stack->unref = unref;
  stack->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  hr_undo_stack_reset (stack, initial);
  return stack;
}

void
hr_undo_stack_free (HrUndoStack *stack)
{
  if (stack == NULL)
    return;
  for (guint i = 0; i < stack->steps->len; i++)
    step_clear (stack, &g_array_index (stack->steps, Step, i));
  g_array_unref (stack->steps);
  g_free (stack);
}

void
hr_undo_stack_reset (HrUndoStack *stack, gpointer initial)
{
  Step first = { stack->ref (initial), NULL, NULL };

  for (guint i = 0; i < stack->steps->len; i++)
    step_clear (stack, &g_array_index (stack->steps, Step, i));
  g_array_set_size (stack->steps, 0);
  g_array_append_val (stack->steps, first);
  stack->current = 0;
  stack->clean = 0;
  stack->sealed = TRUE;
}

void
hr_undo_stack_push (HrUndoStack *stack, gpointer state, const char *label,
                    const char *merge_key)
{
  Step *top;

  truncate_after (stack, stack->current);
  top = &g_array_index (stack->steps, Step, stack->current);
  /* Merging into the saved state would lose it: "modified" could never go back to FALSE. */
  if (merge_key != NULL && !stack->sealed && stack->current > 0 &&
      stack->clean != (gint) stack->current &&
      g_strcmp0 (top->merge_key, merge_key) == 0)
    {
      gpointer old = top->state;
      top->state = stack->ref (state);
      stack->unref (old);
      return;
    }
  {
    Step step = { stack->ref (state), g_strdup (label), g_strdup (merge_key) };
    g_array_append_val (stack->steps, step);
  }
  stack->current++;
  stack->sealed = merge_key == NULL;
}

void
hr_undo_stack_seal (HrUndoStack *stack)
{
  stack->sealed = TRUE;
}

gpointer
hr_undo_stack_get_current (HrUndoStack *stack)
{
  return g_array_index (stack->steps, Step, stack->current).state;
}

gboolean
hr_undo_stack_can_undo (HrUndoStack *stack)
{
  return stack->current > 0;
}

gboolean
hr_undo_stack_can_redo (HrUndoStack *stack)
{
  return stack->current + 1 < stack->steps->len;
}

const char *
hr_undo_stack_get_undo_label (HrUndoStack *stack)
{
  return stack->current > 0 ? g_array_index (stack->steps, Step, stack->current).label : NULL;
}

const char *
hr_undo_stack_get_redo_label (HrUndoStack *stack)
{
  return hr_undo_stack_can_redo (stack)
         ? g_array_index (stack->steps, Step, stack->current + 1).label : NULL;
}

gpointer
hr_undo_stack_undo (HrUndoStack *stack)
{
  if (!hr_undo_stack_can_undo (stack))
    return NULL;
  stack->current--;
  stack->sealed = TRUE;
  return hr_undo_stack_get_current (stack);
}

gpointer
hr_undo_stack_redo (HrUndoStack *stack)
{
  if (!hr_undo_stack_can_redo (stack))
    return NULL;
  stack->current++;
  stack->sealed = TRUE;
  return hr_undo_stack_get_current (stack);
}

void
hr_undo_stack_set_clean (HrUndoStack *stack)
{
  stack->clean = (gint) stack->current;
  stack->sealed = TRUE;
}

gboolean
hr_undo_stack_is_clean (HrUndoStack *stack)
{
  return stack->clean == (gint) stack->current;
}
