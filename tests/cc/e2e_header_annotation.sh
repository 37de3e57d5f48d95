#!/usr/bin/env bash
# e2e_header_annotation.sh — MEMLINE_PROFILE written only on a prototype in
# the project's own header (PRODUCT.md allows it): the .c file that defines
# the function never mentions the annotation, yet memline-cc parses it and
# the function's table appears, whether the header is found beside the
# file, through -I or through -iquote. A header included with angle
# brackets is not looked into.
. "$(dirname "$0")/common.sh" "$@"
mkdir -p src include
cat >include/work.h <<'SRC'
#include <memline.h>

MEMLINE_PROFILE char *work(int n);
SRC
cat >src/work.c <<'SRC'
#include <stdlib.h>
#include <string.h>
#include "work.h"

char *work(int n)
{
    char *p = malloc(n);
    memset(p, 1, n);
    return p;
}
SRC
cat >src/main.c <<'SRC'
#include <stdio.h>
#include <stdlib.h>
#include "work.h"

int main(void)
{
    char *p = work(1 << 20);
    printf("%d\n", p[0]);
    free(p);
    return 0;
}
SRC

# Builds with the given arguments; the table of src/work.c must appear.
table_appears() {
    memline-cc -O2 -o app "$@" src/main.c src/work.c
    ./app >out.txt 2>table.txt
    [ "$(cat out.txt)" = 1 ] || fail "$*: printed $(cat out.txt)"
    grep -qx 'Filename: src/work.c' table.txt || fail "$*: no table: $(cat table.txt)"
    grep -qx '     7      1.0 MiB      1.0 MiB           1       char \*p = malloc(n);' table.txt ||
        fail "$*: unexpected table: $(cat table.txt)"
}

cp include/work.h src/
table_appears
rm src/work.h
table_appears -Iinclude
table_appears -I include
table_appears -iquote include

sed -i 's/#include "work.h"/#include <work.h>/' src/work.c src/main.c
memline-cc -O2 -o app -Iinclude src/main.c src/work.c
./app >out.txt 2>table.txt
[ ! -s table.txt ] || fail "a header included with angle brackets was followed: $(cat table.txt)"
check_no_temporaries
