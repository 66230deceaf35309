/* window.c — the main window's template, actions, files and analysis runs. */
#include "hr-config.h"

#include "canvas.h"
#include "explorer-page.h"
#include "gallery.h"
#include "job.h"
#include "matrix-page.h"
#include "properties.h"
#include "receiver-page.h"
#include "results-model.h"
#include "results-view.h"
#include "window.h"

struct _HrWindow {
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  AdwViewStack *view_stack;
  GtkRevealer *progress_revealer;
  GtkProgressBar *progress_bar;
  HrCanvas *canvas;
  HrProperties *properties;
  HrResultsView *results_view;
  HrMatrixPage *matrix_page;
  HrExplorerPage *explorer_page;
  HrReceiverPage *receiver_page;
  GMenu *recent_menu;

  HrDocument *doc;
  HrEngine *engine;               /* nullable: "auto", for receivers with a model */
  GCancellable *run_cancellable;  /* non-NULL while an analysis runs */
  guint pulse_id;
  GListModel *results;
  HrCheckResult *check;
  gboolean results_stale;         /* the circuit changed since the last run */
  gboolean close_confirmed;
};

G_DEFINE_FINAL_TYPE (HrWindow, hr_window, ADW_TYPE_APPLICATION_WINDOW)

static void
toast (HrWindow *self, const char *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
update_title (HrWindow *self)
{
  g_autofree char *title = hr_document_dup_title (self->doc);
  g_autofree char *shown = hr_document_get_modified (self->doc)
                           ? g_strdup_printf ("• %s", title) : g_strdup (title);
  GFile *file = hr_document_get_file (self->doc);
  g_autoptr(GFile) parent = file ? g_file_get_parent (file) : NULL;
  g_autofree char *dir = parent ? g_file_get_parse_name (parent) : NULL;

  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, dir ? dir : "");
  gtk_window_set_title (GTK_WINDOW (self), shown);
}

static void
update_actions (HrWindow *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean running = self->run_cancellable != NULL;
  int net, pin;

  hr_canvas_get_selection (self->canvas, &net, &pin);
  gtk_widget_action_set_enabled (w, "win.undo", hr_document_can_undo (self->doc));
  gtk_widget_action_set_enabled (w, "win.redo", hr_document_can_redo (self->doc));
  gtk_widget_action_set_enabled (w, "win.run", !running);
  gtk_widget_action_set_enabled (w, "win.cancel", running);
  gtk_widget_action_set_enabled (w, "win.add-receiver", net >= 0);
  gtk_widget_action_set_enabled (w, "win.delete", net >= 0);
}

static void
summarize (HrWindow *self)
{
  g_autofree char *text = NULL;

  if (self->check == NULL)
    return;
  text = g_strdup_printf ("%u net%s: %u fail, %u marginal, %u pass%s",
                          self->check->nets->len, self->check->nets->len == 1 ? "" : "s",
                          self->check->n_fail, self->check->n_marginal, self->check->n_pass,
                          self->results_stale ? " — the circuit changed since: run again" : "");
  hr_results_view_set_model (self->results_view, self->results, text);
}

static void
on_document_changed (HrDocument *doc, HrWindow *self)
{
  if (self->check != NULL && !self->results_stale)
    {
      self->results_stale = TRUE;
      summarize (self);
    }
  update_actions (self);
}

static void
on_selection_changed (HrCanvas *canvas, HrWindow *self)
{
  const HrSelection *parts = hr_canvas_get_parts (canvas);
  int net, pin;
  HrCircuit *c = hr_document_get_circuit (self->doc);

  hr_canvas_get_selection (canvas, &net, &pin);
  /* Several parts: the pane lists them; the other views follow the primary (last clicked). */
  if (hr_selection_get_n (parts) > 1)
    hr_properties_show_parts (self->properties, hr_selection_get_pins (parts),
                              hr_selection_get_n (parts));
  else
    hr_properties_show (self->properties, net, pin);
  hr_receiver_page_set_selection (self->receiver_page, net, pin);
  hr_results_view_select_net (self->results_view,
                              net >= 0 ? hr_circuit_get_net (c, net)->name : NULL);
  update_actions (self);
}

