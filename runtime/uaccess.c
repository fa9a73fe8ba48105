// SPDX-License-Identifier: GPL-2.0
/*
 * "User" memory and the copies to and from it.  User pages start not
 * present (PROT_NONE); a copy with page faults enabled faults them in, one
 * with page faults disabled stops short, as the kernel's do.  Kernel code
 * dereferencing a user pointer directly is reported by the fault handler.
 * Not modelled: access_ok() limits other than the user area itself.
 */
#include "internal.h"

#include <linux/uaccess.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int user_fd = -1;
static char *user_base;
static unsigned long user_pages;
static unsigned char *page_state;	/* per user page, below */
static pthread_mutex_t user_lock = PTHREAD_MUTEX_INITIALIZER;

#define UP_ALLOC	0x1	/* part of an allocation */
#define UP_PRESENT	0x2	/* faulted in: accessible */
#define UP_HEAD		0x4	/* first page of an allocation */

void kmaprt_uaccess_init(void)
{
	user_pages = kmaprt_cfg.user_bytes >> PAGE_SHIFT;
	user_fd = memfd_create("kmaprt-user-memory", MFD_CLOEXEC);
	if (user_fd < 0 || ftruncate(user_fd, (off_t)kmaprt_cfg.user_bytes)) {
		fprintf(stderr, "kmaprt: BUG: [config] cannot create user memory: %s\n",
			strerror(errno));
		abort();
	}
	user_base = kmaprt_reserve(kmaprt_cfg.user_bytes, "user memory");
	if (mmap(user_base, kmaprt_cfg.user_bytes, PROT_NONE, MAP_SHARED | MAP_FIXED,
		 user_fd, 0) == MAP_FAILED) {
		fprintf(stderr, "kmaprt: BUG: [config] mapping user memory: %s\n",
			strerror(errno));
		abort();
	}
	page_state = calloc(user_pages, 1);
	if (!page_state)
		abort();
}

static inline long user_page(unsigned long addr)
{
	unsigned long off = addr - (unsigned long)user_base;

	return off < kmaprt_cfg.user_bytes ? (long)(off >> PAGE_SHIFT) : -1;
}

void __user *kmaprt_user_alloc(size_t len)
{
	unsigned long need = DIV_ROUND_UP(len ? len : 1, PAGE_SIZE), run = 0, i;
	void *p = NULL;

	kmaprt_ensure_setup();
	pthread_mutex_lock(&user_lock);
	/* First fit, leaving a never-allocated guard page after each allocation. */
	for (i = 0; i < user_pages; i++) {
		if (page_state[i] || (i && (page_state[i - 1] & UP_ALLOC))) {
			run = 0;
			continue;
		}
		if (++run == need + 1 || (run == need && i + 1 == user_pages)) {
			unsigned long first = i + 1 - run, j;

			for (j = first; j < first + need; j++)
				page_state[j] = UP_ALLOC;
			page_state[first] |= UP_HEAD;
			p = user_base + (first << PAGE_SHIFT);
			break;
		}
	}
	pthread_mutex_unlock(&user_lock);
	return (void __user *)p;
}

void kmaprt_user_free(void __user *up)
{
	long first = user_page((unsigned long)up), i;

	if (!up)
		return;
	pthread_mutex_lock(&user_lock);
	if (first < 0 || !(page_state[first] & UP_HEAD)) {
		pthread_mutex_unlock(&user_lock);
		kmaprt_report(KMAPRT_WARN, "page",
			      "kmaprt_user_free(%p): not an address kmaprt_user_alloc() returned", up);
		return;
	}
	for (i = first; i < (long)user_pages && (page_state[i] & UP_ALLOC); i++) {
		if (i > first && (page_state[i] & UP_HEAD))
			break;
		if (page_state[i] & UP_PRESENT)
			kmaprt_protect(user_base + (i << PAGE_SHIFT), PROT_NONE);
		page_state[i] = 0;
	}
	fallocate(user_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		  (off_t)first << PAGE_SHIFT, (off_t)(i - first) << PAGE_SHIFT);
	pthread_mutex_unlock(&user_lock);
}

/* Checks that [addr, addr+len) lies inside one allocation; user_lock held. */
static bool range_allocated(unsigned long addr, size_t len)
{
	long first = user_page(addr), last, i;

	if (!len)
		return first >= 0;
	last = user_page(addr + len - 1);
	if (first < 0 || last < 0)
		return false;
	for (i = first; i <= last; i++) {
		if (!(page_state[i] & UP_ALLOC))
			return false;
		if (i > first && (page_state[i] & UP_HEAD))
			return false;
	}
	return true;
}

static int user_rw(void __user *up, void *buf, size_t len, bool write)
{
	unsigned long addr = (unsigned long)up;
	ssize_t n;
	bool ok;

	kmaprt_ensure_setup();
	pthread_mutex_lock(&user_lock);
	ok = range_allocated(addr, len);
	pthread_mutex_unlock(&user_lock);
	if (!ok)
		return -EFAULT;
	if (write)
		n = pwrite(user_fd, buf, len, (off_t)(addr - (unsigned long)user_base));
	else
		n = pread(user_fd, buf, len, (off_t)(addr - (unsigned long)user_base));
	return n == (ssize_t)len ? 0 : -EFAULT;
}

