/*
 * copy_from_user() with preemption disabled but page faults enabled: the
 * fault may sleep, so might_fault() reports [sleep-in-atomic].
 */
#include <linux/uaccess.h>
#include <linux/preempt.h>
#include <kmaprt.h>

int main(void)
{
	char __user *ubuf = kmaprt_user_alloc(64);
	char buf[64];
	unsigned long left;

	preempt_disable();		/* check-site */
	left = copy_from_user(buf, ubuf, sizeof(buf));
	preempt_enable();
	kmaprt_user_free(ubuf);
	return left != 0;
}
/*
 * check-name: copy_from_user() with preemption disabled
 * check-exit: fail
 * check-report: BUG sleep-in-atomic
 */
