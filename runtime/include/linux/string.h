/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's string functions: libc's memcpy family plus strscpy(),
 * kmemdup() and kstrdup() which the kernel adds.
 */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <string.h>
#include <linux/types.h>
#include <linux/errno.h>

ssize_t strscpy(char *dst, const char *src, size_t count);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
char *kstrdup(const char *s, gfp_t gfp);
void memzero_explicit(void *s, size_t count);

#endif
