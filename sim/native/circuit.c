/* circuit.c — compiling an HrNetlist into the native engine's flat device array: node and
 * branch numbering, model parameters with their SPICE defaults, the matrix pattern, and the
 * topology checks that turn a singular DC matrix into a message naming the node or element. */
#include "native-private.h"

#include <math.h>
#include <string.h>

#define HR_CELSIUS_TO_K  273.15

static int
node_number (HrNativeSim *sim, const char *name)
{
  gpointer v;
  if (g_str_equal (name, "0"))
    return 0;
  if (g_hash_table_lookup_extended (sim->node_index, name, NULL, &v))
    return GPOINTER_TO_INT (v);
  g_ptr_array_add (sim->node_names, g_strdup (name));
  g_hash_table_insert (sim->node_index, g_ptr_array_index (sim->node_names,
                                                           sim->node_names->len - 1),
                       GINT_TO_POINTER (sim->node_names->len - 1));
  return sim->node_names->len - 1;
}

static const HrModel *
find_model (HrNetlist *nl, const char *name)
{
  for (guint i = 0; i < nl->models->len; i++)
    {
      const HrModel *m = g_ptr_array_index (nl->models, i);
      if (g_str_equal (m->name, name))
        return m;
    }
  return NULL;
}

double
hr_native_model_param (const HrModel *m, const char *name, double fallback)
{
  for (guint i = 0; i < m->params->len; i++)
    {
      const HrParam *p = &g_array_index (m->params, HrParam, i);
      if (g_str_equal (p->name, name))
        return p->value;
    }
  return fallback;
}

static double
instance_param (const HrElement *el, const char *name, double fallback)
{
  for (guint i = 0; el->params != NULL && i < el->params->len; i++)
    {
      const HrParam *p = &g_array_index (el->params, HrParam, i);
      if (g_str_equal (p->name, name))
        return p->value;
    }
  return fallback;
}

/* A device's temperature: its own "temp" instance parameter, else the circuit's. */
static double
device_temp (HrNativeSim *sim, const HrNatDev *d)
{
  return instance_param (d->el, "temp", sim->temp_k - HR_CELSIUS_TO_K) + HR_CELSIUS_TO_K;
}

/* The bulk junctions (mos1temp.c): zero-bias bottom capacitance CBD/CBS, else CJ x AD/AS;
 * sidewall CJSW x PD/PS; saturation current JS x AD/AS when JS and both areas are given,
 * else IS; all times the multiplier M. */
static void
resolve_mos_junctions (HrNatDev *d, const HrModel *m, double mult)
{
  const HrElement *el = d->el;
  const double ad = instance_param (el, "ad", 0), as = instance_param (el, "as", 0);
  const double cj = hr_native_model_param (m, "cj", 0);
  const double cjsw = hr_native_model_param (m, "cjsw", 0);
  const double js = hr_native_model_param (m, "js", 0);

  d->cbd = mult * hr_native_model_param (m, "cbd", cj * ad);
  d->cbs = mult * hr_native_model_param (m, "cbs", cj * as);
  d->cbd_sw = mult * cjsw * instance_param (el, "pd", 0);
  d->cbs_sw = mult * cjsw * instance_param (el, "ps", 0);
  d->mj_sw = hr_native_model_param (m, "mjsw", 0.33);
  d->is = d->is_d = mult * hr_native_model_param (m, "is", 1e-14);
  if (js > 0 && ad > 0 && as > 0)
    d->is = mult * js * as, d->is_d = mult * js * ad;
  d->vj = hr_native_model_param (m, "pb", 0.8);
  d->mj = hr_native_model_param (m, "mj", 0.5);
  d->fc = hr_native_model_param (m, "fc", 0.5);
}

/* ngspice level-1 defaults (mos1set.c, mos1temp.c): VTO 0, KP 2e-5 (or U0 COX with TOX,
 * U0 600 cm^2/Vs), GAMMA 0, PHI 0.6, LAMBDA 0, LD 0, IS 1e-14, PB 0.8, MJ 0.5, MJSW 0.33,
 * FC 0.5, all given at TNOM and moved to the device's temperature. The effective length
 * is L - 2 LD; the instance multiplier M scales currents and capacitances, not gmin. */
