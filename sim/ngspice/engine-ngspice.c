/* engine-ngspice.c — HrEngineNgspice: a pool of headroom-ngspice-worker processes.
 *
 * libngspice 39.3 is a process-wide, non-reentrant singleton that can corrupt itself on a
 * fatal error and crashes on some inputs (docs/engines.md). Each worker process holds one
 * instance; callers on any thread queue for a free worker (first come, first served), send
 * the generated netlist over a socket and wait for vectors, with a deadline and a
 * GCancellable. A worker that crashes, hangs or is cancelled is SIGKILLed and reaped; one
 * that reports a fatal error exits by itself; either way the slot is empty and the next job
 * on it starts a fresh worker. Workers are started lazily with g_spawn (no bare fork in a
 * possibly multi-threaded process). */
#include "../sim-private.h"
#include "wire.h"
#include "hr-ngspice-paths.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define WORKER_NAME "headroom-ngspice-worker"
#define START_TIMEOUT_US (20 * G_USEC_PER_SEC)
#define EXIT_GRACE_US (2 * G_USEC_PER_SEC)

typedef struct {
  GPid     pid;     /* 0: no process in this slot */
  int      sock;    /* our end of the socket, -1 if none */
  char    *dir;     /* private directory: work/ (cwd, HOME) and worker.log */
  gboolean busy;
} Worker;

struct _HrEngineNgspice {
  HrEngine  parent_instance;
  GMutex    lock;
  GCond     cond;
  Worker   *workers;
  guint     n_workers;
  GQueue    waiting;      /* tickets of callers waiting for a worker, FIFO */
  guint64   next_ticket;
  gint64    timeout_us;
  char     *worker_path;
  guint64   jobs_sent;
  guint64   workers_started;
};

G_DEFINE_FINAL_TYPE (HrEngineNgspice, hr_engine_ngspice, HR_TYPE_ENGINE)

/* ---------------------------------------------------------------------------------------- */
/* Worker processes                                                                         */

static void
remove_tree (const char *path)
{
  GStatBuf st;
  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      GDir *d = g_dir_open (path, 0, NULL);
      const char *name;
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (d != NULL)
        g_dir_close (d);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* The last non-empty line the worker printed outside ngspice's callbacks (glibc's "double
 * free" and the like), or NULL. */
static char *
worker_log_tail (Worker *w)
{
  g_autofree char *path = g_build_filename (w->dir, "worker.log", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (int i = (int) g_strv_length (lines) - 1; i >= 0; i--)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        return g_strndup (lines[i], 200);
    }
  return NULL;
}

/* Waits for the worker to exit (killing it first if KILL, or after a grace period), reaps
 * it and removes its directory. Returns the wait status; *TAIL (if not NULL) gets the last
 * line of its log. */
static int
worker_stop (HrEngineNgspice *self, Worker *w, gboolean kill_first, char **tail)
{
  int status = 0;
  if (w->sock >= 0)
    {
      close (w->sock);
      w->sock = -1;
    }
  if (w->pid > 0)
    {
      gint64 until = g_get_monotonic_time () + EXIT_GRACE_US;
      pid_t r = 0;
      if (kill_first)
        kill (w->pid, SIGKILL);
      while ((r = waitpid (w->pid, &status, WNOHANG)) == 0 && g_get_monotonic_time () < until)
        g_usleep (2000);
      if (r == 0)
        {
          kill (w->pid, SIGKILL);
          while (waitpid (w->pid, &status, 0) < 0 && errno == EINTR)
            ;
        }
      g_mutex_lock (&self->lock);
      w->pid = 0;
      g_mutex_unlock (&self->lock);
    }
  if (tail != NULL)
    *tail = w->dir ? worker_log_tail (w) : NULL;
  if (w->dir != NULL)
    {
      remove_tree (w->dir);
      g_clear_pointer (&w->dir, g_free);
    }
  return status;
}

static char **
worker_environment (const char *home)
{
  char **env = g_get_environ ();
  const char *asan = g_environ_getenv (env, "ASAN_OPTIONS");
  g_autofree char *asan_worker = NULL;

  env = g_environ_setenv (env, "LC_ALL", "C", TRUE);
  env = g_environ_setenv (env, "LANG", "C", TRUE);
  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "OMP_NUM_THREADS", "1", TRUE);
  env = g_environ_unsetenv (env, "SPICE_SCRIPTS");
  /* When headroom is built with AddressSanitizer the worker is too. libngspice is not
   * instrumented and does not free everything at exit, so leak reports would only be
   * ngspice's; the quarantine would make the worker's RSS grow with freed memory (hiding
   * what the memory test measures); and ASan's SEGV handler would turn a crash into an
   * abort, hiding the real signal. Later options override earlier ones. */
  asan_worker = g_strdup_printf ("%s%sdetect_leaks=0:quarantine_size_mb=0:handle_segv=0",
                                 asan ? asan : "", asan && *asan ? ":" : "");
  env = g_environ_setenv (env, "ASAN_OPTIONS", asan_worker, TRUE);
  return env;
}

