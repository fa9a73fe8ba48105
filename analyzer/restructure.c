// SPDX-License-Identifier: GPL-2.0
/*
 * restructure.c - getter/putter helpers made ready for kmap_local_page(), on copies.
 *
 * A directory-page getter that kmap()s a page and returns the page, with callers that
 * find the address again with page_address() and a putter that takes the page alone,
 * cannot become kmap_local_page()/kunmap_local() as it is: page_address() does not see
 * a local mapping, and the putter has no address to hand kunmap_local(). The rules of
 * restructure_rules[] change that shape and nothing the code does (kmap() and kunmap()
 * stay): the getter returns kmap()'s address and hands the page back through a new
 * parameter, the putter takes the address too. They run on copies in the work
 * directory, and the copies that changed are scanned again, so that what converts
 * afterwards is proven on the text that is converted, never on the text before.
 *
 * A copy is kept only when its new proof has a getter/putter pair that converts;
 * otherwise the file stays as the first scan saw it. The copies are parsed with the
 * file's own flags (a compile_commands.json in the work directory), the file's
 * directory added for quoted includes, without the PCH and without the store.
 */
#include <errno.h>
#include <string.h>

#include "patch.h"
#include "restructure.h"

const char *const restructure_rules[] = {
	"kmap-page-getter-to-address.cocci",
	"kmap-putter-takes-address.cocci",
};
const int restructure_nrules = (int)(sizeof(restructure_rules) / sizeof(restructure_rules[0]));

struct cand {
	int input;		/* in res->inputs */
	char *copy;		/* work/re/f<N>/<name> */
	char *real;		/* the copy as the scan names it */
	const char *getter;	/* the function of its first kmap() whose page leaves it */
	const char *display;
	char *text;		/* the original's */
	size_t len;
	char *now;		/* the copy's, after the rules */
};

/*
 * A kmap() whose page or address leaves its function (the prover's "return" evidence)
 * and that does not convert as a getter/putter pair: unproven, or proven with a putter
 * that takes no address. Pages that are never highmem go to the lowmem rule instead.
 */
static bool candidate(const struct site_out *s, const struct restructure_opts *ro)
{
	size_t n = strlen(s->abspath);

	return !strcmp(s->role, "map") && !strcmp(s->api, "kmap") && strcmp(s->verdict, "lowmem") &&
	       s->evidence && strstr(s->evidence, "{\"kind\":\"return\",") && n > 2 &&
	       !strcmp(s->abspath + n - 2, ".c") && !ro->converts_pair(s);
}

static int input_of(const struct scan_result *res, const char *abspath)
{
	for (int i = 0; i < res->inputs.n; i++)
		if (!strcmp(res->inputs.files[i].path, abspath))
			return i;
	return -1;
}

static void json_args(struct strbuf *sb, const struct flagset *fs, const char *dir, const char *file)
{
	sb_add(sb, "\"arguments\": [\"clang\"");
	for (int i = 0; i < fs->argc; i++) {
		sb_add(sb, ", ");
		sb_add_json_string(sb, fs->argv[i]);
	}
	sb_add(sb, ", \"-iquote\", ");
	sb_add_json_string(sb, dir);
	sb_add(sb, ", ");
	sb_add_json_string(sb, file);
	sb_add(sb, "]");
}

/* The compile_commands.json of the changed copies: each with its original's flags. */
static bool write_compdb(const struct scan_result *res, struct cand *cs, int n, const char *re,
			 const char *work)
{
	struct strbuf sb;
	char *path = path_join(re, "compile_commands.json"), *err = NULL;
	bool first = true, ok;

	sb_init(&sb);
	sb_add(&sb, "[\n");
	for (int k = 0; k < n; k++) {
		const struct flagset *fs = &res->files[cs[k].input].flags;
		char *dir;

		if (!cs[k].copy)
			continue;
		dir = xstrdup(res->inputs.files[cs[k].input].path);
		*strrchr(dir, '/') = '\0';
		sb_add(&sb, first ? "  {" : ",\n  {");
		first = false;
		sb_add(&sb, "\"directory\": ");
		sb_add_json_string(&sb, fs->working_dir ? fs->working_dir : work);
		sb_add(&sb, ", \"file\": ");
		sb_add_json_string(&sb, cs[k].copy);
		sb_add(&sb, ", ");
		json_args(&sb, fs, dir, cs[k].copy);
		sb_add(&sb, "}");
		free(dir);
	}
	sb_add(&sb, "\n]\n");
	ok = write_file_atomic(path, sb.buf, sb.len, &err);
	free(err);
	free(path);
	sb_free(&sb);
	return ok;
}

