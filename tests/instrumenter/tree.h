/*
** tests/instrumenter/tree.h — a scratch directory tree for the tests of
** header lookups: `tree` is its path (made by tree_make in the current
** directory, removed by tree_remove), tree_put writes tree/<path>.
*/
#ifndef MEMLINE_TEST_TREE_H
#define MEMLINE_TEST_TREE_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static char tree[64];

static void tree_put(const char *path, const char *text)
{
    char full[256];
    FILE *f;

    snprintf(full, sizeof full, "%s/%s", tree, path);
    f = fopen(full, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A fresh PREFIX.XXXXXX with the subdirectories `dirs` (NULL-terminated,
** parents first). Returns 0, or -1 (a cmocka setup's failure). */
static int tree_make(const char *prefix, const char *const *dirs)
{
    char dir[128];

    snprintf(tree, sizeof tree, "%s.XXXXXX", prefix);
    if (!mkdtemp(tree))
        return -1;
    for (; *dirs; dirs++) {
        snprintf(dir, sizeof dir, "%s/%s", tree, *dirs);
        if (mkdir(dir, 0700) != 0)
            return -1;
    }
    return 0;
}

static int tree_remove(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tree);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
