//! End to end, each of the 8 On-Call operations (schedules and escalation policies).

mod common;

use common::{ID, ID_RAW, Op, client, exercise, ts};
use datadog_v2_client::apis::OnCallApi;
use datadog_v2_client::apis::on_call::*;
use datadog_v2_client::models::*;
use serde_json::{Value, json};
use wiremock::MockServer;

const TEAM_ID: &str = "aeadc05e-98a8-11ec-ac2c-da7ad0900001";
const USER_ID: &str = "c1d4eb9e-8bb0-974d-85a5-a7dd9db46bee";

/// A schedule answer with one included object of each kind the spec lists.
fn schedule_response() -> Value {
    json!({
        "data": {
            "attributes": { "name": "Primary On-Call", "tags": ["tag1", "tag2"], "time_zone": "America/New_York" },
            "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d",
            "relationships": {
                "layers": { "data": [{ "id": "00000000-0000-0000-0000-000000000001", "type": "layers" }] },
                "teams": { "data": [{ "id": "00000000-da3a-0000-0000-000000000000", "type": "teams" }] }
            },
            "type": "schedules"
        },
        "included": [
            {
                "attributes": { "avatar": "", "description": "The SRE team", "handle": "sre", "name": "SRE" },
                "id": "00000000-da3a-0000-0000-000000000000",
                "relationships": { "oncall_users": { "data": [{ "id": USER_ID, "type": "users" }] } },
                "type": "teams"
            },
            {
                "attributes": {
                    "effective_date": "2025-01-01T00:00:00Z",
                    "end_date": "2025-12-31T00:00:00Z",
                    "interval": { "days": 7 },
                    "name": "Layer 1",
                    "restrictions": [
                        { "end_day": "friday", "end_time": "17:00:00", "start_day": "monday", "start_time": "09:00:00" }
                    ],
                    "rotation_start": "2025-01-06T09:00:00Z"
                },
                "id": "00000000-0000-0000-0000-000000000001",
                "relationships": { "members": { "data": [{ "id": "m-1", "type": "members" }] } },
                "type": "layers"
            },
            {
                "id": "m-1",
                "relationships": { "user": { "data": { "id": USER_ID, "type": "users" } } },
                "type": "members"
            },
            {
                "attributes": { "email": "jane.doe@example.com", "name": "Jane Doe" },
                "id": USER_ID,
                "type": "users"
            }
        ]
    })
}

fn check_schedule(schedule: &Schedule) {
    let data = schedule.data.as_ref().unwrap();
    assert_eq!(data.id.as_deref(), Some("3653d3c6-0c75-11ea-ad28-fb5701eabc7d"));
    assert_eq!(data.type_, ScheduleDataType::Schedules);
    let attributes = data.attributes.as_ref().unwrap();
    assert_eq!(attributes.name.as_deref(), Some("Primary On-Call"));
    assert_eq!(attributes.time_zone.as_deref(), Some("America/New_York"));
    assert_eq!(attributes.tags.as_deref(), Some(&["tag1".to_owned(), "tag2".to_owned()][..]));
    let relationships = data.relationships.as_ref().unwrap();
    let layers = relationships.layers.as_ref().unwrap().data.as_ref().unwrap();
    assert_eq!(layers[0].type_, ScheduleDataRelationshipsLayersDataItemsType::Layers);
    let included = schedule.included.as_ref().unwrap();
    assert_eq!(included.len(), 4);
    match &included[0] {
        ScheduleDataIncludedItem::TeamReference(team) => {
            assert_eq!(team.attributes.as_ref().unwrap().handle.as_deref(), Some("sre"));
            let oncall = team.relationships.as_ref().unwrap().oncall_users.as_ref().unwrap();
            assert_eq!(oncall.data.as_ref().unwrap()[0].id, USER_ID);
        }
        other => panic!("a team reference expected, got {other:?}"),
    }
    match &included[1] {
        ScheduleDataIncludedItem::Layer(layer) => {
            let attributes = layer.attributes.as_ref().unwrap();
            assert_eq!(attributes.interval.as_ref().unwrap().days, Some(7));
            assert_eq!(attributes.rotation_start, Some(ts("2025-01-06T09:00:00Z")));
            let restriction = &attributes.restrictions.as_ref().unwrap()[0];
            assert_eq!(restriction.start_day, Some(LayerAttributesRestrictionsItemsStartDay::Monday));
            assert_eq!(restriction.end_day, Some(LayerAttributesRestrictionsItemsEndDay::Friday));
        }
        other => panic!("a layer expected, got {other:?}"),
    }
    match &included[2] {
        ScheduleDataIncludedItem::ScheduleMember(member) => {
            assert_eq!(member.relationships.as_ref().unwrap().user.as_ref().unwrap().data.id, USER_ID);
        }
        other => panic!("a member expected, got {other:?}"),
    }
    match &included[3] {
        ScheduleDataIncludedItem::ScheduleUser(user) => {
            assert_eq!(user.attributes.as_ref().unwrap().email.as_deref(), Some("jane.doe@example.com"));
        }
        other => panic!("a user expected, got {other:?}"),
    }
}

