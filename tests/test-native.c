/* test-native.c — the native engine: closed forms, cross-validation against ngspice on the
 * same HrNetlist objects, errors that name the culprit, and many simulations at once.
 *
 * Tolerances (each is stated where it is used, with its reason):
 * - Linear DC problems are solved exactly by one LU solve, so a divider agrees with its
 *   closed form to rounding; we allow 1e-9 relative.
 * - Nonlinear operating points stop when every unknown moved less than reltol·|v| + vntol
 *   (1e-3, 1 µV) with quadratic convergence, so the remaining error is far below the
 *   issue's cross-engine bound of 0.1 mV or 0.01 %, which is what op and dc points are
 *   compared to (XV_OP_ABS_V, XV_OP_REL).
 * - Transients are compared with the bound, 0.5 % of the waveform's swing, after
 *   interpolating the ngspice waveform at the native time points (both are piecewise linear
 *   between their own accepted points).
 * Nothing here asserts on wall-clock time. */
#include "xv-util.h"

#include <gsl/gsl_cdf.h>
#include <stdio.h>

/* The same netlist on the same engine must give bit-identical vectors whatever the other
 * threads do: any shared state would show up as a difference. */
static gboolean
same_vector (HrSimResult *a, HrSimResult *b, const char *name)
{
  guint na, nb;
  const double *x = vec (a, name, &na), *y = vec (b, name, &nb);
  return na == nb && memcmp (x, y, sizeof (double) * na) == 0;
}

/* A transient vector against ngspice, as a fraction of ngspice's own swing. */
static double
tran_difference (HrSimResult *nat, HrSimResult *ref, const char *vector)
{
  return xv_tran_difference (nat, ref, vector, 0);
}

/* The scale of the result's "dc" plot. */
static const double *
dc_scale (HrSimResult *res, guint *n)
{
  for (guint p = 0; p < hr_sim_result_get_n_plots (res); p++)
    if (g_str_equal (hr_sim_result_get_plot_name (res, p), "dc"))
      return hr_sim_vector_get_real (hr_sim_result_get_scale (res, p), n);
  g_assert_not_reached ();
  return NULL;
}

/* Point-by-point comparison of a DC sweep. Each point must agree to 0.1 mV or 0.01 % of its
 * output, or, where the curve is steep, to 0.1 mV referred to the input (the difference
 * divided by the local gain of the ngspice curve): each engine stops Newton when the output
 * moved less than reltol |v| + vntol (~2 mV at 2 V), and where the gain is high the error
 * that stop leaves, small at the input, is multiplied at the output. Returns the largest
 * output difference; *WORST_IN (may be NULL) the largest input-referred one. */
static double
dc_compare (HrSimResult *nat, HrSimResult *ref, const char *name, double *worst_in)
{
  guint nn, nr, ns;
  const double *yn = vec (nat, name, &nn), *yr = vec (ref, name, &nr), *x = dc_scale (ref, &ns);
  double worst = 0, worst_input = 0;

  g_assert_cmpuint (nn, ==, nr);
  g_assert_cmpuint (ns, ==, nr);
  for (guint i = 0; i < nn; i++)
    {
      double gain = 0, d = fabs (yn[i] - yr[i]);
      if (i > 0 && x[i] != x[i - 1])
        gain = fabs ((yr[i] - yr[i - 1]) / (x[i] - x[i - 1]));
      if (i + 1 < nn && x[i + 1] != x[i])
        gain = MAX (gain, fabs ((yr[i + 1] - yr[i]) / (x[i + 1] - x[i])));
      if (d > XV_OP_ABS_V + XV_OP_REL * fabs (yr[i]) && d > XV_OP_ABS_V * gain)
        g_error ("%s at %g: native %.9g, ngspice %.9g, local gain %.3g", name, x[i], yn[i],
                 yr[i], gain);
      worst = MAX (worst, d);
      worst_input = MAX (worst_input, gain > 1 ? d / gain : d);
    }
  g_test_message ("%s: %u points, max difference %.3g V (%.3g V referred to the input)", name,
                  nn, worst, worst_input);
  if (worst_in != NULL)
    *worst_in = worst_input;
  return worst;
}

static double
dc_difference (HrSimResult *nat, HrSimResult *ref, const char *name)
{
  return dc_compare (nat, ref, name, NULL);
}

/* ---- closed forms ----------------------------------------------------------------------- */

static HrNetlist *
divider (double vin)
{
  HrNetlist *nl = hr_netlist_new ("divider");
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "V1", "in", "0", vin, &error);
  hr_netlist_add_resistor (nl, "R1", "in", "out", 1e3, &error);
  hr_netlist_add_resistor (nl, "R2", "out", "gnd", 3e3, &error);
  g_assert_no_error (error);
  return nl;
}

static void
test_divider_op (void)
{
  g_autoptr(HrNetlist) nl = divider (2.0);
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;

  hr_netlist_add_capacitor (nl, "C1", "out", "0", 1e-9, &error);
  hr_netlist_add_inductor (nl, "L1", "in", "in2", 1e-6, &error);
  hr_netlist_add_resistor (nl, "R3", "in2", "0", 2e3, &error);
  hr_netlist_add_op (nl);
  g_assert_no_error (error);
  g_assert_true (hr_engine_supports (native (), nl, &error));
  g_assert_cmpstr (hr_engine_get_name (native ()), ==, "native");
  res = run_ok (native (), nl);
  g_assert_cmpstr (hr_sim_result_get_engine_name (res), ==, "native");
  g_assert_cmpuint (hr_sim_result_get_n_plots (res), ==, 1);
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 0), ==, "op");
  /* One LU solve of a linear circuit: exact to rounding. */
  assert_close (scalar (res, "v(out)"), 1.5, 1e-9, 0);
  assert_close (scalar (res, "v(in2)"), 2.0, 1e-9, 0);
  /* SPICE convention: the current into the + terminal; the inductor is a short at DC. */
  assert_close (scalar (res, "i(v1)"), -2.0 / 4e3 - 2.0 / 2e3, 1e-9, 0);
  assert_close (scalar (res, "i(l1)"), 2.0 / 2e3, 1e-9, 0);
}

/* A current source drives I1 0 out: by SPICE's convention the current flows from n+ (0)
 * through the source to n- (out), so v(out) = +I R; checked against ngspice too. */
