/* test-margins.c — datasheet margins: reference/logic-families.md §3 (derived margins) and §4
 * (interfacing verdicts) reproduced row by row, then fan-out, over-voltage, notes, options,
 * whole circuits, the matrix and the JSON forms.
 *
 * Every expected value is the reference's, computed there from the datasheet named in the
 * row's comment. The data are exact decimals, so the tolerance is 1 mV — and the reference's
 * rounded 0.13 V rows are asserted at their exact 0.1275 V. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "headroom-noise.h"

#define MV 1e-3

static HrFamilyLibrary *
library (void)
{
  g_autoptr(GError) error = NULL;
  HrFamilyLibrary *lib = hr_family_library_new_default (&error);

  g_assert_no_error (error);
  return lib;
}

static HrLevels *
levels (HrFamilyLibrary *lib, const char *name, double vcc)
{
  g_autoptr(GError) error = NULL;
  HrLevels *l = hr_family_levels_at (hr_family_library_lookup (lib, name, &error), vcc, &error);

  g_assert_no_error (error);
  return l;
}

/* DRIVER@DVCC into FANOUT receivers RECEIVER@RVCC; LOAD_H/LOAD_L (> 0) make the total load
 * that much (the rest of the inputs' current becomes extra load), 0 leaves the inputs alone. */
static HrMarginResult *
pair (HrFamilyLibrary *lib, const char *driver, double dvcc, const char *receiver,
      double rvcc, guint fanout, double load_h, double load_l, double temp)
{
  g_autoptr(HrLevels) d = levels (lib, driver, dvcc);
  g_autoptr(HrLevels) r = levels (lib, receiver, rvcc);
  g_autoptr(GError) error = NULL;
  HrMarginOptions o;
  HrMarginResult *res;

  hr_margin_options_init (&o);
  o.temp_max_c = temp;
  if (load_h > 0)
    o.extra_load_high_a = load_h - fanout * r->iih_a;
  if (load_l > 0)
    o.extra_load_low_a = load_l + fanout * r->iil_a;
  res = hr_margins_pair (d, r, fanout, &o, &error);
  g_assert_no_error (error);
  g_assert_nonnull (res);
  return res;
}

static const HrFinding *
find (const HrMarginResult *r, HrFindingKind kind)
{
  for (guint i = 0; i < r->findings->len; i++)
    if (((HrFinding *) g_ptr_array_index (r->findings, i))->kind == kind)
      return g_ptr_array_index (r->findings, i);
  return NULL;
}

/* The kinds of the FAIL findings, as a bit mask. */
static guint
failing (const HrMarginResult *r)
{
  guint mask = 0;

  for (guint i = 0; i < r->findings->len; i++)
    {
      const HrFinding *f = g_ptr_array_index (r->findings, i);
      if (f->verdict == HR_VERDICT_FAIL)
        mask |= 1u << f->kind;
    }
  return mask;
}

#define BIT(k) (1u << (k))
#define DATA_FLAGS (HR_LEVEL_UNCONFIRMED | HR_LEVEL_SECONDARY | HR_LEVEL_INTERPOLATED)

/* ---------------------------------------------------------------------------------------- */
/* §3: derived margins, driver and receiver of one family on one rail                       */

typedef struct {
  const char *family;
  double vcc;
  double load_h, load_l;   /* total load, A; 0 = the receiver's input current (CMOS load) */
  double temp;             /* NAN = the family's default (85 °C; 70 °C for 0…70 °C TTL) */
  double nmh, nml;
  HrLevelFlags flags;      /* data-quality flags the result must carry */
} DerivedRow;

