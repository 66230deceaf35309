/* plot-display-list.c — the drawing commands of a plot: record, dump as text, replay on
 * cairo.
 *
 * The dump is what golden tests compare: one command a line, coordinates rounded to 0.1
 * device units, colours as #rrggbbaa, text as its string, size and anchor point (never its
 * measured extent, which depends on the installed fonts).
 */
#include "hr-config.h"

#include <math.h>

#include "plot-private.h"

static void
op_clear (gpointer data)
{
  PlotOp *op = data;

  g_free (op->points);
  g_free (op->text);
  g_free (op->offsets);
  g_free (op->colors);
}

PlotDisplayList *
plot_display_list_new (double width, double height, const char *family)
{
  PlotDisplayList *list = g_new0 (PlotDisplayList, 1);

  list->width = width;
  list->height = height;
  list->font_family = g_strdup (family);
  list->ops = g_array_new (FALSE, TRUE, sizeof (PlotOp));
  g_array_set_clear_func (list->ops, op_clear);
  return list;
}

void
plot_display_list_free (PlotDisplayList *list)
{
  if (list == NULL)
    return;
  g_array_unref (list->ops);
  g_free (list->font_family);
  g_free (list);
}

static PlotOp *
push (PlotDisplayList *list, PlotOpKind kind)
{
  PlotOp op = { 0 };

  op.kind = kind;
  g_array_append_val (list->ops, op);
  return &g_array_index (list->ops, PlotOp, list->ops->len - 1);
}

static void
set_paint (PlotOp *op, const HrPlotRgba *fill, const HrPlotRgba *stroke, double line_width)
{
  if (fill != NULL)
    op->fill = *fill;
  if (stroke != NULL && line_width > 0)
    {
      op->stroke = *stroke;
      op->line_width = line_width;
    }
}

void
plot_dl_clip (PlotDisplayList *list, const PlotRect *rect)
{
  PlotOp *op = push (list, PLOT_OP_CLIP);

  op->x = rect->x;
  op->y = rect->y;
  op->w = rect->w;
  op->h = rect->h;
}

void
plot_dl_unclip (PlotDisplayList *list)
{
  push (list, PLOT_OP_UNCLIP);
}

void
plot_dl_rect (PlotDisplayList *list, double x, double y, double w, double h,
              const HrPlotRgba *fill, const HrPlotRgba *stroke, double line_width)
{
  PlotOp *op = push (list, PLOT_OP_RECT);

  op->x = x;
  op->y = y;
  op->w = w;
  op->h = h;
  set_paint (op, fill, stroke, line_width);
}

void
plot_dl_path (PlotDisplayList *list, const double *points, guint n, gboolean closed,
              const HrPlotRgba *fill, const HrPlotRgba *stroke, double line_width,
              HrPlotLineStyle dash)
{
  PlotOp *op = push (list, PLOT_OP_PATH);

  op->points = g_memdup2 (points, sizeof (double) * 2 * n);
  op->n_points = n;
  op->closed = closed;
  op->dash = dash;
  set_paint (op, fill, stroke, line_width);
}

void
plot_dl_line (PlotDisplayList *list, double x0, double y0, double x1, double y1,
              const HrPlotRgba *stroke, double line_width, HrPlotLineStyle dash)
{
  double points[4] = { x0, y0, x1, y1 };

  plot_dl_path (list, points, 2, FALSE, NULL, stroke, line_width, dash);
}

void
plot_dl_circle (PlotDisplayList *list, double x, double y, double radius,
                const HrPlotRgba *fill, const HrPlotRgba *stroke, double line_width)
{
  PlotOp *op = push (list, PLOT_OP_CIRCLE);

  op->x = x;
  op->y = y;
  op->w = radius;
  set_paint (op, fill, stroke, line_width);
}

void
plot_dl_text (PlotDisplayList *list, double x, double y, const char *text, double size,
              gboolean bold, HrPlotAnchor anchor, double angle, const HrPlotRgba *color)
{
  PlotOp *op = push (list, PLOT_OP_TEXT);

  op->x = x;
  op->y = y;
  op->text = g_strdup (text);
  op->font_size = size;
  op->bold = bold;
  op->anchor = anchor;
  op->angle = angle;
  op->fill = *color;
}

void
plot_dl_gradient (PlotDisplayList *list, const PlotRect *rect, double *offsets,
                  HrPlotRgba *colors, guint n, const HrPlotRgba *stroke, double line_width)
{
  PlotOp *op = push (list, PLOT_OP_GRADIENT);

  set_paint (op, NULL, stroke, line_width);
  op->x = rect->x;
  op->y = rect->y;
  op->w = rect->w;
  op->h = rect->h;
  op->offsets = offsets;
  op->colors = colors;
  op->n_stops = n;
}

