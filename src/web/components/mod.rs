//! Leaf components: props in, callbacks out.

pub mod article_view;
pub mod help;
pub mod library;
pub mod modal;
pub mod new_article;
pub mod panel;
pub mod toolbar;
pub mod transfer;
