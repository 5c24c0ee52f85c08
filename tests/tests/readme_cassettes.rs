//! The README's cassette example ("Testing your code", "Against the real API: cassettes"),
//! verbatim between the markers below (a test checks that the README still shows exactly this
//! code), run as a user's test file would be: it replays the committed
//! `tests/cassettes/all_handles_reads_the_teams_of_the_api.json` (made by the recording proxy
//! against a local server standing in for the API, so that no key was ever involved).

mod common;

// README example start
use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::testing::Cassette;
use datadog_v2_client::{Client, Error};
use futures_util::TryStreamExt;

/// Your code: the handle and description of every team, across pages.
async fn all_teams(client: &Client) -> Result<Vec<(String, Option<String>)>, Error> {
    let teams = TeamsApi::new(client.clone());
    let stream = teams.list_teams_with_pagination(Default::default());
    stream.map_ok(|team| (team.attributes.handle, team.attributes.description.into_option())).try_collect().await
}

#[tokio::test]
async fn all_handles_reads_the_teams_of_the_api() {
    // With DD_CASSETTES=record (and DD_API_KEY, DD_APP_KEY): calls the API, then writes the
    // cassette. Without it (CI): replays the cassette, offline.
    let cassette = Cassette::builder("tests/cassettes/all_handles_reads_the_teams_of_the_api.json")
        .scrub(|text| text.replace("alice@example.com", "owner@example.com"))
        .start()
        .await
        .unwrap();

    let teams = all_teams(&cassette.client()).await.unwrap();
    assert!(teams.iter().any(|(handle, _)| handle == "infra"));
    assert!(teams.iter().all(|(_, description)| !description.as_deref().unwrap_or("").contains("alice")));

    // Fails if a request matched no recorded interaction, or one was never used.
    cassette.finish().await.unwrap();
}
// README example end

/// The README shows this file's example code, unchanged.
#[test]
fn the_readme_shows_this_example() {
    common::assert_readme_shows_example(include_str!("readme_cassettes.rs"), "readme_cassettes.rs");
}
