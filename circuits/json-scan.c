/* json-scan.c — strict RFC 8259 checking of JSON text, locating a JSON path in it, and the
 * errors of the file readers built on both. See json-scan.h for why json-glib alone is not
 * enough. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "json-scan.h"

/* ---------------------------------------------------------------------------------------- */
/* Quoting and paths                                                                        */

static void
append_escaped_char (GString *s, gunichar c)
{
  switch (c)
    {
    case '"': g_string_append (s, "\\\""); break;
    case '\\': g_string_append (s, "\\\\"); break;
    case '\n': g_string_append (s, "\\n"); break;
    case '\r': g_string_append (s, "\\r"); break;
    case '\t': g_string_append (s, "\\t"); break;
    default:
      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (s, "\\u%04X", c);
      else
        g_string_append_unichar (s, c);
    }
}

char *
hr_json_quote (const char *text, guint max_chars)
{
  GString *s = g_string_new ("\"");
  const char *p = text;
  guint n = 0;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (n++ == max_chars)
        {
          g_string_append (s, "\xe2\x80\xa6"); /* … */
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8 (text handed to hr_units_parse() by a program): show the byte. */
          g_string_append_printf (s, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      append_escaped_char (s, c);
      p = g_utf8_next_char (p);
    }
  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

void
hr_json_path_push_key (HrJsonPath *path, const char *key)
{
  g_return_if_fail (path->n < HR_JSON_PATH_MAX);
  path->steps[path->n].key = key;
  path->steps[path->n].index = 0;
  path->n++;
}

void
hr_json_path_push_index (HrJsonPath *path, guint index)
{
  g_return_if_fail (path->n < HR_JSON_PATH_MAX);
  path->steps[path->n].key = NULL;
  path->steps[path->n].index = index;
  path->n++;
}

void
hr_json_path_pop (HrJsonPath *path)
{
  g_return_if_fail (path->n > 0);
  path->n--;
}

static gboolean
is_identifier (const char *key)
{
  if (!g_ascii_isalpha (*key) && *key != '_')
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static void
append_step (GString *s, const HrJsonStep *step, gboolean dot)
{
  if (step->key == NULL)
    g_string_append_printf (s, "[%u]", step->index);
  else if (is_identifier (step->key))
    g_string_append_printf (s, "%s%s", dot ? "." : "", step->key);
  else
    {
      g_autofree char *quoted = hr_json_quote (step->key, HR_JSON_QUOTE_MAX);

      g_string_append_printf (s, "[%s]", quoted);
    }
}

/* Paths longer than this many steps keep their first and last four, joined by "…": only a
 * file nested far deeper than any circuit has them. */
#define PATH_SHOWN 12

char *
hr_json_path_to_string (const HrJsonPath *path, guint n_steps)
{
  GString *s = g_string_new (NULL);

  n_steps = MIN (n_steps, path->n);
  for (guint i = 0; i < n_steps; i++)
    {
      if (n_steps > PATH_SHOWN && i == 4)
        {
          g_string_append (s, "\xe2\x80\xa6");
          i = n_steps - 4;
          append_step (s, &path->steps[i], FALSE);
          continue;
        }
      append_step (s, &path->steps[i], s->len > 0);
    }
  return g_string_free (s, FALSE);
}

void
hr_json_line_column (const char *text, gsize length, gsize offset, guint *line, guint *column)
{
  guint l = 1, c = 1;

  for (gsize i = 0; i < offset && i < length; i++)
    {
      if (text[i] == '\n')
        {
          l++;
          c = 1;
        }
      else if (((guchar) text[i] & 0xc0) != 0x80)  /* not a UTF-8 continuation byte */
        c++;
    }
  *line = l;
  *column = c;
}

char *
hr_json_parser_message (const char *message, guint *line, guint *column)
{
  const char *p = message, *what;
  char *end;
  guint64 l, c;

  *line = *column = 0;
  if (g_str_has_prefix (p, "<data>:"))
    p += strlen ("<data>:");
  l = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  c = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  what = end + 1 + strspn (end + 1, " ");
  if (g_str_has_prefix (what, "Parse error: "))
    what += strlen ("Parse error: ");
  *line = (guint) MIN (l, G_MAXUINT);
  *column = (guint) MIN (c, G_MAXUINT);
  return g_strdup (what);
}

/* ---------------------------------------------------------------------------------------- */
/* The scanner                                                                              */

typedef struct {
  const char *text;
  gsize len;
  gsize pos;
  guint max_depth;
  gboolean check_keys;  /* look for duplicate keys (costs a hash table per object) */
  GError *error;        /* the first failure */
  gsize error_at;
  HrJsonPath path;      /* where the scanner is, kept when KEYS is not NULL */
  GPtrArray *keys;      /* the key strings PATH borrows, one entry per step */
  char *error_path;     /* PATH at the failure */
} Scan;

static gboolean G_GNUC_PRINTF (4, 5)
scan_fail (Scan *s, gsize at, HrCircuitError code, const char *format, ...)
{
  va_list args;

  if (s->error != NULL)
    return FALSE;
  if (s->keys != NULL)
    s->error_path = hr_json_path_to_string (&s->path, s->path.n);
  va_start (args, format);
  s->error = g_error_new_valist (HR_CIRCUIT_ERROR, code, format, args);
  va_end (args);
  s->error_at = at;
  return FALSE;
}

static void
scan_push_key (Scan *s, const char *key)
{
  if (s->keys == NULL)
    return;
  g_ptr_array_add (s->keys, g_strdup (key));
  hr_json_path_push_key (&s->path, g_ptr_array_index (s->keys, s->keys->len - 1));
}

static void
scan_push_index (Scan *s, guint index)
{
  if (s->keys == NULL)
    return;
  g_ptr_array_add (s->keys, NULL);
  hr_json_path_push_index (&s->path, index);
}

static void
scan_pop (Scan *s)
{
  if (s->keys == NULL)
    return;
  hr_json_path_pop (&s->path);
  g_ptr_array_remove_index (s->keys, s->keys->len - 1);
}

static int
peek (const Scan *s)
{
  return s->pos < s->len ? (guchar) s->text[s->pos] : -1;
}

/* "l:c" of an earlier offset, for "the object opened at 3:5". (transfer full) */
static char *
where (const Scan *s, gsize at)
{
  guint line, column;

  hr_json_line_column (s->text, s->len, at, &line, &column);
  return g_strdup_printf ("%u:%u", line, column);
}

/* What stands at the scanner's position, for "found ...": the word or the one character. */
static char *
describe_here (const Scan *s)
{
  gsize n = 0;

  if (s->pos >= s->len)
    return g_strdup ("the end of the file");
  if (s->text[s->pos] == '"')
    return g_strdup ("a string");
  while (s->pos + n < s->len && n < HR_JSON_QUOTE_MAX
         && (g_ascii_isalnum (s->text[s->pos + n]) || s->text[s->pos + n] == '_'))
    n++;
  if (n == 0)
    n = (gsize) (g_utf8_next_char (s->text + s->pos) - (s->text + s->pos));
  {
    g_autofree char *word = g_strndup (s->text + s->pos, MIN (n, s->len - s->pos));

    return hr_json_quote (word, HR_JSON_QUOTE_MAX);
  }
}

static gboolean
skip_ws (Scan *s)
{
  while (s->pos < s->len)
    {
      char c = s->text[s->pos];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        s->pos++;
      else if (c == '/' && s->pos + 1 < s->len
               && (s->text[s->pos + 1] == '/' || s->text[s->pos + 1] == '*'))
        return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                          "a comment; JSON has no comments, remove it (notes go in a "
                          "text field: a net's \"comment\", a family's \"notes\")");
      else
        break;
    }
  return TRUE;
}

static gboolean scan_value (Scan *s, guint depth);

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* Reads the 4 hex digits of "\uXXXX" at S->pos (just after the "u"). -1 if malformed. */
static gint32
read_hex4 (Scan *s)
{
  gint32 v = 0;

  if (s->len - s->pos < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->text[s->pos + i]);

      if (h < 0)
        return -1;
      v = v * 16 + h;
    }
  s->pos += 4;
  return v;
}

/* After "\u": one code point, joining a surrogate pair. */
static gboolean
scan_unicode_escape (Scan *s, gsize escape_at, GString *out)
{
  gint32 c = read_hex4 (s), low;

  if (c < 0)
    return scan_fail (s, escape_at, HR_CIRCUIT_ERROR_SYNTAX,
                      "\\u must be followed by four hex digits, as in \\u00B5");
  if (c == 0)
    return scan_fail (s, escape_at, HR_CIRCUIT_ERROR_SYNTAX,
                      "\\u0000 (NUL) in a string; headroom strings cannot hold it");
  if (c >= 0xdc00 && c <= 0xdfff)
    return scan_fail (s, escape_at, HR_CIRCUIT_ERROR_SYNTAX,
                      "unpaired low surrogate \\u%04X; write the character itself", c);
  if (c >= 0xd800 && c <= 0xdbff)
    {
      if (s->len - s->pos < 2 || s->text[s->pos] != '\\' || s->text[s->pos + 1] != 'u')
        return scan_fail (s, escape_at, HR_CIRCUIT_ERROR_SYNTAX,
                          "unpaired high surrogate \\u%04X; write the character itself", c);
      s->pos += 2;
      low = read_hex4 (s);
      if (low < 0xdc00 || low > 0xdfff)
        return scan_fail (s, escape_at, HR_CIRCUIT_ERROR_SYNTAX,
                          "unpaired high surrogate \\u%04X; write the character itself", c);
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
    }
  if (out != NULL)
    g_string_append_unichar (out, (gunichar) c);
  return TRUE;
}

static gboolean
scan_escape (Scan *s, GString *out)
{
  gsize at = s->pos;
  static const char plain[] = "\"\\/bfnrt";
  static const char decoded[] = "\"\\/\b\f\n\r\t";
  const char *hit;

  s->pos++;  /* the backslash */
  if (s->pos >= s->len)
    return FALSE;  /* reported by the caller as an unclosed string */
  if (s->text[s->pos] == 'u')
    {
      s->pos++;
      return scan_unicode_escape (s, at, out);
    }
  hit = s->text[s->pos] != '\0' ? strchr (plain, s->text[s->pos]) : NULL;
  if (hit == NULL)
    {
      gsize n = (gsize) (g_utf8_next_char (s->text + s->pos) - (s->text + s->pos));
      g_autofree char *c = g_strndup (s->text + s->pos, MIN (n, s->len - s->pos));
      g_autofree char *quoted = hr_json_quote (c, 1);

      return scan_fail (s, at, HR_CIRCUIT_ERROR_SYNTAX,
                        "invalid escape: a backslash before %s; JSON escapes are \\\" \\\\ "
                        "\\/ \\b \\f \\n \\r \\t and \\uXXXX", quoted);
    }
  if (out != NULL)
    g_string_append_c (out, decoded[hit - plain]);
  s->pos++;
  return TRUE;
}

/* A string at S->pos (on its opening quote), decoded into OUT if not NULL. */
static gboolean
scan_string (Scan *s, GString *out)
{
  gsize open = s->pos;

  s->pos++;
  while (s->pos < s->len)
    {
      guchar c = (guchar) s->text[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c == '\\')
        {
          if (!scan_escape (s, out))
            break;
          continue;
        }
      if (c == '\n')
        return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                          "a line break inside a string; close the string with \" or write \\n");
      if (c < 0x20)
        return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                          "control character U+%04X inside a string; write it as \\u%04X",
                          c, c);
      if (out != NULL)
        g_string_append_c (out, (char) c);
      s->pos++;
    }
  return scan_fail (s, open, HR_CIRCUIT_ERROR_SYNTAX,
                    "a string that is never closed; add the closing \"");
}

