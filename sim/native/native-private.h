/* native-private.h — the native engine's internal types: one HrNativeSim per hr_engine_run()
 * call holds the compiled circuit, the KLU matrix and every piece of mutable state, so that
 * simulations on different threads share nothing. Not installed. */
#pragma once

#include "sim-private.h"

#include <klu.h>

G_BEGIN_DECLS

/* ---- the sparse MNA matrix on KLU (mna.c) ---------------------------------------------- */

typedef enum {
  HR_MNA_PATTERN,   /* stamps record positions only                                          */
  HR_MNA_REAL,      /* stamps add to ax                                                       */
  HR_MNA_COMPLEX,   /* stamps add to azx (interleaved re, im)                                 */
  HR_MNA_RHS,       /* the matrix is known to be unchanged: stamps are dropped, only the
                     * right-hand side is assembled (a linear transient at an unchanged step) */
} HrMnaMode;

/* One remembered stamp: the request (row, col) and its position in ax. */
typedef struct {
  int row, col, pos;
} HrMnaSlot;

typedef struct {
  klu_numeric *numeric;
  double      *ax;         /* the values factored                                            */
  double       rcond;      /* klu_rcond right after its klu_factor                            */
  guint64      used;       /* HrMna.clock at its last use                                     */
} HrMnaFactor;

typedef struct {
  int           n;         /* unknowns                                                       */
  HrMnaMode     mode;
  GArray       *pattern;   /* guint64 (col << 32 | row) while collecting                     */
  int           nnz;
  int          *ap, *ai;   /* compressed column                                              */
  double       *ax;        /* nnz                                                             */
  double       *azx;       /* 2 nnz                                                           */
  double       *b;         /* n, real right-hand side                                        */
  double       *bz;        /* 2 n, complex right-hand side                                   */
  klu_common    common;
  klu_symbolic *symbolic;
  klu_numeric  *znumeric;  /* complex                                                         */
  /* Real factorisations, each with the values it factored: a matrix equal to one of them bit
   * for bit is solved with its factors, without refactoring. One entry unless the caller
   * widens the cache (hr_mna_set_factor_cache): a linear transient's matrix depends only on
   * the step and the integration order, so a few entries serve a whole run. */
  HrMnaFactor  *factors;
  int           n_factors, max_factors;
  int           current;   /* the entry that solved last, -1 before the first              */
  guint64       clock;     /* use counter for least-recently-used eviction                  */
  gsize         factor_bytes_max;  /* memory bound for the cache's factors                  */
  /* work done, for the result's log: fresh factorisations, refactorisations, real solves,
   * and the solves that found their factors already made */
  guint64       n_factor, n_refactor, n_solve, n_reused;
  /* Stamp positions, resolved once per topology: every load stamps in the same order, so
   * the k-th hr_mna_add after hr_mna_zero finds its position in tape[mode][k] (checked
   * against the requested row and column; a different request is searched once and
   * replaces the entry). One tape for real loads, one for complex. */
  HrMnaSlot    *tape[2];
  int           tape_len[2], tape_cap[2];
  int           cursor;
} HrMna;

void     hr_mna_init (HrMna *m, int n);
void     hr_mna_clear (HrMna *m);
/* Ends the pattern pass: builds the compressed columns and runs klu_analyze once. */
gboolean hr_mna_finish_pattern (HrMna *m);
void     hr_mna_zero (HrMna *m);
/* A[row][col] += value (or re + j im); a negative index is ground and is skipped. */
void     hr_mna_add_slow (HrMna *m, int row, int col, double value);
/* The common case inline: a real load stamping where its tape says it did last time. A
 * device load makes tens of these per Newton iteration, and on a small circuit the call
 * itself was a sixth of the run. */
