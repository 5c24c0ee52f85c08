//! End to end, each of the 13 Case Management operations: method, escaped path, query names,
//! headers, JSON body, the decoded success answer and every documented error status.

mod common;

use common::{ID, ID_RAW, Op, client, exercise, ts};
use datadog_v2_client::apis::CaseManagementApi;
use datadog_v2_client::apis::case_management::SearchCasesOptionalParams;
use datadog_v2_client::models::*;
use serde_json::{Value, json};
use wiremock::MockServer;

const ERRORS: &[u16] = &[400, 401, 403, 404, 429];

/// A case as the docs' examples show it, with realistic values.
fn case_json(id: &str, status: &str, priority: &str) -> Value {
    json!({
        "attributes": {
            "archived_at": "2024-03-01T09:30:00.000Z",
            "closed_at": "2024-03-02T10:00:00.000Z",
            "created_at": "2024-02-28T08:15:00.000Z",
            "description": "Heap grows by 200 MB an hour on api-gateway",
            "jira_issue": {
                "result": {
                    "issue_id": "10042",
                    "issue_key": "OPS-42",
                    "issue_url": "https://example.atlassian.net/browse/OPS-42",
                    "project_key": "OPS"
                },
                "status": "COMPLETED"
            },
            "key": "CASEM-4523",
            "modified_at": "2024-03-01T09:30:00.000Z",
            "priority": priority,
            "service_now_ticket": {
                "result": { "sys_target_link": "https://example.service-now.com/incident/INC0012" },
                "status": "IN_PROGRESS"
            },
            "status": status,
            "title": "Memory leak investigation on API",
            "type": "STANDARD"
        },
        "id": id,
        "relationships": {
            "assignee": { "data": { "id": "00000000-0000-0000-0000-000000000001", "type": "user" } },
            "created_by": { "data": { "id": "00000000-0000-0000-0000-000000000002", "type": "user" } },
            "modified_by": { "data": null },
            "project": { "data": { "id": "e555e290-ed65-49bd-ae18-8acbfcf18db7", "type": "project" } }
        },
        "type": "case"
    })
}

fn case_response(status: &str, priority: &str) -> Value {
    json!({ "data": case_json("aeadc05e-98a8-11ec-ac2c-da7ad0900001", status, priority) })
}

fn project_json(id: &str) -> Value {
    json!({
        "attributes": { "key": "SEC", "name": "Security Investigation" },
        "id": id,
        "relationships": {
            "member_team": {
                "data": [{ "id": "f9bb8444-af7f-11ec-ac2c-da7ad0900001", "type": "team_links" }],
                "links": { "related": "/api/v2/team/c75a4a8e-20c7-11ee-a3a5-da7ad0900002/links" }
            },
            "member_user": { "data": [{ "id": "00000000-0000-0000-0000-000000000003", "type": "user" }] }
        },
        "type": "project"
    })
}

/// The checks every `CaseResponse` of these tests passes.
fn check_case(response: &CaseResponse, status: CaseStatus, priority: CasePriority) {
    let case = response.data.as_ref().expect("data");
    assert_eq!(case.id, "aeadc05e-98a8-11ec-ac2c-da7ad0900001");
    assert_eq!(case.type_, CaseResourceType::Case);
    let attributes = &case.attributes;
    assert_eq!(attributes.key.as_deref(), Some("CASEM-4523"));
    assert_eq!(attributes.title.as_deref(), Some("Memory leak investigation on API"));
    assert_eq!(attributes.status, Some(status));
    assert_eq!(attributes.priority, Some(priority));
    assert_eq!(attributes.type_, Some(CaseType::Standard));
    assert_eq!(attributes.created_at, Some(ts("2024-02-28T08:15:00Z")));
    let jira = attributes.jira_issue.as_ref().unwrap();
    assert_eq!(jira.status, Some(Case3rdPartyTicketStatus::Completed));
    assert_eq!(jira.result.as_ref().unwrap().issue_key.as_deref(), Some("OPS-42"));
    let snow = attributes.service_now_ticket.as_ref().unwrap();
    assert_eq!(snow.status, Some(Case3rdPartyTicketStatus::InProgress));
    let relationships = case.relationships.as_ref().unwrap();
    let assignee = relationships.assignee.as_ref().unwrap().data.as_ref().unwrap();
    assert_eq!(assignee.id, "00000000-0000-0000-0000-000000000001");
    assert_eq!(assignee.type_, UserResourceType::User);
    // `modified_by: {"data": null}`: the relationship is there, its data null.
    assert_eq!(relationships.modified_by.as_ref().unwrap().data, None);
    assert_eq!(relationships.project.as_ref().unwrap().data.id, "e555e290-ed65-49bd-ae18-8acbfcf18db7");
}

