/* test-circuit.c — HrCircuit: the model, circuit files (load with validation, atomic save,
 * round trips), the malformed corpus, the fuzzer's regression inputs and the JSON scanner
 * behind the error positions. */
#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "headroom-circuits.h"
#include "corpus-util.h"
#include "json-scan.h"  /* private to circuits/, tested here directly */

static HrFamilyLibrary *
library (void)
{
  g_autoptr(GError) error = NULL;
  HrFamilyLibrary *lib = hr_family_library_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (lib);
  return lib;
}

static HrCircuit *
load_test_file (HrFamilyLibrary *lib, const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "circuits", name, NULL);
  g_autoptr(GError) error = NULL;
  HrCircuit *circuit = hr_circuit_load (path, lib, &error);

  g_assert_no_error (error);
  g_assert_nonnull (circuit);
  return circuit;
}

/* A pin with borrowed strings, for nets handed to hr_circuit_add_net() (which copies). */
static HrPin
pin (const char *family, double vcc_v)
{
  HrPin p = { 0 };

  p.family = (char *) family;
  p.vcc_v = vcc_v;
  p.gate = HR_GATE_BUFFER;
  return p;
}

/* ---------------------------------------------------------------------------------------- */
/* Gate types                                                                               */

static void
test_gate_types (void)
{
  static const char *const names[] = {
    "buffer", "inverter", "nand", "nor", "and", "or", "xor", "schmitt-inverter"
  };
  HrGateType type;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *upper = g_ascii_strup (names[i], -1);

      g_assert_cmpstr (hr_gate_type_to_string ((HrGateType) i), ==, names[i]);
      g_assert_true (hr_gate_type_from_string (names[i], &type));
      g_assert_cmpint (type, ==, i);
      g_assert_true (hr_gate_type_from_string (upper, &type));  /* case-insensitive */
      g_assert_cmpint (type, ==, i);
    }
  type = HR_GATE_XOR;
  g_assert_false (hr_gate_type_from_string ("nand3", &type));
  g_assert_false (hr_gate_type_from_string ("", &type));
  g_assert_cmpint (type, ==, HR_GATE_XOR);  /* untouched */
  g_assert_true (hr_gate_type_from_string ("nor", NULL));

  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*G_N_ELEMENTS*");
  g_assert_null (hr_gate_type_to_string ((HrGateType) 8));
  g_test_assert_expected_messages ();
}

/* ---------------------------------------------------------------------------------------- */
/* The model                                                                                */

static void
test_new (void)
{
  g_autoptr(HrCircuit) circuit = hr_circuit_new ("board");
  HrCircuit *again;

  g_assert_cmpstr (hr_circuit_get_name (circuit), ==, "board");
  g_assert_null (hr_circuit_get_description (circuit));
  g_assert_cmpuint (hr_circuit_get_n_nets (circuit), ==, 0);
  g_assert_null (hr_circuit_find_net (circuit, "clk"));
  hr_circuit_set_description (circuit, "two lines\nof notes");
  g_assert_cmpstr (hr_circuit_get_description (circuit), ==, "two lines\nof notes");
  hr_circuit_set_description (circuit, hr_circuit_get_description (circuit));  /* itself */
  g_assert_cmpstr (hr_circuit_get_description (circuit), ==, "two lines\nof notes");
  hr_circuit_set_description (circuit, NULL);
  g_assert_null (hr_circuit_get_description (circuit));

  again = hr_circuit_ref (circuit);
  g_assert_true (again == circuit);
  hr_circuit_unref (again);
  g_assert_cmpstr (hr_circuit_get_name (circuit), ==, "board");  /* still alive */
  g_assert_true (G_TYPE_IS_BOXED (HR_TYPE_CIRCUIT));
}

static void
test_add_net_copies (void)
{
  g_autoptr(HrCircuit) circuit = hr_circuit_new ("c");
  g_autoptr(GError) error = NULL;
  const HrNet *stored;
  HrNet net;
  HrPin r = pin ("74HC", 5);

  hr_net_init (&net, "clk");
  net.driver.family = g_strdup ("74LS");
  net.driver.part = g_strdup ("U1");
  net.driver.vcc_v = 5;
  net.driver.load_a = 2e-3;
  net.comment = g_strdup ("note");
  r.family = g_strdup ("74HC");
  r.has_position = TRUE;
  r.x = 1.5;
  r.y = -2;
  g_array_append_val (net.receivers, r);

  g_assert_true (hr_circuit_add_net (circuit, &net, &error));
  g_assert_no_error (error);
  /* The circuit holds a copy: changing or freeing the original leaves it alone. */
  g_free (net.driver.family);
  net.driver.family = g_strdup ("74F");
  hr_net_clear (&net);

  g_assert_cmpuint (hr_circuit_get_n_nets (circuit), ==, 1);
  stored = hr_circuit_find_net (circuit, "clk");
  g_assert_true (stored == hr_circuit_get_net (circuit, 0));
  g_assert_cmpstr (stored->driver.family, ==, "74LS");
  g_assert_cmpstr (stored->driver.part, ==, "U1");
  g_assert_cmpstr (stored->comment, ==, "note");
  g_assert_cmpfloat (stored->driver.load_a, ==, 2e-3);
  g_assert_cmpuint (stored->receivers->len, ==, 1);
  g_assert_true (g_array_index (stored->receivers, HrPin, 0).has_position);
  g_assert_cmpfloat (g_array_index (stored->receivers, HrPin, 0).x, ==, 1.5);
}

