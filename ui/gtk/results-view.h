/* results-view.h — the results table: one row per net, worst first.
 *
 * A GtkColumnView over the HrResultItem model of results-model.h (net, verdict, NMH, NML,
 * reasons). Selecting a row emits "net-selected" with the net's name, so the window can
 * select it on the canvas; hr_results_view_select_net() is the other direction.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HR_TYPE_RESULTS_VIEW (hr_results_view_get_type ())
G_DECLARE_FINAL_TYPE (HrResultsView, hr_results_view, HR, RESULTS_VIEW, GtkWidget)

/* MODEL: (nullable) items HrResultItem; SUMMARY: one line above the table. */
void hr_results_view_set_model (HrResultsView *self, GListModel *model, const char *summary);
/* (transfer none) (nullable) */
GListModel *hr_results_view_get_model (HrResultsView *self);
/* Selects the row of net NAME (no row: nothing selected), without emitting "net-selected". */
void hr_results_view_select_net (HrResultsView *self, const char *name);

/* The selected row's net, or NULL. */
const char *hr_results_view_get_selected_net (HrResultsView *self);

G_END_DECLS
