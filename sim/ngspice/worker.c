/* worker.c — headroom-ngspice-worker: one libngspice in one process, fed jobs over fd 3.
 *
 * Started by the pool (engine-ngspice.c) in an empty private directory with HOME pointing
 * there, LC_ALL=C, stdin from /dev/null and stdout/stderr to a log file beside it. The
 * protocol is in wire.h. libngspice is dlopen()ed, never linked: a crash or a corrupt
 * instance takes down only this process, and the pool starts a fresh one.
 *
 * For each job: ngSpice_Circ (netlist from memory), then one interactive command per
 * analysis in the foreground (the parent enforces deadlines and cancellation with SIGKILL),
 * failure detection (ngspice's run returns 0 even when the analysis fails: we look at
 * stderr for "Error"/"error:"/"aborted", at ControlledExit, at the current plot not moving,
 * at missing or short vectors), vectors copied out, then "destroy all" + "remcirc" +
 * ngSpice_Command(NULL), the sequence that keeps memory flat over thousands of jobs. After
 * a ControlledExit or a parse error, or when the job says so (CPL), the worker exits after
 * replying: 39.3 may be corrupt then. */
#include "wire.h"
#include "headroom-sim.h"

#include <dlfcn.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdbool.h>
#include <ngspice/sharedspice.h>

typedef int (*InitFn) (SendChar *, SendStat *, ControlledExit *, SendData *, SendInitData *,
                       BGThreadRunning *, void *);
typedef int (*CircFn) (char **);
typedef int (*CommandFn) (char *);
typedef pvector_info (*VecInfoFn) (char *);
typedef char *(*CurPlotFn) (void);
typedef char **(*AllVecsFn) (char *);

#define MAX_LOG_BYTES (256 * 1024)
#define MAX_ERROR_LINES 24

static struct {
  int        fd;
  GMutex     write_lock;
  CircFn     circ;
  CommandFn  command;
  VecInfoFn  vec_info;
  CurPlotFn  cur_plot;
  AllVecsFn  all_vecs;
  GString   *log;
  GPtrArray *stderr_lines;   /* of the current phase */
  gboolean   failed;         /* an error keyword was seen in this phase */
  gboolean   exited;         /* ControlledExit was called */
  double     base, span;     /* progress mapping of the current analysis */
} W;

static void
send_message (GByteArray *msg)
{
  hr_wire_finish (msg);
  g_mutex_lock (&W.write_lock);
  if (!hr_wire_write_all (W.fd, msg->data, msg->len))
    _exit (3); /* the pool is gone */
  g_mutex_unlock (&W.write_lock);
}

static int
on_char (char *line, int id, void *user)
{
  gboolean is_err = g_str_has_prefix (line, "stderr ");
  const char *text = line;

  if (is_err || g_str_has_prefix (line, "stdout "))
    text += 7;
  if (W.log->len < MAX_LOG_BYTES)
    {
      g_string_append (W.log, text);
      g_string_append_c (W.log, '\n');
    }
  if (is_err)
    {
      if (strstr (text, "Error") != NULL || strstr (text, "error:") != NULL
          || strstr (text, "aborted") != NULL)
        W.failed = TRUE;
      if (W.stderr_lines->len < MAX_ERROR_LINES && *text != '\0')
        g_ptr_array_add (W.stderr_lines, g_strdup (text));
    }
  return 0;
}

static int
on_stat (char *status, int id, void *user)
{
  g_autoptr(GByteArray) msg = g_byte_array_new ();
  double frac = 0;
  g_autofree char *phase = g_strdup (status);
  char *colon = strchr (phase, ':');

  if (g_str_equal (status, "--ready--"))
    {
      frac = 1;
      g_free (phase);
      phase = g_strdup ("ready");
    }
  else if (colon != NULL)
    {
      *colon = '\0';
      frac = g_ascii_strtod (colon + 1, NULL) / 100.0;
      frac = CLAMP (frac, 0.0, 1.0);
    }
  hr_wire_begin (msg, HR_MSG_PROGRESS);
  hr_wire_put_f64 (msg, W.base + W.span * frac);
  hr_wire_put_str (msg, phase);
  send_message (msg);
  return 0;
}

static int
on_controlled_exit (int status, NG_BOOL immediate, NG_BOOL quit, int id, void *user)
{
  /* ngspice longjmps back into ngSpice_Circ/ngSpice_Command after this returns. */
  W.exited = TRUE;
  W.failed = TRUE;
  return 0;
}

