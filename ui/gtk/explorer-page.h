/* explorer-page.h — the noise-margin explorer: a CMOS inverter's transfer curve and margins
 * moving with sliders (VDD, VTn, VTp, kn, kp, DC load), beside the closed-form values and
 * the formulas; a second tab puts two logic families side by side (pair-page.h), a third
 * shows an SRAM cell's butterfly (sram-page.h).
 *
 * Each slider change asks for a new simulation; runs never queue up: while one runs, only
 * the latest values are kept and simulated next (latest value wins), so dragging stays
 * responsive. It runs on the "auto" engine (sim/): the native MNA engine, in process, for
 * this level-1 inverter, ngspice for anything the native one does not carry. */
#pragma once

#include <gtk/gtk.h>

#include "pair-page.h"
#include "plot-view.h"

G_BEGIN_DECLS

#define HR_TYPE_EXPLORER_PAGE (hr_explorer_page_get_type ())
G_DECLARE_FINAL_TYPE (HrExplorerPage, hr_explorer_page, HR, EXPLORER_PAGE, GtkWidget)

/* The inverter's plot; the second tab; the plot of the tab shown. (transfer none) */
HrPlotView *hr_explorer_page_get_view (HrExplorerPage *self);
HrPairPage *hr_explorer_page_get_pair (HrExplorerPage *self);
HrPlotView *hr_explorer_page_get_visible_view (HrExplorerPage *self);
/* Sets a slider by name ("vdd", "vtn", "vtp", "kn", "kp" in SI units, "load" in amperes),
 * as dragging it does. FALSE for an unknown name. */
gboolean hr_explorer_page_set (HrExplorerPage *self, const char *name, double value);
/* The switch that shows Hauser's rectangle and the largest square with the unity-gain
 * points (on) or the unity-gain criterion alone (off). */
gboolean hr_explorer_page_get_nested (HrExplorerPage *self);
void hr_explorer_page_set_nested (HrExplorerPage *self, gboolean nested);
/* A simulation runs or waits. */
gboolean hr_explorer_page_is_busy (HrExplorerPage *self);
/* How many simulations were started: dragging through many values starts few. */
guint hr_explorer_page_get_n_runs (HrExplorerPage *self);
/* The simulated NML and NMH shown now (NAN before the first result). */
void hr_explorer_page_get_margins (HrExplorerPage *self, double *nml_v, double *nmh_v);

G_END_DECLS
