/* selection.c — an ordered set of parts, the last one primary. */
#include "hr-config.h"

#include "selection.h"

struct _HrSelection {
  GArray *pins;             /* (element-type HrPinRef), the primary last */
};

HrSelection *
hr_selection_new (void)
{
  HrSelection *sel = g_new0 (HrSelection, 1);

  sel->pins = g_array_new (FALSE, FALSE, sizeof (HrPinRef));
  return sel;
}

void
hr_selection_free (HrSelection *sel)
{
  if (sel == NULL)
    return;
  g_array_unref (sel->pins);
  g_free (sel);
}

guint
hr_selection_get_n (const HrSelection *sel)
{
  return sel->pins->len;
}

const HrPinRef *
hr_selection_get_pins (const HrSelection *sel)
{
  return (const HrPinRef *) sel->pins->data;
}

gboolean
hr_selection_get_primary (const HrSelection *sel, HrPinRef *ref)
{
  if (sel->pins->len == 0)
    return FALSE;
  *ref = g_array_index (sel->pins, HrPinRef, sel->pins->len - 1);
  return TRUE;
}

static int
index_of (const HrSelection *sel, guint net, guint pin)
{
  for (guint i = 0; i < sel->pins->len; i++)
    {
      const HrPinRef *r = &g_array_index (sel->pins, HrPinRef, i);
      if (r->net == net && r->pin == pin)
        return (int) i;
    }
  return -1;
}

gboolean
hr_selection_contains (const HrSelection *sel, guint net, guint pin)
{
  return index_of (sel, net, pin) >= 0;
}

gboolean
hr_selection_clear (HrSelection *sel)
{
  gboolean changed = sel->pins->len > 0;

  g_array_set_size (sel->pins, 0);
  return changed;
}

gboolean
hr_selection_add (HrSelection *sel, guint net, guint pin)
{
  int i = index_of (sel, net, pin);
  HrPinRef ref = { net, pin };

  if (i >= 0 && (guint) i == sel->pins->len - 1)
    return FALSE;
  if (i >= 0)
    g_array_remove_index (sel->pins, i);
  g_array_append_val (sel->pins, ref);
  return TRUE;
}

gboolean
hr_selection_set (HrSelection *sel, guint net, guint pin)
{
  if (sel->pins->len == 1 && hr_selection_contains (sel, net, pin))
    return FALSE;
  hr_selection_clear (sel);
  return hr_selection_add (sel, net, pin);
}

gboolean
hr_selection_remove (HrSelection *sel, guint net, guint pin)
{
  int i = index_of (sel, net, pin);

  if (i < 0)
    return FALSE;
  g_array_remove_index (sel->pins, i);
  return TRUE;
}

gboolean
hr_selection_toggle (HrSelection *sel, guint net, guint pin)
{
  if (!hr_selection_remove (sel, net, pin))
    hr_selection_add (sel, net, pin);
  return TRUE;
}

static guint
n_pins (const HrCircuit *circuit, guint net)
{
  return 1 + hr_circuit_get_net (circuit, net)->receivers->len;
}

static const HrPin *
pin_at (const HrCircuit *circuit, guint net, guint pin)
{
  const HrNet *n = hr_circuit_get_net (circuit, net);

  return pin == HR_DOCUMENT_DRIVER ? &n->driver : &g_array_index (n->receivers, HrPin, pin - 1);
}

gboolean
hr_selection_select_all (HrSelection *sel, const HrCircuit *circuit)
{
  gboolean changed = FALSE;

  for (guint n = 0; n < hr_circuit_get_n_nets (circuit); n++)
    for (guint p = 0; p < n_pins (circuit, n); p++)
      changed |= hr_selection_add (sel, n, p);
  return changed;
}

gboolean
hr_selection_add_rect (HrSelection *sel, const HrCircuit *circuit, double x0, double y0,
                       double x1, double y1, double box_w, double box_h)
{
  double left = MIN (x0, x1), right = MAX (x0, x1), top = MIN (y0, y1), bottom = MAX (y0, y1);
  gboolean changed = FALSE;

  for (guint n = 0; n < hr_circuit_get_n_nets (circuit); n++)
    for (guint p = 0; p < n_pins (circuit, n); p++)
      {
        const HrPin *pin = pin_at (circuit, n, p);

        /* Touching is enough: a band across a row of parts takes them all. */
        if (pin->x + box_w / 2 >= left && pin->x - box_w / 2 <= right &&
            pin->y + box_h / 2 >= top && pin->y - box_h / 2 <= bottom &&
            !hr_selection_contains (sel, n, p))
          changed |= hr_selection_add (sel, n, p);
      }
  return changed;
}

gboolean
hr_selection_prune (HrSelection *sel, const HrCircuit *circuit)
{
  gboolean changed = FALSE;

  for (guint i = sel->pins->len; i-- > 0;)
    {
      const HrPinRef *r = &g_array_index (sel->pins, HrPinRef, i);

      if (r->net >= hr_circuit_get_n_nets (circuit) || r->pin >= n_pins (circuit, r->net))
        {
          g_array_remove_index (sel->pins, i);
          changed = TRUE;
        }
    }
  return changed;
}
