/*
** run.c — `memline run [-i SECONDS] [-o FILE] [--include-children] -- CMD
** ARGS...`: runs a program and writes its memory over time to a data file
** (format in datafile.h).
**
** memline run samples the program's resident set size every interval until
** it exits, and tails the record file that a memline-cc program's runtime
** appends to (runtime/timeline.h: MEMLINE_TIMELINE names it), turning those
** records into HEAP and FUNC lines of the same data file. Times are
** CLOCK_MONOTONIC, shared with the program, relative to just before fork.
**
** memline run exits with the program's status (128 + N when signal N killed
** it); signals that ask memline run to stop reach the program instead, so
** that the data file is always completed. They are blocked while the
** program starts, so that none is lost: one that comes before memline run
** knows the program's pid is forwarded once it does, and the program takes
** the default action for a terminal's signal that reaches it before exec
** (until then it has memline run's handler, which would ignore it).
*/
#define _GNU_SOURCE
#include "commands.h"

#include "axis.h"
#include "datafile.h"
#include "proc.h"
#include "records.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUN_USAGE "usage: memline run [-i SECONDS] [-o FILE] [--include-children] -- CMD [ARGS...]"

struct run_options {
    double interval;
    const char *output;
    int include_children;
    char **command;
};

static volatile sig_atomic_t run_child = 0;

static const int run_forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define RUN_NFORWARDED (sizeof run_forwarded / sizeof run_forwarded[0])

/* SIGTERM and SIGHUP are passed on to the program. SIGINT and SIGQUIT
** come from the terminal, which sends them to the program too (same
** process group): memline run only survives them, as time(1) does, so that
** the program does not get them twice. */
static void run_forward_signal(int sig)
{
    if (run_child > 0 && sig != SIGINT && sig != SIGQUIT)
        kill((pid_t)run_child, sig);
}

static long long run_now_ns(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int run_parse(int argc, char **argv, struct run_options *o)
{
    int i = 1;

    o->interval = 0.1;
    o->output = NULL;
    o->include_children = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        char *end;

        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "--include-children") == 0) {
            o->include_children = 1;
        } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            o->output = argv[++i];
        } else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc) {
            o->interval = strtod(argv[++i], &end);
            if (*end || end == argv[i] || !(o->interval >= 0.001 && o->interval <= 3600)) {
                fprintf(stderr, "memline run: -i needs seconds between 0.001 and 3600, got '%s'\n",
                        argv[i]);
                return -1;
            }
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            printf("%s\n", RUN_USAGE);
            exit(0);
        } else {
            fprintf(stderr, "memline run: unknown option '%s'; %s\n", argv[i], RUN_USAGE);
            return -1;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "memline run: no command to run; %s\n", RUN_USAGE);
        return -1;
    }
    o->command = argv + i;
    return 0;
}

/* The command as a shell would need it typed: arguments that hold anything
** but safe characters are single-quoted; control characters become '?'. */
static char *run_cmdline(char **argv)
{
    size_t cap = 1;
    char *s, *p;

    for (char **a = argv; *a; a++)
        cap += 4 * strlen(*a) + 3;
    s = p = malloc(cap);
    if (!s)
        return NULL;
    for (char **a = argv; *a; a++) {
        int quote = **a == '\0' || (*a)[strspn(*a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                                                   "vwxyz0123456789_./:=,+-@%")] != '\0';

        if (a != argv)
            *p++ = ' ';
        if (quote)
            *p++ = '\'';
        for (const char *c = *a; *c; c++) {
            if (*c == '\'' && quote) {
                memcpy(p, "'\\''", 4);
                p += 4;
            } else {
                *p++ = (unsigned char)*c < 0x20 || *c == 0x7f ? '?' : *c;
            }
        }
        if (quote)
            *p++ = '\'';
    }
    *p = '\0';
    return s;
}

