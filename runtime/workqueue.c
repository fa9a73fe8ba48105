// SPDX-License-Identifier: GPL-2.0
/*
 * Workqueues on worker threads started on first use.  Work runs in process
 * context; after each item the worker checks the item left no local kmap
 * and no atomic context behind.  One lock guards every queue: simple, and
 * contention does not matter here.  Not modelled: per-CPU pools,
 * concurrency management, WQ_MEM_RECLAIM rescuers.
 */
#include "internal.h"

#include <linux/workqueue.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WQ_MAX_WORKERS		16
#define WQ_DEFAULT_WORKERS	4

struct workqueue_struct {
	char name[32];
	unsigned int flags;
	int nr_workers;
	int started;
	int stopping;
	struct list_head list;			/* queued work */
	/* what each worker runs now, compared by address only */
	struct work_struct *current_work[WQ_MAX_WORKERS];
	pthread_t thread[WQ_MAX_WORKERS];
};

struct worker_arg {
	struct workqueue_struct *wq;
	int id;
};

static pthread_mutex_t wq_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wq_cond = PTHREAD_COND_INITIALIZER;	/* any change */
static struct workqueue_struct *system_wqs[5];

#define PENDING	1L

static bool test_and_set_pending(struct work_struct *work)
{
	return __atomic_fetch_or(&work->data.counter, PENDING, __ATOMIC_SEQ_CST) & PENDING;
}

static void clear_pending(struct work_struct *work)
{
	__atomic_fetch_and(&work->data.counter, ~PENDING, __ATOMIC_SEQ_CST);
}

void kmaprt_init_work(struct work_struct *work, work_func_t func,
		      const char *name)
{
	memset(work, 0, sizeof(*work));
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
	work->kmaprt_fn_name = name;
}

static void delayed_work_timer_fn(struct timer_list *t);

void kmaprt_init_delayed_work(struct delayed_work *dwork, work_func_t func,
			      const char *name)
{
	kmaprt_init_work(&dwork->work, func, name);
	kmaprt_timer_setup(&dwork->timer, delayed_work_timer_fn, 0, "delayed_work_timer_fn");
	dwork->wq = NULL;
	dwork->cpu = 0;
}

static void worker_fn(void *p)
{
	struct worker_arg a = *(struct worker_arg *)p;
	struct workqueue_struct *wq = a.wq;
	struct kmaprt_task *t = kmaprt_self();
	char sb[KMAPRT_SITE_BUF];

	free(p);
	pthread_mutex_lock(&wq_lock);
	for (;;) {
		struct work_struct *work;
		work_func_t fn;

		while (list_empty(&wq->list) && !wq->stopping)
			pthread_cond_wait(&wq_cond, &wq_lock);
		if (list_empty(&wq->list))
			break;
		work = list_first_entry(&wq->list, struct work_struct, entry);
		list_del_init(&work->entry);
		/* Cleared before the call, so the function may queue itself again. */
		clear_pending(work);
		wq->current_work[a.id] = work;
		fn = work->func;
		snprintf(t->context, sizeof(t->context), "work item %s() queued at %s",
			 work->kmaprt_fn_name ? work->kmaprt_fn_name : "?",
			 SITE(work->kmaprt_site, sb));
		pthread_mutex_unlock(&wq_lock);

		fn(work);

		{
			char what[sizeof(t->context) + 16];

			snprintf(what, sizeof(what), "%s returned", t->context);
			kmaprt_task_end_check(t, 0, what);
		}
		t->context[0] = 0;
		pthread_mutex_lock(&wq_lock);
		wq->current_work[a.id] = NULL;
		pthread_cond_broadcast(&wq_cond);
	}
	pthread_mutex_unlock(&wq_lock);
}

