/* spice-filter.c — the whitelist filter for user-supplied SPICE (model cards, subcircuits).
 *
 * ngspice runs commands, loads code and reads or writes files from netlist text (.control
 * blocks, *ng_script, backquotes, shell, codemodel, write, cd, ... — see docs/engines.md).
 * Rather than listing what is dangerous we accept only what a model library needs and
 * refuse everything else, naming the line. Nothing is repaired. */
#include "sim-private.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INCLUDE_DEPTH 8

/* Element letters a model card or subcircuit may use: passive parts, sources, controlled
 * sources, behavioural sources, semiconductors, subcircuit calls and the lossless line.
 * Not A (XSPICE code models, some read files), P/Y (KSPICE CPL/TXL: crash hazards in 39.3,
 * see docs/engines.md), O, U, N, S, W and others headroom does not need. */
static const char allowed_devices[] = "rclkmdqjviefghbxt";

/* XSPICE model types that read files or load code. A devices are refused anyway; refusing
 * their models too keeps a later whitelist change from opening them. */
static const char *const file_models[] = { "filesource", "d_source", "d_state", "table2d",
                                           "table3d", "d_cosim", NULL };

/* ngspice front-end command words. Outside a .control block a line starting with one of
 * them is an element line (a capacitor "cd", a VCVS "echo"), which ngspice does not
 * execute; refusing them anyway keeps a second layer should a line ever reach the command
 * interpreter. An element needing such a name can be renamed. */
static const char *const command_words[] = {
  "ac", "alias", "alter", "altermod", "asciiplot", "aspice", "bug", "cd", "cdump",
  "codemodel", "compose", "dc", "define", "deftype", "delete", "destroy", "devhelp", "diff",
  "display", "dowhile", "dump", "echo", "edit", "eprint", "eprvcd", "fft", "fourier",
  "gnuplot", "hardcopy", "help", "history", "inventory", "iplot", "jobs", "let",
  "linearize", "listing", "load", "mc_source", "meas", "measure", "noise", "op", "option",
  "options", "osdi", "plot", "pre_osdi", "print", "psd", "quit", "rehash", "remcirc",
  "repeat", "reset", "reshape", "resume", "rspice", "run", "rusage", "save", "sens", "set",
  "setcirc", "setplot", "setscale", "settype", "shell", "show", "showmod", "snload",
  "snsave", "source", "spec", "state", "status", "step", "stop", "strcmp", "sysinfo", "tf",
  "trace", "tran", "transpose", "unalias", "undefine", "unlet", "unset", "version", "where",
  "while", "wrdata", "write", "wrs2p", "xgraph", NULL
};

typedef struct {
  const char *const *allowed_dirs;
  char **real_dirs;          /* realpath of each allowed dir that exists */
  GString *out;
  int depth;
} Filter;

G_GNUC_PRINTF (5, 6) static gboolean
refuse (GError **error, const char *origin, guint lineno, const char *line,
        const char *format, ...)
{
  va_list args;
  g_autofree char *why = NULL;
  g_autofree char *shown = g_strndup (line, 120);

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (shown, "\r\t", ' ');
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_FILTER,
               "%s:%u: refused \"%s\": %s. User SPICE may hold only comments, continuation "
               "lines, .model, .subckt/.ends, .param, element lines (R C L K M D Q J V I E F "
               "G H B X T) and .include/.lib of files inside the allowed model directories",
               origin, lineno, shown, why);
  return FALSE;
}

/* The first whitespace-delimited token of S, lower case. */
static char *
first_token (const char *s)
{
  const char *e = s;
  while (*e && !g_ascii_isspace (*e) && *e != '(' && *e != '=')
    e++;
  return g_ascii_strdown (s, e - s);
}

static gboolean
inside_allowed (Filter *f, const char *real)
{
  for (guint i = 0; f->real_dirs[i] != NULL; i++)
    {
      const char *d = f->real_dirs[i];
      size_t n = strlen (d);
      if (strncmp (real, d, n) == 0 && (real[n] == '/' || (n == 1 && d[0] == '/')))
        return TRUE;
    }
  return FALSE;
}

/* TRUE if a lower-case model card has a parameter called file (file=, file =). */
static gboolean
names_a_file (const char *lower)
{
  for (const char *p = strstr (lower, "file"); p != NULL; p = strstr (p + 1, "file"))
    {
      const char *q = p + 4;
      if (p > lower && (g_ascii_isalnum (p[-1]) || p[-1] == '_'))
        continue;
      while (*q == ' ' || *q == '\t')
        q++;
      if (*q == '=')
        return TRUE;
    }
  return FALSE;
}

