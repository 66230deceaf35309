/* units.c — values with SI prefixes and units, read and written the way engineers write them.
 *
 * Parsing is exact: the decimal text and the power of ten of the prefix are joined into one
 * string ("4.7k" -> "4.7e3") and converted by one correctly rounded g_ascii_strtod() call, so
 * "4.7k" is the double nearest 4700 and not 4.7 * 1000 rounded twice. That is what lets
 * hr_units_format() with DIGITS 0 find the shortest text that reads back to the same double,
 * and a saved circuit load back bit for bit.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "headroom-circuits.h"
#include "json-scan.h"

G_DEFINE_QUARK (hr-circuit-error-quark, hr_circuit_error)

typedef struct {
  const char *text;
  int shift;           /* power of ten the number is scaled by, exactly: "%" is -2 */
  double factor;       /* an inexact scale (mil, in), 1 otherwise */
  gboolean prefixable; /* "kohm" yes, "kmil" no */
} UnitSymbol;

typedef struct {
  const char *symbol;    /* what hr_units_format() writes */
  const char *article;   /* "a" or "an", for messages */
  const char *noun;      /* "voltage" */
  const char *examples;  /* what a right value looks like */
  gboolean prefixes;     /* SI prefixes are read and written */
  UnitSymbol symbols[8]; /* accepted spellings, first is the written one; ends at NULL */
} UnitInfo;

/* mil and in are exact by definition: 1 in = 25.4 mm (international yard and pound agreement,
 * 1959), 1 mil = 1/1000 in. The factor is inexact in binary only, within one rounding. */
#define MIL_M 25.4e-6
#define INCH_M 25.4e-3

static const UnitInfo unit_info[] = {
  [HR_UNIT_NONE] = { "", "a", "plain number", "4.7k, 100u, 1e-9", TRUE, { { NULL } } },
  [HR_UNIT_VOLT] = { "V", "a", "voltage", "3.3V, 5V, 1.8V", TRUE,
                     { { "V", 0, 1, TRUE }, { "v", 0, 1, TRUE }, { NULL } } },
  [HR_UNIT_AMPERE] = { "A", "a", "current", "2mA, 24mA, 20uA", TRUE,
                       { { "A", 0, 1, TRUE }, { NULL } } },
  [HR_UNIT_OHM] = { "ohm", "a", "resistance", "4.7k, 100ohm, 1Meg", TRUE,
                    { { "ohm", 0, 1, TRUE }, { "Ohm", 0, 1, TRUE }, { "ohms", 0, 1, TRUE },
                      { "Ohms", 0, 1, TRUE }, { "\xce\xa9", 0, 1, TRUE } /* U+03A9 */,
                      { "\xe2\x84\xa6", 0, 1, TRUE } /* U+2126 OHM SIGN */, { NULL } } },
  [HR_UNIT_FARAD] = { "F", "a", "capacitance", "10pF, 100nF, 1uF", TRUE,
                      { { "F", 0, 1, TRUE }, { NULL } } },
  [HR_UNIT_HENRY] = { "H", "an", "inductance", "10nH, 1uH, 4.7mH", TRUE,
                      { { "H", 0, 1, TRUE }, { NULL } } },
  [HR_UNIT_SECOND] = { "s", "a", "time", "1ns, 2.5us, 10ms", TRUE,
                       { { "s", 0, 1, TRUE }, { NULL } } },
  [HR_UNIT_HERTZ] = { "Hz", "a", "frequency", "10MHz, 32.768kHz, 50Hz", TRUE,
                      { { "Hz", 0, 1, TRUE }, { NULL } } },
  [HR_UNIT_METER] = { "m", "a", "length", "0.2mm, 5mil, 1.1mm", TRUE,
                      { { "m", 0, 1, TRUE }, { "mil", 0, MIL_M, FALSE },
                        { "in", 0, INCH_M, FALSE }, { "cm", -2, 1, FALSE }, { NULL } } },
  [HR_UNIT_CELSIUS] = { "C", "a", "temperature", "25C, -40C, 85degC", FALSE,
                        { { "C", 0, 1, FALSE }, { "\xc2\xb0" "C", 0, 1, FALSE },
                          { "degC", 0, 1, FALSE }, { NULL } } },
  [HR_UNIT_RATIO] = { "", "a", "fraction", "0.65, 65%, 100ppm", FALSE,
                      { { "%", -2, 1, FALSE }, { "ppm", -6, 1, FALSE }, { NULL } } },
  [HR_UNIT_SIEMENS] = { "S", "a", "conductance", "1mS, 10uS, 2S", TRUE,
                        { { "S", 0, 1, TRUE }, { NULL } } },
  [HR_UNIT_OHM_PER_SQUARE] = { "ohm/sq", "a", "sheet resistance", "100ohm/sq, 15ohm/sq", TRUE,
                               { { "ohm/sq", 0, 1, TRUE }, { "Ohm/sq", 0, 1, TRUE },
                                 { "ohm/square", 0, 1, TRUE },
                                 { "\xce\xa9/sq", 0, 1, TRUE },
                                 { "\xce\xa9/\xe2\x96\xa1", 0, 1, TRUE } /* Ω/□ */,
                                 { "\xe2\x84\xa6/\xe2\x96\xa1", 0, 1, TRUE }, { NULL } } },
};

