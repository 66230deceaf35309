/* sweep.c — margins against a parameter: one simulation per value, run concurrently.
 *
 * hr_engine_run() is thread-safe and the ngspice engine runs one job per worker process, so
 * a pool of as many threads as workers keeps every worker busy. Each point is independent:
 * a point that does not converge or gives a flat curve keeps its reason and the sweep goes
 * on; only what would fail every point (cancellation, a worker that cannot start, a deck
 * the simulator refuses) stops it. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "gates-private.h"

G_DEFINE_BOXED_TYPE (HrMarginSweep, hr_margin_sweep, hr_margin_sweep_ref,
                     hr_margin_sweep_unref)

static const struct {
  HrSweepParam param;
  const char *name;
  HrUnit unit;
  gboolean level1_only;
} params[] = {
  { HR_SWEEP_VDD, "vdd", HR_UNIT_VOLT, FALSE },
  { HR_SWEEP_TEMP, "temp", HR_UNIT_CELSIUS, FALSE },
  { HR_SWEEP_KN, "kn", HR_UNIT_NONE, TRUE },
  { HR_SWEEP_KP, "kp", HR_UNIT_NONE, TRUE },
  { HR_SWEEP_KR, "kr", HR_UNIT_NONE, TRUE },
  { HR_SWEEP_VTN, "vtn", HR_UNIT_VOLT, TRUE },
  { HR_SWEEP_VTP, "vtp", HR_UNIT_VOLT, TRUE },
  { HR_SWEEP_VT, "vt", HR_UNIT_VOLT, TRUE },
  { HR_SWEEP_LAMBDA, "lambda", HR_UNIT_NONE, TRUE },
  { HR_SWEEP_GAMMA, "gamma", HR_UNIT_NONE, TRUE },
  { HR_SWEEP_WN, "wn", HR_UNIT_METER, FALSE },
  { HR_SWEEP_WP, "wp", HR_UNIT_METER, FALSE },
  { HR_SWEEP_LN, "ln", HR_UNIT_METER, FALSE },
  { HR_SWEEP_LP, "lp", HR_UNIT_METER, FALSE },
  { HR_SWEEP_WRATIO, "wratio", HR_UNIT_NONE, FALSE },
  { HR_SWEEP_FANOUT, "fanout", HR_UNIT_NONE, FALSE },
  { HR_SWEEP_LOAD, "load", HR_UNIT_AMPERE, FALSE },
};

const char *
hr_sweep_param_to_string (HrSweepParam param)
{
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    if (params[i].param == param)
      return params[i].name;
  return NULL;
}

HrUnit
hr_sweep_param_unit (HrSweepParam param)
{
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    if (params[i].param == param)
      return params[i].unit;
  return HR_UNIT_NONE;
}

static char *
param_list (void)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", params[i].name);
  return g_string_free (s, FALSE);
}

gboolean
hr_sweep_param_from_string (const char *text, HrSweepParam *param, GError **error)
{
  g_autofree char *known = NULL;

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (params); i++)
    if (g_ascii_strcasecmp (text, params[i].name) == 0)
      {
        *param = params[i].param;
        return TRUE;
      }
  known = param_list ();
  g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
               "unknown sweep parameter \"%s\"; known: %s", text ? text : "(null)", known);
  return FALSE;
}

/* Whether PARAM can be varied with MODEL: KP, VTO, LAMBDA and GAMMA are level-1 numbers. */
static gboolean
param_applies (const HrMosModel *model, HrSweepParam param, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    if (params[i].param == param && params[i].level1_only && model->kind != HR_MOS_LEVEL1)
      {
        g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                     "%s is a level-1 parameter; with model cards sweep vdd, temp, wn, wp, ln, "
                     "lp, wratio, fanout or load", params[i].name);
        return FALSE;
      }
  return TRUE;
}

