/* SPDX-License-Identifier: GPL-2.0 */
/* The network stack's name for <linux/checksum.h>. */
#include <linux/checksum.h>
