/* test-gtk.c — the desktop app under a real (virtual) display: start it, open an example,
 * edit, run the analysis, read the results model, follow the selection between table and
 * canvas, and render the main window to a PNG to check that its widgets draw.
 *
 * Run under Xvfb (tests/meson.build wraps it in xvfb-run and dbus-run-session with
 * GSETTINGS_BACKEND=memory). Without a display every test is a TAP skip saying so. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "application.h"
#include "canvas.h"
#include "explorer-page.h"
#include "gallery.h"
#include "matrix-page.h"
#include "plot-view.h"
#include "properties.h"
#include "receiver-page.h"
#include "headroom-charts.h"
#include "sram-page.h"
#include "results-model.h"
#include "results-view.h"
#include "window.h"

typedef struct {
  HrApplication *app;
  HrWindow *win;
} Fixture;

static GFile *
example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("HEADROOM_EXAMPLES"), name, NULL);
  return g_file_new_for_path (path);
}

/* Wakes the loop now and then, so that a wait on a condition re-checks it even when no
 * event arrives. Not a deadline: meson's timeout is the only one. */
static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_widget (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);
      if (found)
        return found;
    }
  return NULL;
}

/* DATA: the one registered application of the run (NULL without a display); each test
 * gets a fresh window of it. */
static void
fixture_setup (Fixture *f, gconstpointer data)
{
  guint id;

  if (data == NULL)
    {
      g_test_skip ("no display: run under xvfb-run (tests/meson.build does)");
      return;
    }
  f->app = HR_APPLICATION ((gpointer) data);
  f->win = hr_window_new (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->win), 1280, 820);
  gtk_window_present (GTK_WINDOW (f->win));
  id = g_timeout_add (50, tick, NULL);
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->win)) ||
         gtk_widget_get_width (GTK_WIDGET (f->win)) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  spin_until_idle ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->win == NULL)
    return;
  /* Unsaved edits would ask; a test's edits are thrown away. */
  gtk_window_destroy (GTK_WINDOW (f->win));
  spin_until_idle ();
}

static void
run_and_wait (Fixture *f)
{
  guint id = g_timeout_add (50, tick, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.run", NULL));
  g_assert_true (hr_window_is_running (f->win));
  while (hr_window_is_running (f->win))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  spin_until_idle ();
}

static void
test_open_run_results (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = example ("lvc-into-hc.json");
  g_autoptr(HrResultItem) worst = NULL, best = NULL;
  GListModel *results;

  if (f->win == NULL)
    return;
  g_assert_true (hr_window_open_file (f->win, file));
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (hr_window_get_document (f->win))), ==, 2);
  g_assert_null (hr_window_get_results (f->win));
  run_and_wait (f);
  results = hr_window_get_results (f->win);
  g_assert_nonnull (results);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  worst = g_list_model_get_item (results, 0);
  best = g_list_model_get_item (results, 1);
  g_assert_cmpstr (hr_result_item_get_net (worst), ==, "reset_n");
  g_assert_cmpint (hr_result_item_get_verdict (worst), ==, HR_VERDICT_FAIL);
  g_assert_cmpstr (hr_result_item_get_net (best), ==, "enable");
  g_assert_cmpint (hr_result_item_get_verdict (best), ==, HR_VERDICT_PASS);
  /* The file joined the recent files (XDG_DATA_HOME is in the build tree). */
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }
}

static void
test_selection_sync (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = example ("lvc-into-hc.json");
  HrCanvas *canvas;
  HrResultsView *view;
  int net, pin;

  if (f->win == NULL)
    return;
  canvas = HR_CANVAS (find_widget (GTK_WIDGET (f->win), HR_TYPE_CANVAS));
  view = HR_RESULTS_VIEW (find_widget (GTK_WIDGET (f->win), HR_TYPE_RESULTS_VIEW));
  g_assert_nonnull (canvas);
  g_assert_nonnull (view);
  hr_window_open_file (f->win, file);
  run_and_wait (f);
  /* Canvas to table: net 1 of the file is "enable", the table's second row. */
  hr_canvas_select (canvas, 1, HR_CANVAS_NONE);
  g_assert_cmpstr (hr_results_view_get_selected_net (view), ==, "enable");
  /* Table to canvas: the window selects the net on the canvas. */
  g_signal_emit_by_name (view, "net-selected", "reset_n");
  hr_canvas_get_selection (canvas, &net, &pin);
  g_assert_cmpint (net, ==, 0);
  g_assert_cmpint (pin, ==, HR_CANVAS_NONE);
}

static void
test_edit_undo (Fixture *f, gconstpointer data)
{
  GtkWidget *w = GTK_WIDGET (f->win);
  HrDocument *doc;

  if (f->win == NULL)
    return;
  doc = hr_window_get_document (f->win);
  g_assert_true (gtk_widget_activate_action (w, "win.add-net", NULL));
  g_assert_true (gtk_widget_activate_action (w, "win.add-receiver", NULL));
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 3);
  g_assert_true (hr_document_get_modified (doc));
  g_assert_true (gtk_widget_activate_action (w, "win.delete", NULL));   /* the new receiver */
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 2);
  gtk_widget_activate_action (w, "win.undo", NULL);
  gtk_widget_activate_action (w, "win.undo", NULL);
  gtk_widget_activate_action (w, "win.undo", NULL);
  spin_until_idle ();
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, 0);
  g_assert_false (hr_document_get_modified (doc));
}

/* Closing a window while its analysis runs cancels it; the run's end touches nothing of the
 * gone window, and the window is finalised once the run has let go of it. */
static void
test_close_while_running (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = example ("lvc-into-hc.json");
  GtkWidget *win;
  guint id;

  if (f->win == NULL)
    return;
  win = GTK_WIDGET (g_steal_pointer (&f->win));   /* the teardown has nothing left to do */
  hr_window_open_file (HR_WINDOW (win), file);
  g_assert_true (gtk_widget_activate_action (win, "win.run", NULL));
  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *) &win);
  gtk_window_destroy (GTK_WINDOW (win));
  id = g_timeout_add (50, tick, NULL);
  while (win != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
test_bad_file_is_a_toast (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/circuit.json");

  if (f->win == NULL)
    return;
  g_assert_false (hr_window_open_file (f->win, missing));
  g_assert_null (hr_document_get_file (hr_window_get_document (f->win)));
}

static void
count_paint (GdkFrameClock *clock, guint *n)
{
  (*n)++;
}

/* Waits until the window has painted a frame since now: what it shows is up to date. */
static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint painted = 0, id = g_timeout_add (50, tick, NULL);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint), &painted);

  gtk_widget_queue_draw (widget);
  while (painted < 1)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  g_source_remove (id);
}

