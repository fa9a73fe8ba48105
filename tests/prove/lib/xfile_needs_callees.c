// SPDX-License-Identifier: GPL-2.0
/*
 * xfile_needs_callees.c - callees defined in another file than their callers, for
 * xfile_needs.c: what a kmap_atomic() region calling them relies on comes from their
 * summaries.
 */
#include "../kapi.h"

void xfile_log(u32 sum);
u32 xfile_counts[8];

static u32 xfile_add(const u8 *buf, size_t len)
{
	u32 sum = 0;

	while (len--)
		sum += *buf++;
	return sum;
}

/* Reads the buffer, then calls a function no file here defines: it may rely on anything. */
u32 xfile_sum_logged(const u8 *buf, size_t len)
{
	u32 sum = xfile_add(buf, len);

	xfile_log(sum);
	return sum;
}

/* Reads the buffer and counts it on this CPU: it relies on preemption disabled. */
u32 xfile_sum_counted(const u8 *buf, size_t len)
{
	u32 sum = xfile_add(buf, len);

	xfile_counts[smp_processor_id() & 7]++;
	return sum;
}
