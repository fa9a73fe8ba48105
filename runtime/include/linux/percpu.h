/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU data.  Every thread that uses the runtime is its own CPU (there
 * are KMAPRT_MAX_THREADS of them), so per-CPU data is never shared by two
 * running threads, and what matters is the check: this_cpu_ptr(),
 * smp_processor_id() and the __this_cpu_*() operations report
 * [atomic-context] when called preemptible, as CONFIG_DEBUG_PREEMPT does.
 * this_cpu_read/write/inc/add/dec/sub are preempt-safe in the kernel and
 * are not checked, as there.
 *
 * A per-CPU variable lives in the "kmaprt_percpu" section; the runtime
 * copies that section once per CPU at start-up, and a per-CPU pointer plus
 * kmaprt_percpu_offset[cpu] is that CPU's copy, the kernel's scheme.
 */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/gfp.h>

extern unsigned long *kmaprt_percpu_offset;

#define DEFINE_PER_CPU(type, name)					\
	__attribute__((section("kmaprt_percpu"))) __typeof__(type) name
#define DECLARE_PER_CPU(type, name)					\
	extern __attribute__((section("kmaprt_percpu"))) __typeof__(type) name
#define DEFINE_PER_CPU_ALIGNED(type, name)	DEFINE_PER_CPU(type, name)
#define DECLARE_PER_CPU_ALIGNED(type, name)	DECLARE_PER_CPU(type, name)
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name) DEFINE_PER_CPU(type, name)
#define EXPORT_PER_CPU_SYMBOL(var)
#define EXPORT_PER_CPU_SYMBOL_GPL(var)

#define per_cpu_ptr(ptr, cpu)						\
	((__typeof__(ptr))((unsigned long)(ptr) + kmaprt_percpu_offset[(cpu)]))
#define raw_cpu_ptr(ptr)	per_cpu_ptr(ptr, raw_smp_processor_id())
#define this_cpu_ptr(ptr)						\
	per_cpu_ptr(ptr, kmaprt_smp_processor_id(KMAPRT_SITE, "this_cpu_ptr"))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), (cpu)))
#define __this_cpu_ptr(ptr)	this_cpu_ptr(ptr)

#define __get_cpu_var(var)	(*this_cpu_ptr(&(var)))
#define get_cpu_var(var)	(*({ preempt_disable(); this_cpu_ptr(&(var)); }))
#define put_cpu_var(var)	do { (void)&(var); preempt_enable(); } while (0)
#define get_cpu_ptr(ptr)	({ preempt_disable(); this_cpu_ptr(ptr); })
#define put_cpu_ptr(ptr)	do { (void)(ptr); preempt_enable(); } while (0)

#define raw_cpu_read(pcp)	(*raw_cpu_ptr(&(pcp)))
#define raw_cpu_write(pcp, val)	do { *raw_cpu_ptr(&(pcp)) = (val); } while (0)

/* Preempt-safe: a single access to the running thread's copy. */
#define this_cpu_read(pcp)	raw_cpu_read(pcp)
#define this_cpu_write(pcp, val) raw_cpu_write(pcp, val)
#define this_cpu_add(pcp, val)	do { *raw_cpu_ptr(&(pcp)) += (val); } while (0)
#define this_cpu_sub(pcp, val)	do { *raw_cpu_ptr(&(pcp)) -= (val); } while (0)
#define this_cpu_inc(pcp)	this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)	this_cpu_sub(pcp, 1)
#define this_cpu_add_return(pcp, val)	({ *raw_cpu_ptr(&(pcp)) += (val); })
#define this_cpu_inc_return(pcp)	this_cpu_add_return(pcp, 1)

/* The caller must have preemption disabled: checked. */
#define __this_cpu_read(pcp)	(*this_cpu_ptr(&(pcp)))
#define __this_cpu_write(pcp, val) do { *this_cpu_ptr(&(pcp)) = (val); } while (0)
#define __this_cpu_add(pcp, val) do { *this_cpu_ptr(&(pcp)) += (val); } while (0)
#define __this_cpu_sub(pcp, val) do { *this_cpu_ptr(&(pcp)) -= (val); } while (0)
#define __this_cpu_inc(pcp)	__this_cpu_add(pcp, 1)
#define __this_cpu_dec(pcp)	__this_cpu_sub(pcp, 1)

void __percpu *kmaprt_alloc_percpu(size_t size, size_t align,
				   const struct kmaprt_site *site);
void kmaprt_free_percpu(void __percpu *p);

#define alloc_percpu(type)						\
	((__typeof__(type) __percpu *)kmaprt_alloc_percpu(sizeof(type),	\
							  __alignof__(type), \
							  KMAPRT_SITE))
#define alloc_percpu_gfp(type, gfp)	alloc_percpu(type)
#define __alloc_percpu(size, align)	kmaprt_alloc_percpu((size), (align), KMAPRT_SITE)
#define free_percpu(p)		kmaprt_free_percpu(p)

#endif
