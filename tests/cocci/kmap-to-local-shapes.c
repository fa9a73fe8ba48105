/*
 * check-name: kmap() pairs in the shapes filesystem and driver code uses
 * check-rule: kmap-to-local
 */
#include <linux/highmem.h>

struct blob_dir {
	struct page **pages;
	unsigned int npages;
	u32 csum;
};

/* Assignment, error exit through goto, two unmaps of one map. */
static int blob_check_page(struct blob_dir *dir, unsigned int n, u32 magic)
{
	struct page *page = dir->pages[n];
	u32 *hdr;
	int err = 0;

	hdr = kmap(page);
	if (hdr[0] != magic) {
		err = -EINVAL;
		goto out;
	}
	if (hdr[1] > PAGE_SIZE) {
		kunmap(page);
		return -EIO;
	}
	dir->csum ^= hdr[2];
out:
	kunmap(page);
	return err;
}

/* Declaration with initialiser, cast and offset. */
static void blob_put_name(struct page *page, unsigned int off,
			  const char *name, size_t len)
{
	char *dst = (char *)kmap(page) + off;

	memcpy(dst, name, len);
	dst[len] = 0;
	kunmap(page);
}

/* One map per loop iteration, unmapped in the same iteration. */
static u32 blob_sum(struct blob_dir *dir)
{
	unsigned int i;
	u32 sum = 0;

	for (i = 0; i < dir->npages; i++) {
		u8 *p = kmap(dir->pages[i]);

		sum = crc32_le(sum, p, PAGE_SIZE);
		kunmap(dir->pages[i]);
		cond_resched();
	}
	return sum;
}

/* The address is used once, inside the call that maps it. */
static void blob_read_page(struct page *page, void *buf)
{
	memcpy(buf, kmap(page), PAGE_SIZE);
	kunmap(page);
}

/* kaddr is taken; two unstored maps in one function, no declarations. */
static void blob_zero_pair(struct page *a, struct page *b, int kaddr)
{
	clear_page(kmap(a));
	kunmap(a);
	if (kaddr) {
		memset(kmap(b) + kaddr, 0, 16);
		kunmap(b);
	}
}

static int blob_compare(struct page *page, const void *buf, size_t len)
{
	int ret;

	ret = memcmp(kmap(page), buf, len);
	kunmap(page);
	return ret;
}
