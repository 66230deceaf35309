/* lines.c — coupled and lossy transmission lines in the IR: checking the per-metre matrices
 * a builder is given, and expanding a segmented (RLGC) line into the lumped elements that
 * both engines then run, the native engine as devices and ngspice as SPICE lines. */
#include "sim-private.h"

#include <math.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>

void
hr_line_spec_free (HrLineSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->l);
  g_free (spec->c);
  g_free (spec->r);
  g_free (spec->g);
  g_free (spec);
}

/* The smallest and largest eigenvalue of the symmetric N x N matrix A (row-major). The
 * eigenvalues, unlike gsl_linalg_cholesky_decomp1, never call GSL's error handler (which
 * aborts by default, and which a library must not replace: it is process-wide). */
static void
eigen_range (guint n, const double *a, double *lo, double *hi)
{
  gsl_matrix *m = gsl_matrix_alloc (n, n);
  gsl_vector *ev = gsl_vector_alloc (n);
  gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc (n);

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      gsl_matrix_set (m, i, j, a[i * n + j]);
  gsl_eigen_symm (m, ev, w);
  *lo = gsl_vector_min (ev);
  *hi = gsl_vector_max (ev);
  gsl_eigen_symm_free (w);
  gsl_vector_free (ev);
  gsl_matrix_free (m);
}

/* Entries finite and the matrix symmetric to rounding (1e-9 of the geometric mean of the two
 * diagonals); NULL or what is wrong. (transfer full) */
static char *
check_symmetric (guint n, const double *a, const char *what)
{
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        double aij = a[i * n + j], aji = a[j * n + i];
        double scale = sqrt (fabs (a[i * n + i] * a[j * n + j]));
        if (!isfinite (aij))
          return g_strdup_printf ("%s[%u][%u] is not a finite number", what, i + 1, j + 1);
        if (j > i && fabs (aij - aji) > 1e-9 * scale)
          return g_strdup_printf ("%s is not symmetric: %s[%u][%u] = %g but %s[%u][%u] = %g",
                                  what, what, i + 1, j + 1, aij, what, j + 1, i + 1, aji);
      }
  return NULL;
}

/* Positive definite, with the smallest eigenvalue above 1e-12 of the largest: a matrix that
 * close to singular makes a mode without a finite impedance, and Cholesky could then fail in
 * the engine. */
static char *
check_definite (guint n, const double *a, const char *what, const char *unit)
{
  double lo, hi;
  eigen_range (n, a, &lo, &hi);
  if (!(hi > 0) || !(lo > 1e-12 * hi))
    return g_strdup_printf ("%s is not positive definite: its eigenvalues range from %g to "
                            "%g %s", what, lo, hi, unit);
  return NULL;
}

/* Maxwell form: off-diagonals <= 0, row sums (the share to the reference) >= 0, allowing
 * rounding (1e-12 of the diagonal). Such a matrix is diagonally dominant, hence positive
 * semidefinite. */
static char *
check_maxwell (guint n, const double *a, const char *what, const char *unit)
{
  for (guint i = 0; i < n; i++)
    {
      double sum = 0;
      for (guint j = 0; j < n; j++)
        {
          if (j != i && a[i * n + j] > 0)
            return g_strdup_printf ("%s[%u][%u] = %g %s is positive: %s is taken in Maxwell "
                                    "form, where an off-diagonal entry is minus the coupling "
                                    "between two conductors (<= 0)", what, i + 1, j + 1,
                                    a[i * n + j], unit, what);
          sum += a[i * n + j];
        }
      if (a[i * n + i] < 0 || sum < -1e-12 * a[i * n + i])
        return g_strdup_printf ("row %u of %s sums to %g %s: in Maxwell form the sum is "
                                "conductor %u's share to the reference, which cannot be "
                                "negative", i + 1, what, sum, unit, i + 1);
    }
  return NULL;
}

/* What is wrong with a line's description, or NULL if nothing is. (transfer full) */
char *
hr_line_check (guint n, const double *l, const double *c, const double *r, const double *g,
               double length, guint segments)
{
  char *why;

  if (!(length > 0) || !isfinite (length))
    return g_strdup_printf ("the length must be > 0 m, not %g", length);
  if (segments > 10000)
    return g_strdup_printf ("%u segments: at most 10000", segments);
  if (segments == 0 && (r != NULL || g != NULL))
    return g_strdup ("R or G is given but segments is 0: a lossy line is modelled as RLGC "
                     "sections, give segments >= 1");
  if (segments == 0 && n > 8)
    return g_strdup_printf ("%u conductors: a lossless coupled line has at most 8 (ngspice's "
                            "CPL); a segmented one up to 64", n);
  if ((why = check_symmetric (n, l, "L")) != NULL
      || (why = check_symmetric (n, c, "C")) != NULL
      || (g != NULL && (why = check_symmetric (n, g, "G")) != NULL)
      || (why = check_maxwell (n, c, "C", "F/m")) != NULL
      || (g != NULL && (why = check_maxwell (n, g, "G", "S/m")) != NULL)
      || (why = check_definite (n, l, "L", "H/m")) != NULL
      || (why = check_definite (n, c, "C", "F/m")) != NULL)
    return why;
  for (guint i = 0; r != NULL && i < n; i++)
    if (!(r[i] >= 0) || !isfinite (r[i]))
      return g_strdup_printf ("R[%u] must be >= 0 ohm/m, not %g", i + 1, r[i]);
  return NULL;
}

