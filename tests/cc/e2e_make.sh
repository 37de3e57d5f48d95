#!/usr/bin/env bash
# e2e_make.sh — `make -j4 CC=memline-cc` on a Makefile project with
# subdirectories, -I, neighbour quote includes, -MMD -MP and strict
# warnings under -Werror: it builds silently, runs and prints the table;
# the .d files name only real files and are byte for byte cc's; a second
# make has nothing to do.
. "$(dirname "$0")/common.sh" "$@"
cp -r "$src/make-project" proj
cd proj
make -s -j4 CC=memline-cc >make.out 2>&1 || { cat make.out >&2; fail "make"; }
[ ! -s make.out ] || { cat make.out >&2; fail "the build printed something"; }
MEMLINE_UNIT=MiB ./app >run.out 2>table.txt
grep -qx '3 [0-9]*' run.out || fail "program output: $(cat run.out)"
check_same "$src/make-project.expected" table.txt
for d in build/main.d build/store/store.d build/store/hash.d; do
    [ -f "$d" ] || fail "$d missing"
    ! grep -q 'memline-cc\.' "$d" || fail "$d names a temporary: $(cat "$d")"
    # every prerequisite is a real file of the project or the system
    for f in $(sed -e 's/\\$//' -e 's/^[^:]*://' "$d"); do
        [ -f "$f" ] || fail "$d names $f, which is not a file"
    done
done
grep -q '^build/store/store.o: src/store/store.c ' build/store/store.d ||
    fail "store.d: $(cat build/store/store.d)"
for h in include/config.h src/store/store.h; do
    grep -q "^$h:\$" build/store/store.d || fail "store.d lacks $h (-MP)"
done
# byte for byte what the real compiler writes
cp -r "$src/make-project" "$work/ref"
make -s -C "$work/ref" -j4 CC="cc -isystem $build/include" >/dev/null 2>&1 || fail "reference build"
for d in build/main.d build/store/store.d build/store/hash.d; do
    cmp "$work/ref/$d" "$d" || fail "$d differs from cc's: $(cat "$d")"
done
make -q CC=memline-cc app || fail "a second make would rebuild"
touch src/store/store.h
! make -q CC=memline-cc app || fail "touching a header rebuilds nothing"
check_no_temporaries
