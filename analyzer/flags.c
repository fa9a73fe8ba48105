// SPDX-License-Identifier: GPL-2.0
/*
 * flags.c - kbuild's flags for a kernel tree, and flag hygiene for libclang.
 *
 * A kernel tree is configured for i386 with HIGHMEM in a build directory of the
 * cache (`make ARCH=i386 CC=clang-19 O=DIR allmodconfig prepare`): the user's tree
 * is only read. The flags are the ones kbuild itself wrote for asm-offsets during
 * prepare, plus the per-directory part kbuild adds for each object. The code of
 * another arch (arch/arm/mm/...) gets the flags of the same configuration for its
 * own ARCH, made the same way (with LLVM=-19) when a scan first meets such a file.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "flags.h"

void flagset_free(struct flagset *fs)
{
	for (int i = 0; i < fs->argc; i++)
		free(fs->argv[i]);
	free(fs->argv);
	free(fs->working_dir);
	free(fs->origin);
	memset(fs, 0, sizeof(*fs));
}

void flagset_add(struct flagset *fs, const char *arg)
{
	fs->argv = xrealloc(fs->argv, (fs->argc + 2) * sizeof(char *));
	fs->argv[fs->argc++] = xstrdup(arg);
	fs->argv[fs->argc] = NULL;
}

uint64_t flagset_hash(const struct flagset *fs)
{
	uint64_t h = HASH64_SEED;

	for (int i = 0; i < fs->argc; i++)
		h = hash64(fs->argv[i], strlen(fs->argv[i]) + 1, h);
	if (fs->working_dir)
		h = hash64(fs->working_dir, strlen(fs->working_dir), h);
	return h;
}

/* gcc options clang does not know; kbuild and compile_commands.json from gcc builds have them. */
static const char *const gcc_only[] = {
	"-fconserve-stack", "-fno-allow-store-data-races", "-mindirect-branch-register",
	"-fno-var-tracking-assignments", "-mrecord-mcount", "-fno-ipa-sra", "-fno-ipa-cp-clone",
	"-fno-partial-inlining", "-fmin-function-alignment", "-fsched-pressure",
	"-mno-fp-ret-in-387", "-mskip-rax-setup", "-fno-tree-loop-im", "-fno-code-hoisting",
	"-fcf-protection=branch", "-mharden-sls=all", "-fplugin", "-fno-gcse", "-fdiagnostics-show-context",
	"-mpreferred-stack-boundary", "-mindirect-branch", "-mfunction-return", "-falign-jumps",
	"-falign-loops", "-fpatchable-function-entry", "-fzero-init-padding-bits",
	"-fstrict-flex-arrays", "-fno-jump-tables", "-mno-red-zone", "-fstack-usage",
	"-fno-stack-clash-protection", "-fprofile", "-fsanitize", "-fno-sanitize", "-pg", "-mfentry",
	"-ftrivial-auto-var-init", "-fzero-call-used-regs", "-frandomize-layout-seed-file",
	"-mretpoline-external-thunk", "-mindirect-branch-cs-prefix",
};

static bool starts_with(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

void flags_sanitize(struct flagset *fs, const char *file)
{
	int out = 0;
	bool have_w = false;

	for (int i = 0; i < fs->argc; i++) {
		char *a = fs->argv[i];
		bool drop = false;

		if (!strcmp(a, "-o") || !strcmp(a, "-MF") || !strcmp(a, "-MT") || !strcmp(a, "-MQ")) {
			free(a);
			if (i + 1 < fs->argc)
				free(fs->argv[++i]);
			continue;
		}
		if (!strcmp(a, "-c") || !strcmp(a, "-S") || !strcmp(a, "-E") || !strcmp(a, "-MD") ||
		    !strcmp(a, "-MMD") || !strcmp(a, "-MP") || starts_with(a, "-Wp,") ||
		    starts_with(a, "-W") || starts_with(a, "-fdiagnostics-") || !strcmp(a, "--") ||
		    !strcmp(a, "-Qunused-arguments") || !strcmp(a, "-pipe") || starts_with(a, "-g"))
			drop = true;
		if (!drop && !strcmp(a, "-w"))
			have_w = true;
		for (size_t g = 0; !drop && g < ARRAY_SIZE(gcc_only); g++)
			if (starts_with(a, gcc_only[g]))
				drop = true;
		if (!drop && file) {
			/* the source file itself */
			const char *base = strrchr(file, '/');

			if (!strcmp(a, file) || (base && a[0] != '-' && !strcmp(a, base + 1)))
				drop = true;
			else if (a[0] != '-' && strlen(a) > 2 && !strcmp(a + strlen(a) - 2, ".c") &&
				 (i == 0 || (strcmp(fs->argv[i - 1], "-include") &&
					     strcmp(fs->argv[i - 1], "-I"))))
				drop = true;
		}
		if (drop) {
			free(a);
			continue;
		}
		fs->argv[out++] = a;
	}
	fs->argc = out;
	if (!have_w) {
		fs->argv = xrealloc(fs->argv, (fs->argc + 2) * sizeof(char *));
		fs->argv[fs->argc++] = xstrdup("-w");
	}
	fs->argv = xrealloc(fs->argv, (fs->argc + 1) * sizeof(char *));
	fs->argv[fs->argc] = NULL;
}

bool kernel_is_root(const char *dir)
{
	static const char *const marks[] = { "Kbuild", "Kconfig", "Makefile", "include/linux/kernel.h",
					     "arch/x86/Kconfig", "mm/highmem.c" };

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		char *p = path_join(dir, marks[i]);
		bool ok = path_is_file(p);

		free(p);
		if (!ok)
			return false;
	}
	return true;
}