static gboolean read_message (Worker *w, GByteArray *buf, gint64 deadline,
                              GCancellable *cancellable, HrMsgType *type, HrWireReader *r,
                              gsize *consumed, int *why);

static gboolean
worker_start (HrEngineNgspice *self, Worker *w, GCancellable *cancellable, GError **error)
{
  g_autofree char *work = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *stub = NULL;
  g_auto(GStrv) env = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  const char *argv[] = { self->worker_path, "--fd", "3", NULL };
  int sv[2], log_fd, why = 0;
  GPid pid = 0;
  gint target = 3;
  HrMsgType type;
  HrWireReader r;
  gsize used;

  w->dir = g_dir_make_tmp ("headroom-ngspice-XXXXXX", &local);
  if (w->dir == NULL)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START,
                   "cannot create the ngspice worker's directory: %s", local->message);
      return FALSE;
    }
  work = g_build_filename (w->dir, "work", NULL);
  log_path = g_build_filename (w->dir, "worker.log", NULL);
  stub = g_build_filename (work, ".spiceinit", NULL);
  /* ngspice sources ./.spiceinit if it exists and only otherwise the home directory's, which
   * it finds with getpwuid(), not $HOME. This comment-only file therefore keeps any
   * ~/.spiceinit of the user running headroom from being executed. */
  if (g_mkdir (work, 0700) != 0
      || !g_file_set_contents (stub, "* headroom: intentionally empty; shadows ~/.spiceinit\n",
                               -1, &local))
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START,
                   "cannot prepare the ngspice worker's directory %s: %s", work,
                   local ? local->message : g_strerror (errno));
      worker_stop (self, w, FALSE, NULL);
      return FALSE;
    }
  log_fd = open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0 || socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START,
                   "cannot set up the ngspice worker: %s", g_strerror (errno));
      if (log_fd >= 0)
        close (log_fd);
      worker_stop (self, w, FALSE, NULL);
      return FALSE;
    }
  env = worker_environment (work);
  if (!g_spawn_async_with_pipes_and_fds (work, argv, (const char *const *) env,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                         NULL, NULL, -1, log_fd, log_fd, &sv[1], &target, 1,
                                         &pid, NULL, NULL, NULL, &local))
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START,
                   "cannot start the ngspice worker %s: %s", self->worker_path,
                   local->message);
      close (log_fd);
      close (sv[0]);
      close (sv[1]);
      worker_stop (self, w, FALSE, NULL);
      return FALSE;
    }
  close (log_fd);
  close (sv[1]);
  w->sock = sv[0];
  g_mutex_lock (&self->lock);
  w->pid = pid;
  self->workers_started++;
  g_mutex_unlock (&self->lock);

  if (!read_message (w, buf, g_get_monotonic_time () + START_TIMEOUT_US, cancellable, &type,
                     &r, &used, &why) || type != HR_MSG_READY)
    {
      g_autofree char *tail = NULL;
      g_autofree char *detail = NULL;
      if (type == HR_MSG_ERROR && why == 0)
        {
          hr_wire_get_u32 (&r);
          hr_wire_get_u32 (&r);
          g_free (hr_wire_get_str (&r));
          detail = hr_wire_get_str (&r);
        }
      worker_stop (self, w, TRUE, &tail);
      if (why == HR_SIM_ERROR_CANCELLED)
        g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED,
                     "cancelled while the ngspice worker was starting");
      else
        g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START,
                     "the ngspice worker %s did not start: %s", self->worker_path,
                     detail ? detail : tail ? tail : "no reply");
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Talking to a worker                                                                      */

