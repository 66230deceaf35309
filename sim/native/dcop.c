/* dcop.c — Newton–Raphson, the operating point (with gmin stepping, then source stepping
 * when plain Newton fails, as SPICE does) and the DC sweep with continuation. */
#include "native-private.h"

#include <math.h>
#include <string.h>

static void
set_singular (HrNativeSim *sim, int col, GError **error)
{
  g_autofree char *what = hr_native_unknown_describe (sim, col);
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_SINGULAR,
               "%s: singular matrix at %s: it is not determined by the rest of the circuit "
               "(a floating node, or a loop of voltage sources or inductors)",
               sim->nl->title, what);
}

/* SPICE's criterion: every unknown moved less than reltol of its size plus vntol (node
 * voltages) or abstol (branch currents). Returns the unknown furthest from it (relative to
 * its tolerance) and sets *CONVERGED. */
static int
worst_unknown (HrNativeSim *sim, const double *xnew, gboolean *converged)
{
  int worst = 0;
  double worst_ratio = -1;
  for (int k = 0; k < sim->n_unknowns; k++)
    {
      double tol = sim->reltol * MAX (fabs (xnew[k]), fabs (sim->x[k]))
                   + (k < sim->n_nodes ? sim->vntol : sim->abstol);
      double ratio = fabs (xnew[k] - sim->x[k]) / tol;
      if (!isfinite (ratio))   /* also catches NaN */
        ratio = G_MAXDOUBLE;
      if (ratio > worst_ratio)
        worst = k, worst_ratio = ratio;
    }
  *converged = worst_ratio <= 1;
  return worst;
}

static void
set_no_convergence (HrNativeSim *sim, int worst, int iterations, GError **error)
{
  g_autofree char *what = hr_native_unknown_describe (sim, worst);
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CONVERGENCE,
               "%s: no convergence after %d Newton iteration%s; the largest remaining "
               "change is at %s", sim->nl->title, iterations, iterations == 1 ? "" : "s",
               what);
}

void
hr_native_prefix_error (HrNativeSim *sim, GError **error, const char *context)
{
  size_t n = strlen (sim->nl->title);
  char *msg;

  if (error == NULL || *error == NULL)
    return;
  if (strncmp ((*error)->message, sim->nl->title, n) == 0
      && strncmp ((*error)->message + n, ": ", 2) == 0)
    msg = g_strdup_printf ("%s: %s: %s", sim->nl->title, context, (*error)->message + n + 2);
  else
    msg = g_strdup_printf ("%s: %s: %s", sim->nl->title, context, (*error)->message);
  g_free ((*error)->message);
  (*error)->message = msg;
}

gboolean
hr_native_newton (HrNativeSim *sim, int max_iter, GError **error)
{
  double *xnew = sim->mna.b;
  int worst = 0;
  gboolean converged = FALSE;

  sim->mna.mode = HR_MNA_REAL;
  for (int iter = 0; iter < max_iter; iter++)
    {
      int col, limited;
      gboolean first = sim->init_junctions;

      if (hr_native_cancelled (sim, error))
        return FALSE;
      limited = hr_native_load (sim);
      sim->n_iter++;
      sim->init_junctions = FALSE;
      if (!hr_mna_solve (&sim->mna, &col))
        {
          set_singular (sim, col, error);
          return FALSE;
        }
      worst = worst_unknown (sim, xnew, &converged);
      converged = converged && hr_native_devices_converged (sim, xnew);
      for (int k = 0; k < sim->n_unknowns; k++)
        if (!isfinite (xnew[k]))
          {
            set_no_convergence (sim, k, iter + 1, error);
            return FALSE;
          }
      memcpy (sim->x, xnew, sizeof (double) * sim->n_unknowns);
      /* A first iteration from the devices' own guess, or one with limited junction
       * voltages, solved a different linearisation: never accept it as the answer. */
      if (!first && limited == 0 && converged)
        return TRUE;
      /* A linear circuit's matrix and right-hand side do not depend on the iterate, so the
       * next iteration would assemble them bit for bit again, reuse the factors
       * (hr_mna_solve) and return this same vector: its update is zero. Apply the test to
       * that iteration without running it, if the iteration limit allows one more. */
      if (sim->linear && iter + 1 < max_iter)
        {
          worst = worst_unknown (sim, sim->x, &converged);
          if (converged)
            return TRUE;
        }
    }
  set_no_convergence (sim, worst, max_iter, error);
  return FALSE;
}

