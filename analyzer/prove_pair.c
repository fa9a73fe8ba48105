// SPDX-License-Identifier: GPL-2.0
/*
 * prove_pair.c - the vocabulary that pairs maps with unmaps: keys for expressions,
 * values for what a place holds, and forgetting what an assignment may change.
 *
 * A key names an expression without side effects ("v12->vaddr", "v3[v7]") so that
 * kunmap(page) finds the kmap(page) it releases and kunmap_atomic(obj->vaddr) finds
 * the address stored there. It does not walk graphs; prove_flow.c does.
 */
#include <stdlib.h>
#include <string.h>

#include "prove_int.h"

/** strip_casts - @n without explicit casts and __extension__. */
const struct ir_node *strip_casts(const struct ir_node *n)
{
	while (n && ((n->kind == IR_CAST && n->nkids == 1) ||
		     (n->kind == IR_UNARY && n->op == IR_OP_EXTENSION && n->nkids == 1)))
		n = n->kids[0];
	return n;
}

/** int_cast - is there an explicit cast to an integer type on top of @n (it may truncate)? */
bool int_cast(const struct ir_node *n)
{
	for (; n && ((n->kind == IR_CAST && n->nkids == 1) ||
		     (n->kind == IR_UNARY && n->op == IR_OP_EXTENSION && n->nkids == 1));
	     n = n->kids[0])
		if (n->kind == IR_CAST && (n->type & IR_TY_INTEGER))
			return true;
	return false;
}

/*
 * The literal @n spells (a number or a character), without folding; with @macros,
 * also one a macro spelled (*@by_macro is then set).
 */
static bool lit_token(const struct ir_node *n, long long *v, bool macros, bool *by_macro)
{
	char *end;
	const char *sp;

	if (n && n->kind == IR_DECLREF && !n->var && n->name &&
	    (!strcmp(n->name, "false") || !strcmp(n->name, "true"))) {
		*v = n->name[0] == 't';
		return true;
	}
	if (!n || n->kind != IR_LITERAL)
		return false;
	sp = n->name ? n->name : n->text;
	if (!n->name && n->value && macros) {
		sp = n->value;
		*by_macro = true;
	}
	/* the front end spells a literal as the user wrote it: NULL is ((void *)0) */
	if (sp && !strcmp(sp, "NULL"))
		sp = "0";
	if (!sp)
		return false;
	if (sp[0] == '\'') {
		/* 'c' and '\0'; other escapes are not read */
		if (sp[1] == '\\') {
			*v = 0;
			return sp[2] == '0' && sp[3] == '\'';
		}
		*v = (unsigned char)sp[1];
		return sp[1] && sp[2] == '\'';
	}
	*v = strtoll(sp, &end, 0);
	if (end == sp)
		return false;
	while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
		end++;
	return *end == '\0';
}

/* Largest value lit_value() folds to: every integer type of int's width or wider holds it. */
#define LIT_FOLD_MAX 0x7fffffffLL

/* See const_value(); @macros: also the literals a macro spelled. */
static bool fold_value(const struct ir_node *n, long long *v, bool macros, bool *by_macro)
{
	const struct ir_node *s = strip_casts(n);
	long long a, b;

	if (!s)
		return false;
	if (s->kind == IR_BINARY && s->nkids == 2 &&
	    (s->op == IR_OP_SHL || s->op == IR_OP_ADD || s->op == IR_OP_MUL || s->op == IR_OP_OR)) {
		if (!fold_value(s->kids[0], &a, macros, by_macro) ||
		    !fold_value(s->kids[1], &b, macros, by_macro) || a < 0 || b < 0 ||
		    a > LIT_FOLD_MAX || b > LIT_FOLD_MAX)
			return false;
		switch (s->op) {
		case IR_OP_SHL:
			if (b > 31)
				return false;
			*v = a << b;
			break;
		case IR_OP_ADD:
			*v = a + b;
			break;
		case IR_OP_MUL:
			*v = a * b;
			break;
		default:
			*v = a | b;
			break;
		}
		if (*v > LIT_FOLD_MAX)
			return false;
	} else if (!lit_token(s, v, macros, by_macro)) {
		return false;
	}
	return !int_cast(n) || *v == 0 || *v == 1;
}

/**
 * lit_value - the value of an integer (or character) literal as the user wrote it,
 * or of a constant expression of them with << + * |. Through a cast to an integer
 * type, which may truncate, only 0 and 1 (the same in every type, _Bool too); a
 * folded value only in 0..LIT_FOLD_MAX.
 */
bool lit_value(const struct ir_node *n, long long *v)
{
	bool by_macro = false;

	return fold_value(n, v, false, &by_macro);
}

/**
 * const_value - lit_value(), and also through the literals a macro expansion
 * spelled (PAGE_SIZE is "1UL << 12"): then *@by_macro is set.
 */
