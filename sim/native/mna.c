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
  /* No row scaling and no check of the input: the pattern is built sorted and without
   * duplicates (hr_mna_finish_pattern), and pivoting stays partial with KLU's threshold,
   * as ngspice's own sparse solver does without scaling. On a small circuit the scaling
   * pass cost a tenth of every Newton iteration. */
  m->common.scale = -1;
  m->max_factors = 1;
  m->current = -1;
}

void
hr_mna_clear (HrMna *m)
{
  for (int i = 0; i < m->n_factors; i++)
    {
      klu_free_numeric (&m->factors[i].numeric, &m->common);
      g_free (m->factors[i].ax);
    }
  g_clear_pointer (&m->factors, g_free);
  m->n_factors = 0;
  if (m->znumeric != NULL)
    klu_z_free_numeric (&m->znumeric, &m->common);
  if (m->symbolic != NULL)
    klu_free_symbolic (&m->symbolic, &m->common);
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
  m->factors = g_new0 (HrMnaFactor, m->max_factors);
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
  else if (m->mode == HR_MNA_RHS)
    memset (m->b, 0, sizeof (double) * m->n);
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
hr_mna_add_slow (HrMna *m, int row, int col, double value)
{
  if (row < 0 || col < 0 || m->mode == HR_MNA_RHS)
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
      hr_mna_add_slow (m, row, col, re);
      return;
    }
  p = tape_position (m, row, col);
  m->azx[2 * p] += re;
  m->azx[2 * p + 1] += im;
}

void
hr_mna_set_factor_cache (HrMna *m, int max_factors, gsize max_bytes)
{
  max_factors = MAX (max_factors, 1);
  /* Shrinking frees the entries beyond the new size (the least recently used first would
   * need a sort; the callers only widen before a run and narrow after it). */
  for (int i = max_factors; i < m->n_factors; i++)
    {
      klu_free_numeric (&m->factors[i].numeric, &m->common);
      g_free (m->factors[i].ax);
    }
  m->n_factors = MIN (m->n_factors, max_factors);
  if (m->current >= m->n_factors)
    m->current = -1;
  if (m->factors != NULL || m->symbolic != NULL)
    m->factors = g_renew (HrMnaFactor, m->factors, max_factors);
  m->max_factors = max_factors;
  m->factor_bytes_max = max_bytes;
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
refactor_ok (HrMna *m, HrMnaFactor *f)
{
  if (f->numeric == NULL
      || !klu_refactor (m->ap, m->ai, m->ax, m->symbolic, f->numeric, &m->common))
    return FALSE;
  return klu_rcond (m->symbolic, f->numeric, &m->common) && m->common.rcond >= 1e-3 * f->rcond;
}

/* Bytes of one factorisation's L and U (values and row indices), for the cache's bound. */
static gsize
factor_bytes (const HrMnaFactor *f)
{
  return f->numeric == NULL ? 0
         : (gsize) (f->numeric->lnz + f->numeric->unz) * (sizeof (double) + sizeof (int));
}

/* The entry to factor the present matrix into: a new one while the cache has room (count
 * and memory), else the least recently used, refactored in place. */
static HrMnaFactor *
factor_slot (HrMna *m)
{
  int lru = 0;
  if (m->n_factors < m->max_factors
      && (m->n_factors == 0
          || factor_bytes (&m->factors[0]) * (gsize) (m->n_factors + 1) <= m->factor_bytes_max))
    {
      HrMnaFactor *f = &m->factors[m->n_factors++];
      memset (f, 0, sizeof *f);
      f->ax = g_new (double, MAX (m->nnz, 1));
      return f;
    }
  for (int i = 1; i < m->n_factors; i++)
    if (m->factors[i].used < m->factors[lru].used)
      lru = i;
  return &m->factors[lru];
}

/* A matrix equal bit for bit to one already factored (a linear circuit at a step size and
 * integration order seen before, or a second Newton iteration that changed nothing) has the
 * same factors: solve with them. memcmp of nnz doubles costs far less than a
 * refactorisation, and two different matrices usually differ in their first columns. */
gboolean
hr_mna_solve (HrMna *m, int *singular_col)
{
  const gsize bytes = sizeof (double) * m->nnz;
  HrMnaFactor *f = NULL;

  if (m->current >= 0 && memcmp (m->ax, m->factors[m->current].ax, bytes) == 0)
    f = &m->factors[m->current];
  for (int i = 0; f == NULL && i < m->n_factors; i++)
    if (i != m->current && memcmp (m->ax, m->factors[i].ax, bytes) == 0)
      f = &m->factors[i];
  if (f == NULL)
    {
      f = factor_slot (m);
      m->n_refactor += f->numeric != NULL;
      if (!refactor_ok (m, f))
        {
          m->n_factor++;
          if (f->numeric != NULL)
            klu_free_numeric (&f->numeric, &m->common);
          f->numeric = klu_factor (m->ap, m->ai, m->ax, m->symbolic, &m->common);
          if (f->numeric == NULL)
            {
              /* drop the entry: no half-made factorisation stays in the cache */
              int idx = (int) (f - m->factors);
              g_free (f->ax);
              if (idx != --m->n_factors)
                m->factors[idx] = m->factors[m->n_factors];
              m->current = -1;
              return singular (m, singular_col);
            }
          f->rcond = klu_rcond (m->symbolic, f->numeric, &m->common) ? m->common.rcond : 0;
        }
      memcpy (f->ax, m->ax, bytes);
    }
  else
    m->n_reused++;
  m->n_solve++;
  f->used = ++m->clock;
  m->current = (int) (f - m->factors);
  if (!klu_solve (m->symbolic, f->numeric, m->n, 1, m->b, &m->common))
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
