/*
** proc.c — running the real compiler (see proc.h). posix_spawnp keeps
** starting a compiler as cheap as vfork and lets the child get default
** signal dispositions atomically (no window in which a signal would run
** memline-cc's cleanup inside the child).
*/
#define _GNU_SOURCE
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "temp.h"
#include "xmem.h"

extern char **environ;

int proc_run(const char *const *argv, const char *stdin_path, const char *stderr_path)
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    sigset_t reset;
    pid_t pid;
    int err, status;

    posix_spawn_file_actions_init(&actions);
    if (stdin_path)
        posix_spawn_file_actions_addopen(&actions, 0, stdin_path, O_RDONLY, 0);
    if (stderr_path)
        posix_spawn_file_actions_addopen(&actions, 2, stderr_path, O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
    posix_spawnattr_init(&attr);
    temp_child_signals(&reset);
    posix_spawnattr_setsigdefault(&attr, &reset);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    fflush(NULL);
    err = posix_spawnp(&pid, argv[0], &actions, &attr, (char *const *)argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) {
        fprintf(stderr, "memline-cc: cannot run %s: %s\n", argv[0], strerror(err));
        return 127 << 8;
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            xdie("waitpid: %s", strerror(errno));
    return status;
}

void proc_exec(const char *const *argv, const char *stdin_path)
{
    if (stdin_path) {
        int fd = open(stdin_path, O_RDONLY);

        if (fd < 0 || dup2(fd, 0) < 0)
            xdie("cannot read %s: %s", stdin_path, strerror(errno));
        close(fd);
    }
    temp_cleanup();
    fflush(NULL);
    execvp(argv[0], (char *const *)argv);
    fprintf(stderr, "memline-cc: cannot run %s: %s\n", argv[0], strerror(errno));
    exit(127);
}

int proc_ok(int status)
{
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void proc_finish(int status)
{
    if (WIFSIGNALED(status)) {
        temp_cleanup();
        signal(WTERMSIG(status), SIG_DFL);
        raise(WTERMSIG(status));
    }
    exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}
