/* test-plot.c — ui/plot: ticks, ranges, layout, drawing commands, files.
 *
 * Golden files (tests/golden/plot/, one .txt a plot) hold the display list of a plot drawn
 * with fixed text metrics, so they do not change with the installed fonts. Numbers in them
 * are compared to ±0.1 device units. After a deliberate change of the drawing, regenerate with
 *   HR_UPDATE_GOLDEN=1 G_TEST_SRCDIR=$PWD/tests build/tests/test-plot
 * and read the diff before committing it.
 */
#include "hr-config.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "headroom-plot.h"
#include "plot-private.h"

/* ---- Sample plots ---------------------------------------------------------------------- */

static double
inverter (double vin)
{
  return 5.0 / (1 + exp ((vin - 2.4) * 5));
}

/* A transfer curve and its mirror (butterfly), markers, bands, lines, a square, a note. */
static HrPlot *
sample_line_plot (void)
{
  enum { N = 11 };
  double vin[N], vout[N];
  HrPlot *plot = hr_plot_new_xy ();
  HrPlotRgba green, red;

  for (int i = 0; i < N; i++)
    {
      vin[i] = 0.5 * i;
      vout[i] = inverter (vin[i]);
    }
  hr_plot_palette_color (2, &green);
  hr_plot_palette_color (1, &red);
  hr_plot_set_title (plot, "74HC inverter at 5 V");
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, "Vin", "V");
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "Vout", "V");
  hr_plot_add_series (plot, "Vout(Vin)", vin, vout, N);
  hr_plot_add_series (plot, "mirrored", vout, vin, N);
  hr_plot_series_set_line (plot, 1, HR_PLOT_LINE_DASHED, 0);
  hr_plot_series_set_points (plot, 0, TRUE);
  hr_plot_add_band (plot, HR_PLOT_AXIS_X, -INFINITY, 1.9, "low", &green);
  hr_plot_add_band (plot, HR_PLOT_AXIS_Y, 4.4, 5, "NMH", &red);
  hr_plot_add_line (plot, HR_PLOT_AXIS_X, 2.4, "VM", NULL);
  hr_plot_add_line (plot, HR_PLOT_AXIS_Y, 0.5, "VOL", NULL);
  hr_plot_add_marker (plot, 1.9, inverter (1.9), "VIL", NULL);
  hr_plot_add_marker (plot, 2.9, inverter (2.9), "VIH", NULL);
  hr_plot_add_rect (plot, 0.4, 2.9, 1.9, 4.4, "square", &red, NULL);
  hr_plot_add_text (plot, 4.9, 4.0, "25 °C", HR_PLOT_ANCHOR_TOP_RIGHT, NULL);
  return plot;
}

/* An AC response on a log frequency axis. */
static HrPlot *
sample_log_plot (void)
{
  enum { N = 13 };
  double f[N], h[N];
  HrPlot *plot = hr_plot_new_xy ();

  for (int i = 0; i < N; i++)
    {
      f[i] = pow (10, 2 + 0.25 * i);
      h[i] = 1 / sqrt (1 + pow (f[i] / 1e4, 2));
    }
  hr_plot_set_title (plot, "RC low-pass");
  hr_plot_set_axis_scale (plot, HR_PLOT_AXIS_X, HR_PLOT_SCALE_LOG);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, "f", "Hz");
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "|H|", NULL);
  hr_plot_add_series (plot, "|H(f)|", f, h, N);
  hr_plot_add_line (plot, HR_PLOT_AXIS_X, 1e4, "corner", NULL);
  hr_plot_set_legend (plot, HR_PLOT_LEGEND_BOTTOM_LEFT);
  return plot;
}

/* A family's levels as columns on a categorical axis: bars from 0 to each level, the
 * undefined input band between VIL and VIH, a note over one column. */
static HrPlot *
sample_categorical (void)
{
  static const char *const levels[] = { "VOL", "VIL", "VIH", "VOH" };
  const double volts[] = { 0.1, 1.5, 3.5, 4.9 };
  HrPlot *plot = hr_plot_new_xy ();
  HrPlotRgba fill;

  hr_plot_set_title (plot, "74HC at 5 V");
  hr_plot_set_axis_categories (plot, HR_PLOT_AXIS_X, levels, G_N_ELEMENTS (levels));
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, "level", NULL);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "voltage", "V");
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_Y, 0, 5.5);
  for (guint i = 0; i < G_N_ELEMENTS (volts); i++)
    {
      hr_plot_palette_color (i < 2 ? 0 : 5, &fill);
      fill.alpha = 0.35;
      hr_plot_add_rect (plot, i - 0.35, 0, i + 0.35, volts[i], NULL, NULL, &fill);
    }
  hr_plot_add_band (plot, HR_PLOT_AXIS_Y, 1.5, 3.5, "not guaranteed", NULL);
  hr_plot_add_text (plot, 3, 4.9, "4.9 V", HR_PLOT_ANCHOR_BOTTOM, NULL);
  hr_plot_set_legend (plot, HR_PLOT_LEGEND_NONE);
  return plot;
}

static const char *const families[] = { "74HC", "74HCT", "74LS", "74LVC" };

static HrPlot *
sample_heatmap (void)
{
  /* Worst margins of driver rows into receiver columns; one cell without data. */
  const double values[16] = {
    1.25, 1.25, 0.70, 0.05,
    -0.80, 1.40, 0.70, 0.45,
    -1.10, 0.08, 0.30, 0.40,
    -0.30, NAN, 0.30, 0.40,
  };
  const char *text[16] = { NULL };
  HrPlot *plot = hr_plot_new_heatmap (4, 4, values);

  for (int i = 0; i < 16; i++)
    if (values[i] < 0)
      text[i] = "\u2717";
  hr_plot_set_title (plot, "Worst noise margin at 5 V");
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, "Receiver", NULL);
  hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "Driver", NULL);
  hr_plot_heatmap_set_labels (plot, families, 4, families, 4);
  hr_plot_heatmap_set_cell_text (plot, text, 16);
  hr_plot_heatmap_set_colorbar (plot, TRUE, "worst margin (V)");
  return plot;
}

static char *
dump (HrPlot *plot, double width, double height)
{
  g_autoptr(PlotDisplayList) list = plot_build_display_list (plot, width, height,
                                                             PLOT_METRICS_FIXED);
  return plot_display_list_dump (list);
}

/* ---- Golden files ---------------------------------------------------------------------- */

/* Splits LINE into tokens at spaces outside double quotes. */
static GPtrArray *
tokens (const char *line)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GString *token = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (*p == '\0' || (*p == ' ' && !quoted))
        {
          if (token->len > 0)
            g_ptr_array_add (out, g_strdup (token->str));
          g_string_truncate (token, 0);
          if (*p == '\0')
            break;
          continue;
        }
      if (*p == '"' && (p == line || p[-1] != '\\'))
        quoted = !quoted;
      g_string_append_c (token, *p);
    }
  g_string_free (token, TRUE);
  return out;
}

/* Equal but for numbers within 0.1 (the dump's rounding). */
static gboolean
lines_match (const char *expected, const char *actual)
{
  g_autoptr(GPtrArray) e = tokens (expected);
  g_autoptr(GPtrArray) a = tokens (actual);

  if (e->len != a->len)
    return FALSE;
  for (guint i = 0; i < e->len; i++)
    {
      const char *te = e->pdata[i], *ta = a->pdata[i];
      char *end_e, *end_a;
      double ve, va;

      if (g_strcmp0 (te, ta) == 0)
        continue;
      ve = g_ascii_strtod (te, &end_e);
      va = g_ascii_strtod (ta, &end_a);
      if (*end_e != '\0' || *end_a != '\0' || end_e == te || end_a == ta
          || fabs (ve - va) > 0.1 + 1e-9)
        return FALSE;
    }
  return TRUE;
}

