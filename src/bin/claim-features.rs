//! `cargo run --release --bin claim-features -- [--hash-bits K] OUT_PREFIX TSV...`: the
//! features of check-worthiness training data (`bench/claims/train.py`), computed by the
//! app's own extractor (`core::claims::training_features`), so that training and app cannot
//! disagree. Native only, not part of the app.
//!
//! Each TSV file is a CLEF CheckThat! transcript: one sentence a line, as `line number, speaker,
//! sentence, label` (1 = check-worthy) separated by tabs; the speaker is not used. The
//! sentences are joined by line breaks into one text, which is split and featurised exactly as
//! the app does it (a line may hold several sentences; each gets its line's label). Writes:
//! - `OUT_PREFIX.svm`: one row a sentence, `label qid:FILE_INDEX index:value ...`, zero-based
//!   indices (dense cues first, then the word n-grams' `DENSE + bucket`, then the character
//!   n-grams' `DENSE + 2^K + bucket`: the app scores the union of the two sets of buckets), for
//!   `sklearn.datasets.load_svmlight_file`;
//! - `OUT_PREFIX.rows`: one row a sentence, `file<TAB>line number<TAB>label`;
//! - `OUT_PREFIX.json`: the feature set: version, hash bits, dense cue names.

#![forbid(unsafe_code)]

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    std::process::exit(native::run(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use article_annotator::core::claims::{
        training_features, DENSE, DENSE_NAMES, FEATURES_VERSION, HASH_BITS,
    };
    use std::fmt::Write as _;
    use std::path::Path;

    const USAGE: &str = "usage: claim-features [--hash-bits K] OUT_PREFIX TSV...";

    pub fn run(mut args: Vec<String>) -> i32 {
        let mut hash_bits: u8 = 18;
        if args.first().map(String::as_str) == Some("--hash-bits") {
            match args.get(1).and_then(|k| k.parse().ok()) {
                Some(k) if HASH_BITS.contains(&k) => hash_bits = k,
                _ => {
                    eprintln!("--hash-bits must be in {HASH_BITS:?}\n{USAGE}");
                    return 2;
                }
            }
            args.drain(..2);
        }
        let Some((prefix, files)) = args.split_first() else {
            eprintln!("{USAGE}");
            return 2;
        };
        let mut svm = String::new();
        let mut rows = String::new();
        for (qid, file) in files.iter().enumerate() {
            let tsv = match std::fs::read_to_string(file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("{file}: {e}");
                    return 1;
                }
            };
            let name = Path::new(file)
                .file_stem()
                .map_or(file.clone(), |s| s.to_string_lossy().into_owned());
            // (line number, label) of each line, and the text, one sentence a line.
            let mut lines = Vec::new();
            let mut text = String::new();
            let mut starts = Vec::new();
            for (n, row) in tsv.lines().enumerate() {
                let cols: Vec<&str> = row.split('\t').collect();
                if cols.len() < 4 {
                    eprintln!("{file}:{}: expected 4 tab-separated columns", n + 1);
                    return 1;
                }
                let label = cols[3].trim() == "1";
                starts.push(text.chars().count());
                text.push_str(cols[2]);
                text.push('\n');
                lines.push((cols[0].trim().to_owned(), label));
            }
            for ((start, _), features) in training_features(&text, hash_bits) {
                let line = starts.partition_point(|&s| s <= start) - 1;
                let (number, label) = &lines[line];
                let _ = write!(svm, "{} qid:{qid}", u8::from(*label));
                for (i, v) in features {
                    let _ = write!(svm, " {i}:{v}");
                }
                svm.push('\n');
                let _ = writeln!(rows, "{name}\t{number}\t{}", u8::from(*label));
            }
        }
        let meta = serde_json::json!({
            "features_version": FEATURES_VERSION,
            "hash_bits": hash_bits,
            "dense": DENSE,
            "dense_names": DENSE_NAMES,
            "files": files,
        });
        for (ext, body) in [("svm", svm), ("rows", rows), ("json", meta.to_string())] {
            if let Err(e) = std::fs::write(format!("{prefix}.{ext}"), body) {
                eprintln!("{prefix}.{ext}: {e}");
                return 1;
            }
        }
        0
    }
}
