/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's basic types for i386 with PAE-sized physical addresses
 * (phys_addr_t is 64 bits: the runtime's physical memory exceeds 4 GiB).
 * It coexists with libc headers included before or after it.
 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <stddef.h>
#include <stdint.h>
#include <linux/kconfig.h>
#include <linux/compiler.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;
typedef s8 __s8;
typedef s16 __s16;
typedef s32 __s32;
typedef s64 __s64;
typedef u16 __le16;
typedef u16 __be16;
typedef u32 __le32;
typedef u32 __be32;
typedef u64 __le64;
typedef u64 __be64;
typedef u32 __wsum;
typedef u16 __sum16;

/* C11 allows repeating a typedef with the same type, so libc may follow. */
typedef int ssize_t;
typedef long long loff_t;
typedef int pid_t;

#ifndef __bool_true_false_are_defined
typedef _Bool bool;
enum {
	false = 0,
	true = 1
};
#endif

typedef unsigned int __bitwise gfp_t;
typedef unsigned long pgoff_t;
typedef u64 phys_addr_t;
typedef u64 resource_size_t;
typedef u32 dma_addr_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

typedef struct {
	long long counter;
} atomic64_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
};
#define rcu_head callback_head

#endif /* _LINUX_TYPES_H */
