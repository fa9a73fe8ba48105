// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - the kmapcheck program: a thin command line over the analyzer library.
 *
 * Each subcommand parses its options and calls into scan.c (and friends); no
 * analysis happens here.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cx_parse.h"
#include "gate.h"
#include "patch.h"
#include "prove.h"
#include "scan.h"
#include "store.h"

static const char usage_text[] =
"usage: kmapcheck <command> [options] PATH... [-- COMPILER-FLAGS]\n"
"\n"
"Finds the kernel's kmap()/kmap_atomic() call sites (and the whole mapping family),\n"
"proves for each whether it can become kmap_local_page(), and says why.\n"
"\n"
"commands:\n"
"  scan PATH...        report every mapping call site with its verdict\n"
"  patch PATH... --out DIR [--validate] [--apply]\n"
"                      convert the proven sites with semantic-patches/ (spatch), getter/\n"
"                      putter helpers restructured first where that makes a proven pair:\n"
"                      DIR gets kmapcheck.diff, diffs/, a patch series/, summary.txt,\n"
"                      sites.jsonl and restructured/; --validate\n"
"                      compiles each file before and after (i386 allmodconfig, then PAE\n"
"                      and its Makefile's symbols for what that does not build; another\n"
"                      arch's files for that arch with clang; or gcc with the flags\n"
"                      after --) with sparse, drops what breaks (validate.txt);\n"
"                      --apply also changes the tree, only if every file is as analysed\n"
"  gate [--base REV | --patch FILE|-] [TREE] [-- FLAGS]\n"
"                      report the kmap()/kmap_atomic() calls a change adds, with the\n"
"                      verdict and what to use instead (see \"gate\" below)\n"
"  check FLAGS... FILE.c\n"
"                      kbuild's CHECK program: make C=1 CHECK=\"kmapcheck check\"\n"
"  explain FILE:LINE   print the whole proof for the site(s) on that line\n"
"  report              what is left, by directory and verdict, from the last run in the database\n"
"  flags PATH...       print the compiler flags each file would be parsed with\n"
"  dump-ir FILE        print the IR of every function of FILE (debugging)\n"
"  version             print the versions of kmapcheck and libclang\n"
"\n"
"PATH is a kernel tree root, a directory, or C files. Flags come from a\n"
"compile_commands.json when there is one, from kbuild for a kernel tree (configured\n"
"for i386 with HIGHMEM in a cache directory, never in the tree), or from the flags\n"
"after `--`.\n"
"\n"
"scan options:\n"
"  -j, --jobs N        parse N files at once (default: the number of cores)\n"
"  --format FMT        text (gcc-style lines, default), json (JSON Lines), sarif,\n"
"                      or sites (where each call is, no verdicts)\n"
"  --db FILE           record the run in this SQLite database\n"
"                      (default: $KMAPCHECK_CACHE or ~/.cache/kmapcheck/kmapcheck.db)\n"
"  --no-db             do not record the run\n"
"  --no-cache          parse every file again even when the database has its result\n"
"  --no-pch            parse every file from its own text, without the shared\n"
"                      precompiled <linux/highmem.h> and common headers of a\n"
"                      kernel tree (a scan of fewer than 3 files builds none)\n"
"  -q, --quiet         no progress bar, no summary, only errors\n"
"  --timeout SEC       give up on a file after SEC seconds (default 300)\n"
"  --mem-limit MB      address-space limit per file parsed (default none; a worker\n"
"                      then parses one file, not several one after another)\n"
"  --rules DIR         read more rules from DIR (may be repeated)\n"
"  --config TARGET     kernel configuration for a tree (default allmodconfig)\n"
"  --build-dir DIR     kernel build directory (O=) to configure and use\n"
"  -p DIR              look for compile_commands.json in DIR\n"
"  --shard K/N         analyse only the K-th of N shares of the files\n"
"  --list-parsed FILE  write each file this run parsed, once, with its flags, one a\n"
"                      line as `flags` prints them (the headers parsed on their own and\n"
"                      the other files the cross-file pass read included)\n"
"\n"
"gate: compares the work tree of the git checkout TREE (default .) with REV: by\n"
"  default HEAD when tracked files have uncommitted changes (a pre-commit hook), else\n"
"  HEAD~1 (the last commit; CI passes --base with the merge base). --patch reads a\n"
"  unified diff (\"-\": stdin), applies it to a temporary copy of the files it touches\n"
"  and compares; TREE need not be a git checkout. Only touched C files that mention a\n"
"  mapping API are parsed, before and after, with the flags they have in the tree. A\n"
"  call is new when its key (function, API, the tokens of its line) is not in the\n"
"  version before: moved or re-indented code is not new. The tree is never written.\n"
"  --format text (default), json (JSON Lines) or sarif (SARIF 2.1.0).\n"
"  exit status: 0 nothing new, 1 the change adds deprecated calls, 2 the gate could\n"
"  not run (not a git tree, bad revision, patch does not apply, a touched file that\n"
"  does not parse: each named on stderr).\n"
"\n"
"check: takes what kbuild passes to sparse ($(CHECKFLAGS) $(c_flags) FILE.c), drops\n"
"  sparse's own options, prints sparse-style warnings for the deprecated calls (with\n"
"  the verdict) and the bad verdicts of FILE.c; parses nothing when FILE.c names no\n"
"  mapping API. Exits 0 (1 with -Wsparse-error and a warning), 2 without a FILE.\n"
"\n"
"exit status:\n"
"  0  every file was analysed\n"
"  1  (gate) the change adds deprecated calls\n"
"  2  bad command line, or the run could not start\n"
"  3  some files could not be analysed (each is named on stderr)\n";