fn schedule_create_body() -> ScheduleCreateRequest {
    let layer = ScheduleCreateRequestDataAttributesLayersItems::new(
        ts("2021-11-01T11:11:11Z"),
        ScheduleCreateRequestDataAttributesLayersItemsInterval::new().days(1),
        vec![
            ScheduleCreateRequestDataAttributesLayersItemsMembersItems::new()
                .user(ScheduleCreateRequestDataAttributesLayersItemsMembersItemsUser::new().id(USER_ID.to_owned())),
        ],
        "Layer 1".to_owned(),
        ts("2021-11-06T11:11:11Z"),
    )
    .end_date(ts("2021-11-21T11:11:11Z"))
    .restrictions(vec![
        ScheduleCreateRequestDataAttributesLayersItemsRestrictionsItems::new()
            .end_day(ScheduleCreateRequestDataAttributesLayersItemsRestrictionsItemsEndDay::Friday)
            .end_time("17:00:00".to_owned())
            .start_day(ScheduleCreateRequestDataAttributesLayersItemsRestrictionsItemsStartDay::Monday)
            .start_time("09:00:00".to_owned()),
    ]);
    ScheduleCreateRequest::new(
        ScheduleCreateRequestData::new(
            ScheduleCreateRequestDataAttributes::new(
                vec![layer],
                "Example-On-Call".to_owned(),
                "America/New_York".to_owned(),
            )
            .tags(vec!["tag1".to_owned(), "tag2".to_owned()]),
            ScheduleCreateRequestDataType::Schedules,
        )
        .relationships(ScheduleCreateRequestDataRelationships::new().teams(
            ScheduleCreateRequestDataRelationshipsTeams::new().data(vec![
                ScheduleCreateRequestDataRelationshipsTeamsDataItems::new(
                    TEAM_ID.to_owned(),
                    ScheduleCreateRequestDataRelationshipsTeamsDataItemsType::Teams,
                ),
            ]),
        )),
    )
}

/// The docs' request example, timestamps in the form the client writes them (`Z`).
fn schedule_create_json() -> Value {
    json!({
        "data": {
            "attributes": {
                "layers": [{
                    "effective_date": "2021-11-01T11:11:11Z",
                    "end_date": "2021-11-21T11:11:11Z",
                    "interval": { "days": 1 },
                    "members": [{ "user": { "id": USER_ID } }],
                    "name": "Layer 1",
                    "restrictions": [
                        { "end_day": "friday", "end_time": "17:00:00", "start_day": "monday", "start_time": "09:00:00" }
                    ],
                    "rotation_start": "2021-11-06T11:11:11Z"
                }],
                "name": "Example-On-Call",
                "tags": ["tag1", "tag2"],
                "time_zone": "America/New_York"
            },
            "relationships": { "teams": { "data": [{ "id": TEAM_ID, "type": "teams" }] } },
            "type": "schedules"
        }
    })
}

