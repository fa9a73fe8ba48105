// SPDX-License-Identifier: GPL-2.0
/*
 * gate.c - `kmapcheck gate`: the deprecated mapping calls a change adds.
 *
 * A change is the work tree of a git checkout against a revision, or a unified
 * diff applied to a temporary copy of the files it touches. The touched C files
 * that mention a mapping API are parsed before and after with scan_run() and the
 * flags the file has in the tree; a kmap()/kmap_atomic() call is new when its
 * site key (function, API, the tokens of its line: no line number) occurs more
 * often after the change than before, so moved and re-indented code is not new.
 * Nothing is written outside a temporary directory, which is removed at the end.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flags.h"
#include "gate.h"
#include "scan.h"
#include "tree.h"
#include "worker.h"

/* git's empty tree: the base of a repository's first commit. */
#define EMPTY_TREE "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

/* One touched C file. */
struct gfile {
	char *rel;		/* path relative to the top of the tree */
	char *old_path;		/* the version before, a temporary copy (real path); NULL: added */
	char *new_path;		/* the version after (real path); NULL: deleted */
	char *flags_path;	/* where the file lives in the tree: its flags are looked up there */
	bool old_seen, new_seen;	/* the scan reported on the version */
	bool old_failed, new_failed;	/* no translation unit (or crash, timeout) */
	int old_errors, new_errors;
	char *new_first_error;
	char *old_first_error;
};

/* A deprecated mapping site of one version, copied out of a scan result. */
struct gsite {
	struct site_out s;	/* s.file is the gfile's rel */
	int file;		/* index in gate.files */
	bool is_new;		/* the version after the change */
	bool matched;		/* an old site paired with a new one of the same key */
};

struct gate {
	const struct gate_opts *o;
	char *top;		/* the tree's top directory (real path) */
	char *tmp;		/* temporary directory (real path): old/, new/ */
	char *old_label;	/* prefix naming old versions in messages: "HEAD~1:" or "a/" */
	char *base_desc;	/* for the summary: "HEAD~1 (1a2b3c4)" or "the patch" */
	struct gfile *files;
	int nfiles, capfiles;
	int touched;		/* C files the change touches */
	struct gsite *sites;
	int nsites, capsites;
	const char *const *family;
	struct rules *rules;
	struct cx_compdb *compdb;
	bool compdb_tried;
	struct kernel_tree *kts;	/* prepared kernel trees, by root */
	int nkts;
};

