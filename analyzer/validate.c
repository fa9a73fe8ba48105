// SPDX-License-Identifier: GPL-2.0
/*
 * validate.c - compile each converted file before and after conversion, and run
 * sparse on both sides; say which conversions broke the build or made sparse
 * say something new.
 *
 * It does not decide what is converted (patch.c does) and never writes the tree
 * it validates.
 *
 * Kernel trees are built by kbuild itself: `make ARCH=i386 O=DIR allmodconfig
 * prepare` with the host gcc (the kernel's usual compiler) in two cache
 * directories, then `make O=DIR C=1 CHECK=<sparse wrapper> path/file.o` per
 * file. "Before" builds the user's tree as it is. "After" builds a shadow tree:
 * a directory whose entries are symbolic links to the tree's, except along the
 * paths of the converted files, where real directories hold links to every
 * sibling and the converted file itself is a new, ordinary file. We chose links
 * over a copy (the tree is about 1.3 GB) and over a full `cp -al` farm (tens of
 * thousands of entries per run, and a hard link is the same file: one stray
 * write through it would change the user's tree). Here every file written is
 * created fresh with O_EXCL in a directory we made, and kbuild with O= writes
 * only to O=. Symbolic links instead of copying just the directories keep the
 * shadow to a few hundred entries, made in milliseconds.
 *
 * The two builds run side by side, one per directory: two makes in one O=
 * directory would race on kbuild's generated files.
 *
 * What allmodconfig does not build gets a second configuration (see
 * second_configuration()) with its own pair of O= directories and its own
 * shadow; a .c file that another #includes is compiled as that file's object;
 * another architecture's files get that architecture, built with clang (see
 * other_architectures()).
 *
 * Plain files (flags after `--`) are compiled with gcc -c and checked with
 * sparse, with those flags; the converted copy also gets the original's
 * directory on its include path (-iquote for gcc, -I for sparse, which has no
 * -iquote) so that its "local.h" includes find the same headers.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "flags.h"
#include "validate.h"

#define VAL_DEFAULT_TIMEOUT 900.0	/* seconds per make; a prepare takes about 60 */

const char *val_result_name(enum val_result r)
{
	switch (r) {
	case VAL_PASSED: return "passed";
	case VAL_BROKEN: return "dropped (build)";
	case VAL_SPARSE: return "dropped (sparse)";
	case VAL_NOT_VALIDATED: return "not validated";
	}
	return "?";
}

/* A child with its output in a log file; it leads its own process group. */
struct child {
	pid_t pid;
	double start;
};

