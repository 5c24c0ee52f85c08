//! Decode/encode throughput of the generated models against a plain serde baseline of the same
//! shape (`baseline.rs`), measured side by side in one run. See BENCHMARKS.md.
//!
//! ```sh
//! cargo run --release -p tests --example bench_decode            # 15 iterations
//! cargo run --release -p tests --example bench_decode -- 31      # more
//! cargo run --release -p tests --example bench_decode -- --write DIR        # the payloads as files
//! cargo run --release -p tests --example bench_decode -- --read DIR 15      # decode those files
//! ```
//!
//! `--write DIR` and `--read DIR N` are for `bench/official_decode.sh`, which compares our models
//! with the official Rust client's on the same files: `--write` writes the three payloads as
//! `teams.json`, `cases.json` and `policy.json`; `--read` decodes each file with the generated
//! models (`serde_json::from_slice`) once untimed, then `N` times, and prints one line per payload,
//! `payload<TAB>median ms per decode<TAB>heap held (bytes)<TAB>allocations per decode`, the format
//! of `bench/official`'s binary.
//!
//! Three payloads are built in code (deterministic, realistic values):
//! - `TeamsResponse` with 10,000 teams (every attribute, team-link and permission relationships,
//!   some `null` avatars and banners, links and pagination meta);
//! - `CasesResponse` with 10,000 cases whose objects also carry fields the spec does not know
//!   (12 attributes per case: custom attributes, insights, severity, ...; a `team_owners`
//!   relationship, per-case `links`);
//! - `EscalationPolicy` with 2,000 steps and an `included` list of 2,000 items of each of its four
//!   types (teams, steps, users, schedules): 8,000 `oneOf` values, plus one step target each.
//!
//! Each iteration decodes and encodes every payload with both model trees, interleaved, so that
//! both see the same machine load; the tables give the median time and, as the ratio, the median
//! of the per-iteration ratios (steadier than a ratio of medians on a shared machine). Decoding is timed from bytes to the
//! value (`serde_json::from_slice`), not its drop; "client path" is the decode the client really
//! runs (the body checked as UTF-8 once, a `serde_json::Deserializer` over that `str`, then
//! `end()`; `serde_path_to_error` only on a second pass after a failure). Encoding is
//! `serde_json::to_vec`; MB/s are over the input size for decode and the output size for encode
//! (the generated models also write back the unknown fields, the baseline drops them). The same
//! table gives, per payload, the heap the decoded tree holds and the allocations its decode makes
//! (a counting global allocator, one more decode of each tree after the timed runs), and the load
//! average before and after the timed runs.

mod baseline;
#[macro_use]
mod variants;

mod counting;

use std::time::{Duration, Instant};

use datadog_v2_client::models as generated;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The heap a decoded `T` holds (bytes live after the decode, the value alive) and the
/// allocations (and reallocations) the decode made.
fn heap<T: DeserializeOwned>(bytes: &[u8]) -> (usize, usize) {
    let (live, allocations) = counting::reading();
    let value: T = serde_json::from_slice(bytes).expect("decode");
    let (live_after, allocations_after) = counting::reading();
    let (held, made) = (live_after - live, allocations_after - allocations);
    drop(value);
    (held, made)
}

/// One decode (both ways) and one encode of a payload as `T`.
type Contestant = fn(&[u8]) -> Sample;

#[derive(Clone, Copy)]
struct Sample {
    decode: Duration,
    decode_client_path: Duration,
    encode: Duration,
    encoded_len: usize,
}

fn once<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Sample {
    let start = Instant::now();
    let value: T = serde_json::from_slice(bytes).expect("decode");
    let decode = start.elapsed();

    let start = Instant::now();
    let again: T = client_path_decode(bytes);
    let decode_client_path = start.elapsed();
    drop(again);

    let start = Instant::now();
    let encoded = serde_json::to_vec(&value).expect("encode");
    let encode = start.elapsed();
    Sample { decode, decode_client_path, encode, encoded_len: encoded.len() }
}

/// The samples of every contestant, iteration by iteration.
struct Race(Vec<Vec<Sample>>);

