// SPDX-License-Identifier: GPL-2.0
/*
 * xfile_callees.c - functions defined in another file than their callers, for
 * xfile_summaries.c: the cross-file pass must find them here and summarize them.
 */
#include "../kapi.h"

struct xfile_stash {
	void *buf;
};

static struct xfile_stash xfile_global;

void xfile_remember(struct xfile_stash *stash, void *buf);

/* Reads through the buffer and keeps nothing. */
u32 xfile_sum(const u8 *buf, size_t len)
{
	u32 sum = 0;

	while (len--)
		sum += *buf++;
	return sum;
}

/* Keeps the buffer in static memory: another thread may read it later. */
void xfile_keep(void *buf)
{
	xfile_global.buf = buf;
}

/* Hands the buffer to a function no file here defines. */
void xfile_forward(void *buf)
{
	xfile_remember(&xfile_global, buf);
}

/* Only static definitions of this name exist: a caller elsewhere cannot mean this one. */
static void xfile_private(void *buf)
{
	((u8 *)buf)[0] = 0;
}

void xfile_use_private(void *buf)
{
	xfile_private(buf);
}
