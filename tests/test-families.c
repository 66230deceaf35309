/* test-families.c — the logic-family library: the shipped data, lookup, levels at a supply,
 * interpolation, supply-range errors, output levels at a load and temperature, and the
 * validation of families files.
 *
 * Expected values are the datasheet numbers of reference/logic-families.md §1–2, each with
 * the document it comes from. The data are exact decimals, so 1 µV is tolerance enough. */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "headroom-circuits.h"
#include "corpus-util.h"

#define EPS 1e-6

static HrFamilyLibrary *
library (void)
{
  g_autoptr(GError) error = NULL;
  HrFamilyLibrary *lib = hr_family_library_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (lib);
  return lib;
}

static HrLevels *
levels (HrFamilyLibrary *lib, const char *name, double vcc)
{
  g_autoptr(GError) error = NULL;
  HrFamily *f = hr_family_library_lookup (lib, name, &error);
  HrLevels *l;

  g_assert_no_error (error);
  l = hr_family_levels_at (f, vcc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (l);
  return l;
}

static double
output_at (const HrLevels *l, gboolean high, double load, double temp)
{
  g_autoptr(GError) error = NULL;
  double v = NAN;

  gboolean ok = hr_levels_output_at_temp (l, high, load, temp, &v, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  return v;
}

/* ---------------------------------------------------------------------------------------- */

static void
test_default_library (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  static const char *const expected[] = {
    "74HC", "74HCT", "74LS", "74ALS", "74F", "74AC", "74ACT", "74AHC", "74AHCT", "74LVC",
    "74AUC", "CD4000B", "LVTTL", "LVCMOS33", "LVCMOS25", "LVCMOS18", "LVCMOS15", "LVCMOS12",
  };
  GPtrArray *fams = hr_family_library_get_families (lib);
  g_autofree char *known = hr_family_library_known_names (lib);

  g_assert_cmpuint (fams->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < fams->len; i++)
    g_assert_cmpstr (hr_family_get_name (g_ptr_array_index (fams, i)), ==, expected[i]);
  g_assert_true (g_str_has_prefix (known, "74HC, 74HCT, 74LS, "));
  g_assert_true (G_TYPE_IS_BOXED (HR_TYPE_FAMILY_LIBRARY));
  g_assert_true (G_TYPE_IS_BOXED (HR_TYPE_LEVELS));
}

/* Every family and supply of reference/logic-families.md §1–2 gives levels. */
static void
test_reference_supplies (void)
{
  static const struct { const char *name; double vcc; } rows[] = {
    { "74HC", 2.0 }, { "74HC", 4.5 }, { "74HC", 6.0 }, { "74HCT", 4.5 }, { "74HCT", 5.5 },
    { "74LS", 4.75 }, { "74LS", 5.25 }, { "74ALS", 4.5 }, { "74ALS", 5.5 }, { "74F", 4.5 },
    { "74F", 5.0 }, { "74AC", 3.0 }, { "74AC", 4.5 }, { "74AC", 5.5 }, { "74ACT", 4.5 },
    { "74ACT", 5.5 }, { "74AHC", 2.0 }, { "74AHC", 3.0 }, { "74AHC", 4.5 }, { "74AHC", 5.5 },
    { "74AHCT", 5.0 }, { "74LVC", 3.3 }, { "74LVC", 1.8 }, { "74AUC", 0.8 }, { "74AUC", 1.8 },
    { "74AUC", 2.5 }, { "CD4000B", 5 }, { "CD4000B", 10 }, { "CD4000B", 15 }, { "LVTTL", 3.3 },
    { "LVCMOS33", 3.3 }, { "LVCMOS25", 2.5 }, { "LVCMOS18", 1.8 }, { "LVCMOS15", 1.5 },
    { "LVCMOS12", 1.2 },
  };
  g_autoptr(HrFamilyLibrary) lib = library ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(HrLevels) l = levels (lib, rows[i].name, rows[i].vcc);
      g_assert_cmpfloat_with_epsilon (l->vcc_v, rows[i].vcc, EPS);
      g_assert_true (l->voh->len > 0 && l->vol->len > 0);
      g_assert_true (l->source != NULL && *l->source);
      g_assert_true (l->vil_v <= l->vih_v);
    }
}

/* VIH / VIL at each tabulated supply, from the datasheets of §1–2. */
static void
test_thresholds (void)
{
  static const struct { const char *name; double vcc, vih, vil; } rows[] = {
    { "74HC", 2.0, 1.5, 0.5 },      /* onsemi MM74HC04 */
    { "74HC", 4.5, 3.15, 1.35 },    /* onsemi MM74HC04 */
    { "74HC", 6.0, 4.2, 1.8 },      /* onsemi MM74HC04 */
    { "74HCT", 4.5, 2.0, 0.8 },     /* Fairchild MM74HCT00 */
    { "74LS", 5.0, 2.0, 0.8 },      /* TI SN74LS00, SDLS025B */
    { "74ALS", 5.0, 2.0, 0.8 },     /* TI SDAS187A */
    { "74F", 5.0, 2.0, 0.8 },       /* Philips 74F00 */
    { "74AC", 3.0, 2.1, 0.9 },      /* onsemi MC74AC32 */
    { "74AC", 5.5, 3.85, 1.65 },    /* onsemi MC74AC32 */
    { "74ACT", 5.0, 2.0, 0.8 },     /* TI SN74ACT00 */
    { "74AHC", 3.0, 2.1, 0.9 },     /* NXP 74AHC04 */
    { "74AHC", 4.5, 3.15, 1.35 },   /* onsemi MC74VHC1G00 */
    { "74AHCT", 5.5, 2.0, 0.8 },    /* TI SN74AHCT1G04-Q1 */
    { "74LVC", 3.3, 2.0, 0.8 },     /* Hitachi HD74LVC04 */
    { "74LVC", 1.8, 1.17, 0.63 },   /* 0.65/0.35 VCC: NXP 74LVC1G04, onsemi NC7SP04 */
    { "74AUC", 1.8, 1.17, 0.63 },   /* 0.65/0.35 VCC: TI SN74AUC1G04 */
    { "74AUC", 2.5, 1.7, 0.7 },     /* TI SN74AUC1G04 */
    { "74AUC", 0.8, 0.8, 0.0 },     /* TI SN74AUC1G04: VIH = VCC, VIL = 0 [unconfirmed] */
    { "CD4000B", 5, 3.5, 1.5 },     /* National CD4001BC */
    { "CD4000B", 10, 7.0, 3.0 },    /* National CD4001BC */
    { "CD4000B", 15, 11.0, 4.0 },   /* National CD4001BC */
    { "LVTTL", 3.3, 2.0, 0.8 },     /* JESD8-B via TI TMS320F2810 [secondary] */
    { "LVCMOS25", 2.3, 1.7, 0.7 },  /* JESD8-5 via Altera MAX II [secondary] */
    { "LVCMOS18", 1.65, 1.0725, 0.5775 }, /* JESD8-7 0.65/0.35 VDD [secondary] */
    { "LVCMOS15", 1.5, 0.975, 0.525 },    /* JESD8-11 [secondary] */
    { "LVCMOS12", 1.2, 0.78, 0.42 },      /* JESD8-12A via Microsemi IGLOO nano */
  };
  g_autoptr(HrFamilyLibrary) lib = library ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(HrLevels) l = levels (lib, rows[i].name, rows[i].vcc);
      g_test_message ("%s at %g V", rows[i].name, rows[i].vcc);
      g_assert_cmpfloat_with_epsilon (l->vih_v, rows[i].vih, EPS);
      g_assert_cmpfloat_with_epsilon (l->vil_v, rows[i].vil, EPS);
    }
}