/* wq_lock held. */
static void start_workers(struct workqueue_struct *wq)
{
	int i;

	if (wq->started)
		return;
	wq->started = 1;
	for (i = 0; i < wq->nr_workers; i++) {
		struct worker_arg *a = malloc(sizeof(*a));
		char name[TASK_COMM_LEN];

		if (!a)
			abort();
		a->wq = wq;
		a->id = i;
		snprintf(name, sizeof(name), "%.10s/%d", wq->name, i % WQ_MAX_WORKERS);
		wq->thread[i] = kmaprt_spawn(KMAPRT_TASK_WORKER, name, worker_fn, a);
	}
}

static struct workqueue_struct *wq_new(unsigned int flags, int max_active,
				       const char *name)
{
	struct workqueue_struct *wq = calloc(1, sizeof(*wq));

	if (!wq)
		return NULL;
	snprintf(wq->name, sizeof(wq->name), "%s", name);
	wq->flags = flags;
	if (flags & __WQ_ORDERED)
		max_active = 1;
	else if (max_active <= 0)
		max_active = WQ_DEFAULT_WORKERS;
	wq->nr_workers = min(max_active, WQ_MAX_WORKERS);
	INIT_LIST_HEAD(&wq->list);
	return wq;
}

struct workqueue_struct *kmaprt_alloc_workqueue(unsigned int flags, int max_active,
						const char *fmt, ...)
{
	char name[32];
	va_list ap;

	kmaprt_ensure_setup();
	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	return wq_new(flags, max_active, name);
}

struct workqueue_struct *kmaprt_system_wq_get(int which)
{
	static const char *const names[] = { "events", "events_highpri", "events_long",
					     "events_unbound", "events_freezable" };
	struct workqueue_struct *wq;

	kmaprt_ensure_setup();
	pthread_mutex_lock(&wq_lock);
	if (!system_wqs[which])
		system_wqs[which] = wq_new(0, WQ_DEFAULT_WORKERS, names[which]);
	wq = system_wqs[which];
	pthread_mutex_unlock(&wq_lock);
	return wq;
}

/* Queues @work whose pending bit the caller already owns. */
static void __queue_work(struct workqueue_struct *wq, struct work_struct *work,
			 const struct kmaprt_site *site)
{
	pthread_mutex_lock(&wq_lock);
	if (wq->stopping) {
		char sb[KMAPRT_SITE_BUF];

		pthread_mutex_unlock(&wq_lock);
		kmaprt_report(KMAPRT_BUG_STOP, "leak", "queue_work() at %s on workqueue %s, which is being destroyed",
			      SITE(site, sb), wq->name);
	}
	work->kmaprt_wq = wq;
	if (site)
		work->kmaprt_site = site;
	list_add_tail(&work->entry, &wq->list);
	start_workers(wq);
	pthread_cond_broadcast(&wq_cond);
	pthread_mutex_unlock(&wq_lock);
}

bool kmaprt_queue_work(struct workqueue_struct *wq, struct work_struct *work,
		       const struct kmaprt_site *site)
{
	if (test_and_set_pending(work))
		return false;
	__queue_work(wq, work, site);
	return true;
}

static void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = container_of(t, struct delayed_work, timer);

	__queue_work(dwork->wq, &dwork->work, NULL);
}

/* Takes @work off its queue if it is there; wq_lock held. */
static bool unqueue(struct work_struct *work)
{
	if (list_empty(&work->entry))
		return false;
	list_del_init(&work->entry);
	clear_pending(work);
	return true;
}

bool kmaprt_queue_delayed_work(struct workqueue_struct *wq,
			       struct delayed_work *dwork, unsigned long delay,
			       bool modify, const struct kmaprt_site *site)
{
	bool was_pending = false;

	if (modify) {
		was_pending = kmaprt_del_timer(&dwork->timer, false, site);
		pthread_mutex_lock(&wq_lock);
		was_pending |= unqueue(&dwork->work);
		pthread_mutex_unlock(&wq_lock);
		if (was_pending)
			clear_pending(&dwork->work);
	}
	if (test_and_set_pending(&dwork->work))
		return false;
	dwork->wq = wq;
	dwork->work.kmaprt_wq = wq;
	dwork->work.kmaprt_site = site;
	if (!delay)
		__queue_work(wq, &dwork->work, site);
	else
		kmaprt_mod_timer(&dwork->timer, kmaprt_jiffies() + delay, site);
	return modify ? was_pending : true;
}

