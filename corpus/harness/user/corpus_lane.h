/* SPDX-License-Identifier: GPL-2.0 */
/*
 * corpus_lane.h (user lane) - runs a corpus case as an i386 program linked with the reference
 * runtime (runtime/libkmaprt.a): CORPUS_CASE() becomes main(). Included by corpus.h only; it
 * judges the run (data checks and runtime reports), never the case's verdict annotations.
 */
#ifndef CORPUS_LANE_H
#define CORPUS_LANE_H

#include <stdarg.h>
#include <stdio.h>
#include <linux/compiler.h>
#include <kmaprt.h>

/* Failed checks reported by corpus_fail() so far; the entry point fails if this is not 0. */
static int corpus_failures __maybe_unused;

/* The case's name: the file name without directory and ".c", as corpus.py names it. */
static inline void corpus_lane_name(const char *file, const char **name, int *len)
{
	const char *p, *base = file;

	for (p = file; *p; p++)
		if (*p == '/')
			base = p + 1;
	*name = base;
	*len = p - base;
	if (*len > 2 && base[*len - 2] == '.' && base[*len - 1] == 'c')
		*len -= 2;
}

static inline __printf(3, 4) void corpus_lane_fail(const char *file, int line,
						   const char *fmt, ...)
{
	const char *name;
	int len;
	va_list ap;

	corpus_failures++;
	corpus_lane_name(file, &name, &len);
	printf("corpus: %.*s: %s:%d: ", len, name, file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#define corpus_fail(fmt, ...) corpus_lane_fail(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

/*
 * Runs the case once. The verdict line is "corpus: NAME ok" or "corpus: NAME FAILED (...)";
 * reports the runtime prints after this point (at exit) still reach the output and the exit
 * status, and corpus.py reads both.
 */
static inline int corpus_lane_main(int (*fn)(void), const char *file)
{
	const char *name;
	int len, ret, reports;

	setvbuf(stdout, NULL, _IONBF, 0);
	corpus_lane_name(file, &name, &len);
	ret = fn();
	reports = kmaprt_report_count();
	if (!ret && !corpus_failures && !reports) {
		printf("corpus: %.*s ok\n", len, name);
		return 0;
	}
	printf("corpus: %.*s FAILED (returned %d, %d failed checks, %d runtime reports)\n",
	       len, name, ret, corpus_failures, reports);
	return 1;
}

#define CORPUS_CASE(fn)							\
	int main(void)							\
	{								\
		return corpus_lane_main(fn, __FILE__);			\
	}

static inline void __user *corpus_user_alloc(size_t len)
{
	return kmaprt_user_alloc(len);
}

static inline void corpus_user_free(void __user *p, size_t len)
{
	kmaprt_user_free(p);
}

/*
 * As the kernel lane does it: copy_to_user() from the test's own context, so
 * the pages are present afterwards (faulted in), as corpus.h promises.
 */
static inline int corpus_user_write(void __user *dst, const void *src, size_t len)
{
	return copy_to_user(dst, src, len) ? -EFAULT : 0;
}

static inline int corpus_user_read(void *dst, const void __user *src, size_t len)
{
	return kmaprt_user_read(dst, src, len);
}

#endif /* CORPUS_LANE_H */
