/* sim-result.c — HrSimResult: plots of named real or complex vectors, copied out of an
 * engine. */
#include "sim-private.h"

#include <string.h>

struct _HrSimVector {
  char   *name;     /* canonical: "v(out)", "i(v1)", "time" */
  double *re;
  double *im;       /* NULL for real vectors */
  guint   n;
};

typedef struct {
  char        *name;
  HrSimVector *scale;   /* also in vectors; may be NULL */
  GPtrArray   *vectors; /* HrSimVector* */
} HrSimPlot;

struct _HrSimResult {
  gint       ref_count;
  char      *engine;
  char      *log;
  GPtrArray *plots;     /* HrSimPlot* */
};

G_DEFINE_BOXED_TYPE (HrSimResult, hr_sim_result, hr_sim_result_ref, hr_sim_result_unref)

static void
vector_free (gpointer p)
{
  HrSimVector *v = p;
  g_free (v->name);
  g_free (v->re);
  g_free (v->im);
  g_free (v);
}

static void
plot_free (gpointer p)
{
  HrSimPlot *pl = p;
  g_free (pl->name);
  g_ptr_array_unref (pl->vectors);
  g_free (pl);
}

HrSimResult *
hr_sim_result_new (const char *engine_name)
{
  HrSimResult *r = g_new0 (HrSimResult, 1);
  r->ref_count = 1;
  r->engine = g_strdup (engine_name);
  r->log = g_strdup ("");
  r->plots = g_ptr_array_new_with_free_func (plot_free);
  return r;
}

HrSimResult *
hr_sim_result_ref (HrSimResult *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  g_atomic_int_inc (&r->ref_count);
  return r;
}

void
hr_sim_result_unref (HrSimResult *r)
{
  if (r == NULL || !g_atomic_int_dec_and_test (&r->ref_count))
    return;
  g_free (r->engine);
  g_free (r->log);
  g_ptr_array_unref (r->plots);
  g_free (r);
}

void
hr_sim_result_set_log (HrSimResult *r, const char *log)
{
  g_free (r->log);
  r->log = g_strdup (log ? log : "");
}

void
hr_sim_result_add_plot (HrSimResult *r, const char *name)
{
  HrSimPlot *pl = g_new0 (HrSimPlot, 1);
  pl->name = g_strdup (name);
  pl->vectors = g_ptr_array_new_with_free_func (vector_free);
  g_ptr_array_add (r->plots, pl);
}

char *
hr_sim_vector_name_canonical (const char *name)
{
  g_autofree char *low = g_strstrip (g_ascii_strdown (name, -1));
  size_t n = strlen (low);
  static const char *const scales[] = { "time", "frequency", "v-sweep", "i-sweep",
                                        "temp-sweep", "res-sweep", NULL };

  if (n > 7 && g_str_has_suffix (low, "#branch"))
    {
      low[n - 7] = '\0';
      return g_strdup_printf ("i(%s)", low);
    }
  if (n > 3 && (low[0] == 'v' || low[0] == 'i') && low[1] == '(' && low[n - 1] == ')')
    return g_steal_pointer (&low);
  if (g_strv_contains (scales, low) || strchr (low, '(') != NULL || low[0] == '@')
    return g_steal_pointer (&low);
  return g_strdup_printf ("v(%s)", low);
}

void
hr_sim_result_add_vector (HrSimResult *r, const char *name, double *data, double *imag,
                          guint n, gboolean is_scale)
{
  HrSimPlot *pl;
  HrSimVector *v = g_new0 (HrSimVector, 1);

  g_return_if_fail (r->plots->len > 0);
  pl = g_ptr_array_index (r->plots, r->plots->len - 1);
  v->name = is_scale ? g_ascii_strdown (name, -1) : hr_sim_vector_name_canonical (name);
  v->re = data;
  v->im = imag;
  v->n = n;
  g_ptr_array_add (pl->vectors, v);
  if (is_scale)
    pl->scale = v;
}

guint
hr_sim_result_get_n_plots (HrSimResult *r)
{
  return r->plots->len;
}

static HrSimPlot *
plot_at (HrSimResult *r, guint plot)
{
  g_return_val_if_fail (plot < r->plots->len, NULL);
  return g_ptr_array_index (r->plots, plot);
}

const char *
hr_sim_result_get_plot_name (HrSimResult *r, guint plot)
{
  HrSimPlot *pl = plot_at (r, plot);
  return pl ? pl->name : NULL;
}

