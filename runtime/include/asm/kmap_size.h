/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Depth of the per-task local kmap stack.  The runtime always keeps a
 * guard page after each slot (CONFIG_DEBUG_KMAP_LOCAL), and allows 16
 * nested mappings, the 17th is a [nesting] BUG.
 */
#ifndef _ASM_KMAP_SIZE_H
#define _ASM_KMAP_SIZE_H
#define KM_MAX_IDX	16
#endif
