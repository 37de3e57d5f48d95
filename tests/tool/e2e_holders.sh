#!/usr/bin/env bash
# e2e_holders.sh — who holds a leak (MEMLINE_LEAKS=1): each leaking line's
# lost bytes and the chain that holds its largest reachable block, exact
# for holders_prog.c (see its header; printf's stdout buffer, held by
# libc, shows on its line), in JSON, in the text report's Leaks section
# and its Lost column, and from `memline report`; memline_where; in an
# on-demand report (holders_ondemand.c), also while threads run
# (holders_threads.c).
# Usage: e2e_holders.sh BUILD_DIR SOURCE_DIR
. "$(dirname "$0")/common.sh" "$@"

cp "$src/holders_prog.c" "$src/holders_lib.c" .
memline-cc -O0 -g -shared -fPIC -o libholders.so holders_lib.c
memline-cc -O0 -g -o prog holders_prog.c -L. -lholders -Wl,-rpath,"$work"
MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json ./prog >out
# memline_where names main's block, and nothing for an interior pointer
# or a stack address.
[ "$(cat out)" = "0 holders_prog.c:55 in main()
-1 -1" ] || fail "memline_where: $(cat out)"

cat >expected <<'END'
["holders_prog.c",30,"fill",8000,8,0,["global 'cache' (prog)","this block"]]
["holders_prog.c",57,"main",4104,1,0,["global '_IO_2_1_stdout_' (libc.so.6)","this block"]]
["holders_lib.c",10,"lib_keep",200,1,0,["static 'kept' (holders_lib.c)","this block"]]
["holders_prog.c",31,"fill",104,1,104,[]]
["holders_prog.c",34,"fill",72,3,0,["global 'head' (prog)","block from holders_prog.c:34 +8","block from holders_prog.c:34 +8","this block"]]
["holders_prog.c",39,"fill",72,1,72,[]]
["holders_prog.c",40,"fill",72,1,72,[]]
["holders_prog.c",55,"main",56,1,0,["stack of main()","this block"]]
["holders_prog.c",44,"fill",40,1,40,[]]
END
jq -c '.leaks[] | [.file, .line, .function, .bytes, .blocks, .lost_bytes, .path]' r.json >got
diff -u expected got >&2 || fail "leaks differ"
# Each line's `lost` is its entry's lost_bytes; lines without leaks lose 0.
lost=$(jq -c '[.functions[].lines[] | select(.lost != 0) | [.line, .lost]]' r.json)
[ "$lost" = "[[31,104],[39,72],[40,72],[44,40]]" ] || fail "lost per line: $lost"

# Text: the Lost column after Leaked, the Leaks section; memline report
# prints the same from the JSON.
MEMLINE_COLUMNS=lost MEMLINE_UNIT=B MEMLINE_OUTPUT=r.txt ./prog >/dev/null
grep -q '^Line #    Mem usage    Increment  Occurrences        Leaked          Lost   Line Contents$' r.txt ||
    fail "no Lost column: $(sed -n 3p r.txt)"
grep -q '^    31  .*   104.0 B       104.0 B       dropped = malloc(100);$' r.txt ||
    fail "line 31: $(grep ' 31 ' r.txt)"
sed -n '/^Leaks at exit/,$p' r.txt >section
cat >expected <<'END'
Leaks at exit, largest first
  holders_prog.c:30 in fill(): 8000.0 B in 8 blocks, 0.0 B lost
    held by global 'cache' (prog) -> this block
  holders_prog.c:57 in main(): 4104.0 B in 1 block, 0.0 B lost
    held by global '_IO_2_1_stdout_' (libc.so.6) -> this block
  holders_lib.c:10 in lib_keep(): 200.0 B in 1 block, 0.0 B lost
    held by static 'kept' (holders_lib.c) -> this block
  holders_prog.c:31 in fill(): 104.0 B in 1 block, 104.0 B lost
  holders_prog.c:34 in fill(): 72.0 B in 3 blocks, 0.0 B lost
    held by global 'head' (prog) -> block from holders_prog.c:34 +8 -> block from holders_prog.c:34 +8 -> this block
  holders_prog.c:39 in fill(): 72.0 B in 1 block, 72.0 B lost
  holders_prog.c:40 in fill(): 72.0 B in 1 block, 72.0 B lost
  holders_prog.c:55 in main(): 56.0 B in 1 block, 0.0 B lost
    held by stack of main() -> this block
  holders_prog.c:44 in fill(): 40.0 B in 1 block, 40.0 B lost


END
diff -u expected section >&2 || fail "Leaks section differs"
memline report --unit B --columns lost r.json | diff -u r.txt - >&2 || fail "memline report differs"

# An on-demand report runs the scan at that moment: main's local holds
# its block then, which main frees before exit.
cp "$src/holders_ondemand.c" .
memline-cc -O0 -g -o ondemand holders_ondemand.c
MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=od.json ./ondemand
now=$(jq -c '.leaks | map([.line, .bytes, .lost_bytes, .path])' od.json.1)
[ "$now" = '[[12,200,200,[]],[11,104,0,["stack of main()","this block"]]]' ] ||
    fail "on-demand leaks: $now"
[ "$(jq -c '.leaks | map([.line, .lost_bytes])' od.json)" = "[[12,200]]" ] ||
    fail "leaks at exit: $(jq -c .leaks od.json)"
# memline merge sums each line's leak and keeps the first chain.
memline merge od.json.1 od.json -o m.json
got=$(jq -c '[(.leaks | map([.line, .bytes, .blocks, .lost_bytes, .path])), ([.functions[].lines[] | select(.lost != 0) | [.line, .lost]])]' m.json)
[ "$got" = '[[[12,400,2,400,[]],[11,104,1,0,["stack of main()","this block"]]],[[12,400]]]' ] ||
    fail "merged leaks: $got"

# Scans while other threads allocate and free: every report is written,
# and at exit nothing is lost.
cp "$src/holders_threads.c" .
memline-cc -O1 -g -pthread -o threads holders_threads.c
MEMLINE_COLUMNS=at_peak,lost MEMLINE_SIGNAL=USR1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=t.json \
    timeout 120 ./threads || fail "threads: status $?"
for n in $(seq 30); do
    jq -e '.leaks' t.json.$n >/dev/null || fail "threads: report $n has no leaks"
done
got=$(jq -c '.leaks | map([.line, .blocks, .lost_bytes, .path])' t.json)
[ "$got" = "[[25,256,0,[\"static 'slots' (holders_threads.c)\",\"this block\"]],[38,4,0,[\"thread-local storage\",\"this block\"]]]" ] ||
    fail "threads at exit: $got"

# Without leaks there is neither section nor field.
MEMLINE_FORMAT=json MEMLINE_OUTPUT=d.json ./prog >out
[ "$(head -1 out)" = "-1 " ] || fail "memline_where without leaks: $(cat out)"
! grep -q '"leaks"\|"lost"' d.json || fail "leaks reported without MEMLINE_LEAKS"
status=0; memline report --columns lost d.json 2>err.txt || status=$?
[ $status -eq 2 ] && grep -q 'has no reachability data' err.txt || fail "report --columns lost without data"
echo ok
