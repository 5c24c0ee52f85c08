//! End to end, each of the 6 Service Accounts operations (the account and its application keys).

mod common;

use common::{ID, ID_RAW, ID2, ID2_RAW, Op, client, exercise, included_user, ts};
use datadog_v2_client::Nullable;
use datadog_v2_client::apis::ServiceAccountsApi;
use datadog_v2_client::apis::service_accounts::ListServiceAccountApplicationKeysOptionalParams;
use datadog_v2_client::models::*;
use serde_json::{Value, json};
use wiremock::MockServer;

const SCOPES: [&str; 3] = ["dashboards_read", "dashboards_write", "dashboards_public_share"];

fn scopes() -> Vec<String> {
    SCOPES.iter().map(|s| (*s).to_owned()).collect()
}

fn key_path() -> String {
    format!("/api/v2/service_accounts/{ID_RAW}/application_keys/{ID2_RAW}")
}

fn partial_key_json(id: &str) -> Value {
    json!({
        "attributes": {
            "created_at": "2020-11-23T10:00:00.000Z",
            "last4": "abcd",
            "name": "Application Key for managing dashboards",
            "scopes": SCOPES
        },
        "id": id,
        "relationships": { "owned_by": { "data": { "id": "00000000-0000-0000-2345-000000000000", "type": "users" } } },
        "type": "application_keys"
    })
}

fn role_json() -> Value {
    json!({
        "attributes": {
            "created_at": "2019-09-19T10:00:00.000Z",
            "modified_at": "2019-09-19T10:00:00.000Z",
            "name": "Datadog Standard Role",
            "user_count": 14
        },
        "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d",
        "relationships": { "permissions": { "data": [{ "id": "984a2bd4-d3b4-11e8-a1ff-a7f660d43029", "type": "permissions" }] } },
        "type": "roles"
    })
}

fn leaked_key_json() -> Value {
    json!({
        "attributes": { "date": "2024-06-01T12:00:00.000Z", "leak_source": "github.com/example/repo" },
        "id": "leak-1",
        "type": "leaked_keys"
    })
}

/// The included list of the key answers: one user, one role, one leaked-key report.
fn key_included() -> Value {
    json!([included_user(), role_json(), leaked_key_json()])
}

fn check_key_included(included: &[ApplicationKeyResponseIncludedItem]) {
    assert_eq!(included.len(), 3);
    match &included[0] {
        ApplicationKeyResponseIncludedItem::User(user) => {
            assert_eq!(user.attributes.as_ref().unwrap().name.as_ref().map(String::as_str), Some("Jane Doe"));
            let relationships = user.relationships.as_ref().unwrap();
            assert_eq!(relationships.org.as_ref().unwrap().data.type_, OrganizationsType::Orgs);
        }
        other => panic!("a user expected, got {other:?}"),
    }
    match &included[1] {
        ApplicationKeyResponseIncludedItem::Role(role) => {
            assert_eq!(role.attributes.as_ref().unwrap().user_count, Some(14));
        }
        other => panic!("a role expected, got {other:?}"),
    }
    match &included[2] {
        ApplicationKeyResponseIncludedItem::LeakedKey(leak) => {
            assert_eq!(leak.attributes.date, ts("2024-06-01T12:00:00Z"));
            assert_eq!(leak.attributes.leak_source.as_deref(), Some("github.com/example/repo"));
        }
        other => panic!("a leaked key expected, got {other:?}"),
    }
}

fn check_partial_key(key: &PartialApplicationKey, id: &str) {
    assert_eq!(key.id.as_deref(), Some(id));
    assert_eq!(key.type_, Some(ApplicationKeysType::ApplicationKeys));
    let attributes = key.attributes.as_ref().unwrap();
    assert_eq!(attributes.last4.as_deref(), Some("abcd"));
    assert_eq!(attributes.created_at.as_deref(), Some("2020-11-23T10:00:00.000Z"));
    assert_eq!(attributes.scopes, Nullable::Value(scopes()));
    let owner = &key.relationships.as_ref().unwrap().owned_by.as_ref().unwrap().data;
    assert_eq!(owner.id, "00000000-0000-0000-2345-000000000000");
}

