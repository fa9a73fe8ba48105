/* SPDX-License-Identifier: GPL-2.0 */
/* Page cache helpers are not modelled; the header exists so that includes resolve. */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H
#include <linux/mm.h>
#include <linux/highmem.h>
#endif
