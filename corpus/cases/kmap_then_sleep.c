// SPDX-License-Identifier: GPL-2.0
/*
 * A firmware-style update that maps the image page with kmap(), then takes a mutex and sleeps
 * between chunk writes while the page stays mapped. kmap_local_page() allows sleeping (the
 * mapping is saved and restored across the switch), the address stays in this thread: safe.
 */
#include <linux/highmem.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "corpus.h"

struct fw_dev {
	struct mutex lock;
	u8 regs[PAGE_SIZE];
	unsigned int written;
};

static int fw_load(struct fw_dev *dev, struct page *image, unsigned int chunk)
{
	const u8 *src;
	unsigned int off;

	src = kmap(image);	/* kmapcheck: safe */
	for (off = 0; off < PAGE_SIZE; off += chunk) {
		mutex_lock(&dev->lock);
		memcpy(dev->regs + off, src + off, chunk);
		dev->written += chunk;
		mutex_unlock(&dev->lock);
		if ((off / chunk) % 4 == 3)
			msleep(1);
	}
	kunmap(image);
	return 0;
}

static int kmap_then_sleep_run(void)
{
	struct page *image = alloc_page(GFP_HIGHUSER);
	struct fw_dev *dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	int ret = 0;

	if (!image || !dev)
		return -ENOMEM;
	mutex_init(&dev->lock);
	corpus_fill_page(image, 0, PAGE_SIZE, 160);
	fw_load(dev, image, 512);
	if (dev->written != PAGE_SIZE) {
		corpus_fail("wrote %u bytes", dev->written);
		ret = 1;
	}
	ret |= corpus_check(dev->regs, PAGE_SIZE, 160, 0);
	__free_page(image);
	kfree(dev);
	return ret;
}
CORPUS_CASE(kmap_then_sleep_run);
