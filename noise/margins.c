/* margins.c — datasheet noise margins: a driver into receivers, a whole circuit, the matrix.
 *
 * Every check yields a finding — a whole sentence with the numbers, the families and their
 * supplies and, where something fails, the fix — and the verdict is the worst finding. The
 * checks (reference/logic-families.md §4): VOH >= VIH and VOL <= VIL at the load really
 * drawn; the drive rating against the sum of input currents and extra loads; the receiver's
 * input tolerance against the driver's highest output voltage. Two notes ride along: the
 * extra supply current of TTL-threshold CMOS inputs held at a weak high, and the quality
 * (unconfirmed, secondary, interpolated) of any number used. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "headroom-noise.h"
#include "margins-private.h"

/* Values are exact decimal data ("3.15V"), so a margin within a nanovolt of a threshold is
 * that threshold: 2.0 V - 2.0 V is 0, never -4e-16. */
#define MARGIN_EPS_V 1e-9
/* A CMOS input's PMOS starts to conduct once the input is more than about a threshold
 * voltage below VCC; datasheets give the worst ΔICC at VCC - 2.1 V. A high level 1 V or
 * more below the receiver's VCC is reported. */
#define DELTA_ICC_GAP_V 1.0
/* Input currents up to this are CMOS leakage: the DC fan-out is then in the thousands and
 * the input capacitance, not the DC load, limits a net. */
#define CMOS_LEAKAGE_A 10e-6

G_DEFINE_QUARK (hr-noise-error-quark, hr_noise_error)

G_DEFINE_BOXED_TYPE (HrMarginResult, hr_margin_result, hr_margin_result_ref,
                     hr_margin_result_unref)
G_DEFINE_BOXED_TYPE (HrNetResult, hr_net_result, hr_net_result_ref, hr_net_result_unref)
G_DEFINE_BOXED_TYPE (HrCheckResult, hr_check_result, hr_check_result_ref,
                     hr_check_result_unref)
G_DEFINE_BOXED_TYPE (HrMatrixResult, hr_matrix_result, hr_matrix_result_ref,
                     hr_matrix_result_unref)

const char *
hr_verdict_to_string (HrVerdict verdict)
{
  switch (verdict)
    {
    case HR_VERDICT_PASS: return "pass";
    case HR_VERDICT_MARGINAL: return "marginal";
    case HR_VERDICT_FAIL: return "fail";
    default: return "unknown";
    }
}

const char *
hr_finding_kind_to_string (HrFindingKind kind)
{
  switch (kind)
    {
    case HR_FINDING_LEVEL_HIGH: return "level-high";
    case HR_FINDING_LEVEL_LOW: return "level-low";
    case HR_FINDING_FANOUT_HIGH: return "fanout-high";
    case HR_FINDING_FANOUT_LOW: return "fanout-low";
    case HR_FINDING_OVERVOLTAGE: return "overvoltage";
    case HR_FINDING_DELTA_ICC: return "delta-icc";
    case HR_FINDING_DATA: return "data";
    default: return "unknown";
    }
}

void
hr_margin_options_init (HrMarginOptions *options)
{
  g_return_if_fail (options != NULL);
  options->temp_max_c = NAN;
  options->marginal_v = 0.1;
  options->extra_load_high_a = 0;
  options->extra_load_low_a = 0;
  options->model_dir = NULL;
}

static gboolean
options_valid (const HrMarginOptions *o, GError **error)
{
  const char *what = NULL;

  if (!(o->extra_load_high_a >= 0) || !isfinite (o->extra_load_high_a))
    what = "extra_load_high_a must be a finite current of 0 A or more";
  else if (!(o->extra_load_low_a >= 0) || !isfinite (o->extra_load_low_a))
    what = "extra_load_low_a must be a finite current of 0 A or more";
  else if (!(o->marginal_v >= 0) || !isfinite (o->marginal_v))
    what = "marginal_v must be a finite voltage of 0 V or more";
  else if (isinf (o->temp_max_c))
    what = "temp_max_c must be a temperature, or NAN for the default";
  if (what != NULL)
    g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID, "%s", what);
  return what == NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Findings and their words                                                                 */

static void
finding_free (HrFinding *f)
{
  g_free (f->text);
  g_free (f);
}

static void
add_finding (GPtrArray *findings, HrFindingKind kind, HrVerdict verdict, char *text)
{
  HrFinding *f = g_new0 (HrFinding, 1);

  f->kind = kind;
  f->verdict = verdict;
  f->text = text;   /* (transfer full) */
  g_ptr_array_add (findings, f);
}

static int
finding_cmp (gconstpointer a, gconstpointer b)
{
  const HrFinding *x = *(HrFinding *const *) a, *y = *(HrFinding *const *) b;

  return (int) y->verdict - (int) x->verdict;
}

/* Volts the way a datasheet writes them: "3.15 V", "-0.8 V", "0.1275 V". */
static char *
fmt_v (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s;
  gsize n;

  if (!isfinite (v))
    return g_strdup ("unknown");
  if (fabs (v) < 5e-5)
    v = 0;
  g_ascii_formatd (buf, sizeof buf, "%.4f", v);
  n = strlen (buf);
  while (n > 0 && buf[n - 1] == '0')
    buf[--n] = '\0';
  if (n > 0 && buf[n - 1] == '.')
    buf[--n] = '\0';
  s = g_strconcat (buf, " V", NULL);
  return s;
}

