/*
 * User memory as the kernel sees it: a not-yet-touched page makes
 * __copy_from_user_inatomic() with page faults disabled copy nothing,
 * copy_from_user() faults it in, after which the atomic copy works; an
 * evicted page fails again; out-of-range copies stop short.
 */
#include <linux/highmem.h>
#include <linux/uaccess.h>
#include <kmaprt.h>
#include "check.h"

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	char __user *ubuf = kmaprt_user_alloc(2 * PAGE_SIZE);
	char src[2 * 4096], back[64];
	unsigned long left;
	char *addr;
	int i, v;

	for (i = 0; i < (int)sizeof(src); i++)
		src[i] = (char)(i * 13);
	CHECK(ubuf != NULL);
	CHECK(access_ok(ubuf, 2 * PAGE_SIZE));
	CHECK(kmaprt_user_write(ubuf, src, sizeof(src)) == 0);

	/* Not present yet: with page faults disabled nothing is copied. */
	addr = kmap_atomic(page);
	left = __copy_from_user_inatomic(addr, ubuf, 100);
	kunmap_atomic(addr);
	CHECK(left == 100);

	/* The kernel's fallback: copy with faults enabled, outside the atomic map. */
	addr = kmap_local_page(page);
	left = copy_from_user(addr, ubuf, 100);
	CHECK(left == 0 && !memcmp(addr, src, 100));
	kunmap_local(addr);

	/* Now present: the atomic copy succeeds; the second page still is not. */
	addr = kmap_atomic(page);
	left = __copy_from_user_inatomic(addr, ubuf + 50, PAGE_SIZE);
	kunmap_atomic(addr);
	CHECK(left == 50);

	pagefault_disable();
	left = copy_from_user(back, ubuf, 64);	/* faults off: no sleep, fails fast */
	pagefault_enable();
	CHECK(left == 0 && !memcmp(back, src, 64));

	CHECK(kmaprt_user_evict(ubuf, PAGE_SIZE) == 0);
	pagefault_disable();
	left = __copy_from_user_inatomic(back, ubuf, 64);
	pagefault_enable();
	CHECK(left == 64);

	CHECK(get_user(v, (int __user *)(ubuf + 8)) == 0);
	CHECK(v == *(int *)(src + 8));
	CHECK(put_user(0x12345678, (int __user *)(ubuf + PAGE_SIZE)) == 0);
	CHECK(kmaprt_user_read(&v, ubuf + PAGE_SIZE, sizeof(v)) == 0 && v == 0x12345678);
	CHECK(copy_to_user(ubuf + 10, "kmaprt", 6) == 0);
	CHECK(kmaprt_user_read(back, ubuf + 10, 6) == 0 && !memcmp(back, "kmaprt", 6));
	CHECK(clear_user(ubuf, 16) == 0);
	CHECK(kmaprt_user_read(back, ubuf, 16) == 0 && !back[0] && !back[15]);

	/* Past the end of the allocation the copy stops short (-EFAULT territory). */
	CHECK(copy_from_user(src, ubuf + PAGE_SIZE, 2 * PAGE_SIZE) == PAGE_SIZE);
	CHECK(get_user(v, (int __user *)(ubuf + 2 * PAGE_SIZE)) == -EFAULT);

	kmaprt_user_free(ubuf);
	__free_page(page);
	return check_done();
}
/*
 * check-name: user copies fault pages in, atomic copies stop short
 * check-exit: ok
 * check-clean: yes
 */
