// SPDX-License-Identifier: GPL-2.0
/*
 * Physical memory and the page allocator.  "Physical memory" is a sparse
 * memfd larger than the address space; its first part is mapped for good
 * (the direct map, lowmem), the rest (highmem) only through kmap slots.
 * The allocator is a bitmap per frame, not a buddy system: it keeps the
 * kernel's interface and zone choice, not its performance.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int kmaprt_memfd = -1;
unsigned long long kmaprt_phys_bytes;
struct page *kmaprt_mem_map;
unsigned long kmaprt_max_pfn;
unsigned long kmaprt_highstart_pfn;
char *kmaprt_direct_map;
unsigned long kmaprt_direct_map_bytes;
char *kmaprt_direct_guard_end;

/* A PROT_NONE gap after the direct map: running off lowmem faults. */
#define DIRECT_GUARD_BYTES	(16UL << 20)

static pthread_mutex_t zone_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long *frame_used;	/* one bit per frame */
static unsigned long nr_free[2];
static unsigned long total_high;

/*
 * Highmem is handed out from the top down so that ordinary allocations sit
 * above 4 GiB of physical offset (the case 32-bit offset arithmetic gets
 * wrong); lowmem from the bottom up.  A freed frame pulls its zone's
 * cursor back so that it is reused first and the memfd stays small.
 */
static unsigned long high_cursor;
static unsigned long low_cursor;

void *kmaprt_reserve(size_t bytes, const char *what)
{
	void *p = mmap(NULL, bytes, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "kmaprt: BUG: [config] cannot reserve %zu MiB of address space for %s: %s\n",
			bytes >> 20, what, strerror(errno));
		abort();
	}
	return p;
}

int kmaprt_map_frame(void *addr, unsigned long pfn, int prot)
{
	void *p = mmap(addr, PAGE_SIZE, prot, MAP_SHARED | MAP_FIXED | MAP_POPULATE,
		       kmaprt_memfd, (off_t)pfn << PAGE_SHIFT);

	if (p == MAP_FAILED) {
		fprintf(stderr, "kmaprt: BUG: [config] mapping frame %#lx at %p: %s\n",
			pfn, addr, strerror(errno));
		abort();
	}
	return 0;
}

void kmaprt_protect(void *addr, int prot)
{
	if (mprotect(addr, PAGE_SIZE, prot)) {
		fprintf(stderr, "kmaprt: BUG: [config] mprotect(%p): %s\n",
			addr, strerror(errno));
		abort();
	}
}

