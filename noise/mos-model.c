/* mos-model.c — HrMosModel: level 1 by parameters, the built-in BSIM3 cards, user cards.
 *
 * Every model reaches the netlist as an NMOS "nch" and a PMOS "pch", so that the gate
 * builders (gates.c) never care which kind it is. Card text, built-in or the user's, goes
 * through the simulator's filter (hr_netlist_add_user_spice()); the built-in cards are not
 * trusted more than the user's, which also keeps them honest SPICE. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "gates-private.h"
#include "hr-noise-resources.h"

G_DEFINE_BOXED_TYPE (HrMosModel, hr_mos_model, hr_mos_model_copy, hr_mos_model_free)

static const char *const builtin_names[] = { "bsim3-5v", "bsim3-3v3", "bsim3-1v8", NULL };

/* Level 1 and user cards: W = L = 1 µm, so that β = KP·W/L = KP for level 1 (the reference's
 * k); a user card gets a 2:1 PMOS, the usual first guess for equal drive. */
#define PLAIN_L_M 1e-6
#define PLAIN_WN_M 1e-6
#define USER_WP_M 2e-6

const char *const *
hr_mos_model_builtin_names (void)
{
  return builtin_names;
}

static HrMosModel *
model_alloc (HrMosModelKind kind)
{
  HrMosModel *m = g_new0 (HrMosModel, 1);

  m->kind = kind;
  m->default_vdd_v = NAN;
  m->default_l_m = PLAIN_L_M;
  m->default_wn_m = PLAIN_WN_M;
  m->default_wp_m = kind == HR_MOS_LEVEL1 ? PLAIN_WN_M : USER_WP_M;
  return m;
}

HrMosModel *
hr_mos_model_new_level1 (double vtn_v, double vtp_v, double kpn_a_per_v2, double kpp_a_per_v2)
{
  HrMosModel *m = model_alloc (HR_MOS_LEVEL1);

  m->vtn_v = vtn_v;
  m->vtp_v = vtp_v;
  m->kpn_a_per_v2 = kpn_a_per_v2;
  m->kpp_a_per_v2 = kpp_a_per_v2;
  return m;
}

HrMosModel *
hr_mos_model_copy (const HrMosModel *model)
{
  HrMosModel *m;

  g_return_val_if_fail (model != NULL, NULL);
  m = g_memdup2 (model, sizeof *model);
  m->card_name = g_strdup (model->card_name);
  m->card_text = g_strdup (model->card_text);
  m->allowed_dirs = g_strdupv (model->allowed_dirs);
  m->process = g_strdup (model->process);
  return m;
}

void
hr_mos_model_free (HrMosModel *model)
{
  if (model == NULL)
    return;
  g_free (model->card_name);
  g_free (model->card_text);
  g_strfreev (model->allowed_dirs);
  g_free (model->process);
  g_free (model);
}

static GBytes *
builtin_bytes (const char *name, GError **error)
{
  g_autofree char *path = g_strdup_printf ("/org/headroom/noise/%s.lib", name);

  /* Through the generated getter: a static library's resource object is linked in only when
   * something references it. */
  return g_resource_lookup_data (hr_noise_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* Reads the "*@headroom key=value ..." line of a built-in card into M's defaults. */
static gboolean
parse_card_header (HrMosModel *m, const char *text, GError **error)
{
  const char *line = strstr (text, "\n*@headroom ");
  g_autofree char *copy = NULL;
  g_auto(GStrv) argv = NULL;

  if (line == NULL)
    goto bad;
  copy = g_strndup (line + 12, strcspn (line + 12, "\n"));
  if (!g_shell_parse_argv (copy, NULL, &argv, NULL))
    goto bad;
  for (guint i = 0; argv[i] != NULL; i++)
    {
      const char *eq = strchr (argv[i], '=');
      g_autofree char *key = eq ? g_strndup (argv[i], eq - argv[i]) : NULL;
      gboolean ok = eq != NULL;

      if (!ok)
        goto bad;
      if (strcmp (key, "vdd") == 0)
        ok = hr_units_parse (eq + 1, HR_UNIT_VOLT, &m->default_vdd_v, NULL);
      else if (strcmp (key, "l") == 0)
        ok = hr_units_parse (eq + 1, HR_UNIT_METER, &m->default_l_m, NULL);
      else if (strcmp (key, "wn") == 0)
        ok = hr_units_parse (eq + 1, HR_UNIT_METER, &m->default_wn_m, NULL);
      else if (strcmp (key, "wp") == 0)
        ok = hr_units_parse (eq + 1, HR_UNIT_METER, &m->default_wp_m, NULL);
      else if (strcmp (key, "process") == 0)
        {
          g_free (m->process);
          m->process = g_strdup (eq + 1);
        }
      if (!ok)
        goto bad;
    }
  return TRUE;

bad:
  /* Only a broken build gets here: the cards are compiled in. */
  g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
               "built-in card %s: missing or bad \"*@headroom\" line", m->card_name);
  return FALSE;
}

HrMosModel *
hr_mos_model_new_builtin (const char *name, GError **error)
{
  g_autoptr(HrMosModel) m = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (name == NULL || !g_strv_contains (builtin_names, name))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) builtin_names);
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "unknown built-in model \"%s\"; known: level1, %s (or a file of your own "
                   "cards)", name ? name : "(null)", known);
      return NULL;
    }
  if ((bytes = builtin_bytes (name, error)) == NULL)
    return NULL;
  m = model_alloc (HR_MOS_CARD_BUILTIN);
  m->card_name = g_strdup (name);
  m->card_text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (!parse_card_header (m, m->card_text, error))
    return NULL;
  return g_steal_pointer (&m);
}

