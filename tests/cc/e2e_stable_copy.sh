#!/usr/bin/env bash
# e2e_stable_copy.sh — where the instrumented copy lives (temp.h): at the
# same path in every run for the same contents (what ccache needs), at
# another when the contents change; one file compiled by 8 processes at
# once, all sharing that path, gives 8 identical objects and leaves
# nothing behind; a run killed with SIGKILL leaves its directory, which the
# next run takes over and removes; a directory at that path that others may
# write is not used (the copy goes to a private directory), and not
# removed.
. "$(dirname "$0")/common.sh" "$@"
cat >prof.c <<'EOF'
#include <memline.h>
#include <stdlib.h>
MEMLINE_PROFILE
char *grab(int n)
{
    char *p = malloc((size_t)n);
    return p;
}
EOF
# The real compiler, saying which copy it compiles (and, given a
# directory in $PAUSE, making it, its pid in it, and waiting there).
cat >cc-log <<'EOF'
#!/usr/bin/env bash
for arg; do
    case $arg in
    */memline-cc.*/*.c)
        echo "$arg" >>"$COPIES"
        [ -z "${PAUSE:-}" ] || { mkdir "$PAUSE" && echo $$ >"$PAUSE/pid" && exec sleep 60; }
        ;;
    esac
done
exec gcc "$@"
EOF
chmod +x cc-log
export MEMLINE_CC="$work/cc-log" COPIES="$work/copies"

memline-cc -O2 -c prof.c -o one.o
memline-cc -O2 -c prof.c -o two.o
[ "$(sort -u copies | wc -l)" = 1 ] || fail "two runs, two paths: $(cat copies)"
copy=$(head -1 copies)
case $copy in "$TMPDIR"/memline-cc.$(id -u).*/prof.c) ;; *) fail "the copy is at $copy" ;; esac
cmp one.o two.o || fail "the two objects differ"
check_no_temporaries

MEMLINE_TYPES=1 memline-cc -O2 -c prof.c -o typed.o
[ "$(sort -u copies | wc -l)" = 2 ] || fail "another copy, the same path: $(cat copies)"
check_no_temporaries

: >copies
pids=()
for i in 1 2 3 4 5 6 7 8; do
    memline-cc -O2 -c prof.c -o "par$i.o" &
    pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "a parallel compile failed"; done
for i in 2 3 4 5 6 7 8; do cmp par1.o "par$i.o" || fail "par$i.o differs"; done
[ "$(sort -u copies | wc -l)" = 1 ] || fail "parallel compiles used several paths"
cmp one.o par1.o || fail "a parallel object differs from a lone one"
check_no_temporaries

# Killed while compiling: its directory stays, the next run reuses it.
PAUSE="$work/pause" memline-cc -O2 -c prof.c -o killed.o &
pid=$!
for _ in $(seq 200); do [ -s pause/pid ] && break; sleep 0.05; done
[ -s pause/pid ] || fail "the compiler never started"
kill -KILL "$pid" "$(cat pause/pid)"
wait "$pid" 2>/dev/null || true
rm -r pause
stale=$(dirname "$copy")
[ -f "$stale/prof.c" ] || fail "no directory left by the killed run"
for dir in "$TMPDIR"/memline-cc.*; do
    [ "$dir" = "$stale" ] || rm -r "$dir" # its private one, for stderr
done
memline-cc -O2 -c prof.c -o after.o
cmp one.o after.o || fail "the object after a killed run differs"
check_no_temporaries

# Not ours alone: another path, and the directory is left as it was.
mkdir -m 0755 "$stale"
: >copies
memline-cc -O2 -c prof.c -o shared.o
cmp one.o shared.o || fail "the object beside a foreign directory differs"
grep -q "^$stale/" copies && fail "compiled from a directory others can write: $(cat copies)"
[ -d "$stale" ] || fail "a directory not ours was removed"
rmdir "$stale"
check_no_temporaries
echo "ok: the copy's path is stable, shared safely and cleaned up"
