/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module boilerplate accepted and ignored: a user-lane program has no
 * module to describe.  module_init() functions are not called.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/export.h>

#define THIS_MODULE		((void *)0)
#define MODULE_LICENSE(x)	_Static_assert(1, "MODULE_LICENSE")
#define MODULE_AUTHOR(x)	_Static_assert(1, "MODULE_AUTHOR")
#define MODULE_DESCRIPTION(x)	_Static_assert(1, "MODULE_DESCRIPTION")
#define MODULE_VERSION(x)	_Static_assert(1, "MODULE_VERSION")
#define MODULE_ALIAS(x)		_Static_assert(1, "MODULE_ALIAS")
#define module_param(name, type, perm)	_Static_assert(1, "module_param")
#define MODULE_PARM_DESC(name, desc)	_Static_assert(1, "MODULE_PARM_DESC")

#endif
