/* load.c — assembling the MNA system: the linear elements (R, C, L, K, E, F, G, H), the
 * independent sources, and the dispatch to the diode (diode.c), MOSFET (mosfet.c) and
 * transmission line (tline.c), for a Newton iteration and for a small-signal frequency. */
#include "native-private.h"

#include <math.h>

void
hr_native_stamp_series (HrMna *m, const HrNatDev *d)
{
  for (int t = 0; t < 4; t++)
    if (d->ext[t] != -2)
      hr_native_stamp_conductance (m, d->ext[t], d->node[t], d->g_series[t]);
}

/* The branch equations' incidence: the branch current leaves P and enters N, and the
 * branch row starts with v(P) - v(N). */
static void
stamp_branch (HrMna *m, const HrNatDev *d)
{
  hr_mna_add (m, d->node[0], d->branch, 1);
  hr_mna_add (m, d->node[1], d->branch, -1);
  hr_mna_add (m, d->branch, d->node[0], 1);
  hr_mna_add (m, d->branch, d->node[1], -1);
}

/* Companion models: i = ag0 (q - q_last) - i_last (trapezoidal), ag0 (q - q_last)
 * (backward Euler) or ag0 q + ag1 q_last + ag2 q_before (Gear 2), linear in the new charge
 * q = C v or flux phi = L i. */
static void
load_capacitor (HrNativeSim *sim, HrNatDev *d)
{
  HrMna *m = &sim->mna;
  double geq, ieq;

  if (sim->mode != HR_NAT_TRAN)
    return;
  geq = sim->ag0 * d->value;
  ieq = hr_native_integrate_history (sim, &d->ch[0]);
  if (m->mode != HR_MNA_RHS)
    hr_native_stamp_conductance (m, d->node[0], d->node[1], geq);
  if (d->node[0] >= 0) m->b[d->node[0]] -= ieq;
  if (d->node[1] >= 0) m->b[d->node[1]] += ieq;
}

static void
load_inductor (HrNativeSim *sim, HrNatDev *d)
{
  HrMna *m = &sim->mna;

  if (m->mode != HR_MNA_RHS)
    stamp_branch (m, d);
  if (sim->mode != HR_NAT_TRAN)
    return;   /* a short at DC: v(P) - v(N) = 0 */
  if (m->mode != HR_MNA_RHS)
    hr_mna_add (m, d->branch, d->branch, -sim->ag0 * d->value);
  m->b[d->branch] = hr_native_integrate_history (sim, &d->ch[0]);
}

/* The four controlled sources, linear and alike in every analysis. E and H are voltage
 * sources with a branch row v(P) - v(N) - gain x control = 0; G and F are current sources
 * from P through the source to N, like an independent current source. */
