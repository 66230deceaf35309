/* headroom vtc — a transistor-level gate's simulated transfer curve and noise margins, or
 * its margins against a swept parameter. */
#include "hr-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd-gates.h"
#include "headroom-charts.h"

typedef struct {
  HrCliModelOptions m;
  char *gate, *input, *wn, *ln, *wp, *lp, *wfn, *wfp, *load, *plot, *sweep;
  int fanout;
  gboolean json, curve, spice;
} VtcOptions;

static void
vtc_options_clear (VtcOptions *o)
{
  char **fields[] = { &o->gate, &o->input, &o->wn, &o->ln, &o->wp, &o->lp, &o->wfn, &o->wfp,
                      &o->load, &o->plot, &o->sweep };
  hr_cli_model_options_clear (&o->m);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (fields[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VtcOptions, vtc_options_clear)

static const char *
gate_words (const HrGateSpec *s)
{
  switch (s->gate)
    {
    case HR_CMOS_INVERTER: return "CMOS inverter";
    case HR_CMOS_NAND2:
      return s->input == HR_GATE_INPUT_A ? "NAND2, input A swept (B at VDD)" :
             s->input == HR_GATE_INPUT_B ? "NAND2, input B swept (A at VDD)" :
                                           "NAND2, both inputs tied";
    case HR_CMOS_NOR2:
      return s->input == HR_GATE_INPUT_A ? "NOR2, input A swept (B at 0 V)" :
             s->input == HR_GATE_INPUT_B ? "NOR2, input B swept (A at 0 V)" :
                                           "NOR2, both inputs tied";
    case HR_CMOS_BUFFER: return "CMOS buffer (two inverters)";
    case HR_CMOS_SCHMITT: return "CMOS Schmitt trigger (6 transistors)";
    default: return "gate";
    }
}

/* Options to a spec                                                                        */

static gboolean
sizes_from_options (const VtcOptions *o, HrGateSpec *s, GError **error)
{
  gboolean any = o->wn || o->ln || o->wp || o->lp || o->wfn || o->wfp;

  if (any && s->model->kind == HR_MOS_LEVEL1)
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "with the level-1 model the devices are W = L = 1 um and --kn/--kp "
                           "are their k = KP*W/L; --wn, --ln, --wp, --lp, --wfn and --wfp size "
                           "model cards");
      return FALSE;
    }
  return hr_cli_gates_parse_size ("--wn", o->wn, &s->wn_m, error) &&
         hr_cli_gates_parse_size ("--ln", o->ln, &s->ln_m, error) &&
         hr_cli_gates_parse_size ("--wp", o->wp, &s->wp_m, error) &&
         hr_cli_gates_parse_size ("--lp", o->lp, &s->lp_m, error) &&
         hr_cli_gates_parse_size ("--wfn", o->wfn, &s->schmitt_wfn_m, error) &&
         hr_cli_gates_parse_size ("--wfp", o->wfp, &s->schmitt_wfp_m, error);
}

static HrGateSpec *
spec_from_options (const VtcOptions *o, GError **error)
{
  g_autoptr(HrMosModel) model = NULL;
  g_autoptr(HrGateSpec) s = NULL;
  HrCmosGate gate = HR_CMOS_INVERTER;
  double vdd, temp, step;

  if ((o->gate && !hr_cmos_gate_from_string (o->gate, &gate, error)) ||
      (model = hr_cli_model_build (&o->m, &vdd, &temp, &step, error)) == NULL)
    return NULL;
  s = hr_gate_spec_new (gate, model, vdd);
  s->temp_c = temp;
  s->step_v = step;
  if (o->fanout < 0)
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "--fanout is a number of gates, 0 or more");
      return NULL;
    }
  s->fanout = (guint) o->fanout;
  if ((o->input && !hr_gate_input_from_string (o->input, &s->input, error)) ||
      (o->load && !hr_cli_parse_value ("--load", o->load, HR_UNIT_AMPERE, &s->load_a, error)) ||
      !sizes_from_options (o, s, error) || !hr_gate_spec_validate (s, error))
    return NULL;
  return g_steal_pointer (&s);
}

