//! Shows an On-Call schedule and, optionally, an escalation policy.
//!
//! `DD_API_KEY=… DD_APP_KEY=… cargo run -p datadog-v2-client --example on_call -- SCHEDULE_ID [POLICY_ID]`

#[path = "common/mod.rs"]
mod common;

use datadog_v2_client::apis::OnCallApi;
use datadog_v2_client::apis::on_call::{GetOnCallEscalationPolicyOptionalParams, GetOnCallScheduleOptionalParams};

#[tokio::main]
async fn main() {
    let schedule_id = common::arg(1, "on_call SCHEDULE_ID [POLICY_ID]");
    let api = OnCallApi::new(common::client_from_env(&[]));
    let schedule = api
        .get_on_call_schedule(&schedule_id, GetOnCallScheduleOptionalParams::default().include("layers"))
        .await
        .unwrap_or_else(|e| common::fail(e));
    println!("{}", serde_json::to_string_pretty(&schedule).expect("models serialize"));
    if let Some(policy_id) = std::env::args().nth(2) {
        let policy = api
            .get_on_call_escalation_policy(&policy_id, GetOnCallEscalationPolicyOptionalParams::default())
            .await
            .unwrap_or_else(|e| common::fail(e));
        println!("{}", serde_json::to_string_pretty(&policy).expect("models serialize"));
    }
}
