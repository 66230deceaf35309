/* corpus-util.h — what test-circuit.c and test-families.c share for their malformed-file
 * corpora: in one folder, each CATEGORY-what.json beside CATEGORY-what.expected, the exact
 * message (one line) loading it gives; the category prefix names the error code. Each
 * program is one translation unit, so the helpers are static inline. */
#pragma once

#include "headroom-circuits.h"

#include <string.h>

typedef struct {
  const char *prefix;
  HrCircuitError code;
} CorpusCategory;

/* Loads DATA (LEN bytes) as the file NAME: the error, or NULL when it loaded. */
typedef GError *(*CorpusLoadFunc) (const char *data, gsize len, const char *name,
                                   gpointer user_data);

/* The whole file at PATH, which must be readable. (transfer full) */
static inline char *
corpus_read_text (const char *path, gsize *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, &error));
  g_assert_no_error (error);
  return data;
}

static inline HrCircuitError
corpus_category_code (const CorpusCategory *categories, guint n, const char *name)
{
  for (guint i = 0; i < n; i++)
    if (g_str_has_prefix (name, categories[i].prefix))
      return categories[i].code;
  g_error ("%s: the name starts with no known category", name);
  return HR_CIRCUIT_ERROR_IO;
}

/* Every CATEGORY-what.json of DIR (at least MIN_FILES, each with its .expected and every
 * .expected with its input) is refused by LOAD with its category's code and exactly the
 * expected message. */
static inline void
corpus_check_dir (const char *dir, const CorpusCategory *categories, guint n_categories,
                  guint min_files, CorpusLoadFunc load, gpointer user_data)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n_expected = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
    else if (g_str_has_suffix (name, ".expected"))
      n_expected++;
  g_assert_cmpuint (names->len, ==, n_expected);
  g_assert_cmpuint (names->len, >=, min_files);
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *stem = g_strndup (file, strlen (file) - strlen (".json"));
      g_autofree char *expected_path = g_strconcat (dir, G_DIR_SEPARATOR_S, stem,
                                                    ".expected", NULL);
      gsize len, expected_len;
      g_autofree char *data = corpus_read_text (path, &len);
      g_autofree char *expected = corpus_read_text (expected_path, &expected_len);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", file);
      g_assert_true (expected_len > 0 && expected[expected_len - 1] == '\n');
      expected[expected_len - 1] = '\0';  /* the file's own newline */
      error = load (data, len, file, user_data);
      g_assert_nonnull (error);
      g_assert_error (error, HR_CIRCUIT_ERROR,
                      (gint) corpus_category_code (categories, n_categories, file));
      g_assert_cmpstr (error->message, ==, expected);
    }
}
