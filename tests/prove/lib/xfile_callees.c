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
void xfile_log(u32 sum);
u32 xfile_counts[8];

/* Reads through the buffer and keeps nothing. */
u32 xfile_sum(const u8 *buf, size_t len)
{
	u32 sum = 0;

	while (len--)
		sum += *buf++;
	return sum;
}

/* Reads the buffer, then calls a function no file here defines: it may rely on anything. */
u32 xfile_sum_logged(const u8 *buf, size_t len)
{
	u32 sum = xfile_sum(buf, len);

	xfile_log(sum);
	return sum;
}

/* Reads the buffer and counts it on this CPU: it relies on preemption disabled. */
u32 xfile_sum_counted(const u8 *buf, size_t len)
{
	u32 sum = xfile_sum(buf, len);

	xfile_counts[smp_processor_id() & 7]++;
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
