/* SPDX-License-Identifier: GPL-2.0 */
/* dup_release.h - a header function whose unmap two including files prove differently. */
#ifndef DUP_RELEASE_H
#define DUP_RELEASE_H

#include "kapi.h"

static inline void dup_release(void *addr)
{
	kunmap_atomic(addr);
}

#endif
