/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU numbers.  A thread's CPU number is its slot in the runtime's thread
 * registry, stable for the thread's life; smp_processor_id() reports
 * [atomic-context] when the caller is preemptible, raw_smp_processor_id()
 * does not check.
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <linux/types.h>
#include <linux/preempt.h>
#include <linux/cpumask.h>

int kmaprt_smp_processor_id(const struct kmaprt_site *site, const char *api);
int kmaprt_raw_smp_processor_id(void);

#define smp_processor_id()	kmaprt_smp_processor_id(KMAPRT_SITE, "smp_processor_id")
#define raw_smp_processor_id()	kmaprt_raw_smp_processor_id()
#define get_cpu()		({ preempt_disable(); smp_processor_id(); })
#define put_cpu()		preempt_enable()

#endif
