/*
** args.c — gcc command-line classification (see args.h).
**
** The option table lists only what memline-cc must recognise: options that
** take an argument (so that the argument is not mistaken for an input),
** stage options, outputs, dependency-file options, link-only options and
** options that change how a C file parses. Every other option is
** ARGS_ROLE_COMPILE and reaches the compiler untouched.
*/
#include "args.h"

#include <stdlib.h>
#include <string.h>

#include "xmem.h"

enum {
    OPT_SEPARATE = 1, /* exact name takes the next argv entry */
    OPT_JOINED = 2,   /* name is a prefix, the rest is the argument */
    OPT_PREFIX = 4,   /* name is a prefix of a flag without argument */
    OPT_PARSE = 8     /* also given to the instrumenter */
};

/* What an option means beyond its role. */
enum opt_effect {
    EFF_NONE,
    EFF_OUTPUT,
    EFF_LANG,
    EFF_STAGE_C,
    EFF_STAGE_S,
    EFF_STAGE_E,
    EFF_MD,
    EFF_MMD,
    EFF_MF,
    EFF_MTARGET,
    EFF_SHARED_DEPS, /* -MP, -MG */
    EFF_NO_RUNTIME,
    EFF_PASSTHROUGH,
    EFF_WP
};

struct opt {
    const char *name;
    unsigned flags;
    enum args_role role;
    enum opt_effect effect;
};

#define SJ (OPT_SEPARATE | OPT_JOINED)

