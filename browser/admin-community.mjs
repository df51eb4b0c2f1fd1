// Hromada browser journey of a community administrator: the demo's admin of Bucha
// signs in (password and TOTP code) and runs the community from /admin/communities
// with the keyboard alone and JavaScript off — the profile (a wrong КАТОТТГ code
// refused first, then Bucha's real one and a website), a remote workplace with its
// opening hours (a Tuesday that closes before it opens refused first), a service
// withdrawn (its page then answers 404) and offered again (200), and that service's
// local details (where the result is collected, the department, a note).
//
//   BASE_URL=http://127.0.0.1:8080 OUTBOX_DIR=DATA_DIR/outbox \
//   DEMO_ADMIN="E-MAIL PASSWORD TOTP-SECRET" node browser/admin-community.mjs
//
// Environment:
//   BASE_URL       the demo server (required)
//   OUTBOX_DIR     where it keeps its letters (<data dir>/outbox; required by walk.mjs)
//   DEMO_ADMIN     the demo's community admin of buchanska, from its line
//                  "community_admin buchanska E-MAIL PASSWORD TOTP-SECRET" (required)
//   MAX_BYTES      page weight limit (default 30720)
//   REPORT_JSON    write a JSON report to this file
//   CHROMIUM       browser executable (default /usr/bin/chromium)
//
// Every page reached gets the checks of walk.mjs: status, weight (30 KB), structure,
// reflow at 320 px, 200% zoom, axe-core (WCAG 2.2 A/AA) and origin — pages reached
// by POST included. Nothing is clicked: every control is reached with Tab (or
// Shift+Tab) and used with Enter, Space, arrows and typing.
// A TOTP code is accepted once per 30-second step and account; the other journeys
// sign the same admin in, so a code refused as used is followed by the next step's.

import { COMMUNITY, freshCode, isButton, isId, isLink, sleep } from './lib.mjs';
import { Walk } from './walk.mjs';

const W = Walk.fromEnv('Browser journey of a community administrator');
const { expect, must } = W;

const PROFILE = `/admin/communities/${COMMUNITY}`;
const CENTRES = `${PROFILE}/centres`;
const SERVICES = `${PROFILE}/services`;
/** Bucha's КАТОТТГ code (category H) and its raion's (category P), from the codifier. */
const BUCHA_KATOTTG = 'UA32080070000050759';
const BUCHA_RAION = 'UA32080000000084076';
/** The service withdrawn and offered again: one no other journey applies for. */
const SERVICE = 'vytiah-z-reiestru-terytorialnoi-hromady';

const [email, password, secret] = (process.env.DEMO_ADMIN || '').split(' ');

/** Whether the focused element is the link or button whose text starts with `start`. */
const startsWith = (start) => {
  const a = document.activeElement;
  return ['A', 'BUTTON'].includes(a?.tagName) && a.textContent.replace(/\s+/g, ' ').trim().startsWith(start);
};

/** Tab to the field `id`, select what it holds and type `text` over it. */
async function typeInto(v, id, text) {
  await W.tabTo(v, `the field #${id}`, isId, id, { max: 120 });
  await v.page.keyboard.press('Control+A');
  await v.page.keyboard.press('Delete');
  if (text) await v.page.keyboard.type(text);
}

/** Submits the form of the focused text field with Enter and checks the page it leads to. */
const enter = (v, label, opts) => W.step(v, label, () => v.page.keyboard.press('Enter'), opts);

/** The error summary's links and the field messages of the page shown. */
async function errorsOf(v) {
  const errors = await W.errorsShown(v);
  return { links: errors.summary.map((e) => e.href), fields: errors.fields };
}

/**
 * Signs in by keyboard from `via` (signed out: the sign-in form keeps ?next=). A code
 * the server refuses as already used (another journey signed this admin in during
 * the same 30 seconds) is followed by the next step's code.
 */
async function signInByKeyboard(v, via) {
  let r = await W.go(v, 'admin: the community\'s page while signed out', via);
  must(r.path === '/account/sign-in', `${via} sends a signed-out visitor to the sign-in form`, W.shown(r.url));
  await W.tabTo(v, 'the e-mail field', isId, 'email');
  await v.page.keyboard.type(email);
  await v.page.keyboard.press('Tab');
  await v.page.keyboard.type(password);
  r = await enter(v, 'admin: password sent with Enter');
  must(r.path === '/account/sign-in/code', 'after the password, the code is asked', W.shown(r.url));
  // The code page itself is checked above (the password's answer); sending a code is
  // not a checked step, as it may be refused (422) for a reason outside this journey.
  let landed = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    await W.tabTo(v, 'the code field', isId, 'code');
    await v.page.keyboard.type(await freshCode({ email, secret }));
    W.journey.step = `admin: code sent with Enter (try ${attempt})`;
    await W.navigate(v, (p) => p.keyboard.press('Enter'));
    landed = new URL(v.page.url()).pathname;
    if (landed !== '/account/sign-in/code') break;
    console.log('  (the code was refused, as used by another journey in this step: the next step\'s code)');
    await sleep(1000);
  }
  must(landed !== '/account/sign-in/code', 'a fresh code signs the admin in', landed);
  r = await W.go(v, `admin: ${landed} signed in`, landed);
  return r;
}

