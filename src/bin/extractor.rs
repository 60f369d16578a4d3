//! The Web Worker that reads web pages (`core::extract`): a saved page from **Open file**,
//! rich text pasted, a page the bookmarklet handed over. A third wasm binary, built by Trunk
//! from `index.html`'s second `data-type="worker"` link, so that neither the page nor the
//! import worker carries an HTML parser; the New article dialog starts it when it opens and
//! ends it when it closes (`src/web/components/new_article.rs`). It answers the same envelope
//! as the other worker (`crate::web::worker_scope`) and runs only [`jobs::run_extract`] and
//! the reading of a text file (`Job::ReadText`). An `.html` or text file comes with the
//! message and is read here, never on the page. Natively this binary does nothing.
//!
//! [`jobs::run_extract`]: article_annotator::core::jobs::run_extract

#![forbid(unsafe_code)]

fn main() {
    #[cfg(target_arch = "wasm32")]
    wasm::register();
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use article_annotator::core::jobs::{self, Job, JobOutput, ReplyBody, Request};
    use article_annotator::web::worker_scope::{self, read_page, read_text, respond, ToWorker};
    use wasm_bindgen::prelude::*;

    /// Starts answering the page's messages.
    pub fn register() {
        worker_scope::register(handle);
    }

    async fn handle(data: JsValue) {
        let (message, file) = worker_scope::read_message(&data);
        let Some(message) = message else {
            // As in the other worker: the page reports a worker that stops with an error.
            wasm_bindgen::throw_str("unreadable message to the extractor");
        };
        let ToWorker::ProcessInput(handler, Request { id, mut job }) = message else {
            return;
        };
        if let Job::ReadText { file_name } = &job {
            let output = match file.as_ref() {
                Some(file) => read_text(file, file_name),
                None => JobOutput::Failed(format!(
                    "“{file_name}” could not be read. Nothing was changed."
                )),
            };
            return respond(handler, id, ReplyBody::Done(output));
        }
        if let (
            Job::Extract {
                file_name,
                html,
                url,
            },
            Some(file),
        ) = (&mut job, file.as_ref())
        {
            match read_page(file, file_name) {
                Ok((text, saved_from)) => {
                    *html = text;
                    // A web archive names the page's address: it fills the Source URL.
                    if url.is_none() {
                        *url = saved_from;
                    }
                }
                Err(failed) => return respond(handler, id, ReplyBody::Done(failed)),
            }
        }
        let mut progress = |p| respond(handler, id, ReplyBody::Progress(p));
        let output = jobs::run_extract(job, &mut progress);
        respond(handler, id, ReplyBody::Done(output));
    }
}
