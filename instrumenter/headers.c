/*
** headers.c — the project's headers a file includes; see headers.h.
*/
#define _GNU_SOURCE
#include "headers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

struct file_id {
    dev_t dev;
    ino_t ino;
};

struct walk {
    const char **dirs; /* -iquote directories, then -I directories */
    size_t ndirs, nquote;
    const char **forced; /* -include names */
    size_t nforced;
    struct file_id *seen;
    size_t nseen, seen_cap;
    size_t bytes;
    int angle;
    mlf_visitor visit;
    void *ctx;
};

/* The value of option `name` at args[*i], joined or in the next argument
** (then *i moves to it); NULL when args[*i] is not that option. */
static const char *option_value(const char *const *args, size_t nargs, size_t *i, const char *name)
{
    size_t n = strlen(name);

    if (strncmp(args[*i], name, n) != 0)
        return NULL;
    if (args[*i][n] != '\0')
        return args[*i] + n;
    if (*i + 1 >= nargs)
        return NULL;
    return args[++*i];
}

/* Fills the directory lists from the compile arguments. */
static int collect_options(struct walk *w, const char *const *args, size_t nargs)
{
    size_t i;
    const char *v;

    w->dirs = calloc(nargs + 1, sizeof *w->dirs);
    w->forced = calloc(nargs + 1, sizeof *w->forced);
    if (!w->dirs || !w->forced)
        return -1;
    for (i = 0; i < nargs; i++) {
        if ((v = option_value(args, nargs, &i, "-iquote"))) {
            memmove(w->dirs + w->nquote + 1, w->dirs + w->nquote,
                    (w->ndirs - w->nquote) * sizeof *w->dirs);
            w->dirs[w->nquote++] = v;
            w->ndirs++;
        } else if ((v = option_value(args, nargs, &i, "-include"))) {
            w->forced[w->nforced++] = v;
        } else if (strcmp(args[i], "-I-") != 0 && (v = option_value(args, nargs, &i, "-I"))) {
            w->dirs[w->ndirs++] = v;
        }
    }
    return 0;
}

/* Whether the file was seen already; if not, it is now. -1: no memory. */
static int seen_before(struct walk *w, const struct stat *st)
{
    size_t i;

    for (i = 0; i < w->nseen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
            return 1;
    if (w->nseen == w->seen_cap) {
        size_t cap = w->seen_cap ? 2 * w->seen_cap : 32;
        struct file_id *seen = realloc(w->seen, cap * sizeof *seen);

        if (!seen)
            return -1;
        w->seen = seen;
        w->seen_cap = cap;
    }
    w->seen[w->nseen].dev = st->st_dev;
    w->seen[w->nseen].ino = st->st_ino;
    w->nseen++;
    return 0;
}

/* dir/name when it names a regular file (st filled), else NULL. */
static char *existing(const char *dir, const char *name, size_t len, struct stat *st)
{
    char *path;

    if (name[0] == '/' || !dir)
        path = strndup(name, len);
    else if (asprintf(&path, "%s/%.*s", dir, (int)len, name) < 0)
        path = NULL;
    if (path && (stat(path, st) != 0 || !S_ISREG(st->st_mode))) {
        free(path);
        path = NULL;
    }
    return path;
}

/* The directory part of path ("." when it has none). */
static char *directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static int walk_text(struct walk *w, const char *text, size_t len, const char *dir, unsigned depth);

/* Resolves include `name` (`quoted`: "name", else <name>) from a file in
** `dir` (NULL: relative to the working directory), visits it and walks it. */
static int walk_include(struct walk *w, const char *name, size_t len, int quoted, const char *dir,
                        unsigned depth)
{
    struct stat st;
    char *path = quoted ? existing(dir, name, len, &st) : NULL, *text, *own_dir;
    size_t i, size;
    int rc, seen;

    for (i = quoted ? 0 : w->nquote; !path && i < w->ndirs; i++)
        path = existing(w->dirs[i], name, len, &st);
    if (!path)
        return MLF_DONE; /* a system header, or one the compiler will not find */
    seen = seen_before(w, &st);
    if (seen != 0) {
        free(path);
        return seen < 0 ? -1 : MLF_DONE;
    }
    if (depth >= MLF_DEPTH || w->bytes + (size_t)st.st_size > MLF_BYTES ||
        !(text = mlb_read_file(path, &size))) {
        free(path);
        return MLF_BOUND;
    }
    w->bytes += size;
    own_dir = directory_of(path);
    rc = !own_dir ? -1 : w->visit(w->ctx, path, text, size);
    if (rc == MLF_DONE)
        rc = walk_text(w, text, size, own_dir, depth + 1);
    free(own_dir);
    free(text);
    free(path);
    return rc;
}

/* Follows the includes of a file in `dir`. */
static int walk_text(struct walk *w, const char *text, size_t len, const char *dir, unsigned depth)
{
    const char *p = text, *end = text + len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *q = p, *name;
        char close;
        int rc;

        if (!eol)
            eol = end;
        p = eol + 1;
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        if (q == eol || *q++ != '#')
            continue;
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        if ((size_t)(eol - q) < 7 || memcmp(q, "include", 7) != 0)
            continue;
        q += 7;
        while (q < eol && (*q == ' ' || *q == '\t'))
            q++;
        if (q == eol || (*q != '"' && (*q != '<' || !w->angle)))
            continue;
        close = *q++ == '"' ? '"' : '>';
        name = q;
        while (q < eol && *q != close)
            q++;
        if (q == eol || q == name)
            continue;
        rc = walk_include(w, name, (size_t)(q - name), close == '"', dir, depth);
        if (rc != MLF_DONE)
            return rc;
    }
    return MLF_DONE;
}

int mlf_walk(const char *path, const char *text, size_t len, const char *const *args, size_t nargs,
             int angle, mlf_visitor visit, void *ctx)
{
    struct walk w;
    char *dir = directory_of(path);
    size_t i;
    int rc = dir ? MLF_DONE : -1;

    memset(&w, 0, sizeof w);
    w.angle = angle;
    w.visit = visit;
    w.ctx = ctx;
    if (rc == MLF_DONE && collect_options(&w, args, nargs) < 0)
        rc = -1;
    for (i = 0; rc == MLF_DONE && i < w.nforced; i++)
        rc = walk_include(&w, w.forced[i], strlen(w.forced[i]), 1, NULL, 0);
    if (rc == MLF_DONE)
        rc = walk_text(&w, text, len, dir, 0);
    free(dir);
    free(w.dirs);
    free(w.forced);
    free(w.seen);
    return rc;
}
