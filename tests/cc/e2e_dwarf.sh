#!/usr/bin/env bash
# e2e_dwarf.sh — debug information of an instrumented object names the real
# source: DW_AT_name of the compile unit, the line table and __FILE__, with
# gcc and clang; no trace of the temporary copy anywhere in the object.
. "$(dirname "$0")/common.sh" "$@"
mkdir -p src/deep
cat >src/deep/prof.c <<'SRC'
#include <memline.h>
#include <stdlib.h>

MEMLINE_PROFILE
const char *where(void)
{
    char *p = malloc(10);
    free(p);
    return __FILE__;
}
SRC
for compiler in gcc clang; do
    MEMLINE_CC=$compiler memline-cc -g -O0 -c src/deep/prof.c -o prof-$compiler.o
    nm prof-$compiler.o | grep -q 'U memline_enter' || fail "$compiler: not instrumented"
    readelf --debug-dump=info prof-$compiler.o >info.txt
    name=$(grep -m1 'DW_AT_name' info.txt | sed 's/.*: //')
    [ "$name" = src/deep/prof.c ] || fail "$compiler: compile unit named '$name'"
    grep -m1 'DW_AT_comp_dir' info.txt | grep -q "$work\$" || fail "$compiler: comp_dir"
    ! grep -aq 'memline-cc\.' prof-$compiler.o || fail "$compiler: the object names a temporary"
    strings -a prof-$compiler.o | grep -qx 'src/deep/prof.c' || fail "$compiler: __FILE__"
done
check_no_temporaries
