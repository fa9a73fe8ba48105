/* SPDX-License-Identifier: GPL-2.0 */
/* struct bio_vec and its mapping helpers; a bvec may span several pages. */
#ifndef _LINUX_BVEC_H
#define _LINUX_BVEC_H

#include <linux/types.h>
#include <linux/highmem.h>

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

#define bvec_kmap_local(bvec)						\
	({								\
		struct bio_vec *__bv = (bvec);				\
		(void *)((char *)kmaprt_kmap_local(__bv->bv_page +	\
						   __bv->bv_offset / PAGE_SIZE, \
						   0, kmap_prot, 0,	\
						   "bvec_kmap_local",	\
						   KMAPRT_SITE) +	\
			 __bv->bv_offset % PAGE_SIZE);			\
	})
#define memcpy_from_bvec(to, bvec)					\
	memcpy_from_page((to), (bvec)->bv_page, (bvec)->bv_offset, (bvec)->bv_len)
#define memcpy_to_bvec(bvec, from)					\
	memcpy_to_page((bvec)->bv_page, (bvec)->bv_offset, (from), (bvec)->bv_len)
#define memzero_bvec(bvec)						\
	memzero_page((bvec)->bv_page, (bvec)->bv_offset, (bvec)->bv_len)
#define bvec_virt(bvec)							\
	((void *)((char *)page_address((bvec)->bv_page) + (bvec)->bv_offset))

#endif
