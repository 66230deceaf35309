/* plot-private.h — what the files of ui/plot share, and what tests/test-plot.c inspects.
 *
 * Drawing goes in two steps: a layout (where the plot area, ticks, legend and labels go,
 * computed from the plot, the size and text measurements) becomes a display list (lines,
 * paths, rectangles, circles, gradients, text with font size and anchor, clips); the
 * display list is then replayed on a cairo_t, or dumped as canonical text for the golden
 * tests. Text is measured either with pango (real output) or with fixed metrics (golden
 * dumps, so that they do not change with the installed fonts).
 */
#pragma once

#include <pango/pangocairo.h>

#include "headroom-plot.h"

G_BEGIN_DECLS

/* ---- The plot object ------------------------------------------------------------------ */

typedef struct {
  double x, y, w, h;
} PlotRect;

typedef struct {
  char *name;
  double *x, *y;
  gsize n;
  HrPlotRgba color;
  HrPlotLineStyle style;
  double width;
  gboolean points;
} PlotSeries;

typedef enum {
  PLOT_ANNOTATION_MARKER,
  PLOT_ANNOTATION_BAND,
  PLOT_ANNOTATION_LINE,
  PLOT_ANNOTATION_RECT,
  PLOT_ANNOTATION_TEXT,
} PlotAnnotationKind;

typedef struct {
  PlotAnnotationKind kind;
  HrPlotAxis axis;             /* band, line */
  double x0, y0, x1, y1;       /* marker, text: (x0, y0); band: x0…x1 on AXIS; line: x0 on
                                  AXIS; rect: both corners */
  char *label;
  HrPlotRgba color;            /* stroke / text / band colour */
  HrPlotRgba fill;             /* rect; alpha 0 = none */
  HrPlotAnchor anchor;         /* text */
} PlotAnnotation;

typedef struct {
  char *label;
  char *unit;
  double min, max;             /* NAN: automatic */
  HrPlotScale scale;           /* ignored while categorical */
  char **categories;           /* NULL (numeric) or a strv of n_categories names */
  guint n_categories;
} PlotAxis;

typedef struct _PlotLayout PlotLayout;

struct _HrPlot {
  grefcount ref_count;
  HrPlotKind kind;
  char *title;
  char *font_family;
  double font_size;
  HrPlotRgba fg, bg;
  PlotAxis axes[2];
  gboolean grid;
  GPtrArray *series;           /* (element-type PlotSeries) */
  GArray *annotations;         /* (element-type PlotAnnotation) */
  HrPlotLegend legend;

  /* heatmap */
  guint rows, cols;
  double *values;              /* rows × cols */
  char **row_labels, **col_labels;   /* NULL or strv of rows / cols */
  char **cell_text;            /* NULL or rows × cols nullable strings */
  gboolean show_values;
  HrPlotColormap colormap;
  double threshold_low, threshold_high;
  double color_min, color_max; /* NAN: automatic */
  gboolean colorbar;
  char *colorbar_label;

  /* The layout of the last size asked for, for the coordinate functions; dropped by every
   * change (serial). */
  guint serial;
  PlotLayout *layout_cache;
  guint layout_cache_serial;
};

/* Every setter calls this: the cached layout is stale. */
void plot_changed (HrPlot *plot);

/* AXIS is a categorical axis of a line plot (hr_plot_set_axis_categories()). */
gboolean plot_axis_is_categorical (const HrPlot *plot, HrPlotAxis axis);

/* The range AXIS spans when drawn (see hr_plot_get_axis_range()). */
void plot_axis_effective_range (const HrPlot *plot, HrPlotAxis axis, double *lo, double *hi);

/* The colour range of a heatmap. */
void plot_heatmap_effective_range (const HrPlot *plot, double *lo, double *hi);

/* ---- Ranges and ticks (plot-ticks.c) --------------------------------------------------- */

typedef struct {
  double value;
  char *label;                 /* NULL for minor ticks */
  gboolean major;
} PlotTick;

/* A "nice" step (1, 2 or 5 × 10^k) dividing LO…HI into about TARGET intervals. */
double plot_nice_step (double lo, double hi, guint target);

/* Widens LO…HI for drawing: a zero-width range gets a width, then automatic ends (LO_AUTO,
 * HI_AUTO) move out to the next tick step (linear) or decade (log). Non-finite input gives
 * the default range. On return LO < HI, both finite (and > 0 on a log axis). */
