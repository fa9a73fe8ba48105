// SPDX-License-Identifier: GPL-2.0
/*
 * Map+unmap pairs per second on highmem pages, kmap()/kunmap() against
 * kmap_local_page()/kunmap_local(), with 1, 2, 4 and 8 threads, printed
 * as a markdown table.  Each thread cycles through its own pages
 * (KMAPRT_BENCH_PAGES per thread, default 2048: more than the pool holds,
 * so kmap() cannot just reuse cached slots).  It measures the runtime
 * (host mmap/mprotect per map), not a kernel.
 */
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/atomic.h>
#include <linux/delay.h>
#include <kmaprt.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define RUN_MS			600

enum api { API_KMAP, API_LOCAL };

static enum api bench_api;
static unsigned int pages_per_thread = 2048;
static int stop, nr_ready;
static atomic_long_t total_pairs;
static struct completion go;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bench_thread(void *data)
{
	struct page **pages = data;
	unsigned long pairs = 0;
	unsigned int i = 0;

	__atomic_add_fetch(&nr_ready, 1, __ATOMIC_SEQ_CST);
	wait_for_completion(&go);
	while (!READ_ONCE(stop)) {
		struct page *page = pages[i++ % pages_per_thread];
		unsigned char *addr;

		if (bench_api == API_KMAP) {
			addr = kmap(page);
			addr[i & 4095]++;
			kunmap(page);
		} else {
			addr = kmap_local_page(page);
			addr[i & 4095]++;
			kunmap_local(addr);
		}
		pairs++;
	}
	atomic_long_add(pairs, &total_pairs);
	return 0;
}

static double run(enum api api, int nthreads, struct page ***pages)
{
	struct task_struct *tasks[8];
	double start, elapsed;
	int t;

	bench_api = api;
	stop = 0;
	nr_ready = 0;
	atomic_long_set(&total_pairs, 0);
	init_completion(&go);
	for (t = 0; t < nthreads; t++)
		tasks[t] = kthread_run(bench_thread, pages[t], "bench/%d", t);
	while (__atomic_load_n(&nr_ready, __ATOMIC_SEQ_CST) < nthreads)
		msleep(1);
	start = now();
	complete_all(&go);
	msleep(RUN_MS);
	WRITE_ONCE(stop, 1);
	for (t = 0; t < nthreads; t++)
		kthread_stop(tasks[t]);
	elapsed = now() - start;
	return atomic_long_read(&total_pairs) / elapsed;
}

int main(void)
{
	static const int counts[] = { 1, 2, 4, 8 };
	struct page **pages[8];
	unsigned int t, i;

	if (getenv("KMAPRT_BENCH_PAGES"))
		pages_per_thread = strtoul(getenv("KMAPRT_BENCH_PAGES"), NULL, 0);
	if (pages_per_thread < 1 || pages_per_thread > 65536) {
		fprintf(stderr, "KMAPRT_BENCH_PAGES must be 1..65536\n");
		return 1;
	}
	for (t = 0; t < 8; t++) {
		pages[t] = calloc(pages_per_thread, sizeof(*pages[t]));
		for (i = 0; i < pages_per_thread; i++) {
			pages[t][i] = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
			if (!pages[t][i] || !PageHighMem(pages[t][i])) {
				fprintf(stderr, "no highmem page\n");
				return 1;
			}
		}
	}
	printf("kmaprt benchmark: map+unmap pairs per second on highmem pages\n");
	printf("(LAST_PKMAP=%u, %u pages per thread, %d ms per cell, %ld CPUs online)\n\n",
	       LAST_PKMAP, pages_per_thread, RUN_MS, sysconf(_SC_NPROCESSORS_ONLN));
	printf("| threads | kmap/kunmap pairs/s | kmap_local_page/kunmap_local pairs/s | local/kmap |\n");
	printf("|--------:|--------------------:|-------------------------------------:|-----------:|\n");
	for (i = 0; i < ARRAY_SIZE(counts); i++) {
		double k = run(API_KMAP, counts[i], pages);
		double l = run(API_LOCAL, counts[i], pages);

		printf("| %7d | %19.0f | %36.0f | %9.2fx |\n", counts[i], k, l, l / k);
		fflush(stdout);
	}
	for (t = 0; t < 8; t++) {
		for (i = 0; i < pages_per_thread; i++)
			__free_page(pages[t][i]);
		free(pages[t]);
	}
	return kmaprt_report_count() != 0;
}
