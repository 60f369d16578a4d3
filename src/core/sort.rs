//! One stable sort for the whole app, compiled once.
//!
//! The standard library's sorts (`slice::sort_by`, `sort_by_key`, `sort_unstable`, and
//! `collect::<BTreeMap>()`, which sorts its items first) are generic over the element type *and*
//! the comparison closure, so each call site gets its own copy of driftsort or ipnsort: 3–4 KB of
//! wasm each, 99 KB of the page's 1.19 MB (measured with `twiggy top` on a build that keeps
//! names, 2026-12-01). Here every sort orders a list of indices through one `dyn` comparison, so
//! the sorting code exists once in each binary; each call site adds only a small permutation.
//!
//! Sorting is stable: elements that compare equal keep their order, as with
//! `slice::sort_by`. The extra cost is a `dyn` call per comparison and one index list; these
//! sorts are of annotations, articles, suggestions and journal entries (tens of thousands at
//! most), not of the hot index of anchoring (a radix sort, `anchor.rs`).

mod sorted;

pub use sorted::{SortedMap, SortedSet};

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp` (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let v: &[T] = v;
        sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    }
    permute(v, order);
}

/// Sorts `v` stably by the key `key` gives each element (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in ascending order (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instance of the standard library's stable sort: indices, one comparison type.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Moves the element at `order[k]` to position `k`, for every `k`, by swaps along cycles.
fn permute<T>(v: &mut [T], order: Vec<usize>) {
    // `dest[j]`: where the element now at `j` must go (the inverse of `order`).
    let mut dest = vec![0; order.len()];
    for (k, &j) in order.iter().enumerate() {
        dest[j] = k;
    }
    for i in 0..v.len() {
        while dest[i] != i {
            let d = dest[i];
            v.swap(i, d);
            dest.swap(i, d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_and_keeps_equal_elements_in_their_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        sort_by(&mut v, |a, b| b.0.cmp(&a.0));
        assert_eq!(v, [(3, 'a'), (3, 'c'), (2, 'd'), (1, 'b'), (1, 'e')]);
        let mut words = vec!["émile", "Zoë", "ana", "", "😀"];
        sort(&mut words);
        assert_eq!(words, ["", "Zoë", "ana", "émile", "😀"]);
        let mut empty: Vec<u8> = vec![];
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    proptest! {
        #[test]
        fn agrees_with_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            let mut got = v;
            sort_by_key(&mut got, |x| x.0);
            prop_assert_eq!(got, want);
        }
    }
}
