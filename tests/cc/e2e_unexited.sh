#!/usr/bin/env bash
# e2e_unexited.sh — a call that never reaches memline_exit: a `return`
# made by a macro (CHECK below) leaves without the function's exit probe.
# The runtime finds the frame left behind at its caller's next probe that
# saw heap activity (or exit), gives the caller back the high-water mark
# the frame took (the caller's line keeps its Peak) and counts the call:
# JSON `unexited`. The exits that were seen count nothing.
. "$(dirname "$0")/common.sh" "$@"
cat >unexited.c <<'SRC'
#include <stdlib.h>

#define CHECK(c) if (!(c)) return -1

static int check(int x)
{
    char *p = malloc(1000);
    free(p);
    CHECK(x > 0);
    return 0;
}

int main(void)
{
    int r = check(1);
    r += (free(malloc(1 << 20)), check(-1));
    r += check(2);
    return r == -1 ? 0 : 1;
}
SRC
command -v jq >/dev/null || fail "jq is missing"
for opt in -O0 -O2; do
  MEMLINE_FUNCTIONS='*' memline-cc $opt -o unexited unexited.c
  MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json ./unexited || fail "$opt: exit $?"
  fn() { jq --arg fn "$1" ".functions[] | select(.name == \$fn) | $2" r.json; }
  [ "$(fn check .calls)" = 3 ] || fail "$opt: check() calls $(fn check .calls)"
  [ "$(fn check '.unexited // 0')" = 1 ] || fail "$opt: check() unexited $(fn check '.unexited // 0')"
  [ "$(fn main '.unexited // 0')" = 0 ] || fail "$opt: main() unexited"
  peak=$(fn main '.lines[] | select(.line == 16) | .peak')
  [ "$peak" -ge $((1 << 20)) ] || fail "$opt: line 16 lost its peak: $peak"
  [ "$(fn main '.lines[] | select(.line == 16) | .increment')" = 0 ] || fail "$opt: line 16 increment"
done
check_no_temporaries
echo "ok: calls that skip their exit are found and counted; callers keep their peak"
