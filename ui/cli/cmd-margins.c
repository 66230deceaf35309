/* headroom margins — datasheet margins of a driver into receivers, or the family matrix. */
#include "hr-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd-matrix.h"
#include "headroom-charts.h"

static HrLevels *
levels_for (HrFamilyLibrary *lib, const char *spec, const char *option, double default_vcc,
            GError **error)
{
  g_autofree char *name = NULL;
  double vcc;
  const HrFamily *f;
  HrLevels *levels;

  if (!hr_cli_parse_part (spec, &name, &vcc, error))
    {
      g_prefix_error (error, "%s: ", option);
      return NULL;
    }
  if ((f = hr_family_library_lookup (lib, name, error)) == NULL)
    {
      g_prefix_error (error, "%s: ", option);
      return NULL;
    }
  if (isnan (vcc))
    vcc = isnan (default_vcc) ? hr_family_get_vcc_nominal (f) : default_vcc;
  if ((levels = hr_family_levels_at (f, vcc, error)) == NULL)
    g_prefix_error (error, "%s: ", option);
  return levels;
}

static const char *
margin_word (HrVerdict v)
{
  return v == HR_VERDICT_FAIL ? "fail" : v == HR_VERDICT_MARGINAL ? "marginal" : "ok";
}

/* The library's own verdict on one level (it compares with a nanovolt tolerance). */
static HrVerdict
level_verdict (const HrMarginResult *r, HrFindingKind kind)
{
  /* No guaranteed level at this load (beyond the datasheet's points): no margin at all. */
  if (isnan (kind == HR_FINDING_LEVEL_HIGH ? r->nmh_v : r->nml_v))
    return HR_VERDICT_FAIL;
  for (guint i = 0; i < r->findings->len; i++)
    {
      const HrFinding *f = g_ptr_array_index (r->findings, i);
      if (f->kind == kind)
        return f->verdict;
    }
  return HR_VERDICT_PASS;
}

static void
print_pair (const HrMarginResult *r)
{
  g_autofree char *dv = hr_units_format (r->driver->vcc_v, HR_UNIT_VOLT, 4);
  g_autofree char *rv = hr_units_format (r->receiver->vcc_v, HR_UNIT_VOLT, 4);
  g_autofree char *voh = hr_cli_volts (r->voh_v), *vol = hr_cli_volts (r->vol_v);
  g_autofree char *vih = hr_cli_volts (r->vih_v), *vil = hr_cli_volts (r->vil_v);
  g_autofree char *nmh = hr_cli_volts (r->nmh_v), *nml = hr_cli_volts (r->nml_v);
  g_autofree char *voh_at = hr_cli_amps (fabs (r->voh_at_a));
  g_autofree char *vol_at = hr_cli_amps (fabs (r->vol_at_a));
  g_autofree char *lh = hr_cli_amps (r->load_high_a), *ll = hr_cli_amps (r->load_low_a);

  printf ("%s at %s -> %s at %s, %u receiver%s: %s%s%s\n\n",
          r->driver->family, dv, r->receiver->family, rv, r->fanout, r->fanout == 1 ? "" : "s",
          hr_cli_verdict_color (r->verdict), hr_cli_verdict_word (r->verdict),
          hr_cli_color_reset ());
  printf ("  %-6s %-22s %-18s %s\n", "", "driver guarantees", "receiver needs", "margin");
  printf ("  %-6s VOH >= %-15s VIH >= %-11s NMH = %-9s %s\n", "high", voh, vih, nmh,
          margin_word (level_verdict (r, HR_FINDING_LEVEL_HIGH)));
  printf ("  %-6s   (at %s sourced; the receivers draw %s)\n", "", voh_at, lh);
  printf ("  %-6s VOL <= %-15s VIL <= %-11s NML = %-9s %s\n", "low", vol, vil, nml,
          margin_word (level_verdict (r, HR_FINDING_LEVEL_LOW)));
  printf ("  %-6s   (at %s sunk; the receivers draw %s)\n", "", vol_at, ll);
  if (r->fanout_max == G_MAXUINT)
    printf ("  %-6s no DC fan-out limit: these inputs draw no input current\n\n", "fanout");
  else
    printf ("  %-6s DC fan-out limit: %u receiver%s of this kind\n\n", "fanout", r->fanout_max,
            r->fanout_max == 1 ? "" : "s");
  hr_cli_print_findings (r->findings, "  ");
}

