//! The root component.

use std::rc::Rc;
use yew::prelude::*;

use crate::core::text::Article;
use crate::web::components::article_view::ArticleView;

/// The whole app.
#[function_component(App)]
pub fn app() -> Html {
    let article = use_memo((), |_| Article::sample());
    let article: Rc<Article> = article;
    html! {
        <div class="app">
            <header class="app-bar">
                <span class="brand">{ "Article Annotator" }</span>
            </header>
            <main class="workspace">
                <section class="reader" aria-labelledby="article-title">
                    <h1 id="article-title">{ article.title.clone() }</h1>
                    <ArticleView article={article.clone()} />
                </section>
            </main>
        </div>
    }
}
