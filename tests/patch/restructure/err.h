/* SPDX-License-Identifier: GPL-2.0 */
/* err.h - error pointers as the kernel's linux/err.h has them, for `make patch-test`. */
#ifndef ERR_H
#define ERR_H

#define MAX_ERRNO	4095

static inline int IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

static inline void *ERR_CAST(const void *ptr)
{
	return (void *)ptr;
}

void put_page(struct page *page);

#endif
