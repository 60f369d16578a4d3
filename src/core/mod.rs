//! The pure core: plain Rust, no browser types. Everything here is tested natively.

pub mod anchor;
pub mod articles;
pub mod claims;
pub mod couch;
pub mod extract;
pub mod formats;
pub mod handoff;
pub mod html;
pub mod intake;
pub mod jobs;
pub mod keys;
pub mod library;
pub mod model;
pub mod offsets;
pub mod panel;
pub mod placement;
pub mod reducer;
pub mod repeats;
pub mod report;
pub mod segment;
pub mod selection;
pub mod sort;
pub mod storage;
pub mod suggest;
pub mod suggestions;
pub mod text;
