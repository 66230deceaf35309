/* mosfet.c — the level-1 MOSFET as ngspice 39's mos1load.c has it (RD and RS are plain
 * conductances to internal nodes, stamped by load.c): the square law with LAMBDA and the
 * body effect, source/drain exchange for reverse vds, bulk junctions with gmin, DEVfetlim /
 * DEVlimvds / DEVpnjlim limiting, the junction and overlap charges, Meyer's gate
 * capacitances, and MOS1convTest. */
#include "native-private.h"

#include <math.h>

/* ngspice devsup.c DEVfetlim: vgs may not jump far across the threshold VTO in one Newton
 * step. This half handles an old vgs at or above VTO. */
static double
fetlim_on (double vnew, double vold, double vto)
{
  double vtsthi = fabs (2 * (vold - vto)) + 2, vtstlo = fabs (vold - vto) + 1;
  double vtox = vto + 3.5, delv = vnew - vold;

  if (vold >= vtox)
    {
      if (delv <= 0)   /* going off */
        return vnew >= vtox ? (-delv > vtstlo ? vold - vtstlo : vnew) : MAX (vnew, vto + 2);
      return delv >= vtsthi ? vold + vtsthi : vnew;
    }
  /* the middle region */
  return delv <= 0 ? MAX (vnew, vto - 0.5) : MIN (vnew, vto + 4);
}

static double
fetlim (double vnew, double vold, double vto)
{
  double vtsthi = fabs (2 * (vold - vto)) + 2, vtstlo = fabs (vold - vto) + 1;
  double delv = vnew - vold;

  if (vold >= vto)
    return fetlim_on (vnew, vold, vto);
  if (delv <= 0)       /* off, going further off */
    return -delv > vtsthi ? vold - vtsthi : vnew;
  if (vnew <= vto + 0.5)
    return delv > vtstlo ? vold + vtstlo : vnew;
  return vto + 0.5;
}

/* ngspice devsup.c DEVlimvds: vds grows at most to 3 vds + 2 (or 4 V from low values). */
static double
limvds (double vnew, double vold)
{
  if (vold >= 3.5)
    {
      if (vnew > vold)
        return MIN (vnew, 3 * vold + 2);
      return vnew < 3.5 ? MAX (vnew, 2) : vnew;
    }
  return vnew > vold ? MIN (vnew, 4) : MAX (vnew, -0.5);
}

/* Junction voltages for this iteration: the device's own guess on the first iteration
 * (MODEINITJCT), else the iterate limited against the last evaluation. */
static int
mos_voltages (HrNativeSim *sim, HrNatDev *d, double *vgs, double *vds, double *vbs)
{
  const int t = d->type;
  double vd = hr_native_voltage (sim, d->node[0]), vg = hr_native_voltage (sim, d->node[1]);
  double vs = hr_native_voltage (sim, d->node[2]), vb = hr_native_voltage (sim, d->node[3]);
  double vgd;
  int limited = 0;

  if (sim->init_junctions)
    {
      *vbs = -1, *vgs = t * d->vto, *vds = 0;
      return 0;
    }
  *vbs = t * (vb - vs), *vgs = t * (vg - vs), *vds = t * (vd - vs);
  vgd = *vgs - *vds;
  if (d->vds >= 0)
    {
      *vgs = fetlim (*vgs, d->vgs, d->von);
      *vds = limvds (*vgs - vgd, d->vds);
    }
  else
    {
      vgd = fetlim (vgd, d->vgs - d->vds, d->von);
      *vds = -limvds (-(*vgs - vgd), -d->vds);
      *vgs = vgd + *vds;
    }
  if (*vds >= 0)
    *vbs = hr_native_pnjlim (*vbs, d->vbs, d->vt, d->vcrit, &limited);
  else
    {
      double vbd = hr_native_pnjlim (*vbs - *vds, d->vbs - d->vds, d->vt, d->vcrit, &limited);
      *vbs = vbd + *vds;
    }
  return limited;
}

/* A bulk junction with gmin across it: current and conductance at V. */
static void
mos_junction (HrNativeSim *sim, double is, double vt, double v, double *c, double *g)
{
  if (v <= -3 * vt)
    {
      *g = sim->gmin;
      *c = *g * v - is;
    }
  else
    {
      double ev = exp (MIN (709.0, v / vt));
      *g = is * ev / vt + sim->gmin;
      *c = is * (ev - 1) + sim->gmin * v;
    }
}

