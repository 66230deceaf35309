/* headroom-circuits.h — circuits: units, the logic-family library and circuit files.
 *
 * This is the bottom layer of headroom. It knows nothing about engines or analyses; it holds
 * what a user describes:
 *
 *  - Units: every value a user writes carries a unit and an SI prefix as a string ("4.7k",
 *    "10pF", "5mil", "3.3V"). hr_units_parse() turns such a string into an SI double,
 *    hr_units_format() writes an SI double back the way an engineer would.
 *  - The logic-family library (HrFamilyLibrary, HrFamily, HrLevels): datasheet input
 *    thresholds, output levels at their load currents, input currents and drive limits of
 *    real logic families, loaded from a data file (families.json, embedded as a GResource and
 *    installed beside the program) with the source of every number.
 *  - Circuit files (HrCircuit): the versioned JSON format of docs/circuit-format.md, loaded
 *    with full validation (errors name the file, the JSON path and what would be right) and
 *    saved atomically.
 *
 * Everything is SI inside: volts, amperes, metres, seconds, farads, ohms.
 * Errors are in the HR_CIRCUIT_ERROR domain.
 */
#pragma once

#include <glib.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------------- */
/* Errors                                                                                   */

#define HR_CIRCUIT_ERROR (hr_circuit_error_quark ())
GQuark hr_circuit_error_quark (void);

typedef enum {
  HR_CIRCUIT_ERROR_UNIT,        /* a value string that is not a number with a known unit   */
  HR_CIRCUIT_ERROR_SYNTAX,      /* the file is not JSON                                    */
  HR_CIRCUIT_ERROR_FORMAT,      /* JSON, but not a headroom file of a version we read      */
  HR_CIRCUIT_ERROR_SCHEMA,      /* wrong type, missing or unknown field                    */
  HR_CIRCUIT_ERROR_VALUE,       /* a value out of its physical or datasheet range          */
  HR_CIRCUIT_ERROR_UNKNOWN_FAMILY,
  HR_CIRCUIT_ERROR_VCC_RANGE,   /* a supply outside the family's datasheet range           */
  HR_CIRCUIT_ERROR_DUPLICATE,   /* two things with one name                                */
  HR_CIRCUIT_ERROR_IO,          /* reading or writing failed                               */
} HrCircuitError;

/* ---------------------------------------------------------------------------------------- */
/* Units                                                                                    */

typedef enum {
  HR_UNIT_NONE = 0,   /* a plain number, prefixes allowed: "4.7k", "100u", "1e-9"            */
  HR_UNIT_VOLT,       /* V   */
  HR_UNIT_AMPERE,     /* A   */
  HR_UNIT_OHM,        /* ohm, Ohm, ohms, Ω (U+03A9 or U+2126), or none ("4.7k"); not "R" */
  HR_UNIT_FARAD,      /* F   */
  HR_UNIT_HENRY,      /* H   */
  HR_UNIT_SECOND,     /* s   */
  HR_UNIT_HERTZ,      /* Hz  */
  HR_UNIT_METER,      /* m, and cm, mil (25.4 µm), in (25.4 mm), which take no prefix */
  HR_UNIT_CELSIUS,    /* C, °C, degC: a temperature, no prefixes */
  HR_UNIT_RATIO,      /* a fraction: "0.65", "65%", "100ppm"; no prefixes */
  HR_UNIT_SIEMENS,    /* S */
  HR_UNIT_OHM_PER_SQUARE, /* ohm/sq, Ohm/sq, ohm/square, Ω/sq, Ω/□: sheet resistance */
} HrUnit;

/* Parses TEXT as a value in UNIT and stores its SI value in *OUT.
 * The unit may be omitted ("3.3" for a voltage) but, when written, must be UNIT's.
 * Prefixes: y z a f p n u µ m k M G T P E, and "meg"/"Meg"/"MEG" for mega (SPICE habit);
 * "K" is kilo too ("4.7K"); otherwise case matters (m milli, M mega). A suffix that is
 * exactly UNIT's symbol is the unit, not a prefix: "5m" is 5 metres for HR_UNIT_METER and
 * 5 milli anything else; "0.2mm" is 0.2 mm. An exponent and a prefix multiply ("1e3k").
 * Spaces or tabs between number and unit are allowed ("10 pF"), and around the whole.
 * The number is read as decimal text, locale-independent, and rounded once: "4.7k" is the
 * double nearest 4700 (mil and in add one rounding of their factor).
 * Returns FALSE with HR_CIRCUIT_ERROR_UNIT and a message saying what was wrong:
 * "10 pF pF", "1.2.3", "-", "5 furlongs", "" and non-finite values are refused. */
