#!/usr/bin/env bash
# smoke.sh — a short libFuzzer run of one harness, for ctest.
#   smoke.sh HARNESS WORKDIR DICT RUNS SEED_DIR...
# RUNS inputs from a fixed random seed, so that a run does the same work on
# every machine (at most 120 s). Starts from an empty WORKDIR (new inputs
# go to WORKDIR/corpus, a crash, leak or timeout to WORKDIR/artifacts) and
# fails, with libFuzzer's report, on the first finding. stdin is /dev/null
# so no input can wait on it.
set -u
harness=$1 work=$2 dict=$3 runs=$4
shift 4
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
"$harness" -dict="$dict" -seed=1 -runs="$runs" -max_total_time=120 -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" "$@" \
    < /dev/null > "$work/log" 2>&1
status=$?
grep -E '^(stat::|Done|#[0-9]+ *DONE)' "$work/log"
if [ $status -ne 0 ]; then
    echo "FAIL: $(basename "$harness") found a problem; input kept in $work/artifacts/:"
    ls "$work/artifacts"
    tail -60 "$work/log"
fi
exit $status
