/*
 * check-name: only the site proven lowmem loses its mapping
 * check-rule: lowmem-to-page-address
 * check-site: 23
 *
 * The header page comes from GFP_KERNEL and is selected; the data page may
 * be highmem and keeps its kmap_local_page().
 */
#include <linux/highmem.h>

struct pkt {
	struct page *hdr_page;
	struct page *data_page;
};

static u32 pkt_sum(struct pkt *pk, size_t len)
{
	u8 *hdr, *data;
	u32 sum = 0;
	size_t i;

	data = kmap_local_page(pk->data_page);
	hdr = kmap_local_page(pk->hdr_page);
	for (i = 0; i < len; i++)
		sum += hdr[i] ^ data[i];
	kunmap_local(hdr);
	kunmap_local(data);
	return sum;
}
