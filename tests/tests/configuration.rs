//! Configuration: the environment variables, sites, the https-only rule for keys, the
//! User-Agent, and keys kept out of `Debug` output.

mod common;

use std::collections::HashMap;

use common::{ID, client, config};
use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::{Client, Configuration, DEFAULT_SITE, Error, SITES};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let vars: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    move |name| vars.get(name).cloned()
}

fn configuration_error<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::Configuration(message)) => message,
        other => panic!("Error::Configuration expected, got {other:?}"),
    }
}

#[test]
fn from_lookup_reads_keys_and_site() {
    let config = Configuration::from_lookup(lookup(&[
        ("DD_API_KEY", "api"),
        ("DD_APP_KEY", "app"),
        ("DD_SITE", "datadoghq.eu"),
    ]))
    .expect("valid");
    assert_eq!(config.get_base_url(), "https://api.datadoghq.eu");
    Client::new(config).expect("https with keys is fine");
}

#[test]
fn from_lookup_defaults_to_datadoghq_com() {
    let config = Configuration::from_lookup(lookup(&[("DD_API_KEY", "api"), ("DD_APP_KEY", "app")])).unwrap();
    assert_eq!(DEFAULT_SITE, "datadoghq.com");
    assert_eq!(config.get_base_url(), "https://api.datadoghq.com");
    // An empty DD_SITE is as good as none.
    let config =
        Configuration::from_lookup(lookup(&[("DD_API_KEY", "api"), ("DD_APP_KEY", "app"), ("DD_SITE", " ")])).unwrap();
    assert_eq!(config.get_base_url(), "https://api.datadoghq.com");
}

#[test]
fn every_documented_site_is_accepted() {
    assert_eq!(
        SITES,
        [
            "datadoghq.com",
            "us3.datadoghq.com",
            "us5.datadoghq.com",
            "datadoghq.eu",
            "ap1.datadoghq.com",
            "ddog-gov.com"
        ]
    );
    for site in SITES {
        let config =
            Configuration::from_lookup(lookup(&[("DD_API_KEY", "api"), ("DD_APP_KEY", "app"), ("DD_SITE", site)]))
                .unwrap_or_else(|e| panic!("{site}: {e}"));
        assert_eq!(config.get_base_url(), format!("https://api.{site}"));
        assert_eq!(Configuration::new().site(site).unwrap().get_base_url(), format!("https://api.{site}"));
    }
}

#[test]
fn an_unknown_site_is_an_error_naming_the_allowed_sites() {
    let message = configuration_error(Configuration::from_lookup(lookup(&[
        ("DD_API_KEY", "api"),
        ("DD_APP_KEY", "app"),
        ("DD_SITE", "datadoghq.net"),
    ])));
    assert!(message.contains("datadoghq.net"), "{message}");
    for site in SITES {
        assert!(message.contains(site), "{message} does not name {site}");
    }
    // A URL is not a site either.
    configuration_error(Configuration::new().site("https://api.datadoghq.com"));
}

#[test]
fn a_missing_key_is_an_error() {
    let message = configuration_error(Configuration::from_lookup(lookup(&[("DD_APP_KEY", "app")])));
    assert!(message.contains("DD_API_KEY"), "{message}");
    let message = configuration_error(Configuration::from_lookup(lookup(&[("DD_API_KEY", "api")])));
    assert!(message.contains("DD_APP_KEY"), "{message}");
    // Blank counts as missing.
    let message =
        configuration_error(Configuration::from_lookup(lookup(&[("DD_API_KEY", "  "), ("DD_APP_KEY", "app")])));
    assert!(message.contains("DD_API_KEY"), "{message}");
    let error = Configuration::from_lookup(lookup(&[])).unwrap_err();
    assert!(error.to_string().starts_with("invalid configuration"), "{error}");
}

#[test]
fn keys_are_refused_over_plain_http_to_a_non_loopback_host() {
    for url in ["http://api.datadoghq.com", "http://10.1.2.3:8080", "http://example.com/"] {
        let message = configuration_error(Client::new(
            Configuration::new().api_key("secret-api-key").app_key("secret-app-key").base_url(url),
        ));
        assert!(message.contains("https"), "{message}");
        assert!(!message.contains("secret-api-key") && !message.contains("secret-app-key"), "{message}");
    }
    // One key is enough to be refused.
    configuration_error(Client::new(Configuration::new().app_key("x").base_url("http://example.com")));
}