static int
on_bg_thread (NG_BOOL finished, int id, void *user)
{
  return 0;
}

static void
phase_reset (void)
{
  g_ptr_array_set_size (W.stderr_lines, 0);
  W.failed = FALSE;
}

static HrSimError
classify (gboolean parsing)
{
  g_autoptr(GString) all = g_string_new (NULL);
  for (guint i = 0; i < W.stderr_lines->len; i++)
    {
      g_autofree char *low = g_ascii_strdown (g_ptr_array_index (W.stderr_lines, i), -1);
      g_string_append (all, low);
      g_string_append_c (all, '\n');
    }
  if (strstr (all->str, "singular") != NULL)
    return HR_SIM_ERROR_SINGULAR;
  if (strstr (all->str, "timestep too small") != NULL)
    return HR_SIM_ERROR_TIMESTEP;
  if (strstr (all->str, "convergence") != NULL || strstr (all->str, "stepping failed") != NULL
      || strstr (all->str, "iteration limit") != NULL)
    return HR_SIM_ERROR_CONVERGENCE;
  return parsing ? HR_SIM_ERROR_PARSE : HR_SIM_ERROR_ANALYSIS;
}

/* ngspice's own lines for the error message: stderr of the failing phase, without the
 * gmin-stepping chatter and repeats. */
static char *
error_text (const char *fallback)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint shown = 0;

  for (guint i = 0; i < W.stderr_lines->len; i++)
    {
      const char *l = g_ptr_array_index (W.stderr_lines, i);
      const char *w = strstr (l, "Warning:");
      if (g_str_has_prefix (l, "Trying gmin") || g_str_has_prefix (l, "Trying source"))
        {
          if (w == NULL)
            continue;
          l = w;
        }
      if (g_str_has_prefix (l, "Note:") || strstr (l, "cannot recover and awaits") != NULL
          || strstr (l, "gmin increment") != NULL || strstr (l, "source step") != NULL
          || !g_hash_table_add (seen, (gpointer) l))
        continue;
      if (++shown > 12)
        {
          g_string_append (s, "\n  ...");
          break;
        }
      g_string_append_printf (s, "%s%s", s->len ? "\n  " : "", l);
    }
  if (s->len == 0)
    g_string_append (s, fallback);
  return g_string_free (s, FALSE);
}

static void
send_error (HrSimError code, gboolean exits, const char *phase, const char *message)
{
  g_autoptr(GByteArray) msg = g_byte_array_new ();
  hr_wire_begin (msg, HR_MSG_ERROR);
  hr_wire_put_u32 (msg, code);
  hr_wire_put_u32 (msg, exits);
  hr_wire_put_str (msg, phase);
  hr_wire_put_str (msg, message);
  hr_wire_put_str (msg, W.log->str);
  send_message (msg);
}

static void
cleanup_circuit (void)
{
  W.command ((char *) "destroy all");
  W.command ((char *) "remcirc");
  W.command (NULL);
}

/* Appends vector NAME of the current plot to MSG; FALSE if it is missing or not LENGTH long
 * (LENGTH 0: any; the first vector sets it). */
static gboolean
put_vector (GByteArray *msg, const char *name, gboolean is_scale, gboolean force_real,
            guint *length)
{
  pvector_info vi = W.vec_info ((char *) name);
  guint n;
  gboolean cplx;

  if (vi == NULL)
    return FALSE;
  n = (guint) vi->v_length;
  if (*length != 0 && n != *length)
    return FALSE;
  *length = n;
  cplx = vi->v_compdata != NULL && (vi->v_flags & 2) != 0;
  if (!cplx && vi->v_realdata == NULL && n > 0)
    return FALSE;
  hr_wire_put_str (msg, name);
  hr_wire_put_u32 (msg, is_scale);
  hr_wire_put_u32 (msg, cplx && !force_real);
  hr_wire_put_u32 (msg, n);
  if (!cplx)
    hr_wire_put_f64s (msg, vi->v_realdata, n);
  else
    {
      for (guint i = 0; i < n; i++)
        hr_wire_put_f64 (msg, vi->v_compdata[i].cx_real);
      if (!force_real)
        for (guint i = 0; i < n; i++)
          hr_wire_put_f64 (msg, vi->v_compdata[i].cx_imag);
    }
  return TRUE;
}

