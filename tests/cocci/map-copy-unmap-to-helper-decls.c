/*
 * check-name: the address variable goes wherever and however it is declared
 * check-rule: map-copy-unmap-to-helper
 *
 * After the conversion nothing uses the address variable, and a
 * declaration left behind breaks a -Werror=unused-variable build: in a loop
 * body, among other declarators, with a constant initialiser.  A variable
 * whose declaration cannot go with it (its initialiser is more than a
 * constant) keeps its sequence, and so does a declaring map with a comment
 * above it, which would be lost.
 */
#include <linux/highmem.h>

struct blk {
	struct page **pages;
	unsigned int nr;
};

/* Declared in a for body: the dots must not follow the loop back. */
static void blk_fill(struct blk *b, const char *buf)
{
	unsigned int i;

	for (i = 0; i < b->nr; i++) {
		void *kaddr;

		kaddr = kmap_atomic(b->pages[i]);
		memcpy(kaddr, buf + i * PAGE_SIZE, PAGE_SIZE);
		kunmap_atomic(kaddr);
	}
}

/* In a do-while body, next to a declarator that stays. */
static int blk_write(struct blk *b, const char *data, size_t size)
{
	unsigned int i = 0;

	do {
		size_t len = size < PAGE_SIZE ? size : PAGE_SIZE;
		void *cookie, *vaddr;

		cookie = page_address(b->pages[i]);
		if (!cookie)
			return -EIO;
		vaddr = kmap(b->pages[i]);
		memcpy(vaddr, data, len);
		kunmap(b->pages[i]);
		size -= len;
		data += len;
		i++;
	} while (size);
	return 0;
}

/* The source is declared with the destination, which stays mapped. */
static void blk_gather(struct blk *b, struct page **out, unsigned int n)
{
	unsigned int j;

	for (j = 0; j < n; j++) {
		unsigned int i, cur = 0;
		u8 *dst, *src;

		dst = kmap_local_page(out[j]);
		for (i = 0; i < b->nr; i++) {
			src = kmap_local_page(b->pages[i]);
			memcpy(dst + cur, src + 64 * j, 64);
			kunmap_local(src);
			cur += 64;
		}
		kunmap_local(dst);
	}
}

/* In an if block inside a loop, as the only declaration there. */
static void blk_zero(struct blk *b, unsigned int off, size_t len)
{
	unsigned int i;

	for (i = 0; i < b->nr; i++) {
		if (off < PAGE_SIZE) {
			char *p;

			p = kmap_local_page(b->pages[i]);
			memset(p + off, 0, len);
			kunmap_local(p);
		}
	}
}

/* A constant initialiser goes with the declaration. */
static void blk_read(struct blk *b, char *to, size_t len)
{
	unsigned char *v = NULL;

	v = kmap_atomic(b->pages[0]);
	memcpy(to, v, len);
	kunmap_atomic(v);
}

/* This initialiser is not the declaration's to drop: no conversion. */
static void blk_read_last(struct blk *b, char *to, size_t len)
{
	char *v = page_address(b->pages[0]);

	v = kmap_atomic(b->pages[b->nr - 1]);
	memcpy(to, v, len);
	kunmap_atomic(v);
}

/* A comment above a declaring map would go with it: no conversion. */
static void blk_peek(struct blk *b, char *to, unsigned int off)
{
	if (b->nr) {
		/* the first page holds the header */
		void *map = kmap_atomic(b->pages[0]);
		memcpy(to, map + off, 16);
		kunmap_atomic(map);
	}
}

/* Above an assigning map the comment stays: converted. */
static void blk_poke(struct blk *b, const char *from, unsigned int off)
{
	char *map;

	if (b->nr) {
		/* the first page holds the header */
		map = kmap_atomic(b->pages[0]);
		memcpy(map + off, from, 16);
		kunmap_atomic(map);
	}
}

/*
 * The second sequence needs the declaration the first would take with it:
 * neither converts.
 */
static void blk_copy_two(struct blk *b, char *to)
{
	char *v = kmap_local_page(b->pages[0]);
	memcpy(to, v, 16);
	kunmap_local(v);
	v = kmap_local_page(b->pages[1]);
	memcpy(to + 16, v, 16);
	kunmap_local(v);
}
