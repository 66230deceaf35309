/* hr-gates.h — transistor-level gates, their simulated transfer curves and noise margins.
 *
 * This part builds CMOS gates out of transistors (inverter, NAND2, NOR2, a two-inverter
 * buffer, the 6-transistor Schmitt trigger and the 6T SRAM cell), simulates their DC
 * transfer curve with an HrEngine (ngspice today) and hands the curve to hr-vtc.h for the
 * margins: VM, VIL/VIH at unity gain, VOL/VOH at those points and at the rails, NML/NMH,
 * Hauser's rectangle and the largest square, and for the SRAM cell the butterfly's static
 * noise margin in hold and read. docs/transistor-models.md has the schematics, the models
 * and how loads are modelled.
 *
 * Use:
 *
 *   g_autoptr(HrMosModel) m = hr_mos_model_new_level1 (0.6, -0.6, 100e-6, 50e-6);
 *   g_autoptr(HrGateSpec) spec = hr_gate_spec_new (HR_CMOS_INVERTER, m, 3.3);
 *   g_autoptr(HrEngine) engine = hr_engine_ngspice_new (0, &error);
 *   g_autoptr(HrGateVtc) r = hr_gate_vtc_simulate (engine, spec, NULL, NULL, NULL, &error);
 *   printf ("NML %.3f V, NMH %.3f V\n", r->nml_v, r->nmh_v);
 *
 * Models (HrMosModel): the square-law level 1 with parameters given by the caller
 * (β = KP·W/L, so with W = L the caller's KP is the device's transconductance k); one of
 * the built-in BSIM3v3.3 cards (illustrative, not vendor models: see noise/data); or the
 * user's own SPICE model cards, which must define an NMOS model "nch" and a PMOS model "pch"
 * and pass the simulator's filter (hr_netlist_add_user_spice()).
 *
 * Specs are plain boxed structs: fill the fields, copy with _copy(), free with _free(). Size
 * fields left NAN take the model's defaults (hr_mos_model_get_defaults()). Results are boxed,
 * refcounted and read-only; they serialise to JSON (docs/json-output.md, kinds "vtc", "snm",
 * "sweep"). Simulation functions are synchronous and may run on any thread; they keep no
 * global state. Errors: HR_NOISE_ERROR_INVALID for a bad spec, HR_SIM_ERROR from the engine,
 * HR_NOISE_ERROR_CURVE when the simulated curve cannot be analysed.
 */
#pragma once

#include <glib.h>
#include <glib-object.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "headroom-noise.h"
#include "headroom-sim.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------------- */
/* MOS models                                                                               */

typedef enum {
  HR_MOS_LEVEL1,          /* square law, parameters in the struct */
  HR_MOS_CARD_BUILTIN,    /* a BSIM3v3.3 card shipped with headroom (card_name) */
  HR_MOS_CARD_USER,       /* the user's SPICE text (card_text), defining nch and pch */
} HrMosModelKind;

typedef struct {
  HrMosModelKind kind;

  /* HR_MOS_LEVEL1 (ngspice level 1, Shichman–Hodges): */
  double vtn_v, vtp_v;                /* VTO: NMOS > 0, PMOS < 0 */
  double kpn_a_per_v2, kpp_a_per_v2;  /* KP = µCox; β = KP·W/L */
  double lambda_n_per_v, lambda_p_per_v; /* LAMBDA, default 0 */
  double gamma_n_sqrt_v, gamma_p_sqrt_v; /* GAMMA, default 0 (no body effect) */

  /* Cards: */
  char *card_name;        /* built-in: "bsim3-3v3"; user: a label (the file name) */
  char *card_text;        /* user: the SPICE text (already filtered by _new_user()) */
  char **allowed_dirs;    /* user: directories .include may read (NULL-terminated, nullable) */
  char *process;          /* built-in: what it resembles ("0.35 um 3.3 V"); else NULL */

  /* Defaults, see hr_mos_model_get_defaults(). */
  double default_vdd_v, default_l_m, default_wn_m, default_wp_m;
} HrMosModel;

