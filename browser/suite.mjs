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
//   CHROMIUM      browser executable (default /usr/bin/chromium)
//
// Per page (each is a failure, printed with the URL and language):
//   status     the page answers 200 (a broken internal link fails; 404 only for the
//              deliberate unknown-URL checks), HTML documents are compressed
//   axe        zero axe-core violations for wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa
//   weight     HTML + CSS + anything else the page loads, as transferred compressed
//              (CDP encodedDataLength, headers included), <= MAX_BYTES
//   reflow     at a 320 CSS px wide viewport, no horizontal scrolling
//   structure  <html lang> (matching the selected language), exactly one <main>, exactly
//              one <h1>, heading levels do not skip, the first Tab stop is a skip link
//              whose target exists, no <script>, the page renders its <main> with JS off
//   origin     no request leaves the server's origin
//
// Pages are loaded with JavaScript disabled (they must work without it). axe-core
// needs timers, which do not run in a page with JavaScript disabled, so axe runs on
// the same URL in a second, JavaScript-enabled context with the same cookies.

import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

const BASE_URL = process.env.BASE_URL;
if (!BASE_URL) {
  console.error('BASE_URL is not set (e.g. BASE_URL=http://127.0.0.1:8080)');
  process.exit(2);
}
const base = new URL(BASE_URL);
const ORIGIN = base.origin;
const MAX_PAGES = intEnv('MAX_PAGES', 2000);
const MAX_BYTES = intEnv('MAX_BYTES', 30720);
const CONCURRENCY = Math.max(1, intEnv('CONCURRENCY', 2));
const NAV_TIMEOUT = intEnv('NAV_TIMEOUT_MS', 30000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SKIP_PATH_PREFIXES = ['/static/'];
const SKIP_PATHS = new Set(['/metrics', '/healthz', '/readyz']);
const DEFAULT_LANG = 'uk';
const LANGS = ['uk', 'en'];

const axeSource = readFileSync(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

function intEnv(name, dflt) {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n)) throw new Error(`${name} must be an integer, got ${v}`);
  return n;
}

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

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };

/** Cookie jars per selected language: uk = none (the default), en = what ?lang=en set. */
const jars = { uk: [], en: [] };

async function newWorker() {
  const contextOptions = { locale: 'uk-UA', viewport: DESKTOP, serviceWorkers: 'block' };
  const noJs = await browser.newContext({ ...contextOptions, javaScriptEnabled: false });
  const js = await browser.newContext({ ...contextOptions, javaScriptEnabled: true });
  const w = { noJs, js, requests: [], current: null };
  for (const ctx of [noJs, js]) {
    ctx.setDefaultNavigationTimeout(NAV_TIMEOUT);
    ctx.on('request', (req) => {
      const u = req.url();
      if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return;
      let origin;
      try {
        origin = new URL(u).origin;
      } catch {
        origin = u;
      }
      if (origin !== ORIGIN && w.current) w.current.foreign.add(u);
    });
  }
  w.page = await noJs.newPage();
  w.axePage = await js.newPage();
  // Measure the transferred bytes with the DevTools protocol, cache disabled so
  // every page pays for its own CSS.
  w.cdp = await noJs.newCDPSession(w.page);
  await w.cdp.send('Network.enable');
  await w.cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  w.net = new Map();
  w.cdp.on('Network.requestWillBeSent', (e) => {
    if (!w.current) return;
    const prev = w.net.get(e.requestId);
    // A redirect reuses the requestId: account the redirect response separately.
    if (prev && e.redirectResponse) {
      w.current.transfers.push({
        url: prev.url,
        status: e.redirectResponse.status,
        bytes: e.redirectResponse.encodedDataLength ?? 0,
        type: 'redirect',
      });
    }
    w.net.set(e.requestId, { url: e.request.url, type: e.type, status: 0, encoding: '', mime: '' });
  });
  w.cdp.on('Network.responseReceived', (e) => {
    const r = w.net.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.mime = e.response.mimeType;
    const h = lowerKeys(e.response.headers);
    r.encoding = h['content-encoding'] || '';
  });
  w.cdp.on('Network.loadingFinished', (e) => {
    const r = w.net.get(e.requestId);
    if (!r || !w.current) return;
    w.current.transfers.push({
      url: r.url,
      status: r.status,
      bytes: e.encodedDataLength,
      type: r.type,
      encoding: r.encoding,
      mime: r.mime,
    });
    w.net.delete(e.requestId);
  });
  w.cdp.on('Network.loadingFailed', (e) => {
    const r = w.net.get(e.requestId);
    if (!r || !w.current) return;
    if (!e.canceled) w.current.failedLoads.push(`${shortUrl(r.url)}: ${e.errorText}`);
    w.net.delete(e.requestId);
  });
  return w;
}

