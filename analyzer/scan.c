// SPDX-License-Identifier: GPL-2.0
/*
 * scan.c - the scan pipeline: inputs, flags, workers, store, results.
 *
 * The parent decides what to parse and with which flags, and collects; each file
 * is parsed and proved in its own child (worker.c), which sends back records.
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cx_parse.h"
#include "flags.h"
#include "pch.h"
#include "progress.h"
#include "prove.h"
#include "scan.h"
#include "store.h"
#include "worker.h"
#include "xref.h"

#define TOOL_VERSION "kmapcheck 0.1"

struct root_info {
	char *path;			/* absolute */
	struct kernel_tree *kt;		/* when the root is a kernel tree */
	struct cx_compdb *compdb;
	bool walked;			/* given as a directory: the definition index reads it */
};

struct scan_ctx {
	const struct scan_opts *o;
	struct scan_result *res;
	struct root_info *roots;
	int nroots;
	struct flagset *flags;		/* per input */
	char **cache_keys;		/* per input */
	const char **report_roots;
	const char **def_globs;
	int ndef_globs;
	struct store *store;
	struct progress prog;
	FILE *parsed_list;		/* --list-parsed */
	int done;
	uint64_t rules_hash;
	/* Cross-file summaries (the second pass); NULL in the first. */
	struct xref_table *xtab;
	struct xref_defs xdefs;
	struct ptrvec xused;		/* in a child: the names its proofs looked up */
	struct pch_ctx pch;		/* the shared precompiled <linux/highmem.h> and common headers */
	int pch_used, pch_retried;	/* files parsed with it; parsed again without */
	int cached_stored;		/* cached results recorded in this run, for batching */
	struct worker_parked parked;	/* files waiting, parsed, for the cross-file pass */
};

/* A hash of this executable's bytes, computed once; 0 when it cannot be read. */
static uint64_t tool_build_hash(void)
{
	static uint64_t h;
	static bool done;
	size_t len = 0;
	char *text, *err = NULL;

	if (done)
		return h;
	done = true;
	text = read_file("/proc/self/exe", &len, &err);
	if (text)
		h = hash64(text, len, HASH64_SEED);
	free(text);
	free(err);
	return h;
}

struct rules *load_rules(const char *const *extra, int nextra)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char **dirs = xcalloc(nextra + 2, sizeof(char *));
	int nd = 0;
	char *own = NULL, *err = NULL;
	struct rules *r;
	const char *env = getenv("KMAPCHECK_RULES");

	if (env && *env) {
		dirs[nd++] = env;
	} else if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		own = path_join(exe, "rules");
		dirs[nd++] = own;
	}
	for (int i = 0; i < nextra; i++)
		dirs[nd++] = extra[i];
	r = rules_load(dirs, nd, &err);
	if (!r)
		die("%s", err ? err : "cannot load rules");
	free(own);
	free(dirs);
	return r;
}

/* Paths (relative to a root) that define the mapping API itself: rules/definitions.globs. */
static void load_definition_globs(struct scan_ctx *c)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("KMAPCHECK_RULES");
	char *path, *text, *err = NULL, *save = NULL;

	if (env && *env) {
		path = path_join(env, "definitions.globs");
	} else {
		if (n <= 0)
			return;
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		path = xasprintf("%s/rules/definitions.globs", exe);
	}
	text = read_file(path, NULL, &err);
	free(err);
	free(path);
	if (!text)
		return;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		while (isspace((unsigned char)*l))
			l++;
		if (!*l || *l == '#')
			continue;
		for (char *e = l + strlen(l) - 1; e > l && isspace((unsigned char)*e); e--)
			*e = '\0';
		c->def_globs = xrealloc(c->def_globs, (c->ndef_globs + 1) * sizeof(char *));
		c->def_globs[c->ndef_globs++] = xstrdup(l);
	}
	free(text);
}

/*
 * The tokens of the line at @line of @text, for the site key: whitespace is
 * kept only where it separates two words, so re-indenting or respacing
 * "kmap_atomic( page )" does not change the key.
 */