static void
resolve_mosfet (HrNativeSim *sim, HrNatDev *d, const HrModel *m)
{
  const double mult = instance_param (d->el, "m", 1), w = d->el->w_m;
  const double l = d->el->l_m - 2 * hr_native_model_param (m, "ld", 0);
  const double tox = hr_native_model_param (m, "tox", 0);
  const double cox = tox > 0 ? 3.9 * 8.854214871e-12 / tox : 0;   /* F/m^2 */
  const double u0 = hr_native_model_param (m, "u0", 600);

  d->type = m->type == HR_MODEL_PMOS ? -1 : 1;
  d->vto = hr_native_model_param (m, "vto", 0);
  d->kp = hr_native_model_param (m, "kp", cox > 0 ? u0 * 1e-4 * cox : 2e-5);
  d->gamma = hr_native_model_param (m, "gamma", 0);
  d->phi = hr_native_model_param (m, "phi", 0.6);
  d->lambda = hr_native_model_param (m, "lambda", 0);
  d->beta = d->kp * mult * w / l;
  resolve_mos_junctions (d, m, mult);
  d->cgs = hr_native_model_param (m, "cgso", 0) * mult * w;
  d->cgd = hr_native_model_param (m, "cgdo", 0) * mult * w;
  d->cgb = hr_native_model_param (m, "cgbo", 0) * mult * l;
  d->cox_f = cox * mult * w * l;
  hr_native_mos_temperature (d, m, device_temp (sim, d), sim->tnom_k);
  if (hr_native_model_param (m, "rd", 0) > 0)
    d->g_series[0] = mult / hr_native_model_param (m, "rd", 0);
  if (hr_native_model_param (m, "rs", 0) > 0)
    d->g_series[2] = mult / hr_native_model_param (m, "rs", 0);
  if (d->cbd > 0 || d->cbs > 0 || d->cbd_sw > 0 || d->cbs_sw > 0 || d->cgs > 0 || d->cgd > 0
      || d->cgb > 0 || d->cox_f > 0)
    d->n_ch = HR_NAT_MAX_CHARGES;
}

/* Diode defaults (dioload.c): IS 1e-14, N 1, CJO 0, VJ 1, M 0.5, FC 0.5, TT 0; IS and CJO
 * scale with the instance's AREA and M. */
static void
resolve_diode (HrNativeSim *sim, HrNatDev *d, const HrModel *m)
{
  const double scale = instance_param (d->el, "area", 1) * instance_param (d->el, "m", 1);

  d->is = scale * hr_native_model_param (m, "is", 1e-14);
  d->n_emission = hr_native_model_param (m, "n", 1);
  d->cjo = scale * hr_native_model_param (m, "cjo", 0);
  d->vj = hr_native_model_param (m, "vj", 1);
  d->mj = hr_native_model_param (m, "m", 0.5);
  d->fc = hr_native_model_param (m, "fc", 0.5);
  d->tt = hr_native_model_param (m, "tt", 0);
  d->n_ch = d->cjo > 0 || d->tt > 0;
  hr_native_diode_temperature (d, m, device_temp (sim, d), sim->tnom_k);
  if (hr_native_model_param (m, "rs", 0) > 0)
    d->g_series[0] = scale / hr_native_model_param (m, "rs", 0);
}

static void
resolve_device (HrNativeSim *sim, HrNatDev *d)
{
  const HrModel *m = d->el->ref ? find_model (sim->nl, d->el->ref) : NULL;

  if (m == NULL)
    return;
  if (d->kind == HR_EL_MOSFET)
    resolve_mosfet (sim, d, m);
  else if (d->kind == HR_EL_DIODE)
    resolve_diode (sim, d, m);
}

static void
read_options (HrNativeSim *sim)
{
  HrNetlist *nl = sim->nl;
  sim->reltol = 1e-3, sim->abstol = 1e-12, sim->vntol = 1e-6, sim->chgtol = 1e-14;
  sim->trtol = 7, sim->gmin = 1e-12, sim->itl1 = 100, sim->itl2 = 50, sim->itl4 = 10;
  for (guint i = 0; i < nl->options->len; i++)
    {
      const HrParam *p = &g_array_index (nl->options, HrParam, i);
      if (g_str_equal (p->name, "reltol")) sim->reltol = p->value;
      else if (g_str_equal (p->name, "abstol")) sim->abstol = p->value;
      else if (g_str_equal (p->name, "vntol")) sim->vntol = p->value;
      else if (g_str_equal (p->name, "chgtol")) sim->chgtol = p->value;
      else if (g_str_equal (p->name, "trtol")) sim->trtol = p->value;
      else if (g_str_equal (p->name, "gmin")) sim->gmin = p->value;
      else if (g_str_equal (p->name, "itl1")) sim->itl1 = MAX (1, (int) p->value);
      else if (g_str_equal (p->name, "itl2")) sim->itl2 = MAX (1, (int) p->value);
      else if (g_str_equal (p->name, "itl4")) sim->itl4 = MAX (1, (int) p->value);
    }
  sim->tnom_k = 27 + HR_CELSIUS_TO_K;
  for (guint i = 0; i < nl->options->len; i++)
    if (g_str_equal (g_array_index (nl->options, HrParam, i).name, "tnom"))
      sim->tnom_k = g_array_index (nl->options, HrParam, i).value + HR_CELSIUS_TO_K;
  sim->temp_k = (nl->has_temp ? nl->temp_c : 27) + HR_CELSIUS_TO_K;
}

