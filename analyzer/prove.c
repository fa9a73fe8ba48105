// SPDX-License-Identifier: GPL-2.0
/*
 * prove.c - the proof driver: analyse every function of a translation unit once
 * (callees first, on demand), then turn the facts gathered on each site into a
 * verdict, a one-line reason, JSON evidence and the full proof text.
 *
 * The analyses themselves live in prove_flow.c (the walk), prove_pair.c (keys),
 * prove_order.c (LIFO and balance), prove_thread.c (escapes), prove_atomic.c and
 * prove_lowmem.c. This file never says safe without their facts.
 */
#include <stdlib.h>
#include <string.h>

#include "prove_int.h"

bool fam_is_map(enum family_kind k)
{
	return k == FAM_MAP_GLOBAL || k == FAM_MAP_ATOMIC || k == FAM_MAP_LOCAL;
}

bool fam_is_unmap(enum family_kind k)
{
	return k == FAM_UNMAP_GLOBAL || k == FAM_UNMAP_ATOMIC || k == FAM_UNMAP_LOCAL;
}

/* Mappings on the per-task stack (kmap_atomic and kmap_local): LIFO applies today. */
bool fam_is_stack(enum family_kind k)
{
	return k == FAM_MAP_ATOMIC || k == FAM_MAP_LOCAL;
}

enum family_kind fam_unmap_of(enum family_kind map)
{
	switch (map) {
	case FAM_MAP_GLOBAL:
		return FAM_UNMAP_GLOBAL;
	case FAM_MAP_ATOMIC:
		return FAM_UNMAP_ATOMIC;
	case FAM_MAP_LOCAL:
		return FAM_UNMAP_LOCAL;
	default:
		return FAM_NONE;
	}
}

/* ---- pseudo-sites ------------------------------------------------------------ */

static unsigned int ptr_hash(const void *p)
{
	uintptr_t x = (uintptr_t)p;

	x ^= x >> 17;
	x *= 0x9e3779b97f4a7c15ull;
	return (unsigned int)(x >> 20);
}

/* The hash slot of @call: its pseudo-site, or a new slot holding -1 when @insert. */
static int *ps_slot(struct prover *pv, struct ir_node *call, bool insert)
{
	int i;

	if (insert && (pv->nps + 1) * 2 >= pv->nhash) {
		int n = pv->nhash ? pv->nhash * 2 : 256, j;
		void *old = pv->hash;
		int oldn = pv->nhash;

		pv->hash = xcalloc(n, sizeof(*pv->hash));
		pv->nhash = n;
		for (j = 0; j < oldn; j++) {
			struct ir_node *c = ((typeof(pv->hash))old)[j].call;

			if (!c)
				continue;
			for (i = ptr_hash(c) & (n - 1); pv->hash[i].call; i = (i + 1) & (n - 1))
				;
			pv->hash[i] = ((typeof(pv->hash))old)[j];
		}
		free(old);
	}
	if (!pv->nhash)
		return NULL;
	for (i = ptr_hash(call) & (pv->nhash - 1); pv->hash[i].call; i = (i + 1) & (pv->nhash - 1))
		if (pv->hash[i].call == call)
			return &pv->hash[i].ps;
	if (!insert)
		return NULL;
	pv->hash[i].call = call;
	pv->hash[i].ps = -1;
	return &pv->hash[i].ps;
}

/** ps_new - a pseudo-site for family call @call in @fn, named @api. */
int ps_new(struct prover *pv, struct ir_node *call, struct ir_func *fn, const char *api)
{
	int *slot = ps_slot(pv, call, true);
	struct psite *p;

	if (*slot >= 0)
		return *slot;
	if (pv->nps == pv->capps) {
		pv->capps = pv->capps ? 2 * pv->capps : 64;
		pv->ps = xrealloc(pv->ps, pv->capps * sizeof(*pv->ps));
	}
	p = &pv->ps[pv->nps];
	memset(p, 0, sizeof(*p));
	p->call = call;
	p->fn = fn;
	p->api = api;
	p->fam = rules_family(pv->rules, api);
	p->line = call->loc.line;
	*slot = pv->nps;
	return pv->nps++;
}

/* A pseudo-site reachable by index only (a site the proofs cannot anchor). */
static void ps_new_unhashed(struct prover *pv, struct ir_node *call, struct ir_func *fn,
			    const char *api)
{
	struct psite *p;

	if (pv->nps == pv->capps) {
		pv->capps = pv->capps ? 2 * pv->capps : 64;
		pv->ps = xrealloc(pv->ps, pv->capps * sizeof(*pv->ps));
	}
	p = &pv->ps[pv->nps++];
	memset(p, 0, sizeof(*p));
	p->call = call;
	p->fn = fn;
	p->api = api;
	p->fam = rules_family(pv->rules, api);
	p->line = call->loc.line;
}

/** ps_of_call - the pseudo-site of @call, or -1 when it is not a family call. */
int ps_of_call(struct prover *pv, struct ir_node *call)
{
	int *slot = ps_slot(pv, call, false);

	return slot ? *slot : -1;
}

/*
 * The family name a call is known by, or NULL: its own name (or the name without
 * "__", as __kunmap_atomic() under the kunmap_atomic() macro), or the macro it was
 * expanded from when it is that macro's implementation (rules "impl"). Other calls
 * inside a family macro (BUILD_BUG_ON()'s) are not the map or unmap.
 */
static const char *family_api(const struct rules *r, const struct ir_node *n)
{
	if (!n->name)
		return NULL;
	if (rules_family(r, n->name) != FAM_NONE)
		return n->name;
	if (!strncmp(n->name, "__", 2) && rules_family(r, n->name + 2) != FAM_NONE)
		return n->name + 2;
	if (n->callee_macro && rules_family(r, n->callee_macro) != FAM_NONE &&
	    rules_family_impl(r, n->name, NULL) ==
	    (fam_is_map(rules_family(r, n->callee_macro)) ? 1 : -1))
		return n->callee_macro;
	if (n->loc.macro && rules_family(r, n->loc.macro) != FAM_NONE &&
	    rules_family_impl(r, n->name, NULL) ==
	    (fam_is_map(rules_family(r, n->loc.macro)) ? 1 : -1))
		return n->loc.macro;
	return NULL;
}

/* The call of @fn's body that is site @site's map or unmap (same place, same API). */
static struct ir_node *find_site_call(const struct rules *r, struct ir_node *n,
				      const struct ir_site *site)
{
	struct ir_node *f;
	const char *api;
	int i;

	if (!n)
		return NULL;
	if (n->kind == IR_CALL && n->loc.line == site->call->loc.line &&
	    n->loc.col == site->call->loc.col && n->loc.file == site->call->loc.file) {
		if ((api = family_api(r, n)) && rules_family(r, api) == rules_family(r, site->api))
			return n;
		/* an implementation under a macro of the user's own (#define blk_map(p)
		 * kmap_atomic(p)): the front end named the family */
		if (n->name && rules_family_impl(r, n->name, NULL) ==
		    (fam_is_map(rules_family(r, site->api)) ? 1 : -1))
			return n;
	}
	for (i = 0; i < n->nkids; i++)
		if ((f = find_site_call(r, n->kids[i], site)))
			return f;
	return NULL;
}