static void usage(FILE *out)
{
	fputs(usage_text, out);
}

static bool is_opt(const char *a, const char *s, const char *l)
{
	return (s && !strcmp(a, s)) || (l && !strcmp(a, l));
}

/* Parse the options shared by scan-like commands; returns false on a usage error. */
static bool parse_scan_opts(int argc, char **argv, struct scan_opts *o, struct ptrvec *paths,
			    struct ptrvec *rules)
{
	scan_opts_init(o);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--")) {
			o->flags = (const char *const *)argv + i + 1;
			o->nflags = argc - i - 1;
			o->have_flags = true;
			break;
		}
		if (is_opt(a, "-j", "--jobs") && val) {
			o->jobs = atoi(val);
			i++;
		} else if (!strncmp(a, "-j", 2) && a[2]) {
			o->jobs = atoi(a + 2);
		} else if (is_opt(a, NULL, "--format") && val) {
			if (!strcmp(val, "text"))
				o->format = FMT_TEXT;
			else if (!strcmp(val, "json"))
				o->format = FMT_JSON;
			else if (!strcmp(val, "sarif"))
				o->format = FMT_SARIF;
			else if (!strcmp(val, "sites"))
				o->format = FMT_SITES;
			else {
				fprintf(stderr, "%s: unknown format '%s' (text, json, sarif or sites)\n", progname, val);
				return false;
			}
			i++;
		} else if (!strncmp(a, "--format=", 9)) {
			char *v[2] = { "--format", (char *)a + 9 };
			struct scan_opts tmp = *o;

			if (!parse_scan_opts(2, v, &tmp, paths, rules))
				return false;
			o->format = tmp.format;
		} else if (is_opt(a, NULL, "--db") && val) {
			o->db_path = val;
			i++;
		} else if (is_opt(a, NULL, "--list-parsed") && val) {
			o->list_parsed = val;
			i++;
		} else if (is_opt(a, NULL, "--no-db")) {
			o->db_path = "";
		} else if (is_opt(a, NULL, "--no-cache")) {
			o->no_cache = true;
		} else if (is_opt(a, NULL, "--no-pch")) {
			o->no_pch = true;
		} else if (is_opt(a, "-q", "--quiet")) {
			o->quiet = true;
		} else if (is_opt(a, NULL, "--no-progress")) {
			o->progress = false;
		} else if (is_opt(a, NULL, "--timeout") && val) {
			o->timeout = atof(val);
			i++;
		} else if (is_opt(a, NULL, "--mem-limit") && val) {
			o->mem_limit_mb = atol(val);
			i++;
		} else if (is_opt(a, NULL, "--rules") && val) {
			pv_push(rules, (void *)val);
			i++;
		} else if (is_opt(a, NULL, "--config") && val) {
			o->config = val;
			i++;
		} else if (is_opt(a, NULL, "--build-dir") && val) {
			o->build_dir = val;
			i++;
		} else if (is_opt(a, "-p", NULL) && val) {
			o->compdb_dir = val;
			i++;
		} else if (is_opt(a, NULL, "--shard") && val) {
			if (sscanf(val, "%d/%d", &o->shard_k, &o->shard_n) != 2 || o->shard_k < 1 ||
			    o->shard_k > o->shard_n) {
				fprintf(stderr, "%s: --shard wants K/N with 1 <= K <= N\n", progname);
				return false;
			}
			i++;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "%s: unknown option '%s' (see kmapcheck --help)\n", progname, a);
			return false;
		} else {
			pv_push(paths, (void *)a);
		}
	}
	o->paths = (const char *const *)paths->v;
	o->npaths = paths->n;
	o->rule_dirs = (const char *const *)rules->v;
	o->nrule_dirs = rules->n;
	return true;
}

