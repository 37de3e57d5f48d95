#!/usr/bin/env bash
# counts.sh — the default rewrite counts what one probe per statement counts.
#   counts.sh BUILD_DIR SRC_INCLUDE FILE.c...
# Each file, every function selected, is rewritten twice by
# memline-instrument: as memline-cc does and with --reference (every
# statement its own probe: no straight-line runs, no lent or shared
# records, no function counted by its callers). Both are built at -O2 as
# memline-cc builds them and run; their output must be the same, and so
# must every line's occurrences in the two JSON
# reports (not a function's calls, which the report takes from its first
# line's record: a statement written on that line counts there too, by as
# many probes as the rewrite gives it). Skipped: a file that does not
# build, or that either rewrite leaves as it is; a program that does not
# exit normally (a report written at a crash shows a run's lines counted
# ahead of or behind where it stopped); one that uses setjmp or longjmp (a
# longjmp out of a call in a run skips the run's tick: memline counts
# runs as if calls return). Prints one line per difference and a summary;
# exits 1 when any file differs.
set -u
build=$1 src_inc=$2
shift 2
instrument=$build/bin/memline-instrument
command -v jq >/dev/null || { echo "counts.sh: jq is missing" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cflags=(-O2 -w -fno-builtin-malloc -fno-builtin-calloc -fno-builtin-realloc -fno-builtin-free
    -fno-builtin-strdup -fno-builtin-strndup -fno-builtin-aligned_alloc
    -isystem "$build/include" -I"$src_inc")
compared=0 skipped=0 differ=0
# The report's counts, one line per line that ran.
counts() {
    jq -r '.functions[] | . as $f | .lines[] | select(.occurrences > 0) |
        "\($f.file) \($f.name) \(.line) \(.occurrences)"' "$1" | sort
}
for f in "$@"; do
    dir=$(dirname "$f")
    ok=1
    grep -q 'setjmp\|longjmp' "$f" && ok=0
    for mode in default reference; do
        extra=()
        [ $mode = reference ] && extra=(--reference)
        "$instrument" --functions '*' "${extra[@]}" "$f" -- -w -I"$src_inc" -I"$dir" \
            >"$tmp/$mode.c" 2>"$tmp/$mode.err" || ok=0
        grep -q 'memline__site_' "$tmp/$mode.c" || ok=0
        gcc "${cflags[@]}" -I"$dir" -x c "$tmp/$mode.c" -o "$tmp/$mode" -lm -L"$build/lib" \
            -lmemline -Wl,-rpath,"$build/lib" 2>/dev/null || ok=0
    done
    if [ $ok = 0 ]; then
        skipped=$((skipped + 1))
        continue
    fi
    for mode in default reference; do
        rm -f "$tmp/$mode.json"
        # (in a subshell, which reports a crash to /dev/null)
        (
            MEMLINE_FORMAT=json MEMLINE_OUTPUT=$tmp/$mode.json timeout 60 "$tmp/$mode" \
                >"$tmp/$mode.out" </dev/null
            echo $? >"$tmp/$mode.rc"
        ) 2>/dev/null
    done
    if ! [ -s "$tmp/default.json" ] || ! [ -s "$tmp/reference.json" ] ||
        [ "$(cat "$tmp/reference.rc")" != 0 ]; then
        skipped=$((skipped + 1))
        continue
    fi
    compared=$((compared + 1))
    if ! cmp -s "$tmp/default.out" "$tmp/reference.out" ||
        ! cmp -s "$tmp/default.rc" "$tmp/reference.rc"; then
        echo "DIFFER $f: the two rewrites' programs print or exit differently"
        differ=$((differ + 1))
        continue
    fi
    if ! diff <(counts "$tmp/reference.json") <(counts "$tmp/default.json") >"$tmp/diff"; then
        echo "DIFFER $f: counts (< one probe per statement, > the default rewrite):"
        head -20 "$tmp/diff"
        differ=$((differ + 1))
    fi
done
echo "counts.sh: $compared files compared, $differ with other counts, $skipped skipped"
[ $differ = 0 ]
