// SPDX-License-Identifier: GPL-2.0
/*
 * patch.c - `kmapcheck patch`: convert the proven sites with the semantic patches.
 *
 * kmapcheck decides where; spatch rewrites. Each affected file is copied to a work
 * directory and the rules of semantic-patches/ run over the copies one rule after
 * another, each restricted to its sites (KMAPCHECK_SITES); the diff of original
 * and copy is the result. One spatch run per rule covers the copies that have
 * sites for it (moved into a directory of their own for the run; `--dir`, which
 * treats each file on its own, `-j N`): spatch's start-up and the rule's parse
 * are paid once per rule, not once per rule and file. When a run fails,
 * the rule runs again file by file so that a file spatch cannot handle costs that
 * file only; it is named and left out.
 *
 * --validate compiles every converted file before and after (validate.c) and
 * drops the conversions that break the build or make sparse say something new.
 *
 * Nothing in the scanned tree changes unless --apply is given, and then only when
 * every file still has the content the analysis saw and can be replaced: new
 * contents are written next to the targets first and renamed over them only when
 * all of them were written, so the tree ends all old or all new.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "patch.h"
#include "restructure.h"
#include "validate.h"
#include "worker.h"

/* The conversions, in the order they run on a file. */
enum rule_id { R_HELPER, R_LOWMEM, R_DISABLE, R_ATOMIC, R_KMAP, R_PAIR, R_COUNT };

static const char *const rule_file[R_COUNT] = {
	[R_HELPER] = "map-copy-unmap-to-helper.cocci",
	[R_LOWMEM] = "lowmem-to-page-address.cocci",
	[R_DISABLE] = "kmap_atomic-to-local-disable.cocci",
	[R_ATOMIC] = "kmap_atomic-to-local.cocci",
	[R_KMAP] = "kmap-to-local.cocci",
	[R_PAIR] = "kmap-helper-pair-to-local.cocci",
};

/* Lines from a map to its copy and from the copy to the unmap (see copy_follows()). */
#define HELPER_WINDOW 6

/* What an output directory may hold for us to replace it: what we write. */
static const char *const out_entries[] = {
	".kmapcheck-patch", "diffs", "series", "kmapcheck.diff", "summary.txt", "validate.txt",
	"sites.jsonl", "restructured",
};

struct psite {
	int site;		/* index in the scan result */
	int line, col;		/* in the current copy; 0: changed by a rule */
	int rule;		/* the rule that converted it, or -1 */
	int line_before;	/* its line before the current rule ran */
	bool unmap;		/* a getter/putter pair's kunmap(): converted, never counted */
	bool selected;		/* in the current rule's sites file */
	bool misplaced;		/* the file does not show the call at line:col */
	bool in_macro;		/* it shows the macro whose body holds the call */
	bool copyish;		/* a memcpy()/memset() follows closely: worth the helper rule */
};

struct pfile {
	const char *abspath;
	const char *display;
	uint64_t content_hash;	/* as the analysis read it; 0: not known */
	bool kbuild;		/* its flags came from kbuild */
	struct psite *sites;
	int nsites;
	struct psite *unmaps;	/* its proven kunmap_atomic() calls (given_unmaps()) */
	int nunmaps;
	char *copy;		/* the converted copy: work/tree/f<N>/<name> */
	char *run;		/* where it is while a rule runs: work/run/f<N>/<name> */
	char *prev;		/* the copy before the current rule */
	const char *base;	/* restructured first (restructure.c): the text the rules start from */
	const char *restructured;	/* the helpers that changed, or NULL */
	char *failed;		/* why the file is left out, or NULL */
	char *diff;
	char *prep_diff;	/* restructured files: the restructuring alone (original -> base) */
	char *conv_diff;	/* ... and the conversion alone (base -> converted) */
	int converted;
	struct val_file *val;	/* --validate's verdict, or NULL */
	bool dropped;		/* by --validate */
};

struct patch_ctx {
	const struct patch_opts *po;
	struct scan_result *res;
	struct pfile *files;
	int nfiles;
	char *work;		/* work directory, absolute */
	char *cocci_dir;
	bool *superseded;	/* per site of res: a restructured file's first proof */
	struct restructured *re;
	int nre;
};

static bool is_atomic(const char *api)
{
	return !strcmp(api, "kmap_atomic") || !strcmp(api, "kmap_atomic_prot") ||
	       !strcmp(api, "kmap_atomic_pfn");
}

/*
 * The putter's parameter a getter/putter pair's kunmap() becomes kunmap_local() of
 * (the prover's "address" evidence), into @buf; NULL when the site has none.
 */
static const char *pair_address(const struct site_out *s, char *buf, size_t n)
{
	const char *p = s->evidence ? strstr(s->evidence, "{\"kind\":\"address\",") : NULL;
	size_t len = 0;

	if (!p || !(p = strstr(p, "\"text\":\"")))
		return NULL;
	p += 8;
	while (p[len] && p[len] != '"' && len + 1 < n)
		len++;
	if (!len || p[len] != '"')
		return NULL;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return buf;
}

/*
 * Why a rule left proven site @s alone: the call is written inside the body of the
 * macro the file shows there (@in_macro: pte_offset_map() expands to kmap_atomic();
 * the rules change code, not a macro), or its shape is not one the rule converts (a
 * call among a macro's arguments is written where it is).
 */
static const char *left_why(const struct site_out *s, bool in_macro, char *buf, size_t n)
{
	if (in_macro && s->macro) {
		snprintf(buf, n, "inside the macro %s(), which the rules do not change", s->macro);
		return buf;
	}
	return "shape not matched";
}

/* The rules that may convert a site, in order; returns how many. */
static int rules_for(const struct site_out *s, int out[3])
{
	int n = 0;
	char buf[128];

	if (!strcmp(s->role, "unmap")) {
		/* only a getter/putter pair's putter: the other unmaps go with their maps */
		if (!strcmp(s->verdict, "safe") && pair_address(s, buf, sizeof(buf)))
			out[n++] = R_PAIR;
	} else if (!strcmp(s->verdict, "safe") && !strcmp(s->api, "kmap") && s->evidence &&
		   strstr(s->evidence, "{\"kind\":\"pair\",")) {
		out[n++] = R_PAIR;
	} else if (!strcmp(s->verdict, "lowmem")) {
		out[n++] = R_LOWMEM;
	} else if (!strcmp(s->verdict, "safe-needs-disable") && is_atomic(s->api)) {
		out[n++] = R_DISABLE;
	} else if (!strcmp(s->verdict, "safe")) {
		/* kmap_local_page() and the like are not deprecated: only a helper may replace them */
		out[n++] = R_HELPER;
		if (is_atomic(s->api))
			out[n++] = R_ATOMIC;
		else if (!strcmp(s->api, "kmap"))
			out[n++] = R_KMAP;
	}
	return n;
}

/* Would a getter/putter pair's site convert (restructure.c keeps a copy that has one)? */
static bool converts_pair(const struct site_out *s)
{
	int rl[3], n = rules_for(s, rl);

	return n && rl[0] == R_PAIR;
}

/*
 * Run @argv in @cwd (NULL: ours) with KMAPCHECK_SITES=@env_sites (or without it),
 * stdout to @out_path and stderr appended to @err_path (NULL: /dev/null). Returns
 * the exit status, 128 + the signal, or 127 when it could not run. spatch runs in
 * the work directory: with -j it makes (and removes) a directory in its working
 * directory, which must never be the user's tree.
 */
