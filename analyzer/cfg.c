// SPDX-License-Identifier: GPL-2.0
/*
 * cfg.c - build the control-flow graph of a function from its IR tree.
 *
 * It lowers statements, short-circuit operators, ?:, statement expressions and
 * calls that do not return into blocks and edges; it does not evaluate anything
 * (the proofs walk the graph) and it does not try to decide conditions beyond
 * integer literals.
 */
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "util.h"

struct label {
	const char *name;
	int block;
};

struct sw_ctx {
	int *cases;		/* blocks that start a case, in order */
	int ncases, cap;
	int deflt;		/* block of default:, or -1 */
};

struct builder {
	struct cfg *g;
	const struct rules *rules;
	int brk, cont;		/* targets of break and continue, -1 outside loops */
	struct sw_ctx *sw;
	struct label *labels;
	int nlabels, caplabels;
};

static int new_block(struct builder *b)
{
	struct cfg *g = b->g;
	struct cfg_block *blk = arena_alloc(g->arena, sizeof(*blk));

	if (g->nblocks == g->cap) {
		int cap = g->cap ? 2 * g->cap : 32;
		struct cfg_block **v = arena_alloc(g->arena, cap * sizeof(*v));

		if (g->nblocks)
			memcpy(v, g->blocks, g->nblocks * sizeof(*v));
		g->blocks = v;
		g->cap = cap;
	}
	blk->id = g->nblocks;
	blk->term = CT_JUMP;
	blk->succ[0] = blk->succ[1] = -1;
	g->blocks[g->nblocks++] = blk;
	return blk->id;
}

static void add_elem(struct builder *b, int bid, enum cfg_elem_kind kind, struct ir_node *node,
		     int temp)
{
	struct cfg_block *blk = b->g->blocks[bid];

	if (blk->nelems == blk->cap) {
		int cap = blk->cap ? 2 * blk->cap : 8;
		struct cfg_elem *v = arena_alloc(b->g->arena, cap * sizeof(*v));

		if (blk->nelems)
			memcpy(v, blk->elems, blk->nelems * sizeof(*v));
		blk->elems = v;
		blk->cap = cap;
	}
	blk->elems[blk->nelems].kind = kind;
	blk->elems[blk->nelems].node = node;
	blk->elems[blk->nelems].temp = temp;
	blk->nelems++;
	if (!blk->line && node)
		blk->line = node->loc.line;
}

/* End block @from with a jump to @to (a block already ended keeps its end). */
static void jump(struct builder *b, int from, int to)
{
	struct cfg_block *blk = b->g->blocks[from];

	if (blk->term == CT_JUMP && blk->succ[0] < 0)
		blk->succ[0] = to;
}

static void branch(struct builder *b, int from, struct ir_node *cond, int t, int f)
{
	struct cfg_block *blk = b->g->blocks[from];

	blk->term = CT_BRANCH;
	blk->cond = cond;
	blk->succ[0] = t;
	blk->succ[1] = f;
}

/* End @from in a way that leaves no successor; the next statements start an orphan block. */
static int stop(struct builder *b, int from, enum cfg_term term, struct ir_node *ret)
{
	struct cfg_block *blk = b->g->blocks[from];

	blk->term = term;
	blk->ret = ret;
	return new_block(b);
}

static void mark_lowered(struct builder *b, struct ir_node *n)
{
	if (n->id >= 0 && n->id < b->g->fn->nnodes)
		b->g->lowered[n->id] = true;
}

static int label_block(struct builder *b, const char *name)
{
	int i;

	for (i = 0; i < b->nlabels; i++)
		if (!strcmp(b->labels[i].name, name))
			return b->labels[i].block;
	if (b->nlabels == b->caplabels) {
		b->caplabels = b->caplabels ? 2 * b->caplabels : 8;
		b->labels = xrealloc(b->labels, b->caplabels * sizeof(*b->labels));
	}
	b->labels[b->nlabels].name = name;
	b->labels[b->nlabels].block = new_block(b);
	return b->labels[b->nlabels++].block;
}

/* The integer value of a literal condition: 1 true, 0 false, -1 not a known constant. */
static int literal_truth(const struct ir_node *n)
{
	const char *sp;
	char *end;
	long long v;

	while (n && n->kind == IR_CAST && n->nkids == 1)
		n = n->kids[0];
	if (!n)
		return -1;
	if (n->kind == IR_NULL)
		return 1;	/* for (;;) */
	if (n->kind != IR_LITERAL)
		return -1;
	sp = n->name ? n->name : n->text;
	if (!sp)
		return -1;
	if (sp[0] == '\'')
		return sp[1] != '\0' && !(sp[1] == '\\' && sp[2] == '0');
	v = strtoll(sp, &end, 0);
	if (end == sp)
		return -1;
	while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
		end++;
	if (*end)
		return -1;
	return v != 0;
}

