/* explorer-page.c — sliders, a latest-value-wins simulation loop, the curve and numbers. */
#include "hr-config.h"

#include <math.h>

#include "explorer-page.h"
#include "headroom-charts.h"
#include "job.h"
#include "pair-page.h"
#include "sram-page.h"

/* One slider: its name, label, range and default, in display units (SCALE × SI). */
typedef struct {
  const char *name, *label, *unit;
  double min, max, step, value, scale;
} Knob;

static const Knob knobs[] = {
  { "vdd", "VDD", "V", 1.0, 5.0, 0.05, 3.3, 1 },
  { "vtn", "VTn", "V", 0.2, 1.5, 0.01, 0.6, 1 },
  { "vtp", "VTp", "V", -1.5, -0.2, 0.01, -0.6, 1 },
  { "kn", "kn", "µA/V²", 10, 500, 5, 100, 1e6 },
  { "kp", "kp", "µA/V²", 10, 500, 5, 50, 1e6 },
  { "load", "DC load (+ sunk when low)", "µA", -500, 500, 10, 0, 1e6 },
};
#define N_KNOBS G_N_ELEMENTS (knobs)

/* The numbers shown: simulated and closed form, one row each. */
static const char *const rows[] = { "VM", "VIL", "VIH", "VOL", "VOH", "NML", "NMH" };
#define N_ROWS G_N_ELEMENTS (rows)

struct _HrExplorerPage {
  GtkWidget parent_instance;
  GtkWidget *root;              /* the tab switcher over the two tabs */
  GtkWidget *stack;
  GtkWidget *paned;             /* the inverter tab */
  HrPairPage *pair;             /* the two-families tab */
  GtkWidget *scales[N_KNOBS];
  GtkWidget *sim_labels[N_ROWS], *cf_labels[N_ROWS];
  GtkWidget *status;
  GtkWidget *nested;            /* GtkSwitch: the nested-rectangle criteria with unity gain */
  HrGateVtc *last;              /* the result shown, redrawn when the switch flips */
  HrPlotView *view;
  HrEngine *engine;             /* started on the first run */
  HrLatest *runs;               /* one simulation at a time, the latest values next */
  gboolean pending;             /* values to simulate once the page is shown */
  double nml_v, nmh_v;
};

G_DEFINE_FINAL_TYPE (HrExplorerPage, hr_explorer_page, GTK_TYPE_WIDGET)

static double
knob_si (HrExplorerPage *self, guint i)
{
  return gtk_range_get_value (GTK_RANGE (self->scales[i])) / knobs[i].scale;
}

/* Millivolts: the simulation and the closed forms agree to about one. */
static void
set_row (GtkWidget **labels, guint row, double volts)
{
  g_autofree char *text = !isfinite (volts) ? g_strdup ("–")
                          : volts < 0 ? g_strdup_printf ("−%.3f V", -volts)
                                      : g_strdup_printf ("%.3f V", volts);
  gtk_label_set_text (GTK_LABEL (labels[row]), text);
}

static void
show_closed_form (HrExplorerPage *self)
{
  HrInverterClosedForm c;
  double v[N_ROWS];

  if (!hr_inverter_closed_form (knob_si (self, 0), knob_si (self, 1), knob_si (self, 2),
                                knob_si (self, 3), knob_si (self, 4), &c))
    c = (HrInverterClosedForm) { NAN, NAN, NAN, NAN, NAN, NAN, NAN };
  v[0] = c.vm_v; v[1] = c.vil_v; v[2] = c.vih_v; v[3] = c.vol_v; v[4] = c.voh_v;
  v[5] = c.nml_v; v[6] = c.nmh_v;
  for (guint i = 0; i < N_ROWS; i++)
    set_row (self->cf_labels, i, v[i]);
}

