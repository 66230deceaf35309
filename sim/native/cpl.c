/* cpl.c — lossless coupled transmission lines (P without segments) by modal decomposition.
 *
 * The telegrapher's equations of N conductors, -dV/dz = L dI/dt and -dI/dz = C dV/dt,
 * decouple in the modes of L C. With C = U U^T (Cholesky) and U^T L U = Q diag(lambda) Q^T
 * (symmetric eigenproblem), Tv = U^-T Q and Ti = U Q give V = Tv Vm, I = Ti Im, and
 * Tv^-1 L Ti = diag(lambda), Ti^-1 C Tv = 1: mode k is a single line of L = lambda_k and
 * C = 1 per metre, impedance sqrt(lambda_k), delay length sqrt(lambda_k). Each mode then
 * obeys the T line's characteristic equations (tline.c), with Vm = Ti^T V and Im = Tv^T I:
 *   Vm1_k - z_k Im1_k = (Vm2_k + z_k Im2_k)(t - tau_k),   and the ports exchanged,
 * which is N rows per port in the conductor voltages and currents. At DC (tau -> 0) every
 * conductor is a wire; in AC the delay is exp(-j w tau_k). GSL does the Cholesky
 * factorisation, the triangular products and the eigenproblem; the builder has checked that
 * L and C are symmetric positive definite. */
#include "native-private.h"

#include <math.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_linalg.h>

HrNatLine *
hr_native_cpl_new (const HrLineSpec *spec)
{
  const int n = spec->n;
  HrNatLine *line = g_new0 (HrNatLine, 1);
  gsl_matrix *u = gsl_matrix_alloc (n, n), *m = gsl_matrix_alloc (n, n);
  gsl_matrix *q = gsl_matrix_alloc (n, n), *ti = gsl_matrix_alloc (n, n);
  gsl_matrix *tv = gsl_matrix_alloc (n, n);
  gsl_vector *lambda = gsl_vector_alloc (n);
  gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc (n);

  line->n = n;
  line->near = g_new (int, n);
  line->far = g_new (int, n);
  line->a = g_new (double, n * n);
  line->b = g_new (double, n * n);
  line->tau = g_new (double, n);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        gsl_matrix_set (u, i, j, spec->c[i * n + j]);
        gsl_matrix_set (m, i, j, spec->l[i * n + j]);
      }
  gsl_linalg_cholesky_decomp1 (u);   /* C = U U^T, U in the lower triangle */
  gsl_blas_dtrmm (CblasRight, CblasLower, CblasNoTrans, CblasNonUnit, 1.0, u, m);  /* L U */
  gsl_blas_dtrmm (CblasLeft, CblasLower, CblasTrans, CblasNonUnit, 1.0, u, m);   /* U^T L U */
  for (int i = 0; i < n; i++)   /* symmetric but for rounding; symmv reads the lower half */
    for (int j = 0; j < i; j++)
      {
        double s = 0.5 * (gsl_matrix_get (m, i, j) + gsl_matrix_get (m, j, i));
        gsl_matrix_set (m, i, j, s);
        gsl_matrix_set (m, j, i, s);
      }
  gsl_eigen_symmv (m, lambda, q, w);
  gsl_eigen_symmv_sort (lambda, q, GSL_EIGEN_SORT_VAL_ASC);   /* a reproducible order */
  gsl_matrix_memcpy (ti, q);
  gsl_blas_dtrmm (CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1.0, u, ti);   /* U Q */
  gsl_matrix_memcpy (tv, q);
  gsl_blas_dtrsm (CblasLeft, CblasLower, CblasTrans, CblasNonUnit, 1.0, u, tv);  /* U^-T Q */
  for (int k = 0; k < n; k++)
    {
      const double z = sqrt (gsl_vector_get (lambda, k));
      double scale = 0;
      for (int j = 0; j < n; j++)
        scale = MAX (scale, fabs (gsl_matrix_get (ti, j, k)));
      for (int j = 0; j < n; j++)
        {
          line->a[j * n + k] = gsl_matrix_get (ti, j, k) / scale;
          line->b[j * n + k] = z * gsl_matrix_get (tv, j, k) / scale;
        }
      line->tau[k] = spec->length * z;
    }
  gsl_eigen_symmv_free (w);
  gsl_vector_free (lambda);
  gsl_matrix_free (tv);
  gsl_matrix_free (ti);
  gsl_matrix_free (q);
  gsl_matrix_free (m);
  gsl_matrix_free (u);
  return line;
}

void
hr_native_cpl_free (HrNatLine *line)
{
  if (line == NULL)
    return;
  g_free (line->near);
  g_free (line->far);
  g_free (line->a);
  g_free (line->b);
  g_free (line->tau);
  g_free (line);
}

