/*
** memline/probe.h — the only door between instrumented code and the runtime.
**
** The instrumenter (instrumenter/) emits code against this header; the
** runtime (runtime/) implements it. Nothing else crosses between them.
**
** Invariants that both sides rely on:
**  - This header includes no other header and declares only names starting
**    with `memline_` / `MEMLINE_`: it is included before the user's own code
**    (even before a `#define _GNU_SOURCE`), so it must not pull in libc.
**  - It compiles silently in C89..C17 and GNU modes under -Wall -Wextra
**    -Wpedantic (hence `__extension__`, `__inline__` and the
**    system_header pragma).
**  - Per-line records are private to one thread: the probe hot path uses no
**    lock, no atomic read-modify-write, no hashing and no system call.
**
** What an instrumented function looks like (N = a number unique in the file,
** K = line - site.first_line, R = a record after the lines: see runs below):
**
**   static const char *const memline__text_N[] = { "MEMLINE_PROFILE", ... };
**   static const unsigned memline__runs_N[] = { 0, 1, 9, 4, 9, 5 };
**   static struct memline_site memline__site_N = {
**       MEMLINE_PROBE_VERSION, 0, "f.c", "f", 4, 12, memline__text_N,
**       1, 3, memline__runs_N, 0 };
**   #line 1 "f.c"                                    (before the user's text)
**   ...
**   MEMLINE_PROFILE int f(int x) {
**       struct memline_frame *const memline__f =
**           memline_enter(&memline__site_N);
**       int y = x * 2;                    (runs with the entry: no tick)
**       char *p = malloc(y);
**       int memline__dN __attribute__((unused)) =
**           ((void)memline_probe(memline__f, K), 0);  (a declaration follows)
**       int a = 1;                        (a straight-line run: its lines
**       int b = 2; memline_tick(memline__f, R);     count in record R)
**       while (memline_cond_tick(memline__f, K, !!(x--)))
**           { g(p); memline_probe(memline__f, K); }
**       if (memline_cond_tick(memline__f, K, !!(x < 0)))
**           { memline_tick(memline__f, K); memline_exit(memline__f);
**             return f(-x); }
**       { __extension__ typedef int memline__t;
**         memline__t memline__r = h(x); memline_return(memline__f, K);
**         return memline__r; }
**   memline_exit(memline__f); }
**
**   static int g(int x) {                          (nothing can allocate)
**       const struct memline_leaf memline__l =
**           memline_enter_leaf(&memline__site_N);
**       x = x * 2;                        (runs with the entry)
**       { (void)0; return x; }
**   }
**
** Straight-line runs: statements of one block that follow each other with
** no label between them and cannot allocate (nor jump, but for the last)
** run equally often and see the same memory (the frame's last full
** probe's), so one record counts them all: the entry's (record 0, the
** first line's) for the run that starts the body; the line record of the
** full probe right before the run, in its block, when no other probe
** counts on that line; else one of the site's `nruns` records after its
** lines, ticked once after the run's last statement (or before it, when
** it jumps). The site's `run_lines` holds
** `nrun_lines` pairs (record, line index): the report adds the record's
** occurrences to the line once per pair (twice for two statements on one
** line) and raises the line's Mem usage to the record's.
**
** Record 0 counts the calls (the entry's, and the function's `calls` in
** the report): a statement written on the first line itself (a function
** on one line) that needs a probe of its own counts on one record after
** the lines instead, paired with line 0, whose charges the report adds
** to the line too; and the exit of a function on one line charges its
** line without counting a run there (the entry counted it).
**
** A full probe (memline_probe) follows a statement that may allocate; a
** tick (memline_tick) one that cannot, which calls nothing that can
** (calls.h in the instrumenter). A function from which no allocation is
** reachable has no frame at all (memline_enter_leaf).
**
** The frame belongs to the runtime (a per-thread stack of frames): the
** function only keeps a pointer to it, so no address of its own stack
** frame escapes and `return f(-x);` (a call of a profiled function, probed
** and exited before the call) stays a tail call.
**
** Accounting model (heap backend): the runtime's malloc family adds each
** block's usable size to memline_tls.net on allocation and subtracts it on
** release, raises memline_tls.high, and bumps memline_tls.events. A full
** probe charges the line with what the running thread changed since this
** frame's previous full probe (callees included, other threads never), and
** records the process-wide live heap for "Mem usage". When nothing was
** allocated or freed since (events unchanged) its inline fast path only
** counts the occurrence and the memory; anything else takes
** memline_probe_slow(). A tick counts the occurrence and the memory the
** frame's last full probe measured (frame->mem): the thread's heap cannot
** have changed since, as every statement that may allocate has a full
** probe after it (a function where that fails, with statements of another
** file or a setjmp, gets full probes only). The rss backend keeps
** frame->mark_events unequal to memline_tls.events so that every full
** probe takes the slow path. The fast paths do not touch `peak`: the
** runtime reports max(peak, mem_usage). An allocation made by a signal
** handler during a tick's line is charged to the function's next line that
** calls something.
*/
#ifndef MEMLINE_PROBE_H
#define MEMLINE_PROBE_H

