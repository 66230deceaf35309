/* receiver-page.c — a receiver's transfer curve or its datasheet levels. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"
#include "job.h"
#include "receiver-page.h"
#include "results-model.h"

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
};

G_DEFINE_FINAL_TYPE (HrReceiverPage, hr_receiver_page, GTK_TYPE_WIDGET)

static void
set_labels (HrReceiverPage *self, const char *title, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->text), text);
}

static void
cancel (HrReceiverPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  g_clear_pointer (&self->pending_title, g_free);
}

void
hr_receiver_page_show_message (HrReceiverPage *self, const char *title, const char *text)
{
  cancel (self);
  set_labels (self, title, text);
  g_clear_pointer (&self->result, hr_gate_vtc_unref);
  hr_plot_view_set_plot (self->view, NULL);
}

gboolean
hr_receiver_page_is_busy (HrReceiverPage *self)
{
  return self->cancellable != NULL;
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

  /* Not the job in flight (a newer request, or the page went): its labels are set already. */
  if ((gpointer) source != (gpointer) self->job)
    return;
  title = g_steal_pointer (&self->pending_title);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  if (result == NULL)
    {
      hr_receiver_page_show_message (self, title, error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
  show_curve (self, title, result);
}

static void
start_curve (HrReceiverPage *self, HrDocument *doc, const HrPin *pin, const char *title,
             HrEngine *engine)
{
  GFile *file = hr_document_get_file (doc);
  g_autoptr(GFile) dir = file != NULL ? g_file_get_parent (file) : NULL;
  CurveData *d = g_new0 (CurveData, 1);
  g_autofree char *vcc = hr_units_format (pin->vcc_v, HR_UNIT_VOLT, 4);
  g_autofree char *text = g_strdup_printf ("Simulating its %s input (%s) at %s…",
                                           pin->model->gate, pin->model->model, vcc);

  d->model = hr_pin_model_copy (pin->model);
  d->vcc_v = pin->vcc_v;
  d->model_dir = dir != NULL ? g_file_get_path (dir) : NULL;
  d->engine = g_object_ref (engine);
  hr_receiver_page_show_message (self, title, text);
  self->job = hr_job_new (simulate, d, (GDestroyNotify) curve_data_free,
                          (GDestroyNotify) hr_gate_vtc_unref);
  self->cancellable = g_cancellable_new ();
  self->pending_title = g_strdup (title);
  hr_job_run_async (self->job, self->cancellable, curve_done, g_object_ref (self));
}

/* ---- Datasheet levels ----------------------------------------------------------------- */

static gboolean
start_levels (HrReceiverPage *self, HrDocument *doc, const HrNet *net, const HrPin *rx,
              const char *title, GError **error)
{
  HrFamilyLibrary *lib = hr_document_get_library (doc);
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
                          "model of the input (Edit Model in its properties, or the "
                          "receiver's \"model\" in the file) gives its transfer curve.",
                          rx->family, net->driver.family, hr_verdict_to_string (res->verdict));
  cancel (self);
  show_levels (self, title, text, res);
  return TRUE;
}

gboolean
hr_receiver_page_show_receiver (HrReceiverPage *self, HrDocument *doc, guint net, guint pin,
                                HrEngine *engine, GError **error)
{
  HrCircuit *c = hr_document_get_circuit (doc);
  const HrPin *rx = pin != HR_DOCUMENT_DRIVER ? hr_document_get_pin (doc, net, pin) : NULL;
  const HrNet *n = rx != NULL ? hr_circuit_get_net (c, net) : NULL;
  g_autofree char *title = NULL;

  if (rx == NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                   "only a receiver has an input transfer curve: select one");
      return FALSE;
    }
  title = rx->part != NULL ? g_strdup_printf ("%s (%s) on net %s", rx->part, rx->family, n->name)
                           : g_strdup_printf ("Receiver %u (%s) on net %s", pin, rx->family,
                                              n->name);
  if (rx->model == NULL)
    return start_levels (self, doc, n, rx, title, error);
  start_curve (self, doc, rx, title, engine);
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
hr_receiver_page_get_text (HrReceiverPage *self)
{
  return gtk_label_get_text (GTK_LABEL (self->text));
}

static void
hr_receiver_page_dispose (GObject *object)
{
  HrReceiverPage *self = HR_RECEIVER_PAGE (object);

  cancel (self);
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
  set_labels (self, "No receiver selected",
              "Select a receiver on the Circuit page and press Transfer Curve in its "
              "properties.");
}