/* Start @argv in @cwd (NULL: ours) with stdout and stderr appended to @log. */
static bool spawn_logged(struct child *c, char *const argv[], const char *cwd,
			 const char *env_name, const char *env_value, const char *log)
{
	c->start = now_seconds();
	c->pid = fork();
	if (c->pid < 0)
		return false;
	if (c->pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
		int in = open("/dev/null", O_RDONLY);

		setpgid(0, 0);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		if (in >= 0)
			dup2(in, 0);
		if (env_name)
			setenv(env_name, env_value, 1);
		if (cwd && chdir(cwd) < 0) {
			fprintf(stderr, "cannot enter %s: %s\n", cwd, strerror(errno));
			_exit(127);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(c->pid, c->pid);
	return true;
}

/*
 * Wait for @c; after @timeout seconds kill its whole process group. Returns the
 * exit status, 128 + the signal, or -1 after a timeout.
 */
static int wait_child(struct child *c, double timeout)
{
	int status;

	for (;;) {
		pid_t r = waitpid(c->pid, &status, WNOHANG);
		struct timespec ts = { 0, 20 * 1000 * 1000 };

		if (r == c->pid)
			break;
		if (r < 0 && errno != EINTR)
			return -1;
		if (timeout > 0 && now_seconds() - c->start > timeout) {
			kill(-c->pid, SIGKILL);
			kill(c->pid, SIGKILL);
			while (waitpid(c->pid, &status, 0) < 0 && errno == EINTR)
				;
			return -1;
		}
		nanosleep(&ts, NULL);
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static int run_logged(char *const argv[], const char *cwd, const char *env_name,
		      const char *env_value, const char *log, double timeout)
{
	struct child c;

	if (!spawn_logged(&c, argv, cwd, env_name, env_value, log))
		return -1;
	return wait_child(&c, timeout);
}

static bool starts_with(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static bool ends_with(const char *s, const char *p)
{
	size_t a = strlen(s), b = strlen(p);

	return a >= b && !strcmp(s + a - b, p);
}

/* Remove every occurrence of @prefix + "/" from @s, in place. */
static void strip_prefix_all(char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	char *p;

	if (!n)
		return;
	while ((p = strstr(s, prefix)) && p[n] == '/')
		memmove(p, p + n + 1, strlen(p + n + 1) + 1);
}

/* "file:12:5: warning: x" -> "file: warning: x": a key that survives moved lines. */
static void strip_position(char *s)
{
	char *p = s;

	while ((p = strchr(p, ':'))) {
		char *q = p + 1;

		if (*q >= '0' && *q <= '9') {
			while (*q >= '0' && *q <= '9')
				q++;
			if (*q == ':' && q[1] >= '0' && q[1] <= '9') {
				q++;
				while (*q >= '0' && *q <= '9')
					q++;
			}
			if (*q == ':') {
				memmove(p, q, strlen(q) + 1);
				return;
			}
		}
		p++;
	}
}

/*
 * The diagnostics of @text, one key each (positions stripped, the @nroots tree
 * prefixes removed); a line that starts with white space continues the one
 * before it. Only lines that say "warning:" or "error:" start a diagnostic.
 */
static int diag_keys(const char *text, const char *const *roots, int nroots,
		     struct ptrvec *keys, struct ptrvec *lines)
{
	char *copy = xstrdup(text ? text : ""), *save = NULL;
	struct strbuf cur;
	bool have = false;

	sb_init(&cur);
	for (char *l = strtok_r(copy, "\n", &save); ; l = strtok_r(NULL, "\n", &save)) {
		bool cont = l && (l[0] == ' ' || l[0] == '\t');

		if (have && !cont) {
			pv_push(keys, sb_detach(&cur));
			sb_init(&cur);
			have = false;
		}
		if (!l)
			break;
		if (cont && have) {
			sb_addf(&cur, " |%s", l);
			continue;
		}
		if (!strstr(l, "warning:") && !strstr(l, "error:"))
			continue;
		{
			char *k = xstrdup(l);

			for (int r = 0; r < nroots; r++)
				strip_prefix_all(k, roots[r]);
			if (lines)
				pv_push(lines, xstrdup(k));
			strip_position(k);
			sb_add(&cur, k);
			free(k);
			have = true;
		}
	}
	sb_free(&cur);
	free(copy);
	return keys->n;
}

static void pv_free_all(struct ptrvec *pv)
{
	for (int i = 0; i < pv->n; i++)
		free(pv->v[i]);
	pv_free(pv);
	memset(pv, 0, sizeof(*pv));
}

/*
 * The diagnostics of @after that @before does not have as often (a multiset
 * difference of the position-free keys), as text; NULL when there are none.
 */
static char *new_diags(const char *before, const char *after, const char *const *roots,
		       int nroots, int *nbefore, int *nafter)
{
	struct ptrvec kb = { 0 }, ka = { 0 }, la = { 0 };
	bool *used;
	struct strbuf out;
	int fresh = 0;

	diag_keys(before, roots, nroots, &kb, NULL);
	diag_keys(after, roots, nroots, &ka, &la);
	*nbefore = kb.n;
	*nafter = ka.n;
	used = xcalloc(kb.n + 1, sizeof(bool));
	sb_init(&out);
	for (int i = 0; i < ka.n; i++) {
		bool matched = false;

		for (int j = 0; j < kb.n && !matched; j++) {
			if (!used[j] && !strcmp(ka.v[i], kb.v[j])) {
				used[j] = true;
				matched = true;
			}
		}
		if (!matched) {
			sb_addf(&out, "%s\n", i < la.n ? (char *)la.v[i] : (char *)ka.v[i]);
			fresh++;
		}
	}
	free(used);
	pv_free_all(&kb);
	pv_free_all(&ka);
	pv_free_all(&la);
	if (!fresh) {
		sb_free(&out);
		return NULL;
	}
	return sb_detach(&out);
}

/* The first @max lines of @text that say error (or warning, if none does), prefixes removed. */
static char *first_errors(const char *text, const char *const *roots, int nroots, int max)
{
	struct ptrvec keys = { 0 }, lines = { 0 };
	struct strbuf out;
	int n = 0;

	diag_keys(text, roots, nroots, &keys, &lines);
	sb_init(&out);
	for (int pass = 0; pass < 2 && !n; pass++) {
		for (int i = 0; i < lines.n && n < max; i++) {
			if (pass == 0 && !strstr(lines.v[i], "error:"))
				continue;
			sb_addf(&out, "%s\n", (char *)lines.v[i]);
			n++;
		}
	}
	if (!n && text) {
		/* No diagnostic: the last lines say what stopped (make, a signal). */
		const char *end = text + strlen(text), *p = end;
		int nl = 0;

		while (p > text && nl < 4)
			if (*--p == '\n')
				nl++;
		sb_add(&out, p == text ? p : p + 1);
		if (!out.len)
			sb_add(&out, "(no output)\n");
	}
	pv_free_all(&keys);
	pv_free_all(&lines);
	return sb_detach(&out);
}

/* The first line of @s, without its newline, for a one-line reason. */
static char *first_line(const char *s)
{
	const char *nl = s ? strchr(s, '\n') : NULL;

	if (!s)
		return xstrdup("");
	return nl ? xstrndup(s, nl - s) : xstrdup(s);
}

static char *read_or_empty(const char *path)
{
	char *err = NULL, *t = read_file(path, NULL, &err);

	free(err);
	return t ? t : xstrdup("");
}

static int rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		return rmdir(path) < 0 && errno != ENOENT ? -1 : 0;
	return unlink(path) < 0 && errno != ENOENT ? -1 : 0;
}

/* Remove @path; never follows a symbolic link (FTW_PHYS), so a link's target stays. */
static bool remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return errno == ENOENT;
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

/* ---- kernel trees ---- */

struct kgroup {
	char *root;		/* real path of the user's tree: read only */
	char *base;		/* cache/validate/<version>-<config>-<hash> */
	char *before, *after;	/* the two O= directories */
	char *shadow;		/* the shadow source tree of "after" */
	char *run;		/* logs of this run */
	char *wrapper;		/* the CHECK program */
	int *files;		/* indexes into the file array */
	char **rel;		/* each file's path relative to root */
	int n;
	bool *built;		/* per file of the group: the configuration builds it */
	char **unit;		/* per file: the .c kbuild compiles for it (itself, or the
				 * file that #includes it), when built */
	char *allconfig;	/* KCONFIG_ALLCONFIG fragment of a second configuration, or NULL */
	char *label;		/* "i386 allmodconfig", as reasons name the configuration */
	const char *arch;	/* kbuild's ARCH: "i386", or another architecture's srcarch
				 * (built with LLVM=-19, as the scan configures it) */
	bool highmem;		/* the configuration has CONFIG_HIGHMEM */
	char *failed;		/* an optional configuration (a second one, another
				 * architecture's) failed, now or in an earlier run: why */
	char **syms;		/* per file of a second configuration: the symbols set for
				 * it ("CONFIG_SQUASHFS_FILE_DIRECT=y"), or NULL */
};

/* Another architecture's group: kbuild with LLVM=-19 (clang), not the host gcc. */
static bool uses_clang(const struct kgroup *g)
{
	return strcmp(g->arch, "i386") != 0;
}

/*
 * A second configuration or another architecture's: a bonus over the first. Its
 * failure is a warning, the files keep their first reason, and it is remembered.
 */
static bool optional_group(const struct kgroup *g)
{
	return uses_clang(g) || g->allconfig;
}

static char *kernel_version_of(const char *root)
{
	char *mk = path_join(root, "Makefile"), *err = NULL, *t = read_file(mk, NULL, &err);
	int v[3] = { 0, 0, 0 };
	const char *names[3] = { "\nVERSION = ", "\nPATCHLEVEL = ", "\nSUBLEVEL = " };

	free(mk);
	free(err);
	if (!t)
		return xstrdup("unknown");
	for (int i = 0; i < 3; i++) {
		const char *p = strstr(t, names[i]);

		if (p)
			v[i] = atoi(p + strlen(names[i]));
	}
	free(t);
	return xasprintf("%d.%d.%d", v[0], v[1], v[2]);
}

/* Is CONFIG_@name set (y or m) in @build/.config? */
static bool config_set(const char *build, const char *name)
{
	char *path = path_join(build, ".config"), *t = read_or_empty(path);
	char *key = xasprintf("\nCONFIG_%s=", name), *p = strstr(t, key);
	bool set = p && (p[strlen(key)] == 'y' || p[strlen(key)] == 'm');

	free(key);
	free(t);
	free(path);
	return set;
}

/* The mark a finished @goal leaves in its O= directory. */
static const char *ready_name(const char *goal)
{
	return strcmp(goal, "prepare") ? ".kmapcheck-configured" : ".kmapcheck-ready";
}

/*
 * Start `make ARCH=i386 O=@build @config prepare` from @srctree unless done
 * before; with @allconfig, that file is KCONFIG_ALLCONFIG. @goal is "prepare",
 * or "syncconfig" for only the configuration (kbuild's lists need no more).
 */
static bool prepare_start(const struct kgroup *g, const char *srctree, const char *build,
			  const char *config, const char *allconfig, const char *goal,
			  struct child *c, bool *started)
{
	char *ready = path_join(build, ready_name(goal)), *dotconfig = path_join(build, ".config");
	char *full = path_join(build, ready_name("prepare"));
	char *log = path_join(build, "kmapcheck-prepare.log"), *o = xasprintf("O=%s", build);
	char *ac = allconfig ? xasprintf("KCONFIG_ALLCONFIG=%s", allconfig) : NULL;
	char *arch = xasprintf("ARCH=%s", g->arch);
	char *argv[] = { "make", "-s", "-C", (char *)srctree, arch, o, (char *)config,
			 (char *)goal, NULL, NULL, NULL };
	int a = 8;

	if (uses_clang(g))
		argv[a++] = "LLVM=-19";
	argv[a++] = ac;
	bool ok = true;

	*started = false;
	if ((!path_is_file(ready) && !path_is_file(full)) || !path_is_file(dotconfig)) {
		mkdir_p(build);
		unlink(log);
		ok = spawn_logged(c, argv, NULL, NULL, NULL, log);
		*started = ok;
	}
	free(ready);
	free(full);
	free(dotconfig);
	free(log);
	free(o);
	free(ac);
	free(arch);
	return ok;
}

static bool prepare_finish(struct kgroup *g, const char *build, const char *config,
			   const char *goal, struct child *c, bool started, bool quiet)
{
	char *ready = path_join(build, ready_name(goal));
	char *log = path_join(build, "kmapcheck-prepare.log");
	bool ok = true;

	if (started) {
		int rc = wait_child(c, VAL_DEFAULT_TIMEOUT);

		if (rc != 0) {
			char *first = rc < 0 ? NULL : kbuild_log_error(log);
			char *why = xasprintf("`make ARCH=%s%s O=%s %s %s` failed (%s); see %s",
					      g->arch, uses_clang(g) ? " LLVM=-19" : "",
					      build, config, goal,
					      rc < 0 ? "timeout" : first ? first : "exit status", log);

			free(first);
			diag(stderr, NULL, 0, 0, optional_group(g) ? "warning" : "error",
			     "validate: %s", why);
			if (optional_group(g)) {
				char *failed = path_join(g->base, ".kmapcheck-failed"), *err = NULL;

				write_file_atomic(failed, why, strlen(why), &err);
				free(err);
				free(failed);
				if (!g->failed)
					g->failed = xstrdup(why);
			}
			free(why);
			ok = false;
		} else {
			close(open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
			if (!quiet && !strcmp(goal, "prepare"))
				fprintf(stderr, "%s: validate: configured %s in %.0f s\n", progname,
					build, now_seconds() - c->start);
		}
	}
	free(ready);
	free(log);
	return ok;
}

/*
 * Make @dir (relative) of the shadow a real directory, walking down from the
 * top: a component that is still a link to the tree becomes a directory of
 * links to each of the tree directory's entries.
 */
static bool shadow_open_dir(const struct kgroup *g, const char *dir, char **err)
{
	char *rel = xstrdup(dir);
	bool ok = true;

	for (char *s = rel; ok; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s, *sp, *tp;
			struct stat st;

			*s = '\0';
			sp = path_join(g->shadow, rel);
			tp = path_join(g->root, rel);
			if (lstat(sp, &st) < 0) {
				*err = xasprintf("%s: %s", sp, strerror(errno));
				ok = false;
			} else if (S_ISLNK(st.st_mode)) {
				DIR *d = opendir(tp);
				struct dirent *de;

				if (!d || unlink(sp) < 0 || mkdir(sp, 0755) < 0) {
					*err = xasprintf("%s: %s", d ? sp : tp, strerror(errno));
					ok = false;
				}
				while (ok && (de = readdir(d))) {
					char *from, *to;

					if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
						continue;
					from = path_join(tp, de->d_name);
					to = path_join(sp, de->d_name);
					if (symlink(from, to) < 0) {
						*err = xasprintf("%s: %s", to, strerror(errno));
						ok = false;
					}
					free(from);
					free(to);
				}
				if (d)
					closedir(d);
			} else if (!S_ISDIR(st.st_mode)) {
				*err = xasprintf("%s: not a directory", sp);
				ok = false;
			}
			free(sp);
			free(tp);
			*s = c;
			if (!c)
				break;
		}
	}
	free(rel);
	return ok;
}

/* The shadow tree: links to the tree's top level, the converted files as new files. */
static bool shadow_build(const struct kgroup *g, const struct val_file *files, char **err)
{
	DIR *d;
	struct dirent *de;
	bool ok = true;

	if (!remove_tree(g->shadow) || !mkdir_p(g->shadow)) {
		*err = xasprintf("cannot make %s: %s", g->shadow, strerror(errno));
		return false;
	}
	d = opendir(g->root);
	if (!d) {
		*err = xasprintf("%s: %s", g->root, strerror(errno));
		return false;
	}
	while (ok && (de = readdir(d))) {
		char *from, *to;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		from = path_join(g->root, de->d_name);
		to = path_join(g->shadow, de->d_name);
		if (symlink(from, to) < 0) {
			*err = xasprintf("%s: %s", to, strerror(errno));
			ok = false;
		}
		free(from);
		free(to);
	}
	closedir(d);
	for (int k = 0; k < g->n && ok; k++) {
		const struct val_file *f = &files[g->files[k]];
		const char *rel = g->rel[k];
		char *dir = xstrdup(rel), *slash = strrchr(dir, '/');
		char *sp = path_join(g->shadow, rel), *text, *rerr = NULL;
		struct stat st;
		size_t len;

		if (slash) {
			*slash = '\0';
			ok = shadow_open_dir(g, dir, err);
		}
		/* The entry must be our link; the new file replaces the link, never its target. */
		if (ok && (lstat(sp, &st) < 0 || !S_ISLNK(st.st_mode) || unlink(sp) < 0)) {
			*err = xasprintf("%s: not a link into the tree (%s)", sp, strerror(errno));
			ok = false;
		}
		text = ok ? read_file(f->converted, &len, &rerr) : NULL;
		if (ok && (!text || !write_file_atomic(sp, text, len, &rerr))) {
			*err = xasprintf("%s: %s", sp, rerr ? rerr : "cannot write");
			ok = false;
		}
		free(rerr);
		free(text);
		free(sp);
		free(dir);
	}
	return ok;
}

/*
 * The objects, library objects and subdirectories kbuild builds in @dir under
 * the configuration of @g->before, as kbuild itself computes them: a make of
 * scripts/Makefile.build for that directory that only prints its lists.
 */
static char *kbuild_dir_lists(const struct kgroup *g, const char *dir)
{
	char *mf = path_join(g->root, "scripts/Makefile.build");
	char *obj = xasprintf("obj=%s", dir), *src = xasprintf("srctree=%s", g->root);
	/* 6.10 and later find a directory's Kbuild file through $(VPATH), as O= builds set it. */
	char *vpath = xasprintf("VPATH=%s", g->root);
	char *log = path_join(g->run, "lists.log");
	char *inc = xasprintf("--include-dir=%s", g->root);
	/* As the top Makefile runs it for O=: includes such as $(src)/gvt/Makefile resolve in the tree. */
	char *argv[] = { "make", "-s", "--no-print-directory", inc, "-f", mf, obj, src, vpath,
			 "objtree=.",
			 "need-builtin=1", "need-modorder=1",
			 "--eval=kmapcheck-lists: ; @echo LISTS: $(real-obj-y) $(real-obj-m) $(lib-y) $(subdir-ym)",
			 "kmapcheck-lists", NULL };
	char *text, *p, *out = NULL;

	unlink(log);
	if (run_logged(argv, g->before, NULL, NULL, log, 120) == 0) {
		text = read_or_empty(log);
		p = strstr(text, "LISTS:");
		if (p) {
			char *nl = strchr(p, '\n');

			out = xasprintf(" %.*s ", (int)((nl ? nl : p + strlen(p)) - (p + 6)), p + 6);
		}
		free(text);
	}
	free(mf);
	free(inc);
	free(obj);
	free(src);
	free(vpath);
	free(log);
	return out;
}

static bool word_in(const char *list, const char *word)
{
	char *w = xasprintf(" %s ", word);
	bool in = list && strstr(list, w);

	free(w);
	return in;
}

/*
 * The top-level directories the 6.x top Makefile descends into (core-y, drivers-y,
 * libs-y), and the architecture's own (arch/x86 for i386).
 */
static bool top_dir_built(const struct kgroup *g, const char *top)
{
	static const char *const always[] = { "certs", "crypto", "drivers", "fs",
					      "init", "ipc", "kernel", "lib", "mm", "security",
					      "sound", "usr", "virt" };
	static const char *const gated[][2] = { { "block", "BLOCK" }, { "io_uring", "IO_URING" },
						{ "net", "NET" }, { "samples", "SAMPLES" } };

	if (starts_with(top, "arch/"))
		return !strcmp(top + 5, uses_clang(g) ? g->arch : KERNEL_ARCH_DIR);
	for (size_t i = 0; i < ARRAY_SIZE(always); i++)
		if (!strcmp(top, always[i]))
			return true;
	for (size_t i = 0; i < ARRAY_SIZE(gated); i++)
		if (!strcmp(top, gated[i][0]))
			return config_set(g->before, gated[i][1]);
	return false;
}

/* Does @dir of the tree have a Kbuild or Makefile? */
static bool has_makefile(const struct kgroup *g, const char *dir)
{
	char *kb = xasprintf("%s/%s/Kbuild", g->root, dir), *mk = xasprintf("%s/%s/Makefile", g->root, dir);
	bool has = path_is_file(kb) || path_is_file(mk);

	free(kb);
	free(mk);
	return has;
}

/* The directory kbuild enters @rel through from the top Makefile: "fs", "arch/x86". */
static char *top_dir_of(const char *rel)
{
	const char *slash = strchr(rel, '/');

	if (!slash)
		return xstrdup("");
	if (starts_with(rel, "arch/") && strchr(slash + 1, '/'))
		return xstrndup(rel, strchr(slash + 1, '/') - rel);
	return xstrndup(rel, slash - rel);
}

/*
 * Does the configuration build @rel (a .c file of the tree) as an object?
 * @why says what is missing when not. The lists of each directory are cached in
 * @cache ("dir" TAB "lists").
 */
static bool kbuild_builds(const struct kgroup *g, const char *rel, struct ptrvec *cache, char **why)
{
	char *top = top_dir_of(rel), *cur = xstrdup(rel), *want;
	bool ok = true;

	*strrchr(cur, '/') = '\0';	/* rel has a slash: top_dir_of said so */
	want = xasprintf("%.*s.o", (int)(strlen(rel) - 2), rel);
	if (!*top || !top_dir_built(g, top)) {
		*why = xasprintf("%s/ is not built for %s", *top ? top : ".", g->label);
		ok = false;
	}
	/* Walk up: the object in its directory's lists, each directory in its parent's. */
	while (ok) {
		const char *lists = NULL;
		size_t n = strlen(cur);
		char *parent;

		if (strcmp(cur, top) && !has_makefile(g, cur)) {
			/* No Makefile of its own: its parent lists it as dir/file.o (kvm-amd-y += svm/svm.o). */
			*strrchr(cur, '/') = '\0';
			continue;
		}

		for (int i = 0; i < cache->n; i++) {
			const char *e = cache->v[i];

			if (!strncmp(e, cur, n) && e[n] == '\t')
				lists = e + n + 1;
		}
		if (!lists) {
			char *l = kbuild_dir_lists(g, cur);

			pv_push(cache, xasprintf("%s\t%s", cur, l ? l : "?"));
			lists = (char *)cache->v[cache->n - 1] + n + 1;
			free(l);
		}
		if (!strcmp(lists, "?")) {
			*why = xasprintf("cannot read kbuild's lists for %s/", cur);
			ok = false;
		} else if (!word_in(lists, want)) {
			*why = xasprintf("%s is not built by %s (not in the lists of %s/)",
					 want, g->label, cur);
			ok = false;
		}
		if (!ok || !strcmp(cur, top))
			break;
		free(want);
		want = xstrdup(cur);
		parent = strrchr(cur, '/');
		*parent = '\0';
	}
	free(want);
	free(cur);
	free(top);
	return ok;
}

/*
 * The .c file of the tree that #includes @rel, as i915's gem/i915_gem_object.c
 * includes selftests/huge_pages.c: kbuild compiles @rel only as part of it.
 * Looked for in @rel's directory and the two above it. NULL when none.
 */
static char *includer_of(const struct kgroup *g, const char *rel)
{
	char *dir = xstrdup(rel), *want = path_join(g->root, rel), *wreal = path_real(want);
	char *found = NULL;

	*strrchr(dir, '/') = '\0';	/* rel has a slash: kbuild_builds() said so */
	for (int up = 0; up < 3 && wreal && !found; up++) {
		char *abs = path_join(g->root, dir);
		DIR *d = opendir(abs);
		struct dirent *de;

		while (d && !found && (de = readdir(d))) {
			size_t len = strlen(de->d_name);
			char *path, *text, *err = NULL, *inc;
			const char *p;

			if (len < 3 || strcmp(de->d_name + len - 2, ".c"))
				continue;
			path = path_join(abs, de->d_name);
			text = read_file(path, NULL, &err);
			for (p = text; text && !found && (inc = c_include_next(text, &p)); free(inc)) {
				char *ip = path_join(abs, inc), *ireal = path_real(ip);

				if (ireal && !strcmp(ireal, wreal) && strcmp(path, want))
					found = xasprintf("%s/%s", dir, de->d_name);
				free(ireal);
				free(ip);
			}
			free(text);
			free(err);
			free(path);
		}
		if (d)
			closedir(d);
		free(abs);
		if (!strchr(dir, '/'))
			break;
		*strrchr(dir, '/') = '\0';
	}
	free(wreal);
	free(want);
	free(dir);
	return found;
}

/*
 * The CHECK program: sparse, each file's report in its own file of
 * $KMAPCHECK_SPARSE_DIR (named after the path below $KMAPCHECK_SRCTREE, '/'
 * spelled '%'), ended by sparse's exit status and the time. It always exits 0:
 * sparse must not fail the build, its report is judged here.
 */
static bool write_wrapper(const char *path, char **err)
{
	static const char text[] =
		"#!/bin/sh\n"
		"# kmapcheck patch --validate: sparse as kbuild's CHECK (see validate.c).\n"
		"for last; do :; done\n"
		"rel=${last#\"$KMAPCHECK_SRCTREE\"/}\n"
		"log=\"$KMAPCHECK_SPARSE_DIR/$(printf '%s' \"$rel\" | tr / %).sparse\"\n"
		"sparse \"$@\" 2> \"$log.tmp\"\n"
		"echo \"kmapcheck: sparse exit status $?\" >> \"$log.tmp\"\n"
		"echo \"kmapcheck: end $(date +%s.%N)\" >> \"$log.tmp\"\n"
		"mv \"$log.tmp\" \"$log\"\n"
		"exit 0\n";

	if (!write_file_atomic(path, text, sizeof(text) - 1, err))
		return false;
	return chmod(path, 0755) == 0;
}

/* One side of one file: paths of its logs. */
static char *side_path(const struct kgroup *g, int k, const char *side, const char *what)
{
	return xasprintf("%s/%s-%d.%s", g->run, side, k, what);
}

/* Where the wrapper leaves the sparse report of @rel on @side. */
static char *sparse_path(const struct kgroup *g, const char *side, const char *rel)
{
	char *name = xstrdup(rel), *p;

	for (char *q = name; *q; q++)
		if (*q == '/')
			*q = '%';
	p = xasprintf("%s/sparse-%s/%s.sparse", g->run, side, name);
	free(name);
	return p;
}

static char *object_of(const char *rel)
{
	return xasprintf("%.*s.o", (int)(strlen(rel) - 2), rel);
}

/* The time the wrapper wrote at the end of a sparse report, or 0. */
static double sparse_end(const char *report)
{
	const char *p = report ? strstr(report, "kmapcheck: end ") : NULL;

	return p ? atof(p + 15) : 0;
}

/* The wall clock, as the wrapper's `date +%s.%N` reads it. */
static double epoch_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_end(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/*
 * A lane: build, in one O= directory, every file of @g the configuration builds,
 * with sparse, and leave for each its status ("rc seconds"), log and sparse
 * report in g->run. One make for all (kbuild's start-up costs about a second of
 * CPU a call, more than most compiles); a file that did not build is built again
 * alone, for a log of its own. A file's time is the distance between its end and
 * the end of the one built before it.
 */
static void lane(const struct kgroup *g, bool after, double timeout)
{
	const char *build = after ? g->after : g->before, *side = after ? "after" : "before";
	const char *srctree = after ? g->shadow : g->root;
	char *o = xasprintf("O=%s", build), *check = xasprintf("CHECK=%s", g->wrapper);
	char *arch = xasprintf("ARCH=%s", g->arch);
	char *sdir = xasprintf("%s/sparse-%s", g->run, side);
	char *blog = xasprintf("%s/%s-all.log", g->run, side);
	char **argv = xcalloc(g->n + 16, sizeof(char *));
	char **objs = xcalloc(g->n + 1, sizeof(char *));
	double *ends = xcalloc(2 * (g->n + 1), sizeof(double)), t0;
	int a = 0, nb = 0;

	mkdir_p(sdir);
	setenv("KMAPCHECK_SPARSE_DIR", sdir, 1);
	setenv("KMAPCHECK_SRCTREE", srctree, 1);
	argv[a++] = "make";
	argv[a++] = "-k";
	argv[a++] = "-s";
	argv[a++] = "--no-print-directory";
	argv[a++] = "-C";
	argv[a++] = (char *)srctree;
	argv[a++] = arch;
	argv[a++] = o;
	argv[a++] = "C=1";
	argv[a++] = check;
	argv[a++] = uses_clang(g) ? "LLVM=-19" : "LLVM=";
	for (int k = 0; k < g->n; k++) {
		char *objpath, *sp;

		bool again = false;

		if (!g->built[k])
			continue;
		objs[k] = object_of(g->unit[k]);
		/* Two files included by one: one goal. */
		for (int j = 0; j < k; j++)
			again |= objs[j] && !strcmp(objs[j], objs[k]);
		if (again)
			continue;
		objpath = path_join(build, objs[k]);
		sp = sparse_path(g, side, g->unit[k]);
		/* C=1 checks what it compiles; without the object it compiles this file. */
		unlink(objpath);
		unlink(sp);
		free(objpath);
		free(sp);
		argv[a++] = objs[k];
		nb++;
	}
	argv[a] = NULL;
	unlink(blog);
	t0 = epoch_seconds();
	/* Its status says little with -k: each object's own evidence is read below. */
	if (nb)
		run_logged(argv, NULL, NULL, NULL, blog, timeout * nb + 300);
	for (int k = 0; k < g->n; k++) {
		char *sp, *report, *objpath, *err = NULL;

		if (!objs[k])
			continue;
		sp = sparse_path(g, side, g->unit[k]);
		report = read_file(sp, NULL, &err);
		free(err);
		err = NULL;
		objpath = path_join(build, objs[k]);
		ends[2 * k] = report && path_is_file(objpath) ? sparse_end(report) : 0;
		ends[2 * k + 1] = k;
		free(report);
		free(sp);
		free(objpath);
	}
	{
		/* Each file's time: from the end of the one before it (or the start). */
		double (*order)[2] = xcalloc(g->n + 1, sizeof(*order)), prev = t0;
		int m = 0;

		for (int k = 0; k < g->n; k++)
			if (objs[k] && ends[2 * k] > 0) {
				order[m][0] = ends[2 * k];
				order[m][1] = k;
				m++;
			}
		qsort(order, m, sizeof(*order), cmp_end);
		for (int i = 0; i < m; i++) {
			int k = (int)order[i][1];
			char *st = side_path(g, k, side, "status"), *line, *err = NULL;

			line = xasprintf("0 %.3f\n", order[i][0] - prev > 0 ? order[i][0] - prev : 0);
			prev = order[i][0];
			write_file_atomic(st, line, strlen(line), &err);
			free(err);
			free(line);
			free(st);
		}
		free(order);
	}
	/* The files that did not build (or whose report is missing): once more, alone. */
	for (int k = 0; k < g->n; k++) {
		char *st, *log, *line, *err = NULL, *objpath;
		char *solo[13];
		double t1;
		int src;

		if (!objs[k] || ends[2 * k] > 0)
			continue;
		st = side_path(g, k, side, "status");
		log = side_path(g, k, side, "log");
		objpath = path_join(build, objs[k]);
		unlink(objpath);
		unlink(log);
		memcpy(solo, argv, 11 * sizeof(char *));
		solo[1] = "-s";		/* no -k: one target */
		solo[11] = objs[k];
		solo[12] = NULL;
		t1 = now_seconds();
		src = run_logged(solo, NULL, NULL, NULL, log, timeout);
		if (src == 0 && !path_is_file(objpath))
			src = -2;
		line = xasprintf("%d %.3f\n", src, now_seconds() - t1);
		write_file_atomic(st, line, strlen(line), &err);
		free(err);
		free(line);
		free(st);
		free(log);
		free(objpath);
	}
	for (int k = 0; k < g->n; k++)
		free(objs[k]);
	free(objs);
	free(argv);
	free(ends);
	free(o);
	free(check);
	free(arch);
	free(sdir);
	free(blog);
}

/* Decide one file of @g from its two lanes' logs. */
static void kbuild_judge(const struct kgroup *g, int k, struct val_file *f, const char *cc)
{
	const char *roots[4] = { g->shadow, g->root, g->after, g->before };
	char *log[2], *sp[2];
	int rc[2] = { -2, -2 };
	double wall[2] = { 0, 0 };
	bool ran[2];

	for (int s = 0; s < 2; s++) {
		const char *side = s ? "after" : "before";
		char *p = side_path(g, k, side, "status"), *st = read_or_empty(p);

		free(p);
		if (sscanf(st, "%d %lf", &rc[s], &wall[s]) != 2)
			rc[s] = -2;
		free(st);
		p = side_path(g, k, side, "log");
		log[s] = read_or_empty(p);
		free(p);
		p = sparse_path(g, side, g->unit[k]);
		sp[s] = read_or_empty(p);
		free(p);
		ran[s] = strstr(sp[s], "kmapcheck: sparse exit status") != NULL;
	}
	f->before_wall = wall[0];
	f->after_wall = wall[1];
	if (rc[0] != 0) {
		char *e = first_errors(log[0], roots, 4, 3);
		char *l = first_line(e);

		f->result = VAL_NOT_VALIDATED;
		f->reason = rc[0] == -1 ? xstrdup("the build before conversion timed out") :
			    rc[0] == -2 ? xstrdup("the build before conversion made no object") :
			    xasprintf("does not compile before conversion either (%s)", l);
		f->detail = e;
		free(l);
	} else if (rc[1] != 0) {
		char *e = first_errors(log[1], roots, 4, 5);
		char *l = first_line(e);

		f->result = VAL_BROKEN;
		f->reason = rc[1] == -1 ? xstrdup("the build after conversion timed out") :
			    rc[1] == -2 ? xstrdup("the build after conversion made no object") :
			    xasprintf("does not compile after conversion: %s", l);
		f->detail = e;
		free(l);
	} else if (!ran[0] || !ran[1]) {
		f->result = VAL_NOT_VALIDATED;
		f->reason = xstrdup("compiles before and after, but sparse did not run");
	} else {
		char *fresh = new_diags(sp[0], sp[1], roots, 4, &f->sparse_before, &f->sparse_after);

		if (fresh) {
			char *l = first_line(fresh);

			f->result = VAL_SPARSE;
			f->reason = xasprintf("sparse reports something new after conversion: %s", l);
			f->detail = fresh;
			free(l);
		} else {
			char *as = strcmp(g->unit[k], g->rel[k]) ?
				   xasprintf(" (as part of %s, which includes it)", g->unit[k]) :
				   xstrdup("");

			f->result = VAL_PASSED;
			f->reason = xasprintf("compiles%s for %s%s%s (%s) with %s; sparse: nothing "
					      "new (%d warning%s before, %d after)", as, g->label,
					      g->syms && g->syms[k] ? " and " : "",
					      g->syms && g->syms[k] ? g->syms[k] : "",
					      g->highmem ? "HIGHMEM" : "no HIGHMEM", cc,
					      f->sparse_before, f->sparse_before == 1 ? "" : "s",
					      f->sparse_after);
			free(as);
		}
	}
	for (int s = 0; s < 2; s++) {
		free(log[s]);
		free(sp[s]);
	}
}

/* "gcc 12.2.0", for the reasons: @cc, the compiler kbuild calls (no CC=, or LLVM=-19). */
static char *compiler_name(const char *cc)
{
	char *log = xasprintf("%s/kmapcheck-cc.%d", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
			      (int)getpid());
	char *argv[] = { (char *)cc, strcmp(cc, "gcc") ? "-dumpversion" : "-dumpfullversion", NULL };
	char *t, *name;

	unlink(log);
	if (run_logged(argv, NULL, NULL, NULL, log, 30) != 0) {
		unlink(log);
		free(log);
		return xstrdup(cc);
	}
	t = read_or_empty(log);
	unlink(log);
	free(log);
	if (strchr(t, '\n'))
		*strchr(t, '\n') = '\0';
	name = xasprintf("%s %s", cc, t);
	free(t);
	return name;
}

/*
 * Which files of @g the configuration in @g->before builds, and as part of what:
 * g->built and g->unit; the others get their reason. Returns how many are built.
 */
static int decide_built(struct kgroup *g, struct val_file *files)
{
	struct ptrvec lists = { 0 };
	int nbuilt = 0;

	g->built = xcalloc(g->n + 1, sizeof(bool));
	g->unit = xcalloc(g->n + 1, sizeof(char *));
	for (int k = 0; k < g->n; k++) {
		struct val_file *f = &files[g->files[k]];
		const char *rel = g->rel[k];
		char *why = NULL, *why2 = NULL, *inc = NULL;

		free(f->reason);
		f->reason = NULL;
		f->result = VAL_NOT_VALIDATED;
		if (!ends_with(rel, ".c")) {
			f->reason = xstrdup("a header: no object of its own to compile");
		} else if (kbuild_builds(g, rel, &lists, &why)) {
			g->unit[k] = xstrdup(rel);
		} else if ((inc = includer_of(g, rel)) && kbuild_builds(g, inc, &lists, &why2)) {
			g->unit[k] = inc;
			inc = NULL;
			free(why);
		} else {
			f->reason = why;
		}
		g->built[k] = g->unit[k] != NULL;
		nbuilt += g->built[k];
		free(why2);
		free(inc);
	}
	pv_free_all(&lists);
	return nbuilt;
}

static bool validate_kernel(const struct val_opts *vo, struct kgroup *g, struct val_file *files)
{
	char *version = kernel_version_of(g->root), *lockpath, *err = NULL, hex[17], *cc;
	char *cache = cache_dir(), *allconfig = NULL;
	uint64_t h = hash64(g->root, strlen(g->root), HASH64_SEED);
	struct child pc[2], lanes[2];
	bool started[2], ok = true;
	int lockfd, nbuilt = -1;
	double timeout = vo->timeout > 0 ? vo->timeout : VAL_DEFAULT_TIMEOUT;

	h = hash64(vo->config, strlen(vo->config), h);
	if (g->allconfig)
		h = hash64(g->allconfig, strlen(g->allconfig), h);
	if (uses_clang(g))
		h = hash64(g->arch, strlen(g->arch), h);
	hash_hex(h, hex);
	g->base = uses_clang(g) ?
		  xasprintf("%s/validate/%s-%s-%s-%s-clang", cache, version, vo->config, g->arch, hex) :
		  xasprintf("%s/validate/%s-%s%s-%s-gcc", cache, version, vo->config,
			    g->allconfig ? "+" : "", hex);
	if (mkdir_p(g->base)) {
		/* Real paths: kbuild names files by them, and the wrapper strips them. */
		char *real = path_real(g->base);

		if (real) {
			free(g->base);
			g->base = real;
		}
	}
	g->before = path_join(g->base, "before");
	g->after = path_join(g->base, "after");
	g->shadow = path_join(g->base, "shadow");
	g->run = path_join(g->base, "run");
	g->wrapper = path_join(g->base, "sparse-check");
	free(cache);
	free(version);
	if (!mkdir_p(g->base)) {
		diag(stderr, g->base, 0, 0, "error", "validate: cannot create: %s", strerror(errno));
		return false;
	}
	/* One validation of a tree at a time: the shadow and the O= directories are shared. */
	lockpath = path_join(g->base, "lock");
	lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(lockpath);
	if (lockfd >= 0)
		flock(lockfd, LOCK_EX);
	if (optional_group(g)) {
		char *failed = path_join(g->base, ".kmapcheck-failed");
		char *why = path_is_file(failed) ? read_or_empty(failed) : NULL;

		free(failed);
		if (why) {
			g->failed = xasprintf("%s (remembered: remove %s/.kmapcheck-failed to try "
					      "again)", why, g->base);
			free(why);
			ok = false;
			goto out;
		}
	}
	remove_tree(g->run);
	mkdir_p(g->run);
	if (!write_wrapper(g->wrapper, &err)) {
		diag(stderr, g->wrapper, 0, 0, "error", "validate: cannot write: %s", err);
		free(err);
		ok = false;
		goto out;
	}
	if (g->allconfig) {
		/*
		 * A second configuration is only worth its prepare (a minute a side)
		 * when it builds something: its lists first, from the configuration alone.
		 */
		allconfig = path_join(g->base, "allconfig");
		if (!write_file_atomic(allconfig, g->allconfig, strlen(g->allconfig), &err)) {
			diag(stderr, allconfig, 0, 0, "error", "validate: cannot write: %s", err);
			free(err);
			ok = false;
			goto out;
		}
		if (!prepare_start(g, g->root, g->before, vo->config, allconfig, "syncconfig",
				   &pc[0], &started[0]) ||
		    !prepare_finish(g, g->before, vo->config, "syncconfig", &pc[0], started[0],
				    vo->quiet)) {
			ok = false;
			goto out;
		}
		nbuilt = decide_built(g, files);
		if (!nbuilt)
			goto out;
	}
	if (!shadow_build(g, files, &err)) {
		diag(stderr, NULL, 0, 0, "error", "validate: shadow tree: %s", err);
		free(err);
		ok = false;
		goto out;
	}
	/* Both configurations at once: they do not share a directory. */
	if (!prepare_start(g, g->root, g->before, vo->config, allconfig, "prepare", &pc[0],
			   &started[0]) ||
	    !prepare_start(g, g->shadow, g->after, vo->config, allconfig, "prepare", &pc[1],
			   &started[1])) {
		diag(stderr, NULL, 0, 0, "error", "validate: cannot run make: %s", strerror(errno));
		ok = false;
		goto out;
	}
	if (!vo->quiet && (started[0] || started[1]))
		fprintf(stderr, "%s: validate: configuring %s for %s with %s in %s (once) ...\n",
			progname, g->root, g->label, uses_clang(g) ? "clang-19" : "gcc",
			g->base);
	ok = prepare_finish(g, g->before, vo->config, "prepare", &pc[0], started[0], vo->quiet);
	ok = prepare_finish(g, g->after, vo->config, "prepare", &pc[1], started[1], vo->quiet) && ok;
	if (!ok)
		goto out;
	g->highmem = config_set(g->before, "HIGHMEM");
	if (!g->highmem && !uses_clang(g)) {
		diag(stderr, g->before, 0, 0, "error", "validate: the configuration has no CONFIG_HIGHMEM");
		ok = false;
		goto out;
	}
	if (nbuilt < 0)
		nbuilt = decide_built(g, files);
	if (!vo->quiet && nbuilt)
		fprintf(stderr, "%s: validate: compiling %d file%s before and after conversion, "
			"with sparse, for %s ...\n", progname, nbuilt, nbuilt == 1 ? "" : "s",
			g->label);
	/* Two lanes, one per O= directory; with one job they take turns. */
	for (int s = 0; s < 2; s++) {
		lanes[s].start = now_seconds();
		lanes[s].pid = fork();
		if (lanes[s].pid == 0) {
			lane(g, s == 1, timeout);
			_exit(0);
		}
		if (lanes[s].pid > 0 && vo->jobs == 1)
			while (waitpid(lanes[s].pid, NULL, 0) < 0 && errno == EINTR)
				;
	}
	for (int s = 0; s < 2; s++)
		if (lanes[s].pid > 0 && vo->jobs != 1)
			while (waitpid(lanes[s].pid, NULL, 0) < 0 && errno == EINTR)
				;
	cc = compiler_name(uses_clang(g) ? "clang-19" : "gcc");
	for (int k = 0; k < g->n; k++)
		if (g->built[k])
			kbuild_judge(g, k, &files[g->files[k]], cc);
	free(cc);
out:
	free(allconfig);
	if (lockfd >= 0)
		close(lockfd);
	return ok;
}

/* ---- plain files ---- */

/* Compile (gcc -c) and check (sparse) @src with @vo's flags (+ @extra); logs in @log_cc, @log_sp. */
static void plain_side(const struct val_opts *vo, const char *src, const char *incdir,
		       const char *log_cc, const char *log_sp, int *rc_cc, double *wall, double timeout)
{
	char **argv = xcalloc(vo->nflags + 10, sizeof(char *));
	char *iq = incdir ? xasprintf("-I%s", incdir) : NULL;
	int n = 0, m;
	double t0 = now_seconds();

	unlink(log_cc);
	unlink(log_sp);
	argv[n++] = "gcc";
	argv[n++] = "-c";
	argv[n++] = "-o";
	argv[n++] = "/dev/null";
	for (int i = 0; i < vo->nflags; i++)
		argv[n++] = (char *)vo->flags[i];
	if (incdir) {
		argv[n++] = "-iquote";
		argv[n++] = (char *)incdir;
	}
	argv[n++] = (char *)src;
	argv[n] = NULL;
	*rc_cc = run_logged(argv, NULL, NULL, NULL, log_cc, timeout);
	m = 0;
	argv[m++] = "sparse";
	for (int i = 0; i < vo->nflags; i++)
		argv[m++] = (char *)vo->flags[i];
	if (iq)
		argv[m++] = iq;
	argv[m++] = (char *)src;
	argv[m] = NULL;
	if (*rc_cc == 0)
		run_logged(argv, NULL, NULL, NULL, log_sp, timeout);
	*wall = now_seconds() - t0;
	free(iq);
	free(argv);
}

static void validate_plain(const struct val_opts *vo, struct val_file *f, const char *run, int i)
{
	char *dir = xstrdup(f->abspath), *slash = strrchr(dir, '/');
	char *cc[2], *sp[2], *tcc[2], *tsp[2];
	const char *roots[2] = { NULL, NULL };
	char *copydir = xstrdup(f->converted), *cs = strrchr(copydir, '/');
	int rc[2];
	double wall[2], timeout = vo->timeout > 0 ? vo->timeout : VAL_DEFAULT_TIMEOUT;

	if (slash)
		*slash = '\0';
	if (cs)
		*cs = '\0';
	roots[0] = copydir;
	roots[1] = dir;
	for (int s = 0; s < 2; s++) {
		cc[s] = xasprintf("%s/%s-%d.cc", run, s ? "after" : "before", i);
		sp[s] = xasprintf("%s/%s-%d.sparse", run, s ? "after" : "before", i);
		plain_side(vo, s ? f->converted : f->abspath, s && slash ? dir : NULL, cc[s], sp[s],
			   &rc[s], &wall[s], timeout);
		tcc[s] = read_or_empty(cc[s]);
		tsp[s] = read_or_empty(sp[s]);
	}
	f->before_wall = wall[0];
	f->after_wall = wall[1];
	if (rc[0] != 0) {
		char *e = first_errors(tcc[0], roots, 2, 3), *l = first_line(e);

		f->result = VAL_NOT_VALIDATED;
		f->reason = xasprintf("does not compile before conversion with the flags after `--` (%s)", l);
		f->detail = e;
		free(l);
	} else if (rc[1] != 0) {
		char *e = first_errors(tcc[1], roots, 2, 5), *l = first_line(e);

		f->result = VAL_BROKEN;
		f->reason = xasprintf("does not compile after conversion: %s", l);
		f->detail = e;
		free(l);
	} else {
		int wb, wa;
		/* No -Werror in plain flags: a new compiler warning counts as a broken build. */
		char *fresh_cc = new_diags(tcc[0], tcc[1], roots, 2, &wb, &wa);
		char *fresh = new_diags(tsp[0], tsp[1], roots, 2, &f->sparse_before, &f->sparse_after);

		if (fresh_cc) {
			char *l = first_line(fresh_cc);

			f->result = VAL_BROKEN;
			f->reason = xasprintf("gcc warns about something new after conversion: %s", l);
			f->detail = fresh_cc;
			fresh_cc = NULL;
			free(l);
		} else if (fresh) {
			char *l = first_line(fresh);

			f->result = VAL_SPARSE;
			f->reason = xasprintf("sparse reports something new after conversion: %s", l);
			f->detail = fresh;
			fresh = NULL;
			free(l);
		} else {
			f->result = VAL_PASSED;
			f->reason = xasprintf("compiles with gcc and the flags after `--`; sparse: nothing "
					      "new (%d warning%s before and after)", f->sparse_before,
					      f->sparse_before == 1 ? "" : "s");
		}
		free(fresh_cc);
		free(fresh);
	}
	for (int s = 0; s < 2; s++) {
		free(cc[s]);
		free(sp[s]);
		free(tcc[s]);
		free(tsp[s]);
	}
	free(dir);
	free(copydir);
}

static void kgroup_free(struct kgroup *g)
{
	free(g->root);
	free(g->base);
	free(g->before);
	free(g->after);
	free(g->shadow);
	free(g->run);
	free(g->wrapper);
	free(g->allconfig);
	free(g->label);
	free(g->failed);
	for (int j = 0; j < g->n; j++) {
		free(g->rel[j]);
		if (g->unit)
			free(g->unit[j]);
		if (g->syms)
			free(g->syms[j]);
	}
	free(g->rel);
	free(g->unit);
	free(g->syms);
	free(g->files);
	free(g->built);
}

/*
 * The CONFIG_ symbols that gate @rel's object in its directory's Makefile, as
 * "CONFIG_A=y, CONFIG_B=y", or NULL; each also added to @frag, once.
 */
static char *gating_symbols(const struct kgroup *g, const char *rel, struct strbuf *frag)
{
	const char *base = strrchr(rel, '/') + 1;
	char *dir = xstrndup(rel, base - 1 - rel), *obj = xasprintf("%.*s.o", (int)strlen(base) - 2, base);
	char *mk = xasprintf("%s/%s/Makefile", g->root, dir), *kb = xasprintf("%s/%s/Kbuild", g->root, dir);
	char *err = NULL, *text = read_file(mk, NULL, &err);
	struct strbuf mine;

	sb_init(&mine);
	if (!text) {
		free(err);
		err = NULL;
		text = read_file(kb, NULL, &err);
	}
	for (char *line = text; line && *line;) {
		char *end = line, *eq;

		/* One logical line: backslash-newline continues it. */
		while (*end && (*end != '\n' || (end > line && end[-1] == '\\')))
			end++;
		eq = memchr(line, '=', end - line);
		if (eq && find_word(line, eq, end, obj, strlen(obj))) {
			for (char *c = line; c < eq && (c = strstr(c, "$(CONFIG_")) && c < eq; c += 9) {
				int n = (int)strspn(c + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
				char *sym = xasprintf("%.*s=y", n, c + 2), *nl = xasprintf("\n%s\n", sym);

				if (!mine.buf || !strstr(mine.buf, sym))
					sb_addf(&mine, "%s%s", mine.len ? ", " : "", sym);
				if (!strstr(frag->buf, nl))
					sb_addf(frag, "%s\n", sym);
				free(nl);
				free(sym);
			}
		}
		line = *end ? end + 1 : end;
	}
	free(text);
	free(err);
	free(mk);
	free(kb);
	free(obj);
	free(dir);
	return mine.len ? sb_detach(&mine) : (sb_free(&mine), NULL);
}

/*
 * Validate @sub, files an earlier group left not validated, each keeping its
 * first reason where @sub cannot build it either: "FIRST; nor by LABEL[ and
 * SYMS]", with what @sub said beyond that (its configuration failed, now or
 * before; kbuild's lists could not be read). Where @sub stopped before trying,
 * the first reason stands alone.
 */
static void validate_again(const struct val_opts *vo, struct kgroup *sub, struct val_file *files)
{
	char **first = xcalloc(sub->n + 1, sizeof(char *));

	for (int k = 0; k < sub->n; k++) {
		first[k] = files[sub->files[k]].reason;
		files[sub->files[k]].reason = NULL;
	}
	validate_kernel(vo, sub, files);
	for (int k = 0; k < sub->n; k++) {
		struct val_file *f = &files[sub->files[k]];
		const char *syms = sub->syms ? sub->syms[k] : NULL;
		bool decided = sub->built && !sub->built[k];	/* f->reason says why not */
		char *why;
		bool more;

		if (sub->built && sub->built[k] && f->reason) {
			free(first[k]);		/* judged: its own result now */
			continue;
		}
		why = decided ? f->reason : sub->failed ? xstrdup(sub->failed) : NULL;
		more = why && !strstr(why, sub->label);
		f->result = VAL_NOT_VALIDATED;
		f->reason = decided || sub->failed ?
			    xasprintf("%s; nor by %s%s%s%s%s", first[k], sub->label,
				      syms ? " and " : "", syms ? syms : "", more ? ": " : "",
				      more ? why : "") :
			    first[k];
		if (f->reason != first[k])
			free(first[k]);
		free(why);
	}
	free(first);
}

/*
 * allmodconfig leaves some code unbuilt on i386: what the other physical address
 * size needs (6.1's allmodconfig has no PAE, and Xen and nvdimm need it; 6.12's
 * has PAE, and hifn_795x needs 32-bit DMA addresses) and the other members of a
 * choice (squashfs's FILE_DIRECT). The files @g's configuration did not build
 * get a second one, i386 with HIGHMEM still: the same target with PAE switched
 * (CONFIG_HIGHMEM64G=y and CONFIG_X86_PAE=y, or CONFIG_HIGHMEM4G=y and no
 * CONFIG_X86_PAE) and the symbols their Makefiles gate them by, as a
 * KCONFIG_ALLCONFIG fragment. What it builds is validated as before; what it does
 * not keeps the first reason, and says that the second did not build it either.
 */
static void second_configuration(const struct val_opts *vo, struct kgroup *g, struct val_file *files)
{
	struct kgroup g2 = { 0 };
	struct strbuf frag;
	bool pae;

	if (strncmp(vo->config, "all", 3) || !g->built)
		return;		/* KCONFIG_ALLCONFIG is read by the all*config targets only;
				 * or validate_kernel() stopped before deciding */
	pae = config_set(g->before, "X86_PAE");
	sb_init(&frag);
	sb_addf(&frag, "# kmapcheck --validate: a second i386 configuration, for what the first "
		"does not build\n%s\n", pae ? "CONFIG_HIGHMEM4G=y\n# CONFIG_X86_PAE is not set" :
		"CONFIG_HIGHMEM64G=y\nCONFIG_X86_PAE=y");
	for (int k = 0; k < g->n; k++) {
		/* Another architecture's code is not built for i386 by any configuration. */
		if (g->built[k] || !ends_with(g->rel[k], ".c") || kernel_other_arch(g->rel[k]))
			continue;
		g2.files = xrealloc(g2.files, (g2.n + 1) * sizeof(int));
		g2.rel = xrealloc(g2.rel, (g2.n + 1) * sizeof(char *));
		g2.syms = xrealloc(g2.syms, (g2.n + 1) * sizeof(char *));
		g2.files[g2.n] = g->files[k];
		g2.syms[g2.n] = gating_symbols(g, g->rel[k], &frag);
		g2.rel[g2.n++] = xstrdup(g->rel[k]);
	}
	if (!g2.n) {
		sb_free(&frag);
		return;
	}
	g2.root = xstrdup(g->root);
	g2.arch = "i386";
	g2.allconfig = sb_detach(&frag);
	g2.label = xasprintf("i386 %s with %s", vo->config,
			     pae ? "CONFIG_HIGHMEM4G=y, CONFIG_X86_PAE off" :
			     "CONFIG_HIGHMEM64G=y, CONFIG_X86_PAE=y");
	validate_again(vo, &g2, files);
	kgroup_free(&g2);
}

/*
 * A file under another architecture's arch/ directory (arm, mips, powerpc,
 * riscv, ...) is built for that architecture, as the scan parses it: the same
 * configuration target with LLVM=-19 (clang is a cross compiler; no other
 * toolchain is needed for an object), before and after. Its reason then names
 * that architecture and whether it has CONFIG_HIGHMEM. An architecture whose
 * configuration fails (sparc: kbuild has no clang target for it) leaves its files
 * not validated, with why, and is not tried again.
 */
static void other_architectures(const struct val_opts *vo, struct kgroup *g, struct val_file *files)
{
	bool *taken;

	if (!g->built)
		return;
	taken = xcalloc(g->n + 1, sizeof(bool));
	for (int k = 0; k < g->n; k++) {
		const char *rel = g->rel[k], *slash;
		struct kgroup ga = { 0 };
		char *arch;

		if (g->built[k] || taken[k] || files[g->files[k]].result != VAL_NOT_VALIDATED ||
		    !kernel_other_arch(rel) || !ends_with(rel, ".c") || !(slash = strchr(rel + 5, '/')))
			continue;
		arch = xstrndup(rel + 5, slash - (rel + 5));
		/* This architecture's files, the first of them at k: one group. */
		for (int j = k; j < g->n; j++) {
			const char *r = g->rel[j];

			if (g->built[j] || taken[j] || files[g->files[j]].result != VAL_NOT_VALIDATED ||
			    !ends_with(r, ".c") || !starts_with(r, "arch/") ||
			    strncmp(r + 5, arch, strlen(arch)) || r[5 + strlen(arch)] != '/')
				continue;
			ga.files = xrealloc(ga.files, (ga.n + 1) * sizeof(int));
			ga.rel = xrealloc(ga.rel, (ga.n + 1) * sizeof(char *));
			ga.files[ga.n] = g->files[j];
			ga.rel[ga.n++] = xstrdup(r);
			taken[j] = true;
		}
		ga.root = xstrdup(g->root);
		ga.arch = arch;
		ga.label = xasprintf("%s %s", arch, vo->config);
		validate_again(vo, &ga, files);
		kgroup_free(&ga);
		free(arch);
	}
	free(taken);
}

bool validate_files(const struct val_opts *vo, struct val_file *files, int n)
{
	struct kgroup *groups = NULL;
	int ngroups = 0;
	bool ok = true;
	char *run = NULL;

	for (int i = 0; i < n; i++) {
		struct val_file *f = &files[i];
		char *root = f->kbuild ? kernel_find_root(f->abspath) : NULL;
		char *real = root ? path_real(root) : NULL;
		struct kgroup *g = NULL;

		f->result = VAL_NOT_VALIDATED;
		f->reason = NULL;
		f->detail = NULL;
		free(root);
		if (!real) {
			/* Plain files, one after another: each is a second or two. */
			if (!run) {
				run = xasprintf("%s/kmapcheck-validate.%d",
						getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
				mkdir_p(run);
			}
			validate_plain(vo, f, run, i);
			continue;
		}
		for (int k = 0; k < ngroups; k++)
			if (!strcmp(groups[k].root, real))
				g = &groups[k];
		if (!g) {
			groups = xrealloc(groups, (ngroups + 1) * sizeof(*groups));
			g = &groups[ngroups++];
			memset(g, 0, sizeof(*g));
			g->root = real;
		} else {
			free(real);
		}
		g->files = xrealloc(g->files, (g->n + 1) * sizeof(int));
		g->rel = xrealloc(g->rel, (g->n + 1) * sizeof(char *));
		{
			char *fr = path_real(f->abspath);

			g->rel[g->n] = xstrdup(path_relative(fr ? fr : f->abspath, g->root));
			free(fr);
		}
		g->files[g->n++] = i;
	}
	for (int k = 0; k < ngroups; k++) {
		struct kgroup *g = &groups[k];

		g->arch = "i386";
		g->label = xasprintf("i386 %s", vo->config);
		if (!validate_kernel(vo, g, files)) {
			ok = false;
			for (int j = 0; j < g->n; j++) {
				struct val_file *f = &files[g->files[j]];

				if (!f->reason)
					f->reason = xstrdup("validation could not run for this tree");
			}
		} else {
			second_configuration(vo, g, files);
			other_architectures(vo, g, files);
		}
		kgroup_free(g);
	}
	free(groups);
	if (run) {
		remove_tree(run);
		free(run);
	}
	return ok;
}
