/* application.h — the AdwApplication: one family library, windows, app-wide actions. */
#pragma once

#include <adwaita.h>

#include "headroom-circuits.h"

G_BEGIN_DECLS

#define HR_APPLICATION_ID "io.github.headroom.Headroom"

#define HR_TYPE_APPLICATION (hr_application_get_type ())
G_DECLARE_FINAL_TYPE (HrApplication, hr_application, HR, APPLICATION, AdwApplication)

HrApplication *hr_application_new (void);
/* The logic-family library every window checks against, loaded at startup. (transfer none) */
HrFamilyLibrary *hr_application_get_library (HrApplication *app);

G_END_DECLS
