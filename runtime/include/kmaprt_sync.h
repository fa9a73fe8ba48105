/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Storage for the host's pthread objects inside kernel lock types, so the
 * kernel-named headers need not include <pthread.h>.  An all-zero object
 * is a valid unlocked mutex / idle condition variable (checked at start-up),
 * which makes DEFINE_SPINLOCK and friends plain static initializers.
 */
#ifndef _KMAPRT_SYNC_H
#define _KMAPRT_SYNC_H

#include <kmaprt.h>

struct kmaprt_mutex_storage {
	unsigned long opaque[6];
};

struct kmaprt_cond_storage {
	unsigned long long opaque[6];
};

#endif
