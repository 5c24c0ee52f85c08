//! Lists incident teams (deprecated, unstable operations: switched on explicitly here).
//!
//! `DD_API_KEY=… DD_APP_KEY=… cargo run -p datadog-v2-client --example incident_teams`

#[path = "common/mod.rs"]
mod common;

use datadog_v2_client::apis::IncidentTeamsApi;
use datadog_v2_client::apis::incident_teams::ListIncidentTeamsOptionalParams;

#[tokio::main]
#[allow(deprecated)]
async fn main() {
    let api = IncidentTeamsApi::new(common::client_from_env(&["list_incident_teams"]));
    let teams =
        api.list_incident_teams(ListIncidentTeamsOptionalParams::default()).await.unwrap_or_else(|e| common::fail(e));
    for team in teams.data {
        println!("{:?} {:?}", team.id, team.attributes.and_then(|a| a.name));
    }
}
