// SPDX-License-Identifier: GPL-2.0
/*
 * prove_atomic.c - what a kmap_atomic() region relies on: operations that need page
 * faults or preemption disabled (rules/atomic.rules), and calls that may sleep.
 *
 * An operation counts only while a kmap_atomic() mapping is live on the path and no
 * explicit disable of the same kind is held; outside any such region it goes into
 * the function's summary, for callers whose region calls this function.
 */
#include <string.h>

#include "prove_int.h"

_Static_assert((int)RULES_NEEDS_PAGEFAULT == (int)SITE_NEEDS_PAGEFAULT_DISABLE &&
	       (int)RULES_NEEDS_PREEMPT == (int)SITE_NEEDS_PREEMPT_DISABLE,
	       "rules.h and ir.h must agree on the need bits");

#define DISABLE_CAP 3

/* The needs of @needs not covered by explicit disables held on this path. */
static unsigned int uncovered(const struct flow *fl, unsigned int needs)
{
	if (fl->st->pf > 0)
		needs &= ~RULES_NEEDS_PAGEFAULT;
	if (fl->st->pre > 0)
		needs &= ~RULES_NEEDS_PREEMPT;
	return needs;
}

/*
 * Record @needs (op @op at @line) on every live kmap_atomic mapping; true if any.
 * The bits of @guess are only a call the proof could not see into: a need found
 * for sure replaces such a guess as the one the reason names.
 */
static bool record_needs(struct flow *fl, unsigned int needs, unsigned int guess, const char *op,
			 int line)
{
	struct prover *pv = fl->pv;
	struct state *st = fl->st;
	bool any = false;
	int i, b;

	for (i = 0; i < st->depth; i++) {
		struct psite *p = &pv->ps[st->stk[i].ps];

		if (p->fam != FAM_MAP_ATOMIC)
			continue;
		any = true;
		for (b = 0; b < 2; b++) {
			unsigned int bit = 1u << b;

			if (!(needs & bit) || (p->f.needs_op[b] && (guess & bit || !(p->f.needs_guess & bit))))
				continue;
			p->f.needs |= bit;
			p->f.needs_guess = (p->f.needs_guess & ~bit) | (guess & bit);
			p->f.needs_op[b] = op;
			p->f.needs_line[b] = line;
		}
	}
	return any;
}

static void record_sleep(struct flow *fl, const char *op, int line)
{
	struct prover *pv = fl->pv;
	struct state *st = fl->st;
	int i;

	for (i = 0; i < st->depth; i++) {
		struct psite *p = &pv->ps[st->stk[i].ps];

		if (p->fam == FAM_MAP_ATOMIC && !p->f.sleep_op) {
			p->f.sleep_op = op;
			p->f.sleep_line = line;
		}
	}
	fl->fi->may_sleep = true;
	if (!fl->fi->sleep_op) {
		fl->fi->sleep_op = op;
		fl->fi->sleep_line = line;
	}
}

static void record_fn_needs(struct flow *fl, unsigned int needs, unsigned int guess, const char *op,
			    int line)
{
	struct finfo *fi = fl->fi;
	bool was_guess = fi->needs && !(fi->needs & ~fi->needs_guess);

	if (!needs)
		return;
	/* a bit is a guess while no sure need has set it */
	fi->needs_guess = (fi->needs_guess | (needs & guess & ~fi->needs)) & ~(needs & ~guess);
	fi->needs |= needs;
	if (!fi->needs_op || (was_guess && (needs & ~guess))) {
		fi->needs_op = op;
		fi->needs_line = line;
	}
}

/**
 * atomic_note_op - the path evaluates @name (a call, or a macro expansion when
 * @is_macro) at @line: note what it needs and whether it may sleep.
 */
