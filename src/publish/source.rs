//! Where the command's inputs come from: a file, standard input (`-`) or an http(s) URL. Each
//! source is read whole, up to a limit, and every failure names the source.

use std::fmt;
use std::io::Read;
use std::time::Duration;

/// No source a feed is built from is larger: a runaway response must not exhaust memory.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;
/// A source that does not answer within this is a failed source, not a hung command.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A source's bytes, and the media type its server declared (for its charset).
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
}

#[derive(Debug)]
pub struct SourceError {
    pub source: String,
    pub reason: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

impl std::error::Error for SourceError {}

pub fn read(source: &str) -> Result<Fetched, SourceError> {
    let fail = |reason: String| SourceError {
        source: source.to_owned(),
        reason,
    };
    let lower = source.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return fetch(source).map_err(fail);
    }
    let mut bytes = Vec::new();
    let read = if source == "-" {
        std::io::stdin()
            .take(MAX_SOURCE_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(source)
            .and_then(|file| file.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|error| fail(error.to_string()))?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(fail(format!("larger than {MAX_SOURCE_BYTES} bytes")));
    }
    Ok(Fetched {
        bytes,
        content_type: None,
    })
}

fn fetch(url: &str) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .user_agent(concat!("tapewire-feed/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|error| match error {
        ureq::Error::StatusCode(status) => format!("the server answered HTTP {status}"),
        other => other.to_string(),
    })?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .body_mut()
        .with_config()
        .limit(MAX_SOURCE_BYTES)
        .read_to_vec()
        .map_err(|error| error.to_string())?;
    Ok(Fetched {
        bytes,
        content_type,
    })
}
