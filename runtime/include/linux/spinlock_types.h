/* SPDX-License-Identifier: GPL-2.0 */
/* spinlock_t: a host mutex plus the atomic-context accounting of spinning. */
#ifndef _LINUX_SPINLOCK_TYPES_H
#define _LINUX_SPINLOCK_TYPES_H

#include <kmaprt_sync.h>

typedef struct spinlock {
	struct kmaprt_mutex_storage m;
	const struct kmaprt_site *owner_site;
} spinlock_t;

typedef spinlock_t raw_spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	((spinlock_t){ { { 0 } }, 0 })
#define DEFINE_SPINLOCK(name)		spinlock_t name = { { { 0 } }, 0 }
#define DEFINE_RAW_SPINLOCK(name)	DEFINE_SPINLOCK(name)

#endif
