/*
** runtime/reach.c — the reachability scan (reach.h).
**
** The live blocks are copied out of the block table in address order (it
** visits them so) into one array; a word is looked up by binary search
** over their starts. A block's `via` is the block whose word reached it
** (index + 1) or 0 when a root did (`root`, the range's index + 1);
** `word` is the address of that word. The queue of the breadth-first
** walk is a second array of indices. Every read, of roots and of blocks,
** goes through process_vm_readv, batched: a block whose release the table
** did not see (a signal handler's free inside a section) may be gone.
*/
#define _GNU_SOURCE
#include "reach.h"
#include "blockmap.h"
#include "leaks.h"
#include "fstack.h"
#include "mapped.h"
#include "records.h"

#include <sys/uio.h>
#include <unistd.h>

struct mlrc_block {
    uintptr_t start, end;
    uintptr_t word;
    unsigned site, line;
    unsigned via, root;
    int reached;
};

static struct mlrc_block *mlrc_blocks;
static size_t mlrc_n, mlrc_capacity;
static unsigned *mlrc_queue;
static size_t mlrc_queue_capacity, mlrc_head, mlrc_tail;
static struct mlro_range mlrc_roots[MLRO_MAX];
static int mlrc_nroots;
static int mlrc_failed;

#define MLRC_BUFFER_BYTES (1u << 20)
#define MLRC_BATCH 1024 /* iovecs per process_vm_readv (the kernel's UIO_MAXIOV) */

/* A batch of blocks being read, in runtime memory (never a root). */
struct mlrc_batch {
    struct iovec local[MLRC_BATCH], remote[MLRC_BATCH];
    unsigned which[MLRC_BATCH];
    uintptr_t words[MLRC_BUFFER_BYTES / sizeof(uintptr_t)];
};

static struct mlrc_batch *mlrc_batch;

static void mlrc_copy(void *ctx, uintptr_t block, struct mlbm_entry *e)
{
    (void)ctx;
    if (mlrc_n == mlrc_capacity &&
        mlm_grow((void **)&mlrc_blocks, &mlrc_capacity, sizeof *mlrc_blocks, 4096) != 0) {
        mlrc_failed = 1;
        return;
    }
    mlrc_blocks[mlrc_n++] = (struct mlrc_block){
        block, block + (uintptr_t)e->size, 0, e->site, e->site ? e->line : 0, 0, 0, 0};
}

/* The block holding address w, or -1. */
static long mlrc_find(uintptr_t w)
{
    size_t lo = 0, hi = mlrc_n;

    if (!mlrc_n || w < mlrc_blocks[0].start || w >= mlrc_blocks[mlrc_n - 1].end)
        return -1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;

        if (mlrc_blocks[mid].start <= w)
            lo = mid;
        else
            hi = mid;
    }
    if (w >= mlrc_blocks[lo].end)
        return -1;
#ifndef MEMLINE_NO_INTERPOSE
    /* glibc's usable size ends 8 bytes into the next chunk, whose header
    ** its bookkeeping (the arena's top and bins, in libc's data) points
    ** at: such a word holds nothing. */
    if (w == mlrc_blocks[lo].end - 8)
        return -1;
#endif
    return (long)lo;
}

static void mlrc_reach(uintptr_t w, uintptr_t word, unsigned via, unsigned root)
{
    long i = mlrc_find(w);
    struct mlrc_block *b;

    if (i < 0 || (b = &mlrc_blocks[i])->reached)
        return;
    b->reached = 1;
    b->via = via;
    b->root = root;
    b->word = word;
    if (mlrc_tail < mlrc_queue_capacity)
        mlrc_queue[mlrc_tail++] = (unsigned)i;
}

/* The words of memory read into words[0, n), found at `at`. */
static void mlrc_scan_words(const uintptr_t *words, size_t n, uintptr_t at, unsigned via,
                            unsigned root)
{
    uintptr_t low = mlrc_blocks[0].start, span = mlrc_blocks[mlrc_n - 1].end - low;
    size_t k;

    for (k = 0; k < n; k++)
        /* Most words point nowhere near the heap: one compare. */
        if (words[k] - low < span)
            mlrc_reach(words[k], at + k * sizeof(uintptr_t), via, root);
}