/* ---------------------------------------------------------------------------------------- */
/* Text                                                                                     */

static void
print_row (const char *name, double nml, double nmh, const char *why)
{
  g_autofree char *l = hr_cli_gates_volts (nml), *h = hr_cli_gates_volts (nmh);
  printf ("  %-24s %-10s %-10s %s\n", name, l, h, why);
}

static void
print_setup (const HrGateVtc *r)
{
  const HrGateSpec *s = r->spec;
  g_autofree char *wn = hr_units_format (s->wn_m, HR_UNIT_METER, 3);
  g_autofree char *ln = hr_units_format (s->ln_m, HR_UNIT_METER, 3);
  g_autofree char *wp = hr_units_format (s->wp_m, HR_UNIT_METER, 3);
  g_autofree char *lp = hr_units_format (s->lp_m, HR_UNIT_METER, 3);
  g_autofree char *load = hr_cli_amps (fabs (s->load_a));
  g_autofree char *step = hr_units_format (s->step_v, HR_UNIT_VOLT, 3);

  printf ("  model   %s\n", r->model_description);
  printf ("  engine  %s\n", r->engine);
  printf ("  sizes   NMOS W/L %s/%s, PMOS W/L %s/%s\n", wn, ln, wp, lp);
  printf ("  load    %u identical gate%s on the output; %s%s\n", s->fanout,
          s->fanout == 1 ? "" : "s", s->load_a == 0 ? "no DC load" : load,
          s->load_a > 0 ? " into the output (sunk when low)" :
          s->load_a < 0 ? " out of the output (sourced when high)" : "");
  printf ("  sweep   0 to %g V in %s steps, %zu points%s\n\n", s->vdd_v, step, r->vtc->n,
          r->vtc->n > (gsize) lround (s->vdd_v / s->step_v) + 1 ?
          " (refined 20x around VIL, VM and VIH)" : "");
}

static void
print_levels (const HrGateVtc *r)
{
  const HrVtcMargins *m = r->margins, *f = r->margins_falling;
  g_autofree char *vm = hr_cli_gates_volts (m->vm_v), *vil = hr_cli_gates_volts (m->vil_v);
  g_autofree char *vih = hr_cli_gates_volts (f ? f->vih_v : m->vih_v);
  g_autofree char *voh = hr_cli_gates_volts (f ? f->voh_v : m->voh_v);
  g_autofree char *vol = hr_cli_gates_volts (m->vol_v);
  g_autofree char *vohr = hr_cli_gates_volts (m->voh_rail_v);
  g_autofree char *volr = hr_cli_gates_volts (m->vol_rail_v);

  if (f != NULL)
    {
      g_autofree char *tp = hr_cli_gates_volts (r->vt_plus_v);
      g_autofree char *tm = hr_cli_gates_volts (r->vt_minus_v);
      g_autofree char *hy = hr_cli_gates_volts (r->hysteresis_v);
      printf ("  VT+ = %-11s switching threshold, input rising\n", tp);
      printf ("  VT- = %-11s switching threshold, input falling (hysteresis %s)\n", tm, hy);
      printf ("  VIL = %-11s VOL = %-11s (slope -1 on the rising branch)\n", vil, vol);
      printf ("  VIH = %-11s VOH = %-11s (slope -1 on the falling branch)\n", vih, voh);
    }
  else
    {
      printf ("  VM  = %-11s switching threshold (Vout = Vin)\n", vm);
      if (m->inverting)
        {
          printf ("  VIL = %-11s VOH = %-11s (slope -1; VOH is the output there)\n", vil, voh);
          printf ("  VIH = %-11s VOL = %-11s (slope -1; VOL is the output there)\n", vih, vol);
        }
      else
        {
          printf ("  VIL = %-11s VOL = %-11s (slope +1; VOL is the output there)\n", vil, vol);
          printf ("  VIH = %-11s VOH = %-11s (slope +1; VOH is the output there)\n", vih, voh);
        }
    }
  printf ("  rails: VOH = %s, VOL = %s (the outputs at the ends of the sweep)\n\n", vohr, volr);
}

