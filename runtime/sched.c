// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks: which host thread is which task, its local-kmap window and CPU
 * number, the context switch of local kmaps around blocking, the sleeping
 * primitives and the atomic-context checks.  It does not preempt: a
 * thread's mappings are switched out only when it blocks in the runtime.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

__thread struct task_struct *kmaprt_current_task;
__thread struct kmaprt_ctx kmaprt_ctx;

struct kmaprt_window *kmaprt_windows;
char *kmaprt_windows_base;
unsigned int kmaprt_nr_cpu_ids = 1;

static pthread_key_t task_key;
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static int free_window = -1;
static int live_tasks;

void kmaprt_task_name(const struct kmaprt_task *t, char *buf, size_t len)
{
	snprintf(buf, len, "%s[%d]", t->pub.comm, (int)t->tid);
}

static void task_key_destructor(void *arg)
{
	struct kmaprt_task *t = arg;
	struct kmaprt_window *win = t->win;

	kmaprt_task_end_check(t, 0, "the thread exited");
	kmaprt_fault_thread_exit(t);
	pthread_mutex_lock(&registry_lock);
	win->owner = NULL;
	win->next_free = free_window;
	free_window = win->index;
	live_tasks--;
	pthread_mutex_unlock(&registry_lock);
	kmaprt_current_task = NULL;
	if (!t->runtime_owned)
		free(t);
}

void kmaprt_sched_init(void)
{
	unsigned int i, n = kmaprt_cfg.max_threads;

	pthread_key_create(&task_key, task_key_destructor);
	kmaprt_windows_base = kmaprt_reserve((size_t)n * KMAPRT_WINDOW_BYTES,
					     "local kmap windows");
	kmaprt_windows = calloc(n, sizeof(*kmaprt_windows));
	if (!kmaprt_windows)
		abort();
	for (i = 0; i < n; i++) {
		struct kmaprt_window *win = &kmaprt_windows[i];
		int s;

		win->base = kmaprt_windows_base + i * KMAPRT_WINDOW_BYTES + PAGE_SIZE;
		win->index = i;
		win->next_free = i + 1 < n ? (int)i + 1 : -1;
		for (s = 0; s < KM_MAX_IDX; s++)
			win->slot[s].host_pfn = ~0UL;
	}
	free_window = 0;
	kmaprt_nr_cpu_ids = n;
}

struct kmaprt_task *kmaprt_task_new(enum kmaprt_task_kind kind, const char *name)
{
	struct kmaprt_task *t = calloc(1, sizeof(*t));

	if (!t)
		abort();
	t->kind = kind;
	snprintf(t->pub.comm, sizeof(t->pub.comm), "%s", name);
	if (kind == KMAPRT_TASK_KTHREAD)
		t->pub.flags |= PF_KTHREAD;
	if (kind == KMAPRT_TASK_WORKER)
		t->pub.flags |= PF_KTHREAD | PF_WQ_WORKER;
	pthread_mutex_init(&t->kt_lock, NULL);
	pthread_cond_init(&t->kt_cond, NULL);
	return t;
}

/* Makes @t the calling thread's task: a window, a CPU number, a signal stack. */
void kmaprt_task_adopt(struct kmaprt_task *t)
{
	struct kmaprt_window *win;

	t->tid = gettid();
	t->pub.pid = t->tid;
	t->pub.tgid = getpid();
	t->ctx = &kmaprt_ctx;
	t->pub.kmaprt_ctx = &kmaprt_ctx;
	pthread_mutex_lock(&registry_lock);
	if (free_window < 0) {
		pthread_mutex_unlock(&registry_lock);
		fprintf(stderr, "kmaprt: BUG: [config] more than %u threads use the runtime at once; raise KMAPRT_MAX_THREADS\n",
			kmaprt_cfg.max_threads);
		abort();
	}
	win = &kmaprt_windows[free_window];
	free_window = win->next_free;
	win->owner = t;
	kmaprt_task_name(t, win->owner_name, sizeof(win->owner_name));
	live_tasks++;
	pthread_mutex_unlock(&registry_lock);
	t->win = win;
	kmaprt_current_task = &t->pub;
	pthread_setspecific(task_key, t);
	kmaprt_fault_thread_init(t);
}