GType hr_mos_model_get_type (void) G_GNUC_CONST;
#define HR_TYPE_MOS_MODEL (hr_mos_model_get_type ())

/* Level 1 with LAMBDA = GAMMA = 0. (transfer full) */
HrMosModel *hr_mos_model_new_level1 (double vtn_v, double vtp_v, double kpn_a_per_v2,
                                     double kpp_a_per_v2);
/* A built-in card by NAME (hr_mos_model_builtin_names()); NULL with HR_NOISE_ERROR_INVALID
 * naming the known ones. (transfer full) (nullable) */
HrMosModel *hr_mos_model_new_builtin (const char *name, GError **error);
/* The user's cards: TEXT from ORIGIN (a file name, used in messages), filtered now. Fails with
 * HR_SIM_ERROR_FILTER, or HR_NOISE_ERROR_INVALID when no NMOS "nch" or PMOS "pch" model is
 * defined. ALLOWED_DIRS: (array zero-terminated=1) (nullable). (transfer full) (nullable) */
HrMosModel *hr_mos_model_new_user (const char *origin, const char *text,
                                   const char *const *allowed_dirs, GError **error);
HrMosModel *hr_mos_model_copy (const HrMosModel *model);
void hr_mos_model_free (HrMosModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrMosModel, hr_mos_model_free)

/* "bsim3-5v", "bsim3-3v3", "bsim3-1v8". (transfer none) (array zero-terminated=1) */
const char *const *hr_mos_model_builtin_names (void);

/* What a model assumes when the caller does not say: its nominal supply (NAN for level 1
 * and user cards), channel length and NMOS/PMOS widths (level 1: W = L = 1 µm for both, so
 * that β = KP; built-in cards: their header line; user cards: L 1 µm, Wn 1 µm, Wp 2 µm). */
void hr_mos_model_get_defaults (const HrMosModel *model, double *vdd_v /* (out) (optional) */,
                                double *l_m /* (out) (optional) */,
                                double *wn_m /* (out) (optional) */,
                                double *wp_m /* (out) (optional) */);

/* One line for people: "level 1: VTn 0.6 V, VTp -0.6 V, KPn 100 uA/V^2, ..." or
 * "bsim3-3v3: illustrative BSIM3v3.3 card resembling a 0.35 um 3.3 V process". (transfer full) */
char *hr_mos_model_describe (const HrMosModel *model);

/* Adds the NMOS model "nch" and the PMOS model "pch" to NETLIST. */
gboolean hr_mos_model_add_to_netlist (const HrMosModel *model, HrNetlist *netlist,
                                      GError **error);

/* ---------------------------------------------------------------------------------------- */
/* Gates                                                                                    */

typedef enum {
  HR_CMOS_INVERTER,
  HR_CMOS_NAND2,
  HR_CMOS_NOR2,
  HR_CMOS_BUFFER,         /* two inverters in a row: non-inverting */
  HR_CMOS_SCHMITT,        /* the 6-transistor CMOS Schmitt trigger (inverting) */
} HrCmosGate;

/* "inv", "nand2", "nor2", "buf", "schmitt". */
const char *hr_cmos_gate_to_string (HrCmosGate kind);
/* Accepts those names (and "inverter", "buffer"); HR_NOISE_ERROR_INVALID naming them. */
gboolean hr_cmos_gate_from_string (const char *text, HrCmosGate *kind /* (out) */,
                                   GError **error);

/* Which input of a NAND2/NOR2 is swept; the other sits at its non-controlling level (VDD
 * for NAND, 0 for NOR). A is the transistor of the series stack next to the output, B the
 * one next to the rail. Ignored by the one-input gates. */
typedef enum {
  HR_GATE_INPUT_A,
  HR_GATE_INPUT_B,
  HR_GATE_INPUT_BOTH,     /* both inputs tied together */
} HrGateInput;

const char *hr_gate_input_to_string (HrGateInput input); /* "a", "b", "both" */
gboolean hr_gate_input_from_string (const char *text, HrGateInput *input /* (out) */,
                                    GError **error);

