#include "kapi.h"

struct blob { struct page *page; size_t off; };

static void *blob_map(struct blob *b)
{
	return kmap(b->page);
}

static void blob_unmap(struct blob *b)
{
	kunmap(b->page);
}

int blob_read(struct blob *b, char *to, size_t len)
{
	char *p = blob_map(b);

	memcpy(to, p + b->off, len);
	blob_unmap(b);
	return 0;
}
/*
 * check-name: a static get/put wrapper pair called in LIFO order from one caller
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
safe_wrapper_pair.c:7:9: warning: kmap() is deprecated; verdict safe: returned by blob_map() to blob_read() at line 17; thread-local, LIFO on 1 path; no getter/putter pair to convert: blob_unmap() (called at line 20) takes no address for kunmap_local(): no other pointer parameter it leaves unchanged [kmap-deprecated]
safe_wrapper_pair.c:12:2: note: kunmap() verdict safe: releases the mapping of line 7 [kmap-unmap]
 * check-output-end
 */
