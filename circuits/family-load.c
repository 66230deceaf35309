/* family-load.c — parsing and validating a families file (docs/families.md).
 *
 * A families file may come from a user (--families FILE), so nothing in it is trusted: every
 * member is type-checked, every unit string goes through hr_units_parse(), unknown keys are
 * refused (a typo must not silently drop a datasheet limit), and every error names the file
 * and the JSON path of the offending value. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "family-private.h"
#include "json-scan.h"

typedef struct {
  const char *file;
  double temp_min_c, temp_max_c;   /* "default_temperature" of the file */
} Ctx;

static gboolean G_GNUC_PRINTF (5, 6)
fail (GError **error, HrCircuitError code, const Ctx *ctx, const char *path,
      const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, HR_CIRCUIT_ERROR, code, "%s: %s: %s", ctx->file, path, msg);
  return FALSE;
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
check_keys (JsonObject *obj, const char *const *allowed, const Ctx *ctx, const char *path,
            GError **error)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *known = g_strjoinv (", ", (char **) allowed);
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                     "unknown key \"%s\"; known: %s", (const char *) l->data, known);
      }
  return TRUE;
}

static const char *
node_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node)) return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node)) return "an array";
  if (JSON_NODE_HOLDS_NULL (node)) return "null";
  if (json_node_get_value_type (node) == G_TYPE_STRING) return "a string";
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN) return "a boolean";
  return "a number";
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

static gboolean
get_string (JsonObject *obj, const char *key, gboolean required, const Ctx *ctx,
            const char *path, const char **out, GError **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  *out = NULL;
  if (node == NULL)
    return !required || fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                              "missing \"%s\" (a string)", key);
  if (!is_string (node) || *json_node_get_string (node) == '\0')
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "\"%s\" must be a non-empty string, not %s", key, node_type_name (node));
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
parse_unit (JsonNode *node, HrUnit unit, const Ctx *ctx, const char *path, double *out,
            GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!is_string (node))
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "expected a value with its unit as a string (\"%s\"), not %s",
                 unit == HR_UNIT_VOLT ? "3.3V" : unit == HR_UNIT_AMPERE ? "4mA" : "85C",
                 node_type_name (node));
  if (!hr_units_parse (json_node_get_string (node), unit, out, &local))
    return fail (error, HR_CIRCUIT_ERROR_UNIT, ctx, path, "%s", local->message);
  return TRUE;
}

static gboolean
parse_flags (JsonNode *node, const Ctx *ctx, const char *path, HrLevelFlags *out,
             GError **error)
{
  JsonArray *arr;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "expected an array of flags such as [\"unconfirmed\"], not %s",
                 node_type_name (node));
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *e = json_array_get_element (arr, i);
      const char *s = is_string (e) ? json_node_get_string (e) : "";

      if (g_strcmp0 (s, "unconfirmed") == 0)
        *out |= HR_LEVEL_UNCONFIRMED;
      else if (g_strcmp0 (s, "secondary") == 0)
        *out |= HR_LEVEL_SECONDARY;
      else
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                     "flags[%u]: unknown flag; known: unconfirmed, secondary", i);
    }
  return TRUE;
}

