/* diode.c — the junction diode as ngspice 39's dioload.c has it, without breakdown (RS is a
 * conductance to an internal node, stamped by load.c): the exponential with gmin across
 * it, DEVpnjlim limiting, the depletion charge (CJO, VJ, M, FC) and the diffusion charge
 * TT·id, and DIOconvTest. */
#include "native-private.h"

#include <math.h>

static void
diode_charge (const HrNatDev *d, double vd, double cd, double gd, double *q, double *cap)
{
  hr_native_depletion (d->cjo, d->vj, d->mj, d->fc, vd, q, cap);
  *q += d->tt * cd;
  *cap += d->tt * gd;
}

int
hr_native_diode_load (HrNativeSim *sim, HrNatDev *d)
{
  HrMna *m = &sim->mna;
  double vte = d->n_emission * d->vt, vd, cd, gd;
  int limited = 0;

  if (sim->init_junctions)
    vd = d->vcrit;
  else
    {
      double v = hr_native_voltage (sim, d->node[0]) - hr_native_voltage (sim, d->node[1]);
      vd = hr_native_pnjlim (v, d->vd, vte, d->vcrit, &limited);
    }
  if (vd >= -3 * vte)
    {
      double evd = exp (vd / vte);
      cd = d->is * (evd - 1);
      gd = d->is * evd / vte;
    }
  else
    {
      double arg = 3 * vte / (vd * G_E);
      arg = arg * arg * arg;
      cd = -d->is * (1 + arg);
      gd = d->is * 3 * arg / vd;
    }
  cd += sim->gmin * vd, gd += sim->gmin;
  d->vd = vd, d->gd = gd;
  if (sim->mode == HR_NAT_TRAN && d->n_ch > 0)
    {
      double q, cap, geq;
      diode_charge (d, vd, cd, gd, &q, &cap);
      cd += hr_native_integrate (sim, &d->ch[0], q, cap, &geq);
      gd += geq;
    }
  d->cd_tot = cd, d->gd_tot = gd;
  hr_mna_add (m, d->node[0], d->node[0], gd);
  hr_mna_add (m, d->node[1], d->node[1], gd);
  hr_mna_add (m, d->node[0], d->node[1], -gd);
  hr_mna_add (m, d->node[1], d->node[0], -gd);
  if (d->node[0] >= 0) m->b[d->node[0]] -= cd - gd * vd;
  if (d->node[1] >= 0) m->b[d->node[1]] += cd - gd * vd;
  return limited;
}

gboolean
hr_native_diode_converged (HrNativeSim *sim, const HrNatDev *d, const double *x)
{
  double delvd = hr_native_voltage_in (x, d->node[0]) - hr_native_voltage_in (x, d->node[1])
                 - d->vd;
  return hr_native_current_converged (sim, d->cd_tot + d->gd_tot * delvd, d->cd_tot);
}

/* At the initial point. TT needs the current at vd: the forward branch of the load, the only
 * one where the diffusion charge matters. */
void
hr_native_diode_charges (HrNativeSim *sim, HrNatDev *d)
{
  double c = d->is * (exp (MIN (709.0, d->vd / (d->n_emission * d->vt))) - 1), unused;
  diode_charge (d, d->vd, c, d->gd, &d->ch[0].q[0], &unused);
}

/* gd and the capacitance at the operating point. */
void
hr_native_diode_load_ac (HrMna *m, const HrNatDev *d, double omega)
{
  double q = 0, cap = 0;
  if (d->n_ch > 0)
    diode_charge (d, d->vd, 0, d->gd, &q, &cap);
  hr_native_stamp_conductance (m, d->node[0], d->node[1], d->gd);
  hr_native_stamp_cap_ac (m, d->node[0], d->node[1], omega * cap);
}
