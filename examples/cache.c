/*
** cache.c — memory growth in a cache. render() memoizes pages: the first
** round fills the cache, later rounds only hit it. memline shows the one
** line that holds on to memory (make_page, run once per page) and that the
** cache hits cost nothing: growth stops once every page is cached.
*/
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE (512 << 10)

static char **cache;
static int cache_len;

static char *make_page(int id)
{
    char *page = malloc(PAGE);

    memset(page, 'a' + id % 26, PAGE);
    return page;
}

MEMLINE_PROFILE
static const char *render(int id)
{
    if (id < cache_len && cache[id])
        return cache[id];
    if (id >= cache_len) {
        cache = realloc(cache, (size_t)(id + 1) * sizeof *cache);
        memset(cache + cache_len, 0, (size_t)(id + 1 - cache_len) * sizeof *cache);
        cache_len = id + 1;
    }
    cache[id] = make_page(id);
    return cache[id];
}

int main(void)
{
    long sum = 0;

    for (int round = 0; round < 3; round++)
        for (int id = 0; id < 8; id++)
            sum += render(id)[0];
    printf("sum %ld\n", sum);
    for (int id = 0; id < cache_len; id++)
        free(cache[id]);
    free(cache);
    return 0;
}
