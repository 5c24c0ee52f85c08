//! How answers are read: empty 204s, malformed or mistyped 2xx bodies, error bodies of any
//! shape, forward compatibility (unknown fields and enum values), and pagination.

mod common;

use common::{ID, ID_RAW, api_error, client};
use datadog_v2_client::apis::case_management::SearchCasesOptionalParams;
use datadog_v2_client::apis::teams::ListTeamsOptionalParams;
use datadog_v2_client::apis::{CaseManagementApi, OnCallApi, TeamsApi};
use datadog_v2_client::models::*;
use datadog_v2_client::{Error, ErrorEntry, Nullable, RawJson};
use futures::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answer(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any()).respond_with(template).mount(server).await;
}

#[tokio::test]
async fn a_204_with_an_empty_body_is_success() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(204)).await;
    let api = TeamsApi::new(client(&server));
    api.delete_team(ID, Default::default()).await.expect("204 is success");
    let response = api.delete_team_with_http_info(ID, Default::default()).await.expect("204 is success");
    assert_eq!(response.status, 204);
    assert_eq!(response.data, ());
}

/// An operation without a response body ignores whatever a 2xx answer carries.
#[tokio::test]
async fn a_body_on_an_empty_operation_is_ignored() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(200).set_body_string("not json at all")).await;
    let api = OnCallApi::new(client(&server));
    let response = api.delete_on_call_schedule_with_http_info(ID, Default::default()).await.expect("a 2xx is success");
    assert_eq!(response.status, 200);
}

/// The answer's headers come back with `_with_http_info`.
#[tokio::test]
async fn with_http_info_returns_the_headers() {
    let server = MockServer::start().await;
    answer(
        &server,
        ResponseTemplate::new(200).insert_header("x-ratelimit-remaining", "99").set_body_json(
            json!({ "data": { "attributes": { "handle": "h", "name": "n" }, "id": "1", "type": "team" } }),
        ),
    )
    .await;
    let response = TeamsApi::new(client(&server)).get_team_with_http_info(ID, Default::default()).await.unwrap();
    assert_eq!(response.headers.get("x-ratelimit-remaining").unwrap(), "99");
    assert_eq!(response.into_data().data.unwrap().attributes.handle, "h");
}

fn decode_error<T: std::fmt::Debug>(result: Result<T, Error>) -> Box<datadog_v2_client::DecodeError> {
    match result {
        Err(Error::Decode(e)) => e,
        other => panic!("Error::Decode expected, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_in_a_2xx_is_a_decode_error_with_the_raw_body() {
    let server = MockServer::start().await;
    let body = r#"{"data": {"attributes": {"handle": "x", "name": "y"}, "id": "1", "type": "team""#;
    answer(&server, ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let e = decode_error(TeamsApi::new(client(&server)).get_team(ID, Default::default()).await);
    assert_eq!(e.operation, "get_team");
    assert_eq!(e.status, 200);
    assert_eq!(e.body, body);
    assert!(e.source.is_eof(), "{:?}", e.source);
    assert!(!e.path.is_empty());
    let message = Error::Decode(e).to_string();
    assert!(message.contains("get_team") && message.contains("200") && message.contains(body), "{message}");
}

#[tokio::test]
async fn trailing_garbage_after_the_json_is_a_decode_error() {
    let server = MockServer::start().await;
    let body = r#"{"data": []} trailing"#;
    answer(&server, ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let e = decode_error(CaseManagementApi::new(client(&server)).get_projects(Default::default()).await);
    assert_eq!(e.body, body);
    assert_eq!(e.path, ".");
}

#[tokio::test]
async fn an_empty_2xx_body_where_json_is_expected_is_a_decode_error() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(200)).await;
    let e = decode_error(TeamsApi::new(client(&server)).get_team(ID, Default::default()).await);
    assert_eq!(e.body, "");
    assert!(e.source.is_eof());
}

/// A well-formed body of the wrong type: the error names the failing field's JSON path.
#[tokio::test]
async fn a_mistyped_field_is_a_decode_error_naming_its_path() {
    let server = MockServer::start().await;
    let body = json!({
        "data": [{ "attributes": { "handle": "h", "name": "n", "user_count": "twelve" }, "id": "1", "type": "team" }]
    });
    answer(&server, ResponseTemplate::new(200).set_body_json(&body)).await;
    let e = decode_error(TeamsApi::new(client(&server)).list_teams(Default::default()).await);
    assert_eq!(serde_json::from_str::<Value>(&e.body).unwrap(), body);
    assert!(e.source.is_data(), "{:?}", e.source);
    assert!(e.source.to_string().contains("twelve"), "{}", e.source);
    assert_eq!(e.path, "data[0].attributes.user_count");
}

/// A required field missing from a 2xx answer is a decode error too.
#[tokio::test]
async fn a_missing_required_field_is_a_decode_error() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(200).set_body_json(json!({ "data": { "id": "1", "type": "team" } }))).await;
    let e = decode_error(TeamsApi::new(client(&server)).get_team(ID, Default::default()).await);
    assert!(e.source.to_string().contains("attributes"), "{}", e.source);
}

