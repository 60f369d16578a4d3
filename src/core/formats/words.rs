//! Counted nouns and lists in the sentences the formats show to the user.

/// `n` with the singular or plural form of its noun: "1 article", "2 articles", "0 articles".
pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The parts joined as an English list: "a", "a and b", "a, b and c".
pub(super) fn and_list(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_lists_read_as_english() {
        assert_eq!(count(0, "article", "articles"), "0 articles");
        assert_eq!(count(1, "article", "articles"), "1 article");
        assert_eq!(count(2, "is", "are"), "2 are");
        let p = |v: &[&str]| and_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(p(&[]), "");
        assert_eq!(p(&["a"]), "a");
        assert_eq!(p(&["a", "b"]), "a and b");
        assert_eq!(p(&["a", "b", "c"]), "a, b and c");
    }
}
