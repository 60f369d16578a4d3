//! Export and import formats, and the merge plan an import produces.
//!
//! - [`native`]: Annotator JSON, lossless, the format to back up and move a library.
//! - [`w3c`]: W3C Web Annotation JSON-LD, to exchange with Hypothesis, Recogito and others.
//! - [`claimreview`]: schema.org `ClaimReview` JSON-LD for claims that have a verdict.
//! - [`csv`]: one row per annotation for spreadsheets.
//!
//! Every import goes through one border: [`parse_json`] (size limit, empty file, syntax, with
//! line and column), then a format's reader, which validates and anchors, then a pure
//! [`ImportPlan`] the user can preview, then [`ImportPlan::apply`], which is all or nothing.
//! No function here panics on any input. `docs/FORMAT.md` documents each format.
//!
//! The rest is one concern per module: `parse` (detection and parsing), `plan` (the import
//! plan), `target` (which article W3C annotations go to), `export` (the export formats and
//! files), `file_name` (safe file names), `replace` (replacing an article's text), `words`
//! (counted nouns in the messages).

pub mod claimreview;
pub mod csv;
pub mod native;
pub mod w3c;

mod export;
mod file_name;
mod parse;
mod plan;
mod replace;
mod target;
mod words;

pub use export::{export_file, ExportFile, ExportFormat};
pub use file_name::export_file_name;
pub use parse::{
    detect, import, import_observed, parse_json, Format, ImportError, Imported, MAX_IMPORT_BYTES,
};
pub use plan::{fresh_ids, ImportPlan, ImportStep, PlanSummary};
pub use replace::{replace_article_text, ReplaceError, ReplaceReport};
pub use target::{import_target, w3c_target_article};