/* Amperes with a prefix and a space: "20 uA", "4 mA". */
static char *
fmt_a (double a)
{
  g_autofree char *s = hr_units_format (fabs (a), HR_UNIT_AMPERE, 3);
  const char *p = s;

  while (*p && (g_ascii_isdigit (*p) || *p == '.' || *p == '-'))
    p++;
  return g_strdup_printf ("%.*s %s", (int) (p - s), s, p);
}

/* "74HC at 5 V" */
static char *
describe (const HrLevels *l)
{
  g_autofree char *v = fmt_v (l->vcc_v);

  return g_strdup_printf ("%s at %s", l->family, v);
}

/* Where a receiver's thresholds come from, for the level findings: "74HC at 5 V", or
 * "74HC at 3.3 V, simulated" when its model gave them. */
static char *
describe_thresholds (const HrLevels *l)
{
  g_autofree char *d = describe (l);

  if (l->input_flags & HR_LEVEL_SIMULATED)
    return g_strconcat (d, ", simulated", NULL);
  return g_steal_pointer (&d);
}

/* A difference of decimal data rounded to the nanovolt: 2.7 - 3.5 is -0.8, not
 * -0.79999999999999982, in results and in JSON alike. */
static double
decimal_volts (double v)
{
  return round (v * 1e9) / 1e9;
}

static HrVerdict
margin_verdict (double margin_v, double marginal_v)
{
  if (!(margin_v >= -MARGIN_EPS_V))
    return HR_VERDICT_FAIL;
  if (margin_v < marginal_v - MARGIN_EPS_V)
    return HR_VERDICT_MARGINAL;
  return HR_VERDICT_PASS;
}

/* "Fix: A, B, or C." from a list of clauses. */
static char *
fix_sentence (GPtrArray *fixes)
{
  g_autoptr(GString) s = g_string_new (" Fix: ");

  for (guint i = 0; i < fixes->len; i++)
    g_string_append_printf (s, "%s%s", i == 0 ? "" : i + 1 == fixes->len ? ", or " : ", ",
                            (const char *) g_ptr_array_index (fixes, i));
  g_string_append_c (s, '.');
  return g_strdup (s->str);
}

/* ---------------------------------------------------------------------------------------- */
/* One driver into its receivers                                                            */

typedef struct {
  const HrLevels *drv, *rcv;
  guint fanout;              /* receivers on the net */
  double load_high_a;        /* everything the driver sources when high */
  double load_low_a;
  double other_high_a;       /* the part of it that is not inputs like rcv's (fan-out limit) */
  double other_low_a;
  char *load_what;           /* "11 inputs of 74LS", "the inputs of its 3 receivers" */
  const HrMarginOptions *opt;
  double temp_c;
  const HrSimulatedInput *sim;  /* nullable: rcv's thresholds are simulated (rcv = sim->levels) */
} Eval;

static HrMarginResult *
result_new (const Eval *e)
{
  HrMarginResult *r = g_new0 (HrMarginResult, 1);

  r->ref_count = 1;
  r->driver = hr_levels_ref ((HrLevels *) e->drv);
  r->receiver = hr_levels_ref ((HrLevels *) e->rcv);
  r->fanout = e->fanout;
  r->load_high_a = e->load_high_a;
  r->load_low_a = e->load_low_a;
  r->vih_v = e->rcv->vih_v;
  r->vil_v = e->rcv->vil_v;
  r->threshold_model = e->sim != NULL ? g_strdup (e->sim->model) : NULL;
  r->datasheet_vih_v = e->sim != NULL ? e->sim->datasheet_vih_v : e->rcv->vih_v;
  r->datasheet_vil_v = e->sim != NULL ? e->sim->datasheet_vil_v : e->rcv->vil_v;
  r->voh_v = r->vol_v = r->nmh_v = r->nml_v = NAN;
  r->voh_at_a = r->vol_at_a = NAN;
  r->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  return r;
}

HrMarginResult *
hr_margin_result_ref (HrMarginResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_int_inc (&result->ref_count);
  return result;
}

void
hr_margin_result_unref (HrMarginResult *result)
{
  if (result == NULL || !g_atomic_int_dec_and_test (&result->ref_count))
    return;
  hr_levels_unref (result->driver);
  hr_levels_unref (result->receiver);
  g_ptr_array_unref (result->findings);
  g_free (result->threshold_model);
  g_free (result);
}

/* The heaviest load at which the driver still has a guaranteed level (at the temperature),
 * within its rating: the DC drive it can be counted on for. */
static double
usable_drive (const HrLevels *drv, gboolean high, double temp_c)
{
  GArray *pts = high ? drv->voh : drv->vol;
  double heaviest = 0;

  for (guint i = 0; i < pts->len; i++)
    {
      const HrOutputPoint *p = &g_array_index (pts, HrOutputPoint, i);
      if (temp_c >= p->temp_min_c - 1e-9 && temp_c <= p->temp_max_c + 1e-9)
        heaviest = MAX (heaviest, fabs (p->current_a));
    }
  return MIN (heaviest, fabs (high ? drv->ioh_max_a : drv->iol_max_a));
}

static guint
inputs_within (double drive_a, double other_a, double per_input_a)
{
  double n;

  if (per_input_a <= 0)
    return G_MAXUINT;   /* no DC input current: DC drive sets no limit */
  n = floor ((drive_a - other_a) / per_input_a * (1 + 1e-9));
  return n <= 0 ? 0 : n >= (double) G_MAXUINT ? G_MAXUINT : (guint) n;
}

