//! The reader's Collection: the articles they saved, as kept in `localStorage`.
//!
//! Each entry keeps the article's title and time as well as its id, so an article that has
//! since left the feed can still be listed (as gone) and removed.

use crate::json::{self, Json};

/// Where the Collection is stored. Versioned, so a later format can tell old data apart.
pub const STORAGE_KEY: &str = "tapewire.collection.v1";

/// Beyond this many, saving a new article drops the oldest: storage is small and shared.
pub const MAX_SAVED: usize = 500;

/// One saved article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub id: String,
    pub title: String,
    /// RFC 3339, as the feed wrote it.
    pub published_at: String,
}

/// The saved articles, most recently saved first, unique by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Collection {
    pub saved: Vec<Saved>,
}

impl Collection {
    /// Reads what [`Collection::encode`] wrote. Entries that are not usable are skipped;
    /// text that is not a Collection at all is an error (the caller starts empty and says so).
    pub fn decode(text: &str) -> Result<Collection, String> {
        let value = json::parse(text)
            .map_err(|error| format!("the saved Collection is not JSON ({error})"))?;
        let entries = value
            .get("saved")
            .and_then(Json::as_array)
            .ok_or("the saved Collection has no list of articles")?;
        let mut collection = Collection::default();
        for entry in entries {
            let field = |key: &str| entry.get(key).and_then(Json::as_str).map(str::to_owned);
            if let (Some(id), Some(title), Some(published_at)) =
                (field("id"), field("title"), field("published_at"))
            {
                if !id.is_empty() && !collection.contains(&id) {
                    collection.saved.push(Saved {
                        id,
                        title,
                        published_at,
                    });
                }
            }
        }
        collection.saved.truncate(MAX_SAVED);
        Ok(collection)
    }

    pub fn encode(&self) -> String {
        let mut out = String::from("{\"saved\":[");
        for (i, saved) in self.saved.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            for (key, value) in [
                ("{\"id\":", &saved.id),
                (",\"title\":", &saved.title),
                (",\"published_at\":", &saved.published_at),
            ] {
                out.push_str(key);
                json::write_string(&mut out, value);
            }
            out.push('}');
        }
        out.push_str("]}");
        out
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
