/* tline.c — the lossless transmission line (T) by the method of characteristics, the model
 * of ngspice's TRA (the history, breakpoint and step functions below also serve the coupled
 * lines of cpl.c): each port is a voltage source behind Z0 whose value is the wave that
 * left the other port TD earlier,
 *   v1(t) - Z0 i1(t) = v2(t - TD) + Z0 i2(t - TD),
 *   v2(t) - Z0 i2(t) = v1(t - TD) + Z0 i1(t - TD),
 * with i1, i2 the currents into the ports' + terminals. At DC the line is a wire
 * (v1 = v2, i1 = -i2); in AC the delay is the factor exp(-j w TD). */
#include "native-private.h"

#include <math.h>

enum { H_T, H_V1, H_I1, H_V2, H_I2 };

static double
node_v (HrNativeSim *sim, int k)
{
  return k < 0 ? 0 : sim->x[k];
}

/* The port incidences: branch current i1 leaves the circuit at p1+ and returns at p1-. */
static void
stamp_ports (HrMna *m, const HrNatDev *d)
{
  const int b1 = d->branch, b2 = d->branch + 1;
  hr_mna_add (m, d->node[0], b1, 1);
  hr_mna_add (m, d->node[1], b1, -1);
  hr_mna_add (m, d->node[2], b2, 1);
  hr_mna_add (m, d->node[3], b2, -1);
  hr_mna_add (m, b1, d->node[0], 1);
  hr_mna_add (m, b1, d->node[1], -1);
  hr_mna_add (m, b2, d->node[2], 1);
  hr_mna_add (m, b2, d->node[3], -1);
}

/* The history at time T, linearly interpolated; before the first point, the first point
 * (the operating point, where the line has been at rest forever). */
static void
history_at (const HrNatDev *d, double t, double out[5])
{
  const double *h = (const double *) (void *) d->history->data;
  guint n = d->history->len, lo = 0, hi;

  if (n == 0)
    {
      for (int k = 0; k < 5; k++)
        out[k] = 0;
      return;
    }
  if (t <= h[H_T])
    {
      for (int k = 0; k < 5; k++)
        out[k] = h[k];
      return;
    }
  hi = n - 1;
  if (t >= h[5 * hi + H_T])
    lo = hi;
  while (hi - lo > 1)   /* h[lo].t < t <= h[hi].t */
    {
      guint mid = (lo + hi) / 2;
      if (h[5 * mid + H_T] < t)
        lo = mid;
      else
        hi = mid;
    }
  for (int k = 0; k < 5; k++)
    {
      double t0 = h[5 * lo + H_T], t1 = h[5 * hi + H_T];
      double w = t1 > t0 ? (t - t0) / (t1 - t0) : 0;
      out[k] = h[5 * lo + k] + w * (h[5 * hi + k] - h[5 * lo + k]);
    }
}

void
hr_native_tline_load (HrNativeSim *sim, const HrNatDev *d)
{
  HrMna *m = &sim->mna;
  const int b1 = d->branch, b2 = d->branch + 1;
  const double z0 = d->value;
  double past[5];

  stamp_ports (m, d);
  hr_mna_add (m, b1, b1, -z0);
  hr_mna_add (m, b2, b2, -z0);
  if (sim->mode != HR_NAT_TRAN)
    {
      /* v1 - v2 - Z0 (i1 + i2) = 0 and v2 - v1 - Z0 (i1 + i2) = 0: a wire. */
      hr_mna_add (m, b1, d->node[2], -1);
      hr_mna_add (m, b1, d->node[3], 1);
      hr_mna_add (m, b1, b2, -z0);
      hr_mna_add (m, b2, d->node[0], -1);
      hr_mna_add (m, b2, d->node[1], 1);
      hr_mna_add (m, b2, b1, -z0);
      return;
    }
  history_at (d, sim->time - d->el->value2, past);
  m->b[b1] = past[H_V2] + z0 * past[H_I2];
  m->b[b2] = past[H_V1] + z0 * past[H_I1];
}

void
hr_native_tline_load_ac (HrNativeSim *sim, const HrNatDev *d, double omega)
{
  HrMna *m = &sim->mna;
  const int b1 = d->branch, b2 = d->branch + 1;
  const double z0 = d->value;
  const double re = -cos (omega * d->el->value2), im = sin (omega * d->el->value2);

  /* v1 - Z0 i1 - e^(-j w TD) (v2 + Z0 i2) = 0, and the same with the ports exchanged. */
  stamp_ports (m, d);
  hr_mna_add_c (m, b1, b1, -z0, 0);
  hr_mna_add_c (m, b2, b2, -z0, 0);
  hr_mna_add_c (m, b1, d->node[2], re, im);
  hr_mna_add_c (m, b1, d->node[3], -re, -im);
  hr_mna_add_c (m, b1, b2, re * z0, im * z0);
  hr_mna_add_c (m, b2, d->node[0], re, im);
  hr_mna_add_c (m, b2, d->node[1], -re, -im);
  hr_mna_add_c (m, b2, b1, re * z0, im * z0);
}

void
hr_native_tline_record (HrNativeSim *sim)
{
  for (int j = 0; j < sim->lists.n_lines; j++)   /* the transient's list of T and P */
    {
      HrNatDev *d = &sim->devs[sim->lists.lines[j]];
      double rec[5];
      if (d->kind == HR_EL_CPL)
        hr_native_cpl_record (sim, d);
      if (d->kind != HR_EL_TLINE)
        continue;
      rec[H_T] = sim->time;
      rec[H_V1] = node_v (sim, d->node[0]) - node_v (sim, d->node[1]);
      rec[H_I1] = sim->x[d->branch];
      rec[H_V2] = node_v (sim, d->node[2]) - node_v (sim, d->node[3]);
      rec[H_I2] = sim->x[d->branch + 1];
      g_array_append_vals (d->history, rec, 1);
    }
}

/* At most this many delayed corners per line: a bound on the work for lines far shorter
 * than the simulated time (their reflections are then resolved by the step limit). */
#define HR_TLINE_MAX_BREAKS 20000

void
hr_native_tline_breakpoints (HrNativeSim *sim, GArray *breaks)
{
  guint n0 = breaks->len;

  for (int i = 0; i < sim->n_devs; i++)
    {
      const HrNatDev *d = &sim->devs[i];
      guint added = 0;
      if (d->kind == HR_EL_CPL)
        hr_native_cpl_breakpoints (sim, d, breaks, n0, HR_TLINE_MAX_BREAKS);
      if (d->kind != HR_EL_TLINE)
        continue;
      for (guint j = 0; j <= n0 && added < HR_TLINE_MAX_BREAKS; j++)
        {
          double base = j < n0 ? g_array_index (breaks, double, j) : 0;
          for (double t = base + d->el->value2; t < sim->tstop && added < HR_TLINE_MAX_BREAKS;
               t += d->el->value2, added++)
            g_array_append_val (breaks, t);
        }
    }
}

double
hr_native_tline_max_step (HrNativeSim *sim)
{
  double step = G_MAXDOUBLE;
  for (int i = 0; i < sim->n_devs; i++)
    {
      const HrNatDev *d = &sim->devs[i];
      if (d->kind == HR_EL_TLINE)
        step = MIN (step, d->el->value2);
      for (int k = 0; d->kind == HR_EL_CPL && k < d->line->n; k++)
        step = MIN (step, d->line->tau[k]);
    }
  return step;
}
