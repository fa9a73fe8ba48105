// SPDX-License-Identifier: GPL-2.0
/*
 * progress.c - the progress bar. Redrawn at most ten times a second.
 */
#include <stdio.h>
#include <unistd.h>

#include "progress.h"
#include "util.h"

void progress_init(struct progress *p, int total, bool want, const char *what)
{
	p->total = total;
	p->done = 0;
	p->on = want && total > 0 && isatty(2);
	p->drawn = false;
	p->start = p->last = now_seconds();
	p->what = what;
}

static void draw(struct progress *p)
{
	double el = now_seconds() - p->start;
	double rate = el > 0 ? p->done / el : 0;
	int width = 30, fill = p->total ? p->done * width / p->total : width;
	int eta = rate > 0 ? (int)((p->total - p->done) / rate) : 0;

	fprintf(stderr, "\r%s [", p->what);
	for (int i = 0; i < width; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %d/%d files  %.1f files/s  ETA %d:%02d ", p->done, p->total, rate,
		eta / 60, eta % 60);
	fflush(stderr);
	p->drawn = true;
}

void progress_update(struct progress *p, int done, const char *current)
{
	double now;

	p->done = done;
	if (!p->on)
		return;
	now = now_seconds();
	if (now - p->last < 0.1 && done < p->total)
		return;
	p->last = now;
	draw(p);
}

void progress_clear(struct progress *p)
{
	if (p->on && p->drawn) {
		fprintf(stderr, "\r%*s\r", 90, "");
		p->drawn = false;
	}
}

void progress_done(struct progress *p)
{
	if (p->on) {
		draw(p);
		fputc('\n', stderr);
	}
}
