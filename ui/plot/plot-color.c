/* plot-color.c — the series palette and the heatmap colour maps. */
#include "hr-config.h"

#include <math.h>

#include "plot-private.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }

/* Okabe & Ito, "Color Universal Design (CUD): how to make figures and presentations that are
 * friendly to colorblind people", 2008 (https://jfly.uni-koeln.de/color/). Ordered so that
 * the first few series differ most in hue and lightness; yellow, weak on white, comes late. */
static const HrPlotRgba okabe_ito[] = {
  RGB (0x0072b2),   /* blue */
  RGB (0xd55e00),   /* vermillion */
  RGB (0x009e73),   /* bluish green */
  RGB (0xe69f00),   /* orange */
  RGB (0xcc79a7),   /* reddish purple */
  RGB (0x56b4e9),   /* sky blue */
  RGB (0xf0e442),   /* yellow */
  RGB (0x000000),   /* black */
};

/* viridis (van der Walt and Smith, matplotlib, CC0), sampled at 9 evenly spaced points. */
static const HrPlotRgba viridis[] = {
  RGB (0x440154), RGB (0x472d7b), RGB (0x3b528b), RGB (0x2c728e), RGB (0x21918c),
  RGB (0x28ae80), RGB (0x5ec962), RGB (0xaddc30), RGB (0xfde725),
};

/* Diverging map: Okabe–Ito vermillion, orange and bluish green; pale near the thresholds,
 * deep far from them. */
static const HrPlotRgba red_pale = RGB (0xf2b48a);
static const HrPlotRgba red_deep = RGB (0xb34700);
static const HrPlotRgba amber = RGB (0xe69f00);
static const HrPlotRgba green_pale = RGB (0x8fd3bb);
static const HrPlotRgba green_deep = RGB (0x007a58);

void
hr_plot_palette_color (guint index, HrPlotRgba *color)
{
  g_return_if_fail (color != NULL);
  *color = okabe_ito[index % G_N_ELEMENTS (okabe_ito)];
}

static void
mix (const HrPlotRgba *a, const HrPlotRgba *b, double t, HrPlotRgba *out)
{
  t = CLAMP (t, 0.0, 1.0);
  out->red = a->red + (b->red - a->red) * t;
  out->green = a->green + (b->green - a->green) * t;
  out->blue = a->blue + (b->blue - a->blue) * t;
  out->alpha = a->alpha + (b->alpha - a->alpha) * t;
}

static double
fraction (double value, double from, double to)
{
  return to != from ? (value - from) / (to - from) : 1.0;
}

static void
sequential (double lo, double hi, double value, HrPlotRgba *color)
{
  double t = CLAMP (fraction (value, lo, hi), 0.0, 1.0) * (G_N_ELEMENTS (viridis) - 1);
  guint i = MIN ((guint) floor (t), G_N_ELEMENTS (viridis) - 2);

  mix (&viridis[i], &viridis[i + 1], t - i, color);
}

static void
diverging (double low, double high, double lo, double hi, double value, HrPlotRgba *color)
{
  if (value < low)
    mix (&red_pale, &red_deep, fraction (value, low, MIN (lo, low)), color);
  else if (value < high)
    *color = amber;
  else
    mix (&green_pale, &green_deep, fraction (value, high, MAX (hi, high)), color);
}

void
plot_colormap_color (HrPlotColormap colormap, double low, double high, double lo, double hi,
                     double value, HrPlotRgba *color)
{
  if (colormap == HR_PLOT_COLORMAP_SEQUENTIAL)
    sequential (lo, hi, value, color);
  else
    diverging (low, high, lo, hi, value, color);
}

typedef struct {
  GArray *offsets, *colors;
  double lo, hi;
} Stops;

static void
add_stop (Stops *stops, double value, const HrPlotRgba *color)
{
  double offset = CLAMP (fraction (value, stops->lo, stops->hi), 0.0, 1.0);

  g_array_append_val (stops->offsets, offset);
  g_array_append_val (stops->colors, *color);
}

guint
plot_colormap_stops (HrPlotColormap colormap, double low, double high, double lo, double hi,
                     double **offsets, HrPlotRgba **colors)
{
  Stops stops = {
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (HrPlotRgba)),
    lo, hi,
  };
  HrPlotRgba c;
  guint n;

  if (colormap == HR_PLOT_COLORMAP_SEQUENTIAL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (viridis); i++)
        {
          double value = lo + (hi - lo) * i / (G_N_ELEMENTS (viridis) - 1);
          add_stop (&stops, value, &viridis[i]);
        }
    }
  else
    {
      /* Three pieces with hard edges at the thresholds: two stops on the same offset. */
      if (lo < low)
        {
          diverging (low, high, lo, hi, lo, &c);
          add_stop (&stops, lo, &c);
          diverging (low, high, lo, hi, MIN (low, hi), &c);
          add_stop (&stops, MIN (low, hi), hi < low ? &c : &red_pale);
        }
      if (low < hi && high > lo)
        {
          add_stop (&stops, MAX (low, lo), &amber);
          add_stop (&stops, MIN (high, hi), &amber);
        }
      if (hi >= high)
        {
          diverging (low, high, lo, hi, MAX (high, lo), &c);
          add_stop (&stops, MAX (high, lo), &c);
          diverging (low, high, lo, hi, hi, &c);
          add_stop (&stops, hi, &c);
        }
    }
  n = stops.offsets->len;
  *offsets = (double *) g_array_free (stops.offsets, FALSE);
  *colors = (HrPlotRgba *) g_array_free (stops.colors, FALSE);
  return n;
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

void
plot_contrast_color (const HrPlotRgba *background, HrPlotRgba *color)
{
  /* WCAG 2 relative luminance; 0.18 is where black and white text have equal contrast. */
  double luminance = 0.2126 * linear_channel (background->red)
                     + 0.7152 * linear_channel (background->green)
                     + 0.0722 * linear_channel (background->blue);
  double v = luminance > 0.18 ? 0.0 : 1.0;

  color->red = color->green = color->blue = v;
  color->alpha = 1.0;
}

void
plot_color_with_alpha (const HrPlotRgba *color, double alpha_factor, HrPlotRgba *out)
{
  *out = *color;
  out->alpha = CLAMP (color->alpha * alpha_factor, 0.0, 1.0);
}
