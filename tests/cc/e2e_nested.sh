#!/usr/bin/env bash
# e2e_nested.sh — a GNU nested function inside a profiled function, which
# libclang cannot parse: the file builds uninstrumented with exactly one
# warning line, and the program runs correctly and prints no table.
. "$(dirname "$0")/common.sh" "$@"
cat >nested.c <<'SRC'
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

MEMLINE_PROFILE
static int sum_squares(int n)
{
    int total = 0;
    int square(int x) { return x * x; }
    for (int i = 1; i <= n; i++)
        total += square(i);
    return total;
}

int main(void)
{
    char *p = malloc(100);
    printf("%d\n", sum_squares(4));
    free(p);
    return 0;
}
SRC
memline-cc -std=gnu11 -O2 -Wall -Werror -o app nested.c 2>build.err
[ "$(wc -l <build.err)" = 1 ] || { cat build.err >&2; fail "expected one warning line"; }
grep -Eq '^memline-cc: warning: nested\.c: not instrumented: .+' build.err ||
    fail "warning: $(cat build.err)"
./app >out.txt 2>err.txt
[ "$(cat out.txt)" = 30 ] || fail "program printed $(cat out.txt)"
[ ! -s err.txt ] || fail "an uninstrumented program printed: $(cat err.txt)"
check_no_temporaries
