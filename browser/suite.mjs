// Hromada browser suite: crawls a running server in Debian's Chromium and
// checks every page it can reach by links against the product's quality bars.
//
//   BASE_URL=http://127.0.0.1:8080 node browser/suite.mjs
//
// Environment:
//   BASE_URL      the server (required)
//   MAX_PAGES     crawl cap (default 2000); hitting the cap is reported, not failed
//   MAX_BYTES     page weight limit, HTML + subresources as transferred (default 30720)
//   CONCURRENCY   pages checked in parallel (default 2)
//   EXTRA_URLS    space-separated extra start paths
//   REPORT_JSON   write a JSON report to this file
//   FIGURES_JSON  where a crawl without a failure writes the accessibility statement's
//                 figures (default docs/accessibility-figures.json; "" writes nothing)
//   CHROMIUM      browser executable (default /usr/bin/chromium)
//
// Per page (each is a failure, printed with the URL and language):
//   status     the page answers 200 (a broken internal link fails; 404 only for the
//              deliberate unknown-URL checks), HTML documents are compressed
//   axe        zero axe-core violations for wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa
//   weight     HTML + CSS + anything else the page loads, as transferred compressed
//              (CDP encodedDataLength, headers included), <= MAX_BYTES
//   reflow     at a 320 CSS px wide viewport, no horizontal scrolling
//   zoom       at 200% zoom of the 1280 px desktop window (a 640 CSS px viewport), no
//              horizontal scrolling
//   structure  <html lang> (matching the selected language), exactly one <main>, exactly
//              one <h1>, heading levels do not skip, the first Tab stop is a skip link
//              whose target exists, no <script>, the page renders its <main> with JS off
//   origin     no request leaves the server's origin
//
// A redirect that stays on the server's origin (e.g. /account to the sign-in page)
// is fine: the page it leads to is checked as the page of the linked URL. A redirect
// to another origin fails (origin).
//
// The checks themselves live in lib.mjs, shared with the form journeys (walk.mjs).
//
// Pages are loaded with JavaScript disabled (they must work without it). axe-core
// needs timers, which do not run in a page with JavaScript disabled, so axe runs on
// the same URL in a second, JavaScript-enabled context with the same cookies.

import { readFileSync, writeFileSync } from 'node:fs';
import { FIGURES_PATH, figuresOf, writeFigures } from './figures.mjs';
import {
  DESKTOP, axeProblems, checkLayout, foreignProblems, intEnv, launchBrowser, newTwin, requiredEnv, startRecord, weigh,
} from './lib.mjs';

const [BASE_URL] = requiredEnv('BASE_URL');
const base = new URL(BASE_URL);
const ORIGIN = base.origin;
const MAX_PAGES = intEnv('MAX_PAGES', 2000);
const MAX_BYTES = intEnv('MAX_BYTES', 30720);
const CONCURRENCY = Math.max(1, intEnv('CONCURRENCY', 2));
const NAV_TIMEOUT = intEnv('NAV_TIMEOUT_MS', 30000);
const SKIP_PATH_PREFIXES = ['/static/'];
const SKIP_PATHS = new Set(['/metrics', '/healthz', '/readyz']);
const DEFAULT_LANG = 'uk';
const LANGS = ['uk', 'en'];

// ---------------------------------------------------------------------------
// URLs

