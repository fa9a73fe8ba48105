/*
 * Per-CPU data: counters updated under get_cpu_var()/get_cpu_ptr() by
 * several threads sum up exactly; this_cpu_inc() is allowed preemptible;
 * alloc_percpu() memory is per CPU and zeroed.
 */
#include <linux/percpu.h>
#include <linux/kthread.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include "check.h"

#define NTHREADS 6
#define ROUNDS 20000

static DEFINE_PER_CPU(unsigned long, hits);
static DEFINE_PER_CPU(int, initialised) = 77;
static unsigned long __percpu *dyn;
static atomic_t finished;

static int bump(void *data)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		get_cpu_var(hits)++;
		put_cpu_var(hits);
		(*get_cpu_ptr(dyn)) += 2;
		put_cpu_ptr(dyn);
		this_cpu_inc(hits);
	}
	atomic_inc(&finished);
	return 0;
}

int main(void)
{
	struct task_struct *t[NTHREADS];
	unsigned long total = 0, dtotal = 0;
	int cpu, i, nonzero = 0;

	dyn = alloc_percpu(unsigned long);
	CHECK(dyn != NULL);
	for_each_possible_cpu(cpu)
		CHECK(*per_cpu_ptr(dyn, cpu) == 0 && per_cpu(initialised, cpu) == 77);
	for (i = 0; i < NTHREADS; i++)
		t[i] = kthread_run(bump, NULL, "bump/%d", i);
	while (atomic_read(&finished) < NTHREADS)
		msleep(1);
	for (i = 0; i < NTHREADS; i++)
		kthread_stop(t[i]);
	for_each_possible_cpu(cpu) {
		total += per_cpu(hits, cpu);
		dtotal += *per_cpu_ptr(dyn, cpu);
		nonzero += per_cpu(hits, cpu) != 0;
	}
	CHECK(total == 2UL * NTHREADS * ROUNDS);
	CHECK(dtotal == 2UL * NTHREADS * ROUNDS);
	/* CPU numbers are reused by threads that start after others ended. */
	CHECK(nonzero >= 1 && nonzero <= NTHREADS);
	cpu = get_cpu();
	CHECK(cpu == smp_processor_id() && cpu < (int)num_possible_cpus());
	put_cpu();
	free_percpu(dyn);
	return check_done();
}
/*
 * check-name: per-CPU counters from several threads add up
 * check-exit: ok
 * check-clean: yes
 */