#if defined(__GNUC__)
#pragma GCC system_header
#endif

/* Bumped whenever a struct below or a function's meaning changes; the
** runtime refuses (with a message) sites of another version. */
#define MEMLINE_PROBE_VERSION 4

#ifdef __cplusplus
extern "C" {
#endif

__extension__ typedef long long memline_i64;
__extension__ typedef unsigned long long memline_u64;

/* The per-thread counters, the frames and memline_live use a 64-bit type
** other than the line records' (long where long is 64 bits): the compiler
** then knows that a probe's stores to a line record leave them unchanged,
** keeps them in registers across the probes of code that calls nothing
** and drops the repeated "anything allocated?" test there. */
#if defined(__SIZEOF_LONG__) && __SIZEOF_LONG__ == 8
typedef long memline_ti64;
typedef unsigned long memline_tu64;
#else
__extension__ typedef long long memline_ti64;
__extension__ typedef unsigned long long memline_tu64;
#endif

/* One line of one profiled function, as seen by one thread. The runtime
** sums these over threads when it reports. */
struct memline_line {
    memline_i64 increment;   /* sum of the thread's heap change over runs */
    memline_u64 occurrences; /* runs of the line (condition tests for loops) */
    memline_i64 mem_usage;   /* largest process live heap right after a run */
    memline_i64 peak;        /* highest process heap reached during a run */
    memline_u64 allocs;      /* allocations made by the thread during runs */
    memline_u64 frees;       /* releases made by the thread during runs */
};

/* A function whose every statement runs with its entry, that calls no
** other such function and whose every call is in instrumented code, is
** left as written (so that it inlines as it did) and counted by its
** callers instead: each of its calls ticks a record of the caller's
** (`(memline_tick(memline__f, R), g(x))`), which the report adds to the
** entry of `site`, g's, never entered itself. */
struct memline_link {
    unsigned record;           /* the caller's record */
    struct memline_site *site; /* the function it counts the calls of */
};

/* Static description of one profiled function, emitted by the instrumenter
** (one per function, in the function's own file) and registered by the
** runtime on first entry. Lines are indexed from first_line (the line of
** the annotation, or of the definition when selected by MEMLINE_FUNCTIONS)
** to last_line (the closing brace); the straight-line runs' records follow
** the lines'. */
struct memline_site {
    unsigned version;          /* MEMLINE_PROBE_VERSION */
    unsigned id;               /* 0 until the runtime registers the site */
    const char *file;          /* the path as it was compiled */
    const char *function;      /* the function's name */
    unsigned first_line;       /* table's first row */
    unsigned last_line;        /* table's last row */
    const char *const *text;   /* last_line-first_line+1 source lines,
                                     verbatim, without line terminator */
    unsigned nruns;            /* records after the lines (runs above) */
    unsigned nrun_lines;       /* pairs in run_lines */
    const unsigned *run_lines; /* (record, line index) pairs */
    unsigned nlinks;           /* calls of functions counted here (below) */
    const struct memline_link *links;
    struct memline_site *next; /* runtime-owned registry link */
};

/* Per-thread counters, updated by the runtime's malloc family. Lives in
** initial-exec TLS so that touching it never allocates. */
struct memline_thread {
    memline_ti64 net;       /* usable bytes allocated minus released */
    memline_ti64 high;      /* highest `net` since the last slow probe */
    memline_tu64 events;    /* (allocations << 32) + releases, wrapping */
    memline_ti64 unflushed; /* part of `net` not yet in memline_live */
    void *state;            /* runtime-private per-thread state */
    /* The thread's records by site id, for memline_enter_leaf; nblocks is 0
    ** while every such entry must go through the runtime (before the
    ** first, with an optional feature on). */
    struct memline_line *const *blocks;
    memline_tu64 nblocks;
    /* Nonzero while a deferred frame may be made after the entry, at the
    ** first change (below): the heap backend without an optional feature,
    ** on a thread that traces. */
    memline_tu64 late_frames;
};

/* One activation of a profiled function, owned by the runtime: its
** address stays valid and unmoved from memline_enter to memline_exit. */
struct memline_frame {
    struct memline_line *lines; /* this thread's records for the site */
    memline_ti64 mark;          /* memline_tls.net at the last probe */
    memline_tu64 mark_events;   /* memline_tls.events at the last probe */
    memline_ti64 outer_high;    /* memline_tls.high at entry, raised by the
                                ** highs the frame's slow probes reset: what
                                ** the exit gives the caller back */
    memline_ti64 mem;           /* the memory the last full probe (or the
                                ** entry) measured: a tick's Mem usage */
    struct memline_site *site;
};

extern __thread struct memline_thread memline_tls __attribute__((tls_model("initial-exec")));

/* Process-wide live heap, less every thread's `unflushed` part. Written by
** the runtime only, with atomic adds. */
extern memline_ti64 memline_live;

/* The probe's read of memline_live: one aligned 64-bit load, which x86-64
** and every 64-bit target glibc runs on perform as a whole. A volatile read
** rather than __atomic_load_n, because the compiler treats every __atomic
** builtin as a barrier to all memory and would then reload the counters at
** each probe; under ThreadSanitizer, which checks the C11 rules, the atomic
** load. */
#if defined(__SANITIZE_THREAD__)
#define MEMLINE_LIVE_NOW() __atomic_load_n(&memline_live, __ATOMIC_RELAXED)
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MEMLINE_LIVE_NOW() __atomic_load_n(&memline_live, __ATOMIC_RELAXED)
#endif
#endif
#ifndef MEMLINE_LIVE_NOW
#define MEMLINE_LIVE_NOW() (*(volatile memline_ti64 *)&memline_live)
#endif

/* 1 while tracing, 0 while stopped (memline_start/memline_stop), written
** by the runtime only. A function with a loop tests it on entry and, while
** stopped, runs a plain copy of its body instead of the instrumented one
** (plain.h in the instrumenter): `if (memline_stopped()) { ... } else`. A
** volatile read as MEMLINE_LIVE_NOW's, for the same reason. */
extern int memline_tracing;
#if defined(__SANITIZE_THREAD__)
#define MEMLINE_TRACING_NOW() __atomic_load_n(&memline_tracing, __ATOMIC_RELAXED)
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MEMLINE_TRACING_NOW() __atomic_load_n(&memline_tracing, __ATOMIC_RELAXED)
#endif
#endif
#ifndef MEMLINE_TRACING_NOW
#define MEMLINE_TRACING_NOW() (*(volatile int *)&memline_tracing)
#endif
#define memline_stopped() __builtin_expect(!MEMLINE_TRACING_NOW(), 0)

/* The runtime's entry points are called through the GOT rather than a PLT
** stub (one jump less per call) where gcc offers it. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define MEMLINE_RUNTIME_CALL __attribute__((noplt))
#else
#define MEMLINE_RUNTIME_CALL
#endif

/* Function entry: registers the site if needed, finds this thread's
** records, pushes a frame on this thread's stack of frames and counts the
** call on the annotation line. Never returns NULL: a site the runtime
** refuses gets a scratch frame whose probes go nowhere. The symbol carries
** the interface version, so that code built for another version fails to
** link or load instead of running against frames it does not understand. */
#define memline_enter memline_enter_v4
MEMLINE_RUNTIME_CALL struct memline_frame *memline_enter(struct memline_site *s);

/* The complete probe for line index k; `line` is &f->lines[k] with its
** occurrence already counted. */
MEMLINE_RUNTIME_CALL void memline_probe_slow(struct memline_frame *f, struct memline_line *line);

/* Function exit (after the last probe): any heap change not yet charged goes
** to the closing line; restores the thread's high-water mark for the
** caller's line; pops f and any frame above it (abandoned by a longjmp out
** of a callee). f is not used again. */
MEMLINE_RUNTIME_CALL void memline_exit(struct memline_frame *f);

/* The exit before a function's closing brace is there for the fall off its
** end, which may be impossible (the body ends in a `return`). Spelled by a
** macro, it is code that clang's -Wunreachable-code leaves alone. */
#define memline_exit memline_exit

/* The probe's inline functions: always inlined, and never instrumented by
** -finstrument-functions (gcc instruments inlined functions too: a hook
** that is itself profiled would call itself without end). */
#define MEMLINE_INLINE __attribute__((always_inline, no_instrument_function))

/* After a statement that may have allocated (it calls something) and ended
** on line first_line + k: the full probe's inline fast path. */
static __inline__ MEMLINE_INLINE void memline_probe_inline(struct memline_frame *f, unsigned k)
{
    struct memline_line *line = f->lines + k;
    memline_ti64 mem;

    line->occurrences++;
    if (__builtin_expect(memline_tls.events != f->mark_events, 0)) {
        memline_probe_slow(f, line);
        return;
    }
    mem = MEMLINE_LIVE_NOW() + memline_tls.unflushed;
    f->mem = mem;
    if (mem > line->mem_usage)
        line->mem_usage = mem;
}

/* After a statement that cannot allocate (it calls nothing that can): a
** tick. The thread's heap cannot have changed since the frame's last full
** probe, which took all there was to take, so the line only counts its run
** and the memory that probe measured (other threads' changes show from the
** next full probe on). No call and no branch (the store is
** unconditional: a branch per tick costs the compiler 7 % more on
** cp-demangle.c), and a macro rather than an inline function, whose every
** use -g would describe: thousands of them cost the compiler little. Its
** arguments are the instrumenter's (a frame's name and a constant), which
** it evaluates more than once. In a loop (memline_loop_tick) the tick
** tests before it raises: from the second pass on the memory is the one
** its record holds, so the branch is predicted and the store is saved
** (engine: 7.6 % fewer instructions; cp-demangle.c compiles no slower). */
#define MEMLINE_RAISE(x, v) ((x) = (v) > (x) ? (v) : (x))
#define MEMLINE_RAISE_TESTED(x, v) ((v) > (x) ? (void)((x) = (v)) : (void)0)
#define memline_tick_inline(f, k)                                                                  \
    ((void)((f)->lines[k].occurrences++, MEMLINE_RAISE((f)->lines[k].mem_usage, (f)->mem)))
#define memline_loop_tick_inline(f, k)                                                             \
    ((void)((f)->lines[k].occurrences++, MEMLINE_RAISE_TESTED((f)->lines[k].mem_usage, (f)->mem)))

/* The same as calls into the runtime (see below for which is used). */
MEMLINE_RUNTIME_CALL void memline_probe_call(struct memline_frame *f, unsigned k);
MEMLINE_RUNTIME_CALL void memline_tick_call(struct memline_frame *f, unsigned k);

/* Which form the probes take. Ticks are inline code whenever the compiler
** optimises: a few instructions without a branch to a call, which cost
** the optimiser little even by the thousand. A full probe follows a
** statement that calls something anyway: as a call into the runtime it
** costs a little more to run and much less to compile, so it is one
** (memline-cc's default), unless MEMLINE_PROBE_INLINE asks for its inline
** fast path (MEMLINE_PROBES=inline). Everything is a call without
** optimisation (-O0) and with MEMLINE_PROBE_CALLS (MEMLINE_PROBES=call). */
#if defined(__OPTIMIZE__) && !defined(MEMLINE_PROBE_CALLS)
#if defined(MEMLINE_PROBE_INLINE)
#define memline_probe memline_probe_inline
#else
#define memline_probe memline_probe_call
#endif
#define memline_tick memline_tick_inline
#define memline_loop_tick memline_loop_tick_inline
#else
#define memline_probe memline_probe_call
#define memline_tick memline_tick_call
#define memline_loop_tick memline_tick_call
#endif

/* Probes inside a condition, after it is evaluated: `while
** (memline_cond(f, k, !!(c)))`. memline_cond_tick when c cannot allocate:
** a macro, as a tick is (an inline function's every use costs gcc -g a
** description; cp-demangle.c's copy compiles in 4 % fewer instructions),
** whose tick counts before c is evaluated, which changes nothing the
** tick sees: c allocates nothing. */
static __inline__ MEMLINE_INLINE int memline_cond(struct memline_frame *f, unsigned k, int value)
{
    memline_probe(f, k);
    return value;
}

#define memline_cond_tick(f, k, value) ((void)memline_tick(f, k), (value))
#define memline_loop_cond_tick(f, k, value) ((void)memline_loop_tick(f, k), (value))

/* The full probe of a `return` on line first_line + k, then the exit: one
** call, whose fast path is both fast paths with what each tests tested
** once. Spelled by a macro for the reason memline_exit is: a `return`
** after abort() is dead code clang warns of only with
** -Wunreachable-code-return; dead code that starts in a macro it leaves
** alone. */
MEMLINE_RUNTIME_CALL void memline_probe_exit(struct memline_frame *f, unsigned k);
#define memline_return memline_probe_exit

/* Functions from which no allocation is reachable (they call nothing, or
** only functions that cannot allocate) have no frame: nothing they do can
** change the thread's heap, so there is nothing to charge and nothing for
** an exit to do. memline_enter_leaf counts the call and returns this
** thread's records for s with the memory now, which every line of the
** function then reports (memline_leaf_tick): by value, in two registers,
** so that nothing of the function's own lives in memory for it. The slow
** half registers the site, finds the records and measures the memory (the
** rss backend's too); a refused site gets records no report reads. */
struct memline_leaf {
    struct memline_line *lines;
    memline_ti64 mem;
};

MEMLINE_RUNTIME_CALL struct memline_leaf memline_enter_leaf_slow(struct memline_site *s);

static __inline__ MEMLINE_INLINE struct memline_leaf memline_enter_leaf(struct memline_site *s)
{
    unsigned id = s->id;
    struct memline_leaf l;

    if (__builtin_expect(id >= memline_tls.nblocks || !(l.lines = memline_tls.blocks[id]), 0))
        return memline_enter_leaf_slow(s);
    l.mem = MEMLINE_LIVE_NOW() + memline_tls.unflushed;
    l.lines[0].occurrences++;
    if (l.mem > l.lines[0].mem_usage)
        l.lines[0].mem_usage = l.mem;
    return l;
}

#define memline_leaf_tick(l, k)                                                                    \
    ((void)((l).lines[k].occurrences++, MEMLINE_RAISE((l).lines[k].mem_usage, (l).mem)))

#define memline_leaf_cond(l, k, value) ((void)memline_leaf_tick(l, k), (value))
#define memline_leaf_loop_tick(l, k)                                                               \
    ((void)((l).lines[k].occurrences++, MEMLINE_RAISE_TESTED((l).lines[k].mem_usage, (l).mem)))
#define memline_leaf_loop_cond(l, k, value) ((void)memline_leaf_loop_tick(l, k), (value))

/* Deferred frames: a function whose calls often end before anything
** allocates (`if (!p) return 0;`, a B-tree insert that goes down a level
** without splitting a page) enters as a leaf and keeps the thread's marks
** (struct memline_marks) in variables of its own; its frame is made only
** when a full probe finds that the thread allocated or released since
** (callees included), with those marks: nothing changed them in between,
** so that frame charges, counts and takes the high-water mark as one made
** at the entry would have. It does not count the call again. A call that
** never allocates never makes its frame. Ticks use the leaf's records and
** memory, which a full probe refreshes (from the frame, or by measuring
** the memory when there is none). The entry makes its frame at once
** (memline_enter_late) where keeping marks would not do: the thread's
** high-water mark above its net (a reset at the entry would lose it), or
** memline_tls.late_frames off (an optional feature: per-line leaks, the
** rss backend, a timeline, a break threshold; the runtime not started;
** the thread not tracing). A full probe also makes the frame when the
** thread stopped tracing since (a callee called memline_stop), so that
** the lines after it go to the scratch records as a frame's do.
** The entry's texts, in the function's first declarations:
**
**   struct memline_leaf memline__l = memline_enter_leaf(&memline__site_N);
**   const struct memline_marks memline__m = memline_marks_now();
**   struct memline_frame *memline__f =
**       memline_deferred_frame(&memline__site_N, memline__m);
*/
struct memline_marks {
    memline_tu64 events; /* memline_tls.events at the entry */
    memline_ti64 net;    /* memline_tls.net, and its high-water mark */
};

#if defined(__GNUC__)
__attribute__((returns_nonnull))
#endif
MEMLINE_RUNTIME_CALL struct memline_frame *
memline_enter_late(struct memline_site *s);

static __inline__ MEMLINE_INLINE struct memline_marks memline_marks_now(void)
{
    struct memline_marks m;

    m.events = memline_tls.events;
    m.net = memline_tls.net;
    return m;
}

#define memline_deferred_frame(s, m)                                                               \
    (__builtin_expect(memline_tls.late_frames != 0 && memline_tls.high == (m).net, 1)              \
         ? (struct memline_frame *)0                                                               \
         : memline_enter_late(s))

/* The full probe and the return's when there is a frame or a change: one
** call, which makes the frame if there is none (with the entry's marks),
** probes with it and returns it. */
#if defined(__GNUC__)
__attribute__((returns_nonnull))
#endif
MEMLINE_RUNTIME_CALL struct memline_frame *
memline_deferred_full(struct memline_frame *f, struct memline_site *s, struct memline_marks m,
                      unsigned k);
MEMLINE_RUNTIME_CALL void memline_deferred_full_exit(struct memline_frame *f,
                                                     struct memline_site *s, struct memline_marks m,
                                                     unsigned k);

/* Macros, as ticks are, but for the condition's (its value is taken
** before the probe). A full probe without a frame and without a change
** since the entry measures the memory for its line and the ticks after
** it; otherwise it is one call, after which the leaf's records and memory
** are the frame's. */
#define memline_leaf_probe(l, k)                                                                   \
    ((l).mem = MEMLINE_LIVE_NOW() + memline_tls.unflushed, memline_leaf_tick(l, k))
#define memline_deferred_changed(f, m)                                                             \
    ((f) || memline_tls.events != (m).events || !memline_tls.late_frames)
#define memline_deferred_probe(f, l, m, s, k)                                                      \
    (memline_deferred_changed(f, m) ? (void)((f) = memline_deferred_full(f, s, m, k),              \
                                             (l).lines = (f)->lines, (l).mem = (f)->mem)           \
                                    : memline_leaf_probe(l, k))
#define memline_deferred_return(f, l, m, s, k)                                                     \
    (memline_deferred_changed(f, m) ? memline_deferred_full_exit(f, s, m, k)                       \
                                    : memline_leaf_probe(l, k))
#define memline_deferred_exit(f) ((f) ? memline_exit(f) : (void)0)
/* The exit at the closing brace, which also reads the leaf: a full probe
** refreshes it though nothing after may read it (-Wunused-but-set-variable). */
#define memline_deferred_end(f, l) ((void)(l), memline_deferred_exit(f))

static __inline__ MEMLINE_INLINE int
memline_deferred_cond_now(struct memline_frame **f, struct memline_leaf *l, struct memline_marks m,
                          struct memline_site *s, unsigned k, int value)
{
    memline_deferred_probe(*f, *l, m, s, k);
    return value;
}

#define memline_deferred_cond(f, l, m, s, k, value)                                                \
    memline_deferred_cond_now(&(f), &(l), m, s, k, value)

/* What an allocation call allocates, with MEMLINE_TYPES=1 at build time
** (the rewriter's typetags.h): one per type name and file; `id` is the
** runtime's, 0 until the first block of it. */
struct memline_type {
    const char *name;
    unsigned id;
};

/* Nonzero while the runtime keeps the heap by type (MEMLINE_TYPES=1 at
** run time). */
extern int memline_typing;

/* Tags block p (just allocated by this thread's current statement) with
** type t; anything else (NULL, an older block) is left alone. */
MEMLINE_RUNTIME_CALL void memline_type_block(void *p, struct memline_type *t);

/* An allocation call's value, tagged on its way: `malloc(n)` becomes
** `memline_typed(malloc(n), &memline__type_K)`. */
static __inline__ MEMLINE_INLINE void *memline_typed(void *p, struct memline_type *t)
{
    if (__builtin_expect(memline_typing != 0, 0))
        memline_type_block(p, t);
    return p;
}

static __inline__ MEMLINE_INLINE char *memline_typed_string(char *p, struct memline_type *t)
{
    if (__builtin_expect(memline_typing != 0, 0))
        memline_type_block(p, t);
    return p;
}

#ifdef __cplusplus
}
#endif

#endif
