// SPDX-License-Identifier: GPL-2.0
/*
 * pch.c - one precompiled <linux/highmem.h> and common headers per set of flags
 * that can change them.
 *
 * See pch.h for when a file is parsed with it. The jobs share a directory:
 * the first job that needs a PCH builds it under a lock on KEY.lock, writes
 * KEY.pch (or KEY.failed with the reason; KEY.reduced too, with the reason,
 * when it holds <linux/highmem.h> alone) and the others wait for it, so no
 * PCH is built twice and a job that dies while building leaves no half file
 * behind (the build writes a temporary name and renames it). pch_fini() counts
 * those files and keeps the first reason of each kind for the run's summary.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pch.h"
#include "util.h"

/*
 * The headers precompiled after <linux/highmem.h>: the ones most included by the files
 * that call the mapping API in linux 6.1 (each by 9 to 187 of the 358 .c files parsed with
 * kbuild's x86 flags) that are not already among highmem.h's own, and that build on their
 * own after it. Each is included only where the tree has it (__has_include), so the list
 * suits other versions and trees without those headers, and only with flags that keep the
 * system's headers out (-nostdinc, as every kernel build has): elsewhere the names could
 * find the C library's linux/ headers.
 *
 * Measured on linux 6.1 (the whole scan, output identical): highmem.h alone 123.4 s, with
 * these 42 96.9 s. More is not better: the 111 headers included by at least 8 files gave
 * 108.7 s; after the lowering stopped asking libclang for header texts (0b0369e), 18 more
 * (60) gave 85.7 s against 79.4 s, with 30 files parsed again without the PCH instead of 19.
 * Headers that need a file's own definitions are left out (net/tcp.h expands
 * KBUILD_MODNAME in its inline functions; linux/swapops.h needs linux/swap.h first).
 */
static const char *const pch_common_headers[] = {
	"linux/slab.h", "linux/module.h", "linux/pagemap.h", "linux/vmalloc.h", "linux/swap.h",
	"linux/blkdev.h", "linux/scatterlist.h", "linux/sched/mm.h", "linux/buffer_head.h",
	"linux/bio.h", "linux/interrupt.h", "linux/writeback.h", "linux/file.h", "linux/uio.h",
	"linux/delay.h", "linux/sched/signal.h", "linux/kthread.h", "linux/backing-dev.h",
	"linux/seq_file.h", "linux/pci.h", "linux/dma-mapping.h", "linux/netdevice.h",
	"linux/skbuff.h", "linux/device.h", "linux/io.h", "linux/workqueue.h", "linux/random.h",
	"linux/mount.h", "linux/compat.h", "linux/namei.h", "linux/ratelimit.h",
	"linux/moduleparam.h", "linux/blk-mq.h", "linux/iomap.h", "linux/mpage.h",
	"linux/xattr.h", "linux/crc32c.h", "linux/posix_acl.h", "linux/statfs.h",
	"linux/mempool.h", "linux/net.h", "linux/crypto.h",
};

int pch_ncommon_headers(void)
{
	return (int)(sizeof(pch_common_headers) / sizeof(pch_common_headers[0]));
}

/* Write @dir/@name: <linux/highmem.h>, then the common headers when @common. */
static bool write_preamble(const char *dir, const char *name, bool common)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	bool ok = f && fprintf(f, "#include <%s>\n", PCH_HEADER) >= 0;

	for (int i = 0; ok && common && i < pch_ncommon_headers(); i++)
		ok = fprintf(f, "#if __has_include(<%s>)\n#include <%s>\n#endif\n",
			     pch_common_headers[i], pch_common_headers[i]) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	free(path);
	return ok;
}

/* Remove @dir's files and @dir (a PCH directory holds no subdirectories). */
static void remove_flat_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *path;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	rmdir(dir);
}

/*
 * Remove the PCH directories of runs that ended without pch_fini() (killed): named
 * pch-PID-XXXXXX, their process is gone; named pch-XXXXXX (kmapcheck before the PID
 * was in the name), an hour old. A whole-tree PCH directory holds about 100 MB.
 */
