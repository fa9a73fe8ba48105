/* SPDX-License-Identifier: GPL-2.0 */
/*
 * progress.h - a one-line progress bar on stderr: done/total, rate, ETA.
 *
 * Drawn only when stderr is a terminal; otherwise silent.
 */
#ifndef KMAPCHECK_PROGRESS_H
#define KMAPCHECK_PROGRESS_H

#include <stdbool.h>

struct progress {
	int total, done;
	bool on;
	bool drawn;
	double start, last;
	const char *what;
};

void progress_init(struct progress *p, int total, bool want, const char *what);
void progress_update(struct progress *p, int done, const char *current);
void progress_clear(struct progress *p);	/* before printing a line of one's own */
void progress_done(struct progress *p);

#endif
