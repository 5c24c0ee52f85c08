//! End to end, each of the 8 Teams operations.

mod common;

use common::{ID, ID_RAW, Op, client, exercise, included_user, ts};
use datadog_v2_client::Nullable;
use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::apis::teams::{GetTeamMembershipsOptionalParams, ListTeamsOptionalParams};
use datadog_v2_client::models::*;
use serde_json::{Value, json};
use wiremock::MockServer;

const TEAM_ID: &str = "aeadc05e-98a8-11ec-ac2c-da7ad0900001";
const USER_ID: &str = "b8626d7e-cedd-11eb-abf5-da7ad0900001";

fn team_json(id: &str, name: &str) -> Value {
    json!({
        "attributes": {
            "avatar": "🥑",
            "banner": 7,
            "created_at": "2023-05-01T10:00:00.000Z",
            "description": "Owns the *API gateway*",
            "handle": "example-team",
            "hidden_modules": ["m3"],
            "link_count": 2,
            "modified_at": "2024-01-02T03:04:05.000Z",
            "name": name,
            "summary": "Owns the API gateway",
            "user_count": 12,
            "visible_modules": ["m1", "m2"]
        },
        "id": id,
        "relationships": {
            "team_links": {
                "data": [{ "id": "f9bb8444-af7f-11ec-ac2c-da7ad0900001", "type": "team_links" }],
                "links": { "related": "/api/v2/team/c75a4a8e-20c7-11ee-a3a5-da7ad0900002/links" }
            },
            "user_team_permissions": {
                "data": { "id": "UserTeamPermissions-aeadc05e-98a8-11ec-ac2c-da7ad0900001-416595", "type": "user_team_permissions" },
                "links": { "related": "/api/v2/team/c75a4a8e-20c7-11ee-a3a5-da7ad0900002/links" }
            }
        },
        "type": "team"
    })
}

fn check_team(team: &Team, id: &str, name: &str) {
    assert_eq!(team.id, id);
    assert_eq!(team.type_, TeamType::Team);
    let attributes = &team.attributes;
    assert_eq!(attributes.name, name);
    assert_eq!(attributes.handle, "example-team");
    assert_eq!(attributes.avatar, Nullable::Value("🥑".to_owned()));
    assert_eq!(attributes.banner, Nullable::Value(7));
    assert_eq!(attributes.link_count, Some(2));
    assert_eq!(attributes.user_count, Some(12));
    assert_eq!(attributes.created_at, Some(ts("2023-05-01T10:00:00Z")));
    assert_eq!(attributes.visible_modules, Nullable::Value(vec!["m1".to_owned(), "m2".to_owned()]));
    let relationships = team.relationships.as_ref().unwrap();
    let links = relationships.team_links.as_ref().unwrap();
    assert_eq!(links.data.as_ref().unwrap()[0].id, "f9bb8444-af7f-11ec-ac2c-da7ad0900001");
    let permissions = relationships.user_team_permissions.as_ref().unwrap();
    assert_eq!(permissions.data.as_ref().unwrap().type_, UserTeamPermissionType::UserTeamPermissions);
}

fn membership_json(role: Value) -> Value {
    json!({
        "attributes": { "provisioned_by": "service_account", "provisioned_by_id": null, "role": role },
        "id": "TeamMembership-aeadc05e-98a8-11ec-ac2c-da7ad0900001-38835",
        "relationships": {
            "team": { "data": { "id": "d7e15d9d-d346-43da-81d8-3d9e71d9a5e9", "type": "team" } },
            "user": { "data": { "id": USER_ID, "type": "users" } }
        },
        "type": "team_memberships"
    })
}

fn check_membership(membership: &UserTeam) {
    assert_eq!(membership.id, "TeamMembership-aeadc05e-98a8-11ec-ac2c-da7ad0900001-38835");
    assert_eq!(membership.type_, UserTeamType::TeamMemberships);
    let attributes = membership.attributes.as_ref().unwrap();
    assert_eq!(attributes.provisioned_by, Nullable::Value("service_account".to_owned()));
    assert_eq!(attributes.provisioned_by_id, Nullable::Null);
    let relationships = membership.relationships.as_ref().unwrap();
    assert_eq!(relationships.team.as_ref().unwrap().data.id, "d7e15d9d-d346-43da-81d8-3d9e71d9a5e9");
    assert_eq!(relationships.user.as_ref().unwrap().data.type_, UserTeamUserType::Users);
}

