// SPDX-License-Identifier: GPL-2.0
/*
 * The SIGSEGV handler: says what a bad access was (past the end of a
 * mapped page, after the unmap, into another task's switched-out mapping,
 * into highmem that has no mapping) and which mapping call made the slot,
 * then aborts.  It runs on a per-thread alternate stack and only reads the
 * runtime's records; it repairs nothing.
 */
#include "internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ucontext.h>

#define ALTSTACK_BYTES	(64 * 1024)
#define NULL_GUARD_TOP	(1UL << 20)

static char *null_guard;

static void describe_window(unsigned long addr, struct kmaprt_task *me,
			    char *buf, size_t len, const char **cls)
{
	unsigned long woff = addr - (unsigned long)kmaprt_windows_base;
	struct kmaprt_window *win = &kmaprt_windows[woff / KMAPRT_WINDOW_BYTES];
	unsigned long off = woff % KMAPRT_WINDOW_BYTES, rel;
	struct kmaprt_task *owner = win->owner;
	char sb[KMAPRT_SITE_BUF], sb2[KMAPRT_SITE_BUF], who[96];
	struct kmaprt_lslot *s;
	int idx;

	snprintf(who, sizeof(who), "task %s%s", win->owner_name,
		 owner ? "" : " (exited)");
	if (off < PAGE_SIZE) {
		s = &win->slot[0];
		*cls = "fault-guard";
		snprintf(buf, len, "guard page %lu bytes before the page mapped by %s() at %s (local slot 0 of %s)",
			 PAGE_SIZE - off, s->used ? s->api : "nothing",
			 kmaprt_site_str(s->map_site, sb, sizeof(sb)), who);
		return;
	}
	rel = off - PAGE_SIZE;
	idx = rel >> (PAGE_SHIFT + 1);
	s = &win->slot[idx];
	if (rel & PAGE_SIZE) {
		unsigned long past = rel & ~PAGE_MASK;

		*cls = "fault-guard";
		if (!s->used && idx + 1 < KM_MAX_IDX && win->slot[idx + 1].used) {
			s = &win->slot[idx + 1];
			snprintf(buf, len, "guard page %lu bytes before the page mapped by %s() at %s (local slot %d of %s)",
				 PAGE_SIZE - past, s->api,
				 kmaprt_site_str(s->map_site, sb, sizeof(sb)), idx + 1, who);
			return;
		}
		snprintf(buf, len, "guard page %lu bytes past the end of the page mapped by %s() at %s (local slot %d of %s)",
			 past, s->used ? s->api : "nothing",
			 kmaprt_site_str(s->map_site, sb, sizeof(sb)), idx, who);
		return;
	}
	if (!s->used) {
		*cls = "fault";
		snprintf(buf, len, "local slot %d of %s, never mapped", idx, who);
		return;
	}
	if (s->state == KMAPRT_SLOT_LIVE && owner && idx < owner->kmap_idx) {
		if (owner != me) {
			*cls = "fault-other-thread";
			snprintf(buf, len, "local mapping made by %s() at %s belongs to %s, which is %s; a local mapping is valid only in its own thread",
				 s->api, kmaprt_site_str(s->map_site, sb, sizeof(sb)), who,
				 owner->switched_out ? "switched out (blocked)" : "running");
			return;
		}
		*cls = "fault";
		snprintf(buf, len, "write to the read-only mapping made by %s() at %s (local slot %d)",
			 s->api, kmaprt_site_str(s->map_site, sb, sizeof(sb)), idx);
		return;
	}
	*cls = "fault-after-unmap";
	snprintf(buf, len, "local mapping made by %s() at %s (frame %#lx) was unmapped at %s%s%s",
		 s->api, kmaprt_site_str(s->map_site, sb, sizeof(sb)), s->pfn,
		 s->unmap_site ? kmaprt_site_str(s->unmap_site, sb2, sizeof(sb2)) :
		 "the end of its task or work item",
		 owner == me ? "" : "; it belonged to ", owner == me ? "" : who);
}