static char *
lighter_load_hint (const HrLevels *drv, gboolean high, double temp_c, double threshold_v,
                   double marginal_v)
{
  GArray *pts = high ? drv->voh : drv->vol;

  for (guint i = 0; i < pts->len; i++)
    {
      const HrOutputPoint *p = &g_array_index (pts, HrOutputPoint, i);
      double m = high ? p->voltage_v - threshold_v : threshold_v - p->voltage_v;

      if (temp_c >= p->temp_min_c - 1e-9 && temp_c <= p->temp_max_c + 1e-9 &&
          m >= marginal_v - MARGIN_EPS_V)
        {
          g_autofree char *a = fmt_a (p->current_a), *v = fmt_v (p->voltage_v);
          return g_strdup_printf ("reduce the load (at %s the guarantee is %s %s)", a,
                                  high ? "VOH" : "VOL", v);
        }
    }
  return NULL;
}

static void
level_high_fixes (const Eval *e, double voh_v, GPtrArray *fixes)
{
  const HrLevels *d = e->drv, *r = e->rcv;
  char *hint = lighter_load_hint (d, TRUE, e->temp_c, r->vih_v, e->opt->marginal_v);

  if (hint != NULL)
    g_ptr_array_add (fixes, hint);
  /* HCT/ACT/AHCT: 5 V CMOS with VIH 2.0 V, the classic answer to a low high level. */
  if (g_strcmp0 (r->kind, "cmos-ttl-inputs") != 0 && r->vcc_v >= 4.5 - 1e-9 &&
      r->vcc_v <= 5.5 + 1e-9 && voh_v >= 2.0 + e->opt->marginal_v - MARGIN_EPS_V)
    g_ptr_array_add (fixes, g_strdup ("use a receiver with TTL-level inputs (74HCT, 74ACT or "
                                      "74AHCT: VIH 2 V)"));
  if (g_strcmp0 (d->kind, "ttl") == 0)
    g_ptr_array_add (fixes, g_strdup ("add a pull-up resistor to the receiver's VCC"));
  if (d->vcc_v < r->vcc_v - 1e-9 || fixes->len == 0)
    g_ptr_array_add (fixes, g_strdup ("use a dual-supply level translator (e.g. 74LVC8T245 or "
                                      "an AVC-family part)"));
}

/* MARGIN_V against the threshold, in words: "is below", "barely clears", "clears". */
static char *
margin_tail (HrVerdict v, double marginal_v, GPtrArray *fixes)
{
  g_autofree char *mv = fmt_v (marginal_v), *fix = fixes->len ? fix_sentence (fixes) : NULL;

  if (v == HR_VERDICT_MARGINAL)
    return g_strdup_printf (", less than the %s asked for.%s", mv, fix ? fix : "");
  return g_strdup_printf (".%s", fix ? fix : "");
}

static void
finding_level_high (const Eval *e, HrMarginResult *r)
{
  g_autofree char *dd = describe (e->drv), *rd = describe_thresholds (e->rcv);
  g_autofree char *voh = fmt_v (r->voh_v), *vih = fmt_v (r->vih_v), *nm = fmt_v (r->nmh_v);
  g_autofree char *at = fmt_a (r->voh_at_a), *tail = NULL;
  g_autoptr(GPtrArray) fixes = g_ptr_array_new_with_free_func (g_free);
  HrVerdict v = margin_verdict (r->nmh_v, e->opt->marginal_v);

  if (v != HR_VERDICT_PASS)
    level_high_fixes (e, r->voh_v, fixes);
  tail = margin_tail (v, e->opt->marginal_v, fixes);
  add_finding (r->findings, HR_FINDING_LEVEL_HIGH, v, g_strdup_printf (
      "VOH %s (%s, guaranteed at %s) %s VIH %s (%s): NMH = %s%s", voh, dd, at,
      v == HR_VERDICT_FAIL ? "is below" : v == HR_VERDICT_MARGINAL ? "barely clears" : "clears",
      vih, rd, nm, tail));
}

static void
finding_level_low (const Eval *e, HrMarginResult *r)
{
  g_autofree char *dd = describe (e->drv), *rd = describe_thresholds (e->rcv);
  g_autofree char *vol = fmt_v (r->vol_v), *vil = fmt_v (r->vil_v), *nm = fmt_v (r->nml_v);
  g_autofree char *at = fmt_a (r->vol_at_a), *tail = NULL;
  g_autoptr(GPtrArray) fixes = g_ptr_array_new_with_free_func (g_free);
  HrVerdict v = margin_verdict (r->nml_v, e->opt->marginal_v);

  if (v != HR_VERDICT_PASS)
    {
      char *hint = lighter_load_hint (e->drv, FALSE, e->temp_c, r->vil_v, e->opt->marginal_v);

      if (hint != NULL)
        g_ptr_array_add (fixes, hint);
      g_ptr_array_add (fixes, g_strdup (hint ? "use a driver that sinks more current"
                                             : "use a level translator"));
    }
  tail = margin_tail (v, e->opt->marginal_v, fixes);
  add_finding (r->findings, HR_FINDING_LEVEL_LOW, v, g_strdup_printf (
      "VOL %s (%s, guaranteed at %s) %s VIL %s (%s): NML = %s%s", vol, dd, at,
      v == HR_VERDICT_FAIL ? "is above" : v == HR_VERDICT_MARGINAL ? "barely stays under"
                                                                   : "stays under",
      vil, rd, nm, tail));
}

