#!/usr/bin/env bash
# e2e_predefined.sh — the file's own text sees the real compiler's
# predefined macros (instrumenter/macros.h): a function whose body differs
# under `#if __GNUC__ >= 5`, `#ifdef __clang__` and `#ifdef __OPTIMIZE__`
# is probed in the branch the real compiler compiles, with gcc and with
# clang as the real compiler (MEMLINE_CC), at -O0 and -O2. libclang itself
# says __GNUC__ 4: without the real compiler's macros the rewriter would
# probe the #else branch of a gcc build, whose early return then leaves
# without memline_exit and whose lines show nothing. The project's headers
# see the real compiler's macros too (a version macro made of __GNUC__ in
# inc/version.h, found through -I); system headers keep libclang's own
# (glibc's would not parse otherwise): <stdio.h> and <stdlib.h> are
# included. memline.h itself, found through -I (a copy in the project, or
# memline's source tree), still shows the rewriter its annotation,
# although it is only an attribute for clang.
. "$(dirname "$0")/common.sh" "$@"
mkdir inc
echo '#define MY_VERSION (__GNUC__ * 100 + __GNUC_MINOR__)' >inc/version.h
# the project's own -D macros are not the compiler's: they keep their names
printf '#ifndef PROJECT_FLAG\n#error PROJECT_FLAG is lost\n#endif\n' >>inc/version.h
cat >branches.c <<'SRC'
#include <stdio.h>
#include <stdlib.h>
#include <version.h>

static char *pick(int n)
{
    char *p = NULL;
#if __GNUC__ >= 5
    p = malloc(100);
    if (n > 0)
        return p;
#else
    p = malloc(200);
    if (n > 0)
        return p;
#endif
#ifdef __clang__
    p[0] = 'c';
#endif
#ifdef __OPTIMIZE__
    p[1] = 'o';
#endif
#if MY_VERSION >= 500
    p[2] = 'v';
#endif
    return p;
}

int main(void)
{
    char *a = pick(1), *b = pick(0);
    printf("%d\n", a != NULL && b != NULL);
    free(a);
    free(b);
    return 0;
}
SRC
command -v jq >/dev/null || fail "jq is missing"
# The occurrences of line N of pick() in report $1 (0 when it never ran).
occ() { jq --argjson l "$2" '[.functions[] | select(.name == "pick") | .lines[] |
                             select(.line == $l) | .occurrences] | add // 0' "$1"; }
checked=0
for cc in gcc clang; do
  command -v "$cc" >/dev/null || continue
  gnuc=$("$cc" -dM -E -x c /dev/null | awk '$2 == "__GNUC__" { print $3 }')
  for opt in -O0 -O2; do
    MEMLINE_STRICT=1 MEMLINE_CC=$cc MEMLINE_FUNCTIONS='*' memline-cc $opt -DPROJECT_FLAG -Iinc \
        -o prog branches.c
    [ "$(MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json ./prog)" = 1 ] || fail "$cc $opt: wrong output"
    if [ "$gnuc" -ge 5 ]; then on=(9 10 11 24) off=(13 14 15); else on=(13 14 15) off=(9 10 11 24); fi
    if [ "$cc" = clang ]; then on+=(18); else off+=(18); fi
    if [ "$opt" = -O2 ]; then on+=(21); else off+=(21); fi
    for l in "${on[@]}"; do
      [ "$(occ r.json "$l")" -gt 0 ] || fail "$cc $opt (__GNUC__ $gnuc): line $l did not run"
    done
    for l in "${off[@]}"; do
      [ "$(occ r.json "$l")" -eq 0 ] || fail "$cc $opt (__GNUC__ $gnuc): line $l ran"
    done
    # both calls passed memline_exit: the early return was seen
    [ "$(jq '[.functions[] | select(.name == "pick") | .calls] | add' r.json)" = 2 ] ||
        fail "$cc $opt: pick() calls"
    [ "$(jq '[.functions[] | select(.name == "pick") | .unexited // 0] | add' r.json)" = 0 ] ||
        fail "$cc $opt: pick() left without its exit"
    checked=$((checked + 1))
  done
done
[ $checked -ge 2 ] || fail "no compiler to test with"

mkdir vendor
cp "$build/include/memline.h" vendor/
cat >annotated.c <<'SRC'
#include <memline.h>
#include <stdlib.h>

MEMLINE_PROFILE
static void *grab(void)
{
    return malloc(64);
}

int main(void)
{
    free(grab());
    return 0;
}
SRC
for cc in gcc clang; do
  command -v "$cc" >/dev/null || continue
  MEMLINE_CC=$cc memline-cc -O2 -Ivendor -o annotated annotated.c
  MEMLINE_FORMAT=json MEMLINE_OUTPUT=a.json ./annotated
  [ "$(jq '[.functions[] | select(.name == "grab") | .calls] | add // 0' a.json)" = 1 ] ||
      fail "$cc: MEMLINE_PROFILE of a memline.h found through -I is not seen"
done
check_no_temporaries
echo "ok: $checked builds probe the branches their compiler compiles"
