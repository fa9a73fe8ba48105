/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rules.h - what kmapcheck knows about kernel functions, loaded from rules/ at run time.
 *
 * Each rules/KIND.rules file is data: one entry per line, '#' comments saying where the
 * knowledge comes from. A user adds a line (or a file in a directory given with
 * --rules DIR) without recompiling.
 */
#ifndef KMAPCHECK_RULES_H
#define KMAPCHECK_RULES_H

#include <stdbool.h>
#include <stdint.h>

struct rules;

/* The kind of a mapping-family function (rules/families.rules). */
enum family_kind {
	FAM_NONE,
	FAM_MAP_GLOBAL,		/* kmap(page): unmapped by kunmap(page) */
	FAM_MAP_ATOMIC,		/* kmap_atomic*(page): unmapped by kunmap_atomic(addr) */
	FAM_MAP_LOCAL,		/* kmap_local_*(page): unmapped by kunmap_local(addr) */
	FAM_UNMAP_GLOBAL,	/* kunmap(page) */
	FAM_UNMAP_ATOMIC,	/* kunmap_atomic(addr) */
	FAM_UNMAP_LOCAL,	/* kunmap_local(addr) */
	FAM_HELPER,		/* memcpy_to_page() and friends: map and unmap inside */
};

struct rules *rules_load(const char *const *dirs, int ndirs, char **err);
void rules_free(struct rules *r);

enum family_kind rules_family(const struct rules *r, const char *name);
bool rules_is_deprecated(const struct rules *r, const char *name);
/*
 * A function that implements a family macro (families.rules kinds impl-map, impl-unmap):
 * a call to it expanded from macro M is M's map (1) or unmap (-1); 0 for other names;
 * *arg receives the page or address argument. rules_family() says FAM_NONE for these.
 */
int rules_family_impl(const struct rules *r, const char *name, int *arg);
/* All family names, for the byte scan; NULL-terminated. */
const char *const *rules_family_names(const struct rules *r);
/* A hash of the text of every rules file loaded: part of the scan cache key. */
uint64_t rules_hash(const struct rules *r);

/*
 * Queries the proofs use. Each takes an optional @where that receives the rule's
 * origin ("nocapture.rules:12"), owned by @r, for proofs to cite.
 */

/* Which argument (0-based) of a family call is the page or the address. */
int rules_family_arg(const struct rules *r, const char *name);

/* True when @name does not keep argument @arg past the call (rules/nocapture.rules). */
bool rules_nocapture(const struct rules *r, const char *name, int arg, const char **where);

/* The argument a nocapture function returns (memcpy() returns its destination), or -1. */
int rules_nocapture_returns(const struct rules *r, const char *name);

/* How a function hands on a pointer argument (rules/handoff.rules). */
enum handoff_kind {
	HANDOFF_NONE,
	HANDOFF_ASYNC,		/* given to code running in another context */
	HANDOFF_KEEP,		/* stored in long-lived memory */
	HANDOFF_STORE,		/* written into the object another argument points to */
};
/* For HANDOFF_STORE, *store_dst receives the destination argument index. */
enum handoff_kind rules_handoff(const struct rules *r, const char *name, int arg,
				int *store_dst, const char **where);

/* What an operation needs disabled (rules/atomic.rules); RULES_NEEDS_* bits, 0 if none.
 * The values equal SITE_NEEDS_* of ir.h. */
enum { RULES_NEEDS_PAGEFAULT = 1 << 0, RULES_NEEDS_PREEMPT = 1 << 1 };
unsigned int rules_atomic_needs(const struct rules *r, const char *name, const char **where);

/*
 * Explicit disable/enable calls (rules/atomic.rules "NAME disables WHAT"): returns +1 for
 * a disable, -1 for an enable, 0 otherwise; *which receives RULES_NEEDS_* bits.
 */
int rules_atomic_toggle(const struct rules *r, const char *name, unsigned int *which);

/* True when a rules file other than families.rules has a line for @name (not "none"). */
bool rules_has(const struct rules *r, const char *name);
/* True when atomic.rules or sleep.rules tells what @name needs in a kmap_atomic() region. */
bool rules_atomic_listed(const struct rules *r, const char *name);

/* True for calls (or macros) that never return (rules/noreturn.rules). */
bool rules_noreturn(const struct rules *r, const char *name);

/* True for functions that may sleep (rules/sleep.rules). */
bool rules_may_sleep(const struct rules *r, const char *name, const char **where);

/* What rules/lowmem.rules says of a name. */
enum lowmem_kind {
	LOWMEM_NONE,
	LOWMEM_FLAG,		/* a GFP flag macro that does not include __GFP_HIGHMEM */
	LOWMEM_ALLOC,		/* returns a page allocated with the GFP flags of argument *arg */
	LOWMEM_DIRECT,		/* returns a page that is never highmem (virt_to_page()) */
};
enum lowmem_kind rules_lowmem(const struct rules *r, const char *name, int *arg, const char **where);

#endif
