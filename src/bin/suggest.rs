//! `cargo run --release --bin suggest -- FILE...`: the app's suggestions (issue 13) over text
//! files, for evaluation. Prints one JSON object mapping each file name, as given, to
//! `{"quotes": [{"start", "end", "speaker": {"start", "end", "name"} | null}], "claims": [...]}`,
//! offsets in Unicode code points of the file's text with line endings normalised to `\n`
//! (`core::text::canonicalize`). It runs the same core code as the app (`core::suggest`,
//! `core::claims`). `claims` are `[{"start", "end", "score"}]`, every sentence with a letter.
//!
//! The claim model is `assets/claims-model.bin`, built in; `--claims-model PATH` (first
//! argument) or the environment variable `SUGGEST_CLAIMS_MODEL=PATH` uses another (for
//! held-out evaluation, `bench/claims/eval.py`). A file that cannot be read is reported on
//! standard error and left out; the exit status is then 1.

#![forbid(unsafe_code)]

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(native::run(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use article_annotator::core::claims::{ClaimModel, ClaimSuggestion};
    use article_annotator::core::suggest::{quotes, QuoteSuggestion};
    use article_annotator::core::text::canonicalize;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct FileSuggestions {
        quotes: Vec<QuoteSuggestion>,
        claims: Vec<ClaimSuggestion>,
    }

    /// The model the app ships.
    const SHIPPED_MODEL: &[u8] = include_bytes!("../../assets/claims-model.bin");

    /// The claim model: `--claims-model PATH`, else `$SUGGEST_CLAIMS_MODEL`, else the shipped
    /// one.
    fn model(files: &mut Vec<String>) -> Result<ClaimModel, String> {
        let path = if files.first().map(String::as_str) == Some("--claims-model") {
            if files.len() < 2 {
                return Err("--claims-model needs a path".into());
            }
            Some(files.drain(..2).nth(1).unwrap_or_default())
        } else {
            std::env::var("SUGGEST_CLAIMS_MODEL").ok()
        };
        match path {
            Some(path) => {
                let bytes = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
                ClaimModel::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))
            }
            None => ClaimModel::from_bytes(SHIPPED_MODEL).map_err(|e| e.to_string()),
        }
    }

    pub fn run(mut files: Vec<String>) -> i32 {
        let model = match model(&mut files) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{e}");
                return 2;
            }
        };
        let mut out = BTreeMap::new();
        let mut status = 0;
        for name in files {
            match std::fs::read(&name) {
                Ok(bytes) => {
                    let text = canonicalize(&String::from_utf8_lossy(&bytes));
                    out.insert(
                        name,
                        FileSuggestions {
                            quotes: quotes(&text),
                            claims: model.claims(&text),
                        },
                    );
                }
                Err(e) => {
                    eprintln!("{name}: {e}");
                    status = 1;
                }
            }
        }
        match serde_json::to_string(&out) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("{e}");
                status = 1;
            }
        }
        status
    }
}
