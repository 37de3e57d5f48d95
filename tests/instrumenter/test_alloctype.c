/*
** test_alloctype.c — unit tests of instrumenter/alloctype.c: the type each
** allocation call of a file allocates, every rule of alloctype.h.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "alloctype.h"
#include "args.h"

static const char src[] =
    "#include <stdlib.h>\n"
    "#include <string.h>\n"
    "struct node { struct node *next; int v; };\n"
    "typedef struct node node_t;\n"
    "struct vec { double *items; size_t n; };\n"
    "void *xmalloc(size_t n);\n"
    "void keep(void *p);\n"
    "static struct node *make(void) { return malloc(sizeof(struct node)); }\n"
    "void f(struct vec *v, size_t n, const char *s) {\n"
    "    struct node *a = malloc(sizeof *a);\n"                     /* 10 */
    "    node_t *b = calloc(1, sizeof *b);\n"                       /* 11 */
    "    struct node *c = calloc(n, sizeof *c);\n"                  /* 12 */
    "    v->items = realloc(v->items, n * sizeof *v->items);\n"     /* 13 */
    "    char *buf = malloc(n + 1);\n"                              /* 14 */
    "    const struct node *d = (const struct node *)malloc(64);\n" /* 15 */
    "    keep(malloc(sizeof(double)));\n"                           /* 16 */
    "    keep(malloc(n * sizeof(struct vec)));\n"                   /* 17 */
    "    keep(malloc(n));\n"                                        /* 18 */
    "    char *t = strdup(s);\n"                                    /* 19 */
    "    struct vec *w = xmalloc(sizeof *w);\n"                     /* 20 */
    "    keep(xmalloc(16));\n"                                      /* 21 */
    "    void *raw = malloc(8);\n"                                  /* 22 */
    "    if ((a = malloc(sizeof(struct node))) == NULL) return;\n"  /* 23 */
    "    keep(a); keep(b); keep(c); keep(buf); keep((void *)d); keep(t); keep(w); keep(raw);\n"
    "    keep(make());\n"
    "}\n";

static char seen[32][96];
static size_t nseen;

static void record(void *ctx, const struct mlat_call *c)
{
    CXSourceLocation at = clang_getCursorLocation(c->call);
    unsigned line;

    (void)ctx;
    clang_getSpellingLocation(at, NULL, &line, NULL, NULL);
    if (nseen < 32)
        snprintf(seen[nseen++], sizeof seen[0], "%u %s %s", line, c->callee,
                 c->type ? c->type : "?");
}

static CXCursor bodies[4], fns[4];
static size_t nbodies;

static enum CXChildVisitResult find_bodies(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)data;
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
        return CXChildVisit_Continue;
    if (c.kind == CXCursor_CompoundStmt && parent.kind == CXCursor_FunctionDecl && nbodies < 4) {
        fns[nbodies] = parent;
        bodies[nbodies++] = c;
        return CXChildVisit_Continue;
    }
    if (c.kind == CXCursor_FunctionDecl && clang_isCursorDefinition(c))
        return CXChildVisit_Recurse;
    return CXChildVisit_Continue;
}

static void every_rule_of_the_header(void **state)
{
    static const char *const want[] = {
        "8 malloc struct node",
        "10 malloc struct node",
        "11 calloc node_t",
        "12 calloc struct node[]",
        "13 realloc double[]",
        "14 malloc char[]",
        "15 malloc struct node",
        "16 malloc double",
        "17 malloc struct vec[]",
        "18 malloc ?",
        "19 strdup char[] (string)",
        "20 xmalloc struct vec",
        "22 malloc ?",
        "23 malloc struct node",
    };
    struct mla_argv argv;
    struct CXUnsavedFile unsaved = {"t.c", src, sizeof src - 1};
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit tu;
    size_t i;

    (void)state;
    assert_int_equal(mla_build(&argv, NULL, 0, NULL), 0);
    tu = clang_parseTranslationUnit(index, "t.c", (const char *const *)argv.v, (int)argv.n,
                                    &unsaved, 1, CXTranslationUnit_None);
    mla_free(&argv);
    assert_non_null(tu);
    nbodies = nseen = 0;
    clang_visitChildren(clang_getTranslationUnitCursor(tu), find_bodies, NULL);
    assert_int_equal(nbodies, 2);
    for (i = 0; i < nbodies; i++)
        assert_int_equal(mlat_scan(fns[i], bodies[i], record, NULL), 0);
    for (i = 0; i < nseen && i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(seen[i], want[i]);
    assert_int_equal(nseen, sizeof want / sizeof want[0]);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_rule_of_the_header),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
