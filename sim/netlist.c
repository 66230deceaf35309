/* netlist.c — HrNetlist: building and validating the IR. */
#include "sim-private.h"

#include <math.h>
#include <string.h>

G_DEFINE_QUARK (hr-sim-error-quark, hr_sim_error)
G_DEFINE_BOXED_TYPE (HrNetlist, hr_netlist, hr_netlist_ref, hr_netlist_unref)

static void
param_clear (gpointer p)
{
  g_free (((HrParam *) p)->name);
}

static GArray *
param_array_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (HrParam));
  g_array_set_clear_func (a, param_clear);
  return a;
}

static void
element_free (gpointer p)
{
  HrElement *el = p;
  g_free (el->name);
  g_strfreev (el->nodes);
  g_free (el->ref);
  g_free (el->ref2);
  g_clear_pointer (&el->params, g_array_unref);
  g_clear_pointer (&el->wave_args, g_array_unref);
  hr_line_spec_free (el->line);
  g_free (el);
}

static void
model_free (gpointer p)
{
  HrModel *m = p;
  g_free (m->name);
  g_array_unref (m->params);
  g_free (m);
}

static void
analysis_free (gpointer p)
{
  HrAnalysis *an = p;
  g_free (an->src);
  g_free (an->src2);
  g_free (an);
}

static void
user_block_free (gpointer p)
{
  HrUserBlock *b = p;
  g_free (b->origin);
  g_free (b->text);
  g_free (b);
}

HrNetlist *
hr_netlist_new (const char *title)
{
  HrNetlist *nl = g_new0 (HrNetlist, 1);
  nl->ref_count = 1;
  nl->title = g_strdup (title != NULL && *title != '\0' ? title : "netlist");
  g_strcanon (nl->title, G_CSET_A_2_Z G_CSET_a_2_z G_CSET_DIGITS "-_.", '_');
  nl->elements = g_ptr_array_new_with_free_func (element_free);
  nl->element_index = g_hash_table_new (g_str_hash, g_str_equal);
  nl->models = g_ptr_array_new_with_free_func (model_free);
  nl->user_blocks = g_ptr_array_new_with_free_func (user_block_free);
  nl->analyses = g_ptr_array_new_with_free_func (analysis_free);
  nl->outputs = g_ptr_array_new_with_free_func (g_free);
  nl->options = param_array_new ();
  nl->initial = param_array_new ();
  return nl;
}

HrNetlist *
hr_netlist_ref (HrNetlist *netlist)
{
  g_return_val_if_fail (netlist != NULL, NULL);
  g_atomic_int_inc (&netlist->ref_count);
  return netlist;
}

void
hr_netlist_unref (HrNetlist *netlist)
{
  if (netlist == NULL || !g_atomic_int_dec_and_test (&netlist->ref_count))
    return;
  g_free (netlist->title);
  g_hash_table_unref (netlist->element_index);
  g_ptr_array_unref (netlist->elements);
  g_ptr_array_unref (netlist->models);
  g_ptr_array_unref (netlist->user_blocks);
  g_ptr_array_unref (netlist->analyses);
  g_ptr_array_unref (netlist->outputs);
  g_array_unref (netlist->options);
  g_array_unref (netlist->initial);
  g_clear_error (&netlist->error);
  g_free (netlist);
}

const char *
hr_netlist_get_title (HrNetlist *netlist)
{
  return netlist->title;
}

const GError *
hr_netlist_get_error (HrNetlist *netlist)
{
  return netlist->error;
}

/* Reports a builder error to the caller and remembers the first one in the netlist. */
G_GNUC_PRINTF (4, 5) static gboolean
fail (HrNetlist *nl, GError **error, HrSimError code, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (nl->error == NULL)
    nl->error = g_error_new (HR_SIM_ERROR, code, "%s: %s", nl->title, msg);
  g_set_error (error, HR_SIM_ERROR, code, "%s: %s", nl->title, msg);
  return FALSE;
}

