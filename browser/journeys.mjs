// Hromada browser journeys: a resident's way through the account forms, in
// Debian's Chromium with JavaScript off, by filling in the forms as a person does
// (the sign-in of the demo resident by keyboard alone), checking every page reached
// against the same bars as the crawl (suite.mjs).
//
//   BASE_URL=http://127.0.0.1:8080 OUTBOX_DIR=DATA_DIR/outbox \
//   DEMO_EMAIL=… DEMO_PASSWORD=… node browser/journeys.mjs
//
// Environment:
//   BASE_URL       the server (required), a demo without a mail server
//   OUTBOX_DIR     where that server keeps its letters (<data dir>/outbox; required)
//   DEMO_EMAIL, DEMO_PASSWORD   the confirmed resident the demo prints
//                  ("resident COMMUNITY E-MAIL PASSWORD"); journey 4 fails without them
//   MAX_BYTES      page weight limit, as in suite.mjs (default 30720)
//   REPORT_JSON    write a JSON report to this file
//   CHROMIUM       browser executable (default /usr/bin/chromium)
//
// Journeys:
//   1 register a new address, confirm it by the link in the letter, sign in, see the
//     address on /account (and the forms it links to), sign out; /account then
//     leads to the sign-in page
//   2 a registration with errors: error summary linking to #email and #password
//     (following a link focuses the field), title "Помилка: …", the typed address
//     kept, the password not sent back
//   3 forgotten password: the link in the letter, a new password; signing in works
//     with it, and the old one gets the same answer as an unknown address
//   4 the demo resident signs in and out with the keyboard alone
//
// Every page reached (after each navigation, form submission or redirect) gets:
//   status, weight, structure (lang, one <main>, one <h1>, heading levels, no
//   <script>, skip link), reflow at 320 px, 200% zoom (640 px), axe-core and origin,
//   as in suite.mjs.
// A page reached by a form (POST) or a single-use link cannot be loaded a second
// time to give the same page, so axe runs in the JavaScript-enabled context on the
// same URL with the same cookies, over the very response the JS-off page received
// (replayed by request interception; the stylesheet comes from the server).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DESKTOP,
  axeProblems,
  checkReflow,
  checkStructure,
  checkZoom200,
  intEnv,
  launchBrowser,
  networkMeter,
  totp,
  watchForeignRequests,
  weigh,
} from './lib.mjs';

const BASE_URL = process.env.BASE_URL;
const OUTBOX_DIR = process.env.OUTBOX_DIR;
if (!BASE_URL || !OUTBOX_DIR) {
  console.error('BASE_URL and OUTBOX_DIR must be set (e.g. BASE_URL=http://127.0.0.1:8080 OUTBOX_DIR=/tmp/demo/data/outbox)');
  process.exit(2);
}
const ORIGIN = new URL(BASE_URL).origin;
const MAX_BYTES = intEnv('MAX_BYTES', 30720);
const NAV_TIMEOUT = intEnv('NAV_TIMEOUT_MS', 30000);
const ACTION_TIMEOUT = intEnv('ACTION_TIMEOUT_MS', 10000);
const LANG = 'uk';
const ERROR_PREFIX = 'Помилка: ';
const RUN = `${Date.now().toString(36)}${process.pid.toString(36)}`;

function shortUrl(href) {
  const u = new URL(href);
  return u.origin === ORIGIN ? `${u.pathname}${u.search}` : href;
}

