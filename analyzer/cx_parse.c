// SPDX-License-Identifier: GPL-2.0
/*
 * cx_parse.c - parse one file with libclang and lower function bodies to the IR.
 *
 * It lowers every function defined in the main file, and the header functions whose
 * text mentions a mapping API; other header functions are lowered only when a proof
 * asks for them (ir_find_func). It finds the sites, but decides nothing about them.
 */
#include <clang-c/Index.h>
#include <fnmatch.h>
#include <string.h>

#include "cx_parse.h"
#include "tree.h"

/* One file of the translation unit that nodes were found in. */
struct cx_file {
	CXFile file;
	int idx;			/* in ir_tu.files */
	const char *contents;		/* its text, once file_text() read it */
	char *owned;			/* contents when read here, not libclang's buffer */
	size_t size;
	bool loaded;
	int *hits;			/* offsets of mapping-API names in the text */
	int nhits;
	bool scanned;
	bool reportable;		/* sites here are reported */
};

/* A function definition seen at the top level, for lazy lowering. */
struct cx_def {
	const char *name;
	CXCursor cursor;
	struct ir_func *lowered;
	bool relist;		/* lowered, but out of tu->funcs again (cx_relist()) */
};

struct cx_var_slot {
	CXCursor cursor;
	struct ir_var *var;
	bool used;
};

struct cx_errloc {
	CXFile file;
	unsigned offset;
};

struct cx_state {
	const struct cx_parse_opts *o;
	CXIndex index;
	CXTranslationUnit ctu;
	struct ir_tu *tu;
	struct arena *a;
	struct cx_file *files;
	int nfiles, capfiles;
	struct cx_def *defs;
	int ndefs, capdefs;
	int *defslot;			/* open addressing on the name: index in defs + 1, 0 empty */
	unsigned int capdefslot;
	struct cx_var_slot *vars;	/* open addressing on clang_hashCursor */
	unsigned int capvars, nvars;
	int next_var_id;
	struct cx_errloc *errs;
	int nerrs;
	struct ptrvec funcs;
	const char *const *family;	/* NULL-terminated names */
	CXFile last_cxfile;
	struct cx_file *last_file;
	/* CXFile handle -> index in files + 1 (open addressing; a file may have several handles) */
	struct cx_fslot { CXFile key; int idx; } *fslots;
	unsigned int capfslots, nfslots;
	bool pch;			/* parsed with a PCH: its declarations are not visited */
};

/* Per-function lowering context. */
struct cx_fn {
	struct cx_state *s;
	struct ir_func *fn;
	int nnodes;
};

static char *str_and_dispose(struct cx_state *s, CXString cs)
{
	const char *c = clang_getCString(cs);
	char *p = arena_strdup(s->a, c ? c : "");

	clang_disposeString(cs);
	return p;
}

static char *xstr_and_dispose(CXString cs)
{
	const char *c = clang_getCString(cs);
	char *p = xstrdup(c ? c : "");

	clang_disposeString(cs);
	return p;
}

static const char *errcode_text(enum CXErrorCode e)
{
	switch (e) {
	case CXError_Success: return "success";
	case CXError_Failure: return "libclang failed to parse the file";
	case CXError_Crashed: return "libclang crashed while parsing the file";
	case CXError_InvalidArguments: return "libclang rejected the arguments";
	case CXError_ASTReadError: return "libclang could not read an AST file";
	}
	return "unknown libclang error";
}

/*
 * The text of @f, read on first use: a header the PCH holds is not in memory until
 * asked for, and most of the files a TU's nodes lie in are never asked for.
 *
 * Only the main file's text comes from libclang: clang_getFileContents() looks a
 * header up by walking every source-location entry of the TU (one per macro
 * expansion, and with a PCH its entries too), about 0.6 ms a call in kernel code
 * and hundreds of calls per TU. A header is read from the file libclang opened
 * (its real path), which is the text it parsed unless it changed since; when it
 * cannot be read, libclang's buffer is asked for after all.
 */
static const char *file_text(struct cx_state *s, struct cx_file *f)
{
	if (!f->loaded) {
		f->loaded = true;
		if (f->file && f->idx != 0) {
			char *err = NULL;

			f->owned = read_file(s->tu->files[f->idx], &f->size, &err);
			free(err);
			f->contents = f->owned;
		}
		if (f->file && !f->contents)
			f->contents = clang_getFileContents(s->ctu, f->file, &f->size);
	}
	return f->contents;
}

/* Record the text offsets of every mapping-API name in @f, once. */
static void scan_file_text(struct cx_state *s, struct cx_file *f)
{
	int cap = 0;

	f->scanned = true;
	/* most headers name no member of the family: the byte scan's test first */
	if (!file_text(s, f) || !tree_mentions(f->contents, f->size, s->family))
		return;
	for (const char *const *n = s->family; *n; n++) {
		size_t len = strlen(*n);
		const char *p = f->contents, *end = f->contents + f->size;

		while ((p = find_word(f->contents, p, end, *n, len)) != NULL) {
			if (f->nhits == cap) {
				cap = cap ? cap * 2 : 16;
				f->hits = xrealloc(f->hits, cap * sizeof(int));
			}
			f->hits[f->nhits++] = (int)(p - f->contents);
			p += len;
		}
	}
}

static bool file_is_reportable(struct cx_state *s, const char *path)
{
	const struct cx_parse_opts *o = s->o;

	if (strcmp(path, o->file) == 0)
		return true;
	for (int i = 0; i < o->nreport_roots; i++) {
		const char *rel = path_relative(path, o->report_roots[i]);

		if (rel == path)
			continue;
		for (int g = 0; g < o->ndefinition_globs; g++)
			if (fnmatch(o->definition_globs[g], rel, FNM_PATHNAME) == 0)
				return false;
		return true;
	}
	return false;
}

/* The slot of handle @file in s->fslots (empty when it is not there). */
static struct cx_fslot *fslot(struct cx_state *s, CXFile file)
{
	uintptr_t key = (uintptr_t)file;
	int w[2] = { (int)key, (int)(key >> 16 >> 16) };
	unsigned int h = (unsigned int)(hash_words(w, 2, HASH64_SEED) & (s->capfslots - 1));

	while (s->fslots[h].idx && s->fslots[h].key != file)
		h = (h + 1) & (s->capfslots - 1);
	return &s->fslots[h];
}

/* Remember that handle @file names files[@idx]. */
static void fslot_add(struct cx_state *s, CXFile file, int idx)
{
	struct cx_fslot *sl;

	if (2 * (s->nfslots + 1) > s->capfslots) {
		struct cx_fslot *old = s->fslots;
		unsigned int oldcap = s->capfslots;

		s->capfslots = oldcap ? 2 * oldcap : 256;
		s->fslots = xcalloc(s->capfslots, sizeof(*s->fslots));
		for (unsigned int i = 0; i < oldcap; i++)
			if (old[i].idx)
				*fslot(s, old[i].key) = old[i];
		free(old);
	}
	sl = fslot(s, file);
	if (!sl->idx) {
		sl->key = file;
		sl->idx = idx + 1;
		s->nfslots++;
	}
}

static struct cx_file *get_file(struct cx_state *s, CXFile file)
{
	if (file == s->last_cxfile && s->last_file)
		return s->last_file;
	if (s->capfslots) {
		struct cx_fslot *sl = fslot(s, file);

		if (sl->idx) {
			s->last_cxfile = file;
			s->last_file = &s->files[sl->idx - 1];
			return s->last_file;
		}
	}
	/* a handle not seen yet: the same file under another handle, or a new file */
	for (int i = 0; i < s->nfiles; i++) {
		if (clang_File_isEqual(s->files[i].file, file)) {
			fslot_add(s, file, i);
			s->last_cxfile = file;
			s->last_file = &s->files[i];
			return s->last_file;
		}
	}
	if (s->nfiles == s->capfiles) {
		s->capfiles = s->capfiles ? s->capfiles * 2 : 16;
		s->files = xrealloc(s->files, s->capfiles * sizeof(*s->files));
		s->last_file = NULL;
	}
	struct cx_file *f = &s->files[s->nfiles++];
	struct ir_tu *tu = s->tu;
	char *name = file ? xstr_and_dispose(clang_File_tryGetRealPathName(file)) : xstrdup("");

