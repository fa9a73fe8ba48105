/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi.h - the kernel functions the prover tests call, declared as the kernel
 * declares them (linux 6.1), so that each test is one self-contained C file.
 *
 * Only declarations: the prover must take its knowledge from rules/, not from bodies.
 */
#ifndef KAPI_H
#define KAPI_H

#define NULL ((void *)0)
#define EINVAL 22
#define ENOMEM 12
#define EFAULT 14

typedef unsigned int gfp_t;
typedef unsigned long size_t;
typedef unsigned int u32;
typedef unsigned char u8;

#define __GFP_HIGHMEM	((gfp_t)0x02u)
#define __GFP_ZERO	((gfp_t)0x100u)
#define GFP_KERNEL	((gfp_t)0xcc0u)
#define GFP_NOFS	((gfp_t)0xc40u)
#define GFP_ATOMIC	((gfp_t)0xa20u)
#define GFP_HIGHUSER	((gfp_t)0x100cc2u)

struct page;
struct folio;
struct work_struct { void (*func)(struct work_struct *); };
struct workqueue_struct;
struct task_struct;
struct list_head { struct list_head *next, *prev; };
struct scatterlist { unsigned long page_link; unsigned int offset, length; };
struct spinlock { int raw; };
typedef struct spinlock spinlock_t;

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);
void *kmap_local_page(struct page *page);
void *kmap_local_folio(struct folio *folio, size_t offset);
void kunmap_local(const void *addr);
void memcpy_to_page(struct page *page, size_t offset, const char *from, size_t len);
void memcpy_from_page(char *to, struct page *page, size_t offset, size_t len);
void *page_address(const struct page *page);

struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct page *alloc_page(gfp_t gfp);
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
struct page *virt_to_page(const void *addr);
void __free_page(struct page *page);
void *kmalloc(size_t size, gfp_t gfp);
void kfree(const void *p);

void *memcpy(void *to, const void *from, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
unsigned long copy_to_user(void *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
unsigned long __copy_from_user_inatomic(void *to, const void *from, unsigned long n);
unsigned long __copy_to_user_inatomic(void *to, const void *from, unsigned long n);
u32 crc32_le(u32 crc, const unsigned char *p, size_t len);
void flush_dcache_page(struct page *page);

void BUG(void) __attribute__((noreturn));
void panic(const char *fmt, ...) __attribute__((noreturn));
int printk(const char *fmt, ...);

int smp_processor_id(void);
int in_atomic(void);
int pagefault_disabled(void);
void preempt_disable(void);
void preempt_enable(void);
void pagefault_disable(void);
void pagefault_enable(void);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void mutex_lock(void *lock);
void mutex_unlock(void *lock);

int queue_work(struct workqueue_struct *wq, struct work_struct *work);
int schedule_work(struct work_struct *work);
struct task_struct *kthread_run(int (*fn)(void *), void *data, const char *name, ...);
void list_add(struct list_head *entry, struct list_head *head);
void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int len);

/* not known to the rules: a function the prover cannot see into */
void consume_buffer(void *buf, size_t len);

#endif
