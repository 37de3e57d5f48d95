#!/usr/bin/env bash
# e2e_env.sh — memline-cc's environment and choice of compiler:
# MEMLINE_DISABLE=1 instruments nothing and adds no runtime, MEMLINE_KEEP
# keeps the rewritten source (making its directory), MEMLINE_FUNCTIONS profiles unannotated
# functions, MEMLINE_CC and launcher mode pick the compiler, a program
# without profiled code carries the runtime and prints nothing, and
# memline-cc as its own real compiler is refused in one line (an option
# that ends in /memline-cc is not it).
. "$(dirname "$0")/common.sh" "$@"
cat >prog.c <<'SRC'
#include <memline.h>
#include <stdlib.h>

MEMLINE_PROFILE
static int annotated(void)
{
    char *p = malloc(1000);
    free(p);
    return 0;
}

static int helper(void)
{
    char *p = malloc(2000);
    free(p);
    return 0;
}

int main(void)
{
    return annotated() + helper();
}
SRC
cat >none.c <<'SRC'
#include <stdlib.h>
int main(void)
{
    free(malloc(100));
    return 0;
}
SRC

MEMLINE_DISABLE=1 memline-cc -c prog.c -o off.o
! nm off.o | grep -q memline || fail "MEMLINE_DISABLE=1 still instrumented"
MEMLINE_DISABLE=1 memline-cc -o off off.o
! readelf -d off | grep -q libmemline || fail "MEMLINE_DISABLE=1 still links the runtime"

mkdir kept
MEMLINE_KEEP="$work/kept" memline-cc -c prog.c -o kept.o
[ -f kept/prog.c ] || fail "MEMLINE_KEEP kept nothing: $(ls kept)"
grep -q memline_enter kept/prog.c || fail "kept/prog.c is not the rewritten source"
# a directory that does not exist yet is made, parents too
MEMLINE_KEEP="$work/kept/new/deeper" memline-cc -c prog.c -o kept.o 2>keep.err
[ -f kept/new/deeper/prog.c ] || fail "MEMLINE_KEEP did not make its directory: $(cat keep.err)"
[ ! -s keep.err ] || fail "MEMLINE_KEEP into a new directory warned: $(cat keep.err)"

MEMLINE_FUNCTIONS='help*' memline-cc -o sel prog.c
./sel 2>sel.txt
grep -q 'static int helper(void)' sel.txt || fail "MEMLINE_FUNCTIONS: $(cat sel.txt)"
grep -q 'static int annotated(void)' sel.txt || fail "annotated function lost: $(cat sel.txt)"

memline-cc -o none none.c
readelf -d none | grep -q 'NEEDED.*libmemline' || fail "the runtime is not linked"
./none >out.txt 2>err.txt
[ ! -s out.txt ] && [ ! -s err.txt ] || fail "a program without profiled code printed something"

for compiler in gcc clang; do
    MEMLINE_CC="$compiler -O1" memline-cc -o via-env prog.c
    ./via-env 2>env.txt
    grep -q 'Filename: prog.c' env.txt || fail "MEMLINE_CC=$compiler"
    memline-cc $compiler -o via-launcher prog.c
    ./via-launcher 2>launch.txt
    grep -q 'Filename: prog.c' launch.txt || fail "launcher $compiler"
done
memline-cc clang -c prog.c -o c.o
readelf -p .comment c.o | grep -q clang || fail "launcher mode did not use clang"

# An option that ends in /memline-cc is an option, not memline-cc itself.
mkdir -p inc/memline-cc
echo '#define FROM_INC 1' >inc/memline-cc/inc.h
printf '#include "inc.h"\nint v = FROM_INC;\n' >uses-inc.c
memline-cc -I"$work/inc/memline-cc" -c uses-inc.c -o uses-inc.o ||
    fail "a first argument -I.../memline-cc was dropped"

set +e
MEMLINE_CC=memline-cc memline-cc -c prog.c 2>self.err
status=$?
set -e
[ "$status" -ne 0 ] || fail "memline-cc accepted itself as the real compiler"
grep -q '^memline-cc: ' self.err || fail "self: $(cat self.err)"
check_no_temporaries
