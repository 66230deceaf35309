/* document.c — the circuit being edited, as a chain of immutable HrCircuit states. */
#include "hr-config.h"

#include <math.h>

#include "document.h"
#include "undo-stack.h"

struct _HrDocument {
  GObject parent_instance;
  HrFamilyLibrary *lib;
  HrUndoStack *history;     /* states: HrCircuit */
  GFile *file;
};

G_DEFINE_FINAL_TYPE (HrDocument, hr_document, G_TYPE_OBJECT)

enum { PROP_0, PROP_MODIFIED, PROP_CAN_UNDO, PROP_CAN_REDO, PROP_FILE, N_PROPS };
enum { CHANGED, N_SIGNALS };
static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Layout of pins a file gives no position (canvas units): drivers in a column on the left,
 * their receivers to the right, one row band per net. */
#define LAYOUT_X0 80.0
#define LAYOUT_DX 280.0
#define LAYOUT_Y0 80.0
#define LAYOUT_NET_DY 160.0
#define LAYOUT_PIN_DY 80.0

/* ---------------------------------------------------------------------------------------- */
/* Drafts: a mutable copy of a circuit that one edit changes                               */

typedef struct {
  char *name;
  char *description;
  GArray *nets;             /* (element-type HrNet) */
} Draft;

static void
pin_copy (HrPin *dst, const HrPin *src)
{
  *dst = *src;
  dst->part = g_strdup (src->part);
  dst->family = g_strdup (src->family);
  dst->model = src->model ? hr_pin_model_copy (src->model) : NULL;
}

static void
net_copy (HrNet *dst, const HrNet *src)
{
  hr_net_init (dst, src->name);
  pin_copy (&dst->driver, &src->driver);
  for (guint i = 0; i < src->receivers->len; i++)
    {
      HrPin pin;
      pin_copy (&pin, &g_array_index (src->receivers, HrPin, i));
      g_array_append_val (dst->receivers, pin);
    }
  dst->comment = g_strdup (src->comment);
}

static Draft *
draft_new (const HrCircuit *circuit)
{
  Draft *d = g_new0 (Draft, 1);

  d->name = g_strdup (hr_circuit_get_name (circuit));
  d->description = g_strdup (hr_circuit_get_description (circuit));
  d->nets = g_array_new (FALSE, TRUE, sizeof (HrNet));
  g_array_set_clear_func (d->nets, (GDestroyNotify) hr_net_clear);
  for (guint i = 0; i < hr_circuit_get_n_nets (circuit); i++)
    {
      HrNet net;
      net_copy (&net, hr_circuit_get_net (circuit, i));
      g_array_append_val (d->nets, net);
    }
  return d;
}

static void
draft_free (Draft *d)
{
  g_free (d->name);
  g_free (d->description);
  g_array_unref (d->nets);
  g_free (d);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Draft, draft_free)

/* The library's own checks decide whether a draft is a circuit: hr_circuit_add_net() refuses
 * duplicate names, bad names and nets without receivers with its usual messages. */
static HrCircuit *
draft_build (const Draft *d, GError **error)
{
  g_autoptr(HrCircuit) c = hr_circuit_new (d->name);

  hr_circuit_set_description (c, d->description);
  for (guint i = 0; i < d->nets->len; i++)
    if (!hr_circuit_add_net (c, &g_array_index (d->nets, HrNet, i), error))
      return NULL;
  return g_steal_pointer (&c);
}

static HrNet *
draft_net (Draft *d, guint net, GError **error)
{
  if (net < d->nets->len)
    return &g_array_index (d->nets, HrNet, net);
  g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE, "there is no net %u", net);
  return NULL;
}

static HrPin *
draft_pin (Draft *d, guint net, guint pin, GError **error)
{
  HrNet *n = draft_net (d, net, error);

  if (n == NULL)
    return NULL;
  if (pin == HR_DOCUMENT_DRIVER)
    return &n->driver;
  if (pin - 1 < n->receivers->len)
    return &g_array_index (n->receivers, HrPin, pin - 1);
  g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE, "net %s has no pin %u",
               n->name, pin);
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* State changes                                                                            */