static void sweep_stale(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *e;
	time_t now = time(NULL);

	if (!d)
		return;
	while ((e = readdir(d))) {
		char *end, *path;
		long pid;
		struct stat st;
		bool stale = false;

		if (strncmp(e->d_name, "pch-", 4))
			continue;
		path = xasprintf("%s/%s", parent, e->d_name);
		pid = strtol(e->d_name + 4, &end, 10);
		if (end != e->d_name + 4 && *end == '-' && pid > 0)
			stale = kill((pid_t)pid, 0) < 0 && errno == ESRCH;
		else if (strlen(e->d_name) == 10 && stat(path, &st) == 0)
			stale = now - st.st_mtime > 3600;
		if (stale)
			remove_flat_dir(path);
		free(path);
	}
	closedir(d);
}

void pch_init(struct pch_ctx *p, const char *parent)
{
	char *tmpl;

	memset(p, 0, sizeof(*p));
	if (!mkdir_p(parent))
		return;
	sweep_stale(parent);
	tmpl = xasprintf("%s/pch-%d-XXXXXX", parent, (int)getpid());
	if (!mkdtemp(tmpl)) {
		free(tmpl);
		return;
	}
	p->dir = tmpl;
	if (!write_preamble(tmpl, "preamble.h", true) || !write_preamble(tmpl, "highmem.h", false))
		pch_fini(p);
}

/* Count one more variant in *@n; the first one's reason, in @path, goes to *@why. */
static void keep_reason(int *n, char **why, const char *path)
{
	char *err = NULL;

	if ((*n)++ == 0)
		*why = read_file(path, NULL, &err);
	free(err);
}

void pch_fini(struct pch_ctx *p)
{
	DIR *d;
	struct dirent *e;

	if (p->dir && (d = opendir(p->dir))) {
		while ((e = readdir(d))) {
			char *path;
			size_t n = strlen(e->d_name);

			if (e->d_name[0] == '.')
				continue;
			if (n > 4 && !strcmp(e->d_name + n - 4, ".pch"))
				p->built++;
			path = xasprintf("%s/%s", p->dir, e->d_name);
			if (n > 7 && !strcmp(e->d_name + n - 7, ".failed"))
				keep_reason(&p->failed, &p->why_failed, path);
			if (n > 8 && !strcmp(e->d_name + n - 8, ".reduced"))
				keep_reason(&p->reduced, &p->why_reduced, path);
			unlink(path);
			free(path);
		}
		closedir(d);
		rmdir(p->dir);
	}
	free(p->dir);
	p->dir = NULL;
	for (int i = 0; i < p->ncommon_inc; i++)
		free(p->common_inc[i]);
	free(p->common_inc);
	p->common_inc = NULL;
	p->ncommon_inc = 0;
}

bool pch_wanted(const struct flagset *fs)
{
	return fs->argc && fs->origin &&
	       (!strcmp(fs->origin, "kbuild") || !strcmp(fs->origin, "compile_commands.json"));
}

/* The directory of the -I option at @argv[*i] (advancing *i past it), or NULL. */
static const char *include_dir(const struct flagset *fs, int *i)
{
	const char *a = fs->argv[*i];

	if (strcmp(a, "-I") == 0 && *i + 1 < fs->argc)
		return fs->argv[++*i];
	if (strncmp(a, "-I", 2) == 0 && a[2])
		return a + 2;
	return NULL;
}

void pch_note_flags(struct pch_ctx *p, const struct flagset *fs)
{
	int k = 0;

	if (!p->dir || !pch_wanted(fs))
		return;
	if (!p->have_common) {
		p->have_common = true;
		for (int i = 0; i < fs->argc; i++) {
			const char *d = include_dir(fs, &i);

			if (d) {
				p->common_inc = xrealloc(p->common_inc, (p->ncommon_inc + 1) * sizeof(char *));
				p->common_inc[p->ncommon_inc++] = xstrdup(d);
			}
		}
		return;
	}
	for (int i = 0; i < fs->argc && k < p->ncommon_inc; i++) {
		const char *d = include_dir(fs, &i);

		if (!d)
			continue;
		if (strcmp(d, p->common_inc[k]))
			break;
		k++;
	}
	for (int j = k; j < p->ncommon_inc; j++)
		free(p->common_inc[j]);
	p->ncommon_inc = k;
}

