#!/usr/bin/env bash
# e2e_implicit.sh — a call of malloc without <stdlib.h> (gcc's torture
# test pr15262-1.c does it): gcc gives it the builtin's prototype and the
# program works; memline-cc compiles instrumented files with
# -fno-builtin-malloc, which would make it `int malloc()` and cut the
# pointer to 32 bits. memline-cc keeps the builtin for a function the file
# names but never declares, and only for it: in a file that includes
# <stdlib.h>, -O2 still may not drop a malloc/free pair.
. "$(dirname "$0")/common.sh" "$@"
cat >implicit.c <<'SRC'
struct pair { long a, b; };
struct pair *volatile kept;

int main(void)
{
    struct pair *p;

    p = malloc(sizeof *p);
    kept = p;
    p->a = 1;
    p->b = 2;
    if (kept->a + kept->b != 3)
        abort();
    free(kept);
    return 0;
}
SRC
cat >declared.c <<'SRC'
#include <stdlib.h>

int main(void)
{
    free(malloc(100));
    return 0;
}
SRC
command -v jq >/dev/null || fail "jq is missing"
field() { jq --argjson l "$2" --arg f "$3" '[.functions[] | .lines[] | select(.line == $l) | .[$f]] | add // 0' "$1"; }
for opt in -O1 -O2; do
  # The heap lies above the program, far from the low 4 GiB: a pointer cut
  # to 32 bits faults.
  MEMLINE_FUNCTIONS='*' memline-cc $opt -w -o implicit implicit.c
  MEMLINE_FORMAT=json MEMLINE_OUTPUT=i.json ./implicit || fail "$opt: implicit.c exits with $?"
  [ "$(field i.json 8 increment)" = 24 ] || fail "$opt: line 8 increment $(field i.json 8 increment)"
  [ "$(field i.json 14 frees)" = 1 ] || fail "$opt: line 14 frees $(field i.json 14 frees)"
  MEMLINE_FUNCTIONS='*' memline-cc $opt -o declared declared.c
  MEMLINE_FORMAT=json MEMLINE_OUTPUT=d.json ./declared
  [ "$(field d.json 5 allocs)/$(field d.json 5 frees)" = 1/1 ] ||
      fail "$opt: the malloc/free pair of declared.c was dropped"
done
check_no_temporaries
echo "ok: undeclared allocators keep their builtin prototype, declared ones stay exact"
