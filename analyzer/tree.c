// SPDX-License-Identifier: GPL-2.0
/*
 * tree.c - find the C files under the given paths and keep those that mention a
 * mapping API.
 *
 * The byte scan is deliberately dumb: a whole-identifier match anywhere, comments
 * included. It only decides what is worth a parse; the parse decides what is a call.
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "flags.h"
#include "tree.h"

/*
 * The names of @family that hold no other name of it (kmap_atomic holds kmap): a text
 * without any of them mentions none of the family. Kept for the last family asked about.
 */
static const char *const *needles_of(const char *const *family)
{
	static const char *const *for_family;
	static struct ptrvec needles;

	if (for_family == family)
		return (const char *const *)needles.v;
	pv_free(&needles);
	for (const char *const *n = family; *n; n++) {
		bool holds = false;

		for (const char *const *m = family; *m && !holds; m++)
			holds = m != n && strcmp(*m, *n) && strstr(*n, *m);
		if (!holds)
			pv_push(&needles, (void *)*n);
	}
	pv_push(&needles, NULL);
	for_family = family;
	return (const char *const *)needles.v;
}

bool tree_mentions(const char *buf, size_t len, const char *const *family)
{
	bool maybe = false;

	/* One pass per needle over most files (none of them there), not one per name. */
	for (const char *const *n = needles_of(family); *n && !maybe; n++)
		maybe = memmem(buf, len, *n, strlen(*n)) != NULL;
	if (!maybe)
		return false;
	for (const char *const *n = family; *n; n++)
		if (find_word(buf, buf, buf + len, *n, strlen(*n)))
			return true;
	return false;
}

static struct input_file *add(struct input_set *set, const char *path, const char *root, int root_idx)
{
	struct input_file *f;

	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 256;
		set->files = xrealloc(set->files, set->cap * sizeof(*set->files));
	}
	f = &set->files[set->n++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->display = xstrdup(path_relative(path, root));
	f->root = root_idx;
	return f;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && !strcmp(s + a - b, suf);
}

/* @f's status from its text; with @keep, a file without calls leaves its text there (@keep_len). */
static void classify(struct input_file *f, const char *const *family, char **keep, size_t *keep_len)
{
	char *err = NULL;
	size_t len = 0;
	char *buf = read_file(f->path, &len, &err);

	if (!buf) {
		f->status = IN_UNREADABLE;
		f->message = xasprintf("cannot read: %s", err);
		free(err);
		return;
	}
	if (len == 0) {
		f->status = IN_EMPTY;
		f->message = xstrdup("empty file, nothing to analyse");
	} else if (memchr(buf, '\0', len < 65536 ? len : 65536)) {
		f->status = IN_BINARY;
		f->message = xstrdup("binary file (NUL bytes), not C source");
	} else if (tree_mentions(buf, len, family)) {
		f->status = IN_CANDIDATE;
		/* what a result is cached under; only the files with a result need it */
		f->content_hash = hash64(buf, len, HASH64_SEED);
	} else {
		f->status = IN_NO_CALLS;
		if (keep) {
			*keep = buf;
			*keep_len = len;
			return;
		}
	}
	free(buf);
}

void tree_walk(const char *dir, const struct tree_walker *w)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct ptrvec names = { 0 };

	if (!d) {
		if (w->error)
			w->error(dir, errno, w->ctx);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* ., .., .git, hidden build output */
		pv_push(&names, xstrdup(de->d_name));
	}
	closedir(d);
	/* Sorted, so that runs are reproducible. */
	qsort(names.v, names.n, sizeof(char *), strcmp_ptr);
	for (int i = 0; i < names.n; i++) {
		char *p = path_join(dir, names.v[i]);
		struct stat st;

		if (lstat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				if (!w->enter || w->enter(p, w->ctx))
					tree_walk(p, w);
			} else if (S_ISREG(st.st_mode)) {
				w->file(p, w->ctx);
			}
		}
		free(p);
		free(names.v[i]);
	}
	pv_free(&names);
}

