//! End to end, each of the 5 Incident Teams operations (deprecated and unstable: the client
//! switches each one on), plus their refusal when not switched on.

#![allow(deprecated)]

mod common;

use common::{ID, ID_RAW, Op, exercise, ts, unstable_client};
use datadog_v2_client::apis::IncidentTeamsApi;
use datadog_v2_client::apis::incident_teams::{GetIncidentTeamOptionalParams, ListIncidentTeamsOptionalParams};
use datadog_v2_client::models::*;
use datadog_v2_client::{Client, Error};
use serde_json::{Value, json};
use wiremock::MockServer;

const ERRORS: &[u16] = &[400, 401, 403, 404, 429];

fn team_json(id: &str, name: &str) -> Value {
    json!({
        "attributes": {
            "created": "2024-01-10T12:00:00.000Z",
            "modified": "2024-02-11T13:30:00.000Z",
            "name": name
        },
        "id": id,
        "relationships": {
            "created_by": { "data": { "id": "00000000-0000-0000-2345-000000000000", "type": "users" } },
            "last_modified_by": { "data": { "id": "00000000-0000-0000-2345-000000000001", "type": "users" } }
        },
        "type": "teams"
    })
}

fn team_response(name: &str) -> Value {
    json!({ "data": team_json("00000000-7ea3-0000-000a-000000000000", name), "included": [common::included_user()] })
}

fn check_team(response: &IncidentTeamResponse, name: &str) {
    let data = &response.data;
    assert_eq!(data.id.as_deref(), Some("00000000-7ea3-0000-000a-000000000000"));
    assert_eq!(data.type_, Some(IncidentTeamType::Teams));
    let attributes = data.attributes.as_ref().unwrap();
    assert_eq!(attributes.name.as_deref(), Some(name));
    assert_eq!(attributes.created, Some(ts("2024-01-10T12:00:00Z")));
    let relationships = data.relationships.as_ref().unwrap();
    assert_eq!(relationships.created_by.as_ref().unwrap().data.id, "00000000-0000-0000-2345-000000000000");
    assert_eq!(relationships.last_modified_by.as_ref().unwrap().data.type_, UsersType::Users);
    let included = response.included.as_ref().unwrap();
    match &included[0] {
        IncidentTeamIncludedItems::User(user) => {
            assert_eq!(user.attributes.as_ref().unwrap().email.as_deref(), Some("jane.doe@example.com"));
        }
        other => panic!("a user expected, got {other:?}"),
    }
}

#[tokio::test]
async fn get_incident_team() {
    let server = MockServer::start().await;
    let api = IncidentTeamsApi::new(unstable_client(&server));
    let params = GetIncidentTeamOptionalParams::default().include(IncidentRelatedObject::Users);
    let op = Op {
        name: "get_incident_team",
        method: "GET",
        path: format!("/api/v2/teams/{ID_RAW}"),
        query: vec![("include", "users")],
        body: None,
        status: 200,
        response: Some(team_response("team name")),
        errors: ERRORS,
    };
    let team = exercise(
        &server,
        &op,
        || api.get_incident_team(ID, params.clone()),
        || api.get_incident_team_with_http_info(ID, params.clone()),
    )
    .await;
    check_team(&team, "team name");
}

#[tokio::test]
async fn update_incident_team() {
    let server = MockServer::start().await;
    let api = IncidentTeamsApi::new(unstable_client(&server));
    let body = IncidentTeamUpdateRequest::new(
        IncidentTeamUpdateData::new(IncidentTeamType::Teams)
            .attributes(IncidentTeamUpdateAttributes::new("team name-updated".to_owned())),
    );
    let op = Op {
        name: "update_incident_team",
        method: "PATCH",
        path: format!("/api/v2/teams/{ID_RAW}"),
        query: vec![],
        body: Some(json!({ "data": { "type": "teams", "attributes": { "name": "team name-updated" } } })),
        status: 200,
        response: Some(team_response("team name-updated")),
        errors: ERRORS,
    };
    let team = exercise(
        &server,
        &op,
        || api.update_incident_team(ID, body.clone(), Default::default()),
        || api.update_incident_team_with_http_info(ID, body.clone(), Default::default()),
    )
    .await;
    check_team(&team, "team name-updated");
}

