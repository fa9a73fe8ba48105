// SPDX-License-Identifier: GPL-2.0
/*
 * prove_order.c - the stack of live mappings on one path: push on map, match and
 * pop on unmap (LIFO or not), and what is still live when the function returns.
 *
 * It records facts (order, leak, double unmap, nesting depth) on pseudo-sites; it
 * does not decide verdicts (prove.c) or follow addresses (prove_thread.c).
 */
#include <string.h>

#include "prove_int.h"

static struct facts *F(struct flow *fl, int ps)
{
	return &fl->pv->ps[ps].f;
}

static const char *in_fn(struct flow *fl, int ps)
{
	struct psite *p = &fl->pv->ps[ps];

	if (p->fn == fl->fn)
		return "";
	return arena_printf(fl->pv->arena, " in %s()", fl->fn->name);
}

/**
 * order_push - a map on the current path: pseudo-site @ps maps the page of @pagearg
 * (whose value is @pageval, whose key is @pkey when >= 0); @via is the line of the
 * wrapper call, or 0.
 */
void order_push(struct flow *fl, int ps, struct ir_node *pagearg, struct val pageval, int via,
		struct ir_node *call, int pkey)
{
	struct state *st = fl->st;
	struct psite *p = &fl->pv->ps[ps];
	struct entry *e;
	int slot, i, nstack;
	bool loop = false, grown = false;

	p->f.reached = true;
	nstack = fam_is_stack(p->fam) ? 1 : 0;
	for (i = 0; i < st->depth; i++) {
		int j;

		if (st->stk[i].ps == ps)
			loop = true;
		for (j = 0; j < i; j++)
			if (st->stk[j].ps == st->stk[i].ps)
				grown = true;	/* an earlier loop mapped the same site twice */
		if (fam_is_stack(fl->pv->ps[st->stk[i].ps].fam))
			nstack++;
	}
	if (st->depth >= STACK_MAX || (loop && nstack > KM_MAX_IDX)) {
		if (!p->f.too_deep || !p->f.too_deep_loop) {
			p->f.too_deep_line = call->loc.line;
			p->f.too_deep_loop = true;
			p->f.too_deep = arena_printf(fl->pv->arena,
				"maps again%s (line %d) before unmapping: nesting grows without bound",
				in_fn(fl, ps), call->loc.line);
		}
		fl->dead = true;
		return;
	}
	if (nstack > KM_MAX_IDX && !p->f.too_deep) {
		p->f.too_deep_line = call->loc.line;
		p->f.too_deep_loop = grown;
		p->f.too_deep = grown
			? arena_printf(fl->pv->arena,
				       "would be mapping number %d on one path%s: the nesting depth depends on how often a loop maps, more than KM_MAX_IDX (%d) is possible",
				       nstack, in_fn(fl, ps), KM_MAX_IDX)
			: arena_printf(fl->pv->arena,
				       "is mapping number %d on one path%s, more than KM_MAX_IDX (%d)",
				       nstack, in_fn(fl, ps), KM_MAX_IDX);
	}
	e = &st->stk[st->depth++];
	memset(e, 0, sizeof(*e));
	e->ps = ps;
	e->pkey = pkey >= 0 ? pkey : pagearg ? key_of(fl->pv, pagearg) : -1;
	e->via = via;
	if (pageval.kind == VK_LOWPAGE) {
		e->flags |= EF_LOW;
		p->f.npush_low++;
		if (!p->f.low_why && pageval.a >= 0 && pageval.a < fl->pv->lowwhy.n)
			p->f.low_why = fl->pv->lowwhy.v[pageval.a];
	} else {
		p->f.npush_high++;
		if (!p->f.high_line)
			p->f.high_line = call->loc.line;
	}
	slot = slot_of(fl, ps);
	if (slot >= 0) {
		if (st->seen & (1ull << slot))
			e->flags |= EF_SEEN_BEFORE;
		st->seen |= 1ull << slot;
	}
	if (e->pkey >= 0 && !p->f.page_field && key_info(fl->pv, e->pkey)->field)
		p->f.page_field = key_info(fl->pv, e->pkey)->field;
}

