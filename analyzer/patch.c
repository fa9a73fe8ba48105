// SPDX-License-Identifier: GPL-2.0
/*
 * patch.c - `kmapcheck patch`: convert the proven sites with the semantic patches.
 *
 * kmapcheck decides where; spatch rewrites. Each affected file is copied to a work
 * directory and the rules of semantic-patches/ run on the copy one after another,
 * each restricted to its sites (KMAPCHECK_SITES); the diff of original and copy is
 * the result. Nothing in the scanned tree changes unless --apply is given, and then
 * only when every file still has the content the analysis saw.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "patch.h"
#include "worker.h"

/* The conversions, in the order they run on a file. */
enum rule_id { R_HELPER, R_LOWMEM, R_DISABLE, R_ATOMIC, R_KMAP, R_COUNT };

static const char *const rule_file[R_COUNT] = {
	[R_HELPER] = "map-copy-unmap-to-helper.cocci",
	[R_LOWMEM] = "lowmem-to-page-address.cocci",
	[R_DISABLE] = "kmap_atomic-to-local-disable.cocci",
	[R_ATOMIC] = "kmap_atomic-to-local.cocci",
	[R_KMAP] = "kmap-to-local.cocci",
};

struct psite {
	int site;		/* index in the scan result */
	int line, col;		/* in the current copy */
	int rule;		/* the rule that converted it, or -1 */
};

struct pfile {
	const char *abspath;
	const char *display;
	uint64_t content_hash;
	struct psite *sites;
	int nsites;
	char *diff;		/* filled in the parent from the child's records */
	int converted;
};

struct patch_ctx {
	const struct patch_opts *po;
	struct scan_result *res;
	struct pfile *files;
	int nfiles;
	char *work;		/* work directory */
	char *cocci_dir;
};

static bool is_atomic(const char *api)
{
	return !strcmp(api, "kmap_atomic") || !strcmp(api, "kmap_atomic_prot") ||
	       !strcmp(api, "kmap_atomic_pfn");
}

/* The rules that may convert a site, in order; returns how many. */
static int rules_for(const struct site_out *s, int out[3])
{
	int n = 0;

	if (!strcmp(s->verdict, "lowmem")) {
		out[n++] = R_LOWMEM;
	} else if (!strcmp(s->verdict, "safe-needs-disable") && is_atomic(s->api)) {
		out[n++] = R_DISABLE;
	} else if (!strcmp(s->verdict, "safe")) {
		out[n++] = R_HELPER;
		out[n++] = is_atomic(s->api) ? R_ATOMIC : R_KMAP;
	}
	return n;
}

static bool run_cmd(char *const argv[], const char *env_sites, const char *out_path,
		    const char *err_path)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return false;
	if (pid == 0) {
		int fo = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fe = open(err_path ? err_path : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);

		if (fo >= 0)
			dup2(fo, 1);
		if (fe >= 0)
			dup2(fe, 2);
		if (env_sites)
			setenv("KMAPCHECK_SITES", env_sites, 1);
		else
			unsetenv("KMAPCHECK_SITES");
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) <= 1;
}

/*
 * Map the sites' lines through the change from @old to @new (diff -U0 hunks).
 * A selected site on a changed line is marked converted by @rule.
 */
static void remap(struct psite *s, int n, const char *old, const char *new, const char *tmp,
		  int rule, const bool *selected)
{
	char *argv[] = { "diff", "-U0", (char *)old, (char *)new, NULL };
	char *text, *err = NULL;

	run_cmd(argv, NULL, tmp, NULL);
	text = read_file(tmp, NULL, &err);
	free(err);
	if (!text)
		return;
	for (int i = 0; i < n; i++) {
		int line = s[i].line, shift = 0;
		bool changed = false;

		for (char *h = strstr(text, "\n@@ -"); h; h = strstr(h + 1, "\n@@ -")) {
			int a, b = 1, c, d = 1;

			if (sscanf(h, "\n@@ -%d,%d +%d,%d", &a, &b, &c, &d) != 4) {
				b = d = 1;
				if (sscanf(h, "\n@@ -%d +%d,%d", &a, &c, &d) == 3)
					;
				else if (sscanf(h, "\n@@ -%d,%d +%d", &a, &b, &c) == 3)
					d = 1;
				else if (sscanf(h, "\n@@ -%d +%d", &a, &c) == 2)
					b = d = 1;
				else
					continue;
			}
			/* With b == 0 the hunk inserts after line a. */
			if (b == 0) {
				if (a < line)
					shift += d;
				continue;
			}
			if (line >= a && line < a + b) {
				changed = true;
				break;
			}
			if (a + b <= line)
				shift += d - b;
		}
		if (changed) {
			if (s[i].rule < 0 && selected[i])
				s[i].rule = rule;
			s[i].line = 0;	/* gone: no later rule may select it */
		} else if (s[i].line) {
			s[i].line = line + shift;
		}
	}
	free(text);
}

