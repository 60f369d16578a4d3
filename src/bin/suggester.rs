//! The Web Worker that makes suggestions (issue 13): the quotes of an article with their
//! speakers and its check-worthy claims ([`suggestions::find`]). A fourth wasm binary, built
//! by Trunk from `index.html`'s third `data-type="worker"` link; the page starts it when an
//! article is opened and asks it again on **Suggest** (`src/web/hooks/suggestions.rs`). It
//! answers the same envelope as the other workers (`crate::web::worker_scope`) and runs only
//! [`jobs::run_suggest`].
//!
//! The claim model is a file of its own, `claims-model.bin`, next to `index.html` (copied by
//! Trunk from `assets/`): this worker fetches it the first time it is asked for suggestions
//! and keeps it, so it is part of neither bundle. When it cannot be had (or read), quotes are
//! still suggested, and the page says why claims are not; the next request tries again.
//! Natively this binary does nothing.
//!
//! [`suggestions::find`]: article_annotator::core::suggestions::find
//! [`jobs::run_suggest`]: article_annotator::core::jobs::run_suggest

#![forbid(unsafe_code)]

fn main() {
    #[cfg(target_arch = "wasm32")]
    wasm::register();
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::RefCell;
    use std::rc::Rc;

    use article_annotator::core::claims::ClaimModel;
    use article_annotator::core::jobs::{self, ReplyBody, Request};
    use article_annotator::web::worker_scope::{self, fetch_bytes, respond, ToWorker};
    use wasm_bindgen::prelude::*;

    /// The claim model's file, relative to this worker's script (both sit next to
    /// `index.html`).
    const MODEL_URL: &str = "./claims-model.bin";

    thread_local! {
        /// The claim model, once fetched and read.
        static MODEL: RefCell<Option<Rc<ClaimModel>>> = const { RefCell::new(None) };
    }

    /// Starts answering the page's messages.
    pub fn register() {
        worker_scope::register(handle);
        // This worker starts when the first article is shown, so the page's word and
        // sentence moves and its repeat finder find the browser's segmenters ready.
        worker_scope::warm_segmenters();
    }

    /// The claim model: kept, or fetched and read now.
    async fn model() -> Result<Rc<ClaimModel>, String> {
        if let Some(m) = MODEL.with(|m| m.borrow().clone()) {
            return Ok(m);
        }
        let bytes = fetch_bytes(MODEL_URL).await.map_err(|why| {
            format!("Claims cannot be suggested: the claim model could not be loaded ({why}).")
        })?;
        let model = Rc::new(ClaimModel::from_bytes(&bytes).map_err(|why| {
            format!("Claims cannot be suggested: the claim model could not be read ({why}).")
        })?);
        MODEL.with(|m| *m.borrow_mut() = Some(Rc::clone(&model)));
        Ok(model)
    }

    async fn handle(data: JsValue) {
        let (message, _) = worker_scope::read_message(&data);
        let Some(message) = message else {
            // As in the other workers: the page reports a worker that stops with an error.
            wasm_bindgen::throw_str("unreadable message to the suggester");
        };
        let ToWorker::ProcessInput(handler, Request { id, job }) = message else {
            return;
        };
        let model = model().await;
        let mut progress = |p| respond(handler, id, ReplyBody::Progress(p));
        let output = jobs::run_suggest(job, model.as_deref().map_err(String::clone), &mut progress);
        respond(handler, id, ReplyBody::Done(output));
    }
}
