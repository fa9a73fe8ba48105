/* SPDX-License-Identifier: GPL-2.0 */
/*
 * patch.h - `kmapcheck patch`: semantic patches for the proven sites, the diffs
 * spatch makes from them, a patch series, and --apply.
 */
#ifndef KMAPCHECK_PATCH_H
#define KMAPCHECK_PATCH_H

#include "ir.h"
#include "scan.h"

struct patch_opts {
	const char *out;	/* output directory */
	bool apply;		/* change the tree in place (all or nothing) */
	bool quiet;
	int jobs;
};

/* Convert the proven sites of @res; returns an EXIT_* status. */
int patch_run(const struct patch_opts *po, struct scan_result *res);

#endif
