/* noise-json-private.h — JSON writing shared by the result types of noise/.
 *
 * A number that is not known (a level not guaranteed at the load, a margin of a gate that does
 * not switch) is written as null, never NaN: docs/json-output.md. */
#pragma once

#include <json-glib/json-glib.h>

/* KEY: VALUE, or KEY: null when VALUE is not finite. */
void hr_noise_json_add_number (JsonBuilder *b, const char *key, double value);
/* KEY: VALUE, or KEY: null when VALUE is NULL. */
void hr_noise_json_add_string (JsonBuilder *b, const char *key, const char *value);
