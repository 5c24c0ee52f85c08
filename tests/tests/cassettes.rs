//! Cassettes (`testing::Cassette`): record through the local proxy against a local mock server
//! standing in for the API, then replay offline; scrubbing (checked on the raw bytes of the
//! file), matching, mismatch and unused-interaction errors, the format version, atomic writes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::models::{
    Team, TeamAttributes, TeamCreate, TeamCreateAttributes, TeamCreateRequest, TeamResponse, TeamType, TeamsResponse,
};
use datadog_v2_client::testing::{
    Cassette, CassetteError, CassetteFile, FORMAT_VERSION, MISMATCH_STATUS, MockServer, Mode, NoWait, REDACTED,
};
use datadog_v2_client::{Client, Error, RetryPolicy};
use futures_util::TryStreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const API_KEY: &str = "0123456789abcdef0123456789abcdef";
const APP_KEY: &str = "fedcba9876543210fedcba9876543210fedcba98";

/// A cassette path in a fresh directory of its own, removed when the test passes.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
        }
    }
}

fn cassette_path(test: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("dd-cassettes-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir.join(format!("{test}.json")))
}

/// A cassette recording into `file` through the local proxy to `upstream`, with the test keys.
async fn record(file: &Path, upstream: &str) -> Cassette {
    Cassette::builder(file).mode(Mode::Record).upstream(upstream).keys(API_KEY, APP_KEY).start().await.unwrap()
}

fn team(handle: &str, name: &str) -> Team {
    Team::new(TeamAttributes::new(handle, name), handle, TeamType::Team)
}

fn create_request(name: &str) -> TeamCreateRequest {
    TeamCreateRequest::new(TeamCreate::new(TeamCreateAttributes::new("h", name), TeamType::Team))
}

/// The code under test: a read, a paginated read, a write and a `_with_http_info`.
async fn exercise(client: &Client) -> Result<(String, Vec<String>, String, u16, Option<String>), Error> {
    let teams = TeamsApi::new(client.clone());
    let name = teams.get_team("abc", Default::default()).await?.data.unwrap().attributes.name;
    let handles: Vec<String> =
        teams.list_teams_with_pagination(Default::default()).map_ok(|t| t.attributes.handle).try_collect().await?;
    let created = teams.create_team(create_request("new"), Default::default()).await?.data.unwrap().id;
    let info = teams.get_team_with_http_info("abc", Default::default()).await?;
    let remaining = info.headers.get("x-ratelimit-remaining").map(|v| v.to_str().unwrap().to_owned());
    Ok((name, handles, created, info.status, remaining))
}

async fn upstream_for_exercise() -> MockServer {
    let mock = MockServer::start().await;
    let template = ResponseTemplate::new(200)
        .set_body_json(TeamResponse::new().data(team("abc", "Infrastructure")))
        .insert_header("x-ratelimit-remaining", "99")
        .insert_header("date", "Fri, 04 Dec 2026 19:00:00 GMT");
    mock.get_team("abc").respond_with(template).await;
    let full: Vec<Team> = (0..100).map(|i| team(&format!("t{i}"), "n")).collect();
    mock.list_teams()
        .respond_pages(vec![TeamsResponse::new().data(full), TeamsResponse::new().data([team("last", "n")])])
        .await;
    mock.create_team()
        .with_body(create_request("new"))
        .respond(201, TeamResponse::new().data(team("new", "new")))
        .await;
    mock
}

#[tokio::test]
async fn record_then_replay_round_trips_offline() {
    let file = cassette_path("round_trip");
    let upstream = upstream_for_exercise().await;
    let cassette = record(&file, &upstream.uri()).await;
    let recorded = exercise(&cassette.client()).await.unwrap();
    cassette.finish().await.unwrap();
    assert_eq!(recorded.0, "Infrastructure");
    assert_eq!(recorded.1.len(), 101);
    assert_eq!((recorded.2.as_str(), recorded.3, recorded.4.as_deref()), ("new", 200, Some("99")));
    // The proxy forwarded the real keys.
    let received = upstream.wiremock().received_requests().await.unwrap();
    assert!(received.iter().all(|r| r.headers.get("dd-api-key").unwrap() == API_KEY));
    let sent = received.len();
    drop(upstream);

    let text = std::fs::read_to_string(&file).unwrap();
    let written: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(written["version"], FORMAT_VERSION);
    let interactions = written["interactions"].as_array().unwrap();
    assert_eq!(interactions.len(), sent, "one interaction per request, in order");
    let get = &interactions[0];
    assert_eq!(get["request"], json!({ "method": "GET", "path": "/api/v2/team/abc" }));
    assert_eq!(get["response"]["status"], 200);
    assert_eq!(get["response"]["json"]["data"]["attributes"]["name"], "Infrastructure");
    // The headers that matter, not the ones that change on every call.
    assert_eq!(
        get["response"]["headers"],
        json!({ "content-type": "application/json", "x-ratelimit-remaining": "99" })
    );
    assert_eq!(interactions[1]["request"]["query"], json!({ "page[number]": "0", "page[size]": "100" }));
    let post = &interactions[3]["request"];
    assert_eq!((post["method"].as_str(), post["content_type"].as_str()), (Some("POST"), Some("application/json")));
    assert_eq!(post["json"], serde_json::to_value(create_request("new")).unwrap());
    // Pretty, in a fixed order: the format's members as declared, the bodies' by name.
    assert!(
        text.starts_with(
            "{\n  \"version\": 1,\n  \"interactions\": [\n    {\n      \"request\": {\n        \"method\": \"GET\",\n"
        ),
        "{text}"
    );
    assert!(text.contains("\"attributes\": {\n              \"handle\": \"abc\",\n              \"name\": \"Infrastructure\"\n            },\n            \"id\": \"abc\",\n            \"type\": \"team\""), "{text}");
    assert_eq!(text, CassetteFile::read(&file).unwrap().to_json(), "written in the canonical form");

    // Replay: the upstream is gone, the same code gets the same results.
    let cassette = Cassette::builder(&*file).mode(Mode::Replay).start().await.unwrap();
    let replayed = exercise(&cassette.client()).await.unwrap();
    cassette.finish().await.unwrap();
    assert_eq!(replayed, recorded);
}

#[tokio::test]
async fn keys_and_secrets_never_reach_the_file() {
    let file = cassette_path("scrubbing");
    let server = wiremock::MockServer::start().await;
    // An API that echoes every secret back, in the body, the headers and a binary body.
    let echo = format!(
        "{{\"key\": \"{API_KEY}\", \"{APP_KEY}\": 1, \"token\": \"tok-secret-42\", \"email\": \"alice@example.com\", \
         \"link\": \"https://bob:hunter2@example.com/x\"}}"
    );
    Mock::given(method("POST"))
        .and(path("/echo"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(echo.clone(), "application/json")
                .insert_header("location", "https://carol:pa55@example.com/next")
                .insert_header("x-token-echo", "tok-secret-42"),
        )
        .mount(&server)
        .await;
    let mut binary = vec![0xff, 0xfe, 0x00];
    binary.extend_from_slice(API_KEY.as_bytes());
    Mock::given(path("/binary"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(binary, "application/octet-stream"))
        .mount(&server)
        .await;
    let upstream = server.uri().replace("http://", "http://dave:s3cr3tpw@");

    // The same set-up records and replays, as in a user's test (where the mode comes from the
    // environment); the upstream and keys serve only to record.
    let builder = |mode| {
        Cassette::builder(&*file)
            .mode(mode)
            .upstream(&upstream)
            .keys(API_KEY, APP_KEY)
            .secret_header("X-Custom-Token")
            .record_header("x-token-echo")
            .scrub(|s| s.replace("alice@example.com", "user@example.com"))
    };
    let cassette = builder(Mode::Record).start().await.unwrap();
    let http = reqwest::Client::new();
    let body = format!("{{\"owner\": \"alice@example.com\", \"api\": \"{API_KEY}\", \"t\": \"tok-secret-42\"}}");
    let answer = http
        .post(format!("{}/echo?key={API_KEY}&who=alice@example.com", cassette.uri()))
        .header("DD-API-KEY", API_KEY)
        .header("DD-APPLICATION-KEY", APP_KEY)
        .header("X-Custom-Token", "tok-secret-42")
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    // The test sees the answer as it will be replayed: scrubbed.
    assert_eq!(answer.status(), 200);
    let seen: Value = answer.json().await.unwrap();
    assert_eq!(seen["key"], REDACTED);
    assert_eq!(seen["email"], "user@example.com");
    let binary_answer = http.get(format!("{}/binary", cassette.uri())).header("DD-API-KEY", API_KEY).send().await;
    assert_eq!(binary_answer.unwrap().status(), 200);
    cassette.finish().await.unwrap();

    let raw = std::fs::read(&file).unwrap();
    let contains = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    for secret in [API_KEY, APP_KEY, "tok-secret-42", "s3cr3tpw", "dave", "hunter2", "bob:", "carol", "pa55"] {
        assert!(!contains(secret.as_bytes()), "`{secret}` is in the cassette:\n{}", String::from_utf8_lossy(&raw));
    }
    assert!(!contains(b"alice@example.com"), "the user's scrubber ran");
    assert!(contains(b"user@example.com"));
    let written: Value = serde_json::from_slice(&raw).unwrap();
    let echo = &written["interactions"][0];
    assert_eq!(echo["request"]["query"]["key"], REDACTED);
    assert_eq!(echo["response"]["headers"]["location"], "https://<redacted>@example.com/next");
    assert_eq!(echo["response"]["headers"]["x-token-echo"], REDACTED);
    // The binary body is base64, its key redacted before encoding.
    let encoded = written["interactions"][1]["response"]["base64"].as_str().unwrap();
    assert!(!encoded.is_empty());

    // Replay: the same request (real values in it) matches, the scrubbers running on it too.
    let cassette = builder(Mode::Replay).start().await.unwrap();
    let answer = http
        .post(format!("{}/echo?who=alice@example.com&key={API_KEY}", cassette.uri()))
        .header("DD-API-KEY", API_KEY)
        .header("X-Custom-Token", "tok-secret-42")
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
    let binary_answer = http.get(format!("{}/binary", cassette.uri())).header("DD-API-KEY", API_KEY).send().await;
    let bytes = binary_answer.unwrap().bytes().await.unwrap();
    assert_eq!(bytes[..], [&[0xff, 0xfe, 0x00], REDACTED.as_bytes()].concat(), "the key redacted before base64");
    cassette.finish().await.unwrap();
}

#[tokio::test]
async fn a_recorded_429_then_200_replays_as_such_without_waiting() {
    let file = cassette_path("retry");
    let upstream = MockServer::start().await;
    let limited = ResponseTemplate::new(429)
        .set_body_json(json!({ "errors": ["Too many requests"] }))
        .insert_header("x-ratelimit-reset", "30")
        .insert_header("x-ratelimit-remaining", "0");
    Mock::given(method("GET")).respond_with(limited).up_to_n_times(1).with_priority(1).mount(upstream.wiremock()).await;
    upstream.get_team("abc").respond(200, TeamResponse::new().data(team("abc", "Infrastructure"))).await;

    let cassette = record(&file, &upstream.uri()).await;
    // Recording waits for real unless told otherwise; this test does not.
    let client = Client::new(cassette.configuration().sleeper(Arc::new(NoWait))).unwrap();
    let recorded = TeamsApi::new(client).get_team("abc", Default::default()).await.unwrap();
    cassette.finish().await.unwrap();
    let written = CassetteFile::read(&file).unwrap();
    let statuses: Vec<u16> = written.interactions.iter().map(|i| i.response.status).collect();
    assert_eq!(statuses, [429, 200]);
    assert_eq!(written.interactions[0].response.headers["x-ratelimit-reset"], "30");

    let cassette = Cassette::builder(&*file).mode(Mode::Replay).start().await.unwrap();
    // The replay's clock does not wait (the 30 s the server asked for are skipped)...
    assert!(format!("{:?}", cassette.configuration()).contains("sleeper: NoWait"));
    let replayed = TeamsApi::new(cassette.client()).get_team("abc", Default::default()).await.unwrap();
    cassette.finish().await.unwrap();
    assert_eq!(replayed.data, recorded.data);

    // ...and a client without retries sees the recorded 429 itself.
    let cassette = Cassette::builder(&*file).mode(Mode::Replay).allow_unused().start().await.unwrap();
    let client = Client::new(cassette.configuration().retry(RetryPolicy::disabled())).unwrap();
    match TeamsApi::new(client).get_team("abc", Default::default()).await {
        Err(Error::Api(e)) => assert_eq!(e.status, 429),
        other => panic!("expected the recorded 429, got {other:?}"),
    }
    cassette.finish().await.unwrap();
}

/// Writes a cassette of `interactions` (as JSON) and returns its path.
fn write_cassette(test: &str, interactions: Value) -> Scratch {
    let file = cassette_path(test);
    let text = json!({ "version": FORMAT_VERSION, "interactions": interactions });
    std::fs::write(&file, serde_json::to_vec_pretty(&text).unwrap()).unwrap();
    file
}

fn team_json(name: &str) -> Value {
    json!({ "data": { "id": "abc", "type": "team", "attributes": { "handle": "abc", "name": name } } })
}

fn api_error_message(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(error @ Error::Api(_)) => {
            assert!(matches!(&error, Error::Api(e) if e.status == MISMATCH_STATUS), "{error:?}");
            error.to_string()
        }
        other => panic!("expected the cassette's mismatch answer, got {other:?}"),
    }
}

#[tokio::test]
async fn a_request_that_matches_nothing_names_the_closest_interaction_and_the_difference() {
    let file = write_cassette(
        "mismatch",
        json!([
            { "request": { "method": "DELETE", "path": "/api/v2/team/abd" }, "response": { "status": 204 } },
            { "request": { "method": "GET", "path": "/api/v2/team/abc" }, "response": { "status": 200, "json": team_json("x") } },
            { "request": { "method": "POST", "path": "/api/v2/team", "content_type": "application/json",
                           "json": serde_json::to_value(create_request("old")).unwrap() },
              "response": { "status": 201, "json": team_json("old") } },
        ]),
    );
    let cassette = Cassette::builder(&*file).mode(Mode::Replay).start().await.unwrap();
    let teams = TeamsApi::new(cassette.client());
    let message = api_error_message(teams.get_team("abd", Default::default()).await);
    assert!(
        message.contains("no recorded interaction matches GET /api/v2/team/abd; the closest is /interactions/1 (GET /api/v2/team/abc): path: recorded /api/v2/team/abc, sent /api/v2/team/abd"),
        "{message}"
    );
    let message = api_error_message(teams.create_team(create_request("new"), Default::default()).await);
    assert!(
        message.contains("the closest is /interactions/2 (POST /api/v2/team): body at \"/data/attributes/name\": recorded \"old\", sent \"new\""),
        "{message}"
    );
    let error = cassette.finish().await.unwrap_err();
    let problems = error.problems();
    assert_eq!(problems.len(), 5, "{error}");
    assert!(problems[0].contains("GET /api/v2/team/abd"), "{error}");
    assert!(problems[1].contains("POST /api/v2/team"), "{error}");
    // None of the three interactions was used.
    for (i, problem) in problems[2..].iter().enumerate() {
        assert!(problem.contains(&format!("/interactions/{i} (")) && problem.contains("never requested"), "{error}");
    }
    assert!(error.to_string().contains(&file.display().to_string()));
}

#[tokio::test]
async fn query_parameters_and_json_members_match_in_any_order() {
    let file = write_cassette(
        "order",
        json!([
            { "request": { "method": "POST", "path": "/x", "query": { "a": "1", "b": ["2", "3"] },
                           "content_type": "application/json", "json": { "x": 1, "y": [1, 2] } },
              "response": { "status": 200, "text": "ok" } },
        ]),
    );
    let cassette = Cassette::builder(&*file).mode(Mode::Replay).start().await.unwrap();
    let answer = reqwest::Client::new()
        .post(format!("{}/x?b=3&a=1&b=2", cassette.uri()))
        .header("content-type", "application/json")
        .body(r#"{ "y": [1, 2], "x": 1 }"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.text().await.unwrap(), "ok");
    cassette.finish().await.unwrap();
}

#[tokio::test]
async fn identical_requests_get_the_recorded_answers_in_order_and_one_more_is_an_error() {
    let file = write_cassette(
        "repeats",
        json!([
            { "request": { "method": "GET", "path": "/api/v2/team/abc" }, "response": { "status": 200, "json": team_json("first") } },
            { "request": { "method": "GET", "path": "/api/v2/team/abc" }, "response": { "status": 200, "json": team_json("second") } },
        ]),
    );
    let cassette = Cassette::builder(&*file).mode(Mode::Replay).start().await.unwrap();
    let teams = TeamsApi::new(cassette.client());
    for expected in ["first", "second"] {
        let found = teams.get_team("abc", Default::default()).await.unwrap();
        assert_eq!(found.data.unwrap().attributes.name, expected);
    }
    let message = api_error_message(teams.get_team("abc", Default::default()).await);
    assert!(
        message.contains("GET /api/v2/team/abc was recorded 2 time(s) (/interactions/0, /interactions/1)"),
        "{message}"
    );
    assert_eq!(cassette.finish().await.unwrap_err().problems().len(), 1);
}

#[tokio::test]
async fn unused_interactions_fail_the_test_unless_allowed() {
    let interactions = json!([
        { "request": { "method": "GET", "path": "/api/v2/team/abc" }, "response": { "status": 200, "json": team_json("x") } },
        { "request": { "method": "DELETE", "path": "/api/v2/team/abc" }, "response": { "status": 204 } },
    ]);
    let file = write_cassette("unused", interactions);
    for allow in [false, true] {
        let mut builder = Cassette::builder(&*file).mode(Mode::Replay);
        if allow {
            builder = builder.allow_unused();
        }
        let cassette = builder.start().await.unwrap();
        TeamsApi::new(cassette.client()).get_team("abc", Default::default()).await.unwrap();
        let outcome = cassette.finish().await;
        if allow {
            outcome.unwrap();
        } else {
            let error = outcome.unwrap_err();
            assert_eq!(error.problems().len(), 1, "{error}");
            assert!(
                error.problems()[0]
                    .contains("/interactions/1 (DELETE /api/v2/team/abc) was recorded but never requested"),
                "{error}"
            );
        }
    }
}

/// A cassette committed in an older but valid form (no optional members of the format; a body as
/// the API sent it then: members this client does not know, optional ones missing) replays.
#[tokio::test]
async fn a_committed_cassette_of_an_older_form_replays() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cassettes/older_form.json");
    let cassette = Cassette::builder(file).mode(Mode::Replay).start().await.unwrap();
    let found = TeamsApi::new(cassette.client()).get_team("abc", Default::default()).await.unwrap();
    cassette.finish().await.unwrap();
    let team = found.data.unwrap();
    assert_eq!(team.attributes.name, "Infrastructure");
    assert!(team.attributes.extra.additional_properties().get("retired_field").is_some());
}

async fn start_error(file: &Path) -> CassetteError {
    Cassette::builder(file).mode(Mode::Replay).start().await.unwrap_err()
}

#[tokio::test]
async fn a_bad_cassette_is_a_clear_error() {
    let file = cassette_path("future");
    std::fs::write(&file, r#"{ "version": 2, "interactions": [], "something_new": true }"#).unwrap();
    let error = start_error(&file).await.to_string();
    assert!(error.contains("/version: format version 2 is newer than this crate reads (up to 1)"), "{error}");
    assert!(error.contains(&file.display().to_string()), "{error}");

    let file = write_cassette(
        "typo",
        json!([{ "request": { "method": "GET", "path": "/", "jsno": {} }, "response": { "status": 200 } }]),
    );
    let error = start_error(&file).await.to_string();
    assert!(error.contains("/interactions/0/request: unknown field `jsno`"), "{error}");

    let file = write_cassette(
        "two_bodies",
        json!([{ "request": { "method": "GET", "path": "/" }, "response": { "status": 200, "text": "a", "base64": "YQ==" } }]),
    );
    let error = start_error(&file).await.to_string();
    assert!(error.contains("/interactions/0/response: a body is one of"), "{error}");

    let missing = cassette_path("missing");
    let error = start_error(&missing).await.to_string();
    assert!(error.contains("cannot read it") && error.contains("DD_CASSETTES=record"), "{error}");

    let error = Mode::from_value(Some("recrod")).unwrap_err().to_string();
    assert!(error.contains("DD_CASSETTES=\"recrod\""), "{error}");
    assert_eq!(Mode::from_value(None).unwrap(), Mode::Replay);
    assert_eq!(Mode::from_value(Some("record")).unwrap(), Mode::Record);
}

#[tokio::test]
async fn a_failed_recording_leaves_the_previous_cassette_whole() {
    let file = cassette_path("failed_recording");
    std::fs::write(&file, "previous content").unwrap();
    // Nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let cassette = record(&file, &upstream).await;
    let client = Client::new(cassette.configuration().retry(RetryPolicy::disabled())).unwrap();
    let result = TeamsApi::new(client).get_team("abc", Default::default()).await;
    assert!(matches!(&result, Err(Error::Api(e)) if e.status == 502), "{result:?}");
    let error = cassette.finish().await.unwrap_err().to_string();
    assert!(error.contains("GET /api/v2/team/abc could not be recorded"), "{error}");
    assert!(error.contains("not written"), "{error}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "previous content");
    let left: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left");
}

#[tokio::test]
#[should_panic(expected = "dropped without `finish().await`")]
async fn a_cassette_dropped_without_finish_fails_the_test() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cassettes/older_form.json");
    let _cassette = Cassette::builder(file).mode(Mode::Replay).start().await.unwrap();
}