static void
add_net_fails (HrCircuit *circuit, HrNet *net, HrCircuitError code, const char *message)
{
  g_autoptr(GError) error = NULL;
  guint before = hr_circuit_get_n_nets (circuit);

  g_assert_false (hr_circuit_add_net (circuit, net, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, (gint) code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (hr_circuit_get_n_nets (circuit), ==, before);
}

static void
test_add_net_errors (void)
{
  g_autoptr(HrCircuit) circuit = hr_circuit_new ("c");
  g_autoptr(GArray) receivers = g_array_new (FALSE, TRUE, sizeof (HrPin));
  g_autoptr(GArray) none = g_array_new (FALSE, TRUE, sizeof (HrPin));
  HrPin r = pin ("74HC", 5);
  HrNet net = { 0 };

  g_array_append_val (receivers, r);
  net.name = (char *) "a";
  net.driver = pin ("74HC", 5);
  net.receivers = receivers;
  g_assert_true (hr_circuit_add_net (circuit, &net, NULL));

  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_DUPLICATE,
                 "net \"a\": the circuit has a net of that name already; net names are unique");
  net.name = (char *) "";
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net name: empty; a name has at least one character, as in \"clk\"");
  net.name = (char *) "two\nlines";
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net name: holds a control character (a line break or a tab); a name is one "
                 "line of text");
  net.name = (char *) "b";
  net.receivers = none;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_SCHEMA,
                 "net \"b\": no receivers; a net has at least one");
  net.receivers = NULL;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_SCHEMA,
                 "net \"b\": no receivers; a net has at least one");
  net.receivers = receivers;
  net.driver.vcc_v = NAN;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"b\": driver: vcc must be a positive, finite voltage");
  net.driver.vcc_v = 5;
  net.driver.family = NULL;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"b\": driver: no family; every pin names its logic family, as in "
                 "\"74HC\"");
  net.driver.family = (char *) "74HC";
  net.driver.load_a = 1.5;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"b\": driver: load must be finite and at most 1 A in magnitude");
  net.driver.load_a = 0;
  net.driver.gate = (HrGateType) 42;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE, "net \"b\": driver: unknown gate type");
  net.driver.gate = HR_GATE_NAND;
  g_array_index (receivers, HrPin, 0).load_a = 1e-3;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"b\": receiver 0: only a driver has a load");
  g_array_index (receivers, HrPin, 0).load_a = 0;
  g_array_index (receivers, HrPin, 0).has_position = TRUE;
  g_array_index (receivers, HrPin, 0).x = INFINITY;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"b\": receiver 0: position must be finite and within ±1e9");
  g_array_index (receivers, HrPin, 0).x = 0;
  g_array_index (receivers, HrPin, 0).part = (char *) "";
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"b\": receiver 0: a part name that is empty, not one line of text or "
                 "over 128 characters");
  g_array_index (receivers, HrPin, 0).part = NULL;
  net.comment = g_strnfill (65537, 'c');
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"b\": comment: longer than 65536 bytes; keep notes short or put them in "
                 "a separate document");
  g_free (net.comment);
  net.comment = NULL;
  g_assert_true (hr_circuit_add_net (circuit, &net, NULL));
  g_assert_cmpuint (hr_circuit_get_n_nets (circuit), ==, 2);
}

/* A circuit of two nets, built by API, for the equality tests. */
static HrCircuit *
two_nets (void)
{
  HrCircuit *circuit = hr_circuit_new ("pair");
  const char *names[] = { "a", "b" };

  hr_circuit_set_description (circuit, "d");
  for (guint i = 0; i < 2; i++)
    {
      HrNet net;
      HrPin r = pin ("74HC", 5);

      hr_net_init (&net, names[i]);
      net.driver = pin ("74HCT", 5);
      net.driver.family = g_strdup ("74HCT");
      net.driver.load_a = -1e-3;
      r.family = g_strdup ("74HC");
      r.part = g_strdup ("U2");
      r.has_position = TRUE;
      r.x = 10;
      r.y = 20;
      g_array_append_val (net.receivers, r);
      g_assert_true (hr_circuit_add_net (circuit, &net, NULL));
      hr_net_clear (&net);
    }
  return circuit;
}

static HrPin *
receiver (HrCircuit *circuit, guint net)
{
  /* Tests reach into a stored net to change one field: the API hands out const. */
  HrNet *n = (HrNet *) hr_circuit_get_net (circuit, net);

  return &g_array_index (n->receivers, HrPin, 0);
}

static void
test_equal (void)
{
  g_autoptr(HrCircuit) a = two_nets ();

  g_assert_true (hr_circuit_equal (a, a));
  for (guint change = 0; change < 13; change++)
    {
      g_autoptr(HrCircuit) b = two_nets ();
      HrNet *net = (HrNet *) hr_circuit_get_net (b, 1);
      HrPin *r = receiver (b, 1);

      g_assert_true (hr_circuit_equal (a, b));
      switch (change)
        {
        case 0: hr_circuit_set_description (b, NULL); break;
        case 1: g_free (r->part); r->part = NULL; break;
        case 2: g_free (r->family); r->family = g_strdup ("74LS"); break;
        case 3: r->vcc_v = nextafter (5, 6); break;  /* one ulp: equality is exact */
        case 4: r->gate = HR_GATE_NOR; break;
        case 5: net->driver.load_a = 0; break;
        case 6: r->x = 11; break;
        case 7: r->has_position = FALSE; break;
        case 8: g_free (net->comment); net->comment = g_strdup ("c"); break;
        case 9:
          {
            HrPin extra = pin (NULL, 5);

            extra.family = g_strdup ("74HC");
            g_array_append_val (net->receivers, extra);
          }
          break;
        case 10: net->driver.gate = HR_GATE_XOR; break;
        case 11: g_free (net->driver.family); net->driver.family = g_strdup ("74AC"); break;
        case 12: r->model = hr_pin_model_new ("inv", "bsim3-5v"); break;
        default: g_assert_not_reached ();
        }
      g_test_message ("change %u", change);
      g_assert_false (hr_circuit_equal (a, b));
      g_assert_false (hr_circuit_equal (b, a));
    }
  {
    g_autoptr(HrCircuit) c = hr_circuit_new ("other");
    g_autoptr(HrCircuit) d = two_nets ();

    g_assert_false (hr_circuit_equal (a, c));
    /* Without a position, x and y are not part of the pin. */
    receiver (a, 0)->has_position = FALSE;
    receiver (d, 0)->has_position = FALSE;
    receiver (d, 0)->x = 99;
    g_assert_true (hr_circuit_equal (a, d));
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Loading                                                                                  */

static void
test_load_defaults (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) circuit = load_test_file (lib, "minimal.json");
  const HrNet *net = hr_circuit_find_net (circuit, "a");
  const HrPin *r;

  g_assert_cmpstr (hr_circuit_get_name (circuit), ==, "minimal");
  g_assert_null (hr_circuit_get_description (circuit));
  g_assert_nonnull (net);
  g_assert_null (net->comment);
  g_assert_null (net->driver.part);
  g_assert_cmpint (net->driver.gate, ==, HR_GATE_BUFFER);  /* the default gate */
  g_assert_cmpfloat (net->driver.load_a, ==, 0);
  g_assert_false (net->driver.has_position);
  g_assert_cmpuint (net->receivers->len, ==, 1);
  r = &g_array_index (net->receivers, HrPin, 0);
  g_assert_cmpint (r->gate, ==, HR_GATE_BUFFER);
  g_assert_cmpstr (r->family, ==, "74HC");
  g_assert_cmpfloat (r->vcc_v, ==, 5);
}

static void
test_load_full (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) circuit = load_test_file (lib, "full.json");
  const HrNet *clk, *reset;
  const HrPin *r;

  g_assert_cmpstr (hr_circuit_get_name (circuit), ==, "clock tree");
  g_assert_cmpstr (hr_circuit_get_description (circuit), ==,
                   "A 74LS oscillator driving HC and HCT loads.\n"
                   "Every optional field is used here.");
  g_assert_cmpuint (hr_circuit_get_n_nets (circuit), ==, 2);
  clk = hr_circuit_get_net (circuit, 0);
  g_assert_cmpstr (clk->name, ==, "clk");
  g_assert_cmpstr (clk->driver.part, ==, "U1");
  g_assert_cmpstr (clk->driver.family, ==, "74LS");  /* "ls": an alias, stored canonical */
  g_assert_cmpint (clk->driver.gate, ==, HR_GATE_INVERTER);  /* "Inverter" */
  g_assert_cmpfloat (clk->driver.load_a, ==, 1.5e-3);
  g_assert_true (clk->driver.has_position);
  g_assert_cmpfloat (clk->driver.x, ==, 120);
  g_assert_cmpfloat (clk->driver.y, ==, 40.5);
  g_assert_cmpuint (clk->receivers->len, ==, 3);
  r = &g_array_index (clk->receivers, HrPin, 0);
  g_assert_cmpfloat (r->vcc_v, ==, 5);  /* a JSON number: volts */
  g_assert_cmpint (r->gate, ==, HR_GATE_NAND);
  r = &g_array_index (clk->receivers, HrPin, 1);
  g_assert_cmpstr (r->family, ==, "74HCT");
  g_assert_cmpfloat (r->vcc_v, ==, 5);  /* "5000mV" */
  g_assert_cmpint (r->gate, ==, HR_GATE_SCHMITT_INVERTER);
  r = &g_array_index (clk->receivers, HrPin, 2);
  g_assert_null (r->part);  /* null: absent */
  g_assert_cmpfloat (r->vcc_v, ==, 4.5);

  reset = hr_circuit_find_net (circuit, "reset_n");
  g_assert_true (reset == hr_circuit_get_net (circuit, 1));
  g_assert_null (reset->comment);
  g_assert_cmpfloat (reset->driver.load_a, ==, -200e-6);  /* sourced when high */
  g_assert_cmpstr (g_array_index (reset->receivers, HrPin, 1).family, ==, "CD4000B");
  g_assert_cmpfloat (g_array_index (reset->receivers, HrPin, 1).vcc_v, ==, 15);
}

