//! The global keyboard shortcuts: the core decides what a key means
//! ([`crate::core::keys::command`]); this hook listens on the document and carries it out.

use gloo::events::{EventListener, EventListenerOptions};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::web::hooks::effect::use_effect_on;

use crate::core::keys::{command, Command, KeyContext, KeyPress};
use crate::core::model::Kind;
use crate::web::dom;
use crate::web::state::{AppAction, AppState, View};

/// What the shortcuts act on besides the state.
#[derive(Clone, PartialEq)]
pub struct ShortcutTargets {
    /// Whether some article text is selected.
    pub has_selection: bool,
    pub tag: Callback<Kind>,
    pub dismiss_selection: Callback<()>,
    pub undo: Callback<()>,
    pub redo: Callback<()>,
    pub delete: Callback<Uuid>,
    pub show_shortcuts: Callback<()>,
    /// Accepts the focused suggestion.
    pub accept_suggestion: Callback<()>,
}

/// Listens to key presses on the document, outside text fields and dialogs.
#[hook]
pub fn use_shortcuts(state: &UseReducerHandle<AppState>, targets: ShortcutTargets) {
    let state = state.clone();
    // The listener sees the state of the render that registered it: register it again when
    // anything it reads changes.
    let deps = (
        state.selected,
        targets.has_selection,
        state.revision,
        std::rc::Rc::as_ptr(&state.article) as usize,
        std::rc::Rc::as_ptr(&state.suggestions.live) as usize,
        state.suggestions.focused,
        state.view,
    );
    use_effect_on(deps, move |_| {
        let opts = EventListenerOptions::enable_prevent_default();
        let listener =
            EventListener::new_with_options(&gloo::utils::document(), "keydown", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if dom::typing_in_field() || dom::in_dialog(e) {
                    return;
                }
                let key = e.key();
                let press = KeyPress {
                    key: &key,
                    ctrl: e.ctrl_key() || e.meta_key(),
                    shift: e.shift_key(),
                    alt: e.alt_key(),
                };
                let context = KeyContext {
                    has_selection: targets.has_selection,
                    has_selected_annotation: state.selected.is_some(),
                    has_suggestions: state.view == View::Article
                        && !state.suggestions.live.is_empty(),
                    has_focused_suggestion: state.view == View::Article
                        && state.suggestions.focused().is_some(),
                    on_control: dom::on_control(e),
                };
                let Some(c) = command(press, context) else {
                    return;
                };
                match c {
                    Command::Undo => targets.undo.emit(()),
                    Command::Redo => targets.redo.emit(()),
                    Command::TagClaim => targets.tag.emit(Kind::Claim),
                    Command::TagQuote => targets.tag.emit(Kind::Quote),
                    Command::DismissSelection => targets.dismiss_selection.emit(()),
                    Command::Deselect => state.dispatch(AppAction::Select(None)),
                    Command::DeleteSelected => {
                        if let Some(id) = state.selected {
                            targets.delete.emit(id)
                        }
                    }
                    Command::ShowShortcuts => targets.show_shortcuts.emit(()),
                    Command::NextSuggestion => state.dispatch(AppAction::StepSuggestion(true)),
                    Command::PrevSuggestion => state.dispatch(AppAction::StepSuggestion(false)),
                    Command::AcceptSuggestion => targets.accept_suggestion.emit(()),
                    Command::DismissSuggestion => state.dispatch(AppAction::DismissSuggestion),
                }
                e.prevent_default();
            });
        move || drop(listener)
    });
}