/* kbuild's per-file names: the PCH does not hold them, the file adds them after it. */
static bool per_file_define(const char *a)
{
	static const char *const names[] = {
		"-DKBUILD_MODNAME=", "-DKBUILD_BASENAME=", "-D__KBUILD_MODNAME=", "-DKBUILD_MODFILE=",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strncmp(a, names[i], strlen(names[i])))
			return true;
	return false;
}

/*
 * The flags the PCH for @fs is built with: all of @fs but the per-file names
 * and the -I options past the common ones (those come after every -I the PCH
 * searched, so they cannot change what its headers found).
 */
static void key_flags(const struct pch_ctx *p, const struct flagset *fs, struct flagset *key)
{
	int k = 0;
	bool run = true;

	memset(key, 0, sizeof(*key));
	for (int i = 0; i < fs->argc; i++) {
		int at = i;
		const char *d = include_dir(fs, &i);

		if (d) {
			if (run && k < p->ncommon_inc && !strcmp(d, p->common_inc[k])) {
				for (int j = at; j <= i; j++)
					flagset_add(key, fs->argv[j]);
				k++;
			} else {
				run = false;
			}
			continue;
		}
		if (per_file_define(fs->argv[i]))
			continue;
		flagset_add(key, fs->argv[i]);
	}
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}


/* Write @path: @why, or @dflt when there is none (pch_fini() reads the first back). */
static void write_reason(const char *path, const char *why, const char *dflt)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fprintf(f, "%s", why ? why : dflt);
		fclose(f);
	}
}

void pch_plan(struct pch_ctx *p, const struct flagset *const *fss, int n)
{
	uint64_t *keys;
	int *count, nk = 0;

	if (!p->dir || !p->ncommon_inc)
		return;
	keys = xcalloc(n + 1, sizeof(*keys));
	count = xcalloc(n + 1, sizeof(*count));
	for (int i = 0; i < n; i++) {
		struct flagset key;
		uint64_t h;
		int k;

		if (!pch_wanted(fss[i]))
			continue;
		key_flags(p, fss[i], &key);
		h = flagset_hash(&key);
		flagset_free(&key);
		for (k = 0; k < nk && keys[k] != h; k++)
			;
		if (k == nk)
			keys[nk++] = h;
		count[k]++;
	}
	for (int k = 0; k < nk; k++) {
		char hex[17], *skip;

		if (count[k] >= PCH_MIN_VARIANT_FILES)
			continue;
		hash_hex(keys[k], hex);
		skip = xasprintf("%s/%s.skip", p->dir, hex);
		write_reason(skip, NULL, "too few files");
		free(skip);
		p->skipped++;
	}
	free(keys);
	free(count);
}