#[tokio::test]
async fn create_on_call_schedule() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let body = schedule_create_body();
    let params = CreateOnCallScheduleOptionalParams::default().include("teams,layers,layers.members".to_owned());
    let op = Op {
        name: "create_on_call_schedule",
        method: "POST",
        path: "/api/v2/on-call/schedules".to_owned(),
        query: vec![("include", "teams,layers,layers.members")],
        body: Some(schedule_create_json()),
        status: 201,
        response: Some(schedule_response()),
        errors: &[400, 401, 403, 429],
    };
    let schedule = exercise(
        &server,
        &op,
        || api.create_on_call_schedule(body.clone(), params.clone()),
        || api.create_on_call_schedule_with_http_info(body.clone(), params.clone()),
    )
    .await;
    check_schedule(&schedule);
}

#[tokio::test]
async fn get_on_call_schedule() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let params = GetOnCallScheduleOptionalParams::default().include("layers.members.user".to_owned());
    let op = Op {
        name: "get_on_call_schedule",
        method: "GET",
        path: format!("/api/v2/on-call/schedules/{ID_RAW}"),
        query: vec![("include", "layers.members.user")],
        body: None,
        status: 200,
        response: Some(schedule_response()),
        errors: &[401, 403, 404, 429],
    };
    let schedule = exercise(
        &server,
        &op,
        || api.get_on_call_schedule(ID, params.clone()),
        || api.get_on_call_schedule_with_http_info(ID, params.clone()),
    )
    .await;
    check_schedule(&schedule);
}

/// The docs' example schedule answer (`"included": []`) decodes too.
#[tokio::test]
async fn get_on_call_schedule_docs_example() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let op = Op {
        name: "get_on_call_schedule",
        method: "GET",
        path: format!("/api/v2/on-call/schedules/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 200,
        response: Some(json!({
            "data": {
                "attributes": { "name": "Primary On-Call", "tags": [], "time_zone": "America/New_York" },
                "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d",
                "relationships": {
                    "layers": { "data": [{ "id": "00000000-0000-0000-0000-000000000001", "type": "layers" }] },
                    "teams": { "data": [{ "id": "00000000-da3a-0000-0000-000000000000", "type": "teams" }] }
                },
                "type": "schedules"
            },
            "included": []
        })),
        errors: &[],
    };
    let schedule = exercise(
        &server,
        &op,
        || api.get_on_call_schedule(ID, Default::default()),
        || api.get_on_call_schedule_with_http_info(ID, Default::default()),
    )
    .await;
    assert_eq!(schedule.included, Some(vec![]));
    assert_eq!(schedule.data.unwrap().attributes.unwrap().tags, Some(vec![]));
}

