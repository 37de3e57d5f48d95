/*
** fuzz_instrument.c — libFuzzer harness for the instrumenter (mli_rewrite):
** arbitrary bytes are a C file in which every function is selected by
** name, as with MEMLINE_FUNCTIONS='?*' (so that each with a loop gets its
** plain copy too, instrumenter/plain.h).
**
** Properties checked (a violation aborts, and libFuzzer keeps the input):
**  - mli_rewrite never crashes, hangs or leaks (ASan, UBSan, LSan, -timeout);
**  - the result is consistent with its status: MLI_REWRITTEN has a
**    NUL-terminated text of `length` bytes and at least one function,
**    MLI_UNCHANGED a one-line reason that is not an "internal error";
**  - MLI_REWRITTEN only comes from an input libclang parsed without error,
**    and then the rewritten text parses without error too, with the same
**    libclang arguments and include/ on the path for <memline/probe.h>.
**
** Both files live at a virtual path, so quote includes cannot reach files
** of the working directory; the original stays visible during the second
** parse, as it stays on disk when memline-cc compiles the rewritten copy.
*/
#define _GNU_SOURCE
#include <clang-c/Index.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "mli.h"

#define FUZZ_INPUT "/memline-fuzz/input.c"
#define FUZZ_REWRITTEN "/memline-fuzz/rewritten.c"

static void fuzz_fail(const char *what, const char *detail, const struct mli_result *r)
{
    fprintf(stderr, "fuzz_instrument: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    if (r && r->text)
        fprintf(stderr, "--- rewritten text ---\n%.*s\n--- end ---\n", (int)r->length, r->text);
    abort();
}

/* The first error diagnostic of a translation unit as text, or NULL. */
static char *fuzz_first_error(CXTranslationUnit tu)
{
    unsigned i, n = clang_getNumDiagnostics(tu);
    char *message = NULL;

    for (i = 0; i < n && !message; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);

        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            CXString s = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());

            message = strdup(clang_getCString(s));
            clang_disposeString(s);
        }
        clang_disposeDiagnostic(d);
    }
    return message;
}

/* Parses the rewritten text next to the original, as the instrumenter
** parsed the original; aborts on any error diagnostic. */
static void fuzz_check_parses(const char *input, size_t size, const char *include_arg,
                              const struct mli_result *r)
{
    struct CXUnsavedFile files[2];
    struct mla_argv argv;
    CXTranslationUnit tu = NULL;
    CXIndex index;
    enum CXErrorCode err;
    char *error;

    if (mla_build(&argv, &include_arg, 1, NULL) < 0)
        fuzz_fail("out of memory building libclang arguments", NULL, NULL);
    files[0].Filename = FUZZ_REWRITTEN;
    files[0].Contents = r->text;
    files[0].Length = (unsigned long)r->length;
    files[1].Filename = FUZZ_INPUT;
    files[1].Contents = input;
    files[1].Length = (unsigned long)size;
    index = clang_createIndex(0, 0);
    err = clang_parseTranslationUnit2(index, FUZZ_REWRITTEN, (const char *const *)argv.v,
                                      (int)argv.n, files, 2, CXTranslationUnit_None, &tu);
    mla_free(&argv);
    if (err != CXError_Success || !tu)
        fuzz_fail("libclang cannot parse the rewritten text", NULL, r);
    error = fuzz_first_error(tu);
    clang_disposeTranslationUnit(tu);
    clang_disposeIndex(index);
    if (error) {
        fprintf(stderr, "fuzz_instrument: %s\n", error);
        free(error);
        fuzz_fail("the rewritten text does not parse where the input does", NULL, r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const every_function[] = {"?*"};
    const char *include_arg = "-I" FUZZ_INCLUDE_DIR;
    const char *input = (const char *)data;
    struct mli_options opts;
    struct mli_result r;

    memset(&opts, 0, sizeof opts);
    opts.functions = every_function;
    opts.nfunctions = 1;
    opts.list_allocations = 1; /* the type inference sees every input too */
    if (mli_rewrite(FUZZ_INPUT, input, size, &include_arg, 1, &opts, &r) != 0 &&
        r.status != MLI_UNCHANGED)
        fuzz_fail("mli_rewrite failed without MLI_UNCHANGED", NULL, &r);
    switch (r.status) {
    case MLI_REWRITTEN:
        if (!r.text || r.text[r.length] != '\0' || r.functions == 0 || r.reason)
            fuzz_fail("inconsistent MLI_REWRITTEN result", NULL, &r);
        fuzz_check_parses(input, size, include_arg, &r);
        break;
    case MLI_NOTHING:
        if (r.text || r.reason)
            fuzz_fail("inconsistent MLI_NOTHING result", NULL, &r);
        break;
    case MLI_UNCHANGED:
        if (!r.reason || r.text || strchr(r.reason, '\n'))
            fuzz_fail("inconsistent MLI_UNCHANGED result", r.reason, &r);
        if (strncmp(r.reason, "internal error", 14) == 0)
            fuzz_fail("instrumenter internal error", r.reason, &r);
        break;
    default:
        fuzz_fail("unknown status", NULL, &r);
    }
    mli_result_free(&r);
    return 0;
}
