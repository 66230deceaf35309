/* plot-layout.c — where things go: plot area, ticks, labels, legend, heatmap grid.
 *
 * Everything here is a function of the plot, the size and the text measurements. With
 * PLOT_METRICS_FIXED the measurements are a function of the string alone, so golden dumps
 * do not depend on the installed fonts.
 */
#include "hr-config.h"

#include <math.h>

#include "plot-private.h"

/* ---- Text measurement ------------------------------------------------------------------ */

void
plot_measure_init (PlotMeasure *measure, PlotMetrics metrics, const char *family)
{
  measure->metrics = metrics;
  measure->family = family;
  measure->context = NULL;
  measure->layout = NULL;
}

void
plot_measure_clear (PlotMeasure *measure)
{
  g_clear_object (&measure->layout);
  g_clear_object (&measure->context);
}

void
plot_measure_text (PlotMeasure *measure, const char *text, double size, gboolean bold,
                   double *width, double *height)
{
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    {
      *width = 0;
      *height = 0;
      return;
    }
  if (measure->metrics == PLOT_METRICS_FIXED)
    {
      *width = 0.6 * size * g_utf8_strlen (text, -1);
      *height = 1.2 * size;
      return;
    }
  if (measure->layout == NULL)
    {
      measure->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      measure->layout = pango_layout_new (measure->context);
    }
  plot_pango_layout_set (measure->layout, measure->family, text, size, bold);
  pango_layout_get_extents (measure->layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

void
plot_pango_layout_set (PangoLayout *layout, const char *family, const char *text, double size,
                       gboolean bold)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
}

static double
text_width (PlotMeasure *measure, const char *text, double size, gboolean bold)
{
  double w, h;
  plot_measure_text (measure, text, size, bold, &w, &h);
  return w;
}

static double
text_height (PlotMeasure *measure, const char *text, double size, gboolean bold)
{
  double w, h;
  plot_measure_text (measure, text, size, bold, &w, &h);
  return h;
}

/* The size of TEXT at SIZE shrunk to fit LENGTH, but not below 70 %: past that it is
 * clipped rather than unreadable. */
static double
fit_size (PlotMeasure *measure, const char *text, double size, gboolean bold, double length)
{
  double w = text_width (measure, text, size, bold);

  return w > length && w > 0 ? MAX (size * length / w, 0.7 * size) : size;
}

/* Title centred over the plot area, shifted to stay inside the width. */
static void
place_title (const HrPlot *plot, PlotLayout *layout, PlotMeasure *measure)
{
  double pad = 0.8 * plot->font_size, centre = layout->area.x + layout->area.w / 2, w;

  if (plot->title == NULL || *plot->title == '\0')
    return;
  layout->title_size = fit_size (measure, plot->title, plot->font_size * PLOT_TITLE_SCALE,
                                 TRUE, layout->width - 2 * pad);
  w = text_width (measure, plot->title, layout->title_size, TRUE);
  layout->title_x = CLAMP (centre, pad + w / 2, MAX (pad + w / 2, layout->width - pad - w / 2));
}

/* ---- Data <-> device ------------------------------------------------------------------- */

static double
map_fraction (const PlotMap *map, double value)
{
  if (map->log)
    return (log10 (value) - log10 (map->lo)) / (log10 (map->hi) - log10 (map->lo));
  /* Halves first: hi - lo overflows for ranges near ±DBL_MAX. */
  return (value / 2 - map->lo / 2) / (map->hi / 2 - map->lo / 2);
}

double
plot_map_to_device (const PlotMap *map, double value)
{
  return map->d0 + map_fraction (map, value) * (map->d1 - map->d0);
}

double
plot_map_to_data (const PlotMap *map, double device)
{
  double t = map->d1 != map->d0 ? (device - map->d0) / (map->d1 - map->d0) : 0;

  if (map->log)
    return pow (10.0, log10 (map->lo) + t * (log10 (map->hi) - log10 (map->lo)));
  return map->lo * (1 - t) + map->hi * t;
}

gboolean
plot_map_accepts (const PlotMap *map, double value)
{
  return isfinite (value) && (!map->log || value > 0);
}

/* ---- Layout ---------------------------------------------------------------------------- */

void
plot_layout_free (PlotLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->x_ticks, g_array_unref);
  g_clear_pointer (&layout->y_ticks, g_array_unref);
  g_clear_pointer (&layout->c_ticks, g_array_unref);
  g_free (layout);
}

