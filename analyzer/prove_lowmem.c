// SPDX-License-Identifier: GPL-2.0
/*
 * prove_lowmem.c - where a mapped page comes from: an allocation whose GFP flags
 * exclude __GFP_HIGHMEM, a direct-mapped address, a static variable only ever
 * assigned such pages in this file,
 * or a field of a struct that this file defines and only ever assigns such pages.
 *
 * It is conservative: a GFP argument it cannot read name by name (a variable, an
 * arithmetic expression, an unknown macro) is not lowmem. A field counts only when
 * its struct is defined in the .c file itself, not in a header (other files, which
 * cannot see the layout, cannot name the field) and not inside a union; every
 * store to it here must be such an allocation or NULL, its address never taken, and
 * no initializer list may store a page pointer that is not (designators are not in
 * the IR, so one such initializer anywhere spoils every field). For static variables
 * and fields alike, a function of the file with a parse error (a store may be lost)
 * or a skipped #if branch that names the variable (another configuration may store
 * something else) defeats the proof. Bytes copied into such a struct wholesale
 * (memcpy() from a buffer of unknown origin) are assumed not to carry a page pointer.
 */
#include <string.h>

#include "prove_int.h"

/* True when @text is an OR of GFP flag names that rules/lowmem.rules lists. */
static bool gfp_text_low(const struct rules *r, const char *text)
{
	const char *p = text;
	int ntok = 0;

	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '|' || *p == '(' || *p == ')') {
			p++;
			continue;
		}
		if (c_ident_char(*p) && !(*p >= '0' && *p <= '9')) {
			char tok[96];
			size_t n = 0;

			while (c_ident_char(p[n]) && n < sizeof(tok) - 1) {
				tok[n] = p[n];
				n++;
			}
			tok[n] = '\0';
			if (c_ident_char(p[n]))
				return false;
			if (rules_lowmem(r, tok, NULL, NULL) != LOWMEM_FLAG)
				return false;
			ntok++;
			p += n;
			continue;
		}
		return false;
	}
	return ntok > 0;
}

/* True when GFP argument @arg of @call provably excludes __GFP_HIGHMEM. */
static bool gfp_low(const struct rules *r, const struct ir_node *arg, const struct ir_node *call)
{
	const struct ir_node *s;

	if (!arg)
		return false;
	if (arg->text)
		return gfp_text_low(r, arg->text);
	s = strip_casts(arg);
	if (!s)
		return false;
	if (s->loc.macro && !(call->loc.macro && !strcmp(call->loc.macro, s->loc.macro)))
		return rules_lowmem(r, s->loc.macro, NULL, NULL) == LOWMEM_FLAG;
	if (s->kind == IR_BINARY && s->op == IR_OP_OR && s->nkids == 2)
		return gfp_low(r, s->kids[0], call) && gfp_low(r, s->kids[1], call);
	return false;
}

/* The index of reason @why in pv->lowwhy (reused, so that states stay equal). */
static int why_index(struct prover *pv, const char *why)
{
	int i;

	for (i = 0; i < pv->lowwhy.n; i++)
		if (!strcmp(pv->lowwhy.v[i], why))
			return i;
	pv_push(&pv->lowwhy, (void *)why);
	return pv->lowwhy.n - 1;
}

/*
 * Argument @n of the macro invocation "NAME(a, b, ...)" spelled in @text, copied out;
 * NULL when @text is not such an invocation.
 */
static char *macro_arg(const char *text, const char *name, int n)
{
	size_t len = strlen(name);
	const char *p, *start;
	int depth = 0, i = 0;

	if (strncmp(text, name, len))
		return NULL;
	p = text + len;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '(')
		return NULL;
	start = ++p;
	for (; *p; p++) {
		if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if ((*p == ')' || *p == ']' || *p == '}') && depth)
			depth--;
		else if ((*p == ',' && !depth) || (*p == ')' && !depth)) {
			if (i == n)
				return xstrndup(start, p - start);
			if (*p == ')')
				return NULL;
			i++;
			start = p + 1;
		}
	}
	return NULL;
}

/* The text of the macro invocation @c came from, when an argument spells it. */
static const char *invocation_text(const struct ir_node *c)
{
	size_t len = strlen(c->loc.macro);
	int i;

	for (i = 1; i < c->nkids; i++) {
		const char *t = c->kids[i]->text;

		if (t && !strncmp(t, c->loc.macro, len) && t[len] == '(')
			return t;
	}
	return NULL;
}

