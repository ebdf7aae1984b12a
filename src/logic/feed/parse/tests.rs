use super::*;
use proptest::prelude::*;
use std::path::Path;

const SAMPLE: &str = include_str!("../../../../assets/feed.json");

#[test]
fn the_sample_feed_parses_whole() {
    let Parsed { feed, warnings } = parse_feed(SAMPLE).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(feed.tickers.len(), 15);
    assert_eq!(feed.tickers[0].symbol, "BTC");
    assert_eq!(
        feed.tickers[0].price,
        Some(Decimal::parse("77124.50").unwrap())
    );
    assert_eq!(
        feed.tickers[1].change_24h,
        Some(Decimal::parse("3.08").unwrap())
    );
    assert_eq!(feed.tickers[14].symbol, "ZEC");
    assert_eq!(feed.quote_currency, "USD");
    assert_eq!(
        feed.publisher.as_ref().and_then(|p| p.name.as_deref()),
        Some("ChainCatcher")
    );
    let article = &feed.articles[0];
    assert_eq!(article.id, "okx-account-security-2024-06-12");
    assert_eq!(article.published_at.unix_ms, 1_718_179_330_000);
    assert!(
        matches!(&article.body[..], [Block::Paragraph { .. }, Block::Paragraph { text }, Block::List { items, ordered: false }] if text == "It states:" && items.len() == 4)
    );
}

#[test]
fn json_numbers_are_prices_too() {
    let feed = r#"{"version":1,"tickers":[{"symbol":"X","price":0.00000001,"change_24h":-1.5}],"articles":[]}"#;
    let ticker = &parse_feed(feed).unwrap().feed.tickers[0];
    assert_eq!(
        ticker.price.as_ref().map(ToString::to_string).as_deref(),
        Some("0.00000001")
    );
    assert_eq!(
        ticker
            .change_24h
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("-1.5")
    );
}

/// A JSON number's digits are the publisher's, as a string's are: never through `f64`.
#[test]
fn json_number_prices_keep_their_digits() {
    for written in [
        "77124.50",
        "0.00001234",
        "12345678901234567890123",
        "1E-7",
        "1e-7",
        "-2.5e3",
        "0",
    ] {
        let feed = format!(
            r#"{{"version": 1, "tickers": [{{"symbol": "N", "price": {written}}}, {{"symbol": "S", "price": "{written}"}}], "articles": []}}"#
        );
        let Parsed { feed, warnings } = parse_feed(&feed).unwrap();
        let expected = Decimal::parse(written).ok().filter(|d| !d.is_negative());
        assert_eq!(feed.tickers[0].price, expected, "{written}");
        assert_eq!(feed.tickers[1].price, expected, "{written}");
        assert_eq!(warnings.is_empty(), expected.is_some(), "{written}");
    }
    assert_eq!(
        Decimal::parse("77124.50").unwrap(),
        Decimal::parse("77124.5").unwrap()
    );
}

/// Each member is judged on its own: a value of the wrong type, `null` included, costs only
/// itself, with the warning a bad value of the right type gets.
#[test]
fn a_wrong_type_costs_only_its_member() {
    let feed = r#"{"version": 1, "quote_currency": 7, "updated_at": null,
        "tickers": [{"symbol": "C", "price": null, "name": 5, "url": 5, "updated_at": 5,
            "change_24h": true, "history": [1, "2", null, 3]},
            {"symbol": "D", "price": {"value": 1}, "history": "1,2"}],
        "articles": [{"id": "a1", "title": "T", "published_at": "2024-06-12T08:02:10Z",
            "tags": ["x", 5, " y "], "author": ["A"],
            "body": [{"type": "list", "items": ["i", 2], "ordered": "yes"}, 7]}]}"#;
    let Parsed { feed, warnings } = parse_feed(feed).unwrap();
    assert_eq!(feed.quote_currency, "USD");
    let c = &feed.tickers[0];
    assert_eq!(
        (c.symbol.as_str(), &c.price, &c.name, &c.history[..]),
        ("C", &None, &None, &[1.0, 3.0][..])
    );
    assert_eq!(feed.tickers[1].symbol, "D");
    let article = &feed.articles[0];
    assert_eq!(
        (&article.tags[..], &article.author),
        (&["x", "y"].map(String::from)[..], &None)
    );
    assert_eq!(
        article.body,
        [Block::List {
            items: vec!["i".into()],
            ordered: false
        }]
    );
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "updated_at: not an RFC 3339 time; left out",
            "quote_currency: not a currency code; USD is used",
            "tickers[0] (C).price: not a decimal number; shown as —",
            "tickers[0] (C).change_24h: not a decimal number; left out",
            "tickers[0] (C).history[1]: not a number; left out",
            "tickers[0] (C).history[2]: not a number; left out",
            "tickers[0] (C).name: not a string; left out",
            "tickers[0] (C).url: not an http(s) URL; left out",
            "tickers[0] (C).updated_at: not an RFC 3339 time; left out",
            "tickers[1] (D).price: not a decimal number; shown as —",
            "tickers[1] (D).history: not an array; left out",
            "articles[0] (a1).body[0].items[1]: not a string; left out",
            "articles[0] (a1).body[0].ordered: not true or false; read as false",
            "articles[0] (a1).body[1]: not an object; skipped",
            "articles[0] (a1).tags[1]: not a string; left out",
            "articles[0] (a1).author: not a string; left out",
        ]
    );
}