bool const_value(const struct ir_node *n, long long *v, bool *by_macro)
{
	*by_macro = false;
	return fold_value(n, v, true, by_macro);
}

struct kbuild {
	struct prover *pv;
	struct strbuf sb;
	bool call;
	int root;
	struct ir_var *rootvar;
	bool indirect;
	const char *field;
	int vars[16];
	int nvars;
	bool ok;
};

static bool node_lowered_kind(const struct ir_node *n)
{
	return n->kind == IR_COND || n->kind == IR_STMT_EXPR ||
	       (n->kind == IR_BINARY && (n->op == IR_OP_LAND || n->op == IR_OP_LOR)) ||
	       (n->kind == IR_OTHER && n->nkids == 4 && n->kids[0]->loc.line == n->kids[1]->loc.line &&
		n->kids[0]->loc.col == n->kids[1]->loc.col && n->kids[0]->loc.col == n->kids[2]->loc.col);
}

static void kb_var(struct kbuild *kb, struct ir_var *v)
{
	int i;

	for (i = 0; i < kb->nvars; i++)
		if (kb->vars[i] == v->id)
			return;
	if (kb->nvars < (int)ARRAY_SIZE(kb->vars))
		kb->vars[kb->nvars++] = v->id;
	else
		kb->ok = false;
}

/**
 * member_key_name - how member access @n names its field in a key: a union's member
 * as "(u)name", so that inside_may_alias() knows its siblings overlap it.
 */
const char *member_key_name(const struct ir_node *n)
{
	static __thread char buf[256];

	if (!n->field || !n->field->in_union)
		return n->name;
	snprintf(buf, sizeof(buf), "(u)%s", n->name);
	return buf;
}

/* Append the key text of @n; @base is true at the leftmost position (the root). */
static void kb_build(struct kbuild *kb, const struct ir_node *n, bool base)
{
	n = strip_casts(n);
	if (!n || !kb->ok) {
		kb->ok = false;
		return;
	}
	if (node_lowered_kind(n)) {
		sb_addf(&kb->sb, "t%d", n->id);
		return;
	}
	switch (n->kind) {
	case IR_DECLREF:
		if (n->var) {
			sb_addf(&kb->sb, "v%d", n->var->id);
			kb_var(kb, n->var);
			if (base) {
				kb->root = n->var->id;
				kb->rootvar = n->var;
			}
		} else if (n->name) {
			sb_addf(&kb->sb, "f:%s", n->name);
		} else {
			kb->ok = false;
		}
		return;
	case IR_LITERAL:
		if (!n->name && !n->text) {
			kb->ok = false;
			return;
		}
		sb_addf(&kb->sb, "#%s", n->name ? n->name : n->text);
		return;
	case IR_MEMBER:
		if (n->nkids != 1 || !n->name) {
			kb->ok = false;
			return;
		}
		kb_build(kb, n->kids[0], base);
		if (n->op == IR_OP_ARROW) {
			sb_addf(&kb->sb, "->%s", member_key_name(n));
			kb->indirect = true;
		} else {
			sb_addf(&kb->sb, ".%s", member_key_name(n));
		}
		kb->field = n->name;
		return;
	case IR_SUBSCRIPT: {
		const struct ir_node *b = strip_casts(n->kids[0]);

		if (n->nkids != 2) {
			kb->ok = false;
			return;
		}
		kb_build(kb, n->kids[0], base);
		if (!(b && (b->type & IR_TY_ARRAY)))
			kb->indirect = true;
		sb_addc(&kb->sb, '[');
		kb_build(kb, n->kids[1], false);
		sb_addc(&kb->sb, ']');
		kb->field = NULL;
		return;
	}
	case IR_UNARY:
		if (n->nkids != 1)
			break;
		switch (n->op) {
		case IR_OP_DEREF:
			sb_add(&kb->sb, "*(");
			kb_build(kb, n->kids[0], base);
			sb_addc(&kb->sb, ')');
			kb->indirect = true;
			kb->field = NULL;
			return;
		case IR_OP_ADDROF:
		case IR_OP_MINUS:
		case IR_OP_PLUS:
		case IR_OP_NOT:
		case IR_OP_LNOT:
			sb_addf(&kb->sb, "%s(", ir_op_name(n->op));
			kb_build(kb, n->kids[0], base);
			sb_addc(&kb->sb, ')');
			return;
		default:
			break;
		}
		break;
	case IR_CALL: {
		int i;

		/* the same side-effect-free call on the same arguments gives the same value
		 * until memory it may read changes (kill_calls()) */
		if (!n->name || !kb->pv || !func_pure(kb->pv, n->name))
			break;
		sb_addf(&kb->sb, "c:%s(", n->name);
		for (i = 1; i < n->nkids; i++) {
			if (i > 1)
				sb_addc(&kb->sb, ',');
			kb_build(kb, n->kids[i], false);
		}
		sb_addc(&kb->sb, ')');
		kb->indirect = true;
		kb->call = true;
		return;
	}
	case IR_BINARY:
		if (n->nkids != 2 || ir_op_is_assign(n->op) || n->op == IR_OP_COMMA)
			break;
		sb_addc(&kb->sb, '(');
		kb_build(kb, n->kids[0], base);
		sb_add(&kb->sb, ir_op_name(n->op));
		kb_build(kb, n->kids[1], false);
		sb_addc(&kb->sb, ')');
		return;
	default:
		break;
	}
	kb->ok = false;
}

