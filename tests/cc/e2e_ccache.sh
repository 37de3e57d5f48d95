#!/usr/bin/env bash
# e2e_ccache.sh — MEMLINE_CC="ccache gcc" on the make project, with a
# private cache and ccache's default settings: a rebuild hits the cache
# for every file, the instrumented one included (direct hits); the object
# of a hit is byte for byte a fresh one's and prints the same table; a
# touched source still hits; an edited source and each changed MEMLINE_*
# build setting miss, and hit once built again; the launcher list form
# (`memline-cc ccache gcc`, as CMake's CMAKE_C_COMPILER_LAUNCHER runs it)
# hits the same entries. Exits 77 (skipped) without ccache.
. "$(dirname "$0")/common.sh" "$@"
command -v ccache >/dev/null || {
    echo "skipped: ccache is not installed"
    exit 77
}
# ccache's defaults, whatever the caller's environment sets
while read -r var; do unset "$var"; done < <(env | sed -n 's/^\(CCACHE_[A-Z_]*\)=.*/\1/p')
unset MEMLINE_PROBES MEMLINE_TYPES MEMLINE_STRICT
export CCACHE_DIR="$work/ccache"
export MEMLINE_CC="ccache gcc"
cp -r "$src/make-project" proj
cd proj

counter() {
    ccache --print-stats | awk -v name="$1" '$1 == name { print $2 }'
}

# A clean build of the project with the cache's counters zeroed first.
build() {
    rm -rf build app
    ccache -z >/dev/null
    make -s -j4 CC="${1:-memline-cc}" >make.out 2>&1 || { cat make.out >&2; fail "make"; }
    [ ! -s make.out ] || { cat make.out >&2; fail "the build printed something"; }
}

# expect HITS MISSES WHAT: the last build's direct + preprocessed hits and
# misses.
expect() {
    local hits misses
    hits=$(($(counter direct_cache_hit) + $(counter preprocessed_cache_hit)))
    misses=$(counter cache_miss)
    [ "$hits $misses" = "$1 $2" ] || {
        ccache --print-stats | grep -E '_(hit|miss)' >&2
        fail "$3: $hits hits and $misses misses, not $1 and $2"
    }
}

check_table() {
    MEMLINE_UNIT=MiB ./app >/dev/null 2>table.txt
    check_same "$src/make-project.expected" table.txt
}

build
expect 0 3 "first build"
check_table
cp build/store/store.o "$work/first.o"

build
expect 3 0 "rebuild"
[ "$(counter direct_cache_hit)" = 3 ] || fail "the rebuild's hits are not all direct"
cmp "$work/first.o" build/store/store.o || fail "the object of a hit differs from the first one"
check_table

CCACHE_DISABLE=1 build
cmp "$work/first.o" build/store/store.o || fail "a fresh object differs from the cached one"

touch src/store/store.c
build
expect 3 0 "touched source"

echo '/* edited */' >>src/store/store.c
build
expect 2 1 "edited source"
build
expect 3 0 "edited source, built again"

# Each setting changes the instrumented copy (store.c) or its options;
# MEMLINE_FUNCTIONS=store_hash instruments hash.c, and leaves store.c's copy
# as it was.
for setting in MEMLINE_PROBES=call MEMLINE_PROBES=inline MEMLINE_TYPES=1 \
    MEMLINE_FUNCTIONS=store_hash; do
    (
        export "${setting?}"
        build
        expect 2 1 "$setting"
        build
        expect 3 0 "$setting, built again"
    )
done

unset MEMLINE_CC
build "memline-cc ccache gcc"
expect 3 0 "memline-cc ccache gcc"
check_table
check_no_temporaries
echo "ok: rebuilds hit ccache's cache; edits and MEMLINE_* settings miss"