/* Why @call returns a lowmem page, or NULL. */
static const char *call_low_why(struct prover *pv, const struct ir_node *call)
{
	const struct ir_node *c = strip_casts(call);
	const char *where = NULL;
	enum lowmem_kind k;
	int arg = 0;

	if (!c || c->kind != IR_CALL || !c->name)
		return NULL;
	k = rules_lowmem(pv->rules, c->name, &arg, &where);
	if (k == LOWMEM_NONE && c->loc.macro &&
	    (k = rules_lowmem(pv->rules, c->loc.macro, &arg, &where)) != LOWMEM_NONE) {
		/* alloc_page(GFP_KERNEL) as a macro: the flags are in the invocation's text */
		const char *text = invocation_text(c);
		char *g = text ? macro_arg(text, c->loc.macro, arg) : NULL;
		const char *why = NULL;

		if (k == LOWMEM_DIRECT)
			why = arena_printf(pv->arena, "the page comes from %s() at line %d, which never returns a highmem page",
					   c->loc.macro, c->loc.line);
		else if (g && gfp_text_low(pv->rules, g))
			why = arena_printf(pv->arena, "the page comes from %s(%s) at line %d, without __GFP_HIGHMEM",
					   c->loc.macro, g, c->loc.line);
		free(g);
		return why;
	}
	if (k == LOWMEM_DIRECT)
		return arena_printf(pv->arena, "the page comes from %s() at line %d, which never returns a highmem page",
				    c->name, c->loc.line);
	if (k == LOWMEM_ALLOC && arg + 1 < c->nkids && gfp_low(pv->rules, c->kids[arg + 1], c)) {
		const struct ir_node *g = c->kids[arg + 1];

		return arena_printf(pv->arena, "the page comes from %s(%s) at line %d, without __GFP_HIGHMEM",
				    c->name, g->text ? g->text : g->loc.macro ? g->loc.macro : "...",
				    c->loc.line);
	}
	return NULL;
}

/** lowmem_call_result - VK_LOWPAGE when @call returns a page that is never highmem. */
struct val lowmem_call_result(struct flow *fl, struct ir_node *call)
{
	const char *why = call_low_why(fl->pv, call);
	struct val v = { VK_NONE, 0 };

	if (why) {
		v.kind = VK_LOWPAGE;
		v.a = why_index(fl->pv, why);
	}
	return v;
}

static int *lv_slot(struct prover *pv, int var, const char ***why)
{
	int i;

	for (i = 0; i < pv->nlowvars; i++)
		if (pv->lowvars[i].var == var) {
			*why = &pv->lowvars[i].why;
			return &pv->lowvars[i].line;
		}
	pv->lowvars = xrealloc(pv->lowvars, (pv->nlowvars + 1) * sizeof(*pv->lowvars));
	pv->lowvars[pv->nlowvars].var = var;
	pv->lowvars[pv->nlowvars].line = 0;
	pv->lowvars[pv->nlowvars].why = NULL;
	*why = &pv->lowvars[pv->nlowvars].why;
	return &pv->lowvars[pv->nlowvars++].line;
}

static bool global_var(const struct ir_var *v)
{
	return v && (v->storage == IR_STORE_GLOBAL || v->storage == IR_STORE_STATIC_LOCAL);
}

/* The static variable or the file's own field that lvalue @l stores to, or NULL. */
static const struct ir_var *tracked_lvalue(const struct ir_node *l)
{
	if (!l)
		return NULL;
	if (l->kind == IR_DECLREF && global_var(l->var))
		return l->var;
	if (l->kind == IR_MEMBER && l->field)
		return l->field;
	return NULL;
}

/* Is @n a null pointer constant (0, NULL, through casts)? */
static bool null_constant(const struct ir_node *n)
{
	long long v;

	n = strip_casts(n);
	return n && n->kind == IR_LITERAL && lit_value(n, &v) && v == 0;
}

