/* SPDX-License-Identifier: GPL-2.0 */
/* min()/max() that evaluate their arguments once, and their typed variants. */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

/* Unique local names per expansion, so that min(a, max(b, c)) does not shadow. */
#define __kmaprt_cmp(x, y, op)	__kmaprt_cmp_n(x, y, op, __COUNTER__)
#define __kmaprt_cmp_n(x, y, op, n) __kmaprt_cmp_p(x, y, op, n)
#define __kmaprt_cmp_p(x, y, op, n) __kmaprt_cmp_u(x, y, op, __kx##n, __ky##n)
#define __kmaprt_cmp_u(x, y, op, ux, uy)				\
	({								\
		__typeof__(x) ux = (x);					\
		__typeof__(y) uy = (y);					\
		(void)(&ux == &uy);	/* types must match, as in the kernel */ \
		ux op uy ? ux : uy;					\
	})

#define min(x, y)		__kmaprt_cmp(x, y, <)
#define max(x, y)		__kmaprt_cmp(x, y, >)
#define min_t(type, x, y)	__kmaprt_cmp((type)(x), (type)(y), <)
#define max_t(type, x, y)	__kmaprt_cmp((type)(x), (type)(y), >)
#define min3(x, y, z)		min((__typeof__(x))min(x, y), z)
#define max3(x, y, z)		max((__typeof__(x))max(x, y), z)
#define clamp(val, lo, hi)	min((__typeof__(val))max(val, lo), hi)
#define clamp_t(type, val, lo, hi) min_t(type, max_t(type, val, lo), hi)
#define clamp_val(val, lo, hi)	clamp_t(__typeof__(val), val, lo, hi)
#define swap(a, b)							\
	do { __typeof__(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

#endif
