//! The `testing` feature, used as a user's tests would use it: some application code that calls
//! the client (`app` below), tested against `datadog_v2_client::testing::MockServer` with no
//! hand-written path, query name or JSON.

use datadog_v2_client::apis::incident_teams::ListIncidentTeamsOptionalParams;
use datadog_v2_client::apis::teams::ListTeamsOptionalParams;
use datadog_v2_client::models::*;
use datadog_v2_client::testing::MockServer;
use datadog_v2_client::{Client, Error};
use futures::{FutureExt, TryStreamExt};

/// The application under test: code a user writes on top of the client.
mod app {
    use super::*;
    use datadog_v2_client::apis::{CaseManagementApi, IncidentTeamsApi, TeamsApi};

    /// The name of a team, or `None` when there is no such team.
    pub async fn team_name(client: &Client, id: &str) -> Result<Option<String>, Error> {
        match TeamsApi::new(client.clone()).get_team(id, Default::default()).await {
            Ok(response) => Ok(response.data.map(|team| team.attributes.name)),
            Err(Error::Api(e)) if e.status == 404 => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Opens a case for a full disk; the message of a refusal.
    pub async fn report_full_disk(client: &Client, host: &str) -> Result<String, String> {
        let attributes = CaseCreateAttributes::new(format!("Disk full on {host}"), CaseType::Standard);
        let request = CaseCreateRequest::new(CaseCreate::new(attributes, CaseResourceType::Case));
        match CaseManagementApi::new(client.clone()).create_case(request, Default::default()).await {
            Ok(response) => Ok(response.data.map(|case| case.id).unwrap_or_default()),
            Err(Error::Api(e)) => Err(e.titles().collect::<Vec<_>>().join("; ")),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The handles of every team, across pages of `page_size`.
    pub async fn all_handles(client: &Client, page_size: i64) -> Result<Vec<String>, Error> {
        let teams = TeamsApi::new(client.clone());
        let params = ListTeamsOptionalParams::default().page_size(page_size);
        teams.list_teams_with_pagination(params).map_ok(|team| team.attributes.handle).try_collect().await
    }

    /// The names of the incident teams matching `filter`, across pages.
    #[allow(deprecated)] // the operation is deprecated in the spec
    pub async fn incident_team_names(client: &Client, filter: &str) -> Result<Vec<String>, Error> {
        let api = IncidentTeamsApi::new(client.clone());
        let params = ListIncidentTeamsOptionalParams::default().page_size(2).filter(filter.to_owned());
        api.list_incident_teams_with_pagination(params)
            .map_ok(|team| team.attributes.and_then(|a| a.name).unwrap_or_default())
            .try_collect()
            .await
    }
}

fn team(id: &str, handle: &str, name: &str) -> Team {
    Team::new(TeamAttributes::new(handle.to_owned(), name.to_owned()), id.to_owned(), TeamType::Team)
}

fn teams_page(teams: Vec<Team>) -> TeamsResponse {
    TeamsResponse::new().data(teams)
}

#[tokio::test]
async fn get_team_answers_the_configured_team_once() {
    let mock = MockServer::start().await;
    let get = mock
        .get_team("abc")
        .times(1)
        .respond(200, TeamResponse::new().data(team("abc", "infra", "Infrastructure")))
        .await;
    assert_eq!(app::team_name(&mock.client(), "abc").await.unwrap().as_deref(), Some("Infrastructure"));
    assert_eq!(get.calls().await, 1);
}

#[tokio::test]
async fn a_path_parameter_is_matched_as_the_client_encodes_it() {
    let mock = MockServer::start().await;
    let get = mock.get_team("a/b c?").respond(200, TeamResponse::new().data(team("x", "h", "Odd"))).await;
    assert_eq!(app::team_name(&mock.client(), "a/b c?").await.unwrap().as_deref(), Some("Odd"));
    // Another id matches no expectation: the server answers 404, which the app reads as "none".
    assert_eq!(app::team_name(&mock.client(), "a").await.unwrap(), None);
    assert_eq!(get.calls().await, 1);
}

#[tokio::test]
async fn respond_error_gives_the_api_error_shape_and_with_body_matches_the_request() {
    let mock = MockServer::start().await;
    let expected = CaseCreateRequest::new(CaseCreate::new(
        CaseCreateAttributes::new("Disk full on db-1".to_owned(), CaseType::Standard),
        CaseResourceType::Case,
    ));
    let create = mock.create_case().with_body(expected).respond_error(404, "case not found").await;
    assert_eq!(app::report_full_disk(&mock.client(), "db-1").await, Err("case not found".to_owned()));
    // Another body does not match: the unmatched answer names the request.
    let other = app::report_full_disk(&mock.client(), "db-2").await.unwrap_err();
    assert!(other.contains("no expectation of the mock server matches POST /api/v2/cases"), "{other}");
    assert_eq!(create.calls().await, 1);
    let bodies: Vec<CaseCreateRequest> = create.bodies().await;
    assert_eq!(bodies[0].data.attributes.title, "Disk full on db-1");
}

#[tokio::test]
async fn respond_pages_serves_each_page_then_the_stream_ends() {
    let mock = MockServer::start().await;
    let page0 = teams_page(vec![team("1", "a", "A"), team("2", "b", "B")]);
    let page1 = teams_page(vec![team("3", "c", "C")]);
    let list = mock.list_teams().respond_pages(vec![page0, page1]).await;
    assert_eq!(app::all_handles(&mock.client(), 2).await.unwrap(), ["a", "b", "c"]);
    // Two pages: the second is short, so the stream stops without asking for a third.
    assert_eq!(list.calls().await, 2);
}

#[tokio::test]
async fn after_a_full_last_page_the_mock_answers_an_empty_page() {
    let mock = MockServer::start().await;
    let page0 = teams_page(vec![team("1", "a", "A"), team("2", "b", "B")]);
    let page1 = teams_page(vec![team("3", "c", "C"), team("4", "d", "D")]);
    let list = mock.list_teams().respond_pages(vec![page0, page1]).await;
    assert_eq!(app::all_handles(&mock.client(), 2).await.unwrap(), ["a", "b", "c", "d"]);
    assert_eq!(list.calls().await, 3);
}

#[tokio::test]
async fn offset_pages_and_typed_query_parameters_of_an_unstable_operation() {
    let mock = MockServer::start().await;
    let named = |name: &str| {
        IncidentTeamResponseData::new().attributes(IncidentTeamResponseAttributes::new().name(name.to_owned()))
    };
    let pages = vec![
        IncidentTeamsResponse::new(vec![named("ops"), named("db")]),
        IncidentTeamsResponse::new(vec![named("net")]),
    ];
    let list = mock
        .list_incident_teams()
        .with_params(ListIncidentTeamsOptionalParams::default().filter("o".to_owned()))
        .respond_pages(pages)
        .await;
    // The mock's client has the unstable operations switched on.
    assert_eq!(app::incident_team_names(&mock.client(), "o").await.unwrap(), ["ops", "db", "net"]);
    assert_eq!(list.calls().await, 2);
    // Another filter is not matched.
    let error = app::incident_team_names(&mock.client(), "x").await.unwrap_err();
    assert!(matches!(&error, Error::Api(e) if e.status == 404), "{error:?}");
    assert_eq!(list.calls().await, 2);
}

#[tokio::test]
async fn respond_empty_answers_a_delete() {
    let mock = MockServer::start().await;
    let delete = mock.delete_team("abc").times(1).respond_empty(204).await;
    datadog_v2_client::apis::TeamsApi::new(mock.client()).delete_team("abc", Default::default()).await.unwrap();
    assert_eq!(delete.calls().await, 1);
}

#[tokio::test]
async fn an_unmet_call_count_fails_verify() {
    let mock = MockServer::start().await;
    mock.get_team("abc").times(2).respond(200, TeamResponse::new().data(team("abc", "h", "n"))).await;
    app::team_name(&mock.client(), "abc").await.unwrap();
    let verified = std::panic::AssertUnwindSafe(mock.verify()).catch_unwind().await;
    assert!(verified.is_err(), "one call of two expected must fail verify");
    // The second call meets the count, so the check when `mock` is dropped passes.
    app::team_name(&mock.client(), "abc").await.unwrap();
    mock.verify().await;
}
