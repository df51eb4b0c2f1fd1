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
//   5 staff: a code at sign-in, an invitation, the second factor's enrolment
//   6 the glossary: a service page's first "ЦНАП" leads to its entry; the search form
//     (GET, no JavaScript) finds "Рнокпп" typed any way and lists only what matches
//
// Every page reached (after each navigation, form submission or redirect) gets:
//   status, weight, structure (lang, one <main>, one <h1>, heading levels, no
//   <script>, skip link), reflow at 320 px, 200% zoom (640 px), axe-core and origin,
//   as in suite.mjs (the steps of walk.mjs).
// A page reached by a form (POST) or a single-use link cannot be loaded a second
// time to give the same page, so axe runs in the JavaScript-enabled context on the
// same URL with the same cookies, over the very response the JS-off page received
// (replayed by request interception; the stylesheet comes from the server).

import { Walk } from './walk.mjs';
import { COMMUNITY, ERROR_PREFIX, RUN, STRONG, address, fillIds, isButton, isId, linkIn, registerAndConfirm, sendCode, signIn, totp } from './lib.mjs';

const W = Walk.fromEnv('Browser journeys');
const { expect, must } = W;
const LETTER_WAIT_MS = 5000;

// ---------------------------------------------------------------------------
// Pieces of journeys

async function expectSignedIn(v, r, email) {
  must(r.path === '/account', 'signing in leads to /account', `ended on ${W.shown(r.url)} (${r.status}), h1: ${r.info.h1}`);
  expect(r.info.h1 === 'Мій кабінет', '/account is titled "Мій кабінет"', `h1: ${r.info.h1}`);
  const shownEmail = await v.page.evaluate(() => document.querySelector('main dl dd')?.textContent.trim());
  expect(shownEmail === email, '/account shows the address', `shows: ${shownEmail}`);
}

async function signOut(v) {
  const r = await W.press(v, 'sign out', 'Вийти');
  expect(r.info.h1 === 'Ви вийшли', 'signing out says "Ви вийшли"', `h1: ${r.info.h1}`);
  const session = (await v.ctx.cookies()).filter((c) => !/csrf|lang/.test(c.name));
  expect(session.length === 0, 'no session cookie is left after signing out', session.map((c) => c.name).join(', '));
}

/** The error a failed sign-in shows: status, summary and field error. */
async function failedSignIn(v, email, password, label) {
  const r = await signIn(W, v, { email, password }, label, { status: 422 });
  expect(r.path === '/account/sign-in', `${label}: stays on the sign-in page`, W.shown(r.url));
  const errors = await W.errorsShown(v);
  expect(errors.summary.length === 1 && errors.summary[0].href === '#email', `${label}: the error summary links to #email`, JSON.stringify(errors.summary));
  return { status: r.status, title: r.info.title, summary: errors.summary.map((e) => e.text).join(' | '), field: errors.fields.email ?? '' };
}

// ---------------------------------------------------------------------------
// Journeys

const STRONGER = 'Zelenyi-Chainyk-Yide-Dodomu-2026';

async function journey1() {
  const v = await W.newVisitor();
  try {
    const email = address('journey1');
    await registerAndConfirm(W, v, { email, password: STRONG, name: 'Оксана Тестова', waitMs: LETTER_WAIT_MS });
    let r = await signIn(W, v, { email, password: STRONG }, 'sign in');
    await expectSignedIn(v, r, email);
    // The pages only a signed-in resident sees (the crawl cannot reach them): follow
    // the account page's links to forms, and come back.
    const forms = await v.page.evaluate(() =>
      [...document.querySelectorAll('main a[href^="/account/"]')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })),
    );
    for (const link of forms.filter((l) => l.href !== '/account/export')) {
      r = await W.step(v, `link "${link.text}"`, (p) => p.locator(`main a[href="${link.href}"]`).first().click());
      expect(r.path === link.href, `the link "${link.text}" leads to ${link.href}`, W.shown(r.url));
      await W.go(v, 'account', '/account');
    }
    if (forms.some((l) => l.href === '/account/export')) {
      const res = await v.ctx.request.get(new URL('/account/export', W.origin).href);
      expect(res.status() === 200 && (await res.text()).includes(email), 'the data export answers 200 and holds the address', `status ${res.status()}`);
    }
    await signOut(v);
    const after = await W.go(v, 'account after signing out', '/account');
    expect(after.path === '/account/sign-in', '/account leads to the sign-in page after signing out', W.shown(after.url));
  } finally {
    await W.closeVisitor(v);
  }
}

