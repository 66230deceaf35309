/* headroom-noise.h — noise: how much noise headroom a signal has, and why.
 *
 * This part turns circuits into judgements. It holds the datasheet analysis:
 *
 *  - hr_margins_pair(): one driver into N receivers of given families and supplies. Computes
 *    NMH = VOH − VIH and NML = VIL − VOL at the load current the receivers (and any extra
 *    load) really draw, checks fan-out (IOH/IOL against the sum of IIH/IIL), the receiver's
 *    input over-voltage tolerance, and gives a verdict with every reason in words.
 *  - hr_margins_check_circuit(): every net of an HrCircuit, sorted worst first. A receiver
 *    with a transistor-level model (HrPin.model) is judged by the thresholds its simulated
 *    transfer curve gives (hr_margins_check_circuit_with_engine(), which needs an engine).
 *  - hr_margins_matrix(): the compatibility matrix of all families at one supply.
 *
 * and, in hr-vtc.h and hr-gates.h (included below), margins from transfer curves: the
 * unity-gain points, Hauser's rectangle, the largest square, SRAM butterflies, and the
 * simulation of transistor-level gates on an engine (sim/) to get those curves.
 *
 * Every result serialises to JSON with the stable schema of docs/json-output.md
 * (hr_*_to_json()); the CLI's --json, the GUI and batch files all read that one form.
 * Errors are in the HR_NOISE_ERROR domain, or are passed through from HR_CIRCUIT_ERROR.
 */
#pragma once

#include <glib.h>
#include <glib-object.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "headroom-circuits.h"
#include "headroom-sim.h"

G_BEGIN_DECLS

#define HR_NOISE_ERROR (hr_noise_error_quark ())
GQuark hr_noise_error_quark (void);

typedef enum {
  HR_NOISE_ERROR_INVALID,    /* an argument out of range (fan-out 0, negative load) */
  HR_NOISE_ERROR_CURVE,      /* a sampled transfer curve that cannot be analysed: fewer than
                                3 samples, a non-finite value, an input sweep that does not
                                rise strictly, an output that never changes (hr-vtc.h) */
  HR_NOISE_ERROR_NOT_INVERTING, /* a non-inverting curve where an inverter's is needed (the
                                   SRAM butterfly) */
} HrNoiseError;

/* Ordered: a larger value is worse, so MAX() combines verdicts. */
typedef enum {
  HR_VERDICT_PASS = 0,
  HR_VERDICT_MARGINAL,   /* guaranteed, but a margin is below the marginal threshold
                            (HrMarginOptions.marginal_v, default 0.1 V) */
  HR_VERDICT_FAIL,
} HrVerdict;

const char *hr_verdict_to_string (HrVerdict verdict); /* "pass", "marginal", "fail" */

typedef enum {
  HR_FINDING_LEVEL_HIGH,     /* VOH against VIH */
  HR_FINDING_LEVEL_LOW,      /* VOL against VIL */
  HR_FINDING_FANOUT_HIGH,    /* IOH against the sum of IIH and the extra load */
  HR_FINDING_FANOUT_LOW,     /* IOL against the sum of IIL and the extra load */
  HR_FINDING_OVERVOLTAGE,    /* driver's VOH (up to its VCC) against the receiver's VIN max */
  HR_FINDING_DELTA_ICC,      /* TTL-threshold CMOS input held at a weak high: extra supply
                                current. A note: its verdict is PASS */
  HR_FINDING_DATA,           /* a number used is unconfirmed, secondary or interpolated, or
                                a receiver's thresholds are simulated from its model. A note:
                                its verdict is PASS, except for a modelled receiver whose
                                gate does not restore logic levels (FAIL) */
} HrFindingKind;

const char *hr_finding_kind_to_string (HrFindingKind kind); /* "level-high", ... */

typedef struct {
  HrFindingKind kind;
  HrVerdict verdict;
  char *text;      /* a whole sentence with the numbers: "VOH 2.7 V (74LS at 0.4 mA) is below
                      VIH 3.5 V (74HC at 5 V): NMH = -0.8 V. Use an HCT receiver or ..." */
} HrFinding;

