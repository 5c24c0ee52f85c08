//! Lists the Case Management projects and the first cases.
//!
//! `DD_API_KEY=… DD_APP_KEY=… cargo run -p datadog-v2-client --example case_management`

#[path = "common/mod.rs"]
mod common;

use datadog_v2_client::apis::CaseManagementApi;
use datadog_v2_client::apis::case_management::SearchCasesOptionalParams;
use futures_util::StreamExt;

#[tokio::main]
async fn main() {
    let cases = CaseManagementApi::new(common::client_from_env(&[]));
    let projects = cases.get_projects(Default::default()).await.unwrap_or_else(|e| common::fail(e));
    for project in projects.data.unwrap_or_default() {
        println!("project {} {:?}", project.id, project.attributes.name);
    }
    let stream = cases.search_cases_with_pagination(SearchCasesOptionalParams::default().page_size(20)).take(20);
    futures_util::pin_mut!(stream);
    while let Some(case) = stream.next().await {
        let case = case.unwrap_or_else(|e| common::fail(e));
        println!("case {} {:?}", case.id, case.attributes.title);
    }
}
