/* test-units.c — hr_units_parse() and hr_units_format(): SI prefixes, units, errors and the
 * round trip. */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "headroom-circuits.h"

/* One rounding of a product (mil, in): half an ulp, 2^-53 relative (IEEE 754 round to
 * nearest); twice that as the bound. */
#define ONE_ROUNDING 2.3e-16

typedef struct {
  const char *text;
  HrUnit unit;
  double value;
} ParseCase;

/* Exact: the parser rounds the decimal text once, as the compiler rounds these literals. */
static const ParseCase parse_exact[] = {
  { "4.7k", HR_UNIT_NONE, 4700 },
  { "4.7k", HR_UNIT_OHM, 4700 },
  { "4.7K", HR_UNIT_OHM, 4700 },
  { "4.7kohm", HR_UNIT_OHM, 4700 },
  { "4.7kOhm", HR_UNIT_OHM, 4700 },
  { "4.7k\xce\xa9", HR_UNIT_OHM, 4700 },
  { "100\xe2\x84\xa6", HR_UNIT_OHM, 100 },
  { "10 ohms", HR_UNIT_OHM, 10 },
  { "1Meg", HR_UNIT_OHM, 1e6 },
  { "1meg", HR_UNIT_OHM, 1e6 },
  { "1MEG", HR_UNIT_OHM, 1e6 },
  { "1M", HR_UNIT_OHM, 1e6 },
  { "2.2megohm", HR_UNIT_OHM, 2.2e6 },
  { "10pF", HR_UNIT_FARAD, 10e-12 },
  { "10 pF", HR_UNIT_FARAD, 10e-12 },
  { "10p", HR_UNIT_FARAD, 10e-12 },
  { "1fF", HR_UNIT_FARAD, 1e-15 },
  { "1f", HR_UNIT_FARAD, 1e-15 },
  { "1F", HR_UNIT_FARAD, 1 },
  { "2.2\xc2\xb5" "F", HR_UNIT_FARAD, 2.2e-6 },
  { "2.2\xce\xbc" "F", HR_UNIT_FARAD, 2.2e-6 },
  { "2.2uF", HR_UNIT_FARAD, 2.2e-6 },
  { "0.2mm", HR_UNIT_METER, 0.2e-3 },
  { "5m", HR_UNIT_METER, 5 },
  { "5m", HR_UNIT_VOLT, 5e-3 },
  { "5um", HR_UNIT_METER, 5e-6 },
  { "1cm", HR_UNIT_METER, 1e-2 },
  { "3.3V", HR_UNIT_VOLT, 3.3 },
  { "3.3v", HR_UNIT_VOLT, 3.3 },
  { "3.3", HR_UNIT_VOLT, 3.3 },
  { "  3.3V\t", HR_UNIT_VOLT, 3.3 },
  { "-3.3V", HR_UNIT_VOLT, -3.3 },
  { "+5V", HR_UNIT_VOLT, 5 },
  { ".5V", HR_UNIT_VOLT, 0.5 },
  { "5.V", HR_UNIT_VOLT, 5 },
  { "1e-9", HR_UNIT_NONE, 1e-9 },
  { "1E3", HR_UNIT_NONE, 1e3 },
  { "1E", HR_UNIT_NONE, 1e18 },
  { "1e3k", HR_UNIT_NONE, 1e6 },
  { "100u", HR_UNIT_NONE, 100e-6 },
  { "2.5e-3A", HR_UNIT_AMPERE, 2.5e-3 },
  { "2mA", HR_UNIT_AMPERE, 2e-3 },
  { "1aA", HR_UNIT_AMPERE, 1e-18 },
  { "1a", HR_UNIT_AMPERE, 1e-18 },
  { "1ns", HR_UNIT_SECOND, 1e-9 },
  { "10nH", HR_UNIT_HENRY, 10e-9 },
  { "10MHz", HR_UNIT_HERTZ, 10e6 },
  { "32.768kHz", HR_UNIT_HERTZ, 32.768e3 },
  { "1mS", HR_UNIT_SIEMENS, 1e-3 },
  { "100ohm/sq", HR_UNIT_OHM_PER_SQUARE, 100 },
  { "15\xce\xa9/\xe2\x96\xa1", HR_UNIT_OHM_PER_SQUARE, 15 },
  { "1kohm/sq", HR_UNIT_OHM_PER_SQUARE, 1e3 },
  { "25C", HR_UNIT_CELSIUS, 25 },
  { "-40\xc2\xb0" "C", HR_UNIT_CELSIUS, -40 },
  { "85degC", HR_UNIT_CELSIUS, 85 },
  { "85", HR_UNIT_CELSIUS, 85 },
  { "65%", HR_UNIT_RATIO, 0.65 },
  { "0.65", HR_UNIT_RATIO, 0.65 },
  { "100ppm", HR_UNIT_RATIO, 100e-6 },
  { "0V", HR_UNIT_VOLT, 0 },
  { "1e308", HR_UNIT_NONE, 1e308 },
  { "1e-320", HR_UNIT_NONE, 1e-320 },   /* subnormal, but not zero: kept */
  { "0.1", HR_UNIT_NONE, 0.1 },
  { "123456789012345678901234567890", HR_UNIT_NONE, 123456789012345678901234567890.0 },
};

