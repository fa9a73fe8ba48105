/* SPDX-License-Identifier: GPL-2.0 */
/*
 * util.h - memory, strings and the one diagnostic formatter.
 *
 * Allocation failure stops the program (there is nothing useful left to do);
 * everything else reports and goes on.
 */
#ifndef KMAPCHECK_UTIL_H
#define KMAPCHECK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An arena: many small allocations freed together. */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);	/* zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable string. */
struct strbuf {
	char *buf;
	size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_addc(struct strbuf *sb, char c);
void sb_add_json_string(struct strbuf *sb, const char *s);	/* with the quotes */
void sb_reset(struct strbuf *sb);
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* A growable array of pointers. */
struct ptrvec {
	void **v;
	int n, cap;
};
void pv_push(struct ptrvec *pv, void *p);
void pv_free(struct ptrvec *pv);

/*
 * Call @fn(i, @ctx) for every i in [0, @n), on one thread per core (up to 4;
 * one below 64 items), and return when all are done. @fn must be thread-safe.
 */
void run_parallel(int n, void (*fn)(int i, void *ctx), void *ctx);

/* Files. */
/* Can @c be part of a C identifier? (ASCII only, as the kernel's names are.) */
static inline bool c_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * The first whole-identifier occurrence of @word (length @wl) at or after @from in
 * the text [@buf, @end): not preceded or followed by an identifier character. NULL
 * when there is none.
 */
const char *find_word(const char *buf, const char *from, const char *end, const char *word,
		      size_t wl);

char *read_file(const char *path, size_t *len, char **err);	/* NUL-terminated; err set on failure */
/* The NAME of the next `#include "NAME.c"` line of @text from *@pos on (moved past it), or NULL. */
char *c_include_next(const char *text, const char **pos);
bool write_file_atomic(const char *path, const void *data, size_t len, char **err);
bool path_is_dir(const char *path);
bool path_is_file(const char *path);
char *path_join(const char *a, const char *b);
char *path_real(const char *path);		/* realpath, or NULL */
const char *path_relative(const char *path, const char *root);	/* pointer into path, or path */
bool mkdir_p(const char *path);
char *cache_dir(void);				/* $KMAPCHECK_CACHE, $XDG_CACHE_HOME/kmapcheck or ~/.cache/kmapcheck */

/* FNV-1a 64-bit: content and flag hashes (stable across runs and machines). */
uint64_t hash64(const void *data, size_t len, uint64_t seed);
/* A faster hash of @n ints for in-memory tables only (never stored: not hash64()'s values). */
uint64_t hash_words(const int *d, size_t n, uint64_t h);
#define HASH64_SEED 0xcbf29ce484222325ULL
void hash_hex(uint64_t h, char out[17]);

double now_seconds(void);
/* qsort comparator for an array of char *. */
int strcmp_ptr(const void *a, const void *b);

/*
 * diag - the one formatter of diagnostics: "file:line:col: severity: message".
 * line/col of 0 are left out. severity is "error", "warning" or "note".
 */
void diag(FILE *out, const char *file, int line, int col, const char *severity,
	  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void vdiag(FILE *out, const char *file, int line, int col, const char *severity,
	   const char *fmt, va_list ap);

/* The program's name for messages that are not about a file. */
extern const char *progname;
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
