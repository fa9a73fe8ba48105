// SPDX-License-Identifier: GPL-2.0
/*
 * prove_flow.c - walk one function's control-flow graph with a set of abstract
 * states per block: the stack of live mappings, what each tracked place holds, the
 * explicit disables held.
 *
 * It evaluates expressions and assignments and refines states on branch conditions;
 * what a call, a map or an unmap means is decided by prove_thread.c and
 * prove_order.c. States are deduplicated per block, so loops reach a fixed point; the
 * paths reported are the entry-to-exit paths of the graph of (block, state) pairs
 * with loops taken at most once.
 */
#include <stdlib.h>
#include <string.h>

#include "prove_int.h"

#define MAX_STATES_PER_BLOCK 400
#define MAX_STEPS 400000
#define VAR_OPAQUE 2
#define VAR_FOLLOWED 1

/** slot_of - the local slot (bit in state.seen) of pseudo-site @ps, or -1 when full. */
int slot_of(struct flow *fl, int ps)
{
	int i;

	for (i = 0; i < fl->nslots; i++)
		if (fl->slots[i] == ps)
			return i;
	if (fl->nslots == (int)ARRAY_SIZE(fl->slots))
		return -1;
	fl->slots[fl->nslots] = ps;
	return fl->nslots++;
}

/* ---- variable classes: which locals have their address taken -------------- */

static int var_class(const struct flow *fl, const struct ir_var *v)
{
	if (!v || v->id < 0 || v->id >= fl->nvarcls)
		return VAR_OPAQUE;
	return fl->varcls[v->id];
}

static bool is_local(const struct ir_var *v)
{
	return v && (v->storage == IR_STORE_LOCAL || v->storage == IR_STORE_PARAM);
}

static void max_var(const struct ir_node *n, int *m)
{
	int i;

	if (!n)
		return;
	if (n->var && n->var->id > *m)
		*m = n->var->id;
	for (i = 0; i < n->nkids; i++)
		max_var(n->kids[i], m);
}

static void fill_vars(struct flow *fl, const struct ir_node *n)
{
	int i;

	if (!n)
		return;
	if (n->var && n->var->id >= 0 && n->var->id < fl->nvarcls)
		fl->vars[n->var->id] = n->var;
	for (i = 0; i < n->nkids; i++)
		fill_vars(fl, n->kids[i]);
}

/*
 * The address of local @v is used at @use whose parent is @parent (kid @idx):
 * followed when it goes straight into a call argument, a plain local pointer, or is
 * the base of a member or element access; anything else loses it.
 */
static void classify_addr_use(struct flow *fl, const struct ir_var *v, const struct ir_node *parent,
			      int idx)
{
	int cls = VAR_OPAQUE;

	if (parent) {
		switch (parent->kind) {
		case IR_CALL:
			if (idx > 0)
				cls = VAR_FOLLOWED;
			break;
		case IR_MEMBER:
		case IR_SUBSCRIPT:
			if (idx == 0)
				cls = VAR_FOLLOWED;
			break;
		case IR_BINARY:
			if (parent->op == IR_OP_ASSIGN && idx == 1) {
				const struct ir_node *l = strip_casts(parent->kids[0]);

				if (l && l->kind == IR_DECLREF && is_local(l->var) && !(l->var->type & IR_TY_ARRAY))
					cls = VAR_FOLLOWED;
			}
			break;
		case IR_DECL:
			if (parent->var && is_local(parent->var) && !(parent->var->type & IR_TY_ARRAY))
				cls = VAR_FOLLOWED;
			break;
		case IR_UNEVALUATED:
			return;
		default:
			break;
		}
	}
	if (cls > fl->varcls[v->id])
		fl->varcls[v->id] = cls;
}

/* Walk @n with its parent, skipping casts between a use and its parent. */
static void classify(struct flow *fl, const struct ir_node *n, const struct ir_node *parent, int idx)
{
	int i;

	if (!n)
		return;
	if (n->kind == IR_UNEVALUATED)
		return;
	if (n->kind == IR_CAST && n->nkids == 1) {
		classify(fl, n->kids[0], parent, idx);
		return;
	}
	if (n->kind == IR_UNARY && n->op == IR_OP_ADDROF && n->nkids == 1) {
		const struct ir_node *o = strip_casts(n->kids[0]);

		/* &s.f and &a[i] take the address of s and a */
		while (o && ((o->kind == IR_MEMBER && o->op == IR_OP_DOT) ||
			     (o->kind == IR_SUBSCRIPT && o->kids[0] &&
			      (strip_casts(o->kids[0])->type & IR_TY_ARRAY))))
			o = strip_casts(o->kids[0]);
		if (o && o->kind == IR_DECLREF && is_local(o->var))
			classify_addr_use(fl, o->var, parent, idx);
	} else if (n->kind == IR_DECLREF && is_local(n->var) && (n->var->type & IR_TY_ARRAY)) {
		/* an array name decays to its address unless it is indexed or taken with & */
		if (!(parent && parent->kind == IR_SUBSCRIPT && idx == 0) &&
		    !(parent && parent->kind == IR_UNARY && parent->op == IR_OP_ADDROF) &&
		    !(parent && parent->kind == IR_MEMBER))
			classify_addr_use(fl, n->var, parent, idx);
	}
	for (i = 0; i < n->nkids; i++)
		classify(fl, n->kids[i], n, i);
}

/* ---- places: where an lvalue lives ------------------------------------------ */

enum place_kind {
	PL_LOCAL,	/* inside a followed local (key names it) */
	PL_OPAQUE,	/* inside a local whose address is not followed */
	PL_MAPPED,	/* inside the mapped page */
	PL_PARAM,	/* memory reachable from a parameter */
	PL_GLOBAL,	/* global or static storage */
	PL_HEAP,	/* anything else behind a pointer */
};

struct place {
	enum place_kind kind;
	int key;
	int var;		/* PL_LOCAL, PL_OPAQUE */
	int param;		/* PL_PARAM */
	const char *field;
	bool whole_var;		/* the lvalue is the variable itself */
};

static int var_key(struct prover *pv, struct ir_var *v)
{
	char buf[32];
	int id = v->id;

	snprintf(buf, sizeof(buf), "v%d", v->id);
	return key_intern(pv, buf, v->id, v, false, NULL, &id, 1);
}

/* Key for @base's key text followed by @suffix, rooted like @base. */
static int key_extend(struct prover *pv, int base, const char *suffix, bool indirect,
		      const char *field, int extra_key)
{
	const struct keyinfo *b = key_info(pv, base);
	const struct keyinfo *x = extra_key >= 0 ? key_info(pv, extra_key) : NULL;
	int vars[32], nvars = 0, i;
	char *s;

	for (i = 0; i < b->nvars && nvars < 32; i++)
		vars[nvars++] = b->vars[i];
	for (i = 0; x && i < x->nvars && nvars < 32; i++)
		vars[nvars++] = x->vars[i];
	if (x)
		s = xasprintf("%s[%s]", b->str, x->str);
	else
		s = xasprintf("%s%s", b->str, suffix);
	i = key_intern(pv, s, b->root, b->rootvar, b->indirect || indirect, field, vars, nvars);
	free(s);
	return i;
}

static struct place place_of(struct flow *fl, struct ir_node *lv);