/* A file the walk found, classified after the walk, on several threads. */
struct found {
	char *path;
	bool header;
	int dir_error;		/* not a file: a directory that could not be read (errno) */
	struct input_file f;	/* its classification */
	char *c_includes;	/* a .c file without calls: the real paths of the .c files
				 * it #includes, each ended by a newline, or NULL */
	uint64_t hash;		/* then its content's hash */
};

struct collect {
	struct input_set *set;
	const char *root;
	int root_idx;
	const char *const *family;
	bool kernel;
	struct found *found;
	int nfound, capfound;
};

/* A kernel tree's tools/ holds user-space programs, not kernel code: not entered. */
static bool collect_enter(const char *dir, void *ctx)
{
	struct collect *c = ctx;

	if (c->kernel && kernel_user_space(path_relative(dir, c->root))) {
		c->set->skipped_user_space = true;
		return false;
	}
	return true;
}

static struct found *add_found(struct collect *c, const char *p)
{
	if (c->nfound == c->capfound) {
		c->capfound = c->capfound ? c->capfound * 2 : 1024;
		c->found = xrealloc(c->found, c->capfound * sizeof(*c->found));
	}
	memset(&c->found[c->nfound], 0, sizeof(*c->found));
	c->found[c->nfound].path = xstrdup(p);
	return &c->found[c->nfound++];
}

static void collect_error(const char *dir, int err, void *ctx)
{
	add_found(ctx, dir)->dir_error = err ? err : EIO;
}

static void collect_file(const char *p, void *ctx)
{
	bool header = has_suffix(p, ".h");

	if (header || has_suffix(p, ".c"))
		add_found(ctx, p)->header = header;
}

/*
 * The .c files @fd (a .c file the byte scan found no call in) #includes, as i915's
 * gem/i915_gem_mman.c includes selftests/i915_gem_mman.c: kbuild compiles those
 * only through it, and parsed alone they lack its static functions.
 */
static void find_c_includes(struct found *fd, const char *buf, size_t len)
{
	char *dir = xstrdup(fd->path), *name;
	struct strbuf sb;

	sb_init(&sb);
	*strrchr(dir, '/') = '\0';
	for (const char *p = buf; (name = c_include_next(buf, &p)); free(name)) {
		char *joined = path_join(dir, name), *real = path_real(joined);

		if (real)
			sb_addf(&sb, "%s\n", real);
		free(real);
		free(joined);
	}
	if (sb.len) {
		fd->c_includes = sb_detach(&sb);
		fd->hash = hash64(buf, len, HASH64_SEED);
	} else {
		sb_free(&sb);
	}
	free(dir);
}

static void classify_one(int i, void *ctx)
{
	struct collect *c = ctx;
	struct found *fd = &c->found[i];
	char *text = NULL;
	size_t len = 0;

	if (fd->dir_error)
		return;
	fd->f.path = fd->path;
	classify(&fd->f, c->family, fd->header ? NULL : &text, &len);
	if (text)
		find_c_includes(fd, text, len);
	free(text);
}

/* Is @path a line of @list ("a\nb\n")? */
static bool line_in(const char *list, const char *path)
{
	size_t n = strlen(path);

	for (const char *l = list; l && *l; l = strchr(l, '\n') + 1)
		if (!strncmp(l, path, n) && l[n] == '\n')
			return true;
	return false;
}

/*
 * Reading and searching every file is most of a walk (tens of thousands in a
 * kernel tree): it runs on several threads, and the files join the set in the
 * walk's order.
 */
