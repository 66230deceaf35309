/* properties.c — rows for the selection, each applying one document edit. */
#include "hr-config.h"

#include <math.h>

#include "properties.h"
#include "results-model.h"

struct _HrProperties {
  GtkWidget parent_instance;
  GtkWidget *scroller;
  GtkWidget *box;               /* the groups, rebuilt */
  GtkWidget *name_row;          /* (nullable) in box: the selection's name (F2) */
  HrDocument *doc;
  HrCheckResult *results;
  int net, pin;
  GArray *parts;                /* (element-type HrPinRef) several selected parts, or empty */
  gboolean rebuilding;          /* rows being destroyed may notify: that is not an edit */
};

G_DEFINE_FINAL_TYPE (HrProperties, hr_properties, GTK_TYPE_WIDGET)

static const HrGateType gates[] = {
  HR_GATE_INVERTER, HR_GATE_BUFFER, HR_GATE_NAND, HR_GATE_NOR, HR_GATE_SCHMITT_INVERTER,
  HR_GATE_AND, HR_GATE_OR, HR_GATE_XOR,
};

static void rebuild (HrProperties *self);

static void
report (HrProperties *self, gboolean ok, GError *error)
{
  if (!ok && error != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
  if (!ok)
    rebuild (self);   /* put the row back to the document's value */
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* ---- Edits ---------------------------------------------------------------------------- */

static void
apply_circuit_name (AdwEntryRow *row, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  report (self, hr_document_set_name (self->doc, row_text (row), &e), e);
}

static void
apply_description (AdwEntryRow *row, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  report (self, hr_document_set_description (self->doc, row_text (row), &e), e);
}

static void
apply_net_name (AdwEntryRow *row, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  report (self, hr_document_rename_net (self->doc, self->net, row_text (row), &e), e);
}

static void
apply_comment (AdwEntryRow *row, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  report (self, hr_document_set_net_comment (self->doc, self->net, row_text (row), &e), e);
}

static void
apply_part (AdwEntryRow *row, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  report (self, hr_document_set_pin_part (self->doc, self->net, self->pin, row_text (row), &e), e);
}

static void
apply_vcc (AdwEntryRow *row, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  double v;
  gboolean ok = hr_units_parse (row_text (row), HR_UNIT_VOLT, &v, &e) &&
                hr_document_set_pin_vcc (self->doc, self->net, self->pin, v, &e);
  report (self, ok, e);
}

static void
apply_load (AdwEntryRow *row, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  double a;
  gboolean ok = hr_units_parse (row_text (row), HR_UNIT_AMPERE, &a, &e) &&
                hr_document_set_driver_load (self->doc, self->net, a, &e);
  report (self, ok, e);
}

static void
family_selected (AdwComboRow *row, GParamSpec *pspec, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  if (item != NULL && !self->rebuilding)
    report (self, hr_document_set_pin_family (self->doc, self->net, self->pin,
                                              gtk_string_object_get_string (item), &e), e);
}

static void
gate_selected (AdwComboRow *row, GParamSpec *pspec, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  guint i = adw_combo_row_get_selected (row);

  if (i < G_N_ELEMENTS (gates) && !self->rebuilding)
    report (self, hr_document_set_pin_gate (self->doc, self->net, self->pin, gates[i], &e), e);
}

static void
net_selected (AdwComboRow *row, GParamSpec *pspec, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  guint to = adw_combo_row_get_selected (row);
  guint n_pins;

  if (self->rebuilding || to == GTK_INVALID_LIST_POSITION || (int) to == self->net)
    return;
  n_pins = hr_document_get_n_pins (self->doc, to);
  if (hr_document_connect_receiver (self->doc, self->net, self->pin, to, &e))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select", "(ii)", (int) to, (int) n_pins);
  else
    report (self, FALSE, e);
}

/* ---- Rows ----------------------------------------------------------------------------- */

static GtkWidget *
entry_row (AdwPreferencesGroup *group, const char *title, const char *text, GCallback apply,
           HrProperties *self)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", apply, self);
  adw_preferences_group_add (group, row);
  return row;
}

static void
info_row (AdwPreferencesGroup *group, const char *title, const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
}

/* A combo row over NAMES, showing SELECTED; CALLBACK connected after it is set, so that
 * building the row is not an edit. */
static void
combo_row (AdwPreferencesGroup *group, const char *title, const char *const *names,
           guint selected, GCallback callback, HrProperties *self)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (names);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect (row, "notify::selected", callback, self);
  adw_preferences_group_add (group, row);
}

