/* plot.c — the HrPlot object: what to draw, and the automatic ranges of its axes. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "plot-private.h"

G_DEFINE_QUARK (hr-plot-error-quark, hr_plot_error)
G_DEFINE_BOXED_TYPE (HrPlot, hr_plot, hr_plot_ref, hr_plot_unref)

#define DEFAULT_FAMILY "Sans"
#define DEFAULT_SIZE 12.0
#define DEFAULT_LINE_WIDTH 2.0

static const HrPlotRgba black = { 0, 0, 0, 1 };
static const HrPlotRgba white = { 1, 1, 1, 1 };

/* Text from callers may be anything; pango wants valid UTF-8. */
static char *
copy_text (const char *text)
{
  return text != NULL ? g_utf8_make_valid (text, -1) : NULL;
}

static void
series_free (gpointer data)
{
  PlotSeries *series = data;

  g_free (series->name);
  g_free (series->x);
  g_free (series->y);
  g_free (series);
}

static void
annotation_clear (gpointer data)
{
  PlotAnnotation *annotation = data;
  g_free (annotation->label);
}

static HrPlot *
plot_new (HrPlotKind kind)
{
  HrPlot *plot = g_new0 (HrPlot, 1);

  g_ref_count_init (&plot->ref_count);
  plot->kind = kind;
  plot->font_family = g_strdup (DEFAULT_FAMILY);
  plot->font_size = DEFAULT_SIZE;
  plot->fg = black;
  plot->bg = white;
  for (guint i = 0; i < G_N_ELEMENTS (plot->axes); i++)
    {
      plot->axes[i].min = NAN;
      plot->axes[i].max = NAN;
      plot->axes[i].scale = HR_PLOT_SCALE_LINEAR;
    }
  plot->grid = TRUE;
  plot->series = g_ptr_array_new_with_free_func (series_free);
  plot->annotations = g_array_new (FALSE, TRUE, sizeof (PlotAnnotation));
  g_array_set_clear_func (plot->annotations, annotation_clear);
  plot->legend = HR_PLOT_LEGEND_BEST;
  plot->show_values = TRUE;
  plot->colormap = HR_PLOT_COLORMAP_DIVERGING;
  plot->threshold_low = 0.0;
  plot->threshold_high = 0.1;
  plot->color_min = NAN;
  plot->color_max = NAN;
  plot->colorbar = TRUE;
  return plot;
}

HrPlot *
hr_plot_new_xy (void)
{
  return plot_new (HR_PLOT_KIND_XY);
}

HrPlot *
hr_plot_new_heatmap (guint rows, guint cols, const double *values)
{
  HrPlot *plot;
  gsize n;

  g_return_val_if_fail (rows <= 10000 && cols <= 10000, NULL);

  plot = plot_new (HR_PLOT_KIND_HEATMAP);
  plot->legend = HR_PLOT_LEGEND_NONE;
  plot->rows = rows;
  plot->cols = cols;
  n = (gsize) rows * cols;
  plot->values = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    plot->values[i] = values != NULL ? values[i] : NAN;
  return plot;
}

HrPlot *
hr_plot_ref (HrPlot *plot)
{
  g_return_val_if_fail (plot != NULL, NULL);
  g_ref_count_inc (&plot->ref_count);
  return plot;
}

static void
free_cell_text (HrPlot *plot)
{
  if (plot->cell_text == NULL)
    return;
  for (gsize i = 0; i < (gsize) plot->rows * plot->cols; i++)
    g_free (plot->cell_text[i]);
  g_clear_pointer (&plot->cell_text, g_free);
}

void
hr_plot_unref (HrPlot *plot)
{
  g_return_if_fail (plot != NULL);
  if (!g_ref_count_dec (&plot->ref_count))
    return;
  g_free (plot->title);
  g_free (plot->font_family);
  for (guint i = 0; i < G_N_ELEMENTS (plot->axes); i++)
    {
      g_free (plot->axes[i].label);
      g_free (plot->axes[i].unit);
      g_strfreev (plot->axes[i].categories);
    }
  g_ptr_array_unref (plot->series);
  g_array_unref (plot->annotations);
  g_free (plot->values);
  g_strfreev (plot->row_labels);
  g_strfreev (plot->col_labels);
  free_cell_text (plot);
  g_free (plot->colorbar_label);
  g_clear_pointer (&plot->layout_cache, plot_layout_free);
  g_free (plot);
}

