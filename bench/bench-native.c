/* bench-native.c — the native engine against ngspice, as ratios measured in one run.
 *
 * Every circuit is built once as an HrNetlist and run
 *   1. on hr_engine_native_new() (hr_engine_run, vectors copied out),
 *   2. on a libngspice this program dlopen()s itself, fed hr_netlist_to_spice()'s text plus
 *      one ".save" line naming the requested vectors (the native engine also keeps only
 *      those): ngSpice_Circ + "run" + vectors copied + "destroy all" + "remcirc" +
 *      ngSpice_Command(NULL), as the worker does, but with no process or pipe in between,
 *   3. for reference, on hr_engine_ngspice_new (1): one warm worker process, the netlist and
 *      the vectors over its socket.
 * Before timing, the first run of each engine is compared with the others (the accuracy
 * printed next to the times); the same reltol is set on every netlist. Each engine is then
 * run N times (N chosen from the first run so a case takes ~0.8 s per engine, ~2.5 s in
 * all), the engines interleaved run by run because the machine's cores are shared and
 * noisy; medians are printed with their ratios (the other engine's median / the native
 * median: above 1 the native engine is faster). Large RC meshes run ngspice once, in a
 * forked copy of this process that can be stopped at a deadline. A last case runs a
 * 10 000-sample Monte Carlo of the inverter on every core. Not a test: nothing is asserted,
 * nothing is added to `meson test`.
 *
 *   bench-native [--quick] [--max-mesh N]
 *
 * --quick aims at ~0.2 s per engine and case; --max-mesh limits the RC mesh (default 300). */
#include "headroom-sim.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <stdbool.h>
#include <ngspice/sharedspice.h>

#define SAME_RELTOL       1e-3   /* SPICE's default, set explicitly on every netlist        */
#define MAX_RUNS          51
#define NGSPICE_LIMIT_S   60.0   /* the issue: skip ngspice at 300 x 300 past this          */
#define NGSPICE_SAFETY_S  400.0  /* smaller meshes: a stop only against a hang               */

/* ---- results, the same shape for every engine ---------------------------------------- */

typedef struct {
  guint    n;         /* points */
  guint    n_y;
  double  *scale;     /* v-sweep or time */
  double **y;         /* n_y vectors of n points */
} Waves;

static void
waves_free (Waves *w)
{
  if (w == NULL)
    return;
  for (guint i = 0; i < w->n_y; i++)
    g_free (w->y[i]);
  g_free (w->y);
  g_free (w->scale);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Waves, waves_free)

static Waves *
waves_new (guint n, guint n_y)
{
  Waves *w = g_new0 (Waves, 1);
  w->n = n;
  w->n_y = n_y;
  w->scale = g_new (double, n);
  w->y = g_new0 (double *, n_y);
  for (guint i = 0; i < n_y; i++)
    w->y[i] = g_new (double, n);
  return w;
}

/* ---- a small in-process libngspice driver (ngspice-notes §1–§5) ---------------------- */

typedef int (*NgInitFn) (SendChar *, SendStat *, ControlledExit *, SendData *,
                         SendInitData *, BGThreadRunning *, void *);

typedef struct {
  void *lib;
  int (*circ) (char **);
  int (*command) (char *);
  pvector_info (*vec_info) (char *);
  char *(*cur_plot) (void);
  gboolean failed;      /* an error keyword on stderr since the last reset */
  gboolean exited;      /* ControlledExit was called: the instance may be corrupt */
  GString *errors;
} NgInproc;

static int
ng_on_char (char *line, int id, void *user)
{
  NgInproc *ng = user;
  if (g_str_has_prefix (line, "stderr ")
      && (strstr (line, "Error") != NULL || strstr (line, "error:") != NULL
          || strstr (line, "aborted") != NULL))
    {
      ng->failed = TRUE;
      if (ng->errors->len < 2048)
        g_string_append_printf (ng->errors, "%s%s", ng->errors->len ? "; " : "", line + 7);
    }
  return 0;
}

static int
ng_on_stat (char *status, int id, void *user)
{
  return 0;
}

static int
ng_on_exit (int status, NG_BOOL immediate, NG_BOOL quit, int id, void *user)
{
  NgInproc *ng = user;
  ng->exited = TRUE;
  ng->failed = TRUE;
  return 0;
}

static int
ng_on_bg (NG_BOOL finished, int id, void *user)
{
  return 0;
}

static gboolean
ng_sym (NgInproc *ng, const char *name, gpointer *out, GError **error)
{
  *out = dlsym (ng->lib, name);
  if (*out == NULL)
    g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START,
                 "libngspice.so.0 has no %s", name);
  return *out != NULL;
}

/* Loads and initialises libngspice in this process. ngSpice_Init runs a .spiceinit of the
 * working directory (notes §5), so it runs in the empty directory EMPTY_DIR. */
static NgInproc *
ng_inproc_new (const char *empty_dir, GError **error)
{
  NgInproc *ng = g_new0 (NgInproc, 1);
  gpointer init = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  ng->errors = g_string_new (NULL);
  ng->lib = dlopen ("libngspice.so.0", RTLD_NOW | RTLD_LOCAL);
  if (ng->lib == NULL)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START, "%s", dlerror ());
      return NULL;
    }
  if (!ng_sym (ng, "ngSpice_Init", &init, error)
      || !ng_sym (ng, "ngSpice_Circ", (gpointer *) &ng->circ, error)
      || !ng_sym (ng, "ngSpice_Command", (gpointer *) &ng->command, error)
      || !ng_sym (ng, "ngGet_Vec_Info", (gpointer *) &ng->vec_info, error)
      || !ng_sym (ng, "ngSpice_CurPlot", (gpointer *) &ng->cur_plot, error))
    return NULL;
  if (g_chdir (empty_dir) != 0)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START, "cannot enter %s",
                   empty_dir);
      return NULL;
    }
  /* ControlledExit must not be NULL: a fatal parse error then segfaults (notes §2). */
  ((NgInitFn) init) (ng_on_char, ng_on_stat, ng_on_exit, NULL, NULL, ng_on_bg, ng);
  if (g_chdir (cwd) != 0)
    g_warning ("cannot return to %s", cwd);
  /* Debian's build runs 2 OpenMP threads unless told (notes §5); the native engine and the
   * pool's workers use one. */
  ng->command ((char *) "set num_threads=1");
  ng->command ((char *) "set noaskquit");
  ng->command ((char *) "set nomoremode");
  return ng;
}

/* The cleanup that keeps ngspice's memory flat over thousands of runs (notes §4). */
static void
ng_cleanup (NgInproc *ng)
{
  ng->command ((char *) "destroy all");
  ng->command ((char *) "remcirc");
  ng->command (NULL);
}

/* Runs DECK (whose analysis cards run with "run") and copies SCALE and VECTORS. *PARSE_S
 * (may be NULL) gets the seconds spent in ngSpice_Circ. */
static Waves *
ng_inproc_run (NgInproc *ng, const char *deck, const char *scale, const char *const *vectors,
               double *parse_s, GError **error)
{
  g_auto(GStrv) lines = g_strsplit (deck, "\n", -1);
  guint n_lines = g_strv_length (lines), n_y = g_strv_length ((char **) vectors);
  g_autoptr(Waves) w = NULL;
  gint64 t0;
  pvector_info vi;

  if (ng->exited)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_CRASHED,
                   "in-process ngspice is unusable after an earlier fatal error");
      return NULL;
    }
  if (n_lines > 0 && lines[n_lines - 1][0] == '\0')
    {
      g_free (lines[n_lines - 1]);
      lines[n_lines - 1] = NULL;
    }
  g_string_truncate (ng->errors, 0);
  ng->failed = FALSE;
  t0 = g_get_monotonic_time ();
  ng->circ (lines);
  if (parse_s != NULL)
    *parse_s = (g_get_monotonic_time () - t0) / 1e6;
  if (!ng->failed)
    ng->command ((char *) "run");
  if (ng->failed || g_str_equal (ng->cur_plot (), "const"))
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_ANALYSIS, "in-process ngspice: %s",
                   ng->errors->len ? ng->errors->str : "the analysis produced no plot");
      if (!ng->exited)
        ng_cleanup (ng);
      return NULL;
    }
  vi = ng->vec_info ((char *) scale);
  if (vi == NULL || vi->v_realdata == NULL)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_VECTOR, "in-process ngspice: no %s",
                   scale);
      ng_cleanup (ng);
      return NULL;
    }
  /* ngGet_Vec_Info returns one static struct, overwritten by the next call: copy now. */
  w = waves_new ((guint) vi->v_length, n_y);
  memcpy (w->scale, vi->v_realdata, w->n * sizeof (double));
  for (guint i = 0; i < n_y; i++)
    {
      vi = ng->vec_info ((char *) vectors[i]);
      if (vi == NULL || vi->v_realdata == NULL || (guint) vi->v_length != w->n)
        {
          g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_VECTOR,
                       "in-process ngspice: vector %s missing or of the wrong length",
                       vectors[i]);
          ng_cleanup (ng);
          return NULL;
        }
      memcpy (w->y[i], vi->v_realdata, w->n * sizeof (double));
    }
  ng_cleanup (ng);
  return g_steal_pointer (&w);
}