char *kernel_find_root(const char *path)
{
	char *d = path_real(path);

	if (!d)
		return NULL;
	for (;;) {
		if (path_is_dir(d) && kernel_is_root(d))
			return d;
		char *slash = strrchr(d, '/');

		if (!slash || slash == d)
			break;
		*slash = '\0';
	}
	free(d);
	return NULL;
}

static char *kernel_version(const char *root)
{
	char *mk = path_join(root, "Makefile"), *err = NULL, *text;
	int v = 0, p = 0, s = 0;
	const char *x;

	text = read_file(mk, NULL, &err);
	free(mk);
	free(err);
	if (!text)
		return xstrdup("unknown");
	if ((x = strstr(text, "\nVERSION = ")))
		v = atoi(x + 11);
	if ((x = strstr(text, "\nPATCHLEVEL = ")))
		p = atoi(x + 14);
	if ((x = strstr(text, "\nSUBLEVEL = ")))
		s = atoi(x + 12);
	free(text);
	return xasprintf("%d.%d.%d", v, p, s);
}

/* Split a shell command line the way kbuild's .cmd files quote it. */
static void shell_split(const char *s, struct flagset *out)
{
	struct strbuf w;

	sb_init(&w);
	while (*s) {
		bool have = false;

		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			break;
		sb_reset(&w);
		while (*s && *s != ' ' && *s != '\t' && *s != '\n') {
			if (*s == '\'') {
				const char *e = strchr(s + 1, '\'');

				if (!e)
					e = s + strlen(s);
				sb_addn(&w, s + 1, e - s - 1);
				s = *e ? e + 1 : e;
			} else if (*s == '"') {
				s++;
				while (*s && *s != '"') {
					if (*s == '\\' && s[1])
						s++;
					sb_addc(&w, *s++);
				}
				if (*s)
					s++;
			} else if (*s == '\\' && s[1]) {
				sb_addc(&w, s[1]);
				s += 2;
			} else {
				sb_addc(&w, *s++);
			}
			have = true;
		}
		if (have)
			flagset_add(out, w.buf ? w.buf : "");
	}
	sb_free(&w);
}

/* Make "-I./x" and "-include x" absolute against the build directory. */
static void absolutize(struct flagset *fs, const char *build)
{
	for (int i = 0; i < fs->argc; i++) {
		char *a = fs->argv[i];
		const char *rel = NULL;

		if (starts_with(a, "-I") && a[2] && a[2] != '/')
			rel = a + 2;
		if (rel) {
			char *p = path_join(build, starts_with(rel, "./") ? rel + 2 : rel);

			fs->argv[i] = xasprintf("-I%s", p);
			free(p);
			free(a);
		} else if ((!strcmp(a, "-include") || !strcmp(a, "-I")) && i + 1 < fs->argc &&
			   fs->argv[i + 1][0] != '/') {
			char *n = fs->argv[i + 1];

			fs->argv[i + 1] = path_join(build, starts_with(n, "./") ? n + 2 : n);
			free(n);
			i++;
		}
	}
}

/* The CONFIG_ options the configuration builds as modules (=m), sorted. */
static void load_modules(struct kernel_tree *kt)
{
	char *path = path_join(kt->build, ".config"), *err = NULL, *save = NULL;
	char *text = read_file(path, NULL, &err);

	free(path);
	free(err);
	if (!text)
		return;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(l);

		if (n > 9 && !strncmp(l, "CONFIG_", 7) && !strcmp(l + n - 2, "=m")) {
			kt->modules = xrealloc(kt->modules, (kt->nmodules + 1) * sizeof(char *));
			kt->modules[kt->nmodules++] = xstrndup(l, n - 2);
		}
	}
	free(text);
	qsort(kt->modules, kt->nmodules, sizeof(char *), strcmp_ptr);
}

