#!/usr/bin/env bash
# golden.sh — one golden test of the instrumenter.
#   golden.sh INSTRUMENT BUILD_INCLUDE SRC_INCLUDE GOLDEN_DIR NAME [--update]
# Rewrites GOLDEN_DIR/NAME.c (options from NAME.args) and compares stdout
# with NAME.expected and stderr with NAME.reason (empty when absent).
# Then the warning check: memline must add no warning. Wherever the input
# compiles (gcc and clang, -std=c89/c99/c11/gnu17, -O0 and -O2, the flags
# in `warn` below, clang also -Weverything), NAME.expected compiled as
# memline-cc compiles it (with the probes inline and, at -O2, as calls)
# must compile too, and warn on no line under a flag more often than the
# input does on that line. Lines of the prologue count as new. NAME.warnings
# lists what the output is known to add, one "LINE FLAG COUNT WHY" a line
# (# starts a comment): at most COUNT more on LINE under FLAG, and some
# compile must give all COUNT (an entry that no longer holds fails).
set -u
instrument=$1 build_inc=$2 src_inc=$3 dir=$4 name=$5 update=${6:-}
cd "$dir" || exit 1
args=()
[ -f "$name.args" ] && read -r -a args < "$name.args"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$instrument" "${args[@]}" "$name.c" -- -I"$src_inc" -I. > "$tmp/out" 2> "$tmp/err"
if [ "$update" = --update ]; then
  cp "$tmp/out" "$name.expected"
  if [ -s "$tmp/err" ]; then cp "$tmp/err" "$name.reason"; else rm -f "$name.reason"; fi
  exit 0
fi
status=0
if ! cmp -s "$tmp/out" "$name.expected"; then
  echo "FAIL $name: rewritten text differs from $name.expected:"
  diff "$name.expected" "$tmp/out" | head -40
  status=1
fi
expected_err=/dev/null
[ -f "$name.reason" ] && expected_err=$name.reason
if ! cmp -s "$tmp/err" "$expected_err"; then
  echo "FAIL $name: stderr differs from ${expected_err}:"
  cat "$tmp/err"
  status=1
fi

# The flags real projects use; those gcc alone knows; clang's everything
# (not a superset: it leaves out the -Wpedantic extension warnings).
warn=(-Wall -Wextra -Wpedantic -Wc++-compat -Wredundant-decls -Wnested-externs
      -Wmissing-declarations -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition
      -Wdeclaration-after-statement -Wshadow -Wcast-qual -Wconversion -Wsign-conversion -Wundef
      -Wunused-macros -Wwrite-strings -Wvla -Wnull-dereference -Wformat=2)
gcc_warn=(-Wjump-misses-init -Wlogical-op -Wduplicated-cond -fno-diagnostics-show-caret)
clang_warn=(-Weverything -fno-caret-diagnostics)
# What memline-cc adds to the compile of an instrumented copy.
memline_cc=(-fno-builtin-malloc -fno-builtin-calloc -fno-builtin-realloc -fno-builtin-free
            -fno-builtin-strdup -fno-builtin-strndup -fno-builtin-aligned_alloc)

known=/dev/null
[ -f "$name.warnings" ] && known=$name.warnings
# The lines of NAME.c that a plain copy (instrumenter/plain.h) repeats in
# the output, one per line: the lines after each `if (memline_stopped())
# {` and its #line, up to the next #line.
awk '
  /^#line [0-9]+ / { if (prev ~ /if \(memline_stopped\(\)\) \{$/) { copy = 1; line = $2 } else copy = 0
                     prev = $0; next }
  copy { print line++ }
  { prev = $0 }' "$name.expected" > "$tmp/copied"