/* Reads until BUF holds one complete message or something goes wrong: *WHY is then
 * HR_SIM_ERROR_TIMEOUT, _CANCELLED or _WORKER_CRASHED (EOF or a broken message). */
static gboolean
read_message (Worker *w, GByteArray *buf, gint64 deadline, GCancellable *cancellable,
              HrMsgType *type, HrWireReader *r, gsize *consumed, int *why)
{
  int cancel_fd = cancellable ? g_cancellable_get_fd (cancellable) : -1;
  gboolean ok = FALSE;

  *why = 0;
  *type = 0;
  for (;;)
    {
      struct pollfd fds[2] = { { w->sock, POLLIN, 0 }, { cancel_fd, POLLIN, 0 } };
      gssize n = hr_wire_peek (buf, type, r);
      gint64 left;
      guint8 chunk[65536];
      ssize_t k;

      if (n > 0)
        {
          *consumed = (gsize) n;
          ok = TRUE;
          break;
        }
      if (n < 0)
        {
          *why = HR_SIM_ERROR_WORKER_CRASHED;
          break;
        }
      if (g_cancellable_is_cancelled (cancellable))
        {
          *why = HR_SIM_ERROR_CANCELLED;
          break;
        }
      left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        {
          *why = HR_SIM_ERROR_TIMEOUT;
          break;
        }
      if (poll (fds, cancel_fd >= 0 ? 2 : 1, (int) MIN (left / 1000 + 1, 1000)) < 0
          && errno != EINTR)
        {
          *why = HR_SIM_ERROR_WORKER_CRASHED;
          break;
        }
      if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      k = recv (w->sock, chunk, sizeof chunk, MSG_DONTWAIT);
      if (k < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (k <= 0)
        {
          *why = HR_SIM_ERROR_WORKER_CRASHED;
          break;
        }
      g_byte_array_append (buf, chunk, (guint) k);
    }
  if (cancel_fd >= 0)
    g_cancellable_release_fd (cancellable);
  return ok;
}

static gboolean
send_all (Worker *w, const GByteArray *msg, gint64 deadline, GCancellable *cancellable,
          int *why)
{
  gsize off = 0;
  *why = 0;
  while (off < msg->len)
    {
      struct pollfd fd = { w->sock, POLLOUT, 0 };
      ssize_t k;
      if (g_cancellable_is_cancelled (cancellable))
        {
          *why = HR_SIM_ERROR_CANCELLED;
          return FALSE;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          *why = HR_SIM_ERROR_TIMEOUT;
          return FALSE;
        }
      k = send (w->sock, msg->data + off, msg->len - off, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (k > 0)
        {
          off += (gsize) k;
          continue;
        }
      if (k < 0 && (errno == EAGAIN || errno == EINTR))
        {
          poll (&fd, 1, 100);
          continue;
        }
      *why = HR_SIM_ERROR_WORKER_CRASHED;
      return FALSE;
    }
  return TRUE;
}

static HrSimResult *
parse_result (HrWireReader *r)
{
  g_autofree char *log = hr_wire_get_str (r);
  HrSimResult *res = hr_sim_result_new ("ngspice");
  guint32 n_plots = hr_wire_get_u32 (r);

  hr_sim_result_set_log (res, log);
  for (guint i = 0; i < n_plots && !r->bad; i++)
    {
      g_autofree char *name = hr_wire_get_str (r);
      guint32 n_vec = hr_wire_get_u32 (r);
      hr_sim_result_add_plot (res, name);
      for (guint j = 0; j < n_vec && !r->bad; j++)
        {
          g_autofree char *vname = hr_wire_get_str (r);
          guint32 is_scale = hr_wire_get_u32 (r);
          guint32 cplx = hr_wire_get_u32 (r);
          guint32 n = hr_wire_get_u32 (r);
          double *re = hr_wire_get_f64s (r, n);
          double *im = cplx ? hr_wire_get_f64s (r, n) : NULL;
          if (r->bad)
            {
              g_free (re);
              g_free (im);
              break;
            }
          hr_sim_result_add_vector (res, vname, re, im, n, is_scale);
        }
    }
  if (r->bad)
    g_clear_pointer (&res, hr_sim_result_unref);
  return res;
}

static const char *
error_preamble (HrSimError code)
{
  switch (code)
    {
    case HR_SIM_ERROR_SINGULAR:
      return "singular matrix (a node without a DC path to ground, or a loop of voltage "
             "sources or inductors?)";
    case HR_SIM_ERROR_TIMESTEP:
      return "the transient stopped: timestep too small";
    case HR_SIM_ERROR_CONVERGENCE:
      return "no convergence";
    case HR_SIM_ERROR_VECTOR:
      return "missing result";
    default:
      return "the analysis failed";
    }
}

static void
set_worker_error (GError **error, HrNetlist *nl, HrWireReader *r)
{
  HrSimError code = hr_wire_get_u32 (r);
  guint32 exits G_GNUC_UNUSED = hr_wire_get_u32 (r);
  g_autofree char *phase = hr_wire_get_str (r);
  g_autofree char *message = hr_wire_get_str (r);

  if (g_str_equal (phase, "parse"))
    g_set_error (error, HR_SIM_ERROR, code, "%s: ngspice refused the netlist:\n  %s",
                 nl->title, message);
  else if (code == HR_SIM_ERROR_VECTOR)
    g_set_error (error, HR_SIM_ERROR, code, "%s: '%s': %s", nl->title, phase, message);
  else
    g_set_error (error, HR_SIM_ERROR, code, "%s: '%s': %s; ngspice said:\n  %s", nl->title,
                 phase, error_preamble (code), message);
}

static void
set_crash_error (GError **error, HrNetlist *nl, int status, const char *tail)
{
  g_autofree char *how = NULL;
  if (WIFSIGNALED (status))
    how = g_strdup_printf ("signal %d, %s", WTERMSIG (status), g_strsignal (WTERMSIG (status)));
  else if (WIFEXITED (status))
    how = g_strdup_printf ("exit status %d", WEXITSTATUS (status));
  else
    how = g_strdup ("lost contact");
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_CRASHED,
               "ngspice worker crashed (%s) while running '%s'; the job was not completed; "
               "the worker was restarted%s%s", how, nl->title, tail ? ". Last words: " : "",
               tail ? tail : "");
}

/* Runs the job MSG on W (a live worker). On return W is either still live and idle, or
 * stopped (pid 0). */
static HrSimResult *
worker_run_job (HrEngineNgspice *self, Worker *w, const GByteArray *msg, HrNetlist *nl,
                GCancellable *cancellable, HrProgressFunc progress, gpointer data,
                GError **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  gint64 deadline;
  int why = 0;

  g_mutex_lock (&self->lock);
  deadline = g_get_monotonic_time () + self->timeout_us;
  g_mutex_unlock (&self->lock);

  if (send_all (w, msg, deadline, cancellable, &why))
    {
      g_mutex_lock (&self->lock);
      self->jobs_sent++;
      g_mutex_unlock (&self->lock);
      for (;;)
        {
          HrMsgType type;
          HrWireReader r;
          gsize used;
          if (!read_message (w, buf, deadline, cancellable, &type, &r, &used, &why))
            break;
          if (type == HR_MSG_PROGRESS)
            {
              double f = hr_wire_get_f64 (&r);
              g_autofree char *phase = hr_wire_get_str (&r);
              if (progress != NULL)
                progress (CLAMP (f, 0.0, 1.0), phase, data);
              g_byte_array_remove_range (buf, 0, (guint) used);
              continue;
            }
          if (type == HR_MSG_RESULT)
            {
              HrSimResult *res = parse_result (&r);
              if (res == NULL)
                {
                  why = HR_SIM_ERROR_WORKER_CRASHED;
                  break;
                }
              if (progress != NULL)
                progress (1.0, "done", data);
              return res;
            }
          if (type == HR_MSG_ERROR)
            {
              HrWireReader copy = r;
              guint32 exits;
              hr_wire_get_u32 (&copy);
              exits = hr_wire_get_u32 (&copy);
              set_worker_error (error, nl, &r);
              if (exits)
                worker_stop (self, w, FALSE, NULL);
              return NULL;
            }
          why = HR_SIM_ERROR_WORKER_CRASHED;
          break;
        }
    }

  if (why == HR_SIM_ERROR_CANCELLED)
    {
      worker_stop (self, w, TRUE, NULL);
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED,
                   "%s: cancelled; the ngspice worker running it was stopped", nl->title);
    }
  else if (why == HR_SIM_ERROR_TIMEOUT)
    {
      worker_stop (self, w, TRUE, NULL);
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_TIMEOUT,
                   "%s: still running after the %.3g s deadline; the ngspice worker was "
                   "stopped and will be restarted", nl->title,
                   (double) self->timeout_us / G_USEC_PER_SEC);
    }
  else
    {
      g_autofree char *tail = NULL;
      /* Let a dying worker finish dying so that its signal is what we report. */
      int status = worker_stop (self, w, FALSE, &tail);
      set_crash_error (error, nl, status, tail);
    }
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* The queue                                                                                */

