/*
 * Highmem frames above 4 GiB of physical offset: a frame and the one 4 GiB
 * below it must not alias (they would if an offset were truncated to 32
 * bits), and each mapping kind sees its own frame's contents.
 */
#include <linux/highmem.h>
#include <kmaprt.h>
#include "check.h"

#define PFN_4G	(1UL << (32 - PAGE_SHIFT))

static void check_frame(struct page *page, unsigned char tag)
{
	unsigned char buf[64];
	unsigned char *a;

	a = kmap(page);
	memset(a, tag, PAGE_SIZE);
	kunmap(page);
	a = kmap_local_page(page);
	CHECK(a[0] == tag && a[PAGE_SIZE - 1] == tag);
	kunmap_local(a);
	a = kmap_atomic(page);
	CHECK(a[1000] == tag);
	kunmap_atomic(a);
	CHECK(!kmaprt_phys_read(page_to_pfn(page), PAGE_SIZE - 64, buf, 64));
	CHECK(buf[0] == tag && buf[63] == tag);
}

int main(void)
{
	/* pfns[0] and pfns[3] are exactly 4 GiB apart. */
	unsigned long pfns[] = { 0x10001, PFN_4G - 1, PFN_4G, PFN_4G + 0x10001,
				 kmaprt_get_config()->mem_bytes / PAGE_SIZE - 2 };
	struct page *pages[ARRAY_SIZE(pfns)], *dflt;
	unsigned int i;

	CHECK(kmaprt_get_config()->mem_bytes > (4ULL << 30) + PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(pfns); i++) {
		pages[i] = kmaprt_alloc_page_pfn(pfns[i]);
		CHECK(pages[i] && page_to_pfn(pages[i]) == pfns[i]);
		CHECK(PageHighMem(pages[i]));
		CHECK(page_to_phys(pages[i]) == (phys_addr_t)pfns[i] << PAGE_SHIFT);
		check_frame(pages[i], 0x40 + i);
	}
	for (i = 0; i < ARRAY_SIZE(pfns); i++)
		check_frame(pages[i], 0x80 + i);
	for (i = 0; i < ARRAY_SIZE(pfns); i++) {
		unsigned char *a = kmap_local_page(pages[i]);

		CHECK(a[7] == 0x80 + i);
		kunmap_local(a);
	}
	/* Plain GFP_HIGHUSER allocations come from the top, above 4 GiB. */
	dflt = alloc_page(GFP_HIGHUSER);
	CHECK(dflt && page_to_pfn(dflt) >= PFN_4G);
	__free_page(dflt);
	for (i = 0; i < ARRAY_SIZE(pfns); i++)
		__free_page(pages[i]);
	return check_done();
}
/*
 * check-name: highmem frames above 4 GiB of physical offset
 * check-exit: ok
 * check-clean: yes
 */
