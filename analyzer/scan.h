/* SPDX-License-Identifier: GPL-2.0 */
/*
 * scan.h - the scan: inputs, flags, parse and prove in workers, results.
 *
 * Other commands (explain, patch, gate, check) are built on scan_run().
 */
#ifndef KMAPCHECK_SCAN_H
#define KMAPCHECK_SCAN_H

#include <stdbool.h>
#include <stdio.h>

#include "flags.h"
#include "rules.h"
#include "tree.h"
#include "util.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_SITES, FMT_NONE };

/* Exit statuses of `kmapcheck scan` (documented in --help and README). */
enum {
	EXIT_OK = 0,		/* every file analysed */
	EXIT_FINDINGS = 1,	/* gate: the change adds deprecated calls */
	EXIT_USAGE = 2,		/* bad command line, or the run could not start */
	EXIT_PARTIAL = 3,	/* some files could not be analysed (each one was named) */
};

struct scan_opts {
	const char *const *paths;
	int npaths;
	const char *const *flags;	/* after `--` */
	int nflags;
	bool have_flags;
	int jobs;
	double timeout;
	long mem_limit_mb;
	enum out_format format;
	const char *db_path;		/* NULL: the default; "" or --no-db: none */
	bool quiet;
	bool progress;			/* a progress bar on stderr */
	bool no_cache;
	bool no_pch;			/* parse every file from its own text (see pch.h) */
	const char *const *rule_dirs;
	int nrule_dirs;
	const char *config;		/* kernel configuration target: allmodconfig */
	const char *build_dir;		/* kernel O= directory, or NULL for the cache */
	const char *compdb_dir;		/* -p DIR */
	int shard_k, shard_n;		/* --shard K/N: this run takes files i % N == K-1 */
	const char *argv_text;		/* the command line, for the store */
	bool print_flags;		/* print each file's flags and parse nothing */
	const char *list_parsed;	/* --list-parsed FILE, or NULL */
	FILE *out;
};

/* A site as the commands see it: plain strings, no IR. */
struct site_out {
	char *file;		/* display path (relative to the root) */
	char *abspath;
	int line, col;
	char *function;
	char *api;
	char *role;		/* map, unmap, helper */
	char *macro;		/* or NULL */
	char *verdict;
	char *reason;
	char *evidence;		/* JSON array text */
	int paths;
	int needs;
	int partner_line;
	char *proof;
	char *key;		/* location-independent */
	char *escape_callee;
	int input;		/* the input file whose parse reported it */
};

struct file_out {
	int input;		/* index in the input set */
	char *status;		/* ok, parse-errors, crashed, timeout, failed, cached, skipped */
	int errors, warnings, errors_in_site_funcs, missing_headers, unknown_flags;
	char *first_error;
	char *error_text;
	char *flags_origin;
	uint64_t flags_hash;
	double wall, cpu;
	long maxrss_kb;
	int nsites;
	struct flagset flags;	/* what it was parsed with (empty when it was not) */
};

struct scan_result {
	struct input_set inputs;
	struct file_out *files;		/* one per input */
	struct site_out *sites;
	int nsites, capsites;
	int parsed, failed, with_errors, cached, candidates;
	int headers_alone;	/* of the candidates: headers parsed on their own */
	double wall, cpu_children;
	double parse_cpu, lower_cpu, prove_cpu;	/* where the workers' time went */
	/* The precompiled <linux/highmem.h>: variants built and not, files parsed with it, again without. */
	int pch_built, pch_failed, pch_files, pch_retried;
	int pch_reduced;		/* of pch_built: <linux/highmem.h> alone */
	int pch_skipped;		/* variants not built: too few files would use them */
	char *pch_why_failed;		/* the first failed variant's reason, or NULL */
	char *pch_why_reduced;		/* the first reduced variant's reason, or NULL */
	long maxrss_kb;
	char *root;			/* the first root */
	struct rules *rules;
	long long run_id;
};

/* The defaults every command starts from: text to stdout, progress, 300 s a file. */
void scan_opts_init(struct scan_opts *o);

/**
 * scan_run - scan the inputs of @o into @res, writing progress and file problems
 * to stderr. Returns an EXIT_* status.
 */
int scan_run(const struct scan_opts *o, struct scan_result *res);
void scan_result_free(struct scan_result *res);

/* Output (emit.c). */
void emit_sites(FILE *out, enum out_format fmt, const struct scan_result *res);
void emit_summary(FILE *err, const struct scan_result *res);
void emit_site_text(FILE *out, const struct site_out *s);
/* One JSON Lines object; @extra (or NULL) is more members, ",\"name\":value..." */
void emit_site_json(FILE *out, const struct site_out *s, const char *extra);
bool api_is_deprecated(const char *api);
int evidence_lines(const char *ev, const char *kind, int *out, int max);

/* Rules next to the executable plus --rules directories. */
struct rules *load_rules(const char *const *extra, int nextra);

#endif
