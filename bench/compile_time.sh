#!/usr/bin/env bash
# Compile time of the generated crate (see BENCHMARKS.md): a clean build of `datadog-v2-client`
# alone, its dependencies already built, median of N runs (default 3): with every API group
# (the default features) in debug and release, then in debug with each group's feature alone
# and with none; then in debug with the optional `tracing` and `testing` features added to the
# defaults; then the compile time of the doctests (merged, edition 2024); then the size of
# generated-client/src.
#
# Then, for the models without the client (README, "Models without the client"): cold builds,
# in an empty target directory, of the crate and all its dependencies, models only
# (`--no-default-features --features teams`) next to the same group with the client and next to
# the default features. `models` as the second argument runs only this comparison.
#
#   bash bench/compile_time.sh [N] [models]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
only="${2:-}"
export CARGO_TERM_COLOR=never

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# time_build LABEL CARGO_BUILD_ARGS...: clean builds of the crate alone, median of $runs.
time_build() {
    local label="$1"
    shift
    # Build everything once so that only the crate itself is rebuilt below.
    cargo build -q -p datadog-v2-client "$@"
    local times=() clean=()
    [[ " $* " == *" --release "* ]] && clean=(--release) # `cargo clean` takes no feature flags
    for _ in $(seq "$runs"); do
        cargo clean -q -p datadog-v2-client "${clean[@]}"
        local start end
        start=$(date +%s.%N)
        cargo build -q -p datadog-v2-client "$@"
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    printf '%s: clean build of datadog-v2-client (dependencies built): median %.1f s of %s runs (%s)\n' \
        "$label" "$(printf '%s\n' "${times[@]}" | median)" "$runs" "$(printf '%.1f ' "${times[@]}")"
}

# time_cold LABEL CARGO_BUILD_ARGS...: builds of the crate and every dependency in an empty
# target directory (sources already downloaded), median of $runs, with the load average before
# each run.
time_cold() {
    local label="$1"
    shift
    cargo fetch -q
    local dir times=() loads=()
    dir=$(mktemp -d)
    for _ in $(seq "$runs"); do
        rm -rf "$dir"
        loads+=("$(cut -d' ' -f1 /proc/loadavg)")
        local start end
        start=$(date +%s.%N)
        CARGO_TARGET_DIR="$dir" cargo build -q -p datadog-v2-client "$@"
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    rm -rf "$dir"
    printf '%s: cold build with dependencies: median %.1f s of %s runs (%s; load before each: %s)\n' \
        "$label" "$(printf '%s\n' "${times[@]}" | median)" "$runs" "$(printf '%.1f ' "${times[@]}")" "${loads[*]}"
}

models_vs_client() {
    time_cold "debug, models only: --no-default-features --features teams" --no-default-features --features teams
    time_cold "debug, teams with the client: --no-default-features --features client,teams" \
        --no-default-features --features client,teams
    time_cold "debug, the default features (client, every group)"
}

if [[ "$only" == models ]]; then
    models_vs_client
    exit 0
fi

time_build "debug, all groups (default features)"
time_build "release, all groups (default features)" --release

groups=$(bash .ci/group-features)
for group in "" $groups; do
    time_build "debug, --no-default-features --features \"client,$group\"" --no-default-features --features "client,$group"
done
time_build "debug, models only, every group: --no-default-features --features \"$(echo $groups | tr ' ' ',')\"" \
    --no-default-features --features "$(echo $groups | tr ' ' ',')"

for extra in tracing testing "tracing,testing"; do
    time_build "debug, all groups + --features \"$extra\"" --features "$extra"
done

models_vs_client

# The doctests (the README's and one per operation), compiled as one merged crate.
cargo test -q -p datadog-v2-client --doc 2>&1 | grep -E "test result|merged doctests compilation" || true

count() { find "$@" -name '*.rs' -print0 | xargs -0 cat | wc -l; }
echo "lines in generated-client/src: $(count generated-client/src) total;" \
    "generated models $(count generated-client/src/models) ($(find generated-client/src/models -name '*.rs' | wc -l) files)," \
    "generated apis $(count generated-client/src/apis) ($(find generated-client/src/apis -name '*.rs' | wc -l) files)," \
    "generated operations.rs $(count generated-client/src/operations.rs), testing/operations.rs $(count generated-client/src/testing/operations.rs)," \
    "hand-written testing/mod.rs $(count generated-client/src/testing/mod.rs)," \
    "hand-written runtime $(find generated-client/src -maxdepth 1 -name '*.rs' -print0 | xargs -0 cat | wc -l)"
