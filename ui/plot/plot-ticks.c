/* plot-ticks.c — axis ranges, "nice" tick steps and engineering-notation labels.
 *
 * Steps are 1, 2 or 5 × 10^k (Heckbert, "Nice numbers for graph labels", Graphics Gems,
 * 1990). Tick values are computed as k × step from an integer k, never by accumulating the
 * step, so that 0.1 + 0.2 never shows up as 0.30000000000000004.
 */
#include "hr-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot-private.h"

#define MINUS "\u2212"

/* SI prefixes from 10^-24 to 10^24, by exponent / 3 + 8. */
static const char *const si_prefixes[] = {
  "y", "z", "a", "f", "p", "n", "\u00b5", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y",
};

double
plot_nice_step (double lo, double hi, guint target)
{
  double raw, magnitude, residual, nice;

  if (target < 1)
    target = 1;
  /* Divide first: hi - lo overflows for ranges like -1e308…1e308. */
  raw = hi / target - lo / target;
  if (!isfinite (raw) || raw <= 0)
    return NAN;
  magnitude = pow (10.0, floor (log10 (raw)));
  if (magnitude <= 0 || !isfinite (magnitude))
    return NAN;
  residual = raw / magnitude;
  if (residual < 1.5)
    nice = 1;
  else if (residual < 3)
    nice = 2;
  else if (residual < 7)
    nice = 5;
  else
    nice = 10;
  return nice * magnitude;
}

/* Fewest decimals that write RESOLUTION exactly (to 1 ppm). */
static int
decimals_for (double resolution)
{
  int decimals = 0;

  while (decimals < 15)
    {
      double scaled = resolution * pow (10.0, decimals);
      if (round (scaled) != 0 && fabs (scaled - round (scaled)) <= 1e-6 * fabs (scaled))
        break;
      decimals++;
    }
  return decimals;
}

/* printf "%.Nf" in the C locale with trailing zeros (and a bare point) dropped. */
static char *
format_decimals (double value, int decimals, gboolean trim)
{
  char format[16];
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];
  gsize len;

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 30));
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  len = strlen (buffer);
  if (trim && strchr (buffer, '.') != NULL)
    {
      while (len > 0 && buffer[len - 1] == '0')
        buffer[--len] = '\0';
      if (len > 0 && buffer[len - 1] == '.')
        buffer[--len] = '\0';
    }
  return g_strdup (buffer);
}

/* Replaces an ASCII '-' at the start by U+2212, and drops it from "-0", "-0.00". */
static char *
with_minus_sign (char *ascii)
{
  char *result;

  if (ascii[0] != '-')
    return ascii;
  if (strspn (ascii + 1, "0.") == strlen (ascii + 1))
    result = g_strdup (ascii + 1);
  else
    result = g_strconcat (MINUS, ascii + 1, NULL);
  g_free (ascii);
  return result;
}

static char *
format_exponent (double value, double resolution)
{
  /* Beyond the SI prefixes: "1.5e30", "2e−27". */
  int digits = (int) (floor (log10 (fabs (value))) - floor (log10 (resolution)));
  char format[16];
  char buffer[64];
  char **parts;
  char *mantissa, *result;
  int exponent;

  g_snprintf (format, sizeof format, "%%.%de", CLAMP (digits, 0, 15));
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  parts = g_strsplit (buffer, "e", 2);
  exponent = parts[1] != NULL ? atoi (parts[1]) : 0;
  mantissa = format_decimals (g_ascii_strtod (parts[0], NULL), CLAMP (digits, 0, 15), TRUE);
  mantissa = with_minus_sign (mantissa);
  result = g_strdup_printf ("%se%s%d", mantissa, exponent < 0 ? MINUS : "", ABS (exponent));
  g_free (mantissa);
  g_strfreev (parts);
  return result;
}

char *
plot_format_eng (double value, double resolution)
{
  double rounded, scale, scaled;
  int exponent3;

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "\u221e" : MINUS "\u221e");
  if (!(resolution > 0) || !isfinite (resolution))
    resolution = value != 0 ? fabs (value) * 1e-6 : 1;

  rounded = value;
  if (fabs (value / resolution) < 1e15)
    rounded = round (value / resolution) * resolution;
  if (rounded == 0 || fabs (rounded) < resolution * 1e-9)
    return g_strdup ("0");

  exponent3 = (int) floor (floor (log10 (fabs (rounded)) + 1e-12) / 3.0) * 3;
  for (;;)
    {
      char *text;

      if (exponent3 < -24 || exponent3 > 24)
        return format_exponent (rounded, resolution);
      scale = pow (10.0, exponent3);
      scaled = rounded / scale;
      text = format_decimals (scaled, decimals_for (resolution / scale), TRUE);
      /* 999.9996 written with no decimals is "1000": that is "1k". */
      if (fabs (g_ascii_strtod (text, NULL)) >= 1000 && exponent3 < 24)
        {
          g_free (text);
          exponent3 += 3;
          continue;
        }
      if (si_prefixes[exponent3 / 3 + 8][0] != '\0')
        {
          char *prefixed = g_strconcat (text, si_prefixes[exponent3 / 3 + 8], NULL);
          g_free (text);
          text = prefixed;
        }
      return with_minus_sign (text);
    }
}