static void
show_result (HrExplorerPage *self, HrGateVtc *r)
{
  const HrVtcMargins *m = r->margins;
  double v[N_ROWS] = { m->vm_v, m->vil_v, m->vih_v, m->vol_v, m->voh_v, r->nml_v, r->nmh_v };
  g_autoptr(HrPlot) plot =
      hr_chart_gate_vtc_criteria (r, gtk_switch_get_active (GTK_SWITCH (self->nested)));

  for (guint i = 0; i < N_ROWS; i++)
    set_row (self->sim_labels, i, v[i]);
  self->nml_v = r->nml_v;
  self->nmh_v = r->nmh_v;
  if (self->last != r)
    {
      g_clear_pointer (&self->last, hr_gate_vtc_unref);
      self->last = hr_gate_vtc_ref (r);
    }
  hr_plot_view_set_plot (self->view, plot);
  {
    g_autofree char *status = g_strdup_printf (
        r->restores ? "Simulated on the %s engine (level 1): the gate restores logic levels."
                    : "Simulated on the %s engine (level 1): no positive margin on both "
                      "levels — the gate does not restore logic levels.", r->engine);
    gtk_label_set_text (GTK_LABEL (self->status), status);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Simulation: at most one run at a time, the latest values next                            */

typedef struct {
  HrEngine *engine;
  HrGateSpec *spec;
} SimData;

static void
sim_data_free (SimData *d)
{
  g_object_unref (d->engine);
  hr_gate_spec_free (d->spec);
  g_free (d);
}

static gpointer
simulate (gpointer data, GCancellable *cancellable, HrProgressFunc progress,
          gpointer progress_data, GError **error)
{
  SimData *d = data;
  return hr_gate_vtc_simulate (d->engine, d->spec, cancellable, progress, progress_data, error);
}

static HrGateSpec *
spec_from_knobs (HrExplorerPage *self)
{
  g_autoptr(HrMosModel) model = hr_mos_model_new_level1 (knob_si (self, 1), knob_si (self, 2),
                                                         knob_si (self, 3), knob_si (self, 4));
  HrGateSpec *spec = hr_gate_spec_new (HR_CMOS_INVERTER, model, knob_si (self, 0));

  spec->load_a = knob_si (self, 5);
  /* 5 mV steps: the library refines around VIL, VM and VIH, so the numbers stay within a
   * millivolt while a run takes a fraction of the time of 1 mV steps. */
  spec->step_v = 5e-3;
  return spec;
}

/* HrLatest asks for a job with the values of the moment. */
static HrJob *
make_job (gpointer user_data, GError **error)
{
  HrExplorerPage *self = user_data;
  SimData *d;

  /* "auto": the native engine (in process, reentrant, fast) carries the level-1 inverter;
   * ngspice stays the fallback for anything it does not. */
  if (self->engine == NULL)
    self->engine = hr_engine_auto_new (1);
  d = g_new0 (SimData, 1);
  d->engine = g_object_ref (self->engine);
  d->spec = spec_from_knobs (self);
  return hr_job_new (simulate, d, (GDestroyNotify) sim_data_free,
                     (GDestroyNotify) hr_gate_vtc_unref);
}

static void
job_done (gpointer result, const GError *error, gpointer user_data)
{
  HrExplorerPage *self = user_data;

  if (result != NULL)
    show_result (self, result);
  else
    gtk_label_set_text (GTK_LABEL (self->status), error->message);
}

/* A slider moved: show the closed form at once, simulate now or right after the run in
 * flight (with whatever the values are then). */
static void
request_run (HrExplorerPage *self)
{
  show_closed_form (self);
  self->pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->pending)
    hr_latest_request (self->runs);
}

static void
on_nested (GtkSwitch *sw, GParamSpec *pspec, HrExplorerPage *self)
{
  if (self->last != NULL)
    show_result (self, self->last);
}

gboolean
hr_explorer_page_get_nested (HrExplorerPage *self)
{
  return gtk_switch_get_active (GTK_SWITCH (self->nested));
}

void
hr_explorer_page_set_nested (HrExplorerPage *self, gboolean nested)
{
  gtk_switch_set_active (GTK_SWITCH (self->nested), nested);
}

static void
on_value_changed (GtkRange *range, HrExplorerPage *self)
{
  request_run (self);
}

/* The first simulation waits until the page is shown: windows that never open the
 * explorer make no engine. */
static void
on_map (GtkWidget *widget, HrExplorerPage *self)
{
  if (self->pending)
    request_run (self);
}

gboolean
hr_explorer_page_set (HrExplorerPage *self, const char *name, double value)
{
  for (guint i = 0; i < N_KNOBS; i++)
    if (g_str_equal (knobs[i].name, name))
      {
        gtk_range_set_value (GTK_RANGE (self->scales[i]), value * knobs[i].scale);
        return TRUE;
      }
  return FALSE;
}

gboolean
hr_explorer_page_is_busy (HrExplorerPage *self)
{
  return hr_latest_is_busy (self->runs) ||
         (self->pending && gtk_widget_get_mapped (GTK_WIDGET (self)));
}

guint
hr_explorer_page_get_n_runs (HrExplorerPage *self)
{
  return hr_latest_get_n_runs (self->runs);
}

void
hr_explorer_page_get_margins (HrExplorerPage *self, double *nml_v, double *nmh_v)
{
  *nml_v = self->nml_v;
  *nmh_v = self->nmh_v;
}

HrPlotView *
hr_explorer_page_get_view (HrExplorerPage *self)
{
  return self->view;
}

HrPairPage *
hr_explorer_page_get_pair (HrExplorerPage *self)
{
  return self->pair;
}

HrPlotView *
hr_explorer_page_get_visible_view (HrExplorerPage *self)
{
  GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (self->stack));

  if (shown == GTK_WIDGET (self->pair))
    return hr_pair_page_get_view (self->pair);
  if (HR_IS_SRAM_PAGE (shown))
    return hr_sram_page_get_view (HR_SRAM_PAGE (shown));
  return self->view;
}

/* ---------------------------------------------------------------------------------------- */
/* Layout                                                                                   */

