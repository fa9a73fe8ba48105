// SPDX-License-Identifier: GPL-2.0
/*
 * prove_thread.c - thread locality: where a mapped address (or a pointer derived
 * from it) goes when it is stored, passed to a call or returned.
 *
 * Calls are classified here: mapping families go to prove_order.c, callees defined
 * in this translation unit are analysed and used through their summaries, callees
 * named in rules/ use their rule, and external callees use the cross-file summary
 * lookup or stop the proof with their name.
 */
#include <string.h>

#include "prove_int.h"

static struct val mkval(int kind, int a)
{
	struct val v = { kind, a };

	return v;
}

static const char *in_fn(struct flow *fl, const struct psite *p, const char *text)
{
	if (p->fn == fl->fn)
		return text;
	return arena_printf(fl->pv->arena, "%s in %s()", text, fl->fn->name);
}

static void escape_depth(struct flow *fl, struct val v, const char *text, int line, bool definite,
			 const char *callee, const char *field, int depth)
{
	struct prover *pv = fl->pv;
	struct finfo *fi = fl->fi;
	struct state *st = fl->st;
	int i;

	switch (v.kind) {
	case VK_ADDR: {
		struct psite *p;
		struct facts *f;

		if (v.a < 0 || v.a >= st->depth)
			return;
		p = &pv->ps[st->stk[v.a].ps];
		f = &p->f;
		if (definite) {
			if (!f->escape) {
				f->escape = in_fn(fl, p, text);
				f->escape_line = line;
				f->escape_field = field;
			}
		} else if (!f->esc_unknown) {
			f->esc_unknown = in_fn(fl, p, text);
			f->esc_unknown_line = line;
			f->esc_callee = callee;
		}
		return;
	}
	case VK_PARAM:
	case VK_PREACH:
		if (v.a < 0 || v.a >= MAX_PARAMS)
			return;
		if (definite) {
			if (v.kind == VK_PARAM)
				fi->esc_def |= 1u << v.a;
			else
				fi->reach_def |= 1u << v.a;
		} else {
			if (v.kind == VK_PARAM)
				fi->esc_unk |= 1u << v.a;
			else
				fi->reach_unk |= 1u << v.a;
		}
		if (!fi->esc_text[v.a]) {
			fi->esc_text[v.a] = text;
			fi->esc_line[v.a] = line;
			fi->esc_callee[v.a] = callee;
		}
		return;
	case VK_LOCAL:
		if (depth > 4)
			return;
		thread_expose_local(fl, v.a, text, definite, line);
		for (i = 0; i < st->nb; i++) {
			const struct keyinfo *ki = key_info(pv, st->b[i].key);
			struct val inner = st->b[i].v;

			if (ki->root != v.a || ki->temp || !val_tracked(inner))
				continue;
			if (inner.kind == VK_LOCAL && inner.a == v.a)
				continue;
			escape_depth(fl, inner, text, line, definite, callee, field, depth + 1);
		}
		return;
	default:
		return;
	}
}

/**
 * thread_escape - value @v leaves the thread (@definite) or goes where the proofs
 * cannot follow (!@definite, @callee names the function when there is one).
 * @text: what happened, for the proof ("stored to obj->vaddr").
 * @field: the member it was stored into, or NULL.
 */
void thread_escape(struct flow *fl, struct val v, const char *text, int line, bool definite,
		   const char *callee, const char *field)
{
	escape_depth(fl, v, text, line, definite, callee, field, 0);
}

/**
 * thread_escape_ps - record an escape of pseudo-site @ps directly (its mapping is no
 * longer on the stack: a callee stored it in memory the caller passed, then released it).
 */
void thread_escape_ps(struct flow *fl, int ps, const char *text, int line, bool definite)
{
	struct facts *f = &fl->pv->ps[ps].f;

	if (definite && !f->escape) {
		f->escape = text;
		f->escape_line = line;
	} else if (!definite && !f->esc_unknown) {
		f->esc_unknown = text;
		f->esc_unknown_line = line;
	}
}

/** thread_use_dead - the path dereferences @v, an address whose mapping is released. */
void thread_use_dead(struct flow *fl, struct val v, int line)
{
	struct facts *f;

	if (v.kind != VK_DEAD || v.a < 0 || v.a >= fl->pv->nps)
		return;
	f = &fl->pv->ps[v.a].f;
	if (!f->use_after_line)
		f->use_after_line = line;
}

/**
 * thread_expose_local - the address of local @var_id left the function's view: what
 * is stored into it from now on escapes the same way.
 */
void thread_expose_local(struct flow *fl, int var_id, const char *why, bool definite, int line)
{
	if (var_id < 0 || var_id >= fl->nvarcls)
		return;
	if (!fl->exposed[var_id] || (definite && !fl->exposed_def[var_id])) {
		fl->exposed[var_id] = arena_printf(fl->pv->arena, "whose address was %s (line %d)",
						   why, line);
		fl->exposed_def[var_id] = definite;
	}
}

/* The page key of @arg matches a live mapping: that mapping may be released by the callee. */
static void mark_page_passed(struct flow *fl, struct ir_node *arg)
{
	struct state *st = fl->st;
	int k = key_of(fl->pv, arg), i;

	if (k < 0)
		return;
	for (i = 0; i < st->depth; i++)
		if (st->stk[i].pkey == k && fl->pv->ps[st->stk[i].ps].fam == FAM_MAP_GLOBAL)
			st->stk[i].flags |= EF_PASSED;
}

/* ---- kmap(page); var = page_address(page); -------------------------------------
 *
 * Kernel code often maps with a bare "kmap(page);" and reads the address back with
 * page_address() on the next line. page_address() finds a kmap() mapping, never a
 * kmap_local_page() one, so in general such a use stops the conversion; but when
 * the next statement only stores page_address(page) into a local pointer, that
 * statement can itself become "var = kmap_local_page(page);", and every kunmap(page)
 * kunmap_local(var), as long as var keeps the address until then. Here the shape is
 * found before the walk; the walk then follows var like a kmap() result, and any
 * other page_address() of the page, a change of var while mapped, or a release the
 * rewrite could not reach leaves the mapping used through page_address() as before.
 */

