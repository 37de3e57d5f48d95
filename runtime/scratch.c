/*
** runtime/scratch.c — records no report reads (see scratch.h). Tables come
** from the runtime's arena (arena.h) and are never freed: a thread's old
** table may still be what a signal handler's entry reads. A thread's own
** scratch hangs off its state (records.h), which outlives it in the pool.
*/
#define _GNU_SOURCE
#include "scratch.h"
#include "arena.h"
#include "outbuf.h"
#include "records.h"

#include <pthread.h>
#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

#define MLSC_BYTES (64UL << 20)
_Static_assert(MLSC_BYTES >= (MLREC_MAX_SLOTS + 1UL) * sizeof(struct memline_line),
               "the shared scratch holds the longest site");

static struct memline_line *mlsc_area;
static pthread_once_t mlsc_once = PTHREAD_ONCE_INIT;
static unsigned mlsc_refused_version;
static __thread struct memline_frame mlsc_frame __attribute__((tls_model("initial-exec")));
static __thread struct memline_line **mlsc_thread_table __attribute__((tls_model("initial-exec")));
static __thread unsigned mlsc_thread_n __attribute__((tls_model("initial-exec")));

static void *mlsc_map_bytes(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

static void mlsc_map(void)
{
    mlsc_area = mlsc_map_bytes(MLSC_BYTES);
}

/* The shared area: room for any site. */
static struct memline_line *mlsc_shared(void)
{
    pthread_once(&mlsc_once, mlsc_map);
    if (!mlsc_area)
        _exit(127);
    return mlsc_area + 1; /* its lines[-1] too goes nowhere */
}

/* The thread's own scratch, or NULL (no state yet, or no mapping). */
static struct memline_line *mlsc_own(void)
{
    struct mlrec_thread *rt = (struct mlrec_thread *)memline_tls.state;

    if (!rt)
        return NULL;
    if (!rt->scratch)
        rt->scratch = mlsc_map_bytes((MLSC_THREAD_LINES + 1) * sizeof(struct memline_line));
    return rt->scratch ? rt->scratch + 1 : NULL;
}

struct memline_line *mlsc_lines(unsigned n)
{
    struct memline_line *own = n <= MLSC_THREAD_LINES ? mlsc_own() : NULL;

    return own ? own : mlsc_shared();
}

int mlsc_is(const struct memline_line *lines)
{
    const struct mlrec_thread *rt = (const struct mlrec_thread *)memline_tls.state;

    return (mlsc_area && lines == mlsc_area + 1) || (rt && rt->scratch && lines == rt->scratch + 1);
}

/* One line per refused probe version, then silence. */
static void mlsc_complain(unsigned version)
{
    struct mlo_out o;
    int fd = STDERR_FILENO;

    if (__atomic_exchange_n(&mlsc_refused_version, version, __ATOMIC_RELAXED) == version)
        return;
    mlo_init(&o, mlo_fd_sink, &fd);
    if (version == MEMLINE_PROBE_VERSION) {
        mlo_puts(&o, "memline: out of memory for line records; some calls are not counted\n");
    } else {
        mlo_puts(&o, "memline: ignoring profiled code built for probe interface version ");
        mlo_u64(&o, version);
        mlo_puts(&o, " (this runtime speaks version ");
        mlo_u64(&o, MEMLINE_PROBE_VERSION);
        mlo_puts(&o, "); rebuild it with this memline\n");
    }
    mlo_finish(&o);
}

struct memline_frame *mlsc_refuse(unsigned version)
{
    struct memline_frame *f = &mlsc_frame;

    mlsc_complain(version);
    f->lines = mlsc_shared();
    f->site = NULL;
    f->mem = 0;
    f->mark_events = memline_tls.events;
    return f;
}

struct memline_line **mlsc_table(unsigned *n)
{
    unsigned i;

    if (mlsc_thread_n < *n) {
        struct memline_line **table = mla_alloc(*n * sizeof *table);

        if (!table)
            return NULL;
        table[0] = NULL;
        for (i = 1; i < *n; i++) {
            unsigned need = 1;

            /* Only when some site is too long for the thread's scratch. */
            if (__atomic_load_n(&mlrec_longest, __ATOMIC_RELAXED) > MLSC_THREAD_LINES) {
                const struct memline_site *site = mlrec_site(i);

                need = site ? mlrec_nslots(site) : MLSC_THREAD_LINES + 1;
            }
            table[i] = mlsc_lines(need);
        }
        mlsc_thread_table = table;
        mlsc_thread_n = *n;
    }
    *n = mlsc_thread_n;
    return mlsc_thread_table;
}
