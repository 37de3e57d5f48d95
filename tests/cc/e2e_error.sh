#!/usr/bin/env bash
# e2e_error.sh — a profiled file with a compile error fails exactly as with
# the real compiler: same exit status, same diagnostics naming file.c:LINE,
# nothing from memline-cc. Also through a link and with gcc and clang.
. "$(dirname "$0")/common.sh" "$@"
cat >bad.c <<'SRC'
#include <memline.h>

MEMLINE_PROFILE
int f(int x)
{
    return x + undeclared;
}
SRC
for compiler in gcc clang; do
    set +e
    $compiler -isystem "$build/include" -c bad.c -o ref.o 2>ref.err
    ref=$?
    MEMLINE_CC=$compiler memline-cc -c bad.c -o bad.o 2>got.err
    got=$?
    memline-cc $compiler -o app bad.c 2>link.err
    link=$?
    set -e
    [ "$ref" -ne 0 ] || fail "$compiler accepted bad.c"
    [ "$got" = "$ref" ] || fail "$compiler: exit status $got, expected $ref"
    [ "$link" = "$ref" ] || fail "$compiler (link): exit status $link, expected $ref"
    check_same ref.err got.err
    grep -q '^bad.c:6:' got.err || fail "no bad.c:6: diagnostic"
    ! grep -q memline-cc link.err || fail "memline-cc spoke: $(cat link.err)"
    grep -q '^bad.c:6:' link.err || fail "no bad.c:6: diagnostic when linking"
    [ ! -e bad.o ] || fail "an object was produced"
done
check_no_temporaries