void plot_range_widen (double *lo, double *hi, HrPlotScale scale, gboolean lo_auto,
                       gboolean hi_auto);

/* Ticks of LO…HI, about TARGET intervals between labelled ticks. (transfer full)
 * (element-type PlotTick) */
GArray *plot_ticks_new (double lo, double hi, HrPlotScale scale, guint target);

/* One labelled major tick at each category 0…N-1 of NAMES (a strv of N) inside LO…HI.
 * (transfer full) (element-type PlotTick) */
GArray *plot_ticks_new_categories (double lo, double hi, char **names, guint n);

/* VALUE in engineering notation with an SI prefix, exact to RESOLUTION (> 0), trailing
 * zeros dropped, minus sign U+2212: (0.5, 0.5) -> "500m", (1.5, 0.5) -> "1.5",
 * (2e-9, 1e-9) -> "2n", (1e4, 1e4) -> "10k". */
char *plot_format_eng (double value, double resolution);

/* VALUE with DECIMALS decimals, minus sign U+2212, "–" for NAN. */
char *plot_format_fixed (double value, int decimals);

/* ---- Colours (plot-color.c) ------------------------------------------------------------ */

void plot_colormap_color (HrPlotColormap colormap, double low, double high, double lo,
                          double hi, double value, HrPlotRgba *color);
/* Stops of a vertical gradient from LO (offset 0) to HI (offset 1). (transfer full) */
guint plot_colormap_stops (HrPlotColormap colormap, double low, double high, double lo,
                           double hi, double **offsets, HrPlotRgba **colors);
/* Black or white, whichever reads better on BACKGROUND. */
void plot_contrast_color (const HrPlotRgba *background, HrPlotRgba *color);
void plot_color_with_alpha (const HrPlotRgba *color, double alpha_factor, HrPlotRgba *out);

/* ---- Text measurement (plot-layout.c) -------------------------------------------------- */

typedef enum {
  PLOT_METRICS_PANGO,          /* the real fonts */
  PLOT_METRICS_FIXED,          /* width 0.6 × size per character, height 1.2 × size */
} PlotMetrics;

typedef struct {
  PlotMetrics metrics;
  const char *family;
  PangoContext *context;       /* lazily, PANGO only */
  PangoLayout *layout;
} PlotMeasure;

void plot_measure_init (PlotMeasure *measure, PlotMetrics metrics, const char *family);
void plot_measure_clear (PlotMeasure *measure);
void plot_measure_text (PlotMeasure *measure, const char *text, double size, gboolean bold,
                        double *width, double *height);
/* Sets LAYOUT up to draw TEXT: the one place fonts are chosen, for measuring and drawing. */
void plot_pango_layout_set (PangoLayout *layout, const char *family, const char *text,
                            double size, gboolean bold);

/* ---- Layout (plot-layout.c) ------------------------------------------------------------ */

/* Maps LO…HI (linear or log10) onto device D0…D1 (D0 may be > D1: y grows downwards). */
typedef struct {
  double lo, hi;
  gboolean log;
  double d0, d1;
} PlotMap;

double plot_map_to_device (const PlotMap *map, double value);
double plot_map_to_data (const PlotMap *map, double device);
gboolean plot_map_accepts (const PlotMap *map, double value);

/* Font sizes as ratios of the base size. */
#define PLOT_TITLE_SCALE 1.25
#define PLOT_LABEL_SCALE 1.0
#define PLOT_TICK_SCALE 0.9
#define PLOT_LEGEND_SCALE 0.9
#define PLOT_NOTE_SCALE 0.85

struct _PlotLayout {
  double width, height;
  PlotRect area;               /* plot area (XY) or grid (heatmap) */
  PlotMap x, y;
  GArray *x_ticks, *y_ticks;   /* (element-type PlotTick) */
  double x_tick_size, y_tick_size;   /* font size of their labels: category names shrink to
                                        fit their slots */
  double title_x, title_y;     /* top centre of the title */
  double title_size;           /* shrunk to fit the width */
  double x_label_y;            /* centre line of the X axis label (top of it for heatmaps) */
  double y_label_x;            /* centre line of the Y axis label (rotated) */

  /* XY */
  gboolean legend_shown;
  PlotRect legend;

  /* heatmap */
  double cell;                 /* cell side */
  double label_font_size;      /* row and column labels */
  gboolean col_labels_upright;
  double cell_font_size;       /* 0: cells too small for text */
  gboolean colorbar_shown;
  PlotRect colorbar;
  PlotMap cmap;                /* colour range onto the colour bar (bottom to top) */
  GArray *c_ticks;
  double colorbar_label_x;
  double colorbar_label_size;  /* shrunk to the bar's height */
};

