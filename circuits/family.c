/* family.c — the logic-family library: lookup by name, levels at a supply, output levels at
 * a load.
 *
 * The data live in families.json (docs/families.md); family-load.c parses them. Here a family
 * becomes absolute HrLevels at one VCC, following the datasheet's own rules:
 *  - inside a tabulated supply range, or at a tabulated supply: exact, values given as a
 *    fraction of or an offset from VCC evaluated at that VCC;
 *  - between tabulated supplies, only for families whose file says "interpolate": VIH/VIL
 *    linearly (the thresholds are proportional to VCC there), outputs from the tabulated
 *    supply below (VOH and drive only grow with VCC, so this is conservative — the MM74HC04
 *    note gives the same advice for a 5 V rail);
 *  - anywhere else an HR_CIRCUIT_ERROR_VCC_RANGE error naming the ranges. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "family-private.h"
#include "hr-circuits-resources.h"
#include "json-scan.h"

#define HR_FAMILIES_FILE_MAX (16 * 1024 * 1024)

struct _HrFamilyLibrary {
  gint ref_count;
  GPtrArray *families;     /* (element-type HrFamily) file order */
  GHashTable *by_name;     /* lower-case name or alias -> HrFamily (borrowed) */
};

G_DEFINE_BOXED_TYPE (HrLevels, hr_levels, hr_levels_ref, hr_levels_unref)
G_DEFINE_BOXED_TYPE (HrFamilyLibrary, hr_family_library, hr_family_library_ref,
                     hr_family_library_unref)

/* ---------------------------------------------------------------------------------------- */
/* HrLevels                                                                                 */

static HrLevels *
levels_new (const HrFamily *f, double vcc_v)
{
  HrLevels *l = g_new0 (HrLevels, 1);

  l->ref_count = 1;
  l->family = g_strdup (f->name);
  l->kind = g_strdup (f->kind);
  l->vcc_v = vcc_v;
  l->temp_max_default_c = f->temp_default_c;
  l->voh = g_array_new (FALSE, TRUE, sizeof (HrOutputPoint));
  l->vol = g_array_new (FALSE, TRUE, sizeof (HrOutputPoint));
  return l;
}

HrLevels *
hr_levels_ref (HrLevels *levels)
{
  g_return_val_if_fail (levels != NULL, NULL);
  g_atomic_int_inc (&levels->ref_count);
  return levels;
}

void
hr_levels_unref (HrLevels *levels)
{
  if (levels == NULL || !g_atomic_int_dec_and_test (&levels->ref_count))
    return;
  g_free (levels->family);
  g_free (levels->kind);
  g_array_unref (levels->voh);
  g_array_unref (levels->vol);
  g_free (levels->source);
  g_free (levels->note);
  g_free (levels);
}

HrLevels *
hr_levels_copy (const HrLevels *levels)
{
  HrLevels *l;

  g_return_val_if_fail (levels != NULL, NULL);
  l = g_memdup2 (levels, sizeof *levels);
  l->ref_count = 1;
  l->family = g_strdup (levels->family);
  l->kind = g_strdup (levels->kind);
  l->voh = g_array_copy (levels->voh);
  l->vol = g_array_copy (levels->vol);
  l->source = g_strdup (levels->source);
  l->note = g_strdup (levels->note);
  return l;
}

char *
hr_level_flags_to_string (HrLevelFlags flags)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  if (flags & HR_LEVEL_UNCONFIRMED)
    g_ptr_array_add (words, (gpointer) "unconfirmed");
  if (flags & HR_LEVEL_SECONDARY)
    g_ptr_array_add (words, (gpointer) "secondary");
  if (flags & HR_LEVEL_INTERPOLATED)
    g_ptr_array_add (words, (gpointer) "interpolated");
  if (flags & HR_LEVEL_SIMULATED)
    g_ptr_array_add (words, (gpointer) "simulated");
  g_ptr_array_add (words, NULL);
  return g_strjoinv (", ", (char **) words->pdata);
}

/* A point's guarantee holds up to TEMP_C if TEMP_C lies in its temperature range. */
static gboolean
point_covers (const HrOutputPoint *p, double temp_c)
{
  return temp_c >= p->temp_min_c - 1e-9 && temp_c <= p->temp_max_c + 1e-9;
}

/* Of two guarantees at one load that both cover the temperature, the narrower range is the
 * one the datasheet states for it (the 25 °C column at 25 °C, not the -55…125 °C one). */