struct task_struct *kmaprt_task_attach(void)
{
	struct kmaprt_task *t;
	bool is_main;

	kmaprt_ensure_setup();
	if (kmaprt_current_task)
		return kmaprt_current_task;
	is_main = gettid() == getpid();
	t = kmaprt_task_new(is_main ? KMAPRT_TASK_MAIN : KMAPRT_TASK_USER,
			    is_main ? program_invocation_short_name : "thread");
	kmaprt_task_adopt(t);
	return &t->pub;
}

int kmaprt_live_tasks(void)
{
	return __atomic_load_n(&live_tasks, __ATOMIC_RELAXED);
}

struct kmaprt_task *kmaprt_window_owner(int index)
{
	return __atomic_load_n(&kmaprt_windows[index].owner, __ATOMIC_ACQUIRE);
}

const struct kmaprt_lslot *kmaprt_newest_live_slot(const struct kmaprt_task *t)
{
	int i;

	for (i = t->kmap_idx - 1; i >= 0; i--)
		if (t->win->slot[i].state == KMAPRT_SLOT_LIVE)
			return &t->win->slot[i];
	return NULL;
}

/*
 * The context switch: a blocked task's local mappings disappear from the
 * (shared) address space and come back when it runs, so another thread
 * that kept one of its addresses faults instead of reading a stale page.
 */
void kmaprt_sched_out(struct kmaprt_task *t)
{
	int i;

	if (t->switched_out)
		return;
	__atomic_store_n(&t->switched_out, 1, __ATOMIC_RELEASE);
	for (i = 0; i < t->kmap_idx; i++)
		if (t->win->slot[i].state == KMAPRT_SLOT_LIVE)
			kmaprt_protect(kmaprt_slot_addr(t->win, i), PROT_NONE);
}

void kmaprt_sched_in(struct kmaprt_task *t)
{
	int i;

	if (!t->switched_out)
		return;
	for (i = 0; i < t->kmap_idx; i++) {
		struct kmaprt_lslot *s = &t->win->slot[i];

		if (s->state == KMAPRT_SLOT_LIVE)
			kmaprt_protect(kmaprt_slot_addr(t->win, i), s->prot);
	}
	__atomic_store_n(&t->switched_out, 0, __ATOMIC_RELEASE);
}

void kmaprt_block_begin(void)
{
	struct kmaprt_task *t = kmaprt_self();

	if (t->kmap_idx)
		kmaprt_sched_out(t);
}

void kmaprt_block_end(void)
{
	struct kmaprt_task *t = kmaprt_self();

	if (t->switched_out)
		kmaprt_sched_in(t);
}

/*
 * Called when a thread, work item, tasklet, timer or RCU callback ends:
 * whatever it left mapped or disabled is a leak, reported and cleaned up
 * so that the thread can go on.
 */
void kmaprt_task_end_check(struct kmaprt_task *t, unsigned long base_preempt,
			   const char *what)
{
	struct kmaprt_ctx *c = t->ctx;
	char sb[KMAPRT_SITE_BUF];
	int i;

	for (i = 0; i < t->kmap_idx; i++) {
		struct kmaprt_lslot *s = &t->win->slot[i];

		if (s->state != KMAPRT_SLOT_LIVE)
			continue;
		kmaprt_report(KMAPRT_WARN, "leak",
			      "%s with a live local mapping: %s() at %s (frame %#lx) was never unmapped",
			      what, s->api, SITE(s->map_site, sb), s->pfn);
	}
	kmaprt_local_unmap_all(t);
	if (c->preempt_count != base_preempt) {
		kmaprt_report(KMAPRT_WARN, "leak",
			      "%s in atomic context: preempt_count=%#lx, preemption disabled by %s() at %s",
			      what, c->preempt_count,
			      c->preempt_api ? c->preempt_api : "local_bh_disable",
			      SITE(c->preempt_api ? c->preempt_site : c->bh_site, sb));
		c->preempt_count = base_preempt;
	}
	if (c->pagefault_disabled) {
		kmaprt_report(KMAPRT_WARN, "leak",
			      "%s with page faults disabled by %s() at %s",
			      what, c->pagefault_api, SITE(c->pagefault_site, sb));
		c->pagefault_disabled = 0;
	}
	if (c->irqs_off) {
		kmaprt_report(KMAPRT_WARN, "leak", "%s with interrupts disabled at %s",
			      what, SITE(c->irq_site, sb));
		c->irqs_off = 0;
	}
	if (c->rcu_nesting) {
		kmaprt_report(KMAPRT_WARN, "leak", "%s inside rcu_read_lock() at %s",
			      what, SITE(c->rcu_site, sb));
		while (c->rcu_nesting)
			kmaprt_rcu_read_unlock(NULL);
	}
}