static bool is_page_address_call(const struct ir_node *n)
{
	if (!n || n->kind != IR_CALL || n->nkids != 2)
		return false;
	/* written as page_address(): the function, or the macro over lowmem_page_address() */
	if (n->loc.macro)
		return !strcmp(n->loc.macro, "page_address");
	return n->name && !strcmp(n->name, "page_address");
}

/* The address of @var is taken somewhere in @n, or inline assembly names it. */
static bool addr_taken(const struct ir_node *n, const struct ir_var *var, bool in_asm)
{
	int i;

	if (!n)
		return false;
	if (in_asm && n->kind == IR_DECLREF && n->var == var)
		return true;
	if (n->kind == IR_UNARY && n->op == IR_OP_ADDROF && n->nkids == 1) {
		const struct ir_node *o = strip_casts(n->kids[0]);

		if (o && o->kind == IR_DECLREF && o->var == var)
			return true;
	}
	for (i = 0; i < n->nkids; i++)
		if (addr_taken(n->kids[i], var, in_asm || n->kind == IR_ASM))
			return true;
	return false;
}

/* Fill @path (at most @max) with the nodes from @n down to @target; returns the length, 0 if absent. */
static int path_to(struct ir_node *n, const struct ir_node *target, struct ir_node **path, int depth,
		   int max)
{
	int i, r;

	if (!n || depth >= max)
		return 0;
	path[depth] = n;
	if (n == target)
		return depth + 1;
	for (i = 0; i < n->nkids; i++) {
		r = path_to(n->kids[i], target, path, depth + 1, max);
		if (r)
			return r;
	}
	return 0;
}

static struct ir_node *find_decl(struct ir_node *n, const struct ir_var *var)
{
	struct ir_node *d;
	int i;

	if (!n)
		return NULL;
	if (n->kind == IR_DECL && n->var == var)
		return n;
	for (i = 0; i < n->nkids; i++) {
		d = find_decl(n->kids[i], var);
		if (d)
			return d;
	}
	return NULL;
}

/*
 * The block @var is visible in: the innermost node holding both its declaration and
 * @use (a for statement for a declaration in its first clause). NULL when not found.
 */
static struct ir_node *var_scope(struct ir_func *fn, const struct ir_var *var, const struct ir_node *use)
{
	struct ir_node *a[128], *b[128];
	struct ir_node *decl = find_decl(fn->body, var);
	int na, nb, i;

	if (!decl)
		return NULL;
	na = path_to(fn->body, decl, a, 0, ARRAY_SIZE(a));
	nb = path_to(fn->body, use, b, 0, ARRAY_SIZE(b));
	if (!na || !nb)
		return NULL;
	for (i = 0; i < na - 1 && i < nb - 1 && a[i + 1] == b[i + 1]; i++)
		;
	return a[i];
}

/* Statement @st follows the bare "kmap(page);" @map of psite @ps in @fn: is it the shape? */
static void pa_shape(struct prover *pv, struct ir_func *fn, int ps, struct ir_node *map,
		     struct ir_node *block, struct ir_node *st)
{
	struct ir_node *rhs, *lhs = NULL;
	struct ir_var *var;
	struct psite *p;
	int k;

	if (st->kind == IR_BINARY && st->op == IR_OP_ASSIGN && st->nkids == 2) {
		lhs = st->kids[0];
		if (lhs->kind != IR_DECLREF)
			return;
		var = lhs->var;
		rhs = st->kids[1];
	} else if (st->kind == IR_DECL && st->nkids == 1) {
		var = st->var;
		rhs = st->kids[0];
	} else {
		return;
	}
	rhs = (struct ir_node *)strip_casts(rhs);
	if (!var || var->storage != IR_STORE_LOCAL || !(var->type & IR_TY_POINTER) ||
	    (var->type & (IR_TY_ARRAY | IR_TY_VOLATILE)) || !is_page_address_call(rhs))
		return;
	k = key_of(pv, map->kids[1]);
	if (k < 0 || key_of(pv, rhs->kids[1]) != k || addr_taken(fn->body, var, false))
		return;
	p = &pv->ps[ps];
	p->pa_scope = lhs ? var_scope(fn, var, st) : block;
	if (!p->pa_scope)
		return;
	p->pa_stmt = st;
	p->pa_call = rhs;
	p->pa_var = var;
	p->pa_pkey = k;
}

/* The kmap() site of @c when it is a bare "kmap(page);" statement, or -1. */
static int bare_kmap(struct prover *pv, const struct ir_node *c)
{
	int ps;

	if (!c || c->kind != IR_CALL || c->loc.macro || !c->name || strcmp(c->name, "kmap") ||
	    c->nkids != 2)
		return -1;
	ps = ps_of_call(pv, (struct ir_node *)c);
	if (ps < 0 || pv->ps[ps].fam != FAM_MAP_GLOBAL || strcmp(pv->ps[ps].api, "kmap"))
		return -1;
	return ps;
}

static void pa_walk(struct prover *pv, struct ir_func *fn, struct ir_node *n)
{
	int i, ps;

	if (!n)
		return;
	for (i = 0; i < n->nkids; i++) {
		/* a statement of a block, then the next statement of that block */
		if (n->kind == IR_COMPOUND && i + 1 < n->nkids && n->kids[i + 1]) {
			ps = bare_kmap(pv, n->kids[i]);
			if (ps >= 0)
				pa_shape(pv, fn, ps, n->kids[i], n, n->kids[i + 1]);
		}
		pa_walk(pv, fn, n->kids[i]);
	}
}

/**
 * thread_page_address_shapes - find the "kmap(page); var = page_address(page);"
 * statements of @fn (whose family calls already have pseudo-sites) and note them on
 * the kmap() sites: var becomes what the walk follows as the mapping's address.
 */
void thread_page_address_shapes(struct prover *pv, struct ir_func *fn)
{
	pa_walk(pv, fn, fn->body);
}

/* The text of a use through page_address() at @line that kmap_local_page() would break. */
static const char *pa_refusal(struct prover *pv, int line, const char *in, const char *why)
{
	return arena_printf(pv->arena,
		"the mapping is used through page_address() at line %d%s, which would not find a kmap_local_page() mapping%s",
		line, in, why);
}