/** A URL with single-use secrets shortened, for the log. */
function shown(href) {
  return shortUrl(href).replace(/(token=)([A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/, '$1$2…');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Results

const failures = [];
const pages = [];
const journeys = [];
let journey = null;

function fail(where, check, detail) {
  const f = { journey: journey?.name ?? '', where, check, detail };
  failures.push(f);
  if (journey) journey.failures++;
  console.log(`FAIL [${check}] ${where}\n      ${detail.replace(/\n/g, '\n      ')}`);
}

/** A journey's own expectation (not a page check). */
function expect(ok, what, detail = '') {
  if (ok) return true;
  fail(journey?.step ?? '', 'journey', `${what}${detail ? `\n${detail}` : ''}`);
  return false;
}

class Stop extends Error {}

/** An expectation the rest of the journey depends on. */
function must(ok, what, detail = '') {
  if (!expect(ok, what, detail)) throw new Stop(what);
}

// ---------------------------------------------------------------------------
// Browser

const browser = await launchBrowser();

/** One person: a JS-off context for the journey and a JS-on twin for axe. */
async function newVisitor() {
  const contextOptions = { locale: 'uk-UA', viewport: DESKTOP, serviceWorkers: 'block' };
  const noJs = await browser.newContext({ ...contextOptions, javaScriptEnabled: false });
  const js = await browser.newContext({ ...contextOptions, javaScriptEnabled: true });
  const v = { noJs, js, current: null, docs: [] };
  for (const ctx of [noJs, js]) {
    ctx.setDefaultNavigationTimeout(NAV_TIMEOUT);
    ctx.setDefaultTimeout(ACTION_TIMEOUT);
    watchForeignRequests(ctx, ORIGIN, () => v.current);
  }
  v.page = await noJs.newPage();
  v.axePage = await js.newPage();
  v.meter = await networkMeter(noJs, v.page, shortUrl);
  // The main frame's document responses (redirects included), newest last.
  v.page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === v.page.mainFrame()) v.docs.push(r);
  });
  return v;
}

async function closeVisitor(v) {
  await v.noJs.close().catch(() => {});
  await v.js.close().catch(() => {});
}

/**
 * Does `action` (a navigation, a click, a key press) in the visitor's JS-off page,
 * waits for the page it leads to and checks that page. Returns what the journey
 * needs to look at: { status, url, path, info }.
 */
