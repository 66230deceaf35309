/* gates.c — the gates as transistors: HrGateSpec and the netlists it lowers to.
 *
 * Node names: "vdd" the supply, "0" ground, "in" the swept input, "out" the output. NMOS
 * bulks sit at ground and PMOS bulks at vdd, as in a real n-well process: with GAMMA > 0 the
 * stacked transistors of NAND2, NOR2 and the Schmitt trigger see body effect, as they should.
 * docs/transistor-models.md draws every gate in words. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "gates-private.h"

G_DEFINE_BOXED_TYPE (HrGateSpec, hr_gate_spec, hr_gate_spec_copy, hr_gate_spec_free)

static const struct {
  HrCmosGate kind;
  const char *name;
} gate_names[] = {
  { HR_CMOS_INVERTER, "inv" },
  { HR_CMOS_NAND2, "nand2" },
  { HR_CMOS_NOR2, "nor2" },
  { HR_CMOS_BUFFER, "buf" },
  { HR_CMOS_SCHMITT, "schmitt" },
  { HR_CMOS_INVERTER, "inverter" },
  { HR_CMOS_BUFFER, "buffer" },
};

const char *
hr_cmos_gate_to_string (HrCmosGate kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (gate_names); i++)
    if (gate_names[i].kind == kind)
      return gate_names[i].name;
  return NULL;
}

gboolean
hr_cmos_gate_from_string (const char *text, HrCmosGate *kind, GError **error)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (gate_names); i++)
    if (g_ascii_strcasecmp (text, gate_names[i].name) == 0)
      {
        *kind = gate_names[i].kind;
        return TRUE;
      }
  g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
               "unknown gate \"%s\"; known: inv, nand2, nor2, buf, schmitt",
               text ? text : "(null)");
  return FALSE;
}

const char *
hr_gate_input_to_string (HrGateInput input)
{
  switch (input)
    {
    case HR_GATE_INPUT_A: return "a";
    case HR_GATE_INPUT_B: return "b";
    case HR_GATE_INPUT_BOTH: return "both";
    default: return NULL;
    }
}

gboolean
hr_gate_input_from_string (const char *text, HrGateInput *input, GError **error)
{
  for (HrGateInput i = HR_GATE_INPUT_A; i <= HR_GATE_INPUT_BOTH; i++)
    if (text != NULL && g_ascii_strcasecmp (text, hr_gate_input_to_string (i)) == 0)
      {
        *input = i;
        return TRUE;
      }
  g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
               "unknown input \"%s\"; known: a (next to the output), b (next to the rail), "
               "both (tied)", text ? text : "(null)");
  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* The spec                                                                                 */

HrGateSpec *
hr_gate_spec_new (HrCmosGate gate, const HrMosModel *model, double vdd_v)
{
  HrGateSpec *s;

  g_return_val_if_fail (model != NULL, NULL);
  s = g_new0 (HrGateSpec, 1);
  s->gate = gate;
  s->input = HR_GATE_INPUT_A;
  s->model = hr_mos_model_copy (model);
  s->vdd_v = vdd_v;
  s->temp_c = NAN;
  s->wn_m = s->ln_m = s->wp_m = s->lp_m = NAN;
  s->schmitt_wfn_m = s->schmitt_wfp_m = NAN;
  s->step_v = HR_GATE_DEFAULT_STEP_V;
  return s;
}

HrGateSpec *
hr_gate_spec_copy (const HrGateSpec *spec)
{
  HrGateSpec *s;

  g_return_val_if_fail (spec != NULL, NULL);
  s = g_memdup2 (spec, sizeof *spec);
  s->model = spec->model ? hr_mos_model_copy (spec->model) : NULL;
  return s;
}

void
hr_gate_spec_free (HrGateSpec *spec)
{
  if (spec == NULL)
    return;
  hr_mos_model_free (spec->model);
  g_free (spec);
}

gboolean
hr_gate_check_size (const char *field, double v_m, GError **error)
{
  /* 10 nm .. 1 mm covers every process headroom's models describe. */
  if (isfinite (v_m) && v_m >= 10e-9 && v_m <= 1e-3)
    return TRUE;
  g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
               "%s = %g m is not a transistor size; give 10n..1m metres (e.g. 1u)", field, v_m);
  return FALSE;
}

static void
resolve (double *v, double dflt)
{
  if (isnan (*v))
    *v = dflt;
}

