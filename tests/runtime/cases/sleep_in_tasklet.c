/*
 * A tasklet that takes a mutex: tasklets run in softirq (atomic) context.
 * Reported as [sleep-in-atomic] at the mutex_lock() call.
 */
#include <linux/interrupt.h>
#include <linux/mutex.h>
#include <linux/completion.h>

static DEFINE_MUTEX(lock);
static DECLARE_COMPLETION(ran);

static void tl_fn(struct tasklet_struct *t)
{
	mutex_lock(&lock);		/* check-site */
	mutex_unlock(&lock);
	complete(&ran);
}

int main(void)
{
	struct tasklet_struct tl;

	tasklet_setup(&tl, tl_fn);
	tasklet_schedule(&tl);
	wait_for_completion(&ran);
	tasklet_kill(&tl);
	return 0;
}
/*
 * check-name: mutex_lock() in a tasklet
 * check-exit: fail
 * check-report: BUG sleep-in-atomic
 */
