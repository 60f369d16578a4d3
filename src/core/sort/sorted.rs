//! Ordered maps and sets kept as a short list of sorted chunks: [`SortedMap`] and
//! [`SortedSet`].
//!
//! They stand in for `BTreeMap` and `BTreeSet` in the code the page runs. A B-tree's code is
//! generic over its key *and* value types and large (insertion with node splitting, removal
//! with rebalancing, iteration over nodes): about 8 KB of wasm for each pair of types, 68 KB of
//! the page's (measured with `twiggy top` on a build that keeps names, 2026-12-02). Here each
//! pair of types adds two binary searches and a `Vec`'s insert, split and remove.
//!
//! The entries are kept in order in chunks of at most [`CHUNK`] entries (every chunk holds at
//! least one). A lookup is a binary search over the chunks' last keys, then one within the
//! chunk: O(log n). An insert or a removal moves at most a chunk's entries and, when a chunk
//! splits or empties, the list of chunks (n / [`CHUNK`] pointers): so one at a time, in any
//! order, a library of 100,000 annotations is built without the quadratic cost a single
//! sorted `Vec` would have. Many entries at once go through [`Extend`] / [`FromIterator`],
//! which sort once. Iteration is in key order, as with `BTreeMap`, and equality is of the
//! ordered entries, whatever the chunks.
//!
//! (`litemap`, the crate made for maps of small binary size, is one sorted `Vec`: an insert in
//! the middle moves everything after it: 80,000 inserts in random order took 450 ms natively
//! for one such map against 14 ms in chunks, and an import fills several; see BENCHMARKS.md,
//! session 15.)

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;

/// The most entries a chunk holds; a chunk that grows past it is split in two halves. (Tests
/// use short chunks, so that every test of the code that uses these maps splits and merges
/// them.)
#[cfg(not(test))]
const CHUNK: usize = 256;
#[cfg(test)]
const CHUNK: usize = 8;

/// A map ordered by key (see the module's notes).
#[derive(Clone)]
pub struct SortedMap<K, V> {
    /// Sorted, disjoint, in order; none empty.
    chunks: Vec<Vec<(K, V)>>,
    len: usize,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<K: PartialEq, V: PartialEq> PartialEq for SortedMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<K: Eq, V: Eq> Eq for SortedMap<K, V> {}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K, V> SortedMap<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
    }

    /// The entries in key order, as stored.
    fn entries(&self) -> Entries<'_, K, V> {
        Entries {
            chunks: self.chunks.iter(),
            chunk: [].iter(),
        }
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + Clone {
        self.entries().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &K> + Clone {
        self.entries().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> + Clone {
        self.entries().map(|(_, v)| v)
    }

    /// The values in key order, to change.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.iter_mut().map(|(_, v)| v)
    }

    /// The values in key order, taken.
    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.into_iter().map(|(_, v)| v)
    }

    /// The keys in order, taken.
    pub fn into_keys(self) -> impl Iterator<Item = K> {
        self.into_iter().map(|(k, _)| k)
    }

    /// The entries in key order, values to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&K, &mut V)> {
        EntriesMut {
            chunks: self.chunks.iter_mut(),
            chunk: [].iter_mut(),
        }
    }

    /// Keeps only the entries `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        for chunk in &mut self.chunks {
            chunk.retain_mut(|(k, v)| keep(k, v));
        }
        self.chunks.retain(|c| !c.is_empty());
        self.len = self.chunks.iter().map(Vec::len).sum();
    }

    /// The first entry (the lowest key).
    pub fn first_key_value(&self) -> Option<(&K, &V)> {
        self.chunks.first()?.first().map(|(k, v)| (k, v))
    }

    /// The last entry (the highest key).
    pub fn last_key_value(&self) -> Option<(&K, &V)> {
        self.chunks.last()?.last().map(|(k, v)| (k, v))
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// The chunk where `key` is or would go, and where in it (`Ok`: there; `Err`: the place
    /// to insert it). `None` when there are no chunks.
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Option<(usize, Result<usize, usize>)>
    where
        K: Borrow<Q>,
    {
        let last = self.chunks.len().checked_sub(1)?;
        // The first chunk whose last key is not below `key`; past every chunk, the last one.
        let c = self
            .chunks
            .partition_point(|chunk| chunk.last().is_some_and(|(k, _)| k.borrow() < key))
            .min(last);
        let at = self.chunks[c].binary_search_by(|(k, _)| k.borrow().cmp(key));
        Some((c, at))
    }

    /// The value of `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        match self.find(key)? {
            (c, Ok(i)) => Some(&self.chunks[c][i].1),
            _ => None,
        }
    }

    /// The value of `key`, to change.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        match self.find(key)? {
            (c, Ok(i)) => Some(&mut self.chunks[c][i].1),
            _ => None,
        }
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        matches!(self.find(key), Some((_, Ok(_))))
    }

    /// Puts a new entry at `i` of chunk `c`, splitting the chunk if it grows too long;
    /// returns where the entry is then.
    fn put_at(&mut self, c: usize, i: usize, key: K, value: V) -> (usize, usize) {
        self.len += 1;
        let Some(chunk) = self.chunks.get_mut(c) else {
            self.chunks.push(vec![(key, value)]);
            return (self.chunks.len() - 1, 0);
        };
        chunk.insert(i, (key, value));
        if chunk.len() <= CHUNK {
            return (c, i);
        }
        let half = chunk.len() / 2;
        let upper = chunk.split_off(half);
        self.chunks.insert(c + 1, upper);
        if i < half {
            (c, i)
        } else {
            (c + 1, i - half)
        }
    }

    /// Sets the value of `key`, returning the one it replaced.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            None => {
                self.put_at(0, 0, key, value);
                None
            }
            Some((c, Ok(i))) => Some(std::mem::replace(&mut self.chunks[c][i].1, value)),
            Some((c, Err(i))) => {
                self.put_at(c, i, key, value);
                None
            }
        }
    }

    /// The value of `key`, inserted with `make` if it has none.
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let (c, i) = match self.find(&key) {
            Some((c, Ok(i))) => (c, i),
            Some((c, Err(i))) => self.put_at(c, i, key, make()),
            None => self.put_at(0, 0, key, make()),
        };
        &mut self.chunks[c][i].1
    }

    /// Removes `key`, returning its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let (c, Ok(i)) = self.find(key)? else {
            return None;
        };
        let (_, value) = self.chunks[c].remove(i);
        if self.chunks[c].is_empty() {
            self.chunks.remove(c);
        }
        self.len -= 1;
        Some(value)
    }
}