static bool config_is_module(const struct kernel_tree *kt, const char *name, size_t len)
{
	char *key = xstrndup(name, len);
	bool m = bsearch(&key, kt->modules, kt->nmodules, sizeof(char *), strcmp_ptr) != NULL;

	free(key);
	return m;
}

/* The start of the Makefile statement that holds @p: back over continuation lines. */
static const char *statement_start(const char *text, const char *p)
{
	const char *ls = p;

	while (ls > text && ls[-1] != '\n')
		ls--;
	while (ls > text + 1 && ls[-2] == '\\') {
		ls--;
		while (ls > text && ls[-1] != '\n')
			ls--;
	}
	while (*ls == ' ' || *ls == '\t')
		ls++;
	return ls;
}

/* The CONFIG_ option of "obj-$(CONFIG_X) += NAME.o" in @text, or NULL. */
static const char *obj_config(const char *text, const char *obj, size_t *len)
{
	const char *p = text;
	size_t ol = strlen(obj);

	while ((p = strstr(p, obj)) != NULL) {
		const char *ls, *c;

		if ((p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '-' || p[-1] == '/')) ||
		    isalnum((unsigned char)p[ol]) || p[ol] == '_') {
			p += ol;
			continue;
		}
		ls = statement_start(text, p);
		if (!strncmp(ls, "obj-$(", 6) && (c = strstr(ls, "CONFIG_")) && c < p) {
			const char *e = c;

			while (isalnum((unsigned char)*e) || *e == '_')
				e++;
			*len = e - c;
			return c;
		}
		p += ol;
	}
	return NULL;
}

/* Is @base.o of @reldir built as (part of) a module? Then kbuild defines MODULE. */
static bool file_is_module(const struct kernel_tree *kt, const char *reldir, const char *base)
{
	char *dir = path_join(kt->root, reldir[0] ? reldir : "."), *err = NULL;
	char *mk = path_join(dir, "Makefile"), *text = read_file(mk, NULL, &err);
	char *obj = xasprintf("%s.o", base);
	const char *c;
	size_t len = 0;
	bool m = false;

	if (!text) {
		free(err);
		free(mk);
		mk = path_join(dir, "Kbuild");
		text = read_file(mk, NULL, &err);
	}
	free(err);
	if (text) {
		c = obj_config(text, obj, &len);
		if (c) {
			m = config_is_module(kt, c, len);
		} else {
			/* A composite object: "NAME-y += base.o" or "NAME-objs := ... base.o" */
			const char *p = strstr(text, obj);

			while (p && !c) {
				const char *ls = statement_start(text, p), *e;

				for (e = ls; isalnum((unsigned char)*e) || *e == '_' || *e == '-'; e++)
					;
				if (e - ls > 2 && (!strncmp(e - 2, "-y", 2) || !strncmp(e - 5, "-objs", 5) ||
						   (*e == '$' && e[-1] == '-'))) {
					const char *ne = e - (!strncmp(e - 5, "-objs", 5) ? 5 : *e == '$' ? 1 : 2);
					char *comp = xasprintf("%.*s.o", (int)(ne - ls), ls);

					if (strcmp(comp, obj))
						c = obj_config(text, comp, &len);
					free(comp);
				}
				p = strstr(p + 1, obj);
			}
			if (c)
				m = config_is_module(kt, c, len);
		}
		free(text);
	}
	free(obj);
	free(mk);
	free(dir);
	return m;
}

/* The first line of make's log @path that says why it stopped ("*** ...", "error: ..."). */
char *kbuild_log_error(const char *path)
{
	char *err = NULL, *text = read_file(path, NULL, &err), *save = NULL, *found = NULL;

	free(err);
	if (!text)
		return NULL;
	for (char *l = strtok_r(text, "\n", &save); l && !found; l = strtok_r(NULL, "\n", &save)) {
		char *m = strstr(l, "*** ");

		/* not make's own "make[1]: *** [Makefile:381: ...] Error 2" that follows */
		if (m && strncmp(l, "make", 4))
			found = xstrdup(m + 4);
		else if ((m = strstr(l, "error: ")))
			found = xstrdup(m + 7);
	}
	free(text);
	return found;
}

/*
 * `make -s -C ROOT ARCH=... CC=clang-19 O=BUILD -jN CONFIG prepare`, its output in
 * BUILD's log. Another arch than i386 gets LLVM=-19 instead of CC=clang-19: its prepare
 * links (the vDSO's checks) and the host's ld only knows x86.
 */
