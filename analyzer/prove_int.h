/* SPDX-License-Identifier: GPL-2.0 */
/*
 * prove_int.h - what the proof files share: pseudo-sites and their facts, the
 * abstract state of one path class, function summaries and the walk over a graph.
 *
 * Not a public interface: only prove*.c include it.
 */
#ifndef KMAPCHECK_PROVE_INT_H
#define KMAPCHECK_PROVE_INT_H

#include <stdint.h>

#include "cfg.h"
#include "prove.h"
#include "util.h"

/* KM_MAX_IDX (include/linux/highmem-internal.h, arch/x86): local mappings per task. */
#define KM_MAX_IDX 16
/* The stack holds a few more: kmap() entries do not count against KM_MAX_IDX, and
 * the overflow itself must be seen. A path needing more stops. */
#define STACK_MAX (KM_MAX_IDX + 8)
#define MAX_PARAMS 32

/* How many lost keys a state names (struct state's lost) */
#define LOST_MAX	4

/* struct flow's cond_keys */
#define CK_COUNT	3
#define CK_MIXED	4

/* What a value is, for the proofs; anything else is VK_NONE. */
enum vkind {
	VK_NONE,
	VK_ADDR,	/* a pointer into the mapping of stack entry a (or derived from it) */
	VK_DEAD,	/* derived from the mapping of pseudo-site a, already released */
	VK_PARAM,	/* parameter a, or a pointer derived from it */
	VK_PREACH,	/* a pointer loaded from memory reachable from parameter a */
	VK_LOCAL,	/* a pointer to (into) local variable a (ir_var id) */
	VK_INT,		/* the integer a */
	VK_NE,		/* known not equal to the integer a (a branch said so) */
	VK_LOWPAGE,	/* a struct page * that is never highmem; a = line of the proof */
	VK_PAGEOF,	/* the page mapped by stack entry a, returned by the wrapper that made it */
	VK_OKRES,	/* the value returned by the wrapper call that made entry a: when it is
			 * an error or NULL, the wrapper did not map */
	VK_ERR,		/* an ERR_PTR() value */
	VK_COPY,	/* a copy of what key a held when stored (*pagep = page): names the
			 * same page, for kunmap() pairing */
};

struct val {
	int kind;
	int a;
};

/* A live mapping on one path. */
enum {
	EF_STALE = 1 << 0,	/* the page expression was assigned after the map */
	EF_LOW = 1 << 1,	/* the page is lowmem on this path */
	EF_PASSED = 1 << 2,	/* the page went to a callee that might release it */
	EF_SEEN_BEFORE = 1 << 4,	/* its site was already mapped earlier on the path */
	EF_MAYFAIL = 1 << 3,	/* made by a wrapper that returns an error or NULL when it
				 * does not map */
};

struct entry {
	int ps;		/* pseudo-site of the map (the wrapper's site for a wrapper call) */
	int pkey;	/* key of the page expression (kunmap matches it), or -1 */
	int flags;	/* EF_* */
	int via;	/* line of the wrapper call that made it, or 0 */
	int stale_line;
	int outp;	/* stored through parameter outp - 1 (an out-parameter wrapper), or 0 */
	int outsfx;	/* pv->strs index of how: "*" or "->field" */
};

struct binding {
	int key;
	struct val v;
};

/*
 * One path class: the stack of live mappings, what the tracked places hold, the
 * explicit disables held and which pseudo-sites were mapped on the way.
 */
struct state {
	int depth;
	struct entry stk[STACK_MAX];
	int pf, pre;		/* explicit pagefault_disable()/preempt_disable() depth, capped */
	uint64_t seen;		/* bit i: local slot i (see struct flow) was mapped on this path */
	unsigned int pu;	/* parameters whose mapping was released on this path */
	/*
	 * Tested keys whose known value was dropped because memory may have changed
	 * (a call, a store through a pointer), and the line of the first branch that
	 * then had to guess: a leak on such a path may be a correlation the proof lost.
	 */
	int nlost;		/* LOST_MAX + 1: more were lost than kept, any may be */
	int lost[LOST_MAX];
	int guessed_line;
	int nb, capb;
	struct binding *b;	/* sorted by key */
};

