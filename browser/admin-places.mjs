// Hromada browser journeys of the places' administrators: the installation's
// administrator keeps the regions and the installation's settings, a regional
// administrator adds a community to the region and publishes it — by keyboard
// alone, with JavaScript off, in Debian's Chromium, every page reached checked
// against the bars of the crawl (walk.mjs: status, weight <= 30 KB, structure,
// reflow at 320 px, 200% zoom, axe-core WCAG 2.2 A/AA, origin).
//
//   BASE_URL=http://127.0.0.1:8080 OUTBOX_DIR=DATA_DIR/outbox \
//   DEMO_PEOPLE="$(grep -E '^(regional_admin|installation_admin) ' server.log)" \
//   node browser/admin-places.mjs
//
// Environment:
//   BASE_URL       the server (required): a demo
//   OUTBOX_DIR     where that server keeps its letters (<data dir>/outbox; required)
//   DEMO_PEOPLE    the lines the demo prints for its people, "ROLE PLACE E-MAIL
//                  PASSWORD [TOTP-SECRET]" (required): the installation admin
//                  ("installation_admin installation …") and the regional admin of kyivska
//   JOURNEYS       run only these journeys, by number (e.g. "2"); default all
//   MAX_BYTES      page weight limit (default 30720)
//   REPORT_JSON    write a JSON report to this file
//   CHROMIUM       browser executable (default /usr/bin/chromium)
//
// Journeys (keyboard only, JavaScript off):
//   1 the installation admin signs in to /admin/regions (password, TOTP code): the
//     regions with their codes and counts; adds Autonomous Republic of Crimea with
//     its real КАТОТТГ code — a code one digit short refused first (422, the error
//     summary links to the field, what was typed comes back) —, or, when an earlier
//     run added it, finds its code refused as taken; opens the invitation of the
//     region's administrator with the role and place chosen; the installation's
//     settings refuse an address with a path; the region's communities are read-only
//   2 the regional admin of kyivska signs in to /admin/regions/kyivska/communities,
//     adds Irpin community (its real code) — a reference code another community holds
//     refused first —, which is not published (its page is a 404 for residents);
//     publishes it after the question, and its page is there; edits its English
//     name. On a demo where an earlier run added it: adding it again is refused, and
//     it is unpublished (404) and published again (200)
//
// A TOTP code is accepted once per 30-second step and account, and for the steps
// around now: each sign-in sends the next step's code, which an earlier journey
// (backoffice.mjs signs the same regional admin in) has not spent.

import { Walk } from './walk.mjs';
import { ERROR_PREFIX, RUN, address, collapse, freshCode, isButton, isId, isLink, listEnv, sendCode, sendPassword } from './lib.mjs';

const W = Walk.fromEnv('Browser journeys of the places\' administrators');
const { expect, must } = W;

// Real codes of the codifier (КАТОТТГ).
const CRIMEA = { name: 'Автономна Республіка Крим', en: 'Autonomous Republic of Crimea', katottg: 'UA01000000000013043', slug: 'avtonomna-respublika-krym' };
const IRPIN = { name: 'Ірпінська громада', en: 'Irpin community', katottg: 'UA32080150000035443', code: 'IRP', slug: 'irpinska' };
const REGION = 'kyivska';

// ---------------------------------------------------------------------------
// The demo's people

const PEOPLE = new Map();
for (const line of (process.env.DEMO_PEOPLE || '').split('\n')) {
  const [role, place, email, password, secret] = line.trim().split(/\s+/);
  if (role && place && email && password) PEOPLE.set(`${role} ${place}`, { role, place, email, password, secret });
}

function person(role, place) {
  const p = PEOPLE.get(`${role} ${place}`);
  must(!!p, `DEMO_PEOPLE names the demo's ${role} of ${place} ("${role} ${place} E-MAIL PASSWORD TOTP-SECRET")`, `known: ${[...PEOPLE.keys()].join(', ') || 'nobody'}`);
  must(!!p.secret, `DEMO_PEOPLE gives the TOTP secret of the ${role} of ${place}`);
  return p;
}

// ---------------------------------------------------------------------------
// By keyboard

const tabToField = (v, id) => W.tabTo(v, `the field #${id}`, isId, id);
const tabToButton = (v, name) => W.tabTo(v, `the button "${name}"`, isButton, name);
const tabToLink = (v, name) => W.tabTo(v, `the link "${name}"`, isLink, name);

/** Tabs to each field in turn and types its value over what it holds: { id: text }. */
async function typeIn(v, values) {
  for (const [id, text] of Object.entries(values)) {
    await tabToField(v, id);
    await v.page.keyboard.press('Control+A');
    await v.page.keyboard.press('Delete');
    if (text) await v.page.keyboard.type(text);
  }
}