/* "LABEL (UNIT)", "LABEL", or NULL. (transfer full) */
static char *
axis_title (const PlotAxis *axis)
{
  if (axis->label == NULL || *axis->label == '\0')
    return axis->unit != NULL && *axis->unit != '\0' ? g_strdup_printf ("(%s)", axis->unit)
                                                       : NULL;
  if (axis->unit == NULL || *axis->unit == '\0')
    return g_strdup (axis->label);
  return g_strdup_printf ("%s (%s)", axis->label, axis->unit);
}

char *
plot_axis_title (const HrPlot *plot, HrPlotAxis axis)
{
  return axis_title (&plot->axes[axis]);
}

static double
max_label_width (PlotMeasure *measure, GArray *ticks, double size)
{
  double max = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      const PlotTick *tick = &g_array_index (ticks, PlotTick, i);
      if (tick->label != NULL)
        max = MAX (max, text_width (measure, tick->label, size, FALSE));
    }
  return max;
}

/* Smallest device distance between two labelled ticks along MAP. */
static double
min_label_spacing (const PlotMap *map, GArray *ticks)
{
  double min = G_MAXDOUBLE, last = NAN;

  for (guint i = 0; i < ticks->len; i++)
    {
      const PlotTick *tick = &g_array_index (ticks, PlotTick, i);
      double d;

      if (tick->label == NULL)
        continue;
      d = plot_map_to_device (map, tick->value);
      if (!isnan (last))
        min = MIN (min, fabs (d - last));
      last = d;
    }
  return min;
}

/* Ticks of MAP with labels EXTENT apart at least (their width across, or height along a
 * vertical axis), starting from about one labelled tick per PER device units. */
static GArray *
fit_ticks (const PlotMap *map, double length, double per, PlotMeasure *measure,
           double size, gboolean across, double gap)
{
  guint target = (guint) CLAMP (floor (length / per), 2, 10);

  for (;;)
    {
      GArray *ticks = plot_ticks_new (map->lo, map->hi, map->log ? HR_PLOT_SCALE_LOG
                                                                : HR_PLOT_SCALE_LINEAR,
                                      target);
      double extent = across ? max_label_width (measure, ticks, size)
                             : text_height (measure, "0", size, FALSE);

      if (target <= 1 || min_label_spacing (map, ticks) >= extent + gap)
        return ticks;
      g_array_unref (ticks);
      target--;
    }
}

/* The ticks of AXIS: its categories' names, or nice numbers fitted as fit_ticks() does. */
static GArray *
axis_ticks (const HrPlot *plot, HrPlotAxis axis, const PlotMap *map, double length, double per,
            PlotMeasure *measure, double size, gboolean across, double gap)
{
  const PlotAxis *a = &plot->axes[axis];

  if (plot_axis_is_categorical (plot, axis))
    return plot_ticks_new_categories (map->lo, map->hi, a->categories, a->n_categories);
  return fit_ticks (map, length, per, measure, size, across, gap);
}

/* The size of the category names of AXIS at SIZE, shrunk so that each fits the slot of its
 * category (across it: width on X, height on Y), but not below 60 %: past that a long name
 * overlaps its neighbour rather than become unreadable. Numbers keep SIZE: their ticks
 * were thinned to fit instead. */