const HrSimVector *
hr_sim_result_get_scale (HrSimResult *r, guint plot)
{
  HrSimPlot *pl = plot_at (r, plot);
  return pl ? pl->scale : NULL;
}

guint
hr_sim_result_get_n_vectors (HrSimResult *r, guint plot)
{
  HrSimPlot *pl = plot_at (r, plot);
  return pl ? pl->vectors->len : 0;
}

const HrSimVector *
hr_sim_result_get_vector_nth (HrSimResult *r, guint plot, guint index)
{
  HrSimPlot *pl = plot_at (r, plot);
  g_return_val_if_fail (pl != NULL && index < pl->vectors->len, NULL);
  return g_ptr_array_index (pl->vectors, index);
}

static const HrSimVector *
find_in_plot (HrSimPlot *pl, const char *canonical, const char *raw)
{
  for (guint i = 0; i < pl->vectors->len; i++)
    {
      HrSimVector *v = g_ptr_array_index (pl->vectors, i);
      if (g_str_equal (v->name, canonical) || g_str_equal (v->name, raw))
        return v;
    }
  return NULL;
}

const HrSimVector *
hr_sim_result_get_vector (HrSimResult *r, const char *name, GError **error)
{
  g_autofree char *raw = g_strstrip (g_ascii_strdown (name, -1));
  g_autofree char *canonical = NULL;
  const char *vec = raw;
  const char *dot = strchr (raw, '.');
  const char *paren = strchr (raw, '(');

  /* "ac.v(out)": a plot qualifier before the first '.' outside parentheses. */
  if (dot != NULL && (paren == NULL || dot < paren))
    {
      g_autofree char *plot = g_strndup (raw, dot - raw);
      vec = dot + 1;
      canonical = hr_sim_vector_name_canonical (vec);
      for (guint i = 0; i < r->plots->len; i++)
        {
          HrSimPlot *pl = g_ptr_array_index (r->plots, i);
          const HrSimVector *v;
          if (!g_str_equal (pl->name, plot))
            continue;
          v = find_in_plot (pl, canonical, vec);
          if (v != NULL)
            return v;
        }
    }
  else
    {
      canonical = hr_sim_vector_name_canonical (raw);
      for (guint i = 0; i < r->plots->len; i++)
        {
          const HrSimVector *v = find_in_plot (g_ptr_array_index (r->plots, i), canonical, raw);
          if (v != NULL)
            return v;
        }
    }
  {
    GString *known = g_string_new (NULL);
    for (guint i = 0; i < r->plots->len; i++)
      {
        HrSimPlot *pl = g_ptr_array_index (r->plots, i);
        for (guint j = 0; j < pl->vectors->len && known->len < 300; j++)
          g_string_append_printf (known, "%s%s.%s", known->len ? ", " : "", pl->name,
                                  ((HrSimVector *) g_ptr_array_index (pl->vectors, j))->name);
      }
    g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_NOT_FOUND,
                 "no vector \"%s\" in the result; it has: %s", name,
                 known->len ? known->str : "(nothing)");
    g_string_free (known, TRUE);
  }
  return NULL;
}

gboolean
hr_sim_result_get_scalar (HrSimResult *r, const char *name, double *value, GError **error)
{
  const HrSimVector *v = hr_sim_result_get_vector (r, name, error);
  if (v == NULL)
    return FALSE;
  if (v->n == 0)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_NOT_FOUND, "vector \"%s\" is empty", name);
      return FALSE;
    }
  *value = v->re[0];
  return TRUE;
}

const char *
hr_sim_result_get_log (HrSimResult *r)
{
  return r->log;
}

const char *
hr_sim_result_get_engine_name (HrSimResult *r)
{
  return r->engine;
}

const char *
hr_sim_vector_get_name (const HrSimVector *v)
{
  return v->name;
}

guint
hr_sim_vector_get_length (const HrSimVector *v)
{
  return v->n;
}

gboolean
hr_sim_vector_is_complex (const HrSimVector *v)
{
  return v->im != NULL;
}

const double *
hr_sim_vector_get_real (const HrSimVector *v, guint *n)
{
  if (n)
    *n = v->n;
  return v->re;
}

const double *
hr_sim_vector_get_imag (const HrSimVector *v, guint *n)
{
  if (n)
    *n = v->im ? v->n : 0;
  return v->im;
}
