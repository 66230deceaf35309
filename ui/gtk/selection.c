/* selection.c — an ordered set of parts, the last one primary. */
#include "hr-config.h"

#include "selection.h"

struct _HrSelection {
  GArray *pins;             /* (element-type HrPinRef), the primary last */
  HrCircuit *known;         /* the circuit the references point into (the last pruned) */
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
  g_clear_pointer (&sel->known, hr_circuit_unref);
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

/* The same part, as far as an edit can tell: same role (driver or receiver), designator,
 * family, gate and supply. The position is left out: a move keeps the part. */
static gboolean
same_part (const HrPin *a, gboolean a_driver, const HrPin *b, gboolean b_driver)
{
  return a_driver == b_driver && g_strcmp0 (a->part, b->part) == 0
         && g_strcmp0 (a->family, b->family) == 0 && a->gate == b->gate && a->vcc_v == b->vcc_v;
}

static gboolean
net_index (const HrCircuit *circuit, const char *name, guint *index)
{
  for (guint i = 0; i < hr_circuit_get_n_nets (circuit); i++)
    if (g_strcmp0 (hr_circuit_get_net (circuit, i)->name, name) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

/* Where the part R pointed at in OLD is in NEW: where it was, if its net (same name) kept
 * its number of pins, since then nothing shifted within it (a move, a rename, a changed
 * family); otherwise the one pin of that net in NEW that is the same part. FALSE when it
 * is gone or cannot be told from another. */
static gboolean
follow (const HrCircuit *old, const HrCircuit *new_, HrPinRef *r)
{
  const HrNet *was_net = hr_circuit_get_net (old, r->net);
  const HrPin *was = pin_at (old, r->net, r->pin);
  const gboolean driver = r->pin == HR_DOCUMENT_DRIVER;
  guint net, found = 0, at = 0;

  if (!net_index (new_, was_net->name, &net))
    return FALSE;
  if (net == r->net && n_pins (new_, net) == n_pins (old, r->net))
    return TRUE;
  for (guint p = 0; p < n_pins (new_, net); p++)
    if (same_part (was, driver, pin_at (new_, net, p), p == HR_DOCUMENT_DRIVER))
      found++, at = p;
  if (found != 1)
    return FALSE;
  r->net = net, r->pin = at;
  return TRUE;
}

gboolean
hr_selection_prune (HrSelection *sel, const HrCircuit *circuit)
{
  gboolean changed = FALSE;
  const HrCircuit *old = sel->known;

  for (guint i = sel->pins->len; i-- > 0;)
    {
      HrPinRef *r = &g_array_index (sel->pins, HrPinRef, i);
      HrPinRef before = *r;
      gboolean keep;

      /* An edit can shift the parts after the one it inserts or removes: follow each part
       * from the circuit the references were made in, where there is one. */
      if (old != NULL && old != circuit && r->net < hr_circuit_get_n_nets (old)
          && r->pin < n_pins (old, r->net))
        keep = follow (old, circuit, r);
      else
        keep = r->net < hr_circuit_get_n_nets (circuit) && r->pin < n_pins (circuit, r->net);
      if (!keep)
        g_array_remove_index (sel->pins, i);
      changed |= !keep || r->net != before.net || r->pin != before.pin;
    }
  if (old != circuit)
    {
      g_clear_pointer (&sel->known, hr_circuit_unref);
      sel->known = hr_circuit_ref ((HrCircuit *) circuit);
    }
  return changed;
}