/* A temperature range: "25C" (one temperature) or ["-40C", "85C"]. */
static gboolean
parse_temp_range (JsonNode *node, const Ctx *ctx, const char *path, double *min_c,
                  double *max_c, GError **error)
{
  JsonArray *arr;

  if (is_string (node))
    {
      if (!parse_unit (node, HR_UNIT_CELSIUS, ctx, path, min_c, error))
        return FALSE;
      *max_c = *min_c;
      return TRUE;
    }
  arr = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (arr == NULL || json_array_get_length (arr) != 2)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "expected a temperature (\"25C\") or a range ([\"-40C\", \"85C\"])");
  if (!parse_unit (json_array_get_element (arr, 0), HR_UNIT_CELSIUS, ctx, path, min_c, error) ||
      !parse_unit (json_array_get_element (arr, 1), HR_UNIT_CELSIUS, ctx, path, max_c, error))
    return FALSE;
  if (*min_c > *max_c)
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
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
parse_value_object (JsonObject *obj, HrUnit unit, const Ctx *ctx, const char *path,
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
      n_forms++;
      out->kind = HR_FAM_VALUE_ABSOLUTE;
      if (!parse_unit (node, unit, ctx, path, &out->x, error))
        return FALSE;
    }
  if ((node = json_object_get_member (obj, "fraction")) != NULL)
    {
      n_forms++;
      out->kind = HR_FAM_VALUE_FRACTION;
      if (is_number (node))
        out->x = json_node_get_double (node);
      else if (!parse_unit (node, HR_UNIT_RATIO, ctx, path, &out->x, error))
        return FALSE;
      if (!(out->x > 0 && out->x <= 1))
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                     "fraction %g of VCC: must be above 0 and at most 1", out->x);
    }
  if ((node = json_object_get_member (obj, "offset")) != NULL)
    {
      n_forms++;
      out->kind = HR_FAM_VALUE_OFFSET;
      if (!parse_unit (node, HR_UNIT_VOLT, ctx, path, &out->x, error))
        return FALSE;
      if (out->x > 0)
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                     "offset %g V from VCC: a level above VCC is not a datasheet limit; "
                     "write it negative (\"-0.1V\" for VCC - 0.1 V)", out->x);
    }
  if (n_forms != 1)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, unit == HR_UNIT_VOLT
                 ? "give exactly one of \"volts\", \"fraction\" (of VCC) or \"offset\" (from VCC)"
                 : "give \"amperes\"");
  if ((node = json_object_get_member (obj, "flags")) != NULL &&
      !parse_flags (node, ctx, path, &out->flags, error))
    return FALSE;
  if (!get_string (obj, "source", FALSE, ctx, path, &source, error))
    return FALSE;
  out->source = g_strdup (source);
  return TRUE;
}

/* A voltage ("3.15V", "VCC", {"fraction": 0.65}, {"offset": "-0.1V"}, {"volts": ...}) or,
 * for UNIT == HR_UNIT_AMPERE, a current ("20uA" or {"amperes": ...}). */
static gboolean
parse_value (JsonNode *node, HrUnit unit, const Ctx *ctx, const char *path, HrFamValue *out,
             GError **error)
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
point_column_count (JsonObject *obj, const Columns *cols, const Ctx *ctx, const char *path,
                    guint *n, GError **error)
{
  JsonNode *v = json_object_get_member (obj, "v"), *at = json_object_get_member (obj, "at");
  guint nv = JSON_NODE_HOLDS_ARRAY (v) ? json_array_get_length (json_node_get_array (v)) : 0;
  guint na = JSON_NODE_HOLDS_ARRAY (at) ? json_array_get_length (json_node_get_array (at)) : 0;

  *n = MAX (nv, na);
  if (*n == 0)
    return TRUE;
  if (cols->n == 0)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "one value per temperature column, but the family has no \"temperatures\"");
  if ((nv != 0 && nv != cols->n) || (na != 0 && na != cols->n))
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "%u values for the family's %u temperature columns",
                 nv != 0 && nv != cols->n ? nv : na, cols->n);
  if (json_object_get_member (obj, "temp") != NULL)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "\"temp\" goes with a single value; per-column values take the columns' "
                 "temperatures");
  return TRUE;
}

static JsonNode *
column_element (JsonNode *node, guint i)
{
  return JSON_NODE_HOLDS_ARRAY (node) ? json_array_get_element (json_node_get_array (node), i)
                                      : node;
}

static gboolean
check_point (const HrFamPoint *p, gboolean high, const HrFamSupply *s, const Ctx *ctx,
             const char *path, GError **error)
{
  double lo = isnan (p->vcc_v) ? s->vcc_min_v : p->vcc_v;
  double hi = isnan (p->vcc_v) ? s->vcc_max_v : p->vcc_v;

  if (high ? !(p->current_a < 0) : !(p->current_a > 0))
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path, high
                 ? "\"at\": a VOH load is sourced by the output: write it negative (\"-4mA\")"
                 : "\"at\": a VOL load is sunk by the output: write it positive (\"4mA\")");
  if (!isnan (p->vcc_v) && (p->vcc_v < s->vcc_min_v - HR_FAMILY_VCC_EPS_V ||
                            p->vcc_v > s->vcc_max_v + HR_FAMILY_VCC_EPS_V))
    {
      g_autofree char *range = s->vcc_min_v == s->vcc_max_v
          ? g_strdup_printf ("%g V", s->vcc_min_v)
          : g_strdup_printf ("%g–%g V", s->vcc_min_v, s->vcc_max_v);
      return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                   "\"vcc\": %g V is outside the supply entry's %s (a point's own supply "
                   "must lie in its entry's range)", p->vcc_v, range);
    }
  for (double vcc = lo; ; vcc = hi)
    {
      double v = hr_fam_value_at (&p->v, vcc);
      if (!(v >= 0 && v <= vcc + HR_FAMILY_VCC_EPS_V))
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                     "\"v\": %g V at VCC %g V is outside 0…VCC", v, vcc);
      if (vcc == hi)
        break;
    }
  return TRUE;
}

