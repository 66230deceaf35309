/* matrix-page.h — the family compatibility matrix as an interactive heatmap.
 *
 * Every family of the library drives every family at one supply (or each at its own
 * nominal one); noise/ computes the matrix in an HrJob off the main thread, ui/charts
 * draws it as the CLI's `margins --matrix -o FILE.svg` does, and an HrPlotView shows it
 * with a readout naming the pair and its margins under the pointer, and exports it.
 */
#pragma once

#include <gtk/gtk.h>

#include "headroom-circuits.h"
#include "plot-view.h"

G_BEGIN_DECLS

#define HR_TYPE_MATRIX_PAGE (hr_matrix_page_get_type ())
G_DECLARE_FINAL_TYPE (HrMatrixPage, hr_matrix_page, HR, MATRIX_PAGE, GtkWidget)

/* Computes the matrix of LIB (again when the supply changes). */
void hr_matrix_page_set_library (HrMatrixPage *self, HrFamilyLibrary *lib);
/* (transfer none) */
HrPlotView *hr_matrix_page_get_view (HrMatrixPage *self);
gboolean hr_matrix_page_is_busy (HrMatrixPage *self);

G_END_DECLS