/* Every pair of the line's terminals and branches. */
void
hr_native_cpl_pattern (HrNativeSim *sim, const HrNatDev *d)
{
  const HrNatLine *ln = d->line;
  const int n = ln->n;
  g_autofree int *idx = g_new (int, 4 * n + 2);
  int k = 0;

  for (int j = 0; j < n; j++)
    idx[k++] = ln->near[j], idx[k++] = ln->far[j];
  idx[k++] = ln->near_ref, idx[k++] = ln->far_ref;
  for (int j = 0; j < 2 * n; j++)
    idx[k++] = d->branch + j;
  for (int i = 0; i < k; i++)
    for (int j = 0; j < k; j++)
      hr_mna_add (&sim->mna, idx[i], idx[j], 0);
}

/* The port incidences: I1[j] leaves the circuit at near[j] and returns at the near
 * reference; I2[j] likewise at the far end. */
static void
stamp_ports (HrMna *m, const HrNatDev *d)
{
  const HrNatLine *ln = d->line;
  const int b1 = d->branch, b2 = d->branch + ln->n;

  for (int j = 0; j < ln->n; j++)
    {
      hr_mna_add (m, ln->near[j], b1 + j, 1);
      hr_mna_add (m, ln->near_ref, b1 + j, -1);
      hr_mna_add (m, ln->far[j], b2 + j, 1);
      hr_mna_add (m, ln->far_ref, b2 + j, -1);
    }
}

/* Adds FACTOR (a[k] . V - b[k] . I) of one port (NODES, REF, branches from BR) to ROW. With
 * SIGN_I = +1 the current enters with +b instead: the delayed wave moved to the left. */
static void
stamp_wave (HrMna *m, const HrNatLine *ln, int k, int row, const int *nodes, int ref, int br,
            double factor, double sign_i)
{
  const int n = ln->n;
  double sum = 0;

  for (int j = 0; j < n; j++)
    {
      hr_mna_add (m, row, nodes[j], factor * ln->a[j * n + k]);
      hr_mna_add (m, row, br + j, factor * sign_i * ln->b[j * n + k]);
      sum += ln->a[j * n + k];
    }
  hr_mna_add (m, row, ref, -factor * sum);
}

/* The history's column COL (1 + k: the wave mode k sent from the near end; 1 + n + k: from
 * the far end) at time T, linearly interpolated between the recorded points; before the
 * first point, the first point (the operating point, where the line has rested forever). */
static double
wave_at (const HrNatDev *d, int col, double t)
{
  const int width = 1 + 2 * d->line->n;
  const double *h = (const double *) (void *) d->history->data;
  guint n = d->history->len, lo = 0, hi;
  double t0, t1;

  if (n == 0)
    return 0;
  if (t <= h[0])
    return h[col];
  hi = n - 1;
  if (t >= h[width * hi])
    return h[width * hi + col];
  while (hi - lo > 1)   /* h[lo].t < t <= h[hi].t */
    {
      guint mid = (lo + hi) / 2;
      if (h[width * mid] < t)
        lo = mid;
      else
        hi = mid;
    }
  t0 = h[width * lo], t1 = h[width * hi];
  return h[width * lo + col] + (t1 > t0 ? (t - t0) / (t1 - t0) : 0)
                               * (h[width * hi + col] - h[width * lo + col]);
}

void
hr_native_cpl_load (HrNativeSim *sim, const HrNatDev *d)
{
  HrMna *m = &sim->mna;
  const HrNatLine *ln = d->line;
  const int n = ln->n, b1 = d->branch, b2 = d->branch + n;

  stamp_ports (m, d);
  for (int k = 0; k < n; k++)
    {
      stamp_wave (m, ln, k, b1 + k, ln->near, ln->near_ref, b1, 1, -1);
      stamp_wave (m, ln, k, b2 + k, ln->far, ln->far_ref, b2, 1, -1);
      if (sim->mode != HR_NAT_TRAN)
        {
          /* No delay: a V1 - b I1 - (a V2 + b I2) = 0 and the same from the far end, so
           * V1 = V2 and I1 = -I2 on every conductor (T, Ti invertible): wires. */
          stamp_wave (m, ln, k, b1 + k, ln->far, ln->far_ref, b2, -1, 1);
          stamp_wave (m, ln, k, b2 + k, ln->near, ln->near_ref, b1, -1, 1);
          continue;
        }
      m->b[b1 + k] = wave_at (d, 1 + n + k, sim->time - ln->tau[k]);
      m->b[b2 + k] = wave_at (d, 1 + k, sim->time - ln->tau[k]);
    }
}