/* Renders WIDGET as it is on screen, through its window's own renderer. (transfer full) */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* A widget paintable takes the widget's last drawing when it is made, and a queued
   * redraw drops that drawing: make it right after a frame was painted. */
  wait_for_paint (GTK_WIDGET (gtk_widget_get_native (widget)));
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

/* The share of pixels that differ from the top-left one: 0 for a blank area. */
static double
ink_fraction (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint32 *px = g_new (guint32, (gsize) w * h);
  gsize ink = 0;

  gdk_texture_download (texture, (guchar *) px, (gsize) w * 4);
  for (gsize i = 0; i < (gsize) w * h; i++)
    ink += px[i] != px[0];
  return (double) ink / ((double) w * h);
}

static void
save_png (GdkTexture *texture, const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_screenshot_main_window (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = example ("ls-drives-hc.json");
  g_autoptr(GdkTexture) window = NULL, canvas = NULL, results = NULL;
  GtkWidget *w;

  if (f->win == NULL)
    return;
  w = GTK_WIDGET (f->win);
  hr_window_open_file (f->win, file);
  run_and_wait (f);
  wait_for_paint (w);
  /* Every pane is there and has a size. */
  g_assert_nonnull (find_widget (w, ADW_TYPE_HEADER_BAR));
  g_assert_nonnull (find_widget (w, HR_TYPE_PROPERTIES));
  g_assert_cmpint (gtk_widget_get_width (find_widget (w, HR_TYPE_CANVAS)), >, 200);
  g_assert_cmpint (gtk_widget_get_height (find_widget (w, HR_TYPE_RESULTS_VIEW)), >, 100);
  /* The net selected: the properties pane shows its margins and reasons. */
  hr_canvas_select (HR_CANVAS (find_widget (w, HR_TYPE_CANVAS)), 0, HR_CANVAS_NONE);
  window = render_widget (w);
  save_png (window, "test-gtk-main-window.png");
  g_assert_cmpfloat (ink_fraction (window), >, 0.05);
  /* The canvas draws the parts and the (now coloured) wire, the table its row. */
  canvas = render_widget (find_widget (w, HR_TYPE_CANVAS));
  g_assert_cmpfloat (ink_fraction (canvas), >, 0.005);
  results = render_widget (find_widget (w, GTK_TYPE_COLUMN_VIEW));
  g_assert_cmpfloat (ink_fraction (results), >, 0.01);
}

static void
test_matrix_plot_export (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = NULL, *png = NULL, *svg = NULL, *pdf = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(GFile) png_file = NULL, svg_file = NULL, pdf_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) shot = NULL;
  HrMatrixPage *page;
  HrPlotView *view;
  double ax, ay, aw, ah;
  gsize len;
  guint id;

  if (f->win == NULL)
    return;
  page = HR_MATRIX_PAGE (find_widget (GTK_WIDGET (f->win), HR_TYPE_MATRIX_PAGE));
  g_assert_nonnull (page);
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->win), ADW_TYPE_VIEW_STACK)), "matrix");
  id = g_timeout_add (50, tick, NULL);
  while (hr_matrix_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  wait_for_paint (GTK_WIDGET (f->win));
  view = hr_matrix_page_get_view (page);
  g_assert_nonnull (hr_plot_view_get_plot (view));
  g_assert_cmpint (hr_plot_get_kind (hr_plot_view_get_plot (view)), ==, HR_PLOT_KIND_HEATMAP);
  /* The readout names the pair under the pointer: the first cell is 74HC into 74HC. */
  hr_plot_get_plot_area (hr_plot_view_get_plot (view), gtk_widget_get_width (GTK_WIDGET (view)),
                         gtk_widget_get_height (GTK_WIDGET (view)), &ax, &ay, &aw, &ah);
  hr_plot_view_move_pointer (view, ax + 2, ay + 2);
  g_assert_nonnull (hr_plot_view_get_readout (view));
  g_assert_true (g_str_has_prefix (hr_plot_view_get_readout (view), "74HC → 74HC: NMH"));
  hr_plot_view_move_pointer (view, 1, 1);
  g_assert_null (hr_plot_view_get_readout (view));
  /* Export in each format. */
  dir = g_dir_make_tmp ("hr-gtk-XXXXXX", &error);
  g_assert_no_error (error);
  png = g_build_filename (dir, "matrix.png", NULL);
  svg = g_build_filename (dir, "matrix.svg", NULL);
  pdf = g_build_filename (dir, "matrix.pdf", NULL);
  png_file = g_file_new_for_path (png);
  svg_file = g_file_new_for_path (svg);
  pdf_file = g_file_new_for_path (pdf);
  g_assert_true (hr_plot_view_export (view, png_file, &error));
  g_assert_true (hr_plot_view_export (view, svg_file, &error));
  g_assert_true (hr_plot_view_export (view, pdf_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &bytes, &len, NULL));
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  g_clear_pointer (&bytes, g_free);
  g_assert_true (g_file_get_contents (svg, &bytes, &len, NULL));
  g_assert_nonnull (strstr (bytes, "<svg"));
  g_clear_pointer (&bytes, g_free);
  g_assert_true (g_file_get_contents (pdf, &bytes, &len, NULL));
  g_assert_true (g_str_has_prefix (bytes, "%PDF"));
  shot = render_widget (GTK_WIDGET (f->win));
  save_png (shot, "test-gtk-matrix.png");
  g_assert_cmpfloat (ink_fraction (shot), >, 0.05);
  g_remove (png);
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
}

/* Zoom, log axes and the default readout on a line plot. */
static void
test_plot_view_xy (Fixture *f, gconstpointer data)
{
  const double x[] = { 1, 10, 100, 1000 }, y[] = { 0, 1, 2, 3 };
  g_autoptr(HrPlot) plot = hr_plot_new_xy ();
  GtkWidget *window, *view;
  double lo, hi, lo2, hi2, w, h;

  if (f->win == NULL)
    return;
  hr_plot_add_series (plot, "line", x, y, 4);
  view = hr_plot_view_new ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_window_set_child (GTK_WINDOW (window), view);
  hr_plot_view_set_plot (HR_PLOT_VIEW (view), plot);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_paint (window);
  w = gtk_widget_get_width (view);
  h = gtk_widget_get_height (view);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &lo, &hi);
  hr_plot_view_zoom_at (HR_PLOT_VIEW (view), w / 2, h / 2, 0.5);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &lo2, &hi2);
  g_assert_cmpfloat_with_epsilon (hi2 - lo2, (hi - lo) / 2, (hi - lo) * 1e-9);
  hr_plot_view_reset_zoom (HR_PLOT_VIEW (view));
  hr_plot_view_set_log (HR_PLOT_VIEW (view), HR_PLOT_AXIS_X, TRUE);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &lo, &hi);
  g_assert_cmpfloat (lo, >, 0);   /* whole decades */
  hr_plot_view_zoom_at (HR_PLOT_VIEW (view), w / 2, h / 2, 0.5);
  hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &lo2, &hi2);
  /* On a log axis a zoom halves the number of decades. */
  g_assert_cmpfloat_with_epsilon (log10 (hi2 / lo2), log10 (hi / lo) / 2, 1e-9);
  hr_plot_view_move_pointer (HR_PLOT_VIEW (view), w / 2, h / 2);
  g_assert_true (g_str_has_prefix (hr_plot_view_get_readout (HR_PLOT_VIEW (view)), "x = "));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
