/* test-ngspice.c — the ngspice engine: results against closed forms, failures, the pool.
 *
 * Tolerances: ngspice's defaults are reltol = 1e-3, vntol = 1 µV. Linear DC problems are
 * solved exactly (one Newton step), so op and dc results are checked to 1e-3 relative +
 * 1 µV; the transient's truncation-error control works to about reltol per step, so the RC
 * step response is checked to 5e-3 V on a 1 V step (the measured error is ~1e-4 V).
 * Nothing here asserts on wall-clock time. */
#include "headroom-sim.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

static HrEngine *shared_engine;

static HrEngine *
engine (void)
{
  if (shared_engine == NULL)
    {
      g_autoptr(GError) error = NULL;
      shared_engine = hr_engine_ngspice_new (2, &error);
      g_assert_no_error (error);
    }
  return shared_engine;
}

static void
assert_close (double got, double want, double rel, double abs_tol)
{
  double tol = rel * fabs (want) + abs_tol;
  if (fabs (got - want) > tol)
    g_error ("got %.9g, want %.9g (tolerance %.3g)", got, want, tol);
}

/* V1 in 0 = VIN; R1 in out 1k; R2 out 0 3k: v(out) = 0.75 VIN. */
static HrNetlist *
divider (const char *title, double vin)
{
  HrNetlist *nl = hr_netlist_new (title);
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "V1", "in", "0", vin, &error);
  hr_netlist_add_resistor (nl, "R1", "in", "out", 1e3, &error);
  hr_netlist_add_resistor (nl, "R2", "out", "gnd", 3e3, &error);
  g_assert_no_error (error);
  return nl;
}

static HrSimResult *
run_ok (HrEngine *e, HrNetlist *nl)
{
  g_autoptr(GError) error = NULL;
  HrSimResult *res = hr_engine_run (e, nl, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (res);
  return res;
}

static void
check_divider_ok (HrEngine *e, double vin)
{
  g_autoptr(HrNetlist) nl = divider ("divider", vin);
  g_autoptr(HrSimResult) res = NULL;
  double v = 0;
  hr_netlist_add_op (nl);
  hr_netlist_add_output_voltage (nl, "out", NULL);
  res = run_ok (e, nl);
  g_assert_true (hr_sim_result_get_scalar (res, "v(out)", &v, NULL));
  assert_close (v, 0.75 * vin, 1e-3, 1e-6);
}

static void
test_rc_op (void)
{
  g_autoptr(HrNetlist) nl = divider ("rc-op", 2.0);
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  double v, i;

  hr_netlist_add_capacitor (nl, "C1", "out", "0", 1e-9, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_output_voltage (nl, "out", &error);
  hr_netlist_add_output_current (nl, "v1", &error);
  g_assert_no_error (error);
  res = run_ok (engine (), nl);
  g_assert_cmpstr (hr_sim_result_get_engine_name (res), ==, "ngspice");
  g_assert_cmpuint (hr_sim_result_get_n_plots (res), ==, 1);
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 0), ==, "op");
  g_assert_null (hr_sim_result_get_scale (res, 0));
  g_assert_true (hr_sim_result_get_scalar (res, "V(OUT)", &v, &error));
  assert_close (v, 1.5, 1e-3, 1e-6);
  g_assert_true (hr_sim_result_get_scalar (res, "out", &v, &error));
  assert_close (v, 1.5, 1e-3, 1e-6);
  /* SPICE current convention: into the + terminal of the source. */
  g_assert_true (hr_sim_result_get_scalar (res, "i(v1)", &i, &error));
  assert_close (i, -2.0 / 4e3, 1e-3, 1e-12);
  g_assert_true (hr_sim_result_get_scalar (res, "v1#branch", &i, &error));
  g_assert_false (hr_sim_result_get_scalar (res, "v(nowhere)", &v, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_NOT_FOUND);
}

static double
interpolate (const double *x, const double *y, guint n, double at)
{
  for (guint i = 1; i < n; i++)
    if (x[i] >= at)
      return y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]);
  return NAN;
}

