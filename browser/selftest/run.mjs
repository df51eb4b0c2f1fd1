// Self-test of suite.mjs: serves a tiny site with one good page and one page per
// kind of defect, runs the suite against it and checks that it passes the good
// pages and catches every defect.   npm run selftest
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const CSS = `body{font-family:sans-serif;margin:0;padding:1rem;color:#111;background:#fff;max-width:40rem}
a{color:#0b4ea2}li{padding:.4rem 0}header a{display:inline-block;padding:.4rem}.skip{position:absolute;left:-999px}.skip:focus{left:1rem}`;

function page(lang, title, body, { skip = true, head = '', skipTo = 'main' } = {}) {
  const other = lang === 'uk' ? 'en' : 'uk';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<link rel="stylesheet" href="/static/site.css">${head}</head><body>
${skip ? `<a class="skip" href="#${skipTo}">Skip to content</a>` : ''}
<header><a href="/">Home</a> <a href="?lang=${other}" lang="${other}">${other === 'en' ? 'English' : 'Українська'}</a></header>
<main id="main">${body}</main></body></html>`;
}

// A page's body per path; each defect page is linked from the home page.
const heavyText = randomBytes(36000).toString('base64'); // incompressible, ~48 KB
const routes = {
  '/': (l) =>
    page(l, 'Home', `<h1>Home</h1><h2>Pages</h2><ul>
<li><a href="/about">About</a></li><li><a href="/about#team">About (fragment)</a></li>
<li><a href="/bad-axe">Bad axe</a></li><li><a href="/wide">Wide</a></li>
<li><a href="/heavy">Heavy</a></li><li><a href="/wide-at-zoom">Wide at 200% zoom</a></li><li><a href="/skips">Skips</a></li>
<li><a href="/external">External</a></li><li><a href="/script">Script</a></li>
<li><a href="/gone">Gone</a></li><li><a href="/bad-skip">Bad skip link</a></li>
<li><a href="/plain">Uncompressed</a></li><li><a href="/always-uk">Always Ukrainian</a></li>
<li><a href="/account">Account (redirects to sign-in)</a></li><li><a href="/away">Redirects off the site</a></li>
<li><a href="https://example.org/">External link, not crawled</a></li>
<li><a href="mailto:office@example.org">Mail</a></li><li><a href="tel:+380441234567">Phone</a></li>
<li><a href="/static/site.css">CSS, not crawled</a></li><li><a href="/metrics">Metrics, not crawled</a></li></ul>`),
  '/sign-in': (l) => page(l, 'Sign in', `<h1>Sign in</h1><p><a href="/">Home</a></p>`),
  '/search': (l) => page(l, 'Search', `<h1>Search</h1><p><a href="/about">About</a></p>`),
  '/about': (l) => page(l, 'About', `<h1>About</h1><h2 id="team">Team</h2><p>Fine.</p>`),
  // axe: link without a name, input without a label, low contrast
  '/bad-axe': (l) =>
    page(l, 'Bad', `<h1>Bad</h1><p><a href="/about"></a></p><form><input type="text" name="q"></form>
<p style="color:#bbb;background:#fff">Low contrast</p>`),
  '/wide': (l) => page(l, 'Wide', `<h1>Wide</h1><div class="wide" style="width:600px">wide box</div>`),
  // fits at 320 px and on the desktop, but not at 200% zoom (640 px)
  '/wide-at-zoom': (l) =>
    page(l, 'Zoom', `<h1>Zoom</h1><div class="z">wide from 400 px up</div>`, { head: '<style>@media (min-width:400px){.z{width:900px}}</style>' }),
  '/heavy': (l) => page(l, 'Heavy', `<h1>Heavy</h1><p style="overflow-wrap:anywhere">${heavyText}</p>`),
  // no skip link, two h1, h1 -> h3
  '/skips': (l) => page(l, 'Skips', `<h1>One</h1><h3>Three</h3><h1>Another</h1>`, { skip: false }),
  // a request to another origin (loopback, nothing listens there)
  '/external': (l) =>
    page(l, 'External', `<h1>External</h1>`, { head: '<link rel="stylesheet" href="http://127.0.0.2:9999/x.css">' }),
  '/bad-skip': (l) => page(l, 'Bad skip', `<h1>Bad skip</h1>`, { skipTo: 'nowhere' }),
  '/plain': (l) => page(l, 'Plain', `<h1>Plain</h1><p>${'Lorem ipsum dolor sit amet. '.repeat(60)}</p>`),
  '/always-uk': () => page('uk', 'Укр', `<h1>Завжди українською</h1>`),
  '/script': (l) => page(l, 'Script', `<h1>Script</h1><script>document.title = 'x'</script>`),
};

function langOf(req, url) {
  const q = url.searchParams.get('lang');
  if (q === 'en' || q === 'uk') return { lang: q, set: q };
  const m = /(?:^|;\s*)lang=(uk|en)/.exec(req.headers.cookie || '');
  return { lang: m ? m[1] : 'uk', set: null };
}

function send(req, res, status, type, body, extra = {}) {
  let buf = Buffer.from(body);
  const headers = { 'content-type': type, ...extra };
  if (/\bgzip\b/.test(req.headers['accept-encoding'] || '') && !req.url.startsWith('/plain')) {
    buf = gzipSync(buf, { level: 6 });
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = buf.length;
  res.writeHead(status, headers);
  res.end(buf);
}

// Another origin (same host, another port) that a redirect leads to.
const elsewhere = createServer((req, res) => send(req, res, 200, 'text/html; charset=utf-8', page('uk', 'Elsewhere', '<h1>Elsewhere</h1><p><a href="/">Home</a></p>')));
await new Promise((r) => elsewhere.listen(0, '127.0.0.1', r));

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const { lang, set } = langOf(req, url);
  const extra = set ? { 'set-cookie': `lang=${set}; Path=/; SameSite=Lax` } : {};
  if (url.pathname === '/account') return res.writeHead(303, { location: '/sign-in', 'content-length': 0 }).end();
  if (url.pathname === '/away') return res.writeHead(302, { location: `http://127.0.0.1:${elsewhere.address().port}/`, 'content-length': 0 }).end();
  if (url.pathname === '/static/site.css') return send(req, res, 200, 'text/css', CSS);
  const r = routes[url.pathname];
  if (r) return send(req, res, 200, 'text/html; charset=utf-8', r(lang), extra);
  send(req, res, 404, 'text/html; charset=utf-8', page(lang, 'Not found', '<h1>Page not found</h1><p><a href="/">Home</a></p>'), extra);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
console.log(`self-test site on ${base}`);

const dir = mkdtempSync(join(tmpdir(), 'hromada-selftest-'));
const reportPath = join(dir, 'report.json');
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, [join(here, '..', 'suite.mjs')], {
    env: { ...process.env, BASE_URL: base, REPORT_JSON: reportPath, MAX_BYTES: '30720' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.on('exit', (c) => {
    if (process.env.VERBOSE) process.stdout.write(out);
    resolve(c);
  });
});
server.close();
elsewhere.close();
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
rmSync(dir, { recursive: true, force: true });

const has = (url, check, lang) =>
  report.failures.some((f) => f.url === url && f.check.startsWith(check) && (!lang || f.lang === lang));
const expectations = [
  ['suite exits 1', code === 1],
  ['axe link-name on /bad-axe', has('/bad-axe', 'axe link-name')],
  ['axe label on /bad-axe', has('/bad-axe', 'axe label')],
  ['axe color-contrast on /bad-axe', has('/bad-axe', 'axe color-contrast')],
  ['reflow on /wide', has('/wide', 'reflow')],
  ['zoom (200%, 640 px) on /wide-at-zoom, not reflow', has('/wide-at-zoom', 'zoom') && !has('/wide-at-zoom', 'reflow')],
  ['weight on /heavy', has('/heavy', 'weight')],
  ['structure (skip link, h1 count, heading skip) on /skips', ['skip link', '<h1> elements', 'heading level skipped'].every((t) => report.failures.some((f) => f.url === '/skips' && f.check === 'structure' && f.detail.includes(t)))],
  ['origin on /external', has('/external', 'origin')],
  ['script on /script', report.failures.some((f) => f.url === '/script' && f.detail.includes('<script>'))],
  ['skip link without target on /bad-skip', report.failures.some((f) => f.url === '/bad-skip' && f.detail.includes('does not exist'))],
  ['uncompressed HTML on /plain', report.failures.some((f) => f.url === '/plain' && f.detail.includes('uncompressed'))],
  ['language not applied on /always-uk [en] only', has('/always-uk', 'structure', 'en') && !has('/always-uk', 'structure', 'uk')],
  ['broken link /gone', has('/gone', 'status')],
  ['same-origin redirect /account -> /sign-in passes', report.pages.some((p) => p.url === '/account' && p.redirectedTo === '/sign-in' && p.status === 200) && !report.failures.some((f) => f.url.startsWith('/account') || f.url.startsWith('/sign-in'))],
  ['redirect to another origin on /away', has('/away', 'origin')],
  ['good pages pass (/, /about, 404 page; uk and en)', !report.failures.some((f) => ['/', '/?lang=en', '/about', '/about?lang=en', '/?lang=uk'].includes(f.url) || /^\/(no-such-|search)/.test(f.url))],
  ['404 pages checked', report.pages.filter((p) => p.url.startsWith('/no-such-') && p.status === 404).length === 3],
  ['English pages reached', report.pages.some((p) => p.url === '/about' && p.lang === 'en')],
  ['/static/, /metrics, external and mailto not crawled', !report.pages.some((p) => /^\/(static|metrics)|example\.org|mailto/.test(p.url))],
];
let bad = 0;
for (const [name, ok] of expectations) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok) bad++;
}
if (bad) {
  console.log('\nsuite failures seen:');
  for (const f of report.failures) console.log(`  [${f.check}] ${f.url} [${f.lang}]: ${f.detail.split('\n')[0]}`);
}
console.log(`selftest: ${expectations.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