static void
test_parse_exact (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_exact); i++)
    {
      g_autoptr(GError) error = NULL;
      double v = NAN;

      g_test_message ("%s", parse_exact[i].text);
      g_assert_true (hr_units_parse (parse_exact[i].text, parse_exact[i].unit, &v, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (v, ==, parse_exact[i].value);
    }
}

static void
test_parse_imperial (void)
{
  double v;

  /* 1 in = 25.4 mm exactly (1959 international yard and pound agreement), 1 mil = 1/1000 in */
  g_assert_true (hr_units_parse ("5mil", HR_UNIT_METER, &v, NULL));
  g_assert_cmpfloat_with_epsilon (v, 127e-6, 127e-6 * ONE_ROUNDING);
  g_assert_true (hr_units_parse ("2in", HR_UNIT_METER, &v, NULL));
  g_assert_cmpfloat_with_epsilon (v, 50.8e-3, 50.8e-3 * ONE_ROUNDING);
  g_assert_true (hr_units_parse ("-1.5 mil", HR_UNIT_METER, &v, NULL));
  g_assert_cmpfloat_with_epsilon (v, -38.1e-6, 38.1e-6 * ONE_ROUNDING);
}

static void
test_parse_negative_zero (void)
{
  double v = 1;

  g_assert_true (hr_units_parse ("-0V", HR_UNIT_VOLT, &v, NULL));
  g_assert_cmpfloat (v, ==, 0);
  g_assert_false (signbit (v));
}

typedef struct {
  const char *text;
  HrUnit unit;
  const char *message;
} ErrorCase;

static const ErrorCase parse_errors[] = {
  { "10 pF pF", HR_UNIT_FARAD, "\"10 pF pF\": more than one unit (\"pF\", then \"pF\"); write "
    "one, as in 10pF; expected a capacitance such as 10pF, 100nF, 1uF" },
  { "1.2.3", HR_UNIT_NONE, "\"1.2.3\": malformed number; expected a plain number such as "
    "4.7k, 100u, 1e-9" },
  { "-", HR_UNIT_VOLT, "\"-\": no number; expected a voltage such as 3.3V, 5V, 1.8V" },
  { "5 furlongs", HR_UNIT_METER, "\"5 furlongs\": unknown unit \"furlongs\"; expected a length "
    "such as 0.2mm, 5mil, 1.1mm" },
  { "", HR_UNIT_VOLT, "\"\": empty; expected a voltage such as 3.3V, 5V, 1.8V" },
  { "   ", HR_UNIT_VOLT, "\"   \": empty; expected a voltage such as 3.3V, 5V, 1.8V" },
  { "inf", HR_UNIT_VOLT, "\"inf\": not a finite number; expected a voltage such as 3.3V, 5V, "
    "1.8V" },
  { "-Infinity", HR_UNIT_VOLT, "\"-Infinity\": not a finite number; expected a voltage such as "
    "3.3V, 5V, 1.8V" },
  { "nan", HR_UNIT_NONE, "\"nan\": not a finite number; expected a plain number such as 4.7k, "
    "100u, 1e-9" },
  { "1e999", HR_UNIT_NONE, "\"1e999\": too large for a double (beyond 1.8e308); expected a "
    "plain number such as 4.7k, 100u, 1e-9" },
  { "1e308k", HR_UNIT_NONE, "\"1e308k\": too large for a double (beyond 1.8e308); expected a "
    "plain number such as 4.7k, 100u, 1e-9" },
  { "1e99999999999999999999999V", HR_UNIT_VOLT, "\"1e99999999999999999999999V\": too large for "
    "a double (beyond 1.8e308); expected a voltage such as 3.3V, 5V, 1.8V" },
  { "1e-400", HR_UNIT_NONE, "\"1e-400\": too small: it underflows to 0; write 0 if zero is "
    "meant; expected a plain number such as 4.7k, 100u, 1e-9" },
  { "10pFpF", HR_UNIT_FARAD, "\"10pFpF\": unknown unit \"pFpF\"; expected a capacitance such "
    "as 10pF, 100nF, 1uF" },
  { "3.3pF", HR_UNIT_VOLT, "\"3.3pF\": \"pF\" is a unit of capacitance, not of voltage; "
    "expected a voltage such as 3.3V, 5V, 1.8V" },
  { "4.7kohm", HR_UNIT_NONE, "\"4.7kohm\": \"kohm\" is a unit of resistance; expected a "
    "plain number such as 4.7k, 100u, 1e-9" },
  { "5kC", HR_UNIT_CELSIUS, "\"5kC\": temperature takes no SI prefix; expected a temperature "
    "such as 25C, -40C, 85degC" },
  { "5m", HR_UNIT_RATIO, "\"5m\": fraction takes no SI prefix; expected a fraction such as "
    "0.65, 65%, 100ppm" },
  { "10R", HR_UNIT_OHM, "\"10R\": unknown unit \"R\"; expected a resistance such as 4.7k, "
    "100ohm, 1Meg" },
  { "1,5V", HR_UNIT_VOLT, "\"1,5V\": malformed number; expected a voltage such as 3.3V, 5V, "
    "1.8V" },
  { "5e", HR_UNIT_NONE, "\"5e\": malformed number; expected a plain number such as 4.7k, 100u, "
    "1e-9" },
  { "10 p F", HR_UNIT_FARAD, "\"10 p F\": a space inside the unit; write 10pF; expected a "
    "capacitance such as 10pF, 100nF, 1uF" },
  { "3.3V x", HR_UNIT_VOLT, "\"3.3V x\": unexpected \"x\" after the unit; expected a voltage "
    "such as 3.3V, 5V, 1.8V" },
  { "3.3 volts", HR_UNIT_VOLT, "\"3.3 volts\": unknown unit \"volts\"; expected a voltage such "
    "as 3.3V, 5V, 1.8V" },
  { "V", HR_UNIT_VOLT, "\"V\": no number; expected a voltage such as 3.3V, 5V, 1.8V" },
  { "5mil", HR_UNIT_NONE, "\"5mil\": \"mil\" is a unit of length; expected a plain number "
    "such as 4.7k, 100u, 1e-9" },
  { "5furlong", HR_UNIT_NONE, "\"5furlong\": unknown unit \"furlong\"; expected a plain "
    "number such as 4.7k, 100u, 1e-9" },
  { "1kmil", HR_UNIT_METER, "\"1kmil\": unknown unit \"kmil\"; expected a length such as "
    "0.2mm, 5mil, 1.1mm" },
  { "0x10", HR_UNIT_NONE, "\"0x10\": unknown unit \"x10\"; expected a plain number such as "
    "4.7k, 100u, 1e-9" },
  { "3.3\nV", HR_UNIT_VOLT, "\"3.3\\nV\": a space inside the unit; write 3.3V; expected a "
    "voltage such as 3.3V, 5V, 1.8V" },
  { "\xff" "5V", HR_UNIT_VOLT, "\"\\xFF5V\": no number; expected a voltage such as 3.3V, 5V, "
    "1.8V" },
};

static void
test_parse_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_errors); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *escaped = g_strescape (parse_errors[i].text, NULL);
      double v = 42;

      g_test_message ("%s", escaped);
      g_assert_false (hr_units_parse (parse_errors[i].text, parse_errors[i].unit, &v, &error));
      g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_UNIT);
      g_assert_cmpstr (error->message, ==, parse_errors[i].message);
      g_assert_cmpfloat (v, ==, 42);  /* untouched on failure */
    }
}