/** Tabs to the button `name` and presses Enter; checks the page it leads to. */
async function pressByKeyboard(v, label, name, opts) {
  await tabToButton(v, name);
  return W.step(v, label, () => v.page.keyboard.press('Enter'), opts);
}

/** Tabs to the link `name` and presses Enter; checks the page it leads to. */
async function followByKeyboard(v, label, name, opts) {
  await tabToLink(v, name);
  return W.step(v, label, () => v.page.keyboard.press('Enter'), opts);
}

/** The notice of the page (role="status"), if any. */
const notice = (v) => v.page.evaluate(() => document.querySelector('main .notice[role="status"]')?.textContent.replace(/\s+/g, ' ').trim() ?? '');

/** The rows of <main>'s table: the header cell's text → the row's cells' texts. */
const tableRows = (v) =>
  v.page.evaluate(() => Object.fromEntries([...document.querySelectorAll('main table tbody tr')].map((tr) => [
    tr.querySelector('th')?.textContent.replace(/\s+/g, ' ').trim() ?? '',
    [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim()),
  ])));

/** A refusal: title "Помилка: …", the error summary first in <main> linking to each field, the field showing its error with `words`. */
async function expectRefused(v, r, errors, what) {
  expect(r.info.title.startsWith(ERROR_PREFIX), `${what}: the title starts with "${ERROR_PREFIX}"`, `title: ${r.info.title}`);
  const shown = await W.errorsShown(v);
  const hrefs = shown.summary.map((e) => e.href);
  for (const [id, words] of Object.entries(errors)) {
    expect(hrefs.includes(`#${id}`), `${what}: the error summary links to #${id}`, JSON.stringify(shown.summary));
    expect((shown.fields[id] ?? '').includes(words), `${what}: #${id} says "${words}"`, `shows: ${shown.fields[id] ?? '(nothing)'}`);
    const described = await v.page.evaluate((i) => document.getElementById(i)?.getAttribute('aria-describedby') ?? '', id);
    expect(described.includes(`${id}-error`), `${what}: #${id} is described by its error`, described);
  }
  const first = await v.page.evaluate(() => document.querySelector('main')?.firstElementChild?.getAttribute('role') ?? '');
  expect(first === 'alert', `${what}: the error summary (role="alert") is the first thing in <main>`);
}

/** The value of the input #id. */
const valueOf = (v, id) => v.page.evaluate((i) => document.getElementById(i)?.value ?? null, id);

/**
 * A staff member opens `via` signed out, is sent to the sign-in form, gives the
 * password and a TOTP code (by keyboard), and ends on `via`. Every page on the way is checked.
 */