/*
 * Remove entry @idx: addresses derived from it become dead (or, when @never it was
 * never made, unknown), later entries move down.
 */
static void remove_entry_how(struct flow *fl, int idx, bool never)
{
	struct state *st = fl->st;
	int ps = st->stk[idx].ps, i;

	for (i = 0; i < st->nb; i++) {
		struct val *v = &st->b[i].v;

		if (v->kind == VK_ADDR || v->kind == VK_PAGEOF || v->kind == VK_OKRES) {
			if (v->a == idx) {
				if (v->kind == VK_ADDR && !never) {
					v->kind = VK_DEAD;
					v->a = ps;
				} else {
					v->kind = VK_NONE;
				}
			} else if (v->a > idx) {
				v->a--;
			}
		}
	}
	/* VK_NONE bindings are not kept */
	for (i = 0; i < st->nb; i++) {
		if (st->b[i].v.kind == VK_NONE) {
			st_unset(st, st->b[i].key);
			i--;
		}
	}
	memmove(&st->stk[idx], &st->stk[idx + 1], (st->depth - idx - 1) * sizeof(st->stk[0]));
	st->depth--;
}

static void remove_entry(struct flow *fl, int idx)
{
	struct entry *e = &fl->st->stk[idx];
	struct finfo *fi = fl->fi;
	int p = e->outp - 1;

	if (e->outp && p < MAX_PARAMS && !(fi->transient_out & (1u << p))) {
		fi->transient_out |= 1u << p;
		fi->transient_ps[p] = e->ps;
		fi->transient_sfx[p] = fl->pv->strs.v[e->outsfx];
	}
	remove_entry_how(fl, idx, false);
}

/**
 * order_forget - the wrapper call that made entry @idx failed on this path (it
 * returned an error or NULL): the mapping never existed.
 */
void order_forget(struct flow *fl, int idx)
{
	struct state *st = fl->st;
	int ps, slot, i;
	bool before;

	if (idx < 0 || idx >= st->depth)
		return;
	ps = st->stk[idx].ps;
	before = st->stk[idx].flags & EF_SEEN_BEFORE;
	remove_entry_how(fl, idx, true);
	for (i = 0; i < st->depth; i++)
		if (st->stk[i].ps == ps)
			return;
	/* not mapped on this path after all (unless an earlier iteration did) */
	slot = slot_of(fl, ps);
	if (slot >= 0 && !before)
		st->seen &= ~(1ull << slot);
}

/* The key under which a released page is remembered: "r:" + the page's key. */
static int released_key(struct prover *pv, int pkey)
{
	const struct keyinfo *ki = key_info(pv, pkey);
	char *s = xasprintf("r:%s", ki->str);
	int k = key_intern(pv, s, ki->root, ki->rootvar, ki->indirect, ki->field, ki->vars, ki->nvars);

	free(s);
	return k;
}

/* kunmap(page) released the mapping of @ps: a second kunmap(page) is a double unmap. */
static void released_page(struct flow *fl, int pkey, int ps)
{
	struct val v = { VK_DEAD, ps };

	st_set(fl->st, released_key(fl->pv, pkey), v);
}

static void add_partner(struct facts *f, int ps)
{
	int i;

	for (i = 0; i < f->npartners; i++)
		if (f->partners[i] == ps)
			return;
	if (f->npartners < (int)ARRAY_SIZE(f->partners))
		f->partners[f->npartners++] = ps;
}

static void note_order(struct flow *fl, int ps, int other_ps, bool today, int unmap_line)
{
	struct facts *f = F(fl, ps);

	if (f->order && (f->order_today || !today))
		return;
	f->order = true;
	f->order_today = today;
	f->order_other_line = fl->pv->ps[other_ps].line;
	f->order_other_api = fl->pv->ps[other_ps].api;
	f->order_unmap_line = unmap_line;
}

/**
 * order_pair_unknown_all - the current path cannot be followed further (an unmap of
 * something the proofs cannot name): every live mapping is unknown, the path stops.
 */