static void
test_parse_long_text_quoted_short (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strnfill (1000, 'x');
  double v;

  g_assert_false (hr_units_parse (text, HR_UNIT_VOLT, &v, &error));
  /* 60 characters of the text, then an ellipsis: a message stays one readable line */
  g_assert_true (g_str_has_prefix (error->message, "\"xxxxxxxxxx"));
  g_assert_nonnull (strstr (error->message, "x\xe2\x80\xa6\": no number"));
  g_assert_cmpuint (strlen (error->message), <, 200);
}

typedef struct {
  double value;
  HrUnit unit;
  int digits;
  const char *text;
} FormatCase;

static const FormatCase format_cases[] = {
  { 4700, HR_UNIT_OHM, 3, "4.7kohm" },
  { 1e-11, HR_UNIT_FARAD, 3, "10pF" },
  { 3.3, HR_UNIT_VOLT, 3, "3.3V" },
  { 2e-5, HR_UNIT_AMPERE, 3, "20uA" },
  { 0, HR_UNIT_VOLT, 3, "0V" },
  { -0.0, HR_UNIT_VOLT, 3, "0V" },
  { 0, HR_UNIT_RATIO, 3, "0" },
  { -3.3, HR_UNIT_VOLT, 3, "-3.3V" },
  { 1e-4, HR_UNIT_NONE, 3, "100u" },
  { 4700, HR_UNIT_NONE, 6, "4.7k" },
  { 2e-4, HR_UNIT_METER, 3, "200um" },
  { 5, HR_UNIT_METER, 3, "5m" },
  { 5e-3, HR_UNIT_METER, 3, "5mm" },
  { 1e6, HR_UNIT_OHM, 3, "1Mohm" },
  { 999.95, HR_UNIT_VOLT, 4, "1kV" },     /* rounding carries into the next prefix */
  { 999.94, HR_UNIT_VOLT, 4, "999.9V" },
  { 123456, HR_UNIT_NONE, 3, "123k" },
  { 1.0 / 3, HR_UNIT_VOLT, 3, "333mV" },
  { 1.0 / 3, HR_UNIT_VOLT, 25, "333.33333333333331mV" },  /* clamped to 17 digits */
  { 1e-24, HR_UNIT_FARAD, 3, "1yF" },
  { 1e-30, HR_UNIT_FARAD, 3, "1e-30F" },
  { 1e18, HR_UNIT_VOLT, 3, "1EV" },
  { 1e20, HR_UNIT_VOLT, 3, "100EV" },
  { 1e21, HR_UNIT_VOLT, 3, "1e21V" },
  { -2.5e25, HR_UNIT_VOLT, 3, "-2.5e25V" },
  { 25, HR_UNIT_CELSIUS, 3, "25C" },
  { -40, HR_UNIT_CELSIUS, 3, "-40C" },
  { 1e20, HR_UNIT_CELSIUS, 3, "1e20C" },
  { 0.65, HR_UNIT_RATIO, 3, "0.65" },
  { 1e-5, HR_UNIT_RATIO, 3, "0.00001" },
  { 1e-7, HR_UNIT_RATIO, 3, "1e-7" },
  { 100e3, HR_UNIT_RATIO, 3, "100000" },
  { 3.3, HR_UNIT_VOLT, 0, "3.3V" },
  { 0.1 + 0.2, HR_UNIT_NONE, 0, "300.00000000000004m" },
  { 2.54e-5, HR_UNIT_METER, 0, "25.4um" },
  { 50, HR_UNIT_HERTZ, 2, "50Hz" },
  { 1e-9, HR_UNIT_SECOND, 2, "1ns" },
  { 4.7e-3, HR_UNIT_HENRY, 2, "4.7mH" },
  { 1e-3, HR_UNIT_SIEMENS, 2, "1mS" },
  { 100, HR_UNIT_OHM_PER_SQUARE, 2, "100ohm/sq" },
  { NAN, HR_UNIT_VOLT, 3, "nan" },
  { INFINITY, HR_UNIT_VOLT, 3, "inf" },
  { -INFINITY, HR_UNIT_VOLT, 3, "-inf" },
};

