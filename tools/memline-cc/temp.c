/*
** temp.c — private temporary directory and stable shared copies, removed
** on exit and on signals (see temp.h).
**
** The registries of paths are read by the signal handler, so they only
** grow with signals blocked and their entries are complete before the
** count that publishes them is raised. The handler only calls unlink,
** rmdir, fcntl, close, signal and raise (async-signal-safe). Files the
** compiler may have added to the private directory on its own (say,
** -save-temps output) are removed by the recursive sweep of the normal exit
** path.
**
** A stable directory is shared by every process that wants the same file
** in it, and removed by the last one to leave. Each user holds a read lock
** (fcntl) on the directory's lock file while it uses the file; leaving, it
** tries for the write lock without waiting, and only if it gets it (nobody
** else inside) removes the file, the lock file and the directory, in that
** order, before it lets go. A newcomer takes its read lock and then checks
** that the lock file it locked is still the one at the lock path: if a
** leaver removed it in between, it starts again. The file is published
** whole with link(), never replaced: a reader sees it complete or not at
** all, and a file already there with other contents (a hash collision, or
** a stranger's) makes the caller fall back to the private directory.
*/
#define _GNU_SOURCE
#include "temp.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xmem.h"

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
enum { NSIGNALS = sizeof fatal_signals / sizeof fatal_signals[0] };

/* A stable directory this process is inside of (holds the read lock). */
struct shared_dir {
    const char *dir, *lock, *file;
    const char *scratch; /* this process's own file before link() */
    int fd;              /* the lock file, read-locked */
};

static int set_up;
static char *temp_dir;
static const char **registry; /* files and directories, creation order */
static volatile sig_atomic_t registered;
static size_t capacity;
static struct shared_dir *shared;
static volatile sig_atomic_t nshared;
static size_t shared_capacity;
static unsigned next_slot;
static pid_t owner;
static struct sigaction inherited[NSIGNALS]; /* dispositions at start */

/* Leave each stable directory; the last one out removes it. */
static void leave_shared(void)
{
    struct flock wr = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    sig_atomic_t i;

    for (i = nshared; i > 0; i--) {
        const struct shared_dir *d = &shared[i - 1];

        unlink(d->scratch);
        if (fcntl(d->fd, F_SETLK, &wr) == 0) {
            unlink(d->file);
            unlink(d->lock);
            rmdir(d->dir);
        }
        close(d->fd);
    }
    nshared = 0;
}

static void remove_registered(void)
{
    sig_atomic_t i;

    for (i = registered; i > 0; i--)
        if (unlink(registry[i - 1]) != 0 && errno != ENOENT)
            rmdir(registry[i - 1]);
    if (temp_dir)
        rmdir(temp_dir);
    leave_shared();
}

static void on_signal(int sig)
{
    if (getpid() == owner)
        remove_registered();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

void temp_cleanup(void)
{
    sigset_t saved;

    if (!set_up || getpid() != owner)
        return;
    temp_block_signals(&saved);
    if (temp_dir)
        nftw(temp_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    remove_registered();
    registered = 0;
    temp_unblock_signals(&saved);
}

static void register_path(const char *path)
{
    sigset_t saved;

    temp_block_signals(&saved);
    if ((size_t)registered == capacity) {
        capacity = capacity ? 2 * capacity : 32;
        registry = xrealloc(registry, capacity * sizeof *registry);
    }
    registry[registered] = path;
    registered = registered + 1;
    temp_unblock_signals(&saved);
}

static const char *tmpdir(void)
{
    const char *dir = getenv("TMPDIR");

    return dir == NULL || *dir == '\0' ? "/tmp" : dir;
}

/* Once, before the first temporary: the handlers that remove them. */
static void set_up_cleanup(void)
{
    size_t i;

    if (set_up)
        return;
    set_up = 1;
    owner = getpid();
    for (i = 0; i < NSIGNALS; i++) {
        struct sigaction sa;

        sigaction(fatal_signals[i], NULL, &inherited[i]);
        if (inherited[i].sa_handler == SIG_IGN)
            continue; /* nohup and friends: stay immune */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(fatal_signals[i], &sa, NULL);
    }
    atexit(temp_cleanup);
}

static void create_dir(void)
{
    char *templ = xasprintf("%s/memline-cc.XXXXXX", tmpdir());

    set_up_cleanup();
    if (mkdtemp(templ) == NULL)
        xdie("cannot create a temporary directory in %s: %s", tmpdir(), strerror(errno));
    temp_dir = templ;
}

const char *temp_path(const char *name)
{
    char *dir, *path;

    if (temp_dir == NULL)
        create_dir();
    dir = xasprintf("%s/%u", temp_dir, next_slot++);
    register_path(dir);
    if (mkdir(dir, 0700) != 0)
        xdie("cannot create %s: %s", dir, strerror(errno));
    path = xasprintf("%s/%s", dir, name);
    register_path(path);
    return path;
}

/* A new file `path` (none may be there) holding text[0..len); 0 or -1. */
static int write_new(const char *path, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    size_t done = 0;

    if (fd < 0)
        return -1;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        done += (size_t)n;
    }
    return close(fd) == 0 && done == len ? 0 : -1;
}

/* Whether the file at `path` holds exactly text[0..len). */
static int holds(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "rb");
    char *found;
    size_t n = 0;
    int same;

    if (f == NULL)
        return 0;
    found = xread_stream(f, &n);
    fclose(f);
    same = found && n == len && memcmp(found, text, len) == 0;
    free(found);
    return same;
}