/* Leaves the drawing that failed beside the test binary, for diff(1). */
static void
keep_actual (const char *name, const char *actual)
{
  g_autofree char *file = g_strconcat ("plot-", name, ".actual", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);

  if (g_file_set_contents (path, actual, -1, NULL))
    g_test_message ("drawn: %s", path);
}

static void
check_golden (const char *name, const char *actual)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", "plot", name, NULL);
  g_autofree char *expected = NULL;
  g_auto(GStrv) e = NULL;
  g_auto(GStrv) a = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  if (g_getenv ("HR_UPDATE_GOLDEN") != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_file_set_contents (path, actual, -1, &error);
      g_assert_no_error (error);
      g_test_message ("updated %s", path);
      return;
    }
  if (!g_file_get_contents (path, &expected, NULL, &error))
    {
      g_test_message ("%s; regenerate with HR_UPDATE_GOLDEN=1", error->message);
      g_test_fail ();
      return;
    }
  e = g_strsplit (expected, "\n", -1);
  a = g_strsplit (actual, "\n", -1);
  for (i = 0; e[i] != NULL && a[i] != NULL; i++)
    if (!lines_match (e[i], a[i]))
      {
        g_test_message ("%s:%u differs\n  expected: %s\n  actual:   %s", path, i + 1, e[i],
                        a[i]);
        break;
      }
  if (e[i] == NULL && a[i] == NULL)
    return;
  if (e[i] == NULL || a[i] == NULL)
    g_test_message ("%s: %u lines expected, %u drawn", path, g_strv_length (e),
                    g_strv_length (a));
  keep_actual (name, actual);
  g_test_fail ();
}

static void
test_golden_line (void)
{
  g_autoptr(HrPlot) plot = sample_line_plot ();
  g_autofree char *text = dump (plot, 640, 420);

  check_golden ("line.txt", text);
}

static void
test_golden_log (void)
{
  g_autoptr(HrPlot) plot = sample_log_plot ();
  g_autofree char *text = dump (plot, 560, 360);

  check_golden ("log.txt", text);
}

static void
test_golden_heatmap (void)
{
  g_autoptr(HrPlot) plot = sample_heatmap ();
  g_autofree char *text = dump (plot, 520, 440);

  check_golden ("heatmap.txt", text);
}

static void
test_golden_categorical (void)
{
  g_autoptr(HrPlot) plot = sample_categorical ();
  g_autofree char *text = dump (plot, 560, 380);

  check_golden ("categorical.txt", text);
}

/* ---- Ticks ----------------------------------------------------------------------------- */

/* The labels of the labelled ticks, joined by spaces. */
static char *
tick_labels (double lo, double hi, HrPlotScale scale, guint target)
{
  g_autoptr(GArray) ticks = plot_ticks_new (lo, hi, scale, target);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (ticks, PlotTick, i);
      if (t->label == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, t->label);
    }
  return g_string_free (out, FALSE);
}

