/* xv-util.h — what the cross-validation test programs share (test-native.c,
 * test-native-lines.c): the bounds, one engine of each kind per program, and the
 * comparisons. Each program is one translation unit, so the helpers are static inline and
 * the engines are that program's own. */
#pragma once

#include "headroom-sim.h"

#include <math.h>
#include <string.h>

/* The cross-validation bounds. */
#define XV_OP_ABS_V    1e-4    /* operating points: 0.1 mV ...                            */
#define XV_OP_REL      1e-4    /* ... or 0.01 %, whichever is larger                       */
#define XV_TRAN_SWING  5e-3    /* transient waveforms: 0.5 % of the swing                  */
#define XV_NM_V        1e-3    /* noise-margin levels (VIL, VIH, VM): 1 mV                 */

static HrEngine *ngspice_engine;
static HrEngine *native_engine;

static inline HrEngine *
ngspice (void)
{
  if (ngspice_engine == NULL)
    {
      g_autoptr(GError) error = NULL;
      ngspice_engine = hr_engine_ngspice_new (2, &error);
      g_assert_no_error (error);
    }
  return ngspice_engine;
}

static inline HrEngine *
native (void)
{
  if (native_engine == NULL)
    native_engine = hr_engine_native_new ();
  return native_engine;
}

/* The two engines, at the end of main. */
static inline void
xv_engines_free (void)
{
  g_clear_object (&native_engine);
  g_clear_object (&ngspice_engine);
}

static inline void
assert_close (double got, double want, double rel, double abs_tol)
{
  double tol = rel * fabs (want) + abs_tol;
  if (!(fabs (got - want) <= tol))
    g_error ("got %.9g, want %.9g (tolerance %.3g)", got, want, tol);
}

static inline HrSimResult *
run_ok (HrEngine *e, HrNetlist *nl)
{
  g_autoptr(GError) error = NULL;
  HrSimResult *res = hr_engine_run (e, nl, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (res);
  return res;
}

static inline const double *
vec (HrSimResult *res, const char *name, guint *n)
{
  g_autoptr(GError) error = NULL;
  const HrSimVector *v = hr_sim_result_get_vector (res, name, &error);
  g_assert_no_error (error);
  return hr_sim_vector_get_real (v, n);
}

static inline double
scalar (HrSimResult *res, const char *name)
{
  g_autoptr(GError) error = NULL;
  double v = NAN;
  g_assert_true (hr_sim_result_get_scalar (res, name, &v, &error));
  g_assert_no_error (error);
  return v;
}

static inline double
interpolate (const double *x, const double *y, guint n, double at)
{
  if (at <= x[0])
    return y[0];
  for (guint i = 1; i < n; i++)
    if (x[i] >= at)
      return x[i] == x[i - 1] ? y[i]
             : y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]);
  return y[n - 1];
}

/* Largest |native - ngspice| at ngspice's accepted time points (the values it computed),
 * the native waveform interpolated linearly between its own points, divided by SWING, or
 * by the swing of the ngspice waveform itself if SWING is 0. Not the other way round: the
 * native engine lands on every corner (source breakpoints, and their arrivals at the ends
 * of lines), and a straight line between ngspice points that straddle such a corner would
 * cut it. VECTOR may name the plot ("tran.v(out)") or not ("v(out)"). */
static inline double
xv_tran_difference (HrSimResult *nat, HrSimResult *ref, const char *vector, double swing)
{
  g_autofree char *name = g_str_has_prefix (vector, "tran.") ? g_strdup (vector)
                          : g_strconcat ("tran.", vector, NULL);
  guint nn, nr, ny;
  const double *tn = vec (nat, "tran.time", &nn), *yn = vec (nat, name, &ny);
  const double *tr = vec (ref, "tran.time", &nr), *yr = vec (ref, name, NULL);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, worst = 0;

  g_assert_cmpuint (ny, ==, nn);
  g_assert_cmpuint (hr_sim_vector_get_length (hr_sim_result_get_vector (ref, name, NULL)), ==,
                    nr);
  for (guint i = 0; i < nr; i++)
    {
      lo = MIN (lo, yr[i]), hi = MAX (hi, yr[i]);
      worst = MAX (worst, fabs (yr[i] - interpolate (tn, yn, nn, tr[i])));
    }
  if (swing == 0)
    swing = hi - lo;
  g_assert_cmpfloat (swing, >, 0);
  g_test_message ("%s: max difference %.3g = %.3g %% of %.3g (own swing %.3g; %u native, %u "
                  "ngspice points)", name, worst, 100 * worst / swing, swing, hi - lo, nn, nr);
  return worst / swing;
}

/* The largest |native - ngspice| of the complex AC vector VECTOR ("ac.v(out)") over the
 * sweep, both on the same frequencies; *PEAK (nullable) receives ngspice's largest
 * magnitude, to state a bound relative to it. */
static inline double
xv_ac_difference (HrSimResult *nat, HrSimResult *ref, const char *vector, double *peak)
{
  const HrSimVector *va = hr_sim_result_get_vector (nat, vector, NULL);
  const HrSimVector *vb = hr_sim_result_get_vector (ref, vector, NULL);
  const double *ra, *ia, *rb, *ib;
  double top = 0, worst = 0;
  guint n;

  g_assert_nonnull (va);
  g_assert_nonnull (vb);
  ra = hr_sim_vector_get_real (va, &n), ia = hr_sim_vector_get_imag (va, NULL);
  rb = hr_sim_vector_get_real (vb, NULL), ib = hr_sim_vector_get_imag (vb, NULL);
  g_assert_cmpuint (n, ==, hr_sim_vector_get_length (vb));
  for (guint k = 0; k < n; k++)
    {
      top = MAX (top, hypot (rb[k], ib[k]));
      worst = MAX (worst, hypot (ra[k] - rb[k], ia[k] - ib[k]));
    }
  if (peak != NULL)
    *peak = top;
  return worst;
}
