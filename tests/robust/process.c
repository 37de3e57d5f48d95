/* fork with and without exec, system(), and fork while other threads run
** profiled code and allocate. Prints one line per child's exit status. */
#define _GNU_SOURCE
#include <memline.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int stop;
static int churned; /* threads that finished a churn() */

MEMLINE_PROFILE
static void step(void)
{
    char *p = malloc(1000); /* step alloc */
    free(p);
}

MEMLINE_PROFILE
static int shell(void)
{
    return system("exit 4"); /* system */
}

MEMLINE_PROFILE
static void churn(void)
{
    for (int i = 0; i < 100; i++) {
        char *p = malloc(64 + i);
        free(p);
    }
}

static void *spin(void *arg)
{
    (void)arg;
    churn();
    __atomic_add_fetch(&churned, 1, __ATOMIC_RELEASE);
    while (!stop)
        churn();
    return NULL;
}

static void reap(const char *what, pid_t pid)
{
    int status;

    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        exit(1);
    printf("%s: %s %d\n", what, WIFEXITED(status) ? "exit" : "signal",
           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
    fflush(stdout);
}

int main(int argc, char **argv)
{
    pthread_t threads[4];
    pid_t pid;
    int i;

    if (argc == 2 && strcmp(argv[1], "exec-child") == 0) {
        step();
        step();
        return 6;
    }
    fflush(stdout);
    step();
    if ((pid = fork()) == 0) {
        step();
        step();
        step();
        exit(2);
    }
    reap("fork, exit", pid);
    if ((pid = fork()) == 0) {
        step();
        _exit(3);
    }
    reap("fork, _exit", pid);
    if ((pid = fork()) == 0) {
        execl("/proc/self/exe", argv[0], "exec-child", (char *)NULL);
        _exit(127);
    }
    reap("fork, exec instrumented", pid);
    if ((pid = fork()) == 0) {
        execl("/bin/sh", "sh", "-c", "exit 5", (char *)NULL);
        _exit(127);
    }
    reap("fork, exec plain", pid);
    i = shell();
    printf("system: exit %d\n", WEXITSTATUS(i));
    for (i = 0; i < 4; i++)
        if (pthread_create(&threads[i], NULL, spin, NULL) != 0)
            return 1;
    /* Forks among threads that run profiled code: on a loaded machine they
    ** might not have started yet. */
    while (__atomic_load_n(&churned, __ATOMIC_ACQUIRE) < 4)
        sched_yield();
    for (i = 0; i < 3; i++) {
        if ((pid = fork()) == 0) {
            step();
            exit(0);
        }
        reap("fork among threads", pid);
    }
    stop = 1;
    for (i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    return 0;
}
