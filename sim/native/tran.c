/* tran.c — the transient: trapezoidal or Gear-2 (BDF2, variable step) integration (backward
 * Euler on the first step and after every breakpoint, where trapezoidal would ring on a
 * source's corner), the step chosen by the local truncation error of every integrated
 * charge (capacitors, inductor fluxes, device junction and gate charges) exactly as
 * ngspice's CKTterr estimates it (divided differences, trtol, reltol, abstol, chgtol),
 * steps landing on every source corner (TRNOISE: every sample time) and on its arrivals at
 * the ends of transmission lines; the noise sources' samples. */
#include "native-private.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

/* The factor cache of a linear transient: entries, and the bytes their L and U may take. */
#define HR_NAT_TRAN_FACTORS      12
#define HR_NAT_TRAN_FACTOR_BYTES ((gsize) 1 << 30)

static gboolean
is_linear_reactive (const HrNatDev *d)
{
  return d->kind == HR_EL_CAPACITOR || d->kind == HR_EL_INDUCTOR;
}

/* Charge (C) or flux (L) of D at the present solution. */
static double
state_of (HrNativeSim *sim, const HrNatDev *d)
{
  if (d->kind == HR_EL_INDUCTOR)
    return d->value * sim->x[d->branch];
  return d->value * ((d->node[0] >= 0 ? sim->x[d->node[0]] : 0)
                     - (d->node[1] >= 0 ? sim->x[d->node[1]] : 0));
}

static void
lists_free (HrNativeSim *sim)
{
  HrNatLists *l = &sim->lists;
  g_free (l->reactive);
  g_free (l->charged);
  g_free (l->mutual);
  g_free (l->lines);
  g_free (l->rhs);
  memset (l, 0, sizeof *l);
}

static void
lists_build (HrNativeSim *sim)
{
  HrNatLists *l = &sim->lists;
  const gsize n = MAX (sim->n_devs, 1);

  lists_free (sim);
  l->reactive = g_new (int, n);
  l->charged = g_new (int, n);
  l->mutual = g_new (int, n);
  l->lines = g_new (int, n);
  l->rhs = g_new (int, n);
  for (int i = 0; i < sim->n_devs; i++)
    {
      const HrElementKind k = sim->devs[i].kind;
      if (is_linear_reactive (&sim->devs[i]))
        l->reactive[l->n_reactive++] = i;
      if (sim->devs[i].n_ch > 0)
        l->charged[l->n_charged++] = i;
      if (k == HR_EL_MUTUAL)
        l->mutual[l->n_mutual++] = i;
      if (k == HR_EL_TLINE || k == HR_EL_CPL)
        l->lines[l->n_lines++] = i;
      if (k == HR_EL_VSOURCE || k == HR_EL_ISOURCE || k == HR_EL_CAPACITOR
          || k == HR_EL_INDUCTOR || k == HR_EL_TLINE || k == HR_EL_CPL)
        l->rhs[l->n_rhs++] = i;
    }
}

/* q[0] of every capacitor and inductor at the present solution; an inductor's flux includes
 * M i of each inductor coupled to it, as in ngspice's MUTload. */
static void
states_now (HrNativeSim *sim)
{
  const HrNatLists *l = &sim->lists;

  for (int j = 0; j < l->n_reactive; j++)
    {
      HrNatDev *d = &sim->devs[l->reactive[j]];
      d->ch[0].q[0] = state_of (sim, d);
    }
  for (int j = 0; j < l->n_mutual; j++)
    {
      const HrNatDev *k = &sim->devs[l->mutual[j]];
      HrNatDev *l1, *l2;
      l1 = &sim->devs[k->coupled[0]], l2 = &sim->devs[k->coupled[1]];
      l1->ch[0].q[0] += k->mutual_h * sim->x[l2->branch];
      l2->ch[0].q[0] += k->mutual_h * sim->x[l1->branch];
    }
}

/* At the initial point: every charge at rest (no current in a capacitor, no voltage on an
 * inductor), its history filled with the present value. */
static void
states_init (HrNativeSim *sim)
{
  states_now (sim);
  for (int i = 0; i < sim->n_devs; i++)
    {
      HrNatDev *d = &sim->devs[i];
      if (!is_linear_reactive (d))
        hr_native_device_charges (sim, d);
      for (int c = 0; c < d->n_ch; c++)
        {
          HrNatCharge *ch = &d->ch[c];
          ch->q[1] = ch->q[2] = ch->q[3] = ch->q[0];
          ch->cur[0] = ch->cur[1] = 0;
          ch->v[1] = ch->v[0], ch->half[1] = ch->half[0];
        }
    }
}

