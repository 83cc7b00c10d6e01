// The regional hub's dashboard in Chromium ([R1] items 5–7): two national instances, SE and LV, each
// with its own generated population and its own keys, compute signed releases and publish them
// to a hub (`haven serve --mode regional`) that trusts both — both for last year, SE also for the
// year before, so its time series has two points. On the hub, without signing in, a regional
// expert picks an indicator and a period and sees both countries side by side (a rate per 100,000
// as a bar chart with its text alternative, the table behind it with the same figures, the time
// series per country, the definition), withheld cells shown by their flag in words and no number,
// downloads the figures as CSV and XLSX with both countries in them, and reads the page in Latvian.
// A release changed after signing is refused and never reaches the dashboard. Every expected figure
// is read from the release files themselves. axe-core finds no violation of any impact on any page,
// and every page is photographed (stats-hub-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertAccessible } from './lib/axe.mjs';
import { launchShared } from './lib/contexts.mjs';
import { nationalInstance } from './lib/exchange.mjs';
import { binary } from './lib/haven.mjs';
import { parseSdmxCsv, publishRelease, regionalHub } from './lib/hub.mjs';
import { setLanguage } from './lib/page.mjs';

const LV_AUTHORITY = 'Valsts bērnu tiesību aizsardzības inspekcija';
// The columns of an SDMX-CSV row that are not breakdowns.
const NOT_BREAKDOWNS = new Set(['STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'FREQ', 'REF_AREA', 'INDICATOR',
  'TIME_PERIOD', 'OBS_VALUE', 'OBS_STATUS', 'CONF_STATUS', 'UNIT_MEASURE', 'ROUNDING']);

// Whole years, so the figures never depend on how far the current year has got: both countries
// publish PERIOD, Sweden also EARLIER.
const PERIOD = `${new Date().getUTCFullYear() - 1}`;
const EARLIER = `${new Date().getUTCFullYear() - 2}`;

let se, lv, hub, chromium, expert;
let published = [];  // every observation of the three releases
let seRelease;       // SE's release of PERIOD, tampered with below

// Every axe-core violation, whatever its impact, fails the page.
const check = (page, name) => assertAccessible(page, `stats-hub-${name}`, { strict: true });

async function show(page, choice) {
  await page.selectOption('#stats-indicator', choice.indicator);
  await page.selectOption('#stats-period', choice.period);
  await page.selectOption('#stats-by', choice.by || '');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click('form.stats-form button[type=submit]')]);
}

const text = async (page, selector) => (await page.textContent(selector)).replace(/\s+/g, ' ').trim();
// As a reader sees it: a term and its description apart.
const words = async (page, selector) => (await page.innerText(selector)).replace(/\s+/g, ' ').trim();
const tableRows = (page, selector) => page.$$eval(`${selector} tbody tr`, (trs) =>
  trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.replace(/\s+/g, ' ').trim())));

// The published observation of `indicator` for a country and period: totals, or `code` of `by`.
const isCell = (o, country, period, indicator, by, code) => o.REF_AREA === country &&
  o.TIME_PERIOD === period && o.INDICATOR === indicator && Object.keys(o).every((k) =>
  NOT_BREAKDOWNS.has(k) || (k === by ? o[k] === code : o[k] === '_T' || o[k] === '_Z'));

function observation(country, period, indicator, by, code) {
  const found = published.filter((o) => isCell(o, country, period, indicator, by, code));
  assert.equal(found.length, 1, `one ${country} ${period} ${indicator} ${by || ''} ${code || ''}`);
  return found[0];
}

const WORDS = {
  en: { observed: 'Published', small: 'Withheld: small count', secondary: 'Withheld to protect another figure',
    none: 'No figures', chart: 'withheld' },
  lv: { observed: 'Publicēts', small: 'Slēpts: mazs skaits', secondary: 'Slēpts cita skaitļa aizsardzībai',
    none: 'Nav datu', chart: 'slēpts' },
};

// What the table shows for a published observation: [figure, flag] in the reader's language. A
// withheld cell shows its flag in words in both columns, and no number.
function shown(o, lang = 'en') {
  const w = WORDS[lang];
  if (!o) return [w.none, w.none];
  if (o.CONF_STATUS === 'C') return [w.small, w.small];
  if (o.CONF_STATUS === 'D') return [w.secondary, w.secondary];
  assert.equal(o.ROUNDING, '', 'no rounded cell in the figures this test shows');
  const decimals = (o.OBS_VALUE.split('.')[1] || '').length;
  const figure = new Intl.NumberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    .format(Number(o.OBS_VALUE));
  return [figure, w.observed];
}