/* Every position an element can ever stamp, in DC, transient and AC alike: all pairs of its
 * terminals and branch. A superset costs a few explicit zeros and keeps one pattern. */
static void
stamp_pattern (HrNativeSim *sim, const HrNatDev *d)
{
  int idx[6], n = 0;   /* up to 4 terminals and 2 branches (T) or 2 external nodes (M) */
  if (d->kind == HR_EL_CPL)
    {
      hr_native_cpl_pattern (sim, d);
      return;
    }
  for (guint t = 0; t < MAX (d->el->n_nodes, d->kind == HR_EL_MUTUAL ? 2 : 0) && t < 4; t++)
    {
      idx[n++] = d->node[t];
      if (d->ext[t] != -2)
        idx[n++] = d->ext[t];
    }
  if (d->branch >= 0)
    idx[n++] = d->branch;
  if (d->kind == HR_EL_TLINE)
    idx[n++] = d->branch + 1;
  if (d->ctrl_branch >= 0)   /* F, H: their rows (or terminals) meet the control's column */
    {
      for (int i = 0; i < n; i++)
        hr_mna_add (&sim->mna, idx[i], d->ctrl_branch, 0);
    }
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      hr_mna_add (&sim->mna, idx[i], idx[j], 0);
}

static int
device_index (HrNativeSim *sim, const char *name)
{
  for (int j = 0; j < sim->n_devs; j++)
    if (g_str_equal (sim->devs[j].el->name, name))
      return j;
  return -1;
}

/* F and H find the branch of the source they sense; K finds its two inductors (the IR's
 * builders guarantee that both exist). */
static void
resolve_references (HrNativeSim *sim, HrNatDev *d)
{
  d->ctrl_branch = -1;
  if (d->kind == HR_EL_CCCS || d->kind == HR_EL_CCVS)
    d->ctrl_branch = sim->devs[device_index (sim, d->el->ref)].branch;
  else if (d->kind == HR_EL_MUTUAL)
    {
      const HrNatDev *l1, *l2;
      d->coupled[0] = device_index (sim, d->el->ref);
      d->coupled[1] = device_index (sim, d->el->ref2);
      l1 = &sim->devs[d->coupled[0]], l2 = &sim->devs[d->coupled[1]];
      d->mutual_h = d->value * sqrt (l1->value * l2->value);
      d->node[0] = l1->branch, d->node[1] = l2->branch;   /* the pattern's two rows */
    }
}

/* A lossless coupled line: its modes and the unknowns of its 2 N + 2 terminals. */
static void
number_line (HrNativeSim *sim, HrNatDev *d)
{
  const int n = d->el->line->n;
  char **nodes = d->el->nodes;

  d->line = hr_native_cpl_new (d->el->line);
  for (int k = 0; k < n; k++)
    {
      d->line->near[k] = node_number (sim, nodes[k]) - 1;
      d->line->far[k] = node_number (sim, nodes[n + 1 + k]) - 1;
    }
  d->line->near_ref = node_number (sim, nodes[n]) - 1;
  d->line->far_ref = node_number (sim, nodes[2 * n + 1]) - 1;
}

/* The netlist's elements in order, each segmented line replaced by its RLGC sections. */
static void
collect_elements (HrNativeSim *sim)
{
  sim->elements = g_ptr_array_new ();
  sim->expansions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < sim->nl->elements->len; i++)
    {
      HrElement *el = g_ptr_array_index (sim->nl->elements, i);
      GPtrArray *parts;
      if (el->kind != HR_EL_CPL || el->line->segments == 0)
        {
          g_ptr_array_add (sim->elements, el);
          continue;
        }
      parts = hr_line_expand (el);
      g_ptr_array_add (sim->expansions, parts);
      for (guint j = 0; j < parts->len; j++)
        g_ptr_array_add (sim->elements, g_ptr_array_index (parts, j));
    }
}