function lowerKeys(h) {
  const out = {};
  for (const [k, v] of Object.entries(h || {})) out[k.toLowerCase()] = v;
  return out;
}

async function setJar(w, lang) {
  for (const ctx of [w.noJs, w.js]) {
    await ctx.clearCookies();
    if (jars[lang].length) await ctx.addCookies(jars[lang]);
  }
}

// ---------------------------------------------------------------------------
// In-page checks (run with page.evaluate; synchronous, so they work with JS off)

function inspectPage() {
  const out = {};
  out.lang = document.documentElement.getAttribute('lang');
  out.mains = document.querySelectorAll('main, [role="main"]').length;
  const main = document.querySelector('main, [role="main"]');
  out.mainRendered = !!main && main.getBoundingClientRect().height > 0;
  out.h1s = document.querySelectorAll('h1').length;
  out.scripts = document.querySelectorAll('script:not([type="application/ld+json"])').length;
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
    level: Number(h.tagName[1]),
    text: (h.textContent || '').trim().slice(0, 60),
  }));
  out.headingSkips = [];
  let prev = 0;
  for (const h of levels) {
    if (h.level > prev + 1) out.headingSkips.push(`h${h.level} "${h.text}" follows ${prev ? 'h' + prev : 'the start of the page'}`);
    prev = h.level;
  }
  out.links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
  out.linkCount = out.links.length;
  out.baseURI = document.baseURI;
  return out;
}

function skipLinkState() {
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return { focused: null };
  const desc = `<${a.tagName.toLowerCase()}${a.id ? ' id="' + a.id + '"' : ''}${a.getAttribute('href') ? ' href="' + a.getAttribute('href') + '"' : ''}>${(a.textContent || '').trim().slice(0, 40)}`;
  const href = a.tagName === 'A' ? a.getAttribute('href') || '' : '';
  if (!href.startsWith('#') || href.length < 2) return { focused: desc, skip: false };
  let id = href.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch {}
  const target = document.getElementById(id) || document.getElementsByName(id)[0] || null;
  return { focused: desc, skip: true, target: target ? target.tagName.toLowerCase() : null };
}