guint
plot_display_list_count (const PlotDisplayList *list, PlotOpKind kind)
{
  guint n = 0;

  for (guint i = 0; i < list->ops->len; i++)
    n += g_array_index (list->ops, PlotOp, i).kind == kind;
  return n;
}

/* ---- Dump ------------------------------------------------------------------------------ */

static const char *const anchor_names[] = {
  "top-left", "top", "top-right", "left", "center", "right",
  "bottom-left", "bottom", "bottom-right",
};

static const char *const dash_names[] = { "solid", "dashed", "dotted", "none" };

static void
append_number (GString *out, double v)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded = round (v * 10) / 10;

  if (rounded == 0)
    rounded = 0;      /* no "-0.0" */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.1f", rounded));
}

static void
append_numbers (GString *out, int n, const double *v)
{
  for (int i = 0; i < n; i++)
    {
      g_string_append_c (out, ' ');
      append_number (out, v[i]);
    }
}

static void
append_hex (GString *out, const HrPlotRgba *c)
{
  g_string_append_printf (out, "#%02x%02x%02x%02x",
                          (int) round (CLAMP (c->red, 0, 1) * 255),
                          (int) round (CLAMP (c->green, 0, 1) * 255),
                          (int) round (CLAMP (c->blue, 0, 1) * 255),
                          (int) round (CLAMP (c->alpha, 0, 1) * 255));
}

static void
append_color (GString *out, const char *name, const HrPlotRgba *c)
{
  g_string_append_printf (out, " %s=", name);
  append_hex (out, c);
}

static void
append_paint (GString *out, const PlotOp *op)
{
  if (op->fill.alpha > 0)
    append_color (out, "fill", &op->fill);
  if (op->stroke.alpha > 0)
    {
      append_color (out, "stroke", &op->stroke);
      g_string_append (out, " width=");
      append_number (out, op->line_width);
    }
}

/* TEXT in double quotes; quotes, backslashes and control characters escaped, the rest
 * (UTF-8) as is. */
static void
append_quoted (GString *out, const char *text)
{
  g_string_append (out, " \"");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
dump_op (GString *out, const PlotOp *op)
{
  double box[4] = { op->x, op->y, op->w, op->h };

  switch (op->kind)
    {
    case PLOT_OP_CLIP:
      g_string_append (out, "clip");
      append_numbers (out, 4, box);
      break;
    case PLOT_OP_UNCLIP:
      g_string_append (out, "unclip");
      break;
    case PLOT_OP_RECT:
      g_string_append (out, "rect");
      append_numbers (out, 4, box);
      append_paint (out, op);
      break;
    case PLOT_OP_CIRCLE:
      g_string_append (out, "circle");
      append_numbers (out, 3, box);
      append_paint (out, op);
      break;
    case PLOT_OP_PATH:
      g_string_append_printf (out, "path n=%u%s", op->n_points, op->closed ? " closed" : "");
      append_paint (out, op);
      if (op->stroke.alpha > 0 && op->dash != HR_PLOT_LINE_SOLID)
        g_string_append_printf (out, " dash=%s", dash_names[op->dash]);
      g_string_append (out, " :");
      append_numbers (out, 2 * op->n_points, op->points);
      break;
    case PLOT_OP_TEXT:
      g_string_append (out, "text");
      append_numbers (out, 2, box);
      append_quoted (out, op->text);
      g_string_append (out, " size=");
      append_number (out, op->font_size);
      g_string_append_printf (out, "%s anchor=%s", op->bold ? " bold" : "",
                              anchor_names[op->anchor]);
      if (op->angle != 0)
        g_string_append_printf (out, " angle=%d", (int) round (op->angle));
      append_color (out, "color", &op->fill);
      break;
    case PLOT_OP_GRADIENT:
      g_string_append (out, "gradient");
      append_numbers (out, 4, box);
      for (guint i = 0; i < op->n_stops; i++)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          g_string_append_printf (out, " %s",
                                  g_ascii_formatd (buffer, sizeof buffer, "%.3f",
                                                   op->offsets[i]));
          g_string_append_c (out, ':');
          append_hex (out, &op->colors[i]);
        }
      append_paint (out, op);
      break;
    default:
      g_assert_not_reached ();
    }
  g_string_append_c (out, '\n');
}

char *
plot_display_list_dump (const PlotDisplayList *list)
{
  GString *out = g_string_new (NULL);

  g_string_append (out, "size");
  append_numbers (out, 2, (double[]) { list->width, list->height });
  g_string_append_c (out, '\n');
  for (guint i = 0; i < list->ops->len; i++)
    dump_op (out, &g_array_index (list->ops, PlotOp, i));
  return g_string_free (out, FALSE);
}