void kmaprt_phys_init(void)
{
	size_t map_bytes, bitmap_bytes;
	char *p;

	kmaprt_phys_bytes = kmaprt_cfg.mem_bytes;
	kmaprt_max_pfn = kmaprt_phys_bytes >> PAGE_SHIFT;
	kmaprt_highstart_pfn = kmaprt_cfg.lowmem_bytes >> PAGE_SHIFT;

	kmaprt_memfd = memfd_create("kmaprt-physical-memory", MFD_CLOEXEC);
	if (kmaprt_memfd < 0 || ftruncate(kmaprt_memfd, (off_t)kmaprt_phys_bytes)) {
		fprintf(stderr, "kmaprt: BUG: [config] cannot create %llu MiB of physical memory: %s\n",
			kmaprt_phys_bytes >> 20, strerror(errno));
		abort();
	}

	/* Direct map: lowmem frames, mapped for the life of the program. */
	kmaprt_direct_map_bytes = kmaprt_cfg.lowmem_bytes;
	p = kmaprt_reserve(kmaprt_direct_map_bytes + DIRECT_GUARD_BYTES, "the direct map");
	if (mmap(p, kmaprt_direct_map_bytes, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_FIXED, kmaprt_memfd, 0) == MAP_FAILED) {
		fprintf(stderr, "kmaprt: BUG: [config] mapping lowmem: %s\n", strerror(errno));
		abort();
	}
	kmaprt_direct_map = p;
	kmaprt_direct_guard_end = p + kmaprt_direct_map_bytes + DIRECT_GUARD_BYTES;

	/*
	 * mem_map: one struct page per frame (1.5 M for 6 GiB, ~54 MiB).  It is
	 * anonymous and untouched until a frame is used; fields start at zero,
	 * which is a valid free page, so nothing is initialised up front.
	 */
	map_bytes = PAGE_ALIGN(kmaprt_max_pfn * sizeof(struct page));
	kmaprt_mem_map = mmap(NULL, map_bytes, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	bitmap_bytes = PAGE_ALIGN(DIV_ROUND_UP(kmaprt_max_pfn, 8 * sizeof(long)) * sizeof(long));
	frame_used = mmap(NULL, bitmap_bytes, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (kmaprt_mem_map == MAP_FAILED || frame_used == MAP_FAILED) {
		fprintf(stderr, "kmaprt: BUG: [config] cannot allocate mem_map: %s\n",
			strerror(errno));
		abort();
	}
	/* Frame 0 is never handed out, as on x86. */
	frame_used[0] |= 1;
	nr_free[0] = kmaprt_highstart_pfn - 1;
	nr_free[1] = kmaprt_max_pfn - kmaprt_highstart_pfn;
	total_high = nr_free[1];
	high_cursor = kmaprt_max_pfn;
	low_cursor = 1;
}

#define BPL	(8 * sizeof(unsigned long))

static inline bool frame_test(unsigned long pfn)
{
	return (frame_used[pfn / BPL] >> (pfn % BPL)) & 1;
}

static bool range_free(unsigned long pfn, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		if (frame_test(pfn + i))
			return false;
	return true;
}

static void range_set(unsigned long pfn, unsigned long n, bool used)
{
	unsigned long i;

	for (i = pfn; i < pfn + n; i++) {
		if (used)
			frame_used[i / BPL] |= 1UL << (i % BPL);
		else
			frame_used[i / BPL] &= ~(1UL << (i % BPL));
	}
}

/* Finds n = 2^order free, n-aligned frames in [lo, hi); zone_lock held. */
static long find_range(unsigned long lo, unsigned long hi, unsigned long n,
		       bool downward, unsigned long cursor)
{
	unsigned long pfn, first;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (downward) {
			unsigned long top = pass ? hi : cursor;

			if (top < lo + n)
				continue;
			first = (top - n) & ~(n - 1);
			for (pfn = first; pfn >= lo && pfn + n <= hi; pfn -= n) {
				if (range_free(pfn, n))
					return pfn;
				if (pfn < lo + n)
					break;
			}
		} else {
			unsigned long start = pass ? lo : cursor;

			first = (start + n - 1) & ~(n - 1);
			for (pfn = first; pfn + n <= hi; pfn += n)
				if (range_free(pfn, n))
					return pfn;
		}
	}
	return -1;
}

static long zone_alloc(int zone, unsigned int order)
{
	unsigned long n = 1UL << order;
	long pfn;

	if (nr_free[zone] < n)
		return -1;
	if (zone) {
		pfn = find_range(kmaprt_highstart_pfn, kmaprt_max_pfn, n, true, high_cursor);
		if (pfn >= 0)
			high_cursor = pfn;
	} else {
		pfn = find_range(1, kmaprt_highstart_pfn, n, false, low_cursor);
		if (pfn >= 0)
			low_cursor = pfn + n;
	}
	if (pfn >= 0) {
		range_set(pfn, n, true);
		nr_free[zone] -= n;
	}
	return pfn;
}

static void prep_pages(unsigned long pfn, unsigned int order)
{
	struct page *head = pfn_to_page(pfn);
	unsigned long i, n = 1UL << order;

	for (i = 0; i < n; i++) {
		struct page *p = head + i;

		/* kmaprt_pkmap is the pool's (under its lock); it survives reuse. */
		p->flags = 0;
		p->private = 0;
		p->mapping = NULL;
		p->index = 0;
		p->lru.next = p->lru.prev = &p->lru;
		p->kmaprt_head = i ? head : NULL;
		atomic_set(&p->_refcount, i ? 0 : 1);
	}
	if (order)
		head->flags = (1UL << PG_head) |
			      ((unsigned long)order << KMAPRT_PG_ORDER_SHIFT);
}

/* Zeroing by punching a hole also gives the memory back to the host. */
static void zero_frames(unsigned long pfn, unsigned int order)
{
	if (fallocate(kmaprt_memfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		      (off_t)pfn << PAGE_SHIFT, (off_t)PAGE_SIZE << order)) {
		fprintf(stderr, "kmaprt: BUG: [config] zeroing frame %#lx: %s\n",
			pfn, strerror(errno));
		abort();
	}
}

struct page *kmaprt_alloc_pages(gfp_t gfp, unsigned int order,
				const struct kmaprt_site *site)
{
	long pfn = -1;

	kmaprt_ensure_setup();
	if (gfp & __GFP_DIRECT_RECLAIM)
		kmaprt_might_sleep(site, "alloc_pages(GFP flags that may sleep)");
	if (order >= MAX_ORDER) {
		char sb[KMAPRT_SITE_BUF];

		kmaprt_report(KMAPRT_WARN, "page", "alloc_pages() at %s: order %u is above MAX_ORDER-1",
			      SITE(site, sb), order);
		return NULL;
	}
	pthread_mutex_lock(&zone_lock);
	if (gfp & __GFP_HIGHMEM)
		pfn = zone_alloc(1, order);
	if (pfn < 0)
		pfn = zone_alloc(0, order);
	pthread_mutex_unlock(&zone_lock);
	if (pfn < 0)
		return NULL;
	prep_pages(pfn, order);
	if (gfp & __GFP_ZERO)
		zero_frames(pfn, order);
	return pfn_to_page(pfn);
}

struct folio *kmaprt_folio_alloc(gfp_t gfp, unsigned int order,
				 const struct kmaprt_site *site)
{
	return (struct folio *)kmaprt_alloc_pages(gfp | __GFP_COMP, order, site);
}

struct page *kmaprt_alloc_page_pfn(unsigned long pfn)
{
	bool ok = false;

	kmaprt_ensure_setup();
	if (!pfn || pfn >= kmaprt_max_pfn)
		return NULL;
	pthread_mutex_lock(&zone_lock);
	if (!frame_test(pfn)) {
		range_set(pfn, 1, true);
		nr_free[pfn >= kmaprt_highstart_pfn]--;
		ok = true;
	}
	pthread_mutex_unlock(&zone_lock);
	if (!ok)
		return NULL;
	prep_pages(pfn, 0);
	return pfn_to_page(pfn);
}

bool kmaprt_valid_page(const struct page *page)
{
	unsigned long off = (unsigned long)page - (unsigned long)kmaprt_mem_map;

	return off < kmaprt_max_pfn * sizeof(struct page) &&
	       off % sizeof(struct page) == 0;
}

void kmaprt_check_page(const struct page *page, const char *api,
		       const struct kmaprt_site *site)
{
	char sb[KMAPRT_SITE_BUF];

	kmaprt_ensure_setup();
	if (likely(kmaprt_valid_page(page)))
		return;
	kmaprt_report_begin(KMAPRT_BUG_STOP, "page",
			    "%s(%p) at %s: not a struct page%s", api, page,
			    SITE(site, sb),
			    kmaprt_in_direct_map((unsigned long)page) ||
			    (unsigned long)page - PKMAP_BASE < 2 * PAGE_SIZE * LAST_PKMAP ?
			    " (an address? this call takes the page)" : "");
	kmaprt_report_end();
}

static void free_frames(struct page *page, unsigned int order,
			const struct kmaprt_site *site)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;
	int zone = pfn >= kmaprt_highstart_pfn;

	kmaprt_page_freed_check(page, n, site);
	pthread_mutex_lock(&zone_lock);
	range_set(pfn, n, false);
	nr_free[zone] += n;
	if (zone && pfn + n > high_cursor)
		high_cursor = pfn + n;
	if (!zone && pfn < low_cursor)
		low_cursor = pfn;
	pthread_mutex_unlock(&zone_lock);
}

