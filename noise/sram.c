/* sram.c — the 6T SRAM cell's static noise margin from simulated half-cell curves.
 *
 * Seevinck, List and Lohstroh ("Static-noise margin analysis of MOS SRAM cells", IEEE JSSC
 * SC-22(5):748-754, 1987) define the SNM as the side of the largest square that fits in a
 * lobe of the butterfly: one half-cell's curve against the other's mirrored. Each half is an
 * inverter whose output is a storage node, with the access NMOS from that node to its bit
 * line. Hold: word line low, the access transistor off. Read: word line at VDD and the bit
 * line precharged to VDD, so the access NMOS (gate and drain at VDD, hence saturated) pulls
 * the low node up against the driver, which is what makes the read margin the smaller one.
 * The cell is symmetric, so one half-cell simulation gives both curves. */
#include "hr-config.h"

#include <math.h>

#include "gates-private.h"

G_DEFINE_BOXED_TYPE (HrSramSpec, hr_sram_spec, hr_sram_spec_copy, hr_sram_spec_free)
G_DEFINE_BOXED_TYPE (HrSramSnm, hr_sram_snm, hr_sram_snm_ref, hr_sram_snm_unref)

HrSramSpec *
hr_sram_spec_new (const HrMosModel *model, double vdd_v)
{
  HrSramSpec *s;

  g_return_val_if_fail (model != NULL, NULL);
  s = g_new0 (HrSramSpec, 1);
  s->model = hr_mos_model_copy (model);
  s->vdd_v = vdd_v;
  s->temp_c = NAN;
  s->wn_m = s->ln_m = s->wp_m = s->lp_m = s->wa_m = s->la_m = NAN;
  s->step_v = HR_GATE_DEFAULT_STEP_V;
  return s;
}

HrSramSpec *
hr_sram_spec_copy (const HrSramSpec *spec)
{
  HrSramSpec *s;

  g_return_val_if_fail (spec != NULL, NULL);
  s = g_memdup2 (spec, sizeof *spec);
  s->model = spec->model ? hr_mos_model_copy (spec->model) : NULL;
  return s;
}

void
hr_sram_spec_free (HrSramSpec *spec)
{
  if (spec == NULL)
    return;
  hr_mos_model_free (spec->model);
  g_free (spec);
}

static void
resolve (double *v, double dflt)
{
  if (isnan (*v))
    *v = dflt;
}

gboolean
hr_sram_spec_validate (HrSramSpec *s, GError **error)
{
  double l, wn;

  g_return_val_if_fail (s != NULL, FALSE);
  if (s->model == NULL)
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "an SRAM cell needs a model");
      return FALSE;
    }
  if (!(s->step_v > 0))
    s->step_v = HR_GATE_DEFAULT_STEP_V;
  /* Default cell: driver twice the access device (cell ratio 2, a common textbook
   * choice), load PMOS as wide as the access device. */
  hr_mos_model_get_defaults (s->model, NULL, &l, &wn, NULL);
  resolve (&s->ln_m, l);
  resolve (&s->lp_m, l);
  resolve (&s->la_m, s->ln_m);
  resolve (&s->wa_m, wn);
  resolve (&s->wn_m, 2 * s->wa_m);
  resolve (&s->wp_m, s->wa_m);
  if (!(s->vdd_v > 0 && s->vdd_v <= 100) ||
      (!isnan (s->temp_c) && !(s->temp_c >= -273.15 && s->temp_c <= 500)) ||
      s->step_v > s->vdd_v / 10 || s->vdd_v / s->step_v > 1e6)
    {
      g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                           "the supply must be in 0..100 V, the temperature in -273.15..500 C "
                           "and the step in VDD/1e6..VDD/10");
      return FALSE;
    }
  return hr_mos_model_validate (s->model, error) &&
         hr_gate_check_size ("driver Wn", s->wn_m, error) &&
         hr_gate_check_size ("driver Ln", s->ln_m, error) &&
         hr_gate_check_size ("load Wp", s->wp_m, error) &&
         hr_gate_check_size ("load Lp", s->lp_m, error) &&
         hr_gate_check_size ("access Wa", s->wa_m, error) &&
         hr_gate_check_size ("access La", s->la_m, error);
}