void order_pair_unknown_all(struct flow *fl, const char *why, int line)
{
	struct state *st = fl->st;
	int i;

	for (i = 0; i < st->depth; i++) {
		struct facts *f = F(fl, st->stk[i].ps);

		if (!f->pair_unknown) {
			f->pair_unknown = why;
			f->pair_unknown_line = line;
		}
	}
	fl->dead = true;
}

static void param_unmap(struct flow *fl, int ups, int param, const char *suffix, int k)
{
	struct facts *f = F(fl, ups);

	if (k >= 0 && key_info(fl->pv, k)->field && !f->unmap_foreign_key)
		f->unmap_foreign_key = key_info(fl->pv, k)->field;
	if (param < 0 || param >= MAX_PARAMS)
		return;
	fl->st->pu |= 1u << param;
	if (fl->fi->unmap_ps[param] < 0) {
		fl->fi->unmap_ps[param] = ups;
		fl->fi->unmap_suffix[param] = suffix;
		fl->fi->unmap_key[param] = k;
	}
	F(fl, ups)->unmap_param = param + 1;
}

/*
 * The coarse retry follows no test, so a path it walks may be one that a test repeated
 * later rules out: what it finds there is a guess as well.
 */
static bool lost_tests(const struct flow *fl)
{
	return !fl->bind_conds && fl->repeated_tests;
}

/*
 * Unmap @ups at @line releases again the mapping of pseudo-site @ms. On a path the proof
 * had to guess, the mapping may have been made again where the proof lost track: the
 * verdict cannot say.
 */
static void double_unmap(struct flow *fl, int ups, int ms, int line)
{
	struct prover *pv = fl->pv;
	struct facts *f = F(fl, ms);

	if (fl->st->guessed_line || lost_tests(fl)) {
		if (!f->pair_unknown) {
			f->pair_unknown = fl->st->guessed_line ?
				arena_printf(pv->arena, "may be unmapped twice (again at line %d) on a path where the test at line %d repeats an earlier one the proof could not keep",
					     line, fl->st->guessed_line) :
				arena_printf(pv->arena, "may be unmapped twice (again at line %d) on a path whose tests the proof did not follow (%s() has too many path classes to follow them)",
					     line, fl->fn->name);
			f->pair_unknown_line = line;
		}
		F(fl, ups)->unmap_unresolved = true;
		return;
	}
	if (!f->dbl_line)
		f->dbl_line = line;
	add_partner(F(fl, ups), ms);
	if (!F(fl, ups)->dbl_line)
		F(fl, ups)->dbl_line = line;
}

static void foreign_unmap(struct flow *fl, int ups, struct ir_node *arg)
{
	struct facts *f = F(fl, ups);
	int k = key_of(fl->pv, arg);

	if (fl->st->guessed_line || lost_tests(fl)) {
		/* on a path the proof had to guess, this is more likely our own mapping */
		f->unmap_unresolved = true;
		return;
	}
	f->unmap_foreign = true;
	if (k >= 0 && key_info(fl->pv, k)->field && !f->unmap_foreign_key)
		f->unmap_foreign_key = key_info(fl->pv, k)->field;
}

/*
 * An unmap that matches no live mapping on this path. With a mapping of its kind
 * live (@ours_may_be_live) it may release one the proof lost track of: the path
 * stops being followed. Otherwise it releases something mapped elsewhere.
 */
static void unmatched_unmap(struct flow *fl, int ups, struct ir_node *arg, int line,
			    bool ours_may_be_live)
{
	struct prover *pv = fl->pv;

	if (!ours_may_be_live) {
		foreign_unmap(fl, ups, arg);
		return;
	}
	F(fl, ups)->unmap_unresolved = true;
	order_pair_unknown_all(fl, arena_printf(pv->arena,
		"cannot tell which mapping %s(%s) at line %d releases", pv->ps[ups].api,
		arg ? expr_text(pv, arg) : "?", line), line);
}

/**
 * order_unmap_guess - an unmap whose argument was read through a place that may hold
 * one of several values ("kunmap_local(addrs[j])"): which mapping it releases is a guess.
 */
void order_unmap_guess(struct flow *fl, int ups, struct ir_node *arg, int line)
{
	fl->pv->ps[ups].f.reached = true;
	unmatched_unmap(fl, ups, arg, line, true);
}