static gboolean
name_is_safe (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Lower-case node name, "gnd" -> "0"; NULL if not SPICE-safe. */
static char *
node_name (const char *node)
{
  char *n;
  if (!name_is_safe (node))
    return NULL;
  n = g_ascii_strdown (node, -1);
  if (g_str_equal (n, "gnd"))
    {
      g_free (n);
      n = g_strdup ("0");
    }
  return n;
}

static gboolean
check_value (HrNetlist *nl, GError **error, const char *what, const char *name, double v)
{
  if (!isfinite (v))
    return fail (nl, error, HR_SIM_ERROR_INVALID, "%s of %s is not a finite number", what,
                 name);
  return TRUE;
}

static HrElement *
lookup (HrNetlist *nl, const char *name)
{
  g_autofree char *low = NULL;
  if (name == NULL)
    return NULL;
  low = g_ascii_strdown (name, -1);
  return g_hash_table_lookup (nl->element_index, low);
}

/* Creates and indexes an element after checking its name and nodes. */
static HrElement *
element_add (HrNetlist *nl, GError **error, HrElementKind kind, const char *name,
             const char *const *nodes, guint n_nodes)
{
  HrElement *el;
  g_autofree char *low = NULL;

  if (!name_is_safe (name))
    {
      fail (nl, error, HR_SIM_ERROR_INVALID,
            "element name \"%s\" is not valid: use 1-64 letters, digits or '_'",
            name ? name : "(null)");
      return NULL;
    }
  low = g_ascii_strdown (name, -1);
  if (low[0] != (char) kind)
    {
      fail (nl, error, HR_SIM_ERROR_INVALID,
            "element name \"%s\" must start with '%c' for this kind of element", name,
            (char) kind);
      return NULL;
    }
  if (g_hash_table_contains (nl->element_index, low))
    {
      fail (nl, error, HR_SIM_ERROR_INVALID, "two elements are named \"%s\"", name);
      return NULL;
    }
  el = g_new0 (HrElement, 1);
  el->kind = kind;
  el->nodes = g_new0 (char *, n_nodes + 1);
  el->n_nodes = n_nodes;
  for (guint i = 0; i < n_nodes; i++)
    {
      el->nodes[i] = node_name (nodes[i]);
      if (el->nodes[i] == NULL)
        {
          fail (nl, error, HR_SIM_ERROR_INVALID,
                "node %u of %s, \"%s\", is not a valid node name: use letters, digits "
                "or '_' (\"0\" or \"gnd\" for ground)", i + 1, name,
                nodes[i] ? nodes[i] : "(null)");
          element_free (el);
          return NULL;
        }
    }
  el->name = g_steal_pointer (&low);
  el->params = param_array_new ();
  g_ptr_array_add (nl->elements, el);
  g_hash_table_insert (nl->element_index, el->name, el);
  return el;
}

static gboolean
add_two_terminal (HrNetlist *nl, GError **error, HrElementKind kind, const char *name,
                  const char *n1, const char *n2, double value, const char *what,
                  gboolean must_be_positive)
{
  const char *nodes[] = { n1, n2 };
  HrElement *el;

  if (!check_value (nl, error, what, name, value))
    return FALSE;
  if (must_be_positive && value <= 0)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "%s of %s must be > 0, not %g", what, name,
                 value);
  el = element_add (nl, error, kind, name, nodes, 2);
  if (el == NULL)
    return FALSE;
  el->value = value;
  return TRUE;
}

gboolean
hr_netlist_add_resistor (HrNetlist *nl, const char *name, const char *n1, const char *n2,
                         double r_ohm, GError **error)
{
  return add_two_terminal (nl, error, HR_EL_RESISTOR, name, n1, n2, r_ohm, "resistance", TRUE);
}

gboolean
hr_netlist_add_capacitor (HrNetlist *nl, const char *name, const char *n1, const char *n2,
                          double c_f, GError **error)
{
  return add_two_terminal (nl, error, HR_EL_CAPACITOR, name, n1, n2, c_f, "capacitance", TRUE);
}

gboolean
hr_netlist_add_inductor (HrNetlist *nl, const char *name, const char *n1, const char *n2,
                         double l_h, GError **error)
{
  return add_two_terminal (nl, error, HR_EL_INDUCTOR, name, n1, n2, l_h, "inductance", TRUE);
}

gboolean
hr_netlist_add_mutual (HrNetlist *nl, const char *name, const char *l1, const char *l2,
                       double k, GError **error)
{
  HrElement *a = lookup (nl, l1), *b = lookup (nl, l2), *el;

  if (a == NULL || a->kind != HR_EL_INDUCTOR || b == NULL || b->kind != HR_EL_INDUCTOR || a == b)
    return fail (nl, error, HR_SIM_ERROR_INVALID,
                 "%s couples \"%s\" and \"%s\": both must be distinct inductors added before",
                 name, l1 ? l1 : "(null)", l2 ? l2 : "(null)");
  if (!check_value (nl, error, "coupling", name, k))
    return FALSE;
  if (k == 0 || fabs (k) > 1)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "coupling of %s must be in (0, 1], not %g",
                 name, k);
  el = element_add (nl, error, HR_EL_MUTUAL, name, NULL, 0);
  if (el == NULL)
    return FALSE;
  el->value = k;
  el->ref = g_strdup (a->name);
  el->ref2 = g_strdup (b->name);
  return TRUE;
}

