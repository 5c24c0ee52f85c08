#!/usr/bin/env bash
# Decode speed of our generated models against the official Datadog Rust client's
# (`datadog-api-client`, pinned in bench/official/Cargo.toml) on bench_decode's three payloads.
# See BENCHMARKS.md, section 2, "Against the official client".
#
#   bash bench/official_decode.sh [ITERATIONS] [ROUNDS]     # default 15 iterations, 3 rounds
#
# bench_decode writes the payloads as JSON files (`--write DIR`); each round then runs the
# official project's binary and `bench_decode --read DIR ITERATIONS` (our models) one after the
# other on the same files, each printing per payload the median ms of ITERATIONS decodes
# (`serde_json::from_slice`), the heap the decoded value holds and the allocations of one decode.
# The table gives the median over the rounds and, as the ratio, the median of the per-round
# ratios official / ours.
#
# The official crate is not part of the workspace (CI does not build it: it is large). Its
# project, bench/official/, builds in release into OFFICIAL_TARGET_DIR (default
# ../official-target, beside the repository); the first build takes 10-20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-15}"
rounds="${2:-3}"
official_target="${OFFICIAL_TARGET_DIR:-$(cd .. && pwd)/official-target}"

echo "building bench/official (release, target $official_target)" >&2
CARGO_TARGET_DIR="$official_target" cargo build -q --release --locked --manifest-path bench/official/Cargo.toml
echo "building bench_decode (release)" >&2
cargo build -q --release -p tests --example bench_decode
official="$official_target/release/official-decode"
ours="${CARGO_TARGET_DIR:-target}/release/examples/bench_decode"

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$ours" --write "$dir"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq "$rounds"); do
    # The official binary's checks (stderr) are shown once.
    if [ "$round" = 1 ]; then
        "$official" "$dir" "$iterations"
    else
        "$official" "$dir" "$iterations" 2>/dev/null
    fi | sed "s/^/official\t$round\t/" >>"$dir/results"
    "$ours" --read "$dir" "$iterations" | sed "s/^/ours\t$round\t/" >>"$dir/results"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# results: who, round, payload, ms, heap bytes, allocations
python3 - "$dir" "$iterations" "$rounds" <<'EOF'
import os, statistics, sys

dir, iterations, rounds = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(dir, "results"))]
names = {
    "teams": "TeamsResponse (10,000 teams)",
    "cases": "CasesResponse (10,000 cases, unknown fields)",
    "policy": "EscalationPolicy (2,000 steps, 4 × 2,000 included)",
}
print(f"median of {rounds} rounds of {iterations} decodes (serde_json::from_slice); ratio: median of the per-round ratios")
print()
print("| payload | size | official: ms per decode | ours: ms per decode | ratio official / ours | heap held (official / ours) | allocations per decode (official / ours) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for payload, name in names.items():
    def pick(who):
        return {int(r[1]): r for r in rows if r[0] == who and r[2] == payload}
    official, ours = pick("official"), pick("ours")
    ms = lambda side: statistics.median(float(r[3]) for r in side.values())
    ratio = statistics.median(float(official[k][3]) / float(ours[k][3]) for k in official)
    size = os.path.getsize(os.path.join(dir, payload + ".json")) / 1e6
    any_official, any_ours = next(iter(official.values())), next(iter(ours.values()))
    print(
        f"| {name} | {size:.2f} MB | {ms(official):.1f} | {ms(ours):.1f} | **{ratio:.2f}x** "
        f"| {int(any_official[4]) / 1e6:.1f} / {int(any_ours[4]) / 1e6:.1f} MB "
        f"| {int(any_official[5]):,} / {int(any_ours[5]):,} |"
    )
EOF
