/* netlist-spice.c — the IR as SPICE text (for ngspice and for export). */
#include "sim-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
hr_spice_format_double (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Shortest of %.15g..%.17g that reads back exactly; g_ascii_* ignore the locale. */
  for (int prec = 15; prec <= 17; prec++)
    {
      char fmt[8];
      g_snprintf (fmt, sizeof fmt, "%%.%dg", prec);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

static void
num (GString *s, double v)
{
  g_string_append_c (s, ' ');
  hr_spice_format_double (s, v);
}

const char *
hr_analysis_kind_name (HrAnalysisKind kind)
{
  switch (kind)
    {
    case HR_AN_OP: return "op";
    case HR_AN_DC: return "dc";
    case HR_AN_TRAN: return "tran";
    case HR_AN_AC: return "ac";
    default: return "?";
    }
}

char *
hr_analysis_spice_command (const HrAnalysis *an)
{
  static const char *const sweeps[] = { "dec", "oct", "lin" };
  GString *s = g_string_new (hr_analysis_kind_name (an->kind));

  switch (an->kind)
    {
    case HR_AN_OP:
      break;
    case HR_AN_DC:
      g_string_append_printf (s, " %s", an->src);
      num (s, an->start);
      num (s, an->stop);
      num (s, an->step);
      if (an->src2 != NULL)
        {
          g_string_append_printf (s, " %s", an->src2);
          num (s, an->start2);
          num (s, an->stop2);
          num (s, an->step2);
        }
      break;
    case HR_AN_TRAN:
      num (s, an->tstep);
      num (s, an->tstop);
      if (an->tstart > 0 || an->tmax > 0)
        num (s, an->tstart);
      if (an->tmax > 0)
        num (s, an->tmax);
      if (an->uic)
        g_string_append (s, " uic");
      break;
    case HR_AN_AC:
      g_string_append_printf (s, " %s %u", sweeps[an->sweep], an->points);
      num (s, an->fstart);
      num (s, an->fstop);
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (s, FALSE);
}

static void
params (GString *s, GArray *ps)
{
  for (guint i = 0; i < ps->len; i++)
    {
      HrParam *p = &g_array_index (ps, HrParam, i);
      g_string_append_printf (s, " %s=", p->name);
      hr_spice_format_double (s, p->value);
    }
}

static void
wave (GString *s, const HrElement *el)
{
  static const char *const names[] = { "", "pulse", "pwl", "sin", "exp", "trnoise" };
  if (el->wave == HR_WAVE_NONE)
    return;
  g_string_append_printf (s, " %s(", names[el->wave]);
  for (guint i = 0; i < el->wave_args->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      hr_spice_format_double (s, g_array_index (el->wave_args, double, i));
    }
  g_string_append_c (s, ')');
}

static char *
element_line (const HrElement *el)
{
  GString *s = g_string_new (el->name);

  if (el->kind != HR_EL_MUTUAL)
    for (guint i = 0; i < el->n_nodes; i++)
      g_string_append_printf (s, " %s", el->nodes[i]);
  switch (el->kind)
    {
    case HR_EL_RESISTOR:
    case HR_EL_CAPACITOR:
    case HR_EL_INDUCTOR:
    case HR_EL_VCVS:
    case HR_EL_VCCS:
      num (s, el->value);
      break;
    case HR_EL_MUTUAL:
      g_string_append_printf (s, " %s %s", el->ref, el->ref2);
      num (s, el->value);
      break;
    case HR_EL_VSOURCE:
    case HR_EL_ISOURCE:
      g_string_append (s, " dc");
      num (s, el->value);
      if (el->has_ac)
        {
          g_string_append (s, " ac");
          num (s, el->ac_mag);
          num (s, el->ac_phase_deg);
        }
      wave (s, el);
      break;
    case HR_EL_CCCS:
    case HR_EL_CCVS:
      g_string_append_printf (s, " %s", el->ref);
      num (s, el->value);
      break;
    case HR_EL_DIODE:
    case HR_EL_SUBCKT:
      g_string_append_printf (s, " %s", el->ref);
      break;
    case HR_EL_MOSFET:
      g_string_append_printf (s, " %s w=", el->ref);
      hr_spice_format_double (s, el->w_m);
      g_string_append (s, " l=");
      hr_spice_format_double (s, el->l_m);
      break;
    case HR_EL_TLINE:
      g_string_append (s, " z0=");
      hr_spice_format_double (s, el->value);
      g_string_append (s, " td=");
      hr_spice_format_double (s, el->value2);
      break;
    default:
      g_assert_not_reached ();
    }
  params (s, el->params);
  return g_string_free (s, FALSE);
}

/* The upper triangle of the N x N matrix A, row by row: how ngspice's CPL reads L and C. */
static void
upper_triangle (GString *s, const char *key, const double *a, guint n)
{
  g_string_append_printf (s, " %s=", key);
  for (guint i = 0; i < n; i++)
    for (guint j = i; j < n; j++)
      {
        if (i > 0 || j > 0)
          g_string_append_c (s, ' ');
        hr_spice_format_double (s, a != NULL ? a[i * n + j] : 0);
      }
}

/* A coupled or lossy line (P). Segmented: its RLGC sections, element by element, which the
 * native engine runs too. Lossless, one conductor: the T line of the same Z0 = sqrt(L/C) and
 * TD = length sqrt(L C), exact. Lossless, N > 1: ngspice's CPL, with R = G = 0 (CPL raises R
 * to 1e-4 ohm/m, a loss far below its own discretisation error; docs/engines.md). */
static void
add_line_lines (GPtrArray *lines, const HrElement *el)
{
  const HrLineSpec *ls = el->line;
  const guint n = ls->n;
  GString *s;

  if (ls->segments > 0)
    {
      g_autoptr(GPtrArray) parts = hr_line_expand (el);
      for (guint i = 0; i < parts->len; i++)
        g_ptr_array_add (lines, element_line (g_ptr_array_index (parts, i)));
      return;
    }
  if (n == 1)
    {
      s = g_string_new (NULL);
      g_string_printf (s, "t.%s %s %s %s %s z0=", el->name, el->nodes[0], el->nodes[1],
                       el->nodes[2], el->nodes[3]);
      hr_spice_format_double (s, sqrt (ls->l[0] / ls->c[0]));
      g_string_append (s, " td=");
      hr_spice_format_double (s, ls->length * sqrt (ls->l[0] * ls->c[0]));
      g_ptr_array_add (lines, g_string_free (s, FALSE));
      return;
    }
  s = g_string_new (NULL);
  g_string_printf (s, ".model cpl.%s cpl length=", el->name);
  hr_spice_format_double (s, ls->length);
  upper_triangle (s, "r", NULL, n);
  upper_triangle (s, "l", ls->l, n);
  upper_triangle (s, "g", NULL, n);
  upper_triangle (s, "c", ls->c, n);
  g_ptr_array_add (lines, g_string_free (s, FALSE));
  s = g_string_new (el->name);
  for (guint i = 0; i < el->n_nodes; i++)
    g_string_append_printf (s, " %s", el->nodes[i]);
  g_string_append_printf (s, " cpl.%s", el->name);
  g_ptr_array_add (lines, g_string_free (s, FALSE));
}

static char *
model_line (const HrModel *m)
{
  static const char *const types[] = { "nmos", "pmos", "d" };
  GString *s = g_string_new (NULL);
  g_string_printf (s, ".model %s %s", m->name, types[m->type]);
  if (m->type != HR_MODEL_DIODE && m->level > 0)
    g_string_append_printf (s, " level=%d", m->level);
  params (s, m->params);
  return g_string_free (s, FALSE);
}

/* Splits a filtered user block into lines (without empty trailing line). */
static void
add_block_lines (GPtrArray *lines, const HrUserBlock *b)
{
  g_auto(GStrv) split = g_strsplit (b->text, "\n", -1);
  g_ptr_array_add (lines, g_strdup_printf ("* user SPICE from %s", b->origin));
  for (guint i = 0; split[i] != NULL; i++)
    {
      if (split[i][0] == '\0' && split[i + 1] == NULL)
        break;
      g_ptr_array_add (lines, g_strdup (split[i]));
    }
}

GPtrArray *
hr_netlist_spice_lines (HrNetlist *nl, gboolean with_analyses, GError **error)
{
  GPtrArray *lines;

  if (nl->error != NULL)
    {
      g_propagate_error (error, g_error_copy (nl->error));
      return NULL;
    }
  lines = g_ptr_array_new_with_free_func (g_free);
  /* ngspice always takes the first line as the title, whatever it holds. */
  g_ptr_array_add (lines, g_strdup_printf ("* headroom: %s", nl->title));
  if (nl->options->len > 0)
    {
      GString *s = g_string_new (".options");
      params (s, nl->options);
      g_ptr_array_add (lines, g_string_free (s, FALSE));
    }
  if (nl->integration == HR_INTEGRATION_GEAR2)
    g_ptr_array_add (lines, g_strdup (".options method=gear maxord=2"));
  /* ngspice draws every TRNOISE from one generator with one seed, an int in 1..INT_MAX:
   * the first noise source's seed folded into that range. */
  for (guint i = 0; i < nl->elements->len; i++)
    {
      const HrElement *el = g_ptr_array_index (nl->elements, i);
      if (el->wave == HR_WAVE_TRNOISE)
        {
          g_ptr_array_add (lines, g_strdup_printf (".options seed=%" G_GUINT64_FORMAT,
                                                   1 + el->noise_seed % (G_MAXINT - 1)));
          break;
        }
    }
  if (nl->has_temp)
    {
      GString *s = g_string_new (".temp");
      num (s, nl->temp_c);
      g_ptr_array_add (lines, g_string_free (s, FALSE));
    }
  for (guint i = 0; i < nl->models->len; i++)
    g_ptr_array_add (lines, model_line (g_ptr_array_index (nl->models, i)));
  for (guint i = 0; i < nl->user_blocks->len; i++)
    add_block_lines (lines, g_ptr_array_index (nl->user_blocks, i));
  for (guint i = 0; i < nl->elements->len; i++)
    {
      const HrElement *el = g_ptr_array_index (nl->elements, i);
      if (el->kind == HR_EL_CPL)
        add_line_lines (lines, el);
      else
        g_ptr_array_add (lines, element_line (el));
    }
  if (nl->initial->len > 0)
    {
      GString *s = g_string_new (".ic");
      for (guint i = 0; i < nl->initial->len; i++)
        {
          HrParam *p = &g_array_index (nl->initial, HrParam, i);
          g_string_append_printf (s, " v(%s)=", p->name);
          hr_spice_format_double (s, p->value);
        }
      g_ptr_array_add (lines, g_string_free (s, FALSE));
    }
  if (with_analyses)
    for (guint i = 0; i < nl->analyses->len; i++)
      {
        g_autofree char *cmd = hr_analysis_spice_command (g_ptr_array_index (nl->analyses, i));
        g_ptr_array_add (lines, g_strconcat (".", cmd, NULL));
      }
  g_ptr_array_add (lines, g_strdup (".end"));
  return lines;
}

char *
hr_netlist_to_spice (HrNetlist *nl, GError **error)
{
  g_autoptr(GPtrArray) lines = hr_netlist_spice_lines (nl, TRUE, error);
  GString *s;
  if (lines == NULL)
    return NULL;
  s = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (s, g_ptr_array_index (lines, i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
