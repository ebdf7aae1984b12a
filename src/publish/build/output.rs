//! Writing feed.json: the same inputs give the same bytes; an unchanged feed keeps its
//! `updated_at` and its file (so its ETag does not change for nothing); a changed one is
//! written beside the old and renamed over it, so a reader never fetches half a file.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::logic::feed::{parse_feed, Feed, Timestamp};

pub enum Written {
    Unchanged,
    Written { bytes: usize },
}

/// The previous output, if there is one the widget reads.
pub fn previous(path: &Path) -> Option<Feed> {
    let text = std::fs::read_to_string(path).ok()?;
    parse_feed(&text).ok().map(|parsed| parsed.feed)
}

/// Writes `feed` to `path`, stamped `now`; unless, stamped as the file there is, it is that
/// file byte for byte.
pub fn write(path: &Path, mut feed: Feed, now: Timestamp) -> std::io::Result<Written> {
    let pretty = |feed: &Feed| serde_json::to_string_pretty(feed).expect("a feed is JSON") + "\n";
    if let Ok(old) = std::fs::read_to_string(path) {
        feed.updated_at = parse_feed(&old)
            .ok()
            .and_then(|parsed| parsed.feed.updated_at);
        if pretty(&feed) == old {
            return Ok(Written::Unchanged);
        }
    }
    feed.updated_at = Some(now);
    let text = pretty(&feed);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".feed-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(text.as_bytes())?;
    // A temporary file is private (0600); the feed is for a web server to read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    // nginx's ETag is the modification time in whole seconds and the size: a second rewrite
    // within the same second, of the same size, would keep the ETag and be answered 304.
    if let Ok(old) = std::fs::metadata(path).and_then(|m| m.modified()) {
        let now = SystemTime::now();
        let whole = |t: SystemTime| {
            t.duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        };
        if whole(now) <= whole(old) {
            file.as_file().set_modified(old + Duration::from_secs(1))?;
        }
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(Written::Written { bytes: text.len() })
}