static void
test_ticks_nice_step (void)
{
  static const struct { double lo, hi; guint target; double step; } cases[] = {
    { 0, 1, 5, 0.2 }, { 0, 1.5, 3, 0.5 }, { 0, 5, 5, 1 }, { 0, 10, 5, 2 },
    { 0, 4e-9, 2, 2e-9 }, { -1, 1, 4, 0.5 }, { 0, 100, 4, 20 }, { 0, 6, 1, 5 }, { 0, 7, 1, 10 },
    { 1e-15, 3e-15, 4, 5e-16 }, { 0, 3e20, 3, 1e20 }, { -1e308, 1e308, 4, 5e307 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double step = plot_nice_step (cases[i].lo, cases[i].hi, cases[i].target);
      if (fabs (step / cases[i].step - 1) > 1e-9)
        g_test_message ("%g…%g in %u: step %g", cases[i].lo, cases[i].hi, cases[i].target,
                        step);
      g_assert_cmpfloat_with_epsilon (step / cases[i].step, 1.0, 1e-9);
    }
  g_assert_true (isnan (plot_nice_step (1, 1, 5)));
  g_assert_true (isnan (plot_nice_step (2, 1, 5)));
  g_assert_true (isnan (plot_nice_step (NAN, 1, 5)));
  g_assert_true (isnan (plot_nice_step (0, INFINITY, 5)));
}

static void
test_ticks_format (void)
{
  static const struct { double value, resolution; const char *text; } cases[] = {
    { 0, 0.5, "0" }, { 0.5, 0.5, "500m" }, { 1, 0.5, "1" }, { 1.5, 0.5, "1.5" },
    { 2e-9, 2e-9, "2n" }, { 4e-9, 2e-9, "4n" }, { 1e3, 1e3, "1k" }, { 1e4, 1e4, "10k" },
    { 1e5, 1e5, "100k" }, { 1e6, 1e6, "1M" }, { 2.5e-6, 5e-7, "2.5\u00b5" },
    { -0.5, 0.5, "\u2212500m" }, { -1.25, 0.25, "\u22121.25" },
    { 0.30000000000000004, 0.1, "300m" }, { 999.9999999, 1, "1k" },
    { 1e-13, 1e-14, "100f" }, { 1.2e21, 1e20, "1.2Z" }, { 3e30, 1e30, "3e30" },
    { 2e-27, 1e-27, "2e\u221227" }, { 1e-300, 0.5, "0" }, { 12.5, 2.5, "12.5" },
    { 0.1 + 0.2, 0.1, "300m" }, { 1000, 500, "1k" }, { 1500, 500, "1.5k" },
    { 7, 0, "7" }, { INFINITY, 1, "\u221e" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = plot_format_eng (cases[i].value, cases[i].resolution);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_ticks_format_fixed (void)
{
  static const struct { double value; int decimals; const char *text; } cases[] = {
    { 0.7, 2, "0.70" }, { -0.8, 2, "\u22120.80" }, { -0.001, 2, "0.00" },
    { NAN, 2, "\u2013" }, { 1.005, 1, "1.0" }, { 12, 0, "12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = plot_format_fixed (cases[i].value, cases[i].decimals);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_ticks_examples (void)
{
  static const struct {
    double lo, hi;
    HrPlotScale scale;
    guint target;
    const char *labels;
  } cases[] = {
    { 0, 1.5, HR_PLOT_SCALE_LINEAR, 3, "0 500m 1 1.5" },
    { 0, 4e-9, HR_PLOT_SCALE_LINEAR, 2, "0 2n 4n" },
    { 0, 20e-6, HR_PLOT_SCALE_LINEAR, 4, "0 5\u00b5 10\u00b5 15\u00b5 20\u00b5" },
    { -1, 1, HR_PLOT_SCALE_LINEAR, 4, "\u22121 \u2212500m 0 500m 1" },
    { -5e-3, 0, HR_PLOT_SCALE_LINEAR, 5, "\u22125m \u22124m \u22123m \u22122m \u22121m 0" },
    { 0.9, 1.1, HR_PLOT_SCALE_LINEAR, 4, "900m 950m 1 1.05 1.1" },
    { 1e3, 1e5, HR_PLOT_SCALE_LOG, 6, "1k 2k 5k 10k 20k 50k 100k" },
    { 1e3, 1e5, HR_PLOT_SCALE_LOG, 5, "1k 10k 100k" },
    { 1e3, 1e5, HR_PLOT_SCALE_LOG, 2, "1k 10k 100k" },
    { 10, 1e7, HR_PLOT_SCALE_LOG, 6, "10 100 1k 10k 100k 1M 10M" },
    { 1e-12, 1e12, HR_PLOT_SCALE_LOG, 4, "1p 1\u00b5 1 1M 1T" },
    { 2, 8, HR_PLOT_SCALE_LOG, 3, "2 4 6 8" },
    { 3, 3, HR_PLOT_SCALE_LINEAR, 5, "3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *labels = tick_labels (cases[i].lo, cases[i].hi, cases[i].scale,
                                             cases[i].target);
      g_assert_cmpstr (labels, ==, cases[i].labels);
    }
}

/* Properties every tick set must have, over ranges of every size and sign. */
static void
check_ticks (double lo, double hi, HrPlotScale scale, guint target)
{
  g_autoptr(GArray) ticks = plot_ticks_new (lo, hi, scale, target);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double step = NAN, last = -INFINITY;
  guint labelled = 0;

  g_assert_cmpuint (ticks->len, <=, 200);
  for (guint i = 0; i < ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (ticks, PlotTick, i);
      double span = hi - lo;

      g_assert_true (isfinite (t->value));
      g_assert_cmpfloat (t->value, >, last);
      g_assert_cmpfloat (t->value, >=, lo - 1e-9 * fabs (span) - 1e-300);
      g_assert_cmpfloat (t->value, <=, hi + 1e-9 * fabs (span) + 1e-300);
      if (t->label == NULL)
        continue;
      /* Labels are distinct: the precision follows the step. */
      if (g_hash_table_contains (seen, t->label))
        g_test_message ("%.17g…%.17g (%u): label %s twice", lo, hi, target, t->label);
      g_assert_false (g_hash_table_contains (seen, t->label));
      g_hash_table_add (seen, t->label);
      labelled++;
      if (scale == HR_PLOT_SCALE_LINEAR && i > 0)
        {
          double d = t->value - last;
          if (!isnan (step))
            g_assert_cmpfloat (fabs (d - step), <=,
                               1e-6 * step + 4 * DBL_EPSILON * fabs (t->value));
          step = d;
        }
      last = t->value;
    }
  if (labelled < 2)
    g_test_message ("%.17g…%.17g (%u, %s): %u labels", lo, hi, target,
                    scale == HR_PLOT_SCALE_LOG ? "log" : "linear", labelled);
  g_assert_cmpuint (labelled, >=, 2);
  g_assert_cmpuint (labelled, <=, 3 * target + 2);
}

static void
test_ticks_many_ranges (void)
{
  static const double centres[] = { 0, 1, -1, 3.3, 1e-12, -2e-9, 5e6, 1e15, -7e20, 1e-30 };
  static const double widths[] = { 1e-15, 1e-9, 1e-3, 0.37, 1, 5, 13, 1e3, 1e9, 1e21 };

  for (guint c = 0; c < G_N_ELEMENTS (centres); c++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      for (guint target = 2; target <= 10; target += 4)
        {
          double lo = centres[c] - widths[w] / 3, hi = centres[c] + widths[w];
          /* Only ranges doubles can tell apart from a point. */
          if (hi - lo <= 1e-9 * MAX (fabs (lo), fabs (hi)))
            continue;
          check_ticks (lo, hi, HR_PLOT_SCALE_LINEAR, target);
        }
  for (int i = 0; i < 200; i++)
    {
      double lo = g_test_rand_double_range (-1e3, 1e3) * pow (10, g_test_rand_int_range (-20, 20));
      double hi = lo + fabs (lo) * g_test_rand_double_range (1e-6, 10) + 1e-30;
      check_ticks (lo, hi, HR_PLOT_SCALE_LINEAR, g_test_rand_int_range (2, 11));
    }
  for (int e0 = -15; e0 <= 12; e0 += 3)
    for (int span = 1; span <= 20; span += 3)
      check_ticks (pow (10, e0) * 1.5, pow (10, e0 + span) * 0.7, HR_PLOT_SCALE_LOG, 5);
}

static void
test_ticks_degenerate (void)
{
  g_autoptr(GArray) none = plot_ticks_new (NAN, 1, HR_PLOT_SCALE_LINEAR, 5);
  g_autoptr(GArray) inf = plot_ticks_new (0, INFINITY, HR_PLOT_SCALE_LINEAR, 5);
  g_autoptr(GArray) neg_log = plot_ticks_new (-1, 10, HR_PLOT_SCALE_LOG, 5);
  g_autoptr(GArray) point = plot_ticks_new (2, 2, HR_PLOT_SCALE_LINEAR, 5);
  g_autoptr(GArray) reversed = plot_ticks_new (1, 0, HR_PLOT_SCALE_LINEAR, 5);
  g_autoptr(GArray) huge = plot_ticks_new (-1.7e308, 1.7e308, HR_PLOT_SCALE_LINEAR, 5);
  g_autoptr(GArray) all_doubles = plot_ticks_new (1e-300, 1e300, HR_PLOT_SCALE_LOG, 5);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (inf->len, ==, 0);
  g_assert_cmpuint (neg_log->len, ==, 0);
  g_assert_cmpuint (point->len, ==, 1);
  g_assert_cmpuint (reversed->len, ==, 6);
  g_assert_cmpuint (huge->len, >=, 3);
  g_assert_cmpuint (all_doubles->len, >=, 3);
  g_assert_cmpuint (all_doubles->len, <=, 1300);
}

static void
check_range (double lo, double hi, HrPlotScale scale, gboolean lo_auto, gboolean hi_auto,
             double want_lo, double want_hi)
{
  plot_range_widen (&lo, &hi, scale, lo_auto, hi_auto);
  g_assert_cmpfloat_with_epsilon (lo, want_lo, 1e-12 * MAX (1.0, fabs (want_lo)));
  g_assert_cmpfloat_with_epsilon (hi, want_hi, 1e-12 * MAX (1.0, fabs (want_hi)));
}

static void
test_range_widen (void)
{
  const HrPlotScale lin = HR_PLOT_SCALE_LINEAR, log = HR_PLOT_SCALE_LOG;

  check_range (0.02, 4.97, lin, TRUE, TRUE, 0, 5);
  check_range (0, 5, lin, TRUE, TRUE, 0, 5);
  check_range (5.0000000001, 0, lin, TRUE, TRUE, 0, 5);
  check_range (-0.15, 3.33, lin, TRUE, TRUE, -0.5, 3.5);
  check_range (0.02, 4.97, lin, FALSE, FALSE, 0.02, 4.97);
  check_range (0.02, 4.97, lin, FALSE, TRUE, 0.02, 5);
  check_range (2, 2, lin, TRUE, TRUE, 1.8, 2.2);
  check_range (0, 0, lin, TRUE, TRUE, -1, 1);
  check_range (2, 2, lin, FALSE, FALSE, 1.8, 2.2);
  check_range (NAN, NAN, lin, TRUE, TRUE, 0, 1);
  check_range (NAN, NAN, log, TRUE, TRUE, 1, 10);
  check_range (15, 3e4, log, TRUE, TRUE, 10, 1e5);
  check_range (100, 100, log, TRUE, TRUE, 10, 1000);
  check_range (-5, 100, log, TRUE, TRUE, 10, 100);
}

/* ---- Plots from bad data --------------------------------------------------------------- */

static guint
count_lines (const char *text, const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

/* Draws PLOT every way there is; nothing may crash or leave cairo in an error. */
static void
draw_everywhere (HrPlot *plot)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 200);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *text = dump (plot, 300, 200);
  g_autofree char *tiny = dump (plot, 3, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = hr_plot_render_to_bytes (plot, HR_PLOT_FORMAT_SVG, 300, 200, &error);

  g_assert_no_error (error);
  g_assert_nonnull (svg);
  g_assert_true (g_str_has_prefix (text, "size 300.0 200.0\n"));
  g_assert_true (g_str_has_prefix (tiny, "size 3.0 2.0\n"));
  hr_plot_render (plot, cr, 300, 200);
  hr_plot_render (plot, cr, 0, 0);
  hr_plot_render (plot, cr, NAN, INFINITY);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_empty (void)
{
  const double nan2[2] = { NAN, NAN };
  const double x[3] = { 0, 1, 2 };
  g_autoptr(HrPlot) empty = hr_plot_new_xy ();
  g_autoptr(HrPlot) nan_series = hr_plot_new_xy ();
  g_autoptr(HrPlot) no_points = hr_plot_new_xy ();
  g_autoptr(HrPlot) empty_map = hr_plot_new_heatmap (0, 0, NULL);
  g_autoptr(HrPlot) nan_map = hr_plot_new_heatmap (2, 3, NULL);
  g_autofree char *text = NULL;
  double lo, hi;

  hr_plot_add_series (nan_series, "nothing", nan2, nan2, 2);
  hr_plot_add_series (nan_series, "half", x, nan2, 2);
  hr_plot_add_series (no_points, "none", NULL, NULL, 0);
  hr_plot_set_axis_scale (no_points, HR_PLOT_AXIS_Y, HR_PLOT_SCALE_LOG);

  for (guint i = 0; i < 3; i++)
    {
      HrPlot *plot = i == 0 ? empty : i == 1 ? nan_series : no_points;
      g_clear_pointer (&text, g_free);
      text = dump (plot, 400, 300);
      /* A frame and ticks, no data. */
      g_assert_cmpuint (count_lines (text, "rect"), >=, 1);
      g_assert_cmpuint (count_lines (text, "path n=2 stroke=#0072b2"), <=, 1); /* legend */
      g_assert_cmpuint (count_lines (text, "path n=2 stroke=#000000d9"), >=, 4);
      draw_everywhere (plot);
    }
  hr_plot_get_axis_range (nan_series, HR_PLOT_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 1);
  hr_plot_get_axis_range (nan_series, HR_PLOT_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 1);
  hr_plot_get_axis_range (no_points, HR_PLOT_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1);
  g_assert_cmpfloat (hi, ==, 10);

  draw_everywhere (empty_map);
  draw_everywhere (nan_map);
  g_clear_pointer (&text, g_free);
  text = dump (nan_map, 400, 300);
  /* Background and six grey cells with "–"; no colour bar for colours of nothing. */
  g_assert_cmpuint (count_lines (text, "rect"), ==, 1 + 2 * 3);
  g_assert_cmpuint (count_lines (text, "text"), ==, 6);
  g_assert_cmpuint (count_lines (text, "text 0.0 0.0 \"\u2013\""), ==, 0);
  g_assert_cmpuint (count_lines (text, "gradient"), ==, 0);
}

static void
test_bad_data (void)
{
  const double x[8] = { 0, 1, NAN, 3, INFINITY, 5, -INFINITY, 7 };
  const double y[8] = { 1, 2, 3, NAN, 5, 1e308, 2, -1e308 };
  const double one[1] = { 4 };
  g_autoptr(HrPlot) plot = hr_plot_new_xy ();
  g_autoptr(HrPlot) single = hr_plot_new_xy ();
  g_autoptr(HrPlot) logp = hr_plot_new_xy ();
  g_autoptr(HrPlot) zoomed = hr_plot_new_xy ();
  g_autofree char *text = NULL;
  double lo, hi;

  hr_plot_add_series (plot, "bad", x, y, 8);
  hr_plot_add_marker (plot, NAN, 1, "nowhere", NULL);
  hr_plot_add_band (plot, HR_PLOT_AXIS_X, NAN, 2, "half", NULL);
  hr_plot_add_rect (plot, 0, 0, INFINITY, 1, NULL, NULL, NULL);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 7);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_Y, &lo, &hi);
  g_assert_true (isfinite (lo) && isfinite (hi) && lo < hi);
  draw_everywhere (plot);

  /* One point: a range around it, no line, the point if asked for. */
  hr_plot_add_series (single, "one", one, one, 1);
  hr_plot_series_set_points (single, 0, TRUE);
  hr_plot_get_axis_range (single, HR_PLOT_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, <, 4);
  g_assert_cmpfloat (hi, >, 4);
  text = dump (single, 300, 200);
  g_assert_cmpuint (count_lines (text, "circle"), ==, 1 + 1);   /* point + legend sample */
  draw_everywhere (single);

  /* Log axis with values <= 0: skipped. */
  hr_plot_add_series (logp, "lin", y, x, 8);
  hr_plot_set_axis_scale (logp, HR_PLOT_AXIS_X, HR_PLOT_SCALE_LOG);
  hr_plot_set_axis_scale (logp, HR_PLOT_AXIS_Y, HR_PLOT_SCALE_LOG);
  hr_plot_set_axis_range (logp, HR_PLOT_AXIS_Y, -3, NAN);
  hr_plot_get_axis_range (logp, HR_PLOT_AXIS_Y, &lo, &hi);
  g_assert_cmpfloat (lo, >, 0);
  draw_everywhere (logp);

  /* A fixed range far inside the data: the lines are clipped, not overflowed. */
  hr_plot_add_series (zoomed, "bad", x, y, 8);
  hr_plot_set_axis_range (zoomed, HR_PLOT_AXIS_X, 0.5, 0.5000001);
  hr_plot_set_axis_range (zoomed, HR_PLOT_AXIS_Y, 1.4, 1.6);
  g_clear_pointer (&text, g_free);
  text = dump (zoomed, 300, 200);
  g_assert_cmpuint (count_lines (text, "path n=2 stroke=#0072b2"), ==, 1 + 1);
  draw_everywhere (zoomed);
}

/* ---- Coordinates, legend, heatmap details ---------------------------------------------- */

static void
test_coordinates (void)
{
  g_autoptr(HrPlot) plot = sample_line_plot ();
  g_autoptr(HrPlot) logp = sample_log_plot ();
  g_autoptr(HrPlot) map = sample_heatmap ();
  double ax, ay, aw, ah, dx, dy, x, y;

  hr_plot_get_plot_area (plot, 640, 420, &ax, &ay, &aw, &ah);
  g_assert_cmpfloat (ax, >, 0);
  g_assert_cmpfloat (ay, >, 0);
  g_assert_cmpfloat (ax + aw, <, 640);
  g_assert_cmpfloat (ay + ah, <, 420);

  /* The range corners are the area's corners; y grows downwards. */
  g_assert_true (hr_plot_data_to_device (plot, 640, 420, 0, 0, &dx, &dy));
  g_assert_cmpfloat_with_epsilon (dx, ax, 1e-9);
  g_assert_cmpfloat_with_epsilon (dy, ay + ah, 1e-9);
  g_assert_true (hr_plot_data_to_device (plot, 640, 420, 5, 5, &dx, &dy));
  g_assert_cmpfloat_with_epsilon (dx, ax + aw, 1e-9);
  g_assert_cmpfloat_with_epsilon (dy, ay, 1e-9);
  g_assert_true (hr_plot_device_to_data (plot, 640, 420, 200.5, 100.25, &x, &y));
  g_assert_true (hr_plot_data_to_device (plot, 640, 420, x, y, &dx, &dy));
  g_assert_cmpfloat_with_epsilon (dx, 200.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (dy, 100.25, 1e-9);
  g_assert_false (hr_plot_data_to_device (plot, 640, 420, NAN, 1, &dx, &dy));

  /* Log: a decade is the same distance everywhere. */
  {
    double d1, d2, d3;
    g_assert_true (hr_plot_data_to_device (logp, 560, 360, 1e2, 1, &d1, NULL));
    g_assert_true (hr_plot_data_to_device (logp, 560, 360, 1e3, 1, &d2, NULL));
    g_assert_true (hr_plot_data_to_device (logp, 560, 360, 1e4, 1, &d3, NULL));
    g_assert_cmpfloat_with_epsilon (d2 - d1, d3 - d2, 1e-9);
    g_assert_false (hr_plot_data_to_device (logp, 560, 360, 0, 1, &dx, &dy));
    g_assert_true (hr_plot_device_to_data (logp, 560, 360, d2, 100, &x, &y));
    g_assert_cmpfloat_with_epsilon (x, 1e3, 1e-9);
  }

  /* Heatmap: (column, row), row 0 on top; cells are square. */
  {
    double x0, y0, x1, y1;
    g_assert_true (hr_plot_data_to_device (map, 520, 440, 0, 0, &x0, &y0));
    g_assert_true (hr_plot_data_to_device (map, 520, 440, 4, 4, &x1, &y1));
    g_assert_cmpfloat (x1, >, x0);
    g_assert_cmpfloat (y1, >, y0);
    g_assert_cmpfloat_with_epsilon (x1 - x0, y1 - y0, 1e-9);
    g_assert_true (hr_plot_device_to_data (map, 520, 440, (x0 + x1) / 2, (y0 + y1) / 2, &x,
                                           &y));
    g_assert_cmpfloat_with_epsilon (x, 2, 1e-9);
    g_assert_cmpfloat_with_epsilon (y, 2, 1e-9);
  }

  /* A fixed range (a widget's zoom) is used as given and changes the mapping. */
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_X, 1, 2);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &x, &y);
  g_assert_cmpfloat (x, ==, 1);
  g_assert_cmpfloat (y, ==, 2);
  hr_plot_get_plot_area (plot, 640, 420, &ax, &ay, &aw, &ah);
  g_assert_true (hr_plot_data_to_device (plot, 640, 420, 1, 0, &dx, &dy));
  g_assert_cmpfloat_with_epsilon (dx, ax, 1e-9);
}

static PlotLayout *
fixed_layout (HrPlot *plot, double width, double height)
{
  PlotMeasure measure;
  PlotLayout *layout;

  plot_measure_init (&measure, PLOT_METRICS_FIXED, "Sans");
  layout = plot_layout_new (plot, width, height, &measure);
  plot_measure_clear (&measure);
  return layout;
}

static gboolean
legend_covers (const PlotLayout *l, double x, double y)
{
  double dx = plot_map_to_device (&l->x, x), dy = plot_map_to_device (&l->y, y);

  return dx >= l->legend.x && dx <= l->legend.x + l->legend.w && dy >= l->legend.y
         && dy <= l->legend.y + l->legend.h;
}

static void
test_legend (void)
{
  g_autoptr(HrPlot) plot = sample_line_plot ();
  g_autoptr(PlotLayout) best = fixed_layout (plot, 640, 420);
  g_autoptr(PlotLayout) top_left = NULL;
  g_autoptr(PlotLayout) outside = NULL;
  g_autofree char *none = NULL;

  /* BEST: a corner that hides neither the markers nor the note on the right. */
  g_assert_true (best->legend_shown);
  g_assert_false (legend_covers (best, 1.9, inverter (1.9)));
  g_assert_false (legend_covers (best, 2.9, inverter (2.9)));
  g_assert_false (legend_covers (best, 4.9, 4.0));
  g_assert_cmpfloat (best->legend.x, >=, best->area.x);
  g_assert_cmpfloat (best->legend.y + best->legend.h, <=, best->area.y + best->area.h);

  hr_plot_set_legend (plot, HR_PLOT_LEGEND_TOP_LEFT);
  top_left = fixed_layout (plot, 640, 420);
  g_assert_cmpfloat_with_epsilon (top_left->legend.x, top_left->area.x + 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (top_left->legend.y, top_left->area.y + 8, 1e-9);

  /* Outside: the plot area makes room for it. */
  hr_plot_set_legend (plot, HR_PLOT_LEGEND_OUTSIDE_RIGHT);
  outside = fixed_layout (plot, 640, 420);
  g_assert_cmpfloat (outside->legend.x, >, outside->area.x + outside->area.w);
  g_assert_cmpfloat (outside->legend.x + outside->legend.w, <=, 640);
  g_assert_cmpfloat (outside->area.w, <, best->area.w - outside->legend.w);

  hr_plot_set_legend (plot, HR_PLOT_LEGEND_NONE);
  none = dump (plot, 640, 420);
  g_assert_null (strstr (none, "\"Vout(Vin)\""));
  g_assert_null (strstr (none, "\"mirrored\""));
}

/* The X tick labels of LIST: texts hanging from the frame's bottom, left to right. */
static GPtrArray *
x_tick_texts (const PlotDisplayList *list, const PlotLayout *layout, GArray *xs)
{
  GPtrArray *texts = g_ptr_array_new ();
  double y = layout->area.y + layout->area.h + 7;   /* TICK_LEN + TICK_GAP below the frame */

  for (guint i = 0; i < list->ops->len; i++)
    {
      const PlotOp *op = &g_array_index (list->ops, PlotOp, i);
      if (op->kind == PLOT_OP_TEXT && op->anchor == HR_PLOT_ANCHOR_TOP
          && fabs (op->y - y) < 0.01)
        {
          g_ptr_array_add (texts, op->text);
          g_array_append_val (xs, op->x);
        }
    }
  return texts;
}

/* Categories: ticks at their centres named after them and nothing else, a whole slot each
 * at the ends, no log scale, lookups by slot, names shrunk to fit, and back to numbers. */
static void
test_categorical (void)
{
  static const char *const names[] = { "VOL", "VIL", "VIH", "VOH" };
  static const char *const long_names[] = {
    "74LVC outputs at 3.3 V, guaranteed", "noise margins between them",
    "74HC inputs at 3.3 V, interpolated",
  };
  g_autoptr(HrPlot) plot = sample_categorical ();
  g_autoptr(PlotDisplayList) list = NULL;
  g_autoptr(PlotLayout) layout = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  const double tick_fs = 12 * PLOT_TICK_SCALE;
  PlotMeasure measure;
  double lo, hi, dx, dy;

  plot_measure_init (&measure, PLOT_METRICS_FIXED, "Sans");
  g_assert_cmpuint (hr_plot_get_axis_n_categories (plot, HR_PLOT_AXIS_X), ==, 4);
  g_assert_cmpuint (hr_plot_get_axis_n_categories (plot, HR_PLOT_AXIS_Y), ==, 0);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -0.5);
  g_assert_cmpfloat (hi, ==, 3.5);

  /* One labelled tick per category, at its centre, and no grid line through the bars. */
  layout = plot_layout_new (plot, 560, 380, &measure);
  list = plot_build_display_list (plot, 560, 380, PLOT_METRICS_FIXED);
  g_assert_cmpuint (layout->x_ticks->len, ==, 4);
  g_assert_cmpfloat (layout->x_tick_size, ==, tick_fs);
  texts = x_tick_texts (list, layout, xs);
  g_assert_cmpuint (texts->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const PlotTick *t = &g_array_index (layout->x_ticks, PlotTick, i);
      g_assert_cmpfloat (t->value, ==, i);
      g_assert_cmpstr (t->label, ==, names[i]);
      g_assert_true (t->major);
      g_assert_cmpstr (texts->pdata[i], ==, names[i]);
      g_assert_cmpfloat_with_epsilon (g_array_index (xs, double, i),
                                      floor (plot_map_to_device (&layout->x, i)) + 0.5, 1e-9);
    }
  for (guint i = 0; i < list->ops->len; i++)
    {
      const PlotOp *op = &g_array_index (list->ops, PlotOp, i);
      if (op->kind == PLOT_OP_PATH && op->n_points == 2 && op->points[0] == op->points[2])
        g_assert_false (op->points[1] <= layout->area.y + 1
                        && op->points[3] >= layout->area.y + layout->area.h - 1);
    }

  /* Always linear: category 0 sits at 0, which a log axis could not show. */
  hr_plot_set_axis_scale (plot, HR_PLOT_AXIS_X, HR_PLOT_SCALE_LOG);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -0.5);
  g_assert_true (hr_plot_data_to_device (plot, 560, 380, 0, 1, &dx, &dy));
  hr_plot_set_axis_scale (plot, HR_PLOT_AXIS_X, HR_PLOT_SCALE_LINEAR);

  /* Slot i is i − 0.5 … i + 0.5. */
  g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 0), ==, "VOL");
  g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, -0.5), ==, "VOL");
  g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 0.49), ==, "VOL");
  g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 0.5), ==, "VIL");
  g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 3.4), ==, "VOH");
  g_assert_null (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 3.5));
  g_assert_null (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, -0.6));
  g_assert_null (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, NAN));
  g_assert_null (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_Y, 1));

  /* A fixed range (a zoom) names the categories inside it only, never a fraction. */
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_X, 0.6, 2.4);
  g_clear_pointer (&layout, plot_layout_free);
  layout = plot_layout_new (plot, 560, 380, &measure);
  g_assert_cmpuint (layout->x_ticks->len, ==, 2);
  g_assert_cmpstr (g_array_index (layout->x_ticks, PlotTick, 0).label, ==, "VIL");
  g_assert_cmpstr (g_array_index (layout->x_ticks, PlotTick, 1).label, ==, "VIH");
  hr_plot_set_axis_range (plot, HR_PLOT_AXIS_X, NAN, NAN);

  /* Long names in narrow slots shrink, down to 60 % of the tick size. */
  hr_plot_set_axis_categories (plot, HR_PLOT_AXIS_X, long_names, G_N_ELEMENTS (long_names));
  g_clear_pointer (&layout, plot_layout_free);
  layout = plot_layout_new (plot, 640, 380, &measure);
  g_assert_cmpfloat (layout->x_tick_size, <, tick_fs);
  g_assert_cmpfloat (layout->x_tick_size, >=, 0.6 * tick_fs);
  g_clear_pointer (&layout, plot_layout_free);
  layout = plot_layout_new (plot, 200, 380, &measure);
  g_assert_cmpfloat_with_epsilon (layout->x_tick_size, 0.6 * tick_fs, 1e-9);

  /* Numbers again: the range follows the data, the ticks are nice numbers. */
  hr_plot_set_axis_categories (plot, HR_PLOT_AXIS_X, NULL, 0);
  g_assert_cmpuint (hr_plot_get_axis_n_categories (plot, HR_PLOT_AXIS_X), ==, 0);
  g_assert_null (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 0));
  g_clear_pointer (&layout, plot_layout_free);
  layout = plot_layout_new (plot, 560, 380, &measure);
  g_assert_cmpstr (g_array_index (layout->x_ticks, PlotTick, 0).label, ==, "\u22121");
  plot_measure_clear (&measure);

  /* PNG and PDF draw it too (the SVG is checked shape by shape in /plot/file/svg). */
  {
    g_autoptr(HrPlot) bars = sample_categorical ();
    g_autoptr(GBytes) png = NULL, pdf = NULL;
    g_autoptr(GError) error = NULL;

    png = hr_plot_render_to_bytes (bars, HR_PLOT_FORMAT_PNG, 560, 380, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (png, NULL), 4, "\x89PNG", 4);
    pdf = hr_plot_render_to_bytes (bars, HR_PLOT_FORMAT_PDF, 560, 380, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
  }
}