static void
on_net_selected (HrResultsView *view, const char *name, HrWindow *self)
{
  HrCircuit *c = hr_document_get_circuit (self->doc);

  for (guint i = 0; i < hr_circuit_get_n_nets (c); i++)
    if (g_strcmp0 (hr_circuit_get_net (c, i)->name, name) == 0)
      hr_canvas_select (self->canvas, (int) i, HR_CANVAS_NONE);
}

/* ---------------------------------------------------------------------------------------- */
/* Files                                                                                    */

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

gboolean
hr_window_open_file (HrWindow *self, GFile *file)
{
  g_autoptr(GError) error = NULL;

  if (!hr_document_load (self->doc, file, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  add_recent (file);
  /* another circuit: nothing of the old selection means anything in it */
  hr_canvas_select (self->canvas, HR_CANVAS_NONE, HR_CANVAS_NONE);
  g_clear_object (&self->results);
  g_clear_pointer (&self->check, hr_check_result_unref);
  self->results_stale = FALSE;
  hr_canvas_set_results (self->canvas, NULL);
  hr_properties_set_results (self->properties, NULL);
  hr_results_view_set_model (self->results_view, NULL,
                             "Not analysed yet: Run (F5) checks every net.");
  hr_canvas_fit (self->canvas);
  update_title (self);
  return TRUE;
}

/* An untouched empty window takes the file; otherwise a new window opens it, so opening
 * never throws away unsaved work. */
static void
open_here_or_new (HrWindow *self, GFile *file)
{
  HrWindow *target = self;

  if (hr_document_get_modified (self->doc) ||
      hr_circuit_get_n_nets (hr_document_get_circuit (self->doc)) > 0)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      target = hr_window_new (HR_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (target));
    }
  hr_window_open_file (target, file);
}

static void
open_recent_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  open_here_or_new (HR_WINDOW (widget), file);
}

static int
by_recency (gconstpointer a, gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *tb = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (tb, ta);
}

/* The menu's Recent Circuits: the newest circuit files of the desktop's recent list that
 * still exist. */
static void
update_recent_menu (HrWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (GList *l = items; l != NULL; l = l->next)
    if (g_str_has_suffix (gtk_recent_info_get_uri (l->data), ".json") &&
        gtk_recent_info_is_local (l->data) && gtk_recent_info_exists (l->data))
      g_ptr_array_add (found, l->data);
  g_ptr_array_sort (found, by_recency);
  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < found->len && i < 8; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (found, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  if (found->len == 0)
    g_menu_append (self->recent_menu, "No recent circuits", "win.no-recent");
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static GtkFileFilter *
circuit_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, "headroom circuits (*.json)");
  gtk_file_filter_add_pattern (filter, "*.json");
  return filter;
}

static void
open_response (GtkNativeDialog *dialog, int response, HrWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      open_here_or_new (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new ("Open Circuit", GTK_WINDOW (self),
      GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  g_autoptr(GtkFileFilter) filter = circuit_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
save_to (HrWindow *self, GFile *file)
{
  g_autoptr(GError) error = NULL;

  if (!hr_document_save (self->doc, file, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  add_recent (hr_document_get_file (self->doc));
  update_title (self);
  return TRUE;
}

/* CLOSE_AFTER: the save was asked for by the unsaved-changes dialog of a closing window. */
static void
save_as_response (GtkNativeDialog *dialog, int response, HrWindow *self)
{
  gboolean close_after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "close-after"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (save_to (self, file) && close_after)
        gtk_window_close (GTK_WINDOW (self));
    }
  g_object_unref (dialog);
}

static void
save_as (HrWindow *self, gboolean close_after)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new ("Save Circuit", GTK_WINDOW (self),
      GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");
  g_autoptr(GtkFileFilter) filter = circuit_filter ();
  g_autofree char *name = g_strdup_printf ("%s.json",
      hr_circuit_get_name (hr_document_get_circuit (self->doc)));

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "close-after", GINT_TO_POINTER (close_after));
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);

  if (hr_document_get_file (self->doc) == NULL)
    save_as (self, FALSE);
  else
    save_to (self, NULL);
}

static void
save_as_action (GtkWidget *widget, const char *name, GVariant *param)
{
  save_as (HR_WINDOW (widget), FALSE);
}

static void
new_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (hr_window_new (HR_APPLICATION (app))));
}