#[tokio::test]
async fn update_on_call_schedule() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let layer = ScheduleUpdateRequestDataAttributesLayersItems::new(
        ts("2021-11-01T11:11:11Z"),
        ScheduleUpdateRequestDataAttributesLayersItemsInterval::new().seconds(300),
        vec![
            ScheduleUpdateRequestDataAttributesLayersItemsMembersItems::new()
                .user(ScheduleUpdateRequestDataAttributesLayersItemsMembersItemsUser::new().id(USER_ID.to_owned())),
        ],
        "Layer 1".to_owned(),
        ts("2021-11-06T11:11:11Z"),
    )
    .id("00000000-0000-0000-0000-000000000001".to_owned())
    .end_date(ts("2021-11-21T11:11:11Z"))
    .restrictions(vec![
        ScheduleUpdateRequestDataAttributesLayersItemsRestrictionsItems::new()
            .end_day(ScheduleUpdateRequestDataAttributesLayersItemsRestrictionsItemsEndDay::Sunday)
            .end_time("23:59:59".to_owned())
            .start_day(ScheduleUpdateRequestDataAttributesLayersItemsRestrictionsItemsStartDay::Saturday)
            .start_time("00:00:00".to_owned()),
    ]);
    let body = ScheduleUpdateRequest::new(
        ScheduleUpdateRequestData::new(
            ScheduleUpdateRequestDataAttributes::new(
                vec![layer],
                "Example-On-Call".to_owned(),
                "America/New_York".to_owned(),
            )
            .tags(vec!["tag1".to_owned(), "tag2".to_owned(), "tag3".to_owned()]),
            "3653d3c6-0c75-11ea-ad28-fb5701eabc7d".to_owned(),
            ScheduleUpdateRequestDataType::Schedules,
        )
        .relationships(ScheduleUpdateRequestDataRelationships::new().teams(
            ScheduleUpdateRequestDataRelationshipsTeams::new().data(vec![
                ScheduleUpdateRequestDataRelationshipsTeamsDataItems::new(
                    TEAM_ID.to_owned(),
                    ScheduleUpdateRequestDataRelationshipsTeamsDataItemsType::Teams,
                ),
            ]),
        )),
    );
    let params = UpdateOnCallScheduleOptionalParams::default().include("teams".to_owned());
    let op = Op {
        name: "update_on_call_schedule",
        method: "PUT",
        path: format!("/api/v2/on-call/schedules/{ID_RAW}"),
        query: vec![("include", "teams")],
        body: Some(json!({
            "data": {
                "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d",
                "attributes": {
                    "layers": [{
                        "id": "00000000-0000-0000-0000-000000000001",
                        "effective_date": "2021-11-01T11:11:11Z",
                        "end_date": "2021-11-21T11:11:11Z",
                        "interval": { "seconds": 300 },
                        "members": [{ "user": { "id": USER_ID } }],
                        "name": "Layer 1",
                        "restrictions": [{
                            "end_day": "sunday",
                            "end_time": "23:59:59",
                            "start_day": "saturday",
                            "start_time": "00:00:00"
                        }],
                        "rotation_start": "2021-11-06T11:11:11Z"
                    }],
                    "name": "Example-On-Call",
                    "tags": ["tag1", "tag2", "tag3"],
                    "time_zone": "America/New_York"
                },
                "relationships": { "teams": { "data": [{ "id": TEAM_ID, "type": "teams" }] } },
                "type": "schedules"
            }
        })),
        status: 200,
        response: Some(schedule_response()),
        errors: &[400, 401, 403, 404, 429],
    };
    let schedule = exercise(
        &server,
        &op,
        || api.update_on_call_schedule(ID, body.clone(), params.clone()),
        || api.update_on_call_schedule_with_http_info(ID, body.clone(), params.clone()),
    )
    .await;
    check_schedule(&schedule);
}

#[tokio::test]
async fn delete_on_call_schedule() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let op = Op {
        name: "delete_on_call_schedule",
        method: "DELETE",
        path: format!("/api/v2/on-call/schedules/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 204,
        response: None,
        errors: &[401, 403, 404, 429],
    };
    exercise(
        &server,
        &op,
        || api.delete_on_call_schedule(ID, Default::default()),
        || api.delete_on_call_schedule_with_http_info(ID, Default::default()),
    )
    .await;
}