# new_warnings INPUT_LOG OUTPUT_LOG: the warnings of OUTPUT_LOG beyond the
# input's count for their file, line and flag (columns move, lines do not;
# a line a plain copy repeats may give its warnings twice) and beyond what
# NAME.warnings allows; how many of those it allows this compile gave goes
# to $tmp/known ("FILE:LINE [FLAG] N").
new_warnings() {
  awk -v name="$name.c" -v used_known="$tmp/known" '
    function key(s,  flag) {
      if (s !~ /^[^ ]*:[0-9]+:[0-9]+: warning: / && s !~ /^[^ ]*: warning: /)
        return ""
      flag = match(s, /\[-W[^]]*\]$/) ? substr(s, RSTART, RLENGTH) : "[]"
      sub(/: warning: .*/, "", s)
      sub(/:[0-9]+$/, "", s)
      return s " " flag
    }
    function times(k,  at) {
      at = index(k, name ":") == 1 ? substr(k, length(name) + 2) + 0 : 0
      return at in copied ? 2 : 1
    }
    FILENAME == ARGV[1] { if (!/^#/ && NF >= 3) allowed[name ":" $1 " [" $2 "]"] = $3; next }
    FILENAME == ARGV[2] { copied[$1]; next }
    FILENAME == ARGV[3] { if ((k = key($0)) != "") seen[k]++; next }
    (k = key($0)) == "" || ++used[k] <= seen[k] * times(k) { next }
    k in allowed && ++extra[k] <= allowed[k] { next }
    { print }
    END { for (k in extra) print k, (extra[k] < allowed[k] ? extra[k] : allowed[k]) >> used_known }
  ' "$known" "$tmp/copied" "$1" "$2"
}

# Each compile's new warnings go to $tmp/new as "WARNING<tab>COMPILE".
checked=0
: > "$tmp/new"
: > "$tmp/known"
if ! cmp -s "$name.c" "$name.expected"; then
  export LC_ALL=C
  for cc in gcc clang; do
    command -v "$cc" > /dev/null || continue
    extra=("${gcc_warn[@]}")
    [ $cc = clang ] && extra=("${clang_warn[@]}")
    for std in c89 c99 c11 gnu17; do
      for opt in -O0 -O2; do
        flags=(-std=$std $opt "${warn[@]}" "${extra[@]}" -fdiagnostics-show-option -I"$src_inc" -I.)
        "$cc" "${flags[@]}" -c "$name.c" -o /dev/null 2> "$tmp/in" || continue
        # Without __OPTIMIZE__ the probes are calls anyway.
        forms=("")
        [ $opt = -O2 ] && forms+=(-DMEMLINE_PROBE_CALLS)
        for form in "${forms[@]}"; do
          checked=$((checked + 1))
          what="$cc -std=$std $opt${form:+ $form}"
          if ! "$cc" "${flags[@]}" "${memline_cc[@]}" ${form:+"$form"} -isystem "$build_inc" \
               -x c -c "$name.expected" -o /dev/null 2> "$tmp/out"; then
            echo "FAIL $name: output does not compile with $what where the input does:"
            head -20 "$tmp/out"
            status=1
          else
            new_warnings "$tmp/in" "$tmp/out" | sed "s|\$|	$what|" >> "$tmp/new"
          fi
        done
      done
    done
  done
fi
if [ "$known" != /dev/null ] &&
   awk -v name="$name.c" -v test="$name" -v file="$known" '
     FILENAME == ARGV[1] { k = $1 " " $2; if ($3 > most[k]) most[k] = $3; next }
     !/^#/ && NF >= 3 && most[name ":" $1 " [" $2 "]"] + 0 < $3 {
       printf "FAIL %s: %s line %d says %s %s %s, the output gives at most %d more\n",
              test, file, FNR, $1, $2, $3, most[name ":" $1 " [" $2 "]"]
       stale = 1
     }
     END { exit !stale }' "$tmp/known" "$known"; then
  status=1
fi
if [ -s "$tmp/new" ]; then
  echo "FAIL $name: warnings the input does not have, and the compiles that give them:"
  awk -F '\t' '
    !($1 in seen) { seen[$1]; order[n++] = $1 }
    !(($1, $2) in times) { pairs[np++] = $1 SUBSEP $2 }
    { times[$1, $2]++ }
    END {
      for (i = 0; i < np; i++) {
        split(pairs[i], p, SUBSEP)
        c = p[2] (times[pairs[i]] > 1 ? " (" times[pairs[i]] " times)" : "")
        with[p[1]] = p[1] in with ? with[p[1]] ", " c : c
      }
      for (i = 0; i < n; i++) print order[i] "\n    " with[order[i]]
    }' "$tmp/new"
  status=1
fi
nknown=$(awk '!/^#/ && NF >= 3' "$known" | wc -l)
[ "$nknown" -gt 0 ] && nknown=", $nknown known in $known" || nknown=
[ $status -eq 0 ] && echo "ok $name ($checked compiles checked for warnings$nknown)"
exit $status
