/* test-gates.c — transistor-level gates simulated by the real ngspice (noise/hr-gates.h).
 *
 * Every expected number has a source outside the code under test:
 *
 *  - Closed forms of the long-channel square-law inverter (no λ, no body effect), which
 *    ngspice's level-1 MOSFET is exactly when LAMBDA = GAMMA = 0 and W = L (β = KP):
 *    VM = (VTn + r(VDD − |VTp|))/(1 + r), r = √(kp/kn) (Rabaey, Digital Integrated Circuits
 *    2e); VIL = VTn + V*·(2√(kR/(kR+3)) − 1)/(kR − 1) and VIH = VTn + V*·(2kR/√(1+3kR) − 1)/
 *    (kR − 1) with kR = kn/kp, V* = VDD − VTn − |VTp|, tending to VTn + (3/8)V* and VTn + (5/8)V*
 *    as kR → 1 (Sedra & Smith's symmetric forms). Validation cases A–E and their numeric
 *    (Vin, Vout) unity-gain points are the project reference's table (noise-and-si.md §1.3,
 *    case C from a published homework problem); the closed forms are recomputed here and
 *    checked against the table first.
 *  - The same forms for NAND2/NOR2 with both inputs tied: two equal square-law transistors in
 *    series with one gate voltage and no body effect conduct exactly like one of half the
 *    W/L (ID = (β/2)[(VGS − VT)² − (VGD − VT)²], each overdrive clipped at 0, adds up along
 *    the stack), and two in parallel like one of twice the W/L.
 *  - SRAM hold SNM of a symmetric square-law cell: (VDD + 2VT)/4 (reference §1.4, corners of
 *    the largest square at the −1 points); read SNMs 0.297/0.339/0.367/0.405 V at 1.8 V,
 *    VT 0.45 V, kn/ka = 1, 1.5, 2, 3, kp = ka, access NMOS saturated from a bit line at VDD
 *    (reference §1.4 [computed] by a grid search, ±2 mV).
 *  - Schmitt trigger: Filanovsky & Baltes (IEEE TCAS-I 41(1), 1994): the output cannot fall
 *    before the upper series NMOS conducts, which happens at VT+ with
 *    β1/β3 = ((VDD − VT+)/(VT+ − VTn))², a lower bound of the switching point; its PMOS
 *    mirror bounds VT− from above.
 *  - A loaded output: the level-1 linear-region current equation solved by hand.
 *  - The 5 V BSIM3 card: MOSIS's measured inverter thresholds of the run its card was
 *    fitted to (AMI C5, T36S: Vinv 2.05/2.30/2.48 V at K = 1, 1.5, 2; gain -19.83 at K = 2).
 *
 * All runs use the ngspice worker pool with 2 workers and 1 mV steps (the default: each
 * level-1 run is ~20-40 ms). Errors achieved are printed with g_test_message (--verbose).
 */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "hr-gates.h"

static HrEngine *shared_engine;

static HrEngine *
engine (void)
{
  if (shared_engine == NULL)
    {
      g_autoptr(GError) error = NULL;
      shared_engine = hr_engine_ngspice_new (2, &error);
      g_assert_no_error (error);
    }
  return shared_engine;
}

static void
assert_within (const char *what, double got, double want, double tol)
{
  g_test_message ("%s: got %.6f, want %.6f, error %.3f mV (tolerance %.3f mV)", what, got,
                  want, (got - want) * 1e3, tol * 1e3);
  if (!(fabs (got - want) <= tol))
    g_error ("%s: got %.6f V, want %.6f V (tolerance %.4f V)", what, got, want, tol);
}

/* ---------------------------------------------------------------------------------------- */
/* Closed forms                                                                             */

typedef struct {
  const char *name;
  double vdd, vtn, vtp, kn, kp;
  /* The reference's table: VM, VIL, VIH and the numeric unity-gain outputs. */
  double vm, vil, vih, voh_at_vil, vol_at_vih;
} InverterCase;

/* Reference noise-and-si.md §1.3, cases A–E; k = 100 µA/V² where the table says k. */
static const InverterCase cases[] = {
  { "A", 5.0, 1.0, -1.0, 100e-6, 100e-6, 2.5000, 2.1250, 2.8750, 4.6250, 0.3748 },
  { "B", 2.5, 0.5, -0.5, 100e-6, 100e-6, 1.2500, 1.0625, 1.4375, 2.3125, 0.1874 },
  { "C", 3.3, 0.6, -0.6, 100e-6, 50e-6, 1.4698, 1.1563, 1.6749, 3.0845, 0.2812 },
  { "D", 3.3, 0.7, -0.8, 200e-6, 80e-6, 1.3974, 1.1181, 1.5580, 3.1315, 0.2405 },
  { "E", 1.8, 0.45, -0.45, 200e-6, 100e-6, 0.8228, 0.6884, 0.9107, 1.7075, 0.1205 },
};

