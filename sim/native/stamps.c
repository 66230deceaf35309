/* stamps.c — what every device shares: conductance and capacitance stamps, the integrated
 * charge's companion, the depletion charge, pn-junction limiting (DEVpnjlim) and the
 * current convergence test. */
#include "native-private.h"

#include <math.h>

/* ngspice devsup.c DEVpnjlim: a forward step beyond the critical voltage is taken on a
 * logarithmic scale (the exponential would overflow or overshoot), a reverse one at most
 * to about twice the old voltage. */
double
hr_native_pnjlim (double vnew, double vold, double vt, double vcrit, int *limited)
{
  if (vnew > vcrit && fabs (vnew - vold) > vt + vt)
    {
      if (vold > 0)
        {
          double arg = 1 + (vnew - vold) / vt;
          vnew = arg > 0 ? vold + vt * log (arg) : vcrit;
        }
      else
        vnew = vt * log (vnew / vt);
      *limited = 1;
    }
  else if (vnew < 0)
    {
      double arg = vold > 0 ? -vold - 1 : 2 * vold - 1;
      if (vnew < arg)
        {
          vnew = arg;
          *limited = 1;
        }
    }
  return vnew;
}

double
hr_native_voltage (HrNativeSim *sim, int k)
{
  return k < 0 ? 0 : sim->x[k];
}

double
hr_native_voltage_in (const double *x, int k)
{
  return k < 0 ? 0 : x[k];
}

gboolean
hr_native_current_converged (HrNativeSim *sim, double hat, double now)
{
  return fabs (hat - now) <= sim->reltol * MAX (fabs (hat), fabs (now)) + sim->abstol;
}

void
hr_native_stamp_conductance (HrMna *m, int p, int n, double g)
{
  hr_mna_add (m, p, p, g);
  hr_mna_add (m, n, n, g);
  hr_mna_add (m, p, n, -g);
  hr_mna_add (m, n, p, -g);
}

/* Small-signal capacitances at the operating point, as jwC admittances. */
void
hr_native_stamp_cap_ac (HrMna *m, int p, int n, double omega_c)
{
  hr_mna_add_c (m, p, p, 0, omega_c);
  hr_mna_add_c (m, n, n, 0, omega_c);
  hr_mna_add_c (m, p, n, 0, -omega_c);
  hr_mna_add_c (m, n, p, 0, -omega_c);
}

/* A depletion charge of zero-bias capacitance CZ, potential PB, grading MJ, and its
 * capacitance at V; above FC·PB the capacitance continues linearly (dioload.c, mos1load.c). */
void
hr_native_depletion (double cz, double pb, double mj, double fc, double v, double *q,
                     double *cap)
{
  const double dep = fc * pb;

  if (cz == 0)
    {
      *q = *cap = 0;
      return;
    }
  if (v < dep)
    {
      double arg = 1 - v / pb, sarg = exp (-mj * log (arg));
      *q = pb * cz * (1 - arg * sarg) / (1 - mj);
      *cap = cz * sarg;
    }
  else
    {
      double f1 = pb * (1 - exp ((1 - mj) * log (1 - fc))) / (1 - mj);
      double f2 = exp ((1 + mj) * log (1 - fc)), f3 = 1 - fc * (1 + mj);
      *q = cz * f1 + cz / f2 * (f3 * (v - dep) + mj / (pb + pb) * (v * v - dep * dep));
      *cap = cz / f2 * (f3 + mj * v / pb);
    }
}

/* The companion of charge Q (capacitance CAP) in a transient: the current through it and its
 * conductance; the charge is kept in CH for the truncation error and the next step. */
double
hr_native_integrate (HrNativeSim *sim, HrNatCharge *ch, double q, double cap,
                     double *geq)
{
  ch->q[0] = q;
  ch->cur[0] = hr_native_integrate_current (sim, ch, q);
  *geq = sim->ag0 * cap;
  return ch->cur[0];
}

/* Trapezoidal keeps its historical expressions (the steps stay the same bit for bit); Gear
 * sums in NIintegrate's order, the oldest charge first. */
double
hr_native_integrate_history (HrNativeSim *sim, const HrNatCharge *ch)
{
  if (sim->order == 2 && sim->method == HR_INTEGRATION_GEAR2)
    return sim->ag[2] * ch->q[2] + sim->ag[1] * ch->q[1];
  return -sim->ag0 * ch->q[1] - (sim->order == 2 ? ch->cur[1] : 0);
}

double
hr_native_integrate_current (HrNativeSim *sim, const HrNatCharge *ch, double q)
{
  if (sim->order == 2 && sim->method == HR_INTEGRATION_GEAR2)
    return sim->ag[2] * ch->q[2] + sim->ag[1] * ch->q[1] + sim->ag[0] * q;
  return sim->ag0 * (q - ch->q[1]) - (sim->order == 2 ? ch->cur[1] : 0);
}