gboolean
hr_netlist_add_vsource (HrNetlist *nl, const char *name, const char *n_plus,
                        const char *n_minus, double dc_v, GError **error)
{
  return add_two_terminal (nl, error, HR_EL_VSOURCE, name, n_plus, n_minus, dc_v, "voltage",
                           FALSE);
}

gboolean
hr_netlist_add_isource (HrNetlist *nl, const char *name, const char *n_plus,
                        const char *n_minus, double dc_a, GError **error)
{
  return add_two_terminal (nl, error, HR_EL_ISOURCE, name, n_plus, n_minus, dc_a, "current",
                           FALSE);
}

static HrElement *
source_lookup (HrNetlist *nl, const char *source, GError **error)
{
  HrElement *el = lookup (nl, source);
  if (el == NULL || (el->kind != HR_EL_VSOURCE && el->kind != HR_EL_ISOURCE))
    {
      fail (nl, error, HR_SIM_ERROR_INVALID, "\"%s\" is not an independent source of this "
            "netlist", source ? source : "(null)");
      return NULL;
    }
  return el;
}

gboolean
hr_netlist_set_source_ac (HrNetlist *nl, const char *source, double magnitude,
                          double phase_deg, GError **error)
{
  HrElement *el = source_lookup (nl, source, error);
  if (el == NULL || !check_value (nl, error, "AC magnitude", source, magnitude)
      || !check_value (nl, error, "AC phase", source, phase_deg))
    return FALSE;
  el->has_ac = TRUE;
  el->ac_mag = magnitude;
  el->ac_phase_deg = phase_deg;
  return TRUE;
}

static gboolean
set_wave (HrNetlist *nl, const char *source, HrWaveKind kind, const double *args, guint n,
          GError **error)
{
  HrElement *el = source_lookup (nl, source, error);
  if (el == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!check_value (nl, error, "a waveform parameter", source, args[i]))
      return FALSE;
  g_clear_pointer (&el->wave_args, g_array_unref);
  el->wave = kind;
  el->wave_args = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  g_array_append_vals (el->wave_args, args, n);
  return TRUE;
}

gboolean
hr_netlist_set_source_pulse (HrNetlist *nl, const char *source, double v1, double v2,
                             double delay_s, double rise_s, double fall_s, double width_s,
                             double period_s, GError **error)
{
  const double a[] = { v1, v2, delay_s, rise_s, fall_s, width_s, period_s };
  if (delay_s < 0 || rise_s < 0 || fall_s < 0 || width_s < 0 || period_s < 0)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "pulse times of %s must be >= 0", source);
  return set_wave (nl, source, HR_WAVE_PULSE, a, G_N_ELEMENTS (a), error);
}

gboolean
hr_netlist_set_source_pwl (HrNetlist *nl, const char *source, const double *times_s,
                           const double *values, guint n, GError **error)
{
  g_autoptr(GArray) a = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);

  if (n == 0)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "PWL of %s has no points", source);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && times_s[i] < times_s[i - 1])
        return fail (nl, error, HR_SIM_ERROR_INVALID,
                     "PWL times of %s decrease at point %u (%g < %g)", source, i + 1,
                     times_s[i], times_s[i - 1]);
      g_array_append_val (a, times_s[i]);
      g_array_append_val (a, values[i]);
    }
  return set_wave (nl, source, HR_WAVE_PWL, (const double *) a->data, a->len, error);
}

gboolean
hr_netlist_set_source_sin (HrNetlist *nl, const char *source, double offset, double amplitude,
                           double freq_hz, double delay_s, double damping_per_s, GError **error)
{
  const double a[] = { offset, amplitude, freq_hz, delay_s, damping_per_s };
  return set_wave (nl, source, HR_WAVE_SIN, a, G_N_ELEMENTS (a), error);
}

