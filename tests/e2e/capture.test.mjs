// Capturing web pages (issue 12): the article extracted from a saved page, and the
// bookmarklet handing a page from another site (a second loopback port) to the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setup, openApp, expect, screenshot, waitReady, waitPainted, waitForRecords, ROOT, eventually } from './harness.mjs';

const app = setup();

const NEWS = join(ROOT, 'tests', 'fixtures', 'pages', 'news.html');
const libraryButton = (page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Library/ });
const newDialog = (page) => page.getByRole('dialog', { name: 'New article' });

/** The app, opened fresh, with its New article dialog open from the library. */
async function openNewArticle() {
  const { page } = await openApp(app.browser, app.url);
  await libraryButton(page).click();
  await page.getByRole('button', { name: 'New article' }).click();
  return { page, dialog: newDialog(page) };
}

/** Serves the news fixture at /2026/11/27/story.html on another loopback port, and counts
 * every request by path (a request for /leak.gif means handed-over HTML loaded something). */
async function serveNews() {
  const html = await readFile(NEWS);
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    if (req.url.startsWith('/2026/11/27/story.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else if (req.url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(r)) };
}

test('Open file with a saved news page: the dialog shows the extracted article, offers the whole page, fills the metadata', async () => {
  const { page, dialog } = await openNewArticle();
  await dialog.getByLabel('Open file').setInputFiles({ name: 'story.html', mimeType: 'text/html', buffer: await readFile(NEWS) });
  await expect(dialog.getByRole('status')).toHaveText(/^Article found in “story\.html”: \d+ words of the page's \d+ words are used\./);
  const text = dialog.getByLabel('Article text');
  const article = await text.inputValue();
  // Readability leaves out the headline (it is the title) and keeps the paragraphs in order;
  // the byline line is left out too (it fills the Byline field below).
  assert.match(article, /^The harbour tunnel will cost €2\.4 billion/);
  assert.doesNotMatch(article, /By Mária Øberg/);
  assert.match(article, /“We were told the geology was well understood,” said Jonas Lindqvist/);
  assert.doesNotMatch(article, /Related stories|Share on Facebook|Accept all|We use cookies|SuperPhone|All rights reserved|First! This/);
  // A reader's poll asks, and the writer's box is about the writer: neither is the article.
  assert.doesNotMatch(article, /Should the council hold|Yes, at once|Not sure yet|transport correspondent/);
  // The page opens with "<noscript><div>" left open (a "JavaScript is off" banner): read as the
  // browser reads it, it neither shows nor takes the rest of the page into the noscript.
  assert.doesNotMatch(article, /turn on JavaScript/);
  await expect(dialog.getByLabel('Title')).toHaveValue('Harbour tunnel costs doubled, audit finds');
  await expect(dialog.getByLabel('Byline')).toHaveValue('Mária Øberg');
  await expect(dialog.getByLabel('Published')).toHaveValue('2026-11-27');
  await expect(dialog.getByLabel('Site')).toHaveValue('The Coastal Ledger');
  // A saved file has no address of its own: the canonical link is relative, so it stays empty.
  await expect(dialog.getByLabel('Source URL')).toHaveValue('');
  await screenshot(page, 'capture-open-file');

  // The whole page instead, and back.
  await dialog.getByRole('radio', { name: 'Whole page text' }).check();
  await expect(text).toHaveValue(/Related stories/);
  await expect(dialog.getByRole('status')).toHaveText(/^The whole text of “story\.html” is used/);
  await dialog.getByRole('radio', { name: 'Extracted article' }).check();
  await expect(text).toHaveValue(article);

  // Many pages give the byline with its label ("By …"): the library says "By" once.
  await dialog.getByLabel('Byline').fill('By Mária Øberg');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour tunnel costs doubled, audit finds');
  const blocks = await page.locator('article p').allTextContents();
  assert.ok(blocks.includes('Delays on every section'), JSON.stringify(blocks));
  assert.ok(blocks.includes('monthly cost reports to the full council;'), JSON.stringify(blocks));
  assert.ok(!blocks.some((b) => /Related stories|SuperPhone/.test(b)), JSON.stringify(blocks));
  await libraryButton(page).click();
  await expect(page.getByText('By Mária Øberg', { exact: true })).toHaveCount(1);
  await expect(page.getByText(/By By/)).toHaveCount(0);
  await screenshot(page, 'capture-library-byline');
});

test('a standfirst printed apart from the story is offered, not taken, and goes first when chosen', async () => {
  const summary = 'Islanders asked for a fifth crossing on Saturdays; the harbour board says it would cost more than its fares bring in.';
  const story = 'The ferry company kept its winter timetable for a third year, and the harbour board said on Monday that the '
    + 'crossings would stay at four a day until March. The market draws visitors from the mainland on Saturdays, and the '
    + 'last boat leaves before the stalls close, which the traders say costs them their best hours of the week.';
  const more = 'The board said the older of its two boats needed repairs before the spring and that a fifth crossing would '
    + 'have to wait until both were in service again.';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ferry keeps its winter timetable</title>
    <meta property="og:description" content="${summary}"></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <main><header><h1>Ferry keeps its winter timetable</h1><p class="dek">${summary}</p><p class="meta">By Zoë Ñúñez · 3 March 2026</p></header>
    <div class="story"><p>${story}</p><p>${more}</p><p>${story}</p><p>${more}</p></div></main>
    <footer>All rights reserved</footer></body></html>`;
  const { page, dialog } = await openNewArticle();
  await dialog.getByLabel('Open file').setInputFiles({ name: 'ferry.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  const words = (t) => t.split(/\s+/).length;
  const storyWords = 2 * (words(story) + words(more));
  await expect(dialog.getByRole('status')).toHaveText(new RegExp(`^Article found in “ferry\\.html”: ${storyWords} words of the page's \\d+ words are used\\.`));
  const text = dialog.getByLabel('Article text');
  await expect(text).toHaveValue(/^The ferry company kept/);
  const standfirst = dialog.getByRole('checkbox', { name: 'Begin with the standfirst' });
  await expect(standfirst).toBeChecked(false);
  // The standfirst is shown (as text) beside the choice, and describes it.
  await expect(standfirst).toHaveDescription(summary);
  await standfirst.check();
  await expect(text).toHaveValue(`${summary}\n${story}\n${more}\n${story}\n${more}`);
  await expect(dialog.getByRole('status')).toHaveText(new RegExp(`^Article found in “ferry\\.html”: ${storyWords + words(summary)} words of the page's`));
  await screenshot(page, 'capture-standfirst');
  // The whole page holds it anyway: the choice is not offered there, and comes back with it.
  await dialog.getByRole('radio', { name: 'Whole page text' }).check();
  await expect(standfirst).toHaveCount(0);
  await dialog.getByRole('radio', { name: 'Extracted article' }).check();
  await expect(standfirst).toBeChecked();
  await expect(text).toHaveValue(new RegExp(`^${summary.replace(/[.;]/g, '\\$&')}\n`));
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  const blocks = await page.locator('article p').allTextContents();
  assert.equal(blocks[0], summary, JSON.stringify(blocks));

  // The choice is remembered for the next page, after a reload too (once the article is
  // written and painted: a reload before would find it unsaved, or take its opening for a
  // crash and show the library).
  await waitForRecords(page, 'articles', (rs) => rs.some((r) => r.value?.title === 'Ferry keeps its winter timetable'));
  await waitPainted(page);
  await page.reload();
  await waitReady(page);
  await libraryButton(page).click();
  await page.getByRole('button', { name: 'New article' }).click();
  const again = newDialog(page);
  await again.getByLabel('Open file').setInputFiles({ name: 'ferry.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await expect(again.getByRole('checkbox', { name: 'Begin with the standfirst' })).toBeChecked();
  await expect(again.getByLabel('Article text')).toHaveValue(`${summary}\n${story}\n${more}\n${story}\n${more}`);
});

test('a page where nothing looks like an article keeps its whole text, with a notice', async () => {
  const { page, dialog } = await openNewArticle();
  await dialog.getByLabel('Open file').setInputFiles({
    name: 'results.html', mimeType: 'text/html',
    buffer: await readFile(join(ROOT, 'tests', 'fixtures', 'pages', 'no-article.html')),
  });
  await expect(dialog.getByRole('status')).toHaveText('Nothing in “results.html” looks like an article, so its whole text is used (12 words).');
  await expect(dialog.getByLabel('Article text')).toHaveValue(/Result one\nResult two\nResult three/);
  await expect(dialog.getByRole('radio')).toHaveCount(0);
  await expect(dialog.getByLabel('Title')).toHaveValue('Search results');
});

test('a saved page its scripts draw holds no text: the dialog says how to capture it, and nothing typed is lost', async () => {
  const { page, dialog } = await openNewArticle();
  await dialog.getByLabel('Article text').fill('Notes typed before.');
  // An app's shell saved as "HTML only": the article is in a script's data, drawn by scripts.
  const shell = '<!doctype html><html><head><title>Budget vote delayed</title></head><body><div id="__next"></div>'
    + '<script>self.__next_f.push([1,"\\u003cp\\u003eThe council delayed the vote.\\u003c/p\\u003e"]); window.__pwned = 1</script>'
    + '<noscript>You need to enable JavaScript to run this app.</noscript></body></html>';
  await dialog.getByLabel('Open file').setInputFiles({ name: 'app.html', mimeType: 'text/html', buffer: Buffer.from(shell) });
  await expect(dialog.getByRole('alert')).toHaveText('“app.html” holds no text to read. If the page shows its article in the browser, its scripts draw it, '
    + 'and a copy saved as “HTML only” does not keep it: use the Send to Article Annotator bookmarklet on the page, '
    + 'or save it as “Webpage, Single File” or “Webpage, Complete”. Nothing was changed.');
  await expect(dialog.getByLabel('Article text')).toHaveValue('Notes typed before.');
  await expect(dialog.getByLabel('Title')).toHaveValue('');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await screenshot(page, 'capture-script-drawn-page');
});

test('a saved page its scripts draw, its story given as data, is read from that data, says so, and nothing in it runs', async () => {
  const lines = [
    'The council delayed the vote on the harbour budget by a week, after two members asked for the costs of the new quay to be checked again.',
    'Zoë Ñúñez, who chairs the finance committee, said the figures had changed twice since March and that “nobody should vote on a number that moves”.',
    'The quay was first costed at €4.2 million; the latest estimate, from January, is €5.9 million, and the council’s reserves stand at €1.1 million.',
  ];
  const body = [...lines, ...lines].join('\n');
  const summary = 'The council put off its vote on the harbour budget for a week to check the quay’s costs again.';
  const data = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Harbour budget vote delayed', articleBody: body })
    .replace(/</g, '\\u003c');
  const shell = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour budget vote delayed | The Ledger</title>
    <meta property="og:description" content="${summary}"><script type="application/ld+json">${data}</script></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a></nav><div id="__next"><p>Loading…</p></div>
    <script>window.__pwned = 1</script><footer>All rights reserved</footer></body></html>`;
  const { page, dialog } = await openNewArticle();
  await dialog.getByLabel('Open file').setInputFiles({ name: 'ledger.html', mimeType: 'text/html', buffer: Buffer.from(shell) });
  const words = body.split(/\s+/).length;
  await expect(dialog.getByRole('status')).toHaveText(`“ledger.html” shows little of its story, so the story it gives as data for search engines is used (${words} words). Check it against the page.`);
  await expect(dialog.getByLabel('Article text')).toHaveValue(body);
  await expect(dialog.getByLabel('Title')).toHaveValue('Harbour budget vote delayed');
  // The page's summary, which its data leaves out, is offered as the standfirst.
  await expect(dialog.getByRole('checkbox', { name: 'Begin with the standfirst' })).toHaveDescription(summary);
  // What the page shows is still there to take instead.
  await dialog.getByRole('radio', { name: 'Whole page text' }).check();
  await expect(dialog.getByLabel('Article text')).toHaveValue(/Loading…/);
  await dialog.getByRole('radio', { name: 'Extracted article' }).check();
  await expect(dialog.getByLabel('Article text')).toHaveValue(body);
  await screenshot(page, 'capture-story-data');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  const blocks = await page.locator('article p').allTextContents();
  assert.deepEqual(blocks, [...lines, ...lines]);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('a saved Next.js page that holds its story only in its flight data is read from it, says so, and nothing in it runs', async () => {
  const lines = [
    'Ferry fares in Ålesund rise by 40 øre from March, the county’s transport office said on Tuesday, after a year in which fuel cost a third more.',
    'Commuters on the “Hareid” crossing, who pay the most, asked why the council approved the rise without a hearing; two of them wrote to the mayor.',
    'The office said the rise covers fuel only 🚢 and that a hearing on the timetable, which changes in June, would be held in April at the town hall.',
  ];
  const html = [...lines, ...lines].map((l) => `<p>${l}</p>`).join('') + '<img src="http://127.0.0.1:9/pixel.gif" onerror="window.__pwned = 1">';
  // Next.js's flight data: rows in strings pushed one at a time, the story's HTML a text row
  // (its length in bytes, in hexadecimal), `<` written as \u003c.
  const push = (chunk) => `<script>self.__next_f.push([1,${JSON.stringify(chunk).replace(/</g, '\\u003c')}])</script>`;
  const shell = '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Ferry fares rise in Ålesund | The Ledger</title></head>'
    + '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><div id="__next"><p>Loading…</p></div>'
    + '<script>(self.__next_f=self.__next_f||[]).push([0]); window.__pwned = 1</script>'
    + push('1:"$Sreact.fragment"\n')
    + push(`24:T${Buffer.byteLength(html).toString(16)},`)
    + push(html)
    + push('5:["$","article",null,{"children":"$24"}]\n')
    + '<footer>All rights reserved</footer></body></html>';
  const { page, dialog } = await openNewArticle();
  await dialog.getByLabel('Open file').setInputFiles({ name: 'ferry.html', mimeType: 'text/html', buffer: Buffer.from(shell) });
  const body = [...lines, ...lines].join('\n');
  const words = body.split(/\s+/).length;
  await expect(dialog.getByRole('status')).toHaveText(`“ferry.html” shows little of its story, so the story its scripts hold to draw it is used (${words} words). Check it against the page.`);
  await expect(dialog.getByLabel('Article text')).toHaveValue(body);
  await expect(dialog.getByLabel('Title')).toHaveValue('Ferry fares rise in Ålesund');
  await dialog.getByRole('radio', { name: 'Whole page text' }).check();
  await expect(dialog.getByLabel('Article text')).toHaveValue(/Loading…/);
  await dialog.getByRole('radio', { name: 'Extracted article' }).check();
  await screenshot(page, 'capture-flight-data');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await page.locator('article p').allTextContents(), [...lines, ...lines]);
  assert.equal(await page.locator('article img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('a blog post its scripts draw is read from its no-script copy', async () => {
  const { page, dialog } = await openNewArticle();
  const post = '<h3 class=post-title>Safer downloads in the browser</h3><div class=post-body>'
    + '<p>Over the past year we have seen download threats become more targeted, with campaigns that rotate their domains every few hours to avoid the lists browsers check.</p>'
    + '<p>Starting this month, the browser checks uncommon downloads in real time, and warns before a file from a site seen for the first time is opened.</p>'
    + '<p>The check sends a hash of the file, never the file itself, and it can be turned off in the security settings.</p></div>';
  const blog = '<html><head><title>Safer downloads in the browser</title></head><body>'
    + '<header><h1>Security Blog</h1><p>News and insights on security</p></header>'
    + '<aside><h2>Labels</h2><ul><li><a href=/l/a>android</a></li><li><a href=/l/b>browser</a></li></ul></aside>'
    + `<div class=post><script>window.__pwned = 1</script><noscript>${post}<img src="http://127.0.0.1:9/pixel.png"></noscript></div></body></html>`;
  const requests = [];
  page.on('request', (r) => { if (r.url().includes(':9/')) requests.push(r.url()); });
  await dialog.getByLabel('Open file').setInputFiles({ name: 'post.html', mimeType: 'text/html', buffer: Buffer.from(blog) });
  await expect(dialog.getByRole('status')).toHaveText(/^Article found in “post\.html”/);
  await expect(dialog.getByLabel('Article text')).toHaveValue(/^Over the past year we have seen download threats become more targeted/);
  const article = await dialog.getByLabel('Article text').inputValue();
  assert.match(article, /it can be turned off in the security settings\.$/);
  assert.doesNotMatch(article, /android|Labels/);
  await expect(dialog.getByLabel('Title')).toHaveValue('Safer downloads in the browser');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(requests, []);
});

/** `text` in windows-1252 (what "ISO-8859-1" means on the web): Latin-1, plus € and curly quotes. */
function cp1252(text) {
  const extra = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Buffer.from([...text].map((c) => {
    const code = extra[c] ?? c.codePointAt(0);
    if (code > 0xff) throw new Error(`not in windows-1252: ${c}`);
    return code;
  }));
}

test('a page saved in a legacy encoding is read as it declares, and a text file that is not UTF-8 in the encoding its bytes show', async () => {
  const { page, dialog } = await openNewArticle();
  const story = '<p>The harbour tunnel will cost €2.4 billion, twice the figure approved in 2019, said Zoë Müller, who chairs the committee.</p>'
    + '<p>“We were told the geology was well understood,” she said. “It wasn’t.” The audit found the surveys covered a third of the route.</p>';
  const latin = cp1252(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Tunnel costs – Zoë Müller speaks</title></head><body><article>${story}</article></body></html>`);
  await dialog.getByLabel('Open file').setInputFiles({ name: 'latin.html', mimeType: 'text/html', buffer: latin });
  await expect(dialog.getByRole('status')).toHaveText(/^Article found in “latin\.html”/);
  const article = await dialog.getByLabel('Article text').inputValue();
  assert.match(article, /cost €2\.4 billion, twice the figure approved in 2019, said Zoë Müller/);
  assert.match(article, /“We were told the geology was well understood,” she said\. “It wasn’t\.”/);
  assert.doesNotMatch(article, /\uFFFD/);
  await expect(dialog.getByLabel('Title')).toHaveValue('Tunnel costs – Zoë Müller speaks');

  // A new dialog for the next file (the Title field filled by this one would be kept).
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'New article' }).click();
  // Shift_JIS: 東京 is 93 8C 8B 9E, 日本 is 93 FA 96 7B.
  const ascii = (t) => Buffer.from(t, 'latin1');
  const tokyo = Buffer.from([0x93, 0x8c, 0x8b, 0x9e]);
  const japan = Buffer.from([0x93, 0xfa, 0x96, 0x7b]);
  const sentence = Buffer.concat([ascii('<p>The governor of '), tokyo, ascii(' said the budget for the capital of '), japan, ascii(' would rise by a fifth next year, the largest rise in a decade.</p>')]);
  const sjis = Buffer.concat([
    ascii('<html><head><meta charset="Shift_JIS"><title>'), tokyo, ascii(' budget</title></head><body><article>'),
    sentence, sentence, ascii('</article></body></html>'),
  ]);
  await dialog.getByLabel('Open file').setInputFiles({ name: 'tokyo.html', mimeType: 'text/html', buffer: sjis });
  await expect(dialog.getByRole('status')).toHaveText(/^Article found in “tokyo\.html”/);
  await expect(dialog.getByLabel('Article text')).toHaveValue(/^The governor of 東京 said the budget for the capital of 日本 would rise/);
  await expect(dialog.getByLabel('Title')).toHaveValue('東京 budget');

  // A plain text file declares nothing: not UTF-8, it is read in the encoding its bytes show.
  await dialog.getByLabel('Open file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: cp1252('Zoë Müller said the tunnel would cost €2.4 billion.') });
  await expect(dialog.getByLabel('Article text')).toHaveValue('Zoë Müller said the tunnel would cost €2.4 billion.');
  // The page's choice (its article or its whole text) went with the page's text: choosing
  // "Whole page text" now would have replaced the text file's with the page's.
  await expect(dialog.getByRole('radio')).toHaveCount(0);
  await expect(dialog.getByText(/Article found in/)).toHaveCount(0);
  await screenshot(page, 'capture-legacy-encoding');
});

/** `text` in windows-1251 (Cyrillic): А–я are C0–FF, Ё A8, ё B8, the rest ASCII. */
function cp1251(text) {
  return Buffer.from([...text].map((c) => {
    const code = c.codePointAt(0);
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (c === 'Ё') return 0xa8;
    if (c === 'ё') return 0xb8;
    if (c === '«') return 0xab;
    if (c === '»') return 0xbb;
    throw new Error(`not in windows-1251: ${c}`);
  }));
}

test('a page saved without its encoding (its server said it) is read in the encoding its bytes show', async () => {
  const { page, dialog } = await openNewArticle();
  // "Save page as… HTML only" keeps the server's bytes but not its Content-Type header, where
  // this site said windows-1251; the page itself declares nothing.
  const story = '<p>Министр финансов заявил журналистам, что бюджет региона вырастет на десять процентов в следующем году.</p>'
    + '<p>«Мы проверили каждую цифру», — сказал он. Депутаты оппозиции считают, что эти цифры не совпадают с отчётом прошлого года.</p>';
  const bytes = cp1251(`<html><head><title>Бюджет региона вырастет</title></head><body><nav><a href="/">Главная</a></nav><article>${story}</article></body></html>`.replace('—', '-'));
  await dialog.getByLabel('Open file').setInputFiles({ name: 'budget.html', mimeType: 'text/html', buffer: bytes });
  await expect(dialog.getByRole('status')).toHaveText(/^Article found in “budget\.html”/);
  const article = await dialog.getByLabel('Article text').inputValue();
  assert.match(article, /^Министр финансов заявил журналистам, что бюджет региона вырастет на десять процентов/);
  assert.match(article, /«Мы проверили каждую цифру», - сказал он\./);
  assert.doesNotMatch(article, /[\uFFFDÐÑÂÃ]/);
  await expect(dialog.getByLabel('Title')).toHaveValue('Бюджет региона вырастет');
  await screenshot(page, 'capture-undeclared-encoding');

  // A text file in windows-1251 (a text file declares nothing): its first line is the title.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'New article' }).click();
  await dialog.getByLabel('Open file').setInputFiles({ name: 'transcript.txt', mimeType: 'text/plain',
    buffer: cp1251('Заседание комиссии\r\nПредседатель сказал, что расходы на дороги выросли на треть за два года.\r\n') });
  await expect(dialog.getByLabel('Article text')).toHaveValue(/^Председатель сказал, что расходы на дороги выросли на треть за два года\.\n?$/);
  await expect(dialog.getByLabel('Title')).toHaveValue('Заседание комиссии');
});

/** `html` as quoted-printable (RFC 2045): "=" and non-ASCII bytes escaped, soft breaks every 76. */
function quotedPrintable(html) {
  const bytes = Buffer.from(html, 'utf8');
  let out = '';
  let line = '';
  for (const b of bytes) {
    const piece = (b === 0x3d || b > 0x7e || (b < 0x20 && b !== 0x0a)) ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
    if (piece === '\n') { out += `${line}\r\n`; line = ''; continue; }
    if (line.length + piece.length > 75) { out += `${line}=\r\n`; line = ''; }
    line += piece;
  }
  return out + line;
}

/** A web archive as Chromium's "Webpage, Single File" writes one: the page, then an image. */
function mhtml(html, location) {
  return Buffer.from([
    'From: <Saved by Blink>',
    `Snapshot-Content-Location: ${location}`,
    'Subject: Harbour tunnel',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    '\tboundary="----MultipartBoundary--e2e----"',
    '', '',
    '------MultipartBoundary--e2e----',
    'Content-Type: text/html',
    'Content-ID: <frame-1@mhtml.blink>',
    'Content-Transfer-Encoding: quoted-printable',
    `Content-Location: ${location}`,
    '',
    quotedPrintable(html),
    '------MultipartBoundary--e2e----',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-Location: https://ledger.example/logo.png',
    '',
    'iVBORw0KGgo=',
    '------MultipartBoundary--e2e------',
    '',
  ].join('\r\n'), 'utf8');
}

/**
 * Opens the news fixture (its canonical link taken out: only the archive names the address)
 * packed by `pack(html)` as the file `name`, and checks that its article and title came out;
 * returns the dialog.
 */
async function openArchivedNews(page, name, mimeType, pack) {
  await libraryButton(page).click();
  await page.getByRole('button', { name: 'New article' }).click();
  const dialog = newDialog(page);
  const html = (await readFile(NEWS, 'utf8')).replace('<link rel="canonical" href="/2026/11/harbour-tunnel-audit">', '');
  await dialog.getByLabel('Open file').setInputFiles({ name, mimeType, buffer: pack(html) });
  await expect(dialog.getByRole('status')).toHaveText(`Article found in “${name}”: 191 words of the page's 284 words are used. Menus, links and other page parts were left out.`);
  const article = await dialog.getByLabel('Article text').inputValue();
  assert.match(article, /^The harbour tunnel will cost €2\.4 billion/);
  assert.match(article, /“We were told the geology was well understood,” said Jonas Lindqvist/);
  // Nothing of the archive's framing or its other parts.
  assert.doesNotMatch(article, /Related stories|iVBORw0KGgo|MultipartBoundary|=E2=80|bplist|WebResource/);
  await expect(dialog.getByLabel('Title')).toHaveValue('Harbour tunnel costs doubled, audit finds');
  return dialog;
}

test('a web archive (.mhtml) opens with its page extracted and its address in Source URL; one without a page is refused', async () => {
  const { page } = await openApp(app.browser, app.url);
  const dialog = await openArchivedNews(page, 'Harbour tunnel.mhtml', 'multipart/related',
    (html) => mhtml(html, 'https://ledger.example/2026/11/27/harbour-tunnel'));
  await expect(dialog.getByLabel('Byline')).toHaveValue('Mária Øberg');
  // The archive names the page's address; the page itself (canonical link taken out) does not.
  await expect(dialog.getByLabel('Source URL')).toHaveValue('https://ledger.example/2026/11/27/harbour-tunnel');
  await screenshot(page, 'capture-mhtml');

  // An archive of only an image: a clear message, the dialog as it was.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'New article' }).click();
  await dialog.getByLabel('Title').fill('Typed first');
  const imageOnly = Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n');
  await dialog.getByLabel('Open file').setInputFiles({ name: 'logo.mht', mimeType: 'message/rfc822', buffer: imageOnly });
  await expect(dialog.getByRole('alert')).toHaveText('“logo.mht” holds no web page. Nothing was changed.');
  await expect(dialog.getByLabel('Title')).toHaveValue('Typed first');
  await expect(dialog.getByLabel('Article text')).toHaveValue('');
});

/**
 * A Safari web archive: a binary property list (bplist00) of
 * { WebMainResource: { WebResourceData, WebResourceMIMEType, WebResourceTextEncodingName,
 * WebResourceURL }, WebSubresources: [] }, as Safari's "Save As… › Web Archive" writes one.
 */
function webarchive(html, url) {
  const length = (kind, n) => (n < 15 ? [kind << 4 | n] : [kind << 4 | 0xf, 0x12, ...[24, 16, 8, 0].map((s) => (n >>> s) & 0xff)]);
  const ascii = (s) => Buffer.from([...length(0x5, s.length), ...Buffer.from(s, 'latin1')]);
  const utf16 = (s) => {
    const units = [...s].flatMap((c) => { const b = Buffer.from(c, 'utf16le'); const out = []; for (let i = 0; i < b.length; i += 2) out.push(b[i + 1], b[i]); return out; });
    return Buffer.from([...length(0x6, units.length / 2), ...units]);
  };
  const data = (b) => Buffer.concat([Buffer.from(length(0x4, b.length)), b]);
  const dict = (pairs) => Buffer.from([0xd0 | pairs.length, ...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])]);
  const objects = [
    dict([[1, 3], [2, 12]]),
    ascii('WebMainResource'), ascii('WebSubresources'),
    dict([[4, 5], [6, 7], [8, 9], [10, 11]]),
    ascii('WebResourceData'), data(Buffer.from(html, 'utf8')),
    ascii('WebResourceMIMEType'), ascii('text/html'),
    ascii('WebResourceTextEncodingName'), ascii('UTF-8'),
    ascii('WebResourceURL'), utf16(url),
    Buffer.from([0xa0]),
  ];
  const parts = [Buffer.from('bplist00', 'latin1')];
  const offsets = [];
  let at = 8;
  for (const o of objects) { offsets.push(at); parts.push(o); at += o.length; }
  const table = Buffer.alloc(objects.length * 4);
  offsets.forEach((o, i) => table.writeUInt32BE(o, i * 4));
  const trailer = Buffer.alloc(32);
  trailer[6] = 4; // offset size
  trailer[7] = 1; // reference size
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(0n, 16);
  trailer.writeBigUInt64BE(BigInt(at), 24);
  return Buffer.concat([...parts, table, trailer]);
}

test('a Safari web archive (.webarchive) opens with its page extracted and its address in Source URL', async () => {
  const { page } = await openApp(app.browser, app.url);
  const dialog = await openArchivedNews(page, 'Harbour tunnel.webarchive', 'application/x-webarchive',
    (html) => webarchive(html, 'https://ledger.example/2026/11/27/harbour-tunnel-Øberg'));
  // The address as Safari stored it (a UTF-16 string).
  await expect(dialog.getByLabel('Source URL')).toHaveValue('https://ledger.example/2026/11/27/harbour-tunnel-Øberg');
  await screenshot(page, 'capture-webarchive');
});

test('the bookmarklet sends a page from another site: the app opens with its article extracted and its metadata filled', async () => {
  const news = await serveNews();
  try {
    const context = await app.browser.newContext();
    const appPage = await context.newPage();
    await appPage.goto(app.url);
    await waitReady(appPage);
    await libraryButton(appPage).click();
    const link = appPage.getByRole('link', { name: 'Send to Article Annotator' });
    const href = await link.getAttribute('href');
    assert.match(href, /^javascript:/);
    // Clicking it in the app only explains; it is for the bookmarks bar.
    await link.click();
    await expect(appPage.getByRole('status')).toHaveText(/Drag the link to your bookmarks bar/);
    await screenshot(appPage, 'capture-bookmarklet');

    const newsPage = await context.newPage();
    await newsPage.goto(`${news.origin}/2026/11/27/story.html?ref=home`);
    // What a click on the bookmark does: run its code in the page.
    const code = decodeURIComponent(href.slice('javascript:'.length));
    const [tab] = await Promise.all([context.waitForEvent('page'), newsPage.evaluate(code)]);
    const dialog = newDialog(tab);
    await dialog.waitFor();
    await expect(dialog.getByRole('status')).toHaveText(/^Article found in http:\/\/127\.0\.0\.1:\d+\/2026\/11\/27\/story\.html\?ref=home: /, { timeout: 15000 });
    await expect(dialog.getByLabel('Title')).toHaveValue('Harbour tunnel costs doubled, audit finds');
    await expect(dialog.getByLabel('Source URL')).toHaveValue(`${news.origin}/2026/11/harbour-tunnel-audit`);
    await expect(dialog.getByLabel('Published')).toHaveValue('2026-11-27');
    await expect(dialog.getByLabel('Byline')).toHaveValue('Mária Øberg');
    await expect(dialog.getByLabel('Site')).toHaveValue('The Coastal Ledger');
    const text = await dialog.getByLabel('Article text').inputValue();
    assert.match(text, /The harbour tunnel will cost €2\.4 billion/);
    assert.doesNotMatch(text, /Related stories|Share on Facebook|SuperPhone/);
    // The fragment that carried the nonce is gone from the address.
    assert.doesNotMatch(tab.url(), /#capture=/);
    await screenshot(tab, 'capture-bookmarklet-dialog');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Harbour tunnel costs doubled, audit finds');
  } finally {
    await news.close();
  }
});

test('the app takes only the opener\'s message with its nonce, only once, and nothing handed over runs or loads', async () => {
  const news = await serveNews();
  try {
    const context = await app.browser.newContext();
    const opener = await context.newPage();
    await opener.goto(`${news.origin}/2026/11/27/story.html`);
    const nonce = '0123456789abcdef0123456789abcdef';
    // The opener listens for "ready", as the bookmarklet does, and then sends what the test says.
    await opener.evaluate(() => {
      window.__ready = 0;
      addEventListener('message', (e) => { if (e.data === 'article-annotator/ready') window.__ready += 1; });
    });
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      opener.evaluate(([url]) => { window.__tab = window.open(url); }, [`${app.url}#capture=${nonce}`]),
    ]);
    await opener.waitForFunction(() => window.__ready === 1);
    const appOrigin = new URL(app.url).origin;
    const send = (data) => opener.evaluate(([d, o]) => window.__tab.postMessage(d, o), [data, appOrigin]);
    const hostile = `<html><head><title>Hostile</title></head><body>
      <script>window.__pwned = 1</script><img src="${news.origin}/leak.gif" onerror="window.__pwned = 2">
      <iframe src="${news.origin}/leak-frame"></iframe><link rel="stylesheet" href="${news.origin}/leak.css">
      <p>The hostile page still has a paragraph long enough to be read, though it has no article at all.</p></body></html>`;
    const good = { type: 'article-annotator/page', nonce, url: `${news.origin}/hostile`, html: hostile };
    // Ignored: another nonce, another type, a message from a window that is not the opener.
    // (Each has its own URL: had one been taken, the dialog would show it, since only the
    // first message taken counts.)
    await send({ ...good, nonce: 'f'.repeat(32), url: `${news.origin}/wrong-nonce` });
    await send({ ...good, type: 'something-else', url: `${news.origin}/wrong-type` });
    await tab.evaluate((d) => window.postMessage(d, '*'), { ...good, url: `${news.origin}/not-the-opener` });
    // Taken: the opener's, with the nonce. Then a second message changes nothing.
    await send(good);
    const dialog = newDialog(tab);
    await dialog.waitFor();
    await expect(dialog.getByLabel('Source URL')).toHaveValue(`${news.origin}/hostile`);
    await expect(dialog.getByRole('status')).toHaveText(/looks like an article|Article found/);
    await send({ ...good, url: `${news.origin}/second` });
    // The page answers a round trip after the second message, so it has been delivered.
    await tab.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    await expect(dialog.getByLabel('Source URL')).toHaveValue(`${news.origin}/hostile`);
    assert.equal(await dialog.count(), 1);
    const text = await dialog.getByLabel('Article text').inputValue();
    assert.match(text, /The hostile page still has a paragraph/);
    assert.doesNotMatch(text, /__pwned|<img|<script/);
    assert.equal(await tab.evaluate(() => window.__pwned), undefined, 'nothing handed over ran');
    assert.deepEqual(news.requests.filter((r) => r.startsWith('/leak')), [], 'nothing handed over loaded');
  } finally {
    await news.close();
  }
});

