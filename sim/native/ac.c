/* ac.c — small-signal AC: the circuit linearised at its operating point (the conductances
 * the last Newton iteration left in each device), solved per frequency with complex KLU on
 * the same symbolic analysis as the real matrix. */
#include "native-private.h"

#include <math.h>
#include <string.h>

static guint
ac_points (const HrAnalysis *an, double *ratio_or_step)
{
  switch (an->sweep)
    {
    case HR_AC_LIN:
      *ratio_or_step = an->points > 1 ? (an->fstop - an->fstart) / (an->points - 1) : 0;
      return MAX (an->points, 1);
    case HR_AC_OCT:
    case HR_AC_DEC:
    default:
      {
        double base = an->sweep == HR_AC_OCT ? 2 : 10;
        double per = an->points > 0 ? an->points : 1;
        *ratio_or_step = pow (base, 1 / per);
        /* A small allowance keeps FSTOP itself when rounding lands a hair past it. */
        return (guint) floor (log (an->fstop / an->fstart) / log (base) * per + 1e-6) + 1;
      }
    }
}

gboolean
hr_native_run_ac (HrNativeSim *sim, const HrAnalysis *an, HrSimResult *res, GError **error)
{
  HrNatRecorder *rec;
  double r;
  guint n = ac_points (an, &r);

  sim->mode = HR_NAT_DC;
  if (!hr_native_check_topology (sim, TRUE, error))
    return FALSE;
  memset (sim->x, 0, sizeof (double) * sim->n_unknowns);
  sim->init_junctions = TRUE;
  if (!hr_native_op (sim, error))
    {
      hr_native_prefix_error (sim, error, "the ac analysis' operating point");
      return FALSE;
    }
  rec = hr_nat_recorder_new (sim, "frequency", TRUE, error);
  if (rec == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      double f = an->sweep == HR_AC_LIN ? an->fstart + i * r : an->fstart * pow (r, i);
      int col;
      if (hr_native_cancelled (sim, error))
        goto fail;
      hr_native_load_ac (sim, 2 * G_PI * f);
      if (!hr_mna_solve_complex (&sim->mna, &col))
        {
          g_autofree char *what = hr_native_unknown_describe (sim, col);
          g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_SINGULAR, "%s: singular matrix at "
                       "%s in the ac analysis at %g Hz", sim->nl->title, what, f);
          goto fail;
        }
      hr_nat_recorder_add (rec, sim, f);
      hr_native_report_progress (sim, (double) i / n, "ac");
    }
  sim->mna.mode = HR_MNA_REAL;
  hr_nat_recorder_finish (rec, res, "ac");
  return TRUE;
fail:
  sim->mna.mode = HR_MNA_REAL;
  hr_nat_recorder_finish (rec, NULL, NULL);
  return FALSE;
}
