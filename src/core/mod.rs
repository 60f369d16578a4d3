//! The pure core: plain Rust, no browser types. Everything here is tested natively.

pub mod anchor;
pub mod formats;
pub mod library;
pub mod model;
pub mod offsets;
pub mod text;
