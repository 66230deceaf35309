/* vtc.c — noise margins from a sampled transfer curve: unity gain, Hauser's rectangle, the
 * largest square, and the SRAM butterfly.
 *
 * Every quantity is found on a monotone cubic interpolant of the samples (GSL's Steffen
 * interpolation), by root finding and maximisation on that interpolant, never by reading the
 * grid: a slope taken from finite differences on a 2 mV grid is off by far more than the 1 mV
 * the textbook cases demand. Steffen's method is chosen over a plain cubic spline because it
 * cannot overshoot: an ideal (λ = 0) inverter drops by 2VT between two samples at VM, and a
 * spline rings there and invents slope crossings. Its derivative is continuous, so the slope
 * crossings are found by Brent's method like any other root.
 *
 * Outside its sweep a curve is held at its end value. GSL's default error handler aborts; every
 * GSL call below has its preconditions checked first (validated samples, bracketed roots,
 * bracketed minima), so it is never reached. No globals: reentrant.
 */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>

#include "headroom-noise.h"

/* Roots are located to this width: far below any voltage that matters, far above rounding. */
#define ROOT_TOL_V 1e-12
/* Maxima are located to this width in their argument (the value is flat there). */
#define ARGMAX_TOL_V 1e-9
/* A lobe-finding sign test ignores values closer to zero than this: an ideal curve's ends meet
 * its mirror's exactly, and rounding there must not open a lobe. */
#define SIGN_DEADBAND_V 1e-6
/* Cells of the coarse scans that precede each maximisation. */
#define LOBE_SCAN 1024
#define HAUSER_OUTER_SCAN 256
#define HAUSER_INNER_SCAN 64

/* ---------------------------------------------------------------------------------------- */
/* Boxed types                                                                              */

G_DEFINE_BOXED_TYPE (HrVtc, hr_vtc, hr_vtc_ref, hr_vtc_unref)
G_DEFINE_BOXED_TYPE (HrVtcMargins, hr_vtc_margins, hr_vtc_margins_ref, hr_vtc_margins_unref)
G_DEFINE_BOXED_TYPE (HrSnm, hr_snm, hr_snm_ref, hr_snm_unref)

HrVtc *
hr_vtc_ref (HrVtc *vtc)
{
  g_return_val_if_fail (vtc != NULL, NULL);
  g_atomic_int_inc (&vtc->ref_count);
  return vtc;
}

void
hr_vtc_unref (HrVtc *vtc)
{
  if (vtc == NULL || !g_atomic_int_dec_and_test (&vtc->ref_count))
    return;
  g_free (vtc->vin_v);
  g_free (vtc->vout_v);
  g_free (vtc);
}

HrVtcMargins *
hr_vtc_margins_ref (HrVtcMargins *margins)
{
  g_return_val_if_fail (margins != NULL, NULL);
  g_atomic_int_inc (&margins->ref_count);
  return margins;
}

void
hr_vtc_margins_unref (HrVtcMargins *margins)
{
  if (margins == NULL || !g_atomic_int_dec_and_test (&margins->ref_count))
    return;
  g_free (margins->criteria_note);
  g_free (margins);
}

HrSnm *
hr_snm_ref (HrSnm *snm)
{
  g_return_val_if_fail (snm != NULL, NULL);
  g_atomic_int_inc (&snm->ref_count);
  return snm;
}

void
hr_snm_unref (HrSnm *snm)
{
  if (snm == NULL || !g_atomic_int_dec_and_test (&snm->ref_count))
    return;
  g_free (snm);
}

const char *
hr_vtc_flag_to_string (HrVtcFlags flag)
{
  switch ((int) flag)
    {
    case HR_VTC_FLAG_NON_INVERTING: return "non-inverting";
    case HR_VTC_FLAG_NO_UNITY_GAIN: return "no-unity-gain";
    case HR_VTC_FLAG_MANY_CROSSINGS: return "many-crossings";
    case HR_VTC_FLAG_TRUNCATED: return "truncated";
    case HR_VTC_FLAG_NO_VM: return "no-vm";
    case HR_VTC_FLAG_NOT_BISTABLE: return "not-bistable";
    default: return NULL;
    }
}

