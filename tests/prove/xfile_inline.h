/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xfile_inline.h - an inline function, lowered only when a proof asks for it.
 */
#ifndef XFILE_INLINE_H
#define XFILE_INLINE_H

#include "kapi.h"

static inline void xfile_clear_block(u8 *buf)
{
	int i;

	for (i = 0; i < 64; i++)
		buf[i] = 0;
}

#endif
