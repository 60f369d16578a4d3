//! The header: the library, undo and redo, the report and the Claims view, export, import,
//! settings and the shortcuts help.

use yew::prelude::*;

/// The header's properties.
#[derive(Properties, PartialEq)]
pub struct AppBarProps {
    /// How many articles the library holds.
    pub library_count: usize,
    /// Whether an article is shown (else the library).
    pub in_article: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_library: Callback<()>,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    pub on_export: Callback<()>,
    /// A file was chosen in the Import control.
    pub on_import_file: Callback<Event>,
    pub on_shortcuts: Callback<()>,
    /// The report of the open article (of the library, from the library).
    pub on_report: Callback<()>,
    /// The Claims view: every claim of the library, grouped by repeat.
    pub on_claims: Callback<()>,
    pub on_settings: Callback<()>,
}

/// The `<header>` of every view.
#[function_component(AppBar)]
pub fn app_bar(props: &AppBarProps) -> Html {
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <header class="app-bar">
            <span class="brand">{ "Article Annotator" }</span>
            <nav class="nav" aria-label="Main">
                <button type="button" aria-pressed={(!props.in_article).to_string()}
                        onclick={click(&props.on_library)}>
                    { format!("Library ({})", props.library_count) }
                </button>
            </nav>
            <div class="history" role="group" aria-label="History">
                <button type="button" disabled={!props.can_undo || !props.in_article}
                        aria-keyshortcuts="Control+Z" onclick={click(&props.on_undo)}>{ "Undo" }</button>
                <button type="button" disabled={!props.can_redo || !props.in_article}
                        aria-keyshortcuts="Control+Shift+Z" onclick={click(&props.on_redo)}>{ "Redo" }</button>
            </div>
            <button type="button" onclick={click(&props.on_report)}>{ "Report" }</button>
            <button type="button" onclick={click(&props.on_claims)}>{ "Claims" }</button>
            <button type="button" onclick={click(&props.on_export)}>{ "Export" }</button>
            <label class="file-button">
                { "Import" }
                <input type="file" aria-label="Import annotations"
                       accept=".json,.jsonld,application/json,application/ld+json"
                       onchange={props.on_import_file.clone()} />
            </label>
            <button type="button" onclick={click(&props.on_settings)}>{ "Settings" }</button>
            <button type="button" class="help-btn" aria-keyshortcuts="?"
                    onclick={click(&props.on_shortcuts)}>{ "Shortcuts" }</button>
        </header>
    }
}
