//! `link=`: one address for every ticker's click, its symbol filled in
//! (`https://example.com/coins/{symbol}`), as TradingView's `largeChartUrl` sends a widget's
//! clicks to the publisher's own chart pages.

use crate::logic::feed::is_allowed_url;

/// What a template marks the symbol's place with. Only the symbol: a name (`Shiba Inu`) is no
/// slug, and sites key their coin pages by symbol or by ids no feed carries.
const PLACEHOLDER: &str = "{symbol}";

/// A checked `link=` template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkTemplate(String);

impl LinkTemplate {
    /// The template, if it is an absolute http(s) URL with a host (the rules of `feed=`) and
    /// that host is its own: a `{symbol}` in it would let the feed pick the site readers are
    /// sent to (braces have no place in a host name, so none is taken there).
    pub fn parse(template: &str) -> Option<Self> {
        if !is_allowed_url(template, false) {
            return None;
        }
        // After `http://` or `https://`, which `is_allowed_url` saw.
        let authority = template.find('/').and_then(|at| template.get(at + 2..))?;
        let host = authority.split(['/', '?', '#']).next()?;
        (!host.contains('{')).then(|| Self(template.to_owned()))
    }

    /// The address of `symbol`'s item: every `{symbol}` replaced by the symbol, percent-encoded
    /// so that it stays one path segment or query value whatever it holds.
    pub fn expand(&self, symbol: &str) -> String {
        self.0.replace(PLACEHOLDER, &encode(symbol))
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters (UTF-8 bytes for the rest).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(template: &str, symbol: &str) -> String {
        LinkTemplate::parse(template)
            .unwrap_or_else(|| panic!("{template} refused"))
            .expand(symbol)
    }

    #[test]
    fn fills_in_the_symbol() {
        assert_eq!(
            expand("https://example.com/coins/{symbol}", "BTC"),
            "https://example.com/coins/BTC"
        );
        assert_eq!(
            expand("http://example.com/chart?s={symbol}&vs=usd#{symbol}", "eth"),
            "http://example.com/chart?s=eth&vs=usd#eth"
        );
        // Other braces are the template's own.
        assert_eq!(
            expand("https://example.com/{sym}/{symbol}{", "SOL"),
            "https://example.com/{sym}/SOL{"
        );
        // No placeholder: every item goes to the same page.
        assert_eq!(
            expand("https://example.com/markets", "BTC"),
            "https://example.com/markets"
        );
    }

    #[test]
    fn a_symbol_stays_one_segment_or_value() {
        let template = "https://example.com/coins/{symbol}?from=ticker";
        assert_eq!(
            expand(template, "BTC/USD"),
            "https://example.com/coins/BTC%2FUSD?from=ticker"
        );
        assert_eq!(
            expand(template, "A&B=1#x"),
            "https://example.com/coins/A%26B%3D1%23x?from=ticker"
        );
        assert_eq!(
            expand(template, "1INCH.e-x_~"),
            "https://example.com/coins/1INCH.e-x_~?from=ticker"
        );
        assert_eq!(
            expand(template, "€ ₿"),
            "https://example.com/coins/%E2%82%AC%20%E2%82%BF?from=ticker"
        );
    }

    #[test]
    fn refuses_what_feed_refuses_and_a_host_from_the_symbol() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript://example.com/%0Aalert(1)",
            "data:text/html,{symbol}",
            "coins/{symbol}",
            "/coins/{symbol}",
            "//example.com/coins/{symbol}",
            "ftp://example.com/{symbol}",
            "https://",
            "https:///coins/{symbol}",
            "https://example.com/coins/ {symbol}",
            "https://{symbol}/",
            "https://{symbol}.example.com/",
            "https://example.com@{symbol}/",
            "https://ex{ample.com/",
            "",
        ] {
            assert_eq!(LinkTemplate::parse(bad), None, "{bad}");
        }
        assert!(LinkTemplate::parse("HTTPS://Example.com/{symbol}").is_some());
    }
}