/* Run @argv (no shell) in @dir with stdin from /dev/null; collect what it writes. */
static int run_cmd(const char *const *argv, const char *dir, struct strbuf *out, struct strbuf *err)
{
	int po[2], pe[2], status;
	pid_t pid;
	struct pollfd fds[2];
	int open_fds = 2;

	if (pipe2(po, O_CLOEXEC) < 0)
		return -1;
	if (pipe2(pe, O_CLOEXEC) < 0) {
		close(po[0]);
		close(po[1]);
		return -1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(po[0]); close(po[1]); close(pe[0]); close(pe[1]);
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);

		if (nul >= 0)
			dup2(nul, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		if (dir && chdir(dir) < 0)
			_exit(126);
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	fds[0].fd = po[0];
	fds[1].fd = pe[0];
	fds[0].events = fds[1].events = POLLIN;
	while (open_fds) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			char buf[65536];
			ssize_t n;

			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(fds[i].fd, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
				continue;
			}
			sb_addn(i ? err : out, buf, n);
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The first line of @sb's text, trailing blanks cut; "" when empty. */
static const char *first_line(struct strbuf *sb)
{
	char *nl;

	if (!sb->buf)
		return "";
	nl = strchr(sb->buf, '\n');
	if (nl)
		*nl = '\0';
	return sb->buf;
}

/* git with @args in @dir; on success @out holds its output. */
static int git(const char *dir, struct strbuf *out, struct strbuf *err, const char *const *args)
{
	const char *argv[16] = { "git" };
	int n = 1;

	for (; args[n - 1] && n < 15; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	sb_reset(out);
	sb_reset(err);
	return run_cmd(argv, dir, out, err);
}

static bool has_c_suffix(const char *p)
{
	size_t n = strlen(p);

	return n > 2 && p[n - 2] == '.' && (p[n - 1] == 'c' || p[n - 1] == 'h');
}

/* Write @len bytes to @path, making its directory; a temporary file, no fsync. */
static bool write_tmp(const char *path, const char *data, size_t len, char **err)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	FILE *f;

	if (slash)
		*slash = '\0';
	if (slash && !mkdir_p(dir)) {
		*err = xasprintf("cannot create %s: %s", dir, strerror(errno));
		free(dir);
		return false;
	}
	free(dir);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		*err = xasprintf("cannot write %s: %s", path, strerror(errno));
		return false;
	}
	return true;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	remove(path);
	return 0;	/* go on: remove what can be removed */
}

static void remove_tree(const char *dir)
{
	if (dir)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Replace the temporary and tree prefixes in @text by what the user knows. */
static char *relabel(const struct gate *g, const char *text)
{
	struct strbuf sb;
	char *old_dir = xasprintf("%s/old/", g->tmp), *new_dir = xasprintf("%s/new/", g->tmp);
	char *top_dir = xasprintf("%s/", g->top);

	sb_init(&sb);
	sb_add(&sb, "");
	for (const char *p = text; p && *p;) {
		if (!strncmp(p, old_dir, strlen(old_dir))) {
			sb_add(&sb, g->old_label);
			p += strlen(old_dir);
		} else if (!strncmp(p, new_dir, strlen(new_dir))) {
			p += strlen(new_dir);
		} else if (!strncmp(p, top_dir, strlen(top_dir))) {
			p += strlen(top_dir);
		} else {
			sb_addc(&sb, *p++);
		}
	}
	free(old_dir);
	free(new_dir);
	free(top_dir);
	return sb_detach(&sb);
}

static void gate_error(const struct gate *g, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void gate_error(const struct gate *g, const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (file) {
		vdiag(stderr, file, 0, 0, "error", fmt, ap);
	} else {
		fprintf(stderr, "%s gate: ", progname);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

static struct gfile *add_file(struct gate *g, const char *rel)
{
	struct gfile *f;

	if (g->nfiles == g->capfiles) {
		g->capfiles = g->capfiles ? g->capfiles * 2 : 16;
		g->files = xrealloc(g->files, g->capfiles * sizeof(*g->files));
	}
	f = &g->files[g->nfiles++];
	memset(f, 0, sizeof(*f));
	f->rel = xstrdup(rel);
	f->flags_path = path_join(g->top, rel);
	return f;
}

/* Does @text mention a mapping API? NULL (no such version) does not. */
static bool mentions(const struct gate *g, const char *text, size_t len)
{
	return text && tree_mentions(text, len, g->family);
}

/*
 * Keep @rel when one of its versions mentions a mapping API and they differ:
 * @old_text is written to old/REL; the new version is @new_path, or @new_text
 * written to new/REL when @new_path is NULL.
 */
static bool keep_file(struct gate *g, const char *rel, const char *old_text, size_t old_len,
		      const char *new_path, const char *new_text, size_t new_len, char **err)
{
	struct gfile *f;
	char *p;

	g->touched++;
	if (!mentions(g, old_text, old_len) && !mentions(g, new_text, new_len))
		return true;
	if (old_text && new_text && old_len == new_len && !memcmp(old_text, new_text, old_len))
		return true;
	f = add_file(g, rel);
	if (old_text) {
		p = xasprintf("%s/old/%s", g->tmp, rel);
		if (!write_tmp(p, old_text, old_len, err)) {
			free(p);
			return false;
		}
		f->old_path = p;
	}
	if (new_text) {
		if (new_path) {
			f->new_path = path_real(new_path);
		} else {
			p = xasprintf("%s/new/%s", g->tmp, rel);
			if (!write_tmp(p, new_text, new_len, err)) {
				free(p);
				return false;
			}
			f->new_path = p;
		}
	}
	return true;
}

/* The work tree of a git checkout against a revision. */
static int collect_git(struct gate *g)
{
	const struct gate_opts *o = g->o;
	const char *tree = o->tree ? o->tree : ".";
	struct strbuf out, err;
	char *base = NULL, *list = NULL, *shown;
	size_t list_len;
	int rc, status = GATE_EXIT_ERROR;

	sb_init(&out);
	sb_init(&err);
	if (!path_is_dir(tree)) {
		gate_error(g, tree, "not a directory");
		goto out;
	}
	rc = git(tree, &out, &err, (const char *[]){ "rev-parse", "--show-toplevel", NULL });
	if (rc != 0) {
		gate_error(g, tree, "not a git work tree (%s); use --patch FILE for a plain tree",
			   rc < 0 ? "cannot run git" : first_line(&err));
		goto out;
	}
	g->top = path_real(first_line(&out));
	if (!g->top) {
		gate_error(g, tree, "git names %s as its top directory, which cannot be resolved", out.buf);
		goto out;
	}
	if (o->base) {
		char *spec = xasprintf("%s^{commit}", o->base);

		rc = git(g->top, &out, &err,
			 (const char *[]){ "rev-parse", "--verify", "--quiet", "--end-of-options", spec, NULL });
		free(spec);
		if (rc != 0 || !out.len) {
			gate_error(g, NULL, "bad revision '%s': not a commit in %s", o->base, g->top);
			goto out;
		}
		base = xstrdup(first_line(&out));
		g->old_label = xasprintf("%s:", o->base);
		shown = xstrdup(o->base);
	} else {
		bool dirty, have_head;
		const char *want;

		rc = git(g->top, &out, &err,
			 (const char *[]){ "status", "--porcelain", "--untracked-files=no", NULL });
		if (rc != 0) {
			gate_error(g, tree, "git status failed: %s", first_line(&err));
			goto out;
		}
		dirty = out.len > 0;
		rc = git(g->top, &out, &err,
			 (const char *[]){ "rev-parse", "--verify", "--quiet", "HEAD^{commit}", NULL });
		have_head = rc == 0;
		want = dirty ? "HEAD" : "HEAD~1";
		if (have_head && !dirty)
			have_head = git(g->top, &out, &err,
					(const char *[]){ "rev-parse", "--verify", "--quiet",
							  "HEAD~1^{commit}", NULL }) == 0;
		else if (have_head)
			git(g->top, &out, &err,
			    (const char *[]){ "rev-parse", "--verify", "--quiet", "HEAD^{commit}", NULL });
		if (have_head) {
			base = xstrdup(first_line(&out));
			g->old_label = xasprintf("%s:", want);
			shown = xstrdup(want);
		} else {
			/* No commit to compare with: everything is new. */
			base = xstrdup(EMPTY_TREE);
			g->old_label = xstrdup("(empty):");
			shown = xstrdup("the empty tree");
		}
	}
	g->base_desc = strcmp(base, EMPTY_TREE) ? xasprintf("%s (%.12s)", shown, base) : xstrdup(shown);
	free(shown);

	/* Paths under TREE (git prints them relative to the top), NUL-separated. */
	rc = git(tree, &out, &err,
		 (const char *[]){ "diff", "--no-ext-diff", "--no-textconv", "--no-renames",
				   "--name-status", "-z", base, "--", ".", NULL });
	if (rc != 0) {
		gate_error(g, tree, "git diff %s failed: %s", g->base_desc, first_line(&err));
		goto out;
	}
	list_len = out.len;
	list = sb_detach(&out);
	sb_init(&out);
	for (size_t i = 0; list && i < list_len;) {
		const char *st = list + i, *path;
		char *abs, *errs = NULL, *new_text = NULL;
		size_t new_len = 0;
		bool ok;

		i += strlen(st) + 1;
		if (i >= list_len)
			break;
		path = list + i;
		i += strlen(path) + 1;
		if (!has_c_suffix(path))
			continue;
		abs = path_join(g->top, path);
		if (st[0] != 'D' && path_is_file(abs)) {
			new_text = read_file(abs, &new_len, &errs);
			if (!new_text) {
				gate_error(g, path, "cannot read: %s", errs);
				free(errs);
				free(abs);
				goto out;
			}
		}
		sb_reset(&out);
		if (st[0] != 'A' && strcmp(base, EMPTY_TREE)) {
			char *spec = xasprintf("%s:%s", base, path);

			rc = git(g->top, &out, &err, (const char *[]){ "cat-file", "blob", spec, NULL });
			free(spec);
			if (rc != 0) {
				gate_error(g, path, "cannot read the version of %s: %s", g->base_desc,
					   first_line(&err));
				free(new_text);
				free(abs);
				goto out;
			}
		}
		ok = keep_file(g, path, st[0] != 'A' && strcmp(base, EMPTY_TREE) ? (out.buf ? out.buf : "") : NULL,
			       out.len, new_text ? abs : NULL, new_text, new_len, &errs);
		free(new_text);
		free(abs);
		if (!ok) {
			gate_error(g, path, "%s", errs);
			free(errs);
			goto out;
		}
	}
	status = EXIT_OK;
out:
	free(list);
	free(base);
	sb_free(&out);
	sb_free(&err);
	return status;
}

/* One file of a unified diff: the names on its ---/+++ lines, "/dev/null" for none. */
struct pentry {
	char *old_name, *new_name;
};

/* The name on a ---/+++ line: up to a tab (a timestamp follows), C-quoted names unquoted. */
static char *diff_name(const char *s)
{
	struct strbuf sb;

	sb_init(&sb);
	if (*s == '"') {
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && s[1]) {
				s++;
				if (*s == 't')
					sb_addc(&sb, '\t');
				else if (*s == 'n')
					sb_addc(&sb, '\n');
				else if (*s >= '0' && *s <= '7') {
					int v = 0;

					for (int k = 0; k < 3 && *s >= '0' && *s <= '7'; k++, s++)
						v = v * 8 + (*s - '0');
					s--;
					sb_addc(&sb, (char)v);
				} else
					sb_addc(&sb, *s);
			} else {
				sb_addc(&sb, *s);
			}
		}
	} else {
		const char *e = strchr(s, '\t');
		size_t n = e ? (size_t)(e - s) : strlen(s);

		while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
			n--;
		sb_addn(&sb, s, n);
	}
	sb_add(&sb, "");
	return sb_detach(&sb);
}

/* @name without its first @p components; NULL when it has fewer. */
static const char *strip_name(const char *name, int p)
{
	while (p-- > 0) {
		const char *s = strchr(name, '/');

		if (!s)
			return NULL;
		name = s + 1;
		while (*name == '/')
			name++;
	}
	return name;
}

static bool safe_rel(const char *rel)
{
	if (!rel || !*rel || rel[0] == '/')
		return false;
	for (const char *p = rel; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL)
		if (!strncmp(p, "../", 3) || !strcmp(p, ".."))
			return false;
	return true;
}

/* The unified diff of --patch, applied to a copy of the files it touches. */
static int collect_patch(struct gate *g)
{
	const struct gate_opts *o = g->o;
	const char *tree = o->tree ? o->tree : ".";
	char *text = NULL, *err = NULL, *diff_path = NULL, *new_dir = NULL, *rej = NULL;
	size_t len = 0;
	struct pentry *ents = NULL;
	int nents = 0, strip = -1, status = GATE_EXIT_ERROR;
	struct ptrvec rels = { 0 };
	const char *label = strcmp(o->patch, "-") ? o->patch : "<stdin>";

	g->top = path_real(tree);
	if (!g->top || !path_is_dir(g->top)) {
		gate_error(g, tree, "not a directory");
		return GATE_EXIT_ERROR;
	}
	g->old_label = xstrdup("a/");
	g->base_desc = xasprintf("%s applied to %s", label, tree);
	if (!strcmp(o->patch, "-")) {
		struct strbuf sb;
		char buf[65536];
		ssize_t n;

		sb_init(&sb);
		while ((n = read(0, buf, sizeof(buf))) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				gate_error(g, label, "cannot read: %s", strerror(errno));
				sb_free(&sb);
				return GATE_EXIT_ERROR;
			}
			sb_addn(&sb, buf, n);
		}
		len = sb.len;
		text = sb.buf ? sb_detach(&sb) : xstrdup("");
	} else {
		text = read_file(o->patch, &len, &err);
		if (!text) {
			gate_error(g, o->patch, "cannot read the patch: %s", err);
			free(err);
			return GATE_EXIT_ERROR;
		}
	}
	if (memchr(text, '\0', len)) {
		gate_error(g, label, "not a unified diff (binary data)");
		goto out;
	}
	/* The files: each "--- " line directly followed by a "+++ " line. */
	for (char *l = text; l && *l;) {
		char *nl = strchr(l, '\n'), *next = nl ? nl + 1 : NULL;

		if (!strncmp(l, "--- ", 4) && next && !strncmp(next, "+++ ", 4)) {
			char *nl2 = strchr(next, '\n');

			if (nl)
				*nl = '\0';
			if (nl2)
				*nl2 = '\0';
			ents = xrealloc(ents, (nents + 1) * sizeof(*ents));
			ents[nents].old_name = diff_name(l + 4);
			ents[nents].new_name = diff_name(next + 4);
			nents++;
			if (nl)
				*nl = '\n';
			if (nl2)
				*nl2 = '\n';
			next = nl2 ? nl2 + 1 : NULL;
		}
		l = next;
	}
	if (!nents) {
		gate_error(g, label, "not a unified diff: no '--- a/FILE' and '+++ b/FILE' lines");
		goto out;
	}
	/* -p1 (a/ b/, or DIR/ prefixes) when the names exist in TREE that way, else -p0. */
	for (int p = 1; p >= 0 && strip < 0; p--) {
		bool ok = true;

		for (int i = 0; i < nents && ok; i++) {
			const char *on = ents[i].old_name, *nn = ents[i].new_name;

			if (strcmp(on, "/dev/null")) {
				const char *r = strip_name(on, p);
				char *abs = r && safe_rel(r) ? path_join(g->top, r) : NULL;

				ok = abs && path_is_file(abs);
				free(abs);
			} else {
				ok = strcmp(nn, "/dev/null") && strip_name(nn, p) && safe_rel(strip_name(nn, p));
			}
		}
		if (ok)
			strip = p;
	}
	if (strip < 0) {
		const char *on = ents[0].old_name;

		gate_error(g, label, "the patch does not fit %s: %s is not there (tried -p1 and -p0)", g->top,
			   strcmp(on, "/dev/null") ? on : ents[0].new_name);
		goto out;
	}
	/* Copy every touched file (C or not: the patch must apply) to old/ and new/. */
	for (int i = 0; i < nents; i++) {
		const char *names[2] = { ents[i].old_name, ents[i].new_name };

		for (int k = 0; k < 2; k++) {
			const char *r;
			bool dup = false;

			if (!strcmp(names[k], "/dev/null"))
				continue;
			r = strip_name(names[k], strip);
			if (!r || !safe_rel(r)) {
				gate_error(g, label, "refusing the file name '%s' (absolute or with ..)", names[k]);
				goto out;
			}
			for (int j = 0; j < rels.n && !dup; j++)
				dup = !strcmp(rels.v[j], r);
			if (!dup)
				pv_push(&rels, xstrdup(r));
		}
	}
	new_dir = xasprintf("%s/new", g->tmp);
	if (!mkdir_p(new_dir)) {
		gate_error(g, new_dir, "cannot create: %s", strerror(errno));
		goto out;
	}
	for (int i = 0; i < rels.n; i++) {
		char *src = path_join(g->top, rels.v[i]), *data, *dst;
		size_t n;

		if (!path_is_file(src)) {
			free(src);
			continue;	/* created by the patch */
		}
		data = read_file(src, &n, &err);
		free(src);
		if (!data) {
			gate_error(g, rels.v[i], "cannot read: %s", err);
			free(err);
			goto out;
		}
		for (int k = 0; k < 2; k++) {
			dst = xasprintf("%s/%s/%s", g->tmp, k ? "new" : "old", (char *)rels.v[i]);
			if (!write_tmp(dst, data, n, &err)) {
				gate_error(g, NULL, "%s", err);
				free(err);
				free(dst);
				free(data);
				goto out;
			}
			free(dst);
		}
		free(data);
	}
	diff_path = xasprintf("%s/change.diff", g->tmp);
	rej = xasprintf("%s/change.rej", g->tmp);
	if (!write_tmp(diff_path, text, len, &err)) {
		gate_error(g, NULL, "%s", err);
		free(err);
		goto out;
	}
	{
		char pflag[8];
		struct strbuf pout, perr;
		int rc;

		snprintf(pflag, sizeof(pflag), "-p%d", strip);
		sb_init(&pout);
		sb_init(&perr);
		rc = run_cmd((const char *[]){ "patch", "--force", "--silent", "-E", "--no-backup-if-mismatch",
					       pflag, "-r", rej, "-d", new_dir, "-i", diff_path, NULL },
			     NULL, &pout, &perr);
		if (rc != 0) {
			char *msg;

			sb_add(&pout, perr.buf ? perr.buf : "");
			msg = relabel(g, pout.buf ? pout.buf : "");
			gate_error(g, label, "the patch does not apply to %s (patch exit %d)%s%s", g->top, rc,
				   *msg ? ":\n" : "", msg);
			free(msg);
			sb_free(&pout);
			sb_free(&perr);
			goto out;
		}
		sb_free(&pout);
		sb_free(&perr);
	}
	for (int i = 0; i < rels.n; i++) {
		char *op, *np, *ot = NULL, *nt = NULL;
		size_t ol = 0, nlen = 0;
		bool ok;

		if (!has_c_suffix(rels.v[i]))
			continue;
		op = xasprintf("%s/old/%s", g->tmp, (char *)rels.v[i]);
		np = xasprintf("%s/new/%s", g->tmp, (char *)rels.v[i]);
		if (path_is_file(op))
			ot = read_file(op, &ol, &err);
		free(err);
		err = NULL;
		if (path_is_file(np))
			nt = read_file(np, &nlen, &err);
		free(err);
		err = NULL;
		/* Already in place: keep_file() only records them (no text given to write). */
		g->touched++;
		ok = (!mentions(g, ot, ol) && !mentions(g, nt, nlen)) ||
		     (ot && nt && ol == nlen && !memcmp(ot, nt, ol));
		if (!ok) {
			struct gfile *f = add_file(g, rels.v[i]);

			f->old_path = ot ? path_real(op) : NULL;
			f->new_path = nt ? path_real(np) : NULL;
		}
		free(ot);
		free(nt);
		free(op);
		free(np);
	}
	status = EXIT_OK;
out:
	for (int i = 0; i < nents; i++) {
		free(ents[i].old_name);
		free(ents[i].new_name);
	}
	free(ents);
	for (int i = 0; i < rels.n; i++)
		free(rels.v[i]);
	pv_free(&rels);
	free(text);
	free(diff_path);
	free(rej);
	free(new_dir);
	return status;
}

/* Make the relative paths of include options absolute against @dir. */
static void absolutize_flags(struct flagset *fs, const char *dir)
{
	static const char *const with_arg[] = { "-I", "-iquote", "-isystem", "-idirafter", "-include",
						"-imacros" };

	for (int i = 0; i < fs->argc; i++) {
		char *a = fs->argv[i];

		for (size_t k = 0; k < ARRAY_SIZE(with_arg); k++) {
			size_t n = strlen(with_arg[k]);

			if (strncmp(a, with_arg[k], n))
				continue;
			if (!a[n] && i + 1 < fs->argc && fs->argv[i + 1][0] != '/') {
				char *v = fs->argv[i + 1];

				fs->argv[i + 1] = path_join(dir, v);
				free(v);
				i++;
			} else if (a[n] && a[n] != '/' && k == 0) {
				fs->argv[i] = xasprintf("-I%s/%s", dir, a + n);
				free(a);
			}
			break;
		}
	}
}

/* The kernel tree that holds @path (which may not exist yet), prepared once. */
static struct kernel_tree *kernel_for(struct gate *g, const char *path)
{
	char *d = xstrdup(path), *root = NULL, *err = NULL;
	const struct scan_opts *so = g->o->scan;

	for (;;) {
		char *slash = strrchr(d, '/');

		if (!slash || slash == d)
			break;
		*slash = '\0';
		if (path_is_dir(d)) {
			root = kernel_find_root(d);
			break;
		}
	}
	free(d);
	if (!root)
		return NULL;
	for (int i = 0; i < g->nkts; i++)
		if (!strcmp(g->kts[i].root, root)) {
			free(root);
			return &g->kts[i];
		}
	g->kts = xrealloc(g->kts, (g->nkts + 1) * sizeof(*g->kts));
	if (!kernel_prepare(root, so->config ? so->config : "allmodconfig", so->build_dir, so->quiet,
			    &g->kts[g->nkts], &err)) {
		gate_error(g, root, "%s", err);
		free(err);
		free(root);
		return NULL;
	}
	free(root);
	return &g->kts[g->nkts++];
}

/* The flags both versions of @f are parsed with: those of the file's place in the tree. */
static void file_flags(struct gate *g, const struct gfile *f, struct flagset *fs)
{
	const struct scan_opts *so = g->o->scan;
	char *dir = xstrdup(f->flags_path), *slash = strrchr(dir, '/');
	struct kernel_tree *kt;

	if (slash)
		*slash = '\0';
	if (so->have_flags) {
		for (int a = 0; a < so->nflags; a++)
			flagset_add(fs, so->flags[a]);
	} else {
		if (!g->compdb_tried) {
			g->compdb = compdb_open(so->compdb_dir ? so->compdb_dir : g->top);
			g->compdb_tried = true;
		}
		if (g->compdb && compdb_flags(g->compdb, f->flags_path, fs)) {
			if (fs->working_dir)
				absolutize_flags(fs, fs->working_dir);
		} else if ((kt = kernel_for(g, f->flags_path)) != NULL) {
			kernel_file_flags(kt, f->flags_path, fs);
		}
	}
	/*
	 * The old version sits in a temporary directory: its "" includes look
	 * there first (the other touched files), then in the file's own directory.
	 */
	flagset_add(fs, "-iquote");
	flagset_add(fs, dir);
	free(dir);
}

static char *flags_text(const struct flagset *fs)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, "");
	for (int i = 0; i < fs->argc; i++) {
		sb_add(&sb, fs->argv[i]);
		sb_addc(&sb, '\x1f');
	}
	return sb_detach(&sb);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void copy_site(struct site_out *d, const struct site_out *s, const char *file)
{
	memset(d, 0, sizeof(*d));
	d->file = xstrdup(file);
	d->abspath = dup_or_null(s->abspath);
	d->line = s->line;
	d->col = s->col;
	d->function = dup_or_null(s->function);
	d->api = dup_or_null(s->api);
	d->role = dup_or_null(s->role);
	d->macro = dup_or_null(s->macro);
	d->verdict = dup_or_null(s->verdict);
	d->reason = dup_or_null(s->reason);
	d->evidence = dup_or_null(s->evidence);
	d->paths = s->paths;
	d->needs = s->needs;
	d->partner_line = s->partner_line;
	d->key = dup_or_null(s->key);
	d->escape_callee = dup_or_null(s->escape_callee);
}

static void free_site_out(struct site_out *s)
{
	free(s->file); free(s->abspath); free(s->function); free(s->api); free(s->role);
	free(s->macro); free(s->verdict); free(s->reason); free(s->evidence); free(s->proof);
	free(s->key); free(s->escape_callee);
}

static struct gsite *new_gsite(struct gate *g)
{
	if (g->nsites == g->capsites) {
		g->capsites = g->capsites ? g->capsites * 2 : 32;
		g->sites = xrealloc(g->sites, g->capsites * sizeof(*g->sites));
	}
	memset(&g->sites[g->nsites], 0, sizeof(g->sites[0]));
	return &g->sites[g->nsites++];
}

/* Take the deprecated mapping sites of one side's versions of the touched files from @res. */
static void take_sites(struct gate *g, const struct scan_result *res, const int *members, int nmembers,
		       bool is_new)
{
	char *last_abs = NULL, *last_real = NULL;

	for (int k = 0; k < res->nsites; k++) {
		const struct site_out *s = &res->sites[k];
		int fi = -1;
		bool dup = false;

		if (!s->abspath || !api_is_deprecated(s->api) || !s->role || strcmp(s->role, "map"))
			continue;
		if (!last_abs || strcmp(last_abs, s->abspath)) {
			free(last_abs);
			free(last_real);
			last_abs = xstrdup(s->abspath);
			last_real = path_real(s->abspath);
		}
		for (int m = 0; m < nmembers && fi < 0 && last_real; m++) {
			const struct gfile *f = &g->files[members[m]];
			const char *p = is_new ? f->new_path : f->old_path;

			if (p && !strcmp(p, last_real))
				fi = members[m];
		}
		if (fi < 0)
			continue;	/* a header the change does not touch */
		/* A touched header's sites come once per including file: keep one. */
		for (int i = 0; i < g->nsites && !dup; i++)
			dup = g->sites[i].file == fi && g->sites[i].is_new == is_new &&
			      g->sites[i].s.line == s->line && g->sites[i].s.col == s->col &&
			      !strcmp(g->sites[i].s.api, s->api);
		if (dup)
			continue;
		{
			struct gsite *gs = new_gsite(g);

			copy_site(&gs->s, s, g->files[fi].rel);
			gs->file = fi;
			gs->is_new = is_new;
		}
	}
	free(last_abs);
	free(last_real);
}

/* Parse one side's versions of a group of files (same flags) with scan_run(). */
static void analyse_group(struct gate *g, const int *members, int nmembers, const struct flagset *fs,
			  bool is_new)
{
	struct scan_opts so = *g->o->scan;
	struct scan_result res;
	struct ptrvec paths = { 0 };
	char *errpath = xasprintf("%s/scan-%s.err", g->tmp, is_new ? "new" : "old"), *text, *err = NULL;
	int saved, fd;

	for (int m = 0; m < nmembers; m++) {
		struct gfile *f = &g->files[members[m]];
		char *p = is_new ? f->new_path : f->old_path;

		if (p)
			pv_push(&paths, p);
	}
	if (!paths.n) {
		free(errpath);
		return;
	}
	so.paths = (const char *const *)paths.v;
	so.npaths = paths.n;
	so.flags = (const char *const *)fs->argv;
	so.nflags = fs->argc;
	so.have_flags = true;
	so.db_path = "";
	so.quiet = true;
	so.progress = false;
	so.no_cache = true;
	so.format = FMT_NONE;
	so.print_flags = false;
	so.shard_k = so.shard_n = 0;
	so.compdb_dir = NULL;
	so.argv_text = NULL;
	/* What the scan says about a file names the temporary copy: catch it and relabel. */
	fflush(stderr);
	saved = dup(2);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (saved >= 0 && fd >= 0)
		dup2(fd, 2);
	if (fd >= 0)
		close(fd);
	scan_run(&so, &res);
	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	text = read_file(errpath, NULL, &err);
	free(err);
	if (text && *text) {
		char *msg = relabel(g, text);

		fputs(msg, stderr);
		free(msg);
	}
	free(text);
	free(errpath);

	for (int i = 0; i < res.inputs.n; i++) {
		const struct input_file *in = &res.inputs.files[i];
		const struct file_out *fo = &res.files[i];
		const char *st = fo->status ? fo->status : "";
		bool failed = strcmp(st, "ok") && strcmp(st, "parse-errors") && strcmp(st, "no-calls") &&
			      strcmp(st, "empty") && strcmp(st, "header") && strcmp(st, "cached");

		for (int m = 0; m < nmembers; m++) {
			struct gfile *f = &g->files[members[m]];
			const char *p = is_new ? f->new_path : f->old_path;

			if (!p || strcmp(in->path, p))
				continue;
			if (is_new) {
				f->new_seen = true;
				f->new_failed = failed;
				f->new_errors = fo->errors;
				free(f->new_first_error);
				f->new_first_error = dup_or_null(fo->first_error);
			} else {
				f->old_seen = true;
				f->old_failed = failed;
				f->old_errors = fo->errors;
				free(f->old_first_error);
				f->old_first_error = dup_or_null(fo->first_error);
			}
		}
	}
	take_sites(g, &res, members, nmembers, is_new);
	scan_result_free(&res);
	pv_free(&paths);
}

/* One side of every group. */
static void analyse_side(struct gate *g, struct flagset *fss, char **texts, bool is_new)
{
	bool *done = xcalloc(g->nfiles + 1, sizeof(bool));
	int *members = xcalloc(g->nfiles + 1, sizeof(int));

	for (int i = 0; i < g->nfiles; i++) {
		int n = 0;

		if (done[i])
			continue;
		for (int j = i; j < g->nfiles; j++)
			if (!done[j] && !strcmp(texts[i], texts[j])) {
				done[j] = true;
				members[n++] = j;
			}
		analyse_group(g, members, n, &fss[i], is_new);
	}
	free(done);
	free(members);
}

/* In the child: what the old side found, as records (worker.h's line format). */
static void write_old_side(struct gate *g, const char *path)
{
	struct strbuf sb;
	char *err = NULL;

	sb_init(&sb);
	for (int i = 0; i < g->nfiles; i++) {
		const struct gfile *f = &g->files[i];

		rec_begin(&sb, 'F');
		rec_int(&sb, i);
		rec_int(&sb, f->old_seen);
		rec_int(&sb, f->old_failed);
		rec_int(&sb, f->old_errors);
		rec_str(&sb, f->old_first_error);
		rec_end(&sb);
	}
	for (int i = 0; i < g->nsites; i++) {
		const struct site_out *s = &g->sites[i].s;

		rec_begin(&sb, 'S');
		rec_int(&sb, g->sites[i].file);
		rec_int(&sb, s->line);
		rec_int(&sb, s->col);
		rec_str(&sb, s->function);
		rec_str(&sb, s->api);
		rec_str(&sb, s->role);
		rec_str(&sb, s->macro);
		rec_str(&sb, s->verdict);
		rec_str(&sb, s->reason);
		rec_str(&sb, s->evidence);
		rec_int(&sb, s->paths);
		rec_int(&sb, s->needs);
		rec_int(&sb, s->partner_line);
		rec_str(&sb, s->key);
		rec_str(&sb, s->escape_callee);
		rec_end(&sb);
	}
	if (!write_tmp(path, sb.buf ? sb.buf : "", sb.len, &err))
		_exit(1);
	sb_free(&sb);
}

/* In the parent: read the child's records back; false when they are not all there. */
static bool read_old_side(struct gate *g, const char *path)
{
	char *err = NULL, *text = read_file(path, NULL, &err), *save = NULL;
	int files = 0;

	free(err);
	if (!text)
		return false;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[20];
		int n = rec_split(line, f, 20);

		if (n >= 6 && f[0][0] == 'F') {
			int i = atoi(f[1]);

			if (i < 0 || i >= g->nfiles)
				continue;
			g->files[i].old_seen = atoi(f[2]);
			g->files[i].old_failed = atoi(f[3]);
			g->files[i].old_errors = atoi(f[4]);
			g->files[i].old_first_error = dup_or_null(f[5]);
			files++;
		} else if (n >= 16 && f[0][0] == 'S') {
			int fi = atoi(f[1]);
			struct gsite *gs;

			if (fi < 0 || fi >= g->nfiles)
				continue;
			gs = new_gsite(g);
			gs->file = fi;
			gs->s.file = xstrdup(g->files[fi].rel);
			gs->s.line = atoi(f[2]);
			gs->s.col = atoi(f[3]);
			gs->s.function = dup_or_null(f[4]);
			gs->s.api = dup_or_null(f[5]);
			gs->s.role = dup_or_null(f[6]);
			gs->s.macro = dup_or_null(f[7]);
			gs->s.verdict = dup_or_null(f[8]);
			gs->s.reason = dup_or_null(f[9]);
			gs->s.evidence = dup_or_null(f[10]);
			gs->s.paths = atoi(f[11]);
			gs->s.needs = atoi(f[12]);
			gs->s.partner_line = atoi(f[13]);
			gs->s.key = dup_or_null(f[14]);
			gs->s.escape_callee = dup_or_null(f[15]);
		}
	}
	free(text);
	return files == g->nfiles;
}

