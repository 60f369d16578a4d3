//! The server: which addresses are accepted, the credentials, requests and responses as plain
//! data, what an answer means, and the words of the sync status.

use base64::Engine;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What the user typed in the Sync dialog.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Config {
    /// The server's address, such as `https://couch.example.org` (a path is allowed, for a
    /// server behind a proxy).
    pub url: String,
    /// The database.
    pub database: String,
    /// The user name; empty for a database open to anyone.
    #[serde(default)]
    pub user: String,
    /// The password; never exported, kept only when the user asks for it.
    #[serde(default)]
    pub password: String,
}

/// The connection as this browser keeps it (in `localStorage`, never in an export): the
/// password only when the user ticked **Remember on this device**.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Saved {
    /// The configuration; its password is empty unless remembered.
    pub config: Config,
    /// Whether the password is remembered.
    pub remember: bool,
}

impl Saved {
    /// What to keep of `config`.
    pub fn new(config: &Config, remember: bool) -> Saved {
        let mut config = config.clone();
        if !remember {
            config.password.clear();
        }
        Saved { config, remember }
    }

    /// Its text.
    pub fn encode(&self) -> String {
        crate::core::json::to_text(self).unwrap_or_default()
    }

    /// Reads it; `None` if it is not one.
    pub fn decode(text: &str) -> Option<Saved> {
        crate::core::json::from_text(text).ok()
    }
}

impl Config {
    /// Whether a password must be given first: a user name without one (a password not
    /// remembered on this device).
    pub fn needs_password(&self) -> bool {
        !self.user.is_empty() && self.password.is_empty()
    }
}

/// Why a configuration is refused before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// Not an address at all.
    NotAnAddress,
    /// Not `https:`, nor `http:` on this machine.
    NotSecure,
    /// A user name or password inside the address.
    CredentialsInAddress,
    /// A query or fragment in the address.
    QueryInAddress,
    /// Not a CouchDB database name.
    BadDatabase,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConfigError::NotAnAddress => "The server URL is not an address, such as https://couch.example.org.",
            ConfigError::NotSecure => "Use an https: address (http: only for localhost or 127.0.0.1): a password sent over http: can be read on the way.",
            ConfigError::CredentialsInAddress => "Put the user name and password in their own fields, not in the server URL.",
            ConfigError::QueryInAddress => "The server URL cannot have a ? or # part.",
            ConfigError::BadDatabase => "A database name starts with a lower-case letter and has only lower-case letters, digits and _ $ ( ) + - /.",
        })
    }
}

/// A server and database the app may talk to: the address checked, the credentials ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    base: String,
    origin: String,
    database: String,
    auth: Option<String>,
}

/// Whether `host` (with its port, if any) is this machine.
fn is_loopback(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "::1"
    )
}

impl Server {
    /// Checks `config`: only `https:`, or `http:` on `localhost`/`127.0.0.1`/`[::1]`; no
    /// credentials, query or fragment in the address; a CouchDB database name.
    pub fn new(config: &Config) -> Result<Server, ConfigError> {
        let url = config.url.trim();
        let (scheme, rest) = url.split_once("://").ok_or(ConfigError::NotAnAddress)?;
        let scheme = scheme.to_ascii_lowercase();
        if rest.contains(['?', '#']) {
            return Err(ConfigError::QueryInAddress);
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(ConfigError::CredentialsInAddress);
        }
        if authority.is_empty()
            || authority.starts_with(':')
            || authority
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
            || path.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(ConfigError::NotAnAddress);
        }
        match scheme.as_str() {
            "https" => {}
            "http" if is_loopback(authority) => {}
            "http" => return Err(ConfigError::NotSecure),
            _ => return Err(ConfigError::NotSecure),
        }
        let database = config.database.trim();
        let mut chars = database.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c))
            && database.len() <= 238;
        if !valid {
            return Err(ConfigError::BadDatabase);
        }
        let origin = format!("{scheme}://{}", authority.to_ascii_lowercase());
        let auth = (!config.user.is_empty()).then(|| {
            let pair = format!("{}:{}", config.user, config.password);
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair.as_bytes())
            )
        });
        Ok(Server {
            base: format!("{origin}{path}"),
            origin,
            database: database.to_owned(),
            auth,
        })
    }

    /// The server's root, no trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The only origin credentials are sent to.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The database's name.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// The `Authorization` header, if there are credentials.
    pub fn authorization(&self) -> Option<&str> {
        self.auth.as_deref()
    }

    /// The database's address followed by `path` (which starts with `/` or is empty).
    pub fn db_url(&self, path: &str) -> String {
        format!("{}/{}{path}", self.base, encode_component(&self.database))
    }
}

/// Percent-encodes a path segment or query value: everything but unreserved characters.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// GET.
    Get,
    /// PUT.
    Put,
    /// POST.
    Post,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
        }
    }
}