int patch_spawn(char *const argv[], const char *cwd, const char *env_sites,
		const char *out_path, const char *err_path)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return 127;
	if (pid == 0) {
		int fo = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fe = open(err_path ? err_path : "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0644);
		struct rlimit rl;

		if (fo >= 0)
			dup2(fo, 1);
		if (fe >= 0)
			dup2(fe, 2);
		if (cwd && chdir(cwd) < 0)
			_exit(127);
		if (env_sites)
			setenv("KMAPCHECK_SITES", env_sites, 1);
		else
			unsetenv("KMAPCHECK_SITES");
		/* spatch's C parser recurses deeply on large kernel files. */
		if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_STACK, &rl);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static bool run_cmd(char *const argv[], const char *env_sites, const char *out_path,
		    const char *err_path)
{
	return patch_spawn(argv, NULL, env_sites, out_path, err_path) <= 1;
}

/*
 * Map the sites' lines through the change from @old to @new (diff -U0 hunks).
 * A selected site on a changed line is marked converted by @rule.
 */
static void remap(struct psite *s, int n, const char *old, const char *new, const char *tmp,
		  int rule)
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
			if (s[i].rule < 0 && s[i].selected)
				s[i].rule = rule;
			s[i].line = 0;	/* gone: no later rule may select it */
		} else if (s[i].line) {
			s[i].line = line + shift;
		}
	}
	free(text);
}

static bool copy_file(const char *from, const char *to, char **err)
{
	size_t len;
	char *t = read_file(from, &len, err);
	bool ok = t && write_file_atomic(to, t, len, err);

	free(t);
	return ok;
}

/* The last non-empty line of @path, for a one-line reason. */
static char *last_line_of(const char *path)
{
	char *err = NULL, *t = read_file(path, NULL, &err), *end, *start, *out;

	free(err);
	if (!t)
		return xstrdup("no message");
	end = t + strlen(t);
	while (end > t && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	*end = '\0';
	start = strrchr(t, '\n');
	out = xstrdup(*(start ? start + 1 : t) ? (start ? start + 1 : t) : "no message");
	free(t);
	return out;
}

/*
 * Pass on what spatch said on stderr in @errlog about the sites of rule @r: a
 * site the rule left alone is named by the original file and line. The helper
 * rule is tried first on every safe site and leaves most of them alone (they
 * are not a plain copy): expected, not news.
 */
static void spatch_notes(struct patch_ctx *c, int r, const char *errlog)
{
	char *err = NULL, *text = read_file(errlog, NULL, &err), *save = NULL;

	free(err);
	if (!text || c->po->quiet) {
		free(text);
		return;
	}
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		struct pfile *f = NULL;
		int line = 0, col = 0;

		if (!*l)
			continue;
		for (int i = 0; i < c->nfiles && !f; i++) {
			size_t n = strlen(c->files[i].run);

			if (!strncmp(l, c->files[i].run, n) && l[n] == ':')
				f = &c->files[i];
		}
		if (f && sscanf(l + strlen(f->run), ":%d:%d", &line, &col) >= 1 &&
		    strstr(l, "left this site alone")) {
			if (r == R_HELPER)
				continue;
			for (int k = 0; k < f->nsites; k++)
				if (f->sites[k].selected && f->sites[k].line == line) {
					const struct site_out *s = &c->res->sites[f->sites[k].site];
					char why[160];

					diag(stderr, f->display, s->line, s->col, "note",
					     "%s() in %s() is proven %s; %s left it alone (%s)",
					     s->api, s->function, s->verdict, rule_file[r],
					     left_why(s, f->sites[k].in_macro, why, sizeof(why)));
				}
			continue;
		}
		if (strstr(l, "map-copy-unmap-to-helper") && strstr(l, "left this site alone"))
			continue;
		diag(stderr, f ? f->display : NULL, 0, 0, "note", "spatch (%s): %s", rule_file[r],
		     f ? l + strlen(f->run) + 1 : l);
	}
	free(text);
}

/*
 * A getter/putter pair converts whole or not at all: kunmap_local() in the putter
 * releasing a kmap() the getter still makes (or the reverse) would be a bug the
 * compiler does not see. When the rule left a selected site of the file alone,
 * the file goes back to its copy before the rule.
 */
static void pair_all_or_none(struct patch_ctx *c, struct pfile *f)
{
	char *err = NULL;
	int k;

	for (k = 0; k < f->nsites; k++)
		if (f->sites[k].selected && f->sites[k].rule != R_PAIR)
			break;
	if (k == f->nsites)
		return;
	if (!copy_file(f->prev, f->copy, &err)) {
		f->failed = xasprintf("cannot restore the copy: %s", err);
		free(err);
		return;
	}
	for (k = 0; k < f->nsites; k++) {
		f->sites[k].line = f->sites[k].line_before;
		if (f->sites[k].rule == R_PAIR)
			f->sites[k].rule = -1;
	}
	if (!c->po->quiet)
		diag(stderr, f->display, 0, 0, "note", "%s converted a getter/putter pair in "
		     "part only: the file keeps its kmap()/kunmap() pairs", rule_file[R_PAIR]);
}

static bool has_line(const int *v, int n, int line)
{
	for (int i = 0; i < n; i++)
		if (v[i] == line)
			return true;
	return false;
}

#define GIVEN_MAX 15	/* the prover's evidence names up to 16 unmaps of a map */

/*
 * The word "unmaps=LINE:COL,..." for map @k of @f, selected for kmap_atomic-to-local
 * or kmap_atomic-to-local-disable: the kunmap_atomic() calls the proof says
 * release it, where the current copy has them, so that the rule converts exactly
 * those, wherever they are (another function, a path without the unmap, a copy of
 * the address). Into @buf; false when the proof's pairing cannot be written whole:
 * an unmap in another file, changed by an earlier rule or spelled through another
 * macro, or releasing a map that does not get the word too (@given: the maps that
 * do). The rule's own pattern then decides alone.
 */
static bool given_unmaps(struct patch_ctx *c, struct pfile *f, int k, const bool *given,
			 struct strbuf *buf)
{
	const struct site_out *m = &c->res->sites[f->sites[k].site];
	int lines[GIVEN_MAX + 1], n = evidence_lines(m->evidence, "unmap", lines, GIVEN_MAX), found = 0;

	if (n < 1 || n > GIVEN_MAX)
		return false;
	sb_add(buf, " unmaps=");
	for (int u = 0; u < f->nunmaps; u++) {
		const struct site_out *us = &c->res->sites[f->unmaps[u].site];
		int maps[GIVEN_MAX + 1], nm = evidence_lines(us->evidence, "map", maps, GIVEN_MAX);

		if (!has_line(maps, nm > GIVEN_MAX ? 0 : nm, m->line))
			continue;
		if (nm > GIVEN_MAX || !f->unmaps[u].line || !has_line(lines, n, us->line))
			return false;
		/* every map it releases converts with it */
		for (int j = 0; j < nm; j++) {
			int any = 0;

			for (int q = 0; q < f->nsites; q++) {
				if (f->sites[q].unmap || c->res->sites[f->sites[q].site].line != maps[j])
					continue;
				if (!given[q])
					return false;
				any++;
			}
			if (!any)
				return false;
		}
		sb_addf(buf, "%s%d:%d", found ? "," : "", f->unmaps[u].line, f->unmaps[u].col);
		found++;
	}
	/* the unmaps the map names are all here, each once */
	for (int j = 0; j < n; j++) {
		int here = 0;

		for (int u = 0; u < f->nunmaps; u++)
			if (c->res->sites[f->unmaps[u].site].line == lines[j])
				here++;
		if (here != 1)
			return false;
	}
	return found == n;
}