/* The page_address() statement of site @ps cannot become kmap_local_page(): @why. */
static void pa_refuse(struct flow *fl, int ps, const char *why)
{
	struct psite *p = &fl->pv->ps[ps];

	if (p->f.via_page_address)
		return;
	p->f.via_page_address = pa_refusal(fl->pv, p->pa_call->loc.line, "", why);
	p->f.via_page_address_line = p->pa_call->loc.line;
}

/**
 * thread_page_address_var - local @var is written by @at (an assignment, an increment,
 * a declaration) at @line: when it holds the address of a live kmap() whose shape
 * wants var unchanged until kunmap(), that shape is off.
 */
void thread_page_address_var(struct flow *fl, const struct ir_var *var, const struct ir_node *at,
			     int line)
{
	struct prover *pv = fl->pv;
	int i;

	for (i = 0; i < fl->st->depth; i++) {
		int ps = fl->st->stk[i].ps;
		const struct psite *p = &pv->ps[ps];

		if (p->pa_var != var || p->pa_stmt == at)
			continue;
		pa_refuse(fl, ps, arena_printf(pv->arena,
			" (%s = page_address() could become kmap_local_page(), but %s changes at line %d while mapped)",
			var->name, var->name, line));
	}
}

/* @call lies inside the subtree of @scope (cached on the psite). */
static bool pa_in_scope(struct psite *p, struct ir_node *call)
{
	struct ir_node *path[128];
	int i;

	for (i = 0; i < (int)ARRAY_SIZE(p->pa_seen) && p->pa_seen[i]; i++)
		if (p->pa_seen[i] == call)
			return true;
	if (!path_to(p->pa_scope, call, path, 0, ARRAY_SIZE(path)))
		return false;
	for (i = 0; i < (int)ARRAY_SIZE(p->pa_seen); i++)
		if (!p->pa_seen[i]) {
			p->pa_seen[i] = call;
			break;
		}
	return true;
}

/**
 * thread_page_address_unmap - unmap @call (pseudo-site @ups, the released page's key
 * @key) releases the mapping of map site @mps. When that site has the page_address()
 * shape, the release must be a kunmap() of the same page expression, written in the
 * same function where var is visible: the one place kunmap_local(var) can go.
 */
void thread_page_address_unmap(struct flow *fl, int mps, int ups, struct ir_node *call, int key)
{
	struct prover *pv = fl->pv;
	struct psite *p = &pv->ps[mps];
	const struct psite *u = &pv->ps[ups];
	const char *why = NULL;

	if (!p->pa_stmt)
		return;
	if (u->call != call || u->fn != p->fn || call->loc.macro || strcmp(u->api, "kunmap"))
		why = arena_printf(pv->arena,
				   "it is released by %s() at line %d%s, where kunmap_local(%s) cannot go",
				   call->name ? call->name : "an indirect call", call->loc.line,
				   fl->fn == p->fn ? "" : arena_printf(pv->arena, " in %s()", fl->fn->name),
				   p->pa_var->name);
	else if (key != p->pa_pkey)
		why = arena_printf(pv->arena, "kunmap(%s) at line %d names the page another way",
				   expr_text(pv, call->nkids > 1 ? call->kids[1] : call), call->loc.line);
	else if (!pa_in_scope(p, call))
		why = arena_printf(pv->arena, "%s is out of scope at the kunmap() of line %d",
				   p->pa_var->name, call->loc.line);
	if (why)
		pa_refuse(fl, mps, arena_printf(pv->arena,
			" (%s = page_address() could become kmap_local_page(), but %s)",
			p->pa_var->name, why));
}

/*
 * Argument @arg (value @v) of a call to @name at @line goes to a parameter the callee
 * reads back with page_address() (@text says where): a kmap() of that page live here
 * is used through page_address() there; a parameter of ours passes the duty on.
 */
static void page_to_page_address(struct flow *fl, struct ir_node *arg, struct val v,
				 const char *name, const char *text, int line)
{
	struct prover *pv = fl->pv;
	struct state *st = fl->st;
	int k = key_of(pv, arg), i;

	for (i = 0; i < st->depth; i++) {
		struct psite *p = &pv->ps[st->stk[i].ps];

		if (!((k >= 0 && st->stk[i].pkey == k) || (v.kind == VK_PAGEOF && v.a == i)) ||
		    p->fam != FAM_MAP_GLOBAL || p->f.via_page_address)
			continue;
		p->f.via_page_address = arena_printf(pv->arena,
			"the mapping is used through %s, which would not find a kmap_local_page() mapping (the page goes to %s() at line %d)",
			text, name, line);
		p->f.via_page_address_line = line;
	}
	if (v.kind == VK_PARAM && v.a >= 0 && v.a < MAX_PARAMS && !fl->fi->pa_text[v.a]) {
		fl->fi->pa_params |= 1u << v.a;
		fl->fi->pa_text[v.a] = text;
	}
}

/* page_address(page) of a page mapped on this path: the mapping's address. */
static struct val page_address_of(struct flow *fl, struct ir_node *call, struct ir_node *arg,
				  struct val v, int line)
{
	struct prover *pv = fl->pv;
	struct state *st = fl->st;
	int k = key_of(pv, arg), i, j;
	struct psite *p;

	i = -1;
	if (v.kind == VK_PAGEOF && v.a >= 0 && v.a < st->depth)
		i = v.a;
	for (j = st->depth - 1; j >= 0 && i < 0 && k >= 0; j--)
		if (st->stk[j].pkey == k)
			i = j;
	/* the statement after a bare kmap(): the address of that kmap() or of nothing */
	for (j = 0; j < pv->nps; j++)
		if (pv->ps[j].pa_call == call && (i < 0 || st->stk[i].ps != j))
			pa_refuse(fl, j,
				  " (the page it reads is not the one kmap() mapped on the line before)");
	if (i < 0) {
		/* not mapped here: maybe by a caller, which must hear of it */
		if (v.kind == VK_PARAM && v.a >= 0 && v.a < MAX_PARAMS && !fl->fi->pa_text[v.a]) {
			fl->fi->pa_params |= 1u << v.a;
			fl->fi->pa_text[v.a] = arena_printf(pv->arena, "page_address() at line %d in %s()",
							    line, fl->fn->name);
		}
		return mkval(VK_NONE, 0);
	}
	p = &pv->ps[st->stk[i].ps];
	if (p->fam != FAM_MAP_GLOBAL)
		return mkval(VK_ADDR, i);
	if (p->pa_call == call) {
		p->f.pa_reached = true;
	} else if (!p->f.via_page_address) {
		/* page_address() finds a kmap() mapping, never a kmap_local_page() one */
		p->f.via_page_address = pa_refusal(pv, line, fl->fn == p->fn ? "" :
			arena_printf(pv->arena, " in %s()", fl->fn->name), !p->pa_call ? "" :
			arena_printf(pv->arena,
				     " (only line %d's, right after kmap(), can become kmap_local_page())",
				     p->pa_call->loc.line));
		p->f.via_page_address_line = line;
	}
	return mkval(VK_ADDR, i);
}