gboolean
hr_netlist_set_source_exp (HrNetlist *nl, const char *source, double v1, double v2,
                           double rise_delay_s, double rise_tau_s, double fall_delay_s,
                           double fall_tau_s, GError **error)
{
  const double a[] = { v1, v2, rise_delay_s, rise_tau_s, fall_delay_s, fall_tau_s };
  return set_wave (nl, source, HR_WAVE_EXP, a, G_N_ELEMENTS (a), error);
}

gboolean
hr_netlist_set_source_noise (HrNetlist *nl, const char *source, double rms,
                             double sample_time_s, guint64 seed, GError **error)
{
  /* ngspice's TRNOISE(NA NT NALPHA NAMP): white noise only, no 1/f part. */
  const double a[] = { rms, sample_time_s, 0, 0 };
  HrElement *el;

  if (!check_value (nl, error, "noise RMS", source, rms)
      || !check_value (nl, error, "noise sample time", source, sample_time_s))
    return FALSE;
  if (rms < 0 || !(sample_time_s > 0))
    return fail (nl, error, HR_SIM_ERROR_INVALID, "noise of %s needs RMS >= 0 and a sample "
                 "time > 0 (got %g, %g s)", source, rms, sample_time_s);
  if (!set_wave (nl, source, HR_WAVE_TRNOISE, a, G_N_ELEMENTS (a), error))
    return FALSE;
  el = lookup (nl, source);
  el->noise_seed = seed;
  return TRUE;
}

static gboolean
add_voltage_controlled (HrNetlist *nl, GError **error, HrElementKind kind, const char *name,
                        const char *np, const char *nn, const char *cp, const char *cn,
                        double gain)
{
  const char *nodes[] = { np, nn, cp, cn };
  HrElement *el;
  if (!check_value (nl, error, "gain", name, gain))
    return FALSE;
  el = element_add (nl, error, kind, name, nodes, 4);
  if (el == NULL)
    return FALSE;
  el->value = gain;
  return TRUE;
}

static gboolean
add_current_controlled (HrNetlist *nl, GError **error, HrElementKind kind, const char *name,
                        const char *np, const char *nn, const char *ctrl, double gain)
{
  const char *nodes[] = { np, nn };
  HrElement *src = lookup (nl, ctrl), *el;
  if (src == NULL || src->kind != HR_EL_VSOURCE)
    return fail (nl, error, HR_SIM_ERROR_INVALID,
                 "%s senses the current of \"%s\", which must be a voltage source added before",
                 name, ctrl ? ctrl : "(null)");
  if (!check_value (nl, error, "gain", name, gain))
    return FALSE;
  el = element_add (nl, error, kind, name, nodes, 2);
  if (el == NULL)
    return FALSE;
  el->value = gain;
  el->ref = g_strdup (src->name);
  return TRUE;
}

gboolean
hr_netlist_add_vcvs (HrNetlist *nl, const char *name, const char *n_plus, const char *n_minus,
                     const char *ctrl_plus, const char *ctrl_minus, double gain, GError **error)
{
  return add_voltage_controlled (nl, error, HR_EL_VCVS, name, n_plus, n_minus, ctrl_plus,
                                 ctrl_minus, gain);
}

gboolean
hr_netlist_add_vccs (HrNetlist *nl, const char *name, const char *n_plus, const char *n_minus,
                     const char *ctrl_plus, const char *ctrl_minus, double gm_s, GError **error)
{
  return add_voltage_controlled (nl, error, HR_EL_VCCS, name, n_plus, n_minus, ctrl_plus,
                                 ctrl_minus, gm_s);
}

gboolean
hr_netlist_add_cccs (HrNetlist *nl, const char *name, const char *n_plus, const char *n_minus,
                     const char *ctrl_source, double gain, GError **error)
{
  return add_current_controlled (nl, error, HR_EL_CCCS, name, n_plus, n_minus, ctrl_source,
                                 gain);
}

gboolean
hr_netlist_add_ccvs (HrNetlist *nl, const char *name, const char *n_plus, const char *n_minus,
                     const char *ctrl_source, double r_ohm, GError **error)
{
  return add_current_controlled (nl, error, HR_EL_CCVS, name, n_plus, n_minus, ctrl_source,
                                 r_ohm);
}

static gboolean
check_ref_name (HrNetlist *nl, GError **error, const char *what, const char *owner,
                const char *ref)
{
  if (!name_is_safe (ref))
    return fail (nl, error, HR_SIM_ERROR_INVALID,
                 "%s name \"%s\" of %s is not valid: use 1-64 letters, digits or '_'", what,
                 ref ? ref : "(null)", owner);
  return TRUE;
}