static void classify_found(struct collect *c)
{
	(void)tree_mentions("", 0, c->family);	/* its needles, made once, before the threads */
	run_parallel(c->nfound, classify_one, c);
	/*
	 * A file that #includes a .c file with calls is parsed too: its view of that
	 * file is the one kbuild compiles (the dedup keeps a parsed copy of a site).
	 */
	{
		int *cand = xcalloc(c->nfound + 1, sizeof(int)), ncand = 0;

		for (int j = 0; j < c->nfound; j++)
			if (!c->found[j].header && !c->found[j].dir_error &&
			    c->found[j].f.status == IN_CANDIDATE)
				cand[ncand++] = j;
		for (int i = 0; i < c->nfound; i++) {
			struct found *fd = &c->found[i];

			for (int k = 0; fd->c_includes && k < ncand; k++) {
				if (!line_in(fd->c_includes, c->found[cand[k]].path))
					continue;
				fd->f.status = IN_CANDIDATE;
				fd->f.content_hash = fd->hash;
				c->set->includers++;
				break;
			}
			free(fd->c_includes);
			fd->c_includes = NULL;
		}
		free(cand);
	}
	for (int i = 0; i < c->nfound; i++) {
		struct found *fd = &c->found[i];

		if (fd->dir_error) {
			struct input_file *f = add(c->set, fd->path, c->root, c->root_idx);

			f->status = IN_UNREADABLE;
			f->message = xasprintf("cannot read directory: %s", strerror(fd->dir_error));
		} else if (!fd->header) {
			struct input_file *f = add(c->set, fd->path, c->root, c->root_idx);

			c->set->walked++;
			f->status = fd->f.status;
			f->content_hash = fd->f.content_hash;
			f->message = fd->f.message;
			/* Found by the walk: a binary .c is reported, an empty one is not news. */
			if (f->status == IN_EMPTY)
				f->status = IN_NO_CALLS;
		} else {
			if (fd->f.status == IN_CANDIDATE) {
				struct input_file *h = add(c->set, fd->path, c->root, c->root_idx);

				h->status = IN_CANDIDATE;
				h->header = true;
				h->content_hash = fd->f.content_hash;
			}
			free(fd->f.message);
		}
		free(fd->path);
	}
	free(c->found);
}

static void walk(struct input_set *set, const char *dir, const char *root, int root_idx,
		 const char *const *family, bool kernel)
{
	struct collect c = { set, root, root_idx, family, kernel, NULL, 0, 0 };
	struct tree_walker w = { .enter = collect_enter, .file = collect_file, .error = collect_error,
				 .ctx = &c };

	tree_walk(dir, &w);
	classify_found(&c);
}

void tree_collect(struct input_set *set, const char *path, const char *root, int root_idx,
		  const char *const *family, bool kernel)
{
	struct stat st;
	char *abs;
	double t0 = now_seconds();

	if (stat(path, &st) < 0) {
		struct input_file *f = add(set, path, "", root_idx);

		f->explicit = true;
		f->status = errno == ENOENT ? IN_MISSING : IN_UNREADABLE;
		f->message = xasprintf("%s", errno == ENOENT ? "no such file or directory" : strerror(errno));
		return;
	}
	abs = path_real(path);
	if (S_ISDIR(st.st_mode)) {
		walk(set, abs, root, root_idx, family, kernel);
	} else {
		struct input_file *f = add(set, abs, root, root_idx);

		f->explicit = true;
		set->walked++;
		if (!S_ISREG(st.st_mode)) {
			f->status = IN_NOT_C;
			f->message = xstrdup("not a regular file");
		} else {
			classify(f, family, NULL, NULL);
			if (f->status == IN_CANDIDATE && !has_suffix(abs, ".c") && !has_suffix(abs, ".h")) {
				f->status = IN_NOT_C;
				f->message = xstrdup("not a C source file (expected .c or .h)");
			}
		}
	}
	free(abs);
	set->scan_seconds += now_seconds() - t0;
}

void tree_free(struct input_set *set)
{
	for (int i = 0; i < set->n; i++) {
		free(set->files[i].path);
		free(set->files[i].display);
		free(set->files[i].message);
	}
	free(set->files);
	memset(set, 0, sizeof(*set));
}
