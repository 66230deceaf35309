/* receiver-model.c — a receiver's thresholds from its transistor-level model.
 *
 * A circuit file may describe a receiver's input stage as a CMOS gate (HrPinModel,
 * docs/circuit-format.md). Its switching thresholds are then what that gate does, not what
 * the datasheet guarantees for every part over process, supply and temperature: VIL and VIH
 * are the unity-gain points of its simulated transfer curve (docs/margins-from-curves.md),
 * which sit well inside the datasheet's guaranteed VIL/VIH for a real input. The datasheet
 * levels stay for everything else about the pin (input currents, tolerance). */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "margins-private.h"

static void
set_default (double *v, double dflt)
{
  if (isnan (*v))
    *v = dflt;
}

static HrMosModel *
level1_model (const HrPinModel *pm)
{
  HrMosModel *m = hr_mos_model_new_level1 (pm->vtn_v, pm->vtp_v, pm->kn_a_per_v2,
                                           pm->kp_a_per_v2);

  /* One lambda and one gamma for both devices: a file describes an input, not a process. */
  m->lambda_n_per_v = m->lambda_p_per_v = pm->lambda_per_v;
  m->gamma_n_sqrt_v = m->gamma_p_sqrt_v = pm->gamma_sqrt_v;
  set_default (&m->lambda_n_per_v, 0);
  set_default (&m->lambda_p_per_v, 0);
  set_default (&m->gamma_n_sqrt_v, 0);
  set_default (&m->gamma_p_sqrt_v, 0);
  return m;
}

/* The user's cards: the path is relative to MODEL_DIR (the circuit file's directory), which
 * is also the only directory the cards may .include from. */