static void make_psites(struct prover *pv, struct ir_func *fn, struct ir_node *n)
{
	int i;

	if (!n)
		return;
	if (n->kind == IR_CALL) {
		const char *api = family_api(pv->rules, n);

		if (api)
			ps_new(pv, n, fn, api);
	}
	for (i = 0; i < n->nkids; i++)
		make_psites(pv, fn, n->kids[i]);
}

/** facts_caller - remember that a wrapper's site @ps is used from @text ("f() at line N"). */
void facts_caller(struct prover *pv, int ps, const char *text)
{
	struct facts *f = &pv->ps[ps].f;
	int i;

	for (i = 0; i < f->ncallers; i++)
		if (!strcmp(f->callers[i], text))
			return;
	if (f->ncallers < (int)ARRAY_SIZE(f->callers))
		f->callers[f->ncallers++] = text;
}

/* ---- functions --------------------------------------------------------------- */

/**
 * find_func - ir_find_func() with a memory: the function of this translation unit
 * named @name (lowered on demand), or NULL.
 */
struct ir_func *find_func(struct prover *pv, const char *name)
{
	unsigned int h = (unsigned int)hash64(name, strlen(name), HASH64_SEED);
	int i, cap = pv->capfcache;

	if (pv->nfcache * 2 >= cap) {
		int ncap = cap ? cap * 2 : 256;
		typeof(pv->fcache) t = xcalloc(ncap, sizeof(*t));

		for (i = 0; i < cap; i++) {
			int j;

			if (!pv->fcache[i].name)
				continue;
			j = (int)((unsigned int)hash64(pv->fcache[i].name, strlen(pv->fcache[i].name),
						       HASH64_SEED) & (ncap - 1));
			while (t[j].name)
				j = (j + 1) & (ncap - 1);
			t[j] = pv->fcache[i];
		}
		free(pv->fcache);
		pv->fcache = t;
		pv->capfcache = cap = ncap;
	}
	for (i = h & (cap - 1); pv->fcache[i].name; i = (i + 1) & (cap - 1))
		if (!strcmp(pv->fcache[i].name, name))
			return pv->fcache[i].fn;
	pv->fcache[i].name = name;
	pv->fcache[i].fn = ir_find_func(pv->tu, name);
	pv->nfcache++;
	return pv->fcache[i].fn;
}

/** finfo_of - the record of @fn, created empty when new. */
struct finfo *finfo_of(struct prover *pv, struct ir_func *fn)
{
	struct finfo *fi;
	int i;

	if (pv->nfi * 2 >= pv->nfihash) {
		int n = pv->nfihash ? pv->nfihash * 2 : 256;

		free(pv->fihash);
		pv->fihash = xmalloc(n * sizeof(int));
		for (i = 0; i < n; i++)
			pv->fihash[i] = -1;
		pv->nfihash = n;
		for (i = 0; i < pv->nfi; i++) {
			int s = ptr_hash(pv->fi[i]->fn) & (n - 1);

			while (pv->fihash[s] >= 0)
				s = (s + 1) & (n - 1);
			pv->fihash[s] = i;
		}
	}
	for (i = ptr_hash(fn) & (pv->nfihash - 1); pv->fihash[i] >= 0; i = (i + 1) & (pv->nfihash - 1))
		if (pv->fi[pv->fihash[i]]->fn == fn)
			return pv->fi[pv->fihash[i]];
	pv->fihash[i] = pv->nfi;
	if (pv->nfi == pv->capfi) {
		pv->capfi = pv->capfi ? 2 * pv->capfi : 64;
		pv->fi = xrealloc(pv->fi, pv->capfi * sizeof(*pv->fi));
	}
	fi = arena_alloc(pv->arena, sizeof(*fi));
	fi->fn = fn;
	fi->ret_map_ps = -1;
	fi->ret_map_pparam = -1;
	fi->ret_map_outp = -1;
	memset(fi->unmap_ps, -1, sizeof(fi->unmap_ps));
	pv->fi[pv->nfi++] = fi;
	return fi;
}

/**
 * finfo_analysed - the record of @fn after its analysis (run now if needed). While
 * @fn is being analysed (a recursive call) its status is 1 and its facts incomplete.
 */
struct finfo *finfo_analysed(struct prover *pv, struct ir_func *fn)
{
	struct finfo *fi = finfo_of(pv, fn);

	if (fi->status)
		return fi;
	fi->status = 1;
	make_psites(pv, fn, fn->body);
	thread_page_address_shapes(pv, fn);
	flow_analyse(pv, fi);
	fi->status = 2;
	return fi;
}

static bool touches_rec(struct prover *pv, struct ir_node *n, int depth);

/** func_touches - true when @fn maps or unmaps, itself or through its callees here. */
bool func_touches(struct prover *pv, struct ir_func *fn)
{
	struct finfo *fi = finfo_of(pv, fn);

	if (!fi->touches_known) {
		fi->touches_known = true;	/* a cycle answers false while in progress */
		fi->touches = touches_rec(pv, fn->body, 0);
	}
	return fi->touches;
}

static bool touches_rec(struct prover *pv, struct ir_node *n, int depth)
{
	int i;

	if (!n)
		return false;
	if (n->kind == IR_CALL) {
		struct ir_func *f;

		if (family_api(pv->rules, n))
			return true;
		if (n->name && depth < 64 && (f = find_func(pv, n->name)) && f->body &&
		    func_touches(pv, f))
			return true;
	}
	for (i = 0; i < n->nkids; i++)
		if (touches_rec(pv, n->kids[i], depth))
			return true;
	return false;
}

static bool pure_rec(struct prover *pv, const struct ir_node *n);

/**
 * func_pure - true when @name is a function of this translation unit without side
 * effects: it stores only into its own locals, reads nothing volatile and calls only
 * such functions (an inline predicate like skb_is_nonlinear()). Two calls with the same arguments then
 * agree until memory changes, which lets the walk correlate repeated tests.
 */
bool func_pure(struct prover *pv, const char *name)
{
	struct ir_func *fn;
	struct finfo *fi;

	if (!strncmp(name, "__builtin_expect", 16) || !strcmp(name, "__builtin_constant_p"))
		return true;
	if (rules_family(pv->rules, name) != FAM_NONE || !(fn = find_func(pv, name)) ||
	    !fn->body || fn->has_errors)
		return false;
	fi = finfo_of(pv, fn);
	if (fi->pure == 0) {
		fi->pure = 3;
		fi->pure = pure_rec(pv, fn->body) ? 1 : 2;
	}
	return fi->pure == 1;
}

static bool local_lvalue(const struct ir_node *n)
{
	n = strip_casts(n);
	while (n && n->kind == IR_MEMBER && n->op == IR_OP_DOT && n->nkids == 1)
		n = strip_casts(n->kids[0]);
	return n && n->kind == IR_DECLREF && n->var && n->var->storage == IR_STORE_LOCAL;
}

