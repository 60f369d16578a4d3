//! The worker's side of the page–worker envelope, shared by the two worker binaries
//! (`src/bin/worker.rs`: imports, exports, text replacement; `src/bin/extractor.rs`: web
//! pages). The messages are `gloo-worker`'s, as JSON text (see [`crate::web::worker`] for why
//! the crate itself is not used): the page posts `{"Connected":0}` and
//! `{"ProcessInput":[0,<Request>]}` (or the array `[<that text>, File]`); the worker posts
//! `"WorkerLoaded"` once it listens, then `{"ProcessOutput":[0,<Reply>]}`s.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::core::jobs::{JobOutput, Reply, ReplyBody, Request};

/// `gloo-worker`'s messages to a worker, as the page sends them.
#[derive(Deserialize)]
pub enum ToWorker {
    Connected(serde::de::IgnoredAny),
    ProcessInput(usize, Request),
}

/// `gloo-worker`'s messages from a worker.
#[derive(Serialize)]
enum FromWorker<'a> {
    WorkerLoaded,
    ProcessOutput(usize, &'a Reply),
}

/// Makes the browser's word and sentence segmenters once, here in a worker: the first
/// `Intl.Segmenter` of a renderer process loads ICU's break rules (15–30 ms, measured in
/// Chromium), and once a worker has paid that, the page's first one (`web::breaks`) costs
/// under a millisecond instead of that much on the main thread. Nothing happens where
/// `Intl.Segmenter` is missing.
pub fn warm_segmenters() {
    let Ok(intl) = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()) else {
        return;
    };
    let Ok(ctor) = js_sys::Reflect::get(&intl, &"Segmenter".into()) else {
        return;
    };
    let Ok(ctor) = ctor.dyn_into::<js_sys::Function>() else {
        return;
    };
    for granularity in ["word", "sentence"] {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"granularity".into(), &granularity.into());
        let _ = js_sys::Reflect::construct(
            &ctor,
            &js_sys::Array::of2(&wasm_bindgen::JsValue::UNDEFINED, &options),
        );
    }
}

/// Starts answering the page's messages with `handle` (given each message's data), and says
/// so to the page.
pub fn register<F>(handle: impl Fn(JsValue) -> F + 'static)
where
    F: std::future::Future<Output = ()> + 'static,
{
    crate::web::case::install();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        wasm_bindgen_futures::spawn_local(handle(e.data()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&FromWorker::WorkerLoaded);
}

fn post(message: &FromWorker<'_>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // Our messages always serialise (no maps with non-string keys); were one not to, the page
    // receives `null`, which it reports as a message it cannot read.
    let text = serde_json::to_string(message)
        .map(|s| JsValue::from_str(&s))
        .unwrap_or(JsValue::NULL);
    let _ = scope.post_message(&text);
}

/// Posts `body` about job `id` to the page.
pub fn respond(handler: usize, id: u64, body: ReplyBody) {
    post(&FromWorker::ProcessOutput(handler, &Reply { id, body }));
}

/// A message's text and the file that came with it, if any.
pub fn read_message(data: &JsValue) -> (Option<ToWorker>, Option<web_sys::Blob>) {
    let (text, file) = match data.dyn_ref::<js_sys::Array>() {
        Some(parts) => (
            parts.get(0).as_string(),
            parts.get(1).dyn_into::<web_sys::Blob>().ok(),
        ),
        None => (data.as_string(), None),
    };
    let message = text.and_then(|t| serde_json::from_str::<ToWorker>(&t).ok());
    (message, file)
}

/// Reads `file` (named `name`) as UTF-8 text (synchronously: this is a worker).
pub fn read_file(file: &web_sys::Blob, name: &str) -> Result<String, JobOutput> {
    web_sys::FileReaderSync::new()
        .and_then(|r| r.read_as_text(file))
        .map_err(|e| unreadable(&e, name))
}

/// Reads `file`, a saved page or a web archive, for the extractor: the page's HTML as the
/// browser that showed it decoded it, and the address it was saved from when the file says it
/// (`core::intake::saved_page` decides both; the browser's `TextDecoder` decodes). `origin`
/// names the file in messages ("“page.html”"). Synchronous: this is a worker.
pub fn read_page(
    file: &web_sys::Blob,
    origin: &str,
) -> Result<(String, Option<String>), JobOutput> {
    let bytes = read_bytes(file, origin)?;
    let name = origin.trim_matches(|c| c == '“' || c == '”');
    let page = crate::core::intake::saved_page(name, bytes)
        .map_err(|why| JobOutput::Failed(format!("{origin} {why}. Nothing was changed.")))?;
    let html = crate::web::files::decode(page.html, &page.decoding);
    Ok((html, page.location))
}

/// Reads `file`, a text file named `name`, for the New article dialog: decoded as
/// `core::charset::text_decoding` says (the browser's `TextDecoder` decodes), then read as
/// `core::intake::text_file` says. Synchronous: this is a worker.
pub fn read_text(file: &web_sys::Blob, name: &str) -> JobOutput {
    let bytes = match read_bytes(file, &format!("“{name}”")) {
        Ok(bytes) => bytes,
        Err(failed) => return failed,
    };
    let decoding = crate::core::charset::text_decoding(&bytes);
    let content = crate::web::files::decode(bytes, &decoding);
    match crate::core::intake::text_file(name, &content) {
        Ok(read) => JobOutput::TextRead(read),
        Err(message) => JobOutput::Failed(message),
    }
}

/// The bytes of `file` (named `origin` in messages, quotation marks included).
fn read_bytes(file: &web_sys::Blob, origin: &str) -> Result<Vec<u8>, JobOutput> {
    let buffer = web_sys::FileReaderSync::new()
        .and_then(|r| r.read_as_array_buffer(file))
        .map_err(|e| {
            JobOutput::Failed(format!(
                "Could not read {origin} ({}). Nothing was changed.",
                refusal(&e)
            ))
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn unreadable(e: &JsValue, name: &str) -> JobOutput {
    JobOutput::Failed(format!(
        "Could not read “{name}” ({}). Nothing was changed.",
        refusal(e)
    ))
}

/// Why the browser would not read a file, in its words.
fn refusal(e: &JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.message())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused to read it".to_owned())
}

/// The bytes at `url` (relative to the worker's script), fetched from the app's own origin;
/// `Err` with a sentence when they cannot be had (offline before the file was ever loaded, a
/// server that answers with an error).
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let failed = |e: JsValue| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "the request failed".to_owned())
    };
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(scope.fetch_with_str(url))
            .await
            .map_err(failed)?
            .dyn_into()
            .map_err(|_| "the answer was not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
