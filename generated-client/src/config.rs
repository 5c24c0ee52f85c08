//! Configuration: keys, site or base URL, timeouts, retries, unstable operations, the HTTP
//! stack's settings (proxy, root certificates, pool) and hooks.

use std::collections::BTreeSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderMap;

use crate::Error;
use crate::hooks::{RequestHook, RequestInfo, ResponseHook, ResponseInfo};
use crate::redact::redact_url;

/// The Datadog sites the API is served from (the spec's `site` server variable).
pub const SITES: [&str; 6] =
    ["datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "datadoghq.eu", "ap1.datadoghq.com", "ddog-gov.com"];

/// The site used when none is given.
pub const DEFAULT_SITE: &str = "datadoghq.com";

/// A key that never shows in `Debug` output, errors or logs.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(pub(crate) String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// When and how often to retry.
///
/// A 429 is retried for any method after the wait the server asks for (`X-RateLimit-Reset` or
/// `Retry-After`); 5xx answers and transport errors are retried with exponential backoff and
/// jitter, for idempotent methods (GET, PUT, DELETE) only unless
/// [`retry_non_idempotent`](Self::retry_non_idempotent) is set. Attempts and the whole call's time
/// are bounded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = no retry).
    pub max_attempts: u32,
    /// The first backoff; each retry doubles it, up to `max_backoff`.
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    /// The whole call, attempts and waits included, ends within this: a retry starts only if
    /// its wait ends before it, and an attempt still running when it is reached fails with
    /// [`Error::Deadline`].
    pub max_total: Duration,
    /// Also retry POST and PATCH on 5xx and transport errors.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_total: Duration::from_secs(120),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retry.
    pub fn disabled() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }
}

/// How the client waits between attempts: the real clock by default; tests inject their own.
pub trait Sleeper: Send + Sync + fmt::Debug {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// Waits on tokio's timer.
#[derive(Debug)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// The default of [`Configuration::max_body_size`]: 64 MiB, far above the largest page the API
/// serves (100 cases with their attributes are well under 1 MiB).
pub const DEFAULT_MAX_BODY_SIZE: usize = 64 << 20;

/// The default of [`Configuration::max_pages`].
pub const DEFAULT_MAX_PAGES: usize = 10_000;

/// The default of [`Configuration::max_redirects`].
pub const DEFAULT_MAX_REDIRECTS: usize = 10;

/// Where requests go through.
#[derive(Clone, Debug)]
pub(crate) enum Proxy {
    /// The proxy of the environment: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`.
    Environment,
    /// No proxy, whatever the environment says.
    Disabled,
    /// This proxy for every request.
    Url(String),
}

/// The user's changes to the `reqwest::ClientBuilder` (feature `unstable-reqwest`).
#[cfg(feature = "unstable-reqwest")]
pub(crate) type ConfigureReqwest = Arc<dyn Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync>;

/// Everything a [`Client`](crate::Client) needs. Keys, and the user name and password of the
/// base URL and of the proxy URL, are redacted from `Debug` output.
#[derive(Clone)]
pub struct Configuration {
    pub(crate) api_key: Option<Secret>,
    pub(crate) app_key: Option<Secret>,
    pub(crate) base_url: String,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) user_agent: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) unstable: BTreeSet<String>,
    pub(crate) sleeper: Arc<dyn Sleeper>,
    pub(crate) max_body_size: usize,
    pub(crate) max_pages: usize,
    pub(crate) max_redirects: usize,
    pub(crate) proxy: Proxy,
    pub(crate) root_certificates: Vec<Vec<u8>>,
    pub(crate) pool_idle_timeout: Option<Duration>,
    pub(crate) pool_max_idle_per_host: usize,
    pub(crate) tcp_keepalive: Option<Duration>,
    pub(crate) request_hooks: Vec<RequestHook>,
    pub(crate) response_hooks: Vec<ResponseHook>,
    #[cfg(feature = "unstable-reqwest")]
    pub(crate) configure_reqwest: Vec<ConfigureReqwest>,
}