/* In the child: convert one file on its copy and send back the diff. */
static void patch_job(int idx, int fd, void *ctxp)
{
	struct patch_ctx *c = ctxp;
	struct pfile *f = &c->files[idx];
	char *dir = xasprintf("%s/f%d", c->work, idx);
	const char *base = strrchr(f->abspath, '/') ? strrchr(f->abspath, '/') + 1 : f->abspath;
	char *copy = xasprintf("%s/%s", dir, base), *prev = xasprintf("%s/prev.c", dir);
	char *sites = xasprintf("%s/sites.txt", dir), *tmp = xasprintf("%s/diff.txt", dir);
	char *errlog = xasprintf("%s/spatch.err", dir);
	char *orig, *err = NULL;
	size_t len;
	struct strbuf sb;
	bool *sel = xcalloc(f->nsites + 1, sizeof(bool));

	mkdir_p(dir);
	orig = read_file(f->abspath, &len, &err);
	if (!orig || !write_file_atomic(copy, orig, len, &err)) {
		sb_init(&sb);
		rec_begin(&sb, 'E');
		rec_str(&sb, err ? err : "cannot copy");
		rec_end(&sb);
		write_all(fd, sb.buf, sb.len);
		return;
	}
	for (int r = 0; r < R_COUNT; r++) {
		/* One pass per rule; the disable rule takes each site's pairs as words. */
		{
			FILE *sf = fopen(sites, "w");
			int nsel = 0;
			char *rule = path_join(c->cocci_dir, rule_file[r]);
			char *argv[] = { "spatch", "--sp-file", rule, "--very-quiet", "--in-place",
					 copy, NULL };
			char *text;

			for (int i = 0; i < f->nsites; i++) {
				const struct site_out *s = &c->res->sites[f->sites[i].site];
				int rl[3], n = rules_for(s, rl);
				bool want = false;

				sel[i] = false;
				for (int k = 0; k < n; k++)
					if (rl[k] == r)
						want = true;
				if (!want || !f->sites[i].line || f->sites[i].rule >= 0)
					continue;
				{
					/* kmap_atomic() disabled both; the proof says which are needed */
					int needs = r == R_DISABLE ? (s->needs ? s->needs : 3) : 0;

					fprintf(sf, "%s:%d:%d%s%s\n", copy, f->sites[i].line, f->sites[i].col,
						needs & 1 ? " pagefault" : "", needs & 2 ? " preempt" : "");
				}
				sel[i] = true;
				nsel++;
			}
			fclose(sf);
			if (nsel) {
				text = read_file(copy, &len, &err);
				write_file_atomic(prev, text, len, &err);
				free(text);
				run_cmd(argv, sites, NULL, errlog);
				remap(f->sites, f->nsites, prev, copy, tmp, r, sel);
			}
			free(rule);
		}
	}
	{
		char *la = xasprintf("a/%s", f->display), *lb = xasprintf("b/%s", f->display);
		char *argv[] = { "diff", "-u", "--label", la, "--label", lb, (char *)f->abspath, copy, NULL };
		char *d;

		run_cmd(argv, NULL, tmp, NULL);
		d = read_file(tmp, NULL, &err);
		sb_init(&sb);
		for (int i = 0; i < f->nsites; i++) {
			rec_begin(&sb, 'R');
			rec_int(&sb, i);
			rec_int(&sb, f->sites[i].rule);
			rec_end(&sb);
		}
		rec_begin(&sb, 'P');
		rec_str(&sb, d ? d : "");
		rec_end(&sb);
		{
			char *e = read_file(errlog, NULL, &err);

			if (e && *e) {
				rec_begin(&sb, 'W');
				rec_str(&sb, e);
				rec_end(&sb);
			}
			free(e);
		}
		write_all(fd, sb.buf, sb.len);
		free(d);
		free(la);
		free(lb);
	}
}

