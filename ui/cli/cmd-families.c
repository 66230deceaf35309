/* headroom families [NAME] — the logic-family library, or one family's levels. */
#include "hr-config.h"

#include <math.h>
#include <stdio.h>

#include "cli.h"

static char *
supplies_text (const HrFamily *f)
{
  GArray *s = hr_family_get_supplies (f);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < s->len; i++)
    {
      g_autofree char *v = hr_units_format (g_array_index (s, double, i), HR_UNIT_VOLT, 3);
      g_string_append_printf (out, "%s%s", i ? ", " : "", v);
    }
  return g_string_free (out, FALSE);
}

static char *
range_text (const HrFamily *f)
{
  g_autofree char *lo = hr_units_format (hr_family_get_vcc_min (f), HR_UNIT_VOLT, 3);
  g_autofree char *hi = hr_units_format (hr_family_get_vcc_max (f), HR_UNIT_VOLT, 3);

  return g_strdup_printf ("%s..%s", lo, hi);
}

static JsonNode *
family_summary_json (const HrFamily *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GArray *s = hr_family_get_supplies (f);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, hr_family_get_name (f));
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, hr_family_get_title (f));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, hr_family_get_kind (f));
  json_builder_set_member_name (b, "vcc_min_v");
  json_builder_add_double_value (b, hr_family_get_vcc_min (f));
  json_builder_set_member_name (b, "vcc_max_v");
  json_builder_add_double_value (b, hr_family_get_vcc_max (f));
  json_builder_set_member_name (b, "vcc_nominal_v");
  json_builder_add_double_value (b, hr_family_get_vcc_nominal (f));
  json_builder_set_member_name (b, "supplies_v");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->len; i++)
    json_builder_add_double_value (b, g_array_index (s, double, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "interpolates");
  json_builder_add_boolean_value (b, hr_family_interpolates (f));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
list_families (HrFamilyLibrary *lib, gboolean json)
{
  GPtrArray *fams = hr_family_library_get_families (lib);

  if (json)
    {
      g_autoptr(JsonArray) arr = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < fams->len; i++)
        json_array_add_element (arr, family_summary_json (g_ptr_array_index (fams, i)));
      json_node_set_array (node, arr);
      hr_cli_print_json ("families", node);
      return HR_EXIT_PASS;
    }

  printf ("%-10s %-13s %-6s %-22s %s\n", "family", "supply", "kind", "tabulated at", "title");
  for (guint i = 0; i < fams->len; i++)
    {
      const HrFamily *f = g_ptr_array_index (fams, i);
      g_autofree char *range = range_text (f);
      g_autofree char *sup = supplies_text (f);

      printf ("%-10s %-13s %-6s %-22s %s\n", hr_family_get_name (f), range,
              hr_family_get_kind (f), sup, hr_family_get_title (f));
    }
  printf ("\n%u families. headroom families NAME shows one family's levels and sources.\n",
          fams->len);
  return HR_EXIT_PASS;
}

static void
print_points (const char *what, GArray *points)
{
  for (guint i = 0; i < points->len; i++)
    {
      const HrOutputPoint *p = &g_array_index (points, HrOutputPoint, i);
      g_autofree char *v = hr_cli_volts (p->voltage_v);
      g_autofree char *a = hr_cli_amps (fabs (p->current_a));
      g_autofree char *t = NULL;

      if (p->temp_min_c == p->temp_max_c)
        t = g_strdup_printf ("at %g C", p->temp_min_c);
      else
        t = g_strdup_printf ("over %g..%g C", p->temp_min_c, p->temp_max_c);
      printf ("  %-4s %-9s at %-8s %s, %s%s%s\n", i == 0 ? what : "", v, a,
              p->current_a < 0 ? "sourced" : "sunk", t,
              (p->flags & HR_LEVEL_UNCONFIRMED) ? " [unconfirmed]" : "",
              (p->flags & HR_LEVEL_SECONDARY) ? " [secondary]" : "");
    }
}

