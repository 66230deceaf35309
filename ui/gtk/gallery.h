/* gallery.h — the example gallery: the circuits of examples/ with their one-line lesson.
 *
 * Each example's description starts with "Lesson: …"; the gallery shows its first sentence
 * under the circuit's name, and choosing one opens it (win.open-recent of PARENT, so an
 * untouched window takes it and otherwise a new window opens).
 */
#pragma once

#include <adwaita.h>

#include "headroom-circuits.h"

G_BEGIN_DECLS

/* The examples directory: $HEADROOM_EXAMPLES, the installed copy, or the source tree's for
 * a build that is not installed. (transfer full) (nullable) */
char *hr_gallery_find_examples (void);
/* The first sentence of DESCRIPTION without its "Lesson: " prefix, capitalised.
 * (transfer full) */
char *hr_gallery_lesson (const char *description);
void hr_gallery_present (GtkWindow *parent, HrFamilyLibrary *lib);

G_END_DECLS
