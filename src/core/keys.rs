//! What a key press means: the global shortcuts and the keyboard selection cursor of the
//! article. The shell reads a key event into plain values (`key`, modifiers, a little
//! context) and carries out the [`Command`] or the selection this module returns; which key
//! does what is decided only here.

use std::ops::Range;

use crate::core::breaks::Breaks;
use crate::core::selection;

/// What the app knows, when a key is pressed outside a text field, that decides what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyContext {
    /// Some text of the article is selected (the toolbar is showing).
    pub has_selection: bool,
    /// An annotation is selected.
    pub has_selected_annotation: bool,
    /// There are suggestions to move through.
    pub has_suggestions: bool,
    /// A suggestion is focused (`J`/`K` moved to it).
    pub has_focused_suggestion: bool,
    /// The key went to a control that `Enter` activates itself (a button, a link).
    pub on_control: bool,
}

/// A key press as plain values: `key` is the DOM `KeyboardEvent.key`; `ctrl` is Control or
/// (on a Mac) Command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyPress<'a> {
    pub key: &'a str,
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
}

/// What a global shortcut asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    TagClaim,
    TagQuote,
    /// Dismiss the text selection.
    DismissSelection,
    /// Deselect the selected annotation.
    Deselect,
    DeleteSelected,
    ShowShortcuts,
    /// `J`: focus the next suggestion.
    NextSuggestion,
    /// `K`: focus the previous suggestion.
    PrevSuggestion,
    /// `Enter`: accept the focused suggestion.
    AcceptSuggestion,
    /// `X`: dismiss the focused suggestion.
    DismissSuggestion,
}

/// The global shortcut `press` stands for in `context`, if any. Keys typed into a text field
/// and keys pressed inside a dialog are not shortcuts: the shell does not ask then.
pub fn command(press: KeyPress<'_>, context: KeyContext) -> Option<Command> {
    let KeyPress {
        key,
        ctrl,
        shift,
        alt,
    } = press;
    let plain = !ctrl && !alt;
    Some(match key {
        "z" | "Z" if ctrl && shift => Command::Redo,
        "z" if ctrl => Command::Undo,
        "y" if ctrl => Command::Redo,
        "c" | "C" if plain && context.has_selection => Command::TagClaim,
        "q" | "Q" if plain && context.has_selection => Command::TagQuote,
        "Escape" if context.has_selection => Command::DismissSelection,
        "Escape" if context.has_selected_annotation => Command::Deselect,
        "Delete" if !ctrl && context.has_selected_annotation => Command::DeleteSelected,
        "?" => Command::ShowShortcuts,
        "j" | "J" if plain && context.has_suggestions => Command::NextSuggestion,
        "k" | "K" if plain && context.has_suggestions => Command::PrevSuggestion,
        "Enter"
            if plain
                && !shift
                && context.has_focused_suggestion
                && !context.has_selection
                && !context.on_control =>
        {
            Command::AcceptSuggestion
        }
        "x" | "X" if plain && context.has_focused_suggestion => Command::DismissSuggestion,
        _ => return None,
    })
}

/// A movement of the keyboard selection in the focused article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// `↓`: the next sentence (the first one when nothing is selected).
    NextSentence,
    /// `↑`: the previous sentence.
    PrevSentence,
    /// `Shift+→`: extend the selection by a word.
    ExtendWordForward,
    /// `Shift+←`: extend the selection backwards by a word.
    ExtendWordBackward,
    /// `Alt+Shift+←`: shrink the selection by its last word.
    ShrinkWord,
}

impl Motion {
    /// The motion a key stands for inside the article, if any.
    pub fn from_key(key: &str, shift: bool, alt: bool) -> Option<Motion> {
        Some(match (key, shift, alt) {
            ("ArrowDown", false, false) => Motion::NextSentence,
            ("ArrowUp", false, false) => Motion::PrevSentence,
            ("ArrowRight", true, false) => Motion::ExtendWordForward,
            ("ArrowLeft", true, false) => Motion::ExtendWordBackward,
            ("ArrowLeft", true, true) => Motion::ShrinkWord,
            _ => return None,
        })
    }
}

