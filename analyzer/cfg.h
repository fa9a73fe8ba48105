/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cfg.h - control-flow graph of one IR function body.
 *
 * Blocks hold the IR nodes to evaluate in order; control flow inside expressions
 * (?:, &&, ||, GNU statement expressions) is split into blocks, and the nodes so
 * lowered are marked so that an evaluator reads their value from a temporary instead
 * of evaluating them again. The graph knows nothing of mappings.
 */
#ifndef KMAPCHECK_CFG_H
#define KMAPCHECK_CFG_H

#include <stdbool.h>
#include <stdio.h>

#include "ir.h"
#include "rules.h"

enum cfg_elem_kind {
	CE_EVAL,	/* evaluate node for its effects; when temp >= 0 its value defines temp */
	CE_DECL,	/* IR_DECL node: define the variable from its initializer (if any) */
	CE_RETURN,	/* IR_RETURN node: evaluate the value; the block then ends in CT_EXIT */
	CE_ASM,		/* IR_ASM node */
};

struct cfg_elem {
	enum cfg_elem_kind kind;
	struct ir_node *node;
	int temp;		/* node id of the lowered expression this element computes, or -1 */
};

enum cfg_term {
	CT_JUMP,	/* one successor: succ[0] */
	CT_BRANCH,	/* cond true: succ[0], false: succ[1] */
	CT_MULTI,	/* switch: succs[0..nsuccs-1], no refinement */
	CT_EXIT,	/* the function returns (IR_RETURN or the end of the body) */
	CT_STOP,	/* control never leaves: a call that does not return */
};

struct cfg_block {
	int id;
	int nelems, cap;
	struct cfg_elem *elems;
	enum cfg_term term;
	struct ir_node *cond;	/* CT_BRANCH: the condition (already evaluated by an element) */
	int succ[2];
	int nsuccs;
	int *succs;		/* CT_MULTI */
	struct ir_node *ret;	/* CT_EXIT: the IR_RETURN node, or NULL at the end of the body */
	int line;		/* first line seen in the block, for messages */
};

struct cfg {
	struct ir_func *fn;
	int nblocks, cap;
	struct cfg_block **blocks;
	int entry;
	/* By node id: the node is evaluated by the graph (a ?:, &&, || or ({ })):
	 * its value is in the temporary named by its id. */
	bool *lowered;
	/* Why the graph is not the function's control flow (computed goto), or NULL. */
	const char *problem;
	int problem_line;
	struct arena *arena;
};

/**
 * cfg_build - the control-flow graph of @fn.
 * @fn: a function with a body.
 * @rules: for calls that do not return (may be NULL).
 * @arena: where the graph lives; freed by the caller.
 *
 * Return: the graph; never NULL. cfg->problem says when it is incomplete.
 */
struct cfg *cfg_build(struct ir_func *fn, const struct rules *rules, struct arena *arena);

/* True when the call (or the macro it came from) never returns. */
bool cfg_call_noreturn(const struct ir_node *call, const struct rules *rules);

/* Print the graph for debugging. */
void cfg_dump(const struct cfg *g, FILE *out);

#endif