/* ---- Replay on cairo ------------------------------------------------------------------- */

static void
set_source (cairo_t *cr, const HrPlotRgba *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
set_dash (cairo_t *cr, HrPlotLineStyle style, double width)
{
  double dashed[2] = { MAX (4.0, 3 * width), MAX (3.0, 2 * width) };
  double dotted[2] = { 0, MAX (3.0, 2 * width) };

  switch (style)
    {
    case HR_PLOT_LINE_DASHED:
      cairo_set_dash (cr, dashed, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case HR_PLOT_LINE_DOTTED:
      cairo_set_dash (cr, dotted, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      break;
    case HR_PLOT_LINE_SOLID:
    case HR_PLOT_LINE_NONE:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    }
}

static void
paint_path (cairo_t *cr, const PlotOp *op)
{
  if (op->fill.alpha > 0)
    {
      set_source (cr, &op->fill);
      cairo_fill_preserve (cr);
    }
  if (op->stroke.alpha > 0)
    {
      set_source (cr, &op->stroke);
      cairo_set_line_width (cr, op->line_width);
      set_dash (cr, op->dash, op->line_width);
      cairo_stroke_preserve (cr);
    }
  cairo_new_path (cr);
}

static void
replay_text (cairo_t *cr, PangoLayout *layout, const char *family, const PlotOp *op)
{
  static const double fx[] = { 0, 0.5, 1, 0, 0.5, 1, 0, 0.5, 1 };
  static const double fy[] = { 0, 0, 0, 0.5, 0.5, 0.5, 1, 1, 1 };
  PangoRectangle logical;
  double w, h;

  plot_pango_layout_set (layout, family, op->text, op->font_size, op->bold);
  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  cairo_save (cr);
  cairo_translate (cr, op->x, op->y);
  cairo_rotate (cr, -op->angle * G_PI / 180);
  cairo_move_to (cr, -(double) logical.x / PANGO_SCALE - fx[op->anchor] * w,
                 -(double) logical.y / PANGO_SCALE - fy[op->anchor] * h);
  set_source (cr, &op->fill);
  pango_cairo_show_layout (cr, layout);
  /* The path is not part of the saved state: drop the current point of the move_to. */
  cairo_new_path (cr);
  cairo_restore (cr);
}

static void
replay_gradient (cairo_t *cr, const PlotOp *op)
{
  cairo_pattern_t *pattern = cairo_pattern_create_linear (0, op->y + op->h, 0, op->y);

  for (guint i = 0; i < op->n_stops; i++)
    cairo_pattern_add_color_stop_rgba (pattern, op->offsets[i], op->colors[i].red,
                                       op->colors[i].green, op->colors[i].blue,
                                       op->colors[i].alpha);
  cairo_rectangle (cr, op->x, op->y, op->w, op->h);
  cairo_set_source (cr, pattern);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (pattern);
  paint_path (cr, op);
}

void
plot_display_list_replay (const PlotDisplayList *list, cairo_t *cr)
{
  PangoLayout *layout;
  guint clips = 0;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  layout = pango_cairo_create_layout (cr);
  for (guint i = 0; i < list->ops->len; i++)
    {
      const PlotOp *op = &g_array_index (list->ops, PlotOp, i);

      switch (op->kind)
        {
        case PLOT_OP_CLIP:
          cairo_save (cr);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_clip (cr);
          clips++;
          break;
        case PLOT_OP_UNCLIP:
          if (clips > 0)
            {
              cairo_restore (cr);
              clips--;
            }
          break;
        case PLOT_OP_RECT:
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          paint_path (cr, op);
          break;
        case PLOT_OP_PATH:
          cairo_new_path (cr);
          for (guint j = 0; j < op->n_points; j++)
            cairo_line_to (cr, op->points[2 * j], op->points[2 * j + 1]);
          if (op->closed)
            cairo_close_path (cr);
          paint_path (cr, op);
          break;
        case PLOT_OP_CIRCLE:
          cairo_new_sub_path (cr);
          cairo_arc (cr, op->x, op->y, op->w, 0, 2 * G_PI);
          paint_path (cr, op);
          break;
        case PLOT_OP_TEXT:
          replay_text (cr, layout, list->font_family, op);
          break;
        case PLOT_OP_GRADIENT:
          replay_gradient (cr, op);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  while (clips-- > 0)
    cairo_restore (cr);
  g_object_unref (layout);
  cairo_restore (cr);
}