static double
category_tick_size (const HrPlot *plot, HrPlotAxis axis, const PlotMap *map, GArray *ticks,
                    PlotMeasure *measure, double size)
{
  double slot = fabs (map->d1 - map->d0) / (map->hi - map->lo), need;

  if (!plot_axis_is_categorical (plot, axis) || ticks->len == 0)
    return size;
  need = axis == HR_PLOT_AXIS_X ? max_label_width (measure, ticks, size)
                                : text_height (measure, "0", size, FALSE);
  if (need <= 0.9 * slot)
    return size;
  return MAX (size * 0.9 * slot / need, 0.6 * size);
}

static gboolean
covers_device (const PlotRect *r, double margin, double dx, double dy)
{
  return dx >= r->x - margin && dx <= r->x + r->w + margin
         && dy >= r->y - margin && dy <= r->y + r->h + margin;
}

static gboolean
covers (const PlotLayout *layout, const PlotRect *r, double margin, double x, double y)
{
  if (!plot_map_accepts (&layout->x, x) || !plot_map_accepts (&layout->y, y))
    return FALSE;
  return covers_device (r, margin, plot_map_to_device (&layout->x, x),
                        plot_map_to_device (&layout->y, y));
}

/* Where the label of band or line A goes (see plot-render.c). */
static gboolean
label_anchor (const PlotLayout *layout, const PlotAnnotation *a, double *dx, double *dy)
{
  const PlotMap *map = a->axis == HR_PLOT_AXIS_X ? &layout->x : &layout->y;
  double from = a->x0, to = a->kind == PLOT_ANNOTATION_BAND ? a->x1 : a->x0;
  double along;

  from = plot_map_accepts (map, from) ? from : map->lo;
  to = plot_map_accepts (map, to) ? to : map->hi;
  along = (plot_map_to_device (map, from) + plot_map_to_device (map, to)) / 2;
  *dx = a->axis == HR_PLOT_AXIS_X ? along : layout->area.x + layout->area.w;
  *dy = a->axis == HR_PLOT_AXIS_X ? layout->area.y : along;
  return a->label != NULL && *a->label != '\0';
}

/* What a legend at R would hide: data points, and annotations and their labels, each of
 * which weighs as much as a stretch of curve. Labels reach beyond their anchor point:
 * a margin around R catches them. */