int kmaprt_user_write(void __user *dst, const void *src, size_t len)
{
	return user_rw(dst, (void *)src, len, true);
}

int kmaprt_user_read(void *dst, const void __user *src, size_t len)
{
	return user_rw((void __user *)src, dst, len, false);
}

int kmaprt_user_evict(void __user *up, size_t len)
{
	unsigned long addr = (unsigned long)up;
	long i;

	kmaprt_ensure_setup();
	pthread_mutex_lock(&user_lock);
	if (!range_allocated(addr, len)) {
		pthread_mutex_unlock(&user_lock);
		return -EFAULT;
	}
	for (i = user_page(addr); len && i <= user_page(addr + len - 1); i++) {
		if (page_state[i] & UP_PRESENT)
			kmaprt_protect(user_base + (i << PAGE_SHIFT), PROT_NONE);
		page_state[i] &= ~UP_PRESENT;
	}
	pthread_mutex_unlock(&user_lock);
	return 0;
}

/*
 * Makes the user page holding @addr accessible the way the kernel's fault
 * handler would: 1 when present (now), 0 when the access must fail (not
 * user memory, or not present with page faults disabled).
 */
static int fault_in(unsigned long addr)
{
	long i = user_page(addr);
	int ok = 0;

	if (i < 0)
		return 0;
	pthread_mutex_lock(&user_lock);
	if (page_state[i] & UP_PRESENT) {
		ok = 1;
	} else if ((page_state[i] & UP_ALLOC) && !pagefault_disabled()) {
		kmaprt_protect(user_base + (i << PAGE_SHIFT), PROT_READ | PROT_WRITE);
		page_state[i] |= UP_PRESENT;
		ok = 1;
	}
	pthread_mutex_unlock(&user_lock);
	return ok;
}

unsigned long kmaprt_copy_user(void *to, const void *from, unsigned long n,
			       unsigned int flags, const char *api,
			       const struct kmaprt_site *site)
{
	unsigned long uaddr = (unsigned long)((flags & KMAPRT_UACCESS_TO_USER) ? to : from);
	unsigned long done = 0;

	kmaprt_ensure_setup();
	if (flags & KMAPRT_UACCESS_INATOMIC) {
		if (!pagefault_disabled() &&
		    kmaprt_report_first("atomic-context", site, api)) {
			const struct kmaprt_lslot *s = kmaprt_newest_live_slot(kmaprt_self());
			char sb[KMAPRT_SITE_BUF], sb2[KMAPRT_SITE_BUF], mb[KMAPRT_SITE_BUF + 96] = "";

			if (s)
				snprintf(mb, sizeof(mb), "; inside %s() at %s, which does not disable them",
					 s->api, kmaprt_site_str(s->map_site, sb2, sizeof(sb2)));
			kmaprt_report(KMAPRT_BUG, "atomic-context",
				      "%s() at %s called with page faults enabled; the caller must pagefault_disable()%s",
				      api, SITE(site, sb), mb);
		}
	} else {
		char what[64];

		snprintf(what, sizeof(what), "%s()", api);
		kmaprt_might_fault(site, what);
	}
	while (done < n) {
		unsigned long ua = uaddr + done;
		unsigned long chunk = min(n - done, PAGE_SIZE - (ua & ~PAGE_MASK));

		if (!fault_in(ua))
			break;
		memcpy((char *)to + done, (const char *)from + done, chunk);
		done += chunk;
	}
	return n - done;
}

unsigned long kmaprt_clear_user(void __user *to, unsigned long n,
				const struct kmaprt_site *site)
{
	unsigned long uaddr = (unsigned long)to, done = 0;

	kmaprt_might_fault(site, "clear_user()");
	while (done < n) {
		unsigned long ua = uaddr + done;
		unsigned long chunk = min(n - done, PAGE_SIZE - (ua & ~PAGE_MASK));

		if (!fault_in(ua))
			break;
		memset((void *)ua, 0, chunk);
		done += chunk;
	}
	return n - done;
}

long kmaprt_strncpy_from_user(char *dst, const char __user *src, long count,
			      const struct kmaprt_site *site)
{
	long i;

	kmaprt_might_fault(site, "strncpy_from_user()");
	for (i = 0; i < count; i++) {
		unsigned long ua = (unsigned long)src + i;

		if (((ua & ~PAGE_MASK) == 0 || i == 0) && !fault_in(ua))
			return -EFAULT;
		dst[i] = *(const char *)ua;
		if (!dst[i])
			return i;
	}
	return count;
}

bool kmaprt_access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	kmaprt_ensure_setup();
	return a - (unsigned long)user_base <= kmaprt_cfg.user_bytes &&
	       size <= kmaprt_cfg.user_bytes - (a - (unsigned long)user_base);
}

bool kmaprt_user_describe(unsigned long addr, char *buf, size_t len)
{
	long i = user_page(addr);

	if (!user_base || i < 0)
		return false;
	if (!(page_state[i] & UP_ALLOC))
		snprintf(buf, len, "user address outside every kmaprt_user_alloc() area (overrun?)");
	else
		snprintf(buf, len, "kernel code dereferenced a not-present user address directly; use copy_from_user()/get_user()");
	return true;
}
