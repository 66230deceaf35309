/* canvas.c — drawing the circuit and editing it with the pointer. */
#include "hr-config.h"

#include <math.h>

#include "canvas.h"
#include "selection.h"

/* Part boxes, canvas units. A pin's position is its box's centre; a driver's output port
 * is on the box's right edge, a receiver's input port on its left edge. */
#define BOX_W 140.0
#define BOX_H 60.0
#define WIRE_HIT_PX 6.0
#define ZOOM_MIN 0.2
#define ZOOM_MAX 5.0

typedef enum { DRAG_NONE, DRAG_PIN, DRAG_PAN, DRAG_BAND } DragKind;

struct _HrCanvas {
  GtkWidget parent_instance;
  HrDocument *doc;
  gulong changed_id;
  HrCheckResult *results;       /* nullable */

  double zoom;                  /* pixels per canvas unit */
  double off_x, off_y;          /* pixel position of canvas (0, 0) */
  HrSelection *sel;             /* the selected parts, the primary last */
  int sel_wire;                 /* a net whose wire is selected (then no part is), or -1 */

  DragKind drag;
  int drag_net, drag_pin;       /* the part grabbed: the whole selection moves with it */
  double drag_x0, drag_y0;      /* view offset (pan) or canvas point (band) at the start */
  gboolean drag_extend;         /* Shift or Ctrl: the band adds to the selection */
  gboolean drag_collapse;       /* a plain click on one of several selected parts, which
                                 * selects just that part unless it turns into a drag */
  double drag_dx, drag_dy;      /* pointer motion since, pixels */
  double pointer_x, pointer_y;  /* last pointer position: the centre of wheel zooms */
  gboolean fit_pending;         /* fit asked for before the canvas had a size */
};

G_DEFINE_FINAL_TYPE (HrCanvas, hr_canvas, GTK_TYPE_WIDGET)

enum { SELECTION_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void show_error (HrCanvas *self, GError *error);

double
hr_canvas_snap (double value)
{
  return round (value / HR_CANVAS_GRID) * HR_CANVAS_GRID;
}

/* ---------------------------------------------------------------------------------------- */
/* Geometry                                                                                 */

static const HrNet *
net_at (HrCanvas *self, guint net)
{
  HrCircuit *c = hr_document_get_circuit (self->doc);

  return net < hr_circuit_get_n_nets (c) ? hr_circuit_get_net (c, net) : NULL;
}

/* Where a pin is drawn: its position, or where the current drag takes it (every selected
 * part moves with the one grabbed, each snapped, as hr_document_move_pins() will). */
static void
pin_center (HrCanvas *self, guint net, guint pin, double *x, double *y)
{
  const HrPin *p = hr_document_get_pin (self->doc, net, pin);

  *x = p->x;
  *y = p->y;
  if (self->drag == DRAG_PIN && hr_selection_contains (self->sel, net, pin))
    {
      *x = hr_canvas_snap (p->x + self->drag_dx / self->zoom);
      *y = hr_canvas_snap (p->y + self->drag_dy / self->zoom);
    }
}

static void
to_canvas (HrCanvas *self, double px, double py, double *x, double *y)
{
  *x = (px - self->off_x) / self->zoom;
  *y = (py - self->off_y) / self->zoom;
}

static gboolean
pin_hit (HrCanvas *self, double x, double y, int *net, int *pin)
{
  HrCircuit *c = hr_document_get_circuit (self->doc);

  /* Last drawn is on top: search backwards. */
  for (int n = (int) hr_circuit_get_n_nets (c) - 1; n >= 0; n--)
    for (int p = (int) hr_document_get_n_pins (self->doc, n) - 1; p >= 0; p--)
      {
        double cx, cy;
        pin_center (self, n, p, &cx, &cy);
        if (fabs (x - cx) <= BOX_W / 2 && fabs (y - cy) <= BOX_H / 2)
          {
            *net = n;
            *pin = p;
            return TRUE;
          }
      }
  return FALSE;
}

static double
segment_distance (double px, double py, double x0, double y0, double x1, double y1)
{
  double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - x0) * dx + (py - y0) * dy) / len2, 0, 1) : 0;

  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