static gboolean
point_narrower (const HrOutputPoint *a, const HrOutputPoint *b)
{
  return a->temp_max_c < b->temp_max_c ||
         (a->temp_max_c == b->temp_max_c && a->temp_min_c > b->temp_min_c);
}

/* Load currents are decimal data too: 1 µA + 3.999 mA is 4 mA, whatever the rounding. */
static gboolean
current_covers (double point_a, double load_a)
{
  return fabs (point_a) >= load_a * (1 - 1e-9) - 1e-15;
}

static gboolean
no_point_error (const HrLevels *l, gboolean high, double load_a, double temp_c,
                GError **error)
{
  GArray *pts = high ? l->voh : l->vol;
  g_autofree char *load = hr_units_format (load_a, HR_UNIT_AMPERE, 3);
  double heaviest = -1;

  for (guint i = 0; i < pts->len; i++)
    if (point_covers (&g_array_index (pts, HrOutputPoint, i), temp_c))
      heaviest = MAX (heaviest, fabs (g_array_index (pts, HrOutputPoint, i).current_a));
  if (heaviest < 0)
    g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                 "%s at %g V: the datasheet guarantees no %s at %g °C", l->family, l->vcc_v,
                 high ? "VOH" : "VOL", temp_c);
  else
    {
      g_autofree char *max = hr_units_format (heaviest, HR_UNIT_AMPERE, 3);
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                   "%s at %g V: no %s is guaranteed at a load of %s up to %g °C; the "
                   "datasheet's heaviest load there is %s", l->family, l->vcc_v,
                   high ? "VOH" : "VOL", load, temp_c, max);
    }
  return FALSE;
}

gboolean
hr_levels_output_at_temp (const HrLevels *levels, gboolean high, double load_a,
                          double temp_max_c, double *out_v, double *point_a,
                          HrLevelFlags *flags, GError **error)
{
  GArray *pts;
  const HrOutputPoint *best = NULL;

  g_return_val_if_fail (levels != NULL && out_v != NULL, FALSE);
  if (!(load_a >= 0) || !isfinite (load_a))
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                   "a load current is a magnitude: %g A is not one", load_a);
      return FALSE;
    }
  if (isnan (temp_max_c))
    temp_max_c = levels->temp_max_default_c;
  pts = high ? levels->voh : levels->vol;
  /* The points are sorted by |current|: the first one that covers the load is the lightest. */
  for (guint i = 0; i < pts->len; i++)
    {
      const HrOutputPoint *p = &g_array_index (pts, HrOutputPoint, i);

      if (!point_covers (p, temp_max_c) || !current_covers (p->current_a, load_a))
        continue;
      if (best != NULL && fabs (p->current_a) > fabs (best->current_a))
        break;
      if (best == NULL || point_narrower (p, best))
        best = p;
    }
  if (best == NULL)
    return no_point_error (levels, high, load_a, temp_max_c, error);
  *out_v = best->voltage_v;
  if (point_a != NULL)
    *point_a = best->current_a;
  if (flags != NULL)
    *flags = best->flags;
  return TRUE;
}

