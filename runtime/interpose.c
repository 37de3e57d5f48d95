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
** While tracing is stopped (tracing.h) the wrappers hand out untraced
** blocks: the glibc block is longer by 16 bytes (or by the alignment
** asked, at least 16), the program gets the address past that, and the
** word before it holds the offset with bit 3 set, which no glibc chunk
** header has. Every release and realloc reads that word anyway (it is the
** chunk header the accounting reads), so telling the two apart costs a
** bit test. Untraced blocks are counted nowhere; a traced block released
** while stopped leaves the live heap without charging any line. The marks
** need the chunk header as mlx_check_header found it: otherwise blocks
** allocated while stopped are traced as usual.
**
** Not compiled in sanitizer builds (MEMLINE_NO_INTERPOSE): the sanitizer
** owns malloc there and sanhooks.c feeds heap.h instead.
*/
#define _GNU_SOURCE
#include "export.h"
#include "heap.h"
#include "leaks.h"
#include "tracing.h"

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

/* The word before block p: glibc's chunk header (the chunk's size, its low
** three bits flags; bit 1 marks an mmapped chunk, whose usable part is
** one word shorter, having no next chunk's prev_size word to borrow), or
** an untraced block's mark. */
static inline size_t mlx_word(const void *p)
{
    size_t word;

    memcpy(&word, (const char *)p - sizeof word, sizeof word);
    return word;
}

static inline size_t mlx_word_usable(size_t word)
{
    return (word & ~(size_t)7) - sizeof word - (word & 2) * (sizeof word / 2);
}

static size_t mlx_header_usable(const void *p)
{
    return mlx_word_usable(mlx_word(p));
}

#define MLX_UNTRACED_MARK ((size_t)8)

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
        int agrees = p && mlx_header_usable(p) == real(p) && !(mlx_word(p) & MLX_UNTRACED_MARK);

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

/* Whether blocks can be marked untraced (the header reading agrees). */
static inline int mlx_marking(void)
{
    return __atomic_load_n(&mlx_header_agrees, __ATOMIC_RELAXED);
}

/* Whether the block at p (from these wrappers, not the bootstrap area) is
** untraced; *word gets the word before it. */
static inline int mlx_untraced_block(void *p, size_t *word)
{
    *word = mlx_word(p);
    return mlx_marking() && (*word & MLX_UNTRACED_MARK);
}

static inline char *mlx_untraced_base(void *p, size_t word)
{
    return (char *)p - (word & ~(size_t)15);
}

/* glibc block base (or NULL), made untraced at base + offset. */
static void *mlx_mark(void *base, size_t offset)
{
    size_t word = offset | MLX_UNTRACED_MARK;
    char *p = (char *)base + offset;

    if (!base)
        return NULL;
    memcpy(p - sizeof word, &word, sizeof word);
    return p;
}

/* The allocation while tracing is stopped: an untraced block of `size`
** bytes aligned to `alignment` (a power of two, at least 16); glibc's
** aligned entry point only when more than malloc's 16 is asked. */
static void *mlx_untraced(size_t size, size_t alignment, int zero)
{
    void *base;

    mltr_sync();
    if (size > SIZE_MAX - alignment) {
        errno = ENOMEM;
        return NULL;
    }
    if (alignment > 16)
        base = __libc_memalign(alignment, size + alignment);
    else if (zero)
        base = __libc_calloc(1, size + alignment);
    else
        base = __libc_malloc(size + alignment);
    return mlx_mark(base, alignment);
}

/* Whether this allocation is an untraced one. */
static inline int mlx_stopped(void)
{
    return __builtin_expect(!mltr_tracing(), 0) && mlx_marking();
}

/* The smallest power of two at least `alignment` and 16. */
static size_t mlx_alignment(size_t alignment)
{
    size_t a = 16;

    while (a < alignment && a <= SIZE_MAX / 2)
        a *= 2;
    return a;
}

MEMLINE_EXPORT void *malloc(size_t size)
{
    MLX_BOOTSTRAP(mlx_boot_alloc(size));
    if (mlx_stopped())
        return mlx_untraced(size, 16, 0);
    return mlx_counted(__libc_malloc(size));
}

/* A traced block's release: while stopped it leaves the live heap only. */
static inline void mlx_release(void *ptr, size_t usable)
{
    mlk_released(ptr, usable);
    __libc_free(ptr);
    if (__builtin_expect(!mltr_tracing(), 0)) {
        mltr_sync();
        mlh_left(usable);
        return;
    }
    mlh_released(usable);
}