void atomic_note_op(struct flow *fl, const char *name, int line, bool is_macro)
{
	const struct rules *r = fl->pv->rules;
	unsigned int all = rules_atomic_needs(r, name, NULL), needs = uncovered(fl, all);
	bool in_region = false;
	const char *op;

	if (needs) {
		op = arena_printf(fl->pv->arena, "%s()", name);
		in_region = record_needs(fl, needs, 0, op, line);
		if (!in_region)
			record_fn_needs(fl, needs, 0, op, line);
	}
	/*
	 * A user access that needs page faults disabled does not sleep where they are
	 * (include/linux/uaccess.h): under an explicit pagefault_disable(), or in a
	 * kmap_atomic() region, whose conversion keeps one for it.
	 */
	if ((all & RULES_NEEDS_PAGEFAULT) && (fl->st->pf > 0 || in_region))
		return;
	if (!is_macro && rules_may_sleep(r, name, NULL))
		record_sleep(fl, arena_printf(fl->pv->arena, "%s()", name), line);
}

/**
 * atomic_toggle - @name is an explicit disable or enable (rules/atomic.rules):
 * update the path's depth of explicit disables and return true.
 */
bool atomic_toggle(struct flow *fl, const char *name)
{
	unsigned int which;
	int t = rules_atomic_toggle(fl->pv->rules, name, &which);
	struct state *st = fl->st;

	if (!t)
		return false;
	if (which & RULES_NEEDS_PAGEFAULT) {
		st->pf += t;
		if (st->pf < 0)
			st->pf = 0;
		if (st->pf > DISABLE_CAP)
			st->pf = DISABLE_CAP;
	}
	if (which & RULES_NEEDS_PREEMPT) {
		st->pre += t;
		if (st->pre < 0)
			st->pre = 0;
		if (st->pre > DISABLE_CAP)
			st->pre = DISABLE_CAP;
	}
	return true;
}

/** atomic_callee - a call to @callee (analysed) at @line: its needs count here. */
void atomic_callee(struct flow *fl, const struct finfo *callee, const char *name, int line)
{
	unsigned int needs = uncovered(fl, callee->needs);
	const char *op;

	if (needs) {
		op = arena_printf(fl->pv->arena, "%s() (it calls %s at line %d)", name,
				  callee->needs_op ? callee->needs_op : "?", callee->needs_line);
		if (!record_needs(fl, needs, callee->needs_guess, op, line))
			record_fn_needs(fl, needs, callee->needs_guess, op, line);
	}
	if (callee->may_sleep)
		record_sleep(fl, arena_printf(fl->pv->arena, "%s() (it calls %s)", name,
					      callee->sleep_op ? callee->sleep_op : "?"), line);
}

/**
 * atomic_unknown_call - a call at @line to @name (NULL: through a pointer) that neither
 * this file, a cross-file summary nor rules/ describes: it may be code that relies on
 * page faults or preemption being disabled, so a kmap_atomic() region around it keeps
 * both, explicitly, when converted (rules/atomic.rules names the functions that need
 * neither).
 */
void atomic_unknown_call(struct flow *fl, const char *name, int line)
{
	unsigned int needs;
	const char *op;

	/* a compiler builtin (not in rules/: memcpy() defined as __builtin_memcpy() must
	 * keep its rules under the macro's name) */
	if (name && !strncmp(name, "__builtin_", 10))
		return;
	needs = uncovered(fl, RULES_NEEDS_PAGEFAULT | RULES_NEEDS_PREEMPT);
	if (!needs)
		return;
	op = name ? arena_printf(fl->pv->arena, "%s(), which is not analysed,", name)
		  : "a call through a pointer";
	if (!record_needs(fl, needs, needs, op, line))
		record_fn_needs(fl, needs, needs, op, line);
}

/** atomic_external - a call to @name known by its cross-file summary @s. */
void atomic_external(struct flow *fl, const struct func_summary *s, const char *name, int line)
{
	const unsigned int both = RULES_NEEDS_PAGEFAULT | RULES_NEEDS_PREEMPT;
	unsigned int needs = 0, guess = (s->needs >> SUMMARY_NEEDS_GUESS_SHIFT) & both;
	const char *op;

	if (s->needs_atomic)
		needs = s->needs & both ? s->needs & both : both;
	needs = uncovered(fl, needs);
	if (needs) {
		op = arena_printf(fl->pv->arena, "%s() (summary of %s)", name,
				  s->file ? s->file : "another file");
		if (!record_needs(fl, needs, guess, op, line))
			record_fn_needs(fl, needs, guess, op, line);
	}
	if (s->may_sleep)
		record_sleep(fl, arena_printf(fl->pv->arena, "%s()", name), line);
}