/*
 * Both versions, each in a scan of its own (so that what the scan learns
 * across files never mixes the old and the new version of a function), at the
 * same time: the old side in a child process, the new side here. Files with
 * the same flags share a scan.
 */
static void analyse(struct gate *g)
{
	char **texts = xcalloc(g->nfiles + 1, sizeof(char *));
	struct flagset *fss = xcalloc(g->nfiles + 1, sizeof(*fss));
	char *recpath = xasprintf("%s/old-side.rec", g->tmp);
	bool any_old = false;
	pid_t pid = -1;

	for (int i = 0; i < g->nfiles; i++) {
		file_flags(g, &g->files[i], &fss[i]);
		texts[i] = flags_text(&fss[i]);
		any_old |= g->files[i].old_path != NULL;
	}
	if (any_old) {
		fflush(NULL);
		pid = fork();
		if (pid == 0) {
			analyse_side(g, fss, texts, false);
			write_old_side(g, recpath);
			fflush(NULL);
			_exit(0);
		}
		if (pid < 0)	/* no second process: one side after the other */
			analyse_side(g, fss, texts, false);
	}
	analyse_side(g, fss, texts, true);
	if (pid > 0) {
		int st;
		bool ok;

		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && read_old_side(g, recpath);
		if (!ok)
			for (int i = 0; i < g->nfiles; i++)
				if (g->files[i].old_path && !g->files[i].old_first_error) {
					g->files[i].old_failed = true;
					g->files[i].old_first_error = xstrdup("the analysis of the old versions died");
				}
	}
	for (int i = 0; i < g->nfiles; i++) {
		free(texts[i]);
		flagset_free(&fss[i]);
	}
	free(texts);
	free(fss);
	free(recpath);
}