static gsize
skip_digits (Scan *s)
{
  gsize start = s->pos;

  while (s->pos < s->len && g_ascii_isdigit (s->text[s->pos]))
    s->pos++;
  return s->pos - start;
}

/* The number token at START..S->pos, and what follows it up to a delimiter, quoted. */
static char *
number_token (const Scan *s, gsize start)
{
  gsize end = s->pos;
  g_autofree char *token = NULL;

  while (end < s->len && end - start < HR_JSON_QUOTE_MAX && (guchar) s->text[end] > ' '
         && (guchar) s->text[end] < 0x80 && strchr (",]}:", s->text[end]) == NULL)
    end++;
  token = g_strndup (s->text + start, end - start);
  return hr_json_quote (token, HR_JSON_QUOTE_MAX);
}

static gboolean
malformed_number (Scan *s, gsize start, const char *advice)
{
  g_autofree char *token = number_token (s, start);

  return scan_fail (s, start, HR_CIRCUIT_ERROR_SYNTAX, "malformed number %s; %s", token, advice);
}

/* Range check: what json-glib would silently turn into inf, 0 or a wrapped integer. */
static gboolean
number_in_range (Scan *s, gsize start, gboolean is_integer)
{
  g_autofree char *token = g_strndup (s->text + start, s->pos - start);
  double v = g_ascii_strtod (token, NULL);
  /* a nonzero digit in the mantissa: "0e-999" is zero, "1e-999" underflows */
  gboolean nonzero = strcspn (token, "123456789") < strcspn (token, "eE");

  if (isinf (v))
    return scan_fail (s, start, HR_CIRCUIT_ERROR_VALUE,
                      "number %.20s%s is too large for a double (beyond 1.8e308)", token,
                      strlen (token) > 20 ? "…" : "");
  if (v == 0 && nonzero)
    return scan_fail (s, start, HR_CIRCUIT_ERROR_VALUE,
                      "number %.20s%s underflows to 0; write 0 if zero is meant", token,
                      strlen (token) > 20 ? "…" : "");
  if (is_integer)
    {
      errno = 0;
      g_ascii_strtoll (token, NULL, 10);
      if (errno == ERANGE)
        return scan_fail (s, start, HR_CIRCUIT_ERROR_VALUE,
                          "integer %.20s%s is beyond 64 bits (±9.2e18); write it with an "
                          "exponent (1e20) if it is meant", token,
                          strlen (token) > 20 ? "…" : "");
    }
  return TRUE;
}

