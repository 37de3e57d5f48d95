#!/usr/bin/env bash
# e2e_tailcall.sh — `return f(n - 1, acc + 1);` in a profiled function stays
# a tail call: 10,000,000 levels of tail recursion, built with memline-cc
# -O2 by gcc and by clang (MEMLINE_CC=clang), run under an 8 MiB stack
# without crashing and with every line's occurrences exact. And what a
# tail call's memory is charged to (README): the callee's own line and the
# line that called the function, not the `return` line — with the three
# profiled functions inlined into each other at -O2 (their frames' entries
# then share one stack address, and all stay live).
. "$(dirname "$0")/common.sh" "$@"
cat >tail.c <<'SRC'
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>

MEMLINE_PROFILE
static long count_up(long n, long acc)
{
    if (n == 0)
        return acc;
    return count_up(n - 1, acc + 1);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000000;

    printf("%ld\n", count_up(n, 0));
    return 0;
}
SRC
ulimit -S -s 8192 2>/dev/null || true
[ "$(ulimit -s)" != unlimited ] && [ "$(ulimit -s)" -le 8192 ] ||
    fail "cannot limit the stack to 8 MiB (ulimit -s: $(ulimit -s))"

cat >tailmem.c <<'SRC'
#include <memline.h>
#include <stdlib.h>
#include <string.h>

MEMLINE_PROFILE
static char *fill(size_t n)
{
    char *p = malloc(n);
    memset(p, 1, n);
    return p;
}

MEMLINE_PROFILE
static char *make(size_t n)
{
    if (n == 0)
        return NULL;
    return fill(n);
}

MEMLINE_PROFILE
int main(void)
{
    char *p = make(5 << 20);
    free(p);
    return 0;
}
SRC

# The value of FIELD on source line LINE of FUNCTION in report R.
fn_field() {
    jq --arg fn "$2" --argjson line "$3" --arg field "$4" \
        '[.functions[] | select(.name == $fn) | .lines[] | select(.line == $line)
          | .[$field]] | add // 0' "$1"
}
field() { fn_field "$1" count_up "$2" "$3"; }

compilers=(gcc)
command -v clang >/dev/null && compilers+=(clang)
for compiler in "${compilers[@]}"; do
    MEMLINE_CC=$compiler memline-cc -O2 -o "tail-$compiler" tail.c
    nm "tail-$compiler" | grep -q 'U memline_enter' || fail "$compiler: not instrumented"
    MEMLINE_FORMAT=json MEMLINE_OUTPUT="r-$compiler.json" "./tail-$compiler" >out.txt ||
        fail "$compiler: the program failed (status $?)"
    [ "$(cat out.txt)" = 10000000 ] || fail "$compiler: printed $(cat out.txt)"
    r=r-$compiler.json
    for want in "5 10000001" "8 10000001" "9 1" "10 10000000" "11 0"; do
        set -- $want
        got=$(field "$r" "$1" occurrences)
        [ "$got" = "$2" ] || fail "$compiler: line $1 ran $got times, expected $2"
    done
    for line in 5 8 9 10 11; do
        [ "$(field "$r" $line increment)" = 0 ] || fail "$compiler: line $line has an increment"
    done

    MEMLINE_CC=$compiler memline-cc -O2 -o "tailmem-$compiler" tailmem.c
    MEMLINE_FORMAT=json MEMLINE_OUTPUT="m-$compiler.json" "./tailmem-$compiler" ||
        fail "$compiler: tailmem failed"
    m=m-$compiler.json
    block=$(fn_field "$m" fill 8 increment)
    [ "$block" -ge $((5 << 20)) ] || fail "$compiler: fill's malloc line has $block"
    [ "$(fn_field "$m" make 18 occurrences)" = 1 ] || fail "$compiler: make's return line"
    [ "$(fn_field "$m" make 18 increment)" = 0 ] || fail "$compiler: make's return line has memory"
    [ "$(fn_field "$m" main 24 increment)" = "$block" ] || fail "$compiler: main's calling line"
    [ "$(fn_field "$m" main 25 increment)" = "-$block" ] || fail "$compiler: main's free line"
done
check_no_temporaries