static bool pure_rec(struct prover *pv, const struct ir_node *n)
{
	int i;

	if (!n)
		return true;
	/* a volatile read (READ_ONCE(), atomic_read()) may see another value next time */
	if (n->type & IR_TY_VOLATILE)
		return false;
	switch (n->kind) {
	case IR_ASM:
	case IR_INDIRECT_GOTO:
		return false;
	case IR_CALL:
		if (!n->name || !func_pure(pv, n->name))
			return false;
		break;
	case IR_BINARY:
		if (ir_op_is_assign(n->op) && !local_lvalue(n->kids[0]))
			return false;
		break;
	case IR_UNARY:
		if (ir_op_is_incdec(n->op) && !local_lvalue(n->kids[0]))
			return false;
		break;
	case IR_DECL:
		if (n->var && n->var->storage == IR_STORE_STATIC_LOCAL)
			return false;
		break;
	case IR_UNEVALUATED:
		return true;
	default:
		break;
	}
	for (i = 0; i < n->nkids; i++)
		if (!pure_rec(pv, n->kids[i]))
			return false;
	return true;
}

struct cb_scan {
	const char *callee;
	int param;
	struct ir_func **out;
	int n, max;
	bool bad;
};

static void cb_walk(struct prover *pv, const struct ir_node *n, struct cb_scan *cs)
{
	int i;

	if (!n || cs->bad)
		return;
	if (n->kind == IR_CALL && n->name && !strcmp(n->name, cs->callee)) {
		const struct ir_node *a = cs->param + 1 < n->nkids ? strip_casts(n->kids[cs->param + 1]) : NULL;
		struct ir_func *f;

		if (a && a->kind == IR_UNARY && a->op == IR_OP_ADDROF && a->nkids == 1)
			a = strip_casts(a->kids[0]);
		if (!a || a->kind != IR_DECLREF || a->var || !a->name ||
		    !(f = find_func(pv, a->name)) || !f->body) {
			cs->bad = true;
			return;
		}
		for (i = 0; i < cs->n; i++)
			if (cs->out[i] == f)
				break;
		if (i == cs->n) {
			if (cs->n == cs->max) {
				cs->bad = true;
				return;
			}
			cs->out[cs->n++] = f;
		}
	}
	for (i = 0; i < n->nkids; i++)
		cb_walk(pv, n->kids[i], cs);
}

/**
 * callback_targets - the functions parameter @param of @fn can hold: every caller is in
 * this file (static, address not taken) and passes a function of this file by name.
 * Returns how many (into @out), or -1 when they are not all known.
 */
int callback_targets(struct prover *pv, struct ir_func *fn, int param, struct ir_func **out, int max)
{
	struct cb_scan cs = { .callee = fn->name, .param = param, .out = out, .max = max };
	int i;

	if (!fn->is_static || finfo_of(pv, fn)->addr_taken)
		return -1;
	for (i = 0; i < pv->tu->nfuncs && !cs.bad; i++)
		cb_walk(pv, pv->tu->funcs[i]->body, &cs);
	return cs.bad || !cs.n ? -1 : cs.n;
}

/* Functions referenced other than as a direct callee: their callers are unknown. */
static void scan_refs(struct prover *pv, struct ir_node *n, struct ir_node *parent, int idx)
{
	int i;

	if (!n)
		return;
	if (n->kind == IR_DECLREF && !n->var && n->name && !(parent && parent->kind == IR_CALL && idx == 0)) {
		struct ir_func *f = find_func(pv, n->name);

		if (f)
			finfo_of(pv, f)->addr_taken = true;
	}
	if (n->kind == IR_CALL && n->name) {
		struct ir_func *f = find_func(pv, n->name);

		if (f)
			finfo_of(pv, f)->ncalls++;
	}
	for (i = 0; i < n->nkids; i++)
		scan_refs(pv, n->kids[i], n, i);
}

/*
 * The IR holds function bodies only: a static function whose name appears in an
 * initializer ({ .map = map_it }) looks uncalled. Read the main file: a static
 * function's name not followed by "(" (nor written as a member) has its address
 * taken, so its callers are unknown. Comments can only make this more cautious.
 */
static void scan_text_refs(struct prover *pv)
{
	struct ir_tu *tu = pv->tu;
	char *text, *err = NULL;
	int i;

	text = tu->main_file ? read_file(tu->main_file, NULL, &err) : NULL;
	free(err);
	if (!text)
		return;
	for (i = 0; i < tu->nfuncs; i++) {
		struct ir_func *fn = tu->funcs[i];
		size_t n = strlen(fn->name);
		const char *p;

		if (!fn->is_static || !fn->in_main_file)
			continue;
		for (p = strstr(text, fn->name); p; p = strstr(p + n, fn->name)) {
			const char *q = p + n;

			if ((p > text && c_ident_char(p[-1])) || c_ident_char(*q))
				continue;
			if (p > text && (p[-1] == '.' || (p > text + 1 && p[-1] == '>' && p[-2] == '-')))
				continue;
			while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\\')
				q++;
			if (*q != '(') {
				finfo_of(pv, fn)->addr_taken = true;
				break;
			}
		}
	}
	free(text);
}

/* ---- verdicts ---------------------------------------------------------------- */

struct result {
	enum verdict v;
	const char *reason;
	const char *unknown_callee;
};

static const char *lines_of(struct prover *pv, const int *ps, int n)
{
	struct strbuf sb;
	char *s;
	int i;

	sb_init(&sb);
	for (i = 0; i < n; i++)
		sb_addf(&sb, "%s%d", i == 0 ? "" : i == n - 1 ? " and " : ", ", pv->ps[ps[i]].line);
	s = arena_strdup(pv->arena, sb.buf ? sb.buf : "");
	sb_free(&sb);
	return s;
}

/* The unmap pseudo-sites that release map @ps. */
static int unmaps_of(struct prover *pv, int ps, int *out, int max)
{
	int n = 0, i, j;

	for (i = 0; i < pv->nps && n < max; i++) {
		const struct facts *f = &pv->ps[i].f;

		if (!fam_is_unmap(pv->ps[i].fam))
			continue;
		for (j = 0; j < f->npartners; j++)
			if (f->partners[j] == ps) {
				out[n++] = i;
				break;
			}
	}
	return n;
}

static const char *needs_text(struct prover *pv, const struct facts *f)
{
	bool pf = f->needs & RULES_NEEDS_PAGEFAULT, pre = f->needs & RULES_NEEDS_PREEMPT;
	/* only calls the proof could not see into (atomic_unknown_call()) */
	const char *may = !(f->needs & ~f->needs_guess) ? "may rely" : "relies";

	if (pf && pre && f->needs_line[0] == f->needs_line[1] &&
	    !strcmp(f->needs_op[0], f->needs_op[1]))
		return arena_printf(pv->arena, "%s on page faults and preemption disabled (%s at line %d)",
				    may, f->needs_op[0], f->needs_line[0]);
	if (pf && pre)
		return arena_printf(pv->arena,
				    "%s on page faults and preemption disabled (%s at line %d, %s at line %d)",
				    may, f->needs_op[0], f->needs_line[0], f->needs_op[1], f->needs_line[1]);
	if (pf)
		return arena_printf(pv->arena, "%s on page faults disabled (%s at line %d)",
				    may, f->needs_op[0], f->needs_line[0]);
	return arena_printf(pv->arena, "%s on preemption disabled (%s at line %d)",
			    may, f->needs_op[1], f->needs_line[1]);
}

static const char *plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "1 path", "12 paths"; the count stops at PATHS_CAP (prove_flow.c): "10^9 or more paths". */
static const char *paths_text(struct prover *pv, int n)
{
	if (n >= PATHS_CAP)
		return PATHS_CAP_TEXT " paths";
	return arena_printf(pv->arena, "%d %s", n, plural(n, "path", "paths"));
}

