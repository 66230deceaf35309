/* canvas.h — the circuit editor: drivers and receivers as gate symbols, nets as wires.
 *
 * Draws an HrDocument (cairo in snapshot) and turns pointer input into document edits:
 * drag a part to move it (snapped to the grid, one undo step per drag), drop a receiver on
 * another net's driver to rewire it, drag the background (or with the middle button) to
 * pan, scroll to zoom about the pointer. Clicking a part selects it, clicking a wire
 * selects its net. With the canvas focused the arrow keys move the selected part a grid
 * step (Shift: five), each press one undo step. Once an analysis ran, wires are coloured by
 * their net's verdict.
 * The canvas owns no circuit state: it redraws from the document on "changed".
 */
#pragma once

#include <gtk/gtk.h>

#include "document.h"
#include "headroom-noise.h"

G_BEGIN_DECLS

#define HR_CANVAS_GRID 20.0     /* canvas units between grid points; positions snap to it */
#define HR_CANVAS_NONE (-1)

#define HR_TYPE_CANVAS (hr_canvas_get_type ())
G_DECLARE_FINAL_TYPE (HrCanvas, hr_canvas, HR, CANVAS, GtkWidget)

void hr_canvas_set_document (HrCanvas *canvas, HrDocument *doc);
/* Colours wires by verdict (NULL: not analysed, grey). */
void hr_canvas_set_results (HrCanvas *canvas, HrCheckResult *results);
/* NET -1: nothing; PIN -1: the net (its wire); else a pin of the net. Emits
 * "selection-changed" when the selection changes. */
void hr_canvas_select (HrCanvas *canvas, int net, int pin);
void hr_canvas_get_selection (HrCanvas *canvas, int *net, int *pin);
void hr_canvas_zoom_by (HrCanvas *canvas, double factor);
/* Fits the whole circuit in view (or resets the view of an empty one). */
void hr_canvas_fit (HrCanvas *canvas);
/* The grid point nearest the centre of the view: where a new net is placed. */
void hr_canvas_get_view_center (HrCanvas *canvas, double *x, double *y);
double hr_canvas_snap (double value);
/* Moves the selected part DX, DY grid steps (what the arrow keys do, five with Shift): one
 * undo step. FALSE when no part is selected or the move is refused (a toast says why). */
gboolean hr_canvas_nudge (HrCanvas *canvas, int dx, int dy);

G_END_DECLS
