/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error numbers kernel-style code returns negated.  The values are the
 * Linux ABI's, so they agree with <errno.h> when a test includes both.
 */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#ifndef EPERM
#define EPERM		1
#endif
#ifndef ENOENT
#define ENOENT		2
#endif
#ifndef ESRCH
#define ESRCH		3
#endif
#ifndef EINTR
#define EINTR		4
#endif
#ifndef EIO
#define EIO		5
#endif
#ifndef ENXIO
#define ENXIO		6
#endif
#ifndef E2BIG
#define E2BIG		7
#endif
#ifndef EBADF
#define EBADF		9
#endif
#ifndef EAGAIN
#define EAGAIN		11
#endif
#ifndef ENOMEM
#define ENOMEM		12
#endif
#ifndef EACCES
#define EACCES		13
#endif
#ifndef EFAULT
#define EFAULT		14
#endif
#ifndef EBUSY
#define EBUSY		16
#endif
#ifndef EEXIST
#define EEXIST		17
#endif
#ifndef ENODEV
#define ENODEV		19
#endif
#ifndef EINVAL
#define EINVAL		22
#endif
#ifndef ENOSPC
#define ENOSPC		28
#endif
#ifndef ERANGE
#define ERANGE		34
#endif
#ifndef ENOSYS
#define ENOSYS		38
#endif
#ifndef ENODATA
#define ENODATA		61
#endif
#ifndef EOVERFLOW
#define EOVERFLOW	75
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP	95
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT	110
#endif
#define ERESTARTSYS	512
#define ENOTSUPP	524

#endif
