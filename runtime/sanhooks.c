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
** Hooks cannot mark blocks, so tracing stopped (tracing.h) only stops the
** lines here: allocations while stopped are not counted, and releases
** then leave the live heap only; a block allocated while stopped and
** released while tracing is counted as a release.
*/
#include "heap.h"
#include "leaks.h"
#include "tracing.h"

#include <stdint.h>

/* From compiler-rt's sanitizer/allocator_interface.h, which gcc does not
** install; libasan exports both. */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *));
size_t __sanitizer_get_allocated_size(const volatile void *p);

static void mlsan_allocated(const volatile void *ptr, size_t size)
{
    if (!mltr_tracing())
        return;
    mlh_allocated(size);
    mlk_allocated((void *)(uintptr_t)ptr, size);
}

/* ASan runs free hooks before it releases the chunk. */
static void mlsan_released(const volatile void *ptr)
{
    size_t size = __sanitizer_get_allocated_size(ptr);

    mlk_released((void *)(uintptr_t)ptr, size);
    if (!mltr_tracing()) {
        mlh_left(size);
        return;
    }
    mlh_released(size);
}

__attribute__((constructor(101))) static void mlsan_install(void)
{
    __sanitizer_install_malloc_and_free_hooks(mlsan_allocated, mlsan_released);
}