static int cmp_gsite(const void *a, const void *b)
{
	const struct gsite *x = a, *y = b;
	int d = strcmp(x->s.file, y->s.file);

	if (d)
		return d;
	if (x->is_new != y->is_new)
		return x->is_new - y->is_new;
	if (x->s.line != y->s.line)
		return x->s.line - y->s.line;
	return x->s.col - y->s.col;
}

/*
 * Pair each new site with an unpaired old site of the same key, in any touched
 * file (code moved between files is not new either). The rest are new.
 */
static int match_sites(struct gate *g)
{
	int fresh = 0;

	qsort(g->sites, g->nsites, sizeof(*g->sites), cmp_gsite);
	for (int i = 0; i < g->nsites; i++) {
		struct gsite *n = &g->sites[i];

		if (!n->is_new)
			continue;
		for (int j = 0; j < g->nsites && !n->matched; j++) {
			struct gsite *o = &g->sites[j];

			if (o->is_new || o->matched || !o->s.key || !n->s.key || !*n->s.key ||
			    strcmp(o->s.key, n->s.key))
				continue;
			o->matched = n->matched = true;
		}
		if (!n->matched)
			fresh++;
	}
	return fresh;
}

/* The line of the first evidence item of @kind in the prover's JSON array, or 0. */
static int evidence_line(const char *ev, const char *kind)
{
	int line = 0;

	return evidence_lines(ev, kind, &line, 1) ? line : 0;
}

