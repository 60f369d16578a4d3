// Trunk's post_build hook (Trunk.toml). Trunk runs the hooks of one stage at the same time, and
// these steps must run in order: loaders.mjs rewrites the workers' loader scripts, minify.mjs
// changes the files and their integrity hashes in
// index.html, csp.mjs finishes index.html, and the service worker hashes all of
// them. Each step is a script of its own, which exits the process when it fails.
await import('./loaders.mjs');
await import('./minify.mjs');
await import('./csp.mjs');
await import('./sw.mjs');
