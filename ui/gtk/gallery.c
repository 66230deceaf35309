/* gallery.c — a window listing the example circuits; a row opens its circuit. */
#include "hr-config.h"

#include <string.h>

#include "gallery.h"

char *
hr_gallery_find_examples (void)
{
  const char *env = g_getenv ("HEADROOM_EXAMPLES");
  const char *candidates[] = { env, HR_PKGDATADIR "/examples", HR_SOURCE_EXAMPLES };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_DIR))
      return g_strdup (candidates[i]);
  return NULL;
}

char *
hr_gallery_lesson (const char *description)
{
  const char *text = description ? description : "";
  const char *end;
  char *lesson;

  if (g_str_has_prefix (text, "Lesson: "))
    text += strlen ("Lesson: ");
  end = strstr (text, ". ");
  lesson = end ? g_strndup (text, end - text + 1) : g_strdup (text);
  /* Shown as a sentence of its own: "a 74LS output …" reads "A 74LS output …". */
  lesson[0] = g_ascii_toupper (lesson[0]);
  return lesson;
}

static void
on_row_activated (AdwActionRow *row, GtkWindow *gallery)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  GtkWindow *parent = gtk_window_get_transient_for (gallery);

  gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-recent", "s", uri);
  gtk_window_destroy (gallery);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* One row per circuit file that loads; a file that does not is left out, with a warning
 * (examples are shipped with headroom: failing to load one is a packaging bug). */
static void
add_rows (AdwPreferencesGroup *group, const char *dir, HrFamilyLibrary *lib, GtkWindow *win)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(HrCircuit) c = hr_circuit_load (path, lib, &error);
      g_autofree char *lesson = NULL;
      GtkWidget *row;

      if (c == NULL)
        {
          g_warning ("example %s: %s", path, error->message);
          continue;
        }
      lesson = hr_gallery_lesson (hr_circuit_get_description (c));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hr_circuit_get_name (c));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lesson);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_filename_to_uri (path, NULL, NULL), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), win);
      adw_preferences_group_add (group, row);
    }
}

void
hr_gallery_present (GtkWindow *parent, HrFamilyLibrary *lib)
{
  g_autofree char *dir = hr_gallery_find_examples ();
  GtkWidget *win = adw_window_new (), *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new (), *group = adw_preferences_group_new ();

  gtk_window_set_title (GTK_WINDOW (win), "Examples");
  gtk_window_set_transient_for (GTK_WINDOW (win), parent);
  gtk_window_set_modal (GTK_WINDOW (win), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (win), 720, 560);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "Example circuits");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
      dir ? "Each teaches one lesson. Open one, then Run (F5)."
          : "The examples directory was not found (set HEADROOM_EXAMPLES).");
  if (dir != NULL)
    add_rows (ADW_PREFERENCES_GROUP (group), dir, lib, GTK_WINDOW (win));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (win), box);
  gtk_window_present (GTK_WINDOW (win));
}
