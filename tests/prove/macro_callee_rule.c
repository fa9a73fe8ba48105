// SPDX-License-Identifier: GPL-2.0
/*
 * A rules/ function that is a macro over an implementation of another name, used
 * inside a macro of the driver's own: the rule is found through the macro that spelled
 * the callee, not only through the outermost macro at the call.
 */
#include "kapi.h"

u32 __arch_csum_block(const void *buf, int len, u32 sum);
#undef csum_partial
#define csum_partial(buf, len, sum) __arch_csum_block(buf, len, sum)
#define BLOCK_CSUM(buf) csum_partial(buf, 64, 0)

u32 block_csum(struct page *page)
{
	void *buf = kmap_atomic(page);
	u32 sum = BLOCK_CSUM(buf);

	kunmap_atomic(buf);
	return sum;
}
/*
 * check-name: a rule found through the macro that spelled the callee
 * check-command: kmapcheck scan --no-db $file -- -I.
 *
 * check-output-start
macro_callee_rule.c:16:14: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 1 path [kmap-deprecated]
macro_callee_rule.c:19:2: note: kunmap_atomic() verdict safe: releases the mapping of line 16 [kmap-unmap]
 * check-output-end
 */
