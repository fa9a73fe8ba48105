/*
 * Every name runtime/API.md promises, used once as kernel code would, so a
 * missing or misspelt one breaks the build; the values are checked where
 * they are cheap to know.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/preempt.h>
#include <linux/uaccess.h>
#include <linux/sched.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/rcupdate.h>
#include <linux/list.h>
#include <linux/scatterlist.h>
#include <linux/bvec.h>
#include <linux/crc32.h>
#include <linux/checksum.h>
#include <linux/bitops.h>
#include <linux/atomic.h>
#include <linux/module.h>
#include <kmaprt.h>
#include "check.h"

struct item {
	struct list_head node;
	int v;
};

static DEFINE_PER_CPU(int, pc);
DECLARE_PER_CPU(int, pc_elsewhere);
static DEFINE_SPINLOCK(slock);
static DEFINE_MUTEX(mlock);
static LIST_HEAD(items);

static __always_inline __maybe_unused int helper(int x)
{
	return likely(x) ? x : unlikely(x);
}

static void wfn(struct work_struct *w) { }
static void dfn(struct work_struct *w) { }
static void tfn(struct timer_list *t) { }
static void tlfn(struct tasklet_struct *t) { }
static void tlold(unsigned long data) { }
static void rfn(struct rcu_head *h) { }
/* Completed when kfn() runs: kthread_stop() of a thread that never ran returns -EINTR. */
static DECLARE_COMPLETION(kfn_started);

static int kfn(void *d)
{
	complete(&kfn_started);
	while (!kthread_should_stop())
		schedule_timeout(1);
	return 3;
}

MODULE_LICENSE("GPL");