static void
emit_state (HrDocument *doc)
{
  g_object_notify_by_pspec (G_OBJECT (doc), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (doc), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (doc), properties[PROP_CAN_REDO]);
  g_signal_emit (doc, signals[CHANGED], 0);
}

static gboolean
commit (HrDocument *doc, const Draft *d, const char *label, const char *merge_key,
        GError **error)
{
  g_autoptr(HrCircuit) c = draft_build (d, error);

  if (c == NULL)
    return FALSE;
  hr_undo_stack_push (doc->history, c, label, merge_key);
  emit_state (doc);
  return TRUE;
}

static Draft *
edit_begin (HrDocument *doc)
{
  return draft_new (hr_document_get_circuit (doc));
}

/* ---------------------------------------------------------------------------------------- */
/* GObject                                                                                  */

static void
hr_document_finalize (GObject *object)
{
  HrDocument *doc = HR_DOCUMENT (object);

  g_clear_pointer (&doc->history, hr_undo_stack_free);
  g_clear_pointer (&doc->lib, hr_family_library_unref);
  g_clear_object (&doc->file);
  G_OBJECT_CLASS (hr_document_parent_class)->finalize (object);
}

static void
hr_document_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  HrDocument *doc = HR_DOCUMENT (object);

  switch (id)
    {
    case PROP_MODIFIED: g_value_set_boolean (value, hr_document_get_modified (doc)); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, hr_document_can_undo (doc)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, hr_document_can_redo (doc)); break;
    case PROP_FILE: g_value_set_object (value, doc->file); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
hr_document_class_init (HrDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = hr_document_finalize;
  object_class->get_property = hr_document_get_property;
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* The circuit changed: an edit, undo, redo or a load. Views redraw from the circuit. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hr_document_init (HrDocument *doc)
{
}

HrDocument *
hr_document_new (HrFamilyLibrary *lib)
{
  HrDocument *doc = g_object_new (HR_TYPE_DOCUMENT, NULL);
  g_autoptr(HrCircuit) empty = hr_circuit_new ("untitled");

  doc->lib = hr_family_library_ref (lib);
  doc->history = hr_undo_stack_new (empty, (GBoxedCopyFunc) hr_circuit_ref,
                                    (GDestroyNotify) hr_circuit_unref);
  return doc;
}

HrFamilyLibrary *
hr_document_get_library (HrDocument *doc)
{
  return doc->lib;
}

HrCircuit *
hr_document_get_circuit (HrDocument *doc)
{
  return hr_undo_stack_get_current (doc->history);
}

GFile *
hr_document_get_file (HrDocument *doc)
{
  return doc->file;
}

char *
hr_document_dup_title (HrDocument *doc)
{
  return doc->file ? g_file_get_basename (doc->file) : g_strdup ("Untitled circuit");
}

gboolean
hr_document_get_modified (HrDocument *doc)
{
  return !hr_undo_stack_is_clean (doc->history);
}

/* ---------------------------------------------------------------------------------------- */
/* Files                                                                                    */

static void
layout_missing (Draft *d)
{
  for (guint i = 0; i < d->nets->len; i++)
    {
      HrNet *n = &g_array_index (d->nets, HrNet, i);
      double y = LAYOUT_Y0 + i * LAYOUT_NET_DY;

      if (!n->driver.has_position)
        {
          n->driver.x = LAYOUT_X0;
          n->driver.y = y;
          n->driver.has_position = TRUE;
        }
      for (guint j = 0; j < n->receivers->len; j++)
        {
          HrPin *p = &g_array_index (n->receivers, HrPin, j);
          if (p->has_position)
            continue;
          p->x = LAYOUT_X0 + LAYOUT_DX;
          p->y = y + j * LAYOUT_PIN_DY;
          p->has_position = TRUE;
        }
    }
}

gboolean
hr_document_load (HrDocument *doc, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(HrCircuit) loaded = NULL, placed = NULL;
  g_autoptr(Draft) d = NULL;

  if (path == NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO,
                   "%s: only local files can be opened", g_file_peek_path (file));
      return FALSE;
    }
  if ((loaded = hr_circuit_load (path, doc->lib, error)) == NULL)
    return FALSE;
  d = draft_new (loaded);
  layout_missing (d);
  if ((placed = draft_build (d, error)) == NULL)
    return FALSE;
  hr_undo_stack_reset (doc->history, placed);
  g_set_object (&doc->file, file);
  g_object_notify_by_pspec (G_OBJECT (doc), properties[PROP_FILE]);
  emit_state (doc);
  return TRUE;
}

