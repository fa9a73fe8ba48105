/* SPDX-License-Identifier: GPL-2.0 */
/*
 * patch.h - `kmapcheck patch`: semantic patches for the proven sites, the diffs
 * spatch makes from them, a patch series, --validate and --apply.
 */
#ifndef KMAPCHECK_PATCH_H
#define KMAPCHECK_PATCH_H

#include "ir.h"
#include "scan.h"

struct patch_opts {
	const char *out;	/* output directory */
	bool apply;		/* change the tree in place (all or nothing) */
	bool validate;		/* compile and sparse-check before and after; drop what breaks */
	bool quiet;
	int jobs;
	const char *config;	/* kernel configuration for --validate (allmodconfig) */
	const char *const *flags;	/* plain files: the flags after `--`, for --validate */
	int nflags;
	const char *const *rule_dirs;	/* --rules, for proving restructured copies */
	int nrule_dirs;
};

/*
 * Check what patch_run() needs before the scan: an output directory that is new,
 * empty or an earlier output, the semantic patches, spatch. Returns an EXIT_*
 * status, with the reason on stderr.
 */
int patch_preflight(const struct patch_opts *po);

/*
 * Run @argv in @cwd (NULL: ours) with KMAPCHECK_SITES=@env_sites (or without it),
 * stdout to @out_path and stderr appended to @err_path (NULL: /dev/null). Returns
 * the exit status, 128 + the signal, or 127 when it could not run.
 */
int patch_spawn(char *const argv[], const char *cwd, const char *env_sites,
		const char *out_path, const char *err_path);

/* Convert the proven sites of @res; returns an EXIT_* status. */
int patch_run(const struct patch_opts *po, struct scan_result *res);

#endif