static const char *
scale_name (const char *plot, guint kind, char *const *all)
{
  static const char *const dc_scales[] = { "v-sweep", "i-sweep", "temp-sweep", "res-sweep",
                                           NULL };
  switch (kind)
    {
    case 1: /* dc */
      for (guint i = 0; all != NULL && all[i] != NULL; i++)
        for (guint j = 0; dc_scales[j] != NULL; j++)
          if (g_ascii_strcasecmp (all[i], dc_scales[j]) == 0)
            return dc_scales[j];
      return NULL;
    case 2:
      return "time";
    case 3:
      return "frequency";
    default:
      return NULL;
    }
}

/* Adds one plot (the current one) to MSG. Returns FALSE with *MISSING set on a vector
 * problem. */
static gboolean
put_plot (GByteArray *msg, const char *label, guint kind, char **wanted, guint n_wanted,
          char **missing)
{
  g_autofree char *plot = g_strdup (W.cur_plot ());
  char **all = W.all_vecs (plot);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *scale = scale_name (plot, kind, all);
  guint length = 0;

  for (guint i = 0; all != NULL && all[i] != NULL && n_wanted == 0; i++)
    if (scale == NULL || g_ascii_strcasecmp (all[i], scale) != 0)
      g_ptr_array_add (names, g_strdup (all[i]));
  for (guint i = 0; i < n_wanted; i++)
    g_ptr_array_add (names, g_strdup (wanted[i]));

  hr_wire_put_str (msg, label);
  hr_wire_put_u32 (msg, names->len + (scale ? 1 : 0));
  if (scale != NULL && !put_vector (msg, scale, TRUE, TRUE, &length))
    {
      *missing = g_strdup_printf ("the scale vector \"%s\" of plot %s is missing", scale, plot);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      guint before = length;
      if (!put_vector (msg, name, FALSE, FALSE, &length))
        {
          pvector_info vi = W.vec_info ((char *) name);
          if (vi == NULL)
            *missing = g_strdup_printf ("vector \"%s\" does not exist in plot %s (check the "
                                        "node or source name)", name, plot);
          else
            *missing = g_strdup_printf ("vector \"%s\" of plot %s has %d points, expected %u",
                                        name, plot, vi->v_length, before);
          return FALSE;
        }
    }
  return TRUE;
}

static void
run_job (GByteArray *in)
{
  HrWireReader r = { 0 };
  HrMsgType type;
  g_autofree char *title = NULL;
  guint32 flags, n_lines, n_an, n_vec;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gboolean retire;

  if (hr_wire_peek (in, &type, &r) <= 0 || type != HR_MSG_JOB)
    _exit (4);
  title = hr_wire_get_str (&r);
  flags = hr_wire_get_u32 (&r);
  n_lines = hr_wire_get_u32 (&r);
  for (guint i = 0; i < n_lines && !r.bad; i++)
    g_ptr_array_add (lines, hr_wire_get_str (&r));
  g_ptr_array_add (lines, NULL);
  n_an = hr_wire_get_u32 (&r);
  for (guint i = 0; i < n_an && !r.bad; i++)
    {
      guint32 k;
      g_ptr_array_add (commands, hr_wire_get_str (&r));
      g_ptr_array_add (labels, hr_wire_get_str (&r));
      k = hr_wire_get_u32 (&r);
      g_array_append_val (kinds, k);
    }
  n_vec = hr_wire_get_u32 (&r);
  for (guint i = 0; i < n_vec && !r.bad; i++)
    g_ptr_array_add (wanted, hr_wire_get_str (&r));
  if (r.bad)
    _exit (4);
  retire = (flags & HR_JOB_RETIRE_AFTER) != 0;

  g_string_truncate (W.log, 0);
  phase_reset ();
  W.base = 0;
  W.span = n_an > 0 ? 1.0 / n_an : 1.0;
  if (W.circ ((char **) lines->pdata) != 0 || W.exited || W.failed)
    {
      g_autofree char *text = error_text ("ngspice could not load the netlist");
      /* A fatal parse error leaves 39.3 corrupt (ngspice-notes §3); any parse error
       * retires the worker, which is cheap and safe. */
      if (!W.exited)
        cleanup_circuit ();
      send_error (classify (TRUE), TRUE, "parse", text);
      _exit (0);
    }

  hr_wire_begin (out, HR_MSG_RESULT);
  hr_wire_put_str (out, "");  /* log, patched below by rebuilding: see end */
  hr_wire_put_u32 (out, n_an);
  for (guint i = 0; i < n_an; i++)
    {
      const char *cmd = g_ptr_array_index (commands, i);
      g_autofree char *before = g_strdup (W.cur_plot ());
      g_autofree char *missing = NULL;
      gboolean moved;

      phase_reset ();
      W.base = (double) i / n_an;
      on_stat ((char *) g_ptr_array_index (labels, i), 0, NULL);
      W.command ((char *) cmd);
      moved = !g_str_equal (before, W.cur_plot ());
      if (W.exited || W.failed || !moved)
        {
          g_autofree char *text = error_text ("the analysis produced no results");
          HrSimError code = classify (FALSE);
          if (!W.exited)
            cleanup_circuit ();
          send_error (code, W.exited || retire, cmd, text);
          if (W.exited || retire)
            _exit (0);
          return;
        }
      if (!put_plot (out, g_ptr_array_index (labels, i), g_array_index (kinds, guint32, i),
                     (char **) wanted->pdata, wanted->len, &missing))
        {
          cleanup_circuit ();
          send_error (HR_SIM_ERROR_VECTOR, retire, cmd, missing);
          if (retire)
            _exit (0);
          return;
        }
    }
  cleanup_circuit ();
  {
    /* Rebuild with the log in front now that the whole job has printed. */
    g_autoptr(GByteArray) final = g_byte_array_new ();
    gsize skip = 5 + 4; /* header + empty log string */
    hr_wire_begin (final, HR_MSG_RESULT);
    hr_wire_put_str (final, W.log->str);
    g_byte_array_append (final, out->data + skip, out->len - skip);
    send_message (final);
  }
  if (retire)
    _exit (0);
}