/// An escalation policy answer with one included object of each kind the spec lists.
fn policy_response() -> Value {
    json!({
        "data": {
            "attributes": {
                "description": "Pages the SRE rotation, then the team",
                "name": "On-call Escalation Policy",
                "resolve_page_on_policy_end": true,
                "retries": 2
            },
            "id": "ab000000-0000-0000-0000-000000000000",
            "relationships": {
                "steps": { "data": [{ "id": "00000000-aba1-0000-0000-000000000000", "type": "steps" }] },
                "teams": { "data": [{ "id": TEAM_ID, "type": "teams" }] }
            },
            "type": "policies"
        },
        "included": [
            {
                "attributes": { "handle": "sre", "name": "SRE" },
                "id": TEAM_ID,
                "type": "teams"
            },
            {
                "attributes": { "assignment": "round-robin", "escalate_after_seconds": 3600 },
                "id": "00000000-aba1-0000-0000-000000000000",
                // The real shape (the published document's, adopted in spec/): the page renders
                // `targets` as one bare target, the API wraps the list in {"data": [...]}.
                "relationships": { "targets": { "data": [
                    { "id": USER_ID, "type": "users" },
                    { "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d", "type": "schedules" },
                    { "id": TEAM_ID, "type": "teams" },
                    { "id": "00000000-aba1-0000-0000-000000000000_previous", "type": "schedule_target" }
                ] } },
                "type": "steps"
            },
            { "id": USER_ID, "type": "users" },
            { "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d", "type": "schedules" }
        ]
    })
}

fn check_policy(policy: &EscalationPolicy) {
    let data = policy.data.as_ref().unwrap();
    assert_eq!(data.id.as_deref(), Some("ab000000-0000-0000-0000-000000000000"));
    assert_eq!(data.type_, EscalationPolicyDataType::Policies);
    let attributes = data.attributes.as_ref().unwrap();
    assert_eq!(attributes.name, "On-call Escalation Policy");
    assert_eq!(attributes.resolve_page_on_policy_end, Some(true));
    assert_eq!(attributes.retries, Some(2));
    let relationships = data.relationships.as_ref().unwrap();
    assert_eq!(relationships.steps.data.as_ref().unwrap()[0].id, "00000000-aba1-0000-0000-000000000000");
    assert_eq!(relationships.teams.as_ref().unwrap().data.as_ref().unwrap()[0].id, TEAM_ID);
    let included = policy.included.as_ref().unwrap();
    assert!(matches!(&included[0], EscalationPolicyIncluded::TeamReference(t) if t.id.as_deref() == Some(TEAM_ID)));
    match &included[1] {
        EscalationPolicyIncluded::EscalationPolicyStep(step) => {
            let attributes = step.attributes.as_ref().unwrap();
            assert_eq!(attributes.assignment, Some(EscalationPolicyStepAttributesAssignment::RoundRobin));
            assert_eq!(attributes.escalate_after_seconds, Some(3600));
            let targets = step.relationships.as_ref().unwrap().targets.as_ref().unwrap().data.as_ref().unwrap();
            assert_eq!(targets.len(), 4);
            assert!(matches!(&targets[0], EscalationTarget::UserTarget(u) if u.id == USER_ID), "{targets:?}");
            assert!(
                matches!(&targets[1], EscalationTarget::ScheduleTarget(s) if s.id == "3653d3c6-0c75-11ea-ad28-fb5701eabc7d"),
                "{targets:?}"
            );
            assert!(matches!(&targets[2], EscalationTarget::TeamTarget(t) if t.id == TEAM_ID), "{targets:?}");
            // A target type the page does not list (the published document's configured schedule
            // target) is kept as sent.
            match &targets[3] {
                EscalationTarget::Unknown(raw) => assert_eq!(
                    raw.to_value().unwrap(),
                    json!({ "id": "00000000-aba1-0000-0000-000000000000_previous", "type": "schedule_target" })
                ),
                other => panic!("an unknown target expected, got {other:?}"),
            }
        }
        other => panic!("a step expected, got {other:?}"),
    }
    assert!(matches!(&included[2], EscalationPolicyIncluded::UserTarget(u) if u.id == USER_ID));
    assert!(
        matches!(&included[3], EscalationPolicyIncluded::ScheduleTarget(s) if s.type_ == ScheduleTargetType::Schedules)
    );
}