static AdwPreferencesGroup *
add_group (HrProperties *self, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->box), group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
family_row (HrProperties *self, AdwPreferencesGroup *group, const HrPin *p)
{
  GPtrArray *families = hr_family_library_get_families (hr_document_get_library (self->doc));
  g_autofree const char **names = g_new0 (const char *, families->len + 1);
  guint selected = 0;

  for (guint i = 0; i < families->len; i++)
    {
      names[i] = hr_family_get_name (g_ptr_array_index (families, i));
      if (g_strcmp0 (names[i], p->family) == 0)
        selected = i;
    }
  combo_row (group, "Logic family", names, selected, G_CALLBACK (family_selected), self);
}

static void
gate_row (HrProperties *self, AdwPreferencesGroup *group, const HrPin *p)
{
  const char *names[G_N_ELEMENTS (gates) + 1] = { NULL };
  guint selected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (gates); i++)
    {
      names[i] = hr_gate_type_to_string (gates[i]);
      if (gates[i] == p->gate)
        selected = i;
    }
  combo_row (group, "Gate", names, selected, G_CALLBACK (gate_selected), self);
}

static void
net_row (HrProperties *self, AdwPreferencesGroup *group)
{
  HrCircuit *c = hr_document_get_circuit (self->doc);
  guint n = hr_circuit_get_n_nets (c);
  g_autofree const char **names = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = hr_circuit_get_net (c, i)->name;
  combo_row (group, "On net", names, self->net, G_CALLBACK (net_selected), self);
}

static void
pin_group (HrProperties *self)
{
  const HrPin *p = hr_document_get_pin (self->doc, self->net, self->pin);
  gboolean driver = self->pin == HR_DOCUMENT_DRIVER;
  g_autofree char *title = driver ? g_strdup ("Driver")
                                  : g_strdup_printf ("Receiver %d", self->pin);
  g_autofree char *vcc = hr_units_format (p->vcc_v, HR_UNIT_VOLT, 0);
  g_autofree char *load = hr_units_format (p->load_a, HR_UNIT_AMPERE, 0);
  AdwPreferencesGroup *g = add_group (self, title, driver
      ? "The output that drives the net." : "An input the net feeds.");

  self->name_row = entry_row (g, "Part (reference designator)", p->part,
                              G_CALLBACK (apply_part), self);
  family_row (self, g, p);
  entry_row (g, "Supply (VCC)", vcc, G_CALLBACK (apply_vcc), self);
  gate_row (self, g, p);
  if (driver)
    entry_row (g, "Extra DC load (+ sunk when low, − sourced when high)", load,
               G_CALLBACK (apply_load), self);
  else
    net_row (self, g);
}

/* ---- Receiver model ------------------------------------------------------------------- */

static const char *const model_gates[] = { "inv", "nand2", "nor2", "buf", "schmitt", NULL };
static const char *const model_kinds[] = { "level1", "bsim3-5v", "bsim3-3v3", "bsim3-1v8",
                                           "file", NULL };

static const struct {
  const char *field, *title;
} model_titles[] = {
  { "vtn", "VTn: NMOS threshold (V)" },
  { "vtp", "VTp: PMOS threshold (V, negative)" },
  { "kn", "kn = KP·W/L of the NMOS (A/V²)" },
  { "kp", "kp = KP·W/L of the PMOS (A/V²)" },
  { "lambda", "λ: channel-length modulation (1/V, empty: 0)" },
  { "gamma", "γ: body effect (V^0.5, empty: 0)" },
  { "wn", "Wn (empty: the card's)" },
  { "ln", "Ln (empty: the card's)" },
  { "wp", "Wp (empty: the card's)" },
  { "lp", "Lp (empty: the card's)" },
  { "temp", "Temperature (empty: 27 °C)" },
};