static gboolean
write_all (int fd, const void *data, gsize len)
{
  const char *p = data;
  while (len > 0)
    {
      gssize w = write (fd, p, len);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return FALSE;
      p += w, len -= (gsize) w;
    }
  return TRUE;
}

/* What a forked run sends back: seconds, parse seconds, n, n_y, then the scale and the
 * vectors; or n = G_MAXUINT32 and an error message. */
static void
ng_child_report (int fd, const Waves *w, double seconds, double parse_s, const char *message)
{
  guint32 head[2] = { w ? w->n : G_MAXUINT32, w ? w->n_y : 0 };
  double times[2] = { seconds, parse_s };

  write_all (fd, times, sizeof times);
  write_all (fd, head, sizeof head);
  if (w == NULL)
    {
      write_all (fd, message, strlen (message));
      return;
    }
  write_all (fd, w->scale, w->n * sizeof (double));
  for (guint i = 0; i < w->n_y; i++)
    write_all (fd, w->y[i], w->n * sizeof (double));
}

/* One in-process run in a forked copy of this process, which carries the loaded and
 * initialised library along (ngspice-notes §8 measures fork per job), so that it can be
 * stopped after LIMIT_S: a run inside our own process could not be interrupted. The time is
 * measured in the child around the same calls as ng_inproc_run; the results come back over
 * a pipe after the clock stopped. */
static Waves *
ng_inproc_run_deadline (NgInproc *ng, const char *deck, const char *scale,
                        const char *const *vectors, double limit_s, double *seconds,
                        double *parse_s, GError **error)
{
  int fds[2];
  pid_t pid;
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  gint64 deadline = g_get_monotonic_time () + (gint64) (limit_s * 1e6);
  gboolean timed_out = FALSE;
  const char *p;
  guint32 head[2];
  double times[2];
  Waves *w;

  fflush (stdout);
  if (pipe (fds) != 0 || (pid = fork ()) < 0)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START, "fork: %s",
                   g_strerror (errno));
      return NULL;
    }
  if (pid == 0)
    {
      g_autoptr(GError) child_error = NULL;
      gint64 t0;
      double parse = 0;
      Waves *cw;

      close (fds[0]);
      t0 = g_get_monotonic_time ();
      cw = ng_inproc_run (ng, deck, scale, vectors, &parse, &child_error);
      ng_child_report (fds[1], cw, (g_get_monotonic_time () - t0) / 1e6, parse,
                       child_error ? child_error->message : "");
      _exit (0);
    }
  close (fds[1]);
  for (;;)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      guint8 chunk[65536];
      gssize r;

      if (left_ms <= 0 || poll (&pfd, 1, (int) MIN (left_ms, 1000)) < 0)
        {
          if (left_ms <= 0)
            {
              timed_out = TRUE;
              break;
            }
          continue;
        }
      if (pfd.revents == 0)
        continue;
      r = read (fds[0], chunk, sizeof chunk);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      g_byte_array_append (buf, chunk, (guint) r);
    }
  close (fds[0]);
  if (timed_out)
    kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  if (timed_out)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_TIMEOUT,
                   "still running after %.0f s (stopped)", limit_s);
      return NULL;
    }
  if (buf->len < sizeof times + sizeof head)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_CRASHED,
                   "the forked in-process run died");
      return NULL;
    }
  memcpy (times, buf->data, sizeof times);
  memcpy (head, buf->data + sizeof times, sizeof head);
  p = (const char *) buf->data + sizeof times + sizeof head;
  if (head[0] == G_MAXUINT32)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_ANALYSIS, "%.*s",
                   (int) (buf->len - sizeof times - sizeof head), p);
      return NULL;
    }
  if (buf->len != sizeof times + sizeof head + (gsize) head[0] * (head[1] + 1) * sizeof (double))
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_CRASHED,
                   "the forked in-process run sent a short result");
      return NULL;
    }
  w = waves_new (head[0], head[1]);
  memcpy (w->scale, p, w->n * sizeof (double));
  for (guint i = 0; i < w->n_y; i++)
    memcpy (w->y[i], p + (i + 1) * w->n * sizeof (double), w->n * sizeof (double));
  *seconds = times[0];
  if (parse_s != NULL)
    *parse_s = times[1];
  return w;
}

/* ---- one case, three engines --------------------------------------------------------- */

typedef enum {
  ENG_NATIVE,
  ENG_INPROC,
  ENG_POOL,
  N_ENGINES
} EngineKind;

static const char *const engine_label[N_ENGINES] = {
  "native", "ngspice in-process", "ngspice pool (1 worker)",
};

typedef struct {
  HrEngine *native;
  HrEngine *pool;
  NgInproc *ng;
  double    target_s;   /* measuring time aimed at per engine and case */
} Bench;

typedef struct {
  HrNetlist  *nl;
  char       *deck;      /* hr_netlist_to_spice () + ".save" of the vectors */
  const char *scale;     /* "v-sweep" or "time" */
  const char *const *vectors;
  gboolean    skip[N_ENGINES];
  double      deadline_s;   /* > 0: run in-process ngspice once, forked, stopped after this */
  gboolean    fork_each;    /* every in-process run in a forked child (CPL corrupts 39.3) */
  /* filled by measure () */
  Waves      *first[N_ENGINES];
  double      median_s[N_ENGINES];
  guint       runs[N_ENGINES];
  double      parse_s;   /* in-process ngSpice_Circ, median over its runs */
  char       *error[N_ENGINES];
} Case;

static Case *
case_new (HrNetlist *nl, const char *scale, const char *const *vectors)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *text = hr_netlist_to_spice (nl, NULL);
  g_autoptr(GString) deck = g_string_new (text);
  char *end = strstr (deck->str, "\n.end\n");
  g_autoptr(GString) save = g_string_new ("\n.save");

  g_assert_null (hr_netlist_get_error (nl));
  for (guint i = 0; vectors[i] != NULL; i++)
    g_string_append_printf (save, " %s", vectors[i]);
  g_assert_nonnull (end);
  g_string_insert (deck, end - deck->str, save->str);
  c->nl = hr_netlist_ref (nl);
  c->deck = g_string_free (g_steal_pointer (&deck), FALSE);
  c->scale = scale;
  c->vectors = vectors;
  return c;
}

static void
case_free (Case *c)
{
  for (guint k = 0; k < N_ENGINES; k++)
    {
      waves_free (c->first[k]);
      g_free (c->error[k]);
    }
  hr_netlist_unref (c->nl);
  g_free (c->deck);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Case, case_free)

static Waves *
waves_from_result (HrSimResult *res, const char *scale, const char *const *vectors,
                   GError **error)
{
  const HrSimVector *s = hr_sim_result_get_vector (res, scale, error);
  guint n_y = g_strv_length ((char **) vectors), n;
  const double *d;
  Waves *w;

  if (s == NULL)
    return NULL;
  d = hr_sim_vector_get_real (s, &n);
  w = waves_new (n, n_y);
  memcpy (w->scale, d, n * sizeof (double));
  for (guint i = 0; i < n_y; i++)
    {
      const HrSimVector *v = hr_sim_result_get_vector (res, vectors[i], error);
      guint m = 0;
      if (v == NULL || (d = hr_sim_vector_get_real (v, &m), m != n))
        {
          if (v != NULL)
            g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_VECTOR, "%s: %u points, not %u",
                         vectors[i], m, n);
          waves_free (w);
          return NULL;
        }
      memcpy (w->y[i], d, n * sizeof (double));
    }
  return w;
}