gboolean hr_units_parse (const char *text, HrUnit unit, double *out, GError **error);

/* Writes VALUE (SI) with an engineering prefix and UNIT's ASCII symbol, DIGITS significant
 * digits, trailing zeros dropped: 4700 ohm -> "4.7kohm", 1e-11 F -> "10pF", 3.3 V -> "3.3V",
 * 2e-5 A -> "20uA", 0 -> "0V". hr_units_parse (hr_units_format (x)) == x to DIGITS digits.
 * DIGITS <= 0 writes the fewest digits (at most 17) that parse back to exactly VALUE, as
 * circuit files do. Temperatures and ratios take no prefix ("25C", "0.65"); values beyond
 * the prefixes (below 1e-24, from 1e21) take an exponent ("1e-30F"). NaN and infinities
 * give "nan", "inf", "-inf", which hr_units_parse() refuses.
 * Returns (transfer full). */
char *hr_units_format (double value, HrUnit unit, int digits);

/* The unit symbol used by hr_units_format() ("V", "A", "ohm", ...). */
const char *hr_units_symbol (HrUnit unit);

/* ---------------------------------------------------------------------------------------- */
/* Logic families                                                                           */

/* Flags that travel with a number from the data file into every result derived from it. */
typedef enum {
  HR_LEVEL_CONFIRMED    = 0,
  HR_LEVEL_UNCONFIRMED  = 1 << 0, /* widely quoted, not checked in the primary document */
  HR_LEVEL_SECONDARY    = 1 << 1, /* read in a secondary document (JEDEC via a vendor) */
  HR_LEVEL_INTERPOLATED = 1 << 2, /* between tabulated supplies, where the datasheet allows */
  HR_LEVEL_FRACTION     = 1 << 3, /* given as a fraction of VCC in the datasheet */
  HR_LEVEL_SIMULATED    = 1 << 4, /* not the datasheet's: simulated from a transistor-level
                                     model of the part (a receiver's "model", noise/) */
} HrLevelFlags;

/* One guaranteed output level at one load current. */
typedef struct {
  double current_a;   /* load current: negative = sourced (high level), positive = sunk (low) */
  double voltage_v;   /* VOH min (high) or VOL max (low) at that current */
  double temp_min_c;  /* temperature range the guarantee holds over */
  double temp_max_c;
  HrLevelFlags flags;
} HrOutputPoint;

/* All datasheet levels of one family at one supply voltage, as absolute volts/amperes.
 * Boxed, refcounted; fields are read-only for users. */
typedef struct {
  char *family;        /* canonical name, "74HC" */
  double vcc_v;        /* the supply these levels hold at */
  double vih_v;        /* VIH min */
  double vil_v;        /* VIL max */
  double iih_a;        /* input current, high level (positive into the pin), worst case */
  double iil_a;        /* input current, low level (negative = out of the pin), worst case */
  double vin_max_v;    /* highest input voltage the input tolerates in operation */
  double ioh_max_a;    /* rated high-level drive (negative) */
  double iol_max_a;    /* rated low-level drive (positive) */
  GArray *voh;         /* (element-type HrOutputPoint) sorted by |current| ascending */
  GArray *vol;         /* (element-type HrOutputPoint) sorted by |current| ascending */
  HrLevelFlags input_flags;  /* flags of VIH/VIL */
  char *source;        /* where the numbers come from, one line per document */
  char *note;          /* anything a user must know (e.g. "interpolated between 4.5 V and 6 V") */
  char *kind;          /* the family's kind: "cmos", "ttl", "jedec", "cmos-ttl-inputs" */
  double vout_max_v;   /* highest voltage the output drives (the over-voltage check's bound) */
  double delta_icc_a;  /* extra supply current per input held at a TTL high level (HCT, ACT,
                          AHCT), worst case; 0 where the datasheet gives none */
  HrLevelFlags current_flags; /* flags of IIH/IIL */
  double temp_max_default_c;  /* the temperature the guarantees are read at when none is
                                 asked for (NAN below): the industrial 85 °C, or the top of
                                 the family's rated range where that is lower (74LS: 70 °C) */
  /*< private >*/
  gint ref_count;
} HrLevels;

