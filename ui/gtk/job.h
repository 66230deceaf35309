/* job.h — one long computation off the main thread, with coalesced progress.
 *
 * ARCHITECTURE.md, "Threads and the GUI": long work runs in a GTask thread with a
 * GCancellable and reports progress through one coalesced idle callback, never by touching
 * widgets from a worker (the model is Sysprof's document loader). HrJob wraps that: the
 * worker calls an HrProgressFunc (sim/'s signature, so engines' progress passes straight
 * through) as often as it likes; the latest value wins and "progress" is emitted at most
 * once per main-loop iteration, on the main context the job was created on. GTK-free.
 */
#pragma once

#include <gio/gio.h>

#include "headroom-sim.h"

G_BEGIN_DECLS

#define HR_TYPE_JOB (hr_job_get_type ())
G_DECLARE_FINAL_TYPE (HrJob, hr_job, HR, JOB, GObject)

/* Runs in a worker thread. Returns the result (freed with the job's RESULT_FREE when nobody
 * takes it) or NULL with ERROR. */
typedef gpointer (*HrJobFunc) (gpointer data, GCancellable *cancellable,
                               HrProgressFunc progress, gpointer progress_data,
                               GError **error);

/* DATA is owned by the job (DATA_FREE, nullable) and only used by FUNC. (transfer full) */
HrJob *hr_job_new (HrJobFunc func, gpointer data, GDestroyNotify data_free,
                   GDestroyNotify result_free);
/* Starts the job; CALLBACK runs on the main context when it ends. */
void hr_job_run_async (HrJob *job, GCancellable *cancellable, GAsyncReadyCallback callback,
                       gpointer user_data);
/* The result (transfer full), or NULL with the worker's error (G_IO_ERROR_CANCELLED when
 * cancelled before it finished). */
gpointer hr_job_run_finish (HrJob *job, GAsyncResult *result, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------------- */
/* Latest value wins                                                                        */

/* For a view that re-simulates while a slider is dragged: at most one job runs; requests
 * that arrive meanwhile collapse into one run, started when it ends, with the values of
 * that moment. GTK-free; the callbacks run on the main context. */
typedef struct _HrLatest HrLatest;

/* Makes the job for the current values (transfer full), or NULL with ERROR. */
typedef HrJob *(*HrLatestStartFunc) (gpointer user_data, GError **error);
/* A job ended: RESULT (transfer none) or ERROR. Not called for a cancelled job. */
typedef void (*HrLatestDoneFunc) (gpointer result, const GError *error, gpointer user_data);

HrLatest *hr_latest_new (HrLatestStartFunc start, HrLatestDoneFunc done, gpointer user_data);
/* Cancels the job in flight; no callback runs after this. */
void hr_latest_free (HrLatest *latest);
/* The values changed: run now, or after the job in flight. */
void hr_latest_request (HrLatest *latest);
gboolean hr_latest_is_busy (HrLatest *latest);
guint hr_latest_get_n_runs (HrLatest *latest);

G_END_DECLS
