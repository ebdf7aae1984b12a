//! The reader's Collection: the articles they saved, as kept in `localStorage`.
//!
//! Each entry keeps the article's title and time as well as its id, so an article that has
//! since left the feed can still be listed (as gone) and removed.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Where the Collection is stored. Versioned, so a later format can tell old data apart.
pub const STORAGE_KEY: &str = "tapewire.collection.v1";

/// Beyond this many, saving a new article drops the oldest: storage is small and shared.
pub const MAX_SAVED: usize = 500;

/// One saved article.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Saved {
    pub id: String,
    pub title: String,
    /// RFC 3339, as the feed wrote it.
    pub published_at: String,
}

/// The saved articles, most recently saved first, unique by id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Collection {
    pub saved: Vec<Saved>,
}

/// A Collection as stored, each entry still as text: one that is not a [`Saved`] (damaged, or
/// written by another version) is skipped, not the whole Collection.
#[derive(Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    saved: Vec<&'a RawValue>,
}

impl Collection {
    /// Reads what [`Collection::encode`] wrote. Entries that are not usable are skipped;
    /// text that is not a Collection at all is an error (the caller starts empty and says so).
    pub fn decode(text: &str) -> Result<Collection, String> {
        let stored: Stored = serde_json::from_str(text).map_err(|error| {
            if error.is_data() {
                format!("the saved Collection has no list of articles ({error})")
            } else {
                format!("the saved Collection is not JSON ({error})")
            }
        })?;
        let mut collection = Collection::default();
        for entry in stored.saved {
            if let Ok(saved) = Saved::deserialize(entry) {
                if !saved.id.is_empty() && !collection.contains(&saved.id) {
                    collection.saved.push(saved);
                }
            }
        }
        collection.saved.truncate(MAX_SAVED);
        Ok(collection)
    }

    pub fn encode(&self) -> String {
        // serde_json fails only on a map with keys that are not strings, or on a Serialize
        // that fails; a Collection has neither.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.saved.iter().any(|saved| saved.id == id)
    }

    /// Saves the article, or removes it if it was saved. Returns whether it is saved now.
    pub fn toggle(&mut self, article: Saved) -> bool {
        if self.contains(&article.id) {
            self.remove(&article.id);
            false
        } else {
            self.saved.insert(0, article);
            self.saved.truncate(MAX_SAVED);
            true
        }
    }

    pub fn remove(&mut self, id: &str) {
        self.saved.retain(|saved| saved.id != id);
    }
}

// Natively only: the property tests use proptest, which does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn saved(id: &str) -> Saved {
        Saved {
            id: id.into(),
            title: format!("Title of {id}"),
            published_at: "2024-06-12T16:02:10+08:00".into(),
        }
    }

    #[test]
    fn round_trips_newest_first() {
        let mut collection = Collection::default();
        assert!(collection.toggle(saved("a")));
        assert!(collection.toggle(saved("b")));
        let read = Collection::decode(&collection.encode()).unwrap();
        assert_eq!(read, collection);
        assert_eq!(read.saved[0].id, "b");
    }

    #[test]
    fn toggling_twice_removes() {
        let mut collection = Collection::default();
        collection.toggle(saved("a"));
        assert!(!collection.toggle(saved("a")));
        assert!(!collection.contains("a"));
    }

    #[test]
    fn hostile_text_round_trips_as_text() {
        let mut collection = Collection::default();
        collection.toggle(Saved {
            title: "<img src=x onerror=alert(1)> \"quoted\" \u{202e}rtl 🚀".into(),
            ..saved("x")
        });
        assert_eq!(
            Collection::decode(&collection.encode()).unwrap(),
            collection
        );
    }

    #[test]
    fn corrupt_storage_is_an_error_not_a_panic() {
        for text in ["", "{", "null", "[]", "{\"saved\": 3}", "\u{0}"] {
            assert!(Collection::decode(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn unusable_entries_are_skipped() {
        let text = r#"{"saved": [
            {"id": "a", "title": "A", "published_at": "2024-06-12T16:02:10+08:00"},
            {"id": "a", "title": "again", "published_at": "x"},
            {"id": "", "title": "no id", "published_at": "x"},
            {"title": "missing id", "published_at": "x"},
            {"id": 5, "title": "numeric id", "published_at": "x"},
            "not an object",
            {"id": "b", "title": "B", "published_at": "2024-06-11T00:00:00Z", "extra": true}
        ]}"#;
        let ids: Vec<String> = Collection::decode(text)
            .unwrap()
            .saved
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn keeps_at_most_the_newest_max_saved() {
        let mut collection = Collection::default();
        for i in 0..=MAX_SAVED {
            collection.toggle(saved(&i.to_string()));
        }
        assert_eq!(collection.saved.len(), MAX_SAVED);
        assert_eq!(collection.saved[0].id, MAX_SAVED.to_string());
        assert!(!collection.contains("0"));
    }

    proptest! {
        /// Any text at all, control characters and quotes included, reads back as written.
        #[test]
        fn any_collection_round_trips(entries in prop::collection::vec(
            (any::<String>(), any::<String>(), any::<String>()), 0..12,
        )) {
            let mut collection = Collection::default();
            for (id, title, published_at) in entries {
                if !id.is_empty() && !collection.contains(&id) {
                    collection.toggle(Saved { id, title, published_at });
                }
            }
            prop_assert_eq!(Collection::decode(&collection.encode()), Ok(collection));
        }
    }
}
