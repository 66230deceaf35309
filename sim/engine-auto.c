/* engine-auto.c — HrEngineAuto: the native engine where it carries the netlist, ngspice
 * elsewhere.
 *
 * The native engine is in process and fast; ngspice carries everything (user model cards,
 * subcircuits) but costs worker processes. Choosing per netlist at run time, rather than
 * per command, lets one front end run a level-1 gate natively and a user's BSIM card on
 * ngspice without asking. Every result names the engine that really ran it
 * (hr_sim_result_get_engine_name). */
#include "sim-private.h"

struct _HrEngineAuto {
  HrEngine parent_instance;
  HrEngine *native;
  HrEngine *ngspice;         /* started on first need, under lock */
  guint ngspice_workers;
  GMutex lock;
};

G_DEFINE_FINAL_TYPE (HrEngineAuto, hr_engine_auto, HR_TYPE_ENGINE)

static const char *
hr_engine_auto_get_name (HrEngine *engine)
{
  return "auto";
}

/* The ngspice pool, started once; thread-safe. (transfer full) */
static HrEngine *
get_ngspice (HrEngineAuto *self, GError **error)
{
  HrEngine *engine;

  g_mutex_lock (&self->lock);
  if (self->ngspice == NULL)
    self->ngspice = hr_engine_ngspice_new (self->ngspice_workers, error);
  engine = self->ngspice ? g_object_ref (self->ngspice) : NULL;
  g_mutex_unlock (&self->lock);
  return engine;
}

static HrSimResult *
hr_engine_auto_run (HrEngine *engine, HrNetlist *netlist, GCancellable *cancellable,
                    HrProgressFunc progress, gpointer progress_data, GError **error)
{
  HrEngineAuto *self = HR_ENGINE_AUTO (engine);
  g_autoptr(GError) why_not = NULL;
  g_autoptr(HrEngine) ngspice = NULL;

  if (hr_engine_supports (self->native, netlist, &why_not))
    return hr_engine_run (self->native, netlist, cancellable, progress, progress_data, error);
  if ((ngspice = get_ngspice (self, error)) == NULL)
    {
      g_prefix_error (error, "%s (the native engine could not run it either: %s): ",
                      netlist->title, why_not->message);
      return NULL;
    }
  return hr_engine_run (ngspice, netlist, cancellable, progress, progress_data, error);
}

static void
hr_engine_auto_finalize (GObject *object)
{
  HrEngineAuto *self = HR_ENGINE_AUTO (object);

  g_clear_object (&self->native);
  g_clear_object (&self->ngspice);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (hr_engine_auto_parent_class)->finalize (object);
}

static void
hr_engine_auto_class_init (HrEngineAutoClass *klass)
{
  HrEngineClass *engine_class = HR_ENGINE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = hr_engine_auto_finalize;
  engine_class->get_name = hr_engine_auto_get_name;
  engine_class->run = hr_engine_auto_run;
}

static void
hr_engine_auto_init (HrEngineAuto *self)
{
  g_mutex_init (&self->lock);
  self->native = hr_engine_native_new ();
}

HrEngine *
hr_engine_auto_new (guint ngspice_workers)
{
  HrEngineAuto *self = g_object_new (HR_TYPE_ENGINE_AUTO, NULL);

  self->ngspice_workers = ngspice_workers;
  return HR_ENGINE (self);
}

HrEngine *
hr_engine_new_by_name (const char *name, guint ngspice_workers, GError **error)
{
  if (name == NULL || g_ascii_strcasecmp (name, "auto") == 0)
    return hr_engine_auto_new (ngspice_workers);
  if (g_ascii_strcasecmp (name, "native") == 0)
    return hr_engine_native_new ();
  if (g_ascii_strcasecmp (name, "ngspice") == 0)
    return hr_engine_ngspice_new (ngspice_workers, error);
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID,
               "unknown engine \"%s\"; known: auto (native where it carries the circuit, "
               "else ngspice), native, ngspice", name);
  return NULL;
}