#[tokio::test]
async fn create_service_account() {
    let server = MockServer::start().await;
    let api = ServiceAccountsApi::new(client(&server));
    let body = ServiceAccountCreateRequest::new(
        ServiceAccountCreateData::new(
            ServiceAccountCreateAttributes::new("Example-Service-Account@datadoghq.com".to_owned(), true)
                .name("Test API Client".to_owned())
                .title("Bot".to_owned()),
            UsersType::Users,
        )
        .relationships(UserRelationships::new().roles(RelationshipToRoles::new().data(vec![
            RelationshipToRoleData::new().id("3653d3c6-0c75-11ea-ad28-fb5701eabc7d".to_owned()).type_(RolesType::Roles),
        ]))),
    );
    let op = Op {
        name: "create_service_account",
        method: "POST",
        path: "/api/v2/service_accounts".to_owned(),
        query: vec![],
        body: Some(json!({
            "data": {
                "type": "users",
                "attributes": {
                    "name": "Test API Client",
                    "email": "Example-Service-Account@datadoghq.com",
                    "service_account": true,
                    "title": "Bot"
                },
                "relationships": { "roles": { "data": [{ "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d", "type": "roles" }] } }
            }
        })),
        status: 201,
        response: Some(json!({
            "data": {
                "attributes": {
                    "created_at": "2024-05-05T05:05:05.000Z",
                    "disabled": false,
                    "email": "Example-Service-Account@datadoghq.com",
                    "handle": "Example-Service-Account@datadoghq.com",
                    "icon": "https://secure.gravatar.com/avatar/def",
                    "mfa_enabled": false,
                    "modified_at": "2024-05-05T05:05:05.000Z",
                    "name": "Test API Client",
                    "service_account": true,
                    "status": "Active",
                    "title": "Bot",
                    "verified": true
                },
                "id": "sa-0001",
                "relationships": {
                    "org": { "data": { "id": "00000000-0000-beef-0000-000000000000", "type": "orgs" } },
                    "other_orgs": { "data": [] },
                    "other_users": { "data": [] },
                    "roles": { "data": [{ "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d", "type": "roles" }] }
                },
                "type": "users"
            },
            "included": [
                {
                    "attributes": {
                        "created_at": "2019-09-19T10:00:00.000Z",
                        "description": "The example org",
                        "disabled": false,
                        "modified_at": "2019-09-19T10:00:00.000Z",
                        "name": "Example Org",
                        "public_id": "abcdef",
                        "sharing": "Open",
                        "url": "https://app.datadoghq.com"
                    },
                    "id": "00000000-0000-beef-0000-000000000000",
                    "type": "orgs"
                },
                role_json(),
                {
                    "attributes": {
                        "created": "2018-10-19T15:35:23.000Z",
                        "description": "Read dashboards",
                        "display_name": "Dashboards Read",
                        "display_type": "read",
                        "group_name": "Dashboards",
                        "name": "dashboards_read",
                        "restricted": false
                    },
                    "id": "984a2bd4-d3b4-11e8-a1ff-a7f660d43029",
                    "type": "permissions"
                }
            ]
        })),
        errors: &[400, 403, 429],
    };
    let created = exercise(
        &server,
        &op,
        || api.create_service_account(body.clone(), Default::default()),
        || api.create_service_account_with_http_info(body.clone(), Default::default()),
    )
    .await;
    let user = created.data.as_ref().unwrap();
    assert_eq!(user.id.as_deref(), Some("sa-0001"));
    assert_eq!(user.type_, Some(UsersType::Users));
    let attributes = user.attributes.as_ref().unwrap();
    assert_eq!(attributes.service_account, Some(true));
    assert_eq!(attributes.email.as_deref(), Some("Example-Service-Account@datadoghq.com"));
    assert_eq!(attributes.created_at, Some(ts("2024-05-05T05:05:05Z")));
    let relationships = user.relationships.as_ref().unwrap();
    assert_eq!(relationships.other_orgs.as_ref().unwrap().data, vec![]);
    let roles = relationships.roles.as_ref().unwrap().data.as_ref().unwrap();
    assert_eq!(roles[0].type_, Some(RolesType::Roles));
    let included = created.included.as_ref().unwrap();
    match &included[0] {
        UserResponseIncludedItem::Organization(org) => {
            assert_eq!(org.attributes.as_ref().unwrap().public_id.as_deref(), Some("abcdef"));
        }
        other => panic!("an organization expected, got {other:?}"),
    }
    assert!(matches!(&included[1], UserResponseIncludedItem::Role(_)));
    match &included[2] {
        UserResponseIncludedItem::Permission(permission) => {
            let attributes = permission.attributes.as_ref().unwrap();
            assert_eq!(attributes.name.as_deref(), Some("dashboards_read"));
            assert_eq!(attributes.restricted, Some(false));
        }
        other => panic!("a permission expected, got {other:?}"),
    }
}

