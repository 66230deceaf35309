/* headroom snm — the static noise margin of a 6T SRAM cell, hold or read, by the largest
 * square in the butterfly of its two half-cell curves. */
#include "hr-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd-gates.h"
#include "headroom-charts.h"

typedef struct {
  HrCliModelOptions m;
  char *cell, *ka, *wn, *ln, *wp, *lp, *wa, *la, *plot;
  gboolean read, json, curve, spice;
} SnmOptions;

static void
snm_options_clear (SnmOptions *o)
{
  char **fields[] = { &o->cell, &o->ka, &o->wn, &o->ln, &o->wp, &o->lp, &o->wa, &o->la,
                      &o->plot };
  hr_cli_model_options_clear (&o->m);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (fields[i], g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SnmOptions, snm_options_clear)

/* Level 1: every device W = L = 1 um except the access one, whose W makes its k = ka
 * (β = KP·W/L, one NMOS model for driver and access). Cards: the sizes given. */
static gboolean
sizes_from_options (const SnmOptions *o, HrSramSpec *s, GError **error)
{
  double ka = NAN;

  if (s->model->kind == HR_MOS_LEVEL1)
    {
      if (o->wn || o->ln || o->wp || o->lp || o->wa || o->la)
        {
          g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                               "with the level-1 model give the devices' k = KP*W/L with --kn, "
                               "--kp and --ka; --wn ... --la size model cards");
          return FALSE;
        }
      if (o->ka == NULL || !hr_cli_parse_value ("--ka", o->ka, HR_UNIT_NONE, &ka, error))
        {
          if (o->ka == NULL)
            g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                                 "give the access transistor's k with --ka (e.g. --ka 100u)");
          return FALSE;
        }
      s->wn_m = s->ln_m = s->wp_m = s->lp_m = s->la_m = 1e-6;
      s->wa_m = 1e-6 * ka / s->model->kpn_a_per_v2;
      return TRUE;
    }
  if (o->ka)
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "--ka sets the level-1 access device; with a card size it with "
                           "--wa and --la");
      return FALSE;
    }
  return hr_cli_gates_parse_size ("--wn", o->wn, &s->wn_m, error) &&
         hr_cli_gates_parse_size ("--ln", o->ln, &s->ln_m, error) &&
         hr_cli_gates_parse_size ("--wp", o->wp, &s->wp_m, error) &&
         hr_cli_gates_parse_size ("--lp", o->lp, &s->lp_m, error) &&
         hr_cli_gates_parse_size ("--wa", o->wa, &s->wa_m, error) &&
         hr_cli_gates_parse_size ("--la", o->la, &s->la_m, error);
}

static HrSramSpec *
spec_from_options (const SnmOptions *o, GError **error)
{
  g_autoptr(HrMosModel) model = NULL;
  g_autoptr(HrSramSpec) s = NULL;
  double vdd, temp, step;

  if (o->cell && g_ascii_strcasecmp (o->cell, "6t") != 0)
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "unknown cell \"%s\"; known: 6t", o->cell);
      return NULL;
    }
  if ((model = hr_cli_model_build (&o->m, &vdd, &temp, &step, error)) == NULL)
    return NULL;
  s = hr_sram_spec_new (model, vdd);
  s->temp_c = temp;
  s->step_v = step;
  s->read = o->read;
  if (!sizes_from_options (o, s, error) || !hr_sram_spec_validate (s, error))
    return NULL;
  return g_steal_pointer (&s);
}

static void
print_snm (const HrSramSnm *r)
{
  const HrSramSpec *s = r->spec;
  const HrSnm *snm = r->snm;
  g_autofree char *side = hr_cli_gates_volts (snm->snm_v);
  g_autofree char *ul = hr_cli_gates_volts (snm->upper_left.side_v);
  g_autofree char *lr = hr_cli_gates_volts (snm->lower_right.side_v);
  HrVerdict v = snm->bistable && snm->snm_v > 0 ? HR_VERDICT_PASS : HR_VERDICT_FAIL;

  printf ("6T SRAM cell, %s, VDD %g V, %g C: %s%s%s\n",
          s->read ? "read (word line on, bit lines held at VDD)" : "hold (word line off)",
          s->vdd_v, isnan (s->temp_c) ? 27.0 : s->temp_c, hr_cli_verdict_color (v),
          v == HR_VERDICT_PASS ? "holds its state" : "FAILS: not bistable, the state is lost",
          hr_cli_color_reset ());
  printf ("  model   %s\n", r->model_description);
  printf ("  engine  %s\n", r->engine);
  if (s->model->kind == HR_MOS_LEVEL1)
    {
      double kn = s->model->kpn_a_per_v2 * s->wn_m / s->ln_m;
      double kp = s->model->kpp_a_per_v2 * s->wp_m / s->lp_m;
      double ka = s->model->kpn_a_per_v2 * s->wa_m / s->la_m;
      printf ("  devices driver kn %.4g uA/V^2, load kp %.4g uA/V^2, access ka %.4g uA/V^2\n",
              kn * 1e6, kp * 1e6, ka * 1e6);
      printf ("  ratios  cell kn/ka %.3g, pull-up kp/ka %.3g\n\n", kn / ka, kp / ka);
    }
  else
    {
      printf ("  sizes   driver %.3g/%.3g um, load %.3g/%.3g um, access %.3g/%.3g um (W/L)\n",
              s->wn_m * 1e6, s->ln_m * 1e6, s->wp_m * 1e6, s->lp_m * 1e6, s->wa_m * 1e6,
              s->la_m * 1e6);
      printf ("  ratios  cell (W/L driver over access) %.3g, pull-up (load over access) %.3g"
              "\n\n", r->cell_ratio, r->pullup_ratio);
    }
  printf ("  SNM = %s   the side of the largest square in the smaller lobe of the butterfly\n",
          side);
  printf ("        (upper-left lobe %s, lower-right %s)\n\n", ul, lr);
  hr_cli_print_wrapped (s->read ?
      "Read: the access transistor pulls the low node up towards the bit line, which raises "
      "VOL of both half-cells and shrinks the lobes; a larger cell ratio (stronger driver) "
      "gives a larger read margin (Seevinck, List and Lohstroh, IEEE JSSC 22(5), 1987)." :
      "Hold: the access transistors are off and each half-cell is a plain inverter; the "
      "margin is that of two cross-coupled inverters (Seevinck, List and Lohstroh, IEEE JSSC "
      "22(5), 1987).", "  ", "");
}