wait_explorer (HrExplorerPage *page)
{
  guint id = g_timeout_add (50, tick, NULL);

  while (hr_explorer_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  spin_until_idle ();
}

/* The explorer simulates when shown, re-runs with only the latest values while dragging,
 * and its simulated margins agree with the closed forms it shows beside them. */
static void
test_explorer (Fixture *f, gconstpointer data)
{
  g_autoptr(GdkTexture) shot = NULL;
  HrInverterClosedForm c;
  HrExplorerPage *page;
  double nml, nmh;
  guint runs;

  if (f->win == NULL)
    return;
  page = HR_EXPLORER_PAGE (find_widget (GTK_WIDGET (f->win), HR_TYPE_EXPLORER_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpuint (hr_explorer_page_get_n_runs (page), ==, 0);   /* hidden: nothing runs */
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->win), ADW_TYPE_VIEW_STACK)), "explorer");
  wait_explorer (page);
  hr_explorer_page_get_margins (page, &nml, &nmh);
  g_assert_true (hr_inverter_closed_form (3.3, 0.6, -0.6, 100e-6, 50e-6, &c));
  g_assert_cmpfloat_with_epsilon (nml, c.nml_v, 2e-3);
  g_assert_cmpfloat_with_epsilon (nmh, c.nmh_v, 2e-3);
  /* A drag: twenty values in a row. At most the run in flight and one with the last
   * values follow. */
  runs = hr_explorer_page_get_n_runs (page);
  for (int i = 1; i <= 20; i++)
    g_assert_true (hr_explorer_page_set (page, "vdd", 3.3 + 0.05 * i));
  wait_explorer (page);
  g_assert_cmpuint (hr_explorer_page_get_n_runs (page) - runs, <=, 2);
  hr_explorer_page_get_margins (page, &nml, &nmh);
  g_assert_true (hr_inverter_closed_form (4.3, 0.6, -0.6, 100e-6, 50e-6, &c));
  g_assert_cmpfloat_with_epsilon (nml, c.nml_v, 2e-3);
  g_assert_cmpfloat_with_epsilon (nmh, c.nmh_v, 2e-3);
  g_assert_false (hr_explorer_page_set (page, "nonsense", 1));
  /* The criteria switch redraws the same result without a run. */
  runs = hr_explorer_page_get_n_runs (page);
  {
    HrPlot *with = hr_plot_view_get_plot (hr_explorer_page_get_view (page));
    g_assert_true (hr_explorer_page_get_nested (page));
    hr_explorer_page_set_nested (page, FALSE);
    g_assert_true (hr_plot_view_get_plot (hr_explorer_page_get_view (page)) != with);
    g_assert_cmpuint (hr_explorer_page_get_n_runs (page), ==, runs);
    hr_explorer_page_set_nested (page, TRUE);
  }
  shot = render_widget (GTK_WIDGET (f->win));
  save_png (shot, "test-gtk-explorer.png");
  g_assert_cmpfloat (ink_fraction (shot), >, 0.05);
}

/* The SRAM tab: the butterfly's read SNM, larger in hold. */
static void
test_sram (Fixture *f, gconstpointer data)
{
  g_autoptr(GdkTexture) shot = NULL;
  HrSramPage *page;
  double read_snm;
  guint id;

  if (f->win == NULL)
    return;
  page = HR_SRAM_PAGE (find_widget (GTK_WIDGET (f->win), HR_TYPE_SRAM_PAGE));
  g_assert_nonnull (page);
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->win), ADW_TYPE_VIEW_STACK)), "explorer");
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (page))), "sram");
  id = g_timeout_add (50, tick, NULL);
  while (hr_sram_page_is_busy (page) || isnan (hr_sram_page_get_snm (page)))
    g_main_context_iteration (NULL, TRUE);
  read_snm = hr_sram_page_get_snm (page);
  /* The reference's read SNM at 1.8 V, VT 0.45 V, kn/ka = 2, kp = ka: 0.367 V
   * (tests/test-gates.c). */
  g_assert_cmpfloat_with_epsilon (read_snm, 0.367, 5e-3);
  hr_sram_page_set_read (page, FALSE);
  while (hr_sram_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  g_assert_cmpfloat (hr_sram_page_get_snm (page), >, read_snm);
  shot = render_widget (GTK_WIDGET (f->win));
  save_png (shot, "test-gtk-sram.png");
  g_assert_cmpfloat (ink_fraction (shot), >, 0.05);
}