/* A keyed expression: a variable, a field or element path, or a pure operation on them. */
struct keyinfo {
	const char *str;
	int root;		/* ir_var id of the root variable, or -1 */
	struct ir_var *rootvar;
	bool indirect;		/* reads memory through a pointer */
	bool temp;		/* the temporary of a lowered node */
	bool call;		/* reads the result of a side-effect-free call */
	const char *field;	/* last member name, or NULL */
	int nvars;
	int *vars;		/* every variable the key reads */
};

/* Everything the proofs learned about one map, unmap or helper call. */
struct facts {
	bool reached;
	int paths;
	int npush_low, npush_high;
	int high_line;
	const char *low_why;
	int low_line;

	const char *pair_unknown;	/* an unmap could not be matched */
	int pair_unknown_line;

	bool order, order_today;
	int order_other_line, order_unmap_line;
	const char *order_other_api;

	const char *leak;		/* text: where it leaks */
	int leak_line;
	const char *leak_maybe;		/* leaks only on paths where a repeated test was guessed */
	int leak_maybe_line;
	int dbl_line;			/* unmapped twice at this line */
	const char *wrong_unmap;	/* released by the wrong function */
	int wrong_unmap_line;
	const char *too_deep;
	int too_deep_line;
	bool too_deep_loop;		/* grows in a loop: unbounded, not a fixed depth */
	const char *passed;		/* left mapped, but the page went to this callee */
	int passed_line;

	const char *via_page_address;	/* kmap() mapping used through page_address() */
	int via_page_address_line;
	bool pa_reached;		/* the walk took psite.pa_call as the mapping's address */
	int use_after_line;		/* the address is used after the unmap */
	const char *live_exit;		/* left mapped at return, released elsewhere */
	int live_exit_line;

	const char *escape;		/* definite escape text */
	int escape_line;
	const char *escape_field;	/* field name the address was stored into */
	const char *esc_unknown;	/* unknown callee or construct */
	int esc_unknown_line;
	const char *esc_callee;

	int returned_line;		/* the address is returned (wrapper) */
	bool out_handed;		/* ... through an out parameter */
	const char *ret_open;		/* a function returning it whose callers are unknown */
	const char *ret_open_why;
	bool ret_open_def;		/* not static (cross-thread), rather than address taken */
	int ret_open_line;
	const char *page_field;		/* last member of the page expression (kmap(b->page)) */

	unsigned int needs;
	unsigned int needs_guess;	/* of needs: only a call the proof cannot see into */
	const char *needs_op[2];	/* index 0: pagefault, 1: preempt */
	int needs_line[2];
	const char *sleep_op;
	int sleep_line;

	/* unmap sites */
	int npartners;
	int partners[8];		/* pseudo-sites released */
	bool unmap_foreign;		/* releases a mapping not made in its function */
	bool unmap_unresolved;		/* some path could not tell what it releases */
	const char *unmap_foreign_key;	/* field name of the released expression */
	int unmap_param;		/* releases parameter N's mapping (+1), or 0 */
	/*
	 * A put-style wrapper's unmap: the wrapper's parameters that carried the start
	 * of the released mapping (a local only ever assigned a get-style wrapper's
	 * result) at every call that released one; addr_seen once there was one.
	 */
	unsigned int addr_params;
	bool addr_seen;
	const char *addr_refused;	/* the first call that breaks it */

	/* wrapper callers: "f() at line N" */
	int ncallers;
	const char *callers[4];
};

/* A mapping-family call in some function of the translation unit. */
struct psite {
	struct ir_node *call;
	struct ir_func *fn;
	struct ir_site *site;	/* the reported site, or NULL (a header function's call) */
	const char *api;
	enum family_kind fam;
	int line;
	bool unresolved;	/* a macro site whose expansion shows no map or unmap call */
	int dup_of;		/* another site on the same call (+1): same verdict */
	/*
	 * A bare "kmap(page);" followed by "var = page_address(page);": the statement
	 * that would become "var = kmap_local_page(page);" (see thread_page_address_shapes()).
	 * pa_call is that page_address() call, pa_var the local it is stored into, pa_pkey
	 * the key of the page expression, pa_scope the node var is visible in. NULL when
	 * the site has no such shape.
	 */
	struct ir_node *pa_stmt, *pa_call, *pa_scope;
	struct ir_var *pa_var;
	int pa_pkey;
	struct ir_node *pa_seen[4];	/* unmap calls found inside pa_scope */
	/*
	 * A getter/putter pair (see pair_decide()): for the getter's map, the putter's
	 * unmap pseudo-site; for that unmap, the putter's parameter kunmap_local()
	 * takes; both +1, 0 when the site is not part of one.
	 */
	int pair_unmap;
	int pair_param;
	const char *pair_why;	/* a getter's map that is no such pair: why not */
	const char *pair_text;	/* what the reason says about the pair, or NULL */
	struct facts f;
};

