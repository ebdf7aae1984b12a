//! The reader's Collection as the page holds it: a signal, kept in `localStorage` and in step
//! with other tabs. Storage that is missing, corrupt or full never loses what is on screen: the
//! Collection then lives for this visit only, and the reader is told.
//!
//! Written against web-sys rather than leptos-use's storage, which made the page's wasm 6.2 KB
//! gzip heavier for the same behaviour (BENCHMARKS.md).

use leptos::prelude::*;

use crate::live::browser;
use crate::logic::collection::{Collection, Saved, STORAGE_KEY};

/// Provided as context by [`provide_saved`].
#[derive(Clone, Copy)]
pub struct SavedArticles {
    pub collection: RwSignal<Collection>,
    /// Why the Collection cannot be kept beyond this visit, if it cannot.
    pub problem: RwSignal<Option<String>>,
}

pub fn provide_saved() -> SavedArticles {
    let saved = SavedArticles {
        collection: RwSignal::new(Collection::default()),
        problem: RwSignal::new(None),
    };
    saved.load();
    // Another tab saved or removed something: show the same Collection here.
    let listener = window_event_listener(leptos::ev::storage, move |event| {
        if event.key().as_deref() == Some(STORAGE_KEY) {
            saved.load();
        }
    });
    on_cleanup(move || listener.remove());
    provide_context(saved);
    saved
}

impl SavedArticles {
    pub fn contains(&self, id: &str) -> bool {
        self.collection.with(|collection| collection.contains(id))
    }

    pub fn toggle(&self, article: Saved) {
        self.collection.update(|collection| {
            collection.toggle(article);
        });
        self.store();
    }

    pub fn remove(&self, id: &str) {
        self.collection.update(|collection| collection.remove(id));
        self.store();
    }

    /// Reads the stored Collection. Stored text that is not a Collection (another script's, or
    /// damaged) is set aside with a warning: the reader starts empty and the next save mends it.
    fn load(&self) {
        let stored = browser::local_storage().and_then(|storage| {
            storage
                .get_item(STORAGE_KEY)
                .map_err(|_| "storage could not be read".to_owned())
        });
        match stored {
            Ok(text) => {
                let collection = text
                    .map_or(Ok(Collection::default()), |text| Collection::decode(&text))
                    .unwrap_or_else(|reason| {
                        browser::warn(&format!("Collection: {reason}; starting empty"));
                        Collection::default()
                    });
                self.collection.set(collection);
                self.problem.set(None);
            }
            Err(reason) => self.report(reason),
        }
    }

    fn store(&self) {
        let text = self.collection.with_untracked(Collection::encode);
        let written = browser::local_storage().and_then(|storage| {
            storage
                .set_item(STORAGE_KEY, &text)
                .map_err(|_| "storage is full or turned off".to_owned())
        });
        match written {
            Ok(()) => self.problem.set(None),
            Err(reason) => self.report(reason),
        }
    }

    fn report(&self, reason: String) {
        browser::warn(&format!("Collection: {reason}"));
        self.problem.set(Some(format!(
            "Your Collection cannot be kept after you leave this page: {reason}."
        )));
    }
}