static gsize
legend_cover (const HrPlot *plot, const PlotLayout *layout, const PlotRect *r)
{
  const double weight = 50, margin = 2 * plot->font_size;
  gsize count = 0;

  for (guint i = 0; i < plot->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (plot->series, i);
      for (gsize j = 0; j < s->n; j++)
        count += covers (layout, r, 0, s->x[j], s->y[j]);
    }
  for (guint i = 0; i < plot->annotations->len; i++)
    {
      const PlotAnnotation *a = &g_array_index (plot->annotations, PlotAnnotation, i);
      double dx, dy;

      switch (a->kind)
        {
        case PLOT_ANNOTATION_MARKER:
        case PLOT_ANNOTATION_TEXT:
          count += weight * covers (layout, r, margin, a->x0, a->y0);
          break;
        case PLOT_ANNOTATION_RECT:
          count += weight * covers (layout, r, margin, (a->x0 + a->x1) / 2,
                                    (a->y0 + a->y1) / 2);
          break;
        case PLOT_ANNOTATION_BAND:
        case PLOT_ANNOTATION_LINE:
          if (label_anchor (layout, a, &dx, &dy))
            count += weight * covers_device (r, margin, dx, dy);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return count;
}

static void
place_legend (const HrPlot *plot, PlotLayout *layout, double w, double h)
{
  static const HrPlotLegend corners[] = {
    HR_PLOT_LEGEND_TOP_RIGHT, HR_PLOT_LEGEND_TOP_LEFT,
    HR_PLOT_LEGEND_BOTTOM_RIGHT, HR_PLOT_LEGEND_BOTTOM_LEFT,
  };
  const double inset = 8;
  HrPlotLegend where = plot->legend;
  gsize best_count = G_MAXSIZE;

  if (where == HR_PLOT_LEGEND_OUTSIDE_RIGHT)
    {
      layout->legend = (PlotRect) { layout->area.x + layout->area.w + inset, layout->area.y,
                                    w, h };
      return;
    }
  for (guint c = 0; c < G_N_ELEMENTS (corners); c++)
    {
      HrPlotLegend corner = corners[c];
      gboolean right = corner == HR_PLOT_LEGEND_TOP_RIGHT
                       || corner == HR_PLOT_LEGEND_BOTTOM_RIGHT;
      gboolean top = corner == HR_PLOT_LEGEND_TOP_RIGHT || corner == HR_PLOT_LEGEND_TOP_LEFT;
      PlotRect r = {
        right ? layout->area.x + layout->area.w - inset - w : layout->area.x + inset,
        top ? layout->area.y + inset : layout->area.y + layout->area.h - inset - h,
        w, h,
      };
      gsize count = 0;

      if (where != HR_PLOT_LEGEND_BEST && where != corner)
        continue;
      if (where == HR_PLOT_LEGEND_BEST)
        count = legend_cover (plot, layout, &r);
      if (count < best_count)
        {
          best_count = count;
          layout->legend = r;
        }
    }
}

static void
legend_size (const HrPlot *plot, PlotMeasure *measure, double *w, double *h)
{
  double size = plot->font_size * PLOT_LEGEND_SCALE;
  double max = 0;
  guint n = 0;

  for (guint i = 0; i < plot->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (plot->series, i);
      if (s->name == NULL || *s->name == '\0')
        continue;
      max = MAX (max, text_width (measure, s->name, size, FALSE));
      n++;
    }
  *w = n > 0 ? 2 * PLOT_LEGEND_PAD + PLOT_LEGEND_SAMPLE + PLOT_LEGEND_PAD + max : 0;
  *h = n > 0 ? 2 * PLOT_LEGEND_PAD + n * size * 1.5 : 0;
}

/* The frame's 1-unit lines and the data's edges on the same pixel centres: crisp in a PNG
 * and on screen. */
static void
snap_area (PlotLayout *layout)
{
  PlotRect *a = &layout->area;
  double right = floor (a->x + a->w) + 0.5, bottom = floor (a->y + a->h) + 0.5;

  a->x = floor (a->x) + 0.5;
  a->y = floor (a->y) + 0.5;
  a->w = MAX (right - a->x, 1.0);
  a->h = MAX (bottom - a->y, 1.0);
  layout->x.d0 = a->x;
  layout->x.d1 = a->x + a->w;
  layout->y.d0 = a->y + a->h;
  layout->y.d1 = a->y;
}

static void
layout_xy (const HrPlot *plot, PlotLayout *layout, PlotMeasure *measure)
{
  const double fs = plot->font_size, tick_fs = fs * PLOT_TICK_SCALE;
  const double pad = 0.8 * fs, gap = 0.5 * fs, tick_len = 4, tick_gap = 3;
  g_autofree char *x_title = axis_title (&plot->axes[HR_PLOT_AXIS_X]);
  g_autofree char *y_title = axis_title (&plot->axes[HR_PLOT_AXIS_Y]);
  double w = layout->width, h = layout->height;
  double top = pad, bottom = pad, left = pad, right = pad;
  double tick_h = text_height (measure, "0", tick_fs, FALSE);
  double legend_w, legend_h, last_w;

  if (plot->title != NULL && *plot->title != '\0')
    {
      layout->title_y = top;
      top += text_height (measure, plot->title, fs * PLOT_TITLE_SCALE, TRUE) + gap;
    }
  top += tick_h / 2;              /* the top Y tick label is centred on the frame */
  if (x_title != NULL)
    {
      double title_h = text_height (measure, x_title, fs, FALSE);
      layout->x_label_y = h - pad - title_h / 2;
      bottom += title_h + gap;
    }
  bottom += tick_h + tick_gap + tick_len;

  legend_size (plot, measure, &legend_w, &legend_h);
  layout->legend_shown = plot->legend != HR_PLOT_LEGEND_NONE && legend_w > 0;
  if (layout->legend_shown && plot->legend == HR_PLOT_LEGEND_OUTSIDE_RIGHT)
    right += legend_w + 8;

  plot_axis_effective_range (plot, HR_PLOT_AXIS_X, &layout->x.lo, &layout->x.hi);
  plot_axis_effective_range (plot, HR_PLOT_AXIS_Y, &layout->y.lo, &layout->y.hi);
  layout->x.log = plot->axes[HR_PLOT_AXIS_X].scale == HR_PLOT_SCALE_LOG
                  && !plot_axis_is_categorical (plot, HR_PLOT_AXIS_X);
  layout->y.log = plot->axes[HR_PLOT_AXIS_Y].scale == HR_PLOT_SCALE_LOG
                  && !plot_axis_is_categorical (plot, HR_PLOT_AXIS_Y);

  /* Y ticks need the height only; their labels' width sets the left margin, which sets the
   * width the X ticks have. */
  layout->area.y = top;
  layout->area.h = MAX (h - top - bottom, 1.0);
  layout->y.d0 = layout->area.y + layout->area.h;
  layout->y.d1 = layout->area.y;
  layout->y_ticks = axis_ticks (plot, HR_PLOT_AXIS_Y, &layout->y, layout->area.h, 4 * fs,
                                measure, tick_fs, FALSE, 0.5 * fs);
  layout->y_tick_size = category_tick_size (plot, HR_PLOT_AXIS_Y, &layout->y, layout->y_ticks,
                                            measure, tick_fs);
  if (y_title != NULL)
    {
      layout->y_label_x = left + text_height (measure, y_title, fs, FALSE) / 2;
      left += text_height (measure, y_title, fs, FALSE) + gap;
    }
  left += max_label_width (measure, layout->y_ticks, layout->y_tick_size) + tick_gap + tick_len;

  layout->area.x = left;
  layout->area.w = MAX (w - left - right, 1.0);
  layout->x.d0 = layout->area.x;
  layout->x.d1 = layout->area.x + layout->area.w;
  layout->x_ticks = axis_ticks (plot, HR_PLOT_AXIS_X, &layout->x, layout->area.w, 7 * fs,
                                measure, tick_fs, TRUE, 1.5 * fs);
  layout->x_tick_size = category_tick_size (plot, HR_PLOT_AXIS_X, &layout->x, layout->x_ticks,
                                            measure, tick_fs);

  /* The last X label is centred on its tick and may stick out of the frame. */
  last_w = 0;
  for (guint i = layout->x_ticks->len; i-- > 0;)
    {
      const PlotTick *tick = &g_array_index (layout->x_ticks, PlotTick, i);
      if (tick->label != NULL)
        {
          double d = plot_map_to_device (&layout->x, tick->value);
          last_w = MAX (0.0, d + text_width (measure, tick->label, layout->x_tick_size,
                                             FALSE) / 2 - (layout->area.x + layout->area.w));
          break;
        }
    }
  if (last_w > right - pad)
    {
      layout->area.w = MAX (layout->area.w - (last_w - (right - pad)), 1.0);
      layout->x.d1 = layout->area.x + layout->area.w;
    }

  snap_area (layout);
  place_title (plot, layout, measure);
  if (layout->legend_shown)
    place_legend (plot, layout, legend_w, legend_h);
}

static void
layout_heatmap (const HrPlot *plot, PlotLayout *layout, PlotMeasure *measure)
{
  const double fs = plot->font_size, label_fs = fs * PLOT_TICK_SCALE;
  const double pad = 0.8 * fs, gap = 0.5 * fs, tick_len = 4, tick_gap = 3;
  const guint rows = MAX (plot->rows, 1u), cols = MAX (plot->cols, 1u);
  g_autofree char *x_title = axis_title (&plot->axes[HR_PLOT_AXIS_X]);
  g_autofree char *y_title = axis_title (&plot->axes[HR_PLOT_AXIS_Y]);
  double w = layout->width, h = layout->height;
  double top = pad, x_title_h = 0, y_title_w = 0, row_w = 0, col_w = 0, col_h = 0;
  double colorbar_w = 0, header, avail_w, avail_h, cell, group_w, block_h, x0, y0;
  double bar_w = MAX (12.0, fs);

  if (plot->title != NULL && *plot->title != '\0')
    {
      layout->title_y = top;
      top += text_height (measure, plot->title, fs * PLOT_TITLE_SCALE, TRUE) + gap;
    }
  if (x_title != NULL)
    x_title_h = text_height (measure, x_title, fs, FALSE) + gap;
  if (y_title != NULL)
    y_title_w = text_height (measure, y_title, fs, FALSE) + gap;
  for (guint r = 0; plot->row_labels != NULL && r < plot->rows; r++)
    row_w = MAX (row_w, text_width (measure, plot->row_labels[r], label_fs, FALSE) + gap);
  for (guint c = 0; plot->col_labels != NULL && c < plot->cols; c++)
    {
      double cw, ch;
      plot_measure_text (measure, plot->col_labels[c], label_fs, FALSE, &cw, &ch);
      col_w = MAX (col_w, cw);
      col_h = MAX (col_h, ch);
    }

  /* Without a single value the colours mean nothing: no bar. */
  layout->colorbar_shown = FALSE;
  for (gsize i = 0; plot->colorbar && i < (gsize) plot->rows * plot->cols; i++)
    if (isfinite (plot->values[i]))
      {
        layout->colorbar_shown = TRUE;
        break;
      }
  plot_heatmap_effective_range (plot, &layout->cmap.lo, &layout->cmap.hi);
  if (layout->colorbar_shown)
    {
      /* The finest ticks the bar may get have the widest labels. */
      g_autoptr(GArray) probe = plot_ticks_new (layout->cmap.lo, layout->cmap.hi,
                                                HR_PLOT_SCALE_LINEAR, 10);
      colorbar_w = 2 * gap + bar_w + tick_len + tick_gap
                   + max_label_width (measure, probe, label_fs);
      if (plot->colorbar_label != NULL && *plot->colorbar_label != '\0')
        colorbar_w += gap + text_height (measure, plot->colorbar_label, fs, FALSE);
    }

  /* Square cells as large as fit; column labels turn upright when they are wider than a
   * cell, which makes the header taller and may shrink the cells. */
  avail_w = w - 2 * pad - y_title_w - row_w - colorbar_w;
  header = col_h > 0 ? col_h + gap : 0;
  avail_h = h - top - pad - x_title_h - header;
  cell = MIN (avail_w / cols, avail_h / rows);
  layout->col_labels_upright = col_w > 0.9 * cell;
  if (layout->col_labels_upright)
    {
      header = col_w + gap;
      avail_h = h - top - pad - x_title_h - header;
      cell = MIN (avail_w / cols, avail_h / rows);
    }
  cell = CLAMP (cell, 1.0, 7 * fs);
  if (cell > 8)
    cell = floor (cell);        /* whole pixels: crisp cell edges */
  layout->cell = cell;
  /* Many rows: labels shrink to the cell's height rather than overlap. */
  layout->label_font_size = MIN (label_fs, MAX (cell * 0.8, 1.0));

  group_w = y_title_w + row_w + cell * cols + colorbar_w;
  block_h = x_title_h + header + cell * rows;
  /* The grid on whole pixels; what is left of and above it follows. */
  x0 = round (MAX (pad, (w - group_w) / 2) + y_title_w + row_w) - y_title_w - row_w;
  y0 = round (top + MAX (0.0, (h - top - pad - block_h) / 2) + x_title_h + header)
       - x_title_h - header;
  layout->y_label_x = x0 + (y_title_w - gap) / 2;
  layout->x_label_y = y0;
  layout->area = (PlotRect) { x0 + y_title_w + row_w, y0 + x_title_h + header,
                              plot->cols > 0 ? cell * cols : 0,
                              plot->rows > 0 ? cell * rows : 0 };
  layout->x = (PlotMap) { 0, cols, FALSE, layout->area.x, layout->area.x + cell * cols };
  layout->y = (PlotMap) { 0, rows, FALSE, layout->area.y, layout->area.y + cell * rows };

  /* Cell text: as large as the base font, smaller when the cells or the texts ask. */
  layout->cell_font_size = MIN (fs, cell * 0.3);
  for (gsize i = 0; i < (gsize) plot->rows * plot->cols; i++)
    {
      const char *text = plot->cell_text != NULL ? plot->cell_text[i] : NULL;
      g_autofree char *value = NULL;
      double tw;

      if (text == NULL && !plot->show_values)
        continue;
      if (text == NULL)
        text = value = plot_format_fixed (plot->values[i], 2);
      tw = text_width (measure, text, layout->cell_font_size, FALSE);
      if (tw > 0.85 * cell)
        layout->cell_font_size *= 0.85 * cell / tw;
    }
  /* Text too small to read is noise: the colours alone speak (0 = no cell text). */
  if (layout->cell_font_size < 6.0)
    layout->cell_font_size = 0;

  if (layout->colorbar_shown)
    {
      layout->colorbar = (PlotRect) { layout->area.x + layout->area.w + 2 * gap, layout->area.y,
                                      bar_w, layout->area.h };
      layout->cmap.log = FALSE;
      layout->cmap.d0 = layout->colorbar.y + layout->colorbar.h;
      layout->cmap.d1 = layout->colorbar.y;
      layout->c_ticks = fit_ticks (&layout->cmap, layout->colorbar.h, 3 * fs, measure,
                                   label_fs, FALSE, 0.5 * fs);
      layout->colorbar_label_x = layout->colorbar.x + bar_w + tick_len + tick_gap
                                 + max_label_width (measure, layout->c_ticks, label_fs) + gap;
      if (plot->colorbar_label != NULL)
        layout->colorbar_label_size = fit_size (measure, plot->colorbar_label, fs, FALSE,
                                                MAX (layout->colorbar.h, h - top - pad));
    }
  place_title (plot, layout, measure);
}

PlotLayout *
plot_layout_new (const HrPlot *plot, double width, double height, PlotMeasure *measure)
{
  PlotLayout *layout = g_new0 (PlotLayout, 1);

  layout->width = isfinite (width) && width > 0 ? width : 1;
  layout->height = isfinite (height) && height > 0 ? height : 1;
  if (plot->kind == HR_PLOT_KIND_HEATMAP)
    layout_heatmap (plot, layout, measure);
  else
    layout_xy (plot, layout, measure);
  return layout;
}

const PlotLayout *
plot_layout_get (HrPlot *plot, double width, double height)
{
  PlotMeasure measure;

  if (plot->layout_cache != NULL && plot->layout_cache_serial == plot->serial
      && plot->layout_cache->width == width && plot->layout_cache->height == height)
    return plot->layout_cache;
  g_clear_pointer (&plot->layout_cache, plot_layout_free);
  plot_measure_init (&measure, PLOT_METRICS_PANGO, plot->font_family);
  plot->layout_cache = plot_layout_new (plot, width, height, &measure);
  plot->layout_cache_serial = plot->serial;
  plot_measure_clear (&measure);
  return plot->layout_cache;
}