typedef struct {
  const char *text;
  int exp;
} Prefix;

/* "meg" first: SPICE's mega, which must not be read as milli + "eg". "K" is read as kilo
 * because "4.7K" is how resistors are marked; no unit here is spelled K. */
static const Prefix prefixes[] = {
  { "meg", 6 }, { "Meg", 6 }, { "MEG", 6 },
  { "y", -24 }, { "z", -21 }, { "a", -18 }, { "f", -15 }, { "p", -12 }, { "n", -9 },
  { "u", -6 }, { "\xc2\xb5", -6 } /* U+00B5 MICRO SIGN */, { "\xce\xbc", -6 } /* U+03BC mu */,
  { "m", -3 }, { "k", 3 }, { "K", 3 }, { "M", 6 }, { "G", 9 }, { "T", 12 }, { "P", 15 },
  { "E", 18 },
};

/* What hr_units_format() writes, index (exp + 24) / 3. */
static const char *const written_prefixes[] = {
  "y", "z", "a", "f", "p", "n", "u", "m", "", "k", "M", "G", "T", "P", "E",
};

#define MIN_PREFIX_EXP (-24)
#define MAX_PREFIX_EXP 18

static gboolean
unit_valid (HrUnit unit)
{
  return (guint) unit < G_N_ELEMENTS (unit_info);
}

const char *
hr_units_symbol (HrUnit unit)
{
  g_return_val_if_fail (unit_valid (unit), NULL);
  return unit_info[unit].symbol;
}

static const UnitSymbol *
find_symbol (const UnitInfo *info, const char *text)
{
  for (const UnitSymbol *sym = info->symbols; sym->text != NULL; sym++)
    if (strcmp (sym->text, text) == 0)
      return sym;
  return NULL;
}

/* Reads SUFFIX (no spaces) as [prefix][symbol] of UNIT. A suffix that is exactly a symbol is
 * the symbol, so "m" is metres for lengths and milli for everything else. */
static gboolean
resolve_suffix (const char *suffix, HrUnit unit, int *shift, double *factor)
{
  const UnitInfo *info = &unit_info[unit];
  const UnitSymbol *sym;

  *shift = 0;
  *factor = 1.0;
  if (*suffix == '\0')
    return TRUE;
  if ((sym = find_symbol (info, suffix)) != NULL)
    {
      *shift = sym->shift;
      *factor = sym->factor;
      return TRUE;
    }
  if (!info->prefixes)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      const char *rest;

      if (!g_str_has_prefix (suffix, prefixes[i].text))
        continue;
      rest = suffix + strlen (prefixes[i].text);
      if (*rest == '\0')
        {
          *shift = prefixes[i].exp;
          return TRUE;
        }
      sym = find_symbol (info, rest);
      if (sym != NULL && sym->prefixable)
        {
          *shift = prefixes[i].exp + sym->shift;
          *factor = sym->factor;
          return TRUE;
        }
    }
  return FALSE;
}

/* The unit (other than UNIT) whose symbol SUFFIX spells, for "pF is a unit of capacitance". */
static const UnitInfo *
other_unit_of (const char *suffix, HrUnit unit)
{
  for (guint u = 0; u < G_N_ELEMENTS (unit_info); u++)
    {
      int shift;
      double factor;

      if (u == (guint) unit || u == HR_UNIT_NONE)
        continue;
      if (resolve_suffix (suffix, (HrUnit) u, &shift, &factor)
          && !resolve_suffix (suffix, HR_UNIT_NONE, &shift, &factor))
        return &unit_info[u];
    }
  return NULL;
}

/* Length of the number that opens S: [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?; 0 if none.
 * Stricter than strtod on purpose: no hex, no "inf", no leading spaces. */
static gsize
scan_number (const char *s)
{
  gsize i = 0, digits = 0;

  if (s[i] == '+' || s[i] == '-')
    i++;
  for (; g_ascii_isdigit (s[i]); i++)
    digits++;
  if (s[i] == '.')
    for (i++; g_ascii_isdigit (s[i]); i++)
      digits++;
  if (digits == 0)
    return 0;
  if (s[i] == 'e' || s[i] == 'E')
    {
      gsize j = i + 1;

      if (s[j] == '+' || s[j] == '-')
        j++;
      if (g_ascii_isdigit (s[j]))
        {
          while (g_ascii_isdigit (s[j]))
            j++;
          i = j;
        }
    }
  return i;
}

