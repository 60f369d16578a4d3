//! Quotation marks: which character opens or closes a quote, and the outermost quotes of a
//! text, running over paragraphs (see the module documentation of [`super`]).

pub(super) fn words(chars: &[char]) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in chars {
        let w = super::words::alphanumeric(*c);
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

/// The kind of a quotation mark at a position: opening or closing, and its family (marks that
/// pair with each other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open(Family),
    Close(Family),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// “ ” „ ‟ and the straight ".
    Double,
    /// ‘ ’ and the straight '.
    Single,
    /// « » (either way round).
    Guillemet,
    /// ‹ › (either way round).
    SingleGuillemet,
}

fn is_space_or_edge(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

fn opens_context(before: Option<char>) -> bool {
    before.is_none_or(|c| c.is_whitespace() || "([{—–-/:;".contains(c) || is_open_mark(c))
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '‟' | '‘' | '«' | '‹' | '"' | '\'')
}

/// What a straight double mark is, between the characters `before` and `after`: the "
/// itself, or the doubled '' some papers write for “ and ” ([`mark_len_at`]).
fn straight_double(
    before: Option<char>,
    after: Option<char>,
    innermost: Option<Family>,
) -> Option<Mark> {
    if innermost == Some(Family::Double) && !is_space_or_edge(before) {
        Some(Mark::Close(Family::Double))
    } else if opens_context(before) && !is_space_or_edge(after) {
        Some(Mark::Open(Family::Double))
    } else if innermost == Some(Family::Double) {
        Some(Mark::Close(Family::Double))
    } else if matches!(before, Some('.' | '!' | '?' | ',')) && after.is_some_and(char::is_uppercase)
    {
        // No quote open, and glued to the sentence before ("… the authorities."We were
        // deceived."): a missing space, not a closing mark.
        Some(Mark::Open(Family::Double))
    } else {
        None
    }
}

/// The mark at `i` and how many characters it takes: the doubled '' some papers write for “
/// and ” is one double mark (else "''Francis' walls …''" closed its quote at the apostrophe
/// of "Francis'").
fn mark_len_at(chars: &[char], i: usize, innermost: Option<Family>) -> Option<(Mark, usize)> {
    // Three inside a single quote: the first closes it, the next two the double quote ("''…
    // 'Kosovo is a special case,''' Mr. Putin said"). Two close the double quote, and a single
    // one left open inside it with them ("''Get 'em out of here''": an elision).
    let third = chars.get(i + 2) == Some(&'\'');
    if chars[i] == '\''
        && chars.get(i + 1) == Some(&'\'')
        && !(third && innermost == Some(Family::Single))
    {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 2).copied();
        // (Read as if the double quote were innermost: a single one left open inside it
        // closes with it.)
        let innermost = if innermost == Some(Family::Single) {
            Some(Family::Double)
        } else {
            innermost
        };
        return straight_double(before, after, innermost).map(|m| (m, 2));
    }
    mark_at(chars, i, innermost).map(|m| (m, 1))
}

/// What the character at `i` is, as a quotation mark (`open_family`: the family of the
/// quote open around it, which decides the reversed German »…« and ‹…›).
fn mark_at(chars: &[char], i: usize, innermost: Option<Family>) -> Option<Mark> {
    let c = chars[i];
    let before = i.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(i + 1).copied();
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match c {
        // “ also closes a quote opened with „ (German: „…“).
        '“' if innermost == Some(Family::Double) && !is_space_or_edge(before) && !letter(after) => {
            Some(Mark::Close(Family::Double))
        }
        '“' | '„' | '‟' => Some(Mark::Open(Family::Double)),
        '”' => {
            // "„…”" (Polish) and "“…”" close with ”; an opening ” is rare: after a space and
            // before a letter, with no double quote open.
            if innermost != Some(Family::Double) && is_space_or_edge(before) && letter(after) {
                Some(Mark::Open(Family::Double))
            } else {
                Some(Mark::Close(Family::Double))
            }
        }
        '"' => straight_double(before, after, innermost),
        // ‘ typed for an apostrophe: between letters ("Trump‘s"), or a decade ("the ‘80s").
        '‘' if (letter(before) && letter(after)) || decade(chars, i) => None,
        // ‘ typed for ’ at a word's end: it closes a single quote that is open ("‘no‘ to
        // that"), else it is a possessive's apostrophe ("CBS‘ Face the Nation"), never an
        // opening mark glued to the word before it.
        '‘' if letter(before) => {
            (innermost == Some(Family::Single)).then_some(Mark::Close(Family::Single))
        }
        '‘' => Some(Mark::Open(Family::Single)),
        '’' | '\'' => {
            // An apostrophe: between letters (don't, O’Brien), or after a letter at a word's
            // end when no single quote is open (the students’ union), or a decade's ("the
            // '80s").
            if (letter(before) && letter(after)) || decade(chars, i) {
                return None;
            }
            if innermost == Some(Family::Single) && !is_space_or_edge(before) {
                return Some(Mark::Close(Family::Single));
            }
            if c == '\'' && opens_context(before) && letter(after) {
                return Some(Mark::Open(Family::Single));
            }
            None
        }
        '«' => Some(
            if innermost == Some(Family::Guillemet) && !is_space_or_edge(before) && !letter(after) {
                Mark::Close(Family::Guillemet)
            } else {
                Mark::Open(Family::Guillemet)
            },
        ),
        '»' => Some(if innermost == Some(Family::Guillemet) {
            Mark::Close(Family::Guillemet)
        } else {
            Mark::Open(Family::Guillemet)
        }),
        '‹' => Some(if innermost == Some(Family::SingleGuillemet) {
            Mark::Close(Family::SingleGuillemet)
        } else {
            Mark::Open(Family::SingleGuillemet)
        }),
        '›' => Some(if innermost == Some(Family::SingleGuillemet) {
            Mark::Close(Family::SingleGuillemet)
        } else {
            Mark::Open(Family::SingleGuillemet)
        }),
        _ => None,
    }
}