static void
test_isource (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("isource");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;

  hr_netlist_add_isource (nl, "I1", "0", "out", 1e-3, &error);
  hr_netlist_add_resistor (nl, "R1", "out", "0", 1e3, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_dc (nl, "i1", 0, 2e-3, 1e-3, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  assert_close (scalar (a, "op.v(out)"), 1.0, 1e-9, 0);
  assert_close (scalar (a, "op.v(out)"), scalar (b, "op.v(out)"), XV_OP_REL, XV_OP_ABS_V);
  g_assert_cmpstr (hr_sim_vector_get_name (hr_sim_result_get_scale (a, 1)), ==, "i-sweep");
  dc_difference (a, b, "dc.v(out)");
}

static void
test_dc_nested (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("dc-nested");
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  const double *y;
  guint n;

  /* out = (va + vb) / 2 through two equal resistors; inner sweep fastest. */
  hr_netlist_add_vsource (nl, "va", "a", "0", 0, &error);
  hr_netlist_add_vsource (nl, "vb", "b", "0", 0, &error);
  hr_netlist_add_resistor (nl, "r1", "a", "out", 1e3, &error);
  hr_netlist_add_resistor (nl, "r2", "b", "out", 1e3, &error);
  hr_netlist_add_dc2 (nl, "va", 0, 1, 0.5, "vb", 0, 2, 1, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  res = run_ok (native (), nl);
  g_assert_cmpstr (hr_sim_vector_get_name (hr_sim_result_get_scale (res, 0)), ==, "v-sweep");
  y = vec (res, "out", &n);
  g_assert_cmpuint (n, ==, 9);
  for (guint j = 0; j < 3; j++)
    for (guint i = 0; i < 3; i++)
      assert_close (y[j * 3 + i], (0.5 * i + 1.0 * j) / 2, 1e-9, 1e-12);
}

static HrNetlist *
rc_step (void)
{
  HrNetlist *nl = hr_netlist_new ("rc-step");
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "v1", 0, 1, 0, 1e-12, 1e-12, 1, 2, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  hr_netlist_add_tran (nl, 10e-9, 5e-6, 0, 10e-9, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  return nl;
}

/* RC step against 1 - exp(-t/RC). The step control keeps each step's truncation error below
 * trtol x reltol (7 x 1e-3) of the capacitor's charge scale; on a decaying mode errors do
 * not accumulate beyond one step's, so the waveform must be within 7e-3 V on a 1 V step
 * (measured: about 1e-4 V). The 1 ps edge is a breakpoint, so the corner is hit exactly. */
static void
test_rc_step (void)
{
  g_autoptr(HrNetlist) nl = rc_step ();
  g_autoptr(HrSimResult) res = run_ok (native (), nl);
  const double tau = 1e3 * 1e-9, tol = 7 * 1e-3;
  guint n;
  const double *t = vec (res, "time", &n), *v = vec (res, "v(out)", NULL);
  double worst = 0;

  g_assert_cmpstr (hr_sim_vector_get_name (hr_sim_result_get_scale (res, 0)), ==, "time");
  g_assert_cmpfloat (t[0], ==, 0);
  assert_close (t[n - 1], 5e-6, 1e-9, 0);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (t[i], >, t[i - 1]);
  for (guint i = 0; i < n; i++)
    worst = MAX (worst, fabs (v[i] - (t[i] <= 1e-12 ? v[i] : 1 - exp (-(t[i] - 1e-12) / tau))));
  g_test_message ("rc step: %u points, max error %.3g V", n, worst);
  g_assert_cmpfloat (worst, <, tol);
}

/* Series RLC driven by a step: the capacitor rings at fd = sqrt(1/LC - (R/2L)^2) / 2 pi.
 * Trapezoidal integration has no amplitude error on a pure oscillation and a phase error of
 * (w h)^2 / 12 per radian; with the LTE control's steps (about 50 per period here) that is
 * well below 0.5 %, the tolerance on the measured frequency. */
static HrNetlist *
rlc_step (double tmax_s)
{
  HrNetlist *nl = hr_netlist_new ("rlc-step");
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "v1", 0, 1, 10e-9, 1e-9, 1e-9, 1, 2, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "a", 10, &error);
  hr_netlist_add_inductor (nl, "l1", "a", "out", 1e-6, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  hr_netlist_add_tran (nl, 2e-9, 1.5e-6, 0, tmax_s, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  hr_netlist_add_output_current (nl, "v1", &error);
  g_assert_no_error (error);
  return nl;
}

/* The exact capacitor voltage of rlc_step(): the step response integrated over the 1 ns
 * input ramp, (S1(t - td) - S1(t - td - tr)) / tr with S1 the integral of the step
 * response 1 - exp(-a t) (cos wd t + a/wd sin wd t). */
static double
rlc_step_integral (double t)
{
  const double a = 10 / (2 * 1e-6), w0 = 1 / sqrt (1e-6 * 1e-9), wd = sqrt (w0 * w0 - a * a);
  const double d = a * a + wd * wd;
  double e, ic, is;
  if (t <= 0)
    return 0;
  e = exp (-a * t);
  ic = e * (wd * sin (wd * t) - a * cos (wd * t)) / d + a / d;
  is = e * (-a * sin (wd * t) - wd * cos (wd * t)) / d + wd / d;
  return t - (ic + a / wd * is);
}

static double
rlc_exact (double t)
{
  return (rlc_step_integral (t - 10e-9) - rlc_step_integral (t - 11e-9)) / 1e-9;
}

/* Against the exact waveform too: within the 0.5 % of the 1.6 V swing (measured:
 * 0.76 mV at the default 2 ns maximum step). */
static void
test_rlc_ringing (void)
{
  g_autoptr(HrNetlist) nl = rlc_step (0);
  g_autoptr(HrSimResult) res = run_ok (native (), nl);
  const double r = 10, l = 1e-6, c = 1e-9;
  const double fd = sqrt (1 / (l * c) - (r / (2 * l)) * (r / (2 * l))) / (2 * G_PI);
  double first = NAN, last = NAN, f, worst = 0;
  int crossings = 0;
  guint n;
  const double *t = vec (res, "time", &n), *v = vec (res, "v(out)", NULL);

  /* Upward crossings of the final value 1 V, interpolated. */
  for (guint i = 1; i < n; i++)
    if (t[i] > 20e-9 && v[i - 1] < 1 && v[i] >= 1)
      {
        double tc = t[i - 1] + (t[i] - t[i - 1]) * (1 - v[i - 1]) / (v[i] - v[i - 1]);
        if (crossings++ == 0)
          first = tc;
        last = tc;
      }
  g_assert_cmpint (crossings, >=, 4);
  for (guint i = 0; i < n; i++)
    worst = MAX (worst, fabs (v[i] - rlc_exact (t[i])));
  g_test_message ("rlc: max difference from the exact waveform %.3g V", worst);
  g_assert_cmpfloat (worst, <=, XV_TRAN_SWING * 1.6);
  f = (crossings - 1) / (last - first);
  g_test_message ("rlc: fd %.6g Hz measured, %.6g Hz closed form, %d crossings", f, fd,
                  crossings);
  assert_close (f, fd, 5e-3, 0);
}

/* RC low-pass: -3.0103 dB at 1 / (2 pi RC) and -45 degrees there. With 200 points per
 * decade, log interpolation between points is good to far better than 0.1 %. */
static void
test_ac_lowpass (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("ac-lowpass");
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  const HrSimVector *v;
  const double f3db = 1 / (2 * G_PI * 1e3 * 1e-9);
  const double *ff, *re, *im;
  double found = NAN, phase = NAN;
  guint n;

  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_ac (nl, "v1", 1, 0, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  hr_netlist_add_ac (nl, HR_AC_DEC, 200, 1e3, 100e6, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  res = run_ok (native (), nl);
  g_assert_cmpstr (hr_sim_vector_get_name (hr_sim_result_get_scale (res, 0)), ==,
                   "frequency");
  v = hr_sim_result_get_vector (res, "ac.v(out)", &error);
  g_assert_no_error (error);
  g_assert_true (hr_sim_vector_is_complex (v));
  ff = vec (res, "frequency", &n);
  g_assert_cmpuint (n, ==, 1001);
  assert_close (ff[n - 1], 100e6, 1e-9, 0);
  re = hr_sim_vector_get_real (v, NULL);
  im = hr_sim_vector_get_imag (v, NULL);
  for (guint i = 1; i < n && isnan (found); i++)
    {
      double g0 = 20 * log10 (hypot (re[i - 1], im[i - 1]));
      double g1 = 20 * log10 (hypot (re[i], im[i]));
      if (g0 >= -3.0103 && g1 < -3.0103)
        {
          double w = (-3.0103 - g0) / (g1 - g0);
          found = pow (10, log10 (ff[i - 1]) + (log10 (ff[i]) - log10 (ff[i - 1])) * w);
          phase = atan2 (im[i - 1], re[i - 1]) * (1 - w) + atan2 (im[i], re[i]) * w;
        }
    }
  assert_close (found, f3db, 1e-3, 0);
  assert_close (phase * 180 / G_PI, -45, 0, 0.1);
}

/* ---- cross-validation against ngspice ---------------------------------------------------- */

/* Five RC sections with shunt resistors (so the operating point is not trivial), driven by a
 * 1 V source with a PULSE for the transient. */
static HrNetlist *
rc_ladder (void)
{
  HrNetlist *nl = hr_netlist_new ("rc-ladder");
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "v1", "n0", "0", 1, &error);
  hr_netlist_set_source_pulse (nl, "v1", 1, 3, 1e-6, 100e-9, 100e-9, 5e-6, 20e-6, &error);
  for (int k = 1; k <= 5; k++)
    {
      g_autofree char *r = g_strdup_printf ("r%d", k);
      g_autofree char *rs = g_strdup_printf ("rs%d", k);
      g_autofree char *c = g_strdup_printf ("c%d", k);
      g_autofree char *a = g_strdup_printf ("n%d", k - 1);
      g_autofree char *b = g_strdup_printf ("n%d", k);
      hr_netlist_add_resistor (nl, r, a, b, 1e3, &error);
      hr_netlist_add_resistor (nl, rs, b, "0", 20e3 * k, &error);
      hr_netlist_add_capacitor (nl, c, b, "0", 200e-12 * k, &error);
    }
  g_assert_no_error (error);
  return nl;
}

static void
test_xv_rc_ladder (void)
{
  g_autoptr(HrNetlist) nl = rc_ladder ();
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  double worst_op = 0, worst_tran = 0;

  hr_netlist_add_op (nl);
  hr_netlist_add_tran (nl, 20e-9, 12e-6, 0, 0, FALSE, &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  for (int k = 1; k <= 5; k++)
    {
      g_autofree char *op = g_strdup_printf ("op.v(n%d)", k);
      g_autofree char *tr = g_strdup_printf ("tran.v(n%d)", k);
      double x = scalar (a, op), y = scalar (b, op), d;
      assert_close (x, y, XV_OP_REL, XV_OP_ABS_V);
      worst_op = MAX (worst_op, fabs (x - y));
      d = tran_difference (a, b, tr);
      worst_tran = MAX (worst_tran, d);
    }
  assert_close (scalar (a, "op.i(v1)"), scalar (b, "op.i(v1)"), XV_OP_REL, 1e-9);
  g_test_message ("rc ladder: op max difference %.3g V, tran max %.3g %% of swing",
                  worst_op, 100 * worst_tran);
  g_assert_cmpfloat (worst_tran, <=, XV_TRAN_SWING);
}

static HrNetlist *
inverter_vtc (double step)
{
  HrNetlist *nl = hr_netlist_new ("inv-vtc");
  g_autoptr(GError) error = NULL;
  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, &error);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.6, &error);
  hr_netlist_set_model_param (nl, "nch", "kp", 100e-6, &error);
  hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, &error);
  hr_netlist_set_model_param (nl, "pch", "vto", -0.6, &error);
  hr_netlist_set_model_param (nl, "pch", "kp", 50e-6, &error);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 3.3, &error);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, &error);
  hr_netlist_add_mosfet (nl, "mn", "out", "in", "0", "0", "nch", 1e-6, 1e-6, &error);
  hr_netlist_add_mosfet (nl, "mp", "out", "in", "vdd", "vdd", "pch", 1e-6, 1e-6, &error);
  hr_netlist_add_dc (nl, "vin", 0, 3.3, step, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  return nl;
}

/* VM: where the curve crosses vout = vin. */
static double
vtc_vm (const double *x, const double *y, guint n)
{
  for (guint i = 1; i < n; i++)
    if (y[i - 1] - x[i - 1] > 0 && y[i] - x[i] <= 0)
      {
        double d0 = y[i - 1] - x[i - 1], d1 = y[i] - x[i];
        return x[i - 1] + (x[i] - x[i - 1]) * d0 / (d0 - d1);
      }
  return NAN;
}

/* VIL (FIRST) or VIH (last): where the slope, by central differences, passes -1. */
static double
vtc_unity_gain (const double *x, const double *y, guint n, gboolean first)
{
  double found = NAN;
  for (guint i = 2; i + 1 < n; i++)
    {
      double s0 = (y[i] - y[i - 2]) / (x[i] - x[i - 2]);
      double s1 = (y[i + 1] - y[i - 1]) / (x[i + 1] - x[i - 1]);
      if ((s0 + 1) * (s1 + 1) <= 0 && s0 != s1)
        {
          found = x[i - 1] + (x[i] - x[i - 1]) * (-1 - s0) / (s1 - s0);
          if (first)
            return found;
        }
    }
  return found;
}

/* The level-1 inverter of tests/golden/sim/inverter-vtc.cir on both engines, point by point
 * (dc_compare: near VM the gain is -30 to -1000 with LAMBDA = 0, so the comparison is
 * input-referred there; with reltol = 1e-7 on both engines the whole curve agrees to 10 uV,
 * which shows the equations are the same), and its levels against the square-law closed
 * form: kr = kn/kp = 2, VTN = |VTP| = 0.6 V, VDD = 3.3 V give
 * VM = (VDD - |VTP| + sqrt(kr) VTN) / (1 + sqrt(kr)) = 1.4698 V, VIL = 1.1563 V and
 * VIH = 1.6749 V. */
static void
test_xv_inverter (void)
{
  g_autoptr(HrNetlist) nl = inverter_vtc (1e-3);
  g_autoptr(HrSimResult) a = run_ok (native (), nl);
  g_autoptr(HrSimResult) b = run_ok (ngspice (), nl);
  guint n, nb;
  const double *x = vec (a, "v-sweep", &n), *ya = vec (a, "v(out)", NULL);
  const double *yb = vec (b, "v(out)", &nb);
  double worst = 0, worst_in = 0, vm_a, vm_b, vil_a, vil_b, vih_a, vih_b;

  g_assert_cmpuint (n, ==, 3301);
  g_assert_cmpuint (nb, ==, n);
  {
    /* The very netlist of the golden file (which test-sim-ir pins). */
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", "sim",
                                                   "inverter-vtc.cir", NULL);
    g_autofree char *golden = NULL, *deck = hr_netlist_to_spice (nl, NULL);
    g_assert_true (g_file_get_contents (path, &golden, NULL, NULL));
    g_assert_cmpstr (deck, ==, golden);
  }
  worst = dc_compare (a, b, "v(out)", &worst_in);
  vm_a = vtc_vm (x, ya, n), vm_b = vtc_vm (x, yb, n);
  vil_a = vtc_unity_gain (x, ya, n, TRUE), vil_b = vtc_unity_gain (x, yb, n, TRUE);
  vih_a = vtc_unity_gain (x, ya, n, FALSE), vih_b = vtc_unity_gain (x, yb, n, FALSE);
  g_test_message ("inverter: max point difference %.3g V at the output, %.3g V referred to "
                  "the input; VM %.6f / %.6f, VIL %.6f / %.6f, VIH %.6f / %.6f (native / "
                  "ngspice)", worst, worst_in, vm_a, vm_b, vil_a, vil_b, vih_a, vih_b);
  assert_close (vm_a, 1.4698, 0, XV_NM_V);
  assert_close (vm_a, vm_b, 0, XV_NM_V);
  assert_close (vil_a, vil_b, 0, XV_NM_V);
  assert_close (vih_a, vih_b, 0, XV_NM_V);
  /* The closed form's VIL and VIH from a 1 mV central difference: 2 mV. */
  assert_close (vil_a, 1.1563, 0, 2e-3);
  assert_close (vih_a, 1.6749, 0, 2e-3);
}

/* Two antiparallel diodes behind 1 kOhm clip a +-5 V input: DC sweep and a 1 kHz sine. */
static void
test_xv_diode_clipper (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("clipper");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  double d;

  hr_netlist_add_model (nl, "dmod", HR_MODEL_DIODE, 0, &error);
  hr_netlist_set_model_param (nl, "dmod", "is", 1e-14, &error);
  hr_netlist_set_model_param (nl, "dmod", "n", 1.5, &error);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, &error);
  hr_netlist_set_source_sin (nl, "vin", 0, 5, 1e3, 0, 0, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, &error);
  hr_netlist_add_resistor (nl, "rl", "out", "0", 100e3, &error);
  hr_netlist_add_diode (nl, "d1", "out", "0", "dmod", &error);
  hr_netlist_add_diode (nl, "d2", "0", "out", "dmod", &error);
  hr_netlist_add_dc (nl, "vin", -5, 5, 0.01, &error);
  hr_netlist_add_tran (nl, 2e-6, 2e-3, 0, 0, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  d = dc_difference (a, b, "dc.v(out)");
  g_test_message ("clipper: dc max difference %.3g V", d);
  g_assert_cmpfloat (tran_difference (a, b, "tran.v(out)"), <=, XV_TRAN_SWING);
}

/* The RLC step on both engines. At the default maximum step (2 ns, tstep) ngspice's own
 * waveform is 9.8 mV (0.61 % of the swing) from the exact one and the native one 0.76 mV:
 * the engines then differ by more than the 0.5 % bound through ngspice's error alone. With
 * TMAX = 1 ns ngspice is within 2.5 mV (0.15 %) of the exact waveform, native 0.19 mV. */
static void
test_xv_rlc (void)
{
  g_autoptr(HrNetlist) nl = rlc_step (1e-9);
  g_autoptr(HrSimResult) a = run_ok (native (), nl);
  g_autoptr(HrSimResult) b = run_ok (ngspice (), nl);
  g_assert_cmpfloat (tran_difference (a, b, "v(out)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "i(v1)"), <=, XV_TRAN_SWING);
}

/* A common-source stage (NMOS with LAMBDA and GAMMA, KP derived from TOX and U0, source
 * degeneration, resistive load, 1 pF output): the AC response depends on the operating
 * point's gm, gds, gmbs and Meyer capacitances. Both engines solve the same linear system
 * per frequency, so the responses differ only through the operating points (<= 0.01 %):
 * we allow 0.1 % of the peak magnitude. */
static void
test_xv_ac_amplifier (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("cs-amp");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  guint n, nb;
  const double *fa, *fb;
  double peak = 0, worst = 0;

  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, &error);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.7, &error);
  hr_netlist_set_model_param (nl, "nch", "lambda", 0.05, &error);
  hr_netlist_set_model_param (nl, "nch", "gamma", 0.4, &error);
  hr_netlist_set_model_param (nl, "nch", "phi", 0.65, &error);
  /* KP from TOX and U0 (no KP given): 450e-4 x 3.9 eps0 / 20 nm = 77.7 uA/V^2. */
  hr_netlist_set_model_param (nl, "nch", "tox", 20e-9, &error);
  hr_netlist_set_model_param (nl, "nch", "u0", 450, &error);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 5, &error);
  hr_netlist_add_vsource (nl, "vg", "g", "0", 1.6, &error);
  hr_netlist_set_source_ac (nl, "vg", 1, 0, &error);
  hr_netlist_add_resistor (nl, "rd", "vdd", "out", 10e3, &error);
  hr_netlist_add_resistor (nl, "rs", "s", "0", 500, &error);
  hr_netlist_add_capacitor (nl, "cl", "out", "0", 1e-12, &error);
  hr_netlist_add_mosfet (nl, "m1", "out", "g", "s", "0", "nch", 10e-6, 1e-6, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_ac (nl, HR_AC_DEC, 20, 1e3, 10e9, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  hr_netlist_add_output_voltage (nl, "s", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  assert_close (scalar (a, "op.v(out)"), scalar (b, "op.v(out)"), XV_OP_REL, XV_OP_ABS_V);
  assert_close (scalar (a, "op.v(s)"), scalar (b, "op.v(s)"), XV_OP_REL, XV_OP_ABS_V);
  fa = vec (a, "frequency", &n), fb = vec (b, "frequency", &nb);
  g_assert_cmpuint (n, ==, nb);
  for (guint i = 0; i < n; i++)
    assert_close (fa[i], fb[i], 1e-9, 0);
  worst = xv_ac_difference (a, b, "ac.v(out)", &peak);
  g_test_message ("cs amplifier: op v(out) %.6f / %.6f V; ac max difference %.3g of a "
                  "%.4g peak", scalar (a, "op.v(out)"), scalar (b, "op.v(out)"), worst, peak);
  g_assert_cmpfloat (peak, >, 1);
  g_assert_cmpfloat (worst, <=, 1e-3 * peak);
}

/* All four controlled sources, with a 0 V source as the ammeter for F and H: op, a dc sweep
 * and an ac sweep against ngspice (linear: the same system, so to the op bound), and two
 * closed forms: v(e) = 2 v(a) = v(in), v(g) = 1 mA/V x v(a) x 2 kOhm. */
static void
test_xv_controlled (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("controlled");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const nodes[] = { "a", "e", "g", "s", "f", "h" };

  hr_netlist_add_vsource (nl, "v1", "in", "0", 1, &error);
  hr_netlist_set_source_ac (nl, "v1", 1, 30, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "a", 1e3, &error);
  hr_netlist_add_resistor (nl, "r2", "a", "0", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c2", "a", "0", 1e-9, &error);
  hr_netlist_add_vcvs (nl, "e1", "e", "0", "a", "0", 2, &error);
  hr_netlist_add_resistor (nl, "r3", "e", "s", 500, &error);
  hr_netlist_add_vsource (nl, "vsense", "s", "0", 0, &error);
  hr_netlist_add_vccs (nl, "g1", "0", "g", "a", "0", 1e-3, &error);
  hr_netlist_add_resistor (nl, "rg", "g", "0", 2e3, &error);
  hr_netlist_add_cccs (nl, "f1", "0", "f", "vsense", 3, &error);
  hr_netlist_add_resistor (nl, "rf", "f", "0", 1e3, &error);
  hr_netlist_add_ccvs (nl, "h1", "h", "0", "vsense", 100, &error);
  hr_netlist_add_resistor (nl, "rh", "h", "0", 1e3, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_dc (nl, "v1", -2, 2, 0.5, &error);
  hr_netlist_add_ac (nl, HR_AC_DEC, 5, 1e3, 1e8, &error);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    hr_netlist_add_output_voltage (nl, nodes[i], &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  assert_close (scalar (a, "op.v(e)"), 1.0, 1e-9, 0);
  assert_close (scalar (a, "op.v(g)"), 1e-3 * 0.5 * 2e3, 1e-9, 0);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_autofree char *op = g_strdup_printf ("op.v(%s)", nodes[i]);
      g_autofree char *dc = g_strdup_printf ("dc.v(%s)", nodes[i]);
      g_autofree char *ac = g_strdup_printf ("ac.v(%s)", nodes[i]);
      const HrSimVector *va = hr_sim_result_get_vector (a, ac, NULL);
      const HrSimVector *vb = hr_sim_result_get_vector (b, ac, NULL);
      guint n;
      const double *ra = hr_sim_vector_get_real (va, &n);
      const double *ia = hr_sim_vector_get_imag (va, NULL);
      const double *rb = hr_sim_vector_get_real (vb, NULL);
      const double *ib = hr_sim_vector_get_imag (vb, NULL);

      assert_close (scalar (a, op), scalar (b, op), XV_OP_REL, XV_OP_ABS_V);
      dc_difference (a, b, dc);
      g_assert_cmpuint (n, ==, hr_sim_vector_get_length (vb));
      for (guint k = 0; k < n; k++)
        {
          assert_close (ra[k], rb[k], XV_OP_REL, 1e-9);
          assert_close (ia[k], ib[k], XV_OP_REL, 1e-9);
        }
    }
}

/* A transformer: two inductors coupled by k = 0.9, the primary driven through 50 Ohm by a
 * PWL pulse and a 1 kHz..100 MHz ac sweep, the secondary loaded by 1 kOhm || 10 pF. */
static void
test_xv_transformer (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("transformer");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  const double t[] = { 0, 10e-9, 12e-9, 200e-9, 205e-9, 400e-9 };
  const double v[] = { 0, 0, 1, 1, -0.5, -0.5 };
  double peak = 0, worst = 0;

  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_pwl (nl, "v1", t, v, G_N_ELEMENTS (t), &error);
  hr_netlist_set_source_ac (nl, "v1", 1, 0, &error);
  hr_netlist_add_resistor (nl, "rs", "in", "p", 50, &error);
  hr_netlist_add_inductor (nl, "lp", "p", "0", 10e-6, &error);
  hr_netlist_add_inductor (nl, "ls", "s", "0", 40e-6, &error);
  hr_netlist_add_mutual (nl, "k1", "lp", "ls", 0.9, &error);
  hr_netlist_add_resistor (nl, "rl", "s", "0", 1e3, &error);
  hr_netlist_add_capacitor (nl, "cl", "s", "0", 10e-12, &error);
  hr_netlist_add_tran (nl, 1e-9, 400e-9, 0, 0, FALSE, &error);
  hr_netlist_add_ac (nl, HR_AC_DEC, 10, 1e3, 100e6, &error);
  hr_netlist_add_output_voltage (nl, "s", &error);
  hr_netlist_add_output_voltage (nl, "p", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  g_assert_cmpfloat (tran_difference (a, b, "tran.v(s)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "tran.v(p)"), <=, XV_TRAN_SWING);
  worst = xv_ac_difference (a, b, "ac.v(s)", &peak);
  g_test_message ("transformer: ac max difference %.3g of a %.3g peak", worst, peak);
  /* A linear circuit: the same complex system on both engines, rounding apart. */
  g_assert_cmpfloat (worst, <=, 1e-6 * peak);
}

/* A 50 Ohm, 1 ns line between a 20 Ohm driver and a 200 Ohm load: a 2.5 V step with 200 ps
 * edges rings down in 2 ns round trips (reflection coefficients -0.43 and +0.6). DC: the
 * line is a wire. AC: the standing-wave response up to 2 GHz. */
static void
test_xv_tline (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("tline");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  double peak = 0, worst = 0;

  hr_netlist_add_vsource (nl, "v1", "src", "0", 0.5, &error);
  hr_netlist_set_source_pulse (nl, "v1", 0.5, 3, 1e-9, 200e-12, 200e-12, 8e-9, 20e-9, &error);
  hr_netlist_set_source_ac (nl, "v1", 1, 0, &error);
  hr_netlist_add_resistor (nl, "rs", "src", "near", 20, &error);
  hr_netlist_add_tline (nl, "t1", "near", "0", "far", "0", 50, 1e-9, &error);
  hr_netlist_add_resistor (nl, "rl", "far", "0", 200, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_tran (nl, 10e-12, 20e-9, 0, 0, FALSE, &error);
  hr_netlist_add_ac (nl, HR_AC_LIN, 201, 1e6, 2e9, &error);
  hr_netlist_add_output_voltage (nl, "near", &error);
  hr_netlist_add_output_voltage (nl, "far", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  /* DC: 0.5 V across 20 + 200 Ohm, the line a wire. */
  assert_close (scalar (a, "op.v(far)"), 0.5 * 200 / 220, 1e-9, 0);
  assert_close (scalar (a, "op.v(far)"), scalar (b, "op.v(far)"), XV_OP_REL, XV_OP_ABS_V);
  g_assert_cmpfloat (tran_difference (a, b, "tran.v(near)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "tran.v(far)"), <=, XV_TRAN_SWING);
  worst = xv_ac_difference (a, b, "ac.v(far)", &peak);
  g_test_message ("tline: ac max difference %.3g of a %.3g peak", worst, peak);
  g_assert_cmpfloat (worst, <=, 1e-6 * peak);
}

/* The level-1 models of the switching tests (inverter transient, ring oscillator,
 * reentrancy): LAMBDA, junction capacitances CBD, CBS with PB, MJ, and the overlaps. */
static void
add_switching_models (HrNetlist *nl)
{
  g_autoptr(GError) error = NULL;
  static const char *const models[] = { "nch", "pch" };

  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, &error);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.6, &error);
  hr_netlist_set_model_param (nl, "nch", "kp", 100e-6, &error);
  hr_netlist_set_model_param (nl, "nch", "lambda", 0.02, &error);
  hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, &error);
  hr_netlist_set_model_param (nl, "pch", "vto", -0.6, &error);
  hr_netlist_set_model_param (nl, "pch", "kp", 50e-6, &error);
  hr_netlist_set_model_param (nl, "pch", "lambda", 0.02, &error);
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      hr_netlist_set_model_param (nl, models[i], "cbd", 10e-15, &error);
      hr_netlist_set_model_param (nl, models[i], "cbs", 10e-15, &error);
      hr_netlist_set_model_param (nl, models[i], "pb", 0.9, &error);
      hr_netlist_set_model_param (nl, models[i], "mj", 0.4, &error);
      hr_netlist_set_model_param (nl, models[i], "cgso", 2e-10, &error);
      hr_netlist_set_model_param (nl, models[i], "cgdo", 2e-10, &error);
      hr_netlist_set_model_param (nl, models[i], "cgbo", 1e-10, &error);
    }
  g_assert_no_error (error);
}

/* The switching inverter: 100 ps edges through 100 Ohm into the models above, 20 fF load. */
static HrNetlist *
inverter_tran (double tstop_s, double tmax_s)
{
  HrNetlist *nl = hr_netlist_new ("inv-tran");
  g_autoptr(GError) error = NULL;

  add_switching_models (nl);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 3.3, &error);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "vin", 0, 3.3, 1e-9, 100e-12, 100e-12, 2e-9, 4e-9, &error);
  hr_netlist_add_resistor (nl, "rin", "in", "g", 100, &error);
  hr_netlist_add_mosfet (nl, "mn", "out", "g", "0", "0", "nch", 10e-6, 1e-6, &error);
  hr_netlist_add_mosfet (nl, "mp", "out", "g", "vdd", "vdd", "pch", 20e-6, 1e-6, &error);
  hr_netlist_add_capacitor (nl, "cl", "out", "0", 20e-15, &error);
  hr_netlist_add_tran (nl, 10e-12, tstop_s, 0, tmax_s, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  hr_netlist_add_output_voltage (nl, "g", &error);
  g_assert_no_error (error);
  return nl;
}

/* A CMOS inverter with junction (CBD, CBS with PB, MJ) and overlap (CGSO, CGDO, CGBO)
 * capacitances driving 20 fF, switched by 100 ps edges: the waveform that sets gate delay.
 * At the default maximum step (tstep, 10 ps) each engine is about 11 mV (0.33 % of the
 * swing) from the converged waveform (both run at 0.5 ps), on opposite sides, so they
 * differ by 0.66 %; at 5 ps by 0.19 %, at 1 ps by 0.03 %: integration error, falling as h^2,
 * not a difference of equations. The check runs at TMAX = 5 ps. */
static void
test_xv_inverter_tran (void)
{
  g_autoptr(HrNetlist) nl = inverter_tran (8e-9, 5e-12);
  g_autoptr(HrSimResult) a = NULL, b = NULL;

  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  g_assert_cmpfloat (tran_difference (a, b, "v(out)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "v(g)"), <=, XV_TRAN_SWING);
}

/* The same inverter with TOX: Meyer's gate capacitances (as ngspice integrates them, with
 * the half capacitances of two points averaged) on top of the overlaps and junctions; KP
 * given, so TOX changes only the capacitances. Meyer's scheme is not charge-conserving and
 * its error falls only about linearly with the step: the engines differ by 1.24 % of the
 * swing at TMAX = 5 ps, 0.53 % at 2 ps, 0.28 % at 0.5 ps, which this test uses. */
static void
test_xv_inverter_meyer (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("inv-meyer");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;

  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, &error);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.6, &error);
  hr_netlist_set_model_param (nl, "nch", "kp", 100e-6, &error);
  hr_netlist_set_model_param (nl, "nch", "gamma", 0.4, &error);
  hr_netlist_set_model_param (nl, "nch", "tox", 10e-9, &error);
  hr_netlist_set_model_param (nl, "nch", "cgdo", 2e-10, &error);
  hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, &error);
  hr_netlist_set_model_param (nl, "pch", "vto", -0.6, &error);
  hr_netlist_set_model_param (nl, "pch", "kp", 50e-6, &error);
  hr_netlist_set_model_param (nl, "pch", "tox", 10e-9, &error);
  hr_netlist_set_model_param (nl, "pch", "cbd", 5e-15, &error);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 3.3, &error);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "vin", 0, 3.3, 1e-9, 100e-12, 100e-12, 2e-9, 4e-9, &error);
  hr_netlist_set_source_ac (nl, "vin", 1, 0, &error);
  hr_netlist_add_resistor (nl, "rin", "in", "g", 1e3, &error);
  hr_netlist_add_mosfet (nl, "mn", "out", "g", "0", "0", "nch", 10e-6, 1e-6, &error);
  hr_netlist_add_mosfet (nl, "mp", "out", "g", "vdd", "vdd", "pch", 20e-6, 1e-6, &error);
  hr_netlist_add_capacitor (nl, "cl", "out", "0", 10e-15, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_tran (nl, 10e-12, 8e-9, 0, 0.5e-12, FALSE, &error);
  hr_netlist_add_ac (nl, HR_AC_DEC, 10, 1e6, 1e11, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  hr_netlist_add_output_voltage (nl, "g", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  g_assert_cmpfloat (tran_difference (a, b, "v(out)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "v(g)"), <=, XV_TRAN_SWING);
  {
    double worst = xv_ac_difference (a, b, "ac.v(g)", NULL);
    g_test_message ("inverter meyer: ac v(g) max difference %.3g (input 1)", worst);
    g_assert_cmpfloat (worst, <=, 1e-3);
  }
}

/* A diode with depletion (CJO, VJ, M) and diffusion (TT) charge, at 100 C, switched from
 * forward to reverse through 1 kOhm: the reverse-recovery current flows for about
 * TT ln(1 + IF/IR).
 * At the default maximum step (0.1 ns) the engines differed by 0.46 % of the swing (at
 * 27 C), mostly integration error on the 1 ns edges; at TMAX = 20 ps, used here, by less
 * than 0.1 %. */
static void
test_xv_diode_recovery (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("recovery");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;

  hr_netlist_add_model (nl, "dmod", HR_MODEL_DIODE, 0, &error);
  hr_netlist_set_model_param (nl, "dmod", "is", 1e-14, &error);
  hr_netlist_set_model_param (nl, "dmod", "cjo", 2e-12, &error);
  hr_netlist_set_model_param (nl, "dmod", "vj", 0.7, &error);
  hr_netlist_set_model_param (nl, "dmod", "m", 0.4, &error);
  hr_netlist_set_model_param (nl, "dmod", "tt", 5e-9, &error);
  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "v1", 5, -5, 20e-9, 1e-9, 1e-9, 40e-9, 80e-9, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "a", 1e3, &error);
  hr_netlist_add_diode (nl, "d1", "a", "0", "dmod", &error);
  hr_netlist_add_tran (nl, 0.1e-9, 120e-9, 0, 20e-12, FALSE, &error);
  hr_netlist_set_temperature (nl, 100);
  hr_netlist_add_output_voltage (nl, "a", &error);
  hr_netlist_add_output_current (nl, "v1", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  g_assert_cmpfloat (tran_difference (a, b, "v(a)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "i(v1)"), <=, XV_TRAN_SWING);
}

/* Geometry and multiplicity: LD, the instance multiplier M, drain/source areas and
 * perimeters with CJ, CJSW, MJSW and JS, on a transient and an operating point; a diode
 * with AREA; all at 85 C. */
static void
test_xv_geometry (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("geometry");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const inst[] = { "mn", "mp" };
  static const char *const params[] = { "ad", "as", "pd", "ps" };
  static const double values[] = { 20e-12, 25e-12, 24e-6, 30e-6 };

  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, &error);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.6, &error);
  hr_netlist_set_model_param (nl, "nch", "kp", 100e-6, &error);
  hr_netlist_set_model_param (nl, "nch", "ld", 0.1e-6, &error);
  hr_netlist_set_model_param (nl, "nch", "cj", 3e-4, &error);
  hr_netlist_set_model_param (nl, "nch", "cjsw", 2e-10, &error);
  hr_netlist_set_model_param (nl, "nch", "mjsw", 0.3, &error);
  hr_netlist_set_model_param (nl, "nch", "js", 1e-3, &error);
  hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, &error);
  hr_netlist_set_model_param (nl, "pch", "vto", -0.6, &error);
  hr_netlist_set_model_param (nl, "pch", "kp", 50e-6, &error);
  hr_netlist_set_model_param (nl, "pch", "cj", 4e-4, &error);
  hr_netlist_set_model_param (nl, "pch", "cgdo", 3e-10, &error);
  hr_netlist_add_model (nl, "dmod", HR_MODEL_DIODE, 0, &error);
  hr_netlist_set_model_param (nl, "dmod", "cjo", 1e-12, &error);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 3.3, &error);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "vin", 0, 3.3, 1e-9, 100e-12, 100e-12, 2e-9, 4e-9, &error);
  hr_netlist_add_mosfet (nl, "mn", "out", "in", "0", "0", "nch", 5e-6, 1e-6, &error);
  hr_netlist_add_mosfet (nl, "mp", "out", "in", "vdd", "vdd", "pch", 5e-6, 1e-6, &error);
  for (guint i = 0; i < G_N_ELEMENTS (inst); i++)
    for (guint k = 0; k < G_N_ELEMENTS (params); k++)
      hr_netlist_set_element_param (nl, inst[i], params[k], values[k], &error);
  hr_netlist_set_element_param (nl, "mp", "m", 3, &error);
  hr_netlist_add_resistor (nl, "rd", "out", "dk", 10e3, &error);
  hr_netlist_add_diode (nl, "d1", "dk", "0", "dmod", &error);
  hr_netlist_set_element_param (nl, "d1", "area", 4, &error);
  hr_netlist_set_temperature (nl, 85);   /* the junction potential and capacitance laws */
  hr_netlist_set_source_ac (nl, "vin", 1, 0, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_tran (nl, 10e-12, 8e-9, 0, 2e-12, FALSE, &error);
  hr_netlist_add_ac (nl, HR_AC_DEC, 10, 1e6, 1e11, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  hr_netlist_add_output_voltage (nl, "dk", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  assert_close (scalar (a, "op.v(out)"), scalar (b, "op.v(out)"), XV_OP_REL, XV_OP_ABS_V);
  assert_close (scalar (a, "op.v(dk)"), scalar (b, "op.v(dk)"), XV_OP_REL, XV_OP_ABS_V);
  g_assert_cmpfloat (tran_difference (a, b, "v(out)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "v(dk)"), <=, XV_TRAN_SWING);
  /* The ac response through the overlap and junction capacitances at their 85 C values. The
   * operating points agree to microvolts, and the PMOS in deep triode passes that on to its
   * gds (measured 5e-6 of the peak); a 1 % error in any capacitance would show as ~1e-2 at
   * the top of the sweep. Bound: 1e-4 of the peak. */
  {
    double peak, worst = xv_ac_difference (a, b, "ac.v(out)", &peak);
    g_test_message ("geometry: ac max difference %.3g of a %.3g peak", worst, peak);
    g_assert_cmpfloat (worst, <=, 1e-4 * peak);
  }
}

/* Series resistances, each behind its own internal node: a diode with RS and AREA, an
 * NMOS with RD, RS and M = 2 in a common-source stage; DC sweep, operating point and AC.
 * At ngspice's default reltol its own curve is 0.4 mV off at vin = 1.41 V (the native one
 * 7 nV, both against a reltol = 1e-8 run): more than the bound allows at a gain of 3. So
 * this test runs at reltol = 1e-6, as noise/gates.c's transfer curves do. */
static void
test_xv_series_resistance (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("series-r");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const nodes[] = { "k", "out" };

  hr_netlist_add_model (nl, "dmod", HR_MODEL_DIODE, 0, &error);
  hr_netlist_set_model_param (nl, "dmod", "rs", 20, &error);
  hr_netlist_set_model_param (nl, "dmod", "cjo", 1e-12, &error);
  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, &error);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.7, &error);
  hr_netlist_set_model_param (nl, "nch", "kp", 100e-6, &error);
  hr_netlist_set_model_param (nl, "nch", "lambda", 0.04, &error);
  hr_netlist_set_model_param (nl, "nch", "rd", 200, &error);
  hr_netlist_set_model_param (nl, "nch", "rs", 100, &error);
  hr_netlist_set_model_param (nl, "nch", "cgso", 3e-10, &error);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 1.5, &error);
  hr_netlist_set_source_ac (nl, "vin", 1, 0, &error);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 5, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "k", 100, &error);
  hr_netlist_add_diode (nl, "d1", "k", "0", "dmod", &error);
  hr_netlist_set_element_param (nl, "d1", "area", 2, &error);
  hr_netlist_add_resistor (nl, "rl", "vdd", "out", 5e3, &error);
  hr_netlist_add_mosfet (nl, "m1", "out", "in", "0", "0", "nch", 20e-6, 1e-6, &error);
  hr_netlist_set_element_param (nl, "m1", "m", 2, &error);
  hr_netlist_set_option (nl, "reltol", 1e-6, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_dc (nl, "vin", 0, 3, 0.01, &error);
  hr_netlist_add_ac (nl, HR_AC_DEC, 10, 1e3, 1e10, &error);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    hr_netlist_add_output_voltage (nl, nodes[i], &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_autofree char *op = g_strdup_printf ("op.v(%s)", nodes[i]);
      g_autofree char *dc = g_strdup_printf ("dc.v(%s)", nodes[i]);
      g_autofree char *ac = g_strdup_printf ("ac.v(%s)", nodes[i]);
      const HrSimVector *va = hr_sim_result_get_vector (a, ac, NULL);
      const HrSimVector *vb = hr_sim_result_get_vector (b, ac, NULL);
      guint n;
      const double *ra = hr_sim_vector_get_real (va, &n);
      const double *ia = hr_sim_vector_get_imag (va, NULL);
      const double *rb = hr_sim_vector_get_real (vb, NULL);
      const double *ib = hr_sim_vector_get_imag (vb, NULL);

      assert_close (scalar (a, op), scalar (b, op), XV_OP_REL, XV_OP_ABS_V);
      dc_difference (a, b, dc);
      /* AC at operating points that agree to microvolts: 1e-4 relative (as geometry). */
      for (guint k = 0; k < n; k++)
        {
          double mag = hypot (rb[k], ib[k]);
          g_assert_cmpfloat (hypot (ra[k] - rb[k], ia[k] - ib[k]), <=, 1e-4 * mag + 1e-9);
        }
    }
}

/* Temperature: the inverter's transfer curve (with GAMMA, CJ-free) and a diode clipper
 * away from TNOM, against ngspice: the threshold, KP, PHI and IS laws of mos1temp.c and
 * diotemp.c. One clamp diode is held at 27 C by its instance TEMP, as noise/gates.c does;
 * TNOM moved to 50 C once. Points compared as in test_xv_inverter. */
static void
check_vtc_at (double temp_c, double tnom_c)
{
  g_autoptr(HrNetlist) nl = inverter_vtc (2e-3);
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  double worst;

  hr_netlist_set_model_param (nl, "nch", "gamma", 0.5, &error);
  hr_netlist_set_model_param (nl, "nch", "lambda", 0.03, &error);
  hr_netlist_set_model_param (nl, "pch", "phi", 0.7, &error);
  hr_netlist_add_model (nl, "dmod", HR_MODEL_DIODE, 0, &error);
  hr_netlist_set_model_param (nl, "dmod", "n", 1.2, &error);
  hr_netlist_set_model_param (nl, "dmod", "xti", 2.5, &error);
  hr_netlist_add_resistor (nl, "rl", "out", "k", 20e3, &error);
  hr_netlist_add_diode (nl, "d1", "k", "0", "dmod", &error);
  hr_netlist_add_diode (nl, "d2", "k", "0", "dmod", &error);
  hr_netlist_set_element_param (nl, "d2", "temp", 27, &error);
  hr_netlist_add_output_voltage (nl, "k", &error);
  hr_netlist_set_temperature (nl, temp_c);
  if (tnom_c != 27)
    hr_netlist_set_option (nl, "tnom", tnom_c, &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  worst = dc_difference (a, b, "v(out)");
  g_test_message ("%g C (tnom %g C): v(out) max difference %.3g V", temp_c, tnom_c, worst);
  dc_difference (a, b, "v(k)");
}

static void
test_xv_temperature (void)
{
  check_vtc_at (-40, 27);
  check_vtc_at (125, 27);
  check_vtc_at (85, 50);
}

/* The remaining source waveforms and transient options against ngspice: EXP and a
 * delayed, damped SIN into RC loads, a nonzero TSTART (only points from it are returned), and
 * an OCT ac sweep; then UIC from a .ic on the native engine alone against the closed form
 * of the discharging capacitor. */
static void
test_xv_waveforms (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("waveforms");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  guint n, nb;
  const double *t;

  hr_netlist_add_vsource (nl, "ve", "e", "0", 0, &error);
  hr_netlist_set_source_exp (nl, "ve", -1, 2, 50e-9, 30e-9, 300e-9, 60e-9, &error);
  hr_netlist_add_resistor (nl, "re", "e", "eo", 1e3, &error);
  hr_netlist_add_capacitor (nl, "ce", "eo", "0", 20e-12, &error);
  hr_netlist_add_vsource (nl, "vs", "s", "0", 0, &error);
  hr_netlist_set_source_sin (nl, "vs", 0.5, 1, 10e6, 100e-9, 2e6, &error);
  hr_netlist_set_source_ac (nl, "vs", 1, 0, &error);
  hr_netlist_add_resistor (nl, "rs", "s", "so", 1e3, &error);
  hr_netlist_add_capacitor (nl, "cs", "so", "0", 10e-12, &error);
  hr_netlist_add_tran (nl, 1e-9, 600e-9, 100e-9, 0, FALSE, &error);
  hr_netlist_add_ac (nl, HR_AC_OCT, 3, 1e6, 1e9, &error);
  hr_netlist_add_output_voltage (nl, "eo", &error);
  hr_netlist_add_output_voltage (nl, "so", &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  t = vec (a, "tran.time", &n);
  g_assert_cmpfloat (t[0], >=, 100e-9);
  assert_close (t[n - 1], 600e-9, 1e-9, 0);
  g_assert_cmpfloat (tran_difference (a, b, "v(eo)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "v(so)"), <=, XV_TRAN_SWING);
  vec (a, "ac.frequency", &n), vec (b, "ac.frequency", &nb);
  g_assert_cmpuint (n, ==, nb);
}

static void
test_uic (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("uic");
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  guint n;
  const double *t, *v;
  double worst = 0;

  /* C charged to 2 V discharging through R: 2 exp(-t/RC); bound as in test_rc_step. */
  hr_netlist_add_resistor (nl, "r1", "a", "0", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "a", "0", 1e-9, &error);
  hr_netlist_set_initial_voltage (nl, "a", 2, &error);
  hr_netlist_add_tran (nl, 10e-9, 5e-6, 0, 0, TRUE, &error);
  g_assert_no_error (error);
  res = run_ok (native (), nl);
  t = vec (res, "time", &n), v = vec (res, "v(a)", NULL);
  g_assert_cmpfloat (v[0], ==, 2);
  for (guint i = 0; i < n; i++)
    worst = MAX (worst, fabs (v[i] - 2 * exp (-t[i] / 1e-6)));
  g_test_message ("uic: max error %.3g V", worst);
  g_assert_cmpfloat (worst, <, 2 * 7e-3);
}

/* ---- Gear (BDF2) integration ------------------------------------------------------------- */

static HrNetlist *
with_gear (HrNetlist *nl)
{
  g_autoptr(GError) error = NULL;
  hr_netlist_set_integration (nl, HR_INTEGRATION_GEAR2, &error);
  g_assert_no_error (error);
  return nl;
}

/* The method reaches ngspice as ".options method=gear maxord=2"; an unknown one is refused. */
static void
test_gear_ir (void)
{
  g_autoptr(HrNetlist) nl = with_gear (rc_step ());
  g_autoptr(GError) error = NULL;
  g_autofree char *deck = hr_netlist_to_spice (nl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (deck, "\n.options method=gear maxord=2\n"));
  g_assert_false (hr_netlist_set_integration (nl, (HrIntegration) 7, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID);
}

/* RC step on Gear 2 against 1 - exp(-t/RC): the same step control as trapezoidal (each
 * step's truncation error within trtol x reltol of the charge scale, errors not growing on
 * a decaying mode), so the bound of test_rc_step, 7e-3 V on a 1 V step. */
static void
test_gear_rc_step (void)
{
  g_autoptr(HrNetlist) nl = with_gear (rc_step ());
  g_autoptr(HrSimResult) res = run_ok (native (), nl);
  g_autoptr(HrSimResult) ref = run_ok (ngspice (), nl);
  g_autoptr(HrNetlist) trap = rc_step ();
  g_autoptr(HrSimResult) res_trap = run_ok (native (), trap);
  const double tau = 1e3 * 1e-9;
  guint n, n_trap;
  const double *t = vec (res, "time", &n), *v = vec (res, "v(out)", NULL);
  double worst = 0;

  vec (res_trap, "time", &n_trap);
  for (guint i = 0; i < n; i++)
    worst = MAX (worst, fabs (v[i] - (t[i] <= 1e-12 ? v[i] : 1 - exp (-(t[i] - 1e-12) / tau))));
  g_test_message ("gear rc step: %u points (trapezoidal %u), max error %.3g V", n, n_trap,
                  worst);
  g_assert_cmpfloat (worst, <, 7e-3);
  g_assert_cmpfloat (tran_difference (res, ref, "v(out)"), <=, XV_TRAN_SWING);
}

/* A high-Q tank (R = 0.1 Ohm, L = 1 uH, C = 1 nF: f0 = 5.03 MHz, Q = 32) stepped by 1 V, for
 * 10 us (50 periods) at the default maximum step (10 ns, 20 per period). */
static HrNetlist *
lc_tank (void)
{
  HrNetlist *nl = hr_netlist_new ("lc-tank");
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "v1", 0, 1, 10e-9, 1e-9, 1e-9, 1, 2, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "a", 0.1, &error);
  hr_netlist_add_inductor (nl, "l1", "a", "out", 1e-6, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  hr_netlist_add_tran (nl, 10e-9, 10e-6, 0, 0, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  return nl;
}

/* The largest |v(out) - 1| from T0 on: the ringing's amplitude. */
static double
ring_amplitude (HrSimResult *res, double t0)
{
  guint n;
  const double *t = vec (res, "tran.time", &n), *v = vec (res, "tran.v(out)", NULL);
  double a = 0;
  for (guint i = 0; i < n; i++)
    if (t[i] >= t0)
      a = MAX (a, fabs (v[i] - 1));
  return a;
}

/* Ringing on Gear 2. The series RLC of test_xv_rlc (Q = 3.2, TMAX 1 ns) against ngspice's
 * Gear within the 0.5 % bound. Then the discriminating case: BDF2 damps an oscillation
 * that trapezoidal keeps (its amplification per step falls below one by ~(w h)^4, and the
 * truncation-error control of the charge does not see amplitude loss), so on the high-Q
 * tank after 45 periods the Gear amplitude must be far below the exact exp(-R t / 2L) and
 * trapezoidal's must not: trapezoidal within 2 % of the exact envelope, Gear below half of
 * it on both engines, and native Gear within 0.5 % of the swing of ngspice's Gear, which
 * shows both damp alike (wrong variable-step coefficients, or another error constant in
 * the step control, would change the damping by far more). */
static void
test_gear_rlc (void)
{
  g_autoptr(HrNetlist) rlc = with_gear (rlc_step (1e-9));
  g_autoptr(HrNetlist) tank = with_gear (lc_tank ()), tank_trap = lc_tank ();
  g_autoptr(HrSimResult) a = run_ok (native (), rlc), b = run_ok (ngspice (), rlc);
  g_autoptr(HrSimResult) gn = run_ok (native (), tank), gs = run_ok (ngspice (), tank);
  g_autoptr(HrSimResult) tn = run_ok (native (), tank_trap);
  const double t0 = 9e-6, exact = exp (-0.1 / 2e-6 * (t0 - 10.5e-9));
  double gear_n = ring_amplitude (gn, t0), gear_s = ring_amplitude (gs, t0);
  double trap_n = ring_amplitude (tn, t0);

  g_assert_cmpfloat (tran_difference (a, b, "v(out)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "i(v1)"), <=, XV_TRAN_SWING);
  g_test_message ("tank ringing amplitude from 9 us: exact envelope %.4g V; gear native "
                  "%.4g, ngspice %.4g; trapezoidal native %.4g", exact, gear_n, gear_s,
                  trap_n);
  assert_close (trap_n, exact, 0.02, 0);
  g_assert_cmpfloat (gear_n, <, 0.5 * exact);
  g_assert_cmpfloat (gear_s, <, 0.5 * exact);
  g_assert_cmpfloat (tran_difference (gn, gs, "v(out)"), <=, XV_TRAN_SWING);
}

/* The switching inverter on Gear 2 against ngspice's Gear 2, TMAX = 5 ps as on
 * trapezoidal. */
static void
test_gear_inverter (void)
{
  g_autoptr(HrNetlist) nl = with_gear (inverter_tran (8e-9, 5e-12));
  g_autoptr(HrSimResult) a = run_ok (native (), nl);
  g_autoptr(HrSimResult) b = run_ok (ngspice (), nl);
  g_assert_cmpfloat (tran_difference (a, b, "v(out)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "v(g)"), <=, XV_TRAN_SWING);
}

/* ---- ring oscillator ------------------------------------------------------------------- */

/* Three inverters of the switching models in a ring, 20 fF on each node, kicked out of its
 * metastable operating point (every node at the inverter's VM) by a 100 uA, 100 ps current
 * pulse into n1. */
static HrNetlist *
ring_oscillator (double tstop_s, double tmax_s)
{
  HrNetlist *nl = hr_netlist_new ("ring3");
  g_autoptr(GError) error = NULL;

  add_switching_models (nl);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 3.3, &error);
  for (int k = 1; k <= 3; k++)
    {
      g_autofree char *in = g_strdup_printf ("n%d", k);
      g_autofree char *out = g_strdup_printf ("n%d", k % 3 + 1);
      g_autofree char *mn = g_strdup_printf ("mn%d", k), *mp = g_strdup_printf ("mp%d", k);
      g_autofree char *c = g_strdup_printf ("c%d", k);
      hr_netlist_add_mosfet (nl, mn, out, in, "0", "0", "nch", 10e-6, 1e-6, &error);
      hr_netlist_add_mosfet (nl, mp, out, in, "vdd", "vdd", "pch", 20e-6, 1e-6, &error);
      hr_netlist_add_capacitor (nl, c, out, "0", 20e-15, &error);
      hr_netlist_add_output_voltage (nl, out, &error);
    }
  hr_netlist_add_isource (nl, "ikick", "0", "n1", 0, &error);
  hr_netlist_set_source_pulse (nl, "ikick", 0, 100e-6, 50e-12, 10e-12, 10e-12, 100e-12, 0,
                               &error);
  hr_netlist_add_tran (nl, 1e-12, tstop_s, 0, tmax_s, FALSE, &error);
  g_assert_no_error (error);
  return nl;
}

/* Rising crossings of VDD / 2 by v(n1), interpolated; returns how many. The inverters are
 * symmetric (kn = kp = 1 mA/V^2), so the operating point sits at VDD / 2 itself: a crossing
 * counts only after the waveform went 0.5 V below it. */
static guint
rising_crossings (HrSimResult *res, double *out, guint max)
{
  guint n, k = 0;
  const double *t = vec (res, "tran.time", &n), *v = vec (res, "tran.v(n1)", NULL);
  gboolean armed = FALSE;
  for (guint i = 1; i < n && k < max; i++)
    {
      armed |= v[i] < 1.15;
      if (armed && v[i - 1] < 1.65 && v[i] >= 1.65)
        {
          out[k++] = t[i - 1] + (t[i] - t[i - 1]) * (1.65 - v[i - 1]) / (v[i] - v[i - 1]);
          armed = FALSE;
        }
    }
  return k;
}

/* Largest |native - ngspice| of VECTOR between T0 and T1 (as tran_difference) over the
 * ngspice swing there; *SLOPE the steepest ngspice slope there (V/s). */
static double
window_difference (HrSimResult *nat, HrSimResult *ref, const char *vector, double t0,
                   double t1, double *swing, double *slope)
{
  guint nn, nr;
  const double *tn = vec (nat, "tran.time", &nn), *yn = vec (nat, vector, NULL);
  const double *tr = vec (ref, "tran.time", &nr), *yr = vec (ref, vector, NULL);
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, worst = 0, s = 0;

  for (guint i = 0; i < nr; i++)
    if (tr[i] >= t0 && tr[i] <= t1)
      {
        lo = MIN (lo, yr[i]), hi = MAX (hi, yr[i]);
        worst = MAX (worst, fabs (yr[i] - interpolate (tn, yn, nn, tr[i])));
        if (i > 0 && tr[i] > tr[i - 1])
          s = MAX (s, fabs (yr[i] - yr[i - 1]) / (tr[i] - tr[i - 1]));
      }
  *swing = hi - lo, *slope = s;
  return worst;
}

/* Ring oscillator on both engines (METHOD): the period from rising VDD/2 crossings of v(n1)
 * averaged over the cycles after the first three (startup), within the 0.5 %; the
 * waveforms over the first two periods after the kick. There the two engines' edges drift
 * apart by at most the period difference per cycle plus the startup's, so the waveform
 * bound is 0.5 % of the swing plus the steepest slope times twice the measured period
 * difference (two cycles). TMAX = 1 ps: about 100 points per period. */
static void
check_ring (HrIntegration method)
{
  g_autoptr(HrNetlist) nl = ring_oscillator (4e-9, 1e-12);
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  double ca[64], cb[64], pa, pb, worst, swing, slope, bound;
  guint na, nb, m;

  hr_netlist_set_integration (nl, method, &error);
  g_assert_no_error (error);
  a = run_ok (native (), nl);
  b = run_ok (ngspice (), nl);
  na = rising_crossings (a, ca, G_N_ELEMENTS (ca));
  nb = rising_crossings (b, cb, G_N_ELEMENTS (cb));
  m = MIN (na, nb);
  g_assert_cmpuint (m, >=, 8);
  pa = (ca[m - 1] - ca[3]) / (m - 4), pb = (cb[m - 1] - cb[3]) / (m - 4);
  worst = window_difference (a, b, "tran.v(n1)", 0, cb[0] + 2 * pb, &swing, &slope);
  bound = XV_TRAN_SWING * swing + slope * 2 * fabs (pa - pb);
  g_test_message ("ring (%s): period native %.6g s, ngspice %.6g s (%.3g %%, %u cycles); "
                  "first crossing %.6g / %.6g s; first two periods: max difference %.3g V "
                  "(%.3g %% of %.3g V), bound %.3g V",
                  method == HR_INTEGRATION_GEAR2 ? "gear" : "trapezoidal", pa, pb,
                  100 * (pa - pb) / pb, m - 4, ca[0], cb[0], worst, 100 * worst / swing,
                  swing, bound);
  assert_close (pa, pb, XV_TRAN_SWING, 0);
  g_assert_cmpfloat (worst, <=, bound);
}

static void
test_xv_ring (void)
{
  check_ring (HR_INTEGRATION_TRAPEZOIDAL);
}

static void
test_xv_ring_gear (void)
{
  check_ring (HR_INTEGRATION_GEAR2);
}

/* ---- band-limited noise source ----------------------------------------------------------- */

#define NOISE_RMS 0.1       /* V                                                           */
#define NOISE_NT  1e-9      /* sample time, s                                              */
#define NOISE_DC  0.5       /* V                                                           */
#define NOISE_TAU 2e-9      /* the RC low-pass behind it: 1 kOhm, 2 pF                     */
/* Every statistical check below fails a correct engine with probability 1e-6 (two-sided:
 * 5e-7 in each tail), so the whole set with ~1e-5. */
#define NOISE_TAIL 5e-7

/* A noise source (DC 0.5 V, 0.1 V RMS, 1 ns samples) across 1 kOhm at node a, and an RC
 * low-pass from it to node b. N_SAMPLES sample times. */
static HrNetlist *
noise_rc (guint n_samples, guint64 seed)
{
  HrNetlist *nl = hr_netlist_new ("noise-rc");
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "vn", "a", "0", NOISE_DC, &error);
  hr_netlist_set_source_noise (nl, "vn", NOISE_RMS, NOISE_NT, seed, &error);
  hr_netlist_add_resistor (nl, "ra", "a", "0", 1e3, &error);
  hr_netlist_add_resistor (nl, "r1", "a", "b", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "b", "0", NOISE_TAU / 1e3, &error);
  hr_netlist_add_tran (nl, NOISE_NT, n_samples * NOISE_NT, 0, 0, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "a", &error);
  hr_netlist_add_output_voltage (nl, "b", &error);
  g_assert_no_error (error);
  return nl;
}

/* The IR: TRNOISE(NA NT 0 0) and the seed as an ngspice option; the noise adds nothing to an
 * operating point (its sample at t = 0 is 0, as ngspice's), and the transient starts at the
 * DC value. On the native engine the same seed gives the same waveform bit for bit, another
 * seed another one. */
static void
test_noise_source (void)
{
  g_autoptr(HrNetlist) nl = noise_rc (200, 42), other = noise_rc (200, 43);
  g_autoptr(HrSimResult) a = NULL, b = NULL, c = NULL, d = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *deck = hr_netlist_to_spice (nl, &error);
  guint n;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (deck, "vn a 0 dc 0.5 trnoise(0.1 1e-09 0 0)\n"));
  g_assert_nonnull (strstr (deck, "\n.options seed=43\n"));
  {
    g_autoptr(HrNetlist) bad = noise_rc (10, 1);
    g_assert_false (hr_netlist_set_source_noise (bad, "vn", 0.1, 0, 1, &error));
    g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID);
    g_clear_error (&error);
  }
  hr_netlist_add_op (other);
  a = run_ok (native (), nl), b = run_ok (native (), nl), c = run_ok (native (), other);
  d = run_ok (ngspice (), other);
  g_assert_true (same_vector (a, b, "time") && same_vector (a, b, "v(a)"));
  g_assert_false (same_vector (a, c, "tran.v(a)"));
  g_assert_cmpfloat (vec (a, "v(a)", &n)[0], ==, NOISE_DC);
  g_assert_cmpfloat (scalar (c, "op.v(a)"), ==, NOISE_DC);
  assert_close (scalar (d, "op.v(a)"), NOISE_DC, 1e-12, 0);
  g_assert_cmpfloat (vec (d, "tran.v(a)", NULL)[0], ==, NOISE_DC);
}

/* The waveform at the sample times k NT, k = 1 .. n - 1, minus the DC value, into X. The
 * engines land on every sample time (a breakpoint); the interpolation only absorbs rounding
 * in the time values. */
static void
noise_samples_at (HrSimResult *res, const char *vector, double *x, guint n)
{
  guint nt, i = 1;
  const double *t = vec (res, "tran.time", &nt), *v = vec (res, vector, NULL);
  for (guint k = 1; k < n; k++)
    {
      double at = k * NOISE_NT;
      while (i + 1 < nt && t[i] < at)   /* one pass over both: the times increase */
        i++;
      x[k - 1] = interpolate (t + i - 1, v + i - 1, 2, at) - NOISE_DC;
    }
}

/* The mean square of N values X of variance VAR whose normalised autocorrelation at lag m
 * is RHO[m] (m < N_RHO, 0 beyond) must lie within the two-sided 1e-6 bounds of its
 * distribution. For Gaussian values the mean square is a quadratic form; Satterthwaite's
 * approximation gives it as VAR chi^2(nu) / nu with nu = N / sum_m rho(m)^2 (exact, nu = N,
 * for independent values). Returns the measured RMS. */
static double
check_mean_square (const char *what, const double *x, guint n, double var, const double *rho,
                   guint n_rho)
{
  double s = 0, sum_rho2 = 0, nu, lo, hi;
  for (guint k = 0; k < n; k++)
    s += x[k] * x[k];
  s /= n;
  for (guint m = 0; m < n_rho; m++)
    sum_rho2 += (m == 0 ? 1 : 2) * rho[m] * rho[m];
  nu = n / sum_rho2;
  lo = var * gsl_cdf_chisq_Pinv (NOISE_TAIL, nu) / nu;
  hi = var * gsl_cdf_chisq_Qinv (NOISE_TAIL, nu) / nu;
  g_test_message ("%s: RMS %.5g V, expected %.5g V, 1e-6 bounds %.5g .. %.5g V (%u values, "
                  "%.0f degrees of freedom)", what, sqrt (s), sqrt (var), sqrt (lo), sqrt (hi),
                  n, nu);
  g_assert_cmpfloat (s, >=, lo);
  g_assert_cmpfloat (s, <=, hi);
  return sqrt (s);
}

/* Independence of the samples: the mean within z sigma / sqrt(N), and the autocorrelation at
 * lags 1..3 within z / sqrt(N) (its distribution for independent values, N large), z the
 * normal quantile of 1 - 5e-7 (4.89). */
static void
check_white (const char *what, const double *x, guint n)
{
  const double z = gsl_cdf_ugaussian_Qinv (NOISE_TAIL);
  double mean = 0, s = 0;
  for (guint k = 0; k < n; k++)
    mean += x[k], s += x[k] * x[k];
  mean /= n;
  g_test_message ("%s: mean %.3g V (bound %.3g V)", what, mean, z * NOISE_RMS / sqrt (n));
  g_assert_cmpfloat (fabs (mean), <=, z * NOISE_RMS / sqrt (n));
  for (guint lag = 1; lag <= 3; lag++)
    {
      double r = 0;
      for (guint k = 0; k + lag < n; k++)
        r += x[k] * x[k + lag];
      r /= s;
      g_test_message ("%s: autocorrelation at lag %u: %.4f (bound %.4f)", what, lag, r,
                      z / sqrt (n));
      g_assert_cmpfloat (fabs (r), <=, z / sqrt (n));
    }
}

/* The RC's response at the sample times to linearly interpolated white samples: the input
 * is a sum of triangles x_j L(t - j NT) (L of half-width NT), so the output at k NT is
 * sum_j x_j g((k - j) NT) with g the RC's response to one triangle, which the response to a
 * ramp, y(t) = t - tau (1 - exp(-t / tau)), gives exactly:
 * g(t) = (y(t + NT) - 2 y(t) + y(t - NT)) / NT. Then the output variance is
 * sigma^2 sum_m g(m NT)^2 and its autocorrelation at lag l sum_m g(m) g(m + l) / sum g^2. */
static double
ramp_response (double t)
{
  return t <= 0 ? 0 : t - NOISE_TAU * (1 - exp (-t / NOISE_TAU));
}

static double
rc_variance (double *rho, guint n_rho)
{
  double g[200], var = 0;
  for (guint m = 0; m < G_N_ELEMENTS (g); m++)
    {
      double t = m * NOISE_NT;
      g[m] = (ramp_response (t + NOISE_NT) - 2 * ramp_response (t)
              + ramp_response (t - NOISE_NT)) / NOISE_NT;
    }
  for (guint l = 0; l < n_rho; l++)
    {
      rho[l] = 0;
      for (guint m = 0; m + l < G_N_ELEMENTS (g); m++)
        rho[l] += g[m] * g[m + l];
    }
  var = NOISE_RMS * NOISE_RMS * rho[0];
  for (guint l = n_rho; l-- > 0;)
    rho[l] /= rho[0];
  return var;
}

/* Statistics of the noise on both engines (ngspice 39's sequence cannot be reproduced, nor
 * matched: a different generator): 20 000 samples; the source's values at the sample
 * times have the given RMS (chi-square bounds), mean 0 and no correlation between samples;
 * the RC low-pass output (read after 20 tau) has the closed-form variance for linearly
 * interpolated white samples (Satterthwaite bounds with the closed-form autocorrelation). */
static void
test_xv_noise_statistics (void)
{
  const guint n = 20000, skip = 40;
  g_autoptr(HrNetlist) nl = noise_rc (n, 20240611);
  HrSimResult *res[2] = { run_ok (native (), nl), run_ok (ngspice (), nl) };
  static const char *const names[] = { "native", "ngspice" };
  g_autofree double *x = g_new (double, n);
  const double one = 1;
  double rho[60], var_rc = rc_variance (rho, G_N_ELEMENTS (rho));

  for (guint e = 0; e < 2; e++)
    {
      g_autofree char *src = g_strdup_printf ("%s source", names[e]);
      g_autofree char *out = g_strdup_printf ("%s rc output", names[e]);
      noise_samples_at (res[e], "tran.v(a)", x, n);
      check_mean_square (src, x, n - 1, NOISE_RMS * NOISE_RMS, &one, 1);
      check_white (src, x, n - 1);
      noise_samples_at (res[e], "tran.v(b)", x, n);
      check_mean_square (out, x + skip, n - 1 - skip, var_rc, rho, G_N_ELEMENTS (rho));
      hr_sim_result_unref (res[e]);
    }
}

/* ---- errors ------------------------------------------------------------------------------ */

static void
assert_run_fails (HrNetlist *nl, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrSimResult) res = hr_engine_run (native (), nl, NULL, NULL, NULL, &error);
  g_assert_null (res);
  g_assert_error (error, HR_SIM_ERROR, code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("\"%s\" does not name %s", error->message, needle);
}

static void
test_error_vsource_loop (void)
{
  g_autoptr(HrNetlist) nl = divider (1);
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "v2", "0", "in", -1, &error);
  hr_netlist_add_op (nl);
  g_assert_no_error (error);
  assert_run_fails (nl, HR_SIM_ERROR_SINGULAR, "v2");
}

static void
test_error_floating_node (void)
{
  g_autoptr(HrNetlist) nl = divider (1);
  g_autoptr(GError) error = NULL;
  hr_netlist_add_capacitor (nl, "c1", "out", "island", 1e-12, &error);
  hr_netlist_add_isource (nl, "i1", "0", "island2", 1e-6, &error);
  hr_netlist_add_capacitor (nl, "c2", "island2", "0", 1e-12, &error);
  hr_netlist_add_op (nl);
  g_assert_no_error (error);
  assert_run_fails (nl, HR_SIM_ERROR_SINGULAR, "node island");
}

/* An inductor across a voltage source is a DC loop; a gate-only node floats. */
static void
test_error_inductor_loop_and_gate (void)
{
  g_autoptr(HrNetlist) nl = divider (1);
  g_autoptr(HrNetlist) gate = inverter_vtc (0.1);
  g_autoptr(GError) error = NULL;

  hr_netlist_add_inductor (nl, "l9", "in", "0", 1e-6, &error);
  hr_netlist_add_op (nl);
  g_assert_no_error (error);
  assert_run_fails (nl, HR_SIM_ERROR_SINGULAR, "l9");
  hr_netlist_add_mosfet (gate, "m3", "out", "g3", "0", "0", "nch", 1e-6, 1e-6, &error);
  g_assert_no_error (error);
  assert_run_fails (gate, HR_SIM_ERROR_SINGULAR, "node g3");
}

/* Newton limited to one iteration per solve can never confirm a solution: the op must fail
 * with CONVERGENCE after gmin and source stepping, naming a node, and give no result. */
static void
test_error_no_convergence (void)
{
  g_autoptr(HrNetlist) nl = inverter_vtc (0.1);
  g_autoptr(GError) error = NULL;
  hr_netlist_set_option (nl, "itl1", 1, &error);
  hr_netlist_set_option (nl, "itl2", 1, &error);
  g_assert_no_error (error);
  assert_run_fails (nl, HR_SIM_ERROR_CONVERGENCE, "largest remaining change is at ");
}

/* A transient whose points cannot converge cuts its step until it collapses: TIMESTEP,
 * naming the time and the unknown. One Newton iteration per point (itl4 = 1) can accept a
 * point only when the solution did not move at all (tolerances of 1e-30), which a driven
 * RC never does above the minimum step; UIC skips the operating point, which would fail. */
static void
test_error_timestep (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("collapse");
  g_autoptr(GError) error = NULL;

  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, &error);
  hr_netlist_set_source_sin (nl, "vin", 0, 5, 1e3, 0, 0, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  hr_netlist_set_option (nl, "itl4", 1, &error);
  hr_netlist_set_option (nl, "reltol", 1e-30, &error);
  hr_netlist_set_option (nl, "vntol", 1e-30, &error);
  hr_netlist_set_option (nl, "abstol", 1e-30, &error);
  hr_netlist_add_tran (nl, 1e-6, 1e-3, 0, 0, TRUE, &error);
  g_assert_no_error (error);
  assert_run_fails (nl, HR_SIM_ERROR_TIMESTEP, "largest remaining change is at ");
}

static void
assert_unsupported (HrNetlist *nl, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_assert_false (hr_engine_supports (native (), nl, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_UNSUPPORTED);
  if (strstr (error->message, needle) == NULL)
    g_error ("\"%s\" does not name %s", error->message, needle);
  g_clear_error (&error);
  g_assert_null (hr_engine_run (native (), nl, NULL, NULL, NULL, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_UNSUPPORTED);
}

static void
test_supports (void)
{
  g_autoptr(GError) error = NULL;
  {
    g_autoptr(HrNetlist) nl = inverter_vtc (0.1);
    hr_netlist_set_element_param (nl, "mn", "nrd", 2, &error);
    assert_unsupported (nl, "nrd");
  }
  {
    g_autoptr(HrNetlist) nl = divider (1);
    hr_netlist_add_user_spice (nl, "gate.lib", ".model dx d is=1e-15\n", NULL, &error);
    hr_netlist_add_op (nl);
    assert_unsupported (nl, "gate.lib");
  }
  {
    g_autoptr(HrNetlist) nl = inverter_vtc (0.1);
    hr_netlist_set_model_param (nl, "nch", "nsub", 1e16, &error);
    assert_unsupported (nl, "nsub");
  }
  {
    g_autoptr(HrNetlist) nl = divider (1);
    hr_netlist_add_diode (nl, "d1", "out", "0", "nowhere", &error);
    hr_netlist_add_op (nl);
    g_assert_false (hr_engine_supports (native (), nl, &error));
    g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "nowhere"));
    g_clear_error (&error);
  }
  g_assert_no_error (error);
}

/* ---- the factor cache of a linear transient -------------------------------------------- */

/* An RC ladder driven by a PWL of 40 corners at irregular times: every corner clips a step to
 * an odd length and restarts small, so the run needs more distinct matrices than the cache
 * holds (12) and evicts, refactoring the least recently used entry. The log must show it
 * (measured: 12 factorisations, 40 refactorisations), and the waveforms must still agree
 * with ngspice within the bound (measured: 0.14 % at n1; at tmax 50 ps it was
 * 0.45 %, integration error falling as h^2, so the check runs at 20 ps). */
static void
test_factor_cache_eviction (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("cache-evict");
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  g_autoptr(GError) error = NULL;
  double t[40], v[40];
  const char *log, *p;
  guint64 factor, refactor;

  for (int i = 0; i < 40; i++)
    {
      /* times 0.37 ns apart plus a quadratic drift: no two gaps alike */
      t[i] = 1e-9 * (0.37 * i + 0.011 * i * i);
      v[i] = (i % 3 == 0) ? 0 : (i % 3 == 1 ? 1 : 0.4);
    }
  hr_netlist_add_vsource (nl, "v1", "n0", "0", 0, &error);
  hr_netlist_set_source_pwl (nl, "v1", t, v, 40, &error);
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *r = g_strdup_printf ("r%d", i), *c = g_strdup_printf ("c%d", i);
      g_autofree char *from = g_strdup_printf ("n%d", i - 1), *to = g_strdup_printf ("n%d", i);
      hr_netlist_add_resistor (nl, r, from, to, 100, &error);
      hr_netlist_add_capacitor (nl, c, to, "0", 1e-12, &error);
    }
  hr_netlist_add_tran (nl, 10e-12, 35e-9, 0, 20e-12, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "n1", &error);
  hr_netlist_add_output_voltage (nl, "n5", &error);
  g_assert_no_error (error);

  a = run_ok (native (), nl);
  log = hr_sim_result_get_log (a);
  p = strstr (log, "native: tran: ");
  g_assert_nonnull (p);
  p = strstr (p, "rejected steps; ");
  g_assert_nonnull (p);
  g_assert_cmpint (sscanf (p, "rejected steps; %" G_GUINT64_FORMAT " factorisations, %"
                           G_GUINT64_FORMAT " refactorisations", &factor, &refactor), ==, 2);
  g_test_message ("%s", log);
  g_assert_cmpuint (factor, <=, 12 + 1);   /* the cache's entries, and the operating point's */
  g_assert_cmpuint (refactor, >, 0);       /* it did evict */
  b = run_ok (ngspice (), nl);
  g_assert_cmpfloat (tran_difference (a, b, "v(n1)"), <=, XV_TRAN_SWING);
  g_assert_cmpfloat (tran_difference (a, b, "v(n5)"), <=, XV_TRAN_SWING);
}

/* ---- many at once ------------------------------------------------------------------------ */

/* The issue asks for at least 1000 simulations on several threads at once, each result
 * checked. Six kinds of small job in turn, so the run stays short under ASan: an
 * operating point (against its closed form), a 331-point inverter DC sweep, an RC
 * transient, a MOSFET inverter transient on Gear 2, two coupled lines (modal, with the GSL
 * eigensolver per run) feeding a lossy segmented line, and the noise source behind an RC
 * with a seed of its own per job. Every result but the closed form is compared bit for bit
 * with the same netlist run serially beforehand. */
#define REENTRANT_JOBS    1000
#define REENTRANT_THREADS 4
#define REENTRANT_KINDS   6

typedef struct {
  HrNetlist   *inverter, *rc, *mos_tran, *lines;
  HrSimResult *inverter_ref, *rc_ref, *mos_tran_ref, *lines_ref;
  HrSimResult *noise_ref[REENTRANT_JOBS / REENTRANT_KINDS];
  gint         next_job;
  gint         failures;
} Reentrant;

static HrNetlist *
reentrant_noise (int job)
{
  return noise_rc (40, (guint64) job * 0x9E3779B97F4A7C15u);
}

/* Two coupled lossless lines (Lm/L = 0.1, Cm/C = 0.05), the aggressor driven by a 100 ps
 * edge, its far end into a 10-section lossy line; every end terminated. */
static HrNetlist *
reentrant_lines (void)
{
  static const double l[] = { 300e-9, 30e-9, 30e-9, 300e-9 };
  static const double c[] = { 120e-12, -6e-12, -6e-12, 120e-12 };
  static const char *const near[] = { "an", "vn", NULL }, *const far[] = { "af", "vf", NULL };
  g_autoptr(GError) error = NULL;
  HrNetlist *nl = hr_netlist_new ("reentrant-lines");

  hr_netlist_add_vsource (nl, "vs", "s", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "vs", 0, 1, 0.1e-9, 0.1e-9, 0.1e-9, 5e-9, 0, &error);
  hr_netlist_add_resistor (nl, "rs", "s", "an", 50, &error);
  hr_netlist_add_resistor (nl, "rvn", "vn", "0", 50, &error);
  hr_netlist_add_resistor (nl, "rvf", "vf", "0", 50, &error);
  hr_netlist_add_coupled_lines (nl, "p1", 2, near, far, "0", "0", l, c, NULL, NULL, 0.1, 0,
                                &error);
  hr_netlist_add_lossy_line (nl, "p2", "af", "end", "0", 5, 300e-9, 0, 120e-12, 0.05, 10,
                             &error);
  hr_netlist_add_resistor (nl, "rend", "end", "0", 50, &error);
  hr_netlist_add_tran (nl, 10e-12, 3e-9, 0, 10e-12, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "vn", &error);
  hr_netlist_add_output_voltage (nl, "vf", &error);
  hr_netlist_add_output_voltage (nl, "end", &error);
  g_assert_no_error (error);
  return nl;
}

static gboolean
reentrant_job (Reentrant *r, int job)
{
  g_autoptr(HrSimResult) res = NULL;

  switch (job % REENTRANT_KINDS)
    {
    case 0:
      {
        g_autoptr(HrNetlist) nl = divider (0.01 * job);
        hr_netlist_add_op (nl);
        res = run_ok (native (), nl);
        return fabs (scalar (res, "v(out)") - 0.75 * 0.01 * job) <= 1e-9 * (1 + 0.01 * job);
      }
    case 1:
      res = run_ok (native (), r->inverter);
      return same_vector (res, r->inverter_ref, "v(out)");
    case 2:
      res = run_ok (native (), r->rc);
      return same_vector (res, r->rc_ref, "time") && same_vector (res, r->rc_ref, "v(out)");
    case 3:
      res = run_ok (native (), r->mos_tran);
      return same_vector (res, r->mos_tran_ref, "time")
             && same_vector (res, r->mos_tran_ref, "v(out)");
    case 4:
      res = run_ok (native (), r->lines);
      return same_vector (res, r->lines_ref, "time")
             && same_vector (res, r->lines_ref, "v(vn)")
             && same_vector (res, r->lines_ref, "v(vf)")
             && same_vector (res, r->lines_ref, "v(end)");
    default:
      {
        g_autoptr(HrNetlist) nl = reentrant_noise (job);
        HrSimResult *ref = r->noise_ref[job / REENTRANT_KINDS];
        res = run_ok (native (), nl);
        return same_vector (res, ref, "time") && same_vector (res, ref, "v(a)")
               && same_vector (res, ref, "v(b)");
      }
    }
}

static gpointer
reentrant_thread (gpointer data)
{
  Reentrant *r = data;
  int job;
  while ((job = g_atomic_int_add (&r->next_job, 1)) < REENTRANT_JOBS)
    if (!reentrant_job (r, job))
      g_atomic_int_inc (&r->failures);
  return NULL;
}

static void
test_reentrant (void)
{
  Reentrant r = { 0 };
  GThread *threads[REENTRANT_THREADS];

  r.inverter = inverter_vtc (0.01);
  r.rc = rc_step ();
  r.mos_tran = with_gear (inverter_tran (2e-9, 0));
  r.inverter_ref = run_ok (native (), r.inverter);
  r.rc_ref = run_ok (native (), r.rc);
  r.mos_tran_ref = run_ok (native (), r.mos_tran);
  r.lines = reentrant_lines ();
  r.lines_ref = run_ok (native (), r.lines);
  for (int k = 0; k < REENTRANT_JOBS / REENTRANT_KINDS; k++)
    {
      g_autoptr(HrNetlist) nl = reentrant_noise (k * REENTRANT_KINDS + REENTRANT_KINDS - 1);
      r.noise_ref[k] = run_ok (native (), nl);
    }
  /* The seeds differ, and so do the waveforms. */
  g_assert_false (same_vector (r.noise_ref[0], r.noise_ref[1], "v(a)"));
  for (int i = 0; i < REENTRANT_THREADS; i++)
    threads[i] = g_thread_new ("native", reentrant_thread, &r);
  for (int i = 0; i < REENTRANT_THREADS; i++)
    g_thread_join (threads[i]);
  g_assert_cmpint (r.next_job, >=, REENTRANT_JOBS);
  g_assert_cmpint (r.failures, ==, 0);
  for (int k = 0; k < REENTRANT_JOBS / REENTRANT_KINDS; k++)
    hr_sim_result_unref (r.noise_ref[k]);
  hr_sim_result_unref (r.inverter_ref);
  hr_sim_result_unref (r.rc_ref);
  hr_sim_result_unref (r.mos_tran_ref);
  hr_sim_result_unref (r.lines_ref);
  hr_netlist_unref (r.lines);
  hr_netlist_unref (r.inverter);
  hr_netlist_unref (r.rc);
  hr_netlist_unref (r.mos_tran);
}

/* ---- the interface ----------------------------------------------------------------------- */

static void
on_progress (double fraction, const char *phase, gpointer data)
{
  double *last = data;
  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1);
  *last = fraction;
}

static void
test_multi_analysis (void)
{
  g_autoptr(HrNetlist) nl = divider (1);
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  double last = 0;

  hr_netlist_set_source_ac (nl, "v1", 1, 0, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-12, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_dc (nl, "v1", 0, 1, 0.25, &error);
  hr_netlist_add_tran (nl, 1e-9, 10e-9, 0, 0, FALSE, &error);
  hr_netlist_add_ac (nl, HR_AC_LIN, 5, 1e3, 5e3, &error);
  g_assert_no_error (error);
  /* No outputs requested: every node voltage and source current comes back. */
  res = hr_engine_run (native (), nl, NULL, on_progress, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1);
  g_assert_cmpuint (hr_sim_result_get_n_plots (res), ==, 4);
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 0), ==, "op");
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 1), ==, "dc");
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 2), ==, "tran");
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 3), ==, "ac");
  assert_close (scalar (res, "op.v(in)"), 1, 1e-9, 0);
  g_assert_nonnull (hr_sim_result_get_vector (res, "dc.i(v1)", &error));
  g_assert_nonnull (hr_sim_result_get_vector (res, "tran.time", &error));
  g_assert_nonnull (hr_sim_result_get_vector (res, "ac.out", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hr_sim_vector_get_length (hr_sim_result_get_scale (res, 3)), ==, 5);
}

static void
test_cancel (void)
{
  g_autoptr(HrNetlist) nl = inverter_vtc (1e-3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HrSimResult) res = NULL;

  g_cancellable_cancel (cancellable);
  res = hr_engine_run (native (), nl, cancellable, NULL, NULL, &error);
  g_assert_null (res);
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED);
}

static void
cancel_midway (double fraction, const char *phase, gpointer data)
{
  if (fraction > 0.3)
    g_cancellable_cancel (data);
}

/* Cancelled from its own progress callback, a third into a sweep: CANCELLED, no result. */
static void
test_cancel_midway (void)
{
  g_autoptr(HrNetlist) nl = inverter_vtc (1e-3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HrSimResult) res = NULL;

  res = hr_engine_run (native (), nl, cancellable, cancel_midway, cancellable, &error);
  g_assert_null (res);
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED);
}

/* A divider the native engine carries, and the same divider with a user subcircuit it does
 * not: "auto" must send each to the right engine and the results must say which. Both give
 * exactly half the supply (ideal resistors), so the check is exact to rounding. */
static HrNetlist *
divider_for_auto (gboolean with_subckt)
{
  HrNetlist *nl = hr_netlist_new (with_subckt ? "divider-x" : "divider");

  hr_netlist_add_vsource (nl, "v1", "in", "0", 2.0, NULL);
  if (with_subckt)
    {
      const char *const nodes[] = { "in", "out", NULL };
      g_assert_true (hr_netlist_add_user_spice (nl, "test", ".subckt rr a b\nr1 a b 1k\n.ends\n",
                                                NULL, NULL));
      g_assert_true (hr_netlist_add_subckt_instance (nl, "x1", nodes, "rr", NULL));
    }
  else
    hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, NULL);
  hr_netlist_add_resistor (nl, "r2", "out", "0", 1e3, NULL);
  hr_netlist_add_op (nl);
  hr_netlist_add_output_voltage (nl, "out", NULL);
  return nl;
}

static void
test_auto (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrEngine) engine = hr_engine_new_by_name ("auto", 1, &error);
  g_autoptr(HrNetlist) plain = divider_for_auto (FALSE), sub = divider_for_auto (TRUE);
  g_autoptr(HrSimResult) a = NULL, b = NULL;
  double v;

  g_assert_no_error (error);
  g_assert_cmpstr (hr_engine_get_name (engine), ==, "auto");
  a = hr_engine_run (engine, plain, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hr_sim_result_get_engine_name (a), ==, "native");
  g_assert_true (hr_sim_result_get_scalar (a, "v(out)", &v, NULL));
  g_assert_cmpfloat_with_epsilon (v, 1.0, 1e-12);

  {
    /* The premise: the native engine itself refuses the subcircuit. */
    g_autoptr(HrEngine) native = hr_engine_native_new ();
    g_assert_false (hr_engine_supports (native, sub, NULL));
  }
  b = hr_engine_run (engine, sub, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hr_sim_result_get_engine_name (b), ==, "ngspice");
  g_assert_true (hr_sim_result_get_scalar (b, "v(out)", &v, NULL));
  g_assert_cmpfloat_with_epsilon (v, 1.0, 1e-9);   /* ngspice prints 1 V to ~15 digits */
}

static void
test_by_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrEngine) native = hr_engine_new_by_name ("Native", 0, &error);
  HrEngine *bad;

  g_assert_no_error (error);
  g_assert_cmpstr (hr_engine_get_name (native), ==, "native");
  bad = hr_engine_new_by_name ("spectre", 0, &error);
  g_assert_null (bad);
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "known: auto"));
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/native/divider-op", test_divider_op);
  g_test_add_func ("/native/isource", test_isource);
  g_test_add_func ("/native/dc-nested", test_dc_nested);
  g_test_add_func ("/native/rc-step", test_rc_step);
  g_test_add_func ("/native/rlc-ringing", test_rlc_ringing);
  g_test_add_func ("/native/ac-lowpass", test_ac_lowpass);
  g_test_add_func ("/native/xv/rc-ladder", test_xv_rc_ladder);
  g_test_add_func ("/native/xv/inverter", test_xv_inverter);
  g_test_add_func ("/native/xv/diode-clipper", test_xv_diode_clipper);
  g_test_add_func ("/native/xv/rlc", test_xv_rlc);
  g_test_add_func ("/native/xv/ac-amplifier", test_xv_ac_amplifier);
  g_test_add_func ("/native/xv/controlled", test_xv_controlled);
  g_test_add_func ("/native/xv/transformer", test_xv_transformer);
  g_test_add_func ("/native/xv/tline", test_xv_tline);
  g_test_add_func ("/native/xv/inverter-tran", test_xv_inverter_tran);
  g_test_add_func ("/native/xv/diode-recovery", test_xv_diode_recovery);
  g_test_add_func ("/native/xv/inverter-meyer", test_xv_inverter_meyer);
  g_test_add_func ("/native/xv/waveforms", test_xv_waveforms);
  g_test_add_func ("/native/xv/geometry", test_xv_geometry);
  g_test_add_func ("/native/xv/temperature", test_xv_temperature);
  g_test_add_func ("/native/xv/series-resistance", test_xv_series_resistance);
  g_test_add_func ("/native/xv/ring", test_xv_ring);
  g_test_add_func ("/native/gear/ir", test_gear_ir);
  g_test_add_func ("/native/gear/rc-step", test_gear_rc_step);
  g_test_add_func ("/native/gear/rlc", test_gear_rlc);
  g_test_add_func ("/native/gear/inverter", test_gear_inverter);
  g_test_add_func ("/native/gear/ring", test_xv_ring_gear);
  g_test_add_func ("/native/noise/source", test_noise_source);
  g_test_add_func ("/native/xv/noise-statistics", test_xv_noise_statistics);
  g_test_add_func ("/native/uic", test_uic);
  g_test_add_func ("/native/error/vsource-loop", test_error_vsource_loop);
  g_test_add_func ("/native/error/floating-node", test_error_floating_node);
  g_test_add_func ("/native/error/inductor-loop-gate", test_error_inductor_loop_and_gate);
  g_test_add_func ("/native/error/no-convergence", test_error_no_convergence);
  g_test_add_func ("/native/error/timestep", test_error_timestep);
  g_test_add_func ("/native/supports", test_supports);
  g_test_add_func ("/native/factor-cache-eviction", test_factor_cache_eviction);
  g_test_add_func ("/native/reentrant", test_reentrant);
  g_test_add_func ("/native/multi-analysis", test_multi_analysis);
  g_test_add_func ("/native/cancel", test_cancel);
  g_test_add_func ("/native/cancel-midway", test_cancel_midway);
  g_test_add_func ("/native/auto", test_auto);
  g_test_add_func ("/native/by-name", test_by_name);
  rc = g_test_run ();
  xv_engines_free ();
  return rc;
}
