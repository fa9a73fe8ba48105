// SPDX-License-Identifier: GPL-2.0
/*
 * kmap() and kmap_local: the global pool of LAST_PKMAP slots under one
 * lock, and the per-task stack of KM_MAX_IDX local slots, with the checks
 * on every unmap.  Mapping really changes the address space (a memfd page
 * mmap()ed into a slot), so stale pointers fault; the fault handler
 * (fault.c) explains them using the records kept here.
 */
#include "internal.h"

#include <linux/rcupdate.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

unsigned int kmaprt_last_pkmap;
char *kmaprt_pkmap_base;

/*
 * pkmap_count[] has the kernel's meaning:
 *   0 - slot unused since the last flush, free to take;
 *   1 - no users, but the slot still belongs to its page until a flush
 *       (the kernel's "mapped since the last TLB flush");
 *   n - n-1 users.
 * Unlike the kernel, a slot at 1 is made inaccessible at once, so a use
 * after the last kunmap() faults instead of silently working until the
 * next flush.  Everything here is under kmap_lock.
 */
static int *pkmap_count;
static unsigned int last_pkmap_nr;
static pthread_mutex_t kmap_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pkmap_wait = PTHREAD_COND_INITIALIZER;
static int pkmap_waiters;
static unsigned long pkmap_releases;	/* kunmap()s that freed a slot */

/* History per slot, kept after a flush so that faults can be explained. */
struct pkmap_record {
	struct page *page;		/* current owner, NULL after a flush */
	unsigned long pfn;		/* last frame mapped */
	const struct kmaprt_site *first_site;	/* kmap() that took the slot */
	const struct kmaprt_site *last_site;	/* latest kmap() of it */
	const struct kmaprt_site *unmap_site;	/* latest kunmap() */
	int flushed;
};
static struct pkmap_record *pkmap_rec;

void kmaprt_highmem_init(void)
{
	char *p;

	kmaprt_last_pkmap = kmaprt_cfg.last_pkmap;
	/* A guard page before slot 0 and after every slot. */
	p = kmaprt_reserve((1 + 2 * (size_t)kmaprt_last_pkmap) * PAGE_SIZE, "the kmap pool");
	kmaprt_pkmap_base = p + PAGE_SIZE;
	pkmap_count = calloc(kmaprt_last_pkmap, sizeof(*pkmap_count));
	pkmap_rec = calloc(kmaprt_last_pkmap, sizeof(*pkmap_rec));
	if (!pkmap_count || !pkmap_rec)
		abort();
}

static void flush_all_zero_pkmaps(void)
{
	unsigned int i;

	for (i = 0; i < LAST_PKMAP; i++) {
		struct page *page;

		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		page = pkmap_rec[i].page;
		pkmap_rec[i].page = NULL;
		pkmap_rec[i].flushed = 1;
		__atomic_store_n(&page->kmaprt_pkmap, 0, __ATOMIC_RELEASE);
		/* The host mapping is already PROT_NONE; a later kmap() replaces it. */
	}
}

void kmaprt_kmap_flush_unused(void)
{
	kmaprt_ensure_setup();
	pthread_mutex_lock(&kmap_lock);
	flush_all_zero_pkmaps();
	pthread_mutex_unlock(&kmap_lock);
}

static void pool_deadlock(const struct kmaprt_site *site, const char *why)
{
	char sb[KMAPRT_SITE_BUF];
	unsigned int i, shown = 0;

	kmaprt_report_begin(KMAPRT_BUG_STOP, "pool",
			    "kmap() at %s waits for a free slot forever: all %u slots are in use and %s",
			    SITE(site, sb), LAST_PKMAP, why);
	for (i = 0; i < LAST_PKMAP && shown < 8; i++) {
		if (pkmap_count[i] < 2)
			continue;
		kmaprt_report_detail("slot %u: frame %#lx, %d user(s), kmap() at %s", i,
				     pkmap_rec[i].pfn, pkmap_count[i] - 1,
				     SITE(pkmap_rec[i].last_site, sb));
		shown++;
	}
	kmaprt_report_end();
}

