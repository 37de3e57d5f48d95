#!/bin/sh
# e2e_plot.sh — `memline plot` and `memline peak` on hand-written data files
# (data/): the SVG is well-formed XML (xmllint) and holds the curves, one
# bracket per call with its name, the peak markers and the legend; peak's
# output is exact; bad input gives one line naming the file and line.
#
# usage: e2e_plot.sh MEMLINE DATA_DIR
set -u
memline=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() {
    [ "$2" = "$3" ] || fail "$1: expected [$3], got [$2]"
}

# xpath FILE EXPR: the expression's value, with the SVG namespace ignored
# by matching local names.
xpath() {
    xmllint --xpath "$2" "$1" 2>/dev/null
}

svg=$tmp/wordfreq.svg
"$memline" plot "$data/wordfreq.dat" -o "$svg" 2>"$tmp/err" || fail "plot exited $?"
expect_eq "plot message" "$(cat "$tmp/err")" "memline plot: wrote $svg"
xmllint --noout "$svg" || fail "wordfreq.svg is not well-formed XML"
expect_eq "rss curves" "$(xpath "$svg" "count(//*[local-name()='path'][@class='curve rss'])")" 1
expect_eq "heap curves" "$(xpath "$svg" "count(//*[local-name()='path'][@class='curve heap'])")" 1
expect_eq "curve points" \
    "$(xpath "$svg" "string(//*[local-name()='path'][@class='curve rss']/@d)" | tr -cd 'ML' | wc -c)" 18
expect_eq "bracket tooltips" \
    "$(xpath "$svg" "//*[local-name()='g'][@class='bracket']/*[local-name()='title']/text()")" \
    "read_file: 350 ms, live heap 0 B at entry, 14.0 MiB at exit
build_index: 750 ms, live heap 14.0 MiB at entry, 38.0 MiB at exit
sort_words: 300 ms, live heap 38.0 MiB at entry, 27.0 MiB at exit
free_index: 100 ms, live heap 27.0 MiB at entry, 0 B at exit
hash_grow: 60 calls, 24 ms in all over 708 ms, live heap 14.0 MiB at entry, 33.7 MiB at exit"
expect_eq "bracket labels" \
    "$(xpath "$svg" "//*[local-name()='g'][@class='bracket']/*[local-name()='text']/text()")" \
    "read_file 350 ms
build_index 750 ms
sort_words 300 ms
free_index 100 ms
hash_grow ×60 (24 ms)"
expect_eq "shaded spans" "$(xpath "$svg" "count(//*[local-name()='rect'][@class='span'])")" 4
expect_eq "peak labels" \
    "$(xpath "$svg" "//*[local-name()='g'][@class='peak']/*[local-name()='text']/text()")" \
    "peak RSS 40.0 MiB at 1.20 s
peak heap 38.0 MiB at 1.20 s"
expect_eq "axis labels" \
    "$(xpath "$svg" "//*[local-name()='g'][@class='axes']/*[local-name()='text'][last()-1]/text()")" \
    "time (s)"
expect_eq "title" "$(xpath "$svg" "string(/*/*[local-name()='text'][1])")" "./wordfreq corpus.txt"
grep -q '<script\|href=\|url(' "$svg" && fail "wordfreq.svg is not self-contained"

# Two runs overlaid: a curve each, a legend entry each, default output name.
cp "$data/wordfreq.dat" "$data/wordfreq-fixed.dat" "$tmp/"
"$memline" plot "$tmp/wordfreq.dat" "$tmp/wordfreq-fixed.dat" --title 'before & after' 2>/dev/null ||
    fail "overlay plot exited $?"
svg=$tmp/wordfreq.svg
xmllint --noout "$svg" || fail "overlay is not well-formed XML"
expect_eq "overlay curves" "$(xpath "$svg" "count(//*[local-name()='path'][@class='curve rss'])")" 2
expect_eq "overlay legend" \
    "$(xpath "$svg" "//*[local-name()='g'][@class='legend']/*[local-name()='text']/text()")" \
    "wordfreq.dat
wordfreq-fixed.dat
RSS
live heap"
expect_eq "overlay title" "$(xpath "$svg" "string(/*/*[local-name()='text'][1])")" "before & after"
expect_eq "overlay peaks" "$(xpath "$svg" "count(//*[local-name()='g'][@class='peak'])")" 3

# A title that is not UTF-8 still gives well-formed XML.
"$memline" plot "$data/wordfreq.dat" -o "$tmp/odd.svg" --title "$(printf 'a<b \377\001')" 2>/dev/null ||
    fail "odd title plot exited $?"
xmllint --noout "$tmp/odd.svg" || fail "odd title breaks the XML"

# memline peak, exact.
expect_eq "peak" "$("$memline" peak "$data/wordfreq.dat" "$data/wordfreq-fixed.dat")" \
    "$data/wordfreq.dat: peak RSS 40.0 MiB at 1.20 s, peak heap 38.0 MiB at 1.20 s
$data/wordfreq-fixed.dat: peak RSS 15.0 MiB at 1.10 s"

# Bad input: one line naming the file (and line), exit status 1.
printf 'VERSION 1\nMEM 100 0.0\nMEM 12MiB 0.1\n' >"$tmp/bad.dat"
: >"$tmp/empty.dat"
for cmd in plot peak; do
    "$memline" $cmd /nonexistent/run.dat >/dev/null 2>"$tmp/err"
    expect_eq "$cmd missing status" $? 1
    expect_eq "$cmd missing" "$(cat "$tmp/err")" \
        "memline $cmd: /nonexistent/run.dat: No such file or directory"
    "$memline" $cmd "$tmp/bad.dat" >/dev/null 2>"$tmp/err"
    expect_eq "$cmd malformed status" $? 1
    expect_eq "$cmd malformed" "$(cat "$tmp/err")" \
        "memline $cmd: $tmp/bad.dat:3: expected 'MEM <bytes> <seconds>'"
done
"$memline" plot "$tmp/empty.dat" 2>"$tmp/err"
expect_eq "empty status" $? 1
expect_eq "empty" "$(cat "$tmp/err")" "memline plot: $tmp/empty.dat: no MEM or HEAP samples to plot"
"$memline" plot 2>/dev/null
expect_eq "no file status" $? 2
"$memline" frobnicate 2>"$tmp/err"
expect_eq "unknown command status" $? 2
expect_eq "unknown command" "$(cat "$tmp/err")" "memline: unknown command 'frobnicate' (try 'memline --help')"

[ $failures -eq 0 ] && echo "e2e_plot: all checks passed"
exit $((failures != 0))
