// Hromada browser journeys of the back-office: staff sign in (password and TOTP
// code), work the queue, claim, assign, act on cases through the workflow's
// forms, keep the calendar and apply for a resident at a service centre; the
// resident on the other side answers, sees the decision, answers the survey and
// claims an assisted case — in Debian's Chromium, checking every page reached
// (staff pages included) against the bars of the crawl.
//
//   BASE_URL=http://127.0.0.1:8080 OUTBOX_DIR=DATA_DIR/outbox \
//   DEMO_PEOPLE="$(grep -E '^(resident|operator|officer|supervisor|community_admin|regional_admin|auditor) ' server.log)" \
//   node browser/backoffice.mjs
//
// Environment:
//   BASE_URL       the server (required): a demo without a mail server
//   OUTBOX_DIR     where that server keeps its letters (<data dir>/outbox; required)
//   DEMO_PEOPLE    the lines the demo prints for its people, "ROLE PLACE E-MAIL
//                  PASSWORD [TOTP-SECRET]" (required): the resident of buchanska,
//                  the operator, officer and supervisor of buchanska, the officer of
//                  ternopilska and the regional admin of kyivska
//   JOURNEYS       run only these journeys, by number (e.g. "1 3"); default all
//   MAX_BYTES      page weight limit (default 30720)
//   REPORT_JSON    write a JSON report to this file
//   CHROMIUM       browser executable (default /usr/bin/chromium)
//   HROMADA_BIN    the hromada binary, for the offline check of journey 7 (skipped without it)
//
// Journeys (JavaScript off unless said):
//   1 the whole loop: the demo resident asks for public information; the officer
//     signs in (password, TOTP code), finds the reference in the queue by its
//     filters, takes it on, asks to clarify the request (an empty form refused
//     first); the resident sees the request (and its letter, which quotes it once)
//     and answers; the officer, told by letter, sends the answer with a PDF; the
//     resident sees "Відповідь надано", the answer and its file, answers the survey
//     (an empty answer refused first); the decision letter names the reference; the
//     case has left the officer's open queue
//   2 keyboard only, JavaScript on: the officer signs in and works the queue with
//     Tab, Shift+Tab and Enter — the "Не призначені" filter, "Взяти в роботу" on the
//     row, back to the queue, the "Мої" filter, the case link, the action, its
//     textarea typed into, its button
//   3 supervisor: follows the link of the "new case" letter while signed out and
//     lands on the case after the second step (?next=); filters the queue, ticks the
//     case, assigns it to the officer; the queue filtered by that officer lists it;
//     /staff/overview shows the officer's open cases as the queue counts them
//   4 refusals: an action the workflow does not allow in the case's state (opened,
//     and posted) and one it does not have answer 409 and change nothing; an empty
//     note is refused (422); an internal note is saved and never reaches the
//     resident's status page or letters, while a message does; an officer of
//     another community gets 404 for the case
//   5 assisted application: the operator at /staff/assist (an empty form refused
//     first) applies for a resident without an account (name, identity check,
//     consent), goes through the citizen's appeal (a photo attached), submits, opens
//     the receipt and makes the claim code; the back-office's case page shows the
//     photo and the centre's channel and offers the operator no decision; the
//     resident's letter points to the claim page; a new resident registers
//     (confirmed by the letter), claims the case at /applications/claim (a wrong
//     code refused first, the code typed in lower case with spaces) and finds it in
//     "Мої заяви"; the code does not work twice
//   6 calendar: the regional admin adds a non-working day with a wrong date (422,
//     error summary), then a right one, and removes it
//   7 a document: the resident asks for information, the officer answers and the
//     answer is issued as a document; the officer opens it from the case page
//     (code, holder, QR image), downloads the PDF, whose text (pdftotext) holds the
//     holder's name, the reference, the code and the answer, and whose QR code
//     (pdftoppm, zbarimg) decodes to this installation's verification URL; with the
//     keys of /.well-known/hromada-keys.json `$HROMADA_BIN document verify` says
//     genuine (exit 0); the URL opens "Документ справжній і чинний" with initials
//     only; the code typed in lower case finds it, a wrong one is refused (422); the
//     resident finds it in "Мої документи"; the officer revokes it (a reason
//     required), after which the page, the keys file offline (exit 1) and the
//     resident's timeline say so
//   8 page feedback: a visitor answers "Ні" with a comment under the request's start
//     page; the community admin signs in to /staff/feedback and reads it, reaches it
//     from /account, and gets a 404 for another community's
//
// Every page reached gets the checks of walk.mjs: status, weight, structure, reflow
// at 320 px, 200% zoom, axe-core (WCAG 2.2 A/AA) and origin — pages reached by POST
// included (axe runs over the very response the journey received).
// A TOTP code is accepted once per 30-second step and account (and for the steps
// around now): signing the same person in again uses the next step's code, or waits.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Walk } from './walk.mjs';
import {
  CASE_PAGE, COMMUNITY, ERROR_PREFIX, INFORMATION, RUN, STRONG, choose, collapse, described, field, fillIn, freshCode,
  isButton, isId, isLink, listEnv, pdf, png, questionPage, referenceShown, registerAndConfirm, requestInformation,
  sendCode, sendPassword, signIn,
} from './lib.mjs';

const W = Walk.fromEnv('Browser journeys of the back-office');
const { expect, must } = W;

const INFORMATION_ID = 'zapyt-na-publichnu-informatsiiu';
const INFORMATION_TITLE = 'Запит на публічну інформацію';
const APPEAL_ID = 'zvernennia-hromadian';
const APPEAL_TITLE = 'Звернення громадян';
const LETTER_WAIT_MS = 20000; // the worker polls every 2 s
const HROMADA_BIN = process.env.HROMADA_BIN; // for `hromada document verify` offline

// ---------------------------------------------------------------------------
// The demo's people

/** { 'officer buchanska': { role, place, email, password, secret } } from DEMO_PEOPLE. */
const PEOPLE = new Map();
for (const line of (process.env.DEMO_PEOPLE || '').split('\n')) {
  const [role, place, email, password, secret] = line.trim().split(/\s+/);
  if (role && place && email && password) PEOPLE.set(`${role} ${place}`, { role, place, email, password, secret, key: `${role} ${place}` });
}

function person(role, place = COMMUNITY) {
  const p = PEOPLE.get(`${role} ${place}`);
  must(!!p, `DEMO_PEOPLE names the demo's ${role} of ${place} ("${role} ${place} E-MAIL PASSWORD …")`, `known: ${[...PEOPLE.keys()].join(', ') || 'nobody'}`);
  if (role !== 'resident') must(!!p.secret, `DEMO_PEOPLE gives the TOTP secret of the ${role} of ${place}`);
  return p;
}

/** Names shown for staff (read from the pages: who took a case on). */
const NAMES = {};

// ---------------------------------------------------------------------------
// Files (png, pdf: lib.mjs)

const ANSWER_FILE = { name: 'vidpovid-na-zapyt.pdf', mimeType: 'application/pdf', buffer: pdf('Answer to the request') };
const APPEAL_PHOTO = { name: 'yama-na-dorozi.png', mimeType: 'image/png', buffer: png(24, 16) };

// ---------------------------------------------------------------------------
// Page helpers (field, choose, fillIn, collapse, described: lib.mjs)

/** The state tag of a case page (staff or resident): the first <strong class="tag"> after the <h1>. */
const stateTag = (v) => v.page.evaluate(() => document.querySelector('main h1 ~ p strong.tag')?.textContent.replace(/\s+/g, ' ').trim() ?? '');

/** The notice of the page (role="status" with class notice), if any. */
const notice = (v) => v.page.evaluate(() => document.querySelector('main .notice[role="status"]')?.textContent.replace(/\s+/g, ' ').trim() ?? '');

/** The texts of the timeline's entries. */
const timeline = (v) => v.page.evaluate(() => [...document.querySelectorAll('main ol.timeline > li')].map((li) => li.textContent.replace(/\s+/g, ' ').trim()));

/** Links of <main>'s action list (label → href). */
const actionLinks = (v) =>
  v.page.evaluate(() => Object.fromEntries([...document.querySelectorAll('main .actions-list a')].map((a) => [a.textContent.replace(/\s+/g, ' ').trim(), a.getAttribute('href')])));

