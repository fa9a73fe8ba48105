/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xref.h - where external functions are defined, and what is known of them.
 *
 * A cheap definition index (a byte scan, no parse) finds the files that define the
 * functions a proof stopped at; the scan parses those files and keeps one summary
 * per function (prove.h's struct func_summary). The table answers the prover's
 * lookups. It does not decide anything itself.
 */
#ifndef KMAPCHECK_XREF_H
#define KMAPCHECK_XREF_H

#include <stdbool.h>

#include "prove.h"
#include "util.h"

/* One definition found by the index. */
struct xref_def {
	char *name;
	char *file;		/* absolute */
};

struct xref_defs {
	struct xref_def *v;
	int n, cap;
};

/**
 * xref_find_defs - find the non-static definitions of @names in @files and under @dirs.
 * @dirs: directories walked for *.c files.
 * @files: more files to read.
 * @skip_arch: a kernel tree: skip the other arches' arch/<a>/ (kernel_other_arch()).
 * @out: gets one entry per (name, file).
 *
 * Kernel style puts a definition's declarator at the start of a line; a name found
 * there, followed by a parameter list and then '{', is a definition. A file
 * that hides its definitions behind macros is not found: the lookup then answers
 * nothing, and the proof stays unknown.
 */
void xref_find_defs(const char *const *dirs, int ndirs, const char *const *files, int nfiles,
		    bool skip_arch, const char *const *names, struct xref_defs *out);
void xref_defs_free(struct xref_defs *d);

/* Summaries by function name, merged over every definition found. */
struct xref_table;

struct xref_table *xref_table_new(void);
void xref_table_free(struct xref_table *t);
/*
 * Add one definition's summary. Several definitions of one name merge to what holds
 * for all of them: a parameter is derefs-only only if it is in every one.
 */
void xref_table_add(struct xref_table *t, const struct func_summary *s);
/* The merged summary of @name, or NULL. */
const struct func_summary *xref_table_get(const struct xref_table *t, const char *name);

#endif
