/* cmd-gates.c — model options, progress and printing shared by `headroom vtc` and `snm`. */
#include "hr-config.h"

#include <glib-unix.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd-gates.h"

void
hr_cli_model_options_clear (HrCliModelOptions *o)
{
  char **fields[] = { &o->model, &o->model_file, &o->vt, &o->vtn, &o->vtp, &o->kn, &o->kp,
                      &o->lambda, &o->gamma, &o->vdd, &o->temp, &o->step, &o->engine };
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (fields[i], g_free);
}

void
hr_cli_model_options_add (GOptionContext *ctx, HrCliModelOptions *o)
{
  GOptionEntry entries[] = {
    { "model", 'm', 0, G_OPTION_ARG_STRING, &o->model, "level1 (default), bsim3-5v, bsim3-3v3 or bsim3-1v8 (illustrative BSIM3v3.3 cards, not vendor models)", "NAME" },
    { "model-file", 0, 0, G_OPTION_ARG_FILENAME, &o->model_file, "Your own SPICE .model cards, defining an NMOS nch and a PMOS pch", "FILE" },
    { "vdd", 0, 0, G_OPTION_ARG_STRING, &o->vdd, "Supply (default: the card's nominal; needed with level1 and --model-file)", "V" },
    { "vtn", 0, 0, G_OPTION_ARG_STRING, &o->vtn, "level1: NMOS threshold VTO, e.g. 0.6", "V" },
    { "vtp", 0, 0, G_OPTION_ARG_STRING, &o->vtp, "level1: PMOS threshold VTO, negative, e.g. -0.6", "V" },
    { "vt", 0, 0, G_OPTION_ARG_STRING, &o->vt, "level1: both thresholds at once (VTn = VT, VTp = -VT)", "V" },
    { "kn", 0, 0, G_OPTION_ARG_STRING, &o->kn, "level1: NMOS k = KP*W/L in A/V^2, e.g. 100u (W = L = 1 um, so KP = k)", "A/V2" },
    { "kp", 0, 0, G_OPTION_ARG_STRING, &o->kp, "level1: PMOS k = KP*W/L in A/V^2, e.g. 50u", "A/V2" },
    { "lambda", 0, 0, G_OPTION_ARG_STRING, &o->lambda, "level1: channel-length modulation of both devices (default 0)", "1/V" },
    { "gamma", 0, 0, G_OPTION_ARG_STRING, &o->gamma, "level1: body-effect coefficient of both devices (default 0)", "V^0.5" },
    { "temp", 0, 0, G_OPTION_ARG_STRING, &o->temp, "Temperature (default 27 C, the models' nominal)", "C" },
    { "step", 0, 0, G_OPTION_ARG_STRING, &o->step, "Input sweep step (default 1 mV; refined 20x around VIL, VM, VIH)", "V" },
    { "engine", 'e', 0, G_OPTION_ARG_STRING, &o->engine, "auto (default: native where it carries the model, i.e. level 1; else ngspice), native or ngspice", "NAME" },
    { NULL }
  };
  g_option_context_add_main_entries (ctx, entries, NULL);
}

static gboolean
parse_opt (const char *option, const char *text, HrUnit unit, double *out, GError **error)
{
  return text == NULL || hr_cli_parse_value (option, text, unit, out, error);
}

gboolean
hr_cli_gates_parse_size (const char *option, const char *text, double *out, GError **error)
{
  return parse_opt (option, text, HR_UNIT_METER, out, error);
}

static HrMosModel *
level1_model (const HrCliModelOptions *o, GError **error)
{
  double vtn = NAN, vtp = NAN, kn = NAN, kp = NAN, lambda = 0, gamma = 0, vt = NAN;
  HrMosModel *m;

  if (!parse_opt ("--vt", o->vt, HR_UNIT_VOLT, &vt, error) ||
      !parse_opt ("--vtn", o->vtn, HR_UNIT_VOLT, &vtn, error) ||
      !parse_opt ("--vtp", o->vtp, HR_UNIT_VOLT, &vtp, error) ||
      !parse_opt ("--kn", o->kn, HR_UNIT_NONE, &kn, error) ||
      !parse_opt ("--kp", o->kp, HR_UNIT_NONE, &kp, error) ||
      !parse_opt ("--lambda", o->lambda, HR_UNIT_NONE, &lambda, error) ||
      !parse_opt ("--gamma", o->gamma, HR_UNIT_NONE, &gamma, error))
    return NULL;
  if (isnan (vtn))
    vtn = vt;
  if (isnan (vtp))
    vtp = -vt;
  if (isnan (vtn) || isnan (vtp) || isnan (kn) || isnan (kp))
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "the level-1 model needs --vtn and --vtp (or --vt), --kn and --kp, "
                           "e.g. --vtn 0.6 --vtp -0.6 --kn 100u --kp 50u");
      return NULL;
    }
  m = hr_mos_model_new_level1 (vtn, vtp, kn, kp);
  m->lambda_n_per_v = m->lambda_p_per_v = lambda;
  m->gamma_n_sqrt_v = m->gamma_p_sqrt_v = gamma;
  return m;
}