static int
run_pair (HrFamilyLibrary *lib, const char *driver, const char *receiver, double vcc,
          int fanout, const HrMarginOptions *o, gboolean json, const char *plot_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrLevels) d = NULL;
  g_autoptr(HrLevels) r = NULL;
  g_autoptr(HrMarginResult) res = NULL;

  if (fanout < 1)
    return hr_cli_usage ("margins", "--fanout must be 1 or more");
  if ((d = levels_for (lib, driver, "--driver", vcc, &error)) == NULL ||
      (r = levels_for (lib, receiver, "--receiver", vcc, &error)) == NULL ||
      (res = hr_margins_pair (d, r, (guint) fanout, o, &error)) == NULL)
    return hr_cli_fail ("margins", error);
  /* The chart the app shows beside the numbers: the driver's output bands, the margins and
   * the receiver's input bands on one voltage axis. Written before the text, so that a
   * file that cannot be written is an error with nothing half-printed. */
  if (plot_path != NULL)
    {
      g_autoptr(HrPlot) plot = hr_chart_pair_levels (res);
      if (!hr_plot_save (plot, plot_path, HR_PLOT_FORMAT_AUTO, 800, 560, &error))
        return hr_cli_fail ("margins", error);
    }

  if (json)
    {
      g_autoptr(JsonNode) node = hr_margin_result_to_json (res);
      hr_cli_print_json ("margins", node);
    }
  else
    print_pair (res);
  return res->verdict == HR_VERDICT_FAIL ? HR_EXIT_CHECK_FAILED : HR_EXIT_PASS;
}

static int
run_matrix (HrFamilyLibrary *lib, double vcc, const char *format, const char *output,
            const HrMarginOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrMatrixResult) m = hr_margins_matrix (lib, vcc, o, &error);

  if (m == NULL)
    return hr_cli_fail ("margins", error);
  if (!hr_cli_matrix_write (m, format, output, &error))
    return hr_cli_fail ("margins", error);
  /* The matrix is a table to read, not a check: failing cells are its content. */
  return HR_EXIT_PASS;
}

