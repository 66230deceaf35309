/* engine-native.c — HrEngineNative: the native MNA engine behind HrEngine. The engine object
 * holds no simulation state at all: each hr_engine_run() compiles its own HrNativeSim (device
 * array, KLU matrix and klu_common), so one engine serves any number of threads at once. */
#include "native-private.h"

#include <math.h>

struct _HrEngineNative {
  HrEngine parent_instance;
};

G_DEFINE_FINAL_TYPE (HrEngineNative, hr_engine_native, HR_TYPE_ENGINE)

static gboolean
refuse (GError **error, HrNetlist *nl, const char *what)
{
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_UNSUPPORTED,
               "%s: the native engine does not carry %s yet; run this netlist on ngspice",
               nl->title, what);
  return FALSE;
}

static gboolean
param_allowed (const char *name, const char *const *allowed)
{
  return g_strv_contains (allowed, name);
}

static gboolean
supports_model (HrNetlist *nl, const HrModel *m, GError **error)
{
  static const char *const mos[] = { "vto", "kp", "gamma", "phi", "lambda", "is", "js",
                                      "ld", "rd", "rs", "cbd", "cbs", "cj", "cjsw", "mjsw",
                                      "pb", "mj", "fc", "cgso", "cgdo", "cgbo", "tox", "u0",
                                      NULL };
  static const char *const diode[] = { "is", "n", "rs", "cjo", "vj", "m", "fc", "tt", "eg",
                                        "xti", NULL };
  const char *const *allowed = m->type == HR_MODEL_DIODE ? diode : mos;

  if (m->type != HR_MODEL_DIODE && m->level != 1)
    {
      g_autofree char *what = g_strdup_printf ("MOSFET level %d (model %s); only level 1",
                                               m->level, m->name);
      return refuse (error, nl, what);
    }
  for (guint i = 0; i < m->params->len; i++)
    {
      const char *p = g_array_index (m->params, HrParam, i).name;
      if (!param_allowed (p, allowed))
        {
          g_autofree char *what = g_strdup_printf (
            "the model parameter %s (model %s); it carries %s", p, m->name,
            m->type == HR_MODEL_DIODE ? "IS, N, RS, CJO, VJ, M, FC, TT, EG and XTI"
                                      : "VTO, KP, GAMMA, PHI, LAMBDA, IS, JS, LD, RD, RS, "
                                        "CBD, CBS, CJ, CJSW, MJSW, PB, MJ, FC, CGSO, CGDO, "
                                        "CGBO, TOX and U0");
          return refuse (error, nl, what);
        }
    }
  return TRUE;
}

/* A D or M element needs a model of its kind added with hr_netlist_add_model. */
static gboolean
has_model (HrNetlist *nl, const HrElement *el, GError **error)
{
  for (guint i = 0; i < nl->models->len; i++)
    {
      const HrModel *m = g_ptr_array_index (nl->models, i);
      if (g_str_equal (m->name, el->ref)
          && (m->type == HR_MODEL_DIODE) == (el->kind == HR_EL_DIODE))
        return TRUE;
    }
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID,
               "%s: %s uses the model %s, which the netlist does not define as a %s model "
               "(the native engine reads no model cards from user SPICE)", nl->title,
               el->name, el->ref, el->kind == HR_EL_DIODE ? "diode" : "MOSFET");
  return FALSE;
}

static gboolean
supports_element (HrNetlist *nl, const HrElement *el, GError **error)
{
  if ((el->kind == HR_EL_DIODE || el->kind == HR_EL_MOSFET) && !has_model (nl, el, error))
    return FALSE;
  if (el->kind == HR_EL_SUBCKT)
    {
      g_autofree char *what = g_strdup_printf ("subcircuit instances (X), needed by %s",
                                               el->name);
      return refuse (error, nl, what);
    }
  for (guint i = 0; el->params != NULL && i < el->params->len; i++)
    {
      static const char *const mos[] = { "m", "ad", "as", "pd", "ps", "temp", NULL };
      static const char *const diode[] = { "m", "area", "temp", NULL };
      const HrParam *p = &g_array_index (el->params, HrParam, i);
      if ((el->kind == HR_EL_MOSFET && param_allowed (p->name, mos))
          || (el->kind == HR_EL_DIODE && param_allowed (p->name, diode)))
        continue;
      {
        g_autofree char *what = g_strdup_printf ("the instance parameter %s of %s", p->name,
                                                 el->name);
        return refuse (error, nl, what);
      }
    }
  return TRUE;
}

