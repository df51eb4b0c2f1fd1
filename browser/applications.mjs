// Hromada browser journeys of applying: a resident starts an application, answers
// its pages (uploads included), checks the answers, submits and follows the case —
// in Debian's Chromium, checking every page reached against the bars of the crawl.
//
//   BASE_URL=http://127.0.0.1:8080 OUTBOX_DIR=DATA_DIR/outbox \
//   DEMO_EMAIL=… DEMO_PASSWORD=… node browser/applications.mjs
//
// Environment:
//   BASE_URL       the server (required): a demo without a mail server
//   OUTBOX_DIR     where that server keeps its letters (<data dir>/outbox; required)
//   DEMO_EMAIL, DEMO_PASSWORD   the demo's resident of Bucha ("resident buchanska
//                  E-MAIL PASSWORD"); journeys 1, 2 and 4 fail without them
//   JOURNEYS       run only these journeys, by number (e.g. "1 3"); default all
//   MAX_BYTES      page weight limit (default 30720)
//   REPORT_JSON    write a JSON report to this file
//   CHROMIUM       browser executable (default /usr/bin/chromium)
//
// Journeys:
//   1 keyboard only, JavaScript on: the demo resident signs in from the start page of
//     "Реєстрація місця проживання" (Tab, Shift+Tab, Space, Enter, arrow keys; text
//     typed into the focused field), presses Start, picks "my child" with the arrow
//     keys (so the conditional page "child" appears), types the document number, opens
//     its "Де це знайти?" with Enter, reads it, closes it and Shift+Tabs back to find
//     the number still typed, makes a mistake and follows the
//     error summary's link to the field, uploads a PNG and a PDF through the file
//     input (the OS dialog answered by Playwright's filechooser), checks the answers,
//     submits, gets a reference like BUC-2026-000001 and a letter naming it
//   2 the same application with JavaScript off, by filling the forms: Back links, the
//     language switch on an answered page keeps the answers, an upload removed again,
//     the owner's-consent page that one answer brings, "save and continue later" →
//     /applications → resume, a Change link from the check page and back, submit,
//     the status page, /applications lists the case
//   3 without an account, JavaScript off: a request for public information, the
//     tracking link on the confirmation page and in the letter; in a fresh browser the
//     link opens the status page (and without it the case is a 404); an empty reply
//     is refused, a reply with a file is sent and its file downloads; withdrawn via
//     its confirmation page, the status page shows the withdrawn state, no reply form
//   4 bad input, JavaScript off: a text file named .pdf is refused with a 422 page
//     naming the file; the draft is deleted via its confirmation page and is gone
//
// Every page reached gets the checks of walk.mjs: status, weight, structure, reflow
// at 320 px, 200% zoom, axe-core (WCAG 2.2 A/AA) and origin.

import { Walk } from './walk.mjs';
import {
  COMMUNITY, ERROR_PREFIX, INFORMATION, address, choose, described, field, fillIn, isButton, isId, isLink, listEnv, pdf, png,
  questionPage, referenceShown, requestInformation, sendPassword,
} from './lib.mjs';

const W = Walk.fromEnv('Browser journeys of applying');
const { expect, must } = W;

const REGISTRATION = `/${COMMUNITY}/reiestratsiia-mistsia-prozhyvannia/apply`;

// ---------------------------------------------------------------------------
// Files to upload: a real PNG, a real PDF (lib.mjs), and a text file that claims to be a PDF

const PNG_FILE = { name: 'svidotstvo-1.png', mimeType: 'image/png', buffer: png() };
const PDF_FILE = { name: 'svidotstvo-2.pdf', mimeType: 'application/pdf', buffer: pdf() };
const FAKE_PDF = { name: 'свідоцтво-текст.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Це звичайний текстовий файл, а не PDF.\n', 'utf8') };
const REPLY_FILE = { name: 'utochnennia.png', mimeType: 'image/png', buffer: png(32, 32) };

// ---------------------------------------------------------------------------
// The resident's answers

const ADULT = { name: 'Коваль Олена Петрівна', birth: '15.03.1990', wrongBirth: '31.02.1990', idDoc: 'КВ123456', phone: '067 123 45 67' };
const CHILD = { name: 'Коваль Марко Олегович', birth: '01.06.2018' };
const ADDRESS = 'м. Буча, вул. Енергетиків, 7, кв. 12';
const OLD_ADDRESS = 'м. Київ, вул. Хрещатик, 1, кв. 5';
/** The page about the applicant, answered with JavaScript off: { label: value }. */
const APPLICANT = {
  'Прізвище, ім’я, по батькові': ADULT.name,
  'Дата народження': ADULT.birth,
  'Номер паспорта або ID-картки': ADULT.idDoc,
  'Номер телефону': ADULT.phone,
};

function demoResident() {
  const email = process.env.DEMO_EMAIL;
  const password = process.env.DEMO_PASSWORD;
  must(!!email && !!password, 'DEMO_EMAIL and DEMO_PASSWORD are set (from the demo\'s "resident …" line)');
  return { email, password };
}

// ---------------------------------------------------------------------------
// Keyboard helpers (journey 1): in-page tests of the focused element

const isInGroup = (name) => document.activeElement?.tagName === 'INPUT' && document.activeElement.name === name;
const isLinkTo = (href) => document.activeElement?.tagName === 'A' && document.activeElement.getAttribute('href') === href;

const tabToField = (v, id) => W.tabTo(v, `the field #${id}`, isId, id);
const tabToButton = (v, name) => W.tabTo(v, `the button "${name}"`, isButton, name);
const tabToLink = (v, name) => W.tabTo(v, `the link "${name}"`, isLink, name);

/** Whether the focus is on a link in the hint of field #id (a glossary word of the hint). */
const isInHintOf = (id) => document.activeElement?.tagName === 'A' && !!document.activeElement.closest(`[id="${id}-hint"]`);

/**
 * Presses Tab once; the focus must land on #id (the next field in order), after at most
 * the glossary links of that field's own hint, which come between its label and its control.
 */
async function tabOnceTo(v, id) {
  await v.page.keyboard.press('Tab');
  for (let i = 0; i < 5 && await v.page.evaluate(isInHintOf, id); i++) await v.page.keyboard.press('Tab');
  must(await v.page.evaluate(isId, id), `Tab moves on to the field #${id}`, `focused: ${await W.focused(v)}`, v);
}

