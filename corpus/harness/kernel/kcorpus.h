/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcorpus.h - what one compiled case form hands to the kernel lane's runner: its names, its
 * entry point and the counters its harness keeps. It does not run anything (runner.c does).
 */
#ifndef KCORPUS_H
#define KCORPUS_H

#include <linux/atomic.h>
#include <linux/types.h>

/*
 * Counters of one case form, kept by the harness wrappers in corpus_lane.h and reset by the
 * runner before each run.
 */
struct kcorpus_stats {
	unsigned int fails;		/* corpus_fail() calls */
	unsigned int highmem;		/* __GFP_HIGHMEM allocations that got a highmem page */
	unsigned int lowmem;		/* __GFP_HIGHMEM allocations that got a lowmem page */
	atomic_t kmap_held;		/* kmap() minus kunmap() calls on highmem pages */
	unsigned int user_alloc_fail;	/* corpus_user_alloc() without a user mm or vm_mmap error */
};

struct kcorpus_case {
	const char *name;		/* file name of the case, without .c */
	const char *form;		/* orig, converted, naive, or smoke */
	int (*run)(void);
	struct kcorpus_stats *stats;
};

#endif /* KCORPUS_H */
