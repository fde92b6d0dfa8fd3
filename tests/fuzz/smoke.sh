#!/bin/sh
# smoke.sh FUZZER WORKDIR CORPUS REGRESSIONS: runs FUZZER for $FUZZ_SECONDS
# (default 20) on a copy-free corpus: new inputs go to WORKDIR, the seeds
# and the regressions are only read. Any crash, leak or failed check fails.
set -eu
fuzzer=$1 work=$2
shift 2
mkdir -p "$work"
dirs=
for d in "$@"; do
	[ -d "$d" ] && dirs="$dirs $d"
done
dict=
[ -n "${DICT:-}" ] && [ -f "$DICT" ] && dict="-dict=$DICT"
# shellcheck disable=SC2086
exec "$fuzzer" -max_total_time="${FUZZ_SECONDS:-20}" -timeout=10 \
	-rss_limit_mb=2048 -print_final_stats=1 $dict \
	-artifact_prefix="$work/" "$work" $dirs