static gboolean
scan_number (Scan *s)
{
  gsize start = s->pos;
  gboolean is_integer = TRUE;

  if (peek (s) == '-')
    s->pos++;
  if (peek (s) == '0')
    {
      s->pos++;
      if (g_ascii_isdigit (peek (s)))
        return malformed_number (s, start, "JSON numbers have no leading zeros: 7, not 07");
    }
  else if (skip_digits (s) == 0)
    return malformed_number (s, start, "a digit must follow the sign: -5");
  if (peek (s) == '.')
    {
      s->pos++;
      is_integer = FALSE;
      if (skip_digits (s) == 0)
        return malformed_number (s, start, "a digit must follow the point: 1.0, not 1.");
    }
  if (peek (s) == 'e' || peek (s) == 'E')
    {
      s->pos++;
      is_integer = FALSE;
      if (peek (s) == '+' || peek (s) == '-')
        s->pos++;
      if (skip_digits (s) == 0)
        return malformed_number (s, start, "an exponent needs digits: 1e-9");
    }
  if (s->pos < s->len && (g_ascii_isalnum (s->text[s->pos]) || s->text[s->pos] == '.'))
    return malformed_number (s, start, "JSON numbers are plain decimals such as 16, 3.3, 1e-9 "
                             "(a value with a unit is a string: \"3.3V\")");
  return number_in_range (s, start, is_integer);
}

