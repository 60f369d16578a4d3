// Trunk's post_build hook (Trunk.toml). Trunk runs the hooks of one stage at the same time, and
// these steps must run in order: the service worker hashes the index.html that csp.mjs
// finishes. Each step is a script of its own, which exits the process when it fails.
await import('./csp.mjs');
await import('./sw.mjs');
