/* window.h — the main window: canvas, properties, results, header bar and toasts.
 *
 * One window edits one HrDocument. Its actions (win.open, win.save, win.run, …) are
 * installed on the class, as GNOME Text Editor does; the application binds their
 * accelerators. Long work (the analysis) runs in an HrJob off the main thread, with
 * progress and a cancel button in the window; errors are toasts, not dialogs.
 */
#pragma once

#include <adwaita.h>

#include "application.h"
#include "document.h"

G_BEGIN_DECLS

#define HR_TYPE_WINDOW (hr_window_get_type ())
G_DECLARE_FINAL_TYPE (HrWindow, hr_window, HR, WINDOW, AdwApplicationWindow)

HrWindow *hr_window_new (HrApplication *app);
/* Loads FILE into this window; a failure is a toast and leaves the document as it was. */
gboolean hr_window_open_file (HrWindow *self, GFile *file);

/* For tests and scripts: (transfer none) */
HrDocument *hr_window_get_document (HrWindow *self);
/* The results table's model (items HrResultItem), NULL before the first run. */
GListModel *hr_window_get_results (HrWindow *self);
gboolean hr_window_is_running (HrWindow *self);

G_END_DECLS