static void
test_lookup (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(GError) error = NULL;
  HrFamily *hc = hr_family_library_lookup (lib, "74HC", NULL);

  g_assert_nonnull (hc);
  g_assert_true (hr_family_library_lookup (lib, "hc", NULL) == hc);
  g_assert_true (hr_family_library_lookup (lib, "  74hc ", NULL) == hc);
  g_assert_cmpstr (hr_family_get_name (hr_family_library_lookup (lib, "LVCMOS3.3", NULL)), ==,
                   "LVCMOS33");
  g_assert_cmpstr (hr_family_get_name (hr_family_library_lookup (lib, "4000B", NULL)), ==,
                   "CD4000B");
  g_assert_cmpstr (hr_family_get_aliases (hc)[0], ==, "HC");
  g_assert_cmpstr (hr_family_get_title (hc), ==, "High-speed CMOS");
  g_assert_cmpstr (hr_family_get_kind (hc), ==, "cmos");
  g_assert_cmpstr (hr_family_get_kind (hr_family_library_lookup (lib, "HCT", NULL)), ==,
                   "cmos-ttl-inputs");
  g_assert_nonnull (hr_family_get_notes (hc));

  g_assert_null (hr_family_library_lookup (lib, "74HX", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_UNKNOWN_FAMILY);
  g_assert_nonnull (strstr (error->message, "\"74HX\""));
  g_assert_nonnull (strstr (error->message, "known: 74HC, 74HCT, 74LS"));
  g_assert_null (hr_family_library_lookup (lib, "", NULL));
}

static void
test_supplies (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  HrFamily *hc = hr_family_library_lookup (lib, "74HC", NULL);
  HrFamily *lvc = hr_family_library_lookup (lib, "74LVC", NULL);
  HrFamily *cd = hr_family_library_lookup (lib, "CD4000B", NULL);
  GArray *s = hr_family_get_supplies (hc);
  g_autofree char *d_hc = hr_family_describe_supplies (hc);
  g_autofree char *d_lvc = hr_family_describe_supplies (lvc);
  g_autofree char *d_cd = hr_family_describe_supplies (cd);

  g_assert_cmpuint (s->len, ==, 3);
  g_assert_cmpfloat (g_array_index (s, double, 0), ==, 2.0);
  g_assert_cmpfloat (g_array_index (s, double, 2), ==, 6.0);
  g_assert_cmpfloat (hr_family_get_vcc_min (hc), ==, 2.0);
  g_assert_cmpfloat (hr_family_get_vcc_max (hc), ==, 6.0);
  g_assert_cmpfloat (hr_family_get_vcc_nominal (hc), ==, 5.0);
  g_assert_true (hr_family_interpolates (hc));
  g_assert_false (hr_family_interpolates (lvc));
  g_assert_cmpfloat (hr_family_get_vcc_nominal (lvc), ==, 3.3);
  g_assert_cmpuint (hr_family_get_supplies (lvc)->len, ==, 4);   /* 1.65 1.95 2.7 3.6 */
  g_assert_cmpstr (d_hc, ==, "2–6 V (tabulated at 2, 4.5 and 6 V; input thresholds "
                             "interpolated between)");
  g_assert_cmpstr (d_lvc, ==, "1.65–1.95 V, 2.7–3.6 V");
  g_assert_cmpstr (d_cd, ==, "5 V, 10 V, 15 V");
}

/* 74HC at 5 V: VIH/VIL interpolated between the 4.5 V and 6 V columns (0.7/0.3 VCC), output
 * levels the 4.5 V ones (MM74HC04 note 3). Reference §4 uses VIH 3.5 V at 5 V. */
static void
test_interpolation (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) hc5 = levels (lib, "74HC", 5.0);
  g_autoptr(HrLevels) hc33 = levels (lib, "74HC", 3.3);
  g_autoptr(HrLevels) ac5 = levels (lib, "74AC", 5.0);
  g_autoptr(HrLevels) ahc5 = levels (lib, "74AHC", 5.0);
  HrLevelFlags flags = 0;
  double v, at;

  g_assert_cmpfloat_with_epsilon (hc5->vih_v, 3.5, EPS);
  g_assert_cmpfloat_with_epsilon (hc5->vil_v, 1.5, EPS);
  g_assert_true (hc5->input_flags & HR_LEVEL_INTERPOLATED);
  g_assert_nonnull (strstr (hc5->note, "interpolated"));
  g_assert_nonnull (strstr (hc5->note, "4.5 V and 6 V"));
  g_assert_true (hr_levels_output_at (hc5, TRUE, 1e-6, &v, &at, &flags, NULL));
  g_assert_cmpfloat_with_epsilon (v, 4.4, EPS);   /* the 4.5 V CMOS-load VOH */
  g_assert_cmpfloat_with_epsilon (at, -20e-6, 1e-12);
  g_assert_true (flags & HR_LEVEL_INTERPOLATED);
  g_assert_cmpfloat_with_epsilon (output_at (hc5, TRUE, 4e-3, 85), 3.84, EPS);
  g_assert_cmpfloat_with_epsilon (hc5->ioh_max_a, -4e-3, 1e-12);   /* the weaker column */
  g_assert_cmpfloat_with_epsilon (hc5->vin_max_v, 5.0, EPS);

  /* Between 2 V (1.5) and 4.5 V (3.15): linear. */
  g_assert_cmpfloat_with_epsilon (hc33->vih_v, 1.5 + (3.3 - 2.0) / 2.5 * 1.65, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (hc33, TRUE, 1e-6, 85), 1.9, EPS);

  /* 74AC and 74AHC: 0.7 / 0.3 VCC at their columns, so 3.5 / 1.5 V at 5 V. */
  g_assert_cmpfloat_with_epsilon (ac5->vih_v, 3.5, EPS);
  g_assert_cmpfloat_with_epsilon (ac5->vil_v, 1.5, EPS);
  g_assert_cmpfloat_with_epsilon (ahc5->vih_v, 3.5, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (ahc5, TRUE, 8e-3, 85), 3.80, EPS);
}

