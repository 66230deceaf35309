/* sram-page.h — the SRAM cell tab of the explorer: a 6T cell's butterfly and the largest
 * square in each lobe (its static noise margin), moving with sliders (VDD, VT, driver,
 * load and access k, hold or read), simulated with the latest values only (HrLatest).
 * Runs on the "auto" engine: native for this level-1 cell, ngspice as the fallback. */
#pragma once

#include <gtk/gtk.h>

#include "plot-view.h"

G_BEGIN_DECLS

#define HR_TYPE_SRAM_PAGE (hr_sram_page_get_type ())
G_DECLARE_FINAL_TYPE (HrSramPage, hr_sram_page, HR, SRAM_PAGE, GtkWidget)

/* (transfer none) */
HrPlotView *hr_sram_page_get_view (HrSramPage *self);
gboolean hr_sram_page_is_busy (HrSramPage *self);
/* The SNM shown (NAN before the first result). */
double hr_sram_page_get_snm (HrSramPage *self);
/* Read (word line on) or hold, as the switch does. */
void hr_sram_page_set_read (HrSramPage *self, gboolean read);

G_END_DECLS
