/* circuit-load.c — reading circuit files (docs/circuit-format.md) with full validation.
 *
 * Three passes over a file, each one a guard for the next (the first two in hr_json_parse(),
 * shared with the families file):
 *  1. hr_json_check(): strict JSON, UTF-8, bounded nesting, no duplicate keys, numbers that
 *     fit; its errors carry the line and column of the fault.
 *  2. json-glib builds the tree (it can no longer meet anything it handles badly).
 *  3. The schema walk below, which keeps the JSON path of where it is; an error
 *     (hr_json_set_error()) asks hr_json_locate() for that path's line and column.
 * Every error reads "FILE:LINE:COL: PATH: what is wrong; what would be right". The first
 * problem found stops the load.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "circuit-private.h"
#include "json-scan.h"

typedef struct {
  const char *file;      /* the name errors give */
  const char *text;      /* the checked JSON, for locating paths */
  gsize len;
  HrFamilyLibrary *lib;
  HrJsonPath path;       /* where the walk is */
  GError **error;
  /* The last family and supply found good: pins of one family at one supply repeat, and
   * asking the library builds a whole HrLevels. */
  const HrFamily *good_family;
  double good_vcc_v;
} Loader;

/* Where an error points (HrJsonAnchor, short names for the many calls below): the value at
 * the path, its key (an unknown field), or the object that should hold it (a missing field). */
#define AT_VALUE HR_JSON_AT_VALUE
#define AT_KEY HR_JSON_AT_KEY
#define AT_PARENT HR_JSON_AT_PARENT

static gboolean G_GNUC_PRINTF (4, 5)
fail (Loader *ld, HrCircuitError code, HrJsonAnchor anchor, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  hr_json_set_error (ld->error, code, ld->file, ld->text, ld->len, &ld->path, anchor, "%s",
                     what);
  return FALSE;
}

static gboolean
wrong_type (Loader *ld, HrCircuitError code, JsonNode *node, const char *expected)
{
  g_autofree char *found = hr_json_describe (node);

  return fail (ld, code, AT_VALUE, "expected %s, found %s", expected, found);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64
             || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* Member KEY of OBJ; NULL when absent or null (optional fields may be written null). */
static JsonNode *
member (JsonObject *obj, const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Fields                                                                                   */

/* Fails on the first member of OBJ (in file order) not in ALLOWED. */
static gboolean
check_fields (Loader *ld, JsonObject *obj, const char *const *allowed, const char *what)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *close = NULL;
      gboolean known = FALSE;

      for (guint i = 0; allowed[i] != NULL && !known; i++)
        {
          known = strcmp (key, allowed[i]) == 0;
          if (g_ascii_strcasecmp (key, allowed[i]) == 0)
            close = allowed[i];
        }
      if (known)
        continue;
      hr_json_path_push_key (&ld->path, key);
      if (close != NULL)
        return fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_KEY,
                     "unknown field; did you mean \"%s\"? (field names are lowercase)", close);
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);

        return fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_KEY, "unknown field; %s has %s", what, list);
      }
    }
  return TRUE;
}

/* String member KEY into *OUT (NULL if absent and not REQUIRED); NAME_RULES: a one-line name,
 * else free text. MISSING says what a right one looks like. */
static gboolean
read_string (Loader *ld, JsonObject *obj, const char *key, gboolean required,
             gboolean name_rules, const char *missing, char **out)
{
  JsonNode *node = member (obj, key);
  const char *problem;
  gboolean ok = TRUE;

  *out = NULL;
  hr_json_path_push_key (&ld->path, key);
  if (node == NULL)
    ok = !required || fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT, "missing; %s", missing);
  else if (!is_string (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, "a string");
  else if ((problem = name_rules ? hr_circuit_name_problem (json_node_get_string (node))
                                 : hr_circuit_text_problem (json_node_get_string (node))))
    ok = fail (ld, HR_CIRCUIT_ERROR_VALUE, AT_VALUE, "%s", problem);
  else
    *out = g_strdup (json_node_get_string (node));
  hr_json_path_pop (&ld->path);
  return ok;
}

