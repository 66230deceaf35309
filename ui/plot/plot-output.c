/* plot-output.c — plots as SVG, PNG and PDF files, written atomically. */
#include "hr-config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "plot-private.h"

#define KNOWN_FORMATS ".svg, .png, .pdf"
#define MAX_SIDE 32767.0   /* cairo's largest image surface */

HrPlotFormat
hr_plot_format_from_name (const char *name)
{
  g_return_val_if_fail (name != NULL, HR_PLOT_FORMAT_AUTO);
  if (name[0] == '.')
    name++;
  if (g_ascii_strcasecmp (name, "svg") == 0)
    return HR_PLOT_FORMAT_SVG;
  if (g_ascii_strcasecmp (name, "png") == 0)
    return HR_PLOT_FORMAT_PNG;
  if (g_ascii_strcasecmp (name, "pdf") == 0)
    return HR_PLOT_FORMAT_PDF;
  return HR_PLOT_FORMAT_AUTO;
}

HrPlotFormat
hr_plot_format_from_path (const char *path)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, HR_PLOT_FORMAT_AUTO);
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base)
    return HR_PLOT_FORMAT_AUTO;
  return hr_plot_format_from_name (dot);
}

static cairo_status_t
append_to_buffer (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (const HrPlot *plot, HrPlotFormat format, double width, double height,
                GByteArray *buffer)
{
  cairo_surface_t *surface = NULL;

  switch (format)
    {
    case HR_PLOT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_buffer, buffer, width, height);
      /* Pixels, like the PNG: a 640 × 480 plot is 640 × 480 in a browser. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case HR_PLOT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_to_buffer, buffer, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                      "headroom " HR_VERSION);
      if (plot->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, plot->title);
      break;
    case HR_PLOT_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width),
                                            (int) ceil (height));
      break;
    case HR_PLOT_FORMAT_AUTO:
    default:
      g_assert_not_reached ();
    }
  return surface;
}

GBytes *
hr_plot_render_to_bytes (HrPlot *plot, HrPlotFormat format, double width, double height,
                         GError **error)
{
  GByteArray *buffer;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (plot != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (format == HR_PLOT_FORMAT_AUTO || format > HR_PLOT_FORMAT_PDF)
    {
      g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_FORMAT,
                   "no plot format given; known: " KNOWN_FORMATS);
      return NULL;
    }
  if (!(width >= 1 && width <= MAX_SIDE && height >= 1 && height <= MAX_SIDE))
    {
      g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_SIZE,
                   "plot size %g × %g is out of range: width and height must be 1…%g",
                   width, height, MAX_SIDE);
      return NULL;
    }

  buffer = g_byte_array_new ();
  surface = create_surface (plot, format, width, height, buffer);
  cr = cairo_create (surface);
  hr_plot_render (plot, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == HR_PLOT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_to_buffer, buffer);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_RENDER, "cannot draw the plot: %s",
                   cairo_status_to_string (status));
      g_byte_array_unref (buffer);
      return NULL;
    }
  return g_byte_array_free_to_bytes (buffer);
}

static gboolean
write_all (int fd, const guint8 *data, gsize length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Writes BYTES to PATH through a temporary file beside it, renamed over PATH once complete
 * and synced: PATH is either its old self or the whole new file. */
static gboolean
write_atomically (const char *path, GBytes *bytes, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp = g_build_filename (dir, temp_name, NULL);
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  int fd, saved;

  /* The mode is 0666 less the umask, like any new file. */
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_WRITE,
                   "%s: cannot create a file in directory “%s”: %s", path, dir,
                   g_strerror (saved));
      return FALSE;
    }
  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (temp);
      g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_WRITE, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_unlink (temp);
      g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_WRITE, "%s: cannot write: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  if (g_rename (temp, path) != 0)
    {
      saved = errno;
      g_unlink (temp);
      g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_WRITE, "%s: cannot replace it: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
hr_plot_save (HrPlot *plot, const char *path, HrPlotFormat format, double width,
              double height, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (plot != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == HR_PLOT_FORMAT_AUTO)
    format = hr_plot_format_from_path (path);
  if (format == HR_PLOT_FORMAT_AUTO)
    {
      g_autofree char *base = g_path_get_basename (path);
      const char *dot = strrchr (base, '.');

      if (dot == NULL || dot == base)
        g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_FORMAT,
                     "%s: no file extension to tell the plot format; known: " KNOWN_FORMATS,
                     path);
      else
        g_set_error (error, HR_PLOT_ERROR, HR_PLOT_ERROR_FORMAT,
                     "%s: unknown plot format “%s”; known: " KNOWN_FORMATS, path, dot);
      return FALSE;
    }
  bytes = hr_plot_render_to_bytes (plot, format, width, height, error);
  if (bytes == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return write_atomically (path, bytes, error);
}
