// SPDX-License-Identifier: GPL-2.0
/*
 * Small library functions kernel code expects: printk(), BUG()/WARN()
 * reporting, strscpy(), CRC32/CRC32C and the Internet checksum in
 * portable C, and scatterlist copies through local mappings.
 */
#include "internal.h"

#include <linux/crc32.h>
#include <linux/checksum.h>
#include <linux/scatterlist.h>
#include <linux/string.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int printk(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	/* The level prefix ("\001" digit) is not printed. */
	while (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fflush(stdout);
	fputs(buf, stderr);
	return n;
}

void kmaprt_bug(const struct kmaprt_site *site, const char *cond)
{
	char sb[KMAPRT_SITE_BUF];

	if (cond)
		kmaprt_report(KMAPRT_BUG_STOP, "assert", "BUG_ON(%s) at %s", cond, SITE(site, sb));
	kmaprt_report(KMAPRT_BUG_STOP, "assert", "BUG() at %s", SITE(site, sb));
	abort();
}

void kmaprt_warn(const struct kmaprt_site *site, const char *cond,
		 const char *fmt, ...)
{
	char sb[KMAPRT_SITE_BUF], msg[512] = "";
	va_list ap;

	if (fmt) {
		msg[0] = ':';
		msg[1] = ' ';
		va_start(ap, fmt);
		vsnprintf(msg + 2, sizeof(msg) - 2, fmt, ap);
		va_end(ap);
		msg[strcspn(msg, "\n")] = 0;
	}
	kmaprt_report(KMAPRT_WARN, "assert", "WARN_ON(%s) at %s%s", cond, SITE(site, sb), msg);
}

ssize_t strscpy(char *dst, const char *src, size_t count)
{
	size_t len;

	if (!count)
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = 0;
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier();
}

/* Bitwise CRCs: slow, obviously right. */
static u32 crc_reflected(u32 crc, const unsigned char *p, size_t len, u32 poly)
{
	int i;

	while (len--) {
		crc ^= *p++;
		for (i = 0; i < 8; i++)
			crc = (crc >> 1) ^ (poly & -(crc & 1));
	}
	return crc;
}

u32 crc32_le(u32 crc, unsigned char const *p, size_t len)
{
	return crc_reflected(crc, p, len, 0xedb88320);
}

u32 __crc32c_le(u32 crc, unsigned char const *p, size_t len)
{
	return crc_reflected(crc, p, len, 0x82f63b78);
}

u32 crc32c(u32 crc, const void *address, unsigned int length)
{
	return crc_reflected(crc, address, length, 0x82f63b78);
}

u32 crc32_be(u32 crc, unsigned char const *p, size_t len)
{
	int i;

	while (len--) {
		crc ^= (u32)*p++ << 24;
		for (i = 0; i < 8; i++)
			crc = (crc << 1) ^ (0x04c11db7 & -(crc >> 31));
	}
	return crc;
}

__wsum csum_partial(const void *buff, int len, __wsum wsum)
{
	const unsigned char *p = buff;
	u64 sum = (u32)wsum;
	int odd = (unsigned long)p & 1;

	/* 16-bit big-endian-agnostic sum: add little-endian halfwords, as x86 does. */
	if (odd && len > 0) {
		sum += (u32)*p << 8;
		p++;
		len--;
	}
	while (len > 1) {
		sum += p[0] | (p[1] << 8);
		p += 2;
		len -= 2;
	}
	if (len > 0)
		sum += *p;
	while (sum >> 32)
		sum = (sum & 0xffffffff) + (sum >> 32);
	if (odd) {
		/* An odd start swaps the bytes of the partial sum. */
		u32 s = (u32)sum;

		s = (s & 0xffff) + (s >> 16);
		s = (s & 0xffff) + (s >> 16);
		sum = ((s & 0xff) << 8) | (s >> 8);
	}
	return (__wsum)sum;
}

size_t kmaprt_sg_copy(struct scatterlist *sgl, unsigned int nents, void *buf,
		      size_t buflen, size_t skip, bool to_buffer,
		      const struct kmaprt_site *site)
{
	const char *api = to_buffer ? "sg_copy_to_buffer" : "sg_copy_from_buffer";
	struct scatterlist *sg;
	size_t done = 0;
	unsigned int i;

	for_each_sg(sgl, sg, nents, i) {
		size_t off = sg->offset, len = sg->length;

		if (skip >= len) {
			skip -= len;
			continue;
		}
		off += skip;
		len -= skip;
		skip = 0;
		while (len && done < buflen) {
			struct page *page = sg_page(sg) + off / PAGE_SIZE;
			size_t in = off % PAGE_SIZE;
			size_t n = min3(len, (size_t)(PAGE_SIZE - in), buflen - done);
			char *addr = kmaprt_kmap_local(page, 0, PAGE_KERNEL, 0, api, site);

			if (to_buffer)
				memcpy((char *)buf + done, addr + in, n);
			else
				memcpy(addr + in, (char *)buf + done, n);
			kmaprt_kunmap_local(addr, 0, site);
			done += n;
			off += n;
			len -= n;
		}
		if (done >= buflen)
			break;
	}
	return done;
}
