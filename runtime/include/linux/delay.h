/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sleeping and busy-waiting delays.  msleep() and friends sleep (with the
 * might_sleep() check and a context switch of local kmaps); udelay() and
 * mdelay() spin and are allowed in atomic context.
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/kernel.h>

void kmaprt_msleep(unsigned int msecs, const struct kmaprt_site *site);
unsigned long kmaprt_msleep_interruptible(unsigned int msecs,
					  const struct kmaprt_site *site);
void kmaprt_usleep_range(unsigned long min, unsigned long max,
			 const struct kmaprt_site *site);
void kmaprt_udelay(unsigned long usecs);

#define msleep(ms)			kmaprt_msleep((ms), KMAPRT_SITE)
#define msleep_interruptible(ms)	kmaprt_msleep_interruptible((ms), KMAPRT_SITE)
#define ssleep(s)			kmaprt_msleep((s) * 1000, KMAPRT_SITE)
#define usleep_range(min, max)		kmaprt_usleep_range((min), (max), KMAPRT_SITE)
#define fsleep(us)			kmaprt_usleep_range((us), (us), KMAPRT_SITE)
#define udelay(us)			kmaprt_udelay(us)
#define ndelay(ns)			kmaprt_udelay(((ns) + 999) / 1000)
#define mdelay(ms)			kmaprt_udelay((ms) * 1000UL)

#endif