typedef struct {
  HrEngine *engine;
  HrSramSpec *spec;
} SnmJob;

static gpointer
snm_work (gpointer data, GCancellable *cancel, HrProgressFunc progress, gpointer pdata,
          GError **error)
{
  SnmJob *j = data;
  return hr_sram_butterfly_simulate (j->engine, j->spec, cancel, progress, pdata, error);
}

static int
run_snm (HrSramSpec *spec, const SnmOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrEngine) engine = hr_engine_new_by_name (o->m.engine, 1, &error);
  g_autoptr(HrSramSnm) r = NULL;
  SnmJob job = { engine, spec };

  if (engine == NULL || (r = hr_cli_gates_run ("simulating", snm_work, &job, &error)) == NULL)
    return hr_cli_fail ("snm", error);
  if (o->json)
    {
      g_autoptr(JsonNode) node = hr_sram_snm_to_json (r, o->curve);
      hr_cli_print_json ("snm", node);
    }
  else
    print_snm (r);
  if (o->plot != NULL)
    {
      g_autoptr(HrPlot) plot = hr_chart_butterfly (r);
      if (!hr_plot_save (plot, o->plot, HR_PLOT_FORMAT_AUTO, 700, 700, &error))
        return hr_cli_fail ("snm", error);
    }
  return r->snm->bistable && r->snm->snm_v > 0 ? HR_EXIT_PASS : HR_EXIT_CHECK_FAILED;
}

int
hr_cli_snm (int argc, char **argv)
{
  g_auto(SnmOptions) o = { .read = FALSE };
  GOptionEntry entries[] = {
    { "cell", 0, 0, G_OPTION_ARG_STRING, &o.cell, "The cell: 6t (default, the only one so far)", "CELL" },
    { "read", 'r', 0, G_OPTION_ARG_NONE, &o.read, "Read margin: word line on, bit lines precharged to VDD (default: hold)", NULL },
    { "ka", 0, 0, G_OPTION_ARG_STRING, &o.ka, "level1: access NMOS k = KP*W/L in A/V^2 (driver --kn, load --kp)", "A/V2" },
    { "wn", 0, 0, G_OPTION_ARG_STRING, &o.wn, "Model cards: driver NMOS width (default twice the card's Wn)", "M" },
    { "ln", 0, 0, G_OPTION_ARG_STRING, &o.ln, "Model cards: driver NMOS length", "M" },
    { "wp", 0, 0, G_OPTION_ARG_STRING, &o.wp, "Model cards: load PMOS width (default the card's Wn)", "M" },
    { "lp", 0, 0, G_OPTION_ARG_STRING, &o.lp, "Model cards: load PMOS length", "M" },
    { "wa", 0, 0, G_OPTION_ARG_STRING, &o.wa, "Model cards: access NMOS width (default the card's Wn)", "M" },
    { "la", 0, 0, G_OPTION_ARG_STRING, &o.la, "Model cards: access NMOS length", "M" },
    { "plot", 'p', 0, G_OPTION_ARG_FILENAME, &o.plot, "Draw the butterfly to FILE.svg, .png or .pdf", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, "Print JSON (docs/json-output.md)", NULL },
    { "curve", 0, 0, G_OPTION_ARG_NONE, &o.curve, "With --json: include the half-cell curve", NULL },
    { "spice", 0, 0, G_OPTION_ARG_NONE, &o.spice, "Print the half-cell's SPICE deck instead of running it", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HrSramSpec) spec = NULL;

  g_option_context_set_summary (ctx,
      "Static noise margin of a 6T SRAM cell: the side of the largest square that fits in the\n"
      "smaller lobe of the butterfly (Seevinck et al. 1987), in hold or in read. Exit status 1\n"
      "when the cell is not bistable.\n\n"
      "  headroom snm --vdd 1.8 --vt 0.45 --kn 200u --kp 100u --ka 100u --read --plot bf.png\n"
      "  headroom snm --model bsim3-1v8 --read");
  g_option_context_add_main_entries (ctx, entries, NULL);
  hr_cli_model_options_add (ctx, &o.m);
  if (!hr_cli_parse_options (ctx, "snm", &argc, &argv))
    return HR_EXIT_BAD_INPUT;
  if (argc > 1)
    return hr_cli_usage ("snm", "unexpected argument");
  if (o.curve && !o.json)
    return hr_cli_usage ("snm", "--curve goes with --json");
  if ((spec = spec_from_options (&o, &error)) == NULL)
    return hr_cli_fail ("snm", error);
  if (o.spice)
    {
      g_autoptr(HrNetlist) nl = hr_sram_spec_to_netlist (spec, &error);
      g_autofree char *deck = nl ? hr_netlist_to_spice (nl, &error) : NULL;
      if (deck == NULL)
        return hr_cli_fail ("snm", error);
      fputs (deck, stdout);
      return HR_EXIT_PASS;
    }
  return run_snm (spec, &o);
}