static int
acquire_worker (HrEngineNgspice *self, GCancellable *cancellable)
{
  guint64 ticket;
  int found = -1;

  g_mutex_lock (&self->lock);
  ticket = ++self->next_ticket;
  g_queue_push_tail (&self->waiting, GSIZE_TO_POINTER ((gsize) ticket));
  for (;;)
    {
      if (GPOINTER_TO_SIZE (g_queue_peek_head (&self->waiting)) == ticket)
        {
          /* Prefer a warm worker over an empty slot. */
          for (guint i = 0; i < self->n_workers; i++)
            if (!self->workers[i].busy && (found < 0 || self->workers[i].pid != 0))
              found = (int) i;
          if (found >= 0)
            {
              self->workers[found].busy = TRUE;
              g_queue_pop_head (&self->waiting);
              break;
            }
        }
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_queue_remove (&self->waiting, GSIZE_TO_POINTER ((gsize) ticket));
          break;
        }
      /* Short timed waits so that cancellation is noticed without a signal handler. */
      g_cond_wait_until (&self->cond, &self->lock, g_get_monotonic_time () + 20000);
    }
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  return found;
}

static void
release_worker (HrEngineNgspice *self, int index)
{
  g_mutex_lock (&self->lock);
  self->workers[index].busy = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* ---------------------------------------------------------------------------------------- */
/* HrEngine                                                                                 */

/* Jobs that 39.3 is known to corrupt itself on (KSPICE CPL/TXL: ngspice-notes §6): the
 * coupled lines the IR emits as CPL (P), and any P or Y the filter may one day allow. The
 * worker exits after replying to such a job, and the pool empties its slot (below). */
static gboolean
job_is_hazardous (GPtrArray *lines)
{
  for (guint i = 1; i < lines->len; i++)
    {
      const char *l = g_ptr_array_index (lines, i);
      while (*l == ' ' || *l == '\t')
        l++;
      if (*l == 'p' || *l == 'P' || *l == 'y' || *l == 'Y')
        return TRUE;
    }
  return FALSE;
}

static GByteArray *
build_job (HrNetlist *nl, gboolean *retire, GError **error)
{
  g_autoptr(GPtrArray) lines = hr_netlist_spice_lines (nl, FALSE, error);
  GByteArray *msg;

  if (lines == NULL)
    return NULL;
  *retire = job_is_hazardous (lines);
  msg = g_byte_array_new ();
  hr_wire_begin (msg, HR_MSG_JOB);
  hr_wire_put_str (msg, nl->title);
  hr_wire_put_u32 (msg, *retire ? HR_JOB_RETIRE_AFTER : 0);
  hr_wire_put_u32 (msg, lines->len);
  for (guint i = 0; i < lines->len; i++)
    hr_wire_put_str (msg, g_ptr_array_index (lines, i));
  hr_wire_put_u32 (msg, nl->analyses->len);
  for (guint i = 0; i < nl->analyses->len; i++)
    {
      const HrAnalysis *an = g_ptr_array_index (nl->analyses, i);
      g_autofree char *cmd = hr_analysis_spice_command (an);
      hr_wire_put_str (msg, cmd);
      hr_wire_put_str (msg, hr_analysis_kind_name (an->kind));
      hr_wire_put_u32 (msg, an->kind);
    }
  hr_wire_put_u32 (msg, nl->outputs->len);
  for (guint i = 0; i < nl->outputs->len; i++)
    hr_wire_put_str (msg, g_ptr_array_index (nl->outputs, i));
  hr_wire_finish (msg);
  return msg;
}

static HrSimResult *
hr_engine_ngspice_run (HrEngine *engine, HrNetlist *nl, GCancellable *cancellable,
                       HrProgressFunc progress, gpointer data, GError **error)
{
  HrEngineNgspice *self = HR_ENGINE_NGSPICE (engine);
  g_autoptr(GByteArray) msg = NULL;
  HrSimResult *res = NULL;
  gboolean retire = FALSE;
  Worker *w;
  int index;

  /* Everything that can be refused is refused here, before any worker sees the job. */
  msg = build_job (nl, &retire, error);
  if (msg == NULL)
    return NULL;
  index = acquire_worker (self, cancellable);
  if (index < 0)
    {
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_CANCELLED,
                   "%s: cancelled while waiting for an ngspice worker", nl->title);
      return NULL;
    }
  w = &self->workers[index];
  if (progress != NULL)
    progress (0.0, "parse", data);
  if (w->pid != 0 || worker_start (self, w, cancellable, error))
    res = worker_run_job (self, w, msg, nl, cancellable, progress, data, error);
  /* A retiring worker exits after its result: reap it now, or the next job would be sent
   * to a process that is gone. */
  if (retire && w->pid != 0)
    worker_stop (self, w, FALSE, NULL);
  release_worker (self, index);
  return res;
}