#[test]
fn plain_http_is_fine_to_loopback_or_without_keys() {
    for url in ["http://127.0.0.1:8126", "http://localhost:8080", "http://[::1]:9000", "https://proxy.example.com"] {
        Client::new(Configuration::new().api_key("k").app_key("a").base_url(url))
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }
    Client::new(Configuration::new().base_url("http://example.com")).expect("no keys, nothing to protect");
}

#[test]
fn a_base_url_that_is_not_a_url_is_an_error() {
    configuration_error(Client::new(Configuration::new().base_url("not a url")));
}

#[test]
fn a_key_with_characters_not_allowed_in_a_header_is_an_error() {
    let message = configuration_error(Client::new(Configuration::new().api_key("bad\nkey").base_url("https://x.test")));
    assert!(!message.contains("bad\nkey"), "{message}");
}

#[tokio::test]
async fn the_user_agent_names_the_crate_and_its_version() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    TeamsApi::new(client(&server)).delete_team(ID, Default::default()).await.unwrap();
    let manifest = include_str!("../../generated-client/Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("the client's manifest has a version");
    let requests = server.received_requests().await.unwrap();
    let agent = requests[0].headers.get("user-agent").unwrap().to_str().unwrap();
    assert!(agent.starts_with(&format!("datadog-v2-client/{version}")), "{agent}");
    assert_eq!(agent, format!("datadog-v2-client/{version} (rust)"));
}

#[tokio::test]
async fn the_user_agent_can_be_replaced() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new(config(&server).user_agent("my-tool/2.0")).unwrap();
    TeamsApi::new(client).delete_team(ID, Default::default()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers.get("user-agent").unwrap(), "my-tool/2.0");
}

/// A base URL with a path prefix (a proxy) and a trailing slash.
#[tokio::test]
async fn a_base_url_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let client = Client::new(config(&server).base_url(format!("{}/proxy/", server.uri()))).unwrap();
    TeamsApi::new(client).delete_team(ID, Default::default()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.path(), format!("/proxy/api/v2/team/{}", common::ID_RAW));
}

#[test]
fn keys_are_absent_from_debug_output() {
    let api_key = "dd-api-0123456789abcdef";
    let app_key = "dd-app-fedcba9876543210";
    let config = Configuration::new().api_key(api_key).app_key(app_key);
    let shown = format!("{config:?}");
    assert!(!shown.contains(api_key) && !shown.contains(app_key), "{shown}");
    assert!(shown.contains("redacted"), "{shown}");
    let pretty = format!("{config:#?}");
    assert!(!pretty.contains(api_key) && !pretty.contains(app_key), "{pretty}");

    let client = Client::new(config.clone()).unwrap();
    for shown in [format!("{client:?}"), format!("{client:#?}"), format!("{:?}", client.configuration())] {
        assert!(!shown.contains(api_key) && !shown.contains(app_key), "{shown}");
    }
    let api = TeamsApi::new(client);
    let shown = format!("{api:?}");
    assert!(!shown.contains(api_key) && !shown.contains(app_key), "{shown}");

    let from_env = Configuration::from_lookup(lookup(&[("DD_API_KEY", api_key), ("DD_APP_KEY", app_key)])).unwrap();
    let shown = format!("{from_env:?}");
    assert!(!shown.contains(api_key) && !shown.contains(app_key), "{shown}");
}

/// Errors do not carry the keys either: they are request headers, never echoed.
#[tokio::test]
async fn keys_are_absent_from_errors() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(403).set_body_json(common::error_body(403)))
        .mount(&server)
        .await;
    let client = Client::new(
        Configuration::new()
            .api_key("dd-api-0123456789abcdef")
            .app_key("dd-app-fedcba9876543210")
            .base_url(server.uri())
            .retry(datadog_v2_client::RetryPolicy::disabled()),
    )
    .unwrap();
    let error = TeamsApi::new(client).get_team(ID, Default::default()).await.unwrap_err();
    for shown in [format!("{error:?}"), error.to_string()] {
        assert!(!shown.contains("dd-api-0123456789abcdef") && !shown.contains("dd-app-fedcba9876543210"), "{shown}");
    }
}