static void
number_devices (HrNativeSim *sim)
{
  int n_branch = 0;

  sim->n_devs = sim->elements->len;
  sim->devs = g_new0 (HrNatDev, MAX (sim->n_devs, 1));
  for (int i = 0; i < sim->n_devs; i++)
    {
      HrNatDev *d = &sim->devs[i];
      d->el = g_ptr_array_index (sim->elements, i);
      d->kind = d->el->kind;
      d->value = d->el->value;
      for (guint t = 0; t < 4; t++)
        {
          d->node[t] = t < d->el->n_nodes && d->kind != HR_EL_CPL
                       ? node_number (sim, d->el->nodes[t]) - 1 : -1;
          d->ext[t] = -2;
        }
      if (d->kind == HR_EL_CPL)
        number_line (sim, d);
      d->n_ch = d->kind == HR_EL_CAPACITOR || d->kind == HR_EL_INDUCTOR;
      resolve_device (sim, d);
    }
  sim->n_named = sim->n_nodes = sim->node_names->len - 1;
  for (int i = 0; i < sim->n_devs; i++)
    for (int t = 0; t < 4; t++)
      if (sim->devs[i].g_series[t] > 0)   /* an internal node behind the resistance */
        {
          sim->devs[i].ext[t] = sim->devs[i].node[t];
          sim->devs[i].node[t] = sim->n_nodes++;
        }
  for (int i = 0; i < sim->n_devs; i++)
    {
      HrNatDev *d = &sim->devs[i];
      gboolean has_branch = d->kind == HR_EL_VSOURCE || d->kind == HR_EL_INDUCTOR
                            || d->kind == HR_EL_VCVS || d->kind == HR_EL_CCVS;
      d->branch = has_branch || d->kind == HR_EL_TLINE || d->kind == HR_EL_CPL
                  ? sim->n_nodes + n_branch++ : -1;
      if (d->kind == HR_EL_TLINE)   /* the second port's current */
        {
          n_branch++;
          d->history = g_array_new (FALSE, FALSE, sizeof (double) * 5);
        }
      if (d->kind == HR_EL_CPL)   /* every conductor's current at both ends */
        {
          n_branch += 2 * d->line->n - 1;
          d->history = g_array_new (FALSE, FALSE, sizeof (double) * (1 + 2 * d->line->n));
        }
    }
  sim->n_unknowns = sim->n_nodes + n_branch;
  for (int i = 0; i < sim->n_devs; i++)
    resolve_references (sim, &sim->devs[i]);
}

HrNativeSim *
hr_native_sim_new (HrNetlist *nl, GCancellable *cancellable, GError **error)
{
  HrNativeSim *sim = g_new0 (HrNativeSim, 1);

  sim->nl = hr_netlist_ref (nl);
  sim->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  sim->log = g_string_new (NULL);
  sim->node_names = g_ptr_array_new_with_free_func (g_free);
  sim->node_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (sim->node_names, g_strdup ("0"));
  read_options (sim);
  collect_elements (sim);
  number_devices (sim);
  sim->linear = TRUE;
  for (int i = 0; i < sim->n_devs; i++)
    if (sim->devs[i].kind == HR_EL_DIODE || sim->devs[i].kind == HR_EL_MOSFET)
      sim->linear = FALSE;
  sim->source_scale = 1;
  hr_mna_init (&sim->mna, sim->n_unknowns);
  for (int i = 0; i < sim->n_devs; i++)
    stamp_pattern (sim, &sim->devs[i]);
  sim->x = g_new0 (double, MAX (sim->n_unknowns, 1));
  sim->xprev = g_new0 (double, MAX (sim->n_unknowns, 1));
  if (sim->n_unknowns == 0 || !hr_mna_finish_pattern (&sim->mna))
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_ANALYSIS,
                   "%s: the circuit has no node besides ground, or KLU could not analyse "
                   "its matrix (status %d)", nl->title, sim->mna.common.status);
      hr_native_sim_free (sim);
      return NULL;
    }
  return sim;
}

