/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error numbers: the Linux ABI's (from the system's UAPI header, which
 * libc's <errno.h> also reaches through this name) plus the kernel-only
 * ones that never leave the kernel.
 */
#ifndef _KMAPRT_LINUX_ERRNO_H
#define _KMAPRT_LINUX_ERRNO_H

#include_next <linux/errno.h>

#define ERESTARTSYS	512
#define ERESTARTNOINTR	513
#define ENOIOCTLCMD	515
#define EPROBE_DEFER	517
#define ENOTSUPP	524

#endif
