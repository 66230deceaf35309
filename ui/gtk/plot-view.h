/* plot-view.h — an interactive plot: an HrPlot (ui/plot) drawn in a GTK widget.
 *
 * The renderer is the one the CLI writes files with (hr_plot_render() on the snapshot's
 * cairo context), so what is on screen is what is exported. On line plots: the wheel zooms
 * about the pointer, a drag pans, a Shift+drag (or a secondary-button drag) zooms to the
 * rubber band, a double click returns to the automatic ranges, and log axes can be switched
 * on. A categorical axis (hr_plot_set_axis_categories()) keeps its whole categories: zoom,
 * pan and the rubber band act on the other axis only. A readout under the pointer gives
 * the data coordinates, a categorical axis's category by name (or, through a readout
 * function, what the caller says about that point: a heatmap cell's pair and margins).
 * hr_plot_view_export() writes PNG, SVG or PDF at the view's size.
 */
#pragma once

#include <gtk/gtk.h>

#include "headroom-plot.h"

G_BEGIN_DECLS

#define HR_TYPE_PLOT_VIEW (hr_plot_view_get_type ())
G_DECLARE_FINAL_TYPE (HrPlotView, hr_plot_view, HR, PLOT_VIEW, GtkWidget)

/* Text for the point (X, Y) in data coordinates (a heatmap: column, row), or NULL for the
 * default "x = …, y = …". (transfer full) */
typedef char *(*HrPlotViewReadoutFunc) (double x, double y, gpointer user_data);

GtkWidget *hr_plot_view_new (void);
/* PLOT: (nullable) shown from now on; the view changes its axis ranges and scales. */
void hr_plot_view_set_plot (HrPlotView *self, HrPlot *plot);
/* (transfer none) (nullable) */
HrPlot *hr_plot_view_get_plot (HrPlotView *self);
void hr_plot_view_set_readout_func (HrPlotView *self, HrPlotViewReadoutFunc func,
                                    gpointer user_data, GDestroyNotify destroy);
void hr_plot_view_set_log (HrPlotView *self, HrPlotAxis axis, gboolean log);
/* Back to the automatic ranges. */
void hr_plot_view_reset_zoom (HrPlotView *self);
/* Zooms by FACTOR (< 1 zooms in) about the data point under (PX, PY), widget pixels. */
void hr_plot_view_zoom_at (HrPlotView *self, double px, double py, double factor);
/* What a pointer motion to (PX, PY), widget pixels, does: the readout follows it. */
void hr_plot_view_move_pointer (HrPlotView *self, double px, double py);
/* The readout's current text, NULL outside the plot area. (transfer none) */
const char *hr_plot_view_get_readout (HrPlotView *self);
/* Writes the plot to FILE, format from its extension (.png, .svg, .pdf), at the view's
 * size (at least 640 × 480). */
gboolean hr_plot_view_export (HrPlotView *self, GFile *file, GError **error);

G_END_DECLS