/* The place @acc of @lv reached through pointer value @bv ("->f", "*", "[i]"). */
static struct place place_through(struct flow *fl, struct val bv, struct ir_node *lv,
				  const char *field, int idxkey, bool deref)
{
	struct prover *pv = fl->pv;
	struct place p = { .kind = PL_HEAP, .key = key_of(pv, lv), .var = -1, .param = -1,
			   .field = field };
	const struct keyinfo *ki;

	switch (bv.kind) {
	case VK_LOCAL: {
		struct ir_var *v = bv.a >= 0 && bv.a < fl->nvarcls ? fl->vars[bv.a] : NULL;
		int base;

		if (!v) {
			p.kind = PL_HEAP;
			return p;
		}
		base = var_key(pv, v);
		p.kind = var_class(fl, v) == VAR_OPAQUE ? PL_OPAQUE : PL_LOCAL;
		p.var = bv.a;
		if (deref)
			p.key = base;
		else if (field)
			p.key = key_extend(pv, base, arena_printf(pv->arena, ".%s",
				lv->kind == IR_MEMBER ? member_key_name(lv) : field), false, field, -1);
		else if (idxkey >= 0)
			p.key = key_extend(pv, base, NULL, false, NULL, idxkey);
		else
			p.key = key_extend(pv, base, "[?]", false, NULL, -1);
		return p;
	}
	case VK_ADDR:
		p.kind = PL_MAPPED;
		return p;
	case VK_DEAD:
		thread_use_dead(fl, bv, lv->loc.line);
		break;
	case VK_PARAM:
	case VK_PREACH:
		p.kind = PL_PARAM;
		p.param = bv.a;
		return p;
	default:
		break;
	}
	if (p.key >= 0) {
		ki = key_info(pv, p.key);
		if (ki->rootvar && !is_local(ki->rootvar))
			p.kind = PL_GLOBAL;
	}
	return p;
}

static struct place place_of(struct flow *fl, struct ir_node *lvn)
{
	struct prover *pv = fl->pv;
	struct ir_node *lv = (struct ir_node *)strip_casts(lvn);
	struct place p = { .kind = PL_HEAP, .key = -1, .var = -1, .param = -1 };
	struct val bv;

	if (!lv)
		return p;
	switch (lv->kind) {
	case IR_DECLREF:
		if (!lv->var)
			return p;
		p.key = var_key(pv, lv->var);
		p.whole_var = true;
		if (!is_local(lv->var)) {
			p.kind = PL_GLOBAL;
			return p;
		}
		p.var = lv->var->id;
		p.kind = var_class(fl, lv->var) == VAR_OPAQUE ? PL_OPAQUE : PL_LOCAL;
		return p;
	case IR_MEMBER:
		if (lv->nkids != 1 || !lv->name)
			break;
		if (lv->op == IR_OP_DOT) {
			struct place b = place_of(fl, lv->kids[0]);

			b.whole_var = false;
			b.field = lv->name;
			if (b.key >= 0)
				b.key = key_extend(pv, b.key, arena_printf(pv->arena, ".%s", member_key_name(lv)),
						   false, lv->name, -1);
			return b;
		}
		bv = flow_eval(fl, lv->kids[0]);
		return place_through(fl, bv, lv, lv->name, -1, false);	/* keyed by member_key_name() */
	case IR_SUBSCRIPT: {
		const struct ir_node *base = strip_casts(lv->kids[0]);
		int ik;

		if (lv->nkids != 2)
			break;
		if (base && (base->type & IR_TY_ARRAY)) {
			struct place b = place_of(fl, lv->kids[0]);

			flow_eval(fl, lv->kids[1]);
			ik = key_of(pv, lv->kids[1]);
			b.whole_var = false;
			b.field = NULL;
			if (b.key >= 0)
				b.key = ik >= 0 ? key_extend(pv, b.key, NULL, false, NULL, ik)
						: key_extend(pv, b.key, "[?]", false, NULL, -1);
			return b;
		}
		bv = flow_eval(fl, lv->kids[0]);
		flow_eval(fl, lv->kids[1]);
		return place_through(fl, bv, lv, NULL, key_of(pv, lv->kids[1]), false);
	}
	case IR_UNARY:
		if (lv->op == IR_OP_DEREF && lv->nkids == 1) {
			bv = flow_eval(fl, lv->kids[0]);
			return place_through(fl, bv, lv, NULL, -1, true);
		}
		break;
	default:
		break;
	}
	flow_eval(fl, lv);
	return p;
}

/* ---- evaluation ------------------------------------------------------------- */

static struct val mkval(int kind, int a)
{
	struct val v = { kind, a };

	return v;
}

/*
 * A value read from a local that may be any of the @n followed values @all (or @other,
 * when none of them is a mapped address): a mapped address is followed first, and the
 * proof follows one value only, so the others become unknown, saying @why.
 */
static struct val one_of(struct flow *fl, const struct val *all, int n, struct val other,
			 const char *why, int line)
{
	struct val v = other;
	int i;

	for (i = 0; i < n; i++)
		if (all[i].kind == VK_ADDR) {
			v = all[i];
			break;
		}
	if (v.kind == VK_NONE && n)
		v = all[0];
	for (i = 0; i < n; i++)
		if (all[i].kind != v.kind || all[i].a != v.a)
			thread_escape(fl, all[i], why, line, false, NULL, NULL);
	return v;
}

/* The value loaded from lvalue @n. */
static struct val load(struct flow *fl, struct ir_node *n)
{
	struct place p = place_of(fl, n);
	struct val v = st_get(fl->st, p.key), all[8];
	int nall;

	if (v.kind != VK_NONE)
		return v;
	if (p.kind == PL_LOCAL && p.var >= 0 && !p.whole_var && p.key >= 0 &&
	    (nall = aliased_values(fl, p.var, p.key, all, ARRAY_SIZE(all))) > 0) {
		/* "arr[j]" after "arr[i] = p": it may be p */
		fl->aliased_reads++;
		return one_of(fl, all, nall, v, arena_printf(fl->pv->arena,
				"may be read back as %s, with another followed value",
				expr_text(fl->pv, n)), n->loc.line);
	}
	if (p.kind == PL_PARAM && (n->type & (IR_TY_POINTER | IR_TY_RECORD)))
		return mkval(VK_PREACH, p.param);
	return v;
}

static struct val eval_declref(struct flow *fl, struct ir_node *n)
{
	struct ir_var *v = n->var;

	if (!v)
		return mkval(VK_NONE, 0);
	if (!is_local(v))
		return lowmem_var_value(fl, v);
	if (v->type & IR_TY_ARRAY)
		return var_class(fl, v) == VAR_OPAQUE ? mkval(VK_NONE, 0) : mkval(VK_LOCAL, v->id);
	if (v->type & IR_TY_RECORD) {
		struct val all[8];
		int nin = inner_values(fl, v->id, all, ARRAY_SIZE(all));

		if (!nin)
			return st_get(fl->st, var_key(fl->pv, v));
		/* a mapped address stored into a field counts more than where the rest came from */
		return one_of(fl, all, nin, st_get(fl->st, var_key(fl->pv, v)), arena_printf(fl->pv->arena,
				"copied with the whole of %s, which holds another followed value",
				v->name), n->loc.line);
	}
	return st_get(fl->st, var_key(fl->pv, v));
}

/* The address of lvalue @o (&o): a pointer into the same object as its base. */
static struct val eval_addrof(struct flow *fl, struct ir_node *o)
{
	struct ir_node *s = (struct ir_node *)strip_casts(o);
	struct val bv;

	if (!s)
		return mkval(VK_NONE, 0);
	switch (s->kind) {
	case IR_DECLREF:
		if (s->var && is_local(s->var))
			return var_class(fl, s->var) == VAR_OPAQUE ? mkval(VK_NONE, 0)
								   : mkval(VK_LOCAL, s->var->id);
		return mkval(VK_NONE, 0);
	case IR_MEMBER:
		if (s->nkids != 1)
			break;
		if (s->op == IR_OP_DOT)
			return eval_addrof(fl, s->kids[0]);
		bv = flow_eval(fl, s->kids[0]);
		/* &err->member of an ERR_PTR() is still an error value */
		return val_tracked(bv) || bv.kind == VK_DEAD || bv.kind == VK_ERR ? bv : mkval(VK_NONE, 0);
	case IR_SUBSCRIPT: {
		const struct ir_node *b = strip_casts(s->kids[0]);

		if (s->nkids != 2)
			break;
		if (b && (b->type & IR_TY_ARRAY))
			bv = eval_addrof(fl, s->kids[0]);
		else
			bv = flow_eval(fl, s->kids[0]);
		flow_eval(fl, s->kids[1]);
		return val_tracked(bv) || bv.kind == VK_DEAD ? bv : mkval(VK_NONE, 0);
	}
	case IR_UNARY:
		if (s->op == IR_OP_DEREF && s->nkids == 1)
			return flow_eval(fl, s->kids[0]);
		break;
	default:
		break;
	}
	flow_eval(fl, s);
	return mkval(VK_NONE, 0);
}

