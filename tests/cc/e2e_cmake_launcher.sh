#!/usr/bin/env bash
# e2e_cmake_launcher.sh — a CMake project (a shared library with a profiled
# function and an executable using it) built with memline-cc as the C
# compiler and linker launcher: builds, runs, prints the table once.
. "$(dirname "$0")/common.sh" "$@"
cmake -S "$src/cmake-project" -B b -DCMAKE_C_COMPILER_LAUNCHER=memline-cc \
    -DCMAKE_C_LINKER_LAUNCHER=memline-cc >cmake.out 2>&1 || { cat cmake.out >&2; fail "configure"; }
cmake --build b -j2 >build.out 2>&1 || { cat build.out >&2; fail "build"; }
MEMLINE_UNIT=MiB b/app >out.txt 2>table.txt
[ "$(cat out.txt)" = a ] || fail "program printed $(cat out.txt)"
[ "$(grep -c '^Filename: .*words.c$' table.txt)" = 1 ] || { cat table.txt >&2; fail "not one table"; }
grep -F -f "$src/cmake-project.expected" table.txt | diff -u "$src/cmake-project.expected" - >&2 ||
    { cat table.txt >&2; fail "table rows"; }
check_no_temporaries