static unsigned int str_hash(const char *s)
{
	return (unsigned int)hash64(s, strlen(s), HASH64_SEED);
}

/* The id of the key spelled @str, or -1 when there is none yet. */
static int key_find(const struct prover *pv, const char *str)
{
	int slot;

	if (!pv->nkhash)
		return -1;
	for (slot = str_hash(str) & (pv->nkhash - 1); pv->khash[slot] >= 0;
	     slot = (slot + 1) & (pv->nkhash - 1))
		if (!strcmp(pv->keys[pv->khash[slot]].str, str))
			return pv->khash[slot];
	return -1;
}

/**
 * key_intern - the id of the key spelled @str, created with the given facts if new.
 */
int key_intern(struct prover *pv, const char *str, int root, struct ir_var *rootvar,
	       bool indirect, const char *field, const int *vars, int nvars)
{
	unsigned int h;
	int i, slot;

	if (pv->nkeys * 2 >= pv->nkhash) {
		int n = pv->nkhash ? pv->nkhash * 2 : 1024;

		free(pv->khash);
		pv->khash = xmalloc(n * sizeof(int));
		for (i = 0; i < n; i++)
			pv->khash[i] = -1;
		pv->nkhash = n;
		for (i = 0; i < pv->nkeys; i++) {
			slot = str_hash(pv->keys[i].str) & (n - 1);
			while (pv->khash[slot] >= 0)
				slot = (slot + 1) & (n - 1);
			pv->khash[slot] = i;
		}
	}
	h = str_hash(str);
	for (slot = h & (pv->nkhash - 1); pv->khash[slot] >= 0; slot = (slot + 1) & (pv->nkhash - 1))
		if (!strcmp(pv->keys[pv->khash[slot]].str, str))
			return pv->khash[slot];
	if (pv->nkeys == pv->capkeys) {
		pv->capkeys = pv->capkeys ? 2 * pv->capkeys : 256;
		pv->keys = xrealloc(pv->keys, pv->capkeys * sizeof(*pv->keys));
	}
	i = pv->nkeys++;
	pv->keys[i].str = arena_strdup(pv->arena, str);
	pv->keys[i].root = root;
	pv->keys[i].rootvar = rootvar;
	pv->keys[i].indirect = indirect;
	pv->keys[i].temp = str[0] == 't';
	pv->keys[i].call = false;
	pv->keys[i].field = field;
	pv->keys[i].nvars = nvars;
	pv->keys[i].vars = NULL;
	if (nvars) {
		pv->keys[i].vars = arena_alloc(pv->arena, nvars * sizeof(int));
		memcpy(pv->keys[i].vars, vars, nvars * sizeof(int));
	}
	pv->khash[slot] = i;
	return i;
}

/** key_of - the key of expression @n, or -1 when @n has side effects or is not keyed. */
int key_of(struct prover *pv, const struct ir_node *n)
{
	struct kbuild kb = { .pv = pv, .root = -1, .ok = true };
	int k = -1;

	sb_init(&kb.sb);
	kb_build(&kb, n, true);
	if (kb.ok && kb.sb.len) {
		k = key_intern(pv, kb.sb.buf, kb.root, kb.rootvar, kb.indirect, kb.field, kb.vars,
			       kb.nvars);
		if (kb.call)
			pv->keys[k].call = true;
	}
	sb_free(&kb.sb);
	return k;
}

/** key_temp - the key of the temporary holding the value of lowered node @node_id. */
int key_temp(struct prover *pv, int node_id)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "t%d", node_id);
	return key_intern(pv, buf, -1, NULL, false, NULL, NULL, 0);
}

/** key_info - the facts of key @key. */
const struct keyinfo *key_info(const struct prover *pv, int key)
{
	return &pv->keys[key];
}