/*
 * Run rule @r over every file with sites for it: once over all the copies, and
 * when that fails, file by file; a file spatch fails on is left out.
 */
static void run_rule(struct patch_ctx *c, int r)
{
	char *sites = xasprintf("%s/sites-%d.txt", c->work, r);
	char *errlog = xasprintf("%s/spatch-%d.err", c->work, r);
	char *tmp = xasprintf("%s/diff.txt", c->work), *rundir = path_join(c->work, "run");
	char *rule = path_join(c->cocci_dir, rule_file[r]), *jobs;
	FILE *sf = fopen(sites, "w");
	int nsel = 0, status;
	bool *in = xcalloc(c->nfiles + 1, sizeof(bool));

	if (!sf) {
		diag(stderr, sites, 0, 0, "error", "cannot write: %s", strerror(errno));
		goto out;
	}
	for (int i = 0; i < c->nfiles; i++) {
		struct pfile *f = &c->files[i];
		bool blocked = false;

		/* a pair with a site that cannot be selected must not convert in part */
		for (int k = 0; r == R_PAIR && k < f->nsites; k++) {
			int rl[3], n = rules_for(&c->res->sites[f->sites[k].site], rl);

			if (n && rl[0] == R_PAIR && (!f->sites[k].line || f->sites[k].rule >= 0))
				blocked = true;
		}
		bool *sel = xcalloc(f->nsites + 1, sizeof(bool));

		for (int k = 0; k < f->nsites; k++) {
			const struct site_out *s = &c->res->sites[f->sites[k].site];
			int rl[3], n = rules_for(s, rl);
			bool want = false;

			f->sites[k].selected = false;
			for (int j = 0; j < n; j++)
				if (rl[j] == r)
					want = true;
			sel[k] = !(f->failed || !want || blocked || !f->sites[k].line ||
				   f->sites[k].rule >= 0 || (r == R_HELPER && !f->sites[k].copyish));
		}
		/*
		 * The maps that get their unmaps written: those whose unmaps release only
		 * maps that get them too (an unmap converted for one map must not release
		 * another that stays kmap_atomic()).
		 */
		bool *given = xcalloc(f->nsites + 1, sizeof(bool));

		for (int k = 0; k < f->nsites && (r == R_ATOMIC || r == R_DISABLE); k++)
			given[k] = sel[k] && !f->sites[k].unmap;
		for (bool changed = r == R_ATOMIC || r == R_DISABLE; changed;) {
			changed = false;
			for (int k = 0; k < f->nsites; k++) {
				struct strbuf probe;

				if (!given[k])
					continue;
				sb_init(&probe);
				if (!given_unmaps(c, f, k, given, &probe)) {
					given[k] = false;
					changed = true;
				}
				sb_free(&probe);
			}
		}
		for (int k = 0; k < f->nsites; k++) {
			const struct site_out *s = &c->res->sites[f->sites[k].site];
			/* kmap_atomic() disabled both; the proof says which are needed */
			int needs = r == R_DISABLE ? (s->needs ? s->needs : 3) : 0;
			char addr[128];
			struct strbuf words;

			if (!sel[k])
				continue;
			fprintf(sf, "%s:%d:%d%s%s", f->run, f->sites[k].line, f->sites[k].col,
				needs & 1 ? " pagefault" : "", needs & 2 ? " preempt" : "");
			if (r == R_PAIR && f->sites[k].unmap)
				fprintf(sf, " addr=%s", pair_address(s, addr, sizeof(addr)));
			sb_init(&words);
			if (given[k] && given_unmaps(c, f, k, given, &words))
				fputs(words.buf, sf);
			sb_free(&words);
			fputc('\n', sf);
			f->sites[k].selected = true;
			in[i] = true;
			nsel++;
		}
		free(given);
		free(sel);
	}
	fclose(sf);
	if (!nsel)
		goto out;
	for (int i = 0; i < c->nfiles; i++)
		for (int k = 0; in[i] && k < c->files[i].nsites; k++)
			c->files[i].sites[k].line_before = c->files[i].sites[k].line;
	for (int i = 0; i < c->nfiles; i++) {
		char *err = NULL;

		if (!in[i])
			continue;
		/* Only the files with sites for this rule go where spatch looks. */
		if (!copy_file(c->files[i].copy, c->files[i].prev, &err) ||
		    rename(c->files[i].copy, c->files[i].run) < 0) {
			c->files[i].failed = xasprintf("cannot keep a copy: %s", err ? err : strerror(errno));
			in[i] = false;
		}
		free(err);
	}
	jobs = xasprintf("%d", c->po->jobs > 0 ? c->po->jobs : 2);
	{
		/* --no-show-diff: the diffs are made here; spatch's own cost a third of its time */
		char *argv[] = { "spatch", "--sp-file", rule, "--very-quiet", "--in-place",
				 "--no-show-diff", "--include-headers", "-j", jobs, "--dir", rundir,
				 NULL };

		unlink(errlog);
		status = patch_spawn(argv, c->work, sites, NULL, errlog);
	}
	free(jobs);
	if (status > 1) {
		/* Find the file it failed on: one run per file, from the copies as they were. */
		if (!c->po->quiet)
			diag(stderr, NULL, 0, 0, "note", "spatch failed on %s over all files "
			     "(exit status %d); running it file by file", rule_file[r], status);
		for (int i = 0; i < c->nfiles; i++) {
			struct pfile *f = &c->files[i];
			char *argv[] = { "spatch", "--sp-file", rule, "--very-quiet", "--in-place",
					 "--no-show-diff", f->run, NULL };
			char *one = xasprintf("%s/spatch-%d-%d.err", c->work, r, i), *err = NULL;
			int st;

			if (!in[i])
				continue;
			if (!copy_file(f->prev, f->run, &err)) {
				f->failed = xasprintf("cannot restore the copy: %s", err);
				free(err);
				free(one);
				continue;
			}
			unlink(one);
			st = patch_spawn(argv, c->work, sites, NULL, one);
			if (st > 1) {
				char *last = last_line_of(one);

				f->failed = st == 127 ? xstrdup("spatch did not run") :
					    st > 128 ? xasprintf("spatch was killed by signal %d on %s (%s)",
								 st - 128, rule_file[r], last) :
					    xasprintf("spatch failed on %s (exit status %d: %s)",
						      rule_file[r], st, last);
				free(last);
			} else {
				spatch_notes(c, r, one);
			}
			free(one);
		}
	} else {
		spatch_notes(c, r, errlog);
	}
	for (int i = 0; i < c->nfiles; i++) {
		if (!in[i])
			continue;
		if (rename(c->files[i].run, c->files[i].copy) < 0 && !c->files[i].failed)
			c->files[i].failed = xasprintf("lost the copy: %s", strerror(errno));
		if (!c->files[i].failed) {
			remap(c->files[i].sites, c->files[i].nsites, c->files[i].prev, c->files[i].copy,
			      tmp, r);
			remap(c->files[i].unmaps, c->files[i].nunmaps, c->files[i].prev,
			      c->files[i].copy, tmp, r);
		}
		if (r == R_PAIR && !c->files[i].failed)
			pair_all_or_none(c, &c->files[i]);
	}
out:
	free(in);
	free(sites);
	free(errlog);
	free(tmp);
	free(rundir);
	free(rule);
}