/* A value with a unit: a string such as "3.3V" or a JSON number in SI units. The path must
 * already end in its key. */
static gboolean
read_quantity_node (Loader *ld, JsonNode *node, HrUnit unit, const char *expected, double *out)
{
  g_autoptr(GError) local = NULL;

  if (is_number (node))
    {
      *out = json_node_get_double (node);
      return TRUE;
    }
  if (!is_string (node))
    return wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, expected);
  if (!hr_units_parse (json_node_get_string (node), unit, out, &local))
    return fail (ld, HR_CIRCUIT_ERROR_UNIT, AT_VALUE, "%s", local->message);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Pins                                                                                     */

static const char *const driver_fields[] = {
  "part", "family", "vcc", "gate", "load", "position", NULL
};
static const char *const receiver_fields[] = {
  "part", "family", "vcc", "gate", "position", "model", NULL
};
static const char *const position_fields[] = { "x", "y", NULL };

static gboolean
read_family (Loader *ld, JsonObject *obj, HrPin *pin, HrFamily **out)
{
  g_autofree char *name = NULL;
  HrFamily *family;
  gboolean ok = TRUE;

  if (!read_string (ld, obj, "family", TRUE, TRUE,
                    "every pin names its logic family, as in \"family\": \"74HC\"", &name))
    return FALSE;
  hr_json_path_push_key (&ld->path, "family");
  family = hr_family_library_lookup (ld->lib, name, NULL);
  if (family == NULL)
    {
      g_autofree char *quoted = hr_json_quote (name, HR_JSON_QUOTE_MAX);
      g_autofree char *known = hr_family_library_known_names (ld->lib);

      ok = fail (ld, HR_CIRCUIT_ERROR_UNKNOWN_FAMILY, AT_VALUE, "unknown family %s; known: %s",
                 quoted, known);
    }
  else
    pin->family = g_strdup (hr_family_get_name (family));
  *out = family;
  hr_json_path_pop (&ld->path);
  return ok;
}

/* VCC must be a supply FAMILY is specified at: inside its range, and for families specified
 * at separate supplies (74LVC: 1.65–1.95 V and 2.7–3.6 V) at one of them, the family
 * library deciding, as it will for the analysis. */
static gboolean
check_vcc (Loader *ld, const HrFamily *family, double vcc_v)
{
  double min_v = hr_family_get_vcc_min (family), max_v = hr_family_get_vcc_max (family);
  g_autoptr(HrLevels) levels = NULL;
  const char *name = hr_family_get_name (family);

  if (family == ld->good_family && vcc_v == ld->good_vcc_v)
    return TRUE;
  if (!(vcc_v >= min_v && vcc_v <= max_v))
    {
      g_autofree char *vcc = hr_units_format (vcc_v, HR_UNIT_VOLT, 0);
      g_autofree char *lo = hr_units_format (min_v, HR_UNIT_VOLT, 0);
      g_autofree char *hi = hr_units_format (max_v, HR_UNIT_VOLT, 0);

      return fail (ld, HR_CIRCUIT_ERROR_VCC_RANGE, AT_VALUE,
                   "%s is outside %s's supply range %s\xe2\x80\xa6%s", vcc, name, lo, hi);
    }
  if ((levels = hr_family_levels_at (family, vcc_v, NULL)) == NULL)
    {
      g_autofree char *vcc = hr_units_format (vcc_v, HR_UNIT_VOLT, 0);
      g_autofree char *supplies = hr_family_describe_supplies (family);

      return fail (ld, HR_CIRCUIT_ERROR_VCC_RANGE, AT_VALUE,
                   "%s falls between %s's specified supplies; use one of %s", vcc, name,
                   supplies);
    }
  ld->good_family = family;
  ld->good_vcc_v = vcc_v;
  return TRUE;
}