const isWithheld = (o) => o.CONF_STATUS === 'C' || o.CONF_STATUS === 'D';

// A tiny CSV reader for the download (quoted cells may hold commas).
function parseCsv(textIn) {
  const rows = [];
  for (const line of textIn.replace(/^\uFEFF/, '').trim().split(/\r?\n/)) {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) { cells.push(cell); cell = ''; }
      else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

before(async () => {
  se = await nationalInstance('SE', 'Socialstyrelsen');
  lv = await nationalInstance('LV', LV_AUTHORITY);
  // The national instances work through their command line here (compute, sign, publish), as a
  // statistics office would; nothing asks their servers, so none is started.
  se.haven('generate', '--country', 'SE', '--children', '2000', '--seed', '7');
  lv.haven('generate', '--country', 'LV', '--children', '2000', '--seed', '8');
  hub = await regionalHub(se, lv);
  for (const [instance, period] of [[se, EARLIER], [se, PERIOD], [lv, PERIOD]]) {
    const { file, said } = publishRelease(instance, hub, period);
    assert.match(said, new RegExp(`published ${instance.country} ${period} to .*: accepted as version 1`));
    published.push(...parseSdmxCsv(readFileSync(file, 'utf8')));
    if (instance === se && period === PERIOD) seRelease = file;
  }
  chromium = await launchShared();
  expert = await chromium.person();
});
after(async () => {
  await chromium?.close();
  await hub?.stop();
  await se?.stop();
  await lv?.stop();
});

test('the hub shows both countries side by side, as a rate per 100,000 with its table', async () => {
  // The header's "haven" link leads to the dashboard; nobody signs in at the hub.
  const res = await expert.goto(`${hub.url}/`);
  assert.equal(res.status(), 200);
  assert.equal(new URL(expert.url()).pathname, '/stats');
  assert.equal(await text(expert, 'h1'), 'Statistics');
  assert.equal(await expert.locator('.user-box, a[href="/signin"]').count(), 0);
  // The footer says what the hub holds, not the national promise about looking at records.
  assert.match(await text(expert, '.site-footer'), /regional statistics hub\. It holds no personal data/);
  assert.deepEqual(await expert.$$eval('#stats-period option', (os) => os.map((o) => o.value)), [PERIOD, EARLIER]);
  await check(expert, 'start');

  await show(expert, { indicator: 'REPORTS_RATE', period: PERIOD });
  assert.equal(await text(expert, '#stats-indicator-heading'), 'Reports of concern per 100,000 children');
  // The indicator is readable in full in its closed list, not cut off beside the other choices.
  const chosen = await expert.$eval('#stats-indicator', (s) => ({
    text: s.options[s.selectedIndex].text, fits: s.scrollWidth <= s.clientWidth,
    width: s.getBoundingClientRect().width }));
  assert.equal(chosen.text, 'Reports of concern per 100,000 children');
  assert.ok(chosen.width >= 400, `the indicator list is ${chosen.width}px wide`);
  // The definition and the unit.
  assert.match(await text(expert, '.stats-definition'), /per 100,000 children/);
  assert.match(await words(expert, '.stats-facts'), /Unit Per 100,000 children aged 0–17/);
  assert.match(await words(expert, '.stats-facts'), /Code REPORTS_RATE/);

  // The table behind the chart: both countries, the figures of their releases.
  const lvFigure = observation('LV', PERIOD, 'REPORTS_RATE');
  const seFigure = observation('SE', PERIOD, 'REPORTS_RATE');
  assert.ok(!isWithheld(lvFigure) && !isWithheld(seFigure), 'both totals are published');
  assert.deepEqual(await tableRows(expert, '#stats-compare-table'),
    [['Latvia', ...shown(lvFigure)], ['Sweden', ...shown(seFigure)]]);
  // The chart: a bar per country, as long as its figure (the longer one fills the track), and a
  // text alternative with the same figures.
  const svg = 'figure.stats-chart svg[aria-labelledby="stats-compare-title stats-compare-desc"]';
  assert.equal(await expert.getAttribute(svg, 'role'), 'img');
  assert.equal(await text(expert, '#stats-compare-title'), `Reports of concern per 100,000 children, ${PERIOD}`);
  assert.equal(await text(expert, '#stats-compare-desc'),
    `Latvia: ${shown(lvFigure)[0]}; Sweden: ${shown(seFigure)[0]}.`);
  const bars = await expert.$$eval(`${svg} g.chart-row`, (gs) => gs.map((g) => ({
    label: g.querySelector('.chart-label').textContent,
    track: Number(g.querySelector('.chart-track').getAttribute('width')),
    bar: Number(g.querySelector('rect.bar')?.getAttribute('width') ?? 0) })));
  assert.deepEqual(bars.map((b) => b.label), ['Latvia', 'Sweden']);
  const [lvValue, seValue] = [Number(lvFigure.OBS_VALUE), Number(seFigure.OBS_VALUE)];
  const longest = Math.max(lvValue, seValue);
  for (const [bar, value] of [[bars[0], lvValue], [bars[1], seValue]])
    assert.ok(Math.abs(bar.bar - (bar.track * value) / longest) <= 1, `${bar.label}: ${bar.bar} of ${bar.track}`);
  await check(expert, 'reports-rate');
});

test('each country has its time series, and its table holds the same figures', async () => {
  const series = await expert.$$eval('section.stats-series', (ss) => ss.map((s) => ({
    country: s.querySelector('h4').textContent.trim(),
    bars: s.querySelectorAll('svg rect.bar').length,
    desc: s.querySelector('svg desc').textContent.trim(),
  })));
  assert.deepEqual(series.map((s) => s.country), ['Latvia', 'Sweden']);
  const seRows = await tableRows(expert, 'section.stats-series:nth-of-type(2) table');
  const lvRows = await tableRows(expert, 'section.stats-series:nth-of-type(1) table');
  const seOld = observation('SE', EARLIER, 'REPORTS_RATE');
  const seNew = observation('SE', PERIOD, 'REPORTS_RATE');
  assert.deepEqual(seRows, [[EARLIER, ...shown(seOld)], [PERIOD, ...shown(seNew)]]);
  assert.equal(series[1].bars, 2, 'Sweden: a bar for each year');
  assert.equal(series[1].desc, `${EARLIER}: ${shown(seOld)[0]}; ${PERIOD}: ${shown(seNew)[0]}.`);
  // Latvia published only this year: the year before says so, in words and without a bar.
  assert.deepEqual(lvRows, [[EARLIER, ...shown(null)], [PERIOD, ...shown(observation('LV', PERIOD, 'REPORTS_RATE'))]]);
  assert.equal(series[0].bars, 1);
  assert.match(series[0].desc, new RegExp(`^${EARLIER}: no figures; ${PERIOD}: `));
  // Both countries' series are drawn to one scale, so their charts compare at a glance: a bar is
  // as long as its figure over the largest figure of any country's series.
  const drawn = await expert.$$eval('section.stats-series svg g.chart-row', (gs) => gs.map((g) => ({
    track: Number(g.querySelector('.chart-track').getAttribute('width')),
    bar: Number(g.querySelector('rect.bar')?.getAttribute('width') ?? 0) })));
  const figures = [0, Number(observation('LV', PERIOD, 'REPORTS_RATE').OBS_VALUE), Number(seOld.OBS_VALUE),
    Number(seNew.OBS_VALUE)];
  const largest = Math.max(...figures);
  assert.equal(drawn.length, figures.length);
  drawn.forEach((d, i) => assert.ok(Math.abs(d.bar - (d.track * figures[i]) / largest) <= 1,
    `series bar ${i}: ${d.bar} of ${d.track} for ${figures[i]} (largest ${largest})`));
});

test('withheld cells show their flag in words and no number, in the chart and the table', async () => {
  // Children in formal care per 100,000 by age: few children in care, so some cells are withheld.
  await show(expert, { indicator: 'CARE_STOCK_RATE', period: PERIOD, by: 'AGE' });
  const bands = [['Y0T4', '0–4 years'], ['Y5T9', '5–9 years'], ['Y10T14', '10–14 years'],
    ['Y15T17', '15–17 years'], ['_T', 'All ages (0–17)']];
  const expected = [];
  const withheld = [];
  for (const [country, name] of [['LV', 'Latvia'], ['SE', 'Sweden']]) {
    for (const [code, label] of bands) {
      const o = observation(country, PERIOD, 'CARE_STOCK_RATE', 'AGE', code);
      expected.push([name, label, ...shown(o)]);
      if (isWithheld(o)) withheld.push(`${name} – ${label}`);
    }
  }
  assert.ok(withheld.length > 0, 'the generated population has withheld cells here');
  const rows = await tableRows(expert, '#stats-compare-table');
  assert.deepEqual(rows, expected);
  for (const [, , figure] of rows.filter((r) => r[3].startsWith('Withheld')))
    assert.doesNotMatch(figure, /\d/, 'a withheld cell shows no number');
  // In the chart a withheld cell has an empty track, no bar, and says "withheld".
  const chart = await expert.$$eval('#stats-compare-desc', (d) => d[0].closest('svg').outerHTML);
  const rowsInChart = await expert.$$eval('svg[aria-labelledby^="stats-compare-title"] g.chart-row', (gs) =>
    gs.map((g) => [g.querySelector('.chart-label').textContent, !!g.querySelector('rect.bar'),
      g.querySelector('.chart-count').textContent]));
  for (const label of withheld) {
    const row = rowsInChart.find((r) => r[0] === label);
    assert.deepEqual(row, [label, false, 'withheld'], chart);
    assert.ok((await text(expert, '#stats-compare-desc')).includes(`${label}: withheld`));
  }
  // The flags are explained on the page.
  assert.match(await words(expert, '.stats-flags'), /Withheld: small count So few children/);
  assert.match(await words(expert, '.stats-flags'), /Withheld to protect another figure Hidden so that/);
  await check(expert, 'care-stock-rate-by-age');
});

test("the figures download as CSV and XLSX, with both countries' releases", async () => {
  await show(expert, { indicator: 'REPORTS_RATE', period: PERIOD });
  const releases = published.filter((o) => o.INDICATOR === 'REPORTS_RATE');
  const [csv] = await Promise.all([expert.waitForEvent('download'), expert.click('a[href*="format=csv"]')]);
  const rows = parseCsv(readFileSync(await csv.path(), 'utf8'));
  const [header, ...data] = rows;
  assert.deepEqual(header.slice(0, 7), ['REF_AREA', 'TIME_PERIOD', 'INDICATOR', 'AGE', 'SEX', 'OBS_VALUE', 'UNIT_MEASURE']);
  assert.equal(data.length, releases.length, 'every published cell of the indicator, no more');
  const downloaded = new Set(data.map((r) => r.slice(0, 6).join(',')));
  for (const o of releases)
    assert.ok(downloaded.has([o.REF_AREA, o.TIME_PERIOD, o.INDICATOR, o.AGE, o.SEX, o.OBS_VALUE].join(',')),
      `${o.REF_AREA} ${o.TIME_PERIOD} ${o.AGE} ${o.SEX} ${o.OBS_VALUE} is in the download`);
  assert.deepEqual([...new Set(data.map((r) => r[0]))].sort(), ['LV', 'SE']);

  const [xlsx] = await Promise.all([expert.waitForEvent('download'), expert.click('a[href*="format=xlsx"]')]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  const file = await xlsx.path();
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
  const cells = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  const lvFigure = observation('LV', PERIOD, 'REPORTS_RATE').OBS_VALUE;
  const seFigure = observation('SE', PERIOD, 'REPORTS_RATE').OBS_VALUE;
  for (const value of ['LV', 'SE', 'REPORTS_RATE', lvFigure, seFigure])
    assert.match(cells, new RegExp(`>${value.replace('.', '\\.')}<`), `${value} is in the workbook`);
});

test('on a phone the charts keep their text readable and the page does not scroll sideways', async () => {
  const desktop = expert.viewportSize();
  await expert.setViewportSize({ width: 390, height: 844 });
  await expert.goto(`${hub.url}/stats?indicator=REPORTS_RATE&period=${PERIOD}`);
  // The text's size as drawn: its font size in chart units times the chart's scale on screen.
  const sizes = await expert.$$eval('figure.stats-chart svg text', (ts) => ts.map((t) =>
    parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a));
  assert.ok(sizes.length >= 4, 'labels and figures are drawn');
  for (const size of sizes) assert.ok(size >= 12, `chart text drawn at ${size.toFixed(1)} px`);
  const crowded = await expert.$$eval('figure.stats-chart svg g.chart-row', (gs) => gs.filter((g) =>
    g.querySelector('.chart-label').getBoundingClientRect().right >
      g.querySelector('.chart-count').getBoundingClientRect().left).length);
  assert.equal(crowded, 0, 'no label runs into its figure');
  assert.ok(await expert.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scroll');
  await check(expert, 'phone');
  await expert.setViewportSize(desktop);
});

test('the dashboard in Latvian', async () => {
  await expert.goto(`${hub.url}/stats?indicator=REPORTS_RATE&period=${PERIOD}`);
  const english = await text(expert, '.stats-definition');
  // The header's switcher works on the hub too, and comes back to the same indicator and period.
  await setLanguage(expert, 'lv');
  const back = new URL(expert.url());
  assert.equal(back.pathname, '/stats');
  assert.equal(back.searchParams.get('indicator'), 'REPORTS_RATE');
  assert.equal(back.searchParams.get('period'), PERIOD);
  assert.equal(await expert.getAttribute('html', 'lang'), 'lv');
  assert.equal(await text(expert, 'h1'), 'Statistika');
  const definition = await text(expert, '.stats-definition');
  assert.notEqual(definition, english, 'the definition is in Latvian');
  const lvFigure = observation('LV', PERIOD, 'REPORTS_RATE');
  const seFigure = observation('SE', PERIOD, 'REPORTS_RATE');
  assert.deepEqual(await tableRows(expert, '#stats-compare-table'),
    [['Latvija', ...shown(lvFigure, 'lv')], ['Zviedrija', ...shown(seFigure, 'lv')]]);
  assert.equal(await text(expert, '#stats-compare-desc'),
    `Latvija: ${shown(lvFigure, 'lv')[0]}; Zviedrija: ${shown(seFigure, 'lv')[0]}.`);
  assert.doesNotMatch(await words(expert, 'main'), /stats\.[a-z_]+/, 'no catalog key is shown');
  assert.match(await words(expert, '.stats-flags'), /Slēpts: mazs skaits/);
  assert.match(await text(expert, '.site-footer'), /reģionālais statistikas centrs/);
  await check(expert, 'latvian');
  await setLanguage(expert, 'en');
});

test('a release changed after signing is refused and never reaches the dashboard', async () => {
  // SE's figure of this year, changed in the signed file, and sent with the original signature.
  const original = readFileSync(seRelease, 'utf8');
  const target = observation('SE', PERIOD, 'REPORTS_RATE');
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const [header, ...lines] = original.split(eol);
  const columns = header.split(',');
  const value = columns.indexOf('OBS_VALUE');
  const changed = [header, ...lines.map((line) => {
    const cells = line.split(',');
    const o = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
    if (!line || !isCell(o, 'SE', PERIOD, 'REPORTS_RATE')) return line;
    cells[value] = '9999.9';
    return cells.join(',');
  })].join(eol);
  assert.ok(changed !== original, 'the figure was changed');
  const tampered = join(se.dir, 'tampered.csv');
  writeFileSync(tampered, changed);
  writeFileSync(`${tampered}.sig`, readFileSync(`${seRelease}.sig`));
  // The hub refuses it, with the reason.
  const res = await fetch(`${hub.url}/api/v1/releases`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ signature: JSON.parse(readFileSync(`${seRelease}.sig`, 'utf8')), sdmx_csv: changed }),
  });
  assert.equal(res.status, 403);
  assert.equal(res.headers.get('content-type'), 'application/problem+json');
  assert.equal((await res.json()).reason, 'digest_mismatch');
  // The CLI will not even send it.
  assert.throws(() => execFileSync(binary, ['stats', 'publish', '--to', hub.url, '--release', tampered],
    { cwd: se.dir, encoding: 'utf8', stdio: 'pipe' }),
  (e) => e.status === 2 && /not the signature of/.test(e.stderr + e.stdout));
  // Nothing of it is stored or shown: still one version of each release, SE's own figure.
  const listed = (await (await fetch(`${hub.url}/api/v1/releases`)).json()).releases;
  assert.deepEqual(listed.map((r) => `${r.country} ${r.period} v${r.release_version}`).sort(),
    [`LV ${PERIOD} v1`, `SE ${EARLIER} v1`, `SE ${PERIOD} v1`]);
  await expert.goto(`${hub.url}/stats?indicator=REPORTS_RATE&period=${PERIOD}`);
  assert.deepEqual((await tableRows(expert, '#stats-compare-table'))[1], ['Sweden', ...shown(target)]);
  assert.doesNotMatch(await text(expert, 'main'), /9,?999\.9/);
  await check(expert, 'after-tampering');
});
