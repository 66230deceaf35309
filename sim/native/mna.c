/* mna.c — the sparse MNA matrix: a pattern pass records every position any stamp can touch,
 * then the compressed-column form is analysed once by KLU (klu_analyze). Stamps find their
 * positions on a tape recorded by the first load. Each Newton step refactors the same
 * pattern numerically (klu_refactor) unless the values equal the last factored ones bit for
 * bit, falling back to a fresh klu_factor when the old pivot order no longer works. Everything lives in the HrMna, including the
 * klu_common, so matrices on different threads share nothing. */
#include "native-private.h"

#include <string.h>

void
hr_mna_init (HrMna *m, int n)
{
  memset (m, 0, sizeof *m);
  m->n = n;
  m->mode = HR_MNA_PATTERN;
  m->pattern = g_array_new (FALSE, FALSE, sizeof (guint64));
  m->b = g_new0 (double, MAX (n, 1));
  m->bz = g_new0 (double, 2 * MAX (n, 1));
  klu_defaults (&m->common);
}

void
hr_mna_clear (HrMna *m)
{
  if (m->numeric != NULL)
    klu_free_numeric (&m->numeric, &m->common);
  if (m->znumeric != NULL)
    klu_z_free_numeric (&m->znumeric, &m->common);
  if (m->symbolic != NULL)
    klu_free_symbolic (&m->symbolic, &m->common);
  g_free (m->ax_factored);
  g_free (m->tape[0]);
  g_free (m->tape[1]);
  g_clear_pointer (&m->pattern, g_array_unref);
  g_clear_pointer (&m->ap, g_free);
  g_clear_pointer (&m->ai, g_free);
  g_clear_pointer (&m->ax, g_free);
  g_clear_pointer (&m->azx, g_free);
  g_clear_pointer (&m->b, g_free);
  g_clear_pointer (&m->bz, g_free);
}

static int
cmp_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

gboolean
hr_mna_finish_pattern (HrMna *m)
{
  guint64 *keys;
  guint len;
  int nnz = 0;

  /* Every diagonal is present: gmin stepping stamps there, and KLU's ordering likes it. */
  for (int k = 0; k < m->n; k++)
    hr_mna_add (m, k, k, 0);
  g_array_sort (m->pattern, cmp_u64);
  keys = (guint64 *) (void *) m->pattern->data;
  len = m->pattern->len;
  m->ap = g_new0 (int, m->n + 1);
  m->ai = g_new (int, MAX (len, 1));
  for (guint i = 0; i < len; i++)
    {
      int col = (int) (keys[i] >> 32), row = (int) (keys[i] & 0xffffffffu);
      if (i > 0 && keys[i] == keys[i - 1])
        continue;
      m->ai[nnz++] = row;
      m->ap[col + 1]++;
    }
  for (int k = 0; k < m->n; k++)
    m->ap[k + 1] += m->ap[k];
  m->nnz = nnz;
  m->ax = g_new0 (double, MAX (nnz, 1));
  m->ax_factored = g_new0 (double, MAX (nnz, 1));
  m->azx = g_new0 (double, 2 * MAX (nnz, 1));
  g_clear_pointer (&m->pattern, g_array_unref);
  m->mode = HR_MNA_REAL;
  m->symbolic = klu_analyze (m->n, m->ap, m->ai, &m->common);
  return m->symbolic != NULL;
}

void
hr_mna_zero (HrMna *m)
{
  if (m->mode == HR_MNA_COMPLEX)
    {
      memset (m->azx, 0, sizeof (double) * 2 * m->nnz);
      memset (m->bz, 0, sizeof (double) * 2 * m->n);
    }
  else if (m->mode == HR_MNA_REAL)
    {
      memset (m->ax, 0, sizeof (double) * m->nnz);
      memset (m->b, 0, sizeof (double) * m->n);
    }
  m->cursor = 0;
}

/* Position of (row, col) in ax: a binary search in the column's sorted row indices. */
static int
position (HrMna *m, int row, int col)
{
  int lo = m->ap[col], hi = m->ap[col + 1] - 1;
  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      if (m->ai[mid] == row)
        return mid;
      if (m->ai[mid] < row)
        lo = mid + 1;
      else
        hi = mid - 1;
    }
  g_error ("native: stamp (%d, %d) outside the pattern", row, col);
  return -1;
}

/* Position of (row, col) from the tape: the entry at the cursor if it is the same request
 * (the usual case: a load stamps in the same order every time), else a search whose result
 * replaces that entry. Never wrong, only slower when the stamp sequence changes (a MOSFET
 * changing mode, gmin stepping's diagonal). */
