// The accessibility statement's figures (docs/accessibility-figures.json), written by
// suite.mjs at the end of a crawl without a failure and embedded in the server at build
// time (crates/hromada-web/src/public/help.rs), so that no figure is typed by hand.
//
//   node browser/figures.mjs    writes the file of a release not measured yet (every figure null)
//
// No dependency: the server's build reads the file this module writes, and the file's
// first version was written by this module without a browser.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the statement reads its figures; FIGURES_JSON overrides it ("" writes nothing). */
export const FIGURES_PATH = process.env.FIGURES_JSON ?? join(here, '..', 'docs', 'accessibility-figures.json');

/**
 * The figures of one crawl: `pages` are the suite's page records ({ url, lang, bytes,
 * download, nonHtml }), `failures` its failures ({ check }).
 */
export function figuresOf({ pages, failures, maxBytes, browserVersion, axeVersion, date = new Date() }) {
  const html = pages.filter((p) => !p.download && !p.nonHtml);
  const heaviest = html.reduce((a, b) => (b.bytes > (a?.bytes ?? -1) ? b : a), null);
  const reflowFailed = new Set(failures.filter((f) => f.check === 'reflow').map((f) => `${f.url} ${f.lang}`));
  const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
  return {
    source: 'browser/suite.mjs',
    date: date.toISOString().slice(0, 10),
    pages_checked: html.length,
    axe_violations: failures.filter((f) => f.check === 'axe').length,
    heaviest_page: heaviest ? `${heaviest.url} [${heaviest.lang}]` : null,
    heaviest_kb: heaviest ? kb(heaviest.bytes) : null,
    budget_kb: kb(maxBytes),
    reflowed_320: html.filter((p) => !reflowFailed.has(`${p.url} ${p.lang}`)).length,
    browser: browserVersion,
    axe_core: axeVersion,
  };
}

/** A release whose figures the suite has not written yet: the statement says so. */
export function unmeasured() {
  return {
    source: 'browser/suite.mjs',
    date: null,
    pages_checked: null,
    axe_violations: null,
    heaviest_page: null,
    heaviest_kb: null,
    budget_kb: null,
    reflowed_320: null,
    browser: null,
    axe_core: null,
  };
}

export function writeFigures(figures, path = FIGURES_PATH) {
  if (!path) return;
  writeFileSync(path, `${JSON.stringify(figures, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFigures(unmeasured());
  console.log(`wrote ${FIGURES_PATH} (not measured yet)`);
}