#[tokio::test]
async fn an_html_error_body_is_kept_raw() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    answer(&server, ResponseTemplate::new(502).set_body_raw(html, "text/html")).await;
    let e = api_error(TeamsApi::new(client(&server)).get_team(ID, Default::default()).await);
    assert_eq!(e.status, 502);
    assert_eq!(e.body, html);
    assert!(e.errors.is_empty());
    assert!(!e.documented, "get_team does not document 502");
    assert_eq!(e.operation, "get_team");
    let error = Error::Api(e);
    assert_eq!(error.status(), Some(502));
    assert!(error.is_retryable());
    assert!(error.to_string().contains(html), "{error}");
}

/// A documented status whose body is not the documented shape: still `documented`, raw body kept.
#[tokio::test]
async fn a_documented_status_with_an_undocumented_body() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(403).set_body_raw("Forbidden", "text/plain")).await;
    let e = api_error(TeamsApi::new(client(&server)).get_team(ID, Default::default()).await);
    assert_eq!((e.status, e.documented, e.body.as_str()), (403, true, "Forbidden"));
    assert!(e.errors.is_empty());

    // JSON, but not `{"errors": [...]}`.
    server.reset().await;
    answer(&server, ResponseTemplate::new(404).set_body_json(json!({ "message": "no such team" }))).await;
    let e = api_error(TeamsApi::new(client(&server)).get_team(ID, Default::default()).await);
    assert_eq!((e.status, e.documented), (404, true));
    assert!(e.errors.is_empty());
    assert_eq!(e.body, r#"{"message":"no such team"}"#);
}

