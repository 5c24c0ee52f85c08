//! Lists every team of the organization, page by page.
//!
//! `DD_API_KEY=… DD_APP_KEY=… cargo run -p datadog-v2-client --example teams [TEAM_ID]`
//! With a team id, also lists that team's members.

#[path = "common/mod.rs"]
mod common;

use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::apis::teams::{GetTeamMembershipsOptionalParams, ListTeamsOptionalParams};
use futures_util::StreamExt;

#[tokio::main]
async fn main() {
    let teams = TeamsApi::new(common::client_from_env(&[]));
    let stream = teams.list_teams_with_pagination(ListTeamsOptionalParams::default().page_size(100));
    futures_util::pin_mut!(stream);
    let mut count = 0;
    while let Some(team) = stream.next().await {
        let team = team.unwrap_or_else(|e| common::fail(e));
        println!("{:<40} {:<30} {}", team.id, team.attributes.handle, team.attributes.name);
        count += 1;
    }
    println!("{count} team(s)");

    if let Some(team_id) = std::env::args().nth(1) {
        let members = teams
            .get_team_memberships(&team_id, GetTeamMembershipsOptionalParams::default())
            .await
            .unwrap_or_else(|e| common::fail(e));
        for membership in members.data.unwrap_or_default() {
            println!("member {}", membership.id);
        }
    }
}