#[tokio::test]
async fn get_service_account_application_key() {
    let server = MockServer::start().await;
    let api = ServiceAccountsApi::new(client(&server));
    let op = Op {
        name: "get_service_account_application_key",
        method: "GET",
        path: key_path(),
        query: vec![],
        body: None,
        status: 200,
        response: Some(json!({ "data": partial_key_json("key-1"), "included": key_included() })),
        errors: &[403, 404, 429],
    };
    let key = exercise(
        &server,
        &op,
        || api.get_service_account_application_key(ID, ID2, Default::default()),
        || api.get_service_account_application_key_with_http_info(ID, ID2, Default::default()),
    )
    .await;
    check_partial_key(key.data.as_ref().unwrap(), "key-1");
    check_key_included(key.included.as_ref().unwrap());
}

#[tokio::test]
async fn update_service_account_application_key() {
    let server = MockServer::start().await;
    let api = ServiceAccountsApi::new(client(&server));
    let body = ApplicationKeyUpdateRequest::new(ApplicationKeyUpdateData::new(
        ApplicationKeyUpdateAttributes::new()
            .name("Application Key for managing dashboards-updated".to_owned())
            .scopes(Some(scopes())),
        "67963b57-d67c-dfa7-b180-62ee9301d2f6".to_owned(),
        ApplicationKeysType::ApplicationKeys,
    ));
    let op = Op {
        name: "update_service_account_application_key",
        method: "PATCH",
        path: key_path(),
        query: vec![],
        body: Some(json!({
            "data": {
                "id": "67963b57-d67c-dfa7-b180-62ee9301d2f6",
                "type": "application_keys",
                "attributes": { "name": "Application Key for managing dashboards-updated", "scopes": SCOPES }
            }
        })),
        status: 200,
        response: Some(
            json!({ "data": partial_key_json("67963b57-d67c-dfa7-b180-62ee9301d2f6"), "included": key_included() }),
        ),
        errors: &[400, 403, 404, 429],
    };
    let key = exercise(
        &server,
        &op,
        || api.update_service_account_application_key(ID, ID2, body.clone(), Default::default()),
        || api.update_service_account_application_key_with_http_info(ID, ID2, body.clone(), Default::default()),
    )
    .await;
    check_partial_key(key.data.as_ref().unwrap(), "67963b57-d67c-dfa7-b180-62ee9301d2f6");
}

#[tokio::test]
async fn delete_service_account_application_key() {
    let server = MockServer::start().await;
    let api = ServiceAccountsApi::new(client(&server));
    let op = Op {
        name: "delete_service_account_application_key",
        method: "DELETE",
        path: key_path(),
        query: vec![],
        body: None,
        status: 204,
        response: None,
        errors: &[403, 404, 429],
    };
    exercise(
        &server,
        &op,
        || api.delete_service_account_application_key(ID, ID2, Default::default()),
        || api.delete_service_account_application_key_with_http_info(ID, ID2, Default::default()),
    )
    .await;
}

