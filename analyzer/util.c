// SPDX-License-Identifier: GPL-2.0
/*
 * util.c - memory, strings, files, hashing and the one diagnostic formatter.
 *
 * Nothing here knows about kernels or mappings.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

const char *progname = "kmapcheck";

void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die("out of memory (%zu bytes)", size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		die("out of memory (%zu bytes)", size);
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	if (vasprintf(&p, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	return p;
}

/*
 * Arena: a chain of blocks. Blocks are at least ARENA_BLOCK bytes; a larger
 * request gets a block of its own.
 */
#define ARENA_BLOCK (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct arena_block *head;
};

struct arena *arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b = a->head;
	size_t align = sizeof(max_align_t);
	void *p;

	size = (size + align - 1) & ~(align - 1);
	if (!b || b->size - b->used < size) {
		size_t bsize = size > ARENA_BLOCK ? size : ARENA_BLOCK;

		b = xmalloc(sizeof(*b) + bsize);
		b->used = 0;
		b->size = bsize;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *tmp, *p;

	va_start(ap, fmt);
	if (vasprintf(&tmp, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	p = arena_strdup(a, tmp);
	free(tmp);
	return p;
}

void sb_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	sb->cap = (sb->len + extra + 1) * 2;
	if (sb->cap < 64)
		sb->cap = 64;
	sb->buf = xrealloc(sb->buf, sb->cap);
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_add(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_addn(sb, &c, 1);
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_grow(sb, n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, n + 1, fmt, ap);
	va_end(ap);
	sb->len += n;
}

void sb_add_json_string(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; s && *s; s++) {
		unsigned char c = *s;

		switch (c) {
		case '"': sb_add(sb, "\\\""); break;
		case '\\': sb_add(sb, "\\\\"); break;
		case '\n': sb_add(sb, "\\n"); break;
		case '\t': sb_add(sb, "\\t"); break;
		case '\r': sb_add(sb, "\\r"); break;
		default:
			if (c < 0x20)
				sb_addf(sb, "\\u%04x", c);
			else
				sb_addc(sb, c);
		}
	}
	sb_addc(sb, '"');
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *sb_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb_init(sb);
	return p;
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb_init(sb);
}

void pv_push(struct ptrvec *pv, void *p)
{
	if (pv->n == pv->cap) {
		pv->cap = pv->cap ? pv->cap * 2 : 16;
		pv->v = xrealloc(pv->v, pv->cap * sizeof(void *));
	}
	pv->v[pv->n++] = p;
}

struct parallel {
	int n, next;		/* next: the next item to take (atomic) */
	void (*fn)(int i, void *ctx);
	void *ctx;
};

static void *parallel_worker(void *arg)
{
	struct parallel *p = arg;
	int i;

	while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < p->n)
		p->fn(i, p->ctx);
	return NULL;
}

void run_parallel(int n, void (*fn)(int i, void *ctx), void *ctx)
{
	struct parallel p = { n, 0, fn, ctx };
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int nthreads = cores < 1 ? 1 : cores > 4 ? 4 : (int)cores, started = 0;
	pthread_t tid[4];

	if (n < 64)
		nthreads = 1;
	for (int t = 1; t < nthreads; t++)
		if (pthread_create(&tid[started], NULL, parallel_worker, &p) == 0)
			started++;
	parallel_worker(&p);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
}

void pv_free(struct ptrvec *pv)
{
	free(pv->v);
	pv->v = NULL;
	pv->n = pv->cap = 0;
}

char *c_include_next(const char *text, const char **pos)
{
	for (const char *s = *pos; (s = strstr(s, ".c\"")); s += 3) {
		const char *q = s, *line;

		/* Back to the opening quote, then the line must be `#include "`. */
		while (q > text && q[-1] != '"' && q[-1] != '\n')
			q--;
		if (q == text || q[-1] != '"')
			continue;
		line = q - 1;
		while (line > text && line[-1] != '\n')
			line--;
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line++ != '#')
			continue;
		while (*line == ' ' || *line == '\t')
			line++;
		if (strncmp(line, "include", 7))
			continue;
		for (line += 7; *line == ' ' || *line == '\t'; line++)
			;
		if (line != q - 1)
			continue;
		*pos = s + 3;
		return xstrndup(q, s + 2 - q);
	}
	return NULL;
}

