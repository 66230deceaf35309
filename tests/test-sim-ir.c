/* test-sim-ir.c — the netlist IR, SPICE generation (goldens), the user-SPICE filter and
 * result lookup. No simulator is run here.
 * Regenerate goldens with HR_UPDATE_GOLDEN=1 and review the diff. */
#include "headroom-sim.h"
#include "sim-private.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

static void
check_golden (const char *name, const char *text)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", "sim", name, NULL);
  g_autofree char *want = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("HR_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, text, -1, &error));
      return;
    }
  g_assert_true (g_file_get_contents (path, &want, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, want);
}

static HrNetlist *
all_elements (void)
{
  HrNetlist *nl = hr_netlist_new ("all elements");
  g_autoptr(GError) error = NULL;
  const double t[] = { 0, 1e-9, 2e-9, 5e-9 }, v[] = { 0, 3.3, 3.3, 0 };
  const char *xnodes[] = { "in", "OUT2", "vdd", NULL };

  hr_netlist_set_temperature (nl, 85);
  hr_netlist_set_option (nl, "RELTOL", 1e-4, &error);
  hr_netlist_set_option (nl, "gmin", 1e-15, &error);
  hr_netlist_add_model (nl, "NCH", HR_MODEL_NMOS, 1, &error);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.6, &error);
  hr_netlist_set_model_param (nl, "nch", "kp", 100e-6, &error);
  hr_netlist_add_model (nl, "dmod", HR_MODEL_DIODE, 0, &error);
  hr_netlist_set_model_param (nl, "dmod", "is", 1e-14, &error);
  hr_netlist_add_user_spice (nl, "inv.sp", ".subckt inv a y vdd\nmn y a 0 0 nch w=1u l=1u\n"
                             ".ends\n", NULL, &error);
  hr_netlist_add_vsource (nl, "Vdd", "vdd", "GND", 3.3, &error);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, &error);
  hr_netlist_set_source_pwl (nl, "vin", t, v, 4, &error);
  hr_netlist_set_source_ac (nl, "vin", 1, 0, &error);
  hr_netlist_add_vsource (nl, "vclk", "clk", "0", 0, &error);
  hr_netlist_set_source_pulse (nl, "vclk", 0, 3.3, 1e-9, 0.1e-9, 0.1e-9, 4.9e-9, 10e-9, &error);
  hr_netlist_add_isource (nl, "i1", "0", "n1", 1e-3, &error);
  hr_netlist_set_source_sin (nl, "i1", 0, 1e-3, 1e6, 0, 0, &error);
  hr_netlist_add_vsource (nl, "vexp", "e1", "0", 0, &error);
  hr_netlist_set_source_exp (nl, "vexp", 0, 1, 1e-9, 1e-9, 5e-9, 2e-9, &error);
  hr_netlist_add_resistor (nl, "R1", "in", "out", 4.7e3, &error);
  hr_netlist_add_resistor (nl, "r_third", "n1", "0", 1.0 / 3.0, &error);
  hr_netlist_add_capacitor (nl, "c1", "out", "0", 10e-12, &error);
  hr_netlist_add_inductor (nl, "L1", "n1", "n2", 1e-6, &error);
  hr_netlist_add_inductor (nl, "L2", "n3", "0", 2e-6, &error);
  hr_netlist_add_mutual (nl, "k1", "l1", "L2", 0.5, &error);
  hr_netlist_add_vcvs (nl, "e1", "n4", "0", "in", "0", 2, &error);
  hr_netlist_add_vccs (nl, "g1", "n4", "0", "in", "0", 1e-3, &error);
  hr_netlist_add_cccs (nl, "f1", "n5", "0", "vdd", 3, &error);
  hr_netlist_add_ccvs (nl, "h1", "n6", "0", "vdd", 50, &error);
  hr_netlist_add_diode (nl, "d1", "n6", "0", "dmod", &error);
  hr_netlist_add_mosfet (nl, "m1", "out", "in", "0", "0", "nch", 2e-6, 0.35e-6, &error);
  hr_netlist_set_element_param (nl, "m1", "AD", 1e-12, &error);
  hr_netlist_add_subckt_instance (nl, "x1", xnodes, "inv", &error);
  hr_netlist_add_tline (nl, "t1", "out", "0", "far", "0", 50, 1e-9, &error);
  hr_netlist_set_initial_voltage (nl, "out", 0, &error);
  hr_netlist_add_op (nl);
  hr_netlist_add_dc (nl, "vin", 0, 3.3, 0.01, &error);
  hr_netlist_add_dc2 (nl, "vin", 0, 3.3, 0.1, "vdd", 3, 3.6, 0.3, &error);
  hr_netlist_add_tran (nl, 1e-11, 20e-9, 0, 0, FALSE, &error);
  hr_netlist_add_tran (nl, 1e-11, 20e-9, 1e-9, 5e-11, TRUE, &error);
  hr_netlist_add_ac (nl, HR_AC_DEC, 100, 1e3, 1e9, &error);
  hr_netlist_add_ac (nl, HR_AC_LIN, 11, 0.5, 10.5, &error);
  hr_netlist_add_output_voltage (nl, "OUT", &error);
  hr_netlist_add_output_current (nl, "VDD", &error);
  g_assert_no_error (error);
  return nl;
}