void
plot_changed (HrPlot *plot)
{
  plot->serial++;
}

HrPlotKind
hr_plot_get_kind (const HrPlot *plot)
{
  g_return_val_if_fail (plot != NULL, HR_PLOT_KIND_XY);
  return plot->kind;
}

void
hr_plot_set_title (HrPlot *plot, const char *title)
{
  g_return_if_fail (plot != NULL);
  g_free (plot->title);
  plot->title = copy_text (title);
  plot_changed (plot);
}

void
hr_plot_set_font (HrPlot *plot, const char *family, double size)
{
  g_return_if_fail (plot != NULL);
  g_free (plot->font_family);
  plot->font_family = g_strdup (family != NULL && *family != '\0' ? family : DEFAULT_FAMILY);
  plot->font_size = size > 0 && isfinite (size) ? size : DEFAULT_SIZE;
  plot_changed (plot);
}

void
hr_plot_set_colors (HrPlot *plot, const HrPlotRgba *foreground, const HrPlotRgba *background)
{
  static const HrPlotRgba transparent = { 0, 0, 0, 0 };

  g_return_if_fail (plot != NULL);
  plot->fg = foreground != NULL ? *foreground : black;
  plot->bg = background != NULL ? *background : transparent;
  plot_changed (plot);
}

void
hr_plot_set_axis_label (HrPlot *plot, HrPlotAxis axis, const char *label, const char *unit)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (axis <= HR_PLOT_AXIS_Y);
  g_free (plot->axes[axis].label);
  g_free (plot->axes[axis].unit);
  plot->axes[axis].label = copy_text (label);
  plot->axes[axis].unit = copy_text (unit);
  plot_changed (plot);
}

void
hr_plot_set_axis_range (HrPlot *plot, HrPlotAxis axis, double min, double max)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (axis <= HR_PLOT_AXIS_Y);
  /* ±inf is no range either: automatic. */
  plot->axes[axis].min = isfinite (min) ? min : NAN;
  plot->axes[axis].max = isfinite (max) ? max : NAN;
  plot_changed (plot);
}

void
hr_plot_get_axis_range_request (HrPlot *plot, HrPlotAxis axis, double *min, double *max)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (axis <= HR_PLOT_AXIS_Y);
  *min = plot->axes[axis].min;
  *max = plot->axes[axis].max;
}

void
hr_plot_set_axis_scale (HrPlot *plot, HrPlotAxis axis, HrPlotScale scale)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (axis <= HR_PLOT_AXIS_Y);
  g_return_if_fail (scale <= HR_PLOT_SCALE_LOG);
  plot->axes[axis].scale = scale;
  plot_changed (plot);
}

/* N labels as a strv ("" for NULL entries), or NULL for none. */
static char **
copy_labels (const char *const *labels, gsize n)
{
  char **copy;

  if (labels == NULL || n == 0)
    return NULL;
  copy = g_new0 (char *, n + 1);
  for (gsize i = 0; i < n; i++)
    copy[i] = labels[i] != NULL ? copy_text (labels[i]) : g_strdup ("");
  return copy;
}

void
hr_plot_set_axis_categories (HrPlot *plot, HrPlotAxis axis, const char *const *names, gsize n)
{
  PlotAxis *a;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_XY);
  g_return_if_fail (axis <= HR_PLOT_AXIS_Y);
  g_return_if_fail (n <= 10000);
  a = &plot->axes[axis];
  g_strfreev (a->categories);
  a->categories = copy_labels (names, n);
  a->n_categories = a->categories != NULL ? (guint) n : 0;
  plot_changed (plot);
}

