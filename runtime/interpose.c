/*
** runtime/interpose.c — the malloc family, interposed for the whole
** process (libmemline.so comes first in DT_NEEDED). Each wrapper calls
** glibc's own allocator through its exported __libc_* entry points and
** reports usable sizes to heap.h.
**
** glibc has no __libc_ twin of malloc_usable_size, so the real one is found
** with dlsym(RTLD_NEXT) on first use. dlsym may itself allocate: while a
** thread resolves it, that thread's allocations come from a small static
** bootstrap area that is never counted and never freed (the aligned
** variants fail meanwhile; dlsym does not use them).
**
** The wrappers' own accounting reads the size from the word glibc keeps
** right before every block (its chunk header) instead of calling the real
** function: a load instead of a call that also reads the next chunk's
** header. mlx_resolve checks that reading against the real function on
** blocks of every kind (small, large, mmapped, aligned) and keeps calling
** the real one if any answer differs. What the program itself asks
** (malloc_usable_size) always gets the real answer.
**
** realloc counts the old block's release and the new block's allocation,
** and only when the call succeeded; calloc and reallocarray fail with
** ENOMEM on size overflow.
**
** With per-line leaks on (leaks.h) every counted block is also reported
** to the leak table, and every release is, before glibc gets the block
** back (so its address cannot be reused first); realloc's old block is
** released before the call and, if the call fails, tracked again as
** allocated by the current line.
**
** While tracing is stopped (tracing.h) every block allocated is marked
** untraced (untraced.h) and counted nowhere; a release or realloc looks
** the mark up (one predictable branch until the first stop) and changes
** nothing for such a block. A traced block released while stopped leaves
** the live heap without charging any line; realloc of an untraced block
** while tracing counts the result as a new allocation, and of a traced
** one while stopped releases it so and leaves the result untraced.
**
** Not compiled in sanitizer builds (MEMLINE_NO_INTERPOSE): the sanitizer
** owns malloc there and sanhooks.c feeds heap.h instead.
*/
#define _GNU_SOURCE
#include "export.h"
#include "heap.h"
#include "leaks.h"
#include "tracing.h"
#include "untraced.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void __libc_free(void *ptr);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void *__libc_valloc(size_t size);
extern void *__libc_pvalloc(size_t size);

typedef size_t (*mlx_usable_fn)(void *);

static mlx_usable_fn mlx_real_usable;
static int mlx_header_agrees;
static __thread int mlx_resolving __attribute__((tls_model("initial-exec")));

/* Bootstrap blocks: a 16-byte header holding the size, then the data. */
static _Alignas(16) char mlx_boot[16384];
static size_t mlx_boot_used;

static int mlx_is_boot(const void *p)
{
    return (const char *)p >= mlx_boot && (const char *)p < mlx_boot + sizeof mlx_boot;
}

static void *mlx_boot_alloc(size_t size)
{
    size_t need = 16 + ((size + 15) & ~(size_t)15);
    size_t at = __atomic_fetch_add(&mlx_boot_used, need, __ATOMIC_RELAXED);

    if (size > sizeof mlx_boot || at + need > sizeof mlx_boot) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(mlx_boot + at, &size, sizeof size);
    return mlx_boot + at + 16;
}

static size_t mlx_boot_size(const void *p)
{
    size_t size;

    memcpy(&size, (const char *)p - 16, sizeof size);
    return size;
}

/* glibc's chunk header: the size word before the block, its low three bits
** flags; bit 1 marks an mmapped chunk, whose usable part is one word
** shorter (no next chunk's prev_size word to borrow). */
static size_t mlx_header_usable(const void *p)
{
    size_t word;

    memcpy(&word, (const char *)p - sizeof word, sizeof word);
    return (word & ~(size_t)7) - sizeof word - (word & 2) * (sizeof word / 2);
}

/* Whether mlx_header_usable answers as the real function does. The large
** block is mmapped and above glibc's 32 MiB cap on the dynamic mmap
** threshold, so freeing it leaves the threshold (and the program's
** allocation pattern) as it was. */
static int mlx_check_header(mlx_usable_fn real)
{
    static const size_t sizes[] = {1, 24, 25, 100, 1000, 4000, 70000, (size_t)64 << 20};
    size_t i;

    for (i = 0; i <= sizeof sizes / sizeof sizes[0]; i++) {
        /* Past the sizes: an aligned block. */
        void *p =
            i < sizeof sizes / sizeof sizes[0] ? __libc_malloc(sizes[i]) : __libc_memalign(64, 100);
        int agrees = p && mlx_header_usable(p) == real(p);

        __libc_free(p);
        if (!agrees)
            return 0;
    }
    return 1;
}

static mlx_usable_fn mlx_resolve(void)
{
    static const char msg[] = "memline: cannot find glibc's malloc_usable_size\n";
    mlx_usable_fn fn;
    void *sym;

    mlx_resolving = 1;
    sym = dlsym(RTLD_NEXT, "malloc_usable_size");
    mlx_resolving = 0;
    if (!sym) {
        if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
            _exit(127);
        _exit(127);
    }
    memcpy(&fn, &sym, sizeof fn);
    __atomic_store_n(&mlx_header_agrees, mlx_check_header(fn), __ATOMIC_RELAXED);
    __atomic_store_n(&mlx_real_usable, fn, __ATOMIC_RELEASE);
    return fn;
}