static void
test_format (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      g_autofree char *text = hr_units_format (c->value, c->unit, c->digits);

      g_test_message ("%g %d", c->value, c->digits);
      g_assert_cmpstr (text, ==, c->text);
    }
}

static void
test_symbol (void)
{
  g_assert_cmpstr (hr_units_symbol (HR_UNIT_VOLT), ==, "V");
  g_assert_cmpstr (hr_units_symbol (HR_UNIT_OHM), ==, "ohm");
  g_assert_cmpstr (hr_units_symbol (HR_UNIT_METER), ==, "m");
  g_assert_cmpstr (hr_units_symbol (HR_UNIT_NONE), ==, "");
  g_assert_cmpstr (hr_units_symbol (HR_UNIT_RATIO), ==, "");
  g_assert_cmpstr (hr_units_symbol (HR_UNIT_OHM_PER_SQUARE), ==, "ohm/sq");
  /* Every symbol hr_units_format() writes must be one hr_units_parse() reads back. */
  for (HrUnit u = HR_UNIT_NONE; u <= HR_UNIT_OHM_PER_SQUARE; u++)
    {
      g_autofree char *text = g_strconcat ("7", hr_units_symbol (u), NULL);
      double v;

      g_assert_true (hr_units_parse (text, u, &v, NULL));
      g_assert_cmpfloat (v, ==, 7);
    }
}