static gboolean
scan_word (Scan *s)
{
  static const char *const literals[] = { "true", "false", "null" };
  gsize start = s->pos, n = 0;
  g_autofree char *word = NULL;
  g_autofree char *quoted = NULL;

  while (s->pos + n < s->len
         && (g_ascii_isalnum (s->text[s->pos + n]) || s->text[s->pos + n] == '_'))
    n++;
  word = g_strndup (s->text + start, n);
  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    if (strcmp (word, literals[i]) == 0)
      {
        s->pos += n;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    if (g_ascii_strcasecmp (word, literals[i]) == 0)
      return scan_fail (s, start, HR_CIRCUIT_ERROR_SYNTAX,
                        "\"%s\"; JSON's literals are lowercase: %s", word, literals[i]);
  if (g_ascii_strcasecmp (word, "NaN") == 0 || g_ascii_strcasecmp (word, "Infinity") == 0)
    return scan_fail (s, start, HR_CIRCUIT_ERROR_SYNTAX,
                      "%s is not a JSON number; values must be finite", word);
  quoted = describe_here (s);
  return scan_fail (s, start, HR_CIRCUIT_ERROR_SYNTAX,
                    "unexpected %s; expected a value: a string in double quotes, a number, "
                    "true, false, null, an object {...} or an array [...]", quoted);
}

static gboolean
check_depth (Scan *s, guint depth)
{
  if (depth < s->max_depth)
    return TRUE;
  return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_FORMAT,
                    "arrays and objects nested deeper than %u levels; a headroom file nests "
                    "a few levels at most", s->max_depth);
}

