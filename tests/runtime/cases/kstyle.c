/*
 * A small driver written as kernel code is: it copies user data into
 * highmem pages (the generic_perform_write() pattern: an atomic copy with
 * page faults disabled, a sleeping fallback), checksums them with nested
 * local mappings, hands kmap() addresses to a work item and keeps per-CPU
 * statistics.  It must compile unchanged against the runtime and run with
 * no report.  The test harness is at the bottom, below the line.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include <linux/percpu.h>
#include <linux/scatterlist.h>
#include <linux/crc32.h>
#include <linux/bvec.h>

#define KSB_PAGES	4

struct ksb_buf {
	struct list_head node;
	struct page *pages[KSB_PAGES];
	size_t len;
	u32 crc;
};

struct ksb_dev {
	spinlock_t lock;		/* protects bufs */
	struct mutex io_mutex;		/* serialises writers */
	struct list_head bufs;
	struct workqueue_struct *wq;
};

struct ksb_verify {
	struct work_struct work;
	void *kaddr[KSB_PAGES];		/* kmap() addresses: valid in any thread */
	size_t len;
	u32 crc;
	struct completion done;
};

static DEFINE_PER_CPU(unsigned long, ksb_bytes);

static size_t ksb_copy_page(struct page *page, size_t off, const char __user *ubuf,
			    size_t bytes)
{
	char *kaddr;
	size_t left;

	/* Cannot sleep while mapped atomically: try without faulting first. */
	kaddr = kmap_atomic(page);
	left = __copy_from_user_inatomic(kaddr + off, ubuf, bytes);
	kunmap_atomic(kaddr);
	if (likely(!left))
		return bytes;

	/* The page was not present: copy again where faults may sleep. */
	kaddr = kmap_local_page(page);
	left = copy_from_user(kaddr + off, ubuf, bytes);
	kunmap_local(kaddr);
	return bytes - left;
}

static ssize_t ksb_write(struct ksb_dev *dev, const char __user *ubuf, size_t len)
{
	struct ksb_buf *buf;
	size_t done = 0;
	int i;

	if (len > KSB_PAGES * PAGE_SIZE || !access_ok(ubuf, len))
		return -EINVAL;
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (i = 0; i < KSB_PAGES; i++) {
		buf->pages[i] = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
		if (!buf->pages[i])
			goto fail;
	}

	mutex_lock(&dev->io_mutex);
	while (done < len) {
		size_t off = offset_in_page(done);
		size_t bytes = min_t(size_t, PAGE_SIZE - off, len - done);
		size_t copied = ksb_copy_page(buf->pages[done / PAGE_SIZE], off,
					      ubuf + done, bytes);

		if (copied != bytes) {
			mutex_unlock(&dev->io_mutex);
			goto fail;
		}
		done += copied;
	}
	buf->len = len;
	mutex_unlock(&dev->io_mutex);

	preempt_disable();
	__this_cpu_add(ksb_bytes, len);
	preempt_enable();

	spin_lock(&dev->lock);
	list_add_tail(&buf->node, &dev->bufs);
	spin_unlock(&dev->lock);
	return len;

fail:
	for (i = 0; i < KSB_PAGES; i++)
		if (buf->pages[i])
			__free_page(buf->pages[i]);
	kfree(buf);
	return -EFAULT;
}

/* Checksums a buffer page by page; pairs of pages are compared while nested. */
static u32 ksb_crc(struct ksb_buf *buf)
{
	u32 crc = ~0U;
	size_t done = 0;
	int i;

	for (i = 0; done < buf->len; i++) {
		size_t bytes = min_t(size_t, PAGE_SIZE, buf->len - done);
		char *cur = kmap_local_page(buf->pages[i]);

		if (i + 1 < KSB_PAGES) {
			char *next = kmap_local_page(buf->pages[i + 1]);

			/* The last byte of a page and the first of the next. */
			crc = crc32_le(crc, (u8 *)cur + PAGE_SIZE - 1, 1);
			crc = crc32_le(crc, (u8 *)next, 1);
			kunmap_local(next);
		}
		crc = crc32_le(crc, (u8 *)cur, bytes);
		kunmap_local(cur);
		done += bytes;
	}
	return crc;
}