static struct val eval_kids_first_tracked(struct flow *fl, struct ir_node *n, int from)
{
	struct val r = mkval(VK_NONE, 0), v;
	int i;

	for (i = from; i < n->nkids; i++) {
		v = flow_eval(fl, n->kids[i]);
		if (fl->dead)
			return r;
		if (val_tracked(v) && !val_tracked(r))
			r = v;
	}
	return r;
}

/**
 * flow_eval - evaluate @n in the current state: apply its effects (assignments,
 * calls, maps, unmaps) and return what its value is to the proofs.
 */
struct val flow_eval(struct flow *fl, struct ir_node *n)
{
	struct val v, l, r;
	long long lit;

	if (!n || fl->dead)
		return mkval(VK_NONE, 0);
	if (n->loc.macro)
		atomic_note_op(fl, n->loc.macro, n->loc.line, true);
	if (n->id >= 0 && n->id < fl->fn->nnodes && fl->g->lowered[n->id]) {
		int k = key_temp(fl->pv, n->id);

		v = st_get(fl->st, k);
		st_unset(fl->st, k);
		return v;
	}
	switch (n->kind) {
	case IR_DECLREF:
		return eval_declref(fl, n);
	case IR_LITERAL:
		if (lit_value(n, &lit) && lit > -1000000 && lit < 1000000)
			return mkval(VK_INT, (int)lit);
		return mkval(VK_NONE, 0);
	case IR_CAST:
		v = n->nkids ? flow_eval(fl, n->kids[0]) : mkval(VK_NONE, 0);
		/* a cast to an integer type keeps 0 and 1, and may change any other integer */
		if ((n->type & IR_TY_INTEGER) &&
		    (v.kind == VK_NE || (v.kind == VK_INT && v.a != 0 && v.a != 1)))
			v = mkval(VK_NONE, 0);
		return v;
	case IR_UNARY:
		if (n->nkids != 1)
			break;
		switch (n->op) {
		case IR_OP_ADDROF:
			return eval_addrof(fl, n->kids[0]);
		case IR_OP_DEREF:
			return load(fl, n);
		case IR_OP_PREINC: case IR_OP_PREDEC: case IR_OP_POSTINC: case IR_OP_POSTDEC:
			v = flow_eval(fl, n->kids[0]);
			if (fl->dead)
				return v;
			/* p++ stays inside the same mapping; a counter is unknown after */
			l = val_tracked(v) || v.kind == VK_DEAD ? v : mkval(VK_NONE, 0);
			flow_assign(fl, n->kids[0], l, n);
			return l;
		case IR_OP_LNOT:
			flow_eval(fl, n->kids[0]);
			return mkval(VK_NONE, 0);
		default:
			v = flow_eval(fl, n->kids[0]);
			return val_tracked(v) || v.kind == VK_DEAD ? v : mkval(VK_NONE, 0);
		}
	case IR_BINARY:
		if (n->nkids != 2)
			break;
		if (n->op == IR_OP_ASSIGN) {
			v = flow_eval(fl, n->kids[1]);
			if (!fl->dead)
				flow_assign(fl, n->kids[0], v, n);
			return v;
		}
		if (ir_op_is_assign(n->op)) {
			l = flow_eval(fl, n->kids[0]);
			r = flow_eval(fl, n->kids[1]);
			v = val_combine(l, r, n->op);
			if (!fl->dead)
				flow_assign(fl, n->kids[0], v, n);
			return v;
		}
		if (n->op == IR_OP_COMMA) {
			flow_eval(fl, n->kids[0]);
			return flow_eval(fl, n->kids[1]);
		}
		l = flow_eval(fl, n->kids[0]);
		r = flow_eval(fl, n->kids[1]);
		if (n->op == IR_OP_ADD || n->op == IR_OP_SUB) {
			bool lp = n->kids[0]->type & (IR_TY_POINTER | IR_TY_ARRAY);
			bool rp = n->kids[1]->type & (IR_TY_POINTER | IR_TY_ARRAY);

			/* pointer +/- integer is that pointer; pointer - pointer an offset */
			if (lp && rp)
				return mkval(VK_NONE, 0);
			if (lp)
				return val_tracked(l) || l.kind == VK_DEAD ? l : mkval(VK_NONE, 0);
			if (rp)
				return val_tracked(r) || r.kind == VK_DEAD ? r : mkval(VK_NONE, 0);
		}
		return val_combine(l, r, n->op);
	case IR_MEMBER:
		/* a field this file only fills with lowmem pages, unless set on this path */
		v = load(fl, n);
		if (v.kind == VK_NONE || v.kind == VK_PREACH) {
			l = lowmem_field_value(fl, n);
			if (l.kind != VK_NONE)
				return l;
		}
		return v;
	case IR_SUBSCRIPT:
		return load(fl, n);
	case IR_CALL:
		return thread_call(fl, n);
	case IR_UNEVALUATED:
	case IR_NULL:
		return mkval(VK_NONE, 0);
	case IR_INIT_LIST:
	case IR_OTHER:
	case IR_COND:
	case IR_STMT_EXPR:
		return eval_kids_first_tracked(fl, n, 0);
	default:
		break;
	}
	return eval_kids_first_tracked(fl, n, 0);
}

static bool tested_key(const struct flow *fl, int key, int min)
{
	return key >= 0 && key < fl->ncond_keys && (fl->cond_keys[key] & CK_COUNT) >= min;
}

/* The index of string @s in the prover's string table (equal strings, equal index). */
int pv_str(struct prover *pv, const char *s)
{
	int i;

	for (i = 0; i < pv->strs.n; i++)
		if (!strcmp(pv->strs.v[i], s))
			return i;
	pv_push(&pv->strs, arena_strdup(pv->arena, s));
	return pv->strs.n - 1;
}

/*
 * "*param = addr" or "param->f = addr" in a function whose every caller is in this
 * file: the mapping goes out through the caller's pointer, like a return value
 * (ext2_get_page()'s page_addr). Record it on the entry; the callers' analyses decide
 * where it lands. Returns false when this is an ordinary escape (memory reachable
 * from a parameter of a function called from elsewhere).
 */
static bool out_param_store(struct flow *fl, struct ir_node *lhs, struct val v, int line)
{
	const struct ir_node *l = strip_casts(lhs);
	const struct ir_node *base;
	struct ir_func *fn = fl->fn;
	const char *sfx;
	struct entry *e;
	int i;

	if (!fn->is_static || fl->fi->addr_taken || v.a < 0 || v.a >= fl->st->depth)
		return false;
	if (l->kind == IR_UNARY && l->op == IR_OP_DEREF && l->nkids == 1)
		sfx = "*";
	else if (l->kind == IR_MEMBER && l->op == IR_OP_ARROW && l->nkids == 1 && l->name)
		sfx = arena_printf(fl->pv->arena, "->%s", l->name);
	else
		return false;
	base = strip_casts(l->kids[0]);
	if (!base || base->kind != IR_DECLREF || !base->var)
		return false;
	for (i = 0; i < fn->nparams && i < MAX_PARAMS; i++)
		if (fn->params[i] == base->var)
			break;
	if (i == fn->nparams || i >= MAX_PARAMS)
		return false;
	if (st_get(fl->st, var_key(fl->pv, base->var)).kind != VK_PARAM)
		return false;	/* the parameter was reassigned */
	e = &fl->st->stk[v.a];
	e->outp = i + 1;
	e->outsfx = pv_str(fl->pv, sfx);
	st_set(fl->st, key_of(fl->pv, lhs), v);
	return true;
}

/**
 * flow_store_out - a caller's side of an out-parameter wrapper: the mapping of stack
 * entry @v.a lands where argument @arg (value @base) with @sfx ("*" or "->f") points.
 */