static bool is_literal(const struct ir_node *n)
{
	while (n && n->kind == IR_CAST && n->nkids == 1)
		n = n->kids[0];
	return n && n->kind == IR_LITERAL;
}

/*
 * The "do { ... } while (0)" of a macro: the front end spells literals from a macro
 * expansion as the macro call, so their value is lost; a literal that ends a macro's
 * do-while is taken as 0 (the universal idiom) instead of making the body a loop.
 */
static struct ir_node *make_false(struct builder *b, struct ir_node *lit)
{
	struct ir_node *n = arena_alloc(b->g->arena, sizeof(*n));

	*n = *lit;
	n->kind = IR_LITERAL;
	n->name = "0";
	n->nkids = 0;
	n->kids = NULL;
	return n;
}

/**
 * cfg_call_noreturn - true when @call (or its macro) is listed in rules/noreturn.rules.
 */
bool cfg_call_noreturn(const struct ir_node *call, const struct rules *rules)
{
	if (!rules || !call)
		return false;
	if (call->kind == IR_CALL && call->name && rules_noreturn(rules, call->name))
		return true;
	if (call->kind == IR_CALL && call->callee_macro && rules_noreturn(rules, call->callee_macro))
		return true;
	return call->loc.macro && rules_noreturn(rules, call->loc.macro);
}

static int lower_stmt(struct builder *b, struct ir_node *n, int cur);
static int prep(struct builder *b, struct ir_node *n, int cur);
static void prep_cond(struct builder *b, struct ir_node *n, int cur, int t, int f);

/* Evaluate expression @n as a statement: lowered parts first, then one element. */
static int eval_stmt(struct builder *b, struct ir_node *n, int cur)
{
	if (!n || n->kind == IR_NULL)
		return cur;
	cur = prep(b, n, cur);
	if (n->id < 0 || n->id >= b->g->fn->nnodes || !b->g->lowered[n->id])
		add_elem(b, cur, CE_EVAL, n, -1);
	return cur;
}

/* Evaluate @n so that its value lands in the temporary of node @into. */
static int eval_into(struct builder *b, struct ir_node *n, int cur, struct ir_node *into)
{
	cur = prep(b, n, cur);
	add_elem(b, cur, CE_EVAL, n, into->id);
	return cur;
}

/* clang's BinaryConditionalOperator as the front end passes it on. */
static bool is_gnu_cond(const struct ir_node *n)
{
	int i;

	if (n->kind != IR_OTHER || n->nkids != 4)
		return false;
	for (i = 1; i < 3; i++)
		if (n->kids[i]->loc.line != n->kids[0]->loc.line ||
		    n->kids[i]->loc.col != n->kids[0]->loc.col)
			return false;
	return true;
}

/*
 * Lower the control flow inside expression @n (evaluation order, left to right),
 * leaving @n itself to an element added by the caller unless @n is lowered here.
 */
static int prep(struct builder *b, struct ir_node *n, int cur)
{
	int i;

	if (!n)
		return cur;
	switch (n->kind) {
	case IR_UNEVALUATED:
		return cur;
	case IR_COND: {
		int t = new_block(b), f = new_block(b), join = new_block(b);
		struct ir_node *c = n->kids[0];

		if (n->nkids < 3)
			break;
		if (n->kids[1]->kind == IR_NULL) {
			/* a ?: b: the condition's value is the result */
			cur = eval_into(b, c, cur, n);
			branch(b, cur, c, join, f);
			t = join;
		} else {
			prep_cond(b, c, cur, t, f);
			t = eval_into(b, n->kids[1], t, n);
			jump(b, t, join);
		}
		f = eval_into(b, n->kids[2], f, n);
		jump(b, f, join);
		mark_lowered(b, n);
		return join;
	}
	case IR_BINARY:
		if (n->nkids == 2 && (n->op == IR_OP_LAND || n->op == IR_OP_LOR)) {
			int rhs = new_block(b), join = new_block(b);

			if (n->op == IR_OP_LAND)
				prep_cond(b, n->kids[0], cur, rhs, join);
			else
				prep_cond(b, n->kids[0], cur, join, rhs);
			rhs = eval_stmt(b, n->kids[1], rhs);
			jump(b, rhs, join);
			mark_lowered(b, n);
			return join;
		}
		break;
	case IR_OTHER:
		if (is_gnu_cond(n)) {
			/* GNU a ?: b arrives as (common, cond, true, false) with the first
			 * three the same expression: evaluate it once, branch on it */
			int f = new_block(b), join = new_block(b);

			cur = eval_into(b, n->kids[0], cur, n);
			branch(b, cur, n->kids[0], join, f);
			f = eval_into(b, n->kids[3], f, n);
			jump(b, f, join);
			mark_lowered(b, n);
			return join;
		}
		break;
	case IR_STMT_EXPR: {
		struct ir_node *body = n->nkids ? n->kids[0] : NULL;

		mark_lowered(b, n);
		if (!body)
			return cur;
		if (body->kind != IR_COMPOUND)
			return eval_into(b, body, cur, n);
		for (i = 0; i < body->nkids; i++) {
			struct ir_node *s = body->kids[i];
			bool last = i == body->nkids - 1;

			if (last && s->kind >= IR_CALL)
				cur = eval_into(b, s, cur, n);
			else
				cur = lower_stmt(b, s, cur);
		}
		return cur;
	}
	default:
		break;
	}
	for (i = 0; i < n->nkids; i++)
		cur = prep(b, n->kids[i], cur);
	return cur;
}

