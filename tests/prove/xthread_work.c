#include "kapi.h"

/* The nvmet-tcp shape: one work item maps the pages of a command and keeps the
 * addresses in the command, another work item unmaps them later. */
struct cmd {
	struct work_struct io_work;
	struct work_struct done_work;
	struct page *page;
	void *iov_base;
	size_t len;
};

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

static void cmd_map(struct cmd *cmd)
{
	cmd->iov_base = kmap(cmd->page);
}

static void cmd_unmap(struct cmd *cmd)
{
	kunmap(cmd->page);
}

void io_work(struct work_struct *w)
{
	struct cmd *cmd = container_of(w, struct cmd, io_work);

	cmd_map(cmd);
	schedule_work(&cmd->done_work);
}

void done_work(struct work_struct *w)
{
	struct cmd *cmd = container_of(w, struct cmd, done_work);

	cmd_unmap(cmd);
}
/*
 * check-name: map in one work item, unmap in another (nvmet-tcp)
 * check-command: kmapcheck scan --no-db -q $file --
 *
 * check-output-start
xthread_work.c:18:18: warning: kmap() is deprecated; verdict cross-thread: passed out by cmd_map() to io_work() at line 30; the address escapes: stored by the callee to cmd->iov_base in io_work() at line 30 [kmap-deprecated]
xthread_work.c:23:2: warning: kunmap() verdict cross-thread: releases the mapping of line 18, made in another function (matched by ->page) [kmap-unmap]
 * check-output-end
 */
