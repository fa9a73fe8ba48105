/* SPDX-License-Identifier: GPL-2.0 */
/* local_irq_*() live in preempt.h with the other context state. */
#include <linux/preempt.h>
