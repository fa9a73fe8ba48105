/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Assertions for the runtime's functional tests: CHECK() counts failures
 * and prints the failing condition; check_done() prints the tally and is
 * what main() returns.  Provoking tests do not use it.
 */
#ifndef _RUNTIME_TEST_CHECK_H
#define _RUNTIME_TEST_CHECK_H

#include <stdio.h>

static int check_total, check_failed;

#define CHECK(cond)							\
	do {								\
		check_total++;						\
		if (!(cond)) {						\
			check_failed++;					\
			fprintf(stderr, "check failed at %s:%d: %s\n",	\
				__FILE__, __LINE__, #cond);		\
		}							\
	} while (0)

static inline int check_done(void)
{
	printf("%d checks, %d failed\n", check_total, check_failed);
	return check_failed ? 1 : 0;
}

#endif