gboolean
hr_levels_output_at (const HrLevels *levels, gboolean high, double load_a, double *out_v,
                     double *point_a, HrLevelFlags *flags, GError **error)
{
  return hr_levels_output_at_temp (levels, high, load_a, NAN, out_v, point_a, flags, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Building levels from the file's supply entries                                          */

static HrLevelFlags
value_flags (const HrFamValue *v)
{
  return v->flags | (v->kind == HR_FAM_VALUE_FRACTION && v->x != 1.0 ? HR_LEVEL_FRACTION : 0);
}

static void
add_source (GPtrArray *sources, const char *source)
{
  if (source == NULL)
    return;
  for (guint i = 0; i < sources->len; i++)
    if (strcmp (g_ptr_array_index (sources, i), source) == 0)
      return;
  g_ptr_array_add (sources, (gpointer) source);
}

/* Point P is dominated when another point at the same load was measured nearer the actual
 * supply and holds over at least P's temperatures: P then adds nothing (74LVC at 3.3 V takes
 * its 12 mA level from the 3.0 V row, not the 2.7 V one). A point without its own supply
 * holds across the whole entry, so it counts as measured at the actual supply. */
static gboolean
point_dominated (const HrFamPoint *p, GArray *spec, double vcc_v)
{
  double pv = isnan (p->vcc_v) ? vcc_v : p->vcc_v;

  for (guint i = 0; i < spec->len; i++)
    {
      const HrFamPoint *q = &g_array_index (spec, HrFamPoint, i);
      double qv = isnan (q->vcc_v) ? vcc_v : q->vcc_v;

      if (q == p || q->current_a != p->current_a || qv > vcc_v + HR_FAMILY_VCC_EPS_V)
        continue;
      if (qv > pv + HR_FAMILY_VCC_EPS_V && q->temp_min_c <= p->temp_min_c &&
          q->temp_max_c >= p->temp_max_c)
        return TRUE;
    }
  return FALSE;
}

static int
output_point_cmp (gconstpointer a, gconstpointer b)
{
  const HrOutputPoint *x = a, *y = b;

  if (fabs (x->current_a) != fabs (y->current_a))
    return fabs (x->current_a) < fabs (y->current_a) ? -1 : 1;
  if (x->temp_max_c != y->temp_max_c)
    return x->temp_max_c < y->temp_max_c ? -1 : 1;
  return x->temp_min_c > y->temp_min_c ? -1 : x->temp_min_c < y->temp_min_c;
}

/* The points of SPEC that hold at supply VCC_V (those measured at or below it), made
 * absolute at EVAL_VCC_V (VCC itself inside a range; the lower supply when borrowing). */
static void
add_points (GArray *dest, GArray *spec, double vcc_v, double eval_vcc_v, HrLevelFlags extra,
            GPtrArray *sources)
{
  for (guint i = 0; i < spec->len; i++)
    {
      const HrFamPoint *p = &g_array_index (spec, HrFamPoint, i);
      HrOutputPoint out;

      if ((!isnan (p->vcc_v) && p->vcc_v > vcc_v + HR_FAMILY_VCC_EPS_V) ||
          point_dominated (p, spec, vcc_v))
        continue;
      out.current_a = p->current_a;
      out.voltage_v = hr_fam_value_at (&p->v, isnan (p->vcc_v) ? eval_vcc_v : p->vcc_v);
      out.temp_min_c = p->temp_min_c;
      out.temp_max_c = p->temp_max_c;
      out.flags = value_flags (&p->v) | extra;
      g_array_append_val (dest, out);
      add_source (sources, p->v.source);
    }
  g_array_sort (dest, output_point_cmp);
}

/* The nearest supply entry at or below S that has output levels. */
static const HrFamSupply *
output_supply (const HrFamily *f, const HrFamSupply *s)
{
  const HrFamSupply *best = NULL;

  if (s->voh != NULL)
    return s;
  for (guint i = 0; i < f->supplies->len; i++)
    {
      const HrFamSupply *t = g_ptr_array_index (f->supplies, i);
      if (t->voh != NULL && t->vcc_max_v <= s->vcc_min_v + HR_FAMILY_VCC_EPS_V &&
          (best == NULL || t->vcc_max_v > best->vcc_max_v))
        best = t;
    }
  return best;   /* never NULL: the loader refuses an entry without outputs that has none
                  * ending at or below it to take them from */
}

static void
set_currents (HrLevels *l, const HrFamSupply *s)
{
  l->iih_a = s->iih.x;
  l->iil_a = s->iil.x;
  l->current_flags = s->iih.flags | s->iil.flags;
  l->ioh_max_a = s->ioh_max_a;
  l->iol_max_a = s->iol_max_a;
  l->delta_icc_a = s->delta_icc_a;
}

/* Outputs of entry S at VCC_V; borrowed from the supply below (and flagged) when the
 * datasheet gives none at S. Returns the note to add, or NULL. */
static char *
set_outputs (HrLevels *l, const HrFamily *f, const HrFamSupply *s, double vcc_v,
             double eval_vcc_v, HrLevelFlags extra, GPtrArray *sources)
{
  const HrFamSupply *o = output_supply (f, s);

  if (o != s)
    {
      extra |= HR_LEVEL_INTERPOLATED;
      eval_vcc_v = o->vcc_max_v;
      vcc_v = o->vcc_max_v;
      add_source (sources, o->source);
    }
  add_points (l->voh, o->voh, vcc_v, eval_vcc_v, extra, sources);
  add_points (l->vol, o->vol, vcc_v, eval_vcc_v, extra, sources);
  if (o == s)
    return NULL;
  return g_strdup_printf ("The datasheet gives no output levels at %g V; the %g V ones are "
                          "used (output levels only improve with VCC).", s->vcc_min_v,
                          o->vcc_max_v);
}

static char *
join_notes (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return g_strdup (a ? a : b);
  return g_strconcat (a, " ", b, NULL);
}

static char *
join_sources (GPtrArray *sources)
{
  g_ptr_array_add (sources, NULL);
  return g_strjoinv ("\n", (char **) sources->pdata);
}

static HrLevels *
levels_from_supply (const HrFamily *f, const HrFamSupply *s, double vcc_v)
{
  HrLevels *l = levels_new (f, vcc_v);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autofree char *borrowed = NULL;

  add_source (sources, s->source);
  l->vih_v = hr_fam_value_at (&s->vih, vcc_v);
  l->vil_v = hr_fam_value_at (&s->vil, vcc_v);
  l->input_flags = value_flags (&s->vih) | value_flags (&s->vil);
  add_source (sources, s->vih.source);
  add_source (sources, s->vil.source);
  l->vin_max_v = hr_fam_value_at (&s->vin_max, vcc_v);
  l->vout_max_v = hr_fam_value_at (&s->vout_max, vcc_v);
  add_source (sources, s->vin_max.source);
  set_currents (l, s);
  add_source (sources, s->iih.source);
  add_source (sources, s->iil.source);
  borrowed = set_outputs (l, f, s, vcc_v, vcc_v, 0, sources);
  l->source = join_sources (sources);
  l->note = join_notes (s->notes, borrowed);
  return l;
}

static double
lerp (double a, double b, double t)
{
  return a + (b - a) * t;
}

/* Absolute values (amperes, a fixed tolerance) of the two columns combine to the worse;
 * values relative to VCC are a rule and hold at VCC itself. */
static double
bound_at (const HrFamValue *lo, const HrFamValue *hi, double vcc_v, gboolean want_max)
{
  double a = hr_fam_value_at (lo, vcc_v), b = hr_fam_value_at (hi, vcc_v);

  return want_max ? MAX (a, b) : MIN (a, b);
}

static HrLevels *
levels_interpolated (const HrFamily *f, const HrFamSupply *lo, const HrFamSupply *hi,
                     double vcc_v)
{
  HrLevels *l = levels_new (f, vcc_v);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autofree char *borrowed = NULL, *why = NULL;
  double a = lo->vcc_max_v, b = hi->vcc_min_v, t = (vcc_v - a) / (b - a);

  add_source (sources, lo->source);
  add_source (sources, hi->source);
  l->vih_v = lerp (hr_fam_value_at (&lo->vih, a), hr_fam_value_at (&hi->vih, b), t);
  l->vil_v = lerp (hr_fam_value_at (&lo->vil, a), hr_fam_value_at (&hi->vil, b), t);
  l->input_flags = value_flags (&lo->vih) | value_flags (&lo->vil) | value_flags (&hi->vih) |
                   value_flags (&hi->vil) | HR_LEVEL_INTERPOLATED;
  l->vin_max_v = bound_at (&lo->vin_max, &hi->vin_max, vcc_v, FALSE);
  l->vout_max_v = bound_at (&lo->vout_max, &hi->vout_max, vcc_v, TRUE);
  set_currents (l, lo);
  l->iih_a = MAX (lo->iih.x, hi->iih.x);
  l->iil_a = MIN (lo->iil.x, hi->iil.x);
  l->current_flags |= hi->iih.flags | hi->iil.flags;
  l->ioh_max_a = MAX (lo->ioh_max_a, hi->ioh_max_a);   /* the weaker of the two */
  l->iol_max_a = MIN (lo->iol_max_a, hi->iol_max_a);
  l->delta_icc_a = MAX (lo->delta_icc_a, hi->delta_icc_a);
  borrowed = set_outputs (l, f, lo, a, a, HR_LEVEL_INTERPOLATED, sources);
  l->source = join_sources (sources);
  why = g_strdup_printf ("Between the %g V and %g V datasheet columns: VIH and VIL "
                         "interpolated linearly, output levels and drive those of %g V "
                         "(conservative).%s%s%s", a, b, a,
                         f->between_source ? " Why: " : "",
                         f->between_source ? f->between_source : "",
                         f->between_source ? "." : "");
  l->note = join_notes (why, borrowed);
  return l;
}

/* ---------------------------------------------------------------------------------------- */
/* Supply ranges and their errors                                                           */

/* The supply ranges in words: "2–6 V", "1.65–1.95 V, 2.7–3.6 V", "5 V, 10 V, 15 V". */
static char *
ranges_text (const HrFamily *f)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const HrFamSupply *first = g_ptr_array_index (f->supplies, 0);
  guint n = 0;

  if (f->interpolates)
    {
      const HrFamSupply *last = g_ptr_array_index (f->supplies, f->supplies->len - 1);
      return g_strdup_printf ("%g–%g V", first->vcc_min_v, last->vcc_max_v);
    }
  for (guint i = 0; i < f->supplies->len; i++)
    {
      const HrFamSupply *t = g_ptr_array_index (f->supplies, i);
      double hi = t->vcc_max_v;

      /* Overlapping entries (74F's ±5 % inside ±10 %) read as one range. (Not MAX (hi, ...
       * [++i]): MAX evaluates the larger argument twice, which stepped i past the next
       * entry, and past the array's end, whenever that entry reached higher.) */
      while (i + 1 < f->supplies->len)
        {
          const HrFamSupply *next = g_ptr_array_index (f->supplies, i + 1);

          if (next->vcc_min_v > hi + HR_FAMILY_VCC_EPS_V)
            break;
          hi = MAX (hi, next->vcc_max_v);
          i++;
        }
      if (n++ > 0)
        g_string_append (s, ", ");
      if (hi > t->vcc_min_v)
        g_string_append_printf (s, "%g–%g V", t->vcc_min_v, hi);
      else
        g_string_append_printf (s, "%g V", t->vcc_min_v);
    }
  return g_strdup (s->str);
}

static gboolean
range_error (const HrFamily *f, double vcc_v, const HrFamSupply *below,
             const HrFamSupply *above, GError **error)
{
  g_autofree char *ranges = ranges_text (f);

  if (below == NULL || above == NULL)
    g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VCC_RANGE,
                 "%s: VCC %g V is outside the datasheet's supply range (%s)", f->name, vcc_v,
                 ranges);
  else
    g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VCC_RANGE,
                 "%s: VCC %g V falls between the datasheet's supplies %g V and %g V, and "
                 "the datasheet gives no rule for supplies in between; %s is specified at %s",
                 f->name, vcc_v, below->vcc_max_v, above->vcc_min_v, f->name, ranges);
  return FALSE;
}