static void ksb_verify_fn(struct work_struct *work)
{
	struct ksb_verify *v = container_of(work, struct ksb_verify, work);
	u32 crc = ~0U;
	size_t done = 0;
	int i;

	for (i = 0; done < v->len; i++) {
		size_t bytes = min_t(size_t, PAGE_SIZE, v->len - done);

		if (i + 1 < KSB_PAGES) {
			crc = crc32_le(crc, (u8 *)v->kaddr[i] + PAGE_SIZE - 1, 1);
			crc = crc32_le(crc, (u8 *)v->kaddr[i + 1], 1);
		}
		crc = crc32_le(crc, v->kaddr[i], bytes);
		done += bytes;
	}
	v->crc = crc;
	complete(&v->done);
}

/* Verifies @buf in the workqueue: kmap() addresses may travel, local ones not. */
static int ksb_verify(struct ksb_dev *dev, struct ksb_buf *buf)
{
	struct ksb_verify *v = kmalloc(sizeof(*v), GFP_KERNEL);
	int i, ret;

	if (!v)
		return -ENOMEM;
	for (i = 0; i < KSB_PAGES; i++)
		v->kaddr[i] = kmap(buf->pages[i]);
	v->len = buf->len;
	init_completion(&v->done);
	INIT_WORK(&v->work, ksb_verify_fn);
	queue_work(dev->wq, &v->work);
	wait_for_completion(&v->done);
	for (i = KSB_PAGES - 1; i >= 0; i--)
		kunmap(buf->pages[i]);
	ret = v->crc == buf->crc ? 0 : -EIO;
	kfree(v);
	return ret;
}

/* Gathers the buffer through a scatterlist and bio_vecs into @out. */
static size_t ksb_gather(struct ksb_buf *buf, char *out)
{
	struct scatterlist sgl[KSB_PAGES], *sg;
	struct bio_vec bv;
	size_t n = 0;
	int i;

	sg_init_table(sgl, KSB_PAGES);
	for (i = 0; i < KSB_PAGES; i++)
		sg_set_page(&sgl[i], buf->pages[i], PAGE_SIZE, 0);
	for_each_sg(sgl, sg, KSB_PAGES, i) {
		char *p;

		bv.bv_page = sg_page(sg);
		bv.bv_offset = sg->offset;
		bv.bv_len = min_t(size_t, sg->length, buf->len - n);
		if (!bv.bv_len)
			break;
		p = bvec_kmap_local(&bv);
		memcpy(out + n, p, bv.bv_len);
		kunmap_local(p);
		n += bv.bv_len;
	}
	return n;
}

static void ksb_free(struct ksb_dev *dev)
{
	struct ksb_buf *buf, *tmp;
	int i;

	spin_lock(&dev->lock);
	list_for_each_entry_safe(buf, tmp, &dev->bufs, node) {
		list_del(&buf->node);
		for (i = 0; i < KSB_PAGES; i++)
			__free_page(buf->pages[i]);
		kfree(buf);
	}
	spin_unlock(&dev->lock);
}

/* ---------------------------------------------------------------------- */
#include <kmaprt.h>
#include <stdio.h>

int main(void)
{
	struct ksb_dev dev;
	size_t len = 3 * PAGE_SIZE + 123, i;
	char *src = kmalloc(len, GFP_KERNEL), *out = kmalloc(len, GFP_KERNEL);
	char __user *ubuf = kmaprt_user_alloc(len);
	struct ksb_buf *buf;
	unsigned long total = 0;
	int cpu, errors = 0;

	spin_lock_init(&dev.lock);
	mutex_init(&dev.io_mutex);
	INIT_LIST_HEAD(&dev.bufs);
	dev.wq = alloc_workqueue("ksb", WQ_UNBOUND, 2);
	for (i = 0; i < len; i++)
		src[i] = (char)(i * 7 + 3);
	if (kmaprt_user_write(ubuf, src, len))
		errors++;
	/* Twice: first with user pages not present (fallback path), then present. */
	if (ksb_write(&dev, ubuf, len) != (ssize_t)len ||
	    ksb_write(&dev, ubuf, len) != (ssize_t)len)
		errors++;
	list_for_each_entry(buf, &dev.bufs, node) {
		buf->crc = ksb_crc(buf);
		if (ksb_verify(&dev, buf))
			errors++;
		memset(out, 0, len);
		if (ksb_gather(buf, out) != len || memcmp(out, src, len))
			errors++;
	}
	for_each_possible_cpu(cpu)
		total += per_cpu(ksb_bytes, cpu);
	if (total != 2 * len)
		errors++;
	ksb_free(&dev);
	destroy_workqueue(dev.wq);
	kmaprt_user_free(ubuf);
	kfree(out);
	kfree(src);
	printf("kstyle: %d errors\n", errors);
	return errors != 0;
}
/*
 * check-name: kernel-style code compiles unchanged and runs clean
 * check-exit: ok
 * check-clean: yes
 */