async function journey() {
  must(!!email && !!password && !!secret, 'DEMO_ADMIN is set (from the demo\'s "community_admin buchanska …" line)');
  const v = await W.newVisitor();
  const kb = v.page.keyboard;
  try {
    // -- sign in, reach the community from the account page --------------------------------
    let r = await signInByKeyboard(v, PROFILE);
    if (r.path !== PROFILE) {
      must(r.path === '/account', 'the code leads to the page asked for, or to /account', W.shown(r.url));
      await W.tabTo(v, 'the link "Мої громади"', isLink, 'Мої громади');
      r = await enter(v, 'admin: "Мої громади" with Enter');
      must(r.path === '/admin/communities', '"Мої громади" lists the communities', W.shown(r.url));
      await W.tabTo(v, 'the link to Bucha', startsWith, 'Бучанська');
      r = await enter(v, 'admin: Bucha with Enter');
    }
    must(r.path === PROFILE, 'the community\'s profile opens', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect(r.h1 === 'Профіль громади', 'the page is titled "Профіль громади"', `h1: ${r.h1}`);

    // -- the profile: a raion's code refused, then Bucha's own and a website ----------------
    await typeInto(v, 'katottg', BUCHA_RAION);
    r = await enter(v, 'admin: a raion\'s КАТОТТГ code sent', { status: 422 });
    let errors = await errorsOf(v);
    expect(errors.links.includes('#katottg') && (errors.fields.katottg || '').includes('Це код не громади'),
      'a raion\'s code is refused on its field: "Це код не громади…"', JSON.stringify(errors));
    expect(r.info.title.startsWith('Помилка: '), 'the title of a page with errors starts with "Помилка: "', r.info.title);
    await typeInto(v, 'katottg', BUCHA_KATOTTG);
    await typeInto(v, 'website', 'https://bucha-rada.gov.ua');
    r = await enter(v, 'admin: the profile saved');
    must(r.path === PROFILE && r.search.includes('saved'), 'saving returns to the profile', W.shown(r.url));
    expect((await W.mainText(v)).includes('Профіль збережено'), 'the page says the profile is saved');
    expect(await v.page.locator('#katottg').inputValue() === BUCHA_KATOTTG, 'the code is kept');

    // -- a remote workplace with its hours ------------------------------------------------------
    await W.tabTo(v, 'the link "Службові центри"', isLink, 'Службові центри');
    r = await enter(v, 'admin: "Службові центри" with Enter');
    must(r.path === CENTRES, 'the centres open', W.shown(r.url));
    await W.tabTo(v, 'the link "Додати службовий центр"', isLink, 'Додати службовий центр');
    r = await enter(v, 'admin: "Додати службовий центр" with Enter');
    must(r.path === `${CENTRES}/new`, 'the form of a new centre opens', W.shown(r.url));
    expect(await v.page.locator('#kind-2').isChecked(), 'a new centre is a remote workplace unless said otherwise');
    const name = 'Віддалене робоче місце ЦНАП у с. Блиставиця';
    await typeInto(v, 'name_uk', name);
    await typeInto(v, 'name_en', 'Remote workplace in Blystavytsia');
    await typeInto(v, 'address_uk', 'с. Блиставиця, вул. Центральна, 1');
    await typeInto(v, 'address_en', '1 Tsentralna St, Blystavytsia');
    await typeInto(v, 'phone', '044 555 12 34');
    for (const day of [0, 1, 2, 3, 4]) {
      // Tuesday first closes before it opens.
      await typeInto(v, `d${day}-opens`, day === 1 ? '17:00' : '8:00');
      await typeInto(v, `d${day}-closes`, day === 1 ? '8:00' : '17.00');
      if (day < 4) {
        await typeInto(v, `d${day}-break-from`, '12:00');
        await typeInto(v, `d${day}-break-to`, '12:45');
      }
    }
    for (const day of [5, 6]) {
      await W.tabTo(v, `the box "Зачинено" of day ${day}`, isId, `d${day}-closed`);
      await kb.press('Space');
    }
    await typeInto(v, 'access_uk', 'Вхід без сходинок, кнопка виклику біля дверей.');
    await W.tabTo(v, 'the button "Зберегти центр"', isButton, 'Зберегти центр', { max: 80 });
    r = await enter(v, 'admin: a Tuesday that closes before it opens', { status: 422 });
    errors = await errorsOf(v);
    expect(errors.links.includes('#d1-closes'), 'the error summary links to Tuesday\'s closing time', JSON.stringify(errors));
    expect(Object.values(errors.fields).some((m) => m.includes('Вівторок: центр має зачинятися пізніше')),
      'the message names the day: "Вівторок: центр має зачинятися пізніше, ніж відчиняється…"', JSON.stringify(errors));
    expect(await v.page.locator('#name_uk').inputValue() === name, 'what was typed stays');
    expect(await v.page.locator('#d6-closed').isChecked(), 'the ticked boxes stay ticked');
    await typeInto(v, 'd1-opens', '8:00');
    await typeInto(v, 'd1-closes', '17:00');
    r = await enter(v, 'admin: the remote workplace saved');
    must(r.path === CENTRES, 'saving returns to the centres', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    const listed = await W.mainText(v);
    expect(listed.includes('Службовий центр додано') && listed.includes(name), 'the new centre is listed', listed.slice(0, 600));
    expect(listed.includes('8:00–17:00, перерва 12:00–12:45'), 'with its hours in words', listed.slice(0, 1200));

    // -- a service withdrawn and offered again ----------------------------------------------------
    await W.tabTo(v, 'the link "Послуги"', isLink, 'Послуги');
    r = await enter(v, 'admin: "Послуги" with Enter');
    must(r.path === SERVICES, 'the services open', W.shown(r.url));
    const title = (await v.page.locator(`#service-${SERVICE} strong`).textContent().catch(() => '')).trim();
    must(!!title, `the list holds ${SERVICE}`);
    await W.tabTo(v, `the button "Припинити надавати: ${title}"`, isButton, `Припинити надавати: ${title}`, { max: 200 });
    r = await enter(v, 'admin: the service withdrawn');
    expect((await W.mainText(v)).includes(`Громада більше не надає послугу «${title}»`), 'the page says it is withdrawn');
    const resident = await W.newVisitor();
    try {
      r = await W.go(resident, 'resident: the withdrawn service\'s page', `/${COMMUNITY}/${SERVICE}`, { status: 404 });
      r = await W.go(resident, 'resident: the community\'s list', `/${COMMUNITY}`);
      expect(!(await W.mainText(resident)).includes(title), 'the community no longer lists it');
      await W.tabTo(v, `the button "Надавати: ${title}"`, isButton, `Надавати: ${title}`, { max: 200 });
      r = await enter(v, 'admin: the service offered again');
      expect((await W.mainText(v)).includes(`Громада тепер надає послугу «${title}»`), 'the page says it is offered');
      r = await W.go(resident, 'resident: the service\'s page again', `/${COMMUNITY}/${SERVICE}`);
      expect(r.h1 === title, 'the service\'s page is back', `h1: ${r.h1}`);
    } finally {
      await W.closeVisitor(resident);
    }

    // -- its local details ---------------------------------------------------------------------------
    await W.tabTo(v, `the link "Місцеві умови: ${title}"`, isLink, `Місцеві умови: ${title}`, { max: 200 });
    r = await enter(v, 'admin: the local details with Enter');
    must(r.path === `${SERVICES}/${SERVICE}`, 'the local details open', W.shown(r.url));
    await W.tabTo(v, 'the list "Де отримати результат"', isId, 'collect_at');
    await kb.press('ArrowDown');
    const chosen = await v.page.evaluate(() => document.getElementById('collect_at').selectedOptions[0]?.textContent.trim());
    expect(!!chosen && chosen !== 'Не вказано', 'an arrow key chooses one of the centres', `chosen: ${chosen}`);
    await typeInto(v, 'department_uk', 'Відділ реєстрації місця проживання');
    await typeInto(v, 'note_uk', 'Витяг можна отримати в день звернення.');
    await W.tabTo(v, 'the button "Зберегти умови"', isButton, 'Зберегти умови');
    r = await enter(v, 'admin: the local details saved');
    must(r.path === SERVICES, 'saving returns to the services', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect((await W.mainText(v)).includes(`Місцеві умови послуги «${title}» збережено`), 'the page says the details are saved');
    r = await W.go(v, 'admin: the local details again', `${SERVICES}/${SERVICE}`);
    expect(await v.page.locator('#department_uk').inputValue() === 'Відділ реєстрації місця проживання', 'the department is kept');
    expect(await v.page.evaluate(() => document.getElementById('collect_at').selectedOptions[0]?.textContent.trim()) === chosen, 'the centre is kept');
  } finally {
    await W.closeVisitor(v);
  }
}

await W.run([['1 a community administrator: profile, a remote workplace with hours, a service withdrawn and offered, its local details', journey]]);
