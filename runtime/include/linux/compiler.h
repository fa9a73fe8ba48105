/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compiler annotations with the kernel's names, for gcc -m32.  Sparse's
 * address-space attributes are kept when __CHECKER__ is defined; nothing
 * here generates code.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <kmaprt.h>

#ifdef __CHECKER__
# define __iomem	__attribute__((noderef, address_space(__iomem)))
# define __percpu	__attribute__((noderef, address_space(__percpu)))
# define __rcu		__attribute__((noderef, address_space(__rcu)))
# define __force	__attribute__((force))
# define __bitwise	__attribute__((bitwise))
#else
# define __iomem
# define __percpu
# define __rcu
# define __force
# define __bitwise
#endif

#ifndef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define noinline		__attribute__((__noinline__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __used			__attribute__((__used__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __noreturn		__attribute__((__noreturn__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __cold			__attribute__((__cold__))
#define __read_mostly
#define __cacheline_aligned	__attribute__((__aligned__(64)))
#define ____cacheline_aligned	__attribute__((__aligned__(64)))
#define __cacheline_aligned_in_smp	__cacheline_aligned
#define ____cacheline_aligned_in_smp	____cacheline_aligned
#define fallthrough		__attribute__((__fallthrough__))
#define __init
#define __exit
#define __initdata
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define barrier()		__asm__ __volatile__("" : : : "memory")

#define __same_type(a, b)	__builtin_types_compatible_p(__typeof__(a), __typeof__(b))

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)						\
	do { *(volatile __typeof__(x) *)&(x) = (val); } while (0)

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#endif /* _LINUX_COMPILER_H */