/* The second tab opens on 74LS into 74HC and says why it fails. */
static void
test_two_families (Fixture *f, gconstpointer data)
{
  g_autoptr(GdkTexture) shot = NULL;
  HrExplorerPage *page;
  HrPairPage *pair;
  GtkStack *stack;

  if (f->win == NULL)
    return;
  page = HR_EXPLORER_PAGE (find_widget (GTK_WIDGET (f->win), HR_TYPE_EXPLORER_PAGE));
  pair = hr_explorer_page_get_pair (page);
  g_assert_true (g_str_has_prefix (hr_pair_page_get_reasons (pair), "Verdict: fail."));
  g_assert_nonnull (strstr (hr_pair_page_get_reasons (pair), "VIH 3.5 V"));
  g_assert_cmpint (hr_plot_get_kind (hr_plot_view_get_plot (hr_pair_page_get_view (pair))), ==,
                   HR_PLOT_KIND_XY);
  g_assert_true (hr_pair_page_select (pair, "74LS", "74HCT"));
  g_assert_true (g_str_has_prefix (hr_pair_page_get_reasons (pair), "Verdict: pass."));
  g_assert_false (hr_pair_page_select (pair, "74HX", "74HC"));
  hr_pair_page_select (pair, "74LS", "74HC");
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->win), ADW_TYPE_VIEW_STACK)), "explorer");
  stack = GTK_STACK (find_widget (GTK_WIDGET (page), GTK_TYPE_STACK));
  gtk_stack_set_visible_child_name (stack, "families");
  g_assert_true (hr_explorer_page_get_visible_view (page) == hr_pair_page_get_view (pair));
  wait_explorer (page);   /* the inverter tab's first run starts when the page maps */
  shot = render_widget (GTK_WIDGET (f->win));
  save_png (shot, "test-gtk-two-families.png");
  g_assert_cmpfloat (ink_fraction (shot), >, 0.05);

  /* The columns are named categories: a zoom changes the voltages only, the readout names
   * the column under the pointer, and the picture exports to every format. */
  {
    HrPlotView *view = hr_pair_page_get_view (pair);
    HrPlot *plot = hr_plot_view_get_plot (view);
    double w = gtk_widget_get_width (GTK_WIDGET (view));
    double h = gtk_widget_get_height (GTK_WIDGET (view));
    double xlo, xhi, ylo, yhi, lo, hi, px, py;
    const char *formats[] = { "png", "svg", "pdf" };

    g_assert_cmpuint (hr_plot_get_axis_n_categories (plot, HR_PLOT_AXIS_X), ==, 3);
    g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 0), ==, "74LS outputs");
    g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 1), ==, "noise margins");
    g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 2), ==, "74HC inputs");
    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autofree char *name = g_strdup_printf ("test-gtk-two-families-plot.%s", formats[i]);
        g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
        g_autoptr(GFile) out = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;

        g_assert_true (hr_plot_view_export (view, out, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      }
    hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &xlo, &xhi);
    g_assert_cmpfloat (xlo, ==, -0.5);
    g_assert_cmpfloat (xhi, ==, 2.5);
    hr_plot_get_axis_range (plot, HR_PLOT_AXIS_Y, &ylo, &yhi);
    hr_plot_view_zoom_at (view, w / 2, h / 2, 0.5);
    hr_plot_get_axis_range (plot, HR_PLOT_AXIS_X, &lo, &hi);
    g_assert_cmpfloat (lo, ==, xlo);
    g_assert_cmpfloat (hi, ==, xhi);
    hr_plot_get_axis_range (plot, HR_PLOT_AXIS_Y, &lo, &hi);
    g_assert_cmpfloat_with_epsilon (hi - lo, (yhi - ylo) / 2, 1e-9);
    g_assert_true (hr_plot_data_to_device (plot, w, h, 0.1, (lo + hi) / 2, &px, &py));
    hr_plot_view_move_pointer (view, px, py);
    g_assert_true (g_str_has_prefix (hr_plot_view_get_readout (view), "74LS outputs, y = "));
    /* A reset returns to the chart's own view (its voltage axis up to 1.12 VCC), not to an
     * automatic range. */
    hr_plot_view_reset_zoom (view);
    hr_plot_get_axis_range (plot, HR_PLOT_AXIS_Y, &lo, &hi);
    g_assert_cmpfloat (lo, ==, ylo);
    g_assert_cmpfloat (hi, ==, yhi);
  }
}

static void
collect_rows (GtkWidget *root, GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, rows);
}

/* The gallery lists every example with its lesson; a row opens it in the empty window. */
static void
test_gallery (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GListModel *toplevels;   /* (transfer none) */
  g_autofree char *lesson = hr_gallery_lesson ("Lesson: one thing. And another.");
  g_autofree char *dir = hr_gallery_find_examples ();
  GtkWidget *gallery = NULL, *chosen = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint n_json = 0;
  GFile *file;

  if (f->win == NULL)
    return;
  g_assert_cmpstr (lesson, ==, "One thing.");
  g_assert_nonnull (dir);
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    n_json += g_str_has_suffix (name, ".json");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.examples", NULL));
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (g_strcmp0 (gtk_window_get_title (w), "Examples") == 0)
        gallery = GTK_WIDGET (w);
    }
  g_assert_nonnull (gallery);
  collect_rows (gallery, rows);
  g_assert_cmpuint (rows->len, ==, n_json);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), !=, "");
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "ls-drives-hc") == 0)
        chosen = row;
    }
  g_assert_nonnull (chosen);
  {
    g_autoptr(GdkTexture) shot = NULL;
    guint id = g_timeout_add (50, tick, NULL);
    while (!gtk_widget_get_mapped (gallery) || gtk_widget_get_width (gallery) == 0)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (id);
    shot = render_widget (gallery);
    save_png (shot, "test-gtk-gallery.png");
  }
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (chosen)),
                                   "A 74LS output cannot drive a 74HC input"));
  g_signal_emit_by_name (chosen, "activated");
  spin_until_idle ();
  file = hr_document_get_file (hr_window_get_document (f->win));
  g_assert_nonnull (file);
  {
    g_autofree char *base = g_file_get_basename (file);
    g_assert_cmpstr (base, ==, "ls-drives-hc.json");
  }
}

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