/* One run of case C on engine K: the results, and its wall time in *SECONDS. */
static Waves *
run_once (Bench *b, Case *c, EngineKind k, double *seconds, double *parse_s, GError **error)
{
  gint64 t0 = g_get_monotonic_time ();
  Waves *w;

  if (k == ENG_INPROC && (c->deadline_s > 0 || c->fork_each))
    return ng_inproc_run_deadline (b->ng, c->deck, c->scale, c->vectors,
                                   c->deadline_s > 0 ? c->deadline_s : NGSPICE_SAFETY_S,
                                   seconds, parse_s, error);
  if (k == ENG_INPROC)
    w = ng_inproc_run (b->ng, c->deck, c->scale, c->vectors, parse_s, error);
  else
    {
      g_autoptr(HrSimResult) res = hr_engine_run (k == ENG_NATIVE ? b->native : b->pool,
                                                  c->nl, NULL, NULL, NULL, error);
      w = res ? waves_from_result (res, c->scale, c->vectors, error) : NULL;
    }
  *seconds = (g_get_monotonic_time () - t0) / 1e6;
  return w;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, cmp_double);
  return g_array_index (values, double, values->len / 2);
}

/* The first run of every engine (kept for the comparison), then 3 to MAX_RUNS timed runs
 * each, interleaved round by round, as many as fit in b->target_s per engine. A first run
 * longer than half the target is the only measurement (median of one). */
static void
measure (Bench *b, Case *c)
{
  GArray *times[N_ENGINES], *parse = g_array_new (FALSE, FALSE, sizeof (double));
  guint want[N_ENGINES] = { 0 }, most = 0;

  for (guint k = 0; k < N_ENGINES; k++)
    {
      g_autoptr(GError) error = NULL;
      double t = 0, p = 0;

      times[k] = g_array_new (FALSE, FALSE, sizeof (double));
      if (k == ENG_POOL && c->deadline_s > 0)
        c->skip[k] = TRUE;  /* as slow as in-process plus the socket: not worth the wait */
      if (c->skip[k])
        continue;
      c->first[k] = run_once (b, c, k, &t, &p, &error);
      if (c->first[k] == NULL)
        {
          c->error[k] = g_strdup (error->message);
          continue;
        }
      if (t >= b->target_s / 2)
        {
          g_array_append_val (times[k], t);
          if (k == ENG_INPROC)
            g_array_append_val (parse, p);
        }
      else
        want[k] = CLAMP ((guint) (b->target_s / MAX (t, 1e-6)), 3, MAX_RUNS) | 1;
      most = MAX (most, want[k]);
    }
  for (guint r = 0; r < most; r++)
    for (guint k = 0; k < N_ENGINES; k++)
      if (r < want[k] && c->error[k] == NULL)
        {
          g_autoptr(GError) error = NULL;
          double t = 0, p = 0;
          g_autoptr(Waves) w = run_once (b, c, k, &t, &p, &error);
          if (w == NULL)
            {
              c->error[k] = g_strdup (error->message);
              continue;
            }
          g_array_append_val (times[k], t);
          if (k == ENG_INPROC)
            g_array_append_val (parse, p);
        }
  for (guint k = 0; k < N_ENGINES; k++)
    {
      c->runs[k] = times[k]->len;
      c->median_s[k] = times[k]->len ? median (times[k]) : NAN;
      g_array_unref (times[k]);
    }
  c->parse_s = parse->len ? median (parse) : NAN;
  g_array_unref (parse);
}

/* Prints the timing lines of C; PER (if non-zero) divides the medians (per point, per step). */
static void
print_times (Case *c, const char *per_label, const double per[N_ENGINES])
{
  printf ("    %-26s %5s %12s", "engine", "runs", "median");
  if (per_label != NULL)
    printf (" %14s", per_label);
  printf ("   time / native\n");
  for (guint k = 0; k < N_ENGINES; k++)
    {
      printf ("    %-26s ", engine_label[k]);
      if (c->skip[k])
        {
          printf ("skipped\n");
          continue;
        }
      if (c->error[k] != NULL)
        {
          printf ("FAILED: %s\n", c->error[k]);
          continue;
        }
      printf ("%5u %9.3f ms", c->runs[k], 1e3 * c->median_s[k]);
      if (per_label != NULL)
        printf (" %11.2f us", 1e6 * c->median_s[k] / per[k]);
      if (k != ENG_NATIVE && c->error[ENG_NATIVE] == NULL)
        printf ("   %6.2fx%s", c->median_s[k] / c->median_s[ENG_NATIVE],
                c->median_s[k] < c->median_s[ENG_NATIVE] ? "  (native slower)" : "");
      printf ("\n");
    }
  if (c->error[ENG_INPROC] == NULL && !c->skip[ENG_INPROC])
    printf ("    (in-process ngspice: ngSpice_Circ took %.3f ms of its median)\n",
            1e3 * c->parse_s);
}

/* ---- comparisons ----------------------------------------------------------------------- */

/* VM: where the curve crosses vout = vin. */
static double
vtc_vm (const double *x, const double *y, guint n)
{
  for (guint i = 1; i < n; i++)
    if (y[i - 1] - x[i - 1] > 0 && y[i] - x[i] <= 0)
      {
        double d0 = y[i - 1] - x[i - 1], d1 = y[i] - x[i];
        return x[i - 1] + (x[i] - x[i - 1]) * d0 / (d0 - d1);
      }
  return NAN;
}

/* VIL (FIRST) or VIH (last): where the slope, by central differences, passes -1 (the same
 * reading as tests/test-native.c). */
static double
vtc_unity_gain (const double *x, const double *y, guint n, gboolean first)
{
  double found = NAN;
  for (guint i = 2; i + 1 < n; i++)
    {
      double s0 = (y[i] - y[i - 2]) / (x[i] - x[i - 2]);
      double s1 = (y[i + 1] - y[i - 1]) / (x[i + 1] - x[i - 1]);
      if ((s0 + 1) * (s1 + 1) <= 0 && s0 != s1)
        {
          found = x[i - 1] + (x[i] - x[i - 1]) * (-1 - s0) / (s1 - s0);
          if (first)
            return found;
        }
    }
  return found;
}

/* Largest |A - REF| of vector I at REF's time points, A interpolated linearly between its
 * own points (the native engine lands on every source corner; a line between ngspice
 * points straddling one would cut it), over the swing of REF. */
static double
tran_difference (const Waves *a, const Waves *ref, guint i)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, worst = 0;
  guint j = 1;

  for (guint r = 0; r < ref->n; r++)
    {
      double t = ref->scale[r], v;
      while (j < a->n - 1 && a->scale[j] < t)
        j++;
      if (t <= a->scale[0])
        v = a->y[i][0];
      else if (t >= a->scale[a->n - 1])
        v = a->y[i][a->n - 1];
      else
        {
          double t0 = a->scale[j - 1], t1 = a->scale[j];
          v = t1 == t0 ? a->y[i][j]
              : a->y[i][j - 1] + (a->y[i][j] - a->y[i][j - 1]) * (t - t0) / (t1 - t0);
        }
      lo = MIN (lo, ref->y[i][r]), hi = MAX (hi, ref->y[i][r]);
      worst = MAX (worst, fabs (v - ref->y[i][r]));
    }
  return hi > lo ? worst / (hi - lo) : worst;
}

/* One line per compared vector: native against in-process ngspice, and the pool against
 * in-process ngspice (the same simulator: expected 0). */
static void
print_tran_accuracy (Case *c)
{
  Waves *nat = c->first[ENG_NATIVE], *ng = c->first[ENG_INPROC], *pool = c->first[ENG_POOL];
  if (nat == NULL || ng == NULL)
    {
      printf ("    accuracy: not compared (an engine failed or was skipped)\n");
      return;
    }
  printf ("    accuracy (max |difference| at ngspice's points / ngspice's swing):\n");
  for (guint i = 0; c->vectors[i] != NULL; i++)
    {
      printf ("      %-12s native %.3f %%", c->vectors[i], 100 * tran_difference (nat, ng, i));
      if (pool != NULL)
        printf ("   pool %.3g %%", 100 * tran_difference (pool, ng, i));
      printf ("\n");
    }
  printf ("    time points: native %u, ngspice %u\n", nat->n, ng->n);
}