/* Takes a free slot for @page, waiting when there is none; kmap_lock held. */
static int map_new_virtual(struct page *page, const struct kmaprt_site *site)
{
	struct kmaprt_task *t = kmaprt_self();
	unsigned int count, nr;

start:
	count = LAST_PKMAP;
	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr) {
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr])
			break;
		if (--count)
			continue;

		/*
		 * Sleep until somebody kunmap()s.  With no other thread alive
		 * nobody ever will; otherwise give up after pool_timeout
		 * seconds without a single slot being released.
		 */
		{
			unsigned long releases = pkmap_releases;
			unsigned int waited = 0;

			if (kmaprt_live_tasks() <= 1)
				pool_deadlock(site, "no other thread exists to kunmap() one");
			pkmap_waiters++;
			t->blocked_in_kmap = 1;
			kmaprt_sched_out(t);
			while (pkmap_releases == releases) {
				struct timespec ts;

				kmaprt_abs_deadline(&ts, 100);
				if (pthread_cond_timedwait(&pkmap_wait, &kmap_lock, &ts) != ETIMEDOUT)
					continue;
				waited += 100;
				if (kmaprt_cfg.pool_timeout &&
				    waited >= kmaprt_cfg.pool_timeout * 1000)
					pool_deadlock(site, "no slot was released meanwhile");
			}
			kmaprt_sched_in(t);
			t->blocked_in_kmap = 0;
			pkmap_waiters--;
			/* Somebody else may have mapped it while we slept. */
			if (page->kmaprt_pkmap)
				return page->kmaprt_pkmap - 1;
			goto start;
		}
	}
	nr = last_pkmap_nr;
	kmaprt_map_frame((void *)PKMAP_ADDR(nr), page_to_pfn(page),
			 PROT_READ | PROT_WRITE);
	pkmap_count[nr] = 1;
	pkmap_rec[nr].page = page;
	pkmap_rec[nr].pfn = page_to_pfn(page);
	pkmap_rec[nr].first_site = site;
	pkmap_rec[nr].unmap_site = NULL;
	pkmap_rec[nr].flushed = 0;
	__atomic_store_n(&page->kmaprt_pkmap, nr + 1, __ATOMIC_RELEASE);
	return nr;
}

static inline bool goes_through_slot(const struct page *page)
{
	return kmaprt_cfg.force_map || PageHighMem(page);
}

void *kmaprt_kmap(struct page *page, const struct kmaprt_site *site)
{
	int nr;

	kmaprt_check_page(page, "kmap", site);
	kmaprt_might_sleep(site, "kmap()");
	if (!goes_through_slot(page))
		return kmaprt_direct_map + (page_to_pfn(page) << PAGE_SHIFT);
	pthread_mutex_lock(&kmap_lock);
	nr = (int)page->kmaprt_pkmap - 1;
	if (nr < 0)
		nr = map_new_virtual(page, site);
	if (pkmap_count[nr] == 1)
		kmaprt_protect((void *)PKMAP_ADDR(nr), PROT_READ | PROT_WRITE);
	pkmap_count[nr]++;
	pkmap_rec[nr].last_site = site;
	pthread_mutex_unlock(&kmap_lock);
	return (void *)PKMAP_ADDR(nr);
}

