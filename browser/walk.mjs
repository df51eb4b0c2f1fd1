// The harness of the form journeys (journeys.mjs, applications.mjs, backoffice.mjs): a visitor (a browser
// context for the journey and a JavaScript-enabled twin for axe), steps that do
// something in the page, wait for the page it leads to and check that page
// against the bars of the crawl (lib.mjs), the demo's outbox, and the report.
//
// Every page reached by a step gets:
//   status     the expected HTTP status, an HTML document, compressed, on this origin
//   weight     the request (a form's POST), any redirect, the page and its CSS, as
//              transferred, <= MAX_BYTES
//   structure  <html lang> of the selected language, one <main>, one <h1>, heading
//              levels, no <script>, a skip link as the first Tab stop
//   reflow     no horizontal scrolling at 320 CSS px
//   zoom       no horizontal scrolling at 200% zoom of the desktop window (640 CSS px)
//   axe        zero axe-core violations (WCAG 2.2 A/AA tags)
//   origin     no request leaves the server's origin
// A page reached by a form (POST) or a single-use link cannot be loaded a second
// time to give the same page, so axe runs in the JavaScript-enabled twin on the same
// URL with the same cookies, over the very response the journey's page received
// (replayed by request interception; the stylesheet comes from the server).

import { writeFileSync } from 'node:fs';
import {
  DESKTOP, axeProblems, checkLayout, foreignProblems, intEnv, launchBrowser, newTwin, newestLetter, requiredEnv, sleep,
  startRecord, weigh,
} from './lib.mjs';

/** An expectation the rest of the journey depends on failed: the journey stops. */
export class Stop extends Error {}

export class Walk {
  /** `contextOptions`: more options of every visitor's browser contexts (e.g. ignoreHTTPSErrors). */
  constructor({ title, origin, outboxDir, contextOptions = {} }) {
    this.title = title;
    this.contextOptions = contextOptions;
    this.origin = new URL(origin).origin;
    this.outboxDir = outboxDir;
    this.maxBytes = intEnv('MAX_BYTES', 30720);
    this.navTimeout = intEnv('NAV_TIMEOUT_MS', 30000);
    this.actionTimeout = intEnv('ACTION_TIMEOUT_MS', 10000);
    this.failures = [];
    this.pages = [];
    this.journeys = [];
    this.journey = null;
    this.browser = null;
    // The expectations, bound: const { expect, must } = W.
    for (const m of ['expect', 'expectAs', 'must']) this[m] = this[m].bind(this);
  }

  /** A walk of the server BASE_URL whose letters are in OUTBOX_DIR (both required). */
  static fromEnv(title) {
    const [origin, outboxDir] = requiredEnv('BASE_URL', 'OUTBOX_DIR');
    return new Walk({ title, origin, outboxDir });
  }

  // -- URLs for the log ---------------------------------------------------------

  shortUrl(href) {
    const u = new URL(href);
    return u.origin === this.origin ? `${u.pathname}${u.search}${u.hash}` : href;
  }