/*
 * A callee that releases a kmap() mapping on some paths only: when every parameter it
 * may release is of the global family, the kmap() mappings live here become unknown and
 * leave the path; local-stack mappings stay followed. False when a stack mapping is involved.
 */
static bool forget_global_only(struct flow *fl, const struct finfo *fi, const char *why, int line)
{
	struct prover *pv = fl->pv;
	struct state *st = fl->st;
	int i;

	for (i = 0; i < MAX_PARAMS; i++)
		if ((fi->unmaps_any & (1u << i)) && fi->unmap_ps[i] >= 0 &&
		    pv->ps[fi->unmap_ps[i]].fam != FAM_UNMAP_GLOBAL)
			return false;
	for (i = st->depth - 1; i >= 0; i--) {
		struct facts *f = &pv->ps[st->stk[i].ps].f;

		if (pv->ps[st->stk[i].ps].fam != FAM_MAP_GLOBAL)
			continue;
		if (!f->pair_unknown) {
			f->pair_unknown = why;
			f->pair_unknown_line = line;
		}
		order_forget(fl, i);
	}
	return true;
}

/* Argument @i of a call to a same-TU function @fi carries @v. */
static void arg_to_known(struct flow *fl, const struct finfo *fi, const char *name, int i,
			 struct val v, int line)
{
	struct prover *pv = fl->pv;
	unsigned int bit = i < MAX_PARAMS ? 1u << i : 0;
	bool container = v.kind == VK_LOCAL;
	unsigned int def = container ? (fi->esc_def | fi->reach_def) : fi->esc_def;
	unsigned int unk = container ? (fi->esc_unk | fi->reach_unk) : fi->esc_unk;
	const char *why;

	if (i >= fi->fn->nparams) {
		/* variadic: the proofs do not follow va_arg */
		thread_escape(fl, v, arena_printf(pv->arena, "passed to %s() as a variadic argument",
						  name), line, false, name, NULL);
		return;
	}
	if (def & bit) {
		why = fi->esc_text[i] ? fi->esc_text[i] : "kept";
		thread_escape(fl, v, arena_printf(pv->arena, "passed to %s(), where it is %s (line %d)",
						  name, why, fi->esc_line[i]), line, true, NULL, NULL);
	} else if (unk & bit) {
		if (fi->esc_callee[i])
			why = arena_printf(pv->arena, "passed to %s(), which hands it on to %s() (line %d)",
					   name, fi->esc_callee[i], fi->esc_line[i]);
		else
			why = arena_printf(pv->arena, "passed to %s(), where it is %s (line %d)", name,
					   fi->esc_text[i] ? fi->esc_text[i] : "not followed",
					   fi->esc_line[i]);
		thread_escape(fl, v, why, line, false, fi->esc_callee[i] ? fi->esc_callee[i] : name, NULL);
	}
	if (container)
		kill_inside(fl, v.a);
}

/* @n writes @var: an assignment to it, ++ or --. */
static bool writes_var(const struct ir_node *n, const struct ir_var *var)
{
	const struct ir_node *o = NULL;

	if ((n->kind == IR_BINARY && n->nkids == 2 && ir_op_is_assign(n->op)) ||
	    (n->kind == IR_UNARY && n->nkids == 1 && ir_op_is_incdec(n->op)))
		o = strip_casts(n->kids[0]);
	return o && o->kind == IR_DECLREF && o->var == var;
}

/*
 * Is @call written by the expansion of a mapping API macro (a runtime's kunmap_atomic()
 * that calls its own pagefault_enable())? Then it is the API's code, not the region's;
 * a call the user wrote among its arguments is not.
 */
static bool in_api_macro(struct prover *pv, const struct ir_node *call)
{
	return call->callee_macro && call->loc.macro &&
	       rules_family(pv->rules, call->loc.macro) != FAM_NONE;
}

/* A get-style wrapper that returns the mapping it makes, as its value. */
static bool is_getter_call(struct prover *pv, const struct ir_node *n)
{
	struct ir_func *fn;
	struct finfo *fi;

	n = strip_casts(n);
	if (!n || n->kind != IR_CALL || !n->name || !(fn = find_func(pv, n->name)) || !fn->body)
		return false;
	fi = finfo_of(pv, fn);
	return fi->status == 2 && fi->ret_map_ps >= 0 && fi->ret_map_returns;
}

/*
 * Every store to @var in @n is "var = getter(...)" or its declaration's
 * initializer of that form (no arithmetic, no ++, address never taken): the
 * variable holds the start of a mapping or what it held before.
 */
static bool only_getter_results(struct prover *pv, const struct ir_node *n, const struct ir_var *var)
{
	int i;

	if (!n)
		return true;
	if (n->kind == IR_DECL && n->var == var && n->nkids && !is_getter_call(pv, n->kids[0]))
		return false;
	if (writes_var(n, var) && !(n->op == IR_OP_ASSIGN && is_getter_call(pv, n->kids[1])))
		return false;
	for (i = 0; i < n->nkids; i++)
		if (!only_getter_results(pv, n->kids[i], var))
			return false;
	return true;
}

static bool never_written(const struct ir_node *n, const struct ir_var *var)
{
	int i;

	if (!n)
		return true;
	if (writes_var(n, var))
		return false;
	for (i = 0; i < n->nkids; i++)
		if (!never_written(n->kids[i], var))
			return false;
	return true;
}

