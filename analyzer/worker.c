// SPDX-License-Identifier: GPL-2.0
/*
 * worker.c - a pool of forked children with time limits: one job each, or (reuse)
 * a few jobs each, one after another.
 *
 * fork() itself costs about a millisecond against a parse of most of a second, and
 * buys complete isolation: libclang's crashes and leaks die with the child. What a
 * new child costs besides is its memory: every page of a parse's few hundred MB is
 * faulted in zeroed and torn down at exit. A reused child parses the next file in
 * the memory the last one freed.
 */
#include <errno.h>
#include <fcntl.h>
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
	int cmd_fd;		/* reuse: the next job's index goes here; -1 closes it */
	int jobs;		/* jobs this child has started */
	bool retiring;		/* told to end: reap it at end of file, no job of its own */
	double cpu_reported;	/* CPU seconds of its earlier jobs */
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
/* In a child: the read end of its command pipe, while it may run another job. */
static int cmd_in = -1;
static bool parked_once;

/* In a child: its CPU seconds when the running job started. */
static double job_cpu0;

bool worker_reusable(void)
{
	return cmd_in >= 0 && !parked_once;
}

/* User and system seconds of @ru. */
static double ru_seconds(const struct rusage *ru)
{
	return ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6 + ru->ru_stime.tv_sec +
	       ru->ru_stime.tv_usec / 1e6;
}

static void self_usage(double *cpu, long *maxrss_kb)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	*cpu = ru_seconds(&ru);
	*maxrss_kb = ru.ru_maxrss;
}

/* In a child: end a job's records with the 'P' or 'E' record of its CPU and peak memory. */
static bool write_usage(int fd, char type)
{
	struct strbuf sb;
	double cpu;
	long rss;
	bool ok;

	self_usage(&cpu, &rss);
	sb_init(&sb);
	rec_begin(&sb, type);
	rec_dbl(&sb, cpu - job_cpu0);
	rec_int(&sb, rss);
	rec_end(&sb);
	ok = write_all(fd, sb.buf, sb.len);
	sb_free(&sb);
	return ok;
}

/*
 * In a child: run job @idx, then, while it may, the jobs whose indexes come
 * through cmd_in, each ended by an 'E' record; an index below 0 or the end of
 * the pipe ends the child. Before its last job it closes cmd_in, so that the
 * job knows it need not free anything.
 */
static void child_jobs(int idx, int fd, int max_jobs, job_fn job, void *ctx)
{
	int cwd = cmd_in >= 0 ? open(".", O_RDONLY | O_DIRECTORY) : -1;
	long rss;

	for (int n = 1;; n++) {
		if (cmd_in >= 0 && n >= max_jobs) {
			close(cmd_in);
			cmd_in = -1;
		}
		self_usage(&job_cpu0, &rss);
		job(idx, fd, ctx);
		if (!worker_reusable() || !write_usage(fd, 'E'))
			break;
		if (cwd >= 0)
			(void)!fchdir(cwd);
		for (size_t got = 0; got < sizeof(idx); ) {
			ssize_t r = read(cmd_in, (char *)&idx + got, sizeof(idx) - got);

			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				return;
			got += r;
		}
		if (idx < 0)
			return;
	}
}

bool worker_can_park(void)
{
	return park_in >= 0;
}

