/*
** runtime/timeline.c — time-stamped heap samples and function brackets for
** `memline run` (the record format and the invariants are in timeline.h).
**
** Every record is formatted by hand into a stack buffer and written with
** one write() on a descriptor opened O_APPEND, so that this file never
** calls malloc, never takes a lock and is safe in a signal handler. The
** only shared mutable state is the descriptor (set once by mlt_open, then
** read-only), the enabled flag, the next heap sample's due time (claimed
** with a compare-and-swap so that one thread writes each periodic sample)
** and the last sample's heap, all accessed with relaxed atomics.
*/
#define _GNU_SOURCE
#include "timeline.h"

#include <memline/probe.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int mlt_enabled;

static int mlt_fd = -1;
static long long mlt_interval_ns = 10000000; /* heap sampling: 10 ms */
static long long mlt_next_sample_ns;
static long long mlt_last_heap; /* the heap in the last sample written */

/* The smallest heap change that is written before its interval is due. */
#define MLT_MIN_CHANGE (64 * 1024)

/* Appends `s` to buf at *len, leaving room for the final newline. */
static void mlt_put_str(char *buf, size_t *len, const char *s)
{
    while (*s && *len < MLT_RECORD_MAX - 1)
        buf[(*len)++] = *s++;
}

static void mlt_put_int(char *buf, size_t *len, long long v)
{
    char digits[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

    if (v < 0)
        mlt_put_str(buf, len, "-");
    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n > 0 && *len < MLT_RECORD_MAX - 1)
        buf[(*len)++] = digits[--n];
}

static long long mlt_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* One record, one write(); a descriptor that stops working disables the
** timeline rather than failing the program. */
static void mlt_emit(char *buf, size_t len)
{
    ssize_t n;

    buf[len++] = '\n';
    do
        n = write(mlt_fd, buf, len);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)len)
        __atomic_store_n(&mlt_enabled, 0, __ATOMIC_RELAXED);
}

static void mlt_bracket(char kind, const struct memline_site *site, long long live_heap)
{
    char buf[MLT_RECORD_MAX];
    size_t len = 0;
    int saved_errno = errno;

    buf[len++] = kind;
    mlt_put_str(buf, &len, " ");
    mlt_put_int(buf, &len, getpid());
    mlt_put_str(buf, &len, " ");
    mlt_put_int(buf, &len, gettid());
    mlt_put_str(buf, &len, " ");
    mlt_put_int(buf, &len, mlt_now_ns());
    mlt_put_str(buf, &len, " ");
    mlt_put_int(buf, &len, live_heap);
    mlt_put_str(buf, &len, " ");
    mlt_put_str(buf, &len, site->function);
    mlt_emit(buf, len);
    errno = saved_errno;
}

void mlt_record_enter(const struct memline_site *site, long long live_heap)
{
    mlt_bracket('E', site, live_heap);
}

void mlt_record_exit(const struct memline_site *site, long long live_heap)
{
    mlt_bracket('X', site, live_heap);
}

/* Whether the heap moved far enough from the last sample written to be
** written at once: then a large step is never smoothed over, and the last
** step of a burst is never held back until the next allocation. */
static int mlt_big_change(long long live_heap)
{
    long long last = __atomic_load_n(&mlt_last_heap, __ATOMIC_RELAXED);
    long long change = live_heap > last ? live_heap - last : last - live_heap;
    long long threshold = last / 64 > MLT_MIN_CHANGE ? last / 64 : MLT_MIN_CHANGE;

    return change >= threshold;
}

void mlt_record_sample(long long live_heap, int force)
{
    char buf[MLT_RECORD_MAX];
    size_t len = 0;
    int saved_errno = errno;
    long long now = mlt_now_ns();
    long long due = __atomic_load_n(&mlt_next_sample_ns, __ATOMIC_RELAXED);

    if (force || mlt_big_change(live_heap)) {
        __atomic_store_n(&mlt_next_sample_ns, now + mlt_interval_ns, __ATOMIC_RELAXED);
    } else if (now < due ||
               !__atomic_compare_exchange_n(&mlt_next_sample_ns, &due, now + mlt_interval_ns, 0,
                                            __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
        /* Not due, or another thread is writing this interval's sample. */
        return;
    }
    __atomic_store_n(&mlt_last_heap, live_heap, __ATOMIC_RELAXED);
    buf[len++] = 'H';
    mlt_put_str(buf, &len, " ");
    mlt_put_int(buf, &len, getpid());
    mlt_put_str(buf, &len, " ");
    mlt_put_int(buf, &len, now);
    mlt_put_str(buf, &len, " ");
    mlt_put_int(buf, &len, live_heap);
    mlt_emit(buf, len);
    errno = saved_errno;
}

static void mlt_complain(const char *what, const char *value, const char *why)
{
    char buf[MLT_RECORD_MAX];
    size_t len = 0;

    mlt_put_str(buf, &len, "memline: ");
    mlt_put_str(buf, &len, what);
    mlt_put_str(buf, &len, ": '");
    mlt_put_str(buf, &len, value);
    mlt_put_str(buf, &len, "': ");
    mlt_put_str(buf, &len, why);
    mlt_put_str(buf, &len, "; no timeline is recorded");
    buf[len++] = '\n';
    if (write(STDERR_FILENO, buf, len) < 0)
        return;
}

/* Seconds as "D[.DDDDDDDDD]" to nanoseconds; -1 when malformed or zero. */
static long long mlt_parse_seconds(const char *s)
{
    long long ns = 0, scale = 1000000000LL;
    int digits = 0;

    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (ns > 1000000LL * 1000000000LL)
            return -1;
        ns = ns * 10 + (*s - '0') * 1000000000LL;
    }
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
            scale /= 10;
            ns += (*s - '0') * scale;
        }
    return *s || !digits || ns <= 0 ? -1 : ns;
}

void mlt_open(void)
{
    const char *path = getenv("MEMLINE_TIMELINE");
    const char *interval = getenv("MEMLINE_TIMELINE_INTERVAL");

    if (mlt_fd >= 0 || !path || !*path)
        return;
    if (interval) {
        long long ns = mlt_parse_seconds(interval);

        if (ns < 0) {
            mlt_complain("MEMLINE_TIMELINE_INTERVAL", interval, "expected seconds, e.g. 0.01");
            return;
        }
        mlt_interval_ns = ns;
    }
    mlt_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (mlt_fd < 0) {
        mlt_complain("MEMLINE_TIMELINE", path, strerror(errno));
        return;
    }
    __atomic_store_n(&mlt_enabled, 1, __ATOMIC_RELAXED);
}
