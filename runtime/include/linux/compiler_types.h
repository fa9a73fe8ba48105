/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel splits compiler.h in two; here both names lead to one file. */
#include <linux/compiler.h>
