/* fuzz-families.c — libFuzzer target for families files (docs/fuzzing.md, docs/families.md).
 *
 * Any bytes go to hr_family_library_new_from_data(), as a user's --families FILE would. It
 * must never crash, hang or leak, nor trip a GLib precondition (criticals are made fatal
 * here: a g_return_if_fail() in the loader means it read past what it checked). A refusal
 * must be an HR_CIRCUIT_ERROR whose UTF-8 message starts with the file name and, for anything
 * but an empty file, the line and column ("fuzz.json:3:14: "). What loads is all there: every
 * name and alias finds its family, every family gives levels at its nominal supply, and asking
 * for levels and output voltages across and beyond its supplies answers or refuses cleanly. A
 * broken promise aborts, which libFuzzer reports as a crash with the input that caused it.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "headroom-circuits.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define NAME "fuzz.json"

static void
broken (const char *promise, const char *detail)
{
  fprintf (stderr, "fuzz-families: %s\n%s\n", promise, detail != NULL ? detail : "");
  abort ();
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* "fuzz.json:LINE:COLUMN: " with both numbers from 1. */
static gboolean
has_position (const char *message)
{
  const char *p = message + strlen (NAME ":");
  char *end;

  if (g_ascii_strtoull (p, &end, 10) == 0 || end == p || *end != ':')
    return FALSE;
  p = end + 1;
  if (g_ascii_strtoull (p, &end, 10) == 0 || end == p)
    return FALSE;
  return g_str_has_prefix (end, ": ");
}

static void
check_levels (HrFamily *family, double vcc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrLevels) levels = hr_family_levels_at (family, vcc, &error);
  static const double loads[] = { 0, 1e-6, 20e-6, 1e-3, 4e-3, 24e-3, 1 };

  if ((levels == NULL) == (error == NULL))
    broken ("levels or an error", hr_family_get_name (family));
  if (levels == NULL)
    return;
  if (!(levels->vil_v <= levels->vih_v))
    broken ("VIL <= VIH at every supply given", hr_family_get_name (family));
  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    for (int high = 0; high < 2; high++)
      {
        g_autoptr(GError) local = NULL;
        double v = NAN;

        if (hr_levels_output_at_temp (levels, high, loads[i], 25, &v, NULL, NULL, &local)
            ? local != NULL || !isfinite (v) : local == NULL)
          broken ("an output level or an error", hr_family_get_name (family));
      }
}

static void
check_library (HrFamilyLibrary *lib)
{
  GPtrArray *families = hr_family_library_get_families (lib);
  g_autofree char *known = hr_family_library_known_names (lib);

  if (families == NULL || families->len == 0 || known == NULL)
    broken ("a library has families", NULL);
  for (guint i = 0; i < families->len; i++)
    {
      HrFamily *f = g_ptr_array_index (families, i);
      const char *const *aliases = hr_family_get_aliases (f);
      double lo = hr_family_get_vcc_min (f), hi = hr_family_get_vcc_max (f);
      g_autoptr(HrLevels) nominal = NULL;

      if (hr_family_library_lookup (lib, hr_family_get_name (f), NULL) != f)
        broken ("a family is found by its name", hr_family_get_name (f));
      for (guint j = 0; aliases != NULL && aliases[j] != NULL; j++)
        if (hr_family_library_lookup (lib, aliases[j], NULL) != f)
          broken ("a family is found by its aliases", aliases[j]);
      if ((nominal = hr_family_levels_at (f, hr_family_get_vcc_nominal (f), NULL)) == NULL)
        broken ("a family gives levels at its nominal supply", hr_family_get_name (f));
      g_free (hr_family_describe_supplies (f));
      check_levels (f, lo);
      check_levels (f, hi);
      check_levels (f, (lo + hi) / 2);
      check_levels (f, lo * 0.5);
      check_levels (f, hi * 1.5);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrFamilyLibrary) lib = NULL;

  lib = hr_family_library_new_from_data ((const char *) data, (gssize) size, NAME, &error);
  if (lib != NULL)
    {
      if (error != NULL)
        broken ("success sets no error", error->message);
      check_library (lib);
      return 0;
    }
  if (error == NULL || error->domain != HR_CIRCUIT_ERROR)
    broken ("a refusal is an HR_CIRCUIT_ERROR", error != NULL ? error->message : "no error");
  if (!g_str_has_prefix (error->message, NAME ":"))
    broken ("an error names the file", error->message);
  if (!g_utf8_validate (error->message, -1, NULL))
    broken ("an error message is UTF-8", error->message);
  if (!has_position (error->message) && !g_str_has_prefix (error->message, NAME ": empty file"))
    broken ("an error gives the line and column", error->message);
  return 0;
}