void flow_store_out(struct flow *fl, struct ir_node *arg, struct val base, const char *sfx,
		    struct val v, int line)
{
	struct prover *pv = fl->pv;
	bool deref = !strcmp(sfx, "*");
	const char *field = deref ? NULL : sfx + 2;

	if (base.kind == VK_LOCAL) {
		struct ir_var *w = base.a >= 0 && base.a < fl->nvarcls ? fl->vars[base.a] : NULL;
		int k;

		if (!w || var_class(fl, w) == VAR_OPAQUE) {
			thread_escape(fl, v, arena_printf(pv->arena, "stored by the callee into %s, a local whose address is taken",
							  expr_text(pv, arg)), line, false, NULL, NULL);
			return;
		}
		if (fl->exposed[w->id])
			thread_escape(fl, v, arena_printf(pv->arena, "stored by the callee into %s, %s",
							  w->name, fl->exposed[w->id]),
				      line, fl->exposed_def[w->id], NULL, NULL);
		k = var_key(pv, w);
		if (deref) {
			kill_var(fl, w, k, line);
		} else {
			k = key_extend(pv, k, arena_printf(pv->arena, ".%s", field), false, field, -1);
			kill_field(fl, field, k, line);
		}
		st_set(fl->st, k, v);
		return;
	}
	if (base.kind == VK_PARAM && fl->fn->is_static && !fl->fi->addr_taken &&
	    v.kind == VK_ADDR && v.a >= 0 && v.a < fl->st->depth) {
		const struct ir_node *b = strip_casts(arg);

		if (b && b->kind == IR_DECLREF && b->var) {
			/* passed on through this function's own out parameter */
			fl->st->stk[v.a].outp = base.a + 1;
			fl->st->stk[v.a].outsfx = pv_str(pv, sfx);
			return;
		}
	}
	thread_escape(fl, v, arena_printf(pv->arena, "stored by the callee to %s%s%s",
					  deref ? "*" : expr_text(pv, arg), deref ? expr_text(pv, arg) : "->",
					  deref ? "" : field), line, true, NULL, field);
}

/*
 * A mapped page stored where other code finds it (*res_page = page): for kmap() the
 * page is the handle of the mapping, whoever holds it may kunmap() it.
 */
static void page_escape(struct flow *fl, const struct ir_node *at, struct val v, const char *text,
			int line)
{
	struct state *st = fl->st;
	int k = -1, i;

	if (at && at->kind == IR_BINARY && at->op == IR_OP_ASSIGN && at->nkids == 2)
		k = key_of(fl->pv, at->kids[1]);
	for (i = 0; i < st->depth; i++) {
		if (!((v.kind == VK_PAGEOF && v.a == i) || (k >= 0 && st->stk[i].pkey == k)))
			continue;
		if (fl->pv->ps[st->stk[i].ps].fam != FAM_MAP_GLOBAL)
			continue;
		thread_escape(fl, mkval(VK_ADDR, i),
			      arena_printf(fl->pv->arena, "its page is stored to %s, where other code may kunmap() it",
					   text), line, !fl->fn->is_static, NULL, NULL);
	}
}

/**
 * flow_assign - store @v into lvalue @lhs (the assignment or declaration @at): follow
 * it into locals, or report where it escapes.
 */
void flow_assign(struct flow *fl, struct ir_node *lhs, struct val v, const struct ir_node *at)
{
	struct prover *pv = fl->pv;
	struct place p = place_of(fl, lhs);
	int line = at ? at->loc.line : lhs->loc.line;
	const char *text;

	if (fl->dead)
		return;
	if (p.whole_var && p.var >= 0)
		thread_page_address_var(fl, strip_casts(lhs)->var, at, line);
	if (v.kind == VK_INT && !tested_key(fl, p.key, 1))
		v = mkval(VK_NONE, 0);
	/*
	 * What a branch said of another place is not said of this one ("int y = x" may
	 * truncate x) but a non-NULL pointer's copy; a narrow place may not hold the
	 * integer ("u8 c = 256" stores 0, "bool b = 2" stores 1).
	 */
	if ((v.kind == VK_NE && !(v.a == 0 && (lhs->type & IR_TY_POINTER))) ||
	    (v.kind == VK_INT && (lhs->type & IR_TY_NARROW) && v.a != 0 && v.a != 1))
		v = mkval(VK_NONE, 0);

	switch (p.kind) {
	case PL_LOCAL:
		if (p.var >= 0 && fl->exposed[p.var] && val_tracked(v))
			thread_escape(fl, v, arena_printf(pv->arena, "stored into %s, %s",
							  expr_text(pv, lhs), fl->exposed[p.var]),
				      line, fl->exposed_def[p.var], NULL, NULL);
		if (p.whole_var) {
			const struct ir_node *s = strip_casts(lhs);

			kill_var(fl, s->var, p.key, line);
		} else if (p.field) {
			kill_field(fl, p.field, p.key, line);
		}
		if (!p.whole_var && p.var >= 0) {
			kill_calls(fl, p.var, false);
			forget_store(fl, p.var, p.key, false);
		}
		if (p.key < 0 && val_tracked(v) && p.var >= 0)
			p.key = key_intern(pv, arena_printf(pv->arena, "v%d[?]", p.var), p.var, NULL,
					   false, NULL, &p.var, 1);
		/* the page a wrapper returned, mapped: from now on kunmap(this) releases it */
		if (v.kind == VK_PAGEOF && v.a >= 0 && v.a < fl->st->depth &&
		    fl->st->stk[v.a].pkey < 0 && p.whole_var)
			fl->st->stk[v.a].pkey = p.key;
		st_set(fl->st, p.key, v);
		return;
	case PL_OPAQUE:
		if (val_tracked(v))
			thread_escape(fl, v, arena_printf(pv->arena,
					"stored into %s, a local whose address is taken",
					expr_text(pv, lhs)), line, false, NULL, NULL);
		if (p.whole_var)
			kill_var(fl, strip_casts(lhs)->var, -1, line);
		return;
	case PL_MAPPED:
		if (val_tracked(v))
			thread_escape(fl, v, "stored into the mapped page", line, true, NULL, NULL);
		kill_calls(fl, -1, true);
		/* what was read from the page there, or through another name for it */
		if (p.field)
			kill_field(fl, p.field, -1, line);
		else
			kill_indirect(fl, -1, line);
		return;
	case PL_PARAM:
		if (v.kind == VK_ADDR && out_param_store(fl, lhs, v, line))
			return;
		/* fall through */
	case PL_GLOBAL:
	case PL_HEAP:
		text = expr_text(pv, lhs);
		page_escape(fl, at, v, text, line);
		kill_calls(fl, -1, false);

		if (val_tracked(v))
			thread_escape(fl, v, arena_printf(pv->arena, "stored to %s%s", text,
							  p.kind == PL_GLOBAL ? " (global)" : ""),
				      line, true, NULL, p.field);
		if (p.whole_var && strip_casts(lhs)->var)
			kill_var(fl, strip_casts(lhs)->var, p.key, line);
		else if (p.field)
			kill_field(fl, p.field, p.key, line);
		else
			kill_indirect(fl, p.key, line);
		if (p.field && strip_casts(lhs)->kind == IR_MEMBER && strip_casts(lhs)->field &&
		    strip_casts(lhs)->field->in_union)
			kill_union(fl, p.key, line);
		if (p.kind != PL_GLOBAL)
			forget_store(fl, -1, p.key, true);
		else if (!p.whole_var && p.key >= 0)
			forget_store(fl, key_info(pv, p.key)->root, p.key, false);
		/* "*pagep = page": remember which local page went out through the parameter */
		if ((v.kind == VK_NONE || v.kind == VK_PREACH || v.kind == VK_PARAM) &&
		    p.kind == PL_PARAM && at && at->kind == IR_BINARY && at->op == IR_OP_ASSIGN &&
		    at->nkids == 2) {
			int rk = key_of(pv, at->kids[1]);

			if (rk >= 0 && !key_info(pv, rk)->indirect)
				v = mkval(VK_COPY, rk);
		}
		st_set(fl->st, p.key, v);
		return;
	}
}