/// The three error-body shapes the API sends besides the documented strings, typed: JSON:API
/// error objects with status/title/detail, code/title, title/detail, and a source.
#[tokio::test]
async fn error_entries_that_are_objects_are_typed() {
    let server = MockServer::start().await;
    let body = json!({ "errors": [
        "plain",
        { "status": "404", "title": "Not Found", "detail": "team t-1 does not exist" },
        { "code": "resource_not_found", "title": "case not found" },
        { "title": "Generic Error", "detail": "something broke", "source": { "pointer": "/data/attributes/title" },
          "meta": { "trace": 7 }, "x-extra": true },
        42
    ] });
    answer(&server, ResponseTemplate::new(404).set_body_json(&body)).await;
    let e = api_error(CaseManagementApi::new(client(&server)).get_case(ID, Default::default()).await);
    assert_eq!(e.status, 404);
    assert_eq!(serde_json::from_str::<Value>(&e.body).unwrap(), body, "raw body kept");
    assert_eq!(e.errors.len(), 5);
    assert_eq!(e.errors[0], "plain");
    assert_eq!(e.errors[0].title(), Some("plain"));
    let not_found = e.errors[1].as_object().expect("an error object");
    assert_eq!(not_found.status.as_deref(), Some("404"));
    assert_eq!(e.errors[1].title(), Some("Not Found"));
    assert_eq!(e.errors[1].detail(), Some("team t-1 does not exist"));
    assert_eq!(e.errors[2].code(), Some("resource_not_found"));
    assert_eq!(e.errors[2].title(), Some("case not found"));
    assert_eq!(e.errors[2].detail(), None);
    let generic = e.errors[3].as_object().unwrap();
    assert_eq!(generic.source.as_ref().unwrap().pointer.as_deref(), Some("/data/attributes/title"));
    assert_eq!(generic.meta, Some(json!({ "trace": 7 })));
    assert_eq!(generic.additional_properties["x-extra"], json!(true), "unknown members kept");
    assert_eq!(e.errors[4], ErrorEntry::Other(json!(42)));
    assert_eq!(e.titles().collect::<Vec<_>>(), ["plain", "Not Found", "case not found", "Generic Error"]);
    // Each entry re-encodes as it came.
    assert_eq!(serde_json::to_value(&e.errors).unwrap(), body["errors"]);
    let message = Error::Api(e).to_string();
    assert_eq!(
        message,
        "get_case: API error 404: plain; 404 Not Found: team t-1 does not exist; \
         case not found (code resource_not_found); Generic Error: something broke (at /data/attributes/title); 42"
    );
}

/// A body of 10,000 errors, with control characters, gives a short message with them escaped.
#[tokio::test]
async fn the_error_message_is_bounded_and_escaped() {
    let server = MockServer::start().await;
    let errors: Vec<Value> = (0..10_000).map(|n| json!(format!("bad\u{1b}[31m {n}\nline"))).collect();
    answer(&server, ResponseTemplate::new(400).set_body_json(json!({ "errors": errors }))).await;
    let e = api_error(CaseManagementApi::new(client(&server)).get_case(ID, Default::default()).await);
    assert_eq!(e.errors.len(), 10_000, "every entry is kept in the error itself");
    let message = Error::Api(e).to_string();
    assert!(message.len() < 1_000, "{} bytes", message.len());
    assert!(message.starts_with("get_case: API error 400: bad\\u{1b}[31m 0\\nline; bad"), "{message}");
    assert!(message.ends_with("more errors)"), "{message}");
    assert!(!message.chars().any(char::is_control), "{message:?}");

    // Without an `errors` list, the raw body is cut and escaped the same way.
    server.reset().await;
    answer(&server, ResponseTemplate::new(502).set_body_string(format!("\u{7}{}", "x".repeat(1_000_000)))).await;
    let message =
        Error::Api(api_error(TeamsApi::new(client(&server)).get_team(ID, Default::default()).await)).to_string();
    assert!(message.len() < 1_000, "{} bytes", message.len());
    assert!(message.starts_with("get_team: API error 502: \\u{7}xxx"), "{message}");
    assert!(message.ends_with("(999501 more bytes)"), "{message}");
}

#[tokio::test]
async fn an_undocumented_status_is_flagged() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(418).set_body_json(common::error_body(418))).await;
    let e = api_error(TeamsApi::new(client(&server)).list_teams(Default::default()).await);
    assert_eq!(e.status, 418);
    assert!(!e.documented);
    assert_eq!(e.errors, common::error_messages(418));
    let error = Error::Api(e);
    assert!(!error.is_retryable());
    assert_eq!(error.rate_limit(), None);
}

