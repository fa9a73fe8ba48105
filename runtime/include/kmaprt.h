/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reference runtime's own interface: call-site capture used by the
 * kernel-named headers, the report counter, and user memory for tests.
 * Kernel-style code never needs this file directly; test harnesses do.
 */
#ifndef _KMAPRT_H
#define _KMAPRT_H

#include <stddef.h>

/*
 * The runtime models a 32-bit HIGHMEM kernel: physical memory is larger
 * than the address space, so it only makes sense as i386 code.
 */
_Static_assert(sizeof(void *) == 4, "kmaprt is i386 code: build with gcc -m32");

/* Where an API call was written; every report names one of these. */
struct kmaprt_site {
	const char *file;
	int line;
	const char *func;
};

/*
 * A pointer to a per-call-site constant.  A statement expression keeps the
 * API macros usable as expressions and costs one immediate load per call.
 */
#define KMAPRT_SITE							\
	({								\
		static const struct kmaprt_site __kmaprt_site = {	\
			__FILE__, __LINE__, __func__			\
		};							\
		&__kmaprt_site;						\
	})

#ifndef __user
# ifdef __CHECKER__
#  define __user	__attribute__((noderef, address_space(__user)))
# else
#  define __user
# endif
#endif

/**
 * kmaprt_report_count - number of reports (BUG and WARNING) printed so far
 *
 * Return: the count; a program that expects a clean run checks it is 0.
 */
int kmaprt_report_count(void);

/**
 * kmaprt_bug_count - number of BUG-level reports printed so far
 */
int kmaprt_bug_count(void);

/**
 * kmaprt_user_alloc - allocate "user" memory for copy_{from,to}_user tests
 * @len: size in bytes
 *
 * Every page starts not present: a __copy_from_user_inatomic() with page
 * faults disabled copies nothing from it, copy_from_user() faults it in.
 *
 * Return: the user address, NULL when the user area is exhausted.
 */
void __user *kmaprt_user_alloc(size_t len);

/**
 * kmaprt_user_free - release memory from kmaprt_user_alloc()
 * @p: the address kmaprt_user_alloc() returned (NULL is ignored)
 */
void kmaprt_user_free(void __user *p);

/**
 * kmaprt_user_write - fill user memory from the test without faulting it in
 * @dst: user address
 * @src: source buffer
 * @len: bytes
 *
 * Return: 0, or -EFAULT when the range is not inside one allocation.
 */
int kmaprt_user_write(void __user *dst, const void *src, size_t len);

/**
 * kmaprt_user_read - read user memory from the test without faulting it in
 */
int kmaprt_user_read(void *dst, const void __user *src, size_t len);

/**
 * kmaprt_user_evict - make the pages of a user range not present again
 *
 * Models reclaim: the contents stay, the next access has to fault again.
 * Return: 0, or -EFAULT when the range is not inside one allocation.
 */
int kmaprt_user_evict(void __user *p, size_t len);

struct page;

/**
 * kmaprt_alloc_page_pfn - allocate the frame @pfn if it is free (tests only)
 *
 * Lets a test place a page at a chosen "physical" offset, e.g. just below
 * or above 4 GiB.  Return: the page, or NULL when the frame is taken or
 * does not exist.
 */
struct page *kmaprt_alloc_page_pfn(unsigned long pfn);

/**
 * kmaprt_phys_read - read "physical" memory behind every mapping
 * @pfn: frame number
 * @offset: byte offset in the frame
 * @buf: destination
 * @len: bytes, offset + len <= PAGE_SIZE
 *
 * The ground truth tests compare mappings against.  Return: 0 or -EINVAL.
 */
int kmaprt_phys_read(unsigned long pfn, unsigned int offset, void *buf,
		     size_t len);

/* Sizes the runtime set itself up with (after environment overrides). */
struct kmaprt_config {
	unsigned long long mem_bytes;	/* KMAPRT_MEM_MB */
	unsigned long lowmem_bytes;	/* KMAPRT_LOWMEM_MB */
	unsigned int last_pkmap;	/* KMAPRT_LAST_PKMAP */
	unsigned int max_threads;	/* KMAPRT_MAX_THREADS, also NR_CPUS */
	int force_map;			/* KMAPRT_FORCE_MAP */
	unsigned int pool_timeout;	/* KMAPRT_POOL_TIMEOUT, seconds */
	unsigned long user_bytes;	/* KMAPRT_USER_MB */
	int exit_on_warn;		/* KMAPRT_EXIT_ON_WARN */
};

/**
 * kmaprt_get_config - the configuration in effect
 */
const struct kmaprt_config *kmaprt_get_config(void);

#endif /* _KMAPRT_H */
