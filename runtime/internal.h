/* SPDX-License-Identifier: GPL-2.0 */
/*
 * State shared by the runtime's own files: configuration, the address
 * space layout, tasks and their local-kmap windows, the report machinery.
 * Only the runtime's own .c files include this.
 */
#ifndef _KMAPRT_INTERNAL_H
#define _KMAPRT_INTERNAL_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/highmem.h>
#include <linux/sched.h>
#include <linux/preempt.h>
#include <linux/jiffies.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include <pthread.h>
#include <stdarg.h>
#include <sys/types.h>

#include <kmaprt.h>
#include <kmaprt_sync.h>

/* init.c */
extern struct kmaprt_config kmaprt_cfg;
extern int kmaprt_ready;
void kmaprt_setup(void);

static inline void kmaprt_ensure_setup(void)
{
	if (unlikely(!__atomic_load_n(&kmaprt_ready, __ATOMIC_ACQUIRE)))
		kmaprt_setup();
}

/* report.c: every diagnostic goes through here. */
enum kmaprt_level {
	KMAPRT_WARN,		/* counted, the program goes on */
	KMAPRT_BUG,		/* counted, goes on, exit status forced non-zero */
	KMAPRT_BUG_STOP,	/* printed, then the program aborts */
};

void kmaprt_report_begin(enum kmaprt_level level, const char *cls,
			 const char *fmt, ...) __printf(3, 4);
void kmaprt_report_detail(const char *fmt, ...) __printf(1, 2);
void kmaprt_report_end(void);
void kmaprt_report(enum kmaprt_level level, const char *cls,
		   const char *fmt, ...) __printf(3, 4);
bool kmaprt_report_first(const char *cls, const void *key1, const void *key2);
const char *kmaprt_site_str(const struct kmaprt_site *site, char *buf,
			    size_t len);
void kmaprt_report_init(void);
void kmaprt_report_task_context(void);
/* Async-signal-safe writer used by the fault handler. */
void kmaprt_sig_print(const char *fmt, ...) __printf(1, 2);
void kmaprt_sig_count_bug(void);
__noreturn void kmaprt_sig_die(void);

/* A site as "file:line (func)" in a caller-provided buffer. */
#define KMAPRT_SITE_BUF	256
#define SITE(s, b)	kmaprt_site_str((s), (b), sizeof(b))

/* page_alloc.c: physical memory. */
extern int kmaprt_memfd;
extern unsigned long long kmaprt_phys_bytes;
extern char *kmaprt_direct_guard_end;
void kmaprt_phys_init(void);
int kmaprt_map_frame(void *addr, unsigned long pfn, int prot);
void kmaprt_protect(void *addr, int prot);
bool kmaprt_valid_page(const struct page *page);
void kmaprt_check_page(const struct page *page, const char *api,
		       const struct kmaprt_site *site);
void *kmaprt_reserve(size_t bytes, const char *what);

static inline bool kmaprt_in_direct_map(unsigned long addr)
{
	return addr - (unsigned long)kmaprt_direct_map < kmaprt_direct_map_bytes;
}

/* The local kmap stack of one task lives in a window of KM_MAX_IDX slots. */
enum kmaprt_slot_state {
	KMAPRT_SLOT_FREE,	/* never used, or popped */
	KMAPRT_SLOT_LIVE,	/* mapped, on the stack */
	KMAPRT_SLOT_DEAD,	/* unmapped out of order, still occupies the stack */
};

struct kmaprt_lslot {
	unsigned char state;
	unsigned char flags;		/* KMAPRT_LOCAL_ATOMIC */
	unsigned char used;		/* ever mapped: history below is valid */
	int prot;			/* host protection while live */
	unsigned long pfn;
	unsigned long host_pfn;		/* frame behind the host mapping, ~0 none */
	const char *api;
	const struct kmaprt_site *map_site;
	const struct kmaprt_site *unmap_site;
};

struct kmaprt_task;

/*
 * Windows outlive their tasks: a window keeps its slots' history after its
 * thread exits so that a late access is still explained.
 */
struct kmaprt_window {
	char *base;			/* slot 0; a guard page precedes it */
	struct kmaprt_task *owner;	/* NULL while free */
	char owner_name[48];		/* current or last owner, "comm[tid]" */
	int index;			/* also the owner's CPU number */
	int next_free;
	struct kmaprt_lslot slot[KM_MAX_IDX];
};

