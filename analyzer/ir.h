/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ir.h - the project's small IR of function bodies.
 *
 * The libclang front end (cx_parse.c) lowers every function the proofs need into
 * this tree; everything after it (cfg.c, prove_*.c, emit.c) sees only this IR and
 * never includes clang-c/Index.h. The IR is an abstract syntax tree with the
 * parentheses and implicit casts removed, plus what the proofs need to know about
 * each name (storage, pointer-ness) and each location (expansion line, macro name).
 * It owns its memory through one arena per translation unit.
 */
#ifndef KMAPCHECK_IR_H
#define KMAPCHECK_IR_H

#include <stdbool.h>
#include <stddef.h>

enum ir_kind {
	/* statements */
	IR_COMPOUND,		/* kids: statements in order */
	IR_IF,			/* kids: cond, then, [else] */
	IR_SWITCH,		/* kids: cond, body */
	IR_CASE,		/* kids: value, [value_hi for GNU a ... b], stmt; the last kid is the statement */
	IR_DEFAULT,		/* kids: stmt */
	IR_WHILE,		/* kids: cond, body */
	IR_DO,			/* kids: body, cond */
	IR_FOR,			/* kids: init, cond, inc, body; absent parts are IR_NULL nodes */
	IR_GOTO,		/* name: label */
	IR_INDIRECT_GOTO,	/* kids: target expression */
	IR_LABEL,		/* name: label; kids: stmt */
	IR_BREAK,
	IR_CONTINUE,
	IR_RETURN,		/* kids: [value] */
	IR_DECL,		/* a local variable: var; kids: [init] */
	IR_NULL,		/* empty statement or absent part */
	IR_ASM,			/* inline asm; kids: operand expressions (when known) */

	/* expressions */
	IR_CALL,		/* kids: callee, args...; name: callee name when direct */
	IR_DECLREF,		/* var (variables, parameters) or name (functions, enum constants) */
	IR_MEMBER,		/* kids: base; name: field; op: IR_OP_DOT or IR_OP_ARROW */
	IR_UNARY,		/* kids: operand; op */
	IR_BINARY,		/* kids: lhs, rhs; op (assignments included) */
	IR_COND,		/* kids: cond, then, else (GNU a ?: b has then == IR_NULL) */
	IR_CAST,		/* kids: operand (explicit casts; implicit ones are dropped) */
	IR_SUBSCRIPT,		/* kids: base, index */
	IR_LITERAL,		/* integer/char/float/string literal; name: spelling when short */
	IR_STMT_EXPR,		/* GNU ({ ... }): kids: one IR_COMPOUND; value is its last statement */
	IR_INIT_LIST,		/* kids: elements (designators dropped) */
	IR_UNEVALUATED,		/* sizeof/_Alignof/typeof/__builtin_types_compatible_p: never runs */
	IR_OTHER,		/* anything else that is evaluated; kids: sub-expressions found */

	IR_KIND_COUNT
};

enum ir_op {
	IR_OP_NONE,
	/* unary */
	IR_OP_ADDROF, IR_OP_DEREF, IR_OP_PLUS, IR_OP_MINUS, IR_OP_NOT, IR_OP_LNOT,
	IR_OP_PREINC, IR_OP_PREDEC, IR_OP_POSTINC, IR_OP_POSTDEC, IR_OP_REAL, IR_OP_IMAG,
	IR_OP_EXTENSION,
	/* binary */
	IR_OP_MUL, IR_OP_DIV, IR_OP_REM, IR_OP_ADD, IR_OP_SUB, IR_OP_SHL, IR_OP_SHR,
	IR_OP_LT, IR_OP_GT, IR_OP_LE, IR_OP_GE, IR_OP_EQ, IR_OP_NE,
	IR_OP_AND, IR_OP_XOR, IR_OP_OR, IR_OP_LAND, IR_OP_LOR,
	IR_OP_ASSIGN, IR_OP_MUL_ASSIGN, IR_OP_DIV_ASSIGN, IR_OP_REM_ASSIGN, IR_OP_ADD_ASSIGN,
	IR_OP_SUB_ASSIGN, IR_OP_SHL_ASSIGN, IR_OP_SHR_ASSIGN, IR_OP_AND_ASSIGN,
	IR_OP_XOR_ASSIGN, IR_OP_OR_ASSIGN, IR_OP_COMMA,
	/* member access */
	IR_OP_DOT, IR_OP_ARROW,

