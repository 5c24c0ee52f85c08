//! Retries, rate limits and timeouts. The waits go through a recording sleeper that returns at
//! once, so the tests check the waits the client asks for without spending them.

mod common;

use std::time::{Duration, Instant};

use common::{ID, api_error, retrying_client};
use datadog_v2_client::apis::{OnCallApi, TeamsApi};
use datadog_v2_client::models::*;
use datadog_v2_client::{Client, Error, RateLimit, RetryPolicy};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn policy(max_attempts: u32) -> RetryPolicy {
    RetryPolicy { max_attempts, initial_backoff: Duration::from_millis(100), ..RetryPolicy::default() }
}

fn team_body() -> serde_json::Value {
    json!({ "data": { "attributes": { "handle": "h", "name": "n" }, "id": "t-1", "type": "team" } })
}

/// Answers `template` to the next `times` requests (mounted before the fallback answers).
async fn answer_times(server: &MockServer, template: ResponseTemplate, times: u64) {
    Mock::given(any()).respond_with(template).up_to_n_times(times).mount(server).await;
}

async fn answer_always(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any()).respond_with(template).mount(server).await;
}

async fn request_count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn unavailable() -> ResponseTemplate {
    ResponseTemplate::new(503).set_body_json(json!({ "errors": ["Service Unavailable"] }))
}

fn create_team_body() -> TeamCreateRequest {
    TeamCreateRequest::new(TeamCreate::new(TeamCreateAttributes::new("h", "n"), TeamType::Team))
}

/// Checks that `wait` is the backoff of retry `n` (1-based): `initial * 2^(n-1)`, jittered
/// down to no less than half.
fn assert_backoff(wait: Duration, initial: Duration, n: u32) {
    let full = initial * 2u32.pow(n - 1);
    assert!(wait >= full / 2 && wait <= full, "retry {n}: {wait:?} is not within [{:?}, {full:?}]", full / 2);
}

#[tokio::test]
async fn a_429_waits_for_x_ratelimit_reset_then_succeeds() {
    let server = MockServer::start().await;
    answer_times(
        &server,
        ResponseTemplate::new(429)
            .insert_header("X-RateLimit-Limit", "100")
            .insert_header("X-RateLimit-Remaining", "0")
            .insert_header("X-RateLimit-Reset", "2")
            .insert_header("X-RateLimit-Period", "60")
            .set_body_json(json!({ "errors": ["Too many requests"] })),
        1,
    )
    .await;
    answer_always(&server, ResponseTemplate::new(200).set_body_json(team_body())).await;
    let (client, sleeper) = retrying_client(&server, policy(3));
    let started = Instant::now();
    let team = TeamsApi::new(client).get_team(ID, Default::default()).await.expect("success after the retry");
    assert_eq!(team.data.unwrap().id, "t-1");
    assert_eq!(request_count(&server).await, 2, "two attempts");
    assert_eq!(sleeper.waits(), [Duration::from_secs(2)]);
    assert!(started.elapsed() < Duration::from_secs(2), "the injected sleeper does not really wait");
}

/// Without `X-RateLimit-Reset`, a 429 waits for `Retry-After`.
#[tokio::test]
async fn a_429_falls_back_to_retry_after() {
    let server = MockServer::start().await;
    answer_times(&server, ResponseTemplate::new(429).insert_header("Retry-After", "5"), 1).await;
    answer_always(&server, ResponseTemplate::new(200).set_body_json(team_body())).await;
    let (client, sleeper) = retrying_client(&server, policy(3));
    TeamsApi::new(client).get_team(ID, Default::default()).await.expect("success after the retry");
    assert_eq!(sleeper.waits(), [Duration::from_secs(5)]);
}

/// A 429 is retried for any method, POST included.
#[tokio::test]
async fn a_429_is_retried_for_post() {
    let server = MockServer::start().await;
    answer_times(&server, ResponseTemplate::new(429).insert_header("X-RateLimit-Reset", "1"), 1).await;
    answer_always(&server, ResponseTemplate::new(201).set_body_json(team_body())).await;
    let (client, sleeper) = retrying_client(&server, policy(3));
    TeamsApi::new(client).create_team(create_team_body(), Default::default()).await.expect("success after the retry");
    assert_eq!(request_count(&server).await, 2);
    assert_eq!(sleeper.waits(), [Duration::from_secs(1)]);
}

/// A 429 without any wait header backs off like a 5xx.
#[tokio::test]
async fn a_429_without_headers_backs_off() {
    let server = MockServer::start().await;
    answer_times(&server, ResponseTemplate::new(429), 1).await;
    answer_always(&server, ResponseTemplate::new(200).set_body_json(team_body())).await;
    let (client, sleeper) = retrying_client(&server, policy(3));
    TeamsApi::new(client).get_team(ID, Default::default()).await.unwrap();
    let waits = sleeper.waits();
    assert_eq!(waits.len(), 1);
    assert_backoff(waits[0], Duration::from_millis(100), 1);
}