/// Unknown fields at every level, unknown enum values, unknown `included` types and explicit
/// nulls all survive decoding and re-encoding.
#[tokio::test]
async fn unknown_fields_and_enum_values_round_trip() {
    let server = MockServer::start().await;
    let body = json!({
        "data": [{
            "attributes": {
                "avatar": null,
                "banner": 3,
                "created_at": "2023-05-01T10:00:00Z",
                "handle": "future-team",
                "name": "Future Team",
                "user_count": 4,
                "brand_new_field": { "nested": [1, 2, { "deep": true }] },
                "color": "teal"
            },
            "id": "t-1",
            "relationships": {
                "team_links": { "data": [{ "id": "l-1", "type": "team_links_v2" }], "extra": 1 },
                "owners": { "data": [{ "id": "u-1", "type": "users" }] }
            },
            "type": "team_v2",
            "flags": ["beta"]
        }],
        "included": [
            { "id": "x-1", "type": "hologram", "attributes": { "anything": "goes" } },
            { "id": "l-1", "type": "team_links", "attributes": { "label": "Docs", "url": "https://x", "icon": "book" } }
        ],
        "links": { "self": "/api/v2/team", "canonical": "/api/v2/team?v=2" },
        "meta": { "pagination": { "total": 1, "cursor": "abc" }, "request_id": "r-1" },
        "top_level_extra": 42.5
    });
    answer(&server, ResponseTemplate::new(200).set_body_json(&body)).await;
    let teams = TeamsApi::new(client(&server)).list_teams(Default::default()).await.expect("decodes");

    let team = &teams.data.as_ref().unwrap()[0];
    assert_eq!(team.type_, TeamType::Unknown("team_v2".to_owned()));
    assert_eq!(team.attributes.avatar, Nullable::Null);
    assert_eq!(team.attributes.extra.additional_properties().get("color").unwrap(), json!("teal"));
    assert_eq!(team.extra.additional_properties().get("flags").unwrap(), json!(["beta"]));
    let link = &team.relationships.as_ref().unwrap().team_links.as_ref().unwrap().data.as_ref().unwrap()[0];
    assert_eq!(link.type_, TeamLinkType::Unknown("team_links_v2".to_owned()));
    let included = teams.included.as_ref().unwrap();
    assert!(matches!(&included[0], TeamIncluded::Unknown(raw) if *raw == body["included"][0]));
    assert!(
        matches!(&included[1], TeamIncluded::TeamLink(l) if l.attributes.extra.additional_properties().get("icon").unwrap() == json!("book"))
    );
    assert_eq!(teams.extra.additional_properties().get("top_level_extra").unwrap(), json!(42.5));

    let reencoded = serde_json::to_value(&teams).unwrap();
    assert_eq!(reencoded, body, "nothing lost");
}

/// The same for a case, whose enums (status, priority, ticket status) get new values.
#[tokio::test]
async fn unknown_case_enum_values_round_trip() {
    let server = MockServer::start().await;
    let body = json!({
        "data": {
            "attributes": {
                "priority": "P0",
                "status": "ESCALATED",
                "type": "SECURITY",
                "jira_issue": { "status": "QUEUED", "result": { "issue_key": "OPS-1", "sprint": 7 } },
                "title": "t"
            },
            "id": "c-1",
            "relationships": { "assignee": null, "watchers": { "data": [] } },
            "type": "case"
        }
    });
    answer(&server, ResponseTemplate::new(200).set_body_json(&body)).await;
    let case = CaseManagementApi::new(client(&server)).get_case(ID, Default::default()).await.expect("decodes");
    let attributes = &case.data.as_ref().unwrap().attributes;
    assert_eq!(attributes.priority, Some(CasePriority::Unknown("P0".to_owned())));
    assert_eq!(attributes.status, Some(CaseStatus::Unknown("ESCALATED".to_owned())));
    assert_eq!(attributes.type_, Some(CaseType::Unknown("SECURITY".to_owned())));
    assert_eq!(
        attributes.jira_issue.as_ref().unwrap().status,
        Some(Case3rdPartyTicketStatus::Unknown("QUEUED".to_owned()))
    );
    assert_eq!(case.data.as_ref().unwrap().relationships.as_ref().unwrap().assignee, Nullable::Null);
    assert_eq!(serde_json::to_value(&case).unwrap(), body);
}

