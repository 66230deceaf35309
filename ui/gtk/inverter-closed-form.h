/* inverter-closed-form.h — the textbook closed forms of the square-law CMOS inverter.
 *
 * The noise-margin explorer shows these beside the simulated curve's numbers, so a student
 * sees where the formulas hold (level 1, no λ, no body effect: the explorer's model) and the
 * simulation agrees to the millivolt. noise/ computes margins from curves, not formulas;
 * these are teaching content. TODO: move into noise/ (beside tests/test-gates.c's copy)
 * once its owners have landed the native engine work. GTK-free.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

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

G_END_DECLS
