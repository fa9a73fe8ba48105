/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration the runtime models: i386 with CONFIG_HIGHMEM, SMP and
 * local kmaps.  Only options kernel-style code tests with #ifdef or
 * IS_ENABLED() are listed; the rest are off.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#define CONFIG_X86_32 1
#define CONFIG_MMU 1
#define CONFIG_SMP 1
#define CONFIG_HIGHMEM 1
#define CONFIG_KMAP_LOCAL 1
#define CONFIG_DEBUG_KMAP_LOCAL 1
#define CONFIG_PREEMPT_COUNT 1
#define CONFIG_DEBUG_PREEMPT 1
#define CONFIG_DEBUG_ATOMIC_SLEEP 1
#define CONFIG_HZ 250

/*
 * IS_ENABLED(CONFIG_FOO) is 1 when CONFIG_FOO is defined to 1 and 0 when
 * it is undefined: the 1 selects an argument position through a helper.
 */
#define __KMAPRT_ARG_PLACEHOLDER_1 0,
#define __kmaprt_take_second(ignored, val, ...) val
#define __kmaprt_is_defined(x) ___kmaprt_is_defined(x)
#define ___kmaprt_is_defined(val) ____kmaprt_is_defined(__KMAPRT_ARG_PLACEHOLDER_##val)
#define ____kmaprt_is_defined(arg1_or_junk) __kmaprt_take_second(arg1_or_junk 1, 0, 0)

#define IS_ENABLED(option)	__kmaprt_is_defined(option)
#define IS_BUILTIN(option)	__kmaprt_is_defined(option)
#define IS_MODULE(option)	0
#define IS_REACHABLE(option)	__kmaprt_is_defined(option)

#endif /* _LINUX_KCONFIG_H */