/* Does a line of @old that names @fn( not stand in @now (its signature or a call changed)? */
static bool fn_changed(const char *old, const char *now, const char *fn)
{
	char *want = xasprintf("%s(", fn);
	bool changed = false;

	for (const char *p = old; !changed && (p = strstr(p, want)); p++) {
		const char *b = p, *e = strchr(p, '\n');
		char *line;

		while (b > old && b[-1] != '\n')
			b--;
		line = xstrndup(b, e ? (size_t)(e - b + 1) : strlen(b));
		changed = !strstr(now, line);
		free(line);
	}
	free(want);
	return changed;
}

/* The helpers the rules changed, getters first: "a()", "a() and b()", "a(), b() and c()". */
static char *changed_names(const struct ptrvec *fns)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < fns->n; i++)
		sb_addf(&sb, "%s%s()", !i ? "" : i + 1 == fns->n ? " and " : ", ",
			(const char *)fns->v[i]);
	return sb_detach(&sb);
}

/* Move the sites of copy @k from @res2 to @res under the original's name. */
static void take_sites(struct scan_result *res, struct scan_result *res2, const struct cand *c,
		       bool **superseded)
{
	const char *orig = res->inputs.files[c->input].path;
	const char *display = NULL;
	int n0 = res->nsites;

	for (int i = 0; i < res->nsites; i++)
		if (!strcmp(res->sites[i].abspath, orig)) {
			(*superseded)[i] = true;
			display = res->sites[i].file;
		}
	for (int i = 0; i < res2->nsites; i++) {
		struct site_out *s = &res2->sites[i];

		if (strcmp(s->abspath, c->real))
			continue;
		if (res->nsites == res->capsites) {
			res->capsites = res->capsites ? 2 * res->capsites : 64;
			res->sites = xrealloc(res->sites, res->capsites * sizeof(*res->sites));
		}
		res->sites[res->nsites] = *s;
		memset(s, 0, sizeof(*s));
		s->file = xstrdup("");
		s->abspath = xstrdup("");
		free(res->sites[res->nsites].file);
		free(res->sites[res->nsites].abspath);
		res->sites[res->nsites].file = xstrdup(display ? display : orig);
		res->sites[res->nsites].abspath = xstrdup(orig);
		res->sites[res->nsites].input = c->input;
		res->nsites++;
	}
	*superseded = xrealloc(*superseded, (res->nsites + 1) * sizeof(bool));
	for (int i = n0; i < res->nsites; i++)
		(*superseded)[i] = false;
}

int restructure(struct scan_result *res, const struct restructure_opts *ro,
		struct restructured **out, bool **superseded)
{
	char *re = path_join(ro->work, "re"), *jobs = xasprintf("%d", ro->jobs > 0 ? ro->jobs : 2);
	struct cand *cs = NULL;
	int n = 0, nchanged = 0, nout = 0;

