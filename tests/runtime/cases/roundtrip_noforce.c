/*
 * The round trip again with KMAPRT_FORCE_MAP=0: lowmem pages are then not
 * mapped at all (the direct-map address comes back), as in a kernel
 * without CONFIG_DEBUG_KMAP_LOCAL_FORCE_MAP.
 */
#include "roundtrip.c"
/*
 * check-name: round trip without forced mapping of lowmem
 * check-exit: ok
 * check-env: KMAPRT_FORCE_MAP=0
 * check-clean: yes
 */