static bool run_prepare(const char *root, const char *build, const char *arch, const char *config,
			bool quiet, char **err)
{
	char *log = path_join(build, "kmapcheck-prepare.log");
	char *obuild = xasprintf("O=%s", build), *oarch = xasprintf("ARCH=%s", arch);
	const char *tool = strcmp(arch, "i386") ? "LLVM=-19" : "CC=clang-19";
	char *jobs = xasprintf("-j%ld", sysconf(_SC_NPROCESSORS_ONLN) > 0 ?
				       sysconf(_SC_NPROCESSORS_ONLN) : 1L);
	pid_t pid;
	int status, fd;
	bool ok;

	if (!quiet)
		fprintf(stderr, "%s: configuring %s for %s (%s) in %s ...\n", progname, root, arch,
			config, build);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	pid = fork();
	if (pid == 0) {
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execlp("make", "make", "-s", "-C", root, oarch, tool, obuild, jobs,
		       config, "prepare", (char *)NULL);
		_exit(127);
	}
	if (fd >= 0)
		close(fd);
	ok = pid >= 0 && waitpid(pid, &status, 0) >= 0 && WIFEXITED(status) &&
	     WEXITSTATUS(status) == 0;
	if (!ok) {
		char *why = kbuild_log_error(log);

		*err = xasprintf("`make %s %s O=%s %s prepare` failed%s%s%s; see %s", oarch, tool,
				 build, config, why ? " (" : "", why ? why : "", why ? ")" : "", log);
		free(why);
	}
	free(obuild);
	free(oarch);
	free(jobs);
	free(log);
	return ok;
}

/*
 * Configure @kt (root, config, build and srcarch set) for ARCH=@arch unless a
 * previous run did, and read kbuild's flags. A tree of another arch remembers a
 * failure in its build directory (.kmapcheck-failed, the reason), so that only
 * the first run pays for an arch clang or kbuild cannot do.
 */
