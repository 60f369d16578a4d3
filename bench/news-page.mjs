// A synthetic news page for the extraction benchmark (issue 12): an article of a given number
// of words (the sample article's paragraphs, repeated; our own text, no third-party page) in
// the chrome a real news page has: a menu, a cookie banner, a share bar, related links,
// comments, a footer, and ~600 KB of inline script and style that the parser must get through.
import { makeArticle } from './gen.mjs';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function makeNewsPage(words) {
  const article = makeArticle(words);
  const paragraphs = article.text.split('\n');
  const nav = Array.from({ length: 60 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  const related = Array.from({ length: 20 }, (_, i) => `<li><a href="/story/${i}">Related story number ${i} about the council and the budget</a></li>`).join('');
  const comments = Array.from({ length: 30 }, (_, i) => `<div class="comment"><p class="comment-author">Reader ${i}</p><p>Comment ${i}: I do not agree with this at all, and here is why in a few words.</p></div>`).join('');
  const bundle = `window.__state = ${JSON.stringify({ items: Array.from({ length: 4000 }, (_, i) => ({ id: i, title: `Item ${i} headline text`, url: `/x/${i}` })) })};`;
  const style = Array.from({ length: 3000 }, (_, i) => `.c${i}{margin:${i % 7}px;color:#${(i * 2654435761 >>> 8).toString(16).padStart(6, '0').slice(0, 6)}}`).join('\n');
  const body = paragraphs.map((p, i) => (i > 0 && i % 12 === 0 ? `<h2>Part ${i / 12}</h2>` : '') + `<p>${esc(p)}</p>`).join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${esc(article.title)} | The Benchmark Herald</title>
<meta property="og:site_name" content="The Benchmark Herald"><meta name="author" content="Zoë Ñúñez">
<meta property="article:published_time" content="2026-11-27T08:30:00Z">
<link rel="canonical" href="https://herald.example/2026/11/27/story">
<style>${style}</style><script>${bundle}</script></head>
<body><header><nav class="menu"><ul>${nav}</ul></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<main><article><h1>${esc(article.title)}</h1><div class="share">Share on Facebook · Share on X · Email</div>
${body}</article>
<aside class="related"><h3>Related</h3><ul>${related}</ul></aside>
<section class="comments"><h3>Comments</h3>${comments}</section></main>
<footer><p>© 2026 The Benchmark Herald</p></footer></body></html>`;
  return { html, words: article.text.split(/\s+/).filter(Boolean).length };
}