/* Lower condition @n evaluated in @cur: true goes to @t, false to @f. */
static void prep_cond(struct builder *b, struct ir_node *n, int cur, int t, int f)
{
	int truth, mid;

	if (n && n->kind == IR_UNARY && n->op == IR_OP_LNOT && n->nkids == 1) {
		prep_cond(b, n->kids[0], cur, f, t);
		return;
	}
	if (n && n->kind == IR_BINARY && n->nkids == 2) {
		switch (n->op) {
		case IR_OP_LAND:
			mid = new_block(b);
			prep_cond(b, n->kids[0], cur, mid, f);
			prep_cond(b, n->kids[1], mid, t, f);
			return;
		case IR_OP_LOR:
			mid = new_block(b);
			prep_cond(b, n->kids[0], cur, t, mid);
			prep_cond(b, n->kids[1], mid, t, f);
			return;
		case IR_OP_COMMA:
			cur = eval_stmt(b, n->kids[0], cur);
			prep_cond(b, n->kids[1], cur, t, f);
			return;
		default:
			break;
		}
	}
	truth = literal_truth(n);
	if (truth >= 0) {
		jump(b, cur, truth ? t : f);
		return;
	}
	cur = eval_stmt(b, n, cur);
	branch(b, cur, n, t, f);
}

static int lower_switch(struct builder *b, struct ir_node *n, int cur)
{
	struct sw_ctx ctx = { .deflt = -1 }, *saved_sw = b->sw;
	int saved_brk = b->brk, exit, end, i;
	struct cfg_block *disp;

	if (n->nkids < 2)
		return eval_stmt(b, n->nkids ? n->kids[0] : NULL, cur);
	cur = eval_stmt(b, n->kids[0], cur);
	exit = new_block(b);
	b->sw = &ctx;
	b->brk = exit;
	/* Statements before the first case are unreachable. */
	end = lower_stmt(b, n->kids[1], new_block(b));
	jump(b, end, exit);
	b->sw = saved_sw;
	b->brk = saved_brk;

	disp = b->g->blocks[cur];
	disp->term = CT_MULTI;
	disp->nsuccs = ctx.ncases + 1;
	disp->succs = arena_alloc(b->g->arena, disp->nsuccs * sizeof(int));
	for (i = 0; i < ctx.ncases; i++)
		disp->succs[i] = ctx.cases[i];
	disp->succs[ctx.ncases] = ctx.deflt >= 0 ? ctx.deflt : exit;
	free(ctx.cases);
	return exit;
}

/* A case or default label: a block reached by fall-through and from the switch. */
static int lower_case(struct builder *b, struct ir_node *n, int cur)
{
	int blk = new_block(b);
	struct sw_ctx *sw = b->sw;

	jump(b, cur, blk);
	if (sw) {
		if (n->kind == IR_DEFAULT) {
			sw->deflt = blk;
		} else {
			if (sw->ncases == sw->cap) {
				sw->cap = sw->cap ? 2 * sw->cap : 8;
				sw->cases = xrealloc(sw->cases, sw->cap * sizeof(int));
			}
			sw->cases[sw->ncases++] = blk;
		}
	}
	return n->nkids ? lower_stmt(b, n->kids[n->nkids - 1], blk) : blk;
}