static const char *local_api(const char *api)
{
	if (!strcmp(api, "kmap_atomic_prot"))
		return "kmap_local_page_prot";
	if (!strcmp(api, "kmap_atomic_pfn"))
		return "kmap_local_pfn";
	return "kmap_local_page";
}

/**
 * gate_suggestion - what to do instead of a new deprecated call, from its verdict.
 * @s: the site.
 *
 * Return: an allocated sentence ("could be kmap_local_page(): thread-local, LIFO").
 */
char *gate_suggestion(const struct site_out *s)
{
	const char *v = s->verdict ? s->verdict : "unknown", *local = local_api(s->api);
	int line;

	if (!strcmp(v, "safe"))
		return xasprintf("could be %s(): thread-local, LIFO", local);
	if (!strcmp(v, "safe-needs-disable")) {
		const char *what = (s->needs & 3) == 3 ? "pagefault_disable() and preempt_disable()" :
				   s->needs & 1 ? "pagefault_disable()" :
				   s->needs & 2 ? "preempt_disable()" :
				   "the pagefault_disable()/preempt_disable() the region relies on";

		return xasprintf("needs %s() plus %s", local, what);
	}
	if (!strcmp(v, "lowmem"))
		return xstrdup("the page never comes from highmem: use page_address(), no mapping needed");
	if (!strcmp(v, "cross-thread")) {
		line = evidence_line(s->evidence, "escape");
		if (!line)
			line = evidence_line(s->evidence, "return");
		if (line)
			return xasprintf("address crosses threads (line %d): needs a redesign", line);
		return xstrdup("address crosses threads: needs a redesign");
	}
	if (!strcmp(v, "order")) {
		line = evidence_line(s->evidence, "order");
		if (line)
			return xasprintf("unmapped out of LIFO order (line %d): reorder the unmaps, then %s()",
					 line, local);
		return xasprintf("unmapped out of LIFO order: reorder the unmaps, then %s()", local);
	}
	if (!strcmp(v, "unbalanced")) {
		line = evidence_line(s->evidence, "leak");
		if (!line)
			line = evidence_line(s->evidence, "double-unmap");
		if (line)
			return xasprintf("leaks or unmaps twice (line %d): fix that first, then %s()", line, local);
		return xasprintf("leaks or unmaps twice: fix that first, then %s()", local);
	}
	return xasprintf("not proved (%s): check by hand whether %s() fits",
			 s->reason && *s->reason ? s->reason : "no reason given", local);
}

