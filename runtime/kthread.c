// SPDX-License-Identifier: GPL-2.0
/*
 * kthread_create()/wake_up_process()/kthread_stop() on host threads.  The
 * task exists from creation (so it can be handed around before it runs);
 * its thread waits until woken.  Not modelled: parking, freezing, binding.
 */
#include "internal.h"

#include <linux/kthread.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *kthread_trampoline(void *p)
{
	struct kmaprt_task *t = p;
	char what[sizeof(t->pub.comm) + 64];
	bool run;

	kmaprt_task_adopt(t);
	pthread_mutex_lock(&t->kt_lock);
	while (!t->woken && !t->should_stop)
		pthread_cond_wait(&t->kt_cond, &t->kt_lock);
	run = t->woken && !t->should_stop;
	pthread_mutex_unlock(&t->kt_lock);

	/* Stopped before it ever ran: the kernel returns -EINTR without calling it. */
	t->result = run ? t->threadfn(t->data) : -EINTR;

	snprintf(what, sizeof(what), "kthread %s returned", t->pub.comm);
	kmaprt_task_end_check(t, 0, what);
	pthread_mutex_lock(&t->kt_lock);
	t->exited = 1;
	pthread_cond_broadcast(&t->kt_cond);
	pthread_mutex_unlock(&t->kt_lock);
	return NULL;
}

struct task_struct *kmaprt_kthread_create(int (*threadfn)(void *data), void *data,
					  const struct kmaprt_site *site,
					  const char *namefmt, ...)
{
	struct kmaprt_task *t;
	char name[TASK_COMM_LEN];
	va_list ap;
	int err;

	kmaprt_might_sleep(site, "kthread_create()");
	va_start(ap, namefmt);
	vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	t = kmaprt_task_new(KMAPRT_TASK_KTHREAD, name);
	t->threadfn = threadfn;
	t->data = data;
	t->runtime_owned = 1;
	err = pthread_create(&t->thread, NULL, kthread_trampoline, t);
	if (err) {
		free(t);
		return ERR_PTR(-ENOMEM);
	}
	return &t->pub;
}

int kmaprt_wake_up_process(struct task_struct *task)
{
	struct kmaprt_task *t = kmaprt_task_of(task);
	int woke = 0;

	if (t->kind != KMAPRT_TASK_KTHREAD)
		return 0;
	pthread_mutex_lock(&t->kt_lock);
	if (!t->woken) {
		t->woken = 1;
		woke = 1;
		pthread_cond_broadcast(&t->kt_cond);
	}
	pthread_mutex_unlock(&t->kt_lock);
	return woke;
}

int kmaprt_kthread_stop(struct task_struct *task, const struct kmaprt_site *site)
{
	struct kmaprt_task *t = kmaprt_task_of(task);
	int result;

	kmaprt_might_sleep(site, "kthread_stop()");
	pthread_mutex_lock(&t->kt_lock);
	t->should_stop = 1;
	pthread_cond_broadcast(&t->kt_cond);
	pthread_mutex_unlock(&t->kt_lock);
	kmaprt_block_begin();
	pthread_join(t->thread, NULL);
	kmaprt_block_end();
	result = t->result;
	pthread_mutex_destroy(&t->kt_lock);
	pthread_cond_destroy(&t->kt_cond);
	free(t);
	return result;
}

bool kmaprt_kthread_should_stop(void)
{
	struct kmaprt_task *t = kmaprt_self();

	return __atomic_load_n(&t->should_stop, __ATOMIC_ACQUIRE) != 0;
}