static inline int
tape_position (HrMna *m, int row, int col)
{
  const int t = m->mode == HR_MNA_COMPLEX;
  HrMnaSlot *s;

  if (m->cursor < m->tape_len[t])
    {
      s = &m->tape[t][m->cursor++];
      if (G_LIKELY (s->row == row && s->col == col))
        return s->pos;
    }
  else
    {
      if (m->tape_len[t] == m->tape_cap[t])
        {
          m->tape_cap[t] = MAX (64, 2 * m->tape_cap[t]);
          m->tape[t] = g_renew (HrMnaSlot, m->tape[t], m->tape_cap[t]);
        }
      s = &m->tape[t][m->tape_len[t]++];
      m->cursor++;
    }
  s->row = row, s->col = col, s->pos = position (m, row, col);
  return s->pos;
}

void
hr_mna_add (HrMna *m, int row, int col, double value)
{
  if (row < 0 || col < 0)
    return;
  if (m->mode == HR_MNA_PATTERN)
    {
      guint64 key = ((guint64) col << 32) | (guint64) row;
      g_array_append_val (m->pattern, key);
    }
  else if (m->mode == HR_MNA_REAL)
    m->ax[tape_position (m, row, col)] += value;
  else
    m->azx[2 * tape_position (m, row, col)] += value;
}

void
hr_mna_add_c (HrMna *m, int row, int col, double re, double im)
{
  int p;
  if (row < 0 || col < 0)
    return;
  if (m->mode != HR_MNA_COMPLEX)
    {
      hr_mna_add (m, row, col, re);
      return;
    }
  p = tape_position (m, row, col);
  m->azx[2 * p] += re;
  m->azx[2 * p + 1] += im;
}

static gboolean
singular (HrMna *m, int *singular_col)
{
  *singular_col = m->common.status == KLU_SINGULAR ? (int) m->common.singular_col : -1;
  if (*singular_col >= m->n)
    *singular_col = -1;
  return FALSE;
}

/* klu_refactor keeps the pivot order of the last klu_factor. When devices change region
 * that order can meet a zero pivot (refactor fails) or a tiny one, which shows as the
 * diagonal of U losing range (klu_rcond, min/max |U(k,k)|, dropping by 1e3 against the
 * fresh factorisation's): either way, factor afresh with new pivots. */
static gboolean
refactor_ok (HrMna *m)
{
  if (m->numeric == NULL
      || !klu_refactor (m->ap, m->ai, m->ax, m->symbolic, m->numeric, &m->common))
    return FALSE;
  return klu_rcond (m->symbolic, m->numeric, &m->common) && m->common.rcond >= 1e-3 * m->rcond;
}

/* A matrix equal bit for bit to the one last factored (a linear circuit at an unchanged step
 * and integration order, or a second Newton iteration that changed nothing) has the same
 * factors: solve with them. memcmp of nnz doubles costs far less than a refactorisation. */
gboolean
hr_mna_solve (HrMna *m, int *singular_col)
{
  if (!m->factored || memcmp (m->ax, m->ax_factored, sizeof (double) * m->nnz) != 0)
    {
      m->factored = FALSE;
      if (!refactor_ok (m))
        {
          if (m->numeric != NULL)
            klu_free_numeric (&m->numeric, &m->common);
          m->numeric = klu_factor (m->ap, m->ai, m->ax, m->symbolic, &m->common);
          if (m->numeric == NULL)
            return singular (m, singular_col);
          m->rcond = klu_rcond (m->symbolic, m->numeric, &m->common) ? m->common.rcond : 0;
        }
      memcpy (m->ax_factored, m->ax, sizeof (double) * m->nnz);
      m->factored = TRUE;
    }
  if (!klu_solve (m->symbolic, m->numeric, m->n, 1, m->b, &m->common))
    return singular (m, singular_col);
  return TRUE;
}

gboolean
hr_mna_solve_complex (HrMna *m, int *singular_col)
{
  if (m->znumeric == NULL || !klu_z_refactor (m->ap, m->ai, m->azx, m->symbolic, m->znumeric,
                                              &m->common))
    {
      if (m->znumeric != NULL)
        klu_z_free_numeric (&m->znumeric, &m->common);
      m->znumeric = klu_z_factor (m->ap, m->ai, m->azx, m->symbolic, &m->common);
      if (m->znumeric == NULL)
        return singular (m, singular_col);
    }
  if (!klu_z_solve (m->symbolic, m->znumeric, m->n, 1, m->bz, &m->common))
    return singular (m, singular_col);
  return TRUE;
}
