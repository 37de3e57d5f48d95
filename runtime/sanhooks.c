/*
** runtime/sanhooks.c — heap accounting in sanitizer builds
** (MEMLINE_NO_INTERPOSE): AddressSanitizer owns malloc there, so instead
** of interposing, the runtime installs ASan's allocation hooks and feeds
** heap.h with the sizes ASan reports (the requested sizes, which is also
** what malloc_usable_size returns under ASan).
**
** Blocks allocated before the hooks are installed (by the dynamic loader
** and libc start-up) are not counted, but their release is: the live heap
** may start a few hundred bytes below zero.
**
** While tracing is stopped (tracing.h) blocks are marked untraced
** (untraced.h) as interpose.c marks them.
*/
#include "heap.h"
#include "leaks.h"
#include "tracing.h"
#include "untraced.h"

#include <stdint.h>

/* From compiler-rt's sanitizer/allocator_interface.h, which gcc does not
** install; libasan exports both. */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));
size_t __sanitizer_get_allocated_size(const volatile void *p);

static void mlsan_allocated(const volatile void *ptr, size_t size)
{
    if (mltr_claim((const void *)(uintptr_t)ptr))
        return;
    mlh_allocated(size);
    mlk_allocated((void *)(uintptr_t)ptr, size);
}

/* ASan runs free hooks before it releases the chunk. */
static void mlsan_released(const volatile void *ptr)
{
    size_t size = __sanitizer_get_allocated_size(ptr);

    if (mlu_take((const void *)(uintptr_t)ptr))
        return;
    mlk_released((void *)(uintptr_t)ptr, size);
    mlh_released(size);
}

__attribute__((constructor(101))) static void mlsan_install(void)
{
    __sanitizer_install_malloc_and_free_hooks(mlsan_allocated, mlsan_released);
}
