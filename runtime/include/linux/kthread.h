/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel threads on host threads.  kthread_create() makes a stopped
 * thread, wake_up_process() starts it, kthread_stop() asks it to stop and
 * waits for its result.  A thread that ends with a live local kmap is a
 * [leak] report.
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

struct task_struct *kmaprt_kthread_create(int (*threadfn)(void *data),
					  void *data,
					  const struct kmaprt_site *site,
					  const char *namefmt, ...)
	__attribute__((format(printf, 4, 5)));
int kmaprt_wake_up_process(struct task_struct *task);
int kmaprt_kthread_stop(struct task_struct *task, const struct kmaprt_site *site);
bool kmaprt_kthread_should_stop(void);

#define kthread_create(threadfn, data, namefmt, args...)		\
	kmaprt_kthread_create((threadfn), (data), KMAPRT_SITE, namefmt, ##args)
#define kthread_create_on_node(threadfn, data, node, namefmt, args...)	\
	kthread_create(threadfn, data, namefmt, ##args)
#define kthread_run(threadfn, data, namefmt, ...)			\
	({								\
		struct task_struct *__k =				\
			kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
		if (!IS_ERR(__k))					\
			wake_up_process(__k);				\
		__k;							\
	})
#define wake_up_process(task)		kmaprt_wake_up_process(task)
#define kthread_stop(task)		kmaprt_kthread_stop((task), KMAPRT_SITE)
#define kthread_should_stop()		kmaprt_kthread_should_stop()
#define kthread_bind(task, cpu)		do { (void)(task); (void)(cpu); } while (0)
#define get_task_struct(task)		(task)
#define put_task_struct(task)		do { (void)(task); } while (0)

#endif
