/*
** runtime/roots.h — where the reachability scan (reach.h) starts (prefix
** mlro_): the memory outside the heap that may hold pointers to blocks.
**
** Roots: the writable segments (data, bss) of every loaded object but the
** runtime's own, the calling thread's registers and stack (between the
** addresses the caller gives), and for it and every other thread the
** runtime saw (mlro_thread_seen) the top of its static TLS and its
** descriptor (glibc's struct pthread: its DTV and pthread_setspecific
** values). Other threads'
** stacks and registers are not roots: a block only they point at is
** reported lost.
**
** Invariants: mlro_collect allocates nothing from the heap (it runs
** inside the report); ranges are only described here, never read, and may
** have been unmapped by the time they are (the scan reads them safely).
*/
#ifndef MEMLINE_ROOTS_H
#define MEMLINE_ROOTS_H

#include <stdint.h>

enum mlro_kind { MLRO_GLOBAL, MLRO_REGISTERS, MLRO_STACK, MLRO_TLS };

struct mlro_range {
    uintptr_t start, end;
    enum mlro_kind kind;
    uintptr_t object_base; /* MLRO_GLOBAL: the object's load address */
    const char *object;    /* and its file ("" for the program) */
};

#define MLRO_MAX 4608
#define MLRO_THREADS 4096
#define MLRO_REGISTER_WORDS 16

/* Fills ranges[] (at most MLRO_MAX) and returns their number, in the
** order that settles a tie between two roots: globals, thread-local
** storage, the stack, the registers (the most lasting holder first).
** `registers` (MLRO_REGISTER_WORDS words, on the stack) holds the calling
** thread's registers; the stack is scanned from `stack_low` to
** `stack_high` (0: the end of its mapping). */
int mlro_collect(struct mlro_range *ranges, uintptr_t *registers, uintptr_t stack_low,
                 uintptr_t stack_high);

/* Remembers the calling thread (once: later calls cost a load), up to
** MLRO_THREADS threads with distinct descriptors. */
extern __thread int mlro_seen __attribute__((tls_model("initial-exec")));
void mlro_thread_seen(void);
static inline void mlro_note_thread(void)
{
    if (__builtin_expect(!mlro_seen, 0))
        mlro_thread_seen();
}

#endif