static void
apply_model_field (AdwEntryRow *row, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  const char *field = g_object_get_data (G_OBJECT (row), "field");

  report (self, hr_document_set_model_field (self->doc, self->net, self->pin, field,
                                             row_text (row), &e), e);
}

static void
model_choice (AdwComboRow *row, const char *field, HrProperties *self)
{
  g_autoptr(GError) e = NULL;
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  if (item != NULL && !self->rebuilding)
    report (self, hr_document_set_model_field (self->doc, self->net, self->pin, field,
                                               gtk_string_object_get_string (item), &e), e);
}

static void
model_gate_selected (AdwComboRow *row, GParamSpec *pspec, HrProperties *self)
{
  model_choice (row, "gate", self);
}

static void
model_kind_selected (AdwComboRow *row, GParamSpec *pspec, HrProperties *self)
{
  model_choice (row, "model", self);
}

static void
add_model_clicked (GtkButton *button, HrProperties *self)
{
  g_autoptr(GError) e = NULL;

  report (self, hr_document_set_model_field (self->doc, self->net, self->pin, "model",
                                             "level1", &e), e);
}

static void
remove_model_clicked (GtkButton *button, HrProperties *self)
{
  g_autoptr(GError) e = NULL;

  report (self, hr_document_set_receiver_model (self->doc, self->net, self->pin, NULL, &e), e);
}

static guint
index_of (const char *const *names, const char *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

static const char *
model_title (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (model_titles); i++)
    if (g_str_equal (model_titles[i].field, field))
      return model_titles[i].title;
  return field;
}

static GtkWidget *
button_row (AdwPreferencesGroup *group, const char *title, const char *subtitle,
            const char *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
  return button;
}

/* "Transfer Curve" for a modelled receiver, its datasheet levels for any other. */
static void
curve_button (HrProperties *self, GtkWidget *button)
{
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ii)", self->net, self->pin);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.receiver-curve");
}

static void
model_rows (HrProperties *self, AdwPreferencesGroup *g, const HrPinModel *m)
{
  const char *const *numbers = hr_document_model_numbers (m->model);
  GtkWidget *row;

  combo_row (g, "Input stage", model_gates, index_of (model_gates, m->gate),
             G_CALLBACK (model_gate_selected), self);
  combo_row (g, "MOS model", model_kinds, index_of (model_kinds, m->model),
             G_CALLBACK (model_kind_selected), self);
  if (g_strcmp0 (m->model, "file") == 0)
    {
      row = entry_row (g, "Cards file (nch and pch, relative to the circuit file)", m->file,
                       G_CALLBACK (apply_model_field), self);
      g_object_set_data (G_OBJECT (row), "field", (gpointer) "file");
    }
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      g_autofree char *text = hr_document_format_model_number (m, numbers[i]);

      row = entry_row (g, model_title (numbers[i]), text, G_CALLBACK (apply_model_field), self);
      g_object_set_data (G_OBJECT (row), "field", (gpointer) numbers[i]);
    }
}

static void
model_group (HrProperties *self, const HrPin *p)
{
  AdwPreferencesGroup *g = add_group (self, "Input model", p->model != NULL
      ? "A transistor-level model of the input: Run judges it by its simulated thresholds."
      : "None: the receiver is judged by its datasheet. A model gives its transfer curve.");
  GtkWidget *button;

  if (p->model == NULL)
    {
      button = button_row (g, "Datasheet levels", "Against the net's driver", "Input Levels");
      curve_button (self, button);
      button = button_row (g, "Transistor-level model", "A square-law CMOS inverter to start",
                           "Add Model");
      g_signal_connect (button, "clicked", G_CALLBACK (add_model_clicked), self);
      return;
    }
  button = button_row (g, "Transfer curve", "Simulated off the main thread", "Transfer Curve");
  curve_button (self, button);
  model_rows (self, g, p->model);
  button = button_row (g, "Remove the model", "Back to the datasheet's thresholds", "Remove");
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect (button, "clicked", G_CALLBACK (remove_model_clicked), self);
}