static char *normalized_line(const char *text, int line)
{
	const char *p = text;
	struct strbuf sb;
	bool space = false;

	for (int l = 1; l < line && p; l++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	sb_init(&sb);
	for (; p && *p && *p != '\n'; p++) {
		if (isspace((unsigned char)*p)) {
			space = sb.len > 0;
			continue;
		}
		if (space && c_ident_char(sb.buf[sb.len - 1]) && c_ident_char(*p))
			sb_addc(&sb, ' ');
		space = false;
		sb_addc(&sb, *p);
	}
	return sb_detach(&sb);
}

/* The text of @file for the site key: the main file's, or a header's (kept in @cache). */
static const char *site_file_text(const char *file, const char *main_path, const char *main_text,
				  char **cache_path, char **cache_text)
{
	char *err = NULL;

	if (!strcmp(file, main_path))
		return main_text ? main_text : "";
	if (!*cache_path || strcmp(*cache_path, file)) {
		free(*cache_path);
		free(*cache_text);
		*cache_path = xstrdup(file);
		*cache_text = read_file(file, NULL, &err);
		free(err);
	}
	return *cache_text ? *cache_text : "";
}

static const char *role_name(enum site_role r)
{
	return r == SITE_MAP ? "map" : r == SITE_UNMAP ? "unmap" : "helper";
}

/* The prover's lookup of an external function: the cross-file table, if any. */
static const struct func_summary *xref_lookup(const char *name, void *ctx)
{
	struct scan_ctx *c = ctx;
	const struct func_summary *s = xref_table_get(c->xtab, name);

	if (s)
		pv_push(&c->xused, (void *)s->name);
	return s;
}

/* The flags for @path (of root @root): `--`, compile_commands.json, kbuild, or none. */
static void flags_for(struct scan_ctx *c, const char *path, int root, struct flagset *fs)
{
	const struct scan_opts *o = c->o;
	struct root_info *ri = &c->roots[root];

	if (o->have_flags) {
		for (int a = 0; a < o->nflags; a++)
			flagset_add(fs, o->flags[a]);
		fs->origin = xstrdup("command line");
		flags_sanitize(fs, path);
	} else if (ri->compdb && compdb_flags(ri->compdb, path, fs)) {
		/* from compile_commands.json */
	} else if (ri->kt) {
		kernel_file_flags(ri->kt, path, fs);
	} else {
		fs->origin = xstrdup("none");
		flags_sanitize(fs, path);
	}
}

/* "path\tmtime\tsize\n" for @path, the form the cache's dependency lists use. */
static void add_dep(struct strbuf *deps, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		sb_addf(deps, "%s\t%lld\t%lld\n", path, (long long)st.st_mtime, (long long)st.st_size);
}

/*
 * Is @path (of root @root) code of another arch in a kernel tree? Those files are few per arch (38
 * in linux 6.1) and have the flags of their arch: not worth a PCH of their own.
 */
static bool other_arch_file(const struct scan_ctx *c, const char *path, int root)
{
	return c->roots[root].kt && kernel_other_arch(path_relative(path, c->roots[root].path));
}

/*
 * In a job: parse @path with @fs, and with the run's precompiled header when
 * @path is a .c file that may use it (see pch.h); @text is @path's content.
 */
static bool parse_in_job(struct scan_ctx *c, const char *path, int root, const char *text,
			 size_t len, const struct flagset *fs, struct cx_parse_opts *po,
			 struct cx_parse_result *pr)
{
	const char **pargv = NULL;
	char *pch = NULL;
	int pargc = 0;
	bool ok;
	size_t n = strlen(path);
	bool other_arch = other_arch_file(c, path, root);

	if (c->pch.dir && text && n > 2 && !strcmp(path + n - 2, ".c") && !other_arch &&
	    !pch_text_refuses(text, len))
		pch = pch_for(&c->pch, fs, cx_build_pch, &pargv, &pargc);
	po->pch_args = pargv;
	po->pch_nargs = pargc;
	ok = cx_parse_file(po, pr);
	po->pch_args = NULL;
	po->pch_nargs = 0;
	free(pargv);
	free(pch);
	return ok;
}

/*
 * In the child: prove @pr's translation unit (input @idx, whose text is @text)
 * and add its site records and its dependencies to @sb; the seconds it took.
 */
static double prove_and_emit(struct scan_ctx *c, int idx, struct cx_parse_result *pr,
			     const char *text, struct strbuf *sb)
{
	struct input_file *in = &c->res->inputs.files[idx];
	struct prove_ctx pc = { .rules = c->res->rules, .lookup = xref_lookup, .lookup_ctx = c };
	struct ir_tu *tu = pr->tu;
	char *hpath = NULL, *htext = NULL, **norms;
	double prove_seconds = now_seconds();

	prove_tu(tu, &pc);
	prove_seconds = now_seconds() - prove_seconds;
	/*
	 * The key: function, API, the tokens of the call's line, and which
	 * of the identical (function, API, line) sites this is. No line
	 * number, no indentation, no count of the other sites: moving or
	 * re-indenting code, or adding a call elsewhere, leaves it alone.
	 */
	bool other_arch = other_arch_file(c, in->path, in->root);

	norms = xcalloc(tu->nsites + pr->ninactive + 1, sizeof(char *));
	for (int i = 0; i < tu->nsites + pr->ninactive; i++) {
		struct ir_site *s = i < tu->nsites ? &tu->sites[i] : &pr->inactive[i - tu->nsites];

		norms[i] = normalized_line(site_file_text(tu->files[s->call->loc.file], in->path,
							  text, &hpath, &htext),
					   s->call->loc.line);
	}
	for (int i = 0; i < tu->nsites + pr->ninactive; i++) {
		struct ir_site *s = i < tu->nsites ? &tu->sites[i] : &pr->inactive[i - tu->nsites];
		const char *file = tu->files[s->call->loc.file];
		char *norm = norms[i];
		int occurrence = 0;
		uint64_t h;
		char hex[17];

		/*
		 * Another arch's configuration skips branches of the common
		 * headers that i386's compiles (CONFIG_HIGHPTE's pte_offset_map()
		 * in linux/pgtable.h): only i386's parses say what is not compiled
		 * outside arch/.
		 */
		if (i >= tu->nsites && other_arch &&
		    strncmp(path_relative(file, c->roots[in->root].path), "arch/", 5))
			continue;
		for (int j = 0; j < i; j++) {
			struct ir_site *o = j < tu->nsites ? &tu->sites[j] : &pr->inactive[j - tu->nsites];

			if (!strcmp(o->func->name, s->func->name) && !strcmp(o->api, s->api) &&
			    !strcmp(tu->files[o->call->loc.file], file) && !strcmp(norms[j], norm))
				occurrence++;
		}
		h = hash64(s->func->name, strlen(s->func->name), HASH64_SEED);
		h = hash64(s->api, strlen(s->api), h);
		h = hash64(norm, strlen(norm), h);
		h = hash64(&occurrence, sizeof(occurrence), h);
		hash_hex(h, hex);
		rec_begin(sb, 'S');
		rec_str(sb, file);
		rec_int(sb, s->call->loc.line);
		rec_int(sb, s->call->loc.col);
		rec_str(sb, s->func->name);
		rec_str(sb, s->api);
		rec_str(sb, role_name(s->role));
		rec_str(sb, s->call->loc.macro);
		rec_str(sb, verdict_name(s->verdict));
		rec_str(sb, s->reason ? s->reason : "");
		rec_str(sb, s->evidence ? s->evidence : "[]");
		rec_int(sb, s->paths);
		rec_int(sb, s->needs);
		rec_int(sb, s->partner_line);
		rec_str(sb, s->proof);
		rec_str(sb, hex);
		rec_str(sb, s->escape_callee);
		rec_end(sb);
	}
	/* freed only now: each site's occurrence compares with the lines before it */
	for (int i = 0; i < tu->nsites + pr->ninactive; i++)
		free(norms[i]);
	free(norms);
	free(hpath);
	free(htext);
	/* The files the result depends on, for the cache. */
	rec_begin(sb, 'D');
	{
		struct strbuf deps;

		sb_init(&deps);
		for (int i = 0; i < tu->nfiles; i++)
			add_dep(&deps, tu->files[i]);
		/* and the files that define the external functions the proofs looked up */
		for (int i = 0; i < c->xdefs.n; i++)
			for (int u = 0; u < c->xused.n; u++)
				if (!strcmp(c->xdefs.v[i].name, c->xused.v[u])) {
					add_dep(&deps, c->xdefs.v[i].file);
					break;
				}
		rec_str(sb, deps.buf ? deps.buf : "");
		sb_free(&deps);
	}
	rec_end(sb);
	return prove_seconds;
}

/* The file's record: how the parse went and what it cost. */
static void emit_file_record(struct strbuf *sb, bool ok, const struct cx_parse_result *pr,
			     double prove_seconds)
{
	rec_begin(sb, 'F');
	rec_str(sb, ok ? (pr->errors ? "parse-errors" : "ok") : "failed");
	rec_int(sb, pr->errors);
	rec_int(sb, pr->warnings);
	rec_int(sb, pr->errors_in_site_funcs);
	rec_int(sb, pr->missing_headers);
	rec_int(sb, pr->unknown_flags);
	rec_str(sb, pr->first_error);
	rec_str(sb, pr->error_text.buf);
	rec_dbl(sb, pr->parse_seconds);
	rec_dbl(sb, pr->lower_seconds);
	rec_dbl(sb, prove_seconds);
	rec_int(sb, pr->pch_used ? 1 : pr->pch_retried ? 2 : 0);
	rec_end(sb);
}

/* In the child: would a summary of another file's function change a verdict of @tu? */
static bool waits_for_summaries(const struct ir_tu *tu)
{
	for (int i = 0; i < tu->nsites; i++)
		if (reason_awaits_summary(tu->sites[i].verdict == V_UNKNOWN,
					  tu->sites[i].escape_callee, tu->sites[i].reason))
			return true;
	return false;
}

static void load_feed(struct scan_ctx *c, char *feed);

/* In the child: parse, prove, and send back records. */
static void scan_job(int idx, int fd, void *ctxp)
{
	struct scan_ctx *c = ctxp;
	struct input_file *in = &c->res->inputs.files[idx];
	struct flagset *fs = &c->flags[idx];
	struct cx_parse_opts po = { 0 };
	struct cx_parse_result pr;
	double prove_seconds = 0;
	struct strbuf sb;
	bool ok;
	char *text = NULL, *err = NULL, *feed;
	size_t len = 0, flen = 0;
	int nfuncs;
	/*
	 * compile_commands.json flags are relative to their directory. Should it be
	 * gone, the relative -I paths miss and the parse names the missing headers.
	 */
	if (fs->working_dir)
		(void)!chdir(fs->working_dir);
	/*
	 * Fault injection for the tests of the worker isolation: a parse that
	 * crashes or hangs on the file whose name contains the given text.
	 */
	{
		const char *crash = getenv("KMAPCHECK_FAULT_CRASH");
		const char *hang = getenv("KMAPCHECK_FAULT_HANG");

		if (crash && *crash && strstr(in->path, crash))
			raise(SIGSEGV);
		if (hang && *hang && strstr(in->path, hang))
			for (;;)
				pause();
	}
	pv_free(&c->xused);	/* a reused child: the last file's lookups are not this one's */
	po.file = in->path;
	po.args = (const char *const *)fs->argv;
	po.nargs = fs->argc;
	po.rules = c->res->rules;
	po.report_roots = c->report_roots;
	po.nreport_roots = c->nroots;
	po.definition_globs = c->def_globs;
	po.ndefinition_globs = c->ndef_globs;
	text = read_file(in->path, &len, &err);
	free(err);
	ok = parse_in_job(c, in->path, in->root, text, len, fs, &po, &pr);
	sb_init(&sb);
	nfuncs = ok && pr.tu ? pr.tu->nfuncs : 0;
	if (ok && pr.tu)
		prove_seconds = prove_and_emit(c, idx, &pr, text, &sb);
	emit_file_record(&sb, ok, &pr, prove_seconds);
	/*
	 * A file whose proofs stopped at another file's function waits, parsed, for
	 * the cross-file pass's summaries instead of being parsed again for them.
	 */
	if (!ok || !pr.tu || !worker_can_park() || !waits_for_summaries(pr.tu)) {
		write_all(fd, sb.buf, sb.len);
		free(text);
		/*
		 * A child that exits right after leaves libclang's teardown to the
		 * kernel; one that parses another file frees the parse for it.
		 */
		if (worker_reusable()) {
			sb_free(&sb);
			cx_parse_release(&pr);
		}
		return;
	}
	write_all(fd, sb.buf, sb.len);
	sb_free(&sb);
	feed = worker_park(fd, &flen);
	if (!feed || !flen) {
		free(feed);
		free(text);
		return;
	}
	load_feed(c, feed);
	free(feed);
	{
		/* fault injection for the tests: the second proof crashes */
		const char *crash = getenv("KMAPCHECK_FAULT_CRASH_AGAIN");

		if (crash && *crash && strstr(in->path, crash))
			raise(SIGSEGV);
	}
	cx_relist(&pr, nfuncs);
	sb_init(&sb);
	prove_seconds = prove_and_emit(c, idx, &pr, text, &sb);
	emit_file_record(&sb, ok, &pr, prove_seconds);
	write_all(fd, sb.buf, sb.len);
	free(text);
}

static struct site_out *new_site(struct scan_result *res)
{
	if (res->nsites == res->capsites) {
		res->capsites = res->capsites ? res->capsites * 2 : 256;
		res->sites = xrealloc(res->sites, res->capsites * sizeof(*res->sites));
	}
	memset(&res->sites[res->nsites], 0, sizeof(struct site_out));
	return &res->sites[res->nsites++];
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static const char *display_for(struct scan_ctx *c, const char *abspath, const struct input_file *in)
{
	if (!strcmp(abspath, in->path))
		return in->display;
	for (int i = 0; i < c->nroots; i++) {
		const char *rel = path_relative(abspath, c->roots[i].path);

		if (rel != abspath)
			return rel;
	}
	return abspath;
}

static void report_problem(struct scan_ctx *c, const struct input_file *in, const char *sev,
			   const char *msg)
{
	if (c->o->quiet && strcmp(sev, "error"))
		return;
	progress_clear(&c->prog);
	diag(stderr, in->display, 0, 0, sev, "%s", msg);
}

/* One 'S' record of job @idx: a site, appended to the result. */
static void site_from_record(struct scan_ctx *c, char **f, int idx)
{
	struct site_out *s = new_site(c->res);

	s->input = idx;
	s->abspath = xstrdup(f[1]);
	s->file = xstrdup(display_for(c, f[1], &c->res->inputs.files[idx]));
	s->line = atoi(f[2]);
	s->col = atoi(f[3]);
	s->function = dup_or_null(f[4]);
	s->api = dup_or_null(f[5]);
	s->role = dup_or_null(f[6]);
	s->macro = dup_or_null(f[7]);
	s->verdict = dup_or_null(f[8]);
	s->reason = dup_or_null(f[9]);
	s->evidence = dup_or_null(f[10]);
	s->paths = atoi(f[11]);
	s->needs = atoi(f[12]);
	s->partner_line = atoi(f[13]);
	s->proof = dup_or_null(f[14]);
	s->key = dup_or_null(f[15]);
	s->escape_callee = dup_or_null(f[16]);
}

/*
 * The file of a site read back from the store, which keeps the displayed name: the
 * input itself, or a header it included (relative to a root, or absolute).
 */
static char *cached_site_path(struct scan_ctx *c, const char *display, const struct input_file *in)
{
	if (!strcmp(display, in->display))
		return xstrdup(in->path);
	if (display[0] == '/')
		return xstrdup(display);
	for (int r = 0; r < c->nroots; r++) {
		char *p = path_join(c->roots[r].path, display);

		if (path_is_file(p))
			return p;
		free(p);
	}
	return xstrdup(display);
}

/* @path and its flags on one line, each flag quoted for sh (kbuild's -DKBUILD_MODNAME="x"). */
static void print_flags_line(FILE *o, const char *path, const struct flagset *fs)
{
	fputs(path, o);
	for (int a = 0; a < fs->argc; a++) {
		fputs(" '", o);
		for (const char *ch = fs->argv[a]; *ch; ch++) {
			if (*ch == '\'')
				fputs("'\\''", o);
			else
				fputc(*ch, o);
		}
		fputc('\'', o);
	}
	fputc('\n', o);
}

static void job_done(int idx, const struct job_result *r, void *ctxp)
{
	struct scan_ctx *c = ctxp;
	struct scan_result *res = c->res;
	struct input_file *in = &res->inputs.files[idx];
	struct file_out *fo = &res->files[idx];
	char *buf = xstrndup(r->out, r->len), *save = NULL, *deps = NULL;
	int first_site = res->nsites;
	bool got_file = false;

	if (c->parsed_list)
		print_flags_line(c->parsed_list, in->path, &c->flags[idx]);
	fo->wall = r->wall;
	fo->cpu = r->cpu;
	fo->maxrss_kb = r->maxrss_kb;
	res->cpu_children += r->cpu;
	if (r->maxrss_kb > res->maxrss_kb)
		res->maxrss_kb = r->maxrss_kb;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[24];
		int n = rec_split(line, f, 24);

		if (n < 1)
			continue;
		if (f[0][0] == 'S' && n >= 17) {
			site_from_record(c, f, idx);
		} else if (f[0][0] == 'D' && n >= 2) {
			free(deps);
			deps = dup_or_null(f[1]);
		} else if (f[0][0] == 'F' && n >= 10) {
			got_file = true;
			fo->status = xstrdup(f[1]);
			fo->errors = atoi(f[2]);
			fo->warnings = atoi(f[3]);
			fo->errors_in_site_funcs = atoi(f[4]);
			fo->missing_headers = atoi(f[5]);
			fo->unknown_flags = atoi(f[6]);
			fo->first_error = dup_or_null(f[7]);
			fo->error_text = dup_or_null(f[8]);
			if (n >= 12) {
				res->parse_cpu += atof(f[9]);
				res->lower_cpu += atof(f[10]);
				res->prove_cpu += atof(f[11]);
			}
			if (n >= 13) {
				c->pch_used += atoi(f[12]) == 1;
				c->pch_retried += atoi(f[12]) == 2;
			}
		}
	}
	free(buf);
	fo->nsites = res->nsites - first_site;
	if (r->end != JOB_OK || !got_file) {
		char *msg;

		free(fo->status);
		/* What the child sent before it died is not trusted. */
		for (int i = first_site; i < res->nsites; i++)
			memset(&res->sites[i], 0, sizeof(res->sites[i]));
		res->nsites = first_site;
		fo->nsites = 0;
		if (r->end == JOB_TIMEOUT) {
			fo->status = xstrdup("timeout");
			msg = xasprintf("parse did not finish within %.0f s (killed); file not analysed",
					c->o->timeout);
		} else if (r->end == JOB_CRASHED) {
			fo->status = xstrdup("crashed");
			/* libclang aborts when an allocation fails ("LLVM ERROR: out of memory") */
			msg = xasprintf("parse crashed (signal %d: %s%s); file not analysed", r->code,
					strsignal(r->code),
					c->o->mem_limit_mb > 0 && r->code == SIGABRT ?
					", perhaps out of memory under --mem-limit" : "");
		} else {
			fo->status = xstrdup("failed");
			msg = xasprintf("analysis failed (exit status %d); file not analysed", r->code);
		}
		report_problem(c, in, "error", msg);
		free(msg);
		res->failed++;
	} else if (!strcmp(fo->status, "failed")) {
		char *msg = xasprintf("cannot parse: %s; file not analysed",
				      fo->first_error ? fo->first_error : "libclang failed");

		report_problem(c, in, "error", msg);
		free(msg);
		res->failed++;
	} else {
		res->parsed++;
		if (fo->errors) {
			res->with_errors++;
			if (fo->errors_in_site_funcs) {
				char *msg = xasprintf("%d parse error%s inside functions with mapping calls (first: %s)",
						      fo->errors, fo->errors == 1 ? "" : "s",
						      fo->first_error ? fo->first_error : "?");

				report_problem(c, in, "warning", msg);
				free(msg);
			} else if (fo->missing_headers) {
				char *msg = xasprintf("missing header (%s); no error inside the functions with mapping calls",
						      fo->first_error ? fo->first_error : "?");

				report_problem(c, in, "warning", msg);
				free(msg);
			}
		}
	}
	if (c->store) {
		store_batch_begin(c->store);
		store_file(c->store, res->run_id, in, fo, c->cache_keys[idx], deps,
			   res->sites + first_site, fo->nsites);
		if (++c->done % 32 == 0)
			store_batch_end(c->store);
	} else {
		c->done++;
	}
	free(deps);
	progress_update(&c->prog, c->done, NULL);
}

static int cmp_site(const void *a, const void *b)
{
	const struct site_out *x = a, *y = b;
	int d = strcmp(x->file ? x->file : "", y->file ? y->file : "");

	if (d)
		return d;
	if (x->line != y->line)
		return x->line - y->line;
	if (x->col != y->col)
		return x->col - y->col;
	return strcmp(x->api ? x->api : "", y->api ? y->api : "");
}

static void free_site(struct site_out *s)
{
	free(s->file); free(s->abspath); free(s->function); free(s->api); free(s->role);
	free(s->macro); free(s->verdict); free(s->reason); free(s->evidence); free(s->proof);
	free(s->key); free(s->escape_callee);
}

/*
 * How much a verdict allows, for a header's site that several including files
 * proved: the kept one must hold for each of them. Converting nothing (any
 * verdict that converts nothing) < adding disables < kmap_local_page() <
 * page_address() (lowmem in every includer, or not at all).
 */
static int verdict_allows(const char *v)
{
	if (!v)
		return 0;
	if (!strcmp(v, "safe-needs-disable"))
		return 1;
	if (!strcmp(v, "safe"))
		return 2;
	if (!strcmp(v, "lowmem"))
		return 3;
	return 0;
}

/*
 * A copy proved in an including file where its function did not parse (prove_flow.c's
 * "F() has parse errors"): that file's view of the code is no evidence, when another
 * includer parsed it (an i915 selftest .c file is parsed alone and #included).
 */
static bool copy_unparsed(const struct site_out *s)
{
	return s->reason && strstr(s->reason, REASON_PARSE_ERRORS);
}

/* The order of the report; a site's copies end with the one to keep first. */
static int cmp_site_copies(const void *a, const void *b)
{
	const struct site_out *x = a, *y = b;
	int d = cmp_site(a, b);

	if (d)
		return d;
	d = strcmp(x->abspath ? x->abspath : "", y->abspath ? y->abspath : "");
	if (d)
		return d;
	d = copy_unparsed(x) - copy_unparsed(y);
	if (d)
		return d;
	d = verdict_allows(x->verdict) - verdict_allows(y->verdict);
	if (d)
		return d;
	d = strcmp(x->verdict ? x->verdict : "", y->verdict ? y->verdict : "");
	if (d)
		return d;
	return x->input - y->input;
}

/*
 * Header sites come once per including file: keep one, the same whichever job
 * ended first. Their proofs can differ (each includer has its own callers of a
 * static inline function): of those whose function parsed, the one that allows
 * least, then the first includer in the walk's order.
 */
static void sort_and_dedupe(struct scan_result *res)
{
	int out = 0;

	qsort(res->sites, res->nsites, sizeof(*res->sites), cmp_site_copies);
	for (int i = 0; i < res->nsites; i++) {
		if (out && !cmp_site(&res->sites[out - 1], &res->sites[i]) &&
		    !strcmp(res->sites[out - 1].abspath, res->sites[i].abspath)) {
			free_site(&res->sites[i]);
			continue;
		}
		res->sites[out++] = res->sites[i];
	}
	res->nsites = out;
}

/*
 * How many files one worker parses, one after another, before it is replaced by
 * a new one (worker.h): enough that few children are forked, few enough that
 * what libclang does not give back cannot add up. KMAPCHECK_REUSE sets it (1:
 * a new child for every file).
 */
static int reuse_jobs(void)
{
	const char *env = getenv("KMAPCHECK_REUSE");

	return env && *env ? atoi(env) : 16;
}

/*
 * How many files may wait, parsed, for the cross-file pass (see scan_job()):
 * each holds its translation unit, up to a few hundred MB, so half of the
 * memory available at the start (MemAvailable) at 256 MB each, at most 64.
 * KMAPCHECK_PARK_MAX sets it (0: every such file is parsed again instead).
 */
static int park_max(void)
{
	const char *env = getenv("KMAPCHECK_PARK_MAX");
	FILE *f;
	char line[256];
	long long kb = -1;

	if (env && *env)
		return atoi(env) > 0 ? atoi(env) : 0;
	f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %lld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	if (kb < 0)
		return 8;
	kb = kb / 2 / (256 * 1024);
	return kb > 64 ? 64 : (int)kb;
}

static int default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

/*
 * The cross-file pass. A proof that stopped at a function defined in another file
 * ("passed to f(), which is not analysed") gets f's summary from the file that
 * defines it: the definition index finds that file, a worker parses it and
 * summarizes f (or the store still has the summary from an earlier run), and the
 * files holding those sites are proved again with the table. A file whose second
 * proof fails keeps its first verdicts; a function the index cannot find stays
 * unknown, as before.
 */
struct xfile {
	char *path;
	int root;
	struct ptrvec names;		/* const char *: the functions it defines */
	struct flagset flags;
	char *cache_key;
};

struct xpass {
	struct scan_ctx *c;
	struct xfile *files;
	int nfiles;
	int from_store, summarized, reproved, kept;
	int in_place;		/* of those, by a parked child, without a parse */
	bool *fed;		/* per input: its parked child was resumed */
};

static bool needs_xref(const struct site_out *s)
{
	return reason_awaits_summary(s->verdict && !strcmp(s->verdict, "unknown"), s->escape_callee,
				     s->reason);
}

/* A summary's facts as SUMMARY_FIELDS record fields, and back. */
#define SUMMARY_FIELDS 10

static void rec_summary(struct strbuf *sb, const struct func_summary *f)
{
	rec_int(sb, f->escapes);
	rec_int(sb, f->derefs_only);
	rec_int(sb, f->maps);
	rec_int(sb, f->unmaps);
	rec_int(sb, f->returns_mapping);
	rec_int(sb, f->may_sleep);
	rec_int(sb, f->needs_atomic);
	rec_int(sb, f->needs);
	rec_int(sb, f->returns_param);
	rec_int(sb, f->unmaps_param);
}

static void summary_from_fields(char **f, struct func_summary *s)
{
	s->escapes = strtoul(f[0], NULL, 10);
	s->derefs_only = strtoul(f[1], NULL, 10);
	s->maps = atoi(f[2]);
	s->unmaps = atoi(f[3]);
	s->returns_mapping = atoi(f[4]);
	s->may_sleep = atoi(f[5]);
	s->needs_atomic = atoi(f[6]);
	s->needs = strtoul(f[7], NULL, 10);
	s->returns_param = strtoul(f[8], NULL, 10);
	s->unmaps_param = strtoul(f[9], NULL, 10);
}

/* In the child: parse one defining file and summarize the functions it defines. */
static void summary_job(int idx, int fd, void *ctxp)
{
	struct xpass *xp = ctxp;
	struct scan_ctx *c = xp->c;
	struct xfile *xf = &xp->files[idx];
	struct cx_parse_opts po = { 0 };
	struct cx_parse_result pr;
	struct prove_ctx pc = { .rules = c->res->rules };
	struct strbuf sb, deps;
	char *text, *err = NULL;
	size_t len = 0;
	bool ok;

	if (xf->flags.working_dir)
		(void)!chdir(xf->flags.working_dir);
	po.file = xf->path;
	po.args = (const char *const *)xf->flags.argv;
	po.nargs = xf->flags.argc;
	po.rules = c->res->rules;
	po.definition_globs = c->def_globs;
	po.ndefinition_globs = c->ndef_globs;
	text = read_file(xf->path, &len, &err);
	free(err);
	ok = parse_in_job(c, xf->path, xf->root, text, len, &xf->flags, &po, &pr);
	free(text);
	sb_init(&sb);
	if (ok && pr.tu) {
		for (int i = 0; i < xf->names.n; i++) {
			struct ir_func *fn = ir_find_func(pr.tu, xf->names.v[i]);
			struct func_summary f;

			rec_begin(&sb, 'U');
			rec_str(&sb, xf->names.v[i]);
			if (!fn || !fn->body) {
				rec_int(&sb, 0);
				rec_end(&sb);
				continue;
			}
			summarize_func(pr.tu, fn, &pc, &f);
			rec_int(&sb, 1);
			rec_summary(&sb, &f);
			rec_end(&sb);
		}
		sb_init(&deps);
		for (int i = 0; i < pr.tu->nfiles; i++)
			add_dep(&deps, pr.tu->files[i]);
		rec_begin(&sb, 'D');
		rec_str(&sb, deps.buf ? deps.buf : "");
		rec_end(&sb);
		sb_free(&deps);
	}
	write_all(fd, sb.buf, sb.len);
	if (worker_reusable()) {	/* as scan_job() */
		sb_free(&sb);
		cx_parse_release(&pr);
	}
}

static void summary_done(int idx, const struct job_result *r, void *ctxp)
{
	struct xpass *xp = ctxp;
	struct scan_ctx *c = xp->c;
	struct xfile *xf = &xp->files[idx];
	char *buf = xstrndup(r->out, r->len), *save = NULL, *deps = NULL;
	struct func_summary got[64];
	bool found[64];
	int ngot = 0;

	c->done++;
	progress_update(&c->prog, c->done, NULL);
	if (r->end != JOB_OK) {
		free(buf);
		return;		/* no summary: those proofs stay unknown */
	}
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[16];
		int n = rec_split(line, f, 16);

		if (n >= 3 && f[0][0] == 'U' && ngot < 64) {
			struct func_summary *s = &got[ngot];

			memset(s, 0, sizeof(*s));
			s->name = xstrdup(f[1]);
			s->file = xf->path;
			found[ngot] = atoi(f[2]) && n >= 3 + SUMMARY_FIELDS;
			if (found[ngot])
				summary_from_fields(f + 3, s);
			ngot++;
		} else if (n >= 2 && f[0][0] == 'D') {
			free(deps);
			deps = xstrdup(f[1]);
		}
	}
	for (int i = 0; i < ngot; i++) {
		if (found[i]) {
			struct func_summary shown = got[i];

			shown.file = display_for(c, xf->path, &c->res->inputs.files[0]);
			xref_table_add(c->xtab, &shown);
			xp->summarized++;
		}
		if (c->store && deps)
			store_summary_put(c->store, &got[i], found[i], xf->cache_key, deps);
		free((char *)got[i].name);
	}
	free(deps);
	free(buf);
}

