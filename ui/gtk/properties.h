/* properties.h — the properties pane: the selected part, its net, or the circuit; with
 * several parts selected, how many and which.
 *
 * Rows are rebuilt from the document whenever the selection or the circuit changes; an
 * edited row applies one document edit (one undo step), and a refused edit is reported
 * through the window's toasts with the library's own message. Once analysed, the selected
 * net's margins, verdict and reasons are shown under it.
 */
#pragma once

#include <adwaita.h>

#include "document.h"
#include "headroom-noise.h"

G_BEGIN_DECLS

#define HR_TYPE_PROPERTIES (hr_properties_get_type ())
G_DECLARE_FINAL_TYPE (HrProperties, hr_properties, HR, PROPERTIES, GtkWidget)

void hr_properties_set_document (HrProperties *self, HrDocument *doc);
/* As HrCanvas: NET -1 the circuit, PIN -1 the net. */
void hr_properties_show (HrProperties *self, int net, int pin);
/* Several parts: "N parts selected" and a row naming each (one part: as show()). */
void hr_properties_show_parts (HrProperties *self, const HrPinRef *parts, guint n_parts);
void hr_properties_set_results (HrProperties *self, HrCheckResult *results);
/* Puts the keyboard focus in the selection's name: the part's for a pin, else the net's
 * (F2). FALSE when the selection has no name to edit. */
gboolean hr_properties_focus_name (HrProperties *self);

G_END_DECLS