static const char *verdict_level(const char *v)
{
	return v && (!strcmp(v, "cross-thread") || !strcmp(v, "order") || !strcmp(v, "unbalanced")) ?
	       "error" : "warning";
}

static const struct sarif_rule gate_rules[] = {
	{ "kmap-new-safe", "A new kmap()/kmap_atomic() call that could be kmap_local_page()",
	  "kmap() and kmap_atomic() are deprecated. The prover found this mapping thread-local and "
	  "released in LIFO order on every path: use kmap_local_page()/kunmap_local() (or "
	  "memcpy_to_page()/memcpy_from_page()).", NULL },
	{ "kmap-new-safe-needs-disable", "A new kmap_atomic() call whose region relies on its side effects",
	  "The mapping is thread-local and LIFO, but the code between map and unmap relies on page "
	  "faults or preemption being disabled: use kmap_local_page() plus explicit "
	  "pagefault_disable()/preempt_disable() around the region.", NULL },
	{ "kmap-new-lowmem", "A new mapping of a page that is never in highmem",
	  "The page never comes from highmem (allocated without __GFP_HIGHMEM): page_address() "
	  "gives its address; no mapping and no unmap are needed.", NULL },
	{ "kmap-new-cross-thread", "A new kmap() whose address crosses threads",
	  "The mapped address escapes the thread (stored in shared memory, returned, or handed to "
	  "asynchronous work): kmap_local_page() cannot replace it. Redesign so that each thread "
	  "maps what it uses.", NULL },
	{ "kmap-new-order", "A new mapping released out of LIFO order",
	  "Nested mappings must be released in reverse order for kmap_local_page(): reorder the "
	  "unmaps first.", NULL },
	{ "kmap-new-unbalanced", "A new mapping that leaks or is unmapped twice",
	  "Some path returns with the page still mapped, or unmaps it twice: a bug to fix before "
	  "any conversion.", NULL },
	{ "kmap-new-unknown", "A new deprecated mapping the prover could not decide",
	  "kmap() and kmap_atomic() are deprecated. The prover could not decide whether "
	  "kmap_local_page() fits (the message says why): check by hand.", NULL },
};