static char *join_argv(int argc, char **argv)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 0; i < argc; i++)
		sb_addf(&sb, "%s%s", i ? " " : "", argv[i]);
	return sb_detach(&sb);
}

static int cmd_scan(int argc, char **argv, char *cmdline)
{
	struct scan_opts o;
	struct scan_result res;
	struct ptrvec paths = { 0 }, rules = { 0 };
	int status;

	if (!parse_scan_opts(argc, argv, &o, &paths, &rules))
		return EXIT_USAGE;
	if (!o.npaths) {
		fprintf(stderr, "%s: scan: no PATH given (see kmapcheck --help)\n", progname);
		return EXIT_USAGE;
	}
	o.argv_text = cmdline;
	status = scan_run(&o, &res);
	emit_sites(stdout, o.format, &res);
	if (!o.quiet)
		emit_summary(stderr, &res);
	scan_result_free(&res);
	pv_free(&paths);
	pv_free(&rules);
	return status;
}

static int cmd_patch(int argc, char **argv, char *cmdline)
{
	struct scan_opts o;
	struct scan_result res;
	struct patch_opts po = { 0 };
	struct ptrvec paths = { 0 }, rules = { 0 };
	char **rest = xcalloc(argc + 1, sizeof(char *));
	int n = 0, status, pstatus;

	/* --out DIR and --apply are patch's own; the rest are scan options. */
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				rest[n++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], "--out") && i + 1 < argc)
			po.out = argv[++i];
		else if (!strcmp(argv[i], "--apply"))
			po.apply = true;
		else if (!strcmp(argv[i], "--validate"))
			po.validate = true;
		else
			rest[n++] = argv[i];
	}
	if (!po.out) {
		fprintf(stderr, "%s: patch: --out DIR is required\n", progname);
		free(rest);
		return EXIT_USAGE;
	}
	if (!parse_scan_opts(n, rest, &o, &paths, &rules)) {
		free(rest);
		return EXIT_USAGE;
	}
	if (!o.npaths) {
		fprintf(stderr, "%s: patch: no PATH given\n", progname);
		free(rest);
		return EXIT_USAGE;
	}
	o.argv_text = cmdline;
	po.quiet = o.quiet;
	po.jobs = o.jobs;
	po.config = o.config;
	po.flags = o.flags;
	po.nflags = o.nflags;
	po.rule_dirs = o.rule_dirs;
	po.nrule_dirs = o.nrule_dirs;
	/* Output directory and spatch first: no scan for a run that cannot finish. */
	pstatus = patch_preflight(&po);
	if (pstatus != EXIT_OK) {
		pv_free(&paths);
		pv_free(&rules);
		free(rest);
		return pstatus;
	}
	status = scan_run(&o, &res);
	if (!o.quiet)
		emit_summary(stderr, &res);
	pstatus = patch_run(&po, &res);
	scan_result_free(&res);
	pv_free(&paths);
	pv_free(&rules);
	free(rest);
	return pstatus != EXIT_OK ? pstatus : status;
}