static bool prepare_tree(struct kernel_tree *kt, const char *arch, bool remember_failure,
			 char **err)
{
	char *ready, *failed, *cmdfile, *text, *lockpath, *rerr = NULL, *rel;
	int lockfd;
	bool ok = false;

	if (!mkdir_p(kt->build)) {
		*err = xasprintf("cannot create build directory %s: %s", kt->build, strerror(errno));
		return false;
	}
	/* One run configures; concurrent runs wait for it. */
	lockpath = path_join(kt->build, ".kmapcheck-lock");
	lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(lockpath);
	if (lockfd >= 0)
		flock(lockfd, LOCK_EX);
	ready = path_join(kt->build, ".kmapcheck-ready");
	failed = path_join(kt->build, ".kmapcheck-failed");
	rel = xasprintf("arch/%s/kernel/.asm-offsets.s.cmd", kt->srcarch);
	cmdfile = path_join(kt->build, rel);
	free(rel);
	if (remember_failure && path_is_file(failed)) {
		text = read_file(failed, NULL, &rerr);
		*err = xasprintf("%s (remembered from an earlier run: remove %s to try again)",
				 text ? text : "it could not be configured", kt->build);
		free(text);
		free(rerr);
		goto out;
	}
	if (!path_is_file(ready) || !path_is_file(cmdfile)) {
		bool made = run_prepare(kt->root, kt->build, arch, kt->config, kt->quiet, err);

		if (made && !path_is_file(cmdfile)) {
			*err = xasprintf("kbuild wrote no %s", cmdfile);
			made = false;
		}
		if (!made) {
			if (remember_failure) {
				int fd = open(failed, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

				if (fd >= 0) {
					(void)!write(fd, *err, strlen(*err));
					close(fd);
				}
			}
			goto out;
		}
		close(open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
	}
	text = read_file(cmdfile, NULL, &rerr);
	if (!text) {
		*err = xasprintf("%s: %s", cmdfile, rerr);
		free(rerr);
		goto out;
	}
	{
		char *nl = strchr(text, '\n'), *eq = strstr(text, ":=");

		if (nl)
			*nl = '\0';
		shell_split(eq ? eq + 2 : text, &kt->base);
		free(text);
	}
	/* argv[0] is the compiler; the file-specific part is added per file. */
	if (kt->base.argc) {
		free(kt->base.argv[0]);
		memmove(kt->base.argv, kt->base.argv + 1, kt->base.argc * sizeof(char *));
		kt->base.argc--;
	}
	{
		int o = 0;

		for (int i = 0; i < kt->base.argc; i++) {
			char *a = kt->base.argv[i];

			if (starts_with(a, "-DKBUILD_BASENAME=") || starts_with(a, "-DKBUILD_MODNAME=") ||
			    starts_with(a, "-D__KBUILD_MODNAME=") || strstr(a, "asm-offsets")) {
				free(a);
				continue;
			}
			kt->base.argv[o++] = a;
		}
		kt->base.argc = o;
	}
	flags_sanitize(&kt->base, NULL);
	absolutize(&kt->base, kt->build);
	load_modules(kt);
	kt->base.origin = xstrdup("kbuild");
	ok = true;
out:
	if (lockfd >= 0)
		close(lockfd);
	free(ready);
	free(failed);
	free(cmdfile);
	return ok;
}

/* The cache's build directory for @root, @version, @config and @arch. */
static char *cache_build_dir(const char *root, const char *version, const char *config,
			     const char *arch)
{
	char *cache = cache_dir(), hex[17], *d;
	uint64_t h = hash64(root, strlen(root), HASH64_SEED);

	h = hash64(version, strlen(version), h);
	h = hash64(config, strlen(config), h);
	hash_hex(h, hex);
	/* i386, the main configuration, has no arch in its directory name */
	d = strcmp(arch, "i386") ? xasprintf("%s/kbuild/%s-%s-%s-%s", cache, version, config, arch, hex)
				 : xasprintf("%s/kbuild/%s-%s-%s", cache, version, config, hex);
	free(cache);
	return d;
}

bool kernel_prepare(const char *root, const char *config, const char *build_dir,
		    bool quiet, struct kernel_tree *kt, char **err)
{
	memset(kt, 0, sizeof(*kt));
	kt->root = path_real(root);
	kt->config = xstrdup(config);
	kt->version = kernel_version(root);
	kt->srcarch = xstrdup(KERNEL_ARCH_DIR);
	kt->quiet = quiet;
	kt->build = build_dir ? xstrdup(build_dir)
			      : cache_build_dir(kt->root, kt->version, config, "i386");
	return prepare_tree(kt, "i386", false, err);
}

static struct kernel_tree *find_arch_tree(struct kernel_tree *kt, const char *srcarch)
{
	for (int i = 0; i < kt->narches; i++)
		if (!strcmp(kt->arches[i]->srcarch, srcarch))
			return kt->arches[i];
	return NULL;
}

struct kernel_tree *kernel_arch_tree(struct kernel_tree *kt, const char *srcarch)
{
	struct kernel_tree *a = find_arch_tree(kt, srcarch);
	char *err = NULL;

	if (a)
		return a;
	a = xcalloc(1, sizeof(*a));
	a->root = xstrdup(kt->root);
	a->config = xstrdup(kt->config);
	a->version = xstrdup(kt->version);
	a->srcarch = xstrdup(srcarch);
	a->quiet = kt->quiet;
	a->build = cache_build_dir(a->root, a->version, a->config, srcarch);
	if (!prepare_tree(a, srcarch, true, &err))
		a->failed = err ? err : xstrdup("cannot be configured");
	kt->arches = xrealloc(kt->arches, (kt->narches + 1) * sizeof(*kt->arches));
	kt->arches[kt->narches++] = a;
	return a;
}

void kernel_tree_free(struct kernel_tree *kt)
{
	for (int i = 0; i < kt->narches; i++) {
		kernel_tree_free(kt->arches[i]);
		free(kt->arches[i]);
	}
	free(kt->arches);
	flagset_free(&kt->base);
	for (int i = 0; i < kt->nmodules; i++)
		free(kt->modules[i]);
	free(kt->modules);
	free(kt->root);
	free(kt->build);
	free(kt->config);
	free(kt->version);
	free(kt->srcarch);
	free(kt->failed);
	memset(kt, 0, sizeof(*kt));
}

/* Substitute kbuild's $(srctree), $(src), $(obj) and $(objtree) in one word. */
static char *subst_kbuild(const char *w, const char *root, const char *build, const char *reldir)
{
	/*
	 * kbuild's $(src) and $(obj) name the directory inside the tree, so
	 * "$(srctree)/$(src)" is that one directory, not the tree twice (longest first).
	 */
	static const struct { const char *name; bool obj, dir; } names[] = {
		{ "$(srctree)/$(src)", false, true }, { "$(objtree)/$(obj)", true, true },
		{ "$(srctree)", false, false }, { "$(src)", false, true },
		{ "$(objtree)", true, false }, { "$(obj)", true, true },
	};
	struct strbuf sb;

	sb_init(&sb);
	while (*w) {
		bool done = false;

		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && !done; i++) {
			size_t n = strlen(names[i].name);

			if (strncmp(w, names[i].name, n))
				continue;
			sb_add(&sb, names[i].obj ? build : root);
			if (names[i].dir)
				sb_addf(&sb, "/%s", reldir);
			w += n;
			done = true;
		}
		if (!done)
			sb_addc(&sb, *w++);
	}
	if (strstr(sb.buf, "$(")) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/*
 * A Makefile's own variables (`INCLUDES += -I$(atomisp)/include`, `FULL_AMD_PATH =
 * $(srctree)/$(src)/..`), for the ccflags that use them. Like the ccflags lines
 * themselves, an assignment counts whether or not it is inside an ifeq/ifdef block; `=`
 * and `:=` are both expanded where they are used.
 */
struct mkvars {
	struct ptrvec names, values;
};

static int mkvar_find(const struct mkvars *v, const char *name, size_t len)
{
	for (int i = 0; i < v->names.n; i++)
		if (strlen(v->names.v[i]) == len && !strncmp(v->names.v[i], name, len))
			return i;
	return -1;
}

/* Record "NAME = value", "NAME := value", "NAME ?= value" or "NAME += value" of line @l. */
static void mkvar_line(struct mkvars *v, const char *l)
{
	const char *e = l, *op, *val;
	int i;

	if (!(isalpha((unsigned char)*l) || *l == '_'))
		return;
	while (isalnum((unsigned char)*e) || *e == '_')
		e++;
	op = e;
	while (*op == ' ' || *op == '\t')
		op++;
	if (op[0] == '=')
		val = op + 1;
	else if ((op[0] == ':' || op[0] == '?' || op[0] == '+') && op[1] == '=')
		val = op + 2;
	else if (op[0] == ':' && op[1] == ':' && op[2] == '=')
		val = op + 3;
	else
		return;
	while (*val == ' ' || *val == '\t')
		val++;
	i = mkvar_find(v, l, e - l);
	if (i < 0) {
		pv_push(&v->names, xstrndup(l, e - l));
		pv_push(&v->values, xstrdup(val));
	} else if (op[0] == '+') {
		char *both = xasprintf("%s %s", (char *)v->values.v[i], val);

		free(v->values.v[i]);
		v->values.v[i] = both;
	} else if (op[0] != '?') {
		free(v->values.v[i]);
		v->values.v[i] = xstrdup(val);
	}
}

/* @s with the Makefile's variables of @v put in, $(NAME) or ${NAME}; others kept as written. */
static char *mkvar_expand(const struct mkvars *v, const char *s, int depth)
{
	struct strbuf sb;

	sb_init(&sb);
	while (*s) {
		if (s[0] == '$' && (s[1] == '(' || s[1] == '{') && depth < 8) {
			char close = s[1] == '(' ? ')' : '}';
			const char *n = s + 2, *e = n;
			int i;

			while (isalnum((unsigned char)*e) || *e == '_')
				e++;
			if (*e == close && e > n && (i = mkvar_find(v, n, e - n)) >= 0) {
				char *x = mkvar_expand(v, v->values.v[i], depth + 1);

				sb_add(&sb, x);
				free(x);
				s = e + 1;
				continue;
			}
		}
		sb_addc(&sb, *s++);
	}
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

static void mkvars_free(struct mkvars *v)
{
	for (int i = 0; i < v->names.n; i++) {
		free(v->names.v[i]);
		free(v->values.v[i]);
	}
	pv_free(&v->names);
	pv_free(&v->values);
}

/*
 * Collect -I/-D/-include words of ccflags assignments in one directory Makefile.
 * @self: the file's own directory (ccflags-y and CFLAGS_base.o count), else only
 * subdir-ccflags-y does. $(src) and $(obj) are @reldir, the Makefile's own
 * directory, also for subdirectories: kbuild adds subdir-ccflags-y to
 * KBUILD_CFLAGS, a simply expanded variable, while it reads this Makefile.
 */
static void makefile_flags(const struct kernel_tree *kt, const char *reldir, bool self,
			   const char *base, struct flagset *out)
{
	char *dir = path_join(kt->root, reldir[0] ? reldir : ".");
	char *path[2] = { path_join(dir, "Makefile"), path_join(dir, "Kbuild") };
	char *cflags_obj = xasprintf("CFLAGS_%s.o", base);
	struct mkvars vars = { 0 };

	for (int p = 0; p < 2; p++) {
		char *err = NULL, *text = read_file(path[p], NULL, &err);
		char *line, *save = NULL;

		free(err);
		if (!text)
			continue;
		/* Join continuation lines. */
		for (char *c = text; *c; c++)
			if (c[0] == '\\' && c[1] == '\n')
				c[0] = c[1] = ' ';
		{
			/* the variables first: a ccflags line may come before what it uses */
			char *copy = xstrdup(text), *vsave = NULL;

			for (char *vl = strtok_r(copy, "\n", &vsave); vl; vl = strtok_r(NULL, "\n", &vsave)) {
				while (isspace((unsigned char)*vl))
					vl++;
				mkvar_line(&vars, vl);
			}
			free(copy);
		}
		for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *l = line, *op, *value;
			bool want = false;

			while (isspace((unsigned char)*l))
				l++;
			op = strpbrk(l, ":+?=");
			if (!op)
				continue;
			if (starts_with(l, "subdir-ccflags-y") || starts_with(l, "subdir-ccflags-$(CONFIG_"))
				want = true;
			else if (self && (starts_with(l, "ccflags-y") || starts_with(l, "ccflags-$(CONFIG_") ||
					  starts_with(l, "EXTRA_CFLAGS") || starts_with(l, cflags_obj)))
				want = true;
			if (!want)
				continue;
			op = strchr(l, '=');
			if (!op)
				continue;
			{
				struct flagset words = { 0 };

				value = mkvar_expand(&vars, op + 1, 0);
				shell_split(value, &words);
				free(value);
				for (int i = 0; i < words.argc; i++) {
					char *w = words.argv[i];
					bool takes_next = !strcmp(w, "-I") || !strcmp(w, "-include");

					if (!(starts_with(w, "-I") || starts_with(w, "-D") || !strcmp(w, "-include")))
						continue;
					if (takes_next && i + 1 < words.argc) {
						char *v = subst_kbuild(words.argv[i + 1], kt->root, kt->build,
								       reldir);

						if (v) {
							if (!strcmp(w, "-I")) {
								char *x = v[0] == '/' ? xstrdup(v) : path_join(kt->root, v);

								flagset_add(out, "-I");
								flagset_add(out, x);
								free(x);
							} else {
								flagset_add(out, w);
								flagset_add(out, v);
							}
						}
						free(v);
						i++;
						continue;
					}
					char *v = subst_kbuild(w, kt->root, kt->build, reldir);

					if (!v)
						continue;
					if (starts_with(v, "-I") && v[2] != '/') {
						/* kbuild resolves relative -I against the source tree root */
						char *x = xasprintf("-I%s/%s", kt->root, v + 2);

						flagset_add(out, x);
						free(x);
					} else {
						flagset_add(out, v);
					}
					free(v);
				}
				flagset_free(&words);
			}
		}
		free(text);
	}
	mkvars_free(&vars);
	free(path[0]);
	free(path[1]);
	free(cflags_obj);
	free(dir);
}

/* Does the Makefile (or Kbuild) of @reldir name the object @obj? */
static bool makefile_names(const struct kernel_tree *kt, const char *reldir, const char *obj)
{
	const char *names[] = { "Makefile", "Kbuild" };
	bool found = false;

	for (int i = 0; i < 2 && !found; i++) {
		char *dir = path_join(kt->root, reldir[0] ? reldir : ".");
		char *path = path_join(dir, names[i]), *err = NULL;
		char *text = read_file(path, NULL, &err);
		const char *p = text;
		size_t ol = strlen(obj);

		while (p && (p = strstr(p, obj)) != NULL) {
			bool left = p == text || p[-1] == ' ' || p[-1] == '\t' || p[-1] == '=' || p[-1] == '\n';
			bool right = !(isalnum((unsigned char)p[ol]) || p[ol] == '_' || p[ol] == '-');

			if (left && right) {
				found = true;
				break;
			}
			p += ol;
		}
		free(text);
		free(err);
		free(path);
		free(dir);
	}
	return found;
}

bool kernel_other_arch(const char *rel)
{
	size_t n = strlen(KERNEL_ARCH_DIR);

	return !strncmp(rel, "arch/", 5) && rel[5] &&
	       !(!strncmp(rel + 5, KERNEL_ARCH_DIR, n) && (rel[5 + n] == '/' || !rel[5 + n]));
}

bool kernel_user_space(const char *rel)
{
	size_t n = strlen(KERNEL_USER_SPACE_DIR);

	return !strncmp(rel, KERNEL_USER_SPACE_DIR, n) && (rel[n] == '/' || !rel[n]);
}

void kernel_file_flags(struct kernel_tree *kt, const char *file, struct flagset *out)
{
	const char *rel = path_relative(file, kt->root);
	char *filedir, *slash, *base, *modname, *reldir = NULL, *objname = NULL;

	/* arch/<a>/...: the tree configured for <a>, unless it could not be */
	if (!strncmp(rel, "arch/", 5) && strchr(rel + 5, '/')) {
		char *a = xstrndup(rel + 5, strchr(rel + 5, '/') - (rel + 5));
		size_t n = strlen(rel);
		/*
		 * A header parsed on its own does not configure its arch: about 20 arches
		 * have headers that name the API, and each costs half a minute once.
		 */
		bool header = n > 2 && !strcmp(rel + n - 2, ".h");

		if (strcmp(a, kt->srcarch)) {
			struct kernel_tree *at = header ? find_arch_tree(kt, a) : kernel_arch_tree(kt, a);

			if (at && !at->failed) {
				free(a);
				kernel_file_flags(at, file, out);
				return;
			}
		}
		free(a);
	}
	filedir = xstrdup(rel);

	slash = strrchr(filedir, '/');
	if (slash)
		*slash = '\0';
	else
		filedir[0] = '\0';
	base = xstrdup(strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel);
	if (strlen(base) > 2)
		base[strlen(base) - 2] = '\0';
	/*
	 * kbuild's $(src) is the directory of the Makefile that lists the object,
	 * which may be an ancestor (drivers/gpu/drm/i915/Makefile lists gt/uc/x.o).
	 */
	{
		char *d = xstrdup(filedir);

		for (;;) {
			const char *sub = filedir + strlen(d);
			char *obj;

			while (*sub == '/')
				sub++;
			obj = *sub ? xasprintf("%s/%s.o", sub, base) : xasprintf("%s.o", base);
			if (makefile_names(kt, d, obj)) {
				reldir = d;
				objname = obj;
				break;
			}
			free(obj);
			if (!d[0])
				break;
			slash = strrchr(d, '/');
			if (slash)
				*slash = '\0';
			else
				d[0] = '\0';
		}
		if (!reldir) {
			free(d);
			reldir = xstrdup(filedir);
			objname = xasprintf("%s.o", base);
		}
	}
	for (int i = 0; i < kt->base.argc; i++)
		flagset_add(out, kt->base.argv[i]);
	{
		char *a = xasprintf("-I%s/%s", kt->root, reldir);
		char *b = xasprintf("-I%s/%s", kt->build, reldir);

		flagset_add(out, a);
		flagset_add(out, b);
		free(a);
		free(b);
	}
	/* subdir-ccflags-y of every ancestor, then the owning directory's own ccflags */
	{
		char *walk = xstrdup(reldir);
		struct ptrvec dirs = { 0 };
		char *cbase = xstrdup(objname);

		cbase[strlen(cbase) - 2] = '\0';
		pv_push(&dirs, xstrdup(""));
		for (char *p = walk; *p; p++)
			if (*p == '/') {
				*p = '\0';
				pv_push(&dirs, xstrdup(walk));
				*p = '/';
			}
		for (int i = 0; i < dirs.n; i++) {
			makefile_flags(kt, dirs.v[i], false, cbase, out);
			free(dirs.v[i]);
		}
		if (reldir[0])
			makefile_flags(kt, reldir, true, cbase, out);
		pv_free(&dirs);
		free(walk);
		if (file_is_module(kt, reldir, cbase))
			flagset_add(out, "-DMODULE");
		free(cbase);
	}
	/* The module name kbuild would give: the directory's last component. */
	modname = xstrdup(reldir[0] ? (strrchr(reldir, '/') ? strrchr(reldir, '/') + 1 : reldir) : base);
	for (char *c = modname; *c; c++)
		if (!isalnum((unsigned char)*c))
			*c = '_';
	{
		char *m1 = xasprintf("-DKBUILD_MODNAME=\"%s\"", modname);
		char *m2 = xasprintf("-DKBUILD_BASENAME=\"%s\"", base);
		char *m3 = xasprintf("-D__KBUILD_MODNAME=kmod_%s", modname);
		/* module.h's MODULE_FILE of built-in code names it (kbuild's modfile) */
		char *m4 = reldir[0] ? xasprintf("-DKBUILD_MODFILE=\"%s/%s\"", reldir, base)
				     : xasprintf("-DKBUILD_MODFILE=\"%s\"", base);

		flagset_add(out, m1);
		flagset_add(out, m2);
		flagset_add(out, m3);
		flagset_add(out, m4);
		free(m1);
		free(m2);
		free(m3);
		free(m4);
	}
	out->origin = xstrdup("kbuild");
	free(modname);
	free(base);
	free(reldir);
	free(objname);
	free(filedir);
}