void kmaprt_kunmap(struct page *page, const struct kmaprt_site *site)
{
	char sb[KMAPRT_SITE_BUF], sb2[KMAPRT_SITE_BUF], sb3[KMAPRT_SITE_BUF];
	int nr;

	kmaprt_check_page(page, "kunmap", site);
	kmaprt_might_sleep(site, "kunmap()");
	if (!goes_through_slot(page))
		return;
	pthread_mutex_lock(&kmap_lock);
	nr = (int)page->kmaprt_pkmap - 1;
	if (nr < 0) {
		pthread_mutex_unlock(&kmap_lock);
		kmaprt_report_begin(KMAPRT_BUG_STOP, "not-mapped",
				    "kunmap() at %s of frame %#lx, which kmap() does not hold",
				    SITE(site, sb), page_to_pfn(page));
		if (page->kmaprt_local_maps)
			kmaprt_report_detail("the page has %u live local mapping(s): release those with kunmap_local(addr)",
					     page->kmaprt_local_maps);
		kmaprt_report_end();
		return;
	}
	if (pkmap_count[nr] <= 1) {
		struct pkmap_record r = pkmap_rec[nr];

		pthread_mutex_unlock(&kmap_lock);
		kmaprt_report(KMAPRT_BUG_STOP, "double-unmap",
			      "kunmap() at %s of frame %#lx: its kmap() at %s was already released by kunmap() at %s",
			      SITE(site, sb), page_to_pfn(page), SITE(r.last_site, sb2),
			      SITE(r.unmap_site, sb3));
		return;
	}
	pkmap_rec[nr].unmap_site = site;
	if (--pkmap_count[nr] == 1) {
		kmaprt_protect((void *)PKMAP_ADDR(nr), PROT_NONE);
		pkmap_releases++;
		if (pkmap_waiters)
			pthread_cond_broadcast(&pkmap_wait);
	}
	pthread_mutex_unlock(&kmap_lock);
}

/* For the fault handler: what the pool knows about @addr (lock-free, racy). */
bool kmaprt_pool_describe(unsigned long addr, char *buf, size_t len,
			  const char **cls)
{
	unsigned long off = addr - (PKMAP_BASE - PAGE_SIZE);
	unsigned int page_idx = off >> PAGE_SHIFT, nr;
	struct pkmap_record *r;
	char sb[KMAPRT_SITE_BUF], sb2[KMAPRT_SITE_BUF];

	if (!kmaprt_pkmap_base || off >= (1 + 2 * (unsigned long)LAST_PKMAP) * PAGE_SIZE)
		return false;
	if (page_idx == 0) {
		*cls = "fault-guard";
		snprintf(buf, len, "guard page before kmap() pool slot 0");
		return true;
	}
	nr = (page_idx - 1) / 2;
	r = &pkmap_rec[nr];
	if (!((page_idx - 1) & 1)) {
		/* The slot page itself. */
		if (!r->first_site) {
			*cls = "fault-highmem";
			snprintf(buf, len, "kmap() pool slot %u, never used", nr);
		} else if (pkmap_count[nr] == 1) {
			*cls = "fault-after-unmap";
			snprintf(buf, len, "kmap() pool slot %u: frame %#lx mapped by kmap() at %s, all references released (last kunmap() at %s)",
				 nr, r->pfn, kmaprt_site_str(r->last_site, sb, sizeof(sb)),
				 kmaprt_site_str(r->unmap_site, sb2, sizeof(sb2)));
		} else if (pkmap_count[nr] == 0) {
			*cls = "fault-highmem";
			snprintf(buf, len, "stale kmap() pool slot %u: frame %#lx (kmap() at %s, kunmap() at %s) was flushed; highmem has no permanent mapping",
				 nr, r->pfn, kmaprt_site_str(r->last_site, sb, sizeof(sb)),
				 kmaprt_site_str(r->unmap_site, sb2, sizeof(sb2)));
		} else {
			*cls = "fault";
			snprintf(buf, len, "kmap() pool slot %u in use: frame %#lx, kmap() at %s",
				 nr, r->pfn, kmaprt_site_str(r->last_site, sb, sizeof(sb)));
		}
		return true;
	}
	*cls = "fault-guard";
	snprintf(buf, len, "guard page %lu bytes past the end of kmap() pool slot %u (frame %#lx, kmap() at %s)",
		 (off & ~PAGE_MASK), nr, r->pfn,
		 kmaprt_site_str(r->last_site ? r->last_site : r->first_site, sb, sizeof(sb)));
	return true;
}