async function step(v, label, action, { status: wantStatus = 200 } = {}) {
  journey.step = label;
  const cur = { transfers: [], failedLoads: [], foreign: new Set() };
  v.current = cur;
  v.meter.current = cur;
  v.meter.net.clear();
  v.docs = [];
  await v.page.setViewportSize(DESKTOP);
  const navigated = v.page.waitForEvent('framenavigated', { predicate: (f) => f === v.page.mainFrame(), timeout: NAV_TIMEOUT });
  navigated.catch(() => {});
  try {
    await action(v.page);
    await navigated;
    await v.page.waitForLoadState('load');
  } catch (e) {
    v.current = null;
    v.meter.current = null;
    if (e instanceof Stop) throw e;
    must(false, `${label}: no page loaded`, String(e.message || e).split('\n')[0]);
  }
  // Let late loading-finished events arrive.
  await sleep(30);
  const url = v.page.url();
  const where = `${label}: ${shown(url)}`;
  const doc = [...v.docs].reverse().find((r) => r.url() === url) ?? v.docs[v.docs.length - 1];
  const status = doc ? doc.status() : 0;
  const record = { journey: journey.name, step: label, url: shown(url), status, bytes: 0 };
  pages.push(record);
  journey.pages++;
  if (status !== wantStatus) fail(where, 'status', `answered ${status}, expected ${wantStatus}`);
  const headers = doc ? await doc.allHeaders() : {};
  const isHtml = (headers['content-type'] || '').startsWith('text/html');
  if (!isHtml) fail(where, 'status', `not an HTML page (content-type ${headers['content-type'] || 'none'})`);
  if (new URL(url).origin !== ORIGIN) fail(where, 'origin', `left the site for ${url}`);

  // -- weight (the form's POST, any redirect, the page and its CSS) --------------
  const weight = weigh(cur.transfers, cur.failedLoads, { isHtml, maxBytes: MAX_BYTES, shortUrl: shown });
  record.bytes = weight.total;
  record.breakdown = weight.breakdown;
  const h1 = await v.page.evaluate(() => (document.querySelector('h1')?.textContent || '').trim());
  console.log(`  page ${label}: ${shown(url)} ${status}, ${weight.total} B, "${h1}"`);
  for (const p of weight.problems) fail(where, p.check, p.detail);
  v.meter.current = null;

  // -- structure, reflow, zoom (JS off) --------------------------------------------
  const { info, problems } = await checkStructure(v.page, { lang: LANG });
  for (const p of problems) fail(where, p.check, p.detail);
  // (checkStructure pressed Tab once: the focus is now on the first Tab stop.)
  for (const p of await checkReflow(v.page)) fail(where, p.check, p.detail);
  for (const p of await checkZoom200(v.page)) fail(where, p.check, p.detail);

  // -- axe: same URL, same cookies, JS on, the same response ---------------------
  try {
    const body = await doc.body();
    const replay = {};
    for (const [k, val] of Object.entries(headers)) {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'set-cookie'].includes(k)) replay[k] = val;
    }
    await v.js.clearCookies();
    await v.js.addCookies(await v.noJs.cookies());
    let served = false;
    const handler = (route) => {
      const req = route.request();
      if (!served && req.isNavigationRequest() && req.url() === url) {
        served = true;
        return route.fulfill({ status, headers: replay, body });
      }
      return route.continue();
    };
    await v.axePage.route('**/*', handler);
    try {
      await v.axePage.goto(url, { waitUntil: 'load' });
    } finally {
      await v.axePage.unroute('**/*', handler);
    }
    if (!served) fail(where, 'axe', 'the page could not be replayed; axe ran on a different page');
    for (const p of await axeProblems(v.axePage)) fail(where, p.check, p.detail);
  } catch (e) {
    fail(where, 'axe', `axe could not run: ${String(e.message || e).split('\n')[0]}`);
  }

  if (cur.foreign.size) fail(where, 'origin', `requests to other origins:\n${[...cur.foreign].slice(0, 10).join('\n')}`);
  v.current = null;
  return { status, url, path: new URL(url).pathname, info };
}

const go = (v, label, path, opts) => step(v, label, (p) => p.goto(new URL(path, ORIGIN).href), opts);
const submit = (v, label, opts) => step(v, label, (p) => p.locator('main form button[type="submit"]').first().click(), opts);
const press = (v, label, button, opts) => step(v, label, (p) => p.getByRole('button', { name: button, exact: true }).click(), opts);

async function fill(v, values) {
  for (const [id, value] of Object.entries(values)) await v.page.locator(`#${id}`).fill(value);
}

/** Text of the page's <main>, whitespace collapsed. */
const mainText = (v) => v.page.evaluate(() => (document.querySelector('main')?.textContent || '').replace(/\s+/g, ' ').trim());