fn target(id: &str, type_: EscalationPolicyStepTargetType) -> EscalationPolicyStepTarget {
    EscalationPolicyStepTarget::new().id(id.to_owned()).type_(type_)
}

fn team_ref() -> EscalationPolicyCreateRequestDataRelationshipsTeamsDataItems {
    EscalationPolicyCreateRequestDataRelationshipsTeamsDataItems::new(
        TEAM_ID.to_owned(),
        EscalationPolicyCreateRequestDataRelationshipsTeamsDataItemsType::Teams,
    )
}

#[tokio::test]
async fn create_on_call_escalation_policy() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let body = EscalationPolicyCreateRequest::new(
        EscalationPolicyCreateRequestData::new(
            EscalationPolicyCreateRequestDataAttributes::new(
                "Example-On-Call".to_owned(),
                vec![
                    EscalationPolicyCreateRequestDataAttributesStepsItems::new(vec![
                        target(USER_ID, EscalationPolicyStepTargetType::Users),
                        target("3653d3c6-0c75-11ea-ad28-fb5701eabc7d", EscalationPolicyStepTargetType::Schedules),
                        target(TEAM_ID, EscalationPolicyStepTargetType::Teams),
                    ])
                    .assignment(EscalationPolicyStepAttributesAssignment::Default)
                    .escalate_after_seconds(3600),
                    EscalationPolicyCreateRequestDataAttributesStepsItems::new(vec![target(
                        TEAM_ID,
                        EscalationPolicyStepTargetType::Teams,
                    )])
                    .assignment(EscalationPolicyStepAttributesAssignment::RoundRobin)
                    .escalate_after_seconds(3600),
                ],
            )
            .description("Escalation Policy 1 description".to_owned())
            .resolve_page_on_policy_end(true)
            .retries(2),
            EscalationPolicyCreateRequestDataType::Policies,
        )
        .relationships(
            EscalationPolicyCreateRequestDataRelationships::new()
                .teams(EscalationPolicyCreateRequestDataRelationshipsTeams::new().data(vec![team_ref()])),
        ),
    );
    let params = CreateOnCallEscalationPolicyOptionalParams::default().include("steps.targets".to_owned());
    let op = Op {
        name: "create_on_call_escalation_policy",
        method: "POST",
        path: "/api/v2/on-call/escalation-policies".to_owned(),
        query: vec![("include", "steps.targets")],
        body: Some(json!({
            "data": {
                "attributes": {
                    "description": "Escalation Policy 1 description",
                    "name": "Example-On-Call",
                    "resolve_page_on_policy_end": true,
                    "retries": 2,
                    "steps": [
                        {
                            "assignment": "default",
                            "escalate_after_seconds": 3600,
                            "targets": [
                                { "id": USER_ID, "type": "users" },
                                { "id": "3653d3c6-0c75-11ea-ad28-fb5701eabc7d", "type": "schedules" },
                                { "id": TEAM_ID, "type": "teams" }
                            ]
                        },
                        {
                            "assignment": "round-robin",
                            "escalate_after_seconds": 3600,
                            "targets": [{ "id": TEAM_ID, "type": "teams" }]
                        }
                    ]
                },
                "relationships": { "teams": { "data": [{ "id": TEAM_ID, "type": "teams" }] } },
                "type": "policies"
            }
        })),
        status: 201,
        response: Some(policy_response()),
        errors: &[400, 401, 403, 429],
    };
    let policy = exercise(
        &server,
        &op,
        || api.create_on_call_escalation_policy(body.clone(), params.clone()),
        || api.create_on_call_escalation_policy_with_http_info(body.clone(), params.clone()),
    )
    .await;
    check_policy(&policy);
}

