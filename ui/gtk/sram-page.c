/* sram-page.c — sliders, the butterfly and the SNM of a level-1 6T SRAM cell. */
#include "hr-config.h"

#include <math.h>

#include "headroom-charts.h"
#include "job.h"
#include "sram-page.h"

typedef struct {
  const char *label;
  double min, max, step, value, scale;
} Knob;

/* Level 1, every device W = L except the access one, whose W gives it k = ka (as the CLI's
 * `headroom snm --ka`). */
static const Knob knobs[] = {
  { "VDD (V)", 0.8, 3.3, 0.05, 1.8, 1 },
  { "VT of both devices (V)", 0.2, 0.8, 0.01, 0.45, 1 },
  { "kn, driver (µA/V²)", 20, 400, 5, 200, 1e6 },
  { "kp, load (µA/V²)", 20, 400, 5, 100, 1e6 },
  { "ka, access (µA/V²)", 20, 400, 5, 100, 1e6 },
};
#define N_KNOBS G_N_ELEMENTS (knobs)

struct _HrSramPage {
  GtkWidget parent_instance;
  GtkWidget *paned;
  GtkWidget *scales[N_KNOBS];
  GtkWidget *read, *numbers;
  HrPlotView *view;
  HrEngine *engine;
  HrLatest *runs;
  gboolean pending;             /* values to simulate once the tab is shown */
  double snm_v;
};

G_DEFINE_FINAL_TYPE (HrSramPage, hr_sram_page, GTK_TYPE_WIDGET)

static double
knob (HrSramPage *self, guint i)
{
  return gtk_range_get_value (GTK_RANGE (self->scales[i])) / knobs[i].scale;
}

typedef struct {
  HrEngine *engine;
  HrSramSpec *spec;
} SimData;

static void
sim_data_free (SimData *d)
{
  g_object_unref (d->engine);
  hr_sram_spec_free (d->spec);
  g_free (d);
}

static gpointer
simulate (gpointer data, GCancellable *cancellable, HrProgressFunc progress,
          gpointer progress_data, GError **error)
{
  SimData *d = data;
  return hr_sram_butterfly_simulate (d->engine, d->spec, cancellable, progress,
                                     progress_data, error);
}

static HrJob *
make_job (gpointer user_data, GError **error)
{
  HrSramPage *self = user_data;
  g_autoptr(HrMosModel) model = NULL;
  SimData *d;

  /* "auto": the native engine carries the level-1 cell, ngspice anything else. */
  if (self->engine == NULL)
    self->engine = hr_engine_auto_new (1);
  model = hr_mos_model_new_level1 (knob (self, 1), -knob (self, 1), knob (self, 2),
                                   knob (self, 3));
  d = g_new0 (SimData, 1);
  d->engine = g_object_ref (self->engine);
  d->spec = hr_sram_spec_new (model, knob (self, 0));
  d->spec->read = gtk_switch_get_active (GTK_SWITCH (self->read));
  d->spec->wn_m = d->spec->ln_m = d->spec->wp_m = d->spec->lp_m = d->spec->la_m = 1e-6;
  d->spec->wa_m = 1e-6 * knob (self, 4) / knob (self, 2);
  d->spec->step_v = 5e-3;   /* interactive speed; the squares come from the interpolant */
  return hr_job_new (simulate, d, (GDestroyNotify) sim_data_free,
                     (GDestroyNotify) hr_sram_snm_unref);
}

static void
job_done (gpointer result, const GError *error, gpointer user_data)
{
  HrSramPage *self = user_data;
  HrSramSnm *r = result;
  g_autoptr(HrPlot) plot = NULL;
  g_autofree char *text = NULL;

  if (r == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->numbers), error->message);
      return;
    }
  self->snm_v = r->snm->snm_v;
  text = g_strdup_printf ("SNM %.3f V (%s lobe)\nupper-left square %.3f V, lower-right "
                          "%.3f V\ncell ratio (driver/access) %.2f\nsimulated on the %s "
                          "engine%s", r->snm->snm_v, hr_snm_lobe_to_string (r->snm->worst_lobe),
                          r->snm->upper_left.side_v, r->snm->lower_right.side_v,
                          r->cell_ratio, r->engine, r->snm->bistable ? ""
                          : "\nNot bistable: a read upsets the cell.");
  gtk_label_set_text (GTK_LABEL (self->numbers), text);
  plot = hr_chart_butterfly (r);
  hr_plot_view_set_plot (self->view, plot);
}