async function journey2() {
  const v = await W.newVisitor();
  try {
    await W.go(v, 'registration form', '/account/register');
    const badEmail = `not-an-address-${RUN}`;
    await fillIds(v, { email: badEmail, name: 'Петро', password: 'short' });
    const r = await W.submit(v, 'registration with errors', { status: 422 });
    must(r.path === '/account/register', 'the form comes back on /account/register', W.shown(r.url));
    expect(r.info.title.startsWith(ERROR_PREFIX), `the title starts with "${ERROR_PREFIX}"`, `title: ${r.info.title}`);
    const errors = await W.errorsShown(v);
    const hrefs = errors.summary.map((e) => e.href);
    expect(errors.summary.length > 0, 'an error summary is shown');
    expect(hrefs.includes('#email') && hrefs.includes('#password'), 'the error summary links to #email and #password', JSON.stringify(errors.summary));
    expect(errors.role === 'alert', 'the error summary is announced (role="alert")', `role: ${errors.role}`);
    expect(!!errors.fields.email && !!errors.fields.password, 'the e-mail and password fields show their errors', JSON.stringify(errors.fields));
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
    await W.closeVisitor(v);
  }
}

async function journey3() {
  const v = await W.newVisitor();
  try {
    const email = address('journey3');
    await registerAndConfirm(W, v, { email, password: STRONG, name: '', waitMs: LETTER_WAIT_MS });
    let r = await W.go(v, 'sign-in form', '/account/sign-in');
    r = await W.step(v, 'forgot-password link', (p) => p.getByRole('link', { name: 'Забули пароль?', exact: true }).click());
    must(r.path === '/account/forgot', 'the "Забули пароль?" link leads to /account/forgot', W.shown(r.url));
    const started = Date.now();
    await fillIds(v, { email });
    r = await W.submit(v, 'reset link requested');
    expect(r.info.h1 === 'Перевірте пошту', 'asking for a reset link says "Перевірте пошту"', `h1: ${r.info.h1}`);
    const letter = await W.newestLetter(email, { after: started - 1000, waitMs: LETTER_WAIT_MS });
    must(!!letter && letter.subject === 'Відновлення пароля', `a letter "Відновлення пароля" to ${email}`, letter ? `newest: ${letter.subject}` : 'none');
    const link = linkIn(W, letter, '/account/reset');
    r = await W.go(v, 'reset link', link);
    must(r.info.h1 === 'Задайте новий пароль', 'the reset link opens "Задайте новий пароль"', `h1: ${r.info.h1}`);
    await fillIds(v, { new_password: STRONGER });
    r = await W.submit(v, 'new password sent');
    must(r.info.h1 === 'Пароль змінено', 'setting the new password says "Пароль змінено"', `h1: ${r.info.h1}`);

    r = await signIn(W, v, { email, password: STRONGER }, 'new password');
    await expectSignedIn(v, r, email);
    await signOut(v);

    const old = await failedSignIn(v, email, STRONG, 'old password');
    const unknown = await failedSignIn(v, address('nobody'), STRONG, 'unknown address');
    expect(old.summary !== '' && old.summary === unknown.summary && old.field === unknown.field && old.status === unknown.status,
      'the old password gets the same answer as an unknown address', `old password: ${JSON.stringify(old)}\nunknown address: ${JSON.stringify(unknown)}`);
    expect(old.title.startsWith(ERROR_PREFIX), `a failed sign-in's title starts with "${ERROR_PREFIX}"`, `title: ${old.title}`);
  } finally {
    await W.closeVisitor(v);
  }
}