static void
wait_receiver (HrReceiverPage *page)
{
  guint id = g_timeout_add (50, tick, NULL);

  while (hr_receiver_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  spin_until_idle ();
}

/* The modelled receiver U3 of the example: its properties offer its transfer curve, which
 * is simulated off the main thread and drawn with the CLI's VTC chart, at the thresholds
 * the example's lesson gives. U2, without a model, shows its datasheet bars instead. */
static void
test_receiver_curve (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = example ("hc-receiver-simulated.json");
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(HrPlot) expected = NULL;
  HrReceiverPage *page;
  HrCanvas *canvas;
  HrGateVtc *r;
  GtkWidget *button;

  if (f->win == NULL)
    return;
  page = HR_RECEIVER_PAGE (find_widget (GTK_WIDGET (f->win), HR_TYPE_RECEIVER_PAGE));
  canvas = HR_CANVAS (find_widget (GTK_WIDGET (f->win), HR_TYPE_CANVAS));
  g_assert_true (hr_window_open_file (f->win, file));
  /* The file's name is in the header bar while the page switcher shows. */
  {
    GtkWidget *w = GTK_WIDGET (f->win);
    AdwWindowTitle *t = ADW_WINDOW_TITLE (find_widget (w, ADW_TYPE_WINDOW_TITLE));

    g_assert_cmpstr (adw_window_title_get_title (t), ==, "hc-receiver-simulated.json");
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (t)));
    g_assert_true (gtk_widget_get_mapped (find_widget (w, ADW_TYPE_VIEW_SWITCHER)));
  }
  hr_canvas_select (canvas, 0, 2);
  button = find_button (find_widget (GTK_WIDGET (f->win), HR_TYPE_PROPERTIES), "Transfer Curve");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hr_receiver_page_is_busy (page));
  wait_receiver (page);
  r = hr_receiver_page_get_result (page);
  g_assert_nonnull (r);
  g_assert_cmpfloat_with_epsilon (r->margins->vil_v, 1.156, 2e-3);
  g_assert_cmpfloat_with_epsilon (r->margins->vih_v, 1.675, 2e-3);
  g_assert_true (r->restores);
  /* The picture is the CLI's: the curve, its mirror and Vout = Vin at least. */
  expected = hr_chart_gate_vtc (r);
  g_assert_cmpuint (hr_plot_get_n_series (hr_plot_view_get_plot (hr_receiver_page_get_view (page))),
                    ==, hr_plot_get_n_series (expected));
  g_assert_cmpuint (hr_plot_get_n_series (expected), >=, 3);
  g_assert_nonnull (strstr (hr_receiver_page_get_text (page), "VIL 1.156"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
      ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->win), ADW_TYPE_VIEW_STACK))), ==, "receiver");
  shot = render_widget (GTK_WIDGET (f->win));
  save_png (shot, "test-gtk-receiver-curve.png");
  g_assert_cmpfloat (ink_fraction (shot), >, 0.05);
  g_clear_object (&shot);
  /* Its model in the properties pane, beside the canvas. */
  adw_view_stack_set_visible_child_name (
      ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->win), ADW_TYPE_VIEW_STACK)), "circuit");
  shot = render_widget (GTK_WIDGET (f->win));
  save_png (shot, "test-gtk-receiver-model.png");
  /* U2 has no model: the 74LVC driver against its datasheet thresholds. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.receiver-curve", "(ii)",
                                             0, 1));
  g_assert_false (hr_receiver_page_is_busy (page));
  g_assert_null (hr_receiver_page_get_result (page));
  g_assert_true (g_str_has_prefix (hr_receiver_page_get_text (page),
                                   "No transistor-level model"));
  g_assert_nonnull (hr_plot_view_get_plot (hr_receiver_page_get_view (page)));
}

static void
wait_in_flight (HrReceiverPage *page)
{
  guint id = g_timeout_add (50, tick, NULL), in_flight;

  for (;;)
    {
      hr_receiver_page_get_counts (page, NULL, &in_flight);
      if (in_flight == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (id);
  spin_until_idle ();
}

static guint
n_simulations (HrReceiverPage *page)
{
  guint started;

  hr_receiver_page_get_counts (page, &started, NULL);
  return started;
}

/* The Receiver page follows the selection with no button pressed: a modelled receiver's
 * simulated curve, a datasheet receiver's thresholds as bars, the driver and a net of two
 * receivers in words. Edits of the model redraw it (undo and redo too), other edits run
 * nothing; a request that supersedes a simulation cancels it and its result never shows;
 * hidden, the page waits to be shown; a net chosen in the results stands for its one
 * receiver. */
