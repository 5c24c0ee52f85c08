//! Decodes the three payloads of `tests/examples/bench_decode` (written as JSON files by
//! `bench_decode --write DIR`) with the official Datadog Rust client's models
//! (`datadog-api-client`, `datadogV2::model`), `serde_json::from_slice`, and prints one line per
//! payload: `payload<TAB>median ms per decode<TAB>heap held (bytes)<TAB>allocations per decode`,
//! the same format as `bench_decode --read DIR N` for our models. Run by
//! `bench/official_decode.sh`, which puts the two side by side.
//!
//! Before timing, it checks what the official models made of each payload and says so on stderr:
//! the first place where re-encoding the decoded value differs from the input, and which variant
//! each `oneOf` item of the escalation policy became.

#[path = "../../../tests/examples/bench_decode/counting.rs"]
mod counting;

use std::path::Path;
use std::time::{Duration, Instant};

use datadog_api_client::datadogV2::model::{CasesResponse, EscalationPolicy, EscalationPolicyIncluded, TeamsResponse};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes `bytes` as `T` once untimed, then `iterations` times timed; prints the line.
fn measure<T: DeserializeOwned>(name: &str, bytes: &[u8], iterations: usize) {
    let (live, allocations) = counting::reading();
    let value: T = serde_json::from_slice(bytes).expect("decode");
    let (live_after, allocations_after) = counting::reading();
    let (held, made) = (live_after - live, allocations_after - allocations);
    drop(value);
    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            let value: T = serde_json::from_slice(bytes).expect("decode");
            let time = start.elapsed();
            drop(value);
            time
        })
        .collect();
    times.sort();
    println!("{name}\t{:.3}\t{held}\t{made}", times[times.len() / 2].as_secs_f64() * 1e3);
}

/// Says on stderr whether re-encoding the decoded value gives the input back, and where not.
fn check_round_trip<T: DeserializeOwned + Serialize>(name: &str, bytes: &[u8]) -> T {
    let original: Value = serde_json::from_slice(bytes).expect("the payload is JSON");
    let decoded: T = serde_json::from_slice(bytes).expect("decode");
    let encoded = serde_json::to_value(&decoded).expect("encode");
    match first_difference(&original, &encoded, String::new()) {
        None => eprintln!("{name}: decoded and re-encoded, the same JSON"),
        Some(at) => eprintln!("{name}: re-encoded JSON differs from the input, first at {at}"),
    }
    decoded
}

fn first_difference(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.keys().chain(y.keys()).find_map(|k| match (x.get(k), y.get(k)) {
            (Some(v), Some(w)) => first_difference(v, w, format!("{at}/{k}")),
            _ => Some(format!("{at}/{k}")),
        }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (v, w))| first_difference(v, w, format!("{at}/{i}")))
        }
        _ => (a != b).then_some(at),
    }
}

fn read(dir: &Path, file: &str) -> Vec<u8> {
    let path = dir.join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (write it with bench_decode --write DIR)", path.display()))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, iterations] = args.as_slice() else {
        eprintln!("usage: official-decode DIR ITERATIONS (DIR holds teams.json, cases.json, policy.json)");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let iterations: usize = iterations.parse().expect("ITERATIONS is a number");
    let (teams, cases, policy) = (read(dir, "teams.json"), read(dir, "cases.json"), read(dir, "policy.json"));

    let decoded: TeamsResponse = check_round_trip("teams", &teams);
    eprintln!("teams: {} teams", decoded.data.map_or(0, |d| d.len()));
    let decoded: CasesResponse = check_round_trip("cases", &cases);
    eprintln!("cases: {} cases", decoded.data.map_or(0, |d| d.len()));
    let decoded: EscalationPolicy = check_round_trip("policy", &policy);
    let (mut steps, mut users, mut schedules, mut teams_included, mut other) = (0, 0, 0, 0, 0);
    for item in decoded.included.unwrap_or_default() {
        match item {
            EscalationPolicyIncluded::EscalationPolicyStep(_) => steps += 1,
            EscalationPolicyIncluded::EscalationPolicyUser(_) => users += 1,
            EscalationPolicyIncluded::ScheduleData(_) | EscalationPolicyIncluded::ConfiguredSchedule(_) => {
                schedules += 1
            }
            EscalationPolicyIncluded::TeamReference(_) => teams_included += 1,
            _ => other += 1,
        }
    }
    eprintln!(
        "policy: included as {steps} steps, {users} users, {schedules} schedules, {teams_included} teams, {other} unparsed"
    );

    measure::<TeamsResponse>("teams", &teams, iterations);
    measure::<CasesResponse>("cases", &cases, iterations);
    measure::<EscalationPolicy>("policy", &policy, iterations);
}