MEMLINE_EXPORT void free(void *ptr)
{
    size_t word;

    if (!ptr || mlx_is_boot(ptr))
        return;
    if (__builtin_expect(mlx_untraced_block(ptr, &word), 0)) {
        __libc_free(mlx_untraced_base(ptr, word));
        return;
    }
    mlx_release(ptr, mlx_marking() ? mlx_word_usable(word) : mlx_real(ptr));
}

MEMLINE_EXPORT void *calloc(size_t count, size_t size)
{
    size_t total;

    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    MLX_BOOTSTRAP(mlx_boot_alloc(total));
    if (mlx_stopped())
        return mlx_untraced(total, 16, 1);
    return mlx_counted(__libc_calloc(count, size));
}

/* realloc of an untraced block: untraced while stopped (glibc's realloc
** keeps the mark, which is data to it), else a traced copy. */
static void *mlx_realloc_untraced(void *ptr, size_t word, size_t size)
{
    size_t offset = word & ~(size_t)15, keep;
    char *base = mlx_untraced_base(ptr, word), *p;

    if (mlx_stopped()) {
        if (size > SIZE_MAX - offset) {
            errno = ENOMEM;
            return NULL;
        }
        p = __libc_realloc(base, size + offset);
        return p ? p + offset : NULL;
    }
    p = malloc(size);
    if (p) {
        keep = mlx_real(base) - offset;
        memcpy(p, ptr, keep < size ? keep : size);
        __libc_free(base);
    }
    return p;
}

/* realloc of a traced block while stopped: an untraced copy. */
static void *mlx_realloc_stopped(void *ptr, size_t size)
{
    size_t keep = mlx_usable(ptr);
    void *p = mlx_untraced(size, 16, 0);

    if (p) {
        memcpy(p, ptr, keep < size ? keep : size);
        mlx_release(ptr, keep);
    }
    return p;
}

MEMLINE_EXPORT void *realloc(void *ptr, size_t size)
{
    size_t old, word;
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
    if (mlx_untraced_block(ptr, &word))
        return mlx_realloc_untraced(ptr, word, size);
    if (mlx_stopped())
        return mlx_realloc_stopped(ptr, size);
    old = mlx_usable(ptr);
    mlk_released(ptr, old);
    p = __libc_realloc(ptr, size);
    if (p) {
        size_t usable = mlx_usable(p);

        mlh_released(old);
        mlh_allocated(usable);
        mlk_allocated(p, usable);
    } else {
        mlk_allocated(ptr, old);
    }
    return p;
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
    if (mlx_stopped())
        return mlx_untraced(size, mlx_alignment(alignment), 0);
    return mlx_counted(__libc_memalign(alignment, size));
}

MEMLINE_EXPORT void *aligned_alloc(size_t alignment, size_t size)
{
    MLX_BOOTSTRAP(NULL);
    if (mlx_stopped())
        return mlx_untraced(size, mlx_alignment(alignment), 0);
    return mlx_counted(__libc_memalign(alignment, size));
}

MEMLINE_EXPORT int posix_memalign(void **out, size_t alignment, size_t size)
{
    void *p;

    if (alignment == 0 || alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0)
        return EINVAL;
    MLX_BOOTSTRAP(ENOMEM);
    if (mlx_stopped()) {
        p = mlx_untraced(size, mlx_alignment(alignment), 0);
        if (!p)
            return ENOMEM;
        *out = p;
        return 0;
    }
    p = __libc_memalign(alignment, size);
    if (!p)
        return ENOMEM;
    *out = mlx_counted(p);
    return 0;
}

MEMLINE_EXPORT void *valloc(size_t size)
{
    MLX_BOOTSTRAP(NULL);
    if (mlx_stopped())
        return mlx_untraced(size, (size_t)sysconf(_SC_PAGESIZE), 0);
    return mlx_counted(__libc_valloc(size));
}

MEMLINE_EXPORT void *pvalloc(size_t size)
{
    size_t page;

    MLX_BOOTSTRAP(NULL);
    if (mlx_stopped()) {
        page = (size_t)sysconf(_SC_PAGESIZE);
        if (size > SIZE_MAX - page) {
            errno = ENOMEM;
            return NULL;
        }
        return mlx_untraced(size ? (size + page - 1) & ~(page - 1) : page, page, 0);
    }
    return mlx_counted(__libc_pvalloc(size));
}

MEMLINE_EXPORT size_t malloc_usable_size(void *ptr)
{
    size_t word;

    if (!ptr)
        return 0;
    if (mlx_is_boot(ptr))
        return mlx_boot_size(ptr);
    if (mlx_untraced_block(ptr, &word))
        return mlx_real(mlx_untraced_base(ptr, word)) - (word & ~(size_t)15);
    return mlx_real(ptr);
}