/* After a value inside a container opened at OPEN: "," (then not CLOSE) or CLOSE. KEY is
 * the member the value belonged to, NULL in an array. */
static gboolean
scan_separator (Scan *s, gsize open, char close, const char *key, gboolean *done)
{
  g_autofree char *found = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *quoted = NULL;
  const char *container = close == '}' ? "object" : "array";

  *done = FALSE;
  if (!skip_ws (s))
    return FALSE;
  if (peek (s) == ',')
    {
      gsize comma = s->pos;

      s->pos++;
      if (!skip_ws (s))
        return FALSE;
      if (peek (s) == close)
        return scan_fail (s, comma, HR_CIRCUIT_ERROR_SYNTAX,
                          "a comma before %c; JSON allows no trailing comma, remove it", close);
      return TRUE;
    }
  if (peek (s) == close)
    {
      s->pos++;
      *done = TRUE;
      return TRUE;
    }
  opened = where (s, open);
  if (peek (s) < 0)
    return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                      "the file ends inside the %s opened at %s; expected , or %c",
                      container, opened, close);
  found = describe_here (s);
  if (key == NULL)
    return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                      "expected , or ] after an array element, found %s (a missing comma?)",
                      found);
  quoted = hr_json_quote (key, HR_JSON_QUOTE_MAX);
  return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                    "expected , or } after the value of %s, found %s (a missing comma?)",
                    quoted, found);
}

static gboolean
scan_array (Scan *s, guint depth)
{
  gsize open = s->pos;
  gboolean done = FALSE;

  if (!check_depth (s, depth))
    return FALSE;
  s->pos++;
  if (!skip_ws (s))
    return FALSE;
  if (peek (s) == ']')
    {
      s->pos++;
      return TRUE;
    }
  for (guint i = 0; !done; i++)
    {
      gboolean ok;

      scan_push_index (s, i);
      ok = scan_value (s, depth + 1);
      scan_pop (s);
      if (!ok || !scan_separator (s, open, ']', NULL, &done))
        return FALSE;
    }
  return TRUE;
}

static gboolean
bad_key (Scan *s, gsize open)
{
  g_autofree char *found = describe_here (s);
  g_autofree char *opened = where (s, open);
  int c = peek (s);

  if (c < 0)
    return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                      "the file ends inside the object opened at %s; expected a key or }", opened);
  if (c == '\'')
    return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                      "keys and strings take double quotes in JSON, not single quotes");
  if (g_ascii_isalpha (c) || c == '_')
    return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                      "key %s without quotes; JSON keys are strings in double quotes", found);
  return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                    "expected a key in double quotes or }, found %s", found);
}

