/* plot-render.c — turns a plot and its layout into a display list, and draws it. */
#include "hr-config.h"

#include <math.h>

#include "plot-private.h"

#define TICK_LEN 4.0
#define TICK_GAP 3.0

typedef struct {
  HrPlot *plot;
  const PlotLayout *layout;
  PlotDisplayList *list;
  PlotMeasure *measure;
} Ctx;

static HrPlotRgba
fg_alpha (const Ctx *ctx, double alpha)
{
  HrPlotRgba c;
  plot_color_with_alpha (&ctx->plot->fg, alpha, &c);
  return c;
}

/* 1-unit lines on pixel centres, so that PNG grid lines and frames are crisp. */
static double
crisp (double v)
{
  return floor (v) + 0.5;
}

static void
draw_background (Ctx *ctx)
{
  if (ctx->plot->bg.alpha > 0)
    plot_dl_rect (ctx->list, 0, 0, ctx->layout->width, ctx->layout->height, &ctx->plot->bg,
                  NULL, 0);
}

static void
draw_title (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  HrPlot *plot = ctx->plot;

  if (plot->title == NULL || *plot->title == '\0')
    return;
  plot_dl_text (ctx->list, l->title_x, l->title_y, plot->title, l->title_size, TRUE,
                HR_PLOT_ANCHOR_TOP, 0, &plot->fg);
}

/* ---- Line plots ------------------------------------------------------------------------ */

static void
draw_grid (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  HrPlotRgba major = fg_alpha (ctx, 0.12), minor = fg_alpha (ctx, 0.05);

  if (!ctx->plot->grid)
    return;
  /* A category's tick marks its centre, where its bar stands: a grid line would cut it. */
  for (guint i = 0; !plot_axis_is_categorical (ctx->plot, HR_PLOT_AXIS_X)
                    && i < l->x_ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (l->x_ticks, PlotTick, i);
      double x = crisp (plot_map_to_device (&l->x, t->value));
      if (x > l->area.x + 1 && x < l->area.x + l->area.w - 1)
        plot_dl_line (ctx->list, x, l->area.y, x, l->area.y + l->area.h,
                      t->major ? &major : &minor, 1, HR_PLOT_LINE_SOLID);
    }
  for (guint i = 0; !plot_axis_is_categorical (ctx->plot, HR_PLOT_AXIS_Y)
                    && i < l->y_ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (l->y_ticks, PlotTick, i);
      double y = crisp (plot_map_to_device (&l->y, t->value));
      if (y > l->area.y + 1 && y < l->area.y + l->area.h - 1)
        plot_dl_line (ctx->list, l->area.x, y, l->area.x + l->area.w, y,
                      t->major ? &major : &minor, 1, HR_PLOT_LINE_SOLID);
    }
}