/// The selection after `motion`, from the `current` selection (code points of `text`; `None`
/// when there is no selection in the article). `first_block` is where the first block starts,
/// which `↓` selects the sentence of when nothing is selected. `None` when the motion leads
/// nowhere (no previous sentence, say): the selection stays as it is.
pub fn move_selection(
    breaks: Breaks,
    text: &str,
    current: Option<Range<usize>>,
    first_block: usize,
    motion: Motion,
) -> Option<Range<usize>> {
    let caret = current.as_ref().map(|r| r.start).unwrap_or(0);
    match motion {
        Motion::NextSentence => {
            let start = match &current {
                None => Some(first_block),
                Some(r) => selection::next_sentence_start(breaks, text, r.end),
            };
            start.and_then(|s| selection::sentence_at(breaks, text, s))
        }
        Motion::PrevSentence => selection::prev_sentence_start(breaks, text, caret)
            .and_then(|s| selection::sentence_at(breaks, text, s)),
        Motion::ExtendWordForward => Some(selection::extend_word_forward(
            breaks,
            text,
            current.unwrap_or(caret..caret),
        )),
        Motion::ExtendWordBackward => Some(selection::extend_word_backward(
            breaks,
            text,
            current.unwrap_or(caret..caret),
        )),
        Motion::ShrinkWord => current.map(|r| {
            let back = selection::prev_word_start(breaks, text, r.end);
            r.start..back.max(r.start)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::breaks::UAX29;

    fn press(key: &str) -> KeyPress<'_> {
        KeyPress {
            key,
            ..Default::default()
        }
    }

    const SELECTING: KeyContext = KeyContext {
        has_selection: true,
        has_selected_annotation: false,
        has_suggestions: false,
        has_focused_suggestion: false,
        on_control: false,
    };
    const SELECTED: KeyContext = KeyContext {
        has_selection: false,
        has_selected_annotation: true,
        has_suggestions: false,
        has_focused_suggestion: false,
        on_control: false,
    };
    const SUGGESTING: KeyContext = KeyContext {
        has_selection: false,
        has_selected_annotation: false,
        has_suggestions: true,
        has_focused_suggestion: true,
        on_control: false,
    };

    #[test]
    fn suggestion_keys() {
        assert_eq!(
            command(press("j"), SUGGESTING),
            Some(Command::NextSuggestion)
        );
        assert_eq!(
            command(press("K"), SUGGESTING),
            Some(Command::PrevSuggestion)
        );
        assert_eq!(
            command(press("Enter"), SUGGESTING),
            Some(Command::AcceptSuggestion)
        );
        assert_eq!(
            command(press("x"), SUGGESTING),
            Some(Command::DismissSuggestion)
        );
        // Nothing to move through, or nothing focused.
        assert_eq!(command(press("j"), KeyContext::default()), None);
        let unfocused = KeyContext {
            has_focused_suggestion: false,
            ..SUGGESTING
        };
        assert_eq!(
            command(press("j"), unfocused),
            Some(Command::NextSuggestion)
        );
        assert_eq!(command(press("Enter"), unfocused), None);
        assert_eq!(command(press("x"), unfocused), None);
        // Enter on a button or link activates it; with text selected it is not an accept.
        let on_button = KeyContext {
            on_control: true,
            ..SUGGESTING
        };
        assert_eq!(command(press("Enter"), on_button), None);
        let selecting = KeyContext {
            has_selection: true,
            ..SUGGESTING
        };
        assert_eq!(command(press("Enter"), selecting), None);
        let ctrl_j = KeyPress {
            ctrl: true,
            ..press("j")
        };
        assert_eq!(command(ctrl_j, SUGGESTING), None);
    }

    #[test]
    fn tagging_keys_need_a_selection_and_no_modifier() {
        assert_eq!(command(press("c"), SELECTING), Some(Command::TagClaim));
        assert_eq!(command(press("Q"), SELECTING), Some(Command::TagQuote));
        assert_eq!(command(press("c"), KeyContext::default()), None);
        let ctrl_c = KeyPress {
            ctrl: true,
            ..press("c")
        };
        assert_eq!(command(ctrl_c, SELECTING), None, "Ctrl+C copies");
        let alt_q = KeyPress {
            alt: true,
            ..press("q")
        };
        assert_eq!(command(alt_q, SELECTING), None);
    }

    #[test]
    fn undo_and_redo() {
        let ctrl = |key| KeyPress {
            ctrl: true,
            ..press(key)
        };
        assert_eq!(command(ctrl("z"), SELECTED), Some(Command::Undo));
        assert_eq!(command(ctrl("y"), SELECTED), Some(Command::Redo));
        let ctrl_shift_z = KeyPress {
            shift: true,
            ..ctrl("Z")
        };
        assert_eq!(command(ctrl_shift_z, SELECTED), Some(Command::Redo));
        assert_eq!(command(press("z"), SELECTED), None);
    }

    #[test]
    fn escape_dismisses_the_selection_first_then_deselects() {
        let both = KeyContext {
            has_selection: true,
            ..SELECTED
        };
        assert_eq!(
            command(press("Escape"), both),
            Some(Command::DismissSelection)
        );
        assert_eq!(command(press("Escape"), SELECTED), Some(Command::Deselect));
        assert_eq!(command(press("Escape"), KeyContext::default()), None);
    }

    #[test]
    fn delete_needs_a_selected_annotation() {
        assert_eq!(
            command(press("Delete"), SELECTED),
            Some(Command::DeleteSelected)
        );
        assert_eq!(command(press("Delete"), SELECTING), None);
        assert_eq!(
            command(press("?"), KeyContext::default()),
            Some(Command::ShowShortcuts)
        );
    }

    #[test]
    fn motions_from_keys() {
        assert_eq!(
            Motion::from_key("ArrowDown", false, false),
            Some(Motion::NextSentence)
        );
        assert_eq!(
            Motion::from_key("ArrowLeft", true, true),
            Some(Motion::ShrinkWord)
        );
        assert_eq!(Motion::from_key("ArrowDown", true, false), None);
        assert_eq!(Motion::from_key("a", false, false), None);
    }

    /// Slices `text` by code points.
    fn cp(text: &str, r: Range<usize>) -> String {
        text.chars().skip(r.start).take(r.end - r.start).collect()
    }

    #[test]
    fn sentence_cursor_on_non_ascii_text() {
        let text = "Çavuşoğlu said “no.” Then he left. Tillerson 🙂 smiled.";
        let first = move_selection(UAX29, text, None, 0, Motion::NextSentence).unwrap();
        assert_eq!(cp(text, first.clone()).trim_end(), "Çavuşoğlu said “no.”");
        let second =
            move_selection(UAX29, text, Some(first.clone()), 0, Motion::NextSentence).unwrap();
        assert_eq!(cp(text, second.clone()).trim_end(), "Then he left.");
        let back =
            move_selection(UAX29, text, Some(second.clone()), 0, Motion::PrevSentence).unwrap();
        assert_eq!(back, first);
        let third = move_selection(UAX29, text, Some(second), 0, Motion::NextSentence).unwrap();
        assert_eq!(cp(text, third.clone()), "Tillerson 🙂 smiled.");
        assert_eq!(
            move_selection(UAX29, text, Some(third), 0, Motion::NextSentence),
            None,
            "no sentence after the last"
        );
    }

    #[test]
    fn word_motions_extend_and_shrink() {
        let text = "Çavuşoğlu said no";
        let one = move_selection(UAX29, text, Some(0..0), 0, Motion::ExtendWordForward).unwrap();
        assert_eq!(cp(text, one.clone()), "Çavuşoğlu");
        let two =
            move_selection(UAX29, text, Some(one.clone()), 0, Motion::ExtendWordForward).unwrap();
        assert_eq!(cp(text, two.clone()), "Çavuşoğlu said");
        let shrunk = move_selection(UAX29, text, Some(two), 0, Motion::ShrinkWord).unwrap();
        assert_eq!(cp(text, shrunk.clone()).trim_end(), "Çavuşoğlu");
        assert_eq!(
            move_selection(UAX29, text, None, 0, Motion::ShrinkWord),
            None,
            "nothing to shrink"
        );
    }
}
