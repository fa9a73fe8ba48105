// SPDX-License-Identifier: GPL-2.0
/*
 * check.c - `kmapcheck check`: a CHECK program for kbuild, in sparse's place.
 *
 * kbuild runs `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c` from the output
 * directory for each compiled file (make C=1 or C=2). This takes exactly that,
 * drops the options only sparse understands, and prints sparse-style lines for
 * the mapping sites of that one file. A file that names no mapping API is
 * never parsed: a byte scan decides, so a kernel build pays almost nothing.
 * It does not stop the build: problems are reported and the status stays 0.
 */
#include <stdlib.h>
#include <string.h>

#include "gate.h"
#include "scan.h"
#include "tree.h"

/* Options that take the next argument as their value (so it is not the file). */
static const char *const with_value[] = {
	"-I", "-include", "-imacros", "-isystem", "-iquote", "-idirafter", "-iprefix",
	"-iwithprefix", "-iwithprefixbefore", "-isysroot", "--sysroot", "-D", "-U", "-o", "-MF",
	"-MT", "-MQ", "-x", "-Xclang", "-Xpreprocessor", "-target", "--param", "-aux-info",
	"-include-pch", "-gcc-base-dir", "-multiarch-dir",
};

/* sparse's own options (and CHECKFLAGS' defines) that clang rejects or that would mislead it. */
static bool sparse_only(const char *a)
{
	static const char *const prefixes[] = {
		"--arch=", "--os=", "-fmemcpy-max-count=", "-fdiagnostic-prefix", "-fdump-",
		"-fmax-warnings=", "-fmax-errors=", "-msize-", "-mlittle-endian", "-mbig-endian",
		"-Wsparse",
	};
	/*
	 * __CHECKER__ turns on sparse's address-space attributes (__user and
	 * friends), which clang cannot parse; __STDC__ is clang's own.
	 */
	static const char *const defines[] = {
		"-D__CHECKER__", "-D__CHECK_ENDIAN__", "-D__STDC__", "-D__STDC__=1",
	};

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(a, prefixes[i], strlen(prefixes[i])))
			return true;
	for (size_t i = 0; i < ARRAY_SIZE(defines); i++)
		if (!strcmp(a, defines[i]))
			return true;
	return !strcmp(a, "-v") || !strcmp(a, "-gcc-base-dir") || !strcmp(a, "-multiarch-dir");
}

static bool takes_value(const char *a)
{
	for (size_t i = 0; i < ARRAY_SIZE(with_value); i++)
		if (!strcmp(a, with_value[i]))
			return true;
	return false;
}

static bool verdict_is_bad(const char *v)
{
	return v && (!strcmp(v, "order") || !strcmp(v, "unbalanced") || !strcmp(v, "cross-thread"));
}

int check_run(int argc, char **argv)
{
	struct ptrvec flags = { 0 };
	const char *file = NULL;
	int file_idx = -1, warnings = 0;
	bool sparse_error = false;
	char *text, *err = NULL, *real;
	size_t len;
	struct rules *rules;
	bool mentions;

	/* The file: the last argument that is neither an option nor an option's value. */
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (takes_value(a)) {
			i++;
			continue;
		}
		if (a[0] != '-' || !a[1]) {
			file = a;
			file_idx = i;
		}
	}
	if (!file) {
		fprintf(stderr, "%s check: no source file among the arguments (kbuild runs "
			"`$(CHECK) $(CHECKFLAGS) $(c_flags) FILE.c`; see kmapcheck --help)\n", progname);
		return EXIT_USAGE;
	}
	text = read_file(file, &len, &err);
	if (!text) {
		diag(stderr, file, 0, 0, "error", "cannot read: %s", err);
		free(err);
		return EXIT_USAGE;
	}
	rules = load_rules(NULL, 0);
	mentions = tree_mentions(text, len, rules_family_names(rules));
	free(text);
	if (!mentions) {
		rules_free(rules);
		return EXIT_OK;
	}

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (i == file_idx)
			continue;
		if (!strcmp(a, "-Wsparse-error"))
			sparse_error = true;
		if (sparse_only(a)) {
			if ((!strcmp(a, "-gcc-base-dir") || !strcmp(a, "-multiarch-dir")) && i + 1 < argc)
				i++;
			continue;
		}
		pv_push(&flags, (void *)a);
		if (takes_value(a) && i + 1 < argc)
			pv_push(&flags, argv[++i]);
	}
	{
		struct scan_opts so;
		struct scan_result res;
		const char *paths[1] = { file };

		scan_opts_init(&so);
		so.paths = paths;
		so.npaths = 1;
		so.flags = (const char *const *)flags.v;
		so.nflags = flags.n;
		so.have_flags = true;
		so.jobs = 1;
		so.format = FMT_NONE;
		so.db_path = "";
		so.quiet = true;
		so.progress = false;
		so.no_cache = true;
		scan_run(&so, &res);
		real = path_real(file);
		for (int i = 0; i < res.nsites; i++) {
			const struct site_out *s = &res.sites[i];
			bool dep = api_is_deprecated(s->api) && !strcmp(s->role, "map");
			char via[160] = "";

			if (!real || !s->abspath || strcmp(s->abspath, real) || !strcmp(s->role, "unmap"))
				continue;
			if (s->macro && strcmp(s->macro, s->api))
				snprintf(via, sizeof(via), " (via macro %s)", s->macro);
			if (dep) {
				char *sugg = gate_suggestion(s);

				diag(stderr, file, s->line, s->col, "warning",
				     "%s() is deprecated%s; verdict %s: %s", s->api, via, s->verdict, sugg);
				free(sugg);
				warnings++;
			} else if (verdict_is_bad(s->verdict)) {
				diag(stderr, file, s->line, s->col, "warning", "%s()%s verdict %s: %s", s->api,
				     via, s->verdict, s->reason);
				warnings++;
			}
		}
		for (int i = 0; i < res.inputs.n; i++) {
			const struct file_out *fo = &res.files[i];

			if (fo->status && !strcmp(fo->status, "parse-errors") && fo->errors_in_site_funcs)
				diag(stderr, file, 0, 0, "warning",
				     "kmapcheck: %d parse error%s inside functions with mapping calls, "
				     "verdicts there may be unknown (first: %s)", fo->errors,
				     fo->errors == 1 ? "" : "s", fo->first_error ? fo->first_error : "?");
		}
		free(real);
		scan_result_free(&res);
	}
	pv_free(&flags);
	rules_free(rules);
	return sparse_error && warnings ? 1 : EXIT_OK;
}
