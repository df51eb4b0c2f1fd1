// A new installation from nothing, as its operator and people would make it: the
// built binary sets it up (`hromada init`), imports the services and the places of
// the real codifier (КАТОТТГ) and invites the administrators; then, in Chromium with
// JavaScript off, the installation's administrator enrols and sees the regions, the
// region's administrator publishes a community, the community's administrator enrols,
// offers two services and invites an officer, a resident without an account asks
// for public information, and the officer finds the case in the queue. Every page
// reached is checked against the bars of the crawl (walk.mjs).
//
//   HROMADA_BIN=target/debug/hromada node browser/installation.mjs
//
// Environment:
//   HROMADA_BIN    the hromada binary (required)
//   MAX_BYTES      page weight limit (default 30720)
//   REPORT_JSON    write a JSON report to this file
//   CHROMIUM       browser executable (default /usr/bin/chromium)
//   KEEP_FILES     keep the installation's data folder (its path is printed)

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Walk } from './walk.mjs';
import { RUN, STRONG, address, fillIds, linkIn, requestInformation, totp } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..');
const BIN = process.env.HROMADA_BIN;
if (!BIN) {
  console.error('HROMADA_BIN is not set: the path of the built hromada binary');
  process.exit(2);
}
const CODIFIER = join(ROOT, 'crates/hromada-domain/tests/fixtures/katottg.csv');
const SERVICES = join(ROOT, 'services');
const KEYS_SECRET = `installation-journey-${RUN}-passphrase`;
const LETTER_WAIT_MS = 20000;
const OFFERED = [
  ['zapyt-na-publichnu-informatsiiu', 'Запит на публічну інформацію'],
  ['zvernennia-hromadian', 'Звернення громадян'],
];

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'hromada-installation-'));
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const env = { ...process.env, HROMADA_KEYS_SECRET: KEYS_SECRET, HROMADA_LOG: 'warn' };
for (const k of ['HROMADA_DATABASE_URL', 'HROMADA_PUBLIC_URL', 'HROMADA_LISTEN', 'HROMADA_DATA_DIR', 'HROMADA_SMTP_URL']) delete env[k];

/** Runs the binary with `args` on the installation's folder; stops the script if it fails. */
function hromada(...args) {
  const r = spawnSync(BIN, [...args, '--data-dir', dir], { env, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`hromada ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
    process.exit(1);
  }
  console.log(`$ hromada ${args.join(' ')}\n${r.stdout.replace(/token=[A-Za-z0-9_-]+/g, 'token=…').trimEnd()}`);
  return r.stdout;
}

const invitation = (out) => {
  const m = /https?:\/\/\S+\/staff\/welcome\?token=[A-Za-z0-9_-]+/.exec(out);
  if (!m) {
    console.error(`no invitation link in:\n${out}`);
    process.exit(1);
  }
  return m[0];
};

console.log(`Data folder: ${dir}`);
const installationAdmin = address('installation-admin');
const regionalAdmin = address('regional-admin');
const communityAdmin = address('community-admin');
const officer = address('officer');
const resident = address('resident');

// 1. The operator, on the command line.
const first = invitation(
  hromada('init', '--name', 'Послуги Київщини', '--name-en', 'Kyiv Region Services', '--url', origin, '--admin-email', installationAdmin),
);
hromada('services', 'import', SERVICES);
hromada('places', 'import', '--lang', 'en', CODIFIER);
const regional = invitation(hromada('admin', 'create', '--region', 'kyivska', '--email', regionalAdmin));
const community = invitation(hromada('admin', 'create', '--community', 'buchanska', '--email', communityAdmin));

const server = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, '--data-dir', dir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
process.on('SIGINT', () => process.exit(130));
await new Promise((resolve, reject) => {
  let said = '';
  server.stdout.on('data', (chunk) => {
    said += chunk;
    if (said.includes('Listening on')) resolve();
  });
  server.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${said}`)));
});

const W = new Walk({ title: 'A new installation: init, places, administrators, an offer, an application, the queue', origin, outboxDir: join(dir, 'outbox') });
const { expect, must } = W;

