/* receiver-page.c — the selected receiver's transfer curve or its datasheet levels. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"
#include "job.h"
#include "receiver-page.h"
#include "results-model.h"

/* What a receiver's picture is computed from: its model at its supply (and where a "file"
 * model's cards are), or, without a model, its family and its driver's. Two equal Inputs
 * draw the same picture, so an edit that leaves them alone (a move, a comment) runs
 * nothing. */
typedef struct {
  HrPinModel *model;            /* nullable: the datasheet levels */
  double vcc_v;
  char *model_dir;              /* nullable: the circuit file's directory, "file" models */
  char *family;
  char *driver_family;
  double driver_vcc_v;
} Inputs;

static void
inputs_free (Inputs *in)
{
  g_clear_pointer (&in->model, hr_pin_model_free);
  g_free (in->model_dir);
  g_free (in->family);
  g_free (in->driver_family);
  g_free (in);
}

static gboolean
inputs_equal (const Inputs *a, const Inputs *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if ((a->model == NULL) != (b->model == NULL))
    return FALSE;
  if (a->model != NULL)
    return hr_pin_model_equal (a->model, b->model) && a->vcc_v == b->vcc_v
           && g_strcmp0 (a->model_dir, b->model_dir) == 0;
  return g_strcmp0 (a->family, b->family) == 0 && a->vcc_v == b->vcc_v
         && g_strcmp0 (a->driver_family, b->driver_family) == 0
         && a->driver_vcc_v == b->driver_vcc_v;
}

struct _HrReceiverPage {
  GtkWidget parent_instance;
  GtkWidget *box;
  GtkWidget *title;
  GtkWidget *text;
  HrPlotView *view;
  HrGateVtc *result;            /* nullable: the curve shown */
  GCancellable *cancellable;    /* non-NULL while a curve is simulated */
  HrJob *job;                   /* that simulation */
  char *pending_title;          /* the receiver being simulated */
  gboolean toast_errors;        /* that simulation was asked for with a button */

  /* What the page follows: the document's selection, refreshed on its edits. */
  HrDocument *doc;              /* nullable */
  HrEngine *engine;             /* nullable until set */
  int net, pin;                 /* the selection, as HrCanvas has it */
  Inputs *shown;                /* nullable: what the page shows or simulates */
  gboolean stale;               /* the selection or the document changed since */
  gboolean failed;              /* what is shown is the error of its inputs */
  guint refresh_id;             /* an idle that brings the page up to date */
  guint n_simulations;          /* started, for the tests */
  guint n_in_flight;            /* running, superseded ones included */
};

G_DEFINE_FINAL_TYPE (HrReceiverPage, hr_receiver_page, GTK_TYPE_WIDGET)

#define NOTHING_SELECTED_TEXT \
  "Select a receiver on the Circuit page, or a net in the results: its transfer curve (or, " \
  "without a transistor-level model, its datasheet thresholds) shows here."

static void
set_labels (HrReceiverPage *self, const char *title, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->text), text);
}

/* The job in flight, if any, is cancelled: the engine stops it at its next check, and its
 * result, if one still comes, is dropped (curve_done() compares it with self->job). */
static void
cancel (HrReceiverPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  g_clear_pointer (&self->pending_title, g_free);
}

static void
show_message (HrReceiverPage *self, const char *title, const char *text)
{
  cancel (self);
  set_labels (self, title, text);
  g_clear_pointer (&self->result, hr_gate_vtc_unref);
  hr_plot_view_set_plot (self->view, NULL);
}

void
hr_receiver_page_show_message (HrReceiverPage *self, const char *title, const char *text)
{
  show_message (self, title, text);
  g_clear_pointer (&self->shown, inputs_free);
}

gboolean
hr_receiver_page_is_busy (HrReceiverPage *self)
{
  return self->cancellable != NULL || self->refresh_id != 0;
}

/* The curve's own numbers, as `headroom vtc` prints them. */
static char *
curve_text (const HrGateVtc *r)
{
  const HrVtcMargins *m = r->margins;
  const HrVtcMargins *high = r->margins_falling != NULL ? r->margins_falling : m;
  g_autofree char *nml = hr_format_margin (r->nml_v), *nmh = hr_format_margin (r->nmh_v);
  g_autofree char *vil = hr_units_format (m->vil_v, HR_UNIT_VOLT, 4);
  g_autofree char *vih = hr_units_format (high->vih_v, HR_UNIT_VOLT, 4);
  g_autofree char *vm = hr_units_format (m->vm_v, HR_UNIT_VOLT, 4);

  return g_strdup_printf ("%s, simulated on %s. VIL %s, VIH %s, VM %s at the unity-gain "
                          "points; NML %s, NMH %s%s.", r->model_description,
                          r->engine != NULL ? r->engine : "an engine", vil, vih, vm, nml, nmh,
                          r->restores ? "" : ": it does not restore logic levels");
}

