#!/usr/bin/env bash
# tests/package/e2e_package.sh — scripts/package makes a Debian package that
# works: its contents (binaries, the runtime with its soname links, headers,
# CMake package, pkg-config file, a gzipped man page for every command that
# memline --help lists, copyright and changelog), its Depends (libclang's
# runtime package as the rewriter's soname resolves here, the clang builtin
# headers, libjansson4, libc6, a C compiler and the C library's headers),
# no RUNPATH, lintian without a tag, and, extracted with dpkg-deb -x, `memline --help`,
# the man pages under man(1), the CMake package and pkg-config file found
# from there, and the extracted memline-cc building the reference program
# with the extracted runtime (table byte for byte).
# With MEMLINE_TEST_DPKG=1 (root; changes the machine), also dpkg -i, the
# same program built by memline-cc from PATH, and dpkg -r leaving nothing.
# Usage: e2e_package.sh SOURCE_DIR OUTPUT_DIR   (OUTPUT_DIR keeps the tree)
set -euo pipefail
src=$(cd "$1" && pwd)
out=$(mkdir -p "$2" && cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/memline-package-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
unset MEMLINE_CC MEMLINE_DISABLE MEMLINE_KEEP MEMLINE_FUNCTIONS MEMLINE_OUTPUT MEMLINE_FORMAT \
    MEMLINE_UNIT MEMLINE_BACKEND MEMLINE_PRECISION MEMLINE_COLUMNS

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

deb=$("$src/scripts/package" "$out") || fail "scripts/package"
version=$(sed -n 's/^project(memline VERSION \([^ ]*\) .*/\1/p' "$src/CMakeLists.txt")
[ "$(basename "$deb")" = "memline_${version}_$(dpkg --print-architecture).deb" ] ||
    fail "package named $deb"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
lib="usr/lib/$multiarch"

# Contents.
dpkg-deb --contents "$deb" >listing.txt
sed -E 's/^([^ ]+ +){5}\.\///' listing.txt >paths.txt
soversion=${version%%.*}
expected=(
    usr/bin/memline usr/bin/memline-cc usr/bin/memline-instrument
    usr/include/memline.h usr/include/memline/probe.h
    "$lib/libmemline.so.$version"
    "$lib/libmemline.so.$soversion -> libmemline.so.$version"
    "$lib/libmemline.so -> libmemline.so.$soversion"
    "$lib/memline/libmemline-rewrite.so"
    "$lib/cmake/memline/memlineConfig.cmake" "$lib/cmake/memline/memlineConfigVersion.cmake"
    "$lib/cmake/memline/memlineTargets.cmake" "$lib/cmake/memline/memlineProfile.cmake"
    "$lib/pkgconfig/memline.pc"
    usr/share/doc/memline/copyright usr/share/doc/memline/changelog.gz
    usr/share/man/man1/memline.1.gz usr/share/man/man1/memline-cc.1.gz
    usr/share/man/man1/memline-instrument.1.gz
)
for f in "${expected[@]}"; do
    grep -qxF -- "$f" paths.txt || { cat listing.txt >&2; fail "the package lacks $f"; }
done
grep -v '^usr/' paths.txt | grep -v '^$' && fail "files outside /usr"
grep -E '^usr/share/man/.*\.[0-9]$' paths.txt && fail "man pages not gzipped"

# Control fields.
dpkg-deb -f "$deb" Section | grep -x devel >/dev/null || fail "Section is not devel"
[ -n "$(dpkg-deb -f "$deb" Maintainer)" ] || fail "no Maintainer"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
depends=$(dpkg-deb -f "$deb" Depends | tr -d '\n')
echo "Depends: $depends"
has_depend() {
    tr ',' '\n' <<<"$depends" | sed -E 's/^ +//; s/ \([^)]*\)//g' | grep -xF -- "$1" >/dev/null ||
        fail "Depends lacks '$1': $depends"
}
has_depend libc6
has_depend libjansson4
has_depend "gcc | c-compiler"
has_depend "libc6-dev | libc-dev"
mkdir x
dpkg-deb -x "$deb" x
# libclang's runtime package: the one that holds what the rewriter's
# libclang soname resolves to on this machine.
soname=$(readelf -d x/usr/bin/memline-instrument | sed -n 's/.*NEEDED.*\[\(libclang[^]]*\)\]/\1/p')
[ -n "$soname" ] || fail "memline-instrument does not link libclang"
readelf -d x/usr/bin/memline-instrument x/"$lib"/memline/libmemline-rewrite.so |
    grep -E 'RPATH|RUNPATH' && fail "a RUNPATH in the package"
libclang=$(ldconfig -p | awk -v s="$soname" '$1 == s && !found { print $NF; found = 1 }')
[ -n "$libclang" ] || fail "$soname is not in ldconfig's cache"
runtime_package=$(dpkg-query -S "$(readlink -f "$libclang")" | sed 's/:.*//')
[ -n "$runtime_package" ] || fail "no package holds $libclang"
has_depend "$runtime_package"
# The clang builtin headers the rewriter was built to parse with.
. "$out/tree/package.env"
headers_package=$(dpkg-query -S "$MEMLINE_CLANG_RESOURCE_DIR/include/stddef.h" | sed 's/[:,].*//')
[ -n "$headers_package" ] || fail "no package holds $MEMLINE_CLANG_RESOURCE_DIR/include/stddef.h"
has_depend "$headers_package"

# lintian: no tag (README.md explains the overridden ones).
command -v lintian >/dev/null || fail "lintian is not installed (scripts/deps)"
lintian "$deb" >lintian.txt 2>lintian.err || { cat lintian.txt lintian.err >&2; fail "lintian"; }
[ ! -s lintian.txt ] || { cat lintian.txt >&2; fail "lintian tags"; }

# The extracted package, used through its paths.
x/usr/bin/memline --help >help.txt
commands=$(sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' help.txt)
[ -n "$commands" ] || fail "memline --help lists no command"
pages=(memline memline-cc memline-instrument)
for c in $commands; do
    x/usr/bin/memline "$c" --help >/dev/null || fail "memline $c --help"
    pages+=("memline-$c")
done
for p in "${pages[@]}"; do
    page="x/usr/share/man/man1/$p.1.gz"
    [ -f "$page" ] || fail "no man page $p.1.gz"
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "man $p: $warnings"
done
readelf -d "x/$lib/libmemline.so.$version" | grep -E "\(SONAME\) +Library soname: \[libmemline\.so\.$soversion\]" >/dev/null ||
    fail "libmemline's SONAME is not libmemline.so.$soversion"

PKG_CONFIG_PATH="$work/x/$lib/pkgconfig" pkg-config --cflags --libs memline >pc.txt
read -r cflags ldflags libs <pc.txt
[ "$(readlink -f "${cflags#-I}")" = "$(readlink -f x/usr/include)" ] &&
    [ "$(readlink -f "${ldflags#-L}")" = "$(readlink -f "x/$lib")" ] && [ "$libs" = -lmemline ] ||
    { cat pc.txt >&2; fail "pkg-config memline does not point into the package"; }
mkdir cmake-find
cat >cmake-find/CMakeLists.txt <<'CMAKE'
cmake_minimum_required(VERSION 3.18)
project(find LANGUAGES C)
find_package(memline REQUIRED CONFIG)
get_target_property(location memline::memline IMPORTED_LOCATION_RELWITHDEBINFO)
message(STATUS "memline runtime: ${location}")
CMAKE
cmake -S cmake-find -B cmake-find/b -DCMAKE_PREFIX_PATH="$work/x/usr" >cmake.txt 2>&1 ||
    { cat cmake.txt >&2; fail "find_package(memline) from the package"; }
grep -qF "memline runtime: $work/x/$lib/libmemline.so.$version" cmake.txt ||
    { cat cmake.txt >&2; fail "the CMake package's runtime is not the package's"; }

cp "$src/tests/cc/reference.c" demo.c
x/usr/bin/memline-cc -o demo demo.c 2>cc.err || { cat cc.err >&2; fail "memline-cc"; }
[ ! -s cc.err ] || { cat cc.err >&2; fail "memline-cc said something"; }
readelf -d demo | grep "RUNPATH.*$work/x/$lib" >/dev/null || fail "demo does not use the package's runtime"
MEMLINE_UNIT=MiB ./demo 2>table.txt
diff -u "$src/tests/cc/reference.expected" table.txt >&2 || fail "the table differs"
echo "package: $(basename "$deb"): $(grep -c . paths.txt) entries, lintian clean, works extracted"

[ "${MEMLINE_TEST_DPKG:-0}" = 1 ] || exit 0
# Installed for real: changes the machine, so only when asked; removed
# again whatever happens.
status=$(dpkg-query -W -f='${Status}' memline 2>/dev/null || true)
[ -z "$status" ] || [ "$status" = "unknown ok not-installed" ] ||
    fail "memline is already installed ($status): not touching it"
trap 'dpkg -r memline >/dev/null 2>&1; rm -rf "$work"' EXIT
dpkg -i "$deb" >dpkg-i.txt 2>&1 || { cat dpkg-i.txt >&2; fail "dpkg -i"; }
mkdir installed
cp demo.c installed/
cd installed
[ "$(command -v memline-cc)" = /usr/bin/memline-cc ] ||
    fail "memline-cc from PATH is '$(command -v memline-cc)'"
memline-cc -o demo demo.c || fail "installed memline-cc"
readelf -d demo | grep "RUNPATH.*\[/$lib\]" >/dev/null || fail "demo does not use /$lib"
MEMLINE_UNIT=MiB ./demo 2>table.txt
diff -u "$src/tests/cc/reference.expected" table.txt >&2 || fail "installed: the table differs"
memline --help >/dev/null || fail "installed memline --help"
man -w memline-run >/dev/null || fail "man -w memline-run"
cd "$work"
dpkg -r memline >dpkg-r.txt 2>&1 || { cat dpkg-r.txt >&2; fail "dpkg -r"; }
trap 'rm -rf "$work"' EXIT
status=$(dpkg-query -W -f='${Status}' memline 2>/dev/null || true)
[ -z "$status" ] || [ "$status" = "unknown ok not-installed" ] || fail "after dpkg -r: $status"
dpkg -L memline >/dev/null 2>&1 && fail "dpkg -L memline still lists files"
# Every file and every directory of memline's own is gone.
while read -r f; do
    f=${f%% -> *}
    if [ -n "$f" ] && { [ "${f%/}" = "$f" ] || [[ "$f" == *memline* ]]; } &&
        { [ -e "/$f" ] || [ -L "/$f" ]; }; then
        fail "/$f is left after dpkg -r"
    fi
done <paths.txt
echo "package: dpkg -i, memline-cc from PATH, dpkg -r: nothing left"
