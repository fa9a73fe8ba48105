// SPDX-License-Identifier: GPL-2.0
/*
 * Softirq context: one "ksoftirqd" thread runs tasklets and expired
 * timers with SOFTIRQ_OFFSET in its preempt_count, so they are atomic, and
 * checks after each callback that it left nothing mapped or disabled.
 * Also jiffies.  Not modelled: per-CPU softirq queues, hard interrupts.
 */
#include "internal.h"

#include <linux/interrupt.h>
#include <linux/timer.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static struct timespec boot;
static pthread_once_t boot_once = PTHREAD_ONCE_INIT;

static void boot_init(void)
{
	clock_gettime(CLOCK_MONOTONIC, &boot);
}

/* The kernel starts jiffies five minutes before the 32-bit wrap. */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

u64 kmaprt_jiffies_64(void)
{
	struct timespec now;
	u64 ms;

	pthread_once(&boot_once, boot_init);
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (u64)(now.tv_sec - boot.tv_sec) * 1000 +
	     (now.tv_nsec - boot.tv_nsec) / 1000000;
	return (u64)INITIAL_JIFFIES + ms / (1000 / HZ);
}

unsigned long kmaprt_jiffies(void)
{
	return (unsigned long)kmaprt_jiffies_64();
}

void kmaprt_softirq_enter(struct kmaprt_task *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->context, sizeof(t->context), fmt, ap);
	va_end(ap);
	kmaprt_ctx.preempt_count += SOFTIRQ_OFFSET;
}

void kmaprt_softirq_exit(struct kmaprt_task *t)
{
	char what[sizeof(t->context) + 16];

	snprintf(what, sizeof(what), "%s returned", t->context);
	kmaprt_task_end_check(t, SOFTIRQ_OFFSET, what);
	kmaprt_ctx.preempt_count -= SOFTIRQ_OFFSET;
	t->context[0] = 0;
}

static pthread_mutex_t softirq_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t softirq_wake = PTHREAD_COND_INITIALIZER;	/* work for ksoftirqd */
static pthread_cond_t softirq_done = PTHREAD_COND_INITIALIZER;	/* a callback finished */
static bool softirq_started;
static LIST_HEAD(timer_list);			/* pending timers, by expiry */
static struct timer_list *running_timer;
static struct tasklet_struct *tasklet_head, **tasklet_tail = &tasklet_head;

static void ksoftirqd(void *arg);

/* softirq_lock held. */
static void softirq_start(void)
{
	if (softirq_started)
		return;
	softirq_started = true;
	kmaprt_spawn(KMAPRT_TASK_SOFTIRQ, "ksoftirqd", ksoftirqd, NULL);
}

static void run_timer(struct kmaprt_task *t, struct timer_list *timer)
{
	char sb[KMAPRT_SITE_BUF];
	void (*fn)(struct timer_list *) = timer->function;

	list_del_init(&timer->entry);
	running_timer = timer;
	pthread_mutex_unlock(&softirq_lock);
	kmaprt_softirq_enter(t, "timer callback %s() armed at %s",
			     timer->kmaprt_fn_name ? timer->kmaprt_fn_name : "?",
			     SITE(timer->kmaprt_site, sb));
	fn(timer);
	kmaprt_softirq_exit(t);
	pthread_mutex_lock(&softirq_lock);
	running_timer = NULL;
	pthread_cond_broadcast(&softirq_done);
}

static void run_tasklet(struct kmaprt_task *t, struct tasklet_struct *ts)
{
	char sb[KMAPRT_SITE_BUF];

	ts->state |= 1UL << TASKLET_STATE_RUN;
	ts->state &= ~(1UL << TASKLET_STATE_SCHED);
	pthread_mutex_unlock(&softirq_lock);
	kmaprt_softirq_enter(t, "tasklet %s() scheduled at %s",
			     ts->kmaprt_fn_name ? ts->kmaprt_fn_name : "?",
			     SITE(ts->kmaprt_site, sb));
	if (ts->use_callback)
		ts->callback(ts);
	else
		ts->func(ts->data);
	kmaprt_softirq_exit(t);
	pthread_mutex_lock(&softirq_lock);
	ts->state &= ~(1UL << TASKLET_STATE_RUN);
	pthread_cond_broadcast(&softirq_done);
}

static void ksoftirqd(void *arg)
{
	struct kmaprt_task *t = kmaprt_self();

	pthread_mutex_lock(&softirq_lock);
	for (;;) {
		struct tasklet_struct *ts, *disabled = NULL, **dtail = &disabled;
		struct timer_list *timer;
		unsigned long now = kmaprt_jiffies();
		struct timespec ts_wait;

		while (!list_empty(&timer_list)) {
			timer = list_first_entry(&timer_list, struct timer_list, entry);
			if (time_before(now, timer->expires))
				break;
			run_timer(t, timer);
			now = kmaprt_jiffies();
		}
		while ((ts = tasklet_head)) {
			tasklet_head = ts->next;
			if (!tasklet_head)
				tasklet_tail = &tasklet_head;
			if (atomic_read(&ts->count)) {
				/* Disabled: stays scheduled until enabled. */
				ts->next = NULL;
				*dtail = ts;
				dtail = &ts->next;
				continue;
			}
			run_tasklet(t, ts);
		}
		if (disabled) {
			*dtail = NULL;
			*tasklet_tail = disabled;
			tasklet_tail = dtail;
		}
		if (!list_empty(&timer_list)) {
			timer = list_first_entry(&timer_list, struct timer_list, entry);
			now = kmaprt_jiffies();
			kmaprt_abs_deadline(&ts_wait, time_after(timer->expires, now) ?
					    jiffies_to_msecs(timer->expires - now) : 0);
		} else {
			kmaprt_abs_deadline(&ts_wait, disabled ? 4 : 1000);
		}
		if (!tasklet_head || disabled)
			pthread_cond_timedwait(&softirq_wake, &softirq_lock, &ts_wait);
	}
}