#[cfg(test)]
impl<K: Ord, V> SortedMap<K, V> {
    /// Panics unless the chunks are as the type promises: none empty or longer than
    /// [`CHUNK`], keys strictly increasing across all of them, `len` their total.
    fn check(&self) {
        assert!(self
            .chunks
            .iter()
            .all(|c| !c.is_empty() && c.len() <= CHUNK));
        let keys: Vec<&K> = self.keys().collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(keys.len(), self.len);
    }
}

impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    /// Inserts every item, a later value replacing an earlier one of the same key. A few
    /// items are inserted one by one; more are merged by sorting everything once.
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, items: I) {
        let items: Vec<(K, V)> = items.into_iter().collect();
        if items.len() <= CHUNK / 8 || items.len() * 8 <= self.len {
            for (k, v) in items {
                self.insert(k, v);
            }
            return;
        }
        let mut all: Vec<(K, V)> = std::mem::take(self).into_iter().collect();
        all.extend(items);
        // Stable: of two entries with one key, the later (the newer value) comes last.
        super::sort_by(&mut all, |a, b| a.0.cmp(&b.0));
        all.dedup_by(|later, kept| {
            if later.0.cmp(&kept.0) == Ordering::Equal {
                std::mem::swap(&mut later.1, &mut kept.1);
                true
            } else {
                false
            }
        });
        self.len = all.len();
        let mut all = all.into_iter();
        while all.len() > 0 {
            self.chunks.push(all.by_ref().take(CHUNK / 2).collect());
        }
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut map = SortedMap::new();
        map.extend(items);
        map
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(items: [(K, V); N]) -> Self {
        items.into_iter().collect()
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for SortedMap<K, V> {
    type Output = V;

    /// The value of `key`; panics if it has none (as `BTreeMap`'s index does): for tests.
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

/// The entries of a [`SortedMap`] in order. (Written out rather than `Flatten`, whose
/// double-ended and folding code every caller's loop would inline.)
pub struct Entries<'a, K, V> {
    chunks: std::slice::Iter<'a, Vec<(K, V)>>,
    chunk: std::slice::Iter<'a, (K, V)>,
}

impl<K, V> Clone for Entries<'_, K, V> {
    fn clone(&self) -> Self {
        Entries {
            chunks: self.chunks.clone(),
            chunk: self.chunk.clone(),
        }
    }
}

impl<'a, K, V> Iterator for Entries<'a, K, V> {
    type Item = &'a (K, V);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.chunk.next() {
                return Some(e);
            }
            self.chunk = self.chunks.next()?.iter();
        }
    }
}

