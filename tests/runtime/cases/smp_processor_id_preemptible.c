/*
 * smp_processor_id() in preemptible code: the CPU may change right after.
 * Reported as [atomic-context] at the call.
 */
#include <linux/smp.h>
#include <linux/printk.h>

int main(void)
{
	int cpu = smp_processor_id();	/* check-site */

	pr_info("cpu %d\n", cpu);
	return 0;
}
/*
 * check-name: smp_processor_id() while preemptible
 * check-exit: fail
 * check-report: BUG atomic-context
 */
