/* cmd-gates.h — what `headroom vtc` and `headroom snm` share: the model options, a runner
 * that shows progress and honours Ctrl-C, and printing helpers. */
#pragma once

#include "cli.h"
#include "hr-gates.h"

G_BEGIN_DECLS

/* The subcommands (main.c's table). */
int hr_cli_vtc (int argc, char **argv);
int hr_cli_snm (int argc, char **argv);

/* The options that choose and parameterise the MOS model, plus supply, temperature, step. */
typedef struct {
  char *model, *model_file;
  char *vt, *vtn, *vtp, *kn, *kp, *lambda, *gamma;
  char *vdd, *temp, *step;
  char *engine;               /* --engine: auto (NULL), native or ngspice */
} HrCliModelOptions;

void hr_cli_model_options_clear (HrCliModelOptions *o);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HrCliModelOptions, hr_cli_model_options_clear)

/* Adds --model, --model-file, --vt, --vtn, --vtp, --kn, --kp, --lambda, --gamma, --vdd,
 * --temp, --step and --engine to CTX's main group, storing into O. */
void hr_cli_model_options_add (GOptionContext *ctx, HrCliModelOptions *o);

/* The model O describes. For level 1 (the default) --kn/--kp are the devices' k = KP·W/L in
 * A/V^2 and the sizes are W = L = 1 um, so KP = k. *VDD_V: --vdd, else the card's nominal
 * supply; *TEMP_C: --temp or NAN; *STEP_V: --step or 0. (transfer full) */
HrMosModel *hr_cli_model_build (const HrCliModelOptions *o, double *vdd_v, double *temp_c,
                                double *step_v, GError **error);

/* Parses an optional size option into *OUT (unchanged when TEXT is NULL). */
gboolean hr_cli_gates_parse_size (const char *option, const char *text, double *out,
                            GError **error);

/* Runs WORK on a thread while the main thread shows "LABEL: 42%" on a terminal (stderr) and
 * turns Ctrl-C into a cancellation. Returns WORK's result. */
typedef gpointer (*HrCliWork) (gpointer data, GCancellable *cancellable,
                               HrProgressFunc progress, gpointer progress_data,
                               GError **error);
gpointer hr_cli_gates_run (const char *label, HrCliWork work, gpointer data,
                                   GError **error);

/* "1.4699 V": simulated margins are worth four decimals. (transfer full) */
char *hr_cli_gates_volts (double v);


G_END_DECLS
