//! The reader's Collection as the page holds it: a signal kept in `localStorage` by leptos-use,
//! in step with other tabs. Storage that is missing, corrupt or full never loses what is on
//! screen: the Collection then lives for this visit only, and the reader is told.

use codee::{CodecError, Decoder, Encoder};
use leptos::prelude::*;
use leptos_use_storage::{use_local_storage_with_options, UseStorageError, UseStorageOptions};

use crate::live::browser;
use crate::logic::collection::{Collection, Saved, STORAGE_KEY};

/// Provided as context by [`provide_saved`].
#[derive(Clone, Copy)]
pub struct SavedArticles {
    pub collection: Signal<Collection>,
    set_collection: WriteSignal<Collection>,
    /// Why the Collection cannot be kept beyond this visit, if it cannot.
    pub problem: RwSignal<Option<String>>,
}

pub fn provide_saved() -> SavedArticles {
    let problem = RwSignal::new(None);
    let report = move |reason: &str| {
        browser::warn(&format!("Collection: {reason}"));
        problem.set(Some(format!(
            "Your Collection cannot be kept after you leave this page: {reason}."
        )));
    };
    let on_error = move |error: UseStorageError<(), String>| match error {
        // Stored text that is not a Collection (another script's, or damaged) is set aside:
        // the reader starts empty and the next save mends it.
        UseStorageError::ItemCodecError(CodecError::Decode(reason)) => {
            browser::warn(&format!("Collection: {reason}; starting empty"));
        }
        UseStorageError::StorageNotAvailable(_) | UseStorageError::StorageReturnedNone => {
            report("storage is not available here");
        }
        UseStorageError::GetItemFailed(_) => report("storage could not be read"),
        _ => report("storage is full or turned off"),
    };
    let (collection, set_collection, _) = use_local_storage_with_options::<Collection, Stored>(
        STORAGE_KEY,
        UseStorageOptions::default().on_error(on_error),
    );
    let saved = SavedArticles {
        collection,
        set_collection,
        problem,
    };
    provide_context(saved);
    saved
}

impl SavedArticles {
    pub fn contains(&self, id: &str) -> bool {
        self.collection.with(|collection| collection.contains(id))
    }

    pub fn toggle(&self, article: Saved) {
        self.set_collection.update(|collection| {
            collection.toggle(article);
        });
    }

    pub fn remove(&self, id: &str) {
        self.set_collection
            .update(|collection| collection.remove(id));
    }
}

/// The Collection as stored: [`Collection::encode`] and [`Collection::decode`].
struct Stored;

impl Encoder<Collection> for Stored {
    type Error = ();
    type Encoded = String;

    fn encode(collection: &Collection) -> Result<String, ()> {
        Ok(collection.encode())
    }
}

impl Decoder<Collection> for Stored {
    type Error = String;
    type Encoded = str;

    fn decode(text: &str) -> Result<Collection, String> {
        Collection::decode(text)
    }
}
