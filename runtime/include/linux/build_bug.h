/* SPDX-License-Identifier: GPL-2.0 */
/* Compile-time assertions with the kernel's names; they emit no code. */
#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H

#include <linux/compiler.h>

/*
 * A negative array size stops the build; the expression is usable where a
 * statement is, as the kernel's is.
 */
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))
#define BUILD_BUG_ON_MSG(cond, msg)	_Static_assert(!(cond), msg)
#define BUILD_BUG_ON(condition)						\
	((void)sizeof(char[1 - 2 * !!(condition)]))
#define BUILD_BUG()		BUILD_BUG_ON(1)
#define static_assert(expr, ...) _Static_assert(expr, "" __VA_ARGS__)

#endif