/* The square law with LAMBDA and the body effect, in the normal-mode frame (vds >= 0). */
static double
mos_channel (HrNatDev *d, double vgs, double vds, double vbs, double *gm, double *gds,
             double *gmbs)
{
  double sarg, von, vgst, arg, betap, cdrain;

  if (vbs <= 0)
    sarg = sqrt (d->phi - vbs);
  else
    {
      sarg = sqrt (d->phi);
      sarg = MAX (0, sarg - vbs / (sarg + sarg));
    }
  von = d->type * d->vbi + d->gamma * sarg;
  d->von = von;
  vgst = vgs - von;
  arg = sarg <= 0 ? 0 : d->gamma / (sarg + sarg);
  if (vgst <= 0)
    {
      *gm = *gds = *gmbs = 0;
      return 0;
    }
  betap = d->beta * (1 + d->lambda * vds);
  if (vgst <= vds)
    {
      cdrain = betap * vgst * vgst * 0.5;
      *gm = betap * vgst;
      *gds = d->lambda * d->beta * vgst * vgst * 0.5;
    }
  else
    {
      cdrain = betap * vds * (vgst - 0.5 * vds);
      *gm = betap * vds;
      *gds = betap * (vgst - vds) + d->lambda * d->beta * vds * (vgst - 0.5 * vds);
    }
  *gmbs = *gm * arg;
  return cdrain;
}

/* GBD and GBS include the junction capacitances' companions in a transient. */
static void
mos_stamp (HrMna *m, const HrNatDev *d, double cdreq, double ceqbs, double ceqbd, double gbd,
           double gbs)
{
  const int dn = d->node[0], g = d->node[1], s = d->node[2], b = d->node[3];
  const double xnrm = d->mode > 0, xrev = d->mode < 0;
  const double gm = d->gm, gds = d->gds, gmbs = d->gmbs;

  if (b >= 0) m->b[b] -= ceqbs + ceqbd;
  if (dn >= 0) m->b[dn] += ceqbd - cdreq;
  if (s >= 0) m->b[s] += cdreq + ceqbs;
  hr_mna_add (m, b, b, gbd + gbs);
  hr_mna_add (m, dn, dn, gds + gbd + xrev * (gm + gmbs));
  hr_mna_add (m, s, s, gds + gbs + xnrm * (gm + gmbs));
  hr_mna_add (m, dn, g, (xnrm - xrev) * gm);
  hr_mna_add (m, dn, b, -gbd + (xnrm - xrev) * gmbs);
  hr_mna_add (m, dn, s, -gds - xnrm * (gm + gmbs));
  hr_mna_add (m, s, g, -(xnrm - xrev) * gm);
  hr_mna_add (m, s, b, -gbs - (xnrm - xrev) * gmbs);
  hr_mna_add (m, s, dn, -gds - xrev * (gm + gmbs));
  hr_mna_add (m, b, dn, -gbd);
  hr_mna_add (m, b, s, -gbs);
}

/* Meyer's gate capacitances (ngspice devsup.c DEVqmeyer), as the half values ngspice
 * stores: the capacitance used is the sum of this point's and the last accepted point's
 * halves. VGS, VGD, VGB, VON, VDSAT in the normal-mode frame. */
static void
qmeyer (double vgs, double vgd, double vgb, double von, double vdsat, double phi, double cox,
        double *cgs, double *cgd, double *cgb)
{
  const double vgst = vgs - von, vds = vgs - vgd;

  vdsat = MAX (vdsat, 0.025);   /* ngspice's MAGIC_VDS */
  *cgs = *cgd = *cgb = 0;
  if (vgst <= -phi)
    *cgb = cox / 2;
  else if (vgst <= -phi / 2)
    *cgb = -vgst * cox / (2 * phi);
  else if (vgst <= 0)
    {
      *cgb = -vgst * cox / (2 * phi);
      *cgs = vgst * cox / (1.5 * phi) + cox / 3;
      if (vds < vdsat)
        {
          double vddif = 2 * vdsat - vds, vddif1 = vdsat - vds, vddif2 = vddif * vddif;
          *cgd = *cgs * (1 - vdsat * vdsat / vddif2);
          *cgs = *cgs * (1 - vddif1 * vddif1 / vddif2);
        }
    }
  else if (vdsat <= vds)
    *cgs = cox / 3;
  else
    {
      double vddif = 2 * vdsat - vds, vddif1 = vdsat - vds, vddif2 = vddif * vddif;
      *cgd = cox * (1 - vdsat * vdsat / vddif2) / 3;
      *cgs = cox * (1 - vddif1 * vddif1 / vddif2) / 3;
    }
}