	IR_OP_COUNT
};

/* Where a variable lives: what an address stored into it can reach. */
enum ir_storage {
	IR_STORE_LOCAL,		/* automatic variable of this function */
	IR_STORE_PARAM,		/* parameter of this function */
	IR_STORE_STATIC_LOCAL,	/* static variable inside a function: shared by every thread */
	IR_STORE_GLOBAL,	/* file-scope or extern variable */
	IR_STORE_FIELD,		/* a member of a struct (ir_node.field of IR_MEMBER) */
};

/* Type facts the proofs use; computed from the canonical type. */
enum {
	IR_TY_POINTER	= 1 << 0,	/* any pointer */
	IR_TY_ARRAY	= 1 << 1,
	IR_TY_RECORD	= 1 << 2,	/* struct or union (by value) */
	IR_TY_PAGE_PTR	= 1 << 3,	/* struct page * */
	IR_TY_FOLIO_PTR	= 1 << 4,	/* struct folio * */
	IR_TY_FUNC_PTR	= 1 << 5,	/* pointer to function */
	IR_TY_INTEGER	= 1 << 6,	/* integer or enum (an address can hide in an unsigned long) */
	IR_TY_VOLATILE	= 1 << 7,
	IR_TY_NARROW	= 1 << 8,	/* an integer narrower than int, or a bit-field: a store may
					 * truncate */
};

struct ir_loc {
	int file;		/* index into ir_tu.files */
	int line;		/* expansion location: where the user wrote it */
	int col;
	const char *macro;	/* outermost macro whose expansion produced this node, or NULL */
	int spell_file;		/* spelling location (inside the macro definition when macro != NULL) */
	int spell_line;
};

struct ir_var {
	int id;			/* unique within the translation unit */
	const char *name;
	enum ir_storage storage;
	unsigned int type;	/* IR_TY_* */
	const char *type_name;	/* spelling of the type, e.g. "void *", "struct page *" */
	int param_index;	/* 0-based for IR_STORE_PARAM, else -1 */
	struct ir_loc loc;
	bool in_union;		/* IR_STORE_FIELD: a member of a union, which its siblings alias */
	bool file_static;	/* IR_STORE_GLOBAL with internal linkage (static at file
				 * scope): every assignment is in this translation unit;
				 * IR_STORE_FIELD of a struct defined in the main file,
				 * not inside a union: every store names it here */
};

struct ir_node {
	enum ir_kind kind;
	enum ir_op op;
	struct ir_loc loc;
	const char *name;	/* see enum ir_kind */
	struct ir_var *var;	/* IR_DECLREF of a variable, IR_DECL */
	unsigned int type;	/* IR_TY_* of an expression's value */
	int nkids;
	struct ir_node **kids;
	int id;			/* unique within the function: index for per-node tables */
	/*
	 * The expression as the user wrote it (macros unexpanded), for call
	 * arguments and literals, when short: "GFP_KERNEL | __GFP_ZERO". NULL otherwise.
	 */
	const char *text;
	/*
	 * IR_CALL: the innermost macro whose definition spelled the callee name, when
	 * the callee came out of a macro body: "kmap_atomic" for a header that defines
	 * kmap_atomic(p) as __impl_kmap_atomic(p, __FILE__, __LINE__). NULL otherwise.
	 * Rules may know the call under this name.
	 */
	const char *callee_macro;
	/* IR_MEMBER: the field it names, or NULL */
	struct ir_var *field;
	/*
	 * IR_LITERAL: an integer literal a macro expansion spelled, whose text is the
	 * macro call ("PAGE_SIZE"): its value in decimal ("1", of 1UL << 12). NULL otherwise.
	 */
	const char *value;
};