async function staffSignIn(v, who, via, label) {
  let r = await W.go(v, `${label}: ${via} while signed out`, via);
  must(r.path === '/account/sign-in', `${label}: ${via} sends a signed-out visitor to the sign-in form`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  r = await sendPassword(W, v, `${label}: password sent`, who);
  must(r.path === '/account/sign-in/code', `${label}: after the password, staff are asked for a code`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  // The journeys before this one (another process) may have spent this step's code of
  // the same person: skip it and send the next step's, which the server takes too.
  await freshCode(who);
  r = await sendCode(W, v, `${label}: code sent`, await freshCode(who));
  if (r.path !== via) {
    must(r.path === '/account', `${label}: the code signs in (to /account or ${via})`, `at ${W.shown(r.url)} (h1 "${r.h1}")`);
  }
  return r;
}

// ---------------------------------------------------------------------------
// Journey 1: the installation's administrator

async function journey1() {
  const admin = person('installation_admin', 'installation');
  const v = await W.newVisitor();
  try {
    let r = await staffSignIn(v, admin, '/admin/regions', 'installation admin');
    if (r.path === '/account') {
      r = await followByKeyboard(v, 'installation admin: "Області встановлення" from the account page', 'Області встановлення');
    }
    must(r.path === '/admin/regions', 'the account page leads to the regions', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect(r.h1 === 'Області встановлення', 'the regions page is titled "Області встановлення"', `h1: ${r.h1}`);
    let rows = await tableRows(v);
    const kyiv = rows['Київська область'];
    // Bucha at least (and Irpin, once journey 2 has run on this demo), each published or not.
    expect(!!kyiv && Number(kyiv[1]) >= 1 && Number(kyiv[2]) + Number(kyiv[3]) === Number(kyiv[1]), 'Kyiv oblast counts its communities, published and not', JSON.stringify(kyiv));

    const already = !!rows[CRIMEA.name];
    r = await followByKeyboard(v, 'installation admin: "Додати область"', 'Додати область');
    must(r.path === '/admin/regions/new', '"Додати область" opens the form', W.shown(r.url));
    await typeIn(v, { name_uk: CRIMEA.name, name_en: CRIMEA.en, katottg: CRIMEA.katottg.slice(0, -1) });
    r = await pressByKeyboard(v, 'installation admin: a code one digit short', 'Додати область', { status: 422 });
    await expectRefused(v, r, { katottg: 'UA і 17 цифр' }, 'a code one digit short');
    expect(await valueOf(v, 'name_uk') === CRIMEA.name, 'the typed name comes back');
    await typeIn(v, { katottg: CRIMEA.katottg });
    if (already) {
      r = await pressByKeyboard(v, 'installation admin: Crimea again', 'Додати область', { status: 422 });
      await expectRefused(v, r, { katottg: `уже має ${CRIMEA.name}` }, 'a region whose code is taken');
      r = await W.go(v, 'installation admin: the regions', '/admin/regions');
    } else {
      r = await pressByKeyboard(v, 'installation admin: Crimea added', 'Додати область');
      must(r.path === '/admin/regions', 'adding returns to the regions', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
      expect((await notice(v)) === `Додано: ${CRIMEA.name}.`, 'the list says what was added', await notice(v));
    }
    rows = await tableRows(v);
    const crimea = rows[CRIMEA.name];
    expect(!!crimea && crimea[0] === CRIMEA.katottg && crimea[1] === '0', 'the regions list Crimea with its code and no community', JSON.stringify(crimea));

    r = await followByKeyboard(v, 'installation admin: invite the region\'s administrator', `Запросити адміністратора області ${CRIMEA.name}`);
    must(r.path === '/staff/invite', 'the link opens the invitation form', W.shown(r.url));
    const chosen = await v.page.evaluate(() => document.querySelector('#grant option:checked')?.textContent.trim());
    expect(chosen === `Адміністратор області — ${CRIMEA.name}`, 'the role and region are chosen', `chosen: ${chosen}`);
    await typeIn(v, { email: address('crimea-admin') });
    r = await pressByKeyboard(v, 'installation admin: invitation sent', 'Надіслати запрошення');
    expect(r.h1 === 'Запрошення надіслано', 'the invitation is sent', `h1: ${r.h1}`);

    r = await W.go(v, 'installation admin: the installation\'s settings', '/admin/installation');
    expect(r.h1 === 'Налаштування встановлення', 'the settings page is titled "Налаштування встановлення"', `h1: ${r.h1}`);
    await typeIn(v, { name_uk: 'Громада (демо)', public_url: 'https://hromada.example.org/demo' });
    r = await pressByKeyboard(v, 'installation admin: an address with a path', 'Зберегти зміни', { status: 422 });
    await expectRefused(v, r, { public_url: 'без шляху' }, 'an address with a path');
    await typeIn(v, { public_url: 'https://hromada.example.org' });
    r = await pressByKeyboard(v, 'installation admin: settings saved', 'Зберегти зміни');
    expect((await notice(v)).startsWith('Налаштування збережено.'), 'the settings are saved', await notice(v));

    r = await W.go(v, 'installation admin: Kyiv oblast\'s communities (read-only)', `/admin/regions/${REGION}/communities`);
    expect(r.h1 === 'Київська область', 'the page is titled by the region', `h1: ${r.h1}`);
    const links = await v.page.evaluate(() => [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href')));
    expect(!links.some((h) => h.endsWith('/new') || h.endsWith('/edit') || h.endsWith('/publish') || h.endsWith('/unpublish')), 'nothing there to change', links.join(' '));
    r = await W.go(v, 'installation admin: adding a community is not theirs', `/admin/regions/${REGION}/communities/new`, { status: 404 });
  } finally {
    await W.closeVisitor(v);
  }
}

// ---------------------------------------------------------------------------
// Journey 2: a region's administrator

async function journey2() {
  const admin = person('regional_admin', REGION);
  const v = await W.newVisitor();
  const resident = await W.newVisitor();
  const list = `/admin/regions/${REGION}/communities`;
  try {
    let r = await staffSignIn(v, admin, list, 'regional admin');
    if (r.path === '/account') {
      r = await followByKeyboard(v, 'regional admin: the communities from the account page', 'Громади: Київська область');
    }
    must(r.path === list, 'the region\'s communities are shown', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
    expect(r.h1 === 'Київська область', 'the page is titled by the region', `h1: ${r.h1}`);
    const already = !!(await tableRows(v))[IRPIN.name];

    r = await followByKeyboard(v, 'regional admin: "Додати громаду"', 'Додати громаду');
    must(r.path === `${list}/new`, '"Додати громаду" opens the form', W.shown(r.url));
    await typeIn(v, { name_uk: IRPIN.name, name_en: IRPIN.en, katottg: IRPIN.katottg, code: 'BUC' });
    r = await pressByKeyboard(v, 'regional admin: a reference code Bucha holds', 'Додати громаду', { status: 422 });
    await expectRefused(v, r, { code: 'Код BUC уже має Бучанська громада' }, 'a reference code in use');
    expect(await valueOf(v, 'katottg') === IRPIN.katottg, 'the typed code comes back');
    await typeIn(v, { code: IRPIN.code });
    if (already) {
      r = await pressByKeyboard(v, 'regional admin: Irpin again', 'Додати громаду', { status: 422 });
      await expectRefused(v, r, { katottg: `уже має ${IRPIN.name}`, code: `уже має ${IRPIN.name}`, slug: `уже має ${IRPIN.name}` }, 'a community added before');
      r = await W.go(v, 'regional admin: the communities', list);
      if ((await tableRows(v))[IRPIN.name]?.[3] === 'Опубліковано') {
        r = await followByKeyboard(v, 'regional admin: "Зняти з публікації"', `Зняти з публікації ${IRPIN.name}`);
        r = await pressByKeyboard(v, 'regional admin: unpublished', 'Зняти з публікації');
        must(r.path === list, 'unpublishing returns to the communities', W.shown(r.url));
      }
    } else {
      r = await pressByKeyboard(v, 'regional admin: Irpin added', 'Додати громаду');
      must(r.path === list, 'adding returns to the communities', `at ${W.shown(r.url)} (h1 "${r.h1}")`);
      expect((await notice(v)) === `Додано: ${IRPIN.name}.`, 'the list says what was added', await notice(v));
    }
    let row = (await tableRows(v))[IRPIN.name];
    expect(!!row && row[0] === IRPIN.katottg && row[1] === IRPIN.code && row[3] === 'Не опубліковано', 'Irpin is listed, not published', JSON.stringify(row));
    r = await W.go(resident, 'a resident: Irpin\'s page before it is published', `/${IRPIN.slug}`, { status: 404 });

    r = await followByKeyboard(v, 'regional admin: "Опублікувати"', `Опублікувати ${IRPIN.name}`);
    expect(r.h1 === `Опублікувати: ${IRPIN.name}?`, 'publishing asks first', `h1: ${r.h1}`);
    r = await pressByKeyboard(v, 'regional admin: published', 'Опублікувати');
    must(r.path === list, 'publishing returns to the communities', W.shown(r.url));
    expect((await notice(v)).startsWith(`Опубліковано: ${IRPIN.name}.`), 'the list says it is published', await notice(v));
    row = (await tableRows(v))[IRPIN.name];
    expect(row?.[3] === 'Опубліковано', 'Irpin is published', JSON.stringify(row));
    r = await W.go(resident, 'a resident: Irpin\'s page once published', `/${IRPIN.slug}`);
    expect(r.h1 === IRPIN.name, 'residents see the community\'s page', `h1: ${r.h1}`);

    r = await followByKeyboard(v, 'regional admin: "Змінити"', `Змінити ${IRPIN.name}`);
    must(r.path === `${list}/${IRPIN.slug}/edit`, '"Змінити" opens the community\'s form', W.shown(r.url));
    expect(await valueOf(v, 'code') === IRPIN.code, 'the form holds the stored code');
    await typeIn(v, { name_en: `Irpin city community ${RUN}` });
    r = await pressByKeyboard(v, 'regional admin: English name saved', 'Зберегти зміни');
    must(r.path === list, 'saving returns to the communities', W.shown(r.url));
    expect((await notice(v)) === `Зміни збережено: ${IRPIN.name}.`, 'the list says it is saved', await notice(v));
    r = await W.go(resident, 'a resident: Irpin\'s page in English', `/${IRPIN.slug}?lang=en`, { lang: 'en' });
    expect(collapse(r.h1) === `Irpin city community ${RUN}`, 'the English page has the new name', `h1: ${r.h1}`);
  } finally {
    await W.closeVisitor(v);
    await W.closeVisitor(resident);
  }
}

// ---------------------------------------------------------------------------

await W.run(
  [
    ['1 the installation admin: regions (a code refused, Crimea added), an invitation, the settings, a region read-only', journey1],
    ['2 the regional admin: Irpin added (a taken code refused), published after the question, its page there, edited', journey2],
  ],
  { only: listEnv('JOURNEYS') },
);
