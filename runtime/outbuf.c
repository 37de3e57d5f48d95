/*
** runtime/outbuf.c — the buffered writer of outbuf.h: fixed buffer, no
** malloc, no stdio, integers formatted by hand (no locale).
*/
#include "outbuf.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void mlo_init(struct mlo_out *o, mlo_sink sink, void *ctx)
{
    o->sink = sink;
    o->ctx = ctx;
    o->len = 0;
    o->failed = 0;
}

int mlo_fd_sink(void *ctx, const char *data, size_t n)
{
    int fd = *(const int *)ctx;

    while (n > 0) {
        ssize_t w = write(fd, data, n);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

static void mlo_drain(struct mlo_out *o)
{
    if (o->len > 0 && !o->failed && o->sink(o->ctx, o->buf, o->len) != 0)
        o->failed = 1;
    o->len = 0;
}

void mlo_write(struct mlo_out *o, const char *data, size_t n)
{
    while (n > 0 && !o->failed) {
        size_t room = sizeof o->buf - o->len;
        size_t take = n < room ? n : room;

        memcpy(o->buf + o->len, data, take);
        o->len += take;
        data += take;
        n -= take;
        if (o->len == sizeof o->buf)
            mlo_drain(o);
    }
}

void mlo_puts(struct mlo_out *o, const char *s)
{
    mlo_write(o, s, strlen(s));
}

void mlo_putc(struct mlo_out *o, char c)
{
    mlo_write(o, &c, 1);
}

void mlo_repeat(struct mlo_out *o, char c, size_t n)
{
    char chunk[64];

    memset(chunk, c, sizeof chunk);
    while (n > 0) {
        size_t take = n < sizeof chunk ? n : sizeof chunk;

        mlo_write(o, chunk, take);
        n -= take;
    }
}

size_t mlo_format_u64(char *dst, unsigned long long v)
{
    char rev[20];
    size_t n = 0, i;

    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = 0; i < n; i++)
        dst[i] = rev[n - 1 - i];
    dst[n] = '\0';
    return n;
}

void mlo_u64(struct mlo_out *o, unsigned long long v)
{
    char digits[21];

    mlo_write(o, digits, mlo_format_u64(digits, v));
}

void mlo_i64(struct mlo_out *o, long long v)
{
    if (v < 0) {
        mlo_putc(o, '-');
        mlo_u64(o, 0ULL - (unsigned long long)v);
    } else {
        mlo_u64(o, (unsigned long long)v);
    }
}

int mlo_finish(struct mlo_out *o)
{
    mlo_drain(o);
    return o->failed ? -1 : 0;
}