static void
test_fraction_and_offset (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) lvc18 = levels (lib, "74LVC", 1.8);
  g_autoptr(HrLevels) lvc33 = levels (lib, "74LVC", 3.3);
  g_autoptr(HrLevels) hct5 = levels (lib, "74HCT", 5.0);
  g_autoptr(HrLevels) als45 = levels (lib, "74ALS", 4.5);
  g_autoptr(HrLevels) cm15 = levels (lib, "LVCMOS15", 1.5);

  g_assert_true (lvc18->input_flags & HR_LEVEL_FRACTION);
  g_assert_false (lvc33->input_flags & HR_LEVEL_FRACTION);
  g_assert_cmpfloat_with_epsilon (output_at (lvc33, TRUE, 1e-6, 85), 3.1, EPS); /* VCC - 0.2 */
  g_assert_cmpfloat_with_epsilon (output_at (hct5, TRUE, 1e-6, 85), 4.9, EPS);  /* VCC - 0.1 */
  g_assert_cmpfloat_with_epsilon (output_at (als45, TRUE, 1e-6, 70), 2.5, EPS); /* VCC - 2 */
  g_assert_cmpfloat_with_epsilon (output_at (cm15, TRUE, 2e-3, 85), 1.125, EPS); /* 0.75 VDD */
  g_assert_cmpfloat_with_epsilon (output_at (cm15, FALSE, 2e-3, 85), 0.375, EPS); /* 0.25 VDD */
  g_assert_cmpfloat_with_epsilon (lvc33->vin_max_v, 5.5, EPS);  /* 5-V tolerant */
  g_assert_cmpfloat_with_epsilon (lvc18->vin_max_v, 5.5, EPS);
  g_assert_cmpfloat_with_epsilon (hct5->vin_max_v, 5.0, EPS);   /* VCC */
  g_assert_cmpfloat_with_epsilon (hct5->delta_icc_a, 0.5e-3, 1e-12);
}

static void
assert_range_error (HrFamilyLibrary *lib, const char *name, double vcc, const char *text)
{
  g_autoptr(GError) error = NULL;
  HrFamily *f = hr_family_library_lookup (lib, name, NULL);
  g_autoptr(HrLevels) l = hr_family_levels_at (f, vcc, &error);

  g_assert_null (l);
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VCC_RANGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, text));
}

