/* hr-vtc.h — noise margins from a sampled transfer curve, and the SRAM static noise margin.
 *
 * An engine (ngspice, the native one, or a measurement) sweeps a gate's input and records its
 * output: a voltage transfer curve (VTC) Vout(Vin), sampled. This part turns that curve into
 * the numbers a student or an engineer asks for, by three criteria that answer different
 * questions (docs/margins-from-curves.md has the methods, formulas and sources):
 *
 *  - Unity gain, the textbook rule: VIL and VIH are the inputs where dVout/dVin = −1 (+1 for a
 *    non-inverting gate); VOL and VOH are the outputs there, NML = VIL − VOL, NMH = VOH − VIH.
 *    The rail variant uses the outputs at the sweep's ends instead. VM is where Vout = Vin.
 *  - Hauser's nested rectangle (IEEE Trans. Educ. 36(4), 1993): the rectangle between the curve
 *    and its mirror about Vout = Vin that maximises NMH·NML — the noise pair that a loop of two
 *    such gates survives with the largest product.
 *  - The largest square nested between the curve and its mirror: the largest equal margin.
 *    For an SRAM cell the two curves are the cell's two inverters (the "butterfly",
 *    hr_snm_butterfly()); its side is the cell's static noise margin (Seevinck et al., IEEE
 *    JSSC 22(5), 1987), in hold or read alike — the caller supplies the curves.
 *
 * Use: wrap the samples in an HrVtc (hr_vtc_new() copies and validates them), then call
 * hr_vtc_analyze() for one gate or hr_snm_butterfly() for a cell. The samples are interpolated
 * with a monotone (Steffen) cubic and every point is found by root finding on that
 * interpolant, not on the grid, so a 2 mV sweep gives sub-millivolt results. Curves that do
 * not restore logic levels (the gain never reaches 1) or that are not bistable are reported
 * through flags and a plain sentence, not as errors. Results are boxed, refcounted, read-only;
 * they serialise to JSON with hr_vtc_margins_to_json() and hr_snm_to_json(). Nothing here keeps
 * global state: calls on different curves may run on different threads.
 *
 * Include "headroom-noise.h" (which includes this file); errors are HR_NOISE_ERROR_CURVE and
 * HR_NOISE_ERROR_NOT_INVERTING in the HR_NOISE_ERROR domain.
 */
#pragma once

#include <glib.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "headroom-noise.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------------- */
/* A sampled transfer curve                                                                 */

/* Read-only for users: build it with hr_vtc_new(). */
typedef struct {
  double *vin_v;     /* (array length=n) the input sweep, strictly increasing */
  double *vout_v;    /* (array length=n) the output at each input */
  gsize n;           /* number of samples, at least 3 */
  /*< private >*/
  gint ref_count;
} HrVtc;

GType hr_vtc_get_type (void) G_GNUC_CONST;
#define HR_TYPE_VTC (hr_vtc_get_type ())

/**
 * hr_vtc_new:
 * @vin_v: (array length=n): input voltages, strictly increasing
 * @vout_v: (array length=n): output voltages
 * @n: number of samples
 * @error: HR_NOISE_ERROR_CURVE when there are fewer than 3 samples, a value is not finite,
 *   the input does not rise strictly, or the output is the same at both ends of the sweep
 *
 * Copies the samples. Returns: (transfer full) (nullable): the curve, or NULL with @error.
 */
HrVtc *hr_vtc_new (const double *vin_v, const double *vout_v, gsize n, GError **error);
HrVtc *hr_vtc_ref (HrVtc *vtc);
void hr_vtc_unref (HrVtc *vtc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrVtc, hr_vtc_unref)

/* TRUE when the output falls across the sweep (Vout at the first sample above the last). */
gboolean hr_vtc_is_inverting (const HrVtc *vtc);

/* ---------------------------------------------------------------------------------------- */
/* Margins of one gate                                                                      */

/* Why a number is missing or should be read with care. Combined with |. */
typedef enum {
  HR_VTC_FLAG_NONE = 0,
  HR_VTC_FLAG_NON_INVERTING = 1 << 0, /* a buffer: unity gain at slope +1; no rectangle or
                                         square (defined here for inverting gates only) */
  HR_VTC_FLAG_NO_UNITY_GAIN = 1 << 1, /* the gain never reaches 1: the gate does not restore
                                         logic levels; VIL, VIH and the unity-gain margins
                                         are NAN */
  HR_VTC_FLAG_MANY_CROSSINGS = 1 << 2,/* the slope crosses ±1 more than twice (noise, a bump):
                                         the outermost pair was used */
  HR_VTC_FLAG_TRUNCATED = 1 << 3,     /* the sweep starts or ends where the gain is above 1:
                                         extend it to find VIL or VIH */
  HR_VTC_FLAG_NO_VM = 1 << 4,         /* the curve does not cross Vout = Vin in the sweep */
  HR_VTC_FLAG_NOT_BISTABLE = 1 << 5,  /* the curve and its mirror enclose no lobe: a loop of
                                         two such gates has one state; rectangle and square
                                         are 0 */
} HrVtcFlags;

/* The name of one flag ("non-inverting", "no-unity-gain", "many-crossings", "truncated",
 * "no-vm", "not-bistable"), NULL for anything else. */
const char *hr_vtc_flag_to_string (HrVtcFlags flag);