#[tokio::test]
async fn delete_incident_team() {
    let server = MockServer::start().await;
    let api = IncidentTeamsApi::new(unstable_client(&server));
    let op = Op {
        name: "delete_incident_team",
        method: "DELETE",
        path: format!("/api/v2/teams/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 204,
        response: None,
        errors: ERRORS,
    };
    exercise(
        &server,
        &op,
        || api.delete_incident_team(ID, Default::default()),
        || api.delete_incident_team_with_http_info(ID, Default::default()),
    )
    .await;
}

#[tokio::test]
async fn list_incident_teams() {
    let server = MockServer::start().await;
    let api = IncidentTeamsApi::new(unstable_client(&server));
    let params = ListIncidentTeamsOptionalParams::default()
        .include(IncidentRelatedObject::Users)
        .page_size(10)
        .page_offset(20)
        .filter("on call & sre".to_owned());
    let op = Op {
        name: "list_incident_teams",
        method: "GET",
        path: "/api/v2/teams".to_owned(),
        query: vec![("include", "users"), ("page[size]", "10"), ("page[offset]", "20"), ("filter", "on call & sre")],
        body: None,
        status: 200,
        response: Some(json!({
            "data": [team_json("t-1", "SRE"), team_json("t-2", "On call")],
            "included": [common::included_user()],
            "meta": { "pagination": { "next_offset": 30, "offset": 20, "size": 10 } }
        })),
        errors: ERRORS,
    };
    let teams = exercise(
        &server,
        &op,
        || api.list_incident_teams(params.clone()),
        || api.list_incident_teams_with_http_info(params.clone()),
    )
    .await;
    assert_eq!(teams.data.len(), 2);
    assert_eq!(teams.data[1].id.as_deref(), Some("t-2"));
    assert_eq!(teams.data[1].attributes.as_ref().unwrap().name.as_deref(), Some("On call"));
    let pagination = teams.meta.unwrap().pagination.unwrap();
    assert_eq!((pagination.next_offset, pagination.offset, pagination.size), (Some(30), Some(20), Some(10)));
    assert_eq!(teams.included.unwrap().len(), 1);
}

#[tokio::test]
async fn create_incident_team() {
    let server = MockServer::start().await;
    let api = IncidentTeamsApi::new(unstable_client(&server));
    let body = IncidentTeamCreateRequest::new(
        IncidentTeamCreateData::new(IncidentTeamType::Teams)
            .attributes(IncidentTeamCreateAttributes::new("Example-Incident-Team".to_owned())),
    );
    let op = Op {
        name: "create_incident_team",
        method: "POST",
        path: "/api/v2/teams".to_owned(),
        query: vec![],
        body: Some(json!({ "data": { "type": "teams", "attributes": { "name": "Example-Incident-Team" } } })),
        status: 201,
        response: Some(team_response("Example-Incident-Team")),
        errors: ERRORS,
    };
    let team = exercise(
        &server,
        &op,
        || api.create_incident_team(body.clone(), Default::default()),
        || api.create_incident_team_with_http_info(body.clone(), Default::default()),
    )
    .await;
    check_team(&team, "Example-Incident-Team");
}

fn assert_unstable<T: std::fmt::Debug>(result: Result<T, Error>, name: &str) {
    match result {
        Err(Error::UnstableOperation(op)) => {
            assert_eq!(op, name);
            let message = Error::UnstableOperation(op).to_string();
            assert!(message.contains(&format!("enable_unstable_operation(\"{name}\")")), "{message}");
        }
        other => panic!("{name}: Error::UnstableOperation expected, got {other:?}"),
    }
}

/// Without `enable_unstable_operation`, every Incident Teams operation fails before sending.
#[tokio::test]
async fn unstable_operations_fail_unless_enabled_and_send_nothing() {
    let server = MockServer::start().await;
    let api = IncidentTeamsApi::new(common::client(&server));
    assert_unstable(api.get_incident_team(ID, Default::default()).await, "get_incident_team");
    assert_unstable(api.get_incident_team_with_http_info(ID, Default::default()).await, "get_incident_team");
    let update = IncidentTeamUpdateRequest::new(IncidentTeamUpdateData::new(IncidentTeamType::Teams));
    assert_unstable(api.update_incident_team(ID, update, Default::default()).await, "update_incident_team");
    assert_unstable(api.delete_incident_team(ID, Default::default()).await, "delete_incident_team");
    assert_unstable(api.list_incident_teams(Default::default()).await, "list_incident_teams");
    let create = IncidentTeamCreateRequest::new(IncidentTeamCreateData::new(IncidentTeamType::Teams));
    assert_unstable(api.create_incident_team(create, Default::default()).await, "create_incident_team");
    assert_eq!(server.received_requests().await.unwrap().len(), 0, "nothing was sent");
}

/// Switching one operation on does not switch on the others.
#[tokio::test]
async fn enabling_one_unstable_operation_leaves_the_others_off() {
    let server = MockServer::start().await;
    let client = Client::new(common::config(&server).enable_unstable_operation("delete_incident_team")).unwrap();
    let api = IncidentTeamsApi::new(client);
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(204))
        .mount(&server)
        .await;
    api.delete_incident_team(ID, Default::default()).await.unwrap();
    assert_unstable(api.list_incident_teams(Default::default()).await, "list_incident_teams");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
