#!/usr/bin/env bash
# e2e_dlclose.sh — instrumented shared objects that the program dlclose()s
# before it exits (interpreters' C modules, servers' plugins): the program
# exits as it would, its output intact, and the report still holds the
# plugin's table, with exact numbers. Loaded again after dlclose, the
# plugin's function shares its table; loaded and unloaded 2,000 times, the
# runtime's own memory does not grow.
. "$(dirname "$0")/common.sh" "$@"
cat >plug.c <<'SRC'
#include <stdlib.h>

int plug(int n)
{
    char *p = malloc((size_t)n);
    p[0] = 1;
    free(p);
    return n;
}
SRC
sed -e 's/int plug(int n)/int other(int n)/' -e 's/free(p);/free(p); p = malloc(8); free(p);/' \
    plug.c >other.c
cat >host.c <<'SRC'
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static int call(const char *path, const char *name, int n)
{
    void *h = dlopen(path, RTLD_NOW);
    int (*fn)(int);
    int r;

    if (!h) {
        fprintf(stderr, "%s\n", dlerror());
        exit(2);
    }
    *(void **)&fn = dlsym(h, name);
    r = fn(n);
    if (dlclose(h) != 0)
        exit(3);
    return r;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1, i, sum = 0;

    for (i = 0; i < rounds; i++)
        sum += call("./plug.so", "plug", 100) + call("./other.so", "other", 1);
    printf("%d\n", sum);
    return 0;
}
SRC
command -v jq >/dev/null || fail "jq is missing"
MEMLINE_FUNCTIONS='*' memline-cc -O2 -g -fPIC -shared -o plug.so plug.c
MEMLINE_FUNCTIONS='*' memline-cc -O2 -g -fPIC -shared -o other.so other.c
memline-cc -O2 -o host host.c

./host >out.txt 2>report.txt || fail "host exits with $? (report: $(head -3 report.txt))"
[ "$(cat out.txt)" = 101 ] || fail "host printed '$(cat out.txt)'"
grep -q '^Filename: plug.c' report.txt || fail "no table for plug.c: $(cat report.txt)"
grep -q '^Filename: other.c' report.txt || fail "no table for other.c"

line() { jq --arg fn "$2" --argjson l "$3" --arg f "$4" \
  '[.functions[] | select(.name == $fn) | .lines[] | select(.line == $l) | .[$f]] | add // 0' "$1"; }
for rounds in 1 2; do
  MEMLINE_FORMAT=json MEMLINE_OUTPUT=r$rounds.json ./host $rounds >/dev/null ||
      fail "$rounds rounds: exit $?"
  [ "$(jq '[.functions[] | select(.name == "plug")] | length' r$rounds.json)" = 1 ] ||
      fail "$rounds rounds: plug() is not one table"
  [ "$(jq '.functions[] | select(.name == "plug") | .calls' r$rounds.json)" = $rounds ] ||
      fail "$rounds rounds: plug() calls"
  [ "$(line r$rounds.json plug 5 increment)" = $((104 * rounds)) ] ||
      fail "$rounds rounds: malloc line $(line r$rounds.json plug 5 increment)"
  [ "$(line r$rounds.json plug 7 increment)" = $((-104 * rounds)) ] ||
      fail "$rounds rounds: free line $(line r$rounds.json plug 7 increment)"
  [ "$(line r$rounds.json other 7 allocs)" = "$rounds" ] || fail "$rounds rounds: other() line 7"
done
[ "$(jq -r '.functions[] | select(.name == "plug") | .source[1]' r1.json)" = "{" ] ||
    fail "plug's source text was not kept"

MEMLINE_FORMAT=json MEMLINE_OUTPUT=r2000.json ./host 2000 >/dev/null || fail "2000 rounds: exit $?"
[ "$(jq .overhead_bytes r2000.json)" = "$(jq .overhead_bytes r2.json)" ] ||
    fail "the runtime grew: $(jq .overhead_bytes r2.json) bytes after 2 rounds, $(jq .overhead_bytes r2000.json) after 2000"
[ "$(jq '.functions[] | select(.name == "other") | .calls' r2000.json)" = 2000 ] ||
    fail "2000 rounds: other() calls"
check_no_temporaries
echo "ok: plugins unloaded before exit keep their tables; reloading shares them"