/*
 * "page_address() at line N is the mapping's address ...": a bare kmap() whose next
 * statement stores page_address() of the page, which the walk followed as the address
 * and nothing made unconvertible; NULL otherwise.
 */
static const char *pa_note(struct prover *pv, const struct psite *p, bool with_var)
{
	if (!p->pa_call || !p->f.pa_reached || p->f.via_page_address)
		return NULL;
	if (with_var)
		return arena_printf(pv->arena,
			"page_address() at line %d is the mapping's address, kept in %s until each kunmap(); becomes kmap_local_page(), and kunmap() kunmap_local(%s)",
			p->pa_call->loc.line, p->pa_var->name, p->pa_var->name);
	return arena_printf(pv->arena,
			    "page_address() at line %d is the mapping's address; becomes kmap_local_page()",
			    p->pa_call->loc.line);
}

/* The verdict of map pseudo-site @ps from its facts. */
static struct result map_verdict(struct prover *pv, int ps)
{
	struct psite *p = &pv->ps[ps];
	struct facts *f = &p->f;
	struct finfo *fi = finfo_of(pv, p->fn);
	struct result r = { V_UNKNOWN, NULL, NULL };
	const char *via = "";
	bool balanced;

	if (fi->opaque && !(fi->overflowed && (f->order || f->escape))) {
		r.reason = fi->opaque_why;
		return r;
	}
	if (p->unresolved) {
		r.reason = arena_printf(pv->arena,
			"the expansion of %s() shows no call that maps (rules/families.rules names implementations with kind impl)",
			p->api);
		return r;
	}
	if (f->returned_line) {
		if (f->ret_open) {
			r.v = f->ret_open_def ? V_CROSS_THREAD : V_UNKNOWN;
			r.reason = arena_printf(pv->arena, "the address is returned by %s() (line %d), %s",
						f->ret_open, f->ret_open_line, f->ret_open_why);
			return r;
		}
		if (!f->ncallers) {
			r.reason = arena_printf(pv->arena,
				"the address is returned by %s() (line %d), which nothing in this file calls",
				p->fn->name, f->returned_line);
			return r;
		}
		via = arena_printf(pv->arena, "%s by %s() to %s%s; ",
				   f->out_handed ? "passed out" : "returned", p->fn->name, f->callers[0],
				   f->ncallers > 1 ? " and others" : "");
	}
	if (!f->reached && !f->pair_unknown) {
		r.reason = "no path of the proof reaches this call";
		return r;
	}
	if (f->live_exit && !f->leak) {
		int un[4], n = unmaps_of(pv, ps, un, 4), k;

		/* released by this function on other paths: this path forgot to */
		for (k = 0; k < n; k++)
			if (pv->ps[un[k]].fn == p->fn) {
				f->leak = f->live_exit;
				f->leak_line = f->live_exit_line;
				f->live_exit = NULL;
				break;
			}
	}
	balanced = !f->pair_unknown && !f->leak && !f->leak_maybe && !f->use_after_line && !f->dbl_line && !f->wrong_unmap && !f->too_deep &&
		   !f->live_exit && !f->passed && !f->returned_line;
	if (!fi->opaque && f->npush_low && !f->npush_high && balanced && !f->needs) {
		r.v = V_LOWMEM;
		r.reason = arena_printf(pv->arena, "%s: page_address() is enough", f->low_why);
		return r;
	}
	if (f->order) {
		struct result o = { V_ORDER, NULL, NULL };

		o.reason = arena_printf(pv->arena, "%snot released in LIFO order: %s() at line %d is also live when line %d unmaps%s",
					via, f->order_other_api, f->order_other_line, f->order_unmap_line,
					f->order_today ? "" :
					p->fam == FAM_MAP_GLOBAL
					? " (legal for kmap(), but kmap_local_page() needs LIFO)"
					: " (legal while the other stays kmap(), but not once it becomes kmap_local_page())");
		return o;
	}
	if (f->too_deep && !f->too_deep_loop) {
		r.v = V_UNBALANCED;
		r.reason = arena_printf(pv->arena, "%s%s", via, f->too_deep);
		return r;
	}
	if (f->escape) {
		r.v = V_CROSS_THREAD;
		r.reason = arena_printf(pv->arena, "%sthe address escapes: %s at line %d", via, f->escape,
					f->escape_line);
		return r;
	}
	/* a path the proof could not follow may be why another seems to leak */
	if (f->pair_unknown) {
		r.reason = arena_printf(pv->arena, "%s%s", via, f->too_deep ? f->too_deep : f->pair_unknown);
		return r;
	}
	if (f->use_after_line) {
		r.v = V_UNBALANCED;
		r.reason = arena_printf(pv->arena, "%sthe address is used after the unmap (line %d)", via,
					f->use_after_line);
		return r;
	}
	if (f->leak || f->dbl_line || f->wrong_unmap) {
		r.v = V_UNBALANCED;
		if (f->leak)
			r.reason = arena_printf(pv->arena, "%sleaks: %s", via, f->leak);
		else if (f->dbl_line)
			r.reason = arena_printf(pv->arena, "%sunmapped twice (again at line %d)", via, f->dbl_line);
		else
			r.reason = arena_printf(pv->arena, "%s%s, which does not match %s()", via,
						f->wrong_unmap, p->api);
		return r;
	}
	if (f->too_deep) {
		r.reason = arena_printf(pv->arena, "%s%s", via, f->too_deep);
		return r;
	}
	if (f->leak_maybe) {
		r.reason = arena_printf(pv->arena, "%smay leak: %s", via, f->leak_maybe);
		return r;
	}
	if (f->via_page_address) {
		r.reason = arena_printf(pv->arena, "%s%s", via, f->via_page_address);
		return r;
	}
	if (f->live_exit) {
		r.reason = arena_printf(pv->arena, "%sthe mapping outlives the function: %s; another function releases it",
					via, f->live_exit);
		return r;
	}
	if (f->passed) {
		r.reason = arena_printf(pv->arena, "%s%s", via, f->passed);
		return r;
	}
	if (f->esc_unknown) {
		r.reason = arena_printf(pv->arena, "%sthe address is %s at line %d", via, f->esc_unknown,
					f->esc_unknown_line);
		r.unknown_callee = f->esc_callee;
		return r;
	}
	if (f->needs && p->fam == FAM_MAP_ATOMIC) {
		r.v = V_SAFE_NEEDS_DISABLE;
		r.reason = arena_printf(pv->arena, "%sthread-local, LIFO on %s; the region %s", via,
					paths_text(pv, f->paths), needs_text(pv, f));
		return r;
	}
	r.v = V_SAFE;
	r.reason = arena_printf(pv->arena, "%sthread-local, LIFO on %s", via, paths_text(pv, f->paths));
	if (pa_note(pv, p, false))
		r.reason = arena_printf(pv->arena, "%s; %s", r.reason, pa_note(pv, p, false));
	if (f->sleep_op && p->fam == FAM_MAP_ATOMIC)
		r.reason = arena_printf(pv->arena, "%s; the region calls %s at line %d, which may sleep (a bug under kmap_atomic(), fine under kmap_local_page())",
					r.reason, f->sleep_op, f->sleep_line);
	return r;
}