static void
test_load_bom_and_unicode (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) bom = load_test_file (lib, "bom.json");
  g_autoptr(HrCircuit) uni = load_test_file (lib, "unicode.json");
  const HrNet *net;

  g_assert_cmpstr (hr_circuit_get_name (bom), ==, "with a byte order mark");
  g_assert_cmpstr (hr_circuit_get_name (uni), ==,
                   "Z\xc3\xa4hler \xe2\x80\x93 \xe8\xa8\x88\xe6\x95\xb8\xe5\x99\xa8 "
                   "\xf0\x9f\x94\x8c");
  g_assert_cmpstr (hr_circuit_get_description (uni), ==,
                   "Escapes: \xc2\xb5 \" \\ / \t tab; a character outside the BMP: "
                   "\xf0\x9f\x98\x80");
  net = hr_circuit_find_net (uni, "\xce\xa9-net");
  g_assert_nonnull (net);
  g_assert_cmpstr (net->driver.part, ==, "U\xc2\xb5");
  g_assert_cmpstr (net->driver.family, ==, "74AHC");
  g_assert_cmpfloat (net->driver.vcc_v, ==, 3);  /* "3 V" */
  g_assert_cmpuint (hr_circuit_get_n_nets (uni), ==, 2);
}

static void
test_load_empty_circuit (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) circuit = load_test_file (lib, "empty.json");

  g_assert_cmpuint (hr_circuit_get_n_nets (circuit), ==, 0);
  g_assert_cmpstr (hr_circuit_get_name (circuit), ==, "nothing yet");
}

static void
test_load_data_arguments (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HrCircuit) ok = NULL;
  const char *text = "{\"format\": \"headroom-circuit\", \"version\": 1, \"name\": \"n\", "
                     "\"nets\": []}";

  ok = hr_circuit_load_from_data (text, -1, "x.json", lib, &error);  /* NUL-terminated */
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  /* LENGTH counts: the text cut short is broken, wherever its NUL is. */
  g_assert_null (hr_circuit_load_from_data (text, 20, NULL, lib, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "<data>:1:12: format: a string that is never closed; "
                   "add the closing \"");
  g_clear_error (&error);
  g_assert_null (hr_circuit_load_from_data (NULL, 0, "nothing.json", lib, &error));
  g_assert_cmpstr (error->message, ==, "nothing.json: empty file; expected a JSON object such "
                   "as {\"format\": \"headroom-circuit\", \"version\": 1, ...}");
}