gboolean
hr_netlist_add_diode (HrNetlist *nl, const char *name, const char *anode, const char *cathode,
                      const char *model, GError **error)
{
  const char *nodes[] = { anode, cathode };
  HrElement *el;
  if (!check_ref_name (nl, error, "model", name, model))
    return FALSE;
  el = element_add (nl, error, HR_EL_DIODE, name, nodes, 2);
  if (el == NULL)
    return FALSE;
  el->ref = g_ascii_strdown (model, -1);
  return TRUE;
}

gboolean
hr_netlist_add_mosfet (HrNetlist *nl, const char *name, const char *drain, const char *gate,
                       const char *source, const char *bulk, const char *model, double w_m,
                       double l_m, GError **error)
{
  const char *nodes[] = { drain, gate, source, bulk };
  HrElement *el;
  if (!check_ref_name (nl, error, "model", name, model))
    return FALSE;
  if (!(w_m > 0) || !(l_m > 0) || !isfinite (w_m) || !isfinite (l_m))
    return fail (nl, error, HR_SIM_ERROR_INVALID, "W and L of %s must be > 0 (got %g, %g)",
                 name, w_m, l_m);
  el = element_add (nl, error, HR_EL_MOSFET, name, nodes, 4);
  if (el == NULL)
    return FALSE;
  el->ref = g_ascii_strdown (model, -1);
  el->w_m = w_m;
  el->l_m = l_m;
  return TRUE;
}

