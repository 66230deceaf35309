/* cmd-matrix.c — the compatibility matrix as a table, CSV, JSON or a heatmap. */
#include "hr-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd-matrix.h"
#include "headroom-charts.h"

static const char *const formats[] = { "text", "csv", "json", "svg", "png", "pdf", NULL };

static const char *
format_from_output (const char *output)
{
  const char *dot = output ? strrchr (output, '.') : NULL;

  if (dot != NULL)
    for (guint i = 0; formats[i]; i++)
      if (g_ascii_strcasecmp (dot + 1, formats[i]) == 0)
        return formats[i];
  if (dot != NULL && g_ascii_strcasecmp (dot + 1, "txt") == 0)
    return "text";
  return "text";
}

static double
worst_margin (const HrMarginResult *r)
{
  return MIN (r->nmh_v, r->nml_v);
}

static char *
matrix_text (const HrMatrixResult *m)
{
  GString *s = g_string_new (NULL);
  guint n = m->families->len;

  if (isnan (m->vcc_v))
    g_string_append (s, "Compatibility matrix, each family at its nominal supply.\n");
  else
    g_string_append_printf (s, "Compatibility matrix at VCC %g V.\n", m->vcc_v);
  g_string_append (s, "Rows drive, columns receive, fan-out 1. Each cell: the worse of NMH and NML "
                      "in volts;\n'x' fails (a negative margin, the fan-out or an over-voltage), "
                      "'!' is marginal, '.' not specified at this supply.\n\n");
  g_string_append_printf (s, "%-9s", "drv\\rcv");
  for (guint c = 0; c < n; c++)
    g_string_append_printf (s, " %7.7s", (const char *) g_ptr_array_index (m->families, c));
  g_string_append_c (s, '\n');
  for (guint r = 0; r < n; r++)
    {
      g_string_append_printf (s, "%-9.9s", (const char *) g_ptr_array_index (m->families, r));
      for (guint c = 0; c < n; c++)
        {
          const HrMarginResult *cell = hr_matrix_result_get (m, r, c);
          if (cell == NULL)
            g_string_append_printf (s, " %7s", ".");
          else if (isnan (worst_margin (cell)))
            g_string_append_printf (s, " %7s", "x");   /* load beyond every tabulated point */
          else
            g_string_append_printf (s, " %6.2f%c", worst_margin (cell),
                                    cell->verdict == HR_VERDICT_FAIL ? 'x' :
                                    cell->verdict == HR_VERDICT_MARGINAL ? '!' : ' ');
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static void
csv_field (GString *s, const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static char *
matrix_csv (const HrMatrixResult *m)
{
  GString *s = g_string_new ("driver,driver_vcc_v,receiver,receiver_vcc_v,nmh_v,nml_v,"
                             "fanout_max,verdict,reasons\n");
  guint n = m->families->len;

  for (guint r = 0; r < n; r++)
    for (guint c = 0; c < n; c++)
      {
        const HrMarginResult *cell = hr_matrix_result_get (m, r, c);
        char buf[4][G_ASCII_DTOSTR_BUF_SIZE];
        char fanout[16] = "";

        if (cell == NULL)
          continue;

        /* Inputs that draw no current leave the DC fan-out unlimited: an empty field. */
        if (cell->fanout_max != G_MAXUINT)
          g_snprintf (fanout, sizeof fanout, "%u", cell->fanout_max);
        g_string_append_printf (s, "%s,%s,%s,%s,%s,%s,%s,%s,", cell->driver->family,
                                g_ascii_dtostr (buf[0], sizeof buf[0], cell->driver->vcc_v),
                                cell->receiver->family,
                                g_ascii_dtostr (buf[1], sizeof buf[1], cell->receiver->vcc_v),
                                g_ascii_formatd (buf[2], sizeof buf[2], "%.4f", cell->nmh_v),
                                g_ascii_formatd (buf[3], sizeof buf[3], "%.4f", cell->nml_v),
                                fanout, hr_verdict_to_string (cell->verdict));
        {
          g_autoptr(GString) why = g_string_new (NULL);
          for (guint i = 0; i < cell->findings->len; i++)
            {
              const HrFinding *f = g_ptr_array_index (cell->findings, i);
              if (f->verdict == HR_VERDICT_PASS)
                continue;
              g_string_append_printf (why, "%s%s", why->len ? " " : "", f->text);
            }
          csv_field (s, why->str);
        }
        g_string_append_c (s, '\n');
      }
  return g_string_free (s, FALSE);
}

gboolean
hr_cli_matrix_write (const HrMatrixResult *m, const char *format, const char *output,
                     GError **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  if (format == NULL)
    format = format_from_output (output);
  if (!g_strv_contains (formats, format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--format: unknown format \"%s\"; known: text, csv, json, svg, png, pdf", format);
      return FALSE;
    }

  if (strcmp (format, "svg") == 0 || strcmp (format, "png") == 0 || strcmp (format, "pdf") == 0)
    {
      g_autoptr(HrPlot) plot = NULL;
      guint n = m->families->len;
      double side = 160 + 46.0 * n;

      if (output == NULL || strcmp (output, "-") == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "--format %s needs --output FILE", format);
          return FALSE;
        }
      plot = hr_chart_matrix (m);
      return hr_plot_save (plot, output, hr_plot_format_from_name (format), side + 140, side, error);
    }

  if (strcmp (format, "json") == 0)
    {
      g_autoptr(JsonNode) node = hr_matrix_result_to_json (m);
      text = hr_cli_json_document ("matrix", node, &len);
    }
  else if (strcmp (format, "csv") == 0)
    text = matrix_csv (m);
  else
    text = matrix_text (m);
  if (len == 0)
    len = strlen (text);
  return hr_cli_write_output (output, text, len, error);
}
