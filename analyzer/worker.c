// SPDX-License-Identifier: GPL-2.0
/*
 * worker.c - a pool of forked children, one job each, with time limits.
 *
 * fork() per file costs about a millisecond against a parse of most of a second,
 * and buys complete isolation: libclang's crashes and leaks die with the child.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "worker.h"

struct slot {
	pid_t pid;
	int fd;
	int idx;
	double start;
	bool killed;
	struct strbuf out;
};

bool write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= n;
	}
	return true;
}

void rec_begin(struct strbuf *sb, char type)
{
	sb_addc(sb, type);
}

void rec_str(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '\t');
	if (!s) {
		sb_add(sb, "\\0");
		return;
	}
	for (; *s; s++) {
		switch (*s) {
		case '\\': sb_add(sb, "\\\\"); break;
		case '\t': sb_add(sb, "\\t"); break;
		case '\n': sb_add(sb, "\\n"); break;
		default: sb_addc(sb, *s);
		}
	}
}

void rec_int(struct strbuf *sb, long long v)
{
	sb_addf(sb, "\t%lld", v);
}

void rec_dbl(struct strbuf *sb, double v)
{
	sb_addf(sb, "\t%.6f", v);
}

void rec_end(struct strbuf *sb)
{
	sb_addc(sb, '\n');
}

int rec_split(char *line, char **fields, int max)
{
	int n = 0;
	char *r = line, *w;
	bool more;

	if (!*line)
		return 0;
	fields[n++] = line;	/* the type character */
	while (*r && *r != '\t')
		r++;
	more = *r == '\t';
	*r = '\0';
	while (more && n < max) {
		r++;
		fields[n++] = w = r;
		while (*r && *r != '\t') {
			if (*r == '\\' && r[1]) {
				char c = r[1];

				if (c == '0' && w == fields[n - 1] && (r[2] == '\t' || !r[2])) {
					fields[n - 1] = NULL;	/* a NULL string */
					r += 2;
					continue;
				}
				*w++ = c == 't' ? '\t' : c == 'n' ? '\n' : c;
				r += 2;
			} else {
				*w++ = *r++;
			}
		}
		more = *r == '\t';
		if (fields[n - 1])
			*w = '\0';
		*r = '\0';
		if (!fields[n - 1])
			continue;
	}
	return n;
}

static void start(struct slot *s, int idx, const struct worker_opts *o, job_fn job, void *ctx)
{
	int p[2];

	if (pipe(p) < 0)
		die("pipe: %s", strerror(errno));
	fflush(NULL);
	s->pid = fork();
	if (s->pid < 0)
		die("fork: %s", strerror(errno));
	if (s->pid == 0) {
		close(p[0]);
		signal(SIGPIPE, SIG_DFL);
		if (o->mem_limit_mb > 0) {
			struct rlimit rl = { o->mem_limit_mb << 20, o->mem_limit_mb << 20 };

			setrlimit(RLIMIT_AS, &rl);
		}
		job(idx, p[1], ctx);
		close(p[1]);
		_exit(0);
	}
	close(p[1]);
	s->fd = p[0];
	s->idx = idx;
	s->start = now_seconds();
	s->killed = false;
	sb_init(&s->out);
}

static void finish(struct slot *s, done_fn done, void *ctx)
{
	struct job_result r = { 0 };
	struct rusage ru;
	int status = 0;

	while (wait4(s->pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	r.wall = now_seconds() - s->start;
	r.cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
		ru.ru_stime.tv_usec / 1e6;
	r.maxrss_kb = ru.ru_maxrss;
	if (s->killed) {
		r.end = JOB_TIMEOUT;
		r.code = SIGKILL;
	} else if (WIFSIGNALED(status)) {
		r.end = JOB_CRASHED;
		r.code = WTERMSIG(status);
	} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		r.end = JOB_FAILED;
		r.code = WEXITSTATUS(status);
	} else {
		r.end = JOB_OK;
	}
	r.out = s->out.buf ? s->out.buf : "";
	r.len = s->out.len;
	done(s->idx, &r, ctx);
	sb_free(&s->out);
	close(s->fd);
	s->pid = 0;
	s->fd = -1;
}

void worker_run(const int *order, int n, const struct worker_opts *o, job_fn job, done_fn done,
		void *ctx)
{
	int jobs = o->jobs > 0 ? o->jobs : 1;
	struct slot *slots = xcalloc(jobs, sizeof(*slots));
	struct pollfd *pfd = xcalloc(jobs, sizeof(*pfd));
	int next = 0, running = 0;
	char buf[65536];

	signal(SIGPIPE, SIG_IGN);
	for (int i = 0; i < jobs; i++)
		slots[i].fd = -1;
	while (next < n || running) {
		for (int i = 0; i < jobs && next < n; i++) {
			if (slots[i].pid)
				continue;
			start(&slots[i], order[next++], o, job, ctx);
			running++;
		}
		for (int i = 0; i < jobs; i++) {
			pfd[i].fd = slots[i].pid ? slots[i].fd : -1;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, jobs, 200) < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		for (int i = 0; i < jobs; i++) {
			struct slot *s = &slots[i];

			if (!s->pid)
				continue;
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) {
				ssize_t got = read(s->fd, buf, sizeof(buf));

				if (got > 0) {
					sb_addn(&s->out, buf, got);
				} else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
					finish(s, done, ctx);
					running--;
					continue;
				}
			}
			if (o->timeout > 0 && !s->killed && now_seconds() - s->start > o->timeout) {
				kill(s->pid, SIGKILL);
				s->killed = true;
			}
		}
	}
	free(slots);
	free(pfd);
}
