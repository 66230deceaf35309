/* chart-pair.c — a driver's guaranteed output levels beside a receiver's input thresholds. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"

/* Three columns on a categorical x axis, named under it: the driver's outputs (category 0),
 * the margins between them (1) and the receiver's inputs (2). Levels are wide bars, margins
 * narrow ones. */
#define DRV_X 0.0
#define MARGIN_X 1.0
#define RCV_X 2.0
#define LEVEL_HALF 0.35
#define MARGIN_HALF 0.15

static void
band (HrPlot *plot, double x0, double x1, double y0, double y1, const char *label,
      guint palette, double alpha)
{
  HrPlotRgba stroke, fill;

  hr_plot_palette_color (palette, &stroke);
  fill = stroke;
  fill.alpha = alpha;
  if (isfinite (y0) && isfinite (y1) && y1 > y0)
    hr_plot_add_rect (plot, x0, y0, x1, y1, label, &stroke, &fill);
}

/* A margin as a bar from FROM to TO: green (palette 2) when TO is above FROM as it should
 * be, vermillion (1) when the levels overlap the wrong way. */
static void
margin_bar (HrPlot *plot, double from, double to, double margin, const char *name)
{
  g_autofree char *label = g_strdup_printf ("%s %.2f V", name, margin);
  HrPlotRgba color;

  hr_plot_palette_color (margin >= 0 ? 2 : 1, &color);
  if (!isfinite (from) || !isfinite (to))
    return;
  hr_plot_add_rect (plot, MARGIN_X - MARGIN_HALF, MIN (from, to), MARGIN_X + MARGIN_HALF,
                    MAX (from, to), NULL, &color, &color);
  hr_plot_add_text (plot, MARGIN_X, MAX (from, to), label, HR_PLOT_ANCHOR_BOTTOM, &color);
}

HrPlot *
hr_chart_pair_levels (const HrMarginResult *r)
{
  const HrLevels *d = r->driver, *rx = r->receiver;
  double top = MAX (d->vcc_v, rx->vcc_v) * 1.12;
  g_autoptr(HrPlot) plot = hr_plot_new_xy ();
  g_autofree char *title = g_strdup_printf ("%s at %g V driving %s at %g V: NMH %.2f V, "
                                            "NML %.2f V", d->family, d->vcc_v, rx->family,
                                            rx->vcc_v, r->nmh_v, r->nml_v);
  g_autofree char *dname = g_strdup_printf ("%s outputs", d->family);
  g_autofree char *rname = g_strdup_printf ("%s inputs", rx->family);
  const char *columns[] = { dname, "noise margins", rname };

  hr_plot_set_title (plot, title);
  hr_plot_set_axis_categories (plot, HR_PLOT_AXIS_X, columns, G_N_ELEMENTS (columns));
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "voltage", "V");
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_Y, 0, top);
  hr_plot_set_grid (plot, FALSE);
  band (plot, DRV_X - LEVEL_HALF, DRV_X + LEVEL_HALF, 0, r->vol_v, "low ≤ VOL", 0, 0.35);
  band (plot, DRV_X - LEVEL_HALF, DRV_X + LEVEL_HALF, r->voh_v, d->vcc_v, "high ≥ VOH", 0,
        0.35);
  band (plot, RCV_X - LEVEL_HALF, RCV_X + LEVEL_HALF, 0, r->vil_v, "read low ≤ VIL", 5, 0.35);
  band (plot, RCV_X - LEVEL_HALF, RCV_X + LEVEL_HALF, r->vil_v, r->vih_v, "undefined", 7,
        0.08);
  band (plot, RCV_X - LEVEL_HALF, RCV_X + LEVEL_HALF, r->vih_v, rx->vcc_v, "read high ≥ VIH",
        5, 0.35);
  margin_bar (plot, r->vih_v, r->voh_v, r->nmh_v, "NMH");
  margin_bar (plot, r->vol_v, r->vil_v, r->nml_v, "NML");
  hr_plot_set_legend (plot, HR_PLOT_LEGEND_NONE);
  return g_steal_pointer (&plot);
}