static gboolean
set_level1 (HrMosModel *m, HrSweepParam param, double v, const HrGateSpec *s)
{
  switch (param)
    {
    case HR_SWEEP_KN: m->kpn_a_per_v2 = v * s->ln_m / s->wn_m; return TRUE;
    case HR_SWEEP_KP: m->kpp_a_per_v2 = v * s->lp_m / s->wp_m; return TRUE;
    case HR_SWEEP_KR:
      /* kn = KR·kp with kp = KPp·Wp/Lp held. */
      m->kpn_a_per_v2 = v * (m->kpp_a_per_v2 * s->wp_m / s->lp_m) * s->ln_m / s->wn_m;
      return TRUE;
    case HR_SWEEP_VTN: m->vtn_v = v; return TRUE;
    case HR_SWEEP_VTP: m->vtp_v = v; return TRUE;
    case HR_SWEEP_VT: m->vtn_v = v; m->vtp_v = -v; return TRUE;
    case HR_SWEEP_LAMBDA: m->lambda_n_per_v = m->lambda_p_per_v = v; return TRUE;
    case HR_SWEEP_GAMMA: m->gamma_n_sqrt_v = m->gamma_p_sqrt_v = v; return TRUE;
    default: return FALSE;
    }
}

gboolean
hr_gate_spec_set_param (HrGateSpec *s, HrSweepParam param, double v, GError **error)
{
  g_return_val_if_fail (s != NULL && s->model != NULL, FALSE);
  if (!param_applies (s->model, param, error))
    return FALSE;
  hr_gate_spec_resolve (s);
  if (!isfinite (v))
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID, "%s: %g is not a number",
                   hr_sweep_param_to_string (param), v);
      return FALSE;
    }
  if (set_level1 (s->model, param, v, s))
    return TRUE;
  switch (param)
    {
    case HR_SWEEP_VDD: s->vdd_v = v; break;
    case HR_SWEEP_TEMP: s->temp_c = v; break;
    case HR_SWEEP_WN: s->wn_m = v; break;
    case HR_SWEEP_WP: s->wp_m = v; break;
    case HR_SWEEP_LN: s->ln_m = v; break;
    case HR_SWEEP_LP: s->lp_m = v; break;
    case HR_SWEEP_WRATIO: s->wp_m = v * (s->wn_m / s->ln_m) * s->lp_m; break;
    case HR_SWEEP_LOAD: s->load_a = v; break;
    case HR_SWEEP_FANOUT:
      if (!(v >= 0 && v <= HR_GATE_MAX_FANOUT))
        {
          g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                       "fanout %g is not in 0..%d", v, HR_GATE_MAX_FANOUT);
          return FALSE;
        }
      s->fanout = (guint) lround (v);
      break;
    default:
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID, "unknown parameter %d",
                   param);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* "vdd=1.8:5:0.1", "temp=-40,27,85"                                                       */

static gboolean
parse_value (HrSweepParam param, const char *text, double *v, GError **error)
{
  g_autofree char *t = g_strstrip (g_strdup (text));

  if (hr_units_parse (t, hr_sweep_param_unit (param), v, error))
    return TRUE;
  g_prefix_error (error, "%s: ", hr_sweep_param_to_string (param));
  return FALSE;
}

static double *
parse_range (HrSweepParam param, char **part, gsize *n, GError **error)
{
  double start, stop, step, count;
  double *values;

  if (!parse_value (param, part[0], &start, error) ||
      !parse_value (param, part[1], &stop, error) ||
      !parse_value (param, part[2], &step, error))
    return NULL;
  count = (stop - start) / step;
  /* Both ends are included when the step divides the span to within a thousandth. */
  if (step == 0 || !(count >= -1e-3) || count + 1 > HR_SWEEP_MAX_POINTS)
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "%s: %s:%s:%s is not START:STOP:STEP with STEP going from START towards "
                   "STOP in at most %d points", hr_sweep_param_to_string (param), part[0],
                   part[1], part[2], HR_SWEEP_MAX_POINTS);
      return NULL;
    }
  *n = (gsize) floor (count + 1e-3) + 1;
  values = g_new (double, *n);
  for (gsize i = 0; i < *n; i++)
    values[i] = start + (double) i * step;  /* no accumulated rounding */
  return values;
}

