/* vtc-sim.c — a gate's transfer curve simulated by an engine, and its margins (HrGateVtc).
 *
 * The engine gives samples; hr-vtc.h turns them into margins. This file only joins the two
 * and decides what a gate is judged by: for a Schmitt trigger, a low input is disturbed
 * along the rising branch and a high input along the falling one. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "gates-private.h"

G_DEFINE_BOXED_TYPE (HrGateVtc, hr_gate_vtc, hr_gate_vtc_ref, hr_gate_vtc_unref)

HrGateVtc *
hr_gate_vtc_ref (HrGateVtc *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  g_atomic_int_inc (&r->ref_count);
  return r;
}

void
hr_gate_vtc_unref (HrGateVtc *r)
{
  if (r == NULL || !g_atomic_int_dec_and_test (&r->ref_count))
    return;
  hr_gate_spec_free (r->spec);
  g_clear_pointer (&r->vtc, hr_vtc_unref);
  g_clear_pointer (&r->margins, hr_vtc_margins_unref);
  g_clear_pointer (&r->vtc_falling, hr_vtc_unref);
  g_clear_pointer (&r->margins_falling, hr_vtc_margins_unref);
  g_free (r->model_description);
  g_free (r->engine);
  g_free (r->spice);
  g_free (r);
}

static const HrSimVector *
plot_vector (HrSimResult *res, guint plot, const char *name)
{
  guint n = hr_sim_result_get_n_vectors (res, plot);

  for (guint i = 0; i < n; i++)
    {
      const HrSimVector *v = hr_sim_result_get_vector_nth (res, plot, i);
      if (g_ascii_strcasecmp (hr_sim_vector_get_name (v), name) == 0)
        return v;
    }
  return NULL;
}

HrVtc *
hr_gate_vtc_from_result (HrSimResult *res, guint plot, GError **error)
{
  const HrSimVector *scale, *out;
  const double *x, *y;
  guint nx = 0, ny = 0;
  g_autofree double *xr = NULL, *yr = NULL;

  if (plot >= hr_sim_result_get_n_plots (res) ||
      (scale = hr_sim_result_get_scale (res, plot)) == NULL ||
      (out = plot_vector (res, plot, "v(out)")) == NULL)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_VECTOR,
                   "the simulation returned no v(out) against the input sweep (plot %u)", plot);
      return NULL;
    }
  x = hr_sim_vector_get_real (scale, &nx);
  y = hr_sim_vector_get_real (out, &ny);
  if (nx != ny || nx < 2)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_VECTOR,
                   "the input sweep has %u points but v(out) %u", nx, ny);
      return NULL;
    }
  if (x[0] < x[nx - 1])
    return hr_vtc_new (x, y, nx, error);
  /* A falling sweep: hr_vtc_new() wants the input rising. */
  xr = g_new (double, nx);
  yr = g_new (double, nx);
  for (guint i = 0; i < nx; i++)
    {
      xr[i] = x[nx - 1 - i];
      yr[i] = y[nx - 1 - i];
    }
  return hr_vtc_new (xr, yr, nx, error);
}

void
hr_progress_span_report (double fraction, const char *phase, gpointer data)
{
  HrProgressSpan *span = data;
  if (span->func != NULL)
    span->func (span->offset + span->scale * CLAMP (fraction, 0.0, 1.0), phase, span->data);
}

static int
cmp_double_pair (gconstpointer a, gconstpointer b)
{
  double x = ((const double *) a)[0], y = ((const double *) b)[0];
  return (x > y) - (x < y);
}

/* Every (vin, vout) of the plots of RES after those of CURVE, sorted by vin, points closer
 * than MIN_DX to the previous one dropped (a fine point on a coarse one). (transfer full) */
static HrVtc *
merge_samples (const HrVtc *curve, HrSimResult *res, double min_dx, GError **error)
{
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, 2 * sizeof (double));
  g_autofree double *x = NULL, *y = NULL;
  guint n = 0;

  for (gsize i = 0; i < curve->n; i++)
    g_array_append_vals (xy, (double[2]) { curve->vin_v[i], curve->vout_v[i] }, 1);
  for (guint p = 0; p < hr_sim_result_get_n_plots (res); p++)
    {
      g_autoptr(HrVtc) part = hr_gate_vtc_from_result (res, p, error);
      if (part == NULL)
        return NULL;
      for (gsize i = 0; i < part->n; i++)
        g_array_append_vals (xy, (double[2]) { part->vin_v[i], part->vout_v[i] }, 1);
    }
  g_array_sort (xy, cmp_double_pair);
  x = g_new (double, xy->len);
  y = g_new (double, xy->len);
  for (guint i = 0; i < xy->len; i++)
    {
      const double *pt = &g_array_index (xy, double, 2 * i);
      if (n > 0 && pt[0] - x[n - 1] < min_dx)
        continue;
      x[n] = pt[0];
      y[n++] = pt[1];
    }
  return hr_vtc_new (x, y, n, error);
}