static void
test_heatmap_labels (void)
{
  const char *const rows[] = { "74HC", NULL };
  const char *const cols[] = { "74AHCT1G", "SN74LVC1G17", "CD4000B" };
  const double values[6] = { 0.2, -0.5, 0.09, 1, 0.1, 0 };
  g_autoptr(HrPlot) narrow = hr_plot_new_heatmap (2, 3, values);
  g_autoptr(HrPlot) wide = hr_plot_new_heatmap (2, 3, values);
  g_autofree char *upright = NULL;
  g_autofree char *across = NULL;

  /* No terminator needed; a NULL label is blank. */
  hr_plot_heatmap_set_labels (narrow, rows, 2, cols, 3);
  hr_plot_heatmap_set_labels (wide, rows, 2, cols, 3);
  upright = dump (narrow, 260, 300);
  across = dump (wide, 900, 300);
  g_assert_nonnull (strstr (upright, "\"SN74LVC1G17\" size=10.8 anchor=left angle=90"));
  g_assert_nonnull (strstr (across, "\"SN74LVC1G17\" size=10.8 anchor=bottom color"));
  /* Default cell text: the value with two decimals. */
  g_assert_nonnull (strstr (across, "\"\u22120.50\""));
  g_assert_nonnull (strstr (across, "\"0.09\""));
  g_assert_nonnull (strstr (across, "\"74HC\" size=10.8 anchor=right"));
  {
    /* One row label (the other is blank), three column labels, six cells. */
    g_auto(GStrv) lines = g_strsplit (across, "\n", -1);
    guint right = 0, bottom = 0, centre = 0;
    for (guint i = 0; lines[i] != NULL; i++)
      {
        right += strstr (lines[i], " anchor=right ") != NULL;
        bottom += strstr (lines[i], " anchor=bottom ") != NULL;
        centre += strstr (lines[i], " anchor=center ") != NULL;
      }
    g_assert_cmpuint (right, ==, 1);
    g_assert_cmpuint (bottom, ==, 3);
    g_assert_cmpuint (centre, ==, 6);
  }
  draw_everywhere (narrow);
}

