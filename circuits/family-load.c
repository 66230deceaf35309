/* family-load.c — parsing and validating a families file (docs/families.md).
 *
 * A families file may come from a user (--families FILE), so nothing in it is trusted: the text
 * is held to strict JSON first and built into a tree (hr_json_parse(), shared with circuit
 * files), then every member is type-checked, every unit string goes through hr_units_parse(),
 * unknown keys are refused (a typo must not silently drop a datasheet limit), and every error
 * reads "FILE:LINE:COL: PATH: what", the path and position those of the offending value (of
 * its key for an unknown key, of the object that lacks it for a missing one). The first
 * problem found stops the load, and nothing of a refused file is kept. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "family-private.h"
#include "json-scan.h"

typedef struct {
  const char *file;                /* the name errors give */
  const char *text;                /* the checked JSON, for locating paths */
  gsize len;
  double temp_min_c, temp_max_c;   /* "default_temperature" of the file */
} Ctx;

/* Where an error points (HrJsonAnchor), short names for the many calls below. */
#define AT_VALUE HR_JSON_AT_VALUE
#define AT_KEY HR_JSON_AT_KEY
#define AT_PARENT HR_JSON_AT_PARENT

static gboolean G_GNUC_PRINTF (6, 7)
fail (GError **error, HrCircuitError code, const Ctx *ctx, const HrJsonPath *path,
      HrJsonAnchor anchor, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  hr_json_set_error (error, code, ctx->file, ctx->text, ctx->len, path, anchor, "%s", what);
  return FALSE;
}

static gboolean
wrong_type (GError **error, HrCircuitError code, const Ctx *ctx, const HrJsonPath *path,
            JsonNode *node, const char *expected)
{
  g_autofree char *found = hr_json_describe (node);

  return fail (error, code, ctx, path, AT_VALUE, "expected %s, found %s", expected, found);
}

/* PATH and one more step (KEY is borrowed). Paths are passed down as values rather than
 * pushed and popped, so that every early return leaves them right; a families file nests
 * eight levels at most, so a copy is small. */
static HrJsonPath
child (const HrJsonPath *path, const char *key)
{
  HrJsonPath p = *path;

  hr_json_path_push_key (&p, key);
  return p;
}

static HrJsonPath
element (const HrJsonPath *path, guint index)
{
  HrJsonPath p = *path;

  hr_json_path_push_index (&p, index);
  return p;
}

void
hr_fam_value_clear (HrFamValue *value)
{
  g_clear_pointer (&value->source, g_free);
}

static void
point_clear (gpointer data)
{
  hr_fam_value_clear (&((HrFamPoint *) data)->v);
}

void
hr_fam_supply_free (HrFamSupply *s)
{
  if (s == NULL)
    return;
  hr_fam_value_clear (&s->vih);
  hr_fam_value_clear (&s->vil);
  hr_fam_value_clear (&s->iih);
  hr_fam_value_clear (&s->iil);
  hr_fam_value_clear (&s->vin_max);
  hr_fam_value_clear (&s->vout_max);
  g_clear_pointer (&s->voh, g_array_unref);
  g_clear_pointer (&s->vol, g_array_unref);
  g_free (s->source);
  g_free (s->notes);
  g_free (s);
}

void
hr_family_free (HrFamily *f)
{
  if (f == NULL)
    return;
  g_free (f->name);
  g_strfreev (f->aliases);
  g_free (f->title);
  g_free (f->kind);
  g_free (f->notes);
  g_free (f->between_source);
  g_clear_pointer (&f->supplies, g_ptr_array_unref);
  g_clear_pointer (&f->tabulated, g_array_unref);
  g_free (f);
}

double
hr_fam_value_at (const HrFamValue *value, double vcc_v)
{
  /* Datasheet levels are decimal data; a level derived from VCC means nothing below a
   * nanovolt, so round there: VCC 3.3 - 0.2 is 3.1, not 3.0999999999999996. */
  switch (value->kind)
    {
    case HR_FAM_VALUE_FRACTION: return round (value->x * vcc_v * 1e9) / 1e9;
    case HR_FAM_VALUE_OFFSET: return round ((vcc_v + value->x) * 1e9) / 1e9;
    case HR_FAM_VALUE_ABSOLUTE: default: return value->x;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Generic members                                                                          */

static gboolean
check_keys (JsonObject *obj, const char *const *allowed, const Ctx *ctx,
            const HrJsonPath *path, GError **error)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *close = NULL;
      HrJsonPath p;

      if (g_strv_contains (allowed, key))
        continue;
      for (guint i = 0; allowed[i] != NULL && close == NULL; i++)
        if (g_ascii_strcasecmp (key, allowed[i]) == 0)
          close = allowed[i];
      p = child (path, key);
      if (close != NULL)
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_KEY,
                     "unknown key; did you mean \"%s\"? (keys are lowercase)", close);
      {
        g_autofree char *known = g_strjoinv (", ", (char **) allowed);

        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_KEY, "unknown key; known: %s",
                     known);
      }
    }
  return TRUE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_number (JsonNode *node)
{
  GType t = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  return t == G_TYPE_DOUBLE || t == G_TYPE_INT64;
}

/* String member KEY of the object at PATH into *OUT (borrowed; NULL if absent and not
 * REQUIRED). */
static gboolean
get_string (JsonObject *obj, const char *key, gboolean required, const Ctx *ctx,
            const HrJsonPath *path, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  HrJsonPath p = child (path, key);

  *out = NULL;
  if (node == NULL)
    return !required || fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_PARENT,
                              "missing; expected a non-empty string");
  if (!is_string (node) || *json_node_get_string (node) == '\0')
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, node, "a non-empty string");
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
parse_unit (JsonNode *node, HrUnit unit, const Ctx *ctx, const HrJsonPath *path, double *out,
            GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!is_string (node))
    {
      g_autofree char *expected =
          g_strdup_printf ("a value with its unit as a string (\"%s\")",
                           unit == HR_UNIT_VOLT ? "3.3V" : unit == HR_UNIT_AMPERE ? "4mA"
                           : unit == HR_UNIT_RATIO ? "65%" : "85C");

      return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, node, expected);
    }
  if (!hr_units_parse (json_node_get_string (node), unit, out, &local))
    return fail (error, HR_CIRCUIT_ERROR_UNIT, ctx, path, AT_VALUE, "%s", local->message);
  return TRUE;
}