	if (file && !*name) {
		free(name);
		name = xstr_and_dispose(clang_getFileName(file));
	}
	memset(f, 0, sizeof(*f));
	f->file = file;
	f->idx = tu->nfiles;
	tu->files = xrealloc(tu->files, (tu->nfiles + 1) * sizeof(char *));
	tu->files[tu->nfiles++] = arena_strdup(s->a, name);
	f->reportable = file && file_is_reportable(s, name);
	free(name);
	fslot_add(s, file, s->nfiles - 1);
	s->last_cxfile = file;
	s->last_file = f;
	return f;
}

/* The identifier that starts at @offset of @f, or NULL. */
static const char *ident_at(struct cx_state *s, struct cx_file *f, unsigned offset)
{
	size_t n = 0;

	if (!file_text(s, f) || offset >= f->size)
		return NULL;
	while (offset + n < f->size && c_ident_char(f->contents[offset + n]))
		n++;
	if (!n || (f->contents[offset] >= '0' && f->contents[offset] <= '9'))
		return NULL;
	return arena_strndup(s->a, f->contents + offset, n);
}

static void set_loc(struct cx_state *s, struct ir_loc *loc, CXSourceLocation sl)
{
	CXFile ef, ff;
	unsigned eline, ecol, eoff, fline, fcol, foff;
	struct cx_file *f;

	clang_getExpansionLocation(sl, &ef, &eline, &ecol, &eoff);
	clang_getSpellingLocation(sl, &ff, &fline, &fcol, &foff);
	f = get_file(s, ef);
	loc->file = f->idx;
	loc->line = eline;
	loc->col = ecol;
	loc->macro = NULL;
	loc->spell_file = loc->file;
	loc->spell_line = eline;
	if (ff != ef || foff != eoff) {
		struct cx_file *sf = get_file(s, ff);

		loc->spell_file = sf->idx;
		loc->spell_line = fline;
		loc->macro = ident_at(s, get_file(s, ef), eoff);
		s->last_cxfile = NULL;
	}
}

/*
 * The macro whose #define spelled the token at @c, or NULL when the token is
 * written outside any macro definition.
 */
static const char *spelling_macro(struct cx_state *s, CXCursor c)
{
	CXSourceLocation sl = clang_getCursorLocation(c);
	CXFile ef, sf;
	unsigned eoff, soff;
	struct cx_file *f;
	const char *t, *line;

	clang_getExpansionLocation(sl, &ef, NULL, NULL, &eoff);
	clang_getSpellingLocation(sl, &sf, NULL, NULL, &soff);
	if (!sf || (sf == ef && soff == eoff))
		return NULL;
	f = get_file(s, sf);
	s->last_cxfile = NULL;
	if (!file_text(s, f) || soff >= f->size)
		return NULL;
	t = f->contents;
	/* Back to the start of the logical line: over continuation lines. */
	line = t + soff;
	for (;;) {
		while (line > t && line[-1] != '\n')
			line--;
		if (line - t >= 2 && line[-2] == '\\') {
			line--;
			continue;
		}
		break;
	}
	while (*line == ' ' || *line == '\t')
		line++;
	if (*line != '#')
		return NULL;
	line++;
	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, "define", 6) || (line[6] != ' ' && line[6] != '\t'))
		return NULL;
	line += 6;
	while (*line == ' ' || *line == '\t')
		line++;
	return ident_at(s, f, line - t);
}

static unsigned int type_flags(struct cx_state *s, CXType t, const char **type_name)
{
	unsigned int f = 0;

	if (clang_isVolatileQualifiedType(t))
		f |= IR_TY_VOLATILE;
	t = clang_getCanonicalType(t);
	switch (t.kind) {
	case CXType_Pointer: {
		CXType p = clang_getCanonicalType(clang_getPointeeType(t));

		f |= IR_TY_POINTER;
		if (p.kind == CXType_Record) {
			CXString cs = clang_getTypeSpelling(p);
			const char *n = clang_getCString(cs);

			if (n && strstr(n, "struct page") && !n[strstr(n, "struct page") - n + 11])
				f |= IR_TY_PAGE_PTR;
			else if (n && strstr(n, "struct folio") && !n[strstr(n, "struct folio") - n + 12])
				f |= IR_TY_FOLIO_PTR;
			clang_disposeString(cs);
		} else if (p.kind == CXType_FunctionProto || p.kind == CXType_FunctionNoProto) {
			f |= IR_TY_FUNC_PTR;
		}
		break;
	}
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
		f |= IR_TY_ARRAY;
		break;
	case CXType_Record:
		f |= IR_TY_RECORD;
		break;
	case CXType_Bool:
	case CXType_Char_U: case CXType_UChar: case CXType_UShort:
	case CXType_Char_S: case CXType_SChar: case CXType_Short:
		f |= IR_TY_INTEGER | IR_TY_NARROW;
		break;
	case CXType_Enum:
	case CXType_UInt:
	case CXType_ULong: case CXType_ULongLong: case CXType_UInt128:
	case CXType_Int:
	case CXType_Long: case CXType_LongLong: case CXType_Int128:
		f |= IR_TY_INTEGER;
		break;
	default:
		break;
	}
	if (type_name)
		*type_name = str_and_dispose(s, clang_getTypeSpelling(t));
	return f;
}

/* Children of a cursor, without references and attributes. */
struct cx_kids {
	CXCursor *v;
	int n, cap;
};

static enum CXChildVisitResult collect_kid(CXCursor c, CXCursor parent, CXClientData data)
{
	struct cx_kids *k = data;
	enum CXCursorKind kind = clang_getCursorKind(c);

	if (clang_isReference(kind) || clang_isAttribute(kind))
		return CXChildVisit_Continue;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 8;
		k->v = xrealloc(k->v, k->cap * sizeof(CXCursor));
	}
	k->v[k->n++] = c;
	return CXChildVisit_Continue;
}

static void get_kids(CXCursor c, struct cx_kids *k)
{
	k->v = NULL;
	k->n = k->cap = 0;
	clang_visitChildren(c, collect_kid, k);
}

static struct ir_var *get_var(struct cx_state *s, CXCursor decl);
static struct ir_var *get_field(struct cx_state *s, CXCursor decl);

static struct ir_node *new_node(struct cx_fn *fx, enum ir_kind kind, CXCursor c)
{
	struct ir_node *n = arena_alloc(fx->s->a, sizeof(*n));

	n->kind = kind;
	n->id = fx->nnodes++;
	set_loc(fx->s, &n->loc, clang_getCursorLocation(c));
	return n;
}

static void add_kid(struct cx_fn *fx, struct ir_node *n, struct ir_node *kid)
{
	struct ir_node **kids = arena_alloc(fx->s->a, (n->nkids + 1) * sizeof(*kids));

	if (n->nkids)
		memcpy(kids, n->kids, n->nkids * sizeof(*kids));
	kids[n->nkids++] = kid;
	n->kids = kids;
}

static struct ir_node *null_node(struct cx_fn *fx, CXCursor at)
{
	return new_node(fx, IR_NULL, at);
}

static struct ir_node *lower(struct cx_fn *fx, CXCursor c);

static void lower_kids(struct cx_fn *fx, struct ir_node *n, struct cx_kids *k, int from)
{
	for (int i = from; i < k->n; i++) {
		struct ir_node *kid = lower(fx, k->v[i]);

		if (kid)
			add_kid(fx, n, kid);
	}
}

