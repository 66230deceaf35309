/* chart-matrix.c — the family compatibility matrix as a heatmap of worst margins. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"

static double
worst_margin (const HrMarginResult *r)
{
  return MIN (r->nmh_v, r->nml_v);
}

HrPlot *
hr_chart_matrix (const HrMatrixResult *m)
{
  guint n = m->families->len;
  g_autofree double *values = g_new (double, n * n);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = isnan (m->vcc_v)
      ? g_strdup ("Compatibility matrix (each family at its nominal supply)")
      : g_strdup_printf ("Compatibility matrix at VCC %g V", m->vcc_v);
  HrPlot *plot;

  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        const HrMarginResult *cell = hr_matrix_result_get (m, r, c);
        values[r * n + c] = cell ? worst_margin (cell) : NAN;
        /* A failing cell whose levels pass (fan-out, over-voltage) or cannot be read (the load
         * is beyond every tabulated point) must not read as good. */
        if (cell == NULL)
          g_ptr_array_add (texts, g_strdup (""));
        else if (cell->verdict == HR_VERDICT_FAIL && !(worst_margin (cell) < 0))
          g_ptr_array_add (texts, g_strdup ("x"));
        else
          g_ptr_array_add (texts, g_strdup_printf ("%.2f", worst_margin (cell)));
      }
  plot = hr_plot_new_heatmap (n, n, values);
  hr_plot_heatmap_set_labels (plot, (const char *const *) m->families->pdata, n,
                              (const char *const *) m->families->pdata, n);
  hr_plot_heatmap_set_cell_text (plot, (const char *const *) texts->pdata, n * n);
  hr_plot_set_title (plot, title);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, "receiver", NULL);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "driver", NULL);
  hr_plot_heatmap_set_colorbar (plot, TRUE,
                                "worst margin min(NMH, NML) (V); x: fails fan-out or over-voltage");
  return plot;
}
