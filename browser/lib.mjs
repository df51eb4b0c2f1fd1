// Shared by every script of the suite: suite.mjs (the crawl), journeys.mjs,
// applications.mjs and backoffice.mjs (form journeys, through walk.mjs) and pulse.mjs:
// the environment, the browser and its contexts, the network meter, the per-page
// checks, axe-core, TOTP codes, the demo's outbox, files to upload, and the pieces
// of the form journeys (form filling, signing in, registering, asking for public
// information) that more than one script walks.
// Every check returns a list of problems ({ check, detail }); the caller decides
// how to report them. The journey pieces report through the Walk they are given.

import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const axeSource = readFileSync(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };
/** The desktop viewport at 200% browser zoom: half as many CSS pixels each way. */
export const ZOOM200 = { width: DESKTOP.width / 2, height: DESKTOP.height / 2 };

// ---------------------------------------------------------------------------
// Environment

const EXAMPLES = { BASE_URL: 'http://127.0.0.1:8080', OUTBOX_DIR: '/tmp/demo/data/outbox' };

/** The values of the variables `names`; without one of them, says so and exits 2. */
export function requiredEnv(...names) {
  const values = names.map((n) => process.env[n]);
  if (values.some((v) => !v)) {
    const eg = names.map((n) => `${n}=${EXAMPLES[n]}`).join(' ');
    console.error(names.length === 1 ? `${names[0]} is not set (e.g. ${eg})` : `${names.join(' and ')} must be set (e.g. ${eg})`);
    process.exit(2);
  }
  return values;
}

/** The words of a variable, split at spaces and commas (JOURNEYS="1 3"). */
export const listEnv = (name) => (process.env[name] || '').split(/[\s,]+/).filter(Boolean);

export function intEnv(name, dflt) {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n)) throw new Error(`${name} must be an integer, got ${v}`);
  return n;
}