static char *cocci_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("KMAPCHECK_SEMANTIC_PATCHES");

	if (env && *env) {
		/* absolute: spatch runs in the work directory */
		char *real = path_real(env);

		return real ? real : xstrdup(env);
	}
	if (n <= 0)
		return xstrdup("semantic-patches");
	exe[n] = '\0';
	*strrchr(exe, '/') = '\0';
	return path_join(exe, "semantic-patches");
}

/*
 * May @dir be (re)written? When it does not exist, or is empty, or holds only
 * what an earlier run wrote (our marker and our entries). @why says otherwise.
 */
static bool out_dir_usable(const char *dir, const char **why)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	bool ours = false, foreign = false, empty = true;

	if (!d) {
		if (errno == ENOENT)
			return true;
		*why = errno == ENOTDIR ? "exists and is not a directory" : strerror(errno);
		return false;
	}
	while ((de = readdir(d))) {
		bool known = false;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		empty = false;
		for (size_t i = 0; i < ARRAY_SIZE(out_entries); i++)
			if (!strcmp(de->d_name, out_entries[i]))
				known = true;
		if (!strcmp(de->d_name, ".kmapcheck-patch"))
			ours = true;
		if (!known)
			foreign = true;
	}
	closedir(d);
	if (empty || (ours && !foreign))
		return true;
	*why = "exists with other content; give an empty or new directory";
	return false;
}

static void rm_rf(const char *path)
{
	char *argv[] = { "rm", "-rf", (char *)path, NULL };

	run_cmd(argv, NULL, NULL, NULL);
}

int patch_preflight(const struct patch_opts *po)
{
	const char *why = NULL;
	char *dir, *probe;
	char *argv[] = { "spatch", "--version", NULL };

	if (!out_dir_usable(po->out, &why)) {
		diag(stderr, po->out, 0, 0, "error", "output directory %s; nothing written", why);
		return EXIT_USAGE;
	}
	dir = cocci_dir();
	for (int r = 0; r < R_COUNT + restructure_nrules; r++) {
		probe = path_join(dir, r < R_COUNT ? rule_file[r] : restructure_rules[r - R_COUNT]);
		if (!path_is_file(probe)) {
			diag(stderr, probe, 0, 0, "error", "semantic patch not found");
			free(probe);
			free(dir);
			return EXIT_USAGE;
		}
		free(probe);
	}
	free(dir);
	if (!run_cmd(argv, NULL, NULL, NULL)) {
		diag(stderr, NULL, 0, 0, "error", "spatch (Coccinelle) is not installed or does not "
		     "run (install the coccinelle package); nothing written");
		return EXIT_USAGE;
	}
	return EXIT_OK;
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

/* "NNNN-fs-foo.patch" for patch @n of directory @sub, into @name. */
static void patch_name(char *name, size_t size, int n, const char *sub)
{
	snprintf(name, size, "%04d-", n);
	for (const char *p = sub; *p && strlen(name) < size - 8; p++) {
		size_t l = strlen(name);

		name[l] = *p == '/' ? '-' : *p;
		name[l + 1] = '\0';
	}
	strcat(name, ".patch");
}

/* Patch @n of @total in @sdir, for directory @sub: its mail header; NULL when it cannot be written. */
static FILE *open_series_patch(const char *sdir, const char *sub, int n, int total,
			       const char *subject)
{
	char name[PATH_MAX + 32], *path;
	FILE *pf;

	patch_name(name, sizeof(name), n, sub);
	path = path_join(sdir, name);
	pf = fopen(path, "w");
	free(path);
	if (pf)
		fprintf(pf, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
			    "From: kmapcheck <kmapcheck@localhost>\n"
			    "Subject: [PATCH %d/%d] %s: %s\n\n", n, total, sub, subject);
	return pf;
}

/*
 * The patch before a directory's conversion when its getter/putter helpers were
 * restructured first: that change alone, which keeps kmap() and kunmap(), as a
 * kernel developer would send it ahead of the conversion.
 */
static void write_prep_patch(const char *sdir, const char *sub, int n, int total,
			     const char *names, const char *diffs)
{
	char *subject = xasprintf("Change the signature%s of %s", strstr(names, " and ") ? "s" : "",
				  names);
	FILE *pf = open_series_patch(sdir, sub, n, total, subject);

	free(subject);
	if (pf) {
		fprintf(pf, "kmap_local_page() needs the address a page was mapped at wherever the\n"
			    "mapping is used or released: page_address() does not see a local\n"
			    "mapping, and kunmap_local() takes the address, not the page.\n\n"
			    "So the page getter returns kmap()'s address (the page handed back\n"
			    "through a parameter), its callers take the address from it instead of\n"
			    "page_address(), and the putter takes the address too; this patch\n"
			    "changes what of that was missing. The mappings are the same (kmap()\n"
			    "and kunmap() stay); the next patch converts them to kmap_local_page().\n\n"
			    "Done with semantic-patches/%s and %s.\n\n",
			restructure_rules[0], restructure_rules[1]);
		fprintf(pf, "---\n%s-- \nkmapcheck\n\n", diffs);
		fclose(pf);
	}
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
		if (seen)
			continue;
		total++;
		for (int j = i; j < c->nfiles; j++) {
			char b[PATH_MAX];

			if (c->files[j].diff && c->files[j].prep_diff && c->files[j].conv_diff &&
			    !strcmp(subsystem_of(c->files[j].display, b, sizeof(b)), a)) {
				total++;	/* its restructuring goes first, in a patch of its own */
				break;
			}
		}
	}
	for (int i = 0; i < c->nfiles; i++) {
		char sub[PATH_MAX], subject[96];
		struct strbuf body, diffs, tested, prep, prep_names;
		bool any_atomic = false, any_kmap = false;
		FILE *pf;

		if (used[i] || !c->files[i].diff)
			continue;
		subsystem_of(c->files[i].display, sub, sizeof(sub));
		sb_init(&body);
		sb_init(&diffs);
		sb_init(&tested);
		sb_init(&prep);
		sb_init(&prep_names);
		for (int j = i; j < c->nfiles; j++) {
			char b[PATH_MAX];
			struct pfile *f = &c->files[j];

			if (used[j] || !f->diff || strcmp(subsystem_of(f->display, b, sizeof(b)), sub))
				continue;
			used[j] = true;
			sb_add(&diffs, f->prep_diff && f->conv_diff ? f->conv_diff : f->diff);
			if (f->prep_diff && f->conv_diff) {
				sb_add(&prep, f->prep_diff);
				sb_addf(&prep_names, "%s%s", prep_names.len ? ", " : "", f->restructured);
			}
			if (f->restructured)
				sb_addf(&body, "- %s: on top of the previous patch (%s changed so that "
					"the getter returns the address and the putter takes it); the "
					"sites below were proven on that text, at its lines.\n",
					f->display, f->restructured);
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
					sb_addf(&body, " Added %s%s%s because the region %s them.",
						s->needs & 1 ? "pagefault_disable()/pagefault_enable()" : "",
						s->needs == 3 ? " and " : "",
						s->needs & 2 ? "preempt_disable()/preempt_enable()" : "",
						strstr(s->reason, "may rely on") ? "may need" : "needs");
				sb_add(&body, "\n");
			}
			if (f->val)
				sb_addf(&tested, "%s: %s%s.\n", f->display,
					f->val->result == VAL_PASSED ? "" : "not compile-tested: ",
					f->val->reason);
		}
		if (prep.len) {
			done++;
			write_prep_patch(sdir, sub, done, total, prep_names.buf, prep.buf);
		}
		done++;
		snprintf(subject, sizeof(subject), "Replace %s with kmap_local_page()",
			 any_atomic && any_kmap ? "kmap() and kmap_atomic()" :
			 any_atomic ? "kmap_atomic()" : "kmap()");
		pf = open_series_patch(sdir, sub, done, total, subject);
		if (pf) {
			fprintf(pf, "kmap() and kmap_atomic() are deprecated (Documentation/mm/highmem.rst).\n"
				    "kmap_local_page() mappings are thread-local and must be released in\n"
				    "reverse order; kmapcheck proved both for every site below, and that\n"
				    "the code between map and unmap does not rely on the page faults or\n"
				    "preemption kmap_atomic() disabled, unless it says otherwise:\n\n%s\n",
				body.buf ? body.buf : "");
			if (tested.len)
				fprintf(pf, "%s\n", tested.buf);
			fprintf(pf, "---\n%s-- \nkmapcheck\n\n", diffs.buf ? diffs.buf : "");
			fclose(pf);
		}
		sb_free(&body);
		sb_free(&diffs);
		sb_free(&tested);
		sb_free(&prep);
		sb_free(&prep_names);
	}
	*npatches = done;
	free(used);
	free(sdir);
}