static void fault_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	unsigned long addr = (unsigned long)si->si_addr;
	struct kmaprt_task *me = kmaprt_current_task ?
		kmaprt_task_of(kmaprt_current_task) : NULL;
	const char *cls = "fault";
	char desc[768], sb[KMAPRT_SITE_BUF], name[64] = "an unknown thread";
	bool write = uc->uc_mcontext.gregs[REG_ERR] & 2;

	if (addr - (unsigned long)kmaprt_windows_base <
	    (unsigned long)kmaprt_cfg.max_threads * KMAPRT_WINDOW_BYTES) {
		describe_window(addr, me, desc, sizeof(desc), &cls);
	} else if (kmaprt_pool_describe(addr, desc, sizeof(desc), &cls)) {
		/* described */
	} else if (addr >= (unsigned long)kmaprt_direct_map + kmaprt_direct_map_bytes &&
		   addr < (unsigned long)kmaprt_direct_guard_end) {
		cls = "fault-highmem";
		snprintf(desc, sizeof(desc), "%lu bytes past the end of the direct map: highmem frames have no permanent mapping",
			 addr - (unsigned long)kmaprt_direct_map - kmaprt_direct_map_bytes);
	} else if (addr < NULL_GUARD_TOP) {
		if (me && me->null_pa_site) {
			cls = "fault-highmem";
			snprintf(desc, sizeof(desc), "a NULL-based pointer: page_address() at %s returned NULL for highmem frame %#lx, which is not mapped; map it with kmap_local_page()",
				 kmaprt_site_str(me->null_pa_site, sb, sizeof(sb)),
				 me->null_pa_pfn);
		} else {
			snprintf(desc, sizeof(desc), "NULL pointer dereference");
		}
	} else if (kmaprt_user_describe(addr, desc, sizeof(desc))) {
		/* described */
	} else if (sig == SIGBUS) {
		snprintf(desc, sizeof(desc), "bus error");
	} else {
		snprintf(desc, sizeof(desc), "not an address of the runtime (stack overflow or a wild pointer?)");
	}
	if (me)
		kmaprt_task_name(me, name, sizeof(name));
	kmaprt_sig_print("kmaprt: BUG: [%s] %s at %#lx: %s", cls,
			 write ? "write" : "read", addr, desc);
	kmaprt_sig_print("kmaprt:   faulting instruction at %#lx in task %s%s%s",
			 (unsigned long)uc->uc_mcontext.gregs[REG_EIP], name,
			 me && me->context[0] ? " running " : "",
			 me ? me->context : "");
	kmaprt_sig_count_bug();
	kmaprt_sig_die();
}

void kmaprt_fault_thread_init(struct kmaprt_task *t)
{
	stack_t ss;

	t->altstack = malloc(ALTSTACK_BYTES);
	if (!t->altstack)
		return;
	ss.ss_sp = t->altstack;
	ss.ss_size = ALTSTACK_BYTES;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL)) {
		free(t->altstack);
		t->altstack = NULL;
	}
}

void kmaprt_fault_thread_exit(struct kmaprt_task *t)
{
	stack_t ss = { .ss_flags = SS_DISABLE };

	if (!t->altstack)
		return;
	sigaltstack(&ss, NULL);
	free(t->altstack);
	t->altstack = NULL;
}

void kmaprt_fault_init(void)
{
	struct sigaction sa;

	/*
	 * Keep the low megabyte unmappable so that page_address()==NULL plus
	 * an offset always faults; mmap_min_addr protects only the first pages.
	 */
	null_guard = mmap((void *)PAGE_SIZE, NULL_GUARD_TOP - PAGE_SIZE, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
			  -1, 0);
	if (null_guard == MAP_FAILED)
		null_guard = NULL;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}