/*
 * The value of integer literal @c, as clang evaluates it, in decimal in @buf (@len
 * bytes); false when clang cannot say it.
 */
static bool literal_int(CXCursor c, char *buf, size_t len)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	bool ok;

	if (!r)
		return false;
	ok = clang_EvalResult_getKind(r) == CXEval_Int;
	if (ok && clang_EvalResult_isUnsignedInt(r))
		snprintf(buf, len, "%llu", clang_EvalResult_getAsUnsigned(r));
	else if (ok)
		snprintf(buf, len, "%lld", clang_EvalResult_getAsLongLong(r));
	clang_EvalResult_dispose(r);
	return ok;
}

/* The user's text for an expression, when it sits in one file and is short. */
static const char *source_text(struct cx_state *s, CXCursor c)
{
	CXSourceRange r;
	CXFile f1, f2;
	unsigned o1, o2;
	struct cx_file *f;

	/*
	 * A macro body's "(page)" around the user's argument has its parentheses
	 * spelled in the #define: their file range is the whole macro call. Take
	 * the expression inside them, whose tokens the user wrote.
	 */
	for (;;) {
		enum CXCursorKind kind = clang_getCursorKind(c);
		struct cx_kids k;

		if (kind != CXCursor_ParenExpr && kind != CXCursor_UnexposedExpr)
			break;
		get_kids(c, &k);
		if (k.n != 1) {
			free(k.v);
			break;
		}
		c = k.v[0];
		free(k.v);
	}
	r = clang_getCursorExtent(c);

	clang_getFileLocation(clang_getRangeStart(r), &f1, NULL, NULL, &o1);
	clang_getFileLocation(clang_getRangeEnd(r), &f2, NULL, NULL, &o2);
	if (!f1 || !clang_File_isEqual(f1, f2) || o2 <= o1 || o2 - o1 > 160)
		return NULL;
	f = get_file(s, f1);
	if (!file_text(s, f) || o2 > f->size)
		return NULL;
	return arena_strndup(s->a, f->contents + o1, o2 - o1);
}

static enum ir_op unary_op(enum CXUnaryOperatorKind k)
{
	switch (k) {
	case CXUnaryOperator_PostInc: return IR_OP_POSTINC;
	case CXUnaryOperator_PostDec: return IR_OP_POSTDEC;
	case CXUnaryOperator_PreInc: return IR_OP_PREINC;
	case CXUnaryOperator_PreDec: return IR_OP_PREDEC;
	case CXUnaryOperator_AddrOf: return IR_OP_ADDROF;
	case CXUnaryOperator_Deref: return IR_OP_DEREF;
	case CXUnaryOperator_Plus: return IR_OP_PLUS;
	case CXUnaryOperator_Minus: return IR_OP_MINUS;
	case CXUnaryOperator_Not: return IR_OP_NOT;
	case CXUnaryOperator_LNot: return IR_OP_LNOT;
	case CXUnaryOperator_Real: return IR_OP_REAL;
	case CXUnaryOperator_Imag: return IR_OP_IMAG;
	case CXUnaryOperator_Extension: return IR_OP_EXTENSION;
	default: return IR_OP_NONE;
	}
}

static enum ir_op binary_op(enum CXBinaryOperatorKind k)
{
	switch (k) {
	case CXBinaryOperator_Mul: return IR_OP_MUL;
	case CXBinaryOperator_Div: return IR_OP_DIV;
	case CXBinaryOperator_Rem: return IR_OP_REM;
	case CXBinaryOperator_Add: return IR_OP_ADD;
	case CXBinaryOperator_Sub: return IR_OP_SUB;
	case CXBinaryOperator_Shl: return IR_OP_SHL;
	case CXBinaryOperator_Shr: return IR_OP_SHR;
	case CXBinaryOperator_LT: return IR_OP_LT;
	case CXBinaryOperator_GT: return IR_OP_GT;
	case CXBinaryOperator_LE: return IR_OP_LE;
	case CXBinaryOperator_GE: return IR_OP_GE;
	case CXBinaryOperator_EQ: return IR_OP_EQ;
	case CXBinaryOperator_NE: return IR_OP_NE;
	case CXBinaryOperator_And: return IR_OP_AND;
	case CXBinaryOperator_Xor: return IR_OP_XOR;
	case CXBinaryOperator_Or: return IR_OP_OR;
	case CXBinaryOperator_LAnd: return IR_OP_LAND;
	case CXBinaryOperator_LOr: return IR_OP_LOR;
	case CXBinaryOperator_Assign: return IR_OP_ASSIGN;
	case CXBinaryOperator_MulAssign: return IR_OP_MUL_ASSIGN;
	case CXBinaryOperator_DivAssign: return IR_OP_DIV_ASSIGN;
	case CXBinaryOperator_RemAssign: return IR_OP_REM_ASSIGN;
	case CXBinaryOperator_AddAssign: return IR_OP_ADD_ASSIGN;
	case CXBinaryOperator_SubAssign: return IR_OP_SUB_ASSIGN;
	case CXBinaryOperator_ShlAssign: return IR_OP_SHL_ASSIGN;
	case CXBinaryOperator_ShrAssign: return IR_OP_SHR_ASSIGN;
	case CXBinaryOperator_AndAssign: return IR_OP_AND_ASSIGN;
	case CXBinaryOperator_XorAssign: return IR_OP_XOR_ASSIGN;
	case CXBinaryOperator_OrAssign: return IR_OP_OR_ASSIGN;
	case CXBinaryOperator_Comma: return IR_OP_COMMA;
	default: return IR_OP_NONE;
	}
}

/*
 * A for statement's children leave out the absent parts; place the present ones
 * by their offsets against the header's two semicolons.
 */
static struct ir_node *lower_for(struct cx_fn *fx, CXCursor c, struct cx_kids *k)
{
	struct ir_node *n = new_node(fx, IR_FOR, c);
	struct ir_node *part[3] = { NULL, NULL, NULL };
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned semi[2] = { 0, 0 }, nsemi = 0;
	CXToken *toks = NULL;
	unsigned ntoks = 0;
	int body = k->n - 1;

	if (body < 0)
		return n;
	if (k->n < 4) {
		/* Tokens from "for" to the start of the body: the header only. */
		CXSourceRange hr = clang_getRange(clang_getRangeStart(r),
						  clang_getRangeStart(clang_getCursorExtent(k->v[body])));
		int depth = 0;

		clang_tokenize(fx->s->ctu, hr, &toks, &ntoks);
		for (unsigned i = 0; i < ntoks && nsemi < 2; i++) {
			CXString sp;
			const char *t;

			if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
				continue;
			sp = clang_getTokenSpelling(fx->s->ctu, toks[i]);
			t = clang_getCString(sp);
			if (!strcmp(t, "(") || !strcmp(t, "{") || !strcmp(t, "["))
				depth++;
			else if (!strcmp(t, ")") || !strcmp(t, "}") || !strcmp(t, "]"))
				depth--;
			else if (!strcmp(t, ";") && depth == 1)
				clang_getFileLocation(clang_getTokenLocation(fx->s->ctu, toks[i]),
						      NULL, NULL, NULL, &semi[nsemi++]);
			clang_disposeString(sp);
		}
		if (toks)
			clang_disposeTokens(fx->s->ctu, toks, ntoks);
		for (int i = 0; i < body; i++) {
			unsigned off;
			int slot;

			clang_getFileLocation(clang_getRangeStart(clang_getCursorExtent(k->v[i])),
					      NULL, NULL, NULL, &off);
			slot = nsemi < 2 ? i : off < semi[0] ? 0 : off < semi[1] ? 1 : 2;
			if (slot < 3 && !part[slot])
				part[slot] = lower(fx, k->v[i]);
		}
	} else {
		for (int i = 0; i < 3; i++)
			part[i] = lower(fx, k->v[i]);
	}
	for (int i = 0; i < 3; i++)
		add_kid(fx, n, part[i] ? part[i] : null_node(fx, c));
	add_kid(fx, n, lower(fx, k->v[body]));
	return n;
}