static const DerivedRow derived[] = {
  /* onsemi (ex-Fairchild) MM74HC04 */
  { "74HC", 2.0, 0, 0, NAN, 0.40, 0.40, 0 },
  { "74HC", 4.5, 0, 0, NAN, 1.25, 1.25, 0 },
  { "74HC", 4.5, 4e-3, 4e-3, 25, 0.83, 1.09, 0 },
  { "74HC", 4.5, 4e-3, 4e-3, 85, 0.69, 1.02, 0 },
  { "74HC", 4.5, 4e-3, 4e-3, 125, 0.55, 0.95, 0 },
  { "74HC", 6.0, 0, 0, NAN, 1.70, 1.70, 0 },
  { "74HC", 6.0, 5.2e-3, 5.2e-3, 85, 1.14, 1.47, 0 },
  /* Fairchild MM74HCT00 */
  { "74HCT", 4.5, 0, 0, NAN, 2.40, 0.70, 0 },
  { "74HCT", 4.5, 4e-3, 4e-3, 85, 1.84, 0.47, 0 },
  /* TI SN74LS00, SDLS025B: -0.4 mA / 8 mA, then IOL 4 mA */
  { "74LS", 5.0, 0.4e-3, 8e-3, NAN, 0.70, 0.30, 0 },
  { "74LS", 5.0, 0.4e-3, 4e-3, NAN, 0.70, 0.40, 0 },
  /* TI SDAS187A, Philips 74ALS00A [unconfirmed] */
  { "74ALS", 4.5, 0.4e-3, 8e-3, NAN, 0.50, 0.30, HR_LEVEL_UNCONFIRMED },
  /* Philips 74F00: VCC ±10 %, then ±5 % */
  { "74F", 4.5, 1e-3, 20e-3, NAN, 0.50, 0.30, 0 },
  { "74F", 5.0, 1e-3, 20e-3, NAN, 0.70, 0.30, 0 },
  /* onsemi MC74AC32, Fairchild 74AC */
  { "74AC", 3.0, 0, 0, NAN, 0.80, 0.80, 0 },
  { "74AC", 3.0, 12e-3, 12e-3, 85, 0.36, 0.46, 0 },
  { "74AC", 4.5, 24e-3, 24e-3, 85, 0.61, 0.91, 0 },
  { "74AC", 5.5, 24e-3, 24e-3, 85, 0.91, 1.21, 0 },
  /* TI SN74ACT00 */
  { "74ACT", 4.5, 24e-3, 24e-3, 85, 1.76, 0.36, 0 },
  /* NXP 74AHC04 (3.0 V); onsemi MC74VHC1G00 input levels at 4.5 V */
  { "74AHC", 3.0, 4e-3, 4e-3, 85, 0.38, 0.46, 0 },
  { "74AHC", 4.5, 8e-3, 8e-3, 85, 0.65, 0.91, 0 },
  /* TI SN74AHCT1G04-Q1, SCLS510D */
  { "74AHCT", 4.5, 8e-3, 8e-3, 125, 1.80, 0.36, 0 },
  /* Hitachi HD74LVC04; Fairchild 74LCX112 (VOH 2.2 V at -24 mA) */
  { "74LVC", 3.0, 100e-6, 100e-6, NAN, 0.80, 0.60, 0 },
  { "74LVC", 2.7, 12e-3, 12e-3, NAN, 0.20, 0.40, 0 },
  { "74LVC", 3.0, 24e-3, 24e-3, NAN, 0.20, 0.25, 0 },
  /* TI LVC / AUC at VCC 1.65 V [unconfirmed]: 1.2 - 1.0725, 0.5775 - 0.45 */
  { "74LVC", 1.65, 4e-3, 4e-3, NAN, 0.1275, 0.1275, HR_LEVEL_UNCONFIRMED },
  { "74AUC", 1.65, 8e-3, 8e-3, NAN, 0.1275, 0.1275, HR_LEVEL_UNCONFIRMED },
  /* National CD4001BC/CD4011BC, |IO| < 1 µA */
  { "CD4000B", 5, 0, 0, NAN, 1.45, 1.45, 0 },
  { "CD4000B", 10, 0, 0, NAN, 2.95, 2.95, 0 },
  { "CD4000B", 15, 0, 0, NAN, 3.95, 3.95, 0 },
  /* JEDEC levels as reproduced by vendors [secondary]; input currents [unconfirmed] */
  { "LVTTL", 3.3, 0, 0, NAN, 0.40, 0.40, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
  { "LVCMOS33", 3.0, 100e-6, 100e-6, NAN, 0.80, 0.60, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
  { "LVCMOS25", 2.3, 0.1e-3, 0.1e-3, NAN, 0.40, 0.50, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
  { "LVCMOS25", 2.3, 1e-3, 1e-3, NAN, 0.30, 0.30, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
  { "LVCMOS25", 2.3, 2e-3, 2e-3, NAN, 0.00, 0.00, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
  { "LVCMOS18", 1.8, 2e-3, 2e-3, NAN, 0.18, 0.18, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
  { "LVCMOS18", 1.65, 2e-3, 2e-3, NAN, 0.1275, 0.1275, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
  { "LVCMOS15", 1.5, 2e-3, 2e-3, NAN, 0.15, 0.15, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
  { "LVCMOS12", 1.2, 1e-3, 1e-3, NAN, 0.12, 0.12, HR_LEVEL_SECONDARY | HR_LEVEL_UNCONFIRMED },
};

static void
test_derived (gconstpointer data)
{
  const DerivedRow *row = data;
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, row->family, row->vcc, row->family, row->vcc, 1,
                                      row->load_h, row->load_l, row->temp);

  g_assert_cmpfloat_with_epsilon (r->nmh_v, row->nmh, MV);
  g_assert_cmpfloat_with_epsilon (r->nml_v, row->nml, MV);
  g_assert_cmpint (r->flags & DATA_FLAGS, ==, row->flags);
  /* A number that is not a primary datasheet value always says so in a finding. */
  g_assert_true ((find (r, HR_FINDING_DATA) != NULL) == (row->flags != 0));
  /* Same family, same rail: never an over-voltage, and the loads are within the rating. */
  g_assert_false (failing (r) & (BIT (HR_FINDING_OVERVOLTAGE) | BIT (HR_FINDING_FANOUT_HIGH) |
                                 BIT (HR_FINDING_FANOUT_LOW)));
  g_assert_cmpint (r->verdict, ==, row->nmh < 0.1 - 1e-9 || row->nml < 0.1 - 1e-9
                   ? HR_VERDICT_MARGINAL : HR_VERDICT_PASS);
}

/* ---------------------------------------------------------------------------------------- */
/* §4: interfacing rules, driver -> receiver                                                */

typedef struct {
  const char *driver;
  double dvcc;
  const char *receiver;
  double rvcc;
  guint fanout;
  double load_h, load_l, temp;
  HrVerdict verdict;
  double nmh, nml;         /* NAN: not part of the row */
  guint fanout_max;        /* 0: not part of the row */
  guint fails;             /* the kinds of the failing findings, BIT (kind) */
} InterfaceRow;

#define LEVEL_H BIT (HR_FINDING_LEVEL_HIGH)
#define FANOUT_L BIT (HR_FINDING_FANOUT_LOW)
#define OVERV BIT (HR_FINDING_OVERVOLTAGE)
#define ANY G_MAXUINT      /* fails for the row's reason, other findings not asserted */

static const InterfaceRow interfacing[] = {
  /* 74LVC / LVCMOS 3.3 V -> 74HCT, 74ACT, 74AHCT at 5 V: OK. VOH 2.2 V at -24 mA (Fairchild
   * 74LCX) against VIH 2.0 V; VOL 0.55 V against VIL 0.8 V. */
  { "74LVC", 3.3, "74HCT", 5.0, 1, 24e-3, 24e-3, NAN, HR_VERDICT_PASS, 0.20, 0.25, 0, 0 },
  { "74LVC", 3.3, "74ACT", 5.0, 1, 24e-3, 24e-3, NAN, HR_VERDICT_PASS, 0.20, 0.25, 0, 0 },
  { "74LVC", 3.3, "74AHCT", 5.0, 1, 24e-3, 24e-3, NAN, HR_VERDICT_PASS, 0.20, 0.25, 0, 0 },
  /* ... and 2.4 V at -12 mA (Hitachi HD74LVC04, VCC 3.0 V): NMH 0.4 V */
  { "74LVC", 3.0, "74HCT", 5.0, 1, 12e-3, 12e-3, NAN, HR_VERDICT_PASS, 0.40, 0.40, 0, 0 },
  /* LVCMOS 3.3 V at its 100 µA point: VDD - 0.2 V = 3.1 V */
  { "LVCMOS33", 3.3, "74HCT", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 1.10, 0.60, 0, 0 },
  { "LVCMOS33", 3.3, "74ACT", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 1.10, 0.60, 0, 0 },
  { "LVCMOS33", 3.3, "74AHCT", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 1.10, 0.60, 0, 0 },
  /* 74LVC / LVCMOS 3.3 V -> 74HC, 74AC, 74AHC, CD4000B at 5 V: not guaranteed,
   * NMH = 2.8 - 3.5 = -0.7 V even at 100 µA (VCC 3.0 V) */
  { "74LVC", 3.0, "74HC", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.70, NAN, 0, LEVEL_H },
  { "LVCMOS33", 3.0, "74HC", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.70, NAN, 0, LEVEL_H },
  { "74LVC", 3.0, "74AC", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.70, NAN, 0, LEVEL_H },
  { "74LVC", 3.0, "74AHC", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.70, NAN, 0, LEVEL_H },
  { "74LVC", 3.0, "CD4000B", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.70, NAN, 0, LEVEL_H },
  /* 74HC / 74HCT at 5 V -> 74LVC at 3.3 V: OK only with a 5-V-tolerant input. VOH 3.84 V,
   * VOL 0.33 V at 4 mA (MM74HC04 4.5 V limits); 74LVC inputs accept 5.5 V (NXP 74LVC1G04). */
  { "74HC", 5.0, "74LVC", 3.3, 1, 4e-3, 4e-3, NAN, HR_VERDICT_PASS, 1.84, 0.47, 0, 0 },
  { "74HCT", 5.0, "74LVC", 3.3, 1, 4e-3, 4e-3, NAN, HR_VERDICT_PASS, 1.84, 0.47, 0, 0 },
  /* ... a non-tolerant input: 74AUC (3.6 V max), generic 3.3 V CMOS */
  { "74HC", 5.0, "74AUC", 1.8, 1, 0, 0, NAN, HR_VERDICT_FAIL, 3.23, 0.53, 0, OVERV },
  { "74HC", 5.0, "LVCMOS33", 3.3, 1, 0, 0, NAN, HR_VERDICT_FAIL, 2.40, 0.70, 0, OVERV },
  /* 74LS -> 74HC or CD4000B at 5 V: No. VOH 2.7 V < VIH 3.5 V (3.15 V at 4.5 V) */
  { "74LS", 5.0, "74HC", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.80, NAN, 0, LEVEL_H },
  { "74LS", 4.75, "74HC", 4.5, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.45, NAN, 0, ANY },
  { "74LS", 5.0, "CD4000B", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.80, NAN, 0, LEVEL_H },
  /* 74LS -> 74HCT: OK. NMH 0.7 V; NML 0.8 - 0.5 = 0.3 V at the full 8 mA (0.4 V at the
   * 4 mA point a single HCT input's 1 µA is read at) */
  { "74LS", 5.0, "74HCT", 5.0, 1, 0, 8e-3, NAN, HR_VERDICT_PASS, 0.70, 0.30, 0, 0 },
  { "74LS", 5.0, "74HCT", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.70, 0.40, 0, 0 },
  /* 74HC at 4.5 V -> 74LS: OK, max 10 loads (IOL 4 mA / IIL 0.4 mA) */
  { "74HC", 4.5, "74LS", 5.0, 10, 0, 0, NAN, HR_VERDICT_PASS, 1.84, 0.47, 10, 0 },
  { "74HC", 4.5, "74LS", 5.0, 11, 0, 0, NAN, HR_VERDICT_FAIL, 1.84, NAN, 10, FANOUT_L },
  /* 74AC at 4.5 V -> 74LS: OK, max 60 loads (24 mA / 0.4 mA) */
  { "74AC", 4.5, "74LS", 5.0, 60, 0, 0, NAN, HR_VERDICT_PASS, 1.76, 0.36, 60, 0 },
  { "74AC", 4.5, "74LS", 5.0, 61, 0, 0, NAN, HR_VERDICT_FAIL, 1.76, NAN, 60, FANOUT_L },
  /* CD4000B at 5 V -> 74LS: OK, 1 load — at 25 °C, where IOL >= 0.44 mA at VO 0.4 V covers
   * one IIL of 0.4 mA (National CD4001BC; UTC CD4011B). At 85 °C the same datasheet gives
   * 0.36 mA: not even one. */
  { "CD4000B", 5.0, "74LS", 5.0, 1, 0, 0, 25, HR_VERDICT_PASS, 2.60, 0.40, 1, 0 },
  { "CD4000B", 5.0, "74LS", 5.0, 1, 0, 0, 85, HR_VERDICT_FAIL, 2.60, NAN, 0, FANOUT_L },
  /* 74F -> 74HC: No. VOH 2.5 V (VCC ±10 %) < VIH 3.15 V; 2.7 V (±5 %) < 3.5 V */
  { "74F", 4.5, "74HC", 4.5, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.65, NAN, 0, LEVEL_H },
  { "74F", 5.0, "74HC", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.80, NAN, 0, LEVEL_H },
  /* 74HC <-> 74HCT on one 5 V rail: OK */
  { "74HC", 5.0, "74HCT", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 2.40, 0.70, 0, 0 },
  { "74HCT", 5.0, "74HC", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 1.40, 1.40, 0, 0 },
  /* 3.3 V LVTTL/LVCMOS <-> 5 V TTL and HCT/ACT/AHCT: OK both ways if the 3.3 V inputs are
   * 5-V tolerant (TTL thresholds accept 3.3 V levels) */
  { "LVTTL", 3.3, "74LS", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.40, 0.40, 0, 0 },
  { "LVTTL", 3.3, "74ALS", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.40, 0.40, 0, 0 },
  { "LVTTL", 3.3, "74F", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.40, 0.40, 0, 0 },
  { "LVTTL", 3.3, "74HCT", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.40, 0.40, 0, 0 },
  { "LVTTL", 3.3, "74ACT", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.40, 0.40, 0, 0 },
  { "LVTTL", 3.3, "74AHCT", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.40, 0.40, 0, 0 },
  { "74LS", 5.0, "74LVC", 3.3, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.70, 0.40, 0, 0 },
  { "74ALS", 5.0, "74LVC", 3.3, 1, 0, 0, NAN, HR_VERDICT_PASS, 1.00, 0.40, 0, 0 },
  { "74F", 5.0, "74LVC", 3.3, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.70, 0.30, 0, 0 },
  { "74ACT", 5.0, "74LVC", 3.3, 1, 0, 0, NAN, HR_VERDICT_PASS, 2.40, 0.70, 0, 0 },
  { "74AHCT", 5.0, "74LVC", 3.3, 1, 0, 0, NAN, HR_VERDICT_PASS, 2.40, 0.70, 0, 0 },
  /* ... but JEDEC LVCMOS guarantees its levels only at 100 µA: one 74ALS input (IIL 0.1 mA)
   * is the most it drives low; a 74LS (0.4 mA) or 74F (0.6 mA) input is beyond the standard */
  { "LVCMOS33", 3.3, "74ALS", 5.0, 1, 0, 0, NAN, HR_VERDICT_PASS, 1.10, 0.60, 1, 0 },
  { "LVCMOS33", 3.3, "74LS", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, 1.10, NAN, 0, FANOUT_L },
  { "LVCMOS33", 3.3, "74F", 5.0, 1, 0, 0, NAN, HR_VERDICT_FAIL, 1.10, NAN, 0, FANOUT_L },
  /* ... and not if they are not: a 5 V output into a 3.3 V LVTTL input */
  { "74LS", 5.0, "LVTTL", 3.3, 1, 0, 0, NAN, HR_VERDICT_FAIL, 0.70, 0.40, 0, OVERV },
  /* LVCMOS 1.8 V -> LVCMOS / LVTTL / 74LVC at 3.3 V: No. VOH 1.35 V < VIH 2.0 V */
  { "LVCMOS18", 1.8, "LVCMOS33", 3.3, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.65, 0.35, 0, LEVEL_H },
  { "LVCMOS18", 1.8, "LVTTL", 3.3, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.65, 0.35, 0, LEVEL_H },
  { "LVCMOS18", 1.8, "74LVC", 3.3, 1, 0, 0, NAN, HR_VERDICT_FAIL, -0.65, 0.35, 0, LEVEL_H },
  /* LVCMOS 2.5 V -> LVTTL / LVCMOS 3.3 V: marginal. VOH 2.0 V at -1 mA equals VIH 2.0 V:
   * NMH 0; NML 0.8 - 0.4 = 0.4 V. At -2 mA (VOH 1.7 V) it fails; at 0.1 mA NMH is 0.1 V. */
  { "LVCMOS25", 2.5, "LVTTL", 3.3, 1, 1e-3, 1e-3, NAN, HR_VERDICT_MARGINAL, 0.0, 0.40, 0, 0 },
  { "LVCMOS25", 2.5, "LVCMOS33", 3.3, 1, 1e-3, 1e-3, NAN, HR_VERDICT_MARGINAL, 0.0, 0.40, 0, 0 },
  { "LVCMOS25", 2.5, "LVTTL", 3.3, 1, 2e-3, 2e-3, NAN, HR_VERDICT_FAIL, -0.30, 0.10, 0, LEVEL_H },
  { "LVCMOS25", 2.5, "LVTTL", 3.3, 1, 0.1e-3, 0.1e-3, NAN, HR_VERDICT_PASS, 0.10, 0.60, 0, 0 },
  /* LVCMOS 3.3 V -> LVCMOS 2.5 V: levels OK (NMH 2.8 - 1.7 = 1.1 V, NML 0.7 - 0.2 = 0.5 V);
   * needs a 3.3-V-tolerant input */
  { "LVCMOS33", 3.0, "LVCMOS25", 2.5, 1, 0, 0, NAN, HR_VERDICT_FAIL, 1.10, 0.50, 0, OVERV },
  /* LVCMOS 1.8 V -> 74AUC at 1.8 V: OK, NMH = NML = 0.18 V (0.1275 V at 1.65 V) */
  { "LVCMOS18", 1.8, "74AUC", 1.8, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.18, 0.18, 0, 0 },
  { "LVCMOS18", 1.65, "74AUC", 1.65, 1, 0, 0, NAN, HR_VERDICT_PASS, 0.1275, 0.1275, 0, 0 },
};

static void
test_interfacing (gconstpointer data)
{
  const InterfaceRow *row = data;
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, row->driver, row->dvcc, row->receiver, row->rvcc,
                                      row->fanout, row->load_h, row->load_l, row->temp);

  for (guint i = 0; i < r->findings->len; i++)
    g_test_message ("%s: %s", hr_verdict_to_string (((HrFinding *) r->findings->pdata[i])->verdict),
                    ((HrFinding *) r->findings->pdata[i])->text);
  g_assert_cmpint (r->verdict, ==, row->verdict);
  if (!isnan (row->nmh))
    g_assert_cmpfloat_with_epsilon (r->nmh_v, row->nmh, MV);
  if (!isnan (row->nml))
    g_assert_cmpfloat_with_epsilon (r->nml_v, row->nml, MV);
  if (row->fanout_max != 0)
    g_assert_cmpuint (r->fanout_max, ==, row->fanout_max);
  if (row->fails != ANY)
    g_assert_cmphex (failing (r), ==, row->fails);
}

/* ---------------------------------------------------------------------------------------- */
/* Findings in words                                                                        */

static void
assert_text (const HrMarginResult *r, HrFindingKind kind, const char *const *parts)
{
  const HrFinding *f = find (r, kind);

  g_assert_nonnull (f);
  g_test_message ("%s", f->text);
  for (guint i = 0; parts[i] != NULL; i++)
    g_assert_nonnull (strstr (f->text, parts[i]));
}

static void
test_words_ls_to_hc (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, "74LS", 5, "74HC", 5, 1, 0, 0, NAN);
  const char *const parts[] = {
    "VOH 2.7 V (74LS at 5 V, guaranteed at 400 uA) is below VIH 3.5 V (74HC at 5 V)",
    "NMH = -0.8 V", "74HCT", "pull-up resistor", NULL
  };
  const HrFinding *first = g_ptr_array_index (r->findings, 0);

  assert_text (r, HR_FINDING_LEVEL_HIGH, parts);
  g_assert_cmpint (first->verdict, ==, HR_VERDICT_FAIL);          /* worst first */
  for (guint i = 1; i < r->findings->len; i++)
    g_assert_cmpint (((HrFinding *) r->findings->pdata[i - 1])->verdict, >=,
                     ((HrFinding *) r->findings->pdata[i])->verdict);
}

static void
test_words_overvoltage (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, "74HC", 5, "74AUC", 1.8, 1, 0, 0, NAN);
  g_autoptr(HrMarginResult) ok = pair (lib, "74HC", 5, "74LVC", 3.3, 1, 0, 0, NAN);
  const char *const parts[] = {
    "74HC at 5 V drives its output up to 5 V, above the 3.6 V that 74AUC at 1.8 V inputs "
    "tolerate", "74LVC", "level translator", "series resistor", NULL
  };
  const char *const ok_parts[] = { "tolerate up to 5.5 V", NULL };

  assert_text (r, HR_FINDING_OVERVOLTAGE, parts);
  assert_text (ok, HR_FINDING_OVERVOLTAGE, ok_parts);
  g_assert_cmpint (find (ok, HR_FINDING_OVERVOLTAGE)->verdict, ==, HR_VERDICT_PASS);
}

static void
test_words_translator (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, "LVCMOS18", 1.8, "74LVC", 3.3, 1, 0, 0, NAN);
  const char *const parts[] = { "NMH = -0.65 V", "74LVC8T245", NULL };

  assert_text (r, HR_FINDING_LEVEL_HIGH, parts);
  g_assert_null (strstr (find (r, HR_FINDING_LEVEL_HIGH)->text, "pull-up"));
}

static void
test_words_marginal (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, "LVCMOS25", 2.5, "LVTTL", 3.3, 1, 1e-3, 1e-3, NAN);
  const char *const parts[] = {
    "barely clears", "NMH = 0 V, less than the 0.1 V asked for",
    "reduce the load (at 100 uA the guarantee is VOH 2.1 V)", NULL
  };

  assert_text (r, HR_FINDING_LEVEL_HIGH, parts);
  g_assert_cmpint (find (r, HR_FINDING_LEVEL_HIGH)->verdict, ==, HR_VERDICT_MARGINAL);
}

/* ΔICC: a TTL-threshold CMOS input held at a weak high draws extra supply current. */
static void
test_delta_icc (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) lvc = pair (lib, "74LVC", 3.3, "74HCT", 5, 1, 0, 0, NAN);
  g_autoptr(HrMarginResult) ls = pair (lib, "74LS", 5, "74ACT", 5, 1, 0, 0, NAN);
  g_autoptr(HrMarginResult) hc = pair (lib, "74HC", 5, "74HCT", 5, 1, 0, 0, NAN);
  g_autoptr(HrMarginResult) lvc_hc = pair (lib, "74LVC", 3.3, "74HC", 5, 1, 0, 0, NAN);
  const char *const parts[] = { "3.1 V", "74HCT at 5 V", "1.9 V below its VCC",
                                "500 uA per input", NULL };
  const char *const act[] = { "1.5 mA per input", NULL };

  assert_text (lvc, HR_FINDING_DELTA_ICC, parts);
  g_assert_cmpint (find (lvc, HR_FINDING_DELTA_ICC)->verdict, ==, HR_VERDICT_PASS);
  assert_text (ls, HR_FINDING_DELTA_ICC, act);
  g_assert_null (find (hc, HR_FINDING_DELTA_ICC));       /* 4.4 V is close enough to 5 V */
  g_assert_null (find (lvc_hc, HR_FINDING_DELTA_ICC));   /* HC has no ΔICC rating */
}

static void
test_data_note (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) als = pair (lib, "74ALS", 4.5, "74ALS", 4.5, 1, 0, 0, NAN);
  g_autoptr(HrMarginResult) hc5 = pair (lib, "74LVC", 3.3, "74HC", 5, 1, 0, 0, NAN);
  const char *const als_parts[] = { "VOH 2.5 V of 74ALS at 4.5 V (unconfirmed)",
                                    "Unconfirmed:", NULL };
  const char *const hc_parts[] = { "VIH/VIL of 74HC at 5 V (interpolated)", "Interpolated:",
                                   NULL };

  assert_text (als, HR_FINDING_DATA, als_parts);
  assert_text (hc5, HR_FINDING_DATA, hc_parts);
  g_assert_cmpint (find (als, HR_FINDING_DATA)->verdict, ==, HR_VERDICT_PASS);
  g_assert_true (hc5->flags & HR_LEVEL_INTERPOLATED);
}