HrLevels *
hr_family_levels_at (const HrFamily *family, double vcc_v, GError **error)
{
  const HrFamSupply *inside = NULL, *below = NULL, *above = NULL;

  g_return_val_if_fail (family != NULL, NULL);
  if (!isfinite (vcc_v) || vcc_v <= 0)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                   "%s: a supply must be a positive voltage, not %g V", family->name, vcc_v);
      return NULL;
    }
  for (guint i = 0; i < family->supplies->len; i++)
    {
      const HrFamSupply *s = g_ptr_array_index (family->supplies, i);

      if (vcc_v >= s->vcc_min_v - HR_FAMILY_VCC_EPS_V &&
          vcc_v <= s->vcc_max_v + HR_FAMILY_VCC_EPS_V)
        {
          /* The narrowest entry holding VCC states the tightest guarantee (74F at 5 V:
           * the ±5 % row, VOH 2.7 V, not the ±10 % one). */
          if (inside == NULL ||
              s->vcc_max_v - s->vcc_min_v < inside->vcc_max_v - inside->vcc_min_v)
            inside = s;
        }
      else if (s->vcc_max_v < vcc_v && (below == NULL || s->vcc_max_v > below->vcc_max_v))
        below = s;
      else if (s->vcc_min_v > vcc_v && (above == NULL || s->vcc_min_v < above->vcc_min_v))
        above = s;
    }
  if (inside != NULL)
    return levels_from_supply (family, inside, inside->vcc_min_v == inside->vcc_max_v
                               ? inside->vcc_min_v : vcc_v);
  if (family->interpolates && below != NULL && above != NULL)
    return levels_interpolated (family, below, above, vcc_v);
  range_error (family, vcc_v, below, above, error);
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* HrFamily accessors                                                                       */

