/* results-view.c — a GtkColumnView of HrResultItem. */
#include "hr-config.h"

#include "results-model.h"
#include "results-view.h"

struct _HrResultsView {
  GtkWidget parent_instance;
  GtkWidget *box;
  GtkWidget *summary;
  GtkWidget *column_view;
  GtkSingleSelection *selection;
  gboolean syncing;             /* selecting from the canvas: not a user's choice */
};

G_DEFINE_FINAL_TYPE (HrResultsView, hr_results_view, GTK_TYPE_WIDGET)

enum { NET_SELECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
setup_label (GtkSignalListItemFactory *f, GtkListItem *li, gpointer wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (wrap))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
    }
  gtk_list_item_set_child (li, label);
}

/* Binds the item's string property named by the factory's "property" data. */
static void
bind_label (GtkSignalListItemFactory *f, GtkListItem *li, gpointer user_data)
{
  const char *property = g_object_get_data (G_OBJECT (f), "property");
  GtkWidget *label = gtk_list_item_get_child (li);
  g_autofree char *text = NULL;

  g_object_get (gtk_list_item_get_item (li), property, &text, NULL);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (g_str_equal (property, "verdict"))
    {
      HrVerdict v = hr_result_item_get_verdict (gtk_list_item_get_item (li));
      gtk_widget_remove_css_class (label, "success");
      gtk_widget_remove_css_class (label, "warning");
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, v == HR_VERDICT_PASS ? "success" :
                                       v == HR_VERDICT_MARGINAL ? "warning" : "error");
    }
}

static void
add_column (HrResultsView *self, const char *title, const char *property, gboolean expand)
{
  GtkListItemFactory *f = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (f), "property", (gpointer) property);
  g_signal_connect (f, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (expand));
  g_signal_connect (f, "bind", G_CALLBACK (bind_label), NULL);
  col = gtk_column_view_column_new (title, f);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (self->column_view), col);
  g_object_unref (col);
}

static void
on_selected (GtkSingleSelection *sel, GParamSpec *pspec, HrResultsView *self)
{
  HrResultItem *item = gtk_single_selection_get_selected_item (sel);

  if (item != NULL && !self->syncing)
    g_signal_emit (self, signals[NET_SELECTED], 0, hr_result_item_get_net (item));
}

void
hr_results_view_set_model (HrResultsView *self, GListModel *model, const char *summary)
{
  self->syncing = TRUE;
  gtk_single_selection_set_model (self->selection, model);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;
  gtk_label_set_text (GTK_LABEL (self->summary), summary);
}

GListModel *
hr_results_view_get_model (HrResultsView *self)
{
  return gtk_single_selection_get_model (self->selection);
}

void
hr_results_view_select_net (HrResultsView *self, const char *name)
{
  GListModel *model = hr_results_view_get_model (self);
  guint pos = model && name ? hr_results_model_find (model, name) : G_MAXUINT;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection,
                                     pos == G_MAXUINT ? GTK_INVALID_LIST_POSITION : pos);
  self->syncing = FALSE;
}

static void
hr_results_view_dispose (GObject *object)
{
  g_clear_pointer (&HR_RESULTS_VIEW (object)->box, gtk_widget_unparent);
  G_OBJECT_CLASS (hr_results_view_parent_class)->dispose (object);
}

static void
hr_results_view_class_init (HrResultsViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hr_results_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "hrresultsview");
  signals[NET_SELECTED] = g_signal_new ("net-selected", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hr_results_view_init (HrResultsView *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new (), *title = gtk_label_new ("Results");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_start (title, 12);
  gtk_widget_set_margin_top (title, 12);
  self->summary = gtk_label_new ("Not analysed yet: Run (F5) checks every net.");
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary), TRUE);
  gtk_widget_add_css_class (self->summary, "dim-label");
  gtk_widget_set_margin_start (self->summary, 12);
  gtk_widget_set_margin_end (self->summary, 12);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selected), self);
  self->column_view = gtk_column_view_new (GTK_SELECTION_MODEL (self->selection));
  add_column (self, "Net", "net", FALSE);
  add_column (self, "Verdict", "verdict", FALSE);
  add_column (self, "NMH", "nmh", FALSE);
  add_column (self, "NML", "nml", FALSE);
  add_column (self, "Reasons", "reasons", TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->column_view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), title);
  gtk_box_append (GTK_BOX (self->box), self->summary);
  gtk_box_append (GTK_BOX (self->box), scroller);
}

const char *
hr_results_view_get_selected_net (HrResultsView *self)
{
  HrResultItem *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? hr_result_item_get_net (item) : NULL;
}
