// Shared by suite.mjs (the crawl), journeys.mjs, applications.mjs and
// backoffice.mjs (form journeys, the last two through walk.mjs): the browser, the
// network meter, the per-page checks, axe-core, and staff members' TOTP codes.
// Every check returns a list of problems ({ check, detail }); the caller decides
// how to report them.

import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const axeSource = readFileSync(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };
/** The desktop viewport at 200% browser zoom: half as many CSS pixels each way. */
export const ZOOM200 = { width: DESKTOP.width / 2, height: DESKTOP.height / 2 };

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

async function overflowProblems(page, viewport, check, what) {
  const problems = [];
  await page.setViewportSize(viewport);
  const ov = await page.evaluate(overflowAt320);
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
 * Runs axe-core in `axePage` (a JavaScript-enabled page that already shows the
 * page to check) and returns one problem per violated rule.
 */
export async function axeProblems(axePage) {
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
