/*
 * The allocator and the small library: zones, orders and folios, zeroing,
 * reference counts, kmalloc() memory with a struct page, scatterlists,
 * kmap_to_page(), CRC32/CRC32C and the Internet checksum against known
 * values.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>
#include <linux/crc32.h>
#include <linux/checksum.h>
#include <kmaprt.h>
#include "check.h"

int main(void)
{
	unsigned int free_before = nr_free_highpages();
	struct page *big = alloc_pages(GFP_HIGHUSER | __GFP_ZERO, 2);
	struct folio *folio = page_folio(big + 3);
	struct scatterlist sg[3];
	char *buf = kmalloc(3000, GFP_KERNEL);
	char out[3000], *a, *b;
	unsigned int i;
	u32 crc;

	CHECK(big && PageHighMem(big) && (page_to_pfn(big) & 3) == 0);
	CHECK(nr_free_highpages() == free_before - 4);
	CHECK(folio == (struct folio *)big && folio_nr_pages(folio) == 4);
	CHECK(folio_size(folio) == 4 * PAGE_SIZE);
	/* kmap_local_folio() maps the page holding the offset. */
	a = kmap_local_folio(folio, 2 * PAGE_SIZE + 5);
	CHECK(kmap_to_page(a) == big + 2 && offset_in_page(a) == 5 && a[0] == 0);
	a[0] = 'f';
	kunmap_local(a);
	b = kmap_local_page(big + 2);
	CHECK(b[5] == 'f' && b[6] == 0 && b[PAGE_SIZE - 1] == 0);
	kunmap_local(b);
	memzero_page(big + 2, 5, 1);
	zero_user(big, 0, 4 * PAGE_SIZE);
	get_page(big);
	__free_pages(big, 2);			/* a reference remains */
	CHECK(nr_free_highpages() == free_before - 4);
	put_page(big);
	CHECK(nr_free_highpages() == free_before);

	/* kmalloc() memory is lowmem with a struct page, as in the kernel. */
	CHECK(buf && virt_addr_valid(buf) && !PageHighMem(virt_to_page(buf)));
	for (i = 0; i < 3000; i++)
		buf[i] = (char)i;
	sg_init_table(sg, 3);
	sg_set_buf(&sg[0], buf, 1000);
	big = alloc_page(GFP_HIGHUSER);
	sg_set_page(&sg[1], big, 1500, 100);
	sg_set_buf(&sg[2], buf + 2500, 500);
	CHECK(sg_nents(sg) == 3);
	CHECK(sg_copy_from_buffer(sg, 3, buf, 3000) == 3000);
	memset(out, 0, sizeof(out));
	CHECK(sg_copy_to_buffer(sg, 3, out, 3000) == 3000);
	CHECK(!memcmp(out, buf, 2500));
	memcpy_from_page(out, big, 100, 1500);
	CHECK(!memcmp(out, buf + 1000, 1500));
	a = kmap(big);
	CHECK(kmap_to_page(a + 9) == big);
	kunmap(big);
	__free_page(big);
	kfree(buf);
	CHECK(ksize(kmalloc(100, GFP_ATOMIC)) >= 100);

	/* Check values: the standard "123456789" vectors and RFC 1071's example. */
	crc = crc32_le(~0U, (const unsigned char *)"123456789", 9) ^ ~0U;
	CHECK(crc == 0xcbf43926);
	crc = crc32c(~0U, "123456789", 9) ^ ~0U;
	CHECK(crc == 0xe3069283);
	crc = crc32_be(~0U, (const unsigned char *)"123456789", 9) ^ ~0U;
	CHECK(crc == 0xfc891918);
	{
		/* An IPv4 header whose checksum is b8 61 in network order. */
		unsigned char hdr[] = {
			0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
			0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
		__sum16 sum = ip_compute_csum(hdr, sizeof(hdr));

		CHECK(((unsigned char *)&sum)[0] == 0xb8 && ((unsigned char *)&sum)[1] == 0x61);
		memcpy(hdr + 10, &sum, 2);
		CHECK(ip_compute_csum(hdr, sizeof(hdr)) == 0);
		/* An odd start address gives the same folded sum. */
		memmove(out + 1, hdr, sizeof(hdr));
		CHECK(csum_fold(csum_partial(out + 1, sizeof(hdr), 0)) == 0);
	}
	return check_done();
}
/*
 * check-name: allocator, folios, kmalloc, scatterlists, CRCs
 * check-exit: ok
 * check-clean: yes
 */
