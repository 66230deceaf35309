/* fuzz-circuit.c — libFuzzer target for circuit files (docs/fuzzing.md).
 *
 * Any bytes go to hr_circuit_load_from_data(). It must never crash, hang or leak; a refusal
 * must be an HR_CIRCUIT_ERROR whose message starts with the file name. What loads must save,
 * load back equal, and save to the same bytes again. A broken promise aborts, which libFuzzer
 * reports as a crash with the input that caused it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "headroom-circuits.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The harness's one piece of state: the family library, loaded once, as a program would. */
static HrFamilyLibrary *lib;

#define NAME "fuzz.json"

static void
broken (const char *promise, const char *detail)
{
  fprintf (stderr, "fuzz-circuit: %s\n%s\n", promise, detail != NULL ? detail : "");
  abort ();
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  lib = hr_family_library_new_default (&error);
  if (lib == NULL)
    broken ("the default family library loads", error->message);
  return 0;
}

static void
check_round_trip (HrCircuit *circuit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrCircuit) again = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *resaved = NULL;
  gsize len, relen;

  saved = hr_circuit_to_data (circuit, &len);
  again = hr_circuit_load_from_data (saved, (gssize) len, NAME, lib, &error);
  if (again == NULL)
    broken ("a saved circuit loads", error->message);
  if (!hr_circuit_equal (circuit, again))
    broken ("a saved circuit loads back equal", saved);
  resaved = hr_circuit_to_data (again, &relen);
  if (len != relen || memcmp (saved, resaved, len) != 0)
    broken ("saving is deterministic", saved);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrCircuit) circuit = NULL;

  circuit = hr_circuit_load_from_data ((const char *) data, (gssize) size, NAME, lib, &error);
  if (circuit != NULL)
    {
      if (error != NULL)
        broken ("success sets no error", error->message);
      check_round_trip (circuit);
      return 0;
    }
  if (error == NULL || error->domain != HR_CIRCUIT_ERROR)
    broken ("a refusal is an HR_CIRCUIT_ERROR", error != NULL ? error->message : "no error");
  if (!g_str_has_prefix (error->message, NAME ":"))
    broken ("an error names the file", error->message);
  if (!g_utf8_validate (error->message, -1, NULL))
    broken ("an error message is UTF-8", error->message);
  return 0;
}