int
hr_cli_margins (int argc, char **argv)
{
  g_autofree char *driver = NULL, *receiver = NULL, *vcc_text = NULL;
  g_autofree char *format = NULL, *output = NULL, *families_file = NULL;
  g_autofree char *temp_text = NULL, *load_high = NULL, *load_low = NULL, *marginal = NULL;
  g_autofree char *plot_path = NULL;
  gboolean json = FALSE, matrix = FALSE;
  int fanout = 1;
  GOptionEntry entries[] = {
    { "driver", 'd', 0, G_OPTION_ARG_STRING, &driver, "Driving family, optionally with its supply: 74LVC@3.3", "FAMILY[@VCC]" },
    { "receiver", 'r', 0, G_OPTION_ARG_STRING, &receiver, "Receiving family, optionally with its supply: 74HC@5", "FAMILY[@VCC]" },
    { "vcc", 0, 0, G_OPTION_ARG_STRING, &vcc_text, "Supply of both sides unless given with @ (default: each family's nominal)", "V" },
    { "fanout", 'n', 0, G_OPTION_ARG_INT, &fanout, "Number of identical receivers on the net (default 1)", "N" },
    { "load-high", 0, 0, G_OPTION_ARG_STRING, &load_high, "Extra current the driver sources when high, e.g. 1mA", "A" },
    { "load-low", 0, 0, G_OPTION_ARG_STRING, &load_low, "Extra current the driver sinks when low, e.g. 10mA for an LED", "A" },
    { "temp-max", 0, 0, G_OPTION_ARG_STRING, &temp_text, "Guarantees must hold up to this temperature (25, 85, 125; default 85)", "C" },
    { "marginal", 0, 0, G_OPTION_ARG_STRING, &marginal, "A margin below this is marginal (default 0.1V)", "V" },
    { "matrix", 0, 0, G_OPTION_ARG_NONE, &matrix, "The compatibility matrix of all families", NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "Matrix format: text, csv, json, svg, png, pdf (default text, or from -o's extension)", "FMT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the matrix to FILE (atomically)", "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON (docs/json-output.md)", NULL },
    { "plot", 0, 0, G_OPTION_ARG_FILENAME, &plot_path, "Draw the driver's output and the receiver's input levels with the margins (svg, png or pdf from the extension)", "FILE" },
    { "families", 0, 0, G_OPTION_ARG_FILENAME, &families_file, "Use this families file instead of the shipped library", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HrFamilyLibrary) lib = NULL;
  HrMarginOptions o;
  double vcc = NAN;

  g_option_context_set_summary (ctx,
      "Datasheet noise margins: NMH = VOH - VIH and NML = VIL - VOL at the load the receivers\n"
      "really draw, the DC fan-out and the receiver's over-voltage tolerance.\n\n"
      "  headroom margins --driver 74LS --receiver 74HC --vcc 5\n"
      "  headroom margins --driver 74LVC@3.3 --receiver 74HCT@5 --fanout 4\n"
      "  headroom margins --driver 74LS --receiver 74HC --plot levels.svg\n"
      "  headroom margins --matrix --vcc 5 -o matrix.svg");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!hr_cli_parse_options (ctx, "margins", &argc, &argv))
    return HR_EXIT_BAD_INPUT;
  if (argc > 1)
    return hr_cli_usage ("margins", "unexpected argument; use --driver and --receiver");

  hr_margin_options_init (&o);
  if ((vcc_text && !hr_cli_parse_value ("--vcc", vcc_text, HR_UNIT_VOLT, &vcc, &error)) ||
      (temp_text && !hr_cli_parse_value ("--temp-max", temp_text, HR_UNIT_CELSIUS, &o.temp_max_c, &error)) ||
      (load_high && !hr_cli_parse_value ("--load-high", load_high, HR_UNIT_AMPERE, &o.extra_load_high_a, &error)) ||
      (load_low && !hr_cli_parse_value ("--load-low", load_low, HR_UNIT_AMPERE, &o.extra_load_low_a, &error)) ||
      (marginal && !hr_cli_parse_value ("--marginal", marginal, HR_UNIT_VOLT, &o.marginal_v, &error)))
    return hr_cli_fail ("margins", error);
  if (o.extra_load_high_a < 0 || o.extra_load_low_a < 0)
    return hr_cli_usage ("margins", "--load-high and --load-low are magnitudes: give them positive");

  if ((lib = hr_cli_library (families_file, &error)) == NULL)
    return hr_cli_fail ("margins", error);

  if (matrix)
    {
      if (driver || receiver)
        return hr_cli_usage ("margins", "--matrix covers all families; drop --driver/--receiver");
      if (json && format && strcmp (format, "json") != 0)
        return hr_cli_usage ("margins", "--json and --format disagree");
      if (plot_path)
        return hr_cli_usage ("margins", "--plot draws one driver and receiver; the matrix "
                             "goes to -o FILE.svg");
      return run_matrix (lib, vcc, json ? "json" : format, output, &o);
    }
  if (format || output)
    return hr_cli_usage ("margins", "--format and --output go with --matrix");
  if (!driver || !receiver)
    return hr_cli_usage ("margins", "give --driver and --receiver, or --matrix");
  return run_pair (lib, driver, receiver, vcc, fanout, &o, json, plot_path);
}