/// The entries of a [`SortedMap`] in order, values to change.
struct EntriesMut<'a, K, V> {
    chunks: std::slice::IterMut<'a, Vec<(K, V)>>,
    chunk: std::slice::IterMut<'a, (K, V)>,
}

impl<'a, K, V> Iterator for EntriesMut<'a, K, V> {
    type Item = (&'a K, &'a mut V);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((k, v)) = self.chunk.next() {
                return Some((&*k, v));
            }
            self.chunk = self.chunks.next()?.iter_mut();
        }
    }
}

/// The entries of a [`SortedMap`] in order, taken.
pub struct IntoEntries<K, V> {
    chunks: std::vec::IntoIter<Vec<(K, V)>>,
    chunk: std::vec::IntoIter<(K, V)>,
}

impl<K, V> Iterator for IntoEntries<K, V> {
    type Item = (K, V);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.chunk.next() {
                return Some(e);
            }
            self.chunk = self.chunks.next()?.into_iter();
        }
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = IntoEntries<K, V>;

    /// The entries in key order.
    fn into_iter(self) -> Self::IntoIter {
        IntoEntries {
            chunks: self.chunks.into_iter(),
            chunk: Vec::new().into_iter(),
        }
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<Entries<'a, K, V>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries().map(|(k, v)| (k, v))
    }
}

/// A set ordered by value, kept as a sorted `Vec` (see the module's notes).
#[derive(Clone, PartialEq, Eq)]
pub struct SortedSet<T> {
    items: SortedMap<T, ()>,
}

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet {
            items: SortedMap::default(),
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T> SortedSet<T> {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Removes every value.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The values in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + Clone {
        self.items.keys()
    }

    /// The lowest value.
    pub fn first(&self) -> Option<&T> {
        self.items.first_key_value().map(|(k, _)| k)
    }

    /// The highest value.
    pub fn last(&self) -> Option<&T> {
        self.items.last_key_value().map(|(k, _)| k)
    }

    /// Keeps only the values `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        self.items.retain(|k, _| keep(k));
    }
}