/// One request, as the shell sends it: JSON body, `Accept: application/json`, the
/// `Authorization` header only to the server's origin, no cookies, no redirects followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The whole address.
    pub url: String,
    /// The JSON body.
    pub body: Option<String>,
    /// A long poll: the shell may interrupt it when there is something to send.
    pub long_poll: bool,
}

/// A response: its status and body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: String,
}

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetError {
    /// The network failed (no connection, refused, reset, a redirect not followed).
    Failed(String),
    /// The shell interrupted a long poll (there is something to send).
    Interrupted,
}

/// Sends requests: the shell's `fetch`, recorded responses in tests.
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Sends one request.
    async fn send(&self, request: Request) -> Result<Response, NetError>;
}

/// Why syncing stopped (it does not start again by itself). Newtype variants, as in
/// [`super::FromSyncer`]: the page reads them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// 401.
    Unauthorized,
    /// 403 on the database (its name).
    Forbidden(String),
    /// The address (given) answers, but not as CouchDB.
    NotCouch(String),
    /// The database (named) does not exist (the user may create it).
    NoDatabase(String),
    /// The password was not remembered on this device: the user must give it again.
    PasswordNeeded,
    /// Any other refusal, in the server's words.
    Refused(String),
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Unauthorized => f.write_str("wrong user name or password"),
            Stop::Forbidden(database) => write!(f, "no access to database {database}"),
            Stop::NotCouch(url) => write!(f, "{url} is not a CouchDB server"),
            Stop::NoDatabase(database) => write!(f, "database {database} does not exist"),
            Stop::PasswordNeeded => {
                f.write_str("enter the password again (it is not remembered on this device)")
            }
            Stop::Refused(message) => f.write_str(message),
        }
    }
}

/// Where sync stands, as the header says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Checking the server and database.
    Connecting,
    /// Nothing to send, nothing to receive.
    UpToDate,
    /// Sending `n` documents.
    Sending(usize),
    /// Receiving `n` documents.
    Receiving(usize),
    /// The server cannot be reached; trying again.
    Offline,
    /// Another tab of this browser syncs the library (one does, for all of them); this one
    /// takes over if that tab closes.
    Elsewhere,
    /// Stopped, and why.
    Stopped(Stop),
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Connecting => f.write_str("Connecting…"),
            Status::UpToDate => f.write_str("Up to date"),
            Status::Sending(n) => write!(f, "Sending {n}"),
            Status::Receiving(n) => write!(f, "Receiving {n}"),
            Status::Offline => f.write_str("Offline — will retry"),
            Status::Elsewhere => f.write_str("Syncing in another tab"),
            Status::Stopped(stop) => write!(f, "Stopped: {stop}"),
        }
    }
}

/// What went wrong in a step of the protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// The network failed or the server had an error of its own (5xx): try again later,
    /// from the last checkpoint.
    Retry(String),
    /// A long poll was interrupted: go on at once.
    Interrupted,
    /// Stop, and say why.
    Stop(Stop),
}

/// What the request was for, to say what its 404 means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asking {
    Root,
    Database,
    Other,
}

/// The server's `reason`, if the body is a CouchDB error.
fn reason(body: &str) -> String {
    #[derive(Deserialize)]
    struct Error {
        #[serde(default)]
        error: String,
        #[serde(default)]
        reason: String,
    }
    match serde_json::from_str::<Error>(body) {
        Ok(e) if !e.reason.is_empty() => e.reason,
        Ok(e) if !e.error.is_empty() => e.error,
        _ => body.chars().take(120).collect(),
    }
}

/// What a response means: itself when 2xx, else the error.
pub(crate) fn check(
    server: &Server,
    asking: Asking,
    result: Result<Response, NetError>,
) -> Result<Response, SyncError> {
    let response = match result {
        Ok(r) => r,
        Err(NetError::Interrupted) => return Err(SyncError::Interrupted),
        Err(NetError::Failed(why)) => return Err(SyncError::Retry(why)),
    };
    match response.status {
        200..=299 => Ok(response),
        401 => Err(SyncError::Stop(Stop::Unauthorized)),
        403 => Err(SyncError::Stop(Stop::Forbidden(server.database.clone()))),
        404 if asking == Asking::Database => {
            Err(SyncError::Stop(Stop::NoDatabase(server.database.clone())))
        }
        404 | 405 if asking == Asking::Root => {
            Err(SyncError::Stop(Stop::NotCouch(server.base.clone())))
        }
        408 | 429 | 500..=599 | 0 => Err(SyncError::Retry(format!(
            "the server answered {}: {}",
            response.status,
            reason(&response.body)
        ))),
        status => Err(SyncError::Stop(Stop::Refused(format!(
            "the server answered {status}: {}",
            reason(&response.body)
        )))),
    }
}