static void
test_range_errors (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(GError) error = NULL;

  assert_range_error (lib, "74HC", 7.0, "outside the datasheet's supply range (2–6 V)");
  assert_range_error (lib, "74HC", 1.5, "2–6 V");
  assert_range_error (lib, "74LS", 4.5, "4.75–5.25 V");
  assert_range_error (lib, "74HCT", 3.3, "4.5–5.5 V");
  /* 74LVC: two disjoint ranges; between them is an error naming both. */
  assert_range_error (lib, "74LVC", 2.5, "between the datasheet's supplies 1.95 V and 2.7 V");
  assert_range_error (lib, "74LVC", 2.5, "1.65–1.95 V, 2.7–3.6 V");
  assert_range_error (lib, "74AUC", 1.0, "0.8 V, 1.1–1.95 V, 2.3–2.7 V");
  /* CD4000B is tabulated at 5/10/15 V with no rule in between. */
  assert_range_error (lib, "CD4000B", 12.0, "5 V, 10 V, 15 V");
  assert_range_error (lib, "LVCMOS18", 3.3, "1.65–1.95 V");

  g_assert_null (hr_family_levels_at (hr_family_library_lookup (lib, "74HC", NULL), NAN,
                                      &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE);
}

static void
test_range_rows (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) f50 = levels (lib, "74F", 5.0);
  g_autoptr(HrLevels) f45 = levels (lib, "74F", 4.5);
  g_autoptr(HrLevels) f55 = levels (lib, "74F", 5.5);
  g_autoptr(HrLevels) hct475 = levels (lib, "74HCT", 4.75);

  /* Philips 74F00: VOH 2.7 V for VCC ±5 %, 2.5 V for ±10 %. */
  g_assert_cmpfloat_with_epsilon (output_at (f50, TRUE, 1e-3, 70), 2.7, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (f45, TRUE, 1e-3, 70), 2.5, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (f55, TRUE, 1e-3, 70), 2.5, EPS);
  /* Inside a range row, VCC - 0.1 V at VCC itself (MM74HCT00). */
  g_assert_cmpfloat_with_epsilon (hct475->vcc_v, 4.75, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (hct475, TRUE, 20e-6, 85), 4.65, EPS);
}