static const HrNetResult *
result_of (HrProperties *self, const char *net)
{
  for (guint i = 0; self->results && i < self->results->nets->len; i++)
    {
      const HrNetResult *r = g_ptr_array_index (self->results->nets, i);
      if (g_strcmp0 (r->net, net) == 0)
        return r;
    }
  return NULL;
}

/* "Clicking a net shows its margins": the library's numbers and sentences, as they are. */
static void
margins_rows (HrProperties *self, AdwPreferencesGroup *g, const HrNet *n)
{
  const HrNetResult *r = result_of (self, n->name);
  g_autofree char *nmh = NULL, *nml = NULL;
  GtkWidget *reasons;

  if (r == NULL)
    {
      info_row (g, "Margins", "Not analysed yet: Run (F5) checks every net.");
      return;
    }
  nmh = hr_format_margin (r->nmh_v);
  nml = hr_format_margin (r->nml_v);
  info_row (g, "Verdict", hr_verdict_to_string (r->verdict));
  info_row (g, "NMH = VOH − VIH (worst receiver)", nmh);
  info_row (g, "NML = VIL − VOL (worst receiver)", nml);
  for (guint i = 0; i < r->findings->len; i++)
    {
      const HrFinding *f = g_ptr_array_index (r->findings, i);
      reasons = gtk_label_new (f->text);
      gtk_label_set_wrap (GTK_LABEL (reasons), TRUE);
      gtk_label_set_xalign (GTK_LABEL (reasons), 0);
      gtk_label_set_selectable (GTK_LABEL (reasons), TRUE);
      gtk_widget_set_margin_top (reasons, 6);
      gtk_widget_add_css_class (reasons, f->verdict == HR_VERDICT_FAIL ? "error" :
                                         f->verdict == HR_VERDICT_MARGINAL ? "warning" : "dim-label");
      adw_preferences_group_add (g, reasons);
    }
}

static void
net_group (HrProperties *self)
{
  const HrNet *n = hr_circuit_get_net (hr_document_get_circuit (self->doc), self->net);
  g_autofree char *title = g_strdup_printf ("Net %s", n->name);
  AdwPreferencesGroup *g = add_group (self, title, NULL);
  GtkWidget *name = entry_row (g, "Net name", n->name, G_CALLBACK (apply_net_name), self);

  if (self->name_row == NULL)
    self->name_row = name;
  entry_row (g, "Comment", n->comment, G_CALLBACK (apply_comment), self);
  margins_rows (self, g, n);
}

static void
circuit_group (HrProperties *self)
{
  HrCircuit *c = hr_document_get_circuit (self->doc);
  AdwPreferencesGroup *g = add_group (self, "Circuit",
      "Select a part or a wire on the canvas to edit it.");

  entry_row (g, "Name", hr_circuit_get_name (c), G_CALLBACK (apply_circuit_name), self);
  entry_row (g, "Description", hr_circuit_get_description (c),
             G_CALLBACK (apply_description), self);
}

static int
compare_parts (gconstpointer a, gconstpointer b)
{
  const HrPinRef *x = a, *y = b;

  if (x->net != y->net)
    return x->net < y->net ? -1 : 1;
  return x->pin < y->pin ? -1 : x->pin > y->pin ? 1 : 0;
}

/* Several parts: no one part's fields, but how many and which, so that the user knows
 * what the arrow keys and Delete will act on. Listed in the circuit's order (the order of
 * clicks would reshuffle the list at every click); the primary part, which the other
 * views follow, is marked. */