/* After a member's key: the colon and the value. */
static gboolean
scan_member_value (Scan *s, const char *key, guint depth)
{
  if (!skip_ws (s))
    return FALSE;
  if (peek (s) != ':')
    {
      g_autofree char *quoted = hr_json_quote (key, HR_JSON_QUOTE_MAX);

      return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX, "expected : after the key %s",
                        quoted);
    }
  s->pos++;
  return skip_ws (s) && scan_value (s, depth + 1);
}

/* One "key": value member; KEYS (nullable) holds the keys seen so far with their offsets. */
static gboolean
scan_member (Scan *s, gsize open, guint depth, GHashTable *keys, char **key_out)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gsize key_at = s->pos;
  gpointer first;
  gboolean ok;

  if (peek (s) != '"')
    return bad_key (s, open);
  if (!scan_string (s, key))
    return FALSE;
  scan_push_key (s, key->str);
  if (keys != NULL && g_hash_table_lookup_extended (keys, key->str, NULL, &first))
    {
      g_autofree char *quoted = hr_json_quote (key->str, HR_JSON_QUOTE_MAX);
      g_autofree char *at = where (s, GPOINTER_TO_SIZE (first));

      ok = scan_fail (s, key_at, HR_CIRCUIT_ERROR_DUPLICATE,
                      "duplicate key %s (first at %s); each key may appear once", quoted, at);
    }
  else
    ok = scan_member_value (s, key->str, depth);
  scan_pop (s);
  if (!ok)
    return FALSE;
  if (keys != NULL)
    g_hash_table_insert (keys, g_strdup (key->str), GSIZE_TO_POINTER (key_at));
  *key_out = g_string_free (g_steal_pointer (&key), FALSE);
  return TRUE;
}

static gboolean
scan_object (Scan *s, guint depth)
{
  g_autoptr(GHashTable) keys = NULL;
  gsize open = s->pos;
  gboolean done = FALSE;

  if (!check_depth (s, depth))
    return FALSE;
  s->pos++;
  if (!skip_ws (s))
    return FALSE;
  if (peek (s) == '}')
    {
      s->pos++;
      return TRUE;
    }
  if (s->check_keys)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (!done)
    {
      g_autofree char *key = NULL;

      if (!scan_member (s, open, depth, keys, &key)
          || !scan_separator (s, open, '}', key, &done))
        return FALSE;
    }
  return TRUE;
}

static gboolean
scan_value (Scan *s, guint depth)
{
  int c = peek (s);

  switch (c)
    {
    case -1:
      return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                        "the file ends where a value was expected");
    case '{':
      return scan_object (s, depth);
    case '[':
      return scan_array (s, depth);
    case '"':
      return scan_string (s, NULL);
    case '\'':
      return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                        "strings take double quotes in JSON, not single quotes");
    case '+':
    case '.':
      return malformed_number (s, s->pos, "JSON numbers start with a digit or -: 5, 0.5, -5");
    case '-':
      return scan_number (s);
    default:
      if (g_ascii_isdigit (c))
        return scan_number (s);
      if (g_ascii_isalpha (c) || c == '_')
        return scan_word (s);
      {
        g_autofree char *found = describe_here (s);

        return scan_fail (s, s->pos, HR_CIRCUIT_ERROR_SYNTAX,
                          "unexpected %s; expected a value", found);
      }
    }
}

static gboolean
check_encoding (Scan *s)
{
  const char *end;

  if (s->len >= 2 && ((guchar) s->text[0] == 0xff || (guchar) s->text[0] == 0xfe)
      && ((guchar) s->text[1] == 0xff || (guchar) s->text[1] == 0xfe))
    return scan_fail (s, 0, HR_CIRCUIT_ERROR_FORMAT,
                      "UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8");
  if (g_utf8_validate_len (s->text, s->len, &end))
    return TRUE;
  if (*end == '\0')
    return scan_fail (s, (gsize) (end - s->text), HR_CIRCUIT_ERROR_FORMAT,
                      "a NUL byte; a headroom file is UTF-8 text, this looks like binary data");
  return scan_fail (s, (gsize) (end - s->text), HR_CIRCUIT_ERROR_FORMAT,
                    "byte 0x%02X is not UTF-8; a headroom file is UTF-8 text",
                    (guchar) *end);
}