/* The lightest tabulated load at or above the one asked, read at the temperature asked. */
static void
test_output_at (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) hc = levels (lib, "74HC", 4.5);
  g_autoptr(HrLevels) ac = levels (lib, "74AC", 4.5);
  g_autoptr(HrLevels) ls = levels (lib, "74LS", 5.0);
  g_autoptr(GError) error = NULL;
  double v = 0, at = 0;

  /* MM74HC04 at 4.5 V: 4.4 V at 20 µA; 3.98 / 3.84 / 3.70 V at 4 mA. */
  g_assert_cmpfloat_with_epsilon (output_at (hc, TRUE, 0, 85), 4.4, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (hc, TRUE, 20e-6, 85), 4.4, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (hc, TRUE, 21e-6, 85), 3.84, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (hc, TRUE, 4e-3, 25), 3.98, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (hc, TRUE, 4e-3, 85), 3.84, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (hc, TRUE, 4e-3, 125), 3.70, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (hc, FALSE, 4e-3, 125), 0.40, EPS);
  g_assert_true (hr_levels_output_at (hc, FALSE, 4e-3, &v, &at, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (v, 0.33, EPS);          /* default: -40…85 °C */
  g_assert_cmpfloat_with_epsilon (at, 4e-3, 1e-12);

  g_assert_false (hr_levels_output_at (hc, TRUE, 5e-3, &v, NULL, NULL, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "heaviest load there is 4mA"));
  g_clear_error (&error);
  g_assert_false (hr_levels_output_at (hc, TRUE, -1e-3, &v, NULL, NULL, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE);
  g_clear_error (&error);

  /* 74AC's datasheets cover -40…85 °C: nothing is guaranteed at 125 °C. */
  g_assert_cmpfloat_with_epsilon (output_at (ac, TRUE, 24e-3, 25), 3.86, EPS);
  g_assert_false (hr_levels_output_at_temp (ac, TRUE, 50e-6, 125, &v, NULL, NULL, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "guarantees no VOH at 125 °C"));
  g_clear_error (&error);

  /* SN74LS00 is rated 0…70 °C: the default temperature is 70 °C, not 85. */
  g_assert_cmpfloat (ls->temp_max_default_c, ==, 70);
  g_assert_true (hr_levels_output_at (ls, FALSE, 5e-3, &v, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (v, 0.5, EPS);
  g_assert_false (hr_levels_output_at_temp (ls, FALSE, 1e-3, 85, &v, NULL, NULL, NULL));
}

/* A row measured nearer the actual supply replaces the one below it. */
static void
test_nearest_supply_rows (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) lvc27 = levels (lib, "74LVC", 2.7);
  g_autoptr(HrLevels) lvc33 = levels (lib, "74LVC", 3.3);
  g_autoptr(HrLevels) act55 = levels (lib, "74ACT", 5.5);
  g_autoptr(HrLevels) act45 = levels (lib, "74ACT", 4.5);
  g_autoptr(HrLevels) ahc55 = levels (lib, "74AHC", 5.5);
  HrLevelFlags flags = 0;
  double v;

  g_assert_cmpfloat_with_epsilon (output_at (lvc27, TRUE, 12e-3, 85), 2.2, EPS);
  g_assert_false (hr_levels_output_at (lvc27, TRUE, 13e-3, &v, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (output_at (lvc33, TRUE, 12e-3, 85), 2.4, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (lvc33, TRUE, 24e-3, 85), 2.2, EPS); /* 74LCX */
  g_assert_true (hr_levels_output_at (lvc33, TRUE, 16e-3, &v, NULL, &flags, NULL));
  g_assert_cmpfloat_with_epsilon (v, 2.4, EPS);
  g_assert_true (flags & HR_LEVEL_SECONDARY);          /* TI E2E thread */
  /* SN74ACT04-Q1: 4.7 V at -24 mA, VCC 5.5 V, -40…125 °C. */
  g_assert_cmpfloat_with_epsilon (output_at (act55, TRUE, 24e-3, 85), 4.7, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (act45, TRUE, 24e-3, 125), 3.70, EPS);
  /* 74AHC at 5.5 V: the datasheet gives no output levels; the 4.5 V ones, flagged. */
  g_assert_true (hr_levels_output_at (ahc55, TRUE, 8e-3, &v, NULL, &flags, NULL));
  g_assert_cmpfloat_with_epsilon (v, 3.80, EPS);
  g_assert_true (flags & HR_LEVEL_INTERPOLATED);
  g_assert_nonnull (strstr (ahc55->note, "no output levels at 5.5 V"));
  g_assert_false (ahc55->input_flags & HR_LEVEL_INTERPOLATED);
}

/* CD4000B drive is a current at a fixed output voltage that falls with temperature: 0.44 mA
 * at 25 °C, 0.36 mA at 85 °C (National CD4001BC, VDD 5 V, VO 0.4 V). */
static void
test_cd4000_temperature (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) cd = levels (lib, "CD4000B", 5);
  double v;

  g_assert_cmpfloat_with_epsilon (output_at (cd, FALSE, 0.4e-3, 25), 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (cd, FALSE, 0.3e-3, 85), 0.4, EPS);
  g_assert_false (hr_levels_output_at_temp (cd, FALSE, 0.4e-3, 85, &v, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (output_at (cd, TRUE, 0.4e-3, 25), 4.6, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (cd, TRUE, 1e-6, 85), 4.95, EPS);
}

static void
test_flags (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrLevels) lvttl = levels (lib, "LVTTL", 3.3);
  g_autoptr(HrLevels) als = levels (lib, "74ALS", 5.0);
  g_autoptr(HrLevels) hc = levels (lib, "74HC", 4.5);
  g_autofree char *words = hr_level_flags_to_string (HR_LEVEL_UNCONFIRMED | HR_LEVEL_SECONDARY |
                                                     HR_LEVEL_FRACTION);
  g_autofree char *none = hr_level_flags_to_string (0);
  HrLevelFlags flags = 0;
  double v;

  g_assert_true (lvttl->input_flags & HR_LEVEL_SECONDARY);
  g_assert_true (lvttl->current_flags & HR_LEVEL_UNCONFIRMED);
  g_assert_true (hr_levels_output_at (lvttl, TRUE, 1e-3, &v, NULL, &flags, NULL));
  g_assert_true (flags & HR_LEVEL_SECONDARY);
  g_assert_true (flags & HR_LEVEL_UNCONFIRMED);
  g_assert_true (hr_levels_output_at (als, FALSE, 8e-3, &v, NULL, &flags, NULL));
  g_assert_cmpint (flags, ==, HR_LEVEL_UNCONFIRMED);
  g_assert_cmpint (als->input_flags, ==, HR_LEVEL_CONFIRMED);
  g_assert_true (hr_levels_output_at (hc, FALSE, 4e-3, &v, NULL, &flags, NULL));
  g_assert_cmpint (flags, ==, HR_LEVEL_CONFIRMED);
  g_assert_cmpstr (words, ==, "unconfirmed, secondary");
  g_assert_cmpstr (none, ==, "");
  g_assert_nonnull (strstr (lvttl->source, "TMS320F2810"));
  g_assert_nonnull (strstr (lvttl->source, "10 µA assumed"));
}

static void
test_levels_boxed (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  HrLevels *l = levels (lib, "74HC", 4.5);
  HrLevels *copy = g_boxed_copy (HR_TYPE_LEVELS, l);
  HrFamilyLibrary *lib2 = g_boxed_copy (HR_TYPE_FAMILY_LIBRARY, lib);

  g_assert_true (copy == l);
  g_assert_cmpint (l->ref_count, ==, 2);
  g_boxed_free (HR_TYPE_LEVELS, copy);
  hr_levels_unref (l);
  g_boxed_free (HR_TYPE_FAMILY_LIBRARY, lib2);
}

/* ---------------------------------------------------------------------------------------- */
/* Families files                                                                           */

#define GOOD_FAMILY \
  "{\"name\": \"X1\", \"aliases\": [\"XONE\"], \"title\": \"t\", \"kind\": \"cmos\", " \
  "\"nominal\": \"5V\", \"between_supplies\": \"none\", \"source\": \"s\", " \
  "\"iih\": \"1uA\", \"iil\": \"-1uA\", \"ioh_max\": \"-4mA\", \"iol_max\": \"4mA\", " \
  "\"vin_max\": \"VCC\", \"vout_max\": \"VCC\", " \
  "\"temperatures\": [\"25C\", [\"-40C\", \"85C\"]], " \
  "\"supplies\": [{\"vcc\": \"5V\", \"vih\": \"3.5V\", \"vil\": \"1.5V\", " \
  "\"voh\": [{\"at\": \"-4mA\", \"v\": [\"4.1V\", \"4V\"]}], " \
  "\"vol\": [{\"at\": \"4mA\", \"v\": \"0.4V\"}]}]}"

#define GOOD_FILE \
  "{\"format\": \"headroom-families\", \"version\": 1, \"families\": [" GOOD_FAMILY "]}"

/* GOOD_FILE with the first FROM replaced by TO. */
static char *
mutate (const char *from, const char *to)
{
  const char *at = strstr (GOOD_FILE, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - GOOD_FILE), GOOD_FILE, to, at + strlen (from));
}

static void
test_file_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrFamilyLibrary) lib = hr_family_library_new_from_data (GOOD_FILE, -1, "t.json",
                                                                     &error);
  g_autoptr(HrLevels) l = NULL;

  g_assert_no_error (error);
  l = levels (lib, "xone", 5);
  g_assert_cmpfloat_with_epsilon (output_at (l, TRUE, 1e-3, 25), 4.1, EPS);
  g_assert_cmpfloat_with_epsilon (output_at (l, TRUE, 1e-3, 85), 4.0, EPS);
  g_assert_cmpfloat (l->temp_max_default_c, ==, 85);
  g_assert_cmpstr (l->source, ==, "s");
}

/* Overlapping supply entries of which the later reaches higher read as one range. (The range
 * text once stepped past the entry after an overlap, and past the end of the array.) */
static void
test_file_overlapping_supplies (void)
{
  g_autofree char *text = mutate ("\"supplies\": [{\"vcc\": \"5V\",",
                                  "\"supplies\": [{\"vcc\": [\"4.75V\", \"5.5V\"], "
                                  "\"vih\": \"3.5V\", \"vil\": \"1.5V\", "
                                  "\"voh\": [{\"at\": \"-4mA\", \"v\": \"4V\"}], "
                                  "\"vol\": [{\"at\": \"4mA\", \"v\": \"0.4V\"}]}, "
                                  "{\"vcc\": [\"4.5V\", \"5V\"],");
  g_autoptr(GError) error = NULL;
  g_autoptr(HrFamilyLibrary) lib = hr_family_library_new_from_data (text, -1, "t.json",
                                                                     &error);
  g_autofree char *described = NULL;
  g_autoptr(HrLevels) above = NULL;

  g_assert_no_error (error);
  described = hr_family_describe_supplies (hr_family_library_lookup (lib, "X1", NULL));
  g_assert_cmpstr (described, ==, "4.5–5.5 V");
  g_assert_null (hr_family_levels_at (hr_family_library_lookup (lib, "X1", NULL), 6, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VCC_RANGE);
  g_assert_cmpstr (error->message, ==, "X1: VCC 6 V is outside the datasheet's supply range "
                                       "(4.5–5.5 V)");
  above = levels (lib, "X1", 5.25);
  g_assert_cmpfloat_with_epsilon (output_at (above, TRUE, 4e-3, 85), 4.0, EPS);
}

static void
test_file_malformed (void)
{
  static const struct { const char *from, *to; HrCircuitError code; const char *msg; } cases[] = {
    { GOOD_FILE, "", HR_CIRCUIT_ERROR_SYNTAX,
      "t.json: empty file; expected a JSON object such as {\"format\": "
      "\"headroom-families\", \"version\": 1, ...}" },
    { GOOD_FILE, "{\"format\": ", HR_CIRCUIT_ERROR_SYNTAX,
      "t.json:1:12: format: the file ends where a value was expected" },
    { GOOD_FILE, "[]", HR_CIRCUIT_ERROR_FORMAT,
      "t.json:1:1: expected an object {\"format\": "
      "\"headroom-families\", \"version\": 1, ...}, found an array" },
    { "headroom-families", "headroom-circuit", HR_CIRCUIT_ERROR_FORMAT,
      "t.json:1:12: format: \"headroom-circuit\" is not a headroom "
      "families file; expected \"headroom-families\"" },
    { "\"version\": 1", "\"version\": 2", HR_CIRCUIT_ERROR_FORMAT,
      "t.json:1:44: version: 2 is not a version this headroom reads; "
      "it reads 1" },
    { "\"version\": 1", "\"version\": \"1\"", HR_CIRCUIT_ERROR_FORMAT,
      "t.json:1:44: version: expected the integer 1, found a string "
      "(\"1\")" },
    { "\"version\": 1,", "\"version\": 1, \"colour\": 3,", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:47: colour: unknown key; known: format, version, "
      "description, default_temperature, families" },
    { "\"families\": [", "\"families\": [], \"x\": [", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:63: x: unknown key; known: format, version, "
      "description, default_temperature, families" },
    { "\"name\": \"X1\", ", "", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:60: families[0].name: missing; expected a non-empty "
      "string" },
    { "\"kind\": \"cmos\"", "\"kind\": \"ecl\"", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:118: families[0].kind: unknown kind \"ecl\"; known: "
      "cmos, ttl, jedec, cmos-ttl-inputs" },
    { "\"between_supplies\": \"none\"", "\"between_supplies\": \"guess\"",
      HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:163: families[0].between_supplies: \"guess\"; expected "
      "\"interpolate\" or \"none\"" },
    { "\"vih\": \"3.5V\"", "\"vih\": \"3.5Q\"", HR_CIRCUIT_ERROR_UNIT,
      "t.json:1:365: families[0].supplies[0].vih: \"3.5Q\": unknown "
      "unit \"Q\"; expected a voltage such as 3.3V, 5V, 1.8V" },
    { "\"vih\": \"3.5V\"", "\"vih\": 3.5", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:365: families[0].supplies[0].vih: expected a value "
      "with its unit as a string (\"3.3V\"), found a number (3.5)" },
    { "\"vih\": \"3.5V\"", "\"vih\": \"1V\"", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:365: families[0].supplies[0].vih: at VCC 5 V: VIL "
      "1.5 V and VIH 1 V must satisfy 0 <= VIL <= VIH <= VCC" },
    { "\"vih\": \"3.5V\"", "\"vih\": \"6V\"", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:365: families[0].supplies[0].vih: at VCC 5 V: VIL "
      "1.5 V and VIH 6 V must satisfy 0 <= VIL <= VIH <= VCC" },
    { "\"vih\": \"3.5V\"", "\"vih\": {\"fraction\": 1.5}", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:378: families[0].supplies[0].vih.fraction: fraction "
      "1.5 of VCC: must be above 0 and at most 1" },
    { "\"vih\": \"3.5V\"", "\"vih\": {\"offset\": \"0.5V\"}", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:376: families[0].supplies[0].vih.offset: offset 0.5 "
      "V from VCC: a level above VCC is not a datasheet limit; write "
      "it negative (\"-0.1V\" for VCC - 0.1 V)" },
    { "\"vih\": \"3.5V\"", "\"vih\": {\"fraction\": 0.7, \"volts\": \"3.5V\"}",
      HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:365: families[0].supplies[0].vih: give exactly one "
      "of \"volts\", \"fraction\" (of VCC) or \"offset\" (from VCC)" },
    { "\"vih\": \"3.5V\"", "\"vih\": {\"volts\": \"3.5V\", \"flags\": [\"guessed\"]}",
      HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:393: families[0].supplies[0].vih.flags[0]: unknown "
      "flag \"guessed\"; known: unconfirmed, secondary" },
    { "\"at\": \"-4mA\"", "\"at\": \"4mA\"", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:403: families[0].supplies[0].voh[0].at: a VOH load "
      "is sourced by the output: write it negative (\"-4mA\")" },
    { "\"v\": [\"4.1V\", \"4V\"]", "\"v\": [\"4.1V\"]", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:416: families[0].supplies[0].voh[0].v: 1 value for "
      "the family's 2 temperature columns" },
    { "\"v\": [\"4.1V\", \"4V\"]", "\"v\": \"4V\", \"vcc\": \"6V\"", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:429: families[0].supplies[0].voh[0].vcc: 6 V is "
      "outside the supply entry's 5 V (a point's own supply must lie "
      "in its entry's range)" },
    { "\"v\": [\"4.1V\", \"4V\"]", "\"v\": \"5.5V\"", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:416: families[0].supplies[0].voh[0].v: 5.5 V at VCC "
      "5 V is outside 0…VCC" },
    { "\"v\": [\"4.1V\", \"4V\"]", "\"v\": \"4V\", \"colour\": 1", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:422: families[0].supplies[0].voh[0].colour: unknown "
      "key; known: at, v, vcc, temp, flags, source" },
    { "\"vcc\": \"5V\"", "\"vcc\": [\"5.5V\", \"4.5V\"]", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:352: families[0].supplies[0].vcc: the range 5.5–4.5 "
      "V is empty; write the lower supply first" },
    { "\"vcc\": \"5V\", ", "", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:344: families[0].supplies[0].vcc: missing; a supply "
      "entry has \"vcc\": \"4.5V\" or a range [\"4.5V\", \"5.5V\"]" },
    { "\"nominal\": \"5V\"", "\"nominal\": \"3.3V\"", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:137: families[0].nominal: X1: VCC 3.3 V is outside "
      "the datasheet's supply range (5 V)" },
    { "\"source\": \"s\", ", "", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:329: families[0].supplies[0].source: missing; every "
      "number needs the document it comes from (give \"source\" in the "
      "supply entry or the family)" },
    { "\"iil\": \"-1uA\"", "\"iil\": \"1uA\"", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:207: families[0].iil: must be 0 or negative (a "
      "current out of the pin)" },
    { "\"ioh_max\": \"-4mA\", ", "", HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:325: families[0].supplies[0].ioh_max: missing; give "
      "it in the supply entry, or in the family for all its supplies" },
    { "\"voh\": [{\"at\": \"-4mA\", \"v\": [\"4.1V\", \"4V\"]}], ", "",
      HR_CIRCUIT_ERROR_SCHEMA,
      "t.json:1:344: families[0].supplies[0].voh: missing; give both "
      "\"voh\" and \"vol\", or neither (then the supply below's are used)" },
    { "\"aliases\": [\"XONE\"]", "\"aliases\": [\"X1\"]", HR_CIRCUIT_ERROR_DUPLICATE,
      "t.json:1:87: families[0].aliases[0]: \"X1\" is already a name "
      "of families[0] (X1); names and aliases are unique, compared "
      "without case" },
    { "\"temperatures\": [\"25C\", [\"-40C\", \"85C\"]]",
      "\"temperatures\": [\"25C\", [\"85C\", \"-40C\"]]", HR_CIRCUIT_ERROR_VALUE,
      "t.json:1:313: families[0].temperatures[1]: the range runs "
      "from 85 °C down to -40 °C; write the lower end first" },
    { "\"title\": \"t\"", "\"title\": \"\\u00ff\\ud800\"", HR_CIRCUIT_ERROR_SYNTAX,
      "t.json:1:112: families[0].title: unpaired high surrogate "
      "\\uD800; write the character itself" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mutate (cases[i].from, cases[i].to);
      g_autoptr(GError) error = NULL;
      g_autoptr(HrFamilyLibrary) lib = hr_family_library_new_from_data (text, -1, "t.json",
                                                                         &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(loaded)");
      g_assert_null (lib);
      g_assert_nonnull (error);
      g_assert_true (error->domain == HR_CIRCUIT_ERROR);
      g_assert_cmpint (error->code, ==, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].msg);
    }
}

static void
test_file_duplicate_families (void)
{
  const char *text = "{\"format\": \"headroom-families\", \"version\": 1, \"families\": ["
                     GOOD_FAMILY ", " GOOD_FAMILY "]}";
  g_autoptr(GError) error = NULL;

  g_assert_null (hr_family_library_new_from_data (text, -1, "t.json", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==,
                   "t.json:1:483: families[1].name: \"X1\" is already a name of families[0] "
                   "(X1); names and aliases are unique, compared without case");
}

/* Strict JSON before json-glib sees it: UTF-8, bounded nesting, no duplicate keys. */
static void
test_file_strict_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"format\": \"headroom-families\", \"x\": ");
  g_autofree char *dup = mutate ("\"title\": \"t\"", "\"title\": \"t\", \"title\": \"u\"");

  g_assert_null (hr_family_library_new_from_data ("{\"format\": \"\xff\"}", -1, "t.json",
                                                  &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "t.json:1:13: "));
  g_clear_error (&error);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (hr_family_library_new_from_data (deep->str, -1, "t.json", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_null (hr_family_library_new_from_data (dup, -1, "t.json", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "families[0]"));
  g_clear_error (&error);

  g_assert_null (hr_family_library_new_from_data (" \n ", -1, "t.json", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "headroom-families"));
}

static void
test_file_io (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "circuits", "data",
                                                 "families.json", NULL);
  g_autoptr(HrFamilyLibrary) shipped = hr_family_library_new_from_file (path, &error);
  g_autoptr(HrFamilyLibrary) builtin = library ();
  g_autofree char *a = NULL, *b = NULL;

  /* The installed file and the embedded resource are one file. */
  g_assert_no_error (error);
  a = hr_family_library_known_names (shipped);
  b = hr_family_library_known_names (builtin);
  g_assert_cmpstr (a, ==, b);

  g_assert_null (hr_family_library_new_from_file ("/nonexistent/families.json", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "/nonexistent/families.json: cannot open: No such file "
                   "or directory");
  g_clear_error (&error);

  /* A file (or a device) without end is refused after 16 MiB, not read whole. */
  g_assert_null (hr_family_library_new_from_file ("/dev/zero", &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "/dev/zero: larger than 16 MiB (16777216 bytes), the "
                   "most a families file may have");
}

/* ---------------------------------------------------------------------------------------- */
/* The malformed corpus: tests/malformed/families/CATEGORY-what.json and the exact message it */
/* gives in CATEGORY-what.expected, as for circuit files (test-circuit.c); the category names */
/* the error code.                                                                          */

static const CorpusCategory categories[] = {
  { "syntax-", HR_CIRCUIT_ERROR_SYNTAX },
  { "format-", HR_CIRCUIT_ERROR_FORMAT },
  { "schema-", HR_CIRCUIT_ERROR_SCHEMA },
  { "unit-", HR_CIRCUIT_ERROR_UNIT },
  { "value-", HR_CIRCUIT_ERROR_VALUE },
  { "duplicate-", HR_CIRCUIT_ERROR_DUPLICATE },
};

static GError *
load_families (const char *data, gsize len, const char *name, gpointer user_data)
{
  GError *error = NULL;
  g_autoptr(HrFamilyLibrary) lib = hr_family_library_new_from_data (data, (gssize) len, name,
                                                                    &error);
  g_assert_true ((lib == NULL) == (error != NULL));
  return error;
}

static void
test_file_malformed_corpus (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "malformed", "families", NULL);

  corpus_check_dir (dir, categories, G_N_ELEMENTS (categories), 20, load_families, NULL);
}

/* The fuzzer's finds (tests/fuzz/regressions/families/): every input that once crashed or
 * hung fuzz-families stays a test. Either outcome is fine; an error must be one of ours and
 * say where. */
static void
test_file_fuzz_regressions (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", "families",
                                                NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(HrFamilyLibrary) lib = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      if (g_str_has_prefix (name, ".") || g_str_has_suffix (name, ".md"))
        continue;
      g_test_message ("%s", name);
      data = corpus_read_text (path, &len);
      lib = hr_family_library_new_from_data (data, (gssize) len, name, &error);
      g_assert_true ((lib == NULL) != (error == NULL));
      if (lib == NULL)
        {
          g_assert_true (error->domain == HR_CIRCUIT_ERROR);
          g_assert_true (g_str_has_prefix (error->message, name));
        }
      n++;
    }
  g_test_message ("%u regression inputs", n);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/families/default-library", test_default_library);
  g_test_add_func ("/families/reference-supplies", test_reference_supplies);
  g_test_add_func ("/families/thresholds", test_thresholds);
  g_test_add_func ("/families/lookup", test_lookup);
  g_test_add_func ("/families/supplies", test_supplies);
  g_test_add_func ("/families/interpolation", test_interpolation);
  g_test_add_func ("/families/fraction-and-offset", test_fraction_and_offset);
  g_test_add_func ("/families/range-errors", test_range_errors);
  g_test_add_func ("/families/range-rows", test_range_rows);
  g_test_add_func ("/families/output-at", test_output_at);
  g_test_add_func ("/families/nearest-supply-rows", test_nearest_supply_rows);
  g_test_add_func ("/families/cd4000-temperature", test_cd4000_temperature);
  g_test_add_func ("/families/flags", test_flags);
  g_test_add_func ("/families/levels-boxed", test_levels_boxed);
  g_test_add_func ("/families/file/good", test_file_good);
  g_test_add_func ("/families/file/malformed", test_file_malformed);
  g_test_add_func ("/families/file/duplicate-families", test_file_duplicate_families);
  g_test_add_func ("/families/file/overlapping-supplies", test_file_overlapping_supplies);
  g_test_add_func ("/families/file/strict-json", test_file_strict_json);
  g_test_add_func ("/families/file/io", test_file_io);
  g_test_add_func ("/families/file/malformed-corpus", test_file_malformed_corpus);
  g_test_add_func ("/families/file/fuzz-regressions", test_file_fuzz_regressions);
  return g_test_run ();
}