gboolean
hr_document_save (HrDocument *doc, GFile *file, GError **error)
{
  g_autofree char *path = NULL;

  if (file == NULL)
    file = doc->file;
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  if ((path = g_file_get_path (file)) == NULL)
    {
      g_set_error_literal (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO,
                           "only local files can be saved");
      return FALSE;
    }
  if (!hr_circuit_save (hr_document_get_circuit (doc), path, error))
    return FALSE;
  hr_undo_stack_set_clean (doc->history);
  if (file != doc->file)
    {
      g_set_object (&doc->file, file);
      g_object_notify_by_pspec (G_OBJECT (doc), properties[PROP_FILE]);
    }
  g_object_notify_by_pspec (G_OBJECT (doc), properties[PROP_MODIFIED]);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* History                                                                                  */

gboolean
hr_document_can_undo (HrDocument *doc)
{
  return hr_undo_stack_can_undo (doc->history);
}

gboolean
hr_document_can_redo (HrDocument *doc)
{
  return hr_undo_stack_can_redo (doc->history);
}

const char *
hr_document_get_undo_label (HrDocument *doc)
{
  return hr_undo_stack_get_undo_label (doc->history);
}

gboolean
hr_document_undo (HrDocument *doc)
{
  if (hr_undo_stack_undo (doc->history) == NULL)
    return FALSE;
  emit_state (doc);
  return TRUE;
}

gboolean
hr_document_redo (HrDocument *doc)
{
  if (hr_undo_stack_redo (doc->history) == NULL)
    return FALSE;
  emit_state (doc);
  return TRUE;
}

void
hr_document_end_drag (HrDocument *doc)
{
  hr_undo_stack_seal (doc->history);
}

/* ---------------------------------------------------------------------------------------- */
/* Edits                                                                                    */

const HrPin *
hr_document_get_pin (HrDocument *doc, guint net, guint pin)
{
  HrCircuit *c = hr_document_get_circuit (doc);
  const HrNet *n = net < hr_circuit_get_n_nets (c) ? hr_circuit_get_net (c, net) : NULL;

  if (n == NULL)
    return NULL;
  if (pin == HR_DOCUMENT_DRIVER)
    return &n->driver;
  return pin - 1 < n->receivers->len ? &g_array_index (n->receivers, HrPin, pin - 1) : NULL;
}

guint
hr_document_get_n_pins (HrDocument *doc, guint net)
{
  HrCircuit *c = hr_document_get_circuit (doc);

  return net < hr_circuit_get_n_nets (c) ? 1 + hr_circuit_get_net (c, net)->receivers->len : 0;
}

static char *
unused_net_name (const Draft *d)
{
  for (guint k = d->nets->len + 1;; k++)
    {
      g_autofree char *name = g_strdup_printf ("net%u", k);
      gboolean used = FALSE;

      for (guint i = 0; i < d->nets->len && !used; i++)
        used = g_strcmp0 (g_array_index (d->nets, HrNet, i).name, name) == 0;
      if (!used)
        return g_steal_pointer (&name);
    }
}

/* The pin a new net starts with: the library's first family at its nominal supply. */
static void
default_pin (HrDocument *doc, HrPin *pin, HrGateType gate, double x, double y)
{
  GPtrArray *families = hr_family_library_get_families (doc->lib);
  const HrFamily *f = g_ptr_array_index (families, 0);

  *pin = (HrPin) { 0 };
  pin->family = g_strdup (hr_family_get_name (f));
  pin->vcc_v = hr_family_get_vcc_nominal (f);
  pin->gate = gate;
  pin->x = x;
  pin->y = y;
  pin->has_position = TRUE;
}

gboolean
hr_document_add_net (HrDocument *doc, const char *name, double x, double y, guint *index,
                     GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  g_autofree char *auto_name = name ? NULL : unused_net_name (d);
  HrNet net;
  HrPin rx;

  hr_net_init (&net, name ? name : auto_name);
  default_pin (doc, &net.driver, HR_GATE_INVERTER, x, y);
  default_pin (doc, &rx, HR_GATE_INVERTER, x + LAYOUT_DX, y);
  g_array_append_val (net.receivers, rx);
  g_array_append_val (d->nets, net);
  if (!commit (doc, d, "Add net", NULL, error))
    return FALSE;
  if (index)
    *index = d->nets->len - 1;
  return TRUE;
}

gboolean
hr_document_remove_net (HrDocument *doc, guint net, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);

  if (draft_net (d, net, error) == NULL)
    return FALSE;
  g_array_remove_index (d->nets, net);
  return commit (doc, d, "Delete net", NULL, error);
}