static void
print_vtc (const HrGateVtc *r)
{
  const HrVtcMargins *m = r->margins;
  gboolean schmitt = r->margins_falling != NULL;

  printf ("%s at VDD %g V, %g C: %s%s%s\n", gate_words (r->spec), r->spec->vdd_v,
          isnan (r->spec->temp_c) ? 27.0 : r->spec->temp_c,
          hr_cli_verdict_color (r->restores ? HR_VERDICT_PASS : HR_VERDICT_FAIL),
          r->restores ? "restores logic levels" : "FAILS: no positive margin on both levels",
          hr_cli_color_reset ());
  print_setup (r);
  print_levels (r);
  printf ("  %-24s %-10s %-10s\n", "margins", "NML", "NMH");
  print_row ("unity gain", r->nml_v, r->nmh_v,
             schmitt ? "NML = VIL - VOL (rising), NMH = VOH - VIH (falling)"
                     : "NML = VIL - VOL, NMH = VOH - VIH");
  if (!schmitt)
    print_row ("unity gain, rails", m->nml_rail_v, m->nmh_rail_v, "VOL and VOH at the rails");
  if (m->inverting && !schmitt)
    {
      print_row ("Hauser's rectangle", m->hauser_nml_v, m->hauser_nmh_v, "largest NML x NMH");
      print_row ("largest square", m->square_side_v, m->square_side_v,
                 "largest equal margin");
    }
  printf ("\n");
  if (schmitt)
    hr_cli_print_wrapped ("A Schmitt input switches at VT+ when its input rises and at "
                          "VT- when it falls, so noise on a low input must reach the "
                          "rising branch's VIL and noise on a high input the falling "
                          "branch's VIH: the hysteresis adds to both margins.", "  ", "");
  else
    hr_cli_print_wrapped (m->criteria_note, "  ", "");
}

/* ---------------------------------------------------------------------------------------- */
/* Plots                                                                                    */

static gboolean
save_plot (HrPlot *plot, const char *path, gboolean square, GError **error)
{
  return hr_plot_save (plot, path, HR_PLOT_FORMAT_AUTO, square ? 720 : 800, square ? 720 : 560,
                       error);
}

/* ---------------------------------------------------------------------------------------- */
/* Running                                                                                  */

typedef struct {
  HrEngine *engine;
  HrGateSpec *spec;
  HrSweepParam param;
  double *values;
  gsize n;
} VtcJob;

static gpointer
vtc_work (gpointer data, GCancellable *cancel, HrProgressFunc progress, gpointer pdata,
          GError **error)
{
  VtcJob *j = data;
  return hr_gate_vtc_simulate (j->engine, j->spec, cancel, progress, pdata, error);
}

static gpointer
sweep_work (gpointer data, GCancellable *cancel, HrProgressFunc progress, gpointer pdata,
            GError **error)
{
  VtcJob *j = data;
  return hr_margin_sweep_run (j->engine, j->spec, j->param, j->values, j->n, 0, cancel,
                              progress, pdata, error);
}

static char *
cell (double v)
{
  return isfinite (v) ? g_strdup_printf ("%.4f", v) : g_strdup ("-");
}

static void
print_sweep_row (const char *value, const HrGateVtc *r)
{
  const HrVtcMargins *m = r->margins, *f = r->margins_falling;
  char *c[8] = {
    cell (f ? r->vt_plus_v : m->vm_v), cell (m->vil_v), cell (f ? f->vih_v : m->vih_v),
    cell (r->nml_v), cell (r->nmh_v), cell (f ? NAN : m->hauser_nml_v),
    cell (f ? NAN : m->hauser_nmh_v), cell (f ? NAN : m->square_side_v),
  };

  printf ("  %-10s %-8s %-8s %-8s %-8s %-8s %-8s %-8s %-8s%s\n", value, c[0], c[1], c[2], c[3],
          c[4], c[5], c[6], c[7], r->restores ? "" : "  does not restore");
  for (guint k = 0; k < G_N_ELEMENTS (c); k++)
    g_free (c[k]);
}