static void reprove_job(int idx, int fd, void *ctxp)
{
	struct xpass *xp = ctxp;

	scan_job(idx, fd, xp->c);
}

/* The second proof of input @idx: its sites replace the first ones. */
static void reprove_done(int idx, const struct job_result *r, void *ctxp)
{
	struct xpass *xp = ctxp;
	struct scan_ctx *c = xp->c;
	struct scan_result *res = c->res;
	struct input_file *in = &res->inputs.files[idx];
	char *buf = xstrndup(r->out, r->len), *save = NULL, *deps = NULL;
	struct ptrvec recs = { 0 };
	bool got_file = false;
	int out = 0, first;

	c->done++;
	progress_update(&c->prog, c->done, NULL);
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == 'F' && strncmp(line, "F\tfailed", 8))
			got_file = true;
		pv_push(&recs, line);
	}
	if (r->end != JOB_OK || !got_file) {
		xp->kept++;
		pv_free(&recs);
		free(buf);
		return;
	}
	for (int i = 0; i < res->nsites; i++) {
		if (res->sites[i].input == idx && res->sites[i].abspath)
			free_site(&res->sites[i]);
		else
			res->sites[out++] = res->sites[i];
	}
	res->nsites = out;
	first = res->nsites;
	for (int k = 0; k < recs.n; k++) {
		char *f[24];
		int n = rec_split(recs.v[k], f, 24);

		if (n >= 17 && f[0][0] == 'S') {
			site_from_record(c, f, idx);
		} else if (n >= 2 && f[0][0] == 'D') {
			free(deps);
			deps = xstrdup(f[1]);
		}
	}
	res->files[idx].nsites = res->nsites - first;
	xp->reproved++;
	xp->in_place += xp->fed[idx];
	if (c->store) {
		store_batch_begin(c->store);
		store_forget_file(c->store, res->run_id, in->path);
		store_file(c->store, res->run_id, in, &res->files[idx], c->cache_keys[idx], deps,
			   res->sites + first, res->nsites - first);
		store_batch_end(c->store);
	}
	free(deps);
	pv_free(&recs);
	free(buf);
}

