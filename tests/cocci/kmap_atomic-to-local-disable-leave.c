/*
 * check-name: kmap_atomic() sites the disable form must leave alone
 * check-rule: kmap_atomic-to-local-disable
 * check-options: -D pagefault
 *
 * The declarations after the map in checksum_block() call a function, so
 * there is no place for pagefault_disable() that both precedes them and
 * keeps declarations first; moving the call below them would let the
 * initialiser run with page faults enabled.  finish_async() releases a
 * mapping taken in another function.
 */
#include <linux/highmem.h>

struct async_copy {
	struct page *page;
	u8 *vaddr;
};

static u32 checksum_block(struct page *page, const void __user *ubuf)
{
	u8 *p = kmap_atomic(page);
	u32 sum = crc32_le(0, p, 64);
	unsigned long left;

	left = __copy_from_user_inatomic(p, ubuf, 64);
	sum = crc32_le(sum, p, 64 - left);
	kunmap_atomic(p);
	return sum;
}

static void finish_async(struct async_copy *ac)
{
	ac->vaddr[0] = 0;
	kunmap_atomic(ac->vaddr);
}