gboolean
hr_document_rename_net (HrDocument *doc, guint net, const char *name, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrNet *n = draft_net (d, net, error);

  if (n == NULL)
    return FALSE;
  g_free (n->name);
  n->name = g_strdup (name);
  return commit (doc, d, "Rename net", NULL, error);
}

gboolean
hr_document_set_net_comment (HrDocument *doc, guint net, const char *comment, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrNet *n = draft_net (d, net, error);

  if (n == NULL)
    return FALSE;
  g_free (n->comment);
  n->comment = comment && *comment ? g_strdup (comment) : NULL;
  return commit (doc, d, "Edit comment", NULL, error);
}

gboolean
hr_document_add_receiver (HrDocument *doc, guint net, double x, double y, guint *pin,
                          GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrNet *n = draft_net (d, net, error);
  HrPin rx;

  if (n == NULL)
    return FALSE;
  pin_copy (&rx, &g_array_index (n->receivers, HrPin, n->receivers->len - 1));
  g_clear_pointer (&rx.part, g_free);
  rx.x = x;
  rx.y = y;
  rx.has_position = TRUE;
  g_array_append_val (n->receivers, rx);
  if (!commit (doc, d, "Add receiver", NULL, error))
    return FALSE;
  if (pin)
    *pin = n->receivers->len;
  return TRUE;
}

static gboolean
take_receiver (HrNet *n, guint pin, HrPin *out, GError **error)
{
  if (pin == HR_DOCUMENT_DRIVER || pin - 1 >= n->receivers->len)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                   "net %s has no receiver %u", n->name, pin);
      return FALSE;
    }
  if (n->receivers->len == 1)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                   "%s's only receiver cannot go: a net has at least one receiver; "
                   "delete the net instead", n->name);
      return FALSE;
    }
  pin_copy (out, &g_array_index (n->receivers, HrPin, pin - 1));
  g_array_remove_index (n->receivers, pin - 1);
  return TRUE;
}

gboolean
hr_document_remove_pin (HrDocument *doc, guint net, guint pin, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrNet *n = draft_net (d, net, error);
  HrPin gone;

  if (n == NULL)
    return FALSE;
  if (pin == HR_DOCUMENT_DRIVER)
    return hr_document_remove_net (doc, net, error);
  if (!take_receiver (n, pin, &gone, error))
    return FALSE;
  hr_pin_clear (&gone);
  return commit (doc, d, "Delete receiver", NULL, error);
}

gboolean
hr_document_connect_receiver (HrDocument *doc, guint from, guint pin, guint to,
                              GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrNet *src = draft_net (d, from, error), *dst = draft_net (d, to, error);
  HrPin moved;

  if (src == NULL || dst == NULL)
    return FALSE;
  if (from == to)
    return TRUE;
  if (!take_receiver (src, pin, &moved, error))
    return FALSE;
  g_array_append_val (dst->receivers, moved);
  return commit (doc, d, "Connect receiver", NULL, error);
}

gboolean
hr_document_move_pin (HrDocument *doc, guint net, guint pin, double x, double y,
                      GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrPin *p = draft_pin (d, net, pin, error);
  g_autofree char *key = g_strdup_printf ("move %u.%u", net, pin);

  if (p == NULL)
    return FALSE;
  p->x = x;
  p->y = y;
  p->has_position = TRUE;
  return commit (doc, d, "Move", key, error);
}