static const char *
hr_engine_ngspice_get_name (HrEngine *engine)
{
  return "ngspice";
}

static void
hr_engine_ngspice_finalize (GObject *object)
{
  HrEngineNgspice *self = HR_ENGINE_NGSPICE (object);

  for (guint i = 0; i < self->n_workers; i++)
    {
      /* Closing the socket tells an idle worker to exit; stop() reaps it. */
      if (self->workers[i].sock >= 0)
        {
          close (self->workers[i].sock);
          self->workers[i].sock = -1;
        }
    }
  for (guint i = 0; i < self->n_workers; i++)
    worker_stop (self, &self->workers[i], FALSE, NULL);
  g_free (self->workers);
  g_free (self->worker_path);
  g_queue_clear (&self->waiting);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (hr_engine_ngspice_parent_class)->finalize (object);
}

static void
hr_engine_ngspice_class_init (HrEngineNgspiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HrEngineClass *engine_class = HR_ENGINE_CLASS (klass);

  object_class->finalize = hr_engine_ngspice_finalize;
  engine_class->get_name = hr_engine_ngspice_get_name;
  engine_class->run = hr_engine_ngspice_run;
}

static void
hr_engine_ngspice_init (HrEngineNgspice *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->waiting);
  self->timeout_us = 60 * G_USEC_PER_SEC;
}