/* --validate: check each converted file, drop the ones that broke something. */
static bool run_validation(struct patch_ctx *c, struct val_file **vfs, int *nvf)
{
	const struct patch_opts *po = c->po;
	struct val_opts vo = {
		.config = po->config ? po->config : "allmodconfig",
		.flags = po->flags,
		.nflags = po->nflags,
		.jobs = po->jobs,
		.quiet = po->quiet,
	};
	struct val_file *v = xcalloc(c->nfiles + 1, sizeof(*v));
	int n = 0;
	bool ok;

	for (int i = 0; i < c->nfiles; i++) {
		struct pfile *f = &c->files[i];

		if (!f->diff)
			continue;
		v[n].abspath = f->abspath;
		v[n].display = f->display;
		v[n].converted = f->copy;
		v[n].kbuild = f->kbuild;
		n++;
	}
	ok = validate_files(&vo, v, n);
	for (int i = 0, k = 0; i < c->nfiles; i++) {
		struct pfile *f = &c->files[i];

		if (!f->diff)
			continue;
		f->val = &v[k++];
		if (f->val->result == VAL_BROKEN || f->val->result == VAL_SPARSE) {
			f->dropped = true;
			free(f->diff);
			f->diff = NULL;
			diag(stderr, f->display, 0, 0, "warning", "conversion dropped: %s",
			     f->val->reason);
		}
	}
	*vfs = v;
	*nvf = n;
	return ok;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* validate.txt: one line per file, with the compiler or sparse lines that decided it. */
static void write_validation(FILE *o, const struct val_file *v, int n, bool details)
{
	int count[4] = { 0 }, timed = 0;
	double *t = xcalloc(n + 1, sizeof(double)), total = 0;

	for (int i = 0; i < n; i++) {
		count[v[i].result]++;
		if (v[i].before_wall > 0 || v[i].after_wall > 0) {
			t[timed++] = v[i].before_wall + v[i].after_wall;
			total += v[i].before_wall + v[i].after_wall;
		}
	}
	qsort(t, timed, sizeof(double), cmp_double);
	fprintf(o, "validation: %d files: %d passed, %d dropped (build), %d dropped (sparse), "
		"%d not validated", n, count[VAL_PASSED], count[VAL_BROKEN], count[VAL_SPARSE],
		count[VAL_NOT_VALIDATED]);
	if (timed)
		fprintf(o, "; compile + sparse before and after: median %.1f s per file, "
			"%.1f s in all", t[timed / 2], total);
	fputc('\n', o);
	for (int i = 0; details && i < n; i++) {
		fprintf(o, "%s: %s: %s", v[i].display, val_result_name(v[i].result), v[i].reason);
		if (v[i].before_wall > 0 || v[i].after_wall > 0)
			fprintf(o, " [%.1f s before, %.1f s after]", v[i].before_wall, v[i].after_wall);
		fputc('\n', o);
		if (v[i].detail && v[i].result != VAL_PASSED)
			for (const char *p = v[i].detail; *p; ) {
				const char *e = strchr(p, '\n');
				int len = e ? (int)(e - p) : (int)strlen(p);

				fprintf(o, "    %.*s\n", len, p);
				p += len + (e ? 1 : 0);
			}
	}
	free(t);
}

/*
 * --apply: replace every file that has a diff, all or nothing. First every file
 * must still be what the analysis read and be replaceable; then every new content
 * is written next to its target; only then are they renamed over the targets. A
 * rename that fails puts back the files already renamed.
 */
static int apply_all(struct patch_ctx *c)
{
	int n = 0, status = EXIT_OK;
	char **old = xcalloc(c->nfiles + 1, sizeof(char *));
	size_t *oldlen = xcalloc(c->nfiles + 1, sizeof(size_t));
	char **tmp = xcalloc(c->nfiles + 1, sizeof(char *));
	bool ok = true;
	int renamed = -1;

	for (int i = 0; i < c->nfiles; i++) {
		struct pfile *f = &c->files[i];
		char *err = NULL, *dir = xstrdup(f->abspath), *slash = strrchr(dir, '/');
		struct stat st;
		const char *why = NULL;

		if (!f->diff)
			continue;
		n++;
		if (slash)
			*slash = '\0';
		old[i] = read_file(f->abspath, &oldlen[i], &err);
		if (!old[i])
			why = err;
		else if (!f->content_hash)
			why = "the analysis has no content hash for it";
		else if (hash64(old[i], oldlen[i], HASH64_SEED) != f->content_hash)
			why = "changed since the analysis";
		else if (lstat(f->abspath, &st) < 0 || !S_ISREG(st.st_mode))
			why = "not a regular file";
		else if (!(st.st_mode & 0222))
			why = "read-only (no write permission bit)";
		else if (access(f->abspath, W_OK) < 0 || access(slash ? dir : ".", W_OK | X_OK) < 0)
			why = errno == EROFS ? "on a read-only file system" :
			      access(f->abspath, W_OK) < 0 ? "not writable" :
			      "its directory is not writable (the new file is renamed into place)";
		if (why) {
			diag(stderr, f->display, 0, 0, "error", "cannot apply: %s", why);
			ok = false;
		}
		free(err);
		free(dir);
	}
	if (!ok)
		goto out;
	/* Write every new content next to its target. */
	for (int i = 0; i < c->nfiles && ok; i++) {
		struct pfile *f = &c->files[i];
		char *err = NULL, *text;
		size_t len;
		struct stat st;
		int fd;

		if (!f->diff)
			continue;
		text = read_file(f->copy, &len, &err);
		tmp[i] = xasprintf("%s.kmapcheck-new.%d", f->abspath, (int)getpid());
		fd = text ? open(tmp[i], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600) : -1;
		if (fd >= 0) {
			size_t done = 0;

			if (stat(f->abspath, &st) == 0)
				fchmod(fd, st.st_mode & 07777);
			while (done < len) {
				ssize_t w = write(fd, text + done, len - done);

				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0)
					break;
				done += w;
			}
			if (done != len || fsync(fd) < 0) {
				close(fd);
				fd = -1;
			} else if (close(fd) < 0) {
				fd = -1;
			}
		}
		if (fd < 0) {
			diag(stderr, f->display, 0, 0, "error", "cannot write the new content: %s",
			     err ? err : strerror(errno));
			unlink(tmp[i]);
			free(tmp[i]);
			tmp[i] = NULL;
			ok = false;
		}
		free(err);
		free(text);
	}
	if (!ok)
		goto out;
	for (int i = 0; i < c->nfiles; i++) {
		if (!tmp[i])
			continue;
		if (rename(tmp[i], c->files[i].abspath) < 0) {
			diag(stderr, c->files[i].display, 0, 0, "error", "cannot replace: %s",
			     strerror(errno));
			ok = false;
			renamed = i;
			break;
		}
		free(tmp[i]);
		tmp[i] = NULL;
	}
	if (!ok) {
		/* Put back what was already replaced. */
		for (int i = 0; i < renamed; i++) {
			char *err = NULL;

			if (!c->files[i].diff)
				continue;
			if (!write_file_atomic(c->files[i].abspath, old[i], oldlen[i], &err))
				diag(stderr, c->files[i].display, 0, 0, "error",
				     "cannot put back the old content: %s", err);
			free(err);
		}
	}
out:
	for (int i = 0; i < c->nfiles; i++) {
		if (tmp[i]) {
			unlink(tmp[i]);
			free(tmp[i]);
		}
		free(old[i]);
	}
	free(old);
	free(oldlen);
	free(tmp);
	if (!ok) {
		diag(stderr, NULL, 0, 0, "error", "--apply changed nothing in the tree; the patches "
		     "are in the output directory");
		status = EXIT_PARTIAL;
	} else if (!c->po->quiet) {
		fprintf(stderr, "%s: --apply: %d file%s changed\n", progname, n, n == 1 ? "" : "s");
	}
	return status;
}