void kmaprt_timer_setup(struct timer_list *timer,
			void (*func)(struct timer_list *), unsigned int flags,
			const char *name)
{
	timer->kmaprt_fn_name = name;
	INIT_LIST_HEAD(&timer->entry);
	timer->function = func;
	timer->flags = flags;
	timer->expires = 0;
	timer->kmaprt_site = NULL;
}

int kmaprt_mod_timer(struct timer_list *timer, unsigned long expires,
		     const struct kmaprt_site *site)
{
	struct timer_list *pos;
	int was_pending;

	kmaprt_ensure_setup();
	pthread_mutex_lock(&softirq_lock);
	softirq_start();
	was_pending = !list_empty(&timer->entry);
	if (was_pending)
		list_del_init(&timer->entry);
	timer->expires = expires;
	timer->kmaprt_site = site;
	list_for_each_entry(pos, &timer_list, entry)
		if (time_before(expires, pos->expires))
			break;
	list_add_tail(&timer->entry, &pos->entry);
	pthread_cond_signal(&softirq_wake);
	pthread_mutex_unlock(&softirq_lock);
	return was_pending;
}

int kmaprt_del_timer(struct timer_list *timer, bool sync,
		     const struct kmaprt_site *site)
{
	int was_pending;

	pthread_mutex_lock(&softirq_lock);
	was_pending = !list_empty(&timer->entry);
	if (was_pending)
		list_del_init(&timer->entry);
	if (sync && running_timer == timer) {
		if (kmaprt_self()->kind == KMAPRT_TASK_SOFTIRQ) {
			char sb[KMAPRT_SITE_BUF];

			pthread_mutex_unlock(&softirq_lock);
			kmaprt_report(KMAPRT_BUG_STOP, "sleep-in-atomic",
				      "del_timer_sync() at %s from the timer's own callback would wait forever",
				      SITE(site, sb));
		}
		kmaprt_block_begin();
		while (running_timer == timer)
			pthread_cond_wait(&softirq_done, &softirq_lock);
		kmaprt_block_end();
	}
	pthread_mutex_unlock(&softirq_lock);
	return was_pending;
}

bool kmaprt_timer_pending(const struct timer_list *timer)
{
	bool pending;

	pthread_mutex_lock(&softirq_lock);
	pending = !list_empty(&timer->entry);
	pthread_mutex_unlock(&softirq_lock);
	return pending;
}

void kmaprt_tasklet_init(struct tasklet_struct *t,
			 void (*func)(unsigned long), unsigned long data,
			 const char *name)
{
	memset(t, 0, sizeof(*t));
	t->kmaprt_fn_name = name;
	t->func = func;
	t->data = data;
}

void kmaprt_tasklet_setup(struct tasklet_struct *t,
			  void (*callback)(struct tasklet_struct *),
			  const char *name)
{
	memset(t, 0, sizeof(*t));
	t->kmaprt_fn_name = name;
	t->use_callback = true;
	t->callback = callback;
}

void kmaprt_tasklet_schedule(struct tasklet_struct *t,
			     const struct kmaprt_site *site)
{
	kmaprt_ensure_setup();
	pthread_mutex_lock(&softirq_lock);
	softirq_start();
	if (!(t->state & (1UL << TASKLET_STATE_SCHED))) {
		t->state |= 1UL << TASKLET_STATE_SCHED;
		t->kmaprt_site = site;
		t->next = NULL;
		*tasklet_tail = t;
		tasklet_tail = &t->next;
		pthread_cond_signal(&softirq_wake);
	}
	pthread_mutex_unlock(&softirq_lock);
}

void kmaprt_tasklet_kill(struct tasklet_struct *t, const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "tasklet_kill()");
	pthread_mutex_lock(&softirq_lock);
	kmaprt_block_begin();
	while (t->state & ((1UL << TASKLET_STATE_SCHED) | (1UL << TASKLET_STATE_RUN)))
		pthread_cond_wait(&softirq_done, &softirq_lock);
	kmaprt_block_end();
	pthread_mutex_unlock(&softirq_lock);
}

void kmaprt_tasklet_enable(struct tasklet_struct *t)
{
	atomic_dec(&t->count);
	pthread_mutex_lock(&softirq_lock);
	pthread_cond_signal(&softirq_wake);
	pthread_mutex_unlock(&softirq_lock);
}