test('a tab opened to receive a page without an opener says what to do instead', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.url}#capture=${'a'.repeat(32)}`);
  await waitReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'No page arrived from the bookmarklet' })).toHaveCount(1);
  assert.doesNotMatch(page.url(), /#capture=/);
  await eventually(async () => assert.equal(await newDialog(page).count(), 0));
});

test('the HTML parser and the extractor are in the extractor worker\'s wasm only', async () => {
  const { readdir } = await import('node:fs/promises');
  const dist = join(ROOT, 'dist');
  const files = await readdir(dist);
  const page = files.find((f) => /^article-annotator-.*_bg\.wasm$/.test(f));
  const worker = files.find((f) => f === 'annotator-worker_bg.wasm');
  const extractor = files.find((f) => f === 'annotator-extractor_bg.wasm');
  assert.ok(page && worker && extractor, JSON.stringify(files));
  // The crates' source paths, kept in the binaries for panic locations, show which crates a
  // binary carries.
  const carries = async (file, crate) => (await readFile(join(dist, file))).includes(`/${crate}-`);
  for (const crate of ['html5ever', 'dom_smoothie', 'dom_query']) {
    assert.equal(await carries(extractor, crate), true, `the extractor carries ${crate}`);
    assert.equal(await carries(page, crate), false, `the page does not carry ${crate}`);
    assert.equal(await carries(worker, crate), false, `the import worker does not carry ${crate}`);
  }
});

