/* cli-output.c — argument helpers and printing shared by the subcommands. */
#include "hr-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

int
hr_cli_fail (const char *sub, const GError *error)
{
  fprintf (stderr, "headroom %s: %s\n", sub, error->message);
  return HR_EXIT_BAD_INPUT;
}

int
hr_cli_usage (const char *sub, const char *message)
{
  fprintf (stderr, "headroom %s: %s (headroom %s --help)\n", sub, message, sub);
  return HR_EXIT_BAD_INPUT;
}

gboolean
hr_cli_parse_options (GOptionContext *context, const char *sub, int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;
  hr_cli_usage (sub, error->message);
  return FALSE;
}

HrFamilyLibrary *
hr_cli_library (const char *families_file, GError **error)
{
  if (families_file != NULL)
    return hr_family_library_new_from_file (families_file, error);
  return hr_family_library_new_default (error);
}

gboolean
hr_cli_parse_part (const char *spec, char **name, double *vcc_v, GError **error)
{
  const char *at = strchr (spec, '@');

  *vcc_v = NAN;
  if (at == NULL)
    {
      *name = g_strstrip (g_strdup (spec));
    }
  else
    {
      *name = g_strstrip (g_strndup (spec, at - spec));
      if (!hr_units_parse (at + 1, HR_UNIT_VOLT, vcc_v, error))
        {
          g_prefix_error (error, "\"%s\": supply after '@': ", spec);
          g_clear_pointer (name, g_free);
          return FALSE;
        }
    }
  if (**name == '\0')
    {
      g_set_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_VALUE,
                   "\"%s\": no family name; write FAMILY or FAMILY@VCC, e.g. 74LVC@3.3",
                   spec);
      g_clear_pointer (name, g_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
hr_cli_parse_value (const char *option, const char *text, HrUnit unit, double *out,
                    GError **error)
{
  if (hr_units_parse (text, unit, out, error))
    return TRUE;
  g_prefix_error (error, "%s: ", option);
  return FALSE;
}

char *
hr_cli_json_document (const char *kind, JsonNode *result, gsize *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schema");
  json_builder_add_string_value (b, "headroom-result");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "headroom");
  json_builder_add_string_value (b, HR_VERSION);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "result");
  json_builder_add_value (b, json_node_copy (result));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return hr_json_to_data (root, length);
}

void
hr_cli_print_json (const char *kind, JsonNode *result)
{
  gsize len;
  g_autofree char *text = hr_cli_json_document (kind, result, &len);

  fwrite (text, 1, len, stdout);
}

gboolean
hr_cli_write_output (const char *path, const char *data, gsize length, GError **error)
{
  if (path == NULL || strcmp (path, "-") == 0)
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "writing to standard output failed");
          return FALSE;
        }
      return TRUE;
    }
  /* Temporary file and rename: a reader never sees a half-written file. */
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0666, error);
}

char *
hr_cli_volts (double v)
{
  if (!isfinite (v))
    return g_strdup ("n/a");
  /* Datasheet levels have at most three decimals; margins read best in volts. */
  return g_strdup_printf ("%.2f V", fabs (v) < 0.005 ? 0.0 : v);
}

char *
hr_cli_amps (double a)
{
  g_autofree char *s = NULL;

  if (!isfinite (a))
    return g_strdup ("n/a");
  s = hr_units_format (a, HR_UNIT_AMPERE, 3);
  /* "400uA" -> "400 uA": easier to read in a table. */
  for (char *p = s; *p; p++)
    if (g_ascii_isalpha (*p) && p > s && (g_ascii_isdigit (p[-1]) || p[-1] == '.'))
      {
        GString *out = g_string_new_len (s, p - s);
        g_string_append_c (out, ' ');
        g_string_append (out, p);
        return g_string_free (out, FALSE);
      }
  return g_steal_pointer (&s);
}

const char *
hr_cli_verdict_word (HrVerdict verdict)
{
  switch (verdict)
    {
    case HR_VERDICT_PASS: return "PASS";
    case HR_VERDICT_MARGINAL: return "MARGINAL";
    case HR_VERDICT_FAIL: default: return "FAIL";
    }
}

gboolean
hr_cli_use_color (void)
{
  const char *term = g_getenv ("TERM");

  return isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL &&
         term != NULL && strcmp (term, "dumb") != 0;
}

const char *
hr_cli_verdict_color (HrVerdict verdict)
{
  if (!hr_cli_use_color ())
    return "";
  switch (verdict)
    {
    case HR_VERDICT_PASS: return "\033[1;32m";
    case HR_VERDICT_MARGINAL: return "\033[1;33m";
    case HR_VERDICT_FAIL: default: return "\033[1;31m";
    }
}

const char *
hr_cli_color_reset (void)
{
  return hr_cli_use_color () ? "\033[0m" : "";
}

static int
terminal_width (void)
{
  struct winsize ws;

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return MIN (ws.ws_col, 120);
  return 96;
}

/* A unit after a number ("0.8 V", "400 uA") stays on the number's line. */
static gboolean
is_unit_after (const char *prev, const char *word)
{
  gsize n = strlen (word), pn = prev ? strlen (prev) : 0;

  return pn > 0 && g_ascii_isdigit (prev[pn - 1]) && n > 0 && n <= 4 &&
         (g_ascii_isalpha (word[0]) || (guchar) word[0] >= 0x80);
}

/* Greedy word wrap; the first line carries BULLET, the rest align under the text. */
void
hr_cli_print_wrapped (const char *text, const char *indent, const char *bullet)
{
  int width = terminal_width () - (int) strlen (indent) - (int) strlen (bullet);
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  int col = 0;

  printf ("%s%s", indent, bullet);
  for (guint i = 0; words[i] != NULL; i++)
    {
      int len = g_utf8_strlen (words[i], -1);
      int glued = len;

      if (len == 0)
        continue;
      if (words[i + 1] != NULL && is_unit_after (words[i], words[i + 1]))
        glued += 1 + g_utf8_strlen (words[i + 1], -1);
      if (col > 0 && col + 1 + glued > width && !(i > 0 && is_unit_after (words[i - 1], words[i])))
        {
          printf ("\n%s%*s", indent, (int) strlen (bullet), "");
          col = 0;
        }
      printf ("%s%s", col > 0 ? " " : "", words[i]);
      col += (col > 0 ? 1 : 0) + len;
    }
  printf ("\n");
}

void
hr_cli_print_findings (GPtrArray *findings, const char *indent)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const HrFinding *f = g_ptr_array_index (findings, i);
      const char *bullet = f->verdict == HR_VERDICT_FAIL ? "x " :
                           f->verdict == HR_VERDICT_MARGINAL ? "! " : "- ";

      hr_cli_print_wrapped (f->text, indent, bullet);
    }
}
