/* results-model.h — the nets of an analysis as a GListModel, for the results table.
 *
 * HrResultItem is a GObject view of one HrNetResult (noise/): the library computed it; this
 * only exposes its fields as properties a GtkColumnView can bind, plus the reasons as one
 * text. hr_results_model_new() keeps the library's order (worst first). GTK-free: tested
 * without a display.
 */
#pragma once

#include <gio/gio.h>

#include "headroom-noise.h"

G_BEGIN_DECLS

#define HR_TYPE_RESULT_ITEM (hr_result_item_get_type ())
G_DECLARE_FINAL_TYPE (HrResultItem, hr_result_item, HR, RESULT_ITEM, GObject)

/* (transfer none) */
HrNetResult *hr_result_item_get_result (HrResultItem *item);
const char *hr_result_item_get_net (HrResultItem *item);
HrVerdict hr_result_item_get_verdict (HrResultItem *item);
/* "0.70 V", "−0.80 V" or "–" for a margin that could not be read. (transfer full) */
char *hr_result_item_dup_nmh_text (HrResultItem *item);
char *hr_result_item_dup_nml_text (HrResultItem *item);
/* Every finding that is not a pass, one per line; "All checks pass." when none. */
const char *hr_result_item_get_reasons (HrResultItem *item);

/* A GListStore of HrResultItem, one per net of RESULT, worst first. (transfer full) */
GListModel *hr_results_model_new (const HrCheckResult *result);
/* The position of the item of net NAME, or G_MAXUINT. */
guint hr_results_model_find (GListModel *model, const char *net);

/* "−0.80 V" (a true minus sign), "–" when not finite. (transfer full) */
char *hr_format_margin (double volts);

G_END_DECLS