/*
 * A call to put-style wrapper @fi released stack entry @idx (-1: none it could
 * name) through parameter @i. Record which other parameters carried that
 * mapping's start (@cand: the stack index each argument's value named before the
 * release), so that the wrapper's kunmap(page) can become kunmap_local(param):
 * the parameter is a pointer the wrapper never changes, and the argument a local
 * of the caller only ever assigned a get-style wrapper's result.
 */
/* Parameter @j of @fi: a data pointer the function never writes or takes the address of. */
static bool address_param(struct finfo *fi, int j)
{
	const struct ir_var *pj = fi->fn->params[j];
	unsigned int bit = 1u << j;

	if (!(fi->addr_param_known & bit)) {
		fi->addr_param_known |= bit;
		if (pj && (pj->type & IR_TY_POINTER) &&
		    !(pj->type & (IR_TY_PAGE_PTR | IR_TY_FOLIO_PTR | IR_TY_FUNC_PTR)) &&
		    never_written(fi->fn->body, pj) && !addr_taken(fi->fn->body, pj, false))
			fi->addr_param_ok |= bit;
	}
	return fi->addr_param_ok & bit;
}

static void putter_address(struct flow *fl, struct finfo *fi, int i, int idx, const int *cand,
			   struct ir_node **args, int nargs, int line)
{
	struct prover *pv = fl->pv;
	struct psite *up = &pv->ps[fi->unmap_ps[i]];
	struct facts *uf = &up->f;
	unsigned int mask = 0;
	bool params = false;
	int j;

	for (j = 0; idx >= 0 && up->fn == fi->fn && j < nargs && j < fi->fn->nparams && j < MAX_PARAMS; j++) {
		const struct ir_node *a = strip_casts(args[j]);

		if (j == i || !address_param(fi, j))
			continue;
		params = true;
		/* the cheap tests first: the walks over the caller run only for a real candidate */
		if (cand[j] != idx || !a || a->kind != IR_DECLREF || !a->var ||
		    a->var->storage != IR_STORE_LOCAL || addr_taken(fl->fn->body, a->var, false) ||
		    !only_getter_results(pv, fl->fn->body, a->var))
			continue;
		mask |= 1u << j;
	}
	uf->addr_params = uf->addr_seen ? uf->addr_params & mask : mask;
	uf->addr_seen = true;
	if (!mask && !uf->addr_refused)
		uf->addr_refused = arena_printf(pv->arena,
			up->fn != fi->fn ? "%s() at line %d releases it in a function it calls" :
			idx < 0 ? "%s() at line %d releases a mapping its caller did not make" :
			!params ? "%s() (called at line %d) takes no address for kunmap_local(): no other pointer parameter it leaves unchanged" :
			"the call of %s() at line %d does not pass back, in a local only ever assigned the getter's result, the address the getter returned",
			fi->fn->name, line);
}

/* True when local @var (itself or what is inside it) holds a followed address. */
static bool local_holds_tracked(struct flow *fl, int var)
{
	const struct state *st = fl->st;
	int i;

	for (i = 0; i < st->nb; i++) {
		const struct keyinfo *ki = key_info(fl->pv, st->b[i].key);

		if (ki->root == var && !ki->temp && !ki->indirect && st->b[i].v.kind == VK_ADDR)
			return true;
	}
	return false;
}

/* Argument @i of a call to @name (not in this translation unit) carries @v. */
static void arg_to_external(struct flow *fl, struct ir_node *call, const char *name, int i,
			    struct val v, struct val *vals, struct ir_node **args, int nargs)
{
	struct prover *pv = fl->pv;
	const struct rules *r = pv->rules;
	const struct func_summary *s;
	int line = call->loc.line, dst = -1;
	const char *where = NULL;
	enum handoff_kind hk;

	if (!name) {
		thread_escape(fl, v, "passed to an indirect call", line, false, NULL, NULL);
		return;
	}
	if (rules_nocapture(r, name, i, &where)) {
		if (v.kind == VK_LOCAL && local_holds_tracked(fl, v.a)) {
			/* memcpy(&dst, &p, ...) copies what p holds: the rule says nothing
			 * of where the bytes go */
			thread_escape(fl, v, arena_printf(pv->arena,
				"in a variable whose address is passed to %s()", name), line, false, name, NULL);
			return;
		}
		if (v.kind == VK_LOCAL)
			kill_inside(fl, v.a);
		return;
	}
	hk = rules_handoff(r, name, i, &dst, &where);
	switch (hk) {
	case HANDOFF_ASYNC:
		thread_escape(fl, v, arena_printf(pv->arena, "handed to %s(), which runs it in another context",
						  name), line, true, NULL, NULL);
		return;
	case HANDOFF_KEEP:
		thread_escape(fl, v, arena_printf(pv->arena, "kept by %s()", name), line,
			      true, NULL, NULL);
		return;
	case HANDOFF_STORE:
		if (dst >= 0 && dst < nargs) {
			struct val dv = vals[dst];

			if (dv.kind == VK_LOCAL) {
				int base = key_intern(pv, arena_printf(pv->arena, "v%d{%s}", dv.a, name), dv.a,
						      NULL, false, NULL, &dv.a, 1);
				/* what the callee stored lives inside the local now */
				st_set(fl->st, base, v);
				if (fl->exposed[dv.a])
					thread_escape(fl, v, arena_printf(pv->arena, "stored by %s() into %s, %s",
									  name, expr_text(pv, args[dst]),
									  fl->exposed[dv.a]),
						      line, fl->exposed_def[dv.a], NULL, NULL);
				return;
			}
			thread_escape(fl, v, arena_printf(pv->arena, "stored by %s() into %s", name,
							  expr_text(pv, args[dst])),
				      line, true, NULL, NULL);
		}
		return;
	case HANDOFF_NONE:
		break;
	}
	s = pv->ctx->lookup ? pv->ctx->lookup(name, pv->ctx->lookup_ctx) : NULL;
	if (s && i < 32) {
		if (s->escapes & (1u << i)) {
			thread_escape(fl, v, arena_printf(pv->arena, "kept by %s() (summary of %s)", name,
							  s->file ? s->file : "another file"),
				      line, true, NULL, NULL);
			return;
		}
		if (s->derefs_only & (1u << i) && v.kind != VK_LOCAL)
			return;
		thread_escape(fl, v, arena_printf(pv->arena, "passed to %s(), whose summary (%s) cannot "
						  "tell whether it keeps it", name,
						  s->file ? s->file : "another file"),
			      line, false, name, NULL);
		return;
	}
	thread_escape(fl, v, arena_printf(pv->arena, "passed to %s(), " REASON_NOT_ANALYSED, name),
		      line, false, name, NULL);
}