/* Newton with a shunt conductance from every node to ground, lowered step by step (by up
 * to 10x, backing off by a fourth root on failure like ngspice's dynamic gmin). */
static gboolean
gmin_stepping (HrNativeSim *sim, GError **error)
{
  g_autofree double *good = g_new (double, sim->n_unknowns);
  double g = 1e-2, g_ok = -1, factor = 10;

  memset (sim->x, 0, sizeof (double) * sim->n_unknowns);
  sim->init_junctions = TRUE;
  for (int step = 0; step < 200; step++)
    {
      g_autoptr(GError) local = NULL;
      sim->diag_gmin = g;
      if (hr_native_newton (sim, sim->itl2, &local))
        {
          memcpy (good, sim->x, sizeof (double) * sim->n_unknowns);
          g_ok = g;
          if (g <= sim->gmin)
            break;
          factor = MIN (factor * sqrt (factor), 10);
          g = MAX (g / factor, sim->gmin);
          continue;
        }
      if (local->code != HR_SIM_ERROR_CONVERGENCE || g_ok < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          sim->diag_gmin = 0;
          return FALSE;
        }
      factor = sqrt (sqrt (factor));
      if (factor < 1.00005)
        break;
      memcpy (sim->x, good, sizeof (double) * sim->n_unknowns);
      g = MAX (g_ok / factor, sim->gmin);
    }
  sim->diag_gmin = 0;
  if (g_ok != sim->gmin)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CONVERGENCE, "%s: gmin stepping "
                   "stalled at %g S", sim->nl->title, g_ok);
      return FALSE;
    }
  return hr_native_newton (sim, sim->itl1, error);
}

/* Newton with every independent source scaled from 0 to 1, in adaptive steps. */
static gboolean
source_stepping (HrNativeSim *sim, GError **error)
{
  g_autofree double *good = g_new (double, sim->n_unknowns);
  double ok = 0, step = 0.1;

  memset (sim->x, 0, sizeof (double) * sim->n_unknowns);
  sim->init_junctions = TRUE;
  sim->source_scale = 0;
  if (!hr_native_newton (sim, sim->itl1, error))
    goto out;
  memcpy (good, sim->x, sizeof (double) * sim->n_unknowns);
  while (ok < 1)
    {
      g_autoptr(GError) local = NULL;
      sim->source_scale = MIN (1, ok + step);
      if (hr_native_newton (sim, sim->itl2, &local))
        {
          ok = sim->source_scale;
          memcpy (good, sim->x, sizeof (double) * sim->n_unknowns);
          step *= 1.5;
          continue;
        }
      if (local->code != HR_SIM_ERROR_CONVERGENCE || (step /= 4) < 1e-7)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto out;
        }
      memcpy (sim->x, good, sizeof (double) * sim->n_unknowns);
    }
out:
  sim->source_scale = 1;
  return ok >= 1;
}

gboolean
hr_native_op (HrNativeSim *sim, GError **error)
{
  g_autoptr(GError) plain = NULL;
  g_autoptr(GError) gmin = NULL;
  g_autoptr(GError) source = NULL;

  if (hr_native_newton (sim, sim->itl1, &plain))
    return TRUE;
  if (plain->code != HR_SIM_ERROR_CONVERGENCE)
    goto fail_with_plain;
  g_string_append_printf (sim->log, "%s\nnative: trying gmin stepping\n", plain->message);
  if (gmin_stepping (sim, &gmin))
    return TRUE;
  g_string_append_printf (sim->log, "%s\nnative: trying source stepping\n", gmin->message);
  if (source_stepping (sim, &source))
    return TRUE;
  g_set_error (error, HR_SIM_ERROR, source->code, "%s (plain Newton, gmin stepping and "
               "source stepping all failed)", source->message);
  return FALSE;
fail_with_plain:
  g_propagate_error (error, g_steal_pointer (&plain));
  return FALSE;
}