static void
test_golden_all_elements (void)
{
  g_autoptr(HrNetlist) nl = all_elements ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = hr_netlist_to_spice (nl, &error);
  g_assert_no_error (error);
  /* The first line is the title (ngspice ignores it whatever it holds); .end is last. */
  g_assert_true (g_str_has_prefix (text, "* headroom: all_elements\n"));
  g_assert_true (g_str_has_suffix (text, "\n.end\n"));
  check_golden ("all-elements.cir", text);
}

static void
test_golden_inverter (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("inv-vtc");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, &error);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.6, &error);
  hr_netlist_set_model_param (nl, "nch", "kp", 100e-6, &error);
  hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, &error);
  hr_netlist_set_model_param (nl, "pch", "vto", -0.6, &error);
  hr_netlist_set_model_param (nl, "pch", "kp", 50e-6, &error);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 3.3, &error);
  hr_netlist_add_vsource (nl, "VIN", "in", "0", 0, &error);
  hr_netlist_add_mosfet (nl, "mn", "out", "in", "0", "0", "nch", 1e-6, 1e-6, &error);
  hr_netlist_add_mosfet (nl, "mp", "out", "in", "vdd", "vdd", "pch", 1e-6, 1e-6, &error);
  /* Upper case in: lower case out (ngspice's dc arguments are case-sensitive). */
  hr_netlist_add_dc (nl, "VIN", 0, 3.3, 1e-3, &error);
  g_assert_no_error (error);
  text = hr_netlist_to_spice (nl, &error);
  g_assert_no_error (error);
  check_golden ("inverter-vtc.cir", text);
}

static void
test_numbers (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const double values[] = { 0.1, 1e-12, 1.0 / 3.0, 4.7e3, -0.6, 1e300, 5e-324, 0, 3.3 };
  const char *want[] = { "0.1", "1e-12", "0.3333333333333333", "4700", "-0.6", "1e+300",
                         NULL, "0", "3.3" };
  const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "C", NULL };

  /* Whatever LC_NUMERIC the program runs in, numbers are written with a '.'. */
  for (guint l = 0; locales[l] != NULL; l++)
    {
      if (setlocale (LC_NUMERIC, locales[l]) == NULL)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          g_string_truncate (s, 0);
          hr_spice_format_double (s, values[i]);
          /* Always the same double back; the shortest such text where shown. */
          g_assert_cmpfloat (g_ascii_strtod (s->str, NULL), ==, values[i]);
          g_assert_null (strchr (s->str, ','));
          if (want[i] != NULL)
            g_assert_cmpstr (s->str, ==, want[i]);
        }
    }
  setlocale (LC_NUMERIC, "C");
}