/// Whether the mark at `i` stands for a decade's elided century: two digits and an "s" after
/// it, then no letter ("the '80s", "the ’60s,").
fn decade(chars: &[char], i: usize) -> bool {
    let at = |k: usize| chars.get(i + k).copied();
    at(1).is_some_and(|c| c.is_ascii_digit())
        && at(2).is_some_and(|c| c.is_ascii_digit())
        && at(3) == Some('s')
        && !at(4).is_some_and(char::is_alphanumeric)
}

/// The outermost quotes of the text: (start, end) of the text inside the marks, in code
/// points. Runs over paragraphs as the module documentation says.
pub(super) fn quote_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Open quotes, outermost first: (family, start of the text inside).
    let mut open: Vec<(Family, usize)> = Vec::new();
    // How many of them are of each family: a closing mark of a family none is open of is not
    // looked for down the whole stack (thousands of ‘ opened, then as many ” would be
    // quadratic); one that is found pops what it passed.
    let mut open_of = [0usize; 4];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            if let Some(&(family, start)) = open.first() {
                // Does the next paragraph continue the quote (opening with a mark of the same
                // family)?
                let next = chars[i + 1..]
                    .iter()
                    .position(|c| !c.is_whitespace())
                    .map(|p| i + 1 + p);
                let continues = next.and_then(|j| match mark_len_at(chars, j, None) {
                    Some((Mark::Open(f), len)) if f == family => Some(j + len),
                    _ => None,
                });
                if let Some(after_mark) = continues {
                    // The inner quotes of the last paragraph do not carry over.
                    truncate(&mut open, &mut open_of, 1);
                    i = after_mark;
                    continue;
                }
                out.push((start, trim_end(chars, start, i)));
                truncate(&mut open, &mut open_of, 0);
            }
            i += 1;
            continue;
        }
        let (mark, len) = mark_len_at(chars, i, open.last().map(|o| o.0))
            .map_or((None, 1), |(m, len)| (Some(m), len));
        match mark {
            Some(Mark::Open(f)) => {
                open.push((f, i + len));
                open_of[f as usize] += 1;
            }
            Some(Mark::Close(f)) if open_of[f as usize] > 0 => {
                if let Some(pos) = open.iter().rposition(|o| o.0 == f) {
                    if pos == 0 {
                        out.push((open[0].1, i));
                        truncate(&mut open, &mut open_of, 0);
                    } else {
                        truncate(&mut open, &mut open_of, pos);
                    }
                }
            }
            Some(Mark::Close(_)) => {}
            None => {}
        }
        i += len;
    }
    if let Some(&(_, start)) = open.first() {
        out.push((start, trim_end(chars, start, chars.len())));
    }
    out.retain(|(s, e)| s < e);
    out
}

/// Closes the open quotes from the `len`th on, keeping the count of each family.
fn truncate(open: &mut Vec<(Family, usize)>, open_of: &mut [usize; 4], len: usize) {
    for (f, _) in open.drain(len.min(open.len())..) {
        open_of[f as usize] -= 1;
    }
}

/// `start..end` without the white space at either end (French puts a space inside « »), if
/// anything is left.
pub(super) fn trimmed(chars: &[char], (mut start, mut end): (usize, usize)) -> (usize, usize) {
    let (s0, e0) = (start, end);
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        (start, end)
    } else {
        (s0, e0)
    }
}

fn trim_end(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

/// Whether the quote `start..end` is the only text (punctuation aside) of the paragraph
/// `para_start..para_end` around it: a floating quote.
pub(super) fn only_text_of(
    chars: &[char],
    (start, end): (usize, usize),
    (para_start, para_end): (usize, usize),
) -> bool {
    let before = chars.get(para_start..start).unwrap_or(&[]);
    let after = chars.get(end..para_end).unwrap_or(&[]);
    !before.iter().rev().any(|c| c.is_alphanumeric()) && !after.iter().any(|c| c.is_alphanumeric())
}
