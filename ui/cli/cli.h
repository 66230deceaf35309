/* cli.h — what the `headroom` subcommands share: exit codes, argument helpers, output.
 *
 * The command is a thin front end: it parses arguments, calls the libraries and prints.
 * Nothing here computes a margin. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "headroom-noise.h"

G_BEGIN_DECLS

/* Exit status of every subcommand. */
enum {
  HR_EXIT_PASS = 0,         /* everything checked passed (marginal counts as passing) */
  HR_EXIT_CHECK_FAILED = 1, /* a check failed */
  HR_EXIT_BAD_INPUT = 2,    /* bad input, bad usage, or an error while working */
};

typedef int (*HrCliCommand) (int argc, char **argv);

int hr_cli_families (int argc, char **argv);
int hr_cli_margins (int argc, char **argv);
int hr_cli_check (int argc, char **argv);

/* Prints "headroom SUB: MESSAGE" on stderr and returns HR_EXIT_BAD_INPUT. */
int hr_cli_fail (const char *sub, const GError *error);
int hr_cli_usage (const char *sub, const char *message);

/* Parses a GOptionContext; on failure prints the error and a hint to --help. */
gboolean hr_cli_parse_options (GOptionContext *context, const char *sub, int *argc,
                               char ***argv);

/* The family library: the shipped one, or FAMILIES_FILE when given. */
HrFamilyLibrary *hr_cli_library (const char *families_file, GError **error);

/* "74LVC@3.3" or "74LVC@3.3V" or "74LVC" -> name and supply (NAN when not given). */
gboolean hr_cli_parse_part (const char *spec, char **name, double *vcc_v, GError **error);

/* Parses an option value with a unit ("5", "5V", "2mA"); OPTION names it in errors. */
gboolean hr_cli_parse_value (const char *option, const char *text, HrUnit unit,
                             double *out, GError **error);

/* Prints RESULT (transfer none) wrapped in the versioned envelope of docs/json-output.md. */
void hr_cli_print_json (const char *kind, JsonNode *result);
char *hr_cli_json_document (const char *kind, JsonNode *result, gsize *length);

/* Writes DATA to PATH atomically, or to stdout when PATH is NULL or "-". */
gboolean hr_cli_write_output (const char *path, const char *data, gsize length,
                              GError **error);

/* Short human forms: "2.7 V", "-0.8 V", "400 uA". (transfer full) */
char *hr_cli_volts (double v);
char *hr_cli_amps (double a);
const char *hr_cli_verdict_word (HrVerdict verdict); /* "PASS", "MARGINAL", "FAIL" */

/* Whether to use colour/bold on stdout. */
gboolean hr_cli_use_color (void);
const char *hr_cli_verdict_color (HrVerdict verdict);
const char *hr_cli_color_reset (void);

/* Prints TEXT word-wrapped at the terminal's width: the first line starts with INDENT and
 * BULLET (may be ""), the others align under the text; a unit stays with its number. */
void hr_cli_print_wrapped (const char *text, const char *indent, const char *bullet);

/* Prints a finding list indented, wrapped at the terminal's width. */
void hr_cli_print_findings (GPtrArray *findings, const char *indent);

G_END_DECLS