static char *
fanout_limit_words (guint n)
{
  if (n == G_MAXUINT)
    return g_strdup ("no DC limit on the number of such inputs");
  return g_strdup_printf ("at most %u such input%s", n, n == 1 ? "" : "s");
}

/* IOH/IOL against the load; LEVEL_OK says whether a level is guaranteed at that load,
 * N_MAX how many inputs like the receiver's this side of the driver can take. */
static void
finding_fanout (const Eval *e, HrMarginResult *r, gboolean high, gboolean level_ok,
                guint n_max)
{
  g_autofree char *dd = describe (e->drv), *limit = fanout_limit_words (n_max);
  double load = high ? e->load_high_a : e->load_low_a;
  double rated = fabs (high ? e->drv->ioh_max_a : e->drv->iol_max_a);
  double usable = usable_drive (e->drv, high, e->temp_c);
  g_autofree char *la = fmt_a (load), *ra = fmt_a (rated), *ua = fmt_a (usable);
  const char *verb = high ? "source" : "sink", *sym = high ? "IOH" : "IOL";
  HrFindingKind kind = high ? HR_FINDING_FANOUT_HIGH : HR_FINDING_FANOUT_LOW;
  const char *fix = " Fix: fewer inputs on this output, a buffer with more drive (74AC/74ACT: "
                    "24 mA), or split the net.";

  if (load > rated * (1 + 1e-9))
    add_finding (r->findings, kind, HR_VERDICT_FAIL, g_strdup_printf (
        "%s must %s %s for %s, more than its rated %s of %s: %s.%s", dd, verb, la,
        e->load_what, sym, ra, limit, fix));
  else if (!level_ok)
    add_finding (r->findings, kind, HR_VERDICT_FAIL, g_strdup_printf (
        "%s must %s %s for %s, but its datasheet guarantees %s only up to %s at %g °C, so "
        "no %s and no %s is guaranteed: %s.%s", dd, verb, la, e->load_what,
        high ? "VOH" : "VOL", ua, e->temp_c, high ? "VOH" : "VOL", high ? "NMH" : "NML",
        limit, fix));
  else
    {
      gboolean leak = e->rcv->iih_a <= CMOS_LEAKAGE_A && -e->rcv->iil_a <= CMOS_LEAKAGE_A;
      add_finding (r->findings, kind, HR_VERDICT_PASS, g_strdup_printf (
          "%s %ss %s for %s, within its rated %s of %s: %s.%s", dd, verb, la, e->load_what,
          sym, ra, limit, high && leak ? " With CMOS inputs the DC load is not what limits "
          "a net: their capacitance limits its speed first (a later analysis)." : ""));
    }
}

static void
finding_overvoltage (const Eval *e, HrMarginResult *r)
{
  g_autofree char *dd = describe (e->drv), *rd = describe (e->rcv);
  g_autofree char *vo = fmt_v (e->drv->vout_max_v), *vi = fmt_v (e->rcv->vin_max_v);

  if (e->drv->vout_max_v <= e->rcv->vin_max_v + MARGIN_EPS_V)
    {
      add_finding (r->findings, HR_FINDING_OVERVOLTAGE, HR_VERDICT_PASS, g_strdup_printf (
          "%s drives at most %s; %s inputs tolerate up to %s.", dd, vo, rd, vi));
      return;
    }
  add_finding (r->findings, HR_FINDING_OVERVOLTAGE, HR_VERDICT_FAIL, g_strdup_printf (
      "%s drives its output up to %s, above the %s that %s inputs tolerate. Fix: use a "
      "receiver whose inputs tolerate %s%s, a level translator, or a series resistor into "
      "the input's clamp diode (within its clamp-current rating).", dd, vo, vi, rd, vo,
      e->drv->vout_max_v <= 5.5 + MARGIN_EPS_V ? " (such as 74LVC, whose inputs accept 5.5 V "
      "at any supply)" : ""));
}

static void
finding_delta_icc (const Eval *e, HrMarginResult *r)
{
  double gap = e->rcv->vcc_v - r->voh_v;
  g_autofree char *rd = describe (e->rcv), *voh = fmt_v (r->voh_v), *g = fmt_v (gap);
  g_autofree char *di = fmt_a (e->rcv->delta_icc_a);

  if (!(e->rcv->delta_icc_a > 0) || !isfinite (r->voh_v) || gap < DELTA_ICC_GAP_V - 1e-9)
    return;
  add_finding (r->findings, HR_FINDING_DELTA_ICC, HR_VERDICT_PASS, g_strdup_printf (
      "A high level of %s holds each %s input %s below its VCC, where it draws extra supply "
      "current (ΔICC) of up to %s per input. Not a failure; for many inputs, or low power, "
      "drive them from a CMOS output on the same supply.", voh, rd, g, di));
}

static void
data_item (GPtrArray *items, HrLevelFlags flags, const char *what, const HrLevels *l)
{
  g_autofree char *d = describe (l), *words = NULL;

  flags &= HR_LEVEL_UNCONFIRMED | HR_LEVEL_SECONDARY | HR_LEVEL_INTERPOLATED;
  if (flags == 0)
    return;
  words = hr_level_flags_to_string (flags);
  g_ptr_array_add (items, g_strdup_printf ("%s of %s (%s)", what, d, words));
}

