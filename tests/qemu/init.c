// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - /init of the qemu initramfs: loads /kcorpus.ko once per case form, each time from
 * a fresh child process and with the kernel's one-shot warnings re-armed, then powers off.
 * It knows nothing about the cases: the load of an index past the last one fails with EDOM.
 *
 * Kernel command line: kcorpus.start=N (first index, default 0), kcorpus.end=N (stop before
 * it), kcorpus.timeout=S (seconds one case may take, default 120).
 * Built static for i386: gcc -m32 -static -O2 -o init init.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXIT_RAN	0	/* the module ran the case and refused to stay loaded */
#define EXIT_NO_CASE	3	/* index past the end of the case table */
#define EXIT_LOAD_ERR	4	/* finit_module failed some other way */

static int kmsg = -1;

/* Lines go through /dev/kmsg so that they sit in order among the kernel's own. */
static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "<6>kcorpus-init: ");
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	if (kmsg >= 0)
		write(kmsg, buf, n);
	else
		write(2, buf + 3, n - 3);
}

static void power_off(void)
{
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

/* Value of NAME=... on the kernel command line, or @def. */
static long cmdline_long(const char *cmdline, const char *name, long def)
{
	size_t len = strlen(name);
	const char *p = cmdline;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == cmdline || p[-1] == ' ') && p[len] == '=')
			return strtol(p + len + 1, NULL, 0);
		p += len;
	}
	return def;
}

/* Re-arms WARN_ON_ONCE() and friends so that each case sees the kernel's first report. */
static void clear_warn_once(void)
{
	int fd = open("/debug/clear_warn_once", O_WRONLY);

	if (fd < 0) {
		say("cannot open /debug/clear_warn_once: %s\n", strerror(errno));
		return;
	}
	if (write(fd, "1", 1) != 1)
		say("cannot clear the WARN_ONCE flags: %s\n", strerror(errno));
	close(fd);
}

/*
 * The child does nothing after finit_module() but exit: a case that left page faults
 * disabled makes any fresh user page fault fatal to it.
 */
static void run_child(int modfd, long index)
{
	char params[32];
	long r;

	snprintf(params, sizeof(params), "case=%ld", index);
	r = syscall(SYS_finit_module, modfd, params, 0);
	if (r == 0)
		_exit(EXIT_LOAD_ERR);
	if (errno == ECANCELED)
		_exit(EXIT_RAN);
	if (errno == EDOM)
		_exit(EXIT_NO_CASE);
	say("finit_module(case=%ld): %s\n", index, strerror(errno));
	_exit(EXIT_LOAD_ERR);
}

/* Waits for @pid up to @timeout seconds; 0 and the status, or -1 on timeout. */
static int wait_child(pid_t pid, long timeout, int *status)
{
	struct timespec tick = { 0, 20 * 1000 * 1000 };
	long ticks = timeout * 50;

	while (ticks-- > 0) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
		nanosleep(&tick, NULL);
	}
	return -1;
}

int main(void)
{
	char cmdline[1024] = "";
	long start, end, timeout, i;
	int fd, modfd, status;

	mkdir("/proc", 0755);
	mkdir("/dev", 0755);
	mkdir("/debug", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("debugfs", "/debug", "debugfs", 0, NULL);
	kmsg = open("/dev/kmsg", O_WRONLY);

	fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0) {
		ssize_t n = read(fd, cmdline, sizeof(cmdline) - 1);

		cmdline[n > 0 ? n : 0] = 0;
		close(fd);
	}
	start = cmdline_long(cmdline, "kcorpus.start", 0);
	end = cmdline_long(cmdline, "kcorpus.end", -1);
	timeout = cmdline_long(cmdline, "kcorpus.timeout", 120);

	modfd = open("/kcorpus.ko", O_RDONLY);
	if (modfd < 0) {
		say("cannot open /kcorpus.ko: %s\n", strerror(errno));
		power_off();
	}
	say("start %ld\n", start);
	for (i = start; end < 0 || i < end; i++) {
		pid_t pid;

		clear_warn_once();
		pid = fork();
		if (pid < 0) {
			say("fork: %s\n", strerror(errno));
			power_off();
		}
		if (pid == 0)
			run_child(modfd, i);
		if (wait_child(pid, timeout, &status)) {
			say("case %ld hung\n", i);
			power_off();
		}
		if (WIFSIGNALED(status)) {
			say("case %ld killed by signal %d\n", i, WTERMSIG(status));
			continue;
		}
		if (WEXITSTATUS(status) == EXIT_NO_CASE)
			break;
		if (WEXITSTATUS(status) != EXIT_RAN) {
			say("case %ld not loaded\n", i);
			continue;
		}
		say("case %ld done\n", i);
	}
	say("all done at %ld\n", i);
	power_off();
	return 0;
}