const char *
hr_family_get_name (const HrFamily *family)
{
  return family->name;
}

const char *
hr_family_get_title (const HrFamily *family)
{
  return family->title;
}

const char *
hr_family_get_kind (const HrFamily *family)
{
  return family->kind;
}

const char *const *
hr_family_get_aliases (const HrFamily *family)
{
  return (const char *const *) family->aliases;
}

const char *
hr_family_get_notes (const HrFamily *family)
{
  return family->notes;
}

double
hr_family_get_vcc_min (const HrFamily *family)
{
  return g_array_index (family->tabulated, double, 0);
}

double
hr_family_get_vcc_max (const HrFamily *family)
{
  return g_array_index (family->tabulated, double, family->tabulated->len - 1);
}

double
hr_family_get_vcc_nominal (const HrFamily *family)
{
  return family->vcc_nominal_v;
}

GArray *
hr_family_get_supplies (const HrFamily *family)
{
  return family->tabulated;
}

gboolean
hr_family_interpolates (const HrFamily *family)
{
  return family->interpolates;
}

char *
hr_family_describe_supplies (const HrFamily *family)
{
  g_autofree char *ranges = ranges_text (family);
  g_autoptr(GString) at = g_string_new (NULL);

  if (!family->interpolates)
    return g_steal_pointer (&ranges);
  for (guint i = 0; i < family->tabulated->len; i++)
    g_string_append_printf (at, "%s%g", i == 0 ? "" : i + 1 == family->tabulated->len
                            ? " and " : ", ", g_array_index (family->tabulated, double, i));
  return g_strdup_printf ("%s (tabulated at %s V; input thresholds interpolated between)",
                          ranges, at->str);
}