static gboolean
parse_point_column (JsonObject *obj, gboolean high, guint col, gboolean per_column,
                    const Columns *cols,
                    const HrFamily *f, const HrFamSupply *s, HrLevelFlags inherited,
                    const Ctx *ctx, const char *path, HrFamPoint *p, GError **error)
{
  JsonNode *node;
  const char *source;

  if (!parse_unit (column_element (json_object_get_member (obj, "at"), col), HR_UNIT_AMPERE,
                   ctx, path, &p->current_a, error) ||
      !parse_value (column_element (json_object_get_member (obj, "v"), col), HR_UNIT_VOLT,
                    ctx, path, &p->v, error))
    return FALSE;
  p->vcc_v = NAN;
  if ((node = json_object_get_member (obj, "vcc")) != NULL &&
      !parse_unit (node, HR_UNIT_VOLT, ctx, path, &p->vcc_v, error))
    return FALSE;
  /* A point without its own temperature holds over the family's whole range (the
   * datasheet gives the same limit in every column, or has one column only). */
  p->temp_min_c = per_column ? cols->min_c[col] : f->temp_min_c;
  p->temp_max_c = per_column ? cols->max_c[col] : f->temp_max_c;
  if ((node = json_object_get_member (obj, "temp")) != NULL &&
      !parse_temp_range (node, ctx, path, &p->temp_min_c, &p->temp_max_c, error))
    return FALSE;
  p->v.flags |= inherited;
  if ((node = json_object_get_member (obj, "flags")) != NULL &&
      !parse_flags (node, ctx, path, &p->v.flags, error))
    return FALSE;
  if (!get_string (obj, "source", FALSE, ctx, path, &source, error))
    return FALSE;
  if (source != NULL && p->v.source == NULL)
    p->v.source = g_strdup (source);
  return check_point (p, high, s, ctx, path, error);
}

static gboolean
parse_points (JsonNode *node, gboolean high, const Columns *cols, const HrFamily *f,
              HrFamSupply *s, HrLevelFlags inherited, const Ctx *ctx, const char *path,
              GArray **out, GError **error)
{
  static const char *const keys[] = { "at", "v", "vcc", "temp", "flags", "source", NULL };
  JsonArray *arr = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (arr == NULL || json_array_get_length (arr) == 0)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "expected a non-empty array of {\"at\": LOAD, \"v\": LEVEL} points");
  *out = g_array_new (FALSE, TRUE, sizeof (HrFamPoint));
  g_array_set_clear_func (*out, point_clear);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *ppath = g_strdup_printf ("%s[%u]", path, i);
      JsonNode *e = json_array_get_element (arr, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      guint n;

      if (obj == NULL)
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, ppath,
                     "expected an object {\"at\": LOAD, \"v\": LEVEL}, not %s", node_type_name (e));
      if (!check_keys (obj, keys, ctx, ppath, error))
        return FALSE;
      if (!json_object_has_member (obj, "at") || !json_object_has_member (obj, "v"))
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, ppath,
                     "a point needs \"at\" (its load current) and \"v\" (its level)");
      if (!point_column_count (obj, cols, ctx, ppath, &n, error))
        return FALSE;
      for (guint c = 0; c < MAX (n, 1); c++)
        {
          HrFamPoint p = { 0 };
          gboolean ok = parse_point_column (obj, high, c, n > 0, cols, f, s, inherited, ctx,
                                            ppath, &p, error);
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
parse_vcc (JsonNode *node, const Ctx *ctx, const char *path, double *min_v, double *max_v,
           GError **error)
{
  JsonArray *arr = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (arr != NULL)
    {
      if (json_array_get_length (arr) != 2)
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                     "a supply range is [\"MIN\", \"MAX\"], e.g. [\"4.5V\", \"5.5V\"]");
      if (!parse_unit (json_array_get_element (arr, 0), HR_UNIT_VOLT, ctx, path, min_v, error) ||
          !parse_unit (json_array_get_element (arr, 1), HR_UNIT_VOLT, ctx, path, max_v, error))
        return FALSE;
      if (!(*min_v < *max_v))
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                     "the range %g–%g V is empty; write the lower supply first", *min_v, *max_v);
    }
  else
    {
      if (!parse_unit (node, HR_UNIT_VOLT, ctx, path, min_v, error))
        return FALSE;
      *max_v = *min_v;
    }
  if (!(*min_v > 0))
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path, "a supply must be above 0 V");
  return TRUE;
}