static void emit_findings(struct gate *g, FILE *out, enum out_format fmt)
{
	struct sarif_result *results = xcalloc(g->nsites + 1, sizeof(*results));
	char **rule_ids = xcalloc(g->nsites + 1, sizeof(char *));
	int n = 0;

	for (int i = 0; i < g->nsites; i++) {
		const struct gsite *gs = &g->sites[i];
		const struct site_out *s = &gs->s;
		char *sugg, via[160] = "";

		if (!gs->is_new || gs->matched)
			continue;
		sugg = gate_suggestion(s);
		if (s->macro && strcmp(s->macro, s->api))
			snprintf(via, sizeof(via), " (via macro %s)", s->macro);
		if (fmt == FMT_TEXT) {
			diag(out, s->file, s->line, s->col, "warning", "new %s() call%s, verdict %s: %s [kmap-new-%s]",
			     s->api, via, s->verdict, sugg, s->verdict);
			diag(out, s->file, s->line, s->col, "note", "in %s(): %s", s->function, s->reason);
		} else if (fmt == FMT_JSON) {
			struct strbuf sb;

			/* the scan's object, and what the gate adds */
			sb_init(&sb);
			sb_add(&sb, ",\"new\":true,\"suggestion\":");
			sb_add_json_string(&sb, sugg);
			emit_site_json(out, s, sb.buf);
			sb_free(&sb);
		} else if (fmt == FMT_SARIF) {
			results[n].site = s;
			rule_ids[n] = xasprintf("kmap-new-%s", s->verdict);
			results[n].rule_id = rule_ids[n];
			results[n].level = verdict_level(s->verdict);
			results[n].message = xasprintf("New %s() call%s in %s(), verdict %s: %s. Prover: %s",
						       s->api, via, s->function, s->verdict, sugg, s->reason);
			n++;
		} else if (fmt == FMT_SITES) {
			fprintf(out, "%s:%d:%d: %s map in %s (new)\n", s->file, s->line, s->col, s->api,
				s->function);
		}
		free(sugg);
	}
	if (fmt == FMT_SARIF)
		emit_sarif_log(out, gate_rules, ARRAY_SIZE(gate_rules), results, n);
	for (int i = 0; i < n; i++) {
		free(rule_ids[i]);
		free((char *)results[i].message);
	}
	free(rule_ids);
	free(results);
	fflush(out);
}