static int cmd_explain(int argc, char **argv, char *cmdline)
{
	struct scan_opts o;
	struct scan_result res;
	struct ptrvec paths = { 0 }, rules = { 0 };
	char *file, *colon;
	int line, status, shown = 0;

	if (!parse_scan_opts(argc, argv, &o, &paths, &rules))
		return EXIT_USAGE;
	if (o.npaths != 1 || !(colon = strrchr(o.paths[0], ':'))) {
		fprintf(stderr, "%s: explain wants FILE:LINE\n", progname);
		return EXIT_USAGE;
	}
	file = xstrndup(o.paths[0], colon - o.paths[0]);
	line = atoi(colon + 1);
	o.paths = (const char *const *)&file;
	o.quiet = true;
	o.argv_text = cmdline;
	status = scan_run(&o, &res);
	for (int i = 0; i < res.nsites; i++) {
		const struct site_out *s = &res.sites[i];

		if (s->line != line || strcmp(s->abspath, res.inputs.n ? res.inputs.files[0].path : ""))
			continue;
		emit_site_text(stdout, s);
		printf("  function: %s\n  api: %s (%s)\n", s->function, s->api, s->role);
		if (s->macro)
			printf("  written through macro: %s\n", s->macro);
		printf("  verdict: %s\n  reason: %s\n", s->verdict, s->reason);
		if (s->paths >= PATHS_CAP)
			printf("  paths checked: %s\n", PATHS_CAP_TEXT);
		else
			printf("  paths checked: %d\n", s->paths);
		if (s->partner_line)
			printf("  releases the mapping of line %d\n", s->partner_line);
		printf("  evidence: %s\n", s->evidence);
		if (s->proof && *s->proof)
			printf("  proof:\n%s%s", s->proof, s->proof[strlen(s->proof) - 1] == '\n' ? "" : "\n");
		shown++;
	}
	if (!shown && status != EXIT_USAGE) {
		fprintf(stderr, "%s: explain: no mapping call at %s:%d\n", progname, file, line);
		status = EXIT_USAGE;
	}
	scan_result_free(&res);
	free(file);
	pv_free(&paths);
	pv_free(&rules);
	return status;
}

static int cmd_gate(int argc, char **argv, char *cmdline)
{
	struct scan_opts o;
	struct gate_opts go = { 0 };
	struct ptrvec paths = { 0 }, rules = { 0 };
	char **rest = xcalloc(argc + 1, sizeof(char *));
	int n = 0, status;

	/* --base and --patch are the gate's own; the rest are scan options. */
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				rest[n++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], "--base") && i + 1 < argc)
			go.base = argv[++i];
		else if (!strcmp(argv[i], "--patch") && i + 1 < argc)
			go.patch = argv[++i];
		else
			rest[n++] = argv[i];
	}
	status = EXIT_USAGE;
	if (!parse_scan_opts(n, rest, &o, &paths, &rules))
		goto out;
	if (go.base && go.patch) {
		fprintf(stderr, "%s: gate: --base and --patch do not go together\n", progname);
		goto out;
	}
	if (o.npaths > 1) {
		fprintf(stderr, "%s: gate: one TREE at most (see kmapcheck --help)\n", progname);
		goto out;
	}
	go.tree = o.npaths ? o.paths[0] : NULL;
	o.argv_text = cmdline;
	go.scan = &o;
	status = gate_run(&go);
out:
	pv_free(&paths);
	pv_free(&rules);
	free(rest);
	return status;
}