HrVtc *
hr_gate_vtc_refine (HrEngine *engine, HrNetlistCore core, gconstpointer spec, HrVtc *curve,
                    const HrVtcMargins *m, double step_v, GCancellable *cancellable,
                    HrProgressSpan *progress, GError **error)
{
  const double centres[] = { m->vil_v, m->vm_v, m->vih_v };
  double lo = curve->vin_v[0], hi = curve->vin_v[curve->n - 1];
  g_autoptr(HrNetlist) nl = core (spec, error);
  g_autoptr(HrSimResult) res = NULL;
  guint n_windows = 0;

  if (nl == NULL)
    return NULL;
  /* A twentieth of the step puts the sampling error of a vertical drop (level 1 with
   * lambda = 0 has one at VM) at 0.05 mV for a 1 mV step. */
  for (guint i = 0; i < G_N_ELEMENTS (centres); i++)
    {
      double a = MAX (lo, centres[i] - 2 * step_v), b = MIN (hi, centres[i] + 2 * step_v);
      if (!isfinite (centres[i]) || b - a < step_v)
        continue;
      if (!hr_netlist_add_dc (nl, "vin", a, b, step_v / 20, error))
        return NULL;
      n_windows++;
    }
  if (n_windows == 0)
    return hr_vtc_ref (curve);
  res = hr_engine_run (engine, nl, cancellable, hr_progress_span_report, progress, error);
  if (res == NULL)
    return NULL;
  return merge_samples (curve, res, step_v / 1000, error);
}

/* Judges R: which margins count and whether the gate restores levels. */
static void
judge (HrGateVtc *r)
{
  const HrVtcMargins *up = r->margins, *down = r->margins_falling;

  r->vt_plus_v = r->vt_minus_v = r->hysteresis_v = NAN;
  if (down != NULL)
    {
      r->nml_v = up->nml_v;
      r->nmh_v = down->nmh_v;
      r->vt_plus_v = up->vm_v;
      r->vt_minus_v = down->vm_v;
      r->hysteresis_v = r->vt_plus_v - r->vt_minus_v;
    }
  else
    {
      r->nml_v = up->nml_v;
      r->nmh_v = up->nmh_v;
    }
  /* NAN compares false: a curve without unity gain never restores. */
  r->restores = !(up->flags & HR_VTC_FLAG_NO_UNITY_GAIN) &&
                !(down && (down->flags & HR_VTC_FLAG_NO_UNITY_GAIN)) &&
                r->nml_v > 0 && r->nmh_v > 0;
}

/* The curves of the coarse run RES; a Schmitt trigger's falling branch is plot 1. */
static gboolean
analyze_coarse (HrGateVtc *r, HrSimResult *res, GError **error)
{
  if ((r->vtc = hr_gate_vtc_from_result (res, 0, error)) == NULL ||
      (r->margins = hr_vtc_analyze (r->vtc, error)) == NULL)
    return FALSE;
  if (r->spec->gate == HR_CMOS_SCHMITT &&
      ((r->vtc_falling = hr_gate_vtc_from_result (res, 1, error)) == NULL ||
       (r->margins_falling = hr_vtc_analyze (r->vtc_falling, error)) == NULL))
    return FALSE;
  return TRUE;
}

/* Replaces R's curve and margins by the refined ones (not for the Schmitt trigger). */
static gboolean
refine (HrGateVtc *r, HrEngine *engine, GCancellable *cancellable, HrProgressSpan *span,
        GError **error)
{
  g_autoptr(HrVtc) fine = NULL;
  HrVtcMargins *m;

  if (r->spec->gate == HR_CMOS_SCHMITT)
    return TRUE;
  fine = hr_gate_vtc_refine (engine, hr_gate_netlist_core, r->spec, r->vtc, r->margins,
                             r->spec->step_v, cancellable, span, error);
  if (fine == NULL || (m = hr_vtc_analyze (fine, error)) == NULL)
    return FALSE;
  hr_vtc_unref (r->vtc);
  r->vtc = g_steal_pointer (&fine);
  hr_vtc_margins_unref (r->margins);
  r->margins = m;
  return TRUE;
}

HrGateVtc *
hr_gate_vtc_simulate (HrEngine *engine, const HrGateSpec *spec, GCancellable *cancellable,
                      HrProgressFunc progress, gpointer progress_data, GError **error)
{
  g_autoptr(HrGateVtc) r = NULL;
  g_autoptr(HrNetlist) nl = NULL;
  g_autoptr(HrSimResult) res = NULL;
  HrProgressSpan span = { progress, progress_data, 0.0, 0.8 };

  g_return_val_if_fail (HR_IS_ENGINE (engine) && spec != NULL, NULL);
  r = g_new0 (HrGateVtc, 1);
  r->ref_count = 1;
  r->spec = hr_gate_spec_copy (spec);
  if (!hr_gate_spec_validate (r->spec, error) ||
      (nl = hr_gate_spec_to_netlist (r->spec, error)) == NULL ||
      (r->spice = hr_netlist_to_spice (nl, error)) == NULL)
    return NULL;
  r->model_description = hr_mos_model_describe (r->spec->model);
  res = hr_engine_run (engine, nl, cancellable, hr_progress_span_report, &span, error);
  if (res == NULL || !analyze_coarse (r, res, error))
    return NULL;
  r->engine = g_strdup (hr_sim_result_get_engine_name (res));
  span.offset = 0.8;
  span.scale = 0.2;
  if (!refine (r, engine, cancellable, &span, error))
    return NULL;
  judge (r);
  hr_progress_span_report (1.0, "done", &span);
  return g_steal_pointer (&r);
}