/* Gather the files with proven sites; count the refused ones by verdict. */
static void collect(struct patch_ctx *c, int *refused)
{
	struct scan_result *res = c->res;

	for (int i = 0; i < res->nsites; i++) {
		struct site_out *s = &res->sites[i];
		int rl[3];
		struct pfile *f = NULL;

		if (c->superseded && c->superseded[i])
			continue;
		if (strcmp(s->role, "map") && !(!strcmp(s->role, "unmap") && rules_for(s, rl)))
			continue;
		if (!rules_for(s, rl)) {
			if (api_is_deprecated(s->api)) {
				for (int v = 0; v < V_COUNT; v++)
					if (!strcmp(s->verdict, verdict_name(v)))
						refused[v]++;
			}
			continue;
		}
		for (int k = 0; k < c->nfiles; k++)
			if (!strcmp(c->files[k].abspath, s->abspath))
				f = &c->files[k];
		if (!f) {
			c->files = xrealloc(c->files, (c->nfiles + 1) * sizeof(*c->files));
			f = &c->files[c->nfiles++];
			memset(f, 0, sizeof(*f));
			f->abspath = s->abspath;
			f->display = s->file;
			for (int r = 0; r < c->nre; r++)
				if (!strcmp(c->re[r].abspath, s->abspath)) {
					f->base = c->re[r].base;
					f->restructured = c->re[r].what;
				}
			for (int in = 0; in < res->inputs.n; in++) {
				if (strcmp(res->inputs.files[in].path, s->abspath))
					continue;
				f->content_hash = res->inputs.files[in].content_hash;
				if (res->files && res->files[in].flags_origin)
					f->kbuild = !strcmp(res->files[in].flags_origin, "kbuild");
			}
		}
		f->sites = xrealloc(f->sites, (f->nsites + 1) * sizeof(*f->sites));
		f->sites[f->nsites].site = i;
		f->sites[f->nsites].line = s->line;
		f->sites[f->nsites].col = s->col;
		f->sites[f->nsites].rule = -1;
		f->sites[f->nsites].selected = false;
		f->sites[f->nsites].misplaced = false;
		f->sites[f->nsites].in_macro = false;
		f->sites[f->nsites].copyish = true;
		f->sites[f->nsites].unmap = !strcmp(s->role, "unmap");
		f->nsites++;
	}
	/* the proven kunmap_atomic() calls of those files, for given_unmaps() */
	for (int i = 0; i < res->nsites; i++) {
		struct site_out *s = &res->sites[i];

		if ((c->superseded && c->superseded[i]) || strcmp(s->role, "unmap") ||
		    strcmp(s->api, "kunmap_atomic") || (s->macro && strcmp(s->macro, "kunmap_atomic")) ||
		    (strcmp(s->verdict, "safe") && strcmp(s->verdict, "safe-needs-disable")))
			continue;
		for (int k = 0; k < c->nfiles; k++) {
			struct pfile *f = &c->files[k];

			if (strcmp(f->abspath, s->abspath))
				continue;
			f->unmaps = xrealloc(f->unmaps, (f->nunmaps + 1) * sizeof(*f->unmaps));
			memset(&f->unmaps[f->nunmaps], 0, sizeof(*f->unmaps));
			f->unmaps[f->nunmaps].site = i;
			f->unmaps[f->nunmaps].line = s->line;
			f->unmaps[f->nunmaps].col = s->col;
			f->unmaps[f->nunmaps].rule = -1;
			f->nunmaps++;
			break;
		}
	}
}

/* The start of line @line (1-based) of @text, or NULL. */
static const char *line_start(const char *text, int line)
{
	const char *p = text;

	for (int l = 1; l < line && p; l++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return p;
}

/* The first occurrence of @word in lines [@p, @p + @nlines lines), or NULL. */
static const char *find_within(const char *p, int nlines, const char *word)
{
	const char *end = p;
	size_t n = strlen(word);

	for (int l = 0; l < nlines && end; l++) {
		end = strchr(end, '\n');
		if (end)
			end++;
	}
	if (!end)
		end = p + strlen(p);
	for (const char *q = p; q < end; q++)
		if (!strncmp(q, word, n))
			return q;
	return NULL;
}

/*
 * Does @text show site @s at its line and column: 1 the call (its function's name,
 * or a macro's with the call among its arguments), 2 a macro whose body holds the
 * call, 0 neither?
 */
static int site_in_text(const char *text, const struct site_out *s)
{
	const char *p = line_start(text, s->line);

	if (!p || s->col < 1)
		return 0;
	for (int c = 1; c < s->col; c++, p++)
		if (!*p || *p == '\n')
			return 0;
	if (!strncmp(p, s->api, strlen(s->api)))
		return 1;
	if (!s->macro || !*s->macro || strncmp(p, s->macro, strlen(s->macro)))
		return 0;
	/* the macro's arguments, when the call is written among them (memcpy(d, kmap(p), n)) */
	p += strlen(s->macro);
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '(') {
		size_t alen = strlen(s->api);
		int depth = 0;

		for (const char *q = p; *q; q++) {
			if (*q == '(')
				depth++;
			else if (*q == ')' && --depth == 0)
				break;
			else if (!strncmp(q, s->api, alen) && !c_ident_char(q[-1]) &&
				 !c_ident_char(q[alen]))
				return 1;
		}
	}
	return 2;
}

