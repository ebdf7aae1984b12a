//! Which view the page shows, read from and written to its query string.
//!
//! Views live in the query (`?id=…`, `?view=collection`), never in the path: `dist/` is copied
//! to plain static servers with no rewrite rules, where only the app's own folder answers, at
//! the root or under any sub-path. Every other parameter (the page's configuration) is kept as
//! it is when the view changes.

/// A view of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The latest article in full and a list of the others.
    Home,
    /// One article, by id (which may not be in the feed: the page then says so).
    Article(String),
    /// The articles the reader saved.
    Collection,
    /// The embed builder, for publishers.
    Builder,
}

/// The query parameters that choose the view; every other one is configuration.
const ROUTE_KEYS: [&str; 2] = ["id", "view"];
/// The parameters that make an embed; the whole page leaves them out.
const EMBED_KEYS: [&str; 2] = ["embed", "transparent"];

impl Route {
    /// Reads the view from `(name, value)` pairs as found in a URL query (percent-decoded).
    /// Anything unrecognised is the home view: a reader never lands on a blank page.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Route {
        let (mut id, mut view) = (None, None);
        for (name, value) in pairs {
            match name {
                "id" => id = id.or(Some(value)),
                "view" => view = view.or(Some(value)),
                _ => {}
            }
        }
        match (view, id) {
            (Some("collection"), _) => Route::Collection,
            (Some("builder"), _) => Route::Builder,
            (_, Some(id)) if !id.is_empty() => Route::Article(id.to_owned()),
            _ => Route::Home,
        }
    }

    /// The query string (`?…`, or empty) that shows this route, keeping the other parameters
    /// of `current` in their order.
    pub fn query(&self, current: &[(String, String)]) -> String {
        self.query_without(current, &[])
    }

    /// The query string of this route on the whole page, from an embed whose query is
    /// `current`: the embed's look and feed are kept, the embed itself is left.
    pub fn page_query(&self, current: &[(String, String)]) -> String {
        self.query_without(current, &EMBED_KEYS)
    }

    fn query_without(&self, current: &[(String, String)], dropped: &[&str]) -> String {
        let mut pairs: Vec<(&str, &str)> = current
            .iter()
            .filter(|(name, _)| {
                !ROUTE_KEYS.contains(&name.as_str()) && !dropped.contains(&name.as_str())
            })
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        match self {
            Route::Home => {}
            Route::Article(id) => pairs.push(("id", id)),
            Route::Collection => pairs.push(("view", "collection")),
            Route::Builder => pairs.push(("view", "builder")),
        }
        let mut query = String::new();
        for (name, value) in pairs {
            query.push(if query.is_empty() { '?' } else { '&' });
            encode_component(name, &mut query);
            query.push('=');
            encode_component(value, &mut query);
        }
        query
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode_component(text: &str, out: &mut String) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

/// Test-only: a query string's pairs, percent-decoded (the browser's URLSearchParams does this
/// in the app), to read back what [`Route::query`] and the builder write.
#[cfg(test)]
pub(crate) fn decode_query(query: &str) -> Vec<(String, String)> {
    let unescape = |text: &str| {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    };
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (unescape(k), unescape(v))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &[(&str, &str)]) -> Vec<(String, String)> {
        query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_each_view() {
        assert_eq!(Route::from_query([]), Route::Home);
        assert_eq!(
            Route::from_query([("id", "okx-2024")]),
            Route::Article("okx-2024".into())
        );
        assert_eq!(
            Route::from_query([("view", "collection")]),
            Route::Collection
        );
        assert_eq!(Route::from_query([("view", "builder")]), Route::Builder);
        assert_eq!(
            Route::from_query([("speed", "0"), ("view", "collection"), ("id", "a")]),
            Route::Collection
        );
    }

    #[test]
    fn anything_unrecognised_is_home() {
        assert_eq!(Route::from_query([("id", "")]), Route::Home);
        assert_eq!(Route::from_query([("view", "settings")]), Route::Home);
        assert_eq!(Route::from_query([("ID", "a")]), Route::Home);
    }

    #[test]
    fn the_first_of_a_repeated_parameter_wins() {
        assert_eq!(
            Route::from_query([("id", "a"), ("id", "b")]),
            Route::Article("a".into())
        );
    }

    #[test]
    fn writes_the_view_and_keeps_the_configuration() {
        let current = pairs(&[("speed", "0"), ("id", "old"), ("tz", "Asia/Shanghai")]);
        assert_eq!(
            Route::Article("new".into()).query(&current),
            "?speed=0&tz=Asia%2FShanghai&id=new"
        );
        assert_eq!(
            Route::Collection.query(&current),
            "?speed=0&tz=Asia%2FShanghai&view=collection"
        );
        assert_eq!(Route::Home.query(&current), "?speed=0&tz=Asia%2FShanghai");
        assert_eq!(Route::Home.query(&pairs(&[("view", "collection")])), "");
    }

    #[test]
    fn from_an_embed_to_the_whole_page() {
        let current = pairs(&[
            ("embed", "news"),
            ("theme", "dark"),
            ("transparent", "1"),
            ("id", "x"),
        ]);
        assert_eq!(
            Route::Article("y".into()).page_query(&current),
            "?theme=dark&id=y"
        );
    }

    #[test]
    fn what_it_writes_reads_back() {
        let current = pairs(&[("feed", "https://x.test/f.json?a=1&b=ü"), ("view", "x")]);
        for route in [
            Route::Home,
            Route::Collection,
            Route::Builder,
            Route::Article("a.b~c_d-e".into()),
        ] {
            let query = route.query(&current);
            let decoded = decode_query(&query);
            let read: Vec<(&str, &str)> = decoded
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            assert_eq!(Route::from_query(read.iter().copied()), route);
            assert_eq!(read[0], ("feed", "https://x.test/f.json?a=1&b=ü"));
        }
    }
}