static gboolean
parse_flags (JsonNode *node, const Ctx *ctx, const HrJsonPath *path, HrLevelFlags *out,
             GError **error)
{
  JsonArray *arr;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, node,
                       "an array of flags such as [\"unconfirmed\"]");
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      HrJsonPath p = element (path, i);
      const char *s;

      if (!is_string (e))
        return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, e,
                           "a flag: \"unconfirmed\" or \"secondary\"");
      s = json_node_get_string (e);
      if (strcmp (s, "unconfirmed") == 0)
        *out |= HR_LEVEL_UNCONFIRMED;
      else if (strcmp (s, "secondary") == 0)
        *out |= HR_LEVEL_SECONDARY;
      else
        {
          g_autofree char *quoted = hr_json_quote (s, HR_JSON_QUOTE_MAX);

          return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, &p, AT_VALUE,
                       "unknown flag %s; known: unconfirmed, secondary", quoted);
        }
    }
  return TRUE;
}

/* A temperature range: "25C" (one temperature) or ["-40C", "85C"]. */
static gboolean
parse_temp_range (JsonNode *node, const Ctx *ctx, const HrJsonPath *path, double *min_c,
                  double *max_c, GError **error)
{
  JsonArray *arr;
  HrJsonPath p0, p1;

  if (is_string (node))
    {
      if (!parse_unit (node, HR_UNIT_CELSIUS, ctx, path, min_c, error))
        return FALSE;
      *max_c = *min_c;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, node,
                       "a temperature (\"25C\") or a range ([\"-40C\", \"85C\"])");
  arr = json_node_get_array (node);
  if (json_array_get_length (arr) != 2)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, AT_VALUE,
                 "an array of %u; a temperature range has two ends, as in [\"-40C\", \"85C\"]",
                 json_array_get_length (arr));
  p0 = element (path, 0);
  p1 = element (path, 1);
  if (!parse_unit (json_array_get_element (arr, 0), HR_UNIT_CELSIUS, ctx, &p0, min_c, error) ||
      !parse_unit (json_array_get_element (arr, 1), HR_UNIT_CELSIUS, ctx, &p1, max_c, error))
    return FALSE;
  if (*min_c > *max_c)
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path, AT_VALUE,
                 "the range runs from %g °C down to %g °C; write the lower end first",
                 *min_c, *max_c);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Values                                                                                   */

static gboolean
is_supply_word (const char *s)
{
  return g_ascii_strcasecmp (s, "VCC") == 0 || g_ascii_strcasecmp (s, "VDD") == 0;
}

/* The object form of a value: {"volts"|"amperes"|"fraction"|"offset": ..., "flags", "source"} */
static gboolean
parse_value_object (JsonObject *obj, HrUnit unit, const Ctx *ctx, const HrJsonPath *path,
                    HrFamValue *out, GError **error)
{
  static const char *const volt_keys[] = { "volts", "fraction", "offset", "flags", "source", NULL };
  static const char *const amp_keys[] = { "amperes", "flags", "source", NULL };
  const char *abs_key = unit == HR_UNIT_VOLT ? "volts" : "amperes";
  guint n_forms = 0;
  JsonNode *node;
  const char *source;

  if (!check_keys (obj, unit == HR_UNIT_VOLT ? volt_keys : amp_keys, ctx, path, error))
    return FALSE;
  if ((node = json_object_get_member (obj, abs_key)) != NULL)
    {
      HrJsonPath p = child (path, abs_key);

      n_forms++;
      out->kind = HR_FAM_VALUE_ABSOLUTE;
      if (!parse_unit (node, unit, ctx, &p, &out->x, error))
        return FALSE;
    }
  if ((node = json_object_get_member (obj, "fraction")) != NULL)
    {
      HrJsonPath p = child (path, "fraction");

      n_forms++;
      out->kind = HR_FAM_VALUE_FRACTION;
      if (is_number (node))
        out->x = json_node_get_double (node);
      else if (!parse_unit (node, HR_UNIT_RATIO, ctx, &p, &out->x, error))
        return FALSE;
      if (!(out->x > 0 && out->x <= 1))
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, &p, AT_VALUE,
                     "fraction %g of VCC: must be above 0 and at most 1", out->x);
    }
  if ((node = json_object_get_member (obj, "offset")) != NULL)
    {
      HrJsonPath p = child (path, "offset");

      n_forms++;
      out->kind = HR_FAM_VALUE_OFFSET;
      if (!parse_unit (node, HR_UNIT_VOLT, ctx, &p, &out->x, error))
        return FALSE;
      if (out->x > 0)
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, &p, AT_VALUE,
                     "offset %g V from VCC: a level above VCC is not a datasheet limit; "
                     "write it negative (\"-0.1V\" for VCC - 0.1 V)", out->x);
    }
  if (n_forms != 1)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, AT_VALUE, unit == HR_UNIT_VOLT
                 ? "give exactly one of \"volts\", \"fraction\" (of VCC) or \"offset\" (from VCC)"
                 : "give \"amperes\"");
  if ((node = json_object_get_member (obj, "flags")) != NULL)
    {
      HrJsonPath p = child (path, "flags");

      if (!parse_flags (node, ctx, &p, &out->flags, error))
        return FALSE;
    }
  if (!get_string (obj, "source", FALSE, ctx, path, &source, error))
    return FALSE;
  out->source = g_strdup (source);
  return TRUE;
}

/* A voltage ("3.15V", "VCC", {"fraction": 0.65}, {"offset": "-0.1V"}, {"volts": ...}) or,
 * for UNIT == HR_UNIT_AMPERE, a current ("20uA" or {"amperes": ...}). */