/* Options of a margin calculation. Initialise with hr_margin_options_init(). */
typedef struct {
  double temp_max_c;        /* temperature range upper end the guarantees must hold over;
                               NAN = the data file's default (industrial, -40…85 °C) */
  double marginal_v;        /* a margin below this (but >= 0) is "marginal"; default 0.1 V */
  double extra_load_high_a; /* extra DC current sourced by the driver when high (pull-down) */
  double extra_load_low_a;  /* extra DC current sunk by the driver when low (pull-up, LED) */
  const char *model_dir;    /* nullable: the directory a receiver model's "file" is relative
                               to (the circuit file's), and the only one its cards may
                               .include from; NULL: the current directory, no .include */
} HrMarginOptions;

void hr_margin_options_init (HrMarginOptions *options);

/* One driver into N identical receivers. Boxed, refcounted, read-only for users. */
typedef struct {
  HrLevels *driver;        /* levels of the driver at its supply */
  HrLevels *receiver;      /* levels of the receiver at its supply */
  guint fanout;            /* number of receivers */
  double load_high_a;      /* total current the driver sources when high (positive number) */
  double load_low_a;       /* total current the driver sinks when low (positive number) */
  double voh_v, voh_at_a;  /* guaranteed VOH and the tabulated load point it was read at */
  double vol_v, vol_at_a;
  double vih_v, vil_v;
  double nmh_v, nml_v;
  guint fanout_max;        /* largest N for which currents are within the driver's ratings */
  HrVerdict verdict;
  GPtrArray *findings;     /* (element-type HrFinding) every reason, worst first */
  HrLevelFlags flags;      /* union of the flags of every number used */
  /* Where vih_v/vil_v come from: the receiver's datasheet (threshold_model NULL), or the
   * simulation of its transistor-level model, described here (receiver->input_flags then
   * has HR_LEVEL_SIMULATED). The datasheet's thresholds, for comparison, either way. */
  char *threshold_model;
  double datasheet_vih_v, datasheet_vil_v;
  /*< private >*/
  gint ref_count;
} HrMarginResult;

GType hr_margin_result_get_type (void) G_GNUC_CONST;
#define HR_TYPE_MARGIN_RESULT (hr_margin_result_get_type ())
HrMarginResult *hr_margin_result_ref (HrMarginResult *result);
void hr_margin_result_unref (HrMarginResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrMarginResult, hr_margin_result_unref)

/* DRIVER into FANOUT receivers of RECEIVER. (transfer full) */
HrMarginResult *hr_margins_pair (const HrLevels *driver, const HrLevels *receiver,
                                 guint fanout, const HrMarginOptions *options,
                                 GError **error);

/* Result of one net of a circuit: one HrMarginResult per receiver (with the whole net's load
 * on the driver), the worst margins and the net's verdict. */
typedef struct {
  char *net;
  GPtrArray *receivers;    /* (element-type HrMarginResult) in file order */
  double nmh_v, nml_v;     /* worst over receivers */
  double worst_margin_v;   /* MIN (nmh_v, nml_v) */
  HrVerdict verdict;
  GPtrArray *findings;     /* (element-type HrFinding) the net's reasons, worst first,
                              prefixed with the receiver they concern */
  /*< private >*/
  gint ref_count;
} HrNetResult;

GType hr_net_result_get_type (void) G_GNUC_CONST;
#define HR_TYPE_NET_RESULT (hr_net_result_get_type ())
HrNetResult *hr_net_result_ref (HrNetResult *result);
void hr_net_result_unref (HrNetResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrNetResult, hr_net_result_unref)

typedef struct {
  char *circuit;
  GPtrArray *nets;         /* (element-type HrNetResult) worst first: verdict, then margin */
  HrVerdict verdict;       /* worst of all nets */
  guint n_pass, n_marginal, n_fail;
  /*< private >*/
  gint ref_count;
} HrCheckResult;