static void
test_rc_tran (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("rc-tran");
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  const HrSimVector *t, *v;
  const double tau = 1e3 * 1e-9;
  guint n, nv;
  const double *tt, *vv;

  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "v1", 0, 1, 0, 1e-12, 1e-12, 1, 2, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  hr_netlist_add_tran (nl, 10e-9, 5e-6, 0, 10e-9, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  res = run_ok (engine (), nl);
  t = hr_sim_result_get_scale (res, 0);
  g_assert_nonnull (t);
  g_assert_cmpstr (hr_sim_vector_get_name (t), ==, "time");
  v = hr_sim_result_get_vector (res, "tran.v(out)", &error);
  g_assert_no_error (error);
  g_assert_false (hr_sim_vector_is_complex (v));
  tt = hr_sim_vector_get_real (t, &n);
  vv = hr_sim_vector_get_real (v, &nv);
  g_assert_cmpuint (n, ==, nv);
  g_assert_cmpuint (n, >, 400);
  for (double at = 0.1e-6; at <= 5e-6; at += 0.1e-6)
    assert_close (interpolate (tt, vv, n, at), 1 - exp (-at / tau), 0, 5e-3);
}

static void
test_dc_divider (void)
{
  g_autoptr(HrNetlist) nl = divider ("dc-divider", 0);
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  const HrSimVector *s, *v;
  guint n;
  const double *x, *y;

  hr_netlist_add_dc (nl, "v1", 0, 5, 0.5, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  res = run_ok (engine (), nl);
  s = hr_sim_result_get_scale (res, 0);
  g_assert_cmpstr (hr_sim_vector_get_name (s), ==, "v-sweep");
  v = hr_sim_result_get_vector (res, "v(out)", &error);
  g_assert_no_error (error);
  x = hr_sim_vector_get_real (s, &n);
  y = hr_sim_vector_get_real (v, NULL);
  g_assert_cmpuint (n, ==, 11);
  for (guint i = 0; i < n; i++)
    {
      assert_close (x[i], 0.5 * i, 1e-12, 1e-12);
      assert_close (y[i], 0.75 * x[i], 1e-3, 1e-6);
    }
}

static void
test_dc_nested (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("dc-nested");
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  const HrSimVector *v;
  guint n;
  const double *y;

  /* out = (va + vb) / 2 through two equal resistors. */
  hr_netlist_add_vsource (nl, "va", "a", "0", 0, &error);
  hr_netlist_add_vsource (nl, "vb", "b", "0", 0, &error);
  hr_netlist_add_resistor (nl, "r1", "a", "out", 1e3, &error);
  hr_netlist_add_resistor (nl, "r2", "b", "out", 1e3, &error);
  hr_netlist_add_dc2 (nl, "va", 0, 1, 0.5, "vb", 0, 2, 1, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  res = run_ok (engine (), nl);
  v = hr_sim_result_get_vector (res, "out", &error);
  g_assert_no_error (error);
  y = hr_sim_vector_get_real (v, &n);
  g_assert_cmpuint (n, ==, 9);
  for (guint j = 0; j < 3; j++)
    for (guint i = 0; i < 3; i++)
      assert_close (y[j * 3 + i], (0.5 * i + 1.0 * j) / 2, 1e-3, 1e-6);
}

static void
test_ac_lowpass (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("ac-lowpass");
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  const HrSimVector *f, *v;
  const double *ff, *re, *im;
  const double f3db = 1 / (2 * G_PI * 1e3 * 1e-9);
  double found = NAN;
  guint n;

  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_ac (nl, "v1", 1, 0, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  hr_netlist_add_ac (nl, HR_AC_DEC, 200, 1e3, 100e6, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  res = run_ok (engine (), nl);
  f = hr_sim_result_get_scale (res, 0);
  g_assert_cmpstr (hr_sim_vector_get_name (f), ==, "frequency");
  g_assert_false (hr_sim_vector_is_complex (f));
  v = hr_sim_result_get_vector (res, "ac.v(out)", &error);
  g_assert_no_error (error);
  g_assert_true (hr_sim_vector_is_complex (v));
  ff = hr_sim_vector_get_real (f, &n);
  re = hr_sim_vector_get_real (v, NULL);
  im = hr_sim_vector_get_imag (v, NULL);
  for (guint i = 1; i < n; i++)
    {
      double g0 = 20 * log10 (hypot (re[i - 1], im[i - 1]));
      double g1 = 20 * log10 (hypot (re[i], im[i]));
      if (g0 >= -3.0103 && g1 < -3.0103)
        {
          double lf = log10 (ff[i - 1])
                      + (log10 (ff[i]) - log10 (ff[i - 1])) * (-3.0103 - g0) / (g1 - g0);
          found = pow (10, lf);
          break;
        }
    }
  /* 200 points per decade: log interpolation is good to far better than 0.1 %. */
  assert_close (found, f3db, 1e-3, 0);
  /* Phase at the corner is -45 degrees. */
}

/* Reference case C: level-1 CMOS inverter, VDD 3.3 V, VTO ±0.6 V, kn = 100 µA/V²,
 * kp = 50 µA/V² (W/L = 1), lambda 0: VM = (VDD - |VTP| + sqrt(kn/kp) VTN)
 * / (1 + sqrt(kn/kp)) = 1.4698 V. */
HrNetlist *inverter_vtc (double step);
HrNetlist *
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

static void
test_inverter_vtc (void)
{
  g_autoptr(HrNetlist) nl = inverter_vtc (1e-3);
  g_autoptr(HrSimResult) res = run_ok (engine (), nl);
  const HrSimVector *s = hr_sim_result_get_scale (res, 0);
  const HrSimVector *v = hr_sim_result_get_vector (res, "v(out)", NULL);
  const double *x, *y;
  double vm = NAN;
  guint n;

  g_assert_nonnull (v);
  x = hr_sim_vector_get_real (s, &n);
  y = hr_sim_vector_get_real (v, NULL);
  g_assert_cmpuint (n, ==, 3301);
  assert_close (y[0], 3.3, 0, 1e-3);
  assert_close (y[n - 1], 0, 0, 1e-3);
  for (guint i = 1; i < n; i++)
    if (y[i - 1] - x[i - 1] > 0 && y[i] - x[i] <= 0)
      {
        double d0 = y[i - 1] - x[i - 1], d1 = y[i] - x[i];
        vm = x[i - 1] + (x[i] - x[i - 1]) * d0 / (d0 - d1);
        break;
      }
  assert_close (vm, 1.4698, 0, 1e-3);
}

static void
test_multi_analysis (void)
{
  g_autoptr(HrNetlist) nl = divider ("multi", 1);
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(GError) error = NULL;
  double v;

  hr_netlist_set_source_ac (nl, "v1", 1, 0, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-12, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_dc (nl, "v1", 0, 1, 0.25, &error);
  hr_netlist_add_tran (nl, 1e-9, 10e-9, 0, 0, FALSE, &error);
  hr_netlist_add_ac (nl, HR_AC_LIN, 5, 1e3, 5e3, &error);
  g_assert_no_error (error);
  /* No outputs requested: every vector comes back. */
  res = run_ok (engine (), nl);
  g_assert_cmpuint (hr_sim_result_get_n_plots (res), ==, 4);
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 0), ==, "op");
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 1), ==, "dc");
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 2), ==, "tran");
  g_assert_cmpstr (hr_sim_result_get_plot_name (res, 3), ==, "ac");
  g_assert_true (hr_sim_result_get_scalar (res, "op.v(in)", &v, &error));
  assert_close (v, 1, 1e-3, 1e-6);
  g_assert_nonnull (hr_sim_result_get_vector (res, "dc.i(v1)", &error));
  g_assert_nonnull (hr_sim_result_get_vector (res, "tran.time", &error));
  g_assert_nonnull (hr_sim_result_get_vector (res, "ac.out", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hr_sim_vector_get_length (hr_sim_result_get_vector (res, "dc.out", NULL)),
                    ==, 5);
}

static void
test_parse_error (void)
{
  g_autoptr(HrNetlist) nl = divider ("bad-parse", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(HrSimResult) res = NULL;

  /* Passes the filter (an element line) but is not SPICE ngspice accepts. */
  g_assert_true (hr_netlist_add_user_spice (nl, "gate.lib", "r9 out 0 foo\n", NULL, &error));
  hr_netlist_add_op (nl);
  res = hr_engine_run (engine (), nl, NULL, NULL, NULL, &error);
  g_assert_null (res);
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_PARSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bad-parse"));
  /* ngspice's own words, with the offending line. */
  g_assert_nonnull (strstr (error->message, "r9 out 0 foo"));
  check_divider_ok (engine (), 2);
}

static void
test_singular (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("v-loop");
  g_autoptr(GError) error = NULL;
  g_autoptr(HrSimResult) res = NULL;

  hr_netlist_add_vsource (nl, "v1", "a", "0", 1, &error);
  hr_netlist_add_vsource (nl, "v2", "a", "0", 2, &error);
  hr_netlist_add_resistor (nl, "r1", "a", "0", 1e3, &error);
  hr_netlist_add_op (nl);
  res = hr_engine_run (engine (), nl, NULL, NULL, NULL, &error);
  g_assert_null (res);
  g_test_message ("%s", error->message);
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_SINGULAR);
  g_assert_nonnull (strstr (error->message, "singular"));
  g_clear_error (&error);

  check_divider_ok (engine (), 3);
}

static void
test_crash_recovers (void)
{
  g_autoptr(HrEngine) e = hr_engine_ngspice_new (1, NULL);
  g_autoptr(HrNetlist) nl = divider ("crasher", 1);
  g_autoptr(GError) error = NULL;
  GPid before, after;

  check_divider_ok (e, 1);
  before = hr_engine_ngspice_get_worker_pid (HR_ENGINE_NGSPICE (e), 0);
  g_assert_cmpint (before, >, 0);
  /* ngspice-notes §6: an EXTERNAL source with a DC value segfaults 39.3 at analysis. */
  g_assert_true (hr_netlist_add_user_spice (nl, "crash.lib", "v9 x9 0 dc 0 external\n"
                                            "r9 x9 0 1k\n", NULL, &error));
  hr_netlist_add_op (nl);
  g_assert_null (hr_engine_run (e, nl, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_CRASHED);
  g_assert_nonnull (strstr (error->message, "crasher"));
  g_assert_nonnull (strstr (error->message, "signal"));
  g_assert_cmpint (hr_engine_ngspice_get_worker_pid (HR_ENGINE_NGSPICE (e), 0), ==, 0);
  g_assert_cmpint (waitpid (before, NULL, WNOHANG), ==, -1); /* reaped: no zombie */
  check_divider_ok (e, 4);
  after = hr_engine_ngspice_get_worker_pid (HR_ENGINE_NGSPICE (e), 0);
  g_assert_cmpint (after, >, 0);
  g_assert_cmpint (after, !=, before);
}

static HrNetlist *
long_transient (const char *title)
{
  HrNetlist *nl = hr_netlist_new (title);
  g_autoptr(GError) error = NULL;
  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_sin (nl, "v1", 0, 1, 1e6, 0, 0, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  /* 10 ms at a 1 ns maximum step: 10 million points, minutes of work. */
  hr_netlist_add_tran (nl, 1e-9, 10e-3, 0, 1e-9, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  return nl;
}

static void
test_timeout (void)
{
  g_autoptr(HrEngine) e = hr_engine_ngspice_new (1, NULL);
  g_autoptr(HrNetlist) nl = long_transient ("hang");
  g_autoptr(GError) error = NULL;

  hr_engine_ngspice_set_timeout (HR_ENGINE_NGSPICE (e), 0.5);
  g_assert_null (hr_engine_run (e, nl, NULL, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_TIMEOUT);
  g_assert_cmpint (hr_engine_ngspice_get_worker_pid (HR_ENGINE_NGSPICE (e), 0), ==, 0);
  hr_engine_ngspice_set_timeout (HR_ENGINE_NGSPICE (e), 60);
  check_divider_ok (e, 5);
}

typedef struct {
  GCancellable *cancellable;
  double        last;
  guint         calls;
  gboolean      monotonic;
  char         *phase;
} ProgressLog;

static void
on_progress_cancel (double fraction, const char *phase, gpointer data)
{
  ProgressLog *log = data;
  if (fraction < log->last)
    log->monotonic = FALSE;
  log->last = fraction;
  log->calls++;
  g_free (log->phase);
  log->phase = g_strdup (phase);
  if (log->cancellable != NULL && fraction > 0.0001 && g_str_equal (phase, "tran"))
    g_cancellable_cancel (log->cancellable);
}

static void
test_cancel (void)
{
  g_autoptr(HrEngine) e = hr_engine_ngspice_new (1, NULL);
  g_autoptr(HrNetlist) nl = long_transient ("to-cancel");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) c = g_cancellable_new ();
  ProgressLog log = { c, 0, 0, TRUE, NULL };

  /* Cancelled from the progress callback once the transient reports progress: mid-run. */
  g_assert_null (hr_engine_run (e, nl, c, on_progress_cancel, &log, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED);
  g_assert_cmpuint (log.calls, >=, 2);
  g_assert_cmpstr (log.phase, ==, "tran");
  g_assert_cmpint (hr_engine_ngspice_get_worker_pid (HR_ENGINE_NGSPICE (e), 0), ==, 0);
  g_free (log.phase);
  check_divider_ok (e, 6);
}

static void
test_progress (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("progress");
  g_autoptr(GError) error = NULL;
  g_autoptr(HrSimResult) res = NULL;
  ProgressLog log = { NULL, 0, 0, TRUE, NULL };

  hr_netlist_add_vsource (nl, "v1", "in", "0", 0, &error);
  hr_netlist_set_source_sin (nl, "v1", 0, 1, 1e6, 0, 0, &error);
  hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_tran (nl, 1e-9, 20e-6, 0, 1e-9, FALSE, &error);
  hr_netlist_add_output_voltage (nl, "out", &error);
  res = hr_engine_run (engine (), nl, NULL, on_progress_cancel, &log, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log.calls, >=, 3);
  g_assert_true (log.monotonic);
  g_assert_cmpfloat (log.last, ==, 1.0);
  g_assert_cmpstr (log.phase, ==, "done");
  g_free (log.phase);
}

typedef struct {
  HrEngine *engine;
  guint     thread;
  guint     jobs;
  guint     ok;
} Hammer;

static gpointer
hammer_thread (gpointer data)
{
  Hammer *h = data;
  for (guint j = 0; j < h->jobs; j++)
    {
      double vin = 1.0 + h->thread + 0.01 * j, v = 0;
      g_autoptr(HrNetlist) nl = divider ("hammer", vin);
      g_autoptr(GError) error = NULL;
      g_autoptr(HrSimResult) res = NULL;
      hr_netlist_add_op (nl);
      hr_netlist_add_output_voltage (nl, "out", NULL);
      res = hr_engine_run (h->engine, nl, NULL, NULL, NULL, &error);
      if (res != NULL && hr_sim_result_get_scalar (res, "v(out)", &v, NULL)
          && fabs (v - 0.75 * vin) <= 1e-3 * 0.75 * vin)
        h->ok++;
    }
  return NULL;
}

static void
test_concurrent (void)
{
  g_autoptr(HrEngine) e = hr_engine_ngspice_new (2, NULL);
  Hammer h[4];
  GThread *t[4];
  guint64 jobs = 0, started = 0;

  for (guint i = 0; i < 4; i++)
    {
      h[i] = (Hammer) { e, i, 60, 0 };
      t[i] = g_thread_new ("hammer", hammer_thread, &h[i]);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_thread_join (t[i]);
      g_assert_cmpuint (h[i].ok, ==, 60);
    }
  hr_engine_ngspice_get_stats (HR_ENGINE_NGSPICE (e), &jobs, &started);
  g_assert_cmpuint (jobs, ==, 240);
  g_assert_cmpuint (started, ==, 2);
}

static void
test_no_zombies (void)
{
  HrEngine *e = hr_engine_ngspice_new (2, NULL);
  Hammer h[2];
  GThread *t[2];
  GPid pids[2];

  for (guint i = 0; i < 2; i++)
    {
      h[i] = (Hammer) { e, i, 20, 0 };
      t[i] = g_thread_new ("hammer", hammer_thread, &h[i]);
    }
  for (guint i = 0; i < 2; i++)
    g_thread_join (t[i]);
  for (guint i = 0; i < 2; i++)
    {
      pids[i] = hr_engine_ngspice_get_worker_pid (HR_ENGINE_NGSPICE (e), i);
      g_assert_cmpint (pids[i], >, 0);
      g_assert_cmpint (kill (pids[i], 0), ==, 0);
    }
  g_object_unref (e);
  for (guint i = 0; i < 2; i++)
    {
      /* Reaped (not a zombie of ours) and gone. */
      g_assert_cmpint (waitpid (pids[i], NULL, WNOHANG), ==, -1);
      g_assert_cmpint (errno, ==, ECHILD);
      g_assert_cmpint (kill (pids[i], 0), ==, -1);
    }
}

static long
rss_kb (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  const char *p;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  p = strstr (text, "VmRSS:");
  return p ? strtol (p + 6, NULL, 10) : -1;
}

/* Memory stays flat (ngspice-notes §4: destroy all + remcirc + ngSpice_Command(NULL) grows
 * 0.0 kB/run over 2000 runs). Bound: 2 MB over 1800 jobs for allocator noise, i.e. about
 * 1 kB per job. The parent's figure is printed; it is asserted only without ASan, whose
 * quarantine keeps freed memory resident by design. */
static void
test_memory_flat (void)
{
  g_autoptr(HrEngine) e = hr_engine_ngspice_new (1, NULL);
  HrEngineNgspice *ng = HR_ENGINE_NGSPICE (e);
  long w_early = 0, w_late, p_early = 0, p_late;
  GPid pid = 0;
  const guint n = 2000, warm = 200;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HrNetlist) nl = hr_netlist_new ("mem");
      g_autoptr(HrSimResult) res = NULL;
      hr_netlist_add_vsource (nl, "v1", "in", "0", 1.0 + i * 1e-4, NULL);
      hr_netlist_set_source_pulse (nl, "v1", 0, 1, 0, 1e-9, 1e-9, 5e-9, 10e-9, NULL);
      hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, NULL);
      hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-12, NULL);
      hr_netlist_add_tran (nl, 0.1e-9, 20e-9, 0, 0, FALSE, NULL);
      hr_netlist_add_output_voltage (nl, "out", NULL);
      res = run_ok (e, nl);
      if (i == warm)
        {
          pid = hr_engine_ngspice_get_worker_pid (ng, 0);
          w_early = rss_kb (pid);
          p_early = rss_kb (getpid ());
        }
    }
  g_assert_cmpint (hr_engine_ngspice_get_worker_pid (ng, 0), ==, pid);
  w_late = rss_kb (pid);
  p_late = rss_kb (getpid ());
  g_test_message ("worker VmRSS %ld kB after %u jobs, %ld kB after %u (%+.3f kB/job); parent "
                  "%ld -> %ld kB (%+.3f kB/job)", w_early, warm, w_late, n,
                  (double) (w_late - w_early) / (n - warm), p_early, p_late,
                  (double) (p_late - p_early) / (n - warm));
  g_assert_cmpint (w_early, >, 0);
  g_assert_cmpint (w_late - w_early, <, 2048);
#if !defined(__SANITIZE_ADDRESS__)
  g_assert_cmpint (p_late - p_early, <, 2048);
#endif
}

/* User SPICE end to end: a subcircuit and models from an include in an allowed directory. */
static void
test_user_subckt (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hr-models-XXXXXX", NULL);
  g_autofree char *lib = g_build_filename (dir, "inv.lib", NULL);
  g_autoptr(HrNetlist) nl = hr_netlist_new ("user-inv");
  g_autoptr(GError) error = NULL;
  g_autoptr(HrSimResult) res = NULL;
  const char *allowed[] = { dir, NULL };
  const char *nodes[] = { "in", "out", "vdd", NULL };
  double v;

  g_assert_true (g_file_set_contents (lib,
                 "* models\n"
                 ".model nch nmos level=1 vto=0.6 kp=100u\n"
                 ".model pch pmos level=1\n+ vto=-0.6 kp=50u\n", -1, NULL));
  g_assert_true (hr_netlist_add_user_spice (nl, "inv.sp",
                 ".include inv.lib\n"
                 ".subckt inv a y vdd\n"
                 "mn y a 0 0 nch w=1u l=1u\n"
                 "mp y a vdd vdd pch w=1u l=1u\n"
                 ".ends inv\n", allowed, &error));
  g_assert_no_error (error);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 3.3, &error);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0.0, &error);
  hr_netlist_add_subckt_instance (nl, "x1", nodes, "inv", &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_output_voltage (nl, "out", &error);
  g_assert_no_error (error);
  res = run_ok (engine (), nl);
  g_assert_true (hr_sim_result_get_scalar (res, "v(out)", &v, &error));
  assert_close (v, 3.3, 0, 1e-3);
  g_unlink (lib);
  g_rmdir (dir);
}