/* ---- op and dc ------------------------------------------------------------------------- */

gboolean
hr_native_run_op (HrNativeSim *sim, HrSimResult *res, GError **error)
{
  HrNatRecorder *rec;

  sim->mode = HR_NAT_DC;
  if (!hr_native_check_topology (sim, TRUE, error))
    return FALSE;
  memset (sim->x, 0, sizeof (double) * sim->n_unknowns);
  sim->init_junctions = TRUE;
  hr_native_report_progress (sim, 0, "op");
  if (!hr_native_op (sim, error))
    return FALSE;
  rec = hr_nat_recorder_new (sim, NULL, FALSE, error);
  if (rec == NULL)
    return FALSE;
  hr_nat_recorder_add (rec, sim, 0);
  hr_nat_recorder_finish (rec, res, "op");
  return TRUE;
}

static const HrNatDev *
find_source (HrNativeSim *sim, const char *name, GError **error)
{
  for (int i = 0; i < sim->n_devs; i++)
    if ((sim->devs[i].kind == HR_EL_VSOURCE || sim->devs[i].kind == HR_EL_ISOURCE)
        && g_ascii_strcasecmp (sim->devs[i].el->name, name) == 0)
      return &sim->devs[i];
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID, "%s: the dc sweep's source %s is "
               "not an independent source of the circuit", sim->nl->title, name);
  return NULL;
}

static guint
sweep_points (double start, double stop, double step)
{
  if (step == 0 || (stop - start) / step < 0)
    return 1;
  /* The small allowance keeps the last point that rounding puts a hair beyond STOP. */
  return (guint) floor ((stop - start) / step + 1e-9) + 1;
}

/* One sweep point. After two points of the same inner sweep (OLDER the one before LAST,
 * which is also in sim->x), Newton starts from their linear extrapolation (the sweep step is
 * uniform); if that does not converge, from the last point itself, and at last a full op. */
static gboolean
dc_point (HrNativeSim *sim, gboolean first, const double *last, const double *older,
          GError **error)
{
  g_autoptr(GError) local = NULL;
  if (first)
    {
      memset (sim->x, 0, sizeof (double) * sim->n_unknowns);
      sim->init_junctions = TRUE;
      return hr_native_op (sim, error);
    }
  if (older != NULL)
    {
      for (int k = 0; k < sim->n_unknowns; k++)
        sim->x[k] = last[k] + (last[k] - older[k]);
      if (hr_native_newton (sim, sim->itl2, &local))
        return TRUE;
      if (local->code != HR_SIM_ERROR_CONVERGENCE)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_clear_error (&local);
      memcpy (sim->x, last, sizeof (double) * sim->n_unknowns);
    }
  if (hr_native_newton (sim, sim->itl2, &local))
    return TRUE;
  if (local->code != HR_SIM_ERROR_CONVERGENCE)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  sim->init_junctions = TRUE;
  return hr_native_op (sim, error);
}

gboolean
hr_native_run_dc (HrNativeSim *sim, const HrAnalysis *an, HrSimResult *res, GError **error)
{
  const HrNatDev *src = find_source (sim, an->src, error);
  const HrNatDev *src2 = NULL;
  guint n1 = sweep_points (an->start, an->stop, an->step), n2 = 1;
  HrNatRecorder *rec;
  g_autofree double *older = NULL, *last = NULL;   /* the two last solutions of the sweep */

  if (src == NULL || (an->src2 != NULL && (src2 = find_source (sim, an->src2, error)) == NULL))
    return FALSE;
  if (src2 != NULL)
    n2 = sweep_points (an->start2, an->stop2, an->step2);
  older = g_new0 (double, sim->n_unknowns);
  last = g_new0 (double, sim->n_unknowns);
  sim->mode = HR_NAT_DC;
  if (!hr_native_check_topology (sim, TRUE, error))
    return FALSE;
  rec = hr_nat_recorder_new (sim, src->kind == HR_EL_VSOURCE ? "v-sweep" : "i-sweep", FALSE,
                             error);
  if (rec == NULL)
    return FALSE;
  sim->sweep_dev = src, sim->sweep_dev2 = src2;
  for (guint j = 0; j < n2; j++)
    for (guint i = 0; i < n1; i++)
      {
        sim->sweep_value = an->start + i * an->step;
        sim->sweep_value2 = an->start2 + j * an->step2;
        if (!dc_point (sim, i == 0 && j == 0, last, i >= 2 ? older : NULL, error))
          {
            g_autofree char *at = g_strdup_printf ("dc sweep at %s = %g", src->el->name,
                                                   sim->sweep_value);
            hr_native_prefix_error (sim, error, at);
            sim->sweep_dev = sim->sweep_dev2 = NULL;
            hr_nat_recorder_finish (rec, NULL, NULL);
            return FALSE;
          }
        hr_nat_recorder_add (rec, sim, sim->sweep_value);
        memcpy (older, last, sizeof (double) * sim->n_unknowns);
        memcpy (last, sim->x, sizeof (double) * sim->n_unknowns);
        if ((i & 63) == 0)
          hr_native_report_progress (sim, (double) (j * n1 + i) / (n1 * n2), "dc");
      }
  sim->sweep_dev = sim->sweep_dev2 = NULL;
  hr_nat_recorder_finish (rec, res, "dc");
  return TRUE;
}