char *worker_park(int fd, size_t *len)
{
	struct strbuf sb;
	char buf[65536];

	parked_once = true;
	if (!write_usage(fd, 'P'))
		return NULL;
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
	int p[2], q[2] = { -1, -1 }, c[2] = { -1, -1 };
	struct parked_child pc;

	s->in_fd = -1;
	s->cmd_fd = -1;
	s->jobs = 1;
	s->cpu_reported = 0;
	s->retiring = false;
	if (o->park_mode == WORKER_RESUME && take_parked(o->parked, idx, &pc)) {
		if (o->feed)
			o->feed(idx, pc.in_fd, ctx);
		close(pc.in_fd);
		s->pid = pc.pid;
		s->fd = pc.out_fd;
		s->cpu_reported = pc.cpu_reported;
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
	if (o->reuse > 1 && pipe(c) < 0)
		die("pipe: %s", strerror(errno));
	fflush(NULL);
	s->pid = fork();
	if (s->pid < 0)
		die("fork: %s", strerror(errno));
	if (s->pid == 0) {
		close(p[0]);
		/* a feed's pipe ends only when no other child holds its write end */
		close_parked(o->parked);
		for (int i = 0; i < nslots; i++) {
			if (slots[i].pid && slots[i].in_fd >= 0)
				close(slots[i].in_fd);
			if (slots[i].pid && slots[i].cmd_fd >= 0)
				close(slots[i].cmd_fd);
		}
		if (q[1] >= 0) {
			close(q[1]);
			park_in = q[0];
		}
		if (c[1] >= 0) {
			close(c[1]);
			cmd_in = c[0];
		}
		signal(SIGPIPE, SIG_DFL);
		if (o->mem_limit_mb > 0) {
			struct rlimit rl = { o->mem_limit_mb << 20, o->mem_limit_mb << 20 };

			setrlimit(RLIMIT_AS, &rl);
		}
		child_jobs(idx, p[1], o->reuse, job, ctx);
		close(p[1]);
		_exit(0);
	}
	close(p[1]);
	if (q[0] >= 0) {
		close(q[0]);
		s->in_fd = q[1];
	}
	if (c[0] >= 0) {
		close(c[0]);
		s->cmd_fd = c[1];
	}
	s->fd = p[0];
	s->idx = idx;
	s->start = now_seconds();
	s->killed = false;
	sb_init(&s->out);
}

/* Close what the parent holds of @s's child and free the slot. */
static void slot_clear(struct slot *s)
{
	sb_free(&s->out);
	close(s->fd);
	if (s->in_fd >= 0)
		close(s->in_fd);
	if (s->cmd_fd >= 0)
		close(s->cmd_fd);
	s->pid = 0;
	s->fd = -1;
	s->in_fd = -1;
	s->cmd_fd = -1;
}

static void finish(struct slot *s, done_fn done, void *ctx)
{
	struct job_result r = { 0 };
	struct rusage ru;
	int status = 0;

	while (wait4(s->pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	if (s->retiring) {
		/* it ran out of jobs after its last one had ended: nothing to report */
		slot_clear(s);
		return;
	}
	r.wall = now_seconds() - s->start;
	r.cpu = ru_seconds(&ru) - s->cpu_reported;
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
	slot_clear(s);
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
 * The offset of the last record of @s's output when that record is complete, of
 * type @type and ends the output (the child waits after it), else -1.
 */
static long final_record(const struct slot *s, char type)
{
	size_t len = s->out.len, start;

	if (len < 2 || s->out.buf[len - 1] != '\n')
		return -1;
	start = len - 1;
	while (start > 0 && s->out.buf[start - 1] != '\n')
		start--;
	if (s->out.buf[start] != type || s->out.buf[start + 1] != '\t')
		return -1;
	return (long)start;
}

/* Take the final 'P' or 'E' record at @start off @s's output into @r, and report the job. */
static void report_ended(struct slot *s, long start, done_fn done, void *ctx)
{
	struct job_result r = { 0 };
	char *f[4], *line = xstrndup(s->out.buf + start, s->out.len - start - 1);

	if (rec_split(line, f, 4) >= 3) {
		r.cpu = atof(f[1]);
		r.maxrss_kb = atol(f[2]);
	}
	free(line);
	s->out.len = start;
	s->out.buf[start] = '\0';
	r.end = JOB_OK;
	r.wall = now_seconds() - s->start;
	r.out = s->out.buf;
	r.len = s->out.len;
	s->cpu_reported += r.cpu;
	done(s->idx, &r, ctx);
	sb_free(&s->out);
	sb_init(&s->out);
}

/*
 * Has the child of @s parked (its output ends with a 'P' record)? Then its
 * records go to @done now, and the child joins the parked set, or, the set
 * being full, is told to end (an empty feed).
 */
static bool parked_now(struct slot *s, const struct worker_opts *o, done_fn done, void *ctx)
{
	long start = s->in_fd >= 0 ? final_record(s, 'P') : -1;

	if (start < 0)
		return false;
	report_ended(s, start, done, ctx);
	if (o->parked->n < o->parked->max) {
		struct worker_parked *p = o->parked;

		p->v = xrealloc(p->v, (p->n + 1) * sizeof(*p->v));
		p->v[p->n++] = (struct parked_child){ s->idx, s->pid, s->in_fd, s->fd,
						      s->cpu_reported };
	} else {
		close(s->in_fd);
		drain_and_reap(s->pid, s->fd);
	}
	if (s->cmd_fd >= 0)
		close(s->cmd_fd);	/* a child that parked runs no other job */
	s->cmd_fd = -1;
	s->pid = 0;
	s->fd = -1;
	s->in_fd = -1;
	return true;
}

/*
 * Has the reused child of @s ended a job (its output ends with an 'E' record)?
 * Then the job is reported, and the child gets the next index of @order, or is
 * told to end when there is none.
 */
static bool ended_now(struct slot *s, const struct worker_opts *o, const int *order, int n,
		      int *next, done_fn done, void *ctx)
{
	long start = s->cmd_fd >= 0 && !s->retiring ? final_record(s, 'E') : -1;
	int idx = -1;

	if (start < 0)
		return false;
	report_ended(s, start, done, ctx);
	if (*next < n && s->jobs < o->reuse)
		idx = order[(*next)++];
	if (!write_all(s->cmd_fd, (const char *)&idx, sizeof(idx)) || idx < 0) {
		/* the child ends (or has ended): reap it when its output ends */
		s->retiring = true;
		if (idx >= 0)
			(*next)--;
		return true;
	}
	s->idx = idx;
	s->jobs++;
	s->start = now_seconds();
	s->killed = false;
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
		slots[i].cmd_fd = -1;
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
					if (ended_now(s, o, order, n, &next, done, ctx))
						continue;
				} else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
					finish(s, done, ctx);
					running--;
					continue;
				}
			}
			if (o->timeout > 0 && !s->killed && !s->retiring &&
			    now_seconds() - s->start > o->timeout) {
				kill(s->pid, SIGKILL);
				s->killed = true;
			}
		}
	}
	free(slots);
	free(pfd);
}
