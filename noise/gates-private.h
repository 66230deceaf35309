/* gates-private.h — what the files of the transistor-level gates share (not installed). */
#pragma once

#include "hr-gates.h"

G_BEGIN_DECLS

/* Numbers of a level-1 model in range; cards pass (the simulator checks them). */
gboolean hr_mos_model_validate (const HrMosModel *model, GError **error);

/* Fills the NAN sizes of S from its model and a missing step. S->model must be set. */
void hr_gate_spec_resolve (HrGateSpec *s);

/* A netlist titled TITLE with the models, the supply "vdd" at VDD_V and the input source
 * "vin" at "in" (0 V), at TEMP_C (NAN: the simulator's default). (transfer full) */
HrNetlist *hr_gate_netlist_begin (const char *title, const HrMosModel *model, double vdd_v,
                                  double temp_c, GError **error);

/* One MOSFET: NMOS (bulk at ground) or PMOS (bulk at vdd), model nch or pch. */
gboolean hr_gate_add_mos (HrNetlist *nl, const char *name, gboolean pmos, const char *drain,
                          const char *gate, const char *source, double w_m, double l_m,
                          GError **error);

/* Builders of a validated spec's netlist without analyses (HrGateSpec*, HrSramSpec*). */
typedef HrNetlist *(*HrNetlistCore) (gconstpointer spec, GError **error);
HrNetlist *hr_gate_netlist_core (gconstpointer spec, GError **error);
HrNetlist *hr_sram_netlist_core (gconstpointer spec, GError **error);

/* Progress of one engine run mapped into [offset, offset + scale] of the caller's. */
typedef struct {
  HrProgressFunc func;
  gpointer data;
  double offset, scale;
} HrProgressSpan;
void hr_progress_span_report (double fraction, const char *phase, gpointer span);

/* CURVE with the sweep refined where it matters: around VIL, VM and VIH of MARGINS (those
 * that exist), ±2 coarse steps at a twentieth of STEP_V, by one more run of CORE (SPEC)'s
 * netlist. Not for curves with hysteresis: a sweep started mid-way may land on either
 * branch. (transfer full) */
HrVtc *hr_gate_vtc_refine (HrEngine *engine, HrNetlistCore core, gconstpointer spec,
                           HrVtc *curve, const HrVtcMargins *margins, double step_v,
                           GCancellable *cancellable, HrProgressSpan *progress,
                           GError **error);

/* Runs NL and returns the rising-input curve (v(out) against the sweep) of DC analysis
 * PLOT; a falling sweep is reversed so that Vin rises. (transfer full) */
HrVtc *hr_gate_vtc_from_result (HrSimResult *result, guint plot, GError **error);

/* A positive, finite length or width, or an error naming FIELD. */
gboolean hr_gate_check_size (const char *field, double v_m, GError **error);

/* JSON helpers: a number or null for NAN; the (Vin, Vout) samples of a curve. */
void hr_gate_json_add_curve (JsonBuilder *b, const char *name, const HrVtc *vtc);
void hr_gate_json_add_model (JsonBuilder *b, const HrMosModel *model);

G_END_DECLS