static gboolean
parse_value (JsonNode *node, HrUnit unit, const Ctx *ctx, const HrJsonPath *path,
             HrFamValue *out, GError **error)
{
  memset (out, 0, sizeof *out);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return parse_value_object (json_node_get_object (node), unit, ctx, path, out, error);
  if (unit == HR_UNIT_VOLT && is_string (node) && is_supply_word (json_node_get_string (node)))
    {
      out->kind = HR_FAM_VALUE_FRACTION;
      out->x = 1.0;
      return TRUE;
    }
  out->kind = HR_FAM_VALUE_ABSOLUTE;
  return parse_unit (node, unit, ctx, path, &out->x, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Output points                                                                            */

typedef struct {
  guint n;                 /* number of temperature columns of the family, 0 if none */
  double min_c[8], max_c[8];
} Columns;

/* "v" and "at" may each be one value or one per temperature column. */
static gboolean
point_column_count (JsonObject *obj, const Columns *cols, const Ctx *ctx,
                    const HrJsonPath *path, guint *n, GError **error)
{
  static const char *const keys[] = { "v", "at" };
  JsonNode *nodes[] = { json_object_get_member (obj, "v"), json_object_get_member (obj, "at") };
  guint len[2];

  *n = 0;
  for (guint i = 0; i < 2; i++)
    {
      HrJsonPath p = child (path, keys[i]);

      if (!JSON_NODE_HOLDS_ARRAY (nodes[i]))
        {
          len[i] = 0;
          continue;
        }
      len[i] = json_array_get_length (json_node_get_array (nodes[i]));
      /* An empty list has no element to read a value from. */
      if (len[i] == 0)
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_VALUE,
                     "an empty array; give one value, or one per temperature column");
      if (cols->n == 0)
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_VALUE,
                     "one value per temperature column, but the family has no "
                     "\"temperatures\"");
      if (len[i] != cols->n)
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_VALUE,
                     "%u value%s for the family's %u temperature columns", len[i],
                     len[i] == 1 ? "" : "s", cols->n);
      *n = cols->n;
    }
  if (*n > 0 && json_object_get_member (obj, "temp") != NULL)
    {
      HrJsonPath p = child (path, "temp");

      return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_KEY,
                   "\"temp\" goes with a single value; per-column values take the columns' "
                   "temperatures");
    }
  return TRUE;
}

/* Element I of NODE, member KEY of the point at PATH, if it is a per-column list, and its
 * path in *AT. */
static JsonNode *
column_element (JsonNode *node, const HrJsonPath *path, const char *key, guint i,
                HrJsonPath *at)
{
  *at = child (path, key);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return node;
  hr_json_path_push_index (at, i);
  return json_array_get_element (json_node_get_array (node), i);
}

static gboolean
check_point (const HrFamPoint *p, gboolean high, const HrFamSupply *s, const Ctx *ctx,
             const HrJsonPath *at_path, const HrJsonPath *v_path, const HrJsonPath *vcc_path,
             GError **error)
{
  double lo = isnan (p->vcc_v) ? s->vcc_min_v : p->vcc_v;
  double hi = isnan (p->vcc_v) ? s->vcc_max_v : p->vcc_v;

  if (high ? !(p->current_a < 0) : !(p->current_a > 0))
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, at_path, AT_VALUE, high
                 ? "a VOH load is sourced by the output: write it negative (\"-4mA\")"
                 : "a VOL load is sunk by the output: write it positive (\"4mA\")");
  if (!isnan (p->vcc_v) && (p->vcc_v < s->vcc_min_v - HR_FAMILY_VCC_EPS_V ||
                            p->vcc_v > s->vcc_max_v + HR_FAMILY_VCC_EPS_V))
    {
      g_autofree char *range = s->vcc_min_v == s->vcc_max_v
          ? g_strdup_printf ("%g V", s->vcc_min_v)
          : g_strdup_printf ("%g–%g V", s->vcc_min_v, s->vcc_max_v);
      return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, vcc_path, AT_VALUE,
                   "%g V is outside the supply entry's %s (a point's own supply must lie in "
                   "its entry's range)", p->vcc_v, range);
    }
  for (double vcc = lo; ; vcc = hi)
    {
      double v = hr_fam_value_at (&p->v, vcc);
      if (!(v >= 0 && v <= vcc + HR_FAMILY_VCC_EPS_V))
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, v_path, AT_VALUE,
                     "%g V at VCC %g V is outside 0…VCC", v, vcc);
      if (vcc == hi)
        break;
    }
  return TRUE;
}

static gboolean
parse_point_column (JsonObject *obj, gboolean high, guint col, gboolean per_column,
                    const Columns *cols,
                    const HrFamily *f, const HrFamSupply *s, HrLevelFlags inherited,
                    const Ctx *ctx, const HrJsonPath *path, HrFamPoint *p, GError **error)
{
  JsonNode *at = json_object_get_member (obj, "at"), *v = json_object_get_member (obj, "v");
  JsonNode *node;
  HrJsonPath at_path, v_path, vcc_path = child (path, "vcc");
  const char *source;

  at = column_element (at, path, "at", col, &at_path);
  v = column_element (v, path, "v", col, &v_path);
  if (!parse_unit (at, HR_UNIT_AMPERE, ctx, &at_path, &p->current_a, error) ||
      !parse_value (v, HR_UNIT_VOLT, ctx, &v_path, &p->v, error))
    return FALSE;
  p->vcc_v = NAN;
  if ((node = json_object_get_member (obj, "vcc")) != NULL &&
      !parse_unit (node, HR_UNIT_VOLT, ctx, &vcc_path, &p->vcc_v, error))
    return FALSE;
  /* A point without its own temperature holds over the family's whole range (the
   * datasheet gives the same limit in every column, or has one column only). */
  p->temp_min_c = per_column ? cols->min_c[col] : f->temp_min_c;
  p->temp_max_c = per_column ? cols->max_c[col] : f->temp_max_c;
  if ((node = json_object_get_member (obj, "temp")) != NULL)
    {
      HrJsonPath tp = child (path, "temp");

      if (!parse_temp_range (node, ctx, &tp, &p->temp_min_c, &p->temp_max_c, error))
        return FALSE;
    }
  p->v.flags |= inherited;
  if ((node = json_object_get_member (obj, "flags")) != NULL)
    {
      HrJsonPath fp = child (path, "flags");

      if (!parse_flags (node, ctx, &fp, &p->v.flags, error))
        return FALSE;
    }
  if (!get_string (obj, "source", FALSE, ctx, path, &source, error))
    return FALSE;
  if (source != NULL && p->v.source == NULL)
    p->v.source = g_strdup (source);
  return check_point (p, high, s, ctx, &at_path, &v_path, &vcc_path, error);
}

