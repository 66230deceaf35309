/* plot-view.c — an HrPlot in a widget: zoom, pan, rubber band, readout, export. */
#include "hr-config.h"

#include <math.h>

#include "plot-view.h"

typedef enum { DRAG_NONE, DRAG_PAN, DRAG_BAND } DragKind;

struct _HrPlotView {
  GtkWidget parent_instance;
  HrPlot *plot;
  gboolean log[2];              /* per HrPlotAxis */
  HrPlotViewReadoutFunc readout_func;
  gpointer readout_data;
  GDestroyNotify readout_destroy;
  char *readout;

  double pointer_x, pointer_y;  /* where the wheel zooms about */
  DragKind drag;
  double start_x, start_y;      /* widget pixels */
  double dx, dy;
  double range0[2][2];          /* [axis][min, max] when the drag began */
  double home[2][2];            /* [axis][min, max] the chart asked for (NAN: automatic) */
};

G_DEFINE_FINAL_TYPE (HrPlotView, hr_plot_view, GTK_TYPE_WIDGET)

/* Zoom and pan work in the axis's own space: decades on a log axis. */
static double
fwd (HrPlotView *self, HrPlotAxis axis, double v)
{
  return self->log[axis] ? log10 (v) : v;
}

static double
inv (HrPlotView *self, HrPlotAxis axis, double v)
{
  return self->log[axis] ? pow (10, v) : v;
}

static gboolean
interactive (HrPlotView *self)
{
  return self->plot != NULL && hr_plot_get_kind (self->plot) == HR_PLOT_KIND_XY;
}

/* A categorical axis keeps its whole categories: zoom, pan and the rubber band change the
 * other axis only (a bar chart's voltages zoom, its columns stay). */
static gboolean
zoomable (HrPlotView *self, HrPlotAxis axis)
{
  return hr_plot_get_axis_n_categories (self->plot, axis) == 0;
}

static void
size (HrPlotView *self, double *w, double *h)
{
  *w = gtk_widget_get_width (GTK_WIDGET (self));
  *h = gtk_widget_get_height (GTK_WIDGET (self));
}

static gboolean
to_data (HrPlotView *self, double px, double py, double *x, double *y)
{
  double w, h;

  size (self, &w, &h);
  return hr_plot_device_to_data (self->plot, w, h, px, py, x, y);
}

static void
hr_plot_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  HrPlotView *self = HR_PLOT_VIEW (widget);
  double w, h;
  cairo_t *cr;

  size (self, &w, &h);
  if (self->plot == NULL || w < 1 || h < 1)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  hr_plot_render (self->plot, cr, w, h);
  if (self->drag == DRAG_BAND)
    {
      cairo_rectangle (cr, self->start_x, self->start_y, self->dx, self->dy);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.18);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  if (self->readout != NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, self->readout);
      int lw, lh;
      pango_layout_get_pixel_size (layout, &lw, &lh);
      cairo_rectangle (cr, 4, h - lh - 8, lw + 8, lh + 4);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_fill (cr);
      cairo_move_to (cr, 8, h - lh - 6);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
  cairo_destroy (cr);
}

/* ---------------------------------------------------------------------------------------- */
/* Zoom and pan                                                                             */