static gboolean
param_name_is_safe (const char *p)
{
  if (p == NULL || !g_ascii_isalpha (*p) || strlen (p) > 32)
    return FALSE;
  for (; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static void
param_set (GArray *params, const char *name, double value)
{
  HrParam np;
  for (guint i = 0; i < params->len; i++)
    {
      HrParam *p = &g_array_index (params, HrParam, i);
      if (g_str_equal (p->name, name))
        {
          p->value = value;
          return;
        }
    }
  np.name = g_ascii_strdown (name, -1);
  np.value = value;
  g_array_append_val (params, np);
}

gboolean
hr_netlist_set_element_param (HrNetlist *nl, const char *element, const char *param,
                              double value, GError **error)
{
  HrElement *el = lookup (nl, element);
  g_autofree char *low = NULL;
  if (el == NULL)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "no element named \"%s\"",
                 element ? element : "(null)");
  if (!param_name_is_safe (param))
    return fail (nl, error, HR_SIM_ERROR_INVALID, "parameter name \"%s\" of %s is not valid",
                 param ? param : "(null)", element);
  if (!check_value (nl, error, param, element, value))
    return FALSE;
  low = g_ascii_strdown (param, -1);
  param_set (el->params, low, value);
  return TRUE;
}

gboolean
hr_netlist_add_subckt_instance (HrNetlist *nl, const char *name, const char *const *nodes,
                                const char *subckt, GError **error)
{
  HrElement *el;
  if (!check_ref_name (nl, error, "subcircuit", name, subckt))
    return FALSE;
  el = element_add (nl, error, HR_EL_SUBCKT, name, nodes,
                    nodes ? g_strv_length ((char **) nodes) : 0);
  if (el == NULL)
    return FALSE;
  el->ref = g_ascii_strdown (subckt, -1);
  return TRUE;
}

gboolean
hr_netlist_add_tline (HrNetlist *nl, const char *name, const char *p1_plus,
                      const char *p1_minus, const char *p2_plus, const char *p2_minus,
                      double z0_ohm, double delay_s, GError **error)
{
  const char *nodes[] = { p1_plus, p1_minus, p2_plus, p2_minus };
  HrElement *el;
  if (!(z0_ohm > 0) || !(delay_s > 0) || !isfinite (z0_ohm) || !isfinite (delay_s))
    return fail (nl, error, HR_SIM_ERROR_INVALID, "Z0 and TD of %s must be > 0 (got %g, %g)",
                 name, z0_ohm, delay_s);
  el = element_add (nl, error, HR_EL_TLINE, name, nodes, 4);
  if (el == NULL)
    return FALSE;
  el->value = z0_ohm;
  el->value2 = delay_s;
  return TRUE;
}

static guint
strv_length0 (const char *const *v)
{
  guint n = 0;
  while (v != NULL && v[n] != NULL)
    n++;
  return n;
}

/* A copy of the N values at A, or NULL if A is NULL or all zero (no loss). */
static double *
dup_nonzero (const double *a, guint n)
{
  for (guint i = 0; a != NULL && i < n; i++)
    if (a[i] != 0)
      return g_memdup2 (a, sizeof (double) * n);
  return NULL;
}

gboolean
hr_netlist_add_coupled_lines (HrNetlist *nl, const char *name, guint n_conductors,
                              const char *const *near_nodes, const char *const *far_nodes,
                              const char *near_ref, const char *far_ref,
                              const double *l_per_m, const double *c_per_m,
                              const double *r_per_m, const double *g_per_m, double length_m,
                              guint segments, GError **error)
{
  const guint n = n_conductors;
  const char *label = name ? name : "(null)";
  g_autofree const char **nodes = NULL;
  g_autofree double *r = NULL, *g = NULL;
  g_autofree char *why = NULL, *nr = NULL, *fr = NULL;
  HrLineSpec *spec;
  HrElement *el;

  if (n == 0 || n > 64)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "%s: %u conductors: give 1 to 64", label, n);
  if (strv_length0 (near_nodes) != n || strv_length0 (far_nodes) != n)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "%s has %u conductors but %u near and %u "
                 "far nodes: give one of each per conductor", label, n,
                 strv_length0 (near_nodes), strv_length0 (far_nodes));
  if (l_per_m == NULL || c_per_m == NULL)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "%s: the L and C matrices are required",
                 label);
  r = dup_nonzero (r_per_m, n);
  g = dup_nonzero (g_per_m, n * n);
  why = hr_line_check (n, l_per_m, c_per_m, r, g, length_m, segments);
  if (why != NULL)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "%s: %s", label, why);
  nodes = g_new (const char *, 2 * n + 2);
  for (guint k = 0; k < n; k++)
    nodes[k] = near_nodes[k], nodes[n + 1 + k] = far_nodes[k];
  nodes[n] = near_ref, nodes[2 * n + 1] = far_ref;
  nr = node_name (near_ref), fr = node_name (far_ref);   /* "gnd" and "0" are one node */
  if (segments > 0 && nr != NULL && fr != NULL && !g_str_equal (nr, fr))
    return fail (nl, error, HR_SIM_ERROR_INVALID, "%s: a segmented line has one reference "
                 "node (an ideal return), but the near one is \"%s\" and the far one \"%s\"",
                 label, near_ref, far_ref);
  el = element_add (nl, error, HR_EL_CPL, name, nodes, 2 * n + 2);
  if (el == NULL)
    return FALSE;
  spec = g_new0 (HrLineSpec, 1);
  spec->n = n;
  spec->l = g_memdup2 (l_per_m, sizeof (double) * n * n);
  spec->c = g_memdup2 (c_per_m, sizeof (double) * n * n);
  spec->r = g_steal_pointer (&r);
  spec->g = g_steal_pointer (&g);
  spec->length = length_m;
  spec->segments = segments;
  el->line = spec;
  return TRUE;
}

gboolean
hr_netlist_add_lossy_line (HrNetlist *nl, const char *name, const char *near, const char *far,
                           const char *ref, double r_per_m, double l_per_m, double g_per_m,
                           double c_per_m, double length_m, guint segments, GError **error)
{
  const char *near_nodes[] = { near, NULL }, *far_nodes[] = { far, NULL };

  if (segments == 0)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "%s: a lossy line is modelled as RLGC "
                 "sections: give segments >= 1", name ? name : "(null)");
  return hr_netlist_add_coupled_lines (nl, name, 1, near_nodes, far_nodes, ref, ref, &l_per_m,
                                       &c_per_m, &r_per_m, &g_per_m, length_m, segments,
                                       error);
}

static HrModel *
model_lookup (HrNetlist *nl, const char *name)
{
  for (guint i = 0; name != NULL && i < nl->models->len; i++)
    {
      HrModel *m = g_ptr_array_index (nl->models, i);
      if (g_ascii_strcasecmp (m->name, name) == 0)
        return m;
    }
  return NULL;
}

gboolean
hr_netlist_add_model (HrNetlist *nl, const char *name, HrModelType type, int level,
                      GError **error)
{
  HrModel *m;
  if (!check_ref_name (nl, error, "model", "the netlist", name))
    return FALSE;
  if (model_lookup (nl, name) != NULL)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "two models are named \"%s\"", name);
  if (type > HR_MODEL_DIODE || level < 0 || level > 100)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "model \"%s\": bad type or level %d", name,
                 level);
  m = g_new0 (HrModel, 1);
  m->name = g_ascii_strdown (name, -1);
  m->type = type;
  m->level = level;
  m->params = param_array_new ();
  g_ptr_array_add (nl->models, m);
  return TRUE;
}

