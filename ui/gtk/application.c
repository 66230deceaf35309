/* application.c — startup (the family library, accelerators), open and about. */
#include "hr-config.h"

#include "application.h"
#include "window.h"

struct _HrApplication {
  AdwApplication parent_instance;
  HrFamilyLibrary *lib;
  gboolean run_after_open;      /* --run: check each file as soon as it is open */
};

G_DEFINE_FINAL_TYPE (HrApplication, hr_application, ADW_TYPE_APPLICATION)

static void
about_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The headroom authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "headroom",
                         "application-icon", "applications-engineering",
                         "version", HR_VERSION,
                         "comments", "How much noise headroom every signal in a digital design "
                                     "has, why it is too little, and what to change.",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         NULL);
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  /* Each window asks about its unsaved changes before it goes. */
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.examples", { "<Control><Shift>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.new", { "<Control>n", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.run", { "F5", "<Control>r", NULL } },
    { "win.cancel", { "Escape", NULL } },
    { "win.add-net", { "<Control>e", NULL } },
    { "win.add-receiver", { "<Control><Shift>e", NULL } },
    { "win.delete", { "Delete", NULL } },
    { "win.rename", { "F2", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.close", { "<Control>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
hr_application_startup (GApplication *gapp)
{
  HrApplication *app = HR_APPLICATION (gapp);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (hr_application_parent_class)->startup (gapp);
  /* The library is embedded in the program (a GResource of circuits/): it cannot be
   * missing, so failing here is a broken build, not a user error. */
  app->lib = hr_family_library_new_default (&error);
  if (app->lib == NULL)
    g_error ("the built-in family library does not load: %s", error->message);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
}

static void
hr_application_activate (GApplication *gapp)
{
  HrWindow *win = hr_window_new (HR_APPLICATION (gapp));

  gtk_window_present (GTK_WINDOW (win));
}

static void
hr_application_open (GApplication *gapp, GFile **files, int n_files, const char *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      HrWindow *win = hr_window_new (HR_APPLICATION (gapp));
      gboolean opened = hr_window_open_file (win, files[i]);
      gtk_window_present (GTK_WINDOW (win));
      if (opened && HR_APPLICATION (gapp)->run_after_open)
        gtk_widget_activate_action (GTK_WIDGET (win), "win.run", NULL);
    }
}

static int
hr_application_handle_local_options (GApplication *gapp, GVariantDict *options)
{
  HR_APPLICATION (gapp)->run_after_open = g_variant_dict_contains (options, "run");
  return -1;   /* go on: open the files or activate */
}

static void
hr_application_finalize (GObject *object)
{
  g_clear_pointer (&HR_APPLICATION (object)->lib, hr_family_library_unref);
  G_OBJECT_CLASS (hr_application_parent_class)->finalize (object);
}

static void
hr_application_class_init (HrApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = hr_application_finalize;
  app_class->startup = hr_application_startup;
  app_class->activate = hr_application_activate;
  app_class->open = hr_application_open;
  app_class->handle_local_options = hr_application_handle_local_options;
}

static void
hr_application_init (HrApplication *app)
{
  g_application_add_main_option (G_APPLICATION (app), "run", 'r', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, "Check every net of the files as soon "
                                 "as they are open", NULL);
  g_application_set_option_context_parameter_string (G_APPLICATION (app), "[FILE…]");
  g_application_set_option_context_summary (G_APPLICATION (app),
      "The headroom desktop app: draw gate-level circuits, check their noise margins.");
}

HrApplication *
hr_application_new (void)
{
  /* NON_UNIQUE: two instances (a test beside a user's session) never hand files to each
   * other over D-Bus. */
  return g_object_new (HR_TYPE_APPLICATION,
                       "application-id", HR_APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/headroom/Headroom",
                       NULL);
}

HrFamilyLibrary *
hr_application_get_library (HrApplication *app)
{
  return app->lib;
}