gboolean
hr_json_check (const char *text, gsize length, guint max_depth,
               guint *line, guint *column, char **path, GError **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  Scan s = { text, length, 0, MIN (max_depth, HR_JSON_MAX_DEPTH), TRUE, NULL, 0,
             { { { NULL, 0 } }, 0 }, keys, NULL };

  *line = *column = 0;
  if (path != NULL)
    *path = NULL;
  if (!check_encoding (&s))
    goto failed;
  if (!skip_ws (&s))
    goto failed;
  if (s.pos == s.len)
    {
      /* hr_json_parse() says which object, before this is reached. */
      g_set_error_literal (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SYNTAX,
                           "empty file; expected a JSON value");
      return FALSE;
    }
  if (!scan_value (&s, 0) || !skip_ws (&s))
    goto failed;
  if (s.pos < s.len)
    {
      scan_fail (&s, s.pos, HR_CIRCUIT_ERROR_SYNTAX,
                 "more text after the end of the JSON value; a file holds one value");
      goto failed;
    }
  return TRUE;

failed:
  hr_json_line_column (text, length, s.error_at, line, column);
  g_propagate_error (error, s.error);
  if (path != NULL)
    *path = g_steal_pointer (&s.error_path);
  g_free (s.error_path);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* Locating a path                                                                          */

/* Moves into member KEY of the object at S->pos; *KEY_AT receives where its key starts. */
static gboolean
enter_member (Scan *s, const char *key, gsize *key_at)
{
  if (peek (s) != '{')
    return FALSE;
  s->pos++;
  for (;;)
    {
      g_autoptr(GString) name = g_string_new (NULL);

      if (!skip_ws (s) || peek (s) != '"')
        return FALSE;
      *key_at = s->pos;
      if (!scan_string (s, name) || !skip_ws (s) || peek (s) != ':')
        return FALSE;
      s->pos++;
      if (!skip_ws (s))
        return FALSE;
      if (strcmp (name->str, key) == 0)
        return TRUE;
      if (!scan_value (s, 0) || !skip_ws (s) || peek (s) != ',')
        return FALSE;
      s->pos++;
    }
}

static gboolean
enter_element (Scan *s, guint index)
{
  if (peek (s) != '[')
    return FALSE;
  s->pos++;
  for (guint i = 0; i < index; i++)
    {
      if (!skip_ws (s) || peek (s) == ']' || !scan_value (s, 0) || !skip_ws (s)
          || peek (s) != ',')
        return FALSE;
      s->pos++;
    }
  return skip_ws (s) && peek (s) != ']' && peek (s) >= 0;
}

gboolean
hr_json_locate (const char *text, gsize length, const HrJsonPath *path, guint n_steps,
                gboolean key, guint *line, guint *column)
{
  Scan s = { text, length, 0, HR_JSON_MAX_DEPTH, FALSE, NULL, 0, { { { NULL, 0 } }, 0 }, NULL,
             NULL };
  gsize at;
  gboolean found = TRUE;

  n_steps = MIN (n_steps, path->n);
  if (!skip_ws (&s))
    found = FALSE;
  at = s.pos;
  for (guint i = 0; found && i < n_steps; i++)
    {
      const HrJsonStep *step = &path->steps[i];

      if (step->key != NULL)
        found = enter_member (&s, step->key, &at);
      else
        found = enter_element (&s, step->index);
      if (found && !(key && i + 1 == n_steps && step->key != NULL))
        at = s.pos;
    }
  g_clear_error (&s.error);
  if (!found)
    return FALSE;
  hr_json_line_column (text, length, at, line, column);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Reading a file                                                                           */

void
hr_json_set_error (GError **error, HrCircuitError code, const char *file, const char *text,
                   gsize length, const HrJsonPath *path, HrJsonAnchor anchor,
                   const char *format, ...)
{
  g_autofree char *what = NULL;
  g_autofree char *where = NULL;
  GString *message;
  guint n = anchor == HR_JSON_AT_PARENT && path->n > 0 ? path->n - 1 : path->n;
  guint line, column;
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  where = hr_json_path_to_string (path, path->n);
  message = g_string_new (file);
  if (hr_json_locate (text, length, path, n, anchor == HR_JSON_AT_KEY, &line, &column))
    g_string_append_printf (message, ":%u:%u", line, column);
  g_string_append (message, ": ");
  if (*where != '\0')
    g_string_append_printf (message, "%s: ", where);
  g_string_append (message, what);
  g_set_error_literal (error, HR_CIRCUIT_ERROR, code, message->str);
  g_string_free (message, TRUE);
}

char *
hr_json_describe (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return g_strdup ("an object");
    case JSON_NODE_ARRAY: return g_strdup ("an array");
    case JSON_NODE_NULL: return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        g_autofree char *quoted = hr_json_quote (json_node_get_string (node), HR_JSON_QUOTE_MAX);

        return g_strdup_printf ("a string (%s)", quoted);
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup_printf ("a number (%s)",
                                g_ascii_formatd (buf, sizeof buf, "%.6g",
                                                 json_node_get_double (node)));
      }
    }
}

