#include "kapi.h"

struct rec { unsigned short len, kind; };
typedef void (*visit_t)(const struct rec *rec, void *priv);

static void count_kinds(const struct rec *rec, void *priv)
{
	unsigned int *count = priv;

	count[rec->kind & 3]++;
}

static int walk(struct page *page, visit_t visit, void *priv)
{
	char *kaddr = kmap_atomic(page);
	unsigned int off = 0;

	while (off < 4096) {
		const struct rec *rec = (const struct rec *)(kaddr + off);

		if (!rec->len)
			break;
		visit(rec, priv);
		off += rec->len;
	}
	kunmap_atomic(kaddr);
	return 0;
}

int count_page(struct page *page, unsigned int *count)
{
	return walk(page, count_kinds, count);
}
/*
 * check-name: an indirect call whose targets are all known functions of the file
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_callback.c:15:16: warning: kmap_atomic() is deprecated; verdict safe: thread-local, LIFO on 4 paths [kmap-deprecated]
safe_callback.c:26:2: note: kunmap_atomic() verdict safe: releases the mapping of line 15 [kmap-unmap]
 * check-output-end
 */
