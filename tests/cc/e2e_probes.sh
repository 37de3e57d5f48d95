#!/usr/bin/env bash
# e2e_probes.sh — memline-cc's forms of probes (memline/probe.h): by
# default ticks inline and full probes (after statements that may allocate)
# as calls into the runtime; MEMLINE_PROBES=inline makes full probes inline
# too, MEMLINE_PROBES=call makes ticks calls too; a bad value is warned
# about in one line and counts as unset; every form counts the same.
. "$(dirname "$0")/common.sh" "$@"

cat >prog.c <<'SRC'
#include <memline.h>
#include <stdlib.h>

MEMLINE_PROFILE
static int churn(int n)
{
    int i, s = 0;
    for (i = 0; i < n; i++) {
        char *p = malloc(16);
        s += i;
        free(p);
    }
    return s;
}

int main(void)
{
    return churn(10) == 45 ? 0 : 1;
}
SRC

# Which out-of-line probes the object calls.
calls() { nm -u "$1" | grep -q "$2"; }

memline-cc -O2 -c prog.c -o default.o
calls default.o memline_probe_call || fail "default: full probes are not calls"
calls default.o memline_tick_call && fail "default: ticks are calls"
MEMLINE_PROBES=inline memline-cc -O2 -c prog.c -o inline.o
calls inline.o memline_probe_call && fail "MEMLINE_PROBES=inline: full probes are calls"
calls inline.o memline_tick_call && fail "MEMLINE_PROBES=inline: ticks are calls"
MEMLINE_PROBES=call memline-cc -O2 -c prog.c -o call.o
calls call.o memline_probe_call || fail "MEMLINE_PROBES=call: full probes are inline"
calls call.o memline_tick_call || fail "MEMLINE_PROBES=call: ticks are inline"
memline-cc -O0 -c prog.c -o o0.o
calls o0.o memline_tick_call || fail "-O0: ticks are inline"

MEMLINE_PROBES=fast memline-cc -O2 -c prog.c -o bad.o 2>err.txt
grep -q "MEMLINE_PROBES: 'fast' is not one of inline, call; using the default" err.txt ||
    fail "no warning for a bad MEMLINE_PROBES: $(cat err.txt)"
[ "$(wc -l <err.txt)" -eq 1 ] || fail "more than one line of warning: $(cat err.txt)"
calls bad.o memline_tick_call && fail "a bad MEMLINE_PROBES did not fall back to the default"

# Every form counts the same.
for mode in default inline call; do
    MEMLINE_PROBES=${mode/default/} memline-cc -O2 prog.c -o prog-$mode
    MEMLINE_FORMAT=json MEMLINE_OUTPUT=$mode.json ./prog-$mode || fail "$mode: exit $?"
    jq -c '[.functions[].lines[] | [.line, .occurrences, .increment, .allocs]]' $mode.json >$mode.lines
done
[ "$(jq length default.lines)" -eq 7 ] || fail "expected 7 rows ran: $(cat default.lines)"
check_same default.lines inline.lines
check_same default.lines call.lines
check_no_temporaries
echo "ok"