static void free_checked(struct page *page, unsigned int order, bool check_order,
			 const char *api, const struct kmaprt_site *site)
{
	char sb[KMAPRT_SITE_BUF];
	unsigned long pfn;
	int ref;

	kmaprt_check_page(page, api, site);
	pfn = page_to_pfn(page);
	if (!frame_test(pfn)) {
		kmaprt_report(KMAPRT_BUG_STOP, "page",
			      "%s() at %s: frame %#lx is not allocated (double free?)",
			      api, SITE(site, sb), pfn);
	}
	if (page->kmaprt_head) {
		kmaprt_report(KMAPRT_BUG_STOP, "page",
			      "%s() at %s: frame %#lx is a tail page of the allocation at frame %#lx",
			      api, SITE(site, sb), pfn, page_to_pfn(page->kmaprt_head));
	}
	if (check_order && compound_order(page) != order && PageHead(page)) {
		kmaprt_report(KMAPRT_BUG_STOP, "page",
			      "%s(order %u) at %s: frame %#lx was allocated with order %u",
			      api, order, SITE(site, sb), pfn, compound_order(page));
	}
	ref = atomic_dec_return(&page->_refcount);
	if (ref < 0) {
		kmaprt_report(KMAPRT_BUG_STOP, "page",
			      "%s() at %s: frame %#lx reference count underflow (double free?)",
			      api, SITE(site, sb), pfn);
	}
	if (ref == 0)
		free_frames(page, check_order ? order : compound_order(page), site);
}