static void
stamp_controlled (HrMna *m, const HrNatDev *d)
{
  const int p = d->node[0], n = d->node[1], cp = d->node[2], cn = d->node[3];
  const double k = d->value;

  switch (d->kind)
    {
    case HR_EL_VCVS:
      stamp_branch (m, d);
      hr_mna_add (m, d->branch, cp, -k);
      hr_mna_add (m, d->branch, cn, k);
      break;
    case HR_EL_CCVS:
      stamp_branch (m, d);
      hr_mna_add (m, d->branch, d->ctrl_branch, -k);
      break;
    case HR_EL_VCCS:
      hr_mna_add (m, p, cp, k);
      hr_mna_add (m, p, cn, -k);
      hr_mna_add (m, n, cp, -k);
      hr_mna_add (m, n, cn, k);
      break;
    case HR_EL_CCCS:
      hr_mna_add (m, p, d->ctrl_branch, k);
      hr_mna_add (m, n, d->ctrl_branch, -k);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* One device's stamps: its matrix entries and right-hand side (only the latter when the
 * matrix is in HR_MNA_RHS mode). Returns 1 if it limited a junction voltage. */
static int
load_device (HrNativeSim *sim, HrNatDev *d)
{
  HrMna *m = &sim->mna;
  int limited = 0;

  switch (d->kind)
    {
    case HR_EL_RESISTOR:
      hr_native_stamp_conductance (m, d->node[0], d->node[1], 1 / d->value);
      break;
    case HR_EL_CAPACITOR:
      load_capacitor (sim, d);
      break;
    case HR_EL_INDUCTOR:
      load_inductor (sim, d);
      break;
    case HR_EL_VSOURCE:
      if (m->mode != HR_MNA_RHS)
        stamp_branch (m, d);
      m->b[d->branch] = hr_native_source_value (sim, d);
      break;
    case HR_EL_ISOURCE:
      {
        /* SPICE: positive current flows from N+ through the source to N-. */
        double i_a = hr_native_source_value (sim, d);
        if (d->node[0] >= 0) m->b[d->node[0]] -= i_a;
        if (d->node[1] >= 0) m->b[d->node[1]] += i_a;
      }
      break;
    case HR_EL_VCVS: case HR_EL_CCVS: case HR_EL_VCCS: case HR_EL_CCCS:
      stamp_controlled (m, d);
      break;
    case HR_EL_TLINE:
      hr_native_tline_load (sim, d);
      break;
    case HR_EL_CPL:
      hr_native_cpl_load (sim, d);
      break;
    case HR_EL_MUTUAL:   /* M di/dt in both branch rows; nothing at DC */
      if (sim->mode == HR_NAT_TRAN)
        {
          hr_mna_add (m, d->node[0], d->node[1], -sim->ag0 * d->mutual_h);
          hr_mna_add (m, d->node[1], d->node[0], -sim->ag0 * d->mutual_h);
        }
      break;
    case HR_EL_DIODE:
      limited += hr_native_diode_load (sim, d);
      hr_native_stamp_series (m, d);
      break;
    case HR_EL_MOSFET:
      limited += hr_native_mos_load (sim, d);
      hr_native_stamp_series (m, d);
      break;
    default:
      g_assert_not_reached ();
    }
  return limited;
}

/* A linear transient at the ag0 of the matrix already assembled: the matrix is the same bit
 * for bit (it depends on ag0 alone; the factor cache holds its factors), so only the
 * right-hand side is assembled, from the sources, the integrated charges and the lines'
 * waves; resistors, controlled sources and couplings are not visited at all. */
static void
load_rhs (HrNativeSim *sim)
{
  HrMna *m = &sim->mna;

  m->mode = HR_MNA_RHS;
  hr_mna_zero (m);
  for (int j = 0; j < sim->lists.n_rhs; j++)
    load_device (sim, &sim->devs[sim->lists.rhs[j]]);
  m->mode = HR_MNA_REAL;
}

int
hr_native_load (HrNativeSim *sim)
{
  HrMna *m = &sim->mna;
  int limited = 0;

  if (sim->linear && sim->mode == HR_NAT_TRAN && sim->ag0 == sim->loaded_ag0
      && sim->lists.rhs != NULL && sim->diag_gmin == 0)
    {
      load_rhs (sim);
      return 0;
    }
  sim->loaded_ag0 = sim->linear && sim->mode == HR_NAT_TRAN ? sim->ag0 : NAN;
  hr_mna_zero (m);
  for (int i = 0; i < sim->n_devs; i++)
    limited += load_device (sim, &sim->devs[i]);
  for (int k = 0; k < sim->n_nodes && sim->diag_gmin > 0; k++)
    hr_mna_add (m, k, k, sim->diag_gmin);
  return limited;
}

static void
load_ac_source (HrNativeSim *sim, const HrNatDev *d)
{
  HrMna *m = &sim->mna;
  double ph = d->el->ac_phase_deg * G_PI / 180;
  double re = d->el->has_ac ? d->el->ac_mag * cos (ph) : 0;
  double im = d->el->has_ac ? d->el->ac_mag * sin (ph) : 0;

  if (d->kind == HR_EL_VSOURCE)
    {
      stamp_branch (m, d);
      m->bz[2 * d->branch] = re, m->bz[2 * d->branch + 1] = im;
      return;
    }
  if (d->node[0] >= 0)
    m->bz[2 * d->node[0]] -= re, m->bz[2 * d->node[0] + 1] -= im;
  if (d->node[1] >= 0)
    m->bz[2 * d->node[1]] += re, m->bz[2 * d->node[1] + 1] += im;
}

void
hr_native_load_ac (HrNativeSim *sim, double omega)
{
  HrMna *m = &sim->mna;

  m->mode = HR_MNA_COMPLEX;
  hr_mna_zero (m);
  for (int i = 0; i < sim->n_devs; i++)
    {
      HrNatDev *d = &sim->devs[i];
      const int p = d->node[0], n = d->node[1];
      switch (d->kind)
        {
        case HR_EL_RESISTOR:
          hr_native_stamp_conductance (m, p, n, 1 / d->value);
          break;
        case HR_EL_CAPACITOR:
          hr_native_stamp_cap_ac (m, p, n, omega * d->value);
          break;
        case HR_EL_INDUCTOR:
          stamp_branch (m, d);
          hr_mna_add_c (m, d->branch, d->branch, 0, -omega * d->value);
          break;
        case HR_EL_VSOURCE:
        case HR_EL_ISOURCE:
          load_ac_source (sim, d);
          break;
        case HR_EL_VCVS: case HR_EL_CCVS: case HR_EL_VCCS: case HR_EL_CCCS:
          stamp_controlled (m, d);
          break;
        case HR_EL_TLINE:
          hr_native_tline_load_ac (sim, d, omega);
          break;
        case HR_EL_CPL:
          hr_native_cpl_load_ac (sim, d, omega);
          break;
        case HR_EL_MUTUAL:
          hr_mna_add_c (m, p, n, 0, -omega * d->mutual_h);
          hr_mna_add_c (m, n, p, 0, -omega * d->mutual_h);
          break;
        case HR_EL_DIODE:
          hr_native_diode_load_ac (m, d, omega);
          hr_native_stamp_series (m, d);
          break;
        case HR_EL_MOSFET:
          hr_native_mos_load_ac (m, d, omega);
          hr_native_stamp_series (m, d);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

gboolean
hr_native_devices_converged (HrNativeSim *sim, const double *xnew)
{
  if (sim->linear)   /* no diode, no MOSFET */
    return TRUE;
  for (int i = 0; i < sim->n_devs; i++)
    {
      const HrNatDev *d = &sim->devs[i];
      if ((d->kind == HR_EL_DIODE && !hr_native_diode_converged (sim, d, xnew))
          || (d->kind == HR_EL_MOSFET && !hr_native_mos_converged (sim, d, xnew)))
        return FALSE;
    }
  return TRUE;
}

void
hr_native_device_charges (HrNativeSim *sim, HrNatDev *d)
{
  if (d->n_ch == 0)
    return;
  if (d->kind == HR_EL_DIODE)
    hr_native_diode_charges (sim, d);
  else if (d->kind == HR_EL_MOSFET)
    hr_native_mos_charges (sim, d);
}