void kmaprt_pool_exit_check(void)
{
	char sb[KMAPRT_SITE_BUF];
	unsigned int i;

	if (!pkmap_count)
		return;
	pthread_mutex_lock(&kmap_lock);
	for (i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] < 2)
			continue;
		kmaprt_report(KMAPRT_WARN, "leak",
			      "kmap() at %s of frame %#lx never kunmap()ed (%d reference(s) left at exit)",
			      SITE(pkmap_rec[i].last_site, sb), pkmap_rec[i].pfn,
			      pkmap_count[i] - 1);
	}
	pthread_mutex_unlock(&kmap_lock);
}

struct page *kmaprt_kmap_to_page(const void *vaddr, const struct kmaprt_site *site)
{
	unsigned long addr = (unsigned long)vaddr;
	struct kmaprt_task *t = kmaprt_self();

	if (kmaprt_is_kmap_addr(vaddr)) {
		unsigned long off = addr - PKMAP_BASE;
		unsigned int nr = off >> (PAGE_SHIFT + 1);

		if (!(off & PAGE_SIZE) && pkmap_count[nr])
			return pfn_to_page(pkmap_rec[nr].pfn);
	}
	if (addr - (unsigned long)t->win->base < 2 * KM_MAX_IDX * PAGE_SIZE) {
		unsigned long off = addr - (unsigned long)t->win->base;
		int idx = off >> (PAGE_SHIFT + 1);

		if (!(off & PAGE_SIZE) && idx < t->kmap_idx &&
		    t->win->slot[idx].state == KMAPRT_SLOT_LIVE)
			return pfn_to_page(t->win->slot[idx].pfn);
	}
	return kmaprt_virt_to_page(vaddr, site);
}

/* ---- kmap_local ---- */

static int host_prot(pgprot_t prot)
{
	return (pgprot_val(prot) & _PAGE_RW) ? PROT_READ | PROT_WRITE : PROT_READ;
}

static __noreturn void nesting_bug(struct kmaprt_task *t, const char *api,
				   const struct kmaprt_site *site)
{
	char sb[KMAPRT_SITE_BUF], sb2[KMAPRT_SITE_BUF];
	int i;

	kmaprt_report_begin(KMAPRT_BUG_STOP, "nesting",
			    "%s() at %s: more than KM_MAX_IDX=%d nested local mappings; the oldest is %s() at %s",
			    api, SITE(site, sb), KM_MAX_IDX, t->win->slot[0].api,
			    SITE(t->win->slot[0].map_site, sb2));
	for (i = t->kmap_idx - 1; i >= 0; i--)
		kmaprt_report_detail("slot %2d: %s() at %s%s", i, t->win->slot[i].api,
				     SITE(t->win->slot[i].map_site, sb),
				     t->win->slot[i].state == KMAPRT_SLOT_DEAD ?
				     " (unmapped out of order, slot not yet popped)" : "");
	kmaprt_report_end();
	abort();
}

