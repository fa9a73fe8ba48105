/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page size and protections of i386.  PAGE_OFFSET is where the runtime
 * placed its direct map (a run-time value, not 0xC0000000): __pa()/__va()
 * are only meaningful for lowmem, as in the kernel.
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

typedef struct {
	unsigned long pgprot;
} pgprot_t;

#define pgprot_val(x)	((x).pgprot)
#define __pgprot(x)	((pgprot_t){ (x) })

#define _PAGE_PRESENT	0x001UL
#define _PAGE_RW	0x002UL
#define _PAGE_USER	0x004UL
#define _PAGE_PWT	0x008UL
#define _PAGE_PCD	0x010UL
#define _PAGE_ACCESSED	0x020UL
#define _PAGE_DIRTY	0x040UL
#define _PAGE_GLOBAL	0x100UL

#define PAGE_KERNEL	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_DIRTY | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_KERNEL_RO	__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_KERNEL_NOCACHE	__pgprot(pgprot_val(PAGE_KERNEL) | _PAGE_PCD | _PAGE_PWT)
#define PAGE_KERNEL_IO	PAGE_KERNEL_NOCACHE
#define kmap_prot	PAGE_KERNEL

extern char *kmaprt_direct_map;
extern unsigned long kmaprt_direct_map_bytes;

#define PAGE_OFFSET	((unsigned long)kmaprt_direct_map)
#define __pa(x)		((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET))
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))
#define virt_to_phys(x)	__pa(x)
#define phys_to_virt(x)	__va(x)

#define clear_page(page)	memset((page), 0, PAGE_SIZE)
#define copy_page(to, from)	memcpy((to), (from), PAGE_SIZE)

#endif