double *
hr_sweep_parse (const char *text, HrSweepParam *param, gsize *n_values, GError **error)
{
  const char *eq = text ? strchr (text, '=') : NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) part = NULL;
  g_autofree double *values = NULL;
  guint n;

  if (eq == NULL)
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "sweep \"%s\": write PARAM=START:STOP:STEP or PARAM=V1,V2,... "
                   "(e.g. vdd=1.8:5:0.1)", text ? text : "(null)");
      return NULL;
    }
  name = g_strstrip (g_strndup (text, eq - text));
  if (!hr_sweep_param_from_string (name, param, error))
    return NULL;
  part = g_strsplit (eq + 1, ":", -1);
  n = g_strv_length (part);
  if (n == 3)
    return parse_range (*param, part, n_values, error);
  if (n != 1)
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "sweep \"%s\": a range is START:STOP:STEP (three numbers)", text);
      return NULL;
    }
  g_strfreev (part);
  part = g_strsplit (eq + 1, ",", -1);
  n = g_strv_length (part);
  if (n > HR_SWEEP_MAX_POINTS)
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "sweep \"%s\": more than %d values", text, HR_SWEEP_MAX_POINTS);
      return NULL;
    }
  values = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (!parse_value (*param, part[i], &values[i], error))
      return NULL;
  *n_values = n;
  return g_steal_pointer (&values);
}

/* ---------------------------------------------------------------------------------------- */
/* Running                                                                                  */

HrMarginSweep *
hr_margin_sweep_ref (HrMarginSweep *s)
{
  g_return_val_if_fail (s != NULL, NULL);
  g_atomic_int_inc (&s->ref_count);
  return s;
}

void
hr_margin_sweep_unref (HrMarginSweep *s)
{
  if (s == NULL || !g_atomic_int_dec_and_test (&s->ref_count))
    return;
  hr_gate_spec_free (s->base);
  g_array_unref (s->points);
  g_free (s);
}

static void
point_clear (gpointer p)
{
  HrSweepPoint *pt = p;
  g_clear_pointer (&pt->result, hr_gate_vtc_unref);
  g_clear_pointer (&pt->error, g_free);
}

typedef struct {
  HrEngine *engine;
  HrMarginSweep *sweep;
  GCancellable *cancel;       /* ours: the caller's, or a fatal error, cancels it */
  HrProgressFunc progress;
  gpointer progress_data;
  GMutex lock;
  guint done;
  GError *fatal;              /* the first error that stops every point */
} Run;

/* Errors that every other point would hit too. */
static gboolean
is_fatal (const GError *e)
{
  return g_error_matches (e, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED) ||
         g_error_matches (e, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START) ||
         g_error_matches (e, HR_SIM_ERROR, HR_SIM_ERROR_FILTER) ||
         g_error_matches (e, HR_SIM_ERROR, HR_SIM_ERROR_PARSE) ||
         g_error_matches (e, HR_SIM_ERROR, HR_SIM_ERROR_UNSUPPORTED) ||
         g_error_matches (e, HR_SIM_ERROR, HR_SIM_ERROR_INVALID);
}

static void
run_point (gpointer item, gpointer user_data)
{
  Run *run = user_data;
  guint index = GPOINTER_TO_UINT (item) - 1;
  HrSweepPoint *pt = &g_array_index (run->sweep->points, HrSweepPoint, index);
  g_autoptr(HrGateSpec) spec = hr_gate_spec_copy (run->sweep->base);
  g_autoptr(GError) error = NULL;
  HrGateVtc *r = NULL;

  if (g_cancellable_is_cancelled (run->cancel))
    return;
  if (hr_gate_spec_set_param (spec, run->sweep->param, pt->value, &error))
    r = hr_gate_vtc_simulate (run->engine, spec, run->cancel, NULL, NULL, &error);

  g_mutex_lock (&run->lock);
  pt->result = r;
  if (error != NULL)
    pt->error = g_strdup (error->message);
  if (error != NULL && is_fatal (error) && run->fatal == NULL)
    {
      run->fatal = g_steal_pointer (&error);
      g_cancellable_cancel (run->cancel);
    }
  run->done++;
  if (run->progress)
    run->progress ((double) run->done / run->sweep->points->len, "sweep", run->progress_data);
  g_mutex_unlock (&run->lock);
}