/// A wait that would go past `max_total` is not taken: the 429 is returned at once.
#[tokio::test]
async fn a_wait_beyond_max_total_is_not_taken() {
    let server = MockServer::start().await;
    answer_always(&server, ResponseTemplate::new(429).insert_header("X-RateLimit-Reset", "30")).await;
    let (client, sleeper) =
        retrying_client(&server, RetryPolicy { max_total: Duration::from_secs(10), ..RetryPolicy::default() });
    let e = api_error(TeamsApi::new(client).get_team(ID, Default::default()).await);
    assert_eq!(e.status, 429);
    assert_eq!(request_count(&server).await, 1);
    assert!(sleeper.waits().is_empty());
}

#[tokio::test]
async fn a_503_on_get_is_retried_with_backoff() {
    let server = MockServer::start().await;
    answer_times(&server, unavailable(), 2).await;
    answer_always(&server, ResponseTemplate::new(200).set_body_json(team_body())).await;
    let (client, sleeper) = retrying_client(&server, policy(3));
    TeamsApi::new(client).get_team(ID, Default::default()).await.expect("success on the third attempt");
    assert_eq!(request_count(&server).await, 3);
    let waits = sleeper.waits();
    assert_eq!(waits.len(), 2);
    assert_backoff(waits[0], Duration::from_millis(100), 1);
    assert_backoff(waits[1], Duration::from_millis(100), 2);
}

/// The backoff doubles up to `max_backoff`.
#[tokio::test]
async fn the_backoff_is_capped_by_max_backoff() {
    let server = MockServer::start().await;
    answer_always(&server, unavailable()).await;
    let (client, sleeper) = retrying_client(
        &server,
        RetryPolicy {
            max_attempts: 6,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(300),
            ..RetryPolicy::default()
        },
    );
    api_error(TeamsApi::new(client).get_team(ID, Default::default()).await);
    let waits = sleeper.waits();
    assert_eq!(waits.len(), 5);
    assert_backoff(waits[0], Duration::from_millis(100), 1);
    assert_backoff(waits[1], Duration::from_millis(100), 2);
    for wait in &waits[2..] {
        assert!(*wait >= Duration::from_millis(150) && *wait <= Duration::from_millis(300), "{wait:?}");
    }
}

#[tokio::test]
async fn a_503_on_post_is_not_retried_by_default() {
    let server = MockServer::start().await;
    answer_always(&server, unavailable()).await;
    let (client, sleeper) = retrying_client(&server, policy(3));
    let e = api_error(TeamsApi::new(client).create_team(create_team_body(), Default::default()).await);
    assert_eq!(e.status, 503);
    assert!(!e.documented);
    assert_eq!(e.errors, ["Service Unavailable"]);
    assert_eq!(request_count(&server).await, 1);
    assert!(sleeper.waits().is_empty());
}

/// PATCH is not idempotent either.
#[tokio::test]
async fn a_503_on_patch_is_not_retried_by_default() {
    let server = MockServer::start().await;
    answer_always(&server, unavailable()).await;
    let (client, _) = retrying_client(&server, policy(3));
    let body = TeamUpdateRequest::new(TeamUpdate::new(TeamUpdateAttributes::new("h", "n"), TeamType::Team));
    api_error(TeamsApi::new(client).update_team(ID, body, Default::default()).await);
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn a_503_on_post_is_retried_with_retry_non_idempotent() {
    let server = MockServer::start().await;
    answer_times(&server, unavailable(), 1).await;
    answer_always(&server, ResponseTemplate::new(201).set_body_json(team_body())).await;
    let (client, sleeper) = retrying_client(&server, RetryPolicy { retry_non_idempotent: true, ..policy(3) });
    let created = TeamsApi::new(client)
        .create_team(create_team_body(), Default::default())
        .await
        .expect("success after the retry");
    assert_eq!(created.data.unwrap().id, "t-1");
    assert_eq!(request_count(&server).await, 2);
    assert_eq!(sleeper.waits().len(), 1);
    // Both attempts carried the same body.
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].body, requests[1].body);
    assert!(!requests[0].body.is_empty());
}

/// PUT and DELETE are idempotent: retried on 5xx.
#[tokio::test]
async fn a_5xx_on_put_and_delete_is_retried() {
    let server = MockServer::start().await;
    answer_always(&server, ResponseTemplate::new(500)).await;
    let (client, sleeper) = retrying_client(&server, policy(2));
    let api = OnCallApi::new(client);
    api_error(api.delete_on_call_schedule(ID, Default::default()).await);
    assert_eq!(request_count(&server).await, 2);
    let body = EscalationPolicyUpdateRequest::new(EscalationPolicyUpdateRequestData::new(
        EscalationPolicyUpdateRequestDataAttributes::new("p", vec![]),
        "p-1",
        EscalationPolicyUpdateRequestDataType::Policies,
    ));
    api_error(api.update_on_call_escalation_policy(ID, body, Default::default()).await);
    assert_eq!(request_count(&server).await, 4);
    assert_eq!(sleeper.waits().len(), 2);
}