impl<T: Ord> SortedSet<T> {
    /// Whether `value` is in the set.
    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.items.contains_key(value)
    }

    /// Adds `value`; whether it was not there yet.
    pub fn insert(&mut self, value: T) -> bool {
        match self.items.find(&value) {
            Some((_, Ok(_))) => false,
            Some((c, Err(i))) => {
                self.items.put_at(c, i, value, ());
                true
            }
            None => {
                self.items.put_at(0, 0, value, ());
                true
            }
        }
    }

    /// Removes `value`; whether it was there.
    pub fn remove<Q: Ord + ?Sized>(&mut self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.items.remove(value).is_some()
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        self.items.extend(items.into_iter().map(|t| (t, ())));
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut set = SortedSet::new();
        set.extend(items);
        set
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for SortedSet<T> {
    fn from(items: [T; N]) -> Self {
        items.into_iter().collect()
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::iter::Map<IntoEntries<T, ()>, fn((T, ())) -> T>;

    /// The values in order.
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().map(|(t, ())| t)
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Map<Entries<'a, T, ()>, fn(&'a (T, ())) -> &'a T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.entries().map(|(t, ())| t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[derive(Debug, Clone)]
    enum MapOp {
        Insert(u8, u16),
        Remove(u8),
        Extend(Vec<(u8, u16)>),
        Retain(u8),
        OrInsert(u8, u16),
    }

    fn map_op() -> impl Strategy<Value = MapOp> {
        prop_oneof![
            3 => (any::<u8>(), any::<u16>()).prop_map(|(k, v)| MapOp::Insert(k % 64, v)),
            2 => any::<u8>().prop_map(|k| MapOp::Remove(k % 64)),
            1 => proptest::collection::vec((0u8..64, any::<u16>()), 0..40).prop_map(MapOp::Extend),
            1 => any::<u8>().prop_map(|m| MapOp::Retain(m % 5 + 2)),
            1 => (any::<u8>(), any::<u16>()).prop_map(|(k, v)| MapOp::OrInsert(k % 64, v)),
        ]
    }

    proptest! {
        /// Every operation gives what `BTreeMap`'s gives, and the entries stay in key order.
        #[test]
        fn behaves_as_a_btreemap(ops in proptest::collection::vec(map_op(), 0..120)) {
            let mut want = BTreeMap::new();
            let mut got = SortedMap::new();
            for op in ops {
                match op {
                    MapOp::Insert(k, v) => prop_assert_eq!(got.insert(k, v), want.insert(k, v)),
                    MapOp::Remove(k) => prop_assert_eq!(got.remove(&k), want.remove(&k)),
                    MapOp::Extend(items) => {
                        got.extend(items.clone());
                        want.extend(items);
                    }
                    MapOp::Retain(m) => {
                        got.retain(|k, _| k % m != 0);
                        want.retain(|k, _| k % m != 0);
                    }
                    MapOp::OrInsert(k, v) => {
                        // Wrapping: the strategy may draw `u16::MAX`, and a debug build's
                        // overflow check would fail the test, not the map.
                        let g = got.get_or_insert_with(k, || v);
                        *g = g.wrapping_add(1);
                        let w = want.entry(k).or_insert(v);
                        *w = w.wrapping_add(1);
                    }
                }
                got.check();
                prop_assert_eq!(got.len(), want.len());
                prop_assert!(got.iter().eq(want.iter()));
                for k in 0..64u8 {
                    prop_assert_eq!(got.get(&k), want.get(&k));
                    prop_assert_eq!(got.contains_key(&k), want.contains_key(&k));
                }
            }
            prop_assert!(got.clone().into_iter().eq(want.into_iter()));
        }

        /// A set collected from any items is `BTreeSet`'s, and inserts and removes answer alike.
        #[test]
        fn behaves_as_a_btreeset(items in proptest::collection::vec(0u8..32, 0..60), probe in 0u8..32) {
            let mut got: SortedSet<u8> = items.iter().copied().collect();
            let mut want: BTreeSet<u8> = items.iter().copied().collect();
            prop_assert!(got.iter().eq(want.iter()));
            prop_assert_eq!(got.insert(probe), want.insert(probe));
            prop_assert_eq!(got.insert(probe), want.insert(probe));
            prop_assert_eq!(got.contains(&probe), want.contains(&probe));
            prop_assert_eq!(got.remove(&probe), want.remove(&probe));
            prop_assert_eq!(got.remove(&probe), want.remove(&probe));
            prop_assert!(got.into_iter().eq(want.into_iter()));
        }
    }

    #[test]
    fn a_hundred_thousand_keys_in_random_order_stay_sorted_in_short_chunks() {
        // Distinct keys in a scrambled order (7,919 · i mod the prime 100,003), inserted one by
        // one, then every other one removed.
        let keys: Vec<u64> = (0..100_000u64).map(|i| i * 7_919 % 100_003).collect();
        let mut map = SortedMap::new();
        for &k in &keys {
            map.insert(k, k);
        }
        map.check();
        for &k in keys.iter().step_by(2) {
            assert_eq!(map.remove(&k), Some(k));
        }
        map.check();
        let mut want: Vec<u64> = keys.iter().skip(1).step_by(2).copied().collect();
        want.sort_unstable();
        assert!(map.keys().copied().eq(want));
    }

    #[test]
    fn collecting_keeps_the_last_value_of_a_key_and_borrowed_keys_find_entries() {
        let map: SortedMap<String, u8> = [
            ("b".to_owned(), 1),
            ("a".to_owned(), 2),
            ("b".to_owned(), 3),
        ]
        .into();
        assert_eq!(map.get("b"), Some(&3));
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(format!("{map:?}"), r#"{"a": 2, "b": 3}"#);
        let set: SortedSet<&str> = ["z", "a", "z"].into();
        assert_eq!(format!("{set:?}"), r#"{"a", "z"}"#);
        assert_eq!((set.first(), set.last()), (Some(&"a"), Some(&"z")));
    }
}
