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
	int in_fd;		/* WORKER_PARK: the feed's pipe, until the child parks or ends */
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

/* In a child: the read end of its feed's pipe, when it may park. */
static int park_in = -1;

bool worker_can_park(void)
{
	return park_in >= 0;
}

char *worker_park(int fd, size_t *len)
{
	struct rusage ru;
	struct strbuf sb;
	char buf[65536];

	getrusage(RUSAGE_SELF, &ru);
	sb_init(&sb);
	rec_begin(&sb, 'P');
	rec_dbl(&sb, ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
		     ru.ru_stime.tv_usec / 1e6);
	rec_int(&sb, ru.ru_maxrss);
	rec_end(&sb);
	if (!write_all(fd, sb.buf, sb.len)) {
		sb_free(&sb);
		return NULL;
	}
	sb_free(&sb);
	sb_init(&sb);
	for (;;) {
		ssize_t got = read(park_in, buf, sizeof(buf));

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			sb_free(&sb);
			return NULL;
		}
		if (got == 0)
			break;
		sb_addn(&sb, buf, got);
	}
	close(park_in);
	park_in = -1;
	*len = sb.len;
	return sb.buf ? sb.buf : xstrdup("");
}

static void close_parked(struct worker_parked *p)
{
	for (int i = 0; p && i < p->n; i++) {
		close(p->v[i].in_fd);
		close(p->v[i].out_fd);
	}
}

/* The parked child of @idx, taken out of the set, or false. */
static bool take_parked(struct worker_parked *p, int idx, struct parked_child *out)
{
	for (int i = 0; p && i < p->n; i++) {
		if (p->v[i].idx != idx)
			continue;
		*out = p->v[i];
		p->v[i] = p->v[--p->n];
		return true;
	}
	return false;
}

static void start(struct slot *s, struct slot *slots, int nslots, int idx,
		  const struct worker_opts *o, job_fn job, void *ctx)
{
	int p[2], q[2] = { -1, -1 };
	struct parked_child pc;

	s->in_fd = -1;
	if (o->park_mode == WORKER_RESUME && take_parked(o->parked, idx, &pc)) {
		if (o->feed)
			o->feed(idx, pc.in_fd, ctx);
		close(pc.in_fd);
		s->pid = pc.pid;
		s->fd = pc.out_fd;
		s->idx = idx;
		s->start = now_seconds();
		s->killed = false;
		sb_init(&s->out);
		return;
	}
	if (pipe(p) < 0)
		die("pipe: %s", strerror(errno));
	if (o->park_mode == WORKER_PARK && o->parked && o->parked->max > 0 && pipe(q) < 0)
		die("pipe: %s", strerror(errno));
	fflush(NULL);
	s->pid = fork();
	if (s->pid < 0)
		die("fork: %s", strerror(errno));
	if (s->pid == 0) {
		close(p[0]);
		/* a feed's pipe ends only when no other child holds its write end */
		close_parked(o->parked);
		for (int i = 0; i < nslots; i++)
			if (slots[i].pid && slots[i].in_fd >= 0)
				close(slots[i].in_fd);
		if (q[1] >= 0) {
			close(q[1]);
			park_in = q[0];
		}
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
	if (q[0] >= 0) {
		close(q[0]);
		s->in_fd = q[1];
	}
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
	if (s->in_fd >= 0)
		close(s->in_fd);
	s->pid = 0;
	s->fd = -1;
	s->in_fd = -1;
}

/* Read @fd to its end, discarding, and reap @pid. */
static void drain_and_reap(pid_t pid, int fd)
{
	char buf[4096];
	int status;

	for (;;) {
		ssize_t got = read(fd, buf, sizeof(buf));

		if (got == 0 || (got < 0 && errno != EINTR))
			break;
	}
	close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

/*
 * Has the child of @s parked (its output ends with a 'P' record)? Then its
 * records go to @done now, and the child joins the parked set, or, the set
 * being full, is told to end (an empty feed).
 */
static bool parked_now(struct slot *s, const struct worker_opts *o, done_fn done, void *ctx)
{
	struct job_result r = { 0 };
	size_t len = s->out.len, start;
	char *f[4], *line;

	if (s->in_fd < 0 || len < 2 || s->out.buf[len - 1] != '\n')
		return false;
	start = len - 1;
	while (start > 0 && s->out.buf[start - 1] != '\n')
		start--;
	if (s->out.buf[start] != 'P' || s->out.buf[start + 1] != '\t')
		return false;
	line = xstrndup(s->out.buf + start, len - start - 1);
	if (rec_split(line, f, 4) >= 3) {
		r.cpu = atof(f[1]);
		r.maxrss_kb = atol(f[2]);
	}
	free(line);
	s->out.len = start;
	if (s->out.buf)
		s->out.buf[start] = '\0';
	r.end = JOB_OK;
	r.wall = now_seconds() - s->start;
	r.out = s->out.buf ? s->out.buf : "";
	r.len = s->out.len;
	done(s->idx, &r, ctx);
	sb_free(&s->out);
	if (o->parked->n < o->parked->max) {
		struct worker_parked *p = o->parked;

		p->v = xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
		p->v[p->n++] = (struct parked_child){ s->idx, s->pid, s->in_fd, s->fd };
	} else {
		close(s->in_fd);
		drain_and_reap(s->pid, s->fd);
	}
	s->pid = 0;
	s->fd = -1;
	s->in_fd = -1;
	return true;
}

void worker_release(struct worker_parked *p)
{
	for (int i = 0; p && i < p->n; i++) {
		close(p->v[i].in_fd);
		drain_and_reap(p->v[i].pid, p->v[i].out_fd);
	}
	if (p) {
		free(p->v);
		p->v = NULL;
		p->n = 0;
	}
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
	for (int i = 0; i < jobs; i++) {
		slots[i].fd = -1;
		slots[i].in_fd = -1;
	}
	while (next < n || running) {
		for (int i = 0; i < jobs && next < n; i++) {
			if (slots[i].pid)
				continue;
			start(&slots[i], slots, jobs, order[next++], o, job, ctx);
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
					if (parked_now(s, o, done, ctx)) {
						running--;
						continue;
					}
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