fn memberships_response() -> Value {
    json!({
        "data": [membership_json(json!("admin")), membership_json(Value::Null)],
        "included": [included_user(), team_json(TEAM_ID, "Example Team")],
        "links": {
            "first": "/api/v2/team/x/memberships?page[number]=0",
            "last": "/api/v2/team/x/memberships?page[number]=3",
            "next": "/api/v2/team/x/memberships?page[number]=2",
            "prev": "/api/v2/team/x/memberships?page[number]=0",
            "self": "/api/v2/team/x/memberships?page[number]=1"
        },
        "meta": {
            "pagination": {
                "first_offset": 0, "last_offset": 30, "limit": 10, "next_offset": 20,
                "offset": 10, "prev_offset": 0, "total": 32, "type": "offset_limit"
            }
        }
    })
}

fn check_memberships(memberships: &UserTeamsResponse) {
    let data = memberships.data.as_ref().unwrap();
    assert_eq!(data.len(), 2);
    check_membership(&data[0]);
    assert_eq!(data[0].attributes.as_ref().unwrap().role, Nullable::Value(UserTeamRole::Admin));
    // `role` is nullable (adopted from the published document): `null` is kept apart from absent.
    assert_eq!(data[1].attributes.as_ref().unwrap().role, Nullable::Null, "role: null");
    let included = memberships.included.as_ref().unwrap();
    assert!(
        matches!(&included[0], UserTeamIncluded::User(u) if u.id.as_deref() == Some("00000000-0000-0000-2345-000000000000"))
    );
    match &included[1] {
        UserTeamIncluded::Team(team) => check_team(team, TEAM_ID, "Example Team"),
        other => panic!("a team expected, got {other:?}"),
    }
    let links = memberships.links.as_ref().unwrap();
    assert_eq!(links.self_.as_deref(), Some("/api/v2/team/x/memberships?page[number]=1"));
    let pagination = memberships.meta.as_ref().unwrap().pagination.as_ref().unwrap();
    assert_eq!((pagination.total, pagination.next_offset), (Some(32), Some(20)));
    assert_eq!(pagination.type_.as_deref(), Some("offset_limit"));
}

#[tokio::test]
async fn list_teams() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(client(&server));
    let params = ListTeamsOptionalParams::default()
        .page_number(3)
        .page_size(50)
        .sort(ListTeamsSort::NegativeUserCount)
        .include(vec![ListTeamsInclude::TeamLinks, ListTeamsInclude::UserTeamPermissions])
        .filter_keyword("sre & ops".to_owned())
        .filter_me(false)
        .fields_team(vec!["name".to_owned(), "handle".to_owned(), "user_count".to_owned()]);
    let op = Op {
        name: "list_teams",
        method: "GET",
        path: "/api/v2/team".to_owned(),
        query: vec![
            ("page[number]", "3"),
            ("page[size]", "50"),
            ("sort", "-user_count"),
            ("include", "team_links,user_team_permissions"),
            ("filter[keyword]", "sre & ops"),
            ("filter[me]", "false"),
            ("fields[team]", "name,handle,user_count"),
        ],
        body: None,
        status: 200,
        response: Some(json!({
            "data": [team_json(TEAM_ID, "Example Team"), team_json("t-2", "Second Team")],
            "included": [
                included_user(),
                {
                    "attributes": { "label": "Runbook", "position": 0, "team_id": TEAM_ID, "url": "https://wiki.example.com/runbook" },
                    "id": "f9bb8444-af7f-11ec-ac2c-da7ad0900001",
                    "type": "team_links"
                },
                {
                    "attributes": { "permissions": { "manage_membership": true, "edit": false } },
                    "id": "UserTeamPermissions-aeadc05e-98a8-11ec-ac2c-da7ad0900001-416595",
                    "type": "user_team_permissions"
                }
            ],
            "links": { "first": "/api/v2/team?page[number]=0", "self": "/api/v2/team?page[number]=3" },
            "meta": { "pagination": { "limit": 50, "offset": 150, "total": 152, "type": "offset_limit" } }
        })),
        errors: &[403, 429],
    };
    let teams =
        exercise(&server, &op, || api.list_teams(params.clone()), || api.list_teams_with_http_info(params.clone()))
            .await;
    let data = teams.data.as_ref().unwrap();
    check_team(&data[0], TEAM_ID, "Example Team");
    check_team(&data[1], "t-2", "Second Team");
    let included = teams.included.as_ref().unwrap();
    assert!(matches!(&included[0], TeamIncluded::User(_)));
    match &included[1] {
        TeamIncluded::TeamLink(link) => {
            assert_eq!(link.attributes.label, "Runbook");
            assert_eq!(link.attributes.position, Some(0));
        }
        other => panic!("a team link expected, got {other:?}"),
    }
    match &included[2] {
        TeamIncluded::UserTeamPermission(permission) => {
            let permissions = permission.attributes.as_ref().unwrap().permissions.as_ref().unwrap();
            assert_eq!(permissions.get("manage_membership"), Some(&true));
            assert_eq!(permissions.get("edit"), Some(&false));
        }
        other => panic!("user team permissions expected, got {other:?}"),
    }
    assert_eq!(teams.meta.unwrap().pagination.unwrap().total, Some(152));
    assert_eq!(teams.links.unwrap().first.as_deref(), Some("/api/v2/team?page[number]=0"));
}

