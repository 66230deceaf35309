/* job.c — a GTask worker whose progress reaches the main loop through one idle. */
#include "hr-config.h"

#include "job.h"

struct _HrJob {
  GObject parent_instance;
  HrJobFunc func;
  gpointer data;
  GDestroyNotify data_free, result_free;
  GMainContext *context;     /* where "progress" is emitted */

  GMutex lock;               /* guards the three fields below, written by the worker */
  double fraction;
  char *phase;
  gboolean pending;          /* an idle is queued and will read the latest values */
};

G_DEFINE_FINAL_TYPE (HrJob, hr_job, G_TYPE_OBJECT)

enum { PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
hr_job_finalize (GObject *object)
{
  HrJob *job = HR_JOB (object);

  if (job->data_free && job->data)
    job->data_free (job->data);
  g_main_context_unref (job->context);
  g_free (job->phase);
  g_mutex_clear (&job->lock);
  G_OBJECT_CLASS (hr_job_parent_class)->finalize (object);
}

static void
hr_job_class_init (HrJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hr_job_finalize;
  /* (fraction 0…1, phase nullable): the latest progress, coalesced. */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE,
                                    G_TYPE_STRING);
}

static void
hr_job_init (HrJob *job)
{
  g_mutex_init (&job->lock);
}

HrJob *
hr_job_new (HrJobFunc func, gpointer data, GDestroyNotify data_free,
            GDestroyNotify result_free)
{
  HrJob *job = g_object_new (HR_TYPE_JOB, NULL);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->context = g_main_context_ref_thread_default ();
  return job;
}

static gboolean
emit_progress (gpointer user_data)
{
  HrJob *job = user_data;
  g_autofree char *phase = NULL;
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  phase = g_strdup (job->phase);
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);
  g_signal_emit (job, signals[PROGRESS], 0, fraction, phase);
  return G_SOURCE_REMOVE;
}

/* Called on the worker thread, possibly thousands of times: store, and queue an idle only
 * when none is queued. */
static void
worker_progress (double fraction, const char *phase, gpointer user_data)
{
  HrJob *job = user_data;
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  if (g_strcmp0 (job->phase, phase) != 0)
    {
      g_free (job->phase);
      job->phase = g_strdup (phase);
    }
  queue = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);
  if (queue)
    {
      g_autoptr(GSource) idle = g_idle_source_new ();
      g_source_set_callback (idle, emit_progress, g_object_ref (job), g_object_unref);
      g_source_set_name (idle, "[headroom] job progress");
      g_source_attach (idle, job->context);
    }
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  HrJob *job = source;
  GError *error = NULL;
  gpointer result = job->func (job->data, cancellable, worker_progress, job, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

void
hr_job_run_async (HrJob *job, GCancellable *cancellable, GAsyncReadyCallback callback,
                  gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (job, cancellable, callback, user_data);

  g_task_set_source_tag (task, hr_job_run_async);
  /* A result that arrives after a cancel is dropped, not shown as if current. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, run_in_thread);
}

gpointer
hr_job_run_finish (HrJob *job, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, job), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------- */
/* Latest value wins                                                                        */

struct _HrLatest {
  HrLatestStartFunc start;
  HrLatestDoneFunc done;
  gpointer user_data;
  GCancellable *cancellable;  /* shared by every run; cancelled by hr_latest_free() */
  gboolean running, dirty;
  guint n_runs;
};

static void latest_start (HrLatest *l);

static void
latest_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HrLatest *l = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = hr_job_run_finish (HR_JOB (source), result, &error);

  /* A cancelled run means hr_latest_free() ran: L is only kept alive for this check. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (l->cancellable);
      g_free (l);
      return;
    }
  l->running = FALSE;
  l->done (value, error, l->user_data);
  if (value != NULL && HR_JOB (source)->result_free != NULL)
    HR_JOB (source)->result_free (value);
  if (l->dirty)
    latest_start (l);
}

static void
latest_start (HrLatest *l)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HrJob) job = NULL;

  l->dirty = FALSE;
  if ((job = l->start (l->user_data, &error)) == NULL)
    {
      l->done (NULL, error, l->user_data);
      return;
    }
  l->running = TRUE;
  l->n_runs++;
  hr_job_run_async (job, l->cancellable, latest_done, l);
}

HrLatest *
hr_latest_new (HrLatestStartFunc start, HrLatestDoneFunc done, gpointer user_data)
{
  HrLatest *l = g_new0 (HrLatest, 1);

  l->start = start;
  l->done = done;
  l->user_data = user_data;
  l->cancellable = g_cancellable_new ();
  return l;
}

void
hr_latest_free (HrLatest *l)
{
  if (l == NULL)
    return;
  if (l->running)
    {
      /* The job's callback frees L once it has seen the cancellation. */
      g_cancellable_cancel (l->cancellable);
      return;
    }
  g_object_unref (l->cancellable);
  g_free (l);
}

void
hr_latest_request (HrLatest *l)
{
  l->dirty = TRUE;
  if (!l->running)
    latest_start (l);
}

gboolean
hr_latest_is_busy (HrLatest *l)
{
  return l->running;
}

guint
hr_latest_get_n_runs (HrLatest *l)
{
  return l->n_runs;
}
