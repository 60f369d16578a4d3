//! Leaf components: props in, callbacks out.

pub mod app_bar;
pub mod article_view;
pub mod connection;
pub mod form;
pub mod help;
pub mod kit;
pub mod library;
pub mod modal;
pub mod new_article;
pub mod notices;
pub mod panel;
pub mod report;
pub mod suggestions;
pub mod sync;
pub mod toolbar;
pub mod transfer;