static void
test_invalid_unit (void)
{
  double v;

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*unit_valid*");
  g_assert_null (hr_units_symbol ((HrUnit) 99));
  g_test_assert_expected_messages ();
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*unit_valid*");
  g_assert_false (hr_units_parse ("1", (HrUnit) 99, &v, NULL));
  g_test_assert_expected_messages ();
}

/* A random finite double from random bits: every exponent, subnormals included. */
static double
random_double (void)
{
  for (;;)
    {
      guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
      double v;

      memcpy (&v, &bits, sizeof v);
      if (isfinite (v))
        return v;
    }
}

/* A value an engineer would meet: mantissa 1..10, 10^-30..10^30, either sign. */
static double
random_engineering_value (void)
{
  double v = g_test_rand_double_range (1, 10) * pow (10, g_test_rand_int_range (-30, 31));

  return g_test_rand_bit () ? v : -v;
}

static HrUnit
random_unit (void)
{
  return (HrUnit) g_test_rand_int_range (HR_UNIT_NONE, HR_UNIT_OHM_PER_SQUARE + 1);
}

static void
check_exact_round_trip (double v, HrUnit unit)
{
  g_autofree char *text = hr_units_format (v, unit, 0);
  g_autoptr(GError) error = NULL;
  double back;

  if (!hr_units_parse (text, unit, &back, &error) || back != v)
    g_error ("%.17g as %s: read back %.17g (%s)", v, text, back,
             error != NULL ? error->message : "no error");
}

static void
test_round_trip_exact (void)
{
  static const double extremes[] = {
    DBL_MAX, -DBL_MAX, DBL_MIN, DBL_TRUE_MIN, -DBL_TRUE_MIN, 1, 0.1, 0.1 + 0.2, 1e-24,
    999.9999999999999, 1e21, 9.999999999999999e20,
  };

  for (guint i = 0; i < G_N_ELEMENTS (extremes); i++)
    for (HrUnit u = HR_UNIT_NONE; u <= HR_UNIT_OHM_PER_SQUARE; u++)
      check_exact_round_trip (extremes[i], u);
  for (guint i = 0; i < 20000; i++)
    {
      check_exact_round_trip (random_double (), random_unit ());
      check_exact_round_trip (random_engineering_value (), random_unit ());
    }
}

/* With DIGITS digits, the text is x rounded to DIGITS significant digits: off by at most half
 * a unit in the last digit, 0.5e(1-DIGITS) relative, plus one binary rounding when read. */