static char *run_default_output(void)
{
    char name[64];
    time_t now = time(NULL);
    struct tm tm;

    localtime_r(&now, &tm);
    strftime(name, sizeof name, "memline_%Y%m%d%H%M%S.dat", &tm);
    return strdup(name);
}

/* Reads whatever the runtime appended since the last call. */
static void run_drain(int fd, struct records *r)
{
    char buf[65536];
    ssize_t n;

    while ((n = read(fd, buf, sizeof buf)) > 0)
        records_feed(r, buf, (size_t)n);
}

/* Starts the command with the signal mask `mask`; returns its pid, or -1
** with errno from exec. */
static pid_t run_start(char **command, const sigset_t *mask)
{
    int report[2], err = 0;
    pid_t pid;

    if (pipe2(report, O_CLOEXEC) < 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        close(report[0]);
        /* Default actions before unblocking: memline run's handler, which
        ** the child still has until exec, would swallow a pending signal. */
        for (size_t i = 0; i < RUN_NFORWARDED; i++)
            signal(run_forwarded[i], SIG_DFL);
        sigprocmask(SIG_SETMASK, mask, NULL);
        execvp(command[0], command);
        err = errno;
        /* Should even this fail, the parent sees a program that exited 127. */
        if (write(report[1], &err, sizeof err) < 0)
            _exit(127);
        _exit(127);
    }
    close(report[1]);
    if (pid < 0) {
        close(report[0]);
        return -1;
    }
    /* EOF: exec succeeded and closed the pipe; an int: exec's errno. */
    if (read(report[0], &err, sizeof err) == (ssize_t)sizeof err) {
        waitpid(pid, NULL, 0);
        close(report[0]);
        errno = err;
        return -1;
    }
    close(report[0]);
    return pid;
}

/* Waits until `deadline` (CLOCK_MONOTONIC ns) or until the child exits. */
static void run_sleep(int pidfd, long long deadline)
{
    long long left = deadline - run_now_ns(CLOCK_MONOTONIC);
    struct timespec ts;

    if (left <= 0)
        return;
    ts.tv_sec = left / 1000000000LL;
    ts.tv_nsec = left % 1000000000LL;
    if (pidfd >= 0) {
        struct pollfd p = {pidfd, POLLIN, 0};

        ppoll(&p, 1, &ts, NULL);
    } else {
        nanosleep(&ts, NULL);
    }
}

static int run_has_exited(pid_t pid)
{
    siginfo_t info;

    memset(&info, 0, sizeof info);
    return waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid;
}

struct run_state {
    const struct run_options *o;
    FILE *out;
    int records_fd;
    long long t0;
    size_t samples;
    struct df_sample peak;
};

/* Samples until the program exits; returns its wait status. */
static int run_sample(struct run_state *s, pid_t pid, struct records *r, double *t_end)
{
    long long interval_ns = (long long)llround(s->o->interval * 1e9);
    long long next = run_now_ns(CLOCK_MONOTONIC);
    int pidfd = -1, status = 0;

#ifdef SYS_pidfd_open
    pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
#endif
    for (;;) {
        long long now = run_now_ns(CLOCK_MONOTONIC);
        double t = (double)(now - s->t0) / 1e9;
        long long rss;

        if (run_has_exited(pid)) {
            *t_end = t;
            break;
        }
        rss = proc_rss(pid);
        /* 0: the process is between releasing its memory and exiting. */
        if (rss > 0) {
            if (s->o->include_children)
                rss += proc_descendants_rss(pid);
            df_write_mem(s->out, rss, t);
            if (s->samples++ == 0 || rss > s->peak.bytes)
                s->peak = (struct df_sample){t, rss};
        }
        run_drain(s->records_fd, r);
        fflush(s->out);
        next += interval_ns;
        if (next < now)
            next = now + interval_ns;
        run_sleep(pidfd, next);
    }
    if (pidfd >= 0)
        close(pidfd);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        continue;
    return status;
}

