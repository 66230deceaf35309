/* wire.c — encoding of pool <-> worker messages (see wire.h). */
#include "wire.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void
hr_wire_begin (GByteArray *buf, HrMsgType type)
{
  guint8 head[5] = { 0, 0, 0, 0, (guint8) type };
  g_byte_array_set_size (buf, 0);
  g_byte_array_append (buf, head, sizeof head);
}

void
hr_wire_put_u32 (GByteArray *buf, guint32 v)
{
  guint32 le = GUINT32_TO_LE (v);
  g_byte_array_append (buf, (const guint8 *) &le, 4);
}

void
hr_wire_put_f64 (GByteArray *buf, double v)
{
  g_byte_array_append (buf, (const guint8 *) &v, 8);
}

void
hr_wire_put_str (GByteArray *buf, const char *s)
{
  gsize n = s ? strlen (s) : 0;
  hr_wire_put_u32 (buf, (guint32) n);
  if (n > 0)
    g_byte_array_append (buf, (const guint8 *) s, (guint) n);
}

void
hr_wire_put_f64s (GByteArray *buf, const double *v, guint n)
{
  if (n > 0)
    g_byte_array_append (buf, (const guint8 *) v, n * 8);
}

void
hr_wire_finish (GByteArray *buf)
{
  guint32 le = GUINT32_TO_LE (buf->len - 4);
  memcpy (buf->data, &le, 4);
}

guint32
hr_wire_get_u32 (HrWireReader *r)
{
  guint32 le;
  if (r->bad || r->end - r->p < 4)
    {
      r->bad = TRUE;
      return 0;
    }
  memcpy (&le, r->p, 4);
  r->p += 4;
  return GUINT32_FROM_LE (le);
}

double
hr_wire_get_f64 (HrWireReader *r)
{
  double v;
  if (r->bad || r->end - r->p < 8)
    {
      r->bad = TRUE;
      return 0;
    }
  memcpy (&v, r->p, 8);
  r->p += 8;
  return v;
}

char *
hr_wire_get_str (HrWireReader *r)
{
  guint32 n = hr_wire_get_u32 (r);
  char *s;
  if (r->bad || (guint64) (r->end - r->p) < n)
    {
      r->bad = TRUE;
      return g_strdup ("");
    }
  s = g_strndup ((const char *) r->p, n);
  r->p += n;
  return s;
}

double *
hr_wire_get_f64s (HrWireReader *r, guint n)
{
  double *v;
  if (r->bad || (guint64) (r->end - r->p) < (guint64) n * 8)
    {
      r->bad = TRUE;
      return NULL;
    }
  v = g_new (double, MAX (n, 1));
  if (n > 0)
    memcpy (v, r->p, (gsize) n * 8);
  r->p += (gsize) n * 8;
  return v;
}

gssize
hr_wire_peek (const GByteArray *buf, HrMsgType *type, HrWireReader *reader)
{
  guint32 le, n;
  if (buf->len < 4)
    return 0;
  memcpy (&le, buf->data, 4);
  n = GUINT32_FROM_LE (le);
  if (n < 1 || n > HR_WIRE_MAX_MESSAGE)
    return -1;
  if (buf->len < (gsize) n + 4)
    return 0;
  *type = (HrMsgType) buf->data[4];
  reader->p = buf->data + 5;
  reader->end = buf->data + 4 + n;
  reader->bad = FALSE;
  return (gssize) n + 4;
}

gboolean
hr_wire_write_all (int fd, const void *data, gsize len)
{
  const guint8 *p = data;
  while (len > 0)
    {
      ssize_t k = write (fd, p, len);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        return FALSE;
      p += k;
      len -= (gsize) k;
    }
  return TRUE;
}

static gboolean
read_exact (int fd, guint8 *p, gsize len)
{
  while (len > 0)
    {
      ssize_t k = read (fd, p, len);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        return FALSE;
      p += k;
      len -= (gsize) k;
    }
  return TRUE;
}

gboolean
hr_wire_read_message (int fd, GByteArray *buf)
{
  guint32 le, n;
  g_byte_array_set_size (buf, 4);
  if (!read_exact (fd, buf->data, 4))
    return FALSE;
  memcpy (&le, buf->data, 4);
  n = GUINT32_FROM_LE (le);
  if (n < 1 || n > HR_WIRE_MAX_MESSAGE)
    return FALSE;
  g_byte_array_set_size (buf, n + 4);
  return read_exact (fd, buf->data + 4, n);
}