/** Opens an invitation link, sets the password and enrols the second factor; the visitor is then signed in. */
async function enrol(v, who, link) {
  let r = await W.go(v, `${who}: invitation link`, link.replace(/^https?:\/\/[^/]+/, ''));
  must(r.info.h1 === 'Ласкаво просимо до «Громади»', `${who}: the link opens the welcome form`, `h1: ${r.info.h1}`);
  await fillIds(v, { new_password: STRONG });
  r = await W.submit(v, `${who}: password set`);
  must(r.path === '/staff/totp', `${who}: then the second factor is set up`, `${W.shown(r.url)}, h1: ${r.info.h1}`);
  const key = (await v.page.evaluate(() => document.querySelector('.secret')?.textContent || '')).replace(/\s+/g, '');
  must(/^[A-Z2-7]{32,}$/.test(key), `${who}: the key is shown in text`, key);
  await fillIds(v, { code: totp(key) });
  r = await W.submit(v, `${who}: code confirmed`);
  must(r.info.h1 === 'Ваші резервні коди', `${who}: enrolled, with recovery codes`, `h1: ${r.info.h1}`);
}

async function journey() {
  const admin = await W.newVisitor();
  const region = await W.newVisitor();
  const cadmin = await W.newVisitor();
  const staff = await W.newVisitor();
  const v = await W.newVisitor();
  try {
    // 2. The installation's administrator sees the regions the codifier made.
    await enrol(admin, 'installation admin', first);
    let r = await W.go(admin, 'installation admin: regions', '/admin/regions');
    let text = await W.mainText(admin);
    expect(text.includes('Київська область') && text.includes('UA32000000000030281'), 'the regions of the codifier are listed with their codes', text.slice(0, 600));

    // 3. The region's administrator publishes Bucha, which the import made unpublished.
    r = await W.go(v, 'Bucha before it is published', '/buchanska', { status: 404 });
    await enrol(region, 'regional admin', regional);
    r = await W.go(region, 'regional admin: publish Bucha', '/admin/regions/kyivska/communities/buchanska/publish');
    r = await W.submit(region, 'regional admin: Bucha published');
    expect(r.status === 200, 'publishing answers with a page', `status ${r.status}`);

    // 4. Bucha's administrator offers two services and invites an officer.
    await enrol(cadmin, 'community admin', community);
    r = await W.go(cadmin, 'community admin: services', '/admin/communities/buchanska/services');
    for (const [slug, title] of OFFERED) {
      const button = cadmin.page.locator(`#service-${slug} button[type="submit"]`);
      expect((await button.textContent()).replace(/\s+/g, ' ').trim() === `Надавати: ${title}`, `the button names the service it offers`, await button.textContent());
      r = await W.step(cadmin, `community admin: offer ${title}`, () => button.click());
      expect((await W.mainText(cadmin)).includes(`Громада тепер надає послугу «${title}»`), `"${title}" is offered`);
    }
    r = await W.go(cadmin, 'community admin: invitation form', '/staff/invite');
    await cadmin.page.fill('#email', officer);
    await cadmin.page.selectOption('#grant', 'community:buchanska:officer');
    const invited = Date.now();
    r = await W.submit(cadmin, 'community admin: officer invited');
    expect(r.info.h1 === 'Запрошення надіслано', 'the invitation is sent', `h1: ${r.info.h1}`);
    const letter = await W.newestLetter(officer, { after: invited - 1000, waitMs: LETTER_WAIT_MS });
    must(!!letter, `an invitation letter to ${officer}`);

    // 5. A resident without an account asks for public information.
    r = await W.go(v, 'the published community', '/buchanska');
    text = await W.mainText(v);
    expect(OFFERED.every(([, title]) => text.includes(title)), 'the community lists the two services it offers', text.slice(0, 800));
    await requestInformation(W, v, { request: 'Копія бюджету громади на 2027 рік.', name: 'Іваненко Марія Петрівна', email: resident });
    r = await W.press(v, 'resident: submitted', 'Надіслати заяву');
    const reference = (await v.page.locator('main strong.reference').first().textContent().catch(() => '')).trim();
    must(/^[A-Z]{3}-\d{4}-\d{6}$/.test(reference), 'the resident gets a reference number', reference);
    const code = reference.slice(0, 3);

    // 6. The officer, once enrolled, finds it in the queue.
    await enrol(staff, 'officer', linkIn(W, letter, '/staff/welcome'));
    r = await W.go(staff, 'officer: the queue', '/staff');
    text = await W.mainText(staff);
    expect(text.includes(reference), `the officer's queue lists ${reference}`, text.slice(0, 800));
    console.log(`  reference ${reference} (code ${code}) reached the officer`);
  } finally {
    for (const x of [admin, region, cadmin, staff, v]) await W.closeVisitor(x);
  }
}

// Walk.run ends the process with the verdict: the server and the folder go with it.
process.on('exit', () => {
  server.kill('SIGTERM');
  if (!process.env.KEEP_FILES) rmSync(dir, { recursive: true, force: true });
});
await W.run([['1 init, places, administrators, an offer, an application, the queue', journey]]);