guint
hr_plot_get_axis_n_categories (const HrPlot *plot, HrPlotAxis axis)
{
  g_return_val_if_fail (plot != NULL, 0);
  g_return_val_if_fail (axis <= HR_PLOT_AXIS_Y, 0);
  return plot_axis_is_categorical (plot, axis) ? plot->axes[axis].n_categories : 0;
}

const char *
hr_plot_get_axis_category (const HrPlot *plot, HrPlotAxis axis, double value)
{
  double i;

  g_return_val_if_fail (plot != NULL, NULL);
  g_return_val_if_fail (axis <= HR_PLOT_AXIS_Y, NULL);
  if (!plot_axis_is_categorical (plot, axis) || !isfinite (value))
    return NULL;
  /* Slot i is i − 0.5 … i + 0.5; a boundary belongs to the category on its right. */
  i = floor (value + 0.5);
  if (i < 0 || i >= plot->axes[axis].n_categories)
    return NULL;
  return plot->axes[axis].categories[(guint) i];
}

gboolean
plot_axis_is_categorical (const HrPlot *plot, HrPlotAxis axis)
{
  return plot->kind == HR_PLOT_KIND_XY && plot->axes[axis].n_categories > 0;
}

void
hr_plot_set_grid (HrPlot *plot, gboolean show)
{
  g_return_if_fail (plot != NULL);
  plot->grid = !!show;
  plot_changed (plot);
}

guint
hr_plot_add_series (HrPlot *plot, const char *name, const double *x, const double *y,
                    gsize n)
{
  PlotSeries *series;

  g_return_val_if_fail (plot != NULL, 0);
  g_return_val_if_fail (plot->kind == HR_PLOT_KIND_XY, 0);
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), 0);

  series = g_new0 (PlotSeries, 1);
  series->name = copy_text (name);
  series->x = g_memdup2 (x, n * sizeof (double));
  series->y = g_memdup2 (y, n * sizeof (double));
  series->n = n;
  hr_plot_palette_color (plot->series->len, &series->color);
  series->style = HR_PLOT_LINE_SOLID;
  series->width = DEFAULT_LINE_WIDTH;
  g_ptr_array_add (plot->series, series);
  plot_changed (plot);
  return plot->series->len - 1;
}

guint
hr_plot_get_n_series (const HrPlot *plot)
{
  g_return_val_if_fail (plot != NULL, 0);
  return plot->series->len;
}

static PlotSeries *
get_series (HrPlot *plot, guint index)
{
  g_return_val_if_fail (plot != NULL, NULL);
  g_return_val_if_fail (index < plot->series->len, NULL);
  return g_ptr_array_index (plot->series, index);
}

void
hr_plot_series_set_color (HrPlot *plot, guint series, const HrPlotRgba *color)
{
  PlotSeries *s = get_series (plot, series);

  g_return_if_fail (s != NULL);
  if (color != NULL)
    s->color = *color;
  else
    hr_plot_palette_color (series, &s->color);
  plot_changed (plot);
}

void
hr_plot_series_set_color_index (HrPlot *plot, guint series, guint palette_index)
{
  PlotSeries *s = get_series (plot, series);

  g_return_if_fail (s != NULL);
  hr_plot_palette_color (palette_index, &s->color);
  plot_changed (plot);
}

void
hr_plot_series_set_line (HrPlot *plot, guint series, HrPlotLineStyle style, double width)
{
  PlotSeries *s = get_series (plot, series);

  g_return_if_fail (s != NULL);
  g_return_if_fail (style <= HR_PLOT_LINE_NONE);
  s->style = style;
  if (width > 0 && isfinite (width))
    s->width = width;
  plot_changed (plot);
}

void
hr_plot_series_set_points (HrPlot *plot, guint series, gboolean show)
{
  PlotSeries *s = get_series (plot, series);

  g_return_if_fail (s != NULL);
  s->points = !!show;
  plot_changed (plot);
}

void
hr_plot_set_legend (HrPlot *plot, HrPlotLegend legend)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (legend <= HR_PLOT_LEGEND_OUTSIDE_RIGHT);
  plot->legend = legend;
  plot_changed (plot);
}