char *read_file(const char *path, size_t *len, char **err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd;

	*err = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = xstrdup(strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*err = xstrdup(S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
		close(fd);
		return NULL;
	}
	buf = xmalloc(st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				*err = xstrdup(strerror(errno));
			break;
		}
		got += n;
	}
	close(fd);
	if (*err) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	if (len)
		*len = got;
	return buf;
}

bool write_file_atomic(const char *path, const void *data, size_t len, char **err)
{
	char *tmp = xasprintf("%s.kmapcheck-tmp.%d", path, (int)getpid());
	struct stat st;
	size_t done = 0;
	int fd;

	*err = NULL;
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail;
	if (stat(path, &st) == 0)
		fchmod(fd, st.st_mode & 07777);
	while (done < len) {
		ssize_t n = write(fd, (const char *)data + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail_close;
		done += n;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		goto fail_unlink;
	}
	if (rename(tmp, path) < 0)
		goto fail_unlink;
	free(tmp);
	return true;

fail_close:
	close(fd);
fail_unlink:
	*err = xstrdup(strerror(errno));
	unlink(tmp);
	free(tmp);
	return false;
fail:
	*err = xstrdup(strerror(errno));
	free(tmp);
	return false;
}

bool path_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool path_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (b[0] == '/')
		return xstrdup(b);
	if (la && a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

char *path_real(const char *path)
{
	return realpath(path, NULL);
}

const char *path_relative(const char *path, const char *root)
{
	size_t n;

	if (!root || !*root)
		return path;
	n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	if (strncmp(path, root, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

bool mkdir_p(const char *path)
{
	char *p = xstrdup(path), *s;
	bool ok = true;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST) {
				ok = false;
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return ok && path_is_dir(path);
}

char *cache_dir(void)
{
	const char *e = getenv("KMAPCHECK_CACHE");

	if (e && *e)
		return xstrdup(e);
	e = getenv("XDG_CACHE_HOME");
	if (e && *e)
		return path_join(e, "kmapcheck");
	e = getenv("HOME");
	return xasprintf("%s/.cache/kmapcheck", e && *e ? e : "/tmp");
}

uint64_t hash64(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;

	while (len--) {
		h ^= *p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t hash_words(const int *d, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (uint32_t)d[i];
		h *= 0x9e3779b97f4a7c15ULL;
		h ^= h >> 29;
	}
	/* the tables index by the low bits: mix the high ones down */
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	h ^= h >> 32;
	return h;
}

void hash_hex(uint64_t h, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int strcmp_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void vdiag(FILE *out, const char *file, int line, int col, const char *severity,
	   const char *fmt, va_list ap)
{
	if (file && line > 0 && col > 0)
		fprintf(out, "%s:%d:%d: %s: ", file, line, col, severity);
	else if (file && line > 0)
		fprintf(out, "%s:%d: %s: ", file, line, severity);
	else if (file)
		fprintf(out, "%s: %s: ", file, severity);
	else
		fprintf(out, "%s: %s: ", progname, severity);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
}

void diag(FILE *out, const char *file, int line, int col, const char *severity,
	  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(out, file, line, col, severity, fmt, ap);
	va_end(ap);
}

const char *find_word(const char *buf, const char *from, const char *end, const char *word,
		      size_t wl)
{
	const char *p = from;

	while (p < end && (p = memmem(p, end - p, word, wl)) != NULL) {
		if ((p == buf || !c_ident_char(p[-1])) && (p + wl >= end || !c_ident_char(p[wl])))
			return p;
		p += wl;
	}
	return NULL;
}
