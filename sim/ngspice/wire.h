/* wire.h — messages between the ngspice pool (parent) and headroom-ngspice-worker.
 *
 * Over one AF_UNIX stream socket (fd 3 in the worker). A message is a little-endian u32
 * length N, then N bytes: one type byte and the payload. Payload fields are u32, f64
 * (IEEE 754, host order: both ends are the same build), and strings (u32 length + bytes,
 * no terminator). Layouts:
 *
 *   READY    str banner
 *   JOB      str title, u32 flags, u32 n_lines {str line}, u32 n_analyses {str command,
 *            str plot_name, u32 kind}, u32 n_vectors {str name}
 *   PROGRESS f64 fraction, str phase
 *   RESULT   str log, u32 n_plots {str name, u32 n_vectors {str name, u32 is_scale,
 *            u32 is_complex, u32 n, f64[n] re, (f64[n] im if complex)}}
 *   ERROR    u32 code (HrSimError), u32 worker_exits, str phase, str message, str log
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  HR_MSG_READY = 1,
  HR_MSG_JOB,
  HR_MSG_PROGRESS,
  HR_MSG_RESULT,
  HR_MSG_ERROR,
} HrMsgType;

/* JOB flags */
#define HR_JOB_RETIRE_AFTER 1u   /* the job is known to corrupt 39.3: exit after replying */

#define HR_WIRE_MAX_MESSAGE (1u << 30)

typedef struct {
  const guint8 *p;
  const guint8 *end;
  gboolean      bad;     /* set by any read past the end */
} HrWireReader;

void     hr_wire_begin (GByteArray *buf, HrMsgType type);
void     hr_wire_put_u32 (GByteArray *buf, guint32 v);
void     hr_wire_put_f64 (GByteArray *buf, double v);
void     hr_wire_put_str (GByteArray *buf, const char *s);
void     hr_wire_put_f64s (GByteArray *buf, const double *v, guint n);
/* Patches the length prefix; BUF then holds one complete message. */
void     hr_wire_finish (GByteArray *buf);

guint32  hr_wire_get_u32 (HrWireReader *r);
double   hr_wire_get_f64 (HrWireReader *r);
/* (transfer full), "" on error */
char    *hr_wire_get_str (HrWireReader *r);
/* (transfer full): N doubles, NULL on error */
double  *hr_wire_get_f64s (HrWireReader *r, guint n);

/* If BUF starts with a complete message, sets *TYPE and a reader over its payload and
 * returns its total length (to remove after use); 0 if incomplete; -1 if malformed. */
gssize   hr_wire_peek (const GByteArray *buf, HrMsgType *type, HrWireReader *reader);

/* Blocking helpers for the worker. */
gboolean hr_wire_write_all (int fd, const void *data, gsize len);
/* Reads one whole message into BUF (replacing it); FALSE on EOF or error. */
gboolean hr_wire_read_message (int fd, GByteArray *buf);

G_END_DECLS
