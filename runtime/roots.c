/*
** runtime/roots.c — the scan's roots (roots.h).
**
** Objects come from dl_iterate_phdr (writable PT_LOAD segments: data,
** bss, the GOT). The stack's top is the frame stack's bounds (fstack.h)
** when known, else the end of its mapping in /proc/self/maps, read into a
** buffer on the stack: pthread_getattr_np would allocate.
*/
#define _GNU_SOURCE
#include "roots.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

struct mlro_list {
    struct mlro_range *ranges;
    int n;
    uintptr_t own_base; /* the runtime's own object */
};

static __thread char mlro_tls_mark __attribute__((tls_model("initial-exec")));
__thread int mlro_seen __attribute__((tls_model("initial-exec")));

/* Descriptors (pthread_self) of the threads seen; a thread that exited
** keeps its entry: glibc keeps its descriptor and DTV while it caches the
** stack, and a new thread on that stack has the same descriptor. */
static uintptr_t mlro_threads[MLRO_THREADS];
static unsigned mlro_nthreads;
static pthread_mutex_t mlro_threads_lock = PTHREAD_MUTEX_INITIALIZER;

void mlro_thread_seen(void)
{
    uintptr_t self = (uintptr_t)pthread_self();
    unsigned i;

    mlro_seen = 1;
    pthread_mutex_lock(&mlro_threads_lock);
    for (i = 0; i < mlro_nthreads && mlro_threads[i] != self; i++)
        ;
    if (i == mlro_nthreads && i < MLRO_THREADS)
        __atomic_store_n(&mlro_threads[__atomic_fetch_add(&mlro_nthreads, 1, __ATOMIC_RELAXED)],
                         self, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&mlro_threads_lock);
}

static void mlro_add(struct mlro_list *l, uintptr_t start, uintptr_t end, enum mlro_kind kind,
                     uintptr_t base, const char *object)
{
    if (l->n < MLRO_MAX && end > start)
        l->ranges[l->n++] = (struct mlro_range){start, end, kind, base, object};
}

static int mlro_object(struct dl_phdr_info *info, size_t size, void *ctx)
{
    struct mlro_list *l = ctx;
    int i;

    (void)size;
    /* The runtime's own data, unless it is linked into the program. */
    if (info->dlpi_addr == l->own_base && info->dlpi_name && info->dlpi_name[0])
        return 0;
    for (i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_W))
            mlro_add(l, info->dlpi_addr + ph->p_vaddr, info->dlpi_addr + ph->p_vaddr + ph->p_memsz,
                     MLRO_GLOBAL, info->dlpi_addr, info->dlpi_name ? info->dlpi_name : "");
    }
    return 0;
}

static uintptr_t mlro_hex(const char **p)
{
    uintptr_t v = 0;

    for (;; (*p)++) {
        char c = **p;

        if (c >= '0' && c <= '9')
            v = v * 16 + (uintptr_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v = v * 16 + (uintptr_t)(c - 'a' + 10);
        else
            return v;
    }
}

/* The end of the mapping holding `a`, or 0 if not found. */
static uintptr_t mlro_mapping_end(uintptr_t a)
{
    char buf[4096];
    size_t have = 0;
    ssize_t got;
    uintptr_t found = 0;
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return 0;
    while (!found && ((got = read(fd, buf + have, sizeof buf - 1 - have)) > 0 || have)) {
        char *nl;
        const char *p = buf;
        uintptr_t start, end;

        have += got > 0 ? (size_t)got : 0;
        buf[have] = 0;
        if (!(nl = memchr(buf, '\n', have))) {
            if (got <= 0 || have == sizeof buf - 1)
                break;
            continue;
        }
        start = mlro_hex(&p);
        p++;
        end = mlro_hex(&p);
        if (a >= start && a < end)
            found = end;
        have -= (size_t)(nl + 1 - buf);
        memmove(buf, nl + 1, have);
    }
    close(fd);
    return found;
}

/* Static TLS has the same layout in every thread: our own variable lies
** `below` bytes under the descriptor. From it to a page past the
** descriptor: the TLS of the program and the runtime, and the descriptor
** (a range past its mapping's end reads as far as it can). Not the whole
** mapping: the kernel merges neighbouring anonymous mappings, a thread's
** TLS with another's old stack. */
static void mlro_threads_tls(struct mlro_list *l)
{
    uintptr_t self = (uintptr_t)pthread_self(), below = self - (uintptr_t)&mlro_tls_mark;
    unsigned i, n = __atomic_load_n(&mlro_nthreads, __ATOMIC_RELAXED);

    if (below > (1u << 20))
        return;
    mlro_add(l, self - below, self + 4096, MLRO_TLS, 0, "");
    for (i = 0; i < n; i++) {
        uintptr_t t = __atomic_load_n(&mlro_threads[i], __ATOMIC_RELAXED);

        if (t && t != self)
            mlro_add(l, t - below, t + 4096, MLRO_TLS, 0, "");
    }
}

int mlro_collect(struct mlro_range *ranges, uintptr_t *registers, uintptr_t stack_low,
                 uintptr_t stack_high)
{
    struct mlro_list l = {ranges, 0, 0};
    Dl_info self;

    if (dladdr((void *)(uintptr_t)mlro_collect, &self))
        l.own_base = (uintptr_t)self.dli_fbase;
    dl_iterate_phdr(mlro_object, &l);
    mlro_threads_tls(&l);
    if (!stack_high || stack_high <= stack_low)
        stack_high = mlro_mapping_end(stack_low);
    mlro_add(&l, stack_low, stack_high, MLRO_STACK, 0, "");
    mlro_add(&l, (uintptr_t)registers, (uintptr_t)(registers + MLRO_REGISTER_WORDS), MLRO_REGISTERS,
             0, "");
    return l.n;
}
