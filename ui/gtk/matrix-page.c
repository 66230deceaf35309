/* matrix-page.c — the compatibility matrix, computed off the main thread, as a heatmap. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"
#include "job.h"
#include "matrix-page.h"
#include "results-model.h"

struct _HrMatrixPage {
  GtkWidget parent_instance;
  GtkWidget *box;
  GtkWidget *supply;            /* GtkDropDown */
  GtkWidget *spinner;
  HrPlotView *view;
  HrFamilyLibrary *lib;
  HrMatrixResult *matrix;       /* the one shown */
  GCancellable *cancellable;    /* the run in flight: a newer choice cancels it */
};

G_DEFINE_FINAL_TYPE (HrMatrixPage, hr_matrix_page, GTK_TYPE_WIDGET)

/* The supplies offered: NAN is "each family at its own nominal supply". */
static const double supplies_v[] = { NAN, 5.0, 3.3, 2.5, 1.8 };
static const char *const supply_names[] = {
  "Each family at its nominal supply", "All at 5 V", "All at 3.3 V", "All at 2.5 V",
  "All at 1.8 V", NULL
};

typedef struct {
  HrFamilyLibrary *lib;
  double vcc_v;
} MatrixData;

static void
matrix_data_free (MatrixData *d)
{
  hr_family_library_unref (d->lib);
  g_free (d);
}

static gpointer
compute_matrix (gpointer data, GCancellable *cancellable, HrProgressFunc progress,
                gpointer progress_data, GError **error)
{
  MatrixData *d = data;
  HrMarginOptions o;

  hr_margin_options_init (&o);
  return hr_margins_matrix (d->lib, d->vcc_v, &o, error);
}

/* "74LS → 74HC: NMH −0.80 V, NML 1.10 V, fail" for the cell under the pointer. */
static char *
cell_readout (double x, double y, gpointer user_data)
{
  HrMatrixPage *self = user_data;
  guint n = self->matrix ? self->matrix->families->len : 0;
  guint col = (guint) floor (x), row = (guint) floor (y);
  const HrMarginResult *cell;
  g_autofree char *nmh = NULL, *nml = NULL;

  if (x < 0 || y < 0 || col >= n || row >= n)
    return NULL;
  cell = hr_matrix_result_get (self->matrix, row, col);
  if (cell == NULL)
    return g_strdup_printf ("%s → %s: not specified at this supply",
                            (char *) g_ptr_array_index (self->matrix->families, row),
                            (char *) g_ptr_array_index (self->matrix->families, col));
  nmh = hr_format_margin (cell->nmh_v);
  nml = hr_format_margin (cell->nml_v);
  return g_strdup_printf ("%s → %s: NMH %s, NML %s, %s", cell->driver->family,
                          cell->receiver->family, nmh, nml, hr_verdict_to_string (cell->verdict));
}

static void
matrix_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(HrMatrixPage) self = user_data;
  g_autoptr(GError) error = NULL;
  HrMatrixResult *m = hr_job_run_finish (HR_JOB (source), result, &error);
  g_autoptr(HrPlot) plot = NULL;

  if (m == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer run owns the spinner */
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  if (m == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
  g_clear_pointer (&self->matrix, hr_matrix_result_unref);
  self->matrix = m;
  plot = hr_chart_matrix (m);
  hr_plot_view_set_plot (self->view, plot);
}

static void
recompute (HrMatrixPage *self)
{
  guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->supply));
  MatrixData *d;
  g_autoptr(HrJob) job = NULL;

  if (self->lib == NULL || i >= G_N_ELEMENTS (supplies_v))
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  d = g_new0 (MatrixData, 1);
  d->lib = hr_family_library_ref (self->lib);
  d->vcc_v = supplies_v[i];
  job = hr_job_new (compute_matrix, d, (GDestroyNotify) matrix_data_free,
                    (GDestroyNotify) hr_matrix_result_unref);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  hr_job_run_async (job, self->cancellable, matrix_done, g_object_ref (self));
}

static void
on_supply (GtkDropDown *drop, GParamSpec *pspec, HrMatrixPage *self)
{
  recompute (self);
}

void
hr_matrix_page_set_library (HrMatrixPage *self, HrFamilyLibrary *lib)
{
  g_clear_pointer (&self->lib, hr_family_library_unref);
  self->lib = hr_family_library_ref (lib);
  recompute (self);
}

HrPlotView *
hr_matrix_page_get_view (HrMatrixPage *self)
{
  return self->view;
}

gboolean
hr_matrix_page_is_busy (HrMatrixPage *self)
{
  return self->cancellable != NULL;
}

static void
hr_matrix_page_dispose (GObject *object)
{
  HrMatrixPage *self = HR_MATRIX_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->lib, hr_family_library_unref);
  g_clear_pointer (&self->matrix, hr_matrix_result_unref);
  G_OBJECT_CLASS (hr_matrix_page_parent_class)->dispose (object);
}

static void
hr_matrix_page_class_init (HrMatrixPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hr_matrix_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
toolbar (HrMatrixPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new ("Supply");
  GtkWidget *hint = gtk_label_new ("Rows drive, columns receive, fan-out 1. Each cell: the "
                                   "worse of NMH and NML.");
  GtkWidget *export = gtk_button_new_with_mnemonic ("_Export Plot…");

  gtk_widget_set_margin_start (bar, 6);
  gtk_widget_set_margin_end (bar, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  self->supply = gtk_drop_down_new_from_strings (supply_names);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->supply), 1);
  g_signal_connect (self->supply, "notify::selected", G_CALLBACK (on_supply), self);
  self->spinner = gtk_spinner_new ();
  gtk_label_set_xalign (GTK_LABEL (hint), 1);
  gtk_label_set_ellipsize (GTK_LABEL (hint), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (hint, TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "win.export-plot");
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), self->supply);
  gtk_box_append (GTK_BOX (bar), self->spinner);
  gtk_box_append (GTK_BOX (bar), hint);
  gtk_box_append (GTK_BOX (bar), export);
  return bar;
}

static void
hr_matrix_page_init (HrMatrixPage *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), toolbar (self));
  self->view = HR_PLOT_VIEW (hr_plot_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  hr_plot_view_set_readout_func (self->view, cell_readout, self, NULL);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->view));
}