char *
plot_format_fixed (double value, int decimals)
{
  if (isnan (value))
    return g_strdup ("\u2013");
  if (isinf (value))
    return g_strdup (value > 0 ? "\u221e" : MINUS "\u221e");
  return with_minus_sign (format_decimals (value, decimals, FALSE));
}

static gboolean
usable (double value, HrPlotScale scale)
{
  return isfinite (value) && (scale != HR_PLOT_SCALE_LOG || value > 0);
}

static void
widen_log (double *lo, double *hi, gboolean lo_auto, gboolean hi_auto)
{
  gboolean both_fixed = !lo_auto && !hi_auto;
  double l, h;

  if (*hi / *lo < 1 + 1e-9)
    {
      if (lo_auto || both_fixed)
        *lo /= 10;
      if (hi_auto || both_fixed)
        *hi *= 10;
    }
  l = pow (10.0, floor (log10 (*lo) + 1e-9));
  h = pow (10.0, ceil (log10 (*hi) - 1e-9));
  if (lo_auto && l > 0 && isfinite (l))
    *lo = l;
  if (hi_auto && h > 0 && isfinite (h))
    *hi = h;
}

static void
widen_linear (double *lo, double *hi, gboolean lo_auto, gboolean hi_auto)
{
  gboolean both_fixed = !lo_auto && !hi_auto;
  double magnitude = MAX (fabs (*lo), fabs (*hi));
  double step;

  /* Zero width, or narrower than a double can tell apart at this magnitude. */
  if (*hi - *lo <= 1e-12 * magnitude || *hi == *lo)
    {
      double d = magnitude > 0 ? magnitude * 0.1 : 1;
      if (lo_auto || both_fixed)
        *lo -= (hi_auto || both_fixed) ? d : 2 * d;
      if (hi_auto || both_fixed)
        *hi += (lo_auto || both_fixed) ? d : 2 * d;
    }
  if (!lo_auto && !hi_auto)
    return;
  step = plot_nice_step (*lo, *hi, 5);
  if (!isfinite (step))
    return;
  if (lo_auto)
    {
      double l = floor (*lo / step + 1e-9) * step;
      if (isfinite (l))
        *lo = l;
    }
  if (hi_auto)
    {
      double h = ceil (*hi / step - 1e-9) * step;
      if (isfinite (h))
        *hi = h;
    }
}

void
plot_range_widen (double *lo, double *hi, HrPlotScale scale, gboolean lo_auto,
                  gboolean hi_auto)
{
  gboolean log_scale = scale == HR_PLOT_SCALE_LOG;
  gboolean lo_ok = usable (*lo, scale), hi_ok = usable (*hi, scale);

  if (!lo_ok && !hi_ok)
    {
      *lo = log_scale ? 1 : 0;
      *hi = log_scale ? 10 : 1;
      return;
    }
  /* One end only: give the other the default width on its side. */
  if (!lo_ok)
    {
      *lo = log_scale ? *hi / 10 : *hi - MAX (1.0, fabs (*hi));
      lo_auto = TRUE;
    }
  if (!hi_ok)
    {
      *hi = log_scale ? *lo * 10 : *lo + MAX (1.0, fabs (*lo));
      hi_auto = TRUE;
    }
  if (*lo > *hi)
    {
      double t = *lo;
      gboolean ta = lo_auto;
      *lo = *hi;
      *hi = t;
      lo_auto = hi_auto;
      hi_auto = ta;
    }
  if (log_scale)
    widen_log (lo, hi, lo_auto, hi_auto);
  else
    widen_linear (lo, hi, lo_auto, hi_auto);
}

static void
tick_clear (gpointer data)
{
  PlotTick *tick = data;
  g_free (tick->label);
}

static void
add_tick (GArray *ticks, double value, char *label, gboolean major)
{
  PlotTick tick = { value, label, major };
  g_array_append_val (ticks, tick);
}