static gboolean
parse_points (JsonNode *node, gboolean high, const Columns *cols, const HrFamily *f,
              HrFamSupply *s, HrLevelFlags inherited, const Ctx *ctx, const HrJsonPath *path,
              GArray **out, GError **error)
{
  static const char *const keys[] = { "at", "v", "vcc", "temp", "flags", "source", NULL };
  JsonArray *arr = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (arr == NULL)
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, node,
                       "an array of {\"at\": LOAD, \"v\": LEVEL} points");
  if (json_array_get_length (arr) == 0)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, AT_VALUE,
                 "an empty array; give at least one {\"at\": LOAD, \"v\": LEVEL} point");
  *out = g_array_new (FALSE, TRUE, sizeof (HrFamPoint));
  g_array_set_clear_func (*out, point_clear);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      HrJsonPath ppath = element (path, i);
      JsonNode *e = json_array_get_element (arr, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      guint n;

      if (obj == NULL)
        return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &ppath, e,
                           "a point {\"at\": LOAD, \"v\": LEVEL}");
      if (!check_keys (obj, keys, ctx, &ppath, error))
        return FALSE;
      for (guint k = 0; k < 2; k++)
        if (!json_object_has_member (obj, keys[k]))
          {
            HrJsonPath p = child (&ppath, keys[k]);

            return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_PARENT,
                         "missing; a point needs \"at\" (its load current) and \"v\" "
                         "(its level)");
          }
      if (!point_column_count (obj, cols, ctx, &ppath, &n, error))
        return FALSE;
      for (guint c = 0; c < MAX (n, 1); c++)
        {
          HrFamPoint p = { 0 };
          gboolean ok = parse_point_column (obj, high, c, n > 0, cols, f, s, inherited, ctx,
                                            &ppath, &p, error);
          g_array_append_val (*out, p);   /* appended even on error, so it is freed */
          if (!ok)
            return FALSE;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Supplies                                                                                 */

static gboolean
parse_vcc (JsonNode *node, const Ctx *ctx, const HrJsonPath *path, double *min_v,
           double *max_v, GError **error)
{
  JsonArray *arr = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (arr != NULL)
    {
      HrJsonPath p0 = element (path, 0), p1 = element (path, 1);

      if (json_array_get_length (arr) != 2)
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, AT_VALUE,
                     "an array of %u; a supply range is [\"MIN\", \"MAX\"], e.g. "
                     "[\"4.5V\", \"5.5V\"]", json_array_get_length (arr));
      if (!parse_unit (json_array_get_element (arr, 0), HR_UNIT_VOLT, ctx, &p0, min_v, error) ||
          !parse_unit (json_array_get_element (arr, 1), HR_UNIT_VOLT, ctx, &p1, max_v, error))
        return FALSE;
      if (!(*min_v < *max_v))
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path, AT_VALUE,
                     "the range %g–%g V is empty; write the lower supply first", *min_v, *max_v);
    }
  else
    {
      if (!parse_unit (node, HR_UNIT_VOLT, ctx, path, min_v, error))
        return FALSE;
      *max_v = *min_v;
    }
  if (!(*min_v > 0))
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path, AT_VALUE,
                 "a supply must be above 0 V");
  return TRUE;
}

/* Where a supply entry's keys are looked up: the entry, then its family's defaults. */
typedef struct {
  JsonObject *sup, *fam;
  const Ctx *ctx;
  const HrJsonPath *path, *fam_path;
} Entry;

/* KEY from the supply entry, else from the family (the family's value is a default); *WHERE
 * is the path of the one found, or the entry's KEY if neither has it. */
static JsonNode *
member_or_default (const Entry *w, const char *key, HrJsonPath *where)
{
  JsonNode *node = json_object_get_member (w->sup, key);

  if (node != NULL)
    {
      *where = child (w->path, key);
      return node;
    }
  node = json_object_get_member (w->fam, key);
  *where = child (node != NULL ? w->fam_path : w->path, key);
  return node;
}

static gboolean
supply_value (const Entry *w, const char *key, HrUnit unit, gboolean required,
              HrLevelFlags inherited, HrFamValue *out, HrJsonPath *where, GError **error)
{
  JsonNode *node = member_or_default (w, key, where);

  memset (out, 0, sizeof *out);
  if (node == NULL)
    return !required || fail (error, HR_CIRCUIT_ERROR_SCHEMA, w->ctx, where, AT_PARENT,
                              "missing; give it in the supply entry, or in the family for "
                              "all its supplies");
  if (!parse_value (node, unit, w->ctx, where, out, error))
    return FALSE;
  out->flags |= inherited;
  return TRUE;
}

typedef enum { POSITIVE, NEGATIVE, NOT_NEGATIVE, NOT_POSITIVE } Sign;

static gboolean
check_sign (double x, Sign sign, const Ctx *ctx, const HrJsonPath *path, GError **error)
{
  static const char *const words[] = {
    "positive (a current into the pin)", "negative (a current out of the pin)",
    "0 or positive (a current into the pin)", "0 or negative (a current out of the pin)",
  };
  gboolean ok = sign == POSITIVE ? x > 0 : sign == NEGATIVE ? x < 0 :
                sign == NOT_NEGATIVE ? x >= 0 : x <= 0;

  if (!ok)
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path, AT_VALUE, "must be %s",
                 words[sign]);
  return TRUE;
}

