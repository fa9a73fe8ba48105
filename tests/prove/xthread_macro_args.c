#include "kapi.h"

/* x86-32 spells memcpy() as a macro around the builtin */
#undef memcpy
#define memcpy(t, f, n) __builtin_memcpy(t, f, n)

void *last_seen;
char *log_source(char *src);

static char *remember(char *src)
{
	last_seen = src;
	return src;
}

/* a call written among a macro's arguments is that call, not the macro's */
void copy_remembered(struct page *page, char *dst)
{
	char *p = kmap_atomic(page);

	memcpy(dst, remember(p), 16);
	kunmap_atomic(p);
}

void copy_logged(struct page *page, char *dst)
{
	char *p = kmap_atomic(page);

	memcpy(dst, log_source(p), 16);
	kunmap_atomic(p);
}
/*
 * check-name: a call among a macro's arguments is not judged by the macro's rules
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_macro_args.c:19:12: warning: kmap_atomic() is deprecated; verdict cross-thread: the address escapes: passed to remember(), where it is stored to last_seen (global) (line 12) at line 21 [kmap-deprecated]
xthread_macro_args.c:22:2: warning: kunmap_atomic() verdict cross-thread: releases the mapping of line 19 [kmap-unmap]
xthread_macro_args.c:27:12: warning: kmap_atomic() is deprecated; verdict unknown: the address is passed to log_source(), which is not analysed at line 29 [kmap-deprecated]
xthread_macro_args.c:30:2: note: kunmap_atomic() verdict unknown: releases the mapping of line 27 [kmap-unmap]
 * check-output-end
 */
