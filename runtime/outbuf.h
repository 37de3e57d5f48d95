/*
** runtime/outbuf.h — a small buffered writer (prefix mlo_) for reports.
**
** The runtime writes its report while the program's heap is interposed and
** possibly locked by a dying thread, so this writer never calls malloc or
** stdio: it fills a fixed buffer and hands full buffers to a sink (a file
** descriptor, or memory in tests). It is also compiled into the `memline`
** command, which prints reports byte-for-byte as the runtime does.
**
** Invariant: after the first failed sink call every later call is a no-op
** and mlo_finish() returns -1, so a caller checks once, at the end.
*/
#ifndef MEMLINE_OUTBUF_H
#define MEMLINE_OUTBUF_H

#include <stddef.h>

/* Writes n bytes; returns 0, or -1 on failure. */
typedef int (*mlo_sink)(void *ctx, const char *data, size_t n);

struct mlo_out {
    mlo_sink sink;
    void *ctx;
    size_t len;
    int failed;
    char buf[8192];
};

void mlo_init(struct mlo_out *o, mlo_sink sink, void *ctx);

/* Sink for a file descriptor: ctx points to an int (retries EINTR and
** short writes). */
int mlo_fd_sink(void *ctx, const char *data, size_t n);

void mlo_write(struct mlo_out *o, const char *data, size_t n);
void mlo_puts(struct mlo_out *o, const char *s);
void mlo_putc(struct mlo_out *o, char c);
void mlo_repeat(struct mlo_out *o, char c, size_t n);
void mlo_i64(struct mlo_out *o, long long v);
void mlo_u64(struct mlo_out *o, unsigned long long v);

/* Flushes the buffer; returns 0 if every byte reached the sink, else -1. */
int mlo_finish(struct mlo_out *o);

/* Decimal digits of v into dst (at least 21 bytes); returns the length. */
size_t mlo_format_u64(char *dst, unsigned long long v);

#endif
