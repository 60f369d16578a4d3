//! `cargo run --release --bin suggest -- FILE...`: the app's suggestions (issue 13) over text
//! files, for evaluation. Prints one JSON object mapping each file name, as given, to
//! `{"quotes": [{"start", "end", "speaker": {"start", "end", "name"} | null}], "claims": [...]}`,
//! offsets in Unicode code points of the file's text with line endings normalised to `\n`
//! (`core::text::canonicalize`). It runs the same core code as the app (`core::suggest`).
//! Check-worthy claims are not built yet: `claims` is always empty. A file that cannot be
//! read is reported on standard error and left out; the exit status is then 1.

#![forbid(unsafe_code)]

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(native::run(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use article_annotator::core::suggest::{quotes, QuoteSuggestion};
    use article_annotator::core::text::canonicalize;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct FileSuggestions {
        quotes: Vec<QuoteSuggestion>,
        claims: Vec<serde_json::Value>,
    }

    pub fn run(files: Vec<String>) -> i32 {
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
                            claims: Vec::new(),
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