static PlotAnnotation *
add_annotation (HrPlot *plot, PlotAnnotationKind kind, const char *label,
                const HrPlotRgba *color)
{
  PlotAnnotation annotation = { 0 };

  annotation.kind = kind;
  annotation.label = copy_text (label);
  annotation.color = color != NULL ? *color : plot->fg;
  g_array_append_val (plot->annotations, annotation);
  plot_changed (plot);
  return &g_array_index (plot->annotations, PlotAnnotation, plot->annotations->len - 1);
}

void
hr_plot_add_marker (HrPlot *plot, double x, double y, const char *label,
                    const HrPlotRgba *color)
{
  PlotAnnotation *a;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_XY);
  a = add_annotation (plot, PLOT_ANNOTATION_MARKER, label, color);
  a->x0 = x;
  a->y0 = y;
}

void
hr_plot_add_band (HrPlot *plot, HrPlotAxis axis, double from, double to, const char *label,
                  const HrPlotRgba *color)
{
  PlotAnnotation *a;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_XY);
  g_return_if_fail (axis <= HR_PLOT_AXIS_Y);
  a = add_annotation (plot, PLOT_ANNOTATION_BAND, label, color);
  a->axis = axis;
  a->x0 = from > to ? to : from;      /* a NAN end stays NAN: no band */
  a->x1 = from > to ? from : to;
}

void
hr_plot_add_line (HrPlot *plot, HrPlotAxis axis, double value, const char *label,
                  const HrPlotRgba *color)
{
  PlotAnnotation *a;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_XY);
  g_return_if_fail (axis <= HR_PLOT_AXIS_Y);
  a = add_annotation (plot, PLOT_ANNOTATION_LINE, label, color);
  a->axis = axis;
  a->x0 = value;
}

void
hr_plot_add_rect (HrPlot *plot, double x0, double y0, double x1, double y1,
                  const char *label, const HrPlotRgba *stroke, const HrPlotRgba *fill)
{
  PlotAnnotation *a;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_XY);
  a = add_annotation (plot, PLOT_ANNOTATION_RECT, label, stroke);
  a->x0 = x0;
  a->y0 = y0;
  a->x1 = x1;
  a->y1 = y1;
  if (fill != NULL)
    a->fill = *fill;
}

void
hr_plot_add_text (HrPlot *plot, double x, double y, const char *text, HrPlotAnchor anchor,
                  const HrPlotRgba *color)
{
  PlotAnnotation *a;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_XY);
  g_return_if_fail (text != NULL);
  g_return_if_fail (anchor <= HR_PLOT_ANCHOR_BOTTOM_RIGHT);
  a = add_annotation (plot, PLOT_ANNOTATION_TEXT, text, color);
  a->x0 = x;
  a->y0 = y;
  a->anchor = anchor;
}

void
hr_plot_heatmap_set_labels (HrPlot *plot, const char *const *row_labels, gsize n_rows,
                            const char *const *col_labels, gsize n_cols)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_HEATMAP);
  g_return_if_fail (row_labels == NULL || n_rows == plot->rows);
  g_return_if_fail (col_labels == NULL || n_cols == plot->cols);
  g_strfreev (plot->row_labels);
  g_strfreev (plot->col_labels);
  plot->row_labels = copy_labels (row_labels, n_rows);
  plot->col_labels = copy_labels (col_labels, n_cols);
  plot_changed (plot);
}

void
hr_plot_heatmap_set_cell_text (HrPlot *plot, const char *const *text, gsize n)
{
  gsize cells;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_HEATMAP);
  cells = (gsize) plot->rows * plot->cols;
  g_return_if_fail (text == NULL || n == cells);
  free_cell_text (plot);
  if (text != NULL)
    {
      plot->cell_text = g_new0 (char *, MAX (cells, 1));
      for (gsize i = 0; i < cells; i++)
        plot->cell_text[i] = copy_text (text[i]);
    }
  plot_changed (plot);
}

void
hr_plot_heatmap_set_show_values (HrPlot *plot, gboolean show)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_HEATMAP);
  plot->show_values = !!show;
  plot_changed (plot);
}

