# tests/cc/common.sh — sourced by the e2e_*.sh tests of memline-cc.
# Usage in a test: `. "$(dirname "$0")/common.sh" "$@"` with arguments
# BUILD_DIR SOURCE_DIR. Gives: $build, $src (tests/cc), $work (a private
# directory, removed at exit), memline-cc first in PATH, TMPDIR private so
# that leftover temporaries are caught (check_no_temporaries), and fail().
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/memline-cc-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PATH="$build/bin:$PATH"
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
unset MEMLINE_CC MEMLINE_DISABLE MEMLINE_KEEP MEMLINE_FUNCTIONS MEMLINE_OUTPUT MEMLINE_FORMAT \
    MEMLINE_UNIT MEMLINE_BACKEND MEMLINE_PRECISION MEMLINE_COLUMNS
cd "$work"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# The temporaries of every memline-cc run are gone.
check_no_temporaries() {
    [ -z "$(ls -A "$TMPDIR")" ] || fail "temporaries left: $(ls -A "$TMPDIR")"
}

# Compare a file with a golden file, showing the difference.
check_same() {
    diff -u "$1" "$2" >&2 || fail "$2 differs from $1"
}

# Builds NAME.c with every function selected, in probe form VARIANT
# (inline, call, O0; leaks: the default build NAME run with MEMLINE_LEAKS=1,
# which turns the runtime's lean paths off), and runs it with its JSON
# report in VARIANT.json. Further arguments go to memline-cc.
report_variant() { # NAME VARIANT [memline-cc args...]
    local name=$1 variant=$2
    shift 2
    case $variant in
    inline) MEMLINE_FUNCTIONS='*' MEMLINE_PROBES=inline memline-cc -O2 "$@" "$name.c" -o "$name.$variant" ;;
    call) MEMLINE_FUNCTIONS='*' MEMLINE_PROBES=call memline-cc -O2 "$@" "$name.c" -o "$name.$variant" ;;
    O0) MEMLINE_FUNCTIONS='*' memline-cc -O0 "$@" "$name.c" -o "$name.$variant" ;;
    leaks) cp "$name" "$name.$variant" ;;
    esac
    if [ "$variant" = leaks ]; then
        MEMLINE_LEAKS=1 MEMLINE_FORMAT=json MEMLINE_OUTPUT=$variant.json "./$name.$variant" >/dev/null
    else
        MEMLINE_FORMAT=json MEMLINE_OUTPUT=$variant.json "./$name.$variant" >/dev/null
    fi
}
