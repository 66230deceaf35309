/* circuit.c — HrCircuit: named nets, each one driver and its receivers.
 * Loading is in circuit-load.c, saving in circuit-save.c. */
#include <math.h>
#include <string.h>

#include "circuit-private.h"
#include "json-scan.h"

G_DEFINE_BOXED_TYPE (HrCircuit, hr_circuit, hr_circuit_ref, hr_circuit_unref)

/* ---------------------------------------------------------------------------------------- */
/* Gate types                                                                               */

static const char *const gate_names[] = {
  [HR_GATE_BUFFER] = "buffer",
  [HR_GATE_INVERTER] = "inverter",
  [HR_GATE_NAND] = "nand",
  [HR_GATE_NOR] = "nor",
  [HR_GATE_AND] = "and",
  [HR_GATE_OR] = "or",
  [HR_GATE_XOR] = "xor",
  [HR_GATE_SCHMITT_INVERTER] = "schmitt-inverter",
};

const char *
hr_gate_type_to_string (HrGateType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (gate_names), NULL);
  return gate_names[type];
}

gboolean
hr_gate_type_from_string (const char *text, HrGateType *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (gate_names); i++)
    if (g_ascii_strcasecmp (text, gate_names[i]) == 0)
      {
        if (out != NULL)
          *out = (HrGateType) i;
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* Receiver models                                                                          */

G_DEFINE_BOXED_TYPE (HrPinModel, hr_pin_model, hr_pin_model_copy, hr_pin_model_free)

HrPinModel *
hr_pin_model_new (const char *gate, const char *model)
{
  HrPinModel *m = g_new0 (HrPinModel, 1);

  m->gate = g_strdup (gate);
  m->model = g_strdup (model);
  m->vtn_v = m->vtp_v = m->kn_a_per_v2 = m->kp_a_per_v2 = NAN;
  m->lambda_per_v = m->gamma_sqrt_v = NAN;
  m->wn_m = m->ln_m = m->wp_m = m->lp_m = NAN;
  m->temp_c = NAN;
  return m;
}

HrPinModel *
hr_pin_model_copy (const HrPinModel *model)
{
  HrPinModel *m;

  g_return_val_if_fail (model != NULL, NULL);
  m = g_memdup2 (model, sizeof *model);
  m->gate = g_strdup (model->gate);
  m->model = g_strdup (model->model);
  m->file = g_strdup (model->file);
  return m;
}

void
hr_pin_model_free (HrPinModel *model)
{
  if (model == NULL)
    return;
  g_free (model->gate);
  g_free (model->model);
  g_free (model->file);
  g_free (model);
}

/* Exact, with NAN ("not given") equal to itself: a save writes numbers that read back bit
 * for bit and leaves NANs out. */
static gboolean
same (double a, double b)
{
  return a == b || (isnan (a) && isnan (b));
}

gboolean
hr_pin_model_equal (const HrPinModel *a, const HrPinModel *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->gate, b->gate) == 0 && g_strcmp0 (a->model, b->model) == 0
         && g_strcmp0 (a->file, b->file) == 0
         && same (a->vtn_v, b->vtn_v) && same (a->vtp_v, b->vtp_v)
         && same (a->kn_a_per_v2, b->kn_a_per_v2) && same (a->kp_a_per_v2, b->kp_a_per_v2)
         && same (a->lambda_per_v, b->lambda_per_v) && same (a->gamma_sqrt_v, b->gamma_sqrt_v)
         && same (a->wn_m, b->wn_m) && same (a->ln_m, b->ln_m)
         && same (a->wp_m, b->wp_m) && same (a->lp_m, b->lp_m)
         && same (a->temp_c, b->temp_c);
}

static const char *const model_gates[] = { "inv", "nand2", "nor2", "buf", "schmitt", NULL };
static const char *const model_kinds[] = {
  "level1", "bsim3-5v", "bsim3-3v3", "bsim3-1v8", "file", NULL
};

const char *const *
hr_pin_model_gate_names (void)
{
  return model_gates;
}

const char *const *
hr_pin_model_kind_names (void)
{
  return model_kinds;
}

