/* types.c — allocation calls tagged with their type (MEMLINE_TYPES=1). */
#include <stdlib.h>
#include <string.h>

struct session {
    char user[32];
    struct session *next;
};
typedef struct session session_t;

void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        abort();
    return p;
}

static struct session *sessions;

struct session *open_session(const char *user)
{
    struct session *s = xmalloc(sizeof *s);
    char *copy = strdup(user);
    int *ids = calloc(16, sizeof(int));
    session_t *spare = (session_t *)malloc(sizeof(session_t));
    double *weights = malloc(4 * sizeof *weights);
    strncpy(s->user, copy, sizeof s->user - 1);
    free(copy);
    free(ids);
    free(spare);
    free(weights);
    s->next = sessions;
    sessions = s;
    return s;
}

char **names(size_t n)
{
    char **v = NULL;
    v = realloc(v, (n + 1) * sizeof *v);
    return v;
}

int main(void)
{
    free(names(3));
    free(open_session("root"));
    return 0;
}
