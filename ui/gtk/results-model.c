/* results-model.c — HrNetResult items for the results table. */
#include "hr-config.h"

#include <math.h>

#include "results-model.h"

struct _HrResultItem {
  GObject parent_instance;
  HrNetResult *result;
  char *reasons;
};

G_DEFINE_FINAL_TYPE (HrResultItem, hr_result_item, G_TYPE_OBJECT)

enum { PROP_0, PROP_NET, PROP_VERDICT, PROP_NMH, PROP_NML, PROP_REASONS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
hr_result_item_finalize (GObject *object)
{
  HrResultItem *item = HR_RESULT_ITEM (object);

  g_clear_pointer (&item->result, hr_net_result_unref);
  g_free (item->reasons);
  G_OBJECT_CLASS (hr_result_item_parent_class)->finalize (object);
}

static void
hr_result_item_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  HrResultItem *item = HR_RESULT_ITEM (object);

  switch (id)
    {
    case PROP_NET: g_value_set_string (value, item->result->net); break;
    case PROP_VERDICT: g_value_set_string (value, hr_verdict_to_string (item->result->verdict)); break;
    case PROP_NMH: g_value_take_string (value, hr_result_item_dup_nmh_text (item)); break;
    case PROP_NML: g_value_take_string (value, hr_result_item_dup_nml_text (item)); break;
    case PROP_REASONS: g_value_set_string (value, item->reasons); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
hr_result_item_class_init (HrResultItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hr_result_item_finalize;
  object_class->get_property = hr_result_item_get_property;
  properties[PROP_NET] = g_param_spec_string ("net", NULL, NULL, NULL, ro);
  properties[PROP_VERDICT] = g_param_spec_string ("verdict", NULL, NULL, NULL, ro);
  properties[PROP_NMH] = g_param_spec_string ("nmh", NULL, NULL, NULL, ro);
  properties[PROP_NML] = g_param_spec_string ("nml", NULL, NULL, NULL, ro);
  properties[PROP_REASONS] = g_param_spec_string ("reasons", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hr_result_item_init (HrResultItem *item)
{
}

/* Notes (data quality, ΔICC) pass by definition; the table's reasons are what is wrong. */
static char *
reasons_text (const HrNetResult *r)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < r->findings->len; i++)
    {
      const HrFinding *f = g_ptr_array_index (r->findings, i);
      if (f->verdict != HR_VERDICT_PASS)
        g_string_append_printf (s, "%s%s", s->len ? "\n" : "", f->text);
    }
  if (s->len == 0)
    g_string_append (s, "All checks pass.");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static HrResultItem *
result_item_new (HrNetResult *result)
{
  HrResultItem *item = g_object_new (HR_TYPE_RESULT_ITEM, NULL);

  item->result = hr_net_result_ref (result);
  item->reasons = reasons_text (result);
  return item;
}

HrNetResult *
hr_result_item_get_result (HrResultItem *item)
{
  return item->result;
}

const char *
hr_result_item_get_net (HrResultItem *item)
{
  return item->result->net;
}

HrVerdict
hr_result_item_get_verdict (HrResultItem *item)
{
  return item->result->verdict;
}

char *
hr_format_margin (double volts)
{
  if (!isfinite (volts))
    return g_strdup ("–");
  if (volts < 0)
    return g_strdup_printf ("−%.2f V", -volts);
  return g_strdup_printf ("%.2f V", volts);
}

char *
hr_result_item_dup_nmh_text (HrResultItem *item)
{
  return hr_format_margin (item->result->nmh_v);
}

char *
hr_result_item_dup_nml_text (HrResultItem *item)
{
  return hr_format_margin (item->result->nml_v);
}

const char *
hr_result_item_get_reasons (HrResultItem *item)
{
  return item->reasons;
}

GListModel *
hr_results_model_new (const HrCheckResult *result)
{
  GListStore *store = g_list_store_new (HR_TYPE_RESULT_ITEM);

  for (guint i = 0; result != NULL && i < result->nets->len; i++)
    {
      g_autoptr(HrResultItem) item = result_item_new (g_ptr_array_index (result->nets, i));
      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

guint
hr_results_model_find (GListModel *model, const char *net)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HrResultItem) item = g_list_model_get_item (model, i);
      if (g_strcmp0 (item->result->net, net) == 0)
        return i;
    }
  return G_MAXUINT;
}