static inline void
hr_mna_add (HrMna *m, int row, int col, double value)
{
  if (row < 0 || col < 0)
    return;
  if (G_LIKELY (m->mode == HR_MNA_REAL && m->cursor < m->tape_len[0]))
    {
      const HrMnaSlot *s = &m->tape[0][m->cursor];
      if (G_LIKELY (s->row == row && s->col == col))
        {
          m->cursor++;
          m->ax[s->pos] += value;
          return;
        }
    }
  hr_mna_add_slow (m, row, col, value);
}
void     hr_mna_add_c (HrMna *m, int row, int col, double re, double im);
/* Factors (klu_factor the first time, klu_refactor after) and solves in place in b or bz.
 * On a singular matrix returns FALSE with *singular_col the offending unknown (or -1). */
gboolean hr_mna_solve (HrMna *m, int *singular_col);
gboolean hr_mna_solve_complex (HrMna *m, int *singular_col);
/* Keeps up to MAX_FACTORS real factorisations (at least 1, the default), as long as their L
 * and U together stay within MAX_BYTES: for a matrix that takes a few values again and
 * again (a linear circuit's transient on a ladder of step sizes). */
void     hr_mna_set_factor_cache (HrMna *m, int max_factors, gsize max_bytes);

/* ---- the compiled circuit (circuit.c; devices: load.c, diode.c, mosfet.c, tline.c) ------ */

/* One integrated charge (C, junctions, overlaps) or flux (L): the value at the new point and
 * three accepted ones, and the current (voltage for a flux) at the new and the last one. */
typedef struct {
  double q[4];
  double cur[2];
  /* MOSFET gate charges (Meyer): the terminal voltage and the half capacitance at the new
   * point and at the last accepted one */
  double v[2], half[2];
} HrNatCharge;

/* Per MOSFET: bulk-drain, bulk-source junctions, gate-source, gate-drain, gate-bulk
 * overlaps. */
enum { HR_CH_BD, HR_CH_BS, HR_CH_GS, HR_CH_GD, HR_CH_GB, HR_NAT_MAX_CHARGES };

/* A lossless line of N coupled conductors (P with no segments; cpl.c), in modes: the
 * conductor voltages are V = Tv Vm and currents I = Ti Im, with Tv^-1 = Ti^T, so that each
 * mode k is a single line of impedance z[k] and delay tau[k]. Port equation k (near end;
 * the far end alike) is a[k] . V1 - b[k] . I1 = (a[k] . V2 + b[k] . I2)(t - tau[k]), with
 * a[k] column k of Ti and b[k] = z[k] column k of Tv, both divided by the largest |a[k]|
 * so that the rows are scaled like a T line's. */
typedef struct {
  int     n;
  int    *near, *far;        /* unknown index per conductor, -1 for ground                   */
  int     near_ref, far_ref;
  double *a, *b;             /* n x n, [j * n + k]: conductor j in mode k's rows              */
  double *tau;               /* per mode, s                                                   */
} HrNatLine;