/* What user cards define: NMOS "nch", PMOS "pch" (".model NAME TYPE", case-insensitive,
 * "TYPE(" allowed), and whether they include other files, which are not searched here. */
typedef struct {
  gboolean nch, pch, includes;
} CardScan;

static void
scan_line (const char *line, CardScan *scan)
{
  g_autofree char *lower = g_ascii_strdown (line, -1);
  g_auto(GStrv) tok = NULL;
  const char *words[3] = { NULL, NULL, NULL };
  guint n = 0;

  g_strstrip (lower);
  if (g_str_has_prefix (lower, ".inc") || g_str_has_prefix (lower, ".lib"))
    scan->includes = TRUE;
  if (!g_str_has_prefix (lower, ".model"))
    return;
  g_strdelimit (lower, "(\t", ' ');
  tok = g_strsplit (lower, " ", -1);
  /* Runs of spaces leave empty tokens. */
  for (guint j = 0; tok[j] != NULL && n < 3; j++)
    if (tok[j][0] != '\0')
      words[n++] = tok[j];
  if (n < 3)
    return;
  scan->nch |= strcmp (words[1], "nch") == 0 && strcmp (words[2], "nmos") == 0;
  scan->pch |= strcmp (words[1], "pch") == 0 && strcmp (words[2], "pmos") == 0;
}

HrMosModel *
hr_mos_model_new_user (const char *origin, const char *text,
                       const char *const *allowed_dirs, GError **error)
{
  g_autoptr(HrMosModel) m = NULL;
  g_autofree char *filtered = NULL;
  const char *label = origin ? origin : "user cards";
  CardScan scan = { FALSE, FALSE, FALSE };

  g_return_val_if_fail (text != NULL, NULL);
  if ((filtered = hr_spice_filter (label, text, allowed_dirs, error)) == NULL)
    return NULL;
  {
    g_auto(GStrv) lines = g_strsplit (filtered, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      scan_line (lines[i], &scan);
  }
  /* Included files are not searched (the simulator reads them): ask for the two names only
   * when nothing is included. */
  if (!scan.includes && (!scan.nch || !scan.pch))
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "%s: the cards must define an NMOS model named nch and a PMOS model "
                   "named pch (\".model nch nmos level=8 ...\", \".model pch pmos ...\"); "
                   "rename yours or add those two", label);
      return NULL;
    }
  m = model_alloc (HR_MOS_CARD_USER);
  m->card_name = g_strdup (label);
  m->card_text = g_strdup (text);
  m->allowed_dirs = g_strdupv ((char **) allowed_dirs);
  return g_steal_pointer (&m);
}

void
hr_mos_model_get_defaults (const HrMosModel *model, double *vdd_v, double *l_m, double *wn_m,
                           double *wp_m)
{
  g_return_if_fail (model != NULL);
  if (vdd_v)
    *vdd_v = model->default_vdd_v;
  if (l_m)
    *l_m = model->default_l_m;
  if (wn_m)
    *wn_m = model->default_wn_m;
  if (wp_m)
    *wp_m = model->default_wp_m;
}