/* ---------------------------------------------------------------------------------------- */
/* HrFamilyLibrary                                                                          */

HrFamilyLibrary *
hr_family_library_new_from_data (const char *json, gssize length,
                                 const char *name_for_errors, GError **error)
{
  HrFamilyLibrary *lib;
  GPtrArray *families;

  g_return_val_if_fail (json != NULL, NULL);
  if ((families = hr_family_parse (json, length, name_for_errors, error)) == NULL)
    return NULL;
  lib = g_new0 (HrFamilyLibrary, 1);
  lib->ref_count = 1;
  lib->families = families;
  lib->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < families->len; i++)
    {
      HrFamily *f = g_ptr_array_index (families, i);
      g_hash_table_insert (lib->by_name, g_ascii_strdown (f->name, -1), f);
      for (guint j = 0; f->aliases[j] != NULL; j++)
        g_hash_table_insert (lib->by_name, g_ascii_strdown (f->aliases[j], -1), f);
    }
  return lib;
}

HrFamilyLibrary *
hr_family_library_new_from_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);
  /* The same bound and the same words as for circuit files: a families file is data a
   * user hands over, and reading an endless pipe whole would never return. */
  if (!hr_json_read_file (path, HR_FAMILIES_FILE_MAX, &data, &len, error))
    return NULL;
  if (len > HR_FAMILIES_FILE_MAX)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_FORMAT,
                   "%s: larger than 16 MiB (16777216 bytes), the most a families file may "
                   "have", path);
      return NULL;
    }
  return hr_family_library_new_from_data (data, (gssize) len, path, error);
}

HrFamilyLibrary *
hr_family_library_new_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;
  const char *data;

  /* Through the generated getter rather than g_resources_lookup_data(): a static library's
   * resource object is linked in only when something references it. */
  bytes = g_resource_lookup_data (hr_circuits_get_resource (),
                                  "/org/headroom/circuits/families.json",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
  if (bytes == NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO,
                   "the built-in families.json is missing: %s", local->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &len);
  return hr_family_library_new_from_data (data, (gssize) len, "families.json (built in)",
                                          error);
}

HrFamilyLibrary *
hr_family_library_ref (HrFamilyLibrary *lib)
{
  g_return_val_if_fail (lib != NULL, NULL);
  g_atomic_int_inc (&lib->ref_count);
  return lib;
}

void
hr_family_library_unref (HrFamilyLibrary *lib)
{
  if (lib == NULL || !g_atomic_int_dec_and_test (&lib->ref_count))
    return;
  g_hash_table_unref (lib->by_name);
  g_ptr_array_unref (lib->families);
  g_free (lib);
}

GPtrArray *
hr_family_library_get_families (HrFamilyLibrary *lib)
{
  return lib->families;
}

char *
hr_family_library_known_names (HrFamilyLibrary *lib)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < lib->families->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            ((HrFamily *) g_ptr_array_index (lib->families, i))->name);
  return g_strdup (s->str);
}

HrFamily *
hr_family_library_lookup (HrFamilyLibrary *lib, const char *name, GError **error)
{
  g_autofree char *key = NULL;
  HrFamily *f;

  g_return_val_if_fail (lib != NULL, NULL);
  key = g_ascii_strdown (name ? name : "", -1);
  g_strstrip (key);
  if ((f = g_hash_table_lookup (lib->by_name, key)) == NULL)
    {
      g_autofree char *known = hr_family_library_known_names (lib);
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_UNKNOWN_FAMILY,
                   "unknown family \"%s\"; known: %s", name ? name : "", known);
    }
  return f;
}