static void patch_done(int idx, const struct job_result *r, void *ctxp)
{
	struct patch_ctx *c = ctxp;
	struct pfile *f = &c->files[idx];
	char *buf = xstrndup(r->out, r->len), *save = NULL;

	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *fl[4];
		int n = rec_split(line, fl, 4);

		if (n >= 3 && fl[0][0] == 'R') {
			int i = atoi(fl[1]);

			if (i >= 0 && i < f->nsites)
				f->sites[i].rule = atoi(fl[2]);
		} else if (n >= 2 && fl[0][0] == 'P') {
			f->diff = xstrdup(fl[1] ? fl[1] : "");
		} else if (n >= 2 && fl[0][0] == 'W' && fl[1] && !c->po->quiet) {
			/*
			 * The helper rule is tried first on every safe site and leaves
			 * alone those that are not a plain copy: expected, not news.
			 */
			for (char *l = fl[1], *e; l && *l; l = e ? e + 1 : NULL) {
				e = strchr(l, '\n');
				if (e)
					*e = '\0';
				if (*l && !strstr(l, "map-copy-unmap-to-helper"))
					diag(stderr, f->display, 0, 0, "note", "spatch: %s", l);
			}
		} else if (n >= 2 && fl[0][0] == 'E') {
			diag(stderr, f->display, 0, 0, "error", "cannot convert: %s", fl[1]);
		}
	}
	free(buf);
	if (r->end != JOB_OK)
		diag(stderr, f->display, 0, 0, "error", "conversion failed (%s); file left out",
		     r->end == JOB_TIMEOUT ? "timeout" : "crash");
	for (int i = 0; i < f->nsites; i++)
		if (f->sites[i].rule >= 0)
			f->converted++;
	if (!f->converted) {
		free(f->diff);
		f->diff = NULL;
	}
}

static char *cocci_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("KMAPCHECK_SEMANTIC_PATCHES");

	if (env && *env)
		return xstrdup(env);
	if (n <= 0)
		return xstrdup("semantic-patches");
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	return path_join(exe, "semantic-patches");
}

static bool dir_is_ours_or_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	bool ours = false, empty = true;

	if (!d)
		return errno == ENOENT;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		empty = false;
		if (!strcmp(de->d_name, ".kmapcheck-patch"))
			ours = true;
	}
	closedir(d);
	return ours || empty;
}

static void rm_rf(const char *path)
{
	char *argv[] = { "rm", "-rf", (char *)path, NULL };

	run_cmd(argv, NULL, NULL, NULL);
}

static const char *subsystem_of(const char *display, char *buf, size_t n)
{
	const char *slash = strrchr(display, '/');

	if (!slash) {
		snprintf(buf, n, "%s", display);
		return buf;
	}
	snprintf(buf, n, "%.*s", (int)(slash - display), display);
	return buf;
}

static void write_series(struct patch_ctx *c, const char *out, int *npatches)
{
	char *sdir = path_join(out, "series");
	int done = 0;
	bool *used = xcalloc(c->nfiles + 1, sizeof(bool));
	int total = 0;

	mkdir_p(sdir);
	/* count the directories first: "[PATCH k/N]" */
	for (int i = 0; i < c->nfiles; i++) {
		char a[PATH_MAX];
		bool seen = false;

		if (!c->files[i].diff)
			continue;
		subsystem_of(c->files[i].display, a, sizeof(a));
		for (int j = 0; j < i && !seen; j++) {
			char b[PATH_MAX];

			if (c->files[j].diff && !strcmp(subsystem_of(c->files[j].display, b, sizeof(b)), a))
				seen = true;
		}
		if (!seen)
			total++;
	}
	for (int i = 0; i < c->nfiles; i++) {
		char sub[PATH_MAX], name[PATH_MAX + 32], *path;
		struct strbuf body, diffs;
		bool any_atomic = false, any_kmap = false;
		FILE *pf;

		if (used[i] || !c->files[i].diff)
			continue;
		subsystem_of(c->files[i].display, sub, sizeof(sub));
		sb_init(&body);
		sb_init(&diffs);
		for (int j = i; j < c->nfiles; j++) {
			char b[PATH_MAX];
			struct pfile *f = &c->files[j];

			if (used[j] || !f->diff || strcmp(subsystem_of(f->display, b, sizeof(b)), sub))
				continue;
			used[j] = true;
			sb_add(&diffs, f->diff);
			for (int k = 0; k < f->nsites; k++) {
				const struct site_out *s = &c->res->sites[f->sites[k].site];

				if (f->sites[k].rule < 0)
					continue;
				if (is_atomic(s->api))
					any_atomic = true;
				else
					any_kmap = true;
				sb_addf(&body, "- %s:%d %s() in %s(), converted by %s: %s: %s.",
					s->file, s->line, s->api, s->function,
					rule_file[f->sites[k].rule], s->verdict, s->reason);
				if (s->needs)
					sb_addf(&body, " Added %s%s%s because the region needs them.",
						s->needs & 1 ? "pagefault_disable()/pagefault_enable()" : "",
						s->needs == 3 ? " and " : "",
						s->needs & 2 ? "preempt_disable()/preempt_enable()" : "");
				sb_add(&body, "\n");
			}
		}
		done++;
		snprintf(name, sizeof(name), "%04d-", done);
		for (char *p = sub, *q = name + strlen(name); *p && q < name + sizeof(name) - 8; p++)
			*q++ = (*p == '/' ? '-' : *p), *q = '\0';
		strcat(name, ".patch");
		path = path_join(sdir, name);
		pf = fopen(path, "w");
		if (pf) {
			fprintf(pf, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
				    "From: kmapcheck <kmapcheck@localhost>\n"
				    "Subject: [PATCH %d/%d] %s: Replace %s with kmap_local_page()\n\n",
				done, total, sub,
				any_atomic && any_kmap ? "kmap() and kmap_atomic()" :
				any_atomic ? "kmap_atomic()" : "kmap()");
			fprintf(pf, "kmap() and kmap_atomic() are deprecated (Documentation/mm/highmem.rst).\n"
				    "kmap_local_page() mappings are thread-local and must be released in\n"
				    "reverse order; kmapcheck proved both for every site below, and that\n"
				    "the code between map and unmap does not rely on the page faults or\n"
				    "preemption kmap_atomic() disabled, unless it says otherwise:\n\n%s\n"
				    "---\n%s-- \nkmapcheck\n\n", body.buf ? body.buf : "", diffs.buf ? diffs.buf : "");
			fclose(pf);
		}
		free(path);
		sb_free(&body);
		sb_free(&diffs);
	}
	*npatches = done;
	free(used);
	free(sdir);
}