/* ---- the circuits ---------------------------------------------------------------------- */

/* The level-1 CMOS inverter of bench-ngspice-pool, swept 0..1.8 V by 1 mV: 1801 points. */
/* The inverter with its transistors' VTO and KP given (the nominal: 0.45, 200u, -0.45, 80u). */
static HrNetlist *
inverter_vtc_with (double vton, double kpn, double vtop, double kpp)
{
  HrNetlist *nl = hr_netlist_new ("bench-inv");
  hr_netlist_set_option (nl, "reltol", SAME_RELTOL, NULL);
  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, NULL);
  hr_netlist_set_model_param (nl, "nch", "vto", vton, NULL);
  hr_netlist_set_model_param (nl, "nch", "kp", kpn, NULL);
  hr_netlist_set_model_param (nl, "nch", "lambda", 0.05, NULL);
  hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, NULL);
  hr_netlist_set_model_param (nl, "pch", "vto", vtop, NULL);
  hr_netlist_set_model_param (nl, "pch", "kp", kpp, NULL);
  hr_netlist_set_model_param (nl, "pch", "lambda", 0.05, NULL);
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 1.8, NULL);
  hr_netlist_add_vsource (nl, "vin", "in", "0", 0, NULL);
  hr_netlist_add_mosfet (nl, "mn", "out", "in", "0", "0", "nch", 1e-6, 0.18e-6, NULL);
  hr_netlist_add_mosfet (nl, "mp", "out", "in", "vdd", "vdd", "pch", 2e-6, 0.18e-6, NULL);
  hr_netlist_add_dc (nl, "vin", 0, 1.8, 1e-3, NULL);
  hr_netlist_add_output_voltage (nl, "out", NULL);
  return nl;
}

static HrNetlist *
inverter_vtc (void)
{
  return inverter_vtc_with (0.45, 200e-6, -0.45, 80e-6);
}

static void
bench_inverter (Bench *b)
{
  static const char *const vectors[] = { "v(out)", NULL };
  g_autoptr(HrNetlist) nl = inverter_vtc ();
  g_autoptr(Case) c = case_new (nl, "v-sweep", vectors);
  Waves *nat, *ng;

  printf ("\n1. Inverter transfer curve: level-1 CMOS inverter, DC sweep 0..1.8 V by 1 mV "
          "(1801 points)\n");
  measure (b, c);
  nat = c->first[ENG_NATIVE], ng = c->first[ENG_INPROC];
  if (nat != NULL && ng != NULL && nat->n == ng->n)
    {
      double m[2][3], worst = 0;
      Waves *w[2] = { nat, ng };
      for (guint e = 0; e < 2; e++)
        {
          m[e][0] = vtc_vm (w[e]->scale, w[e]->y[0], w[e]->n);
          m[e][1] = vtc_unity_gain (w[e]->scale, w[e]->y[0], w[e]->n, TRUE);
          m[e][2] = vtc_unity_gain (w[e]->scale, w[e]->y[0], w[e]->n, FALSE);
        }
      for (guint i = 0; i < nat->n; i++)
        worst = MAX (worst, fabs (nat->y[0][i] - ng->y[0][i]));
      printf ("    accuracy (native / ngspice, bound 1 mV): VM %.6f / %.6f V (%.2g V), "
              "VIL %.6f / %.6f V (%.2g V),\n      VIH %.6f / %.6f V (%.2g V); largest "
              "point difference at the output %.3g V\n",
              m[0][0], m[1][0], fabs (m[0][0] - m[1][0]), m[0][1], m[1][1],
              fabs (m[0][1] - m[1][1]), m[0][2], m[1][2], fabs (m[0][2] - m[1][2]), worst);
    }
  else
    printf ("    accuracy: not compared (an engine failed)\n");
  print_times (c, NULL, NULL);
  if (c->error[ENG_NATIVE] == NULL && c->error[ENG_INPROC] == NULL)
    printf ("    => native / ngspice in-process: %.1fx (aim: >= 10x)\n",
            c->median_s[ENG_INPROC] / c->median_s[ENG_NATIVE]);
}

/* The RC ladder of ngspice-notes §8: 10 x (50 Ohm, 0.2 pF) driven by a 1 V pulse with
 * 50 ps edges. */
static void
bench_rc_ladder (Bench *b, double tstep_s)
{
  static const char *const vectors[] = { "v(n1)", "v(n5)", "v(n10)", NULL };
  g_autoptr(HrNetlist) nl = hr_netlist_new ("bench-rc10");
  g_autoptr(Case) c = NULL;
  double per[N_ENGINES];

  hr_netlist_set_option (nl, "reltol", SAME_RELTOL, NULL);
  hr_netlist_add_vsource (nl, "v1", "n0", "0", 0, NULL);
  hr_netlist_set_source_pulse (nl, "v1", 0, 1, 1e-9, 50e-12, 50e-12, 3e-9, 0, NULL);
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *r = g_strdup_printf ("r%u", i), *cap = g_strdup_printf ("c%u", i);
      g_autofree char *a = g_strdup_printf ("n%u", i - 1), *z = g_strdup_printf ("n%u", i);
      hr_netlist_add_resistor (nl, r, a, z, 50, NULL);
      hr_netlist_add_capacitor (nl, cap, z, "0", 0.2e-12, NULL);
    }
  hr_netlist_add_tran (nl, tstep_s, 8e-9, 0, tstep_s, FALSE, NULL);
  hr_netlist_add_output_voltage (nl, "n1", NULL);
  hr_netlist_add_output_voltage (nl, "n5", NULL);
  hr_netlist_add_output_voltage (nl, "n10", NULL);
  c = case_new (nl, "time", vectors);

  printf ("\n2%s. RC ladder transient: 10 x (50 Ohm, 0.2 pF), 1 V pulse with 50 ps edges, "
          ".tran %g ps 8 ns (tmax = tstep)\n", tstep_s < 5e-12 ? "b" : "a", tstep_s * 1e12);
  measure (b, c);
  print_tran_accuracy (c);
  for (guint k = 0; k < N_ENGINES; k++)
    per[k] = c->first[k] ? MAX (1, c->first[k]->n - 1) : 1;
  print_times (c, "per step", per);
}

/* Two coupled lines as 20 lumped sections each: per section 2.5 nH and 1 pF to ground
 * (Z0 = 50 Ohm, 50 ps, so 1 ns per line), the two inductors coupled by K = 0.2 and the two
 * nodes by 0.15 pF. The aggressor is driven through 50 Ohm by a 1 V step with 200 ps edges
 * and terminated in 50 Ohm; the victim is terminated in 50 Ohm at both ends. Lumped, so both
 * engines run the very same elements (the case was written before the native engine had
 * coupled lines; case 3b is a coupled pair as a line, P, which ngspice runs as CPL). */