/**
 * order_unmap - an unmap on the current path.
 * @ups: the unmap's pseudo-site (for a wrapper, the unmap inside it)
 * @fam: its family kind
 * @arg: the page (kunmap) or address expression, as written at this call
 * @v: its value
 * @call: the call node (the wrapper call for a wrapper)
 * @key: the key of the released expression when the caller computed it, else -1
 *
 * Returns the stack index of the entry it released (before removing it), or -1.
 */
int order_unmap(struct flow *fl, int ups, enum family_kind fam, struct ir_node *arg,
		struct val v, struct ir_node *call, int key)
{
	struct prover *pv = fl->pv;
	struct state *st = fl->st;
	int line = call->loc.line, idx = -1, i;
	const char *api = pv->ps[ups].api;
	struct entry *e;
	struct psite *mp;
	const char *suffix;
	int k = key >= 0 ? key : arg ? key_of(pv, arg) : -1, pi;

	pv->ps[ups].f.reached = true;
	if (fam == FAM_UNMAP_GLOBAL) {
		for (i = st->depth - 1; i >= 0 && idx < 0; i--)
			if ((k >= 0 && st->stk[i].pkey == k) || (v.kind == VK_PAGEOF && v.a == i) ||
			    (v.kind == VK_COPY && st->stk[i].pkey == v.a))
				idx = i;
		if (idx < 0) {
			bool live_global = false;

			if (k >= 0) {
				struct val r = st_get(st, released_key(pv, k));

				if (r.kind == VK_DEAD) {
					double_unmap(fl, ups, r.a, line);
					return -1;
				}
			}
			if ((pi = key_param_rel(pv, fl->fn, k, &suffix)) >= 0) {
				param_unmap(fl, ups, pi, suffix, k);
				return -1;
			}
			if (v.kind == VK_PARAM) {
				param_unmap(fl, ups, v.a, "", k);
				return -1;
			}
			for (i = 0; i < st->depth; i++)
				if (pv->ps[st->stk[i].ps].fam == FAM_MAP_GLOBAL)
					live_global = true;
			unmatched_unmap(fl, ups, arg, line, live_global);
			return -1;
		}
	} else {
		switch (v.kind) {
		case VK_ADDR:
			idx = v.a;
			break;
		case VK_DEAD:
			double_unmap(fl, ups, v.a, line);
			return -1;
		case VK_PARAM:
			param_unmap(fl, ups, v.a, "", k);
			return -1;
		case VK_PREACH:
			if ((pi = key_param_rel(pv, fl->fn, k, &suffix)) >= 0) {
				param_unmap(fl, ups, pi, suffix, k);
				return -1;
			}
			/* fall through */
		default:
			for (i = 0; i < st->depth; i++)
				if (fam_is_stack(pv->ps[st->stk[i].ps].fam))
					break;
			unmatched_unmap(fl, ups, arg, line, i < st->depth);
			return -1;
		}
	}

	e = &st->stk[idx];
	mp = &pv->ps[e->ps];
	add_partner(F(fl, ups), e->ps);
	thread_page_address_unmap(fl, e->ps, ups, call, k);
	if (fam_unmap_of(mp->fam) != fam && !mp->f.wrong_unmap) {
		mp->f.wrong_unmap = arena_printf(pv->arena, "released by %s() at line %d", api, line);
		mp->f.wrong_unmap_line = line;
	}
	if ((e->flags & EF_STALE) && fam == FAM_UNMAP_GLOBAL && !mp->f.pair_unknown) {
		mp->f.pair_unknown = arena_printf(pv->arena,
			"the page expression %s is assigned at line %d, before %s() at line %d",
			arg ? expr_text(pv, arg) : "?", e->stale_line, api, line);
		mp->f.pair_unknown_line = e->stale_line;
	}
	/* LIFO: everything above idx is still live and was mapped later. */
	for (i = idx + 1; i < st->depth; i++) {
		int jps = st->stk[i].ps;
		bool e_stack = fam_is_stack(mp->fam);
		bool j_stack = fam_is_stack(pv->ps[jps].fam);

		if (e_stack && j_stack) {
			note_order(fl, e->ps, jps, true, line);
			note_order(fl, jps, e->ps, true, line);
		} else if (e_stack) {
			note_order(fl, jps, e->ps, false, line);
		} else if (j_stack) {
			note_order(fl, e->ps, jps, false, line);
		} else {
			note_order(fl, e->ps, jps, false, line);
			note_order(fl, jps, e->ps, false, line);
		}
	}
	if (mp->fam == FAM_MAP_GLOBAL && e->pkey >= 0)
		released_page(fl, e->pkey, e->ps);
	remove_entry(fl, idx);
	return idx;
}