static void
show_curve (HrReceiverPage *self, const char *title, HrGateVtc *result)
{
  g_autoptr(HrPlot) plot = hr_chart_gate_vtc (result);
  g_autofree char *text = curve_text (result);

  set_labels (self, title, text);
  g_clear_pointer (&self->result, hr_gate_vtc_unref);
  self->result = hr_gate_vtc_ref (result);
  hr_plot_view_set_plot (self->view, plot);
}

static void
show_levels (HrReceiverPage *self, const char *title, const char *text,
             HrMarginResult *result)
{
  g_autoptr(HrPlot) plot = hr_chart_pair_levels (result);

  set_labels (self, title, text);
  g_clear_pointer (&self->result, hr_gate_vtc_unref);
  hr_plot_view_set_plot (self->view, plot);
}

/* ---- The simulation ------------------------------------------------------------------- */

typedef struct {
  HrPinModel *model;
  double vcc_v;
  char *model_dir;              /* nullable: the circuit file's directory */
  HrEngine *engine;
} CurveData;

static void
curve_data_free (CurveData *d)
{
  hr_pin_model_free (d->model);
  g_free (d->model_dir);
  g_object_unref (d->engine);
  g_free (d);
}

/* In the worker: the same gate `headroom check` simulates for this receiver. */
static gpointer
simulate (gpointer data, GCancellable *cancellable, HrProgressFunc progress,
          gpointer progress_data, GError **error)
{
  CurveData *d = data;
  g_autoptr(HrGateSpec) spec = hr_pin_model_to_gate_spec (d->model, d->vcc_v, d->model_dir,
                                                          error);

  if (spec == NULL)
    return NULL;
  return hr_gate_vtc_simulate (d->engine, spec, cancellable, progress, progress_data, error);
}

static void
curve_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(HrReceiverPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HrGateVtc) result = hr_job_run_finish (HR_JOB (source), res, &error);
  g_autofree char *title = NULL;

  self->n_in_flight--;
  /* Not the job in flight (a newer request, or the page went): its labels are set already. */
  if ((gpointer) source != (gpointer) self->job)
    return;
  title = g_steal_pointer (&self->pending_title);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  if (result == NULL)
    {
      /* Said on the page; a toast too when a button asked, not on every edit that follows
       * a selection. The inputs stay shown: the same model fails the same way. */
      show_message (self, title, error->message);
      self->failed = TRUE;
      if (self->toast_errors)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
  show_curve (self, title, result);
}

static void
start_curve (HrReceiverPage *self, const HrPin *pin, const Inputs *in, const char *title)
{
  CurveData *d = g_new0 (CurveData, 1);
  g_autofree char *vcc = hr_units_format (pin->vcc_v, HR_UNIT_VOLT, 4);
  g_autofree char *text = g_strdup_printf ("Simulating its %s input (%s) at %s…",
                                           pin->model->gate, pin->model->model, vcc);

  d->model = hr_pin_model_copy (pin->model);
  d->vcc_v = pin->vcc_v;
  d->model_dir = g_strdup (in->model_dir);
  d->engine = g_object_ref (self->engine);
  show_message (self, title, text);
  self->job = hr_job_new (simulate, d, (GDestroyNotify) curve_data_free,
                          (GDestroyNotify) hr_gate_vtc_unref);
  self->cancellable = g_cancellable_new ();
  self->pending_title = g_strdup (title);
  self->n_simulations++;
  self->n_in_flight++;
  hr_job_run_async (self->job, self->cancellable, curve_done, g_object_ref (self));
}

/* ---- Datasheet levels ----------------------------------------------------------------- */

static gboolean
start_levels (HrReceiverPage *self, const HrNet *net, const HrPin *rx, const char *title,
              GError **error)
{
  HrFamilyLibrary *lib = hr_document_get_library (self->doc);
  HrFamily *df = hr_family_library_lookup (lib, net->driver.family, error);
  HrFamily *rf = df != NULL ? hr_family_library_lookup (lib, rx->family, error) : NULL;
  g_autoptr(HrLevels) dl = NULL, rl = NULL;
  g_autoptr(HrMarginResult) res = NULL;
  g_autofree char *text = NULL;
  HrMarginOptions o;

  hr_margin_options_init (&o);
  if (rf == NULL || (dl = hr_family_levels_at (df, net->driver.vcc_v, error)) == NULL
      || (rl = hr_family_levels_at (rf, rx->vcc_v, error)) == NULL
      || (res = hr_margins_pair (dl, rl, 1, &o, error)) == NULL)
    return FALSE;
  text = g_strdup_printf ("No transistor-level model: this is the %s datasheet's VIL and VIH "
                          "against the %s driver's guaranteed VOL and VOH (verdict: %s). A "
                          "model of the input (Add Model in its properties, or the "
                          "receiver's \"model\" in the file) gives its transfer curve.",
                          rx->family, net->driver.family, hr_verdict_to_string (res->verdict));
  cancel (self);
  show_levels (self, title, text, res);
  return TRUE;
}

