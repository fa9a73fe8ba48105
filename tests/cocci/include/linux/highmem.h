/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations only, so that tests/cocci inputs and expected results can be
 * compile-checked (gcc -fsyntax-only) without a kernel tree.  Nothing here
 * runs; the reference runtime lives in runtime/.
 */
#ifndef KMAPCHECK_COCCI_TEST_HIGHMEM_H
#define KMAPCHECK_COCCI_TEST_HIGHMEM_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long size_t;
typedef long loff_t;
typedef _Bool bool;
typedef unsigned int gfp_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define NULL ((void *)0)
#define true 1
#define false 0
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define offset_in_page(p) ((unsigned long)(p) & (PAGE_SIZE - 1))
#define EIO 5
#define ENOMEM 12
#define EFAULT 14
#define EINVAL 22
#define __user
#define GFP_KERNEL 0x1u
#define GFP_HIGHUSER 0x2u
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))

struct page;
struct spinlock { int locked; };
typedef struct spinlock spinlock_t;
struct scatterlist {
	struct page *page;
	unsigned int offset;
	unsigned int length;
};

void *memcpy(void *dst, const void *src, size_t len);
void *memset(void *dst, int c, size_t len);
int memcmp(const void *a, const void *b, size_t len);
void *kmalloc(size_t size, gfp_t gfp);
void kfree(const void *p);
struct page *alloc_page(gfp_t gfp);
void __free_page(struct page *page);
void *page_address(const struct page *page);
struct page *sg_page(struct scatterlist *sg);
void flush_dcache_page(struct page *page);
void clear_page(void *addr);
void copy_page(void *to, void *from);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void might_sleep(void);
void cond_resched(void);
void pagefault_disable(void);
void pagefault_enable(void);
void preempt_disable(void);
void preempt_enable(void);
unsigned long __copy_from_user_inatomic(void *to, const void __user *from,
					unsigned long n);
unsigned long __copy_to_user_inatomic(void __user *to, const void *from,
				      unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n);
u32 crc32_le(u32 crc, const unsigned char *p, size_t len);
void pr_debug(const char *fmt, ...);

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void *kmap_atomic_prot(struct page *page, pgprot_t prot);
void *kmap_atomic_pfn(unsigned long pfn);
void __kunmap_atomic(const void *addr);
void *kmap_local_page(struct page *page);
void *kmap_local_page_prot(struct page *page, pgprot_t prot);
void *kmap_local_pfn(unsigned long pfn);
void __kunmap_local(const void *addr);

/* As in the kernel, an unmap that takes an address refuses a struct page *. */
#define kunmap_atomic(addr)					\
do {								\
	BUILD_BUG_ON(__same_type((addr), struct page *));	\
	__kunmap_atomic(addr);					\
} while (0)

#define kunmap_local(addr)					\
do {								\
	BUILD_BUG_ON(__same_type((addr), struct page *));	\
	__kunmap_local(addr);					\
} while (0)

void memcpy_page(struct page *dst_page, size_t dst_off,
		 struct page *src_page, size_t src_off, size_t len);
void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len);
void memcpy_to_page(struct page *page, size_t offset, const char *from,
		    size_t len);
void memzero_page(struct page *page, size_t offset, size_t len);

#endif