/* Longer names come before their prefixes. */
static const struct opt opts[] = {
    {"-o", SJ, ARGS_ROLE_OUTPUT, EFF_OUTPUT},
    {"-x", SJ, ARGS_ROLE_COMPILE, EFF_LANG},
    {"-c", 0, ARGS_ROLE_COMPILE, EFF_STAGE_C},
    {"-S", 0, ARGS_ROLE_COMPILE, EFF_STAGE_S},
    {"-E", 0, ARGS_ROLE_COMPILE, EFF_STAGE_E},
    {"-MD", 0, ARGS_ROLE_DEPS, EFF_MD},
    {"-MMD", 0, ARGS_ROLE_DEPS, EFF_MMD},
    {"-MF", SJ, ARGS_ROLE_DEPS, EFF_MF},
    {"-MT", SJ, ARGS_ROLE_DEPS, EFF_MTARGET},
    {"-MQ", SJ, ARGS_ROLE_DEPS, EFF_MTARGET},
    {"-MP", 0, ARGS_ROLE_DEPS, EFF_SHARED_DEPS},
    {"-MG", 0, ARGS_ROLE_DEPS, EFF_SHARED_DEPS},
    {"-M", 0, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"-MM", 0, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"-Wp,", OPT_PREFIX, ARGS_ROLE_COMPILE, EFF_WP},
    {"-include", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-imacros", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-isystem", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-isysroot", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-iquote", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-idirafter", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-iprefix", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-iwithprefixbefore", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-iwithprefix", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-imultilib", SJ, ARGS_ROLE_COMPILE, EFF_NONE},
    {"--sysroot=", OPT_PREFIX | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"--sysroot", OPT_SEPARATE | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-I", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-D", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-U", SJ | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-A", SJ, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-B", SJ, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-Xpreprocessor", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-Xassembler", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-Xclang", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-Xlinker", OPT_SEPARATE, ARGS_ROLE_LINK, EFF_NONE},
    {"-mllvm", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-target", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-arch", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"--param", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-aux-info", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-wrapper", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-dumpbase", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-dumpbase-ext", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-dumpdir", OPT_SEPARATE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-L", SJ, ARGS_ROLE_LINK, EFF_NONE},
    {"-l", SJ, ARGS_ROLE_LINK, EFF_NONE},
    {"-T", SJ, ARGS_ROLE_LINK, EFF_NONE},
    {"-undef", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-u", SJ, ARGS_ROLE_LINK, EFF_NONE},
    {"-z", SJ, ARGS_ROLE_LINK, EFF_NONE},
    {"-e", OPT_SEPARATE, ARGS_ROLE_LINK, EFF_NONE},
    {"-Wl,", OPT_PREFIX, ARGS_ROLE_LINK, EFF_NONE},
    {"-fuse-ld=", OPT_PREFIX, ARGS_ROLE_LINK, EFF_NONE},
    {"-static-lib", OPT_PREFIX, ARGS_ROLE_LINK, EFF_NONE},
    {"-static", 0, ARGS_ROLE_LINK, EFF_NO_RUNTIME},
    {"-static-pie", 0, ARGS_ROLE_LINK, EFF_NO_RUNTIME},
    {"-nostdlib", 0, ARGS_ROLE_LINK, EFF_NO_RUNTIME},
    {"-nodefaultlibs", 0, ARGS_ROLE_LINK, EFF_NO_RUNTIME},
    {"-nolibc", 0, ARGS_ROLE_LINK, EFF_NO_RUNTIME},
    {"-r", 0, ARGS_ROLE_LINK, EFF_NO_RUNTIME},
    {"-shared", 0, ARGS_ROLE_LINK, EFF_NONE},
    {"-shared-libgcc", 0, ARGS_ROLE_LINK, EFF_NONE},
    {"-nostartfiles", 0, ARGS_ROLE_LINK, EFF_NONE},
    {"-rdynamic", 0, ARGS_ROLE_LINK, EFF_NONE},
    {"-symbolic", 0, ARGS_ROLE_LINK, EFF_NONE},
    {"-pie", 0, ARGS_ROLE_LINK, EFF_NONE},
    {"-no-pie", 0, ARGS_ROLE_LINK, EFF_NONE},
    {"-s", 0, ARGS_ROLE_LINK, EFF_NONE},
    {"-fsyntax-only", 0, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"-###", 0, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"--version", 0, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"--help", OPT_PREFIX, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"--print-", OPT_PREFIX, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"-print-", OPT_PREFIX, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"-dump", OPT_PREFIX, ARGS_ROLE_COMPILE, EFF_PASSTHROUGH},
    {"-std=", OPT_PREFIX | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"--std=", OPT_PREFIX | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-ansi", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-nostdinc", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-trigraphs", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-pthread", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-O", OPT_PREFIX | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-m32", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-m64", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-march=", OPT_PREFIX | OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fsigned-char", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-funsigned-char", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fno-signed-char", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fno-unsigned-char", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fms-extensions", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fgnu89-inline", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fshort-wchar", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fshort-enums", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fPIC", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fpic", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fPIE", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
    {"-fpie", OPT_PARSE, ARGS_ROLE_COMPILE, EFF_NONE},
};

static const struct opt *find_opt(const char *arg, const char **joined)
{
    size_t i;

    *joined = NULL;
    for (i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        const struct opt *o = &opts[i];
        size_t len = strlen(o->name);

        if (strcmp(arg, o->name) == 0)
            return o;
        if ((o->flags & (OPT_JOINED | OPT_PREFIX)) && strncmp(arg, o->name, len) == 0 &&
            arg[len] != '\0') {
            *joined = arg + len;
            return o;
        }
    }
    return NULL;
}

static const char *extension(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : NULL;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

static const char *const source_extensions[] = {
    "i",   "ii",  "h",   "H",   "hh",  "hpp", "hxx", "h++", "tcc", "s",   "S",   "sx",  "cc",
    "cp",  "cxx", "cpp", "CPP", "c++", "C",   "m",   "mi",  "mm",  "M",   "mii", "f",   "for",
    "ftn", "F",   "FOR", "fpp", "FPP", "FTN", "f90", "f95", "f03", "f08", "F90", "F95", "F03",
    "F08", "go",  "d",   "di",  "dd",  "ads", "adb", "cu",  "cl",  NULL};

enum args_lang args_lang_of(const char *path)
{
    const char *ext = extension(path);

    if (strcmp(path, "-") == 0)
        return ARGS_LANG_SOURCE; /* gcc wants -x for standard input */
    if (ext == NULL)
        return ARGS_LANG_LINKER;
    if (strcmp(ext, "c") == 0)
        return ARGS_LANG_C;
    if (in_list(ext, source_extensions))
        return ARGS_LANG_SOURCE;
    return ARGS_LANG_LINKER;
}

int args_looks_like_input(const char *arg)
{
    const char *ext = extension(arg);

    if (strcmp(arg, "-") == 0 || args_lang_of(arg) != ARGS_LANG_LINKER)
        return 1;
    if (ext == NULL)
        return strstr(arg, ".so.") != NULL;
    return strcmp(ext, "o") == 0 || strcmp(ext, "a") == 0 || strcmp(ext, "so") == 0 ||
           strcmp(ext, "lo") == 0 || strcmp(ext, "obj") == 0 || strstr(arg, ".so.") != NULL;
}

char *args_default_output(const char *path, const char *suffix)
{
    const char *base = strrchr(path, '/');
    const char *ext;
    size_t stem;

    base = base ? base + 1 : path;
    ext = extension(base);
    stem = ext ? (size_t)(ext - 1 - base) : strlen(base);
    return xasprintf("%.*s%s", (int)stem, base, suffix);
}

/* -x LANG: the language of the inputs that follow; -1 = by extension. */
static int lang_named(const char *name)
{
    if (strcmp(name, "none") == 0)
        return -1;
    return strcmp(name, "c") == 0 ? ARGS_LANG_C : ARGS_LANG_SOURCE;
}

/* -Wp,-MD,FILE and -Wp,-MMD,FILE: the preprocessor's own dependency
** output, as the Linux kernel's build uses it. */
static int wp_deps(struct args *a, const char *list)
{
    if (strncmp(list, "-MD,", 4) == 0) {
        a->deps = ARGS_DEPS_MD;
        a->deps_file = list + 4;
    } else if (strncmp(list, "-MMD,", 5) == 0) {
        a->deps = ARGS_DEPS_MMD;
        a->deps_file = list + 5;
    } else {
        return 0;
    }
    a->deps_via_wp = 1;
    return strchr(a->deps_file, ',') == NULL;
}

static void apply(struct args *a, struct args_item *it, const struct opt *o, const char *arg,
                  int *lang)
{
    switch (o->effect) {
    case EFF_NONE:
    case EFF_SHARED_DEPS:
        break;
    case EFF_OUTPUT:
        a->output = it->value;
        break;
    case EFF_LANG:
        *lang = it->value ? lang_named(it->value) : -1;
        break;
    case EFF_STAGE_C:
        if (a->stage == ARGS_LINK)
            a->stage = ARGS_ASSEMBLE;
        break;
    case EFF_STAGE_S:
        if (a->stage != ARGS_PREPROCESS)
            a->stage = ARGS_COMPILE;
        break;
    case EFF_STAGE_E:
        a->stage = ARGS_PREPROCESS;
        break;
    case EFF_MD:
        a->deps = ARGS_DEPS_MD;
        break;
    case EFF_MMD:
        a->deps = ARGS_DEPS_MMD;
        break;
    case EFF_MF:
        a->deps_file = it->value;
        break;
    case EFF_MTARGET:
        a->deps_targets++;
        break;
    case EFF_NO_RUNTIME:
        a->no_runtime = 1;
        break;
    case EFF_PASSTHROUGH:
        a->passthrough = arg;
        break;
    case EFF_WP:
        if (wp_deps(a, arg + 4))
            it->role = ARGS_ROLE_DEPS;
        break;
    }
}

void args_classify(struct args *a, const char *const *argv, size_t argc)
{
    size_t i = 0;
    int lang = -1;

    memset(a, 0, sizeof *a);
    a->argv = argv;
    a->argc = argc;
    a->items = xmalloc((argc ? argc : 1) * sizeof *a->items);
    while (i < argc) {
        const char *arg = argv[i];
        struct args_item *it = &a->items[a->nitems++];
        const struct opt *o;
        const char *joined;

        memset(it, 0, sizeof *it);
        it->index = i;
        it->count = 1;
        if (arg[0] != '-' || arg[1] == '\0') {
            it->role = ARGS_ROLE_INPUT;
            it->value = arg;
            it->lang = lang >= 0 ? (enum args_lang)lang : args_lang_of(arg);
            a->ninputs++;
            if (it->lang != ARGS_LANG_LINKER)
                a->nsources++;
            i++;
            continue;
        }
        o = find_opt(arg, &joined);
        if (o == NULL) {
            it->role = ARGS_ROLE_COMPILE;
            i++;
            continue;
        }
        it->role = o->role;
        it->parse = (o->flags & OPT_PARSE) != 0;
        if (joined && (o->flags & OPT_JOINED)) {
            it->value = joined;
        } else if (!joined && (o->flags & OPT_SEPARATE) && i + 1 < argc) {
            it->value = argv[i + 1];
            it->count = 2;
        }
        apply(a, it, o, arg, &lang);
        i += it->count;
    }
    a->links = a->stage == ARGS_LINK && a->ninputs > 0 && a->passthrough == NULL;
    if (a->passthrough == NULL) {
        if (a->stage == ARGS_PREPROCESS)
            a->passthrough = "-E";
        else if (a->ninputs == 0 || (a->nsources == 0 && a->stage != ARGS_LINK))
            a->passthrough = "no source input";
        else if (a->stage != ARGS_LINK && a->output && a->nsources > 1)
            a->passthrough = "-o with several outputs";
    }
}

void args_free(struct args *a)
{
    free(a->items);
    a->items = NULL;
    a->nitems = 0;
}