/* What the proofs know of a function of this translation unit. */
struct finfo {
	struct ir_func *fn;
	int status;		/* 0 not analysed, 1 in progress, 2 done */
	bool opaque;		/* the body could not be followed: every effect unknown */
	bool overflowed;	/* ... because the walk ran out of budget: facts found on the
				 * paths it did walk still hold */
	const char *opaque_why;
	int opaque_line;
	bool touches;		/* maps or unmaps, itself or through callees */
	bool touches_known;
	int pure;		/* 0 unknown, 1 no side effects (only reads), 2 has effects, 3 computing */

	int ret_map_ps;		/* pseudo-site of the mapping it returns; -1 none, -2 several */
	int ret_map_line;
	int ret_map_pparam;	/* parameter holding the page of the returned mapping, or -1 */
	int ret_map_outp;	/* it goes out through this parameter, or -1 */
	bool ret_map_returns;	/* the address is the return value */
	bool ret_map_retpage;	/* the return value is the mapped page */
	int ret_map_pageoutp;	/* the page goes out through this parameter ("*pagep = page"), or -1 */
	const char *ret_map_pageoutsfx;
	int ret_map_cond;	/* 0: maps on every normal return; 1: unless it returns an error
				 * or NULL; 2: on some returns, no telling which */
	unsigned int unmapped_exits;	/* returns without the mapping: 1 ERR, 2 NULL, 4 other */
	const char *ret_map_outsfx;	/* "*" or "->field" */
	const char *ret_map_psuffix;	/* and the member path from it to the page */
	bool ret_map_all;	/* every normal return returns it, or returns nothing mapped */
	unsigned int unmaps_any, unmaps_all;	/* over exit paths: parameters unmapped */
	int unmap_ps[MAX_PARAMS];		/* the unmap pseudo-site for each */
	const char *unmap_suffix[MAX_PARAMS];	/* member path from the parameter ("->page") */
	int unmap_key[MAX_PARAMS];		/* the key released, in this function's terms */
	unsigned int unmaps_ifset;	/* released on every path where it is not NULL:
					 * "if (p) kunmap(p)" */
	/* a mapping stored through parameter i and released before returning: it sat in
	 * the caller's memory meanwhile, thread-local only if that memory is */
	unsigned int transient_out;
	int transient_ps[MAX_PARAMS];
	const char *transient_sfx[MAX_PARAMS];
	bool exits;		/* some path returns */

	unsigned int esc_def, esc_unk;		/* parameter kept / passed to the unknown */
	unsigned int reach_def, reach_unk;	/* the same for pointers loaded through it */
	const char *esc_text[MAX_PARAMS];
	int esc_line[MAX_PARAMS];
	const char *esc_callee[MAX_PARAMS];
	unsigned int ret_param;
	/*
	 * Page parameters it (or a callee here) calls page_address() on while it has no
	 * mapping of them itself: a kmap() of the caller's is read back there.
	 */
	unsigned int pa_params;
	const char *pa_text[MAX_PARAMS];	/* "page_address() at line N in f()" */

	unsigned int needs;
	unsigned int needs_guess;	/* of needs: only a call the proof cannot see into */
	const char *needs_op;
	int needs_line;
	const char *sleep_op;
	int sleep_line;
	bool may_sleep;

	int end_line;		/* last line of the body: where falling off the end returns */
	bool addr_taken;	/* referenced other than by a direct call */
	/* parameters that are data pointers it never writes (putter_address()) */
	unsigned int addr_param_known, addr_param_ok;
	int ncalls;		/* direct calls from this translation unit */
};