typedef struct {
  const HrElement *el;
  HrElementKind kind;
  int     node[4];      /* unknown index of each terminal, -1 for ground                    */
  int     branch;       /* branch-current unknown (V, L, E, H), -1 if none                   */
  /* series resistances (diode RS; MOSFET RD, RS): for terminal t with one, ext[t] is the
   * external node and node[t] the internal one the device equations see, joined by the
   * conductance g_series[t]; ext[t] is -2 without one */
  int     ext[4];
  double  g_series[4];
  int     ctrl_branch;  /* F, H: the branch unknown of the controlling source                 */
  int     coupled[2];   /* K: the indices in devs of the two inductors                       */
  double  mutual_h;     /* K: M = k sqrt(L1 L2)                                               */
  /* T: branch and branch + 1 are the currents into ports 1 and 2; the history holds
   * (t, v1, i1, v2, i2) at every accepted transient point, for the delayed waves */
  GArray *history;
  double  value;
  /* MOSFET level 1 and diode parameters, resolved with defaults */
  int     type;         /* +1 nmos, -1 pmos                                                  */
  double  vt;           /* kT/q at the device's temperature                                   */
  /* level-1 MOSFET at its temperature: vbi is ngspice's tVbi (von = type vbi + GAMMA sarg),
   * vto its tVto, phi tPhi, kp tKP; diode and junction values likewise temperature-adjusted */
  double  vto, vbi, kp, gamma, phi, lambda, is, n_emission, beta, vcrit;
  /* charge storage: diode CJO, VJ, M, FC, TT; MOSFET CBD, CBS, PB (in vj), MJ (in mj), FC,
   * and the overlaps CGSO W, CGDO W, CGBO L */
  double  cjo, vj, mj, fc, tt, cbd, cbs, cgs, cgd, cgb;
  double  cbd_sw, cbs_sw, mj_sw;   /* MOSFET sidewalls: CJSW PD, CJSW PS, MJSW           */
  double  is_d;                    /* MOSFET: the drain junction's IS (is: the source's)  */
  double  cox_f;        /* MOSFET: the gate oxide capacitance COX W L (0 without TOX)         */
  /* Newton state: the (limited) junction voltages of the last evaluation */
  double  vgs, vds, vbs, von, vd;
  /* the total currents and conductances of the last evaluation (charges included), for
   * ngspice's device convergence test: diode cd, gd; MOSFET drain current and junctions */
  double  cd_tot, gd_tot, cbs_tot, cbd_tot, gbs_tot, gbd_tot;
  /* small-signal values of the last evaluation, for AC */
  double  gm, gds, gmbs, gbd, gbs, gd;
  int     mode;         /* MOSFET: +1 normal, -1 source/drain swapped                        */
  /* transient: the integrated charges (none for a device without charge storage) */
  HrNatCharge ch[HR_NAT_MAX_CHARGES];
  int     n_ch;
  /* TRNOISE source: its samples at 0, NT, 2 NT, ... (noise[0] = 0), drawn from the source's
   * seed when a transient starts and freed when it ends (tran.c) */
  double *noise;
  guint   n_noise;
  /* P (lossless; segmented lines are compiled into R, L, K and C): the modal line, its
   * branches I1 = branch .. branch + n - 1 (near), I2 = branch + n .. (far), and history
   * records (t, w1[n], w2[n]) with wp[k] = a[k] . Vp + b[k] . Ip, the wave mode k sends
   * from port p */
  HrNatLine *line;
} HrNatDev;

/* Index lists into devs for the transient's per-step passes, built when a transient starts
 * (tran.c): on a panel-sized mesh the device array is hundreds of megabytes, and a pass
 * reading every device to find the few it concerns cost more than the solve. */
typedef struct {
  int *reactive, n_reactive;   /* C and L                                                      */
  int *charged, n_charged;     /* every device with integrated charges                         */
  int *mutual, n_mutual;       /* K                                                            */
  int *lines, n_lines;         /* T and P: their wave histories                                */
  int *rhs, n_rhs;             /* V, I, C, L, T, P: all a linear transient's right-hand side
                                * needs                                                        */
} HrNatLists;

typedef enum {
  HR_NAT_DC,            /* op, dc sweep, the transient's initial point                       */
  HR_NAT_TRAN,
} HrNatMode;

