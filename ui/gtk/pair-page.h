/* pair-page.h — two logic families side by side: the driver's guaranteed output levels
 * against the receiver's input thresholds as bars, with the library's verdict and reasons.
 * Opens on 74LS driving 74HC, the classic case of levels that do not meet. */
#pragma once

#include <gtk/gtk.h>

#include "headroom-circuits.h"
#include "plot-view.h"

G_BEGIN_DECLS

#define HR_TYPE_PAIR_PAGE (hr_pair_page_get_type ())
G_DECLARE_FINAL_TYPE (HrPairPage, hr_pair_page, HR, PAIR_PAGE, GtkWidget)

void hr_pair_page_set_library (HrPairPage *self, HrFamilyLibrary *lib);
/* Chooses the pair by family names; FALSE when either is not in the library. */
gboolean hr_pair_page_select (HrPairPage *self, const char *driver, const char *receiver);
/* (transfer none) */
HrPlotView *hr_pair_page_get_view (HrPairPage *self);
/* The reasons shown for the pair. (transfer none) */
const char *hr_pair_page_get_reasons (HrPairPage *self);

G_END_DECLS