static void
close_response (AdwMessageDialog *dialog, const char *response, HrWindow *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (hr_document_get_file (self->doc) == NULL)
        save_as (self, TRUE);
      else if (save_to (self, NULL))
        gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
hr_window_close_request (GtkWindow *window)
{
  HrWindow *self = HR_WINDOW (window);
  g_autofree char *title = NULL;
  GtkWidget *dialog;

  if (self->close_confirmed || !hr_document_get_modified (self->doc))
    return GTK_WINDOW_CLASS (hr_window_parent_class)->close_request (window);
  title = hr_document_dup_title (self->doc);
  dialog = adw_message_dialog_new (window, "Save Changes?", NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
      "“%s” has unsaved changes. Closing without saving loses them.", title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", "_Cancel",
                                    "discard", "_Discard", "save", "_Save", NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Running                                                                                  */

typedef struct {
  HrCircuit *circuit;           /* the state when Run was pressed: edits go on meanwhile */
  HrFamilyLibrary *lib;
  HrEngine *engine;             /* nullable: only circuits with receiver models need one */
  char *model_dir;              /* nullable: the circuit file's directory */
} RunData;

static void
run_data_free (RunData *d)
{
  hr_circuit_unref (d->circuit);
  hr_family_library_unref (d->lib);
  g_clear_object (&d->engine);
  g_free (d->model_dir);
  g_free (d);
}

static gboolean
has_receiver_models (const HrCircuit *c)
{
  for (guint i = 0; i < hr_circuit_get_n_nets (c); i++)
    {
      const HrNet *n = hr_circuit_get_net (c, i);
      for (guint j = 0; j < n->receivers->len; j++)
        if (g_array_index (n->receivers, HrPin, j).model != NULL)
          return TRUE;
    }
  return FALSE;
}

/* Worker thread. The check reports no progress of its own: the bar says what runs, and
 * the cancellable stops it between the simulations of modelled receivers. */
static gpointer
run_check (gpointer data, GCancellable *cancellable, HrProgressFunc progress,
           gpointer progress_data, GError **error)
{
  RunData *d = data;
  HrMarginOptions o;
  HrCheckResult *res;

  progress (0.0, d->engine ? "simulating modelled receivers, checking every net"
                           : "checking every net", progress_data);
  hr_margin_options_init (&o);
  o.model_dir = d->model_dir;
  res = hr_margins_check_circuit_with_engine (d->circuit, d->lib, d->engine, &o,
                                              cancellable, error);
  if (res != NULL)
    progress (1.0, "done", progress_data);
  return res;
}

/* The engine of this window: "auto", as the CLI's check, so level-1 receiver models run
 * natively and model cards on ngspice (whose workers start on the first run that needs
 * them). The Receiver page shares it. */
static HrEngine *
window_engine (HrWindow *self, GError **error)
{
  if (self->engine == NULL)
    self->engine = hr_engine_auto_new (0);
  return self->engine;
}

static gboolean
pulse (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_progress (HrJob *job, double fraction, const char *phase, HrWindow *self)
{
  gtk_progress_bar_set_text (self->progress_bar, phase);
  if (fraction > 0)
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
    }
}

static void
show_results (HrWindow *self, HrCheckResult *res)
{
  g_clear_pointer (&self->check, hr_check_result_unref);
  g_clear_object (&self->results);
  self->check = res;
  self->results = hr_results_model_new (res);
  self->results_stale = FALSE;
  summarize (self);
  hr_canvas_set_results (self->canvas, res);
  hr_properties_set_results (self->properties, res);
  on_selection_changed (self->canvas, self);
}

static void
run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(HrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  HrCheckResult *res = hr_job_run_finish (HR_JOB (source), result, &error);

  if (self->doc == NULL)
    {
      /* The window closed while the run went on (dispose cancelled it): nothing to show. */
      g_clear_pointer (&res, hr_check_result_unref);
      return;
    }
  g_clear_object (&self->run_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);
  if (res == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, "Analysis cancelled.");
  else if (res == NULL)
    toast (self, error->message);   /* the library's own words */
  else
    show_results (self, res);
}

static void
run_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);
  HrCircuit *circuit = hr_document_get_circuit (self->doc);
  GFile *file = hr_document_get_file (self->doc);
  g_autoptr(GFile) dir = file ? g_file_get_parent (file) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HrJob) job = NULL;
  RunData *d;

  if (has_receiver_models (circuit) && window_engine (self, &error) == NULL)
    {
      toast (self, error->message);
      return;
    }
  d = g_new0 (RunData, 1);
  d->circuit = hr_circuit_ref (circuit);
  d->lib = hr_family_library_ref (hr_document_get_library (self->doc));
  d->engine = has_receiver_models (circuit) ? g_object_ref (self->engine) : NULL;
  d->model_dir = dir ? g_file_get_path (dir) : NULL;
  job = hr_job_new (run_check, d, (GDestroyNotify) run_data_free,
                    (GDestroyNotify) hr_check_result_unref);
  g_signal_connect_object (job, "progress", G_CALLBACK (on_progress), self, 0);
  self->run_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "starting");
  self->pulse_id = g_timeout_add (100, pulse, self->progress_bar);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  update_actions (self);
  hr_job_run_async (job, self->run_cancellable, run_done, g_object_ref (self));
}