static void
test_colormap (void)
{
  HrPlotRgba c;

  /* Diverging: red below LOW, amber from LOW up to HIGH, green from HIGH. */
  plot_colormap_color (HR_PLOT_COLORMAP_DIVERGING, 0, 0.1, -2, 2, -1, &c);
  g_assert_cmpfloat (c.red, >, c.green);
  g_assert_cmpfloat (c.red, >, c.blue);
  plot_colormap_color (HR_PLOT_COLORMAP_DIVERGING, 0, 0.1, -2, 2, 0, &c);
  g_assert_cmpfloat_with_epsilon (c.red, 0xe6 / 255.0, 1e-9);      /* amber */
  plot_colormap_color (HR_PLOT_COLORMAP_DIVERGING, 0, 0.1, -2, 2, 0.0999, &c);
  g_assert_cmpfloat_with_epsilon (c.green, 0x9f / 255.0, 1e-9);
  plot_colormap_color (HR_PLOT_COLORMAP_DIVERGING, 0, 0.1, -2, 2, 0.1, &c);
  g_assert_cmpfloat (c.green, >, c.red);
  /* Deeper with distance from the threshold. */
  {
    HrPlotRgba near, far;
    plot_colormap_color (HR_PLOT_COLORMAP_DIVERGING, 0, 0.1, -2, 2, 0.2, &near);
    plot_colormap_color (HR_PLOT_COLORMAP_DIVERGING, 0, 0.1, -2, 2, 2, &far);
    g_assert_cmpfloat (far.red + far.green + far.blue, <, near.red + near.green + near.blue);
  }
  /* Sequential: viridis, dark purple to yellow; clamped outside the range. */
  plot_colormap_color (HR_PLOT_COLORMAP_SEQUENTIAL, 0, 0, 0, 1, -5, &c);
  g_assert_cmpfloat_with_epsilon (c.red, 0x44 / 255.0, 1e-9);
  plot_colormap_color (HR_PLOT_COLORMAP_SEQUENTIAL, 0, 0, 0, 1, 1, &c);
  g_assert_cmpfloat_with_epsilon (c.blue, 0x25 / 255.0, 1e-9);

  /* Text on a colour: black on light, white on dark. */
  {
    HrPlotRgba light = { 0.9, 0.9, 0.6, 1 }, dark = { 0.1, 0.2, 0.4, 1 }, ink;
    plot_contrast_color (&light, &ink);
    g_assert_cmpfloat (ink.red, ==, 0);
    plot_contrast_color (&dark, &ink);
    g_assert_cmpfloat (ink.red, ==, 1);
  }
}