/*
 * The feed of a parked child (see scan_job()): where each function the
 * cross-file pass looked for is defined, and its summary when there is one.
 * One 'X' record a definition: name, file, then 1 and the summary's fields
 * (the name it shows in reasons first), or 0.
 */
static void reprove_feed(int idx, int fd, void *ctxp)
{
	struct xpass *xp = ctxp;
	struct scan_ctx *c = xp->c;
	struct strbuf sb;

	xp->fed[idx] = true;
	sb_init(&sb);
	for (int d = 0; d < c->xdefs.n; d++) {
		const struct func_summary *f = xref_table_get(c->xtab, c->xdefs.v[d].name);

		rec_begin(&sb, 'X');
		rec_str(&sb, c->xdefs.v[d].name);
		rec_str(&sb, c->xdefs.v[d].file);
		rec_int(&sb, f != NULL);
		if (f) {
			rec_str(&sb, f->file);
			rec_summary(&sb, f);
		}
		rec_end(&sb);
	}
	write_all(fd, sb.buf, sb.len);
	sb_free(&sb);
}

/* In a parked child: the parent's definitions and summary table, from its feed. */
static void load_feed(struct scan_ctx *c, char *feed)
{
	char *save = NULL;

	c->xtab = xref_table_new();
	pv_free(&c->xused);
	for (char *line = strtok_r(feed, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[20];
		int n = rec_split(line, f, 20);
		struct func_summary s;

		if (n < 4 || f[0][0] != 'X' || !f[1] || !f[2])
			continue;
		if (c->xdefs.n == c->xdefs.cap) {
			c->xdefs.cap = c->xdefs.cap ? c->xdefs.cap * 2 : 16;
			c->xdefs.v = xrealloc(c->xdefs.v, c->xdefs.cap * sizeof(*c->xdefs.v));
		}
		c->xdefs.v[c->xdefs.n].name = xstrdup(f[1]);
		c->xdefs.v[c->xdefs.n].file = xstrdup(f[2]);
		c->xdefs.n++;
		/* a function defined in several files: one summary, already merged */
		if (!atoi(f[3]) || n < 5 + SUMMARY_FIELDS || xref_table_get(c->xtab, f[1]))
			continue;
		memset(&s, 0, sizeof(s));
		s.name = f[1];
		s.file = f[4];
		summary_from_fields(f + 5, &s);
		xref_table_add(c->xtab, &s);
	}
}

static void cross_file_pass(struct scan_ctx *c, const struct worker_opts *wo)
{
	struct scan_result *res = c->res;
	struct ptrvec names = { 0 }, dirs = { 0 }, files = { 0 };
	struct xpass xp = { .c = c, .fed = xcalloc(c->res->inputs.n + 1, sizeof(bool)) };
	bool skip_arch = false;
	int *order, n = 0, before = 0, after = 0;
	double t0 = now_seconds();

	for (int i = 0; i < res->nsites; i++) {
		bool seen = false;

		if (!needs_xref(&res->sites[i]))
			continue;
		before++;
		for (int k = 0; k < names.n && !seen; k++)
			seen = !strcmp(names.v[k], res->sites[i].escape_callee);
		if (!seen)
			pv_push(&names, res->sites[i].escape_callee);
	}
	if (!names.n) {
		free(xp.fed);
		return;
	}
	pv_push(&names, NULL);
	names.n--;

	for (int r = 0; r < c->nroots; r++) {
		if (!c->roots[r].walked)
			continue;
		pv_push(&dirs, c->roots[r].path);
		if (c->roots[r].kt)
			skip_arch = true;
	}
	for (int i = 0; i < res->inputs.n; i++)
		if (res->inputs.files[i].explicit && !res->inputs.files[i].header)
			pv_push(&files, res->inputs.files[i].path);
	xref_find_defs((const char *const *)dirs.v, dirs.n, (const char *const *)files.v, files.n,
		       skip_arch, (const char *const *)names.v, &c->xdefs);
	pv_free(&dirs);
	pv_free(&files);

	/* One job per defining file, unless the store has every summary it would give. */
	c->xtab = xref_table_new();
	xp.files = xcalloc(c->xdefs.n + 1, sizeof(*xp.files));
	order = xcalloc(c->xdefs.n + 1, sizeof(int));
	for (int d = 0; d < c->xdefs.n; d++) {
		struct xfile *xf = NULL;

		for (int k = 0; k < xp.nfiles && !xf; k++)
			if (!strcmp(xp.files[k].path, c->xdefs.v[d].file))
				xf = &xp.files[k];
		if (!xf) {
			xf = &xp.files[xp.nfiles++];
			xf->path = c->xdefs.v[d].file;
			for (int r = 0; r < c->nroots; r++)
				if (path_relative(xf->path, c->roots[r].path) != xf->path)
					xf->root = r;
		}
		pv_push(&xf->names, c->xdefs.v[d].name);
	}
	for (int k = 0; k < xp.nfiles; k++) {
		struct xfile *xf = &xp.files[k];
		size_t len = 0;
		char *err = NULL, *text = read_file(xf->path, &len, &err);
		char fh[17], ch[17];
		bool all = c->store != NULL;

		free(err);
		if (!text)
			continue;
		flags_for(c, xf->path, xf->root, &xf->flags);
		hash_hex(flagset_hash(&xf->flags) ^ c->rules_hash, fh);
		hash_hex(hash64(text, len, HASH64_SEED), ch);
		free(text);
		xf->cache_key = xasprintf("%s-%s-%s", TOOL_VERSION, ch, fh);
		for (int i = 0; i < xf->names.n && all; i++) {
			struct func_summary f;
			bool found;

			all = store_summary_get(c->store, xf->names.v[i], xf->path, xf->cache_key, &f,
						&found);
			if (all && found) {
				f.name = xf->names.v[i];
				f.file = display_for(c, xf->path, &res->inputs.files[0]);
				xref_table_add(c->xtab, &f);
			}
		}
		if (all && !c->o->no_cache)
			xp.from_store++;
		else
			order[n++] = k;
	}
	c->prog.total += n;
	{
		struct worker_opts swo = *wo;

		swo.park_mode = WORKER_NO_PARK;
		worker_run(order, n, &swo, summary_job, summary_done, &xp);
	}
	for (int k = 0; k < n && c->parsed_list; k++)
		print_flags_line(c->parsed_list, xp.files[order[k]].path, &xp.files[order[k]].flags);

	/* Prove again every file with a site whose callee now has a summary. */
	n = 0;
	for (int i = 0; i < res->nsites; i++) {
		int in = res->sites[i].input;
		bool dup = false;

		if (!needs_xref(&res->sites[i]) || !xref_table_get(c->xtab, res->sites[i].escape_callee))
			continue;
		for (int k = 0; k < n && !dup; k++)
			dup = order[k] == in;
		if (!dup && c->flags[in].argc) {
			order = xrealloc(order, (n + 1) * sizeof(int));
			order[n++] = in;
		}
	}
	c->prog.total += n;
	{
		struct worker_opts rwo = *wo;

		rwo.park_mode = WORKER_RESUME;
		rwo.feed = reprove_feed;
		worker_run(order, n, &rwo, reprove_job, reprove_done, &xp);
	}
	for (int i = 0; i < res->nsites; i++)
		after += needs_xref(&res->sites[i]);
	if (!c->o->quiet) {
		progress_clear(&c->prog);
		fprintf(stderr, "%s: cross-file: %d sites stopped at %d functions of other files; "
			"%d definitions found in %d files (%d from the store), %d summarized; "
			"%d files proved again (%d of them without a second parse, %d kept their "
			"first proof); still stopped: %d sites (%.1f s)\n", progname, before, names.n,
			c->xdefs.n, xp.nfiles, xp.from_store, xp.summarized, xp.reproved, xp.in_place,
			xp.kept, after, now_seconds() - t0);
	}
	for (int k = 0; k < xp.nfiles; k++) {
		pv_free(&xp.files[k].names);
		flagset_free(&xp.files[k].flags);
		free(xp.files[k].cache_key);
	}
	free(xp.files);
	free(xp.fed);
	free(order);
	pv_free(&names);
}

/*
 * Root @r's files of other arches: which were parsed with their own arch's flags,
 * and, for an arch that could not be configured, that its files get i386's and why.
 */
static void report_arches(struct scan_ctx *c, int r)
{
	struct kernel_tree *kt = c->roots[r].kt;
	struct strbuf ok;

	if (!kt || !kt->narches)
		return;
	sb_init(&ok);
	for (int i = 0; i < kt->narches; i++) {
		struct kernel_tree *a = kt->arches[i];

		if (a->failed)
			diag(stderr, c->roots[r].path, 0, 0, "warning",
			     "arch/%s/ is parsed with the i386 flags (expect parse errors there): "
			     "the tree could not be configured for ARCH=%s: %s",
			     a->srcarch, a->srcarch, a->failed);
		else
			sb_addf(&ok, "%s%s", ok.len ? ", " : "", a->srcarch);
	}
	if (ok.len && !c->o->quiet)
		fprintf(stderr, "%s: the code of other arches is parsed with their own kbuild flags: %s\n",
			progname, ok.buf);
	sb_free(&ok);
}

/* Input @i's flags, and the cache key of its result: tool, rules, content, flags. */
static void flags_and_key(struct scan_ctx *c, int i)
{
	struct input_file *in = &c->res->inputs.files[i];
	struct file_out *fo = &c->res->files[i];
	char hex[17], chex[17];

	flags_for(c, in->path, in->root, &c->flags[i]);
	fo->flags_hash = flagset_hash(&c->flags[i]);
	free(fo->flags_origin);
	fo->flags_origin = xstrdup(c->flags[i].origin);
	hash_hex(fo->flags_hash ^ c->rules_hash, hex);
	hash_hex(in->content_hash, chex);
	c->cache_keys[i] = xasprintf("%s-%s-%s", TOOL_VERSION, chex, hex);
}

/*
 * Input @i's result from the store, when its key matches and its dependencies are
 * unchanged: its sites join the result and this run's record. False when there is none.
 */
static bool take_cached(struct scan_ctx *c, int i)
{
	struct scan_result *res = c->res;
	struct file_out *fo = &res->files[i], again;
	char *st_status = NULL, *deps = NULL;
	int first;

	if (!store_cached(c->store, res->inputs.files[i].path, c->cache_keys[i], res, fo,
			  &st_status, &deps))
		return false;
	first = res->nsites - fo->nsites;
	for (int s = first; s < res->nsites; s++) {
		res->sites[s].input = i;
		free(res->sites[s].abspath);
		res->sites[s].abspath = cached_site_path(c, res->sites[s].file, &res->inputs.files[i]);
	}
	/* This run's record is complete: cached files and sites are in it too. */
	again = *fo;
	again.status = st_status;
	store_batch_begin(c->store);
	store_file(c->store, res->run_id, &res->inputs.files[i], &again, c->cache_keys[i], deps,
		   res->sites + first, fo->nsites);
	if (++c->cached_stored % 32 == 0)
		store_batch_end(c->store);
	free(st_status);
	free(deps);
	res->cached++;
	res->parsed++;
	if (fo->errors)
		res->with_errors++;
	return true;
}

void scan_opts_init(struct scan_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->timeout = 300;
	o->format = FMT_TEXT;
	o->progress = true;
	o->out = stdout;
}

int scan_run(const struct scan_opts *o, struct scan_result *res)
{
	struct scan_ctx c = { .o = o, .res = res };
	const char *const *family;
	int *order, norder = 0, status = EXIT_OK;
	double t0 = now_seconds();
	char *dbpath = NULL;

	memset(res, 0, sizeof(*res));
	res->rules = load_rules(o->rule_dirs, o->nrule_dirs);
	family = rules_family_names(res->rules);
	load_definition_globs(&c);
	/*
	 * A cached result is reused only by the same program with the same knowledge: the
	 * executable's own bytes and the rules' text are part of every cache key.
	 */
	c.rules_hash = rules_hash(res->rules) ^ tool_build_hash();

	/* Roots: a kernel tree, a directory, or the current directory for files. */
	c.roots = xcalloc(o->npaths + 1, sizeof(*c.roots));
	for (int i = 0; i < o->npaths; i++) {
		const char *p = o->paths[i];
		char *real = path_real(p), *root = NULL;

		if (real && path_is_dir(real))
			root = !o->have_flags ? kernel_find_root(real) : NULL;
		else if (real && !o->have_flags)
			root = kernel_find_root(real);
		if (!root) {
			if (real && path_is_dir(real)) {
				root = xstrdup(real);
			} else {
				char cwd[PATH_MAX];

				root = xstrdup(getcwd(cwd, sizeof(cwd)) ? cwd : "/");
			}
		}
		{
			int r;

			for (r = 0; r < c.nroots; r++)
				if (!strcmp(c.roots[r].path, root))
					break;
			if (r == c.nroots) {
				c.roots[c.nroots].path = root;
				if (!o->have_flags && kernel_is_root(root))
					c.roots[c.nroots].kt = xcalloc(1, sizeof(struct kernel_tree));
				c.nroots++;
			} else {
				free(root);
			}
			if (c.roots[r].kt || (real && path_is_dir(real)))
				c.roots[r].walked = true;
			tree_collect(&res->inputs, p, c.roots[r].path, r, family, c.roots[r].kt != NULL);
		}
		free(real);
	}
	res->root = xstrdup(c.nroots ? c.roots[0].path : ".");
	c.report_roots = xcalloc(c.nroots + 1, sizeof(char *));
	for (int i = 0; i < c.nroots; i++)
		c.report_roots[i] = c.roots[i].path;

	res->files = xcalloc(res->inputs.n + 1, sizeof(*res->files));
	c.flags = xcalloc(res->inputs.n + 1, sizeof(*c.flags));
	c.cache_keys = xcalloc(res->inputs.n + 1, sizeof(char *));
	order = xcalloc(res->inputs.n + 1, sizeof(int));

	/* Report the inputs that will not be parsed. */
	for (int i = 0; i < res->inputs.n; i++) {
		struct input_file *in = &res->inputs.files[i];
		struct file_out *fo = &res->files[i];

		fo->input = i;
		switch (in->status) {
		case IN_CANDIDATE:
			if (in->header) {
				fo->status = xstrdup("header");
				break;
			}
			if (o->shard_n > 1 && (res->candidates % o->shard_n) != o->shard_k - 1) {
				res->candidates++;
				fo->status = xstrdup("other-shard");
				break;
			}
			res->candidates++;
			order[norder++] = i;
			break;
		case IN_NO_CALLS:
			fo->status = xstrdup("no-calls");
			break;
		case IN_EMPTY:
			fo->status = xstrdup("empty");
			report_problem(&c, in, "warning", in->message);
			break;
		default:
			fo->status = xstrdup("unreadable");
			diag(stderr, in->display, 0, 0, "error", "%s", in->message);
			res->failed++;
			break;
		}
	}

	/* Flags: compile_commands.json, then kbuild, then the command line. */
	for (int r = 0; r < c.nroots; r++) {
		struct root_info *ri = &c.roots[r];
		bool needed = false;

		/* a header that mentions the API may be parsed on its own after the .c files */
		for (int i = 0; i < res->inputs.n && !needed; i++)
			needed = res->inputs.files[i].root == r &&
				 res->inputs.files[i].status == IN_CANDIDATE;
		if (!needed || o->have_flags)
			continue;
		ri->compdb = compdb_open(o->compdb_dir ? o->compdb_dir : ri->path);
		if (!ri->compdb && ri->kt) {
			char *err = NULL;

			if (!kernel_prepare(ri->path, o->config ? o->config : "allmodconfig",
					    o->build_dir, o->quiet, ri->kt, &err)) {
				diag(stderr, ri->path, 0, 0, "error", "%s", err);
				free(err);
				free(ri->kt);
				ri->kt = NULL;
				status = EXIT_PARTIAL;
			}
		} else if (ri->kt && ri->compdb) {
			free(ri->kt);
			ri->kt = NULL;
		}
	}
	for (int k = 0; k < norder; k++)
		flags_and_key(&c, order[k]);
	for (int r = 0; r < c.nroots; r++)
		report_arches(&c, r);

	if (o->print_flags) {
		for (int k = 0; k < norder; k++)
			print_flags_line(o->out, res->inputs.files[order[k]].path, &c.flags[order[k]]);
		norder = 0;
	}

	/* The store, and what it already knows. */
	if ((!o->db_path || *o->db_path) && !o->print_flags) {
		char *err = NULL;

		dbpath = o->db_path ? xstrdup(o->db_path) : store_default_path();
		c.store = store_open(dbpath, &err);
		if (!c.store) {
			diag(stderr, NULL, 0, 0, "warning", "results not recorded: %s", err);
			free(err);
		} else {
			res->run_id = store_run_begin(c.store, res->root, o->argv_text, TOOL_VERSION);
		}
	}
	if (c.store && !o->no_cache) {
		int kept = 0;

		for (int k = 0; k < norder; k++) {
			if (take_cached(&c, order[k]))
				continue;
			order[kept++] = order[k];
		}
		store_batch_end(c.store);
		norder = kept;
	}

	if (o->list_parsed && !o->print_flags && !(c.parsed_list = fopen(o->list_parsed, "w"))) {
		diag(stderr, o->list_parsed, 0, 0, "error", "cannot write: %s", strerror(errno));
		status = EXIT_PARTIAL;
	}
	if (!o->no_pch && !o->print_flags && norder >= PCH_MIN_FILES) {
		char *cache = cache_dir();

		pch_init(&c.pch, cache);
		free(cache);
		/*
		 * Other arches' files never use the PCH: their -I options (arch/arm/include
		 * first) would leave no common prefix, and so no PCH for any file.
		 */
		{
			const struct flagset **fss = xcalloc(norder + 1, sizeof(*fss));
			int nf = 0;

			for (int k = 0; k < norder; k++)
				if (!other_arch_file(&c, res->inputs.files[order[k]].path,
						     res->inputs.files[order[k]].root)) {
					pch_note_flags(&c.pch, &c.flags[order[k]]);
					fss[nf++] = &c.flags[order[k]];
				}
			pch_plan(&c.pch, fss, nf);
			free(fss);
		}
	}
	progress_init(&c.prog, norder, o->progress && !o->quiet, "parsing");
	{
		struct worker_opts wo = {
			.jobs = o->jobs > 0 ? o->jobs : default_jobs(),
			.timeout = o->timeout,
			.mem_limit_mb = o->mem_limit_mb,
			.parked = &c.parked,
			.park_mode = WORKER_PARK,
			/*
			 * An address-space limit is a file's: a reused child would start
			 * the next parse with the last one's heap already mapped.
			 */
			.reuse = o->mem_limit_mb > 0 ? 1 : reuse_jobs(),
		};

		c.parked.max = park_max();
		worker_run(order, norder, &wo, scan_job, job_done, &c);

		/*
		 * Headers that mention the API but showed no site through the files
		 * parsed above (their includers may not mention it: wrappers): parse
		 * them on their own, unless they define the API.
		 */
		norder = 0;
		for (int i = 0; i < res->inputs.n && !o->print_flags; i++) {
			struct input_file *in = &res->inputs.files[i];
			bool seen = false, def = false;
			const char *rel = path_relative(in->path, c.roots[in->root].path);

			if (!in->header || in->status != IN_CANDIDATE)
				continue;
			for (int g = 0; g < c.ndef_globs; g++)
				if (fnmatch(c.def_globs[g], rel, FNM_PATHNAME) == 0)
					def = true;
			for (int k = 0; k < res->nsites && !seen && !def; k++)
				if (res->sites[k].abspath && !strcmp(res->sites[k].abspath, in->path))
					seen = true;
			if (seen || def)
				continue;
			free(res->files[i].status);
			res->files[i].status = NULL;
			if (!c.cache_keys[i])
				flags_and_key(&c, i);
			res->candidates++;
			res->headers_alone++;
			if (c.store && !o->no_cache && take_cached(&c, i))
				continue;
			order[norder++] = i;
		}
		if (c.store)
			store_batch_end(c.store);
		if (norder) {
			c.prog.total += norder;
			worker_run(order, norder, &wo, scan_job, job_done, &c);
		}
		if (!o->print_flags)
			cross_file_pass(&c, &wo);
		worker_release(&c.parked);
	}
	progress_done(&c.prog);
	pch_fini(&c.pch);
	res->pch_built = c.pch.built;
	res->pch_failed = c.pch.failed;
	res->pch_reduced = c.pch.reduced;
	res->pch_skipped = c.pch.skipped;
	res->pch_why_failed = c.pch.why_failed;
	res->pch_why_reduced = c.pch.why_reduced;
	res->pch_files = c.pch_used;
	res->pch_retried = c.pch_retried;
	if (c.parsed_list && fclose(c.parsed_list) != 0) {
		diag(stderr, o->list_parsed, 0, 0, "error", "cannot write: %s", strerror(errno));
		status = EXIT_PARTIAL;
	}
	sort_and_dedupe(res);
	res->wall = now_seconds() - t0;
	if (res->failed && status == EXIT_OK)
		status = EXIT_PARTIAL;
	if (c.store) {
		store_run_end(c.store, res->run_id, res, status);
		store_close(c.store);
	}

	for (int i = 0; i < res->inputs.n; i++)
		res->files[i].flags = c.flags[i];	/* patch parses a restructured copy with them */
	free(c.flags);
	for (int i = 0; i < res->inputs.n; i++)
		free(c.cache_keys[i]);
	free(c.cache_keys);
	for (int r = 0; r < c.nroots; r++) {
		compdb_close(c.roots[r].compdb);
		if (c.roots[r].kt) {
			kernel_tree_free(c.roots[r].kt);
			free(c.roots[r].kt);
		}
		free(c.roots[r].path);
	}
	free(c.roots);
	free(c.report_roots);
	for (int i = 0; i < c.ndef_globs; i++)
		free((char *)c.def_globs[i]);
	free(c.def_globs);
	xref_table_free(c.xtab);
	xref_defs_free(&c.xdefs);
	free(order);
	free(dbpath);
	return status;
}

void scan_result_free(struct scan_result *res)
{
	for (int i = 0; i < res->nsites; i++)
		free_site(&res->sites[i]);
	free(res->sites);
	for (int i = 0; i < res->inputs.n; i++) {
		free(res->files[i].status);
		free(res->files[i].first_error);
		free(res->files[i].error_text);
		free(res->files[i].flags_origin);
		flagset_free(&res->files[i].flags);
	}
	free(res->files);
	free(res->pch_why_failed);
	free(res->pch_why_reduced);
	tree_free(&res->inputs);
	free(res->root);
	if (res->rules)
		rules_free(res->rules);
	memset(res, 0, sizeof(*res));
}