#[tokio::test]
async fn get_on_call_escalation_policy() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let params = GetOnCallEscalationPolicyOptionalParams::default().include("teams,steps,steps.targets".to_owned());
    let op = Op {
        name: "get_on_call_escalation_policy",
        method: "GET",
        path: format!("/api/v2/on-call/escalation-policies/{ID_RAW}"),
        query: vec![("include", "teams,steps,steps.targets")],
        body: None,
        status: 200,
        response: Some(policy_response()),
        errors: &[400, 401, 403, 404, 429],
    };
    let policy = exercise(
        &server,
        &op,
        || api.get_on_call_escalation_policy(ID, params.clone()),
        || api.get_on_call_escalation_policy_with_http_info(ID, params.clone()),
    )
    .await;
    check_policy(&policy);
}

#[tokio::test]
async fn update_on_call_escalation_policy() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let body = EscalationPolicyUpdateRequest::new(
        EscalationPolicyUpdateRequestData::new(
            EscalationPolicyUpdateRequestDataAttributes::new(
                "Example-On-Call-updated".to_owned(),
                vec![
                    EscalationPolicyUpdateRequestDataAttributesStepsItems::new(vec![target(
                        USER_ID,
                        EscalationPolicyStepTargetType::Users,
                    )])
                    .assignment(EscalationPolicyStepAttributesAssignment::Default)
                    .escalate_after_seconds(3600)
                    .id("00000000-aba1-0000-0000-000000000000".to_owned()),
                ],
            )
            .description("Example-On-Call".to_owned())
            .resolve_page_on_policy_end(false)
            .retries(0),
            "ab000000-0000-0000-0000-000000000000".to_owned(),
            EscalationPolicyUpdateRequestDataType::Policies,
        )
        .relationships(
            EscalationPolicyUpdateRequestDataRelationships::new()
                .teams(EscalationPolicyUpdateRequestDataRelationshipsTeams::new().data(vec![team_ref()])),
        ),
    );
    let params = UpdateOnCallEscalationPolicyOptionalParams::default().include("steps".to_owned());
    let op = Op {
        name: "update_on_call_escalation_policy",
        method: "PUT",
        path: format!("/api/v2/on-call/escalation-policies/{ID_RAW}"),
        query: vec![("include", "steps")],
        body: Some(json!({
            "data": {
                "attributes": {
                    "description": "Example-On-Call",
                    "name": "Example-On-Call-updated",
                    "resolve_page_on_policy_end": false,
                    "retries": 0,
                    "steps": [{
                        "assignment": "default",
                        "escalate_after_seconds": 3600,
                        "id": "00000000-aba1-0000-0000-000000000000",
                        "targets": [{ "id": USER_ID, "type": "users" }]
                    }]
                },
                "id": "ab000000-0000-0000-0000-000000000000",
                "relationships": { "teams": { "data": [{ "id": TEAM_ID, "type": "teams" }] } },
                "type": "policies"
            }
        })),
        status: 200,
        response: Some(policy_response()),
        errors: &[400, 401, 403, 404, 429],
    };
    let policy = exercise(
        &server,
        &op,
        || api.update_on_call_escalation_policy(ID, body.clone(), params.clone()),
        || api.update_on_call_escalation_policy_with_http_info(ID, body.clone(), params.clone()),
    )
    .await;
    check_policy(&policy);
}

#[tokio::test]
async fn delete_on_call_escalation_policy() {
    let server = MockServer::start().await;
    let api = OnCallApi::new(client(&server));
    let op = Op {
        name: "delete_on_call_escalation_policy",
        method: "DELETE",
        path: format!("/api/v2/on-call/escalation-policies/{ID_RAW}"),
        query: vec![],
        body: None,
        status: 204,
        response: None,
        errors: &[401, 403, 404, 429],
    };
    exercise(
        &server,
        &op,
        || api.delete_on_call_escalation_policy(ID, Default::default()),
        || api.delete_on_call_escalation_policy_with_http_info(ID, Default::default()),
    )
    .await;
}
