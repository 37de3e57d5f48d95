#!/usr/bin/env bash
# e2e_report.sh — memline report, diff and merge on reports of real
# memline-cc programs. Usage: e2e_report.sh BUILD_DIR SOURCE_DIR
#  - report prints a JSON report exactly as the runtime printed the table
#    (several programs, units, precisions, columns);
#  - diff of a report with itself is clean; of a grown run names the grown
#    line with the exact delta; --fail-above exit codes;
#  - merge sums increments/occurrences/allocs/frees/calls, keeps maxima;
#  - broken or truncated JSON: one line on stderr naming the file, exit 2.
. "$(dirname "$0")/common.sh" "$@"

cp "$src/budget_prog.c" budget.c
for example in leak cache peak; do cp "$src/../../examples/$example.c" .; done
for program in budget leak cache peak; do
    memline-cc -g -o "$program" "$program.c"
done

# report == the runtime's own table, for the same run settings.
check_report() { # PROGRAM "ENV..." "OPTIONS..."
    env $2 MEMLINE_FORMAT=json MEMLINE_OUTPUT=r.json "./$1" 4 >/dev/null
    env $2 MEMLINE_OUTPUT=r.txt "./$1" 4 >/dev/null
    memline report r.json $3 >got.txt
    diff -u r.txt got.txt >&2 || fail "report of $1 ($2) differs from the runtime's"
}
for program in budget leak cache peak; do
    check_report "$program" "" ""
    check_report "$program" "MEMLINE_UNIT=MiB" "--unit MiB"
    check_report "$program" "MEMLINE_UNIT=B MEMLINE_PRECISION=0" "--unit b --precision 0"
    check_report "$program" "MEMLINE_UNIT=KiB MEMLINE_PRECISION=3 MEMLINE_COLUMNS=peak,allocs,frees" \
        "--unit KiB --precision 3 --columns peak,allocs,frees"
    check_report "$program" "MEMLINE_COLUMNS=frees,peak" "--columns frees,peak"
done

# diff: clean against itself, the grown line with its delta otherwise.
MEMLINE_FORMAT=json MEMLINE_OUTPUT=old.json ./budget 2
MEMLINE_FORMAT=json MEMLINE_OUTPUT=new.json ./budget 5
memline diff old.json old.json >out.txt || fail "diff of a report with itself exited $?"
[ "$(cat out.txt)" = "memline diff: no change" ] || fail "diff with itself: $(cat out.txt)"
memline diff --unit B old.json new.json >out.txt || fail "diff without a budget exited $?"
grep -q '^   +3000.0 B    +3000.0 B           +3   budget.c:15 fill  *  kept\[i\] = malloc(1000);$' out.txt ||
    { cat out.txt; fail "diff does not name line 15 with +3000 B"; }
sed -n 7p out.txt | grep -q '^   +6072.0 B .* budget.c:16 fill ' || { cat out.txt; fail "line 16 (+6072 B) is not first"; }
grep -q '^    2000.0 B     5000.0 B    +3000.0 B   budget.c:9 fill$' out.txt ||
    { cat out.txt; fail "diff does not give fill's net change"; }

# --fail-above: exceeded -> 1, within -> 0, bad value -> 2.
status=0; memline diff old.json new.json --fail-above 2KiB >/dev/null 2>err.txt || status=$?
[ $status -eq 1 ] || fail "--fail-above 2KiB exited $status, expected 1"
grep -q '^memline diff: over budget (--fail-above 2KiB): budget.c:15 (fill) increment grew by +2.9 KiB (2.0 KiB -> 4.9 KiB)$' err.txt ||
    { cat err.txt; fail "no over-budget line for line 15"; }
memline diff old.json new.json --fail-above 6072 >/dev/null 2>err.txt ||
    fail "--fail-above 6072 (the largest growth, line 16's) exited $?"
[ ! -s err.txt ] || fail "within budget but: $(cat err.txt)"
status=0; memline diff old.json new.json --fail-above 6071 >/dev/null 2>&1 || status=$?
[ $status -eq 1 ] || fail "--fail-above 6071 exited $status, expected 1"
status=0; memline diff old.json new.json --fail-above 100% >/dev/null 2>&1 || status=$?
[ $status -eq 1 ] || fail "--fail-above 100% (growth 150%) exited $status, expected 1"
memline diff old.json new.json --fail-above 200% >/dev/null 2>&1 || fail "--fail-above 200% exited $?"
memline diff old.json old.json --fail-above 0 >/dev/null 2>&1 || fail "identical reports exceeded a budget of 0"
status=0; memline diff old.json new.json --fail-above 1XB 2>err.txt || status=$?
[ $status -eq 2 ] || fail "--fail-above 1XB exited $status, expected 2"

# merge: sums and maxima, pid 0, sorted functions.
memline merge old.json new.json -o merged.json
for field in increment occurrences allocs frees; do
    for line in 9 14 15 16 17; do
        want=$(jq --argjson l $line "[.functions[] | select(.name == \"fill\") | .lines[] |
                 select(.line == \$l) | .$field] | add" old.json new.json | jq -s add)
        got=$(jq --argjson l $line ".functions[0].lines[] | select(.line == \$l) | .$field" merged.json)
        [ "$got" = "$want" ] || fail "merged line $line $field is $got, expected $want"
    done
done
[ "$(jq '.functions[0].calls' merged.json)" = 2 ] || fail "merged calls"
[ "$(jq '.functions[0].lines[] | select(.line == 15) | .mem_usage' merged.json)" = \
  "$(jq '.functions[0].lines[] | select(.line == 15) | .mem_usage' new.json)" ] || fail "merged mem_usage is not the maximum"
[ "$(jq '.pid' merged.json)" = 0 ] || fail "merged pid"
memline report merged.json >/dev/null || fail "report of a merged report"
memline merge old.json >single.json
memline diff old.json single.json | grep -qx "memline diff: no change" || fail "merge of one report changed it"

# Broken input: one line naming the file and position, exit 2, no crash.
head -c 300 new.json >truncated.json
printf '{"version": 1, "backend": "heap", "unit": "bytes", "pid": 1, "argv": [], "functions": [{"name": 3}]}' >foreign.json
for cmd in "report truncated.json" "diff old.json truncated.json" "merge old.json truncated.json" \
    "report foreign.json" "report missing.json"; do
    status=0
    memline $cmd >/dev/null 2>err.txt || status=$?
    [ $status -eq 2 ] || fail "memline $cmd exited $status, expected 2"
    [ "$(wc -l <err.txt)" -eq 1 ] || fail "memline $cmd: $(cat err.txt)"
done
message=$(memline report truncated.json 2>&1 || true)
[[ $message =~ ^memline\ report:\ truncated.json:[0-9]+:[0-9]+:\ premature\ end\ of\ input ]] ||
    fail "truncated: $message"
message=$(memline report foreign.json 2>&1 || true)
[ "$message" = 'memline report: foreign.json:functions[0].name: expected a string' ] ||
    fail "foreign: $message"
echo "ok"