fn check_project(response: &ProjectResponse, id: &str) {
    let project = response.data.as_ref().expect("data");
    assert_eq!(project.id, id);
    assert_eq!(project.type_, ProjectResourceType::Project);
    assert_eq!(project.attributes.key.as_deref(), Some("SEC"));
    assert_eq!(project.attributes.name.as_deref(), Some("Security Investigation"));
    let relationships = project.relationships.as_ref().unwrap();
    let teams = relationships.member_team.as_ref().unwrap();
    assert_eq!(teams.data.as_ref().unwrap()[0].type_, TeamLinkType::TeamLinks);
    assert_eq!(
        teams.links.as_ref().unwrap().related.as_deref(),
        Some("/api/v2/team/c75a4a8e-20c7-11ee-a3a5-da7ad0900002/links")
    );
    assert_eq!(relationships.member_user.as_ref().unwrap().data[0].id, "00000000-0000-0000-0000-000000000003");
}

fn case_path(action: &str) -> String {
    format!("/api/v2/cases/{ID_RAW}/{action}")
}

#[tokio::test]
async fn search_cases() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let params = SearchCasesOptionalParams::default()
        .page_size(25)
        .page_number(2)
        .sort_field(CaseSortableField::Priority)
        .filter("status:open service:api".to_owned())
        .sort_asc(true);
    let op = Op {
        name: "search_cases",
        method: "GET",
        path: "/api/v2/cases".to_owned(),
        query: vec![
            ("page[size]", "25"),
            ("page[number]", "2"),
            ("sort[field]", "priority"),
            ("filter", "status:open service:api"),
            ("sort[asc]", "true"),
        ],
        body: None,
        status: 200,
        response: Some(json!({
            "data": [
                case_json("aeadc05e-98a8-11ec-ac2c-da7ad0900001", "OPEN", "P2"),
                case_json("b2c3d4e5-98a8-11ec-ac2c-da7ad0900002", "IN_PROGRESS", "P1")
            ],
            "meta": { "page": { "current": 2, "size": 25, "total": 3 } }
        })),
        errors: ERRORS,
    };
    let found =
        exercise(&server, &op, || api.search_cases(params.clone()), || api.search_cases_with_http_info(params.clone()))
            .await;
    let cases = found.data.as_ref().unwrap();
    assert_eq!(cases.len(), 2);
    check_case(&CaseResponse::new().data(cases[0].clone()), CaseStatus::Open, CasePriority::P2);
    assert_eq!(cases[1].attributes.status, Some(CaseStatus::InProgress));
    let page = found.meta.unwrap().page.unwrap();
    assert_eq!((page.current, page.size, page.total), (Some(2), Some(25), Some(3)));
}

#[tokio::test]
async fn search_cases_without_parameters_sends_no_query() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let op = Op {
        name: "search_cases",
        method: "GET",
        path: "/api/v2/cases".to_owned(),
        query: vec![],
        body: None,
        status: 200,
        response: Some(json!({ "data": [] })),
        errors: &[],
    };
    let found = exercise(
        &server,
        &op,
        || api.search_cases(SearchCasesOptionalParams::default()),
        || api.search_cases_with_http_info(SearchCasesOptionalParams::default()),
    )
    .await;
    assert_eq!(found.data, Some(vec![]));
    assert_eq!(found.meta, None);
}

#[tokio::test]
async fn create_case() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let body = CaseCreateRequest::new(
        CaseCreate::new(
            CaseCreateAttributes::new("Security breach investigation".to_owned(), CaseType::Standard)
                .description("Unexpected logins from a new ASN".to_owned())
                .priority(CasePriority::P2),
            CaseResourceType::Case,
        )
        .relationships(
            CaseCreateRelationships::new(ProjectRelationship::new(ProjectRelationshipData::new(
                "d4bbe1af-f36e-42f1-87c1-493ca35c320e".to_owned(),
                ProjectResourceType::Project,
            )))
            .assignee(Some(NullableUserRelationship::new(Some(NullableUserRelationshipData::new(
                "00000000-0000-0000-0000-000000000001".to_owned(),
                UserResourceType::User,
            ))))),
        ),
    );
    let op = Op {
        name: "create_case",
        method: "POST",
        path: "/api/v2/cases".to_owned(),
        query: vec![],
        body: Some(json!({
            "data": {
                "attributes": {
                    "description": "Unexpected logins from a new ASN",
                    "priority": "P2",
                    "title": "Security breach investigation",
                    "type": "STANDARD"
                },
                "relationships": {
                    "assignee": { "data": { "id": "00000000-0000-0000-0000-000000000001", "type": "user" } },
                    "project": { "data": { "id": "d4bbe1af-f36e-42f1-87c1-493ca35c320e", "type": "project" } }
                },
                "type": "case"
            }
        })),
        status: 201,
        response: Some(case_response("OPEN", "P2")),
        errors: ERRORS,
    };
    let created = exercise(
        &server,
        &op,
        || api.create_case(body.clone(), Default::default()),
        || api.create_case_with_http_info(body.clone(), Default::default()),
    )
    .await;
    check_case(&created, CaseStatus::Open, CasePriority::P2);
}