static void
test_receiver_follows_selection (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = example ("hc-receiver-simulated.json");
  g_autoptr(GFile) lvc = example ("lvc-into-hc.json");
  g_autoptr(GdkTexture) shot = NULL;
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack;
  HrReceiverPage *page;
  HrPlotView *view;
  HrCanvas *canvas;
  HrDocument *doc;
  HrPlot *plot;
  double vil_edited, x, y;
  guint runs;

  if (f->win == NULL)
    return;
  page = HR_RECEIVER_PAGE (find_widget (GTK_WIDGET (f->win), HR_TYPE_RECEIVER_PAGE));
  canvas = HR_CANVAS (find_widget (GTK_WIDGET (f->win), HR_TYPE_CANVAS));
  stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (f->win), ADW_TYPE_VIEW_STACK));
  view = hr_receiver_page_get_view (page);
  doc = hr_window_get_document (f->win);
  g_assert_true (hr_window_open_file (f->win, file));
  adw_view_stack_set_visible_child_name (stack, "receiver");
  wait_receiver (page);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "No receiver selected");
  g_assert_null (hr_plot_view_get_plot (view));

  /* U3 carries a model: its curve, simulated off the main thread. */
  hr_canvas_select (canvas, 0, 2);
  g_assert_true (hr_receiver_page_is_busy (page));
  wait_receiver (page);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "U3 (74HC) on net data");
  g_assert_nonnull (hr_receiver_page_get_result (page));
  g_assert_cmpfloat_with_epsilon (hr_receiver_page_get_result (page)->margins->vil_v, 1.156,
                                  2e-3);
  g_assert_nonnull (strstr (hr_receiver_page_get_text (page), "VIL 1.156"));

  /* U2 has none: its datasheet thresholds against U1's levels, in named columns. */
  hr_canvas_select (canvas, 0, 1);
  wait_receiver (page);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "U2 (74HC) on net data");
  g_assert_null (hr_receiver_page_get_result (page));
  g_assert_true (g_str_has_prefix (hr_receiver_page_get_text (page),
                                   "No transistor-level model"));
  plot = hr_plot_view_get_plot (view);
  g_assert_nonnull (plot);
  g_assert_cmpuint (hr_plot_get_axis_n_categories (plot, HR_PLOT_AXIS_X), ==, 3);
  g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 0), ==, "74LVC outputs");
  g_assert_cmpstr (hr_plot_get_axis_category (plot, HR_PLOT_AXIS_X, 2), ==, "74HC inputs");
  shot = render_widget (GTK_WIDGET (f->win));
  save_png (shot, "test-gtk-receiver-levels.png");

  /* The driver, and the net of two receivers: said plainly, nothing drawn. */
  hr_canvas_select (canvas, 0, 0);
  wait_receiver (page);
  g_assert_nonnull (strstr (hr_receiver_page_get_text (page),
                            "U1 is the driver of net data, not a receiver"));
  g_assert_null (hr_plot_view_get_plot (view));
  hr_canvas_select (canvas, 0, HR_CANVAS_NONE);
  wait_receiver (page);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "Net data");
  g_assert_nonnull (strstr (hr_receiver_page_get_text (page), "has 2 receivers"));
  g_assert_null (hr_plot_view_get_plot (view));
  hr_canvas_select (canvas, HR_CANVAS_NONE, HR_CANVAS_NONE);
  wait_receiver (page);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "No receiver selected");

  /* An edit of U3's model redraws its curve, and so do undo and redo. */
  hr_canvas_select (canvas, 0, 2);
  wait_receiver (page);
  g_assert_true (hr_document_set_model_field (doc, 0, 2, "vtn", "0.9V", &error));
  g_assert_no_error (error);
  g_assert_true (hr_receiver_page_is_busy (page));
  wait_receiver (page);
  vil_edited = hr_receiver_page_get_result (page)->margins->vil_v;
  g_assert_cmpfloat (vil_edited, >, 1.156 + 0.05);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.undo", NULL));
  wait_receiver (page);
  g_assert_cmpfloat_with_epsilon (hr_receiver_page_get_result (page)->margins->vil_v, 1.156,
                                  2e-3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.redo", NULL));
  wait_receiver (page);
  g_assert_cmpfloat (hr_receiver_page_get_result (page)->margins->vil_v, ==, vil_edited);

  /* A move or a rename leaves the curve as it is: nothing is simulated. */
  runs = n_simulations (page);
  x = hr_document_get_pin (doc, 0, 2)->x;
  y = hr_document_get_pin (doc, 0, 2)->y;
  g_assert_true (hr_document_move_pin (doc, 0, 2, x + HR_CANVAS_GRID, y, &error));
  hr_document_end_drag (doc);
  g_assert_true (hr_document_set_pin_part (doc, 0, 2, "U9", &error));
  wait_receiver (page);
  g_assert_cmpuint (n_simulations (page), ==, runs);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "U9 (74HC) on net data");
  g_assert_nonnull (hr_receiver_page_get_result (page));

  /* The latest request wins: selecting U2 while U9's new model simulates cancels that run,
   * and its result, when the worker returns, is dropped. */
  g_assert_true (hr_document_set_model_field (doc, 0, 2, "kn", "200u", &error));
  {
    guint id = g_timeout_add (50, tick, NULL);
    while (n_simulations (page) == runs)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (id);
  }
  hr_canvas_select (canvas, 0, 1);
  wait_receiver (page);
  wait_in_flight (page);
  g_assert_cmpuint (n_simulations (page), ==, runs + 1);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "U2 (74HC) on net data");
  g_assert_null (hr_receiver_page_get_result (page));
  g_assert_true (g_str_has_prefix (hr_receiver_page_get_text (page),
                                   "No transistor-level model"));

  /* Hidden, the page only notes the selection; shown, it catches up. */
  adw_view_stack_set_visible_child_name (stack, "circuit");
  hr_canvas_select (canvas, 0, 2);
  spin_until_idle ();
  g_assert_false (hr_receiver_page_is_busy (page));
  g_assert_cmpuint (n_simulations (page), ==, runs + 1);
  adw_view_stack_set_visible_child_name (stack, "receiver");
  g_assert_true (hr_receiver_page_is_busy (page));
  wait_receiver (page);
  g_assert_cmpuint (n_simulations (page), ==, runs + 2);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "U9 (74HC) on net data");
  g_assert_nonnull (hr_receiver_page_get_result (page));
  g_clear_object (&shot);
  shot = render_widget (GTK_WIDGET (f->win));
  save_png (shot, "test-gtk-receiver-follows.png");

  /* A row of the results selects its net; a net of one receiver stands for it. */
  g_assert_true (hr_window_open_file (f->win, lvc));
  run_and_wait (f);
  wait_receiver (page);
  g_assert_cmpstr (hr_receiver_page_get_title (page), ==, "No receiver selected");
  g_signal_emit_by_name (find_widget (GTK_WIDGET (f->win), HR_TYPE_RESULTS_VIEW),
                         "net-selected", "reset_n");
  wait_receiver (page);
  g_assert_nonnull (strstr (hr_receiver_page_get_title (page), "on net reset_n"));
  g_assert_true (g_str_has_prefix (hr_receiver_page_get_text (page),
                                   "No transistor-level model"));
  g_assert_nonnull (hr_plot_view_get_plot (view));
}

/* The canvas keys: an arrow moves the selected part a grid step (Shift: five), each press
 * one undo step; F2 puts the focus in its name; Delete deletes it. */
static void
test_keyboard_edits (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = example ("lvc-into-hc.json");
  GtkWidget *w = GTK_WIDGET (f->win);
  HrDocument *doc;
  HrCanvas *canvas;
  double x0, y0;
  guint nets;

  if (f->win == NULL)
    return;
  doc = hr_window_get_document (f->win);
  canvas = HR_CANVAS (find_widget (w, HR_TYPE_CANVAS));
  g_assert_true (hr_window_open_file (f->win, file));
  /* Nothing selected: the arrows move nothing. */
  gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.nudge", "(ii)", 1, 0);
  g_assert_false (hr_document_get_modified (doc));
  g_assert_false (hr_canvas_nudge (canvas, 1, 0));
  hr_canvas_select (canvas, 0, 1);
  x0 = hr_document_get_pin (doc, 0, 1)->x;
  y0 = hr_document_get_pin (doc, 0, 1)->y;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.nudge", "(ii)", 1, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.nudge", "(ii)", 0, 5));
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->x, ==, hr_canvas_snap (x0) + HR_CANVAS_GRID);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->y, ==,
                     hr_canvas_snap (y0) + 5 * HR_CANVAS_GRID);
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Move");
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->x, ==, hr_canvas_snap (x0) + HR_CANVAS_GRID);
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->x, ==, x0);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->y, ==, y0);
  g_assert_false (hr_document_get_modified (doc));
  /* F2: the part's name row has the focus. */
  g_assert_true (gtk_widget_activate_action (w, "win.rename", NULL));
  spin_until_idle ();
  g_assert_true (ADW_IS_ENTRY_ROW (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (w)),
                                                            ADW_TYPE_ENTRY_ROW)));
  /* Delete, and undo brings the net back. */
  hr_canvas_select (canvas, 0, HR_CANVAS_NONE);
  nets = hr_circuit_get_n_nets (hr_document_get_circuit (doc));
  g_assert_true (gtk_widget_activate_action (w, "win.delete", NULL));
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, nets - 1);
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, nets);
}

static AdwEntryRow *
find_entry_row (GtkWidget *root, const char *title_prefix)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title_prefix))
    return ADW_ENTRY_ROW (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwEntryRow *found = find_entry_row (c, title_prefix);
      if (found)
        return found;
    }
  return NULL;
}

/* The model's numbers in the properties pane are document edits: applied, undone, refused
 * with the library's words and put back. */