static void
cancel_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

/* ---------------------------------------------------------------------------------------- */
/* Editing                                                                                  */

static void
undo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  hr_document_undo (HR_WINDOW (widget)->doc);
}

static void
redo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  hr_document_redo (HR_WINDOW (widget)->doc);
}

static void
add_net_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  double x, y;
  guint net;

  hr_canvas_get_view_center (self->canvas, &x, &y);
  if (hr_document_add_net (self->doc, NULL, x, y, &net, &error))
    hr_canvas_select (self->canvas, (int) net, HR_DOCUMENT_DRIVER);
  else
    toast (self, error->message);
}

static void
add_receiver_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  int net, sel_pin;
  guint n, pin;
  const HrPin *last;

  hr_canvas_get_selection (self->canvas, &net, &sel_pin);
  if (net < 0)
    return;
  n = hr_document_get_n_pins (self->doc, net);
  last = hr_document_get_pin (self->doc, net, n - 1);
  /* Below the net's last receiver, one box and a gap further down. */
  if (hr_document_add_receiver (self->doc, net, last->x, last->y + 4 * HR_CANVAS_GRID,
                                &pin, &error))
    hr_canvas_select (self->canvas, net, (int) pin);
  else
    toast (self, error->message);
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const HrSelection *parts = hr_canvas_get_parts (self->canvas);
  int net, pin;
  gboolean ok;

  hr_canvas_get_selection (self->canvas, &net, &pin);
  if (net < 0)
    return;
  /* Every selected part in one undo step; a net (its wire) alone. */
  ok = pin < 0 ? hr_document_remove_net (self->doc, net, &error)
               : hr_document_remove_pins (self->doc, hr_selection_get_pins (parts),
                                          hr_selection_get_n (parts), &error);
  if (ok)
    hr_canvas_select (self->canvas, HR_CANVAS_NONE, HR_CANVAS_NONE);
  else
    toast (self, error->message);
}