test('Stop reading ends an extraction under way and leaves the dialog as it was', async () => {
  const { page, dialog } = await openNewArticle();
  await dialog.getByLabel('Article text').fill('Typed before, kept after.');
  // A page of some 12 MB: long enough to extract that Stop comes first.
  const para = '<p>Paragraph of a very long page, with words enough to be read as an article, again.</p>\n';
  const big = `<!doctype html><title>Big</title><body><article>${para.repeat(140_000)}</article></body>`;
  await dialog.getByLabel('Open file').setInputFiles({ name: 'big.html', mimeType: 'text/html', buffer: Buffer.from(big) });
  await expect(dialog.getByRole('status')).toHaveText('Reading “big.html”…');
  await expect(dialog.getByRole('progressbar', { name: 'Extraction progress' })).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Stop reading' }).click();
  await expect(dialog.getByRole('progressbar')).toHaveCount(0);
  await expect(dialog.getByLabel('Article text')).toHaveValue('Typed before, kept after.');
  await expect(dialog.getByLabel('Title')).toHaveValue('');
  assert.equal(await dialog.getByRole('alert').count(), 0);
  // The dialog works on: another page is read by a new worker.
  await dialog.getByLabel('Open file').setInputFiles({ name: 'story.html', mimeType: 'text/html', buffer: await readFile(NEWS) });
  await expect(dialog.getByRole('status')).toHaveText(/^Article found in “story\.html”/);
});