/**
 * Types into fields in their Tab order: Tab to the first, then one Tab on to each
 * next, which must be the one named; `fields` is [[id, text]], a null text types nothing.
 */
async function typeInOrder(v, fields) {
  for (const [i, [id, text]] of fields.entries()) {
    if (i === 0) await tabToField(v, id);
    else await tabOnceTo(v, id);
    if (text !== null) await v.page.keyboard.type(text);
  }
}

/** Whether the focus is on the "Where do I find this?" of field #id (its disclosure's summary). */
const isWhereOf = (id) => {
  const a = document.activeElement;
  return a?.tagName === 'SUMMARY' && a.parentElement?.classList.contains('where') && !!a.closest('.field')?.querySelector(`#${id}`);
};

/** The disclosure of field #id as the page shows it. */
const whereShown = (id) => {
  const d = document.getElementById(id)?.closest('.field')?.querySelector('details.where');
  const svg = d?.querySelector('svg');
  const box = svg?.getBoundingClientRect();
  return {
    open: !!d?.open,
    words: [...(d?.querySelectorAll('p') ?? [])].map((p) => p.innerText.replace(/\s+/g, ' ').trim()),
    role: svg?.getAttribute('role') ?? null,
    alt: svg?.getAttribute('aria-label') ?? '',
    drawn: !!box && box.width > 0 && box.height > 0,
    url: location.href,
  };
};

/**
 * From field #id, which holds `typed`: Tab to its "Де це знайти?", open it with
 * Enter, read it, close it with Enter, Shift+Tab back to the field — the page never
 * left, the value still there — and Tab on past the disclosure again.
 */
async function whereToFind(v, id, typed) {
  const kb = v.page.keyboard;
  await kb.press('Tab');
  must(await v.page.evaluate(isWhereOf, id), `Tab moves from #${id} to its "Де це знайти?"`, `focused: ${await W.focused(v)}`, v);
  const before = await v.page.evaluate(whereShown, id);
  expect(!before.open, `#${id}'s "Де це знайти?" starts closed`, JSON.stringify(before));
  await kb.press('Enter');
  const open = await v.page.evaluate(whereShown, id);
  must(open.open, `Enter opens #${id}'s "Де це знайти?"`, JSON.stringify(open), v);
  expect(open.url === before.url, 'opening it stays on the page', `${before.url} → ${open.url}`);
  expect(open.words.length === 2 && open.words.every((w) => w.length > 30), 'it says in words where the value is and what to do without it', JSON.stringify(open.words));
  expect(open.role === 'img' && open.alt.startsWith('Малюнок'), 'its drawing is an image with a text alternative', JSON.stringify(open));
  expect(open.drawn, 'its drawing is shown', JSON.stringify(open));
  console.log(`  "Де це знайти?" of #${id}: ${open.words[0].slice(0, 80)}…`);
  await kb.press('Enter');
  const closed = await v.page.evaluate(whereShown, id);
  expect(!closed.open, `Enter closes #${id}'s "Де це знайти?" again`, JSON.stringify(closed));
  await kb.press('Shift+Tab');
  const back = await v.page.evaluate(() => ({ id: document.activeElement?.id, value: document.activeElement?.value }));
  must(back.id === id && back.value === typed, `Shift+Tab returns to #${id}, which still holds what was typed`, JSON.stringify(back), v);
  await kb.press('Tab');
}

/** Tab to "Продовжити", Enter; the page `next` of the application must follow, if given. Returns the step's page. */
async function continueTo(v, label, next) {
  await tabToButton(v, 'Продовжити');
  const r = await W.step(v, label, () => v.page.keyboard.press('Enter'));
  if (next) questionPage(W, r, next);
  return r;
}

/** The value of the checked radio button (or check box) of group `name`, and the focused one. */
const groupState = (v, name) =>
  v.page.evaluate((n) => ({
    checked: [...document.querySelectorAll(`input[name="${n}"]`)].filter((i) => i.checked).map((i) => i.value),
    focused: document.activeElement?.name === n ? document.activeElement.value : null,
  }), name);

/**
 * Keeps the visitor's file choosers intercepted for the whole journey. (A listener
 * added only while waiting would switch the interception on asynchronously: a key
 * pressed right after might still open the real dialog, which headless Chromium
 * cancels.)
 */
function interceptFileChoosers(v) {
  v.choosers = [];
  v.page.on('filechooser', (fc) => {
    const waiter = v.choosers.shift();
    if (waiter) waiter(fc);
  });
}

/** Presses `key` on the focused file input; answers the file chooser (the OS dialog) with `file`. */
async function chooseFileByKeyboard(v, key, file) {
  let timer;
  const chooser = new Promise((resolve, reject) => {
    v.choosers.push(resolve);
    timer = setTimeout(() => reject(new Error('no file chooser')), 10000);
  });
  await v.page.keyboard.press(key);
  let fc;
  try {
    fc = await chooser;
  } catch {
    v.choosers.length = 0;
    must(false, `${key} on the file input opens the file chooser`, `focused: ${await W.focused(v)}`, v);
  } finally {
    clearTimeout(timer);
  }
  await fc.setFiles(file);
  const chosen = await v.page.evaluate(() => [...(document.activeElement?.files ?? [])].map((f) => f.name));
  must(chosen.includes(file.name), `the file input holds ${file.name} after the file chooser`, `files: ${chosen.join(', ')}`, v);
}

// ---------------------------------------------------------------------------
// Form helpers (journeys 2–4, JavaScript off)

// (field, choose, fillIn: lib.mjs)

const inputValue = (v, label) => field(v, label).inputValue();

const digits = (s) => String(s ?? '').replace(/\D/g, '');
/** The same phone number, however written (067…, +380 67…, +38067…). */
const samePhone = (a, b) => digits(a).slice(-9) === digits(b).slice(-9) && digits(a).length >= 9;

/** The text of the elements that describe the control labelled `label` (aria-describedby). */
const description = (v, label) =>
  field(v, label).evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent.replace(/\s+/g, ' ').trim() ?? '')
      .join(' '),
  );

/**
 * WCAG 2.2 SC 1.3.5 (Identify Input Purpose, AA): a field that asks for the person's
 * own name, birth date, phone or e-mail carries the matching autocomplete token, so
 * browsers and assistive tools can fill it in. `purposes` is { label: token }.
 */
