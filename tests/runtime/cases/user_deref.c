/*
 * Kernel code that dereferences a __user pointer instead of copying: the
 * page is not present, so it faults.  Reported as [fault].
 */
#include <linux/uaccess.h>
#include <linux/printk.h>
#include <kmaprt.h>

int main(void)
{
	char __user *ubuf = kmaprt_user_alloc(64);

	pr_info("%d\n", *(char *)ubuf);
	kmaprt_user_free(ubuf);
	return 0;
}
/*
 * check-name: dereferencing a user pointer
 * check-exit: abort
 * check-report: BUG fault
 */