/* ---- branch refinement ------------------------------------------------------ */

/*
 * @x without casts, when a test of it says something of the value it reads: not through
 * a cast to an integer type ("(u8)X == 0" holds for X == 256), not of a volatile place
 * (the next read may see another value).
 */
static const struct ir_node *tested_value(const struct ir_node *x)
{
	const struct ir_node *s = strip_casts(x);

	if (!s || int_cast(x) || (s->type & IR_TY_VOLATILE))
		return NULL;
	return s;
}

/*
 * Split a condition into "X OP c": returns X and sets *eq (true for X == c), *c, and
 * *by_macro when c is a macro's (PAGE_SIZE).
 */
static const struct ir_node *cond_parts(const struct ir_node *cond, bool *eq, long long *c,
					bool *by_macro)
{
	const struct ir_node *n = strip_casts(cond);

	*eq = false;
	*c = 0;
	*by_macro = false;
	if (!n)
		return NULL;
	/* likely(X), unlikely(X): __builtin_expect(!!(X), c) has the value of its first argument */
	if (n->kind == IR_CALL && n->name && n->nkids >= 3 &&
	    (!strcmp(n->name, "__builtin_expect") ||
	     !strcmp(n->name, "__builtin_expect_with_probability")))
		return cond_parts(n->kids[1], eq, c, by_macro);
	if (n->kind == IR_UNARY && n->op == IR_OP_LNOT && n->nkids == 1) {
		const struct ir_node *x = cond_parts(n->kids[0], eq, c, by_macro);

		if (x && *c == 0) {
			*eq = !*eq;
			return x;
		}
		return NULL;
	}
	if (n->kind == IR_BINARY && (n->op == IR_OP_EQ || n->op == IR_OP_NE) && n->nkids == 2) {
		if (const_value(n->kids[1], c, by_macro)) {
			*eq = n->op == IR_OP_EQ;
			return tested_value(n->kids[0]);
		}
		if (const_value(n->kids[0], c, by_macro)) {
			*eq = n->op == IR_OP_EQ;
			return tested_value(n->kids[1]);
		}
		return NULL;
	}
	/* "X" means X != 0 */
	return tested_value(cond);
}

/* False when @v cannot be equal to @c. */
static bool may_equal(struct val v, long long c)
{
	switch (v.kind) {
	case VK_INT:
		return v.a == c;
	case VK_NE:
		return v.a != c;
	case VK_ADDR:
	case VK_LOCAL:
		return c != 0;
	case VK_ERR:
		return c != 0;
	default:
		return true;
	}
}

/* True when stack entry @idx came from a wrapper that may return without mapping. */
static bool may_fail(const struct flow *fl, int idx)
{
	return idx >= 0 && idx < fl->st->depth && (fl->st->stk[idx].flags & EF_MAYFAIL);
}

static bool is_err_test(const struct ir_node *n, bool *or_null)
{
	n = strip_casts(n);
	if (!n || n->kind != IR_CALL || !n->name || n->nkids != 2)
		return false;
	*or_null = !strcmp(n->name, "IS_ERR_OR_NULL");
	return *or_null || !strcmp(n->name, "IS_ERR");
}

static bool was_lost(const struct state *st, int k)
{
	int i;

	if (st->nlost > LOST_MAX)
		return true;
	for (i = 0; i < st->nlost; i++)
		if (st->lost[i] == k)
			return true;
	return false;
}

/* Refine by "IS_ERR(x)" (or IS_ERR_OR_NULL) being @sense. */
static bool refine_err(struct flow *fl, const struct ir_node *call, bool or_null, bool sense)
{
	int k = key_of(fl->pv, call->kids[1]);
	struct val v = st_get(fl->st, k);

	if (k < 0)
		return true;
	if (sense) {
		switch (v.kind) {
		case VK_ADDR:
		case VK_LOCAL:
			return false;	/* a mapping is never an error pointer */
		case VK_PAGEOF:
		case VK_OKRES:
			if (!may_fail(fl, v.a))
				return false;
			order_forget(fl, v.a);
			break;
		case VK_INT:
			return or_null && v.a == 0;
		default:
			break;
		}
		if (v.kind != VK_PARAM && v.kind != VK_PREACH)
			st_set(fl->st, k, mkval(VK_ERR, 0));
		return true;
	}
	return v.kind != VK_ERR && !(or_null && v.kind == VK_INT && v.a == 0);
}

/*
 * The key under which what branches learned about @k lives when @k's own binding is a
 * value the walk must keep (a parameter, a pointer loaded from one): "?" + its text.
 */
static int shadow_key(struct prover *pv, int k)
{
	const struct keyinfo *ki = key_info(pv, k);
	char *s = xasprintf("?%s", ki->str);
	int sk = key_intern(pv, s, ki->root, ki->rootvar, ki->indirect, ki->field, ki->vars, ki->nvars);

	free(s);
	return sk;
}

/* Refine the current state by "@cond is @sense"; false when that is impossible. */
static bool refine(struct flow *fl, const struct ir_node *cond, bool sense)
{
	bool eq, holds_eq, or_null, by_macro, one_const;
	long long c;
	const struct ir_node *x = cond_parts(cond, &eq, &c, &by_macro);
	struct val v;
	int k, bk;

	if (!x)
		return true;
	if (is_err_test(x, &or_null))
		return refine_err(fl, strip_casts(x), or_null, eq ? !sense : sense);
	k = key_of(fl->pv, x);
	if (k < 0)
		return true;
	if (x->kind == IR_LITERAL)
		return true;
	/*
	 * What "X != c" and a macro's constant teach is kept only for a key that every
	 * test compares with the same constant ("if (len == PAGE_SIZE)" twice): other
	 * keys would only split the paths into more classes.
	 */
	one_const = k < fl->ncond_keys && !(fl->cond_keys[k] & CK_MIXED);
	if (by_macro && (!one_const || !tested_key(fl, k, 2)))
		return true;
	v = st_get(fl->st, k);
	bk = k;
	if (v.kind == VK_PARAM || v.kind == VK_PREACH) {
		/* keep the value, learn beside it */
		bk = shadow_key(fl->pv, k);
		v = st_get(fl->st, bk);
	}
	if (v.kind == VK_NONE && !fl->st->guessed_line && was_lost(fl->st, k))
		fl->st->guessed_line = cond->loc.line;
	/* the branch says: X == c when (eq && sense) || (!eq && !sense) */
	holds_eq = eq == sense;
	if (holds_eq) {
		if (!may_equal(v, c))
			return false;
		if (c == 0 && (v.kind == VK_OKRES || v.kind == VK_PAGEOF)) {
			/* the wrapper returned NULL: it did not map */
			if (!may_fail(fl, v.a))
				return false;
			order_forget(fl, v.a);
			st_set(fl->st, k, mkval(VK_INT, 0));
			return true;
		}
		if (v.kind == VK_NONE && fl->bind_conds && tested_key(fl, k, 2) && c > -1000000 &&
		    c < 1000000)
			st_set(fl->st, bk, mkval(VK_INT, (int)c));
	} else {
		if (v.kind == VK_INT && v.a == c)
			return false;
		if (v.kind == VK_NONE && (c == 0 || one_const) && fl->bind_conds &&
		    tested_key(fl, k, 2) && c > -1000000 && c < 1000000)
			st_set(fl->st, bk, mkval(VK_NE, (int)c));
	}
	return true;
}

/* Make room for key @k in the per-key tables of @fl. */
static void cond_key_room(struct flow *fl, int k)
{
	int n = k + 64;

	if (k < fl->ncond_keys)
		return;
	fl->cond_keys = xrealloc(fl->cond_keys, n);
	memset(fl->cond_keys + fl->ncond_keys, 0, n - fl->ncond_keys);
	fl->cond_const = xrealloc(fl->cond_const, n * sizeof(*fl->cond_const));
	memset(fl->cond_const + fl->ncond_keys, 0, (n - fl->ncond_keys) * sizeof(*fl->cond_const));
	fl->ncond_keys = n;
}

