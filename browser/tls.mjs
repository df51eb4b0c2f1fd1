// Hromada behind the shipped nginx site (deploy/nginx/hromada.conf), over TLS: the
// very file an operator installs, with only its placeholders replaced (host name,
// certificate, ports, upstream, log and ACME folders), in front of the built binary's
// demo with public_url https:// and proxy_hops = 1. Checks:
//   1 headers   one HSTS header (nginx's, also on its own 404 for /metrics, which it
//               keeps from the internet), HTTP/2, port 80 answering 301 to https, IPv6
//   2 cookies   the CSRF and session cookies set over HTTPS are Secure and __Host-
//               (a sign-in with curl over HTTP/2, its form's Origin checked through
//               the proxy)
//   3 applying  in Chromium: a resident asks Bucha for public information without an
//               account, submits, gets a reference number; the letter's tracking link
//               is https (every page checked as walk.mjs checks pages)
//   4 throttling the client address as the server sees it through the proxy: from
//               127.0.0.2, /verify's limit per address (30 a minute) ends in 429;
//               127.0.0.3 is not throttled, and an X-Forwarded-For written by the
//               client does not get 127.0.0.2 out of it (nor 127.0.0.3 into it)
//   5 the access log holds no tracking link or e-mailed token
//   6 uploads   client_max_body_size lets through a body as large as Hromada takes
//               (upload_application_max_mb and 256 KB), and refuses a larger one
//   7 nginx and the server stop gracefully
//
//   HROMADA_BIN=target/debug/hromada node browser/tls.mjs
//
// Needs nginx, openssl and curl (Debian's packages nginx, openssl, curl) and Chromium.
// nginx runs as this user with its own prefix, pid file, logs and temporary folders
// in a temporary folder; nothing of the system's nginx is used but its mime.types.
//
// Environment:
//   HROMADA_BIN    the hromada binary (default target/debug/hromada)
//   NGINX          the nginx binary (default /usr/sbin/nginx, else nginx on PATH)
//   CHROMIUM       browser executable (default /usr/bin/chromium)
//   KEEP_FILES     keep the temporary folder (its path is printed)

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Walk } from './walk.mjs';
import { RUN, address, referenceShown, requestInformation, sleep } from './lib.mjs';

const started = Date.now();
const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..');
const BIN = process.env.HROMADA_BIN || join(ROOT, 'target/debug/hromada');
const NGINX = process.env.NGINX || ['/usr/sbin/nginx'].find((p) => existsSync(p)) || 'nginx';
const SITE = join(ROOT, 'deploy/nginx/hromada.conf');
/** /verify's limit per address per minute (VERIFY_PER_ADDRESS in crates/hromada-web/src/access/client.rs). */
const VERIFY_LIMIT = 30;

