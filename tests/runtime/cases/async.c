/*
 * The asynchronous machinery runs work in other threads, in the right
 * context: work items and kthreads in process context, tasklets, timers
 * and RCU callbacks in atomic (softirq) context.  A kmap() address, valid
 * in every thread, is handed to a work item as real drivers do.
 */
#include <linux/highmem.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/rcupdate.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/delay.h>
#include "check.h"

static struct task_struct *main_task;

struct req {
	struct work_struct work;
	struct delayed_work dwork;
	char *kaddr;			/* a kmap() address, shared on purpose */
	struct completion done;
	int ran_elsewhere, atomic_there, sum, delayed_ran;
};

static void req_work(struct work_struct *w)
{
	struct req *r = container_of(w, struct req, work);
	int i;

	r->ran_elsewhere = current != main_task;
	r->atomic_there = in_atomic();
	msleep(1);			/* process context may sleep */
	for (i = 0; i < 100; i++)
		r->sum += r->kaddr[i];
	complete(&r->done);
}

static void req_delayed(struct work_struct *w)
{
	struct req *r = container_of(to_delayed_work(w), struct req, dwork);

	r->delayed_ran++;
}

static int tl_in_softirq, tl_ran;
static void tl_fn(unsigned long data)
{
	tl_in_softirq = in_softirq() && in_atomic() && !in_task();
	tl_ran = (int)data;
}

static int timer_atomic, timer_ran;
static struct timer_list timer;
static void timer_fn(struct timer_list *t)
{
	timer_atomic = in_atomic() && t == &timer;
	timer_ran++;
}

struct obj {
	int value;
	struct rcu_head rcu;
};
static int rcu_ran, rcu_atomic;
static void obj_free(struct rcu_head *head)
{
	struct obj *o = container_of(head, struct obj, rcu);

	rcu_atomic = in_atomic();
	rcu_ran = o->value;
	kfree(o);
}

static int kt_fn(void *data)
{
	int loops = 0;

	while (!kthread_should_stop()) {
		loops++;
		msleep(1);
	}
	return loops > 0 ? 42 : -1;
}

int main(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	struct workqueue_struct *wq = alloc_ordered_workqueue("async-test", 0);
	struct req *r = kzalloc(sizeof(*r), GFP_KERNEL);
	struct tasklet_struct tl;
	struct task_struct *kt;
	struct obj *o;
	int i;

	main_task = current;
	CHECK(r && wq);
	r->kaddr = kmap(page);
	for (i = 0; i < 100; i++)
		r->kaddr[i] = 1;
	init_completion(&r->done);
	INIT_WORK(&r->work, req_work);
	CHECK(queue_work(wq, &r->work));
	wait_for_completion(&r->done);
	flush_work(&r->work);
	kunmap(page);
	CHECK(r->ran_elsewhere && !r->atomic_there && r->sum == 100);

	INIT_DELAYED_WORK(&r->dwork, req_delayed);
	CHECK(schedule_delayed_work(&r->dwork, msecs_to_jiffies(5)));
	CHECK(!schedule_delayed_work(&r->dwork, 1));	/* already pending */
	flush_delayed_work(&r->dwork);
	CHECK(r->delayed_ran == 1);
	CHECK(queue_delayed_work(wq, &r->dwork, HZ * 100));
	CHECK(cancel_delayed_work_sync(&r->dwork));
	CHECK(r->delayed_ran == 1);

	tasklet_init(&tl, tl_fn, 7);
	tasklet_schedule(&tl);
	tasklet_kill(&tl);
	CHECK(tl_ran == 7 && tl_in_softirq);

	timer_setup(&timer, timer_fn, 0);
	CHECK(mod_timer(&timer, jiffies + 1) == 0);
	while (!READ_ONCE(timer_ran))
		msleep(1);
	CHECK(timer_atomic && !timer_pending(&timer));
	mod_timer(&timer, jiffies + HZ * 100);
	CHECK(timer_pending(&timer));
	CHECK(del_timer_sync(&timer) == 1 && timer_ran == 1);

	o = kmalloc(sizeof(*o), GFP_KERNEL);
	o->value = 5;
	call_rcu(&o->rcu, obj_free);
	rcu_barrier();
	CHECK(rcu_ran == 5 && rcu_atomic);
	o = kmalloc(sizeof(*o), GFP_KERNEL);
	kfree_rcu(o, rcu);
	rcu_read_lock();
	CHECK(!in_atomic() && rcu_read_lock_held());
	rcu_read_unlock();
	synchronize_rcu();
	rcu_barrier();

	kt = kthread_run(kt_fn, NULL, "kt-%d", 1);
	CHECK(!IS_ERR(kt));
	msleep(5);
	CHECK(kthread_stop(kt) == 42);

	destroy_workqueue(wq);
	kfree(r);
	__free_page(page);
	return check_done();
}
/*
 * check-name: work, kthreads, tasklets, timers and RCU run elsewhere, in context
 * check-exit: ok
 * check-clean: yes
 */