static void
finding_data (const Eval *e, HrMarginResult *r, HrLevelFlags fh, HrLevelFlags fl)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) s = g_string_new ("Some numbers used are not primary datasheet values: ");
  g_autofree char *voh = fmt_v (r->voh_v), *vol = fmt_v (r->vol_v);
  g_autofree char *vh = g_strdup_printf ("VOH %s", voh), *vl = g_strdup_printf ("VOL %s", vol);
  HrLevelFlags all;

  data_item (items, fh, vh, e->drv);
  data_item (items, fl, vl, e->drv);
  data_item (items, e->rcv->input_flags, "VIH/VIL", e->rcv);
  data_item (items, e->rcv->current_flags, "the input currents", e->rcv);
  if (items->len == 0)
    return;
  all = fh | fl | e->rcv->input_flags | e->rcv->current_flags;
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (s, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (items, i));
  g_string_append (s, ".");
  if (all & HR_LEVEL_UNCONFIRMED)
    g_string_append (s, " Unconfirmed: widely quoted, not yet checked in the primary datasheet.");
  if (all & HR_LEVEL_SECONDARY)
    g_string_append (s, " Secondary: a standard's level as a vendor document reproduces it.");
  if (all & HR_LEVEL_INTERPOLATED)
    g_string_append (s, " Interpolated: between the datasheet's supply columns, as the "
                        "levels' note explains.");
  add_finding (r->findings, HR_FINDING_DATA, HR_VERDICT_PASS, g_strdup (s->str));
}

/* Simulated thresholds: both sets of numbers, so that a reader sees how far inside the
 * datasheet's guarantee this input switches; FAIL when the modelled gate does not restore
 * logic levels (its thresholds then mean nothing). */
static void
finding_simulated (const Eval *e, HrMarginResult *r)
{
  const HrSimulatedInput *sim = e->sim;
  g_autofree char *rd = describe (e->rcv), *vil = fmt_v (r->vil_v), *vih = fmt_v (r->vih_v);
  g_autofree char *dvil = fmt_v (sim->datasheet_vil_v), *dvih = fmt_v (sim->datasheet_vih_v);

  if (sim->not_restoring != NULL)
    {
      add_finding (r->findings, HR_FINDING_DATA, HR_VERDICT_FAIL, g_strdup_printf (
          "The %s input's model (%s) does not work as a logic input at %g °C: %s. Fix: check "
          "the model's numbers and the gate's sizes, or remove the model to use the "
          "datasheet's VIL %s and VIH %s.", rd, sim->model, sim->temp_c, sim->not_restoring,
          dvil, dvih));
      return;
    }
  add_finding (r->findings, HR_FINDING_DATA, HR_VERDICT_PASS, g_strdup_printf (
      "Thresholds simulated, not the datasheet's: VIL %s and VIH %s are the unity-gain points "
      "of the transfer curve of the %s input modelled as %s, at %g °C. Its datasheet "
      "guarantees VIL %s and VIH %s for every part over supply and temperature; these margins "
      "hold for this model only.", vil, vih, rd, sim->model, sim->temp_c, dvil, dvih));
}

static HrMarginResult *
evaluate (const Eval *e)
{
  HrMarginResult *r = result_new (e);
  HrLevelFlags fh = 0, fl = 0;
  gboolean ok_h, ok_l;
  guint n_high, n_low;

  ok_h = hr_levels_output_at_temp (e->drv, TRUE, e->load_high_a, e->temp_c, &r->voh_v,
                                   &r->voh_at_a, &fh, NULL);
  ok_l = hr_levels_output_at_temp (e->drv, FALSE, e->load_low_a, e->temp_c, &r->vol_v,
                                   &r->vol_at_a, &fl, NULL);
  if (ok_h)
    r->nmh_v = decimal_volts (r->voh_v - r->vih_v);
  if (ok_l)
    r->nml_v = decimal_volts (r->vil_v - r->vol_v);
  n_high = inputs_within (usable_drive (e->drv, TRUE, e->temp_c), e->other_high_a,
                          e->rcv->iih_a);
  n_low = inputs_within (usable_drive (e->drv, FALSE, e->temp_c), e->other_low_a,
                         -e->rcv->iil_a);
  r->fanout_max = MIN (n_high, n_low);
  /* Thresholds are unknown only when a receiver's model does not switch: its own finding
   * says so, and a level finding would only repeat "unknown". */
  if (ok_h && !isnan (r->vih_v))
    finding_level_high (e, r);
  if (ok_l && !isnan (r->vil_v))
    finding_level_low (e, r);
  finding_fanout (e, r, TRUE, ok_h, n_high);
  finding_fanout (e, r, FALSE, ok_l, n_low);
  finding_overvoltage (e, r);
  finding_delta_icc (e, r);
  finding_data (e, r, ok_h ? fh : 0, ok_l ? fl : 0);
  if (e->sim != NULL)
    finding_simulated (e, r);
  r->flags = fh | fl | e->rcv->input_flags | e->rcv->current_flags;
  g_ptr_array_sort (r->findings, finding_cmp);   /* stable: checks keep their order */
  for (guint i = 0; i < r->findings->len; i++)
    r->verdict = MAX (r->verdict, ((HrFinding *) g_ptr_array_index (r->findings, i))->verdict);
  return r;
}

static double
temp_for (const HrLevels *drv, const HrMarginOptions *o)
{
  return isnan (o->temp_max_c) ? drv->temp_max_default_c : o->temp_max_c;
}