function stop(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

for (const [tool, args] of [[NGINX, ['-v']], ['openssl', ['version']], ['curl', ['--version']]]) {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if (r.error) stop(`${tool} is not installed (${r.error.code}); on Debian: apt-get install nginx openssl curl`);
}
if (!existsSync(BIN)) stop(`no hromada binary at ${BIN}: build it (cargo build -p hromada) or set HROMADA_BIN`);

const freePort = (host = '127.0.0.1') =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const ipv6 = await freePort('::1').then(
  () => true,
  () => false,
);

const dir = mkdtempSync(join(tmpdir(), 'hromada-tls-'));
const data = join(dir, 'data');
const [appPort, tlsPort, httpPort] = [await freePort(), await freePort(), await freePort()];
const origin = `https://localhost:${tlsPort}`;
const serverLog = join(dir, 'server.log');
const nginxError = join(dir, 'nginx-error.log');
const accessLog = join(dir, 'access.log');
console.log(`Temporary folder: ${dir}`);
console.log(`Hromada on 127.0.0.1:${appPort}, nginx on ${origin} and http://localhost:${httpPort}${ipv6 ? ' (and [::1])' : ' (no IPv6 here)'}`);

// ---------------------------------------------------------------------------
// Processes: whatever happens, they are stopped when this script ends.

const children = [];
process.on('exit', (code) => {
  // SIGTERM, not SIGKILL: nginx's master then stops its workers too, and the server
  // exits within its shutdown wait, after this script.
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  if (code) {
    for (const [what, file] of [['server log', serverLog], ['nginx error log', nginxError]]) {
      const text = existsSync(file) ? readFileSync(file, 'utf8').trimEnd() : '';
      if (!text) continue;
      const lines = text.split('\n');
      console.log(`\n-- last lines of the ${what} (${file}):\n${lines.slice(-25).join('\n')}`);
    }
  }
  if (!process.env.KEEP_FILES) rmSync(dir, { recursive: true, force: true });
  console.log(`browser/tls.mjs took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** Starts `cmd` with its output in `log`; remembered, to be stopped at the end. */
function start(cmd, args, { env = process.env, log }) {
  const fd = openSync(log, 'a');
  const child = spawn(cmd, args, { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  children.push(child);
  return child;
}

/** Resolves with the exit code (or signal) once `child` has exited, or null after `ms`. */
function exited(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

/** Polls `probe` every 300 ms until it is true; fails naming `what` if `child` exits or `ms` pass. */
async function waitFor(what, child, probe, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) stop(`${what}: the process exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    if (await probe()) return;
    await sleep(300);
  }
  stop(`${what}: not ready after ${ms / 1000} s`);
}

// ---------------------------------------------------------------------------
// The certificate, and the site file rendered with its placeholders replaced.

const cert = join(dir, 'cert.pem');
const key = join(dir, 'key.pem');
const made = spawnSync(
  'openssl',
  ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1', '-keyout', key, '-out', cert],
  { encoding: 'utf8' },
);
if (made.status !== 0) stop(`openssl could not make a self-signed certificate:\n${made.stderr}`);

const acme = join(dir, 'acme');
mkdirSync(acme);
/** The placeholders the site file's header names, and what this test puts in their place (in this order). */
const PLACEHOLDERS = [
  ['/etc/letsencrypt/live/hromada.example.org/fullchain.pem', cert],
  ['/etc/letsencrypt/live/hromada.example.org/privkey.pem', key],
  ['hromada.example.org', 'localhost'],
  ['server 127.0.0.1:8080;', `server 127.0.0.1:${appPort};`],
  ['listen 443 ', `listen 127.0.0.1:${tlsPort} `],
  ['listen [::]:443 ', ipv6 ? `listen [::1]:${tlsPort} ` : '# no IPv6 on this machine: listen [::]:443 '],
  ['listen 80;', `listen 127.0.0.1:${httpPort};`],
  ['listen [::]:80;', ipv6 ? `listen [::1]:${httpPort};` : '# no IPv6 on this machine: listen [::]:80;'],
  ['/var/www/letsencrypt', acme],
  ['/var/log/nginx/hromada.access.log', accessLog],
];
let site = readFileSync(SITE, 'utf8');
for (const [placeholder, value] of PLACEHOLDERS) {
  if (!site.includes(placeholder)) stop(`deploy/nginx/hromada.conf has no "${placeholder}": the placeholders its header names and this test replaces must be the same`);
  site = site.split(placeholder).join(value);
}
const leftover = ['example.org', '/etc/letsencrypt', ':8080', '/var/log/nginx', 'listen 443', 'listen 80'].filter((p) => site.replace(/^\s*#.*$/gm, '').includes(p));
if (leftover.length) stop(`deploy/nginx/hromada.conf still holds ${leftover.join(', ')} after its placeholders were replaced: name them in its header and here`);
writeFileSync(join(dir, 'hromada.conf'), site);

// The rest of nginx.conf, as Debian's /etc/nginx/nginx.conf wraps a site, with this
// run's own pid file, logs and temporary folders.
const asRoot = process.getuid?.() === 0;
writeFileSync(
  join(dir, 'nginx.conf'),
  `${asRoot ? 'user root root;\n' : ''}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${nginxError} notice;
events { worker_connections 256; }
http {
    ${existsSync('/etc/nginx/mime.types') ? 'include /etc/nginx/mime.types;' : ''}
    default_type application/octet-stream;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    access_log ${dir}/nginx-access.log;
    include ${dir}/hromada.conf;
}
`,
);
const nginxArgs = ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', nginxError];
const tested = spawnSync(NGINX, ['-t', ...nginxArgs], { encoding: 'utf8' });
if (tested.status !== 0) stop(`nginx -t refuses deploy/nginx/hromada.conf (rendered in ${dir}/hromada.conf):\n${tested.stderr}`);
const warnings = tested.stderr.split('\n').filter((l) => /\[(warn|emerg|alert)\]/.test(l) && !l.includes('"user" directive'));
if (warnings.length) stop(`nginx -t warns about deploy/nginx/hromada.conf:\n${warnings.join('\n')}`);

// ---------------------------------------------------------------------------
// The server (the demo, as an installation behind the proxy), then nginx.

const env = { ...process.env, HROMADA_PUBLIC_URL: origin, HROMADA_PROXY_HOPS: '1' };
for (const k of ['HROMADA_DATABASE_URL', 'HROMADA_LISTEN', 'HROMADA_DATA_DIR', 'HROMADA_SMTP_URL', 'HROMADA_METRICS_LISTEN', 'HROMADA_METRICS_TOKEN', 'HROMADA_CONFIG']) delete env[k];
const server = start(BIN, ['demo', '--applications', '0', '--listen', `127.0.0.1:${appPort}`, '--data-dir', data], { env, log: serverLog });
const status = (url) =>
  new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
await waitFor('the demo', server, async () => (await status(`http://127.0.0.1:${appPort}/readyz`)) === 200, 180000);
console.log(`the demo is ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const nginx = start(NGINX, nginxArgs, { log: nginxError });
await waitFor('nginx', nginx, async () => curl(['-k', '-o', '/dev/null', '-w', '%{http_code}', `${origin}/healthz`]).stdout === '200', 15000);

// ---------------------------------------------------------------------------
// curl, by address: every name resolves to 127.0.0.1, so that --interface 127.0.0.x works.

function curl(args) {
  const resolve = [`localhost:${tlsPort}:127.0.0.1`, `localhost:${httpPort}:127.0.0.1`].flatMap((r) => ['--resolve', r]);
  const r = spawnSync('curl', ['-sS', '--max-time', '20', ...resolve, ...args], { encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

/** One request: { version, status, headers: [[name, value]…], body, error }; `args` are curl's. */
function fetchWith(url, args = []) {
  const r = curl(['-k', '-i', ...args, url]);
  const text = r.stdout;
  const end = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = (end < 0 ? text : text.slice(0, end)).split('\r\n');
  const m = /^HTTP\/([\d.]+) (\d{3})/.exec(statusLine || '');
  return {
    version: m?.[1] ?? '',
    status: Number(m?.[2] ?? 0),
    headers: lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    body: end < 0 ? '' : text.slice(end + 4),
    error: r.status ? r.stderr.trim() : '',
  };
}
const headerValues = (res, name) => res.headers.filter(([n]) => n === name).map(([, v]) => v);

// ---------------------------------------------------------------------------

const W = new Walk({
  title: 'Hromada behind deploy/nginx/hromada.conf, over TLS',
  origin,
  outboxDir: join(data, 'outbox'),
  contextOptions: { ignoreHTTPSErrors: true },
});
/** W's expectations, saying in the log what passed as well (most checks here are not pages). */
function expect(ok, what, detail = '') {
  if (W.expect(ok, what, detail)) console.log(`  ok: ${what}`);
  return ok;
}
function must(ok, what, detail = '') {
  W.must(ok, what, detail);
  console.log(`  ok: ${what}`);
}
const nginxPage = (res) => /<center>nginx<\/center>/.test(res.body);
const HSTS = 'max-age=63072000; includeSubDomains';

async function headers() {
  const page = fetchWith(`${origin}/buchanska`, ['--http2']);
  must(page.status === 200, 'a page is served through nginx over HTTPS', `status ${page.status} ${page.error}`);
  expect(page.version === '2', 'over HTTP/2 (ALPN h2)', `HTTP/${page.version}`);
  const hsts = headerValues(page, 'strict-transport-security');
  expect(hsts.length === 1 && hsts[0] === HSTS, `one HSTS header, nginx's: "${HSTS}"`, `got ${JSON.stringify(hsts)}`);
  for (const h of ['content-security-policy', 'x-content-type-options']) {
    expect(headerValues(page, h).length === 1, `Hromada's own ${h} header passes through`, JSON.stringify(page.headers));
  }

  const metrics = fetchWith(`${origin}/metrics`);
  const direct = await status(`http://127.0.0.1:${appPort}/metrics`);
  expect(direct === 200 && metrics.status === 404, '/metrics, open on the server here (no metrics_listen), is a 404 through nginx', `direct ${direct}, through nginx ${metrics.status}`);
  expect(headerValues(metrics, 'strict-transport-security')[0] === HSTS, "nginx's own answers carry HSTS too (always)", JSON.stringify(metrics.headers));

  const plain = fetchWith(`http://localhost:${httpPort}/buchanska?lang=en`);
  expect(plain.status === 301, 'HTTP (port 80) answers 301', `status ${plain.status} ${plain.error}`);
  // The test's HTTPS port is not 443; in production the redirect's https:// means 443.
  expect(headerValues(plain, 'location')[0] === 'https://localhost/buchanska?lang=en', 'to the same address over https, query kept', JSON.stringify(plain.headers));
  mkdirSync(join(acme, '.well-known/acme-challenge'), { recursive: true });
  writeFileSync(join(acme, '.well-known/acme-challenge/probe'), 'acme\n');
  const challenge = fetchWith(`http://localhost:${httpPort}/.well-known/acme-challenge/probe`);
  expect(challenge.status === 200 && challenge.body === 'acme\n', "certificate challenges are served on port 80, not redirected", `status ${challenge.status}`);

  if (ipv6) {
    const six = spawnSync('curl', ['-sS', '-k', '-g', '-o', '/dev/null', '-w', '%{http_code}', `https://[::1]:${tlsPort}/healthz`], { encoding: 'utf8' });
    expect(six.stdout === '200', 'the IPv6 listen line serves too', `${six.stdout} ${six.stderr}`);
  }
}

async function cookies() {
  const form = fetchWith(`${origin}/account/sign-in`, ['--http2']);
  must(form.status === 200, 'the sign-in form is served', `status ${form.status}`);
  const csrf = headerValues(form, 'set-cookie').find((c) => c.includes('hromada_csrf='));
  must(!!csrf, 'the form sets a CSRF cookie', JSON.stringify(form.headers));
  expect(csrf.startsWith('__Host-hromada_csrf=') && /;\s*Secure(;|$)/.test(csrf) && /;\s*Path=\/(;|$)/.test(csrf), 'the CSRF cookie is __Host-, Secure, Path=/', csrf);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  must(!!token, 'the form holds its CSRF token');

  const [, email, password] = /^resident buchanska (\S+) (\S+)$/m.exec(readFileSync(serverLog, 'utf8')) || [];
  must(!!email, "the demo printed its resident's e-mail address and password", 'no "resident buchanska E-MAIL PASSWORD" line in the server log');
  const cookie = csrf.split(';')[0];
  const signedIn = fetchWith(`${origin}/account/sign-in`, [
    '--http2', '-H', `Cookie: ${cookie}`, '-H', `Origin: ${origin}`,
    '--data-urlencode', `_csrf=${token}`, '--data-urlencode', `email=${email}`, '--data-urlencode', `password=${password}`,
  ]);
  must(signedIn.status === 303, "the resident signs in (the form's Origin is this site's Host through nginx)", `status ${signedIn.status}: ${signedIn.body.slice(0, 300)}`);
  const session = headerValues(signedIn, 'set-cookie').find((c) => c.includes('hromada_session='));
  expect(!!session && session.startsWith('__Host-hromada_session=') && /;\s*Secure(;|$)/.test(session) && /;\s*HttpOnly(;|$)/.test(session),
    'the session cookie is __Host-, Secure, HttpOnly', session ?? JSON.stringify(signedIn.headers));
  const account = fetchWith(`${origin}/account`, ['--http2', '-H', `Cookie: ${session?.split(';')[0]}`]);
  expect(account.status === 200 && account.body.includes(email), 'with it, the account page is theirs', `status ${account.status}`);
}

async function applying() {
  const email = address('tls');
  const v = await W.newVisitor();
  try {
    await requestInformation(W, v, { request: 'Договори громади на вивезення сміття за 2026 рік.', name: 'Мельник Ірина Василівна', email });
    const submitted = Date.now();
    const r = await W.press(v, 'submitted', 'Надіслати заяву');
    expect(new URL(r.url).protocol === 'https:', 'the confirmation is served over https', r.url);
    const reference = await referenceShown(W, v);
    console.log(`  reference ${reference}`);
    const jar = await v.ctx.cookies();
    const ours = jar.filter((c) => c.name.includes('hromada'));
    expect(ours.length > 0 && ours.every((c) => c.secure), 'every cookie Hromada set in the browser is Secure', JSON.stringify(ours.map((c) => [c.name, c.secure])));
    expect(ours.some((c) => c.name === '__Host-hromada_csrf'), 'the browser holds the __Host- CSRF cookie', JSON.stringify(ours.map((c) => c.name)));
    const letter = await W.newestLetter(email, { after: submitted - 2000, waitMs: 20000, match: (l) => l.body.includes(reference) });
    must(!!letter, `a letter to ${email} naming ${reference}`);
    const link = /https?:\/\/\S+\/track\/[A-Za-z0-9_-]+/.exec(letter.body)?.[0] ?? '';
    expect(link.startsWith(`${origin}/track/`), "the letter's tracking link is on public_url, https", W.shown(link || letter.body.slice(0, 300)));
  } finally {
    await W.closeVisitor(v);
  }
}

async function throttling() {
  const url = `${origin}/verify?d=${'A'.repeat(64)}`;
  const from = (source, n, extra = []) => {
    // One connection for all n requests (curl reuses it); every body to /dev/null.
    const r = curl(['-k', '--interface', source, ...extra, '-w', '%{http_code}\\n', ...Array(n).fill(['-o', '/dev/null', url]).flat()]);
    if (r.status) console.log(`  curl from ${source}: ${r.stderr.trim()}`);
    return r.stdout.trim().split('\n').map(Number);
  };
  const codes = from('127.0.0.2', VERIFY_LIMIT + 3);
  const first = codes.indexOf(429);
  must(first >= 0, `from 127.0.0.2, /verify is throttled (429) within ${VERIFY_LIMIT + 3} checks`, codes.join(' '));
  expect(first === VERIFY_LIMIT && codes.slice(0, first).every((c) => c === 200), `exactly ${VERIFY_LIMIT} checks pass first: the server counts 127.0.0.2 alone`, codes.join(' '));
  const other = from('127.0.0.3', 1);
  expect(other[0] === 200, 'meanwhile 127.0.0.3, through the same nginx, is not throttled: the server sees the client, not the proxy', `status ${other[0]}`);
  const forged = from('127.0.0.2', 1, ['-H', 'X-Forwarded-For: 203.0.113.9']);
  expect(forged[0] === 429, 'an X-Forwarded-For written by the client at 127.0.0.2 does not get it out of the throttle', `status ${forged[0]}`);
  const blamed = from('127.0.0.3', 1, ['-H', 'X-Forwarded-For: 127.0.0.2']);
  expect(blamed[0] === 200, 'nor does 127.0.0.3 become 127.0.0.2 by writing it', `status ${blamed[0]}`);
}

async function accessLogWithoutSecrets() {
  const secret = `tls-secret-${RUN}`;
  fetchWith(`${origin}/track/${secret}`);
  fetchWith(`${origin}/account/reset?token=${secret}`);
  await sleep(200);
  const log = existsSync(accessLog) ? readFileSync(accessLog, 'utf8') : '';
  must(log.includes('/account/reset '), 'nginx writes the access log the site file names', log.slice(-500));
  expect(log.includes('/track/{token}'), 'a tracking link is logged as /track/{token}', log.slice(-500));
  expect(!log.includes(secret), 'no tracking link or e-mailed token is in the access log', log.split('\n').filter((l) => l.includes(secret)).join('\n'));
}

async function uploads() {
  // What Hromada takes on an upload page: upload_application_max_mb (25 MB by default)
  // and 256 KB for the form (crates/hromada-web/src/lib.rs, `body_limit`).
  const within = join(dir, 'within.bin');
  const beyond = join(dir, 'beyond.bin');
  writeFileSync(within, Buffer.alloc(25 * 1024 * 1024 + 256 * 1024, 'a'));
  writeFileSync(beyond, Buffer.alloc(27 * 1024 * 1024, 'a'));
  const post = (file) =>
    fetchWith(`${origin}/applications/1/page/request`, ['-H', 'Content-Type: multipart/form-data; boundary=tls', '-H', `Origin: ${origin}`, '--data-binary', `@${file}`]);
  const fits = post(within);
  // nginx judges the size by Content-Length before it passes anything on: only its own
  // 413 says client_max_body_size is too small. (Hromada refuses this request without
  // a CSRF token early, so nginx may answer 502 while it is still sending the body.)
  expect(fits.status > 0 && !(fits.status === 413 && nginxPage(fits)), `a body as large as Hromada's own limit passes nginx (answer ${fits.status}): client_max_body_size is not smaller`, `status ${fits.status}: ${fits.body.slice(0, 300)}`);
  const over = post(beyond);
  expect(over.status === 413 && nginxPage(over), 'a body beyond client_max_body_size (27 MB) is refused by nginx with 413', `status ${over.status}: ${over.body.slice(0, 300)}`);
}

async function stopping() {
  nginx.kill('SIGQUIT');
  const nginxExit = await exited(nginx, 10000);
  expect(nginxExit === 0, 'nginx stops gracefully (SIGQUIT) with status 0', `exit ${nginxExit}`);
  server.kill('SIGTERM');
  const serverExit = await exited(server, 15000);
  expect(serverExit === 0, 'the server stops on SIGTERM with status 0 within 15 s', `exit ${serverExit}`);
}

await W.run([
  ['1 headers: HSTS, HTTP/2, HTTP to HTTPS, /metrics kept in', headers],
  ['2 cookies: Secure and __Host- over HTTPS', cookies],
  ['3 a resident applies without an account, in Chromium over HTTPS', applying],
  ['4 throttling by the client address nginx passes on', throttling],
  ['5 the access log holds no secrets', accessLogWithoutSecrets],
  ['6 uploads: nginx lets through what Hromada takes', uploads],
  ['7 nginx and the server stop', stopping],
]);
