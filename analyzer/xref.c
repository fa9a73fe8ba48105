// SPDX-License-Identifier: GPL-2.0
/*
 * xref.c - a definition index by byte scan, and the table of cross-file summaries.
 *
 * The index reads every .c file under the given directories once and looks only at
 * lines that start in column 0, where kernel style puts a function's declarator. It
 * parses nothing; what it misses makes a proof stay unknown, never safe.
 */
#include <string.h>

#include "flags.h"
#include "tree.h"
#include "xref.h"

/* A small set of names, by open addressing. */
struct nameset {
	const char **slot;
	unsigned int mask;
};

static void nameset_init(struct nameset *s, const char *const *names)
{
	unsigned int n = 0, size = 16;

	while (names[n])
		n++;
	while (size < 2 * n + 2)
		size *= 2;
	s->slot = xcalloc(size, sizeof(char *));
	s->mask = size - 1;
	for (unsigned int i = 0; i < n; i++) {
		unsigned int h = (unsigned int)hash64(names[i], strlen(names[i]), HASH64_SEED) & s->mask;

		while (s->slot[h] && strcmp(s->slot[h], names[i]))
			h = (h + 1) & s->mask;
		s->slot[h] = names[i];
	}
}

static const char *nameset_find(const struct nameset *s, const char *p, size_t len)
{
	unsigned int h = (unsigned int)hash64(p, len, HASH64_SEED) & s->mask;

	for (; s->slot[h]; h = (h + 1) & s->mask)
		if (strlen(s->slot[h]) == len && !memcmp(s->slot[h], p, len))
			return s->slot[h];
	return NULL;
}

/* Skip blanks, newlines and comments from @p; returns the first other byte or @end. */
static const char *skip_space(const char *p, const char *end)
{
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\\') {
			p++;
		} else if (p + 1 < end && p[0] == '/' && p[1] == '*') {
			const char *e = memmem(p + 2, end - p - 2, "*/", 2);

			p = e ? e + 2 : end;
		} else if (p + 1 < end && p[0] == '/' && p[1] == '/') {
			const char *e = memchr(p, '\n', end - p);

			p = e ? e : end;
		} else {
			break;
		}
	}
	return p;
}

/* @p is at '(': the byte after the matching ')', or NULL. */
static const char *skip_parens(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			if (--depth == 0)
				return p + 1;
		} else if (*p == ';' || *p == '{' || *p == '}') {
			return NULL;	/* not a parameter list */
		}
	}
	return NULL;
}

/*
 * After a parameter list: only annotations (`__acquires(x)`, `__releases(x)`, attribute
 * macros) may stand between it and the body's '{'.
 */
static bool body_follows(const char *p, const char *end)
{
	for (int words = 0; words < 8; words++) {
		p = skip_space(p, end);
		if (p >= end)
			return false;
		if (*p == '{')
			return true;
		if (!c_ident_char(*p))
			return false;
		while (p < end && c_ident_char(*p))
			p++;
		p = skip_space(p, end);
		if (p < end && *p == '(') {
			p = skip_parens(p, end);
			if (!p)
				return false;
		}
	}
	return false;
}

static bool starts_with_word(const char *line, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - line) > n && !memcmp(line, word, n) && !c_ident_char(line[n]);
}

static void add_def(struct xref_defs *out, const char *name, const char *file)
{
	for (int i = 0; i < out->n; i++)
		if (!strcmp(out->v[i].name, name) && !strcmp(out->v[i].file, file))
			return;
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 32;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	out->v[out->n].name = xstrdup(name);
	out->v[out->n].file = xstrdup(file);
	out->n++;
}

static void scan_file(const char *path, const struct nameset *ns, struct xref_defs *out)
{
	size_t len = 0;
	char *err = NULL, *buf = read_file(path, &len, &err);
	const char *end, *line, *prev = NULL;

	free(err);
	if (!buf)
		return;
	end = buf + len;
	for (line = buf; line < end; ) {
		const char *eol = memchr(line, '\n', end - line);

		if (!eol)
			eol = end;
		if (c_ident_char(*line)) {
			for (const char *p = line; p < eol; ) {
				const char *id = p, *name, *q;

				if (!c_ident_char(*p) || (p > line && c_ident_char(p[-1]))) {
					p++;
					continue;
				}
				while (p < eol && c_ident_char(*p))
					p++;
				q = p;
				while (q < eol && (*q == ' ' || *q == '\t'))
					q++;
				if (q >= eol || *q != '(')
					continue;
				name = nameset_find(ns, id, p - id);
				if (!name)
					continue;
				/* `static` on this line, or on the line before a name in column 0 */
				if (starts_with_word(line, eol, "static") ||
				    (id == line && prev && starts_with_word(prev, line, "static")))
					break;
				q = skip_parens(q, end);
				if (q && body_follows(q, end))
					add_def(out, name, path);
				break;
			}
		}
		if (eol > line && c_ident_char(*line))
			prev = line;
		else if (eol > line)
			prev = NULL;
		line = eol + 1;
	}
	free(buf);
}