/**
 * Presses Tab until `test(arg)` holds for the focused element (at most 40 times);
 * returns the Tab stops from the one focused now. Every page checked by a step has
 * had one Tab press from the top already (the skip-link check), so the walk starts there.
 */
const tabTo = (v, test, arg) => W.tabTo(v, arg, test, arg, { max: 40 });

async function journey4() {
  const email = process.env.DEMO_EMAIL;
  const password = process.env.DEMO_PASSWORD;
  must(!!email && !!password, 'DEMO_EMAIL and DEMO_PASSWORD are set (from the demo\'s "resident …" line)');
  const v = await W.newVisitor();
  try {
    await W.go(v, 'sign-in form', '/account/sign-in');
    // From the top of the page, by keyboard alone: Tab to the fields, type, Enter.
    const path = await tabTo(v, isId, 'email');
    console.log(`  Tab stops to the e-mail field: ${path.join(' → ')}`);
    await v.page.keyboard.type(email);
    await v.page.keyboard.press('Tab');
    must(await v.page.evaluate(isId, 'password'), 'the Tab after the e-mail field lands on the password field');
    await v.page.keyboard.type(password);
    let r = await W.step(v, 'sign-in sent with Enter', (p) => p.keyboard.press('Enter'));
    await expectSignedIn(v, r, email);
    // Sign out by keyboard too: Tab to the "Вийти" button, Enter.
    console.log(`  Tab stops to the sign-out button: ${(await tabTo(v, isButton, 'Вийти')).join(' → ')}`);
    r = await W.step(v, 'sign out with Enter', (p) => p.keyboard.press('Enter'));
    expect(r.info.h1 === 'Ви вийшли', 'signing out says "Ви вийшли"', `h1: ${r.info.h1}`);
  } finally {
    await W.closeVisitor(v);
  }
}

async function journey5() {
  const [email, password, secret] = (process.env.DEMO_ADMIN || '').split(' ');
  must(!!email && !!password && !!secret, 'DEMO_ADMIN is set (from the demo\'s "community_admin …" line)');
  const admin = await W.newVisitor();
  const invitee = address('journey5-officer');
  try {
    let r = await signIn(W, admin, { email, password }, 'staff password');
    must(r.path === '/account/sign-in/code', 'after the password, staff are asked for a code', `${W.shown(r.url)}, h1: ${r.info.h1}`);
    r = await W.go(admin, 'the password alone opens nothing', '/account');
    expect(r.path === '/account/sign-in/code', '/account sends back to the code', W.shown(r.url));
    r = await sendCode(W, admin, 'code sent', totp(secret));
    must(r.path === '/account', 'the code signs the admin in', `${W.shown(r.url)}, h1: ${r.info.h1}`);
    expect((await W.mainText(admin)).includes('Адміністратор громади — Бучанська громада'), '/account shows the role');
    r = await W.go(admin, 'invitation form', '/staff/invite');
    expect(r.info.h1 === 'Запросіть працівника', 'the invitation form is titled "Запросіть працівника"', `h1: ${r.info.h1}`);
    await admin.page.fill('#email', invitee);
    await admin.page.selectOption('#grant', 'community:buchanska:officer');
    const started = Date.now();
    r = await W.submit(admin, 'invitation sent');
    expect(r.info.h1 === 'Запрошення надіслано', 'the invitation is sent', `h1: ${r.info.h1}`);
    const letter = await W.newestLetter(invitee, { after: started - 1000, waitMs: LETTER_WAIT_MS });
    must(!!letter, `an invitation letter to ${invitee}`);

    const staff = await W.newVisitor();
    try {
      r = await W.go(staff, 'invitation link', linkIn(W, letter, '/staff/welcome'));
      expect(r.info.h1 === 'Ласкаво просимо до «Громади»', 'the link opens the welcome form', `h1: ${r.info.h1}`);
      await fillIds(staff, { new_password: STRONG });
      r = await W.submit(staff, 'password set');
      must(r.path === '/staff/totp', 'then the second factor is set up', `${W.shown(r.url)}, h1: ${r.info.h1}`);
      const key = await staff.page.evaluate(() => document.querySelector('.secret')?.textContent || '');
      expect(/^[A-Z2-7 ]{32,}$/.test(key.trim()), 'the key is shown in text for people who cannot scan', key);
      expect(await staff.page.evaluate(() => !!document.querySelector('.qr svg')), 'a QR code is shown');
      await fillIds(staff, { code: '000000' === totp(key) ? '111111' : '000000' });
      r = await W.submit(staff, 'wrong code', { status: 422 });
      expect(r.info.title.startsWith(ERROR_PREFIX), 'a wrong code is an error', r.info.title);
      await fillIds(staff, { code: totp(key) });
      r = await W.submit(staff, 'code confirmed');
      expect(r.info.h1 === 'Ваші резервні коди', 'ten recovery codes are shown once', `h1: ${r.info.h1}`);
      const codes = await staff.page.evaluate(() => document.querySelectorAll('.codes li').length);
      expect(codes === 10, 'there are ten recovery codes', String(codes));
      r = await W.go(staff, 'account', '/account');
      expect((await W.mainText(staff)).includes('Посадова особа — Бучанська громада'), 'the new officer\'s account shows the role');
    } finally {
      await W.closeVisitor(staff);
    }
  } finally {
    await W.closeVisitor(admin);
  }
}

