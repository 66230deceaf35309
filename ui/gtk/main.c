/* headroom-gtk — the desktop app. `headroom-gtk [FILE…]` opens each file in a window. */
#include "hr-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "application.h"

int
main (int argc, char **argv)
{
  g_autoptr(HrApplication) app = NULL;

  setlocale (LC_ALL, "");
  app = hr_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