/* KEY from the supply entry, else from the family (the family's value is a default). */
static JsonNode *
member_or_default (JsonObject *sup, JsonObject *fam, const char *key, const char *sup_path,
                   const char *fam_path, char **where)
{
  JsonNode *node = json_object_get_member (sup, key);

  if (node != NULL)
    {
      *where = g_strdup_printf ("%s.%s", sup_path, key);
      return node;
    }
  node = json_object_get_member (fam, key);
  *where = g_strdup_printf ("%s.%s", node ? fam_path : sup_path, key);
  return node;
}

/* Where a supply entry's keys are looked up: the entry, then its family's defaults. */
typedef struct {
  JsonObject *sup, *fam;
  const Ctx *ctx;
  const char *path, *fam_path;
} Entry;

static gboolean
supply_value (const Entry *w, const char *key, HrUnit unit, gboolean required,
              HrLevelFlags inherited, HrFamValue *out, GError **error)
{
  g_autofree char *where = NULL;
  JsonNode *node = member_or_default (w->sup, w->fam, key, w->path, w->fam_path, &where);

  memset (out, 0, sizeof *out);
  if (node == NULL)
    return !required || fail (error, HR_CIRCUIT_ERROR_SCHEMA, w->ctx, w->path,
                              "missing \"%s\" (in the supply entry or the family)", key);
  if (!parse_value (node, unit, w->ctx, where, out, error))
    return FALSE;
  out->flags |= inherited;
  return TRUE;
}

typedef enum { POSITIVE, NEGATIVE, NOT_NEGATIVE, NOT_POSITIVE } Sign;

static gboolean
check_sign (double x, Sign sign, const char *key, const Ctx *ctx, const char *path,
            GError **error)
{
  static const char *const words[] = {
    "positive (a current into the pin)", "negative (a current out of the pin)",
    "0 or positive (a current into the pin)", "0 or negative (a current out of the pin)",
  };
  gboolean ok = sign == POSITIVE ? x > 0 : sign == NEGATIVE ? x < 0 :
                sign == NOT_NEGATIVE ? x >= 0 : x <= 0;

  if (!ok)
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path, "\"%s\" must be %s", key,
                 words[sign]);
  return TRUE;
}

/* A current of the entry (with its flags, for IIH/IIL) and its sign checked. */
static gboolean
supply_current (const Entry *w, const char *key, gboolean required, Sign sign,
                HrLevelFlags inherited, HrFamValue *out, GError **error)
{
  return supply_value (w, key, HR_UNIT_AMPERE, required, inherited, out, error) &&
         check_sign (out->x, sign, key, w->ctx, w->path, error);
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

/* 0 <= VIL <= VIH <= VCC at both ends of the entry's range. */
static gboolean
check_thresholds (const HrFamSupply *s, const Ctx *ctx, const char *path, GError **error)
{
  for (double vcc = s->vcc_min_v; ; vcc = s->vcc_max_v)
    {
      double vih = hr_fam_value_at (&s->vih, vcc), vil = hr_fam_value_at (&s->vil, vcc);

      if (!(vil >= 0 && vil <= vih && vih <= vcc + HR_FAMILY_VCC_EPS_V))
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                     "at VCC %g V: VIL %g V and VIH %g V must satisfy 0 <= VIL <= VIH <= VCC",
                     vcc, vil, vih);
      if (hr_fam_value_at (&s->vin_max, vcc) < vih || hr_fam_value_at (&s->vout_max, vcc) <= 0)
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
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
  const char *path = w->path;
  JsonNode *node;

  if (!supply_value (w, "vih", HR_UNIT_VOLT, TRUE, inh, &s->vih, error) ||
      !supply_value (w, "vil", HR_UNIT_VOLT, TRUE, inh, &s->vil, error) ||
      !supply_value (w, "vin_max", HR_UNIT_VOLT, TRUE, inh, &s->vin_max, error) ||
      !supply_value (w, "vout_max", HR_UNIT_VOLT, TRUE, inh, &s->vout_max, error) ||
      !check_thresholds (s, ctx, path, error))
    return FALSE;
  if ((node = json_object_get_member (sup, "voh")) != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.voh", path);
      if (!parse_points (node, TRUE, cols, f, s, inh, ctx, p, &s->voh, error))
        return FALSE;
    }
  if ((node = json_object_get_member (sup, "vol")) != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.vol", path);
      if (!parse_points (node, FALSE, cols, f, s, inh, ctx, p, &s->vol, error))
        return FALSE;
    }
  if ((s->voh == NULL) != (s->vol == NULL))
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "give both \"voh\" and \"vol\", or neither (then the supply below's are used)");
  return TRUE;
}

