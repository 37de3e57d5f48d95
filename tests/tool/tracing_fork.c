/* tracing_fork.c — fork while tracing is stopped (e2e_tracing.sh): the
** child starts tracing and keeps a block, the parent keeps another after
** starting; each report has its own. */
#include <memline.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void *keep[4];

MEMLINE_PROFILE
int main(void)
{
    pid_t child;

    memline_stop();
    keep[0] = malloc(1000);
    child = fork();
    if (child == 0) {
        keep[1] = malloc(2000);
        memline_start();
        keep[2] = malloc(3000);
        free(keep[0]);
        return 0;
    }
    waitpid(child, NULL, 0);
    memline_start();
    keep[3] = malloc(5000);
    free(keep[0]);
    return 0;
}