static void
test_model_in_properties (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = example ("hc-receiver-simulated.json");
  GtkWidget *props;
  HrDocument *doc;
  AdwEntryRow *row;

  if (f->win == NULL)
    return;
  doc = hr_window_get_document (f->win);
  props = find_widget (GTK_WIDGET (f->win), HR_TYPE_PROPERTIES);
  g_assert_true (hr_window_open_file (f->win, file));
  hr_canvas_select (HR_CANVAS (find_widget (GTK_WIDGET (f->win), HR_TYPE_CANVAS)), 0, 2);
  row = find_entry_row (props, "kn");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "100u");
  gtk_editable_set_text (GTK_EDITABLE (row), "200u");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 2)->model->kn_a_per_v2, ==, 200e-6);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (props, "kn"))), ==,
                   "200u");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->win), "win.undo", NULL));
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 2)->model->kn_a_per_v2, ==, 100e-6);
  row = find_entry_row (props, "VTn");
  gtk_editable_set_text (GTK_EDITABLE (row), "20V");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 2)->model->vtn_v, ==, 0.6);
  g_assert_false (hr_document_get_modified (doc));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (props, "VTn"))), ==,
                   "600mV");
}

/* ---- Multi-selection -------------------------------------------------------------------- */

static AdwPreferencesGroup *
find_group (GtkWidget *root, const char *title)
{
  if (ADW_IS_PREFERENCES_GROUP (root) &&
      g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (root)), title) == 0)
    return ADW_PREFERENCES_GROUP (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwPreferencesGroup *found = find_group (c, title);
      if (found)
        return found;
    }
  return NULL;
}

/* A pointer drag on the canvas between two canvas points (X0, Y0) and (X1, Y1). */
static void
drag_canvas (HrCanvas *canvas, double x0, double y0, double x1, double y1,
             GdkModifierType state)
{
  double px0, py0, px1, py1;

  hr_canvas_to_widget (canvas, x0, y0, &px0, &py0);
  hr_canvas_to_widget (canvas, x1, y1, &px1, &py1);
  hr_canvas_drag (canvas, px0, py0, px1 - px0, py1 - py0, state);
}

/* hc-fanout-ls.json: one net, U1 driving U2…U13 stacked in a column. A rubber band from the
 * background left of U2 to below U4 touches U2, U3 and U4 and nothing else. */
static HrCanvas *
open_fanout_and_band (Fixture *f)
{
  g_autoptr(GFile) file = example ("hc-fanout-ls.json");
  HrDocument *doc = hr_window_get_document (f->win);
  HrCanvas *canvas = HR_CANVAS (find_widget (GTK_WIDGET (f->win), HR_TYPE_CANVAS));
  const HrPin *u2, *u4;

  g_assert_true (hr_window_open_file (f->win, file));
  spin_until_idle ();
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 13);
  u2 = hr_document_get_pin (doc, 0, 1);
  u4 = hr_document_get_pin (doc, 0, 3);
  drag_canvas (canvas, u2->x - 110, u2->y - 50, u2->x + 80, u4->y + 10, 0);
  return canvas;
}

static void
assert_parts (HrCanvas *canvas, guint n, ...)
{
  const HrSelection *sel = hr_canvas_get_parts (canvas);
  va_list ap;

  g_assert_cmpuint (hr_selection_get_n (sel), ==, n);
  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    {
      guint pin = va_arg (ap, guint);
      g_assert_true (hr_selection_contains (sel, 0, pin));
    }
  va_end (ap);
}

/* Rubber band, Shift+click in and out, a click on the background, Ctrl+A and Escape; the
 * properties pane counts the parts, the other views follow the primary (last) one. */
