/*
 * check-name: -D pagefault keeps page faults disabled where user copies need it
 * check-rule: kmap_atomic-to-local-disable
 * check-options: -D pagefault
 */
#include <linux/highmem.h>

/* The classic: fill a page cache page from user memory without faulting. */
static size_t copy_chunk_from_user(struct page *page, unsigned int off,
				   const char __user *buf, size_t bytes)
{
	char *kaddr;
	size_t left;

	kaddr = kmap_atomic(page);
	left = __copy_from_user_inatomic(kaddr + off, buf, bytes);
	kunmap_atomic(kaddr);
	return bytes - left;
}

/* Declarations follow the map: the disable goes after them. */
static int copy_record_to_user(struct page *page, void __user *to,
			       unsigned int off, size_t len)
{
	void *src = kmap_atomic(page);
	unsigned long left;
	int ret = 0;

	left = __copy_to_user_inatomic(to, src + off, len);
	if (left) {
		ret = -EFAULT;
		goto out;
	}
	memset(src + off, 0, len);
out:
	kunmap_atomic(src);
	return ret;
}