static void
test_round_trip_digits (void)
{
  for (guint i = 0; i < 20000; i++)
    {
      double v = random_engineering_value (), back;
      HrUnit unit = random_unit ();
      int digits = g_test_rand_int_range (1, 18);
      g_autofree char *text = hr_units_format (v, unit, digits);
      double tolerance = (0.5 * pow (10, 1 - digits) + ONE_ROUNDING) * fabs (v);

      g_assert_true (hr_units_parse (text, unit, &back, NULL));
      if (fabs (back - v) > tolerance)
        g_error ("%.17g at %d digits: %s is off by %g", v, digits, text, fabs (back - v));
      g_assert_null (strpbrk (text, " ,"));  /* one token, C locale */
    }
}

/* A number written for one unit reads back in the same unit, and shorter is never possible:
 * the shortest text is found by trying every digit count. */
static void
test_shortest (void)
{
  g_autofree char *a = hr_units_format (4.7e3, HR_UNIT_OHM, 0);
  g_autofree char *b = hr_units_format (1.0 / 3, HR_UNIT_VOLT, 0);
  g_autofree char *c = hr_units_format (1.27e-4, HR_UNIT_METER, 0);

  g_assert_cmpstr (a, ==, "4.7kohm");
  g_assert_cmpstr (b, ==, "333.3333333333333mV");
  g_assert_cmpstr (c, ==, "127um");
}

/* A machine without a decimal-comma locale (a minimal Debian, CI) gets one compiled into the
 * build tree from the `locales` package's definitions (localedef --no-archive) and found
 * through LOCPATH, which glibc's setlocale reads at each call: the system is not touched. */
static gboolean
build_comma_locale (void)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *dir = g_build_filename (builddir ? builddir : ".", "locale", NULL);
  g_autofree char *target = g_build_filename (dir, "de_DE.UTF-8", NULL);
  g_autofree char *numeric = g_build_filename (target, "LC_NUMERIC", NULL);
  const char *argv[] = { "localedef", "--no-archive", "-i", "de_DE", "-f", "UTF-8", target,
                         NULL };
  int status = -1;

  if (!g_file_test (numeric, G_FILE_TEST_EXISTS))
    {
      g_mkdir_with_parents (dir, 0755);
      if (!g_spawn_sync (NULL, (char **) argv, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                         | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL))
        return FALSE;
    }
  g_setenv ("LOCPATH", dir, TRUE);
  return setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL;
}

static void
test_locale (void)
{
  const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", "fr_FR" };
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  gboolean set = FALSE;
  g_autofree char *text = NULL;
  double v;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && !set; i++)
    set = setlocale (LC_NUMERIC, locales[i]) != NULL;
  if (!set)
    set = build_comma_locale ();
  if (!set)
    {
      g_test_skip ("no locale with a decimal comma is installed, and localedef could not "
                   "make one (the locales package is missing)");
      return;
    }
  /* the point of the test: numbers in this process now print with a comma */
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
  g_assert_true (hr_units_parse ("3.3V", HR_UNIT_VOLT, &v, NULL));
  g_assert_cmpfloat (v, ==, 3.3);
  text = hr_units_format (4.7e3, HR_UNIT_OHM, 3);
  g_assert_cmpstr (text, ==, "4.7kohm");
  setlocale (LC_NUMERIC, old);
}

static void
test_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (HR_CIRCUIT_ERROR), ==, "hr-circuit-error-quark");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/units/parse/exact", test_parse_exact);
  g_test_add_func ("/units/parse/imperial", test_parse_imperial);
  g_test_add_func ("/units/parse/negative-zero", test_parse_negative_zero);
  g_test_add_func ("/units/parse/errors", test_parse_errors);
  g_test_add_func ("/units/parse/long-text", test_parse_long_text_quoted_short);
  g_test_add_func ("/units/parse/invalid-unit", test_invalid_unit);
  g_test_add_func ("/units/format/cases", test_format);
  g_test_add_func ("/units/format/shortest", test_shortest);
  g_test_add_func ("/units/symbol", test_symbol);
  g_test_add_func ("/units/round-trip/exact", test_round_trip_exact);
  g_test_add_func ("/units/round-trip/digits", test_round_trip_digits);
  g_test_add_func ("/units/locale", test_locale);
  g_test_add_func ("/units/error-quark", test_error_quark);

  return g_test_run ();
}
