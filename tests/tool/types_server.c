/* types_server.c — a server whose sessions leak, 1000 per round, with an
** on-demand report after each round (e2e_types.sh: growth by type). */
#include <memline.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

struct session {
    char user[40];
    struct session *next;
};

static struct session *open_sessions;

MEMLINE_PROFILE
static void serve(int n)
{
    for (int i = 0; i < n; i++) {
        struct session *s = malloc(sizeof *s);
        char *buf = malloc(256);
        strcpy(s->user, "someone");
        s->next = open_sessions;
        open_sessions = s;
        free(buf);
    }
}

int main(void)
{
    serve(1000);
    raise(SIGUSR1);
    serve(1000);
    raise(SIGUSR1);
    return 0;
}
