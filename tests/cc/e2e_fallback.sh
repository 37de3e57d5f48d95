#!/usr/bin/env bash
# e2e_fallback.sh — what memline-cc says about code it cannot instrument,
# and MEMLINE_STRICT=1. A file the rewriter refuses (a GNU nested
# function), a file whose instrumented copy does not compile (a `;` made
# by a macro) and functions a glob selects that are made by a macro are
# compiled as written, with one line each naming the real file, a real
# line and the construct, never a temporary path; under MEMLINE_STRICT=1
# the same lines are errors, the command fails with status 1 and leaves no
# output behind. A file the compiler rejects keeps the compiler's verdict.
. "$(dirname "$0")/common.sh" "$@"
export LC_ALL=C
cat >nested.c <<'SRC'
int outer(int x)
{
    int inner(int y) { return y + 1; }
    return inner(x);
}
int main(void) { return outer(-1); }
SRC
cat >semi.c <<'SRC'
#define SEMI ;
int getchar(void);
int main(void)
{
    int x = getchar() < -1;
    while (x < 0)
        x--;
again: x = x + 1 SEMI
    while (x > getchar())
        x--;
    if (x > 99)
        goto again;
    return x - 1;
}
SRC
cat >made.c <<'SRC'
#define GETTER(name, value) static int name(void) { return value; }
GETTER(one, 1)
GETTER(two, 2)
GETTER(three, 3)
GETTER(four, 4)
int main(void) { return one() + two() + three() + four() - 10; }
SRC
cat >broken.c <<'SRC'
int main(void) { return undeclared_name; }
SRC

expect_line() { # FILE EXPECTED: the only line memline-cc printed
  [ "$(grep -c '^memline-cc:' "$1")" = 1 ] || fail "expected one line in $1: $(cat "$1")"
  [ "$(grep '^memline-cc:' "$1")" = "$2" ] || fail "$1: got '$(grep '^memline-cc:' "$1")', expected '$2'"
  ! grep -q "memline-cc\.[A-Za-z0-9]\{6\}" "$1" || fail "$1 names a temporary path"
}

MEMLINE_FUNCTIONS='*' memline-cc -c nested.c 2>n.err || fail "nested.c: status $?"
expect_line n.err "memline-cc: warning: nested.c: not instrumented: libclang: nested.c:3: function definition is not allowed here"
MEMLINE_FUNCTIONS='*' memline-cc -c semi.c 2>s.err || fail "semi.c: status $?"
expect_line s.err "memline-cc: warning: semi.c: not instrumented: the instrumented copy did not compile: semi.c:8: expected ';' before 'memline_tick_call' (in \`again: x = x + 1 SEMI\`)"
MEMLINE_FUNCTIONS='*' memline-cc -o made made.c 2>m.err || fail "made.c: status $?"
expect_line m.err "memline-cc: warning: made.c: 4 selected functions not instrumented: line 2: one: the definition is made by a macro; line 3: two: the definition is made by a macro; line 4: three: the definition is made by a macro; ..."
./made || fail "made: status $?"

for f in nested semi made; do
  rm -f "$f.o"
  status=0
  MEMLINE_STRICT=1 MEMLINE_FUNCTIONS='*' memline-cc -c "$f.c" 2>"$f.strict" || status=$?
  [ $status = 1 ] || fail "MEMLINE_STRICT=1 $f.c: status $status"
  [ ! -e "$f.o" ] || fail "MEMLINE_STRICT=1 left $f.o behind"
  expect_line "$f.strict" "$(sed 's/^memline-cc: warning:/memline-cc: error:/' "${f:0:1}.err")"
done
status=0
MEMLINE_STRICT=1 MEMLINE_FUNCTIONS='*' memline-cc -o made made.c 2>/dev/null || status=$?
[ $status = 1 ] && [ ! -e made ] || fail "MEMLINE_STRICT=1 linking made.c: status $status"

# The compiler's verdict on a broken file, and nothing of memline's.
status=0
MEMLINE_STRICT=1 MEMLINE_FUNCTIONS='*' memline-cc -c broken.c 2>b.err || status=$?
plain=0
cc -c broken.c -o /dev/null 2>/dev/null || plain=$?
[ $status = $plain ] && [ $status != 0 ] || fail "broken.c: status $status, cc says $plain"
! grep -q '^memline-cc:' b.err || fail "broken.c: $(grep '^memline-cc:' b.err)"
grep -q "broken.c:1:.*undeclared_name" b.err || fail "broken.c: the compiler's diagnostic is missing"

# A warning only the probes cause (gcc -O2 -Wmaybe-uninitialized, seeing
# a path through a probe's slow call), in a file that compiles cleanly
# under -Werror: instrumented all the same, saying nothing; a warning of
# the file's own under -Werror keeps the compiler's verdict.
cat >memalign.c <<'SRC'
#include <stdlib.h>
int main(void)
{
    void *p;
    int err = posix_memalign(&p, 64, 4096);
    if (err || !p)
        return 2;
    free(p);
    return 0;
}
SRC
gcc -O2 -Wall -Werror -c memalign.c -o /dev/null || fail "memalign.c does not compile plainly"
MEMLINE_STRICT=1 MEMLINE_FUNCTIONS='*' memline-cc -O2 -Wall -Werror -o memalign memalign.c \
    2>w.err || fail "memalign.c: status $?: $(cat w.err)"
[ ! -s w.err ] || fail "memalign.c: $(cat w.err)"
./memalign 2>w.report || fail "memalign: status $?"
grep -q '^Filename: memalign.c' w.report || fail "memalign.c is not profiled"
# without -Werror: the file's own diagnostics (none), not the probes' warning
MEMLINE_FUNCTIONS='*' memline-cc -O2 -Wall -c memalign.c -o memalign.o 2>w2.err
[ ! -s w2.err ] || fail "memalign.c without -Werror: $(cat w2.err)"
printf 'int main(void) { int x; return x; }\n' >own.c
status=0
MEMLINE_FUNCTIONS='*' memline-cc -O2 -Wall -Werror -c own.c 2>o.err || status=$?
[ $status = 1 ] || fail "own.c: status $status"
grep -q "own.c:1:.*uninitialized" o.err || fail "own.c: the compiler's diagnostic is missing"
! grep -q '^memline-cc:' o.err || fail "own.c: $(grep '^memline-cc:' o.err)"

# Strict and everything instrumented: as plain.
cat >fine.c <<'SRC'
#include <stdlib.h>
int main(void) { free(malloc(10)); return 0; }
SRC
MEMLINE_STRICT=1 MEMLINE_FUNCTIONS='*' memline-cc -o fine fine.c 2>f.err || fail "fine.c: status $?"
[ ! -s f.err ] || fail "fine.c: $(cat f.err)"
MEMLINE_OUTPUT=/dev/null ./fine || fail "fine: status $?"
check_no_temporaries
echo "ok: fallbacks name file, line and construct; MEMLINE_STRICT=1 makes them errors"
