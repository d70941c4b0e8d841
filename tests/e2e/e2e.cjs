// End-to-end checks of the built example site in headless Chromium (playwright-core, axe-core).
// Usage: node e2e.cjs ROOT_URL SUBPATH_URL SHOTS_DIR   (both sites already served). Exit 1 on failure.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [ROOT, SUB, SHOTS] = process.argv.slice(2);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let failures = 0;
let checks = 0;
const ok = (cond, msg) => { checks++; if (!cond) { failures++; console.log('FAIL ' + msg); } };

const PAGES = {
  vi: ['', 'nam/', 'nam/2023/', 'nam/2022/', 'nam/2024/', 'tin-tuc/', 'tin-tuc/tong-ket-chuyen-doi-so-2023/', 'the/',
       'the/chuyen-doi-so/', 'gioi-thieu/', 'tim-kiem/', 'co-quan/', 'co-quan/so-thong-tin-va-truyen-thong/', 'muc-tieu/g01/',
       'nam/2023/q1/', 'nam/2023/q4/', 'muc-tieu/g21/', 'nhiem-vu/t01/', 'nhiem-vu/t40/', '404.html'],
  en: ['en/', 'en/years/', 'en/years/2023/', 'en/years/2022/', 'en/news/', 'en/news/tong-ket-chuyen-doi-so-2023/',
       'en/tags/', 'en/tags/digital-transformation/', 'en/about/', 'en/search/', 'en/agencies/', 'en/goals/g01/',
       'en/years/2023/q2/', 'en/years/2023/q4/', 'en/goals/g21/', 'en/tasks/t01/', 'en/tasks/t40/', 'en/404.html'],
};

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-e2e-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  const errors = [];
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('404.html')) errors.push(`${r.status()} ${r.url()}`); });
  page.on('pageerror', (e) => errors.push('script error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('404')) errors.push('console: ' + m.text()); });
  try {
    // 1. Every page type, both languages: lang, one h1, axe WCAG 2.1 AA, no horizontal scroll at 375 and 320 px.
    for (const [lang, list] of Object.entries(PAGES)) {
      for (const p of list) {
        for (const width of [1280, 375, 320]) {
          await page.setViewportSize({ width, height: 800 });
          await page.goto(ROOT + p, { waitUntil: 'load' });
          const info = await page.evaluate(() => ({
            lang: document.documentElement.lang,
            h1: document.querySelectorAll('h1').length,
            scroll: document.documentElement.scrollWidth,
          }));
          ok(info.lang === lang, `${p}: html lang ${info.lang}`);
          ok(info.h1 === 1, `${p}: ${info.h1} h1 elements`);
          ok(info.scroll <= width, `${p}: horizontal scroll at ${width}px (${info.scroll})`);
          if (width === 1280) {
            await page.addScriptTag({ content: AXE });
            const res = await page.evaluate(() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
            for (const v of res.violations) ok(false, `${p}: axe ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
          }
        }
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    if (SHOTS) {
      fs.mkdirSync(SHOTS, { recursive: true });
      for (const [p, name] of [['nam/2023/', 'vi-year'], ['en/years/2023/', 'en-year'], ['', 'vi-home'],
                               ['nam/2023/q2/', 'vi-review'], ['en/years/2023/q3/', 'en-review'],
                               ['muc-tieu/g21/', 'vi-goal'], ['en/goals/g21/', 'en-goal'],
                               ['nhiem-vu/t40/', 'vi-task'], ['en/tasks/t40/', 'en-task']]) {
        for (const w of [1280, 375]) {
          await page.setViewportSize({ width: w, height: 900 });
          await page.goto(ROOT + p);
          await page.screenshot({ path: path.join(SHOTS, `${name}-${w}.png`), fullPage: true });
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // 2. Search without tone marks finds goals, tasks and the article, and shows type, year, status.
    await page.goto(ROOT + 'tim-kiem/');
    ok(await page.isVisible('form[role=search]'), 'search form visible with JavaScript');
    ok(!(await page.isVisible('[data-nojs]')), 'no-JavaScript notice hidden with JavaScript');
    await page.fill('#q', 'du lieu dat dai');
    await page.waitForSelector('[data-results] li', { timeout: 5000 });
    const vi = await page.$$eval('[data-results] li', (lis) => lis.map((li) => li.textContent));
    ok(vi.some((t) => t.includes('đất đai') && t.includes('Mục tiêu') && t.includes('2023')), 'unaccented query finds the land-data goal: ' + vi.slice(0, 3).join(' | '));
    await page.fill('#q', 'chuyển đổi số');
    await page.waitForFunction(() => /chuyển đổi số/.test(document.querySelector('[data-status]').textContent));
    const exact = await page.$$eval('[data-results] li', (lis) => lis.length);
    ok(exact > 0, 'accented query finds results');
    await page.goto(ROOT + 'en/search/?q=cashless+payment');
    await page.waitForSelector('[data-results] li', { timeout: 5000 });
    const en = await page.$$eval('[data-results] li', (lis) => lis.map((li) => li.textContent));
    ok(en.some((t) => /cashless/i.test(t) && t.includes('Goal')), 'English search finds a goal: ' + en.slice(0, 2).join(' | '));
    const first = await page.$eval('[data-results] li a', (a) => a.href);
    const r = await page.goto(first);
    ok(r.ok(), 'search result link works: ' + first);

    // 3. The language switch lands on the translated page.
    await page.goto(ROOT + 'nam/2023/');
    await Promise.all([page.waitForURL('**/en/years/2023/'), page.click('.lang-switch a[hreflang=en]')]);
    ok((await page.textContent('h1')).includes('2023'), 'switch to English year page');
    await Promise.all([page.waitForURL(/\/nam\/2023\/$/), page.click('.lang-switch a[hreflang=vi]')]);
    await page.goto(ROOT + 'tin-tuc/tong-ket-chuyen-doi-so-2023/');
    await Promise.all([page.waitForURL('**/en/news/tong-ket-chuyen-doi-so-2023/'), page.click('.lang-switch a[hreflang=en]')]);

    // 3b. Tables sort, goals filter (scripts only enhance).
    await page.goto(ROOT + 'en/years/2023/');
    const filters = await page.$$('[data-goal-filter] select');
    ok(filters.length === 2, 'goal filters added by script');
    if (filters.length === 2) {
      await filters[1].selectOption('below_50');
      const visible = await page.$$eval('[data-bucket]', (els) => els.filter((e) => !e.hidden && e.offsetParent !== null).length);
      ok(visible === 4, `filter by "below 50%" shows 4 goals, shows ${visible}`);
    }
    const firstBefore = await page.$eval('table.sortable tbody tr td', (td) => td.textContent);
    await page.click('table.sortable thead th:first-child button');
    await page.click('table.sortable thead th:first-child button');
    const firstAfter = await page.$eval('table.sortable tbody tr td', (td) => td.textContent);
    ok(firstBefore !== firstAfter, `sorting by id reverses the first row (${firstBefore} -> ${firstAfter})`);
    await page.addScriptTag({ content: AXE });
    const res = await page.evaluate(() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    for (const v of res.violations) ok(false, `year page with filters: axe ${v.id}: ${v.help}`);

    // 4. Keyboard only: the skip link comes first and moves focus to the main content; Tab reaches search.
    await page.goto(ROOT);
    await page.keyboard.press('Tab');
    ok(await page.evaluate(() => document.activeElement.classList.contains('skip-link')), 'first Tab focuses the skip link');
    await page.keyboard.press('Enter');
    ok(await page.evaluate(() => location.hash === '#main'), 'skip link goes to #main');
    await page.goto(ROOT);
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement.textContent.trim() === 'Tìm kiếm');
    }
    ok(reached, 'keyboard reaches the search link');
    if (reached) {
      await Promise.all([page.waitForURL('**/tim-kiem/'), page.keyboard.press('Enter')]);
      await page.keyboard.press('Tab');
    }

    // 5. Under a sub-path, every page and asset loads.
    const before = errors.length;
    for (const p of ['', 'nam/2023/', 'en/years/2023/', 'tin-tuc/', 'en/search/']) {
      const resp = await page.goto(SUB + p);
      ok(resp.ok(), `sub-path ${p}: ${resp.status()}`);
      ok(await page.evaluate(() => getComputedStyle(document.body).margin === '0px'), `sub-path ${p}: stylesheet applied`);
    }
    ok(errors.length === before, 'sub-path: no failed requests: ' + errors.slice(before).join('; '));
  } finally {
    await ctx.close();
  }

  // 6. Without JavaScript: the search page shows a notice, never a dead control.
  const noJs = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const c2 = await noJs.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  const p2 = await c2.newPage();
  await p2.goto(ROOT + 'tim-kiem/');
  ok(await p2.isVisible('[data-nojs]'), 'no-JS: notice visible');
  ok(!(await p2.isVisible('form[role=search]')), 'no-JS: search form hidden');
  if (SHOTS) {
    await p2.goto(ROOT + 'nam/2023/');
    await p2.screenshot({ path: path.join(SHOTS, 'vi-year-nojs-375.png'), fullPage: true });
  }
  await noJs.close();
  fs.rmSync(profile, { recursive: true, force: true });

  for (const e of errors) ok(false, 'browser: ' + e);
  console.log(`${checks - failures} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.log('FAIL ' + (e.stack || e)); console.log(`${checks - failures} passed, ${failures + 1} failed`); process.exit(1); });