static void
request (HrSramPage *self)
{
  self->pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->pending)
    hr_latest_request (self->runs);
}

static void
on_changed (GObject *object, GParamSpec *pspec, HrSramPage *self)
{
  request (self);
}

static void
on_value_changed (GtkRange *range, HrSramPage *self)
{
  request (self);
}

static void
on_map (GtkWidget *widget, HrSramPage *self)
{
  if (self->pending)
    request (self);
}

HrPlotView *
hr_sram_page_get_view (HrSramPage *self)
{
  return self->view;
}

gboolean
hr_sram_page_is_busy (HrSramPage *self)
{
  return hr_latest_is_busy (self->runs) ||
         (self->pending && gtk_widget_get_mapped (GTK_WIDGET (self)));
}

double
hr_sram_page_get_snm (HrSramPage *self)
{
  return self->snm_v;
}

void
hr_sram_page_set_read (HrSramPage *self, gboolean read)
{
  gtk_switch_set_active (GTK_SWITCH (self->read), read);
}

/* ---------------------------------------------------------------------------------------- */
/* Layout                                                                                   */

static GtkWidget *
labelled (const char *text, GtkWidget *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), child);
  return box;
}

static GtkWidget *
side_panel (HrSramPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new ("6T SRAM cell, square-law devices");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);
  for (guint i = 0; i < N_KNOBS; i++)
    {
      self->scales[i] = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, knobs[i].min,
                                                  knobs[i].max, knobs[i].step);
      gtk_range_set_value (GTK_RANGE (self->scales[i]), knobs[i].value);
      gtk_scale_set_draw_value (GTK_SCALE (self->scales[i]), TRUE);
      gtk_scale_set_value_pos (GTK_SCALE (self->scales[i]), GTK_POS_RIGHT);
      gtk_scale_set_digits (GTK_SCALE (self->scales[i]), knobs[i].step < 1 ? 2 : 0);
      g_signal_connect (self->scales[i], "value-changed", G_CALLBACK (on_value_changed), self);
      gtk_box_append (GTK_BOX (box), labelled (knobs[i].label, self->scales[i]));
    }
  self->read = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (self->read), TRUE);
  g_signal_connect (self->read, "notify::active", G_CALLBACK (on_changed), self);
  gtk_box_append (GTK_BOX (row), gtk_label_new ("Read (word line on, bit lines at VDD)"));
  gtk_box_append (GTK_BOX (row), self->read);
  gtk_box_append (GTK_BOX (box), row);
  self->numbers = gtk_label_new ("Not simulated yet.");
  gtk_label_set_xalign (GTK_LABEL (self->numbers), 0);
  gtk_label_set_wrap (GTK_LABEL (self->numbers), TRUE);
  gtk_box_append (GTK_BOX (box), self->numbers);
  return box;
}

static void
hr_sram_page_dispose (GObject *object)
{
  HrSramPage *self = HR_SRAM_PAGE (object);

  g_clear_pointer (&self->runs, hr_latest_free);
  g_clear_pointer (&self->paned, gtk_widget_unparent);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (hr_sram_page_parent_class)->dispose (object);
}

static void
hr_sram_page_class_init (HrSramPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hr_sram_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
hr_sram_page_init (HrSramPage *self)
{
  self->snm_v = NAN;
  self->runs = hr_latest_new (make_job, job_done, self);
  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_parent (self->paned, GTK_WIDGET (self));
  gtk_paned_set_start_child (GTK_PANED (self->paned), side_panel (self));
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_position (GTK_PANED (self->paned), 380);
  self->view = HR_PLOT_VIEW (hr_plot_view_new ());
  gtk_paned_set_end_child (GTK_PANED (self->paned), GTK_WIDGET (self->view));
  self->pending = TRUE;
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);
}