static GtkWidget *
knob_row (HrExplorerPage *self, guint i)
{
  const Knob *k = &knobs[i];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *title = g_strdup_printf ("%s (%s)", k->label, k->unit);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  self->scales[i] = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, k->min, k->max,
                                              k->step);
  gtk_range_set_value (GTK_RANGE (self->scales[i]), k->value);
  gtk_scale_set_draw_value (GTK_SCALE (self->scales[i]), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (self->scales[i]), GTK_POS_RIGHT);
  gtk_scale_set_digits (GTK_SCALE (self->scales[i]), k->step < 0.05 ? 2 : k->step < 1 ? 2 : 0);
  gtk_widget_set_tooltip_text (self->scales[i], k->label);
  g_signal_connect (self->scales[i], "value-changed", G_CALLBACK (on_value_changed), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), self->scales[i]);
  return box;
}

static GtkWidget *
cell (const char *text, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* Simulated against closed form, one row per number. */
static GtkWidget *
numbers_grid (HrExplorerPage *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_attach (GTK_GRID (grid), cell ("simulated", "caption-heading"), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell ("closed form", "caption-heading"), 2, 0, 1, 1);
  for (guint i = 0; i < N_ROWS; i++)
    {
      GtkWidget *name = cell (rows[i], "heading");
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      self->sim_labels[i] = cell ("…", "numeric");
      self->cf_labels[i] = cell ("…", "numeric");
      gtk_grid_attach (GTK_GRID (grid), name, 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->sim_labels[i], 1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->cf_labels[i], 2, i + 1, 1, 1);
    }
  return grid;
}

static GtkWidget *
nested_row (HrExplorerPage *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new ("Hauser's rectangle and the largest square with the "
                                    "unity-gain points");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  self->nested = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (self->nested), TRUE);
  gtk_widget_set_valign (self->nested, GTK_ALIGN_CENTER);
  g_signal_connect (self->nested, "notify::active", G_CALLBACK (on_nested), self);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), self->nested);
  return row;
}

static GtkWidget *
side_panel (HrExplorerPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new ("CMOS inverter, square-law devices");
  GtkWidget *formulas = gtk_label_new (hr_inverter_closed_form_text ());

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_box_append (GTK_BOX (box), title);
  for (guint i = 0; i < N_KNOBS; i++)
    gtk_box_append (GTK_BOX (box), knob_row (self, i));
  gtk_box_append (GTK_BOX (box), nested_row (self));
  gtk_box_append (GTK_BOX (box), numbers_grid (self));
  self->status = gtk_label_new ("Not simulated yet.");
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_box_append (GTK_BOX (box), self->status);
  gtk_label_set_xalign (GTK_LABEL (formulas), 0);
  gtk_label_set_wrap (GTK_LABEL (formulas), TRUE);
  gtk_label_set_selectable (GTK_LABEL (formulas), TRUE);
  gtk_widget_add_css_class (formulas, "caption");
  gtk_box_append (GTK_BOX (box), formulas);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_set_size_request (scroller, 340, -1);
  return scroller;
}

static void
hr_explorer_page_dispose (GObject *object)
{
  HrExplorerPage *self = HR_EXPLORER_PAGE (object);

  g_clear_pointer (&self->runs, hr_latest_free);
  g_clear_pointer (&self->root, gtk_widget_unparent);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->last, hr_gate_vtc_unref);
  G_OBJECT_CLASS (hr_explorer_page_parent_class)->dispose (object);
}

static void
hr_explorer_page_class_init (HrExplorerPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hr_explorer_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
hr_explorer_page_init (HrExplorerPage *self)
{
  GtkWidget *switcher = gtk_stack_switcher_new ();

  self->runs = hr_latest_new (make_job, job_done, self);
  self->nml_v = self->nmh_v = NAN;
  self->root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->root, GTK_WIDGET (self));
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (self->stack));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_widget_set_margin_bottom (switcher, 6);
  gtk_box_append (GTK_BOX (self->root), switcher);
  gtk_box_append (GTK_BOX (self->root), self->stack);
  self->paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_stack_add_titled (GTK_STACK (self->stack), self->paned, "inverter", "One Inverter");
  self->pair = g_object_new (HR_TYPE_PAIR_PAGE, NULL);
  gtk_stack_add_titled (GTK_STACK (self->stack), GTK_WIDGET (self->pair), "families",
                        "Two Families");
  gtk_stack_add_titled (GTK_STACK (self->stack), g_object_new (HR_TYPE_SRAM_PAGE, NULL),
                        "sram", "SRAM Cell");
  gtk_paned_set_start_child (GTK_PANED (self->paned), side_panel (self));
  gtk_paned_set_shrink_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_resize_start_child (GTK_PANED (self->paned), FALSE);
  gtk_paned_set_position (GTK_PANED (self->paned), 380);
  self->view = HR_PLOT_VIEW (hr_plot_view_new ());
  gtk_paned_set_end_child (GTK_PANED (self->paned), GTK_WIDGET (self->view));
  show_closed_form (self);
  self->pending = TRUE;
  g_signal_connect (self, "map", G_CALLBACK (on_map), self);
}