/* The nice step below STEP: 1 → 0.5, 2 → 1, 5 → 2 (× 10^k). */
static double
smaller_step (double step)
{
  double magnitude = pow (10.0, floor (log10 (step) + 1e-9));
  double mantissa = round (step / magnitude);

  return mantissa >= 5 ? 2 * magnitude : mantissa >= 2 ? magnitude : magnitude / 2;
}

static void
ticks_linear (GArray *ticks, double lo, double hi, guint target)
{
  double step = plot_nice_step (lo, hi, target);
  double k0, k1, k;

  if (!isfinite (step) || step <= 0)
    {
      /* Zero width: one tick. */
      add_tick (ticks, lo, plot_format_eng (lo, lo != 0 ? fabs (lo) * 1e-3 : 1), TRUE);
      return;
    }
  k0 = ceil (lo / step - 1e-9);
  k1 = floor (hi / step + 1e-9);
  /* Rounding to the nearest nice step can leave too few ticks inside (-2.7…4 by 5, one;
   * -4µ…6µ by 5µ, two): take smaller steps until there are two, or three where about
   * three or more were asked for. */
  while (k1 - k0 + 1 < (target >= 3 ? 3 : 2) && isfinite (k0) && isfinite (k1))
    {
      step = smaller_step (step);
      k0 = ceil (lo / step - 1e-9);
      k1 = floor (hi / step + 1e-9);
    }
  if (!isfinite (k0) || !isfinite (k1) || k1 - k0 > 1000)
    return;
  for (k = k0; k <= k1; k++)
    {
      double value = k * step;
      if (fabs (value) < step * 1e-9)
        value = 0;
      add_tick (ticks, value, plot_format_eng (value, step), TRUE);
    }
}

static gboolean
within (double value, double lo, double hi)
{
  return value >= lo * (1 - 1e-9) && value <= hi * (1 + 1e-9);
}

static void
ticks_log (GArray *ticks, double lo, double hi, guint target)
{
  double l0 = log10 (lo), l1 = log10 (hi);
  int d0 = (int) floor (l0 + 1e-9), d1 = (int) ceil (l1 - 1e-9);
  int decades_inside = (int) floor (l1 + 1e-9) - (int) ceil (l0 - 1e-9);
  int k, every;

  /* Less than a decade: decade ticks alone would be one or none. */
  if (decades_inside < 1)
    {
      ticks_linear (ticks, lo, hi, target);
      return;
    }
  if (l1 - l0 <= target / 3.0 + 1e-9)
    {
      static const int majors[] = { 1, 2, 5 };
      for (k = d0; k <= d1; k++)
        for (int m = 1; m <= 9; m++)
          {
            double value = m * pow (10.0, k);
            gboolean major = m == majors[0] || m == majors[1] || m == majors[2];
            if (within (value, lo, hi))
              add_tick (ticks, value, major ? plot_format_eng (value, value) : NULL, major);
          }
      return;
    }
  every = (int) ceil ((double) decades_inside / MAX (target, 1u));
  every = MAX (every, 1);
  for (k = d0; k <= d1; k++)
    {
      double decade = pow (10.0, k);
      gboolean major = k % every == 0;

      if (within (decade, lo, hi) && decade > 0 && isfinite (decade))
        add_tick (ticks, decade, major ? plot_format_eng (decade, decade) : NULL, major);
      if (every == 1)
        for (int m = 2; m <= 9; m++)
          if (within (m * decade, lo, hi))
            add_tick (ticks, m * decade, NULL, FALSE);
    }
}

GArray *
plot_ticks_new (double lo, double hi, HrPlotScale scale, guint target)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (PlotTick));

  g_array_set_clear_func (ticks, tick_clear);
  if (!isfinite (lo) || !isfinite (hi))
    return ticks;
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  if (scale == HR_PLOT_SCALE_LOG)
    {
      if (lo > 0)
        ticks_log (ticks, lo, hi, target);
    }
  else
    ticks_linear (ticks, lo, hi, target);
  return ticks;
}

GArray *
plot_ticks_new_categories (double lo, double hi, char **names, guint n)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (PlotTick));

  g_array_set_clear_func (ticks, tick_clear);
  if (!isfinite (lo) || !isfinite (hi))
    return ticks;
  /* Only whole categories: a zoomed range shows the names of those still inside it. */
  for (guint i = 0; i < n; i++)
    if (i >= lo - 1e-9 && i <= hi + 1e-9)
      add_tick (ticks, i, *names[i] != '\0' ? g_strdup (names[i]) : NULL, TRUE);
  return ticks;
}