typedef struct {
  HrNetlist    *nl;
  GCancellable *cancellable;
  HrProgressFunc progress;
  gpointer      progress_data;
  double        progress_base, progress_span;  /* this analysis' share of the job   */
  GString      *log;
  /* topology */
  GPtrArray    *node_names;   /* index 0 is ground "0"; unknown k is node k + 1             */
  GHashTable   *node_index;   /* name -> GINT_TO_POINTER (node number)                      */
  int           n_named;      /* named nodes without ground; the internal nodes follow them  */
  int           n_nodes;      /* all node voltages: named and internal                       */
  int           n_unknowns;
  gboolean      linear;       /* no diode or MOSFET: the matrix and right-hand side do not
                               * depend on the iterate, so one Newton solve is the answer    */
  HrNatDev     *devs;
  int           n_devs;
  /* the elements the devices are made of: the netlist's, with each segmented line replaced
   * by its sections (hr_line_expand, owned by expansions) */
  GPtrArray    *elements;
  GPtrArray    *expansions;
  /* options (SPICE defaults unless the netlist sets them) */
  double reltol, abstol, vntol, chgtol, trtol, gmin;
  int    itl1, itl2, itl4;
  double temp_k, tnom_k;      /* the circuit's temperature and TNOM                          */
  /* solution */
  HrMna   mna;
  double *x;                  /* the current iterate / solution                              */
  double *xprev;              /* the last accepted transient point                           */
  /* analysis state */
  HrNatMode mode;
  gboolean  init_junctions;   /* first Newton iteration: devices start from their own guess */
  double    source_scale;     /* source stepping                                             */
  double    diag_gmin;        /* gmin stepping: conductance from every node to ground        */
  const HrNatDev *sweep_dev;  /* dc sweep: this source takes sweep_value                     */
  double    sweep_value;
  const HrNatDev *sweep_dev2;
  double    sweep_value2;
  gboolean  tran_op;          /* the transient's initial point: sources at time 0           */
  double    time, tstep, tstop;
  double    ag0;              /* 1/h (backward Euler) or 2/h (trapezoidal); Gear: ag[0]       */
  int       order;            /* 1 or 2                                                      */
  HrIntegration method;       /* the netlist's: trapezoidal or Gear (BDF2) at order 2       */
  /* Gear order 2 over the steps h = delta_old[0] and h1 = delta_old[1]: the current of a
   * charge is ag[0] q + ag[1] q_last + ag[2] q_before (NIcomCof's variable-step BDF2) */
  double    ag[3];
  double    delta_old[4];     /* accepted step sizes, newest first                          */
  /* A linear transient: ag0 of the matrix the last full load assembled (the matrix then
   * depends on nothing else), NAN when there is none; a load at the same ag0 assembles
   * only the right-hand side (load.c). */
  double    loaded_ag0;
  HrNatLists lists;
  guint64   n_iter;           /* Newton iterations, for the result's log                     */
  guint64   n_rejected;       /* transient steps redone (error or no convergence)            */
} HrNativeSim;

HrNativeSim *hr_native_sim_new (HrNetlist *nl, GCancellable *cancellable, GError **error);
void         hr_native_sim_free (HrNativeSim *sim);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrNativeSim, hr_native_sim_free)

/* A model parameter, or FALLBACK if the model does not set it. */
double hr_native_model_param (const HrModel *m, const char *name, double fallback);
/* Temperature adjustment (temperature.c) of a resolved MOSFET or diode to TEMP_K, its
 * model's parameters being given at TNOM_K, exactly as ngspice's mos1temp.c / diotemp.c. */
void hr_native_mos_temperature (HrNatDev *d, const HrModel *m, double temp_k, double tnom_k);
void hr_native_diode_temperature (HrNatDev *d, const HrModel *m, double temp_k,
                                  double tnom_k);

/* "node out" or "the current of v1": what unknown K is, for messages. (transfer full) */
char *hr_native_unknown_describe (HrNativeSim *sim, int k);
/* Checks for nodes without a DC path to ground and loops of voltage sources (and, with
 * WITH_INDUCTORS, inductors): both make the DC matrix singular. */
gboolean hr_native_check_topology (HrNativeSim *sim, gboolean with_inductors, GError **error);

/* Stamps the series resistances of D (diode RS, MOSFET RD and RS), real or AC. */
void hr_native_stamp_series (HrMna *m, const HrNatDev *d);
/* Stamps every element at the iterate sim->x into sim->mna (real); returns the number of
 * devices whose junction voltages were limited (the iterate is not yet a solution). */
