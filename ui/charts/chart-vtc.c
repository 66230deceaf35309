/* chart-vtc.c — a gate's transfer curve with its margins, and margins against a sweep. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"

/* The gate in a few words, for a plot's title. */
static const char *
gate_short (const HrGateSpec *s)
{
  switch (s->gate)
    {
    case HR_CMOS_INVERTER: return "CMOS inverter";
    case HR_CMOS_NAND2: return s->input == HR_GATE_INPUT_BOTH ? "NAND2 (inputs tied)" :
                               s->input == HR_GATE_INPUT_A ? "NAND2 (input A)" : "NAND2 (input B)";
    case HR_CMOS_NOR2: return s->input == HR_GATE_INPUT_BOTH ? "NOR2 (inputs tied)" :
                              s->input == HR_GATE_INPUT_A ? "NOR2 (input A)" : "NOR2 (input B)";
    case HR_CMOS_BUFFER: return "CMOS buffer";
    case HR_CMOS_SCHMITT: return "Schmitt trigger";
    default: return "gate";
    }
}


static void
add_curve (HrPlot *plot, const char *name, const HrVtc *vtc, guint color)
{
  guint s = hr_plot_add_series (plot, name, vtc->vin_v, vtc->vout_v, vtc->n);
  hr_plot_series_set_color_index (plot, s, color);
}

/* The mirror of the curve about Vout = Vin: the next gate of a chain, whose lobes with the
 * curve hold Hauser's rectangle and the square. */
static void
add_mirror (HrPlot *plot, const HrVtc *vtc)
{
  guint s = hr_plot_add_series (plot, "mirror (next gate)", vtc->vout_v, vtc->vin_v, vtc->n);
  hr_plot_series_set_color_index (plot, s, 0);
  hr_plot_series_set_line (plot, s, HR_PLOT_LINE_DASHED, 1.0);
}

/* NML and NMH as bars near the right edge, where the curve sits low and leaves room; in
 * two columns, since a Schmitt trigger's NML and NMH overlap in height. */
static void
add_margin_bars (HrPlot *plot, const HrGateVtc *r, double vol, double vil, double vih,
                 double voh)
{
  double vdd = r->spec->vdd_v;
  HrPlotRgba low, high;
  g_autofree char *l = g_strdup_printf ("NML %.3f V", r->nml_v);
  g_autofree char *h = g_strdup_printf ("NMH %.3f V", r->nmh_v);

  hr_plot_palette_color (2, &low);
  hr_plot_palette_color (3, &high);
  low.alpha = high.alpha = 0.6;
  if (isfinite (vol) && isfinite (vil) && vil > vol)
    {
      hr_plot_add_rect (plot, 0.84 * vdd, vol, 0.88 * vdd, vil, NULL, &low, &low);
      hr_plot_add_text (plot, 0.83 * vdd, (vol + vil) / 2, l, HR_PLOT_ANCHOR_RIGHT, &low);
    }
  if (isfinite (vih) && isfinite (voh) && voh > vih)
    {
      hr_plot_add_rect (plot, 0.93 * vdd, vih, 0.97 * vdd, voh, NULL, &high, &high);
      hr_plot_add_text (plot, 0.92 * vdd, (vih + voh) / 2, h, HR_PLOT_ANCHOR_RIGHT, &high);
    }
}

/* The unity-gain points: (VIL, VOH) and (VIH, VOL) on an inverter's curve, (VIL, VOL) and
 * (VIH, VOH) on a buffer's. */
static void
add_levels (HrPlot *plot, const HrVtcMargins *m, double vil, double voh, double vih,
            double vol, gboolean labels)
{
  HrPlotRgba grey = { 0.45, 0.45, 0.45, 1.0 };
  gboolean inv = m->inverting;

  hr_plot_add_line (plot, HR_PLOT_AXIS_X, vil, "VIL", &grey);
  hr_plot_add_line (plot, HR_PLOT_AXIS_X, vih, "VIH", &grey);
  hr_plot_add_line (plot, HR_PLOT_AXIS_Y, vol, "VOL", &grey);
  hr_plot_add_line (plot, HR_PLOT_AXIS_Y, voh, "VOH", &grey);
  hr_plot_add_marker (plot, vil, inv ? voh : vol,
                      labels ? (inv ? "(VIL, VOH)" : "(VIL, VOL)") : NULL, NULL);
  hr_plot_add_marker (plot, vih, inv ? vol : voh,
                      labels ? (inv ? "(VIH, VOL)" : "(VIH, VOH)") : NULL, NULL);
}

static void
add_lobe_shapes (HrPlot *plot, const HrVtcMargins *m)
{
  HrPlotRgba hauser, square;

  hr_plot_palette_color (4, &hauser);
  hr_plot_palette_color (5, &square);
  if (isfinite (m->hauser_nml_v) && m->hauser_nml_v > 0)
    {
      g_autofree char *label = g_strdup_printf ("Hauser %.3f x %.3f V", m->hauser_nml_v,
                                                m->hauser_nmh_v);
      hr_plot_add_rect (plot, m->hauser_vol_v, m->hauser_vih_v, m->hauser_vil_v,
                        m->hauser_voh_v, NULL, &hauser, NULL);
      hr_plot_add_text (plot, m->hauser_vol_v, m->hauser_voh_v, label,
                        HR_PLOT_ANCHOR_BOTTOM_LEFT, &hauser);
    }
  if (isfinite (m->square_side_v) && m->square_side_v > 0)
    {
      g_autofree char *label = g_strdup_printf ("square %.3f V", m->square_side_v);
      hr_plot_add_rect (plot, m->square_vol_v, m->square_vih_v,
                        m->square_vol_v + m->square_side_v, m->square_vih_v + m->square_side_v,
                        label, &square, NULL);
    }
}