/* A current of the entry (with its flags, for IIH/IIL) and its sign checked. */
static gboolean
supply_current (const Entry *w, const char *key, gboolean required, Sign sign,
                HrLevelFlags inherited, HrFamValue *out, GError **error)
{
  HrJsonPath where;

  return supply_value (w, key, HR_UNIT_AMPERE, required, inherited, out, &where, error) &&
         check_sign (out->x, sign, w->ctx, &where, error);
}

/* A rating: only the number is kept. */
static gboolean
supply_rating (const Entry *w, const char *key, gboolean required, Sign sign, double *out,
               GError **error)
{
  HrFamValue v;
  gboolean ok = supply_current (w, key, required, sign, 0, &v, error);

  *out = v.x;
  hr_fam_value_clear (&v);
  return ok;
}

static gboolean
parse_supply_currents (const Entry *w, HrFamSupply *s, HrLevelFlags inh, GError **error)
{
  return supply_current (w, "iih", TRUE, NOT_NEGATIVE, inh, &s->iih, error) &&
         supply_current (w, "iil", TRUE, NOT_POSITIVE, inh, &s->iil, error) &&
         supply_rating (w, "ioh_max", TRUE, NEGATIVE, &s->ioh_max_a, error) &&
         supply_rating (w, "iol_max", TRUE, POSITIVE, &s->iol_max_a, error) &&
         supply_rating (w, "delta_icc", FALSE, NOT_NEGATIVE, &s->delta_icc_a, error);
}

/* Where the four levels of an entry were read, for pointing at the one at fault. */
enum { AT_VIH, AT_VIL, AT_VIN_MAX, AT_VOUT_MAX, N_LEVELS };

/* 0 <= VIL <= VIH <= VCC at both ends of the entry's range. */
static gboolean
check_thresholds (const HrFamSupply *s, const Ctx *ctx, const HrJsonPath *at, GError **error)
{
  for (double vcc = s->vcc_min_v; ; vcc = s->vcc_max_v)
    {
      double vih = hr_fam_value_at (&s->vih, vcc), vil = hr_fam_value_at (&s->vil, vcc);
      double vin_max = hr_fam_value_at (&s->vin_max, vcc);

      if (!(vil >= 0 && vil <= vih && vih <= vcc + HR_FAMILY_VCC_EPS_V))
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx,
                     &at[vil < 0 ? AT_VIL : AT_VIH],
                     AT_VALUE,
                     "at VCC %g V: VIL %g V and VIH %g V must satisfy 0 <= VIL <= VIH <= VCC",
                     vcc, vil, vih);
      if (vin_max < vih || hr_fam_value_at (&s->vout_max, vcc) <= 0)
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx,
                     &at[vin_max < vih ? AT_VIN_MAX : AT_VOUT_MAX], AT_VALUE,
                     "at VCC %g V: vin_max must be at least VIH and vout_max above 0", vcc);
      if (vcc == s->vcc_max_v)
        return TRUE;
    }
}

static gboolean
parse_supply_levels (const Entry *w, const Columns *cols, const HrFamily *f, HrFamSupply *s,
                     HrLevelFlags inh, GError **error)
{
  JsonObject *sup = w->sup;
  const Ctx *ctx = w->ctx;
  HrJsonPath at[N_LEVELS];
  JsonNode *node;

  if (!supply_value (w, "vih", HR_UNIT_VOLT, TRUE, inh, &s->vih, &at[AT_VIH], error) ||
      !supply_value (w, "vil", HR_UNIT_VOLT, TRUE, inh, &s->vil, &at[AT_VIL], error) ||
      !supply_value (w, "vin_max", HR_UNIT_VOLT, TRUE, inh, &s->vin_max, &at[AT_VIN_MAX],
                     error) ||
      !supply_value (w, "vout_max", HR_UNIT_VOLT, TRUE, inh, &s->vout_max, &at[AT_VOUT_MAX],
                     error) ||
      !check_thresholds (s, ctx, at, error))
    return FALSE;
  if ((node = json_object_get_member (sup, "voh")) != NULL)
    {
      HrJsonPath p = child (w->path, "voh");

      if (!parse_points (node, TRUE, cols, f, s, inh, ctx, &p, &s->voh, error))
        return FALSE;
    }
  if ((node = json_object_get_member (sup, "vol")) != NULL)
    {
      HrJsonPath p = child (w->path, "vol");

      if (!parse_points (node, FALSE, cols, f, s, inh, ctx, &p, &s->vol, error))
        return FALSE;
    }
  if ((s->voh == NULL) != (s->vol == NULL))
    {
      HrJsonPath p = child (w->path, s->voh == NULL ? "voh" : "vol");

      return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_PARENT,
                   "missing; give both \"voh\" and \"vol\", or neither (then the supply "
                   "below's are used)");
    }
  return TRUE;
}