void
hr_plot_heatmap_set_colormap (HrPlot *plot, HrPlotColormap colormap, double low, double high)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_HEATMAP);
  g_return_if_fail (colormap <= HR_PLOT_COLORMAP_SEQUENTIAL);
  g_return_if_fail (colormap != HR_PLOT_COLORMAP_DIVERGING
                    || (isfinite (low) && isfinite (high)));
  plot->colormap = colormap;
  if (colormap == HR_PLOT_COLORMAP_DIVERGING)
    {
      plot->threshold_low = MIN (low, high);
      plot->threshold_high = MAX (low, high);
    }
  plot_changed (plot);
}

void
hr_plot_heatmap_set_range (HrPlot *plot, double min, double max)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_HEATMAP);
  plot->color_min = isfinite (min) ? min : NAN;
  plot->color_max = isfinite (max) ? max : NAN;
  plot_changed (plot);
}

void
hr_plot_heatmap_set_colorbar (HrPlot *plot, gboolean show, const char *label)
{
  g_return_if_fail (plot != NULL);
  g_return_if_fail (plot->kind == HR_PLOT_KIND_HEATMAP);
  plot->colorbar = !!show;
  g_free (plot->colorbar_label);
  plot->colorbar_label = copy_text (label);
  plot_changed (plot);
}

/* ---- Automatic ranges ------------------------------------------------------------------ */

typedef struct {
  HrPlotScale scale;
  double lo, hi;
} Extent;

static void
extent_add (Extent *extent, double value)
{
  if (!isfinite (value) || (extent->scale == HR_PLOT_SCALE_LOG && value <= 0))
    return;
  extent->lo = isnan (extent->lo) ? value : MIN (extent->lo, value);
  extent->hi = isnan (extent->hi) ? value : MAX (extent->hi, value);
}