int  hr_native_load (HrNativeSim *sim);
/* ngspice's device convergence test (DIOconvTest, MOS1convTest) at the new solution XNEW:
 * TRUE if every device's current, predicted from its linearisation, moved less than
 * reltol of itself plus abstol. A large companion conductance (a charge integrated over a
 * short step) thus asks for a correspondingly tight voltage. */
gboolean hr_native_devices_converged (HrNativeSim *sim, const double *xnew);
/* The charges of a diode or MOSFET at its last evaluated junction voltages, into q[0]. */
void hr_native_device_charges (HrNativeSim *sim, HrNatDev *d);
/* Stamps the small-signal complex matrix at angular frequency OMEGA. */
void hr_native_load_ac (HrNativeSim *sim, double omega);
/* The value of an independent source at the present time / sweep / source step. */
double hr_native_source_value (HrNativeSim *sim, const HrNatDev *d);
/* Appends the waveform corners of every source within (0, tstop] to BREAKS (double). */
void hr_native_source_breakpoints (HrNativeSim *sim, GArray *breaks);

/* Shared by the devices (stamps.c). */
double   hr_native_voltage (HrNativeSim *sim, int k);       /* x[k], 0 for ground (-1) */
double   hr_native_voltage_in (const double *x, int k);
void     hr_native_stamp_conductance (HrMna *m, int p, int n, double g);
void     hr_native_stamp_cap_ac (HrMna *m, int p, int n, double omega_c);
/* ngspice's DEVpnjlim: a junction's new voltage limited against its old one; sets *LIMITED. */
double   hr_native_pnjlim (double vnew, double vold, double vt, double vcrit, int *limited);
/* The depletion charge and capacitance at V of a junction CZ, PB, MJ, FC. */
void     hr_native_depletion (double cz, double pb, double mj, double fc, double v, double *q,
                              double *cap);
/* The part of a charge's companion current that does not depend on its new value: the
 * current is sim->ag0 q + this (trapezoidal: -ag0 q_last - i_last; Gear: ag1 q_last +
 * ag2 q_before; backward Euler: -ag0 q_last). */
double   hr_native_integrate_history (HrNativeSim *sim, const HrNatCharge *ch);
/* The current of CH at its new value Q, by the present method and order. */
double   hr_native_integrate_current (HrNativeSim *sim, const HrNatCharge *ch, double q);
/* Integrates charge Q (capacitance CAP) into CH: returns its current, sets its conductance. */
double   hr_native_integrate (HrNativeSim *sim, HrNatCharge *ch, double q, double cap,
                              double *geq);
/* |HAT - NOW| within reltol of the larger plus abstol: ngspice's device current test. */
gboolean hr_native_current_converged (HrNativeSim *sim, double hat, double now);

/* The diode (diode.c) and the level-1 MOSFET (mosfet.c): a Newton load (returning 1 if the
 * junction voltages were limited), the current convergence test at the new solution X, the
 * charges at the initial transient point, and the small-signal stamps. */
int      hr_native_diode_load (HrNativeSim *sim, HrNatDev *d);
gboolean hr_native_diode_converged (HrNativeSim *sim, const HrNatDev *d, const double *x);
void     hr_native_diode_charges (HrNativeSim *sim, HrNatDev *d);
void     hr_native_diode_load_ac (HrMna *m, const HrNatDev *d, double omega);
int      hr_native_mos_load (HrNativeSim *sim, HrNatDev *d);
gboolean hr_native_mos_converged (HrNativeSim *sim, const HrNatDev *d, const double *x);
void     hr_native_mos_charges (HrNativeSim *sim, HrNatDev *d);
void     hr_native_mos_load_ac (HrMna *m, const HrNatDev *d, double omega);

