/* circuit-save.c — writing circuit files: canonical, deterministic, atomic.
 *
 * Canonical: one key order (the order of docs/circuit-format.md), every pin's gate written
 * out, optional fields only when set, values as unit strings with the fewest digits that read
 * back to the same double. Two saves of one circuit give the same bytes, and a save followed
 * by a load gives a circuit hr_circuit_equal() to the first.
 */
#include <math.h>

#include <json-glib/json-glib.h>

#include "circuit-private.h"

static void
set_quantity (JsonObject *obj, const char *key, double value, HrUnit unit)
{
  /* DIGITS 0: the shortest text that reads back to exactly VALUE ("3.3V", not "3.2999…V"). */
  g_autofree char *text = hr_units_format (value, unit, 0);

  json_object_set_string_member (obj, key, text);
}

static void
set_coordinate (JsonObject *obj, const char *key, double v)
{
  /* Whole numbers as integers ("120", not json-glib's "120.0"); others as json-glib writes
   * doubles, with 17 digits, which read back exactly. 2^53: integers beyond it are not all
   * doubles. */
  if (v == floor (v) && fabs (v) < 9007199254740992.0)
    json_object_set_int_member (obj, key, (gint64) v);
  else
    json_object_set_double_member (obj, key, v);
}

static void
set_optional (JsonObject *obj, const char *key, double value, HrUnit unit)
{
  if (!isnan (value))
    set_quantity (obj, key, value, unit);
}

/* Keys in the order of docs/circuit-format.md; numbers not given (NAN) left out. */
static JsonObject *
model_to_json (const HrPinModel *m)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "gate", m->gate);
  json_object_set_string_member (obj, "model", m->model);
  if (m->file != NULL)
    json_object_set_string_member (obj, "file", m->file);
  set_optional (obj, "vtn", m->vtn_v, HR_UNIT_VOLT);
  set_optional (obj, "vtp", m->vtp_v, HR_UNIT_VOLT);
  set_optional (obj, "kn", m->kn_a_per_v2, HR_UNIT_NONE);
  set_optional (obj, "kp", m->kp_a_per_v2, HR_UNIT_NONE);
  set_optional (obj, "lambda", m->lambda_per_v, HR_UNIT_NONE);
  set_optional (obj, "gamma", m->gamma_sqrt_v, HR_UNIT_NONE);
  set_optional (obj, "wn", m->wn_m, HR_UNIT_METER);
  set_optional (obj, "ln", m->ln_m, HR_UNIT_METER);
  set_optional (obj, "wp", m->wp_m, HR_UNIT_METER);
  set_optional (obj, "lp", m->lp_m, HR_UNIT_METER);
  set_optional (obj, "temp", m->temp_c, HR_UNIT_CELSIUS);
  return obj;
}

static JsonNode *
pin_to_json (const HrPin *pin, gboolean is_driver)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (pin->part != NULL)
    json_object_set_string_member (obj, "part", pin->part);
  json_object_set_string_member (obj, "family", pin->family);
  set_quantity (obj, "vcc", pin->vcc_v, HR_UNIT_VOLT);
  json_object_set_string_member (obj, "gate", hr_gate_type_to_string (pin->gate));
  if (is_driver && pin->load_a != 0)
    set_quantity (obj, "load", pin->load_a, HR_UNIT_AMPERE);
  if (pin->has_position)
    {
      JsonObject *position = json_object_new ();

      set_coordinate (position, "x", pin->x);
      set_coordinate (position, "y", pin->y);
      json_object_set_object_member (obj, "position", position);
    }
  if (!is_driver && pin->model != NULL)
    json_object_set_object_member (obj, "model", model_to_json (pin->model));
  json_node_take_object (node, obj);
  return node;
}

static JsonNode *
net_to_json (const HrNet *net)
{
  JsonObject *obj = json_object_new ();
  JsonArray *receivers = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "name", net->name);
  if (net->comment != NULL)
    json_object_set_string_member (obj, "comment", net->comment);
  json_object_set_member (obj, "driver", pin_to_json (&net->driver, TRUE));
  for (guint i = 0; i < net->receivers->len; i++)
    json_array_add_element (receivers, pin_to_json (&g_array_index (net->receivers, HrPin, i),
                                                    FALSE));
  json_object_set_array_member (obj, "receivers", receivers);
  json_node_take_object (node, obj);
  return node;
}

char *
hr_circuit_to_data (HrCircuit *circuit, gsize *length)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  JsonArray *nets = json_array_new ();

  g_return_val_if_fail (circuit != NULL, NULL);

  json_object_set_string_member (obj, "format", HR_CIRCUIT_FORMAT);
  json_object_set_int_member (obj, "version", HR_CIRCUIT_VERSION);
  json_object_set_string_member (obj, "name", circuit->name);
  if (circuit->description != NULL)
    json_object_set_string_member (obj, "description", circuit->description);
  for (guint i = 0; i < circuit->nets->len; i++)
    json_array_add_element (nets, net_to_json (&g_array_index (circuit->nets, HrNet, i)));
  json_object_set_array_member (obj, "nets", nets);
  json_node_take_object (root, obj);

  /* Not json-glib's generator: it writes -1e-300 as "-1e-300.0", which is not JSON. */
  return hr_json_to_data (root, length);
}

gboolean
hr_circuit_save (HrCircuit *circuit, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (circuit != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = hr_circuit_to_data (circuit, &len);
  /* CONSISTENT: written to a temporary file beside PATH, then renamed over it, so readers see
   * the old file or the new one, never a part; 0666 is narrowed by the umask as usual. */
  if (!g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0666, &local))
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO, "%s: cannot save: %s", path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}
