#include "kapi.h"

void broken(struct page *page)
{
	char *p = kmap_atomic(page);

	p[0] = undeclared_thing;
	kunmap_atomic(p);
}
/*
 * check-name: a function with a parse error is never proven
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
unk_parse_error.c:5:12: warning: kmap_atomic() is deprecated; verdict unknown: broken() has parse errors (a parse error inside the function) [kmap-deprecated]
unk_parse_error.c:8:2: note: kunmap_atomic() verdict unknown: broken() has parse errors (a parse error inside the function) [kmap-unmap]
 * check-output-end
 */