/* ---------------------------------------------------------------------------------------- */
/* Fan-out                                                                                  */

static void
test_fanout_cmos (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, "74HC", 4.5, "74HC", 4.5, 1, 0, 0, NAN);
  const char *const parts[] = { "capacitance", NULL };

  /* 4 mA / 1 µA: thousands of CMOS inputs; the DC load is not the limit. */
  g_assert_cmpuint (r->fanout_max, ==, 4000);
  assert_text (r, HR_FINDING_FANOUT_HIGH, parts);
  g_assert_cmpfloat_with_epsilon (r->load_high_a, 1e-6, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->load_low_a, 1e-6, 1e-12);
}

/* Beyond the heaviest tabulated point no level is guaranteed: the fan-out finding says so
 * and the margin is unknown (NAN), even within the family's rating. */
static void
test_fanout_beyond_points (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  /* 74AC at 3.0 V: rated ±24 mA, levels tabulated to 12 mA; 40 LS inputs sink 16 mA. */
  g_autoptr(HrMarginResult) r = pair (lib, "74AC", 3.0, "74LS", 5.0, 40, 0, 0, NAN);
  const char *const parts[] = { "must sink 16 mA", "guarantees VOL only up to 12 mA",
                                "no NML is guaranteed", "at most 30 such inputs", NULL };

  g_assert_cmpint (r->verdict, ==, HR_VERDICT_FAIL);
  g_assert_true (isnan (r->nml_v));
  g_assert_true (isnan (r->vol_v));
  g_assert_null (find (r, HR_FINDING_LEVEL_LOW));
  g_assert_cmpuint (r->fanout_max, ==, 30);
  assert_text (r, HR_FINDING_FANOUT_LOW, parts);
  g_assert_cmpint (find (r, HR_FINDING_FANOUT_LOW)->verdict, ==, HR_VERDICT_FAIL);
}