/** An error page: title "Помилка: …", the error summary first in <main>, its links to these ids. */
async function expectErrors(v, r, ids, what) {
  expect(r.info.title.startsWith(ERROR_PREFIX), `${what}: the title starts with "${ERROR_PREFIX}"`, `title: ${r.info.title}`);
  const errors = await W.errorsShown(v);
  const hrefs = errors.summary.map((e) => e.href);
  expect(ids.every((id) => hrefs.includes(`#${id}`)), `${what}: the error summary links to ${ids.map((i) => `#${i}`).join(', ')}`, JSON.stringify(errors.summary));
  const first = await v.page.evaluate(() => document.querySelector('main')?.firstElementChild?.getAttribute('role') ?? '');
  expect(first === 'alert', `${what}: the error summary (role="alert") is the first thing in <main>`);
  const targets = await v.page.evaluate((hs) => hs.filter((h) => !document.getElementById(h.slice(1))), hrefs);
  expect(targets.length === 0, `${what}: every link of the error summary leads to a field that exists`, targets.join(', '));
  for (const id of ids) {
    const state = await v.page.evaluate((i) => {
      const el = document.getElementById(i);
      // A group's error is on its fieldset (aria-describedby), its first input carries the id.
      const described = el?.getAttribute('aria-describedby') || el?.closest('fieldset')?.getAttribute('aria-describedby') || '';
      return { described, message: document.getElementById(`${i}-error`)?.textContent.replace(/\s+/g, ' ').trim() ?? '' };
    }, id);
    expect(state.message !== '' && state.described.includes(`${id}-error`), `${what}: the field #${id} shows its error and is described by it`, JSON.stringify(state));
  }
  return errors;
}

/** A row of the queue table by its reference: { present, assignee, state, claim } */
const queueRow = (v, reference) =>
  v.page.evaluate((ref) => {
    const row = [...document.querySelectorAll('main table.queue tbody tr')].find((tr) => tr.querySelector('th a')?.textContent.trim() === ref);
    if (!row) return null;
    const cells = [...row.children];
    const th = row.querySelector('th');
    const i = cells.indexOf(th);
    const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim() ?? '';
    return {
      href: th.querySelector('a').getAttribute('href'),
      service: text(cells[i + 1]),
      state: text(cells[i + 2]),
      assignee: text(cells[i + 3].childNodes[0]),
      claim: !!cells[i + 3].querySelector('button'),
    };
  }, reference);

/** The references the queue shows. */
const queueReferences = (v) => v.page.evaluate(() => [...document.querySelectorAll('main table.queue tbody th a')].map((a) => a.textContent.trim()));

/** The number in the queue's count ("3 заяви"). */
async function queueTotal(v) {
  const text = collapse(await v.page.locator('main p[role="status"]').first().textContent().catch(() => ''));
  const n = /\d+/.exec(text);
  must(!!n, 'the queue says how many cases it holds', `shown: ${text}`);
  return Number(n[0]);
}

/** Waits for the letter to `address` whose subject holds `subject` (the worker sends them). */
async function letter(address, subject, after, what) {
  const l = await W.newestLetter(address, { after, waitMs: LETTER_WAIT_MS, match: (x) => x.subject.includes(subject) });
  must(!!l, `${what}: a letter to ${address} with the subject "${subject}…" in ${W.outboxDir} within ${LETTER_WAIT_MS / 1000} s`);
  return l;
}

// ---------------------------------------------------------------------------
// Unchecked navigation: the setup of a journey (a case to work on). The pages of
// the resident's journey are checked by applications.mjs and by journey 1 here.

async function quick(v, what, action) {
  W.journey.step = what;
  W.lastVisitor = v;
  const docs = [];
  const onResponse = (r) => {
    if (r.request().isNavigationRequest() && r.frame() === v.page.mainFrame()) docs.push(r);
  };
  v.page.on('response', onResponse);
  try {
    await W.navigate(v, action);
  } catch (e) {
    must(false, `${what}: no page loaded`, String(e.message || e).split('\n')[0], v);
  } finally {
    v.page.off('response', onResponse);
  }
  const status = docs.length ? docs[docs.length - 1].status() : 0;
  const url = new URL(v.page.url());
  must(status > 0 && status < 400, `${what}: the page answers`, `${W.shown(url.href)} answered ${status}`, v);
  return url;
}

const quickPress = (v, what, name) => quick(v, what, (p) => p.locator('main').getByRole('button', { name, exact: true }).first().click());

/**
 * Without an account, JavaScript off: a request for public information is sent.
 * Returns { v (the requester's browser, which owns the case), id, reference, email, submittedAt }.
 */
async function newRequest(label, text) {
  const v = await W.newVisitor();
  const email = `${label.replace(/\W+/g, '-')}-${RUN}@example.org`;
  await quick(v, `${label}: start page`, (p) => p.goto(new URL(INFORMATION, W.origin).href));
  let u = await quickPress(v, `${label}: Start`, 'Почати');
  const id = Number(CASE_PAGE.exec(u.pathname)?.[1]);
  must(Number.isFinite(id), `${label}: Start opens the first page of the request`, W.shown(u.href), v);
  await fillIn(v, { 'Опишіть інформацію або документ': text });
  await choose(v, 'Чи потрібна інформація, щоб захистити чиєсь життя чи свободу?', 'Ні');
  await quickPress(v, `${label}: request`, 'Продовжити');
  await choose(v, 'Спосіб отримання відповіді', 'Електронною поштою');
  await quickPress(v, `${label}: answer way`, 'Продовжити');
  await choose(v, 'Хто подає запит?', 'Я особисто');
  await fillIn(v, { 'Прізвище, ім’я, по батькові': 'Бойко Василь Петрович', 'Електронна пошта': email });
  await quickPress(v, `${label}: contact`, 'Продовжити');
  await field(v, /^Я підтверджую, що мої контакти вказані правильно/).check();
  u = await quickPress(v, `${label}: declaration`, 'Продовжити');
  must(u.pathname === `/applications/${id}/check`, `${label}: the check page follows`, W.shown(u.href), v);
  const submittedAt = Date.now();
  u = await quickPress(v, `${label}: submitted`, 'Надіслати заяву');
  must(u.pathname === `/applications/${id}/done`, `${label}: submitting leads to the confirmation`, W.shown(u.href), v);
  const reference = await referenceShown(W, v);
  console.log(`  ${label}: case ${id}, ${reference}`);
  return { v, id, reference, email, submittedAt };
}

// ---------------------------------------------------------------------------
// Signing in

/** The demo resident signs in with the form (checked pages); ends on /account. */
async function residentSignIn(v, who, label = 'resident') {
  const r = await signIn(W, v, who, label);
  must(r.path === '/account', `${label}: signing in leads to /account`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  return r;
}

/**
 * A staff member opens `via` signed out, is sent to the sign-in form, gives the
 * password and a TOTP code. With `expectNext`, landing where they were going is a
 * check; otherwise a landing on /account goes on to `via` by the queue link or
 * the address. Every page on the way is checked. Returns the page of `via`.
 */
async function staffSignIn(v, who, { via = '/staff', label = who.role, expectNext = false } = {}) {
  const target = new URL(via, W.origin);
  let r = await W.go(v, `${label}: ${target.pathname} while signed out`, via);
  must(r.path === '/account/sign-in', `${label}: ${target.pathname} sends a signed-out visitor to the sign-in form`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  expect(new URL(r.url).searchParams.get('next') === target.pathname, `${label}: the sign-in form keeps where they were going (?next=${target.pathname})`, W.shown(r.url));
  r = await sendPassword(W, v, `${label}: password sent`, who);
  must(r.path === '/account/sign-in/code', `${label}: after the password, staff are asked for a code`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  expect(r.h1 === 'Введіть код для входу', `${label}: the code page is titled "Введіть код для входу"`, `h1: ${r.h1}`);
  r = await sendCode(W, v, `${label}: code sent`, await freshCode(who));
  if (expectNext) {
    expect(r.path === target.pathname, `${label}: after the second step, staff land where they were going (${target.pathname}, the link they opened)`,
      `landed on ${W.shown(r.url)} (h1 "${r.h1}"): the ?next= of the sign-in form is dropped after the code`);
  }
  if (r.path === target.pathname) return r;
  must(r.path === '/account', `${label}: the code signs in (to /account or ${target.pathname})`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  if (target.pathname === '/staff') {
    r = await W.follow(v, `${label}: "Робоча черга" from the account page`, 'Робоча черга');
  } else {
    r = await W.go(v, `${label}: ${target.pathname} again`, via);
  }
  must(r.path === target.pathname, `${label}: signed in, ${target.pathname} opens`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  return r;
}

/** The officer's name as pages show it (read from /account in a throwaway browser if no journey showed it yet). */
async function officerName() {
  if (NAMES.officer) return NAMES.officer;
  const officer = person('officer');
  const v = await W.newVisitor();
  try {
    await quick(v, 'officer name: sign-in form', (p) => p.goto(new URL('/account/sign-in', W.origin).href));
    await fillIn(v, { 'Адреса електронної пошти': officer.email, Пароль: officer.password });
    await quickPress(v, 'officer name: password', 'Увійти');
    await field(v, 'Код із застосунку').fill(await freshCode(officer));
    await quickPress(v, 'officer name: code', 'Увійти');
    NAMES.officer = await described(v, 'Ім’я') ?? (await described(v, 'Ім’я та прізвище'));
    must(!!NAMES.officer, 'the officer\'s /account shows their name', (await W.mainText(v)).slice(0, 400));
    return NAMES.officer;
  } finally {
    await W.closeVisitor(v);
  }
}

/** The signed-in demo resident asks Bucha for public information (`request`): the case id and reference. */
async function askForInformation(rv, resident, request) {
  await residentSignIn(rv, resident);
  const id = await requestInformation(W, rv, { request, name: 'Коваль Олена Петрівна', email: resident.email, prefix: 'resident: ' });
  const r = await W.press(rv, 'resident: submitted', 'Надіслати заяву');
  must(r.path === `/applications/${id}/done`, 'submitting leads to the confirmation page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  const reference = await referenceShown(W, rv);
  console.log(`  case ${id}, ${reference}`);
  return { id, reference };
}

// ---------------------------------------------------------------------------
// Journey 1: the whole loop

async function journey1() {
  const resident = person('resident');
  const officer = person('officer');
  const rv = await W.newVisitor();
  const ov = await W.newVisitor();
  try {
    // -- the resident asks for public information ------------------------------------------
    const request = `Копія договору на ремонт вулиці Вокзальної за 2025 рік (${RUN}).`;
    const { id, reference } = await askForInformation(rv, resident, request);
    let r;

    // -- the officer finds it in the queue and takes it on -----------------------------------
    r = await staffSignIn(ov, officer, { label: 'officer' });
    expect(r.h1 === 'Робоча черга', 'the queue is titled "Робоча черга"', `h1: ${r.h1}`);
    await ov.page.locator('main select#service').selectOption(INFORMATION_ID);
    await ov.page.locator('main select#assignee').selectOption('none');
    await ov.page.locator('main select#sort').selectOption('newest');
    r = await W.press(ov, 'officer: queue filtered (service, unassigned, newest first)', 'Показати');
    const query = new URL(r.url).searchParams;
    expect(r.path === '/staff' && query.get('service') === INFORMATION_ID && query.get('assignee') === 'none' && query.get('sort') === 'newest',
      'the filters are in the address of the queue (a GET form)', W.shown(r.url));
    let row = await queueRow(ov, reference);
    must(!!row, `the filtered queue lists ${reference}`, `listed: ${(await queueReferences(ov)).join(', ')}`);
    expect(row.href === `/staff/cases/${id}`, 'the reference links to the case page', row.href);
    expect(row.service.startsWith(INFORMATION_TITLE) && row.state === 'Подано' && row.assignee === 'Не призначено' && row.claim,
      `the row says: ${INFORMATION_TITLE}, "Подано", "Не призначено", with "Взяти в роботу"`, JSON.stringify(row));
    const selected = await ov.page.evaluate(() => ({ service: document.getElementById('service')?.value, assignee: document.getElementById('assignee')?.value }));
    expect(selected.service === INFORMATION_ID && selected.assignee === 'none', 'the filter form shows the filters chosen', JSON.stringify(selected));
    r = await W.press(ov, 'officer: "Взяти в роботу" on the row', `Взяти в роботу ${reference}`);
    must(r.path === `/staff/cases/${id}`, 'taking it on opens the case page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect(r.h1 === reference, 'the case page is headed by the reference', `h1: ${r.h1}`);
    expect((await stateTag(ov)) === 'На розгляді', 'taking it on takes the workflow\'s claim step: "На розгляді"', `state: ${await stateTag(ov)}`);
    NAMES.officer = await described(ov, 'Виконавець');
    must(!!NAMES.officer && NAMES.officer !== 'Не призначено', 'the case page names the officer as the assignee', `Виконавець: ${NAMES.officer}`);
    console.log(`  officer: ${NAMES.officer}`);
    let text = await W.mainText(ov);
    expect(text.includes(request), 'the case page shows the applicant\'s answers', text.slice(0, 800));
    let actions = await actionLinks(ov);
    expect(!!actions['Попросити уточнити запит'] && !!actions['Надати відповідь'] && !actions['Взяти в роботу'],
      'the actions of "На розгляді" are offered (ask to clarify, answer…), the claim step no more', JSON.stringify(actions));
    expect(await ov.page.locator('main').getByRole('button', { name: 'Взяти в роботу', exact: true }).count() === 0, 'a case taken on offers no "Взяти в роботу"');

    // -- the officer asks to clarify ---------------------------------------------------------
    r = await W.follow(ov, 'officer: "Попросити уточнити запит"', 'Попросити уточнити запит');
    must(r.path === `/staff/cases/${id}/act/request_information`, 'the action link opens its form', W.shown(r.url));
    expect(r.h1 === 'Попросити уточнити запит', 'the form is titled by the action', `h1: ${r.h1}`);
    r = await W.press(ov, 'officer: the request sent empty', 'Попросити уточнити запит', { status: 422 });
    await expectErrors(ov, r, ['message'], 'an empty request for information');
    const question = `Уточніть, будь ласка, за який період потрібен договір і чи потрібні додатки (${RUN}).`;
    await fillIn(ov, { 'Що потрібно уточнити': question });
    let asked = Date.now();
    r = await W.press(ov, 'officer: request for information sent', 'Попросити уточнити запит');
    must(r.path === `/staff/cases/${id}`, 'the action returns to the case page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await notice(ov)) === 'Готово.', 'the case page says "Готово." (role="status")', `notice: ${await notice(ov)}`);
    expect((await stateTag(ov)) === 'Очікуємо уточнення запиту', 'the case waits for the resident', `state: ${await stateTag(ov)}`);
    expect((await described(ov, 'Рішення — не пізніше') ?? '').includes('строк зупинено'), 'the due date says the clock is stopped', await described(ov, 'Рішення — не пізніше'));
    expect((await timeline(ov)).some((e) => e.includes(question)), 'the timeline shows the request', (await timeline(ov)).join('\n'));

    // -- the resident sees it and answers ----------------------------------------------------------
    const requested = await letter(resident.email, `Громада просить уточнити заяву ${reference}`, asked - 2000, 'the request for information');
    expect(requested.body.includes(question), 'the letter quotes the request', requested.body);
    expect(requested.body.split('Що потрібно уточнити').length - 1 <= 1, 'the letter quotes the request once, not the staff form\'s label again ("Що потрібно уточнити:" twice)', requested.body);
    expect(requested.body.includes(`/applications/${id}/status`), 'the letter links to the status page', requested.body);
    r = await W.go(rv, 'resident: status page while the office waits', `/applications/${id}/status`);
    expect((await stateTag(rv)) === 'Очікуємо уточнення запиту', 'the resident sees "Очікуємо уточнення запиту"', `state: ${await stateTag(rv)}`);
    text = await W.mainText(rv);
    expect(text.includes(`Громада просить уточнити: «${question}»`), 'the status page shows what the office asks', text.slice(0, 800));
    expect(await rv.page.locator('main h2#reply-h').textContent().then(collapse).catch(() => '') === 'Надіслати уточнення', 'the reply form is headed "Надіслати уточнення"');
    const answer = `Потрібен договір за 2025 рік разом з усіма додатками (${RUN}).`;
    await fillIn(rv, { Повідомлення: answer });
    const answered = Date.now();
    r = await W.press(rv, 'resident: answer sent', 'Надіслати');
    must(r.path === `/applications/${id}/status`, 'the answer returns to the status page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await notice(rv)) === 'Повідомлення надіслано.', 'the status page says "Повідомлення надіслано."', `notice: ${await notice(rv)}`);
    expect((await stateTag(rv)) === 'На розгляді', 'answering moves the case back to "На розгляді"', `state: ${await stateTag(rv)}`);

    // -- the officer hears, and answers the request ----------------------------------------------
    const told = await letter(officer.email, `Заявник відповів на запит: ${reference}`, answered - 2000, 'the officer is told of the answer');
    expect(told.body.includes(`/staff/cases/${id}`), 'the officer\'s letter links to the case page', told.body);
    r = await W.go(ov, 'officer: case page after the answer', `/staff/cases/${id}`);
    expect((await stateTag(ov)) === 'На розгляді', 'the officer sees "На розгляді"', `state: ${await stateTag(ov)}`);
    expect((await timeline(ov)).some((e) => e.includes(answer) && e.includes('заявник')), 'the timeline shows the resident\'s answer, by the applicant', (await timeline(ov)).join('\n'));
    r = await W.follow(ov, 'officer: "Надати відповідь"', 'Надати відповідь');
    must(r.path === `/staff/cases/${id}/act/approve`, 'the action link opens its form', W.shown(r.url));
    const reply = `Надсилаємо копію договору № 17 від 03.03.2025 з додатками (${RUN}).`;
    await fillIn(ov, { Відповідь: reply });
    await field(ov, 'Документи, що додаються до відповіді').setInputFiles(ANSWER_FILE);
    const decided = Date.now();
    r = await W.press(ov, 'officer: answer sent with a PDF', 'Надати відповідь');
    must(r.path === `/staff/cases/${id}`, 'the action returns to the case page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await stateTag(ov)) === 'Відповідь надано', 'the case is "Відповідь надано"', `state: ${await stateTag(ov)}`);
    actions = await actionLinks(ov);
    expect(Object.keys(actions).length === 0, 'a decided case offers no more actions', JSON.stringify(actions));
    expect(await ov.page.locator('main textarea#message').count() === 0, 'a decided case offers no message form');
    expect((await timeline(ov)).some((e) => e.includes(reply) && e.includes(ANSWER_FILE.name)), 'the timeline shows the answer and its file', (await timeline(ov)).join('\n'));

    // -- the resident sees the decision, and answers the survey -------------------------------
    r = await W.go(rv, 'resident: status page after the decision', `/applications/${id}/status`);
    expect((await stateTag(rv)) === 'Відповідь надано', 'the resident sees "Відповідь надано"', `state: ${await stateTag(rv)}`);
    text = await W.mainText(rv);
    expect(text.includes(reply), 'the status page shows the answer', text.slice(0, 1200));
    const fileLink = rv.page.locator('main ol.timeline a', { hasText: ANSWER_FILE.name });
    if (expect(await fileLink.count() === 1, `the timeline links to ${ANSWER_FILE.name}`)) {
      const res = await rv.ctx.request.get(new URL(await fileLink.getAttribute('href'), W.origin).href);
      const body = await res.body();
      expect(res.status() === 200 && Buffer.compare(body, ANSWER_FILE.buffer) === 0, 'the resident downloads the answer\'s file as uploaded', `status ${res.status()}, ${body.length} B`);
    }
    expect(await rv.page.locator('main textarea#message').count() === 0, 'a decided case has no reply form');
    // Who at the office opened the case: from the audit trail, newest first.
    expect(text.includes('Хто в громаді відкривав вашу заяву') && text.includes('Переглянуто заяву') && text.includes('(Посадова особа), Бучанська громада'),
      'the status page shows who at the office opened the case', text.slice(0, 2000));
    expect(/Працівник № \d+ \(Посадова особа\)/.test(text), 'openings name a staff number, never a name', text.slice(0, 2000));
    r = await W.go(rv, 'resident: every time the office opened the case', `/applications/${id}/opened`);
    text = await W.mainText(rv);
    expect((text.match(/Переглянуто заяву/g) || []).length >= 1 && /Працівник № \d+/.test(text), 'the full list names what was opened and by which staff number', text.slice(0, 1200));
    r = await W.go(rv, 'resident: status page again', `/applications/${id}/status`);
    must(await rv.page.locator('main section.survey form').count() === 1, 'the status page asks the survey', text.slice(0, 1200));
    r = await W.press(rv, 'resident: survey sent empty', 'Надіслати відповідь', { status: 422 });
    await expectErrors(rv, r, ['score'], 'an empty survey');
    await choose(rv, 'Наскільки ви задоволені тим, як розглянули вашу заяву?', '4 — скоріше задоволені');
    const comment = 'Дякую, відповіли швидко. Додатки варто було б надіслати одним файлом.';
    await fillIn(rv, { 'Що можна зробити краще? (необов’язково)': comment });
    r = await W.press(rv, 'resident: survey answered', 'Надіслати відповідь');
    must(r.path === `/applications/${id}/status`, 'the survey returns to the status page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await notice(rv)) === 'Дякуємо за відповідь!', 'the status page thanks for the answer', `notice: ${await notice(rv)}`);
    expect((await described(rv, 'Ваша оцінка')) === '4 — скоріше задоволені' && (await described(rv, 'Ваш коментар')) === comment,
      'the status page shows the score and the comment given', `${await described(rv, 'Ваша оцінка')} / ${await described(rv, 'Ваш коментар')}`);
    expect(await rv.page.locator('main section.survey form').count() === 0, 'the survey is asked once');

    // -- the decision letter ------------------------------------------------------------------------
    const decision = await letter(resident.email, `Рішення щодо заяви ${reference}`, decided - 2000, 'the decision');
    expect(decision.body.includes(reference), 'the decision letter names the reference', decision.body);
    expect(decision.body.includes('Відповідь надано') && decision.body.includes(reply), 'the decision letter gives the state and the answer', decision.body);
    expect(decision.body.includes(`/applications/${id}/status`), 'the decision letter links to the status page', decision.body);

    // -- the case has left the open queue --------------------------------------------------------
    r = await W.go(ov, 'officer: my open cases', '/staff?assignee=me');
    expect(!(await queueReferences(ov)).includes(reference), 'a decided case is no longer in the officer\'s open queue', (await queueReferences(ov)).join(', '));
  } finally {
    await W.closeVisitor(rv);
    await W.closeVisitor(ov);
  }
}

// ---------------------------------------------------------------------------
// Journey 2: keyboard only, JavaScript on, on the staff side

const isLinkLike = (source) => document.activeElement?.tagName === 'A' && new RegExp(source).test(document.activeElement.textContent.replace(/\s+/g, ' ').trim());

async function journey2() {
  const officer = person('officer');
  const setup = await newRequest('journey2-requester', `Перелік об’єктів благоустрою, відремонтованих у 2025 році (${RUN}).`);
  await W.closeVisitor(setup.v);
  const { id, reference } = setup;
  const v = await W.newVisitor({ javaScript: true });
  const kb = v.page.keyboard;
  const stops = (what, list) => console.log(`  Tab stops to ${what}: ${list.join(' → ')}`);
  try {
    // -- sign in by keyboard --------------------------------------------------------------------
    let r = await W.go(v, 'officer: /staff while signed out', '/staff');
    must(r.path === '/account/sign-in', '/staff sends a signed-out visitor to the sign-in form', W.shown(r.url));
    stops('the e-mail field', await W.tabTo(v, 'the e-mail field', isId, 'email'));
    await kb.type(officer.email);
    await kb.press('Tab');
    must(await v.page.evaluate(isId, 'password'), 'Tab moves on to the password field', `focused: ${await W.focused(v)}`);
    await kb.type(officer.password);
    r = await W.step(v, 'officer: password sent with Enter', () => kb.press('Enter'));
    must(r.path === '/account/sign-in/code', 'the code is asked', W.shown(r.url));
    await W.tabTo(v, 'the code field', isId, 'code');
    await kb.type(await freshCode(officer));
    r = await W.step(v, 'officer: code sent with Enter', () => kb.press('Enter'));
    if (r.path === '/account') {
      stops('"Робоча черга"', await W.tabTo(v, 'the link "Робоча черга"', isLink, 'Робоча черга'));
      r = await W.step(v, 'officer: "Робоча черга" with Enter', () => kb.press('Enter'));
    }
    must(r.path === '/staff', 'the officer reaches the queue', `at ${W.shown(r.url)} (h1 "${r.h1}")`);

    // -- the "Не призначені" filter, then "Взяти в роботу" on the row --------------------------
    stops('"Не призначені"', await W.tabTo(v, 'the filter "Не призначені (N)"', isLinkLike, '^Не призначені \\(\\d+\\)$'));
    r = await W.step(v, 'officer: "Не призначені" with Enter', () => kb.press('Enter'));
    expect(r.path === '/staff' && new URL(r.url).searchParams.get('assignee') === 'none', 'the filter shows the unassigned cases', W.shown(r.url));
    const current = await v.page.evaluate(() => document.querySelector('main a[aria-current="page"]')?.textContent.trim() ?? '');
    expect(/^Не призначені \(\d+\)$/.test(current), 'the chosen filter is marked aria-current="page"', `current: ${current}`);
    must(!!(await queueRow(v, reference)), `the unassigned queue lists ${reference}`, (await queueReferences(v)).join(', '));
    stops(`"Взяти в роботу ${reference}"`, await W.tabTo(v, `the button "Взяти в роботу ${reference}"`, isButton, `Взяти в роботу ${reference}`, { max: 150 }));
    r = await W.step(v, 'officer: "Взяти в роботу" with Enter', () => kb.press('Enter'));
    must(r.path === `/staff/cases/${id}`, 'taking it on opens the case page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await stateTag(v)) === 'На розгляді', 'the case is "На розгляді"', `state: ${await stateTag(v)}`);

    // -- back to the queue: "Мої", the case link -----------------------------------------------------
    stops('the breadcrumb "Робоча черга"', await W.tabTo(v, 'the link "Робоча черга"', isLink, 'Робоча черга'));
    r = await W.step(v, 'officer: "Робоча черга" with Enter', () => kb.press('Enter'));
    must(r.path === '/staff', 'the breadcrumb leads to the queue', W.shown(r.url));
    stops('"Мої"', await W.tabTo(v, 'the filter "Мої (N)"', isLinkLike, '^Мої \\(\\d+\\)$'));
    r = await W.step(v, 'officer: "Мої" with Enter', () => kb.press('Enter'));
    expect(r.path === '/staff' && new URL(r.url).searchParams.get('assignee') === 'me', 'the filter shows the officer\'s cases', W.shown(r.url));
    const row = await queueRow(v, reference);
    must(!!row, `"Мої" lists ${reference}`, (await queueReferences(v)).join(', '));
    expect(row.assignee === NAMES.officer || !NAMES.officer, 'the row names the officer', JSON.stringify(row));
    stops(`the case link ${reference}`, await W.tabTo(v, `the link "${reference}"`, isLink, reference, { max: 150 }));
    r = await W.step(v, 'officer: case link with Enter', () => kb.press('Enter'));
    must(r.path === `/staff/cases/${id}`, 'the link opens the case page', W.shown(r.url));

    // -- an action: Tab to it, Enter, type into its textarea, Tab to its button, Enter ----------
    stops('"Попросити уточнити запит"', await W.tabTo(v, 'the action "Попросити уточнити запит"', isLink, 'Попросити уточнити запит'));
    r = await W.step(v, 'officer: the action with Enter', () => kb.press('Enter'));
    must(r.path === `/staff/cases/${id}/act/request_information`, 'the action opens its form', W.shown(r.url));
    stops('the textarea', await W.tabTo(v, 'the textarea "Що потрібно уточнити"', isId, 'message'));
    const question = `Уточніть, будь ласка, адреси об’єктів (${RUN}).`;
    await kb.type(question);
    const typed = await v.page.evaluate(() => document.getElementById('message')?.value);
    expect(typed === question, 'the textarea holds what was typed', typed);
    await kb.press('Tab');
    const next = await W.focused(v);
    expect(await v.page.evaluate(isButton, 'Попросити уточнити запит'), 'Tab from the textarea moves on to the form\'s button', `focused: ${next}`);
    if (!(await v.page.evaluate(isButton, 'Попросити уточнити запит'))) await W.tabTo(v, 'the button "Попросити уточнити запит"', isButton, 'Попросити уточнити запит');
    r = await W.step(v, 'officer: request sent with Enter', () => kb.press('Enter'));
    must(r.path === `/staff/cases/${id}`, 'the action returns to the case page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await stateTag(v)) === 'Очікуємо уточнення запиту', 'the case waits for the resident', `state: ${await stateTag(v)}`);
    expect((await timeline(v)).some((e) => e.includes(question)), 'the timeline shows the request typed', (await timeline(v)).join('\n'));
    // Shift+Tab walks back: from the "Дії" list's end to the case's actions.
    await W.tabTo(v, 'the note field', isId, 'note', { max: 80 });
    await kb.press('Shift+Tab');
    const back = await W.focused(v);
    expect(!back.startsWith('textarea#note') && back !== '(nothing)', 'Shift+Tab from the note field moves the focus back', `focused: ${back}`);
  } finally {
    await W.closeVisitor(v);
  }
}

// ---------------------------------------------------------------------------
// Journey 3: the supervisor assigns, and sees the workload

async function journey3() {
  const supervisor = person('supervisor');
  const setup = await newRequest('journey3-requester', `Штатний розпис виконавчого комітету на 2026 рік (${RUN}).`);
  await W.closeVisitor(setup.v);
  const { id, reference, submittedAt } = setup;
  const name = await officerName();
  const sv = await W.newVisitor();
  try {
    // -- the letter of a new case, opened signed out -------------------------------------------------
    const news = await letter(supervisor.email, `Нова заява ${reference}`, submittedAt - 2000, 'the supervisor hears of the new case');
    const link = /https?:\/\/\S+\/staff\/cases\/\d+/.exec(news.body)?.[0];
    must(!!link, 'the letter links to the case page', news.body);
    must(new URL(link).origin === W.origin && new URL(link).pathname === `/staff/cases/${id}`, `the link points at /staff/cases/${id} on this server`, link);
    let r = await staffSignIn(sv, supervisor, { via: link, label: 'supervisor', expectNext: true });
    expect(r.h1 === reference && (await described(sv, 'Виконавець')) === 'Не призначено', 'the case page shows the new, unassigned case', `h1: ${r.h1}`);
    r = await W.follow(sv, 'supervisor: breadcrumb "Робоча черга"', 'Робоча черга', { scope: 'nav.crumbs' });
    must(r.path === '/staff', 'the breadcrumb leads to the queue', W.shown(r.url));

    // -- assign: tick, choose the officer, "Призначити" ------------------------------------------------
    await sv.page.locator('main select#service').selectOption(INFORMATION_ID);
    await sv.page.locator('main select#assignee').selectOption('none');
    await sv.page.locator('main select#sort').selectOption('newest');
    r = await W.press(sv, 'supervisor: queue filtered', 'Показати');
    must(!!(await queueRow(sv, reference)), `the filtered queue lists ${reference}`, (await queueReferences(sv)).join(', '));
    await field(sv, `Вибрати заяву ${reference}`).check();
    const options = await sv.page.locator('main select#assign-to option').allTextContents();
    must(options.map(collapse).includes(name), `"Призначити вибрані заяви" offers the officer ${name}`, options.join(' | '));
    await field(sv, 'Призначити вибрані заяви').selectOption({ label: name });
    r = await W.press(sv, 'supervisor: assigned', 'Призначити');
    must(r.path === '/staff', 'assigning returns to the queue', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    const said = await notice(sv);
    expect(said !== '', 'the queue confirms the assignment (a notice with role="status", as after other actions)',
      `nothing says it was done; the address carries ${new URL(r.url).search} but the page shows no notice`);

    // -- the queue by that officer, and the overview ---------------------------------------------------
    const officerValue = await sv.page.locator('main select#assignee option', { hasText: name }).first().getAttribute('value');
    await sv.page.locator('main select#service').selectOption('');
    await sv.page.locator('main select#assignee').selectOption(officerValue);
    await sv.page.locator('main select#due').selectOption('');
    r = await W.press(sv, `supervisor: queue of ${name}`, 'Показати');
    const row = await queueRow(sv, reference);
    must(!!row, `the queue of ${name} lists ${reference}`, (await queueReferences(sv)).join(', '));
    expect(row.assignee === name && !row.claim, `the row names ${name} and offers no "Взяти в роботу"`, JSON.stringify(row));
    const open = await queueTotal(sv);
    r = await W.follow(sv, 'supervisor: "Навантаження працівників"', 'Навантаження працівників');
    must(r.path === '/staff/overview', 'the link leads to /staff/overview', W.shown(r.url));
    expect(r.h1 === 'Навантаження працівників', 'the overview is titled "Навантаження працівників"', `h1: ${r.h1}`);
    const tables = await sv.page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('main table')].map((t) => [
          t.querySelector('caption')?.textContent.trim(),
          Object.fromEntries([...t.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th')?.textContent.trim(), [...tr.querySelectorAll('td')].map((td) => Number(td.textContent.trim()))])),
        ]),
      ),
    );
    const mine = tables['За виконавцями']?.[name];
    expect(!!mine && mine[0] === open, `the overview shows ${name} with ${open} open cases, as the queue counts them`, JSON.stringify(tables));
    const byService = tables['За послугами']?.[INFORMATION_TITLE];
    expect(!!byService && byService[0] >= 1, `the overview counts the open cases of "${INFORMATION_TITLE}"`, JSON.stringify(tables['За послугами'] ?? {}));
  } finally {
    await W.closeVisitor(sv);
  }
}

// ---------------------------------------------------------------------------
// Journey 4: refusals, internal notes

async function journey4() {
  const officer = person('officer');
  const stranger = person('officer', 'ternopilska');
  const setup = await newRequest('journey4-requester', `Протоколи засідань постійної комісії з питань бюджету за 2025 рік (${RUN}).`);
  const { v: rv, id, reference, email } = setup;
  const ov = await W.newVisitor();
  try {
    await staffSignIn(ov, officer, { label: 'officer' });
    let r = await W.go(ov, 'officer: the new case', `/staff/cases/${id}`);
    expect((await stateTag(ov)) === 'Подано', 'the new case is "Подано"', `state: ${await stateTag(ov)}`);
    const before = (await timeline(ov)).length;

    // -- an action the workflow does not allow now: 409, nothing changes --------------------------
    r = await W.go(ov, 'officer: "approve" opened on a case just submitted', `/staff/cases/${id}/act/approve`, { status: 409 });
    expect(r.h1 === 'Цю дію зараз виконати не можна', 'the refusal says "Цю дію зараз виконати не можна"', `h1: ${r.h1}`);
    r = await W.go(ov, 'officer: an action the workflow does not have', `/staff/cases/${id}/act/launch`, { status: 409 });
    expect(r.h1 === 'Цю дію зараз виконати не можна', 'an unknown action is refused alike', `h1: ${r.h1}`);
    // Posted anyway (the form of the note, pointed at the action): refused, nothing recorded.
    r = await W.go(ov, 'officer: the case again', `/staff/cases/${id}`);
    await ov.page.evaluate((cid) => {
      const form = document.querySelector(`main form[action="/staff/cases/${cid}/note"]`);
      form.setAttribute('action', `/staff/cases/${cid}/act/approve`);
      form.querySelector('textarea').setAttribute('name', 'reply_text');
    }, id);
    await field(ov, 'Нотатка (заявник її не бачить)').fill('Відповідь, якої ще не може бути.');
    r = await W.press(ov, 'officer: "approve" posted on a case just submitted', 'Зберегти нотатку', { status: 409 });
    r = await W.go(ov, 'officer: the case after the refusals', `/staff/cases/${id}`);
    expect((await stateTag(ov)) === 'Подано' && (await timeline(ov)).length === before, 'the refused actions changed nothing', `state: ${await stateTag(ov)}; ${(await timeline(ov)).join('\n')}`);

    // -- an internal note, refused empty first; a message --------------------------------------------
    r = await W.press(ov, 'officer: empty note', 'Зберегти нотатку', { status: 422 });
    await expectErrors(ov, r, ['note'], 'an empty note');
    const note = `Внутрішнє: перевірити, чи протоколи вже оприлюднені на сайті (${RUN}).`;
    await fillIn(ov, { 'Нотатка (заявник її не бачить)': note });
    r = await W.press(ov, 'officer: note saved', 'Зберегти нотатку');
    must(r.path === `/staff/cases/${id}`, 'the note returns to the case page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await notice(ov)) === 'Готово.', 'the case page says "Готово."', `notice: ${await notice(ov)}`);
    expect((await timeline(ov)).some((e) => e.includes(note) && e.includes('Внутрішня нотатка') && e.includes('внутрішня')), 'the timeline shows the note, marked internal', (await timeline(ov)).join('\n'));
    const message = `Протоколи будуть готові до кінця тижня (${RUN}).`;
    await fillIn(ov, { 'Повідомлення (заявник отримає його листом)': message });
    const sent = Date.now();
    r = await W.press(ov, 'officer: message to the requester', 'Надіслати заявникові');
    must(r.path === `/staff/cases/${id}`, 'the message returns to the case page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await timeline(ov)).some((e) => e.includes(message) && e.includes('Повідомлення заявникові')), 'the timeline shows the message', (await timeline(ov)).join('\n'));

    // -- the requester sees the message, never the note ---------------------------------------------
    r = await W.go(rv, 'requester: status page', `/applications/${id}/status`);
    const text = await W.mainText(rv);
    expect(text.includes(message), 'the status page shows the office\'s message', text.slice(0, 1200));
    expect(!text.includes(note) && !text.includes('Внутрішня нотатка'), 'the status page does not show the internal note', text.slice(0, 1200));
    const html = await rv.page.content();
    expect(!html.includes(note), 'the internal note is nowhere in the status page\'s HTML');
    const mail = await letter(email, `Нове повідомлення щодо заяви ${reference}`, sent - 2000, 'the message is e-mailed');
    expect(mail.body.includes(message) && !mail.body.includes(note), 'the letter carries the message, not the note', mail.body);

    // -- an officer of another community gets 404 -----------------------------------------------------
    const tv = await W.newVisitor();
    try {
      await staffSignIn(tv, stranger, { label: 'officer of Ternopil' });
      expect(!(await queueReferences(tv)).includes(reference), 'the queue of another community does not list the case');
      await W.go(tv, 'officer of Ternopil: the case of Bucha', `/staff/cases/${id}`, { status: 404 });
      await W.go(tv, 'officer of Ternopil: an action on it', `/staff/cases/${id}/act/claim`, { status: 404 });
    } finally {
      await W.closeVisitor(tv);
    }
  } finally {
    await W.closeVisitor(rv);
    await W.closeVisitor(ov);
  }
}

// ---------------------------------------------------------------------------
// Journey 5: an assisted application, claimed by a new resident

async function journey5() {
  const operator = person('operator');
  const ov = await W.newVisitor();
  const newEmail = `journey5-resident-${RUN}@example.org`;
  const residentName = 'Гнатюк Петро Іванович';
  let id;
  let reference;
  let code;
  try {
    let r = await staffSignIn(ov, operator, { label: 'operator' });
    r = await W.follow(ov, 'operator: "Подати заяву за мешканця (ЦНАП)"', 'Подати заяву за мешканця (ЦНАП)');
    must(r.path === '/staff/assist', 'the link leads to /staff/assist', W.shown(r.url));
    expect(r.h1 === 'Заява від імені мешканця', 'the form is titled "Заява від імені мешканця"', `h1: ${r.h1}`);
    r = await W.press(ov, 'operator: the form sent empty', 'Продовжити', { status: 422 });
    await expectErrors(ov, r, ['service', 'who', 'identity', 'consent'], 'an empty assisted application');
    await ov.page.locator('main select#service').selectOption(`${COMMUNITY}/${APPEAL_ID}`);
    await choose(ov, 'Чи має мешканець обліковий запис на сайті?', 'Ні — записати дані мешканця без облікового запису');
    await fillIn(ov, {
      'Електронна пошта мешканця': newEmail,
      'Прізвище, ім’я та по батькові мешканця': residentName,
      'Телефон мешканця': '067 555 44 33',
    });
    await choose(ov, 'Як ви перевірили особу мешканця?', 'ID-картка');
    await field(ov, 'Мешканець погоджується, що оператор подасть заяву від його імені').check();
    r = await W.press(ov, 'operator: the form sent', 'Продовжити');
    must(r.path === '/staff/assist' && r.h1 === 'Перевірте, перш ніж почати заяву', 'the form leads to its check page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await described(ov, 'Від імені')) === residentName && (await described(ov, 'Послуга')) === APPEAL_TITLE,
      'the check page names the resident and the service', `${await described(ov, 'Від імені')} / ${await described(ov, 'Послуга')}`);
    r = await W.press(ov, 'operator: "Почати заяву"', 'Почати заяву');
    id = questionPage(W, r, 'kind');
    console.log(`  draft ${id}`);

    // -- the appeal, through the same pages as on the site ------------------------------------------------
    await choose(ov, 'Вид звернення', 'Заява — прохання допомогти реалізувати ваше право чи вирішити проблему');
    r = await W.press(ov, 'operator: kind answered', 'Продовжити');
    questionPage(W, r, 'content');
    await fillIn(ov, {
      'Коротко: про що звернення?': 'Яма на дорозі біля школи № 3',
      'Опишіть докладно': `На вулиці Шкільній біля школи № 3 глибока яма, діти обходять її проїжджою частиною. Просимо відремонтувати (${RUN}).`,
    });
    r = await W.press(ov, 'operator: content answered', 'Продовжити');
    questionPage(W, r, 'files');
    await field(ov, 'Додайте файли (необов’язково)').setInputFiles(APPEAL_PHOTO);
    r = await W.press(ov, 'operator: a photo added', 'Продовжити');
    questionPage(W, r, 'contact');
    await fillIn(ov, { 'Прізвище, ім’я, по батькові': residentName, 'Адреса проживання': 'м. Буча, вул. Шкільна, 5, кв. 2', 'Електронна пошта': newEmail });
    await choose(ov, 'Як надіслати відповідь?', 'Електронною поштою');
    r = await W.press(ov, 'operator: contact answered', 'Продовжити');
    questionPage(W, r, 'declaration');
    await field(ov, /^Я підтверджую, що написане — правда/).check();
    await field(ov, /^Я погоджуюся, щоб мої персональні дані/).check();
    r = await W.press(ov, 'operator: declaration answered', 'Продовжити');
    must(r.path === `/applications/${id}/check`, 'the check page follows', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    const submittedAt = Date.now();
    r = await W.press(ov, 'operator: submitted', 'Надіслати заяву');
    must(r.path === `/applications/${id}/done`, 'submitting leads to the confirmation page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    reference = await referenceShown(W, ov);
    console.log(`  reference ${reference}`);

    // -- the receipt and its claim code ----------------------------------------------------------------------
    r = await W.follow(ov, 'operator: "Відкрити розписку"', 'Відкрити розписку');
    must(r.path === `/applications/${id}/receipt`, 'the link opens the receipt', W.shown(r.url));
    expect(r.h1 === 'Розписка про прийняття заяви', 'the receipt is titled "Розписка про прийняття заяви"', `h1: ${r.h1}`);
    expect((await described(ov, 'Номер заяви')) === reference, 'the receipt gives the reference', await described(ov, 'Номер заяви'));
    expect(await ov.page.locator('main .claim-code').count() === 0, 'the receipt opened by its link shows no code');
    r = await W.press(ov, 'operator: "Створити код і показати розписку"', 'Створити код і показати розписку');
    must(r.path === `/applications/${id}/receipt`, 'the button shows the receipt again', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    code = collapse(await ov.page.locator('main .claim-code').textContent().catch(() => ''));
    must(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/.test(code), 'the receipt shows a claim code like K7Q2-M9XW-3P after the button', `shown: ${code}`);
    expect((await notice(ov)).startsWith('Роздрукуйте цю сторінку зараз'), 'the receipt says to print it now', await notice(ov));
    const submitted = await letter(newEmail, `Заяву ${reference} отримано`, submittedAt - 2000, 'the resident is told of the assisted case');
    expect(submitted.body.includes('/applications/claim'), 'the letter says where to enter the receipt\'s code', submitted.body);

    // -- the operator sees the case in the back-office, and decides nothing -------------------------
    r = await W.go(ov, 'operator: the assisted case in the back-office', `/staff/cases/${id}`);
    expect(r.h1 === reference, 'the case page is headed by the reference', `h1: ${r.h1}`);
    const channel = (await described(ov, 'Спосіб подання')) ?? '';
    expect(channel.startsWith('У ЦНАП, оператор'), 'the case page says it was made at the service centre, and by whom', `Спосіб подання: ${channel}`);
    const preview = await ov.page.evaluate(() => [...document.querySelectorAll('main ul.files img')].map((i) => ({ alt: i.getAttribute('alt'), loaded: i.complete && i.naturalWidth > 0 })));
    expect(preview.length === 1 && preview[0].alt.startsWith(APPEAL_PHOTO.name), `the photo ${APPEAL_PHOTO.name} is shown, named by its alt text`, JSON.stringify(preview));
    expect(Object.keys(await actionLinks(ov)).length === 0 && (await ov.page.locator('main').getByRole('button', { name: 'Взяти в роботу', exact: true }).count()) === 0,
      'an operator is offered no workflow action and no "Взяти в роботу"', JSON.stringify(await actionLinks(ov)));
    expect(await ov.page.locator('main textarea#message').count() === 0, 'an operator is offered no message to the resident');
  } finally {
    await W.closeVisitor(ov);
  }

  // -- the resident registers, confirms, signs in, claims the case ---------------------------------------
  const v = await W.newVisitor();
  try {
    await registerAndConfirm(W, v, { email: newEmail, name: residentName, password: STRONG, prefix: 'resident: ', waitMs: LETTER_WAIT_MS });
    await residentSignIn(v, { email: newEmail, password: STRONG }, 'resident');
    let r = await W.go(v, 'resident: my applications', '/applications');
    r = await W.follow(v, 'resident: "Додайте заяву до кабінету"', 'Маєте код з розписки ЦНАП? Додайте заяву до кабінету');
    must(r.path === '/applications/claim', 'the link leads to /applications/claim', W.shown(r.url));
    expect(r.h1 === 'Додати заяву з ЦНАП', 'the form is titled "Додати заяву з ЦНАП"', `h1: ${r.h1}`);
    const wrong = code.startsWith('2222') ? '3333-3333-33' : '2222-2222-22';
    await fillIn(v, { 'Код з розписки': wrong });
    r = await W.press(v, 'resident: a wrong code', 'Додати заяву', { status: 422 });
    await expectErrors(v, r, ['code'], 'a wrong claim code');
    await fillIn(v, { 'Код з розписки': ` ${code.toLowerCase().replace(/-/g, ' ')} ` });
    r = await W.press(v, 'resident: the code typed in lower case with spaces', 'Додати заяву');
    must(r.path === `/applications/${id}/status`, 'the code opens the case\'s status page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect(r.h1.includes(reference), 'the status page is headed by the reference', `h1: ${r.h1}`);
    const text = await W.mainText(v);
    expect(text.includes(`Подано в ЦНАП оператором від вашого імені (${residentName})`), 'the status page says the case was made at the service centre on their behalf', text.slice(0, 800));
    expect(!text.includes('Марія') && !text.includes(operator.email), 'the status page names no staff', text.slice(0, 800));
    r = await W.go(v, 'resident: my applications with the claimed case', '/applications');
    const listed = v.page.locator(`main a[href="/applications/${id}/status"]`).filter({ hasText: new RegExp(`^\\s*${APPEAL_TITLE}\\s*$`) });
    expect(await listed.count() === 1 && (await W.mainText(v)).includes(reference), '"Мої заяви" lists the claimed case, named by its service, with its reference', (await W.mainText(v)).slice(0, 800));
    r = await W.go(v, 'resident: the claim form again', '/applications/claim');
    await fillIn(v, { 'Код з розписки': code });
    r = await W.press(v, 'resident: the code used twice', 'Додати заяву', { status: 422 });
    const errors = await W.errorsShown(v);
    expect(errors.summary[0]?.text.startsWith('Код не підходить'), 'a used code gets the answer of a wrong one', JSON.stringify(errors.summary));
  } finally {
    await W.closeVisitor(v);
  }
}

// ---------------------------------------------------------------------------
// Journey 6: the calendar of non-working days

const MONTHS = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];

async function journey6() {
  const admin = person('regional_admin', 'kyivska');
  const v = await W.newVisitor();
  // A day of 2031 of this run's own (the demo's data may be reused).
  const seed = Number.parseInt(RUN.slice(-6), 36);
  const month = (seed % 12) + 1;
  const day = (Math.floor(seed / 12) % 28) + 1;
  const typed = `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.2031`;
  const shown = `${day} ${MONTHS[month - 1]} 2031`;
  const note = `Тестовий вихідний ${RUN}`;
  try {
    let r = await staffSignIn(v, admin, { via: '/staff/calendar', label: 'regional admin' });
    expect(r.h1 === 'Неробочі дні', 'the calendar is titled "Неробочі дні"', `h1: ${r.h1}`);
    await fillIn(v, { Дата: '31.02.2031', Примітка: note });
    r = await W.press(v, 'regional admin: a wrong date', 'Додати неробочий день', { status: 422 });
    await expectErrors(v, r, ['day'], 'a wrong date');
    const kept = await v.page.evaluate(() => ({ day: document.getElementById('day')?.value, note: document.getElementById('note-text')?.value, invalid: document.getElementById('day')?.getAttribute('aria-invalid') }));
    expect(kept.day === '31.02.2031' && kept.note === note && kept.invalid === 'true', 'the typed date and note come back, the date marked invalid', JSON.stringify(kept));
    await fillIn(v, { Дата: typed, Примітка: note });
    r = await W.press(v, `regional admin: ${typed} added`, 'Додати неробочий день');
    must(r.path === '/staff/calendar', 'adding returns to the calendar', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    const rows = () => v.page.evaluate(() => [...document.querySelectorAll('main table tbody tr')].map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
    expect((await rows()).some((t) => t.startsWith(shown) && t.includes(note)), `the calendar lists ${shown} with its note`, (await rows()).join('\n'));
    r = await W.press(v, `regional admin: ${shown} removed`, `Прибрати ${shown}`);
    must(r.path === '/staff/calendar', 'removing returns to the calendar', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect(!(await rows()).some((t) => t.includes(note)), `${shown} is no longer listed`, (await rows()).join('\n'));
  } finally {
    await W.closeVisitor(v);
  }
}


// ---------------------------------------------------------------------------
// Journey 8: the community admin reads what residents wrote under "Чи була ця сторінка корисною?"

async function journey8() {
  const admin = person('community_admin');
  const rv = await W.newVisitor();
  const comment = `Не зрозуміла, що таке витяг (${RUN})`;
  try {
    // A resident (no account, JavaScript off) answers about the start page of the request for information.
    let r = await W.go(rv, 'feedback: the start page of the request', `/${COMMUNITY}/${INFORMATION_ID}`);
    await choose(rv, 'Чи була ця сторінка корисною?', 'Ні');
    await fillIn(rv, { 'Що можна покращити? (необов’язково)': comment });
    r = await W.press(rv, 'feedback: "Ні" with a comment', 'Надіслати відгук');
    expect(r.h1 === 'Дякуємо за відгук', 'the answer is thanked', `h1: ${r.h1}`);
  } finally {
    await W.closeVisitor(rv);
  }
  const v = await W.newVisitor();
  try {
    let r = await staffSignIn(v, admin, { via: '/staff/feedback', label: 'community admin' });
    expect(r.h1 === 'Відгуки про сторінки', 'the page is titled "Відгуки про сторінки"', `h1: ${r.h1}`);
    const text = await W.mainText(v);
    expect(text.includes(comment), 'the admin reads the comment, newest first', text.slice(0, 600));
    r = await W.go(v, 'community admin: the account page', '/account');
    expect(await v.page.locator('main a[href="/staff/feedback"]').count() === 1, 'the account page links to "Відгуки про сторінки"');
    r = await W.go(v, 'community admin: another community\'s feedback', '/staff/feedback?community=ternopilska', { status: 404 });
  } finally {
    await W.closeVisitor(v);
  }
}

// ---------------------------------------------------------------------------
// Journey 7: a document — issued, read, printed, checked online and offline, revoked

/** Runs a program; { code, out, err }. */
function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout ?? '', err: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

async function journey7() {
  const resident = person('resident');
  const officer = person('officer');
  const rv = await W.newVisitor();
  const ov = await W.newVisitor();
  const cv = await W.newVisitor();
  const dir = mkdtempSync(join(tmpdir(), 'hromada-document-'));
  try {
    const request = `Рішення про благоустрій парку за 2025 рік (${RUN}).`;
    const { id, reference } = await askForInformation(rv, resident, request);

    // -- the officer answers: the decision issues the document -------------------------------
    let r = await staffSignIn(ov, officer, { via: `/staff/cases/${id}`, label: 'officer' });
    r = await W.press(ov, 'officer: "Взяти в роботу"', 'Взяти в роботу');
    r = await W.follow(ov, 'officer: "Надати відповідь"', 'Надати відповідь');
    const reply = `Рішення № 41 від 14.05.2025 додаємо (${RUN}).`;
    await fillIn(ov, { Відповідь: reply });
    r = await W.press(ov, 'officer: the answer sent', 'Надати відповідь');
    must(r.path === `/staff/cases/${id}`, 'the action returns to the case page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    const title = 'Відповідь на запит на публічну інформацію';
    r = await W.follow(ov, 'officer: the document from the case page', `${title}, ${reference}`);
    must(r.path === `/staff/cases/${id}/documents/${reference}`, 'the case page links to its document', W.shown(r.url));
    expect(r.h1 === title, `the document is headed "${title}"`, `h1: ${r.h1}`);
    const code = collapse(await ov.page.locator('main strong.code').textContent().catch(() => ''));
    must(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/.test(code), 'the document shows a verification code a person can type', `shown: ${code}`);
    expect((await described(ov, 'Кому видано')) === 'Коваль Олена Петрівна', 'the document names its holder', await described(ov, 'Кому видано'));
    expect(await ov.page.locator('main .qr svg[role="img"][aria-label]').count() === 1, 'the document shows its QR code as a labelled image');

    // -- the PDF: real Ukrainian text and a QR code a camera reads ----------------------------
    const pdfHref = await ov.page.locator('main .document-links a', { hasText: 'Завантажити PDF' }).getAttribute('href');
    const res = await ov.ctx.request.get(new URL(pdfHref, W.origin).href);
    const pdfBytes = await res.body();
    must(res.status() === 200 && res.headers()['content-type'] === 'application/pdf' && pdfBytes.subarray(0, 5).toString() === '%PDF-', 'the PDF downloads', `status ${res.status()}, ${res.headers()['content-type']}, ${pdfBytes.length} B`);
    console.log(`  PDF: ${pdfBytes.length} B`);
    const pdfPath = join(dir, `${reference}.pdf`);
    writeFileSync(pdfPath, pdfBytes);
    const text = run('pdftotext', ['-layout', pdfPath, '-']);
    must(text.code === 0, 'pdftotext reads the PDF', text.err);
    const flat = collapse(text.out);
    for (const wanted of ['Коваль Олена Петрівна', title, 'Бучанська громада', reference, code, reply]) {
      expect(flat.includes(wanted), `the PDF's text holds "${wanted}" (selectable, Unicode)`, flat.slice(0, 600));
    }
    const image = run('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', pdfPath, join(dir, 'page')]);
    must(image.code === 0, 'pdftoppm renders the PDF\'s first page', image.err);
    const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    // QR codes only: with every symbology on, zbar may read a line of text as a 1-D barcode too.
    const scanned = run('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, png)]);
    const url = scanned.out.trim();
    must(scanned.code === 0 && url.startsWith(`${W.origin}/verify?d=`), 'zbarimg decodes the QR code on the page into this installation\'s verification URL', `${scanned.code}: ${url} ${scanned.err}`);

    // -- offline: the published keys and the command line -------------------------------------
    const keysPath = join(dir, 'keys.json');
    const saveKeys = async () => {
      const k = await ov.ctx.request.get(new URL('/.well-known/hromada-keys.json', W.origin).href);
      must(k.status() === 200, '/.well-known/hromada-keys.json answers', `status ${k.status()}`);
      writeFileSync(keysPath, await k.body());
    };
    await saveKeys();
    if (HROMADA_BIN) {
      const offline = run(HROMADA_BIN, ['document', 'verify', '--keys', keysPath, url]);
      expect(offline.code === 0 && offline.out.startsWith('GENUINE AND VALID'), '`hromada document verify` says the scanned URL is genuine and valid, exit 0', `${offline.code}: ${offline.out}${offline.err}`);
    }

    // -- online: the phone camera's page, then the code typed ---------------------------------
    r = await W.go(cv, 'anyone: the QR code\'s URL', url.slice(W.origin.length));
    expect(r.h1 === 'Документ справжній і чинний', 'the verification page says "Документ справжній і чинний"', `h1: ${r.h1}`);
    expect((await described(cv, 'Ініціали власника')) === 'К. О. П.', 'it shows the holder\'s initials only', await described(cv, 'Ініціали власника'));
    expect(!(await W.mainText(cv)).includes('Коваль'), 'the holder\'s name is not shown');
    r = await W.go(cv, 'anyone: the verification form', '/verify');
    await fillIn(cv, { 'Код перевірки або посилання з QR-коду': 'не код' });
    r = await W.press(cv, 'anyone: a wrong code', 'Перевірити', { status: 422 });
    await expectErrors(cv, r, ['code'], 'a code that is not one');
    await fillIn(cv, { 'Код перевірки або посилання з QR-коду': code.toLowerCase().replace('-', ' ') });
    r = await W.press(cv, 'anyone: the code typed in lower case', 'Перевірити');
    expect(r.h1 === 'Документ справжній і чинний', 'the typed code finds the same document', `h1: ${r.h1}`);
    // The other answers, each a page of its own (axe-checked like every page here), telling nothing of the holder.
    const payload = new URL(url).searchParams.get('d');
    const bytes = Buffer.from(payload, 'base64url');
    const changed = Buffer.from(bytes);
    changed[changed.length - 70] ^= 0x01; // inside the fields' hash: the signature no longer fits
    r = await W.go(cv, 'anyone: a changed document', `/verify?d=${changed.toString('base64url')}`);
    expect(r.h1 === 'Документ підроблений або пошкоджений', 'a changed byte reads "Документ підроблений або пошкоджений"', `h1: ${r.h1}`);
    expect(!(await W.mainText(cv)).includes('К. О. П.'), 'nothing of a forged document is shown');
    const foreign = Buffer.from(bytes);
    foreign[5] = 0x7f; // the key number (a varint after the community code): a key this installation never had
    r = await W.go(cv, 'anyone: a document signed with a key that is not ours', `/verify?d=${foreign.toString('base64url')}`);
    expect(r.h1 === 'Цей документ видано не тут', 'an unknown key reads "Цей документ видано не тут"', `h1: ${r.h1}`);
    r = await W.go(cv, 'anyone: the verification form again', '/verify');
    await fillIn(cv, { 'Код перевірки або посилання з QR-коду': 'ZZZZZ-ZZZZZ' });
    r = await W.press(cv, 'anyone: a code that matches no document', 'Перевірити');
    expect(r.h1 === 'Документа з таким кодом немає', 'a code that matches nothing asks to check what was typed', `h1: ${r.h1}`);

    // -- the resident finds it: on the case, in "Мої документи" --------------------------------
    r = await W.go(rv, 'resident: "Мої документи"', '/documents');
    expect(r.h1 === 'Мої документи', 'the page is titled "Мої документи"', `h1: ${r.h1}`);
    r = await W.follow(rv, 'resident: the document', `${title}, ${reference}`);
    must(r.path === `/applications/${id}/documents/${reference}`, 'the resident\'s link opens the document', W.shown(r.url));

    // -- the officer revokes it -------------------------------------------------------------------
    r = await W.go(ov, 'officer: the document again', `/staff/cases/${id}/documents/${reference}`);
    r = await W.follow(ov, 'officer: "Відкликати документ"', 'Відкликати документ');
    r = await W.press(ov, 'officer: revoked without a reason', 'Відкликати документ', { status: 422 });
    await expectErrors(ov, r, ['reason'], 'a revocation without a reason');
    await fillIn(ov, { 'Причина відкликання': `Помилка в номері рішення (${RUN})` });
    r = await W.press(ov, 'officer: revoked', 'Відкликати документ');
    expect((await W.mainText(ov)).includes('Цей документ відкликано'), 'the document now says it was revoked', (await W.mainText(ov)).slice(0, 300));
    r = await W.go(cv, 'anyone: the QR code\'s URL after the revocation', url.slice(W.origin.length));
    expect(r.h1.startsWith('Документ відкликано'), 'the verification page says "Документ відкликано …"', `h1: ${r.h1}`);
    await saveKeys();
    if (HROMADA_BIN) {
      const offline = run(HROMADA_BIN, ['document', 'verify', '--keys', keysPath, url]);
      expect(offline.code === 1 && offline.out.startsWith('REVOKED'), 'offline, with the keys file saved after it, the document is revoked: exit 1', `${offline.code}: ${offline.out}${offline.err}`);
    }
    r = await W.go(rv, 'resident: the case after the revocation', `/applications/${id}/status`);
    expect((await timeline(rv)).some((e) => e.includes('Документ відкликано') && e.includes('Помилка в номері рішення')), 'the resident\'s timeline says the document was revoked and why', (await timeline(rv)).join('\n'));
  } finally {
    await W.closeVisitor(rv);
    await W.closeVisitor(ov);
    await W.closeVisitor(cv);
    if (!process.env.KEEP_FILES) rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------

await W.run(
  [
    ['1 the whole loop: apply, claim, request information, answer, approve, decision, survey, letter', journey1],
    ['2 keyboard only, JavaScript on: the officer works the queue', journey2],
    ['3 supervisor: a new case\'s letter, assignment, overview', journey3],
    ['4 refusals: 409 for actions not allowed, internal notes stay internal, 404 elsewhere', journey4],
    ['5 assisted application: operator, receipt and claim code, claimed by a new resident', journey5],
    ['6 calendar: a wrong date, a non-working day added and removed', journey6],
    ['7 a document: issued, read, its PDF\'s text and QR code, checked online and offline, revoked', journey7],
    ['8 page feedback: a resident answers "Ні" with a comment, the community admin reads it', journey8],
  ],
  { only: listEnv('JOURNEYS') },
);