	*out = NULL;
	*superseded = xcalloc(res->nsites + 1, sizeof(bool));
	for (int i = 0; i < res->nsites; i++) {
		const struct site_out *s = &res->sites[i];
		int in = candidate(s, ro) ? input_of(res, s->abspath) : -1;
		bool dup = false;

		if (in < 0 || !res->files[in].flags.argc)
			continue;
		for (int k = 0; k < n; k++)
			dup |= cs[k].input == in;
		if (dup)
			continue;
		cs = xrealloc(cs, (n + 1) * sizeof(*cs));
		memset(&cs[n], 0, sizeof(cs[n]));
		cs[n].getter = s->function;
		cs[n].display = s->file;
		cs[n++].input = in;
	}
	if (!n)
		goto out;
	mkdir_p(re);
	for (int k = 0; k < n; k++) {
		const struct input_file *f = &res->inputs.files[cs[k].input];
		const char *base = strrchr(f->path, '/') ? strrchr(f->path, '/') + 1 : f->path;
		char *d = xasprintf("%s/f%d", re, k), *err = NULL;

		mkdir_p(d);
		cs[k].text = read_file(f->path, &cs[k].len, &err);
		/* a file changed since the scan is left to make_copies() to name */
		if (cs[k].text && (!f->content_hash ||
				   hash64(cs[k].text, cs[k].len, HASH64_SEED) == f->content_hash)) {
			cs[k].copy = path_join(d, base);
			if (!write_file_atomic(cs[k].copy, cs[k].text, cs[k].len, &err)) {
				free(cs[k].copy);
				cs[k].copy = NULL;
			}
		}
		free(err);
		free(d);
	}
	for (int r = 0; r < restructure_nrules; r++) {
		char *rule = path_join(ro->cocci_dir, restructure_rules[r]);
		char *errlog = xasprintf("%s/restructure-%d.err", ro->work, r);
		char *argv[] = { "spatch", "--sp-file", rule, "--very-quiet", "--in-place",
				 "--no-show-diff", "-j", jobs, "--dir", re, NULL };
		int st = patch_spawn(argv, ro->work, NULL, NULL, errlog);

		if (st > 1 && !ro->quiet)
			diag(stderr, NULL, 0, 0, "note", "spatch failed on %s (exit status %d): no "
			     "helpers restructured", restructure_rules[r], st);
		free(rule);
		free(errlog);
		if (st > 1)
			goto out;
	}
	for (int k = 0; k < n; k++) {
		size_t len = 0;
		char *err = NULL, *now = cs[k].copy ? read_file(cs[k].copy, &len, &err) : NULL;

		if (now && (len != cs[k].len || memcmp(now, cs[k].text, len))) {
			cs[k].real = path_real(cs[k].copy);
			nchanged += cs[k].real != NULL;
		}
		if (!cs[k].real) {
			free(cs[k].copy);
			cs[k].copy = NULL;
			free(now);
		} else {
			cs[k].now = now;
		}
		free(err);
	}
	if (!nchanged || !write_compdb(res, cs, n, re, ro->work))
		goto out;
	{
		struct scan_opts o;
		struct scan_result res2;
		const char **paths = xcalloc(nchanged + 1, sizeof(char *));
		int np = 0;

		for (int k = 0; k < n; k++)
			if (cs[k].copy)
				paths[np++] = cs[k].copy;
		scan_opts_init(&o);
		o.paths = paths;
		o.npaths = np;
		o.compdb_dir = re;
		o.jobs = ro->jobs;
		o.db_path = "";
		o.quiet = true;
		o.progress = false;
		o.no_cache = true;
		o.no_pch = true;
		o.format = FMT_NONE;
		o.out = NULL;
		o.rule_dirs = ro->rule_dirs;
		o.nrule_dirs = ro->nrule_dirs;
		memset(&res2, 0, sizeof(res2));
		scan_run(&o, &res2);
		for (int k = 0; k < n; k++) {
			struct ptrvec fns = { 0 }, putters = { 0 };
			const struct site_out *getter = NULL;
			bool pair = false;

			if (!cs[k].copy)
				continue;
			for (int i = 0; i < res2.nsites; i++) {
				const struct site_out *s = &res2.sites[i];

				if (strcmp(s->abspath, cs[k].real))
					continue;
				if (ro->converts_pair(s)) {
					struct ptrvec *v = strcmp(s->role, "map") ? &putters : &fns;
					bool seen = false;

					pair = true;
					for (int j = 0; j < v->n; j++)
						seen |= !strcmp(v->v[j], s->function);
					if (!seen && fn_changed(cs[k].text, cs[k].now, s->function))
						pv_push(v, s->function);
				}
				if (!getter && !strcmp(s->role, "map") && !strcmp(s->api, "kmap") &&
				    !strcmp(s->function, cs[k].getter))
					getter = s;
			}
			for (int j = 0; j < putters.n; j++)
				pv_push(&fns, putters.v[j]);
			if (pair && fns.n) {
				char *what = changed_names(&fns);

				take_sites(res, &res2, &cs[k], superseded);
				*out = xrealloc(*out, (nout + 1) * sizeof(**out));
				(*out)[nout].abspath = xstrdup(res->inputs.files[cs[k].input].path);
				(*out)[nout].base = xstrdup(cs[k].copy);
				(*out)[nout].what = what;
				nout++;
			} else if (!pair && !ro->quiet) {
				diag(stderr, cs[k].display, 0, 0, "note", "%s and %s changed its "
				     "getter/putter helpers, but the new proof has no pair that converts "
				     "(%s()'s kmap() in the changed text: %s%s%s): the file is left as it was",
				     restructure_rules[0], restructure_rules[1], cs[k].getter,
				     getter ? getter->verdict : "not found", getter ? ": " : "",
				     getter ? getter->reason : "");
			}
			pv_free(&fns);
			pv_free(&putters);
		}
		scan_result_free(&res2);
		free(paths);
	}
out:
	for (int k = 0; k < n; k++) {
		free(cs[k].copy);
		free(cs[k].real);
		free(cs[k].text);
		free(cs[k].now);
	}
	free(cs);
	free(re);
	free(jobs);
	return nout;
}

void restructured_free(struct restructured *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].abspath);
		free(r[i].base);
		free(r[i].what);
	}
	free(r);
}
