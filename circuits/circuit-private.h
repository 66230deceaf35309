/* circuit-private.h — what circuit.c, circuit-load.c and circuit-save.c share. */
#pragma once

#include "headroom-circuits.h"

G_BEGIN_DECLS

#define HR_CIRCUIT_FORMAT "headroom-circuit"
#define HR_CIRCUIT_VERSION 1

/* Limits of docs/circuit-format.md. A file is read whole into memory and parsed into a tree
 * several times its size; 16 MiB holds some 100 000 nets, far beyond any hand-drawn design. */
#define HR_CIRCUIT_FILE_MAX (16 * 1024 * 1024)
#define HR_CIRCUIT_NAME_MAX 128        /* characters of a circuit, net or part name */
#define HR_CIRCUIT_TEXT_MAX 65536      /* bytes of a description or comment */
/* A logic output drives tens of mA (74AC: 24 mA, 74ABT: 64 mA); a DC load of an ampere is a
 * typing error, not a design. */
#define HR_CIRCUIT_LOAD_MAX_A 1.0
/* Canvas coordinates: far beyond any drawing, small enough that json-glib writes them as
 * valid JSON (it appends ".0" to "1e+21", which no JSON reader takes). */
#define HR_CIRCUIT_POSITION_MAX 1e9

struct _HrCircuit {
  gatomicrefcount ref_count;
  char *name;
  char *description;
  GArray *nets;          /* (element-type HrNet) */
  GHashTable *by_name;   /* net name (owned by the net) -> index + 1 */
};

/* What is wrong with NAME as a circuit, net or part name, with what would be right; NULL if
 * nothing is. */
const char *hr_circuit_name_problem (const char *name);
/* The same for a description or a comment. */
const char *hr_circuit_text_problem (const char *text);

/* A model file's path as written: at most this many bytes (PATH_MAX on Linux). */
#define HR_CIRCUIT_PATH_MAX 4096

/* The names a receiver model's "gate" and "model" take, NULL-terminated. */
const char *const *hr_pin_model_gate_names (void);
const char *const *hr_pin_model_kind_names (void);
/* What is wrong with VALUE as the model number FIELD ("vtn", "kn", "wn", "temp", ...): out of
 * its physical range, with the range; NULL when it is in range or NAN (not given). */
const char *hr_pin_model_value_problem (const char *field, double value);
/* The same for a model file's path. */
const char *hr_pin_model_file_problem (const char *path);

/* Index of the net called NAME, -1 if none. */
int hr_circuit_net_index (const HrCircuit *circuit, const char *name);

/* Appends NET, taking what it owns (NET is zeroed). The caller has checked it. */
void hr_circuit_take_net (HrCircuit *circuit, HrNet *net);

G_END_DECLS
