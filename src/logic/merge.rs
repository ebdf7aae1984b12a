//! Merging a new feed into what is on screen, by key.
//!
//! The ticker's rows own signals bound to DOM nodes; replacing a row would re-create its nodes
//! (and, were the track rebuilt, restart the scroll). So a new feed is merged: rows whose key is
//! still there are kept and updated in place, new keys get new rows, gone keys are dropped, and
//! the result follows the new feed's order.

/// Returns the rows for `incoming`, in its order: `update(row, item)` for keys already in
/// `current`, `create(item)` for new keys. Rows whose key is absent from `incoming` are dropped.
/// `incoming` is expected to be unique by key (the feed parser guarantees it); should a key
/// repeat, its first row is updated and later items create new rows.
pub fn merge_keyed<K, R, I>(
    current: Vec<R>,
    incoming: Vec<I>,
    row_key: impl Fn(&R) -> K,
    item_key: impl Fn(&I) -> &str,
    mut update: impl FnMut(&mut R, I),
    mut create: impl FnMut(I) -> R,
) -> Vec<R>
where
    K: AsRef<str>,
{
    let keys: Vec<K> = current.iter().map(row_key).collect();
    // Sorted only when needed: a feed mostly keeps its order, and then every item finds its row
    // at its own place.
    let mut order: Option<Vec<usize>> = None;
    let mut rows: Vec<Option<R>> = current.into_iter().map(Some).collect();
    incoming
        .into_iter()
        .enumerate()
        .map(|(place, item)| {
            let key = item_key(&item);
            let found = if keys.get(place).is_some_and(|k| k.as_ref() == key) {
                rows[place].take()
            } else {
                let order = order.get_or_insert_with(|| {
                    key_order(&keys.iter().map(AsRef::as_ref).collect::<Vec<_>>())
                });
                order
                    .binary_search_by(|&index| keys[index].as_ref().cmp(key))
                    .ok()
                    .and_then(|at| rows[order[at]].take())
            };
            match found {
                Some(mut row) => {
                    update(&mut row, item);
                    row
                }
                None => create(item),
            }
        })
        .collect()
}

/// The indices of `keys` in the order of their keys, equal keys in their own order. Finding
/// keys by sorting takes O(n log n) whatever they are, where a hash map's worst case is
/// quadratic and a feed's author chooses the keys; and one function (one sort in the bundle)
/// serves every keyed collection.
pub fn key_order(keys: &[&str]) -> Vec<usize> {
    // Pairs, not indices into `keys`: each comparison reads its keys directly.
    let mut pairs: Vec<(&str, usize)> = keys.iter().copied().zip(0..).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, index)| index).collect()
}

// Natively only: the property tests use proptest, which does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, PartialEq)]
    struct Row {
        key: &'static str,
        value: u32,
        /// Which creation made this row: proves a row survived rather than being re-made.
        born: u32,
    }

    fn merge(current: Vec<Row>, incoming: Vec<(&'static str, u32)>, births: &mut u32) -> Vec<Row> {
        merge_keyed(
            current,
            incoming,
            |row| row.key,
            |item| item.0,
            |row, item| row.value = item.1,
            |item| {
                *births += 1;
                Row {
                    key: item.0,
                    value: item.1,
                    born: *births,
                }
            },
        )
    }

    #[test]
    fn keeps_rows_updates_values_and_follows_new_order() {
        let mut births = 0;
        let rows = merge(
            vec![],
            vec![("BTC", 1), ("ETH", 2), ("SOL", 3)],
            &mut births,
        );
        let rows = merge(
            rows,
            vec![("SOL", 30), ("BTC", 10), ("DOGE", 4)],
            &mut births,
        );
        assert_eq!(
            rows,
            vec![
                Row {
                    key: "SOL",
                    value: 30,
                    born: 3
                },
                Row {
                    key: "BTC",
                    value: 10,
                    born: 1
                },
                Row {
                    key: "DOGE",
                    value: 4,
                    born: 4
                },
            ]
        );
    }

    proptest! {
        #[test]
        fn result_matches_incoming_and_reuses_every_surviving_row(
            before in proptest::collection::hash_set(0u8..20, 0..20),
            after in proptest::collection::hash_set(0u8..20, 0..20),
        ) {
            const KEYS: [&str; 20] = ["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t"];
            let mut births = 0;
            let first = merge(vec![], before.iter().map(|&k| (KEYS[k as usize], 0)).collect(), &mut births);
            let created_first = births;
            let incoming: Vec<_> = after.iter().map(|&k| (KEYS[k as usize], 1)).collect();
            let second = merge(first, incoming.clone(), &mut births);
            let keys: Vec<_> = second.iter().map(|r| (r.key, r.value)).collect();
            prop_assert_eq!(keys, incoming);
            for row in &second {
                let survived = before.iter().any(|&k| KEYS[k as usize] == row.key);
                prop_assert_eq!(row.born <= created_first, survived);
            }
        }

        #[test]
        // The usual feed: the same keys in the same order, but for some dropped or added along
        // the way, so rows are found at their own place until the first change, and after it
        // by their key.
        fn a_feed_in_its_old_order_reuses_every_surviving_row(
            kept in proptest::collection::vec(any::<bool>(), 20),
            added in proptest::collection::vec(any::<bool>(), 20),
        ) {
            const OLD: [&str; 20] = ["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q","r","s","t"];
            const NEW: [&str; 20] = ["A","B","C","D","E","F","G","H","I","J","K","L","M","N","O","P","Q","R","S","T"];
            let mut births = 0;
            let first = merge(vec![], OLD.iter().map(|&k| (k, 0)).collect(), &mut births);
            let incoming: Vec<_> = (0..20)
                .flat_map(|i| {
                    let old = kept[i].then_some((OLD[i], 1));
                    let new = added[i].then_some((NEW[i], 1));
                    old.into_iter().chain(new)
                })
                .collect();
            let second = merge(first, incoming.clone(), &mut births);
            let keys: Vec<_> = second.iter().map(|r| (r.key, r.value)).collect();
            prop_assert_eq!(keys, incoming);
            for row in &second {
                prop_assert_eq!(row.born <= 20, OLD.contains(&row.key));
            }
        }
    }
}