char *pch_for(const struct pch_ctx *p, const struct flagset *fs, pch_build_fn build,
	      const char ***argv, int *argc)
{
	struct flagset key;
	char hex[17], *base, *pch, *lock, *failed, *reduced, *skip, *header, *tmp;
	int fd;
	const char **out;
	int n = 0;

	if (!p->dir || !p->ncommon_inc || !pch_wanted(fs))
		return NULL;
	key_flags(p, fs, &key);
	hash_hex(flagset_hash(&key), hex);
	base = xasprintf("%s/%s", p->dir, hex);
	pch = xasprintf("%s.pch", base);
	lock = xasprintf("%s.lock", base);
	failed = xasprintf("%s.failed", base);
	reduced = xasprintf("%s.reduced", base);
	skip = xasprintf("%s.skip", base);
	/* written by pch_plan() before the jobs: no lock to wait for */
	if (exists(skip))
		goto none;
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		if (fd >= 0)
			close(fd);
		goto none;
	}
	if (!exists(pch) && !exists(failed)) {
		char *err = NULL, *why = NULL;
		bool ok = false, kernel = false;

		tmp = xasprintf("%s.tmp", base);
		/* The common headers are the kernel's: only for flags that keep the system's out. */
		for (int i = 0; i < key.argc; i++)
			kernel |= !strcmp(key.argv[i], "-nostdinc");
		if (kernel) {
			header = xasprintf("%s/preamble.h", p->dir);
			ok = build((const char *const *)key.argv, key.argc, header, tmp, &why);
			free(header);
		}
		if (!ok) {
			/* Not a kernel's flags, or a common header that does not build here. */
			header = xasprintf("%s/highmem.h", p->dir);
			ok = build((const char *const *)key.argv, key.argc, header, tmp, &err);
			free(header);
			if (ok && kernel)
				write_reason(reduced, why, "the common headers could not be precompiled");
		}
		if (!ok || rename(tmp, pch) != 0) {
			unlink(tmp);
			write_reason(failed, err, "the precompiled header could not be written");
		}
		free(why);
		free(err);
		free(tmp);
	}
	flock(fd, LOCK_UN);
	close(fd);
	if (!exists(pch))
		goto none;
	out = xcalloc(fs->argc + 3, sizeof(char *));
	out[n++] = "-include-pch";
	out[n++] = pch;
	for (int i = 0; i < fs->argc; i++) {
		if (!strcmp(fs->argv[i], "-include") && i + 1 < fs->argc) {
			i++;
			continue;
		}
		out[n++] = fs->argv[i];
	}
	*argv = out;
	*argc = n;
	flagset_free(&key);
	free(base);
	free(lock);
	free(failed);
	free(reduced);
	free(skip);
	return pch;
none:
	flagset_free(&key);
	free(base);
	free(pch);
	free(lock);
	free(failed);
	free(reduced);
	free(skip);
	return NULL;
}

/* Is the directive at @p (after '#' and blanks) @word followed by a non-identifier? */
static bool directive_is(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && !memcmp(p, word, n) &&
	       (p + n == end || !c_ident_char(p[n]));
}

const char *pch_text_refuses(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	const char *first_define = NULL, *last_include = NULL;
	bool line_start = true;

	while (p < end) {
		char ch = *p;

		if (ch == '/' && p + 1 < end && p[1] == '*') {
			const char *e = p + 2;

			while (e + 1 < end && !(e[0] == '*' && e[1] == '/'))
				e++;
			p = e + 2 < end ? e + 2 : end;
			continue;
		}
		if (ch == '/' && p + 1 < end && p[1] == '/') {
			while (p < end && *p != '\n')
				p++;
			continue;
		}
		if (ch == '\n') {
			line_start = true;
			p++;
			continue;
		}
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
			p++;
			continue;
		}
		if (ch == '#' && line_start) {
			const char *d = p + 1, *name;

			while (d < end && (*d == ' ' || *d == '\t'))
				d++;
			if (directive_is(d, end, "include")) {
				last_include = p;
			} else if (!first_define &&
				   (directive_is(d, end, "define") || directive_is(d, end, "undef"))) {
				name = d + (*d == 'd' ? 6 : 5);
				while (name < end && (*name == ' ' || *name == '\t'))
					name++;
				if (!directive_is(name, end, "pr_fmt") && !directive_is(name, end, "dev_fmt"))
					first_define = p;
			}
			/* The rest of the directive, continuation lines included. */
			while (p < end && *p != '\n') {
				if (*p == '\\' && p + 1 < end && p[1] == '\n')
					p++;
				else if (*p == '/' && p + 1 < end && p[1] == '*')
					break;
				p++;
			}
			line_start = false;
			continue;
		}
		line_start = false;
		if (ch == '"' || ch == '\'') {
			p++;
			while (p < end && *p != ch && *p != '\n') {
				if (*p == '\\' && p + 1 < end)
					p++;
				p++;
			}
			p++;
			continue;
		}
		p++;
	}
	if (first_define && last_include && first_define < last_include)
		return "a #define or #undef before its last #include";
	return NULL;
}