static HrMosModel *
file_model (const char *path, GError **error)
{
  g_autofree char *text = NULL, *real = NULL, *dir = NULL;
  const char *dirs[2] = { NULL, NULL };

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  /* A card file may .include its neighbours, nothing else. */
  real = realpath (path, NULL);
  dir = g_path_get_dirname (real ? real : path);
  dirs[0] = dir;
  return hr_mos_model_new_user (path, text, dirs, error);
}

HrMosModel *
hr_cli_model_build (const HrCliModelOptions *o, double *vdd_v, double *temp_c, double *step_v,
                    GError **error)
{
  const char *name = o->model ? o->model : "level1";
  gboolean level1 = o->model_file == NULL && g_ascii_strcasecmp (name, "level1") == 0;
  g_autoptr(HrMosModel) m = NULL;

  if (o->model_file && o->model)
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "give --model or --model-file, not both");
      return NULL;
    }
  if (!level1 && (o->vt || o->vtn || o->vtp || o->kn || o->kp || o->lambda || o->gamma))
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "--vt, --vtn, --vtp, --kn, --kp, --lambda and --gamma set the level-1 "
                           "model; a model card has its own (size the devices with --wn, --wp)");
      return NULL;
    }
  if (o->model_file)
    m = file_model (o->model_file, error);
  else
    m = level1 ? level1_model (o, error) : hr_mos_model_new_builtin (name, error);
  if (m == NULL)
    return NULL;
  *vdd_v = m->default_vdd_v;
  *temp_c = NAN;
  *step_v = 0;
  if (!parse_opt ("--vdd", o->vdd, HR_UNIT_VOLT, vdd_v, error) ||
      !parse_opt ("--temp", o->temp, HR_UNIT_CELSIUS, temp_c, error) ||
      !parse_opt ("--step", o->step, HR_UNIT_VOLT, step_v, error))
    return NULL;
  if (isnan (*vdd_v))
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "give the supply with --vdd (e.g. --vdd 3.3)");
      return NULL;
    }
  return g_steal_pointer (&m);
}

/* ---------------------------------------------------------------------------------------- */
/* Progress and Ctrl-C                                                                      */

typedef struct {
  HrCliWork work;
  gpointer data;
  GCancellable *cancel;
  GMainLoop *loop;
  const char *label;
  gint permille;          /* atomic: progress from the worker thread */
  gpointer result;
  GError *error;
  gboolean shown;
} Job;

static void
job_progress (double fraction, const char *phase, gpointer data)
{
  Job *job = data;
  g_atomic_int_set (&job->permille, (gint) lround (CLAMP (fraction, 0, 1) * 1000));
}

static gboolean
job_done (gpointer data)
{
  g_main_loop_quit (((Job *) data)->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
job_thread (gpointer data)
{
  Job *job = data;
  job->result = job->work (job->data, job->cancel, job_progress, job, &job->error);
  g_idle_add (job_done, job);
  return NULL;
}

static gboolean
job_show (gpointer data)
{
  Job *job = data;
  fprintf (stderr, "\r%s: %3d%%", job->label, g_atomic_int_get (&job->permille) / 10);
  job->shown = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
job_interrupt (gpointer data)
{
  Job *job = data;
  g_cancellable_cancel (job->cancel);
  return G_SOURCE_CONTINUE;
}

gpointer
hr_cli_gates_run (const char *label, HrCliWork work, gpointer data, GError **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  Job job = { work, data, cancel, loop, label, 0, NULL, NULL, FALSE };
  guint sigint = g_unix_signal_add (SIGINT, job_interrupt, &job);
  guint timer = isatty (STDERR_FILENO) ? g_timeout_add (250, job_show, &job) : 0;
  GThread *thread = g_thread_new ("headroom-work", job_thread, &job);

  g_main_loop_run (loop);
  g_thread_join (thread);
  g_source_remove (sigint);
  if (timer != 0)
    g_source_remove (timer);
  if (job.shown)
    fprintf (stderr, "\r\033[K");
  if (job.error != NULL)
    g_propagate_error (error, job.error);
  return job.result;
}

/* ---------------------------------------------------------------------------------------- */
/* Printing                                                                                 */

char *
hr_cli_gates_volts (double v)
{
  if (!isfinite (v))
    return g_strdup ("n/a");
  return g_strdup_printf ("%.4f V", fabs (v) < 5e-5 ? 0.0 : v);
}