void *kmaprt_kmap_local(struct page *page, unsigned long pfn, pgprot_t prot,
			unsigned int flags, const char *api,
			const struct kmaprt_site *site)
{
	struct kmaprt_task *t = kmaprt_self();
	struct kmaprt_lslot *s;
	char *addr;
	int idx;

	if (page) {
		kmaprt_check_page(page, api, site);
		pfn = page_to_pfn(page);
	} else if (pfn >= kmaprt_max_pfn || !pfn) {
		char sb[KMAPRT_SITE_BUF];

		kmaprt_report(KMAPRT_BUG_STOP, "page", "%s(%#lx) at %s: no such frame (max_pfn %#lx)",
			      api, pfn, SITE(site, sb), kmaprt_max_pfn);
	} else {
		page = pfn_to_page(pfn);
	}
	if (!kmaprt_cfg.force_map && pfn < kmaprt_highstart_pfn)
		return kmaprt_direct_map + (pfn << PAGE_SHIFT);

	idx = t->kmap_idx;
	if (unlikely(idx >= KM_MAX_IDX))
		nesting_bug(t, api, site);
	s = &t->win->slot[idx];
	addr = kmaprt_slot_addr(t->win, idx);
	s->prot = host_prot(prot);
	if (s->host_pfn != pfn) {
		kmaprt_map_frame(addr, pfn, s->prot);
		s->host_pfn = pfn;
	} else {
		kmaprt_protect(addr, s->prot);
	}
	s->pfn = pfn;
	s->flags = flags;
	s->api = api;
	s->map_site = site;
	s->unmap_site = NULL;
	s->used = 1;
	__atomic_store_n(&s->state, KMAPRT_SLOT_LIVE, __ATOMIC_RELEASE);
	__atomic_add_fetch(&page->kmaprt_local_maps, 1, __ATOMIC_RELAXED);
	t->kmap_idx = idx + 1;
	return addr;
}

static void local_unmap_slot(struct kmaprt_task *t, int idx,
			     const struct kmaprt_site *site)
{
	struct kmaprt_lslot *s = &t->win->slot[idx];

	kmaprt_protect(kmaprt_slot_addr(t->win, idx), PROT_NONE);
	__atomic_sub_fetch(&pfn_to_page(s->pfn)->kmaprt_local_maps, 1, __ATOMIC_RELAXED);
	s->unmap_site = site;
}

/* Pops the top slot and any out-of-order-unmapped slots under it. */
static void local_pop(struct kmaprt_task *t)
{
	while (t->kmap_idx > 0 &&
	       t->win->slot[t->kmap_idx - 1].state != KMAPRT_SLOT_LIVE) {
		t->win->slot[t->kmap_idx - 1].state = KMAPRT_SLOT_FREE;
		t->kmap_idx--;
	}
}

void kmaprt_local_unmap_all(struct kmaprt_task *t)
{
	int i;

	for (i = t->kmap_idx - 1; i >= 0; i--) {
		if (t->win->slot[i].state == KMAPRT_SLOT_LIVE) {
			local_unmap_slot(t, i, NULL);
			t->win->slot[i].state = KMAPRT_SLOT_DEAD;
		}
	}
	local_pop(t);
	t->switched_out = 0;
}

/*
 * What the kernel's kunmap_local_indexed() does with an address that is not
 * the newest slot: it releases the newest one.  That slot is marked as
 * popped in place of another; the mapping named stays as it is.
 */
static void release_newest(struct kmaprt_task *t, const struct kmaprt_site *site)
{
	int idx = t->kmap_idx - 1;

	local_unmap_slot(t, idx, site);
	t->win->slot[idx].state = KMAPRT_SLOT_DEAD;
	t->kmap_idx--;
	local_pop(t);
}

static const char *unmap_api(unsigned int flags)
{
	return (flags & KMAPRT_LOCAL_ATOMIC) ? "kunmap_atomic" : "kunmap_local";
}