/// Unknown values go back on the wire unchanged in requests too.
#[tokio::test]
async fn unknown_enum_values_and_extra_fields_are_sent_as_given() {
    let server = MockServer::start().await;
    answer(&server, ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let extra: std::collections::BTreeMap<String, RawJson> =
        [("client_tag".to_owned(), RawJson::from_serialize(&json!({ "a": 1 })).unwrap())].into_iter().collect();
    let body = CaseUpdatePriorityRequest::new(
        CaseUpdatePriority::new(CaseUpdatePriorityAttributes::new(CasePriority::from("P0")), CaseResourceType::Case)
            .additional_properties(extra),
    );
    let response = CaseManagementApi::new(client(&server)).update_priority(ID, body, Default::default()).await.unwrap();
    assert_eq!(response.data, None);
    let sent: Value = server.received_requests().await.unwrap()[0].body_json().unwrap();
    assert_eq!(
        sent,
        json!({ "data": { "attributes": { "priority": "P0" }, "type": "case", "client_tag": { "a": 1 } } })
    );
    assert_eq!(server.received_requests().await.unwrap()[0].url.path(), format!("/api/v2/cases/{ID_RAW}/priority"));
}

fn team(n: usize) -> Value {
    json!({ "attributes": { "handle": format!("team-{n}"), "name": format!("Team {n}") }, "id": format!("t-{n}"), "type": "team" })
}

fn page_of_teams(range: std::ops::Range<usize>) -> Value {
    json!({ "data": range.map(team).collect::<Vec<_>>() })
}

#[tokio::test]
async fn list_teams_with_pagination_walks_pages_from_zero() {
    let server = MockServer::start().await;
    for (number, range) in [("0", 0..2), ("1", 2..4), ("2", 4..5)] {
        Mock::given(method("GET"))
            .and(path("/api/v2/team"))
            .and(query_param("page[number]", number))
            .and(query_param("page[size]", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(page_of_teams(range)))
            .expect(1)
            .mount(&server)
            .await;
    }
    let api = TeamsApi::new(client(&server));
    let params = ListTeamsOptionalParams::default().page_size(2).filter_keyword("sre".to_owned());
    let teams: Vec<Team> = api.list_teams_with_pagination(params).map(|team| team.expect("a team")).collect().await;
    let ids: Vec<&str> = teams.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["t-0", "t-1", "t-2", "t-3", "t-4"]);

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3, "stops after the short page");
    for (request, number) in requests.iter().zip(["0", "1", "2"]) {
        let mut query: Vec<(String, String)> = request.url.query_pairs().map(|(k, v)| (k.into(), v.into())).collect();
        query.sort();
        let expected = [("filter[keyword]", "sre"), ("page[number]", number), ("page[size]", "2")];
        assert_eq!(query, expected.map(|(k, v)| (k.to_owned(), v.to_owned())), "the caller's parameters are kept");
    }
    server.verify().await;
}

/// An empty page ends the stream too, and the default page size is 100.
#[tokio::test]
async fn pagination_stops_on_an_empty_page_and_defaults_to_100() {
    let server = MockServer::start().await;
    Mock::given(query_param("page[number]", "0"))
        .and(query_param("page[size]", "100"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page_of_teams(0..100)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(query_param("page[number]", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "data": [] })))
        .expect(1)
        .mount(&server)
        .await;
    let api = TeamsApi::new(client(&server));
    let count =
        api.list_teams_with_pagination(Default::default()).filter(|t| futures::future::ready(t.is_ok())).count().await;
    assert_eq!(count, 100);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    server.verify().await;
}