/* What to simulate. Boxed: _new() fills defaults, fields may then be set directly. */
typedef struct {
  HrCmosGate gate;
  HrGateInput input;          /* default A */
  HrMosModel *model;          /* owned */
  double vdd_v;
  double temp_c;              /* NAN: the simulator's nominal 27 °C */
  double wn_m, ln_m;          /* NMOS of the gate; NAN: the model's default */
  double wp_m, lp_m;          /* PMOS of the gate; NAN: the model's default */
  double schmitt_wfn_m;       /* Schmitt feedback NMOS width (length ln); NAN: wn */
  double schmitt_wfp_m;       /* Schmitt feedback PMOS width (length lp); NAN: wp */
  guint fanout;               /* identical gates with their inputs on the output; 0: none */
  double load_a;              /* DC load on the output, sign as HrPin.load_a: > 0 current
                                 into the output, sunk when it is low (a pull-up, an LED to
                                 VDD: raises VOL, like IOL); < 0 current out of it, sourced
                                 when it is high (a pull-down: lowers VOH, like IOH). Stops
                                 at the rail it pulls towards, as a real load does. 0: none */
  double step_v;              /* sweep step; NAN or 0: 1 mV */
} HrGateSpec;

GType hr_gate_spec_get_type (void) G_GNUC_CONST;
#define HR_TYPE_GATE_SPEC (hr_gate_spec_get_type ())

/* GATE of MODEL (copied) at VDD_V: input A, 27 °C, the model's default sizes, no load,
 * 1 mV steps. (transfer full) */
HrGateSpec *hr_gate_spec_new (HrCmosGate gate, const HrMosModel *model, double vdd_v);
HrGateSpec *hr_gate_spec_copy (const HrGateSpec *spec);
void hr_gate_spec_free (HrGateSpec *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrGateSpec, hr_gate_spec_free)

/* The gate a receiver's transistor-level model (HrPin.model, docs/circuit-format.md,
 * "Receiver models") describes, at the receiver's supply VCC_V: what `headroom check`
 * simulates for that receiver. Sizes and temperature are the model's, NAN where it gives
 * none (the card's defaults, 27 °C). MODEL_DIR (nullable: ".") is the circuit file's
 * directory: a "file" model's cards are read from there and may .include only from there.
 * NULL with an error for an unknown gate or model, or cards that cannot be read or parsed.
 * (transfer full) */
HrGateSpec *hr_pin_model_to_gate_spec (const HrPinModel *model, double vcc_v,
                                       const char *model_dir, GError **error);

/* The textbook closed forms of the square-law CMOS inverter (level 1, no λ, no body
 * effect): what the noise-margin explorer shows beside the simulated curve's numbers, so a
 * student sees where the formulas hold. noise/ judges margins from curves, not formulas;
 * these are teaching content, checked against the simulation in tests/. */
typedef struct {
  double vm_v;                /* Vout = Vin */
  double vil_v, voh_v;        /* the slope −1 point on the high side: (VIL, VOH) */
  double vih_v, vol_v;        /* the slope −1 point on the low side: (VIH, VOL) */
  double nml_v, nmh_v;        /* VIL − VOL, VOH − VIH */
} HrInverterClosedForm;

/* VTN_V > 0, VTP_V < 0, KN and KP (A/V²) > 0, VDD_V > VTN_V + |VTP_V|. FALSE otherwise (the
 * forms assume both devices turn on somewhere in the sweep). */
gboolean hr_inverter_closed_form (double vdd_v, double vtn_v, double vtp_v, double kn,
                                  double kp, HrInverterClosedForm *out);

/* The formulas in plain text, for the explorer's side panel. */
const char *hr_inverter_closed_form_text (void);

/* The default sweep step, 1 mV. A second run samples ±2 steps around VIL, VM and VIH at a
 * twentieth of the step (not for the Schmitt trigger), so that even 10 mV steps give all
 * three within 1 mV on the closed-form cases (tests/test-gates.c). */
#define HR_GATE_DEFAULT_STEP_V 1e-3
/* Fan-out beyond this is refused: the netlist would grow without changing a DC curve. */
#define HR_GATE_MAX_FANOUT 64