static void unmap_foreign(struct kmaprt_task *t, unsigned long addr,
			  unsigned int flags, const struct kmaprt_site *site)
{
	char sb[KMAPRT_SITE_BUF], sb2[KMAPRT_SITE_BUF];
	const char *api = unmap_api(flags);

	/* Another task's window, a pool slot, lowmem, or nothing at all? */
	if (addr - (unsigned long)kmaprt_windows_base <
	    (unsigned long)kmaprt_cfg.max_threads * KMAPRT_WINDOW_BYTES) {
		unsigned long woff = addr - (unsigned long)kmaprt_windows_base;
		struct kmaprt_window *win = &kmaprt_windows[woff / KMAPRT_WINDOW_BYTES];
		unsigned long off = woff % KMAPRT_WINDOW_BYTES;
		int idx = off ? (off - PAGE_SIZE) >> (PAGE_SHIFT + 1) : 0;
		struct kmaprt_lslot *s = &win->slot[idx];

		if (!(off && !((off - PAGE_SIZE) & PAGE_SIZE))) {
			kmaprt_report(KMAPRT_WARN, "not-mapped",
				      "%s(%#lx) at %s: the address is in a guard page next to the slot of %s() at %s; pass an address inside the mapped page",
				      api, addr, SITE(site, sb), s->api ? s->api : "kmap_local_page",
				      SITE(s->map_site, sb2));
			return;
		}
		/*
		 * The kernel's kunmap_local_indexed() knows no owner: it
		 * releases the calling task's newest slot whatever the
		 * address, and with no slot to release kmap_local_idx_pop()
		 * hits BUG_ON(idx < 0).  Do the same.
		 */
		if (!t->kmap_idx) {
			kmaprt_report(KMAPRT_BUG_STOP, "owner",
				      "%s(%#lx) at %s in %s: the mapping was made by %s() at %s in task %s%s; a local mapping belongs to the thread that made it, and this one has none to release (the kernel's BUG_ON in kmap_local_idx_pop())",
				      api, addr, SITE(site, sb), t->win->owner_name,
				      s->api ? s->api : "?", SITE(s->map_site, sb2),
				      win->owner_name, win->owner ? "" : " (exited)");
			return;
		}
		{
			const struct kmaprt_lslot *newest = kmaprt_newest_live_slot(t);
			char sb3[KMAPRT_SITE_BUF];

			kmaprt_report(KMAPRT_WARN, "owner",
				      "%s(%#lx) at %s in %s: the mapping was made by %s() at %s in task %s%s; a local mapping belongs to the thread that made it; this task's newest local mapping, %s() at %s, is released instead",
				      api, addr, SITE(site, sb), t->win->owner_name,
				      s->api ? s->api : "?", SITE(s->map_site, sb2),
				      win->owner_name, win->owner ? "" : " (exited)",
				      newest ? newest->api : "?",
				      SITE(newest ? newest->map_site : NULL, sb3));
		}
		release_newest(t, site);
		return;
	}
	if (kmaprt_is_kmap_addr((void *)addr)) {
		unsigned int nr = (addr - PKMAP_BASE) >> (PAGE_SHIFT + 1);

		kmaprt_report(KMAPRT_WARN, "not-mapped",
			      "%s(%#lx) at %s: a kmap() address (pool slot %u, kmap() at %s); release it with kunmap(page)",
			      api, addr, SITE(site, sb), nr, SITE(pkmap_rec[nr].last_site, sb2));
		return;
	}
	if (kmaprt_in_direct_map(addr)) {
		/* Without forced mapping lowmem is never mapped: nothing to do. */
		if (!kmaprt_cfg.force_map)
			return;
		kmaprt_report(KMAPRT_WARN, "not-mapped",
			      "%s(%#lx) at %s: a direct-map (page_address) address, not one from kmap_local_page()/kmap_atomic()",
			      api, addr, SITE(site, sb));
		return;
	}
	kmaprt_report(KMAPRT_WARN, "not-mapped", "%s(%#lx) at %s: not a mapped address",
		      api, addr, SITE(site, sb));
}

