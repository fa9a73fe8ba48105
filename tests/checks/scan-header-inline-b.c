#include <demo/pagebuf.h>

unsigned char first_b(struct page *page)
{
	return pagebuf_first_byte(page) + 1;
}
