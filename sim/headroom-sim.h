/* headroom-sim.h — sim: the netlist IR, the engine interface and its engines.
 *
 * Analyses (noise/, touch/) describe what to simulate as an HrNetlist: nodes by name ("0" or
 * "gnd" is ground), elements (R, C, L, K, V, I, E, F, G, H, D, M, X, T, P), device models,
 * already-filtered user SPICE (model cards and subcircuits), options, the temperature, the
 * analyses to run (op, dc, tran, ac) and the vectors wanted back. They hand it to an HrEngine
 * with hr_engine_run(), which is synchronous, thread-safe and cancellable, and read the named
 * real or complex vectors of the returned HrSimResult:
 *
 *   g_autoptr(HrNetlist) nl = hr_netlist_new ("rc");
 *   hr_netlist_add_vsource (nl, "v1", "in", "0", 1.0, NULL);
 *   hr_netlist_add_resistor (nl, "r1", "in", "out", 1e3, NULL);
 *   hr_netlist_add_capacitor (nl, "c1", "out", "0", 1e-9, NULL);
 *   hr_netlist_add_op (nl);
 *   hr_netlist_add_output_voltage (nl, "out", NULL);
 *   g_autoptr(HrEngine) engine = hr_engine_ngspice_new (0, &error);
 *   g_autoptr(HrSimResult) res = hr_engine_run (engine, nl, cancellable, NULL, NULL, &error);
 *   double v; hr_sim_result_get_scalar (res, "v(out)", &v, &error);
 *
 * Two engines implement HrEngine behind one interface: ngspice (hr_engine_ngspice_new(): a
 * pool of worker processes, each with its own libngspice, see docs/engines.md) and the
 * native MNA engine (hr_engine_native_new(), see docs/native-engine.md).
 * hr_engine_supports() says whether an engine can run a given netlist.
 *
 * Builders (hr_netlist_add_*) check names and values at once and return FALSE with an error;
 * the first such error is also remembered by the netlist, and hr_netlist_to_spice() and
 * hr_engine_run() fail with it, so a caller may build a whole netlist and check once.
 * Names: elements and nodes use letters, digits and '_' only; an element name starts with its
 * SPICE letter ("r1", "Vdd", "m_n1"); names are case-insensitive and sent to ngspice in lower
 * case. Everything is SI: ohms, farads, henries, volts, amperes, seconds, hertz, metres.
 * Errors are in the HR_SIM_ERROR domain.
 */
#pragma once

#include <glib.h>
#include <glib-object.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------------- */
/* Errors                                                                                   */

#define HR_SIM_ERROR (hr_sim_error_quark ())
GQuark hr_sim_error_quark (void);

typedef enum {
  HR_SIM_ERROR_INVALID,         /* a bad name, value or reference in the netlist            */
  HR_SIM_ERROR_FILTER,          /* user SPICE refused by the filter (names the line)        */
  HR_SIM_ERROR_UNSUPPORTED,     /* the engine cannot run this netlist                       */
  HR_SIM_ERROR_PARSE,           /* the simulator refused the netlist (its words)           */
  HR_SIM_ERROR_CONVERGENCE,     /* no convergence (op, dc or a transient time point)       */
  HR_SIM_ERROR_SINGULAR,        /* singular matrix: floating node, source or inductor loop */
  HR_SIM_ERROR_TIMESTEP,        /* "timestep too small"                                     */
  HR_SIM_ERROR_ANALYSIS,        /* any other failure of an analysis                         */
  HR_SIM_ERROR_VECTOR,          /* a requested vector is missing or has the wrong length   */
  HR_SIM_ERROR_WORKER_START,    /* the worker process could not be found or started        */
  HR_SIM_ERROR_WORKER_CRASHED,  /* the worker died while running the job                   */
  HR_SIM_ERROR_TIMEOUT,         /* the job ran past the engine's deadline                   */
  HR_SIM_ERROR_CANCELLED,       /* the GCancellable was triggered                           */
  HR_SIM_ERROR_NOT_FOUND,       /* hr_sim_result_*: no vector or plot of that name          */
} HrSimError;

/* ---------------------------------------------------------------------------------------- */
/* The netlist IR                                                                           */

