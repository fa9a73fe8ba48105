/* SPDX-License-Identifier: GPL-2.0 */
/*
 * prove.h - the proofs: verdicts for every mapping site of a translation unit.
 *
 * The front end hands over an ir_tu whose sites have role and api set; prove_tu()
 * fills verdict, reason, evidence, paths, needs and partner_line for every site.
 * It never says V_SAFE without a proof: whatever it cannot follow is V_UNKNOWN
 * with a reason naming what stopped it.
 */
#ifndef KMAPCHECK_PROVE_H
#define KMAPCHECK_PROVE_H

#include <string.h>

#include "ir.h"
#include "rules.h"

/*
 * Path counts stop here (a site's paths, in the store and JSON too): the texts say
 * PATHS_CAP_TEXT, "10^9 or more paths" (nilfs_sufile_set_suinfo()).
 */
#define PATHS_CAP 1000000000
#define PATHS_CAP_TEXT "10^9 or more"

/*
 * Words of a reason the scan reads back: a proof that stopped at a function no
 * summary covers (the cross-file pass looks for its definition), and a function
 * that did not parse (a header site's copy from such an includer is no evidence).
 */
#define REASON_NOT_ANALYSED "which is not analysed"
#define REASON_PARSE_ERRORS "() has parse errors ("

/* Would a summary of @callee, defined in another file, decide this unknown site? */
static inline bool reason_awaits_summary(bool unknown, const char *callee, const char *reason)
{
	return unknown && callee && reason && strstr(reason, REASON_NOT_ANALYSED);
}

/*
 * What is known of a function defined in another file (cross-file summaries,
 * kept in the SQLite store). Bit i of the masks is parameter i (0-based, counting
 * every parameter; only pointer-like ones are ever set).
 */
struct func_summary {
	const char *name;
	const char *file;
	unsigned int escapes;		/* parameters whose pointee address may be kept or handed off */
	unsigned int derefs_only;	/* parameters only read/written through, never kept;
					 * a parameter in neither mask is unknown */
	bool maps, unmaps, returns_mapping, may_sleep;
	bool needs_atomic;		/* relies on page faults or preemption disabled */
	/* Added for the proofs (0 when unknown): */
	unsigned int needs;		/* SITE_NEEDS_* behind needs_atomic; the same bits
					 * shifted by SUMMARY_NEEDS_GUESS_SHIFT: only from
					 * calls the proof could not see into */
	unsigned int returns_param;	/* parameters whose value (or a pointer derived from it)
					 * may be returned */
	unsigned int unmaps_param;	/* parameters whose mapping it releases on every path */
};

#define SUMMARY_NEEDS_GUESS_SHIFT 8

/* Looks up a summary for an external function; NULL when none is known. */
typedef const struct func_summary *(*summary_lookup_fn)(const char *name, void *ctx);

struct prove_ctx {
	const struct rules *rules;
	summary_lookup_fn lookup;	/* may be NULL */
	void *lookup_ctx;
};

/**
 * prove_tu - decide a verdict for every site of @tu.
 * @tu: the translation unit; its sites are updated in place.
 * @ctx: the rules and the cross-file summary lookup.
 */
void prove_tu(struct ir_tu *tu, const struct prove_ctx *ctx);

/**
 * summarize_func - the summary of one function defined in @tu, for the store.
 * Fills @out (its strings point into @tu's arena).
 */
void summarize_func(struct ir_tu *tu, struct ir_func *fn, const struct prove_ctx *ctx,
		    struct func_summary *out);

#endif