GType hr_levels_get_type (void) G_GNUC_CONST;
#define HR_TYPE_LEVELS (hr_levels_get_type ())
HrLevels *hr_levels_ref (HrLevels *levels);
/* A new HrLevels equal to LEVELS, for a caller that changes some of its numbers (simulated
 * thresholds). (transfer full) */
HrLevels *hr_levels_copy (const HrLevels *levels);
void hr_levels_unref (HrLevels *levels);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrLevels, hr_levels_unref)

/* The guaranteed VOH (HIGH = TRUE) or VOL at a load of LOAD_A amperes (magnitude), read at
 * the levels' default temperature (temp_max_default_c). Picks the lightest tabulated load
 * current at or above LOAD_A among the points whose temperature range covers it. Fails with
 * HR_CIRCUIT_ERROR_VALUE when LOAD_A exceeds every such point. *FLAGS (nullable) receives
 * the flags of the point used, *POINT_A (nullable) its current (signed, as tabulated). */
gboolean hr_levels_output_at (const HrLevels *levels, gboolean high, double load_a,
                              double *out_v, double *point_a, HrLevelFlags *flags,
                              GError **error);
/* The same at temperature TEMP_MAX_C: the guarantee must hold up to it (25, 85, 125; NAN =
 * the default). Of the points at one load current whose range covers TEMP_MAX_C, the one of
 * the narrowest range is used (a 25 °C column is read at 25 °C, the -40…85 °C column at
 * 85 °C). */
gboolean hr_levels_output_at_temp (const HrLevels *levels, gboolean high, double load_a,
                                   double temp_max_c, double *out_v, double *point_a,
                                   HrLevelFlags *flags, GError **error);
/* "unconfirmed, secondary" for the data-quality flags set in FLAGS (unconfirmed, secondary,
 * interpolated, simulated); "" when none.
 * (transfer full) */
char *hr_level_flags_to_string (HrLevelFlags flags);

typedef struct _HrFamily HrFamily;          /* owned by its library */
typedef struct _HrFamilyLibrary HrFamilyLibrary;

GType hr_family_library_get_type (void) G_GNUC_CONST;
#define HR_TYPE_FAMILY_LIBRARY (hr_family_library_get_type ())

/* The library shipped with headroom (embedded families.json). (transfer full) */
HrFamilyLibrary *hr_family_library_new_default (GError **error);
/* A library from a families file in the same format. (transfer full) */
HrFamilyLibrary *hr_family_library_new_from_file (const char *path, GError **error);
HrFamilyLibrary *hr_family_library_new_from_data (const char *json, gssize length,
                                                  const char *name_for_errors, GError **error);
HrFamilyLibrary *hr_family_library_ref (HrFamilyLibrary *lib);
void hr_family_library_unref (HrFamilyLibrary *lib);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrFamilyLibrary, hr_family_library_unref)

/* Families in file order. (transfer none) (element-type HrFamily) */
GPtrArray *hr_family_library_get_families (HrFamilyLibrary *lib);
/* Case-insensitive; accepts the canonical name and the aliases of the data file.
 * Returns NULL (and sets ERROR, if given, with the list of known names) when unknown. */
HrFamily *hr_family_library_lookup (HrFamilyLibrary *lib, const char *name, GError **error);
/* "74HC, 74HCT, 74LS, ..." (transfer full) */
char *hr_family_library_known_names (HrFamilyLibrary *lib);

const char *hr_family_get_name (const HrFamily *family);
const char *hr_family_get_title (const HrFamily *family);  /* "High-speed CMOS" */
const char *hr_family_get_kind (const HrFamily *family);   /* "cmos", "ttl", "jedec" */
double hr_family_get_vcc_min (const HrFamily *family);
double hr_family_get_vcc_max (const HrFamily *family);
double hr_family_get_vcc_nominal (const HrFamily *family);
/* The tabulated supply voltages, ascending. (transfer none) (element-type double) */
GArray *hr_family_get_supplies (const HrFamily *family);
/* TRUE where the datasheet rule lets levels be interpolated between tabulated supplies. */
gboolean hr_family_interpolates (const HrFamily *family);
/* Other names the family is found by ("HC"). (transfer none) NULL-terminated, never NULL */
const char *const *hr_family_get_aliases (const HrFamily *family);
/* The family's notes from the data file, or NULL. */
const char *hr_family_get_notes (const HrFamily *family);
/* The supplies the family is specified at, in words: "2–6 V (tabulated at 2, 4.5 and 6 V;
 * input thresholds interpolated between)", "1.65–1.95 V and 2.7–3.6 V". (transfer full) */