/* ---- Following the selection ---------------------------------------------------------- */

static char *
pin_title (const HrNet *n, const HrPin *p, guint pin)
{
  if (p->part != NULL)
    return g_strdup_printf ("%s (%s) on net %s", p->part, p->family, n->name);
  if (pin == HR_DOCUMENT_DRIVER)
    return g_strdup_printf ("The driver (%s) of net %s", p->family, n->name);
  return g_strdup_printf ("Receiver %u (%s) on net %s", pin, p->family, n->name);
}

static Inputs *
inputs_new (HrReceiverPage *self, const HrNet *n, const HrPin *rx)
{
  Inputs *in = g_new0 (Inputs, 1);
  GFile *file = hr_document_get_file (self->doc);
  g_autoptr(GFile) dir = file != NULL ? g_file_get_parent (file) : NULL;

  in->vcc_v = rx->vcc_v;
  in->family = g_strdup (rx->family);
  if (rx->model != NULL)
    {
      in->model = hr_pin_model_copy (rx->model);
      /* Only a "file" model reads anything from there: a Save As elsewhere redraws no
       * other. */
      if (g_strcmp0 (rx->model->model, "file") == 0 && dir != NULL)
        in->model_dir = g_file_get_path (dir);
    }
  else
    {
      in->driver_family = g_strdup (n->driver.family);
      in->driver_vcc_v = n->driver.vcc_v;
    }
  return in;
}

/* Shows receiver PIN (>= 1) of net NET. FORCE: again even if its inputs did not change.
 * Returns FALSE with ERROR when its datasheet levels cannot be had (said on the page too). */