/* True when key @k (value @v) names a mapping live on this path. */
static bool names_live(struct flow *fl, enum family_kind unmap_fam, int k, struct val v)
{
	struct state *st = fl->st;
	int i;

	if (unmap_fam != FAM_UNMAP_GLOBAL)
		return v.kind == VK_ADDR || v.kind == VK_DEAD;
	for (i = 0; i < st->depth; i++)
		if ((k >= 0 && st->stk[i].pkey == k) ||
		    ((v.kind == VK_PAGEOF || v.kind == VK_OKRES) && v.a == i))
			return true;
	return false;
}

/*
 * A call that may write memory: calls of side-effect-free functions may answer
 * differently afterwards. A rules/nocapture function writes only through its
 * pointer arguments; the walk assumes such a write changes only what is reachable
 * from the argument's root variable (distinct variables do not alias), so only
 * results read through those variables are forgotten.
 */
static void forget_call_results(struct flow *fl, const char *name, struct ir_node **args,
				const struct val *vals, int nargs)
{
	int i, k;

	if (!name || !rules_nocapture(fl->pv->rules, name, 0, NULL)) {
		call_wrote(fl, -1, false);
		return;
	}
	for (i = 0; i < nargs; i++) {
		const struct keyinfo *ki;

		if (!(args[i]->type & (IR_TY_POINTER | IR_TY_ARRAY)))
			continue;
		if (vals[i].kind == VK_ADDR) {
			/* a write into the mapped page: what was read from it may change */
			call_wrote(fl, -1, true);
			continue;
		}
		if (vals[i].kind == VK_LOCAL) {
			/* memset(&len, ...) */
			call_wrote(fl, vals[i].a, false);
			continue;
		}
		k = key_of(fl->pv, args[i]);
		ki = k >= 0 ? key_info(fl->pv, k) : NULL;
		if (!ki || ki->root < 0) {
			call_wrote(fl, -1, false);
			return;
		}
		call_wrote(fl, ki->root, false);
	}
}

static bool is_page_address(const char *name)
{
	return name && (!strcmp(name, "page_address") || !strcmp(name, "lowmem_page_address"));
}

/* The family pseudo-site of @call, or -1. */
static int family_ps(struct flow *fl, struct ir_node *call)
{
	return ps_of_call(fl->pv, call);
}

/**
 * thread_call - evaluate call @call: its arguments, then what the callee does with
 * them (map, unmap, keep, hand off, nothing), and return its value.
 */
/*
 * An indirect call through a parameter that every caller fills with a function of this
 * file (a static walker and its callbacks): the call is each of those functions. True
 * when handled (*res set); false leaves it to the "indirect call" default.
 */
static bool indirect_known(struct flow *fl, struct ir_node *call, struct ir_node **args,
			   struct val *vals, int nargs, struct val *res)
{
	struct prover *pv = fl->pv;
	const struct ir_node *c = strip_casts(call->kids[0]);
	struct ir_func *targets[8];
	struct val pv_val;
	int n, t, i, p = -1;

	if (c && c->kind == IR_UNARY && c->op == IR_OP_DEREF && c->nkids == 1)
		c = strip_casts(c->kids[0]);
	if (!c || c->kind != IR_DECLREF || !c->var || c->var->storage != IR_STORE_PARAM)
		return false;
	for (i = 0; i < fl->fn->nparams; i++)
		if (fl->fn->params[i] == c->var)
			p = i;
	pv_val = st_get(fl->st, key_of(pv, c));
	if (p < 0 || pv_val.kind != VK_PARAM || pv_val.a != p)
		return false;	/* reassigned since entry */
	n = callback_targets(pv, fl->fn, p, targets, ARRAY_SIZE(targets));
	if (n < 0)
		return false;
	for (t = 0; t < n; t++) {
		struct finfo *fi = finfo_analysed(pv, targets[t]);

		if (fi->status != 2 || fi->opaque || func_touches(pv, targets[t]))
			return false;
	}
	*res = mkval(VK_NONE, 0);
	for (t = 0; t < n; t++) {
		struct finfo *fi = finfo_of(pv, targets[t]);

		atomic_callee(fl, fi, targets[t]->name, call->loc.line);
		for (i = 0; i < nargs; i++)
			if (val_tracked(vals[i]))
				arg_to_known(fl, fi, targets[t]->name, i, vals[i], call->loc.line);
		for (i = 0; i < nargs && i < MAX_PARAMS; i++)
			if ((fi->ret_param & (1u << i)) && val_tracked(vals[i]))
				*res = vals[i];
	}
	kill_calls(fl, -1, false);
	return true;
}

/*
 * The name rules/ knows a call by: its own, or when only the macro it came from is
 * listed (the runtime's __copy_from_user_inatomic() macro around kmaprt_copy_user()),
 * the macro's.
 */
static const char *rule_name(const struct rules *r, const struct ir_node *call)
{
	if (call->name && rules_has(r, call->name))
		return call->name;
	/* the macro that spelled the callee (memcpy() defined as __builtin_memcpy()) */
	if (call->callee_macro && rules_has(r, call->callee_macro))
		return call->callee_macro;
	/*
	 * the macro the call came out of, when a macro spelled the callee: not a call the
	 * user wrote among a macro's arguments (memcpy(dst, keep(p), n) is no memcpy())
	 */
	if (call->callee_macro && call->loc.macro && rules_has(r, call->loc.macro))
		return call->loc.macro;
	return call->name;
}

struct val thread_call(struct flow *fl, struct ir_node *call)
{
	struct prover *pv = fl->pv;
	const char *name = call->name;
	const char *rname = rule_name(pv->rules, call);
	int nargs = call->nkids > 0 ? call->nkids - 1 : 0, i, ps, line = call->loc.line;
	struct ir_node **args = call->nkids > 0 ? call->kids + 1 : NULL;
	struct val vals[64], res = mkval(VK_NONE, 0);
	struct ir_func *callee_fn = NULL;
	uint64_t guessed = 0;	/* arguments read through aliased_values() */

