/* headroom-plot.h — plot: charts drawn with cairo + pango, without GTK.
 *
 * This part draws the pictures headroom shows: line plots (transfer curves Vout(Vin) with
 * their VIL/VIH/VOL/VOH markers and margin bands, waveforms over time, parameter sweeps, AC
 * responses on log axes) and heatmaps (the compatibility matrix of logic families, coloured
 * by the worst noise margin). The same code writes SVG, PNG and PDF files for the CLI and
 * draws into a GTK widget's cairo_t for the app.
 *
 * Use it in three steps:
 *
 *   1. Make a plot: hr_plot_new_xy() or hr_plot_new_heatmap().
 *   2. Describe it: title, axis labels with their unit ("Vin" + "V" is drawn "Vin (V)"),
 *      series (the arrays are copied), annotations (markers, bands, lines, rectangles,
 *      text, all in data coordinates), legend; or, for a heatmap, row and column labels,
 *      cell texts, colour map and colour bar.
 *   3. Draw it: hr_plot_save() to a file (atomically), hr_plot_render_to_bytes() to memory,
 *      or hr_plot_render() on any cairo_t (the GTK widget's snapshot).
 *
 *     g_autoptr(HrPlot) plot = hr_plot_new_xy ();
 *     hr_plot_set_title (plot, "74HC inverter at 5 V");
 *     hr_plot_set_axis_label (plot, HR_PLOT_AXIS_X, "Vin", "V");
 *     hr_plot_set_axis_label (plot, HR_PLOT_AXIS_Y, "Vout", "V");
 *     hr_plot_add_series (plot, "Vout", vin, vout, n);
 *     hr_plot_add_marker (plot, vil, vout_at_vil, "VIL", NULL);
 *     if (!hr_plot_save (plot, "vtc.svg", HR_PLOT_FORMAT_AUTO, 640, 480, &error))
 *       ...
 *
 * Tick labels are written in engineering notation with SI prefixes ("0", "500m", "1", "1.5"
 * on a volt axis, "0", "2n", "4n" on a time axis, "1k", "10k", "100k" on a log axis); the
 * axis label carries the unit. Non-finite data (NaN, ±inf) is skipped and breaks a line;
 * on a log axis non-positive values are skipped too. A plot without data draws an empty
 * frame. Sizes are in device units of the target: pixels for PNG, SVG and on screen,
 * points for PDF.
 *
 * An HrPlot is a refcounted boxed type. It is not thread-safe: use one plot from one thread
 * at a time (two plots on two threads are fine). Functions that take a colour take a
 * pointer that may be NULL for "the default"; they copy what they are given. Strings are
 * copied. Errors are in the HR_PLOT_ERROR domain and name the file.
 */
#pragma once

#include <glib.h>
#include <glib-object.h>
#include <cairo.h>

G_BEGIN_DECLS

#define HR_PLOT_ERROR (hr_plot_error_quark ())
GQuark hr_plot_error_quark (void);

typedef enum {
  HR_PLOT_ERROR_FORMAT,     /* unknown file format (extension) */
  HR_PLOT_ERROR_SIZE,       /* width or height not in 1…32767 */
  HR_PLOT_ERROR_RENDER,     /* cairo failed to draw or encode */
  HR_PLOT_ERROR_WRITE,      /* the file could not be written; nothing was left behind */
} HrPlotError;

typedef enum {
  HR_PLOT_KIND_XY,
  HR_PLOT_KIND_HEATMAP,
} HrPlotKind;

typedef enum {
  HR_PLOT_AXIS_X,
  HR_PLOT_AXIS_Y,
} HrPlotAxis;

typedef enum {
  HR_PLOT_SCALE_LINEAR,
  HR_PLOT_SCALE_LOG,        /* base 10; values <= 0 are skipped */
} HrPlotScale;

typedef enum {
  HR_PLOT_FORMAT_AUTO,      /* from the file name's extension */
  HR_PLOT_FORMAT_SVG,
  HR_PLOT_FORMAT_PNG,
  HR_PLOT_FORMAT_PDF,
} HrPlotFormat;

typedef enum {
  HR_PLOT_LINE_SOLID,
  HR_PLOT_LINE_DASHED,
  HR_PLOT_LINE_DOTTED,
  HR_PLOT_LINE_NONE,        /* no line: points only (see hr_plot_series_set_points()) */
} HrPlotLineStyle;