static gboolean
show_pin (HrReceiverPage *self, guint net, guint pin, gboolean force, GError **error)
{
  const HrNet *n = hr_circuit_get_net (hr_document_get_circuit (self->doc), net);
  const HrPin *rx = hr_document_get_pin (self->doc, net, pin);
  g_autofree char *title = pin_title (n, rx, pin);
  g_autoptr(GError) local_error = NULL;
  Inputs *in = inputs_new (self, n, rx);

  if (!force && inputs_equal (in, self->shown))
    {
      /* The same picture: a rename changes the title alone, and a simulation of these
       * inputs that still runs goes on. */
      inputs_free (in);
      gtk_label_set_text (GTK_LABEL (self->title), title);
      if (self->pending_title != NULL)
        {
          g_free (self->pending_title);
          self->pending_title = g_strdup (title);
        }
      return TRUE;
    }
  g_clear_pointer (&self->shown, inputs_free);
  self->shown = in;
  self->failed = FALSE;
  self->toast_errors = FALSE;
  if (rx->model != NULL)
    {
      start_curve (self, rx, in, title);
      return TRUE;
    }
  if (!start_levels (self, n, rx, title, &local_error))
    {
      show_message (self, title, local_error->message);
      self->failed = TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Brings the page up to what the selection is now. */
static void
refresh (HrReceiverPage *self)
{
  HrCircuit *c = self->doc != NULL ? hr_document_get_circuit (self->doc) : NULL;
  const HrNet *n;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *text = NULL;
  guint pin;

  self->stale = FALSE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (c == NULL || self->net < 0 || (guint) self->net >= hr_circuit_get_n_nets (c))
    {
      hr_receiver_page_show_message (self, "No receiver selected", NOTHING_SELECTED_TEXT);
      return;
    }
  n = hr_circuit_get_net (c, self->net);
  pin = (guint) MAX (self->pin, 0);
  if (self->pin < 0)
    {
      /* A net (its wire, or its row in the results): with one receiver there is no doubt
       * which input is meant. */
      if (n->receivers->len == 1)
        pin = 1;
      else
        {
          title = g_strdup_printf ("Net %s", n->name);
          text = g_strdup_printf ("Net %s has %u receivers: select one of them on the Circuit "
                                  "page to see its input here.", n->name, n->receivers->len);
          hr_receiver_page_show_message (self, title, text);
          return;
        }
    }
  if (pin >= hr_document_get_n_pins (self->doc, self->net))
    {
      hr_receiver_page_show_message (self, "No receiver selected", NOTHING_SELECTED_TEXT);
      return;
    }
  if (pin == HR_DOCUMENT_DRIVER)
    {
      title = pin_title (n, &n->driver, pin);
      text = g_strdup_printf ("%s is the driver of net %s, not a receiver: it has no input "
                              "threshold here. Select one of the net's receivers to see its "
                              "transfer curve or datasheet thresholds.",
                              n->driver.part != NULL ? n->driver.part : "This part", n->name);
      hr_receiver_page_show_message (self, title, text);
      return;
    }
  show_pin (self, self->net, pin, FALSE, &error);
}

static gboolean
refresh_idle (gpointer user_data)
{
  HrReceiverPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Something the page shows may have changed. Shown: an idle refreshes it, once for a burst
 * of changes (an edit changes the document, then the canvas's selection); hidden: when it
 * is shown, so that clicking around the canvas simulates nothing nobody looks at. */
static void
queue_refresh (HrReceiverPage *self)
{
  self->stale = TRUE;
  if (self->refresh_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle, self, NULL);
  g_source_set_name_by_id (self->refresh_id, "[headroom] receiver page refresh");
}

static void
on_map (GtkWidget *widget, HrReceiverPage *self)
{
  if (self->stale)
    queue_refresh (self);
}

static void
on_document_changed (HrReceiverPage *self)
{
  queue_refresh (self);
}

void
hr_receiver_page_set_document (HrReceiverPage *self, HrDocument *doc, HrEngine *engine)
{
  if (self->doc != NULL)
    g_signal_handlers_disconnect_by_data (self->doc, self);
  g_set_object (&self->doc, doc);
  g_set_object (&self->engine, engine);
  if (doc != NULL)
    {
      g_signal_connect_swapped (doc, "changed", G_CALLBACK (on_document_changed), self);
      /* A "file" model's cards are found relative to the circuit file. */
      g_signal_connect_swapped (doc, "notify::file", G_CALLBACK (on_document_changed), self);
    }
  self->net = self->pin = -1;
  queue_refresh (self);
}

void
hr_receiver_page_set_selection (HrReceiverPage *self, int net, int pin)
{
  if (self->net == net && self->pin == pin && !self->stale)
    return;
  self->net = net;
  self->pin = pin;
  queue_refresh (self);
}

gboolean
hr_receiver_page_show_receiver (HrReceiverPage *self, guint net, guint pin, GError **error)
{
  const HrPin *rx = self->doc != NULL && pin != HR_DOCUMENT_DRIVER
                    ? hr_document_get_pin (self->doc, net, pin) : NULL;

  if (rx == NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                   "only a receiver has an input transfer curve: select one");
      return FALSE;
    }
  self->net = (int) net;
  self->pin = (int) pin;
  self->stale = FALSE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* A button pressed again after a failure tries again: a missing cards file may be there
   * now. */
  if (!show_pin (self, net, pin, self->failed, error))
    return FALSE;
  self->toast_errors = TRUE;
  return TRUE;
}

HrPlotView *
hr_receiver_page_get_view (HrReceiverPage *self)
{
  return self->view;
}

HrGateVtc *
hr_receiver_page_get_result (HrReceiverPage *self)
{
  return self->result;
}

const char *
hr_receiver_page_get_title (HrReceiverPage *self)
{
  return gtk_label_get_text (GTK_LABEL (self->title));
}

const char *
hr_receiver_page_get_text (HrReceiverPage *self)
{
  return gtk_label_get_text (GTK_LABEL (self->text));
}

void
hr_receiver_page_get_counts (HrReceiverPage *self, guint *started, guint *in_flight)
{
  if (started != NULL)
    *started = self->n_simulations;
  if (in_flight != NULL)
    *in_flight = self->n_in_flight;
}

static void
hr_receiver_page_dispose (GObject *object)
{
  HrReceiverPage *self = HR_RECEIVER_PAGE (object);

  cancel (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->doc != NULL)
    g_signal_handlers_disconnect_by_data (self->doc, self);
  g_clear_object (&self->doc);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->shown, inputs_free);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->result, hr_gate_vtc_unref);
  G_OBJECT_CLASS (hr_receiver_page_parent_class)->dispose (object);
}

static void
hr_receiver_page_class_init (HrReceiverPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hr_receiver_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
page_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
hr_receiver_page_init (HrReceiverPage *self)
{
  self->net = self->pin = -1;
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->title = page_label ("title-4");
  gtk_widget_set_margin_top (self->title, 12);
  self->text = page_label ("dim-label");
  self->view = HR_PLOT_VIEW (hr_plot_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  gtk_box_append (GTK_BOX (self->box), self->title);
  gtk_box_append (GTK_BOX (self->box), self->text);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);
  set_labels (self, "No receiver selected", NOTHING_SELECTED_TEXT);
}