void kmaprt_free_pages(struct page *page, unsigned int order,
		       const struct kmaprt_site *site)
{
	free_checked(page, order, true, "__free_pages", site);
}

void kmaprt_put_page(struct page *page, const struct kmaprt_site *site)
{
	free_checked(page, 0, false, "put_page", site);
}

void kmaprt_get_page(struct page *page, const struct kmaprt_site *site)
{
	char sb[KMAPRT_SITE_BUF];

	kmaprt_check_page(page, "get_page", site);
	page = compound_head(page);
	if (atomic_inc_return(&page->_refcount) <= 1)
		kmaprt_report(KMAPRT_BUG_STOP, "page", "get_page() at %s: frame %#lx is free",
			      SITE(site, sb), page_to_pfn(page));
}

unsigned long kmaprt_get_free_pages(gfp_t gfp, unsigned int order,
				    const struct kmaprt_site *site)
{
	/* Addresses need a permanent mapping: never highmem, as in the kernel. */
	struct page *page = kmaprt_alloc_pages(gfp & ~__GFP_HIGHMEM, order, site);

	return page ? (unsigned long)kmaprt_page_address(page, site) : 0;
}

void kmaprt_free_pages_addr(unsigned long addr, unsigned int order,
			    const struct kmaprt_site *site)
{
	if (addr)
		kmaprt_free_pages(kmaprt_virt_to_page((void *)addr, site), order, site);
}

struct page *kmaprt_virt_to_page(const void *addr, const struct kmaprt_site *site)
{
	unsigned long a = (unsigned long)addr;
	char sb[KMAPRT_SITE_BUF];

	kmaprt_ensure_setup();
	if (likely(kmaprt_in_direct_map(a)))
		return pfn_to_page((a - (unsigned long)kmaprt_direct_map) >> PAGE_SHIFT);
	/* The kernel computes garbage here; say what the address really is. */
	kmaprt_report_begin(KMAPRT_BUG_STOP, "not-mapped",
			    "virt_to_page(%p) at %s: not a direct-map (lowmem) address",
			    addr, SITE(site, sb));
	if (kmaprt_is_kmap_addr(addr) ||
	    (a - (unsigned long)kmaprt_windows_base) <
	    kmaprt_cfg.max_threads * KMAPRT_WINDOW_BYTES)
		kmaprt_report_detail("it is a kmap address: use kmap_to_page(), or keep the struct page");
	else
		kmaprt_report_detail("stack, static or malloc() memory has no struct page; use kmalloc()");
	kmaprt_report_end();
	return NULL;
}

void *kmaprt_page_address(const struct page *page, const struct kmaprt_site *site)
{
	unsigned long pfn;
	unsigned int nr;

	kmaprt_check_page(page, "page_address", site);
	pfn = page_to_pfn(page);
	if (pfn < kmaprt_highstart_pfn)
		return kmaprt_direct_map + (pfn << PAGE_SHIFT);
	nr = __atomic_load_n(&page->kmaprt_pkmap, __ATOMIC_ACQUIRE);
	if (nr)
		return (void *)PKMAP_ADDR(nr - 1);
	/*
	 * NULL, as in the kernel.  Remember who asked, so that a fault on a
	 * NULL-based pointer can be traced back here.
	 */
	if (kmaprt_current_task) {
		struct kmaprt_task *t = kmaprt_task_of(kmaprt_current_task);

		t->null_pa_site = site;
		t->null_pa_pfn = pfn;
	}
	return NULL;
}

unsigned int kmaprt_nr_free_highpages(void)
{
	kmaprt_ensure_setup();
	return nr_free[1];
}

unsigned long kmaprt_totalhigh_pages(void)
{
	kmaprt_ensure_setup();
	return total_high;
}

int kmaprt_phys_read(unsigned long pfn, unsigned int offset, void *buf, size_t len)
{
	kmaprt_ensure_setup();
	if (pfn >= kmaprt_max_pfn || offset + len > PAGE_SIZE)
		return -EINVAL;
	if (pread(kmaprt_memfd, buf, len, ((off_t)pfn << PAGE_SHIFT) + offset) != (ssize_t)len)
		return -EINVAL;
	return 0;
}