gboolean
hr_netlist_set_model_param (HrNetlist *nl, const char *model, const char *param, double value,
                            GError **error)
{
  HrModel *m = model_lookup (nl, model);
  if (m == NULL)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "no model named \"%s\"",
                 model ? model : "(null)");
  if (!param_name_is_safe (param) || g_ascii_strcasecmp (param, "level") == 0)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "parameter name \"%s\" of model %s is not "
                 "valid", param ? param : "(null)", model);
  if (!check_value (nl, error, param, model, value))
    return FALSE;
  param_set (m->params, param, value);
  return TRUE;
}

gboolean
hr_netlist_add_user_spice (HrNetlist *nl, const char *origin, const char *text,
                           const char *const *allowed_dirs, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *filtered = hr_spice_filter (origin, text, allowed_dirs, &local);
  HrUserBlock *b;

  if (filtered == NULL)
    {
      if (nl->error == NULL)
        nl->error = g_error_copy (local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  b = g_new0 (HrUserBlock, 1);
  b->origin = g_strdup (origin ? origin : "user SPICE");
  b->text = filtered;
  g_ptr_array_add (nl->user_blocks, b);
  return TRUE;
}

void
hr_netlist_set_temperature (HrNetlist *nl, double celsius)
{
  if (!check_value (nl, NULL, "temperature", "the netlist", celsius))
    return;
  nl->has_temp = TRUE;
  nl->temp_c = celsius;
}

gboolean
hr_netlist_set_option (HrNetlist *nl, const char *option, double value, GError **error)
{
  static const char *const known[] = { "reltol", "abstol", "vntol", "chgtol", "trtol", "gmin",
                                       "pivtol", "pivrel", "itl1", "itl2", "itl4", "tnom",
                                       NULL };
  g_autofree char *low = option ? g_ascii_strdown (option, -1) : NULL;

  if (low == NULL || !g_strv_contains (known, low))
    return fail (nl, error, HR_SIM_ERROR_INVALID,
                 "unknown option \"%s\"; known: reltol, abstol, vntol, chgtol, trtol, gmin, "
                 "pivtol, pivrel, itl1, itl2, itl4, tnom", option ? option : "(null)");
  if (!check_value (nl, error, low, "the options", value))
    return FALSE;
  param_set (nl->options, low, value);
  return TRUE;
}

gboolean
hr_netlist_set_integration (HrNetlist *nl, HrIntegration method, GError **error)
{
  if (method != HR_INTEGRATION_TRAPEZOIDAL && method != HR_INTEGRATION_GEAR2)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "unknown integration method %d", method);
  nl->integration = method;
  return TRUE;
}

gboolean
hr_netlist_set_initial_voltage (HrNetlist *nl, const char *node, double v, GError **error)
{
  g_autofree char *n = node_name (node);
  if (n == NULL)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "\"%s\" is not a valid node name",
                 node ? node : "(null)");
  if (!check_value (nl, error, "initial voltage", n, v))
    return FALSE;
  param_set (nl->initial, n, v);
  return TRUE;
}

void
hr_netlist_add_op (HrNetlist *nl)
{
  HrAnalysis *an = g_new0 (HrAnalysis, 1);
  an->kind = HR_AN_OP;
  g_ptr_array_add (nl->analyses, an);
}

static gboolean
check_sweep (HrNetlist *nl, GError **error, const char *source, double start, double stop,
             double step, char **out_name)
{
  HrElement *el = source_lookup (nl, source, error);
  if (el == NULL)
    return FALSE;
  if (!isfinite (start) || !isfinite (stop) || !isfinite (step) || step == 0
      || (stop - start) / step < 0 || (stop - start) / step > 1e7)
    return fail (nl, error, HR_SIM_ERROR_INVALID,
                 "DC sweep of %s from %g to %g by %g is not a finite sweep", source, start,
                 stop, step);
  *out_name = g_strdup (el->name);
  return TRUE;
}