/* F2: the selection's name in the properties pane, where Enter applies it (one undo step). */
static void
rename_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);
  int net, pin;

  hr_canvas_get_selection (self->canvas, &net, &pin);
  adw_view_stack_set_visible_child_name (self->view_stack, "circuit");
  if (net < 0 || !hr_properties_focus_name (self->properties))
    toast (self, "Select a part or a net to rename it.");
}

static void
zoom_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);

  if (g_str_equal (name, "win.zoom-in"))
    hr_canvas_zoom_by (self->canvas, 1.25);
  else if (g_str_equal (name, "win.zoom-out"))
    hr_canvas_zoom_by (self->canvas, 0.8);
  else
    hr_canvas_fit (self->canvas);
}

static void
toast_action (GtkWidget *widget, const char *name, GVariant *param)
{
  toast (HR_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
select_action (GtkWidget *widget, const char *name, GVariant *param)
{
  int net, pin;

  g_variant_get (param, "(ii)", &net, &pin);
  hr_canvas_select (HR_WINDOW (widget)->canvas, net, pin);
}

/* The receiver's or the explorer's curve when it is shown, else the family matrix. */
static HrPlotView *
visible_plot (HrWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "receiver") == 0)
    return hr_receiver_page_get_view (self->receiver_page);
  if (g_strcmp0 (page, "explorer") == 0)
    return hr_explorer_page_get_visible_view (self->explorer_page);
  return hr_matrix_page_get_view (self->matrix_page);
}

static void
export_response (GtkNativeDialog *dialog, int response, HrWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *done = g_strdup_printf ("Plot saved to %s", name);

      toast (self, hr_plot_view_export (visible_plot (self), file, &error) ? done : error->message);
    }
  g_object_unref (dialog);
}

/* The file's extension picks PNG, SVG or PDF. */
static void
export_plot_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new ("Export Plot", GTK_WINDOW (self),
      GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean matrix = visible_plot (self) == hr_matrix_page_get_view (self->matrix_page);
  g_autofree char *suggested = g_strdup_printf ("%s.png", matrix ? "matrix" : page);

  if (matrix)
    adw_view_stack_set_visible_child_name (self->view_stack, "matrix");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The receiver (net, pin)'s transfer curve, or its datasheet levels, on the Receiver page
 * (which follows the selection anyway: this selects it and turns to the page). */
static void
receiver_curve_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  int net, pin;

  g_variant_get (param, "(ii)", &net, &pin);
  if (net >= 0 && pin > 0 && hr_document_get_pin (self->doc, net, pin) != NULL)
    hr_canvas_select (self->canvas, net, pin);
  if (net < 0 || pin < 0
      || !hr_receiver_page_show_receiver (self->receiver_page, net, pin, &error))
    {
      toast (self, error != NULL ? error->message : "Select a receiver first.");
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "receiver");
}

static void
examples_action (GtkWidget *widget, const char *name, GVariant *param)
{
  HrWindow *self = HR_WINDOW (widget);

  hr_gallery_present (GTK_WINDOW (self), hr_document_get_library (self->doc));
}

static void
close_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---------------------------------------------------------------------------------------- */
/* GObject                                                                                  */

static void
hr_window_dispose (GObject *object)
{
  HrWindow *self = HR_WINDOW (object);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->doc != NULL)
    g_signal_handlers_disconnect_by_data (self->doc, self);
  g_clear_object (&self->doc);
  g_clear_object (&self->engine);
  g_clear_object (&self->results);
  g_clear_pointer (&self->check, hr_check_result_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), HR_TYPE_WINDOW);
  G_OBJECT_CLASS (hr_window_parent_class)->dispose (object);
}