static HrFamSupply *
parse_supply (JsonNode *node, JsonObject *fam, const Columns *cols, const HrFamily *f,
              const Ctx *ctx, const HrJsonPath *path, const HrJsonPath *fam_path,
              GError **error)
{
  static const char *const keys[] = {
    "vcc", "source", "notes", "flags", "vih", "vil", "voh", "vol", "iih", "iil", "ioh_max",
    "iol_max", "delta_icc", "vin_max", "vout_max", NULL
  };
  g_autoptr(GError) local = NULL;
  JsonObject *sup = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  HrFamSupply *s;
  HrLevelFlags inh = 0;
  JsonNode *flags;
  const char *source = NULL, *notes = NULL;
  Entry w = { sup, fam, ctx, path, fam_path };
  HrJsonPath p;

  if (sup == NULL)
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, node,
                       "a supply entry: an object such as {\"vcc\": \"5V\", \"vih\": ...}"),
           NULL;
  if (!check_keys (sup, keys, ctx, path, error))
    return NULL;
  if (!json_object_has_member (sup, "vcc"))
    {
      p = child (path, "vcc");
      return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_PARENT,
                   "missing; a supply entry has \"vcc\": \"4.5V\" or a range "
                   "[\"4.5V\", \"5.5V\"]"), NULL;
    }
  s = g_new0 (HrFamSupply, 1);
  p = child (fam_path, "flags");
  if ((flags = json_object_get_member (fam, "flags")) != NULL &&
      !parse_flags (flags, ctx, &p, &inh, &local))
    goto out;
  p = child (path, "flags");
  if ((flags = json_object_get_member (sup, "flags")) != NULL &&
      !parse_flags (flags, ctx, &p, &inh, &local))
    goto out;
  p = child (path, "vcc");
  if (!parse_vcc (json_object_get_member (sup, "vcc"), ctx, &p, &s->vcc_min_v, &s->vcc_max_v,
                  &local))
    goto out;
  if (!get_string (sup, "source", FALSE, ctx, path, &source, &local) ||
      (source == NULL && !get_string (fam, "source", FALSE, ctx, fam_path, &source, &local)) ||
      !get_string (sup, "notes", FALSE, ctx, path, &notes, &local))
    goto out;
  if (source == NULL)
    {
      p = child (path, "source");
      fail (&local, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_PARENT,
            "missing; every number needs the document it comes from (give \"source\" in the "
            "supply entry or the family)");
      goto out;
    }
  s->source = g_strdup (source);
  s->notes = g_strdup (notes);
  if (parse_supply_currents (&w, s, inh, &local) &&
      parse_supply_levels (&w, cols, f, s, inh, &local))
    return s;
out:
  g_propagate_error (error, g_steal_pointer (&local));
  hr_fam_supply_free (s);
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Families                                                                                 */

/* A family may also give the per-supply keys iih ... iol_max once for all its supplies. */
static const char *const family_keys[] = {
  "name", "aliases", "title", "kind", "nominal", "between_supplies", "between_source",
  "temperature", "temperatures", "source", "notes", "flags", "supplies",
  "iih", "iil", "vin_max", "vout_max", "delta_icc", "ioh_max", "iol_max", NULL
};

static gboolean
parse_aliases (JsonObject *obj, HrFamily *f, const Ctx *ctx, const HrJsonPath *path,
               GError **error)
{
  JsonNode *node = json_object_get_member (obj, "aliases");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  HrJsonPath p = child (path, "aliases");
  JsonArray *arr;

  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, node,
                           "an array of strings such as [\"HC\"]");
      arr = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *e = json_array_get_element (arr, i);
          HrJsonPath ep = element (&p, i);

          if (!is_string (e) || *json_node_get_string (e) == '\0')
            return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &ep, e,
                               "a non-empty string");
          g_strv_builder_add (b, json_node_get_string (e));
        }
    }
  f->aliases = g_strv_builder_end (b);
  return TRUE;
}

static gboolean
parse_family_words (JsonObject *obj, HrFamily *f, const Ctx *ctx, const HrJsonPath *path,
                    GError **error)
{
  static const char *const kinds[] = { "cmos", "ttl", "jedec", "cmos-ttl-inputs", NULL };
  const char *name, *title, *kind, *notes, *between, *why;

  if (!check_keys (obj, family_keys, ctx, path, error) ||
      !get_string (obj, "name", TRUE, ctx, path, &name, error) ||
      !get_string (obj, "title", TRUE, ctx, path, &title, error) ||
      !get_string (obj, "kind", TRUE, ctx, path, &kind, error) ||
      !get_string (obj, "notes", FALSE, ctx, path, &notes, error) ||
      !get_string (obj, "between_supplies", TRUE, ctx, path, &between, error) ||
      !get_string (obj, "between_source", FALSE, ctx, path, &why, error))
    return FALSE;
  if (!g_strv_contains (kinds, kind))
    {
      HrJsonPath p = child (path, "kind");
      g_autofree char *quoted = hr_json_quote (kind, HR_JSON_QUOTE_MAX);

      return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, &p, AT_VALUE,
                   "unknown kind %s; known: cmos, ttl, jedec, cmos-ttl-inputs", quoted);
    }
  if (strcmp (between, "interpolate") != 0 && strcmp (between, "none") != 0)
    {
      HrJsonPath p = child (path, "between_supplies");
      g_autofree char *quoted = hr_json_quote (between, HR_JSON_QUOTE_MAX);

      return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, &p, AT_VALUE,
                   "%s; expected \"interpolate\" or \"none\"", quoted);
    }
  f->name = g_strdup (name);
  f->title = g_strdup (title);
  f->kind = g_strdup (kind);
  f->notes = g_strdup (notes);
  f->interpolates = strcmp (between, "interpolate") == 0;
  f->between_source = g_strdup (why);
  return parse_aliases (obj, f, ctx, path, error);
}

static gboolean
parse_columns (JsonObject *obj, HrFamily *f, Columns *cols, const Ctx *ctx,
               const HrJsonPath *path, GError **error)
{
  JsonNode *node = json_object_get_member (obj, "temperature");
  HrJsonPath p;
  JsonArray *arr;

  f->temp_min_c = ctx->temp_min_c;
  f->temp_max_c = ctx->temp_max_c;
  if (node != NULL)
    {
      p = child (path, "temperature");
      if (!parse_temp_range (node, ctx, &p, &f->temp_min_c, &f->temp_max_c, error))
        return FALSE;
    }
  /* Read at the industrial top end unless the family is rated for less (74LS: 70 °C). */
  f->temp_default_c = MIN (ctx->temp_max_c, f->temp_max_c);
  cols->n = 0;
  if ((node = json_object_get_member (obj, "temperatures")) == NULL)
    return TRUE;
  p = child (path, "temperatures");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, node,
                       "an array of temperature columns such as "
                       "[\"25C\", [\"-40C\", \"85C\"]]");
  arr = json_node_get_array (node);
  if (json_array_get_length (arr) == 0
      || json_array_get_length (arr) > G_N_ELEMENTS (cols->min_c))
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_VALUE,
                 "%u columns; a family has 1 to %u temperature columns",
                 json_array_get_length (arr), (guint) G_N_ELEMENTS (cols->min_c));
  cols->n = json_array_get_length (arr);
  for (guint i = 0; i < cols->n; i++)
    {
      HrJsonPath ep = element (&p, i);

      if (!parse_temp_range (json_array_get_element (arr, i), ctx, &ep, &cols->min_c[i],
                             &cols->max_c[i], error))
        return FALSE;
      if (cols->min_c[i] < f->temp_min_c || cols->max_c[i] > f->temp_max_c)
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, &ep, AT_VALUE,
                     "the column lies outside the family's \"temperature\" range %g…%g °C",
                     f->temp_min_c, f->temp_max_c);
    }
  return TRUE;
}

