#!/usr/bin/env bash
# csmith.sh — differential test of the instrumenter on random programs.
#   csmith.sh BUILD_DIR COUNT [FIRST_SEED]
# For each seed: csmith generates a program; it is built plain at -O0 and
# -O2 and run (seeds whose plain build fails or does not finish within 5 s
# are skipped); then every function is instrumented (--functions '*'),
# built at -O0 and -O2 against libmemline and run: the checksum must equal
# the plain one. A file the instrumenter leaves unchanged is counted, not
# failed (that is its contract); a rewritten file that does not compile or
# prints another checksum fails the run.
set -u
build=$(cd "$1" && pwd) count=$2 seed=${3:-1}
inc=$(ls -d /usr/include/csmith* 2> /dev/null | head -1)
command -v csmith > /dev/null && [ -n "$inc" ] || { echo "csmith is not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" # csmith writes platform.info into the current directory
tested=0 skipped=0 unchanged=0 failed=0 probes=0
for ((i = 0; i < count; i++, seed++)); do
  csmith --seed "$seed" > "$tmp/p.c" 2> /dev/null || { skipped=$((skipped + 1)); continue; }
  ok=1
  for opt in -O0 -O2; do
    if ! timeout 60 gcc $opt -w -I"$inc" "$tmp/p.c" -o "$tmp/plain$opt" 2> /dev/null ||
       ! timeout 5 "$tmp/plain$opt" > "$tmp/plain$opt.out" 2> /dev/null; then
      ok=0
    fi
  done
  if [ $ok = 0 ] || ! cmp -s "$tmp/plain-O0.out" "$tmp/plain-O2.out"; then
    skipped=$((skipped + 1))
    continue
  fi
  "$build/bin/memline-instrument" --stats --functions '*' "$tmp/p.c" -- -I"$inc" \
    > "$tmp/inst.c" 2> "$tmp/inst.err"
  if grep -q "not instrumented" "$tmp/inst.err"; then
    unchanged=$((unchanged + 1))
    echo "seed $seed: $(cat "$tmp/inst.err")"
    continue
  fi
  probes=$((probes + $(sed -n 's/.* \([0-9]*\) probes$/\1/p' "$tmp/inst.err")))
  tested=$((tested + 1))
  for opt in -O0 -O2; do
    if ! timeout 120 gcc $opt -w -isystem "$build/include" -I"$inc" -x c "$tmp/inst.c" \
         -o "$tmp/inst$opt" -L"$build/lib" -lmemline -Wl,-rpath,"$build/lib" 2> "$tmp/cc.err"; then
      echo "FAIL seed $seed $opt: the rewritten program does not compile:"
      head -5 "$tmp/cc.err"
      failed=$((failed + 1))
      break
    fi
    MEMLINE_OUTPUT=/dev/null timeout 60 "$tmp/inst$opt" > "$tmp/inst$opt.out" 2> /dev/null
    if ! cmp -s "$tmp/plain$opt.out" "$tmp/inst$opt.out"; then
      echo "FAIL seed $seed $opt: checksum $(cat "$tmp/inst$opt.out") instead of $(cat "$tmp/plain$opt.out")"
      failed=$((failed + 1))
      break
    fi
  done
done
echo "csmith: $tested programs instrumented and compared at -O0 and -O2 ($probes probes)," \
  "$failed failed, $unchanged left unchanged, $skipped skipped"
[ $failed -eq 0 ]
