/* sim-private.h — the netlist IR's plain C structs, shared by the engines inside sim/.
 * Not installed, not part of the public API: engines read these arrays directly. */
#pragma once

#include "headroom-sim.h"

G_BEGIN_DECLS

typedef enum {
  HR_EL_RESISTOR = 'r',
  HR_EL_CAPACITOR = 'c',
  HR_EL_INDUCTOR = 'l',
  HR_EL_MUTUAL = 'k',
  HR_EL_VSOURCE = 'v',
  HR_EL_ISOURCE = 'i',
  HR_EL_VCVS = 'e',
  HR_EL_CCCS = 'f',
  HR_EL_VCCS = 'g',
  HR_EL_CCVS = 'h',
  HR_EL_DIODE = 'd',
  HR_EL_MOSFET = 'm',
  HR_EL_SUBCKT = 'x',
  HR_EL_TLINE = 't',
  HR_EL_CPL = 'p',     /* coupled (or single lossy) lines; ngspice's letter for CPL        */
} HrElementKind;

typedef enum {
  HR_WAVE_NONE,
  HR_WAVE_PULSE,   /* v1 v2 td tr tf pw per            */
  HR_WAVE_PWL,     /* t0 v0 t1 v1 ...                   */
  HR_WAVE_SIN,     /* vo va freq td theta               */
  HR_WAVE_EXP,     /* v1 v2 td1 tau1 td2 tau2           */
  HR_WAVE_TRNOISE, /* rms sample_time 0 0 (ngspice's NA NT NALPHA NAMP); seed in noise_seed */
} HrWaveKind;

typedef struct {
  char   *name;
  double  value;
} HrParam;

/* A line of N coupled conductors over a reference (HR_EL_CPL), per metre. Matrices are
 * N x N, row-major, symmetric; C and G in Maxwell form (off-diagonals <= 0: minus the
 * coupling between two conductors; row sums >= 0: each conductor's share to the reference).
 * Checked by the builder: L and C positive definite, G positive semidefinite. */
typedef struct {
  guint   n;           /* conductors                                                       */
  double *l, *c;       /* H/m, F/m                                                          */
  double *r;           /* N series resistances, ohm/m; NULL when lossless                  */
  double *g;           /* S/m, Maxwell form; NULL when lossless                            */
  double  length;      /* m                                                                 */
  guint   segments;    /* 0: lossless, by modal decomposition; else RLGC sections           */
} HrLineSpec;

typedef struct {
  HrElementKind kind;
  char   *name;        /* lower case, starts with the kind letter                          */
  char  **nodes;       /* lower case, ground is "0"; NULL-terminated                       */
  guint   n_nodes;
  double  value;       /* R, C, L, K coupling, source DC, E/F/G/H gain, T z0               */
  double  value2;      /* T delay                                                          */
  char   *ref;         /* K: l1; F/H: controlling source; D/M: model; X: subckt            */
  char   *ref2;        /* K: l2                                                            */
  double  w_m, l_m;    /* M                                                                */
  GArray *params;      /* HrParam: extra instance parameters                               */
  /* independent sources */
  gboolean has_ac;
  double   ac_mag, ac_phase_deg;
  HrWaveKind wave;
  GArray  *wave_args;  /* double                                                           */
  guint64  noise_seed; /* HR_WAVE_TRNOISE                                                   */
  /* P: the line; its nodes are near_1 .. near_N, near_ref, far_1 .. far_N, far_ref       */
  HrLineSpec *line;
} HrElement;

typedef struct {
  char        *name;   /* lower case */
  HrModelType  type;
  int          level;
  GArray      *params; /* HrParam */
} HrModel;

typedef enum {
  HR_AN_OP,
  HR_AN_DC,
  HR_AN_TRAN,
  HR_AN_AC,
} HrAnalysisKind;

typedef struct {
  HrAnalysisKind kind;
  /* dc */
  char   *src, *src2;
  double  start, stop, step, start2, stop2, step2;
  /* tran */
  double  tstep, tstop, tstart, tmax;
  gboolean uic;
  /* ac */
  HrAcSweep sweep;
  guint   points;
  double  fstart, fstop;
} HrAnalysis;

typedef struct {
  char *origin;
  char *text;          /* filtered; includes absolute */
} HrUserBlock;

struct _HrNetlist {
  gint        ref_count;
  char       *title;
  GPtrArray  *elements;      /* HrElement*  */
  GHashTable *element_index; /* name -> HrElement* (not owned) */
  GPtrArray  *models;        /* HrModel*    */
  GPtrArray  *user_blocks;   /* HrUserBlock* */
  GPtrArray  *analyses;      /* HrAnalysis* */
  GPtrArray  *outputs;       /* char*: "v(out)", "i(v1)" */
  GArray     *options;       /* HrParam */
  GArray     *initial;       /* HrParam: node -> volts */
  gboolean    has_temp;
  double      temp_c;
  HrIntegration integration; /* transient integration method                    */
  GError     *error;         /* first builder error */
};

/* Lines (lines.c). */
void     hr_line_spec_free (HrLineSpec *spec);
/* What is wrong with a line of N conductors (matrices as in HrLineSpec; R, G may be NULL),
 * as a phrase for a message, or NULL if nothing is. (transfer full) */
char    *hr_line_check (guint n, const double *l, const double *c, const double *r,
                        const double *g, double length, guint segments);
/* The RLGC sections of a segmented line EL as plain elements (R, L, K, C and R for G),
 * in the order both engines run them (see lines.c for the layout and the names of the
 * internal nodes and elements). (transfer full: a GPtrArray of HrElement) */
GPtrArray *hr_line_expand (const HrElement *el);

/* The SPICE lines of NETLIST (title first, ".end" last). With WITH_ANALYSES the analysis
 * cards are included; engines that send analysis commands separately leave them out.
 * (transfer full) */
GPtrArray *hr_netlist_spice_lines (HrNetlist *netlist, gboolean with_analyses, GError **error);
/* The interactive command for analysis INDEX ("tran 1e-09 1e-06"), short enough for
 * ngSpice_Command's 1024-byte buffer. (transfer full) */
char *hr_analysis_spice_command (const HrAnalysis *analysis);
const char *hr_analysis_kind_name (HrAnalysisKind kind);
/* Writes VALUE as the shortest "%.*g" C-locale text that reads back to the same double. */
void hr_spice_format_double (GString *out, double value);

/* Result building, used by engines. */
HrSimResult *hr_sim_result_new (const char *engine_name);
void hr_sim_result_set_log (HrSimResult *result, const char *log);
/* Starts a plot; later vectors go to it. */
void hr_sim_result_add_plot (HrSimResult *result, const char *name);
/* Adds a vector to the current plot, taking DATA (real: N values; complex: N real parts in
 * DATA and N imaginary parts in IMAG). IS_SCALE marks the plot's scale. Names are
 * canonicalised ("out" -> "v(out)", "v1#branch" -> "i(v1)"). */
void hr_sim_result_add_vector (HrSimResult *result, const char *name, double *data,
                               double *imag, guint n, gboolean is_scale);
/* Canonical, lower-case form of a vector name. (transfer full) */
char *hr_sim_vector_name_canonical (const char *name);

G_END_DECLS