static gboolean G_GNUC_PRINTF (4, 5)
unit_error (GError **error, const char *text, HrUnit unit, const char *format, ...)
{
  const UnitInfo *info = &unit_info[unit];
  g_autofree char *quoted = hr_json_quote (text, HR_JSON_QUOTE_MAX);
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_UNIT, "%s: %s; expected %s %s such as %s",
               quoted, what, info->article, info->noun, info->examples);
  return FALSE;
}

static gboolean
is_non_finite_word (const char *s)
{
  if (*s == '+' || *s == '-')
    s++;
  return g_ascii_strncasecmp (s, "inf", 3) == 0 || g_ascii_strncasecmp (s, "nan", 3) == 0;
}

/* Explains a suffix with a space in it: "10 pF pF", "3.3V x", "10 p F". */
static gboolean
suffix_space_error (GError **error, const char *text, HrUnit unit, const char *number,
                    gsize number_len, const char *suffix)
{
  gsize first_len = strcspn (suffix, " \t\r\n");
  g_autofree char *first = g_strndup (suffix, first_len);
  const char *rest = suffix + first_len + strspn (suffix + first_len, " \t\r\n");
  g_autofree char *joined = g_strconcat (first, rest, NULL);
  g_autofree char *q_first = hr_json_quote (first, HR_JSON_QUOTE_MAX);
  g_autofree char *q_rest = hr_json_quote (rest, HR_JSON_QUOTE_MAX);
  int shift;
  double factor;

  if (!resolve_suffix (first, unit, &shift, &factor))
    return unit_error (error, text, unit, "unknown unit %s", q_first);
  if (strpbrk (rest, " \t\r\n") == NULL && resolve_suffix (joined, unit, &shift, &factor))
    return unit_error (error, text, unit, "a space inside the unit; write %.*s%s",
                       (int) number_len, number, joined);
  if (resolve_suffix (rest, unit, &shift, &factor))
    return unit_error (error, text, unit,
                       "more than one unit (%s, then %s); write one, as in %.*s%s",
                       q_first, q_rest, (int) number_len, number, first);
  return unit_error (error, text, unit, "unexpected %s after the unit", q_rest);
}

/* SUFFIX is a prefix alone or before one of INFO's symbols: "m", "kC". */
static gboolean
is_prefixed_symbol (const char *suffix, const UnitInfo *info)
{
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (suffix, prefixes[i].text))
      {
        const char *rest = suffix + strlen (prefixes[i].text);

        if (*rest == '\0' || find_symbol (info, rest) != NULL)
          return TRUE;
      }
  return FALSE;
}

static gboolean
suffix_error (GError **error, const char *text, HrUnit unit, const char *suffix)
{
  g_autofree char *quoted = hr_json_quote (suffix, HR_JSON_QUOTE_MAX);
  const UnitInfo *other = other_unit_of (suffix, unit);

  if (other != NULL && unit == HR_UNIT_NONE)
    return unit_error (error, text, unit, "%s is a unit of %s", quoted, other->noun);
  if (other != NULL)
    return unit_error (error, text, unit, "%s is a unit of %s, not of %s", quoted, other->noun,
                       unit_info[unit].noun);
  if (!unit_info[unit].prefixes && is_prefixed_symbol (suffix, &unit_info[unit]))
    return unit_error (error, text, unit, "%s takes no SI prefix", unit_info[unit].noun);
  return unit_error (error, text, unit, "unknown unit %s", quoted);
}

/* Converts NUMBER (scan_number's grammar) times 10^SHIFT, exactly rounded once. */
static double
number_to_double (const char *number, gsize len, int shift)
{
  const char *e = memchr (number, 'e', len);
  g_autofree char *joined = NULL;
  gint64 exp = 0;
  gsize mantissa_len;

  if (e == NULL)
    e = memchr (number, 'E', len);
  mantissa_len = e != NULL ? (gsize) (e - number) : len;
  if (e != NULL)
    {
      g_autofree char *exp_text = g_strndup (e + 1, len - mantissa_len - 1);

      /* Saturates at G_MAXINT64 on absurd exponents; clamped so adding SHIFT cannot wrap, yet
       * still far outside what a double holds, so strtod reports the overflow. */
      exp = CLAMP (g_ascii_strtoll (exp_text, NULL, 10), -1000000, 1000000);
    }
  joined = g_strdup_printf ("%.*se%" G_GINT64_FORMAT, (int) mantissa_len, number, exp + shift);
  return g_ascii_strtod (joined, NULL);
}

static gboolean
has_nonzero_digit (const char *number, gsize len)
{
  for (gsize i = 0; i < len && number[i] != 'e' && number[i] != 'E'; i++)
    if (number[i] >= '1' && number[i] <= '9')
      return TRUE;
  return FALSE;
}