static void
test_load_file_errors (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hr-test-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *spaces = NULL;

  g_assert_null (hr_circuit_load (missing, lib, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO);
  expected = g_strdup_printf ("%s: cannot open: %s", missing, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  g_assert_null (hr_circuit_load (dir, lib, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO);
  expected = g_strdup_printf ("%s: cannot read: %s", dir, g_strerror (EISDIR));
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  /* One byte over the limit: refused without being parsed. */
  spaces = g_strnfill (16 * 1024 * 1024 + 1, ' ');
  g_assert_true (g_file_set_contents (big, spaces, -1, NULL));
  g_assert_null (hr_circuit_load (big, lib, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_FORMAT);
  expected = g_strdup_printf ("%s: larger than 16 MiB (16777216 bytes), the most a circuit "
                              "file may have", big);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_assert_null (hr_circuit_load_from_data (spaces, -1, "big", lib, &error));
  g_assert_cmpstr (error->message, ==, "big: larger than 16 MiB (16777216 bytes), the most a "
                   "circuit file may have");
  g_clear_error (&error);
  /* At the limit it is read, and is then an empty file. */
  spaces[16 * 1024 * 1024] = '\0';
  g_assert_null (hr_circuit_load_from_data (spaces, -1, "big", lib, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_SYNTAX);

  g_assert_cmpint (g_remove (big), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---------------------------------------------------------------------------------------- */
/* Receiver models                                                                          */

static void check_round_trip (HrFamilyLibrary *lib, HrCircuit *circuit);

static const HrPinModel *
model_of (const HrCircuit *circuit, const char *net, guint receiver)
{
  const HrNet *n = hr_circuit_find_net (circuit, net);

  g_assert_nonnull (n);
  g_assert_cmpuint (receiver, <, n->receivers->len);
  return g_array_index (n->receivers, HrPin, receiver).model;
}

/* Every kind and field of docs/circuit-format.md's receiver models, read into SI numbers,
 * names stored in lower case, fields not given NAN. */
static void
test_load_models (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) circuit = load_test_file (lib, "models.json");
  const HrPinModel *m = model_of (circuit, "a", 0);

  g_assert_true (hr_circuit_has_models (circuit));
  g_assert_cmpstr (m->gate, ==, "inv");
  g_assert_cmpstr (m->model, ==, "level1");
  g_assert_null (m->file);
  g_assert_cmpfloat (m->vtn_v, ==, 0.6);
  g_assert_cmpfloat (m->vtp_v, ==, -0.6);
  g_assert_cmpfloat (m->kn_a_per_v2, ==, 100e-6);
  g_assert_cmpfloat (m->kp_a_per_v2, ==, 50e-6);
  g_assert_cmpfloat (m->lambda_per_v, ==, 0.02);
  g_assert_cmpfloat (m->gamma_sqrt_v, ==, 0.4);
  g_assert_cmpfloat (m->temp_c, ==, 85);
  g_assert_true (isnan (m->wn_m) && isnan (m->ln_m) && isnan (m->wp_m) && isnan (m->lp_m));

  m = model_of (circuit, "a", 1);
  g_assert_cmpstr (m->gate, ==, "schmitt");
  g_assert_cmpstr (m->model, ==, "bsim3-3v3");
  g_assert_true (isnan (m->vtn_v) && isnan (m->kn_a_per_v2) && isnan (m->temp_c));
  g_assert_cmpfloat_with_epsilon (m->wn_m, 2e-6, 1e-18);
  g_assert_cmpfloat_with_epsilon (m->lp_m, 0.35e-6, 1e-18);

  g_assert_null (model_of (circuit, "a", 2));
  m = model_of (circuit, "a", 3);
  g_assert_cmpstr (m->model, ==, "file");
  g_assert_cmpstr (m->file, ==, "models/my cards.lib");   /* as written, resolved later */
  g_assert_cmpstr (model_of (circuit, "b", 0)->gate, ==, "buf");
  g_assert_cmpfloat (model_of (circuit, "b", 0)->temp_c, ==, -40);
  g_assert_cmpstr (model_of (circuit, "b", 1)->model, ==, "bsim3-1v8");
}

/* The canonical form of a model: keys in the order of the spec, unit strings, nothing that
 * was not given; and it reads back equal (round trip of models.json is in round-trip/files). */
static void
test_save_models (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) circuit = load_test_file (lib, "models.json");
  g_autofree char *text = hr_circuit_to_data (circuit, NULL);

  g_assert_nonnull (strstr (text, "\"model\" : {\n"
                                  "            \"gate\" : \"inv\",\n"
                                  "            \"model\" : \"level1\",\n"
                                  "            \"vtn\" : \"600mV\",\n"
                                  "            \"vtp\" : \"-600mV\",\n"
                                  "            \"kn\" : \"100u\",\n"
                                  "            \"kp\" : \"50u\",\n"
                                  "            \"lambda\" : \"20m\",\n"
                                  "            \"gamma\" : \"400m\",\n"
                                  "            \"temp\" : \"85C\"\n"
                                  "          }"));
  g_assert_nonnull (strstr (text, "\"file\" : \"models/my cards.lib\""));
  g_assert_null (strstr (text, "null"));
  check_round_trip (lib, circuit);
}

/* Models through the API: copied with the net, compared field by field, checked as the
 * loader checks them. */
static void
test_models_api (void)
{
  g_autoptr(HrCircuit) circuit = hr_circuit_new ("c");
  g_autoptr(HrPinModel) m = hr_pin_model_new ("inv", "level1");
  g_autoptr(HrPinModel) copy = NULL;
  g_autoptr(GError) error = NULL;
  HrNet net;
  HrPin r = pin ("74HC", 3.3);

  g_assert_nonnull (hr_pin_model_problem (m));   /* level1 without its numbers */
  m->vtn_v = 0.6, m->vtp_v = -0.6, m->kn_a_per_v2 = 100e-6, m->kp_a_per_v2 = 50e-6;
  g_assert_null (hr_pin_model_problem (m));
  copy = hr_pin_model_copy (m);
  g_assert_true (hr_pin_model_equal (m, copy));
  copy->lambda_per_v = 0;   /* given as 0 is not "not given" */
  g_assert_false (hr_pin_model_equal (m, copy));
  g_assert_false (hr_pin_model_equal (m, NULL));
  g_assert_true (hr_pin_model_equal (NULL, NULL));
  copy->lambda_per_v = NAN;
  copy->wn_m = 1e-6;
  g_assert_cmpstr (hr_pin_model_problem (copy), ==,
                   "a level1 model takes no wn, ln, wp or lp: its kn and kp are the devices' k");

  hr_net_init (&net, "n");
  net.driver = pin ("74LVC", 3.3);
  net.driver.family = g_strdup ("74LVC");
  r.family = g_strdup ("74HC");
  r.model = hr_pin_model_copy (m);
  g_array_append_val (net.receivers, r);
  g_assert_true (hr_circuit_add_net (circuit, &net, &error));
  g_assert_no_error (error);
  g_array_index (net.receivers, HrPin, 0).model->vtn_v = 0.7;  /* the circuit has a copy */
  g_assert_true (hr_pin_model_equal (model_of (circuit, "n", 0), m));
  g_assert_true (hr_circuit_has_models (circuit));

  /* A model on a driver, or one out of range, is refused. */
  g_free (net.name);
  net.name = g_strdup ("n2");
  net.driver.model = hr_pin_model_copy (m);
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"n2\": driver: only a receiver has a model");
  g_clear_pointer (&net.driver.model, hr_pin_model_free);
  g_array_index (net.receivers, HrPin, 0).model->vtp_v = 0.6;
  add_net_fails (circuit, &net, HR_CIRCUIT_ERROR_VALUE,
                 "net \"n2\": receiver 0: not an enhancement PMOS threshold, which is "
                 "negative; expected -10V to -1mV, as in \"-0.6V\"");
  hr_net_clear (&net);
  g_assert_true (G_TYPE_IS_BOXED (HR_TYPE_PIN_MODEL));
}

/* ---------------------------------------------------------------------------------------- */
/* The malformed corpus: tests/malformed/CATEGORY-what.json and the exact message it gives   */
/* in CATEGORY-what.expected; the category names the error code.                            */

static const CorpusCategory categories[] = {
  { "syntax-", HR_CIRCUIT_ERROR_SYNTAX },
  { "format-", HR_CIRCUIT_ERROR_FORMAT },
  { "schema-", HR_CIRCUIT_ERROR_SCHEMA },
  { "unit-", HR_CIRCUIT_ERROR_UNIT },
  { "value-", HR_CIRCUIT_ERROR_VALUE },
  { "family-", HR_CIRCUIT_ERROR_UNKNOWN_FAMILY },
  { "vcc-", HR_CIRCUIT_ERROR_VCC_RANGE },
  { "duplicate-", HR_CIRCUIT_ERROR_DUPLICATE },
};

static GError *
load_circuit (const char *data, gsize len, const char *name, gpointer lib)
{
  GError *error = NULL;
  g_autoptr(HrCircuit) circuit = hr_circuit_load_from_data (data, (gssize) len, name, lib,
                                                            &error);
  g_assert_true ((circuit == NULL) == (error != NULL));
  return error;
}

static void
test_malformed_corpus (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "malformed", NULL);

  corpus_check_dir (dir, categories, G_N_ELEMENTS (categories), 25, load_circuit, lib);
}

/* ---------------------------------------------------------------------------------------- */
/* Round trips and saving                                                                   */

/* Load → save → load gives an equal circuit; saving is deterministic and a fixed point. */
static void
check_round_trip (HrFamilyLibrary *lib, HrCircuit *circuit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrCircuit) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  gsize len1, len2, len3;

  first = hr_circuit_to_data (circuit, &len1);
  second = hr_circuit_to_data (circuit, &len2);
  g_assert_cmpmem (first, len1, second, len2);
  g_assert_cmpuint (strlen (first), ==, len1);
  again = hr_circuit_load_from_data (first, (gssize) len1, "saved.json", lib, &error);
  if (again == NULL)
    g_error ("%s\n%s", error->message, first);
  g_assert_true (hr_circuit_equal (circuit, again));
  third = hr_circuit_to_data (again, &len3);
  g_assert_cmpmem (first, len1, third, len3);
}

static void
test_round_trip_files (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "circuits", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autoptr(HrCircuit) circuit = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_test_message ("%s", name);
      circuit = load_test_file (lib, name);
      check_round_trip (lib, circuit);
      n++;
    }
  g_assert_cmpuint (n, >=, 6);
}

/* The canonical form, byte for byte: key order, unit strings, "gate" always written, empty
 * reserved fields and nulls dropped. */
static void
test_canonical_golden (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) full = load_test_file (lib, "full.json");
  g_autoptr(HrCircuit) canonical = load_test_file (lib, "full.canonical.json");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "circuits", "full.canonical.json",
                                                 NULL);
  g_autofree char *golden = NULL;
  g_autofree char *saved = NULL;
  gsize golden_len, saved_len;

  golden = corpus_read_text (path, &golden_len);
  saved = hr_circuit_to_data (full, &saved_len);
  g_assert_cmpstr (saved, ==, golden);
  g_assert_true (hr_circuit_equal (full, canonical));
}

