//! The imperative shell: Yew components and browser glue. Thin; calls into [`crate::core`].