static void
bench_crosstalk (Bench *b)
{
  static const char *const vectors[] = { "v(a20)", "v(v0)", "v(v20)", NULL };
  g_autoptr(HrNetlist) nl = hr_netlist_new ("bench-xtalk");
  g_autoptr(Case) c = NULL;
  double per[N_ENGINES];
  const char *line[2] = { "a", "v" };

  hr_netlist_set_option (nl, "reltol", SAME_RELTOL, NULL);
  hr_netlist_add_vsource (nl, "vsrc", "src", "0", 0, NULL);
  hr_netlist_set_source_pulse (nl, "vsrc", 0, 1, 0.5e-9, 200e-12, 200e-12, 10e-9, 0, NULL);
  hr_netlist_add_resistor (nl, "rsrc", "src", "a0", 50, NULL);
  hr_netlist_add_resistor (nl, "rfar_a", "a20", "0", 50, NULL);
  hr_netlist_add_resistor (nl, "rnear_v", "v0", "0", 50, NULL);
  hr_netlist_add_resistor (nl, "rfar_v", "v20", "0", 50, NULL);
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *k = g_strdup_printf ("k%u", i), *cm = g_strdup_printf ("cm%u", i);
      g_autofree char *ia = g_strdup_printf ("a%u", i), *iv = g_strdup_printf ("v%u", i);
      for (guint l = 0; l < 2; l++)
        {
          g_autofree char *ind = g_strdup_printf ("l%s%u", line[l], i);
          g_autofree char *cap = g_strdup_printf ("c%s%u", line[l], i);
          g_autofree char *from = g_strdup_printf ("%s%u", line[l], i - 1);
          g_autofree char *to = g_strdup_printf ("%s%u", line[l], i);
          hr_netlist_add_inductor (nl, ind, from, to, 2.5e-9, NULL);
          hr_netlist_add_capacitor (nl, cap, to, "0", 1e-12, NULL);
        }
      {
        g_autofree char *la = g_strdup_printf ("la%u", i), *lv = g_strdup_printf ("lv%u", i);
        hr_netlist_add_mutual (nl, k, la, lv, 0.2, NULL);
      }
      hr_netlist_add_capacitor (nl, cm, ia, iv, 0.15e-12, NULL);
    }
  hr_netlist_add_tran (nl, 5e-12, 6e-9, 0, 5e-12, FALSE, NULL);
  hr_netlist_add_output_voltage (nl, "a20", NULL);
  hr_netlist_add_output_voltage (nl, "v0", NULL);
  hr_netlist_add_output_voltage (nl, "v20", NULL);
  c = case_new (nl, "time", vectors);

  printf ("\n3. Two-line crosstalk transient: 2 x 20 lumped LC sections (2.5 nH, 1 pF; K = 0.2, "
          "0.15 pF between the lines),\n   1 V step with 200 ps edges, .tran 5 ps 6 ns "
          "(tmax = tstep). Lumped: both engines run the very same\n   elements (3b below is a "
          "coupled line). v(a20) aggressor far end, v(v0) NEXT, v(v20) FEXT.\n");
  measure (b, c);
  print_tran_accuracy (c);
  for (guint k = 0; k < N_ENGINES; k++)
    per[k] = c->first[k] ? MAX (1, c->first[k]->n - 1) : 1;
  print_times (c, "per step", per);
}

/* Case 3b: the same kind of crosstalk on one coupled pair (P, hr_netlist_add_coupled_lines),
 * which the native engine solves by modes and ngspice by its CPL model. Per metre L = 300 nH,
 * Lm = 30 nH and C = 120 pF, Cm = 6 pF (Maxwell form: C12 = -Cm), 20 cm: Ze = 53.8 Ohm,
 * Zo = 46.3 Ohm, delays 1.23 and 1.17 ns. Every end is terminated in sqrt(Ze Zo) = 49.9 Ohm,
 * the aggressor driven through it by a 1 V step with 200 ps edges. */
#define CPL_L    300e-9
#define CPL_LM   30e-9
#define CPL_C    120e-12
#define CPL_CM   6e-12
#define CPL_LEN  0.2

static HrNetlist *
coupled_pair (void)
{
  HrNetlist *nl = hr_netlist_new ("bench-cpl");
  const double l[] = { CPL_L, CPL_LM, CPL_LM, CPL_L }, c[] = { CPL_C, -CPL_CM, -CPL_CM, CPL_C };
  const char *near[] = { "an", "vn", NULL }, *far[] = { "af", "vf", NULL };
  const double ze = sqrt ((CPL_L + CPL_LM) / (CPL_C - CPL_CM));
  const double zo = sqrt ((CPL_L - CPL_LM) / (CPL_C + CPL_CM));
  const double r = sqrt (ze * zo);

  hr_netlist_set_option (nl, "reltol", SAME_RELTOL, NULL);
  hr_netlist_add_vsource (nl, "vsrc", "src", "0", 0, NULL);
  hr_netlist_set_source_pulse (nl, "vsrc", 0, 1, 0.5e-9, 200e-12, 200e-12, 10e-9, 0, NULL);
  hr_netlist_add_resistor (nl, "rsrc", "src", "an", r, NULL);
  hr_netlist_add_resistor (nl, "rnear_v", "vn", "0", r, NULL);
  hr_netlist_add_coupled_lines (nl, "p1", 2, near, far, "0", "0", l, c, NULL, NULL, CPL_LEN, 0,
                                NULL);
  hr_netlist_add_resistor (nl, "rfar_a", "af", "0", r, NULL);
  hr_netlist_add_resistor (nl, "rfar_v", "vf", "0", r, NULL);
  /* tmax 5 ps as in tests/test-native-lines.c: on its pair ngspice's CPL rounded the far-end
   * pulse's corners by 2.6 mV at its default step (10 ps there), by 1.2 mV at 5 ps. */
  hr_netlist_add_tran (nl, 5e-12, 6e-9, 0, 5e-12, FALSE, NULL);
  hr_netlist_add_output_voltage (nl, "af", NULL);
  hr_netlist_add_output_voltage (nl, "vn", NULL);
  hr_netlist_add_output_voltage (nl, "vf", NULL);
  return nl;
}

static const char *const coupled_pair_vectors[] = { "v(af)", "v(vn)", "v(vf)", NULL };

static double
coupled_pair_ramp (double t)
{
  return CLAMP ((t - 0.5e-9) / 200e-12, 0, 1);
}

/* The victim's exact near and far voltages at T < coupled_pair_exact (0, NULL, NULL), the
 * time returned, before anything comes back from the far end (t0 + 2 min(te, to)): the
 * source behind R launches each mode through the divider Z/(Z + R), and the far end
 * transmits it into R by 2R/(R + Z). So the difference between the engines can be put on
 * one of them. */
static double
coupled_pair_exact (double t, double *near, double *far)
{
  const double ze = sqrt ((CPL_L + CPL_LM) / (CPL_C - CPL_CM));
  const double zo = sqrt ((CPL_L - CPL_LM) / (CPL_C + CPL_CM));
  const double r = sqrt (ze * zo);
  const double te = CPL_LEN * sqrt ((CPL_L + CPL_LM) * (CPL_C - CPL_CM));
  const double to = CPL_LEN * sqrt ((CPL_L - CPL_LM) * (CPL_C + CPL_CM));
  const double de = ze / (ze + r), dd = zo / (zo + r);
  const double fe = de * 2 * r / (r + ze), fo = dd * 2 * r / (r + zo);

  if (near != NULL)
    *near = 0.5 * (de - dd) * coupled_pair_ramp (t);
  if (far != NULL)
    *far = 0.5 * (fe * coupled_pair_ramp (t - te) - fo * coupled_pair_ramp (t - to));
  return 0.5e-9 + 2 * MIN (te, to);
}

/* Largest |victim - exact| at W's own points, near and far end. */
static void
print_coupled_pair_exact (const char *label, const Waves *w)
{
  const double until = coupled_pair_exact (0, NULL, NULL);
  double near = 0, far = 0, vn, vf;

  for (guint i = 0; i < w->n && w->scale[i] < until; i++)
    {
      coupled_pair_exact (w->scale[i], &vn, &vf);
      near = MAX (near, fabs (w->y[1][i] - vn));
      far = MAX (far, fabs (w->y[2][i] - vf));
    }
  printf ("      %-19s v(vn) %.2g V, v(vf) %.2g V\n", label, near, far);
}

/* ngspice 39.3's CPL corrupts the instance that ran it (ngspice-notes §6): in one
 * libngspice the third run of this very deck aborts in malloc ("malloc_consolidate():
 * invalid chunk size"), and the cases after it would run on a damaged heap. So every
 * in-process run of this case is made in a forked copy of the bench, as the large meshes
 * are: the child inherits the loaded library, clean, and is timed around the same calls as
 * in-process runs. The fork is not in the time, but the child's copy-on-write faults are:
 * on the 10 x 10 mesh (~14 ms) a forked run took 1-15 % longer than one in-process, so the
 * ratio leans that much towards the native engine. The pool retires its worker after every
 * CPL job (job_is_hazardous in sim/ngspice/engine-ngspice.c), so each pool run includes
 * starting a fresh worker. */