impl fmt::Debug for Configuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Configuration")
            .field("api_key", &self.api_key)
            .field("app_key", &self.app_key)
            .field("base_url", &redact_url(&self.base_url))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("unstable", &self.unstable)
            .field("sleeper", &self.sleeper)
            .field("max_body_size", &self.max_body_size)
            .field("max_pages", &self.max_pages)
            .field("max_redirects", &self.max_redirects)
            .field(
                "proxy",
                &match &self.proxy {
                    Proxy::Url(url) => format!("Url({})", redact_url(url)),
                    other => format!("{other:?}"),
                },
            )
            .field("root_certificates", &self.root_certificates.len())
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("tcp_keepalive", &self.tcp_keepalive)
            .field("request_hooks", &self.request_hooks.len())
            .field("response_hooks", &self.response_hooks.len())
            .finish()
    }
}

impl Default for Configuration {
    fn default() -> Self {
        Configuration::new()
    }
}

impl Configuration {
    /// No keys, the default site, a 60 s request timeout and a 10 s connect timeout.
    pub fn new() -> Self {
        Configuration {
            api_key: None,
            app_key: None,
            base_url: site_url(DEFAULT_SITE),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            user_agent: format!("{}/{} (rust)", env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")),
            retry: RetryPolicy::default(),
            unstable: BTreeSet::new(),
            sleeper: Arc::new(TokioSleeper),
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            max_pages: DEFAULT_MAX_PAGES,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            proxy: Proxy::Environment,
            root_certificates: Vec::new(),
            pool_idle_timeout: Some(Duration::from_secs(90)),
            pool_max_idle_per_host: usize::MAX,
            tcp_keepalive: Some(Duration::from_secs(15)),
            request_hooks: Vec::new(),
            response_hooks: Vec::new(),
            #[cfg(feature = "unstable-reqwest")]
            configure_reqwest: Vec::new(),
        }
    }

    /// Reads `DD_API_KEY`, `DD_APP_KEY` and `DD_SITE` (default `datadoghq.com`), like the
    /// official clients. Both keys must be set.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), with the variables read through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let non_empty = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let api_key = non_empty("DD_API_KEY").ok_or_else(|| Error::Configuration("DD_API_KEY is not set".into()))?;
        let app_key = non_empty("DD_APP_KEY").ok_or_else(|| Error::Configuration("DD_APP_KEY is not set".into()))?;
        let mut config = Configuration::new().api_key(api_key).app_key(app_key);
        if let Some(site) = non_empty("DD_SITE") {
            config = config.site(&site)?;
        }
        Ok(config)
    }