static int
supply_cmp (gconstpointer a, gconstpointer b)
{
  const HrFamSupply *x = *(HrFamSupply *const *) a, *y = *(HrFamSupply *const *) b;

  if (x->vcc_min_v != y->vcc_min_v)
    return x->vcc_min_v < y->vcc_min_v ? -1 : 1;
  return x->vcc_max_v < y->vcc_max_v ? -1 : x->vcc_max_v > y->vcc_max_v;
}

static int
double_cmp (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
collect_tabulated (HrFamily *f)
{
  f->tabulated = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < f->supplies->len; i++)
    {
      const HrFamSupply *s = g_ptr_array_index (f->supplies, i);
      g_array_append_val (f->tabulated, s->vcc_min_v);
      if (s->vcc_max_v != s->vcc_min_v)
        g_array_append_val (f->tabulated, s->vcc_max_v);
    }
  g_array_sort (f->tabulated, double_cmp);
  for (guint i = 1; i < f->tabulated->len; )
    if (g_array_index (f->tabulated, double, i) - g_array_index (f->tabulated, double, i - 1)
        < HR_FAMILY_VCC_EPS_V)
      g_array_remove_index (f->tabulated, i);
    else
      i++;
}

static gboolean
parse_supplies (JsonObject *obj, HrFamily *f, const Columns *cols, const Ctx *ctx,
                const HrJsonPath *path, GError **error)
{
  JsonNode *node = json_object_get_member (obj, "supplies");
  HrJsonPath p = child (path, "supplies");
  JsonArray *arr;
  guint lowest = 0;

  if (node == NULL)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_PARENT,
                 "missing; a family lists its datasheet's supply columns");
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, node,
                       "an array of supply entries");
  arr = json_node_get_array (node);
  if (json_array_get_length (arr) == 0)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_VALUE,
                 "an empty array; a family has at least one supply entry");
  f->supplies = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_fam_supply_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      HrJsonPath ep = element (&p, i);
      HrFamSupply *s = parse_supply (json_array_get_element (arr, i), obj, cols, f, ctx, &ep,
                                     path, error);
      if (s == NULL)
        return FALSE;
      g_ptr_array_add (f->supplies, s);
      if (supply_cmp (&s, &g_ptr_array_index (f->supplies, lowest)) < 0)
        lowest = i;
    }
  if (((HrFamSupply *) g_ptr_array_index (f->supplies, lowest))->voh == NULL)
    {
      HrJsonPath ep = element (&p, lowest);

      return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &ep, AT_VALUE,
                   "the lowest supply has no \"voh\"/\"vol\", and there is no supply below to "
                   "take output levels from");
    }
  /* An entry without outputs takes those of the nearest entry ending at or below its start
   * (family.c, output_supply()). Overlapping ranges can leave none such even when the lowest
   * entry has outputs: [2.7V, 5.2V] with outputs and [4V, 5V] without. */
  for (guint i = 0; i < f->supplies->len; i++)
    {
      const HrFamSupply *s = g_ptr_array_index (f->supplies, i);
      gboolean lender = s->voh != NULL;

      for (guint j = 0; j < f->supplies->len && !lender; j++)
        {
          const HrFamSupply *t = g_ptr_array_index (f->supplies, j);

          lender = t->voh != NULL && t->vcc_max_v <= s->vcc_min_v + HR_FAMILY_VCC_EPS_V;
        }
      if (!lender)
        {
          HrJsonPath ep = element (&p, i);

          return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, &ep, AT_VALUE,
                       "no \"voh\"/\"vol\", and no entry with them ends at or below %g V "
                       "to take output levels from (give them, or make the entries' supplies "
                       "not overlap)", s->vcc_min_v);
        }
    }
  g_ptr_array_sort (f->supplies, supply_cmp);
  collect_tabulated (f);
  return TRUE;
}

static HrFamily *
parse_family (JsonNode *node, const Ctx *ctx, const HrJsonPath *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  HrJsonPath p = child (path, "nominal");
  HrFamily *f;
  Columns cols;
  JsonNode *nominal;

  if (obj == NULL)
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, node,
                       "a family (an object with name, title, kind, nominal, "
                       "between_supplies and supplies)"), NULL;
  f = g_new0 (HrFamily, 1);
  if (!parse_family_words (obj, f, ctx, path, &local) ||
      !parse_columns (obj, f, &cols, ctx, path, &local) ||
      !parse_supplies (obj, f, &cols, ctx, path, &local))
    goto out;
  if ((nominal = json_object_get_member (obj, "nominal")) == NULL)
    {
      fail (&local, HR_CIRCUIT_ERROR_SCHEMA, ctx, &p, AT_PARENT,
            "missing; the usual supply, as in \"nominal\": \"5V\"");
      goto out;
    }
  {
    g_autoptr(HrLevels) levels = NULL;
    g_autoptr(GError) why = NULL;

    if (!parse_unit (nominal, HR_UNIT_VOLT, ctx, &p, &f->vcc_nominal_v, &local))
      goto out;
    /* Every family must give levels at its own nominal supply: the matrix relies on it. */
    if ((levels = hr_family_levels_at (f, f->vcc_nominal_v, &why)) == NULL)
      {
        fail (&local, HR_CIRCUIT_ERROR_VALUE, ctx, &p, AT_VALUE, "%s", why->message);
        goto out;
      }
  }
  return f;
