/* SPDX-License-Identifier: GPL-2.0 */
/*
 * worker.h - run one job per file in a forked process, N at a time.
 *
 * A job that crashes, hangs past its time limit or runs out of memory costs that
 * file, never the run: the parent sees how the child ended and says so.
 * Children talk to the parent through a pipe in a line format of tab-separated,
 * escaped fields (rec_*).
 */
#ifndef KMAPCHECK_WORKER_H
#define KMAPCHECK_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util.h"

enum job_end {
	JOB_OK,			/* exited 0 */
	JOB_FAILED,		/* exited non-zero */
	JOB_CRASHED,		/* killed by a signal it raised (SIGSEGV, SIGABRT, ...) */
	JOB_TIMEOUT,		/* killed by us after the time limit */
};

struct job_result {
	enum job_end end;
	int code;		/* exit status or signal number */
	char *out;		/* everything the child wrote */
	size_t len;
	double wall;		/* seconds */
	double cpu;		/* user + system seconds of the child */
	long maxrss_kb;		/* peak resident set of the child */
};

/* Runs in the child; writes records to @fd. */
typedef void (*job_fn)(int idx, int fd, void *ctx);
/* Runs in the parent when job @idx has ended. */
typedef void (*done_fn)(int idx, const struct job_result *r, void *ctx);

/*
 * Parked children. A job may end its first part by parking (worker_park()):
 * the parent takes its records as if it had ended, frees its slot, and keeps
 * the child waiting; a later worker_run() with the same set resumes it instead
 * of forking a new child for that index: the feed function writes what the
 * child waits for, and the child goes on from where it parked, with its memory
 * (a parsed translation unit) intact. worker_release() ends those never resumed.
 */
struct parked_child {
	int idx;
	pid_t pid;
	int in_fd;		/* parent -> child: the feed */
	int out_fd;		/* child -> parent: its records */
	double cpu_reported;	/* CPU seconds already reported for this child */
};

struct worker_parked {
	int max;		/* children parked at once, at most; 0 = no parking */
	int n;
	struct parked_child *v;
};

/* Runs in the parent: write what parked child @idx waits for to @fd. */
typedef void (*feed_fn)(int idx, int fd, void *ctx);

struct worker_opts {
	int jobs;		/* parallel children */
	double timeout;		/* seconds per job; 0 = none */
	long mem_limit_mb;	/* address-space limit per child; 0 = none */
	/*
	 * The run's parked children (NULL: none). Every child closes their pipes;
	 * WORKER_PARK lets this run's jobs park, WORKER_RESUME resumes the parked
	 * child of an index through @feed instead of forking a new one.
	 */
	struct worker_parked *parked;
	enum { WORKER_NO_PARK, WORKER_PARK, WORKER_RESUME } park_mode;
	feed_fn feed;
	/*
	 * Jobs one child may run, one after another (0 or 1: one). A child that
	 * ends a job cleanly (worker_reusable() told the job to free what it took)
	 * is handed the next index instead of a new child being forked: no fresh
	 * address space to fault in and tear down per file. A crash or a time
	 * limit still costs the job that was running, and a child that parked is
	 * never reused.
	 */
	int reuse;
};

void worker_run(const int *order, int n, const struct worker_opts *o, job_fn job, done_fn done,
		void *ctx);

/*
 * In a child: may this job park? Then worker_park() writes the park record to
 * @fd and returns the feed, read to its end (an empty feed: end the job), or
 * NULL when the parent went away.
 */
bool worker_can_park(void);
char *worker_park(int fd, size_t *len);
/*
 * In a child: will it run another job after this one? Then the job must free
 * what it allocated (a translation unit is hundreds of MB) and leave no state
 * behind; the working directory is put back for it.
 */
bool worker_reusable(void);
/* In the parent: end the parked children that were never resumed. */
void worker_release(struct worker_parked *p);

/* Record helpers: one record is one line of escaped, tab-separated fields. */
void rec_begin(struct strbuf *sb, char type);
void rec_str(struct strbuf *sb, const char *s);
void rec_int(struct strbuf *sb, long long v);
void rec_dbl(struct strbuf *sb, double v);
void rec_end(struct strbuf *sb);
bool write_all(int fd, const char *buf, size_t len);

/* Split one record line in place: fields unescaped, returns the count. */
int rec_split(char *line, char **fields, int max);

#endif
