// SPDX-License-Identifier: GPL-2.0
/*
 * ir.c - names and lookups over the IR, and a dump for debugging.
 *
 * Building the IR is cx_parse.c's job; this file only reads it.
 */
#include <stdio.h>
#include <string.h>

#include "ir.h"

static const char *const kind_names[IR_KIND_COUNT] = {
	[IR_COMPOUND] = "compound", [IR_IF] = "if", [IR_SWITCH] = "switch",
	[IR_CASE] = "case", [IR_DEFAULT] = "default", [IR_WHILE] = "while",
	[IR_DO] = "do", [IR_FOR] = "for", [IR_GOTO] = "goto",
	[IR_INDIRECT_GOTO] = "indirect-goto", [IR_LABEL] = "label",
	[IR_BREAK] = "break", [IR_CONTINUE] = "continue", [IR_RETURN] = "return",
	[IR_DECL] = "decl", [IR_NULL] = "null", [IR_ASM] = "asm",
	[IR_CALL] = "call", [IR_DECLREF] = "ref", [IR_MEMBER] = "member",
	[IR_UNARY] = "unary", [IR_BINARY] = "binary", [IR_COND] = "cond",
	[IR_CAST] = "cast", [IR_SUBSCRIPT] = "subscript", [IR_LITERAL] = "literal",
	[IR_STMT_EXPR] = "stmt-expr", [IR_INIT_LIST] = "init-list",
	[IR_UNEVALUATED] = "unevaluated", [IR_OTHER] = "other",
};

static const char *const op_names[IR_OP_COUNT] = {
	[IR_OP_NONE] = "", [IR_OP_ADDROF] = "&", [IR_OP_DEREF] = "*", [IR_OP_PLUS] = "+",
	[IR_OP_MINUS] = "-", [IR_OP_NOT] = "~", [IR_OP_LNOT] = "!", [IR_OP_PREINC] = "++pre",
	[IR_OP_PREDEC] = "--pre", [IR_OP_POSTINC] = "post++", [IR_OP_POSTDEC] = "post--",
	[IR_OP_REAL] = "__real", [IR_OP_IMAG] = "__imag", [IR_OP_EXTENSION] = "__extension__",
	[IR_OP_MUL] = "*", [IR_OP_DIV] = "/", [IR_OP_REM] = "%", [IR_OP_ADD] = "+",
	[IR_OP_SUB] = "-", [IR_OP_SHL] = "<<", [IR_OP_SHR] = ">>", [IR_OP_LT] = "<",
	[IR_OP_GT] = ">", [IR_OP_LE] = "<=", [IR_OP_GE] = ">=", [IR_OP_EQ] = "==",
	[IR_OP_NE] = "!=", [IR_OP_AND] = "&", [IR_OP_XOR] = "^", [IR_OP_OR] = "|",
	[IR_OP_LAND] = "&&", [IR_OP_LOR] = "||", [IR_OP_ASSIGN] = "=", [IR_OP_MUL_ASSIGN] = "*=",
	[IR_OP_DIV_ASSIGN] = "/=", [IR_OP_REM_ASSIGN] = "%=", [IR_OP_ADD_ASSIGN] = "+=",
	[IR_OP_SUB_ASSIGN] = "-=", [IR_OP_SHL_ASSIGN] = "<<=", [IR_OP_SHR_ASSIGN] = ">>=",
	[IR_OP_AND_ASSIGN] = "&=", [IR_OP_XOR_ASSIGN] = "^=", [IR_OP_OR_ASSIGN] = "|=",
	[IR_OP_COMMA] = ",", [IR_OP_DOT] = ".", [IR_OP_ARROW] = "->",
};

static const char *const verdict_names[V_COUNT] = {
	[V_UNKNOWN] = "unknown", [V_SAFE] = "safe", [V_SAFE_NEEDS_DISABLE] = "safe-needs-disable",
	[V_LOWMEM] = "lowmem", [V_CROSS_THREAD] = "cross-thread", [V_ORDER] = "order",
	[V_UNBALANCED] = "unbalanced",
};

const char *ir_kind_name(enum ir_kind kind)
{
	return kind < IR_KIND_COUNT && kind_names[kind] ? kind_names[kind] : "?";
}

const char *ir_op_name(enum ir_op op)
{
	return op < IR_OP_COUNT && op_names[op] ? op_names[op] : "?";
}

const char *verdict_name(enum verdict v)
{
	return v < V_COUNT ? verdict_names[v] : "?";
}

bool ir_op_is_assign(enum ir_op op)
{
	return op >= IR_OP_ASSIGN && op <= IR_OP_OR_ASSIGN;
}

bool ir_op_is_incdec(enum ir_op op)
{
	return op == IR_OP_PREINC || op == IR_OP_PREDEC || op == IR_OP_POSTINC || op == IR_OP_POSTDEC;
}

struct ir_func *ir_find_func(const struct ir_tu *tu, const char *name)
{
	for (int i = 0; i < tu->nfuncs; i++)
		if (!strcmp(tu->funcs[i]->name, name))
			return tu->funcs[i];
	if (tu->lower)
		return tu->lower((struct ir_tu *)tu, name);
	return NULL;
}

void ir_dump(const struct ir_node *n, int depth, void *file)
{
	FILE *out = file;

	if (!n)
		return;
	fprintf(out, "%*s%s", depth * 2, "", ir_kind_name(n->kind));
	if (n->op)
		fprintf(out, " %s", ir_op_name(n->op));
	if (n->var)
		fprintf(out, " var=%s#%d(%s%s)", n->var->name, n->var->id,
			n->var->storage == IR_STORE_LOCAL ? "local" :
			n->var->storage == IR_STORE_PARAM ? "param" :
			n->var->storage == IR_STORE_STATIC_LOCAL ? "static-local" :
			n->var->storage == IR_STORE_FIELD ? "field" : "global",
			n->var->type & IR_TY_POINTER ? ",ptr" : "");
	else if (n->name)
		fprintf(out, " %s", n->name);
	if (n->field)
		fprintf(out, " field=%s#%d%s", n->field->name, n->field->id,
			n->field->file_static ? "(this file's)" : "");
	if (n->type & IR_TY_PAGE_PTR)
		fprintf(out, " [page*]");
	else if (n->type & IR_TY_POINTER)
		fprintf(out, " [ptr]");
	fprintf(out, " @%d:%d", n->loc.line, n->loc.col);
	if (n->loc.macro)
		fprintf(out, " macro=%s", n->loc.macro);
	if (n->text)
		fprintf(out, " text=\"%s\"", n->text);
	if (n->callee_macro)
		fprintf(out, " callee-macro=%s", n->callee_macro);
	if (n->value)
		fprintf(out, " value=%s", n->value);
	fputc('\n', out);
	for (int i = 0; i < n->nkids; i++)
		ir_dump(n->kids[i], depth + 1, out);
}
