//! `tapewire-feed check`: reads a feed with the widget's own parser and says what the widget
//! would do with it, finding by finding.

use std::process::ExitCode;

use crate::logic::feed::{decode_body, parse_feed, FeedError, Finding, Parsed};

/// What the widget would do with a feed.
pub enum Verdict {
    /// Shows all of it.
    Clean(Parsed),
    /// Shows it, but skips, blanks or changes what the findings name.
    Findings(Parsed),
    /// Refuses it whole (and keeps showing the last good one).
    Refused(FeedError),
}

impl Verdict {
    /// 0 clean, 1 with findings, 2 refused.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(match self {
            Verdict::Clean(_) => 0,
            Verdict::Findings(_) => 1,
            Verdict::Refused(_) => 2,
        })
    }
}

/// Judges a feed's bytes as the widget reads them: decoded as `Response.text()` does, then
/// parsed. Bytes that are not UTF-8 are a finding of their own, since the widget would show
/// U+FFFD in their place.
pub fn judge(bytes: Vec<u8>) -> Verdict {
    let invalid_at = std::str::from_utf8(&bytes).err().map(|e| e.valid_up_to());
    let text = decode_body(bytes);
    match parse_feed(&text) {
        Err(error) => Verdict::Refused(error),
        Ok(mut parsed) => {
            if let Some(at) = invalid_at {
                parsed.warnings.insert(
                    0,
                    Finding {
                        path: "$".into(),
                        problem: format!(
                            "not UTF-8 from byte {at}; shown with \u{fffd} in place of what cannot be read"
                        ),
                    },
                );
            }
            if parsed.warnings.is_empty() {
                Verdict::Clean(parsed)
            } else {
                Verdict::Findings(parsed)
            }
        }
    }
}

/// The report, for a person: one finding per line, then a summary.
pub fn text_report(source: &str, verdict: &Verdict) -> String {
    let counts = |parsed: &Parsed| {
        let (tickers, articles) = (parsed.feed.tickers.len(), parsed.feed.articles.len());
        format!(
            "{tickers} ticker{}, {articles} article{}",
            plural(tickers),
            plural(articles)
        )
    };
    match verdict {
        Verdict::Clean(parsed) => format!("{source}: clean ({} shown)\n", counts(parsed)),
        Verdict::Findings(parsed) => {
            let mut report: String = parsed
                .warnings
                .iter()
                .map(|finding| format!("{finding}\n"))
                .collect();
            let n = parsed.warnings.len();
            report += &format!(
                "{source}: {n} finding{}; the widget shows the rest ({} shown)\n",
                plural(n),
                counts(parsed)
            );
            report
        }
        Verdict::Refused(error) => {
            format!("{source}: refused: {error} The widget keeps showing the last good feed.\n")
        }
    }
}

/// The report, for a pipeline (`--format json`).
pub fn json_report(source: &str, verdict: &Verdict) -> String {
    let findings = |parsed: &Parsed| -> Vec<serde_json::Value> {
        parsed
            .warnings
            .iter()
            .map(|f| serde_json::json!({"path": f.path, "problem": f.problem}))
            .collect()
    };
    let report = match verdict {
        Verdict::Clean(parsed) | Verdict::Findings(parsed) => serde_json::json!({
            "source": source,
            "verdict": if matches!(verdict, Verdict::Clean(_)) { "clean" } else { "findings" },
            "findings": findings(parsed),
            "tickers": parsed.feed.tickers.len(),
            "articles": parsed.feed.articles.len(),
        }),
        Verdict::Refused(error) => serde_json::json!({
            "source": source,
            "verdict": "refused",
            "error": error.to_string(),
            "findings": [],
        }),
    };
    serde_json::to_string_pretty(&report).expect("a report is JSON") + "\n"
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