static gboolean
in_list (const char *text, const char *const *list)
{
  for (guint i = 0; text != NULL && list[i] != NULL; i++)
    if (strcmp (text, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* NAN (not given) is always in range; a given number must be finite and in [LO, HI]. */
static gboolean
optional_in (double v, double lo, double hi)
{
  return isnan (v) || (v >= lo && v <= hi);
}

const char *
hr_pin_model_value_problem (const char *field, double v)
{
  static const struct { const char *field; double lo, hi; const char *problem; } ranges[] = {
    { "vtn", 1e-3, 10, "not an enhancement NMOS threshold; expected 1mV to 10V, as in \"0.6V\"" },
    { "vtp", -10, -1e-3, "not an enhancement PMOS threshold, which is negative; expected -10V "
                         "to -1mV, as in \"-0.6V\"" },
    { "kn", 1e-9, 1, "not a transconductance parameter k = KP·W/L; expected 1n to 1 (A/V²), "
                     "as in \"100u\"" },
    { "kp", 1e-9, 1, "not a transconductance parameter k = KP·W/L; expected 1n to 1 (A/V²), "
                     "as in \"50u\"" },
    { "lambda", 0, 0.999, "not a channel-length modulation; expected 0 to 0.999 (1/V), as in "
                          "\"0.02\"" },
    { "gamma", 0, 9.999, "not a body-effect coefficient; expected 0 to 9.999 (V^0.5), as in "
                         "\"0.4\"" },
    { "wn", 10e-9, 1e-3, "not a transistor size; expected 10nm to 1mm, as in \"2um\"" },
    { "ln", 10e-9, 1e-3, "not a transistor size; expected 10nm to 1mm, as in \"0.35um\"" },
    { "wp", 10e-9, 1e-3, "not a transistor size; expected 10nm to 1mm, as in \"4um\"" },
    { "lp", 10e-9, 1e-3, "not a transistor size; expected 10nm to 1mm, as in \"0.35um\"" },
    { "temp", -273.15, 500, "not a temperature a model is simulated at; expected -273.15C to "
                            "500C, as in \"27C\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (strcmp (field, ranges[i].field) == 0)
      return optional_in (v, ranges[i].lo, ranges[i].hi) ? NULL : ranges[i].problem;
  return NULL;
}

/* Which numbers a model of kind KIND takes: level 1 has its own, cards only sizes (a card's
 * k comes from its own parameters and the sizes). */
static const char *
fields_problem (const HrPinModel *m)
{
  gboolean level1 = strcmp (m->model, "level1") == 0;
  gboolean has_level1 = !isnan (m->vtn_v) || !isnan (m->vtp_v) || !isnan (m->kn_a_per_v2)
                        || !isnan (m->kp_a_per_v2) || !isnan (m->lambda_per_v)
                        || !isnan (m->gamma_sqrt_v);
  gboolean has_sizes = !isnan (m->wn_m) || !isnan (m->ln_m) || !isnan (m->wp_m)
                       || !isnan (m->lp_m);

  if (level1 && (isnan (m->vtn_v) || isnan (m->vtp_v) || isnan (m->kn_a_per_v2)
                 || isnan (m->kp_a_per_v2)))
    return "a level1 model needs vtn, vtp, kn and kp";
  if (level1 && has_sizes)
    return "a level1 model takes no wn, ln, wp or lp: its kn and kp are the devices' k";
  if (!level1 && has_level1)
    return "vtn, vtp, kn, kp, lambda and gamma belong to a level1 model";
  if ((strcmp (m->model, "file") == 0) != (m->file != NULL))
    return m->file != NULL ? "a file is given only with \"model\": \"file\""
                           : "a \"file\" model needs the path of its .model cards";
  return NULL;
}

const char *
hr_pin_model_problem (const HrPinModel *m)
{
  static const char *const numbers[] = { "vtn", "vtp", "kn", "kp", "lambda", "gamma",
                                         "wn", "ln", "wp", "lp", "temp" };
  double values[G_N_ELEMENTS (numbers)];
  const char *problem;

  g_return_val_if_fail (m != NULL, NULL);
  if (!in_list (m->gate, model_gates))
    return "unknown gate of a model; expected inv, nand2, nor2, buf or schmitt";
  if (!in_list (m->model, model_kinds))
    return "unknown model; expected level1, bsim3-5v, bsim3-3v3, bsim3-1v8 or file";
  if (m->file != NULL && (problem = hr_pin_model_file_problem (m->file)) != NULL)
    return problem;
  values[0] = m->vtn_v, values[1] = m->vtp_v, values[2] = m->kn_a_per_v2;
  values[3] = m->kp_a_per_v2, values[4] = m->lambda_per_v, values[5] = m->gamma_sqrt_v;
  values[6] = m->wn_m, values[7] = m->ln_m, values[8] = m->wp_m, values[9] = m->lp_m;
  values[10] = m->temp_c;
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if ((problem = hr_pin_model_value_problem (numbers[i], values[i])) != NULL)
      return problem;
  return fields_problem (m);
}

const char *
hr_pin_model_file_problem (const char *path)
{
  if (*path == '\0')
    return "an empty path; give the .model file's path, relative to the circuit file";
  if (!g_utf8_validate (path, -1, NULL))
    return "not UTF-8 text";
  if (strlen (path) > HR_CIRCUIT_PATH_MAX)
    return "longer than 4096 bytes; a path is shorter";
  for (const char *p = path; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return "holds a control character (a line break or a tab); a path is one line";
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Pins and nets                                                                            */

void
hr_pin_clear (HrPin *pin)
{
  g_return_if_fail (pin != NULL);
  g_clear_pointer (&pin->part, g_free);
  g_clear_pointer (&pin->family, g_free);
  g_clear_pointer (&pin->model, hr_pin_model_free);
}

void
hr_net_init (HrNet *net, const char *name)
{
  g_return_if_fail (net != NULL);
  memset (net, 0, sizeof *net);
  net->name = g_strdup (name);
  net->receivers = g_array_new (FALSE, TRUE, sizeof (HrPin));
  g_array_set_clear_func (net->receivers, (GDestroyNotify) hr_pin_clear);
}

void
hr_net_clear (HrNet *net)
{
  g_return_if_fail (net != NULL);
  g_clear_pointer (&net->name, g_free);
  hr_pin_clear (&net->driver);
  g_clear_pointer (&net->receivers, g_array_unref);
  g_clear_pointer (&net->comment, g_free);
}

static void
pin_copy (HrPin *dst, const HrPin *src)
{
  *dst = *src;
  dst->part = g_strdup (src->part);
  dst->family = g_strdup (src->family);
  dst->model = src->model ? hr_pin_model_copy (src->model) : NULL;
  if (!dst->has_position)
    dst->x = dst->y = 0;
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

/* ---------------------------------------------------------------------------------------- */
/* Checks shared with the loader                                                            */

const char *
hr_circuit_name_problem (const char *name)
{
  if (name == NULL || *name == '\0')
    return "empty; a name has at least one character, as in \"clk\"";
  if (!g_utf8_validate (name, -1, NULL))
    return "not UTF-8 text";
  if (g_utf8_strlen (name, -1) > HR_CIRCUIT_NAME_MAX)
    return "longer than 128 characters; shorten it";
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return "holds a control character (a line break or a tab); a name is one line of text";
  return NULL;
}

const char *
hr_circuit_text_problem (const char *text)
{
  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return "not UTF-8 text";
  if (strlen (text) > HR_CIRCUIT_TEXT_MAX)
    return "longer than 65536 bytes; keep notes short or put them in a separate document";
  return NULL;
}

/* What is wrong with PIN (from a program, not a file: the loader checks files against the
 * family library and names the JSON path). */
static const char *
pin_problem (const HrPin *pin, gboolean is_driver)
{
  if (pin->family == NULL || *pin->family == '\0')
    return "no family; every pin names its logic family, as in \"74HC\"";
  if (pin->part != NULL && hr_circuit_name_problem (pin->part) != NULL)
    return "a part name that is empty, not one line of text or over 128 characters";
  if (!isfinite (pin->vcc_v) || pin->vcc_v <= 0)
    return "vcc must be a positive, finite voltage";
  if ((guint) pin->gate >= G_N_ELEMENTS (gate_names))
    return "unknown gate type";
  if (!isfinite (pin->load_a) || fabs (pin->load_a) > HR_CIRCUIT_LOAD_MAX_A)
    return "load must be finite and at most 1 A in magnitude";
  if (!is_driver && pin->load_a != 0)
    return "only a driver has a load";
  if (pin->has_position
      && !(fabs (pin->x) <= HR_CIRCUIT_POSITION_MAX && fabs (pin->y) <= HR_CIRCUIT_POSITION_MAX))
    return "position must be finite and within ±1e9";
  if (is_driver && pin->model != NULL)
    return "only a receiver has a model";
  if (pin->model != NULL)
    return hr_pin_model_problem (pin->model);
  return NULL;
}

static gboolean
net_check (const HrCircuit *circuit, const HrNet *net, GError **error)
{
  g_autofree char *quoted = NULL;
  const char *problem = hr_circuit_name_problem (net->name);

  if (problem != NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE, "net name: %s", problem);
      return FALSE;
    }
  quoted = hr_json_quote (net->name, HR_JSON_QUOTE_MAX);
  if (hr_circuit_net_index (circuit, net->name) >= 0)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_DUPLICATE,
                   "net %s: the circuit has a net of that name already; net names are unique",
                   quoted);
      return FALSE;
    }
  if ((problem = hr_circuit_text_problem (net->comment)) != NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE, "net %s: comment: %s",
                   quoted, problem);
      return FALSE;
    }
  if (net->receivers == NULL || net->receivers->len == 0)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SCHEMA,
                   "net %s: no receivers; a net has at least one", quoted);
      return FALSE;
    }
  if ((problem = pin_problem (&net->driver, TRUE)) != NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE, "net %s: driver: %s",
                   quoted, problem);
      return FALSE;
    }
  for (guint i = 0; i < net->receivers->len; i++)
    if ((problem = pin_problem (&g_array_index (net->receivers, HrPin, i), FALSE)) != NULL)
      {
        g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                     "net %s: receiver %u: %s", quoted, i, problem);
        return FALSE;
      }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* HrCircuit                                                                                */

HrCircuit *
hr_circuit_new (const char *name)
{
  HrCircuit *circuit;

  g_return_val_if_fail (hr_circuit_name_problem (name) == NULL, NULL);

  circuit = g_new0 (HrCircuit, 1);
  g_atomic_ref_count_init (&circuit->ref_count);
  circuit->name = g_strdup (name);
  circuit->nets = g_array_new (FALSE, TRUE, sizeof (HrNet));
  g_array_set_clear_func (circuit->nets, (GDestroyNotify) hr_net_clear);
  circuit->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  return circuit;
}

HrCircuit *
hr_circuit_ref (HrCircuit *circuit)
{
  g_return_val_if_fail (circuit != NULL, NULL);
  g_atomic_ref_count_inc (&circuit->ref_count);
  return circuit;
}

void
hr_circuit_unref (HrCircuit *circuit)
{
  g_return_if_fail (circuit != NULL);
  if (!g_atomic_ref_count_dec (&circuit->ref_count))
    return;
  g_hash_table_unref (circuit->by_name);
  g_array_unref (circuit->nets);
  g_free (circuit->description);
  g_free (circuit->name);
  g_free (circuit);
}

const char *
hr_circuit_get_name (const HrCircuit *circuit)
{
  g_return_val_if_fail (circuit != NULL, NULL);
  return circuit->name;
}

const char *
hr_circuit_get_description (const HrCircuit *circuit)
{
  g_return_val_if_fail (circuit != NULL, NULL);
  return circuit->description;
}

void
hr_circuit_set_description (HrCircuit *circuit, const char *text)
{
  g_return_if_fail (circuit != NULL);
  g_return_if_fail (hr_circuit_text_problem (text) == NULL);
  if (text == circuit->description)
    return;
  g_free (circuit->description);
  circuit->description = g_strdup (text);
}

guint
hr_circuit_get_n_nets (const HrCircuit *circuit)
{
  g_return_val_if_fail (circuit != NULL, 0);
  return circuit->nets->len;
}

const HrNet *
hr_circuit_get_net (const HrCircuit *circuit, guint index)
{
  g_return_val_if_fail (circuit != NULL, NULL);
  g_return_val_if_fail (index < circuit->nets->len, NULL);
  return &g_array_index (circuit->nets, HrNet, index);
}

int
hr_circuit_net_index (const HrCircuit *circuit, const char *name)
{
  gpointer value = g_hash_table_lookup (circuit->by_name, name);

  return value != NULL ? GPOINTER_TO_INT (value) - 1 : -1;
}

const HrNet *
hr_circuit_find_net (const HrCircuit *circuit, const char *name)
{
  int index;

  g_return_val_if_fail (circuit != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  index = hr_circuit_net_index (circuit, name);
  return index >= 0 ? &g_array_index (circuit->nets, HrNet, index) : NULL;
}

void
hr_circuit_take_net (HrCircuit *circuit, HrNet *net)
{
  HrNet *stored;

  g_array_append_val (circuit->nets, *net);
  memset (net, 0, sizeof *net);
  stored = &g_array_index (circuit->nets, HrNet, circuit->nets->len - 1);
  /* Keys are the nets' own name strings: they do not move when the array grows. */
  g_hash_table_insert (circuit->by_name, stored->name, GINT_TO_POINTER (circuit->nets->len));
}

gboolean
hr_circuit_add_net (HrCircuit *circuit, const HrNet *net, GError **error)
{
  HrNet copy;

  g_return_val_if_fail (circuit != NULL, FALSE);
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!net_check (circuit, net, error))
    return FALSE;
  net_copy (&copy, net);
  hr_circuit_take_net (circuit, &copy);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Equality                                                                                 */

/* Values compare exactly: a saved file reads back bit for bit (hr_units_format() with
 * DIGITS 0 writes the shortest exact text), so a tolerance would only hide a lossy save. */
static gboolean
pin_equal (const HrPin *a, const HrPin *b)
{
  return g_strcmp0 (a->part, b->part) == 0
         && g_strcmp0 (a->family, b->family) == 0
         && a->vcc_v == b->vcc_v
         && a->gate == b->gate
         && a->load_a == b->load_a
         && a->has_position == b->has_position
         && (!a->has_position || (a->x == b->x && a->y == b->y))
         && hr_pin_model_equal (a->model, b->model);
}

static gboolean
net_equal (const HrNet *a, const HrNet *b)
{
  if (g_strcmp0 (a->name, b->name) != 0 || g_strcmp0 (a->comment, b->comment) != 0
      || !pin_equal (&a->driver, &b->driver) || a->receivers->len != b->receivers->len)
    return FALSE;
  for (guint i = 0; i < a->receivers->len; i++)
    if (!pin_equal (&g_array_index (a->receivers, HrPin, i),
                    &g_array_index (b->receivers, HrPin, i)))
      return FALSE;
  return TRUE;
}

gboolean
hr_circuit_equal (const HrCircuit *a, const HrCircuit *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (a == b)
    return TRUE;
  if (g_strcmp0 (a->name, b->name) != 0 || g_strcmp0 (a->description, b->description) != 0
      || a->nets->len != b->nets->len)
    return FALSE;
  for (guint i = 0; i < a->nets->len; i++)
    if (!net_equal (&g_array_index (a->nets, HrNet, i), &g_array_index (b->nets, HrNet, i)))
      return FALSE;
  return TRUE;
}

gboolean
hr_circuit_has_models (const HrCircuit *circuit)
{
  g_return_val_if_fail (circuit != NULL, FALSE);
  for (guint i = 0; i < circuit->nets->len; i++)
    {
      const HrNet *net = &g_array_index (circuit->nets, HrNet, i);

      for (guint j = 0; j < net->receivers->len; j++)
        if (g_array_index (net->receivers, HrPin, j).model != NULL)
          return TRUE;
    }
  return FALSE;
}
