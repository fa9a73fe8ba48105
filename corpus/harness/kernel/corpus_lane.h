/* SPDX-License-Identifier: GPL-2.0 */
/*
 * corpus_lane.h - the kernel lane of the corpus harness: a case becomes one object of the
 * kcorpus module for Debian's i386 kernel, registered under a name unique to the object, and
 * runs in the process that loads the module. It implements the harness API of
 * corpus/harness/corpus.h and nothing else; the mapping calls are the real kernel's.
 *
 * Every object is compiled through a generated wrapper that defines
 *   KCORPUS_NAME  the case name ("kmap_simple"),
 *   KCORPUS_FORM  the form ("orig", "converted", "naive", "smoke"),
 *   KCORPUS_ID    an identifier unique in the module (kmap_simple__orig),
 * so that several forms of one case link into one module.
 */
#ifndef KCORPUS_LANE_H
#define KCORPUS_LANE_H

#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include "kcorpus.h"

#if !defined(KCORPUS_NAME) || !defined(KCORPUS_FORM) || !defined(KCORPUS_ID)
#error "kernel lane: compile a case through the wrapper that defines KCORPUS_NAME/FORM/ID"
#endif

/* This object's counters; the runner reaches them through the case table. */
static struct kcorpus_stats kcorpus_stats;

#define corpus_fail(fmt, ...)							\
	do {									\
		kcorpus_stats.fails++;						\
		pr_err("corpus: FAIL %s %s line %d: " fmt "\n", KCORPUS_NAME,	\
		       KCORPUS_FORM, __LINE__, ##__VA_ARGS__);			\
	} while (0)

#define kcorpus_paste_(a, b)	a##b
#define kcorpus_paste(a, b)	kcorpus_paste_(a, b)
#define kcorpus_sym		kcorpus_paste(kcorpus_case_, KCORPUS_ID)

/*
 * The module links every case object; only this symbol stays global in each of them (the
 * build localizes the rest), and the generated table lists it.
 */
#define CORPUS_CASE(fn)							\
	extern struct kcorpus_case kcorpus_sym;					\
	struct kcorpus_case kcorpus_sym = {					\
		.name = KCORPUS_NAME,						\
		.form = KCORPUS_FORM,						\
		.run = fn,							\
		.stats = &kcorpus_stats,					\
	}

/*
 * User memory lives in the mm of the process that loads the module (the runner is called
 * from its finit_module()), mapped anonymous and private: zeroed, and each page absent until
 * first touched, as corpus.h promises. A case thread without that mm (a kthread, a work item)
 * gets NULL.
 */
static inline void __user *corpus_user_alloc(size_t len)
{
	unsigned long addr;

	if (!current->mm) {
		kcorpus_stats.user_alloc_fail++;
		return NULL;
	}
	addr = vm_mmap(NULL, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(addr)) {
		kcorpus_stats.user_alloc_fail++;
		return NULL;
	}
	return (void __user *)addr;
}

static inline void corpus_user_free(void __user *p, size_t len)
{
	if (p)
		vm_munmap((unsigned long)p, len);
}

static inline int corpus_user_write(void __user *dst, const void *src, size_t len)
{
	return copy_to_user(dst, src, len) ? -EFAULT : 0;
}

static inline int corpus_user_read(void *dst, const void __user *src, size_t len)
{
	return copy_from_user(dst, src, len) ? -EFAULT : 0;
}

/*
 * The lane only means something when the test pages really are highmem: count what every
 * __GFP_HIGHMEM allocation got. The parenthesized names call the kernel's own functions.
 */
static inline struct page *kcorpus_alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = (alloc_pages)(gfp, order);

	if (page && (gfp & __GFP_HIGHMEM)) {
		if (PageHighMem(page)) {
			kcorpus_stats.highmem++;
		} else {
			kcorpus_stats.lowmem++;
			pr_warn("corpus: lowmem-page %s %s: a __GFP_HIGHMEM allocation got pfn %lu\n",
				KCORPUS_NAME, KCORPUS_FORM, page_to_pfn(page));
		}
	}
	return page;
}

/*
 * kmap() leaves no trace the kernel reports: a kunmap()ed page keeps its pkmap slot until the
 * pool wraps, so page_address() cannot tell a leak either. Count the calls on highmem pages
 * instead; the runner reports what is still held when the case returns.
 */
static inline void *kcorpus_kmap(struct page *page)
{
	if (PageHighMem(page))
		atomic_inc(&kcorpus_stats.kmap_held);
	return (kmap)(page);
}

static inline void kcorpus_kunmap(struct page *page)
{
	if (PageHighMem(page))
		atomic_dec(&kcorpus_stats.kmap_held);
	(kunmap)(page);
}

#undef alloc_pages
#define alloc_pages(gfp, order)	kcorpus_alloc_pages(gfp, order)
#undef kmap
#define kmap(page)		kcorpus_kmap(page)
#undef kunmap
#define kunmap(page)		kcorpus_kunmap(page)

#endif /* KCORPUS_LANE_H */
