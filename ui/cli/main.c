/* headroom — the command-line front end. Each subcommand lives in cmd-*.c. */
#include "hr-config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd-gates.h"

static const struct {
  const char *name;
  HrCliCommand run;
  const char *summary;
} commands[] = {
  { "families", hr_cli_families, "list the logic-family library, or one family's levels" },
  { "margins",  hr_cli_margins,  "datasheet noise margins of a driver into receivers, or the family matrix" },
  { "check",    hr_cli_check,    "check every net of a circuit file, worst first" },
  { "vtc",      hr_cli_vtc,      "transfer curve of a transistor-level gate: VIL, VIH, VOL, VOH, margins" },
  { "snm",      hr_cli_snm,      "static noise margin of an SRAM 6T cell (hold or read) from its butterfly" },
};

static void
print_help (FILE *out)
{
  fprintf (out,
           "Usage: headroom COMMAND [OPTIONS...]\n\n"
           "How much noise headroom every signal in a digital design has, and why.\n\n"
           "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out,
           "\nOptions:\n"
           "  -h, --help     this help; COMMAND --help for a command's options\n"
           "  --version      print the version\n\n"
           "Exit status: 0 all checks pass, 1 a check failed, 2 bad input or usage.\n"
           "Documentation: docs/cli.md\n");
}

int
main (int argc, char **argv)
{
  /* Messages may be localised, numbers never: files and JSON use the C locale. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  if (argc < 2)
    {
      print_help (stderr);
      return HR_EXIT_BAD_INPUT;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "version") == 0)
    {
      printf ("headroom %s\n", HR_VERSION);
      return HR_EXIT_PASS;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_help (stdout);
      return HR_EXIT_PASS;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, "headroom: unknown command \"%s\"; known: families, margins, check, vtc, snm "
                   "(headroom --help)\n", argv[1]);
  return HR_EXIT_BAD_INPUT;
}