/// serde refuses an object with a repeated member (where the old reader took the last one):
/// that object is skipped with serde's reason, and only it.
#[test]
fn a_repeated_member_costs_its_object() {
    let feed = r#"{"version": 1, "tickers": [{"symbol": "A", "price": "1", "price": "2"},
        ["B", "Bravo", "1"], {"symbol": "C", "price": "3"}], "articles": [],
        "publisher": {"name": "P", "name": "Q"}}"#;
    let Parsed { feed, warnings } = parse_feed(feed).unwrap();
    let symbols: Vec<_> = feed.tickers.iter().map(|t| t.symbol.as_str()).collect();
    assert_eq!(symbols, ["C"]);
    assert_eq!(feed.publisher, None);
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "publisher: duplicate field `name`; left out",
            "tickers[0]: duplicate field `price`; skipped",
            "tickers[1]: not an object; skipped",
        ]
    );
    // At the top level there is no other part to keep.
    let error =
        parse_feed(r#"{"version": 1, "version": 1, "tickers": [], "articles": []}"#).unwrap_err();
    assert!(
        error.to_string().ends_with("duplicate field `version`)."),
        "{error}"
    );
}

/// Whatever part of it is read, the whole document must be JSON.
#[test]
fn refuses_what_is_not_json() {
    for bad in [
        "{",
        "[",
        "[1",
        "[1,",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\" 1}",
        "{1:2}",
        "nul",
        "tru",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\u{1}\"",
        "\"abc",
        "[1] 2",
        "{}}",
        "[1,]",
        "NaN",
        "Infinity",
    ] {
        assert!(
            matches!(parse_feed(bad), Err(FeedError::NotJson { .. })),
            "{bad:?} was read"
        );
        for place in [
            format!(r#"{{"version": 1, "tickers": [{bad}], "articles": []}}"#),
            format!(
                r#"{{"version": 1, "tickers": [{{"symbol": "A", "price": {bad}}}], "articles": []}}"#
            ),
            format!(r#"{{"version": 1, "tickers": [], "articles": [], "extra": {bad}}}"#),
        ] {
            for parse in [parse_feed, parse_ticker_feed] {
                assert!(
                    matches!(parse(&place), Err(FeedError::NotJson { .. })),
                    "{place:?} was read"
                );
            }
        }
    }
}

/// A hostile feed must not exhaust the stack: serde_json skims what is kept as text without
/// recursing, and reads the rest within its recursion limit.
#[test]
fn deep_nesting_is_no_crash() {
    let deep = 100_000;
    assert!(matches!(
        parse_feed(&"[".repeat(deep)),
        Err(FeedError::NotJson { .. })
    ));
    let nested = format!("{}{}", "[".repeat(deep), "]".repeat(deep));
    for feed in [
        format!(r#"{{"version": 1, "tickers": [{nested}], "articles": [], "extra": {nested}}}"#),
        format!(
            r#"{{"version": 1, "tickers": [{{"symbol": "A", "price": "1", "history": {nested}}}], "articles": []}}"#
        ),
    ] {
        assert!(parse_feed(&feed).is_ok());
    }
}

#[test]
fn errors_say_what_failed() {
    let error = parse_feed("{\n  \"version\": 1,\n  oops\n}").unwrap_err();
    assert!(
        matches!(error, FeedError::NotJson { line: 3, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("The feed is not valid JSON (line 3, column 3"),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "The feed is not valid JSON (line 3, column 3: key must be a string)."
    );
    // Columns count characters, as the publisher's editor does, not bytes.
    assert_eq!(
        parse_feed("{\"é\": [1,]}"),
        Err(FeedError::NotJson {
            line: 1,
            column: 10,
            message: "expected value".into()
        })
    );
    assert_eq!(
        parse_feed("[1, [], []]"),
        Err(FeedError::NotAnObject),
        "an array is no feed, even one with the members' values in order"
    );
    let huge = " ".repeat(MAX_FEED_BYTES + 1);
    assert_eq!(
        parse_feed(&huge),
        Err(FeedError::TooLarge {
            bytes: MAX_FEED_BYTES + 1
        })
    );
}

#[test]
fn urls_allowed_only_as_the_contract_says() {
    assert!(is_allowed_url("https://www.chaincatcher.com/", false));
    assert!(is_allowed_url("HTTP://x.test", false));
    assert!(is_allowed_url("img/icon.png", true));
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.test/x",
        "https://",
        "http://a b",
        "img/icon.png",
    ] {
        assert!(!is_allowed_url(bad, false), "{bad}");
    }
    assert!(!is_allowed_url("javascript:alert(1)", true));
    assert!(!is_allowed_url("//evil.test/x", true));
}

#[test]
fn timestamps_follow_rfc_3339() {
    assert_eq!(
        parse_rfc3339("2024-06-12T16:02:10+08:00").unwrap().unix_ms,
        1_718_179_330_000
    );
    assert_eq!(
        parse_rfc3339("2024-06-12T08:02:10.5Z").unwrap().unix_ms,
        1_718_179_330_500
    );
    assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z").unwrap().unix_ms, 0);
    for bad in [
        "2024-02-30T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-06-12T24:00:00Z",
        "2024-06-12T16:02:10",
        "2024-06-12",
    ] {
        assert!(parse_rfc3339(bad).is_none(), "{bad}");
    }
}

fn corpus(kind: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/feeds")
        .join(kind);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn rejected_feeds_are_errors() {
    let files = corpus("rejected");
    assert!(files.len() >= 6);
    for (name, text) in files {
        assert!(parse_feed(&text).is_err(), "{name} was accepted");
    }
}

#[test]
fn damaged_feeds_keep_everything_good() {
    // file -> (tickers kept, articles kept)
    let expected = [
        ("article-without-body", (15, 1)),
        ("article-without-id", (15, 1)),
        ("duplicate-symbol", (15, 1)),
        ("future-version", (15, 1)),
        ("huge-string", (15, 1)),
        ("infinite-price", (15, 1)),
        ("javascript-url", (15, 1)),
        ("missing-symbol", (14, 1)),
        ("negative-price", (15, 1)),
        ("price-abc", (15, 1)),
        ("symbol-too-long", (14, 1)),
        ("unknown-block-type", (15, 1)),
    ];
    let files = corpus("damaged");
    assert_eq!(files.len(), expected.len());
    for ((name, text), (expected_name, (tickers, articles))) in files.iter().zip(expected) {
        assert_eq!(name, expected_name);
        let parsed = parse_feed(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!parsed.warnings.is_empty(), "{name} gave no warning");
        assert_eq!(
            (parsed.feed.tickers.len(), parsed.feed.articles.len()),
            (tickers, articles),
            "{name}"
        );
    }
    // What each one kept is the good part, and the bad value is gone.
    let feed_of = |wanted: &str| {
        let (_, text) = files.iter().find(|(name, _)| name == wanted).unwrap();
        parse_feed(text).unwrap().feed
    };
    let title = &feed_of("huge-string").articles[0].title;
    assert_eq!(title.chars().count(), MAX_TITLE_CHARS);
    assert!(title.ends_with('…'));
    for name in ["price-abc", "negative-price", "infinite-price"] {
        let xrp = &feed_of(name).tickers[3];
        assert_eq!((xrp.symbol.as_str(), &xrp.price), ("XRP", &None), "{name}");
    }
    let btc = &feed_of("javascript-url").tickers[0];
    assert_eq!((btc.symbol.as_str(), &btc.url), ("BTC", &None));
    for name in ["missing-symbol", "symbol-too-long"] {
        assert_eq!(
            feed_of(name).tickers[3].symbol,
            "SOL",
            "{name}: the broken XRP is left out"
        );
    }
    let symbols: Vec<_> = feed_of("duplicate-symbol")
        .tickers
        .into_iter()
        .map(|t| t.symbol)
        .collect();
    let mut unique = symbols.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), symbols.len(), "{symbols:?}");
    let body = &feed_of("unknown-block-type").articles[0].body;
    assert!(
        matches!(
            &body[..],
            [
                Block::Paragraph { .. },
                Block::Paragraph { .. },
                Block::List { .. }
            ]
        ),
        "{body:?}"
    );
    assert_eq!(
        feed_of("future-version").version,
        2,
        "read as far as it is understood"
    );
    for name in ["article-without-body", "article-without-id"] {
        assert_eq!(
            feed_of(name).articles[0].id,
            "okx-account-security-2024-06-12",
            "{name}"
        );
    }
}

/// A warning says where in the feed the damage is, down to the field, so a publisher can find it.
#[test]
fn warnings_name_the_place() {
    let long = "n".repeat(MAX_NAME_CHARS + 1);
    let feed = format!(
        r#"{{"version": 1, "updated_at": "yesterday",
            "tickers": [{{"symbol": "BTC", "price": "1"}}, {{"symbol": "ETH", "price": "x", "name": "{long}"}}],
            "articles": [{{"id": "a1", "title": "T", "published_at": "2024-06-12T08:02:10Z",
                "body": [{{"type": "paragraph", "text": "P"}}, {{"type": "video"}}]}}]}}"#
    );
    let warnings = parse_feed(&feed).unwrap().warnings;
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "updated_at: not an RFC 3339 time; left out",
            "tickers[1] (ETH).price: not a decimal number; shown as —",
            "tickers[1] (ETH).name: longer than 64 characters; truncated",
            "articles[0] (a1).body[1].type: unknown block type \"video\"; the block is skipped",
        ]
    );
}

