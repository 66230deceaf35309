/* pair-page.c — one driver family into one receiver family, drawn as level bars. */
#include "hr-config.h"

#include "headroom-charts.h"
#include "pair-page.h"

struct _HrPairPage {
  GtkWidget parent_instance;
  GtkWidget *box;
  GtkWidget *driver, *receiver;  /* GtkDropDown over the family names */
  GtkWidget *reasons;
  HrPlotView *view;
  HrFamilyLibrary *lib;
  GtkStringList *names;
};

G_DEFINE_FINAL_TYPE (HrPairPage, hr_pair_page, GTK_TYPE_WIDGET)

static HrFamily *
chosen (HrPairPage *self, GtkWidget *drop)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (drop));

  return item ? hr_family_library_lookup (self->lib, gtk_string_object_get_string (item), NULL)
              : NULL;
}

/* Each family at its nominal supply: the pair as a designer first meets it. The margins,
 * verdict and sentences are hr_margins_pair()'s; a microsecond's work, so no thread. */
static void
update (HrPairPage *self)
{
  HrFamily *d = chosen (self, self->driver), *r = chosen (self, self->receiver);
  g_autoptr(HrLevels) dl = NULL, rl = NULL;
  g_autoptr(HrMarginResult) res = NULL;
  g_autoptr(HrPlot) plot = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  HrMarginOptions o;

  if (d == NULL || r == NULL)
    return;
  hr_margin_options_init (&o);
  if ((dl = hr_family_levels_at (d, hr_family_get_vcc_nominal (d), &error)) == NULL ||
      (rl = hr_family_levels_at (r, hr_family_get_vcc_nominal (r), &error)) == NULL ||
      (res = hr_margins_pair (dl, rl, 1, &o, &error)) == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->reasons), error->message);
      hr_plot_view_set_plot (self->view, NULL);
      return;
    }
  g_string_append_printf (text, "Verdict: %s.", hr_verdict_to_string (res->verdict));
  for (guint i = 0; i < res->findings->len; i++)
    {
      const HrFinding *f = g_ptr_array_index (res->findings, i);
      g_string_append_printf (text, "\n• %s", f->text);
    }
  gtk_label_set_text (GTK_LABEL (self->reasons), text->str);
  plot = hr_chart_pair_levels (res);
  hr_plot_view_set_plot (self->view, plot);
}

static void
on_selected (GtkDropDown *drop, GParamSpec *pspec, HrPairPage *self)
{
  update (self);
}

static guint
position_of (HrPairPage *self, const char *name)
{
  HrFamily *f = self->lib ? hr_family_library_lookup (self->lib, name, NULL) : NULL;

  for (guint i = 0; f && i < g_list_model_get_n_items (G_LIST_MODEL (self->names)); i++)
    if (g_str_equal (gtk_string_list_get_string (self->names, i), hr_family_get_name (f)))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

gboolean
hr_pair_page_select (HrPairPage *self, const char *driver, const char *receiver)
{
  guint d = position_of (self, driver), r = position_of (self, receiver);

  if (d == GTK_INVALID_LIST_POSITION || r == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->driver), d);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->receiver), r);
  update (self);
  return TRUE;
}

void
hr_pair_page_set_library (HrPairPage *self, HrFamilyLibrary *lib)
{
  GPtrArray *families = hr_family_library_get_families (lib);

  g_clear_pointer (&self->lib, hr_family_library_unref);
  self->lib = hr_family_library_ref (lib);
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          NULL);
  for (guint i = 0; i < families->len; i++)
    gtk_string_list_append (self->names, hr_family_get_name (g_ptr_array_index (families, i)));
  hr_pair_page_select (self, "74LS", "74HC");
}

HrPlotView *
hr_pair_page_get_view (HrPairPage *self)
{
  return self->view;
}

const char *
hr_pair_page_get_reasons (HrPairPage *self)
{
  return gtk_label_get_text (GTK_LABEL (self->reasons));
}

static void
hr_pair_page_dispose (GObject *object)
{
  HrPairPage *self = HR_PAIR_PAGE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->lib, hr_family_library_unref);
  g_clear_object (&self->names);
  G_OBJECT_CLASS (hr_pair_page_parent_class)->dispose (object);
}

static void
hr_pair_page_class_init (HrPairPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hr_pair_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
family_drop (HrPairPage *self)
{
  GtkWidget *drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->names)), NULL);

  g_signal_connect (drop, "notify::selected", G_CALLBACK (on_selected), self);
  return drop;
}

static void
hr_pair_page_init (HrPairPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->names = gtk_string_list_new (NULL);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  self->driver = family_drop (self);
  self->receiver = family_drop (self);
  gtk_box_append (GTK_BOX (bar), gtk_label_new ("Driver"));
  gtk_box_append (GTK_BOX (bar), self->driver);
  gtk_box_append (GTK_BOX (bar), gtk_label_new ("into receiver"));
  gtk_box_append (GTK_BOX (bar), self->receiver);
  gtk_box_append (GTK_BOX (bar), gtk_label_new ("each at its nominal supply"));
  self->view = HR_PLOT_VIEW (hr_plot_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->view), TRUE);
  self->reasons = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->reasons), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->reasons), 0);
  gtk_label_set_selectable (GTK_LABEL (self->reasons), TRUE);
  gtk_widget_set_margin_start (self->reasons, 12);
  gtk_widget_set_margin_end (self->reasons, 12);
  gtk_widget_set_margin_bottom (self->reasons, 12);
  gtk_box_append (GTK_BOX (self->box), bar);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->view));
  gtk_box_append (GTK_BOX (self->box), self->reasons);
}
