#!/usr/bin/env bash
# e2e_distcc.sh — MEMLINE_CC="distcc gcc": rewritten here, compiled by a
# distccd listening on 127.0.0.1 only. `make -j4 CC=memline-cc` builds the
# make project silently with local fallback off (a job the daemon cannot
# take fails the build); the daemon's log shows every file, the
# instrumented copy among them, compiled there; the table is the one a
# local build prints, so the neighbour quote include (store.h) and the
# copy's #line made it through preprocessing here and compiling there; the
# debug info names the real file. Exits 77 (skipped) without distcc.
. "$(dirname "$0")/common.sh" "$@"
command -v distcc >/dev/null && command -v distccd >/dev/null || {
    echo "skipped: distcc is not installed"
    exit 77
}
while read -r var; do unset "$var"; done < <(env | sed -n 's/^\(DISTCC_[A-Z_]*\)=.*/\1/p')
unset MEMLINE_PROBES MEMLINE_TYPES MEMLINE_STRICT

daemon=
stop_daemon() {
    if [ -n "$daemon" ]; then
        kill "$daemon" 2>/dev/null || true
        wait "$daemon" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap stop_daemon EXIT

# The daemon logs to its standard error, a file of ours: run as root it
# becomes the user distccd, who may not write here (nor in our $TMPDIR,
# hence /tmp for its own temporaries).
log="$work/distccd.log"
for _ in $(seq 20); do
    port=$((20000 + RANDOM % 40000))
    : >"$log"
    TMPDIR=/tmp distccd --no-detach --daemon --allow 127.0.0.1 --listen 127.0.0.1 \
        --port "$port" --jobs 2 --log-stderr --log-level info 2>"$log" &
    daemon=$!
    for _ in $(seq 100); do
        grep -q 'listening on' "$log" && break
        kill -0 "$daemon" 2>/dev/null || break
        sleep 0.05
    done
    grep -q 'listening on' "$log" && break
    wait "$daemon" 2>/dev/null || true
    daemon=
done
[ -n "$daemon" ] || { cat "$log" >&2; fail "distccd did not start"; }

mkdir "$work/distcc"
export DISTCC_HOSTS="127.0.0.1:$port/2" DISTCC_DIR="$work/distcc"
export DISTCC_FALLBACK=0 DISTCC_BACKOFF_PERIOD=0
export MEMLINE_CC="distcc gcc"
cp -r "$src/make-project" proj
cd proj
make -s -j4 CC=memline-cc >make.out 2>&1 || { cat make.out "$log" >&2; fail "make"; }
[ ! -s make.out ] || { cat make.out "$log" >&2; fail "the build printed something"; }
for file in src/main.c src/store/hash.c "$TMPDIR/memline-cc\.$(id -u)\.[0-9a-f]*/store\.c"; do
    grep -q "COMPILE_OK .* $file\$" "$log" || { cat "$log" >&2; fail "$file not compiled by distccd"; }
done
MEMLINE_UNIT=MiB ./app >run.out 2>table.txt
grep -qx '3 [0-9]*' run.out || fail "program output: $(cat run.out)"
check_same "$src/make-project.expected" table.txt
readelf --debug-dump=info build/store/store.o >info.txt
grep -q 'DW_AT_name .*: src/store/store\.c$' info.txt ||
    fail "store.o's compile unit is not named src/store/store.c"
strings -a build/store/store.o >strings.txt
! grep -q 'memline-cc\.' strings.txt || fail "store.o names the copy"
grep -q '^build/store/store.o: src/store/store.c ' build/store/store.d ||
    fail "store.d: $(cat build/store/store.d)"
check_no_temporaries
echo "ok: distcc compiles the instrumented copy on its host"
