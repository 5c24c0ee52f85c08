#!/usr/bin/env bash
# Compile time of the generated crate (see BENCHMARKS.md): a clean build of `datadog-v2-client`
# alone, its dependencies already built, in debug and release, median of N runs (default 3);
# then the size of generated-client/src.
#
#   bash bench/compile_time.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
export CARGO_TERM_COLOR=never

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for profile in debug release; do
    flag=""
    [ "$profile" = release ] && flag="--release"
    # Build everything once so that only the crate itself is rebuilt below.
    cargo build -q -p datadog-v2-client $flag
    times=()
    for _ in $(seq "$runs"); do
        cargo clean -q -p datadog-v2-client $flag
        start=$(date +%s.%N)
        cargo build -q -p datadog-v2-client $flag
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s: clean build of datadog-v2-client (dependencies built): median %.1f s of %s runs (%s)\n' \
        "$profile" "$(printf '%s\n' "${times[@]}" | median)" "$runs" "$(printf '%.1f ' "${times[@]}")"
done

count() { find "$@" -name '*.rs' -print0 | xargs -0 cat | wc -l; }
echo "lines in generated-client/src: $(count generated-client/src) total;" \
    "generated models $(count generated-client/src/models) ($(find generated-client/src/models -name '*.rs' | wc -l) files)," \
    "generated apis $(count generated-client/src/apis) ($(find generated-client/src/apis -name '*.rs' | wc -l) files)," \
    "hand-written runtime $(find generated-client/src -maxdepth 1 -name '*.rs' -print0 | xargs -0 cat | wc -l)"