/* True when statement @n never completes: a noreturn call or macro (BUG()). */
static bool stmt_noreturn(struct builder *b, const struct ir_node *n)
{
	while (n && n->kind == IR_CAST && n->nkids == 1)
		n = n->kids[0];
	if (!n)
		return false;
	if (n->loc.macro && b->rules && rules_noreturn(b->rules, n->loc.macro))
		return true;
	return n->kind == IR_CALL && cfg_call_noreturn(n, b->rules);
}

static int lower_stmt(struct builder *b, struct ir_node *n, int cur)
{
	int saved_brk = b->brk, saved_cont = b->cont;
	int t, f, join, head, body, exit, inc, i;
	struct ir_node *cond;

	if (!n)
		return cur;
	switch (n->kind) {
	case IR_COMPOUND:
		for (i = 0; i < n->nkids; i++)
			cur = lower_stmt(b, n->kids[i], cur);
		break;
	case IR_IF:
		if (n->nkids < 2)
			return eval_stmt(b, n->nkids ? n->kids[0] : NULL, cur);
		t = new_block(b);
		f = new_block(b);
		prep_cond(b, n->kids[0], cur, t, f);
		t = lower_stmt(b, n->kids[1], t);
		if (n->nkids > 2) {
			join = new_block(b);
			f = lower_stmt(b, n->kids[2], f);
			jump(b, f, join);
		} else {
			join = f;
		}
		jump(b, t, join);
		cur = join;
		break;
	case IR_WHILE:
		if (n->nkids < 2)
			break;
		head = new_block(b);
		body = new_block(b);
		exit = new_block(b);
		jump(b, cur, head);
		prep_cond(b, n->kids[0], head, body, exit);
		b->brk = exit;
		b->cont = head;
		body = lower_stmt(b, n->kids[1], body);
		jump(b, body, head);
		cur = exit;
		break;
	case IR_DO:
		if (n->nkids < 2)
			break;
		cond = n->kids[1];
		if (n->loc.macro && literal_truth(cond) < 0 && is_literal(cond))
			cond = make_false(b, cond);
		body = new_block(b);
		head = new_block(b);	/* the condition */
		exit = new_block(b);
		jump(b, cur, body);
		b->brk = exit;
		b->cont = head;
		t = lower_stmt(b, n->kids[0], body);
		jump(b, t, head);
		b->brk = saved_brk;
		b->cont = saved_cont;
		prep_cond(b, cond, head, body, exit);
		cur = exit;
		break;
	case IR_FOR:
		if (n->nkids < 4)
			break;
		cur = lower_stmt(b, n->kids[0], cur);
		head = new_block(b);
		body = new_block(b);
		inc = new_block(b);
		exit = new_block(b);
		jump(b, cur, head);
		prep_cond(b, n->kids[1], head, body, exit);
		b->brk = exit;
		b->cont = inc;
		body = lower_stmt(b, n->kids[3], body);
		jump(b, body, inc);
		b->brk = saved_brk;
		b->cont = saved_cont;
		inc = eval_stmt(b, n->kids[2], inc);
		jump(b, inc, head);
		cur = exit;
		break;
	case IR_SWITCH:
		cur = lower_switch(b, n, cur);
		break;
	case IR_CASE:
	case IR_DEFAULT:
		cur = lower_case(b, n, cur);
		break;
	case IR_GOTO:
		if (n->name) {
			jump(b, cur, label_block(b, n->name));
			cur = new_block(b);
		}
		break;
	case IR_LABEL:
		t = n->name ? label_block(b, n->name) : new_block(b);
		jump(b, cur, t);
		cur = n->nkids ? lower_stmt(b, n->kids[n->nkids - 1], t) : t;
		break;
	case IR_INDIRECT_GOTO:
		if (!b->g->problem) {
			b->g->problem = "a computed goto";
			b->g->problem_line = n->loc.line;
		}
		cur = eval_stmt(b, n->nkids ? n->kids[0] : NULL, cur);
		cur = stop(b, cur, CT_STOP, NULL);
		break;
	case IR_BREAK:
		if (b->brk >= 0) {
			jump(b, cur, b->brk);
			cur = new_block(b);
		}
		break;
	case IR_CONTINUE:
		if (b->cont >= 0) {
			jump(b, cur, b->cont);
			cur = new_block(b);
		}
		break;
	case IR_RETURN:
		if (n->nkids)
			cur = prep(b, n->kids[0], cur);
		add_elem(b, cur, CE_RETURN, n, -1);
		cur = stop(b, cur, CT_EXIT, n);
		break;
	case IR_DECL:
		if (n->nkids)
			cur = prep(b, n->kids[0], cur);
		add_elem(b, cur, CE_DECL, n, -1);
		break;
	case IR_NULL:
		break;
	case IR_ASM:
		for (i = 0; i < n->nkids; i++)
			cur = prep(b, n->kids[i], cur);
		add_elem(b, cur, CE_ASM, n, -1);
		if (stmt_noreturn(b, n))
			cur = stop(b, cur, CT_STOP, NULL);
		break;
	default:
		cur = eval_stmt(b, n, cur);
		if (stmt_noreturn(b, n))
			cur = stop(b, cur, CT_STOP, NULL);
		return cur;
	}
	b->brk = saved_brk;
	b->cont = saved_cont;
	/* do { ...; unreachable(); } while (0) from BUG() and friends */
	if (n->kind != IR_COMPOUND && n->kind != IR_LABEL && n->kind != IR_CASE &&
	    n->kind != IR_DEFAULT && stmt_noreturn(b, n))
		cur = stop(b, cur, CT_STOP, NULL);
	return cur;
}

