// SPDX-License-Identifier: GPL-2.0
/*
 * A ring-buffer writer that copies a user record into a highmem page while holding the ring's
 * spinlock: it tries __copy_from_user_inatomic() under kmap_atomic(), and when that stops
 * short it drops the lock, faults the source in with copy_from_user() into a bounce buffer,
 * and retries. Taking a page fault with the spinlock held would sleep in atomic context, so
 * the region relies on kmap_atomic()'s pagefault_disable(): safe-needs-disable.
 */
#include <linux/highmem.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct ring {
	spinlock_t lock;
	struct page *page;
	unsigned int head;
	unsigned int retries;
};

static int ring_write_user(struct ring *r, const char __user *ubuf, unsigned int len)
{
	char bounce[256];
	unsigned long left;
	char *kaddr;

	if (len > sizeof(bounce))
		return -EINVAL;
	spin_lock(&r->lock);
	if (r->head + len > PAGE_SIZE) {
		spin_unlock(&r->lock);
		return -ENOSPC;
	}
	kaddr = kmap_atomic(r->page);	/* kmapcheck: safe-needs-disable */
	left = __copy_from_user_inatomic(kaddr + r->head, ubuf, len);
	kunmap_atomic(kaddr);
	if (!left) {
		r->head += len;
		spin_unlock(&r->lock);
		return 0;
	}
	r->retries++;
	spin_unlock(&r->lock);

	if (copy_from_user(bounce, ubuf, len))
		return -EFAULT;
	spin_lock(&r->lock);
	if (r->head + len > PAGE_SIZE) {
		spin_unlock(&r->lock);
		return -ENOSPC;
	}
	memcpy_to_page(r->page, r->head, bounce, len);
	r->head += len;
	spin_unlock(&r->lock);
	return 0;
}

static int user_copy_locked_run(void)
{
	struct ring r = { .head = 0 };
	char __user *ubuf = corpus_user_alloc(PAGE_SIZE);
	char rec[200];
	int i, ret = 0;

	spin_lock_init(&r.lock);
	r.page = alloc_page(GFP_HIGHUSER);
	if (!r.page || !ubuf)
		return -ENOMEM;
	for (i = 0; i < 20; i++) {
		corpus_fill(rec, sizeof(rec), 310, i * sizeof(rec));
		if (corpus_user_write(ubuf, rec, sizeof(rec)))
			return -EFAULT;
		if (ring_write_user(&r, ubuf, sizeof(rec))) {
			corpus_fail("record %d refused", i);
			ret = 1;
			break;
		}
	}
	if (!ret && ring_write_user(&r, ubuf, sizeof(rec)) != -ENOSPC) {
		corpus_fail("write past the ring accepted");
		ret = 1;
	}
	ret |= corpus_check_page(r.page, 0, 20 * sizeof(rec), 310);
	corpus_user_free(ubuf, PAGE_SIZE);
	__free_page(r.page);
	return ret;
}
CORPUS_CASE(user_copy_locked_run);
