/*
** runtime/arena.c — mmap-backed bump allocation for the runtime's own data.
*/
#define _GNU_SOURCE
#include "arena.h"

#include <pthread.h>
#include <sys/mman.h>

#define MLA_CHUNK (1024 * 1024)

static pthread_mutex_t mla_lock = PTHREAD_MUTEX_INITIALIZER;
static char *mla_next;
static size_t mla_left;

static void *mla_map(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

void *mla_alloc(size_t size)
{
    void *p;

    size = (size + 15) & ~(size_t)15;
    if (size > MLA_CHUNK / 4)
        return mla_map(size);
    pthread_mutex_lock(&mla_lock);
    if (size > mla_left) {
        char *chunk = mla_map(MLA_CHUNK);

        if (!chunk) {
            pthread_mutex_unlock(&mla_lock);
            return NULL;
        }
        mla_next = chunk;
        mla_left = MLA_CHUNK;
    }
    p = mla_next;
    mla_next += size;
    mla_left -= size;
    pthread_mutex_unlock(&mla_lock);
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