gboolean
hr_document_move_pins (HrDocument *doc, const HrPinRef *pins, guint n_pins, double dx,
                       double dy, double grid, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_pins; i++)
    {
      HrPin *p = draft_pin (d, pins[i].net, pins[i].pin, error);

      if (p == NULL)
        return FALSE;
      /* A part listed twice still moves once. */
      if (!g_hash_table_add (seen, p))
        continue;
      p->x += dx;
      p->y += dy;
      if (grid > 0)
        {
          p->x = round (p->x / grid) * grid;
          p->y = round (p->y / grid) * grid;
        }
      p->has_position = TRUE;
    }
  return commit (doc, d, "Move", NULL, error);
}

static int
compare_uint_desc (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

gboolean
hr_document_remove_pins (HrDocument *doc, const HrPinRef *pins, guint n_pins,
                         GError **error)
{
  g_autoptr(Draft) d = NULL;
  g_autofree gboolean *net_gone = NULL;
  g_autoptr(GPtrArray) gone = NULL;    /* per net: receiver indices to remove */
  g_autofree char *label = NULL;

  /* One part keeps the single delete's own labels ("Delete receiver", "Delete net"). */
  if (n_pins == 1)
    return hr_document_remove_pin (doc, pins[0].net, pins[0].pin, error);
  d = edit_begin (doc);
  net_gone = g_new0 (gboolean, d->nets->len);
  gone = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < d->nets->len; i++)
    g_ptr_array_add (gone, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < n_pins; i++)
    {
      if (draft_pin (d, pins[i].net, pins[i].pin, error) == NULL)
        return FALSE;
      if (pins[i].pin == HR_DOCUMENT_DRIVER)
        net_gone[pins[i].net] = TRUE;
      else
        g_array_append_val (g_ptr_array_index (gone, pins[i].net), pins[i].pin);
    }
  /* Receivers first, highest index first so that the others keep theirs; then the nets. */
  for (guint i = 0; i < d->nets->len; i++)
    {
      HrNet *n = &g_array_index (d->nets, HrNet, i);
      GArray *rx = g_ptr_array_index (gone, i);
      guint last = G_MAXUINT;

      if (net_gone[i] || rx->len == 0)
        continue;
      g_array_sort (rx, compare_uint_desc);
      for (guint k = 0; k < rx->len; k++)
        {
          guint pin = g_array_index (rx, guint, k);
          HrPin dropped;

          if (pin == last)
            continue;   /* listed twice */
          last = pin;
          if (!take_receiver (n, pin, &dropped, error))
            return FALSE;
          hr_pin_clear (&dropped);
        }
    }
  for (guint i = d->nets->len; i-- > 0;)
    if (net_gone[i])
      g_array_remove_index (d->nets, i);
  label = g_strdup_printf ("Delete %u parts", n_pins);
  return commit (doc, d, label, NULL, error);
}

gboolean
hr_document_set_pin_part (HrDocument *doc, guint net, guint pin, const char *part,
                          GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrPin *p = draft_pin (d, net, pin, error);

  if (p == NULL)
    return FALSE;
  g_free (p->part);
  p->part = part && *part ? g_strdup (part) : NULL;
  return commit (doc, d, "Rename part", NULL, error);
}

/* The family's levels at the supply: the library's own range check and message. */
static gboolean
check_supply (HrDocument *doc, const char *family, double vcc_v, GError **error)
{
  HrFamily *f = hr_family_library_lookup (doc->lib, family, error);
  g_autoptr(HrLevels) levels = f ? hr_family_levels_at (f, vcc_v, error) : NULL;

  return levels != NULL;
}

gboolean
hr_document_set_pin_family (HrDocument *doc, guint net, guint pin, const char *family,
                            GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrPin *p = draft_pin (d, net, pin, error);
  HrFamily *f = p ? hr_family_library_lookup (doc->lib, family, error) : NULL;

  if (f == NULL || !check_supply (doc, family, p->vcc_v, error))
    return FALSE;
  g_free (p->family);
  p->family = g_strdup (hr_family_get_name (f));
  return commit (doc, d, "Change family", NULL, error);
}

