//! The Web Worker that does the app's heavy, pure work off the page's main thread (see
//! `core::jobs`). Trunk builds it from `index.html`'s `data-type="worker"` link as a second
//! wasm binary, which only this worker loads, on the page's first import, export or text
//! replacement. It is a thin `gloo-worker` wrapper: each [`Request`] received is run by
//! [`jobs::run`], its progress and then its result posted back as [`Reply`]s, as JSON text.
//! Natively this binary does nothing.
//!
//! [`Request`]: article_annotator::core::jobs::Request
//! [`Reply`]: article_annotator::core::jobs::Reply
//! [`jobs::run`]: article_annotator::core::jobs::run

#![forbid(unsafe_code)]

fn main() {
    #[cfg(target_arch = "wasm32")]
    wasm::register();
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use article_annotator::core::jobs::{self, Reply, ReplyBody, Request};
    use gloo::worker::{Codec, HandlerId, Registrable, Worker, WorkerScope};
    use serde::{Deserialize, Serialize};
    use wasm_bindgen::JsValue;

    /// Starts answering the page's messages.
    pub fn register() {
        JobWorker::registrar().encoding::<Json>().register();
    }

    /// The worker: it keeps no state; every job carries what it needs.
    struct JobWorker;

    impl Worker for JobWorker {
        type Message = ();
        type Input = Request;
        type Output = Reply;

        fn create(_scope: &WorkerScope<Self>) -> Self {
            JobWorker
        }

        fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

        fn received(&mut self, scope: &WorkerScope<Self>, request: Request, who: HandlerId) {
            let id = request.id;
            let output = jobs::run(request.job, &mut |p| {
                scope.respond(
                    who,
                    Reply {
                        id,
                        body: ReplyBody::Progress(p),
                    },
                )
            });
            scope.respond(
                who,
                Reply {
                    id,
                    body: ReplyBody::Done(output),
                },
            );
        }
    }

    /// Messages as JSON text: `serde_json` is in the bundle already, and the page reads the
    /// same text (`src/web/worker.rs`).
    struct Json;

    impl Codec for Json {
        fn encode<I: Serialize>(input: I) -> JsValue {
            // Our messages always serialise (no maps with non-string keys); were one not to,
            // the page receives `null`, which it reports as a message it cannot read.
            serde_json::to_string(&input)
                .map(|s| JsValue::from_str(&s))
                .unwrap_or(JsValue::NULL)
        }

        fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
            // `Codec` gives no way to refuse a message. Only the page posts to this worker,
            // with the same types; were a message unreadable all the same, the worker stops
            // with an error, which the page reports and recovers from (`src/web/worker.rs`).
            let text = input.as_string().unwrap_or_default();
            match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => {
                    wasm_bindgen::throw_str(&format!("unreadable message to the worker: {e}"))
                }
            }
        }
    }
}