typedef enum {
  HR_PLOT_LEGEND_NONE,
  HR_PLOT_LEGEND_BEST,      /* the inside corner hiding the fewest points, markers and labels
                               (the default) */
  HR_PLOT_LEGEND_TOP_RIGHT,
  HR_PLOT_LEGEND_TOP_LEFT,
  HR_PLOT_LEGEND_BOTTOM_RIGHT,
  HR_PLOT_LEGEND_BOTTOM_LEFT,
  HR_PLOT_LEGEND_OUTSIDE_RIGHT,
} HrPlotLegend;

/* Which point of a text lies on the position given to hr_plot_add_text(). */
typedef enum {
  HR_PLOT_ANCHOR_TOP_LEFT,
  HR_PLOT_ANCHOR_TOP,
  HR_PLOT_ANCHOR_TOP_RIGHT,
  HR_PLOT_ANCHOR_LEFT,
  HR_PLOT_ANCHOR_CENTER,
  HR_PLOT_ANCHOR_RIGHT,
  HR_PLOT_ANCHOR_BOTTOM_LEFT,
  HR_PLOT_ANCHOR_BOTTOM,
  HR_PLOT_ANCHOR_BOTTOM_RIGHT,
} HrPlotAnchor;

typedef enum {
  /* Traffic light with two thresholds LOW <= HIGH (for margins: 0 and 0.1 V): red below
   * LOW, amber from LOW to HIGH, green above HIGH; red and green deepen with distance from
   * the thresholds. Hues from the Okabe–Ito palette so they stay apart for colour-blind
   * readers; the cell text carries the value anyway. */
  HR_PLOT_COLORMAP_DIVERGING,
  HR_PLOT_COLORMAP_SEQUENTIAL,   /* viridis, low to high */
} HrPlotColormap;

/* A colour with components in 0…1, like GdkRGBA. */
typedef struct {
  double red;
  double green;
  double blue;
  double alpha;
} HrPlotRgba;

/* Colour INDEX (modulo 8) of the Okabe–Ito colour-blind-safe palette, in the order series
 * get them: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow,
 * black. */
void hr_plot_palette_color (guint index, HrPlotRgba *color);

typedef struct _HrPlot HrPlot;

GType hr_plot_get_type (void) G_GNUC_CONST;
#define HR_TYPE_PLOT (hr_plot_get_type ())

/* A line plot with auto-ranged linear axes, no title, legend BEST. (transfer full) */
HrPlot *hr_plot_new_xy (void);

/* A heatmap of ROWS × COLS cells. VALUES (array length = rows × cols, row-major, row 0 at
 * the top; may be NULL for "no data yet") is copied; NAN marks a cell without data.
 * (transfer full) */
HrPlot *hr_plot_new_heatmap (guint rows, guint cols, const double *values);

HrPlot *hr_plot_ref (HrPlot *plot);
void hr_plot_unref (HrPlot *plot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrPlot, hr_plot_unref)

HrPlotKind hr_plot_get_kind (const HrPlot *plot);

/* ---- Common to both kinds ------------------------------------------------------------ */

void hr_plot_set_title (HrPlot *plot, const char *title /* (nullable) */);

/* Font FAMILY (NULL: "Sans") and base SIZE in device units (<= 0: 12); titles, ticks and
 * labels are drawn at fixed ratios of it. */
void hr_plot_set_font (HrPlot *plot, const char *family, double size);

/* Text/axis colour (NULL: black) and background (NULL: transparent; the default is white).
 * A GTK widget passes its theme's colours. */
void hr_plot_set_colors (HrPlot *plot, const HrPlotRgba *foreground,
                         const HrPlotRgba *background);

/* Axis LABEL and UNIT (both nullable): drawn "LABEL (UNIT)". For a heatmap, X labels the
 * columns ("Receiver") and Y the rows ("Driver"); the unit is ignored. */
void hr_plot_set_axis_label (HrPlot *plot, HrPlotAxis axis, const char *label,
                             const char *unit);

/* ---- Line plots ---------------------------------------------------------------------- */

/* Range of AXIS: a NAN end is automatic (from the data and annotations, widened to a tick
 * step, or to whole decades on a log axis); both NAN (the default) is fully automatic. A
 * fixed range is used as is: this is how a widget zooms and pans. On a log axis an end
 * <= 0 counts as automatic. */
void hr_plot_set_axis_range (HrPlot *plot, HrPlotAxis axis, double min, double max);

/* The range AXIS really spans when drawn (automatic ends resolved), at any size. A
 * heatmap's X spans 0…cols and Y 0…rows. */