impl Race {
    /// Runs every contestant on `bytes`, interleaved, `iterations` times after one warm-up round.
    fn run(bytes: &[u8], contestants: &[Contestant], iterations: usize) -> Race {
        let mut samples: Vec<Vec<Sample>> = vec![Vec::new(); contestants.len()];
        for iteration in 0..=iterations {
            for (contestant, samples) in contestants.iter().zip(&mut samples) {
                let sample = contestant(bytes);
                if iteration > 0 {
                    samples.push(sample);
                }
            }
        }
        Race(samples)
    }

    /// The median of one measure of contestant `c`.
    fn median(&self, c: usize, pick: fn(&Sample) -> Duration) -> Duration {
        median(self.0[c].iter().map(pick).collect())
    }

    /// The median, over the iterations, of contestant `a`'s time over contestant `b`'s in the same
    /// iteration: run side by side, both see the same machine load, so the ratio is steadier than
    /// the times themselves on a shared machine.
    fn ratio(&self, a: usize, b: usize, pick: fn(&Sample) -> Duration) -> f64 {
        let mut ratios: Vec<f64> =
            self.0[a].iter().zip(&self.0[b]).map(|(x, y)| pick(x).as_secs_f64() / pick(y).as_secs_f64()).collect();
        ratios.sort_by(f64::total_cmp);
        ratios[ratios.len() / 2]
    }

    fn encoded_len(&self, c: usize) -> usize {
        self.0[c][0].encoded_len
    }
}

const DECODE: fn(&Sample) -> Duration = |s| s.decode;
const CLIENT_PATH: fn(&Sample) -> Duration = |s| s.decode_client_path;
const ENCODE: fn(&Sample) -> Duration = |s| s.encode;

/// `--one <teams|cases|policy> <generated|baseline> <slice|str> <n>`: builds the payload and
/// decodes it `n` times as one tree, nothing else: for instruction counts under
/// `valgrind --tool=callgrind` (independent of the machine's load), where `n = 0` gives the cost
/// of building the payload, to subtract.
fn one(args: &[String]) {
    let [payload, tree, input, n] = args else {
        panic!("--one <teams|cases|policy> <generated|baseline> <slice|str> <n>")
    };
    let n: usize = n.parse().expect("n is a number");
    let bytes = match payload.as_str() {
        "teams" => teams_response(10_000),
        "cases" => cases_response(10_000),
        "policy" => escalation_policy(2_000),
        other => panic!("unknown payload {other}"),
    };
    fn decode<T: DeserializeOwned>(bytes: &[u8], input: &str) {
        let value: T = match input {
            "slice" => serde_json::from_slice(bytes).expect("decode"),
            _ => client_path_decode(bytes),
        };
        drop(value);
    }
    for _ in 0..n {
        match (payload.as_str(), tree.as_str()) {
            ("teams", "generated") => decode::<generated::TeamsResponse>(&bytes, input),
            ("teams", _) => decode::<baseline::TeamsResponse>(&bytes, input),
            ("cases", "generated") => decode::<generated::CasesResponse>(&bytes, input),
            ("cases", _) => decode::<baseline::CasesResponse>(&bytes, input),
            ("policy", "generated") => decode::<generated::EscalationPolicy>(&bytes, input),
            _ => decode::<baseline::EscalationPolicy>(&bytes, input),
        }
    }
}