/* Margins of one gate's curve. Boxed, refcounted, read-only for users. A number that does not
 * exist for this curve is NAN (see flags); JSON writes it as null.
 *
 * Geometry, in the (Vin, Vout) plane of an inverter: the curve f and its mirror about
 * Vout = Vin enclose two lobes; in the upper-left one a rectangle or square has its
 * bottom-left corner (VOL, VIH) on the mirror and its top-right corner (VIL, VOH) on f, so its
 * width is NML and its height NMH. The unity-gain points are one such rectangle; Hauser's and
 * the square are the best ones by their own measure. */
typedef struct {
  gboolean inverting;         /* FALSE for a buffer (HR_VTC_FLAG_NON_INVERTING) */
  HrVtcFlags flags;
  gsize n_samples;
  double vm_v;                /* switching threshold: Vout = Vin */
  double peak_gain;           /* largest |dVout/dVin| of the interpolant (dimensionless) */

  /* Unity gain: slope −1 (inverter) or +1 (buffer); outermost pair when there are more. */
  guint n_unity_crossings;    /* how many times the slope crosses ±1 */
  double vil_v, vih_v;        /* inputs at the unity-gain points */
  double vol_v, voh_v;        /* outputs at those points (inverter: voh = f(vil), vol = f(vih)) */
  double nml_v, nmh_v;        /* NML = vil − vol, NMH = voh − vih: this is the convention of
                                 nml_v/nmh_v */

  /* Rails: the outputs at the sweep's ends (below VDD / above 0 under load). */
  double vol_rail_v, voh_rail_v;
  double nml_rail_v, nmh_rail_v; /* NML = vil − vol_rail, NMH = voh_rail − vih */

  /* Hauser's rectangle: maximises NMH·NML. Corners (vol, vih) and (vil, voh). */
  double hauser_nml_v, hauser_nmh_v;
  double hauser_vol_v, hauser_vih_v, hauser_vil_v, hauser_voh_v;

  /* Largest square: side = the largest equal margin. Bottom-left corner (vol, vih), top-right
   * corner (vol + side, vih + side). */
  double square_side_v;
  double square_vol_v, square_vih_v;

  char *criteria_note;        /* one or two sentences: the three criteria's numbers and why
                                 they differ, or why some are missing */
  /*< private >*/
  gint ref_count;
} HrVtcMargins;

GType hr_vtc_margins_get_type (void) G_GNUC_CONST;
#define HR_TYPE_VTC_MARGINS (hr_vtc_margins_get_type ())
HrVtcMargins *hr_vtc_margins_ref (HrVtcMargins *margins);
void hr_vtc_margins_unref (HrVtcMargins *margins);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrVtcMargins, hr_vtc_margins_unref)

/**
 * hr_vtc_analyze:
 * @vtc: one gate's transfer curve
 * @error: reserved; a curve accepted by hr_vtc_new() always gives a result
 *
 * All three criteria on one gate (Hauser's rectangle and the square between the curve and its
 * own mirror, i.e. a chain of identical gates). Returns: (transfer full): the margins.
 */
HrVtcMargins *hr_vtc_analyze (const HrVtc *vtc, GError **error);

/* ---------------------------------------------------------------------------------------- */
/* SRAM static noise margin (the butterfly)                                                 */

/* The largest square in one lobe of the butterfly. */
typedef struct {
  double side_v;              /* 0 when the lobe does not exist */
  double x_v, y_v;            /* bottom-left corner; top-right is (x + side, y + side) */
} HrSnmSquare;

typedef enum {
  HR_SNM_LOBE_UPPER_LEFT,     /* curve A above B's mirror: inverter A's output high */
  HR_SNM_LOBE_LOWER_RIGHT,    /* B's mirror above A: inverter A's output low */
} HrSnmLobe;

const char *hr_snm_lobe_to_string (HrSnmLobe lobe); /* "upper-left", "lower-right" */

/* Result of hr_snm_butterfly(). The plane is A's (Vin, Vout): x = A's input = B's output,
 * y = A's output = B's input. Boxed, refcounted, read-only for users. */
typedef struct {
  HrSnmSquare upper_left;
  HrSnmSquare lower_right;
  double snm_v;               /* the cell's SNM: the smaller of the two sides */
  HrSnmLobe worst_lobe;       /* which lobe gave snm_v */
  gboolean bistable;          /* FALSE: the curves cross once, the cell holds no state
                                 (a read upset), snm_v = 0 */
  /*< private >*/
  gint ref_count;
} HrSnm;

GType hr_snm_get_type (void) G_GNUC_CONST;
#define HR_TYPE_SNM (hr_snm_get_type ())
HrSnm *hr_snm_ref (HrSnm *snm);
void hr_snm_unref (HrSnm *snm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrSnm, hr_snm_unref)

/**
 * hr_snm_butterfly:
 * @a: inverter A's transfer curve, Vout_A(Vin_A)
 * @b: inverter B's transfer curve, Vout_B(Vin_B), as swept (not mirrored: this function
 *   mirrors it about y = x)
 * @error: HR_NOISE_ERROR_NOT_INVERTING when a curve does not fall across its sweep
 *
 * The static noise margin of a cross-coupled pair by the largest square in each lobe of the
 * butterfly. Hold and read margins differ only in the curves given (read: with the access
 * transistor loading each storage node). Returns: (transfer full) (nullable): the result.
 */
HrSnm *hr_snm_butterfly (const HrVtc *a, const HrVtc *b, GError **error);

/* ---------------------------------------------------------------------------------------- */
/* JSON (docs/margins-from-curves.md, "JSON")                                               */

/* (transfer full) */
JsonNode *hr_vtc_margins_to_json (const HrVtcMargins *margins);
/* (transfer full) */
JsonNode *hr_snm_to_json (const HrSnm *snm);

G_END_DECLS