static void
extent_add_annotations (const HrPlot *plot, HrPlotAxis axis, Extent *extent)
{
  for (guint i = 0; i < plot->annotations->len; i++)
    {
      const PlotAnnotation *a = &g_array_index (plot->annotations, PlotAnnotation, i);

      switch (a->kind)
        {
        case PLOT_ANNOTATION_MARKER:
        case PLOT_ANNOTATION_TEXT:
          extent_add (extent, axis == HR_PLOT_AXIS_X ? a->x0 : a->y0);
          break;
        case PLOT_ANNOTATION_RECT:
          extent_add (extent, axis == HR_PLOT_AXIS_X ? a->x0 : a->y0);
          extent_add (extent, axis == HR_PLOT_AXIS_X ? a->x1 : a->y1);
          break;
        case PLOT_ANNOTATION_BAND:
          if (a->axis == axis)
            {
              extent_add (extent, a->x0);
              extent_add (extent, a->x1);
            }
          break;
        case PLOT_ANNOTATION_LINE:
          if (a->axis == axis)
            extent_add (extent, a->x0);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
plot_axis_effective_range (const HrPlot *plot, HrPlotAxis axis, double *lo, double *hi)
{
  const PlotAxis *a = &plot->axes[axis];
  Extent extent = { a->scale, NAN, NAN };
  gboolean lo_auto, hi_auto;

  if (plot->kind == HR_PLOT_KIND_HEATMAP)
    {
      *lo = 0;
      *hi = axis == HR_PLOT_AXIS_X ? plot->cols : plot->rows;
      return;
    }
  if (plot_axis_is_categorical (plot, axis))
    {
      /* Every slot whole, whatever the data: a bar's edge is no reason to add a category. */
      *lo = isnan (a->min) ? -0.5 : a->min;
      *hi = isnan (a->max) ? a->n_categories - 0.5 : a->max;
      if (!(*lo < *hi))
        {
          *lo = -0.5;
          *hi = a->n_categories - 0.5;
        }
      return;
    }

  lo_auto = isnan (a->min) || (a->scale == HR_PLOT_SCALE_LOG && a->min <= 0);
  hi_auto = isnan (a->max) || (a->scale == HR_PLOT_SCALE_LOG && a->max <= 0);
  if (lo_auto || hi_auto)
    {
      for (guint i = 0; i < plot->series->len; i++)
        {
          const PlotSeries *s = g_ptr_array_index (plot->series, i);
          const double *v = axis == HR_PLOT_AXIS_X ? s->x : s->y;
          for (gsize j = 0; j < s->n; j++)
            extent_add (&extent, v[j]);
        }
      extent_add_annotations (plot, axis, &extent);
    }
  *lo = lo_auto ? extent.lo : a->min;
  *hi = hi_auto ? extent.hi : a->max;
  /* A fixed end the data lies entirely beyond: the automatic end follows the fixed one. */
  if (lo_auto && !hi_auto && !(*lo < *hi))
    *lo = NAN;
  if (hi_auto && !lo_auto && !(*hi > *lo))
    *hi = NAN;
  plot_range_widen (lo, hi, a->scale, lo_auto, hi_auto);
}

void
plot_heatmap_effective_range (const HrPlot *plot, double *lo, double *hi)
{
  Extent extent = { HR_PLOT_SCALE_LINEAR, NAN, NAN };
  gboolean lo_auto = isnan (plot->color_min), hi_auto = isnan (plot->color_max);

  for (gsize i = 0; i < (gsize) plot->rows * plot->cols; i++)
    extent_add (&extent, plot->values[i]);
  /* The diverging map shows all three of its colours on the bar. */
  if (plot->colormap == HR_PLOT_COLORMAP_DIVERGING && !isnan (extent.lo))
    {
      extent_add (&extent, plot->threshold_low);
      extent_add (&extent, plot->threshold_high);
    }
  *lo = lo_auto ? extent.lo : plot->color_min;
  *hi = hi_auto ? extent.hi : plot->color_max;
  if (lo_auto && !hi_auto && !(*lo < *hi))
    *lo = NAN;
  if (hi_auto && !lo_auto && !(*hi > *lo))
    *hi = NAN;
  plot_range_widen (lo, hi, HR_PLOT_SCALE_LINEAR, lo_auto, hi_auto);
}

void
hr_plot_get_axis_range (HrPlot *plot, HrPlotAxis axis, double *min, double *max)
{
  double lo, hi;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (axis <= HR_PLOT_AXIS_Y);
  plot_axis_effective_range (plot, axis, &lo, &hi);
  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
}

/* ---- Coordinates ----------------------------------------------------------------------- */

void
hr_plot_get_plot_area (HrPlot *plot, double width, double height, double *x, double *y,
                       double *area_width, double *area_height)
{
  const PlotLayout *layout;

  g_return_if_fail (plot != NULL);
  layout = plot_layout_get (plot, width, height);
  if (x != NULL)
    *x = layout->area.x;
  if (y != NULL)
    *y = layout->area.y;
  if (area_width != NULL)
    *area_width = layout->area.w;
  if (area_height != NULL)
    *area_height = layout->area.h;
}

gboolean
hr_plot_data_to_device (HrPlot *plot, double width, double height, double x, double y,
                        double *device_x, double *device_y)
{
  const PlotLayout *layout;

  g_return_val_if_fail (plot != NULL, FALSE);
  layout = plot_layout_get (plot, width, height);
  if (!plot_map_accepts (&layout->x, x) || !plot_map_accepts (&layout->y, y))
    return FALSE;
  if (device_x != NULL)
    *device_x = plot_map_to_device (&layout->x, x);
  if (device_y != NULL)
    *device_y = plot_map_to_device (&layout->y, y);
  return TRUE;
}

gboolean
hr_plot_device_to_data (HrPlot *plot, double width, double height, double device_x,
                        double device_y, double *x, double *y)
{
  const PlotLayout *layout;

  g_return_val_if_fail (plot != NULL, FALSE);
  if (!isfinite (device_x) || !isfinite (device_y))
    return FALSE;
  layout = plot_layout_get (plot, width, height);
  if (x != NULL)
    *x = plot_map_to_data (&layout->x, device_x);
  if (y != NULL)
    *y = plot_map_to_data (&layout->y, device_y);
  return TRUE;
}
