/* cmd-matrix.h — writing the family compatibility matrix in every format. */
#pragma once

#include "cli.h"

/* FORMAT: "text", "csv", "json", "svg", "png", "pdf", or NULL (from OUTPUT's extension, else
 * text). OUTPUT: NULL or "-" for standard output (text formats only). */
gboolean hr_cli_matrix_write (const HrMatrixResult *m, const char *format, const char *output,
                              GError **error);
