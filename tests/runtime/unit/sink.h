/*
** tests/runtime/unit/sink.h — an in-memory mlo_ sink for formatter tests:
** collects everything written, NUL-terminated, in a static buffer.
*/
#ifndef MEMLINE_TEST_SINK_H
#define MEMLINE_TEST_SINK_H

#include "outbuf.h"

#include <string.h>

static char sink_text[1 << 16];
static size_t sink_len;

static int sink_collect(void *ctx, const char *data, size_t n)
{
    (void)ctx;
    if (sink_len + n >= sizeof sink_text)
        return -1;
    memcpy(sink_text + sink_len, data, n);
    sink_len += n;
    sink_text[sink_len] = '\0';
    return 0;
}

static void sink_open(struct mlo_out *o)
{
    sink_len = 0;
    sink_text[0] = '\0';
    mlo_init(o, sink_collect, NULL);
}

#endif