typedef struct _HrNetlist HrNetlist;

#define HR_TYPE_NETLIST (hr_netlist_get_type ())
GType hr_netlist_get_type (void) G_GNUC_CONST;

/* A new, empty netlist. TITLE (may be NULL) names the job in messages ("inv-vtc");
 * letters, digits, '-', '_' and '.' are kept, anything else becomes '_'. (transfer full) */
HrNetlist *hr_netlist_new (const char *title);
HrNetlist *hr_netlist_ref (HrNetlist *netlist);
void       hr_netlist_unref (HrNetlist *netlist);
const char *hr_netlist_get_title (HrNetlist *netlist);

/* The first error any builder call reported, or NULL. (transfer none) */
const GError *hr_netlist_get_error (HrNetlist *netlist);

gboolean hr_netlist_add_resistor  (HrNetlist *netlist, const char *name, const char *n1,
                                   const char *n2, double r_ohm, GError **error);
gboolean hr_netlist_add_capacitor (HrNetlist *netlist, const char *name, const char *n1,
                                   const char *n2, double c_f, GError **error);
gboolean hr_netlist_add_inductor  (HrNetlist *netlist, const char *name, const char *n1,
                                   const char *n2, double l_h, GError **error);
/* Mutual coupling K (0 < |k| <= 1) between two inductors already added. */
gboolean hr_netlist_add_mutual    (HrNetlist *netlist, const char *name, const char *l1,
                                   const char *l2, double k, GError **error);

/* Independent sources: DC value, then optionally AC and one waveform (set_source_*). */
gboolean hr_netlist_add_vsource (HrNetlist *netlist, const char *name, const char *n_plus,
                                 const char *n_minus, double dc_v, GError **error);
gboolean hr_netlist_add_isource (HrNetlist *netlist, const char *name, const char *n_plus,
                                 const char *n_minus, double dc_a, GError **error);
gboolean hr_netlist_set_source_ac    (HrNetlist *netlist, const char *source, double magnitude,
                                      double phase_deg, GError **error);
gboolean hr_netlist_set_source_pulse (HrNetlist *netlist, const char *source, double v1,
                                      double v2, double delay_s, double rise_s, double fall_s,
                                      double width_s, double period_s, GError **error);
/* Piecewise linear: N points (TIMES_S[i], VALUES[i]), times not decreasing. */
gboolean hr_netlist_set_source_pwl   (HrNetlist *netlist, const char *source,
                                      const double *times_s, const double *values, guint n,
                                      GError **error);
gboolean hr_netlist_set_source_sin   (HrNetlist *netlist, const char *source, double offset,
                                      double amplitude, double freq_hz, double delay_s,
                                      double damping_per_s, GError **error);
gboolean hr_netlist_set_source_exp   (HrNetlist *netlist, const char *source, double v1,
                                      double v2, double rise_delay_s, double rise_tau_s,
                                      double fall_delay_s, double fall_tau_s, GError **error);

/* Band-limited Gaussian noise added to the source's DC value in a transient: independent
 * samples of standard deviation RMS at every multiple of SAMPLE_TIME_S (> 0), linear in
 * between (white up to about 1 / (2 SAMPLE_TIME_S)), the sample at t = 0 being 0, so
 * operating points, DC sweeps and AC see the DC value alone. SEED fixes the sequence: the
 * same seed gives the same waveform on the native engine, bit for bit. Like the other
 * set_source_* calls it replaces any waveform. ngspice: TRNOISE(RMS SAMPLE_TIME 0 0) and
 * ".options seed", but ngspice 39 fills its Gaussian pool when the library starts, so its
 * sequence does not repeat (see docs/native-engine.md). */
gboolean hr_netlist_set_source_noise (HrNetlist *netlist, const char *source, double rms,
                                      double sample_time_s, guint64 seed, GError **error);

/* Controlled sources. E (VCVS) and G (VCCS) sense v(ctrl_plus) - v(ctrl_minus); F (CCCS)
 * and H (CCVS) sense the current through the voltage source CTRL_SOURCE. */
