#!/usr/bin/env bash
# e2e_cmake_package.sh — `cmake --install` of memline into a fresh prefix
# lays out bin/memline-cc, the headers, the runtime, the CMake package, the
# pkg-config file and the man page; a CMake project then profiles one
# target with find_package(memline) + memline_profile(), and the installed
# memline-cc compiles a program on its own.
. "$(dirname "$0")/common.sh" "$@"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" >install.out 2>&1 || { cat install.out >&2; fail "install"; }
libdir=$(dirname "$(find "$prefix" -name 'libmemline.so' | head -1)")
for f in bin/memline-cc include/memline.h include/memline/probe.h share/man/man1/memline-cc.1; do
    [ -e "$prefix/$f" ] || fail "$f not installed"
done
[ -e "$libdir/cmake/memline/memlineConfig.cmake" ] || fail "no package config in $libdir"
[ -e "$libdir/cmake/memline/memlineProfile.cmake" ] || fail "no memlineProfile.cmake"
PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --libs memline | grep -q -- -lmemline ||
    fail "pkg-config memline"

# the installed memline-cc uses the installed runtime
PATH="$prefix/bin:$PATH"
cp "$src/reference.c" demo.c
memline-cc -o demo demo.c
readelf -d demo | grep -q "RUNPATH.*$libdir\|RPATH.*$libdir" || fail "demo does not use $libdir"
MEMLINE_UNIT=MiB ./demo 2>table.txt
check_same "$src/reference.expected" table.txt

cmake -S "$src/cmake-project" -B b -DMEMLINE_USE_PACKAGE=ON -DCMAKE_PREFIX_PATH="$prefix" \
    >cmake.out 2>&1 || { cat cmake.out >&2; fail "configure"; }
cmake --build b -j2 >build.out 2>&1 || { cat build.out >&2; fail "build"; }
MEMLINE_UNIT=MiB b/app >out.txt 2>table.txt
[ "$(cat out.txt)" = a ] || fail "program printed $(cat out.txt)"
[ "$(grep -c '^Filename: .*words.c$' table.txt)" = 1 ] || { cat table.txt >&2; fail "not one table"; }
grep -F -f "$src/cmake-project.expected" table.txt | diff -u "$src/cmake-project.expected" - >&2 ||
    { cat table.txt >&2; fail "table rows"; }
check_no_temporaries
