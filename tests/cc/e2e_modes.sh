#!/usr/bin/env bash
# e2e_modes.sh — -E, -S, -c with several sources, standard input and
# response files behave as with the real compiler: same outputs under the
# same names, and the profiled code is instrumented wherever it is
# compiled.
. "$(dirname "$0")/common.sh" "$@"
inc=(-isystem "$build/include")
mkdir sub
cat >sub/prof.c <<'SRC'
#include <memline.h>
#include <stdlib.h>
#include "near.h"

MEMLINE_PROFILE
int prof(void)
{
    char *p = malloc(NEAR);
    free(p);
    return NEAR;
}
SRC
echo '#define NEAR 64' >sub/near.h
cat >plain.c <<'SRC'
int plain(int x)
{
    return x * 2;
}
SRC
cat >main.c <<'SRC'
int prof(void);
int plain(int);
int main(void)
{
    return prof() + plain(1) == 66 ? 0 : 1;
}
SRC

# -E prints what the real compiler prints for the original
memline-cc -E sub/prof.c >got.i
cc "${inc[@]}" -E sub/prof.c >ref.i
check_same ref.i got.i

# -S: same name; a plain file gives the same assembly, a profiled one
# calls the runtime and still names its real file
memline-cc -S plain.c sub/prof.c
cc -S plain.c -o ref.s
check_same ref.s plain.s
grep -q memline_enter prof.s || fail "prof.s is not instrumented"
cc "${inc[@]}" -S sub/prof.c -o ref-prof.s
[ "$(grep '\.file' prof.s)" = "$(grep '\.file' ref-prof.s)" ] || fail "prof.s: $(grep '\.file' prof.s)"

# -c with several sources: one object per source, in the current directory
memline-cc -c plain.c sub/prof.c main.c
for o in plain.o prof.o main.o; do [ -f $o ] || fail "$o missing"; done
nm prof.o | grep -q 'U memline_enter' || fail "prof.o is not instrumented"
! nm plain.o | grep -q memline || fail "plain.o references memline"
memline-cc -o app1 main.o plain.o prof.o
./app1 2>t1.txt || fail "app1 failed"
grep -q '^Filename: sub/prof.c$' t1.txt || fail "app1 table: $(cat t1.txt)"

# one call compiling and linking several sources, a.out by default
memline-cc main.c plain.c sub/prof.c
./a.out 2>t2.txt || fail "a.out failed"
check_same t1.txt t2.txt

# standard input: same object name as cc (-.o), quote includes from .
cp sub/near.h near.h
memline-cc -x c -c - <sub/prof.c
[ -f ./-.o ] || fail "no -.o from standard input"
nm ./-.o | grep -q 'U memline_enter' || fail "-.o is not instrumented"
memline-cc -x c -E - <plain.c >got.i
cc -x c -E - <plain.c >ref.i
check_same ref.i got.i

# response files, with quoting, nested
printf '%s\n' "-O2 'sub/prof.c'" >inner.rsp
printf '%s\n' '-o "app 3" main.c plain.c @inner.rsp' >outer.rsp
memline-cc @outer.rsp
./"app 3" 2>t3.txt || fail "app 3 failed"
check_same t1.txt t3.txt
check_no_temporaries