	if (nargs > (int)ARRAY_SIZE(vals))
		nargs = ARRAY_SIZE(vals);
	if (!name && call->nkids > 0)
		flow_eval(fl, call->kids[0]);
	for (i = 0; i < nargs && !fl->dead; i++) {
		int reads = fl->aliased_reads;

		vals[i] = flow_eval(fl, args[i]);
		if (fl->aliased_reads != reads)
			guessed |= 1ull << i;
	}
	if (fl->dead)
		return res;

	ps = family_ps(fl, call);
	/*
	 * An address whose mapping is released, handed to any call but the family's own
	 * (a second unmap is the balance proof's business): the callee may touch the page
	 * through it, as a cache flush after the unmap does. The mapping was in use
	 * after its unmap: kmap_local_page() would not make that right.
	 */
	if (ps < 0)
		for (i = 0; i < nargs; i++)
			if (vals[i].kind == VK_DEAD)
				thread_use_dead(fl, vals[i], line);
	if (rname)
		atomic_note_op(fl, rname, line, false);
	if (ps < 0 && !(name && func_pure(pv, name)))
		forget_call_results(fl, rname, args, vals, nargs);
	if (ps >= 0) {
		struct psite *p = &pv->ps[ps];
		int ai = rules_family_arg(pv->rules, p->api), impl_arg;

		/* a macro's implementation has its own argument order */
		if (call->name && strcmp(call->name, p->api) &&
		    rules_family_impl(pv->rules, call->name, &impl_arg))
			ai = impl_arg;

		if (ai >= nargs)
			ai = 0;
		if (fam_is_map(p->fam)) {
			order_push(fl, ps, ai < nargs ? args[ai] : NULL,
				   ai < nargs ? vals[ai] : mkval(VK_NONE, 0), 0, call, -1);
			if (fl->dead)
				return res;
			return mkval(VK_ADDR, fl->st->depth - 1);
		}
		if (fam_is_unmap(p->fam)) {
			if (ai < nargs && (guessed & (1ull << ai)))
				order_unmap_guess(fl, ps, args[ai], line);
			else if (ai < nargs)
				order_unmap(fl, ps, p->fam, args[ai], vals[ai], call, -1);
			else
				order_pair_unknown_all(fl, "an unmap without an argument", line);
			return res;
		}
		/* helpers map and unmap inside and keep nothing */
		p->f.reached = true;
		return res;
	}
	if ((is_page_address(name) || is_page_address(call->loc.macro)) && nargs >= 1)
		return page_address_of(fl, call, args[0], vals[0], line);
	if (name && (!strcmp(name, "ERR_PTR") || !strcmp(name, "ERR_CAST")))
		return mkval(VK_ERR, 0);
	if (cfg_call_noreturn(call, pv->rules)) {
		fl->dead = true;
		return res;
	}
	if (rname && atomic_toggle(fl, rname))
		return res;