/* The whole translation unit's proof context. */
struct prover {
	struct ir_tu *tu;
	const struct prove_ctx *ctx;
	const struct rules *rules;
	struct arena *arena;

	int nps, capps;
	struct psite *ps;
	/* call node -> pseudo-site */
	int nhash;
	struct { struct ir_node *call; int ps; } *hash;

	int nfi, capfi;
	struct finfo **fi;
	int nfihash;
	int *fihash;		/* open addressing by ir_func pointer -> index in fi */

	/* interned keys */
	int nkeys, capkeys;
	struct keyinfo *keys;
	int nkhash;
	int *khash;

	/* static variables only ever assigned lowmem pages: by ir_var id, with the line */
	int nlowvars;
	struct { int var; int line; const char *why; } *lowvars;
	bool lowvars_done;
	bool low_fields_spoiled;	/* an initializer list stores a page that may be highmem */
	bool low_stores_lost;		/* a function of the file has parse errors: stores unseen */
	/* reasons a page is lowmem; VK_LOWPAGE values index it */
	struct ptrvec lowwhy;
	struct ptrvec strs;	/* small strings states refer to by index (pv_str()) */
	/* ir_find_func() answers by name (NULL included): it scans every definition */
	int nfcache, capfcache;
	struct { const char *name; struct ir_func *fn; } *fcache;
};

/* The walk over one function. */
struct flow {
	struct prover *pv;
	struct finfo *fi;
	struct ir_func *fn;
	struct cfg *g;
	bool bind_conds;	/* refine on branch conditions (off in the coarse retry) */
	bool repeated_tests;	/* some place is tested by two branches or more */
	int aliased_reads;	/* loads answered by aliased_values(): a guess, not a name */
	/*
	 * By key id: how many branches test it (CK_COUNT, capped at 2), and whether they
	 * compare it with different constants (CK_MIXED); cond_const: the first constant.
	 */
	unsigned char *cond_keys;
	long long *cond_const;
	int ncond_keys;

	/* local slots: pseudo-sites seen by this function's paths (for path counts) */
	int nslots;
	int slots[64];

	/* by ir_var id local to this function: 0 plain, 1 address taken but followed,
	 * 2 address taken and not followed */
	int nvarcls;
	unsigned char *varcls;
	struct ir_var **vars;	/* by ir_var id */
	/* locals whose address left the function: why */
	const char **exposed;
	bool *exposed_def;

	/* the state being transformed and whether it died */
	struct state *st;
	bool dead;
	struct val retval;	/* value of the return being processed */
	bool have_ret;

	long steps;
	bool overflow;
	int cur_node;		/* exploded-graph node being processed */
	int nexits, capexits;
	struct {
		int node;
		uint64_t seen;
		unsigned int pu;	/* parameters whose mapping this exit released */
		int nnull;
		int *null_keys;		/* keys known to be NULL at this exit */
	} *exits;
	const char *overflow_why;
};

/* prove_pair.c: keys, values and places */
int key_of(struct prover *pv, const struct ir_node *n);
const char *member_key_name(const struct ir_node *n);
int key_intern(struct prover *pv, const char *str, int root, struct ir_var *rootvar,
	       bool indirect, const char *field, const int *vars, int nvars);
const struct keyinfo *key_info(const struct prover *pv, int key);
int key_temp(struct prover *pv, int node_id);
struct val st_get(const struct state *st, int key);
void st_set(struct state *st, int key, struct val v);
void st_unset(struct state *st, int key);
void st_copy(struct state *dst, const struct state *src);
void st_free(struct state *st);
bool val_tracked(struct val v);
struct val val_combine(struct val a, struct val b, enum ir_op op);
const struct ir_node *strip_casts(const struct ir_node *n);
const char *expr_text(struct prover *pv, const struct ir_node *n);
bool lit_value(const struct ir_node *n, long long *v);
bool const_value(const struct ir_node *n, long long *v, bool *by_macro);
bool int_cast(const struct ir_node *n);
void kill_var(struct flow *fl, const struct ir_var *var, int keep_key, int line);
void kill_field(struct flow *fl, const char *field, int keep_key, int line);
void kill_union(struct flow *fl, int keep_key, int line);
void kill_indirect(struct flow *fl, int keep_key, int line);
void kill_inside(struct flow *fl, int var_id);
void kill_calls(struct flow *fl, int only_var, bool only_addr_args);
void call_wrote(struct flow *fl, int only_var, bool only_mapped);
void forget_store(struct flow *fl, int var, int key, bool through_pointer);
int aliased_values(const struct flow *fl, int var_id, int key, struct val *out, int max);
int inner_values(const struct flow *fl, int var_id, struct val *out, int max);