/* ---- Files ----------------------------------------------------------------------------- */

typedef struct {
  GQueue stack;              /* element names */
  guint uses;                /* <use> of glyphs outside <defs> */
  guint glyph_groups;        /* <g> holding glyph <use>s */
  guint shapes;              /* <path>, <rect> outside <defs> */
  char *width, *height;
  gboolean in_group_with_use;
} SvgCount;

static gboolean
inside_defs (SvgCount *count)
{
  for (GList *l = count->stack.head; l != NULL; l = l->next)
    if (g_strcmp0 (l->data, "defs") == 0)
      return TRUE;
  return FALSE;
}

static void
svg_start (GMarkupParseContext *context, const char *element, const char **names,
           const char **values, gpointer data, GError **error)
{
  SvgCount *count = data;

  if (g_strcmp0 (element, "svg") == 0 && g_queue_is_empty (&count->stack))
    for (guint i = 0; names[i] != NULL; i++)
      {
        if (g_strcmp0 (names[i], "width") == 0)
          count->width = g_strdup (values[i]);
        if (g_strcmp0 (names[i], "height") == 0)
          count->height = g_strdup (values[i]);
      }
  if (!inside_defs (count))
    {
      if (g_strcmp0 (element, "use") == 0)
        {
          count->uses++;
          if (!count->in_group_with_use)
            count->glyph_groups++;
          count->in_group_with_use = TRUE;
        }
      else if (g_strcmp0 (element, "path") == 0 || g_strcmp0 (element, "rect") == 0)
        count->shapes++;
    }
  if (g_strcmp0 (element, "g") == 0)
    count->in_group_with_use = FALSE;
  g_queue_push_head (&count->stack, g_strdup (element));
}