function overflowAt320() {
  const vw = document.documentElement.clientWidth;
  const sw = document.documentElement.scrollWidth;
  const culprits = [];
  if (sw > vw) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 0.5 && r.width > 0) {
        const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (right edge ${Math.round(r.right)}px)`);
        if (culprits.length >= 5) break;
      }
    }
  }
  return { scrollWidth: sw, clientWidth: vw, culprits };
}

// ---------------------------------------------------------------------------
// One page

async function checkPage(w, item) {
  const cur = { transfers: [], failedLoads: [], foreign: new Set() };
  w.current = cur;
  w.net.clear();
  await setJar(w, item.cookieLang);
  await w.page.setViewportSize(DESKTOP);

  let response;
  try {
    response = await w.page.goto(item.url, { waitUntil: 'load' });
  } catch (e) {
    const msg = String(e.message || e);
    if (/Download is starting/i.test(msg)) {
      // A file download (CSV, PDF…): check only that it answers 200.
      const r = await w.noJs.request.get(item.url, { maxRedirects: 5 });
      if (r.status() !== 200) fail(item, 'status', `download answered ${r.status()}, expected 200`);
      pages.push({ url: shortUrl(item.url), lang: item.lang, status: r.status(), bytes: 0, download: true });
      w.current = null;
      return [];
    }
    fail(item, 'status', `navigation failed: ${msg.split('\n')[0]}`);
    w.current = null;
    return [];
  }
  if (!response) {
    fail(item, 'status', 'no response');
    w.current = null;
    return [];
  }
  const status = response.status();
  const expected = item.expectStatus ?? 200;
  if (status !== expected) {
    fail(item, 'status', `answered ${status}, expected ${expected}${item.from ? ' (broken link)' : ''}`);
  }
  const headers = await response.allHeaders();
  const contentType = headers['content-type'] || '';
  const isHtml = contentType.startsWith('text/html');
  const finalUrl = w.page.url();

  // Let late loading-finished events arrive.
  await w.page.waitForLoadState('load');
  await new Promise((r) => setTimeout(r, 30));

  const record = { url: shortUrl(item.url), lang: item.lang, status, bytes: 0, breakdown: [] };
  pages.push(record);

  // -- weight ---------------------------------------------------------------
  let total = 0;
  for (const t of cur.transfers) {
    // Chromium asks for /favicon.ico by itself (not referenced by the page); browsers
    // cache it for long, so it counts neither as the page's weight nor its failure.
    if (t.type === 'Other' && new URL(t.url).pathname === '/favicon.ico') continue;
    total += t.bytes;
    record.breakdown.push(`${shortUrl(t.url)} ${t.bytes} B${t.encoding ? ' ' + t.encoding : ''}${t.status && t.status !== 200 ? ' status ' + t.status : ''}`);
    if (t.type !== 'Document' && t.type !== 'redirect' && t.status >= 400) {
      fail(item, 'status', `subresource ${shortUrl(t.url)} answered ${t.status}`);
    }
    if (t.type === 'Document' && isHtml && !t.encoding && t.bytes > 1024) {
      fail(item, 'status', `HTML sent uncompressed (${t.bytes} B) although the browser accepts gzip and br`);
    }
  }
  record.bytes = total;
  for (const f of cur.failedLoads) fail(item, 'status', `subresource failed to load: ${f}`);
  if (isHtml && total > MAX_BYTES) {
    fail(item, 'weight', `${total} B transferred > ${MAX_BYTES} B:\n${record.breakdown.join('\n')}`);
  }

  if (!isHtml) {
    if (status === 200) record.nonHtml = contentType;
    reportForeign(item, cur);
    w.current = null;
    return [];
  }

  // -- structure (JS off) ---------------------------------------------------
  const info = await w.page.evaluate(inspectPage);
  const wantLang = item.lang;
  if (!info.lang) fail(item, 'structure', '<html> has no lang attribute');
  else if (!info.lang.toLowerCase().startsWith(wantLang)) {
    fail(item, 'structure', `<html lang="${info.lang}"> but the selected language is ${wantLang}`);
  }
  if (info.mains !== 1) fail(item, 'structure', `${info.mains} <main> elements, expected exactly 1`);
  else if (!info.mainRendered) fail(item, 'structure', '<main> renders empty with JavaScript off');
  if (info.h1s !== 1) fail(item, 'structure', `${info.h1s} <h1> elements, expected exactly 1`);
  for (const s of info.headingSkips) fail(item, 'structure', `heading level skipped: ${s}`);
  if (info.scripts > 0) fail(item, 'structure', `${info.scripts} <script> element(s); pages must not use JavaScript`);
  if (info.linkCount === 0 && !item.allowNoLinks) fail(item, 'structure', 'no links on the page');

  // First Tab stop must be a skip link with an existing target.
  await w.page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  });
  await w.page.keyboard.press('Tab');
  const sk = await w.page.evaluate(skipLinkState);
  if (!sk.focused) fail(item, 'structure', 'Tab focuses nothing: no skip link');
  else if (!sk.skip) fail(item, 'structure', `first Tab stop is ${sk.focused}, not a skip link (a link to #id)`);
  else if (!sk.target) fail(item, 'structure', `skip link ${sk.focused} points at an id that does not exist`);

  // -- reflow at 320 CSS px -----------------------------------------------------
  await w.page.setViewportSize(NARROW);
  const ov = await w.page.evaluate(overflowAt320);
  if (ov.scrollWidth > NARROW.width) {
    fail(item, 'reflow', `scrollWidth ${ov.scrollWidth}px > ${NARROW.width}px at a ${NARROW.width}px viewport; overflowing: ${ov.culprits.join(', ') || '?'}`);
  }
  await w.page.setViewportSize(DESKTOP);

  // -- axe (same URL, JS-enabled context, same cookies) --------------------------
  try {
    const r2 = await w.axePage.goto(item.url, { waitUntil: 'load' });
    if (r2 && r2.status() !== status) {
      fail(item, 'axe', `second load answered ${r2.status()} (first ${status}); axe ran on a different page`);
    }
    await w.axePage.evaluate(axeSource);
    const res = await w.axePage.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      AXE_TAGS,
    );
    for (const v of res.violations) {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `${n.target.join(' ')}${n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 200) : ''}`);
      const more = v.nodes.length > 8 ? `\n… and ${v.nodes.length - 8} more nodes` : '';
      fail(item, `axe ${v.id}`, `${v.help} (${v.impact}; ${v.helpUrl})\n${nodes.join('\n')}${more}`);
    }
  } catch (e) {
    fail(item, 'axe', `axe could not run: ${String(e.message || e).split('\n')[0]}`);
  }

  reportForeign(item, cur);
  w.current = null;

  // Links of this page, seen in the language it was shown in.
  const found = [];
  for (const href of info.links) {
    const u = crawlable(href, info.baseURI || finalUrl);
    if (u) found.push(u);
  }
  return found;
}

function reportForeign(item, cur) {
  if (cur.foreign.size) {
    fail(item, 'origin', `requests to other origins:\n${[...cur.foreign].slice(0, 10).join('\n')}`);
  }
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
process.exit(failures.length ? 1 : 0);
