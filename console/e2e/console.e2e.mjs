// End-to-end test of the console in Debian's Chromium (playwright-core), against a running local stack.
// Started by chainwatch-local's ConsoleIT, which passes the stack's addresses and people in the environment:
//   BASE (gateway), ANVIL_RPC, ALLIANCE_ID, SHOTS (screenshot folder), MAIL_TO,
//   OPS_USER/OPS_PASSWORD (org-admin of org A), VIEWER_USER/VIEWER_PASSWORD (viewer of A),
//   OTHER_USER/OTHER_PASSWORD (org-admin of org B).
// Prints one line per step; exits non-zero on the first failure.
import { readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

const env = (k) => { const v = process.env[k]; if (!v) throw new Error(`missing ${k}`); return v; };
const BASE = env('BASE');
const SHOTS = env('SHOTS');
const CHAIN = `e2e-chain-${Date.now().toString(36)}`;
const AXE = readFileSync(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const LONG = 90_000;
mkdirSync(SHOTS, { recursive: true });

const axeViolations = [];
const log = (...a) => console.log(new Date().toISOString(), ...a);
const fail = (m) => { throw new Error(m); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic', '--no-first-run',
    // NETLOG=<file>: Chromium's own network log, to see why a request waited (socket pool, cache lock, ...)
    ...(process.env.NETLOG ? [`--log-net-log=${process.env.NETLOG}`, '--net-log-capture-mode=Everything'] : [])],
});

async function person(user, password, lang = 'en') {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-GB' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  // requests still open, reported when a page does not settle
  page.pending = new Map();
  page.on('request', (r) => page.pending.set(r, Date.now()));
  page.on('requestfinished', (r) => page.pending.delete(r));
  page.on('requestfailed', (r) => {
    // a read the console gave up on (its 15 s timeout; the query then retries): said, so that it is not silent
    const age = Date.now() - (page.pending.get(r) ?? Date.now());
    if (age > 10_000) log(`[${user}] ${r.method()} ${r.url()} failed after ${age} ms: ${r.failure()?.errorText}`);
    page.pending.delete(r);
  });
  page.on('pageerror', (e) => log(`[${user}] page error: ${e.message}`));
  await page.addInitScript((l) => { if (!localStorage.getItem('chainwatch.lang')) localStorage.setItem('chainwatch.lang', l); }, lang);
  await page.goto(`${BASE}/`);
  await page.getByRole('button', { name: lang === 'zh' ? '登录' : 'Sign in' }).click();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('person').waitFor({ timeout: LONG });
  log(`${user} signed in`);
  return { context, page };
}

/** Waits until no loading indicator is left; returns when that was (ms since the epoch), before a short calm. */
async function settle(page) {
  let settledAt;
  try {
    await page.waitForFunction(() => !document.querySelector('[aria-label="loading"]'), null, { timeout: LONG });
    settledAt = Date.now();
  } catch (e) {
    // per open request: its age, and whether the browser had sent it and had the response's headers (timing)
    const open = page.pending ? [...page.pending].map(([r, t]) => `${r.method()} ${r.url()} (${Date.now() - t} ms,`
      + ` timing ${JSON.stringify(r.timing())})`) : [];
    await page.screenshot({ path: `${tmpdir()}/console-e2e-unsettled.png` });
    fail(`${page.url()} still loading; open requests: ${open.join(', ') || 'none'}`);
  }
  await page.waitForTimeout(300);
  return settledAt;
}

async function open(page, path) {
  // a page's title, or its error state (e.g. another organization's chain: not found). On the loaded test machine a
  // page has been seen to stay on its loading indicator (a page chunk that never arrived); then it is opened anew
  // from a blank document, up to three times, with a screenshot of what was there
  const ready = page.locator('main h1, main [role="alert"]').first();
  let started;
  for (let attempt = 1; ; attempt++) {
    started = Date.now();
    await page.goto(`${BASE}${path}`);
    try {
      await ready.waitFor({ timeout: 30_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.screenshot({ path: `${tmpdir()}/console-e2e-stalled-${path.replace(/[^a-z0-9]+/gi, '_')}-${attempt}.png` });
      log(`page ${path} did not come up (attempt ${attempt}); opening it again`);
      await page.goto('about:blank');
    }
  }
  // from the navigation to the page showing its data: its title up and no loading indicator left
  return (await settle(page)) - started;
}

async function axe(page, name) {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  // collected over every page and reported together at the end
  for (const v of violations) axeViolations.push(`${name}: ${v}`);
}

async function token(page) {
  return page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const k = sessionStorage.key(i);
      if (k && k.startsWith('oidc.user:')) return JSON.parse(sessionStorage.getItem(k)).access_token;
    }
    return null;
  });
}