void hr_plot_get_axis_range (HrPlot *plot, HrPlotAxis axis, double *min /* (out) */,
                             double *max /* (out) */);

/* The range last set with hr_plot_set_axis_range: NAN for an automatic end. A widget keeps
 * it to return to the chart's own view after zooming. */
void hr_plot_get_axis_range_request (HrPlot *plot, HrPlotAxis axis, double *min /* (out) */,
                                     double *max /* (out) */);

void hr_plot_set_axis_scale (HrPlot *plot, HrPlotAxis axis, HrPlotScale scale);

/* Makes AXIS of a line plot categorical: N NAMES (array length=n, copied; a NULL entry is
 * blank) instead of numbers, for bars or columns side by side ("74LS outputs", "74HC
 * inputs"; "VOL", "VIL", "VIH", "VOH"). Category i sits at data coordinate i and owns
 * i − 0.5 … i + 0.5: series and annotations place things on it like on any axis (a bar of
 * category 1 from 0.65 to 1.35). The axis has one tick at each category's centre, labelled
 * with its name (shrunk to fit its slot when long), no other ticks and no grid lines; it is
 * always linear (the scale is kept for when the categories go) and its automatic range is
 * −0.5 … N − 0.5; a fixed range still applies. NAMES NULL or N 0 makes it numeric
 * again. */
void hr_plot_set_axis_categories (HrPlot *plot, HrPlotAxis axis, const char *const *names,
                                  gsize n);
/* The number of categories of AXIS: 0 for a numeric axis (and for a heatmap's). */
guint hr_plot_get_axis_n_categories (const HrPlot *plot, HrPlotAxis axis);
/* The name of the category whose slot holds VALUE (data coordinate), or NULL when AXIS is
 * numeric or VALUE lies outside every slot. (transfer none) */
const char *hr_plot_get_axis_category (const HrPlot *plot, HrPlotAxis axis, double value);

/* Grid lines at the major ticks (default on). */
void hr_plot_set_grid (HrPlot *plot, gboolean show);

/* Adds a series of N points (X and Y: array length=n, copied) named NAME (nullable: not in
 * the legend) and returns its index. Colour: the palette entry of that index; line solid,
 * 2 units wide; no points. N may be 0. */
guint hr_plot_add_series (HrPlot *plot, const char *name, const double *x, const double *y,
                          gsize n);
guint hr_plot_get_n_series (const HrPlot *plot);

void hr_plot_series_set_color (HrPlot *plot, guint series, const HrPlotRgba *color);
void hr_plot_series_set_color_index (HrPlot *plot, guint series, guint palette_index);
/* Line STYLE and WIDTH in device units (<= 0: keep the current width). */
void hr_plot_series_set_line (HrPlot *plot, guint series, HrPlotLineStyle style,
                              double width);
/* Draw a dot at every data point. */
void hr_plot_series_set_points (HrPlot *plot, guint series, gboolean show);

void hr_plot_set_legend (HrPlot *plot, HrPlotLegend legend);

/* Annotations, all in data coordinates, drawn in the order added, clipped to the plot
 * area. LABEL is nullable everywhere; COLOR NULL means the foreground colour. */

/* A dot at (X, Y) with LABEL beside it ("VIL"). */
void hr_plot_add_marker (HrPlot *plot, double x, double y, const char *label,
                         const HrPlotRgba *color);

/* A translucent band over FROM…TO of AXIS across the whole plot: AXIS X gives a vertical
 * band, Y a horizontal one. An end may be ±INFINITY (to the plot's edge). COLOR is drawn at
 * a fifth of its alpha; LABEL at the band's top (X) or right end (Y). */
void hr_plot_add_band (HrPlot *plot, HrPlotAxis axis, double from, double to,
                       const char *label, const HrPlotRgba *color);

/* A dashed line at VALUE of AXIS across the plot: AXIS X gives a vertical line. */
void hr_plot_add_line (HrPlot *plot, HrPlotAxis axis, double value, const char *label,
                       const HrPlotRgba *color);

/* A rectangle with corners (X0, Y0) and (X1, Y1), outlined in STROKE (NULL: foreground),
 * filled with FILL (NULL: not filled), LABEL at its centre: the squares of a butterfly
 * plot. */
void hr_plot_add_rect (HrPlot *plot, double x0, double y0, double x1, double y1,
                       const char *label, const HrPlotRgba *stroke, const HrPlotRgba *fill);

