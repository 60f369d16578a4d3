// Article Annotator's service worker: the app starts and works with no network, and a new
// build is used only whole, after the user accepts it (ARCHITECTURE.md, "Offline").
//
// - Install: every file of one build goes into a cache named after the build's hash, each
//   fetched past the HTTP cache and checked against its SHA-256 (Subresource Integrity), so a
//   file of another build (a deploy half done, a stale unhashed worker script) fails the
//   install instead of entering the cache. A new worker then waits: the page shows "A new
//   version is ready" and, on Reload, posts 'skip-waiting'.
// - Activate: the caches of other builds are deleted and the open pages are claimed (on the
//   first install they came from the network, of this build; on an update they reload).
// - Fetch: a file of the build is answered from this worker's cache only, a navigation to the
//   app's address (its folder, with any query or fragment) with the cached index.html;
//   anything else (nothing of the app, other pages of the origin included) goes to the network.
//
// The two lines below are written by scripts/sw.mjs after each build (Trunk's post_build
// hook): the build's hash and its files with their hashes. Its bytes change with every build,
// which is how the browser, fetching this script at its stable URL, learns of a new one.
'use strict';

const BUILD = 'unbuilt';
const FILES = [];

const PREFIX = 'annotator-';
const CACHE = PREFIX + BUILD;
const INDEX = new URL('index.html', self.location).href;
/** The app's own address (the folder it is served from), which the cached index.html answers. */
const HOME = new URL('./', self.location).href;
/** The build's files by absolute URL (without query), to tell them from anything else. */
const PRECACHED = new Set(FILES.map(([path]) => new URL(path, self.location).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(
      FILES.map(([path, integrity]) => new Request(path, { cache: 'reload', integrity })),
    )),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  let key = url.href;
  if (!PRECACHED.has(key)) {
    // Only a navigation to the app itself gets the app: another page of the origin under the
    // worker's scope (a host's other pages, a 404) is left to the network.
    if (request.mode !== 'navigate' || key !== HOME) return;
    key = INDEX;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const response = await cache.match(key);
    // A cache the browser evicted: the network, as without a service worker.
    if (!response) return fetch(request);
    // A host that redirects /index.html to / gives a redirected response, which a navigation
    // refuses: the same bytes, not marked redirected.
    return response.redirected ? new Response(response.body, response) : response;
  })());
});
