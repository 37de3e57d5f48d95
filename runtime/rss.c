/*
** runtime/rss.c — resident set size from a kept-open /proc/self/statm.
**
** statm is "size resident shared text lib data dt" in pages; the second
** field times the page size is the RSS.
*/
#define _GNU_SOURCE
#include "rss.h"

#include <fcntl.h>
#include <unistd.h>

static int mlrss_fd = -1;
static long long mlrss_page;

int mlrss_open(void)
{
    static const char msg[] = "memline: cannot open /proc/self/statm; the rss backend reports 0\n";

    if (mlrss_fd >= 0)
        close(mlrss_fd);
    mlrss_page = sysconf(_SC_PAGESIZE);
    mlrss_fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (mlrss_fd < 0) {
        if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
            return -1;
        return -1;
    }
    return 0;
}

long long mlrss_now(void)
{
    char buf[128];
    ssize_t n = mlrss_fd < 0 ? -1 : pread(mlrss_fd, buf, sizeof buf - 1, 0);
    long long pages = 0;
    ssize_t i = 0;

    if (n <= 0)
        return 0;
    while (i < n && buf[i] != ' ')
        i++;
    for (i++; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
        pages = pages * 10 + (buf[i] - '0');
    return pages * mlrss_page;
}