gboolean
hr_netlist_add_dc (HrNetlist *nl, const char *source, double start, double stop, double step,
                   GError **error)
{
  HrAnalysis *an;
  char *src = NULL;
  if (!check_sweep (nl, error, source, start, stop, step, &src))
    return FALSE;
  an = g_new0 (HrAnalysis, 1);
  an->kind = HR_AN_DC;
  an->src = src;
  an->start = start;
  an->stop = stop;
  an->step = step;
  g_ptr_array_add (nl->analyses, an);
  return TRUE;
}

gboolean
hr_netlist_add_dc2 (HrNetlist *nl, const char *source, double start, double stop, double step,
                    const char *source2, double start2, double stop2, double step2,
                    GError **error)
{
  HrAnalysis *an;
  char *src = NULL, *src2 = NULL;
  if (!check_sweep (nl, error, source, start, stop, step, &src))
    return FALSE;
  if (!check_sweep (nl, error, source2, start2, stop2, step2, &src2))
    {
      g_free (src);
      return FALSE;
    }
  an = g_new0 (HrAnalysis, 1);
  an->kind = HR_AN_DC;
  an->src = src;
  an->start = start;
  an->stop = stop;
  an->step = step;
  an->src2 = src2;
  an->start2 = start2;
  an->stop2 = stop2;
  an->step2 = step2;
  g_ptr_array_add (nl->analyses, an);
  return TRUE;
}

gboolean
hr_netlist_add_tran (HrNetlist *nl, double tstep_s, double tstop_s, double tstart_s,
                     double tmax_s, gboolean uic, GError **error)
{
  HrAnalysis *an;
  if (!(tstep_s > 0) || !(tstop_s > 0) || !(tstart_s >= 0) || !(tmax_s >= 0)
      || !isfinite (tstop_s) || !isfinite (tmax_s) || tstart_s >= tstop_s)
    return fail (nl, error, HR_SIM_ERROR_INVALID,
                 "transient tstep %g, tstop %g, tstart %g, tmax %g: steps must be > 0 and "
                 "tstart < tstop", tstep_s, tstop_s, tstart_s, tmax_s);
  an = g_new0 (HrAnalysis, 1);
  an->kind = HR_AN_TRAN;
  an->tstep = tstep_s;
  an->tstop = tstop_s;
  an->tstart = tstart_s;
  an->tmax = tmax_s;
  an->uic = uic;
  g_ptr_array_add (nl->analyses, an);
  return TRUE;
}

gboolean
hr_netlist_add_ac (HrNetlist *nl, HrAcSweep sweep, guint points, double fstart_hz,
                   double fstop_hz, GError **error)
{
  HrAnalysis *an;
  if (sweep > HR_AC_LIN || points == 0 || points > 10000000 || !(fstart_hz > 0)
      || !(fstop_hz >= fstart_hz) || !isfinite (fstop_hz))
    return fail (nl, error, HR_SIM_ERROR_INVALID,
                 "AC sweep of %u points from %g Hz to %g Hz: need points >= 1 and "
                 "0 < fstart <= fstop", points, fstart_hz, fstop_hz);
  an = g_new0 (HrAnalysis, 1);
  an->kind = HR_AN_AC;
  an->sweep = sweep;
  an->points = points;
  an->fstart = fstart_hz;
  an->fstop = fstop_hz;
  g_ptr_array_add (nl->analyses, an);
  return TRUE;
}

static void
output_add (HrNetlist *nl, char *name)
{
  for (guint i = 0; i < nl->outputs->len; i++)
    if (g_str_equal (g_ptr_array_index (nl->outputs, i), name))
      {
        g_free (name);
        return;
      }
  g_ptr_array_add (nl->outputs, name);
}

gboolean
hr_netlist_add_output_voltage (HrNetlist *nl, const char *node, GError **error)
{
  g_autofree char *n = node_name (node);
  if (n == NULL)
    return fail (nl, error, HR_SIM_ERROR_INVALID, "\"%s\" is not a valid node name",
                 node ? node : "(null)");
  output_add (nl, g_strdup_printf ("v(%s)", n));
  return TRUE;
}

gboolean
hr_netlist_add_output_current (HrNetlist *nl, const char *vsource, GError **error)
{
  HrElement *el = lookup (nl, vsource);
  if (el == NULL || el->kind != HR_EL_VSOURCE)
    return fail (nl, error, HR_SIM_ERROR_INVALID,
                 "current of \"%s\" requested: it must be a voltage source of this netlist",
                 vsource ? vsource : "(null)");
  output_add (nl, g_strdup_printf ("i(%s)", el->name));
  return TRUE;
}