gboolean hr_netlist_add_vcvs (HrNetlist *netlist, const char *name, const char *n_plus,
                              const char *n_minus, const char *ctrl_plus,
                              const char *ctrl_minus, double gain, GError **error);
gboolean hr_netlist_add_vccs (HrNetlist *netlist, const char *name, const char *n_plus,
                              const char *n_minus, const char *ctrl_plus,
                              const char *ctrl_minus, double gm_s, GError **error);
gboolean hr_netlist_add_cccs (HrNetlist *netlist, const char *name, const char *n_plus,
                              const char *n_minus, const char *ctrl_source, double gain,
                              GError **error);
gboolean hr_netlist_add_ccvs (HrNetlist *netlist, const char *name, const char *n_plus,
                              const char *n_minus, const char *ctrl_source, double r_ohm,
                              GError **error);

gboolean hr_netlist_add_diode  (HrNetlist *netlist, const char *name, const char *anode,
                                const char *cathode, const char *model, GError **error);
gboolean hr_netlist_add_mosfet (HrNetlist *netlist, const char *name, const char *drain,
                                const char *gate, const char *source, const char *bulk,
                                const char *model, double w_m, double l_m, GError **error);
/* An extra instance parameter of an element (MOSFET "ad", "as", "m", ...). */
gboolean hr_netlist_set_element_param (HrNetlist *netlist, const char *element,
                                       const char *param, double value, GError **error);
/* A subcircuit instance: NODES (NULL-terminated, in the subcircuit's port order) of the
 * subcircuit SUBCKT, which a user SPICE block defines. */
gboolean hr_netlist_add_subckt_instance (HrNetlist *netlist, const char *name,
                                         const char *const *nodes, const char *subckt,
                                         GError **error);
/* A lossless transmission line (T): ports (p1+, p1-) and (p2+, p2-). */
gboolean hr_netlist_add_tline (HrNetlist *netlist, const char *name, const char *p1_plus,
                               const char *p1_minus, const char *p2_plus,
                               const char *p2_minus, double z0_ohm, double delay_s,
                               GError **error);
/* N_CONDUCTORS coupled transmission lines (P, ngspice's CPL) over a reference conductor:
 * conductor k runs from NEAR_NODES[k] to FAR_NODES[k] (both NULL-terminated, of exactly
 * N_CONDUCTORS nodes each), its near port referred to NEAR_REF and its far port to FAR_REF.
 * Per metre: L_PER_M and C_PER_M are N x N matrices, row-major, symmetric and positive
 * definite; C is in Maxwell form: C[k][k] is conductor k's total capacitance, C[j][k] (j != k)
 * minus the capacitance between j and k, so <= 0, and each row sums to the conductor's
 * capacitance to the reference, >= 0. R_PER_M (N series resistances) and G_PER_M (N x N,
 * Maxwell form like C, positive semidefinite) may be NULL.
 * SEGMENTS = 0: the lossless line, solved by modal decomposition (delayed characteristic
 * equations per mode, exact for piecewise-linear drive); R and G must then be NULL, and N
 * is at most 8 (ngspice's CPL). SEGMENTS >= 1 (at most 10000): that many RLGC pi sections of
 * lumped R, L (with mutual couplings), C and G, which both engines run identically; both
 * references must then be the same node (an ideal return). Errors name the element and the
 * entry that is wrong. */
gboolean hr_netlist_add_coupled_lines (HrNetlist *netlist, const char *name,
                                       guint n_conductors, const char *const *near_nodes,
                                       const char *const *far_nodes, const char *near_ref,
                                       const char *far_ref, const double *l_per_m,
                                       const double *c_per_m, const double *r_per_m,
                                       const double *g_per_m, double length_m, guint segments,
                                       GError **error);
/* One lossy line of SEGMENTS (>= 1) RLGC sections from NEAR to FAR over REF: the N = 1 case
 * of hr_netlist_add_coupled_lines (R_PER_M and G_PER_M may be 0). */
gboolean hr_netlist_add_lossy_line (HrNetlist *netlist, const char *name, const char *near,
                                    const char *far, const char *ref, double r_per_m,
                                    double l_per_m, double g_per_m, double c_per_m,
                                    double length_m, guint segments, GError **error);

