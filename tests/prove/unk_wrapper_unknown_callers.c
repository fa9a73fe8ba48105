#include "kapi.h"

/* A static wrapper used through a function pointer: its callers are unknown. */
static void *map_it(struct page *page)
{
	return kmap_local_page(page);
}

static void unmap_it(void *addr)
{
	kunmap_local(addr);
}

struct mapper { void *(*map)(struct page *); void (*unmap)(void *); };

const struct mapper local_mapper = { map_it, unmap_it };
/*
 * check-name: a mapping returned by a wrapper whose address is taken
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_wrapper_unknown_callers.c:6:9: note: kmap_local_page() verdict unknown: the address is returned by map_it() (line 6), whose address is taken: its callers are unknown [kmap-map]
unk_wrapper_unknown_callers.c:11:2: note: kunmap_local() verdict unknown: releases the mapping its caller passes to unmap_it(), which is used by address: its callers are unknown [kmap-unmap]
 * check-output-end
 */