/* 64-bit FNV-1a: names a directory; equal contents are still checked. */
static uint64_t fnv1a(uint64_t hash, const char *bytes, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        hash = (hash ^ (unsigned char)bytes[i]) * UINT64_C(0x100000001b3);
    return hash;
}

/* Makes `d` one of this process's stable directories, its lock file open
** and registered before it is locked (leaving one not yet locked is still
** right: the write lock is had only when nobody is inside). */
static int register_shared(const struct shared_dir *d)
{
    sigset_t saved;
    int fd;

    temp_block_signals(&saved);
    fd = open(d->lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
        if ((size_t)nshared == shared_capacity) {
            shared_capacity = shared_capacity ? 2 * shared_capacity : 8;
            shared = xrealloc(shared, shared_capacity * sizeof *shared);
        }
        shared[nshared] = *d;
        shared[nshared].fd = fd;
        nshared = nshared + 1;
    }
    temp_unblock_signals(&saved);
    return fd;
}

static void unregister_last_shared(void)
{
    sigset_t saved;

    temp_block_signals(&saved);
    nshared = nshared - 1;
    close(shared[nshared].fd);
    temp_unblock_signals(&saved);
}

/* Enter the stable directory of `d`: made if missing, this user's alone
** (a stranger's, or a symbolic link, is not used), read-locked, its lock
** file still in place. 0, or -1 when it cannot be used. */
static int enter_shared(const struct shared_dir *d)
{
    struct flock rd = {.l_type = F_RDLCK, .l_whence = SEEK_SET};
    int tries;

    for (tries = 0; tries < 100; tries++) {
        struct stat st, locked;
        int fd;

        if (mkdir(d->dir, 0700) != 0 && errno != EEXIST)
            return -1;
        if (lstat(d->dir, &st) != 0)
            continue; /* its last user just removed it */
        if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077) != 0)
            return -1;
        fd = register_shared(d);
        if (fd < 0 && errno == ENOENT)
            continue;
        if (fd < 0)
            return -1;
        while (fcntl(fd, F_SETLKW, &rd) != 0)
            if (errno != EINTR) {
                unregister_last_shared();
                return -1;
            }
        if (fstat(fd, &locked) == 0 && stat(d->lock, &st) == 0 && st.st_dev == locked.st_dev &&
            st.st_ino == locked.st_ino)
            return 0;
        unregister_last_shared(); /* a leaver removed it while we waited */
    }
    return -1;
}

/* Put text[0..len) at d->file, whole (written aside, then linked); a file
** already there must hold the same. 0 or -1. */
static int publish(const struct shared_dir *d, const char *text, size_t len)
{
    int rc, err;

    if (write_new(d->scratch, text, len) != 0) {
        unlink(d->scratch);
        return -1;
    }
    rc = link(d->scratch, d->file);
    err = errno;
    unlink(d->scratch);
    return rc == 0 || (err == EEXIST && holds(d->file, text, len)) ? 0 : -1;
}

const char *temp_stable_file(const char *name, const char *text, size_t len)
{
    uint64_t key = fnv1a(UINT64_C(0xcbf29ce484222325), name, strlen(name) + 1);
    struct shared_dir d;
    const char *path;
    sig_atomic_t i;

    set_up_cleanup();
    key = fnv1a(key, text, len);
    d.dir = xasprintf("%s/memline-cc.%lu.%016" PRIx64, tmpdir(), (unsigned long)geteuid(), key);
    for (i = 0; i < nshared; i++)
        if (strcmp(shared[i].dir, d.dir) == 0)
            break;
    if (i < nshared && holds(shared[i].file, text, len))
        return shared[i].file; /* the same source twice in one command */
    /* names of our own start with a dot, a source's may not */
    if (i == nshared && name[0] != '.') {
        d.lock = xasprintf("%s/.lock", d.dir);
        d.file = xasprintf("%s/%s", d.dir, name);
        d.scratch = xasprintf("%s/.%ld", d.dir, (long)getpid());
        d.fd = -1;
        if (enter_shared(&d) == 0 && publish(&d, text, len) == 0)
            return d.file;
    }
    path = temp_path(name);
    if (write_new(path, text, len) != 0)
        xdie("cannot write %s: %s", path, strerror(errno));
    return path;
}

void temp_block_signals(sigset_t *saved)
{
    sigset_t set;
    size_t i;

    sigemptyset(&set);
    for (i = 0; i < NSIGNALS; i++)
        sigaddset(&set, fatal_signals[i]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

void temp_unblock_signals(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

void temp_child_signals(sigset_t *reset)
{
    size_t i;

    sigemptyset(reset);
    for (i = 0; i < NSIGNALS; i++)
        if (!set_up || inherited[i].sa_handler != SIG_IGN)
            sigaddset(reset, fatal_signals[i]);
}