/* The last line of the body: where "falling off the end" returns. */
static int end_line(struct finfo *fi)
{
	const struct ir_node *n = fi->fn->body;
	int line = fi->fn->loc.line;

	while (n) {
		if (n->loc.line > line)
			line = n->loc.line;
		if (!n->nkids)
			break;
		n = n->kids[n->nkids - 1];
	}
	return line;
}

/* True when the page of entry @e is named by a local variable of this function. */
static bool page_is_local(struct flow *fl, const struct entry *e)
{
	const struct keyinfo *ki;

	if (e->pkey < 0)
		return false;
	ki = key_info(fl->pv, e->pkey);
	return ki->rootvar && ki->rootvar->storage == IR_STORE_LOCAL && !ki->indirect;
}

/*
 * The parameter through which the page of a handed-out mapping leaves too
 * ("*pagep = page" bound a copy of @pkey to "*(pagep)"), or -1; *@sfx gets "*" or "->f".
 */
static int page_out_param(struct flow *fl, int pkey, const char **sfx)
{
	struct state *st = fl->st;
	struct ir_func *fn = fl->fn;
	int i, p;

	if (pkey < 0)
		return -1;
	for (i = 0; i < st->nb; i++) {
		const struct keyinfo *ki;
		char buf[48];

		if (st->b[i].v.kind != VK_COPY || st->b[i].v.a != pkey)
			continue;
		ki = key_info(fl->pv, st->b[i].key);
		for (p = 0; p < fn->nparams && p < MAX_PARAMS; p++) {
			if (!fn->params[p])
				continue;
			snprintf(buf, sizeof(buf), "*(v%d)", fn->params[p]->id);
			if (!strcmp(ki->str, buf)) {
				*sfx = "*";
				return p;
			}
		}
	}
	return -1;
}

/**
 * order_exit - the current path returns (@ret is the IR_RETURN, or NULL at the end of
 * the body): what is still mapped leaks, is returned, or was handed elsewhere.
 */
