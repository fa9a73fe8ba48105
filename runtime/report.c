// SPDX-License-Identifier: GPL-2.0
/*
 * The one place that formats diagnostics: "kmaprt: BUG: [class] message"
 * or "kmaprt: WARNING: [class] message", indented detail lines after it,
 * the report counters and the exit summary "kmaprt: N reports".  It does
 * not decide what is wrong; the checks do.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t report_lock = PTHREAD_MUTEX_INITIALIZER;
static int nr_reports;
static int nr_bugs;
static int nr_repeats;
static enum kmaprt_level cur_level;

int kmaprt_report_count(void)
{
	return __atomic_load_n(&nr_reports, __ATOMIC_RELAXED);
}

int kmaprt_bug_count(void)
{
	return __atomic_load_n(&nr_bugs, __ATOMIC_RELAXED);
}

const char *kmaprt_site_str(const struct kmaprt_site *site, char *buf,
			    size_t len)
{
	if (!site)
		snprintf(buf, len, "an unknown site");
	else if (site->func)
		snprintf(buf, len, "%s:%d (%s)", site->file, site->line, site->func);
	else
		snprintf(buf, len, "%s:%d", site->file, site->line);
	return buf;
}

static void vprint_line(const char *prefix, const char *fmt, va_list ap)
{
	char line[1024];
	int n;

	n = snprintf(line, sizeof(line), "%s", prefix);
	n += vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	if (n >= (int)sizeof(line) - 1)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* One write per line keeps concurrent reports from interleaving mid-line. */
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

void kmaprt_report_begin(enum kmaprt_level level, const char *cls,
			 const char *fmt, ...)
{
	char prefix[96];
	va_list ap;

	pthread_mutex_lock(&report_lock);
	cur_level = level;
	snprintf(prefix, sizeof(prefix), "kmaprt: %s: [%s] ",
		 level == KMAPRT_WARN ? "WARNING" : "BUG", cls);
	va_start(ap, fmt);
	fflush(stdout);
	vprint_line(prefix, fmt, ap);
	va_end(ap);
	__atomic_add_fetch(&nr_reports, 1, __ATOMIC_RELAXED);
	if (level != KMAPRT_WARN)
		__atomic_add_fetch(&nr_bugs, 1, __ATOMIC_RELAXED);
}

void kmaprt_report_detail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_line("kmaprt:   ", fmt, ap);
	va_end(ap);
}

void kmaprt_report_task_context(void)
{
	struct kmaprt_task *t = kmaprt_current_task ?
		kmaprt_task_of(kmaprt_current_task) : NULL;
	char name[64];

	if (!t)
		return;
	kmaprt_task_name(t, name, sizeof(name));
	kmaprt_report_detail("task %s%s%s, preempt_count=%#lx pagefault_disabled=%d irqs_disabled=%d",
			     name, t->context[0] ? " running " : "", t->context,
			     kmaprt_ctx.preempt_count, kmaprt_ctx.pagefault_disabled,
			     kmaprt_ctx.irqs_off);
}

static void print_summary(void)
{
	char line[64];
	int n;

	n = snprintf(line, sizeof(line), "kmaprt: %d reports\n", kmaprt_report_count());
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

void kmaprt_report_end(void)
{
	enum kmaprt_level level = cur_level;

	kmaprt_report_task_context();
	pthread_mutex_unlock(&report_lock);
	if (level == KMAPRT_BUG_STOP) {
		fflush(stdout);
		print_summary();
		abort();
	}
}

void kmaprt_report(enum kmaprt_level level, const char *cls, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kmaprt_report_begin(level, cls, "%s", msg);
	kmaprt_report_end();
}

/*
 * Reports the kernel rate-limits (sleeping in atomic context, preemptible
 * per-CPU access) are printed once per (class, call site, cause); repeats
 * are only counted.
 */
#define SEEN_SIZE 4096
static struct {
	const char *cls;
	const void *k1, *k2;
} seen[SEEN_SIZE];

bool kmaprt_report_first(const char *cls, const void *key1, const void *key2)
{
	unsigned long h = ((unsigned long)cls * 31 + (unsigned long)key1) * 31 +
			  (unsigned long)key2;
	unsigned int i, n;
	bool first = true;

	pthread_mutex_lock(&report_lock);
	for (n = 0, i = (h ^ (h >> 13)) % SEEN_SIZE; n < SEEN_SIZE;
	     n++, i = (i + 1) % SEEN_SIZE) {
		if (!seen[i].cls) {
			seen[i].cls = cls;
			seen[i].k1 = key1;
			seen[i].k2 = key2;
			break;
		}
		if (seen[i].cls == cls && seen[i].k1 == key1 && seen[i].k2 == key2) {
			first = false;
			nr_repeats++;
			break;
		}
	}
	pthread_mutex_unlock(&report_lock);
	return first;
}

void kmaprt_sig_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_line("", fmt, ap);
	va_end(ap);
}

void kmaprt_sig_count_bug(void)
{
	__atomic_add_fetch(&nr_reports, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&nr_bugs, 1, __ATOMIC_RELAXED);
}

__noreturn void kmaprt_sig_die(void)
{
	print_summary();
	abort();
}

static void kmaprt_atexit(void)
{
	struct kmaprt_task *t = kmaprt_current_task ?
		kmaprt_task_of(kmaprt_current_task) : NULL;
	int status = 0;

	/* The exiting thread's local mappings and the pool must be empty by now. */
	if (t)
		kmaprt_task_end_check(t, 0, "the program exited");
	kmaprt_pool_exit_check();
	fflush(stdout);
	print_summary();
	if (nr_repeats) {
		char line[96];
		int n = snprintf(line, sizeof(line),
				 "kmaprt: %d repeated reports not printed\n", nr_repeats);

		if (write(STDERR_FILENO, line, n) < 0)
			status = 1;
	}
	if (kmaprt_bug_count() || (kmaprt_cfg.exit_on_warn && kmaprt_report_count()))
		status = 1;
	if (status) {
		fflush(NULL);
		_exit(1);
	}
}

void kmaprt_report_init(void)
{
	atexit(kmaprt_atexit);
}
