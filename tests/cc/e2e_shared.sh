#!/usr/bin/env bash
# e2e_shared.sh — a shared library with a profiled function, compiled and
# linked on its own, then an executable linking it: libmemline.so comes
# before libc in both, and the program prints the library's table once.
. "$(dirname "$0")/common.sh" "$@"
cp "$src/shared-lib.c" lib.c
cp "$src/shared-main.c" main.c
memline-cc -O2 -g -fPIC -c lib.c -o lib.o
memline-cc -shared -o libcopy.so lib.o
memline-cc -O2 -o app main.c -L. -lcopy -Wl,-rpath,"$work"
for f in libcopy.so app; do
    needed=$(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
    case "$needed" in
    *libmemline.so*libc.so.6*) ;;
    *) fail "$f: DT_NEEDED order is: $needed" ;;
    esac
done
MEMLINE_UNIT=MiB ./app >out.txt 2>table.txt
[ "$(cat out.txt)" = 2097150 ] || fail "program printed $(cat out.txt)"
[ "$(grep -c '^Filename: lib.c$' table.txt)" = 1 ] || { cat table.txt >&2; fail "not one table"; }
[ "$(grep -c 'Line Contents' table.txt)" = 1 ] || { cat table.txt >&2; fail "not one table"; }
grep -Eq '^ +9 +3\.0 MiB +2\.0 MiB +1 +char \*out = malloc' table.txt ||
    { cat table.txt >&2; fail "the allocation line"; }
check_no_temporaries