#[tokio::test]
async fn list_service_account_application_keys() {
    let server = MockServer::start().await;
    let api = ServiceAccountsApi::new(client(&server));
    let params = ListServiceAccountApplicationKeysOptionalParams::default()
        .page_size(2)
        .page_number(0)
        .sort(ApplicationKeysSort::CreatedAtDescending)
        .filter("dashboards".to_owned())
        .filter_created_at_start("2020-11-24T18:46:21+00:00".to_owned())
        .filter_created_at_end("2020-11-26T11:46:21+00:00".to_owned());
    let op = Op {
        name: "list_service_account_application_keys",
        method: "GET",
        path: format!("/api/v2/service_accounts/{ID_RAW}/application_keys"),
        query: vec![
            ("page[size]", "2"),
            ("page[number]", "0"),
            ("sort", "-created_at"),
            ("filter", "dashboards"),
            ("filter[created_at][start]", "2020-11-24T18:46:21+00:00"),
            ("filter[created_at][end]", "2020-11-26T11:46:21+00:00"),
        ],
        body: None,
        status: 200,
        response: Some(json!({
            "data": [partial_key_json("key-1"), partial_key_json("key-2")],
            "included": key_included(),
            "meta": { "max_allowed_per_user": 1000, "page": { "total_filtered_count": 7 } }
        })),
        errors: &[400, 403, 404, 429],
    };
    let keys = exercise(
        &server,
        &op,
        || api.list_service_account_application_keys(ID, params.clone()),
        || api.list_service_account_application_keys_with_http_info(ID, params.clone()),
    )
    .await;
    let data = keys.data.as_ref().unwrap();
    check_partial_key(&data[0], "key-1");
    check_partial_key(&data[1], "key-2");
    check_key_included(keys.included.as_ref().unwrap());
    let meta = keys.meta.unwrap();
    assert_eq!(meta.max_allowed_per_user, Some(1000));
    assert_eq!(meta.page.unwrap().total_filtered_count, Some(7));
}

#[tokio::test]
async fn create_service_account_application_key() {
    let server = MockServer::start().await;
    let api = ServiceAccountsApi::new(client(&server));
    let body = ApplicationKeyCreateRequest::new(ApplicationKeyCreateData::new(
        ApplicationKeyCreateAttributes::new("Example-Service-Account".to_owned()).scopes(Some(scopes())),
        ApplicationKeysType::ApplicationKeys,
    ));
    let op = Op {
        name: "create_service_account_application_key",
        method: "POST",
        path: format!("/api/v2/service_accounts/{ID_RAW}/application_keys"),
        query: vec![],
        body: Some(json!({
            "data": { "attributes": { "name": "Example-Service-Account", "scopes": SCOPES }, "type": "application_keys" }
        })),
        status: 201,
        response: Some(json!({
            "data": {
                "attributes": {
                    "created_at": "2020-11-23T10:00:00.000Z",
                    "key": "0123456789abcdef0123456789abcdef01234567",
                    "last4": "4567",
                    "name": "Example-Service-Account",
                    "scopes": SCOPES
                },
                "id": "key-new",
                "relationships": { "owned_by": { "data": { "id": "sa-0001", "type": "users" } } },
                "type": "application_keys"
            },
            "included": key_included()
        })),
        errors: &[400, 403, 429],
    };
    let created = exercise(
        &server,
        &op,
        || api.create_service_account_application_key(ID, body.clone(), Default::default()),
        || api.create_service_account_application_key_with_http_info(ID, body.clone(), Default::default()),
    )
    .await;
    let key = created.data.as_ref().unwrap();
    assert_eq!(key.id.as_deref(), Some("key-new"));
    let attributes = key.attributes.as_ref().unwrap();
    assert_eq!(attributes.key.as_deref(), Some("0123456789abcdef0123456789abcdef01234567"));
    assert_eq!(attributes.last4.as_deref(), Some("4567"));
    assert_eq!(attributes.created_at, Some(ts("2020-11-23T10:00:00Z")));
    assert_eq!(key.relationships.as_ref().unwrap().owned_by.as_ref().unwrap().data.id, "sa-0001");
    check_key_included(created.included.as_ref().unwrap());
}
