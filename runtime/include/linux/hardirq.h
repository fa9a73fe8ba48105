/* SPDX-License-Identifier: GPL-2.0 */
/* Interrupt-context tests live in preempt.h, as the counts they read do. */
#include <linux/preempt.h>