static void
print_levels (const HrLevels *l)
{
  g_autofree char *vcc = hr_units_format (l->vcc_v, HR_UNIT_VOLT, 4);
  g_autofree char *vih = hr_cli_volts (l->vih_v);
  g_autofree char *vil = hr_cli_volts (l->vil_v);
  g_autofree char *vmax = hr_cli_volts (l->vin_max_v);
  g_autofree char *iih = hr_cli_amps (l->iih_a);
  g_autofree char *iil = hr_cli_amps (l->iil_a);
  g_autofree char *ioh = hr_cli_amps (l->ioh_max_a);
  g_autofree char *iol = hr_cli_amps (l->iol_max_a);

  printf ("\nat VCC %s%s\n", vcc, (l->input_flags & HR_LEVEL_INTERPOLATED) ? " (interpolated)" : "");
  printf ("  VIH  %-9s min    VIL %s max%s%s\n", vih, vil,
          (l->input_flags & HR_LEVEL_UNCONFIRMED) ? " [unconfirmed]" : "",
          (l->input_flags & HR_LEVEL_SECONDARY) ? " [secondary]" : "");
  printf ("  IIH  %-9s        IIL %s; inputs tolerate up to %s\n", iih, iil, vmax);
  print_points ("VOH", l->voh);
  print_points ("VOL", l->vol);
  printf ("  drive IOH %s, IOL %s\n", ioh, iol);
  if (l->source != NULL && *l->source)
    {
      g_auto(GStrv) lines = g_strsplit (l->source, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        printf ("  %s %s\n", i == 0 ? "source:" : "       ", lines[i]);
    }
  if (l->note != NULL && *l->note)
    printf ("  note:   %s\n", l->note);
}

static int
show_family (HrFamilyLibrary *lib, const char *name, const char *vcc_text, gboolean json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func ((GDestroyNotify) hr_levels_unref);
  const HrFamily *f = hr_family_library_lookup (lib, name, &error);

  if (f == NULL)
    return hr_cli_fail ("families", error);

  if (vcc_text != NULL)
    {
      double vcc;
      HrLevels *l;

      if (!hr_cli_parse_value ("--vcc", vcc_text, HR_UNIT_VOLT, &vcc, &error) ||
          (l = hr_family_levels_at (f, vcc, &error)) == NULL)
        return hr_cli_fail ("families", error);
      g_ptr_array_add (levels, l);
    }
  else
    {
      GArray *s = hr_family_get_supplies (f);
      for (guint i = 0; i < s->len; i++)
        {
          HrLevels *l = hr_family_levels_at (f, g_array_index (s, double, i), &error);
          if (l == NULL)
            return hr_cli_fail ("families", error);
          g_ptr_array_add (levels, l);
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) node = family_summary_json (f);
      JsonArray *arr = json_array_new ();

      for (guint i = 0; i < levels->len; i++)
        json_array_add_element (arr, hr_levels_to_json (g_ptr_array_index (levels, i)));
      json_object_set_array_member (json_node_get_object (node), "levels", arr);
      hr_cli_print_json ("family", node);
      return HR_EXIT_PASS;
    }

  {
    g_autofree char *range = range_text (f);
    printf ("%s - %s (%s), supply %s\n", hr_family_get_name (f), hr_family_get_title (f),
            hr_family_get_kind (f), range);
  }
  for (guint i = 0; i < levels->len; i++)
    print_levels (g_ptr_array_index (levels, i));
  return HR_EXIT_PASS;
}

int
hr_cli_families (int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *vcc = NULL;
  g_autofree char *families_file = NULL;
  GOptionEntry entries[] = {
    { "vcc", 0, 0, G_OPTION_ARG_STRING, &vcc, "Show the levels at this supply (e.g. 5 or 3.3V)", "V" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON (docs/json-output.md)", NULL },
    { "families", 0, 0, G_OPTION_ARG_FILENAME, &families_file, "Use this families file instead of the shipped library", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("[NAME]");
  g_autoptr(GError) error = NULL;
  g_autoptr(HrFamilyLibrary) lib = NULL;

  g_option_context_set_summary (ctx, "List the logic-family library, or show one family's "
                                     "datasheet levels with their load currents and sources.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!hr_cli_parse_options (ctx, "families", &argc, &argv))
    return HR_EXIT_BAD_INPUT;
  if (argc > 2)
    return hr_cli_usage ("families", "give at most one family name");
  if (vcc != NULL && argc < 2)
    return hr_cli_usage ("families", "--vcc needs a family name");

  if ((lib = hr_cli_library (families_file, &error)) == NULL)
    return hr_cli_fail ("families", error);
  if (argc == 2)
    return show_family (lib, argv[1], vcc, json);
  return list_families (lib, json);
}