/* Why the current context is atomic, in words, naming the call that made it so. */
static void atomic_cause(char *buf, size_t len)
{
	struct kmaprt_ctx *c = &kmaprt_ctx;
	struct kmaprt_task *t = kmaprt_self();
	char sb[KMAPRT_SITE_BUF];

	if (c->preempt_count & SOFTIRQ_OFFSET)
		snprintf(buf, len, "in softirq context (%s)", t->context);
	else if (c->preempt_count & PREEMPT_MASK)
		snprintf(buf, len, "atomic since %s() at %s",
			 c->preempt_api ? c->preempt_api : "preempt_disable",
			 SITE(c->preempt_site, sb));
	else if (c->preempt_count & SOFTIRQ_MASK)
		snprintf(buf, len, "bottom halves disabled at %s", SITE(c->bh_site, sb));
	else if (c->irqs_off)
		snprintf(buf, len, "interrupts disabled at %s", SITE(c->irq_site, sb));
	else if (c->rcu_nesting)
		snprintf(buf, len, "inside rcu_read_lock() at %s", SITE(c->rcu_site, sb));
	else
		snprintf(buf, len, "context not atomic");
}

static const void *atomic_cause_key(void)
{
	struct kmaprt_ctx *c = &kmaprt_ctx;

	if (c->preempt_count & PREEMPT_MASK)
		return c->preempt_site;
	if (c->irqs_off)
		return c->irq_site;
	return c->rcu_site;
}

void kmaprt_sleep_in_atomic(const struct kmaprt_site *site, const char *what)
{
	struct kmaprt_ctx *c = &kmaprt_ctx;
	char sb[KMAPRT_SITE_BUF], cause[320];

	if (!kmaprt_report_first("sleep-in-atomic", site, atomic_cause_key()))
		return;
	atomic_cause(cause, sizeof(cause));
	kmaprt_report_begin(KMAPRT_BUG, "sleep-in-atomic",
			    "sleeping function %s called from invalid context at %s: %s",
			    what, SITE(site, sb), cause);
	kmaprt_report_detail("in_atomic()=%d irqs_disabled()=%d pagefault_disabled()=%d rcu_read_lock nesting=%d",
			     c->preempt_count != 0, c->irqs_off,
			     c->pagefault_disabled, c->rcu_nesting);
	kmaprt_report_end();
}

void kmaprt_count_underflow(const struct kmaprt_site *site, const char *what)
{
	char sb[KMAPRT_SITE_BUF];

	kmaprt_report(KMAPRT_WARN, "atomic-context",
		      "%s() at %s: count underflow, nothing to enable (unbalanced enable/disable pair)",
		      what, SITE(site, sb));
}

static int preemptible_report(const struct kmaprt_site *site, const char *api)
{
	struct kmaprt_task *t = kmaprt_self();
	const struct kmaprt_lslot *s;
	char sb[KMAPRT_SITE_BUF], mb[KMAPRT_SITE_BUF + 64] = "";

	if (!kmaprt_report_first("atomic-context", site, api))
		return 0;
	s = kmaprt_newest_live_slot(t);
	if (s) {
		char sb2[KMAPRT_SITE_BUF];

		snprintf(mb, sizeof(mb), "; inside %s() at %s, which does not disable preemption",
			 s->api, SITE(s->map_site, sb2));
	}
	kmaprt_report(KMAPRT_BUG, "atomic-context",
		      "using %s() in preemptible code at %s%s",
		      api, SITE(site, sb), mb);
	return 0;
}

