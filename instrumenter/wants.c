/*
** wants.c — mli_wants (see mli.h): the cheap textual test run before
** parsing. A file is worth parsing when MEMLINE_FUNCTIONS globs are given,
** or when `MEMLINE_PROFILE` appears in its text or in a header it includes
** with quotes, followed recursively: the annotation may sit on a prototype
** in the file's own header (PRODUCT.md).
**
** `#include "name"` is resolved as gcc resolves it: in the including
** file's directory, then in the -iquote directories, then in the -I
** directories, each in command-line order; `-include name` is looked up in
** the working directory instead of the file's. Angle includes and system
** directories (-isystem, -idirafter, the compiler's own) are not followed:
** annotations live in the project's headers. Directives are found by
** their text alone (comments and #if are not understood): one too many
** only costs a parse.
**
** Bounds: each header is read at most once per call (by device and
** inode), at most WANTS_DEPTH includes deep and WANTS_BYTES in all. A scan
** that reaches a bound answers yes (parse, and let libclang decide), as
** does a file that cannot be read.
*/
#define _GNU_SOURCE
#include "mli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"

#define WANTS_WORD "MEMLINE_PROFILE"
#define WANTS_DEPTH 32
#define WANTS_BYTES (64UL << 20)

struct wants_file_id {
    dev_t dev;
    ino_t ino;
};

struct wants_scan {
    const char **dirs; /* -iquote directories, then -I directories */
    size_t ndirs;
    const char **forced; /* -include names */
    size_t nforced;
    struct wants_file_id *seen;
    size_t nseen, seen_cap;
    size_t bytes;
    int failed; /* out of memory */
};

static int contains(const char *s, size_t n, const char *word)
{
    return memmem(s, n, word, strlen(word)) != NULL;
}

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
static int collect_options(struct wants_scan *sc, const char *const *args, size_t nargs)
{
    size_t i, nquote = 0;
    const char *v;

    sc->dirs = calloc(nargs + 1, sizeof *sc->dirs);
    sc->forced = calloc(nargs + 1, sizeof *sc->forced);
    if (!sc->dirs || !sc->forced)
        return -1;
    for (i = 0; i < nargs; i++) {
        if ((v = option_value(args, nargs, &i, "-iquote"))) {
            memmove(sc->dirs + nquote + 1, sc->dirs + nquote,
                    (sc->ndirs - nquote) * sizeof *sc->dirs);
            sc->dirs[nquote++] = v;
            sc->ndirs++;
        } else if ((v = option_value(args, nargs, &i, "-include"))) {
            sc->forced[sc->nforced++] = v;
        } else if (strcmp(args[i], "-I-") != 0 && (v = option_value(args, nargs, &i, "-I"))) {
            sc->dirs[sc->ndirs++] = v;
        }
    }
    return 0;
}

/* Whether the file was seen already; if not, it is now. -1: no memory. */
static int seen_before(struct wants_scan *sc, const struct stat *st)
{
    size_t i;

    for (i = 0; i < sc->nseen; i++)
        if (sc->seen[i].dev == st->st_dev && sc->seen[i].ino == st->st_ino)
            return 1;
    if (sc->nseen == sc->seen_cap) {
        size_t cap = sc->seen_cap ? 2 * sc->seen_cap : 32;
        struct wants_file_id *seen = realloc(sc->seen, cap * sizeof *seen);

        if (!seen)
            return -1;
        sc->seen = seen;
        sc->seen_cap = cap;
    }
    sc->seen[sc->nseen].dev = st->st_dev;
    sc->seen[sc->nseen].ino = st->st_ino;
    sc->nseen++;
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

static int scan_text(struct wants_scan *sc, const char *text, size_t len, const char *dir,
                     unsigned depth);

/* Resolves include `name` from a file in `dir` (NULL: `name` is relative
** to the working directory) and scans it. 1: wanted (or a bound was
** reached), 0: not, -1: out of memory. */
static int scan_include(struct wants_scan *sc, const char *name, size_t len, const char *dir,
                        unsigned depth)
{
    struct stat st;
    char *path = existing(dir, name, len, &st), *text, *own_dir;
    size_t i, size;
    int wanted, seen;

    for (i = 0; !path && i < sc->ndirs; i++)
        path = existing(sc->dirs[i], name, len, &st);
    if (!path)
        return 0; /* a system header, or one the compiler will not find */
    seen = seen_before(sc, &st);
    if (seen != 0) {
        free(path);
        return seen < 0 ? -1 : 0;
    }
    if (depth >= WANTS_DEPTH || sc->bytes + (size_t)st.st_size > WANTS_BYTES ||
        !(text = mlb_read_file(path, &size))) {
        free(path);
        return 1;
    }
    sc->bytes += size;
    own_dir = directory_of(path);
    wanted = !own_dir                           ? -1
             : contains(text, size, WANTS_WORD) ? 1
                                                : scan_text(sc, text, size, own_dir, depth + 1);
    free(own_dir);
    free(text);
    free(path);
    return wanted;
}

/* Follows the quote includes of a file in `dir`. */
static int scan_text(struct wants_scan *sc, const char *text, size_t len, const char *dir,
                     unsigned depth)
{
    const char *p = text, *end = text + len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *q = p, *name;
        int wanted;

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
        if (q == eol || *q++ != '"')
            continue;
        name = q;
        while (q < eol && *q != '"')
            q++;
        if (q == eol || q == name)
            continue;
        if ((wanted = scan_include(sc, name, (size_t)(q - name), dir, depth)) != 0)
            return wanted;
    }
    return 0;
}

static int scan_source(struct wants_scan *sc, const char *path, const char *text, size_t len)
{
    char *dir = directory_of(path);
    size_t i;
    int wanted = dir ? 0 : -1;

    for (i = 0; wanted == 0 && i < sc->nforced; i++)
        wanted = scan_include(sc, sc->forced[i], strlen(sc->forced[i]), NULL, 0);
    if (wanted == 0)
        wanted = scan_text(sc, text, len, dir, 0);
    free(dir);
    return wanted;
}

int mli_wants(const char *path, const char *contents, size_t length, const char *const *args,
              size_t nargs, const struct mli_options *opts)
{
    struct wants_scan sc;
    char *own = NULL;
    int wanted;

    if (opts && opts->nfunctions > 0)
        return 1;
    if (!contents) {
        if (!(own = mlb_read_file(path, &length)))
            return 1; /* let mli_rewrite report it */
        contents = own;
    }
    if (contains(contents, length, WANTS_WORD)) {
        free(own);
        return 1;
    }
    memset(&sc, 0, sizeof sc);
    wanted = collect_options(&sc, args, nargs) < 0 ? -1 : scan_source(&sc, path, contents, length);
    free(sc.dirs);
    free(sc.forced);
    free(sc.seen);
    free(own);
    return wanted != 0; /* out of memory: parse, mli_rewrite will say so */
}