static HrMosModel *
file_model (const HrPinModel *pm, const char *model_dir, GError **error)
{
  const char *dir = model_dir != NULL ? model_dir : ".";
  const char *dirs[2] = { model_dir, NULL };
  g_autofree char *path = g_path_is_absolute (pm->file) ? g_strdup (pm->file)
                                                        : g_build_filename (dir, pm->file, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return hr_mos_model_new_user (pm->file, text, model_dir != NULL ? dirs : NULL, error);
}

static HrMosModel *
mos_model (const HrPinModel *pm, const char *model_dir, GError **error)
{
  if (strcmp (pm->model, "level1") == 0)
    return level1_model (pm);
  if (strcmp (pm->model, "file") == 0)
    return file_model (pm, model_dir, error);
  return hr_mos_model_new_builtin (pm->model, error);
}

/* The gate of MODEL at VCC_V; sizes and temperature the file's or the model's defaults (NAN
 * means the same in both structs). A NAND2/NOR2 receiver is one input: A. */
HrGateSpec *
hr_pin_model_to_gate_spec (const HrPinModel *model, double vcc_v, const char *model_dir,
                           GError **error)
{
  g_autoptr(HrMosModel) m = NULL;
  HrGateSpec *spec;
  HrCmosGate gate;

  g_return_val_if_fail (model != NULL, NULL);
  if (!hr_cmos_gate_from_string (model->gate, &gate, error)
      || (m = mos_model (model, model_dir, error)) == NULL)
    return NULL;
  spec = hr_gate_spec_new (gate, m, vcc_v);
  spec->temp_c = model->temp_c;
  spec->wn_m = model->wn_m;
  spec->ln_m = model->ln_m;
  spec->wp_m = model->wp_m;
  spec->lp_m = model->lp_m;
  return spec;
}

/* Why a simulated gate does not restore logic levels, or NULL when it does. (transfer full) */
static char *
restore_problem (const HrGateVtc *g)
{
  gboolean no_gain = (g->margins->flags & HR_VTC_FLAG_NO_UNITY_GAIN)
                     || (g->margins_falling != NULL
                         && (g->margins_falling->flags & HR_VTC_FLAG_NO_UNITY_GAIN));
  char nml[G_ASCII_DTOSTR_BUF_SIZE], nmh[G_ASCII_DTOSTR_BUF_SIZE];

  if (g->restores)
    return NULL;
  if (no_gain)
    return g_strdup ("the gain of its transfer curve never reaches 1, so it does not restore "
                     "logic levels and has no VIL or VIH");
  return g_strdup_printf ("its own unity-gain margins are not both positive (NML %s V, NMH "
                          "%s V), so it does not restore logic levels",
                          g_ascii_formatd (nml, sizeof nml, "%.4f", g->nml_v),
                          g_ascii_formatd (nmh, sizeof nmh, "%.4f", g->nmh_v));
}

/* The datasheet's levels with the simulated thresholds of G (NAN when G is NULL: a gate
 * whose output does not switch). A Schmitt trigger's low input is disturbed along its
 * rising branch and its high input along the falling one (hr-gates.h), so VIL comes from the
 * first and VIH from the second. */
static HrLevels *
simulated_levels (const HrLevels *datasheet, const HrGateVtc *g, const char *model)
{
  HrLevels *l = hr_levels_copy (datasheet);
  const HrVtcMargins *high = g == NULL ? NULL
                             : g->margins_falling != NULL ? g->margins_falling : g->margins;
  char vih[G_ASCII_DTOSTR_BUF_SIZE], vil[G_ASCII_DTOSTR_BUF_SIZE];
  char *note;

  l->vil_v = g != NULL ? g->margins->vil_v : NAN;
  l->vih_v = high != NULL ? high->vih_v : NAN;
  /* The datasheet's quality flags (interpolated, unconfirmed) were about its thresholds,
   * which are no longer used. */
  l->input_flags = HR_LEVEL_SIMULATED;
  note = g_strdup_printf ("VIH/VIL simulated with %s (the datasheet's: VIH %s V, VIL %s V)%s%s",
                          model, g_ascii_formatd (vih, sizeof vih, "%.4g", datasheet->vih_v),
                          g_ascii_formatd (vil, sizeof vil, "%.4g", datasheet->vil_v),
                          datasheet->note != NULL ? ". Datasheet note: " : "",
                          datasheet->note != NULL ? datasheet->note : "");
  g_free (l->note);
  l->note = note;
  return l;
}

gboolean
hr_simulated_input_run (const HrPin *pin, const HrLevels *datasheet, HrEngine *engine,
                        const char *model_dir, GCancellable *cancellable,
                        HrSimulatedInput *out, GError **error)
{
  g_autoptr(HrGateSpec) spec = NULL;
  g_autoptr(HrGateVtc) g = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (pin->model != NULL && engine != NULL, FALSE);
  memset (out, 0, sizeof *out);
  spec = hr_pin_model_to_gate_spec (pin->model, pin->vcc_v, model_dir, error);
  if (spec == NULL)
    return FALSE;
  /* A curve that cannot be analysed (an output that never switches) is a finding about the
   * model, not a failure of the check; anything else (the engine, the cards) is an error. */
  g = hr_gate_vtc_simulate (engine, spec, cancellable, NULL, NULL, &local);
  if (g == NULL && !g_error_matches (local, HR_NOISE_ERROR, HR_NOISE_ERROR_CURVE))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  description = hr_mos_model_describe (spec->model);
  /* Say which engine ran it: "auto" may have chosen either. */
  out->model = g != NULL && g->engine != NULL
      ? g_strdup_printf ("%s, %s, simulated on %s", pin->model->gate, description, g->engine)
      : g_strdup_printf ("%s, %s", pin->model->gate, description);
  out->levels = simulated_levels (datasheet, g, out->model);
  out->datasheet_vih_v = datasheet->vih_v;
  out->datasheet_vil_v = datasheet->vil_v;
  out->temp_c = isnan (spec->temp_c) ? 27.0 : spec->temp_c;
  out->not_restoring = g != NULL ? restore_problem (g) : g_strdup (local->message);
  return TRUE;
}

void
hr_simulated_input_clear (HrSimulatedInput *input)
{
  g_clear_pointer (&input->levels, hr_levels_unref);
  g_clear_pointer (&input->model, g_free);
  g_clear_pointer (&input->not_restoring, g_free);
}