static void
test_rubber_band (Fixture *f, gconstpointer data)
{
  GtkWidget *props;
  HrDocument *doc;
  HrCanvas *canvas;
  const HrPin *u1, *u3, *u5;
  int net, pin;

  if (f->win == NULL)
    return;
  doc = hr_window_get_document (f->win);
  props = find_widget (GTK_WIDGET (f->win), HR_TYPE_PROPERTIES);
  canvas = open_fanout_and_band (f);
  assert_parts (canvas, 3, 1, 2, 3);
  g_assert_nonnull (find_group (props, "3 parts selected"));
  hr_canvas_get_selection (canvas, &net, &pin);
  g_assert_cmpint (net, ==, 0);
  g_assert_cmpint (pin, ==, 3);
  g_assert_false (hr_document_get_modified (doc));   /* selecting is not an edit */
  /* A run keeps the selection; the results table follows the primary part's net. */
  run_and_wait (f);
  assert_parts (canvas, 3, 1, 2, 3);
  g_assert_cmpstr (hr_results_view_get_selected_net (HR_RESULTS_VIEW (find_widget (
      GTK_WIDGET (f->win), HR_TYPE_RESULTS_VIEW))), ==, "strobe");
  /* Shift+click adds U1 (now the primary), Shift+click takes U3 out. */
  u1 = hr_document_get_pin (doc, 0, 0);
  u3 = hr_document_get_pin (doc, 0, 2);
  drag_canvas (canvas, u1->x, u1->y, u1->x, u1->y, GDK_SHIFT_MASK);
  assert_parts (canvas, 4, 0, 1, 2, 3);
  hr_canvas_get_selection (canvas, &net, &pin);
  g_assert_cmpint (pin, ==, 0);
  drag_canvas (canvas, u3->x, u3->y, u3->x, u3->y, GDK_CONTROL_MASK);
  assert_parts (canvas, 3, 0, 1, 3);
  g_assert_nonnull (find_group (props, "3 parts selected"));
  /* A Shift band adds U5 to what is selected. */
  u5 = hr_document_get_pin (doc, 0, 4);
  drag_canvas (canvas, u5->x + 100, u5->y - 5, u5->x + 60, u5->y + 5, GDK_SHIFT_MASK);
  assert_parts (canvas, 4, 0, 1, 3, 4);
  /* A click on the background selects nothing: the pane shows the circuit. */
  drag_canvas (canvas, u5->x + 200, u5->y, u5->x + 200, u5->y, 0);
  assert_parts (canvas, 0);
  g_assert_null (find_group (props, "4 parts selected"));
  g_assert_nonnull (find_group (props, "Circuit"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.select-all", NULL));
  g_assert_cmpuint (hr_selection_get_n (hr_canvas_get_parts (canvas)), ==, 13);
  g_assert_nonnull (find_group (props, "13 parts selected"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.select-none", NULL));
  assert_parts (canvas, 0);
  /* One part from a band is that part's own fields. */
  drag_canvas (canvas, u5->x + 100, u5->y - 5, u5->x + 60, u5->y + 5, 0);
  assert_parts (canvas, 1, 4);
  g_assert_nonnull (find_group (props, "Receiver 4"));
}

/* Dragging one of the selected parts moves them all, each snapped, in one undo step; the
 * arrow keys too; undo puts every part back and keeps the selection. */
static void
test_group_move (Fixture *f, gconstpointer data)
{
  GtkWidget *w = GTK_WIDGET (f->win);
  HrDocument *doc;
  HrCanvas *canvas;
  double x[13], y[13], px0, py0, px1, py1, zoom;
  const HrPin *u3;

  if (f->win == NULL)
    return;
  doc = hr_window_get_document (f->win);
  canvas = open_fanout_and_band (f);
  assert_parts (canvas, 3, 1, 2, 3);
  for (guint p = 0; p < 13; p++)
    {
      x[p] = hr_document_get_pin (doc, 0, p)->x;
      y[p] = hr_document_get_pin (doc, 0, p)->y;
    }
  hr_canvas_to_widget (canvas, 0, 0, &px0, &py0);
  hr_canvas_to_widget (canvas, 1, 0, &px1, &py1);
  zoom = px1 - px0;
  /* Grab U3 (not the primary) and drag it 67 × 43 pixels. */
  u3 = hr_document_get_pin (doc, 0, 2);
  hr_canvas_to_widget (canvas, u3->x, u3->y, &px0, &py0);
  hr_canvas_drag (canvas, px0, py0, 67, 43, 0);
  for (guint p = 0; p < 13; p++)
    {
      gboolean moved = p >= 1 && p <= 3;
      g_assert_cmpfloat (hr_document_get_pin (doc, 0, p)->x, ==,
                         moved ? hr_canvas_snap (x[p] + 67 / zoom) : x[p]);
      g_assert_cmpfloat (hr_document_get_pin (doc, 0, p)->y, ==,
                         moved ? hr_canvas_snap (y[p] + 43 / zoom) : y[p]);
    }
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 1)->x, !=, x[1]);
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Move");
  assert_parts (canvas, 3, 1, 2, 3);   /* a drag keeps the selection */
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  for (guint p = 0; p < 13; p++)
    {
      g_assert_cmpfloat (hr_document_get_pin (doc, 0, p)->x, ==, x[p]);
      g_assert_cmpfloat (hr_document_get_pin (doc, 0, p)->y, ==, y[p]);
    }
  g_assert_false (hr_document_get_modified (doc));
  g_assert_false (hr_document_can_undo (doc));
  assert_parts (canvas, 3, 1, 2, 3);   /* the parts still exist: still selected */
  /* The arrow keys move the selection: one grid step each, one undo step each. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.nudge", "(ii)",
                                             0, 5));
  for (guint p = 1; p <= 3; p++)
    g_assert_cmpfloat (hr_document_get_pin (doc, 0, p)->y, ==,
                       hr_canvas_snap (y[p]) + 5 * HR_CANVAS_GRID);
  g_assert_cmpfloat (hr_document_get_pin (doc, 0, 4)->y, ==, y[4]);
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  g_assert_false (hr_document_get_modified (doc));
  /* A plain click on one of the selected parts selects it alone. */
  hr_canvas_to_widget (canvas, u3->x, u3->y, &px0, &py0);
  hr_canvas_drag (canvas, px0, py0, 0, 0, 0);
  assert_parts (canvas, 1, 2);
}

/* Delete deletes every selected part in one undo step, and undo brings them all back; a
 * net that would lose its last receiver refuses it, as a single delete does. */
static void
test_group_delete (Fixture *f, gconstpointer data)
{
  GtkWidget *w = GTK_WIDGET (f->win);
  HrDocument *doc;
  HrCanvas *canvas;

  if (f->win == NULL)
    return;
  doc = hr_window_get_document (f->win);
  canvas = open_fanout_and_band (f);
  assert_parts (canvas, 3, 1, 2, 3);
  g_assert_true (gtk_widget_activate_action (w, "win.delete", NULL));
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 10);
  g_assert_cmpstr (hr_document_get_pin (doc, 0, 1)->part, ==, "U5");
  g_assert_cmpstr (hr_document_get_undo_label (doc), ==, "Delete 3 parts");
  assert_parts (canvas, 0);
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 13);
  g_assert_cmpstr (hr_document_get_pin (doc, 0, 1)->part, ==, "U2");
  g_assert_cmpstr (hr_document_get_pin (doc, 0, 3)->part, ==, "U4");
  g_assert_false (hr_document_get_modified (doc));
  /* Every receiver but not the driver: refused, nothing changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.select-all", NULL));
  hr_canvas_toggle_part (canvas, 0, 0);
  g_assert_cmpuint (hr_selection_get_n (hr_canvas_get_parts (canvas)), ==, 12);
  g_assert_true (gtk_widget_activate_action (w, "win.delete", NULL));
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 13);
  g_assert_false (hr_document_get_modified (doc));
  /* With the driver: the net goes, and comes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (canvas), "canvas.select-all", NULL));
  g_assert_true (gtk_widget_activate_action (w, "win.delete", NULL));
  g_assert_cmpuint (hr_circuit_get_n_nets (hr_document_get_circuit (doc)), ==, 0);
  g_assert_true (gtk_widget_activate_action (w, "win.undo", NULL));
  g_assert_cmpuint (hr_document_get_n_pins (doc, 0), ==, 13);
  g_assert_false (hr_document_get_modified (doc));
}

int
main (int argc, char **argv)
{
  g_autoptr(HrApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (gtk_init_check ())
    {
      app = hr_application_new ();
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
#define ADD(path, fn) g_test_add ("/gtk/" path, Fixture, app, fixture_setup, fn, fixture_teardown)
  ADD ("open-run-results", test_open_run_results);
  ADD ("selection-sync", test_selection_sync);
  ADD ("edit-undo", test_edit_undo);
  ADD ("bad-file-is-a-toast", test_bad_file_is_a_toast);
  ADD ("close-while-running", test_close_while_running);
  ADD ("screenshot-main-window", test_screenshot_main_window);
  ADD ("matrix-plot-export", test_matrix_plot_export);
  ADD ("plot-view-xy", test_plot_view_xy);
  ADD ("explorer", test_explorer);
  ADD ("two-families", test_two_families);
  ADD ("sram", test_sram);
  ADD ("gallery", test_gallery);
  ADD ("receiver-curve", test_receiver_curve);
  ADD ("receiver-follows-selection", test_receiver_follows_selection);
  ADD ("keyboard-edits", test_keyboard_edits);
  ADD ("model-in-properties", test_model_in_properties);
  ADD ("rubber-band", test_rubber_band);
  ADD ("group-move", test_group_move);
  ADD ("group-delete", test_group_delete);
#undef ADD
  status = g_test_run ();
  return status;
}