#[tokio::test]
async fn create_case_with_explicit_null_assignee() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let body = CaseCreateRequest::new(
        CaseCreate::new(CaseCreateAttributes::new("Unassigned".to_owned(), CaseType::Standard), CaseResourceType::Case)
            .relationships(
                CaseCreateRelationships::new(ProjectRelationship::new(ProjectRelationshipData::new(
                    "p1".to_owned(),
                    ProjectResourceType::Project,
                )))
                .assignee(None),
            ),
    );
    let op = Op {
        name: "create_case",
        method: "POST",
        path: "/api/v2/cases".to_owned(),
        query: vec![],
        body: Some(json!({
            "data": {
                "attributes": { "title": "Unassigned", "type": "STANDARD" },
                "relationships": {
                    "assignee": null,
                    "project": { "data": { "id": "p1", "type": "project" } }
                },
                "type": "case"
            }
        })),
        status: 201,
        response: Some(case_response("OPEN", "NOT_DEFINED")),
        errors: &[],
    };
    let created = exercise(
        &server,
        &op,
        || api.create_case(body.clone(), Default::default()),
        || api.create_case_with_http_info(body.clone(), Default::default()),
    )
    .await;
    check_case(&created, CaseStatus::Open, CasePriority::NotDefined);
}

#[tokio::test]
async fn get_projects() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let op = Op {
        name: "get_projects",
        method: "GET",
        path: "/api/v2/cases/projects".to_owned(),
        query: vec![],
        body: None,
        status: 200,
        response: Some(json!({ "data": [project_json("p-1"), project_json("p-2")] })),
        errors: ERRORS,
    };
    let projects = exercise(
        &server,
        &op,
        || api.get_projects(Default::default()),
        || api.get_projects_with_http_info(Default::default()),
    )
    .await;
    let projects = projects.data.unwrap();
    assert_eq!(projects.len(), 2);
    check_project(&ProjectResponse::new().data(projects[1].clone()), "p-2");
}

#[tokio::test]
async fn create_project() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let body = ProjectCreateRequest::new(ProjectCreate::new(
        ProjectCreateAttributes::new("SEC".to_owned(), "Security Investigation".to_owned()),
        ProjectResourceType::Project,
    ));
    let op = Op {
        name: "create_project",
        method: "POST",
        path: "/api/v2/cases/projects".to_owned(),
        query: vec![],
        body: Some(json!({
            "data": { "attributes": { "key": "SEC", "name": "Security Investigation" }, "type": "project" }
        })),
        status: 201,
        response: Some(json!({ "data": project_json("aeadc05e-98a8-11ec-ac2c-da7ad0900001") })),
        errors: ERRORS,
    };
    let created = exercise(
        &server,
        &op,
        || api.create_project(body.clone(), Default::default()),
        || api.create_project_with_http_info(body.clone(), Default::default()),
    )
    .await;
    check_project(&created, "aeadc05e-98a8-11ec-ac2c-da7ad0900001");
}

#[tokio::test]
async fn get_project() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let op = Op {
        name: "get_project",
        method: "GET",
        path: format!("/api/v2/cases/projects/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 200,
        response: Some(json!({ "data": project_json(ID) })),
        errors: ERRORS,
    };
    let project = exercise(
        &server,
        &op,
        || api.get_project(ID, Default::default()),
        || api.get_project_with_http_info(ID, Default::default()),
    )
    .await;
    check_project(&project, ID);
}

#[tokio::test]
async fn delete_project() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let op = Op {
        name: "delete_project",
        method: "DELETE",
        path: format!("/api/v2/cases/projects/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 204,
        response: None,
        errors: &[403, 404, 429],
    };
    exercise(
        &server,
        &op,
        || api.delete_project(ID, Default::default()),
        || api.delete_project_with_http_info(ID, Default::default()),
    )
    .await;
}

#[tokio::test]
async fn get_case() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let op = Op {
        name: "get_case",
        method: "GET",
        path: format!("/api/v2/cases/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 200,
        response: Some(case_response("CLOSED", "P5")),
        errors: ERRORS,
    };
    let case = exercise(
        &server,
        &op,
        || api.get_case(ID, Default::default()),
        || api.get_case_with_http_info(ID, Default::default()),
    )
    .await;
    check_case(&case, CaseStatus::Closed, CasePriority::P5);
}