static gpointer
sym (void *lib, const char *name)
{
  gpointer p = dlsym (lib, name);
  if (p == NULL)
    {
      fprintf (stderr, "headroom-ngspice-worker: libngspice has no %s\n", name);
      _exit (2);
    }
  return p;
}

int
main (int argc, char **argv)
{
  void *lib;
  InitFn init;
  g_autoptr(GByteArray) buf = g_byte_array_new ();

  if (argc != 3 || !g_str_equal (argv[1], "--fd"))
    {
      fprintf (stderr, "usage: %s --fd N\n(started by headroom's ngspice engine; not for "
               "direct use)\n", argv[0]);
      return 2;
    }
  W.fd = atoi (argv[2]);
  /* ngspice parses and prints numbers with the C library: force the C locale for the whole
   * process (the bg thread would ignore a uselocale()). */
  setlocale (LC_ALL, "C");
  W.log = g_string_new (NULL);
  W.stderr_lines = g_ptr_array_new_with_free_func (g_free);

  lib = dlopen ("libngspice.so.0", RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL)
    {
      g_autoptr(GByteArray) msg = g_byte_array_new ();
      hr_wire_begin (msg, HR_MSG_ERROR);
      hr_wire_put_u32 (msg, HR_SIM_ERROR_WORKER_START);
      hr_wire_put_u32 (msg, TRUE);
      hr_wire_put_str (msg, "start");
      hr_wire_put_str (msg, dlerror ());
      hr_wire_put_str (msg, "");
      send_message (msg);
      return 2;
    }
  init = (InitFn) sym (lib, "ngSpice_Init");
  W.circ = (CircFn) sym (lib, "ngSpice_Circ");
  W.command = (CommandFn) sym (lib, "ngSpice_Command");
  W.vec_info = (VecInfoFn) sym (lib, "ngGet_Vec_Info");
  W.cur_plot = (CurPlotFn) sym (lib, "ngSpice_CurPlot");
  W.all_vecs = (AllVecsFn) sym (lib, "ngSpice_AllVecs");

  /* ControlledExit must not be NULL: a fatal parse error then segfaults (notes §2). */
  init (on_char, on_stat, on_controlled_exit, NULL, NULL, on_bg_thread, NULL);
  W.command ((char *) "set num_threads=1");
  W.command ((char *) "set noaskquit");
  W.command ((char *) "set nomoremode");
  {
    g_autoptr(GByteArray) msg = g_byte_array_new ();
    hr_wire_begin (msg, HR_MSG_READY);
    hr_wire_put_str (msg, W.log->str);
    send_message (msg);
  }
  while (hr_wire_read_message (W.fd, buf))
    run_job (buf);
  /* The pool closed the socket: leave without unloading (ngspice's atexit handlers are
   * not needed and 39.3 sometimes crashes in them). */
  _exit (0);
}
