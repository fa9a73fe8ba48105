/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copies between the kernel and "user" memory (kmaprt_user_alloc()).  A
 * user page may be not present: copy_{from,to}_user() fault it in (and so
 * are might_fault() points, as in the kernel), the *_inatomic variants
 * expect page faults disabled and return a short count instead.  They
 * return the number of bytes NOT copied.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/sched.h>

#define KMAPRT_UACCESS_INATOMIC	0x1	/* caller promises page faults are off */
#define KMAPRT_UACCESS_TO_USER	0x2

unsigned long kmaprt_copy_user(void *to, const void *from, unsigned long n,
			       unsigned int flags, const char *api,
			       const struct kmaprt_site *site);
unsigned long kmaprt_clear_user(void __user *to, unsigned long n,
				const struct kmaprt_site *site);
long kmaprt_strncpy_from_user(char *dst, const char __user *src, long count,
			      const struct kmaprt_site *site);
bool kmaprt_access_ok(const void __user *addr, unsigned long size);

static __always_inline void kmaprt_might_fault(const struct kmaprt_site *site,
					       const char *what)
{
	/* With page faults disabled a fault fails fast instead of sleeping. */
	if (!pagefault_disabled())
		kmaprt_might_sleep(site, what);
}

#define might_fault()		kmaprt_might_fault(KMAPRT_SITE, "might_fault")

#define copy_from_user(to, from, n)					\
	kmaprt_copy_user((to), (__force const void *)(from), (n), 0,	\
			 "copy_from_user", KMAPRT_SITE)
#define copy_to_user(to, from, n)					\
	kmaprt_copy_user((__force void *)(to), (from), (n),		\
			 KMAPRT_UACCESS_TO_USER, "copy_to_user", KMAPRT_SITE)
#define __copy_from_user(to, from, n)					\
	kmaprt_copy_user((to), (__force const void *)(from), (n), 0,	\
			 "__copy_from_user", KMAPRT_SITE)
#define __copy_to_user(to, from, n)					\
	kmaprt_copy_user((__force void *)(to), (from), (n),		\
			 KMAPRT_UACCESS_TO_USER, "__copy_to_user", KMAPRT_SITE)
#define __copy_from_user_inatomic(to, from, n)				\
	kmaprt_copy_user((to), (__force const void *)(from), (n),	\
			 KMAPRT_UACCESS_INATOMIC,			\
			 "__copy_from_user_inatomic", KMAPRT_SITE)
#define __copy_to_user_inatomic(to, from, n)				\
	kmaprt_copy_user((__force void *)(to), (from), (n),		\
			 KMAPRT_UACCESS_INATOMIC | KMAPRT_UACCESS_TO_USER, \
			 "__copy_to_user_inatomic", KMAPRT_SITE)
#define __copy_from_user_inatomic_nocache __copy_from_user_inatomic
#define clear_user(to, n)	kmaprt_clear_user((to), (n), KMAPRT_SITE)
#define __clear_user(to, n)	kmaprt_clear_user((to), (n), KMAPRT_SITE)
#define strncpy_from_user(dst, src, count)				\
	kmaprt_strncpy_from_user((dst), (src), (count), KMAPRT_SITE)
#define access_ok(addr, size)	kmaprt_access_ok((addr), (size))

#define get_user(x, ptr)						\
	({								\
		__typeof__(*(ptr)) __gu_val;				\
		unsigned long __gu_left =				\
			kmaprt_copy_user(&__gu_val,			\
					 (__force const void *)(ptr),	\
					 sizeof(__gu_val), 0,		\
					 "get_user", KMAPRT_SITE);	\
		(x) = __gu_left ? (__typeof__(*(ptr)))0 : __gu_val;	\
		__gu_left ? -EFAULT : 0;				\
	})

#define put_user(x, ptr)						\
	({								\
		__typeof__(*(ptr)) __pu_val = (x);			\
		kmaprt_copy_user((__force void *)(ptr), &__pu_val,	\
				 sizeof(__pu_val),			\
				 KMAPRT_UACCESS_TO_USER, "put_user",	\
				 KMAPRT_SITE) ? -EFAULT : 0;		\
	})

#define __get_user(x, ptr)	get_user(x, ptr)
#define __put_user(x, ptr)	put_user(x, ptr)

#endif
