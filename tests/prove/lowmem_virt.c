#include "kapi.h"

u32 buf_crc(const void *buf, size_t len)
{
	const u8 *p = kmap_local_page(virt_to_page(buf));
	u32 crc = crc32_le(0, p, len);

	kunmap_local(p);
	return crc;
}
/*
 * check-name: the page of a direct-mapped address (virt_to_page) is lowmem
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
lowmem_virt.c:5:16: note: kmap_local_page() verdict lowmem: the page comes from virt_to_page() at line 5, which never returns a highmem page: page_address() is enough [kmap-map]
lowmem_virt.c:8:2: note: kunmap_local() verdict lowmem: releases the mapping of line 5 [kmap-unmap]
 * check-output-end
 */