/* TEXT with its ANCHOR point at (X, Y). */
void hr_plot_add_text (HrPlot *plot, double x, double y, const char *text,
                       HrPlotAnchor anchor, const HrPlotRgba *color);

/* ---- Heatmaps ------------------------------------------------------------------------ */

/* Labels of the rows (drawn left of the grid) and columns (above it, turned upright when
 * they do not fit across a cell): arrays of N_ROWS == rows and N_COLS == cols strings
 * (array length=n_rows / n_cols; no NULL terminator needed; a NULL entry is blank), or
 * NULL and 0 for none. Copied. */
void hr_plot_heatmap_set_labels (HrPlot *plot, const char * const *row_labels, gsize n_rows,
                                 const char * const *col_labels, gsize n_cols);

/* The text of each cell (array length = rows × cols, row-major, copied). A NULL array or
 * entry shows the value with two decimals ("0.70", "−0.80", "–" for NAN); "" shows
 * nothing. */
void hr_plot_heatmap_set_cell_text (HrPlot *plot, const char * const *text, gsize n);

/* Show the values as cell text when no text was given (default TRUE). */
void hr_plot_heatmap_set_show_values (HrPlot *plot, gboolean show);

/* Colour map; LOW and HIGH are the thresholds of HR_PLOT_COLORMAP_DIVERGING (default 0 and
 * 0.1) and are ignored by the sequential map. */
void hr_plot_heatmap_set_colormap (HrPlot *plot, HrPlotColormap colormap, double low,
                                   double high);

/* Value range mapped to the colours; NAN ends are automatic (the data, including the
 * diverging thresholds, widened to a tick step). */
void hr_plot_heatmap_set_range (HrPlot *plot, double min, double max);

/* Colour bar beside the grid (default shown), LABEL (nullable) along it: "worst margin
 * (V)". */
void hr_plot_heatmap_set_colorbar (HrPlot *plot, gboolean show, const char *label);

/* ---- Drawing ------------------------------------------------------------------------- */

/* Draws the whole plot into the rectangle (0, 0)…(WIDTH, HEIGHT) of CR's user space. The
 * state of CR is saved and restored; errors stay in CR's status. */
void hr_plot_render (HrPlot *plot, cairo_t *cr, double width, double height);

/* The format named by PATH's extension (.svg, .png, .pdf, any case), or
 * HR_PLOT_FORMAT_AUTO if there is none of these. */
HrPlotFormat hr_plot_format_from_path (const char *path);

/* The format called NAME: "svg", "png" or "pdf" (any case, a leading dot allowed), as a
 * CLI's --format gives it; HR_PLOT_FORMAT_AUTO for anything else. */
HrPlotFormat hr_plot_format_from_name (const char *name);

/* The plot as a whole file of FORMAT (not AUTO) of WIDTH × HEIGHT: PNG and SVG in pixels,
 * PDF in points. (transfer full) */
GBytes *hr_plot_render_to_bytes (HrPlot *plot, HrPlotFormat format, double width,
                                 double height, GError **error);

/* Writes the plot to PATH in FORMAT (AUTO: from the extension) atomically: the file is
 * written beside PATH under a temporary name and renamed over PATH only when complete; on
 * any error PATH is untouched and nothing is left behind. */
gboolean hr_plot_save (HrPlot *plot, const char *path, HrPlotFormat format, double width,
                       double height, GError **error);

/* ---- Coordinates, for a widget's cursor readout -------------------------------------- */

/* The plot area (inside the axes) when drawn at WIDTH × HEIGHT. For a heatmap: the grid. */
void hr_plot_get_plot_area (HrPlot *plot, double width, double height,
                            double *x /* (out) */, double *y /* (out) */,
                            double *area_width /* (out) */, double *area_height /* (out) */);

/* Maps data (X, Y) to device coordinates of a plot drawn at WIDTH × HEIGHT. FALSE (and
 * outputs untouched) when the point has no place: non-finite, or <= 0 on a log axis. For
 * a heatmap the data coordinates are (column, row): cell (r, c) covers c…c+1, r…r+1,
 * row 0 at the top. */
gboolean hr_plot_data_to_device (HrPlot *plot, double width, double height, double x,
                                 double y, double *device_x /* (out) */,
                                 double *device_y /* (out) */);

/* The inverse of hr_plot_data_to_device(); points outside the plot area map too. */
gboolean hr_plot_device_to_data (HrPlot *plot, double width, double height,
                                 double device_x, double device_y, double *x /* (out) */,
                                 double *y /* (out) */);

G_END_DECLS