static void
bench_crosstalk_cpl (Bench *b)
{
  g_autoptr(HrNetlist) nl = coupled_pair ();
  g_autoptr(Case) c = case_new (nl, "time", coupled_pair_vectors);
  double per[N_ENGINES];

  c->fork_each = TRUE;
  printf ("\n3b. Coupled-line crosstalk transient: one lossless pair (P; native: modes, "
          "ngspice: CPL), 20 cm, per metre\n    L = 300 nH, Lm = 30 nH, C = 120 pF, Cm = 6 pF "
          "(Ze 53.8, Zo 46.3 Ohm), every end in 49.9 Ohm, 1 V step with\n    200 ps edges, "
          ".tran 5 ps 6 ns (tmax = tstep). v(af) aggressor far end, v(vn) NEXT, v(vf) FEXT.\n"
          "    ngspice in-process: every run in a fork()ed child (39.3's CPL corrupts its "
          "instance: the 3rd run in one\n    process aborts); pool: a fresh worker per run "
          "(the pool retires it after a CPL job), its start timed.\n");
  measure (b, c);
  print_tran_accuracy (c);
  {
    const double until = coupled_pair_exact (0, NULL, NULL);
    double peak_near = 0, peak_far = 0, vn, vf;
    for (double t = 0; t < until; t += 1e-12)
      {
        coupled_pair_exact (t, &vn, &vf);
        peak_near = MAX (peak_near, fabs (vn)), peak_far = MAX (peak_far, fabs (vf));
      }
    printf ("    against the closed even/odd-mode solution before the first reflection "
            "returns (t < %.2f ns; NEXT\n    peaks at %.1f mV, FEXT at %.1f mV): "
            "max |engine - exact|\n", 1e9 * until, 1e3 * peak_near, 1e3 * peak_far);
  }
  for (guint k = ENG_NATIVE; k <= ENG_INPROC; k++)
    if (c->first[k] != NULL)
      print_coupled_pair_exact (engine_label[k], c->first[k]);
  for (guint k = 0; k < N_ENGINES; k++)
    per[k] = c->first[k] ? MAX (1, c->first[k]->n - 1) : 1;
  print_times (c, "per step", per);
}

/* An N x N mesh of 100 Ohm resistors with 1 pF from every node to ground (a coarse ITO
 * film: ~100 Ohm per square), a 1 V step with 1 ns rise at the corner m0_0,
 * .tran 0.5 ns 100 ns with tmax 0.5 ns: at least 200 steps at every size. */
static HrNetlist *
rc_mesh (guint n)
{
  HrNetlist *nl = hr_netlist_new ("bench-mesh");
  char a[32], z[32], name[48];

  hr_netlist_set_option (nl, "reltol", SAME_RELTOL, NULL);
  hr_netlist_add_vsource (nl, "vdrv", "m0_0", "0", 0, NULL);
  hr_netlist_set_source_pulse (nl, "vdrv", 0, 1, 0, 1e-9, 1e-9, 1e-6, 0, NULL);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        g_snprintf (a, sizeof a, "m%u_%u", i, j);
        g_snprintf (name, sizeof name, "c%u_%u", i, j);
        hr_netlist_add_capacitor (nl, name, a, "0", 1e-12, NULL);
        if (j + 1 < n)
          {
            g_snprintf (z, sizeof z, "m%u_%u", i, j + 1);
            g_snprintf (name, sizeof name, "rh%u_%u", i, j);
            hr_netlist_add_resistor (nl, name, a, z, 100, NULL);
          }
        if (i + 1 < n)
          {
            g_snprintf (z, sizeof z, "m%u_%u", i + 1, j);
            g_snprintf (name, sizeof name, "rv%u_%u", i, j);
            hr_netlist_add_resistor (nl, name, a, z, 100, NULL);
          }
      }
  hr_netlist_add_tran (nl, 0.5e-9, 100e-9, 0, 0.5e-9, FALSE, NULL);
  hr_netlist_add_output_voltage (nl, "m0_1", NULL);
  hr_netlist_add_output_voltage (nl, "m3_3", NULL);
  return nl;
}

typedef struct {
  guint  side;
  double us_per_step[N_ENGINES];  /* NAN: not measured */
  guint  steps[N_ENGINES];
} MeshRow;

static double
growth (const MeshRow *prev, const MeshRow *row, EngineKind k)
{
  double nodes_ratio;
  if (prev == NULL || isnan (prev->us_per_step[k]) || isnan (row->us_per_step[k]))
    return NAN;
  nodes_ratio = (double) row->side * row->side / ((double) prev->side * prev->side);
  return log (row->us_per_step[k] / prev->us_per_step[k]) / log (nodes_ratio);
}

static void
print_mesh_table (const MeshRow *rows, guint n_rows)
{
  printf ("\n    RC mesh, time per transient step (median wall time of a whole run / steps "
          "taken; steps = time points - 1)\n");
  printf ("    %7s | %6s %10s %6s | %6s %10s %6s | %8s | %10s\n", "nodes", "steps",
          "native", "growth", "steps", "ngspice", "growth", "ng/nat", "pool");
  printf ("    %7s | %6s %10s %6s | %6s %10s %6s | %8s | %10s\n", "", "native", "us/step",
          "exp", "ngsp", "in-proc", "exp", "", "us/step");
  for (guint r = 0; r < n_rows; r++)
    {
      const MeshRow *row = &rows[r], *prev = r ? &rows[r - 1] : NULL;
      double gn = prev ? growth (prev, row, ENG_NATIVE) : NAN;
      double gi = prev ? growth (prev, row, ENG_INPROC) : NAN;
      char gn_s[16] = "-", gi_s[16] = "-", ng_s[16] = "skipped", ns_s[16] = "-";
      char ratio_s[16] = "-", pool_s[16] = "-", nat_s[16] = "failed";

      if (!isnan (gn))
        g_snprintf (gn_s, sizeof gn_s, "%.2f", gn);
      if (!isnan (gi))
        g_snprintf (gi_s, sizeof gi_s, "%.2f", gi);
      if (!isnan (row->us_per_step[ENG_NATIVE]))
        g_snprintf (nat_s, sizeof nat_s, "%.1f", row->us_per_step[ENG_NATIVE]);
      if (!isnan (row->us_per_step[ENG_INPROC]))
        {
          g_snprintf (ng_s, sizeof ng_s, "%.1f", row->us_per_step[ENG_INPROC]);
          g_snprintf (ns_s, sizeof ns_s, "%u", row->steps[ENG_INPROC]);
          if (!isnan (row->us_per_step[ENG_NATIVE]))
            g_snprintf (ratio_s, sizeof ratio_s, "%.1fx",
                        row->us_per_step[ENG_INPROC] / row->us_per_step[ENG_NATIVE]);
        }
      if (!isnan (row->us_per_step[ENG_POOL]))
        g_snprintf (pool_s, sizeof pool_s, "%.1f", row->us_per_step[ENG_POOL]);
      printf ("    %7u | %6u %10s %6s | %6s %10s %6s | %8s | %10s\n", row->side * row->side,
              row->steps[ENG_NATIVE], nat_s, gn_s, ns_s, ng_s, gi_s, ratio_s, pool_s);
    }
  printf ("    growth exp = log(time-per-step ratio) / log(node-count ratio) from the row "
          "above; 1.00 is linear.\n    ng/nat = ngspice in-process / native, per step.\n");
}

