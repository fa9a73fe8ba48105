/*
 * Every sleeping primitive switches the caller's local mappings out while
 * it blocks and back in after.  A prober thread makes the main thread
 * block (it holds the mutex, the completion, the work item, the pool...),
 * checks that the main thread's local mapping is gone meanwhile (a write()
 * from it fails with EFAULT instead of faulting), then lets it go; the
 * main thread then finds its data intact.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <errno.h>
#include <unistd.h>
#include "check.h"

enum step {
	S_MUTEX, S_COMPLETION, S_FLUSH_WORK, S_FLUSH_WQ, S_KTHREAD_STOP,
	S_TASKLET_KILL, S_DEL_TIMER_SYNC, S_SYNC_RCU, S_RCU_BARRIER, S_KMAP_FULL,
	S_MSLEEP, S_USLEEP, S_SCHED_TIMEOUT, S_SCHEDULE, S_NR
};

static const char *const step_name[S_NR] = {
	"mutex_lock", "wait_for_completion", "flush_work", "flush_workqueue",
	"kthread_stop", "tasklet_kill", "del_timer_sync", "synchronize_rcu",
	"rcu_barrier", "kmap with the pool full", "msleep", "usleep_range",
	"schedule_timeout", "schedule"
};

static enum step step;
static unsigned char *probe_addr;
static int probe_pipe[2];
static int seen, release, timer_running, prober_ready;
static DECLARE_COMPLETION(cmd);
static DECLARE_COMPLETION(done);
static DECLARE_COMPLETION(gate);
static DEFINE_MUTEX(lock);
static struct page *pool_pages[4];

/* 1 when @addr cannot be read from this thread, 0 when it can. */
static int unmapped(const void *addr)
{
	char c;

	if (write(probe_pipe[1], addr, 1) < 0)
		return errno == EFAULT;
	return read(probe_pipe[0], &c, 1) == 1 ? 0 : -1;
}

static int prober(void *data)
{
	int i;

	while (!kthread_should_stop()) {
		unsigned long deadline;
		enum step s;

		if (!wait_for_completion_timeout(&cmd, HZ / 10))
			continue;
		s = READ_ONCE(step);	/* main moves on once "done" is complete */
		if (s == S_MUTEX)
			mutex_lock(&lock);
		if (s == S_SYNC_RCU)
			rcu_read_lock();
		if (s == S_KMAP_FULL)
			for (i = 0; i < 4; i++)
				kmap(pool_pages[i]);
		WRITE_ONCE(prober_ready, 1);

		/* Bounded only so that a broken runtime fails instead of hanging. */
		deadline = jiffies + 20 * HZ;
		while (unmapped(probe_addr) != 1 && time_before(jiffies, deadline))
			cpu_relax();
		WRITE_ONCE(seen, unmapped(probe_addr) == 1 || READ_ONCE(seen));

		WRITE_ONCE(release, 1);
		if (s == S_MUTEX)
			mutex_unlock(&lock);
		if (s == S_SYNC_RCU)
			rcu_read_unlock();
		if (s == S_KMAP_FULL)
			kunmap(pool_pages[0]);
		complete(&gate);
		complete(&done);
		if (s == S_KMAP_FULL)
			for (i = 1; i < 4; i++)
				kunmap(pool_pages[i]);
	}
	return 0;
}

static void gated_work(struct work_struct *w)
{
	wait_for_completion(&gate);
}

static int gated_thread(void *data)
{
	complete(data);
	wait_for_completion(&gate);
	return 0;
}

static void spin_until_release(void)
{
	while (!READ_ONCE(release))
		cpu_relax();
}

static void tl_fn(struct tasklet_struct *t)
{
	spin_until_release();
}

static void timer_fn(struct timer_list *t)
{
	WRITE_ONCE(timer_running, 1);
	spin_until_release();
}

static void rcu_cb(struct rcu_head *head)
{
	spin_until_release();
}

static struct task_struct *gated;
static DECLARE_COMPLETION(gated_started);