/* After a converged point: capacitors and inductors from the solution; the nonlinear
 * devices integrated their charges during the last Newton load, as ngspice's do. */
static void
states_update (HrNativeSim *sim)
{
  states_now (sim);
  for (int j = 0; j < sim->lists.n_reactive; j++)
    {
      HrNatDev *d = &sim->devs[sim->lists.reactive[j]];
      d->ch[0].cur[0] = hr_native_integrate_current (sim, &d->ch[0], d->ch[0].q[0]);
    }
}

static void
states_accept (HrNativeSim *sim)
{
  for (int j = 0; j < sim->lists.n_charged; j++)
    for (int c = 0; c < sim->devs[sim->lists.charged[j]].n_ch; c++)
      {
        HrNatCharge *ch = &sim->devs[sim->lists.charged[j]].ch[c];
        ch->q[3] = ch->q[2], ch->q[2] = ch->q[1], ch->q[1] = ch->q[0];
        ch->cur[1] = ch->cur[0];
        ch->v[1] = ch->v[0], ch->half[1] = ch->half[0];
      }
  memmove (sim->delta_old + 1, sim->delta_old, sizeof (double) * 3);
}

/* ngspice's CKTterr, split: the divided differences' denominators depend only on the step
 * history, so they are formed once per step, as reciprocals (INV[j][i]: those of level j),
 * and every charge multiplies by them. On a circuit of many charges the chain of dependent
 * divisions was half of the transient's time; multiplying by a reciprocal rounds
 * differently from dividing by one ulp at most, far below the estimate's own precision. */
typedef struct {
  double inv[3][3];
  double inv_delta;
  double factor;   /* CKTterr's error constant of the method and order */
} TruncDenoms;

static void
truncation_denoms (HrNativeSim *sim, TruncDenoms *td, double delta)
{
  const int order = sim->order;
  double deltmp[4];

  for (int i = 0; i <= order; i++)
    deltmp[i] = sim->delta_old[i];
  for (int j = order;;)
    {
      for (int i = 0; i <= j; i++)
        td->inv[j][i] = 1 / deltmp[i];
      if (--j < 0)
        break;
      for (int i = 0; i <= j; i++)
        deltmp[i] = deltmp[i + 1] + sim->delta_old[i];
    }
  td->inv_delta = 1 / delta;
  /* BE, trapezoidal and Gear-2 error constants, CKTterr's values */
  td->factor = order == 1 ? 0.5 : sim->method == HR_INTEGRATION_GEAR2 ? .2222222222 : 1.0 / 12;
}

/* For one charge: the step that keeps the truncation error within trtol times the larger of
 * the current (voltage) and the charge tolerances, squared for the trapezoidal rule (the
 * caller takes the square root of the smallest), as the fraction *NUM / *DEN, so that the
 * caller divides once, for the smallest. */
static inline void
truncation_step (HrNativeSim *sim, const TruncDenoms *td, const HrNatCharge *d, double *num,
                 double *den)
{
  const int order = sim->order;
  double volttol = sim->abstol + sim->reltol * MAX (fabs (d->cur[0]), fabs (d->cur[1]));
  double chargetol = sim->reltol * MAX (MAX (fabs (d->q[0]), fabs (d->q[1])), sim->chgtol)
                     * td->inv_delta;
  double d0, d1, d2;

  /* The divided differences of the last order + 2 charges, written out per order: a loop
   * over a small array kept it on the stack, and every level's wide reload of values just
   * stored one by one stalled on store forwarding. */
  if (order == 1)
    {
      d0 = (d->q[0] - d->q[1]) * td->inv[1][0];
      d1 = (d->q[1] - d->q[2]) * td->inv[1][1];
    }
  else
    {
      d0 = (d->q[0] - d->q[1]) * td->inv[2][0];
      d1 = (d->q[1] - d->q[2]) * td->inv[2][1];
      d2 = (d->q[2] - d->q[3]) * td->inv[2][2];
      d0 = (d0 - d1) * td->inv[1][0];
      d1 = (d1 - d2) * td->inv[1][1];
    }
  d0 = (d0 - d1) * td->inv[0][0];
  *num = sim->trtol * MAX (volttol, chargetol);
  *den = MAX (sim->abstol, td->factor * fabs (d0));
}

