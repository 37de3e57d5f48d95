#!/usr/bin/env bash
# e2e_top.sh — memline top: the largest lines, functions and files of a
# report (holders_prog.c, whose numbers e2e_holders.sh checks), by each
# key, exactly; the largest changes between two reports
# (holders_ondemand.c's on-demand report and its exit report);
# MEMLINE_TOP=N, and `memline report --top N` printing the same; a big
# report in bounded memory; bad options.
# Usage: e2e_top.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"

cp "$src/holders_prog.c" "$src/holders_lib.c" "$src/holders_ondemand.c" .
memline-cc -O0 -g -shared -fPIC -o libholders.so holders_lib.c
memline-cc -O0 -g -o prog holders_prog.c -L. -lholders -Wl,-rpath,"$work"
memline-cc -O0 -g -o ondemand holders_ondemand.c
MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json ./prog >/dev/null
MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=od.json ./ondemand

expect() { # NAME COMMAND... : its output against the here-document on stdin
    local name=$1
    shift
    cat >"$name.expected"
    "$@" >"$name.out" || fail "$name: status $?"
    diff -u "$name.expected" "$name.out" >&2 || fail "$name differs"
}
expect lines memline top r.json -n 4 <<'END'
Top 4 lines by increment: 97.1 % of all increments (20.2 KiB of 20.8 KiB)
   Increment         Peak  Occurrences        Leaked          Lost   Where
     8.2 KiB      8.2 KiB            1         0.0 B         0.0 B   holders_prog.c:53 main()   fill();
     7.8 KiB      7.8 KiB            8       7.8 KiB         0.0 B   holders_prog.c:30 fill()   cache[i] = malloc(1000);
     4.0 KiB     12.4 KiB            1       4.0 KiB         0.0 B   holders_prog.c:57 main()   printf("%d %s\n", memline_where(local, where, sizeof where), where);
     200.0 B      8.4 KiB            1       200.0 B         0.0 B   holders_lib.c:10 lib_keep()   kept = malloc(200);
END
expect functions memline top r.json --by function <<'END'
Top 3 functions by increment: 100.0 % of all increments (20.8 KiB of 20.8 KiB)
   Increment         Peak  Occurrences        Leaked          Lost   Where
    12.4 KiB     12.4 KiB            9       4.1 KiB         0.0 B   holders_prog.c main()
     8.2 KiB      8.2 KiB           42       8.2 KiB       288.0 B   holders_prog.c fill()
     200.0 B      8.4 KiB            2       200.0 B         0.0 B   holders_lib.c lib_keep()
END
expect files memline top r.json --by file --sort leaked --unit B <<'END'
Top 2 files by leaked: 100.0 % of all leaked bytes (12720.0 B of 12720.0 B)
   Increment         Peak  Occurrences        Leaked          Lost   Where
   21080.0 B    12720.0 B           51     12520.0 B       288.0 B   holders_prog.c
     200.0 B     8560.0 B            2       200.0 B         0.0 B   holders_lib.c
END
expect lost memline top r.json --sort lost -n 3 <<'END'
Top 3 lines by lost: 86.1 % of all lost bytes (248.0 B of 288.0 B)
   Increment         Peak  Occurrences        Leaked          Lost   Where
     104.0 B      7.9 KiB            1       104.0 B       104.0 B   holders_prog.c:31 fill()   dropped = malloc(100);
      72.0 B      8.1 KiB            1        72.0 B        72.0 B   holders_prog.c:39 fill()   a = malloc(64);
      72.0 B      8.1 KiB            1        72.0 B        72.0 B   holders_prog.c:40 fill()   b = malloc(64);
END
expect allocs memline top r.json --sort allocs -n 2 <<'END'
Top 2 lines by allocs: 67.6 % of all allocations (23 of 34)
   Increment         Peak  Occurrences      Allocs        Leaked          Lost   Where
     8.2 KiB      8.2 KiB            1          15         0.0 B         0.0 B   holders_prog.c:53 main()   fill();
     7.8 KiB      7.8 KiB            8           8       7.8 KiB         0.0 B   holders_prog.c:30 fill()   cache[i] = malloc(1000);
END
# Between the on-demand report and the exit: main freed its block.
expect changes memline top od.json.1 od.json <<'END'
Top 1 changes of lines by increment (of 1 that changed)
           Old           New        Change   Where
         0.0 B      -104.0 B      -104.0 B   holders_ondemand.c:16 main()   free(held);