/* The filter refuses before any worker exists or any job is sent, and nothing ran. */
static void
test_filter_before_worker (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("hr-filter-XXXXXX", NULL);
  g_autofree char *marker = g_build_filename (tmp, "marker", NULL);
  g_autoptr(HrEngine) e = hr_engine_ngspice_new (1, NULL);
  g_autofree char *ngspice_bin = NULL;
  const char *templates[] = {
    ".control\nshell touch %s\n.endc\n",
    "*ng_script\n.control\nshell touch %s\n.endc\n",
    "shell touch %s\n",
    "r1 a b `touch %s`\n",
    ".param x = `touch %s`\n",
    "set unixcom\ntouch %s\n",
    ".control\nset unixcom\ntouch %s\n.endc\n",
    "codemodel %s.so\n",
    ".control\ncodemodel %s.so\n.endc\n",
    ".include %s\n",
    ".lib %s tt\n",
    "source %s\n",
    "write %s v(a)\n",
    "wrdata %s v(a)\n",
    "echo hi > %s\n",
    "cd %s\n",
    "gnuplot %s v(a)\n",
    "hardcopy %s v(a)\n",
    "a1 in out %s_model\n.model %s_model filesource (file=\"x\")\n",
    ".model m1 filesource (file=\"%s\")\n",
    "aspice %s\n",
    "rspice %s\n",
    "edit %s\n",
    "quit %s\n",
    ".options %s\n",
    ".measure tran x find v(%s) at=1n\n",
    ".end\nshell touch %s\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autoptr(HrNetlist) nl = divider ("evil", 1);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autoptr(HrSimResult) res = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      text = g_strdup_printf (templates[i], marker, marker);
#pragma GCC diagnostic pop
      g_test_message ("refusing: %s", text);
      g_assert_false (hr_netlist_add_user_spice (nl, "evil.lib", text, NULL, &error));
      g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_FILTER);
      g_assert_nonnull (strstr (error->message, "evil.lib:"));
      g_clear_error (&error);
      hr_netlist_add_op (nl);
      res = hr_engine_run (e, nl, NULL, NULL, NULL, &error);
      g_assert_null (res);
      g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_FILTER);
      g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
    }
  {
    guint64 jobs = 1, started = 1;
    hr_engine_ngspice_get_stats (HR_ENGINE_NGSPICE (e), &jobs, &started);
    g_assert_cmpuint (jobs, ==, 0);
    g_assert_cmpuint (started, ==, 0);
    g_assert_cmpint (hr_engine_ngspice_get_worker_pid (HR_ENGINE_NGSPICE (e), 0), ==, 0);
  }
  /* Control: the same .control text given to ngspice directly does run the command, so the
   * marker check above would have seen it. */
  if ((ngspice_bin = g_find_program_in_path ("ngspice")) != NULL)
    {
      g_autofree char *cir = g_build_filename (tmp, "control.cir", NULL);
      g_autofree char *text = g_strdup_printf ("title\n.control\nshell touch %s\n.endc\n.end\n",
                                               marker);
      const char *argv[] = { "ngspice", "-b", "-n", cir, NULL };
      g_assert_true (g_file_set_contents (cir, text, -1, NULL));
      g_spawn_sync (tmp, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                    | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
      g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
      g_unlink (marker);
      g_unlink (cir);
    }
  g_rmdir (tmp);
}

