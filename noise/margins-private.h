/* margins-private.h — what margins.c and receiver-model.c share (not installed). */
#pragma once

#include "hr-gates.h"

G_BEGIN_DECLS

/* A receiver's thresholds from its transistor-level model. */
typedef struct {
  HrLevels *levels;         /* the datasheet's, VIH/VIL replaced by the simulated ones,
                               input_flags HR_LEVEL_SIMULATED, a note naming the model */
  char *model;              /* "inv, level 1 (square law): VTn 0.6 V, ..." */
  double datasheet_vih_v, datasheet_vil_v;
  double temp_c;            /* as simulated (27 °C when the model gives none) */
  char *not_restoring;      /* NULL, or why the gate does not restore logic levels */
} HrSimulatedInput;

/* Simulates PIN's model (PIN->model non-NULL) on ENGINE at PIN's supply and fills OUT from
 * DATASHEET, the pin's datasheet levels. MODEL_DIR: as HrMarginOptions.model_dir. */
gboolean hr_simulated_input_run (const HrPin *pin, const HrLevels *datasheet,
                                 HrEngine *engine, const char *model_dir,
                                 GCancellable *cancellable, HrSimulatedInput *out,
                                 GError **error);
void hr_simulated_input_clear (HrSimulatedInput *input);

G_END_DECLS
