/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scatterlists with the kernel's encoding: the low bits of page_link mark
 * a chain link and the end of the list.  sg_set_buf()/sg_init_one() take
 * lowmem (direct-map) buffers only, as CONFIG_DEBUG_SG insists.
 */
#ifndef _LINUX_SCATTERLIST_H
#define _LINUX_SCATTERLIST_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>

struct scatterlist {
	unsigned long page_link;
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
	unsigned int dma_length;
};

#define SG_CHAIN	0x01UL
#define SG_END		0x02UL
#define SG_PAGE_LINK_MASK (SG_CHAIN | SG_END)

#define sg_is_chain(sg)		((sg)->page_link & SG_CHAIN)
#define sg_is_last(sg)		((sg)->page_link & SG_END)
#define sg_chain_ptr(sg)	((struct scatterlist *)((sg)->page_link & ~SG_PAGE_LINK_MASK))
#define sg_dma_address(sg)	((sg)->dma_address)
#define sg_dma_len(sg)		((sg)->dma_length)

static inline struct page *sg_page(struct scatterlist *sg)
{
	return (struct page *)(sg->page_link & ~SG_PAGE_LINK_MASK);
}

static inline void sg_assign_page(struct scatterlist *sg, struct page *page)
{
	unsigned long page_link = sg->page_link & (SG_CHAIN | SG_END);

	sg->page_link = page_link | (unsigned long)page;
}

static inline void sg_set_page(struct scatterlist *sg, struct page *page,
			       unsigned int len, unsigned int offset)
{
	sg_assign_page(sg, page);
	sg->offset = offset;
	sg->length = len;
}

#define sg_set_buf(sg, buf, buflen)					\
	sg_set_page((sg), virt_to_page(buf), (buflen), offset_in_page(buf))

static inline void sg_mark_end(struct scatterlist *sg)
{
	sg->page_link |= SG_END;
	sg->page_link &= ~SG_CHAIN;
}

static inline void sg_unmark_end(struct scatterlist *sg)
{
	sg->page_link &= ~SG_END;
}

static inline void sg_chain(struct scatterlist *prv, unsigned int prv_nents,
			    struct scatterlist *sgl)
{
	prv[prv_nents - 1].offset = 0;
	prv[prv_nents - 1].length = 0;
	prv[prv_nents - 1].page_link = ((unsigned long)sgl | SG_CHAIN) & ~SG_END;
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	if (sg_is_last(sg))
		return NULL;
	sg++;
	if (unlikely(sg_is_chain(sg)))
		sg = sg_chain_ptr(sg);
	return sg;
}

static inline void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	sg_mark_end(&sgl[nents - 1]);
}

#define sg_init_one(sg, buf, buflen)					\
	do {								\
		struct scatterlist *__sg = (sg);			\
		sg_init_table(__sg, 1);					\
		sg_set_buf(__sg, (buf), (buflen));			\
	} while (0)

#define sg_virt(sg)	((void *)((char *)page_address(sg_page(sg)) + (sg)->offset))

static inline int sg_nents(struct scatterlist *sg)
{
	int nents;

	for (nents = 0; sg; sg = sg_next(sg))
		nents++;
	return nents;
}

#define for_each_sg(sglist, sg, nr, __i)				\
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))

size_t kmaprt_sg_copy(struct scatterlist *sgl, unsigned int nents, void *buf,
		      size_t buflen, size_t skip, bool to_buffer,
		      const struct kmaprt_site *site);

#define sg_copy_from_buffer(sgl, nents, buf, buflen)			\
	kmaprt_sg_copy((sgl), (nents), (void *)(buf), (buflen), 0, false, KMAPRT_SITE)
#define sg_copy_to_buffer(sgl, nents, buf, buflen)			\
	kmaprt_sg_copy((sgl), (nents), (buf), (buflen), 0, true, KMAPRT_SITE)
#define sg_pcopy_from_buffer(sgl, nents, buf, buflen, skip)		\
	kmaprt_sg_copy((sgl), (nents), (void *)(buf), (buflen), (skip), false, KMAPRT_SITE)
#define sg_pcopy_to_buffer(sgl, nents, buf, buflen, skip)		\
	kmaprt_sg_copy((sgl), (nents), (buf), (buflen), (skip), true, KMAPRT_SITE)

#endif