/* FACTOR (complex) times the wave a[k] . V + b[k] . I of one port, added to ROW. */
static void
stamp_wave_ac (HrMna *m, const HrNatLine *ln, int k, int row, const int *nodes, int ref,
               int br, double re, double im, double sign_i)
{
  const int n = ln->n;
  double sum = 0;

  for (int j = 0; j < n; j++)
    {
      const double a = ln->a[j * n + k], b = sign_i * ln->b[j * n + k];
      hr_mna_add_c (m, row, nodes[j], re * a, im * a);
      hr_mna_add_c (m, row, br + j, re * b, im * b);
      sum += a;
    }
  hr_mna_add_c (m, row, ref, -re * sum, -im * sum);
}

void
hr_native_cpl_load_ac (HrNativeSim *sim, const HrNatDev *d, double omega)
{
  HrMna *m = &sim->mna;
  const HrNatLine *ln = d->line;
  const int n = ln->n, b1 = d->branch, b2 = d->branch + n;

  for (int j = 0; j < n; j++)
    {
      hr_mna_add_c (m, ln->near[j], b1 + j, 1, 0);
      hr_mna_add_c (m, ln->near_ref, b1 + j, -1, 0);
      hr_mna_add_c (m, ln->far[j], b2 + j, 1, 0);
      hr_mna_add_c (m, ln->far_ref, b2 + j, -1, 0);
    }
  for (int k = 0; k < n; k++)
    {
      /* a V1 - b I1 - exp(-j w tau) (a V2 + b I2) = 0, and the ports exchanged. */
      const double re = -cos (omega * ln->tau[k]), im = sin (omega * ln->tau[k]);
      stamp_wave_ac (m, ln, k, b1 + k, ln->near, ln->near_ref, b1, 1, 0, -1);
      stamp_wave_ac (m, ln, k, b1 + k, ln->far, ln->far_ref, b2, re, im, 1);
      stamp_wave_ac (m, ln, k, b2 + k, ln->far, ln->far_ref, b2, 1, 0, -1);
      stamp_wave_ac (m, ln, k, b2 + k, ln->near, ln->near_ref, b1, re, im, 1);
    }
}

static double
node_v (HrNativeSim *sim, int k)
{
  return k < 0 ? 0 : sim->x[k];
}

void
hr_native_cpl_record (HrNativeSim *sim, HrNatDev *d)
{
  const HrNatLine *ln = d->line;
  const int n = ln->n, b1 = d->branch, b2 = d->branch + n;
  guint len = d->history->len;
  double *rec;

  g_array_set_size (d->history, len + 1);
  rec = (double *) (void *) (d->history->data + (gsize) len * (1 + 2 * n) * sizeof (double));
  rec[0] = sim->time;
  for (int k = 0; k < n; k++)
    {
      double w1 = 0, w2 = 0;
      for (int j = 0; j < n; j++)
        {
          const double a = ln->a[j * n + k], b = ln->b[j * n + k];
          w1 += a * (node_v (sim, ln->near[j]) - node_v (sim, ln->near_ref))
                + b * sim->x[b1 + j];
          w2 += a * (node_v (sim, ln->far[j]) - node_v (sim, ln->far_ref))
                + b * sim->x[b2 + j];
        }
      rec[1 + k] = w1;
      rec[1 + n + k] = w2;
    }
}

static void
add_break (HrNativeSim *sim, GArray *breaks, double t, guint *added, guint max_add)
{
  if (t < sim->tstop && *added < max_add)
    {
      g_array_append_val (breaks, t);
      (*added)++;
    }
}

void
hr_native_cpl_breakpoints (HrNativeSim *sim, const HrNatDev *d, GArray *breaks,
                           guint n_corners, guint max_add)
{
  const HrNatLine *ln = d->line;
  const int n = ln->n;
  g_autoptr(GArray) sums = g_array_new (FALSE, FALSE, sizeof (double));
  guint added = 0;

  /* A corner reaches the far end after one modal delay; it comes back converted into
   * every mode at mismatched or asymmetric ends, so its echoes arrive after sums of delays.
   * Sums of up to three delays cover the first round trips exactly; beyond, each mode's
   * multiples (the step is limited to the shortest delay anyway). */
  for (int i = 0; i < n; i++)
    for (int j = i; j < n; j++)
      for (int k = j; k < n; k++)
        {
          double s[3] = { ln->tau[i], ln->tau[i] + ln->tau[j],
                          ln->tau[i] + ln->tau[j] + ln->tau[k] };
          g_array_append_vals (sums, s, 3);
        }
  for (guint c = 0; c <= n_corners && added < max_add; c++)
    {
      const double base = c < n_corners ? g_array_index (breaks, double, c) : 0;
      for (guint s = 0; s < sums->len; s++)
        add_break (sim, breaks, base + g_array_index (sums, double, s), &added, max_add);
      for (int k = 0; k < n; k++)
        for (double t = base + 4 * ln->tau[k]; t < sim->tstop && added < max_add;
             t += ln->tau[k])
          add_break (sim, breaks, t, &added, max_add);
    }
}