async function apiGet(page, path) {
  const t = await token(page);
  const r = await fetch(`${BASE}/api/v1${path}`, { headers: { Authorization: `Bearer ${t}` } });
  return r.json();
}

async function rpc(method, params) {
  const r = await fetch(env('ANVIL_RPC'), { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  return r.json();
}

const FORBIDDEN = ['Acknowledge', 'Silence', 'Register', 'Add node', 'Create rule', 'Check', 'Dry run (last hour)',
  'Create receiver', 'Edit', 'Save', 'Send test', 'Request to join', 'Approve', 'Reject', 'Create key', 'Revoke', 'Expire', 'Create silence',
  'Save rule', 'Save objective', 'Plan maintenance', 'Create alliance', 'Accept', 'Decline'];

let exitCode = 0;
try {
  // the sign-in page itself, in both languages, checked by axe
  for (const lang of ['en', 'zh']) {
    const c = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const p = await c.newPage();
    await p.addInitScript((l) => localStorage.setItem('chainwatch.lang', l), lang);
    await p.goto(`${BASE}/`);
    await p.getByRole('button', { name: lang === 'zh' ? '登录' : 'Sign in' }).waitFor();
    if (lang === 'en') await axe(p, 'sign-in');
    await p.screenshot({ path: `${SHOTS}/sign-in-${lang}.png` });
    await c.close();
  }

  const ops = await person(env('OPS_USER'), env('OPS_PASSWORD'));
  const page = ops.page;

  // register a chain and a node, and see it
  await open(page, '/chains');
  await page.getByLabel('Name').fill(CHAIN);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('heading', { name: CHAIN }).waitFor({ timeout: LONG });
  const chainPath = new URL(page.url()).pathname;
  await page.getByLabel('Name').fill('anvil-e2e');
  await page.getByLabel('RPC URL').fill(env('ANVIL_RPC'));
  await page.getByRole('button', { name: 'Add node' }).click();
  await page.getByTestId('node-anvil-e2e').waitFor({ timeout: LONG });
  // live: the node's state and height from the chain's status API, as the collector reports them
  await page.waitForFunction(() => {
    const row = document.querySelector('[data-testid="node-anvil-e2e"]');
    const h = row && row.querySelector('[data-testid="height"]');
    return Boolean(h && /^\d+$/.test(h.textContent.trim()) && row.textContent.includes('Up'));
  }, null, { timeout: LONG });
  log('chain and node registered:', (await page.getByTestId('node-anvil-e2e').textContent()).slice(0, 120));
  // the node's own page: its state and readings, live
  const nodePath = await page.getByTestId('node-anvil-e2e').getByRole('link', { name: 'anvil-e2e' }).getAttribute('href');
  await open(page, nodePath);
  await page.getByTestId('node-status').getByText('Up').waitFor({ timeout: LONG });
  await page.getByTestId('readings').getByText('block.height').waitFor({ timeout: LONG });
  log('node page shows state and readings');

  // availability over the last 24 h from the registry's report: the node has been up since its first sample
  await open(page, chainPath);
  await page.waitForFunction(() => /\d+\.\d+ %/.test(document.querySelector('[data-testid="availability-value"]')?.textContent ?? ''),
    null, { timeout: LONG });
  // known only since the node's first sample (the rest of the day is "unknown"), and up all that time
  const availability = await page.getByTestId('availability-value').innerText();
  if (availability.trim() !== '100.000 %') fail(`availability of a node up since registration: ${availability}`);
  const upShare = (await page.getByTestId('share-up').innerText()).replace(/\s+/g, ' ').trim();
  if (/ 0 s$/.test(upShare)) fail(`the availability card counts no up time: ${upShare}`);
  await page.getByTestId('no-outages').waitFor();
  await page.getByText('Last 7 days').click();
  await page.getByTestId('availability-value').waitFor();
  await page.getByText('Last 24 h').click();
  log('availability shown:', (await page.getByTestId('availability').innerText()).replace(/\s+/g, ' ').slice(0, 160));

  // a rule on it, checked inline and dry-run first
  await open(page, '/rules');
  await page.getByRole('textbox', { name: 'Chain' }).click();
  await page.getByRole('option', { name: CHAIN }).click();
  await page.getByLabel('For (seconds)').fill('0');
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText(/forSeconds/).first().waitFor();
  log('inline validation shown for forSeconds 0');
  await page.getByLabel('For (seconds)').fill('5');
  await page.getByLabel('Mail to').fill(env('MAIL_TO'));
  await page.getByRole('button', { name: 'Dry run (last hour)' }).click();
  await page.getByTestId('dry-run').waitFor();
  // drawn: when the rule would have been pending and firing over the last hour
  await page.getByTestId('dry-run-chart').locator('canvas').waitFor();
  await page.screenshot({ path: `${SHOTS}/rules-dry-run-en.png`, fullPage: true });
  log('dry run drawn:', (await page.getByTestId('dry-run').innerText()).replace(/\s+/g, ' ').slice(0, 120));
  await page.getByRole('button', { name: 'Create rule' }).click();
  await page.getByTestId('rules').getByText(CHAIN).waitFor({ timeout: LONG });
  log('rule created');
  // edit it: type and chain stay; the change is saved with PUT /rules/{id}
  await page.getByTestId('rules').getByRole('button', { name: 'Edit' }).first().click();
  const ruleDialog = page.getByRole('dialog');
  await ruleDialog.getByLabel('For (seconds)').fill('6');
  await page.screenshot({ path: `${SHOTS}/rules-edit-en.png` });
  await ruleDialog.getByRole('button', { name: 'Save rule' }).click();
  await ruleDialog.waitFor({ state: 'detached', timeout: LONG });
  await page.getByTestId('rules').getByRole('cell', { name: '6', exact: true }).first().waitFor({ timeout: LONG });
  log('rule edited: for 6 s');

  // stop mining: the alert appears in the console within 5 s of the API reporting it
  await open(page, '/alerts');
  const stopped = await rpc('evm_setIntervalMining', [0]);
  if (stopped.error) fail(`anvil: ${JSON.stringify(stopped.error)}`);
  log('mining stopped');
  let firstSeenByApi = 0;
  const deadline = Date.now() + 120_000;
  while (!firstSeenByApi && Date.now() < deadline) {
    const firing = await apiGet(page, '/alerts?status=FIRING');
    if (Array.isArray(firing) && firing.some((a) => a.chainName === CHAIN)) firstSeenByApi = Date.now();
    else await new Promise((r) => setTimeout(r, 250));
  }
  if (!firstSeenByApi) fail('the API never reported the stalled chain as firing');
  await page.getByTestId('alerts-FIRING').getByText(CHAIN).first().waitFor({ timeout: 5_000 });
  log(`alert shown in the console ${Date.now() - firstSeenByApi} ms after the API first reported it`);
  await page.screenshot({ path: `${SHOTS}/alerts-firing-en.png` });

  // acknowledge, then silence it from the acknowledged tab
  await page.getByTestId('alerts-FIRING').getByRole('button', { name: 'Acknowledge' }).first().click();
  await open(page, '/alerts?tab=acknowledged');
  await page.getByTestId('alerts-ACKNOWLEDGED').getByText(CHAIN).first().waitFor({ timeout: LONG });
  log('acknowledged');
  await page.getByTestId('alerts-ACKNOWLEDGED').getByRole('button', { name: 'Silence' }).first().click();
  const dialog = page.getByRole('dialog');
  const chainIdMatcher = await dialog.getByLabel('Value').first().inputValue();
  if (!/^[0-9a-f-]{36}$/.test(chainIdMatcher)) fail(`silence not filled with the chain id: ${chainIdMatcher}`);
  await dialog.getByLabel('Comment').fill('maintenance by e2e');
  await dialog.getByRole('button', { name: 'Create silence' }).click();
  await open(page, '/alerts?tab=silences');
  await page.getByTestId('silences').getByText('maintenance by e2e').waitFor({ timeout: LONG });
  log('silenced');

  // mining resumes: the alert resolves, and the history tab shows it with its acknowledgement and resolution
  await rpc('evm_setIntervalMining', [1]);
  const resolvedBy = Date.now() + 60_000;
  let resolved = false;
  while (!resolved && Date.now() < resolvedBy) {
    const history = await apiGet(page, '/alerts/history?hours=24');
    resolved = Array.isArray(history) && history.some((h) => h.chainName === CHAIN && h.resolvedAt && h.acknowledgedAt);
    if (!resolved) await new Promise((r) => setTimeout(r, 500));
  }
  if (!resolved) fail('the API never reported the acknowledged alert as resolved after mining resumed');
  await open(page, '/alerts?tab=history');
  await page.getByText(CHAIN).first().waitFor({ timeout: LONG });
  log('resolved, shown in the history');

  // an API key, shown once
  await open(page, '/admin');
  await page.getByLabel('Name').fill('e2e-key');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.getByTestId('new-key').getByText(/^cw_/).waitFor();
  log('API key created and shown once');

  // a receiver: created, edited (the API's validation shown at the field), then sent a test message (ConsoleIT
  // checks that the mail marked [TEST] arrives)
  await open(page, '/receivers');
  await page.getByLabel('Name').fill('e2e-receiver');
  await page.getByLabel('Address').fill(env('MAIL_TO'));
  await page.getByRole('button', { name: 'Create receiver' }).click();
  const receiverRow = page.getByTestId('receiver-e2e-receiver');
  await receiverRow.waitFor({ timeout: LONG });
  await receiverRow.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog');
  await edit.getByLabel('Address').fill('not-an-address');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.getByText(/address must be an e-mail address/).waitFor();
  log('receiver edit: validation shown at the field');
  await edit.getByLabel('Address').fill(env('MAIL_TO'));
  await edit.getByLabel('Name').fill('e2e-receiver-ops');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.waitFor({ state: 'hidden' });
  const renamed = page.getByTestId('receiver-e2e-receiver-ops');
  await renamed.waitFor({ timeout: LONG });
  log('receiver edited (renamed)');
  await renamed.getByRole('button', { name: 'Send test' }).click();
  await page.getByTestId('test-sent-e2e-receiver-ops').waitFor({ timeout: LONG });
  log('test sent:', await page.getByTestId('test-sent-e2e-receiver-ops').innerText());
  await page.screenshot({ path: `${SHOTS}/receivers-test-en.png`, fullPage: true });

  // the viewer of the same organization: sees the data, never a button they may not press
  const viewer = await person(env('VIEWER_USER'), env('VIEWER_PASSWORD'));
  for (const path of ['/', '/chains', chainPath, nodePath, '/alerts', '/alerts?tab=acknowledged', '/alerts?tab=silences', '/rules',
    '/receivers', '/consortium', '/tasks', '/admin', '/admin?tab=audit', '/admin?tab=quotas']) {
    await open(viewer.page, path);
    for (const name of FORBIDDEN) {
      const n = await viewer.page.getByRole('button', { name, exact: true }).count();
      if (n > 0) fail(`viewer sees a "${name}" button on ${path}`);
    }
  }
  await open(viewer.page, '/alerts?tab=history');
  await viewer.page.getByText(CHAIN).first().waitFor({ timeout: LONG });
  log('viewer: sees the alert, no forbidden button on any page');

  // the other organization's admin: sees none of this organization's data
  const other = await person(env('OTHER_USER'), env('OTHER_PASSWORD'));
  for (const path of ['/', '/chains', '/alerts', '/alerts?tab=acknowledged', '/alerts?tab=history', '/alerts?tab=silences',
    '/rules', '/receivers', '/tasks', '/admin', '/admin?tab=audit', chainPath, nodePath]) {
    await open(other.page, path);
    const text = await other.page.locator('body').innerText();
    for (const secret of [CHAIN, 'anvil-e2e', 'e2e-key', 'maintenance by e2e', 'e2e-receiver', env('MAIL_TO')]) {
      if (text.includes(secret)) fail(`the other organization sees "${secret}" on ${path}`);
    }
  }
  log('other organization: sees none of it');

  // the other organization asks to join the alliance; this organization's admin approves; the task runs to its end
  await open(other.page, '/consortium');
  await other.page.getByLabel('Alliance id').fill(env('ALLIANCE_ID'));
  await other.page.getByRole('button', { name: 'Request to join' }).click();
  await other.page.getByRole('link', { name: 'Follow the task' }).click();
  await other.page.getByTestId('task-status').waitFor();
  log('join requested:', await other.page.getByTestId('task-status').innerText());
  await open(page, '/consortium');
  await page.getByTestId('join-requests').getByRole('button', { name: 'Approve' }).first().click({ timeout: LONG });
  log('approved');
  await other.page.getByTestId('task-status').getByText('Succeeded').waitFor({ timeout: LONG });
  log('the join task succeeded, followed live on its page');
  await other.page.getByRole('heading', { name: 'Join alliance' }).waitFor();
  await other.page.getByText('Wait for approval').first().waitFor();
  if (await other.page.getByText('alliance.join', { exact: true }).count()) fail('the task page shows the raw kind alliance.join');
  log('the task page names the task and its steps');
  const taskPath = new URL(other.page.url()).pathname;

  // every page: axe, and a screenshot in English and Chinese
  const pages = [['overview', '/'], ['chains', '/chains'], ['chain', chainPath], ['node', nodePath], ['alerts', '/alerts'],
    ['alerts-acknowledged', '/alerts?tab=acknowledged'], ['alerts-history', '/alerts?tab=history'],
    ['alerts-silences', '/alerts?tab=silences'], ['rules', '/rules'], ['receivers', '/receivers'],
    ['consortium', '/consortium'], ['tasks', '/tasks'], ['task', taskPath], ['admin', '/admin'],
    ['admin-audit', '/admin?tab=audit'], ['admin-quotas', '/admin?tab=quotas'], ['not-found', '/no-such-page']];
  const readyMs = [];
  for (const lang of ['en', 'zh']) {
    await page.evaluate((l) => localStorage.setItem('chainwatch.lang', l), lang);
    for (const [name, path] of pages) {
      const ms = await open(page, path);
      if (lang === 'en') readyMs.push([ms, name]);
      if (name === 'chain') {
        // the charts' legends name the time in the page's language (uPlot's own word is "Time")
        const legend = page.locator('[data-testid="series-chart"] .u-legend .u-series').first().locator('.u-label');
        await legend.waitFor();
        const word = (await legend.innerText()).trim();
        if (word !== (lang === 'zh' ? '时间' : 'Time')) fail(`the chart legend says "${word}" on the ${lang} chain page`);
      }
      if (lang === 'en') await axe(page, name);
      await page.screenshot({ path: `${SHOTS}/${name}-${lang}.png`, fullPage: true });
    }
  }
  await page.evaluate(() => localStorage.setItem('chainwatch.lang', 'en'));
  // a figure, not a check (measured on a loaded test machine): full navigation until the page shows its data
  readyMs.sort((a, b) => a[0] - b[0]);
  log(`page ready (full load, title shown, no loading indicator), ${readyMs.length} pages: p50 `
    + `${readyMs[Math.floor(readyMs.length / 2)][0]} ms, max ${readyMs[readyMs.length - 1][0]} ms `
    + `(${readyMs[readyMs.length - 1][1]}); ${readyMs.map(([m, n]) => `${n} ${m}`).join(', ')}`);
  if (axeViolations.length) fail(`axe found serious violations:\n  ${axeViolations.join('\n  ')}`);
  log('axe: no serious violation on any page; screenshots saved');
} catch (e) {
  exitCode = 1;
  console.error('E2E FAILED:', e?.stack ?? e);
} finally {
  await browser.close();
}
process.exit(exitCode);