int kmaprt_smp_processor_id(const struct kmaprt_site *site, const char *api)
{
	struct kmaprt_task *t = kmaprt_self();

	if (unlikely(preemptible()))
		preemptible_report(site, api);
	return t->win->index;
}

int kmaprt_raw_smp_processor_id(void)
{
	return kmaprt_self()->win->index;
}

void kmaprt_abs_deadline(struct timespec *ts, unsigned long ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static void sleep_us(unsigned long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

void kmaprt_schedule(const struct kmaprt_site *site)
{
	struct task_struct *cur = kmaprt_get_current();

	kmaprt_might_sleep(site, "schedule()");
	kmaprt_block_begin();
	/* No wait queues to be woken from: a task that set a sleeping state naps a tick. */
	if (READ_ONCE(cur->__state) != TASK_RUNNING)
		sleep_us(1000000 / HZ);
	else
		sched_yield();
	kmaprt_block_end();
	WRITE_ONCE(cur->__state, TASK_RUNNING);
}

long kmaprt_schedule_timeout(long timeout, const struct kmaprt_site *site)
{
	struct task_struct *cur = kmaprt_get_current();

	kmaprt_might_sleep(site, "schedule_timeout()");
	kmaprt_block_begin();
	if (timeout == MAX_SCHEDULE_TIMEOUT)
		sleep_us(1000000 / HZ);
	else if (timeout > 0)
		sleep_us((unsigned long)jiffies_to_usecs(timeout));
	kmaprt_block_end();
	WRITE_ONCE(cur->__state, TASK_RUNNING);
	return timeout == MAX_SCHEDULE_TIMEOUT ? timeout : 0;
}

int kmaprt_cond_resched(const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "cond_resched()");
	kmaprt_block_begin();
	sched_yield();
	kmaprt_block_end();
	return 0;
}

void kmaprt_yield(const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "yield()");
	kmaprt_block_begin();
	sched_yield();
	kmaprt_block_end();
}

void kmaprt_msleep(unsigned int msecs, const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "msleep()");
	kmaprt_block_begin();
	sleep_us((unsigned long)msecs * 1000);
	kmaprt_block_end();
}

unsigned long kmaprt_msleep_interruptible(unsigned int msecs,
					  const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "msleep_interruptible()");
	kmaprt_block_begin();
	sleep_us((unsigned long)msecs * 1000);
	kmaprt_block_end();
	return 0;
}

void kmaprt_usleep_range(unsigned long min, unsigned long max,
			 const struct kmaprt_site *site)
{
	kmaprt_might_sleep(site, "usleep_range()");
	kmaprt_block_begin();
	sleep_us(min);
	kmaprt_block_end();
}

void kmaprt_udelay(unsigned long usecs)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do {
		clock_gettime(CLOCK_MONOTONIC, &b);
	} while ((b.tv_sec - a.tv_sec) * 1000000L + (b.tv_nsec - a.tv_nsec) / 1000 <
		 (long)usecs);
}

struct spawn_arg {
	enum kmaprt_task_kind kind;
	char name[TASK_COMM_LEN];
	void (*fn)(void *arg);
	void *arg;
};

static void *spawn_trampoline(void *p)
{
	struct spawn_arg sa = *(struct spawn_arg *)p;

	free(p);
	kmaprt_task_adopt(kmaprt_task_new(sa.kind, sa.name));
	sa.fn(sa.arg);
	return NULL;
}

pthread_t kmaprt_spawn(enum kmaprt_task_kind kind, const char *name,
		       void (*fn)(void *arg), void *arg)
{
	struct spawn_arg *sa = calloc(1, sizeof(*sa));
	pthread_t th;
	int err;

	if (!sa)
		abort();
	sa->kind = kind;
	snprintf(sa->name, sizeof(sa->name), "%s", name);
	sa->fn = fn;
	sa->arg = arg;
	err = pthread_create(&th, NULL, spawn_trampoline, sa);
	if (err) {
		fprintf(stderr, "kmaprt: BUG: [config] cannot start thread %s: %s\n",
			name, strerror(err));
		abort();
	}
	return th;
}
