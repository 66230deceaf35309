/* json-scan.h — private to circuits/: strict checking of JSON text, finding where a JSON path
 * sits in it, and the error messages both file readers (circuit-load.c, family-load.c) give.
 *
 * json-glib 1.6 builds the tree headroom validates, but it is lenient where a file format must
 * not be (it takes comments, single quotes, hex and leading-zero numbers, ignores a second
 * top-level value, wraps integers beyond 64 bits into other numbers, keeps the last of two
 * equal keys), its parser recurses without a depth limit, and its nodes keep no line or
 * column. So the text is first checked here against RFC 8259 with a nesting limit, each error
 * at the line and column where it is; and when a schema error is found later in the tree, the
 * same scanner walks the text once more to the path of the offending value.
 *
 * Lines and columns count from 1; columns count characters (UTF-8 sequences), not bytes.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "headroom-circuits.h"

G_BEGIN_DECLS

/* A headroom circuit nests 6 levels deep; this leaves room for later versions and keeps
 * every recursive parser (ours, json-glib's) far from the end of any stack. */
#define HR_JSON_MAX_DEPTH 64

/* Longest string quoted whole in an error message; longer ones end in "…". */
#define HR_JSON_QUOTE_MAX 60

/* TEXT in double quotes with JSON escapes, cut after MAX_CHARS characters. (transfer full) */
char *hr_json_quote (const char *text, guint max_chars);

/* One step of a path: an object member (KEY) or an array element (KEY NULL, INDEX). KEY is
 * borrowed, it must outlive the path. */
typedef struct {
  const char *key;
  guint index;
} HrJsonStep;

/* Deep enough for any text hr_json_check() passes. */
#define HR_JSON_PATH_MAX (HR_JSON_MAX_DEPTH + 8)

typedef struct {
  HrJsonStep steps[HR_JSON_PATH_MAX];
  guint n;
} HrJsonPath;

void hr_json_path_push_key (HrJsonPath *path, const char *key);
void hr_json_path_push_index (HrJsonPath *path, guint index);
void hr_json_path_pop (HrJsonPath *path);
/* The first N_STEPS steps as "nets[2].receivers[0].family"; "" for none. Keys that are not
 * identifiers are written ["like this"]. (transfer full) */
char *hr_json_path_to_string (const HrJsonPath *path, guint n_steps);

/* Checks that TEXT (LENGTH bytes, no byte order mark) is one RFC 8259 JSON value, UTF-8,
 * without NUL characters, duplicate keys, numbers a double or a 64-bit integer cannot hold,
 * or nesting deeper than MAX_DEPTH. On failure ERROR holds what was wrong and what would be
 * right (no position), and LINE and COLUMN say where (0 when the whole text is at fault, as
 * for an empty file), and *PATH (nullable) the JSON path of the value being read then
 * ("nets[0].driver.vcc"; "" at the top level). MAX_DEPTH is at most HR_JSON_MAX_DEPTH.
 * Codes: HR_CIRCUIT_ERROR_SYNTAX; _FORMAT for the encoding and the nesting; _VALUE for
 * numbers out of range; _DUPLICATE for keys. */
gboolean hr_json_check (const char *text, gsize length, guint max_depth,
                        guint *line, guint *column, char **path, GError **error);

/* Where the value at the first N_STEPS steps of PATH starts in TEXT (the key of its member
 * instead, if KEY). TEXT must have passed hr_json_check(). FALSE if the path is not there. */
gboolean hr_json_locate (const char *text, gsize length, const HrJsonPath *path,
                         guint n_steps, gboolean key, guint *line, guint *column);

/* Line and column of byte OFFSET of TEXT (valid UTF-8 up to OFFSET). */
void hr_json_line_column (const char *text, gsize length, gsize offset,
                          guint *line, guint *column);

/* json-glib's "<data>:3:5: Parse error: unexpected ..." as LINE 3, COLUMN 5 and
 * "unexpected ..." (transfer full). For a message of another shape, the message whole and
 * position 0. */
char *hr_json_parser_message (const char *message, guint *line, guint *column);

/* ---------------------------------------------------------------------------------------- */
/* Reading a file: what circuit-load.c and family-load.c share                              */

/* Where an error about the value at a path points: the value, its key (an unknown key), or
 * the object that should hold it (a missing key: the path ends in that key). */
typedef enum {
  HR_JSON_AT_VALUE,
  HR_JSON_AT_KEY,
  HR_JSON_AT_PARENT,
} HrJsonAnchor;

/* Sets ERROR to "FILE:LINE:COLUMN: PATH: what" (PATH and its ": " left out at the top level),
 * the position that of PATH in TEXT (LENGTH bytes, checked by hr_json_check()) as ANCHOR
 * says; without ":LINE:COLUMN" if the path is not in the text (a tree not built from it). */
void hr_json_set_error (GError **error, HrCircuitError code, const char *file,
                        const char *text, gsize length, const HrJsonPath *path,
                        HrJsonAnchor anchor, const char *format, ...) G_GNUC_PRINTF (8, 9);

/* "a string (\"abc\")", "a number (5)", "an array", ...: what was found instead of what was
 * expected. (transfer full) */
char *hr_json_describe (JsonNode *node);

/* The first two passes of reading a file: *TEXT (*LENGTH bytes) held to hr_json_check(), then
 * built into a tree by json-glib. A UTF-8 byte order mark is skipped (RFC 8259, 8.1: parsers
 * MAY ignore it; it is invisible in editors) by moving *TEXT and *LENGTH past it, so that the
 * positions of later errors count from after it too. Errors read "FILE:LINE:COLUMN: PATH:
 * what"; FORMAT ("headroom-circuit") names the format in the message for an empty file.
 * (transfer full) */
JsonNode *hr_json_parse (const char **text, gsize *length, const char *file,
                         const char *format, GError **error);

/* The whole file at PATH, NUL-terminated, in *DATA (*LEN bytes, the NUL not counted), read
 * up to MAX + 1 bytes: a *LEN above MAX means the file is larger than MAX (the caller says
 * so in its own words). FALSE with HR_CIRCUIT_ERROR_IO "PATH: cannot open: why" or
 * "cannot read". */
gboolean hr_json_read_file (const char *path, gsize max, char **data, gsize *len,
                            GError **error);

G_END_DECLS