struct ir_func {
	const char *name;
	struct ir_loc loc;
	bool is_static;		/* internal linkage: every caller is in this translation unit */
	bool is_inline;
	bool in_main_file;	/* false for a header's inline function */
	bool returns_pointer;
	int nparams;
	struct ir_var **params;
	struct ir_node *body;	/* IR_COMPOUND */
	int nnodes;		/* ids run 0 .. nnodes-1 */
	bool has_errors;	/* a parse error inside the body: proofs must not claim safety */
	const char *error;	/* the first such error, for the reason */
};

/* A mapping-family call found in a function body. */
enum site_role { SITE_MAP, SITE_UNMAP, SITE_HELPER };

enum verdict {
	V_UNKNOWN,
	V_SAFE,
	V_SAFE_NEEDS_DISABLE,
	V_LOWMEM,
	V_CROSS_THREAD,
	V_ORDER,
	V_UNBALANCED,
	V_COUNT
};

struct ir_site {
	struct ir_func *func;
	struct ir_node *call;	/* the IR_CALL node */
	const char *api;	/* callee name: kmap, kunmap_atomic, memcpy_to_page, ... */
	enum site_role role;
	/* Filled by the prover. */
	enum verdict verdict;
	const char *reason;	/* one line: why this verdict */
	const char *evidence;	/* JSON array text: [{"kind":..,"line":..,"text":..}, ...] */
	int paths;		/* number of CFG paths (or path classes) the proof covered */
	unsigned int needs;	/* SITE_NEEDS_* for safe-needs-disable */
	int partner_line;	/* for an unmap: the line of the mapping it releases, else 0 */
	const char *proof;	/* the whole proof, several lines, for `kmapcheck explain` */
	const char *escape_callee; /* unknown external callee that stopped the proof, or NULL */
};

enum { SITE_NEEDS_PAGEFAULT_DISABLE = 1 << 0, SITE_NEEDS_PREEMPT_DISABLE = 1 << 1 };

struct ir_tu {
	const char *main_file;	/* absolute path */
	int nfiles;
	const char **files;	/* absolute paths; index 0 is the main file */
	int nfuncs;
	struct ir_func **funcs;	/* every function defined in the main file, plus header
				 * functions that contain a site; in source order */
	int nsites;
	struct ir_site *sites;
	struct arena *arena;
	/*
	 * Lowers on demand a function defined in a header of this translation unit
	 * (a static inline callee). Use ir_find_func(), which calls it.
	 */
	struct ir_func *(*lower)(struct ir_tu *tu, const char *name);
	void *lower_ctx;
	/*
	 * A page pointer is stored by an initializer outside the functions (a
	 * file-scope variable's), which names no field in the IR: no field is
	 * known to hold only lowmem pages.
	 */
	bool page_init_at_file_scope;
	/*
	 * The text of the main file's preprocessor branches this configuration skips
	 * (one string, ranges separated by newlines), or NULL: a variable or field
	 * stored to there may hold other pages in another configuration.
	 */
	const char *skipped_text;
	/* prove_tu()'s function summaries (in arena), for summarize_func(); NULL before */
	void *prove_summaries;
};

const char *ir_kind_name(enum ir_kind kind);
const char *ir_op_name(enum ir_op op);
const char *verdict_name(enum verdict v);
bool ir_op_is_assign(enum ir_op op);
bool ir_op_is_incdec(enum ir_op op);	/* ++ and --, pre and post */
/* Look up a function defined in this translation unit (lowering it if needed), or NULL. */
struct ir_func *ir_find_func(const struct ir_tu *tu, const char *name);
/* Print a tree for debugging (`kmapcheck dump-ir`). */
void ir_dump(const struct ir_node *node, int depth, void *file);

#endif