static struct ir_node *lower_decl_stmt(struct cx_fn *fx, CXCursor c, struct cx_kids *k)
{
	struct ir_node *group = NULL, *first = NULL;

	for (int i = 0; i < k->n; i++) {
		enum CXCursorKind kind = clang_getCursorKind(k->v[i]);
		struct ir_node *d;
		CXCursor init;

		if (kind != CXCursor_VarDecl)
			continue;
		d = new_node(fx, IR_DECL, k->v[i]);
		d->var = get_var(fx->s, k->v[i]);
		d->type = d->var->type;
		init = clang_Cursor_getVarDeclInitializer(k->v[i]);
		if (!clang_Cursor_isNull(init)) {
			struct ir_node *in = lower(fx, init);

			if (in)
				add_kid(fx, d, in);
		}
		if (!first) {
			first = d;
			continue;
		}
		if (!group) {
			group = new_node(fx, IR_COMPOUND, c);
			add_kid(fx, group, first);
		}
		add_kid(fx, group, d);
	}
	if (group)
		return group;
	return first ? first : null_node(fx, c);
}

static unsigned int def_hash(const char *name)
{
	return (unsigned int)hash64(name, strlen(name), HASH64_SEED);
}

/* The first definition named @name, or NULL. */
static struct cx_def *find_def(const struct cx_state *s, const char *name)
{
	unsigned int mask = s->capdefslot - 1;

	if (!s->capdefslot)
		return NULL;
	for (unsigned int h = def_hash(name) & mask; s->defslot[h]; h = (h + 1) & mask)
		if (!strcmp(s->defs[s->defslot[h] - 1].name, name))
			return &s->defs[s->defslot[h] - 1];
	return NULL;
}

/* Put defs[@i] in the index, unless an earlier definition has its name. */
static void slot_put(struct cx_state *s, int i)
{
	unsigned int mask = s->capdefslot - 1;

	for (unsigned int h = def_hash(s->defs[i].name) & mask;; h = (h + 1) & mask) {
		if (!s->defslot[h]) {
			s->defslot[h] = i + 1;
			return;
		}
		if (!strcmp(s->defs[s->defslot[h] - 1].name, s->defs[i].name))
			return;
	}
}

/* Index defs[@i], the last one, growing the index to keep it at most half full. */
static void index_def(struct cx_state *s, int i)
{
	if (2 * (unsigned int)(i + 1) > s->capdefslot) {
		s->capdefslot = s->capdefslot ? 2 * s->capdefslot : 512;
		free(s->defslot);
		s->defslot = xcalloc(s->capdefslot, sizeof(int));
		for (int k = 0; k < i; k++)
			slot_put(s, k);
	}
	slot_put(s, i);
}

static struct cx_def *add_def(struct cx_state *s, CXCursor c)
{
	struct cx_def *d;

	if (s->ndefs == s->capdefs) {
		s->capdefs = s->capdefs ? s->capdefs * 2 : 256;
		s->defs = xrealloc(s->defs, s->capdefs * sizeof(*s->defs));
	}
	d = &s->defs[s->ndefs++];
	d->name = str_and_dispose(s, clang_getCursorSpelling(c));
	d->cursor = c;
	d->lowered = NULL;
	d->relist = false;
	index_def(s, s->ndefs - 1);
	return d;
}

/*
 * With a PCH, the TU's visit skips the declarations the PCH holds: a function
 * defined there becomes known (for lazy lowering by name) when code refers to it.
 */
static void note_pch_def(struct cx_state *s, CXCursor fn)
{
	CXCursor def;
	const char *name;

	if (!s->pch)
		return;
	def = clang_getCursorDefinition(fn);
	if (clang_Cursor_isNull(def) || clang_getCursorKind(def) != CXCursor_FunctionDecl ||
	    clang_Location_isFromMainFile(clang_getCursorLocation(def)))
		return;
	name = str_and_dispose(s, clang_getCursorSpelling(def));
	if (!find_def(s, name))
		add_def(s, def);
}

static struct ir_node *lower(struct cx_fn *fx, CXCursor c)
{
	struct cx_state *s = fx->s;
	enum CXCursorKind kind = clang_getCursorKind(c);
	struct cx_kids k;
	struct ir_node *n = NULL;

	if (clang_Cursor_isNull(c))
		return NULL;
	get_kids(c, &k);