static HrFamSupply *
parse_supply (JsonNode *node, JsonObject *fam, const Columns *cols, const HrFamily *f,
              const Ctx *ctx, const char *path, const char *fam_path, GError **error)
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

  if (sup == NULL)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, "expected an object, not %s",
                 node_type_name (node)), NULL;
  if (!check_keys (sup, keys, ctx, path, error))
    return NULL;
  if (!json_object_has_member (sup, "vcc"))
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "missing \"vcc\" (\"4.5V\" or a range [\"4.5V\", \"5.5V\"])"), NULL;
  s = g_new0 (HrFamSupply, 1);
  if ((flags = json_object_get_member (fam, "flags")) != NULL &&
      !parse_flags (flags, ctx, fam_path, &inh, &local))
    goto out;
  if ((flags = json_object_get_member (sup, "flags")) != NULL &&
      !parse_flags (flags, ctx, path, &inh, &local))
    goto out;
  {
    g_autofree char *vpath = g_strdup_printf ("%s.vcc", path);
    if (!parse_vcc (json_object_get_member (sup, "vcc"), ctx, vpath, &s->vcc_min_v,
                    &s->vcc_max_v, &local))
      goto out;
  }
  if (!get_string (sup, "source", FALSE, ctx, path, &source, &local) ||
      (source == NULL && !get_string (fam, "source", FALSE, ctx, fam_path, &source, &local)) ||
      !get_string (sup, "notes", FALSE, ctx, path, &notes, &local))
    goto out;
  if (source == NULL)
    {
      fail (&local, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
            "no \"source\": every number needs the document it comes from "
            "(give it in the supply entry or the family)");
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
parse_aliases (JsonObject *obj, HrFamily *f, const Ctx *ctx, const char *path, GError **error)
{
  JsonNode *node = json_object_get_member (obj, "aliases");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonArray *arr;

  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                     "\"aliases\" must be an array of strings");
      arr = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *e = json_array_get_element (arr, i);
          if (!is_string (e) || *json_node_get_string (e) == '\0')
            return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                         "aliases[%u] must be a non-empty string", i);
          g_strv_builder_add (b, json_node_get_string (e));
        }
    }
  f->aliases = g_strv_builder_end (b);
  return TRUE;
}

static gboolean
parse_family_words (JsonObject *obj, HrFamily *f, const Ctx *ctx, const char *path,
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
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                 "kind \"%s\": known kinds are cmos, ttl, jedec, cmos-ttl-inputs", kind);
  if (g_strcmp0 (between, "interpolate") != 0 && g_strcmp0 (between, "none") != 0)
    return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, path,
                 "between_supplies \"%s\": must be \"interpolate\" or \"none\"", between);
  f->name = g_strdup (name);
  f->title = g_strdup (title);
  f->kind = g_strdup (kind);
  f->notes = g_strdup (notes);
  f->interpolates = g_strcmp0 (between, "interpolate") == 0;
  f->between_source = g_strdup (why);
  return parse_aliases (obj, f, ctx, path, error);
}