static void
test_worker_directory (void)
{
  /* The worker runs in an empty private directory whose only file is the comment-only
   * .spiceinit that keeps ~/.spiceinit from being read. */
  g_autoptr(HrEngine) e = hr_engine_ngspice_new (1, NULL);
  g_autofree char *cwd = NULL;
  g_autofree char *link = NULL;
  GDir *d;
  const char *name;
  guint n = 0;

  check_divider_ok (e, 1);
  link = g_strdup_printf ("/proc/%d/cwd",
                          (int) hr_engine_ngspice_get_worker_pid (HR_ENGINE_NGSPICE (e), 0));
  cwd = g_file_read_link (link, NULL);
  g_assert_nonnull (cwd);
  g_assert_nonnull (strstr (cwd, "headroom-ngspice-"));
  d = g_dir_open (cwd, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_assert_cmpstr (name, ==, ".spiceinit");
      n++;
    }
  g_dir_close (d);
  g_assert_cmpuint (n, ==, 1);
  g_clear_object (&e);
  g_assert_false (g_file_test (cwd, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int rc;
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ngspice/rc-op", test_rc_op);
  g_test_add_func ("/ngspice/rc-tran", test_rc_tran);
  g_test_add_func ("/ngspice/dc-divider", test_dc_divider);
  g_test_add_func ("/ngspice/dc-nested", test_dc_nested);
  g_test_add_func ("/ngspice/ac-lowpass", test_ac_lowpass);
  g_test_add_func ("/ngspice/inverter-vtc", test_inverter_vtc);
  g_test_add_func ("/ngspice/multi-analysis", test_multi_analysis);
  g_test_add_func ("/ngspice/user-subckt", test_user_subckt);
  g_test_add_func ("/ngspice/progress", test_progress);
  g_test_add_func ("/ngspice/parse-error", test_parse_error);
  g_test_add_func ("/ngspice/singular", test_singular);
  g_test_add_func ("/ngspice/crash-recovers", test_crash_recovers);
  g_test_add_func ("/ngspice/timeout", test_timeout);
  g_test_add_func ("/ngspice/cancel", test_cancel);
  g_test_add_func ("/ngspice/concurrent", test_concurrent);
  g_test_add_func ("/ngspice/no-zombies", test_no_zombies);
  g_test_add_func ("/ngspice/worker-directory", test_worker_directory);
  g_test_add_func ("/ngspice/filter-before-worker", test_filter_before_worker);
  g_test_add_func ("/ngspice/memory-flat", test_memory_flat);
  rc = g_test_run ();
  g_clear_object (&shared_engine);
  return rc;
}
