/* gates-json.c — JSON forms of simulated gates, SRAM cells and sweeps.
 *
 * The schema is documented in docs/transistor-models.md ("JSON"); change both together and
 * only by adding members. These are the "result" objects of the CLI's envelope
 * (docs/json-output.md) of kinds "vtc", "snm" and "sweep". SI numbers with the unit in the
 * member's name; a number that does not exist is null, never omitted. */
#include "hr-config.h"

#include <math.h>

#include "gates-private.h"
#include "noise-json-private.h"

static void
add_array (JsonBuilder *b, const char *name, const double *v, gsize n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n; i++)
    json_builder_add_double_value (b, v[i]);
  json_builder_end_array (b);
}

void
hr_gate_json_add_curve (JsonBuilder *b, const char *name, const HrVtc *vtc)
{
  json_builder_set_member_name (b, name);
  if (vtc == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_array (b, "vin_v", vtc->vin_v, vtc->n);
  add_array (b, "vout_v", vtc->vout_v, vtc->n);
  json_builder_end_object (b);
}

void
hr_gate_json_add_model (JsonBuilder *b, const HrMosModel *m)
{
  static const char *const kinds[] = { "level1", "builtin", "user" };
  g_autofree char *text = hr_mos_model_describe (m);

  json_builder_set_member_name (b, "model");
  json_builder_begin_object (b);
  hr_noise_json_add_string (b, "kind", kinds[m->kind]);
  hr_noise_json_add_string (b, "description", text);
  if (m->kind == HR_MOS_LEVEL1)
    {
      hr_noise_json_add_number (b, "vtn_v", m->vtn_v);
      hr_noise_json_add_number (b, "vtp_v", m->vtp_v);
      hr_noise_json_add_number (b, "kpn_a_per_v2", m->kpn_a_per_v2);
      hr_noise_json_add_number (b, "kpp_a_per_v2", m->kpp_a_per_v2);
      hr_noise_json_add_number (b, "lambda_n_per_v", m->lambda_n_per_v);
      hr_noise_json_add_number (b, "lambda_p_per_v", m->lambda_p_per_v);
      hr_noise_json_add_number (b, "gamma_n_sqrt_v", m->gamma_n_sqrt_v);
      hr_noise_json_add_number (b, "gamma_p_sqrt_v", m->gamma_p_sqrt_v);
    }
  else
    hr_noise_json_add_string (b, "card", m->card_name);
  json_builder_end_object (b);
}

/* The simulator's nominal temperature when none is given (ngspice's TNOM default). */
#define NOMINAL_TEMP_C 27.0

static void
add_spec_members (JsonBuilder *b, const HrGateSpec *s)
{
  hr_noise_json_add_string (b, "gate", hr_cmos_gate_to_string (s->gate));
  hr_noise_json_add_string (b, "input", hr_gate_input_to_string (s->input));
  hr_gate_json_add_model (b, s->model);
  hr_noise_json_add_number (b, "vdd_v", s->vdd_v);
  hr_noise_json_add_number (b, "temp_c", isnan (s->temp_c) ? NOMINAL_TEMP_C : s->temp_c);
  json_builder_set_member_name (b, "sizes");
  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "wn_m", s->wn_m);
  hr_noise_json_add_number (b, "ln_m", s->ln_m);
  hr_noise_json_add_number (b, "wp_m", s->wp_m);
  hr_noise_json_add_number (b, "lp_m", s->lp_m);
  if (s->gate == HR_CMOS_SCHMITT)
    {
      hr_noise_json_add_number (b, "schmitt_wfn_m", s->schmitt_wfn_m);
      hr_noise_json_add_number (b, "schmitt_wfp_m", s->schmitt_wfp_m);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "fanout");
  json_builder_add_int_value (b, s->fanout);
  hr_noise_json_add_number (b, "load_a", s->load_a);
  hr_noise_json_add_number (b, "step_v", s->step_v);
}

JsonNode *
hr_gate_spec_to_json (const HrGateSpec *spec)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_spec_members (b, spec);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_node (JsonBuilder *b, const char *name, JsonNode *node /* transfer full */)
{
  json_builder_set_member_name (b, name);
  if (node != NULL)
    json_builder_add_value (b, node);
  else
    json_builder_add_null_value (b);
}