void order_exit(struct flow *fl, const struct ir_node *ret)
{
	struct prover *pv = fl->pv;
	struct finfo *fi = fl->fi;
	struct state *st = fl->st;
	struct val v = ret && fl->have_ret ? fl->retval : (struct val){ VK_NONE, 0 };
	uint64_t returned = 0;
	bool handed_out = false;
	const char *when;
	int line, i, slot;

	if (!fi->end_line)
		fi->end_line = end_line(fi);
	line = ret ? ret->loc.line : fi->end_line;
	when = ret ? arena_printf(pv->arena, "when %s() returns at line %d", fl->fn->name, line)
		   : arena_printf(pv->arena, "at the end of %s() (after line %d)", fl->fn->name, line);
	fi->exits = true;
	if (v.kind == VK_PARAM && v.a < MAX_PARAMS)
		fi->ret_param |= 1u << v.a;
	for (i = 0; i < st->depth; i++) {
		struct entry *e = &st->stk[i];
		struct psite *p = &pv->ps[e->ps];
		struct facts *f = &p->f;
		bool ret_here = v.kind == VK_ADDR && v.a == i;
		bool ret_page = !ret_here && ret && ret->nkids && e->pkey >= 0 &&
				key_of(pv, ret->kids[0]) == e->pkey;

		if (ret_here || ret_page || e->outp) {
			int outp = e->outp ? e->outp - 1 : -1;

			handed_out = true;
			/* the callers' paths count for a returned mapping, not this one */
			slot = slot_of(fl, e->ps);
			if (slot >= 0)
				returned |= 1ull << slot;
			if (!f->returned_line)
				f->returned_line = line;
			if (!ret_here)
				f->out_handed = true;
			if (!f->ret_open && (!fl->fn->is_static || fi->addr_taken)) {
				f->ret_open = fl->fn->name;
				f->ret_open_why = fl->fn->is_static ? "whose address is taken: its callers are unknown"
								    : "which is not static: callers outside this file keep it";
				f->ret_open_line = line;
				f->ret_open_def = !fl->fn->is_static;
			}
			if (fi->ret_map_ps == -1) {
				fi->ret_map_ps = e->ps;
				fi->ret_map_line = line;
				fi->ret_map_pparam = ret_page ? -1 :
					key_param_rel(pv, fl->fn, e->pkey, &fi->ret_map_psuffix);
				fi->ret_map_outp = outp;
				fi->ret_map_outsfx = outp >= 0 ? pv->strs.v[e->outsfx] : NULL;
				fi->ret_map_returns = ret_here;
				fi->ret_map_retpage = ret_page;
				fi->ret_map_pageoutp = page_out_param(fl, e->pkey, &fi->ret_map_pageoutsfx);
			} else if (fi->ret_map_ps != e->ps || fi->ret_map_outp != outp ||
				   fi->ret_map_returns != ret_here || fi->ret_map_retpage != ret_page) {
				fi->ret_map_ps = -2;
			}
			continue;
		}
		if (f->escape || f->esc_unknown)
			continue;	/* kept elsewhere: the escape decides */
		if (e->flags & EF_PASSED) {
			if (!f->passed) {
				f->passed = arena_printf(pv->arena,
					"still mapped %s, after its page went to a callee that may release it",
					when);
				f->passed_line = line;
			}
			continue;
		}
		if (p->fam == FAM_MAP_GLOBAL && !page_is_local(fl, e)) {
			if (!f->live_exit) {
				f->live_exit = arena_printf(pv->arena, "still mapped %s", when);
				f->live_exit_line = line;
			}
			continue;
		}
		if (st->guessed_line) {
			if (!f->leak_maybe) {
				f->leak_maybe = arena_printf(pv->arena,
					"still mapped %s on a path where the test at line %d repeats an earlier one the proof could not keep",
					when, st->guessed_line);
				f->leak_maybe_line = line;
			}
		} else if (lost_tests(fl)) {
			if (!f->leak_maybe) {
				f->leak_maybe = arena_printf(pv->arena,
					"still mapped %s on a path whose tests the proof did not follow (%s() has too many path classes to follow them)",
					when, fl->fn->name);
				f->leak_maybe_line = line;
			}
		} else if (!f->leak) {
			f->leak = arena_printf(pv->arena, "still mapped %s", when);
			f->leak_line = line;
		}
	}
	if (!handed_out)
		fi->unmapped_exits |= v.kind == VK_ERR ? 1 : v.kind == VK_INT && v.a == 0 ? 2 : 4;
	if (fl->nexits == fl->capexits) {
		fl->capexits = fl->capexits ? 2 * fl->capexits : 32;
		fl->exits = xrealloc(fl->exits, fl->capexits * sizeof(*fl->exits));
	}
	fl->exits[fl->nexits].node = fl->cur_node;
	fl->exits[fl->nexits].seen = st->seen & ~returned;
	fl->exits[fl->nexits].pu = st->pu;
	fl->exits[fl->nexits].nnull = 0;
	fl->exits[fl->nexits].null_keys = NULL;
	for (i = 0; i < st->nb; i++) {
		typeof(fl->exits[0]) *x = &fl->exits[fl->nexits];

		if (st->b[i].v.kind != VK_INT || st->b[i].v.a != 0 || key_info(pv, st->b[i].key)->temp)
			continue;
		x->null_keys = xrealloc(x->null_keys, (x->nnull + 1) * sizeof(int));
		x->null_keys[x->nnull++] = st->b[i].key;
	}
	fl->nexits++;
	fi->unmaps_any |= st->pu;
	fi->unmaps_all &= st->pu;
}