/// An error ends the stream after being yielded once.
#[tokio::test]
async fn pagination_yields_an_error_once_and_stops() {
    let server = MockServer::start().await;
    Mock::given(query_param("page[number]", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page_of_teams(0..2)))
        .mount(&server)
        .await;
    Mock::given(query_param("page[number]", "1"))
        .respond_with(ResponseTemplate::new(403).set_body_json(common::error_body(403)))
        .mount(&server)
        .await;
    let api = TeamsApi::new(client(&server));
    let items: Vec<_> = api.list_teams_with_pagination(ListTeamsOptionalParams::default().page_size(2)).collect().await;
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    let e = api_error(items.into_iter().nth(2).unwrap());
    assert_eq!((e.status, e.documented), (403, true));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

fn case(n: usize) -> Value {
    json!({ "attributes": { "title": format!("Case {n}") }, "id": format!("c-{n}"), "type": "case" })
}

#[tokio::test]
async fn search_cases_with_pagination_walks_pages_from_one() {
    let server = MockServer::start().await;
    for (number, range) in [("1", 0..3), ("2", 3..6), ("3", 6..7)] {
        Mock::given(method("GET"))
            .and(path("/api/v2/cases"))
            .and(query_param("page[number]", number))
            .and(query_param("page[size]", "3"))
            .and(query_param("filter", "status:open"))
            .and(query_param("sort[field]", "created_at"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({ "data": range.map(case).collect::<Vec<_>>() })),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let api = CaseManagementApi::new(client(&server));
    let params = SearchCasesOptionalParams::default()
        .page_size(3)
        .filter("status:open".to_owned())
        .sort_field(CaseSortableField::CreatedAt);
    let cases: Vec<Case> = api.search_cases_with_pagination(params).map(|c| c.expect("a case")).collect().await;
    let ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c-0", "c-1", "c-2", "c-3", "c-4", "c-5", "c-6"]);
    let numbers: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query_pairs().find(|(k, _)| k == "page[number]").unwrap().1.into_owned())
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    server.verify().await;
}

/// A bad object inside a `oneOf` list (here a team link without its required `label`): the
/// path leads at least to the list entry.
#[tokio::test]
async fn a_bad_union_member_is_a_decode_error_naming_the_entry() {
    let server = MockServer::start().await;
    let body = json!({
        "data": [],
        "included": [included_user_stub(), { "attributes": { "url": "https://x" }, "id": "l-1", "type": "team_links" }]
    });
    answer(&server, ResponseTemplate::new(200).set_body_json(&body)).await;
    let e = decode_error(TeamsApi::new(client(&server)).list_teams(Default::default()).await);
    assert_eq!(e.path, "included[1].attributes", "{e:?}");
    assert!(e.source.to_string().contains("label"), "{}", e.source);
}

/// A bad field inside a `oneOf` member: the path goes down to the field, and the position counts
/// in the whole body (the same serde_json gives decoding the body with plain structs).
#[tokio::test]
async fn a_bad_field_in_a_union_member_is_reported_with_its_full_path_and_position() {
    #[derive(serde::Deserialize)]
    struct Plain {
        #[allow(dead_code)]
        included: (serde::de::IgnoredAny, PlainMember),
    }
    #[derive(serde::Deserialize)]
    struct PlainMember {
        #[allow(dead_code)]
        attributes: PlainAttributes,
    }
    #[derive(serde::Deserialize)]
    struct PlainAttributes {
        #[allow(dead_code)]
        created_at: chrono::DateTime<chrono::Utc>,
    }
    let server = MockServer::start().await;
    // Laid out on several lines, the bad member not on the first one.
    let body = "{\n  \"data\": [],\n  \"included\": [\n    {\"id\": \"u-0\", \"type\": \"users\"},\n    \
                {\"id\": \"u-1\", \"type\": \"users\",\n     \"attributes\": {\"name\": \"n\", \
                \"created_at\": \"yesterday\"}}\n  ]\n}";
    let expected = serde_json::from_str::<Plain>(body).err().expect("the plain structs fail too");
    answer(&server, ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let e = decode_error(TeamsApi::new(client(&server)).list_teams(Default::default()).await);
    assert_eq!(e.path, "included[1].attributes.created_at", "{e:?}");
    assert_eq!((e.line, e.column), (expected.line(), expected.column()), "{e:?}; plain: {expected}");
    assert_eq!((e.line, e.column), (6, 58), "{e:?}");
    let message = Error::Decode(e).to_string();
    assert!(
        message.starts_with(
            "list_teams: cannot decode the 200 response at `included[1].attributes.created_at` (line 6, column 58): "
        ),
        "{message}"
    );
}

fn included_user_stub() -> Value {
    json!({ "id": "u-1", "type": "users" })
}

#[allow(deprecated)]
#[tokio::test]
async fn list_incident_teams_with_pagination_walks_offsets() {
    use datadog_v2_client::apis::IncidentTeamsApi;
    use datadog_v2_client::apis::incident_teams::ListIncidentTeamsOptionalParams;
    let server = MockServer::start().await;
    let team =
        |n: usize| json!({ "id": format!("it-{n}"), "type": "teams", "attributes": { "name": format!("T{n}") } });
    for (offset, range) in [("0", 0..2), ("2", 2..4), ("4", 4..5)] {
        Mock::given(query_param("page[offset]", offset))
            .and(query_param("page[size]", "2"))
            .and(path("/api/v2/teams"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({ "data": range.map(team).collect::<Vec<_>>() })),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let api = IncidentTeamsApi::new(common::unstable_client(&server));
    let ids: Vec<String> = api
        .list_incident_teams_with_pagination(ListIncidentTeamsOptionalParams::default().page_size(2))
        .map(|t| t.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["it-0", "it-1", "it-2", "it-3", "it-4"]);
    server.verify().await;
}

#[tokio::test]
async fn get_team_memberships_with_pagination_walks_pages_from_zero() {
    use datadog_v2_client::apis::teams::GetTeamMembershipsOptionalParams;
    let server = MockServer::start().await;
    let membership = |n: usize| json!({ "id": format!("m-{n}"), "type": "team_memberships" });
    for (number, range) in [("0", 0..2), ("1", 2..3)] {
        Mock::given(path(format!("/api/v2/team/{ID_RAW}/memberships")))
            .and(query_param("page[number]", number))
            .and(query_param("page[size]", "2"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({ "data": range.map(membership).collect::<Vec<_>>() })),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let api = TeamsApi::new(client(&server));
    let ids: Vec<String> = api
        .get_team_memberships_with_pagination(ID, GetTeamMembershipsOptionalParams::default().page_size(2))
        .map(|m| m.unwrap().id)
        .collect()
        .await;
    assert_eq!(ids, ["m-0", "m-1", "m-2"]);
    server.verify().await;
}

#[tokio::test]
async fn list_service_account_application_keys_with_pagination_walks_pages_from_zero() {
    use datadog_v2_client::apis::ServiceAccountsApi;
    use datadog_v2_client::apis::service_accounts::ListServiceAccountApplicationKeysOptionalParams;
    let server = MockServer::start().await;
    let key = |n: usize| json!({ "id": format!("k-{n}"), "type": "application_keys" });
    for (number, range) in [("0", 0..1), ("1", 1..2), ("2", 2..2)] {
        Mock::given(path(format!("/api/v2/service_accounts/{ID_RAW}/application_keys")))
            .and(query_param("page[number]", number))
            .and(query_param("page[size]", "1"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({ "data": range.map(key).collect::<Vec<_>>() })),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let api = ServiceAccountsApi::new(client(&server));
    let params = ListServiceAccountApplicationKeysOptionalParams::default().page_size(1);
    let ids: Vec<String> = api
        .list_service_account_application_keys_with_pagination(ID, params)
        .map(|k| k.unwrap().id.unwrap())
        .collect()
        .await;
    assert_eq!(ids, ["k-0", "k-1"]);
    server.verify().await;
}