static void
test_fanout_rated (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, "74HC", 4.5, "74LS", 5.0, 11, 0, 0, NAN);
  const char *const parts[] = { "74HC at 4.5 V must sink 4.4 mA for 11 inputs of 74LS",
                                "more than its rated IOL of 4 mA", "at most 10 such inputs",
                                "74AC/74ACT", NULL };

  assert_text (r, HR_FINDING_FANOUT_LOW, parts);
}

/* ---------------------------------------------------------------------------------------- */
/* Options                                                                                  */

static void
test_options (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) hc = levels (lib, "74HC", 5);
  g_autoptr(GError) error = NULL;
  HrMarginOptions o;

  hr_margin_options_init (&o);
  g_assert_true (isnan (o.temp_max_c));
  g_assert_cmpfloat (o.marginal_v, ==, 0.1);
  g_assert_cmpfloat (o.extra_load_high_a, ==, 0);
  g_assert_cmpfloat (o.extra_load_low_a, ==, 0);

  g_assert_null (hr_margins_pair (hc, hc, 0, &o, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_clear_error (&error);
  o.extra_load_low_a = -1e-3;
  g_assert_null (hr_margins_pair (hc, hc, 1, &o, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_clear_error (&error);
  o.extra_load_low_a = NAN;
  g_assert_null (hr_margins_pair (hc, hc, 1, &o, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_clear_error (&error);
  hr_margin_options_init (&o);
  o.marginal_v = -0.1;
  g_assert_null (hr_margins_pair (hc, hc, 1, &o, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_clear_error (&error);

  /* NULL options are the defaults. */
  {
    g_autoptr(HrMarginResult) r = hr_margins_pair (hc, hc, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (r->verdict, ==, HR_VERDICT_PASS);
  }
}

static void
test_marginal_threshold (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) lvc = levels (lib, "74LVC", 3.0);
  g_autoptr(HrMarginResult) a = NULL, b = NULL;
  HrMarginOptions o;

  hr_margin_options_init (&o);
  o.extra_load_high_a = o.extra_load_low_a = 24e-3 - lvc->iih_a;
  a = hr_margins_pair (lvc, lvc, 1, &o, NULL);
  g_assert_cmpint (a->verdict, ==, HR_VERDICT_PASS);   /* NMH 0.2, NML 0.25 */
  o.marginal_v = 0.3;
  b = hr_margins_pair (lvc, lvc, 1, &o, NULL);
  g_assert_cmpint (b->verdict, ==, HR_VERDICT_MARGINAL);
  g_assert_cmpint (find (b, HR_FINDING_LEVEL_HIGH)->verdict, ==, HR_VERDICT_MARGINAL);
  g_assert_cmpint (find (b, HR_FINDING_LEVEL_LOW)->verdict, ==, HR_VERDICT_MARGINAL);
}

static void
test_strings (void)
{
  g_assert_cmpstr (hr_verdict_to_string (HR_VERDICT_PASS), ==, "pass");
  g_assert_cmpstr (hr_verdict_to_string (HR_VERDICT_MARGINAL), ==, "marginal");
  g_assert_cmpstr (hr_verdict_to_string (HR_VERDICT_FAIL), ==, "fail");
  g_assert_cmpstr (hr_finding_kind_to_string (HR_FINDING_LEVEL_HIGH), ==, "level-high");
  g_assert_cmpstr (hr_finding_kind_to_string (HR_FINDING_LEVEL_LOW), ==, "level-low");
  g_assert_cmpstr (hr_finding_kind_to_string (HR_FINDING_FANOUT_HIGH), ==, "fanout-high");
  g_assert_cmpstr (hr_finding_kind_to_string (HR_FINDING_FANOUT_LOW), ==, "fanout-low");
  g_assert_cmpstr (hr_finding_kind_to_string (HR_FINDING_OVERVOLTAGE), ==, "overvoltage");
  g_assert_cmpstr (hr_finding_kind_to_string (HR_FINDING_DELTA_ICC), ==, "delta-icc");
  g_assert_cmpstr (hr_finding_kind_to_string (HR_FINDING_DATA), ==, "data");
  g_assert_true (G_TYPE_IS_BOXED (HR_TYPE_MARGIN_RESULT));
  g_assert_true (G_TYPE_IS_BOXED (HR_TYPE_NET_RESULT));
  g_assert_true (G_TYPE_IS_BOXED (HR_TYPE_CHECK_RESULT));
  g_assert_true (G_TYPE_IS_BOXED (HR_TYPE_MATRIX_RESULT));
}

/* ---------------------------------------------------------------------------------------- */
/* Circuits                                                                                 */

static HrPin
pin (const char *part, const char *family, double vcc, double load_a)
{
  HrPin p = { 0 };

  p.part = (char *) part;
  p.family = (char *) family;
  p.vcc_v = vcc;
  p.gate = HR_GATE_BUFFER;
  p.load_a = load_a;
  return p;
}

static void
add_net (HrCircuit *c, const char *name, HrPin driver, const HrPin *receivers, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rcv = g_array_new (FALSE, TRUE, sizeof (HrPin));
  HrNet net = { 0 };

  g_array_append_vals (rcv, receivers, n);
  net.name = (char *) name;
  net.driver = driver;
  net.receivers = rcv;
  g_assert_true (hr_circuit_add_net (c, &net, &error));
  g_assert_no_error (error);
}

static HrCircuit *
demo_circuit (void)
{
  HrCircuit *c = hr_circuit_new ("demo");
  const HrPin clk[] = { pin ("U2", "74HCT", 5, 0), pin ("U3", "74LVC", 3.3, 0) };
  const HrPin bad[] = { pin ("U5", "74HC", 5, 0) };
  const HrPin weak[] = { pin ("U7", "LVTTL", 3.3, 0) };
  const HrPin ok2[] = { pin ("U9", "74HC", 5, 0) };
  const HrPin fan[] = { pin (NULL, "74LS", 5, 0), pin (NULL, "74LS", 5, 0),
                        pin (NULL, "74LS", 5, 0) };

  add_net (c, "ok2", pin ("U8", "74HC", 5, 0), ok2, 1);
  add_net (c, "clk", pin ("U1", "74HC", 5, 0), clk, 2);
  /* A pull-down (negative: sourced when high) that takes VOH to its 1 mA point. */
  add_net (c, "weak", pin ("U6", "LVCMOS25", 2.5, -(1e-3 - 10e-6)), weak, 1);
  add_net (c, "bad", pin ("U4", "74LS", 5, 0), bad, 1);
  add_net (c, "fan", pin (NULL, "74HC", 4.5, 3e-3), fan, 3);
  return c;
}

static void
test_check_circuit (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) c = demo_circuit ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HrCheckResult) res = hr_margins_check_circuit (c, lib, NULL, &error);
  static const char *const order[] = { "fan", "bad", "weak", "clk", "ok2" };
  const HrNetResult *fan, *clk, *bad;

  g_assert_no_error (error);
  g_assert_cmpstr (res->circuit, ==, "demo");
  g_assert_cmpuint (res->nets->len, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (((HrNetResult *) res->nets->pdata[i])->net, ==, order[i]);
  g_assert_cmpint (res->verdict, ==, HR_VERDICT_FAIL);
  g_assert_cmpuint (res->n_fail, ==, 2);
  g_assert_cmpuint (res->n_marginal, ==, 1);
  g_assert_cmpuint (res->n_pass, ==, 2);

  /* fan: 3 LS inputs (1.2 mA) plus 3 mA of pull-up exceed the HC's 4 mA: the failing net
   * with an unknown NML sorts first. */
  fan = res->nets->pdata[0];
  g_assert_cmpuint (fan->receivers->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (((HrMarginResult *) fan->receivers->pdata[0])->load_low_a,
                                  4.2e-3, 1e-9);
  g_assert_cmpuint (((HrMarginResult *) fan->receivers->pdata[0])->fanout, ==, 3);
  g_assert_true (isnan (fan->worst_margin_v));
  g_assert_true (g_str_has_prefix (((HrFinding *) fan->findings->pdata[0])->text,
                                   "driver: 74HC at 4.5 V must sink 4.2 mA"));

  /* clk: each receiver gets its own margins with the whole net's load on the driver. */
  clk = res->nets->pdata[3];
  g_assert_cmpuint (clk->receivers->len, ==, 2);
  g_assert_cmpstr (((HrMarginResult *) clk->receivers->pdata[1])->receiver->family, ==, "74LVC");
  g_assert_cmpfloat_with_epsilon (clk->nmh_v, 2.4, MV);
  g_assert_cmpfloat_with_epsilon (clk->nml_v, 0.7, MV);
  g_assert_cmpfloat_with_epsilon (clk->worst_margin_v, 0.7, MV);
  g_assert_cmpfloat_with_epsilon (((HrMarginResult *) clk->receivers->pdata[0])->load_high_a,
                                  1e-6 + 5e-6, 1e-12);

  bad = res->nets->pdata[1];
  g_assert_cmpfloat_with_epsilon (bad->nmh_v, -0.8, MV);
  g_assert_true (g_str_has_prefix (((HrFinding *) bad->findings->pdata[0])->text, "U5: VOH 2.7 V"));
  for (guint i = 0; i < bad->findings->len; i++)
    g_assert_false (((HrFinding *) bad->findings->pdata[i])->kind == HR_FINDING_OVERVOLTAGE);
}

static void
test_check_circuit_errors (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) c = hr_circuit_new ("broken");
  g_autoptr(HrCircuit) d = hr_circuit_new ("range");
  g_autoptr(GError) error = NULL;
  const HrPin r1[] = { pin ("U2", "74HC", 5, 0) };
  const HrPin r2[] = { pin ("U2", "74LS", 3.3, 0) };

  add_net (c, "x", pin ("U1", "74HX", 5, 0), r1, 1);
  g_assert_null (hr_margins_check_circuit (c, lib, NULL, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_UNKNOWN_FAMILY);
  g_assert_true (g_str_has_prefix (error->message, "net \"x\": driver: unknown family"));
  g_clear_error (&error);

  add_net (d, "y", pin ("U1", "74HC", 5, 0), r2, 1);
  g_assert_null (hr_margins_check_circuit (d, lib, NULL, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VCC_RANGE);
  g_assert_true (g_str_has_prefix (error->message, "net \"y\": receivers[0]: 74LS"));
}

/* ---------------------------------------------------------------------------------------- */
/* Receivers with transistor-level models (simulated by the real ngspice)                   */

static HrEngine *shared;   /* started by the first test that needs it, stopped by main() */

static HrEngine *
engine (void)
{
  if (shared == NULL)
    {
      g_autoptr(GError) error = NULL;

      shared = hr_engine_ngspice_new (2, &error);
      g_assert_no_error (error);
    }
  return shared;
}

static const HrFinding *
find_verdict (const HrMarginResult *r, HrFindingKind kind, HrVerdict verdict)
{
  for (guint i = 0; i < r->findings->len; i++)
    {
      const HrFinding *f = g_ptr_array_index (r->findings, i);

      if (f->kind == kind && f->verdict == verdict)
        return f;
    }
  return NULL;
}

/* 74LVC at 3.3 V into two 74HC inputs at 3.3 V, the second modelled by MODEL (owned by the
 * circuit's copy; freed here). */
static HrCircuit *
modelled_circuit (HrPinModel *model, double vcc)
{
  HrCircuit *c = hr_circuit_new ("modelled");
  HrPin r[] = { pin ("U2", "74HC", vcc, 0), pin ("U3", "74HC", vcc, 0) };

  r[1].model = model;
  add_net (c, "data", pin ("U1", "74LVC", 3.3, 0), r, G_N_ELEMENTS (r));
  hr_pin_model_free (model);
  return c;
}

static HrPinModel *
level1 (double vtn, double vtp, double kn, double kp)
{
  HrPinModel *m = hr_pin_model_new ("inv", "level1");

  m->vtn_v = vtn, m->vtp_v = vtp, m->kn_a_per_v2 = kn, m->kp_a_per_v2 = kp;
  return m;
}

/* The receiver is the square-law inverter of case C (docs/margins-from-curves.md, "Validation
 * cases": VDD 3.3 V, VTn 0.6 V, VTp -0.6 V, kn 100 uA/V², kp 50 uA/V²), whose closed forms
 * give VIL = 0.6 + 2.1(2√0.4 − 1) = 1.15631 V and VIH = 0.6 + 2.1(4/√7 − 1) = 1.67490 V.
 * Those must become its thresholds, the margins follow from them and 74LVC's VOH 3.1 V /
 * VOL 0.2 V at 100 uA, and the datasheet receiver beside it keeps its own. */
static void
test_check_circuit_model (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) c = modelled_circuit (level1 (0.6, -0.6, 100e-6, 50e-6), 3.3);
  g_autoptr(GError) error = NULL;
  g_autoptr(HrCheckResult) res = hr_margins_check_circuit_with_engine (c, lib, engine (), NULL,
                                                                       NULL, &error);
  const HrNetResult *net;
  const HrMarginResult *ds, *sim;
  const HrFinding *note;

  g_assert_no_error (error);
  net = res->nets->pdata[0];
  ds = net->receivers->pdata[0];
  sim = net->receivers->pdata[1];
  g_test_message ("VIL %.6f V (error %.3f mV), VIH %.6f V (error %.3f mV)", sim->vil_v,
                  (sim->vil_v - 1.15631) * 1e3, sim->vih_v, (sim->vih_v - 1.67490) * 1e3);
  g_assert_cmpfloat_with_epsilon (sim->vil_v, 1.1563, MV);
  g_assert_cmpfloat_with_epsilon (sim->vih_v, 1.6749, MV);
  g_assert_cmpfloat (sim->receiver->vil_v, ==, sim->vil_v);
  g_assert_cmpfloat_with_epsilon (sim->nmh_v, 3.1 - sim->vih_v, 1e-9);
  g_assert_cmpfloat_with_epsilon (sim->nml_v, sim->vil_v - 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (sim->nmh_v, 1.4251, MV);
  g_assert_cmpfloat_with_epsilon (sim->nml_v, 0.9563, MV);
  g_assert_true (sim->receiver->input_flags & HR_LEVEL_SIMULATED);
  g_assert_true (sim->flags & HR_LEVEL_SIMULATED);
  g_assert_nonnull (strstr (sim->receiver->note, "level 1"));
  g_assert_true (g_str_has_prefix (sim->threshold_model, "inv, level 1 (square law)"));
  /* The datasheet's thresholds stay beside them, and the simulated ones sit inside. */
  g_assert_cmpfloat (sim->datasheet_vih_v, ==, ds->vih_v);
  g_assert_cmpfloat (sim->datasheet_vil_v, ==, ds->vil_v);
  g_assert_true (sim->vil_v > ds->vil_v && sim->vih_v < ds->vih_v);
  g_assert_null (ds->threshold_model);
  g_assert_false (ds->receiver->input_flags & HR_LEVEL_SIMULATED);
  g_assert_cmpfloat (sim->receiver->iih_a, ==, ds->receiver->iih_a);
  note = find_verdict (sim, HR_FINDING_DATA, HR_VERDICT_PASS);
  g_assert_nonnull (note);
  g_assert_true (g_str_has_prefix (note->text, "Thresholds simulated, not the datasheet's: "
                                   "VIL 1.1563 V and VIH 1.6749 V"));
  g_assert_nonnull (strstr (note->text, "guarantees VIL 0.942 V and VIH 2.358 V"));
  g_assert_cmpint (sim->verdict, ==, HR_VERDICT_PASS);
  g_assert_cmpfloat_with_epsilon (net->nml_v, ds->nml_v, 1e-12);  /* the worst is U2's */
}

/* A model whose gate never switches gives no thresholds: a FAIL finding with the reason,
 * and no level findings built on unknown thresholds. */
static void
test_check_circuit_model_not_restoring (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) c = modelled_circuit (level1 (1.5, -1.5, 100e-6, 100e-6), 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(HrCheckResult) res = hr_margins_check_circuit_with_engine (c, lib, engine (), NULL,
                                                                       NULL, &error);
  const HrMarginResult *sim;
  const HrFinding *f;

  g_assert_no_error (error);
  sim = ((HrNetResult *) res->nets->pdata[0])->receivers->pdata[1];
  g_assert_cmpint (sim->verdict, ==, HR_VERDICT_FAIL);
  g_assert_true (isnan (sim->vih_v) && isnan (sim->nmh_v) && isnan (sim->nml_v));
  f = find_verdict (sim, HR_FINDING_DATA, HR_VERDICT_FAIL);
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->text, "does not work as a logic input"));
  g_assert_nonnull (strstr (f->text, "at both ends of the sweep"));
  g_assert_null (find (sim, HR_FINDING_LEVEL_HIGH));
  g_assert_null (find (sim, HR_FINDING_LEVEL_LOW));
  g_assert_cmpint (res->verdict, ==, HR_VERDICT_FAIL);
}

static void
test_check_circuit_model_errors (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) c = modelled_circuit (level1 (0.6, -0.6, 100e-6, 50e-6), 3.3);
  g_autoptr(HrCircuit) f = NULL;
  g_autoptr(GError) error = NULL;
  HrPinModel *m = hr_pin_model_new ("inv", "file");
  HrMarginOptions o;

  /* No engine: refused before anything is simulated, naming the net and the receiver. */
  g_assert_null (hr_margins_check_circuit (c, lib, NULL, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "net \"data\": receivers[1] (U3): has a "
                   "transistor-level model (inv, level1), whose thresholds must be simulated, "
                   "and no simulation engine was given; pass one to "
                   "hr_margins_check_circuit_with_engine()");
  g_clear_error (&error);

  /* A model file that is not there, relative to the options' directory. */
  m->file = g_strdup ("no-such-cards.lib");
  f = modelled_circuit (m, 3.3);
  hr_margin_options_init (&o);
  o.model_dir = "/nonexistent-dir";
  g_assert_null (hr_margins_check_circuit_with_engine (f, lib, engine (), &o, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "net \"data\": receivers[1] (U3): model: "));
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/no-such-cards.lib"));
}

/* JSON says where each receiver's thresholds came from. */
static void
test_json_check_model (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) c = modelled_circuit (level1 (0.6, -0.6, 100e-6, 50e-6), 3.3);
  g_autoptr(GError) error = NULL;
  g_autoptr(HrCheckResult) res = hr_margins_check_circuit_with_engine (c, lib, engine (), NULL,
                                                                       NULL, &error);
  g_autoptr(JsonNode) node = hr_check_result_to_json (res);
  JsonObject *co = json_node_get_object (node), *net, *ds, *sim;
  JsonArray *receivers, *levels;
  guint n_simulated = 0;

  net = json_array_get_object_element (json_object_get_array_member (co, "nets"), 0);
  receivers = json_object_get_array_member (net, "receivers");
  ds = json_array_get_object_element (receivers, 0);
  sim = json_array_get_object_element (receivers, 1);
  g_assert_cmpstr (json_object_get_string_member (ds, "thresholds"), ==, "datasheet");
  g_assert_true (json_node_is_null (json_object_get_member (ds, "threshold_model")));
  g_assert_cmpstr (json_object_get_string_member (sim, "thresholds"), ==, "simulated");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sim, "threshold_model"),
                                   "inv, level 1"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (sim, "vil_v"), 1.1563, MV);
  g_assert_cmpfloat (json_object_get_double_member (sim, "datasheet_vil_v"), ==,
                     json_object_get_double_member (ds, "vil_v"));
  /* The simulated levels are listed apart from the datasheet's of the same family and
   * supply. */
  levels = json_object_get_array_member (co, "levels");
  g_assert_cmpuint (json_array_get_length (levels), ==, 3);
  for (guint i = 0; i < json_array_get_length (levels); i++)
    {
      JsonArray *flags = json_object_get_array_member (json_array_get_object_element (levels, i),
                                                       "input_flags");

      for (guint k = 0; k < json_array_get_length (flags); k++)
        n_simulated += g_strcmp0 (json_array_get_string_element (flags, k), "simulated") == 0;
    }
  g_assert_cmpuint (n_simulated, ==, 1);
}

/* ---------------------------------------------------------------------------------------- */
/* The matrix                                                                               */

static guint
index_of (const HrMatrixResult *m, const char *family)
{
  for (guint i = 0; i < m->families->len; i++)
    if (strcmp (m->families->pdata[i], family) == 0)
      return i;
  g_assert_not_reached ();
}

static void
test_matrix_nominal (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HrMatrixResult) m = hr_margins_matrix (lib, NAN, NULL, &error);
  guint n, ls, hc, hct, lvc, auc;

  g_assert_no_error (error);
  n = m->families->len;
  g_assert_cmpuint (n, ==, hr_family_library_get_families (lib)->len);
  g_assert_cmpuint (m->cells->len, ==, n * n);
  g_assert_true (isnan (m->vcc_v));
  ls = index_of (m, "74LS");
  hc = index_of (m, "74HC");
  hct = index_of (m, "74HCT");
  lvc = index_of (m, "74LVC");
  auc = index_of (m, "74AUC");
  g_assert_cmpfloat (*(double *) m->vccs->pdata[lvc], ==, 3.3);
  g_assert_cmpfloat (*(double *) m->vccs->pdata[auc], ==, 1.8);
  for (guint i = 0; i < n * n; i++)
    g_assert_nonnull (m->cells->pdata[i]);
  /* rows drive, columns receive */
  g_assert_cmpstr (hr_matrix_result_get (m, ls, hc)->driver->family, ==, "74LS");
  g_assert_cmpint (hr_matrix_result_get (m, ls, hc)->verdict, ==, HR_VERDICT_FAIL);
  g_assert_cmpint (hr_matrix_result_get (m, ls, hct)->verdict, ==, HR_VERDICT_PASS);
  g_assert_cmpint (hr_matrix_result_get (m, hc, lvc)->verdict, ==, HR_VERDICT_PASS);
  g_assert_cmpint (hr_matrix_result_get (m, hc, auc)->verdict, ==, HR_VERDICT_FAIL);
  g_assert_cmpuint (hr_matrix_result_get (m, hc, ls)->fanout, ==, 1);
  for (guint i = 0; i < n; i++)   /* every family works with itself at its nominal supply */
    g_assert_cmpint (hr_matrix_result_get (m, i, i)->verdict, !=, HR_VERDICT_FAIL);
}

static void
test_matrix_at_vcc (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMatrixResult) m33 = hr_margins_matrix (lib, 3.3, NULL, NULL);
  g_autoptr(HrMatrixResult) m5 = hr_margins_matrix (lib, 5.0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  static const char *const at33[] = { "74HC", "74AC", "74AHC", "74LVC", "LVTTL", "LVCMOS33" };
  static const char *const at5[] = { "74HC", "74HCT", "74LS", "74ALS", "74F", "74AC", "74ACT",
                                     "74AHC", "74AHCT", "CD4000B" };

  g_assert_cmpuint (m33->families->len, ==, G_N_ELEMENTS (at33));
  for (guint i = 0; i < G_N_ELEMENTS (at33); i++)
    g_assert_cmpstr (m33->families->pdata[i], ==, at33[i]);
  g_assert_cmpuint (m5->families->len, ==, G_N_ELEMENTS (at5));
  for (guint i = 0; i < G_N_ELEMENTS (at5); i++)
    g_assert_cmpstr (m5->families->pdata[i], ==, at5[i]);
  g_assert_cmpfloat (m5->vcc_v, ==, 5.0);
  g_assert_null (hr_margins_matrix (lib, -1, NULL, &error));
  g_assert_error (error, HR_NOISE_ERROR, HR_NOISE_ERROR_INVALID);
}

/* ---------------------------------------------------------------------------------------- */
/* JSON                                                                                     */

static JsonObject *
object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static void
test_json_pair (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrMarginResult) r = pair (lib, "74AC", 3.0, "74LS", 5.0, 40, 0, 0, NAN);
  g_autoptr(JsonNode) node = hr_margin_result_to_json (r);
  JsonObject *o = object (node), *drv, *f0;
  JsonArray *levels, *findings;
  g_autofree char *text = json_to_string (node, FALSE);

  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "inf"));
  drv = json_object_get_object_member (o, "driver");
  g_assert_cmpstr (json_object_get_string_member (drv, "family"), ==, "74AC");
  g_assert_cmpfloat (json_object_get_double_member (drv, "vcc_v"), ==, 3.0);
  g_assert_cmpint (json_object_get_int_member (o, "fanout"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (o, "fanout_max"), ==, 30);
  g_assert_true (json_node_is_null (json_object_get_member (o, "nml_v")));
  g_assert_true (json_node_is_null (json_object_get_member (o, "vol_v")));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "load_low_a"), 16e-3, 1e-12);
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "fail");
  findings = json_object_get_array_member (o, "findings");
  f0 = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (f0, "kind"), ==, "fanout-low");
  g_assert_cmpstr (json_object_get_string_member (f0, "verdict"), ==, "fail");
  g_assert_true (strlen (json_object_get_string_member (f0, "text")) > 20);
  levels = json_object_get_array_member (o, "levels");
  g_assert_cmpuint (json_array_get_length (levels), ==, 2);
  {
    JsonObject *l = json_array_get_object_element (levels, 1);
    JsonObject *p = json_array_get_object_element (json_object_get_array_member (l, "vol"), 1);

    g_assert_cmpstr (json_object_get_string_member (l, "family"), ==, "74LS");
    g_assert_cmpfloat (json_object_get_double_member (l, "iil_a"), ==, -0.4e-3);
    g_assert_cmpfloat (json_object_get_double_member (p, "current_a"), ==, 8e-3);
    g_assert_cmpfloat (json_object_get_double_member (p, "temp_max_c"), ==, 70);
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (l, "sources"), 0),
                     ==, "TI SN74LS00, SDLS025B");
  }
}