static void
parts_group (HrProperties *self)
{
  HrCircuit *c = hr_document_get_circuit (self->doc);
  g_autofree char *title = g_strdup_printf ("%u parts selected", self->parts->len);
  AdwPreferencesGroup *g = add_group (self, title,
      "Drag one of them or use the arrow keys to move them all, Delete to delete them. "
      "Click a part to edit it alone.");
  HrPinRef primary = g_array_index (self->parts, HrPinRef, self->parts->len - 1);
  g_autoptr(GArray) sorted = g_array_copy (self->parts);

  g_array_sort (sorted, compare_parts);
  for (guint i = 0; i < sorted->len; i++)
    {
      const HrPinRef *r = &g_array_index (sorted, HrPinRef, i);
      const HrPin *p = hr_document_get_pin (self->doc, r->net, r->pin);
      const char *role = r->pin == HR_DOCUMENT_DRIVER ? "driver" : "receiver";
      gboolean is_primary = r->net == primary.net && r->pin == primary.pin;
      g_autofree char *vcc = NULL, *what = NULL;

      if (p == NULL)
        continue;
      vcc = hr_units_format (p->vcc_v, HR_UNIT_VOLT, 3);
      what = g_strdup_printf ("%s of %s · %s @ %s%s", role,
                              hr_circuit_get_net (c, r->net)->name, p->family, vcc,
                              is_primary ? " · last clicked" : "");
      info_row (g, p->part ? p->part : role, what);
    }
}

static void
rebuild (HrProperties *self)
{
  GtkWidget *child;

  self->rebuilding = TRUE;
  self->name_row = NULL;
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  self->rebuilding = FALSE;
  if (self->doc == NULL)
    return;
  if (self->parts->len > 1)
    {
      parts_group (self);
      return;
    }
  if (self->net >= 0 && self->pin >= 0 &&
      hr_document_get_pin (self->doc, self->net, self->pin) != NULL)
    {
      pin_group (self);
      if (self->pin != HR_DOCUMENT_DRIVER)
        model_group (self, hr_document_get_pin (self->doc, self->net, self->pin));
    }
  if (self->net >= 0 && (guint) self->net < hr_circuit_get_n_nets (hr_document_get_circuit (self->doc)))
    net_group (self);
  else
    circuit_group (self);
}

/* ---- Public --------------------------------------------------------------------------- */

void
hr_properties_set_document (HrProperties *self, HrDocument *doc)
{
  g_set_object (&self->doc, doc);
  self->net = self->pin = -1;
  rebuild (self);
}

void
hr_properties_show (HrProperties *self, int net, int pin)
{
  self->net = net;
  self->pin = pin;
  g_array_set_size (self->parts, 0);
  rebuild (self);
}

void
hr_properties_show_parts (HrProperties *self, const HrPinRef *parts, guint n_parts)
{
  if (n_parts == 1)
    {
      hr_properties_show (self, (int) parts[0].net, (int) parts[0].pin);
      return;
    }
  self->net = self->pin = -1;
  g_array_set_size (self->parts, 0);
  g_array_append_vals (self->parts, parts, n_parts);
  rebuild (self);
}

void
hr_properties_set_results (HrProperties *self, HrCheckResult *results)
{
  g_clear_pointer (&self->results, hr_check_result_unref);
  self->results = results ? hr_check_result_ref (results) : NULL;
  rebuild (self);
}

gboolean
hr_properties_focus_name (HrProperties *self)
{
  return self->name_row != NULL && gtk_widget_grab_focus (self->name_row);
}

static void
hr_properties_dispose (GObject *object)
{
  HrProperties *self = HR_PROPERTIES (object);

  self->rebuilding = TRUE;
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->doc);
  g_clear_pointer (&self->results, hr_check_result_unref);
  G_OBJECT_CLASS (hr_properties_parent_class)->dispose (object);
}

static void
hr_properties_finalize (GObject *object)
{
  g_array_unref (HR_PROPERTIES (object)->parts);
  G_OBJECT_CLASS (hr_properties_parent_class)->finalize (object);
}

static void
hr_properties_class_init (HrPropertiesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hr_properties_dispose;
  G_OBJECT_CLASS (klass)->finalize = hr_properties_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "hrproperties");
}

static void
hr_properties_init (HrProperties *self)
{
  self->net = self->pin = -1;
  self->parts = g_array_new (FALSE, FALSE, sizeof (HrPinRef));
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}