static gboolean
read_vcc (Loader *ld, JsonObject *obj, const HrFamily *family, HrPin *pin)
{
  JsonNode *node = member (obj, "vcc");
  gboolean ok;

  hr_json_path_push_key (&ld->path, "vcc");
  if (node == NULL)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT,
               "missing; every pin has its part's supply, as in \"vcc\": \"5V\"");
  else
    ok = read_quantity_node (ld, node, HR_UNIT_VOLT,
                             "a voltage: a string such as \"3.3V\" or a number of volts",
                             &pin->vcc_v)
         && check_vcc (ld, family, pin->vcc_v);
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
read_gate (Loader *ld, JsonObject *obj, HrPin *pin)
{
  JsonNode *node = member (obj, "gate");
  gboolean ok = TRUE;

  pin->gate = HR_GATE_BUFFER;
  if (node == NULL)
    return TRUE;
  hr_json_path_push_key (&ld->path, "gate");
  if (!is_string (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, "a gate type as a string, as in \"nand\"");
  else if (!hr_gate_type_from_string (json_node_get_string (node), &pin->gate))
    {
      g_autofree char *quoted = hr_json_quote (json_node_get_string (node), HR_JSON_QUOTE_MAX);

      ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_VALUE,
                 "unknown gate type %s; expected buffer, inverter, nand, nor, and, or, xor or "
                 "schmitt-inverter", quoted);
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
read_load (Loader *ld, JsonObject *obj, HrPin *pin)
{
  JsonNode *node = member (obj, "load");
  gboolean ok;

  if (node == NULL)
    return TRUE;
  hr_json_path_push_key (&ld->path, "load");
  ok = read_quantity_node (ld, node, HR_UNIT_AMPERE,
                           "a current: a string such as \"2mA\" or a number of amperes",
                           &pin->load_a);
  if (ok && !(fabs (pin->load_a) <= HR_CIRCUIT_LOAD_MAX_A))
    {
      g_autofree char *load = hr_units_format (pin->load_a, HR_UNIT_AMPERE, 0);

      ok = fail (ld, HR_CIRCUIT_ERROR_VALUE, AT_VALUE,
                 "%s is not a logic output's load; expected at most 1A either way, as in "
                 "\"2mA\" (sunk when low) or \"-2mA\" (sourced when high)", load);
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
read_coordinate (Loader *ld, JsonObject *obj, const char *key, double *out)
{
  JsonNode *node = member (obj, key);
  gboolean ok = TRUE;

  hr_json_path_push_key (&ld->path, key);
  if (node == NULL)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT,
               "missing; a position has both x and y, as in {\"x\": 120, \"y\": 40}");
  else if (!is_number (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, "a number (canvas units)");
  else if (!(fabs (*out = json_node_get_double (node)) <= HR_CIRCUIT_POSITION_MAX))
    ok = fail (ld, HR_CIRCUIT_ERROR_VALUE, AT_VALUE,
               "%g is off any canvas; expected a coordinate within \xc2\xb1" "1e9", *out);
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
read_position (Loader *ld, JsonObject *obj, HrPin *pin)
{
  JsonNode *node = member (obj, "position");
  gboolean ok;

  if (node == NULL)
    return TRUE;
  hr_json_path_push_key (&ld->path, "position");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node,
                     "an object such as {\"x\": 120, \"y\": 40}");
  else
    ok = check_fields (ld, json_node_get_object (node), position_fields, "a position")
         && read_coordinate (ld, json_node_get_object (node), "x", &pin->x)
         && read_coordinate (ld, json_node_get_object (node), "y", &pin->y);
  pin->has_position = ok;
  hr_json_path_pop (&ld->path);
  return ok;
}

/* ---------------------------------------------------------------------------------------- */
/* Receiver models                                                                          */

static const char *const model_fields[] = {
  "gate", "model", "file", "vtn", "vtp", "kn", "kp", "lambda", "gamma",
  "wn", "ln", "wp", "lp", "temp", NULL
};

/* The numbers of a model, in file order; LEVEL1: the field belongs to a level1 model (else
 * to cards). */
static const struct {
  const char *key;
  HrUnit unit;
  const char *expected;
  gboolean level1;
  gsize offset;
} model_numbers[] = {
#define NUMBER(key, unit, expected, level1, field) \
  { key, unit, expected, level1, G_STRUCT_OFFSET (HrPinModel, field) }
  NUMBER ("vtn", HR_UNIT_VOLT, "a voltage such as \"0.6V\"", TRUE, vtn_v),
  NUMBER ("vtp", HR_UNIT_VOLT, "a voltage such as \"-0.6V\"", TRUE, vtp_v),
  NUMBER ("kn", HR_UNIT_NONE, "k in A/V² such as \"100u\"", TRUE, kn_a_per_v2),
  NUMBER ("kp", HR_UNIT_NONE, "k in A/V² such as \"50u\"", TRUE, kp_a_per_v2),
  NUMBER ("lambda", HR_UNIT_NONE, "a number of 1/V such as \"0.02\"", TRUE, lambda_per_v),
  NUMBER ("gamma", HR_UNIT_NONE, "a number of V^0.5 such as \"0.4\"", TRUE, gamma_sqrt_v),
  NUMBER ("wn", HR_UNIT_METER, "a length such as \"2um\"", FALSE, wn_m),
  NUMBER ("ln", HR_UNIT_METER, "a length such as \"0.35um\"", FALSE, ln_m),
  NUMBER ("wp", HR_UNIT_METER, "a length such as \"4um\"", FALSE, wp_m),
  NUMBER ("lp", HR_UNIT_METER, "a length such as \"0.35um\"", FALSE, lp_m),
#undef NUMBER
};

/* A string member KEY that must be one of NAMES (case-insensitive, stored as listed). */
static gboolean
read_model_name (Loader *ld, JsonObject *obj, const char *key, const char *const *names,
                 const char *example, char **out)
{
  JsonNode *node = member (obj, key);
  g_autofree char *list = g_strjoinv (", ", (char **) names);
  gboolean ok = FALSE;

  hr_json_path_push_key (&ld->path, key);
  if (node == NULL)
    fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT, "missing; a receiver model names its %s, "
          "one of %s, as in %s", key, list, example);
  else if (!is_string (node))
    wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, "a string");
  else
    {
      for (guint i = 0; names[i] != NULL && !ok; i++)
        if (g_ascii_strcasecmp (json_node_get_string (node), names[i]) == 0)
          {
            *out = g_strdup (names[i]);
            ok = TRUE;
          }
      if (!ok)
        {
          g_autofree char *quoted = hr_json_quote (json_node_get_string (node),
                                                   HR_JSON_QUOTE_MAX);

          fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_VALUE, "unknown %s %s; expected one of %s",
                key, quoted, list);
        }
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
read_model_file (Loader *ld, JsonObject *obj, HrPinModel *m)
{
  const char *problem;
  gboolean ok = TRUE;

  if (!read_string (ld, obj, "file", FALSE, FALSE, NULL, &m->file))
    return FALSE;
  hr_json_path_push_key (&ld->path, "file");
  if (m->file != NULL && (problem = hr_pin_model_file_problem (m->file)) != NULL)
    ok = fail (ld, HR_CIRCUIT_ERROR_VALUE, AT_VALUE, "%s", problem);
  else if (m->file != NULL && strcmp (m->model, "file") != 0)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_KEY, "a .model file is read only with "
               "\"model\": \"file\"; remove it or change the model");
  else if (m->file == NULL && strcmp (m->model, "file") == 0)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT, "missing; a \"file\" model gives the "
               "path of its .model cards (defining nch and pch), relative to the circuit "
               "file, as in \"file\": \"models/c5.lib\"");
  hr_json_path_pop (&ld->path);
  return ok;
}

/* One number of the model (I indexes model_numbers): its unit, its range, and whether a
 * model of this kind takes it at all. */
static gboolean
read_model_number (Loader *ld, JsonObject *obj, guint i, HrPinModel *m)
{
  JsonNode *node = member (obj, model_numbers[i].key);
  double *out = G_STRUCT_MEMBER_P (m, model_numbers[i].offset);
  gboolean level1 = strcmp (m->model, "level1") == 0;
  const char *problem;
  gboolean ok = TRUE;

  hr_json_path_push_key (&ld->path, model_numbers[i].key);
  if (node == NULL && level1 && i < 4)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT, "missing; a level1 model gives vtn, "
               "vtp, kn and kp, as in \"vtn\": \"0.6V\", \"vtp\": \"-0.6V\", "
               "\"kn\": \"100u\", \"kp\": \"50u\"");
  else if (node != NULL && model_numbers[i].level1 != level1)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_KEY, level1
               ? "a level1 model takes no device sizes: its kn and kp are each device's "
                 "k = KP·W/L; remove it"
               : "belongs to a level1 model; a %s model has its own, size its devices with "
                 "wn, ln, wp and lp", m->model);
  else if (node != NULL)
    {
      g_autofree char *expected = g_strdup_printf ("%s, or a number", model_numbers[i].expected);

      ok = read_quantity_node (ld, node, model_numbers[i].unit, expected, out);
      if (ok && (problem = hr_pin_model_value_problem (model_numbers[i].key, *out)) != NULL)
        {
          g_autofree char *text = hr_units_format (*out, model_numbers[i].unit, 0);

          ok = fail (ld, HR_CIRCUIT_ERROR_VALUE, AT_VALUE, "%s is %s", text, problem);
        }
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
read_model_temp (Loader *ld, JsonObject *obj, HrPinModel *m)
{
  JsonNode *node = member (obj, "temp");
  const char *problem;
  gboolean ok;

  if (node == NULL)
    return TRUE;
  hr_json_path_push_key (&ld->path, "temp");
  ok = read_quantity_node (ld, node, HR_UNIT_CELSIUS,
                           "a temperature such as \"27C\", or a number of degrees Celsius",
                           &m->temp_c);
  if (ok && (problem = hr_pin_model_value_problem ("temp", m->temp_c)) != NULL)
    {
      g_autofree char *text = hr_units_format (m->temp_c, HR_UNIT_CELSIUS, 0);

      ok = fail (ld, HR_CIRCUIT_ERROR_VALUE, AT_VALUE, "%s is %s", text, problem);
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
read_model_fields (Loader *ld, JsonObject *obj, HrPinModel *m)
{
  if (!check_fields (ld, obj, model_fields, "a receiver model")
      || !read_model_name (ld, obj, "gate", hr_pin_model_gate_names (), "\"gate\": \"inv\"",
                           &m->gate)
      || !read_model_name (ld, obj, "model", hr_pin_model_kind_names (),
                           "\"model\": \"level1\"", &m->model)
      || !read_model_file (ld, obj, m))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (model_numbers); i++)
    if (!read_model_number (ld, obj, i, m))
      return FALSE;
  return read_model_temp (ld, obj, m);
}

/* A receiver's "model": a transistor-level description of its input (absent or null: none). */
static gboolean
read_model (Loader *ld, JsonObject *obj, HrPin *pin)
{
  JsonNode *node = member (obj, "model");
  gboolean ok;

  if (node == NULL)
    return TRUE;
  hr_json_path_push_key (&ld->path, "model");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, "an object such as {\"gate\": "
                     "\"inv\", \"model\": \"bsim3-3v3\"}");
  else
    {
      pin->model = hr_pin_model_new (NULL, NULL);
      ok = read_model_fields (ld, json_node_get_object (node), pin->model);
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

/* Fields a pin of the other kind has, each with its own explanation. */
static gboolean
check_pin_extras (Loader *ld, JsonObject *obj, gboolean is_driver)
{
  const char *key = is_driver ? "model" : "load";
  gboolean ok;

  if (!json_object_has_member (obj, key))
    return TRUE;
  hr_json_path_push_key (&ld->path, key);
  ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_KEY, is_driver
             ? "only a receiver has a model; the driver's output is judged by its datasheet "
               "levels"
             : "only a driver has a load; put extra DC loads on the net's driver");
  hr_json_path_pop (&ld->path);
  return ok;
}

/* The pin at the current path (ld->path ends in "driver" or "receivers[i]"). */
static gboolean
load_pin (Loader *ld, JsonNode *node, gboolean is_driver, HrPin *pin)
{
  HrFamily *family = NULL;
  JsonObject *obj;

  memset (pin, 0, sizeof *pin);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node,
                       "a pin: an object such as {\"family\": \"74HC\", \"vcc\": \"5V\"}");
  obj = json_node_get_object (node);
  return check_pin_extras (ld, obj, is_driver)
         && check_fields (ld, obj, is_driver ? driver_fields : receiver_fields,
                          is_driver ? "a driver" : "a receiver")
         && read_string (ld, obj, "part", FALSE, TRUE, NULL, &pin->part)
         && read_family (ld, obj, pin, &family)
         && read_vcc (ld, obj, family, pin)
         && read_gate (ld, obj, pin)
         && (!is_driver || read_load (ld, obj, pin))
         && read_position (ld, obj, pin)
         && (is_driver || read_model (ld, obj, pin));
}

/* ---------------------------------------------------------------------------------------- */
/* Nets                                                                                     */

static const char *const net_fields[] = { "name", "comment", "driver", "receivers", NULL };

static gboolean
read_net_name (Loader *ld, HrCircuit *circuit, JsonObject *obj, HrNet *net)
{
  int other;

  if (!read_string (ld, obj, "name", TRUE, TRUE,
                    "every net has a name, as in \"name\": \"clk\"", &net->name))
    return FALSE;
  other = hr_circuit_net_index (circuit, net->name);
  if (other >= 0)
    {
      g_autofree char *quoted = hr_json_quote (net->name, HR_JSON_QUOTE_MAX);
      gboolean ok;

      hr_json_path_push_key (&ld->path, "name");
      ok = fail (ld, HR_CIRCUIT_ERROR_DUPLICATE, AT_VALUE,
                 "duplicate net name %s (also nets[%d]); net names are unique", quoted, other);
      hr_json_path_pop (&ld->path);
      return ok;
    }
  return TRUE;
}

static gboolean
read_driver (Loader *ld, JsonObject *obj, HrNet *net)
{
  JsonNode *node = member (obj, "driver");
  gboolean ok;

  hr_json_path_push_key (&ld->path, "driver");
  if (node == NULL)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT,
               "missing; every net has one driver, as in "
               "\"driver\": {\"family\": \"74HC\", \"vcc\": \"5V\"}");
  else
    ok = load_pin (ld, node, TRUE, &net->driver);
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
read_receivers (Loader *ld, JsonObject *obj, HrNet *net)
{
  JsonNode *node = member (obj, "receivers");
  JsonArray *array = NULL;
  gboolean ok = TRUE;

  hr_json_path_push_key (&ld->path, "receivers");
  if (node == NULL)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT,
               "missing; every net has at least one receiver, as in "
               "\"receivers\": [{\"family\": \"74HC\", \"vcc\": \"5V\"}]");
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, "an array of pins");
  else if (json_array_get_length (array = json_node_get_array (node)) == 0)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_VALUE,
               "empty; every net has at least one receiver");
  for (guint i = 0; ok && array != NULL && i < json_array_get_length (array); i++)
    {
      HrPin pin;

      hr_json_path_push_index (&ld->path, i);
      ok = load_pin (ld, json_array_get_element (array, i), FALSE, &pin);
      hr_json_path_pop (&ld->path);
      g_array_append_val (net->receivers, pin);  /* even half read: the array clears it */
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

/* The net at the current path (ld->path ends in "nets[i]"). */
static gboolean
load_net (Loader *ld, HrCircuit *circuit, JsonNode *node)
{
  HrNet net;
  JsonObject *obj;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node,
                       "a net: an object with name, driver and receivers");
  obj = json_node_get_object (node);
  hr_net_init (&net, NULL);
  ok = check_fields (ld, obj, net_fields, "a net")
       && read_net_name (ld, circuit, obj, &net)
       && read_string (ld, obj, "comment", FALSE, FALSE, NULL, &net.comment)
       && read_driver (ld, obj, &net)
       && read_receivers (ld, obj, &net);
  if (ok)
    hr_circuit_take_net (circuit, &net);
  hr_net_clear (&net);
  return ok;
}