/* Supply, temperature, step, fan-out and load in range. */
static gboolean
check_conditions (const HrGateSpec *s, GError **error)
{
  const char *bad = NULL;

  if (!(s->vdd_v > 0 && s->vdd_v <= 100))
    bad = "the supply must be above 0 and at most 100 V";
  else if (!isnan (s->temp_c) && !(s->temp_c >= -273.15 && s->temp_c <= 500))
    bad = "the temperature must be in -273.15..500 C";
  else if (!(s->step_v > 0) || s->step_v > s->vdd_v / 10 || s->vdd_v / s->step_v > 1e6)
    bad = "the sweep step must be positive, at most VDD/10 and at least VDD/1e6";
  else if (s->fanout > HR_GATE_MAX_FANOUT)
    bad = "the fan-out must be at most 64 gates";
  else if (!isfinite (s->load_a) || fabs (s->load_a) > 1.0)
    bad = "the load current must be within -1..1 A";
  if (bad == NULL)
    return TRUE;
  g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID, bad);
  return FALSE;
}

void
hr_gate_spec_resolve (HrGateSpec *s)
{
  double l, wn, wp;

  if (!(s->step_v > 0))
    s->step_v = HR_GATE_DEFAULT_STEP_V;
  hr_mos_model_get_defaults (s->model, NULL, &l, &wn, &wp);
  resolve (&s->ln_m, l);
  resolve (&s->lp_m, l);
  resolve (&s->wn_m, wn);
  resolve (&s->wp_m, wp);
  resolve (&s->schmitt_wfn_m, s->wn_m);
  resolve (&s->schmitt_wfp_m, s->wp_m);
}

gboolean
hr_gate_spec_validate (HrGateSpec *s, GError **error)
{
  g_return_val_if_fail (s != NULL, FALSE);
  if (s->model == NULL || hr_cmos_gate_to_string (s->gate) == NULL ||
      hr_gate_input_to_string (s->input) == NULL)
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "a gate needs a model, a known kind and a known input");
      return FALSE;
    }
  hr_gate_spec_resolve (s);
  return hr_mos_model_validate (s->model, error) && check_conditions (s, error) &&
         hr_gate_check_size ("Wn", s->wn_m, error) &&
         hr_gate_check_size ("Ln", s->ln_m, error) &&
         hr_gate_check_size ("Wp", s->wp_m, error) &&
         hr_gate_check_size ("Lp", s->lp_m, error) &&
         hr_gate_check_size ("Schmitt feedback Wn", s->schmitt_wfn_m, error) &&
         hr_gate_check_size ("Schmitt feedback Wp", s->schmitt_wfp_m, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Netlists                                                                                 */

HrNetlist *
hr_gate_netlist_begin (const char *title, const HrMosModel *model, double vdd_v, double temp_c,
                       GError **error)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new (title);

  if (!hr_mos_model_add_to_netlist (model, nl, error) ||
      !hr_netlist_add_vsource (nl, "vdd", "vdd", "0", vdd_v, error) ||
      !hr_netlist_add_vsource (nl, "vin", "in", "0", 0.0, error))
    return NULL;
  if (!isnan (temp_c))
    hr_netlist_set_temperature (nl, temp_c);
  /* ngspice stops Newton when a step is below reltol·|v| + vntol: 3 mV at 3 V with its
   * defaults (1e-3, 1 µV), which puts mV-sized ripples into the slope of a finely sampled
   * curve. 1e-6 and 1 nV cost a Newton step or two per point. */
  if (!hr_netlist_set_option (nl, "reltol", 1e-6, error) ||
      !hr_netlist_set_option (nl, "vntol", 1e-9, error))
    return NULL;
  return g_steal_pointer (&nl);
}

gboolean
hr_gate_add_mos (HrNetlist *nl, const char *name, gboolean pmos, const char *drain,
                 const char *gate, const char *source, double w_m, double l_m, GError **error)
{
  return hr_netlist_add_mosfet (nl, name, drain, gate, source, pmos ? "vdd" : "0",
                                pmos ? "pch" : "nch", w_m, l_m, error);
}

/* Element and node names of one gate instance: "m" + P + suffix, P + suffix. */
typedef struct {
  HrNetlist *nl;
  const HrGateSpec *s;
  const char *p;
} Builder;