gboolean
hr_document_set_pin_vcc (HrDocument *doc, guint net, guint pin, double vcc_v, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrPin *p = draft_pin (d, net, pin, error);

  if (p == NULL || !check_supply (doc, p->family, vcc_v, error))
    return FALSE;
  p->vcc_v = vcc_v;
  return commit (doc, d, "Change supply", NULL, error);
}

gboolean
hr_document_set_pin_gate (HrDocument *doc, guint net, guint pin, HrGateType gate,
                          GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrPin *p = draft_pin (d, net, pin, error);

  if (p == NULL)
    return FALSE;
  p->gate = gate;
  return commit (doc, d, "Change gate", NULL, error);
}

gboolean
hr_document_set_driver_load (HrDocument *doc, guint net, double load_a, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrNet *n = draft_net (d, net, error);

  if (n == NULL)
    return FALSE;
  n->driver.load_a = load_a;
  return commit (doc, d, "Change load", NULL, error);
}

/* A circuit's name follows the rules of a net's name (docs/circuit-format.md, "Names"):
 * let the library check it as one. */
static gboolean
check_name (const char *name, GError **error)
{
  g_autoptr(HrCircuit) scratch = hr_circuit_new ("scratch");
  HrNet net;
  HrPin rx = { 0 };
  gboolean ok;

  hr_net_init (&net, name);
  net.driver.family = g_strdup ("74HC");
  net.driver.vcc_v = rx.vcc_v = 5.0;
  rx.family = g_strdup ("74HC");
  g_array_append_val (net.receivers, rx);
  ok = hr_circuit_add_net (scratch, &net, error);
  hr_net_clear (&net);
  return ok;
}

gboolean
hr_document_set_name (HrDocument *doc, const char *name, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);

  if (!check_name (name, error))
    return FALSE;
  g_free (d->name);
  d->name = g_strdup (name);
  return commit (doc, d, "Rename circuit", NULL, error);
}

gboolean
hr_document_set_description (HrDocument *doc, const char *text, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);

  g_free (d->description);
  d->description = text && *text ? g_strdup (text) : NULL;
  return commit (doc, d, "Edit description", NULL, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Receiver models                                                                          */

/* The model a receiver gets when the user adds one: the example's square-law inverter
 * (examples/hc-receiver-simulated.json, the explorer's defaults). */
static HrPinModel *
default_model (void)
{
  HrPinModel *m = hr_pin_model_new ("inv", "level1");

  m->vtn_v = 0.6;
  m->vtp_v = -0.6;
  m->kn_a_per_v2 = 100e-6;
  m->kp_a_per_v2 = 50e-6;
  return m;
}

gboolean
hr_document_set_receiver_model (HrDocument *doc, guint net, guint pin,
                                const HrPinModel *model, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrPin *p = draft_pin (d, net, pin, error);

  if (p == NULL)
    return FALSE;
  g_clear_pointer (&p->model, hr_pin_model_free);
  p->model = model != NULL ? hr_pin_model_copy (model) : NULL;
  return commit (doc, d, model != NULL ? "Edit model" : "Remove model", NULL, error);
}

typedef struct {
  const char *field;
  HrUnit unit;
  gsize offset;
} ModelNumber;

static const ModelNumber model_numbers[] = {
  { "vtn", HR_UNIT_VOLT, G_STRUCT_OFFSET (HrPinModel, vtn_v) },
  { "vtp", HR_UNIT_VOLT, G_STRUCT_OFFSET (HrPinModel, vtp_v) },
  { "kn", HR_UNIT_NONE, G_STRUCT_OFFSET (HrPinModel, kn_a_per_v2) },
  { "kp", HR_UNIT_NONE, G_STRUCT_OFFSET (HrPinModel, kp_a_per_v2) },
  { "lambda", HR_UNIT_NONE, G_STRUCT_OFFSET (HrPinModel, lambda_per_v) },
  { "gamma", HR_UNIT_NONE, G_STRUCT_OFFSET (HrPinModel, gamma_sqrt_v) },
  { "wn", HR_UNIT_METER, G_STRUCT_OFFSET (HrPinModel, wn_m) },
  { "ln", HR_UNIT_METER, G_STRUCT_OFFSET (HrPinModel, ln_m) },
  { "wp", HR_UNIT_METER, G_STRUCT_OFFSET (HrPinModel, wp_m) },
  { "lp", HR_UNIT_METER, G_STRUCT_OFFSET (HrPinModel, lp_m) },
  { "temp", HR_UNIT_CELSIUS, G_STRUCT_OFFSET (HrPinModel, temp_c) },
};

static const ModelNumber *
model_number (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_numbers); i++)
    if (g_strcmp0 (field, model_numbers[i].field) == 0)
      return &model_numbers[i];
  return NULL;
}