/** Resolves href against pageUrl; returns a crawlable same-origin URL or null. */
function crawlable(href, pageUrl) {
  let u;
  try {
    u = new URL(href, pageUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null; // mailto:, tel:, javascript:, data:
  if (u.origin !== ORIGIN) return null; // external link: not ours to crawl
  u.hash = '';
  if (SKIP_PATHS.has(u.pathname)) return null;
  if (SKIP_PATH_PREFIXES.some((p) => u.pathname.startsWith(p))) return null;
  u.searchParams.sort();
  return u;
}

/** The language a URL is shown in when visited with `cookieLang` selected. */
function effectiveLang(u, cookieLang) {
  const l = u.searchParams.get('lang');
  return LANGS.includes(l) ? l : cookieLang;
}

/** Dedupe key: the language the page renders in, plus the URL without ?lang. */
function keyOf(u, lang) {
  const k = new URL(u.href);
  k.searchParams.delete('lang');
  return `${lang} ${k.pathname}${k.search}`;
}

function shortUrl(href) {
  const u = new URL(href);
  return u.origin === ORIGIN ? `${u.pathname}${u.search}` : href;
}

// ---------------------------------------------------------------------------
// Results

const failures = [];
const pages = [];
function fail(item, check, detail) {
  const f = { url: shortUrl(item.url), lang: item.lang, check, detail };
  failures.push(f);
  const from = item.from ? ` (linked from ${shortUrl(item.from)})` : '';
  console.log(`FAIL [${check}] ${f.url} [${item.lang}]${from}\n      ${detail.replace(/\n/g, '\n      ')}`);
}

// ---------------------------------------------------------------------------
// Browser

const browser = await launchBrowser();

/** Cookie jars per selected language: uk = none (the default), en = what ?lang=en set. */
const jars = { uk: [], en: [] };

/** A worker: a JS-off context whose page is checked, and a JS-on twin for axe (newTwin). */
function newWorker() {
  return newTwin(browser, { origin: ORIGIN, navTimeout: NAV_TIMEOUT, shortUrl });
}

async function setJar(w, lang) {
  for (const ctx of [w.ctx, w.axeCtx]) {
    await ctx.clearCookies();
    if (jars[lang].length) await ctx.addCookies(jars[lang]);
  }
}

// ---------------------------------------------------------------------------
// One page

async function checkPage(w, item) {
  const cur = startRecord(w);
  const done = () => {
    w.current = null;
    w.meter.current = null;
  };
  await setJar(w, item.cookieLang);
  await w.page.setViewportSize(DESKTOP);

  let response;
  try {
    response = await w.page.goto(item.url, { waitUntil: 'load' });
  } catch (e) {
    const msg = String(e.message || e);
    if (/Download is starting/i.test(msg)) {
      // A file download (CSV, PDF…): check only that it answers 200.
      const r = await w.ctx.request.get(item.url, { maxRedirects: 5 });
      if (r.status() !== 200) fail(item, 'status', `download answered ${r.status()}, expected 200`);
      pages.push({ url: shortUrl(item.url), lang: item.lang, status: r.status(), bytes: 0, download: true });
      done();
      return [];
    }
    fail(item, 'status', `navigation failed: ${msg.split('\n')[0]}`);
    done();
    return [];
  }
  if (!response) {
    fail(item, 'status', 'no response');
    done();
    return [];
  }
  // A redirect (e.g. /account to the sign-in page) is fine when it stays on this
  // site: the page it leads to is checked as the page of this URL.
  const status = response.status();
  const expected = item.expectStatus ?? 200;
  if (status !== expected) {
    fail(item, 'status', `answered ${status}, expected ${expected}${item.from ? ' (broken link)' : ''}`);
  }
  const headers = await response.allHeaders();
  const contentType = headers['content-type'] || '';
  const isHtml = contentType.startsWith('text/html');
  const finalUrl = w.page.url();
  let redirectedTo = null;
  if (response.request().redirectedFrom()) {
    redirectedTo = shortUrl(response.url());
    if (new URL(response.url()).origin !== ORIGIN) fail(item, 'origin', `redirected to another origin: ${response.url()}`);
  }

  // Let late loading-finished events arrive.
  await w.page.waitForLoadState('load');
  await new Promise((r) => setTimeout(r, 30));

  const record = { url: shortUrl(item.url), lang: item.lang, status, bytes: 0, breakdown: [] };
  if (redirectedTo) record.redirectedTo = redirectedTo;
  pages.push(record);

  // -- weight ---------------------------------------------------------------
  const weight = weigh(cur.transfers, cur.failedLoads, { isHtml, maxBytes: MAX_BYTES, shortUrl });
  record.bytes = weight.total;
  record.breakdown = weight.breakdown;
  for (const p of weight.problems) fail(item, p.check, p.detail);

  if (!isHtml) {
    if (status === 200) record.nonHtml = contentType;
    reportForeign(item, cur);
    done();
    return [];
  }

  // -- structure (JS off), reflow at 320 CSS px, 200% zoom (640 CSS px) -------------
  const { info, problems } = await checkLayout(w.page, { lang: item.lang, allowNoLinks: item.allowNoLinks });
  for (const p of problems) fail(item, p.check, p.detail);

  // -- axe (same URL, JS-enabled context, same cookies) --------------------------
  try {
    const r2 = await w.axePage.goto(item.url, { waitUntil: 'load' });
    if (r2 && r2.status() !== status) {
      fail(item, 'axe', `second load answered ${r2.status()} (first ${status}); axe ran on a different page`);
    }
    for (const p of await axeProblems(w.axePage)) fail(item, p.check, p.detail);
  } catch (e) {
    fail(item, 'axe', `axe could not run: ${String(e.message || e).split('\n')[0]}`);
  }

  reportForeign(item, cur);
  done();

  // Links of this page, seen in the language it was shown in.
  const found = [];
  for (const href of info.links) {
    const u = crawlable(href, info.baseURI || finalUrl);
    if (u) found.push(u);
  }
  return found;
}

function reportForeign(item, cur) {
  for (const p of foreignProblems(cur)) fail(item, p.check, p.detail);
}

// ---------------------------------------------------------------------------
// Crawl

const queue = [];
const seen = new Set();
let capped = false;

function enqueue(u, cookieLang, from, extra = {}) {
  const lang = effectiveLang(u, cookieLang);
  const key = keyOf(u, lang);
  if (seen.has(key)) return;
  if (seen.size >= MAX_PAGES) {
    capped = true;
    return;
  }
  seen.add(key);
  queue.push({ url: u.href, lang, cookieLang, from, ...extra });
}

const started = Date.now();

// The English cookie jar: whatever /?lang=en sets.
{
  const ctx = await browser.newContext({ locale: 'uk-UA' });
  try {
    const r = await ctx.request.get(new URL('/?lang=en', ORIGIN).href);
    if (r.status() !== 200) console.log(`note: /?lang=en answered ${r.status()}`);
    jars.en = await ctx.cookies();
  } catch (e) {
    console.error(`cannot reach ${ORIGIN}: ${e.message}`);
    await browser.close();
    process.exit(1);
  }
  await ctx.close();
  if (!jars.en.length) console.log('note: /?lang=en set no cookie; English pages reached without ?lang will be checked for lang="en" and fail');
}

const starts = [
  '/',
  '/?lang=en',
  '/search?q=' + encodeURIComponent('довідка'),
  '/search?q=certificate&lang=en',
  '/search?q=' + encodeURIComponent('zzzz-nothing-matches-this'),
  ...(process.env.EXTRA_URLS || '').split(/\s+/).filter(Boolean),
];
for (const s of starts) {
  const u = crawlable(s, ORIGIN);
  if (u) enqueue(u, DEFAULT_LANG, null);
}
// Unknown URLs must answer 404 with an accessible HTML page.
const unknown = [
  `/no-such-page-${process.pid}`,
  `/no-such-community-${process.pid}/no-such-service`,
  `/no-such-page-${process.pid}?lang=en`,
];
const notFoundChecks = unknown.map((p) => {
  const u = new URL(p, ORIGIN);
  return { url: u.href, lang: effectiveLang(u, DEFAULT_LANG), cookieLang: DEFAULT_LANG, from: null, expectStatus: 404 };
});

const workers = [];
for (let i = 0; i < CONCURRENCY; i++) workers.push(await newWorker());

let busy = 0;
let visited = 0;
await Promise.all(
  workers.map(async (w) => {
    // The deliberate 404s first, shared out across workers.
    while (notFoundChecks.length) {
      const item = notFoundChecks.shift();
      await checkPage(w, item);
      visited++;
    }
    for (;;) {
      const item = queue.shift();
      if (!item) {
        if (busy === 0) return;
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      busy++;
      try {
        const links = await checkPage(w, item);
        for (const u of links) enqueue(u, item.lang, item.url);
      } catch (e) {
        fail(item, 'suite', `error while checking: ${String(e.stack || e)}`);
      } finally {
        busy--;
        visited++;
        if (visited % 50 === 0) console.log(`… ${visited} pages checked, ${queue.length} queued, ${failures.length} failures`);
      }
    }
  }),
);

const browserVersion = `Chromium ${browser.version()}`;
await browser.close();

// ---------------------------------------------------------------------------
// Summary

const secs = ((Date.now() - started) / 1000).toFixed(1);
const htmlPages = pages.filter((p) => !p.download && !p.nonHtml);
const heaviest = htmlPages.reduce((a, b) => (b.bytes > (a?.bytes ?? -1) ? b : a), null);
const byCheck = new Map();
for (const f of failures) {
  const e = byCheck.get(f.check) || { count: 0, pages: new Set() };
  e.count++;
  e.pages.add(`${f.url} [${f.lang}]`);
  byCheck.set(f.check, e);
}

console.log('\n== Browser suite summary ==');
console.log(`base URL:       ${ORIGIN}`);
console.log(`pages visited:  ${visited} (${htmlPages.length} HTML) in ${secs} s${capped ? ` — crawl capped at MAX_PAGES=${MAX_PAGES}` : ''}`);
if (heaviest) console.log(`heaviest page:  ${heaviest.url} [${heaviest.lang}] ${heaviest.bytes} B (limit ${MAX_BYTES} B)`);
const sizes = htmlPages.map((p) => p.bytes).sort((a, b) => a - b);
if (sizes.length) console.log(`median page:    ${sizes[Math.floor(sizes.length / 2)]} B`);
if (byCheck.size) {
  console.log('failures by check:');
  for (const [check, e] of [...byCheck].sort((a, b) => b[1].count - a[1].count)) {
    const list = [...e.pages];
    console.log(`  ${check}: ${e.count} on ${list.length} page(s): ${list.slice(0, 6).join(', ')}${list.length > 6 ? ', …' : ''}`);
  }
}
const failedPages = new Set(failures.map((f) => `${f.url} ${f.lang}`)).size;
console.log(`pages: ${Math.max(0, visited - failedPages)} passed, ${failedPages} failed`);

if (process.env.REPORT_JSON) {
  writeFileSync(process.env.REPORT_JSON, JSON.stringify({ origin: ORIGIN, visited, capped, maxBytes: MAX_BYTES, pages, failures }, null, 2));
}
// The accessibility statement's figures, from a whole crawl without a failure only.
if (!failures.length && !capped && FIGURES_PATH) {
  const axeVersion = JSON.parse(readFileSync(new URL('./node_modules/axe-core/package.json', import.meta.url), 'utf8')).version;
  writeFigures(figuresOf({ pages, failures, maxBytes: MAX_BYTES, browserVersion, axeVersion }));
  console.log(`figures:        ${FIGURES_PATH} (commit it with the release)`);
}
process.exit(failures.length ? 1 : 0);