static gboolean
mos (Builder *b, const char *suffix, gboolean pmos, const char *d, const char *g,
     const char *src, double w_m, GError **error)
{
  g_autofree char *name = g_strdup_printf ("m%s%s", b->p, suffix);
  return hr_gate_add_mos (b->nl, name, pmos, d, g, src, w_m,
                          pmos ? b->s->lp_m : b->s->ln_m, error);
}

static char *
node (Builder *b, const char *suffix)
{
  return g_strdup_printf ("%s%s", b->p, suffix);
}

static gboolean
add_inverter (Builder *b, const char *tag, const char *in, const char *out, GError **error)
{
  g_autofree char *n = g_strconcat ("n", tag, NULL), *p = g_strconcat ("p", tag, NULL);
  return mos (b, n, FALSE, out, in, "0", b->s->wn_m, error) &&
         mos (b, p, TRUE, out, in, "vdd", b->s->wp_m, error);
}

/* NAND2: PMOS in parallel to vdd; NMOS in series, A next to the output, B next to ground. */
static gboolean
add_nand2 (Builder *b, const char *a, const char *bb, const char *out, GError **error)
{
  g_autofree char *x = node (b, "x");
  return mos (b, "pa", TRUE, out, a, "vdd", b->s->wp_m, error) &&
         mos (b, "pb", TRUE, out, bb, "vdd", b->s->wp_m, error) &&
         mos (b, "na", FALSE, out, a, x, b->s->wn_m, error) &&
         mos (b, "nb", FALSE, x, bb, "0", b->s->wn_m, error);
}

/* NOR2: NMOS in parallel to ground; PMOS in series, A next to the output, B next to vdd. */
static gboolean
add_nor2 (Builder *b, const char *a, const char *bb, const char *out, GError **error)
{
  g_autofree char *y = node (b, "y");
  return mos (b, "na", FALSE, out, a, "0", b->s->wn_m, error) &&
         mos (b, "nb", FALSE, out, bb, "0", b->s->wn_m, error) &&
         mos (b, "pa", TRUE, out, a, y, b->s->wp_m, error) &&
         mos (b, "pb", TRUE, y, bb, "vdd", b->s->wp_m, error);
}

/* The classic 6-transistor CMOS Schmitt trigger (e.g. I. M. Filanovsky and H. Baltes, "CMOS
 * Schmitt trigger design", IEEE Trans. Circuits Syst. I 41(1):46-49, 1994): two NMOS in
 * series from out to ground (M2 over M1) with a feedback NMOS M3 from vdd into their middle
 * node, gate on out; the mirror image in PMOS (M5 under M4, feedback M6 to ground). While out
 * is high M3 lifts the middle node, so the input must rise further before M2 conducts: VT+
 * moves up; the PMOS side moves VT- down. */
static gboolean
add_schmitt (Builder *b, const char *in, const char *out, GError **error)
{
  g_autofree char *x = node (b, "x"), *y = node (b, "y");
  const HrGateSpec *s = b->s;
  return mos (b, "n1", FALSE, x, in, "0", s->wn_m, error) &&
         mos (b, "n2", FALSE, out, in, x, s->wn_m, error) &&
         mos (b, "n3", FALSE, "vdd", out, x, s->schmitt_wfn_m, error) &&
         mos (b, "p4", TRUE, y, in, "vdd", s->wp_m, error) &&
         mos (b, "p5", TRUE, out, in, y, s->wp_m, error) &&
         mos (b, "p6", TRUE, "0", out, y, s->schmitt_wfp_m, error);
}

/* One gate of S's kind with element/node prefix P, inputs A and B (one-input gates use A),
 * output OUT. */
