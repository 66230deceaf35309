/* vtc-json.c — JSON forms of HrVtcMargins and HrSnm.
 *
 * The schema is documented in docs/margins-from-curves.md ("JSON"); change both together and
 * only by adding members. These are the "result" objects of the CLI's envelope
 * (docs/json-output.md), whose "kind" says which ("vtc-margins", "sram-snm"). Volts are
 * numbers in V; a number that does not exist for this curve (NAN in C) is null, never
 * omitted, so that readers see every member every time.
 */
#include "hr-config.h"

#include <math.h>

#include "headroom-noise.h"
#include "noise-json-private.h"

static void
add_flags (JsonBuilder *b, HrVtcFlags flags)
{
  json_builder_set_member_name (b, "flags");
  json_builder_begin_array (b);
  for (guint bit = 0; bit < 32; bit++)
    {
      const char *name = hr_vtc_flag_to_string (flags & (1u << bit));

      if (name != NULL)
        json_builder_add_string_value (b, name);
    }
  json_builder_end_array (b);
}

static void
add_unity_gain (JsonBuilder *b, const HrVtcMargins *m)
{
  json_builder_set_member_name (b, "unity_gain");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "crossings");
  json_builder_add_int_value (b, m->n_unity_crossings);
  hr_noise_json_add_number (b, "vil_v", m->vil_v);
  hr_noise_json_add_number (b, "vih_v", m->vih_v);
  hr_noise_json_add_number (b, "vol_v", m->vol_v);
  hr_noise_json_add_number (b, "voh_v", m->voh_v);
  hr_noise_json_add_number (b, "nml_v", m->nml_v);
  hr_noise_json_add_number (b, "nmh_v", m->nmh_v);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "rails");
  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "vol_v", m->vol_rail_v);
  hr_noise_json_add_number (b, "voh_v", m->voh_rail_v);
  hr_noise_json_add_number (b, "nml_v", m->nml_rail_v);
  hr_noise_json_add_number (b, "nmh_v", m->nmh_rail_v);
  json_builder_end_object (b);
}

static void
add_lobe_criteria (JsonBuilder *b, const HrVtcMargins *m)
{
  json_builder_set_member_name (b, "hauser");
  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "nml_v", m->hauser_nml_v);
  hr_noise_json_add_number (b, "nmh_v", m->hauser_nmh_v);
  hr_noise_json_add_number (b, "vol_v", m->hauser_vol_v);
  hr_noise_json_add_number (b, "vih_v", m->hauser_vih_v);
  hr_noise_json_add_number (b, "vil_v", m->hauser_vil_v);
  hr_noise_json_add_number (b, "voh_v", m->hauser_voh_v);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "square");
  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "side_v", m->square_side_v);
  hr_noise_json_add_number (b, "vol_v", m->square_vol_v);
  hr_noise_json_add_number (b, "vih_v", m->square_vih_v);
  json_builder_end_object (b);
}

JsonNode *
hr_vtc_margins_to_json (const HrVtcMargins *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (m != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "inverting");
  json_builder_add_boolean_value (b, m->inverting);
  json_builder_set_member_name (b, "samples");
  json_builder_add_int_value (b, (gint64) m->n_samples);
  add_flags (b, m->flags);
  hr_noise_json_add_number (b, "vm_v", m->vm_v);
  json_builder_set_member_name (b, "peak_gain");
  if (isfinite (m->peak_gain))
    json_builder_add_double_value (b, m->peak_gain);
  else
    json_builder_add_null_value (b);
  add_unity_gain (b, m);
  add_lobe_criteria (b, m);
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, m->criteria_note);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_square (JsonBuilder *b, const char *name, const HrSnmSquare *sq)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "side_v", sq->side_v);
  hr_noise_json_add_number (b, "x_v", sq->x_v);
  hr_noise_json_add_number (b, "y_v", sq->y_v);
  json_builder_end_object (b);
}

JsonNode *
hr_snm_to_json (const HrSnm *snm)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (snm != NULL, NULL);

  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "snm_v", snm->snm_v);
  json_builder_set_member_name (b, "worst_lobe");
  json_builder_add_string_value (b, hr_snm_lobe_to_string (snm->worst_lobe));
  json_builder_set_member_name (b, "bistable");
  json_builder_add_boolean_value (b, snm->bistable);
  json_builder_set_member_name (b, "lobes");
  json_builder_begin_object (b);
  add_square (b, "upper_left", &snm->upper_left);
  add_square (b, "lower_right", &snm->lower_right);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