#[tokio::test]
async fn update_status() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let body = CaseUpdateStatusRequest::new(CaseUpdateStatus::new(
        CaseUpdateStatusAttributes::new(CaseStatus::InProgress),
        CaseResourceType::Case,
    ));
    let op = Op {
        name: "update_status",
        method: "POST",
        path: case_path("status"),
        query: vec![],
        body: Some(json!({ "data": { "attributes": { "status": "IN_PROGRESS" }, "type": "case" } })),
        status: 200,
        response: Some(case_response("IN_PROGRESS", "P3")),
        errors: ERRORS,
    };
    let case = exercise(
        &server,
        &op,
        || api.update_status(ID, body.clone(), Default::default()),
        || api.update_status_with_http_info(ID, body.clone(), Default::default()),
    )
    .await;
    check_case(&case, CaseStatus::InProgress, CasePriority::P3);
}

#[tokio::test]
async fn update_priority() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let body = CaseUpdatePriorityRequest::new(CaseUpdatePriority::new(
        CaseUpdatePriorityAttributes::new(CasePriority::P3),
        CaseResourceType::Case,
    ));
    let op = Op {
        name: "update_priority",
        method: "POST",
        path: case_path("priority"),
        query: vec![],
        body: Some(json!({ "data": { "attributes": { "priority": "P3" }, "type": "case" } })),
        status: 200,
        response: Some(case_response("OPEN", "P3")),
        errors: ERRORS,
    };
    let case = exercise(
        &server,
        &op,
        || api.update_priority(ID, body.clone(), Default::default()),
        || api.update_priority_with_http_info(ID, body.clone(), Default::default()),
    )
    .await;
    check_case(&case, CaseStatus::Open, CasePriority::P3);
}

#[tokio::test]
async fn assign_case() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let body = CaseAssignRequest::new(CaseAssign::new(
        CaseAssignAttributes::new("00000000-0000-0000-0000-000000000001".to_owned()),
        CaseResourceType::Case,
    ));
    let op = Op {
        name: "assign_case",
        method: "POST",
        path: case_path("assign"),
        query: vec![],
        body: Some(json!({
            "data": { "attributes": { "assignee_id": "00000000-0000-0000-0000-000000000001" }, "type": "case" }
        })),
        status: 200,
        response: Some(case_response("OPEN", "P4")),
        errors: ERRORS,
    };
    let case = exercise(
        &server,
        &op,
        || api.assign_case(ID, body.clone(), Default::default()),
        || api.assign_case_with_http_info(ID, body.clone(), Default::default()),
    )
    .await;
    check_case(&case, CaseStatus::Open, CasePriority::P4);
}

/// unassign, archive and unarchive send `{"data": {"type": "case"}}`.
fn empty_body() -> CaseEmptyRequest {
    CaseEmptyRequest::new(CaseEmpty::new(CaseResourceType::Case))
}

fn empty_op(name: &'static str, action: &str) -> Op {
    Op {
        name,
        method: "POST",
        path: case_path(action),
        query: vec![],
        body: Some(json!({ "data": { "type": "case" } })),
        status: 200,
        response: Some(case_response("OPEN", "P1")),
        errors: ERRORS,
    }
}

#[tokio::test]
async fn unassign_case() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let op = empty_op("unassign_case", "unassign");
    let case = exercise(
        &server,
        &op,
        || api.unassign_case(ID, empty_body(), Default::default()),
        || api.unassign_case_with_http_info(ID, empty_body(), Default::default()),
    )
    .await;
    check_case(&case, CaseStatus::Open, CasePriority::P1);
}

#[tokio::test]
async fn archive_case() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let op = empty_op("archive_case", "archive");
    let case = exercise(
        &server,
        &op,
        || api.archive_case(ID, empty_body(), Default::default()),
        || api.archive_case_with_http_info(ID, empty_body(), Default::default()),
    )
    .await;
    check_case(&case, CaseStatus::Open, CasePriority::P1);
}

#[tokio::test]
async fn unarchive_case() {
    let server = MockServer::start().await;
    let api = CaseManagementApi::new(client(&server));
    let op = empty_op("unarchive_case", "unarchive");
    let case = exercise(
        &server,
        &op,
        || api.unarchive_case(ID, empty_body(), Default::default()),
        || api.unarchive_case_with_http_info(ID, empty_body(), Default::default()),
    )
    .await;
    check_case(&case, CaseStatus::Open, CasePriority::P1);
}