static void
install_actions (GtkWidgetClass *wc)
{
  gtk_widget_class_install_action (wc, "win.new", NULL, new_action);
  gtk_widget_class_install_action (wc, "win.open", NULL, open_action);
  gtk_widget_class_install_action (wc, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (wc, "win.examples", NULL, examples_action);
  gtk_widget_class_install_action (wc, "win.save", NULL, save_action);
  gtk_widget_class_install_action (wc, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (wc, "win.close", NULL, close_action);
  gtk_widget_class_install_action (wc, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (wc, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (wc, "win.run", NULL, run_action);
  gtk_widget_class_install_action (wc, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (wc, "win.add-net", NULL, add_net_action);
  gtk_widget_class_install_action (wc, "win.add-receiver", NULL, add_receiver_action);
  gtk_widget_class_install_action (wc, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (wc, "win.rename", NULL, rename_action);
  gtk_widget_class_install_action (wc, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (wc, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (wc, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (wc, "win.export-plot", NULL, export_plot_action);
  gtk_widget_class_install_action (wc, "win.receiver-curve", "(ii)", receiver_curve_action);
  /* Children report refused edits and select things through these. */
  gtk_widget_class_install_action (wc, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (wc, "win.select", "(ii)", select_action);
}

static void
hr_window_class_init (HrWindowClass *klass)
{
  GtkWidgetClass *wc = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hr_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = hr_window_close_request;
  g_type_ensure (HR_TYPE_CANVAS);
  g_type_ensure (HR_TYPE_PROPERTIES);
  g_type_ensure (HR_TYPE_RESULTS_VIEW);
  g_type_ensure (HR_TYPE_MATRIX_PAGE);
  g_type_ensure (HR_TYPE_EXPLORER_PAGE);
  g_type_ensure (HR_TYPE_RECEIVER_PAGE);
  gtk_widget_class_set_template_from_resource (wc, "/io/github/headroom/Headroom/window.ui");
  gtk_widget_class_bind_template_child (wc, HrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (wc, HrWindow, window_title);
  gtk_widget_class_bind_template_child (wc, HrWindow, view_stack);
  gtk_widget_class_bind_template_child (wc, HrWindow, progress_revealer);
  gtk_widget_class_bind_template_child (wc, HrWindow, progress_bar);
  gtk_widget_class_bind_template_child (wc, HrWindow, canvas);
  gtk_widget_class_bind_template_child (wc, HrWindow, properties);
  gtk_widget_class_bind_template_child (wc, HrWindow, results_view);
  gtk_widget_class_bind_template_child (wc, HrWindow, matrix_page);
  gtk_widget_class_bind_template_child (wc, HrWindow, explorer_page);
  gtk_widget_class_bind_template_child (wc, HrWindow, receiver_page);
  gtk_widget_class_bind_template_child (wc, HrWindow, recent_menu);
  install_actions (wc);
}

static void
hr_window_init (HrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->canvas, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->results_view, "net-selected", G_CALLBACK (on_net_selected), self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);
}

HrWindow *
hr_window_new (HrApplication *app)
{
  HrWindow *self = g_object_new (HR_TYPE_WINDOW, "application", app, NULL);

  self->doc = hr_document_new (hr_application_get_library (app));
  g_signal_connect (self->doc, "changed", G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (self->doc, "notify::modified", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->doc, "notify::file", G_CALLBACK (update_title), self);
  hr_canvas_set_document (self->canvas, self->doc);
  hr_properties_set_document (self->properties, self->doc);
  hr_receiver_page_set_document (self->receiver_page, self->doc, window_engine (self, NULL));
  hr_matrix_page_set_library (self->matrix_page, hr_application_get_library (app));
  hr_pair_page_set_library (hr_explorer_page_get_pair (self->explorer_page),
                            hr_application_get_library (app));
  update_title (self);
  update_actions (self);
  return self;
}

HrDocument *
hr_window_get_document (HrWindow *self)
{
  return self->doc;
}

GListModel *
hr_window_get_results (HrWindow *self)
{
  return self->results;
}

gboolean
hr_window_is_running (HrWindow *self)
{
  return self->run_cancellable != NULL;
}
