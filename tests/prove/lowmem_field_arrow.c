#include "kapi.h"

void *kzalloc(size_t size, gfp_t gfp);

/*
 * A driver's private structure, defined in this file: only this file can name
 * its fields, and it only ever stores GFP_KERNEL pages (or NULL) in scratch.
 */
struct scr_priv {
	struct page *scratch;
	int len;
};

struct scr_priv *scr_probe(void)
{
	struct scr_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return NULL;
	priv->scratch = alloc_page(GFP_KERNEL);
	return priv;
}

void scr_reset(struct scr_priv *priv)
{
	priv->scratch = NULL;
}

void scr_fill(struct scr_priv *priv, const char *src, size_t len)
{
	char *p = kmap_atomic(priv->scratch);

	memcpy(p, src, len);
	kunmap_atomic(p);
}

void scr_wipe(struct scr_priv *priv)
{
	void *p = kmap(priv->scratch);

	memset(p, 0, 4096);
	kunmap(priv->scratch);
}
/*
 * check-name: a field of a struct this file defines, only ever assigned lowmem pages (or NULL)
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_field_arrow.c:31:12: warning: kmap_atomic() is deprecated; verdict lowmem: field scratch is only assigned pages that are never highmem (the page comes from alloc_page(GFP_KERNEL) at line 20, without __GFP_HIGHMEM): page_address() is enough [kmap-deprecated]
lowmem_field_arrow.c:34:2: note: kunmap_atomic() verdict lowmem: releases the mapping of line 31 [kmap-unmap]
lowmem_field_arrow.c:39:12: warning: kmap() is deprecated; verdict lowmem: field scratch is only assigned pages that are never highmem (the page comes from alloc_page(GFP_KERNEL) at line 20, without __GFP_HIGHMEM): page_address() is enough [kmap-deprecated]
lowmem_field_arrow.c:42:2: note: kunmap() verdict lowmem: releases the mapping of line 39 [kmap-unmap]
 * check-output-end
 */