int main(void)
{
	u8 a8 = U8_MAX; u16 a16 = 1; u32 a32 = 2; u64 a64 = 3;
	s8 b8 = -1; s16 b16 = -1; s32 b32 = -1; s64 b64 = -1;
	size_t sz = 5; ssize_t ssz = -5; bool ok = true; gfp_t gfp = GFP_NOFS;
	pgoff_t off = 1; phys_addr_t pa;
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 1), *p2;
	struct folio *folio;
	struct item it = { .v = 1 }, *pos, *tmp;
	struct scatterlist sgl[2], *sg;
	struct bio_vec bv;
	struct completion c;
	struct work_struct w;
	struct delayed_work dw;
	struct workqueue_struct *wq;
	struct timer_list t;
	struct tasklet_struct tl;
	struct rcu_head rh;
	struct task_struct *k;
	spinlock_t sl;
	struct mutex m;
	unsigned long flags;
	int __percpu *dyn;
	char buf[64], *va, *vb;
	void __user *ubuf = kmaprt_user_alloc(PAGE_SIZE);
	int cpu, i, v = 0;
	DECLARE_COMPLETION_ONSTACK(done);

	CHECK(a8 == 255 && a16 + a32 + a64 == 6 && b8 + b16 + b32 + b64 == -4);
	CHECK(sz + ssz == 0 && ok && gfp == GFP_NOFS && off == 1);
	CHECK(ARRAY_SIZE(buf) == 64 && min(3, 4) == 3 && max(3, 4) == 4);
	CHECK(min_t(int, -1, 2U) == -1 && max_t(u8, 300, 2) == 44);
	CHECK(DIV_ROUND_UP(5, 2) == 3 && ALIGN(5, 4) == 8 && offset_in_page(0x1234) == 0x234);
	CHECK(PAGE_SIZE == 4096 && PAGE_SHIFT == 12 && (PAGE_MASK & 0x1234) == 0x1000);
	CHECK(IS_ERR(ERR_PTR(-ENOMEM)) && PTR_ERR(ERR_PTR(-EFAULT)) == -EFAULT);
	CHECK(-EINVAL == -22 && -EIO == -5 && helper(2) == 2);
	CHECK(container_of(&it.node, struct item, node) == &it);
	BUILD_BUG_ON(sizeof(u32) != 4);
	BUG_ON(!page);
	CHECK(!WARN_ON(false) && !WARN_ON_ONCE(0));
	pr_debug("not printed %d\n", 1);
	printk(KERN_INFO "api: %s\n", "printk");
	pr_info("api: pr_info\n");

	/* pages */
	CHECK(PageHighMem(page) && page_to_pfn(pfn_to_page(page_to_pfn(page))) == page_to_pfn(page));
	folio = page_folio(page + 1);
	CHECK(folio_page(folio, 1) == page + 1);
	pa = page_to_phys(page);
	CHECK(pa >> PAGE_SHIFT == page_to_pfn(page));
	get_page(page);
	put_page(page);
	p2 = alloc_page(GFP_KERNEL | GFP_NOIO);
	CHECK(!PageHighMem(p2) && virt_to_page(page_address(p2)) == p2);
	va = kmap(page);
	vb = kmap_atomic(p2);
	memcpy(vb, va, 16);
	kunmap_atomic(vb);
	kunmap(page);
	va = kmap_atomic_prot(page, PAGE_KERNEL);
	kunmap_atomic(va);
	va = kmap_atomic_pfn(page_to_pfn(page));
	kunmap_atomic(va);
	va = kmap_local_page_prot(page, PAGE_KERNEL);
	vb = kmap_local_folio(folio, 10);
	kunmap_local(vb);
	kunmap_local(va);
	va = kmap_local_pfn(page_to_pfn(p2));
	kunmap_local(va);
	memcpy_to_page(page, 0, "abc", 3);
	memcpy_from_page(buf, page, 0, 3);
	CHECK(!memcmp(buf, "abc", 3) && !memcmp("abc", buf, 3));
	memcpy_page(p2, 0, page, 0, 3);
	memzero_page(page, 0, 3);
	memset_page(page, 3, 'x', 2);
	clear_highpage(p2);
	copy_highpage(p2, page);
	flush_dcache_page(p2);
	__free_page(p2);
	__free_pages(page, 1);

	/* memory and strings */
	va = kmalloc(10, GFP_ATOMIC);
	vb = kzalloc(10, GFP_KERNEL);
	kfree(kcalloc(2, 8, GFP_KERNEL));
	kfree(kmalloc_array(2, 8, GFP_KERNEL));
	memmove(va, "hello", 6);
	memset(vb, 0, 10);
	CHECK(strlen(va) == 5 && strscpy(buf, va, 3) == -E2BIG && !strcmp(buf, "he"));
	kfree(vb);
	kfree(va);

	/* contexts */
	preempt_disable();
	CHECK(in_atomic() && !preemptible() && preempt_count() == 1);
	cpu = smp_processor_id();
	this_cpu_write(pc, 5);
	this_cpu_inc(pc);
	CHECK(this_cpu_read(pc) == 6 && *this_cpu_ptr(&pc) == 6 && per_cpu(pc, cpu) == 6);
	CHECK(*per_cpu_ptr(&pc, cpu) == 6);
	preempt_enable();
	pagefault_disable();
	CHECK(pagefault_disabled());
	pagefault_enable();
	get_cpu_var(pc)++;
	put_cpu_var(pc);
	dyn = alloc_percpu(int);
	(*get_cpu_ptr(dyn))++;
	put_cpu_ptr(dyn);
	cpu = get_cpu();
	CHECK(*per_cpu_ptr(dyn, cpu) == 1);
	put_cpu();
	for_each_possible_cpu(cpu)
		v += per_cpu(pc, cpu);
	CHECK(v == 7 && num_possible_cpus() >= 4);
	free_percpu(dyn);
	might_sleep();
	might_fault();
	cond_resched();
	schedule();
	CHECK(current->pid > 0 && current == get_current());

	/* user memory */
	CHECK(access_ok(ubuf, 64) && copy_to_user(ubuf, "data", 5) == 0);
	CHECK(copy_from_user(buf, ubuf, 5) == 0 && !strcmp(buf, "data"));
	pagefault_disable();
	CHECK(__copy_from_user_inatomic(buf, ubuf, 5) == 0);
	CHECK(__copy_to_user_inatomic(ubuf, "DATA", 5) == 0);
	pagefault_enable();
	CHECK(put_user(7, (int __user *)ubuf) == 0 && get_user(v, (int __user *)ubuf) == 0 && v == 7);
	kmaprt_user_free(ubuf);

	/* locks */
	spin_lock_init(&sl);
	spin_lock(&sl);
	spin_unlock(&sl);
	spin_lock_irqsave(&slock, flags);
	CHECK(irqs_disabled());
	spin_unlock_irqrestore(&slock, flags);
	spin_lock_bh(&slock);
	spin_unlock_bh(&slock);
	local_irq_save(flags);
	local_irq_restore(flags);
	local_irq_disable();
	local_irq_enable();
	mutex_init(&m);
	mutex_lock(&m);
	mutex_unlock(&m);
	mutex_lock(&mlock);
	mutex_unlock(&mlock);
	msleep(1);
	usleep_range(10, 20);
	schedule_timeout(1);
	ssleep(0);

	/* completions, work, threads, tasklets, timers, RCU */
	init_completion(&c);
	complete(&c);
	wait_for_completion(&c);
	reinit_completion(&c);
	complete_all(&c);
	wait_for_completion(&c);
	INIT_WORK(&w, wfn);
	INIT_DELAYED_WORK(&dw, dfn);
	wq = alloc_workqueue("api%d", 0, 0, 1);
	queue_work(wq, &w);
	flush_work(&w);
	schedule_work(&w);
	cancel_work_sync(&w);
	flush_workqueue(wq);
	queue_delayed_work(wq, &dw, 1);
	flush_delayed_work(&dw);
	schedule_delayed_work(&dw, 1);
	cancel_delayed_work_sync(&dw);
	queue_work(system_wq, &w);
	flush_work(&w);
	destroy_workqueue(wq);
	wq = alloc_ordered_workqueue("api-ordered", 0);
	destroy_workqueue(wq);
	k = kthread_create(kfn, NULL, "api-%s", "kt");
	wake_up_process(k);
	msleep(2);
	wait_for_completion(&kfn_started);
	CHECK(kthread_stop(k) == 3);
	k = kthread_run(kfn, NULL, "api-run");
	kthread_stop(k);
	tasklet_setup(&tl, tlfn);
	tasklet_schedule(&tl);
	tasklet_kill(&tl);
	tasklet_init(&tl, tlold, 0);
	tasklet_schedule(&tl);
	tasklet_kill(&tl);
	timer_setup(&t, tfn, 0);
	mod_timer(&t, jiffies + msecs_to_jiffies(1));
	del_timer_sync(&t);
	rcu_read_lock();
	rcu_read_unlock();
	call_rcu(&rh, rfn);
	rcu_barrier();
	synchronize_rcu();
	complete(&done);
	wait_for_completion(&done);

	/* lists, scatterlists, bvecs, checksums */
	INIT_LIST_HEAD(&it.node);
	list_add(&it.node, &items);
	CHECK(!list_empty(&items) && list_first_entry(&items, struct item, node) == &it);
	list_for_each_entry(pos, &items, node)
		CHECK(pos->v == 1);
	list_for_each_entry_safe(pos, tmp, &items, node)
		list_del(&pos->node);
	list_add_tail(&it.node, &items);
	list_del(&it.node);
	CHECK(list_empty(&items));
	page = alloc_page(GFP_HIGHUSER);
	sg_init_table(sgl, 2);
	sg_set_page(&sgl[0], page, 100, 0);
	sg_set_page(&sgl[1], page, 100, 200);
	for_each_sg(sgl, sg, 2, i)
		CHECK(sg_page(sg) == page);
	CHECK(sg_next(&sgl[1]) == NULL);
	va = kmalloc(32, GFP_KERNEL);
	sg_init_one(sgl, va, 32);
	kfree(va);
	bv.bv_page = page;
	bv.bv_len = 10;
	bv.bv_offset = 5;
	va = bvec_kmap_local(&bv);
	kunmap_local(va);
	CHECK(crc32_le(0, (u8 *)"a", 1) != 0 && crc32c(0, "a", 1) != 0);
	CHECK(csum_partial("ab", 2, 0) != 0);
	__free_page(page);
	return check_done();
}
/*
 * check-name: every API.md name compiles and behaves
 * check-exit: ok
 * check-clean: yes
 */