/* The three Meyer half capacitances of D at frame voltages VGS, VDS, VBS (after its
 * evaluation there, which set von), into HALF[gs, gd, gb]. */
static void
mos_meyer_halves (const HrNatDev *d, double vgs, double vds, double vbs, double half[3])
{
  double vgd = vgs - vds, vgb = vgs - vbs;
  double vdsat = MAX ((d->mode > 0 ? vgs : vgd) - d->von, 0);

  if (d->cox_f == 0)
    half[0] = half[1] = half[2] = 0;
  else if (d->mode > 0)
    qmeyer (vgs, vgd, vgb, d->von, vdsat, d->phi, d->cox_f, &half[0], &half[1], &half[2]);
  else
    qmeyer (vgd, vgs, vgb, d->von, vdsat, d->phi, d->cox_f, &half[1], &half[0], &half[2]);
}

/* One gate charge as mos1load.c integrates it: q = q_last + (v - v_last) (half + half_last
 * + overlap), v the frame voltage from the gate to terminal P (node index) and the
 * companion stamped between the gate G and P in real polarity. */
static void
load_gate_charge (HrNativeSim *sim, const HrNatDev *d, HrNatCharge *ch, int g, int p,
                  double v, double half, double overlap)
{
  HrMna *m = &sim->mna;
  double c = half + ch->half[1] + overlap, geq, ceq;

  ch->v[0] = v, ch->half[0] = half;
  ceq = hr_native_integrate (sim, ch, ch->q[1] + (v - ch->v[1]) * c, c, &geq) - geq * v;
  hr_native_stamp_conductance (m, g, p, geq);
  if (g >= 0) m->b[g] -= d->type * ceq;
  if (p >= 0) m->b[p] += d->type * ceq;
}

static void
mos_gate_charges (HrNativeSim *sim, HrNatDev *d, double vgs, double vds, double vbs)
{
  double half[3];

  mos_meyer_halves (d, vgs, vds, vbs, half);
  load_gate_charge (sim, d, &d->ch[HR_CH_GS], d->node[1], d->node[2], vgs, half[0], d->cgs);
  load_gate_charge (sim, d, &d->ch[HR_CH_GD], d->node[1], d->node[0], vgs - vds, half[1],
                    d->cgd);
  load_gate_charge (sim, d, &d->ch[HR_CH_GB], d->node[1], d->node[3], vgs - vbs, half[2],
                    d->cgb);
}

/* A bulk junction's depletion charge and capacitance at V: bottom plus sidewall. */
static void
mos_depletion (const HrNatDev *d, gboolean drain, double v, double *q, double *cap)
{
  double qsw, capsw;
  hr_native_depletion (drain ? d->cbd : d->cbs, d->vj, d->mj, d->fc, v, q, cap);
  hr_native_depletion (drain ? d->cbd_sw : d->cbs_sw, d->vj, d->mj_sw, d->fc, v, &qsw, &capsw);
  *q += qsw, *cap += capsw;
}

/* The bulk junctions' depletion charges, integrated and added to their DC companions in the
 * device frame (mos1load.c adds capbd's companion to gbd and cbd the same way). */
static void
mos_junction_charges (HrNativeSim *sim, HrNatDev *d, double vbs, double vbd, double *cbs,
                      double *gbs, double *cbd, double *gbd)
{
  double q, cap, geq;

  mos_depletion (d, FALSE, vbs, &q, &cap);
  *cbs += hr_native_integrate (sim, &d->ch[HR_CH_BS], q, cap, &geq);
  *gbs += geq;
  mos_depletion (d, TRUE, vbd, &q, &cap);
  *cbd += hr_native_integrate (sim, &d->ch[HR_CH_BD], q, cap, &geq);
  *gbd += geq;
}