    /// Sends `DD-API-KEY` with every request.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(Secret(key.into()));
        self
    }

    /// Sends `DD-APPLICATION-KEY` with every request.
    pub fn app_key(mut self, key: impl Into<String>) -> Self {
        self.app_key = Some(Secret(key.into()));
        self
    }

    /// Uses one of [`SITES`]; any other value is an error naming the allowed sites.
    pub fn site(mut self, site: &str) -> Result<Self, Error> {
        let site = site.trim();
        if !SITES.contains(&site) {
            return Err(Error::Configuration(format!(
                "unknown Datadog site `{site}`; use one of: {}",
                SITES.join(", ")
            )));
        }
        self.base_url = site_url(site);
        Ok(self)
    }

    /// Sends requests to this base URL instead of the site's (a proxy, a test server).
    /// Keys are sent only over https, or plain http to a loopback address. A URL with a `?query`
    /// or a `#fragment` is refused by [`Client::new`](crate::Client::new) (it would misroute every
    /// call); a user name or password in it never shows in `Debug` output or errors.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// The whole time one attempt may take (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time a connection may take to open (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Replaces the `User-Agent` (default `datadog-v2-client/VERSION (rust)`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Replaces the retry policy ([`RetryPolicy::disabled`] turns retries off).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Switches on an unstable operation by its typed name, e.g.
    /// `UnstableOperation::ListIncidentTeams`: a misspelt name does not compile.
    pub fn enable_unstable(self, operation: crate::UnstableOperation) -> Self {
        self.enable_unstable_operation(operation.as_str())
    }

    /// Switches on an unstable operation by its method name, e.g. `"list_incident_teams"`
    /// ([`enable_unstable`](Self::enable_unstable) takes a name the compiler checks).
    pub fn enable_unstable_operation(mut self, operation: &str) -> Self {
        self.unstable.insert(operation.to_owned());
        self
    }

    /// Sends every request through this proxy (`http://`, `https://` or `socks5://` URL; a user
    /// name and password in it are sent to the proxy and redacted from `Debug` output and
    /// errors). By default the proxy of the environment is used: `HTTPS_PROXY` (or `https_proxy`),
    /// `HTTP_PROXY`, `ALL_PROXY`, with `NO_PROXY` exceptions. A proxy URL that does not parse is
    /// refused by [`Client::new`](crate::Client::new).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Proxy::Url(url.into());
        self
    }

    /// Connects directly, ignoring the proxy variables of the environment.
    pub fn no_proxy(mut self) -> Self {
        self.proxy = Proxy::Disabled;
        self
    }

    /// Also trusts the root certificates of this PEM text (one or more
    /// `-----BEGIN CERTIFICATE-----` blocks), besides the built-in roots (e.g. a company proxy's
    /// certificate authority). May be called several times. Text without a certificate is refused
    /// by [`Client::new`](crate::Client::new).
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// How long an idle pooled connection is kept open (default 90 s; `None`: no limit).
    pub fn pool_idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// The most idle connections kept open per host (default: no limit; 0 disables the pool).
    pub fn pool_max_idle_per_host(mut self, connections: usize) -> Self {
        self.pool_max_idle_per_host = connections;
        self
    }

    /// Turns on TCP keep-alive, with probes after this idle time (default 15 s; `None`: off).
    pub fn tcp_keepalive(mut self, interval: Option<Duration>) -> Self {
        self.tcp_keepalive = interval;
        self
    }

    /// The most redirects followed within one attempt (default [`DEFAULT_MAX_REDIRECTS`], 10).
    /// Only redirects within the base URL's origin (scheme, host, port) are followed, whatever
    /// this says: one to another origin fails with a
    /// [`TransportErrorKind::Redirect`](crate::TransportErrorKind::Redirect) error, without
    /// sending anything there.
    pub fn max_redirects(mut self, redirects: usize) -> Self {
        self.max_redirects = redirects;
        self
    }

    /// Calls `hook` before each attempt of every call (retries included) with the attempt's
    /// operation, method, path template and number, and the headers it will send, which `hook`
    /// may add to (a trace context, a proxy's authentication). Hooks run in the order they were
    /// added, after the client's own headers are set.
    pub fn on_request(mut self, hook: impl Fn(&RequestInfo<'_>, &mut HeaderMap) + Send + Sync + 'static) -> Self {
        self.request_hooks.push(Arc::new(hook));
        self
    }

    /// Calls `hook` after each attempt of every call (retries included): its operation, method,
    /// path template, number and elapsed time, and its status and headers, or its error (see
    /// [`ResponseInfo`]). For metrics, or reading rate-limit headers on calls that do not return
    /// them.
    pub fn on_response(mut self, hook: impl Fn(&ResponseInfo<'_>) + Send + Sync + 'static) -> Self {
        self.response_hooks.push(Arc::new(hook));
        self
    }

    /// **Not covered by semver** (feature `unstable-reqwest`): changes the `reqwest::ClientBuilder`
    /// the client is built from, after this configuration's own settings, for what the
    /// configuration does not offer. Any release may upgrade reqwest and break code using this.
    /// Whatever `configure` sets, reqwest's redirects are then turned off (the client follows
    /// redirects itself, within the base URL's origin only: [`max_redirects`](Self::max_redirects)),
    /// and so is its `connection_verbose` logging, which would write the keys' headers to the log.
    #[cfg(feature = "unstable-reqwest")]
    #[cfg_attr(docsrs, doc(cfg(feature = "unstable-reqwest")))]
    pub fn configure_reqwest(
        mut self,
        configure: impl Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync + 'static,
    ) -> Self {
        self.configure_reqwest.push(Arc::new(configure));
        self
    }

    /// The largest response body read, in bytes (default [`DEFAULT_MAX_BODY_SIZE`], 64 MiB). A
    /// larger body fails with [`Error::BodyTooLarge`] without reading beyond the limit.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// The most pages a `_with_pagination` stream fetches (default [`DEFAULT_MAX_PAGES`],
    /// 10,000); a server that still returns full pages then ends the stream with
    /// [`Error::Pagination`].
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.max_pages = pages;
        self
    }

    /// Replaces the clock the retries wait on (for tests).
    pub fn sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> Self {
        self.sleeper = sleeper;
        self
    }

    /// The base URL requests go to.
    pub fn get_base_url(&self) -> &str {
        &self.base_url
    }
}

fn site_url(site: &str) -> String {
    format!("https://api.{site}")
}
