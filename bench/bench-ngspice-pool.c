/* bench-ngspice-pool.c — the worker pool against one `ngspice -b` process per netlist.
 *
 * The same N level-1 CMOS inverter transfer curves (1801-point DC sweep, 0..1.8 V by 1 mV,
 * each with a slightly different supply so no two jobs are identical) are run
 *   1. through hr_engine_ngspice (warm workers, netlist over a socket, vectors back), and
 *   2. as `ngspice -b -n -r out.raw net.cir`, one process per netlist, waiting for it and
 *      reading the raw file back,
 * each sequentially (one job at a time) and with as many jobs in flight as there are
 * workers, in one run. Prints the times and the ratios. Not a test: nothing is asserted.
 *
 *   bench-ngspice-pool [N]      (default 200) */
#include "headroom-sim.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

static HrNetlist *
inverter (guint i)
{
  HrNetlist *nl = hr_netlist_new ("bench-inv");
  double vdd = 1.8 + 1e-4 * i;
  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, NULL);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.45, NULL);
  hr_netlist_set_model_param (nl, "nch", "kp", 200e-6, NULL);
  hr_netlist_set_model_param (nl, "nch", "lambda", 0.05, NULL);
  hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, NULL);
  hr_netlist_set_model_param (nl, "pch", "vto", -0.45, NULL);
  hr_netlist_set_model_param (nl, "pch", "kp", 80e-6, NULL);
  hr_netlist_set_model_param (nl, "pch", "lambda", 0.05, NULL);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", vdd, NULL);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, NULL);
  hr_netlist_add_mosfet (nl, "mn", "out", "in", "0", "0", "nch", 1e-6, 0.18e-6, NULL);
  hr_netlist_add_mosfet (nl, "mp", "out", "in", "vdd", "vdd", "pch", 2e-6, 0.18e-6, NULL);
  hr_netlist_add_dc (nl, "vin", 0, 1.8, 1e-3, NULL);
  hr_netlist_add_output_voltage (nl, "out", NULL);
  g_assert_null (hr_netlist_get_error (nl));
  return nl;
}

typedef struct {
  HrEngine *engine;      /* NULL: the subprocess route */
  const char *tmp;
  guint first, step, n;  /* jobs first, first+step, ... < n */
  guint failures;
} Share;

static gboolean
run_pool_job (HrEngine *engine, guint i)
{
  g_autoptr(HrNetlist) nl = inverter (i);
  g_autoptr(HrSimResult) res = hr_engine_run (engine, nl, NULL, NULL, NULL, NULL);
  const HrSimVector *v = res ? hr_sim_result_get_vector (res, "v(out)", NULL) : NULL;
  return v != NULL && hr_sim_vector_get_length (v) == 1801;
}

static gboolean
run_subprocess_job (const char *tmp, guint i)
{
  g_autoptr(HrNetlist) nl = inverter (i);
  g_autofree char *text = hr_netlist_to_spice (nl, NULL);
  g_autofree char *cir = g_strdup_printf ("%s/net%u.cir", tmp, i);
  g_autofree char *raw = g_strdup_printf ("%s/out%u.raw", tmp, i);
  g_autofree char *data = NULL;
  const char *argv[] = { "ngspice", "-b", "-n", "-r", raw, cir, NULL };
  int status = 0;
  gsize len = 0;
  gboolean ok;

  if (!g_file_set_contents (cir, text, -1, NULL))
    return FALSE;
  ok = g_spawn_sync (tmp, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                     | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL)
       && g_spawn_check_wait_status (status, NULL)
       && g_file_get_contents (raw, &data, &len, NULL)
       && g_strstr_len (data, MIN (len, 4096), "No. Points: 1801") != NULL;
  g_unlink (cir);
  g_unlink (raw);
  return ok;
}

static gpointer
share_thread (gpointer data)
{
  Share *s = data;
  for (guint i = s->first; i < s->n; i += s->step)
    if (!(s->engine ? run_pool_job (s->engine, i) : run_subprocess_job (s->tmp, i)))
      s->failures++;
  return NULL;
}

/* Runs N jobs with PARALLEL threads; returns seconds. */
static double
measure (HrEngine *engine, const char *tmp, guint n, guint parallel, guint *failures)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Share *shares = g_new0 (Share, parallel);
  gint64 t0 = g_get_monotonic_time ();

  for (guint k = 0; k < parallel; k++)
    {
      shares[k] = (Share) { engine, tmp, k, parallel, n, 0 };
      g_ptr_array_add (threads, g_thread_new ("bench", share_thread, &shares[k]));
    }
  for (guint k = 0; k < parallel; k++)
    {
      g_thread_join (g_ptr_array_index (threads, k));
      *failures += shares[k].failures;
    }
  g_free (shares);
  return (g_get_monotonic_time () - t0) / 1e6;
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 200;
  guint cores = MAX (1, g_get_num_processors ());
  g_autoptr(GError) error = NULL;
  g_autoptr(HrEngine) engine = hr_engine_ngspice_new (cores, &error);
  g_autofree char *tmp = g_dir_make_tmp ("hr-bench-XXXXXX", NULL);
  g_autofree char *ngspice = g_find_program_in_path ("ngspice");
  guint fail_pool = 0, fail_sub = 0;
  double pool1, sub1, pooln, subn;

  if (engine == NULL || tmp == NULL || ngspice == NULL)
    {
      fprintf (stderr, "bench-ngspice-pool: %s\n",
               engine == NULL ? error->message : ngspice == NULL ? "ngspice not in PATH"
                                                                 : "no temp directory");
      return 2;
    }
  /* Warm the workers: start-up is paid once per worker's life, not per job. */
  measure (engine, tmp, cores, cores, &fail_pool);
  fail_pool = 0;

  pool1 = measure (engine, tmp, n, 1, &fail_pool);
  sub1 = measure (NULL, tmp, n, 1, &fail_sub);
  pooln = measure (engine, tmp, n, cores, &fail_pool);
  subn = measure (NULL, tmp, n, cores, &fail_sub);
  g_rmdir (tmp);

  printf ("%u level-1 inverter VTCs (1801-point DC sweep), %u cores\n", n, cores);
  printf ("  one at a time:  pool %7.3f s (%6.2f ms/job)   ngspice -b %7.3f s (%6.2f ms/job)"
          "   ratio %.2fx\n", pool1, 1e3 * pool1 / n, sub1, 1e3 * sub1 / n, sub1 / pool1);
  printf ("  %u in flight:    pool %7.3f s (%6.2f ms/job)   ngspice -b %7.3f s (%6.2f ms/job)"
          "   ratio %.2fx\n", cores, pooln, 1e3 * pooln / n, subn, 1e3 * subn / n,
          subn / pooln);
  if (fail_pool || fail_sub)
    printf ("  FAILED jobs: pool %u, ngspice -b %u\n", fail_pool, fail_sub);
  return fail_pool || fail_sub ? 1 : 0;
}
