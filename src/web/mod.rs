//! The imperative shell: Yew components and browser glue. Thin: every decision about text,
//! offsets and annotations is made in [`crate::core`]; this module only renders and carries
//! out effects.

pub mod app;
pub mod breaks;
pub mod case;
pub mod components;
pub mod couch_worker;
pub mod dom;
pub mod files;
pub mod hooks;
pub mod idb;
pub mod offline;
pub mod persist;
pub mod state;
pub mod sync;
pub mod view;
pub mod worker;
pub mod worker_scope;

/// Mounts the app on `<body>`.
pub fn start() {
    case::install();
    yew::Renderer::<app::App>::new().render();
}