/* A wire runs from the driver's port right to the midpoint, then down, then to the
 * receiver's port. Fills 4 points. */
static void
wire_points (HrCanvas *self, guint net, guint rx, double pts[4][2])
{
  double dx, dy, rx_x, rx_y, mid;

  pin_center (self, net, HR_DOCUMENT_DRIVER, &dx, &dy);
  pin_center (self, net, rx, &rx_x, &rx_y);
  dx += BOX_W / 2;
  rx_x -= BOX_W / 2;
  mid = rx_x > dx + 2 * HR_CANVAS_GRID ? hr_canvas_snap ((dx + rx_x) / 2) : dx + HR_CANVAS_GRID;
  pts[0][0] = dx;   pts[0][1] = dy;
  pts[1][0] = mid;  pts[1][1] = dy;
  pts[2][0] = mid;  pts[2][1] = rx_y;
  pts[3][0] = rx_x; pts[3][1] = rx_y;
}

static gboolean
wire_hit (HrCanvas *self, double x, double y, int *net)
{
  HrCircuit *c = hr_document_get_circuit (self->doc);
  double tol = WIRE_HIT_PX / self->zoom;

  for (guint n = 0; n < hr_circuit_get_n_nets (c); n++)
    for (guint p = 1; p < hr_document_get_n_pins (self->doc, n); p++)
      {
        double pts[4][2];
        wire_points (self, n, p, pts);
        for (int s = 0; s < 3; s++)
          if (segment_distance (x, y, pts[s][0], pts[s][1], pts[s + 1][0], pts[s + 1][1]) <= tol)
            {
              *net = (int) n;
              return TRUE;
            }
      }
  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* Drawing                                                                                  */

/* Okabe–Ito hues (as ui/plot's heatmap), so verdicts stay apart for colour-blind readers;
 * the results table says the verdict in words as well. */
static void
verdict_color (HrCanvas *self, const char *net, GdkRGBA *color)
{
  static const GdkRGBA pass = { 0.0, 0.62, 0.45, 1 }, marginal = { 0.90, 0.62, 0.0, 1 },
                       fail = { 0.84, 0.37, 0.0, 1 }, none = { 0.55, 0.55, 0.55, 1 };

  *color = none;
  for (guint i = 0; self->results && i < self->results->nets->len; i++)
    {
      const HrNetResult *r = g_ptr_array_index (self->results->nets, i);
      if (g_strcmp0 (r->net, net) == 0)
        *color = r->verdict == HR_VERDICT_PASS ? pass :
                 r->verdict == HR_VERDICT_MARGINAL ? marginal : fail;
    }
}

static void
draw_grid (HrCanvas *self, cairo_t *cr, double w, double h, const GdkRGBA *fg)
{
  double step = HR_CANVAS_GRID * self->zoom;

  if (step < 6)
    return;
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.18);
  for (double x = fmod (self->off_x, step); x < w; x += step)
    for (double y = fmod (self->off_y, step); y < h; y += step)
      cairo_rectangle (cr, x - 0.75, y - 0.75, 1.5, 1.5);
  cairo_fill (cr);
}