const char *
hr_snm_lobe_to_string (HrSnmLobe lobe)
{
  return lobe == HR_SNM_LOBE_UPPER_LEFT ? "upper-left" : "lower-right";
}

/* ---------------------------------------------------------------------------------------- */
/* Validation                                                                               */

static gboolean
check_samples (const double *vin_v, const double *vout_v, gsize n, GError **error)
{
  if (n < 3)
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_CURVE,
                   "transfer curve: %" G_GSIZE_FORMAT " sample%s; at least 3 are needed to "
                   "interpolate it", n, n == 1 ? "" : "s");
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (vin_v[i]) || !isfinite (vout_v[i]))
        {
          g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_CURVE,
                       "transfer curve: sample %" G_GSIZE_FORMAT " (vin %g V, vout %g V) is not "
                       "a finite number; every sample must be", i, vin_v[i], vout_v[i]);
          return FALSE;
        }
      if (i > 0 && !(vin_v[i] > vin_v[i - 1]))
        {
          g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_CURVE,
                       "transfer curve: vin[%" G_GSIZE_FORMAT "] = %.9g V is not above "
                       "vin[%" G_GSIZE_FORMAT "] = %.9g V; the input sweep must rise strictly "
                       "(sort it, drop repeated points, or split a hysteresis loop into its "
                       "two branches)", i, vin_v[i], i - 1, vin_v[i - 1]);
          return FALSE;
        }
    }
  if (vout_v[0] == vout_v[n - 1])
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_CURVE,
                   "transfer curve: the output is %g V at both ends of the sweep (%g V and "
                   "%g V in); it must fall (inverter) or rise (buffer) across it",
                   vout_v[0], vin_v[0], vin_v[n - 1]);
      return FALSE;
    }
  return TRUE;
}

