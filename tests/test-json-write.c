/* test-json-write.c — the JSON text headroom writes: valid, exact, and readable numbers. */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "headroom-circuits.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) p = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (p, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (p));
}

/* The numbers json-glib 1.6 writes badly: "%.17g" noise and "-1e-300.0". */
static void
test_numbers_text (void)
{
  static const struct { double v; const char *text; } cases[] = {
    { 3.3, "3.3" }, { 0.1, "0.1" }, { -0.8, "-0.8" }, { 1.0, "1.0" }, { 0.0, "0.0" },
    { -1e-300, "-1e-300" }, { 1e21, "1e+21" }, { 2.5e-5, "2.5e-05" },
    { 0.59999999999999998, "0.6" }, { NAN, "null" }, { INFINITY, "null" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      hr_json_append_double (s, cases[i].v);
      g_assert_cmpstr (s->str, ==, cases[i].text);
    }
}

static void
test_document (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL, back = NULL;
  g_autofree char *text = NULL;
  JsonObject *o;
  gsize len;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "v");
  json_builder_add_double_value (b, 3.3);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, -42);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "s");
  json_builder_add_string_value (b, "a \"quoted\"\\ line\nwith\ttab, \x01 and µ");
  json_builder_set_member_name (b, "none");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "empty");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "nested");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_add_double_value (b, -1e-300);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  text = hr_json_to_data (root, &len);
  g_assert_cmpuint (len, ==, strlen (text));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  g_assert_nonnull (strstr (text, "\"v\" : 3.3,\n"));
  back = parse (text);
  o = json_node_get_object (back);
  g_assert_cmpfloat (json_object_get_double_member (o, "v"), ==, 3.3);
  g_assert_cmpint (json_object_get_int_member (o, "n"), ==, -42);
  g_assert_true (json_object_get_boolean_member (o, "ok"));
  g_assert_cmpstr (json_object_get_string_member (o, "s"), ==,
                   "a \"quoted\"\\ line\nwith\ttab, \x01 and µ");
  g_assert_true (json_object_get_null_member (o, "none"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "empty")), ==, 0);
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (o, "nested"), 1),
                     ==, -1e-300);
}

/* Any finite double reads back bit for bit. */
static void
test_round_trip_random (void)
{
  for (guint i = 0; i < 20000; i++)
    {
      guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
      double v;
      g_autoptr(GString) s = g_string_new (NULL);

      memcpy (&v, &bits, sizeof v);
      if (!isfinite (v))
        continue;
      hr_json_append_double (s, v);
      g_assert_cmpfloat (g_ascii_strtod (s->str, NULL), ==, v);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-write/numbers", test_numbers_text);
  g_test_add_func ("/json-write/document", test_document);
  g_test_add_func ("/json-write/round-trip", test_round_trip_random);
  return g_test_run ();
}