static void
svg_end (GMarkupParseContext *context, const char *element, gpointer data, GError **error)
{
  SvgCount *count = data;

  g_free (g_queue_pop_head (&count->stack));
  if (g_strcmp0 (element, "g") == 0)
    count->in_group_with_use = FALSE;
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-plot-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (dir);
}

static guint
dir_entries (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  return n;
}

/* Counts of the display list that the SVG must show: one element per painted shape (cairo
 * writes a fill and a stroke of one shape as one element), one glyph per character (the
 * samples have no ligatures), one group per text. */
static void
expected_svg (HrPlot *plot, double width, double height, guint *shapes, guint *glyphs,
              guint *texts)
{
  g_autoptr(PlotDisplayList) list = plot_build_display_list (plot, width, height,
                                                             PLOT_METRICS_PANGO);

  *shapes = *glyphs = *texts = 0;
  for (guint i = 0; i < list->ops->len; i++)
    {
      const PlotOp *op = &g_array_index (list->ops, PlotOp, i);
      switch (op->kind)
        {
        case PLOT_OP_RECT:
        case PLOT_OP_PATH:
        case PLOT_OP_CIRCLE:
          *shapes += op->fill.alpha > 0 || op->stroke.alpha > 0;
          break;
        case PLOT_OP_GRADIENT:
          *shapes += 1;
          break;
        case PLOT_OP_TEXT:
          *glyphs += g_utf8_strlen (op->text, -1);
          *texts += 1;
          break;
        case PLOT_OP_CLIP:
        case PLOT_OP_UNCLIP:
        default:
          break;
        }
    }
}

static void
check_svg (HrPlot *plot, const char *dir, const char *name, double width, double height)
{
  static const GMarkupParser parser = { svg_start, svg_end, NULL, NULL, NULL };
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *want_w = g_strdup_printf ("%gpx", width);
  g_autofree char *want_h = g_strdup_printf ("%gpx", height);
  g_autoptr(GError) error = NULL;
  GMarkupParseContext *context;
  SvgCount count = { G_QUEUE_INIT, 0, 0, 0, NULL, NULL, FALSE };
  guint shapes, glyphs, texts;
  gsize length;

  g_assert_true (hr_plot_save (plot, path, HR_PLOT_FORMAT_AUTO, width, height, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));

  context = g_markup_parse_context_new (&parser, 0, &count, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  expected_svg (plot, width, height, &shapes, &glyphs, &texts);
  g_test_message ("%s: %u shapes, %u glyphs in %u texts", name, count.shapes, count.uses,
                  count.glyph_groups);
  g_assert_cmpstr (count.width, ==, want_w);
  g_assert_cmpstr (count.height, ==, want_h);
  g_assert_cmpuint (count.shapes, ==, shapes);
  g_assert_cmpuint (count.uses, ==, glyphs);
  g_assert_cmpuint (count.glyph_groups, ==, texts);
  g_free (count.width);
  g_free (count.height);
  g_queue_clear_full (&count.stack, g_free);
}

static void
test_svg (void)
{
  g_autofree char *dir = temp_dir ();
  g_autoptr(HrPlot) line = sample_line_plot ();
  g_autoptr(HrPlot) logp = sample_log_plot ();
  g_autoptr(HrPlot) map = sample_heatmap ();
  g_autoptr(HrPlot) bars = sample_categorical ();

  check_svg (line, dir, "line.svg", 640, 420);
  check_svg (logp, dir, "log.SVG", 560, 360);
  check_svg (map, dir, "matrix.svg", 520, 440);
  /* Bars standing on the frame would straddle the clip, which cairo writes as a fill and a
   * stroke apiece: lift the frame off them so that each bar stays one element. */
  hr_plot_set_axis_range (bars, HR_PLOT_AXIS_Y, -0.5, 5.5);
  check_svg (bars, dir, "levels.svg", 560, 380);
  g_assert_cmpuint (dir_entries (dir), ==, 4);
  remove_dir (dir);
}

static void
test_png (void)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "matrix.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(HrPlot) map = sample_heatmap ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  gsize length;

  g_assert_true (hr_plot_save (map, path, HR_PLOT_FORMAT_AUTO, 520, 440, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, sizeof signature);
  g_assert_cmpmem (contents, sizeof signature, signature, sizeof signature);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 520);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 440);
  {
    /* Opaque white background in the corner. */
    const guint32 *pixel = (const guint32 *) (void *) cairo_image_surface_get_data (image);
    g_assert_cmphex (pixel[0], ==, 0xffffffff);
  }
  cairo_surface_destroy (image);
  remove_dir (dir);
}

static void
test_pdf (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "vtc.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(HrPlot) plot = sample_line_plot ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_assert_true (hr_plot_save (plot, path, HR_PLOT_FORMAT_AUTO, 640, 420, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* A format given overrides the extension. */
  bytes = hr_plot_render_to_bytes (plot, HR_PLOT_FORMAT_PDF, 100, 100, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "%PDF-"));
  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "vtc.out", NULL);
  g_assert_true (hr_plot_save (plot, path, HR_PLOT_FORMAT_SVG, 200, 100, &error));
  g_assert_no_error (error);
  remove_dir (dir);
}