HrVtc *
hr_vtc_new (const double *vin_v, const double *vout_v, gsize n, GError **error)
{
  HrVtc *vtc;

  g_return_val_if_fail (n == 0 || (vin_v != NULL && vout_v != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_samples (vin_v, vout_v, n, error))
    return NULL;
  vtc = g_new0 (HrVtc, 1);
  vtc->vin_v = g_memdup2 (vin_v, n * sizeof (double));
  vtc->vout_v = g_memdup2 (vout_v, n * sizeof (double));
  vtc->n = n;
  vtc->ref_count = 1;
  return vtc;
}

gboolean
hr_vtc_is_inverting (const HrVtc *vtc)
{
  g_return_val_if_fail (vtc != NULL, FALSE);
  return vtc->vout_v[0] > vtc->vout_v[vtc->n - 1];
}

/* ---------------------------------------------------------------------------------------- */
/* The interpolant                                                                          */

typedef struct {
  const double *x, *y;
  gsize n;
  double x_min, x_max;
  gsl_interp *interp;
  gsl_interp_accel *acc;
} Curve;

static void
curve_init (Curve *c, const HrVtc *vtc)
{
  c->x = vtc->vin_v;
  c->y = vtc->vout_v;
  c->n = vtc->n;
  c->x_min = vtc->vin_v[0];
  c->x_max = vtc->vin_v[vtc->n - 1];
  /* hr_vtc_new() guaranteed n >= 3 (Steffen's minimum) and strictly increasing x. */
  c->interp = gsl_interp_alloc (gsl_interp_steffen, vtc->n);
  gsl_interp_init (c->interp, c->x, c->y, c->n);
  c->acc = gsl_interp_accel_alloc ();
}

static void
curve_clear (Curve *c)
{
  gsl_interp_accel_free (c->acc);
  gsl_interp_free (c->interp);
}

static double
curve_eval (Curve *c, double x)
{
  double y = NAN;

  if (x <= c->x_min)
    return c->y[0];
  if (x >= c->x_max)
    return c->y[c->n - 1];
  gsl_interp_eval_e (c->interp, c->x, c->y, x, c->acc, &y);
  return y;
}

static double
curve_slope (Curve *c, double x)
{
  double d = 0.0;

  if (x < c->x_min || x > c->x_max)
    return 0.0;
  gsl_interp_eval_deriv_e (c->interp, c->x, c->y, x, c->acc, &d);
  return d;
}

/* ---------------------------------------------------------------------------------------- */
/* Roots and maxima                                                                         */

/* A root of F in [lo, hi], where F (lo) = FLO and F (hi) = FHI have opposite signs or one is
 * zero. Brent's method: superlinear on smooth functions, never leaves the bracket. */
static double
root_bracketed (gsl_function *f, double lo, double hi, double flo, double fhi)
{
  gsl_root_fsolver *s;
  double root;

  if (flo == 0.0)
    return lo;
  if (fhi == 0.0)
    return hi;
  g_return_val_if_fail ((flo < 0.0) != (fhi < 0.0), NAN);

  s = gsl_root_fsolver_alloc (gsl_root_fsolver_brent);
  gsl_root_fsolver_set (s, f, lo, hi);
  for (int i = 0; i < 200; i++)
    {
      if (gsl_root_fsolver_iterate (s) != GSL_SUCCESS)
        break;
      if (gsl_root_test_interval (gsl_root_fsolver_x_lower (s), gsl_root_fsolver_x_upper (s),
                                  ROOT_TOL_V, 0.0) == GSL_SUCCESS)
        break;
    }
  root = gsl_root_fsolver_root (s);
  gsl_root_fsolver_free (s);
  return root;
}

typedef struct {
  gsl_function *f;
} Negated;

static double
negated_eval (double x, void *data)
{
  Negated *neg = data;
  return -GSL_FN_EVAL (neg->f, x);
}

/* Refines a maximum of F known to lie in (lo, hi) with F (mid) above both ends. */
static double
maximize_bracketed (gsl_function *f, double lo, double mid, double hi, double *arg)
{
  Negated neg = { f };
  gsl_function nf = { negated_eval, &neg };
  gsl_min_fminimizer *m = gsl_min_fminimizer_alloc (gsl_min_fminimizer_brent);
  double best;

  gsl_min_fminimizer_set (m, &nf, mid, lo, hi);
  for (int i = 0; i < 200; i++)
    {
      if (gsl_min_fminimizer_iterate (m) != GSL_SUCCESS)
        break;
      if (gsl_min_test_interval (gsl_min_fminimizer_x_lower (m), gsl_min_fminimizer_x_upper (m),
                                 ARGMAX_TOL_V, 0.0) == GSL_SUCCESS)
        break;
    }
  *arg = gsl_min_fminimizer_x_minimum (m);
  best = -gsl_min_fminimizer_f_minimum (m);
  gsl_min_fminimizer_free (m);
  return best;
}

/* The largest value of F on [lo, hi]: a scan of N_SCAN cells finds the best sample, Brent's
 * minimiser (on −F) refines it between its neighbours. The scan is what makes this robust on
 * curves with more than one bump; the refinement is what makes it sub-millivolt. */
static double
maximize (gsl_function *f, double lo, double hi, guint n_scan, double *arg)
{
  g_autofree double *v = g_new (double, n_scan + 1);
  double step = (hi - lo) / n_scan;
  guint best = 0;

  for (guint i = 0; i <= n_scan; i++)
    {
      v[i] = GSL_FN_EVAL (f, lo + i * step);
      if (v[i] > v[best])
        best = i;
    }
  *arg = lo + best * step;
  /* GSL needs the middle strictly below both ends (it aborts otherwise); a plateau or a
   * maximum at an end of the range is already as good as the scan can tell. */
  if (best == 0 || best == n_scan || !(v[best] > v[best - 1] && v[best] > v[best + 1]))
    return v[best];
  return maximize_bracketed (f, lo + (best - 1) * step, *arg, lo + (best + 1) * step, arg);
}

/* ---------------------------------------------------------------------------------------- */
/* Switching threshold                                                                      */

static double
above_diagonal (double x, void *data)
{
  return curve_eval (data, x) - x;
}

/* VM: where the curve crosses Vout = Vin. An inverter crosses it downwards once; a buffer
 * crosses it upwards at VM (and may touch it at its rails). Noisy data can cross it several
 * times: the middle crossing of the right direction is taken, the one a symmetric cluster of
 * noise crossings centres on. NAN when the sweep never crosses. */
static double
find_vm (Curve *c, gboolean inverting)
{
  gsl_function f = { above_diagonal, c };
  g_autoptr (GArray) cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize i;

  for (i = 0; i + 1 < c->n; i++)
    {
      gboolean here = c->y[i] - c->x[i] > 0.0;
      gboolean next = c->y[i + 1] - c->x[i + 1] > 0.0;

      if (here != next && next != inverting)
        g_array_append_val (cells, i);
    }
  if (cells->len == 0)
    return NAN;
  i = g_array_index (cells, gsize, cells->len / 2);
  return root_bracketed (&f, c->x[i], c->x[i + 1], c->y[i] - c->x[i],
                         c->y[i + 1] - c->x[i + 1]);
}

/* ---------------------------------------------------------------------------------------- */
/* Unity-gain points                                                                        */

typedef struct {
  Curve *c;
  double sign;            /* −1: an inverter's gain is −slope; +1: a buffer's is the slope */
} Gain;

/* Positive where the gate amplifies (|gain| > 1), negative where it attenuates. */
static double
gain_excess (double x, void *data)
{
  Gain *g = data;
  return g->sign * curve_slope (g->c, x) - 1.0;
}

typedef struct {
  double vil_v, vih_v;    /* NAN when not found */
  guint n_crossings;
  double peak_gain;
  gboolean starts_high;   /* the sweep starts (ends) with the gain above 1 */
  gboolean ends_high;
} UnityGain;

/* Probes per sample interval: the slope of a cubic piece is a parabola that may cross ±1
 * twice inside one interval; probing at quarter steps catches all but hairline wiggles. */
#define SLOPE_PROBES 4

/* Every crossing of |gain| = 1, found by Brent's method on the interpolant's slope; VIL is the
 * first upward one and VIH the last downward one (the outermost pair), so a bump or noise in
 * the transition region cannot move them inward. */
static void
find_unity_gain (Curve *c, gboolean inverting, UnityGain *u)
{
  Gain g = { c, inverting ? -1.0 : 1.0 };
  gsl_function f = { gain_excess, &g };
  double x_prev = c->x[0];
  double d_prev = gain_excess (x_prev, &g);

  u->vil_v = u->vih_v = NAN;
  u->n_crossings = 0;
  u->peak_gain = d_prev + 1.0;
  u->starts_high = d_prev > 0.0;
  for (gsize i = 0; i + 1 < c->n; i++)
    for (int k = 1; k <= SLOPE_PROBES; k++)
      {
        double x = k == SLOPE_PROBES ? c->x[i + 1]
                                     : c->x[i] + (c->x[i + 1] - c->x[i]) * k / SLOPE_PROBES;
        double d = gain_excess (x, &g);

        u->peak_gain = MAX (u->peak_gain, d + 1.0);
        if ((d_prev > 0.0) != (d > 0.0))
          {
            double r = root_bracketed (&f, x_prev, x, d_prev, d);

            u->n_crossings++;
            if (d > 0.0 && isnan (u->vil_v))
              u->vil_v = r;
            else if (d <= 0.0)
              u->vih_v = r;
          }
        x_prev = x;
        d_prev = d;
      }
  u->ends_high = d_prev > 0.0;
  /* A sweep that starts (ends) inside the transition hides the true VIL (VIH). */
  if (u->starts_high)
    u->vil_v = NAN;
  if (u->ends_high || (!isnan (u->vil_v) && !(u->vih_v > u->vil_v)))
    u->vih_v = NAN;
}

/* ---------------------------------------------------------------------------------------- */
/* Lobes: the largest square and Hauser's rectangle                                         */

/* One lobe of the pair (f, mirror of g): where the curve f lies above the mirror of g, upper
 * left of their central crossing. The mirror's points are (g(t), t), t running over g's sweep,
 * so g never has to be inverted (its flat rails have no inverse). The other lobe of the pair
 * is this lobe of (g, mirror of f), reflected about y = x. */
typedef struct {
  Curve *f, *g;
  double t, x0;           /* current bottom-left corner (x0, t) = (g(t), t) of the inner loops */
} Lobe;

static void
lobe_set_corner (Lobe *l, double t)
{
  l->t = t;
  l->x0 = curve_eval (l->g, t);
}

/* How far f passes above the mirror point (g(t), t): positive inside the lobe. */
static double
lobe_gap (Lobe *l, double t)
{
  return curve_eval (l->f, curve_eval (l->g, t)) - t;
}

/* Where the lobe starts: the last parameter, before f first rises above the mirror, at which
 * it was below it. Going along the mirror (t up, towards the upper left) the gap is negative
 * in the other lobe, turns positive at the central crossing and negative again at the stable
 * point. A pair whose gap never goes from negative to positive crosses once, or runs out of
 * the sweep first: it encloses no lobe. Values within SIGN_DEADBAND_V of zero count as
 * neither sign. */
static gboolean
lobe_start (Lobe *l, double *t_start)
{
  guint n = CLAMP (2 * l->g->n, 1024, 20000);
  double step = (l->g->x_max - l->g->x_min) / n;
  double t_below = NAN;

  for (guint i = 0; i <= n; i++)
    {
      double t = l->g->x_min + i * step;
      double gap = lobe_gap (l, t);

      if (gap < -SIGN_DEADBAND_V)
        t_below = t;
      else if (gap > SIGN_DEADBAND_V && !isnan (t_below))
        {
          *t_start = t_below;
          return TRUE;
        }
    }
  return FALSE;
}

/* f (x0 + s) − t − s: positive while a square of side s with its bottom-left corner at the
 * current mirror point still has its top-right corner under f. */
static double
square_excess (double s, void *data)
{
  Lobe *l = data;
  return curve_eval (l->f, l->x0 + s) - l->t - s;
}

/* The side of the largest square whose bottom-left corner is the mirror point of parameter t
 * (Seevinck's construction; the top-right corner is the binding one on a falling f). */
static double
square_side_at (double t, void *data)
{
  Lobe *l = data;
  gsl_function h = { square_excess, l };
  double h0, s_hi, h_hi;

  lobe_set_corner (l, t);
  h0 = square_excess (0.0, l);
  if (h0 <= 0.0)
    return 0.0;
  /* On a non-increasing f the excess at s = h0 is <= 0; noisy data may rise a little. The
   * excess falls with slope <= −1 once past the sweep, so doubling ends. */
  s_hi = h0;
  h_hi = square_excess (s_hi, l);
  for (int i = 0; h_hi > 0.0 && i < 64; i++)
    {
      s_hi *= 2.0;
      h_hi = square_excess (s_hi, l);
    }
  return root_bracketed (&h, 0.0, s_hi, h0, h_hi);
}

/* The largest square in the lobe of (f, mirror of g); side 0 and a NAN corner when there is
 * no lobe. */
static HrSnmSquare
lobe_square (Curve *f, Curve *g)
{
  Lobe l = { f, g, 0.0, 0.0 };
  gsl_function side = { square_side_at, &l };
  HrSnmSquare sq = { 0.0, NAN, NAN };
  double t_start, t_best;

  if (!lobe_start (&l, &t_start))
    return sq;
  sq.side_v = maximize (&side, t_start, g->x_max, LOBE_SCAN, &t_best);
  if (sq.side_v > 0.0)
    {
      sq.x_v = curve_eval (g, t_best);
      sq.y_v = t_best;
    }
  else
    sq.side_v = 0.0;
  return sq;
}

static double
rectangle_height (double w, void *data)
{
  Lobe *l = data;
  return curve_eval (l->f, l->x0 + w) - l->t;
}

/* Area of the rectangle of width w (NML) whose bottom-left corner is the current mirror point
 * and whose top-right corner is on f: w × (f (x0 + w) − t) = NML × NMH. */
static double
rectangle_area (double w, void *data)
{
  double h = rectangle_height (w, data);
  return h > 0.0 ? w * h : 0.0;
}

/* The widest such rectangle: where f comes down to the corner's height, or the sweep's end. */
static double
rectangle_max_width (Lobe *l)
{
  gsl_function h = { rectangle_height, l };
  double w_hi = l->f->x_max - l->x0;
  double h0 = rectangle_height (0.0, l), h_hi;

  if (w_hi <= 0.0 || h0 <= 0.0)
    return 0.0;
  h_hi = rectangle_height (w_hi, l);
  if (h_hi >= 0.0)
    return w_hi;
  return root_bracketed (&h, 0.0, w_hi, h0, h_hi);
}

typedef struct {
  Lobe lobe;
  double w;               /* best width found at the last corner evaluated */
} Hauser;

/* The largest NML × NMH with the bottom-left corner at the mirror point of parameter t. */
static double
hauser_area_at (double t, void *data)
{
  Hauser *hs = data;
  gsl_function area = { rectangle_area, &hs->lobe };
  double w_hi, best;

  lobe_set_corner (&hs->lobe, t);
  hs->w = 0.0;
  w_hi = rectangle_max_width (&hs->lobe);
  if (w_hi <= 0.0)
    return 0.0;
  best = maximize (&area, 0.0, w_hi, HAUSER_INNER_SCAN, &hs->w);
  return best;
}

typedef struct {
  double nml_v, nmh_v;
  double vol_v, vih_v, vil_v, voh_v;
} Rectangle;

/* Hauser's rectangle in the lobe of (f, mirror of g): a scan and refinement over the corner
 * on the mirror, each with its own over the width. Zero margins when there is no lobe. */
static Rectangle
lobe_hauser (Curve *f, Curve *g)
{
  Hauser hs = { { f, g, 0.0, 0.0 }, 0.0 };
  gsl_function area = { hauser_area_at, &hs };
  Rectangle r = { 0.0, 0.0, NAN, NAN, NAN, NAN };
  double t_start, t_best;

  if (!lobe_start (&hs.lobe, &t_start))
    return r;
  if (!(maximize (&area, t_start, g->x_max, HAUSER_OUTER_SCAN, &t_best) > 0.0))
    return r;
  hauser_area_at (t_best, &hs);   /* the width that goes with the best corner */
  r.vol_v = hs.lobe.x0;
  r.vih_v = t_best;
  r.nml_v = hs.w;
  r.vil_v = hs.lobe.x0 + hs.w;
  r.voh_v = curve_eval (f, r.vil_v);
  r.nmh_v = r.voh_v - r.vih_v;
  return r;
}

/* ---------------------------------------------------------------------------------------- */
/* One gate                                                                                 */

static HrVtcMargins *
margins_new (const HrVtc *vtc)
{
  HrVtcMargins *m = g_new0 (HrVtcMargins, 1);

  m->ref_count = 1;
  m->n_samples = vtc->n;
  m->vm_v = m->peak_gain = NAN;
  m->vil_v = m->vih_v = m->vol_v = m->voh_v = m->nml_v = m->nmh_v = NAN;
  m->vol_rail_v = m->voh_rail_v = m->nml_rail_v = m->nmh_rail_v = NAN;
  m->hauser_nml_v = m->hauser_nmh_v = NAN;
  m->hauser_vol_v = m->hauser_vih_v = m->hauser_vil_v = m->hauser_voh_v = NAN;
  m->square_side_v = m->square_vol_v = m->square_vih_v = NAN;
  return m;
}

/* Fills the unity-gain and rail fields from U: the textbook numbers. */
static void
margins_set_unity (HrVtcMargins *m, Curve *c, const UnityGain *u)
{
  const double *y = c->y;

  m->vol_rail_v = m->inverting ? y[c->n - 1] : y[0];
  m->voh_rail_v = m->inverting ? y[0] : y[c->n - 1];
  m->n_unity_crossings = u->n_crossings;
  m->peak_gain = u->peak_gain;
  m->vil_v = u->vil_v;
  m->vih_v = u->vih_v;
  if (!isnan (u->vil_v))
    *(m->inverting ? &m->voh_v : &m->vol_v) = curve_eval (c, u->vil_v);
  if (!isnan (u->vih_v))
    *(m->inverting ? &m->vol_v : &m->voh_v) = curve_eval (c, u->vih_v);
  m->nml_v = m->vil_v - m->vol_v;
  m->nmh_v = m->voh_v - m->vih_v;
  m->nml_rail_v = m->vil_v - m->vol_rail_v;
  m->nmh_rail_v = m->voh_rail_v - m->vih_v;

  if (u->n_crossings == 0 && !u->starts_high && !u->ends_high)
    m->flags |= HR_VTC_FLAG_NO_UNITY_GAIN;
  if (u->n_crossings > 2)
    m->flags |= HR_VTC_FLAG_MANY_CROSSINGS;
  if (u->starts_high || u->ends_high)
    m->flags |= HR_VTC_FLAG_TRUNCATED;
}

/* The rectangle and the square between the curve and its own mirror: a chain of identical
 * gates. Both lobes are mirror images, so one is enough. */
static void
margins_set_lobe (HrVtcMargins *m, const HrVtc *vtc)
{
  Curve f, g;
  HrSnmSquare sq;
  Rectangle r;

  curve_init (&f, vtc);
  curve_init (&g, vtc);   /* its own accelerator: f and g are looked up at different places */
  sq = lobe_square (&f, &g);
  r = lobe_hauser (&f, &g);
  curve_clear (&g);
  curve_clear (&f);

  m->square_side_v = sq.side_v;
  m->square_vol_v = sq.x_v;
  m->square_vih_v = sq.y_v;
  m->hauser_nml_v = r.nml_v;
  m->hauser_nmh_v = r.nmh_v;
  m->hauser_vol_v = r.vol_v;
  m->hauser_vih_v = r.vih_v;
  m->hauser_vil_v = r.vil_v;
  m->hauser_voh_v = r.voh_v;
  if (!(sq.side_v > 0.0))
    m->flags |= HR_VTC_FLAG_NOT_BISTABLE;
}

/* TRUE when unity gain, Hauser's rectangle and the square give the same margins (1 mV). */
static gboolean
criteria_coincide (const HrVtcMargins *m)
{
  const double tol = 1e-3;

  return fabs (m->hauser_nml_v - m->nml_v) < tol && fabs (m->hauser_nmh_v - m->nmh_v) < tol
         && fabs (m->square_side_v - m->nml_v) < tol && fabs (m->square_side_v - m->nmh_v) < tol;
}

/* The sentence that tells a reader which number to believe for what. */
static char *
criteria_note (const HrVtcMargins *m)
{
  GString *s = g_string_new (NULL);

  if (!m->inverting)
    {
      g_string_append (s, "A non-inverting curve (a buffer): VIL and VIH are where the slope "
                          "is +1. Hauser's rectangle and the largest square are given for "
                          "inverting gates only.");
      return g_string_free (s, FALSE);
    }
  if (m->flags & HR_VTC_FLAG_NO_UNITY_GAIN)
    {
      g_string_append_printf (s, "The gain never reaches 1 (at most %.2f): this gate does not "
                                 "restore logic levels, so it has no VIL or VIH and a chain of "
                                 "such gates holds no logic state: no noise margin.",
                              m->peak_gain);
      return g_string_free (s, FALSE);
    }
  if (isnan (m->nml_v) || isnan (m->nmh_v))
    g_string_append (s, "Unity gain: a -1-slope point lies outside the sweep (extend it); ");
  else
    g_string_append_printf (s, "Unity gain: NML %.3f V, NMH %.3f V (product %.3f V^2); ",
                            m->nml_v, m->nmh_v, m->nml_v * m->nmh_v);
  g_string_append_printf (s, "Hauser's rectangle: NML %.3f V, NMH %.3f V (product %.3f V^2); "
                             "largest square: %.3f V. ",
                          m->hauser_nml_v, m->hauser_nmh_v,
                          m->hauser_nml_v * m->hauser_nmh_v, m->square_side_v);
  if (m->flags & HR_VTC_FLAG_NOT_BISTABLE)
    {
      g_string_append (s, "The curve and its mirror enclose no lobe: a loop of two such gates "
                          "has a single state and tolerates no static noise.");
      return g_string_free (s, FALSE);
    }
  if (criteria_coincide (m))
    g_string_append (s, "Here the three coincide within 1 mV (a symmetric curve whose best "
                        "rectangle is the square through its -1-slope points); in general ");
  else
    g_string_append (s, "They differ ");
  g_string_append (s, "because the -1-slope points only mark where the gate starts to "
                      "amplify, while the rectangle and the square measure the static noise a "
                      "loop of two such gates survives: the rectangle trades one margin for "
                      "the other while that raises NML x NMH, the square asks for the largest "
                      "equal margin on both levels.");
  return g_string_free (s, FALSE);
}

HrVtcMargins *
hr_vtc_analyze (const HrVtc *vtc, GError **error)
{
  HrVtcMargins *m;
  UnityGain u;
  Curve c;

  g_return_val_if_fail (vtc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  m = margins_new (vtc);
  m->inverting = hr_vtc_is_inverting (vtc);
  if (!m->inverting)
    m->flags |= HR_VTC_FLAG_NON_INVERTING;

  curve_init (&c, vtc);
  m->vm_v = find_vm (&c, m->inverting);
  if (isnan (m->vm_v))
    m->flags |= HR_VTC_FLAG_NO_VM;
  find_unity_gain (&c, m->inverting, &u);
  margins_set_unity (m, &c, &u);
  curve_clear (&c);

  if (m->inverting)
    margins_set_lobe (m, vtc);
  m->criteria_note = criteria_note (m);
  return m;
}

/* ---------------------------------------------------------------------------------------- */
/* The SRAM butterfly                                                                       */

static gboolean
check_inverting (const HrVtc *vtc, const char *name, GError **error)
{
  if (hr_vtc_is_inverting (vtc))
    return TRUE;
  g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_NOT_INVERTING,
               "butterfly: curve %s rises from %g V to %g V across its sweep; an SRAM cell's "
               "curves are inverters' and must fall", name, vtc->vout_v[0],
               vtc->vout_v[vtc->n - 1]);
  return FALSE;
}

HrSnm *
hr_snm_butterfly (const HrVtc *a, const HrVtc *b, GError **error)
{
  HrSnm *snm;
  HrSnmSquare lr;
  Curve ca, cb;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_inverting (a, "A", error) || !check_inverting (b, "B", error))
    return NULL;

  snm = g_new0 (HrSnm, 1);
  snm->ref_count = 1;
  curve_init (&ca, a);
  curve_init (&cb, b);
  snm->upper_left = lobe_square (&ca, &cb);
  /* The lower-right lobe is the upper-left lobe of the pair seen with the axes swapped. */
  lr = lobe_square (&cb, &ca);
  snm->lower_right.side_v = lr.side_v;
  snm->lower_right.x_v = lr.y_v;
  snm->lower_right.y_v = lr.x_v;
  curve_clear (&cb);
  curve_clear (&ca);

  snm->worst_lobe = snm->lower_right.side_v < snm->upper_left.side_v
                    ? HR_SNM_LOBE_LOWER_RIGHT : HR_SNM_LOBE_UPPER_LEFT;
  snm->snm_v = MIN (snm->upper_left.side_v, snm->lower_right.side_v);
  snm->bistable = snm->snm_v > 0.0;
  return snm;
}