static const int verdict_rank[V_COUNT] = {
	[V_UNKNOWN] = 6, [V_ORDER] = 5, [V_UNBALANCED] = 4, [V_CROSS_THREAD] = 3,
	[V_SAFE_NEEDS_DISABLE] = 2, [V_LOWMEM] = 1, [V_SAFE] = 0,
};

/* The verdict of unmap pseudo-site @ps: that of the mappings it releases. */
static struct result unmap_verdict(struct prover *pv, int ps, struct result *maps)
{
	struct psite *p = &pv->ps[ps];
	struct facts *f = &p->f;
	struct finfo *fi = finfo_of(pv, p->fn);
	struct result r = { V_UNKNOWN, NULL, NULL };
	int i, worst = -1;

	if (fi->opaque) {
		r.reason = fi->opaque_why;
		return r;
	}
	if (p->unresolved) {
		r.reason = arena_printf(pv->arena,
			"the expansion of %s() shows no call that unmaps (rules/families.rules names implementations with kind impl)",
			p->api);
		return r;
	}
	if ((f->unmap_foreign || f->unmap_param) && !f->npartners && f->unmap_foreign_key) {
		/* made in another function: the maps whose page or address went to that field */
		for (i = 0; i < pv->nps && f->npartners < (int)ARRAY_SIZE(f->partners); i++) {
			const struct facts *m = &pv->ps[i].f;
			const char *fld = p->fam == FAM_UNMAP_GLOBAL ? m->page_field : m->escape_field;

			if (fam_unmap_of(pv->ps[i].fam) == p->fam && fld &&
			    !strcmp(fld, f->unmap_foreign_key))
				f->partners[f->npartners++] = i;
		}
		if (f->npartners) {
			for (i = 0; i < f->npartners; i++)
				if (worst < 0 || verdict_rank[maps[f->partners[i]].v] > verdict_rank[maps[worst].v])
					worst = f->partners[i];
			r.v = maps[worst].v;
			r.reason = arena_printf(pv->arena,
				"releases the %s of line %s, made in another function (matched by ->%s)",
				plural(f->npartners, "mapping", "mappings"),
				lines_of(pv, f->partners, f->npartners), f->unmap_foreign_key);
			r.unknown_callee = maps[worst].unknown_callee;
			return r;
		}
	}
	if (f->unmap_param && !f->npartners && (!p->fn->is_static || fi->addr_taken)) {
		r.reason = arena_printf(pv->arena,
			"releases the mapping its caller passes to %s(), which %s: its callers are unknown",
			p->fn->name, fi->addr_taken ? "is used by address" : "is not static");
		return r;
	}
	if (f->unmap_unresolved) {
		r.reason = f->npartners
			? arena_printf(pv->arena, "releases the mapping of line %s on some paths; on others the proof cannot tell which",
				       lines_of(pv, f->partners, f->npartners))
			: "cannot tell which mapping it releases";
		return r;
	}
	if (!f->npartners) {
		if (f->unmap_param)
			r.reason = arena_printf(pv->arena, "releases the mapping its caller passes to %s(); no caller in this file",
						p->fn->name);
		else if (f->unmap_foreign)
			r.reason = arena_printf(pv->arena, "releases a mapping made outside %s()", p->fn->name);
		else if (!f->reached)
			r.reason = "no path of the proof reaches this call";
		else
			r.reason = "cannot tell which mapping it releases";
		return r;
	}
	for (i = 0; i < f->npartners; i++)
		if (worst < 0 || verdict_rank[maps[f->partners[i]].v] > verdict_rank[maps[worst].v])
			worst = f->partners[i];
	r.v = maps[worst].v;
	r.unknown_callee = maps[worst].unknown_callee;
	if (f->dbl_line) {
		r.v = V_UNBALANCED;
		r.reason = arena_printf(pv->arena, "releases the mapping of line %s a second time",
					lines_of(pv, f->partners, f->npartners));
		return r;
	}
	if (f->unmap_foreign) {
		r.v = V_UNKNOWN;
		r.reason = arena_printf(pv->arena, "releases the mapping of line %s on some paths, one made elsewhere on others",
					lines_of(pv, f->partners, f->npartners));
		return r;
	}
	r.reason = arena_printf(pv->arena, "releases the %s of line %s",
				plural(f->npartners, "mapping", "mappings"),
				lines_of(pv, f->partners, f->npartners));
	return r;
}

/* ---- getter/putter pairs ------------------------------------------------------ */

/* The parent of @target inside @n, casts skipped, or NULL. */
static const struct ir_node *parent_of(const struct ir_node *n, const struct ir_node *target)
{
	const struct ir_node *r;
	int i;

	if (!n)
		return NULL;
	for (i = 0; i < n->nkids; i++) {
		if (strip_casts(n->kids[i]) == target)
			return n;
		if ((r = parent_of(n->kids[i], target)))
			return r;
	}
	return NULL;
}

/*
 * The parameter of put-style wrapper unmap @u that kunmap_local() can take, or -1:
 * a kunmap() of the wrapper's own page parameter, released on every path, the
 * wrapper static and called directly only, and at every call that released a
 * mapping one other parameter carried that mapping's start (putter_address()).
 */
static int putter_param(struct prover *pv, int u)
{
	const struct psite *up = &pv->ps[u];
	const struct facts *f = &up->f;
	const struct finfo *fi = finfo_of(pv, up->fn);

	if (strcmp(up->api, "kunmap") || (up->call->loc.macro && strcmp(up->call->loc.macro, "kunmap")) ||
	    !f->unmap_param || f->unmap_unresolved || f->unmap_foreign || f->dbl_line ||
	    !f->addr_seen || f->addr_refused || !f->addr_params)
		return -1;
	if (!up->fn->is_static || !up->fn->in_main_file || fi->addr_taken ||
	    !(fi->unmaps_all & (1u << (f->unmap_param - 1))))
		return -1;
	if (f->addr_params & (f->addr_params - 1))
		return -1;	/* two parameters carry it: no telling which the author meant */
	return __builtin_ctz(f->addr_params);
}

/*
 * Getter/putter pairs: a static function returns kmap()'s address ("return
 * kmap(page);"), and a static function's kunmap(page) releases it, the callers
 * handing the address back as another argument. kmap_local_page() in the getter
 * and kunmap_local(address parameter) in the putter convert the pair; that needs
 * every unmap of each such mapping to be such a putter's, and every mapping such a
 * putter releases to be such a getter's, all of them safe, or none converts.
 */