static void
test_format_from_path (void)
{
  g_assert_cmpint (hr_plot_format_from_path ("a.svg"), ==, HR_PLOT_FORMAT_SVG);
  g_assert_cmpint (hr_plot_format_from_path ("dir.png/a.PNG"), ==, HR_PLOT_FORMAT_PNG);
  g_assert_cmpint (hr_plot_format_from_path ("/x/y/z.Pdf"), ==, HR_PLOT_FORMAT_PDF);
  g_assert_cmpint (hr_plot_format_from_path ("a.svg.gz"), ==, HR_PLOT_FORMAT_AUTO);
  g_assert_cmpint (hr_plot_format_from_path (".svg"), ==, HR_PLOT_FORMAT_AUTO);
  g_assert_cmpint (hr_plot_format_from_path ("plot"), ==, HR_PLOT_FORMAT_AUTO);
  g_assert_cmpint (hr_plot_format_from_name ("svg"), ==, HR_PLOT_FORMAT_SVG);
  g_assert_cmpint (hr_plot_format_from_name ("PNG"), ==, HR_PLOT_FORMAT_PNG);
  g_assert_cmpint (hr_plot_format_from_name (".pdf"), ==, HR_PLOT_FORMAT_PDF);
  g_assert_cmpint (hr_plot_format_from_name ("jpeg"), ==, HR_PLOT_FORMAT_AUTO);
  g_assert_cmpint (hr_plot_format_from_name (""), ==, HR_PLOT_FORMAT_AUTO);
}

static void
test_save_errors (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *bad_ext = g_build_filename (dir, "plot.jpeg", NULL);
  g_autofree char *no_ext = g_build_filename (dir, "plot", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "plot.svg", NULL);
  g_autofree char *subdir = g_build_filename (dir, "taken.svg", NULL);
  g_autofree char *good = g_build_filename (dir, "good.svg", NULL);
  g_autoptr(HrPlot) plot = sample_line_plot ();
  g_autoptr(GError) error = NULL;

  g_assert_false (hr_plot_save (plot, bad_ext, HR_PLOT_FORMAT_AUTO, 100, 100, &error));
  g_assert_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, bad_ext));
  g_assert_nonnull (strstr (error->message, "“.jpeg”"));
  g_assert_nonnull (strstr (error->message, "known: .svg, .png, .pdf"));
  g_clear_error (&error);

  g_assert_false (hr_plot_save (plot, no_ext, HR_PLOT_FORMAT_AUTO, 100, 100, &error));
  g_assert_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "known: .svg, .png, .pdf"));
  g_clear_error (&error);

  g_assert_false (hr_plot_save (plot, missing, HR_PLOT_FORMAT_AUTO, 100, 100, &error));
  g_assert_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_clear_error (&error);

  g_assert_false (hr_plot_save (plot, good, HR_PLOT_FORMAT_AUTO, 0, 100, &error));
  g_assert_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_SIZE);
  g_assert_nonnull (strstr (error->message, good));
  g_clear_error (&error);
  g_assert_false (hr_plot_save (plot, good, HR_PLOT_FORMAT_PNG, 100, 40000, &error));
  g_assert_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_SIZE);
  g_clear_error (&error);

  /* The rename fails at the very end: nothing of the temporary file may remain. */
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  g_assert_false (hr_plot_save (plot, subdir, HR_PLOT_FORMAT_AUTO, 100, 100, &error));
  g_assert_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, subdir));
  g_clear_error (&error);
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (dir_entries (dir), ==, 1);

  g_assert_false (g_file_test (good, G_FILE_TEST_EXISTS));
  remove_dir (dir);
}

static void
test_save_replaces (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "matrix.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(HrPlot) map = sample_heatmap ();
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  mode_t mask = umask (022);

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (hr_plot_save (map, path, HR_PLOT_FORMAT_AUTO, 300, 200, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_cmpuint (dir_entries (dir), ==, 1);
  /* An ordinary new file (0666 less the umask), not the private mode of a temporary. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  umask (mask);
  remove_dir (dir);
}

static void
test_render_on_cairo (void)
{
  g_autoptr(HrPlot) plot = sample_line_plot ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 500);
  cairo_t *cr = cairo_create (surface);
  cairo_matrix_t before, after;
  double r, g, b, a;
  HrPlotRgba fg = { 0.9, 0.9, 0.9, 1 };

  /* A widget draws into part of its area, with its own colours; its state survives. */
  cairo_set_source_rgba (cr, 0.1, 0.2, 0.3, 0.4);
  cairo_translate (cr, 30, 40);
  cairo_get_matrix (cr, &before);
  hr_plot_set_colors (plot, &fg, NULL);
  hr_plot_render (plot, cr, 640, 420);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_get_matrix (cr, &after);
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
  g_assert_cmpint (cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a), ==,
                   CAIRO_STATUS_SUCCESS);
  g_assert_cmpfloat (r, ==, 0.1);
  g_assert_cmpfloat (a, ==, 0.4);
  g_assert_false (cairo_has_current_point (cr));
  {
    /* No background: the corner outside the plot stays transparent. */
    const guint32 *pixel = (const guint32 *) (void *) cairo_image_surface_get_data (surface);
    cairo_surface_flush (surface);
    g_assert_cmphex (pixel[0], ==, 0);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_refcount (void)
{
  HrPlot *plot = hr_plot_new_xy ();
  GValue value = G_VALUE_INIT;

  g_assert_true (hr_plot_ref (plot) == plot);
  hr_plot_unref (plot);
  g_value_init (&value, HR_TYPE_PLOT);
  g_value_set_boxed (&value, plot);
  hr_plot_unref (plot);
  g_assert_cmpint (hr_plot_get_kind (g_value_get_boxed (&value)), ==, HR_PLOT_KIND_XY);
  g_value_unset (&value);
}

/* LeakSanitizer calls this at start-up when it is linked in: the suppressions of
 * tests/lsan.supp, so that this test is leak-clean without LSAN_OPTIONS. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n";
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/ticks/nice-step", test_ticks_nice_step);
  g_test_add_func ("/plot/ticks/format-eng", test_ticks_format);
  g_test_add_func ("/plot/ticks/format-fixed", test_ticks_format_fixed);
  g_test_add_func ("/plot/ticks/examples", test_ticks_examples);
  g_test_add_func ("/plot/ticks/many-ranges", test_ticks_many_ranges);
  g_test_add_func ("/plot/ticks/degenerate", test_ticks_degenerate);
  g_test_add_func ("/plot/range/widen", test_range_widen);
  g_test_add_func ("/plot/data/empty", test_empty);
  g_test_add_func ("/plot/data/bad", test_bad_data);
  g_test_add_func ("/plot/golden/line", test_golden_line);
  g_test_add_func ("/plot/golden/log", test_golden_log);
  g_test_add_func ("/plot/golden/heatmap", test_golden_heatmap);
  g_test_add_func ("/plot/golden/categorical", test_golden_categorical);
  g_test_add_func ("/plot/categorical", test_categorical);
  g_test_add_func ("/plot/coordinates", test_coordinates);
  g_test_add_func ("/plot/legend", test_legend);
  g_test_add_func ("/plot/heatmap/labels", test_heatmap_labels);
  g_test_add_func ("/plot/colormap", test_colormap);
  g_test_add_func ("/plot/file/svg", test_svg);
  g_test_add_func ("/plot/file/png", test_png);
  g_test_add_func ("/plot/file/pdf", test_pdf);
  g_test_add_func ("/plot/file/format-from-path", test_format_from_path);
  g_test_add_func ("/plot/file/errors", test_save_errors);
  g_test_add_func ("/plot/file/replace", test_save_replaces);
  g_test_add_func ("/plot/render/cairo", test_render_on_cairo);
  g_test_add_func ("/plot/refcount", test_refcount);

  rc = g_test_run ();
  /* Drop the fonts pango and cairo cache for the process, so that LeakSanitizer sees only
   * what was really lost. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  return rc;
}