/* Checks SPEC and resolves defaults: NAN sizes from the model, the step. FALSE with
 * HR_NOISE_ERROR_INVALID saying which field is wrong and what would be right. */
gboolean hr_gate_spec_validate (HrGateSpec *spec, GError **error);

/* The netlist hr_gate_vtc_simulate() runs (validated copy of SPEC): "vin" swept from 0 to
 * VDD at "in", output "out"; a Schmitt trigger is also swept back down. (transfer full) */
HrNetlist *hr_gate_spec_to_netlist (const HrGateSpec *spec, GError **error);

/* A simulated gate. Boxed, refcounted, read-only for users. */
typedef struct {
  HrGateSpec *spec;           /* the spec as simulated, defaults resolved */
  HrVtc *vtc;                 /* input rising from 0 to VDD */
  HrVtcMargins *margins;      /* of vtc */
  HrVtc *vtc_falling;         /* Schmitt only: input falling from VDD (stored rising in
                                 Vin, as hr_vtc_new() needs); NULL otherwise */
  HrVtcMargins *margins_falling;
  /* The margins to judge the gate by, unity-gain criterion. For a Schmitt trigger a low
   * input is disturbed along the rising branch and a high one along the falling branch:
   * NML from the rising curve, NMH from the falling one. */
  double nml_v, nmh_v;
  double vt_plus_v, vt_minus_v;   /* Schmitt: VM of the rising / falling sweeps; NAN else */
  double hysteresis_v;            /* vt_plus − vt_minus; NAN for other gates */
  gboolean restores;          /* the gain reaches 1 and both margins are > 0 */
  char *model_description;
  char *engine;               /* the engine that ran it: "native" or "ngspice" */
  char *spice;                /* the deck that was simulated */
  /*< private >*/
  gint ref_count;
} HrGateVtc;

GType hr_gate_vtc_get_type (void) G_GNUC_CONST;
#define HR_TYPE_GATE_VTC (hr_gate_vtc_get_type ())
HrGateVtc *hr_gate_vtc_ref (HrGateVtc *result);
void hr_gate_vtc_unref (HrGateVtc *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrGateVtc, hr_gate_vtc_unref)

/**
 * hr_gate_vtc_simulate:
 * @engine: the engine to run on (thread-safe; many calls may share it)
 * @spec: what to simulate (not modified)
 * @cancellable: (nullable)
 * @progress: (scope call) (nullable): called from the engine's thread
 * @progress_data: (closure)
 * @error: HR_NOISE_ERROR_INVALID, an HR_SIM_ERROR, or HR_NOISE_ERROR_CURVE
 *
 * Sweeps the gate's input and analyses the curve. Returns: (transfer full) (nullable)
 */
HrGateVtc *hr_gate_vtc_simulate (HrEngine *engine, const HrGateSpec *spec,
                                 GCancellable *cancellable, HrProgressFunc progress,
                                 gpointer progress_data, GError **error);

/* JSON (docs/transistor-models.md, "JSON"): the spec, the margins of each sweep, the
 * Schmitt thresholds and, when WITH_CURVE, the sampled curves. (transfer full) */
JsonNode *hr_gate_vtc_to_json (const HrGateVtc *result, gboolean with_curve);
JsonNode *hr_gate_spec_to_json (const HrGateSpec *spec);

/* ---------------------------------------------------------------------------------------- */
/* The 6T SRAM cell                                                                         */

/* Each half of the cell: driver NMOS (wn/ln) and load PMOS (wp/lp) form an inverter whose
 * output is a storage node; the access NMOS (wa/la) joins that node to its bit line, gate
 * on the word line. Hold: word line at 0. Read: word line at VDD, bit line precharged and
 * held at VDD, so the access NMOS (saturated) pulls the low node up (Seevinck et al. 1987). */
typedef struct {
  HrMosModel *model;          /* owned */
  double vdd_v;
  double temp_c;              /* NAN: 27 °C */
  double wn_m, ln_m;          /* driver (pull-down) NMOS; NAN: model default */
  double wp_m, lp_m;          /* load (pull-up) PMOS; NAN: model default */
  double wa_m, la_m;          /* access NMOS; NAN: wn, ln */
  gboolean read;              /* FALSE: hold */
  double step_v;              /* NAN or 0: 1 mV */
} HrSramSpec;

