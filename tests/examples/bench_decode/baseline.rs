//! The baseline of the decode/encode benchmark: the same three response trees as the generated
//! models, written as plain `#[derive(Deserialize, Serialize)]` structs, the way one would by
//! hand. Unknown fields are dropped (no `#[serde(flatten)]`), optional and nullable fields are
//! `Option` (no `Nullable`), string enums are plain `String`s, timestamps are the same
//! `chrono::DateTime<Utc>` as in the generated crate, and a `oneOf` told apart by `type` is a
//! serde internally tagged enum (`#[serde(tag = "type")]`, its variants boxed as in the generated
//! unions, their structs without their own `type` field, unknown types as a unit
//! `#[serde(other)]` variant).
//!
//! The field lists are those of the generated models (`generated-client/src/models/`) for
//! `TeamsResponse`, `CasesResponse` and `EscalationPolicy`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

type DateTime = chrono::DateTime<chrono::Utc>;

// ---- TeamsResponse -----------------------------------------------------------------------

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamsResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<Team>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub included: Option<Vec<TeamIncluded>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<TeamsResponseLinks>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<TeamsResponseMeta>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Team {
    pub attributes: TeamAttributes,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationships: Option<TeamRelationships>,
    #[serde(rename = "type")]
    pub type_: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub banner: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub handle: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden_modules: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_count: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<DateTime>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_count: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visible_modules: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamRelationships {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_links: Option<RelationshipToTeamLinks>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_team_permissions: Option<RelationshipToUserTeamPermission>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RelationshipToTeamLinks {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<RelationshipData>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<TeamRelationshipsLinks>,
}

/// `{id, type}`: every `Relationship...Data` of the spec has this shape.
#[derive(Debug, Deserialize, Serialize)]
pub struct RelationshipData {
    pub id: String,
    #[serde(rename = "type")]
    pub type_: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamRelationshipsLinks {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RelationshipToUserTeamPermission {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<RelationshipData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<TeamRelationshipsLinks>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type")]
pub enum TeamIncluded {
    #[serde(rename = "users")]
    User(Box<User>),
    #[serde(rename = "team_links")]
    TeamLink(Box<TeamLink>),
    #[serde(rename = "user_team_permissions")]
    UserTeamPermission(Box<UserTeamPermission>),
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct User {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<UserAttributes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationships: Option<UserResponseRelationships>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct UserAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct UserResponseRelationships {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org: Option<RelationshipToOne>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_orgs: Option<RelationshipToMany>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_users: Option<RelationshipToMany>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<RelationshipToRoles>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RelationshipToOne {
    pub data: RelationshipData,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RelationshipToMany {
    pub data: Vec<RelationshipData>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RelationshipToRoles {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<RelationshipToRoleData>>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct RelationshipToRoleData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamLink {
    pub attributes: TeamLinkAttributes,
    pub id: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamLinkAttributes {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
    pub url: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct UserTeamPermission {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<UserTeamPermissionAttributes>,
    pub id: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct UserTeamPermissionAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions: Option<BTreeMap<String, bool>>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamsResponseLinks {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub self_: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamsResponseMeta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<TeamsResponseMetaPagination>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamsResponseMetaPagination {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_offset: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_offset: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_offset: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev_offset: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
}

// ---- CasesResponse -----------------------------------------------------------------------

#[derive(Debug, Deserialize, Serialize)]
pub struct CasesResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<Case>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<CasesResponseMeta>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct Case {
    pub attributes: CaseAttributes,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationships: Option<CaseRelationships>,
    #[serde(rename = "type")]
    pub type_: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct CaseAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jira_issue: Option<JiraIssue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_at: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_now_ticket: Option<ServiceNowTicket>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct JiraIssue {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<JiraIssueResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct JiraIssueResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_key: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct ServiceNowTicket {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<ServiceNowTicketResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct ServiceNowTicketResult {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sys_target_link: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct CaseRelationships {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<NullableRelationshipToOne>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by: Option<NullableRelationshipToOne>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_by: Option<NullableRelationshipToOne>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<RelationshipToOne>,
}

/// `NullableUserRelationship`: `data` is required and nullable.
#[derive(Debug, Deserialize, Serialize)]
pub struct NullableRelationshipToOne {
    pub data: Option<RelationshipData>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct CasesResponseMeta {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<CasesResponseMetaPagination>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct CasesResponseMetaPagination {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

// ---- EscalationPolicy --------------------------------------------------------------------

#[derive(Debug, Deserialize, Serialize)]
pub struct EscalationPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<EscalationPolicyData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub included: Option<Vec<EscalationPolicyIncluded>>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct EscalationPolicyData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<EscalationPolicyDataAttributes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationships: Option<EscalationPolicyDataRelationships>,
    #[serde(rename = "type")]
    pub type_: String,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct EscalationPolicyDataAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolve_page_on_policy_end: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<i64>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct EscalationPolicyDataRelationships {
    pub steps: OptionalRelationshipToMany,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teams: Option<OptionalRelationshipToMany>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct OptionalRelationshipToMany {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<RelationshipData>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type")]
pub enum EscalationPolicyIncluded {
    #[serde(rename = "teams")]
    TeamReference(Box<TeamReference>),
    #[serde(rename = "steps")]
    EscalationPolicyStep(Box<EscalationPolicyStep>),
    #[serde(rename = "users")]
    UserTarget(Box<Target>),
    #[serde(rename = "schedules")]
    ScheduleTarget(Box<Target>),
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamReference {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<TeamReferenceAttributes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationships: Option<TeamReferenceRelationships>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamReferenceAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct TeamReferenceRelationships {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oncall_users: Option<OptionalRelationshipToMany>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct EscalationPolicyStep {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<EscalationPolicyStepAttributes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationships: Option<EscalationPolicyStepRelationships>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct EscalationPolicyStepAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalate_after_seconds: Option<i64>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct EscalationPolicyStepRelationships {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub targets: Option<EscalationPolicyStepRelationshipsTargets>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct EscalationPolicyStepRelationshipsTargets {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<EscalationTarget>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(tag = "type")]
pub enum EscalationTarget {
    #[serde(rename = "teams")]
    TeamTarget(Box<Target>),
    #[serde(rename = "users")]
    UserTarget(Box<Target>),
    #[serde(rename = "schedules")]
    ScheduleTarget(Box<Target>),
    #[serde(other)]
    Unknown,
}

/// `TeamTarget`, `UserTarget`, `ScheduleTarget` (their `type` is the enum's tag).
#[derive(Debug, Deserialize, Serialize)]
pub struct Target {
    pub id: String,
}