static double
truncation_min (HrNativeSim *sim, double delta)
{
  double best_num = 0, best_den = 0, del;   /* the smallest num / den so far; none: 0 / 0 */
  TruncDenoms td;

  sim->delta_old[0] = delta;
  truncation_denoms (sim, &td, delta);
  for (int j = 0; j < sim->lists.n_charged; j++)
    {
      const HrNatDev *d = &sim->devs[sim->lists.charged[j]];
      for (int c = 0; c < d->n_ch; c++)
        {
          double num, den;
          truncation_step (sim, &td, &d->ch[c], &num, &den);
          /* num / den < best_num / best_den, both denominators positive (>= abstol) */
          if (best_den == 0 || num * best_den < best_num * den)
            best_num = num, best_den = den;
        }
    }
  if (best_den == 0)   /* no charge at all */
    return 2 * delta;
  del = best_num / best_den;
  return MIN (2 * delta, sim->order == 2 ? sqrt (del) : del);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static GArray *
breakpoints (HrNativeSim *sim)
{
  GArray *b = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *u = g_array_new (FALSE, FALSE, sizeof (double));
  hr_native_source_breakpoints (sim, b);
  hr_native_tline_breakpoints (sim, b);
  g_array_append_val (b, sim->tstop);
  g_array_sort (b, cmp_double);
  for (guint i = 0; i < b->len; i++)
    {
      double t = g_array_index (b, double, i);
      if (t > 0 && t <= sim->tstop && (u->len == 0 || t > g_array_index (u, double, u->len - 1)
                                                          * (1 + 1e-12)))
        g_array_append_val (u, t);
    }
  g_array_unref (b);
  return u;
}

static gboolean
initial_point (HrNativeSim *sim, const HrAnalysis *an, GError **error)
{
  memset (sim->x, 0, sizeof (double) * sim->n_unknowns);
  sim->time = 0;
  if (an->uic)
    {
      for (guint i = 0; i < sim->nl->initial->len; i++)
        {
          const HrParam *p = &g_array_index (sim->nl->initial, HrParam, i);
          gpointer v;
          if (g_hash_table_lookup_extended (sim->node_index, p->name, NULL, &v))
            sim->x[GPOINTER_TO_INT (v) - 1] = p->value;
        }
      return TRUE;
    }
  if (!hr_native_check_topology (sim, TRUE, error))
    return FALSE;
  sim->mode = HR_NAT_DC, sim->tran_op = TRUE, sim->init_junctions = TRUE;
  if (!hr_native_op (sim, error))
    {
      sim->tran_op = FALSE;
      hr_native_prefix_error (sim, error, "the transient's initial operating point");
      return FALSE;
    }
  sim->tran_op = FALSE;
  return TRUE;
}

typedef struct {
  double tmax, delmin, delta;
  double save_delta;   /* the step proposed before the last clip to a breakpoint            */
  guint  next_break;
  GArray *breaks;
  /* The accepted point before sim->xprev, for the predictor; valid when HAVE_OLDER (two
   * points accepted since the last corner) */
  double *older;
  gboolean have_older;
} TranSteps;

/* The next step: no longer than TMAX, landing exactly on the next breakpoint when it would
 * reach or nearly reach it. Returns TRUE if the step ends on a breakpoint. */
static gboolean
clip_to_breakpoint (HrNativeSim *sim, TranSteps *ts)
{
  double bp;
  while (ts->next_break < ts->breaks->len
         && g_array_index (ts->breaks, double, ts->next_break) <= sim->time + ts->delmin)
    ts->next_break++;
  ts->delta = MIN (ts->delta, ts->tmax);
  if (ts->next_break >= ts->breaks->len)
    return FALSE;
  bp = g_array_index (ts->breaks, double, ts->next_break);
  if (sim->time + 1.01 * ts->delta < bp)
    return FALSE;
  ts->save_delta = ts->delta;   /* ngspice's CKTsaveDelta */
  ts->delta = bp - sim->time;
  return TRUE;
}

/* The integration coefficients for a step DELTA. Gear 2 on a variable step (NIcomCof solves
 * for them; this is the closed form): with h = DELTA and h1 the last accepted step, the
 * derivative at the new point of the parabola through the last three charges. */
static void
set_coefficients (HrNativeSim *sim, double delta)
{
  const double h = delta, h1 = sim->delta_old[1];

  if (sim->order == 1 || sim->method != HR_INTEGRATION_GEAR2)
    {
      sim->ag0 = (sim->order == 1 ? 1.0 : 2.0) / delta;
      return;
    }
  sim->ag[0] = (2 * h + h1) / (h * (h + h1));
  sim->ag[1] = -(h + h1) / (h * h1);
  sim->ag[2] = h / (h1 * (h + h1));
  sim->ag0 = sim->ag[0];
}

/* One attempted step of length ts->delta from the accepted point sim->xprev at sim->time.
 * Returns 1 if accepted, 0 if rejected (ts->delta made smaller), -1 on an error. */
static int
try_step (HrNativeSim *sim, TranSteps *ts, GError **error)
{
  g_autoptr(GError) local = NULL;
  const double t0 = sim->time, delta = ts->delta;
  double lte_step;

  set_coefficients (sim, delta);
  sim->time = t0 + delta;
  /* A nonlinear circuit's Newton starts from the line through the last two accepted points
   * (within a stretch without a corner, where the waveforms are smooth), not from the last
   * point: the first iteration then often lands within tolerance, and a step takes about
   * two iterations instead of three. The answer is the same to Newton's tolerance; a linear
   * circuit is solved in one iteration from anywhere. */
  if (!sim->linear && ts->have_older)
    {
      const double f = delta / sim->delta_old[1];
      for (int k = 0; k < sim->n_unknowns; k++)
        sim->x[k] = sim->xprev[k] + f * (sim->xprev[k] - ts->older[k]);
    }
  if (!hr_native_newton (sim, sim->itl4, &local))
    {
      sim->time = t0;
      memcpy (sim->x, sim->xprev, sizeof (double) * sim->n_unknowns);
      if (local->code != HR_SIM_ERROR_CONVERGENCE || delta / 8 < ts->delmin)
        {
          if (local->code == HR_SIM_ERROR_CONVERGENCE)
            {
              g_autofree char *at = g_strdup_printf ("timestep too small at t = %g s (step "
                                                     "%g s)", t0, delta);
              local->code = HR_SIM_ERROR_TIMESTEP;
              hr_native_prefix_error (sim, &local, at);
            }
          g_propagate_error (error, g_steal_pointer (&local));
          return -1;
        }
      ts->delta = delta / 8;
      sim->order = 1;
      return 0;
    }
  states_update (sim);
  lte_step = truncation_min (sim, delta);
  if (lte_step < 0.9 * delta && delta > ts->delmin)
    {
      sim->time = t0;
      memcpy (sim->x, sim->xprev, sizeof (double) * sim->n_unknowns);
      ts->delta = MAX (lte_step, ts->delmin);
      return 0;
    }
  ts->delta = lte_step;
  return 1;
}

/* A linear circuit's matrix depends only on the step and the integration coefficients:
 * with steps taken from the ladder TMAX, TMAX/2, TMAX/4, ... (each the largest rung not
 * above what the truncation error allows, so never a longer step than the error control
 * asked for) the matrix takes a handful of values over a whole run, and the MNA's factor
 * cache factors each once instead of at every change of step. */
static double
ladder_step (double delta, double tmax)
{
  double h = tmax;
  while (h > delta && h > 0)
    h *= 0.5;
  return h;
}

static gboolean
tran_loop (HrNativeSim *sim, TranSteps *ts, HrNatRecorder *rec, double tstart,
           GError **error)
{
  while (sim->time < sim->tstop * (1 - 1e-12))
    {
      gboolean lands;
      int r;

      if (sim->linear)
        ts->delta = ladder_step (ts->delta, ts->tmax);
      lands = clip_to_breakpoint (sim, ts);
      r = try_step (sim, ts, error);

      if (r < 0)
        return FALSE;
      if (r == 0)
        {
          sim->n_rejected++;
          continue;
        }
      states_accept (sim);
      hr_native_tline_record (sim);
      memcpy (ts->older, sim->xprev, sizeof (double) * sim->n_unknowns);
      ts->have_older = !lands;
      memcpy (sim->xprev, sim->x, sizeof (double) * sim->n_unknowns);
      if (sim->time >= tstart)
        hr_nat_recorder_add (rec, sim, sim->time);
      hr_native_report_progress (sim, sim->time / sim->tstop, "tran");
      /* After a corner, restart with backward Euler and a short step, as SPICE does: a tenth
       * of the step proposed before it was clipped to land on the corner (ngspice's
       * CKTsaveDelta; the clipped step's length says nothing of the circuit) or of the gap
       * to the next corner. */
      if (lands)
        {
          double gap = ts->next_break + 1 < ts->breaks->len
                       ? g_array_index (ts->breaks, double, ts->next_break + 1) - sim->time
                       : ts->save_delta;
          ts->delta = MIN (ts->delta, 0.1 * MIN (ts->save_delta, gap));
        }
      sim->order = lands ? 1 : 2;
      ts->delta = MAX (ts->delta, ts->delmin);
    }
  return TRUE;
}

/* Every TRNOISE source's samples at 0, NT, 2 NT, ... past tstop, drawn from its own
 * MT19937 seeded with its seed (GSL takes 32 bits: the seed's halves are combined), so a
 * simulation owns its generator and the same seed gives the same waveform. The first
 * sample is 0, as ngspice's: the operating point sees the DC value alone. */
static gboolean
noise_samples (HrNativeSim *sim, GError **error)
{
  for (int i = 0; i < sim->n_devs; i++)
    {
      HrNatDev *d = &sim->devs[i];
      const HrElement *el = d->el;
      double rms, nt, count;
      gsl_rng *rng;

      if (el->wave != HR_WAVE_TRNOISE)
        continue;
      rms = g_array_index (el->wave_args, double, 0);
      nt = g_array_index (el->wave_args, double, 1);
      count = floor (sim->tstop / nt) + 3;
      if (count > 1e8)
        {
          g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID,
                       "%s: the noise of %s would need %.3g samples (tstop / sample time); "
                       "at most 1e8", sim->nl->title, el->name, count);
          return FALSE;
        }
      d->n_noise = (guint) count;
      d->noise = g_new (double, d->n_noise);
      rng = gsl_rng_alloc (gsl_rng_mt19937);
      gsl_rng_set (rng, (unsigned long) (el->noise_seed ^ (el->noise_seed >> 32)));
      d->noise[0] = 0;
      for (guint k = 1; k < d->n_noise; k++)
        d->noise[k] = gsl_ran_gaussian_ziggurat (rng, rms);
      gsl_rng_free (rng);
    }
  return TRUE;
}