out:
  g_propagate_error (error, g_steal_pointer (&local));
  hr_family_free (f);
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* The file                                                                                 */

static gboolean
check_unique_names (GPtrArray *families, const Ctx *ctx, const HrJsonPath *path,
                    GError **error)
{
  /* lowercased name -> 1 + the index of the family it names */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < families->len; i++)
    {
      const HrFamily *f = g_ptr_array_index (families, i);
      HrJsonPath fp = element (path, i);

      for (int j = -1; j < 0 || f->aliases[j] != NULL; j++)
        {
          const char *name = j < 0 ? f->name : f->aliases[j];
          char *key = g_ascii_strdown (name, -1);
          gpointer other;

          if (g_hash_table_lookup_extended (seen, key, NULL, &other))
            {
              guint k = GPOINTER_TO_UINT (other) - 1;
              const HrFamily *of = g_ptr_array_index (families, k);
              g_autofree char *quoted = hr_json_quote (name, HR_JSON_QUOTE_MAX);
              HrJsonPath p = child (&fp, j < 0 ? "name" : "aliases");

              g_free (key);
              if (j >= 0)
                hr_json_path_push_index (&p, (guint) j);
              return fail (error, HR_CIRCUIT_ERROR_DUPLICATE, ctx, &p, AT_VALUE,
                           "%s is already a name of families[%u] (%s); names and aliases are "
                           "unique, compared without case", quoted, k, of->name);
            }
          g_hash_table_insert (seen, key, GUINT_TO_POINTER (i + 1));
        }
    }
  return TRUE;
}

static gboolean
parse_header (JsonNode *root, Ctx *ctx, const HrJsonPath *top, GError **error)
{
  static const char *const keys[] = {
    "format", "version", "description", "default_temperature", "families", NULL
  };
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  HrJsonPath p;
  JsonNode *node;

  if (obj == NULL)
    return wrong_type (error, HR_CIRCUIT_ERROR_FORMAT, ctx, top, root,
                       "an object {\"format\": \"headroom-families\", \"version\": 1, ...}");
  /* Format and version first: another file is refused as such, not for a key this version
   * does not know. */
  p = child (top, "format");
  if ((node = json_object_get_member (obj, "format")) == NULL)
    return fail (error, HR_CIRCUIT_ERROR_FORMAT, ctx, &p, AT_PARENT,
                 "missing; a families file begins \"format\": \"headroom-families\", "
                 "\"version\": 1");
  if (!is_string (node))
    return wrong_type (error, HR_CIRCUIT_ERROR_FORMAT, ctx, &p, node,
                       "the string \"headroom-families\"");
  if (strcmp (json_node_get_string (node), "headroom-families") != 0)
    {
      g_autofree char *quoted = hr_json_quote (json_node_get_string (node), HR_JSON_QUOTE_MAX);

      return fail (error, HR_CIRCUIT_ERROR_FORMAT, ctx, &p, AT_VALUE,
                   "%s is not a headroom families file; expected \"headroom-families\"",
                   quoted);
    }
  p = child (top, "version");
  if ((node = json_object_get_member (obj, "version")) == NULL)
    return fail (error, HR_CIRCUIT_ERROR_FORMAT, ctx, &p, AT_PARENT,
                 "missing; expected \"version\": 1");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (error, HR_CIRCUIT_ERROR_FORMAT, ctx, &p, node, "the integer 1");
  if (json_node_get_int (node) != 1)
    return fail (error, HR_CIRCUIT_ERROR_FORMAT, ctx, &p, AT_VALUE,
                 "%" G_GINT64_FORMAT " is not a version this headroom reads; it reads 1",
                 json_node_get_int (node));
  if (!check_keys (obj, keys, ctx, top, error))
    return FALSE;
  ctx->temp_min_c = -40;   /* the industrial range, when the file does not say */
  ctx->temp_max_c = 85;
  p = child (top, "default_temperature");
  if ((node = json_object_get_member (obj, "default_temperature")) != NULL &&
      !parse_temp_range (node, ctx, &p, &ctx->temp_min_c, &ctx->temp_max_c, error))
    return FALSE;
  return TRUE;
}

GPtrArray *
hr_family_parse (const char *json, gssize length, const char *name_for_errors, GError **error)
{
  Ctx ctx = { name_for_errors ? name_for_errors : "families.json", NULL, 0, -40, 85 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) families = NULL;
  HrJsonPath top = { 0 }, p;
  const char *text = json;
  gsize len = length < 0 ? strlen (json) : (gsize) length;
  JsonNode *list;
  JsonArray *arr;

  if ((root = hr_json_parse (&text, &len, ctx.file, "headroom-families", error)) == NULL)
    return NULL;
  ctx.text = text;
  ctx.len = len;
  if (!parse_header (root, &ctx, &top, error))
    return NULL;
  p = child (&top, "families");
  if ((list = json_object_get_member (json_node_get_object (root), "families")) == NULL)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, &ctx, &p, AT_PARENT,
                 "missing; expected an array of families"), NULL;
  if (!JSON_NODE_HOLDS_ARRAY (list))
    return wrong_type (error, HR_CIRCUIT_ERROR_SCHEMA, &ctx, &p, list,
                       "an array of families"), NULL;
  arr = json_node_get_array (list);
  if (json_array_get_length (arr) == 0)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, &ctx, &p, AT_VALUE,
                 "an empty array; a families file has at least one family"), NULL;
  families = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_family_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      HrJsonPath ep = element (&p, i);
      HrFamily *f = parse_family (json_array_get_element (arr, i), &ctx, &ep, error);

      if (f == NULL)
        return NULL;
      g_ptr_array_add (families, f);
    }
  if (!check_unique_names (families, &ctx, &p, error))
    return NULL;
  return g_steal_pointer (&families);
}
