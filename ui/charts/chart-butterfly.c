/* chart-butterfly.c — an SRAM cell's butterfly with the largest square in each lobe. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"

/* The butterfly: half-cell A's curve and B's mirrored about y = x, each lobe's square. */
HrPlot *
hr_chart_butterfly (const HrSramSnm *r)
{
  const HrVtc *c = r->half_cell;
  const HrSnm *snm = r->snm;
  const HrSnmSquare *sq[2] = { &snm->upper_left, &snm->lower_right };
  double vdd = r->spec->vdd_v;
  g_autoptr(HrPlot) plot = hr_plot_new_xy ();
  g_autofree char *title = g_strdup_printf ("6T SRAM, %s, VDD %g V: SNM %.3f V (cell ratio %.2g)",
                                            r->spec->read ? "read" : "hold", vdd, snm->snm_v,
                                            r->cell_ratio);
  guint a, b;

  hr_plot_set_title (plot, title);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, "V(QB)", "V");
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "V(Q)", "V");
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_X, 0, vdd);
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_Y, 0, vdd);
  a = hr_plot_add_series (plot, "half-cell A: Q against QB", c->vin_v, c->vout_v, c->n);
  b = hr_plot_add_series (plot, "half-cell B, mirrored", c->vout_v, c->vin_v, c->n);
  hr_plot_series_set_color_index (plot, a, 0);
  hr_plot_series_set_color_index (plot, b, 1);
  for (guint i = 0; i < 2; i++)
    {
      HrPlotRgba color, fill;
      g_autofree char *label = g_strdup_printf ("%.3f V", sq[i]->side_v);
      if (!(sq[i]->side_v > 0))
        continue;
      /* The cell's SNM is the smaller square: it gets the margin colour. */
      hr_plot_palette_color (sq[i]->side_v == snm->snm_v ? 2 : 5, &color);
      fill = color;
      fill.alpha = 0.25;
      hr_plot_add_rect (plot, sq[i]->x_v, sq[i]->y_v, sq[i]->x_v + sq[i]->side_v,
                        sq[i]->y_v + sq[i]->side_v, label, &color, &fill);
    }
  hr_plot_set_legend (plot, HR_PLOT_LEGEND_TOP_RIGHT);
  return g_steal_pointer (&plot);
}