/* Scans the aligned words of [start, end) through a buffer on the stack;
** a page that cannot be read is skipped. */
static void mlrc_scan_range(uintptr_t start, uintptr_t end, unsigned via, unsigned root)
{
    uintptr_t buf[2048], at = (start + sizeof(uintptr_t) - 1) & ~(sizeof(uintptr_t) - 1);
    pid_t self = getpid();

    while (at + sizeof(uintptr_t) <= end) {
        size_t want = (end - at) & ~(sizeof(uintptr_t) - 1);
        struct iovec local, remote;
        ssize_t got;

        if (want > sizeof buf)
            want = sizeof buf;
        local = (struct iovec){buf, want};
        remote = (struct iovec){(void *)at, want};
        if ((got = process_vm_readv(self, &local, 1, &remote, 1, 0)) < (ssize_t)sizeof(uintptr_t)) {
            at = (at | 4095) + 1; /* the next page */
            continue;
        }
        mlrc_scan_words(buf, (size_t)got / sizeof(uintptr_t), at, via, root);
        at += (size_t)got & ~(sizeof(uintptr_t) - 1);
    }
}

/* Scans the blocks queued from mlrc_head on, many per system call: up to
** MLRC_BATCH of them into the batch's buffer at once. A block the kernel
** could not read whole (a release the table never saw unmapped it) is
** read again alone, page by page. */
static void mlrc_scan_queue(void)
{
    struct iovec *local = mlrc_batch->local, *remote = mlrc_batch->remote;
    unsigned *which = mlrc_batch->which;
    pid_t self = getpid();

    while (mlrc_head < mlrc_tail) {
        size_t total = 0, done = 0;
        unsigned n = 0, k;
        ssize_t got;

        while (mlrc_head < mlrc_tail && n < MLRC_BATCH) {
            unsigned i = mlrc_queue[mlrc_head];
            uintptr_t at =
                (mlrc_blocks[i].start + sizeof(uintptr_t) - 1) & ~(sizeof(uintptr_t) - 1);
            size_t length = (mlrc_blocks[i].end - at) & ~(sizeof(uintptr_t) - 1);

            if (length > MLRC_BUFFER_BYTES) {
                if (n)
                    break;
                mlrc_head++;
                mlrc_scan_range(at, mlrc_blocks[i].end, i + 1, 0);
                continue;
            }
            if (total + length > MLRC_BUFFER_BYTES)
                break;
            local[n] = (struct iovec){(char *)mlrc_batch->words + total, length};
            remote[n] = (struct iovec){(void *)at, length};
            which[n++] = i;
            total += length;
            mlrc_head++;
        }
        got = n ? process_vm_readv(self, local, n, remote, n, 0) : 0;
        for (k = 0; k < n; k++) {
            if (got >= 0 && done + local[k].iov_len <= (size_t)got)
                mlrc_scan_words(local[k].iov_base, local[k].iov_len / sizeof(uintptr_t),
                                (uintptr_t)remote[k].iov_base, which[k] + 1, 0);
            else
                mlrc_scan_range((uintptr_t)remote[k].iov_base,
                                (uintptr_t)remote[k].iov_base + remote[k].iov_len, which[k] + 1, 0);
            done += local[k].iov_len;
        }
    }
}

/* Inside the table's section, every lock taken. */
static void mlrc_walk(void *ctx)
{
    int r;

    (void)ctx;
    mlrc_n = 0;
    mlbm_each(MLBM_CALLER, mlrc_copy, NULL);
    while (!mlrc_failed && mlrc_queue_capacity < mlrc_n)
        mlrc_failed =
            mlm_grow((void **)&mlrc_queue, &mlrc_queue_capacity, sizeof *mlrc_queue, mlrc_n) != 0;
    if (!mlrc_batch && !(mlrc_batch = mlm_map(sizeof *mlrc_batch)))
        mlrc_failed = 1;
    if (mlrc_failed)
        return;
    mlrc_head = mlrc_tail = 0;
    if (!mlrc_n)
        return;
    for (r = 0; r < mlrc_nroots; r++)
        mlrc_scan_range(mlrc_roots[r].start, mlrc_roots[r].end, 0, (unsigned)r + 1);
    mlrc_scan_queue();
}

