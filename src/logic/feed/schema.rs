//! The feed's JSON Schema (draft 2020-12), generated from the model's types
//! ([`super::model`]): `tapewire-feed schema` prints it, `assets/feed.schema.json` is it, and
//! a test fails when the two differ. Natively only: the widget never needs it.

use schemars::transform::transform_subschemas;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;
use std::borrow::Cow;

use super::model::{Feed, Timestamp};
use crate::logic::decimal::Decimal;

/// Where the schema is published, as its `$id`: the file in the repository.
const SCHEMA_ID: &str = "https://github.com/tapewire/tapewire/blob/main/assets/feed.schema.json";

/// The schema as pretty JSON, the bytes of `assets/feed.schema.json`.
pub fn feed_schema() -> String {
    // An absent member is omitted, never `null`: the parser takes a `null` for a value of the
    // wrong type.
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(tidy)
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Feed>();
    schema.insert("$id".into(), SCHEMA_ID.into());
    serde_json::to_string_pretty(&schema).expect("a schema is JSON") + "\n"
}

/// Takes `null` out of every schema that allows it (an `Option`'s): nothing in the feed is
/// ever `null`. And joins the lines of descriptions, which come from wrapped doc comments.
fn tidy(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut() {
        if let Some(Value::String(description)) = object.get_mut("description") {
            *description = description.replace('\n', " ");
        }
        if let Some(Value::Array(types)) = object.get_mut("type") {
            types.retain(|t| t != "null");
            if let [only] = &types[..] {
                let only = only.clone();
                object.insert("type".into(), only);
            }
        }
        if let Some(Value::Array(any_of)) = object.get_mut("anyOf") {
            any_of.retain(|s| s.get("type").and_then(Value::as_str) != Some("null"));
            if let [Value::Object(_)] = &any_of[..] {
                if let Some(Value::Array(mut any_of)) = object.remove("anyOf") {
                    if let Some(Value::Object(only)) = any_of.pop() {
                        object.extend(only);
                    }
                }
            }
        }
    }
    transform_subschemas(&mut tidy, schema);
}

/// A decimal: a string of digits (exact), or a JSON number.
const DECIMAL_PATTERN: &str = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$";
const UNSIGNED_DECIMAL_PATTERN: &str = r"^\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$";

impl JsonSchema for Decimal {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A decimal number: a string keeps every digit as written (\"0.00001234\"); a JSON number is read from its literal digits too.",
            "type": ["string", "number"],
            "pattern": DECIMAL_PATTERN,
            "maxLength": 64
        })
    }
}

/// A ticker's price: a decimal that is not negative.
pub fn price(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "The last price in the quote currency, not negative: a decimal string keeps exact digits (\"0.00001234\"). Without one (or with one that is not a decimal) the ticker shows a dash, never a made-up zero.",
        "type": ["string", "number"],
        "pattern": UNSIGNED_DECIMAL_PATTERN,
        "maxLength": 64,
        "minimum": 0
    })
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An RFC 3339 time with an offset: 2024-06-12T16:02:10+08:00.",
            "type": "string",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::feed::parse_feed;
    use std::path::Path;

    const COMMITTED: &str = include_str!("../../../assets/feed.schema.json");

    fn validator() -> jsonschema::Validator {
        let schema: Value = serde_json::from_str(&feed_schema()).unwrap();
        jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
    }

    fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
        let instance: Value = serde_json::from_str(text).unwrap();
        validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    }

    fn feeds(dir: &str) -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn the_committed_schema_is_the_generated_one() {
        assert!(
            COMMITTED == feed_schema(),
            "assets/feed.schema.json is out of date: run `cargo run --bin tapewire-feed -- schema > assets/feed.schema.json`"
        );
    }

    /// Every feed the widget reads without a finding validates, and so does the feed as the
    /// tool writes it back.
    #[test]
    fn what_the_widget_accepts_validates() {
        let validator = validator();
        let sample = include_str!("../../../assets/feed.json");
        let mut accepted = vec![("assets/feed.json".to_owned(), sample.to_owned())];
        for (name, text) in feeds("tests/feeds/damaged") {
            let mut parsed = parse_feed(&text).unwrap();
            // Written back as the tool writes (version 1, no ticker without a price), what the
            // widget kept of a damaged feed is a clean one.
            parsed.feed.version = 1;
            parsed.feed.tickers.retain(|ticker| ticker.price.is_some());
            let written = serde_json::to_string(&parsed.feed).unwrap();
            let again = parse_feed(&written).unwrap();
            assert_eq!(again.warnings, [], "{name} written back");
            assert_eq!(again.feed, parsed.feed, "{name} written back");
            accepted.push((format!("{name} written back"), written));
        }
        for (name, text) in accepted {
            assert_eq!(errors(&validator, &text), Vec::<String>::new(), "{name}");
        }
    }

    /// The damage the schema can see (types, lengths, patterns) fails it; what only the parser
    /// judges (a symbol repeated across tickers, a newer version, a decimal's range) does not.
    #[test]
    fn damage_of_shape_fails_the_schema() {
        let validator = validator();
        for (name, text) in feeds("tests/feeds/damaged") {
            let errors = errors(&validator, &text);
            let parser_only = matches!(
                name.as_str(),
                "duplicate-symbol.json" | "future-version.json" | "infinite-price.json"
            );
            assert_eq!(errors.is_empty(), parser_only, "{name}: {errors:?}");
        }
    }

    #[test]
    fn patterns_agree_with_the_parser() {
        use crate::logic::decimal::Decimal;
        use crate::logic::feed::is_allowed_url;
        let decimal = regex_of(DECIMAL_PATTERN);
        for text in [
            "1", "-2.5", "+3", ".5", "5.", "1e-8", "1E+3", "abc", "1.2.3", "--1", "1e", ".", "e5",
            "1,0",
        ] {
            assert_eq!(decimal(text), Decimal::parse(text).is_ok(), "{text}");
        }
        let (http, any) = (
            regex_of(super::super::HTTP_URL_PATTERN),
            regex_of(super::super::ANY_URL_PATTERN),
        );
        for url in [
            "https://x.test/a?b#c",
            "HTTP://x.test",
            "http://",
            "https://",
            "http:/x",
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.test",
            "\\\\evil",
            "/\\x",
            "img/a.png",
            "/",
            "/a",
            "?q",
            "#f",
            "a/b:c",
            "a:b/c",
            "http://a b",
            "",
            "./a",
            "../a",
        ] {
            assert_eq!(http(url), is_allowed_url(url, false), "{url:?} as http(s)");
            assert_eq!(any(url), is_allowed_url(url, true), "{url:?} as any");
        }
    }

    /// A pattern as the schema's validator applies it, to one string.
    fn regex_of(pattern: &'static str) -> impl Fn(&str) -> bool {
        let validator = jsonschema::draft202012::new(
            &serde_json::json!({"type": "string", "pattern": pattern}),
        )
        .unwrap();
        move |text| validator.is_valid(&Value::from(text))
    }
}