async function journey6() {
  const v = await W.newVisitor();
  try {
    let r = await W.go(v, 'a service page', `/${COMMUNITY}/zhytlova-subsydiia`);
    const first = await v.page.evaluate(() => document.querySelector('main a[href="/glossary#tsnap"]')?.textContent ?? null);
    must(first === 'ЦНАП', 'the service page links its first "ЦНАП" to the glossary', String(first));
    const links = await v.page.evaluate(() => document.querySelectorAll('main a[href="/glossary#tsnap"]').length);
    expect(links === 1, 'only the first "ЦНАП" on the page is a link', String(links));
    r = await W.step(v, 'the link "ЦНАП"', (p) => p.locator('main a[href="/glossary#tsnap"]').first().click());
    must(r.path === '/glossary' && r.hash === '#tsnap', 'the link leads to /glossary#tsnap', W.shown(r.url));
    expect(await v.page.evaluate(() => document.querySelector('dt:target')?.id === 'tsnap'), 'the entry "ЦНАП" is the target of the page');
    await fillIds(v, { q: 'Рнокпп' });
    r = await W.submit(v, 'glossary search "Рнокпп"');
    must(r.path === '/glossary' && new URL(r.url).searchParams.get('q') === 'Рнокпп', 'the search is a GET to /glossary?q=…', W.shown(r.url));
    const shown = await v.page.evaluate(() => [...document.querySelectorAll('main dt[id]')].map((d) => d.id));
    expect(shown.includes('rnokpp') && !shown.includes('subsydiia'), 'the search lists РНОКПП and not what does not match', shown.join(', '));
    r = await W.follow(v, 'all words', 'Показати всі слова');
    expect(r.path === '/glossary' && r.search === '', '"Показати всі слова" leads back to the whole glossary', W.shown(r.url));
  } finally {
    await W.closeVisitor(v);
  }
}

// ---------------------------------------------------------------------------

await W.run([
  ['1 register, confirm, sign in and out', journey1],
  ['2 registration with errors', journey2],
  ['3 forgotten password', journey3],
  ['4 demo resident signs in by keyboard', journey4],
  ['5 staff: code at sign-in, invitation, second factor enrolment', journey5],
  ['6 glossary: a term link and the search form', journey6],
]);