static gboolean
parse_columns (JsonObject *obj, HrFamily *f, Columns *cols, const Ctx *ctx, const char *path,
               GError **error)
{
  JsonNode *node = json_object_get_member (obj, "temperature");
  JsonArray *arr;

  f->temp_min_c = ctx->temp_min_c;
  f->temp_max_c = ctx->temp_max_c;
  if (node != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.temperature", path);
      if (!parse_temp_range (node, ctx, p, &f->temp_min_c, &f->temp_max_c, error))
        return FALSE;
    }
  /* Read at the industrial top end unless the family is rated for less (74LS: 70 °C). */
  f->temp_default_c = MIN (ctx->temp_max_c, f->temp_max_c);
  cols->n = 0;
  if ((node = json_object_get_member (obj, "temperatures")) == NULL)
    return TRUE;
  arr = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  if (arr == NULL || json_array_get_length (arr) == 0 ||
      json_array_get_length (arr) > G_N_ELEMENTS (cols->min_c))
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "\"temperatures\" must be an array of 1 to %u temperature columns",
                 (guint) G_N_ELEMENTS (cols->min_c));
  cols->n = json_array_get_length (arr);
  for (guint i = 0; i < cols->n; i++)
    {
      g_autofree char *p = g_strdup_printf ("%s.temperatures[%u]", path, i);
      if (!parse_temp_range (json_array_get_element (arr, i), ctx, p, &cols->min_c[i],
                             &cols->max_c[i], error))
        return FALSE;
      if (cols->min_c[i] < f->temp_min_c || cols->max_c[i] > f->temp_max_c)
        return fail (error, HR_CIRCUIT_ERROR_VALUE, ctx, p,
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
                const char *path, GError **error)
{
  JsonNode *node = json_object_get_member (obj, "supplies");
  JsonArray *arr = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (arr == NULL || json_array_get_length (arr) == 0)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "\"supplies\" must be a non-empty array of supply entries");
  f->supplies = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_fam_supply_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *p = g_strdup_printf ("%s.supplies[%u]", path, i);
      HrFamSupply *s = parse_supply (json_array_get_element (arr, i), obj, cols, f, ctx, p,
                                     path, error);
      if (s == NULL)
        return FALSE;
      g_ptr_array_add (f->supplies, s);
    }
  g_ptr_array_sort (f->supplies, supply_cmp);
  if (((HrFamSupply *) g_ptr_array_index (f->supplies, 0))->voh == NULL)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path,
                 "the lowest supply has no \"voh\"/\"vol\", and there is no supply below to "
                 "take output levels from");
  collect_tabulated (f);
  return TRUE;
}

static HrFamily *
parse_family (JsonNode *node, const Ctx *ctx, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  HrFamily *f;
  Columns cols;
  JsonNode *nominal;

  if (obj == NULL)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, "expected an object, not %s",
                 node_type_name (node)), NULL;
  f = g_new0 (HrFamily, 1);
  if (!parse_family_words (obj, f, ctx, path, &local) ||
      !parse_columns (obj, f, &cols, ctx, path, &local) ||
      !parse_supplies (obj, f, &cols, ctx, path, &local))
    goto out;
  if ((nominal = json_object_get_member (obj, "nominal")) == NULL)
    {
      fail (&local, HR_CIRCUIT_ERROR_SCHEMA, ctx, path, "missing \"nominal\" (the usual supply)");
      goto out;
    }
  {
    g_autofree char *p = g_strdup_printf ("%s.nominal", path);
    g_autoptr(HrLevels) levels = NULL;

    if (!parse_unit (nominal, HR_UNIT_VOLT, ctx, p, &f->vcc_nominal_v, &local))
      goto out;
    /* Every family must give levels at its own nominal supply: the matrix relies on it. */
    if ((levels = hr_family_levels_at (f, f->vcc_nominal_v, &local)) == NULL)
      {
        g_prefix_error (&local, "%s: %s: ", ctx->file, p);
        local->code = HR_CIRCUIT_ERROR_VALUE;
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
check_unique_names (GPtrArray *families, const Ctx *ctx, GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < families->len; i++)
    {
      const HrFamily *f = g_ptr_array_index (families, i);
      for (int j = -1; j < 0 || f->aliases[j] != NULL; j++)
        {
          const char *name = j < 0 ? f->name : f->aliases[j];
          char *key = g_ascii_strdown (name, -1);
          g_autofree char *path = g_strdup_printf ("families[%u]", i);

          if (g_hash_table_contains (seen, key))
            {
              g_free (key);
              return fail (error, HR_CIRCUIT_ERROR_DUPLICATE, ctx, path,
                           "the name \"%s\" is already used by another family or alias", name);
            }
          g_hash_table_add (seen, key);
        }
    }
  return TRUE;
}

static gboolean
parse_header (JsonNode *root, Ctx *ctx, GError **error)
{
  static const char *const keys[] = {
    "format", "version", "description", "default_temperature", "families", NULL
  };
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *node;

  if (obj == NULL)
    return fail (error, HR_CIRCUIT_ERROR_FORMAT, ctx, "(root)",
                 "expected an object with \"format\": \"headroom-families\"");
  node = json_object_get_member (obj, "format");
  if (node == NULL || !is_string (node) ||
      g_strcmp0 (json_node_get_string (node), "headroom-families") != 0)
    return fail (error, HR_CIRCUIT_ERROR_FORMAT, ctx, "format",
                 "not a headroom families file (expected \"format\": \"headroom-families\")");
  node = json_object_get_member (obj, "version");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, HR_CIRCUIT_ERROR_FORMAT, ctx, "version",
                 "missing or not an integer (this headroom reads version 1)");
  if (json_node_get_int (node) != 1)
    return fail (error, HR_CIRCUIT_ERROR_FORMAT, ctx, "version",
                 "version %" G_GINT64_FORMAT " is not one this headroom reads (it reads 1)",
                 json_node_get_int (node));
  if (!check_keys (obj, keys, ctx, "(root)", error))
    return FALSE;
  ctx->temp_min_c = -40;   /* the industrial range, when the file does not say */
  ctx->temp_max_c = 85;
  if ((node = json_object_get_member (obj, "default_temperature")) != NULL &&
      !parse_temp_range (node, ctx, "default_temperature", &ctx->temp_min_c, &ctx->temp_max_c,
                         error))
    return FALSE;
  return TRUE;
}