void
hr_plot_view_zoom_at (HrPlotView *self, double px, double py, double factor)
{
  double c[2];

  if (!interactive (self) || !to_data (self, px, py, &c[0], &c[1]))
    return;
  for (int a = HR_PLOT_AXIS_X; a <= HR_PLOT_AXIS_Y; a++)
    {
      double lo, hi, m;
      if (!zoomable (self, a))
        continue;
      hr_plot_get_axis_range (self->plot, a, &lo, &hi);
      m = fwd (self, a, c[a]);
      lo = fwd (self, a, lo);
      hi = fwd (self, a, hi);
      hr_plot_set_axis_range (self->plot, a, inv (self, a, m - (m - lo) * factor),
                              inv (self, a, m + (hi - m) * factor));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hr_plot_view_reset_zoom (HrPlotView *self)
{
  if (!interactive (self))
    return;
  /* Back to the view the chart was built with (its own fixed ranges, such as a supply's
   * 0..1.12 VCC), not to fully automatic ranges. */
  for (int a = HR_PLOT_AXIS_X; a <= HR_PLOT_AXIS_Y; a++)
    hr_plot_set_axis_range (self->plot, a, self->home[a][0], self->home[a][1]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hr_plot_view_set_log (HrPlotView *self, HrPlotAxis axis, gboolean log)
{
  self->log[axis] = log;
  if (self->plot == NULL)
    return;
  hr_plot_set_axis_scale (self->plot, axis, log ? HR_PLOT_SCALE_LOG : HR_PLOT_SCALE_LINEAR);
  /* a linear range means nothing on a log axis: the chart's view becomes automatic */
  self->home[axis][0] = self->home[axis][1] = NAN;
  hr_plot_set_axis_range (self->plot, axis, NAN, NAN);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll, double dx, double dy, HrPlotView *self)
{
  if (!interactive (self))
    return FALSE;
  hr_plot_view_zoom_at (self, self->pointer_x, self->pointer_y, pow (1.15, dy));
  return TRUE;
}

static void
drag_begin (GtkGestureDrag *gesture, double x, double y, HrPlotView *self)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  self->drag = DRAG_NONE;
  if (!interactive (self))
    return;
  self->start_x = x;
  self->start_y = y;
  self->dx = self->dy = 0;
  for (int a = HR_PLOT_AXIS_X; a <= HR_PLOT_AXIS_Y; a++)
    hr_plot_get_axis_range (self->plot, a, &self->range0[a][0], &self->range0[a][1]);
  self->drag = (state & GDK_SHIFT_MASK) || button == GDK_BUTTON_SECONDARY ? DRAG_BAND
                                                                          : DRAG_PAN;
}

static void
restore_ranges (HrPlotView *self)
{
  for (int a = HR_PLOT_AXIS_X; a <= HR_PLOT_AXIS_Y; a++)
    hr_plot_set_axis_range (self->plot, a, self->range0[a][0], self->range0[a][1]);
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, HrPlotView *self)
{
  double s[2], e[2];

  self->dx = dx;
  self->dy = dy;
  if (self->drag == DRAG_PAN)
    {
      /* The data point under the pointer when the drag began stays under it. */
      restore_ranges (self);
      if (to_data (self, self->start_x, self->start_y, &s[0], &s[1]) &&
          to_data (self, self->start_x + dx, self->start_y + dy, &e[0], &e[1]))
        for (int a = HR_PLOT_AXIS_X; a <= HR_PLOT_AXIS_Y; a++)
          {
            double shift = fwd (self, a, s[a]) - fwd (self, a, e[a]);
            if (!zoomable (self, a))
              continue;
            hr_plot_set_axis_range (self->plot, a,
                                    inv (self, a, fwd (self, a, self->range0[a][0]) + shift),
                                    inv (self, a, fwd (self, a, self->range0[a][1]) + shift));
          }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end (GtkGestureDrag *gesture, double dx, double dy, HrPlotView *self)
{
  double a[2], b[2];
  DragKind kind = self->drag;

  self->drag = DRAG_NONE;
  if (kind == DRAG_BAND && fabs (dx) > 4 && fabs (dy) > 4 &&
      to_data (self, self->start_x, self->start_y, &a[0], &a[1]) &&
      to_data (self, self->start_x + dx, self->start_y + dy, &b[0], &b[1]))
    for (int i = HR_PLOT_AXIS_X; i <= HR_PLOT_AXIS_Y; i++)
      if (zoomable (self, i))
        hr_plot_set_axis_range (self->plot, i, MIN (a[i], b[i]), MAX (a[i], b[i]));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pressed (GtkGestureClick *click, int n_press, double x, double y, HrPlotView *self)
{
  if (n_press == 2)
    hr_plot_view_reset_zoom (self);
}

/* ---------------------------------------------------------------------------------------- */
/* Readout                                                                                  */

static void
set_readout (HrPlotView *self, char *text)
{
  g_free (self->readout);
  self->readout = text;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *motion, double px, double py, HrPlotView *self)
{
  hr_plot_view_move_pointer (self, px, py);
}

/* "x = 1.5, y = 3.2"; a categorical axis names the category under the pointer instead
 * ("74HC inputs, y = 3.2"), or nothing beyond its last one. */
static char *
default_readout (HrPlotView *self, double x, double y)
{
  const double value[2] = { x, y };
  const char *names[2] = { "x", "y" };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (int a = HR_PLOT_AXIS_X; a <= HR_PLOT_AXIS_Y; a++)
    {
      const char *category = hr_plot_get_axis_category (self->plot, a, value[a]);

      if (category != NULL)
        g_ptr_array_add (parts, g_strdup (category));
      else if (zoomable (self, a))
        g_ptr_array_add (parts, g_strdup_printf ("%s = %.4g", names[a], value[a]));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

void
hr_plot_view_move_pointer (HrPlotView *self, double px, double py)
{
  double x, y, ax, ay, aw, ah, w, h;

  self->pointer_x = px;
  self->pointer_y = py;
  if (self->plot == NULL)
    return;
  size (self, &w, &h);
  hr_plot_get_plot_area (self->plot, w, h, &ax, &ay, &aw, &ah);
  if (px < ax || px > ax + aw || py < ay || py > ay + ah || !to_data (self, px, py, &x, &y))
    {
      set_readout (self, NULL);
      return;
    }
  if (self->readout_func != NULL)
    set_readout (self, self->readout_func (x, y, self->readout_data));
  else
    set_readout (self, default_readout (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *motion, HrPlotView *self)
{
  set_readout (self, NULL);
}

const char *
hr_plot_view_get_readout (HrPlotView *self)
{
  return self->readout;
}

void
hr_plot_view_set_readout_func (HrPlotView *self, HrPlotViewReadoutFunc func,
                               gpointer user_data, GDestroyNotify destroy)
{
  if (self->readout_destroy != NULL)
    self->readout_destroy (self->readout_data);
  self->readout_func = func;
  self->readout_data = user_data;
  self->readout_destroy = destroy;
}

/* ---------------------------------------------------------------------------------------- */
/* Plot and export                                                                          */

void
hr_plot_view_set_plot (HrPlotView *self, HrPlot *plot)
{
  g_clear_pointer (&self->plot, hr_plot_unref);
  self->plot = plot ? hr_plot_ref (plot) : NULL;
  for (int a = HR_PLOT_AXIS_X; plot && a <= HR_PLOT_AXIS_Y; a++)
    {
      hr_plot_get_axis_range_request (plot, a, &self->home[a][0], &self->home[a][1]);
      if (hr_plot_get_kind (plot) == HR_PLOT_KIND_XY)
        hr_plot_set_axis_scale (plot, a,
                                self->log[a] ? HR_PLOT_SCALE_LOG : HR_PLOT_SCALE_LINEAR);
    }
  set_readout (self, NULL);
}

HrPlot *
hr_plot_view_get_plot (HrPlotView *self)
{
  return self->plot;
}

gboolean
hr_plot_view_export (HrPlotView *self, GFile *file, GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  double w, h;

  if (self->plot == NULL)
    {
      g_set_error_literal (error, HR_PLOT_ERROR, HR_PLOT_ERROR_RENDER, "there is no plot to export");
      return FALSE;
    }
  if (path == NULL)
    {
      g_set_error_literal (error, HR_PLOT_ERROR, HR_PLOT_ERROR_WRITE, "only local files can be written");
      return FALSE;
    }
  size (self, &w, &h);
  return hr_plot_save (self->plot, path, HR_PLOT_FORMAT_AUTO, MAX (w, 640), MAX (h, 480), error);
}

/* ---------------------------------------------------------------------------------------- */
/* GObject                                                                                  */

static void
hr_plot_view_dispose (GObject *object)
{
  HrPlotView *self = HR_PLOT_VIEW (object);

  hr_plot_view_set_readout_func (self, NULL, NULL, NULL);
  g_clear_pointer (&self->plot, hr_plot_unref);
  g_clear_pointer (&self->readout, g_free);
  G_OBJECT_CLASS (hr_plot_view_parent_class)->dispose (object);
}

static void
hr_plot_view_class_init (HrPlotViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hr_plot_view_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = hr_plot_view_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "hrplotview");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hr_plot_view_init (HrPlotView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new (), *click = gtk_gesture_click_new ();
  GtkEventController *scroll =
      gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
hr_plot_view_new (void)
{
  return g_object_new (HR_TYPE_PLOT_VIEW, NULL);
}
