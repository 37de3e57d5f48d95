# tests/robust/common.sh — sourced by the robustness tests. Arguments:
# BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]. Gives: $build, $src (tests/robust),
# $work (private, removed at exit, the current directory), $cflags,
# memline-cc first in PATH, a clean MEMLINE_* environment, and:
#   fail MESSAGE            print FAIL: MESSAGE, exit 1
#   build PROG [FLAGS...]   memline-cc -O1 -g $cflags $src/PROG.c -o PROG
#   line_of FILE MARK       number of the line holding the comment /* MARK */
#   field REPORT FUNC LINE KEY  a line's KEY in a JSON report ("absent")
#   calls REPORT FUNC       the function's calls
#   net REPORT FUNC         the sum of its increments
#   expect WHAT GOT WANTED  fail unless GOT = WANTED
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
cflags=${3:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/memline-robust.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export PATH="$build/bin:$PATH"
unset MEMLINE_CC MEMLINE_DISABLE MEMLINE_KEEP MEMLINE_FUNCTIONS MEMLINE_OUTPUT MEMLINE_FORMAT \
    MEMLINE_UNIT MEMLINE_BACKEND MEMLINE_PRECISION MEMLINE_COLUMNS MEMLINE_TIMELINE
cd "$work"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

build() {
    local prog=$1
    shift
    # shellcheck disable=SC2086
    memline-cc -O1 -g -fno-builtin $cflags "$@" -o "$prog" "$src/$prog.c" -lpthread ||
        fail "memline-cc could not build $prog"
}

line_of() {
    local n
    n=$(grep -n "/\* $2 \*/" "$1" | cut -d: -f1)
    [ -n "$n" ] || fail "no /* $2 */ in $1"
    echo "$n"
}

field() {
    jq -r --arg f "$2" --argjson l "$3" --arg k "$4" \
        '[.functions[] | select(.name == $f) | .lines[] | select(.line == $l) | .[$k]]
         | if length == 0 then "absent" else .[0] end' "$1"
}

calls() {
    jq -r --arg f "$2" '[.functions[] | select(.name == $f) | .calls] | add // 0' "$1"
}

net() {
    jq -r --arg f "$2" '[.functions[] | select(.name == $f) | .lines[].increment] | add // 0' "$1"
}

expect() {
    [ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
}
