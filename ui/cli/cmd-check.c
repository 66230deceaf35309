/* headroom check CIRCUIT.json — every net of a circuit file, worst first. */
#include "hr-config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static char *
pin_text (const char *family, double vcc_v, const char *part)
{
  g_autofree char *v = hr_units_format (vcc_v, HR_UNIT_VOLT, 4);

  if (part != NULL && *part)
    return g_strdup_printf ("%s %s@%s", part, family, v);
  return g_strdup_printf ("%s@%s", family, v);
}

static void
print_net (const HrCircuit *circuit, const HrNetResult *nr)
{
  const HrNet *net = hr_circuit_find_net (circuit, nr->net);
  g_autofree char *drv = net ? pin_text (net->driver.family, net->driver.vcc_v, net->driver.part)
                             : g_strdup ("?");
  g_autofree char *nmh = hr_cli_volts (nr->nmh_v), *nml = hr_cli_volts (nr->nml_v);

  printf ("%s%-8s%s %-16s NMH %-8s NML %-8s driver %s\n",
          hr_cli_verdict_color (nr->verdict), hr_cli_verdict_word (nr->verdict),
          hr_cli_color_reset (), nr->net, nmh, nml, drv);
  for (guint i = 0; i < nr->receivers->len; i++)
    {
      const HrMarginResult *r = g_ptr_array_index (nr->receivers, i);
      const HrPin *pin = net && i < net->receivers->len ? &g_array_index (net->receivers, HrPin, i) : NULL;
      g_autofree char *rcv = pin_text (r->receiver->family, r->receiver->vcc_v, pin ? pin->part : NULL);
      g_autofree char *h = hr_cli_volts (r->nmh_v), *l = hr_cli_volts (r->nml_v);

      printf ("         %-16s NMH %-8s NML %-8s -> %s%s\n", "", h, l, rcv,
              r->threshold_model ? " (simulated thresholds)" : "");
    }
  hr_cli_print_findings (nr->findings, "         ");
  printf ("\n");
}

/* The directory of the circuit file: its receivers' model files are relative to it, and it
 * is the only directory their cards may .include from. (transfer full) */
static char *
circuit_dir (const char *path)
{
  g_autofree char *real = realpath (path, NULL);

  return g_path_get_dirname (real != NULL ? real : path);
}

/* Checks CIRCUIT; an engine exists only when some receiver has a transistor-level model
 * (ngspice's worker processes start only when a model needs them). */
static HrCheckResult *
check_circuit (const HrCircuit *circuit, const char *path, HrFamilyLibrary *lib,
               const char *engine_name, const HrMarginOptions *options, GError **error)
{
  g_autoptr(HrEngine) engine = NULL;
  g_autofree char *dir = circuit_dir (path);
  HrMarginOptions o = *options;

  if (hr_circuit_has_models (circuit) &&
      (engine = hr_engine_new_by_name (engine_name, 0, error)) == NULL)
    return NULL;
  o.model_dir = dir;
  return hr_margins_check_circuit_with_engine (circuit, lib, engine, &o, NULL, error);
}

int
hr_cli_check (int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *families_file = NULL, *temp_text = NULL, *marginal = NULL;
  g_autofree char *engine_name = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON (docs/json-output.md)", NULL },
    { "engine", 'e', 0, G_OPTION_ARG_STRING, &engine_name, "Engine for transistor-level receivers: auto (default: native where it carries the model, else ngspice), native, ngspice", "NAME" },
    { "temp-max", 0, 0, G_OPTION_ARG_STRING, &temp_text, "Guarantees must hold up to this temperature (25, 85, 125; default 85)", "C" },
    { "marginal", 0, 0, G_OPTION_ARG_STRING, &marginal, "A margin below this is marginal (default 0.1V)", "V" },
    { "families", 0, 0, G_OPTION_ARG_FILENAME, &families_file, "Use this families file instead of the shipped library", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("CIRCUIT.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(HrFamilyLibrary) lib = NULL;
  g_autoptr(HrCircuit) circuit = NULL;
  g_autoptr(HrCheckResult) res = NULL;
  HrMarginOptions o;

  g_option_context_set_summary (ctx,
      "Check every net of a circuit file (docs/circuit-format.md) against the datasheet\n"
      "levels of its driver and receivers; print the nets worst first with every reason.\n"
      "A receiver with a transistor-level model is simulated (--engine) and judged by its\n"
      "simulated thresholds instead of the datasheet's.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!hr_cli_parse_options (ctx, "check", &argc, &argv))
    return HR_EXIT_BAD_INPUT;
  if (argc != 2)
    return hr_cli_usage ("check", "give exactly one circuit file");

  hr_margin_options_init (&o);
  if ((temp_text && !hr_cli_parse_value ("--temp-max", temp_text, HR_UNIT_CELSIUS, &o.temp_max_c, &error)) ||
      (marginal && !hr_cli_parse_value ("--marginal", marginal, HR_UNIT_VOLT, &o.marginal_v, &error)))
    return hr_cli_fail ("check", error);

  if ((lib = hr_cli_library (families_file, &error)) == NULL ||
      (circuit = hr_circuit_load (argv[1], lib, &error)) == NULL ||
      (res = check_circuit (circuit, argv[1], lib, engine_name, &o, &error)) == NULL)
    return hr_cli_fail ("check", error);

  if (json)
    {
      g_autoptr(JsonNode) node = hr_check_result_to_json (res);
      hr_cli_print_json ("check", node);
    }
  else
    {
      const char *desc = hr_circuit_get_description (circuit);

      printf ("%s: %u net%s: %u fail, %u marginal, %u pass\n", hr_circuit_get_name (circuit),
              res->nets->len, res->nets->len == 1 ? "" : "s", res->n_fail, res->n_marginal,
              res->n_pass);
      if (desc != NULL && *desc)
        printf ("%s\n", desc);
      printf ("\n");
      for (guint i = 0; i < res->nets->len; i++)
        print_net (circuit, g_ptr_array_index (res->nets, i));
    }
  return res->verdict == HR_VERDICT_FAIL ? HR_EXIT_CHECK_FAILED : HR_EXIT_PASS;
}