static void pair_decide(struct prover *pv, const struct result *res)
{
	bool *ok = xcalloc(pv->nps + 1, sizeof(bool)), changed = true;
	int m, k, un[16], n;

	for (m = 0; m < pv->nps; m++) {
		const struct psite *p = &pv->ps[m];
		const struct ir_node *ret;

		ok[m] = fam_is_map(p->fam) && res[m].v == V_SAFE && !strcmp(p->api, "kmap") &&
			(!p->call->loc.macro || !strcmp(p->call->loc.macro, "kmap")) && !p->dup_of &&
			p->f.returned_line && !p->f.out_handed && p->fn->is_static &&
			p->fn->in_main_file && !p->pa_call;
		/* "return kmap(page);" itself, the statement the rule rewrites: walked last */
		ok[m] = ok[m] && (ret = parent_of(p->fn->body, p->call)) && ret->kind == IR_RETURN;
	}
	while (changed) {
		changed = false;
		for (m = 0; m < pv->nps; m++) {
			if (!ok[m])
				continue;
			n = unmaps_of(pv, m, un, 16);
			for (k = 0; k < n && ok[m]; k++) {
				const struct psite *up = &pv->ps[un[k]];
				int j;

				if (n == 16 || up->fn == pv->ps[m].fn || putter_param(pv, un[k]) < 0) {
					ok[m] = false;
					pv->ps[m].pair_why = up->f.addr_refused ? up->f.addr_refused :
						arena_printf(pv->arena, "%s() at line %d in %s() %s", up->api,
							     up->line, up->fn->name,
							     up->f.addr_seen ? "cannot take kunmap_local() of one parameter"
									      : "releases it where the address is not handed back");
				}
				for (j = 0; j < up->f.npartners && ok[m]; j++)
					if (!ok[up->f.partners[j]]) {
						ok[m] = false;
						pv->ps[m].pair_why = arena_printf(pv->arena,
							"%s() at line %d in %s() also releases the mapping of line %d, which cannot convert",
							up->api, up->line, up->fn->name, pv->ps[up->f.partners[j]].line);
					}
			}
			if (!n)
				ok[m] = false;
			changed |= !ok[m];
		}
	}
	for (m = 0; m < pv->nps; m++) {
		if (!ok[m])
			continue;
		n = unmaps_of(pv, m, un, 16);
		pv->ps[m].pair_unmap = un[0] + 1;
		for (k = 0; k < n; k++)
			pv->ps[un[k]].pair_param = putter_param(pv, un[k]) + 1;
	}
	free(ok);
}

/* "kunmap() in f() becomes kunmap_local(kaddr), ..." for a pair's site, or NULL. */
static const char *pair_note(struct prover *pv, int ps)
{
	const struct psite *p = &pv->ps[ps];
	const struct psite *u;

	if (p->pair_unmap) {
		u = &pv->ps[p->pair_unmap - 1];
		return arena_printf(pv->arena,
			"a getter/putter pair: becomes kmap_local_page(), and kunmap() in %s() (line %d) kunmap_local(%s), the address every caller hands back",
			u->fn->name, u->line, u->fn->params[u->pair_param - 1]->name);
	}
	if (p->pair_param)
		return arena_printf(pv->arena,
			"becomes kunmap_local(%s): every call that releases a mapping passes as %s the address the getter returned",
			p->fn->params[p->pair_param - 1]->name, p->fn->params[p->pair_param - 1]->name);
	if (p->pair_why)
		return arena_printf(pv->arena, "no getter/putter pair to convert: %s", p->pair_why);
	return NULL;
}

/* ---- evidence and proof text ------------------------------------------------- */

static void ev_add(struct strbuf *sb, bool *first, const char *kind, int line, const char *text)
{
	sb_add(sb, *first ? "{" : ",{");
	*first = false;
	sb_add(sb, "\"kind\":");
	sb_add_json_string(sb, kind);
	sb_addf(sb, ",\"line\":%d", line);
	if (text) {
		sb_add(sb, ",\"text\":");
		sb_add_json_string(sb, text);
	}
	sb_addc(sb, '}');
}

static const char *map_evidence(struct prover *pv, int ps)
{
	const struct psite *p = &pv->ps[ps];
	const struct facts *f = &p->f;
	struct strbuf sb;
	bool first = true;
	int un[16], nun, i;
	char *s;

	sb_init(&sb);
	sb_addc(&sb, '[');
	ev_add(&sb, &first, "map", p->line, p->api);
	nun = unmaps_of(pv, ps, un, 16);
	for (i = 0; i < nun; i++)
		ev_add(&sb, &first, "unmap", pv->ps[un[i]].line, pv->ps[un[i]].api);
	if (f->returned_line)
		ev_add(&sb, &first, "return", f->returned_line, "the address is returned");
	for (i = 0; i < f->ncallers; i++)
		ev_add(&sb, &first, "caller", 0, f->callers[i]);
	if (f->order) {
		ev_add(&sb, &first, "map", f->order_other_line, f->order_other_api);
		ev_add(&sb, &first, "order", f->order_unmap_line, "unmapped out of LIFO order");
	}
	if (f->leak)
		ev_add(&sb, &first, "leak", f->leak_line, f->leak);
	if (f->leak_maybe)
		ev_add(&sb, &first, "leak", f->leak_maybe_line, f->leak_maybe);
	if (f->dbl_line)
		ev_add(&sb, &first, "double-unmap", f->dbl_line, NULL);
	if (f->use_after_line)
		ev_add(&sb, &first, "use-after-unmap", f->use_after_line, NULL);
	if (f->via_page_address)
		ev_add(&sb, &first, "page-address", f->via_page_address_line, f->via_page_address);
	else if (pa_note(pv, p, true))
		ev_add(&sb, &first, "page-address", p->pa_call->loc.line, pa_note(pv, p, true));
	if (f->wrong_unmap)
		ev_add(&sb, &first, "wrong-unmap", f->wrong_unmap_line, f->wrong_unmap);
	if (f->too_deep)
		ev_add(&sb, &first, "depth", f->too_deep_line, f->too_deep);
	if (f->escape)
		ev_add(&sb, &first, "escape", f->escape_line, f->escape);
	if (f->esc_unknown)
		ev_add(&sb, &first, "unknown", f->esc_unknown_line, f->esc_unknown);
	if (f->pair_unknown)
		ev_add(&sb, &first, "unknown", f->pair_unknown_line, f->pair_unknown);
	if (f->live_exit)
		ev_add(&sb, &first, "live-at-return", f->live_exit_line, f->live_exit);
	if (f->passed)
		ev_add(&sb, &first, "live-at-return", f->passed_line, f->passed);
	for (i = 0; i < 2; i++)
		if (f->needs_op[i])
			ev_add(&sb, &first, i == 0 ? "needs-pagefault-disable" : "needs-preempt-disable",
			       f->needs_line[i], f->needs_op[i]);
	if (f->sleep_op)
		ev_add(&sb, &first, "may-sleep", f->sleep_line, f->sleep_op);
	if (f->low_why)
		ev_add(&sb, &first, "lowmem", p->line, f->low_why);
	if (p->pair_unmap)
		ev_add(&sb, &first, "pair", pv->ps[p->pair_unmap - 1].line, p->pair_text);
	sb_addc(&sb, ']');
	s = arena_strdup(pv->arena, sb.buf);
	sb_free(&sb);
	return s;
}

static const char *unmap_evidence(struct prover *pv, int ps)
{
	const struct psite *p = &pv->ps[ps];
	struct strbuf sb;
	bool first = true;
	int i;
	char *s;

	sb_init(&sb);
	sb_addc(&sb, '[');
	ev_add(&sb, &first, "unmap", p->line, p->api);
	for (i = 0; i < p->f.npartners; i++)
		ev_add(&sb, &first, "map", pv->ps[p->f.partners[i]].line, pv->ps[p->f.partners[i]].api);
	if (p->f.dbl_line)
		ev_add(&sb, &first, "double-unmap", p->f.dbl_line, NULL);
	if (p->pair_param)
		ev_add(&sb, &first, "address", p->line, p->fn->params[p->pair_param - 1]->name);
	sb_addc(&sb, ']');
	s = arena_strdup(pv->arena, sb.buf);
	sb_free(&sb);
	return s;
}

