/* margins-json.c — the JSON forms of levels and margin results (docs/json-output.md).
 *
 * Key names are part of headroom's stable interface: units are in the names (nmh_v,
 * load_high_a, temp_max_c), a number that is not known (a level not guaranteed at the load)
 * is null, never NaN, and nothing is ever renamed within one schema version. Results refer
 * to levels by {"family", "vcc_v"}; each document lists the full levels it used once, in
 * "levels", so a matrix of 18 families does not repeat each family's levels 36 times. */
#include "hr-config.h"

#include <math.h>

#include "headroom-noise.h"
#include "noise-json-private.h"

void
hr_noise_json_add_number (JsonBuilder *b, const char *key, double value)
{
  json_builder_set_member_name (b, key);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
hr_noise_json_add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_flags (JsonBuilder *b, const char *key, HrLevelFlags flags)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  if (flags & HR_LEVEL_UNCONFIRMED)
    json_builder_add_string_value (b, "unconfirmed");
  if (flags & HR_LEVEL_SECONDARY)
    json_builder_add_string_value (b, "secondary");
  if (flags & HR_LEVEL_INTERPOLATED)
    json_builder_add_string_value (b, "interpolated");
  if (flags & HR_LEVEL_FRACTION)
    json_builder_add_string_value (b, "fraction");
  if (flags & HR_LEVEL_SIMULATED)
    json_builder_add_string_value (b, "simulated");
  json_builder_end_array (b);
}

static void
add_points (JsonBuilder *b, const char *key, GArray *points)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < points->len; i++)
    {
      const HrOutputPoint *p = &g_array_index (points, HrOutputPoint, i);

      json_builder_begin_object (b);
      hr_noise_json_add_number (b, "current_a", p->current_a);
      hr_noise_json_add_number (b, "voltage_v", p->voltage_v);
      hr_noise_json_add_number (b, "temp_min_c", p->temp_min_c);
      hr_noise_json_add_number (b, "temp_max_c", p->temp_max_c);
      add_flags (b, "flags", p->flags);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_sources (JsonBuilder *b, const char *source)
{
  g_auto(GStrv) lines = g_strsplit (source ? source : "", "\n", -1);

  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i])
      json_builder_add_string_value (b, lines[i]);
  json_builder_end_array (b);
}

static void
build_levels (JsonBuilder *b, const HrLevels *l)
{
  json_builder_begin_object (b);
  hr_noise_json_add_string (b, "family", l->family);
  hr_noise_json_add_string (b, "kind", l->kind);
  hr_noise_json_add_number (b, "vcc_v", l->vcc_v);
  hr_noise_json_add_number (b, "vih_v", l->vih_v);
  hr_noise_json_add_number (b, "vil_v", l->vil_v);
  add_flags (b, "input_flags", l->input_flags);
  hr_noise_json_add_number (b, "iih_a", l->iih_a);
  hr_noise_json_add_number (b, "iil_a", l->iil_a);
  add_flags (b, "current_flags", l->current_flags);
  hr_noise_json_add_number (b, "vin_max_v", l->vin_max_v);
  hr_noise_json_add_number (b, "vout_max_v", l->vout_max_v);
  hr_noise_json_add_number (b, "ioh_max_a", l->ioh_max_a);
  hr_noise_json_add_number (b, "iol_max_a", l->iol_max_a);
  hr_noise_json_add_number (b, "delta_icc_a", l->delta_icc_a);
  hr_noise_json_add_number (b, "temp_max_default_c", l->temp_max_default_c);
  add_points (b, "voh", l->voh);
  add_points (b, "vol", l->vol);
  add_sources (b, l->source);
  hr_noise_json_add_string (b, "note", l->note);
  json_builder_end_object (b);
}

JsonNode *
hr_levels_to_json (const HrLevels *levels)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (levels != NULL, NULL);
  build_levels (b, levels);
  return json_builder_get_root (b);
}

/* ---------------------------------------------------------------------------------------- */
/* The levels a document used, each once                                                    */

/* Levels with simulated thresholds share their family and supply with the datasheet's but
 * not their VIH/VIL: they are listed apart, told by their note, which names the model. */
static char *
levels_key (const HrLevels *l)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strconcat (l->family, "@", g_ascii_dtostr (buf, sizeof buf, l->vcc_v),
                      l->input_flags & HR_LEVEL_SIMULATED ? "#" : NULL, l->note, NULL);
}

static void
collect_levels (GHashTable *seen, GPtrArray *list, const HrLevels *l)
{
  char *key = levels_key (l);

  if (g_hash_table_add (seen, key))
    g_ptr_array_add (list, (gpointer) l);
}

static void
collect_result_levels (GHashTable *seen, GPtrArray *list, const HrMarginResult *r)
{
  if (r == NULL)
    return;
  collect_levels (seen, list, r->driver);
  collect_levels (seen, list, r->receiver);
}

static void
add_levels_list (JsonBuilder *b, GPtrArray *list)
{
  json_builder_set_member_name (b, "levels");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    build_levels (b, g_ptr_array_index (list, i));
  json_builder_end_array (b);
}

/* ---------------------------------------------------------------------------------------- */
/* Results                                                                                  */

