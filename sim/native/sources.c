/* sources.c — the independent sources' values: DC (swept, or scaled by source stepping)
 * and the transient waveforms PULSE, PWL, SIN, EXP and TRNOISE with ngspice's defaults, and
 * their corners (TRNOISE: its sample times) as breakpoints. */
#include "native-private.h"

#include <math.h>

static double
arg_or (const HrElement *el, guint i, double fallback)
{
  if (el->wave_args == NULL || i >= el->wave_args->len)
    return fallback;
  return g_array_index (el->wave_args, double, i);
}

/* ngspice's PULSE: zero rise/fall mean TSTEP, zero width/period mean TSTOP. */
static double
pulse_value (HrNativeSim *sim, const HrElement *el, double t)
{
  double v1 = arg_or (el, 0, 0), v2 = arg_or (el, 1, 0), td = arg_or (el, 2, 0);
  double tr = arg_or (el, 3, 0), tf = arg_or (el, 4, 0), pw = arg_or (el, 5, 0);
  double per = arg_or (el, 6, 0);

  tr = tr > 0 ? tr : sim->tstep;
  tf = tf > 0 ? tf : sim->tstep;
  pw = pw > 0 ? pw : sim->tstop;
  per = per > 0 ? per : sim->tstop;
  t -= td;
  if (t > per)
    t -= per * floor (t / per);
  if (t <= 0 || t >= tr + pw + tf)
    return v1;
  if (t >= tr && t <= tr + pw)
    return v2;
  if (t < tr)
    return v1 + (v2 - v1) * t / tr;
  return v2 + (v1 - v2) * (t - (tr + pw)) / tf;
}

static double
pwl_value (const HrElement *el, double t)
{
  guint n = el->wave_args->len / 2;
  const double *a = (const double *) (void *) el->wave_args->data;

  if (n == 0)
    return 0;
  if (t <= a[0])
    return a[1];
  for (guint i = 1; i < n; i++)
    if (t <= a[2 * i])
      {
        double t0 = a[2 * i - 2], t1 = a[2 * i];
        return t1 > t0 ? a[2 * i - 1] + (a[2 * i + 1] - a[2 * i - 1]) * (t - t0) / (t1 - t0)
                       : a[2 * i + 1];
      }
  return a[2 * n - 1];
}

static double
wave_value (HrNativeSim *sim, const HrElement *el, double t)
{
  switch (el->wave)
    {
    case HR_WAVE_PULSE:
      return pulse_value (sim, el, t);
    case HR_WAVE_PWL:
      return pwl_value (el, t);
    case HR_WAVE_SIN:
      {
        double vo = arg_or (el, 0, 0), va = arg_or (el, 1, 0), f = arg_or (el, 2, 0);
        double td = arg_or (el, 3, 0), theta = arg_or (el, 4, 0);
        f = f > 0 ? f : 1 / sim->tstop;
        if (t <= td)
          return vo;
        return vo + va * exp (-(t - td) * theta) * sin (2 * G_PI * f * (t - td));
      }
    case HR_WAVE_EXP:
      {
        double v1 = arg_or (el, 0, 0), v2 = arg_or (el, 1, 0), td1 = arg_or (el, 2, 0);
        double tau1 = arg_or (el, 3, 0), td2 = arg_or (el, 4, 0), tau2 = arg_or (el, 5, 0);
        double v = v1;
        tau1 = tau1 > 0 ? tau1 : sim->tstep;
        td2 = td2 > 0 ? td2 : td1 + sim->tstep;
        tau2 = tau2 > 0 ? tau2 : sim->tstep;
        if (t > td1)
          v += (v2 - v1) * (1 - exp (-(t - td1) / tau1));
        if (t > td2)
          v += (v1 - v2) * (1 - exp (-(t - td2) / tau2));
        return v;
      }
    case HR_WAVE_NONE:
    default:
      return el->value;
    }
}

/* ngspice's TRNOISE: the DC value plus the samples (tran.c) interpolated linearly, with
 * its very arithmetic; 0 at t = 0. */
static double
noise_value (const HrNatDev *d, double t)
{
  double nt = g_array_index (d->el->wave_args, double, 1), n1;
  guint k;

  if (t <= 0 || d->n_noise < 2)
    return d->el->value;
  n1 = floor (t / nt);
  k = (guint) MIN (n1, (double) (d->n_noise - 2));
  return d->el->value + d->noise[k] + (d->noise[k + 1] - d->noise[k]) * (t / nt - k);
}

double
hr_native_source_value (HrNativeSim *sim, const HrNatDev *d)
{
  double v;
  if (d == sim->sweep_dev)
    v = sim->sweep_value;
  else if (d == sim->sweep_dev2)
    v = sim->sweep_value2;
  else if (d->el->wave == HR_WAVE_TRNOISE && (sim->mode == HR_NAT_TRAN || sim->tran_op))
    v = noise_value (d, sim->time);
  else if (sim->mode == HR_NAT_TRAN || sim->tran_op)
    v = wave_value (sim, d->el, sim->time);
  else
    v = d->value;
  return v * sim->source_scale;
}

void
hr_native_source_breakpoints (HrNativeSim *sim, GArray *breaks)
{
  for (int i = 0; i < sim->n_devs; i++)
    {
      const HrElement *el = sim->devs[i].el;
      if (el->wave == HR_WAVE_PULSE)
        {
          double td = arg_or (el, 2, 0), tr = arg_or (el, 3, 0), tf = arg_or (el, 4, 0);
          double pw = arg_or (el, 5, 0), per = arg_or (el, 6, 0);
          double c[4];
          tr = tr > 0 ? tr : sim->tstep, tf = tf > 0 ? tf : sim->tstep;
          pw = pw > 0 ? pw : sim->tstop, per = per > 0 ? per : sim->tstop;
          c[0] = 0, c[1] = tr, c[2] = tr + pw, c[3] = tr + pw + tf;
          for (double base = td; base < sim->tstop; base += per)
            for (int k = 0; k < 4; k++)
              if (base + c[k] > 0 && base + c[k] < sim->tstop)
                g_array_append_vals (breaks, (double[]) { base + c[k] }, 1);
        }
      else if (el->wave == HR_WAVE_TRNOISE)
        {
          /* every sample time, where the interpolated waveform has a corner */
          double nt = g_array_index (el->wave_args, double, 1);
          for (double k = 1; k * nt < sim->tstop; k++)
            g_array_append_vals (breaks, (double[]) { k * nt }, 1);
        }
      else if (el->wave == HR_WAVE_PWL)
        for (guint k = 0; k + 1 < el->wave_args->len; k += 2)
          g_array_append_vals (breaks, &g_array_index (el->wave_args, double, k), 1);
      else if (el->wave == HR_WAVE_SIN || el->wave == HR_WAVE_EXP)
        g_array_append_vals (breaks, &g_array_index (el->wave_args, double,
                                                     el->wave == HR_WAVE_SIN ? 3 : 2), 1);
    }
}