#define MODEL_NUMBER(m, n) (*(double *) G_STRUCT_MEMBER_P ((m), (n)->offset))

/* The kind of M becomes KIND (FILE for "file"): the numbers the new kind does not take are
 * dropped, and a new level1 gets the default model's. The library checks the rest. */
static void
model_set_kind (HrPinModel *m, const char *kind, const char *file)
{
  g_autoptr(HrPinModel) dflt = default_model ();
  gboolean level1 = g_strcmp0 (kind, "level1") == 0;

  if (g_strcmp0 (m->model, kind) != 0)
    for (guint i = 0; i < G_N_ELEMENTS (model_numbers); i++)
      if (model_numbers[i].offset != G_STRUCT_OFFSET (HrPinModel, temp_c))
        MODEL_NUMBER (m, &model_numbers[i]) = level1 ? MODEL_NUMBER (dflt, &model_numbers[i])
                                                     : NAN;
  g_free (m->model);
  m->model = g_strdup (kind);
  g_free (m->file);
  m->file = g_strdup (file);
}

/* FIELD of M from TEXT, as a circuit file writes it. */
static gboolean
model_set_field (HrPinModel *m, const char *field, const char *text, GError **error)
{
  const ModelNumber *n = model_number (field);
  double v = NAN;

  if (g_strcmp0 (field, "gate") == 0)
    {
      g_free (m->gate);
      m->gate = g_ascii_strdown (text, -1);
    }
  else if (g_strcmp0 (field, "model") == 0)
    {
      g_autofree char *kind = g_ascii_strdown (text, -1);
      model_set_kind (m, kind, g_strcmp0 (kind, "file") == 0 ? m->file : NULL);
    }
  else if (g_strcmp0 (field, "file") == 0)
    model_set_kind (m, "file", text);
  else if (n == NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SCHEMA,
                   "%s: not a field of a receiver model", field);
      return FALSE;
    }
  else if (*text != '\0' && !hr_units_parse (text, n->unit, &v, error))
    return FALSE;
  else
    MODEL_NUMBER (m, n) = v;
  return TRUE;
}

gboolean
hr_document_set_model_field (HrDocument *doc, guint net, guint pin, const char *field,
                             const char *text, GError **error)
{
  g_autoptr(Draft) d = edit_begin (doc);
  HrPin *p = draft_pin (d, net, pin, error);
  g_autofree char *label = g_strdup_printf ("Edit model %s", field);

  if (p == NULL)
    return FALSE;
  if (p->model == NULL)
    p->model = default_model ();
  if (!model_set_field (p->model, field, text != NULL ? text : "", error))
    return FALSE;
  return commit (doc, d, label, NULL, error);
}

const char *const *
hr_document_model_numbers (const char *kind)
{
  static const char *const level1[] = { "vtn", "vtp", "kn", "kp", "lambda", "gamma", "temp",
                                        NULL };
  static const char *const cards[] = { "wn", "ln", "wp", "lp", "temp", NULL };

  return g_strcmp0 (kind, "level1") == 0 ? level1 : cards;
}

char *
hr_document_format_model_number (const HrPinModel *model, const char *field)
{
  const ModelNumber *n = model_number (field);
  double v;

  g_return_val_if_fail (n != NULL, NULL);
  v = MODEL_NUMBER ((HrPinModel *) model, n);
  return isnan (v) ? g_strdup ("") : hr_units_format (v, n->unit, 0);
}
