/* temperature.c — model parameters at the device's temperature, following ngspice 39's
 * mos1temp.c and diotemp.c formula for formula (silicon band gap
 * EG(T) = 1.16 - 7.02e-4 T^2 / (T + 1108) eV, the junction-potential and
 * capacitance corrections, KP ~ T^-1.5, IS through EG and XTI), so that both engines agree
 * away from TNOM too. Constants as ngspice's const.h. */
#include "native-private.h"

#include <math.h>

#define HR_CHARGE_C   1.6021766208e-19
#define HR_BOLTZMANN  1.38064852e-23
#define HR_REFTEMP_K  300.15

static double
egfet (double t)
{
  return 1.16 - (7.02e-4 * t * t) / (t + 1108);
}

/* ngspice's pbfact: the thermal shift of a junction potential at T. */
static double
pbfact (double t)
{
  double vt = t * HR_BOLTZMANN / HR_CHARGE_C;
  double arg = -egfet (t) / (2 * HR_BOLTZMANN * t)
               + 1.1150877 / (HR_BOLTZMANN * (HR_REFTEMP_K + HR_REFTEMP_K));
  return -2 * vt * (1.5 * log (t / HR_REFTEMP_K) + HR_CHARGE_C * arg);
}

/* A junction potential PB given at TNOM, at T; *GMAOLD and *GMANEW are ngspice's relative
 * shifts at TNOM and T, used to scale the zero-bias capacitances. */
static double
junction_potential (double pb, double t, double tnom, double *gmaold, double *gmanew)
{
  double pbo = (pb - pbfact (tnom)) / (tnom / HR_REFTEMP_K);
  double tpb = (t / HR_REFTEMP_K) * pbo + pbfact (t);
  *gmaold = (pb - pbo) / pbo;
  *gmanew = (tpb - pbo) / pbo;
  return tpb;
}

/* A zero-bias capacitance CZ with grading MJ, given at TNOM, at T. */
static double
junction_cap (double cz, double mj, double t, double tnom, double gmaold, double gmanew)
{
  cz /= 1 + mj * (4e-4 * (tnom - HR_REFTEMP_K) - gmaold);
  return cz * (1 + mj * (4e-4 * (t - HR_REFTEMP_K) - gmanew));
}

void
hr_native_mos_temperature (HrNatDev *d, const HrModel *m, double t, double tnom)
{
  const double vt = t * HR_BOLTZMANN / HR_CHARGE_C, vtnom = tnom * HR_BOLTZMANN / HR_CHARGE_C;
  const double ratio = t / tnom, phi = d->phi;
  const double is_factor = exp (-egfet (t) / vt + egfet (tnom) / vtnom);
  double phio, gmaold, gmanew;

  d->vt = vt;
  d->kp /= ratio * sqrt (ratio);
  d->beta /= ratio * sqrt (ratio);
  phio = (phi - pbfact (tnom)) / (tnom / HR_REFTEMP_K);
  d->phi = (t / HR_REFTEMP_K) * phio + pbfact (t);
  d->vbi = d->vto - d->type * d->gamma * sqrt (phi) + 0.5 * (egfet (tnom) - egfet (t))
           + d->type * 0.5 * (d->phi - phi);
  d->vto = d->vbi + d->type * d->gamma * sqrt (d->phi);
  d->is *= is_factor, d->is_d *= is_factor;
  d->vj = junction_potential (d->vj, t, tnom, &gmaold, &gmanew);
  d->cbd = junction_cap (d->cbd, d->mj, t, tnom, gmaold, gmanew);
  d->cbs = junction_cap (d->cbs, d->mj, t, tnom, gmaold, gmanew);
  d->cbd_sw = junction_cap (d->cbd_sw, d->mj_sw, t, tnom, gmaold, gmanew);
  d->cbs_sw = junction_cap (d->cbs_sw, d->mj_sw, t, tnom, gmaold, gmanew);
  d->vcrit = vt * log (vt / (G_SQRT2 * d->is));
}

/* EG (1.11 eV) and XTI (3) set IS's temperature law: IS (T/TNOM)^(XTI/N)
 * exp((T/TNOM - 1) EG / (N vt)). */
void
hr_native_diode_temperature (HrNatDev *d, const HrModel *m, double t, double tnom)
{
  const double vt = t * HR_BOLTZMANN / HR_CHARGE_C, n = d->n_emission;
  const double eg = hr_native_model_param (m, "eg", 1.11);
  const double xti = hr_native_model_param (m, "xti", 3);
  double gmaold, gmanew;

  d->vt = vt;
  d->is *= exp ((t / tnom - 1) * eg / (n * vt) + xti / n * log (t / tnom));
  d->vj = junction_potential (d->vj, t, tnom, &gmaold, &gmanew);
  d->cjo = junction_cap (d->cjo, d->mj, t, tnom, gmaold, gmanew);
  d->vcrit = n * vt * log (n * vt / (G_SQRT2 * d->is));
}