void
hr_native_sim_free (HrNativeSim *sim)
{
  if (sim == NULL)
    return;
  hr_mna_clear (&sim->mna);
  g_free (sim->x);
  g_free (sim->xprev);
  for (int i = 0; i < sim->n_devs; i++)
    {
      if (sim->devs[i].history != NULL)
        g_array_unref (sim->devs[i].history);
      hr_native_cpl_free (sim->devs[i].line);
    }
  g_free (sim->devs);
  g_clear_pointer (&sim->elements, g_ptr_array_unref);
  g_clear_pointer (&sim->expansions, g_ptr_array_unref);
  g_hash_table_unref (sim->node_index);
  g_ptr_array_unref (sim->node_names);
  g_string_free (sim->log, TRUE);
  g_clear_object (&sim->cancellable);
  hr_netlist_unref (sim->nl);
  g_free (sim);
}

char *
hr_native_unknown_describe (HrNativeSim *sim, int k)
{
  if (k < 0)
    return g_strdup ("an unknown that KLU did not name");
  if (k < sim->n_named)
    return g_strdup_printf ("node %s", (char *) g_ptr_array_index (sim->node_names, k + 1));
  for (int i = 0; i < sim->n_devs && k < sim->n_nodes; i++)
    for (int t = 0; t < 4; t++)
      if (sim->devs[i].node[t] == k && sim->devs[i].ext[t] != -2)
        return g_strdup_printf ("the internal node of %s (behind its series resistance)",
                                sim->devs[i].el->name);
  for (int i = 0; i < sim->n_devs; i++)
    {
      if (sim->devs[i].kind == HR_EL_CPL && k >= sim->devs[i].branch
          && k < sim->devs[i].branch + 2 * sim->devs[i].line->n)
        {
          const int n = sim->devs[i].line->n, j = k - sim->devs[i].branch;
          return g_strdup_printf ("the current of %s's conductor %d at its %s end",
                                  sim->devs[i].el->name, j % n + 1, j < n ? "near" : "far");
        }
      if (sim->devs[i].branch == k)
        return g_strdup_printf ("the current of %s", sim->devs[i].el->name);
      if (sim->devs[i].kind == HR_EL_TLINE && sim->devs[i].branch + 1 == k)
        return g_strdup_printf ("the current of %s's port 2", sim->devs[i].el->name);
    }
  return g_strdup ("an unknown branch");
}

/* ---- topology ------------------------------------------------------------------------- */

static int
uf_find (int *parent, int i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
}

/* Joins the components of nodes A and B (node numbers, 0 = ground); FALSE if they were
 * already joined. */
static gboolean
uf_join (int *parent, int a, int b)
{
  int ra = uf_find (parent, a), rb = uf_find (parent, b);
  if (ra == rb)
    return FALSE;
  parent[ra] = rb;
  return TRUE;
}

/* Whether element D conducts at DC between its terminals T1 and T2. */
static gboolean
conducts_dc (const HrNatDev *d, int t1, int t2)
{
  switch (d->kind)
    {
    case HR_EL_RESISTOR: case HR_EL_INDUCTOR: case HR_EL_VSOURCE: case HR_EL_DIODE:
      return TRUE;
    case HR_EL_MOSFET:   /* drain, source and bulk through the channel and the junctions */
      return t1 != 1 && t2 != 1;
    case HR_EL_VCVS: case HR_EL_CCVS:   /* the output pair only */
      return t1 + t2 == 1;
    case HR_EL_TLINE:   /* each port is a source behind Z0 between its two terminals */
      return (t1 == 0 && t2 == 1) || (t1 == 2 && t2 == 3);
    default:
      return FALSE;
    }
}