static void
print_sweep (const HrMarginSweep *sw)
{
  const char *param = hr_sweep_param_to_string (sw->param);
  HrUnit unit = hr_sweep_param_unit (sw->param);
  g_autofree char *model = hr_mos_model_describe (sw->base->model);

  printf ("%s: noise margins against %s, %u points\n  model   %s\n\n", gate_words (sw->base),
          param, sw->points->len, model);
  printf ("  %-10s %-8s %-8s %-8s %-8s %-8s %-8s %-8s %-8s\n", param, "VM", "VIL", "VIH",
          "NML", "NMH", "H.NML", "H.NMH", "square");
  for (guint i = 0; i < sw->points->len; i++)
    {
      const HrSweepPoint *pt = &g_array_index (sw->points, HrSweepPoint, i);
      g_autofree char *v = hr_units_format (pt->value, unit, 4);

      if (pt->result == NULL)
        printf ("  %-10s no result: %s\n", v, pt->error);
      else
        print_sweep_row (v, pt->result);
    }
  printf ("\n  Volts. NML/NMH: unity gain (slope -1); H.: Hauser's rectangle; square: the "
          "largest equal margin.%s\n", sw->base->gate == HR_CMOS_SCHMITT ?
          " Schmitt: VM column is VT+, NML from the rising branch, NMH from the falling one." :
          "");
  if (sw->n_failed > 0)
    printf ("  %u point%s without a positive margin on both levels.\n", sw->n_failed,
            sw->n_failed == 1 ? "" : "s");
}

static int
run_sweep (VtcJob *job, const VtcOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrMarginSweep) sw = NULL;
  g_autofree double *values = hr_sweep_parse (o->sweep, &job->param, &job->n, &error);

  if (values == NULL)
    return hr_cli_fail ("vtc", error);
  job->values = values;
  sw = hr_cli_gates_run ("sweep", sweep_work, job, &error);
  if (sw == NULL)
    return hr_cli_fail ("vtc", error);
  if (o->json)
    {
      g_autoptr(JsonNode) node = hr_margin_sweep_to_json (sw);
      hr_cli_print_json ("sweep", node);
    }
  else
    print_sweep (sw);
  if (o->plot != NULL)
    {
      g_autoptr(HrPlot) plot = hr_chart_margin_sweep (sw);
      if (!save_plot (plot, o->plot, FALSE, &error))
        return hr_cli_fail ("vtc", error);
    }
  return sw->n_failed > 0 ? HR_EXIT_CHECK_FAILED : HR_EXIT_PASS;
}

static int
run_single (VtcJob *job, const VtcOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrGateVtc) r = hr_cli_gates_run ("simulating", vtc_work, job, &error);

  /* A curve that does not fall across the sweep is a gate that does not switch: a failed
   * check, not bad input. */
  if (r == NULL && g_error_matches (error, HR_NOISE_ERROR, HR_NOISE_ERROR_CURVE))
    {
      fprintf (stderr, "headroom vtc: FAIL: the gate does not switch: %s\n", error->message);
      return HR_EXIT_CHECK_FAILED;
    }
  if (r == NULL)
    return hr_cli_fail ("vtc", error);
  if (o->json)
    {
      g_autoptr(JsonNode) node = hr_gate_vtc_to_json (r, o->curve);
      hr_cli_print_json ("vtc", node);
    }
  else
    print_vtc (r);
  if (o->plot != NULL)
    {
      g_autoptr(HrPlot) plot = hr_chart_gate_vtc (r);
      if (!save_plot (plot, o->plot, TRUE, &error))
        return hr_cli_fail ("vtc", error);
    }
  return r->restores ? HR_EXIT_PASS : HR_EXIT_CHECK_FAILED;
}

static int
print_deck (const HrGateSpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrNetlist) nl = hr_gate_spec_to_netlist (spec, &error);
  g_autofree char *deck = nl ? hr_netlist_to_spice (nl, &error) : NULL;

  if (deck == NULL)
    return hr_cli_fail ("vtc", error);
  fputs (deck, stdout);
  return HR_EXIT_PASS;
}