/* Record what @n does to static variables and fields: lowmem stores or anything else. */
static void scan_assignments(struct prover *pv, const struct ir_node *n)
{
	const struct ir_var *t;
	const char **why;
	int *st, i;

	if (!n)
		return;
	if (n->kind == IR_BINARY && ir_op_is_assign(n->op) && n->nkids == 2) {
		t = tracked_lvalue(strip_casts(n->kids[0]));
		if (t) {
			const char *w = n->op == IR_OP_ASSIGN ? call_low_why(pv, n->kids[1]) : NULL;
			bool null = n->op == IR_OP_ASSIGN && null_constant(n->kids[1]);

			/* the slot holds the line of a lowmem assignment; -1 poisons */
			st = lv_slot(pv, t->id, &why);
			if (!w && !null) {
				*st = -1;
			} else if (w && *st >= 0) {
				if (!*why)
					*why = arena_printf(pv->arena, "%s%s is only assigned pages that are never highmem (%s)",
							    t->storage == IR_STORE_FIELD ? "field " : "",
							    t->name, w);
				*st = n->loc.line;
			}
		}
	} else if (n->kind == IR_UNARY && n->nkids == 1 &&
		   (n->op == IR_OP_ADDROF || ir_op_is_incdec(n->op))) {
		t = tracked_lvalue(strip_casts(n->kids[0]));
		if (t)
			*lv_slot(pv, t->id, &why) = -1;
	} else if (n->kind == IR_INIT_LIST) {
		for (i = 0; i < n->nkids; i++) {
			const struct ir_node *e = n->kids[i];

			if ((e->type & IR_TY_PAGE_PTR) && !null_constant(e) && !call_low_why(pv, e))
				pv->low_fields_spoiled = true;
		}
	}
	for (i = 0; i < n->nkids; i++)
		scan_assignments(pv, n->kids[i]);
}

/*
 * Find every store of the file to its static variables and fields. A function with
 * a parse error may have lost one, so then no store-based proof holds.
 */
static void scan_all_assignments(struct prover *pv)
{
	int i;

	if (pv->lowvars_done)
		return;
	pv->lowvars_done = true;
	for (i = 0; i < pv->tu->nfuncs; i++) {
		if (!pv->tu->funcs[i]->in_main_file)
			continue;
		if (pv->tu->funcs[i]->has_errors)
			pv->low_stores_lost = true;
		scan_assignments(pv, pv->tu->funcs[i]->body);
	}
}

/*
 * VK_LOWPAGE when the scan found only lowmem stores to @var, at least one, and no
 * branch this configuration skips names it (another configuration may store there).
 */
static struct val low_slot_value(struct prover *pv, const struct ir_var *var)
{
	const char *sk = pv->tu->skipped_text;
	struct val v = { VK_NONE, 0 };
	int i;

	if (pv->low_stores_lost ||
	    (sk && find_word(sk, sk, sk + strlen(sk), var->name, strlen(var->name))))
		return v;
	for (i = 0; i < pv->nlowvars; i++) {
		if (pv->lowvars[i].var != var->id)
			continue;
		if (pv->lowvars[i].line > 0 && pv->lowvars[i].why) {
			v.kind = VK_LOWPAGE;
			v.a = why_index(pv, pv->lowvars[i].why);
		}
		break;
	}
	return v;
}

/**
 * lowmem_var_value - VK_LOWPAGE when global @var is a static variable (file scope or
 * function scope) that this file only ever assigns pages that are never highmem.
 */
struct val lowmem_var_value(struct flow *fl, const struct ir_var *var)
{
	struct val v = { VK_NONE, 0 };

	if (!(var->type & IR_TY_PAGE_PTR))
		return v;
	if (!(var->storage == IR_STORE_STATIC_LOCAL ||
	      (var->storage == IR_STORE_GLOBAL && var->file_static)))
		return v;
	scan_all_assignments(fl->pv);
	return low_slot_value(fl->pv, var);
}

/**
 * lowmem_field_value - VK_LOWPAGE when member access @n reads a field of a struct
 * this file defines, which it only ever assigns pages that are never highmem.
 */
struct val lowmem_field_value(struct flow *fl, const struct ir_node *n)
{
	const struct ir_var *f = n->field;
	struct val v = { VK_NONE, 0 };

	if (!f || !f->file_static || !(f->type & IR_TY_PAGE_PTR) || fl->pv->tu->page_init_at_file_scope)
		return v;
	scan_all_assignments(fl->pv);
	if (fl->pv->low_fields_spoiled)
		return v;
	return low_slot_value(fl->pv, f);
}