HrMarginResult *
hr_margins_pair (const HrLevels *driver, const HrLevels *receiver, guint fanout,
                 const HrMarginOptions *options, GError **error)
{
  HrMarginOptions defaults;
  g_autofree char *what = NULL, *extra = NULL;
  HrMarginResult *r;
  Eval e;

  g_return_val_if_fail (driver != NULL && receiver != NULL, NULL);
  if (options == NULL)
    {
      hr_margin_options_init (&defaults);
      options = &defaults;
    }
  if (fanout == 0)
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "a fan-out of 0: a driver needs at least one receiver");
      return NULL;
    }
  if (!options_valid (options, error))
    return NULL;
  if (options->extra_load_high_a > 0 || options->extra_load_low_a > 0)
    extra = g_strdup (" plus the extra load");
  what = g_strdup_printf ("%u input%s of %s%s", fanout, fanout == 1 ? "" : "s",
                          receiver->family, extra ? extra : "");
  e = (Eval) { driver, receiver, fanout,
               fanout * receiver->iih_a + options->extra_load_high_a,
               fanout * -receiver->iil_a + options->extra_load_low_a,
               options->extra_load_high_a, options->extra_load_low_a, what, options,
               temp_for (driver, options), NULL };
  r = evaluate (&e);
  return r;
}

/* ---------------------------------------------------------------------------------------- */
/* A whole circuit                                                                          */

static HrNetResult *
net_result_new (const char *name)
{
  HrNetResult *n = g_new0 (HrNetResult, 1);

  n->ref_count = 1;
  n->net = g_strdup (name);
  n->receivers = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_margin_result_unref);
  n->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  return n;
}

HrNetResult *
hr_net_result_ref (HrNetResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_int_inc (&result->ref_count);
  return result;
}

void
hr_net_result_unref (HrNetResult *result)
{
  if (result == NULL || !g_atomic_int_dec_and_test (&result->ref_count))
    return;
  g_free (result->net);
  g_ptr_array_unref (result->receivers);
  g_ptr_array_unref (result->findings);
  g_free (result);
}

HrCheckResult *
hr_check_result_ref (HrCheckResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_int_inc (&result->ref_count);
  return result;
}

void
hr_check_result_unref (HrCheckResult *result)
{
  if (result == NULL || !g_atomic_int_dec_and_test (&result->ref_count))
    return;
  g_free (result->circuit);
  g_ptr_array_unref (result->nets);
  g_free (result);
}

static HrLevels *
pin_levels (const HrPin *pin, HrFamilyLibrary *lib, GError **error)
{
  HrFamily *f = hr_family_library_lookup (lib, pin->family, error);

  return f ? hr_family_levels_at (f, pin->vcc_v, error) : NULL;
}

/* NAN (a level that is not guaranteed) is worse than any number. */
static double
worse_margin (double a, double b)
{
  return isnan (a) || isnan (b) ? NAN : MIN (a, b);
}

static char *
pin_label (const HrPin *pin, const char *role, guint index)
{
  if (pin->part != NULL && *pin->part)
    return g_strdup (pin->part);
  return index == G_MAXUINT ? g_strdup (role) : g_strdup_printf ("%s %u", role, index + 1);
}

/* The net's findings: every receiver's, each prefixed with the pin it concerns; the
 * driver's fan-out findings once; passing fan-out and over-voltage checks left out (they
 * stay in each receiver's result) so that a net reads as its margins and its problems. */
static void
collect_net_findings (HrNetResult *n, const HrNet *net)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint j = 0; j < n->receivers->len; j++)
    {
      const HrMarginResult *r = g_ptr_array_index (n->receivers, j);
      const HrPin *pin = &g_array_index (net->receivers, HrPin, j);

      for (guint k = 0; k < r->findings->len; k++)
        {
          const HrFinding *f = g_ptr_array_index (r->findings, k);
          gboolean driver_side = f->kind == HR_FINDING_FANOUT_HIGH ||
                                 f->kind == HR_FINDING_FANOUT_LOW;
          g_autofree char *label = driver_side ? pin_label (&net->driver, "driver", G_MAXUINT)
                                               : pin_label (pin, "receiver", j);
          char *text;

          if (f->verdict == HR_VERDICT_PASS &&
              (driver_side || f->kind == HR_FINDING_OVERVOLTAGE))
            continue;
          text = g_strdup_printf ("%s: %s", label, f->text);
          if (!g_hash_table_add (seen, g_strdup (text)))
            {
              g_free (text);
              continue;
            }
          add_finding (n->findings, f->kind, f->verdict, text);
        }
    }
  g_ptr_array_sort (n->findings, finding_cmp);
}

/* What a whole-circuit check runs with besides the library. */
typedef struct {
  HrEngine *engine;          /* nullable */
  const HrMarginOptions *o;
  GCancellable *cancellable;
} Check;

/* "receivers[1] (U3)": where a receiver is, in the file's terms and the drawing's. */
static char *
receiver_where (const HrPin *pin, guint index)
{
  if (pin->part != NULL && *pin->part)
    return g_strdup_printf ("receivers[%u] (%s)", index, pin->part);
  return g_strdup_printf ("receivers[%u]", index);
}

/* The levels each receiver of NET is judged by, into RCV: its datasheet's, or, for one with a
 * model, the simulated ones (SIMS[j] then holds the simulation, else it is zeroed). */
