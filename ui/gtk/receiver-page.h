/* receiver-page.h — the selected receiver's input, as a picture.
 *
 * A receiver with a transistor-level model (HrPin.model) shows its simulated transfer curve:
 * the VTC chart of ui/charts, the same picture as `headroom vtc --plot`, VIL/VIH/VOL/VOH/VM
 * marked and the margins drawn. A receiver without one shows its datasheet thresholds
 * against its driver's guaranteed levels (the "two families" bars of the explorer). The
 * simulation is an HrJob (GTask + GCancellable) on the window's "auto" engine, through
 * hr_pin_model_to_gate_spec(): what `headroom check` simulates for that receiver.
 */
#pragma once

#include <gtk/gtk.h>

#include "document.h"
#include "headroom-noise.h"
#include "plot-view.h"

G_BEGIN_DECLS

#define HR_TYPE_RECEIVER_PAGE (hr_receiver_page_get_type ())
G_DECLARE_FINAL_TYPE (HrReceiverPage, hr_receiver_page, HR, RECEIVER_PAGE, GtkWidget)

/* Shows receiver PIN (>= 1) of net NET of DOC: its simulated curve when it has a model (a
 * job on ENGINE, off the main thread; the previous one is cancelled), else its datasheet
 * levels against the net's driver. A failure is said on the page and returned as FALSE
 * with ERROR at once, or later on the page for a simulation. */
gboolean hr_receiver_page_show_receiver (HrReceiverPage *self, HrDocument *doc, guint net,
                                         guint pin, HrEngine *engine, GError **error);
/* A simulation is running. */
gboolean hr_receiver_page_is_busy (HrReceiverPage *self);
/* Nothing to show: TEXT says why; a simulation in flight is cancelled. */
void hr_receiver_page_show_message (HrReceiverPage *self, const char *title, const char *text);

/* (transfer none) */
HrPlotView *hr_receiver_page_get_view (HrReceiverPage *self);
/* The curve shown, or NULL. (transfer none) (nullable) */
HrGateVtc *hr_receiver_page_get_result (HrReceiverPage *self);
/* (transfer none) */
const char *hr_receiver_page_get_text (HrReceiverPage *self);

G_END_DECLS
