/* SPDX-License-Identifier: GPL-2.0 */
/* The set of CPUs: all KMAPRT_MAX_THREADS possible CPUs are present and online. */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

extern unsigned int kmaprt_nr_cpu_ids;

#define nr_cpu_ids		kmaprt_nr_cpu_ids
#define NR_CPUS			kmaprt_nr_cpu_ids
#define num_possible_cpus()	kmaprt_nr_cpu_ids
#define num_online_cpus()	kmaprt_nr_cpu_ids
#define num_present_cpus()	kmaprt_nr_cpu_ids
#define cpu_online(cpu)		((unsigned int)(cpu) < kmaprt_nr_cpu_ids)
#define cpu_possible(cpu)	cpu_online(cpu)
#define for_each_possible_cpu(cpu)					\
	for ((cpu) = 0; (unsigned int)(cpu) < kmaprt_nr_cpu_ids; (cpu)++)
#define for_each_online_cpu(cpu)	for_each_possible_cpu(cpu)
#define for_each_present_cpu(cpu)	for_each_possible_cpu(cpu)

#endif