GType hr_check_result_get_type (void) G_GNUC_CONST;
#define HR_TYPE_CHECK_RESULT (hr_check_result_get_type ())
HrCheckResult *hr_check_result_ref (HrCheckResult *result);
void hr_check_result_unref (HrCheckResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrCheckResult, hr_check_result_unref)

/* Every net of CIRCUIT: hr_margins_check_circuit_with_engine() without an engine, so a
 * circuit with receiver models fails with HR_NOISE_ERROR_INVALID. (transfer full) */
HrCheckResult *hr_margins_check_circuit (const HrCircuit *circuit, HrFamilyLibrary *lib,
                                         const HrMarginOptions *options, GError **error);

/**
 * hr_margins_check_circuit_with_engine:
 * @engine: (nullable): simulates the receivers that have a transistor-level model; NULL is
 *   enough for a circuit without any
 * @options: (nullable): model_dir resolves model files
 * @cancellable: (nullable): stops between simulations (HR_SIM_ERROR_CANCELLED)
 *
 * Every net of CIRCUIT. A receiver with a model (HrPin.model) is simulated on ENGINE (its
 * gate at its VCC) and judged by the VIL/VIH at the unity-gain points of that transfer
 * curve, in place of its datasheet's; everything else about it (input currents, tolerance)
 * stays the datasheet's. Each such receiver gets an HR_FINDING_DATA finding giving both sets
 * of thresholds, FAIL when its gate does not restore logic levels. Errors: a model without
 * ENGINE (HR_NOISE_ERROR_INVALID, naming the net and the receiver), a model that cannot be
 * built or simulated (HR_NOISE_ERROR_*, HR_SIM_ERROR_*, G_FILE_ERROR_* for a model file),
 * each prefixed with the net and the receiver. Returns: (transfer full) (nullable)
 */
HrCheckResult *hr_margins_check_circuit_with_engine (const HrCircuit *circuit,
                                                     HrFamilyLibrary *lib, HrEngine *engine,
                                                     const HrMarginOptions *options,
                                                     GCancellable *cancellable,
                                                     GError **error);

/* Compatibility matrix: every family that has levels at VCC_V (NAN = each family at its own
 * nominal supply) as driver rows and receiver columns, fan-out 1. Cells of pairs that cannot
 * be evaluated (a family not specified at that supply) are NULL. */
typedef struct {
  double vcc_v;
  GPtrArray *families;     /* (element-type utf8) row/column names, in library order */
  GPtrArray *vccs;         /* (element-type double*) supply of each family as used */
  GPtrArray *cells;        /* (element-type HrMarginResult) row-major n×n, NULL where n/a */
  /*< private >*/
  gint ref_count;
} HrMatrixResult;

GType hr_matrix_result_get_type (void) G_GNUC_CONST;
#define HR_TYPE_MATRIX_RESULT (hr_matrix_result_get_type ())
HrMatrixResult *hr_matrix_result_ref (HrMatrixResult *result);
void hr_matrix_result_unref (HrMatrixResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrMatrixResult, hr_matrix_result_unref)

HrMarginResult *hr_matrix_result_get (const HrMatrixResult *m, guint row, guint col);

HrMatrixResult *hr_margins_matrix (HrFamilyLibrary *lib, double vcc_v,
                                   const HrMarginOptions *options, GError **error);

/* JSON forms (docs/json-output.md). (transfer full) */
JsonNode *hr_margin_result_to_json (const HrMarginResult *result);
JsonNode *hr_check_result_to_json (const HrCheckResult *result);
JsonNode *hr_matrix_result_to_json (const HrMatrixResult *result);
JsonNode *hr_levels_to_json (const HrLevels *levels);

G_END_DECLS

/* Transfer-curve margins (unity gain, nested rectangle, largest square, SRAM butterfly). */
#include "hr-vtc.h"

/* Transistor-level gates, simulated transfer curves, SRAM cells and sweeps (needs sim/). */
#include "hr-gates.h"
