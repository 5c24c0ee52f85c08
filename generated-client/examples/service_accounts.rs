//! Lists the application keys of a service account.
//!
//! `DD_API_KEY=… DD_APP_KEY=… cargo run -p datadog-v2-client --example service_accounts -- SERVICE_ACCOUNT_ID`

#[path = "common/mod.rs"]
mod common;

use datadog_v2_client::apis::ServiceAccountsApi;
use datadog_v2_client::apis::service_accounts::ListServiceAccountApplicationKeysOptionalParams;
use futures_util::StreamExt;

#[tokio::main]
async fn main() {
    let account = common::arg(1, "service_accounts SERVICE_ACCOUNT_ID");
    let api = ServiceAccountsApi::new(common::client_from_env(&[]));
    let stream = api.list_service_account_application_keys_with_pagination(
        &account,
        ListServiceAccountApplicationKeysOptionalParams::default(),
    );
    futures_util::pin_mut!(stream);
    while let Some(key) = stream.next().await {
        let key = key.unwrap_or_else(|e| common::fail(e));
        println!("{:?} {:?}", key.id, key.attributes.and_then(|a| a.name));
    }
}