int patch_run(const struct patch_opts *po, struct scan_result *res)
{
	struct patch_ctx c = { .po = po, .res = res };
	char *tmpout, *marker, *all, *err = NULL;
	int *order, status = EXIT_OK, npatches = 0;
	int per_rule[R_COUNT] = { 0 }, refused[V_COUNT] = { 0 }, left = 0;
	struct strbuf combined;
	FILE *sum;

	if (!dir_is_ours_or_empty(po->out)) {
		diag(stderr, po->out, 0, 0, "error",
		     "output directory exists with other content; give an empty or new directory");
		return EXIT_USAGE;
	}
	c.cocci_dir = cocci_dir();
	{
		char *probe = path_join(c.cocci_dir, rule_file[R_ATOMIC]);
		char *argv[] = { "spatch", "--version", NULL };

		if (!path_is_file(probe)) {
			diag(stderr, probe, 0, 0, "error", "semantic patch not found");
			free(probe);
			return EXIT_USAGE;
		}
		free(probe);
		if (!run_cmd(argv, NULL, NULL, NULL)) {
			diag(stderr, NULL, 0, 0, "error", "spatch (Coccinelle) is not installed or does not run");
			return EXIT_USAGE;
		}
	}
	/* The proven mapping sites, by file. */
	for (int i = 0; i < res->nsites; i++) {
		struct site_out *s = &res->sites[i];
		int rl[3];
		struct pfile *f = NULL;

		if (strcmp(s->role, "map"))
			continue;
		if (!rules_for(s, rl)) {
			if (api_is_deprecated(s->api)) {
				for (int v = 0; v < V_COUNT; v++)
					if (!strcmp(s->verdict, verdict_name(v)))
						refused[v]++;
			}
			continue;
		}
		for (int k = 0; k < c.nfiles; k++)
			if (!strcmp(c.files[k].abspath, s->abspath))
				f = &c.files[k];
		if (!f) {
			c.files = xrealloc(c.files, (c.nfiles + 1) * sizeof(*c.files));
			f = &c.files[c.nfiles++];
			memset(f, 0, sizeof(*f));
			f->abspath = s->abspath;
			f->display = s->file;
			for (int in = 0; in < res->inputs.n; in++)
				if (!strcmp(res->inputs.files[in].path, s->abspath))
					f->content_hash = res->inputs.files[in].content_hash;
		}
		f->sites = xrealloc(f->sites, (f->nsites + 1) * sizeof(*f->sites));
		f->sites[f->nsites].site = i;
		f->sites[f->nsites].line = s->line;
		f->sites[f->nsites].col = s->col;
		f->sites[f->nsites].rule = -1;
		f->nsites++;
	}
	c.work = xasprintf("%s/kmapcheck-patch.%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	mkdir_p(c.work);
	order = xcalloc(c.nfiles + 1, sizeof(int));
	for (int i = 0; i < c.nfiles; i++)
		order[i] = i;
	{
		struct worker_opts wo = { .jobs = po->jobs > 0 ? po->jobs : 2, .timeout = 600 };

		worker_run(order, c.nfiles, &wo, patch_job, patch_done, &c);
	}

	/* Everything goes to a new directory, renamed into place at the end. */
	tmpout = xasprintf("%s.kmapcheck-tmp.%d", po->out, (int)getpid());
	mkdir_p(tmpout);
	marker = path_join(tmpout, ".kmapcheck-patch");
	write_file_atomic(marker, "", 0, &err);
	sb_init(&combined);
	for (int i = 0; i < c.nfiles; i++) {
		struct pfile *f = &c.files[i];

		for (int k = 0; k < f->nsites; k++) {
			if (f->sites[k].rule >= 0)
				per_rule[f->sites[k].rule]++;
			else
				left++;
		}
		if (f->diff) {
			char *p = xasprintf("%s/diffs/%s.diff", tmpout, f->display), *slash = strrchr(p, '/');

			*slash = '\0';
			mkdir_p(p);
			*slash = '/';
			write_file_atomic(p, f->diff, strlen(f->diff), &err);
			free(p);
			sb_add(&combined, f->diff);
		}
	}
	all = path_join(tmpout, "kmapcheck.diff");
	write_file_atomic(all, combined.buf ? combined.buf : "", combined.len, &err);
	free(all);
	write_series(&c, tmpout, &npatches);
	{
		char *sp = path_join(tmpout, "summary.txt");

		sum = fopen(sp, "w");
		free(sp);
	}
	for (FILE *o = sum; o; o = o == sum ? (po->quiet ? NULL : stderr) : NULL) {
		int conv = 0;

		for (int r = 0; r < R_COUNT; r++)
			conv += per_rule[r];
		fprintf(o, "kmapcheck patch: %d sites converted in %d files, %d patches in series/\n",
			conv, c.nfiles, npatches);
		for (int r = 0; r < R_COUNT; r++)
			if (per_rule[r])
				fprintf(o, "  %-40s %d\n", rule_file[r], per_rule[r]);
		if (left)
			fprintf(o, "  proven but left alone by the rules (shape not matched): %d\n", left);
		fprintf(o, "refused (deprecated sites not proven):");
		for (int v = 0; v < V_COUNT; v++)
			if (refused[v])
				fprintf(o, " %s %d", verdict_name(v), refused[v]);
		fputc('\n', o);
		if (o == sum)
			fclose(sum);
	}
	if (path_is_dir(po->out))
		rm_rf(po->out);
	if (rename(tmpout, po->out) < 0) {
		diag(stderr, po->out, 0, 0, "error", "cannot create: %s", strerror(errno));
		status = EXIT_USAGE;
	}

	if (po->apply && status == EXIT_OK) {
		/* Every target must still be what was analysed; otherwise change nothing. */
		bool ok = true;

		for (int i = 0; i < c.nfiles && ok; i++) {
			size_t len;
			char *t = c.files[i].diff ? read_file(c.files[i].abspath, &len, &err) : NULL;

			if (c.files[i].diff && (!t || hash64(t, len, HASH64_SEED) != c.files[i].content_hash ||
						access(c.files[i].abspath, W_OK) != 0)) {
				diag(stderr, c.files[i].display, 0, 0, "error", "%s; --apply changed nothing",
				     !t ? "cannot read" : access(c.files[i].abspath, W_OK) ? "not writable" :
				     "changed since the analysis");
				ok = false;
			}
			free(t);
		}
		for (int i = 0; i < c.nfiles && ok; i++) {
			char *copy, *t;
			size_t len;
			const char *base = strrchr(c.files[i].abspath, '/') + 1;

			if (!c.files[i].diff)
				continue;
			copy = xasprintf("%s/f%d/%s", c.work, i, base);
			t = read_file(copy, &len, &err);
			if (!t || !write_file_atomic(c.files[i].abspath, t, len, &err)) {
				diag(stderr, c.files[i].display, 0, 0, "error", "cannot write: %s", err);
				status = EXIT_PARTIAL;
			}
			free(t);
			free(copy);
		}
		if (!ok)
			status = EXIT_PARTIAL;
	}
	rm_rf(c.work);
	sb_free(&combined);
	for (int i = 0; i < c.nfiles; i++) {
		free(c.files[i].sites);
		free(c.files[i].diff);
	}
	free(c.files);
	free(order);
	free(marker);
	free(tmpout);
	free(c.work);
	free(c.cocci_dir);
	return status;
}