	switch (kind) {
	case CXCursor_ParenExpr:
		n = k.n == 1 ? lower(fx, k.v[0]) : NULL;
		break;
	case CXCursor_UnexposedExpr:
		if (k.n == 1) {
			n = lower(fx, k.v[0]);
			break;
		}
		n = new_node(fx, IR_OTHER, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_UnexposedStmt:
		if (k.n == 1) {
			n = lower(fx, k.v[0]);
			break;
		}
		n = new_node(fx, k.n ? IR_COMPOUND : IR_NULL, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_CompoundStmt:
		n = new_node(fx, IR_COMPOUND, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_IfStmt:
		n = new_node(fx, IR_IF, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_SwitchStmt:
		n = new_node(fx, IR_SWITCH, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_CaseStmt:
		n = new_node(fx, IR_CASE, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_DefaultStmt:
		n = new_node(fx, IR_DEFAULT, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_WhileStmt:
		n = new_node(fx, IR_WHILE, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_DoStmt:
		n = new_node(fx, IR_DO, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_ForStmt:
		n = lower_for(fx, c, &k);
		break;
	case CXCursor_GotoStmt: {
		CXCursor label = clang_getCursorReferenced(c);

		n = new_node(fx, IR_GOTO, c);
		n->name = str_and_dispose(s, clang_getCursorSpelling(label));
		break;
	}
	case CXCursor_IndirectGotoStmt:
		n = new_node(fx, IR_INDIRECT_GOTO, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_LabelStmt:
		n = new_node(fx, IR_LABEL, c);
		n->name = str_and_dispose(s, clang_getCursorSpelling(c));
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_BreakStmt:
		n = new_node(fx, IR_BREAK, c);
		break;
	case CXCursor_ContinueStmt:
		n = new_node(fx, IR_CONTINUE, c);
		break;
	case CXCursor_ReturnStmt:
		n = new_node(fx, IR_RETURN, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_DeclStmt:
		n = lower_decl_stmt(fx, c, &k);
		break;
	case CXCursor_NullStmt:
		n = new_node(fx, IR_NULL, c);
		break;
	case CXCursor_GCCAsmStmt:
		n = new_node(fx, IR_ASM, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_CallExpr: {
		CXCursor callee = clang_getCursorReferenced(c);
		int nargs = clang_Cursor_getNumArguments(c);

		n = new_node(fx, IR_CALL, c);
		if (!clang_Cursor_isNull(callee) && clang_getCursorKind(callee) == CXCursor_FunctionDecl) {
			n->name = str_and_dispose(s, clang_getCursorSpelling(callee));
			note_pch_def(s, callee);
		}
		n->type = type_flags(s, clang_getCursorType(c), NULL);
		/* The callee expression comes first among the children. */
		if (k.n > nargs && nargs >= 0) {
			struct ir_node *ce = lower(fx, k.v[0]);

			if (n->loc.macro)
				n->callee_macro = spelling_macro(s, k.v[0]);

			add_kid(fx, n, ce ? ce : null_node(fx, c));
		} else {
			add_kid(fx, n, null_node(fx, c));
		}
		for (int i = 0; i < nargs; i++) {
			CXCursor arg = clang_Cursor_getArgument(c, i);
			struct ir_node *an = lower(fx, arg);

			if (!an)
				an = null_node(fx, c);
			an->text = source_text(s, arg);
			add_kid(fx, n, an);
		}
		break;
	}
	case CXCursor_DeclRefExpr: {
		CXCursor ref = clang_getCursorReferenced(c);
		enum CXCursorKind rk = clang_getCursorKind(ref);

		n = new_node(fx, IR_DECLREF, c);
		if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl) {
			n->var = get_var(s, ref);
			n->name = n->var->name;
		} else {
			n->name = str_and_dispose(s, clang_getCursorSpelling(c));
			if (rk == CXCursor_FunctionDecl)
				note_pch_def(s, ref);
		}
		break;
	}
	case CXCursor_MemberRefExpr:
		n = new_node(fx, IR_MEMBER, c);
		n->name = str_and_dispose(s, clang_getCursorSpelling(c));
		n->field = get_field(s, clang_getCursorReferenced(c));
		lower_kids(fx, n, &k, 0);
		n->op = IR_OP_DOT;
		if (k.n >= 1) {
			unsigned int bt = type_flags(s, clang_getCursorType(k.v[0]), NULL);

			if (bt & IR_TY_POINTER)
				n->op = IR_OP_ARROW;
		}
		break;
	case CXCursor_UnaryOperator:
		n = new_node(fx, IR_UNARY, c);
		n->op = unary_op(clang_getCursorUnaryOperatorKind(c));
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		n = new_node(fx, IR_BINARY, c);
		n->op = binary_op(clang_getCursorBinaryOperatorKind(c));
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_ConditionalOperator:
		n = new_node(fx, IR_COND, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_CStyleCastExpr:
		n = new_node(fx, IR_CAST, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_ArraySubscriptExpr:
		n = new_node(fx, IR_SUBSCRIPT, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_IntegerLiteral:
	case CXCursor_FloatingLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_StringLiteral:
		n = new_node(fx, IR_LITERAL, c);
		n->text = source_text(s, c);
		if (kind == CXCursor_IntegerLiteral && n->loc.macro) {
			char buf[32];

			if (literal_int(c, buf, sizeof(buf)))
				n->value = arena_strdup(s->a, buf);
		}
		break;
	case CXCursor_StmtExpr:
		n = new_node(fx, IR_STMT_EXPR, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_InitListExpr:
		n = new_node(fx, IR_INIT_LIST, c);
		lower_kids(fx, n, &k, 0);
		break;
	case CXCursor_UnaryExpr:
		/* sizeof/_Alignof: not evaluated (VLAs aside, which hold no mappings) */
		n = new_node(fx, IR_UNEVALUATED, c);
		break;
	default:
		if (clang_isDeclaration(kind) || clang_isReference(kind) || kind == CXCursor_TypeRef) {
			n = NULL;
			break;
		}
		n = new_node(fx, IR_OTHER, c);
		lower_kids(fx, n, &k, 0);
		break;
	}
	if (n && clang_isExpression(kind) && n->kind != IR_CALL && kind != CXCursor_ParenExpr &&
	    kind != CXCursor_UnexposedExpr) {
		n->type = type_flags(s, clang_getCursorType(c), NULL);
		if (kind == CXCursor_MemberRefExpr &&
		    clang_Cursor_isBitField(clang_getCursorReferenced(c)))
			n->type |= IR_TY_NARROW;
	}
	free(k.v);
	return n;
}

static struct ir_var *get_var(struct cx_state *s, CXCursor decl)
{
	unsigned int h, i;
	struct ir_var *v;
	enum CXCursorKind kind = clang_getCursorKind(decl);

	if (s->nvars * 2 >= s->capvars) {
		struct cx_var_slot *old = s->vars;
		unsigned int oldcap = s->capvars;

		s->capvars = s->capvars ? s->capvars * 2 : 256;
		s->vars = xcalloc(s->capvars, sizeof(*s->vars));
		for (i = 0; i < oldcap; i++) {
			if (!old[i].used)
				continue;
			h = clang_hashCursor(old[i].cursor) & (s->capvars - 1);
			while (s->vars[h].used)
				h = (h + 1) & (s->capvars - 1);
			s->vars[h] = old[i];
		}
		free(old);
	}
	h = clang_hashCursor(decl) & (s->capvars - 1);
	while (s->vars[h].used) {
		if (clang_equalCursors(s->vars[h].cursor, decl))
			return s->vars[h].var;
		h = (h + 1) & (s->capvars - 1);
	}
	v = arena_alloc(s->a, sizeof(*v));
	v->id = s->next_var_id++;
	v->name = str_and_dispose(s, clang_getCursorSpelling(decl));
	v->type = type_flags(s, clang_getCursorType(decl), &v->type_name);
	v->param_index = -1;
	set_loc(s, &v->loc, clang_getCursorLocation(decl));
	if (kind == CXCursor_ParmDecl) {
		v->storage = IR_STORE_PARAM;
	} else {
		enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
		CXCursor parent = clang_getCursorSemanticParent(decl);
		bool in_func = clang_getCursorKind(parent) == CXCursor_FunctionDecl;

		if (!in_func || sc == CX_SC_Extern) {
			v->storage = IR_STORE_GLOBAL;
			v->file_static = !in_func && sc == CX_SC_Static;
		}
		else if (sc == CX_SC_Static)
			v->storage = IR_STORE_STATIC_LOCAL;
		else
			v->storage = IR_STORE_LOCAL;
	}
	s->vars[h].used = true;
	s->vars[h].cursor = decl;
	s->vars[h].var = v;
	s->nvars++;
	return v;
}

/*
 * The field @decl names, as a variable of storage IR_STORE_FIELD; NULL when it is
 * not a field. It is file_static when every store to it must be written in this
 * file: its struct is defined in the main file (so no header gives other files its
 * layout) and no enclosing record is a union (whose other members alias it).
 */
static struct ir_var *get_field(struct cx_state *s, CXCursor decl)
{
	struct ir_var *v;
	CXCursor rec;
	bool own = true;

	if (clang_getCursorKind(decl) != CXCursor_FieldDecl)
		return NULL;
	v = get_var(s, decl);
	if (v->storage == IR_STORE_FIELD)
		return v;
	v->storage = IR_STORE_FIELD;
	v->in_union = clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_UnionDecl;
	for (rec = clang_getCursorSemanticParent(decl);; rec = clang_getCursorSemanticParent(rec)) {
		enum CXCursorKind k = clang_getCursorKind(rec);

		if (k == CXCursor_UnionDecl)
			own = false;
		else if (k != CXCursor_StructDecl)
			break;
		if (!clang_Location_isFromMainFile(clang_getCursorLocation(rec)))
			own = false;
	}
	v->file_static = own;
	return v;
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData data)
{
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

/* Is expression @c a null pointer constant: 0 or NULL, through parentheses and casts? */
static bool is_null_constant(CXCursor c)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor kid = clang_getNullCursor();

		if (k == CXCursor_IntegerLiteral) {
			char buf[32];

			return literal_int(c, buf, sizeof(buf)) && !strcmp(buf, "0");
		}
		if (k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr && k != CXCursor_UnexposedExpr)
			return false;
		clang_visitChildren(c, first_child, &kid);
		if (clang_Cursor_isNull(kid))
			return false;
		c = kid;
	}
}

/* Note an initializer outside the functions that stores a page pointer. */
static enum CXChildVisitResult find_page_init(CXCursor c, CXCursor parent, CXClientData data)
{
	struct cx_state *s = data;

	if (clang_isExpression(clang_getCursorKind(c)) &&
	    (type_flags(s, clang_getCursorType(c), NULL) & IR_TY_PAGE_PTR)) {
		if (is_null_constant(c))
			return CXChildVisit_Continue;
		s->tu->page_init_at_file_scope = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static bool range_has_error(struct cx_state *s, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile f1, f2;
	unsigned o1, o2;

	if (!s->nerrs)
		return false;
	clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, &o1);
	clang_getExpansionLocation(clang_getRangeEnd(r), &f2, NULL, NULL, &o2);
	for (int i = 0; i < s->nerrs; i++) {
		if (clang_File_isEqual(s->errs[i].file, f1) && s->errs[i].offset >= o1 &&
		    s->errs[i].offset <= o2)
			return true;
	}
	return false;
}

static struct ir_func *lower_function(struct cx_state *s, CXCursor c, bool in_main)
{
	struct ir_func *fn = arena_alloc(s->a, sizeof(*fn));
	struct cx_fn fx = { .s = s, .fn = fn };
	struct cx_kids k;
	int nparams = clang_Cursor_getNumArguments(c);
	CXType rt = clang_getCursorResultType(c);

	fn->name = str_and_dispose(s, clang_getCursorSpelling(c));
	set_loc(s, &fn->loc, clang_getCursorLocation(c));
	fn->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	fn->is_inline = clang_Cursor_isFunctionInlined(c);
	fn->in_main_file = in_main;
	fn->returns_pointer = (type_flags(s, rt, NULL) & IR_TY_POINTER) != 0;
	if (nparams > 0) {
		fn->nparams = nparams;
		fn->params = arena_alloc(s->a, nparams * sizeof(*fn->params));
		for (int i = 0; i < nparams; i++) {
			fn->params[i] = get_var(s, clang_Cursor_getArgument(c, i));
			fn->params[i]->storage = IR_STORE_PARAM;
			fn->params[i]->param_index = i;
		}
	}
	get_kids(c, &k);
	for (int i = k.n - 1; i >= 0; i--) {
		if (clang_getCursorKind(k.v[i]) == CXCursor_CompoundStmt) {
			fn->body = lower(&fx, k.v[i]);
			break;
		}
	}
	free(k.v);
	if (!fn->body)
		fn->body = null_node(&fx, c);
	fn->nnodes = fx.nnodes;
	if (range_has_error(s, c)) {
		fn->has_errors = true;
		fn->error = "a parse error inside the function";
	}
	return fn;
}

/* The role of a call to the family member @api. */
static enum site_role role_of(const struct rules *r, const char *api)
{
	enum family_kind fk = rules_family(r, api);

	if (fk == FAM_HELPER)
		return SITE_HELPER;
	if (fk == FAM_UNMAP_GLOBAL || fk == FAM_UNMAP_ATOMIC || fk == FAM_UNMAP_LOCAL)
		return SITE_UNMAP;
	return SITE_MAP;
}

/* Find the mapping-family calls of @fn and append them to the sites. */
static void find_sites_in(struct cx_state *s, struct ir_func *fn, struct ir_node *n,
			  struct ptrvec *out)
{
	if (!n)
		return;
	if (n->kind == IR_CALL) {
		const struct rules *r = s->o->rules;
		const char *api = NULL;

		/* kunmap_atomic() is a macro around __kunmap_atomic(): report the public name. */
		if (n->name && !strncmp(n->name, "__", 2) && rules_family(r, n->name + 2) != FAM_NONE)
			api = n->name + 2;
		else if (n->name && rules_family(r, n->name) != FAM_NONE)
			api = n->name;
		else if (n->callee_macro && rules_family(r, n->callee_macro) != FAM_NONE)
			api = n->callee_macro;
		else if (n->loc.macro && rules_family(r, n->loc.macro) != FAM_NONE)
			api = n->loc.macro;
		if (api) {
			/* A macro that expands to several calls is one site. */
			bool dup = false;

			for (int i = 0; i < out->n; i++) {
				struct ir_site *o = out->v[i];

				if (o->call->loc.line == n->loc.line && o->call->loc.col == n->loc.col &&
				    o->call->loc.file == n->loc.file && !strcmp(o->api, api) &&
				    n->loc.macro && !strcmp(n->loc.macro, api)) {
					dup = true;
					if (n->name && strstr(n->name, api) &&
					    !(o->call->name && strstr(o->call->name, api)))
						o->call = n;
					break;
				}
			}
			if (!dup) {
				struct ir_site *site = arena_alloc(s->a, sizeof(*site));

				site->func = fn;
				site->call = n;
				site->api = api;
				site->role = role_of(r, api);
				site->verdict = V_UNKNOWN;
				site->reason = "not analysed";
				pv_push(out, site);
			}
		}
	}
	for (int i = 0; i < n->nkids; i++)
		find_sites_in(s, fn, n->kids[i], out);
}

static struct ir_func *lazy_lower(struct ir_tu *tu, const char *name)
{
	struct cx_state *s = tu->lower_ctx;
	struct cx_def *d = find_def(s, name);
	struct ir_func *fn;
	int i;

	if (!d)
		return NULL;
	if (d->lowered && !d->relist)
		return d->lowered;
	if (d->lowered) {
		d->relist = false;
		tu->funcs = xrealloc(tu->funcs, (tu->nfuncs + 1) * sizeof(*tu->funcs));
		tu->funcs[tu->nfuncs++] = d->lowered;
		return d->lowered;
	}
	/* The lowering may add definitions (note_pch_def()), which moves defs[]. */
	i = (int)(d - s->defs);
	fn = lower_function(s, d->cursor, false);
	s->defs[i].lowered = fn;
	tu->funcs = xrealloc(tu->funcs, (tu->nfuncs + 1) * sizeof(*tu->funcs));
	tu->funcs[tu->nfuncs++] = fn;
	return fn;
}

/* Does the extent of @c contain a mapping-API name? */
static bool extent_mentions_family(struct cx_state *s, CXCursor c, struct cx_file *f)
{
	CXSourceRange r = clang_getCursorExtent(c);
	unsigned o1, o2;

	if (!f->scanned)
		scan_file_text(s, f);
	if (!f->nhits)
		return false;
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &o1);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &o2);
	for (int i = 0; i < f->nhits; i++)
		if ((unsigned)f->hits[i] >= o1 && (unsigned)f->hits[i] < o2)
			return true;
	return false;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
	struct cx_state *s = data;
	enum CXCursorKind kind = clang_getCursorKind(c);
	CXFile file;
	struct cx_file *f;
	struct ir_func *fn;
	bool in_main;
	int i;

	if (kind == CXCursor_VarDecl && !s->tu->page_init_at_file_scope &&
	    clang_Location_isFromMainFile(clang_getCursorLocation(c)) &&
	    !clang_Cursor_isNull(clang_Cursor_getVarDeclInitializer(c)))
		clang_visitChildren(c, find_page_init, s);
	if (kind != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
	if (!file)
		return CXChildVisit_Continue;
	in_main = clang_Location_isFromMainFile(clang_getCursorLocation(c));
	/* An index, not a pointer: the lowering may add definitions, which moves defs[]. */
	i = (int)(add_def(s, c) - s->defs);
	if (!in_main) {
		f = get_file(s, file);
		if (!f->reportable || !extent_mentions_family(s, c, f))
			return CXChildVisit_Continue;
	}
	fn = lower_function(s, c, in_main);
	s->defs[i].lowered = fn;
	pv_push(&s->funcs, fn);
	return CXChildVisit_Continue;
}

static void collect_diagnostics(struct cx_state *s, struct cx_parse_result *r)
{
	unsigned n = clang_getNumDiagnostics(s->ctu);
	int shown = 0;

	s->errs = xcalloc(n ? n : 1, sizeof(*s->errs));
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(s->ctu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		CXString msg;
		const char *m;

		if (sev == CXDiagnostic_Warning) {
			r->warnings++;
			clang_disposeDiagnostic(d);
			continue;
		}
		if (sev < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		if (sev == CXDiagnostic_Fatal)
			r->fatals++;
		r->errors++;
		msg = clang_getDiagnosticSpelling(d);
		m = clang_getCString(msg);
		if (m && strstr(m, "file not found"))
			r->missing_headers++;
		if (m && (strstr(m, "unknown argument") || strstr(m, "unsupported option")))
			r->unknown_flags++;
		{
			CXSourceLocation loc = clang_getDiagnosticLocation(d);
			CXFile f;
			unsigned line, col, off;

			clang_getExpansionLocation(loc, &f, &line, &col, &off);
			s->errs[s->nerrs].file = f;
			s->errs[s->nerrs].offset = off;
			s->nerrs++;
			if (shown < 5) {
				char *fname = f ? xstr_and_dispose(clang_getFileName(f)) : xstrdup("<command line>");

				sb_addf(&r->error_text, "%s:%u:%u: error: %s\n", fname, line, col, m ? m : "");
				if (!r->first_error)
					r->first_error = xasprintf("%s:%u:%u: %s", fname, line, col, m ? m : "");
				free(fname);
				shown++;
			}
		}
		clang_disposeString(msg);
		clang_disposeDiagnostic(d);
	}
}

/*
 * Is the name at @off of @f a call written in code (not in a comment or a string),
 * judging from the text of the skipped range that starts at @from?
 */
static bool looks_like_call(const struct cx_file *f, unsigned from, unsigned off, size_t len)
{
	const char *t = f->contents;
	unsigned i = from;
	size_t j;

	while (i < off) {
		if (t[i] == '/' && t[i + 1] == '*') {
			const char *e = strstr(t + i + 2, "*/");

			if (!e || (unsigned)(e - t) >= off)
				return false;
			i = e - t + 2;
		} else if (t[i] == '/' && t[i + 1] == '/') {
			while (i < off && t[i] != '\n')
				i++;
			if (i >= off)
				return false;
		} else if (t[i] == '"' || t[i] == '\'') {
			char q = t[i++];

			while (i < off && t[i] != q && t[i] != '\n')
				i += t[i] == '\\' ? 2 : 1;
			if (i >= off)
				return false;
			i++;
		} else {
			i++;
		}
	}
	if (off > 0 && (t[off - 1] == '.' || t[off - 1] == '>'))
		return false;
	for (j = off + len; j < f->size && (t[j] == ' ' || t[j] == '\t'); j++)
		;
	return j < f->size && t[j] == '(';
}

/* The name of the function definition whose extent holds @off of @f, or NULL. */
static const char *enclosing_def(struct cx_state *s, struct cx_file *f, unsigned off)
{
	for (int i = 0; i < s->ndefs; i++) {
		CXSourceRange r = clang_getCursorExtent(s->defs[i].cursor);
		CXFile f1;
		unsigned o1, o2;

		clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, &o1);
		clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &o2);
		if (clang_File_isEqual(f1, f->file) && off >= o1 && off < o2)
			return s->defs[i].name;
	}
	return NULL;
}

/* Mapping calls in skipped preprocessor ranges of the reportable files. */
/* The text of the main file's skipped preprocessor branches, for ir_tu.skipped_text. */
static void main_skipped_text(struct cx_state *s)
{
	struct cx_file *f = s->nfiles ? &s->files[0] : NULL;
	CXSourceRangeList *skipped;
	struct strbuf sb;

	if (!f || !f->file || !file_text(s, f))
		return;
	skipped = clang_getSkippedRanges(s->ctu, f->file);
	if (!skipped)
		return;
	sb_init(&sb);
	for (unsigned k = 0; k < skipped->count; k++) {
		unsigned o1, o2;

		clang_getFileLocation(clang_getRangeStart(skipped->ranges[k]), NULL, NULL, NULL, &o1);
		clang_getFileLocation(clang_getRangeEnd(skipped->ranges[k]), NULL, NULL, NULL, &o2);
		if (o1 < o2 && o2 <= f->size)
			sb_addf(&sb, "%.*s\n", (int)(o2 - o1), f->contents + o1);
	}
	clang_disposeSourceRangeList(skipped);
	if (sb.buf)
		s->tu->skipped_text = arena_strdup(s->a, sb.buf);
	sb_free(&sb);
}

/*
 * The skipped ranges of each file in @want (@n of them), as offset pairs in
 * @ranges[i] (@nranges[i] pairs), in the order libclang gives them. One call to
 * clang_getAllSkippedRanges(): clang_getSkippedRanges() per header would look each
 * one up by walking every source-location entry of the TU (see file_text()).
 */
static void skipped_ranges_of(struct cx_state *s, struct cx_file **want, int n, unsigned **ranges,
			      int *nranges)
{
	CXSourceRangeList *all = clang_getAllSkippedRanges(s->ctu);
	int *cap = xcalloc(n + 1, sizeof(int));

	for (unsigned k = 0; all && k < all->count; k++) {
		CXFile f1, f2;
		unsigned o1, o2;
		int i;

		clang_getFileLocation(clang_getRangeStart(all->ranges[k]), &f1, NULL, NULL, &o1);
		clang_getFileLocation(clang_getRangeEnd(all->ranges[k]), &f2, NULL, NULL, &o2);
		for (i = 0; i < n; i++)
			if ((f1 && clang_File_isEqual(want[i]->file, f1)) ||
			    (f2 && clang_File_isEqual(want[i]->file, f2)))
				break;
		if (i == n)
			continue;
		if (nranges[i] == cap[i]) {
			cap[i] = cap[i] ? 2 * cap[i] : 8;
			ranges[i] = xrealloc(ranges[i], 2 * cap[i] * sizeof(unsigned));
		}
		ranges[i][2 * nranges[i]] = o1;
		ranges[i][2 * nranges[i] + 1] = o2;
		nranges[i]++;
	}
	if (all)
		clang_disposeSourceRangeList(all);
	free(cap);
}

static void find_inactive_sites(struct cx_state *s, struct cx_parse_result *r)
{
	struct ptrvec out = { 0 };
	int nfiles = s->nfiles, nwant = 0, *nranges;
	struct cx_file **want = xcalloc(nfiles + 1, sizeof(*want));
	unsigned **ranges;

	for (int fi = 0; fi < nfiles; fi++) {
		struct cx_file *f = &s->files[fi];

		if (!f->reportable || !f->file)
			continue;
		if (!f->scanned)
			scan_file_text(s, f);
		if (f->nhits)
			want[nwant++] = f;
	}
	ranges = xcalloc(nwant + 1, sizeof(*ranges));
	nranges = xcalloc(nwant + 1, sizeof(*nranges));
	if (nwant)
		skipped_ranges_of(s, want, nwant, ranges, nranges);
	for (int wi = 0; wi < nwant; wi++) {
		struct cx_file *f = want[wi];
		int fi = (int)(f - s->files);

		for (int k = 0; k < nranges[wi]; k++) {
			unsigned o1 = ranges[wi][2 * k], o2 = ranges[wi][2 * k + 1];

			for (int h = 0; h < f->nhits; h++) {
				unsigned off = f->hits[h];
				const char *name;
				size_t len = 0;
				struct ir_site *site;
				struct ir_node *call;
				struct ir_func *fn;
				const char *encl;
				int line = 1, col = 1;

				if (off < o1 || off >= o2)
					continue;
				while (off + len < f->size && c_ident_char(f->contents[off + len]))
					len++;
				if (!looks_like_call(f, o1, off, len))
					continue;
				name = arena_strndup(s->a, f->contents + off, len);
				if (!strncmp(name, "__", 2) && rules_family(s->o->rules, name + 2) != FAM_NONE)
					name += 2;
				for (unsigned c = 0; c < off; c++) {
					if (f->contents[c] == '\n') {
						line++;
						col = 1;
					} else {
						col++;
					}
				}
				encl = enclosing_def(s, f, off);
				fn = arena_alloc(s->a, sizeof(*fn));
				fn->name = encl ? encl : "(not compiled)";
				fn->in_main_file = fi == 0;
				call = arena_alloc(s->a, sizeof(*call));
				call->kind = IR_CALL;
				call->name = name;
				call->loc.file = f->idx;
				call->loc.line = call->loc.spell_line = line;
				call->loc.col = col;
				call->loc.spell_file = f->idx;
				site = arena_alloc(s->a, sizeof(*site));
				site->func = fn;
				site->call = call;
				site->api = name;
				site->role = role_of(s->o->rules, name);
				site->verdict = V_UNKNOWN;
				site->reason = "in code this configuration does not compile (a skipped #if branch); not analysed";
				site->evidence = "[]";
				pv_push(&out, site);
			}
		}
		free(ranges[wi]);
	}
	free(ranges);
	free(nranges);
	free(want);
	r->ninactive = out.n;
	r->inactive = arena_alloc(s->a, (out.n + 1) * sizeof(struct ir_site));
	for (int i = 0; i < out.n; i++)
		r->inactive[i] = *(struct ir_site *)out.v[i];
	pv_free(&out);
}

char *cx_version(void)
{
	return xstr_and_dispose(clang_getClangVersion());
}

static const unsigned parse_options = CXTranslationUnit_KeepGoing |
				      CXTranslationUnit_DetailedPreprocessingRecord |
				      CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;

/* Parse @o->file with @in into @s (index and TU); @pch: the PCH's declarations are not visited. */
static enum CXErrorCode parse_with(struct cx_state *s, const struct cx_parse_opts *o,
				   const char *const *in, int nin, bool pch)
{
	const char **args = xcalloc(nin + 2, sizeof(char *));
	enum CXErrorCode ec;
	int nargs = 0;

	for (int i = 0; i < nin; i++)
		args[nargs++] = in[i];
	args[nargs++] = "-ferror-limit=0";
	s->index = clang_createIndex(/*excludeDeclarationsFromPCH=*/pch, /*displayDiagnostics=*/0);
	ec = clang_parseTranslationUnit2(s->index, o->file, args, nargs, NULL, 0, parse_options, &s->ctu);
	free(args);
	return ec;
}

/* "file:line:col: error: ..." of @tu's first error, or NULL. */
static char *first_error(CXTranslationUnit tu)
{
	unsigned n = clang_getNumDiagnostics(tu);
	char *m = NULL;

	for (unsigned i = 0; i < n && !m; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error)
			m = xstr_and_dispose(clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation));
		clang_disposeDiagnostic(d);
	}
	return m;
}

bool cx_build_pch(const char *const *args, int nargs, const char *header, const char *out,
		  char **err)
{
	const char **a = xcalloc(nargs + 3, sizeof(char *));
	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	enum CXErrorCode ec;
	int n = 0;
	bool ok = false;

	for (int i = 0; i < nargs; i++)
		a[n++] = args[i];
	a[n++] = "-x";
	a[n++] = "c-header";
	ec = clang_parseTranslationUnit2(index, header, a, n, NULL, 0,
					 parse_options | CXTranslationUnit_Incomplete |
					 CXTranslationUnit_ForSerialization, &tu);
	free(a);
	if (ec != CXError_Success || !tu) {
		*err = xasprintf("%s: %s", header, errcode_text(ec));
	} else if ((*err = first_error(tu))) {
		/* a header with errors is no PCH */
	} else if (clang_saveTranslationUnit(tu, out, clang_defaultSaveOptions(tu)) != CXSaveError_None) {
		*err = xasprintf("%s: cannot be saved", out);
	} else {
		ok = true;
	}
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	return ok;
}

void cx_relist(struct cx_parse_result *r, int nfuncs)
{
	struct cx_state *s = r->cx;
	struct ir_tu *tu = r->tu;

	if (!s || !tu || nfuncs > tu->nfuncs)
		return;
	for (int i = 0; i < s->ndefs; i++)
		for (int k = nfuncs; s->defs[i].lowered && k < tu->nfuncs; k++)
			if (tu->funcs[k] == s->defs[i].lowered) {
				s->defs[i].relist = true;
				break;
			}
	tu->nfuncs = nfuncs;
}

bool cx_parse_file(const struct cx_parse_opts *o, struct cx_parse_result *r)
{
	struct cx_state *s = xcalloc(1, sizeof(*s));
	enum CXErrorCode ec = CXError_Failure;
	struct ptrvec sites = { 0 };
	double t0 = now_seconds();

	memset(r, 0, sizeof(*r));
	sb_init(&r->error_text);
	s->o = o;
	s->family = rules_family_names(o->rules);
	if (o->pch_args) {
		ec = parse_with(s, o, o->pch_args, o->pch_nargs, true);
		char *e = ec == CXError_Success && s->ctu ? first_error(s->ctu) : NULL;

		if (ec == CXError_Success && s->ctu && !e) {
			s->pch = true;
			r->pch_used = true;
		} else {
			free(e);
			if (s->ctu)
				clang_disposeTranslationUnit(s->ctu);
			clang_disposeIndex(s->index);
			s->ctu = NULL;
			s->index = NULL;
			r->pch_retried = true;
		}
	}
	if (!s->pch)
		ec = parse_with(s, o, o->args, o->nargs, false);
	r->parse_seconds = now_seconds() - t0;
	r->cx = s;
	if (ec != CXError_Success || !s->ctu) {
		r->first_error = xstrdup(errcode_text(ec));
		r->errors++;
		r->fatals++;
		return false;
	}
	collect_diagnostics(s, r);

	t0 = now_seconds();
	s->a = arena_new();
	s->tu = arena_alloc(s->a, sizeof(*s->tu));
	s->tu->arena = s->a;
	s->tu->main_file = arena_strdup(s->a, o->file);
	s->tu->lower = lazy_lower;
	s->tu->lower_ctx = s;
	{
		/* The main file is files[0]. */
		CXFile mf = clang_getFile(s->ctu, o->file);

		get_file(s, mf);
	}
	clang_visitChildren(clang_getTranslationUnitCursor(s->ctu), visit_top, s);
	s->tu->nfuncs = s->funcs.n;
	s->tu->funcs = xcalloc(s->funcs.n + 1, sizeof(struct ir_func *));
	memcpy(s->tu->funcs, s->funcs.v, s->funcs.n * sizeof(void *));

	for (int i = 0; i < s->funcs.n; i++) {
		struct ir_func *fn = s->funcs.v[i];

		find_sites_in(s, fn, fn->body, &sites);
	}
	/* Header sites only where the header is reportable. */
	s->tu->sites = arena_alloc(s->a, (sites.n + 1) * sizeof(struct ir_site));
	for (int i = 0; i < sites.n; i++) {
		struct ir_site *site = sites.v[i];
		bool ok = site->func->in_main_file;

		for (int f = 0; !ok && f < s->nfiles; f++)
			if (s->files[f].idx == site->call->loc.file)
				ok = s->files[f].reportable;
		if (ok)
			s->tu->sites[s->tu->nsites++] = *site;
		if (site->func->has_errors)
			r->errors_in_site_funcs++;
	}
	pv_free(&sites);
	pv_free(&s->funcs);
	main_skipped_text(s);
	find_inactive_sites(s, r);
	r->tu = s->tu;
	r->lower_seconds = now_seconds() - t0;
	return true;
}

void cx_parse_release(struct cx_parse_result *r)
{
	struct cx_state *s = r->cx;

	if (s) {
		if (s->ctu)
			clang_disposeTranslationUnit(s->ctu);
		if (s->index)
			clang_disposeIndex(s->index);
		for (int i = 0; i < s->nfiles; i++) {
			free(s->files[i].hits);
			free(s->files[i].owned);
		}
		free(s->files);
		free(s->fslots);
		free(s->defs);
		free(s->defslot);
		free(s->vars);
		free(s->errs);
		if (s->tu) {
			free(s->tu->files);
			free(s->tu->funcs);
		}
		arena_free(s->a);
		free(s);
	}
	free(r->first_error);
	sb_free(&r->error_text);
	memset(r, 0, sizeof(*r));
}