	if (name)
		callee_fn = find_func(pv, name);
	if (callee_fn && callee_fn->body && !rules_has(pv->rules, rname)) {
		struct finfo *fi = finfo_analysed(pv, callee_fn);

		if (fi->status != 2 || fi->opaque) {
			const char *why = fi->status != 2
				? arena_printf(pv->arena, "passed to %s(), which is called recursively", name)
				: arena_printf(pv->arena, "passed to %s(), which cannot be followed: %s", name,
					       fi->opaque_why);

			for (i = 0; i < nargs; i++)
				if (val_tracked(vals[i]))
					thread_escape(fl, vals[i], why, line, false, name, NULL);
			if (func_touches(pv, callee_fn))
				order_pair_unknown_all(fl, arena_printf(pv->arena,
					"%s() maps or unmaps and cannot be followed (line %d)", name, line), line);
			return res;
		}
		if (!in_api_macro(pv, call))
			atomic_callee(fl, fi, name, line);
		/* a put-style wrapper: releases the mapping its argument names */
		for (i = 0; i < nargs && i < MAX_PARAMS && !fl->dead; i++) {
			unsigned int bit = 1u << i;
			const char *sfx = fi->unmap_suffix[i];
			struct val uv = vals[i];
			int uk, j, idx, cand[MAX_PARAMS];

			if (!((fi->unmaps_all | fi->unmaps_ifset) & bit) || fi->unmap_ps[i] < 0)
				continue;
			uk = key_rebase(fl, args[i], vals[i], sfx);
			if (sfx && *sfx) {
				uv = st_get(fl->st, uk);
				if (uv.kind == VK_NONE && (vals[i].kind == VK_PARAM || vals[i].kind == VK_PREACH))
					uv = mkval(VK_PREACH, vals[i].a);
			}
			/* released only when set: nothing to do when no live mapping is named */
			if (!(fi->unmaps_all & bit) && !names_live(fl, pv->ps[fi->unmap_ps[i]].fam, uk, uv))
				continue;
			facts_caller(pv, fi->unmap_ps[i], arena_printf(pv->arena, "%s() at line %d",
								      fl->fn->name, line));
			for (j = 0; j < nargs && j < MAX_PARAMS; j++)
				cand[j] = vals[j].kind == VK_ADDR ? vals[j].a : -1;
			if (guessed & (1ull << i)) {
				order_unmap_guess(fl, fi->unmap_ps[i], args[i], line);
				idx = -1;
			} else {
				idx = order_unmap(fl, fi->unmap_ps[i], pv->ps[fi->unmap_ps[i]].fam,
						  args[i], uv, call, uk);
			}
			putter_address(fl, fi, i, idx, cand, args, nargs, line);
		}
		if (fl->dead)
			return res;
		/* before anything below stops the path: the callee's own sites depend on it */
		for (i = 0; i < nargs && i < MAX_PARAMS; i++)
			if ((fi->transient_out & (1u << i)) && vals[i].kind != VK_LOCAL)
				thread_escape_ps(fl, fi->transient_ps[i], arena_printf(pv->arena,
					"stored by %s() to %s%s%s while mapped, memory %s() does not own",
					name, !strcmp(fi->transient_sfx[i], "*") ? "*" : "",
					expr_text(pv, args[i]),
					!strcmp(fi->transient_sfx[i], "*") ? "" : fi->transient_sfx[i],
					fl->fn->name), line, true);
		if (fi->unmaps_any & ~(fi->unmaps_all | fi->unmaps_ifset)) {
			const char *why = arena_printf(pv->arena,
				"%s() releases its argument's mapping on some paths only (line %d)", name, line);

			if (!forget_global_only(fl, fi, why, line)) {
				order_pair_unknown_all(fl, why, line);
				return res;
			}
		}
		for (i = 0; i < nargs; i++)
			if (val_tracked(vals[i]))
				arg_to_known(fl, fi, name, i, vals[i], line);
		for (i = 0; i < nargs && i < MAX_PARAMS; i++)
			if (fi->pa_params & (1u << i))
				page_to_page_address(fl, args[i], vals[i], name, fi->pa_text[i], line);
		/* a get-style wrapper: returns a mapping made inside */
		if (fi->ret_map_ps >= 0) {
			int pp = fi->ret_map_pparam;

			facts_caller(pv, fi->ret_map_ps, arena_printf(pv->arena, "%s() at line %d",
								      fl->fn->name, line));
			order_push(fl, fi->ret_map_ps, pp >= 0 && pp < nargs ? args[pp] : NULL,
				   pp >= 0 && pp < nargs ? vals[pp] : mkval(VK_NONE, 0), line, call,
				   pp >= 0 && pp < nargs ? key_rebase(fl, args[pp], vals[pp],
								      fi->ret_map_psuffix) : -1);
			if (fl->dead)
				return res;
			if (fi->ret_map_cond == 1)
				fl->st->stk[fl->st->depth - 1].flags |= EF_MAYFAIL;
			if (fi->ret_map_cond == 2) {
				const char *why = arena_printf(pv->arena,
					"%s() maps on some of its returns only, with nothing to tell which (line %d)",
					name, line);

				if (pv->ps[fi->ret_map_ps].fam == FAM_MAP_GLOBAL) {
					/* a kmap() is off the local stack: the rest of the path
					 * still holds for the other mappings */
					if (!pv->ps[fi->ret_map_ps].f.pair_unknown) {
						pv->ps[fi->ret_map_ps].f.pair_unknown = why;
						pv->ps[fi->ret_map_ps].f.pair_unknown_line = line;
					}
					order_forget(fl, fl->st->depth - 1);
					return res;
				}
				order_pair_unknown_all(fl, why, line);
				return res;
			}
			if (fi->ret_map_outp >= 0 && fi->ret_map_outp < nargs)
				flow_store_out(fl, args[fi->ret_map_outp], vals[fi->ret_map_outp],
					       fi->ret_map_outsfx, mkval(VK_ADDR, fl->st->depth - 1), line);
			if (fi->ret_map_pageoutp >= 0 && fi->ret_map_pageoutp < nargs &&
			    fl->st->stk[fl->st->depth - 1].pkey < 0)
				/* the page came back through an out parameter: kunmap() names it so */
				fl->st->stk[fl->st->depth - 1].pkey =
					key_rebase(fl, args[fi->ret_map_pageoutp], vals[fi->ret_map_pageoutp],
						   fi->ret_map_pageoutsfx);
			if (fi->ret_map_returns)
				return mkval(VK_ADDR, fl->st->depth - 1);
			if (fi->ret_map_retpage)
				return mkval(VK_PAGEOF, fl->st->depth - 1);
			for (i = 0; i < nargs && i < MAX_PARAMS; i++)
				if ((fi->ret_param & (1u << i)) && val_tracked(vals[i]))
					return vals[i];
			return mkval(VK_OKRES, fl->st->depth - 1);
		}
		if (fi->ret_map_ps == -2)
			order_pair_unknown_all(fl, arena_printf(pv->arena,
				"%s() returns one of several mappings (line %d)", name, line), line);
		for (i = 0; i < nargs && i < MAX_PARAMS; i++)
			if ((fi->ret_param & (1u << i)) && val_tracked(vals[i]))
				res = vals[i];
		return res;
	}

	if (!name && call->nkids > 0 && indirect_known(fl, call, args, vals, nargs, &res))
		return res;

	/* not defined here: rules, then the cross-file summaries */
	for (i = 0; i < nargs; i++) {
		if (vals[i].kind == VK_DEAD && rname && rules_nocapture(pv->rules, rname, i, NULL))
			thread_use_dead(fl, vals[i], line);	/* memcpy() from an unmapped page */
		if (val_tracked(vals[i]))
			arg_to_external(fl, call, rname, i, vals[i], vals, args, nargs);
		if (fl->dead)
			return res;
		if (!rules_nocapture(pv->rules, rname ? rname : "", i, NULL))
			mark_page_passed(fl, args[i]);
	}
	if (name) {
		const struct func_summary *s = pv->ctx->lookup ? pv->ctx->lookup(name, pv->ctx->lookup_ctx)
							       : NULL;

		/* rules/ may know the callee by its macro's name (mutex_unlock() of a runtime) */
		if (!s && !rules_atomic_listed(pv->rules, rname) &&
		    !rules_atomic_listed(pv->rules, call->callee_macro) &&
		    !in_api_macro(pv, call))
			atomic_unknown_call(fl, name, line);
		if (s) {
			atomic_external(fl, s, name, line);
			for (i = 0; i < nargs && i < 32; i++) {
				if ((s->unmaps_param & (1u << i)) &&
				    (vals[i].kind == VK_ADDR ||
				     names_live(fl, FAM_UNMAP_GLOBAL, key_of(pv, args[i]), vals[i]))) {
					/* released in another file: no site here to pair with */
					order_pair_unknown_all(fl, arena_printf(pv->arena,
						"%s() (in %s) releases a mapping passed to it at line %d",
						name, s->file ? s->file : "another file", line), line);
					return res;
				}
				if ((s->returns_param & (1u << i)) && val_tracked(vals[i]))
					res = vals[i];
			}
			if (res.kind != VK_NONE)
				return res;
		}
		res = lowmem_call_result(fl, call);
		i = rules_nocapture_returns(pv->rules, rname);
		if (res.kind == VK_NONE && i >= 0 && i < nargs && val_tracked(vals[i]))
			res = vals[i];	/* memcpy() returns its destination */
	} else if (!in_api_macro(pv, call)) {
		atomic_unknown_call(fl, NULL, line);
	}
	return res;
}