/// `--write DIR`: the three payloads as JSON files, for `bench/official_decode.sh`.
fn write(args: &[String]) {
    let [dir] = args else { panic!("--write DIR") };
    let dir = std::path::Path::new(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for (file, bytes) in [
        ("teams.json", teams_response(10_000)),
        ("cases.json", cases_response(10_000)),
        ("policy.json", escalation_policy(2_000)),
    ] {
        let path = dir.join(file);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// `--read DIR N`: decodes the files `--write` wrote with the generated models, `N` times each,
/// and prints `payload<TAB>median ms<TAB>heap held (bytes)<TAB>allocations` per payload.
fn read(args: &[String]) {
    let [dir, n] = args else { panic!("--read DIR N") };
    let n: usize = n.parse().expect("N is a number");
    fn measure<T: DeserializeOwned>(name: &str, dir: &str, n: usize) {
        let path = std::path::Path::new(dir).join(format!("{name}.json"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (held, made) = heap::<T>(&bytes);
        let times = (0..n)
            .map(|_| {
                let start = Instant::now();
                let value: T = serde_json::from_slice(&bytes).expect("decode");
                let time = start.elapsed();
                drop(value);
                time
            })
            .collect();
        println!("{name}\t{:.3}\t{held}\t{made}", median(times).as_secs_f64() * 1e3);
    }
    measure::<generated::TeamsResponse>("teams", dir, n);
    measure::<generated::CasesResponse>("cases", dir, n);
    measure::<generated::EscalationPolicy>("policy", dir, n);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a == "--one") {
        return one(&args[2..]);
    }
    if args.get(1).is_some_and(|a| a == "--write") {
        return write(&args[2..]);
    }
    if args.get(1).is_some_and(|a| a == "--read") {
        return read(&args[2..]);
    }
    let iterations: usize = std::env::args().nth(1).map_or(15, |n| n.parse().expect("iterations is a number"));
    let teams = teams_response(10_000);
    let cases = cases_response(10_000);
    let policy = escalation_policy(2_000);
    check_round_trips(&teams, &cases, &policy);

    let load_before = load_average();
    let race = Race::run(&teams, &[once::<generated::TeamsResponse>, once::<baseline::TeamsResponse>], iterations);
    // The Cases payload also races the variants that isolate the cost of keeping unknown fields.
    let cases_race = Race::run(
        &cases,
        &[
            once::<generated::CasesResponse>,
            once::<baseline::CasesResponse>,
            once::<variants::flatten::CasesResponse>,
            once::<variants::visitor_value::CasesResponse>,
            once::<variants::visitor_raw::CasesResponse>,
            once::<variants::visitor_raw_vec::CasesResponse>,
        ],
        iterations,
    );
    let policy_race =
        Race::run(&policy, &[once::<generated::EscalationPolicy>, once::<baseline::EscalationPolicy>], iterations);
    let load_after = load_average();

    // Time and heap side by side, one row per payload: median times (generated / baseline), the
    // ratio (median of the per-iteration ratios), then what the decoded tree holds and the
    // allocations its decode makes, per item (team, case, policy step or included item).
    println!(
        "| payload | size | decode (generated / baseline) | ratio | client-path decode (generated / baseline) | ratio | encode (generated / baseline) | ratio | heap held (generated / baseline) | ratio | allocations per item (generated / baseline) |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let row = |name: &str,
               bytes: &[u8],
               race: &Race,
               items: usize,
               generated: (usize, usize),
               baseline: (usize, usize)| {
        let ms = |c: usize, pick: fn(&Sample) -> Duration| race.median(c, pick).as_secs_f64() * 1e3;
        println!(
            "| {name} | {:.2} MB | {:.1} / {:.1} ms | **{:.2}x** | {:.1} / {:.1} ms | **{:.2}x** | {:.1} / {:.1} ms | **{:.2}x** | {:.1} / {:.1} MB | {:.2}x | {:.1} / {:.1} |",
            mb(bytes.len()),
            ms(0, DECODE),
            ms(1, DECODE),
            race.ratio(0, 1, DECODE),
            ms(0, CLIENT_PATH),
            ms(1, CLIENT_PATH),
            race.ratio(0, 1, CLIENT_PATH),
            ms(0, ENCODE),
            ms(1, ENCODE),
            race.ratio(0, 1, ENCODE),
            mb(generated.0),
            mb(baseline.0),
            generated.0 as f64 / baseline.0 as f64,
            generated.1 as f64 / items as f64,
            baseline.1 as f64 / items as f64,
        );
    };
    row(
        "TeamsResponse (10,000 teams)",
        &teams,
        &race,
        10_000,
        heap::<generated::TeamsResponse>(&teams),
        heap::<baseline::TeamsResponse>(&teams),
    );
    row(
        "CasesResponse (10,000 cases, unknown fields)",
        &cases,
        &cases_race,
        10_000,
        heap::<generated::CasesResponse>(&cases),
        heap::<baseline::CasesResponse>(&cases),
    );
    row(
        "EscalationPolicy (2,000 steps, 4 × 2,000 included)",
        &policy,
        &policy_race,
        10_000,
        heap::<generated::EscalationPolicy>(&policy),
        heap::<baseline::EscalationPolicy>(&policy),
    );
    println!();
    println!("load average (1, 5, 15 min) before the timed runs: {load_before}; after: {load_after}");

    println!();
    println!("CasesResponse: where the time goes (ratios to the baseline, which drops unknown fields)");
    println!();
    println!("| model tree | decode | ratio | client-path decode | ratio | encode | ratio |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let names = [
        "generated (map visitor, unknown fields as one `AdditionalProperties` text per object)",
        "baseline (drops unknown fields)",
        "baseline + `#[serde(flatten)] BTreeMap<String, Value>`",
        "baseline + map visitor, unknown fields as `Value`",
        "baseline + map visitor, unknown fields as `Box<RawValue>`",
        "baseline + map visitor, unknown fields as `Box<RawValue>` in a `Vec`",
    ];
    for (c, name) in names.iter().enumerate() {
        println!(
            "| {name} | {} | {:.2}x | {} | {:.2}x | {} | {:.2}x |",
            rate(cases.len(), cases_race.median(c, DECODE)),
            cases_race.ratio(c, 1, DECODE),
            rate(cases.len(), cases_race.median(c, CLIENT_PATH)),
            cases_race.ratio(c, 1, CLIENT_PATH),
            rate(cases_race.encoded_len(c), cases_race.median(c, ENCODE)),
            cases_race.ratio(c, 1, ENCODE),
        );
    }
    eprintln!(
        "times: median of {iterations} iterations; ratio: median of the per-iteration ratios \
         generated time / baseline time (1.00x = as fast)"
    );
}

/// What `Client::send_json` does with a 2xx body that decodes: the whole body checked as UTF-8
/// once, then decoded from `str` (only a failure is decoded again, with `serde_path_to_error`, to
/// say where).
fn client_path_decode<T: DeserializeOwned>(bytes: &[u8]) -> T {
    let text = std::str::from_utf8(bytes).expect("the payloads are UTF-8");
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut deserializer).expect("client-path decode");
    deserializer.end().expect("nothing after the value");
    value
}

/// The machine's load average (`/proc/loadavg`), to print beside the figures.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| text.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn rate(bytes: usize, time: Duration) -> String {
    format!("{:.0} MB/s ({:.1} ms)", mb(bytes) / time.as_secs_f64(), time.as_secs_f64() * 1e3)
}

/// The generated models keep everything: decode then encode gives back the same JSON. The
/// baseline keeps every item (same counts); the variants agree with each other.
fn check_round_trips(teams: &[u8], cases: &[u8], policy: &[u8]) {
    fn same<G: DeserializeOwned + Serialize>(bytes: &[u8]) {
        let original: Value = serde_json::from_slice(bytes).unwrap();
        let decoded: G = serde_json::from_slice(bytes).unwrap();
        let encoded = serde_json::to_value(&decoded).unwrap();
        if let Some(at) = first_difference(&original, &encoded, String::new()) {
            panic!("the generated models do not round-trip the payload: first difference at {at}");
        }
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
    same::<generated::TeamsResponse>(teams);
    same::<generated::CasesResponse>(cases);
    same::<generated::EscalationPolicy>(policy);
    let teams: baseline::TeamsResponse = serde_json::from_slice(teams).unwrap();
    assert_eq!(teams.data.unwrap().len(), 10_000);
    let decoded: baseline::CasesResponse = serde_json::from_slice(cases).unwrap();
    assert_eq!(decoded.data.unwrap().len(), 10_000);
    // The variants keep the unknown fields (a `"data": null` relationship aside, which they drop).
    let raw: variants::visitor_raw::CasesResponse = serde_json::from_slice(cases).unwrap();
    let raw = serde_json::to_vec(&raw).unwrap();
    let value: variants::visitor_value::CasesResponse = serde_json::from_slice(cases).unwrap();
    let flat: variants::flatten::CasesResponse = serde_json::from_slice(cases).unwrap();
    let raw_vec: variants::visitor_raw_vec::CasesResponse = serde_json::from_slice(cases).unwrap();
    assert_eq!(serde_json::to_value(&raw_vec).unwrap(), serde_json::to_value(&value).unwrap());
    assert_eq!(serde_json::from_slice::<Value>(&raw).unwrap(), serde_json::to_value(&value).unwrap());
    assert_eq!(serde_json::to_value(&flat).unwrap(), serde_json::to_value(&value).unwrap());
    let policy: baseline::EscalationPolicy = serde_json::from_slice(policy).unwrap();
    let included = policy.included.unwrap();
    assert_eq!(included.len(), 8_000);
    assert!(!included.iter().any(|i| matches!(i, baseline::EscalationPolicyIncluded::Unknown)));
}

// ---- payloads ----------------------------------------------------------------------------

/// A small deterministic generator, so that every run decodes the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn uuid(&mut self) -> String {
        let (a, b, c) = (self.next(), self.next(), self.next());
        format!("{:08x}-{:04x}-11ec-{:04x}-{:012x}", a & 0xffff_ffff, b & 0xffff, c & 0xffff, (a ^ (b << 16) ^ c))
    }
    fn timestamp(&mut self) -> String {
        format!(
            "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            1 + self.below(12),
            1 + self.below(28),
            self.below(24),
            self.below(60),
            self.below(60),
            1 + self.below(999)
        )
    }
    fn words(&mut self, n: usize) -> String {
        const WORDS: &[&str] = &[
            "api",
            "latency",
            "checkout",
            "service",
            "memory",
            "leak",
            "database",
            "timeout",
            "on-call",
            "payments",
            "frontend",
            "deploy",
            "error",
            "rate",
            "investigation",
            "customer",
            "region",
            "incident",
            "queue",
            "cache",
        ];
        (0..n).map(|_| WORDS[self.below(WORDS.len() as u64) as usize]).collect::<Vec<_>>().join(" ")
    }
}

fn to_bytes(value: Value) -> Vec<u8> {
    serde_json::to_vec(&value).expect("JSON values encode")
}

fn teams_response(count: usize) -> Vec<u8> {
    let mut rng = Rng(1);
    let teams: Vec<Value> = (0..count)
        .map(|i| {
            let id = rng.uuid();
            let links: Vec<Value> =
                (0..1 + rng.below(3)).map(|_| json!({ "id": rng.uuid(), "type": "team_links" })).collect();
            json!({
                "attributes": {
                    "avatar": if i % 3 == 0 { Value::Null } else { json!("🥑") },
                    "banner": if i % 4 == 0 { Value::Null } else { json!(rng.below(12)) },
                    "created_at": rng.timestamp(),
                    "description": rng.words(12),
                    "handle": format!("team-{i}"),
                    "hidden_modules": ["m_incidents"],
                    "link_count": links.len(),
                    "modified_at": rng.timestamp(),
                    "name": format!("Team {i} {}", rng.words(2)),
                    "summary": rng.words(6),
                    "user_count": rng.below(80),
                    "visible_modules": ["m_on_call", "m_cases", "m_monitors"],
                },
                "id": id,
                "relationships": {
                    "team_links": {
                        "data": links,
                        "links": { "related": format!("/api/v2/team/{id}/links") },
                    },
                    "user_team_permissions": {
                        "data": { "id": format!("UserTeamPermissions-{id}-416595"), "type": "user_team_permissions" },
                        "links": { "related": format!("/api/v2/team/{id}/permission-settings") },
                    },
                },
                "type": "team",
            })
        })
        .collect();
    to_bytes(json!({
        "data": teams,
        "links": {
            "first": "/api/v2/team?page[number]=0&page[size]=10000",
            "last": "/api/v2/team?page[number]=3&page[size]=10000",
            "next": "/api/v2/team?page[number]=1&page[size]=10000",
            "self": "/api/v2/team?page[number]=0&page[size]=10000",
        },
        "meta": { "pagination": {
            "first_offset": 0, "last_offset": 30000, "limit": count, "next_offset": count,
            "offset": 0, "prev_offset": 0, "total": 4 * count, "type": "offset_limit",
        } },
    }))
}

fn cases_response(count: usize) -> Vec<u8> {
    let mut rng = Rng(2);
    const PRIORITIES: &[&str] = &["NOT_DEFINED", "P1", "P2", "P3", "P4", "P5"];
    const STATUSES: &[&str] = &["OPEN", "IN_PROGRESS", "CLOSED"];
    let user = |rng: &mut Rng| json!({ "data": { "id": rng.uuid(), "type": "user" } });
    let cases: Vec<Value> = (0..count)
        .map(|i| {
            let id = rng.uuid();
            json!({
                "attributes": {
                    "closed_at": rng.timestamp(),
                    "created_at": rng.timestamp(),
                    "description": rng.words(12),
                    "jira_issue": {
                        "result": {
                            "issue_id": format!("{}", 10000 + i),
                            "issue_key": format!("OPS-{i}"),
                            "issue_url": format!("https://example.atlassian.net/browse/OPS-{i}"),
                            "project_key": "OPS",
                        },
                        "status": "COMPLETED",
                    },
                    "key": format!("CASEM-{i}"),
                    "modified_at": rng.timestamp(),
                    "priority": PRIORITIES[rng.below(6) as usize],
                    "service_now_ticket": { "result": { "sys_target_link": "" }, "status": "NOT_STARTED" },
                    "status": STATUSES[rng.below(3) as usize],
                    "title": rng.words(5),
                    "type": "STANDARD",
                    // Fields this spec does not know:
                    "attributes": { "env": ["prod"], "service": [rng.words(1)], "team": ["sre"] },
                    "creation_source": "MANUAL",
                    "status_group": "SG_OPEN",
                    "status_name": "Open",
                    "comment_count": rng.below(20),
                    "insights": [
                        { "ref": format!("/monitors/{}", rng.below(1_000_000)), "resource_id": rng.uuid(), "type": "MONITOR" },
                    ],
                    "project_id": rng.uuid(),
                    "severity": "SEV_3",
                    "status_updated_at": rng.timestamp(),
                    "resolved_reason": if i % 3 == 0 { Value::Null } else { json!("FIXED") },
                    "assignee_team_id": rng.uuid(),
                    "custom_fields": { "customer_tier": "gold", "impact": rng.below(5) },
                },
                "id": id,
                "relationships": {
                    "assignee": if i % 2 == 0 { user(&mut rng) } else { json!({ "data": null }) },
                    "created_by": user(&mut rng),
                    "modified_by": user(&mut rng),
                    "project": { "data": { "id": rng.uuid(), "type": "project" } },
                    // Not in this spec:
                    "team_owners": { "data": [{ "id": rng.uuid(), "type": "team" }] },
                },
                "links": { "self": format!("/api/v2/cases/{id}") },
                "type": "case",
            })
        })
        .collect();
    to_bytes(json!({
        "data": cases,
        "meta": { "page": { "current": 1, "size": count, "total": 3 * count } },
    }))
}

fn escalation_policy(each: usize) -> Vec<u8> {
    let mut rng = Rng(3);
    let step_ids: Vec<String> = (0..each).map(|_| rng.uuid()).collect();
    let team_ids: Vec<String> = (0..each).map(|_| rng.uuid()).collect();
    let user_ids: Vec<String> = (0..each).map(|_| rng.uuid()).collect();
    let schedule_ids: Vec<String> = (0..each).map(|_| rng.uuid()).collect();
    let mut included = Vec::with_capacity(4 * each);
    for (i, id) in team_ids.iter().enumerate() {
        let oncall: Vec<Value> = (0..1 + rng.below(3))
            .map(|_| json!({ "id": user_ids[rng.below(each as u64) as usize], "type": "users" }))
            .collect();
        included.push(json!({
            "attributes": {
                "avatar": "🚒",
                "description": rng.words(8),
                "handle": format!("team-{i}"),
                "name": format!("Team {i}"),
            },
            "id": id,
            "relationships": { "oncall_users": { "data": oncall } },
            "type": "teams",
        }));
    }
    for (i, id) in step_ids.iter().enumerate() {
        let target = match i % 3 {
            0 => json!({ "id": team_ids[i], "type": "teams" }),
            1 => json!({ "id": user_ids[i], "type": "users" }),
            _ => json!({ "id": schedule_ids[i], "type": "schedules" }),
        };
        included.push(json!({
            "attributes": {
                "assignment": if i % 2 == 0 { "default" } else { "round-robin" },
                "escalate_after_seconds": 300 + 60 * rng.below(10),
            },
            "id": id,
            "relationships": { "targets": { "data": [target] } },
            "type": "steps",
        }));
    }
    for id in &user_ids {
        included.push(json!({ "id": id, "type": "users" }));
    }
    for id in &schedule_ids {
        included.push(json!({ "id": id, "type": "schedules" }));
    }
    to_bytes(json!({
        "data": {
            "attributes": {
                "description": "Escalation policy of the checkout service",
                "name": "Checkout on-call",
                "resolve_page_on_policy_end": true,
                "retries": 2,
            },
            "id": rng.uuid(),
            "relationships": {
                "steps": { "data": step_ids.iter().map(|id| json!({ "id": id, "type": "steps" })).collect::<Vec<_>>() },
                "teams": { "data": team_ids.iter().take(10).map(|id| json!({ "id": id, "type": "teams" })).collect::<Vec<_>>() },
            },
            "type": "policies",
        },
        "included": included,
    }))
}
