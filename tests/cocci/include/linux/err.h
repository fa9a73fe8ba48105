/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations only, as in highmem.h next to this file: the error-pointer
 * helpers that tests/cocci inputs and expected results call (_Bool, so
 * that this header needs no other one).
 */
#ifndef KMAPCHECK_COCCI_TEST_ERR_H
#define KMAPCHECK_COCCI_TEST_ERR_H

#define MAX_ERRNO 4095

_Bool IS_ERR(const void *ptr);
_Bool IS_ERR_OR_NULL(const void *ptr);
long PTR_ERR(const void *ptr);
void *ERR_PTR(long error);
void *ERR_CAST(const void *ptr);

#endif