/* A comparison with something cond_parts() does not read ("x == -1"): @x's key is mixed. */
static void note_other_compare(struct flow *fl, const struct ir_node *cond)
{
	const struct ir_node *n = strip_casts(cond);
	int i, k;

	if (!n || n->kind != IR_BINARY || (n->op != IR_OP_EQ && n->op != IR_OP_NE) || n->nkids != 2)
		return;
	for (i = 0; i < 2; i++) {
		k = key_of(fl->pv, n->kids[i]);
		if (k >= 0) {
			cond_key_room(fl, k);
			fl->cond_keys[k] |= CK_MIXED;
		}
	}
}

/*
 * Count how many branches test each key, and note the keys compared with more than
 * one constant. A test with a macro's constant counts only for a key that two tests
 * or more compare with that constant and no test with another (refine() learns
 * nothing from it otherwise).
 */
static void count_cond_keys(struct flow *fl)
{
	struct cfg *g = fl->g;
	unsigned char *seen = NULL;	/* by key: tests in the first pass, capped at 2 */
	int nseen = 0, pass, i;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < g->nblocks; i++) {
			const struct cfg_block *b = g->blocks[i];
			const struct ir_node *x;
			bool eq, by_macro;
			long long c;
			int k;

			if (b->term != CT_BRANCH)
				continue;
			x = cond_parts(b->cond, &eq, &c, &by_macro);
			if (!x) {
				if (pass == 0)
					note_other_compare(fl, b->cond);
				continue;
			}
			k = key_of(fl->pv, x);
			if (k < 0)
				continue;
			cond_key_room(fl, k);
			if (pass == 0) {
				if (nseen < fl->ncond_keys) {
					seen = xrealloc(seen, fl->ncond_keys);
					memset(seen + nseen, 0, fl->ncond_keys - nseen);
					nseen = fl->ncond_keys;
				}
				if (!seen[k])
					fl->cond_const[k] = c;
				else if (fl->cond_const[k] != c)
					fl->cond_keys[k] |= CK_MIXED;
				if (seen[k] < 2)
					seen[k]++;
				continue;
			}
			if (by_macro && ((fl->cond_keys[k] & CK_MIXED) || seen[k] < 2))
				continue;
			if ((fl->cond_keys[k] & CK_COUNT) < 2)
				fl->cond_keys[k]++;
			if ((fl->cond_keys[k] & CK_COUNT) == 2)
				fl->repeated_tests = true;
		}
	}
	free(seen);
}

/* ---- state sets ------------------------------------------------------------- */

struct sset_item {
	uint64_t hash;
	int block;
	int len;
	int *data;
	int node;		/* exploded-graph node id */
};

struct sset {
	int n, cap;		/* open addressing */
	struct sset_item *items;
	int *per_block;
	/* the exploded graph: nodes are (block, state) pairs, edges the steps between */
	int nedges, capedges;
	int *efrom, *eto;
};

struct work {
	int block;
	int *data;
	int len;
	int node;
};

static int *serialize(const struct state *st, int *len)
{
	int n = 13 + st->depth * 7 + st->nb * 3, i, *d = xmalloc(n * sizeof(int)), *p = d;

	*p++ = st->depth;
	*p++ = st->pf;
	*p++ = st->pre;
	*p++ = (int)(st->seen & 0xffffffffu);
	*p++ = (int)(st->seen >> 32);
	*p++ = (int)st->pu;
	*p++ = st->nlost;
	for (i = 0; i < LOST_MAX; i++)
		*p++ = i < st->nlost ? st->lost[i] : -1;
	*p++ = st->guessed_line;
	*p++ = st->nb;
	for (i = 0; i < st->depth; i++) {
		*p++ = st->stk[i].ps;
		*p++ = st->stk[i].pkey;
		*p++ = st->stk[i].flags;
		*p++ = st->stk[i].via;
		*p++ = st->stk[i].stale_line;
		*p++ = st->stk[i].outp;
		*p++ = st->stk[i].outsfx;
	}
	for (i = 0; i < st->nb; i++) {
		*p++ = st->b[i].key;
		*p++ = st->b[i].v.kind;
		*p++ = st->b[i].v.a;
	}
	*len = n;
	return d;
}

static void deserialize(struct state *st, const int *p)
{
	int i;

	st->depth = *p++;
	st->pf = *p++;
	st->pre = *p++;
	st->seen = (uint32_t)p[0] | ((uint64_t)(uint32_t)p[1] << 32);
	p += 2;
	st->pu = (unsigned int)*p++;
	st->nlost = *p++;
	for (i = 0; i < LOST_MAX; i++)
		st->lost[i] = *p++;
	st->guessed_line = *p++;
	st->nb = *p++;
	if (st->capb < st->nb) {
		st->capb = st->nb + 16;
		st->b = xrealloc(st->b, st->capb * sizeof(*st->b));
	}
	for (i = 0; i < st->depth; i++) {
		st->stk[i].ps = *p++;
		st->stk[i].pkey = *p++;
		st->stk[i].flags = *p++;
		st->stk[i].via = *p++;
		st->stk[i].stale_line = *p++;
		st->stk[i].outp = *p++;
		st->stk[i].outsfx = *p++;
	}
	for (i = 0; i < st->nb; i++) {
		st->b[i].key = *p++;
		st->b[i].v.kind = *p++;
		st->b[i].v.a = *p++;
	}
}

/*
 * Add (@block, @st) to @set; true when it is new (and then *out holds its data).
 * *node receives the node id (new or old), -1 when the block is full.
 */
static bool sset_add(struct sset *set, int block, const struct state *st, struct work *out,
		     bool *full, int *node)
{
	int len, *d = serialize(st, &len), i;
	uint64_t h = hash_words(d, len, HASH64_SEED ^ (uint64_t)block);

	*full = false;
	*node = -1;
	if (set->n * 2 >= set->cap) {
		int cap = set->cap ? set->cap * 2 : 1024;
		struct sset_item *items = xcalloc(cap, sizeof(*items));

		for (i = 0; i < set->cap; i++) {
			struct sset_item *it = &set->items[i];
			int s;

			if (!it->data)
				continue;
			for (s = it->hash & (cap - 1); items[s].data; s = (s + 1) & (cap - 1))
				;
			items[s] = *it;
		}
		free(set->items);
		set->items = items;
		set->cap = cap;
	}
	for (i = h & (set->cap - 1); set->items[i].data; i = (i + 1) & (set->cap - 1)) {
		struct sset_item *it = &set->items[i];

		if (it->hash == h && it->block == block && it->len == len &&
		    !memcmp(it->data, d, len * sizeof(int))) {
			free(d);
			*node = it->node;
			return false;
		}
	}
	if (set->per_block[block] >= MAX_STATES_PER_BLOCK) {
		free(d);
		*full = true;
		return false;
	}
	set->per_block[block]++;
	set->items[i].hash = h;
	set->items[i].block = block;
	set->items[i].len = len;
	set->items[i].data = d;
	set->items[i].node = set->n;
	*node = set->n;
	set->n++;
	out->block = block;
	out->data = d;
	out->len = len;
	out->node = *node;
	return true;
}

static void sset_free(struct sset *set)
{
	int i;

	for (i = 0; i < set->cap; i++)
		free(set->items[i].data);
	free(set->items);
	free(set->per_block);
	free(set->efrom);
	free(set->eto);
}

/*
 * Count the paths from the entry to each exit of the exploded graph, loops taken at
 * most once (back edges of a depth-first walk are dropped), and add them to the
 * sites each exit state has seen mapped.
 */