static void
noise_free (HrNativeSim *sim)
{
  for (int i = 0; i < sim->n_devs; i++)
    {
      g_clear_pointer (&sim->devs[i].noise, g_free);
      sim->devs[i].n_noise = 0;
    }
}

gboolean
hr_native_run_tran (HrNativeSim *sim, const HrAnalysis *an, HrSimResult *res,
                    GError **error)
{
  TranSteps ts = { 0 };
  HrNatRecorder *rec;
  gboolean ok;

  sim->tstep = an->tstep, sim->tstop = an->tstop;
  ts.tmax = an->tmax > 0 ? an->tmax : MIN (an->tstep, (an->tstop - an->tstart) / 50);
  /* A step longer than a line's delay would need waves that have not been computed yet. */
  ts.tmax = MIN (ts.tmax, hr_native_tline_max_step (sim));
  ts.delmin = 1e-11 * ts.tmax;   /* ngspice's CKTdelmin */
  sim->method = sim->nl->integration;
  if (!noise_samples (sim, error) || !initial_point (sim, an, error))
    {
      noise_free (sim);
      return FALSE;
    }
  rec = hr_nat_recorder_new (sim, "time", FALSE, error);
  if (rec == NULL)
    {
      noise_free (sim);
      return FALSE;
    }
  sim->mode = HR_NAT_TRAN;
  sim->loaded_ag0 = NAN;
  lists_build (sim);
  states_init (sim);
  for (int i = 0; i < sim->n_devs; i++)   /* a second transient starts a new history */
    if (sim->devs[i].history != NULL)
      g_array_set_size (sim->devs[i].history, 0);
  hr_native_tline_record (sim);
  memcpy (sim->xprev, sim->x, sizeof (double) * sim->n_unknowns);
  if (an->tstart <= 0)
    hr_nat_recorder_add (rec, sim, 0);
  ts.breaks = breakpoints (sim);
  ts.older = g_new (double, MAX (sim->n_unknowns, 1));
  ts.delta = MIN (an->tstop / 100, an->tstep) / 10;   /* ngspice's first step */
  for (int i = 0; i < 4; i++)
    sim->delta_old[i] = ts.delta;
  sim->order = 1;
  /* A linear circuit's matrix takes a few values again and again (see ladder_step): keep
   * their factorisations, within a memory bound that a panel-sized mesh (300 x 300 nodes:
   * 70 MB per factorisation) fits a dozen times. */
  if (sim->linear)
    hr_mna_set_factor_cache (&sim->mna, HR_NAT_TRAN_FACTORS, HR_NAT_TRAN_FACTOR_BYTES);
  ok = tran_loop (sim, &ts, rec, an->tstart, error);
  hr_mna_set_factor_cache (&sim->mna, 1, 0);
  sim->loaded_ag0 = NAN;
  lists_free (sim);
  g_array_unref (ts.breaks);
  g_free (ts.older);
  noise_free (sim);
  sim->mode = HR_NAT_DC;
  hr_nat_recorder_finish (rec, ok ? res : NULL, "tran");
  return ok;
}