/*
 * Could the site at @line of @text be a map; copy; unmap for the helper rule? It
 * converts only consecutive statements (five for memcpy_page()), so a
 * memcpy()/memset() must start within a few lines of the map and an unmap within
 * a few lines of it (the copy's arguments may wrap; a flush_dcache_page() may
 * sit between). A site without them cannot be the rule's: not selecting it
 * spares spatch a parse of the file, and the helper rule cost as much as all
 * the others together. Deliberately loose: the rule decides.
 */
static bool copy_follows(const char *text, int line)
{
	const char *p = line_start(text, line), *cp, *cs;

	if (!p)
		return false;
	cp = find_within(p, HELPER_WINDOW, "memcpy");
	cs = find_within(p, HELPER_WINDOW, "memset");
	if (!cp || (cs && cs < cp))
		cp = cs;
	if (!cp)
		return false;
	while (cp > text && cp[-1] != '\n')
		cp--;
	return find_within(cp, HELPER_WINDOW, "kunmap") != NULL;
}

/* Copy each file to the work tree; a file no longer as the analysis read it is left out. */
static void make_copies(struct patch_ctx *c)
{
	for (int i = 0; i < c->nfiles; i++) {
		struct pfile *f = &c->files[i];
		const char *base = strrchr(f->abspath, '/') ? strrchr(f->abspath, '/') + 1 : f->abspath;
		char *d1 = xasprintf("%s/tree/f%d", c->work, i), *d2 = xasprintf("%s/prev/f%d", c->work, i);
		char *d3 = xasprintf("%s/run/f%d", c->work, i);
		char *text, *err = NULL;
		size_t len;

		f->copy = path_join(d1, base);
		f->prev = path_join(d2, base);
		f->run = path_join(d3, base);
		mkdir_p(d1);
		mkdir_p(d2);
		mkdir_p(d3);
		text = read_file(f->abspath, &len, &err);
		if (!text)
			f->failed = xasprintf("cannot read: %s", err);
		else if (f->content_hash && hash64(text, len, HASH64_SEED) != f->content_hash)
			f->failed = xstrdup("changed since the analysis; scan it again");
		else if (f->base && (free(text), !(text = read_file(f->base, &len, &err))))
			f->failed = xasprintf("cannot read its restructured copy: %s", err);
		else if (!write_file_atomic(f->copy, text, len, &err))
			f->failed = xasprintf("cannot copy to %s: %s", f->copy, err);
		for (int k = 0; text && !f->failed && k < f->nsites; k++) {
			const struct site_out *s = &c->res->sites[f->sites[k].site];
			int shown = site_in_text(text, s);

			f->sites[k].copyish = copy_follows(text, s->line);
			f->sites[k].in_macro = shown == 2;
			if (shown)
				continue;
			/* Never select by a position that holds something else. */
			f->sites[k].misplaced = true;
			f->sites[k].line = 0;
			if (!c->po->quiet)
				diag(stderr, f->display, s->line, s->col, "note", "%s() in %s() is proven "
				     "%s, but the file does not show it there (a header's site?): not "
				     "converted", s->api, s->function, s->verdict);
		}
		free(text);
		free(err);
		free(d1);
		free(d2);
		free(d3);
	}
}

/* diff -u of @from and @to, both labelled with @display; NULL when they are the same. */
static char *diff_of(const char *from, const char *to, const char *display, const char *tmp,
		     char **err)
{
	char *la = xasprintf("a/%s", display), *lb = xasprintf("b/%s", display), *d;
	char *argv[] = { "diff", "-u", "--label", la, "--label", lb, (char *)from, (char *)to, NULL };

	run_cmd(argv, NULL, tmp, NULL);
	d = read_file(tmp, NULL, err);
	if (d && !*d) {
		free(d);
		d = NULL;
	}
	free(la);
	free(lb);
	return d;
}

/* The diff of each file that has a converted site. */
static void make_diffs(struct patch_ctx *c)
{
	char *tmp = xasprintf("%s/diff.txt", c->work);

	for (int i = 0; i < c->nfiles; i++) {
		struct pfile *f = &c->files[i];
		char *err = NULL;
		bool pair = false;

		for (int k = 0; k < f->nsites; k++)
			pair |= f->sites[k].rule == R_PAIR;
		if (f->base && !pair && !f->failed) {
			/* the restructuring is there for the pair: without it, it is noise */
			for (int k = 0; k < f->nsites; k++)
				f->sites[k].rule = -1;
			if (!c->po->quiet)
				diag(stderr, f->display, 0, 0, "note", "%s did not convert the pair its "
				     "helpers were restructured for: the file is left as it was",
				     rule_file[R_PAIR]);
		}
		for (int k = 0; k < f->nsites; k++)
			if (f->sites[k].rule >= 0 && !f->failed)
				f->converted++;
		if (!f->converted)
			continue;
		f->diff = diff_of(f->abspath, f->copy, f->display, tmp, &err);
		if (!f->diff) {
			f->failed = xasprintf("no diff: %s", err ? err : "spatch changed nothing");
			f->converted = 0;
		} else if (f->base) {
			/* for the series: the restructuring, then the conversion */
			f->prep_diff = diff_of(f->abspath, f->base, f->display, tmp, &err);
			f->conv_diff = diff_of(f->base, f->copy, f->display, tmp, &err);
		}
		free(err);
	}
	free(tmp);
}