static void count_paths(struct flow *fl, struct sset *set)
{
	int n = set->n, i, e, top = 0, npost = 0;
	int *deg = xcalloc(n + 1, sizeof(int)), *adj = xmalloc((set->nedges + 1) * sizeof(int));
	int *color = xcalloc(n + 1, sizeof(int)), *post = xmalloc((n + 1) * sizeof(int));
	int *stk = xmalloc((n + 1) * sizeof(int)), *next = xcalloc(n + 1, sizeof(int));
	bool *back = xcalloc(set->nedges + 1, sizeof(bool));
	int *eid = xmalloc((set->nedges + 1) * sizeof(int));
	double *paths = xcalloc(n + 1, sizeof(double));

	if (!n)
		goto out;
	for (e = 0; e < set->nedges; e++)
		deg[set->efrom[e] + 1]++;
	for (i = 0; i < n; i++)
		deg[i + 1] += deg[i];
	{
		int *fill = xcalloc(n + 1, sizeof(int));

		for (e = 0; e < set->nedges; e++) {
			int u = set->efrom[e];

			adj[deg[u] + fill[u]] = set->eto[e];
			eid[deg[u] + fill[u]] = e;
			fill[u]++;
		}
		free(fill);
	}
	stk[top++] = 0;
	color[0] = 1;
	next[0] = deg[0];
	while (top) {
		int u = stk[top - 1];

		if (next[u] < deg[u + 1]) {
			int k = next[u]++, v = adj[k];

			if (color[v] == 1) {
				back[eid[k]] = true;
			} else if (color[v] == 0) {
				color[v] = 1;
				next[v] = deg[v];
				stk[top++] = v;
			}
		} else {
			color[u] = 2;
			post[npost++] = u;
			top--;
		}
	}
	paths[0] = 1;
	for (i = npost - 1; i >= 0; i--) {
		int u = post[i];

		for (e = deg[u]; e < deg[u + 1]; e++)
			if (!back[eid[e]])
				paths[adj[e]] += paths[u];
	}
	for (i = 0; i < fl->nexits; i++) {
		double p = fl->exits[i].node >= 0 ? paths[fl->exits[i].node] : 0;
		int b;

		for (b = 0; b < fl->nslots; b++) {
			struct facts *f = &fl->pv->ps[fl->slots[b]].f;

			if (!(fl->exits[i].seen & (1ull << b)))
				continue;
			if (f->paths + p > PATHS_CAP)
				f->paths = PATHS_CAP;
			else
				f->paths += (int)p;
		}
	}
out:
	free(deg);
	free(adj);
	free(color);
	free(post);
	free(stk);
	free(next);
	free(back);
	free(eid);
	free(paths);
}

/* ---- the walk ---------------------------------------------------------------- */

static void run_elem(struct flow *fl, const struct cfg_elem *e)
{
	struct ir_node *n = e->node;
	struct val v;
	int i;

	switch (e->kind) {
	case CE_EVAL:
		v = flow_eval(fl, n);
		if (e->temp >= 0 && !fl->dead)
			st_set(fl->st, key_temp(fl->pv, e->temp), v);
		break;
	case CE_DECL:
		if (!n->var || !is_local(n->var))
			break;	/* a static local's initializer runs at compile time */
		if (n->nkids && n->kids[0]->kind == IR_INIT_LIST && (n->var->type & (IR_TY_RECORD | IR_TY_ARRAY))) {
			struct ir_node *il = n->kids[0];
			int base = var_key(fl->pv, n->var);

			kill_var(fl, n->var, -1, n->loc.line);
			for (i = 0; i < il->nkids && !fl->dead; i++) {
				v = flow_eval(fl, il->kids[i]);
				if (val_tracked(v))
					st_set(fl->st, key_extend(fl->pv, base,
								  arena_printf(fl->pv->arena, ".{%d}", i),
								  false, NULL, -1), v);
			}
			break;
		}
		v = n->nkids ? flow_eval(fl, n->kids[0]) : mkval(VK_NONE, 0);
		if (!fl->dead) {
			struct ir_node ref = { .kind = IR_DECLREF, .var = n->var, .loc = n->loc,
					       .type = n->var->type, .id = -1 };

			flow_assign(fl, &ref, v, n);
		}
		break;
	case CE_RETURN:
		fl->retval = n->nkids ? flow_eval(fl, n->kids[0]) : mkval(VK_NONE, 0);
		fl->have_ret = true;
		break;
	case CE_ASM:
		for (i = 0; i < n->nkids && !fl->dead; i++) {
			const struct ir_node *o = strip_casts(n->kids[i]);

			/* a memory operand hands the asm its address */
			if (o && (o->kind == IR_MEMBER || o->kind == IR_SUBSCRIPT ||
				  (o->kind == IR_UNARY && o->op == IR_OP_DEREF)))
				v = eval_addrof(fl, n->kids[i]);
			else
				v = flow_eval(fl, n->kids[i]);
			if (val_tracked(v))
				thread_escape(fl, v, "used by inline assembly", n->loc.line, false, NULL, NULL);
		}
		break;
	}
}

static void push_work(struct flow *fl, struct sset *set, struct work **q, int *nq, int *capq,
		      int block, const struct state *st)
{
	struct work w;
	bool full, fresh;
	int node;

	if (block < 0)
		return;
	fresh = sset_add(set, block, st, &w, &full, &node);
	if (node >= 0 && fl->cur_node >= 0) {
		if (set->nedges == set->capedges) {
			set->capedges = set->capedges ? 2 * set->capedges : 256;
			set->efrom = xrealloc(set->efrom, set->capedges * sizeof(int));
			set->eto = xrealloc(set->eto, set->capedges * sizeof(int));
		}
		set->efrom[set->nedges] = fl->cur_node;
		set->eto[set->nedges++] = node;
	}
	if (!fresh) {
		if (full && !fl->overflow) {
			fl->overflow = true;
			fl->overflow_why = "too many path classes";
		}
		return;
	}
	if (*nq == *capq) {
		*capq = *capq ? 2 * *capq : 256;
		*q = xrealloc(*q, *capq * sizeof(**q));
	}
	(*q)[(*nq)++] = w;
}

/*
 * Parameters that can carry an address: pointers, and integers (on i386 even a u32
 * holds one). Branches still refine them, through shadow keys (refine()).
 */
static bool param_may_hold_address(const struct ir_var *p)
{
	return p->type & (IR_TY_POINTER | IR_TY_ARRAY | IR_TY_INTEGER);
}

static void init_state(struct flow *fl, struct state *st)
{
	struct ir_func *fn = fl->fn;
	int i;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < fn->nparams && i < MAX_PARAMS; i++) {
		struct ir_var *p = fn->params[i];

		if (p && param_may_hold_address(p))
			st_set(st, var_key(fl->pv, p), mkval(VK_PARAM, i));
	}
}

/*
 * A parameter released on some paths only counts as "released when set" when every
 * path that does not release it knows the released expression is NULL there
 * ("if (ctl->page) kunmap(ctl->page)").
 */
static void conditional_unmaps(struct flow *fl)
{
	struct finfo *fi = fl->fi;
	unsigned int some = fi->unmaps_any & ~fi->unmaps_all;
	int p, x, j;

	fi->unmaps_ifset = 0;
	for (p = 0; p < MAX_PARAMS; p++) {
		bool ok = true;

		if (!(some & (1u << p)) || fi->unmap_key[p] < 0)
			continue;
		for (x = 0; x < fl->nexits && ok; x++) {
			if (fl->exits[x].pu & (1u << p))
				continue;
			ok = false;
			for (j = 0; j < fl->exits[x].nnull; j++)
				if (fl->exits[x].null_keys[j] == fi->unmap_key[p])
					ok = true;
		}
		if (ok)
			fi->unmaps_ifset |= 1u << p;
	}
}

/* Keys that unmaps release: refine always binds them, so that "if (p) kunmap(p)"
 * leaves p known NULL on the path that skips the unmap. */
static void mark_unmap_keys(struct flow *fl, const struct ir_node *n)
{
	int i, k;

	if (!n)
		return;
	if (n->kind == IR_CALL && n->nkids > 1) {
		int ps = ps_of_call(fl->pv, (struct ir_node *)n);

		if (ps >= 0 && fam_is_unmap(fl->pv->ps[ps].fam)) {
			k = key_of(fl->pv, n->kids[1]);
			if (k >= 0) {
				cond_key_room(fl, k);
				fl->cond_keys[k] = (fl->cond_keys[k] & ~CK_COUNT) | 2;
			}
		}
	}
	for (i = 0; i < n->nkids; i++)
		mark_unmap_keys(fl, n->kids[i]);
}