GType hr_sram_spec_get_type (void) G_GNUC_CONST;
#define HR_TYPE_SRAM_SPEC (hr_sram_spec_get_type ())
/* (transfer full) */
HrSramSpec *hr_sram_spec_new (const HrMosModel *model, double vdd_v);
HrSramSpec *hr_sram_spec_copy (const HrSramSpec *spec);
void hr_sram_spec_free (HrSramSpec *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrSramSpec, hr_sram_spec_free)

gboolean hr_sram_spec_validate (HrSramSpec *spec, GError **error);
/* One half-cell: "vin" drives the inverter's input at "in", the storage node is "out".
 * (transfer full) */
HrNetlist *hr_sram_spec_to_netlist (const HrSramSpec *spec, GError **error);

/* A simulated cell. Boxed, refcounted, read-only for users. */
typedef struct {
  HrSramSpec *spec;           /* as simulated, defaults resolved */
  HrVtc *half_cell;           /* one half-cell's curve: storage node against the other
                                 node; the cell is symmetric, so it is both A and B */
  HrSnm *snm;                 /* the butterfly's largest squares (hr_snm_butterfly()) */
  double cell_ratio;          /* (Wn/Ln)/(Wa/La): driver over access strength */
  double pullup_ratio;        /* (Wp/Lp)/(Wa/La) */
  char *model_description;
  char *engine;               /* the engine that ran it: "native" or "ngspice" */
  char *spice;
  /*< private >*/
  gint ref_count;
} HrSramSnm;

GType hr_sram_snm_get_type (void) G_GNUC_CONST;
#define HR_TYPE_SRAM_SNM (hr_sram_snm_get_type ())
HrSramSnm *hr_sram_snm_ref (HrSramSnm *result);
void hr_sram_snm_unref (HrSramSnm *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrSramSnm, hr_sram_snm_unref)

/**
 * hr_sram_butterfly_simulate:
 * @engine: the engine
 * @spec: the cell
 * @cancellable: (nullable)
 * @progress: (scope call) (nullable)
 * @progress_data: (closure)
 * @error: as hr_gate_vtc_simulate()
 *
 * Simulates a half-cell's transfer curve (with its access transistor, on for read) and
 * finds the static noise margin of the butterfly. Returns: (transfer full) (nullable)
 */
HrSramSnm *hr_sram_butterfly_simulate (HrEngine *engine, const HrSramSpec *spec,
                                       GCancellable *cancellable, HrProgressFunc progress,
                                       gpointer progress_data, GError **error);

/* (transfer full) */
JsonNode *hr_sram_snm_to_json (const HrSramSnm *result, gboolean with_curve);

/* ---------------------------------------------------------------------------------------- */
/* Sweeps: margins against a parameter                                                     */

typedef enum {
  HR_SWEEP_VDD,           /* "vdd"   supply, V */
  HR_SWEEP_TEMP,          /* "temp"  temperature, °C */
  HR_SWEEP_KN,            /* "kn"    level 1: KPn·Wn/Ln, A/V² (KPn changes) */
  HR_SWEEP_KP,            /* "kp"    level 1: KPp·Wp/Lp, A/V² */
  HR_SWEEP_KR,            /* "kr"    level 1: kn/kp with kp held */
  HR_SWEEP_VTN,           /* "vtn"   level 1: VTO of the NMOS, V */
  HR_SWEEP_VTP,           /* "vtp"   level 1: VTO of the PMOS, V (negative) */
  HR_SWEEP_VT,            /* "vt"    level 1: VTn = VT and VTp = −VT, V */
  HR_SWEEP_LAMBDA,        /* "lambda" level 1: both devices, 1/V */
  HR_SWEEP_GAMMA,         /* "gamma" level 1: both devices, V^0.5 */
  HR_SWEEP_WN,            /* "wn"    m */
  HR_SWEEP_WP,            /* "wp"    m */
  HR_SWEEP_LN,            /* "ln"    m */
  HR_SWEEP_LP,            /* "lp"    m */
  HR_SWEEP_WRATIO,        /* "wratio" (Wp/Lp)/(Wn/Ln) with the NMOS held: Wp changes */
  HR_SWEEP_FANOUT,        /* "fanout" gates (rounded to whole numbers) */
  HR_SWEEP_LOAD,          /* "load"  A */
} HrSweepParam;