PlotLayout *plot_layout_new (const HrPlot *plot, double width, double height,
                             PlotMeasure *measure);
void plot_layout_free (PlotLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlotLayout, plot_layout_free)

/* "LABEL (UNIT)", "LABEL", "(UNIT)" or NULL. (transfer full) */
char *plot_axis_title (const HrPlot *plot, HrPlotAxis axis);

/* The layout of PLOT at WIDTH × HEIGHT with pango metrics, cached in PLOT. (transfer none) */
const PlotLayout *plot_layout_get (HrPlot *plot, double width, double height);

/* Legend geometry shared by layout and drawing. */
#define PLOT_LEGEND_SAMPLE 24.0
#define PLOT_LEGEND_PAD 6.0

/* ---- Display list (plot-display-list.c) ------------------------------------------------ */

typedef enum {
  PLOT_OP_CLIP,                /* push a rectangular clip */
  PLOT_OP_UNCLIP,              /* pop it */
  PLOT_OP_RECT,
  PLOT_OP_PATH,
  PLOT_OP_CIRCLE,
  PLOT_OP_TEXT,
  PLOT_OP_GRADIENT,            /* a rectangle filled with a vertical gradient */
} PlotOpKind;

typedef struct {
  PlotOpKind kind;
  double x, y, w, h;           /* rect, clip, gradient; circle: centre, w = radius; text:
                                  anchor point */
  HrPlotRgba fill, stroke;     /* alpha 0: none */
  double line_width;
  HrPlotLineStyle dash;
  double *points;              /* path: x0 y0 x1 y1 … */
  guint n_points;
  gboolean closed;
  char *text;                  /* text */
  double font_size;
  gboolean bold;
  HrPlotAnchor anchor;
  double angle;                /* degrees counter-clockwise: 0 or 90 */
  double *offsets;             /* gradient, 0 = bottom, 1 = top */
  HrPlotRgba *colors;
  guint n_stops;
} PlotOp;

typedef struct {
  double width, height;
  char *font_family;
  GArray *ops;                 /* (element-type PlotOp) */
} PlotDisplayList;

PlotDisplayList *plot_display_list_new (double width, double height, const char *family);
void plot_display_list_free (PlotDisplayList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlotDisplayList, plot_display_list_free)

void plot_dl_clip (PlotDisplayList *list, const PlotRect *rect);
void plot_dl_unclip (PlotDisplayList *list);
/* FILL and STROKE nullable. */
void plot_dl_rect (PlotDisplayList *list, double x, double y, double w, double h,
                   const HrPlotRgba *fill, const HrPlotRgba *stroke, double line_width);
/* POINTS (2 × N doubles) are copied. */
void plot_dl_path (PlotDisplayList *list, const double *points, guint n, gboolean closed,
                   const HrPlotRgba *fill, const HrPlotRgba *stroke, double line_width,
                   HrPlotLineStyle dash);
void plot_dl_line (PlotDisplayList *list, double x0, double y0, double x1, double y1,
                   const HrPlotRgba *stroke, double line_width, HrPlotLineStyle dash);
void plot_dl_circle (PlotDisplayList *list, double x, double y, double radius,
                     const HrPlotRgba *fill, const HrPlotRgba *stroke, double line_width);
void plot_dl_text (PlotDisplayList *list, double x, double y, const char *text, double size,
                   gboolean bold, HrPlotAnchor anchor, double angle, const HrPlotRgba *color);
/* OFFSETS and COLORS (N each) are taken over; STROKE (nullable) outlines the rectangle. */
void plot_dl_gradient (PlotDisplayList *list, const PlotRect *rect, double *offsets,
                       HrPlotRgba *colors, guint n, const HrPlotRgba *stroke,
                       double line_width);

/* The list as text, one operation a line, coordinates rounded to 0.1. (transfer full) */
char *plot_display_list_dump (const PlotDisplayList *list);
guint plot_display_list_count (const PlotDisplayList *list, PlotOpKind kind);
void plot_display_list_replay (const PlotDisplayList *list, cairo_t *cr);

/* ---- Building the display list (plot-render.c) ----------------------------------------- */

/* (transfer full) */
PlotDisplayList *plot_build_display_list (HrPlot *plot, double width, double height,
                                          PlotMetrics metrics);

G_END_DECLS