static void
test_names (void)
{
  g_autoptr(HrNetlist) nl = hr_netlist_new ("names; \"quoted\"\nnewline");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (hr_netlist_get_title (nl), ==, "names___quoted__newline");
  g_assert_true (hr_netlist_add_resistor (nl, "R1", "A", "gnd", 1, &error));
  g_assert_no_error (error);
  g_assert_null (hr_netlist_get_error (nl));
  /* Wrong letter, duplicate (case-insensitive), unsafe characters, bad values. */
  g_assert_false (hr_netlist_add_resistor (nl, "load", "a", "0", 1, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "must start with 'r'"));
  g_clear_error (&error);
  /* The first error is remembered; generation and runs fail with it. */
  g_assert_nonnull (hr_netlist_get_error (nl));
  g_assert_nonnull (strstr (hr_netlist_get_error (nl)->message, "\"load\""));
  g_assert_false (hr_netlist_add_resistor (nl, "r1", "a", "0", 1, &error));
  g_assert_nonnull (strstr (error->message, "two elements"));
  g_clear_error (&error);
  g_assert_false (hr_netlist_add_resistor (nl, "r2", "a b", "0", 1, &error));
  g_assert_nonnull (strstr (error->message, "node 1 of r2"));
  g_clear_error (&error);
  g_assert_false (hr_netlist_add_resistor (nl, "r3;x", "a", "0", 1, &error));
  g_clear_error (&error);
  g_assert_false (hr_netlist_add_resistor (nl, "r4", "a", "0", -1, &error));
  g_clear_error (&error);
  g_assert_false (hr_netlist_add_capacitor (nl, "c1", "a", "0", NAN, &error));
  g_clear_error (&error);
  g_assert_false (hr_netlist_add_dc (nl, "vnone", 0, 1, 0.1, &error));
  g_clear_error (&error);
  g_assert_false (hr_netlist_set_option (nl, "shell", 1, &error));
  g_clear_error (&error);
  g_assert_false (hr_netlist_add_output_current (nl, "r1", &error));
  g_clear_error (&error);
  g_assert_false (hr_netlist_add_mutual (nl, "k1", "l1", "l2", 0.5, &error));
  g_clear_error (&error);
  g_assert_null (hr_netlist_to_spice (nl, &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "\"load\""));
}