/// The news issue's fields (FEED.md): read when good, left out with their reason when not.
#[test]
fn importance_coins_logos_and_the_next_page() {
    let feed = r#"{"version": 1, "next_url": "archive/feed-2.json",
        "tickers": [{"symbol": "BTC", "price": "1", "logo": "img/btc.png"},
            {"symbol": "ETH", "price": "1", "logo": "javascript:alert(1)"}],
        "articles": [
            {"id": "a1", "title": "T", "published_at": "2024-06-12T08:02:10Z", "body": [],
                "important": true, "coins": ["BTC", 7, " ETH ", "BTC", "A-VERY-LONG-SYMBOL"]},
            {"id": "a2", "title": "T", "published_at": "2024-06-12T08:02:10Z", "body": [],
                "important": "yes", "coins": "BTC"}]}"#;
    let Parsed { feed, warnings } = parse_feed(feed).unwrap();
    assert_eq!(feed.next_url.as_deref(), Some("archive/feed-2.json"));
    assert_eq!(feed.tickers[0].logo.as_deref(), Some("img/btc.png"));
    assert_eq!(feed.tickers[1].logo, None);
    let (a1, a2) = (&feed.articles[0], &feed.articles[1]);
    assert_eq!(
        (a1.important, &a1.coins[..]),
        (true, &["BTC", "ETH"].map(String::from)[..])
    );
    assert_eq!((a2.important, a2.coins.len()), (false, 0));
    assert_eq!(
        warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "tickers[1] (ETH).logo: not an http(s) or relative URL; left out",
            "articles[0] (a1).coins[1]: not a string; left out",
            "articles[0] (a1).coins[3]: repeats an earlier coin; left out",
            "articles[0] (a1).coins[4]: not a ticker symbol (1 to 12 characters); left out",
            "articles[1] (a2).coins: not an array; left out",
            "articles[1] (a2).important: not true or false; read as false",
        ]
    );
    let ticker_only =
        parse_ticker_feed(r#"{"version": 1, "next_url": 5, "tickers": [], "articles": []}"#);
    assert!(
        ticker_only.unwrap().warnings.is_empty(),
        "the ticker embed reads no news fields"
    );
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::from),
        prop_oneof![
            Just("1"),
            Just("tickers"),
            Just("paragraph"),
            Just("https://x.test"),
            Just("2024-06-12T16:02:10Z")
        ]
        .prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("version"),
            Just("tickers"),
            Just("articles"),
            Just("symbol"),
            Just("price"),
            Just("id"),
            Just("title"),
            Just("published_at"),
            Just("body"),
            Just("type"),
            Just("text"),
            Just("items"),
            Just("publisher"),
            Just("url"),
            Just("history"),
            Just("change_24h"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map(keys.prop_map(String::from), inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn a_ticker_feed_reads_the_same_tickers_and_no_news() {
    let whole = parse_feed(SAMPLE).unwrap().feed;
    let prices = parse_ticker_feed(SAMPLE).unwrap().feed;
    assert_eq!(prices.tickers, whole.tickers);
    assert_eq!(prices.updated_at, whole.updated_at);
    assert!(prices.articles.is_empty() && prices.publisher.is_none());
    assert!(!whole.articles.is_empty() && whole.publisher.is_some());
    // What makes a feed unusable does so for both.
    assert!(parse_ticker_feed(r#"{"version": 1, "tickers": []}"#).is_err());
}

#[test]
fn repeats_after_the_first_are_left_out_in_order() {
    let mut repeats = Vec::new();
    let kept = first_of_each(
        vec![(0, "a"), (1, "b"), (2, "a"), (3, "c"), (4, "b"), (5, "a")],
        |item| item.1,
        |item| repeats.push(item.0),
    );
    assert_eq!(kept, [(0, "a"), (1, "b"), (3, "c")]);
    assert_eq!(repeats, [2, 4, 5]);
}

#[test]
fn bodies_decode_as_the_fetch_api_does() {
    assert_eq!(
        decode_body(b"{\"a\": \"\xc3\xa9\"}".to_vec()),
        "{\"a\": \"\u{e9}\"}"
    );
    assert_eq!(
        decode_body(b"\xef\xbb\xbf{}".to_vec()),
        "{}",
        "the byte order mark goes"
    );
    assert_eq!(
        decode_body(b"{\"a\": \"\xff\"}".to_vec()),
        "{\"a\": \"\u{fffd}\"}"
    );
}

proptest! {
    #[test]
    fn first_of_each_keeps_what_a_set_would(keys in proptest::collection::vec(0u8..12, 0..60)) {
        let keys: Vec<String> = keys.iter().map(|k| format!("k{k}")).collect();
        let mut seen = std::collections::HashSet::new();
        let expected: Vec<&String> = keys.iter().filter(|k| seen.insert(k.as_str())).collect();
        let kept = first_of_each(keys.iter().collect(), |k| k.as_str(), |_| {});
        prop_assert_eq!(kept, expected);
    }

    #[test]
    fn never_panics_on_json_like_text(text in "[\\[\\]{}\":,0-9.eE+\\-a-z \\\\é中]{0,200}") {
        let _ = parse_feed(&text);
    }

    #[test]
    fn never_panics_on_a_mutated_sample(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let _ = parse_feed(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn never_panics_on_random_json(value in json_value()) {
        let _ = parse_feed(&value.to_string());
        let feed = serde_json::json!({"version": 1, "tickers": [value.clone()], "articles": [value]});
        let _ = parse_feed(&feed.to_string());
    }

    #[test]
    fn timestamps_round_trip(secs in -10_000_000_000i64..10_000_000_000, offset in -23i64..=23) {
        let days = secs.div_euclid(86_400);
        // civil_from_days, the inverse of days_from_civil
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        prop_assume!((0..=9999).contains(&year));
        let rem = secs.rem_euclid(86_400);
        let text = format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60);
        prop_assert_eq!(parse_rfc3339(&text).map(|t| t.unix_ms), Some(secs * 1000));
        let sign = if offset < 0 { '-' } else { '+' };
        let shifted = format!("{}{sign}{:02}:00", &text[..19], offset.abs());
        prop_assert_eq!(parse_rfc3339(&shifted).map(|t| t.unix_ms), Some((secs - offset * 3600) * 1000));
    }

    #[test]
    fn timestamps_never_panic(text in prop_oneof![
        "\\PC{0,40}",
        // RFC 3339's shape with any digits, separators and offsets, valid or not.
        "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?(Z|z|[+-][0-9]{2}:[0-9]{2}|.{0,3})",
    ]) {
        let _ = parse_rfc3339(&text);
    }
}