/* Blocks in the primitive of @s until the prober lets go. */
static void block_in(enum step s)
{
	struct work_struct work;
	struct tasklet_struct tl;
	struct timer_list timer;
	struct rcu_head rh;
	struct page *page;
	int n;

	switch (s) {
	case S_MUTEX:
		mutex_lock(&lock);
		mutex_unlock(&lock);
		break;
	case S_COMPLETION:
		wait_for_completion(&gate);
		break;
	case S_FLUSH_WORK:
	case S_FLUSH_WQ:
		INIT_WORK(&work, gated_work);
		schedule_work(&work);
		if (s == S_FLUSH_WORK)
			flush_work(&work);
		else
			flush_workqueue(system_wq);
		break;
	case S_KTHREAD_STOP:
		kthread_stop(gated);
		break;
	case S_TASKLET_KILL:
		tasklet_setup(&tl, tl_fn);
		tasklet_schedule(&tl);
		tasklet_kill(&tl);
		break;
	case S_DEL_TIMER_SYNC:
		timer_setup(&timer, timer_fn, 0);
		mod_timer(&timer, jiffies);
		while (!READ_ONCE(timer_running))
			cpu_relax();
		del_timer_sync(&timer);
		break;
	case S_SYNC_RCU:
		synchronize_rcu();
		break;
	case S_RCU_BARRIER:
		call_rcu(&rh, rcu_cb);
		rcu_barrier();
		break;
	case S_KMAP_FULL:
		page = alloc_page(GFP_HIGHUSER);
		kmap(page);
		kunmap(page);
		__free_page(page);
		break;
	default:
		/* No other thread can hold these: sleep until the prober saw it. */
		for (n = 0; n < 100000 && !READ_ONCE(seen); n++) {
			if (s == S_MSLEEP)
				msleep(1);
			else if (s == S_USLEEP)
				usleep_range(500, 1000);
			else if (s == S_SCHED_TIMEOUT)
				schedule_timeout_uninterruptible(1);
			else {
				set_current_state(TASK_INTERRUPTIBLE);
				schedule();
			}
		}
		break;
	}
}

int main(void)
{
	struct task_struct *pt = kthread_run(prober, NULL, "prober");
	struct page *pages[3];
	unsigned char *va[3];
	int i;

	CHECK(pipe(probe_pipe) == 0);
	for (i = 0; i < 4; i++)
		pool_pages[i] = alloc_page(GFP_HIGHUSER);
	for (i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER);
		va[i] = kmap_local_page(pages[i]);
		memset(va[i], 0x30 + i, PAGE_SIZE);
	}
	for (step = 0; step < S_NR; step++) {
		probe_addr = va[step % 3] + 100;
		WRITE_ONCE(seen, 0);
		WRITE_ONCE(release, 0);
		timer_running = 0;
		reinit_completion(&gate);
		if (step == S_KTHREAD_STOP) {
			gated = kthread_run(gated_thread, &gated_started, "gated");
			wait_for_completion(&gated_started);
		}
		/*
		 * Wait for the prober without blocking: only the primitive under
		 * test may switch the mappings out.
		 */
		WRITE_ONCE(prober_ready, 0);
		complete(&cmd);
		while (!READ_ONCE(prober_ready))
			cpu_relax();
		block_in(step);
		wait_for_completion(&done);
		if (!READ_ONCE(seen))
			fprintf(stderr, "%s: mapping still visible while blocked\n",
				step_name[step]);
		CHECK(READ_ONCE(seen));
		for (i = 0; i < 3; i++)
			CHECK(va[i][0] == 0x30 + i && va[i][PAGE_SIZE - 1] == 0x30 + i);
	}
	for (i = 2; i >= 0; i--) {
		kunmap_local(va[i]);
		__free_page(pages[i]);
	}
	kthread_stop(pt);
	for (i = 0; i < 4; i++)
		__free_page(pool_pages[i]);
	return check_done();
}
/*
 * check-name: blocking switches local mappings out and back in
 * check-exit: ok
 * check-env: KMAPRT_LAST_PKMAP=4
 * check-clean: yes
 */