/* $HEADROOM_NGSPICE_WORKER, next to the running program, the build tree, libexecdir. */
static char *
find_worker (GError **error)
{
  const char *env = g_getenv ("HEADROOM_NGSPICE_WORKER");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *beside = NULL;
  const char *tried[4];
  guint n = 0;

  if (env != NULL && *env != '\0')
    {
      if (g_file_test (env, G_FILE_TEST_IS_EXECUTABLE) && !g_file_test (env, G_FILE_TEST_IS_DIR))
        return g_strdup (env);
      g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START,
                   "HEADROOM_NGSPICE_WORKER=%s is not an executable file", env);
      return NULL;
    }
  if (self_exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_exe);
      beside = g_build_filename (dir, WORKER_NAME, NULL);
      tried[n++] = beside;
    }
  tried[n++] = HR_NGSPICE_WORKER_BUILD_PATH;
  tried[n++] = HR_NGSPICE_WORKER_INSTALL_PATH;
  for (guint i = 0; i < n; i++)
    if (g_file_test (tried[i], G_FILE_TEST_IS_EXECUTABLE))
      return g_strdup (tried[i]);
  g_set_error (error, HR_SIM_ERROR, HR_SIM_ERROR_WORKER_START,
               "cannot find %s (looked beside the program, in %s and in %s); set "
               "HEADROOM_NGSPICE_WORKER to its path", WORKER_NAME,
               HR_NGSPICE_WORKER_BUILD_PATH, HR_NGSPICE_WORKER_INSTALL_PATH);
  return NULL;
}

