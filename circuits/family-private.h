/* family-private.h — the in-memory form of a families file, shared by family-load.c (which
 * parses and validates it) and family.c (which turns it into HrLevels at a supply).
 *
 * Values are kept the way the datasheet states them (volts, a fraction of VCC, or an offset
 * from VCC) and only made absolute at a given supply, so that "0.65 × VCC" over 1.65–1.95 V
 * stays exact at every VCC inside the range. */
#pragma once

#include "headroom-circuits.h"

G_BEGIN_DECLS

/* Tolerance when comparing supplies: values are decimal data ("3.3V"), so two supplies that
 * differ by less than a microvolt are the same tabulated supply. */
#define HR_FAMILY_VCC_EPS_V 1e-6

typedef enum {
  HR_FAM_VALUE_ABSOLUTE,   /* x is volts (or amperes) */
  HR_FAM_VALUE_FRACTION,   /* x × VCC */
  HR_FAM_VALUE_OFFSET,     /* VCC + x */
} HrFamValueKind;

typedef struct {
  HrFamValueKind kind;
  double x;
  HrLevelFlags flags;
  char *source;            /* nullable: set where it differs from the supply's source */
} HrFamValue;

typedef struct {
  double current_a;        /* signed as tabulated: negative sourced (VOH), positive sunk */
  HrFamValue v;
  double vcc_v;            /* the supply it was measured at; NAN = anywhere in the range */
  double temp_min_c, temp_max_c;
} HrFamPoint;

/* One column of the datasheet: a tabulated supply (vcc_min_v == vcc_max_v) or a supply
 * range over which the same limits hold. */
typedef struct {
  double vcc_min_v, vcc_max_v;
  HrFamValue vih, vil;
  HrFamValue iih, iil;     /* absolute amperes */
  HrFamValue vin_max, vout_max;
  double ioh_max_a, iol_max_a, delta_icc_a;
  GArray *voh, *vol;       /* (element-type HrFamPoint) NULL where the datasheet gives none */
  char *source;
  char *notes;             /* nullable */
} HrFamSupply;

struct _HrFamily {
  char *name;
  char **aliases;          /* NULL-terminated */
  char *title;
  char *kind;
  char *notes;             /* nullable */
  char *between_source;    /* nullable: why interpolating is allowed */
  double vcc_nominal_v;
  gboolean interpolates;
  double temp_min_c, temp_max_c;   /* the range the file's guarantees span */
  double temp_default_c;           /* read at this temperature when none is asked for */
  GPtrArray *supplies;     /* (element-type HrFamSupply) by vcc_min_v, then vcc_max_v */
  GArray *tabulated;       /* (element-type double) distinct supply ends, ascending */
};

void hr_fam_value_clear (HrFamValue *value);
void hr_fam_supply_free (HrFamSupply *supply);
void hr_family_free (HrFamily *family);

/* VALUE made absolute at supply VCC_V. */
double hr_fam_value_at (const HrFamValue *value, double vcc_v);

/* Parses and validates a families file. Returns (element-type HrFamily) in file order, each
 * checked to give levels at its nominal supply. */
GPtrArray *hr_family_parse (const char *json, gssize length, const char *name_for_errors,
                            GError **error);

G_END_DECLS
