/*
** runtime/arena.c — mmap-backed bump allocation for the runtime's own data.
**
** The first allocation also maps a reserve chunk, used only once mmap
** fails (the program exhausted its address space, e.g. under ulimit -v):
** the report written at exit then still finds room for its tables. The
** lock is a guard.h critical section (no signal handler interrupts it).
*/
#define _GNU_SOURCE
#include "arena.h"
#include "guard.h"

#include <sys/mman.h>

#define MLA_CHUNK (1024 * 1024)

static pthread_mutex_t mla_lock = PTHREAD_MUTEX_INITIALIZER;
static char *mla_next;
static size_t mla_left;
static char *mla_reserve;
static size_t mla_used;

static void *mla_map(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

/* A fresh chunk: a new mapping, else the reserve (once). */
static char *mla_new_chunk(void)
{
    char *chunk = mla_map(MLA_CHUNK);

    if (!chunk) {
        chunk = mla_reserve;
        mla_reserve = NULL;
    }
    return chunk;
}

size_t mla_overhead(void)
{
    return __atomic_load_n(&mla_used, __ATOMIC_RELAXED);
}

void *mla_alloc(size_t size)
{
    sigset_t saved;
    void *p;

    size = (size + 15) & ~(size_t)15;
    if (size > MLA_CHUNK / 4) {
        p = mla_map(size);
        if (p)
            __atomic_fetch_add(&mla_used, size, __ATOMIC_RELAXED);
        return p;
    }
    mlg_lock(&mla_lock, &saved);
    if (!mla_next)
        mla_reserve = mla_map(MLA_CHUNK);
    if (size > mla_left) {
        char *chunk = mla_new_chunk();

        if (!chunk) {
            mlg_unlock(&mla_lock, &saved);
            return NULL;
        }
        mla_next = chunk;
        mla_left = MLA_CHUNK;
    }
    p = mla_next;
    mla_next += size;
    mla_left -= size;
    __atomic_fetch_add(&mla_used, size, __ATOMIC_RELAXED);
    mlg_unlock(&mla_lock, &saved);
    return p;
}

void mla_fork_prepare(void)
{
    pthread_mutex_lock(&mla_lock);
}

void mla_fork_parent(void)
{
    pthread_mutex_unlock(&mla_lock);
}

void mla_fork_child(void)
{
    pthread_mutex_unlock(&mla_lock);
}
