/* SPDX-License-Identifier: GPL-2.0 */
/* Symbol exports mean nothing in one program; they are accepted and ignored. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H
#define EXPORT_SYMBOL(sym)	_Static_assert(1, "EXPORT_SYMBOL")
#define EXPORT_SYMBOL_GPL(sym)	_Static_assert(1, "EXPORT_SYMBOL_GPL")
#endif