static gboolean filter_text (Filter *f, const char *origin, const char *text,
                             gboolean in_library, GError **error);

/* .include FILE / .inc FILE / .lib FILE SECTION: the file must resolve (realpath) inside an
 * allowed directory; it is filtered too and passed on with its absolute path. */
static gboolean
filter_include (Filter *f, const char *origin, guint lineno, const char *line,
                const char *card, const char *rest, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *section = NULL;
  g_autofree char *candidate = NULL;
  g_autofree char *contents = NULL;
  char real[PATH_MAX];
  const char *p = rest;
  g_autoptr(GError) local = NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '"' || *p == '\'')
    {
      const char *end = strchr (p + 1, *p);
      if (end == NULL)
        return refuse (error, origin, lineno, line, "unterminated quoted file name");
      path = g_strndup (p + 1, end - p - 1);
      p = end + 1;
    }
  else
    {
      const char *end = p;
      while (*end && !g_ascii_isspace (*end))
        end++;
      path = g_strndup (p, end - p);
      p = end;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    {
      const char *end = p;
      while (*end && !g_ascii_isspace (*end))
        end++;
      section = g_strndup (p, end - p);
      for (const char *q = end; *q; q++)
        if (!g_ascii_isspace (*q))
          return refuse (error, origin, lineno, line, "unexpected text after the file name");
      for (const char *q = section; *q; q++)
        if (!g_ascii_isalnum (*q) && *q != '_')
          return refuse (error, origin, lineno, line, "library section names use letters, "
                         "digits and '_' only");
    }
  if (g_str_equal (card, ".lib") && section == NULL)
    return refuse (error, origin, lineno, line, ".lib needs a file and a section name");
  if (!g_str_equal (card, ".lib") && section != NULL)
    return refuse (error, origin, lineno, line, "unexpected text after the file name");
  if (*path == '\0')
    return refuse (error, origin, lineno, line, "no file name");
  if (f->real_dirs[0] == NULL)
    return refuse (error, origin, lineno, line, "no model directory is allowed for includes");
  candidate = g_path_is_absolute (path) ? g_strdup (path)
                                        : g_build_filename (f->real_dirs[0], path, NULL);
  if (realpath (candidate, real) == NULL)
    return refuse (error, origin, lineno, line, "cannot resolve \"%s\": %s", path,
                   g_strerror (errno));
  if (!inside_allowed (f, real))
    return refuse (error, origin, lineno, line, "\"%s\" is outside the allowed model "
                   "directories", real);
  if (!g_file_test (real, G_FILE_TEST_IS_REGULAR))
    return refuse (error, origin, lineno, line, "\"%s\" is not a regular file", real);
  if (strpbrk (real, "\"'`\n\r") != NULL)
    return refuse (error, origin, lineno, line, "the file name has quotes or newlines");
  if (f->depth >= MAX_INCLUDE_DEPTH)
    return refuse (error, origin, lineno, line, "includes nested deeper than %d",
                   MAX_INCLUDE_DEPTH);
  if (!g_file_get_contents (real, &contents, NULL, &local))
    return refuse (error, origin, lineno, line, "%s", local->message);
  {
    /* The included file passes the same filter; its text is checked, not copied. */
    GString *saved = f->out;
    gboolean ok;
    f->out = g_string_new (NULL);
    f->depth++;
    ok = filter_text (f, real, contents, TRUE, error);
    f->depth--;
    g_string_free (f->out, TRUE);
    f->out = saved;
    if (!ok)
      return FALSE;
  }
  g_string_append_printf (f->out, "%s \"%s\"%s%s\n", card, real, section ? " " : "",
                          section ? section : "");
  return TRUE;
}

/* Checks a dot-card; include cards write their rewritten line themselves (*WRITTEN). */
static gboolean
filter_dot_card (Filter *f, const char *origin, guint lineno, const char *line,
                 const char *body, gboolean in_library, gboolean *written, GError **error)
{
  g_autofree char *card = first_token (body);
  const char *rest = body + strlen (card);

  if (g_str_equal (card, ".model"))
    {
      g_autofree char *lower = g_ascii_strdown (body, -1);
      for (guint i = 0; file_models[i] != NULL; i++)
        if (strstr (lower, file_models[i]) != NULL)
          return refuse (error, origin, lineno, line, "XSPICE model type %s reads files or "
                         "loads code", file_models[i]);
      if (names_a_file (lower))
        return refuse (error, origin, lineno, line, "model parameters naming files are not "
                       "allowed");
      return TRUE;
    }
  if (g_str_equal (card, ".subckt") || g_str_equal (card, ".ends")
      || g_str_equal (card, ".param"))
    return TRUE;
  if (g_str_equal (card, ".include") || g_str_equal (card, ".inc"))
    {
      *written = TRUE;
      return filter_include (f, origin, lineno, line, ".include", rest, error);
    }
  if (g_str_equal (card, ".lib"))
    {
      /* Inside an included library file, ".lib NAME" opens a section and ".endl" closes it. */
      g_autofree char *trimmed = g_strstrip (g_strdup (rest));
      g_auto(GStrv) words = g_strsplit_set (trimmed, " \t", -1);
      if (in_library && g_strv_length (words) == 1 && words[0][0] != '"'
          && words[0][0] != '\'' && strchr (words[0], '/') == NULL)
        return TRUE;
      *written = TRUE;
      return filter_include (f, origin, lineno, line, ".lib", rest, error);
    }
  if (in_library && g_str_equal (card, ".endl"))
    return TRUE;
  return refuse (error, origin, lineno, line, "the dot-card %s is not allowed", card);
}

