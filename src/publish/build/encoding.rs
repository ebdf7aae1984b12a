//! A news feed's bytes as UTF-8 text, in the encodings real feeds use: a byte order mark, the
//! XML declaration's `encoding`, the server's `charset`, or, when none is given or what is
//! given is wrong, the encoding the bytes are most likely in (chardetng, Firefox's detector).

use encoding_rs::{Encoding, UTF_8};

/// The text, and a note when the encoding had to be guessed against what the source said.
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Decoded {
            text: undeclared(text.into_owned()),
            note: None,
        };
    }
    let declared = xml_declared(bytes).or_else(|| content_type.and_then(charset));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let (encoding, note) = match declared {
        // A declaration of UTF-8 over bytes that are not: the declaration is wrong.
        Some(encoding) if encoding == UTF_8 && !valid_utf8 => {
            let guess = guess(bytes);
            let note = format!("declares UTF-8 but is not; read as {}", guess.name());
            (guess, Some(note))
        }
        Some(encoding) => (encoding, None),
        None if valid_utf8 => (UTF_8, None),
        None => {
            let guess = guess(bytes);
            (
                guess,
                Some(format!(
                    "declares no encoding and is not UTF-8; read as {}",
                    guess.name()
                )),
            )
        }
    };
    let (text, _, _) = encoding.decode(bytes);
    Decoded {
        text: undeclared(text.into_owned()),
        note,
    }
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
    // Called only for bytes that are not UTF-8 (or claim to be and are not).
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

/// The `encoding` of an `<?xml ...?>` declaration at the start.
fn xml_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let head = String::from_utf8_lossy(head);
    let declaration = head.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let at = declaration.find("encoding")? + "encoding".len();
    let rest = declaration[at..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = &rest[1..][..rest[1..].find(quote)?];
    Encoding::for_label(label.trim().as_bytes())
}

/// The `charset` of a `Content-Type` header.
fn charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("charset"))
            .then(|| Encoding::for_label(value.trim().trim_matches('"').as_bytes()))
            .flatten()
    })
}

/// The text with its XML declaration's `encoding` removed: it is UTF-8 now, and the XML
/// parser must not decode it a second time.
fn undeclared(text: String) -> String {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("<?xml") else {
        return text;
    };
    match rest.find("?>") {
        Some(end) => format!("<?xml version=\"1.0\"?>{}", &rest[end + 2..]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_bom_charset_and_guessed() {
        let gb = encoding_rs::GBK
            .encode("<?xml version=\"1.0\" encoding=\"gb2312\"?><rss>比特币</rss>")
            .0;
        assert_eq!(
            decode(&gb, None).text,
            "<?xml version=\"1.0\"?><rss>比特币</rss>"
        );
        let latin = b"<rss>caf\xe9</rss>";
        assert_eq!(
            decode(latin, Some("text/xml; charset=ISO-8859-1")).text,
            "<rss>café</rss>"
        );
        let bom = b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?><rss/>";
        assert_eq!(decode(bom, None).text, "<?xml version=\"1.0\"?><rss/>");
        let lying = encoding_rs::GBK
            .encode("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>比特币价格今日上涨，以太坊也随之走高。</rss>")
            .0;
        let decoded = decode(&lying, None);
        assert!(decoded.text.contains("比特币"), "{}", decoded.text);
        assert!(decoded
            .note
            .unwrap()
            .starts_with("declares UTF-8 but is not"));
    }
}