END
expect leak_changes memline top od.json.1 od.json --sort leaked <<'END'
Top 1 changes of lines by leaked (of 1 that changed)
           Old           New        Change   Where
       104.0 B         0.0 B      -104.0 B   holders_ondemand.c:11 main()   char *held = malloc(100);
END

# MEMLINE_TOP=2: the two lines, then only the tables that hold them.
MEMLINE_TOP=2 MEMLINE_LEAKS=1 MEMLINE_OUTPUT=top.txt ./prog >/dev/null
head -4 top.txt >head.out
diff -u <(head -4 lines.expected | sed 's/^Top 4 lines by increment: 97.1 % of all increments (20.2 KiB of 20.8 KiB)$/Top 2 lines by increment: 76.9 % of all increments (16.0 KiB of 20.8 KiB)/') head.out >&2 ||
    fail "MEMLINE_TOP header"
[ "$(grep -c '^Filename: ' top.txt)" = 2 ] || fail "MEMLINE_TOP tables: $(grep '^Filename' top.txt)"
grep -q 'static void fill(void)' top.txt && grep -q '^    49 .*int main(void)$' top.txt &&
    ! grep -q 'lib_keep(void)$' top.txt || fail "MEMLINE_TOP kept the wrong tables"
MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=top.json ./prog >/dev/null
memline report --top 2 top.json | diff -u top.txt - >&2 || fail "memline report --top differs"

# A report of 33 MB (holders_prog's functions 6000 times over): one report
# is read a function at a time, and two to compare, within an address
# space (160 MiB) that the whole-report reader (memline report) cannot
# work in.
jq -c '.functions as $f | .functions = [range(0;6000) as $i | $f[] | .name = (.name + "_\($i)")]' \
    r.json >big.json
limit=$((160 * 1024 * 1024))
prlimit --as=$limit memline top big.json -n 3 >big.out || fail "big report: status $?"
cat >big.expected <<'END'
Top 3 lines by increment: 0.0 % of all increments (24.5 KiB of 121.8 MiB)
   Increment         Peak  Occurrences        Leaked          Lost   Where
     8.2 KiB      8.2 KiB            1         0.0 B         0.0 B   holders_prog.c:53 main_0()   fill();
     8.2 KiB      8.2 KiB            1         0.0 B         0.0 B   holders_prog.c:53 main_1()   fill();
     8.2 KiB      8.2 KiB            1         0.0 B         0.0 B   holders_prog.c:53 main_2()   fill();
END
diff -u big.expected big.out >&2 || fail "big report differs"
prlimit --as=$limit memline top big.json big.json >big.out || fail "big reports compared: status $?"
cat >big.expected <<'END'
Top 0 changes of lines by increment (of 0 that changed)
           Old           New        Change   Where
END
diff -u big.expected big.out >&2 || fail "big reports compared differ"
prlimit --as=$limit memline top r.json big.json -n 3 --by function >big.out ||
    fail "a big report compared: status $?"
cat >big.expected <<'END'
Top 3 changes of functions by increment (of 18003 that changed)
           Old           New        Change   Where
      12.4 KiB         0.0 B     -12.4 KiB   holders_prog.c main()
         0.0 B      12.4 KiB     +12.4 KiB   holders_prog.c main_0()
         0.0 B      12.4 KiB     +12.4 KiB   holders_prog.c main_1()
END
diff -u big.expected big.out >&2 || fail "a big report compared differs"
! prlimit --as=$limit memline report big.json >/dev/null 2>err.txt || fail "the limit binds nothing"
grep -qx "memline report: big.json: out of memory reading it (memline top reads any size)" err.txt ||
    fail "memline report out of memory said: $(cat err.txt)"

# Bad input: one line and status 2.
for args in "--by bogus r.json" "-n 0 r.json" "--sort size r.json" "r.json od.json od.json.1" ""; do
    status=0; memline top $args 2>err.txt || status=$?
    [ $status -eq 2 ] && [ "$(wc -l <err.txt)" = 1 ] || fail "memline top $args: status $status, $(cat err.txt)"
done
MEMLINE_FORMAT=json MEMLINE_OUTPUT=plain.json ./prog >/dev/null
status=0; memline top --sort leaked plain.json 2>err.txt || status=$?
[ $status -eq 2 ] && grep -q 'has no leaked data' err.txt || fail "--sort leaked without leaks"
echo ok
