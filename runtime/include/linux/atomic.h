/* SPDX-License-Identifier: GPL-2.0 */
/* atomic_t and atomic_long_t on the compiler's __atomic builtins (sequentially consistent). */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }

#define __KMAPRT_ATOMIC_OPS(pfx, atype, ctype)				\
static inline ctype pfx##_read(const atype *v)				\
{ return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); }		\
static inline void pfx##_set(atype *v, ctype i)				\
{ __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); }			\
static inline void pfx##_add(ctype i, atype *v)				\
{ __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }		\
static inline void pfx##_sub(ctype i, atype *v)				\
{ __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }		\
static inline void pfx##_inc(atype *v) { pfx##_add(1, v); }		\
static inline void pfx##_dec(atype *v) { pfx##_sub(1, v); }		\
static inline ctype pfx##_add_return(ctype i, atype *v)			\
{ return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline ctype pfx##_sub_return(ctype i, atype *v)			\
{ return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline ctype pfx##_inc_return(atype *v)				\
{ return pfx##_add_return(1, v); }					\
static inline ctype pfx##_dec_return(atype *v)				\
{ return pfx##_sub_return(1, v); }					\
static inline ctype pfx##_fetch_add(ctype i, atype *v)			\
{ return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline bool pfx##_dec_and_test(atype *v)				\
{ return pfx##_sub_return(1, v) == 0; }					\
static inline bool pfx##_inc_and_test(atype *v)				\
{ return pfx##_add_return(1, v) == 0; }					\
static inline bool pfx##_sub_and_test(ctype i, atype *v)		\
{ return pfx##_sub_return(i, v) == 0; }					\
static inline ctype pfx##_xchg(atype *v, ctype i)			\
{ return __atomic_exchange_n(&v->counter, i, __ATOMIC_SEQ_CST); }	\
static inline ctype pfx##_cmpxchg(atype *v, ctype old, ctype new)	\
{									\
	__atomic_compare_exchange_n(&v->counter, &old, new, 0,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	return old;							\
}

__KMAPRT_ATOMIC_OPS(atomic, atomic_t, int)
__KMAPRT_ATOMIC_OPS(atomic_long, atomic_long_t, long)
__KMAPRT_ATOMIC_OPS(atomic64, atomic64_t, long long)

#define smp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define mb()			smp_mb()
#define rmb()			smp_rmb()
#define wmb()			smp_wmb()
#define smp_store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n(p, __ATOMIC_ACQUIRE)
#define cmpxchg(ptr, old, new)						\
	({								\
		__typeof__(*(ptr)) __old = (old);			\
		__atomic_compare_exchange_n(ptr, &__old, new, 0,	\
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
		__old;							\
	})
#define xchg(ptr, v)	__atomic_exchange_n(ptr, v, __ATOMIC_SEQ_CST)
#define cpu_relax()	__asm__ __volatile__("rep; nop" ::: "memory")

#endif