/* ---- recording ----------------------------------------------------------------------- */

HrNatRecorder *
hr_nat_recorder_new (HrNativeSim *sim, const char *scale_name, gboolean complex,
                     GError **error)
{
  HrNatRecorder *rec;
  GArray *outs = hr_native_outputs (sim, error);

  if (outs == NULL)
    return NULL;
  rec = g_new0 (HrNatRecorder, 1);
  rec->outs = outs;
  rec->scale_name = g_strdup (scale_name);
  rec->scale = g_array_new (FALSE, FALSE, sizeof (double));
  rec->re = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  rec->im = complex ? g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref) : NULL;
  for (guint i = 0; i < outs->len; i++)
    {
      g_ptr_array_add (rec->re, g_array_new (FALSE, FALSE, sizeof (double)));
      if (complex)
        g_ptr_array_add (rec->im, g_array_new (FALSE, FALSE, sizeof (double)));
    }
  return rec;
}

void
hr_nat_recorder_add (HrNatRecorder *rec, HrNativeSim *sim, double scale_value)
{
  g_array_append_val (rec->scale, scale_value);
  for (guint i = 0; i < rec->outs->len; i++)
    {
      int k = g_array_index (rec->outs, HrNatOutput, i).unknown;
      double re = k < 0 ? 0 : rec->im ? sim->mna.bz[2 * k] : sim->x[k];
      g_array_append_val (g_ptr_array_index (rec->re, i), re);
      if (rec->im != NULL)
        {
          double im = k < 0 ? 0 : sim->mna.bz[2 * k + 1];
          g_array_append_val (g_ptr_array_index (rec->im, i), im);
        }
    }
}

static double *
steal (GArray *a)
{
  return (double *) (void *) g_array_steal (a, NULL);
}

void
hr_nat_recorder_finish (HrNatRecorder *rec, HrSimResult *res, const char *plot)
{
  guint n = rec->scale->len;

  if (res != NULL)
    {
      hr_sim_result_add_plot (res, plot);
      if (rec->scale_name != NULL)
        hr_sim_result_add_vector (res, rec->scale_name, steal (rec->scale), NULL, n, TRUE);
      for (guint i = 0; i < rec->outs->len; i++)
        hr_sim_result_add_vector (res, g_array_index (rec->outs, HrNatOutput, i).name,
                                  steal (g_ptr_array_index (rec->re, i)),
                                  rec->im ? steal (g_ptr_array_index (rec->im, i)) : NULL,
                                  n, FALSE);
    }
  g_array_unref (rec->outs);
  g_array_unref (rec->scale);
  g_ptr_array_unref (rec->re);
  if (rec->im != NULL)
    g_ptr_array_unref (rec->im);
  g_free (rec->scale_name);
  g_free (rec);
}

void
hr_native_report_progress (HrNativeSim *sim, double fraction, const char *phase)
{
  if (sim->progress != NULL)
    sim->progress (sim->progress_base + sim->progress_span * CLAMP (fraction, 0, 1), phase,
                   sim->progress_data);
}