static const char *fam_words(enum family_kind k)
{
	switch (k) {
	case FAM_MAP_GLOBAL:
		return "global pool (kmap): valid in every thread, any order";
	case FAM_MAP_ATOMIC:
		return "per-task stack (kmap_atomic): LIFO, preemption and page faults disabled";
	case FAM_MAP_LOCAL:
		return "per-task stack (kmap_local): LIFO, thread-local";
	default:
		return "";
	}
}

static const char *map_proof(struct prover *pv, int ps, const struct result *r)
{
	const struct psite *p = &pv->ps[ps];
	const struct facts *f = &p->f;
	const char *file = pv->tu->files && p->call->loc.file < pv->tu->nfiles
		? pv->tu->files[p->call->loc.file] : "?";
	struct strbuf sb;
	int un[16], nun, i;
	char *s;

	sb_init(&sb);
	sb_addf(&sb, "%s() at %s:%d in %s(): verdict %s\n", p->api, file, p->line, p->fn->name,
		verdict_name(r->v));
	sb_addf(&sb, "  reason: %s\n", r->reason);
	sb_addf(&sb, "  kind: %s\n", fam_words(p->fam));
	nun = unmaps_of(pv, ps, un, 16);
	if (nun) {
		sb_add(&sb, "  pairing: released by");
		for (i = 0; i < nun; i++)
			sb_addf(&sb, "%s %s() at line %d%s", i ? "," : "", pv->ps[un[i]].api,
				pv->ps[un[i]].line,
				pv->ps[un[i]].fn != p->fn ? arena_printf(pv->arena, " in %s()",
									 pv->ps[un[i]].fn->name) : "");
		sb_addc(&sb, '\n');
	} else {
		sb_add(&sb, "  pairing: no unmap in this file releases it\n");
	}
	if (f->returned_line)
		sb_addf(&sb, "  wrapper: the address is returned at line %d; callers: %s%s\n",
			f->returned_line, f->ncallers ? f->callers[0] : "none",
			f->ncallers > 1 ? " and others" : "");
	sb_addf(&sb, "  paths: %s from entry to a return pass this map (loops taken at most once)\n",
		paths_text(pv, f->paths));
	if (f->order)
		sb_addf(&sb, "  order: %s() at line %d is live when line %d unmaps: not LIFO%s\n",
			f->order_other_api, f->order_other_line, f->order_unmap_line,
			f->order_today ? " (a bug in today's code)" : " (matters once converted)");
	else if (f->reached)
		sb_add(&sb, "  order: every unmap on every path releases the most recent live mapping\n");
	if (f->leak)
		sb_addf(&sb, "  balance: leaks, %s\n", f->leak);
	if (f->leak_maybe)
		sb_addf(&sb, "  balance: may leak, %s\n", f->leak_maybe);
	if (f->dbl_line)
		sb_addf(&sb, "  balance: unmapped twice, again at line %d\n", f->dbl_line);
	if (f->use_after_line)
		sb_addf(&sb, "  balance: the address is used after the unmap, at line %d\n", f->use_after_line);
	if (f->via_page_address)
		sb_addf(&sb, "  pairing: %s\n", f->via_page_address);
	else if (pa_note(pv, p, true))
		sb_addf(&sb, "  pairing: %s\n", pa_note(pv, p, true));
	if (f->wrong_unmap)
		sb_addf(&sb, "  balance: %s\n", f->wrong_unmap);
	if (f->too_deep)
		sb_addf(&sb, "  depth: %s\n", f->too_deep);
	if (f->live_exit)
		sb_addf(&sb, "  balance: %s\n", f->live_exit);
	if (f->passed)
		sb_addf(&sb, "  balance: %s\n", f->passed);
	if (f->escape)
		sb_addf(&sb, "  thread: escapes, %s at line %d\n", f->escape, f->escape_line);
	else if (f->esc_unknown)
		sb_addf(&sb, "  thread: not followed, %s at line %d\n", f->esc_unknown, f->esc_unknown_line);
	else if (f->reached)
		sb_add(&sb, "  thread: the address stays in locals and in calls that keep nothing\n");
	if (f->pair_unknown)
		sb_addf(&sb, "  stopped: %s\n", f->pair_unknown);
	if (p->fam == FAM_MAP_ATOMIC) {
		if (f->needs)
			sb_addf(&sb, "  atomic: the region %s\n", needs_text(pv, f));
		else
			sb_add(&sb, "  atomic: nothing in the region needs page faults or preemption disabled\n");
		if (f->sleep_op)
			sb_addf(&sb, "  atomic: %s at line %d may sleep\n", f->sleep_op, f->sleep_line);
	}
	if (f->npush_low && !f->npush_high)
		sb_addf(&sb, "  lowmem: %s\n", f->low_why);
	else if (f->npush_low)
		sb_addf(&sb, "  lowmem: lowmem on some paths only (%s)\n", f->low_why);
	else
		sb_add(&sb, "  lowmem: the page may be highmem\n");
	if (sb.len && sb.buf[sb.len - 1] == '\n')
		sb.buf[--sb.len] = '\0';
	s = arena_strdup(pv->arena, sb.buf);
	sb_free(&sb);
	return s;
}

static const char *simple_proof(struct prover *pv, int ps, const struct result *r)
{
	const struct psite *p = &pv->ps[ps];
	const char *file = pv->tu->files && p->call->loc.file < pv->tu->nfiles
		? pv->tu->files[p->call->loc.file] : "?";

	return arena_printf(pv->arena, "%s() at %s:%d in %s(): verdict %s\n  reason: %s", p->api, file,
			    p->line, p->fn->name, verdict_name(r->v), r->reason);
}

/* ---- summaries ----------------------------------------------------------------- */

struct summary_table {
	int n;
	struct func_summary *s;
};

static void fill_summary(struct prover *pv, struct finfo *fi, struct func_summary *out)
{
	struct ir_func *fn = fi->fn;
	unsigned int all = 0;
	int i;

	memset(out, 0, sizeof(*out));
	out->name = fn->name;
	out->file = pv->tu->files && fn->loc.file < pv->tu->nfiles ? pv->tu->files[fn->loc.file]
								  : pv->tu->main_file;
	out->maps = out->unmaps = false;
	for (i = 0; i < pv->nps; i++) {
		if (pv->ps[i].fn != fn)
			continue;
		if (fam_is_map(pv->ps[i].fam))
			out->maps = true;
		if (fam_is_unmap(pv->ps[i].fam))
			out->unmaps = true;
	}
	if (fi->opaque)
		return;
	for (i = 0; i < fn->nparams && i < 32; i++)
		if (fn->params[i])
			all |= 1u << i;
	out->escapes = fi->esc_def | fi->reach_def;
	out->derefs_only = all & ~(fi->esc_def | fi->esc_unk | fi->reach_def | fi->reach_unk);
	out->returns_mapping = fi->ret_map_ps >= 0;
	out->may_sleep = fi->may_sleep;
	out->needs = fi->needs | (fi->needs_guess << SUMMARY_NEEDS_GUESS_SHIFT);
	out->needs_atomic = fi->needs != 0;
	out->returns_param = fi->ret_param;
	out->unmaps_param = fi->unmaps_any == fi->unmaps_all ? fi->unmaps_all : 0;
	if (out->unmaps_param)
		out->unmaps = true;
}

