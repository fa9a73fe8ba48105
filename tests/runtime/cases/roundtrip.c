/*
 * Content written through one kind of mapping reads back the same through
 * every other kind, for highmem and lowmem pages, and matches the
 * "physical" memory behind all mappings.
 */
#include <linux/highmem.h>
#include <kmaprt.h>
#include "check.h"

enum kind {
	K_KMAP, K_ATOMIC, K_ATOMIC_PROT, K_ATOMIC_PFN, K_LOCAL, K_LOCAL_PROT,
	K_LOCAL_PFN, K_LOCAL_FOLIO, K_HELPER, K_NR
};

static const char *const kind_name[K_NR] = {
	"kmap", "kmap_atomic", "kmap_atomic_prot", "kmap_atomic_pfn",
	"kmap_local_page", "kmap_local_page_prot", "kmap_local_pfn",
	"kmap_local_folio", "memcpy_to/from_page"
};

static void fill(unsigned char *buf, int seed)
{
	int i;

	for (i = 0; i < (int)PAGE_SIZE; i++)
		buf[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 8));
}

/* Copies @buf into (@write) or out of @page through the mapping @k. */
static void through(enum kind k, struct page *page, unsigned char *buf, bool write)
{
	unsigned char *addr = NULL;

	switch (k) {
	case K_KMAP:
		addr = kmap(page);
		break;
	case K_ATOMIC:
		addr = kmap_atomic(page);
		break;
	case K_ATOMIC_PROT:
		addr = kmap_atomic_prot(page, PAGE_KERNEL);
		break;
	case K_ATOMIC_PFN:
		addr = kmap_atomic_pfn(page_to_pfn(page));
		break;
	case K_LOCAL:
		addr = kmap_local_page(page);
		break;
	case K_LOCAL_PROT:
		addr = kmap_local_page_prot(page, write ? PAGE_KERNEL : PAGE_KERNEL_RO);
		break;
	case K_LOCAL_PFN:
		addr = kmap_local_pfn(page_to_pfn(page));
		break;
	case K_LOCAL_FOLIO:
		/* Map from an offset inside the page: the address includes it. */
		addr = kmap_local_folio(page_folio(page), 100);
		CHECK(offset_in_page(addr) == 100);
		addr -= 100;
		break;
	case K_HELPER:
		if (write)
			memcpy_to_page(page, 0, (char *)buf, PAGE_SIZE);
		else
			memcpy_from_page((char *)buf, page, 0, PAGE_SIZE);
		return;
	case K_NR:
		return;
	}
	if (write)
		memcpy(addr, buf, PAGE_SIZE);
	else
		memcpy(buf, addr, PAGE_SIZE);
	switch (k) {
	case K_KMAP:
		kunmap(page);
		break;
	case K_ATOMIC:
	case K_ATOMIC_PROT:
	case K_ATOMIC_PFN:
		kunmap_atomic(addr + 17);	/* any address inside the page */
		break;
	default:
		kunmap_local(addr + PAGE_SIZE - 1);
		break;
	}
}

static void roundtrip(struct page *page)
{
	static unsigned char want[PAGE_SIZE], got[PAGE_SIZE], phys[PAGE_SIZE];
	enum kind w, r;

	for (w = 0; w < K_NR; w++) {
		fill(want, w + 1);
		through(w, page, want, true);
		CHECK(!kmaprt_phys_read(page_to_pfn(page), 0, phys, PAGE_SIZE));
		CHECK(!memcmp(phys, want, PAGE_SIZE));
		for (r = 0; r < K_NR; r++) {
			memset(got, 0, sizeof(got));
			through(r, page, got, false);
			if (memcmp(got, want, PAGE_SIZE))
				fprintf(stderr, "written by %s, read by %s: differs\n",
					kind_name[w], kind_name[r]);
			CHECK(!memcmp(got, want, PAGE_SIZE));
		}
		if (!PageHighMem(page))
			CHECK(!memcmp(page_address(page), want, PAGE_SIZE));
	}
}

int main(void)
{
	struct page *high = alloc_page(GFP_HIGHUSER);
	struct page *low = alloc_page(GFP_KERNEL);

	CHECK(high && PageHighMem(high));
	CHECK(low && !PageHighMem(low));
	CHECK(page_address(high) == NULL);
	roundtrip(high);
	roundtrip(low);

	/*
	 * A kmap()ed highmem page has an address; a second kmap() reuses the
	 * slot.  After the last kunmap() the slot stays the page's until a
	 * flush, then page_address() is NULL again.
	 */
	kmap_flush_unused();
	CHECK(page_address(high) == NULL);
	{
		void *a1 = kmap(high), *a2 = kmap(high);

		CHECK(a1 == a2 && a1 == page_address(high) && is_kmap_addr(a1));
		kunmap(high);
		CHECK(page_address(high) == a1);
		kunmap(high);
		CHECK(page_address(high) == a1);
		kmap_flush_unused();
		CHECK(page_address(high) == NULL);
	}
	CHECK(preemptible() && !pagefault_disabled());
	__free_page(high);
	__free_page(low);
	return check_done();
}
/*
 * check-name: every mapping kind reads what every other kind wrote
 * check-exit: ok
 * check-clean: yes
 */