static void
add_findings (JsonBuilder *b, GPtrArray *findings)
{
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < findings->len; i++)
    {
      const HrFinding *f = g_ptr_array_index (findings, i);

      json_builder_begin_object (b);
      hr_noise_json_add_string (b, "kind", hr_finding_kind_to_string (f->kind));
      hr_noise_json_add_string (b, "verdict", hr_verdict_to_string (f->verdict));
      hr_noise_json_add_string (b, "text", f->text);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_levels_ref (JsonBuilder *b, const char *key, const HrLevels *l)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  hr_noise_json_add_string (b, "family", l->family);
  hr_noise_json_add_number (b, "vcc_v", l->vcc_v);
  json_builder_end_object (b);
}

/* The members of a margin result, inside an object the caller opened. */
static void
margin_members (JsonBuilder *b, const HrMarginResult *r)
{
  add_levels_ref (b, "driver", r->driver);
  add_levels_ref (b, "receiver", r->receiver);
  json_builder_set_member_name (b, "fanout");
  json_builder_add_int_value (b, r->fanout);
  json_builder_set_member_name (b, "fanout_max");
  if (r->fanout_max == G_MAXUINT)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, r->fanout_max);
  hr_noise_json_add_number (b, "load_high_a", r->load_high_a);
  hr_noise_json_add_number (b, "load_low_a", r->load_low_a);
  hr_noise_json_add_number (b, "voh_v", r->voh_v);
  hr_noise_json_add_number (b, "voh_at_a", r->voh_at_a);
  hr_noise_json_add_number (b, "vol_v", r->vol_v);
  hr_noise_json_add_number (b, "vol_at_a", r->vol_at_a);
  hr_noise_json_add_number (b, "vih_v", r->vih_v);
  hr_noise_json_add_number (b, "vil_v", r->vil_v);
  hr_noise_json_add_string (b, "thresholds", r->threshold_model ? "simulated" : "datasheet");
  hr_noise_json_add_string (b, "threshold_model", r->threshold_model);
  hr_noise_json_add_number (b, "datasheet_vih_v", r->datasheet_vih_v);
  hr_noise_json_add_number (b, "datasheet_vil_v", r->datasheet_vil_v);
  hr_noise_json_add_number (b, "nmh_v", r->nmh_v);
  hr_noise_json_add_number (b, "nml_v", r->nml_v);
  hr_noise_json_add_string (b, "verdict", hr_verdict_to_string (r->verdict));
  add_flags (b, "flags", r->flags);
  add_findings (b, r->findings);
}

static void
build_margin (JsonBuilder *b, const HrMarginResult *r)
{
  json_builder_begin_object (b);
  margin_members (b, r);
  json_builder_end_object (b);
}

JsonNode *
hr_margin_result_to_json (const HrMarginResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_return_val_if_fail (result != NULL, NULL);
  collect_result_levels (seen, list, result);
  json_builder_begin_object (b);
  margin_members (b, result);
  add_levels_list (b, list);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
build_net (JsonBuilder *b, const HrNetResult *n)
{
  json_builder_begin_object (b);
  hr_noise_json_add_string (b, "net", n->net);
  hr_noise_json_add_string (b, "verdict", hr_verdict_to_string (n->verdict));
  hr_noise_json_add_number (b, "nmh_v", n->nmh_v);
  hr_noise_json_add_number (b, "nml_v", n->nml_v);
  hr_noise_json_add_number (b, "worst_margin_v", n->worst_margin_v);
  json_builder_set_member_name (b, "receivers");
  json_builder_begin_array (b);
  for (guint i = 0; i < n->receivers->len; i++)
    build_margin (b, g_ptr_array_index (n->receivers, i));
  json_builder_end_array (b);
  add_findings (b, n->findings);
  json_builder_end_object (b);
}

JsonNode *
hr_check_result_to_json (const HrCheckResult *result)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_return_val_if_fail (result != NULL, NULL);
  json_builder_begin_object (b);
  hr_noise_json_add_string (b, "circuit", result->circuit);
  hr_noise_json_add_string (b, "verdict", hr_verdict_to_string (result->verdict));
  json_builder_set_member_name (b, "n_pass");
  json_builder_add_int_value (b, result->n_pass);
  json_builder_set_member_name (b, "n_marginal");
  json_builder_add_int_value (b, result->n_marginal);
  json_builder_set_member_name (b, "n_fail");
  json_builder_add_int_value (b, result->n_fail);
  json_builder_set_member_name (b, "nets");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->nets->len; i++)
    {
      const HrNetResult *n = g_ptr_array_index (result->nets, i);
      build_net (b, n);
      for (guint j = 0; j < n->receivers->len; j++)
        collect_result_levels (seen, list, g_ptr_array_index (n->receivers, j));
    }
  json_builder_end_array (b);
  add_levels_list (b, list);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
hr_matrix_result_to_json (const HrMatrixResult *m)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (m != NULL, NULL);
  n = m->families->len;
  json_builder_begin_object (b);
  hr_noise_json_add_number (b, "vcc_v", m->vcc_v);
  json_builder_set_member_name (b, "families");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (b, g_ptr_array_index (m->families, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "vccs_v");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, *(double *) g_ptr_array_index (m->vccs, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  for (guint r = 0; r < n; r++)
    {
      json_builder_begin_array (b);
      for (guint c = 0; c < n; c++)
        {
          const HrMarginResult *cell = hr_matrix_result_get (m, r, c);
          if (cell == NULL)
            json_builder_add_null_value (b);
          else
            build_margin (b, cell);
          collect_result_levels (seen, list, cell);
        }
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  add_levels_list (b, list);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
