/* json-write.c — JSON text for every document headroom writes (results, circuit files).
 *
 * json-glib 1.6's generator prints doubles with "%.17g" (3.3 becomes 3.2999999999999998) and
 * appends ".0" to whatever has no '.', even after an exponent ("-1e-300.0", not JSON). This
 * writer prints the shortest text that reads back to the same double and never anything
 * that is not JSON; the layout is json-glib's pretty one ("key" : value, 2-space indent). */
#include "hr-config.h"

#include <math.h>
#include <string.h>

#include "headroom-circuits.h"

static void write_node (GString *out, JsonNode *node, guint depth);

static void
indent (GString *out, guint depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

void
hr_json_append_double (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no NaN or infinity; results write unknown numbers as null. */
      g_string_append (out, "null");
      return;
    }
  for (int prec = 15; prec <= 17; prec++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", prec);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
  /* Keep a double recognisable as one ("1.0"), as json-glib does, but only where valid. */
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
write_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);   /* UTF-8 passes through */
        }
    }
  g_string_append_c (out, '"');
}

static void
write_value (GString *out, JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      hr_json_append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
    }
}

static void
write_object (GString *out, JsonObject *obj, guint depth)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }
  g_string_append (out, "{\n");
  for (GList *l = members; l != NULL; l = l->next)
    {
      indent (out, depth + 1);
      write_string (out, l->data);
      g_string_append (out, " : ");
      write_node (out, json_object_get_member (obj, l->data), depth + 1);
      g_string_append (out, l->next ? ",\n" : "\n");
    }
  indent (out, depth);
  g_string_append_c (out, '}');
}

static void
write_array (GString *out, JsonArray *arr, guint depth)
{
  guint n = json_array_get_length (arr);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }
  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      indent (out, depth + 1);
      write_node (out, json_array_get_element (arr, i), depth + 1);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  indent (out, depth);
  g_string_append_c (out, ']');
}

static void
write_node (GString *out, JsonNode *node, guint depth)
{
  switch (node ? JSON_NODE_TYPE (node) : JSON_NODE_NULL)
    {
    case JSON_NODE_OBJECT: write_object (out, json_node_get_object (node), depth); break;
    case JSON_NODE_ARRAY: write_array (out, json_node_get_array (node), depth); break;
    case JSON_NODE_VALUE: write_value (out, node); break;
    case JSON_NODE_NULL: default: g_string_append (out, "null"); break;
    }
}

char *
hr_json_to_data (JsonNode *root, gsize *length)
{
  GString *out = g_string_new (NULL);

  write_node (out, root, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