HrEngine *
hr_engine_ngspice_new (guint n_workers, GError **error)
{
  HrEngineNgspice *self;
  char *path = find_worker (error);

  if (path == NULL)
    return NULL;
  if (n_workers == 0)
    n_workers = MAX (1, g_get_num_processors ());
  self = g_object_new (HR_TYPE_ENGINE_NGSPICE, NULL);
  self->worker_path = path;
  self->n_workers = n_workers;
  self->workers = g_new0 (Worker, n_workers);
  for (guint i = 0; i < n_workers; i++)
    self->workers[i].sock = -1;
  return HR_ENGINE (self);
}

guint
hr_engine_ngspice_get_n_workers (HrEngineNgspice *self)
{
  return self->n_workers;
}

void
hr_engine_ngspice_set_timeout (HrEngineNgspice *self, double seconds)
{
  g_return_if_fail (seconds > 0);
  g_mutex_lock (&self->lock);
  self->timeout_us = (gint64) (seconds * G_USEC_PER_SEC);
  g_mutex_unlock (&self->lock);
}

double
hr_engine_ngspice_get_timeout (HrEngineNgspice *self)
{
  return (double) self->timeout_us / G_USEC_PER_SEC;
}

GPid
hr_engine_ngspice_get_worker_pid (HrEngineNgspice *self, guint index)
{
  GPid pid;
  g_return_val_if_fail (index < self->n_workers, 0);
  g_mutex_lock (&self->lock);
  pid = self->workers[index].pid;
  g_mutex_unlock (&self->lock);
  return pid;
}

void
hr_engine_ngspice_get_stats (HrEngineNgspice *self, guint64 *jobs_sent,
                             guint64 *workers_started)
{
  g_mutex_lock (&self->lock);
  if (jobs_sent)
    *jobs_sent = self->jobs_sent;
  if (workers_started)
    *workers_started = self->workers_started;
  g_mutex_unlock (&self->lock);
}
