//! How requests are built beyond the per-operation tables: awkward path parameters, reserved
//! characters in query values, unreachable servers, and redirects.

mod common;

use std::time::Duration;

use common::{client, retrying_client};
use datadog_v2_client::apis::teams::ListTeamsOptionalParams;
use datadog_v2_client::apis::{ServiceAccountsApi, TeamsApi};
use datadog_v2_client::{Client, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answer(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any()).respond_with(template).mount(server).await;
}

/// Every byte a path parameter may hold reaches the server as one escaped segment.
#[tokio::test]
async fn path_parameters_are_escaped_as_one_segment() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(204)).await;
    let api = TeamsApi::new(client(&server));
    let cases = [
        ("a/b c", "a%2Fb%20c"),
        ("q?x=1&y#frag", "q%3Fx%3D1%26y%23frag"),
        ("100%", "100%25"),
        ("naïve-日本", "na%C3%AFve-%E6%97%A5%E6%9C%AC"),
        ("a+b;c,d:e@f", "a%2Bb%3Bc%2Cd%3Ae%40f"),
        ("unreserved-._~", "unreserved-._~"),
        ("back\\slash", "back%5Cslash"),
    ];
    for (id, raw) in cases {
        api.delete_team(id, Default::default()).await.unwrap_or_else(|e| panic!("{id:?}: {e}"));
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.last().unwrap().url.path(), format!("/api/v2/team/{raw}"), "{id:?}");
    }
}

/// Reserved characters in query values survive the trip.
#[tokio::test]
async fn query_values_with_reserved_characters_round_trip() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(200).set_body_json(json!({ "data": [] }))).await;
    let keyword = "a+b & c=d #e %f/g?h,i";
    let params = ListTeamsOptionalParams::default()
        .filter_keyword(keyword.to_owned())
        .fields_team(vec!["name".to_owned(), "a,b".to_owned()]);
    TeamsApi::new(client(&server)).list_teams(params).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    let pairs: Vec<(String, String)> = request.url.query_pairs().map(|(k, v)| (k.into(), v.into())).collect();
    assert_eq!(
        pairs,
        [("filter[keyword]".to_owned(), keyword.to_owned()), ("fields[team]".to_owned(), "name,a,b".to_owned())]
    );
}

/// A dot segment as a path parameter must not move the request to another endpoint:
/// `delete_service_account_application_key("..", "abc")` must not become
/// `DELETE /api/v2/application_keys/abc` (the organisation-wide key endpoint).
#[tokio::test]
async fn dot_segment_path_parameters_do_not_escape_their_resource() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(204)).await;
    let api = ServiceAccountsApi::new(client(&server));
    let refused = [
        api.delete_service_account_application_key("..", "abc", Default::default()).await,
        api.delete_service_account_application_key("sa-1", "..", Default::default()).await,
        TeamsApi::new(client(&server)).delete_team(".", Default::default()).await,
        TeamsApi::new(client(&server)).delete_team("", Default::default()).await,
    ];
    for result in refused {
        assert!(matches!(result, Err(Error::InvalidArgument(_))), "{result:?}");
    }
    for request in server.received_requests().await.unwrap() {
        let path = request.url.path().to_owned();
        assert!(
            path.starts_with("/api/v2/service_accounts/") && path.contains("/application_keys/")
                || path.starts_with("/api/v2/team/") && path.len() > "/api/v2/team/".len(),
            "a DELETE went to {path}"
        );
    }
}

/// A server that cannot be reached: a transport error, retried for GET.
#[tokio::test]
async fn a_connection_failure_is_a_retryable_transport_error() {
    // Bind then drop a listener: the port is (almost certainly) closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let sleeper = std::sync::Arc::new(common::RecordingSleeper::default());
    let config = datadog_v2_client::Configuration::new()
        .api_key("k")
        .app_key("a")
        .base_url(format!("http://127.0.0.1:{port}"))
        .connect_timeout(Duration::from_secs(2))
        .retry(RetryPolicy { max_attempts: 3, initial_backoff: Duration::from_millis(10), ..RetryPolicy::default() })
        .sleeper(sleeper.clone());
    let error = TeamsApi::new(Client::new(config).unwrap())
        .get_team("t", Default::default())
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.is_retryable());
    assert!(!error.is_timeout());
    assert_eq!(sleeper.waits().len(), 2, "retried up to max_attempts");
    assert!(error.to_string().starts_with("request failed"), "{error}");
}

/// The keys go only where the configuration points: a redirect to another origin must not
/// carry `DD-API-KEY` / `DD-APPLICATION-KEY` (reqwest strips only its own list of sensitive
/// headers, such as `Authorization`, on such redirects; it would equally follow a redirect to
/// plain http on a remote host, past the https-only rule of `Client::new`).
#[tokio::test]
async fn keys_are_not_sent_to_another_origin_on_redirect() {
    let origin = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    answer(&elsewhere, ResponseTemplate::new(204)).await;
    answer(&origin, ResponseTemplate::new(307).insert_header("Location", format!("{}/collect", elsewhere.uri()))).await;
    let (client, _) = retrying_client(&origin, RetryPolicy::disabled());
    let _ = TeamsApi::new(client).delete_team("t", Default::default()).await;
    for request in elsewhere.received_requests().await.unwrap() {
        assert!(request.headers.get("dd-api-key").is_none(), "DD-API-KEY sent to {}", request.url);
        assert!(request.headers.get("dd-application-key").is_none(), "DD-APPLICATION-KEY sent to {}", request.url);
    }
}
