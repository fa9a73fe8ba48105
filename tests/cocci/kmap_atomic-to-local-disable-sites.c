/*
 * check-name: per-site pairs from the sites file override -D
 * check-rule: kmap_atomic-to-local-disable
 * check-options: -D preempt
 * check-site: 30 pagefault
 * check-site: 31
 * check-site: 47 pagefault
 * check-site: 49 preempt
 * check-warning: 47
 * check-warning: 49
 *
 * In fill_from_user() the source page is selected with its own word
 * "pagefault", the destination without words so it takes -D preempt, and
 * the bounce page is not selected at all.  pick_one() has two maps that
 * share an unmap but were given different pairs: they would need
 * different enables before the same unmap, so neither is converted.
 */
#include <linux/highmem.h>

extern unsigned int this_cpu_seq(void);

static int fill_from_user(struct page *src, struct page *dst,
			  struct page *bounce, const void __user *ubuf,
			  size_t len)
{
	u8 *s, *d, *b;
	unsigned long left;

	b = kmap_atomic(bounce);
	s = kmap_atomic(src);
	d = kmap_atomic(dst);
	left = __copy_from_user_inatomic(s, ubuf, len);
	d[0] = this_cpu_seq();
	memcpy(b, s, len);
	kunmap_atomic(d);
	kunmap_atomic(s);
	kunmap_atomic(b);
	return left ? -EFAULT : 0;
}

static void pick_one(struct page *a, struct page *b, bool first,
		     const void __user *ubuf)
{
	u8 *p;

	if (first)
		p = kmap_atomic(a);
	else
		p = kmap_atomic(b);
	if (__copy_from_user_inatomic(p, ubuf, 8))
		p[0] = this_cpu_seq();
	kunmap_atomic(p);
}