char *hr_family_describe_supplies (const HrFamily *family);

/* Levels at VCC_V. Exact at a tabulated supply or inside a tabulated range; between
 * tabulated supplies only where the datasheet rule allows (the result's note says so and its
 * flags carry HR_LEVEL_INTERPOLATED); outside the family's range an HR_CIRCUIT_ERROR_VCC_RANGE
 * error naming the range. (transfer full) */
HrLevels *hr_family_levels_at (const HrFamily *family, double vcc_v, GError **error);

/* ---------------------------------------------------------------------------------------- */
/* Circuits                                                                                 */

typedef enum {
  HR_GATE_BUFFER,
  HR_GATE_INVERTER,
  HR_GATE_NAND,
  HR_GATE_NOR,
  HR_GATE_AND,
  HR_GATE_OR,
  HR_GATE_XOR,
  HR_GATE_SCHMITT_INVERTER,
} HrGateType;

const char *hr_gate_type_to_string (HrGateType type);
gboolean hr_gate_type_from_string (const char *text, HrGateType *out);

/* A transistor-level model of a receiver's input stage (docs/circuit-format.md, "Receiver
 * models"): which CMOS gate, which MOS model, and its numbers. Plain data — circuits/ does
 * not simulate; noise/ turns it into an HrMosModel and an HrGateSpec at the pin's vcc_v.
 * Numbers are SI; NAN where the file does not give them (the simulator's default). Strings
 * are lower case, as the loader stores them. */
typedef struct {
  char *gate;            /* "inv", "nand2", "nor2", "buf" or "schmitt" (noise/hr-gates.h) */
  char *model;           /* "level1", "bsim3-5v", "bsim3-3v3", "bsim3-1v8" or "file" */
  char *file;            /* model "file": the .model cards' path as written, relative to the
                            circuit file's directory; NULL otherwise */
  double vtn_v, vtp_v;   /* level1 (required): VTO of the NMOS (> 0) and PMOS (< 0) */
  double kn_a_per_v2, kp_a_per_v2; /* level1 (required): k = KP·W/L of each device */
  double lambda_per_v;   /* level1: channel-length modulation of both devices; NAN = 0 */
  double gamma_sqrt_v;   /* level1: body effect of both devices; NAN = 0 */
  double wn_m, ln_m, wp_m, lp_m;   /* cards and "file": device sizes; NAN = the card's */
  double temp_c;         /* NAN = the simulator's nominal 27 °C */
} HrPinModel;

GType hr_pin_model_get_type (void) G_GNUC_CONST;
#define HR_TYPE_PIN_MODEL (hr_pin_model_get_type ())
/* GATE and MODEL (copied) with every number NAN. (transfer full) */
HrPinModel *hr_pin_model_new (const char *gate, const char *model);
HrPinModel *hr_pin_model_copy (const HrPinModel *model);
void hr_pin_model_free (HrPinModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrPinModel, hr_pin_model_free)
/* Field by field; numbers exactly, NAN equal to NAN (both "not given"). Either may be NULL. */
gboolean hr_pin_model_equal (const HrPinModel *a, const HrPinModel *b);
/* What is wrong with MODEL (an unknown kind, a missing or out-of-range number, a field of
 * another kind of model), with what would be right; NULL when nothing is. */
const char *hr_pin_model_problem (const HrPinModel *model);

/* One pin of a net: the driver or a receiver. */
typedef struct {
  char *part;          /* nullable: the part's name (reference designator, "U3") */
  char *family;        /* canonical family name */
  double vcc_v;        /* the part's supply */
  HrGateType gate;
  double load_a;       /* extra DC load on a driver's output (pull-ups, LEDs), amperes; 0 if
                          none, always 0 on a receiver. Sign as HrOutputPoint.current_a:
                          positive = current into the output, sunk when it is low (a pull-up
                          or an LED to VCC); negative = current out of it, sourced when it is
                          high (a pull-down or an LED to ground). |load_a| <= 1 A. */
  double x, y;         /* canvas position (GUI), 0 if none */
  gboolean has_position;
  HrPinModel *model;   /* nullable, owned, receivers only: a transistor-level model of the
                          input, whose simulated thresholds `headroom check` uses */
} HrPin;