static void
test_round_trip_awkward_values (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) circuit = hr_circuit_new ("awkward \"quotes\" \\ and / slash");
  HrNet net;
  HrPin r = pin (NULL, 0);

  /* Values with no short decimal form: they must come back bit for bit. */
  hr_net_init (&net, "n");
  net.driver = pin (NULL, 2 + 1.0 / 3);
  net.driver.family = g_strdup ("74HC");
  net.driver.load_a = -1e-3 / 7;
  net.driver.has_position = TRUE;
  net.driver.x = 0.1;
  net.driver.y = -1e-300;  /* json-glib writes "-1e-300.0"; the saver repairs it */
  net.comment = g_strdup ("a\nb\x01" "c 1e-300.0 stays as written");
  r.family = g_strdup ("74HC");
  r.vcc_v = nextafter (6, 0);
  r.has_position = TRUE;
  r.x = 1e9;
  r.y = 4.9406564584124654e-324;  /* the smallest subnormal */
  g_array_append_val (net.receivers, r);
  g_assert_true (hr_circuit_add_net (circuit, &net, NULL));
  hr_net_clear (&net);
  check_round_trip (lib, circuit);
  {
    g_autofree char *text = hr_circuit_to_data (circuit, NULL);

    g_assert_nonnull (strstr (text, "\"y\" : -1e-300\n"));
    g_assert_nonnull (strstr (text, "c 1e-300.0 stays as written"));
  }
}

/* One random but valid pin. */
static HrPin
random_pin (HrFamilyLibrary *lib, gboolean is_driver)
{
  GPtrArray *families = hr_family_library_get_families (lib);
  const HrFamily *family = g_ptr_array_index (families,
                                              g_test_rand_int_range (0, (gint) families->len));
  HrPin p = { 0 };

  p.family = g_strdup (hr_family_get_name (family));
  p.vcc_v = g_test_rand_double_range (hr_family_get_vcc_min (family),
                                      hr_family_get_vcc_max (family));
  {
    g_autoptr(HrLevels) levels = hr_family_levels_at (family, p.vcc_v, NULL);

    if (levels == NULL)  /* between separately specified supplies */
      p.vcc_v = hr_family_get_vcc_nominal (family);
  }
  p.gate = (HrGateType) g_test_rand_int_range (HR_GATE_BUFFER, HR_GATE_SCHMITT_INVERTER + 1);
  if (g_test_rand_bit ())
    p.part = g_strdup_printf ("U%d", g_test_rand_int_range (1, 1000));
  if (is_driver && g_test_rand_bit ())
    p.load_a = g_test_rand_double_range (-1, 1) * pow (10, -g_test_rand_int_range (0, 10));
  if (g_test_rand_bit ())
    {
      p.has_position = TRUE;
      p.x = g_test_rand_bit () ? g_test_rand_int_range (-5000, 5000)
                               : g_test_rand_double_range (-1e9, 1e9);
      p.y = g_test_rand_double_range (-1e3, 1e3);
    }
  return p;
}

/* A name of random characters, among them quotes, backslashes and characters outside ASCII
 * and outside the BMP. */