static int cmd_dump_ir(int argc, char **argv)
{
	struct cx_parse_opts po = { 0 };
	struct cx_parse_result pr;
	struct rules *r;
	char *file;
	int dd = argc;

	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			dd = i;
			break;
		}
	if (dd < 1) {
		fprintf(stderr, "%s: dump-ir wants FILE [-- FLAGS]\n", progname);
		return EXIT_USAGE;
	}
	file = path_real(argv[0]);
	if (!file) {
		fprintf(stderr, "%s: %s: no such file\n", progname, argv[0]);
		return EXIT_USAGE;
	}
	r = load_rules(NULL, 0);
	po.file = file;
	po.args = (const char *const *)argv + dd + 1;
	po.nargs = dd < argc ? argc - dd - 1 : 0;
	po.rules = r;
	if (!cx_parse_file(&po, &pr)) {
		fprintf(stderr, "%s: %s: %s\n", progname, file, pr.first_error);
		return EXIT_PARTIAL;
	}
	if (pr.error_text.buf)
		fputs(pr.error_text.buf, stderr);
	for (int i = 0; i < pr.tu->nfuncs; i++) {
		struct ir_func *fn = pr.tu->funcs[i];

		printf("function %s%s @%d (%d nodes%s)\n", fn->name, fn->is_static ? " static" : "",
		       fn->loc.line, fn->nnodes, fn->has_errors ? ", parse errors" : "");
		ir_dump(fn->body, 1, stdout);
	}
	for (int i = 0; i < pr.tu->nsites; i++)
		printf("site %s %s:%d:%d in %s\n", pr.tu->sites[i].api,
		       pr.tu->files[pr.tu->sites[i].call->loc.file], pr.tu->sites[i].call->loc.line,
		       pr.tu->sites[i].call->loc.col, pr.tu->sites[i].func->name);
	cx_parse_release(&pr);
	rules_free(r);
	free(file);
	return EXIT_OK;
}

static int cmd_report(int argc, char **argv)
{
	const char *db = NULL;
	char *path, *err = NULL;
	struct store *st;
	int status;

	for (int i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			db = argv[++i];
	path = db ? xstrdup(db) : store_default_path();
	if (!path_is_file(path)) {
		fprintf(stderr, "%s: report: no database at %s (run kmapcheck scan first)\n", progname, path);
		free(path);
		return EXIT_USAGE;
	}
	st = store_open(path, &err);
	if (!st) {
		fprintf(stderr, "%s: report: %s\n", progname, err);
		free(path);
		return EXIT_USAGE;
	}
	status = store_report(st, stdout);
	store_close(st);
	free(path);
	return status;
}

int main(int argc, char **argv)
{
	const char *cmd;
	char *cmdline;
	int status;

	if (argc < 2 || is_opt(argv[1], "-h", "--help") || !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	cmd = argv[1];
	cmdline = join_argv(argc, argv);
	if (!strcmp(cmd, "scan")) {
		status = cmd_scan(argc - 2, argv + 2, cmdline);
	} else if (!strcmp(cmd, "patch")) {
		status = cmd_patch(argc - 2, argv + 2, cmdline);
	} else if (!strcmp(cmd, "explain")) {
		status = cmd_explain(argc - 2, argv + 2, cmdline);
	} else if (!strcmp(cmd, "gate")) {
		status = cmd_gate(argc - 2, argv + 2, cmdline);
	} else if (!strcmp(cmd, "check")) {
		status = check_run(argc - 2, argv + 2);
	} else if (!strcmp(cmd, "dump-ir")) {
		status = cmd_dump_ir(argc - 2, argv + 2);
	} else if (!strcmp(cmd, "flags")) {
		struct scan_opts o;
		struct scan_result res;
		struct ptrvec paths = { 0 }, rules = { 0 };

		if (!parse_scan_opts(argc - 2, argv + 2, &o, &paths, &rules)) {
			status = EXIT_USAGE;
		} else {
			o.print_flags = true;
			o.quiet = true;
			status = scan_run(&o, &res);
			scan_result_free(&res);
		}
		pv_free(&paths);
		pv_free(&rules);
	} else if (!strcmp(cmd, "report")) {
		status = cmd_report(argc - 2, argv + 2);
	} else if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		char *v = cx_version();

		printf("kmapcheck 0.1 (%s)\n", v);
		free(v);
		status = EXIT_OK;
	} else {
		fprintf(stderr, "%s: unknown command '%s' (see kmapcheck --help)\n", progname, cmd);
		status = EXIT_USAGE;
	}
	free(cmdline);
	return status;
}