static gboolean
receiver_levels (const HrNet *net, HrFamilyLibrary *lib, const Check *c, GPtrArray *rcv,
                 GArray *sims, GError **error)
{
  for (guint j = 0; j < net->receivers->len; j++)
    {
      const HrPin *pin = &g_array_index (net->receivers, HrPin, j);
      g_autoptr(HrLevels) l = pin_levels (pin, lib, error);
      HrSimulatedInput sim = { 0 };

      if (l == NULL)
        {
          g_prefix_error (error, "receivers[%u]: ", j);
          return FALSE;
        }
      if (pin->model != NULL
          && !hr_simulated_input_run (pin, l, c->engine, c->o->model_dir, c->cancellable,
                                      &sim, error))
        {
          g_autofree char *where = receiver_where (pin, j);

          g_prefix_error (error, "%s: model: ", where);
          return FALSE;
        }
      g_array_append_val (sims, sim);
      g_ptr_array_add (rcv, hr_levels_ref (sim.levels != NULL ? sim.levels : l));
    }
  return TRUE;
}

static HrNetResult *
check_net (const HrNet *net, HrFamilyLibrary *lib, const Check *c, GError **error)
{
  const HrMarginOptions *o = c->o;
  g_autoptr(HrLevels) drv = pin_levels (&net->driver, lib, error);
  g_autoptr(GPtrArray) rcv = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_levels_unref);
  g_autoptr(GArray) sims = g_array_new (FALSE, TRUE, sizeof (HrSimulatedInput));
  g_autoptr(HrNetResult) n = NULL;
  g_autofree char *what = NULL;
  /* load_a is signed (headroom-circuits.h): positive flows into the output and loads it
   * only when low (a pull-up), negative flows out and loads it only when high. */
  double high = MAX (-net->driver.load_a, 0.0) + o->extra_load_high_a;
  double low = MAX (net->driver.load_a, 0.0) + o->extra_load_low_a;

  g_array_set_clear_func (sims, (GDestroyNotify) hr_simulated_input_clear);
  if (drv == NULL)
    {
      g_prefix_error (error, "driver: ");
      return NULL;
    }
  if (!receiver_levels (net, lib, c, rcv, sims, error))
    return NULL;
  for (guint j = 0; j < rcv->len; j++)
    {
      const HrLevels *l = g_ptr_array_index (rcv, j);

      high += l->iih_a;
      low += -l->iil_a;
    }
  what = g_strdup_printf ("the input%s of its %u receiver%s%s", rcv->len == 1 ? "" : "s",
                          rcv->len, rcv->len == 1 ? "" : "s",
                          net->driver.load_a > 0 || o->extra_load_high_a > 0 ||
                          o->extra_load_low_a > 0 ? " plus the extra load" : "");
  n = net_result_new (net->name);
  n->verdict = HR_VERDICT_PASS;
  n->nmh_v = n->nml_v = INFINITY;
  for (guint j = 0; j < rcv->len; j++)
    {
      const HrSimulatedInput *sim = &g_array_index (sims, HrSimulatedInput, j);
      Eval e = { drv, g_ptr_array_index (rcv, j), rcv->len, high, low,
                 net->driver.load_a + o->extra_load_high_a,
                 net->driver.load_a + o->extra_load_low_a, what, o, temp_for (drv, o),
                 sim->levels != NULL ? sim : NULL };
      HrMarginResult *r = evaluate (&e);

      g_ptr_array_add (n->receivers, r);
      n->nmh_v = worse_margin (n->nmh_v, r->nmh_v);
      n->nml_v = worse_margin (n->nml_v, r->nml_v);
      n->verdict = MAX (n->verdict, r->verdict);
    }
  n->worst_margin_v = worse_margin (n->nmh_v, n->nml_v);
  collect_net_findings (n, net);
  return g_steal_pointer (&n);
}

/* Worst first: failing, then marginal, then passing nets; in each group the smallest margin
 * first (an unknown margin before any number); then by name, so the order is stable. */
static int
net_cmp (gconstpointer a, gconstpointer b)
{
  const HrNetResult *x = *(HrNetResult *const *) a, *y = *(HrNetResult *const *) b;

  if (x->verdict != y->verdict)
    return (int) y->verdict - (int) x->verdict;
  if (isnan (x->worst_margin_v) != isnan (y->worst_margin_v))
    return isnan (x->worst_margin_v) ? -1 : 1;
  if (x->worst_margin_v != y->worst_margin_v && !isnan (x->worst_margin_v))
    return x->worst_margin_v < y->worst_margin_v ? -1 : 1;
  return g_strcmp0 (x->net, y->net);
}

/* Before any simulation: every modelled receiver needs ENGINE. */
static gboolean
engine_for_models (const HrCircuit *circuit, HrEngine *engine, GError **error)
{
  for (guint i = 0; engine == NULL && i < hr_circuit_get_n_nets (circuit); i++)
    {
      const HrNet *net = hr_circuit_get_net (circuit, i);

      for (guint j = 0; j < net->receivers->len; j++)
        {
          const HrPin *pin = &g_array_index (net->receivers, HrPin, j);
          g_autofree char *where = NULL;

          if (pin->model == NULL)
            continue;
          where = receiver_where (pin, j);
          g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                       "net \"%s\": %s: has a transistor-level model (%s, %s), whose "
                       "thresholds must be simulated, and no simulation engine was given; "
                       "pass one to hr_margins_check_circuit_with_engine()",
                       net->name, where, pin->model->gate, pin->model->model);
          return FALSE;
        }
    }
  return TRUE;
}