static void
draw_axes (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  HrPlot *plot = ctx->plot;
  HrPlotRgba frame = fg_alpha (ctx, 0.85);
  double bottom = l->area.y + l->area.h, left = l->area.x;
  g_autofree char *x_title = plot_axis_title (plot, HR_PLOT_AXIS_X);
  g_autofree char *y_title = plot_axis_title (plot, HR_PLOT_AXIS_Y);

  plot_dl_rect (ctx->list, l->area.x, l->area.y, l->area.w, l->area.h, NULL, &frame, 1);
  for (guint i = 0; i < l->x_ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (l->x_ticks, PlotTick, i);
      double x = crisp (plot_map_to_device (&l->x, t->value));
      double len = t->major ? TICK_LEN : TICK_LEN / 2;

      plot_dl_line (ctx->list, x, bottom, x, bottom + len, &frame, 1, HR_PLOT_LINE_SOLID);
      if (t->label != NULL)
        plot_dl_text (ctx->list, x, bottom + TICK_LEN + TICK_GAP, t->label, l->x_tick_size,
                      FALSE, HR_PLOT_ANCHOR_TOP, 0, &plot->fg);
    }
  for (guint i = 0; i < l->y_ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (l->y_ticks, PlotTick, i);
      double y = crisp (plot_map_to_device (&l->y, t->value));
      double len = t->major ? TICK_LEN : TICK_LEN / 2;

      plot_dl_line (ctx->list, left - len, y, left, y, &frame, 1, HR_PLOT_LINE_SOLID);
      if (t->label != NULL)
        plot_dl_text (ctx->list, left - TICK_LEN - TICK_GAP, y, t->label, l->y_tick_size,
                      FALSE, HR_PLOT_ANCHOR_RIGHT, 0, &plot->fg);
    }
  if (x_title != NULL)
    plot_dl_text (ctx->list, l->area.x + l->area.w / 2, l->x_label_y, x_title,
                  plot->font_size * PLOT_LABEL_SCALE, FALSE, HR_PLOT_ANCHOR_CENTER, 0,
                  &plot->fg);
  if (y_title != NULL)
    plot_dl_text (ctx->list, l->y_label_x, l->area.y + l->area.h / 2, y_title,
                  plot->font_size * PLOT_LABEL_SCALE, FALSE, HR_PLOT_ANCHOR_CENTER, 90,
                  &plot->fg);
}