int
hr_cli_vtc (int argc, char **argv)
{
  g_auto(VtcOptions) o = { .fanout = 0 };
  GOptionEntry entries[] = {
    { "gate", 'g', 0, G_OPTION_ARG_STRING, &o.gate, "inv (default), nand2, nor2, buf or schmitt", "GATE" },
    { "input", 0, 0, G_OPTION_ARG_STRING, &o.input, "NAND2/NOR2: the swept input, a (next to the output, default), b or both", "IN" },
    { "wn", 0, 0, G_OPTION_ARG_STRING, &o.wn, "Model cards: NMOS width (default: the card's)", "M" },
    { "ln", 0, 0, G_OPTION_ARG_STRING, &o.ln, "Model cards: NMOS length", "M" },
    { "wp", 0, 0, G_OPTION_ARG_STRING, &o.wp, "Model cards: PMOS width", "M" },
    { "lp", 0, 0, G_OPTION_ARG_STRING, &o.lp, "Model cards: PMOS length", "M" },
    { "wfn", 0, 0, G_OPTION_ARG_STRING, &o.wfn, "Schmitt, model cards: feedback NMOS width (default --wn)", "M" },
    { "wfp", 0, 0, G_OPTION_ARG_STRING, &o.wfp, "Schmitt, model cards: feedback PMOS width (default --wp)", "M" },
    { "fanout", 'n', 0, G_OPTION_ARG_INT, &o.fanout, "Identical gates on the output (default 0)", "N" },
    { "load", 0, 0, G_OPTION_ARG_STRING, &o.load, "DC load current: positive into the output (sunk when low), negative out of it (sourced when high)", "A" },
    { "sweep", 0, 0, G_OPTION_ARG_STRING, &o.sweep, "Margins against a parameter: vdd=1.8:5:0.1, temp=-40,27,85, kn=50u:200u:25u, kr, kp, vtn, vtp, vt, lambda, gamma, wn, wp, ln, lp, wratio, fanout, load", "P=A:B:S" },
    { "plot", 'p', 0, G_OPTION_ARG_FILENAME, &o.plot, "Draw the curve (or the sweep) to FILE.svg, .png or .pdf", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, "Print JSON (docs/json-output.md)", NULL },
    { "curve", 0, 0, G_OPTION_ARG_NONE, &o.curve, "With --json: include the sampled curve", NULL },
    { "spice", 0, 0, G_OPTION_ARG_NONE, &o.spice, "Print the SPICE deck instead of running it", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HrGateSpec) spec = NULL;
  g_autoptr(HrEngine) engine = NULL;
  VtcJob job = { 0 };

  g_option_context_set_summary (ctx,
      "The DC transfer curve of a transistor-level gate, simulated (--engine): VM, VIL and\n"
      "VIH at unity gain, VOL and VOH, NML and NMH, beside Hauser's rectangle and the largest\n"
      "square. Exit status 1 when the gate does not restore levels (a margin <= 0).\n\n"
      "  headroom vtc --vdd 3.3 --vtn 0.6 --vtp -0.6 --kn 100u --kp 50u --plot inv.svg\n"
      "  headroom vtc --gate nand2 --input both --model bsim3-3v3\n"
      "  headroom vtc --model bsim3-1v8 --wp 1.6u --sweep vdd=0.8:1.8:0.1 --plot sweep.png");
  g_option_context_add_main_entries (ctx, entries, NULL);
  hr_cli_model_options_add (ctx, &o.m);
  if (!hr_cli_parse_options (ctx, "vtc", &argc, &argv))
    return HR_EXIT_BAD_INPUT;
  if (argc > 1)
    return hr_cli_usage ("vtc", "unexpected argument");
  if (o.curve && !o.json)
    return hr_cli_usage ("vtc", "--curve goes with --json");
  if ((spec = spec_from_options (&o, &error)) == NULL)
    return hr_cli_fail ("vtc", error);
  if (o.spice)
    return print_deck (spec);
  if ((engine = hr_engine_new_by_name (o.m.engine, o.sweep ? 0 : 1, &error)) == NULL)
    return hr_cli_fail ("vtc", error);
  job.engine = engine;
  job.spec = spec;
  return o.sweep ? run_sweep (&job, &o) : run_single (&job, &o);
}
