/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BUG()/WARN() with the kernel's meanings: a BUG stops the program with a
 * "kmaprt: BUG: [assert]" report, a WARN prints "kmaprt: WARNING: [assert]",
 * counts and goes on.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>

__noreturn void kmaprt_bug(const struct kmaprt_site *site, const char *cond);
void kmaprt_warn(const struct kmaprt_site *site, const char *cond,
		 const char *fmt, ...) __printf(3, 4);

#define BUG()		kmaprt_bug(KMAPRT_SITE, NULL)
#define BUG_ON(cond)							\
	do {								\
		if (unlikely(cond))					\
			kmaprt_bug(KMAPRT_SITE, #cond);			\
	} while (0)

#define WARN_ON(cond)							\
	({								\
		int __ret_warn_on = !!(cond);				\
		if (unlikely(__ret_warn_on))				\
			kmaprt_warn(KMAPRT_SITE, #cond, NULL);		\
		unlikely(__ret_warn_on);				\
	})

#define WARN(cond, fmt...)						\
	({								\
		int __ret_warn_on = !!(cond);				\
		if (unlikely(__ret_warn_on))				\
			kmaprt_warn(KMAPRT_SITE, #cond, fmt);		\
		unlikely(__ret_warn_on);				\
	})

#define WARN_ON_ONCE(cond)						\
	({								\
		static bool __warned;					\
		int __ret_warn_once = !!(cond);				\
		if (unlikely(__ret_warn_once && !__warned)) {		\
			__warned = true;				\
			kmaprt_warn(KMAPRT_SITE, #cond, NULL);		\
		}							\
		unlikely(__ret_warn_once);				\
	})

#define WARN_ONCE(cond, fmt...)						\
	({								\
		static bool __warned;					\
		int __ret_warn_once = !!(cond);				\
		if (unlikely(__ret_warn_once && !__warned)) {		\
			__warned = true;				\
			kmaprt_warn(KMAPRT_SITE, #cond, fmt);		\
		}							\
		unlikely(__ret_warn_once);				\
	})

#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_WARN_ON(cond)	WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond)	WARN_ON_ONCE(cond)

#endif