HrCheckResult *
hr_margins_check_circuit (const HrCircuit *circuit, HrFamilyLibrary *lib,
                          const HrMarginOptions *options, GError **error)
{
  return hr_margins_check_circuit_with_engine (circuit, lib, NULL, options, NULL, error);
}

HrCheckResult *
hr_margins_check_circuit_with_engine (const HrCircuit *circuit, HrFamilyLibrary *lib,
                                      HrEngine *engine, const HrMarginOptions *options,
                                      GCancellable *cancellable, GError **error)
{
  g_autoptr(HrCheckResult) c = NULL;
  HrMarginOptions defaults;
  Check check = { engine, options, cancellable };

  g_return_val_if_fail (circuit != NULL && lib != NULL, NULL);
  g_return_val_if_fail (engine == NULL || HR_IS_ENGINE (engine), NULL);
  if (options == NULL)
    {
      hr_margin_options_init (&defaults);
      check.o = options = &defaults;
    }
  if (!options_valid (options, error) || !engine_for_models (circuit, engine, error))
    return NULL;
  c = g_new0 (HrCheckResult, 1);
  c->ref_count = 1;
  c->circuit = g_strdup (hr_circuit_get_name (circuit));
  c->nets = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_net_result_unref);
  for (guint i = 0; i < hr_circuit_get_n_nets (circuit); i++)
    {
      const HrNet *net = hr_circuit_get_net (circuit, i);
      HrNetResult *n = check_net (net, lib, &check, error);

      if (n == NULL)
        {
          g_prefix_error (error, "net \"%s\": ", net->name);
          return NULL;
        }
      g_ptr_array_add (c->nets, n);
      c->verdict = MAX (c->verdict, n->verdict);
      c->n_pass += n->verdict == HR_VERDICT_PASS;
      c->n_marginal += n->verdict == HR_VERDICT_MARGINAL;
      c->n_fail += n->verdict == HR_VERDICT_FAIL;
    }
  g_ptr_array_sort (c->nets, net_cmp);
  return g_steal_pointer (&c);
}

/* ---------------------------------------------------------------------------------------- */
/* The compatibility matrix                                                                 */

HrMatrixResult *
hr_matrix_result_ref (HrMatrixResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_atomic_int_inc (&result->ref_count);
  return result;
}

void
hr_matrix_result_unref (HrMatrixResult *result)
{
  if (result == NULL || !g_atomic_int_dec_and_test (&result->ref_count))
    return;
  g_ptr_array_unref (result->families);
  g_ptr_array_unref (result->vccs);
  g_ptr_array_unref (result->cells);
  g_free (result);
}

HrMarginResult *
hr_matrix_result_get (const HrMatrixResult *m, guint row, guint col)
{
  guint n;

  g_return_val_if_fail (m != NULL, NULL);
  n = m->families->len;
  g_return_val_if_fail (row < n && col < n, NULL);
  return g_ptr_array_index (m->cells, row * n + col);
}

/* Each family at VCC_V (or at its nominal supply); families with no levels there are left
 * out of the matrix. */
static GPtrArray *
matrix_levels (HrFamilyLibrary *lib, double vcc_v)
{
  GPtrArray *families = hr_family_library_get_families (lib);
  GPtrArray *levels = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_levels_unref);

  for (guint i = 0; i < families->len; i++)
    {
      const HrFamily *f = g_ptr_array_index (families, i);
      HrLevels *l = hr_family_levels_at (f, isnan (vcc_v) ? hr_family_get_vcc_nominal (f)
                                                          : vcc_v, NULL);
      if (l != NULL)
        g_ptr_array_add (levels, l);
    }
  return levels;
}

HrMatrixResult *
hr_margins_matrix (HrFamilyLibrary *lib, double vcc_v, const HrMarginOptions *options,
                   GError **error)
{
  g_autoptr(GPtrArray) levels = NULL;
  HrMatrixResult *m;
  HrMarginOptions defaults;

  g_return_val_if_fail (lib != NULL, NULL);
  if (options == NULL)
    {
      hr_margin_options_init (&defaults);
      options = &defaults;
    }
  if (!options_valid (options, error))
    return NULL;
  if (!isnan (vcc_v) && !(vcc_v > 0 && isfinite (vcc_v)))
    {
      g_set_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID,
                   "the matrix supply must be a positive voltage, or NAN for each family's "
                   "nominal supply, not %g V", vcc_v);
      return NULL;
    }
  levels = matrix_levels (lib, vcc_v);
  m = g_new0 (HrMatrixResult, 1);
  m->ref_count = 1;
  m->vcc_v = vcc_v;
  m->families = g_ptr_array_new_with_free_func (g_free);
  m->vccs = g_ptr_array_new_with_free_func (g_free);
  m->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_margin_result_unref);
  for (guint i = 0; i < levels->len; i++)
    {
      const HrLevels *l = g_ptr_array_index (levels, i);
      g_ptr_array_add (m->families, g_strdup (l->family));
      g_ptr_array_add (m->vccs, g_memdup2 (&l->vcc_v, sizeof (double)));
    }
  for (guint r = 0; r < levels->len; r++)
    for (guint c = 0; c < levels->len; c++)
      g_ptr_array_add (m->cells, hr_margins_pair (g_ptr_array_index (levels, r),
                                                  g_ptr_array_index (levels, c), 1, options,
                                                  NULL));
  return m;
}