/* The real function, for what the program itself asks. */
static __attribute__((noinline)) size_t mlx_real(void *p)
{
    mlx_usable_fn fn = __atomic_load_n(&mlx_real_usable, __ATOMIC_ACQUIRE);

    return (fn ? fn : mlx_resolve())(p);
}

/* For the accounting, of a live block from glibc. mlx_header_agrees is
** only ever set by mlx_resolve, after its check. */
static inline size_t mlx_usable(void *p)
{
    if (__builtin_expect(__atomic_load_n(&mlx_header_agrees, __ATOMIC_RELAXED), 1))
        return mlx_header_usable(p);
    return mlx_real(p);
}

/* Every allocating wrapper starts here: resolve before the first real
** allocation; while resolving, return `bootstrap` (dlsym's own allocations
** come from the bootstrap area, which is zero and never reused). */
#define MLX_BOOTSTRAP(bootstrap)                                                                   \
    do {                                                                                           \
        if (__builtin_expect(mlx_resolving, 0))                                                    \
            return bootstrap;                                                                      \
        if (__builtin_expect(!__atomic_load_n(&mlx_real_usable, __ATOMIC_ACQUIRE), 0))             \
            mlx_resolve();                                                                         \
    } while (0)

static inline __attribute__((always_inline)) void *mlx_counted(void *p)
{
    if (p) {
        size_t usable = mlx_usable(p);

        mlh_allocated(usable);
        mlk_allocated(p, usable);
    }
    return p;
}

/* Every new block: counted, or marked untraced while tracing is stopped. */
static inline __attribute__((always_inline)) void *mlx_new(void *p)
{
    if (mltr_claim(p))
        return p;
    return mlx_counted(p);
}

MEMLINE_EXPORT void *malloc(size_t size)
{
    MLX_BOOTSTRAP(mlx_boot_alloc(size));
    return mlx_new(__libc_malloc(size));
}

MEMLINE_EXPORT void free(void *ptr)
{
    size_t usable;

    if (!ptr || mlx_is_boot(ptr))
        return;
    if (__builtin_expect(mlu_take(ptr), 0)) {
        __libc_free(ptr);
        return;
    }
    usable = mlx_usable(ptr);
    mlk_released(ptr, usable);
    __libc_free(ptr);
    mlh_released(usable);
}

MEMLINE_EXPORT void *calloc(size_t count, size_t size)
{
    size_t total;

    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    MLX_BOOTSTRAP(mlx_boot_alloc(total));
    return mlx_new(__libc_calloc(count, size));
}

MEMLINE_EXPORT void *realloc(void *ptr, size_t size)
{
    size_t old;
    void *p;

    if (!ptr)
        return malloc(size);
    if (mlx_is_boot(ptr)) {
        size_t keep = mlx_boot_size(ptr);

        p = malloc(size);
        if (p)
            memcpy(p, ptr, keep < size ? keep : size);
        return p;
    }
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    if (__builtin_expect(mlu_take(ptr), 0)) {
        p = __libc_realloc(ptr, size);
        if (!p) {
            mlu_mark(ptr); /* its region exists: cannot fail */
            return NULL;
        }
        return mlx_new(p);
    }
    old = mlx_usable(ptr);
    mlk_released(ptr, old);
    p = __libc_realloc(ptr, size);
    if (!p) {
        mlk_allocated(ptr, old);
        return NULL;
    }
    mlh_released(old);
    return mlx_new(p);
}

MEMLINE_EXPORT void *reallocarray(void *ptr, size_t count, size_t size)
{
    size_t total;

    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(ptr, total);
}

MEMLINE_EXPORT void *memalign(size_t alignment, size_t size)
{
    MLX_BOOTSTRAP(NULL);
    return mlx_new(__libc_memalign(alignment, size));
}

MEMLINE_EXPORT void *aligned_alloc(size_t alignment, size_t size)
{
    MLX_BOOTSTRAP(NULL);
    return mlx_new(__libc_memalign(alignment, size));
}

MEMLINE_EXPORT int posix_memalign(void **out, size_t alignment, size_t size)
{
    void *p;

    if (alignment == 0 || alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    MLX_BOOTSTRAP(ENOMEM);
    p = __libc_memalign(alignment, size);
    if (!p)
        return ENOMEM;
    *out = mlx_new(p);
    return 0;
}

MEMLINE_EXPORT void *valloc(size_t size)
{
    MLX_BOOTSTRAP(NULL);
    return mlx_new(__libc_valloc(size));
}

MEMLINE_EXPORT void *pvalloc(size_t size)
{
    MLX_BOOTSTRAP(NULL);
    return mlx_new(__libc_pvalloc(size));
}

MEMLINE_EXPORT size_t malloc_usable_size(void *ptr)
{
    if (!ptr)
        return 0;
    if (mlx_is_boot(ptr))
        return mlx_boot_size(ptr);
    return mlx_real(ptr);
}