/*
 * Pseudo-sites 0 .. nsites-1 are the reported sites, in order. A site the front end
 * found through a macro is anchored on the call that really maps or unmaps; when the
 * expansion shows none, the site stays unresolved (verdict unknown).
 */
static void make_site_psites(struct prover *pv)
{
	struct ir_tu *tu = pv->tu;
	int i;

	for (i = 0; i < tu->nsites; i++) {
		struct ir_site *site = &tu->sites[i];
		struct ir_node *call = site->call;
		const char *api = family_api(pv->rules, call);
		bool resolved = api && rules_family(pv->rules, api) == rules_family(pv->rules, site->api);

		if (!resolved) {
			call = find_site_call(pv->rules, site->func->body, site);
			resolved = call != NULL;
		}
		if (resolved && ps_of_call(pv, call) < 0) {
			ps_new(pv, call, site->func, site->api);
		} else {
			ps_new_unhashed(pv, site->call, site->func, site->api);
			/* a second site the front end found in the same expansion */
			if (resolved)
				pv->ps[i].dup_of = ps_of_call(pv, call) + 1;
		}
		pv->ps[i].site = site;
		pv->ps[i].unresolved = !resolved;
		if (rules_family(pv->rules, site->api) == FAM_NONE)
			pv->ps[i].unresolved = true;
	}
}

static void prover_init(struct prover *pv, struct ir_tu *tu, const struct prove_ctx *ctx)
{
	memset(pv, 0, sizeof(*pv));
	pv->tu = tu;
	pv->ctx = ctx;
	pv->rules = ctx->rules;
	pv->arena = tu->arena;
}

static void prover_free(struct prover *pv)
{
	free(pv->ps);
	free(pv->hash);
	free(pv->fi);
	free(pv->fihash);
	free(pv->keys);
	free(pv->khash);
	free(pv->lowvars);
	free(pv->fcache);
	pv_free(&pv->lowwhy);
	pv_free(&pv->strs);
}

/**
 * prove_tu - decide a verdict for every site of @tu.
 * @tu: the translation unit; its sites are updated in place, and the summaries of
 *      its functions are kept for summarize_func().
 * @ctx: the rules and the cross-file summary lookup.
 *
 * Every function is analysed once, callees before callers when needed; facts from
 * callers of get/put-style wrappers land on the wrapper's sites. Strings live in
 * @tu's arena.
 */
void prove_tu(struct ir_tu *tu, const struct prove_ctx *ctx)
{
	struct prover pv;
	struct result *res;
	struct summary_table *tab;
	int i, ps;

	prover_init(&pv, tu, ctx);
	make_site_psites(&pv);
	for (i = 0; i < tu->nfuncs; i++)
		scan_refs(&pv, tu->funcs[i]->body, NULL, 0);
	scan_text_refs(&pv);
	/* tu->funcs may grow while callees are lowered on demand: index, do not cache */
	for (i = 0; i < tu->nfuncs; i++)
		if (tu->funcs[i]->body)
			finfo_analysed(&pv, tu->funcs[i]);
	for (i = 0; i < tu->nsites; i++)
		if (!finfo_of(&pv, tu->sites[i].func)->status)
			finfo_analysed(&pv, tu->sites[i].func);

	res = xcalloc(pv.nps + 1, sizeof(*res));
	for (ps = 0; ps < pv.nps; ps++)
		if (fam_is_map(pv.ps[ps].fam))
			res[ps] = map_verdict(&pv, ps);
	for (ps = 0; ps < pv.nps; ps++)
		if (fam_is_unmap(pv.ps[ps].fam))
			res[ps] = unmap_verdict(&pv, ps, res);
	for (ps = 0; ps < pv.nps; ps++)
		if (pv.ps[ps].dup_of) {
			res[ps] = res[pv.ps[ps].dup_of - 1];
			pv.ps[ps].f = pv.ps[pv.ps[ps].dup_of - 1].f;
		}
	pair_decide(&pv, res);
	for (ps = 0; ps < pv.nps; ps++)
		if ((pv.ps[ps].pair_text = pair_note(&pv, ps)))
			res[ps].reason = arena_printf(pv.arena, "%s; %s", res[ps].reason,
						      pv.ps[ps].pair_text);
	for (i = 0; i < tu->nsites; i++) {
		struct ir_site *site = &tu->sites[i];
		struct psite *p = &pv.ps[i];
		struct result *r = &res[i];

		site->needs = 0;
		site->partner_line = 0;
		site->escape_callee = NULL;
		if (p->fam == FAM_HELPER) {
			r->v = V_SAFE;
			r->reason = "maps and unmaps inside the call";
			site->paths = 0;
			site->evidence = arena_printf(tu->arena, "[{\"kind\":\"helper\",\"line\":%d}]", p->line);
			site->proof = simple_proof(&pv, i, r);
		} else if (fam_is_map(p->fam)) {
			site->paths = p->f.paths;
			site->evidence = map_evidence(&pv, i);
			site->proof = map_proof(&pv, i, r);
			if (r->v == V_SAFE_NEEDS_DISABLE)
				site->needs = p->f.needs;
		} else {
			site->paths = p->f.npartners ? pv.ps[p->f.partners[0]].f.paths : 0;
			site->partner_line = p->f.npartners ? pv.ps[p->f.partners[0]].line : 0;
			site->evidence = unmap_evidence(&pv, i);
			site->proof = simple_proof(&pv, i, r);
			if (r->v == V_SAFE_NEEDS_DISABLE && p->f.npartners)
				site->needs = pv.ps[p->f.partners[0]].f.needs;
		}
		site->verdict = r->v;
		site->reason = r->reason ? r->reason : "no proof";
		site->escape_callee = r->unknown_callee;
	}

	tab = arena_alloc(tu->arena, sizeof(*tab));
	tab->s = arena_alloc(tu->arena, (pv.nfi + 1) * sizeof(*tab->s));
	for (i = 0; i < pv.nfi; i++)
		if (pv.fi[i]->status == 2)
			fill_summary(&pv, pv.fi[i], &tab->s[tab->n++]);
	tu->prove_summaries = tab;
	free(res);
	prover_free(&pv);
}

/**
 * summarize_func - the summary of one function defined in @tu, for the store.
 * @tu: the translation unit (after prove_tu(), its summaries are reused)
 * @fn: a function of @tu
 * @ctx: the rules and the cross-file summary lookup
 * @out: filled; its strings point into @tu's arena
 *
 * Bit i of the masks is parameter i (0-based). A function that could not be
 * followed has empty escapes and derefs_only: every parameter is unknown.
 */
void summarize_func(struct ir_tu *tu, struct ir_func *fn, const struct prove_ctx *ctx,
		    struct func_summary *out)
{
	struct summary_table *tab = tu->prove_summaries;
	struct prover pv;
	int i;

	if (tab)
		for (i = 0; i < tab->n; i++)
			if (tab->s[i].name == fn->name || !strcmp(tab->s[i].name, fn->name)) {
				*out = tab->s[i];
				return;
			}
	prover_init(&pv, tu, ctx);
	make_site_psites(&pv);
	for (i = 0; i < tu->nfuncs; i++)
		scan_refs(&pv, tu->funcs[i]->body, NULL, 0);
	scan_text_refs(&pv);
	fill_summary(&pv, finfo_analysed(&pv, fn), out);
	prover_free(&pv);
}
