//! Safe names for exported files.

/// A safe file name for an export: the title as lowercase ASCII words joined by `-` (common
/// accented Latin letters folded, everything else dropped, at most 60 characters, `article`
/// when nothing is left), then the date when it is `YYYY-MM-DD`, then the extension (letters,
/// digits and dots only). Example: `the-global-coalition-2026-11-27.w3c.json`.
pub fn export_file_name(title: &str, date: &str, ext: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(fold_char) {
        if c.is_ascii_alphanumeric() {
            if slug.len() >= 60 {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut name = slug.trim_end_matches('-').to_owned();
    if name.is_empty() {
        name.push_str("article");
    }
    let b = date.as_bytes();
    let is_date = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if is_date {
        name.push('-');
        name.push_str(date);
    }
    let ext: String = ext
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let ext = ext.trim_matches('.');
    if !ext.is_empty() {
        name.push('.');
        name.push_str(&ext.to_ascii_lowercase());
    }
    name
}

/// Folds common accented Latin letters to ASCII; other characters pass unchanged.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' | 'Ī' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ś' | 'ş' | 'š' => "s",
        'Ś' | 'Ş' | 'Š' => "S",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'ž' | 'ź' | 'ż' => "z",
        'Ž' | 'Ź' | 'Ż' => "Z",
        'ł' => "l",
        'Ł' => "L",
        _ => "",
    };
    let single = folded.is_empty().then_some(c);
    single.into_iter().chain(folded.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            export_file_name("The Global Coalition", "2026-11-27", "w3c.json"),
            "the-global-coalition-2026-11-27.w3c.json"
        );
        assert_eq!(
            export_file_name("Çavuşoğlu: “we share…” 😀", "2026-11-27", "csv"),
            "cavusoglu-we-share-2026-11-27.csv"
        );
        assert_eq!(
            export_file_name("../../etc/passwd", "../x", "/json"),
            "etc-passwd.json"
        );
        assert_eq!(export_file_name("", "", ""), "article");
        assert!(export_file_name(&"a".repeat(500), "2026-01-01", "json").len() < 80);
    }
}