static bool running_anywhere(struct workqueue_struct *wq, struct work_struct *work)
{
	int i;

	for (i = 0; i < wq->nr_workers; i++)
		if (wq->current_work[i] == work)
			return true;
	return false;
}

bool kmaprt_flush_work(struct work_struct *work, const struct kmaprt_site *site)
{
	struct workqueue_struct *wq;
	bool waited = false;

	kmaprt_might_sleep(site, "flush_work()");
	pthread_mutex_lock(&wq_lock);
	wq = work->kmaprt_wq;
	if (wq) {
		kmaprt_block_begin();
		while (!list_empty(&work->entry) || running_anywhere(wq, work)) {
			waited = true;
			pthread_cond_wait(&wq_cond, &wq_lock);
		}
		kmaprt_block_end();
	}
	pthread_mutex_unlock(&wq_lock);
	return waited;
}

bool kmaprt_flush_delayed_work(struct delayed_work *dwork,
			       const struct kmaprt_site *site)
{
	if (kmaprt_del_timer(&dwork->timer, true, site))
		__queue_work(dwork->wq, &dwork->work, NULL);
	return kmaprt_flush_work(&dwork->work, site);
}

bool kmaprt_cancel_work(struct work_struct *work, bool sync,
			const struct kmaprt_site *site)
{
	struct workqueue_struct *wq;
	bool was_pending;

	if (sync)
		kmaprt_might_sleep(site, "cancel_work_sync()");
	pthread_mutex_lock(&wq_lock);
	was_pending = unqueue(work);
	wq = work->kmaprt_wq;
	if (sync && wq) {
		kmaprt_block_begin();
		while (running_anywhere(wq, work))
			pthread_cond_wait(&wq_cond, &wq_lock);
		kmaprt_block_end();
	}
	pthread_mutex_unlock(&wq_lock);
	return was_pending;
}

bool kmaprt_cancel_delayed_work(struct delayed_work *dwork, bool sync,
				const struct kmaprt_site *site)
{
	bool was_pending = kmaprt_del_timer(&dwork->timer, sync, site);

	if (was_pending)
		clear_pending(&dwork->work);
	return kmaprt_cancel_work(&dwork->work, sync, site) || was_pending;
}

void kmaprt_flush_workqueue(struct workqueue_struct *wq,
			    const struct kmaprt_site *site)
{
	int i;
	bool busy;

	kmaprt_might_sleep(site, "flush_workqueue()");
	pthread_mutex_lock(&wq_lock);
	kmaprt_block_begin();
	do {
		busy = !list_empty(&wq->list);
		for (i = 0; i < wq->nr_workers && !busy; i++)
			busy = wq->current_work[i] != NULL;
		if (busy)
			pthread_cond_wait(&wq_cond, &wq_lock);
	} while (busy);
	kmaprt_block_end();
	pthread_mutex_unlock(&wq_lock);
}

void kmaprt_destroy_workqueue(struct workqueue_struct *wq,
			      const struct kmaprt_site *site)
{
	int i;

	if (!wq)
		return;
	kmaprt_flush_workqueue(wq, site);
	pthread_mutex_lock(&wq_lock);
	wq->stopping = 1;
	pthread_cond_broadcast(&wq_cond);
	pthread_mutex_unlock(&wq_lock);
	if (wq->started) {
		kmaprt_block_begin();
		for (i = 0; i < wq->nr_workers; i++)
			pthread_join(wq->thread[i], NULL);
		kmaprt_block_end();
	}
	for (i = 0; i < (int)ARRAY_SIZE(system_wqs); i++)
		if (system_wqs[i] == wq) {
			char sb[KMAPRT_SITE_BUF];

			kmaprt_report(KMAPRT_WARN, "leak", "destroy_workqueue() at %s of a system workqueue",
				      SITE(site, sb));
			return;
		}
	free(wq);
}