export function lowerKeys(h) {
  const out = {};
  for (const [k, v] of Object.entries(h || {})) out[k.toLowerCase()] = v;
  return out;
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) of a base32 secret, as `oathtool --totp -b` prints it. */
export function totp(secret, unix = Date.now() / 1000) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unix / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[19] & 15;
  const n = (((h[o] & 127) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1000000;
  return String(n).padStart(6, '0');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const lastStep = new Map();

/**
 * A TOTP code the server has not seen for this account (a code is accepted once per
 * 30-second step and account, and for the steps around now): the current step's,
 * else the next step's, else waits for the step to turn. `who` is { email, secret }.
 */
export async function freshCode(who) {
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(now, (lastStep.get(who.email) ?? -1) + 1);
    if (step <= now + 1) {
      lastStep.set(who.email, step);
      return totp(who.secret, step * 30 + 1);
    }
    const wait = (now + 1) * 30000 - Date.now() + 300;
    console.log(`  (waiting ${Math.ceil(wait / 1000)} s for a fresh TOTP step of ${who.email})`);
    await sleep(wait);
  }
}

/** Debian's Chromium, headless. */
export function launchBrowser(executablePath = process.env.CHROMIUM || '/usr/bin/chromium') {
  return chromium.launch({
    executablePath,
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
}

/**
 * One visitor of the site: a browser context for the checked page (JavaScript off
 * unless `javaScript`) with the network meter on its page, and a JavaScript-enabled
 * twin with the same settings, where axe-core runs. Every request of either that
 * leaves `origin` is recorded in `t.current.foreign` while `t.current` is a record.
 * `contextOptions` adds to both contexts' options (e.g. ignoreHTTPSErrors).
 * Returns t = { ctx, axeCtx, page, axePage, meter, javaScript, current }.
 */
export async function newTwin(browser, { javaScript = false, origin, navTimeout, actionTimeout, shortUrl, contextOptions: extra = {} }) {
  const contextOptions = { locale: 'uk-UA', viewport: DESKTOP, serviceWorkers: 'block', ...extra };
  const ctx = await browser.newContext({ ...contextOptions, javaScriptEnabled: javaScript });
  const axeCtx = await browser.newContext({ ...contextOptions, javaScriptEnabled: true });
  const t = { ctx, axeCtx, javaScript, current: null };
  for (const c of [ctx, axeCtx]) {
    c.setDefaultNavigationTimeout(navTimeout);
    if (actionTimeout !== undefined) c.setDefaultTimeout(actionTimeout);
    watchForeignRequests(c, origin, () => t.current);
  }
  t.page = await ctx.newPage();
  t.axePage = await axeCtx.newPage();
  // Measure the transferred bytes with the DevTools protocol, cache disabled so
  // every page pays for its own CSS.
  t.meter = await networkMeter(ctx, t.page, shortUrl);
  return t;
}

/** Starts recording what the twin's next page transfers and where it sends requests; returns the record. */
export function startRecord(t) {
  const record = { transfers: [], failedLoads: [], foreign: new Set() };
  t.current = record;
  t.meter.current = record;
  t.meter.net.clear();
  return record;
}

// ---------------------------------------------------------------------------
// Network meter

/**
 * Measures what `page` transfers with the DevTools protocol, cache disabled so
 * every page pays for its own CSS. While `meter.current` is a record
 * ({ transfers: [], failedLoads: [] }), finished loads are added to it.
 */
export async function networkMeter(ctx, page, shortUrl) {
  const meter = { current: null, net: new Map() };
  meter.cdp = await ctx.newCDPSession(page);
  await meter.cdp.send('Network.enable');
  await meter.cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  meter.cdp.on('Network.requestWillBeSent', (e) => {
    if (!meter.current) return;
    const prev = meter.net.get(e.requestId);
    // A redirect reuses the requestId: account the redirect response separately.
    if (prev && e.redirectResponse) {
      meter.current.transfers.push({
        url: prev.url,
        status: e.redirectResponse.status,
        bytes: e.redirectResponse.encodedDataLength ?? 0,
        type: 'redirect',
      });
    }
    meter.net.set(e.requestId, { url: e.request.url, type: e.type, status: 0, encoding: '', mime: '' });
  });
  meter.cdp.on('Network.responseReceived', (e) => {
    const r = meter.net.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.mime = e.response.mimeType;
    const h = lowerKeys(e.response.headers);
    r.encoding = h['content-encoding'] || '';
  });
  meter.cdp.on('Network.loadingFinished', (e) => {
    const r = meter.net.get(e.requestId);
    if (!r || !meter.current) return;
    meter.current.transfers.push({
      url: r.url,
      status: r.status,
      bytes: e.encodedDataLength,
      type: r.type,
      encoding: r.encoding,
      mime: r.mime,
    });
    meter.net.delete(e.requestId);
  });
  meter.cdp.on('Network.loadingFailed', (e) => {
    const r = meter.net.get(e.requestId);
    if (!r || !meter.current) return;
    if (!e.canceled) meter.current.failedLoads.push(`${shortUrl(r.url)}: ${e.errorText}`);
    meter.net.delete(e.requestId);
  });
  return meter;
}

/**
 * The page's weight from the meter's transfers: total bytes, a breakdown, and the
 * problems seen on the way (failed subresources, uncompressed HTML, too heavy).
 */
export function weigh(transfers, failedLoads, { isHtml, maxBytes, shortUrl }) {
  const problems = [];
  const breakdown = [];
  let total = 0;
  for (const t of transfers) {
    // Chromium asks for /favicon.ico by itself (not referenced by the page); browsers
    // cache it for long, so it counts neither as the page's weight nor its failure.
    if (t.type === 'Other' && new URL(t.url).pathname === '/favicon.ico') continue;
    total += t.bytes;
    breakdown.push(`${shortUrl(t.url)} ${t.bytes} B${t.encoding ? ' ' + t.encoding : ''}${t.status && t.status !== 200 ? ' status ' + t.status : ''}`);
    if (t.type !== 'Document' && t.type !== 'redirect' && t.status >= 400) {
      problems.push({ check: 'status', detail: `subresource ${shortUrl(t.url)} answered ${t.status}` });
    }
    if (t.type === 'Document' && isHtml && !t.encoding && t.bytes > 1024) {
      problems.push({ check: 'status', detail: `HTML sent uncompressed (${t.bytes} B) although the browser accepts gzip and br` });
    }
  }
  for (const f of failedLoads) problems.push({ check: 'status', detail: `subresource failed to load: ${f}` });
  if (isHtml && total > maxBytes) {
    problems.push({ check: 'weight', detail: `${total} B transferred > ${maxBytes} B:\n${breakdown.join('\n')}` });
  }
  return { total, breakdown, problems };
}

// ---------------------------------------------------------------------------
// In-page checks (run with page.evaluate; synchronous, so they work with JS off)

export function inspectPage() {
  const out = {};
  out.lang = document.documentElement.getAttribute('lang');
  out.title = document.title;
  out.mains = document.querySelectorAll('main, [role="main"]').length;
  const main = document.querySelector('main, [role="main"]');
  out.mainRendered = !!main && main.getBoundingClientRect().height > 0;
  out.h1s = document.querySelectorAll('h1').length;
  out.h1 = (document.querySelector('h1')?.textContent || '').trim();
  out.scripts = document.querySelectorAll('script:not([type="application/ld+json"])').length;
  // The error summary's heading stands above the page's <h1> on purpose (the
  // GOV.UK pattern: the first thing read after an error); it is not part of the outline.
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter((h) => !h.closest('.error-summary')).map((h) => ({
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

export function skipLinkState() {
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

/** Horizontal overflow of the document at the current viewport, with a few culprits. */
export function overflowAt320() {
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
// Page checks

/**
 * Structure of the page shown in `page` (JS off): <html lang>, one <main> that
 * renders, one <h1>, no skipped heading levels, no <script>, links, and a skip
 * link as the first Tab stop. Leaves the focus on that first Tab stop.
 */
export async function checkStructure(page, { lang, allowNoLinks = false }) {
  const problems = [];
  const info = await page.evaluate(inspectPage);
  if (!info.lang) problems.push({ check: 'structure', detail: '<html> has no lang attribute' });
  else if (!info.lang.toLowerCase().startsWith(lang)) {
    problems.push({ check: 'structure', detail: `<html lang="${info.lang}"> but the selected language is ${lang}` });
  }
  if (info.mains !== 1) problems.push({ check: 'structure', detail: `${info.mains} <main> elements, expected exactly 1` });
  else if (!info.mainRendered) problems.push({ check: 'structure', detail: '<main> renders empty with JavaScript off' });
  if (info.h1s !== 1) problems.push({ check: 'structure', detail: `${info.h1s} <h1> elements, expected exactly 1` });
  for (const s of info.headingSkips) problems.push({ check: 'structure', detail: `heading level skipped: ${s}` });
  if (info.scripts > 0) problems.push({ check: 'structure', detail: `${info.scripts} <script> element(s); pages must not use JavaScript` });
  if (info.linkCount === 0 && !allowNoLinks) problems.push({ check: 'structure', detail: 'no links on the page' });

  // First Tab stop must be a skip link with an existing target. Start from the top
  // of the document: blur what has the focus, and move the sequential focus
  // navigation starting point back to <body> (a #fragment in the URL, e.g. a
  // Change link's #field, would otherwise make Tab start from the fragment).
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
    const b = document.body;
    if (b) {
      const had = b.getAttribute('tabindex');
      b.setAttribute('tabindex', '-1');
      b.focus({ preventScroll: true });
      b.blur();
      if (had === null) b.removeAttribute('tabindex');
      else b.setAttribute('tabindex', had);
    }
  });
  await page.keyboard.press('Tab');
  const sk = await page.evaluate(skipLinkState);
  if (!sk.focused) problems.push({ check: 'structure', detail: 'Tab focuses nothing: no skip link' });
  else if (!sk.skip) problems.push({ check: 'structure', detail: `first Tab stop is ${sk.focused}, not a skip link (a link to #id)` });
  else if (!sk.target) problems.push({ check: 'structure', detail: `skip link ${sk.focused} points at an id that does not exist` });
  return { info, problems };
}

/** Opens every closed <details> of the page, so that what they hide is checked too, marking those it opened. */
export function openDisclosures() {
  for (const d of document.querySelectorAll('details:not([open])')) {
    d.setAttribute('data-check-opened', '');
    d.open = true;
  }
}

/** Closes again the <details> that openDisclosures opened. */
function closeDisclosures() {
  for (const d of document.querySelectorAll('details[data-check-opened]')) {
    d.removeAttribute('data-check-opened');
    d.open = false;
  }
}

async function overflowProblems(page, viewport, check, what) {
  const problems = [];
  await page.setViewportSize(viewport);
  // Measured with every disclosure open ("Where do I find this?" and its drawing
  // included), then closed again, leaving the journey's page as it was.
  await page.evaluate(openDisclosures);
  const ov = await page.evaluate(overflowAt320);
  await page.evaluate(closeDisclosures);
  if (ov.scrollWidth > viewport.width) {
    problems.push({
      check,
      detail: `${what}: scrollWidth ${ov.scrollWidth}px > ${viewport.width}px at a ${viewport.width}px viewport; overflowing: ${ov.culprits.join(', ') || '?'}`,
    });
  }
  await page.setViewportSize(DESKTOP);
  return problems;
}

/** No horizontal scrolling at a 320 CSS px wide viewport (WCAG 1.4.10); restores the desktop viewport. */
export function checkReflow(page) {
  return overflowProblems(page, NARROW, 'reflow', 'reflow at 320 px');
}

/**
 * Usable at 200% zoom (WCAG 1.4.4): the desktop window zoomed to 200% lays the page
 * out in ZOOM200 (640 × 450 CSS px); nothing may need horizontal scrolling there.
 * Restores the desktop viewport.
 */
export function checkZoom200(page) {
  return overflowProblems(page, ZOOM200, 'zoom', `200% zoom of a ${DESKTOP.width} px window`);
}

/**
 * The checks of a page shown with JavaScript off, at the desktop viewport:
 * checkStructure, then checkReflow and checkZoom200. Returns { info, problems }.
 */
export async function checkLayout(page, opts) {
  const { info, problems } = await checkStructure(page, opts);
  problems.push(...(await checkReflow(page)), ...(await checkZoom200(page)));
  return { info, problems };
}

/** The requests a page's record saw leave the site (watchForeignRequests), as a problem. */
export function foreignProblems(record) {
  if (!record.foreign.size) return [];
  return [{ check: 'origin', detail: `requests to other origins:\n${[...record.foreign].slice(0, 10).join('\n')}` }];
}

/**
 * Runs axe-core in `axePage` (a JavaScript-enabled page that already shows the
 * page to check), every <details> opened, and returns one problem per violated rule.
 */
export async function axeProblems(axePage) {
  // The replayed page is axe's own: its disclosures stay open, so what they hide is checked too.
  await axePage.evaluate(openDisclosures);
  await axePage.evaluate(axeSource);
  const res = await axePage.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return res.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 8)
      .map((n) => `${n.target.join(' ')}${n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 200) : ''}`);
    const more = v.nodes.length > 8 ? `\n… and ${v.nodes.length - 8} more nodes` : '';
    return { check: `axe ${v.id}`, detail: `${v.help} (${v.impact}; ${v.helpUrl})\n${nodes.join('\n')}${more}` };
  });
}

/** Records in `current().foreign` every request of `ctx` that leaves `origin`. */
export function watchForeignRequests(ctx, origin, current) {
  ctx.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return;
    let requestOrigin;
    try {
      requestOrigin = new URL(u).origin;
    } catch {
      requestOrigin = u;
    }
    const page = current();
    if (requestOrigin !== origin && page) page.foreign.add(u);
  });
}

// ---------------------------------------------------------------------------
// The demo's outbox

/**
 * The newest letter to `address` in `outboxDir` written at or after `after` (ms)
 * whose subject and body satisfy `match`, waiting up to `waitMs` for it (letters are
 * sent by the job worker after the response); null if none came. Letters are files
 * named by their Message-ID (or STAMP-COUNTER.txt), ordered here by the time they
 * were written, with To: and Subject: headers. Returns { file, subject, body }.
 */
export async function newestLetter(outboxDir, address, { after = 0, match = () => true, waitMs = 10000 } = {}) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    let files = [];
    try {
      files = readdirSync(outboxDir)
        .filter((f) => f.endsWith('.txt') && !f.startsWith('.'))
        .map((f) => ({ f, at: statSync(join(outboxDir, f)).mtimeMs }));
    } catch {}
    files.sort((a, b) => b.at - a.at || b.f.localeCompare(a.f));
    for (const { f, at } of files) {
      if (at < after) break;
      let text;
      try {
        text = readFileSync(join(outboxDir, f), 'utf8');
      } catch {
        continue;
      }
      const [head, ...rest] = text.split('\n\n');
      const to = /^To: (.*)$/m.exec(head)?.[1]?.trim();
      const letter = { file: f, subject: /^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? '', body: rest.join('\n\n') };
      if (to?.toLowerCase() === address.toLowerCase() && match(letter)) return letter;
    }
    if (Date.now() > deadline) return null;
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------
// Files to upload

function crc32(buf) {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A small RGB PNG: a blue and yellow flag. */
export function png(width = 48, height = 32) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0
    for (let x = 0; x < width; x++) row.set(y < height / 2 ? [0, 87, 183] : [255, 215, 0], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a line of text and a correct cross-reference table. */
export function pdf(text = 'Test birth certificate') {
  const content = `BT /F1 14 Tf 24 60 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 120] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------------------
// The demo, as the form journeys see it

/** This run's own tag, for addresses and texts that must not clash with an earlier run's. */
export const RUN = `${Date.now().toString(36)}${process.pid.toString(36)}`;
/** How the title of a page with errors starts. */
export const ERROR_PREFIX = 'Помилка: ';
/** A case's reference number, like BUC-2026-000001. */
const REFERENCE = /^[A-Z]{3}-\d{4}-\d{6}$/;
/** The demo's community of the journeys (Bucha). */
export const COMMUNITY = 'buchanska';
/** The start page of its request for public information. */
export const INFORMATION = `/${COMMUNITY}/zapyt-na-publichnu-informatsiiu/apply`;
/** A question page of an application: /applications/ID/page/PAGE. */
export const CASE_PAGE = /^\/applications\/(\d+)\/page\/([a-z_]+)$/;
/** A password the server accepts. */
export const STRONG = 'Tykhyi-Dnipro-Vechir-2026';

/** A test address of this run: WHAT-RUN@example.org. */
export const address = (what) => `${what}-${RUN}@example.org`;

// ---------------------------------------------------------------------------
// Forms (in the visitor's page, v.page)

/** Whitespace collapsed, trimmed. */
export const collapse = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

/** The form control labelled `label` (exact text, or a RegExp), in <main>. */
export const field = (v, label) => v.page.locator('main').getByLabel(label, { exact: typeof label === 'string' });

/** Fills text fields by their labels: { label: value }. */
export async function fillIn(v, values) {
  for (const [label, value] of Object.entries(values)) await field(v, label).fill(value);
}

/** Fills text fields by their ids: { id: value }. */
export async function fillIds(v, values) {
  for (const [id, value] of Object.entries(values)) await v.page.locator(`#${id}`).fill(value);
}

/** Ticks the radio button `option` in the group (fieldset) whose legend is `legend`. */
export async function choose(v, legend, option) {
  await v.page.locator('main').getByRole('group', { name: legend, exact: true }).getByRole('radio', { name: option, exact: true }).check();
}

/** The value shown for the term `term` in <main>'s description lists (<dt> term, then <dd>). */
export const described = (v, term) =>
  v.page.evaluate((q) => {
    const dt = [...document.querySelectorAll('main dl dt')].find((d) => d.textContent.replace(/\s+/g, ' ').trim() === q);
    return dt?.nextElementSibling?.textContent.replace(/\s+/g, ' ').trim() ?? null;
  }, term);

// In-page tests of the focused element (page.evaluate(test, arg); Walk.tabTo).
export const isId = (id) => document.activeElement?.id === id;
export const isButton = (name) => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.replace(/\s+/g, ' ').trim() === name;
export const isLink = (name) => document.activeElement?.tagName === 'A' && document.activeElement.textContent.replace(/\s+/g, ' ').trim() === name;

// ---------------------------------------------------------------------------
// Pieces of journeys: `W` is the Walk (walk.mjs) that checks and reports, `v` its visitor

/** The case id of a question page `pageId` of an application, which must be the page shown. */
export function questionPage(W, r, pageId) {
  const m = CASE_PAGE.exec(r.path);
  W.must(!!m && m[2] === pageId, `the page "${pageId}" of the application is shown`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  return Number(m[1]);
}

/** The reference number the confirmation page shows; it must be one. */
export async function referenceShown(W, v) {
  const ref = collapse(await v.page.locator('main strong.reference').first().textContent().catch(() => ''));
  W.must(REFERENCE.test(ref), 'the confirmation shows a reference number like BUC-2026-000001', `shown: ${ref}`, v);
  return ref;
}

/** The link to `path` with a token in a letter; it must point at this server. */
export function linkIn(W, letter, path) {
  const m = new RegExp(`https?://[^\\s/]+${path.replace(/[?]/g, '\\?')}\\?token=[A-Za-z0-9_-]+`).exec(letter.body);
  W.must(!!m, `the letter "${letter.subject}" has a link to ${path}`, letter.body);
  W.must(new URL(m[0]).origin === W.origin, `the link in the letter points at this server (${W.origin})`, m[0]);
  return m[0];
}

/** Fills in the sign-in form shown (e-mail address, password) and sends it; returns the page it leads to. */
export async function sendPassword(W, v, label, { email, password }, opts) {
  await fillIn(v, { 'Адреса електронної пошти': email, Пароль: password });
  return W.press(v, label, 'Увійти', opts);
}

/** Fills in the second step of a staff member's sign-in (the code) and sends it; returns the page it leads to. */
export async function sendCode(W, v, label, code, opts) {
  await field(v, 'Код із застосунку').fill(code);
  return W.press(v, label, 'Увійти', opts);
}

/** Opens the sign-in form and signs in with a password (`who`: { email, password }); returns the page it leads to. */
export async function signIn(W, v, who, label, opts) {
  const r = await W.go(v, `${label}: sign-in form`, '/account/sign-in');
  W.expect(r.info.h1 === 'Увійдіть', 'the sign-in form is titled "Увійдіть"', `h1: ${r.info.h1}`, v);
  return sendPassword(W, v, `${label}: sign-in sent`, who, opts);
}

/**
 * Registers `email` (with `name` and `password`) and confirms it by the link in the
 * letter, waiting up to `waitMs` for it. Step labels start with `prefix`.
 */
export async function registerAndConfirm(W, v, { email, name, password, prefix = '', waitMs }) {
  const started = Date.now();
  let r = await W.go(v, `${prefix}registration form`, '/account/register');
  W.expect(r.info.h1 === 'Створіть обліковий запис', 'the registration form is titled "Створіть обліковий запис"', `h1: ${r.info.h1}`, v);
  await fillIds(v, { email, name, password });
  r = await W.submit(v, `${prefix}registration sent`);
  W.must(r.path === '/account/register' && r.info.h1 === 'Перевірте пошту', 'registering leads to "Перевірте пошту"', `${W.shown(r.url)}, h1: ${r.info.h1}`, v);
  W.expect((await W.mainText(v)).includes(email), 'the "check your e-mail" page names the address', '', v);
  const subject = 'Підтвердьте адресу електронної пошти';
  const letter = await W.newestLetter(email, { after: started - 1000, waitMs, match: (l) => l.subject === subject });
  W.must(!!letter, `a letter "${subject}" to ${email} in ${W.outboxDir}`, '', v);
  r = await W.go(v, `${prefix}confirmation link`, linkIn(W, letter, '/account/confirm'));
  W.must(r.info.h1 === 'Адресу підтверджено', 'the confirmation link confirms the address', `h1: ${r.info.h1}`, v);
}

/**
 * Asks Bucha for public information (`request`) from the start page, as `name`
 * with the answer to `email`, through pages that are each checked, up to the check
 * page; `onContact` runs on the contact page before it is filled in. Step labels
 * start with `prefix`. Returns the case id; the check page is shown.
 */
export async function requestInformation(W, v, { request, name, email, prefix = '', onContact = async () => {} }) {
  let r = await W.go(v, `${prefix}start page`, INFORMATION);
  W.expect(r.h1 === 'Звернутися онлайн', 'the start page is titled "Звернутися онлайн"', `h1: ${r.h1}`, v);
  r = await W.press(v, `${prefix}Start`, 'Почати');
  const id = questionPage(W, r, 'request');
  await fillIn(v, { 'Опишіть інформацію або документ': request });
  await choose(v, 'Чи потрібна інформація, щоб захистити чиєсь життя чи свободу?', 'Ні');
  r = await W.press(v, `${prefix}request answered`, 'Продовжити');
  questionPage(W, r, 'answer_way');
  await choose(v, 'Спосіб отримання відповіді', 'Електронною поштою');
  r = await W.press(v, `${prefix}answer way answered`, 'Продовжити');
  questionPage(W, r, 'contact');
  await onContact();
  await choose(v, 'Хто подає запит?', 'Я особисто');
  await fillIn(v, { 'Прізвище, ім’я, по батькові': name, 'Електронна пошта': email });
  r = await W.press(v, `${prefix}contact answered`, 'Продовжити');
  questionPage(W, r, 'declaration');
  await field(v, /^Я підтверджую, що мої контакти вказані правильно/).check();
  r = await W.press(v, `${prefix}declaration answered`, 'Продовжити');
  W.must(r.path === `/applications/${id}/check`, 'after the last page comes the check page', `at ${W.shown(r.url)} (h1 "${r.h1}")`, v);
  return id;
}