#[tokio::test]
async fn create_team() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(client(&server));
    let body =
        TeamCreateRequest::new(
            TeamCreate::new(
                TeamCreateAttributes::new(
                    "test-handle-a0fc0297eb519635".to_owned(),
                    "test-name-a0fc0297eb519635".to_owned(),
                )
                .avatar(Some("🥑".to_owned()))
                .banner(Some(7))
                .visible_modules(vec!["m1".to_owned(), "m2".to_owned()])
                .hidden_modules(vec!["m3".to_owned()]),
                TeamType::Team,
            )
            .relationships(TeamCreateRelationships::new().users(RelationshipToUsers::new(vec![
                RelationshipToUserData::new(USER_ID.to_owned(), UsersType::Users),
            ]))),
        );
    let op = Op {
        name: "create_team",
        method: "POST",
        path: "/api/v2/team".to_owned(),
        query: vec![],
        body: Some(json!({
            "data": {
                "attributes": {
                    "handle": "test-handle-a0fc0297eb519635",
                    "name": "test-name-a0fc0297eb519635",
                    "avatar": "🥑",
                    "banner": 7,
                    "visible_modules": ["m1", "m2"],
                    "hidden_modules": ["m3"]
                },
                "relationships": { "users": { "data": [{ "id": USER_ID, "type": "users" }] } },
                "type": "team"
            }
        })),
        status: 201,
        response: Some(json!({ "data": team_json(TEAM_ID, "test-name-a0fc0297eb519635") })),
        errors: &[403, 409, 429],
    };
    let created = exercise(
        &server,
        &op,
        || api.create_team(body.clone(), Default::default()),
        || api.create_team_with_http_info(body.clone(), Default::default()),
    )
    .await;
    check_team(created.data.as_ref().unwrap(), TEAM_ID, "test-name-a0fc0297eb519635");
}

#[tokio::test]
async fn get_user_memberships() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(client(&server));
    let op = Op {
        name: "get_user_memberships",
        method: "GET",
        path: format!("/api/v2/users/{ID_RAW}/memberships"),
        query: vec![],
        body: None,
        status: 200,
        response: Some(memberships_response()),
        errors: &[404, 429],
    };
    let memberships = exercise(
        &server,
        &op,
        || api.get_user_memberships(ID, Default::default()),
        || api.get_user_memberships_with_http_info(ID, Default::default()),
    )
    .await;
    check_memberships(&memberships);
}

#[tokio::test]
async fn get_team() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(client(&server));
    let op = Op {
        name: "get_team",
        method: "GET",
        path: format!("/api/v2/team/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 200,
        response: Some(json!({ "data": team_json(ID, "Example Team") })),
        errors: &[403, 404, 429],
    };
    let team = exercise(
        &server,
        &op,
        || api.get_team(ID, Default::default()),
        || api.get_team_with_http_info(ID, Default::default()),
    )
    .await;
    check_team(team.data.as_ref().unwrap(), ID, "Example Team");
}