HrNetlist *
hr_sram_netlist_core (gconstpointer spec, GError **error)
{
  const HrSramSpec *s = spec;
  g_autoptr(HrNetlist) nl = NULL;

  if ((nl = hr_gate_netlist_begin (s->read ? "sram6t-read" : "sram6t-hold", s->model,
                                   s->vdd_v, s->temp_c, error)) == NULL)
    return NULL;
  /* "in" is the other storage node, driven by the sweep; "out" this half's node. */
  if (!hr_gate_add_mos (nl, "mdrv", FALSE, "out", "in", "0", s->wn_m, s->ln_m, error) ||
      !hr_gate_add_mos (nl, "mload", TRUE, "out", "in", "vdd", s->wp_m, s->lp_m, error) ||
      !hr_netlist_add_vsource (nl, "vbl", "bl", "0", s->vdd_v, error) ||
      !hr_netlist_add_vsource (nl, "vwl", "wl", "0", s->read ? s->vdd_v : 0.0, error) ||
      !hr_gate_add_mos (nl, "macc", FALSE, "bl", "wl", "out", s->wa_m, s->la_m, error) ||
      !hr_netlist_add_output_voltage (nl, "out", error))
    return NULL;
  return g_steal_pointer (&nl);
}

HrNetlist *
hr_sram_spec_to_netlist (const HrSramSpec *spec, GError **error)
{
  g_autoptr(HrSramSpec) s = hr_sram_spec_copy (spec);
  g_autoptr(HrNetlist) nl = NULL;

  if (!hr_sram_spec_validate (s, error) || (nl = hr_sram_netlist_core (s, error)) == NULL ||
      !hr_netlist_add_dc (nl, "vin", 0.0, s->vdd_v, s->step_v, error))
    return NULL;
  return g_steal_pointer (&nl);
}

HrSramSnm *
hr_sram_snm_ref (HrSramSnm *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  g_atomic_int_inc (&r->ref_count);
  return r;
}

void
hr_sram_snm_unref (HrSramSnm *r)
{
  if (r == NULL || !g_atomic_int_dec_and_test (&r->ref_count))
    return;
  hr_sram_spec_free (r->spec);
  g_clear_pointer (&r->half_cell, hr_vtc_unref);
  g_clear_pointer (&r->snm, hr_snm_unref);
  g_free (r->model_description);
  g_free (r->engine);
  g_free (r->spice);
  g_free (r);
}

HrSramSnm *
hr_sram_butterfly_simulate (HrEngine *engine, const HrSramSpec *spec,
                            GCancellable *cancellable, HrProgressFunc progress,
                            gpointer progress_data, GError **error)
{
  g_autoptr(HrSramSnm) r = NULL;
  g_autoptr(HrNetlist) nl = NULL;
  g_autoptr(HrSimResult) res = NULL;
  g_autoptr(HrVtc) coarse = NULL;
  g_autoptr(HrVtcMargins) m = NULL;
  HrProgressSpan span = { progress, progress_data, 0.0, 0.8 };
  const HrSramSpec *s;

  g_return_val_if_fail (HR_IS_ENGINE (engine) && spec != NULL, NULL);
  r = g_new0 (HrSramSnm, 1);
  r->ref_count = 1;
  r->spec = hr_sram_spec_copy (spec);
  s = r->spec;
  if (!hr_sram_spec_validate (r->spec, error) ||
      (nl = hr_sram_spec_to_netlist (s, error)) == NULL ||
      (r->spice = hr_netlist_to_spice (nl, error)) == NULL)
    return NULL;
  r->model_description = hr_mos_model_describe (s->model);
  r->cell_ratio = (s->wn_m / s->ln_m) / (s->wa_m / s->la_m);
  r->pullup_ratio = (s->wp_m / s->lp_m) / (s->wa_m / s->la_m);
  if ((res = hr_engine_run (engine, nl, cancellable, hr_progress_span_report, &span,
                            error)) == NULL ||
      (r->engine = g_strdup (hr_sim_result_get_engine_name (res))) == NULL ||
      (coarse = hr_gate_vtc_from_result (res, 0, error)) == NULL ||
      (m = hr_vtc_analyze (coarse, error)) == NULL)
    return NULL;
  span.offset = 0.8;
  span.scale = 0.2;
  /* Refined where the curve is steep: the squares' corners sit near the unity-gain points
   * in hold (Seevinck et al.), and VM bounds both lobes. */
  if ((r->half_cell = hr_gate_vtc_refine (engine, hr_sram_netlist_core, s, coarse, m,
                                          s->step_v, cancellable, &span, error)) == NULL ||
      (r->snm = hr_snm_butterfly (r->half_cell, r->half_cell, error)) == NULL)
    return NULL;
  hr_progress_span_report (1.0, "done", &span);
  return g_steal_pointer (&r);
}
