//! BroadcastChannel glue: tells the app's other tabs what this tab wrote, and hears what they
//! wrote. Messages are the text of [`SyncBatch`]es, one per write (see the wire format in
//! `core::storage::sync`); reading them and deciding what to keep is the core's work
//! ([`crate::core::storage::apply_sync_batch`]).
//!
//! A `BroadcastChannel` does not deliver a message to the object that posted it, but does to
//! every other object of the same name, in other tabs and in this one. So a tab keeps one
//! [`Channel`] to post and to [`subscribe`](Channel::subscribe) on.

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, MessageEvent};
use yew::Callback;

use crate::core::storage::{decode_sync_batch, encode_sync_batch, RecordError, SyncBatch};

/// One end of a named broadcast channel. Dropping it closes the channel.
#[derive(Debug)]
pub struct Channel {
    inner: BroadcastChannel,
}

/// A subscription made by [`Channel::subscribe`]; dropping it stops the callback.
#[must_use = "the callback stops when the subscription is dropped"]
pub struct Subscription {
    _listener: EventListener,
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Subscription")
    }
}

impl Channel {
    /// Opens the channel `name` (the app uses [`crate::core::storage::DB_NAME`]). Fails with
    /// the browser's message where there is no `BroadcastChannel`; the app then works alone.
    pub fn new(name: &str) -> Result<Self, String> {
        BroadcastChannel::new(name)
            .map(|inner| Channel { inner })
            .map_err(|e| js_message(&e))
    }

    /// Sends `batch` to every other channel object of the same name, as one message.
    pub fn post(&self, batch: &SyncBatch) -> Result<(), String> {
        self.inner
            .post_message(&JsValue::from_str(&encode_sync_batch(batch)))
            .map_err(|e| js_message(&e))
    }

    /// Sends the text of a batch (as [`encode_sync_batch`] writes it) as it is.
    pub fn post_text(&self, text: &str) -> Result<(), String> {
        self.inner
            .post_message(&JsValue::from_str(text))
            .map_err(|e| js_message(&e))
    }

    /// [`Channel::post_text`] in a task of its own, queued now: messages posted so leave in
    /// the order they were queued. (Not sent if the channel is closed meanwhile.)
    pub fn post_text_soon(&self, text: String) {
        let inner = self.inner.clone();
        gloo::timers::callback::Timeout::new(0, move || {
            let _ = inner.post_message(&JsValue::from_str(&text));
        })
        .forget();
    }

    /// Calls `callback` with each message that arrives, read with [`decode_sync_batch`] (a
    /// single-record message of an earlier version arrives as a batch of one): a message that
    /// cannot be read arrives as its error, so that the app can report it rather than lose it
    /// silently.
    pub fn subscribe(&self, callback: Callback<Result<SyncBatch, RecordError>>) -> Subscription {
        let listener = EventListener::new(&self.inner, "message", move |event| {
            let data = event
                .dyn_ref::<MessageEvent>()
                .map(MessageEvent::data)
                .unwrap_or(JsValue::UNDEFINED);
            let decoded = match data.as_string() {
                Some(text) => decode_sync_batch(&text),
                None => Err(RecordError::Corrupt(
                    "the message from another tab is not text".into(),
                )),
            };
            callback.emit(decoded);
        });
        Subscription {
            _listener: listener,
        }
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.inner.close();
    }
}

/// The message of a thrown JS value.
fn js_message(value: &JsValue) -> String {
    if let Some(e) = value.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    if let Some(e) = value.dyn_ref::<web_sys::DomException>() {
        return e.message();
    }
    crate::web::idb::thrown_text(value)
}