/* Liang–Barsky: clips the segment A→B to R; T0, T1 are the kept part's parameters. */
static gboolean
clip_segment (const PlotRect *r, const double a[2], const double b[2], double *t0, double *t1)
{
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { a[0] - r->x, r->x + r->w - a[0], a[1] - r->y, r->y + r->h - a[1] };

  *t0 = 0;
  *t1 = 1;
  for (int i = 0; i < 4; i++)
    {
      double t;

      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      t = q[i] / p[i];
      if (p[i] < 0)
        *t0 = MAX (*t0, t);
      else
        *t1 = MIN (*t1, t);
      if (*t0 > *t1)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  Ctx *ctx;
  GArray *points;
  const HrPlotRgba *color;
  double width;
  HrPlotLineStyle style;
} Polyline;

static void
polyline_flush (Polyline *pl)
{
  if (pl->points->len >= 4)
    plot_dl_path (pl->ctx->list, (const double *) (void *) pl->points->data,
                  pl->points->len / 2, FALSE, NULL, pl->color, pl->width, pl->style);
  g_array_set_size (pl->points, 0);
}

static void
polyline_push (Polyline *pl, double x, double y)
{
  g_array_append_val (pl->points, x);
  g_array_append_val (pl->points, y);
}

/* Device coordinates of data point (X, Y), or FALSE if it has none. Far-away points are
 * pulled in to ±1e9 so that cairo's fixed-point coordinates never overflow; only lines to
 * points a million plot-widths away change direction, invisibly. */
static gboolean
to_device (const PlotLayout *l, double x, double y, double d[2])
{
  if (!plot_map_accepts (&l->x, x) || !plot_map_accepts (&l->y, y))
    return FALSE;
  d[0] = CLAMP (plot_map_to_device (&l->x, x), -1e9, 1e9);
  d[1] = CLAMP (plot_map_to_device (&l->y, y), -1e9, 1e9);
  return !isnan (d[0]) && !isnan (d[1]);
}

static void
draw_series_line (Ctx *ctx, const PlotSeries *s, const PlotRect *clip)
{
  Polyline pl = { ctx, g_array_new (FALSE, FALSE, sizeof (double)), &s->color, s->width,
                  s->style };
  double prev[2], cur[2];
  gboolean have_prev = FALSE;

  for (gsize i = 0; i < s->n; i++)
    {
      double t0, t1;

      if (!to_device (ctx->layout, s->x[i], s->y[i], cur))
        {
          polyline_flush (&pl);
          have_prev = FALSE;
          continue;
        }
      if (have_prev && clip_segment (clip, prev, cur, &t0, &t1))
        {
          if (pl.points->len == 0 || t0 > 0)
            {
              polyline_flush (&pl);
              polyline_push (&pl, prev[0] + t0 * (cur[0] - prev[0]),
                             prev[1] + t0 * (cur[1] - prev[1]));
            }
          polyline_push (&pl, prev[0] + t1 * (cur[0] - prev[0]),
                         prev[1] + t1 * (cur[1] - prev[1]));
          if (t1 < 1)
            polyline_flush (&pl);
        }
      else if (have_prev)
        polyline_flush (&pl);
      prev[0] = cur[0];
      prev[1] = cur[1];
      have_prev = TRUE;
    }
  polyline_flush (&pl);
  g_array_unref (pl.points);
}

static gboolean
inside (const PlotRect *r, const double d[2])
{
  return d[0] >= r->x && d[0] <= r->x + r->w && d[1] >= r->y && d[1] <= r->y + r->h;
}

static void
draw_series (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  /* Lines along the frame (a transfer curve at 0 V and VDD) keep their full width. */
  PlotRect clip = { l->area.x - 2, l->area.y - 2, l->area.w + 4, l->area.h + 4 };

  for (guint i = 0; i < ctx->plot->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (ctx->plot->series, i);
      double d[2];

      if (s->style != HR_PLOT_LINE_NONE)
        draw_series_line (ctx, s, &clip);
      if (!s->points)
        continue;
      for (gsize j = 0; j < s->n; j++)
        if (to_device (l, s->x[j], s->y[j], d) && inside (&clip, d))
          plot_dl_circle (ctx->list, d[0], d[1], MAX (2.5, s->width * 1.25), &s->color, NULL,
                          0);
    }
}

/* Device interval of FROM…TO on MAP, clamped to the area's D0…D1; FALSE if empty. */
static gboolean
span_on (const PlotMap *map, double from, double to, double *a, double *b)
{
  double lo = MIN (map->d0, map->d1), hi = MAX (map->d0, map->d1);
  double da, db;

  if (isnan (from) || isnan (to))
    return FALSE;
  da = from == -INFINITY || (map->log && from <= 0) ? map->d0
       : from == INFINITY ? map->d1 : plot_map_to_device (map, from);
  db = to == INFINITY ? map->d1
       : to == -INFINITY || (map->log && to <= 0) ? map->d0 : plot_map_to_device (map, to);
  *a = CLAMP (MIN (da, db), lo, hi);
  *b = CLAMP (MAX (da, db), lo, hi);
  return *b > *a;
}

static void
draw_annotation_shapes (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;

  for (guint i = 0; i < ctx->plot->annotations->len; i++)
    {
      const PlotAnnotation *a = &g_array_index (ctx->plot->annotations, PlotAnnotation, i);
      double p[2], q[2], u, v;
      HrPlotRgba c;

      switch (a->kind)
        {
        case PLOT_ANNOTATION_BAND:
          plot_color_with_alpha (&a->color, 0.2, &c);
          if (a->axis == HR_PLOT_AXIS_X && span_on (&l->x, a->x0, a->x1, &u, &v))
            plot_dl_rect (ctx->list, u, l->area.y, v - u, l->area.h, &c, NULL, 0);
          else if (a->axis == HR_PLOT_AXIS_Y && span_on (&l->y, a->x0, a->x1, &u, &v))
            plot_dl_rect (ctx->list, l->area.x, u, l->area.w, v - u, &c, NULL, 0);
          break;
        case PLOT_ANNOTATION_LINE:
          if (a->axis == HR_PLOT_AXIS_X && plot_map_accepts (&l->x, a->x0))
            {
              u = plot_map_to_device (&l->x, a->x0);
              plot_dl_line (ctx->list, u, l->area.y, u, l->area.y + l->area.h, &a->color, 1,
                            HR_PLOT_LINE_DASHED);
            }
          else if (a->axis == HR_PLOT_AXIS_Y && plot_map_accepts (&l->y, a->x0))
            {
              u = plot_map_to_device (&l->y, a->x0);
              plot_dl_line (ctx->list, l->area.x, u, l->area.x + l->area.w, u, &a->color, 1,
                            HR_PLOT_LINE_DASHED);
            }
          break;
        case PLOT_ANNOTATION_RECT:
          if (to_device (l, a->x0, a->y0, p) && to_device (l, a->x1, a->y1, q))
            plot_dl_rect (ctx->list, MIN (p[0], q[0]), MIN (p[1], q[1]), fabs (q[0] - p[0]),
                          fabs (q[1] - p[1]), a->fill.alpha > 0 ? &a->fill : NULL, &a->color,
                          1.5);
          break;
        case PLOT_ANNOTATION_MARKER:
        case PLOT_ANNOTATION_TEXT:
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
draw_markers (Ctx *ctx)
{
  for (guint i = 0; i < ctx->plot->annotations->len; i++)
    {
      const PlotAnnotation *a = &g_array_index (ctx->plot->annotations, PlotAnnotation, i);
      double p[2];

      if (a->kind == PLOT_ANNOTATION_MARKER && to_device (ctx->layout, a->x0, a->y0, p))
        plot_dl_circle (ctx->list, p[0], p[1], 4, &a->color, &ctx->plot->bg, 1.5);
    }
}

/* Marker labels go up and right of the dot, or to whichever side has room. */
static void
draw_marker_label (Ctx *ctx, const PlotAnnotation *a, double size)
{
  const PlotRect *r = &ctx->layout->area;
  double p[2], w, h, x, y;
  gboolean left, below;
  static const HrPlotAnchor anchors[2][2] = {
    { HR_PLOT_ANCHOR_BOTTOM_LEFT, HR_PLOT_ANCHOR_TOP_LEFT },
    { HR_PLOT_ANCHOR_BOTTOM_RIGHT, HR_PLOT_ANCHOR_TOP_RIGHT },
  };

  if (!to_device (ctx->layout, a->x0, a->y0, p))
    return;
  plot_measure_text (ctx->measure, a->label, size, FALSE, &w, &h);
  left = p[0] + 6 + w > r->x + r->w;
  below = p[1] - 4 - h < r->y;
  x = left ? p[0] - 6 : p[0] + 6;
  y = below ? p[1] + 4 : p[1] - 4;
  plot_dl_text (ctx->list, x, y, a->label, size, FALSE, anchors[left][below], 0, &a->color);
}

static void
draw_annotation_labels (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  double size = ctx->plot->font_size * PLOT_NOTE_SCALE;

  for (guint i = 0; i < ctx->plot->annotations->len; i++)
    {
      const PlotAnnotation *a = &g_array_index (ctx->plot->annotations, PlotAnnotation, i);
      double p[2], q[2], u, v, w, h;

      if (a->label == NULL || *a->label == '\0')
        continue;
      switch (a->kind)
        {
        case PLOT_ANNOTATION_MARKER:
          draw_marker_label (ctx, a, size);
          break;
        case PLOT_ANNOTATION_BAND:
          if (a->axis == HR_PLOT_AXIS_X && span_on (&l->x, a->x0, a->x1, &u, &v))
            plot_dl_text (ctx->list, (u + v) / 2, l->area.y + 3, a->label, size, FALSE,
                          HR_PLOT_ANCHOR_TOP, 0, &ctx->plot->fg);
          else if (a->axis == HR_PLOT_AXIS_Y && span_on (&l->y, a->x0, a->x1, &u, &v))
            plot_dl_text (ctx->list, l->area.x + l->area.w - 4, (u + v) / 2, a->label, size,
                          FALSE, HR_PLOT_ANCHOR_RIGHT, 0, &ctx->plot->fg);
          break;
        case PLOT_ANNOTATION_LINE:
          plot_measure_text (ctx->measure, a->label, size, FALSE, &w, &h);
          if (a->axis == HR_PLOT_AXIS_X && plot_map_accepts (&l->x, a->x0))
            {
              gboolean left;
              u = plot_map_to_device (&l->x, a->x0);
              left = u + 3 + w > l->area.x + l->area.w;
              plot_dl_text (ctx->list, left ? u - 3 : u + 3, l->area.y + 3, a->label, size,
                            FALSE, left ? HR_PLOT_ANCHOR_TOP_RIGHT : HR_PLOT_ANCHOR_TOP_LEFT,
                            0, &a->color);
            }
          else if (a->axis == HR_PLOT_AXIS_Y && plot_map_accepts (&l->y, a->x0))
            {
              gboolean below;
              u = plot_map_to_device (&l->y, a->x0);
              below = u - 2 - h < l->area.y;
              plot_dl_text (ctx->list, l->area.x + l->area.w - 4, below ? u + 2 : u - 2,
                            a->label, size, FALSE,
                            below ? HR_PLOT_ANCHOR_TOP_RIGHT : HR_PLOT_ANCHOR_BOTTOM_RIGHT, 0,
                            &a->color);
            }
          break;
        case PLOT_ANNOTATION_RECT:
          if (to_device (l, a->x0, a->y0, p) && to_device (l, a->x1, a->y1, q))
            plot_dl_text (ctx->list, (p[0] + q[0]) / 2, (p[1] + q[1]) / 2, a->label, size,
                          FALSE, HR_PLOT_ANCHOR_CENTER, 0, &a->color);
          break;
        case PLOT_ANNOTATION_TEXT:
          if (to_device (l, a->x0, a->y0, p))
            plot_dl_text (ctx->list, p[0], p[1], a->label, size, FALSE, a->anchor, 0,
                          &a->color);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
draw_legend (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  double size = ctx->plot->font_size * PLOT_LEGEND_SCALE;
  HrPlotRgba box_fill, box_stroke = fg_alpha (ctx, 0.25);
  double y;

  if (!l->legend_shown)
    return;
  plot_color_with_alpha (&ctx->plot->bg, 0.85, &box_fill);
  plot_dl_rect (ctx->list, crisp (l->legend.x), crisp (l->legend.y), round (l->legend.w),
                round (l->legend.h), box_fill.alpha > 0 ? &box_fill : NULL, &box_stroke, 1);
  y = l->legend.y + PLOT_LEGEND_PAD + size * 0.75;
  for (guint i = 0; i < ctx->plot->series->len; i++)
    {
      const PlotSeries *s = g_ptr_array_index (ctx->plot->series, i);
      double x = l->legend.x + PLOT_LEGEND_PAD;

      if (s->name == NULL || *s->name == '\0')
        continue;
      if (s->style != HR_PLOT_LINE_NONE)
        plot_dl_line (ctx->list, x, y, x + PLOT_LEGEND_SAMPLE, y, &s->color, s->width,
                      s->style);
      if (s->points)
        plot_dl_circle (ctx->list, x + PLOT_LEGEND_SAMPLE / 2, y, MAX (2.5, s->width * 1.25),
                        &s->color, NULL, 0);
      plot_dl_text (ctx->list, x + PLOT_LEGEND_SAMPLE + PLOT_LEGEND_PAD, y, s->name, size,
                    FALSE, HR_PLOT_ANCHOR_LEFT, 0, &ctx->plot->fg);
      y += size * 1.5;
    }
}

static void
draw_xy (Ctx *ctx)
{
  const PlotRect *area = &ctx->layout->area;
  PlotRect wide = { area->x - 2, area->y - 2, area->w + 4, area->h + 4 };

  draw_background (ctx);
  draw_title (ctx);
  draw_grid (ctx);
  plot_dl_clip (ctx->list, area);
  draw_annotation_shapes (ctx);
  plot_dl_unclip (ctx->list);
  plot_dl_clip (ctx->list, &wide);
  draw_series (ctx);
  draw_markers (ctx);
  plot_dl_unclip (ctx->list);
  plot_dl_clip (ctx->list, area);
  draw_annotation_labels (ctx);
  plot_dl_unclip (ctx->list);
  draw_axes (ctx);
  draw_legend (ctx);
}

/* ---- Heatmaps -------------------------------------------------------------------------- */

static void
draw_heatmap_labels (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  HrPlot *plot = ctx->plot;
  double fs = plot->font_size, label_fs = l->label_font_size, gap = 0.5 * fs;
  g_autofree char *x_title = plot_axis_title (plot, HR_PLOT_AXIS_X);
  g_autofree char *y_title = plot_axis_title (plot, HR_PLOT_AXIS_Y);

  if (x_title != NULL)
    plot_dl_text (ctx->list, l->area.x + l->area.w / 2, l->x_label_y, x_title, fs, FALSE,
                  HR_PLOT_ANCHOR_TOP, 0, &plot->fg);
  if (y_title != NULL)
    plot_dl_text (ctx->list, l->y_label_x, l->area.y + l->area.h / 2, y_title, fs, FALSE,
                  HR_PLOT_ANCHOR_CENTER, 90, &plot->fg);
  for (guint c = 0; plot->col_labels != NULL && c < plot->cols; c++)
    {
      double x = l->area.x + (c + 0.5) * l->cell;
      if (*plot->col_labels[c] == '\0')
        continue;
      if (l->col_labels_upright)
        plot_dl_text (ctx->list, x, l->area.y - gap, plot->col_labels[c], label_fs, FALSE,
                      HR_PLOT_ANCHOR_LEFT, 90, &plot->fg);
      else
        plot_dl_text (ctx->list, x, l->area.y - gap, plot->col_labels[c], label_fs, FALSE,
                      HR_PLOT_ANCHOR_BOTTOM, 0, &plot->fg);
    }
  for (guint r = 0; plot->row_labels != NULL && r < plot->rows; r++)
    if (*plot->row_labels[r] != '\0')
      plot_dl_text (ctx->list, l->area.x - gap, l->area.y + (r + 0.5) * l->cell,
                    plot->row_labels[r], label_fs, FALSE, HR_PLOT_ANCHOR_RIGHT, 0, &plot->fg);
}

static void
draw_cells (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  HrPlot *plot = ctx->plot;
  HrPlotRgba missing = fg_alpha (ctx, 0.07), missing_text = fg_alpha (ctx, 0.5);
  double inset = l->cell > 8 ? 1 : 0;

  for (guint r = 0; r < plot->rows; r++)
    for (guint c = 0; c < plot->cols; c++)
      {
        gsize i = (gsize) r * plot->cols + c;
        double value = plot->values[i];
        double x = l->area.x + c * l->cell, y = l->area.y + r * l->cell;
        const char *text = plot->cell_text != NULL ? plot->cell_text[i] : NULL;
        g_autofree char *formatted = NULL;
        HrPlotRgba fill, ink;

        if (isfinite (value))
          {
            plot_colormap_color (plot->colormap, plot->threshold_low, plot->threshold_high,
                                 l->cmap.lo, l->cmap.hi, value, &fill);
            plot_contrast_color (&fill, &ink);
          }
        else
          {
            fill = missing;
            ink = missing_text;
          }
        plot_dl_rect (ctx->list, x + inset, y + inset, l->cell - 2 * inset,
                      l->cell - 2 * inset, &fill, NULL, 0);
        if (text == NULL && plot->show_values)
          text = formatted = plot_format_fixed (value, 2);
        if (text != NULL && *text != '\0' && l->cell_font_size > 0)
          plot_dl_text (ctx->list, x + l->cell / 2, y + l->cell / 2, text, l->cell_font_size,
                        FALSE, HR_PLOT_ANCHOR_CENTER, 0, &ink);
      }
}

/* Centred on the bar; a label longer than the bar centres on the space beside it. */
static double
colorbar_label_y (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  double w, h, top = 0.8 * ctx->plot->font_size, bottom = l->height - top;
  double centre = l->colorbar.y + l->colorbar.h / 2;

  plot_measure_text (ctx->measure, ctx->plot->colorbar_label, l->colorbar_label_size, FALSE,
                     &w, &h);
  if (w <= bottom - top)
    centre = CLAMP (centre, top + w / 2, bottom - w / 2);
  return centre;
}

static void
draw_colorbar (Ctx *ctx)
{
  const PlotLayout *l = ctx->layout;
  HrPlot *plot = ctx->plot;
  HrPlotRgba outline = fg_alpha (ctx, 0.3), frame = fg_alpha (ctx, 0.85);
  double label_fs = plot->font_size * PLOT_TICK_SCALE;
  double right = l->colorbar.x + l->colorbar.w;
  double *offsets;
  HrPlotRgba *colors;
  guint n;

  if (!l->colorbar_shown)
    return;
  n = plot_colormap_stops (plot->colormap, plot->threshold_low, plot->threshold_high,
                           l->cmap.lo, l->cmap.hi, &offsets, &colors);
  plot_dl_gradient (ctx->list, &l->colorbar, offsets, colors, n, &outline, 1);
  for (guint i = 0; i < l->c_ticks->len; i++)
    {
      const PlotTick *t = &g_array_index (l->c_ticks, PlotTick, i);
      double y = crisp (plot_map_to_device (&l->cmap, t->value));

      plot_dl_line (ctx->list, right, y, right + TICK_LEN, y, &frame, 1, HR_PLOT_LINE_SOLID);
      if (t->label != NULL)
        plot_dl_text (ctx->list, right + TICK_LEN + TICK_GAP, y, t->label, label_fs, FALSE,
                      HR_PLOT_ANCHOR_LEFT, 0, &plot->fg);
    }
  if (plot->colorbar_label != NULL && *plot->colorbar_label != '\0')
    plot_dl_text (ctx->list, l->colorbar_label_x, colorbar_label_y (ctx),
                  plot->colorbar_label, l->colorbar_label_size, FALSE, HR_PLOT_ANCHOR_TOP,
                  90, &plot->fg);
}

static void
draw_heatmap (Ctx *ctx)
{
  draw_background (ctx);
  draw_title (ctx);
  if (ctx->plot->rows == 0 || ctx->plot->cols == 0)
    return;
  draw_heatmap_labels (ctx);
  draw_cells (ctx);
  draw_colorbar (ctx);
}

/* ---- Entry points ---------------------------------------------------------------------- */

PlotDisplayList *
plot_build_display_list (HrPlot *plot, double width, double height, PlotMetrics metrics)
{
  PlotMeasure measure;
  g_autoptr(PlotLayout) layout = NULL;
  PlotDisplayList *list;
  Ctx ctx;

  plot_measure_init (&measure, metrics, plot->font_family);
  layout = plot_layout_new (plot, width, height, &measure);
  list = plot_display_list_new (layout->width, layout->height, plot->font_family);
  ctx = (Ctx) { plot, layout, list, &measure };
  if (plot->kind == HR_PLOT_KIND_HEATMAP)
    draw_heatmap (&ctx);
  else
    draw_xy (&ctx);
  plot_measure_clear (&measure);
  return list;
}

void
hr_plot_render (HrPlot *plot, cairo_t *cr, double width, double height)
{
  g_autoptr(PlotDisplayList) list = NULL;

  g_return_if_fail (plot != NULL);
  g_return_if_fail (cr != NULL);
  list = plot_build_display_list (plot, width, height, PLOT_METRICS_PANGO);
  plot_display_list_replay (list, cr);
}