/* A gate symbol of height S at (X, Y) (its left middle), pointing right. */
static void
draw_gate_symbol (cairo_t *cr, HrGateType gate, double x, double y, double s)
{
  gboolean bubble = gate == HR_GATE_INVERTER || gate == HR_GATE_NAND || gate == HR_GATE_NOR ||
                    gate == HR_GATE_SCHMITT_INVERTER;
  double body = s * 0.85;

  if (gate == HR_GATE_NAND || gate == HR_GATE_AND)
    {
      cairo_move_to (cr, x, y - s / 2);
      cairo_line_to (cr, x + body / 2, y - s / 2);
      cairo_arc (cr, x + body / 2, y, s / 2, -G_PI / 2, G_PI / 2);
      cairo_line_to (cr, x, y + s / 2);
      cairo_close_path (cr);
    }
  else if (gate == HR_GATE_NOR || gate == HR_GATE_OR || gate == HR_GATE_XOR)
    {
      cairo_move_to (cr, x, y - s / 2);
      cairo_curve_to (cr, x + body * 0.6, y - s / 2, x + body * 0.9, y - s / 4, x + body, y);
      cairo_curve_to (cr, x + body * 0.9, y + s / 4, x + body * 0.6, y + s / 2, x, y + s / 2);
      cairo_curve_to (cr, x + body * 0.25, y + s / 4, x + body * 0.25, y - s / 4, x, y - s / 2);
    }
  else
    {
      cairo_move_to (cr, x, y - s / 2);
      cairo_line_to (cr, x + body, y);
      cairo_line_to (cr, x, y + s / 2);
      cairo_close_path (cr);
    }
  cairo_stroke (cr);
  if (bubble)
    {
      cairo_arc (cr, x + body + s * 0.08, y, s * 0.08, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  if (gate == HR_GATE_SCHMITT_INVERTER)
    {
      /* The hysteresis loop drawn inside the triangle. */
      double u = s * 0.12, cx = x + body * 0.35;
      cairo_move_to (cr, cx - u, y + u);
      cairo_line_to (cr, cx + u * 0.4, y + u);
      cairo_line_to (cr, cx + u * 0.4, y - u);
      cairo_line_to (cr, cx + u, y - u);
      cairo_move_to (cr, cx + u, y - u);
      cairo_line_to (cr, cx - u * 0.4, y - u);
      cairo_line_to (cr, cx - u * 0.4, y + u);
      cairo_stroke (cr);
    }
}

static void
draw_text (HrCanvas *self, cairo_t *cr, const char *text, double x, double y, gboolean bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *font = pango_font_description_from_string (bold ? "Sans Bold" : "Sans");

  pango_font_description_set_absolute_size (font, 11.0 * self->zoom * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

/* The rubber band in canvas units, normalised; FALSE when none is being dragged. */
static gboolean
band_rect (HrCanvas *self, double *x0, double *y0, double *x1, double *y1)
{
  double bx = self->drag_x0 + self->drag_dx / self->zoom;
  double by = self->drag_y0 + self->drag_dy / self->zoom;

  if (self->drag != DRAG_BAND)
    return FALSE;
  *x0 = MIN (self->drag_x0, bx);
  *x1 = MAX (self->drag_x0, bx);
  *y0 = MIN (self->drag_y0, by);
  *y1 = MAX (self->drag_y0, by);
  return TRUE;
}

/* Selected, or about to be: a rubber band being dragged shows what it will take. */
static gboolean
pin_highlighted (HrCanvas *self, guint net, guint pin)
{
  const HrPin *p = hr_document_get_pin (self->doc, net, pin);
  double x0, y0, x1, y1;

  if (hr_selection_contains (self->sel, net, pin))
    return TRUE;
  return band_rect (self, &x0, &y0, &x1, &y1) &&
         p->x + BOX_W / 2 >= x0 && p->x - BOX_W / 2 <= x1 &&
         p->y + BOX_H / 2 >= y0 && p->y - BOX_H / 2 <= y1;
}

static gboolean
is_primary (HrCanvas *self, guint net, guint pin)
{
  HrPinRef primary;

  return hr_selection_get_primary (self->sel, &primary) && primary.net == net &&
         primary.pin == pin;
}

static void
draw_pin (HrCanvas *self, cairo_t *cr, guint net, guint pin, const GdkRGBA *fg)
{
  const HrPin *p = hr_document_get_pin (self->doc, net, pin);
  gboolean selected = pin_highlighted (self, net, pin);
  /* With several selected, the primary part (what the panes show) has the bolder outline. */
  gboolean primary = hr_selection_get_n (self->sel) > 1 && is_primary (self, net, pin);
  double outline = !selected ? 1.2 : primary ? 3.5 : 2.5;
  double cx, cy, z = self->zoom, x, y;
  g_autofree char *vcc = hr_units_format (p->vcc_v, HR_UNIT_VOLT, 3);
  g_autofree char *line = g_strdup_printf ("%s @ %s", p->family, vcc);
  const char *role = pin == HR_DOCUMENT_DRIVER ? "driver" : "receiver";

  pin_center (self, net, pin, &cx, &cy);
  x = cx * z + self->off_x - BOX_W * z / 2;
  y = cy * z + self->off_y - BOX_H * z / 2;
  cairo_rectangle (cr, x, y, BOX_W * z, BOX_H * z);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, selected ? 0.16 : 0.06);
  cairo_fill_preserve (cr);
  if (selected)
    cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);   /* the Adwaita accent blue */
  else
    gdk_cairo_set_source_rgba (cr, fg);
  cairo_set_line_width (cr, outline * MAX (z, 0.5));
  cairo_stroke (cr);
  gdk_cairo_set_source_rgba (cr, fg);
  cairo_set_line_width (cr, 1.5 * MAX (z, 0.5));
  draw_gate_symbol (cr, p->gate, x + 10 * z, y + BOX_H * z / 2, 30 * z);
  if (z < 0.35)
    return;   /* text would be unreadable */
  draw_text (self, cr, p->part ? p->part : role, x + 50 * z, y + 6 * z, TRUE);
  draw_text (self, cr, line, x + 50 * z, y + 22 * z, FALSE);
  {
    /* A modelled receiver is judged by simulated thresholds: say so where it is drawn. */
    g_autofree char *gate = g_strdup_printf ("%s%s", hr_gate_type_to_string (p->gate),
                                             p->model ? " · simulated" : "");
    draw_text (self, cr, gate, x + 50 * z, y + 38 * z, FALSE);
  }
}

static void
draw_net (HrCanvas *self, cairo_t *cr, guint net, const GdkRGBA *fg)
{
  const HrNet *n = net_at (self, net);
  gboolean selected = self->sel_wire == (int) net;
  double z = self->zoom, pts[4][2];
  GdkRGBA color;

  verdict_color (self, n->name, &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, (selected ? 5.0 : 2.5) * MAX (z, 0.5));
  for (guint p = 1; p < hr_document_get_n_pins (self->doc, net); p++)
    {
      wire_points (self, net, p, pts);
      cairo_move_to (cr, pts[0][0] * z + self->off_x, pts[0][1] * z + self->off_y);
      for (int i = 1; i < 4; i++)
        cairo_line_to (cr, pts[i][0] * z + self->off_x, pts[i][1] * z + self->off_y);
      cairo_stroke (cr);
    }
  wire_points (self, net, 1, pts);
  if (z >= 0.35)
    draw_text (self, cr, n->name, pts[0][0] * z + self->off_x + 6 * z,
               pts[0][1] * z + self->off_y - 18 * z, TRUE);
  for (guint p = 0; p < hr_document_get_n_pins (self->doc, net); p++)
    draw_pin (self, cr, net, p, fg);
}

static void
hr_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  HrCanvas *self = HR_CANVAS (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  GdkRGBA fg;
  HrCircuit *c;
  double x0, y0, x1, y1;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  draw_grid (self, cr, w, h, &fg);
  if (self->doc != NULL)
    {
      c = hr_document_get_circuit (self->doc);
      for (guint n = 0; n < hr_circuit_get_n_nets (c); n++)
        draw_net (self, cr, n, &fg);
      if (hr_circuit_get_n_nets (c) == 0)
        draw_text (self, cr, "An empty circuit: Add Net (Ctrl+E) places a driver and a receiver.",
                   20, 20, FALSE);
    }
  if (band_rect (self, &x0, &y0, &x1, &y1))
    {
      double z = self->zoom;

      cairo_rectangle (cr, x0 * z + self->off_x + 0.5, y0 * z + self->off_y + 0.5,
                       (x1 - x0) * z, (y1 - y0) * z);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* ---------------------------------------------------------------------------------------- */
/* Input                                                                                    */

/* The selection changed: redraw, let the window follow, and let the arrow keys move parts
 * only while there are parts to move (else they keep their usual meaning). */
static void
selection_changed (HrCanvas *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.nudge",
                                 hr_selection_get_n (self->sel) > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
hr_canvas_select (HrCanvas *self, int net, int pin)
{
  gboolean changed;

  if (net == HR_CANVAS_NONE || pin == HR_CANVAS_NONE)
    {
      changed = hr_selection_clear (self->sel) || self->sel_wire != net;
      self->sel_wire = net;
    }
  else
    {
      changed = hr_selection_set (self->sel, net, pin) || self->sel_wire != HR_CANVAS_NONE;
      self->sel_wire = HR_CANVAS_NONE;
    }
  if (changed)
    selection_changed (self);
}

void
hr_canvas_toggle_part (HrCanvas *self, int net, int pin)
{
  g_return_if_fail (net >= 0 && pin >= 0);
  self->sel_wire = HR_CANVAS_NONE;
  hr_selection_toggle (self->sel, net, pin);
  selection_changed (self);
}

void
hr_canvas_select_all (HrCanvas *self)
{
  gboolean changed;

  if (self->doc == NULL)
    return;
  changed = hr_selection_select_all (self->sel, hr_document_get_circuit (self->doc)) ||
            self->sel_wire != HR_CANVAS_NONE;
  self->sel_wire = HR_CANVAS_NONE;
  if (changed)
    selection_changed (self);
}

void
hr_canvas_select_rect (HrCanvas *self, double x0, double y0, double x1, double y1,
                       gboolean extend)
{
  gboolean changed = self->sel_wire != HR_CANVAS_NONE;

  if (self->doc == NULL)
    return;
  self->sel_wire = HR_CANVAS_NONE;
  if (!extend)
    changed |= hr_selection_clear (self->sel);
  changed |= hr_selection_add_rect (self->sel, hr_document_get_circuit (self->doc),
                                    x0, y0, x1, y1, BOX_W, BOX_H);
  if (changed)
    selection_changed (self);
}

const HrSelection *
hr_canvas_get_parts (HrCanvas *self)
{
  return self->sel;
}

gboolean
hr_canvas_nudge (HrCanvas *self, int dx, int dy)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->doc == NULL || hr_selection_get_n (self->sel) == 0)
    return FALSE;
  ok = hr_document_move_pins (self->doc, hr_selection_get_pins (self->sel),
                              hr_selection_get_n (self->sel), dx * HR_CANVAS_GRID,
                              dy * HR_CANVAS_GRID, HR_CANVAS_GRID, &error);
  hr_document_end_drag (self->doc);   /* each key press is its own undo step */
  if (!ok)
    show_error (self, error);
  return ok;
}

static void
nudge_action (GtkWidget *widget, const char *name, GVariant *param)
{
  int dx, dy;

  g_variant_get (param, "(ii)", &dx, &dy);
  hr_canvas_nudge (HR_CANVAS (widget), dx, dy);
}

static void
select_all_action (GtkWidget *widget, const char *name, GVariant *param)
{
  hr_canvas_select_all (HR_CANVAS (widget));
}

static void
select_none_action (GtkWidget *widget, const char *name, GVariant *param)
{
  hr_canvas_select (HR_CANVAS (widget), HR_CANVAS_NONE, HR_CANVAS_NONE);
}

void
hr_canvas_get_selection (HrCanvas *self, int *net, int *pin)
{
  HrPinRef primary;

  if (hr_selection_get_primary (self->sel, &primary))
    {
      *net = (int) primary.net;
      *pin = (int) primary.pin;
      return;
    }
  *net = self->sel_wire;
  *pin = HR_CANVAS_NONE;
}

void
hr_canvas_to_widget (HrCanvas *self, double x, double y, double *px, double *py)
{
  *px = x * self->zoom + self->off_x;
  *py = y * self->zoom + self->off_y;
}

/* A press at (PX, PY), widget pixels. The primary button on a part selects it (Shift or
 * Ctrl: toggles it) and starts moving the selection; on a wire selects its net; on the
 * background starts a rubber band. The middle button pans. */
static void
press (HrCanvas *self, double px, double py, guint button, GdkModifierType state)
{
  gboolean extend = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  double x, y;
  int net, pin;

  self->drag_dx = self->drag_dy = 0;
  self->drag_collapse = FALSE;
  self->drag = DRAG_NONE;
  to_canvas (self, px, py, &x, &y);
  if (self->doc == NULL || button != GDK_BUTTON_PRIMARY)
    {
      self->drag = DRAG_PAN;
      self->drag_x0 = self->off_x;
      self->drag_y0 = self->off_y;
      return;
    }
  if (pin_hit (self, x, y, &net, &pin))
    {
      if (extend)
        {
          hr_canvas_toggle_part (self, net, pin);
          return;
        }
      if (hr_selection_contains (self->sel, net, pin))
        {
          /* Grabbing one of the selected parts moves them all; it becomes the primary. */
          self->drag_collapse = hr_selection_get_n (self->sel) > 1;
          if (hr_selection_add (self->sel, net, pin))
            selection_changed (self);
        }
      else
        hr_canvas_select (self, net, pin);
      self->drag = DRAG_PIN;
      self->drag_net = net;
      self->drag_pin = pin;
      return;
    }
  if (wire_hit (self, x, y, &net))
    {
      hr_canvas_select (self, net, HR_CANVAS_NONE);
      return;
    }
  /* A plain click on the background clears the selection; a drag selects what it bands. */
  if (!extend)
    hr_canvas_select (self, HR_CANVAS_NONE, HR_CANVAS_NONE);
  self->drag = DRAG_BAND;
  self->drag_extend = extend;
  self->drag_x0 = x;
  self->drag_y0 = y;
}

static void
motion (HrCanvas *self, double dx, double dy)
{
  self->drag_dx = dx;
  self->drag_dy = dy;
  if (self->drag == DRAG_PAN)
    {
      self->off_x = self->drag_x0 + dx;
      self->off_y = self->drag_y0 + dy;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
show_error (HrCanvas *self, GError *error)
{
  /* The window shows errors as toasts; the canvas only reports them. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
}

/* The end of a press that moved (DX, DY) pixels from (PX, PY). A lone receiver dropped on
 * another net's driver joins that net and stays where it was; any other drop moves the
 * selection, each part snapped, in one undo step. A band selects what it touches. */
static void
release (HrCanvas *self, double px, double py, double dx, double dy)
{
  g_autoptr(GError) error = NULL;
  DragKind kind = self->drag;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int net, pin;
  gboolean ok = TRUE;

  motion (self, dx, dy);
  if (kind == DRAG_BAND)
    band_rect (self, &x0, &y0, &x1, &y1);
  self->drag = DRAG_NONE;
  if (kind == DRAG_BAND && (dx != 0 || dy != 0))
    hr_canvas_select_rect (self, x0, y0, x1, y1, self->drag_extend);
  if (kind == DRAG_PIN && dx == 0 && dy == 0 && self->drag_collapse)
    hr_canvas_select (self, self->drag_net, self->drag_pin);
  if (kind != DRAG_PIN || (dx == 0 && dy == 0))
    return;
  to_canvas (self, px + dx, py + dy, &x0, &y0);
  if (self->drag_pin != HR_DOCUMENT_DRIVER && hr_selection_get_n (self->sel) == 1 &&
      pin_hit (self, x0, y0, &net, &pin) && pin == HR_DOCUMENT_DRIVER &&
      net != self->drag_net)
    {
      ok = hr_document_connect_receiver (self->doc, self->drag_net, self->drag_pin, net, &error);
      if (ok)
        hr_canvas_select (self, net, (int) hr_document_get_n_pins (self->doc, net) - 1);
    }
  else
    ok = hr_document_move_pins (self->doc, hr_selection_get_pins (self->sel),
                                hr_selection_get_n (self->sel), dx / self->zoom,
                                dy / self->zoom, HR_CANVAS_GRID, &error);
  hr_document_end_drag (self->doc);
  if (!ok)
    show_error (self, error);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hr_canvas_drag (HrCanvas *self, double px, double py, double dx, double dy,
                GdkModifierType state)
{
  press (self, px, py, GDK_BUTTON_PRIMARY, state);
  if (dx != 0 || dy != 0)
    motion (self, dx, dy);
  release (self, px, py, dx, dy);
}

static void
drag_begin (GtkGestureDrag *gesture, double px, double py, HrCanvas *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  press (self, px, py, gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)),
         gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, HrCanvas *self)
{
  motion (self, dx, dy);
}

static void
drag_end (GtkGestureDrag *gesture, double dx, double dy, HrCanvas *self)
{
  double px, py;

  gtk_gesture_drag_get_start_point (gesture, &px, &py);
  release (self, px, py, dx, dy);
}

static void
zoom_about (HrCanvas *self, double factor, double px, double py)
{
  double z = CLAMP (self->zoom * factor, ZOOM_MIN, ZOOM_MAX);

  /* Keep the canvas point under (px, py) where it is. */
  self->off_x = px - (px - self->off_x) * z / self->zoom;
  self->off_y = py - (py - self->off_y) * z / self->zoom;
  self->zoom = z;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll, double dx, double dy, HrCanvas *self)
{
  zoom_about (self, pow (1.1, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion, double px, double py, HrCanvas *self)
{
  self->pointer_x = px;
  self->pointer_y = py;
}

void
hr_canvas_zoom_by (HrCanvas *self, double factor)
{
  zoom_about (self, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
              gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/* ---------------------------------------------------------------------------------------- */
/* View and document                                                                        */

void
hr_canvas_fit (HrCanvas *self)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  HrCircuit *c = self->doc ? hr_document_get_circuit (self->doc) : NULL;

  /* A file opened from the command line arrives before the first allocation. */
  self->fit_pending = w <= 0 || h <= 0;
  if (self->fit_pending)
    return;
  for (guint n = 0; c && n < hr_circuit_get_n_nets (c); n++)
    for (guint p = 0; p < hr_document_get_n_pins (self->doc, n); p++)
      {
        const HrPin *pin = hr_document_get_pin (self->doc, n, p);
        x0 = MIN (x0, pin->x - BOX_W / 2);
        x1 = MAX (x1, pin->x + BOX_W / 2);
        y0 = MIN (y0, pin->y - BOX_H / 2 - 30);   /* room for the net's name */
        y1 = MAX (y1, pin->y + BOX_H / 2);
      }
  if (x0 > x1)
    {
      self->zoom = 1.0;
      self->off_x = self->off_y = 0;
    }
  else
    {
      self->zoom = CLAMP (MIN ((w - 80) / (x1 - x0), (h - 80) / (y1 - y0)), ZOOM_MIN, 1.5);
      self->off_x = w / 2 - (x0 + x1) / 2 * self->zoom;
      self->off_y = h / 2 - (y0 + y1) / 2 * self->zoom;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hr_canvas_get_view_center (HrCanvas *self, double *x, double *y)
{
  to_canvas (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - BOX_W,
             gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, x, y);
  *x = hr_canvas_snap (*x);
  *y = hr_canvas_snap (*y);
}

/* An undo or a delete can take away selected parts or the selected net, or shift the ones
 * after a part it inserts or removes: the selection follows each part that still exists
 * (hr_selection_prune) and drops the others. */
static void
on_document_changed (HrDocument *doc, HrCanvas *self)
{
  HrCircuit *c = hr_document_get_circuit (doc);

  hr_selection_prune (self->sel, c);
  if (self->sel_wire >= (int) hr_circuit_get_n_nets (c))
    self->sel_wire = HR_CANVAS_NONE;
  selection_changed (self);   /* the selected parts' fields may have changed anyway */
}

void
hr_canvas_set_document (HrCanvas *self, HrDocument *doc)
{
  if (self->doc != NULL)
    g_clear_signal_handler (&self->changed_id, self->doc);
  g_set_object (&self->doc, doc);
  if (doc != NULL)
    self->changed_id = g_signal_connect (doc, "changed", G_CALLBACK (on_document_changed), self);
  hr_canvas_select (self, HR_CANVAS_NONE, HR_CANVAS_NONE);
  /* the circuit later selections point into, so that the next edit can follow them */
  if (doc != NULL)
    hr_selection_prune (self->sel, hr_document_get_circuit (doc));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hr_canvas_set_results (HrCanvas *self, HrCheckResult *results)
{
  g_clear_pointer (&self->results, hr_check_result_unref);
  self->results = results ? hr_check_result_ref (results) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
hr_canvas_dispose (GObject *object)
{
  HrCanvas *self = HR_CANVAS (object);

  if (self->doc != NULL)
    g_clear_signal_handler (&self->changed_id, self->doc);
  g_clear_object (&self->doc);
  g_clear_pointer (&self->results, hr_check_result_unref);
  G_OBJECT_CLASS (hr_canvas_parent_class)->dispose (object);
}

static void
hr_canvas_finalize (GObject *object)
{
  hr_selection_free (HR_CANVAS (object)->sel);
  G_OBJECT_CLASS (hr_canvas_parent_class)->finalize (object);
}

static void
hr_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  HrCanvas *self = HR_CANVAS (widget);

  if (self->fit_pending && width > 0 && height > 0)
    hr_canvas_fit (self);
}

/* Arrow keys move the selected parts one grid step, with Shift five. */
static void
add_nudge_keys (GtkWidgetClass *wc)
{
  static const struct { guint key; int dx, dy; } keys[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 },
    { GDK_KEY_Down, 0, 1 },
  };

  gtk_widget_class_install_action (wc, "canvas.nudge", "(ii)", nudge_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gtk_widget_class_add_binding_action (wc, keys[i].key, 0, "canvas.nudge", "(ii)",
                                           keys[i].dx, keys[i].dy);
      gtk_widget_class_add_binding_action (wc, keys[i].key, GDK_SHIFT_MASK, "canvas.nudge",
                                           "(ii)", 5 * keys[i].dx, 5 * keys[i].dy);
    }
}

static void
hr_canvas_class_init (HrCanvasClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->size_allocate = hr_canvas_size_allocate;
  G_OBJECT_CLASS (klass)->dispose = hr_canvas_dispose;
  G_OBJECT_CLASS (klass)->finalize = hr_canvas_finalize;
  widget_class->snapshot = hr_canvas_snapshot;
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (widget_class, "hrcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  add_nudge_keys (widget_class);
  /* Bound on the canvas, not the application: Ctrl+A in a text field keeps selecting text,
   * and Escape still cancels a running analysis (the window's accelerator comes first). */
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-none", NULL,
                                   select_none_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "canvas.select-none",
                                       NULL);
}

static void
hr_canvas_init (HrCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll =
      gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->zoom = 1.0;
  self->sel = hr_selection_new ();
  self->sel_wire = HR_CANVAS_NONE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.nudge", FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  /* Any button: the primary selects, moves parts or drags a rubber band; the others pan. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}