static gboolean
supports_settings (HrNetlist *nl, GError **error)
{
  gboolean uic_tran = FALSE;

  for (guint i = 0; i < nl->analyses->len; i++)
    {
      const HrAnalysis *an = g_ptr_array_index (nl->analyses, i);
      uic_tran |= an->kind == HR_AN_TRAN && an->uic;
    }
  if (nl->initial->len > 0 && !uic_tran)
    return refuse (error, nl, "initial voltages (.ic) outside a transient with UIC");
  return TRUE;
}

static gboolean
hr_engine_native_supports (HrEngine *engine, HrNetlist *nl, GError **error)
{
  if (nl->user_blocks->len > 0)
    {
      const HrUserBlock *b = g_ptr_array_index (nl->user_blocks, 0);
      g_autofree char *what = g_strdup_printf ("user SPICE blocks (model cards and "
                                               "subcircuits from %s)", b->origin);
      return refuse (error, nl, what);
    }
  for (guint i = 0; i < nl->elements->len; i++)
    if (!supports_element (nl, g_ptr_array_index (nl->elements, i), error))
      return FALSE;
  for (guint i = 0; i < nl->models->len; i++)
    if (!supports_model (nl, g_ptr_array_index (nl->models, i), error))
      return FALSE;
  return supports_settings (nl, error);
}

static gboolean
run_analysis_kind (HrNativeSim *sim, const HrAnalysis *an, HrSimResult *res, GError **error)
{
  switch (an->kind)
    {
    case HR_AN_OP:
      return hr_native_run_op (sim, res, error);
    case HR_AN_DC:
      return hr_native_run_dc (sim, an, res, error);
    case HR_AN_TRAN:
      return hr_native_run_tran (sim, an, res, error);
    case HR_AN_AC:
      return hr_native_run_ac (sim, an, res, error);
    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

/* Runs one analysis and writes the work it took to the log, as ngspice's "rusage" would:
 * Newton iterations, rejected steps and what the linear algebra did. */
static gboolean
run_analysis (HrNativeSim *sim, const HrAnalysis *an, HrSimResult *res, GError **error)
{
  const HrMna *m = &sim->mna;
  const guint64 iter = sim->n_iter, rejected = sim->n_rejected, factor = m->n_factor;
  const guint64 refactor = m->n_refactor, solve = m->n_solve, reused = m->n_reused;

  if (!run_analysis_kind (sim, an, res, error))
    return FALSE;
  g_string_append_printf (sim->log, "native: %s: %" G_GUINT64_FORMAT " Newton iterations, %"
                          G_GUINT64_FORMAT " rejected steps; %" G_GUINT64_FORMAT
                          " factorisations, %" G_GUINT64_FORMAT " refactorisations, %"
                          G_GUINT64_FORMAT " real solves (%" G_GUINT64_FORMAT
                          " with factors reused); %d unknowns\n",
                          hr_analysis_kind_name (an->kind), sim->n_iter - iter,
                          sim->n_rejected - rejected, m->n_factor - factor,
                          m->n_refactor - refactor, m->n_solve - solve, m->n_reused - reused,
                          sim->n_unknowns);
  return TRUE;
}

static HrSimResult *
hr_engine_native_run (HrEngine *engine, HrNetlist *nl, GCancellable *cancellable,
                      HrProgressFunc progress, gpointer progress_data, GError **error)
{
  g_autoptr(HrNativeSim) sim = hr_native_sim_new (nl, cancellable, error);
  g_autoptr(HrSimResult) res = NULL;
  const guint n = nl->analyses->len;

  if (sim == NULL)
    return NULL;
  sim->progress = progress, sim->progress_data = progress_data;
  res = hr_sim_result_new ("native");
  for (guint i = 0; i < n; i++)
    {
      const HrAnalysis *an = g_ptr_array_index (nl->analyses, i);
      sim->progress_base = (double) i / n, sim->progress_span = 1.0 / n;
      if (!run_analysis (sim, an, res, error))
        return NULL;
    }
  if (progress != NULL)
    progress (1, "done", progress_data);
  hr_sim_result_set_log (res, sim->log->str);
  return g_steal_pointer (&res);
}

static const char *
hr_engine_native_get_name (HrEngine *engine)
{
  return "native";
}

static void
hr_engine_native_class_init (HrEngineNativeClass *klass)
{
  HrEngineClass *engine_class = HR_ENGINE_CLASS (klass);
  engine_class->get_name = hr_engine_native_get_name;
  engine_class->supports = hr_engine_native_supports;
  engine_class->run = hr_engine_native_run;
}

static void
hr_engine_native_init (HrEngineNative *self)
{
}

HrEngine *
hr_engine_native_new (void)
{
  return g_object_new (HR_TYPE_ENGINE_NATIVE, NULL);
}