const char *hr_sweep_param_to_string (HrSweepParam param);
gboolean hr_sweep_param_from_string (const char *text, HrSweepParam *param /* (out) */,
                                     GError **error);
/* The unit the parameter's values are written in. */
HrUnit hr_sweep_param_unit (HrSweepParam param);

/* Sets PARAM of SPEC to VALUE (after hr_gate_spec_validate(), so sizes are known). Fails with
 * HR_NOISE_ERROR_INVALID when the parameter does not apply (kn with a BSIM3 card) or the
 * value is out of range. */
gboolean hr_gate_spec_set_param (HrGateSpec *spec, HrSweepParam param, double value,
                                 GError **error);

/* Parses "vdd=1.8:5:0.1" (start:stop:step, both ends included within step/1000) or
 * "temp=-40,27,85" (a list), values with units or SI prefixes ("kn=50u:200u:10u").
 * Returns: (transfer full) (array length=n_values): the values, or NULL with
 * HR_NOISE_ERROR_INVALID. At most HR_SWEEP_MAX_POINTS values. */
double *hr_sweep_parse (const char *text, HrSweepParam *param /* (out) */,
                        gsize *n_values /* (out) */, GError **error);
#define HR_SWEEP_MAX_POINTS 10000

/* One point of a sweep: the value and its result, or why it has none. */
typedef struct {
  double value;
  HrGateVtc *result;          /* NULL when this point failed */
  char *error;                /* the reason, or NULL */
} HrSweepPoint;

/* Margins against a parameter. Boxed, refcounted, read-only for users. */
typedef struct {
  HrSweepParam param;
  HrGateSpec *base;           /* the spec every point started from */
  GArray *points;             /* (element-type HrSweepPoint) in the order of the values */
  guint n_failed;             /* points without a result, or whose gate does not restore */
  /*< private >*/
  gint ref_count;
} HrMarginSweep;

GType hr_margin_sweep_get_type (void) G_GNUC_CONST;
#define HR_TYPE_MARGIN_SWEEP (hr_margin_sweep_get_type ())
HrMarginSweep *hr_margin_sweep_ref (HrMarginSweep *sweep);
void hr_margin_sweep_unref (HrMarginSweep *sweep);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrMarginSweep, hr_margin_sweep_unref)

/**
 * hr_margin_sweep_run:
 * @engine: the engine; its runs are thread-safe
 * @base: the gate to sweep
 * @param: what to vary
 * @values: (array length=n_values): the values of PARAM, in its unit (SI)
 * @n_values: at least 1
 * @n_threads: points simulated at once; 0: the engine's worker count (ngspice) or the
 *   number of processors
 * @cancellable: (nullable)
 * @progress: (scope call) (nullable): fraction of points done, phase "sweep"; called from
 *   the pool's threads, one call at a time
 * @progress_data: (closure)
 * @error: HR_NOISE_ERROR_INVALID for a parameter that does not apply to the model,
 *   HR_SIM_ERROR_CANCELLED, or an engine failure that stops every point (a worker that
 *   cannot start). A point that fails alone (no convergence, a flat curve) is kept with
 *   its reason.
 *
 * One simulation per value. Returns: (transfer full) (nullable)
 */
HrMarginSweep *hr_margin_sweep_run (HrEngine *engine, const HrGateSpec *base,
                                    HrSweepParam param, const double *values, gsize n_values,
                                    guint n_threads, GCancellable *cancellable,
                                    HrProgressFunc progress, gpointer progress_data,
                                    GError **error);

/* (transfer full) */
JsonNode *hr_margin_sweep_to_json (const HrMarginSweep *sweep);

G_END_DECLS