typedef enum {
  HR_MODEL_NMOS,
  HR_MODEL_PMOS,
  HR_MODEL_DIODE,
} HrModelType;

/* A device model; LEVEL is the SPICE level (MOSFETs; ignored for diodes, use 0). */
gboolean hr_netlist_add_model (HrNetlist *netlist, const char *name, HrModelType type,
                               int level, GError **error);
gboolean hr_netlist_set_model_param (HrNetlist *netlist, const char *model, const char *param,
                                     double value, GError **error);

/* User-supplied SPICE (model cards, subcircuits) from ORIGIN (a file name or label used in
 * messages). TEXT goes through the filter (see docs/engines.md): only comments, continuation
 * lines, .model, .subckt/.ends, .param, element lines of allowed devices and .include/.lib
 * of files inside ALLOWED_DIRS (NULL-terminated, may be NULL) pass; anything else is refused
 * with HR_SIM_ERROR_FILTER naming ORIGIN, the line number and the line. Included files are
 * filtered too and passed to the simulator as absolute paths. */
gboolean hr_netlist_add_user_spice (HrNetlist *netlist, const char *origin, const char *text,
                                    const char *const *allowed_dirs, GError **error);
/* The filter alone: the accepted text (includes made absolute), or NULL with an error.
 * (transfer full) */
char *hr_spice_filter (const char *origin, const char *text, const char *const *allowed_dirs,
                       GError **error);

void     hr_netlist_set_temperature (HrNetlist *netlist, double celsius);
/* Simulator options: reltol, abstol, vntol, chgtol, trtol, gmin, pivtol, pivrel, itl1, itl2,
 * itl4, tnom. */
gboolean hr_netlist_set_option (HrNetlist *netlist, const char *option, double value,
                                GError **error);
/* The transient's integration method: trapezoidal (the default) or Gear of order 2 (BDF2,
 * which damps what trapezoidal lets ring); both start with backward Euler and return to it
 * after every breakpoint. ngspice: ".options method=gear maxord=2". */
typedef enum {
  HR_INTEGRATION_TRAPEZOIDAL,
  HR_INTEGRATION_GEAR2,
} HrIntegration;

gboolean hr_netlist_set_integration (HrNetlist *netlist, HrIntegration method,
                                     GError **error);
/* An initial node voltage (.ic), used by a transient with UIC. */
gboolean hr_netlist_set_initial_voltage (HrNetlist *netlist, const char *node, double v,
                                         GError **error);

/* Analyses, run in the order added; each gives one plot in the result. */
void     hr_netlist_add_op (HrNetlist *netlist);
gboolean hr_netlist_add_dc (HrNetlist *netlist, const char *source, double start,
                            double stop, double step, GError **error);
/* A DC sweep of SOURCE2 (outer) around a sweep of SOURCE (inner): vectors hold all points,
 * inner sweep fastest. */
gboolean hr_netlist_add_dc2 (HrNetlist *netlist, const char *source, double start,
                             double stop, double step, const char *source2, double start2,
                             double stop2, double step2, GError **error);
/* TSTART and TMAX may be 0 (SPICE defaults). */
gboolean hr_netlist_add_tran (HrNetlist *netlist, double tstep_s, double tstop_s,
                              double tstart_s, double tmax_s, gboolean uic, GError **error);

typedef enum {
  HR_AC_DEC,
  HR_AC_OCT,
  HR_AC_LIN,
} HrAcSweep;

gboolean hr_netlist_add_ac (HrNetlist *netlist, HrAcSweep sweep, guint points,
                            double fstart_hz, double fstop_hz, GError **error);

/* Vectors wanted back: "v(NODE)" and "i(SOURCE)" (the current into the source's + node).
 * With none requested, an engine returns every vector of each plot. */
gboolean hr_netlist_add_output_voltage (HrNetlist *netlist, const char *node, GError **error);
gboolean hr_netlist_add_output_current (HrNetlist *netlist, const char *vsource,
                                        GError **error);

/* The netlist as a complete SPICE deck: title line first, options, models, user SPICE,
 * elements, analysis cards, ".end" last; numbers in the C locale, shortest text that reads
 * back to the same double. (transfer full) */
