// Draws the app's icons (assets/icons/, listed by assets/manifest.webmanifest) from the SVG
// below, the page's favicon drawn larger: two lines of text on the claim highlight's yellow.
// Rendered by headless Chromium through the end-to-end tests' playwright-core; run it again
// after changing the drawing (`node scripts/icons.mjs`, once scripts/setup.sh has run) and
// commit the PNGs.
//
// - icon-192.png, icon-512.png ("any"): a rounded square on a transparent ground.
// - maskable-512.png ("maskable"): the yellow fills the square and the lines keep inside the
//   central circle of 40 % radius that every launcher mask leaves visible.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(join(root, 'tests', 'e2e', 'package.json'))('playwright-core');
const out = join(root, 'assets', 'icons');

const LINES = '<path d="M3 11h10M3 7h7" stroke="#1d232a" stroke-width="2" stroke-linecap="round" fill="none"/>';
/** The favicon's drawing, on a 16-unit grid. */
const any = (size) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16">
  <rect width="16" height="16" rx="3" fill="#ffe08a"/>${LINES}</svg>`;
/** The same lines with a margin of a quarter on each side, the yellow to the edges. */
const maskable = (size) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="-4 -3 24 24">
  <rect x="-4" y="-3" width="24" height="24" fill="#ffe08a"/>${LINES}</svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  mkdirSync(out, { recursive: true });
  for (const [name, size, svg] of [
    ['icon-192.png', 192, any(192)],
    ['icon-512.png', 512, any(512)],
    ['maskable-512.png', 512, maskable(512)],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${svg}</body>`);
    await page.screenshot({ path: join(out, name), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`icons: ${name} (${size} × ${size})`);
  }
} finally {
  await browser.close();
}
