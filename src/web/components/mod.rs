//! Leaf components: props in, callbacks out.

pub mod article_view;
