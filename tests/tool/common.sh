# tests/tool/common.sh — sourced by the e2e_*.sh tests of memline's tools:
# `. "$(dirname "$0")/common.sh" BUILD_DIR SOURCE_DIR` sets $build and $src
# (absolute), puts $build/bin first on PATH, clears every MEMLINE_*
# setting, and runs the test in a fresh directory $work, removed at exit;
# fail MESSAGE ends the test.
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$build/bin:$PATH"
unset "${!MEMLINE_@}"
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
