/* canvas.h — the circuit editor: drivers and receivers as gate symbols, nets as wires.
 *
 * Draws an HrDocument (cairo in snapshot) and turns pointer input into document edits.
 * Clicking a part selects it (Shift or Ctrl+click: adds it to the selection or takes it
 * out), clicking a wire selects its net, dragging on the background draws a rubber band that
 * selects every part it touches (with Shift or Ctrl: adds them). Dragging a selected part
 * moves the whole selection (each part snapped to the grid, one undo step per drag); a lone
 * receiver dropped on another net's driver is rewired to it. The middle button pans, the
 * wheel zooms about the pointer. With the canvas focused the arrow keys move the selection
 * a grid step (Shift: five), each press one undo step; Ctrl+A selects every part and Escape
 * nothing. Once an analysis ran, wires are coloured by their net's verdict.
 * The canvas owns no circuit state: it redraws from the document on "changed", and keeps
 * the selected parts that still exist after it (selection.h).
 */
#pragma once

#include <gtk/gtk.h>

#include "document.h"
#include "headroom-noise.h"
#include "selection.h"

G_BEGIN_DECLS

#define HR_CANVAS_GRID 20.0     /* canvas units between grid points; positions snap to it */
#define HR_CANVAS_NONE (-1)

#define HR_TYPE_CANVAS (hr_canvas_get_type ())
G_DECLARE_FINAL_TYPE (HrCanvas, hr_canvas, HR, CANVAS, GtkWidget)

void hr_canvas_set_document (HrCanvas *canvas, HrDocument *doc);
/* Colours wires by verdict (NULL: not analysed, grey). */
void hr_canvas_set_results (HrCanvas *canvas, HrCheckResult *results);
/* NET -1: nothing; PIN -1: the net (its wire); else just that pin of the net. Emits
 * "selection-changed" when the selection changes (as every function here that changes it). */
void hr_canvas_select (HrCanvas *canvas, int net, int pin);
/* The primary (last clicked) part, or the selected net with PIN -1, or -1 and -1. */
void hr_canvas_get_selection (HrCanvas *canvas, int *net, int *pin);
/* Every selected part, the primary last; empty while a net is selected. (transfer none) */
const HrSelection *hr_canvas_get_parts (HrCanvas *canvas);
/* What Shift+click on a part does: in or out of the selection. */
void hr_canvas_toggle_part (HrCanvas *canvas, int net, int pin);
/* Ctrl+A. */
void hr_canvas_select_all (HrCanvas *canvas);
/* What a rubber band from (X0, Y0) to (X1, Y1), canvas units, selects: every part it
 * touches, in place of the selection or (EXTEND) added to it. */
void hr_canvas_select_rect (HrCanvas *canvas, double x0, double y0, double x1, double y1,
                            gboolean extend);
/* What a primary-button drag from widget pixel (PX, PY) by (DX, DY) pixels with modifiers
 * STATE does, from press to release (0, 0: a click), for scripted input. */
void hr_canvas_drag (HrCanvas *canvas, double px, double py, double dx, double dy,
                     GdkModifierType state);
/* Canvas point (X, Y) in widget pixels. */
void hr_canvas_to_widget (HrCanvas *canvas, double x, double y, double *px, double *py);
void hr_canvas_zoom_by (HrCanvas *canvas, double factor);
/* Fits the whole circuit in view (or resets the view of an empty one). */
void hr_canvas_fit (HrCanvas *canvas);
/* The grid point nearest the centre of the view: where a new net is placed. */
void hr_canvas_get_view_center (HrCanvas *canvas, double *x, double *y);
double hr_canvas_snap (double value);
/* Moves the selected parts DX, DY grid steps (what the arrow keys do, five with Shift): one
 * undo step. FALSE when no part is selected or the move is refused (a toast says why). */
gboolean hr_canvas_nudge (HrCanvas *canvas, int dx, int dy);

G_END_DECLS
