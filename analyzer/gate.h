/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gate.h - `kmapcheck gate` (what a change adds), `kmapcheck check` (kbuild's
 * CHECK program) and the SARIF writer they share with the scan.
 *
 * The gate analyses the touched files before and after a change with
 * scan_run() and reports the deprecated mapping calls that only the new
 * version has, recognised by the site key, not by line.
 */
#ifndef KMAPCHECK_GATE_H
#define KMAPCHECK_GATE_H

#include <stdio.h>

#include "scan.h"

struct gate_opts {
	const char *base;		/* --base REV, or NULL: HEAD if the work tree is dirty, else HEAD~1 */
	const char *patch;		/* --patch FILE ("-" for stdin), or NULL: compare with git */
	const char *tree;		/* TREE, or NULL for the current directory */
	const struct scan_opts *scan;	/* -j, --timeout, --rules, --config, -p, -- FLAGS, --format, -q */
};

/* Exit statuses of `kmapcheck gate`: EXIT_OK, EXIT_FINDINGS, and this for "could not run". */
#define GATE_EXIT_ERROR 2

/**
 * gate_run - report the deprecated mapping calls a change adds.
 * @o: what to compare and how.
 *
 * Writes findings to o->scan->out (text, json or sarif) and problems to stderr.
 * Return: EXIT_OK when the change adds no deprecated call, EXIT_FINDINGS when it
 * does, GATE_EXIT_ERROR when the gate could not run (not a git tree, a bad
 * revision, a patch that does not apply, a touched file that does not parse).
 */
int gate_run(const struct gate_opts *o);

/**
 * check_run - `kmapcheck check`: kbuild's CHECK program.
 * @argc, @argv: what kbuild passes to sparse: CHECKFLAGS, c_flags and one .c file.
 *
 * Prints sparse-style diagnostics for the mapping sites of that file to stderr.
 * A file that names no mapping API is not parsed at all.
 * Return: 0, or 2 when the command line names no source file or it cannot be read.
 */
int check_run(int argc, char **argv);

/**
 * gate_suggestion - what to write instead of a deprecated call, from its verdict.
 * @s: a kmap()/kmap_atomic()/kmap_atomic_prot()/kmap_atomic_pfn() site.
 *
 * Return: an allocated sentence, e.g. "could be kmap_local_page(): thread-local, LIFO".
 */
char *gate_suggestion(const struct site_out *s);

/* The SARIF 2.1.0 writer (emit.c): one run, one tool, these rules and results. */
#define SARIF_INFO_URI "https://www.kernel.org/doc/html/latest/mm/highmem.html"

struct sarif_rule {
	const char *id;
	const char *short_desc;
	const char *help;		/* plain text */
	const char *help_uri;		/* NULL: SARIF_INFO_URI */
};

struct sarif_result {
	const struct site_out *site;	/* file (a relative URI), line, col, key */
	const char *rule_id;		/* one of the rules' ids */
	const char *level;		/* "warning", "note", "error" */
	const char *message;
};

void emit_sarif_log(FILE *out, const struct sarif_rule *rules, int nrules,
		    const struct sarif_result *results, int nresults);

#endif