static void
bench_rc_mesh (Bench *b, guint max_side)
{
  static const char *const vectors[] = { "v(m0_1)", "v(m3_3)", NULL };
  static const guint sides[] = { 10, 30, 100, 300 };
  MeshRow rows[G_N_ELEMENTS (sides)];
  guint n_rows = 0;

  printf ("\n4. RC mesh (ITO-like): N x N nodes, 100 Ohm between neighbours, 1 pF to ground "
          "at each node, 1 V step\n   (1 ns rise) at a corner, .tran 0.5 ns 100 ns with tmax "
          "0.5 ns (>= 200 steps); compared at v(m0_1), v(m3_3)\n");
  for (guint s = 0; s < G_N_ELEMENTS (sides) && sides[s] <= max_side; s++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(HrNetlist) nl = rc_mesh (sides[s]);
      double build_s = (g_get_monotonic_time () - t0) / 1e6;
      g_autoptr(Case) c = case_new (nl, "time", vectors);
      MeshRow *row = &rows[n_rows];
      double predicted = NAN;

      printf ("\n  %u x %u = %u nodes (netlist built in %.2f s; %u resistors, %u capacitors)\n",
              sides[s], sides[s], sides[s] * sides[s], build_s,
              2 * sides[s] * (sides[s] - 1), sides[s] * sides[s]);
      fflush (stdout);
      if (n_rows >= 1 && sides[s] >= 300
          && 1e-6 * rows[n_rows - 1].us_per_step[ENG_INPROC] * rows[n_rows - 1].steps[ENG_INPROC]
             > NGSPICE_LIMIT_S)
        {
          /* A larger mesh is not faster: no need to wait for the deadline to prove it. */
          printf ("    ngspice skipped: it took %.0f s at %u nodes already, more than the %.0f s "
                  "limit\n", 1e-6 * rows[n_rows - 1].us_per_step[ENG_INPROC]
                  * rows[n_rows - 1].steps[ENG_INPROC], sides[s - 1] * sides[s - 1],
                  NGSPICE_LIMIT_S);
          c->skip[ENG_INPROC] = c->skip[ENG_POOL] = TRUE;
        }
      else if (n_rows >= 2 && !isnan (rows[n_rows - 1].us_per_step[ENG_INPROC]))
        {
          /* time per step grows with the node count to the last exponent seen */
          double g = MAX (1.0, growth (&rows[n_rows - 2], &rows[n_rows - 1], ENG_INPROC));
          double ratio = (double) sides[s] * sides[s]
                         / ((double) sides[s - 1] * sides[s - 1]);
          predicted = 1e-6 * rows[n_rows - 1].us_per_step[ENG_INPROC]
                      * rows[n_rows - 1].steps[ENG_INPROC] * pow (ratio, g);
        }
      else if (n_rows >= 1 && isnan (rows[n_rows - 1].us_per_step[ENG_INPROC]))
        {
          printf ("    ngspice skipped: it took more than %.0f s (or failed) at the smaller "
                  "mesh\n", NGSPICE_LIMIT_S);
          c->skip[ENG_INPROC] = c->skip[ENG_POOL] = TRUE;
        }
      if (predicted > 5)
        {
          /* Too long to repeat: one in-process run, forked so that it can be stopped (the
           * issue's limit at the largest mesh); the pool is left out. */
          c->deadline_s = sides[s] >= 300 ? NGSPICE_LIMIT_S : NGSPICE_SAFETY_S;
          printf ("    (ngspice predicted at %.0f s from the smaller meshes: run once, in a "
                  "forked copy of this process, stopped after %.0f s; the pool not run)\n",
                  predicted, c->deadline_s);
        }
      measure (b, c);
      print_tran_accuracy (c);
      row->side = sides[s];
      for (guint k = 0; k < N_ENGINES; k++)
        {
          row->steps[k] = c->first[k] ? MAX (1, c->first[k]->n - 1) : 0;
          row->us_per_step[k] = c->first[k] ? 1e6 * c->median_s[k] / row->steps[k] : NAN;
        }
      print_times (c, "per step", (double[N_ENGINES]) { row->steps[0], row->steps[1],
                                                        row->steps[2] });
      n_rows++;
      fflush (stdout);
    }
  print_mesh_table (rows, n_rows);
}

/* ---- 4b. a nonlinear transient: ring oscillator ---------------------------------------- */

/* tests/test-native.c's 3-stage ring: level-1 inverters (VTO 0.6 V, KP 100/50 u, LAMBDA
 * 0.02; W/L 10/1 and 20/1 um) with junction and overlap capacitances and 20 fF per stage,
 * kicked by a 100 uA pulse; .tran 1p 2n with tmax 5 ps, about 7 periods of 283 ps. */
static HrNetlist *
ring_oscillator (void)
{
  static const char *const models[] = { "nch", "pch" };
  HrNetlist *nl = hr_netlist_new ("bench-ring");

  hr_netlist_set_option (nl, "reltol", SAME_RELTOL, NULL);
  hr_netlist_add_model (nl, "nch", HR_MODEL_NMOS, 1, NULL);
  hr_netlist_set_model_param (nl, "nch", "vto", 0.6, NULL);
  hr_netlist_set_model_param (nl, "nch", "kp", 100e-6, NULL);
  hr_netlist_add_model (nl, "pch", HR_MODEL_PMOS, 1, NULL);
  hr_netlist_set_model_param (nl, "pch", "vto", -0.6, NULL);
  hr_netlist_set_model_param (nl, "pch", "kp", 50e-6, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      hr_netlist_set_model_param (nl, models[i], "lambda", 0.02, NULL);
      hr_netlist_set_model_param (nl, models[i], "cbd", 10e-15, NULL);
      hr_netlist_set_model_param (nl, models[i], "cbs", 10e-15, NULL);
      hr_netlist_set_model_param (nl, models[i], "pb", 0.9, NULL);
      hr_netlist_set_model_param (nl, models[i], "mj", 0.4, NULL);
      hr_netlist_set_model_param (nl, models[i], "cgso", 2e-10, NULL);
      hr_netlist_set_model_param (nl, models[i], "cgdo", 2e-10, NULL);
      hr_netlist_set_model_param (nl, models[i], "cgbo", 1e-10, NULL);
    }
  hr_netlist_add_vsource (nl, "vdd", "vdd", "0", 3.3, NULL);
  for (int k = 1; k <= 3; k++)
    {
      g_autofree char *in = g_strdup_printf ("n%d", k);
      g_autofree char *out = g_strdup_printf ("n%d", k % 3 + 1);
      g_autofree char *mn = g_strdup_printf ("mn%d", k), *mp = g_strdup_printf ("mp%d", k);
      g_autofree char *c = g_strdup_printf ("c%d", k);
      hr_netlist_add_mosfet (nl, mn, out, in, "0", "0", "nch", 10e-6, 1e-6, NULL);
      hr_netlist_add_mosfet (nl, mp, out, in, "vdd", "vdd", "pch", 20e-6, 1e-6, NULL);
      hr_netlist_add_capacitor (nl, c, out, "0", 20e-15, NULL);
    }
  hr_netlist_add_isource (nl, "ikick", "0", "n1", 0, NULL);
  hr_netlist_set_source_pulse (nl, "ikick", 0, 100e-6, 50e-12, 10e-12, 10e-12, 100e-12, 0,
                               NULL);
  hr_netlist_add_tran (nl, 1e-12, 2e-9, 0, 5e-12, FALSE, NULL);
  hr_netlist_add_output_voltage (nl, "n1", NULL);
  hr_netlist_add_output_voltage (nl, "n2", NULL);
  return nl;
}

static void
bench_ring (Bench *b)
{
  static const char *const vectors[] = { "v(n1)", "v(n2)", NULL };
  g_autoptr(HrNetlist) nl = ring_oscillator ();
  g_autoptr(Case) c = case_new (nl, "time", vectors);
  double per[N_ENGINES];

  printf ("\n4b. Ring oscillator (nonlinear transient): 3 level-1 CMOS inverters with junction "
          "and overlap\n    capacitances, 20 fF per stage, kicked by a 100 uA pulse; .tran 1p "
          "2n, tmax 5 ps (about 7 periods)\n");
  measure (b, c);
  print_tran_accuracy (c);
  for (guint k = 0; k < N_ENGINES; k++)
    per[k] = c->first[k] ? MAX (1, c->first[k]->n - 1) : 1;
  print_times (c, "per step", per);
}

/* ---- 5. Monte Carlo ------------------------------------------------------------------- */

/* The motivation: "a Monte Carlo of ten thousand samples takes seconds". Each sample
 * is the bench's inverter with every transistor's VTO and KP drawn (Gaussian, sigma 30 mV
 * and 5 %, GLib's Mersenne twister seeded with 1), swept 0..1.8 V by 1 mV; VM, VIL and VIH
 * are read from each curve. */
#define MC_SAMPLES     10000
#define MC_NGSPICE     200     /* samples also run on in-process ngspice */

typedef struct {
  double p[MC_SAMPLES][4];     /* vto n, kp n, vto p, kp p */
  double m[MC_SAMPLES][3];     /* VM, VIL, VIH (native) */
  HrEngine *engine;
  gint   next;
  gint   failed;
} MonteCarlo;