static int max_node_id(const struct ir_node *n)
{
	int m, i, k;

	if (!n)
		return -1;
	m = n->id;
	for (i = 0; i < n->nkids; i++) {
		k = max_node_id(n->kids[i]);
		if (k > m)
			m = k;
	}
	return m;
}

/**
 * cfg_build - the control-flow graph of @fn.
 * @fn: a function with a body (a function without one gets an entry that exits).
 * @rules: for calls that do not return (may be NULL).
 * @arena: where the graph lives; freed by the caller.
 *
 * The end of the body is an exit (the implicit return). Gotos to labels, case
 * fall-through and loops become edges; unreachable statements land in blocks without
 * predecessors.
 *
 * Return: the graph; never NULL. cfg->problem says when it is incomplete.
 */
struct cfg *cfg_build(struct ir_func *fn, const struct rules *rules, struct arena *arena)
{
	struct builder b = { .rules = rules, .brk = -1, .cont = -1 };
	struct cfg *g = arena_alloc(arena, sizeof(*g));
	int cur, maxid;

	g->fn = fn;
	g->arena = arena;
	maxid = max_node_id(fn->body);
	if (maxid >= fn->nnodes)
		fn->nnodes = maxid + 1;
	g->lowered = arena_alloc(arena, (fn->nnodes + 1) * sizeof(bool));
	b.g = g;
	g->entry = new_block(&b);
	cur = lower_stmt(&b, fn->body, g->entry);
	stop(&b, cur, CT_EXIT, NULL);
	free(b.labels);
	return g;
}

static const char *const elem_names[] = {
	[CE_EVAL] = "eval", [CE_DECL] = "decl", [CE_RETURN] = "return", [CE_ASM] = "asm",
};

/** cfg_dump - print @g, one block per paragraph, for debugging. */
void cfg_dump(const struct cfg *g, FILE *out)
{
	int i, j;

	fprintf(out, "cfg %s: %d blocks, entry %d%s%s\n", g->fn->name, g->nblocks, g->entry,
		g->problem ? ", problem: " : "", g->problem ? g->problem : "");
	for (i = 0; i < g->nblocks; i++) {
		const struct cfg_block *blk = g->blocks[i];

		fprintf(out, "  b%d:\n", blk->id);
		for (j = 0; j < blk->nelems; j++) {
			const struct cfg_elem *e = &blk->elems[j];

			fprintf(out, "    %s %s%s%s @%d", elem_names[e->kind], ir_kind_name(e->node->kind),
				e->node->name ? " " : "", e->node->name ? e->node->name : "",
				e->node->loc.line);
			if (e->temp >= 0)
				fprintf(out, " -> t%d", e->temp);
			fputc('\n', out);
		}
		switch (blk->term) {
		case CT_JUMP:
			if (blk->succ[0] >= 0)
				fprintf(out, "    -> b%d\n", blk->succ[0]);
			else
				fprintf(out, "    (falls off)\n");
			break;
		case CT_BRANCH:
			fprintf(out, "    if %s @%d -> b%d else b%d\n", ir_kind_name(blk->cond->kind),
				blk->cond->loc.line, blk->succ[0], blk->succ[1]);
			break;
		case CT_MULTI:
			fprintf(out, "    switch ->");
			for (j = 0; j < blk->nsuccs; j++)
				fprintf(out, " b%d", blk->succs[j]);
			fputc('\n', out);
			break;
		case CT_EXIT:
			fprintf(out, "    exit%s\n", blk->ret ? " (return)" : "");
			break;
		case CT_STOP:
			fprintf(out, "    stop\n");
			break;
		}
	}
}
