/* SPDX-License-Identifier: GPL-2.0 */
/*
 * restructure.h - before `kmapcheck patch` converts: getter/putter helpers that
 * hand out a page the getter kmap()ed are changed, on a copy, so that the getter
 * returns the address and the putter takes it back, and the copy is proved again.
 */
#ifndef KMAPCHECK_RESTRUCTURE_H
#define KMAPCHECK_RESTRUCTURE_H

#include <stdbool.h>

#include "scan.h"

/* The rules, in the order they run; each keeps what the code does (kmap() stays). */
extern const char *const restructure_rules[];
extern const int restructure_nrules;

struct restructure_opts {
	const char *work;		/* a directory of ours, absolute */
	const char *cocci_dir;		/* where the rules are */
	int jobs;
	bool quiet;
	const char *const *rule_dirs;	/* --rules, for the proof of the copies */
	int nrule_dirs;
	/* Would `patch` convert this site as a pair? Such getters are left alone, and a copy
	 * is kept only when its new proof has one. */
	bool (*converts_pair)(const struct site_out *s);
};

struct restructured {
	char *abspath;		/* the file in the tree */
	char *base;		/* its restructured copy: the text the conversion starts from */
	char *what;		/* the helpers changed: "foo_get_page() and foo_put_page()" */
};

/*
 * restructure - for every .c file of @res with a kmap() whose page or address leaves its
 * function (the prover's "return" evidence) and that @ro->converts_pair() does not take
 * (unproven, or a putter with no address to hand kunmap_local()), run the rules on a copy
 * under @ro->work and scan the changed copies again (their flags, with the file's own
 * directory for quoted includes). A copy whose proof now has a getter/putter pair
 * that converts replaces the file: its sites are appended to @res (with the file's
 * name), the file's old sites are marked in *@superseded (one per site of @res, grown
 * with it), and the copy is listed in *@out. Returns how many files were replaced.
 */
int restructure(struct scan_result *res, const struct restructure_opts *ro,
		struct restructured **out, bool **superseded);
void restructured_free(struct restructured *r, int n);

#endif
