/* SPDX-License-Identifier: GPL-2.0 */
/* NULL, offsetof, true/false the kernel way; the compiler's stddef.h does the work. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H
#include <stddef.h>
#include <linux/types.h>
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))
#endif
