/* fuzz-units.c — libFuzzer target for hr_units_parse() and hr_units_format()
 * (docs/fuzzing.md).
 *
 * The first byte picks the unit, the rest is the text. A parsed value must be finite, and
 * written with the fewest exact digits it must read back to the same double; a refusal must
 * be an HR_CIRCUIT_ERROR_UNIT in UTF-8 (the text is quoted with escapes).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "headroom-circuits.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
broken (const char *promise, const char *detail)
{
  fprintf (stderr, "fuzz-units: %s\n%s\n", promise, detail);
  abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  HrUnit unit;
  double v, back;

  if (size == 0)
    return 0;
  unit = (HrUnit) (data[0] % (HR_UNIT_OHM_PER_SQUARE + 1));
  text = g_strndup ((const char *) data + 1, size - 1);  /* stops at a NUL, as C text does */
  if (!hr_units_parse (text, unit, &v, &error))
    {
      if (error == NULL || !g_error_matches (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_UNIT))
        broken ("a refusal is HR_CIRCUIT_ERROR_UNIT", text);
      if (!g_utf8_validate (error->message, -1, NULL))
        broken ("an error message is UTF-8", error->message);
      return 0;
    }
  if (!isfinite (v))
    broken ("a parsed value is finite", text);
  written = hr_units_format (v, unit, 0);
  if (!hr_units_parse (written, unit, &back, NULL) || back != v)
    broken ("the shortest exact text reads back", written);
  return 0;
}