/* ---------------------------------------------------------------------------------------- */
/* The top level                                                                            */

static const char *const top_fields[] = {
  "format", "version", "name", "description", "nets",
  "traces", "coupling", "supplies", "touch_panels", NULL
};

/* Fields of later versions: accepted absent, null or empty, so that files written for them
 * without using them still read. */
static const struct {
  const char *key;
  const char *capability;
} reserved_fields[] = {
  { "traces", "interconnect traces (crosstalk, reflections)" },
  { "coupling", "coupling between traces" },
  { "supplies", "supply and ground networks (ground bounce)" },
  { "touch_panels", "ITO touch panels" },
};

static gboolean
check_reserved (Loader *ld, JsonObject *obj)
{
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < G_N_ELEMENTS (reserved_fields); i++)
    {
      JsonNode *node = member (obj, reserved_fields[i].key);

      if (node == NULL)
        continue;
      hr_json_path_push_key (&ld->path, reserved_fields[i].key);
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_autofree char *expected = g_strdup_printf ("an empty array [] (the field is "
                                                       "reserved for %s)",
                                                       reserved_fields[i].capability);

          ok = wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, expected);
        }
      else if (json_array_get_length (json_node_get_array (node)) > 0)
        ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_VALUE,
                   "reserved for %s, which a later version of headroom reads; this one takes "
                   "only an empty list here: remove the entries", reserved_fields[i].capability);
      hr_json_path_pop (&ld->path);
    }
  return ok;
}

