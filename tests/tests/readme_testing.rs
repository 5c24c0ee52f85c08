//! The README's "Testing your code" example, verbatim between the markers below (a test checks
//! that the README still shows exactly this code), run as a user's test file would be.

mod common;

// README example start
use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::models::{Team, TeamAttributes, TeamResponse, TeamType, TeamsResponse};
use datadog_v2_client::testing::MockServer;
use datadog_v2_client::{Client, Error};
use futures_util::TryStreamExt;

/// Your code: the name of a team, `None` when there is no such team.
async fn team_name(client: &Client, id: &str) -> Result<Option<String>, Error> {
    match TeamsApi::new(client.clone()).get_team(id, Default::default()).await {
        Ok(response) => Ok(response.data.map(|team| team.attributes.name)),
        Err(Error::Api(e)) if e.status == 404 => Ok(None),
        Err(e) => Err(e),
    }
}

/// Your code: the handle of every team, across pages.
async fn all_handles(client: &Client) -> Result<Vec<String>, Error> {
    let teams = TeamsApi::new(client.clone());
    let stream = teams.list_teams_with_pagination(Default::default());
    stream.map_ok(|team| team.attributes.handle).try_collect().await
}

#[tokio::test]
async fn team_name_reads_the_team_and_a_404_is_none() {
    let mock = MockServer::start().await;
    let team = Team::new(TeamAttributes::new("infra", "Infrastructure"), "abc", TeamType::Team);
    let get = mock.get_team("abc").times(1).respond(200, TeamResponse::new().data(team)).await;
    mock.get_team("gone").respond_error(404, "team not found").await;

    let client = mock.client();
    assert_eq!(team_name(&client, "abc").await.unwrap().as_deref(), Some("Infrastructure"));
    assert_eq!(team_name(&client, "gone").await.unwrap(), None);
    assert_eq!(get.calls().await, 1);
}

#[tokio::test]
async fn all_handles_reads_every_page() {
    let mock = MockServer::start().await;
    let team = |handle: &str| Team::new(TeamAttributes::new(handle, handle), handle, TeamType::Team);
    let pages = vec![
        TeamsResponse::new().data((0..100).map(|i| team(&format!("t{i}"))).collect::<Vec<_>>()),
        TeamsResponse::new().data([team("last")]),
    ];
    let list = mock.list_teams().respond_pages(pages).await;

    let handles = all_handles(&mock.client()).await.unwrap();
    assert_eq!(handles.len(), 101);
    assert_eq!(handles[100], "last");
    assert_eq!(list.calls().await, 2);
}
// README example end

/// The README shows this file's example code, unchanged.
#[test]
fn the_readme_shows_this_example() {
    common::assert_readme_shows_example(include_str!("readme_testing.rs"), "readme_testing.rs");
}