struct index_walk {
	const char *top;
	bool skip_arch;
	struct ptrvec *paths;
};

/* Another architecture's code, or user-space programs: not what this configuration links. */
static bool index_enter(const char *dir, void *ctx)
{
	struct index_walk *iw = ctx;
	const char *rel = path_relative(dir, iw->top);

	return !(iw->skip_arch && (kernel_other_arch(rel) || kernel_user_space(rel)));
}

static void index_file(const char *path, void *ctx)
{
	struct index_walk *iw = ctx;
	size_t n = strlen(path);

	if (n > 2 && !strcmp(path + n - 2, ".c"))
		pv_push(iw->paths, xstrdup(path));
}

struct index_scan {
	struct ptrvec *paths;
	const struct nameset *ns;
	struct xref_defs *found;	/* per path */
};

static void scan_one(int i, void *ctx)
{
	struct index_scan *is = ctx;

	scan_file(is->paths->v[i], is->ns, &is->found[i]);
}

/*
 * The files are listed first (the given ones, then each directory's walk), read
 * and searched on several threads, and their definitions merged in that order:
 * the same result as one thread, in less time.
 */
void xref_find_defs(const char *const *dirs, int ndirs, const char *const *files, int nfiles,
		    bool skip_arch, const char *const *names, struct xref_defs *out)
{
	struct nameset ns;
	struct ptrvec paths = { 0 };
	struct index_scan is = { &paths, &ns, NULL };

	if (!names[0])
		return;
	nameset_init(&ns, names);
	for (int i = 0; i < nfiles; i++)
		pv_push(&paths, xstrdup(files[i]));
	for (int i = 0; i < ndirs; i++) {
		struct index_walk iw = { dirs[i], skip_arch, &paths };
		struct tree_walker w = { .enter = index_enter, .file = index_file, .ctx = &iw };

		tree_walk(dirs[i], &w);
	}
	is.found = xcalloc(paths.n + 1, sizeof(*is.found));
	run_parallel(paths.n, scan_one, &is);
	for (int i = 0; i < paths.n; i++) {
		for (int k = 0; k < is.found[i].n; k++)
			add_def(out, is.found[i].v[k].name, is.found[i].v[k].file);
		xref_defs_free(&is.found[i]);
		free(paths.v[i]);
	}
	free(is.found);
	pv_free(&paths);
	free(ns.slot);
}

void xref_defs_free(struct xref_defs *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->v[i].name);
		free(d->v[i].file);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

struct xref_table {
	struct func_summary *v;
	int n, cap;
};

struct xref_table *xref_table_new(void)
{
	return xcalloc(1, sizeof(struct xref_table));
}

void xref_table_free(struct xref_table *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->n; i++) {
		free((char *)t->v[i].name);
		free((char *)t->v[i].file);
	}
	free(t->v);
	free(t);
}

static struct func_summary *find(const struct xref_table *t, const char *name)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].name, name))
			return &t->v[i];
	return NULL;
}

void xref_table_add(struct xref_table *t, const struct func_summary *s)
{
	struct func_summary *m = find(t, s->name);

	if (!m) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 32;
			t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
		}
		m = &t->v[t->n++];
		*m = *s;
		m->name = xstrdup(s->name);
		m->file = xstrdup(s->file ? s->file : "");
		return;
	}
	/* What holds for every definition. */
	m->escapes |= s->escapes;
	m->derefs_only &= s->derefs_only;
	m->derefs_only &= ~m->escapes;
	m->maps |= s->maps;
	m->unmaps |= s->unmaps;
	m->returns_mapping |= s->returns_mapping;
	m->may_sleep |= s->may_sleep;
	m->needs_atomic |= s->needs_atomic;
	m->needs |= s->needs;
	m->returns_param |= s->returns_param;
	m->unmaps_param &= s->unmaps_param;
	if (s->file) {
		/*
		 * Name the first file in byte order, "F and others": the summaries come
		 * in as their jobs end, and the text must not depend on which ended first.
		 */
		static const char others[] = " and others";
		size_t len = strlen(m->file), olen = sizeof(others) - 1;
		char *first;

		if (len > olen && !strcmp(m->file + len - olen, others))
			len -= olen;
		first = xstrndup(m->file, len);
		if (strcmp(first, s->file)) {
			const char *name = strcmp(s->file, first) < 0 ? s->file : first;
			char *both = xasprintf("%s%s", name, others);

			free((char *)m->file);
			m->file = both;
		}
		free(first);
	}
}

const struct func_summary *xref_table_get(const struct xref_table *t, const char *name)
{
	return t ? find(t, name) : NULL;
}