int
hr_native_mos_load (HrNativeSim *sim, HrNatDev *d)
{
  double vgs, vds, vbs, vbd, vgd, cbs, cbd, gbs, gbd, cdrain, cdreq;
  int limited = mos_voltages (sim, d, &vgs, &vds, &vbs);
  const int t = d->type;

  vbd = vbs - vds, vgd = vgs - vds;
  mos_junction (sim, d->is, d->vt, vbs, &cbs, &d->gbs);
  mos_junction (sim, d->is_d, d->vt, vbd, &cbd, &d->gbd);
  d->mode = vds >= 0 ? 1 : -1;
  if (d->mode > 0)
    cdrain = mos_channel (d, vgs, vds, vbs, &d->gm, &d->gds, &d->gmbs);
  else
    cdrain = mos_channel (d, vgd, -vds, vbd, &d->gm, &d->gds, &d->gmbs);
  d->vgs = vgs, d->vds = vds, d->vbs = vbs;
  if (d->mode > 0)
    cdreq = t * (cdrain - d->gds * vds - d->gm * vgs - d->gmbs * vbs);
  else
    cdreq = -t * (cdrain - d->gds * (-vds) - d->gm * vgd - d->gmbs * vbd);
  gbs = d->gbs, gbd = d->gbd;
  if (sim->mode == HR_NAT_TRAN && d->n_ch > 0)
    {
      mos_junction_charges (sim, d, vbs, vbd, &cbs, &gbs, &cbd, &gbd);
      mos_gate_charges (sim, d, vgs, vds, vbs);
    }
  mos_stamp (&sim->mna, d, cdreq, t * (cbs - gbs * vbs), t * (cbd - gbd * vbd), gbd, gbs);
  d->cd_tot = d->mode * cdrain - cbd;
  d->cbs_tot = cbs, d->cbd_tot = cbd, d->gbs_tot = gbs, d->gbd_tot = gbd;
  return limited;
}

gboolean
hr_native_mos_converged (HrNativeSim *sim, const HrNatDev *d, const double *x)
{
  const int t = d->type;
  const double vsrc = hr_native_voltage_in (x, d->node[2]);
  double vbs = t * (hr_native_voltage_in (x, d->node[3]) - vsrc);
  double vgs = t * (hr_native_voltage_in (x, d->node[1]) - vsrc);
  double vds = t * (hr_native_voltage_in (x, d->node[0]) - vsrc);
  double delvbs = vbs - d->vbs, delvbd = (vbs - vds) - (d->vbs - d->vds);
  double delvgs = vgs - d->vgs, delvds = vds - d->vds;
  double delvgd = (vgs - vds) - (d->vgs - d->vds), cdhat, cbhat;

  if (d->mode > 0)
    cdhat = d->cd_tot - d->gbd_tot * delvbd + d->gmbs * delvbs + d->gm * delvgs
            + d->gds * delvds;
  else
    cdhat = d->cd_tot - (d->gbd_tot - d->gmbs) * delvbd - d->gm * delvgd + d->gds * delvds;
  cbhat = d->cbs_tot + d->cbd_tot + d->gbd_tot * delvbd + d->gbs_tot * delvbs;
  return hr_native_current_converged (sim, cdhat, d->cd_tot)
         && hr_native_current_converged (sim, cbhat, d->cbs_tot + d->cbd_tot);
}

void
hr_native_mos_load_ac (HrMna *m, const HrNatDev *d, double omega)
{
  double q, capbs = 0, capbd = 0, half[3];

  if (d->n_ch > 0)
    {
      mos_depletion (d, FALSE, d->vbs, &q, &capbs);
      mos_depletion (d, TRUE, d->vbs - d->vds, &q, &capbd);
    }
  mos_meyer_halves (d, d->vgs, d->vds, d->vbs, half);
  mos_stamp (m, d, 0, 0, 0, d->gbd, d->gbs);   /* the conductances of the operating point */
  hr_native_stamp_cap_ac (m, d->node[3], d->node[2], omega * capbs);
  hr_native_stamp_cap_ac (m, d->node[3], d->node[0], omega * capbd);
  hr_native_stamp_cap_ac (m, d->node[1], d->node[2], omega * (2 * half[0] + d->cgs));
  hr_native_stamp_cap_ac (m, d->node[1], d->node[0], omega * (2 * half[1] + d->cgd));
  hr_native_stamp_cap_ac (m, d->node[1], d->node[3], omega * (2 * half[2] + d->cgb));
}

/* At the initial point (MODETRANOP): the junction charges, and q = v (2 half + overlap) for
 * the gate charges. */
void
hr_native_mos_charges (HrNativeSim *sim, HrNatDev *d)
{
  const double v[3] = { d->vgs, d->vgs - d->vds, d->vgs - d->vbs };
  const double overlap[3] = { d->cgs, d->cgd, d->cgb };
  double half[3], cap;

  mos_depletion (d, FALSE, d->vbs, &d->ch[HR_CH_BS].q[0], &cap);
  mos_depletion (d, TRUE, d->vbs - d->vds, &d->ch[HR_CH_BD].q[0], &cap);
  mos_meyer_halves (d, d->vgs, d->vds, d->vbs, half);
  for (int k = 0; k < 3; k++)
    {
      HrNatCharge *ch = &d->ch[HR_CH_GS + k];
      ch->v[0] = v[k], ch->half[0] = half[k];
      ch->q[0] = v[k] * (2 * half[k] + overlap[k]);
    }
}