char *
hr_mos_model_describe (const HrMosModel *m)
{
  g_return_val_if_fail (m != NULL, NULL);
  switch (m->kind)
    {
    case HR_MOS_LEVEL1:
      return g_strdup_printf ("level 1 (square law): VTn %.4g V, VTp %.4g V, KPn %.4g uA/V^2, "
                              "KPp %.4g uA/V^2, lambda %.3g/%.3g 1/V, gamma %.3g/%.3g V^0.5",
                              m->vtn_v, m->vtp_v, m->kpn_a_per_v2 * 1e6,
                              m->kpp_a_per_v2 * 1e6, m->lambda_n_per_v, m->lambda_p_per_v,
                              m->gamma_n_sqrt_v, m->gamma_p_sqrt_v);
    case HR_MOS_CARD_BUILTIN:
      return g_strdup_printf ("%s: illustrative BSIM3v3.3 cards resembling a %s process "
                              "(not a vendor model)", m->card_name,
                              m->process ? m->process : "generic");
    case HR_MOS_CARD_USER:
      return g_strdup_printf ("user model cards from %s (nch, pch)", m->card_name);
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
add_level1 (const HrMosModel *m, HrNetlist *nl, GError **error)
{
  /* LAMBDA and GAMMA are written even when 0: the closed forms assume neither, and an
   * explicit 0 keeps that visible in the deck rather than resting on ngspice's defaults. */
  return hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, error) &&
         hr_netlist_set_model_param (nl, "nch", "vto", m->vtn_v, error) &&
         hr_netlist_set_model_param (nl, "nch", "kp", m->kpn_a_per_v2, error) &&
         hr_netlist_set_model_param (nl, "nch", "lambda", m->lambda_n_per_v, error) &&
         hr_netlist_set_model_param (nl, "nch", "gamma", m->gamma_n_sqrt_v, error) &&
         hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, error) &&
         hr_netlist_set_model_param (nl, "pch", "vto", m->vtp_v, error) &&
         hr_netlist_set_model_param (nl, "pch", "kp", m->kpp_a_per_v2, error) &&
         hr_netlist_set_model_param (nl, "pch", "lambda", m->lambda_p_per_v, error) &&
         hr_netlist_set_model_param (nl, "pch", "gamma", m->gamma_p_sqrt_v, error);
}

gboolean
hr_mos_model_add_to_netlist (const HrMosModel *m, HrNetlist *nl, GError **error)
{
  g_autofree char *origin = NULL;

  g_return_val_if_fail (m != NULL && nl != NULL, FALSE);
  switch (m->kind)
    {
    case HR_MOS_LEVEL1:
      return add_level1 (m, nl, error);
    case HR_MOS_CARD_BUILTIN:
      origin = g_strdup_printf ("%s.lib (built in)", m->card_name);
      return hr_netlist_add_user_spice (nl, origin, m->card_text, NULL, error);
    case HR_MOS_CARD_USER:
      return hr_netlist_add_user_spice (nl, m->card_name, m->card_text,
                                        (const char *const *) m->allowed_dirs, error);
    default:
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID, "unknown model kind %d",
                   m->kind);
      return FALSE;
    }
}

/* Checks the numbers of a level-1 model; cards are checked by the simulator. */
gboolean
hr_mos_model_validate (const HrMosModel *m, GError **error)
{
  const char *bad = NULL;

  if (m->kind != HR_MOS_LEVEL1)
    return TRUE;
  if (!(m->vtn_v > 0) || !isfinite (m->vtn_v))
    bad = "VTn must be a positive voltage (an enhancement NMOS), e.g. 0.6";
  else if (!(m->vtp_v < 0) || !isfinite (m->vtp_v))
    bad = "VTp must be a negative voltage (an enhancement PMOS), e.g. -0.6";
  else if (!(m->kpn_a_per_v2 > 0) || !isfinite (m->kpn_a_per_v2) ||
           !(m->kpp_a_per_v2 > 0) || !isfinite (m->kpp_a_per_v2))
    bad = "kn and kp must be positive, in A/V^2 (e.g. 100u)";
  else if (!(m->lambda_n_per_v >= 0 && m->lambda_n_per_v < 1) ||
           !(m->lambda_p_per_v >= 0 && m->lambda_p_per_v < 1))
    bad = "lambda must be in 0 <= lambda < 1 (1/V)";
  else if (!(m->gamma_n_sqrt_v >= 0 && m->gamma_n_sqrt_v < 10) ||
           !(m->gamma_p_sqrt_v >= 0 && m->gamma_p_sqrt_v < 10))
    bad = "gamma must be in 0 <= gamma < 10 (V^0.5)";
  if (bad == NULL)
    return TRUE;
  g_set_error_literal (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID, bad);
  return FALSE;
}