static void
text_error (GError **error, HrCircuitError code, const char *file, guint line, guint column,
            const char *what)
{
  if (line > 0)
    g_set_error (error, HR_CIRCUIT_ERROR, code, "%s:%u:%u: %s", file, line, column, what);
  else
    g_set_error (error, HR_CIRCUIT_ERROR, code, "%s: %s", file, what);
}

JsonNode *
hr_json_parse (const char **text, gsize *length, const char *file, const char *format,
               GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *path = NULL;
  guint line, column;
  gsize blank = 0;

  if (*length >= 3 && memcmp (*text, "\xef\xbb\xbf", 3) == 0)
    {
      *text += 3;
      *length -= 3;
    }
  /* Only JSON's own white space: anything else is for hr_json_check() to name. (TEXT need
   * not end in a NUL, so no strspn().) */
  while (blank < *length && (*text)[blank] != '\0'
         && strchr (" \t\n\r", (*text)[blank]) != NULL)
    blank++;
  if (blank == *length)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SYNTAX,
                   "%s: empty file; expected a JSON object such as {\"format\": \"%s\", "
                   "\"version\": 1, ...}", file, format);
      return NULL;
    }
  if (!hr_json_check (*text, *length, HR_JSON_MAX_DEPTH, &line, &column, &path, &local))
    {
      g_autofree char *what = NULL;

      if (path != NULL && *path != '\0')
        what = g_strdup_printf ("%s: %s", path, local->message);
      else
        what = g_strdup (local->message);
      text_error (error, (HrCircuitError) local->code, file, line, column, what);
      return NULL;
    }
  /* json-glib cannot fail on checked text; if it does, its own message is kept. */
  if (!json_parser_load_from_data (parser, *text, (gssize) *length, &local))
    {
      g_autofree char *what = hr_json_parser_message (local->message, &line, &column);

      text_error (error, HR_CIRCUIT_ERROR_SYNTAX, file, line, column, what);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SYNTAX, "%s: empty file", file);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* Reads at most MAX + 1 bytes: enough to know a file is too large without reading all of
 * it, and it works for pipes, where a size from stat() means nothing. */
gboolean
hr_json_read_file (const char *path, gsize max, char **data, gsize *len, GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 chunk[65536];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO, "%s: cannot open: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  while (bytes->len <= max)
    {
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_close (fd, NULL);
          g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO, "%s: cannot read: %s",
                       path, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, chunk, (guint) n);
    }
  g_close (fd, NULL);
  *len = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);  /* a terminating NUL, not counted */
  *data = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}
