//! Shared by the examples: a client from the environment, or a clear message and exit code 2.

// Each example uses only some of these helpers.
#![allow(dead_code)]

use datadog_v2_client::{Client, Configuration};

/// Builds a client from `DD_API_KEY`, `DD_APP_KEY` and `DD_SITE`, enabling `unstable` operations.
pub fn client_from_env(unstable: &[&str]) -> Client {
    let config = match Configuration::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("Set DD_API_KEY and DD_APP_KEY (and DD_SITE if your organization is not on datadoghq.com).");
            std::process::exit(2);
        }
    };
    let config = unstable.iter().fold(config, |config, op| config.enable_unstable_operation(op));
    Client::new(config).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    })
}

/// The n-th command-line argument, or the usage and exit code 2.
pub fn arg(n: usize, usage: &str) -> String {
    std::env::args().nth(n).unwrap_or_else(|| {
        eprintln!("usage: {usage}");
        std::process::exit(2);
    })
}

/// Prints an error and exits with code 1.
pub fn fail(e: datadog_v2_client::Error) -> ! {
    eprintln!("error: {e}");
    std::process::exit(1);
}
