/* SPDX-License-Identifier: GPL-2.0 */
/* Init/exit markers; module_init() keeps the function referenced but does not call it. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H
#include <linux/compiler.h>
#define module_init(fn)							\
	static int (*__kmaprt_module_init_##fn)(void) __attribute__((unused)) = fn
#define module_exit(fn)							\
	static void (*__kmaprt_module_exit_##fn)(void) __attribute__((unused)) = fn
#define late_initcall(fn)	module_init(fn)
#define subsys_initcall(fn)	module_init(fn)
#define device_initcall(fn)	module_init(fn)
#endif