const PURPOSE = { name: 'name', bday: 'date of birth', tel: 'phone number', email: 'e-mail address' };
async function expectInputPurposes(v, purposes) {
  for (const [label, token] of Object.entries(purposes)) {
    const got = await field(v, label).getAttribute('autocomplete');
    W.expectAs('wcag 1.3.5', got === token, `the field "${label}" asks for the applicant's own ${PURPOSE[token] ?? token}: it needs autocomplete="${token}" (WCAG 2.2 SC 1.3.5 Identify Input Purpose)`, `it has autocomplete="${got}"`, v);
  }
}

/** An error page: the error summary (role="alert") is the first thing in <main>. */
async function expectSummaryFirst(v) {
  const first = await v.page.evaluate(() => {
    const el = document.querySelector('main')?.firstElementChild;
    return el ? `<${el.tagName.toLowerCase()}${el.getAttribute('role') ? ` role="${el.getAttribute('role')}"` : ''}>` : '(nothing)';
  });
  expect(first.includes('role="alert"'), 'the error summary (role="alert") is the first thing in <main>', `first: ${first}`);
}

/** The confirmation page: title, reference number. */
async function expectDone(v, r, id) {
  must(r.path === `/applications/${id}/done`, 'submitting leads to the confirmation page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  expect(r.h1 === 'Заяву надіслано', 'the confirmation says "Заяву надіслано"', `h1: ${r.h1}`);
  const reference = await referenceShown(W, v);
  expect(reference.startsWith('BUC-'), 'the reference number starts with the code of Bucha (BUC-)', reference);
  const due = await described(v, 'Рішення — не пізніше');
  expect(!!due && /\d{4}/.test(due), 'the confirmation gives the date of the decision ("Рішення — не пізніше")', `shown: ${due}`);
  const year = Number(reference.split('-')[1]);
  expect(Math.abs(year - new Date().getFullYear()) <= 1, 'the reference number names the year', reference);
  return reference;
}

/** The letter that confirms submission `reference` to `email`. */
async function submissionLetter(email, reference, after) {
  const letter = await W.newestLetter(email, { after, match: (l) => l.subject.includes(reference) || l.body.includes(reference) });
  must(!!letter, `a letter to ${email} naming ${reference} in ${W.outboxDir}`);
  expect(letter.subject === `Заяву ${reference} отримано`, `the letter's subject is "Заяву ${reference} отримано"`, `subject: ${letter.subject}`);
  expect(letter.body.includes(`Номер заяви: ${reference}`), 'the letter names the reference number in its text', letter.body);
  return letter;
}

/** Signs the resident in from a start page's "Увійти і почати" link; back on the start page. */
async function signInFromStart(v, startPath, { email, password }) {
  let r = await W.go(v, 'start page', startPath);
  expect(r.h1 === 'Звернутися онлайн', 'the start page is titled "Звернутися онлайн"', `h1: ${r.h1}`);
  r = await W.follow(v, 'sign-in link of the start page', 'Увійти і почати');
  must(r.path === '/account/sign-in', '"Увійти і почати" leads to the sign-in form', W.shown(r.url));
  r = await sendPassword(W, v, 'signed in', { email, password });
  must(r.path === startPath, 'signing in returns to the start page (?next=)', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  return r;
}

// ---------------------------------------------------------------------------
// Journey 1: keyboard only, JavaScript on

async function journey1() {
  const resident = demoResident();
  const v = await W.newVisitor({ javaScript: true });
  interceptFileChoosers(v);
  const kb = v.page.keyboard;
  try {
    let r = await W.go(v, 'start page', REGISTRATION);
    expect(r.h1 === 'Звернутися онлайн', 'the start page is titled "Звернутися онлайн"', `h1: ${r.h1}`);
    console.log(`  Tab stops to the sign-in link: ${(await tabToLink(v, 'Увійти і почати')).join(' → ')}`);
    r = await W.step(v, 'sign-in link with Enter', () => kb.press('Enter'));
    must(r.path === '/account/sign-in' && new URL(r.url).searchParams.get('next') === REGISTRATION,
      'the link leads to the sign-in form with ?next= the start page', W.shown(r.url));
    await typeInOrder(v, [['email', resident.email], ['password', resident.password]]);
    // Shift+Tab back to the e-mail field: it holds what was typed.
    await kb.press('Shift+Tab');
    const typed = await v.page.evaluate(() => ({ id: document.activeElement?.id, value: document.activeElement?.value }));
    expect(typed.id === 'email' && typed.value === resident.email, 'Shift+Tab from the password returns to the e-mail field, which holds the address', JSON.stringify(typed));
    await tabOnceTo(v, 'password');
    r = await W.step(v, 'sign-in sent with Enter', () => kb.press('Enter'));
    must(r.path === REGISTRATION, 'signing in returns to the start page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);

    console.log(`  Tab stops to "Почати": ${(await tabToButton(v, 'Почати')).join(' → ')}`);
    r = await W.step(v, 'Start with Space', () => kb.press('Space'));
    const id = questionPage(W, r, 'whom');
    console.log(`  draft ${id}`);

    // -- whom: the radio group, by arrow keys ----------------------------------------
    await W.tabTo(v, 'the radio group "Реєструю"', isInGroup, 'registrant');
    let g = await groupState(v, 'registrant');
    expect(g.focused === 'self' && g.checked.length === 0, 'Tab enters the group on its first option, nothing chosen yet', JSON.stringify(g));
    await kb.press('ArrowDown');
    g = await groupState(v, 'registrant');
    must(g.checked.length === 1 && g.checked[0] === 'child' && g.focused === 'child', 'ArrowDown chooses "Мою дитину до 14 років"', JSON.stringify(g));
    await continueTo(v, 'whom answered with Enter', 'applicant');

    // -- applicant: a deliberate mistake, then the error summary ------------------------
    await typeInOrder(v, [['full_name', ADULT.name], ['date_of_birth', ADULT.wrongBirth], ['id_document', ADULT.idDoc]]);
    // "Where do I find this?" after the document number: opened, read, closed, nothing lost.
    await whereToFind(v, 'id_document', ADULT.idDoc);
    await tabOnceTo(v, 'rnokpp');
    await kb.press('Tab');
    must(await v.page.evaluate(isWhereOf, 'rnokpp'), 'Tab moves from #rnokpp to its "Де це знайти?"', `focused: ${await W.focused(v)}`, v);
    await tabOnceTo(v, 'phone');
    await kb.type(ADULT.phone);
    r = await W.step(v, 'applicant with a wrong date, Enter', () => kb.press('Enter'), { status: 422 });
    questionPage(W, r, 'applicant');
    expect(r.info.title.startsWith(ERROR_PREFIX), `the title starts with "${ERROR_PREFIX}"`, `title: ${r.info.title}`);
    const errors = await W.errorsShown(v);
    must(errors.summary.length === 1 && errors.summary[0].href === '#date_of_birth', 'the error summary links to #date_of_birth, and only there', JSON.stringify(errors));
    await expectSummaryFirst(v);
    expect(!!errors.fields.date_of_birth, 'the date field shows its error', JSON.stringify(errors.fields));
    const kept = await v.page.evaluate(() => ({ name: document.getElementById('full_name')?.value, date: document.getElementById('date_of_birth')?.value }));
    expect(kept.name === ADULT.name && kept.date === ADULT.wrongBirth, 'the typed values come back as typed', JSON.stringify(kept));
    console.log(`  Tab stops to the error summary's link: ${(await W.tabTo(v, 'the error summary link', isLinkTo, '#date_of_birth')).join(' → ')}`);
    await kb.press('Enter');
    await v.page.waitForFunction(() => document.activeElement?.id === 'date_of_birth', null, { timeout: 3000 }).catch(() => {});
    must(await v.page.evaluate(isId, 'date_of_birth'), 'Enter on the error summary link moves the focus to the date field', `focused: ${await W.focused(v)}`);
    await kb.press('ControlOrMeta+A');
    await kb.type(ADULT.birth);
    r = await W.step(v, 'applicant corrected, Enter', () => kb.press('Enter'));
    questionPage(W, r, 'child');

    // -- child: the conditional page; files through the file chooser ---------------------
    await typeInOrder(v, [['child_full_name', CHILD.name], ['child_birth_date', CHILD.birth], ['child_birth_certificate', null]]);
    await chooseFileByKeyboard(v, 'Space', PNG_FILE);
    await W.tabTo(v, 'the radio group "Ким ви доводитеся дитині?"', isInGroup, 'child_relation');
    await kb.press('Space');
    g = await groupState(v, 'child_relation');
    expect(g.checked[0] === 'parent', 'Space chooses "Мати або батько"', JSON.stringify(g));
    await tabToButton(v, 'Завантажити і додати ще');
    r = await W.step(v, 'child: "Завантажити і додати ще" with Enter', () => kb.press('Enter'));
    questionPage(W, r, 'child');
    let text = await W.mainText(v);
    expect(text.includes(PNG_FILE.name), `the page lists the uploaded ${PNG_FILE.name}`, text.slice(0, 600));
    expect(await v.page.locator('main').getByRole('button', { name: `Видалити файл ${PNG_FILE.name}` }).count() === 1,
      `a button "Видалити файл ${PNG_FILE.name}" is offered`);
    const childKept = await v.page.evaluate(() => ({ name: document.getElementById('child_full_name')?.value, relation: document.querySelector('input[name="child_relation"]:checked')?.value }));
    expect(childKept.name === CHILD.name && childKept.relation === 'parent', 'the answers of the page are kept after the upload', JSON.stringify(childKept));
    // A second file (a PDF) by Enter on the file input, then Continue.
    await tabToField(v, 'child_birth_certificate');
    await chooseFileByKeyboard(v, 'Enter', PDF_FILE);
    await continueTo(v, 'child answered with Enter', 'new_address');

    // -- new address ----------------------------------------------------------------------
    await tabToField(v, 'address');
    await kb.type(ADDRESS);
    await kb.press('Tab');
    g = await groupState(v, 'right_to_live');
    expect(g.focused === 'owner', 'Tab from the address enters the group "На якій підставі…" on its first option', `focused: ${await W.focused(v)}`);
    await kb.press('Space');
    await kb.press('Shift+Tab');
    expect(await v.page.evaluate(isId, 'address'), 'Shift+Tab returns to the address field', `focused: ${await W.focused(v)}`);
    await kb.press('Tab');
    g = await groupState(v, 'right_to_live');
    expect(g.focused === 'owner' && g.checked[0] === 'owner', 'the owner option is chosen and focused', JSON.stringify(g));
    await continueTo(v, 'new address answered with Enter', 'previous');

    // -- previous address: "Ні" by arrow key ----------------------------------------------
    await W.tabTo(v, 'the radio group "Зняти з реєстрації…"', isInGroup, 'deregister_previous');
    await kb.press('ArrowDown');
    g = await groupState(v, 'deregister_previous');
    expect(g.checked[0] === 'no', 'ArrowDown chooses "Ні"', JSON.stringify(g));
    await continueTo(v, 'previous address answered with Enter', 'declaration');

    // -- declaration: two check boxes by Space --------------------------------------------
    await tabToField(v, 'truthful');
    await kb.press('Space');
    await tabOnceTo(v, 'personal_data_consent');
    await kb.press('Space');
    const ticks = await v.page.evaluate(() => [...document.querySelectorAll('main input[type="checkbox"]')].map((c) => c.checked));
    expect(ticks.length === 2 && ticks.every(Boolean), 'Space ticks both declarations', JSON.stringify(ticks));
    r = await continueTo(v, 'declaration answered with Enter');
    must(r.path === `/applications/${id}/check`, 'after the last page comes the check page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);

    // -- check, submit ------------------------------------------------------------------------
    expect(r.h1 === 'Перевірте відповіді', 'the check page is titled "Перевірте відповіді"', `h1: ${r.h1}`);
    text = await W.mainText(v);
    for (const s of [ADULT.name, ADULT.birth, CHILD.name, CHILD.birth, ADDRESS, PNG_FILE.name, PDF_FILE.name, 'Мою дитину до 14 років']) {
      expect(text.includes(s), `the check page shows "${s}"`, text.slice(0, 1500));
    }
    const submittedAt = Date.now();
    await tabToButton(v, 'Надіслати заяву');
    r = await W.step(v, 'submitted with Enter', () => kb.press('Enter'));
    const reference = await expectDone(v, r, id);
    console.log(`  reference ${reference}`);
    expect(await v.page.locator('main a[href*="/track/"]').count() === 0, 'an application with an account gets no tracking link');
    const letter = await submissionLetter(resident.email, reference, submittedAt - 2000);
    expect(letter.body.includes(`/applications/${id}/status`), 'the letter links to the status page of the case', letter.body);

    await tabToLink(v, 'Стан заяви');
    r = await W.step(v, 'status link with Enter', () => kb.press('Enter'));
    must(r.path === `/applications/${id}/status`, '"Стан заяви" leads to the status page', W.shown(r.url));
    expect(r.h1.includes(reference), 'the status page is headed by the reference number', `h1: ${r.h1}`);
  } finally {
    await W.closeVisitor(v);
  }
}

// ---------------------------------------------------------------------------
// Journey 2: the same application with JavaScript off

/**
 * With JavaScript off, the resident signs in from the start page of the registration,
 * presses Start, registers "my child" and answers the page about themselves
 * (`onApplicant` runs on it first). Returns the draft's id; the page "child" is shown.
 */
async function startChildRegistration(v, resident, { onApplicant = async () => {} } = {}) {
  await signInFromStart(v, REGISTRATION, resident);
  let r = await W.press(v, 'Start', 'Почати');
  const id = questionPage(W, r, 'whom');
  console.log(`  draft ${id}`);
  await choose(v, 'Реєструю', 'Мою дитину до 14 років (я — один із батьків або опікун)');
  r = await W.press(v, 'whom answered', 'Продовжити');
  questionPage(W, r, 'applicant');
  await onApplicant();
  await fillIn(v, APPLICANT);
  r = await W.press(v, 'applicant answered', 'Продовжити');
  questionPage(W, r, 'child');
  return id;
}

async function journey2() {
  const resident = demoResident();
  const v = await W.newVisitor();
  try {
    const id = await startChildRegistration(v, resident, {
      onApplicant: () => expectInputPurposes(v, { 'Прізвище, ім’я, по батькові': 'name', 'Дата народження': 'bday', 'Номер телефону': 'tel' }),
    });
    let r;

    // -- Back, and the language switch on an answered page ------------------------------
    r = await W.follow(v, 'Back from the child page', 'Назад', { scope: 'body' });
    questionPage(W, r, 'applicant');
    for (const [label, value] of Object.entries(APPLICANT)) {
      const shown = await inputValue(v, label);
      const same = label === 'Номер телефону' ? samePhone(shown, value) : shown === value;
      expect(same, `Back shows the saved answer "${label}"`, `value: ${shown}, typed: ${value}`);
    }
    r = await W.follow(v, 'language switch to English', 'English', { scope: 'header', lang: 'en' });
    questionPage(W, r, 'applicant');
    expect(new URL(r.url).searchParams.get('lang') === 'en', 'the switch link adds ?lang=en', W.shown(r.url));
    expect(r.h1 === 'About you', 'the page is in English', `h1: ${r.h1}`);
    const en = { name: await inputValue(v, 'Full name'), birth: await inputValue(v, 'Date of birth'), phone: await inputValue(v, 'Phone number') };
    expect(en.name === ADULT.name && en.birth === ADULT.birth && samePhone(en.phone, ADULT.phone),
      'after switching the language, the answers are still there', JSON.stringify(en));
    r = await W.follow(v, 'language switch back to Ukrainian', 'Українська', { scope: 'header' });
    questionPage(W, r, 'applicant');
    expect(r.h1 === 'Про вас', 'the page is in Ukrainian again', `h1: ${r.h1}`);
    expect((await inputValue(v, 'Прізвище, ім’я, по батькові')) === ADULT.name, 'after switching back, the answers are still there');
    r = await W.press(v, 'applicant again', 'Продовжити');
    questionPage(W, r, 'child');

    // -- child: an upload, removed again, then another ------------------------------------
    await fillIn(v, { 'Прізвище, ім’я, по батькові дитини': CHILD.name, 'Дата народження дитини': CHILD.birth });
    await choose(v, 'Ким ви доводитеся дитині?', 'Мати або батько');
    await field(v, 'Свідоцтво про народження дитини').setInputFiles(PNG_FILE);
    r = await W.press(v, 'child: upload and add more', 'Завантажити і додати ще');
    questionPage(W, r, 'child');
    const remove = `Видалити файл ${PNG_FILE.name}`;
    must(await v.page.locator('main').getByRole('button', { name: remove, exact: true }).count() === 1, `the uploaded file is listed with "${remove}"`, (await W.mainText(v)).slice(0, 600));
    r = await W.press(v, 'child: file removed', remove);
    questionPage(W, r, 'child');
    expect(!(await W.mainText(v)).includes(PNG_FILE.name), 'the removed file is no longer listed');
    expect((await inputValue(v, 'Прізвище, ім’я, по батькові дитини')) === CHILD.name, 'the child\'s name is kept');
    await field(v, 'Свідоцтво про народження дитини').setInputFiles(PDF_FILE);
    r = await W.press(v, 'child answered with a PDF', 'Продовжити');
    questionPage(W, r, 'new_address');

    // -- new address: the owner's consent brings its own page ------------------------------
    // Without JavaScript every field of the page is there, also those that apply only
    // after an answer on the same page: their hints must say when they apply.
    for (const label of ['Документ про право власності', 'Договір найму або інший документ, що дає право жити в житлі']) {
      const hint = await description(v, label);
      W.expectAs('conditional hint', hint.includes('Лише якщо на питання «На якій підставі ви (або дитина) живете за цією адресою?»'),
        `the hint of "${label}" says when it is needed ("Лише якщо на питання «На якій підставі…» ви відповіли …")`, `hint: ${hint}`);
    }
    await fillIn(v, { 'Адреса, за якою реєструєте місце проживання': ADDRESS });
    await choose(v, 'На якій підставі ви (або дитина) живете за цією адресою?', 'Власник житла дає згоду на мою реєстрацію');
    r = await W.press(v, 'new address answered (consent)', 'Продовжити');
    questionPage(W, r, 'consent');
    await fillIn(v, { 'Прізвище, ім’я, по батькові власника житла': 'Шевченко Іван Іванович', 'Телефон власника': '+380 50 765 43 21' });
    await choose(v, 'Як власник підтвердить згоду?', 'Власник прийде до ЦНАП і підпише згоду особисто');
    r = await W.press(v, 'consent answered', 'Продовжити');
    questionPage(W, r, 'previous');
    await choose(v, 'Зняти з реєстрації за попередньою адресою одночасно?', 'Так');
    await fillIn(v, { 'Попередня адреса реєстрації': OLD_ADDRESS });
    r = await W.press(v, 'previous address answered', 'Продовжити');
    questionPage(W, r, 'declaration');

    // -- save and continue later -------------------------------------------------------------
    // "Продовжити" and "Зберегти і продовжити пізніше" are targets far enough apart to hit on a
    // phone (WCAG 2.2 target spacing): at 320 px wide, at least 16 px between their boxes.
    const gapOnPhone = async () => {
      const size = v.page.viewportSize();
      await v.page.setViewportSize({ width: 320, height: 640 });
      const gap = await v.page.evaluate(() => {
        const button = [...document.querySelectorAll('main button')].find((b) => b.textContent.trim() === 'Продовжити');
        const link = [...document.querySelectorAll('main a')].find((a) => a.textContent.trim() === 'Зберегти і продовжити пізніше');
        if (!button || !link) return -1;
        const [a, b] = [button.getBoundingClientRect(), link.getBoundingClientRect()];
        const dx = Math.max(0, Math.max(a.left, b.left) - Math.min(a.right, b.right));
        const dy = Math.max(0, Math.max(a.top, b.top) - Math.min(a.bottom, b.bottom));
        return Math.max(dx, dy);
      });
      await v.page.setViewportSize(size);
      return gap;
    };
    const gap = await gapOnPhone();
    expect(gap >= 16, '"Продовжити" and "Зберегти і продовжити пізніше" are at least 16 px apart at 320 px', `gap: ${gap} px`);
    r = await W.follow(v, 'save and continue later', 'Зберегти і продовжити пізніше');
    must(r.path === '/applications', '"Зберегти і продовжити пізніше" leads to /applications', W.shown(r.url));
    expect(r.h1 === 'Мої заяви', '/applications is titled "Мої заяви"', `h1: ${r.h1}`);
    const draftLink = v.page.locator(`main a[href="/applications/${id}"]`);
    must(await draftLink.count() === 1, `/applications lists the draft (a link to /applications/${id})`, (await W.mainText(v)).slice(0, 800));
    // (The link may carry the draft's date for screen readers, in a visually hidden part.)
    const draftName = await draftLink.evaluate((a) => {
      const shown = a.cloneNode(true);
      for (const hidden of shown.querySelectorAll('.visually-hidden')) hidden.remove();
      return shown.textContent.replace(/\s+/g, ' ').trim();
    });
    expect(draftName === 'Реєстрація місця проживання', 'the draft is named by its service', `${draftName} (the whole link: ${(await draftLink.textContent()).trim()})`);
    r = await W.step(v, 'draft resumed', () => draftLink.click());
    questionPage(W, r, 'declaration');
    await field(v, /^Я підтверджую, що відомості правдиві/).check();
    await field(v, /^Я погоджуюся, щоб мої персональні дані/).check();
    r = await W.press(v, 'declaration answered', 'Продовжити');
    must(r.path === `/applications/${id}/check`, 'after the last page comes the check page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    let text = await W.mainText(v);
    for (const s of [ADULT.name, CHILD.name, ADDRESS, OLD_ADDRESS, 'Шевченко Іван Іванович', PDF_FILE.name]) {
      expect(text.includes(s), `the check page shows "${s}"`, text.slice(0, 1500));
    }
    expect(!text.includes(PNG_FILE.name), 'the removed file is not on the check page');

    // -- Back from the check page, and a Change link ---------------------------------------
    r = await W.follow(v, 'Back from the check page', 'Назад', { scope: 'body' });
    questionPage(W, r, 'declaration');
    r = await W.press(v, 'declaration again', 'Продовжити');
    must(r.path === `/applications/${id}/check`, 'Continue returns to the check page', W.shown(r.url));
    r = await W.follow(v, 'Change link of the phone', 'Змінити Номер телефону');
    questionPage(W, r, 'applicant');
    expect(r.search.includes('return=check') && r.hash === '#phone', 'the Change link opens the page at the phone field, to return to the check page', W.shown(r.url));
    expect((await v.page.getByRole('link', { name: 'Назад', exact: true }).getAttribute('href')) === `/applications/${id}/check`,
      'Back from a page opened by Change leads to the check page');
    const newPhone = '093 222 33 44';
    await fillIn(v, { 'Номер телефону': newPhone });
    r = await W.press(v, 'phone changed', 'Продовжити');
    must(r.path === `/applications/${id}/check`, 'after a change, Continue returns to the check page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    const phoneShown = await described(v, 'Номер телефону');
    expect(samePhone(phoneShown, newPhone), 'the check page shows the new phone number', `shown: ${phoneShown}, typed: ${newPhone}`);

    // -- submit, status, the list ---------------------------------------------------------------
    const submittedAt = Date.now();
    r = await W.press(v, 'submitted', 'Надіслати заяву');
    const reference = await expectDone(v, r, id);
    console.log(`  reference ${reference}`);
    await submissionLetter(resident.email, reference, submittedAt - 2000);
    r = await W.follow(v, 'status page', 'Стан заяви');
    must(r.path === `/applications/${id}/status`, '"Стан заяви" leads to the status page', W.shown(r.url));
    expect(r.h1.includes(reference), 'the status page is headed by the reference number', `h1: ${r.h1}`);
    text = await W.mainText(v);
    expect(text.includes('Подано'), 'the status is "Подано"', text.slice(0, 400));
    expect(await field(v, 'Повідомлення').count() === 1, 'the status page offers a reply form');
    expect(await v.page.locator('main').getByRole('link', { name: 'Відкликати заяву', exact: true }).count() === 1, 'the status page offers to withdraw');

    // -- "Чи була ця сторінка корисною?" answered once, JavaScript off ------------------------
    // No answer chosen: 422, the question named (validation comes before the throttle, so it repeats).
    expect(await v.page.locator('main form[action="/feedback"]').count() === 1, 'the status page asks "Чи була ця сторінка корисною?"');
    r = await W.press(v, 'feedback: sent without an answer', 'Надіслати відгук', { status: 422 });
    expect(r.h1 === 'Чи була ця сторінка корисною?', 'the refused feedback page asks the question again', `h1: ${r.h1}`);
    expect(await v.page.locator('.error-summary a[href="#feedback-useful"]').count() === 1, 'the error summary names the question');
    await choose(v, 'Чи була ця сторінка корисною?', 'Так');
    await fillIn(v, { 'Що можна покращити? (необов’язково)': 'Усе зрозуміло, дякую' });
    // (The answer is throttled per address and page for 15 minutes: a second run within them gets the 429 page.)
    r = await W.press(v, 'feedback: "Так" sent', 'Надіслати відгук');
    expect(r.h1 === 'Дякуємо за відгук', 'the answer is thanked', `h1: ${r.h1}`);
    r = await W.follow(v, 'feedback: back to the status page', 'Повернутися до сторінки');
    must(r.path === `/applications/${id}/status`, 'the thank-you page leads back to the page answered about', W.shown(r.url));
    r = await W.go(v, 'my applications', '/applications');
    // (The page may link to the case from elsewhere too, e.g. a notice: look for the listed case, named by its service.)
    const listed = v.page.locator(`main a[href="/applications/${id}/status"]`).filter({ hasText: /^\s*Реєстрація місця проживання\s*$/ });
    expect(await listed.count() === 1 && (await W.mainText(v)).includes(reference), '/applications lists the submitted case, named by its service, with its reference', (await W.mainText(v)).slice(0, 800));
    expect(await v.page.locator(`main a[href="/applications/${id}"]`).count() === 0, 'the case is no longer listed as a draft');
  } finally {
    await W.closeVisitor(v);
  }
}

// ---------------------------------------------------------------------------
// Journey 3: without an account — tracking link, reply, withdrawal

async function journey3() {
  const email = address('journey3');
  const v = await W.newVisitor();
  let id;
  let tracking;
  let reference;
  try {
    id = await requestInformation(W, v, {
      request: 'Копія рішення виконавчого комітету від 01.02.2026 № 15 про ремонт доріг.',
      name: 'Петренко Тарас Андрійович',
      email,
      onContact: () => expectInputPurposes(v, { 'Прізвище, ім’я, по батькові': 'name', 'Електронна пошта': 'email', 'Телефон (необов’язково)': 'tel' }),
    });
    expect((await W.mainText(v)).includes(email), 'the check page names the address the confirmation goes to');
    const submittedAt = Date.now();
    const r = await W.press(v, 'submitted', 'Надіслати заяву');
    reference = await expectDone(v, r, id);
    console.log(`  reference ${reference}`);
    const links = await v.page.evaluate(() => [...document.querySelectorAll('main a[href]')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
    const shownLink = links.find((l) => /\/track\/[A-Za-z0-9_-]{20,}$/.test(l.href));
    must(!!shownLink, 'the confirmation page shows a tracking link /track/…', JSON.stringify(links.map((l) => W.shown(new URL(l.href, W.origin).href))));
    expect(shownLink.text === shownLink.href, 'the tracking link is written out in full, to copy', shownLink.text);
    tracking = new URL(shownLink.href, W.origin).href;
    expect(new URL(tracking).origin === W.origin, 'the tracking link points at this server', W.shown(tracking));
    const letter = await submissionLetter(email, reference, submittedAt - 2000);
    const inLetter = /https?:\/\/\S+\/track\/[A-Za-z0-9_-]+/.exec(letter.body)?.[0];
    must(!!inLetter, 'the letter holds the tracking link', letter.body);
    expect(inLetter === tracking, 'the letter\'s tracking link is the one on the confirmation page', `${W.shown(inLetter)} vs ${W.shown(tracking)}`);
  } finally {
    await W.closeVisitor(v);
  }

  // A stranger without the link sees nothing of the case; given the link while they fill in a
  // draft of their own, they are asked before their browser leaves their draft for the link's case.
  const stranger = await W.newVisitor();
  try {
    await W.go(stranger, 'status page without the link', `/applications/${id}/status`, { status: 404 });
    let r = await W.go(stranger, 'stranger: start page', INFORMATION);
    r = await W.press(stranger, 'stranger: Start', 'Почати');
    const own = questionPage(W, r, 'request');
    r = await W.go(stranger, 'stranger: someone else\'s tracking link', tracking);
    must(r.h1 === 'Відкрити іншу заяву?', 'a tracking link asks before replacing the draft this browser holds', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    r = await W.follow(stranger, 'stranger: keeps their own draft', 'Залишитися з моєю заявою');
    must(r.path.startsWith(`/applications/${own}/`), '"Залишитися з моєю заявою" returns to the own draft', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  } finally {
    await W.closeVisitor(stranger);
  }

  // Later, in another browser: the link from the letter.
  const w = await W.newVisitor();
  try {
    let r = await W.go(w, 'tracking link in a fresh browser', tracking);
    must(r.path === `/applications/${id}/status`, 'the tracking link opens the status page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect(r.h1.includes(reference), 'the status page is headed by the reference number', `h1: ${r.h1}`);
    let text = await W.mainText(w);
    expect(text.includes('Подано'), 'the status is "Подано"', text.slice(0, 400));

    // An empty reply is refused.
    r = await W.press(w, 'empty reply', 'Надіслати', { status: 422 });
    expect(r.info.title.startsWith(ERROR_PREFIX), `the title starts with "${ERROR_PREFIX}"`, `title: ${r.info.title}`);
    const errors = await W.errorsShown(w);
    await expectSummaryFirst(w);
    expect(errors.summary.length === 1 && errors.summary[0].href === '#message' && errors.summary[0].text === 'Напишіть повідомлення або додайте файл',
      'the error summary says to write a message or add a file, linking to #message', JSON.stringify(errors));
    await w.page.locator('main [role="alert"] a[href="#message"]').click();
    expect(await w.page.evaluate(isId, 'message'), 'the error summary\'s link focuses the message field', `focused: ${await W.focused(w)}`);

    // A reply with a file.
    const message = 'Уточнюю: потрібна копія рішення разом з додатками.';
    await fillIn(w, { Повідомлення: message });
    await field(w, 'Файли (необов’язково)').setInputFiles(REPLY_FILE);
    r = await W.press(w, 'reply with a file', 'Надіслати');
    must(r.path === `/applications/${id}/status`, 'the reply returns to the status page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    const notice = await w.page.locator('main [role="status"]').textContent().catch(() => '');
    expect(notice.trim() === 'Повідомлення надіслано.', 'the status page says "Повідомлення надіслано." (role="status")', `notice: ${notice}`);
    text = await W.mainText(w);
    expect(text.includes('Ви написали') && text.includes(message), 'the timeline shows the message', text.slice(0, 1200));
    const fileLink = w.page.locator('main').getByRole('link', { name: new RegExp(`^${REPLY_FILE.name.replace('.', '\\.')}`) });
    must(await fileLink.count() === 1, `the timeline links to ${REPLY_FILE.name}`, text.slice(0, 1200));
    const href = await fileLink.getAttribute('href');
    const res = await w.ctx.request.get(new URL(href, W.origin).href);
    const body = await res.body();
    expect(res.status() === 200 && Buffer.compare(body, REPLY_FILE.buffer) === 0, 'the file downloads as uploaded', `status ${res.status()}, ${body.length} B`);
    expect((res.headers()['content-disposition'] || '').startsWith('attachment'), 'the file comes as a download (Content-Disposition: attachment)', res.headers()['content-disposition']);

    // Withdraw, through the confirmation page.
    r = await W.follow(w, 'withdraw link', 'Відкликати заяву');
    must(r.path === `/applications/${id}/withdraw`, '"Відкликати заяву" leads to its confirmation page', W.shown(r.url));
    expect(r.h1 === 'Відкликати заяву', 'the confirmation page asks "Відкликати заяву"', `h1: ${r.h1}`);
    await fillIn(w, { 'Причина (необов’язково)': 'Знайшов відповідь на сайті ради.' });
    r = await W.press(w, 'withdrawn', 'Так, відкликати');
    must(r.path === `/applications/${id}/status`, 'withdrawing returns to the status page', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    text = await W.mainText(w);
    const tag = await w.page.evaluate(() => document.querySelector('main h1 ~ p strong')?.textContent.trim() ?? '');
    expect(tag === 'Запит відкликано', 'the status page shows the withdrawn state "Запит відкликано"', `status shown: ${tag}; ${text.slice(0, 300)}`);
    expect(text.includes('Знайшов відповідь на сайті ради.'), 'the timeline shows the reason');
    expect(await w.page.evaluate(() => [...document.querySelectorAll('main form')].filter((f) => !f.closest('.feedback')).length) === 0 && (await field(w, 'Повідомлення').count()) === 0, 'a withdrawn case has no reply form (only "was this page useful?")');
    expect(await w.page.locator('main').getByRole('link', { name: 'Відкликати заяву', exact: true }).count() === 0, 'a withdrawn case offers no withdrawal');
  } finally {
    await W.closeVisitor(w);
  }
}

// ---------------------------------------------------------------------------
// Journey 4: a refused upload; a draft deleted

async function journey4() {
  const resident = demoResident();
  const v = await W.newVisitor();
  try {
    const id = await startChildRegistration(v, resident);
    let r;
    await fillIn(v, { 'Прізвище, ім’я, по батькові дитини': CHILD.name, 'Дата народження дитини': CHILD.birth });
    await choose(v, 'Ким ви доводитеся дитині?', 'Мати або батько');
    await field(v, 'Свідоцтво про народження дитини').setInputFiles(FAKE_PDF);
    r = await W.press(v, 'a text file named .pdf', 'Продовжити', { status: 422 });
    questionPage(W, r, 'child');
    expect(r.info.title.startsWith(ERROR_PREFIX), `the title starts with "${ERROR_PREFIX}"`, `title: ${r.info.title}`);
    const errors = await W.errorsShown(v);
    const link = errors.summary.find((e) => e.href === '#child_birth_certificate');
    must(!!link, 'the error summary links to #child_birth_certificate', JSON.stringify(errors));
    await expectSummaryFirst(v);
    expect(link.text.includes(`«${FAKE_PDF.name}»`) && /PDF/.test(link.text), `the error names the file «${FAKE_PDF.name}» and the kinds allowed`, link.text);
    expect((errors.fields.child_birth_certificate || '').includes(FAKE_PDF.name), 'the field shows the error too', JSON.stringify(errors.fields));
    const state = await v.page.evaluate(() => {
      const f = document.getElementById('child_birth_certificate');
      return { invalid: f?.getAttribute('aria-invalid'), describedBy: f?.getAttribute('aria-describedby') || '' };
    });
    expect(state.invalid === 'true' && state.describedBy.includes('child_birth_certificate-error'), 'the file input is marked invalid and described by its error', JSON.stringify(state));
    expect((await inputValue(v, 'Прізвище, ім’я, по батькові дитини')) === CHILD.name, 'the typed name is kept');
    expect(!(await W.mainText(v)).includes('Видалити файл'), 'the refused file is not kept');
    await v.page.locator(`main [role="alert"] a[href="#child_birth_certificate"]`).click();
    expect(await v.page.evaluate(isId, 'child_birth_certificate'), 'the error summary\'s link focuses the file input', `focused: ${await W.focused(v)}`);

    // Delete the draft through its confirmation page.
    r = await W.go(v, 'my applications', '/applications');
    const del = v.page.locator(`main a[href="/applications/${id}/delete"]`);
    must(await del.count() === 1, `/applications offers to delete the draft ${id}`, (await W.mainText(v)).slice(0, 800));
    expect((await del.textContent()).replace(/\s+/g, ' ').trim() === 'Видалити чернетку Реєстрація місця проживання', 'the delete link names the draft', await del.textContent());
    r = await W.step(v, 'delete link', () => del.click());
    must(r.path === `/applications/${id}/delete`, 'the delete link opens its confirmation page', W.shown(r.url));
    expect(r.h1 === 'Видалити чернетку?', 'the confirmation page asks "Видалити чернетку?"', `h1: ${r.h1}`);
    r = await W.press(v, 'draft deleted', 'Так, видалити');
    const said = await v.page.locator('main [role="status"]').first().textContent().catch(() => '');
    expect(r.path === '/applications' && said.trim() === 'Чернетку і її файли видалено.', 'deleting returns to /applications, which says "Чернетку і її файли видалено." (role="status")', `at ${W.shown(r.url)}, h1 "${r.h1}", notice: ${said}`);
    await W.go(v, 'the deleted draft', `/applications/${id}`, { status: 404 });
    await W.go(v, 'my applications after deleting', '/applications');
    const stillLinked = await v.page.evaluate((n) => [...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href')).filter((h) => new RegExp(`^/applications/${n}(/|$)`).test(h)), id);
    expect(stillLinked.length === 0, 'the deleted draft is no longer listed', stillLinked.join(', '));
  } finally {
    await W.closeVisitor(v);
  }
}

// ---------------------------------------------------------------------------

await W.run(
  [
    ['1 keyboard only, JavaScript on: register a child\'s residence', journey1],
    ['2 the same application with JavaScript off: Back, language, Change, save and resume', journey2],
    ['3 without an account: request for public information, tracking link, reply, withdrawal', journey3],
    ['4 bad input: a text file named .pdf; a draft deleted', journey4],
  ],
  { only: listEnv('JOURNEYS') },
);