static int bfind(const struct state *st, int key, bool *found)
{
	int lo = 0, hi = st->nb;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (st->b[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < st->nb && st->b[lo].key == key;
	return lo;
}

/** st_get - what place @key holds in @st (VK_NONE when nothing is known). */
struct val st_get(const struct state *st, int key)
{
	struct val none = { VK_NONE, 0 };
	bool found;
	int i;

	if (key < 0)
		return none;
	i = bfind(st, key, &found);
	return found ? st->b[i].v : none;
}

/** st_set - record that @key holds @v; VK_NONE forgets it. */
void st_set(struct state *st, int key, struct val v)
{
	bool found;
	int i;

	if (key < 0)
		return;
	if (v.kind == VK_NONE) {
		st_unset(st, key);
		return;
	}
	i = bfind(st, key, &found);
	if (found) {
		st->b[i].v = v;
		return;
	}
	if (st->nb == st->capb) {
		st->capb = st->capb ? 2 * st->capb : 16;
		st->b = xrealloc(st->b, st->capb * sizeof(*st->b));
	}
	memmove(&st->b[i + 1], &st->b[i], (st->nb - i) * sizeof(*st->b));
	st->b[i].key = key;
	st->b[i].v = v;
	st->nb++;
}

/** st_unset - forget what @key holds. */
void st_unset(struct state *st, int key)
{
	bool found;
	int i = bfind(st, key, &found);

	if (!found)
		return;
	memmove(&st->b[i], &st->b[i + 1], (st->nb - i - 1) * sizeof(*st->b));
	st->nb--;
}

/** st_copy - make @dst an independent copy of @src (@dst's old bindings are freed). */
void st_copy(struct state *dst, const struct state *src)
{
	struct binding *b = dst->b;
	int capb = dst->capb;

	*dst = *src;
	dst->b = b;
	dst->capb = capb;
	if (dst->capb < src->nb) {
		dst->capb = src->nb + 8;
		dst->b = xrealloc(dst->b, dst->capb * sizeof(*dst->b));
	}
	if (src->nb)
		memcpy(dst->b, src->b, src->nb * sizeof(*src->b));
}

void st_free(struct state *st)
{
	free(st->b);
	st->b = NULL;
	st->nb = st->capb = 0;
}

/** val_tracked - true when @v carries an address the proofs follow. */
bool val_tracked(struct val v)
{
	return v.kind == VK_ADDR || v.kind == VK_PARAM || v.kind == VK_PREACH ||
	       v.kind == VK_LOCAL;
}

static int track_rank(int kind)
{
	switch (kind) {
	case VK_ADDR:
		return 5;
	case VK_LOCAL:
		return 4;
	case VK_PARAM:
		return 3;
	case VK_PREACH:
		return 2;
	case VK_DEAD:
		return 1;
	default:
		return 0;
	}
}

/**
 * val_combine - the value of "a OP b" for arithmetic: a pointer derived from an
 * address stays that address (addr + off, addr & ~mask); comparisons, logic and the
 * difference of two addresses are plain integers.
 */
struct val val_combine(struct val a, struct val b, enum ir_op op)
{
	struct val none = { VK_NONE, 0 };

	switch (op) {
	case IR_OP_LT: case IR_OP_GT: case IR_OP_LE: case IR_OP_GE:
	case IR_OP_EQ: case IR_OP_NE: case IR_OP_LAND: case IR_OP_LOR:
		return none;
	case IR_OP_SUB:
	case IR_OP_SUB_ASSIGN:
		if (track_rank(a.kind) && track_rank(b.kind))
			return none;	/* p - addr: an offset */
		break;
	default:
		break;
	}
	if (track_rank(a.kind) >= track_rank(b.kind) && track_rank(a.kind))
		return a;
	if (track_rank(b.kind))
		return b;
	return none;
}

/** expr_text - a short spelling of @n for messages ("obj->vaddr", "kmap()"). */
const char *expr_text(struct prover *pv, const struct ir_node *n)
{
	const struct ir_node *s = strip_casts(n);

	if (n && n->text && strlen(n->text) < 60)
		return n->text;
	if (!s)
		return "?";
	switch (s->kind) {
	case IR_DECLREF:
		return s->var ? s->var->name : s->name ? s->name : "?";
	case IR_MEMBER:
		if (s->nkids == 1 && s->name)
			return arena_printf(pv->arena, "%s%s%s", expr_text(pv, s->kids[0]),
					    s->op == IR_OP_ARROW ? "->" : ".", s->name);
		break;
	case IR_SUBSCRIPT:
		if (s->nkids == 2)
			return arena_printf(pv->arena, "%s[%s]", expr_text(pv, s->kids[0]),
					    expr_text(pv, s->kids[1]));
		break;
	case IR_UNARY:
		if (s->nkids == 1 && (s->op == IR_OP_DEREF || s->op == IR_OP_ADDROF))
			return arena_printf(pv->arena, "%s%s", ir_op_name(s->op),
					    expr_text(pv, s->kids[0]));
		break;
	case IR_CALL:
		if (s->name)
			return arena_printf(pv->arena, "%s()", s->name);
		break;
	case IR_LITERAL:
		if (s->name)
			return s->name;
		if (s->text)
			return s->text;
		break;
	case IR_BINARY:
		if (s->nkids == 2 && !ir_op_is_assign(s->op))
			return arena_printf(pv->arena, "%s %s %s", expr_text(pv, s->kids[0]),
					    ir_op_name(s->op), expr_text(pv, s->kids[1]));
		break;
	default:
		break;
	}
	return "an expression";
}

static bool key_reads_var(const struct keyinfo *ki, int var)
{
	int i;

	for (i = 0; i < ki->nvars; i++)
		if (ki->vars[i] == var)
			return true;
	return false;
}

/* True when key text @s accesses member @field anywhere ("->f" or ".f" as a word). */
static bool key_has_field(const char *s, const char *field)
{
	size_t n = strlen(field);
	const char *p;

	for (p = s; (p = strstr(p, field)); p++) {
		bool before = p > s && (p[-1] == '.' || p[-1] == '>' ||
					(p - s >= 3 && !strncmp(p - 3, "(u)", 3)));
		char after = p[n];

		if (before && !c_ident_char(after))
			return true;
	}
	return false;
}

static void mark_stale(struct flow *fl, bool (*hit)(const struct keyinfo *, const void *),
		       const void *arg, int line)
{
	struct state *st = fl->st;
	int i;

	for (i = 0; i < st->depth; i++) {
		struct entry *e = &st->stk[i];

		if (e->pkey >= 0 && !(e->flags & EF_STALE) && hit(key_info(fl->pv, e->pkey), arg)) {
			e->flags |= EF_STALE;
			e->stale_line = line;
		}
	}
}

/* A tested key's value was dropped because memory may have changed under it. */
static void note_lost(struct flow *fl, int key)
{
	struct state *st = fl->st;
	int i;

	if (key >= fl->ncond_keys || (fl->cond_keys[key] & CK_COUNT) < 2 || st->nlost > LOST_MAX)
		return;
	for (i = 0; i < st->nlost; i++)
		if (st->lost[i] == key)
			return;
	/* no room: from now on any tested key may be one that was lost */
	if (st->nlost < LOST_MAX)
		st->lost[st->nlost++] = key;
	else
		st->nlost = LOST_MAX + 1;
}

static void drop_bindings(struct flow *fl, bool (*hit)(const struct keyinfo *, const void *),
			  const void *arg, int keep, bool aliasing)
{
	struct state *st = fl->st;
	int i, j = 0;

	for (i = 0; i < st->nb; i++) {
		const struct keyinfo *ki = key_info(fl->pv, st->b[i].key);

		if (st->b[i].key != keep && !ki->temp && hit(ki, arg)) {
			if (aliasing)
				note_lost(fl, st->b[i].key);
			continue;
		}
		st->b[j++] = st->b[i];
	}
	st->nb = j;
}

static bool hit_var(const struct keyinfo *ki, const void *arg)
{
	return key_reads_var(ki, *(const int *)arg);
}

static bool hit_field(const struct keyinfo *ki, const void *arg)
{
	return ki->indirect && key_has_field(ki->str, arg);
}

static bool hit_union(const struct keyinfo *ki, const void *arg)
{
	return ki->indirect && strstr(ki->str, "(u)");
}

static bool hit_indirect(const struct keyinfo *ki, const void *arg)
{
	return ki->indirect;
}

static bool inside_var(const struct keyinfo *ki, int var);

/**
 * kill_var - forget every place that reads @var (other than @keep_key, which the
 * assignment is about to set) and mark mappings whose page expression reads it stale.
 */
void kill_var(struct flow *fl, const struct ir_var *var, int keep_key, int line)
{
	struct state *st = fl->st;
	int id = var->id, i, j = 0, nmoved = 0;
	struct binding moved[8];

	/*
	 * "slots[i] = p; i++": the element still holds p, at an index the walk no longer
	 * names: keep it as "slots[?]", which aliases every element.
	 */
	for (i = 0; i < st->nb; i++) {
		const struct keyinfo *ki = key_info(fl->pv, st->b[i].key);

		if (st->b[i].key == keep_key || ki->temp || !val_tracked(st->b[i].v) ||
		    ki->root < 0 || ki->root == id || !key_reads_var(ki, id) ||
		    !inside_var(ki, ki->root))
			continue;
		if (nmoved == (int)ARRAY_SIZE(moved)) {
			thread_escape(fl, st->b[i].v, arena_printf(fl->pv->arena,
					"kept in %s, which the proof stops following",
					ki->rootvar ? ki->rootvar->name : "a local"),
				      line, false, NULL, NULL);
			continue;
		}
		moved[nmoved].key = key_intern(fl->pv, arena_printf(fl->pv->arena, "v%d[?]", ki->root),
					       ki->root, ki->rootvar, false, NULL, &ki->root, 1);
		moved[nmoved++].v = st->b[i].v;
	}
	drop_bindings(fl, hit_var, &id, keep_key, false);
	for (i = 0; i < nmoved; i++) {
		struct val old = st_get(st, moved[i].key);

		if (val_tracked(old) && (old.kind != moved[i].v.kind || old.a != moved[i].v.a))
			thread_escape(fl, moved[i].v, arena_printf(fl->pv->arena,
					"kept in %s beside another followed value",
					key_info(fl->pv, moved[i].key)->rootvar ?
					key_info(fl->pv, moved[i].key)->rootvar->name : "a local"),
				      line, false, NULL, NULL);
		else
			st_set(st, moved[i].key, moved[i].v);
	}
	mark_stale(fl, hit_var, &id, line);
	/* copies of what the variable held no longer name it */
	for (i = 0; i < st->nb; i++) {
		if (st->b[i].v.kind == VK_COPY && key_reads_var(key_info(fl->pv, st->b[i].v.a), id))
			continue;
		st->b[j++] = st->b[i];
	}
	st->nb = j;
}

/** kill_field - a store to some "x->@field": forget what any such place held. */
void kill_field(struct flow *fl, const char *field, int keep_key, int line)
{
	drop_bindings(fl, hit_field, field, keep_key, true);
	mark_stale(fl, hit_field, field, line);
}

/** kill_union - a store through a pointer into a union's member: forget its siblings too. */
void kill_union(struct flow *fl, int keep_key, int line)
{
	drop_bindings(fl, hit_union, NULL, keep_key, true);
	mark_stale(fl, hit_union, NULL, line);
}

/** kill_indirect - a store through an unknown pointer: forget every place behind one. */
void kill_indirect(struct flow *fl, int keep_key, int line)
{
	drop_bindings(fl, hit_indirect, NULL, keep_key, true);
	mark_stale(fl, hit_indirect, NULL, line);
}

/* True when key @ki is storage inside local variable @var (its fields, elements, itself
 * when it is a struct or array). */
static bool inside_var(const struct keyinfo *ki, int var)
{
	char buf[32];
	size_t n;

	if (ki->root != var || ki->temp)
		return false;
	n = (size_t)snprintf(buf, sizeof(buf), "v%d", var);
	if (strncmp(ki->str, buf, n))
		return false;
	if (ki->str[n] == '.' || ki->str[n] == '[')
		return true;
	return ki->str[n] == '\0' && ki->rootvar &&
	       (ki->rootvar->type & (IR_TY_RECORD | IR_TY_ARRAY));
}

/** kill_inside - forget what local variable @var_id holds (a callee may overwrite it). */
void kill_inside(struct flow *fl, int var_id)
{
	struct state *st = fl->st;
	int i, j = 0;

	for (i = 0; i < st->nb; i++) {
		if (inside_var(key_info(fl->pv, st->b[i].key), var_id))
			continue;
		st->b[j++] = st->b[i];
	}
	st->nb = j;
}

/* The end of the "[...]" that @s starts, or NULL. */
static const char *index_end(const char *s)
{
	int depth = 0;

	for (; *s; s++) {
		if (*s == '[')
			depth++;
		else if (*s == ']' && --depth == 0)
			return s;
	}
	return NULL;
}

/* Is @s a literal index key ("#3")? */
static bool literal_index(const char *s, size_t len)
{
	size_t i;

	if (len < 2 || s[0] != '#')
		return false;
	for (i = 1; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/*
 * May the places keyed @a and @b, both inside the same local (their text after the
 * variable), overlap? Different fields do not (a union's members are one place: see
 * kb_build()); elements do unless both indices are different literals; anything else
 * may.
 */
static bool inside_may_alias(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a == '.' && *b == '.') {
			size_t la = strcspn(a + 1, ".[-"), lb = strcspn(b + 1, ".[-");

			/* a union's members overlap */
			if (a[1] == '(' || b[1] == '(')
				return true;
			if (la != lb || strncmp(a + 1, b + 1, la))
				return false;
			a += 1 + la;
			b += 1 + lb;
		} else if (*a == '[' && *b == '[') {
			const char *ea = index_end(a), *eb = index_end(b);
			size_t la, lb;

			if (!ea || !eb)
				return true;
			la = ea - a - 1;
			lb = eb - b - 1;
			if (literal_index(a + 1, la) && literal_index(b + 1, lb) &&
			    (la != lb || strncmp(a + 1, b + 1, la)))
				return false;
			a = ea + 1;
			b = eb + 1;
		} else {
			return true;
		}
	}
	return true;
}

/*
 * The followed values stored inside local @var_id where the place keyed @key (inside
 * it too, with no value of its own) may be: "arr[j]" after "arr[i] = p". At most
 * @max, how many.
 */
int aliased_values(const struct flow *fl, int var_id, int key, struct val *out, int max)
{
	const struct state *st = fl->st;
	const char *ks = key_info(fl->pv, key)->str;
	char buf[32];
	size_t n = (size_t)snprintf(buf, sizeof(buf), "v%d", var_id);
	int i, got = 0;

	if (strncmp(ks, buf, n))
		return 0;
	for (i = 0; i < st->nb && got < max; i++) {
		const struct keyinfo *ki = key_info(fl->pv, st->b[i].key);

		if (val_tracked(st->b[i].v) && inside_var(ki, var_id) &&
		    inside_may_alias(ks + n, ki->str + n))
			out[got++] = st->b[i].v;
	}
	return got;
}

/** inner_values - the followed values stored inside local @var_id (at most @max), how many. */
int inner_values(const struct flow *fl, int var_id, struct val *out, int max)
{
	const struct state *st = fl->st;
	int i, n = 0;

	for (i = 0; i < st->nb && n < max; i++)
		if (val_tracked(st->b[i].v) && inside_var(key_info(fl->pv, st->b[i].key), var_id))
			out[n++] = st->b[i].v;
	return n;
}

/**
 * key_param_rel - when key @k is a parameter of @fn followed only by member accesses
 * ("v3", "v3->page", "v3->b.page"), return the parameter's index and set *@suffix to
 * the accesses ("", "->page"); else -1.
 */
int key_param_rel(struct prover *pv, struct ir_func *fn, int k, const char **suffix)
{
	const struct keyinfo *ki;
	char buf[32];
	size_t n;
	int i;

	if (k < 0)
		return -1;
	ki = key_info(pv, k);
	if (!ki->rootvar || ki->nvars != 1)
		return -1;
	for (i = 0; i < fn->nparams && i < MAX_PARAMS; i++) {
		if (fn->params[i] != ki->rootvar)
			continue;
		n = (size_t)snprintf(buf, sizeof(buf), "v%d", ki->rootvar->id);
		if (strncmp(ki->str, buf, n) || strpbrk(ki->str + n, "[]*()#&"))
			return -1;
		if (ki->str[n] && ki->str[n] != '.' && ki->str[n] != '-')
			return -1;
		*suffix = ki->str + n;
		return i;
	}
	return -1;
}

/**
 * key_rebase - the key, at a call, of what the callee names "parameter + @suffix":
 * argument @arg (value @v) followed by @suffix; through a pointer to a local the
 * accesses land in the local itself.
 */
int key_rebase(struct flow *fl, const struct ir_node *arg, struct val v, const char *suffix)
{
	struct prover *pv = fl->pv;
	const struct keyinfo *ki;
	int base, vars[32], nvars = 0, i, k;
	bool indirect = true;
	char *s;

	if (!suffix || !*suffix)
		return key_of(pv, arg);
	if (!strcmp(suffix, "*")) {
		if (v.kind == VK_LOCAL && v.a >= 0 && v.a < fl->nvarcls && fl->vars[v.a]) {
			char buf[32];
			int id = v.a;

			snprintf(buf, sizeof(buf), "v%d", v.a);
			return key_intern(pv, buf, v.a, fl->vars[v.a], false, NULL, &id, 1);
		}
		base = key_of(pv, arg);
		if (base < 0)
			return -1;
		s = xasprintf("*(%s)", key_info(pv, base)->str);
		ki = key_info(pv, base);
		k = key_intern(pv, s, ki->root, ki->rootvar, true, NULL, ki->vars, ki->nvars);
		free(s);
		return k;
	}
	if (v.kind == VK_LOCAL) {
		char buf[32];
		int id = v.a;
		struct ir_var *w = v.a >= 0 && v.a < fl->nvarcls ? fl->vars[v.a] : NULL;

		snprintf(buf, sizeof(buf), "v%d", v.a);
		base = key_intern(pv, buf, v.a, w, false, NULL, &id, 1);
		/* p->f where p == &local is local.f */
		if (!strncmp(suffix, "->", 2))
			s = xasprintf("%s.%s", buf, suffix + 2);
		else
			s = xasprintf("%s%s", buf, suffix);
		indirect = strstr(s, "->") != NULL;
	} else {
		base = key_of(pv, arg);
		if (base < 0)
			return -1;
		s = xasprintf("%s%s", key_info(pv, base)->str, suffix);
	}
	ki = key_info(pv, base);
	for (i = 0; i < ki->nvars && nvars < 32; i++)
		vars[nvars++] = ki->vars[i];
	{
		const char *field = strrchr(suffix, '>');
		const char *dot = strrchr(suffix, '.');

		if (!field || (dot && dot > field))
			field = dot;
		k = key_intern(pv, s, ki->root, ki->rootvar, indirect || ki->indirect,
			       field ? arena_strdup(pv->arena, field + 1) : NULL, vars, nvars);
	}
	free(s);
	return k;
}

/* A value that says what a place holds, not where something lives (call_wrote()). */
static bool value_binding(const struct binding *b, const struct keyinfo *ki)
{
	int kind = b->v.kind;

	return (kind == VK_INT || kind == VK_NE || kind == VK_LOWPAGE || kind == VK_ERR) &&
	       !ki->temp;
}

/* Does @ki read a variable that holds a mapped address (memory a store into the page changes)? */
static bool reads_mapped(const struct flow *fl, const struct keyinfo *ki)
{
	int j, k;

	for (j = 0; j < ki->nvars; j++) {
		char buf[32];

		snprintf(buf, sizeof(buf), "v%d", ki->vars[j]);
		k = key_find(fl->pv, buf);
		if (k >= 0 && st_get(fl->st, k).kind == VK_ADDR)
			return true;
	}
	return false;
}

/* Can a write through memory (a callee's, or one through a pointer) change place @ki? */
static bool memory_reaches(const struct flow *fl, const struct keyinfo *ki)
{
	const struct ir_var *r = ki->rootvar;

	if (ki->indirect || ki->root < 0 || !r)
		return true;
	if (r->storage != IR_STORE_LOCAL && r->storage != IR_STORE_PARAM)
		return true;	/* a global or a static local */
	/* a local whose address was taken */
	return ki->root >= fl->nvarcls || fl->varcls[ki->root] != 0;
}

/**
 * call_wrote - a call may have written memory: forget what side-effect-free calls
 * returned (kill_calls()), and the integers branches and assignments bound to places
 * it can reach (through a pointer, a global, a local whose address was taken), with the
 * lowmem pages and error pointers stored there. With @only_var >= 0, only the places
 * that variable or a pointer in it leads to (a rules/nocapture callee writes only
 * through its arguments); with @only_mapped, only places read through a mapped address
 * (a write into the page). A value a branch tested is noted as lost.
 */
void call_wrote(struct flow *fl, int only_var, bool only_mapped)
{
	struct state *st = fl->st;
	int i, n = 0;

	kill_calls(fl, only_var, only_mapped);

	for (i = 0; i < st->nb; i++) {
		const struct keyinfo *ki = key_info(fl->pv, st->b[i].key);
		bool hit = value_binding(&st->b[i], ki);

		if (hit && only_var >= 0)
			hit = key_reads_var(ki, only_var) && (ki->indirect || ki->root == only_var);
		else if (hit && only_mapped)
			hit = ki->indirect && reads_mapped(fl, ki);
		else if (hit)
			hit = memory_reaches(fl, ki);
		if (!hit)
			st->b[n++] = st->b[i];
		else
			note_lost(fl, st->b[i].key);
	}
	st->nb = n;
}

/**
 * forget_store - a store changed memory: forget the values of other places it may have
 * changed. @through_pointer: a store through a pointer (*q, s->f), which may reach any
 * global or address-taken local (the places behind pointers are the business of
 * kill_field() and kill_indirect()). Otherwise a store into part of variable @var at
 * key @key (-1: somewhere in it): the places of @var that may overlap it ("arr[j]"
 * after "arr[i] = 1").
 */
void forget_store(struct flow *fl, int var, int key, bool through_pointer)
{
	struct state *st = fl->st;
	const char *ks = key >= 0 ? key_info(fl->pv, key)->str : NULL;
	char buf[32];
	size_t n = var >= 0 ? (size_t)snprintf(buf, sizeof(buf), "v%d", var) : 0;
	int i, kept = 0;

	if (ks && var >= 0 && strncmp(ks, buf, n))
		ks = NULL;
	for (i = 0; i < st->nb; i++) {
		const struct keyinfo *ki = key_info(fl->pv, st->b[i].key);
		bool hit = value_binding(&st->b[i], ki) && st->b[i].key != key;

		if (hit && through_pointer)
			hit = !ki->indirect && memory_reaches(fl, ki);
		else if (hit)
			hit = var >= 0 && ki->root == var && !strncmp(ki->str, buf, n) &&
			      (!ks || inside_may_alias(ks + n, ki->str + n));
		if (!hit)
			st->b[kept++] = st->b[i];
		else
			note_lost(fl, st->b[i].key);
	}
	st->nb = kept;
}

/**
 * kill_calls - memory changed: forget what side-effect-free calls returned. With
 * @only_var >= 0, only calls reading that variable; with @only_addr_args, only calls
 * reading a variable that holds a mapped address (a store into the mapped page).
 */
void kill_calls(struct flow *fl, int only_var, bool only_addr_args)
{
	struct state *st = fl->st;
	int i, n = 0;

	for (i = 0; i < st->nb; i++) {
		const struct keyinfo *ki = key_info(fl->pv, st->b[i].key);
		bool hit = ki->call;

		if (hit && only_var >= 0)
			hit = key_reads_var(ki, only_var);
		if (hit && only_addr_args)
			hit = reads_mapped(fl, ki);
		if (!hit)
			st->b[n++] = st->b[i];
		else
			note_lost(fl, st->b[i].key);
	}
	st->nb = n;
}