  /** A URL with its secrets (tokens, CSRF, tracking links) shortened, for the log. */
  shown(href) {
    return this.shortUrl(href)
      .replace(/((?:token|_csrf)=)([A-Za-z0-9_-]{6})[A-Za-z0-9_%-]+/g, '$1$2…')
      .replace(/(\/track\/)([A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/, '$1$2…');
  }

  // -- results ----------------------------------------------------------------------

  fail(where, check, detail) {
    const f = { journey: this.journey?.name ?? '', where, check, detail };
    this.failures.push(f);
    if (this.journey) this.journey.failures++;
    console.log(`FAIL [${check}] ${where}\n      ${String(detail).replace(/\n/g, '\n      ')}`);
  }

  /** Where the journey is: the step and the URL of the page shown. */
  where(v) {
    const url = v?.page && !v.page.isClosed() ? this.shown(v.page.url()) : '';
    return `${this.journey?.step ?? ''}${url ? `: ${url}` : ''}`;
  }

  /** A journey's own expectation (not a page check); `v` names the page in the report. */
  expect(ok, what, detail = '', v = this.lastVisitor) {
    if (ok) return true;
    this.fail(this.where(v), 'journey', `${what}${detail ? `\n${detail}` : ''}`);
    return false;
  }

  /** An expectation reported under a check of its own (e.g. a WCAG criterion axe cannot test). */
  expectAs(check, ok, what, detail = '', v = this.lastVisitor) {
    if (ok) return true;
    this.fail(this.where(v), check, `${what}${detail ? `\n${detail}` : ''}`);
    return false;
  }

  /** An expectation the rest of the journey depends on. */
  must(ok, what, detail = '', v = this.lastVisitor) {
    if (!this.expect(ok, what, detail, v)) throw new Stop(what);
  }

  // -- browser ---------------------------------------------------------------------------

  async launch() {
    this.browser = await launchBrowser();
  }

  /**
   * One person: a context for the journey (JavaScript off unless `javaScript`) and a
   * JavaScript-enabled twin for axe. `lang` is the language pages are expected in.
   */
  async newVisitor({ javaScript = false, lang = 'uk' } = {}) {
    const v = await newTwin(this.browser, {
      javaScript,
      origin: this.origin,
      navTimeout: this.navTimeout,
      actionTimeout: this.actionTimeout,
      shortUrl: (u) => this.shortUrl(u),
      contextOptions: this.contextOptions,
    });
    v.lang = lang;
    v.docs = [];
    // The main frame's document responses (redirects included), newest last.
    v.page.on('response', (r) => {
      if (r.request().isNavigationRequest() && r.frame() === v.page.mainFrame()) v.docs.push(r);
    });
    this.lastVisitor = v;
    return v;
  }

  async closeVisitor(v) {
    await v.ctx.close().catch(() => {});
    await v.axeCtx.close().catch(() => {});
  }

  /**
   * Does `action` (a navigation, a click, a key press) in the visitor's page, waits
   * for the page it leads to and checks that page. Returns what the journey needs to
   * look at: { status, url, path, search, hash, info }.
   * Options: status (expected, default 200), lang (expected, default the visitor's).
   */
  async step(v, label, action, { status: wantStatus = 200, lang = v.lang } = {}) {
    this.lastVisitor = v;
    this.journey.step = label;
    const cur = startRecord(v);
    v.docs = [];
    await v.page.setViewportSize(DESKTOP);
    const from = v.page.url();
    try {
      await this.navigate(v, action);
    } catch (e) {
      v.current = null;
      v.meter.current = null;
      if (e instanceof Stop) throw e;
      this.must(false, `${label}: no page loaded (from ${this.shown(from)})`, String(e.message || e).split('\n')[0], v);
    }
    // Let late loading-finished events arrive.
    await sleep(30);
    const url = v.page.url();
    const bare = url.split('#')[0];
    const where = `${label}: ${this.shown(url)}`;
    const doc = [...v.docs].reverse().find((r) => r.url() === bare) ?? v.docs[v.docs.length - 1];
    const status = doc ? doc.status() : 0;
    const record = { journey: this.journey.name, step: label, url: this.shown(url), status, bytes: 0 };
    this.pages.push(record);
    this.journey.pages++;
    if (status !== wantStatus) this.fail(where, 'status', `answered ${status}, expected ${wantStatus}`);
    const headers = doc ? await doc.allHeaders() : {};
    const isHtml = (headers['content-type'] || '').startsWith('text/html');
    if (!isHtml) this.fail(where, 'status', `not an HTML page (content-type ${headers['content-type'] || 'none'})`);
    if (new URL(url).origin !== this.origin) this.fail(where, 'origin', `left the site for ${url}`);

    // -- weight (the form's POST, any redirect, the page and its CSS) --------------
    const weight = weigh(cur.transfers, cur.failedLoads, { isHtml, maxBytes: this.maxBytes, shortUrl: (u) => this.shown(u) });
    record.bytes = weight.total;
    record.breakdown = weight.breakdown;
    const h1 = await v.page.evaluate(() => (document.querySelector('h1')?.textContent || '').replace(/\s+/g, ' ').trim());
    record.h1 = h1;
    console.log(`  page ${label}: ${this.shown(url)} ${status}, ${weight.total} B, "${h1}"`);
    for (const p of weight.problems) this.fail(where, p.check, p.detail);
    v.meter.current = null;

    // -- structure, reflow, zoom (in the journey's page) ----------------------------
    // (checkStructure presses Tab once from the top: the focus is left on the first Tab stop.)
    const { info, problems } = await checkLayout(v.page, { lang });
    for (const p of problems) this.fail(where, p.check, p.detail);

    // -- axe: same URL, same cookies, JS on, the same response ---------------------
    try {
      if (!doc) throw new Error('no document response to replay');
      const body = await doc.body();
      const replay = {};
      for (const [k, val] of Object.entries(headers)) {
        if (!['content-encoding', 'content-length', 'transfer-encoding', 'set-cookie'].includes(k)) replay[k] = val;
      }
      await v.axeCtx.clearCookies();
      await v.axeCtx.addCookies(await v.ctx.cookies());
      let served = false;
      const handler = (route) => {
        const req = route.request();
        if (!served && req.isNavigationRequest() && req.url() === bare) {
          served = true;
          return route.fulfill({ status, headers: replay, body });
        }
        return route.continue();
      };
      await v.axePage.route('**/*', handler);
      try {
        await v.axePage.goto(bare, { waitUntil: 'load' });
      } finally {
        await v.axePage.unroute('**/*', handler);
      }
      if (!served) this.fail(where, 'axe', 'the page could not be replayed; axe ran on a different page');
      for (const p of await axeProblems(v.axePage)) this.fail(where, p.check, p.detail);
    } catch (e) {
      this.fail(where, 'axe', `axe could not run: ${String(e.message || e).split('\n')[0]}`);
    }

    for (const p of foreignProblems(cur)) this.fail(where, p.check, p.detail);
    v.current = null;
    const u = new URL(url);
    return { status, url, path: u.pathname, search: u.search, hash: u.hash, info, h1 };
  }

  /** Does `action` in the visitor's page and waits until the main frame has navigated and loaded. */
  async navigate(v, action) {
    const navigated = v.page.waitForEvent('framenavigated', { predicate: (f) => f === v.page.mainFrame(), timeout: this.navTimeout });
    navigated.catch(() => {});
    await action(v.page);
    await navigated;
    await v.page.waitForLoadState('load');
  }

  go(v, label, path, opts) {
    return this.step(v, label, (p) => p.goto(new URL(path, this.origin).href), opts);
  }

  /** Clicks the button named `name` (in <main>) and checks the page it leads to. */
  press(v, label, name, opts) {
    return this.step(v, label, (p) => p.locator('main').getByRole('button', { name, exact: true }).first().click(), opts);
  }

  /** Sends the form in <main> by its (first) submit button and checks the page it leads to. */
  submit(v, label, opts) {
    return this.step(v, label, (p) => p.locator('main form button[type="submit"]').first().click(), opts);
  }

  /** Follows the link named `name` (in <main> unless `scope`, a selector, says otherwise). */
  follow(v, label, name, opts = {}) {
    const { scope = 'main', ...rest } = opts;
    return this.step(v, label, (p) => p.locator(scope).getByRole('link', { name, exact: true }).first().click(), rest);
  }

  // -- the page ----------------------------------------------------------------------------

  /** Text of the page's <main>, whitespace collapsed. */
  mainText(v) {
    return v.page.evaluate(() => (document.querySelector('main')?.textContent || '').replace(/\s+/g, ' ').trim());
  }

  /**
   * The error summary (its links, its heading, the role of the .error-summary) and the
   * per-field errors (.error-message, id FIELD-error, by FIELD), as the page shows them.
   */
  errorsShown(v) {
    return v.page.evaluate(() => {
      const summary = document.querySelector('main [role="alert"]');
      return {
        summary: [...(summary?.querySelectorAll('a[href]') ?? [])].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.replace(/\s+/g, ' ').trim() })),
        heading: summary?.querySelector('h2')?.textContent.trim() ?? null,
        role: document.querySelector('.error-summary')?.getAttribute('role') ?? null,
        fields: Object.fromEntries(
          [...document.querySelectorAll('main .error-message[id$="-error"]')].map((p) => [p.id.replace(/-error$/, ''), p.textContent.replace(/\s+/g, ' ').trim()]),
        ),
      };
    });
  }

  /** The focused element, described for the log. */
  focused(v) {
    return v.page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return '(nothing)';
      const text = (a.labels?.[0]?.textContent || a.textContent || a.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 40);
      const type = a.getAttribute('type');
      return `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${type ? `[${type}]` : ''}${text ? ` "${text}"` : ''}`;
    });
  }

  /**
   * Presses `key` (Tab, or Shift+Tab) until `test(arg)` holds for the page (run in
   * it; it looks at document.activeElement); returns the stops passed. Pages checked
   * by step() have had one Tab press from the top already (the skip-link check).
   */
  async tabTo(v, what, test, arg, { key = 'Tab', max = 60 } = {}) {
    const stops = [await this.focused(v)];
    for (let i = 0; i < max; i++) {
      await v.page.keyboard.press(key);
      stops.push(await this.focused(v));
      if (await v.page.evaluate(test, arg)) return stops;
    }
    this.must(false, `${key} reaches ${what} within ${max} stops`, stops.join(' → '), v);
  }

  // -- the outbox -------------------------------------------------------------------------------

  /** The newest letter to `address` in the outbox: newestLetter of lib.mjs. */
  newestLetter(address, opts) {
    return newestLetter(this.outboxDir, address, opts);
  }

  // -- running ------------------------------------------------------------------------------------

  /** Runs the journeys [name, fn] in turn (those named in `only`, if given), prints the summary, exits. */
  async run(plan, { only = [] } = {}) {
    const started = Date.now();
    await this.launch();
    for (const [name, fn] of plan) {
      if (only.length && !only.some((o) => name.startsWith(`${o} `) || name === o)) continue;
      this.journey = { name, pages: 0, failures: 0, step: '', aborted: null };
      this.journeys.push(this.journey);
      console.log(`\n== journey ${name}`);
      try {
        await fn();
      } catch (e) {
        this.journey.aborted = e instanceof Stop ? e.message : String(e.stack || e);
        if (!(e instanceof Stop)) this.fail(this.where(this.lastVisitor), 'journey', `error: ${this.journey.aborted}`);
      }
    }
    this.journey = null;
    await this.browser.close();

    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const heaviest = this.pages.reduce((a, b) => (b.bytes > (a?.bytes ?? -1) ? b : a), null);
    console.log(`\n== ${this.title} summary ==`);
    console.log(`base URL:       ${this.origin}`);
    console.log(`pages checked:  ${this.pages.length} in ${secs} s`);
    if (heaviest) console.log(`heaviest page:  ${heaviest.url} (${heaviest.step}) ${heaviest.bytes} B (limit ${this.maxBytes} B)`);
    for (const j of this.journeys) {
      const verdict = j.failures ? `FAILED (${j.failures} failure${j.failures > 1 ? 's' : ''}${j.aborted ? `; stopped: ${j.aborted.split('\n')[0]}` : ''})` : 'passed';
      console.log(`  journey ${j.name}: ${j.pages} pages, ${verdict}`);
    }
    const byCheck = new Map();
    for (const f of this.failures) byCheck.set(f.check, (byCheck.get(f.check) || 0) + 1);
    if (byCheck.size) console.log(`failures by check: ${[...byCheck].map(([c, n]) => `${c} ${n}`).join(', ')}`);
    const bad = this.journeys.filter((j) => j.failures).length;
    console.log(`journeys: ${this.journeys.length - bad} passed, ${bad} failed`);
    if (process.env.REPORT_JSON) {
      const { origin, maxBytes, journeys, pages, failures } = this;
      writeFileSync(process.env.REPORT_JSON, JSON.stringify({ origin, maxBytes, journeys, pages, failures }, null, 2));
    }
    process.exit(this.failures.length || this.journeys.length === 0 ? 1 : 0);
  }
}