/** The error summary and the per-field errors, as the page shows them. */
const errorsShown = (v) =>
  v.page.evaluate(() => ({
    summary: [...document.querySelectorAll('.error-summary a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
    role: document.querySelector('.error-summary')?.getAttribute('role') ?? null,
    fields: Object.fromEntries([...document.querySelectorAll('.error-message')].map((p) => [p.id, p.textContent.trim()])),
  }));

// ---------------------------------------------------------------------------
// The outbox

/** The newest letter to `address` in the outbox, waiting a little for it. */
async function newestLetter(address, { after = 0 } = {}) {
  const deadline = Date.now() + 5000;
  for (;;) {
    let files = [];
    try {
      files = readdirSync(OUTBOX_DIR).filter((f) => f.endsWith('.txt'));
    } catch {}
    // Named STAMP-COUNTER.txt (milliseconds, then a counter within the process).
    const order = (f) => f.replace(/\.txt$/, '').split('-').map(Number);
    files.sort((a, b) => {
      const [sa, ca] = order(a);
      const [sb, cb] = order(b);
      return sa - sb || ca - cb;
    });
    for (const f of files.reverse()) {
      if (order(f)[0] < after) break;
      const text = readFileSync(join(OUTBOX_DIR, f), 'utf8');
      const [head, ...rest] = text.split('\n\n');
      const to = /^To: (.*)$/m.exec(head)?.[1]?.trim();
      if (to?.toLowerCase() === address.toLowerCase()) {
        return { file: f, subject: /^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? '', body: rest.join('\n\n') };
      }
    }
    if (Date.now() > deadline) return null;
    await sleep(100);
  }
}

/** The link to `path` in a letter; it must point at this server. */
function linkIn(letter, path) {
  const m = new RegExp(`https?://[^\\s/]+${path.replace(/[?]/g, '\\?')}\\?token=[A-Za-z0-9_-]+`).exec(letter.body);
  must(!!m, `the letter "${letter.subject}" has a link to ${path}`, letter.body);
  must(new URL(m[0]).origin === ORIGIN, `the link in the letter points at this server (${ORIGIN})`, m[0]);
  return m[0];
}

// ---------------------------------------------------------------------------
// Pieces of journeys

const address = (what) => `${what}-${RUN}@example.org`;

/** Registers `email` and confirms it by the link in the letter. */
async function registerAndConfirm(v, email, password, name) {
  const started = Date.now();
  let r = await go(v, 'registration form', '/account/register');
  expect(r.info.h1 === 'Створіть обліковий запис', 'the registration form is titled "Створіть обліковий запис"', `h1: ${r.info.h1}`);
  await fill(v, { email, name, password });
  r = await submit(v, 'registration sent');
  must(r.path === '/account/register' && r.info.h1 === 'Перевірте пошту', 'registering leads to "Перевірте пошту"', `${shown(r.url)}, h1: ${r.info.h1}`);
  expect((await mainText(v)).includes(email), 'the "check your e-mail" page names the address');
  const letter = await newestLetter(email, { after: started - 1000 });
  must(!!letter, `a letter to ${email} in ${OUTBOX_DIR}`);
  expect(letter.subject === 'Підтвердьте адресу електронної пошти', 'the letter asks to confirm the address', `subject: ${letter.subject}`);
  const link = linkIn(letter, '/account/confirm');
  r = await go(v, 'confirmation link', link);
  must(r.info.h1 === 'Адресу підтверджено', 'the confirmation link confirms the address', `h1: ${r.info.h1}`);
}

/** Fills in and sends the sign-in form; returns the page it leads to. */
async function signIn(v, email, password, label, opts) {
  let r = await go(v, `${label}: sign-in form`, '/account/sign-in');
  expect(r.info.h1 === 'Увійдіть', 'the sign-in form is titled "Увійдіть"', `h1: ${r.info.h1}`);
  await fill(v, { email, password });
  r = await submit(v, `${label}: sign-in sent`, opts);
  return r;
}

async function expectSignedIn(v, r, email) {
  must(r.path === '/account', 'signing in leads to /account', `ended on ${shown(r.url)} (${r.status}), h1: ${r.info.h1}`);
  expect(r.info.h1 === 'Мій кабінет', '/account is titled "Мій кабінет"', `h1: ${r.info.h1}`);
  const shownEmail = await v.page.evaluate(() => document.querySelector('main dl dd')?.textContent.trim());
  expect(shownEmail === email, '/account shows the address', `shows: ${shownEmail}`);
}

async function signOut(v) {
  const r = await press(v, 'sign out', 'Вийти');
  expect(r.info.h1 === 'Ви вийшли', 'signing out says "Ви вийшли"', `h1: ${r.info.h1}`);
  const session = (await v.noJs.cookies()).filter((c) => !/csrf|lang/.test(c.name));
  expect(session.length === 0, 'no session cookie is left after signing out', session.map((c) => c.name).join(', '));
}

/** The error a failed sign-in shows: status, summary and field error. */
async function failedSignIn(v, email, password, label) {
  const r = await signIn(v, email, password, label, { status: 422 });
  expect(r.path === '/account/sign-in', `${label}: stays on the sign-in page`, shown(r.url));
  const errors = await errorsShown(v);
  expect(errors.summary.length === 1 && errors.summary[0].href === '#email', `${label}: the error summary links to #email`, JSON.stringify(errors.summary));
  return { status: r.status, title: r.info.title, summary: errors.summary.map((e) => e.text).join(' | '), field: errors.fields['email-error'] ?? '' };
}

// ---------------------------------------------------------------------------
// Journeys

const STRONG = 'Tykhyi-Dnipro-Vechir-2026';
const STRONGER = 'Zelenyi-Chainyk-Yide-Dodomu-2026';

async function journey1() {
  const v = await newVisitor();
  try {
    const email = address('journey1');
    await registerAndConfirm(v, email, STRONG, 'Оксана Тестова');
    let r = await signIn(v, email, STRONG, 'sign in');
    await expectSignedIn(v, r, email);
    // The pages only a signed-in resident sees (the crawl cannot reach them): follow
    // the account page's links to forms, and come back.
    const forms = await v.page.evaluate(() =>
      [...document.querySelectorAll('main a[href^="/account/"]')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
    );
    for (const link of forms.filter((l) => l.href !== '/account/export')) {
      r = await step(v, `link "${link.text}"`, (p) => p.locator(`main a[href="${link.href}"]`).first().click());
      expect(r.path === link.href, `the link "${link.text}" leads to ${link.href}`, shown(r.url));
      await go(v, 'account', '/account');
    }
    if (forms.some((l) => l.href === '/account/export')) {
      const res = await v.noJs.request.get(new URL('/account/export', ORIGIN).href);
      expect(res.status() === 200 && (await res.text()).includes(email), 'the data export answers 200 and holds the address', `status ${res.status()}`);
    }
    await signOut(v);
    const after = await go(v, 'account after signing out', '/account');
    expect(after.path === '/account/sign-in', '/account leads to the sign-in page after signing out', shown(after.url));
  } finally {
    await closeVisitor(v);
  }
}

async function journey2() {
  const v = await newVisitor();
  try {
    await go(v, 'registration form', '/account/register');
    const badEmail = `not-an-address-${RUN}`;
    await fill(v, { email: badEmail, name: 'Петро', password: 'short' });
    const r = await submit(v, 'registration with errors', { status: 422 });
    must(r.path === '/account/register', 'the form comes back on /account/register', shown(r.url));
    expect(r.info.title.startsWith(ERROR_PREFIX), `the title starts with "${ERROR_PREFIX}"`, `title: ${r.info.title}`);
    const errors = await errorsShown(v);
    const hrefs = errors.summary.map((e) => e.href);
    expect(errors.summary.length > 0, 'an error summary is shown');
    expect(hrefs.includes('#email') && hrefs.includes('#password'), 'the error summary links to #email and #password', JSON.stringify(errors.summary));
    expect(errors.role === 'alert', 'the error summary is announced (role="alert")', `role: ${errors.role}`);
    expect(!!errors.fields['email-error'] && !!errors.fields['password-error'], 'the e-mail and password fields show their errors', JSON.stringify(errors.fields));
    const state = await v.page.evaluate(() => {
      const f = (id) => document.getElementById(id);
      return {
        targets: [...document.querySelectorAll('.error-summary a')].every((a) => !!document.getElementById(a.getAttribute('href').slice(1))),
        email: f('email')?.value,
        name: f('name')?.value,
        password: f('password')?.value,
        emailInvalid: f('email')?.getAttribute('aria-invalid'),
        passwordInvalid: f('password')?.getAttribute('aria-invalid'),
        emailDescribed: f('email')?.getAttribute('aria-describedby') || '',
        passwordDescribed: f('password')?.getAttribute('aria-describedby') || '',
      };
    });
    expect(state.targets, 'every link in the error summary leads to a field that exists');
    expect(state.email === badEmail, 'the typed e-mail is kept', `value: ${state.email}`);
    expect(state.name === 'Петро', 'the typed name is kept', `value: ${state.name}`);
    expect(state.password === '', 'the password is not sent back', `value has ${state.password?.length} characters`);
    expect(state.emailInvalid === 'true' && state.passwordInvalid === 'true', 'the fields in error have aria-invalid="true"', JSON.stringify(state));
    expect(state.emailDescribed.includes('email-error') && state.passwordDescribed.includes('password-error'), 'the fields in error are described by their error messages', JSON.stringify(state));
    // Without JavaScript the summary's links still work: following one focuses its field.
    for (const id of ['password', 'email']) {
      await v.page.locator(`.error-summary a[href="#${id}"]`).first().click();
      const now = await v.page.evaluate(() => document.activeElement?.id);
      expect(now === id, `the error summary's link to #${id} focuses the field`, `focused: ${now || '(nothing)'}`);
    }
  } finally {
    await closeVisitor(v);
  }
}

async function journey3() {
  const v = await newVisitor();
  try {
    const email = address('journey3');
    await registerAndConfirm(v, email, STRONG, '');
    let r = await go(v, 'sign-in form', '/account/sign-in');
    r = await step(v, 'forgot-password link', (p) => p.getByRole('link', { name: 'Забули пароль?', exact: true }).click());
    must(r.path === '/account/forgot', 'the "Забули пароль?" link leads to /account/forgot', shown(r.url));
    const started = Date.now();
    await fill(v, { email });
    r = await submit(v, 'reset link requested');
    expect(r.info.h1 === 'Перевірте пошту', 'asking for a reset link says "Перевірте пошту"', `h1: ${r.info.h1}`);
    const letter = await newestLetter(email, { after: started - 1000 });
    must(!!letter && letter.subject === 'Відновлення пароля', `a letter "Відновлення пароля" to ${email}`, letter ? `newest: ${letter.subject}` : 'none');
    const link = linkIn(letter, '/account/reset');
    r = await go(v, 'reset link', link);
    must(r.info.h1 === 'Задайте новий пароль', 'the reset link opens "Задайте новий пароль"', `h1: ${r.info.h1}`);
    await fill(v, { new_password: STRONGER });
    r = await submit(v, 'new password sent');
    must(r.info.h1 === 'Пароль змінено', 'setting the new password says "Пароль змінено"', `h1: ${r.info.h1}`);

    r = await signIn(v, email, STRONGER, 'new password');
    await expectSignedIn(v, r, email);
    await signOut(v);

    const old = await failedSignIn(v, email, STRONG, 'old password');
    const unknown = await failedSignIn(v, address('nobody'), STRONG, 'unknown address');
    expect(old.summary !== '' && old.summary === unknown.summary && old.field === unknown.field && old.status === unknown.status,
      'the old password gets the same answer as an unknown address', `old password: ${JSON.stringify(old)}\nunknown address: ${JSON.stringify(unknown)}`);
    expect(old.title.startsWith(ERROR_PREFIX), `a failed sign-in's title starts with "${ERROR_PREFIX}"`, `title: ${old.title}`);
  } finally {
    await closeVisitor(v);
  }
}

/** The focused element, described for the log. */
const focused = (v) =>
  v.page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return '(nothing)';
    const text = (a.textContent || a.getAttribute('aria-label') || '').trim().slice(0, 40);
    return a.id ? `#${a.id}` : `${a.tagName.toLowerCase()}${a.getAttribute('type') ? `[${a.getAttribute('type')}]` : ''} "${text}"`;
  });

/**
 * Presses Tab until `test(arg)` holds for the focused element; returns the Tab
 * stops from the one focused now. Every page checked by step() has had one Tab
 * press from the top already (the skip-link check), so the walk starts there.
 */
async function tabTo(v, test, arg, max = 40) {
  const stops = [await focused(v)];
  for (let i = 0; i < max; i++) {
    await v.page.keyboard.press('Tab');
    stops.push(await focused(v));
    if (await v.page.evaluate(test, arg)) return stops;
  }
  must(false, `Tab reaches ${arg} within ${max} stops`, stops.join(' → '));
}

async function journey4() {
  const email = process.env.DEMO_EMAIL;
  const password = process.env.DEMO_PASSWORD;
  must(!!email && !!password, 'DEMO_EMAIL and DEMO_PASSWORD are set (from the demo\'s "resident …" line)');
  const v = await newVisitor();
  try {
    await go(v, 'sign-in form', '/account/sign-in');
    // From the top of the page, by keyboard alone: Tab to the fields, type, Enter.
    const isField = (id) => document.activeElement?.id === id;
    const path = await tabTo(v, isField, 'email');
    console.log(`  Tab stops to the e-mail field: ${path.join(' → ')}`);
    await v.page.keyboard.type(email);
    await v.page.keyboard.press('Tab');
    must(await v.page.evaluate(isField, 'password'), 'the Tab after the e-mail field lands on the password field');
    await v.page.keyboard.type(password);
    let r = await step(v, 'sign-in sent with Enter', (p) => p.keyboard.press('Enter'));
    await expectSignedIn(v, r, email);
    // Sign out by keyboard too: Tab to the "Вийти" button, Enter.
    const isButton = (name) => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.trim() === name;
    console.log(`  Tab stops to the sign-out button: ${(await tabTo(v, isButton, 'Вийти')).join(' → ')}`);
    r = await step(v, 'sign out with Enter', (p) => p.keyboard.press('Enter'));
    expect(r.info.h1 === 'Ви вийшли', 'signing out says "Ви вийшли"', `h1: ${r.info.h1}`);
  } finally {
    await closeVisitor(v);
  }
}

async function journey5() {
  const [email, password, secret] = (process.env.DEMO_ADMIN || '').split(' ');
  must(!!email && !!password && !!secret, 'DEMO_ADMIN is set (from the demo\'s "community_admin …" line)');
  const admin = await newVisitor();
  const invitee = address('journey5-officer');
  try {
    let r = await signIn(admin, email, password, 'staff password');
    must(r.path === '/account/sign-in/code', 'after the password, staff are asked for a code', `${shown(r.url)}, h1: ${r.info.h1}`);
    r = await go(admin, 'the password alone opens nothing', '/account');
    expect(r.path === '/account/sign-in/code', '/account sends back to the code', shown(r.url));
    await fill(admin, { code: totp(secret) });
    r = await submit(admin, 'code sent');
    must(r.path === '/account', 'the code signs the admin in', `${shown(r.url)}, h1: ${r.info.h1}`);
    expect((await mainText(admin)).includes('Адміністратор громади — Бучанська громада'), '/account shows the role');
    r = await go(admin, 'invitation form', '/staff/invite');
    expect(r.info.h1 === 'Запросіть працівника', 'the invitation form is titled "Запросіть працівника"', `h1: ${r.info.h1}`);
    await admin.page.fill('#email', invitee);
    await admin.page.selectOption('#grant', 'community:buchanska:officer');
    const started = Date.now();
    r = await submit(admin, 'invitation sent');
    expect(r.info.h1 === 'Запрошення надіслано', 'the invitation is sent', `h1: ${r.info.h1}`);
    const letter = await newestLetter(invitee, { after: started - 1000 });
    must(!!letter, `an invitation letter to ${invitee}`);

    const staff = await newVisitor();
    try {
      r = await go(staff, 'invitation link', linkIn(letter, '/staff/welcome'));
      expect(r.info.h1 === 'Ласкаво просимо до «Громади»', 'the link opens the welcome form', `h1: ${r.info.h1}`);
      await fill(staff, { new_password: STRONG });
      r = await submit(staff, 'password set');
      must(r.path === '/staff/totp', 'then the second factor is set up', `${shown(r.url)}, h1: ${r.info.h1}`);
      const key = await staff.page.evaluate(() => document.querySelector('.secret')?.textContent || '');
      expect(/^[A-Z2-7 ]{32,}$/.test(key.trim()), 'the key is shown in text for people who cannot scan', key);
      expect(await staff.page.evaluate(() => !!document.querySelector('.qr svg')), 'a QR code is shown');
      await fill(staff, { code: '000000' === totp(key) ? '111111' : '000000' });
      r = await submit(staff, 'wrong code', { status: 422 });
      expect(r.info.title.startsWith(ERROR_PREFIX), 'a wrong code is an error', r.info.title);
      await fill(staff, { code: totp(key) });
      r = await submit(staff, 'code confirmed');
      expect(r.info.h1 === 'Ваші резервні коди', 'ten recovery codes are shown once', `h1: ${r.info.h1}`);
      const codes = await staff.page.evaluate(() => document.querySelectorAll('.codes li').length);
      expect(codes === 10, 'there are ten recovery codes', String(codes));
      r = await go(staff, 'account', '/account');
      expect((await mainText(staff)).includes('Посадова особа — Бучанська громада'), 'the new officer\'s account shows the role');
    } finally {
      await closeVisitor(staff);
    }
  } finally {
    await closeVisitor(admin);
  }
}

// ---------------------------------------------------------------------------
// Run

const started = Date.now();
const plan = [
  ['1 register, confirm, sign in and out', journey1],
  ['2 registration with errors', journey2],
  ['3 forgotten password', journey3],
  ['4 demo resident signs in by keyboard', journey4],
  ['5 staff: code at sign-in, invitation, second factor enrolment', journey5],
];
for (const [name, run] of plan) {
  journey = { name, pages: 0, failures: 0, step: '', aborted: null };
  journeys.push(journey);
  console.log(`\n== journey ${name}`);
  try {
    await run();
  } catch (e) {
    journey.aborted = e instanceof Stop ? e.message : String(e.stack || e);
    if (!(e instanceof Stop)) fail(journey.step, 'journey', `error: ${journey.aborted}`);
  }
}
journey = null;
await browser.close();

const secs = ((Date.now() - started) / 1000).toFixed(1);
const heaviest = pages.reduce((a, b) => (b.bytes > (a?.bytes ?? -1) ? b : a), null);
console.log('\n== Browser journeys summary ==');
console.log(`base URL:       ${ORIGIN}`);
console.log(`pages checked:  ${pages.length} in ${secs} s`);
if (heaviest) console.log(`heaviest page:  ${heaviest.url} (${heaviest.step}) ${heaviest.bytes} B (limit ${MAX_BYTES} B)`);
for (const j of journeys) {
  const verdict = j.failures ? `FAILED (${j.failures} failure${j.failures > 1 ? 's' : ''}${j.aborted ? `; stopped: ${j.aborted.split('\n')[0]}` : ''})` : 'passed';
  console.log(`  journey ${j.name}: ${j.pages} pages, ${verdict}`);
}
const byCheck = new Map();
for (const f of failures) byCheck.set(f.check, (byCheck.get(f.check) || 0) + 1);
if (byCheck.size) console.log(`failures by check: ${[...byCheck].map(([c, n]) => `${c} ${n}`).join(', ')}`);
const bad = journeys.filter((j) => j.failures).length;
console.log(`journeys: ${journeys.length - bad} passed, ${bad} failed`);
if (process.env.REPORT_JSON) {
  writeFileSync(process.env.REPORT_JSON, JSON.stringify({ origin: ORIGIN, maxBytes: MAX_BYTES, journeys, pages, failures }, null, 2));
}
process.exit(failures.length ? 1 : 0);
