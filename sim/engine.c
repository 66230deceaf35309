/* engine.c — HrEngine: the interface every engine implements. */
#include "sim-private.h"

G_DEFINE_ABSTRACT_TYPE (HrEngine, hr_engine, G_TYPE_OBJECT)

static gboolean
hr_engine_real_supports (HrEngine *engine, HrNetlist *netlist, GError **error)
{
  return TRUE;
}

static void
hr_engine_class_init (HrEngineClass *klass)
{
  klass->supports = hr_engine_real_supports;
}

static void
hr_engine_init (HrEngine *engine)
{
}

const char *
hr_engine_get_name (HrEngine *engine)
{
  g_return_val_if_fail (HR_IS_ENGINE (engine), NULL);
  return HR_ENGINE_GET_CLASS (engine)->get_name (engine);
}

gboolean
hr_engine_supports (HrEngine *engine, HrNetlist *netlist, GError **error)
{
  g_return_val_if_fail (HR_IS_ENGINE (engine), FALSE);
  g_return_val_if_fail (netlist != NULL, FALSE);
  if (hr_netlist_get_error (netlist) != NULL)
    {
      g_propagate_error (error, g_error_copy (hr_netlist_get_error (netlist)));
      return FALSE;
    }
  if (netlist->analyses->len == 0)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID,
                   "%s: the netlist has no analysis to run (add op, dc, tran or ac)",
                   netlist->title);
      return FALSE;
    }
  return HR_ENGINE_GET_CLASS (engine)->supports (engine, netlist, error);
}

HrSimResult *
hr_engine_run (HrEngine *engine, HrNetlist *netlist, GCancellable *cancellable,
               HrProgressFunc progress, gpointer progress_data, GError **error)
{
  HrSimResult *result;

  g_return_val_if_fail (HR_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (netlist != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!hr_engine_supports (engine, netlist, error))
    return NULL;
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED, "%s: cancelled before it "
                   "started", netlist->title);
      return NULL;
    }
  g_object_ref (engine);
  hr_netlist_ref (netlist);
  result = HR_ENGINE_GET_CLASS (engine)->run (engine, netlist, cancellable, progress,
                                              progress_data, error);
  hr_netlist_unref (netlist);
  g_object_unref (engine);
  return result;
}