/* Did every touched file's versions parse well enough to tell what is new? */
static bool files_ok(struct gate *g)
{
	bool ok = true;

	for (int i = 0; i < g->nfiles; i++) {
		struct gfile *f = &g->files[i];
		char *e;

		if (f->new_path && (!f->new_seen || f->new_failed)) {
			e = relabel(g, f->new_first_error ? f->new_first_error : "");
			gate_error(g, f->rel, "cannot analyse the changed file%s%s; the gate cannot tell what "
				   "the change adds", *e ? ": " : "", e);
			free(e);
			ok = false;
		} else if (f->new_path && f->new_errors > (f->old_path ? f->old_errors : 0)) {
			e = relabel(g, f->new_first_error ? f->new_first_error : "?");
			gate_error(g, f->rel, "the changed file does not parse: %d error%s (%d before the "
				   "change), first: %s; the gate cannot tell what the change adds",
				   f->new_errors, f->new_errors == 1 ? "" : "s",
				   f->old_path ? f->old_errors : 0, e);
			free(e);
			ok = false;
		}
		if (f->old_path && (!f->old_seen || f->old_failed)) {
			e = relabel(g, f->old_first_error ? f->old_first_error : "");
			gate_error(g, f->rel, "cannot analyse the version before the change (%s%s)%s%s",
				   g->old_label, f->rel, *e ? ": " : "", e);
			free(e);
			ok = false;
		}
	}
	return ok;
}

int gate_run(const struct gate_opts *o)
{
	struct gate g = { .o = o };
	char tmpl[PATH_MAX];
	const char *tmpdir = getenv("TMPDIR");
	int status, fresh = 0;
	bool ok;
	double t0 = now_seconds();
	enum out_format fmt = o->scan->format;
	FILE *out = o->scan->out ? o->scan->out : stdout;

	snprintf(tmpl, sizeof(tmpl), "%s/kmapcheck-gate-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(tmpl)) {
		gate_error(&g, tmpl, "cannot create a temporary directory: %s", strerror(errno));
		return GATE_EXIT_ERROR;
	}
	g.tmp = path_real(tmpl);
	g.rules = load_rules(o->scan->rule_dirs, o->scan->nrule_dirs);
	g.family = rules_family_names(g.rules);

	status = o->patch ? collect_patch(&g) : collect_git(&g);
	if (status == EXIT_OK) {
		if (g.nfiles)
			analyse(&g);
		ok = files_ok(&g);
		fresh = match_sites(&g);
		emit_findings(&g, out, fmt);
		if (!ok)
			status = GATE_EXIT_ERROR;
		else if (fresh)
			status = EXIT_FINDINGS;
		if (!o->scan->quiet)
			fprintf(stderr, "%s gate: %s against %s: %d C file%s touched, %d parsed (before and "
				"after); %d new deprecated mapping call%s%s (%.1f s)\n", progname,
				o->patch ? "the patched files" : "the work tree", g.base_desc, g.touched,
				g.touched == 1 ? "" : "s", g.nfiles, fresh, fresh == 1 ? "" : "s",
				status == GATE_EXIT_ERROR ? "; could not analyse every file" : "",
				now_seconds() - t0);
	} else if (fmt == FMT_SARIF) {
		/* A consumer waiting for SARIF still gets a valid log. */
		emit_sarif_log(out, gate_rules, ARRAY_SIZE(gate_rules), NULL, 0);
	}

	remove_tree(g.tmp);
	for (int i = 0; i < g.nfiles; i++) {
		struct gfile *f = &g.files[i];

		free(f->rel); free(f->old_path); free(f->new_path); free(f->flags_path);
		free(f->new_first_error); free(f->old_first_error);
	}
	free(g.files);
	for (int i = 0; i < g.nsites; i++)
		free_site_out(&g.sites[i].s);
	free(g.sites);
	for (int i = 0; i < g.nkts; i++)
		kernel_tree_free(&g.kts[i]);
	free(g.kts);
	compdb_close(g.compdb);
	rules_free(g.rules);
	free(g.top);
	free(g.tmp);
	free(g.old_label);
	free(g.base_desc);
	return status;
}
