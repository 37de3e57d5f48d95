/*
** proc.c — resident set sizes from /proc (see proc.h).
**
** A process can exit between listing /proc and reading its files: every
** read failure means "gone" and counts as 0 bytes, never as an error.
** Descendants are found from the parent pid in /proc/PID/stat (field 4,
** after the command name, which may itself contain spaces or parentheses).
*/
#define _GNU_SOURCE
#include "proc.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

long long proc_rss(pid_t pid)
{
    char path[64];
    long long size, resident;
    FILE *f;
    int n;

    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    f = fopen(path, "r");
    if (!f)
        return -1;
    n = fscanf(f, "%lld %lld", &size, &resident);
    fclose(f);
    return n == 2 ? resident * sysconf(_SC_PAGESIZE) : -1;
}

static pid_t proc_parent(pid_t pid)
{
    char path[64], buf[512];
    size_t n;
    FILE *f;
    char *close_paren;
    int ppid;

    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    f = fopen(path, "r");
    if (!f)
        return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    close_paren = strrchr(buf, ')');
    if (!close_paren || sscanf(close_paren + 1, " %*c %d", &ppid) != 1)
        return -1;
    return ppid;
}

struct proc_link {
    pid_t pid, parent;
};

static int proc_is_descendant(const struct proc_link *links, size_t n, pid_t pid, pid_t root)
{
    /* Bounded by n steps: a stale snapshot cannot make us loop. */
    for (size_t steps = 0; steps <= n && pid > 1; steps++) {
        size_t i = 0;

        if (pid == root)
            return 1;
        while (i < n && links[i].pid != pid)
            i++;
        if (i == n)
            return 0;
        pid = links[i].parent;
    }
    return pid == root;
}

long long proc_descendants_rss(pid_t root)
{
    struct proc_link *links = NULL;
    size_t n = 0, cap = 0;
    long long total = 0;
    struct dirent *d;
    DIR *dir = opendir("/proc");

    if (!dir)
        return 0;
    while ((d = readdir(dir)) != NULL) {
        char *end;
        long pid = strtol(d->d_name, &end, 10);

        if (*end || pid <= 0)
            continue;
        if (n == cap) {
            struct proc_link *more = realloc(links, (cap = cap ? 2 * cap : 512) * sizeof *links);

            if (!more)
                break;
            links = more;
        }
        links[n].pid = (pid_t)pid;
        links[n].parent = proc_parent((pid_t)pid);
        n++;
    }
    closedir(dir);
    for (size_t i = 0; i < n; i++)
        if (links[i].pid != root && proc_is_descendant(links, n, links[i].pid, root)) {
            long long rss = proc_rss(links[i].pid);

            if (rss > 0)
                total += rss;
        }
    free(links);
    return total;
}
