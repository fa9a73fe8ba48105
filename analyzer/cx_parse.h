/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cx_parse.h - parse one C file with libclang and lower it to the IR.
 *
 * The only interface to libclang the rest of the analyzer sees: it gets an
 * ir_tu and counts of what went wrong, never a CXCursor.
 */
#ifndef KMAPCHECK_CX_PARSE_H
#define KMAPCHECK_CX_PARSE_H

#include "ir.h"
#include "rules.h"
#include "util.h"

struct cx_parse_opts {
	const char *file;		/* absolute path of the main file */
	const char *const *args;	/* compiler flags, without the file */
	int nargs;
	const char *working_dir;	/* for relative -I, or NULL */
	const struct rules *rules;
	/* Header sites are reported only for headers under one of these; NULL = none. */
	const char *const *report_roots;
	int nreport_roots;
	/* Paths (glob patterns relative to a root) that define the API: never sites. */
	const char *const *definition_globs;
	int ndefinition_globs;
	/*
	 * The flags with a precompiled header (-include-pch first), or NULL. A
	 * parse with it that reports an error is done again with @args.
	 */
	const char *const *pch_args;
	int pch_nargs;
};

struct cx_parse_result {
	struct ir_tu *tu;		/* NULL when libclang produced no translation unit */
	int errors, warnings, fatals;
	int errors_in_site_funcs;	/* errors inside a function that holds a site */
	int missing_headers;		/* "file not found" errors */
	int unknown_flags;		/* unknown-argument diagnostics */
	char *first_error;		/* "file:line:col: message" or a libclang failure text */
	struct strbuf error_text;	/* first few errors, one per line */
	/*
	 * Mapping calls in code the preprocessor skipped (#if branches this
	 * configuration does not compile): found, never analysed. Each has
	 * func/call set to synthetic nodes; verdict unknown with the reason.
	 */
	struct ir_site *inactive;
	int ninactive;
	double parse_seconds, lower_seconds;
	bool pch_used;			/* parsed with opts.pch_args */
	bool pch_retried;		/* the parse with them had errors: parsed again without */
	void *cx;			/* private: the libclang objects, kept for lazy lowering */
};

/**
 * cx_parse_file - parse @o->file and lower its functions.
 * Returns true when a translation unit was produced (even with errors).
 */
bool cx_parse_file(const struct cx_parse_opts *o, struct cx_parse_result *r);

/*
 * Build a precompiled header of @header with @args at @out (for -include-pch),
 * or say why not in *@err: a header with errors is no PCH.
 */
bool cx_build_pch(const char *const *args, int nargs, const char *header, const char *out,
		  char **err);

/*
 * Make @r's IR look as it did after the parse, to prove it again: the functions
 * lowered on demand since, the first @nfuncs being the parse's own, leave
 * tu->funcs and come back (without a second lowering) when a proof asks.
 */
void cx_relist(struct cx_parse_result *r, int nfuncs);

/* Release the translation unit and the IR. */
void cx_parse_release(struct cx_parse_result *r);

/* libclang's version string, for --version and the store. */
char *cx_version(void);

#endif