static void
test_json_levels_flags (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) l = levels (lib, "74HC", 5.0);
  g_autoptr(JsonNode) node = hr_levels_to_json (l);
  JsonObject *o = object (node);
  JsonArray *flags = json_object_get_array_member (o, "input_flags");

  g_assert_cmpuint (json_array_get_length (flags), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (flags, 0), ==, "interpolated");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "vih_v"), 3.5, 1e-9);
  g_assert_nonnull (strstr (json_object_get_string_member (o, "note"), "interpolated"));
  g_assert_cmpfloat (json_object_get_double_member (o, "temp_max_default_c"), ==, 85);
}

static void
test_json_check_and_matrix (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) c = demo_circuit ();
  g_autoptr(HrCheckResult) res = hr_margins_check_circuit (c, lib, NULL, NULL);
  g_autoptr(HrMatrixResult) m = hr_margins_matrix (lib, 5.0, NULL, NULL);
  g_autoptr(JsonNode) cn = hr_check_result_to_json (res);
  g_autoptr(JsonNode) mn = hr_matrix_result_to_json (m);
  JsonObject *co = object (cn), *mo = object (mn), *net;
  JsonArray *cells;

  g_assert_cmpstr (json_object_get_string_member (co, "circuit"), ==, "demo");
  g_assert_cmpint (json_object_get_int_member (co, "n_fail"), ==, 2);
  net = json_array_get_object_element (json_object_get_array_member (co, "nets"), 0);
  g_assert_cmpstr (json_object_get_string_member (net, "net"), ==, "fan");
  g_assert_true (json_node_is_null (json_object_get_member (net, "worst_margin_v")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (net, "receivers")),
                    ==, 3);
  /* 74HC@5, 74HCT@5, 74LVC@3.3, LVCMOS25@2.5, LVTTL@3.3, 74LS@5, 74HC@4.5 */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (co, "levels")), ==, 7);

  g_assert_cmpfloat (json_object_get_double_member (mo, "vcc_v"), ==, 5.0);
  cells = json_object_get_array_member (mo, "cells");
  g_assert_cmpuint (json_array_get_length (cells), ==, 10);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (cells, 0)), ==, 10);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (mo, "levels")), ==, 10);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (mo, "vccs_v")), ==, 10);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (derived); i++)
    {
      g_autofree char *path = g_strdup_printf ("/margins/derived/%02u-%s-%g", i,
                                               derived[i].family, derived[i].vcc);
      g_test_add_data_func (path, &derived[i], test_derived);
    }
  for (guint i = 0; i < G_N_ELEMENTS (interfacing); i++)
    {
      g_autofree char *path = g_strdup_printf ("/margins/interfacing/%02u-%s-%g-to-%s-%g", i,
                                               interfacing[i].driver, interfacing[i].dvcc,
                                               interfacing[i].receiver, interfacing[i].rvcc);
      g_test_add_data_func (path, &interfacing[i], test_interfacing);
    }
  g_test_add_func ("/margins/words/ls-to-hc", test_words_ls_to_hc);
  g_test_add_func ("/margins/words/overvoltage", test_words_overvoltage);
  g_test_add_func ("/margins/words/translator", test_words_translator);
  g_test_add_func ("/margins/words/marginal", test_words_marginal);
  g_test_add_func ("/margins/delta-icc", test_delta_icc);
  g_test_add_func ("/margins/data-note", test_data_note);
  g_test_add_func ("/margins/fanout/cmos", test_fanout_cmos);
  g_test_add_func ("/margins/fanout/beyond-points", test_fanout_beyond_points);
  g_test_add_func ("/margins/fanout/rated", test_fanout_rated);
  g_test_add_func ("/margins/options", test_options);
  g_test_add_func ("/margins/marginal-threshold", test_marginal_threshold);
  g_test_add_func ("/margins/strings", test_strings);
  g_test_add_func ("/margins/circuit/check", test_check_circuit);
  g_test_add_func ("/margins/circuit/errors", test_check_circuit_errors);
  g_test_add_func ("/margins/circuit/model", test_check_circuit_model);
  g_test_add_func ("/margins/circuit/model-not-restoring", test_check_circuit_model_not_restoring);
  g_test_add_func ("/margins/circuit/model-errors", test_check_circuit_model_errors);
  g_test_add_func ("/margins/json/check-model", test_json_check_model);
  g_test_add_func ("/margins/matrix/nominal", test_matrix_nominal);
  g_test_add_func ("/margins/matrix/at-vcc", test_matrix_at_vcc);
  g_test_add_func ("/margins/json/pair", test_json_pair);
  g_test_add_func ("/margins/json/levels-flags", test_json_levels_flags);
  g_test_add_func ("/margins/json/check-and-matrix", test_json_check_and_matrix);
  status = g_test_run ();
  g_clear_object (&shared);
  return status;
}