char *hr_netlist_to_spice (HrNetlist *netlist, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrNetlist, hr_netlist_unref)

/* ---------------------------------------------------------------------------------------- */
/* Results                                                                                  */

typedef struct _HrSimResult HrSimResult;
typedef struct _HrSimVector HrSimVector;

#define HR_TYPE_SIM_RESULT (hr_sim_result_get_type ())
GType hr_sim_result_get_type (void) G_GNUC_CONST;

HrSimResult *hr_sim_result_ref (HrSimResult *result);
void         hr_sim_result_unref (HrSimResult *result);

/* Plots, one per analysis in the netlist's order: names "op", "dc", "tran", "ac". */
guint        hr_sim_result_get_n_plots (HrSimResult *result);
const char  *hr_sim_result_get_plot_name (HrSimResult *result, guint plot);
/* The plot's scale ("time", "frequency", "v-sweep", ...), or NULL for op. (transfer none) */
const HrSimVector *hr_sim_result_get_scale (HrSimResult *result, guint plot);
guint        hr_sim_result_get_n_vectors (HrSimResult *result, guint plot);
const HrSimVector *hr_sim_result_get_vector_nth (HrSimResult *result, guint plot, guint index);

/* A vector by name, case-insensitive: "v(out)", "out", "V(OUT)", "i(v1)", "v1#branch", a
 * scale name ("time"), optionally qualified by a plot name ("ac.v(out)"). Unqualified names
 * are searched in the plots in order. NULL with HR_SIM_ERROR_NOT_FOUND. (transfer none) */
const HrSimVector *hr_sim_result_get_vector (HrSimResult *result, const char *name,
                                             GError **error);
/* The first real value of a vector (an op result), FALSE with an error if missing. */
gboolean     hr_sim_result_get_scalar (HrSimResult *result, const char *name, double *value,
                                       GError **error);
/* Everything the simulator printed while running the job. (transfer none) */
const char  *hr_sim_result_get_log (HrSimResult *result);
const char  *hr_sim_result_get_engine_name (HrSimResult *result);

/* Canonical name: "v(out)", "i(v1)", "time". (transfer none) */
const char  *hr_sim_vector_get_name (const HrSimVector *vector);
guint        hr_sim_vector_get_length (const HrSimVector *vector);
gboolean     hr_sim_vector_is_complex (const HrSimVector *vector);
/* Real data (N values), or for a complex vector its real parts. (transfer none) */
const double *hr_sim_vector_get_real (const HrSimVector *vector, guint *n);
/* Imaginary parts of a complex vector (N values); NULL for a real one. (transfer none) */
const double *hr_sim_vector_get_imag (const HrSimVector *vector, guint *n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrSimResult, hr_sim_result_unref)

/* ---------------------------------------------------------------------------------------- */
/* Engines                                                                                  */

/* Progress of a running job: FRACTION in 0..1 over all analyses of the job, PHASE the
 * simulator's word for what it does ("tran", "dc", "ac", "op", "parse"). It may be called
 * from any thread (the ngspice engine calls it on the thread inside hr_engine_run(); a
 * future engine may not), so marshal to the main loop before touching a UI. */
typedef void (*HrProgressFunc) (double fraction, const char *phase, gpointer user_data);

#define HR_TYPE_ENGINE (hr_engine_get_type ())
G_DECLARE_DERIVABLE_TYPE (HrEngine, hr_engine, HR, ENGINE, GObject)

struct _HrEngineClass {
  GObjectClass parent_class;

  const char  *(*get_name) (HrEngine *engine);
  gboolean     (*supports) (HrEngine *engine, HrNetlist *netlist, GError **error);
  HrSimResult *(*run)      (HrEngine *engine, HrNetlist *netlist, GCancellable *cancellable,
                            HrProgressFunc progress, gpointer progress_data, GError **error);
  gpointer padding[8];
};

/* "ngspice", "native". */
const char  *hr_engine_get_name (HrEngine *engine);
/* TRUE if ENGINE can run NETLIST; FALSE with HR_SIM_ERROR_UNSUPPORTED (or the netlist's
 * own builder error) saying why. */