#[tokio::test]
async fn max_attempts_is_respected() {
    for attempts in [1, 2, 4] {
        let server = MockServer::start().await;
        answer_always(&server, unavailable()).await;
        let (client, sleeper) = retrying_client(&server, policy(attempts));
        let e = api_error(TeamsApi::new(client).get_team(ID, Default::default()).await);
        assert_eq!(e.status, 503);
        assert_eq!(request_count(&server).await, attempts as usize, "max_attempts {attempts}");
        assert_eq!(sleeper.waits().len(), attempts as usize - 1);
    }
}

/// 4xx answers other than 429 are final.
#[tokio::test]
async fn other_4xx_are_not_retried() {
    let server = MockServer::start().await;
    answer_always(&server, ResponseTemplate::new(404).set_body_json(common::error_body(404))).await;
    let (client, sleeper) = retrying_client(&server, policy(5));
    let e = api_error(TeamsApi::new(client).get_team(ID, Default::default()).await);
    assert_eq!(e.status, 404);
    assert_eq!(request_count(&server).await, 1);
    assert!(sleeper.waits().is_empty());
}

fn timeout_client(server: &MockServer, policy: RetryPolicy) -> (Client, std::sync::Arc<common::RecordingSleeper>) {
    let sleeper = std::sync::Arc::new(common::RecordingSleeper::default());
    let config = common::config(server).timeout(Duration::from_millis(200)).retry(policy).sleeper(sleeper.clone());
    (Client::new(config).unwrap(), sleeper)
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let server = MockServer::start().await;
    answer_always(&server, ResponseTemplate::new(200).set_body_json(team_body()).set_delay(Duration::from_secs(2)))
        .await;
    let (client, _) = timeout_client(&server, RetryPolicy::disabled());
    let started = Instant::now();
    let error = TeamsApi::new(client).get_team(ID, Default::default()).await.expect_err("a timeout");
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.is_retryable());
    assert!(matches!(error, Error::Transport(_)));
    assert_eq!(error.status(), None);
    assert!(started.elapsed() < Duration::from_millis(1500), "gave up after the timeout: {:?}", started.elapsed());
}

/// A timed-out GET is retried, then the timeout is returned.
#[tokio::test]
async fn a_timed_out_get_is_retried() {
    let server = MockServer::start().await;
    answer_always(&server, ResponseTemplate::new(200).set_body_json(team_body()).set_delay(Duration::from_secs(2)))
        .await;
    let (client, sleeper) = timeout_client(&server, policy(2));
    let error = TeamsApi::new(client).get_team(ID, Default::default()).await.expect_err("a timeout");
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(sleeper.waits().len(), 1);
}

/// A timed-out POST is not retried by default.
#[tokio::test]
async fn a_timed_out_post_is_not_retried() {
    let server = MockServer::start().await;
    answer_always(&server, ResponseTemplate::new(201).set_body_json(team_body()).set_delay(Duration::from_secs(2)))
        .await;
    let (client, sleeper) = timeout_client(&server, policy(3));
    let error = TeamsApi::new(client).create_team(create_team_body(), Default::default()).await.expect_err("a timeout");
    assert!(error.is_timeout(), "{error:?}");
    assert!(sleeper.waits().is_empty());
}

#[tokio::test]
async fn rate_limit_reads_the_x_ratelimit_headers() {
    let server = MockServer::start().await;
    answer_always(
        &server,
        ResponseTemplate::new(429)
            .insert_header("X-RateLimit-Limit", "1000")
            .insert_header("X-RateLimit-Remaining", "0")
            .insert_header("X-RateLimit-Reset", "7")
            .insert_header("X-RateLimit-Period", "60")
            .set_body_json(common::error_body(429)),
    )
    .await;
    let error = TeamsApi::new(common::client(&server)).list_teams(Default::default()).await.expect_err("429");
    assert_eq!(
        error.rate_limit(),
        Some(RateLimit { limit: Some(1000), remaining: Some(0), reset: Some(7), period: Some(60) })
    );
    assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
    assert!(error.is_retryable());
    let e = api_error(Err::<(), _>(error));
    assert!(e.documented, "list_teams documents 429");
    assert_eq!(request_count(&server).await, 1, "retries are disabled");
}

/// Only some of the headers: the others are `None`; none of them: no rate limit at all.
#[tokio::test]
async fn rate_limit_with_partial_or_no_headers() {
    let server = MockServer::start().await;
    answer_times(&server, ResponseTemplate::new(403).insert_header("X-RateLimit-Remaining", "5"), 1).await;
    answer_always(&server, ResponseTemplate::new(403)).await;
    let api = TeamsApi::new(common::client(&server));
    let error = api.get_team(ID, Default::default()).await.expect_err("403");
    assert_eq!(error.rate_limit(), Some(RateLimit { limit: None, remaining: Some(5), reset: None, period: None }));
    assert_eq!(error.retry_after(), None);
    let error = api.get_team(ID, Default::default()).await.expect_err("403");
    assert_eq!(error.rate_limit(), None);
}
