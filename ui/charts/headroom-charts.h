/* headroom-charts.h — charts: headroom's standard pictures of its results, as HrPlots.
 *
 * The command line (`--plot`, `-o matrix.svg`) and the desktop app show the same results
 * the same way: this part turns a result of noise/ into a described HrPlot (ui/plot) —
 * series, markers, bands, squares, titles — and nothing else. The caller draws it: to a
 * file with hr_plot_save(), or in a widget with hr_plot_render(). It computes no numbers of
 * its own: every level, margin and square comes from the result.
 *
 *   g_autoptr(HrPlot) plot = hr_chart_matrix (matrix);
 *   hr_plot_save (plot, "matrix.svg", HR_PLOT_FORMAT_AUTO, 900, 760, &error);
 */
#pragma once

#include "headroom-noise.h"
#include "headroom-plot.h"

G_BEGIN_DECLS

/* The compatibility matrix: drivers as rows, receivers as columns, each cell coloured by its
 * worst margin min(NMH, NML) and marked "x" where it fails without a negative margin
 * (fan-out, over-voltage). (transfer full) */
HrPlot *hr_chart_matrix (const HrMatrixResult *matrix);

/* A simulated gate's transfer curve: the curve, Vout = Vin, the unity-gain points and
 * levels, NML and NMH as bars; for an inverter its mirror, Hauser's rectangle and the
 * largest square; for a Schmitt trigger both branches and VT+/VT-. Square axes 0…VDD.
 * (transfer full) */
HrPlot *hr_chart_gate_vtc (const HrGateVtc *result);
/* The same, with Hauser's rectangle and the largest square only when NESTED: the unity-gain
 * criterion alone, or beside the nested-rectangle ones. (transfer full) */
HrPlot *hr_chart_gate_vtc_criteria (const HrGateVtc *result, gboolean nested);

/* Margins against a swept parameter: unity gain solid, Hauser dashed, square dotted.
 * (transfer full) */
HrPlot *hr_chart_margin_sweep (const HrMarginSweep *sweep);

/* An SRAM cell's butterfly: half-cell A, B mirrored, the largest square of each lobe (the
 * smaller one, the SNM, in the margin colour). (transfer full) */
HrPlot *hr_chart_butterfly (const HrSramSnm *result);

/* One driver into one receiver family, as bars in three columns of a categorical x axis
 * ("74LS outputs", "noise margins", "74HC inputs"): the driver's guaranteed low (0…VOL) and
 * high (VOH…VCC) outputs beside the receiver's accepted low (0…VIL), undefined and high
 * (VIH…VCC) inputs, with NMH and NML as bars between them (vermillion when negative): why
 * a 74LS output cannot drive a 74HC input. (transfer full) */
HrPlot *hr_chart_pair_levels (const HrMarginResult *result);

G_END_DECLS