/* "1", "2", "1.5", "1e+300": a version number as written. (transfer full) */
static char *
version_text (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

static gboolean
check_version (Loader *ld, JsonObject *obj)
{
  JsonNode *node = member (obj, "version");
  g_autofree char *text = NULL;
  double v;
  gboolean ok = TRUE;

  hr_json_path_push_key (&ld->path, "version");
  if (node == NULL)
    ok = fail (ld, HR_CIRCUIT_ERROR_FORMAT, AT_PARENT, "missing; expected \"version\": 1");
  else if (!is_number (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_FORMAT, node, "the number 1");
  else if ((v = json_node_get_double (node)) > HR_CIRCUIT_VERSION && v == floor (v))
    ok = fail (ld, HR_CIRCUIT_ERROR_FORMAT, AT_VALUE,
               "written by a newer headroom (version %s); this one reads version 1",
               (text = version_text (v)));
  else if (v != HR_CIRCUIT_VERSION)
    ok = fail (ld, HR_CIRCUIT_ERROR_FORMAT, AT_VALUE,
               "%s is not a version of this format; expected 1", (text = version_text (v)));
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
check_format (Loader *ld, JsonObject *obj)
{
  JsonNode *node = member (obj, "format");
  gboolean ok = TRUE;

  hr_json_path_push_key (&ld->path, "format");
  if (node == NULL)
    ok = fail (ld, HR_CIRCUIT_ERROR_FORMAT, AT_PARENT,
               "missing; a circuit file begins \"format\": \"headroom-circuit\", "
               "\"version\": 1");
  else if (!is_string (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_FORMAT, node, "the string \"headroom-circuit\"");
  else if (strcmp (json_node_get_string (node), HR_CIRCUIT_FORMAT) != 0)
    {
      g_autofree char *quoted = hr_json_quote (json_node_get_string (node), HR_JSON_QUOTE_MAX);

      ok = fail (ld, HR_CIRCUIT_ERROR_FORMAT, AT_VALUE,
                 "%s is not a headroom circuit; expected \"headroom-circuit\"", quoted);
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

static gboolean
load_nets (Loader *ld, HrCircuit *circuit, JsonObject *obj)
{
  JsonNode *node = member (obj, "nets");
  gboolean ok = TRUE;

  hr_json_path_push_key (&ld->path, "nets");
  if (node == NULL)
    ok = fail (ld, HR_CIRCUIT_ERROR_SCHEMA, AT_PARENT,
               "missing; a circuit lists its nets, \"nets\": [] when it has none yet");
  else if (!JSON_NODE_HOLDS_ARRAY (node))
    ok = wrong_type (ld, HR_CIRCUIT_ERROR_SCHEMA, node, "an array of nets");
  else
    {
      JsonArray *nets = json_node_get_array (node);

      for (guint i = 0; ok && i < json_array_get_length (nets); i++)
        {
          hr_json_path_push_index (&ld->path, i);
          ok = load_net (ld, circuit, json_array_get_element (nets, i));
          hr_json_path_pop (&ld->path);
        }
    }
  hr_json_path_pop (&ld->path);
  return ok;
}

static HrCircuit *
load_root (Loader *ld, JsonNode *root)
{
  g_autoptr(HrCircuit) circuit = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      wrong_type (ld, HR_CIRCUIT_ERROR_FORMAT, root,
                  "an object {\"format\": \"headroom-circuit\", \"version\": 1, ...}");
      return NULL;
    }
  obj = json_node_get_object (root);
  /* Format and version first: a newer file is refused as newer, not for a field this
   * version does not know. */
  if (!check_format (ld, obj) || !check_version (ld, obj)
      || !check_fields (ld, obj, top_fields, "a circuit")
      || !check_reserved (ld, obj)
      || !read_string (ld, obj, "name", TRUE, TRUE,
                       "a circuit has a name, as in \"name\": \"clock tree\"", &name)
      || !read_string (ld, obj, "description", FALSE, FALSE, NULL, &description))
    return NULL;
  circuit = hr_circuit_new (name);
  hr_circuit_set_description (circuit, description);
  if (!load_nets (ld, circuit, obj))
    return NULL;
  return g_steal_pointer (&circuit);
}

/* ---------------------------------------------------------------------------------------- */
/* Entry points                                                                             */

static void
too_large (GError **error, const char *file)
{
  g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_FORMAT,
               "%s: larger than 16 MiB (16777216 bytes), the most a circuit file may have",
               file);
}

HrCircuit *
hr_circuit_load_from_data (const char *data, gssize length, const char *name_for_errors,
                           HrFamilyLibrary *lib, GError **error)
{
  const char *file = name_for_errors != NULL ? name_for_errors : "<data>";
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  Loader ld = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (lib != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > HR_CIRCUIT_FILE_MAX)
    {
      too_large (error, file);
      return NULL;
    }
  if ((root = hr_json_parse (&data, &len, file, HR_CIRCUIT_FORMAT, error)) == NULL)
    return NULL;
  ld.file = file;
  ld.text = data;
  ld.len = len;
  ld.lib = lib;
  ld.error = error;
  return load_root (&ld, root);
}

HrCircuit *
hr_circuit_load (const char *path, HrFamilyLibrary *lib, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (lib != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!hr_json_read_file (path, HR_CIRCUIT_FILE_MAX, &data, &len, error))
    return NULL;
  if (len > HR_CIRCUIT_FILE_MAX)
    {
      too_large (error, path);
      return NULL;
    }
  return hr_circuit_load_from_data (data, (gssize) len, path, lib, error);
}