/* The text is first held to strict JSON (hr_json_check(): UTF-8, bounded nesting — json-glib
 * recurses without a limit — no duplicate keys, which json-glib would silently resolve to the
 * last), with the line and column of any fault; then json-glib builds the tree. */
static JsonNode *
load_json (const char *json, gssize length, const Ctx *ctx, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *path = NULL;
  guint line = 0, column = 0;
  gssize l;

  if (length < 0)
    length = (gssize) strlen (json);
  for (l = 0; l < length && g_ascii_isspace (json[l]); l++)
    ;
  if (l == length)
    return fail (error, HR_CIRCUIT_ERROR_SYNTAX, ctx, "(file)", "empty file; expected a JSON "
                 "object such as {\"format\": \"headroom-families\", \"version\": 1, ...}"), NULL;
  if (!hr_json_check (json, (gsize) length, HR_JSON_MAX_DEPTH, &line, &column, &path, &local))
    {
      g_autofree char *where = line > 0 ? g_strdup_printf (":%u:%u", line, column)
                                        : g_strdup ("");
      g_set_error (error, HR_CIRCUIT_ERROR, local->code, "%s%s: %s%s%s", ctx->file, where,
                   path && *path ? path : "", path && *path ? ": " : "", local->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, length, &local))
    {
      /* json-glib names the buffer "<data>"; name the file instead. */
      const char *msg = local->message;
      if (g_str_has_prefix (msg, "<data>:"))
        msg += strlen ("<data>:");
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SYNTAX, "%s:%s%s", ctx->file,
                   msg == local->message ? " " : "", msg);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    return fail (error, HR_CIRCUIT_ERROR_SYNTAX, ctx, "(file)", "empty file"), NULL;
  return json_node_copy (json_parser_get_root (parser));
}

GPtrArray *
hr_family_parse (const char *json, gssize length, const char *name_for_errors, GError **error)
{
  Ctx ctx = { name_for_errors ? name_for_errors : "families.json", -40, 85 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) families = NULL;
  JsonNode *list;
  JsonArray *arr;

  if ((root = load_json (json, length, &ctx, error)) == NULL ||
      !parse_header (root, &ctx, error))
    return NULL;
  list = json_object_get_member (json_node_get_object (root), "families");
  arr = list && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;
  if (arr == NULL || json_array_get_length (arr) == 0)
    return fail (error, HR_CIRCUIT_ERROR_SCHEMA, &ctx, "families",
                 "missing or empty: expected an array of families"), NULL;
  families = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_family_free);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      g_autofree char *path = g_strdup_printf ("families[%u]", i);
      HrFamily *f = parse_family (json_array_get_element (arr, i), &ctx, path, error);
      if (f == NULL)
        return NULL;
      g_ptr_array_add (families, f);
    }
  if (!check_unique_names (families, &ctx, error))
    return NULL;
  return g_steal_pointer (&families);
}