static gboolean
add_gate (HrNetlist *nl, const HrGateSpec *s, const char *p, const char *a, const char *bb,
          const char *out, GError **error)
{
  Builder b = { nl, s, p };
  g_autofree char *mid = NULL;

  switch (s->gate)
    {
    case HR_CMOS_INVERTER:
      return add_inverter (&b, "", a, out, error);
    case HR_CMOS_NAND2:
      return add_nand2 (&b, a, bb, out, error);
    case HR_CMOS_NOR2:
      return add_nor2 (&b, a, bb, out, error);
    case HR_CMOS_BUFFER:
      mid = node (&b, "m");
      return add_inverter (&b, "1", a, mid, error) && add_inverter (&b, "2", mid, out, error);
    case HR_CMOS_SCHMITT:
      return add_schmitt (&b, a, out, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* A DC load current that stops at the rail it pulls towards, as a real load does: a current
 * source joined by one diode to the output and by another to that rail, so the current flows
 * through the output until the output reaches the rail, then through the rail's diode. The
 * diodes are near-ideal (emission coefficient 0.1: 2.6 mV per e-fold at 27 C) so that the
 * load stays constant until the output is within a few mV of the rail. */
static gboolean
add_load (HrNetlist *nl, double load_a, GError **error)
{
  gboolean push = load_a > 0;   /* into the output, towards vdd */

  if (load_a == 0)
    return TRUE;
  if (!hr_netlist_add_model (nl, "dclamp", HR_MODEL_DIODE, 0, error) ||
      !hr_netlist_set_model_param (nl, "dclamp", "is", 1e-14, error) ||
      !hr_netlist_set_model_param (nl, "dclamp", "n", 0.1, error) ||
      !(push ? (hr_netlist_add_isource (nl, "iload", "0", "lk", load_a, error) &&
                hr_netlist_add_diode (nl, "dload1", "lk", "out", "dclamp", error) &&
                hr_netlist_add_diode (nl, "dload2", "lk", "vdd", "dclamp", error))
             : (hr_netlist_add_isource (nl, "iload", "lk", "0", -load_a, error) &&
                hr_netlist_add_diode (nl, "dload1", "out", "lk", "dclamp", error) &&
                hr_netlist_add_diode (nl, "dload2", "0", "lk", "dclamp", error))))
    return FALSE;
  /* The clamps are a modelling device, not silicon: held at 27 C. IS scales with
   * exp(EG/(N·k·T)), so with N = 0.1 a circuit at 50 C would make them conduct amperes. */
  return hr_netlist_set_element_param (nl, "dload1", "temp", 27.0, error) &&
         hr_netlist_set_element_param (nl, "dload2", "temp", 27.0, error);
}

/* The level a NAND's (NOR's) idle input holds so that the swept one decides. */
static void
gate_inputs (const HrGateSpec *s, const char **a, const char **b)
{
  const char *idle = s->gate == HR_CMOS_NOR2 ? "0" : "vdd";

  *a = *b = "in";
  if (s->gate != HR_CMOS_NAND2 && s->gate != HR_CMOS_NOR2)
    return;
  if (s->input == HR_GATE_INPUT_A)
    *b = idle;
  else if (s->input == HR_GATE_INPUT_B)
    *a = idle;
}

HrNetlist *
hr_gate_netlist_core (gconstpointer spec, GError **error)
{
  const HrGateSpec *s = spec;
  g_autoptr(HrNetlist) nl = NULL;
  g_autofree char *title = g_strdup_printf ("%s-vtc", hr_cmos_gate_to_string (s->gate));
  const char *a, *b;

  if ((nl = hr_gate_netlist_begin (title, s->model, s->vdd_v, s->temp_c, error)) == NULL)
    return NULL;
  gate_inputs (s, &a, &b);
  if (!add_gate (nl, s, "g", a, b, "out", error))
    return NULL;
  /* Identical receivers on the output, their inputs tied: at DC a MOS gate draws no
   * current, but they are there so that the same netlist serves a transient later. */
  for (guint i = 1; i <= s->fanout; i++)
    {
      g_autofree char *p = g_strdup_printf ("f%u", i), *o = g_strdup_printf ("fo%u", i);
      if (!add_gate (nl, s, p, "out", "out", o, error))
        return NULL;
    }
  if (!add_load (nl, s->load_a, error) || !hr_netlist_add_output_voltage (nl, "out", error))
    return NULL;
  return g_steal_pointer (&nl);
}

HrNetlist *
hr_gate_spec_to_netlist (const HrGateSpec *spec, GError **error)
{
  g_autoptr(HrGateSpec) s = hr_gate_spec_copy (spec);
  g_autoptr(HrNetlist) nl = NULL;

  if (!hr_gate_spec_validate (s, error) || (nl = hr_gate_netlist_core (s, error)) == NULL ||
      !hr_netlist_add_dc (nl, "vin", 0.0, s->vdd_v, s->step_v, error))
    return NULL;
  /* The Schmitt trigger's other branch: ngspice starts each DC point from the previous
   * solution, so sweeping down follows the falling branch. */
  if (s->gate == HR_CMOS_SCHMITT &&
      !hr_netlist_add_dc (nl, "vin", s->vdd_v, 0.0, -s->step_v, error))
    return NULL;
  return g_steal_pointer (&nl);
}