#define KMAPRT_WINDOW_PAGES	(1 + 2 * KM_MAX_IDX)
#define KMAPRT_WINDOW_BYTES	(KMAPRT_WINDOW_PAGES * PAGE_SIZE)

extern struct kmaprt_window *kmaprt_windows;
extern char *kmaprt_windows_base;

static inline char *kmaprt_slot_addr(const struct kmaprt_window *win, int idx)
{
	return win->base + 2 * idx * PAGE_SIZE;
}

enum kmaprt_task_kind {
	KMAPRT_TASK_USER,	/* a thread the program created itself */
	KMAPRT_TASK_MAIN,
	KMAPRT_TASK_KTHREAD,
	KMAPRT_TASK_WORKER,
	KMAPRT_TASK_SOFTIRQ,
	KMAPRT_TASK_RCU,
};

struct kmaprt_task {
	struct task_struct pub;
	enum kmaprt_task_kind kind;
	pid_t tid;
	struct kmaprt_ctx *ctx;		/* the thread's kmaprt_ctx */
	struct kmaprt_window *win;
	int kmap_idx;			/* depth of the local stack */
	int switched_out;		/* blocked: local slots unmapped */
	int blocked_in_kmap;		/* waiting for a pool slot */
	void *altstack;
	/* what the thread is running, for leak reports ("work item f()") */
	char context[160];
	/* the last page_address() that returned NULL for a highmem page */
	const struct kmaprt_site *null_pa_site;
	unsigned long null_pa_pfn;

	/* kthreads */
	pthread_mutex_t kt_lock;
	pthread_cond_t kt_cond;
	pthread_t thread;
	int (*threadfn)(void *data);
	void *data;
	int result;
	int woken;
	int should_stop;
	int exited;
	int runtime_owned;		/* freed by its creator, not at thread exit */
};

static inline struct kmaprt_task *kmaprt_task_of(struct task_struct *t)
{
	return container_of(t, struct kmaprt_task, pub);
}

static inline struct kmaprt_task *kmaprt_self(void)
{
	return kmaprt_task_of(kmaprt_get_current());
}

/* sched.c */
void kmaprt_sched_init(void);
void kmaprt_task_name(const struct kmaprt_task *t, char *buf, size_t len);
void kmaprt_sched_out(struct kmaprt_task *t);
void kmaprt_sched_in(struct kmaprt_task *t);
void kmaprt_block_begin(void);
void kmaprt_block_end(void);
void kmaprt_task_end_check(struct kmaprt_task *t, unsigned long base_preempt,
			   const char *what);
struct kmaprt_task *kmaprt_task_new(enum kmaprt_task_kind kind,
				    const char *name);
void kmaprt_task_adopt(struct kmaprt_task *t);
pthread_t kmaprt_spawn(enum kmaprt_task_kind kind, const char *name,
		       void (*fn)(void *arg), void *arg);
int kmaprt_live_tasks(void);
struct kmaprt_task *kmaprt_window_owner(int index);
void kmaprt_abs_deadline(struct timespec *ts, unsigned long ms);
const struct kmaprt_lslot *kmaprt_newest_live_slot(const struct kmaprt_task *t);

/* highmem.c */
void kmaprt_highmem_init(void);
void kmaprt_pool_exit_check(void);
bool kmaprt_pool_describe(unsigned long addr, char *buf, size_t len,
			  const char **cls);
void kmaprt_local_unmap_all(struct kmaprt_task *t);
void kmaprt_page_freed_check(struct page *page, unsigned int nr,
			     const struct kmaprt_site *site);
extern unsigned int kmaprt_pkmap_reserved_pages;

/* fault.c */
void kmaprt_fault_init(void);
void kmaprt_fault_thread_init(struct kmaprt_task *t);
void kmaprt_fault_thread_exit(struct kmaprt_task *t);

/* uaccess.c */
void kmaprt_uaccess_init(void);
bool kmaprt_user_describe(unsigned long addr, char *buf, size_t len);

/* percpu.c */
void kmaprt_percpu_init(void);

/* softirq.c: run a callback in softirq context with the leak checks. */
void kmaprt_softirq_enter(struct kmaprt_task *t, const char *fmt, ...)
	__printf(2, 3);
void kmaprt_softirq_exit(struct kmaprt_task *t);

/* locking.c: host primitives behind the opaque storage. */
#define KMAPRT_MUTEX(s)	((pthread_mutex_t *)(void *)(s))
#define KMAPRT_COND(s)	((pthread_cond_t *)(void *)(s))

#endif /* _KMAPRT_INTERNAL_H */