gboolean     hr_engine_supports (HrEngine *engine, HrNetlist *netlist, GError **error);
/* Runs every analysis of NETLIST. Synchronous; callable from many threads at once.
 * PROGRESS may be NULL. (transfer full) */
HrSimResult *hr_engine_run (HrEngine *engine, HrNetlist *netlist, GCancellable *cancellable,
                            HrProgressFunc progress, gpointer progress_data, GError **error);

/* ---------------------------------------------------------------------------------------- */
/* The ngspice engine                                                                       */

#define HR_TYPE_ENGINE_NGSPICE (hr_engine_ngspice_get_type ())
G_DECLARE_FINAL_TYPE (HrEngineNgspice, hr_engine_ngspice, HR, ENGINE_NGSPICE, HrEngine)

/* A pool of N_WORKERS worker processes (0: one per core), started lazily. The worker
 * executable is found via $HEADROOM_NGSPICE_WORKER, next to the running program, in the
 * build tree, then in libexecdir. (transfer full) */
HrEngine *hr_engine_ngspice_new (guint n_workers, GError **error);
guint     hr_engine_ngspice_get_n_workers (HrEngineNgspice *engine);
/* Per-job deadline, default 60 s; a job running longer is killed (HR_SIM_ERROR_TIMEOUT). */
void      hr_engine_ngspice_set_timeout (HrEngineNgspice *engine, double seconds);
double    hr_engine_ngspice_get_timeout (HrEngineNgspice *engine);
/* Diagnostics: the process id of worker slot INDEX (0 if none is running now). */
GPid      hr_engine_ngspice_get_worker_pid (HrEngineNgspice *engine, guint index);
/* Diagnostics: jobs sent to workers and worker processes started so far. */
void      hr_engine_ngspice_get_stats (HrEngineNgspice *engine, guint64 *jobs_sent,
                                       guint64 *workers_started);

/* ---------------------------------------------------------------------------------------- */
/* The native engine                                                                        */

/* Modified nodal analysis on SuiteSparse KLU, in process, with no global state: every
 * hr_engine_run() builds its own matrix and solver state, so one engine serves many
 * threads at once. It carries R, C, L, K, independent V and I sources (DC, AC, PULSE, PWL,
 * SIN, EXP, band-limited noise), E, F, G, H, lossless T lines, coupled lines (P: lossless
 * by modal decomposition, lossy as RLGC sections), the junction diode (with its depletion
 * and diffusion charges) and the level-1 MOSFET (with its junction, overlap and Meyer gate
 * capacitances) with their temperature laws, for op, dc (one or two sources), tran
 * (trapezoidal or Gear 2) and ac. It reads no user SPICE and no subcircuits;
 * hr_engine_supports() names whatever it meets that it does not carry (an element, a
 * model or instance parameter, a setting).
 * docs/native-engine.md lists the parameters, the numerics and the cross-validation
 * against ngspice. */
#define HR_TYPE_ENGINE_NATIVE (hr_engine_native_get_type ())
G_DECLARE_FINAL_TYPE (HrEngineNative, hr_engine_native, HR, ENGINE_NATIVE, HrEngine)

/* (transfer full) */
HrEngine *hr_engine_native_new (void);

/* ---------------------------------------------------------------------------------------- */
/* Choosing an engine                                                                       */

/* "auto": each run goes to the native engine when hr_engine_supports() says it carries the
 * netlist, else to an ngspice pool of NGSPICE_WORKERS (0: one per core) started on first
 * need. Results name the engine that really ran them. (transfer full) */
#define HR_TYPE_ENGINE_AUTO (hr_engine_auto_get_type ())
G_DECLARE_FINAL_TYPE (HrEngineAuto, hr_engine_auto, HR, ENGINE_AUTO, HrEngine)
HrEngine *hr_engine_auto_new (guint ngspice_workers);

/* The engine named NAME: "auto" (also for NULL), "native" or "ngspice"; an unknown name is
 * HR_SIM_ERROR_INVALID listing the known ones. What a front end's --engine option calls.
 * (transfer full) */
HrEngine *hr_engine_new_by_name (const char *name, guint ngspice_workers, GError **error);

G_END_DECLS