/* One walk to a fixed point; false when it overflowed its budget. */
static bool run(struct flow *fl)
{
	struct cfg *g = fl->g;
	struct sset set = { 0 };
	struct work *q = NULL;
	int nq = 0, capq = 0, head = 0;
	struct state st, tmp = { 0 };
	int i;

	set.per_block = xcalloc(g->nblocks, sizeof(int));
	init_state(fl, &st);
	fl->st = &st;
	fl->cur_node = -1;
	fl->nexits = 0;
	push_work(fl, &set, &q, &nq, &capq, g->entry, &st);
	while (head < nq && !fl->overflow) {
		struct work w = q[head++];
		const struct cfg_block *b = g->blocks[w.block];

		deserialize(&st, w.data);
		fl->cur_node = w.node;
		fl->st = &st;
		fl->dead = false;
		fl->have_ret = false;
		fl->retval = mkval(VK_NONE, 0);
		for (i = 0; i < b->nelems && !fl->dead; i++) {
			run_elem(fl, &b->elems[i]);
			if (++fl->steps > MAX_STEPS) {
				fl->overflow = true;
				fl->overflow_why = "too many steps";
			}
		}
		if (fl->dead)
			continue;
		switch (b->term) {
		case CT_JUMP:
			push_work(fl, &set, &q, &nq, &capq, b->succ[0], &st);
			break;
		case CT_BRANCH:
			for (i = 0; i < 2; i++) {
				st_copy(&tmp, &st);
				fl->st = &tmp;
				if (refine(fl, b->cond, i == 0))
					push_work(fl, &set, &q, &nq, &capq, b->succ[i], &tmp);
			}
			fl->st = &st;
			break;
		case CT_MULTI:
			for (i = 0; i < b->nsuccs; i++)
				push_work(fl, &set, &q, &nq, &capq, b->succs[i], &st);
			break;
		case CT_EXIT:
			order_exit(fl, b->ret);
			break;
		case CT_STOP:
			break;
		}
	}
	if (!fl->overflow) {
		count_paths(fl, &set);
		conditional_unmaps(fl);
	}
	for (i = 0; i < fl->nexits; i++)
		free(fl->exits[i].null_keys);
	free(q);
	sset_free(&set);
	st_free(&st);
	st_free(&tmp);
	fl->st = NULL;
	return !fl->overflow;
}

static bool calls_setjmp(const struct ir_node *n)
{
	int i;

	if (!n)
		return false;
	if (n->kind == IR_CALL && n->name &&
	    (!strcmp(n->name, "setjmp") || !strcmp(n->name, "_setjmp") ||
	     !strcmp(n->name, "__builtin_setjmp") || !strcmp(n->name, "sigsetjmp") ||
	     !strcmp(n->name, "__sigsetjmp")))
		return true;
	for (i = 0; i < n->nkids; i++)
		if (calls_setjmp(n->kids[i]))
			return true;
	return false;
}

static void reset_summary(struct finfo *fi)
{
	fi->ret_map_ps = -1;
	fi->ret_map_line = 0;
	fi->ret_map_all = true;
	fi->unmaps_any = 0;
	fi->unmaps_all = ~0u;
	fi->exits = false;
	fi->esc_def = fi->esc_unk = fi->reach_def = fi->reach_unk = 0;
	fi->ret_param = 0;
	fi->pa_params = 0;
	memset(fi->pa_text, 0, sizeof(fi->pa_text));
	fi->needs = 0;
	fi->needs_guess = 0;
	fi->needs_op = NULL;
	fi->may_sleep = false;
	memset(fi->esc_text, 0, sizeof(fi->esc_text));
	memset(fi->esc_callee, 0, sizeof(fi->esc_callee));
	memset(fi->unmap_ps, -1, sizeof(fi->unmap_ps));
	memset(fi->unmap_suffix, 0, sizeof(fi->unmap_suffix));
	memset(fi->unmap_key, -1, sizeof(fi->unmap_key));
	fi->unmaps_ifset = 0;
	fi->ret_map_pparam = -1;
	fi->ret_map_psuffix = NULL;
	fi->ret_map_outp = -1;
	fi->ret_map_outsfx = NULL;
	fi->ret_map_returns = false;
	fi->ret_map_retpage = false;
	fi->ret_map_pageoutp = -1;
	fi->ret_map_pageoutsfx = NULL;
	fi->ret_map_cond = 0;
	fi->unmapped_exits = 0;
}

/**
 * flow_analyse - walk @fi's function and record facts on every pseudo-site its paths
 * reach and on @fi's summary. A function that cannot be followed becomes opaque.
 */
void flow_analyse(struct prover *pv, struct finfo *fi)
{
	struct ir_func *fn = fi->fn;
	struct arena *a = arena_new();
	struct flow fl = { .pv = pv, .fi = fi, .fn = fn };
	int maxv = -1, i;

	reset_summary(fi);
	if (!fn->body) {
		fi->opaque = true;
		fi->opaque_why = "its body is not available";
		arena_free(a);
		return;
	}
	if (fn->has_errors) {
		fi->opaque = true;
		fi->opaque_why = arena_printf(pv->arena, "%s" REASON_PARSE_ERRORS "%s)", fn->name,
					      fn->error ? fn->error : "see the diagnostics");
		fi->opaque_line = fn->loc.line;
		arena_free(a);
		return;
	}
	fl.g = cfg_build(fn, pv->rules, a);
	if (fl.g->problem) {
		fi->opaque = true;
		fi->opaque_why = arena_printf(pv->arena, "%s() uses %s (line %d)", fn->name,
					      fl.g->problem, fl.g->problem_line);
		fi->opaque_line = fl.g->problem_line;
		arena_free(a);
		return;
	}
	if (calls_setjmp(fn->body)) {
		fi->opaque = true;
		fi->opaque_why = arena_printf(pv->arena, "%s() calls setjmp()", fn->name);
		fi->opaque_line = fn->loc.line;
		arena_free(a);
		return;
	}
	max_var(fn->body, &maxv);
	for (i = 0; i < fn->nparams; i++)
		if (fn->params[i] && fn->params[i]->id > maxv)
			maxv = fn->params[i]->id;
	fl.nvarcls = maxv + 1;
	fl.varcls = xcalloc(fl.nvarcls + 1, 1);
	fl.exposed = xcalloc(fl.nvarcls + 1, sizeof(char *));
	fl.exposed_def = xcalloc(fl.nvarcls + 1, sizeof(bool));
	fl.vars = xcalloc(fl.nvarcls + 1, sizeof(*fl.vars));
	fill_vars(&fl, fn->body);
	for (i = 0; i < fn->nparams; i++)
		if (fn->params[i] && fn->params[i]->id >= 0)
			fl.vars[fn->params[i]->id] = fn->params[i];
	classify(&fl, fn->body, NULL, 0);
	count_cond_keys(&fl);
	mark_unmap_keys(&fl, fn->body);

	fl.bind_conds = true;
	if (!run(&fl)) {
		/* Retry coarser: no refinement by conditions, far fewer path classes. */
		reset_summary(fi);
		fl.bind_conds = false;
		fl.overflow = false;
		fl.steps = 0;
		memset(fl.exposed, 0, (fl.nvarcls + 1) * sizeof(char *));
		if (!run(&fl)) {
			fi->opaque = true;
			fi->overflowed = true;
			fi->opaque_why = arena_printf(pv->arena, "%s() has %s for a complete proof",
						      fn->name, fl.overflow_why);
			fi->opaque_line = fn->loc.line;
		}
	}
	if (fi->ret_map_ps >= 0)
		fi->ret_map_cond = !fi->unmapped_exits ? 0 : (fi->unmapped_exits & 4) ? 2 : 1;
	free(fl.varcls);
	free(fl.vars);
	free(fl.exposed);
	free(fl.exposed_def);
	free(fl.cond_keys);
	free(fl.cond_const);
	free(fl.exits);
	arena_free(a);
}