static gboolean
check_loops (HrNativeSim *sim, int *parent, gboolean with_inductors, GError **error)
{
  for (int i = 0; i <= sim->n_nodes; i++)
    parent[i] = i;
  for (int i = 0; i < sim->n_devs; i++)
    {
      const HrNatDev *d = &sim->devs[i];
      gboolean voltage_defined = d->kind == HR_EL_VSOURCE || d->kind == HR_EL_VCVS
                                 || d->kind == HR_EL_CCVS;
      if (!voltage_defined && !(with_inductors && d->kind == HR_EL_INDUCTOR))
        continue;
      if (!uf_join (parent, d->node[0] + 1, d->node[1] + 1))
        {
          g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_SINGULAR,
                       "%s: singular matrix: %s closes a loop of voltage sources%s between "
                       "nodes %s and %s; the loop's current is undetermined (add a series "
                       "resistance)", sim->nl->title, d->el->name,
                       with_inductors ? " and inductors" : "", d->el->nodes[0],
                       d->el->nodes[1]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
hr_native_check_topology (HrNativeSim *sim, gboolean with_inductors, GError **error)
{
  g_autofree int *parent = g_new (int, sim->n_nodes + 1);

  if (!check_loops (sim, parent, with_inductors, error))
    return FALSE;
  for (int i = 0; i <= sim->n_nodes; i++)
    parent[i] = i;
  for (int i = 0; i < sim->n_devs; i++)
    {
      const HrNatDev *d = &sim->devs[i];
      for (int k = 0; d->kind == HR_EL_CPL && k < d->line->n; k++)
        {
          /* each conductor's port, like a T line's, between it and its end's reference */
          uf_join (parent, d->line->near[k] + 1, d->line->near_ref + 1);
          uf_join (parent, d->line->far[k] + 1, d->line->far_ref + 1);
        }
      for (guint a = 0; a < d->el->n_nodes && d->kind != HR_EL_CPL; a++)
        {
          if (d->ext[a] != -2)
            uf_join (parent, d->ext[a] + 1, d->node[a] + 1);
          for (guint b = a + 1; b < d->el->n_nodes; b++)
            if (conducts_dc (d, a, b))
              uf_join (parent, d->node[a] + 1, d->node[b] + 1);
        }
    }
  for (int i = 1; i <= sim->n_named; i++)
    if (uf_find (parent, i) != uf_find (parent, 0))
      {
        g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_SINGULAR,
                     "%s: singular matrix: node %s has no DC path to ground (it is reached "
                     "only through capacitors, current sources or MOSFET gates); connect it "
                     "through a resistor or a source", sim->nl->title,
                     (char *) g_ptr_array_index (sim->node_names, i));
        return FALSE;
      }
  return TRUE;
}

gboolean
hr_native_cancelled (HrNativeSim *sim, GError **error)
{
  if (!g_cancellable_is_cancelled (sim->cancellable))
    return FALSE;
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED, "%s: cancelled", sim->nl->title);
  return TRUE;
}

/* ---- outputs -------------------------------------------------------------------------- */

static void
output_add (GArray *outs, const char *name, int unknown)
{
  HrNatOutput o = { hr_sim_vector_name_canonical (name), unknown };
  g_array_append_val (outs, o);
}

static void
output_clear (gpointer p)
{
  g_free (((HrNatOutput *) p)->name);
}

static gboolean
output_lookup (HrNativeSim *sim, GArray *outs, const char *want, GError **error)
{
  g_autofree char *inner = g_strndup (want + 2, strlen (want) - 3);
  gpointer v;

  if (want[0] == 'v')
    {
      if (g_str_equal (inner, "0"))
        output_add (outs, want, -1);
      else if (g_hash_table_lookup_extended (sim->node_index, inner, NULL, &v))
        output_add (outs, want, GPOINTER_TO_INT (v) - 1);
      else
        goto missing;
      return TRUE;
    }
  for (int i = 0; i < sim->n_devs; i++)
    if (sim->devs[i].branch >= 0 && g_str_equal (sim->devs[i].el->name, inner))
      {
        output_add (outs, want, sim->devs[i].branch);
        return TRUE;
      }
missing:
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_VECTOR, "%s: no vector %s: the circuit has "
               "no such node or voltage source", sim->nl->title, want);
  return FALSE;
}

GArray *
hr_native_outputs (HrNativeSim *sim, GError **error)
{
  GArray *outs = g_array_new (FALSE, FALSE, sizeof (HrNatOutput));
  g_array_set_clear_func (outs, output_clear);

  if (sim->nl->outputs->len > 0)
    {
      for (guint i = 0; i < sim->nl->outputs->len; i++)
        if (!output_lookup (sim, outs, g_ptr_array_index (sim->nl->outputs, i), error))
          {
            g_array_unref (outs);
            return NULL;
          }
      return outs;
    }
  for (int k = 0; k < sim->n_named; k++)
    output_add (outs, g_ptr_array_index (sim->node_names, k + 1), k);
  for (int i = 0; i < sim->n_devs; i++)
    if (sim->devs[i].branch >= 0)
      {
        g_autofree char *name = g_strdup_printf ("i(%s)", sim->devs[i].el->name);
        output_add (outs, name, sim->devs[i].branch);
      }
  return outs;
}