int key_param_rel(struct prover *pv, struct ir_func *fn, int k, const char **suffix);
int key_rebase(struct flow *fl, const struct ir_node *arg, struct val v, const char *suffix);

/* prove_flow.c: the walk */
struct val flow_eval(struct flow *fl, struct ir_node *n);
void flow_assign(struct flow *fl, struct ir_node *lhs, struct val v, const struct ir_node *at);
void flow_analyse(struct prover *pv, struct finfo *fi);
int pv_str(struct prover *pv, const char *s);
void flow_store_out(struct flow *fl, struct ir_node *arg, struct val base, const char *sfx,
		    struct val v, int line);
int slot_of(struct flow *fl, int ps);

/* prove_order.c: the stack of live mappings */
void order_push(struct flow *fl, int ps, struct ir_node *pagearg, struct val pageval, int via,
		struct ir_node *call, int pkey);
void order_unmap_guess(struct flow *fl, int ups, struct ir_node *arg, int line);
int order_unmap(struct flow *fl, int ups, enum family_kind fam, struct ir_node *arg,
		struct val v, struct ir_node *call, int key);
void order_exit(struct flow *fl, const struct ir_node *ret);
void order_pair_unknown_all(struct flow *fl, const char *why, int line);
void order_forget(struct flow *fl, int idx);

/* prove_thread.c: escapes and calls */
struct val thread_call(struct flow *fl, struct ir_node *call);
void thread_escape(struct flow *fl, struct val v, const char *text, int line, bool definite,
		   const char *callee, const char *field);
void thread_expose_local(struct flow *fl, int var_id, const char *why, bool definite, int line);
void thread_escape_ps(struct flow *fl, int ps, const char *text, int line, bool definite);
void thread_use_dead(struct flow *fl, struct val v, int line);
void thread_page_address_shapes(struct prover *pv, struct ir_func *fn);
void thread_page_address_var(struct flow *fl, const struct ir_var *var, const struct ir_node *at,
			     int line);
void thread_page_address_unmap(struct flow *fl, int mps, int ups, struct ir_node *call, int key);

/* prove_atomic.c: what the region needs */
void atomic_note_op(struct flow *fl, const char *name, int line, bool is_macro);
bool atomic_toggle(struct flow *fl, const char *name);
void atomic_callee(struct flow *fl, const struct finfo *callee, const char *name, int line);
void atomic_unknown_call(struct flow *fl, const char *name, int line);
void atomic_external(struct flow *fl, const struct func_summary *s, const char *name, int line);

/* prove_lowmem.c: where pages come from */
struct val lowmem_call_result(struct flow *fl, struct ir_node *call);
struct val lowmem_var_value(struct flow *fl, const struct ir_var *var);
struct val lowmem_field_value(struct flow *fl, const struct ir_node *n);

/* prove.c */
int ps_of_call(struct prover *pv, struct ir_node *call);
int ps_new(struct prover *pv, struct ir_node *call, struct ir_func *fn, const char *api);
struct finfo *finfo_of(struct prover *pv, struct ir_func *fn);
struct finfo *finfo_analysed(struct prover *pv, struct ir_func *fn);
bool func_touches(struct prover *pv, struct ir_func *fn);
bool func_pure(struct prover *pv, const char *name);
int callback_targets(struct prover *pv, struct ir_func *fn, int param, struct ir_func **out, int max);
struct ir_func *find_func(struct prover *pv, const char *name);
bool fam_is_map(enum family_kind k);
bool fam_is_unmap(enum family_kind k);
bool fam_is_stack(enum family_kind k);
enum family_kind fam_unmap_of(enum family_kind map);
void facts_caller(struct prover *pv, int ps, const char *text);

#endif