#[tokio::test]
async fn update_team() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(client(&server));
    let body = TeamUpdateRequest::new(
        TeamUpdate::new(
            TeamUpdateAttributes::new("example-team".to_owned(), "Example Team updated".to_owned())
                .avatar(Some("🥑".to_owned()))
                // `None` clears the banner: an explicit `null` on the wire.
                .banner(None)
                .hidden_modules(vec!["m3".to_owned()])
                .visible_modules(vec!["m1".to_owned(), "m2".to_owned()]),
            TeamType::Team,
        )
        .relationships(TeamUpdateRelationships::new().team_links(RelationshipToTeamLinks::new().data(vec![
            RelationshipToTeamLinkData::new("f9bb8444-af7f-11ec-ac2c-da7ad0900001".to_owned(), TeamLinkType::TeamLinks),
        ]))),
    );
    let op = Op {
        name: "update_team",
        method: "PATCH",
        path: format!("/api/v2/team/{ID_RAW}"),
        query: vec![],
        body: Some(json!({
            "data": {
                "attributes": {
                    "handle": "example-team",
                    "name": "Example Team updated",
                    "avatar": "🥑",
                    "banner": null,
                    "hidden_modules": ["m3"],
                    "visible_modules": ["m1", "m2"]
                },
                "relationships": {
                    "team_links": { "data": [{ "id": "f9bb8444-af7f-11ec-ac2c-da7ad0900001", "type": "team_links" }] }
                },
                "type": "team"
            }
        })),
        status: 200,
        response: Some(json!({ "data": team_json(TEAM_ID, "Example Team updated") })),
        errors: &[400, 403, 404, 409, 429],
    };
    let team = exercise(
        &server,
        &op,
        || api.update_team(ID, body.clone(), Default::default()),
        || api.update_team_with_http_info(ID, body.clone(), Default::default()),
    )
    .await;
    check_team(team.data.as_ref().unwrap(), TEAM_ID, "Example Team updated");
}

#[tokio::test]
async fn delete_team() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(client(&server));
    let op = Op {
        name: "delete_team",
        method: "DELETE",
        path: format!("/api/v2/team/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 204,
        response: None,
        errors: &[403, 404, 429],
    };
    exercise(
        &server,
        &op,
        || api.delete_team(ID, Default::default()),
        || api.delete_team_with_http_info(ID, Default::default()),
    )
    .await;
}

#[tokio::test]
async fn get_team_memberships() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(client(&server));
    let params = GetTeamMembershipsOptionalParams::default()
        .page_size(10)
        .page_number(1)
        .sort(GetTeamMembershipsSort::NegativeManagerName)
        .filter_keyword("jane@example.com".to_owned());
    let op = Op {
        name: "get_team_memberships",
        method: "GET",
        path: format!("/api/v2/team/{ID_RAW}/memberships"),
        query: vec![
            ("page[size]", "10"),
            ("page[number]", "1"),
            ("sort", "-manager_name"),
            ("filter[keyword]", "jane@example.com"),
        ],
        body: None,
        status: 200,
        response: Some(memberships_response()),
        errors: &[403, 404, 429],
    };
    let memberships = exercise(
        &server,
        &op,
        || api.get_team_memberships(ID, params.clone()),
        || api.get_team_memberships_with_http_info(ID, params.clone()),
    )
    .await;
    check_memberships(&memberships);
}

#[tokio::test]
async fn create_team_membership() {
    let server = MockServer::start().await;
    let api = TeamsApi::new(client(&server));
    let body = UserTeamRequest::new(
        UserTeamCreate::new(UserTeamType::TeamMemberships)
            .attributes(UserTeamAttributes::new().role(Some(UserTeamRole::Admin)))
            .relationships(
                UserTeamRelationships::new()
                    .team(RelationshipToUserTeamTeam::new(RelationshipToUserTeamTeamData::new(
                        "d7e15d9d-d346-43da-81d8-3d9e71d9a5e9".to_owned(),
                        UserTeamTeamType::Team,
                    )))
                    .user(RelationshipToUserTeamUser::new(RelationshipToUserTeamUserData::new(
                        USER_ID.to_owned(),
                        UserTeamUserType::Users,
                    ))),
            ),
    );
    let op = Op {
        name: "create_team_membership",
        method: "POST",
        path: format!("/api/v2/team/{ID_RAW}/memberships"),
        query: vec![],
        body: Some(json!({
            "data": {
                "attributes": { "role": "admin" },
                "relationships": {
                    "team": { "data": { "id": "d7e15d9d-d346-43da-81d8-3d9e71d9a5e9", "type": "team" } },
                    "user": { "data": { "id": USER_ID, "type": "users" } }
                },
                "type": "team_memberships"
            }
        })),
        status: 200,
        response: Some(json!({
            "data": membership_json(json!("admin")),
            "included": [included_user(), team_json(TEAM_ID, "Example Team")]
        })),
        errors: &[403, 404, 409, 429],
    };
    let membership = exercise(
        &server,
        &op,
        || api.create_team_membership(ID, body.clone(), Default::default()),
        || api.create_team_membership_with_http_info(ID, body.clone(), Default::default()),
    )
    .await;
    check_membership(membership.data.as_ref().unwrap());
    assert_eq!(membership.included.as_ref().unwrap().len(), 2);
}