void kmaprt_kunmap_local(const void *vaddr, unsigned int flags,
			 const struct kmaprt_site *site)
{
	struct kmaprt_task *t = kmaprt_self();
	unsigned long addr = (unsigned long)vaddr;
	unsigned long off = addr - (unsigned long)t->win->base;
	char sb[KMAPRT_SITE_BUF], sb2[KMAPRT_SITE_BUF], sb3[KMAPRT_SITE_BUF];
	const char *api = unmap_api(flags);
	struct kmaprt_lslot *s, *top;
	int idx;

	if (off >= 2 * KM_MAX_IDX * PAGE_SIZE || (off & PAGE_SIZE)) {
		unmap_foreign(t, addr, flags, site);
		return;
	}
	idx = off >> (PAGE_SHIFT + 1);
	s = &t->win->slot[idx];
	if (s->state == KMAPRT_SLOT_DEAD && t->kmap_idx > 0) {
		/*
		 * This mapping was popped in place of another by an earlier
		 * out-of-order unmap. The kernel knows nothing of that: it warns
		 * that the address is not the newest and pops the newest again.
		 */
		const struct kmaprt_lslot *newest = kmaprt_newest_live_slot(t);

		kmaprt_report(KMAPRT_WARN, "lifo",
			      "%s(%#lx) at %s out of order: its slot was already released in place of another by an earlier out-of-order unmap; the newest local mapping, %s() at %s, is released instead",
			      api, addr, SITE(site, sb), newest->api, SITE(newest->map_site, sb3));
		s->state = KMAPRT_SLOT_FREE;
		release_newest(t, site);
		return;
	}
	if (idx >= t->kmap_idx || s->state != KMAPRT_SLOT_LIVE) {
		if (s->used && s->unmap_site) {
			kmaprt_report(KMAPRT_BUG_STOP, "double-unmap",
				      "%s(%#lx) at %s: the mapping made by %s() at %s was already unmapped at %s",
				      api, addr, SITE(site, sb), s->api,
				      SITE(s->map_site, sb2), SITE(s->unmap_site, sb3));
		}
		kmaprt_report(KMAPRT_WARN, "not-mapped",
			      "%s(%#lx) at %s: nothing is mapped at this address",
			      api, addr, SITE(site, sb));
		return;
	}
	if ((s->flags ^ flags) & KMAPRT_LOCAL_ATOMIC) {
		kmaprt_report(KMAPRT_WARN, "atomic-context",
			      "%s() at %s releases the mapping made by %s() at %s: preemption and page faults are left %s",
			      api, SITE(site, sb), s->api, SITE(s->map_site, sb2),
			      (s->flags & KMAPRT_LOCAL_ATOMIC) ? "disabled" : "unbalanced");
	}
	top = &t->win->slot[t->kmap_idx - 1];
	if (idx != t->kmap_idx - 1) {
		const struct kmaprt_lslot *newest = kmaprt_newest_live_slot(t);

		kmaprt_report(KMAPRT_WARN, "lifo",
			      "%s(%#lx) at %s out of order: it releases %s() at %s, but the newest local mapping is %s() at %s; unmap in reverse order of mapping",
			      api, addr, SITE(site, sb), s->api, SITE(s->map_site, sb2),
			      newest->api, SITE(newest->map_site, sb3));
		/*
		 * Then do what the kernel does (kunmap_local_indexed() in
		 * mm/highmem.c): it releases the newest slot, not the one it was
		 * given, which stays mapped until its own (late) unmap pops it.
		 */
		release_newest(t, site);
		return;
	}
	(void)top;
	local_unmap_slot(t, idx, site);
	s->state = KMAPRT_SLOT_FREE;
	t->kmap_idx--;
	local_pop(t);
}