int patch_run(const struct patch_opts *po, struct scan_result *res)
{
	struct patch_ctx c = { .po = po, .res = res };
	char *tmpout, *marker, *all, *err = NULL, *old = NULL;
	int status = EXIT_OK, npatches = 0, nvf = 0;
	int per_rule[R_COUNT] = { 0 }, refused[V_COUNT] = { 0 }, left = 0, left_macro = 0;
	int failed_sites = 0, failed_files = 0, dropped_sites = 0, dropped_files = 0, patched = 0;
	int misplaced = 0;
	struct val_file *vfs = NULL;
	struct strbuf combined, left_list;
	double t0 = now_seconds(), t_convert = 0, t_validate = 0, t_rule[R_COUNT] = { 0 };
	double t_restructure = 0;
	FILE *sum;

	status = patch_preflight(po);
	if (status != EXIT_OK)
		return status;
	c.cocci_dir = cocci_dir();
	{
		char *w = xasprintf("%s/kmapcheck-patch.%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
				    (int)getpid());

		mkdir_p(w);
		c.work = path_real(w);
		if (!c.work)
			c.work = w;
		else
			free(w);
	}
	{
		struct restructure_opts ro = {
			.work = c.work, .cocci_dir = c.cocci_dir, .jobs = po->jobs, .quiet = po->quiet,
			.rule_dirs = po->rule_dirs, .nrule_dirs = po->nrule_dirs,
			.converts_pair = converts_pair,
		};
		double tr = now_seconds();

		c.nre = restructure(res, &ro, &c.re, &c.superseded);
		t_restructure = now_seconds() - tr;
	}
	collect(&c, refused);
	make_copies(&c);
	for (int r = 0; r < R_COUNT; r++) {
		double tr = now_seconds();

		run_rule(&c, r);
		t_rule[r] = now_seconds() - tr;
	}
	make_diffs(&c);
	t_convert = now_seconds() - t0;
	for (int i = 0; i < c.nfiles; i++)
		if (c.files[i].failed) {
			diag(stderr, c.files[i].display, 0, 0, "error", "left out: %s", c.files[i].failed);
			status = EXIT_PARTIAL;
		}
	if (po->validate) {
		double tv = now_seconds();

		if (!run_validation(&c, &vfs, &nvf))
			status = EXIT_PARTIAL;
		t_validate = now_seconds() - tv;
	}

	/* Everything goes to a new directory, renamed into place at the end. */
	tmpout = xasprintf("%s.kmapcheck-tmp.%d", po->out, (int)getpid());
	rm_rf(tmpout);
	mkdir_p(tmpout);
	marker = path_join(tmpout, ".kmapcheck-patch");
	write_file_atomic(marker, "", 0, &err);
	free(err);
	err = NULL;
	sb_init(&combined);
	sb_init(&left_list);
	for (int i = 0; i < c.nfiles; i++) {
		struct pfile *f = &c.files[i];

		for (int k = 0; k < f->nsites; k++) {
			if (f->sites[k].unmap) {
				continue;	/* goes with its map */
			} else if (f->sites[k].misplaced) {
				misplaced++;
			} else if (f->failed) {
				failed_sites++;
			} else if (f->sites[k].rule >= 0 && f->dropped) {
				dropped_sites++;
			} else if (f->sites[k].rule >= 0) {
				per_rule[f->sites[k].rule]++;
			} else if (api_is_deprecated(res->sites[f->sites[k].site].api)) {
				const struct site_out *s = &res->sites[f->sites[k].site];
				char why[160];

				left++;
				left_macro += f->sites[k].in_macro;
				sb_addf(&left_list, "    %s:%d:%d %s() in %s(), %s: %s\n", s->file, s->line,
					  s->col, s->api, s->function, s->verdict,
					  left_why(s, f->sites[k].in_macro, why, sizeof(why)));
			}
		}
		failed_files += f->failed != NULL;
		dropped_files += f->dropped;
		if (f->diff && f->prep_diff) {
			/* the text the restructured file's sites (sites.jsonl) refer to */
			char *p = xasprintf("%s/restructured/%s", tmpout, f->display), *slash = strrchr(p, '/');
			char *text = read_file(f->base, NULL, &err);

			*slash = '\0';
			mkdir_p(p);
			*slash = '/';
			if (text)
				write_file_atomic(p, text, strlen(text), &err);
			free(text);
			free(err);
			err = NULL;
			free(p);
		}
		if (f->diff) {
			char *p = xasprintf("%s/diffs/%s.diff", tmpout, f->display), *slash = strrchr(p, '/');

			patched++;
			*slash = '\0';
			mkdir_p(p);
			*slash = '/';
			write_file_atomic(p, f->diff, strlen(f->diff), &err);
			free(err);
			err = NULL;
			free(p);
			sb_add(&combined, f->diff);
		}
	}
	all = path_join(tmpout, "kmapcheck.diff");
	write_file_atomic(all, combined.buf ? combined.buf : "", combined.len, &err);
	free(err);
	err = NULL;
	free(all);
	write_series(&c, tmpout, &npatches);
	{
		/* The analysis the patches were made from, as `scan --format json` prints it. */
		char *sp = path_join(tmpout, "sites.jsonl");
		FILE *sf = fopen(sp, "w");

		if (sf) {
			for (int i = 0; i < res->nsites; i++)
				if (!c.superseded || !c.superseded[i])
					emit_site_json(sf, &res->sites[i], NULL);
			fclose(sf);
		}
		free(sp);
	}
	if (po->validate) {
		char *vp = path_join(tmpout, "validate.txt");
		FILE *vf = fopen(vp, "w");

		if (vf) {
			write_validation(vf, vfs, nvf, true);
			fclose(vf);
		}
		free(vp);
	}
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
			conv, patched, npatches);
		for (int r = 0; r < R_COUNT; r++)
			if (per_rule[r])
				fprintf(o, "  %-40s %d\n", rule_file[r], per_rule[r]);
		if (c.nre)
			fprintf(o, "  files whose getter/putter helpers were restructured first and proven "
				"again: %d\n", c.nre);
		if (left)
			fprintf(o, "  deprecated, proven, but left alone by the rules: %d (%d of them "
				"written inside a macro, %d of a shape the rules do not "
				"convert)\n", left, left_macro, left - left_macro);
		if (left && o == sum)
			fputs(left_list.buf, o);
		if (failed_files)
			fprintf(o, "  proven but left out (spatch failed, or the file changed): %d sites in "
				"%d files\n", failed_sites, failed_files);
		if (misplaced)
			fprintf(o, "  proven but not where the analysis says in the file (not converted): "
				"%d\n", misplaced);
		fprintf(o, "refused (deprecated sites not proven):");
		for (int v = 0; v < V_COUNT; v++)
			if (refused[v])
				fprintf(o, " %s %d", verdict_name(v), refused[v]);
		fputc('\n', o);
		if (po->validate) {
			fprintf(o, "refused by --validate (the conversion broke the build or sparse): "
				"%d sites in %d files (see validate.txt)\n", dropped_sites, dropped_files);
			write_validation(o, vfs, nvf, false);
		}
		fprintf(o, "time: %.1f s conversion (restructuring helpers and proving again %.1f s; "
			"spatch per rule:", t_convert, t_restructure);
		for (int r = 0; r < R_COUNT; r++)
			fprintf(o, "%s %.*s %.1f s", r ? "," : "",
				(int)(strchr(rule_file[r], '.') - rule_file[r]), rule_file[r], t_rule[r]);
		fputc(')', o);
		if (po->validate)
			fprintf(o, ", %.1f s validation", t_validate);
		fputc('\n', o);
		if (o == sum)
			fclose(sum);
	}
	/* Replace an earlier output only once the new one is complete. */
	if (path_is_dir(po->out)) {
		old = xasprintf("%s.kmapcheck-old.%d", po->out, (int)getpid());
		if (rename(po->out, old) < 0) {
			diag(stderr, po->out, 0, 0, "error", "cannot replace: %s", strerror(errno));
			status = EXIT_USAGE;
		}
	}
	if (status != EXIT_USAGE && rename(tmpout, po->out) < 0) {
		diag(stderr, po->out, 0, 0, "error", "cannot create: %s", strerror(errno));
		status = EXIT_USAGE;
		if (old)
			rename(old, po->out);
	}
	if (status == EXIT_USAGE)
		rm_rf(tmpout);
	else if (old)
		rm_rf(old);
	free(old);

	if (po->apply && status == EXIT_OK) {
		status = apply_all(&c);
	} else if (po->apply && status != EXIT_USAGE) {
		diag(stderr, NULL, 0, 0, "error", "--apply changed nothing in the tree: %s",
		     failed_files ? "some files were left out (above)" : "validation could not run");
	}
	rm_rf(c.work);
	sb_free(&combined);
	sb_free(&left_list);
	for (int i = 0; i < c.nfiles; i++) {
		free(c.files[i].sites);
		free(c.files[i].diff);
		free(c.files[i].prep_diff);
		free(c.files[i].conv_diff);
		free(c.files[i].copy);
		free(c.files[i].run);
		free(c.files[i].prev);
		free(c.files[i].failed);
	}
	for (int i = 0; i < nvf; i++) {
		free(vfs[i].reason);
		free(vfs[i].detail);
	}
	free(vfs);
	free(c.files);
	free(marker);
	free(tmpout);
	free(c.work);
	free(c.cocci_dir);
	free(c.superseded);
	restructured_free(c.re, c.nre);
	return status;
}