static char *
filter_ok (const char *text, const char *const *dirs)
{
  g_autoptr(GError) error = NULL;
  char *out = hr_spice_filter ("lib.sp", text, dirs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static void
filter_refused (const char *text, const char *const *dirs, const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = hr_spice_filter ("lib.sp", text, dirs, &error);
  g_assert_null (out);
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_FILTER);
  if (strstr (error->message, where) == NULL)
    g_error ("message \"%s\" does not name \"%s\"", error->message, where);
}

static void
test_filter_accepts (void)
{
  const char *text =
    "* a model library\n"
    "\n"
    ".MODEL nch NMOS (LEVEL=1 VTO=0.6\n"
    "+ KP=100u)\n"
    ".param wn=1u ln={2*0.35u}\n"
    ".subckt inv a y vdd params: w=1u\n"
    "MN y a 0 0 nch w={w} l=1u\n"
    "Rload y 0 1meg\n"
    "C1 y 0 1f\n"
    "L1 y z 1n\nK1 L1 L2 0.5\nD1 y 0 dmod\nQ1 c b e npn1\nJ1 d g s jmod\n"
    "V1 a 0 dc 0\nI1 a 0 1m\nE1 p 0 a 0 2\nF1 p 0 v1 2\nG1 p 0 a 0 1m\nH1 p 0 v1 10\n"
    "B1 p 0 v=v(a)*2\nXsub a y vdd other\nT1 a 0 b 0 z0=50 td=1n\n"
    ".ends inv\r\n";
  g_autofree char *out = filter_ok (text, NULL);
  g_autoptr(GString) want = g_string_new (text);
  g_string_replace (want, "\r", "", 0);
  /* Accepted text passes unchanged (line ends normalised). */
  g_assert_cmpstr (out, ==, want->str);
  g_assert_nonnull (strstr (out, ".MODEL nch NMOS"));
  g_assert_nonnull (strstr (out, "+ KP=100u)"));
  g_assert_null (strstr (out, "\r"));
}

static void
test_filter_refuses (void)
{
  const struct { const char *text, *where; } cases[] = {
    { ".control\nrun\n.endc\n", "lib.sp:1: refused \".control\"" },
    { "* ok\n  .CONTROL\n", "lib.sp:2:" },
    { "*ng_script\n", "ng_script" },
    { "*NG_SCRIPT\n", "ng_script" },
    { "r1 a b `ls`\n", "backquote" },
    { "* `ls`\n", "backquote" },
    { "shell rm -rf /\n", "'s' devices" },
    { "set unixcom\n", "'s' devices" },
    { "codemodel /tmp/evil.so\n", "command word" },
    { "source /etc/passwd\n", "'s' devices" },
    { "write /tmp/x v(a)\n", "'w' devices" },
    { "wrdata /tmp/x v(a)\n", "'w' devices" },
    { "cd /tmp\n", "command word" },
    { "gnuplot x v(a)\n", "command word" },
    { "hardcopy x v(a)\n", "command word" },
    { "echo hi > /tmp/x\n", "command word" },
    { "edit /tmp/x\n", "command word" },
    { "quit\n", "command word" },
    { "bg_run\n", "command word" },
    { "let x = 1\n", "command word" },
    { "a1 in out filesrc\n", "XSPICE A devices" },
    { ".model filesrc filesource (file=\"/etc/passwd\")\n", "filesource" },
    { ".model t1 table2d (file = \"x\")\n", "table2d" },
    { ".model m1 nmos file=\"x\"\n", "naming files" },
    { "p1 a b 0 c d 0 cplmod\n", "'p' devices" },
    { "y1 a 0 b 0 txlmod\n", "'y' devices" },
    { ".include /etc/passwd\n", "no model directory" },
    { ".lib /etc/passwd tt\n", "no model directory" },
    { ".inc x.lib\n", "no model directory" },
    { ".end\n", "dot-card .end" },
    { ".endc\n", "dot-card .endc" },
    { ".options reltol=1\n", "dot-card .options" },
    { ".tran 1n 1u\n", "dot-card .tran" },
    { ".save all\n", "dot-card .save" },
    { ".measure tran x find v(a) at=1n\n", "dot-card .measure" },
    { ".csparam x=1\n", "dot-card .csparam" },
    { ".func f(x) {x}\n", "dot-card .func" },
    { ".if (1)\n", "dot-card .if" },
    { ".incl /etc/passwd\n", "dot-card .incl" },
    { "r1 a b 1k\n\x01", "control characters" },
    { "$ comment\n", "not a model" },
    { "@r1\n", "not a model" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    filter_refused (cases[i].text, NULL, cases[i].where);
}

static void
test_filter_includes (void)
{
  g_autofree char *root = g_dir_make_tmp ("hr-filter-XXXXXX", NULL);
  g_autofree char *models = g_build_filename (root, "models", NULL);
  g_autofree char *outside = g_build_filename (root, "outside.lib", NULL);
  g_autofree char *good = g_build_filename (models, "good.lib", NULL);
  g_autofree char *evil = g_build_filename (models, "evil.lib", NULL);
  g_autofree char *link = g_build_filename (models, "escape.lib", NULL);
  g_autofree char *libfile = g_build_filename (models, "corners.lib", NULL);
  g_autofree char *real_models = NULL;
  const char *dirs[] = { models, NULL };
  g_autofree char *out = NULL;
  g_autofree char *want = NULL;

  g_assert_cmpint (g_mkdir (models, 0700), ==, 0);
  g_assert_true (g_file_set_contents (good, ".model nch nmos level=1\n", -1, NULL));
  g_assert_true (g_file_set_contents (evil, ".model a nmos\n.control\nshell touch x\n.endc\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (outside, ".model nch nmos\n", -1, NULL));
  g_assert_true (g_file_set_contents (libfile, ".lib tt\n.model nch nmos\n.endl\n", -1, NULL));
  g_assert_cmpint (symlink (outside, link), ==, 0);
  real_models = realpath (models, NULL);

  /* Relative to the first allowed directory; absolute inside it; passed on absolute. */
  out = filter_ok (".include good.lib\n.INC 'good.lib'\n.lib \"corners.lib\" tt\n", dirs);
  want = g_strdup_printf (".include \"%s/good.lib\"\n.include \"%s/good.lib\"\n"
                          ".lib \"%s/corners.lib\" tt\n", real_models, real_models, real_models);
  g_assert_cmpstr (out, ==, want);
  g_clear_pointer (&out, g_free);
  {
    g_autofree char *abs_line = g_strdup_printf (".include %s\n", good);
    out = filter_ok (abs_line, dirs);
    g_assert_true (g_str_has_prefix (out, ".include \"/"));
  }
  /* Outside the allowed directories, through .., through a symlink, missing, or a file
   * that itself holds a forbidden construct. */
  {
    g_autofree char *l1 = g_strdup_printf (".include %s\n", outside);
    filter_refused (l1, dirs, "outside the allowed");
  }
  filter_refused (".include ../outside.lib\n", dirs, "outside the allowed");
  filter_refused (".include escape.lib\n", dirs, "outside the allowed");
  filter_refused (".include nothere.lib\n", dirs, "cannot resolve");
  filter_refused (".include evil.lib\n", dirs, "evil.lib:2: refused \".control\"");
  filter_refused (".include /etc/passwd\n", dirs, "outside the allowed");
  filter_refused (".lib corners.lib\n", dirs, "needs a file and a section");
  filter_refused (".include good.lib extra\n", dirs, "unexpected text");
  filter_refused (".include models\n", (const char *[]) { root, NULL }, "not a regular file");

  g_unlink (good);
  g_unlink (evil);
  g_unlink (link);
  g_unlink (libfile);
  g_unlink (outside);
  g_rmdir (models);
  g_rmdir (root);
}

static void
test_result_lookup (void)
{
  g_autoptr(HrSimResult) r = hr_sim_result_new ("test");
  g_autoptr(GError) error = NULL;
  double *t = g_new (double, 2), *v = g_new (double, 2), *i = g_new (double, 2);
  double *ac_re = g_new (double, 1), *ac_im = g_new (double, 1), *f = g_new (double, 1);
  const HrSimVector *vec;
  double x;

  t[0] = 0; t[1] = 1; v[0] = 0.5; v[1] = 0.6; i[0] = -1; i[1] = -2;
  ac_re[0] = 0.7; ac_im[0] = -0.7; f[0] = 1e3;
  hr_sim_result_add_plot (r, "tran");
  hr_sim_result_add_vector (r, "time", t, NULL, 2, TRUE);
  hr_sim_result_add_vector (r, "OUT", v, NULL, 2, FALSE);
  hr_sim_result_add_vector (r, "V1#branch", i, NULL, 2, FALSE);
  hr_sim_result_add_plot (r, "ac");
  hr_sim_result_add_vector (r, "frequency", f, NULL, 1, TRUE);
  hr_sim_result_add_vector (r, "v(out)", ac_re, ac_im, 1, FALSE);

  g_assert_cmpuint (hr_sim_result_get_n_plots (r), ==, 2);
  g_assert_cmpuint (hr_sim_result_get_n_vectors (r, 0), ==, 3);
  g_assert_cmpstr (hr_sim_vector_get_name (hr_sim_result_get_vector_nth (r, 0, 1)), ==,
                   "v(out)");
  g_assert_cmpstr (hr_sim_vector_get_name (hr_sim_result_get_vector_nth (r, 0, 2)), ==,
                   "i(v1)");
  for (guint k = 0; k < 4; k++)
    {
      const char *names[] = { "v(out)", "V(OUT)", "out", " tran.out " };
      vec = hr_sim_result_get_vector (r, names[k], &error);
      g_assert_no_error (error);
      g_assert_false (hr_sim_vector_is_complex (vec));
    }
  g_assert_true (hr_sim_result_get_scalar (r, "I(V1)", &x, &error));
  g_assert_cmpfloat (x, ==, -1);
  g_assert_true (hr_sim_result_get_scalar (r, "v1#branch", &x, &error));
  vec = hr_sim_result_get_vector (r, "ac.v(out)", &error);
  g_assert_no_error (error);
  g_assert_true (hr_sim_vector_is_complex (vec));
  g_assert_cmpfloat (hr_sim_vector_get_imag (vec, NULL)[0], ==, -0.7);
  g_assert_null (hr_sim_vector_get_imag (hr_sim_result_get_scale (r, 0), NULL));
  g_assert_cmpstr (hr_sim_vector_get_name (hr_sim_result_get_scale (r, 1)), ==, "frequency");
  g_assert_null (hr_sim_result_get_vector (r, "op.v(out)", &error));
  g_assert_error (error, HR_SIM_ERROR, HR_SIM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "tran.v(out)"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim-ir/golden/all-elements", test_golden_all_elements);
  g_test_add_func ("/sim-ir/golden/inverter", test_golden_inverter);
  g_test_add_func ("/sim-ir/numbers", test_numbers);
  g_test_add_func ("/sim-ir/names", test_names);
  g_test_add_func ("/sim-ir/filter/accepts", test_filter_accepts);
  g_test_add_func ("/sim-ir/filter/refuses", test_filter_refuses);
  g_test_add_func ("/sim-ir/filter/includes", test_filter_includes);
  g_test_add_func ("/sim-ir/result-lookup", test_result_lookup);
  return g_test_run ();
}