HrPlot *
hr_chart_gate_vtc (const HrGateVtc *r)
{
  return hr_chart_gate_vtc_criteria (r, TRUE);
}

HrPlot *
hr_chart_gate_vtc_criteria (const HrGateVtc *r, gboolean nested)
{
  const HrVtcMargins *m = r->margins, *f = r->margins_falling;
  double vdd = r->spec->vdd_v, diag[2] = { 0, vdd };
  g_autoptr(HrPlot) plot = hr_plot_new_xy ();
  g_autofree char *title = g_strdup_printf ("%s, VDD %g V: NML %.3f V, NMH %.3f V",
                                            gate_short (r->spec), vdd, r->nml_v, r->nmh_v);
  guint s;

  hr_plot_set_title (plot, title);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, "Vin", "V");
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "Vout", "V");
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_X, 0, vdd);
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_Y, 0, vdd);
  s = hr_plot_add_series (plot, "Vout = Vin", diag, diag, 2);
  hr_plot_series_set_color_index (plot, s, 7);
  hr_plot_series_set_line (plot, s, HR_PLOT_LINE_DOTTED, 1.0);
  add_curve (plot, f ? "Vout, input rising" : "Vout", r->vtc, 0);
  if (f != NULL)
    {
      add_curve (plot, "Vout, input falling", r->vtc_falling, 1);
      /* VIL sits next to VT+ and VIH next to VT-: the lines' labels say enough. */
      add_levels (plot, m, m->vil_v, f->voh_v, f->vih_v, m->vol_v, FALSE);
      hr_plot_add_marker (plot, r->vt_plus_v, r->vt_plus_v, "VT+", NULL);
      hr_plot_add_marker (plot, r->vt_minus_v, r->vt_minus_v, "VT-", NULL);
      add_margin_bars (plot, r, m->vol_v, m->vil_v, f->vih_v, f->voh_v);
      return g_steal_pointer (&plot);
    }
  if (m->inverting)
    {
      add_mirror (plot, r->vtc);
      if (nested)
        add_lobe_shapes (plot, m);
    }
  add_levels (plot, m, m->vil_v, m->voh_v, m->vih_v, m->vol_v, TRUE);
  hr_plot_add_marker (plot, m->vm_v, m->vm_v, "VM", NULL);
  add_margin_bars (plot, r, m->vol_v, m->vil_v, m->vih_v, m->voh_v);
  return g_steal_pointer (&plot);
}

/* Margins against the swept parameter: unity gain solid, Hauser dashed, square dotted. */
HrPlot *
hr_chart_margin_sweep (const HrMarginSweep *sw)
{
  guint n = sw->points->len;
  g_autofree double *x = g_new (double, n), *y = g_new (double, n * 5);
  g_autoptr(HrPlot) plot = hr_plot_new_xy ();
  const char *param = hr_sweep_param_to_string (sw->param);
  const char *names[] = { "NML (unity gain)", "NMH (unity gain)", "NML (Hauser)",
                          "NMH (Hauser)", "largest square" };
  const HrPlotLineStyle style[] = { HR_PLOT_LINE_SOLID, HR_PLOT_LINE_SOLID, HR_PLOT_LINE_DASHED,
                                    HR_PLOT_LINE_DASHED, HR_PLOT_LINE_DOTTED };
  const guint color[] = { 2, 3, 2, 3, 5 };
  g_autofree char *title = g_strdup_printf ("%s: noise margins against %s",
                                            gate_short (sw->base), param);

  for (guint i = 0; i < n; i++)
    {
      const HrSweepPoint *pt = &g_array_index (sw->points, HrSweepPoint, i);
      const HrGateVtc *r = pt->result;
      const HrVtcMargins *m = r ? r->margins : NULL;
      x[i] = pt->value;
      y[i] = r ? r->nml_v : NAN;
      y[n + i] = r ? r->nmh_v : NAN;
      y[2 * n + i] = m && !r->margins_falling ? m->hauser_nml_v : NAN;
      y[3 * n + i] = m && !r->margins_falling ? m->hauser_nmh_v : NAN;
      y[4 * n + i] = m && !r->margins_falling ? m->square_side_v : NAN;
    }
  hr_plot_set_title (plot, title);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, param,
                          hr_units_symbol (hr_sweep_param_unit (sw->param)));
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "margin", "V");
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      guint s = hr_plot_add_series (plot, names[k], x, y + k * n, n);
      hr_plot_series_set_color_index (plot, s, color[k]);
      hr_plot_series_set_line (plot, s, style[k], 2.0);
      hr_plot_series_set_points (plot, s, n <= 40);
    }
  hr_plot_add_line (plot, HR_PLOT_AXIS_Y, 0.0, NULL, NULL);
  return g_steal_pointer (&plot);
}