static char *
random_name (guint index)
{
  static const char *const pieces[] = {
    "a", "Z", "0", "_", "-", " ", "\"", "\\", "/", ".", "[", "]", "\xc3\xa9",
    "\xe8\xa8\x88", "\xf0\x9f\x98\x80", "\xce\xa9",
  };
  GString *s = g_string_new (NULL);
  int n = g_test_rand_int_range (0, 12);

  for (int i = 0; i < n; i++)
    g_string_append (s, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
  g_string_append_printf (s, "%u", index);  /* unique, never empty */
  return g_string_free (s, FALSE);
}

static void
test_round_trip_random (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();

  for (guint c = 0; c < 200; c++)
    {
      g_autofree char *name = random_name (c);
      g_autoptr(HrCircuit) circuit = hr_circuit_new (name);
      guint n_nets = (guint) g_test_rand_int_range (0, 8);

      if (g_test_rand_bit ())
        hr_circuit_set_description (circuit, "line one\nline \"two\"\ttab");
      for (guint i = 0; i < n_nets; i++)
        {
          g_autofree char *net_name = random_name (i);
          g_autoptr(GError) error = NULL;
          HrNet net;
          int n_receivers = g_test_rand_int_range (1, 5);

          hr_net_init (&net, net_name);
          net.driver = random_pin (lib, TRUE);
          for (int r = 0; r < n_receivers; r++)
            {
              HrPin p = random_pin (lib, FALSE);

              g_array_append_val (net.receivers, p);
            }
          if (g_test_rand_bit ())
            net.comment = g_strdup ("why this net matters");
          g_assert_true (hr_circuit_add_net (circuit, &net, &error));
          g_assert_no_error (error);
          hr_net_clear (&net);
        }
      check_round_trip (lib, circuit);
    }
}

static void
test_save (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(HrCircuit) circuit = load_test_file (lib, "full.json");
  g_autoptr(HrCircuit) other = load_test_file (lib, "minimal.json");
  g_autoptr(HrCircuit) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hr-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "c.json", NULL);
  g_autofree char *data = NULL;
  g_autofree char *expected = NULL;
  gsize len, expected_len;

  g_assert_true (hr_circuit_save (other, path, &error));
  g_assert_no_error (error);
  /* Saving over an existing file replaces it whole. */
  g_assert_true (hr_circuit_save (circuit, path, &error));
  data = corpus_read_text (path, &len);
  expected = hr_circuit_to_data (circuit, &expected_len);
  g_assert_cmpmem (data, len, expected, expected_len);
  back = hr_circuit_load (path, lib, &error);
  g_assert_no_error (error);
  g_assert_true (hr_circuit_equal (circuit, back));
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A failed save leaves the destination as it was and no temporary file behind. */
static void
test_save_failure_leaves_nothing (void)
{
  g_autoptr(HrCircuit) circuit = hr_circuit_new ("c");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hr-test-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir", "c.json", NULL);
  g_autofree char *subdir = g_build_filename (dir, "a-directory", NULL);

  g_assert_false (hr_circuit_save (circuit, missing, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_assert_nonnull (strstr (error->message, ": cannot save: "));
  g_clear_error (&error);

  /* The destination is a directory: the temporary file is written, the rename fails. */
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  g_assert_false (hr_circuit_save (circuit, subdir, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_IO);
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 1);  /* only the directory itself */
  g_assert_cmpuint (count_entries (subdir), ==, 0);

  g_assert_cmpint (g_rmdir (subdir), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Thousands of nets: names are looked up by hash, not by scanning (a duplicate at the end of
 * a large file is found), and the positions of the last net are right. */
static void
test_many_nets (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autoptr(GString) text = g_string_new ("{\"format\": \"headroom-circuit\", \"version\": 1, "
                                          "\"name\": \"big\", \"nets\": [\n");
  g_autoptr(HrCircuit) circuit = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{\"name\": \"n%u\", \"driver\": {\"family\": \"74HC\", "
                            "\"vcc\": \"5V\"}, \"receivers\": [{\"family\": \"74HC\", "
                            "\"vcc\": \"5V\"}]}\n", i ? "," : "", i);
  g_string_append (text, "]}\n");
  circuit = hr_circuit_load_from_data (text->str, (gssize) text->len, "big.json", lib, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hr_circuit_get_n_nets (circuit), ==, n);
  g_assert_nonnull (hr_circuit_find_net (circuit, "n19999"));
  check_round_trip (lib, circuit);

  g_string_truncate (text, text->len - 3);
  g_string_append (text, ",{\"name\": \"n7\", \"driver\": {\"family\": \"74HC\", \"vcc\": \"5V\"}, "
                   "\"receivers\": [{\"family\": \"74HC\", \"vcc\": \"5V\"}]}]}\n");
  g_assert_null (hr_circuit_load_from_data (text->str, (gssize) text->len, "big.json", lib,
                                            &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_DUPLICATE);
  g_assert_cmpstr (error->message, ==, "big.json:20002:11: nets[20000].name: duplicate net name "
                   "\"n7\" (also nets[7]); net names are unique");
}

/* ---------------------------------------------------------------------------------------- */
/* The JSON scanner                                                                         */

static void
locate (const char *text, const HrJsonPath *path, gboolean key, guint line, guint column)
{
  guint l = 0, c = 0;

  g_assert_true (hr_json_locate (text, strlen (text), path, path->n, key, &l, &c));
  g_assert_cmpuint (l, ==, line);
  g_assert_cmpuint (c, ==, column);
}

static void
test_json_locate (void)
{
  const char *text = "{\n"
                     "  \"a\": [1, {\"b\": \"x\"}, [true, null]],\n"
                     "  \"\\u0063\": {\"\xc3\xa9t\xc3\xa9\": 5, \"d\": {}},\n"  /* "c" escaped */
                     "\t\"e\" :\n  \"z\"\n"
                     "}";
  HrJsonPath path = { .n = 0 };
  guint l, c;

  locate (text, &path, FALSE, 1, 1);
  hr_json_path_push_key (&path, "a");
  locate (text, &path, FALSE, 2, 8);
  locate (text, &path, TRUE, 2, 3);
  hr_json_path_push_index (&path, 1);
  locate (text, &path, FALSE, 2, 12);
  hr_json_path_push_key (&path, "b");
  locate (text, &path, FALSE, 2, 18);
  hr_json_path_pop (&path);
  hr_json_path_pop (&path);
  hr_json_path_push_index (&path, 2);
  hr_json_path_push_index (&path, 1);
  locate (text, &path, FALSE, 2, 31);
  path.n = 0;
  hr_json_path_push_key (&path, "c");  /* found through its escape */
  hr_json_path_push_key (&path, "d");
  locate (text, &path, FALSE, 3, 29);  /* columns count é as one character */
  locate (text, &path, TRUE, 3, 24);
  path.n = 0;
  hr_json_path_push_key (&path, "e");
  locate (text, &path, FALSE, 5, 3);  /* the value on the next line */
  locate (text, &path, TRUE, 4, 2);   /* a tab is one column */

  /* Paths that are not there. */
  path.n = 0;
  hr_json_path_push_key (&path, "nope");
  g_assert_false (hr_json_locate (text, strlen (text), &path, path.n, FALSE, &l, &c));
  path.n = 0;
  hr_json_path_push_key (&path, "a");
  hr_json_path_push_index (&path, 3);
  g_assert_false (hr_json_locate (text, strlen (text), &path, path.n, FALSE, &l, &c));
  path.n = 0;
  hr_json_path_push_index (&path, 0);  /* the top level is an object, not an array */
  g_assert_false (hr_json_locate (text, strlen (text), &path, path.n, FALSE, &l, &c));
  path.n = 0;
  hr_json_path_push_key (&path, "c");
  hr_json_path_push_key (&path, "d");
  hr_json_path_push_key (&path, "x");  /* an empty object */
  g_assert_false (hr_json_locate (text, strlen (text), &path, path.n, FALSE, &l, &c));
  /* N_STEPS: only the first steps count. */
  g_assert_true (hr_json_locate (text, strlen (text), &path, 1, FALSE, &l, &c));
  g_assert_cmpuint (l, ==, 3);
  g_assert_cmpuint (c, ==, 13);
}

static gboolean
check_depth (guint depth, guint max_depth, GError **error)
{
  g_autofree char *open = g_strnfill (depth, '[');
  g_autofree char *close = g_strnfill (depth, ']');
  g_autofree char *text = g_strconcat (open, close, NULL);
  g_autofree char *path = NULL;
  guint line, column;
  gboolean ok = hr_json_check (text, strlen (text), max_depth, &line, &column, &path, error);

  if (!ok)
    {
      g_assert_cmpuint (line, ==, 1);
      /* at the first bracket too many */
      g_assert_cmpuint (column, ==, MIN (max_depth, HR_JSON_MAX_DEPTH) + 1);
    }
  return ok;
}

static void
test_json_depth (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (check_depth (HR_JSON_MAX_DEPTH, HR_JSON_MAX_DEPTH, NULL));
  g_assert_false (check_depth (HR_JSON_MAX_DEPTH + 1, HR_JSON_MAX_DEPTH, &error));
  g_assert_error (error, HR_CIRCUIT_ERROR, HR_CIRCUIT_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_true (check_depth (3, 3, NULL));
  g_assert_false (check_depth (4, 3, NULL));
  /* A million brackets: refused at the 65th, no recursion beyond it. */
  g_assert_false (check_depth (1000000, HR_JSON_MAX_DEPTH, NULL));
  /* MAX_DEPTH is capped: the scanner never recurses deeper than HR_JSON_MAX_DEPTH. */
  g_assert_false (check_depth (HR_JSON_MAX_DEPTH + 1, 1000, NULL));
}

typedef struct {
  const char *text;
  const char *path;
  guint line, column;
} CheckCase;

/* What hr_json_check() accepts that json-glib would too, and what json-glib accepts that it
 * refuses (see json-scan.h). */
static void
test_json_check (void)
{
  static const char *const valid[] = {
    "{}", " [ ] ", "0", "-0", "-0.5e-3", "1E+2", "\"\\u00b5\\ud83d\\ude00\\/\"",
    "{\"a\": [true, false, null]}", "9223372036854775807", "-9223372036854775808",
    "{\"a\": 1, \"b\": {\"a\": 2}}",  /* one key in two objects */
  };
  static const CheckCase invalid[] = {
    { "{\"a\": 1} {}", "", 1, 10 },          /* json-glib: ignores the second value */
    { "{'a': 1}", "", 1, 2 },                /* json-glib: takes single quotes */
    { "[1 /* c */]", "", 1, 4 },             /* json-glib: takes comments */
    { "[0x10]", "[0]", 1, 2 },               /* json-glib: reads 16 */
    { "[01]", "[0]", 1, 2 },                 /* json-glib: reads 1 */
    { "[1.]", "[0]", 1, 2 },
    { "[.5]", "[0]", 1, 2 },
    { "[99999999999999999999]", "[0]", 1, 2 },  /* json-glib: wraps to -1 */
    { "[1e999]", "[0]", 1, 2 },              /* json-glib: inf */
    { "[1e-999]", "[0]", 1, 2 },             /* json-glib: 0 */
    { "{\"a\": 1, \"a\": 2}", "a", 1, 10 },   /* json-glib: keeps the last */
    { "[\"a\nb\"]", "[0]", 1, 4 },           /* json-glib: takes the raw line break */
    { "[\"\\u0000\"]", "[0]", 1, 3 },        /* json-glib: cuts the string */
    { "[\"\\udc00\"]", "[0]", 1, 3 },
    { "[\"\\ud800x\"]", "[0]", 1, 3 },
    { "[\"\\u12\"]", "[0]", 1, 3 },
    { "[1,]", "", 1, 3 },
    { "{\"a\" 1}", "a", 1, 6 },
    { "[1 2]", "", 1, 4 },
    { "[", "[0]", 1, 2 },
    { "{\"a\": [1, {\"b\": tru}]}", "a[1].b", 1, 17 },
    { "\xef\xbb\xbf{}", "", 1, 1 },         /* a byte order mark is the caller's to skip */
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      guint line, column;

      g_test_message ("%s", valid[i]);
      g_assert_true (hr_json_check (valid[i], strlen (valid[i]), HR_JSON_MAX_DEPTH, &line,
                                    &column, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (line, ==, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      const CheckCase *c = &invalid[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      guint line, column;

      g_test_message ("%s", c->text);
      g_assert_false (hr_json_check (c->text, strlen (c->text), HR_JSON_MAX_DEPTH, &line,
                                     &column, &path, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (path, ==, c->path);
      g_assert_cmpuint (line, ==, c->line);
      g_assert_cmpuint (column, ==, c->column);
    }
}

static void
test_json_path_and_quote (void)
{
  HrJsonPath path = { .n = 0 };
  g_autofree char *empty = hr_json_path_to_string (&path, 0);
  g_autofree char *s = NULL;
  g_autofree char *q = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *bad = NULL;

  g_assert_cmpstr (empty, ==, "");
  hr_json_path_push_key (&path, "nets");
  hr_json_path_push_index (&path, 2);
  hr_json_path_push_key (&path, "receivers");
  hr_json_path_push_index (&path, 0);
  hr_json_path_push_key (&path, "family");
  s = hr_json_path_to_string (&path, path.n);
  g_assert_cmpstr (s, ==, "nets[2].receivers[0].family");
  g_clear_pointer (&s, g_free);
  s = hr_json_path_to_string (&path, 2);
  g_assert_cmpstr (s, ==, "nets[2]");
  g_clear_pointer (&s, g_free);
  path.n = 0;
  hr_json_path_push_key (&path, "a b");
  hr_json_path_push_key (&path, "x\"y");
  hr_json_path_push_key (&path, "touch_panels");
  hr_json_path_push_key (&path, "9lives");
  s = hr_json_path_to_string (&path, path.n);
  g_assert_cmpstr (s, ==, "[\"a b\"][\"x\\\"y\"].touch_panels[\"9lives\"]");
  g_clear_pointer (&s, g_free);
  path.n = 0;
  for (guint i = 0; i < 20; i++)
    hr_json_path_push_index (&path, i);
  s = hr_json_path_to_string (&path, path.n);
  g_assert_cmpstr (s, ==, "[0][1][2][3]\xe2\x80\xa6[16][17][18][19]");

  q = hr_json_quote ("a\"b\\c\n\t\x01 \xc3\xa9", 60);
  g_assert_cmpstr (q, ==, "\"a\\\"b\\\\c\\n\\t\\u0001 \xc3\xa9\"");
  cut = hr_json_quote ("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2);  /* characters, not bytes */
  g_assert_cmpstr (cut, ==, "\"\xc3\xa9\xc3\xa9\xe2\x80\xa6\"");
  bad = hr_json_quote ("a\xff" "b", 60);
  g_assert_cmpstr (bad, ==, "\"a\\xFFb\"");
}

static void
test_json_line_column (void)
{
  const char *text = "ab\n\xc3\xa9\xe8\xa8\x88x\r\ny";
  guint line, column;

  hr_json_line_column (text, strlen (text), 0, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);
  hr_json_line_column (text, strlen (text), 8, &line, &column);  /* the x after é and 計 */
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 3);
  hr_json_line_column (text, strlen (text), 11, &line, &column);  /* y after CR LF */
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 1);
}

/* The fallback for json-glib's own errors (which checked text never reaches). */
static void
test_json_parser_message (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  g_autofree char *other = NULL;
  guint line, column;

  g_assert_false (json_parser_load_from_data (parser, "{\n  \"a\": tru}", -1, &error));
  what = hr_json_parser_message (error->message, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, >, 0);
  g_assert_false (g_str_has_prefix (what, "<data>"));
  g_assert_false (g_str_has_prefix (what, "Parse error"));
  g_assert_nonnull (strstr (what, "tru"));
  other = hr_json_parser_message ("JSON data must be UTF-8 encoded", &line, &column);
  g_assert_cmpstr (other, ==, "JSON data must be UTF-8 encoded");
  g_assert_cmpuint (line, ==, 0);
}

/* ---------------------------------------------------------------------------------------- */
/* The fuzzer's finds: every input that once crashed or hung stays a test.                  */

static void
test_fuzz_regressions (void)
{
  g_autoptr(HrFamilyLibrary) lib = library ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(HrCircuit) circuit = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      /* families/ holds fuzz-families' finds, tested by test-families.c */
      if (g_str_has_prefix (name, ".") || g_str_has_suffix (name, ".md")
          || g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      g_test_message ("%s", name);
      data = corpus_read_text (path, &len);
      circuit = hr_circuit_load_from_data (data, (gssize) len, name, lib, &error);
      /* Either outcome is fine; an error must be one of ours and say where. */
      g_assert_true ((circuit == NULL) != (error == NULL));
      if (circuit != NULL)
        check_round_trip (lib, circuit);
      else
        {
          g_assert_true (error->domain == HR_CIRCUIT_ERROR);
          g_assert_true (g_str_has_prefix (error->message, name));
        }
      n++;
    }
  g_test_message ("%u regression inputs", n);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/circuit/gate-types", test_gate_types);
  g_test_add_func ("/circuit/new", test_new);
  g_test_add_func ("/circuit/add-net/copies", test_add_net_copies);
  g_test_add_func ("/circuit/add-net/errors", test_add_net_errors);
  g_test_add_func ("/circuit/equal", test_equal);
  g_test_add_func ("/circuit/load/defaults", test_load_defaults);
  g_test_add_func ("/circuit/load/full", test_load_full);
  g_test_add_func ("/circuit/load/bom-and-unicode", test_load_bom_and_unicode);
  g_test_add_func ("/circuit/load/empty-circuit", test_load_empty_circuit);
  g_test_add_func ("/circuit/load/data-arguments", test_load_data_arguments);
  g_test_add_func ("/circuit/load/file-errors", test_load_file_errors);
  g_test_add_func ("/circuit/load/many-nets", test_many_nets);
  g_test_add_func ("/circuit/malformed-corpus", test_malformed_corpus);
  g_test_add_func ("/circuit/models/load", test_load_models);
  g_test_add_func ("/circuit/models/save", test_save_models);
  g_test_add_func ("/circuit/models/api", test_models_api);
  g_test_add_func ("/circuit/round-trip/files", test_round_trip_files);
  g_test_add_func ("/circuit/round-trip/canonical-golden", test_canonical_golden);
  g_test_add_func ("/circuit/round-trip/awkward-values", test_round_trip_awkward_values);
  g_test_add_func ("/circuit/round-trip/random", test_round_trip_random);
  g_test_add_func ("/circuit/save/replaces", test_save);
  g_test_add_func ("/circuit/save/failure-leaves-nothing", test_save_failure_leaves_nothing);
  g_test_add_func ("/circuit/json/locate", test_json_locate);
  g_test_add_func ("/circuit/json/depth", test_json_depth);
  g_test_add_func ("/circuit/json/check", test_json_check);
  g_test_add_func ("/circuit/json/path-and-quote", test_json_path_and_quote);
  g_test_add_func ("/circuit/json/line-column", test_json_line_column);
  g_test_add_func ("/circuit/json/parser-message", test_json_parser_message);
  g_test_add_func ("/circuit/fuzz-regressions", test_fuzz_regressions);

  return g_test_run ();
}