static void
forward_cancel (GCancellable *from, gpointer to)
{
  g_cancellable_cancel (to);
}

static guint
pool_size (HrEngine *engine, guint n_threads, gsize n_values)
{
  if (n_threads == 0 && HR_IS_ENGINE_NGSPICE (engine))
    n_threads = hr_engine_ngspice_get_n_workers (HR_ENGINE_NGSPICE (engine));
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  return (guint) CLAMP (n_values, 1, MAX (n_threads, 1));
}

/* Runs every point of RUN on a pool of N_THREADS; FALSE with the fatal error, if any. */
static gboolean
run_pool (Run *run, guint n_threads, GError **error)
{
  g_autoptr(GError) local = NULL;
  GThreadPool *pool = g_thread_pool_new (run_point, run, (int) n_threads, FALSE, &local);

  if (pool == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  for (guint i = 0; i < run->sweep->points->len && local == NULL; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), &local);
  if (local != NULL)
    g_cancellable_cancel (run->cancel);
  g_thread_pool_free (pool, FALSE, TRUE);
  if (run->fatal != NULL)
    g_set_error_literal (&local, run->fatal->domain, run->fatal->code, run->fatal->message);
  if (local == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static HrMarginSweep *
sweep_new (const HrGateSpec *base, HrSweepParam param, const double *values, gsize n)
{
  HrMarginSweep *s = g_new0 (HrMarginSweep, 1);

  s->ref_count = 1;
  s->param = param;
  s->base = hr_gate_spec_copy (base);
  s->points = g_array_sized_new (FALSE, TRUE, sizeof (HrSweepPoint), (guint) n);
  g_array_set_clear_func (s->points, point_clear);
  g_array_set_size (s->points, (guint) n);
  for (gsize i = 0; i < n; i++)
    g_array_index (s->points, HrSweepPoint, i).value = values[i];
  return s;
}

HrMarginSweep *
hr_margin_sweep_run (HrEngine *engine, const HrGateSpec *base, HrSweepParam param,
                     const double *values, gsize n_values, guint n_threads,
                     GCancellable *cancellable, HrProgressFunc progress,
                     gpointer progress_data, GError **error)
{
  g_autoptr(HrMarginSweep) sweep = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  Run run = { engine, NULL, cancel, progress, progress_data, { 0 }, 0, NULL };
  gulong handler = 0;
  gboolean ok;

  g_return_val_if_fail (HR_IS_ENGINE (engine) && base != NULL && base->model != NULL, NULL);
  if (n_values == 0 || n_values > HR_SWEEP_MAX_POINTS)
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "a sweep needs 1 to %d values", HR_SWEEP_MAX_POINTS);
      return NULL;
    }
  if (!param_applies (base->model, param, error))
    return NULL;
  sweep = sweep_new (base, param, values, n_values);
  hr_gate_spec_resolve (sweep->base);
  run.sweep = sweep;
  g_mutex_init (&run.lock);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel), cancel, NULL);
  ok = run_pool (&run, pool_size (engine, n_threads, n_values), error);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  g_mutex_clear (&run.lock);
  g_clear_error (&run.fatal);
  if (ok && g_cancellable_is_cancelled (cancel))
    {
      g_set_error_literal (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED, "the sweep was cancelled");
      ok = FALSE;
    }
  if (!ok)
    return NULL;
  for (guint i = 0; i < sweep->points->len; i++)
    {
      HrSweepPoint *pt = &g_array_index (sweep->points, HrSweepPoint, i);
      sweep->n_failed += pt->result == NULL || !pt->result->restores;
    }
  return g_steal_pointer (&sweep);
}