typedef struct {
  char *name;
  HrPin driver;
  GArray *receivers;   /* (element-type HrPin) at least one; hr_net_init() makes the array
                          with hr_pin_clear as its clear function, which hr_net_clear() needs */
  char *comment;       /* nullable */
} HrNet;

typedef struct _HrCircuit HrCircuit;
GType hr_circuit_get_type (void) G_GNUC_CONST;
#define HR_TYPE_CIRCUIT (hr_circuit_get_type ())

/* NAME: one line of text of 1 to 128 characters, as a circuit file requires. A circuit
 * built through this API saves to a file that loads back equal, provided its families are in
 * the library it is loaded with and its supplies in their ranges (which only the loader,
 * holding the library, checks). */
HrCircuit *hr_circuit_new (const char *name);
HrCircuit *hr_circuit_ref (HrCircuit *circuit);
void hr_circuit_unref (HrCircuit *circuit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HrCircuit, hr_circuit_unref)

/* Loads and validates a circuit file (docs/circuit-format.md) against LIB (families and
 * their VCC ranges). The first problem is the error:
 * "FILE:LINE:COL: nets[2].receivers[0].family: unknown family \"74HX\"; known: ..."
 * (line and column left out where the whole file is at fault: empty, over 16 MiB,
 * unreadable). LENGTH -1: DATA is NUL-terminated. NAME_FOR_ERRORS NULL: "<data>".
 * (transfer full) */
HrCircuit *hr_circuit_load (const char *path, HrFamilyLibrary *lib, GError **error);
HrCircuit *hr_circuit_load_from_data (const char *data, gssize length,
                                      const char *name_for_errors,
                                      HrFamilyLibrary *lib, GError **error);
/* Writes the circuit in format v1, atomically (temporary file + rename): on any error the
 * destination is untouched. */
gboolean hr_circuit_save (HrCircuit *circuit, const char *path, GError **error);
/* The file text that hr_circuit_save() writes. (transfer full) */
char *hr_circuit_to_data (HrCircuit *circuit, gsize *length);

const char *hr_circuit_get_name (const HrCircuit *circuit);
const char *hr_circuit_get_description (const HrCircuit *circuit);  /* nullable */
/* TEXT: nullable, UTF-8, at most 65536 bytes. */
void hr_circuit_set_description (HrCircuit *circuit, const char *text);
guint hr_circuit_get_n_nets (const HrCircuit *circuit);
/* (transfer none) */
const HrNet *hr_circuit_get_net (const HrCircuit *circuit, guint index);
const HrNet *hr_circuit_find_net (const HrCircuit *circuit, const char *name);
/* Adds a net (copied). Fails on a duplicate name or a net without receivers. */
gboolean hr_circuit_add_net (HrCircuit *circuit, const HrNet *net, GError **error);
/* TRUE when the two circuits describe the same thing (used by round-trip tests): names,
 * description, nets in order, pins field by field; numbers compare exactly, since a save
 * writes them so they read back bit for bit. */
gboolean hr_circuit_equal (const HrCircuit *a, const HrCircuit *b);
/* TRUE when some receiver of CIRCUIT has a transistor-level model (HrPin.model): checking
 * it then needs a simulation engine. */
gboolean hr_circuit_has_models (const HrCircuit *circuit);

/* Zeroes NET, copies NAME (nullable) and gives it an empty receivers array whose clear
 * function is hr_pin_clear(): append pins whose strings and model the net then owns. */
void hr_net_init (HrNet *net, const char *name);
void hr_net_clear (HrNet *net);   /* frees what a HrNet owns */
void hr_pin_clear (HrPin *pin);

/* ---------------------------------------------------------------------------------------- */
/* JSON text                                                                                */

/* ROOT as pretty JSON text ending in a newline: doubles in the shortest form that reads back
 * exactly ("3.3", not json-glib's "3.2999999999999998"), non-finite numbers as null, never
 * invalid JSON. (transfer full) */
char *hr_json_to_data (JsonNode *root, gsize *length);
/* Appends VALUE in that form ("null" when not finite). */
void hr_json_append_double (GString *out, double value);

G_END_DECLS
