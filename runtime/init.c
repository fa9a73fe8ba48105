// SPDX-License-Identifier: GPL-2.0
/*
 * Start-up: reads the KMAPRT_* environment variables and sets the runtime
 * up from a constructor, so programs need no init call.  It does not
 * tear anything down: the host reclaims everything at exit.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kmaprt_config kmaprt_cfg = {
	.mem_bytes = 6ULL << 30,
	.lowmem_bytes = 256UL << 20,
	.last_pkmap = 1024,
	.max_threads = 128,
	.force_map = 1,
	.pool_timeout = 10,
	.user_bytes = 64UL << 20,
	.exit_on_warn = 0,
};

int kmaprt_ready;

static pthread_mutex_t setup_lock = PTHREAD_MUTEX_INITIALIZER;
static int setup_running;

static __noreturn void config_die(const char *name, const char *val,
				  const char *why)
{
	fprintf(stderr, "kmaprt: BUG: [config] %s=%s: %s\n", name, val, why);
	abort();
}

static unsigned long long env_num(const char *name, unsigned long long def,
				  unsigned long long lo, unsigned long long hi)
{
	const char *val = getenv(name);
	unsigned long long v;
	char *end;

	if (!val || !*val)
		return def;
	errno = 0;
	v = strtoull(val, &end, 0);
	if (errno || *end)
		config_die(name, val, "not a number");
	if (v < lo || v > hi) {
		char why[96];

		snprintf(why, sizeof(why), "must be between %llu and %llu", lo, hi);
		config_die(name, val, why);
	}
	return v;
}

static void read_config(void)
{
	struct kmaprt_config *c = &kmaprt_cfg;
	unsigned long long mem_mb, low_mb;

	mem_mb = env_num("KMAPRT_MEM_MB", c->mem_bytes >> 20, 64, 64ULL << 10);
	low_mb = env_num("KMAPRT_LOWMEM_MB", c->lowmem_bytes >> 20, 16, 1024);
	if (low_mb + 16 > mem_mb)
		config_die("KMAPRT_LOWMEM_MB", getenv("KMAPRT_LOWMEM_MB") ?: "256",
			   "leaves less than 16 MiB of highmem");
	c->mem_bytes = mem_mb << 20;
	c->lowmem_bytes = (unsigned long)low_mb << 20;
	c->last_pkmap = env_num("KMAPRT_LAST_PKMAP", c->last_pkmap, 4, 1024);
	if (c->last_pkmap & (c->last_pkmap - 1))
		config_die("KMAPRT_LAST_PKMAP", getenv("KMAPRT_LAST_PKMAP"),
			   "must be a power of two (1024, 512 for PAE)");
	c->max_threads = env_num("KMAPRT_MAX_THREADS", c->max_threads, 4, 1024);
	c->force_map = env_num("KMAPRT_FORCE_MAP", c->force_map, 0, 1);
	c->pool_timeout = env_num("KMAPRT_POOL_TIMEOUT", c->pool_timeout, 0, 3600);
	c->user_bytes = env_num("KMAPRT_USER_MB", c->user_bytes >> 20, 1, 512) << 20;
	c->exit_on_warn = env_num("KMAPRT_EXIT_ON_WARN", c->exit_on_warn, 0, 1);
}

/*
 * The first caller sets everything up; a recursive call from inside the
 * set-up (the main thread attaching itself) must not wait for itself.
 */
void kmaprt_setup(void)
{
	if (__atomic_load_n(&kmaprt_ready, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&setup_lock);
	if (kmaprt_ready || setup_running) {
		pthread_mutex_unlock(&setup_lock);
		return;
	}
	setup_running = 1;
	read_config();
	kmaprt_report_init();
	kmaprt_phys_init();
	kmaprt_highmem_init();
	kmaprt_sched_init();
	kmaprt_uaccess_init();
	kmaprt_percpu_init();
	kmaprt_fault_init();
	__atomic_store_n(&kmaprt_ready, 1, __ATOMIC_RELEASE);
	setup_running = 0;
	pthread_mutex_unlock(&setup_lock);
	/* The main thread is CPU 0 and owns the first window. */
	(void)kmaprt_get_current();
}

__attribute__((constructor(101))) static void kmaprt_constructor(void)
{
	kmaprt_setup();
}

const struct kmaprt_config *kmaprt_get_config(void)
{
	kmaprt_ensure_setup();
	return &kmaprt_cfg;
}
