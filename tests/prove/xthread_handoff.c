#include "kapi.h"

int writer(void *data);

int start_writer(struct page *page)
{
	void *p = kmap(page);

	if (!kthread_run(writer, p, "writer"))
		return -ENOMEM;
	return 0;
}

struct item { struct list_head node; void *data; };

void publish(struct page *page, struct list_head *head)
{
	struct list_head *slot = kmap(page);

	list_add(slot, head);
}
/*
 * check-name: the address handed to another thread or linked into a list
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_handoff.c:7:12: warning: kmap() is deprecated; verdict cross-thread: the address escapes: handed to kthread_run(), which runs it in another context at line 9 [kmap-deprecated]
xthread_handoff.c:18:27: warning: kmap() is deprecated; verdict cross-thread: the address escapes: kept by list_add() at line 20 [kmap-deprecated]
 * check-output-end
 */
