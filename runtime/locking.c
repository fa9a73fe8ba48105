// SPDX-License-Identifier: GPL-2.0
/*
 * Spinlocks, mutexes and completions on host mutexes and condition
 * variables.  Spinning accounts atomic context and never switches local
 * kmaps out; sleeping locks are might_sleep() points and switch them out
 * while they wait.  No lockdep: lock ordering is not checked.
 */
#include "internal.h"

#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/completion.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

_Static_assert(sizeof(struct kmaprt_mutex_storage) >= sizeof(pthread_mutex_t),
	       "kmaprt_mutex_storage too small for pthread_mutex_t");
_Static_assert(sizeof(struct kmaprt_cond_storage) >= sizeof(pthread_cond_t),
	       "kmaprt_cond_storage too small for pthread_cond_t");
_Static_assert(_Alignof(struct kmaprt_mutex_storage) >= _Alignof(pthread_mutex_t),
	       "kmaprt_mutex_storage under-aligned");
_Static_assert(_Alignof(struct kmaprt_cond_storage) >= _Alignof(pthread_cond_t),
	       "kmaprt_cond_storage under-aligned");

/* Zero-filled storage must be what PTHREAD_*_INITIALIZER produces. */
__attribute__((constructor(102))) static void check_zero_initializers(void)
{
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	pthread_cond_t c = PTHREAD_COND_INITIALIZER;
	static const char zero[sizeof(pthread_cond_t)];

	if (memcmp(&m, zero, sizeof(m)) || memcmp(&c, zero, sizeof(c)))
		abort();
}

void kmaprt_spin_lock_init(spinlock_t *lock)
{
	memset(lock, 0, sizeof(*lock));
}

void kmaprt_spin_lock(spinlock_t *lock, const struct kmaprt_site *site,
		      const char *api)
{
	kmaprt_preempt_add(PREEMPT_OFFSET, site, api);
	pthread_mutex_lock(KMAPRT_MUTEX(&lock->m));
	lock->owner_site = site;
}

int kmaprt_spin_trylock(spinlock_t *lock, const struct kmaprt_site *site)
{
	kmaprt_preempt_add(PREEMPT_OFFSET, site, "spin_trylock");
	if (pthread_mutex_trylock(KMAPRT_MUTEX(&lock->m))) {
		kmaprt_preempt_sub(PREEMPT_OFFSET, site, "spin_trylock");
		return 0;
	}
	lock->owner_site = site;
	return 1;
}

void kmaprt_spin_unlock(spinlock_t *lock, const struct kmaprt_site *site)
{
	lock->owner_site = NULL;
	pthread_mutex_unlock(KMAPRT_MUTEX(&lock->m));
	kmaprt_preempt_sub(PREEMPT_OFFSET, site, "spin_unlock");
}

bool kmaprt_spin_is_locked(spinlock_t *lock)
{
	if (pthread_mutex_trylock(KMAPRT_MUTEX(&lock->m)))
		return true;
	pthread_mutex_unlock(KMAPRT_MUTEX(&lock->m));
	return false;
}

void kmaprt_mutex_init(struct mutex *lock)
{
	memset(lock, 0, sizeof(*lock));
}

void kmaprt_mutex_lock(struct mutex *lock, const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "mutex_lock()");
	if (pthread_mutex_trylock(KMAPRT_MUTEX(&lock->m))) {
		kmaprt_block_begin();
		pthread_mutex_lock(KMAPRT_MUTEX(&lock->m));
		kmaprt_block_end();
	}
	lock->owner = kmaprt_get_current();
	lock->owner_site = site;
}

int kmaprt_mutex_trylock(struct mutex *lock, const struct kmaprt_site *site)
{
	if (pthread_mutex_trylock(KMAPRT_MUTEX(&lock->m)))
		return 0;
	lock->owner = kmaprt_get_current();
	lock->owner_site = site;
	return 1;
}

void kmaprt_mutex_unlock(struct mutex *lock, const struct kmaprt_site *site)
{
	lock->owner = NULL;
	lock->owner_site = NULL;
	pthread_mutex_unlock(KMAPRT_MUTEX(&lock->m));
}

bool kmaprt_mutex_is_locked(struct mutex *lock)
{
	return READ_ONCE(lock->owner) != NULL;
}

void kmaprt_init_completion(struct completion *x)
{
	memset(x, 0, sizeof(*x));
}

#define COMPLETE_ALL	(UINT_MAX / 2)

void kmaprt_complete(struct completion *x, bool all)
{
	pthread_mutex_lock(KMAPRT_MUTEX(&x->lock));
	if (all)
		x->done = COMPLETE_ALL;
	else if (x->done != COMPLETE_ALL)
		x->done++;
	pthread_cond_broadcast(KMAPRT_COND(&x->wait));
	pthread_mutex_unlock(KMAPRT_MUTEX(&x->lock));
}

/* Waits up to @ms (0: forever) for x->done; returns whether it came. */
static bool wait_done(struct completion *x, unsigned long ms)
{
	struct timespec ts;
	bool ok = true;

	pthread_mutex_lock(KMAPRT_MUTEX(&x->lock));
	if (!x->done) {
		kmaprt_block_begin();
		if (ms)
			kmaprt_abs_deadline(&ts, ms);
		while (!x->done) {
			if (!ms) {
				pthread_cond_wait(KMAPRT_COND(&x->wait), KMAPRT_MUTEX(&x->lock));
			} else if (pthread_cond_timedwait(KMAPRT_COND(&x->wait),
							  KMAPRT_MUTEX(&x->lock), &ts) == ETIMEDOUT) {
				ok = x->done != 0;
				break;
			}
		}
		kmaprt_block_end();
	}
	if (ok && x->done != COMPLETE_ALL)
		x->done--;
	pthread_mutex_unlock(KMAPRT_MUTEX(&x->lock));
	return ok;
}

void kmaprt_wait_for_completion(struct completion *x, const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "wait_for_completion()");
	wait_done(x, 0);
}

unsigned long kmaprt_wait_for_completion_timeout(struct completion *x,
						 unsigned long timeout,
						 const struct kmaprt_site *site)
{
	unsigned long start = kmaprt_jiffies(), ms = jiffies_to_msecs(timeout);

	kmaprt_might_sleep(site, "wait_for_completion_timeout()");
	if (!wait_done(x, ms ? ms : 1))
		return 0;
	/* The kernel returns the jiffies left, at least 1 on success. */
	return max_t(unsigned long, timeout - min_t(unsigned long, timeout, kmaprt_jiffies() - start), 1);
}

bool kmaprt_try_wait_for_completion(struct completion *x)
{
	bool ok = false;

	pthread_mutex_lock(KMAPRT_MUTEX(&x->lock));
	if (x->done) {
		if (x->done != COMPLETE_ALL)
			x->done--;
		ok = true;
	}
	pthread_mutex_unlock(KMAPRT_MUTEX(&x->lock));
	return ok;
}

bool kmaprt_completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