/* Installs the forwarding handler; *set gets the signals it handles. */
static void run_install_forwarding(sigset_t *set)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = run_forward_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigemptyset(set);
    for (size_t i = 0; i < RUN_NFORWARDED; i++) {
        sigaction(run_forwarded[i], &sa, NULL);
        sigaddset(set, run_forwarded[i]);
    }
}

static void run_summary(const char *output, const struct run_state *s, double t_end, size_t calls)
{
    char when[32], peak[32];

    axis_format_seconds(t_end, when, sizeof when);
    axis_format_bytes((double)s->peak.bytes, peak, sizeof peak);
    fprintf(stderr, "memline run: %s: %zu samples over %s, peak RSS %s, %zu calls\n", output,
            s->samples, when, peak, calls);
}

static int run_program(const struct run_options *o, const char *output, const char *records_path,
                       struct run_state *s)
{
    struct records r;
    sigset_t forwarded, mask;
    char interval[32], *cmdline;
    double t_end = 0;
    int status, err;
    pid_t pid;

    snprintf(interval, sizeof interval, "%.6f", o->interval);
    setenv("MEMLINE_TIMELINE", records_path, 1);
    setenv("MEMLINE_TIMELINE_INTERVAL", interval, 1);
    s->t0 = run_now_ns(CLOCK_MONOTONIC);
    cmdline = run_cmdline(o->command);
    df_write_header(s->out, cmdline ? cmdline : o->command[0],
                    (double)run_now_ns(CLOCK_REALTIME) / 1e9, o->interval, o->include_children);
    free(cmdline);
    fflush(s->out);
    /* Installed before fork; blocked until run_child is set (header). */
    run_install_forwarding(&forwarded);
    sigprocmask(SIG_BLOCK, &forwarded, &mask);
    pid = run_start(o->command, &mask);
    err = errno;
    if (pid > 0)
        run_child = pid;
    sigprocmask(SIG_SETMASK, &mask, NULL);
    if (pid < 0) {
        fprintf(stderr, "memline run: cannot run '%s': %s\n", o->command[0], strerror(err));
        return -1;
    }
    records_init(&r, pid, s->t0, s->out);
    status = run_sample(s, pid, &r, &t_end);
    run_drain(s->records_fd, &r);
    records_finish(&r, t_end);
    df_write_end(s->out, t_end, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                 WIFEXITED(status) ? WEXITSTATUS(status) : 0);
    run_summary(output, s, t_end, r.calls);
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

int run_main(int argc, char **argv)
{
    struct run_options o;
    struct run_state s;
    char records_path[4096], *output;
    const char *tmp = getenv("TMPDIR");
    int rc, werr;

    if (run_parse(argc, argv, &o) < 0)
        return 2;
    output = o.output ? strdup(o.output) : run_default_output();
    memset(&s, 0, sizeof s);
    s.o = &o;
    s.out = output ? fopen(output, "w") : NULL;
    if (!s.out) {
        fprintf(stderr, "memline run: cannot write '%s': %s\n", output ? output : "",
                strerror(errno));
        free(output);
        return 2;
    }
    snprintf(records_path, sizeof records_path, "%s/memline-timeline-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    s.records_fd = mkostemp(records_path, O_CLOEXEC);
    if (s.records_fd < 0) {
        fprintf(stderr, "memline run: cannot create '%s': %s\n", records_path, strerror(errno));
        fclose(s.out);
        remove(output);
        free(output);
        return 2;
    }
    rc = run_program(&o, output, records_path, &s);
    close(s.records_fd);
    unlink(records_path);
    werr = ferror(s.out);
    if ((fclose(s.out) != 0 || werr) && rc >= 0) {
        fprintf(stderr, "memline run: cannot write '%s': %s\n", output, strerror(errno));
        rc = rc ? rc : 1;
    }
    if (rc < 0) {
        remove(output);
        rc = 127;
    }
    free(output);
    return rc;
}