static void
closed_form (double vdd, double vtn, double vtp, double kn, double kp, double *vm,
             double *vil, double *vih)
{
  double r = sqrt (kp / kn), kr = kn / kp, vstar = vdd - vtn - fabs (vtp);

  *vm = (vtn + r * (vdd - fabs (vtp))) / (1 + r);
  if (fabs (kr - 1) < 1e-9)
    {
      *vil = vtn + 3 * vstar / 8;
      *vih = vtn + 5 * vstar / 8;
      return;
    }
  *vil = vtn + vstar * (2 * sqrt (kr / (kr + 3)) - 1) / (kr - 1);
  *vih = vtn + vstar * (2 * kr / sqrt (1 + 3 * kr) - 1) / (kr - 1);
}

static HrGateVtc *
simulate (HrGateSpec *spec)
{
  g_autoptr(GError) error = NULL;
  HrGateVtc *r = hr_gate_vtc_simulate (engine (), spec, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

/* A level-1 gate with W = L = 1 µm, so β = KP = the case's k. */
static HrGateSpec *
level1_spec (HrCmosGate gate, double vdd, double vtn, double vtp, double kn, double kp)
{
  g_autoptr(HrMosModel) m = hr_mos_model_new_level1 (vtn, vtp, kn, kp);
  HrGateSpec *s = hr_gate_spec_new (gate, m, vdd);
  s->wn_m = s->ln_m = s->wp_m = s->lp_m = 1e-6;
  return s;
}

/* ---------------------------------------------------------------------------------------- */
/* Inverter, NAND2, NOR2 against closed forms                                               */

static void
test_closed_form_table (void)
{
  /* My transcription of the formulas against the reference's 4-decimal table. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const InverterCase *c = &cases[i];
      double vm, vil, vih;
      closed_form (c->vdd, c->vtn, c->vtp, c->kn, c->kp, &vm, &vil, &vih);
      g_assert_cmpfloat_with_epsilon (vm, c->vm, 6e-5);
      g_assert_cmpfloat_with_epsilon (vil, c->vil, 6e-5);
      g_assert_cmpfloat_with_epsilon (vih, c->vih, 6e-5);
    }
}

static void
test_inverter_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const InverterCase *c = &cases[i];
      g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn,
                                             c->kp);
      g_autoptr(HrGateVtc) r = simulate (s);
      const HrVtcMargins *m = r->margins;
      double vm, vil, vih;
      g_autofree char *what = NULL;

      closed_form (c->vdd, c->vtn, c->vtp, c->kn, c->kp, &vm, &vil, &vih);
      g_test_message ("case %s", c->name);
      assert_within ("VM", m->vm_v, vm, 1e-3);
      assert_within ("VIL", m->vil_v, vil, 1e-3);
      assert_within ("VIH", m->vih_v, vih, 1e-3);
      /* The reference's numeric −1 points, a 0.17 mV grid: one step plus our 1 mV. */
      assert_within ("VOH at VIL", m->voh_v, c->voh_at_vil, 1.2e-3);
      assert_within ("VOL at VIH", m->vol_v, c->vol_at_vih, 1.2e-3);
      /* Unloaded level-1 rails are exactly 0 and VDD: NML = VIL, NMH = VDD − VIH. */
      assert_within ("NML (rails)", m->nml_rail_v, vil, 1e-3);
      assert_within ("NMH (rails)", m->nmh_rail_v, c->vdd - vih, 1e-3);
      g_assert_true (r->restores);
      g_assert_cmpint (m->flags, ==, HR_VTC_FLAG_NONE);
      g_assert_nonnull (strstr (m->criteria_note, "because"));
    }
}

/* The refinement, not the default step, carries the accuracy: case D at 10 mV steps. */
static void
test_coarse_step (void)
{
  const InverterCase *c = &cases[3];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(HrGateVtc) r = NULL;
  double vm, vil, vih;

  s->step_v = 10e-3;
  r = simulate (s);
  closed_form (c->vdd, c->vtn, c->vtp, c->kn, c->kp, &vm, &vil, &vih);
  assert_within ("VM, 10 mV steps", r->margins->vm_v, vm, 1e-3);
  assert_within ("VIL, 10 mV steps", r->margins->vil_v, vil, 1e-3);
  assert_within ("VIH, 10 mV steps", r->margins->vih_v, vih, 1e-3);
}

/* Case C with both inputs tied: NAND2 = NMOS kn/2 against PMOS 2kp, NOR2 the reverse. */
static void
test_nand_nor_tied (void)
{
  const InverterCase *c = &cases[2];
  struct { HrCmosGate gate; double kn, kp; } g[] = {
    { HR_CMOS_NAND2, c->kn / 2, 2 * c->kp },
    { HR_CMOS_NOR2, 2 * c->kn, c->kp / 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (g); i++)
    {
      g_autoptr(HrGateSpec) s = level1_spec (g[i].gate, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
      g_autoptr(HrGateVtc) r = NULL;
      double vm, vil, vih;

      s->input = HR_GATE_INPUT_BOTH;
      r = simulate (s);
      closed_form (c->vdd, c->vtn, c->vtp, g[i].kn, g[i].kp, &vm, &vil, &vih);
      g_test_message ("%s, inputs tied", hr_cmos_gate_to_string (g[i].gate));
      assert_within ("VM", r->margins->vm_v, vm, 1e-3);
      assert_within ("VIL", r->margins->vil_v, vil, 1e-3);
      assert_within ("VIH", r->margins->vih_v, vih, 1e-3);
    }
}

/* One input switching: the other PMOS (NAND) is off, so the pull-up is weaker than with
 * both inputs moving and VM lies lower; for NOR the pull-down is, and VM lies higher. */
static void
test_nand_nor_single_input (void)
{
  const InverterCase *c = &cases[2];
  HrCmosGate gates[] = { HR_CMOS_NAND2, HR_CMOS_NOR2 };

  for (guint i = 0; i < G_N_ELEMENTS (gates); i++)
    {
      double vm[3];
      for (HrGateInput in = HR_GATE_INPUT_A; in <= HR_GATE_INPUT_BOTH; in++)
        {
          g_autoptr(HrGateSpec) s = level1_spec (gates[i], c->vdd, c->vtn, c->vtp, c->kn,
                                                 c->kp);
          g_autoptr(HrGateVtc) r = NULL;
          s->input = in;
          r = simulate (s);
          g_assert_true (r->restores);
          vm[in] = r->margins->vm_v;
        }
      g_test_message ("%s: VM a %.4f, b %.4f, both %.4f", hr_cmos_gate_to_string (gates[i]),
                      vm[0], vm[1], vm[2]);
      if (gates[i] == HR_CMOS_NAND2)
        g_assert_true (vm[2] > vm[0] && vm[2] > vm[1]);
      else
        g_assert_true (vm[2] < vm[0] && vm[2] < vm[1]);
    }
}

/* Two equal inverters: the buffer's curve passes through (VM, VM) of one inverter. */
static void
test_buffer (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_BUFFER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(HrGateVtc) r = simulate (s);
  double vm, vil, vih;

  closed_form (c->vdd, c->vtn, c->vtp, c->kn, c->kp, &vm, &vil, &vih);
  g_assert_false (r->margins->inverting);
  g_assert_true (r->margins->flags & HR_VTC_FLAG_NON_INVERTING);
  assert_within ("buffer VM", r->margins->vm_v, vm, 1e-3);
  /* Its gain is the product of two: the transition is narrower than one inverter's. */
  g_assert_cmpfloat (r->margins->vil_v, >, vil);
  g_assert_cmpfloat (r->margins->vih_v, <, vih);
  g_assert_true (r->restores);
}

/* ---------------------------------------------------------------------------------------- */
/* Schmitt trigger                                                                          */

static void
test_schmitt (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_SCHMITT, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(HrGateVtc) r = NULL;
  double plus_bound, minus_bound, vm, vil, vih;


  /* Feedback transistors as large as the stack: β1/β3 = 1 and β4/β6 = 1. */
  r = simulate (s);
  plus_bound = (c->vdd + c->vtn) / 2;
  minus_bound = (c->vdd - fabs (c->vtp)) / 2;
  closed_form (c->vdd, c->vtn, c->vtp, c->kn, c->kp, &vm, &vil, &vih);
  g_test_message ("VT+ %.4f (bound >= %.4f), VT- %.4f (bound <= %.4f), hysteresis %.4f",
                  r->vt_plus_v, plus_bound, r->vt_minus_v, minus_bound, r->hysteresis_v);
  g_assert_nonnull (r->vtc_falling);
  g_assert_cmpfloat (r->vt_plus_v, >=, plus_bound - s->step_v);
  g_assert_cmpfloat (r->vt_minus_v, <=, minus_bound + s->step_v);
  g_assert_cmpfloat (r->vt_minus_v, <, vm);
  g_assert_cmpfloat (r->vt_plus_v, >, vm);
  g_assert_cmpfloat_with_epsilon (r->hysteresis_v, r->vt_plus_v - r->vt_minus_v, 1e-12);
  /* Hysteresis is what the Schmitt input is for: both margins beat the inverter's. */
  g_assert_cmpfloat (r->nml_v, >, c->vil - c->vol_at_vih);
  g_assert_cmpfloat (r->nmh_v, >, c->voh_at_vil - c->vih);
  g_assert_true (r->restores);
}

/* ---------------------------------------------------------------------------------------- */
/* SRAM                                                                                     */

static HrSramSnm *
sram (double vdd, double vt, double kn, double kp, double ka, gboolean read)
{
  g_autoptr(HrMosModel) m = hr_mos_model_new_level1 (vt, -vt, kn, kp);
  g_autoptr(HrSramSpec) s = hr_sram_spec_new (m, vdd);
  g_autoptr(GError) error = NULL;
  HrSramSnm *r;

  /* β = KP·W/L: driver and load at W = L, the access device's W scaled to give ka. */
  s->wn_m = s->ln_m = s->wp_m = s->lp_m = s->la_m = 1e-6;
  s->wa_m = 1e-6 * ka / kn;
  s->read = read;
  r = hr_sram_butterfly_simulate (engine (), s, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return r;
}

static void
test_sram_hold (void)
{
  const struct { double vdd, vt; } c[] = { { 2.5, 0.5 }, { 5.0, 1.0 }, { 1.8, 0.45 } };

  for (guint i = 0; i < G_N_ELEMENTS (c); i++)
    {
      g_autoptr(HrSramSnm) r = sram (c[i].vdd, c[i].vt, 100e-6, 100e-6, 100e-6, FALSE);
      g_test_message ("hold, VDD %.1f V, VT %.2f V", c[i].vdd, c[i].vt);
      assert_within ("hold SNM", r->snm->snm_v, (c[i].vdd + 2 * c[i].vt) / 4, 2e-3);
      g_assert_true (r->snm->bistable);
      /* A symmetric cell has two equal lobes. */
      g_assert_cmpfloat_with_epsilon (r->snm->upper_left.side_v, r->snm->lower_right.side_v,
                                      1e-4);
    }
}

static void
test_sram_read (void)
{
  /* Reference §1.4: 1.8 V, VT 0.45 V, kp = ka, grid search ±2 mV; our curve adds < 1 mV,
   * so 3 mV. */
  const double ratio[] = { 1, 1.5, 2, 3 };
  const double want[] = { 0.297, 0.339, 0.367, 0.405 };
  const double k = 100e-6;
  g_autoptr(HrSramSnm) hold = sram (1.8, 0.45, 2 * k, k, k, FALSE);
  double last = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ratio); i++)
    {
      g_autoptr(HrSramSnm) r = sram (1.8, 0.45, ratio[i] * k, k, k, TRUE);
      g_test_message ("read, cell ratio %.1f", ratio[i]);
      g_assert_cmpfloat_with_epsilon (r->cell_ratio, ratio[i], 1e-12);
      assert_within ("read SNM", r->snm->snm_v, want[i], 3e-3);
      g_assert_cmpfloat (r->snm->snm_v, >, last);
      if (ratio[i] == 2)
        g_assert_cmpfloat (r->snm->snm_v, <, hold->snm->snm_v);
      last = r->snm->snm_v;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Loading                                                                                  */

/* Case C's inverter with 20 µA drawn from (or pushed into) the output. At the rail the
 * conducting device is linear with VGS = VDD: I = k[(VDD − VT)·V − V²/2], so the drop is
 * V = (VDD − VT) − √((VDD − VT)² − 2I/k). */
static void
test_load (void)
{
  const InverterCase *c = &cases[2];
  const double i_load = 20e-6;
  double ov = c->vdd - c->vtn;
  double drop_p = ov - sqrt (ov * ov - 2 * i_load / c->kp);
  double drop_n = ov - sqrt (ov * ov - 2 * i_load / c->kn);
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(HrGateVtc) sourced = NULL, sunk = NULL;

  s->load_a = -i_load;        /* out of the output: the gate sources it when high */
  sourced = simulate (s);
  assert_within ("VOH rail, 20 uA sourced", sourced->margins->voh_rail_v, c->vdd - drop_p,
                 1e-3);
  /* The load stops at ground instead of dragging the low output below it. */
  g_assert_cmpfloat (sourced->margins->vol_rail_v, >, -0.01);
  g_assert_cmpfloat (sourced->margins->vol_rail_v, <, 1e-3);

  s->load_a = i_load;         /* into the output: the gate sinks it when low */
  sunk = simulate (s);
  assert_within ("VOL rail, 20 uA sunk", sunk->margins->vol_rail_v, drop_n, 1e-3);
  g_assert_cmpfloat (sunk->margins->voh_rail_v, <, c->vdd + 0.01);
  g_assert_cmpfloat (sunk->margins->voh_rail_v, >, c->vdd - 1e-3);
  /* Current pushed in helps the pull-up everywhere, current drawn out the pull-down. */
  g_assert_cmpfloat (sunk->margins->vm_v, >, cases[2].vm);
  g_assert_cmpfloat (sourced->margins->vm_v, <, cases[2].vm);
}

/* The load's clamp diodes must not follow the circuit's temperature (their IS would grow by
 * orders of magnitude): at 85 C the loaded gate still works, with a weaker PMOS (level-1 KP
 * falls as T^-1.5), so VOH under load drops below its 27 C value. */
static void
test_load_hot (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(HrGateVtc) r = NULL;

  s->load_a = -20e-6;
  s->temp_c = 85;
  r = simulate (s);
  g_assert_true (r->restores);
  g_assert_cmpfloat (r->margins->voh_rail_v, <, 3.147548);
  g_assert_cmpfloat (r->margins->voh_rail_v, >, 3.0);
}

/* At DC a MOS input draws nothing: four receivers leave the curve as it was. */
static void
test_fanout (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(HrGateVtc) alone = simulate (s);
  g_autoptr(HrGateVtc) loaded = NULL;
  g_autoptr(HrNetlist) nl = NULL;
  g_autofree char *deck = NULL;

  s->fanout = 4;
  nl = hr_gate_spec_to_netlist (s, NULL);
  deck = hr_netlist_to_spice (nl, NULL);
  g_assert_nonnull (strstr (deck, "mf4n fo4 out 0 0 nch"));
  loaded = simulate (s);
  g_assert_cmpfloat_with_epsilon (loaded->margins->vil_v, alone->margins->vil_v, 1e-6);
  g_assert_cmpfloat_with_epsilon (loaded->margins->vih_v, alone->margins->vih_v, 1e-6);
  g_assert_cmpfloat_with_epsilon (loaded->margins->vm_v, alone->margins->vm_v, 1e-6);
}

/* ---------------------------------------------------------------------------------------- */
/* Sweeps                                                                                   */

typedef struct {
  double last;
  guint calls;
  gboolean monotone;
} Progress;

static void
on_progress (double fraction, const char *phase, gpointer data)
{
  Progress *p = data;
  p->monotone &= fraction >= p->last;
  p->last = fraction;
  p->calls++;
}

static void
test_sweep_vdd (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(GError) error = NULL;
  g_autoptr(HrMarginSweep) sw = NULL;
  g_autofree double *values = NULL;
  HrSweepParam param;
  gsize n = 0;
  Progress p = { 0, 0, TRUE };

  values = hr_sweep_parse ("vdd=2.5:3.3:0.2", &param, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (param, ==, HR_SWEEP_VDD);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat_with_epsilon (values[4], 3.3, 1e-12);
  sw = hr_margin_sweep_run (engine (), s, param, values, n, 2, NULL, on_progress, &p, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sw->points->len, ==, 5);
  g_assert_cmpuint (sw->n_failed, ==, 0);
  g_assert_cmpuint (p.calls, ==, 5);
  g_assert_true (p.monotone);
  g_assert_cmpfloat (p.last, ==, 1.0);
  for (guint i = 0; i < n; i++)
    {
      const HrSweepPoint *pt = &g_array_index (sw->points, HrSweepPoint, i);
      double vm, vil, vih;
      closed_form (values[i], c->vtn, c->vtp, c->kn, c->kp, &vm, &vil, &vih);
      g_assert_cmpfloat (pt->value, ==, values[i]);
      g_assert_nonnull (pt->result);
      g_assert_cmpfloat (pt->result->spec->vdd_v, ==, values[i]);
      assert_within ("sweep VIL", pt->result->margins->vil_v, vil, 1e-3);
      assert_within ("sweep VIH", pt->result->margins->vih_v, vih, 1e-3);
    }
}

/* kr = kn/kp with kp held; a list of values; the level-1 parameters refused with cards. */
static void
test_sweep_params (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(GError) error = NULL;
  g_autofree double *values = NULL;
  g_autoptr(HrMarginSweep) sw = NULL;
  g_autoptr(HrMosModel) card = NULL;
  g_autoptr(HrGateSpec) bs = NULL;
  HrSweepParam param;
  gsize n = 0;

  values = hr_sweep_parse ("kr=1,2.5", &param, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  sw = hr_margin_sweep_run (engine (), s, param, values, n, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      const HrSweepPoint *pt = &g_array_index (sw->points, HrSweepPoint, i);
      double vm, vil, vih;
      closed_form (c->vdd, c->vtn, c->vtp, values[i] * c->kp, c->kp, &vm, &vil, &vih);
      assert_within ("kr sweep VM", pt->result->margins->vm_v, vm, 1e-3);
    }

  card = hr_mos_model_new_builtin ("bsim3-3v3", &error);
  g_assert_no_error (error);
  bs = hr_gate_spec_new (HR_CMOS_INVERTER, card, 3.3);
  g_assert_null (hr_margin_sweep_run (engine (), bs, HR_SWEEP_KN, values, n, 0, NULL, NULL,
                                      NULL, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "wratio"));
  g_clear_error (&error);

  g_assert_null (hr_sweep_parse ("vdd=1:2:-0.1", &param, &n, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (hr_sweep_parse ("width=1:2:0.1", &param, &n, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "known: vdd"));
  g_clear_error (&error);
  g_assert_null (hr_sweep_parse ("vdd", &param, &n, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
}

/* A supply below the thresholds: the gate cannot switch. The point keeps its reason (or a
 * result that does not restore) and the others go on. */
static void
test_sweep_failing_point (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(GError) error = NULL;
  const double values[] = { 0.5, 3.3 };
  g_autoptr(HrMarginSweep) sw = hr_margin_sweep_run (engine (), s, HR_SWEEP_VDD, values, 2,
                                                     2, NULL, NULL, NULL, &error);
  const HrSweepPoint *low, *ok;

  g_assert_no_error (error);
  low = &g_array_index (sw->points, HrSweepPoint, 0);
  ok = &g_array_index (sw->points, HrSweepPoint, 1);
  g_test_message ("VDD 0.5 V: %s", low->error ? low->error : "a result");
  g_assert_true (low->result == NULL || !low->result->restores);
  g_assert_true (ok->result != NULL && ok->result->restores);
  g_assert_cmpuint (sw->n_failed, ==, 1);
}

static void
test_sweep_cancel (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_INVERTER, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const double values[] = { 3.0, 3.3 };

  g_cancellable_cancel (cancel);
  g_assert_null (hr_margin_sweep_run (engine (), s, HR_SWEEP_VDD, values, 2, 2, cancel, NULL,
                                      NULL, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED);
}

/* ---------------------------------------------------------------------------------------- */
/* Model cards                                                                              */

/* Each built-in card's 2:1 inverter at its supply restores levels with margins of a
 * sensible size; the 5 V card against MOSIS's measured inverters of the run it was fitted
 * to (T36S: Vinv 2.05, 2.30, 2.48 V at K = Wp/Wn = 1, 1.5, 2; gain -19.83 at K = 2). The
 * test structure's exact geometry is not published with the numbers, so 0.1 V and 20 %. */
static void
test_builtin_cards (void)
{
  const double k[] = { 1, 1.5, 2 };
  const double vinv[] = { 2.05, 2.30, 2.48 };

  for (const char *const *name = hr_mos_model_builtin_names (); *name; name++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HrMosModel) m = hr_mos_model_new_builtin (*name, &error);
      g_autoptr(HrGateSpec) s = NULL;
      g_autoptr(HrGateVtc) r = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (m->default_vdd_v > 0);
      text = hr_mos_model_describe (m);
      g_assert_nonnull (strstr (text, "illustrative"));
      s = hr_gate_spec_new (HR_CMOS_INVERTER, m, m->default_vdd_v);
      r = simulate (s);
      g_test_message ("%s: VM %.3f, NML %.3f, NMH %.3f", *name, r->margins->vm_v, r->nml_v,
                      r->nmh_v);
      g_assert_true (r->restores);
      g_assert_cmpfloat (r->margins->vm_v, >, 0.35 * m->default_vdd_v);
      g_assert_cmpfloat (r->margins->vm_v, <, 0.6 * m->default_vdd_v);
      g_assert_cmpfloat (MIN (r->nml_v, r->nmh_v), >, 0.25 * m->default_vdd_v);
    }

  for (guint i = 0; i < G_N_ELEMENTS (k); i++)
    {
      g_autoptr(HrMosModel) m = hr_mos_model_new_builtin ("bsim3-5v", NULL);
      g_autoptr(HrGateSpec) s = hr_gate_spec_new (HR_CMOS_INVERTER, m, 5.0);
      g_autoptr(HrGateVtc) r = NULL;
      s->wp_m = k[i] * m->default_wn_m;
      r = simulate (s);
      assert_within ("bsim3-5v Vinv", r->margins->vm_v, vinv[i], 0.1);
      if (k[i] == 2)
        g_assert_cmpfloat_with_epsilon (r->margins->peak_gain, 19.83, 0.2 * 19.83);
    }
}

static void
test_builtin_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_assert_null (hr_mos_model_new_builtin ("bsim4-1v0", &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bsim3-3v3"));
}

/* User cards: level-1 text equal to case C gives case C's numbers; missing names and
 * anything the filter refuses are errors that say what to do. */
static void
test_user_cards (void)
{
  const InverterCase *c = &cases[2];
  const char *good =
    "* case C as cards\n"
    ".model nch nmos (level=1 vto=0.6 kp=100u lambda=0 gamma=0)\n"
    ".MODEL pch PMOS level=1 vto=-0.6\n"
    "+ kp=50u lambda=0 gamma=0\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(HrMosModel) m = hr_mos_model_new_user ("case-c.lib", good, NULL, &error);
  g_autoptr(HrGateSpec) s = NULL;
  g_autoptr(HrGateVtc) r = NULL;
  double vm, vil, vih;

  g_assert_no_error (error);
  s = hr_gate_spec_new (HR_CMOS_INVERTER, m, c->vdd);
  s->wp_m = 1e-6;   /* user cards default to a 2:1 PMOS */
  r = simulate (s);
  closed_form (c->vdd, c->vtn, c->vtp, c->kn, c->kp, &vm, &vil, &vih);
  assert_within ("user card VIL", r->margins->vil_v, vil, 1e-3);
  assert_within ("user card VIH", r->margins->vih_v, vih, 1e-3);

  g_assert_null (hr_mos_model_new_user ("n-only.lib", ".model nch nmos level=1\n", NULL,
                                        &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "n-only.lib"));
  g_assert_nonnull (strstr (error->message, "pch"));
  g_clear_error (&error);

  g_assert_null (hr_mos_model_new_user ("evil.lib", ".model nch nmos level=1\n.control\n"
                                        "shell touch /tmp/x\n.endc\n", NULL, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_FILTER);
  g_assert_nonnull (strstr (error->message, "evil.lib"));
}

/* ---------------------------------------------------------------------------------------- */
/* JSON and bad input                                                                       */

static JsonObject *
member_object (JsonObject *o, const char *name)
{
  g_assert_true (json_object_has_member (o, name));
  return json_object_get_object_member (o, name);
}

static void
test_json (void)
{
  const InverterCase *c = &cases[2];
  g_autoptr(HrGateSpec) s = level1_spec (HR_CMOS_SCHMITT, c->vdd, c->vtn, c->vtp, c->kn, c->kp);
  g_autoptr(HrGateVtc) r = simulate (s);
  g_autoptr(JsonNode) node = hr_gate_vtc_to_json (r, TRUE);
  g_autoptr(JsonNode) sram_node = NULL;
  g_autoptr(HrSramSnm) cell = sram (1.8, 0.45, 200e-6, 100e-6, 100e-6, TRUE);
  JsonObject *o = json_node_get_object (node), *curve;

  g_assert_cmpstr (json_object_get_string_member (o, "gate"), ==, "schmitt");
  g_assert_cmpstr (json_object_get_string_member (member_object (o, "model"), "kind"), ==,
                   "level1");
  g_assert_true (json_object_get_boolean_member (o, "restores"));
  g_assert_cmpfloat (json_object_get_double_member (o, "temp_c"), ==, 27.0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "hysteresis_v"),
                                  r->hysteresis_v, 1e-12);
  g_assert_true (json_object_has_member (member_object (o, "margins"), "unity_gain"));
  g_assert_false (json_object_get_null_member (o, "margins_falling"));
  curve = member_object (o, "curve");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (curve, "vin_v")), ==,
                    r->vtc->n);

  sram_node = hr_sram_snm_to_json (cell, FALSE);
  o = json_node_get_object (sram_node);
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "read");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "cell_ratio"), 2.0, 1e-12);
  g_assert_false (json_object_has_member (o, "half_cell"));
  g_assert_true (json_object_has_member (member_object (o, "snm"), "snm_v"));
}

static void
test_invalid (void)
{
  g_autoptr(HrMosModel) m = hr_mos_model_new_level1 (0.6, -0.6, 100e-6, 50e-6);
  struct { const char *why; void (*set) (HrGateSpec *); } bad[] = {
    { "vdd", NULL }, { "vtn", NULL }, { "fanout", NULL }, { "size", NULL }, { "step", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(HrGateSpec) s = hr_gate_spec_new (HR_CMOS_INVERTER, m, 3.3);
      g_autoptr(GError) error = NULL;

      switch (i)
        {
        case 0: s->vdd_v = 0; break;
        case 1: s->model->vtn_v = -0.6; break;
        case 2: s->fanout = HR_GATE_MAX_FANOUT + 1; break;
        case 3: s->wn_m = 1.0; break;
        default: s->step_v = 1.0; break;
        }
      g_assert_null (hr_gate_vtc_simulate (engine (), s, NULL, NULL, NULL, &error));
      g_test_message ("%s: %s", bad[i].why, error->message);
      g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
    }
}

static void
test_names (void)
{
  HrCmosGate g;
  HrGateInput in;
  g_autoptr(GError) error = NULL;

  g_assert_true (hr_cmos_gate_from_string ("NAND2", &g, NULL) && g == HR_CMOS_NAND2);
  g_assert_true (hr_cmos_gate_from_string ("inverter", &g, NULL) && g == HR_CMOS_INVERTER);
  g_assert_cmpstr (hr_cmos_gate_to_string (HR_CMOS_SCHMITT), ==, "schmitt");
  g_assert_true (hr_gate_input_from_string ("both", &in, NULL) && in == HR_GATE_INPUT_BOTH);
  g_assert_false (hr_cmos_gate_from_string ("xor3", &g, &error));
  g_assert_nonnull (strstr (error->message, "nand2"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gates/closed-form-table", test_closed_form_table);
  g_test_add_func ("/gates/names", test_names);
  g_test_add_func ("/gates/inverter/cases-a-e", test_inverter_cases);
  g_test_add_func ("/gates/inverter/coarse-step", test_coarse_step);
  g_test_add_func ("/gates/nand-nor/tied", test_nand_nor_tied);
  g_test_add_func ("/gates/nand-nor/single-input", test_nand_nor_single_input);
  g_test_add_func ("/gates/buffer", test_buffer);
  g_test_add_func ("/gates/schmitt", test_schmitt);
  g_test_add_func ("/gates/load", test_load);
  g_test_add_func ("/gates/load-hot", test_load_hot);
  g_test_add_func ("/gates/fanout", test_fanout);
  g_test_add_func ("/gates/sram/hold", test_sram_hold);
  g_test_add_func ("/gates/sram/read", test_sram_read);
  g_test_add_func ("/gates/sweep/vdd", test_sweep_vdd);
  g_test_add_func ("/gates/sweep/params", test_sweep_params);
  g_test_add_func ("/gates/sweep/failing-point", test_sweep_failing_point);
  g_test_add_func ("/gates/sweep/cancel", test_sweep_cancel);
  g_test_add_func ("/gates/cards/builtin", test_builtin_cards);
  g_test_add_func ("/gates/cards/unknown", test_builtin_unknown);
  g_test_add_func ("/gates/cards/user", test_user_cards);
  g_test_add_func ("/gates/json", test_json);
  g_test_add_func ("/gates/invalid", test_invalid);
  status = g_test_run ();
  g_clear_object (&shared_engine);
  return status;
}
