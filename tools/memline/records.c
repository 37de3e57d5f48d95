/*
** records.c — runtime timeline records to HEAP and FUNC data records (see
** records.h).
**
** Invariant: every frame on a thread's stack owns its name; a frame leaves
** the stack only by being written out as a FUNC record.
*/
#define _GNU_SOURCE
#include "records.h"

#include "datafile.h"

#include <stdlib.h>
#include <string.h>

void records_init(struct records *r, pid_t pid, long long t0_ns, FILE *out)
{
    memset(r, 0, sizeof *r);
    r->pid = pid;
    r->t0_ns = t0_ns;
    r->out = out;
    r->last_heap = -1;
}

static double records_seconds(const struct records *r, long long ns)
{
    return ns > r->t0_ns ? (double)(ns - r->t0_ns) / 1e9 : 0.0;
}

static struct records_thread *records_thread(struct records *r, long tid)
{
    for (size_t i = 0; i < r->nthreads; i++)
        if (r->threads[i].tid == tid)
            return &r->threads[i];
    if (r->nthreads == r->capthreads) {
        size_t cap = r->capthreads ? 2 * r->capthreads : 8;
        struct records_thread *v = realloc(r->threads, cap * sizeof *v);

        if (!v)
            return NULL;
        r->threads = v;
        r->capthreads = cap;
    }
    memset(&r->threads[r->nthreads], 0, sizeof r->threads[0]);
    r->threads[r->nthreads].tid = tid;
    return &r->threads[r->nthreads++];
}

static void records_push(struct records_thread *t, const char *name, long long heap, long long ns)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        struct records_frame *v = realloc(t->frames, cap * sizeof *v);

        if (!v)
            return;
        t->frames = v;
        t->cap = cap;
    }
    t->frames[t->n].name = strdup(name);
    if (!t->frames[t->n].name)
        return;
    t->frames[t->n].heap = heap;
    t->frames[t->n].ns = ns;
    t->n++;
}

/* Writes the top frame as a call that ended at (heap, ns), and pops it. */
static void records_pop(struct records *r, struct records_thread *t, long long heap, long long ns)
{
    struct records_frame *f = &t->frames[--t->n];
    struct df_call call = {f->name, f->heap, records_seconds(r, f->ns), heap,
                           records_seconds(r, ns)};

    df_write_call(r->out, &call);
    r->calls++;
    free(f->name);
}

static void records_exit(struct records *r, struct records_thread *t, const char *name,
                         long long heap, long long ns)
{
    size_t depth = t->n;

    while (depth > 0 && strcmp(t->frames[depth - 1].name, name) != 0)
        depth--;
    if (depth == 0)
        return;
    while (t->n >= depth)
        records_pop(r, t, heap, ns);
}

/* A heap sample, unless it repeats the previous one: entries and exits
** carry the exact heap at call boundaries, which the rate-limited samples
** can miss. */
static void records_heap(struct records *r, long long heap, long long ns)
{
    if (heap == r->last_heap)
        return;
    df_write_heap(r->out, heap, records_seconds(r, ns));
    r->last_heap = heap;
    r->heaps++;
}

static void records_line(struct records *r, const char *line)
{
    long pid, tid;
    long long ns, heap;
    int used = 0;
    char kind;

    if (sscanf(line, "H %ld %lld %lld%n", &pid, &ns, &heap, &used) == 3 && line[used] == '\0') {
        if (pid == r->pid)
            records_heap(r, heap > 0 ? heap : 0, ns);
        return;
    }
    if (sscanf(line, "%c %ld %ld %lld %lld %n", &kind, &pid, &tid, &ns, &heap, &used) == 5 &&
        (kind == 'E' || kind == 'X') && used > 0 && line[used] != '\0' &&
        strpbrk(line + used, " \t") == NULL && pid == r->pid) {
        struct records_thread *t = records_thread(r, tid);

        if (heap < 0)
            heap = 0;
        records_heap(r, heap, ns);
        if (t && kind == 'E')
            records_push(t, line + used, heap, ns);
        else if (t)
            records_exit(r, t, line + used, heap, ns);
    }
}

void records_feed(struct records *r, const char *data, size_t len)
{
    char *buf = realloc(r->partial, r->npartial + len + 1);
    size_t start = 0;

    if (!buf)
        return;
    memcpy(buf + r->npartial, data, len);
    len += r->npartial;
    buf[len] = '\0';
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n') {
            buf[i] = '\0';
            records_line(r, buf + start);
            start = i + 1;
        }
    memmove(buf, buf + start, len - start);
    r->partial = buf;
    r->npartial = len - start;
}

void records_finish(struct records *r, double t_end)
{
    long long ns = r->t0_ns + (long long)(t_end * 1e9);

    for (size_t i = 0; i < r->nthreads; i++) {
        struct records_thread *t = &r->threads[i];

        /* The heap at exit is unknown: the call keeps its entry heap. */
        while (t->n > 0)
            records_pop(r, t, t->frames[t->n - 1].heap, ns);
        free(t->frames);
    }
    free(r->threads);
    free(r->partial);
    r->threads = NULL;
    r->partial = NULL;
    r->nthreads = r->capthreads = r->npartial = 0;
}
