#!/usr/bin/env bash
# e2e_probes.sh — memline-cc's choice of probes: inline for a file with few
# probes, calls into the runtime for a file with more than 1,000 (its
# compile time), MEMLINE_PROBES=inline|call forcing either, a bad value
# warned about in one line; and both kinds count the same.
. "$(dirname "$0")/common.sh" "$@"

# small.c: one profiled function, a handful of probes.
cat >small.c <<'SRC'
#include <memline.h>
#include <stdlib.h>

MEMLINE_PROFILE
static int small(int n)
{
    int i, s = 0;
    for (i = 0; i < n; i++)
        s += i;
    return s;
}

int main(void)
{
    return small(10) == 45 ? 0 : 1;
}
SRC
# big.c: one profiled function of 1,200 statements.
{
    echo '#include <memline.h>'
    echo 'MEMLINE_PROFILE'
    echo 'static int big(int x)'
    echo '{'
    for ((i = 0; i < 1200; i++)); do echo '    x = x * 3 + 1;'; done
    echo '    return x;'
    echo '}'
    echo 'int main(void) { return big(1) == 0; }'
} >big.c

# Whether the object calls the out-of-line probe.
calls_probe() { nm -u "$1" | grep -q 'memline_probe_call'; }

memline-cc -O2 -c small.c -o small.o
calls_probe small.o && fail "a file with few probes got call probes"
MEMLINE_PROBES=call memline-cc -O2 -c small.c -o small-call.o
calls_probe small-call.o || fail "MEMLINE_PROBES=call gave inline probes"

memline-cc -O2 -c big.c -o big.o
calls_probe big.o || fail "a file with 1,200 probes got inline probes"
MEMLINE_PROBES=inline memline-cc -O2 -c big.c -o big-inline.o
calls_probe big-inline.o && fail "MEMLINE_PROBES=inline gave call probes"

MEMLINE_PROBES=fast memline-cc -O2 -c small.c -o small-bad.o 2>err.txt
grep -q "MEMLINE_PROBES: 'fast' is not one of inline, call" err.txt ||
    fail "no warning for a bad MEMLINE_PROBES: $(cat err.txt)"
[ "$(wc -l <err.txt)" -eq 1 ] || fail "more than one line of warning: $(cat err.txt)"
calls_probe small-bad.o && fail "a bad MEMLINE_PROBES did not fall back to the choice by count"

# Both kinds of probe count the same.
for mode in inline call; do
    MEMLINE_PROBES=$mode memline-cc -O2 big.c -o big-$mode
    MEMLINE_FORMAT=json MEMLINE_OUTPUT=big-$mode.json ./big-$mode || true
    jq -c '[.functions[].lines[] | [.line, .occurrences]]' big-$mode.json >big-$mode.lines
done
[ "$(jq length big-inline.lines)" -eq 1202 ] || fail "expected 1,202 rows ran (entry, statements, return): $(jq length big-inline.lines)"
check_same big-inline.lines big-call.lines
check_no_temporaries
echo "ok"