/* Checks one physical line; sets *PASS_THROUGH when the line is to be copied unchanged. */
static gboolean
filter_line (Filter *f, const char *origin, guint lineno, const char *line,
             gboolean in_library, gboolean *pass_through, GError **error)
{
  const char *body = line;

  *pass_through = TRUE;
  for (const char *p = line; *p; p++)
    {
      if (*p == '`')
        return refuse (error, origin, lineno, line, "backquotes run shell commands");
      if ((guchar) *p < 0x20 && *p != '\t' && *p != '\r')
        return refuse (error, origin, lineno, line, "control characters");
    }
  while (g_ascii_isspace (*body))
    body++;
  if (*body == '\0')
    return TRUE;
  if (*body == '*')
    {
      if (g_ascii_strncasecmp (body, "*ng_script", 10) == 0)
        return refuse (error, origin, lineno, line, "*ng_script turns a netlist into a script");
      return TRUE;
    }
  if (*body == '+')
    return TRUE;
  if (*body == '.')
    {
      gboolean written = FALSE;
      if (!filter_dot_card (f, origin, lineno, line, body, in_library, &written, error))
        return FALSE;
      *pass_through = !written;
      return TRUE;
    }
  if (g_ascii_isalpha (*body) && strchr (allowed_devices, g_ascii_tolower (*body)) != NULL)
    {
      g_autofree char *word = first_token (body);
      if (g_strv_contains (command_words, word) || g_str_has_prefix (word, "bg_"))
        return refuse (error, origin, lineno, line, "\"%s\" is an ngspice command word, not "
                       "allowed as an element name", word);
      return TRUE;
    }
  if (g_ascii_tolower (*body) == 'a')
    return refuse (error, origin, lineno, line, "XSPICE A devices are not allowed");
  if (g_ascii_isalpha (*body))
    return refuse (error, origin, lineno, line, "'%c' devices are not allowed", *body);
  return refuse (error, origin, lineno, line, "not a model, subcircuit or element line");
}

static gboolean
filter_text (Filter *f, const char *origin, const char *text, gboolean in_library,
             GError **error)
{
  g_auto(GStrv) lines = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return refuse (error, origin, 0, "", "the text is not UTF-8");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean pass = TRUE;
      char *l = lines[i];
      size_t n = strlen (l);
      if (n == 0 && lines[i + 1] == NULL)
        break; /* after the final newline */
      if (n > 0 && l[n - 1] == '\r')
        l[n - 1] = '\0';
      if (!filter_line (f, origin, i + 1, l, in_library, &pass, error))
        return FALSE;
      if (pass)
        {
          g_string_append (f->out, l);
          g_string_append_c (f->out, '\n');
        }
    }
  return TRUE;
}

char *
hr_spice_filter (const char *origin, const char *text, const char *const *allowed_dirs,
                 GError **error)
{
  Filter f = { 0 };
  g_autoptr(GPtrArray) real_dirs = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  if (origin == NULL)
    origin = "user SPICE";
  for (guint i = 0; allowed_dirs != NULL && allowed_dirs[i] != NULL; i++)
    {
      char real[PATH_MAX];
      if (realpath (allowed_dirs[i], real) != NULL
          && g_file_test (real, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (real_dirs, g_strdup (real));
    }
  g_ptr_array_add (real_dirs, NULL);
  f.allowed_dirs = allowed_dirs;
  f.real_dirs = (char **) real_dirs->pdata;
  f.out = g_string_new (NULL);
  ok = filter_text (&f, origin, text, FALSE, error);
  if (!ok)
    {
      g_string_free (f.out, TRUE);
      return NULL;
    }
  return g_string_free (f.out, FALSE);
}