/* Transmission lines (tline.c). */
void hr_native_tline_load (HrNativeSim *sim, const HrNatDev *d);
void hr_native_tline_load_ac (HrNativeSim *sim, const HrNatDev *d, double omega);
/* Records the present solution in every line's history (transient points). */
void hr_native_tline_record (HrNativeSim *sim);
/* The corners in BREAKS as they arrive at the far ends: each one plus multiples of every
 * line's delay, up to tstop. */
void hr_native_tline_breakpoints (HrNativeSim *sim, GArray *breaks);
/* The largest step the lines allow: their shortest delay (G_MAXDOUBLE without lines). */
double hr_native_tline_max_step (HrNativeSim *sim);

/* Lossless coupled lines (cpl.c), called by the T line functions above for P devices. */
/* The modes of a lossless line (node indices are left for the caller). */
HrNatLine *hr_native_cpl_new (const HrLineSpec *spec);
void hr_native_cpl_free (HrNatLine *line);
void hr_native_cpl_pattern (HrNativeSim *sim, const HrNatDev *d);
void hr_native_cpl_load (HrNativeSim *sim, const HrNatDev *d);
void hr_native_cpl_load_ac (HrNativeSim *sim, const HrNatDev *d, double omega);
void hr_native_cpl_record (HrNativeSim *sim, HrNatDev *d);
/* Appends the corners BREAKS[0 .. N_CORNERS - 1] (and time 0) delayed by every sum of one
 * to three modal delays, and by every multiple of each, up to tstop; at most MAX_ADD. */
void hr_native_cpl_breakpoints (HrNativeSim *sim, const HrNatDev *d, GArray *breaks,
                                guint n_corners, guint max_add);

/* ---- analyses (dcop.c, tran.c, ac.c) ----------------------------------------------------- */

/* Newton–Raphson from sim->x, at most MAX_ITER iterations. */
gboolean hr_native_newton (HrNativeSim *sim, int max_iter, GError **error);
/* The operating point from sim->x: Newton, then gmin stepping, then source stepping. */
gboolean hr_native_op (HrNativeSim *sim, GError **error);
gboolean hr_native_run_op (HrNativeSim *sim, HrSimResult *res, GError **error);
gboolean hr_native_run_dc (HrNativeSim *sim, const HrAnalysis *an, HrSimResult *res,
                           GError **error);
gboolean hr_native_run_tran (HrNativeSim *sim, const HrAnalysis *an, HrSimResult *res,
                             GError **error);
gboolean hr_native_run_ac (HrNativeSim *sim, const HrAnalysis *an, HrSimResult *res,
                           GError **error);

/* Output vectors: the names the netlist asks for, or every node voltage and source current.
 * Each entry maps a canonical name to an unknown index (-1: ground, always 0 V). */
typedef struct {
  char *name;
  int   unknown;
} HrNatOutput;

GArray *hr_native_outputs (HrNativeSim *sim, GError **error);

/* Collects one plot: the scale and every output, point by point, real or complex. */
typedef struct {
  GArray    *outs;     /* HrNatOutput */
  GArray    *scale;    /* double */
  GPtrArray *re, *im;  /* GArray (double) per output; im NULL for a real plot */
  char      *scale_name;
} HrNatRecorder;

HrNatRecorder *hr_nat_recorder_new (HrNativeSim *sim, const char *scale_name,
                                    gboolean complex, GError **error);
/* Appends the present solution (sim->x, or sim->mna.bz for a complex plot). */
void hr_nat_recorder_add (HrNatRecorder *rec, HrNativeSim *sim, double scale_value);
/* Adds the plot to RES and frees REC. */
void hr_nat_recorder_finish (HrNatRecorder *rec, HrSimResult *res, const char *plot);
void hr_native_report_progress (HrNativeSim *sim, double fraction, const char *phase);
gboolean hr_native_cancelled (HrNativeSim *sim, GError **error);
/* Puts CONTEXT after the "title: " that starts every message: "inv: dc sweep at ...: ...". */
void hr_native_prefix_error (HrNativeSim *sim, GError **error, const char *context);

G_END_DECLS
