/* chart-pair.c — a driver's guaranteed output levels beside a receiver's input thresholds. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"

/* Columns on a unitless x axis: the driver at 0.5…1.5, the margins at 1.8…2.2, the
 * receiver at 2.5…3.5. */
#define DRV_X0 0.5
#define DRV_X1 1.5
#define RCV_X0 2.5
#define RCV_X1 3.5

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
  hr_plot_add_rect (plot, 1.85, MIN (from, to), 2.15, MAX (from, to), NULL, &color, &color);
  hr_plot_add_text (plot, 2.0, MAX (from, to), label, HR_PLOT_ANCHOR_BOTTOM, &color);
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

  hr_plot_set_title (plot, title);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "voltage", "V");
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_X, 0, 4);
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_Y, 0, top);
  hr_plot_set_grid (plot, FALSE);
  band (plot, DRV_X0, DRV_X1, 0, r->vol_v, "low ≤ VOL", 0, 0.35);
  band (plot, DRV_X0, DRV_X1, r->voh_v, d->vcc_v, "high ≥ VOH", 0, 0.35);
  band (plot, RCV_X0, RCV_X1, 0, r->vil_v, "read low ≤ VIL", 5, 0.35);
  band (plot, RCV_X0, RCV_X1, r->vil_v, r->vih_v, "undefined", 7, 0.08);
  band (plot, RCV_X0, RCV_X1, r->vih_v, rx->vcc_v, "read high ≥ VIH", 5, 0.35);
  margin_bar (plot, r->vih_v, r->voh_v, r->nmh_v, "NMH");
  margin_bar (plot, r->vol_v, r->vil_v, r->nml_v, "NML");
  hr_plot_add_text (plot, (DRV_X0 + DRV_X1) / 2, top, dname, HR_PLOT_ANCHOR_TOP, NULL);
  hr_plot_add_text (plot, (RCV_X0 + RCV_X1) / 2, top, rname, HR_PLOT_ANCHOR_TOP, NULL);
  hr_plot_set_legend (plot, HR_PLOT_LEGEND_NONE);
  return g_steal_pointer (&plot);
}