/* Freeing a frame that is still mapped is a leak of the mapping. */
void kmaprt_page_freed_check(struct page *page, unsigned int nr,
			     const struct kmaprt_site *site)
{
	char sb[KMAPRT_SITE_BUF], sb2[KMAPRT_SITE_BUF];
	unsigned int i, w, s;

	for (i = 0; i < nr; i++) {
		struct page *p = page + i;
		unsigned int slot = __atomic_load_n(&p->kmaprt_pkmap, __ATOMIC_ACQUIRE);

		if (slot && pkmap_count[slot - 1] > 1)
			kmaprt_report(KMAPRT_WARN, "leak",
				      "frame %#lx freed at %s while kmap() at %s still holds it",
				      page_to_pfn(p), SITE(site, sb),
				      SITE(pkmap_rec[slot - 1].last_site, sb2));
		if (!__atomic_load_n(&p->kmaprt_local_maps, __ATOMIC_RELAXED))
			continue;
		for (w = 0; w < kmaprt_cfg.max_threads; w++) {
			struct kmaprt_window *win = &kmaprt_windows[w];

			for (s = 0; s < KM_MAX_IDX; s++)
				if (win->slot[s].state == KMAPRT_SLOT_LIVE &&
				    win->slot[s].pfn == page_to_pfn(p))
					kmaprt_report(KMAPRT_WARN, "leak",
						      "frame %#lx freed at %s while %s() at %s in task %s still maps it",
						      page_to_pfn(p), SITE(site, sb),
						      win->slot[s].api,
						      SITE(win->slot[s].map_site, sb2),
						      win->owner_name);
		}
	}
}

/* ---- the map/copy/unmap helpers, attributed to their caller ---- */

static void *map_helper(struct page *page, const char *api,
			const struct kmaprt_site *site)
{
	return kmaprt_kmap_local(page, 0, PAGE_KERNEL, 0, api, site);
}

static void unmap_helper(void *addr, const struct kmaprt_site *site)
{
	kmaprt_kunmap_local(addr, 0, site);
}

void kmaprt_memcpy_page(struct page *dst, size_t dst_off, struct page *src,
			size_t src_off, size_t len, const struct kmaprt_site *site)
{
	char *d = map_helper(dst, "memcpy_page", site);
	char *s = map_helper(src, "memcpy_page", site);

	memcpy(d + dst_off, s + src_off, len);
	unmap_helper(s, site);
	unmap_helper(d, site);
}

void kmaprt_memset_page(struct page *page, size_t offset, int val, size_t len,
			const char *api, const struct kmaprt_site *site)
{
	char *addr = map_helper(page, api, site);

	memset(addr + offset, val, len);
	unmap_helper(addr, site);
}

void kmaprt_memcpy_from_page(char *to, struct page *page, size_t offset,
			     size_t len, const struct kmaprt_site *site)
{
	char *from = map_helper(page, "memcpy_from_page", site);

	memcpy(to, from + offset, len);
	unmap_helper(from, site);
}

void kmaprt_memcpy_to_page(struct page *page, size_t offset, const char *from,
			   size_t len, const struct kmaprt_site *site)
{
	char *to = map_helper(page, "memcpy_to_page", site);

	memcpy(to + offset, from, len);
	unmap_helper(to, site);
}

void kmaprt_copy_highpage(struct page *to, struct page *from,
			  const struct kmaprt_site *site)
{
	char *vfrom = map_helper(from, "copy_highpage", site);
	char *vto = map_helper(to, "copy_highpage", site);

	memcpy(vto, vfrom, PAGE_SIZE);
	unmap_helper(vto, site);
	unmap_helper(vfrom, site);
}

void kmaprt_zero_user_segments(struct page *page, unsigned int start1,
			       unsigned int end1, unsigned int start2,
			       unsigned int end2, const struct kmaprt_site *site)
{
	unsigned int i, nr = compound_nr(page);

	for (i = 0; i < nr; i++) {
		unsigned int base = i * PAGE_SIZE, lim = base + PAGE_SIZE;
		unsigned int a1 = max(start1, base), b1 = min(end1, lim);
		unsigned int a2 = max(start2, base), b2 = min(end2, lim);
		char *kaddr;

		if (a1 >= b1 && a2 >= b2)
			continue;
		kaddr = map_helper(page + i, "zero_user_segments", site);
		if (a1 < b1)
			memset(kaddr + a1 - base, 0, b1 - a1);
		if (a2 < b2)
			memset(kaddr + a2 - base, 0, b2 - a2);
		unmap_helper(kaddr, site);
	}
}