/* The calling thread's general registers, into words[]. */
static void mlrc_registers(uintptr_t *words)
{
#if defined(__x86_64__)
    __asm__ volatile("movq %%rax, 0(%0)\n\tmovq %%rbx, 8(%0)\n\tmovq %%rcx, 16(%0)\n\t"
                     "movq %%rdx, 24(%0)\n\tmovq %%rsi, 32(%0)\n\tmovq %%rdi, 40(%0)\n\t"
                     "movq %%rbp, 48(%0)\n\tmovq %%rsp, 56(%0)\n\tmovq %%r8, 64(%0)\n\t"
                     "movq %%r9, 72(%0)\n\tmovq %%r10, 80(%0)\n\tmovq %%r11, 88(%0)\n\t"
                     "movq %%r12, 96(%0)\n\tmovq %%r13, 104(%0)\n\tmovq %%r14, 112(%0)\n\t"
                     "movq %%r15, 120(%0)"
                     :
                     : "r"(words)
                     : "memory");
#else
    int i;

    __builtin_unwind_init();
    for (i = 0; i < MLRO_REGISTER_WORDS; i++)
        words[i] = 0;
#endif
}

/* Where the stack's scan starts: the innermost active profiled frame, or
** once every one returned, the outermost one's place (its callers'
** frames only). Below lie dead frames, whose stale words would hold
** blocks that nothing holds; the frames of functions it calls that are
** not profiled are not scanned either. */
static uintptr_t mlrc_stack_low(uintptr_t sp)
{
    struct mlfs_stack *st = mlrec_frames();
    uintptr_t low = 0;

    if (st && st->top)
        low = st->top->entry;
    else if (st && st->first)
        low = st->first->slots[0].entry;
    return low > sp ? low : sp;
}

int mlrc_scan(void)
{
    uintptr_t registers[MLRO_REGISTER_WORDS];
    struct mlfs_stack *st = mlrec_frames();

    mlrc_registers(registers);
    mlrc_nroots = mlro_collect(mlrc_roots, registers,
                               mlrc_stack_low((uintptr_t)(registers + MLRO_REGISTER_WORDS)),
                               st && st->bounds == MLFS_BOUNDS_KNOWN ? st->high : 0);
    mlrc_failed = 0;
    if (mlk_scan(mlrc_walk, NULL) != 0 || mlrc_failed) {
        mlrc_n = 0;
        return -1;
    }
    return 0;
}

void mlrc_each(mlrc_visitor visit, void *ctx)
{
    size_t i;

    for (i = 0; i < mlrc_n; i++)
        if (mlrc_blocks[i].site)
            visit(ctx, (unsigned)i, mlrc_blocks[i].site, mlrc_blocks[i].line,
                  (long long)(mlrc_blocks[i].end - mlrc_blocks[i].start), mlrc_blocks[i].reached);
}

/* The block `steps` hops from block i towards its root. */
static unsigned mlrc_back(unsigned i, unsigned steps)
{
    while (steps--)
        i = mlrc_blocks[i].via - 1;
    return i;
}

static struct mlrc_hop mlrc_hop_of(unsigned i, long long offset)
{
    return (struct mlrc_hop){0, NULL, 0, mlrc_blocks[i].site, mlrc_blocks[i].line, offset};
}

int mlrc_path(unsigned index, struct mlrc_hop *hops, unsigned *skipped)
{
    unsigned length = 0, shown, k, i, n = 0;
    const struct mlrc_block *first;

    *skipped = 0;
    if (index >= mlrc_n || !mlrc_blocks[index].reached)
        return 0;
    for (i = index; mlrc_blocks[i].via; i = mlrc_blocks[i].via - 1)
        length++;
    first = &mlrc_blocks[i];
    hops[n++] = (struct mlrc_hop){1, &mlrc_roots[first->root - 1], first->word, 0, 0, 0};
    shown = length <= MLRC_MAX_HOPS - 2 ? length : MLRC_MAX_HOPS - 2;
    *skipped = length - shown;
    for (k = 0; k < shown; k++) {
        unsigned j = mlrc_back(index, length - k), next = mlrc_back(index, length - k - 1);

        hops[n++] = mlrc_hop_of(j, (long long)(mlrc_blocks[next].word - mlrc_blocks[j].start));
    }
    hops[n++] = mlrc_hop_of(index, 0);
    return (int)n;
}