/* ---- RLGC sections --------------------------------------------------------------------- */

static void
line_element_free (gpointer p)
{
  HrElement *el = p;
  g_free (el->name);
  g_strfreev (el->nodes);
  g_free (el->ref);
  g_free (el->ref2);
  g_array_unref (el->params);
  g_free (el);
}

static HrElement *
lumped (GPtrArray *out, HrElementKind kind, char *name, const char *n1, const char *n2,
        double value)
{
  HrElement *el = g_new0 (HrElement, 1);
  el->kind = kind;
  el->name = name;
  el->n_nodes = n1 != NULL ? 2 : 0;
  el->nodes = g_new0 (char *, el->n_nodes + 1);
  if (n1 != NULL)
    el->nodes[0] = g_strdup (n1), el->nodes[1] = g_strdup (n2);
  el->value = value;
  el->params = g_array_new (FALSE, TRUE, sizeof (HrParam));
  g_ptr_array_add (out, el);
  return el;
}

/* Junction J (0 .. S) of conductor K (0-based): the near node, "NAME.K.J", the far node. */
static char *
junction (const HrElement *el, guint k, guint j)
{
  const HrLineSpec *ls = el->line;
  if (j == 0)
    return g_strdup (el->nodes[k]);
  if (j == ls->segments)
    return g_strdup (el->nodes[ls->n + 1 + k]);
  return g_strdup_printf ("%s.%u.%u", el->name, k + 1, j);
}

/* The shunt C and G at junction J, of W metres of line (half a section at the ends). */
static void
shunt (GPtrArray *out, const HrElement *el, guint j, double w)
{
  const HrLineSpec *ls = el->line;
  const guint n = ls->n;
  const char *ref = el->nodes[n];

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ni = junction (el, i, j);
      double csum = 0, gsum = 0;
      for (guint k = 0; k < n; k++)
        {
          csum += ls->c[i * n + k];
          gsum += ls->g != NULL ? ls->g[i * n + k] : 0;
        }
      /* Row sums within rounding of zero (see check_maxwell) leave no element. */
      if (csum > 1e-12 * ls->c[i * n + i])
        lumped (out, HR_EL_CAPACITOR, g_strdup_printf ("c.%s.%u.%u", el->name, i + 1, j), ni,
                ref, csum * w);
      if (ls->g != NULL && gsum > 1e-12 * ls->g[i * n + i])
        lumped (out, HR_EL_RESISTOR, g_strdup_printf ("r.%s.g.%u.%u", el->name, i + 1, j), ni,
                ref, 1 / (gsum * w));
      for (guint k = i + 1; k < n; k++)
        {
          g_autofree char *nk = junction (el, k, j);
          if (ls->c[i * n + k] < 0)
            lumped (out, HR_EL_CAPACITOR,
                    g_strdup_printf ("c.%s.%u.%u.%u", el->name, i + 1, k + 1, j), ni, nk,
                    -ls->c[i * n + k] * w);
          if (ls->g != NULL && ls->g[i * n + k] < 0)
            lumped (out, HR_EL_RESISTOR,
                    g_strdup_printf ("r.%s.g.%u.%u.%u", el->name, i + 1, k + 1, j), ni, nk,
                    -1 / (ls->g[i * n + k] * w));
        }
    }
}

GPtrArray *
hr_line_expand (const HrElement *el)
{
  const HrLineSpec *ls = el->line;
  const guint n = ls->n, segs = ls->segments;
  const double dz = ls->length / segs;
  GPtrArray *out = g_ptr_array_new_with_free_func (line_element_free);

  g_return_val_if_fail (el->kind == HR_EL_CPL && segs > 0, out);
  shunt (out, el, 0, dz / 2);
  for (guint s = 1; s <= segs; s++)
    {
      for (guint k = 0; k < n; k++)
        {
          g_autofree char *from = junction (el, k, s - 1), *to = junction (el, k, s);
          g_autofree char *mid = NULL;
          if (ls->r != NULL && ls->r[k] > 0)
            {
              mid = g_strdup_printf ("%s.%u.%ur", el->name, k + 1, s);
              lumped (out, HR_EL_RESISTOR, g_strdup_printf ("r.%s.%u.%u", el->name, k + 1, s),
                      from, mid, ls->r[k] * dz);
            }
          lumped (out, HR_EL_INDUCTOR, g_strdup_printf ("l.%s.%u.%u", el->name, k + 1, s),
                  mid != NULL ? mid : from, to, ls->l[k * n + k] * dz);
        }
      for (guint i = 0; i < n; i++)
        for (guint k = i + 1; k < n; k++)
          {
            HrElement *kel;
            if (ls->l[i * n + k] == 0)
              continue;
            kel = lumped (out, HR_EL_MUTUAL,
                          g_strdup_printf ("k.%s.%u.%u.%u", el->name, i + 1, k + 1, s), NULL,
                          NULL, ls->l[i * n + k] / sqrt (ls->l[i * n + i] * ls->l[k * n + k]));
            kel->ref = g_strdup_printf ("l.%s.%u.%u", el->name, i + 1, s);
            kel->ref2 = g_strdup_printf ("l.%s.%u.%u", el->name, k + 1, s);
          }
      shunt (out, el, s, s == segs ? dz / 2 : dz);
    }
  return out;
}