static double
gaussian (GRand *r)
{
  /* Box-Muller; 1 - u keeps log away from 0 */
  double u = 1 - g_rand_double (r), v = g_rand_double (r);
  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static void
mc_measures (const double *x, const double *y, guint n, double out[3])
{
  out[0] = vtc_vm (x, y, n);
  out[1] = vtc_unity_gain (x, y, n, TRUE);
  out[2] = vtc_unity_gain (x, y, n, FALSE);
}

static gpointer
mc_thread (gpointer data)
{
  MonteCarlo *mc = data;
  int i;
  while ((i = g_atomic_int_add (&mc->next, 1)) < MC_SAMPLES)
    {
      g_autoptr(HrNetlist) nl = inverter_vtc_with (mc->p[i][0], mc->p[i][1], mc->p[i][2],
                                                   mc->p[i][3]);
      g_autoptr(HrSimResult) res = hr_engine_run (mc->engine, nl, NULL, NULL, NULL, NULL);
      const HrSimVector *vx, *vy;
      const double *x;
      guint n = 0;
      if (res == NULL || (vx = hr_sim_result_get_vector (res, "v-sweep", NULL)) == NULL
          || (vy = hr_sim_result_get_vector (res, "v(out)", NULL)) == NULL)
        {
          g_atomic_int_inc (&mc->failed);
          continue;
        }
      x = hr_sim_vector_get_real (vx, &n);
      mc_measures (x, hr_sim_vector_get_real (vy, NULL), n, mc->m[i]);
    }
  return NULL;
}

static void
mc_stats (const char *label, MonteCarlo *mc, int k)
{
  double sum = 0, sq = 0, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  for (int i = 0; i < MC_SAMPLES; i++)
    {
      sum += mc->m[i][k], sq += mc->m[i][k] * mc->m[i][k];
      lo = MIN (lo, mc->m[i][k]), hi = MAX (hi, mc->m[i][k]);
    }
  sum /= MC_SAMPLES, sq /= MC_SAMPLES;
  printf ("      %-4s mean %.4f V, sigma %.4f V, range %.4f .. %.4f V\n", label, sum,
          sqrt (MAX (0, sq - sum * sum)), lo, hi);
}

static void
bench_monte_carlo (Bench *b)
{
  static const char *const vectors[] = { "v(out)", NULL };
  g_autofree MonteCarlo *mc = g_new0 (MonteCarlo, 1);
  g_autoptr(GRand) r = g_rand_new_with_seed (1);
  const guint threads = MAX (1, g_get_num_processors ());
  GThread *th[64];
  double t_native, t_ng = 0, worst[3] = { 0 };
  gint64 t0;
  guint n_th = MIN (threads, G_N_ELEMENTS (th));

  printf ("\n5. Monte Carlo: %d inverter transfer curves (1801 points each), VTO and KP of both "
          "transistors drawn\n   (Gaussian, sigma 30 mV and 5 %%, seed 1); VM, VIL, VIH of "
          "each. Native: %u threads on one engine; ngspice\n   in-process (one instance, not "
          "reentrant): the first %d samples, one at a time.\n", MC_SAMPLES, n_th,
          MC_NGSPICE);
  for (int i = 0; i < MC_SAMPLES; i++)
    {
      mc->p[i][0] = 0.45 + 0.03 * gaussian (r);
      mc->p[i][1] = 200e-6 * (1 + 0.05 * gaussian (r));
      mc->p[i][2] = -0.45 + 0.03 * gaussian (r);
      mc->p[i][3] = 80e-6 * (1 + 0.05 * gaussian (r));
    }
  mc->engine = b->native;
  t0 = g_get_monotonic_time ();
  for (guint k = 0; k < n_th; k++)
    th[k] = g_thread_new ("mc", mc_thread, mc);
  for (guint k = 0; k < n_th; k++)
    g_thread_join (th[k]);
  t_native = (g_get_monotonic_time () - t0) / 1e6;
  if (mc->failed > 0)
    {
      printf ("    native: %d samples failed\n", mc->failed);
      return;
    }
  for (int i = 0; i < MC_NGSPICE; i++)
    {
      g_autoptr(HrNetlist) nl = inverter_vtc_with (mc->p[i][0], mc->p[i][1], mc->p[i][2],
                                                   mc->p[i][3]);
      g_autoptr(Case) c = case_new (nl, "v-sweep", vectors);
      g_autoptr(GError) error = NULL;
      double parse_s, m[3];
      Waves *w;
      t0 = g_get_monotonic_time ();
      w = ng_inproc_run (b->ng, c->deck, c->scale, c->vectors, &parse_s, &error);
      t_ng += (g_get_monotonic_time () - t0) / 1e6;
      if (w == NULL)
        {
          printf ("    ngspice in-process failed on sample %d: %s\n", i, error->message);
          return;
        }
      mc_measures (w->scale, w->y[0], w->n, m);
      for (int k = 0; k < 3; k++)
        worst[k] = MAX (worst[k], fabs (m[k] - mc->m[i][k]));
      waves_free (w);
    }
  printf ("    accuracy on the %d common samples, max |native - ngspice|: VM %.2g V, VIL %.2g V, "
          "VIH %.2g V (bound 1 mV)\n", MC_NGSPICE, worst[0], worst[1], worst[2]);
  printf ("    distribution over %d samples (native):\n", MC_SAMPLES);
  mc_stats ("VM", mc, 0);
  mc_stats ("VIL", mc, 1);
  mc_stats ("VIH", mc, 2);
  printf ("    native:             %d samples in %.2f s on %u threads (%.3f ms per sample per "
          "thread)\n", MC_SAMPLES, t_native, n_th, 1e3 * t_native * n_th / MC_SAMPLES);
  printf ("    ngspice in-process: %d samples in %.2f s (%.3f ms per sample): %d would take "
          "%.1f s on one\n                        instance, %.1f s on %u (as %u pool "
          "workers, without their overhead)\n", MC_NGSPICE, t_ng, 1e3 * t_ng / MC_NGSPICE,
          MC_SAMPLES, t_ng * MC_SAMPLES / MC_NGSPICE, t_ng * MC_SAMPLES / MC_NGSPICE / n_th,
          n_th, n_th);
  printf ("    => %d samples: native %.2f s against ngspice %.1f s on the same cores (%.1fx)\n",
          MC_SAMPLES, t_native, t_ng * MC_SAMPLES / MC_NGSPICE / n_th,
          t_ng * MC_SAMPLES / MC_NGSPICE / n_th / t_native);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_dir_make_tmp ("hr-bench-native-XXXXXX", NULL);
  Bench b = { 0 };
  guint max_side = 300;
  gint64 t0 = g_get_monotonic_time ();

  b.target_s = 0.8;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--quick"))
      b.target_s = 0.2;
    else if (g_str_equal (argv[i], "--max-mesh") && i + 1 < argc)
      max_side = (guint) atoi (argv[++i]);
    else
      {
        fprintf (stderr, "usage: %s [--quick] [--max-mesh N]\n", argv[0]);
        return 2;
      }
  if (empty == NULL || (b.ng = ng_inproc_new (empty, &error)) == NULL
      || (b.pool = hr_engine_ngspice_new (1, &error)) == NULL)
    {
      fprintf (stderr, "bench-native: %s\n", error ? error->message : "no temp directory");
      return 2;
    }
  b.native = hr_engine_native_new ();

  printf ("bench-native: the native engine against ngspice 39 in one run (%u cores; medians; "
          "ratios are ngspice time / native time)\n", g_get_num_processors ());
  printf ("  native:             hr_engine_native_new (), hr_engine_run () + vectors copied\n"
          "  ngspice in-process: libngspice.so.0 dlopen()ed by this bench, set num_threads=1;"
          " ngSpice_Circ of\n"
          "                      hr_netlist_to_spice ()'s text + one .save line of the "
          "compared vectors, run, vectors\n"
          "                      copied, destroy all + remcirc: no process or pipe overhead\n"
          "  ngspice pool:       hr_engine_ngspice_new (1), a warm worker process (for "
          "reference: adds the socket)\n"
          "  every netlist sets reltol = %g on both engines\n", SAME_RELTOL);
  fflush (stdout);

  bench_inverter (&b);
  bench_rc_ladder (&b, 10e-12);
  bench_rc_ladder (&b, 1e-12);
  bench_crosstalk (&b);
  bench_crosstalk_cpl (&b);
  bench_rc_mesh (&b, max_side);
  bench_ring (&b);
  bench_monte_carlo (&b);

  printf ("\nbench-native: done in %.0f s\n", (g_get_monotonic_time () - t0) / 1e6);
  g_object_unref (b.pool);
  g_object_unref (b.native);
  g_rmdir (empty);
  /* The in-process libngspice stays loaded: 39.3 sometimes crashes in its exit handlers
   * when unloaded (see sim/ngspice/worker.c), so leave without dlclose(). */
  fflush (stdout);
  _exit (0);
}
