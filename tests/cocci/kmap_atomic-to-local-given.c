/*
 * check-name: maps whose unmaps the sites file gives (unmaps=) convert with exactly those
 * check-rule: kmap_atomic-to-local
 * check-site: 25 unmaps=36:2
 * check-site: 31 unmaps=36:2
 * check-site: 64 unmaps=68:3
 * check-site: 77 unmaps=81:2
 * check-site: 88 unmaps=89:2
 * check-site: 98 unmaps=102:2
 * check-warning: 88
 * check-warning: 98
 *
 * The rule's own pattern converts none of these.  map_word() and
 * map_word_spaced() return the address and unmap_word() releases it (both
 * maps are given it); copy_chunks() leaves the loop when
 * the map fails, before any unmap; fill_tail() releases through a copy of
 * the address.  In bad_position() the given unmap is not where the file
 * says, so nothing of it changes; in shared_unmap() the map given its unmap
 * shares it with an unselected map, so neither changes.
 */
#include <linux/highmem.h>

static unsigned long *map_word(struct page *page)
{
	return (unsigned long *)kmap_atomic(page);
}

/* A cast written with a space keeps it. */
static unsigned long *map_word_spaced(struct page *page)
{
	return (unsigned long *) kmap_atomic(page);
}

static void unmap_word(unsigned long *p)
{
	kunmap_atomic(p);
}

unsigned long first_word(struct page *page)
{
	unsigned long *p = map_word(page);
	unsigned long w = p[0];

	unmap_word(p);
	return w;
}

unsigned long second_word(struct page *page)
{
	unsigned long *p = map_word_spaced(page);
	unsigned long w = p[1];

	unmap_word(p);
	return w;
}

int copy_chunks(struct page **pages, int n, const void *src, size_t len)
{
	int i;

	for (i = 0; i < n; i++) {
		u8 *dst;

		dst = kmap_atomic(pages[i]);
		if (!dst)
			break;
		memcpy(dst, src, len);
		kunmap_atomic(dst);
	}
	return i;
}

void fill_tail(struct page *page, size_t off, size_t len)
{
	u8 *from, *page_addr;

	from = kmap_atomic(page);
	page_addr = from;
	from += off;
	memset(from, 0, len);
	kunmap_atomic(page_addr);
}

void bad_position(struct page *page)
{
	u8 *p;

	p = kmap_atomic(page);
	memset(p, 0, 8);
	kunmap_atomic(p);
}

void shared_unmap(struct page *a, struct page *b, int first)
{
	u8 *p;

	if (first)
		p = kmap_atomic(a);
	else
		p = kmap_atomic(b);
	memset(p, 0, 8);
	kunmap_atomic(p);
}
