/* receiver-page.h — the selected receiver's input, as a picture.
 *
 * The page follows the window's selection: a receiver with a transistor-level model
 * (HrPin.model) shows its simulated transfer curve — the VTC chart of ui/charts, the same
 * picture as `headroom vtc --plot`, VIL/VIH/VOL/VOH/VM marked and the margins drawn — and a
 * receiver without one its datasheet thresholds against its driver's guaranteed levels (the
 * "two families" bars of the explorer). A net with a single receiver stands for it; a
 * driver, a net of several receivers or nothing selected is said in words. Edits (undo and
 * redo too) that change what the picture is computed from — the model, a supply, a family,
 * the circuit file's folder for a "file" model — redraw it; others (a move) run nothing.
 *
 * The simulation is an HrJob (GTask + GCancellable) on the window's "auto" engine, through
 * hr_pin_model_to_gate_spec(): what `headroom check` simulates for that receiver. The
 * latest request wins: a new one cancels the job in flight and a superseded job's result
 * is dropped. While the page is hidden, changes are only noted: it catches up when shown.
 */
#pragma once

#include <gtk/gtk.h>

#include "document.h"
#include "headroom-noise.h"
#include "plot-view.h"

G_BEGIN_DECLS

#define HR_TYPE_RECEIVER_PAGE (hr_receiver_page_get_type ())
G_DECLARE_FINAL_TYPE (HrReceiverPage, hr_receiver_page, HR, RECEIVER_PAGE, GtkWidget)

/* Follows DOC (nullable) from now on, simulating on ENGINE; nothing is selected. */
void hr_receiver_page_set_document (HrReceiverPage *self, HrDocument *doc, HrEngine *engine);
/* The selection changed: NET -1 for nothing, PIN -1 for the net itself (its wire or its
 * row in the results), 0 its driver, >= 1 a receiver (HrCanvas's numbering). */
void hr_receiver_page_set_selection (HrReceiverPage *self, int net, int pin);
/* Shows receiver PIN (>= 1) of net NET now, shown or not (a button asked), and follows it:
 * its simulated curve when it has a model (a job; a failure is then said on the page and in
 * a toast), else its datasheet levels. FALSE with ERROR when PIN is no receiver or its
 * levels cannot be had. */
gboolean hr_receiver_page_show_receiver (HrReceiverPage *self, guint net, guint pin,
                                         GError **error);
/* A simulation runs, or a refresh is due: the page is not up to date yet. */
gboolean hr_receiver_page_is_busy (HrReceiverPage *self);
/* Nothing to show: TEXT says why; a simulation in flight is cancelled. */
void hr_receiver_page_show_message (HrReceiverPage *self, const char *title, const char *text);

/* (transfer none) */
HrPlotView *hr_receiver_page_get_view (HrReceiverPage *self);
/* The curve shown, or NULL. (transfer none) (nullable) */
HrGateVtc *hr_receiver_page_get_result (HrReceiverPage *self);
/* The heading (the receiver, its family and net) and the text under it. (transfer none) */
const char *hr_receiver_page_get_title (HrReceiverPage *self);
const char *hr_receiver_page_get_text (HrReceiverPage *self);
/* Simulations STARTED so far and IN_FLIGHT now, superseded (cancelled) ones included until
 * their worker returns: for tests. */
void hr_receiver_page_get_counts (HrReceiverPage *self, guint *started, guint *in_flight);

G_END_DECLS