JsonNode *
hr_gate_vtc_to_json (const HrGateVtc *r, gboolean with_curve)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_spec_members (b, r->spec);
  hr_noise_json_add_string (b, "engine", r->engine);
  json_builder_set_member_name (b, "restores");
  json_builder_add_boolean_value (b, r->restores);
  hr_noise_json_add_number (b, "nml_v", r->nml_v);
  hr_noise_json_add_number (b, "nmh_v", r->nmh_v);
  hr_noise_json_add_number (b, "vt_plus_v", r->vt_plus_v);
  hr_noise_json_add_number (b, "vt_minus_v", r->vt_minus_v);
  hr_noise_json_add_number (b, "hysteresis_v", r->hysteresis_v);
  add_node (b, "margins", hr_vtc_margins_to_json (r->margins));
  add_node (b, "margins_falling",
            r->margins_falling ? hr_vtc_margins_to_json (r->margins_falling) : NULL);
  if (with_curve)
    {
      hr_gate_json_add_curve (b, "curve", r->vtc);
      hr_gate_json_add_curve (b, "curve_falling", r->vtc_falling);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
hr_sram_snm_to_json (const HrSramSnm *r, gboolean with_curve)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const HrSramSpec *s = r->spec;

  json_builder_begin_object (b);
  hr_noise_json_add_string (b, "cell", "6t");
  hr_noise_json_add_string (b, "mode", s->read ? "read" : "hold");
  hr_gate_json_add_model (b, s->model);
  hr_noise_json_add_string (b, "engine", r->engine);
  hr_noise_json_add_number (b, "vdd_v", s->vdd_v);
  hr_noise_json_add_number (b, "temp_c", isnan (s->temp_c) ? NOMINAL_TEMP_C : s->temp_c);
  json_builder_set_member_name (b, "sizes");
  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "wn_m", s->wn_m);
  hr_noise_json_add_number (b, "ln_m", s->ln_m);
  hr_noise_json_add_number (b, "wp_m", s->wp_m);
  hr_noise_json_add_number (b, "lp_m", s->lp_m);
  hr_noise_json_add_number (b, "wa_m", s->wa_m);
  hr_noise_json_add_number (b, "la_m", s->la_m);
  json_builder_end_object (b);
  hr_noise_json_add_number (b, "cell_ratio", r->cell_ratio);
  hr_noise_json_add_number (b, "pullup_ratio", r->pullup_ratio);
  hr_noise_json_add_number (b, "step_v", s->step_v);
  add_node (b, "snm", hr_snm_to_json (r->snm));
  if (with_curve)
    hr_gate_json_add_curve (b, "half_cell", r->half_cell);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* One sweep point: the value, the judged margins and the other criteria side by side. */
static void
add_point (JsonBuilder *b, const HrSweepPoint *pt)
{
  const HrGateVtc *r = pt->result;
  const HrVtcMargins *m = r ? r->margins : NULL;

  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "value", pt->value);
  hr_noise_json_add_string (b, "error", pt->error);
  json_builder_set_member_name (b, "restores");
  json_builder_add_boolean_value (b, r != NULL && r->restores);
  hr_noise_json_add_number (b, "vm_v", m ? m->vm_v : NAN);
  hr_noise_json_add_number (b, "vil_v", m ? m->vil_v : NAN);
  hr_noise_json_add_number (b, "vih_v", r ? (r->margins_falling ? r->margins_falling->vih_v
                                                               : m->vih_v) : NAN);
  hr_noise_json_add_number (b, "nml_v", r ? r->nml_v : NAN);
  hr_noise_json_add_number (b, "nmh_v", r ? r->nmh_v : NAN);
  hr_noise_json_add_number (b, "hauser_nml_v", m ? m->hauser_nml_v : NAN);
  hr_noise_json_add_number (b, "hauser_nmh_v", m ? m->hauser_nmh_v : NAN);
  hr_noise_json_add_number (b, "square_v", m ? m->square_side_v : NAN);
  hr_noise_json_add_number (b, "hysteresis_v", r ? r->hysteresis_v : NAN);
  json_builder_end_object (b);
}

JsonNode *
hr_margin_sweep_to_json (const HrMarginSweep *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  hr_noise_json_add_string (b, "param", hr_sweep_param_to_string (s->param));
  hr_noise_json_add_string (b, "unit", hr_units_symbol (hr_sweep_param_unit (s->param)));
  add_node (b, "base", hr_gate_spec_to_json (s->base));
  json_builder_set_member_name (b, "n_failed");
  json_builder_add_int_value (b, s->n_failed);
  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->points->len; i++)
    add_point (b, &g_array_index (s->points, HrSweepPoint, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