gboolean
hr_units_parse (const char *text, HrUnit unit, double *out, GError **error)
{
  g_autofree char *trimmed = NULL;
  const char *after, *suffix;
  gsize number_len;
  int shift;
  double factor, value;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (unit_valid (unit), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return unit_error (error, text, unit, "empty");
  if (is_non_finite_word (trimmed))
    return unit_error (error, text, unit, "not a finite number");
  number_len = scan_number (trimmed);
  if (number_len == 0)
    return unit_error (error, text, unit, "no number");
  after = trimmed + number_len;
  if (strchr ("0123456789.,+-e", *after) != NULL && *after != '\0')
    return unit_error (error, text, unit, "malformed number");
  suffix = after + strspn (after, " \t");
  if (strpbrk (suffix, " \t\r\n") != NULL)
    return suffix_space_error (error, text, unit, trimmed, number_len, suffix);
  if (!resolve_suffix (suffix, unit, &shift, &factor))
    return suffix_error (error, text, unit, suffix);

  value = number_to_double (trimmed, number_len, shift) * factor;
  if (isinf (value))
    return unit_error (error, text, unit, "too large for a double (beyond 1.8e308)");
  if (value == 0 && has_nonzero_digit (trimmed, number_len))
    return unit_error (error, text, unit,
                       "too small: it underflows to 0; write 0 if zero is meant");
  *out = value == 0 ? 0.0 : value; /* no -0: "-0V" and "0V" are one value */
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Formatting                                                                               */

/* DIGITS significant digits of |VALUE| (value != 0, finite) as a digit string without
 * trailing zeros, and the decimal exponent of the first digit. */
static void
decimal_digits (double value, int digits, char *out, int *exponent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE], format[16];
  const char *p;
  int n = 0;

  g_snprintf (format, sizeof format, "%%.%de", digits - 1);
  g_ascii_formatd (buf, sizeof buf, format, fabs (value));
  for (p = buf; *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      out[n++] = *p;
  while (n > 1 && out[n - 1] == '0')
    n--;
  out[n] = '\0';
  *exponent = atoi (p + 1);
}

/* Digits D (first digit at 10^E) laid out with the decimal point after INT_LEN digits. */
static void
append_positional (GString *s, const char *d, int int_len)
{
  int n = (int) strlen (d);

  if (int_len <= 0)
    {
      g_string_append (s, "0.");
      for (int i = int_len; i < 0; i++)
        g_string_append_c (s, '0');
      g_string_append (s, d);
      return;
    }
  for (int i = 0; i < int_len; i++)
    g_string_append_c (s, i < n ? d[i] : '0');
  if (n > int_len)
    {
      g_string_append_c (s, '.');
      g_string_append (s, d + int_len);
    }
}

static int
floor_div3 (int e)
{
  return e >= 0 ? e / 3 : -((-e + 2) / 3);
}

static char *
format_digits (double value, HrUnit unit, int digits)
{
  const UnitInfo *info = &unit_info[unit];
  GString *s = g_string_new (value < 0 ? "-" : "");
  char d[24];
  int e;

  decimal_digits (value, digits, d, &e);
  if (info->prefixes && e >= MIN_PREFIX_EXP && e < MAX_PREFIX_EXP + 3)
    {
      int p = floor_div3 (e) * 3;

      append_positional (s, d, e - p + 1);
      g_string_append (s, written_prefixes[(p - MIN_PREFIX_EXP) / 3]);
    }
  else if (!info->prefixes && e >= -5 && e < 15)
    append_positional (s, d, e + 1);
  else
    {
      g_string_append_c (s, d[0]);
      if (d[1] != '\0')
        g_string_append_printf (s, ".%s", d + 1);
      g_string_append_printf (s, "e%d", e);
    }
  g_string_append (s, info->symbol);
  return g_string_free (s, FALSE);
}

char *
hr_units_format (double value, HrUnit unit, int digits)
{
  g_return_val_if_fail (unit_valid (unit), NULL);

  if (isnan (value))
    return g_strdup ("nan");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");
  if (value == 0)
    return g_strconcat ("0", unit_info[unit].symbol, NULL);
  if (digits > 0)
    return format_digits (value, unit, MIN (digits, 17));

  /* Shortest text that reads back to exactly VALUE; 17 digits always do (IEEE 754-2008,
   * 5.12.2: 17 significant digits identify every binary64). */
  for (int n = 1; n < 17; n++)
    {
      g_autofree char *text = format_digits (value, unit, n);
      double back;

      if (hr_units_parse (text, unit, &back, NULL) && back == value)
        return g_steal_pointer (&text);
    }
  return format_digits (value, unit, 17);
}
