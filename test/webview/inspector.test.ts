// The token inspector page in real Chromium (Debian's /usr/bin/chromium via playwright-core),
// served over loopback HTTP exactly as the host builds it (CSP, nonce), with a stand-in for
// acquireVsCodeApi that records posted messages and keeps state.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inspectToken, type DiagnosisContext } from '../../src/core/jwt';
import { buildInspectorHtml, createNonce } from '../../src/webview/html';
import { buildInspectorModel } from '../../src/webview/model';
import type { InspectorModel, InspectorState, WebviewToHost } from '../../src/webview/protocol';
import { appToken, CLIENT_ID, TENANT } from '../jwt/tokens';

const ROOT = resolve(__dirname, '../..');
const SHOTS = resolve(ROOT, 'test-results/webview');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

declare global {
  interface Window {
    __posted: WebviewToHost[];
    __state: InspectorState | undefined;
    __xss?: number;
    __inline?: number;
    __violations: string[];
  }
}

/**
 * The stand-in VS Code gives a webview: postMessage to the host, getState/setState. Plain
 * JavaScript text: functions compiled by tsx would carry helpers the page does not have.
 */
function standIn(initial: InspectorState | undefined): string {
  return `(() => {
    window.__posted = [];
    window.__state = ${JSON.stringify(initial ?? null)} ?? undefined;
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
    let acquired = false;
    window.acquireVsCodeApi = () => {
      if (acquired) throw new Error('acquireVsCodeApi may only be called once');
      acquired = true;
      return {
        postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
        getState: () => window.__state,
        setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); return s; },
      };
    };
  })();`;
}

async function model(opts: Parameters<typeof appToken>[0], ctx: DiagnosisContext = {}, extra: Partial<InspectorModel> = {}): Promise<{ token: string; model: InspectorModel }> {
  const token = await appToken(opts);
  const m = buildInspectorModel(inspectToken(token, ctx), token, { title: 'appsettings.json · AzureAd', expectedRoles: ctx.expectedRoles, canCallApi: true, canRefresh: true });
  return { token, model: { ...m, ...extra } };
}

describe('webview: token inspector in Chromium', function () {
  let server: http.Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
    // Build the bundles exactly as the extension ships them.
    spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.ok(existsSync(resolve(ROOT, 'dist/webview.js')), 'dist/webview.js was not built');
    mkdirSync(SHOTS, { recursive: true });
    server = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/' || url.startsWith('/?')) {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(buildInspectorHtml({ scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/inspector.css`, cspSource: origin, nonce: createNonce() }));
      } else if (url === '/dist/webview.js' || url === '/media/inspector.css') {
        res.setHeader('content-type', url.endsWith('.js') ? 'text/javascript' : 'text/css');
        res.end(readFileSync(resolve(ROOT, url.slice(1))));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  async function open(initial?: InspectorState, size = { width: 1100, height: 1400 }): Promise<Page> {
    page = await browser.newPage({ viewport: size });
    consoleErrors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.addInitScript({ content: standIn(initial) });
    await page.goto(origin);
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
    return page;
  }

  async function show(p: Page, m: InspectorModel): Promise<void> {
    await p.evaluate((mm) => window.postMessage({ type: 'show', model: mm }, '*'), m);
    await p.waitForSelector('#verdict');
  }

  const posted = (p: Page): Promise<WebviewToHost[]> => p.evaluate(() => window.__posted);

  afterEach(async () => {
    await page?.close();
  });

  it('handshake: posts ready first, shows a waiting placeholder until the model arrives', async () => {
    const p = await open();
    assert.deepEqual((await posted(p))[0], { type: 'ready' });
    assert.equal(await p.textContent('#app .placeholder'), 'Waiting for the token…');
  });

  it('token with roles: ✔ verdict, chips against expected roles, claims table', async () => {
    const { model: m } = await model({ aud: 'https://graph.microsoft.com', roles: ['User.Read.All', 'Group.Read.All'] }, { expectedRoles: ['User.Read.All', 'Mail.Read'] });
    const p = await open();
    await show(p, m);
    assert.equal(await p.getAttribute('#verdict', 'class'), 'verdict verdict-error');
    assert.match((await p.textContent('#verdict-text'))!, /^roles User\.Read\.All, Group\.Read\.All — Missing role: Mail\.Read$/);
    const chips = await p.$$eval('#role-chips li', (els) => els.map((e) => `${e.className}|${e.getAttribute('data-role')}`));
    assert.deepEqual(chips, ['chip chip-ok|User.Read.All', 'chip chip-extra|Group.Read.All', 'chip chip-missing|Mail.Read']);
    const rows = await p.$$eval('#claims-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-claim')));
    for (const c of ['aud', 'iss', 'azp', 'azpacr', 'roles', 'oid', 'tid', 'ver', 'exp']) assert.ok(rows.includes(c), `row ${c}`);
    assert.match((await p.textContent('#claims-table tr[data-claim="azpacr"] td.value'))!, /client secret/);
    assert.match((await p.textContent('#claims-table tr[data-claim="aud"] td.meaning'))!, /The API this token is for/);
    assert.match((await p.textContent('#countdown'))!, /^in (59|60) min|^in 1 h/);
    assert.deepEqual(await p.$$eval('#header-table tbody tr', (trs) => trs.map((t) => t.getAttribute('data-claim'))), ['typ', 'alg', 'kid']);
    await p.screenshot({ path: resolve(SHOTS, 'with-roles-dark.png'), fullPage: true });
    assert.deepEqual(consoleErrors, []);
  });

  it('all roles present: ✔ verdict in green', async () => {
    const { model: m } = await model({ roles: ['Orders.Read'] }, { expectedRoles: ['Orders.Read'] });
    const p = await open();
    await show(p, m);
    assert.equal(await p.getAttribute('#verdict', 'class'), 'verdict verdict-ok');
    assert.equal(await p.textContent('#verdict .verdict-icon'), '✔');
    assert.equal(await p.textContent('#verdict-text'), 'roles Orders.Read');
  });

  it('token without roles: ✖ admin consent missing, consent actions post typed messages', async () => {
    const { model: m } = await model({ aud: '00000003-0000-0000-c000-000000000000', header: { nonce: 'graph-nonce' } });
    const p = await open();
    await show(p, m);
    assert.equal(await p.textContent('#verdict-text'), 'no roles: admin consent missing');
    assert.equal(await p.textContent('#verdict .verdict-icon'), '✖');
    assert.equal(await p.textContent('#consent-url'), `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT_ID}`);
    assert.equal(await p.textContent('#role-chips'), 'No roles in this token');
    assert.ok(await p.$('#diagnosis li[data-id="token/no-roles-microsoft-api"]'));
    assert.ok(await p.$('#diagnosis li[data-id="token/graph-not-verifiable"]'));
    await p.screenshot({ path: resolve(SHOTS, 'without-roles-dark.png'), fullPage: true });

    await p.click('#verdict button:has-text("Open consent page")');
    await p.click('#verdict button:has-text("Copy consent URL")');
    await p.click('#verdict button:has-text("Copy a request for your administrator")');
    const types = (await posted(p)).map((x) => x.type);
    assert.deepEqual(types.slice(-3), ['openConsentUrl', 'copyConsentUrl', 'copyAdminRequest']);
  });

  it('toolbar and token buttons post the right messages; reveal shows the token only on request', async () => {
    const { token, model: m } = await model({ roles: ['x'] });
    const p = await open();
    await show(p, m);
    assert.equal(await p.textContent('#token-text'), m.tokenPreview);
    assert.ok(!(await p.content()).includes(token), 'raw token in the page before reveal');
    await p.click('#btn-refresh');
    await p.click('#btn-call-api');
    await p.click('#btn-copy-token');
    await p.click('#btn-copy-header');
    await p.click('#btn-reveal');
    const types = (await posted(p)).map((x) => x.type);
    assert.deepEqual(types.slice(-5), ['refresh', 'callApi', 'copyToken', 'copyAuthorizationHeader', 'reveal']);
    // Nothing is revealed until the host answers.
    assert.equal(await p.textContent('#token-text'), m.tokenPreview);
    await p.evaluate((t) => window.postMessage({ type: 'revealed', token: t }, '*'), token);
    await p.waitForSelector('#token-text.revealed');
    assert.equal(await p.textContent('#token-text'), token);
    assert.equal(await p.getAttribute('#btn-reveal', 'aria-pressed'), 'true');
    // The revealed token never lands in the persisted state.
    const state = await p.evaluate(() => JSON.stringify(window.__state));
    assert.ok(!state.includes(token.split('.')[2]!), 'token in webview state');
    await p.click('#btn-reveal');
    assert.equal(await p.textContent('#token-text'), m.tokenPreview);
  });

  it('keyboard: controls are reachable with Tab and activate with Enter; inputs are labelled', async () => {
    const { model: m } = await model({ roles: ['x'] });
    const p = await open();
    await show(p, m);
    const focused: string[] = [];
    for (let i = 0; i < 12; i++) {
      await p.keyboard.press('Tab');
      focused.push(await p.evaluate(() => document.activeElement?.id || document.activeElement?.textContent || ''));
    }
    assert.ok(focused.includes('btn-refresh') && focused.includes('btn-call-api') && focused.includes('expected-roles'), focused.join(','));
    await p.focus('#btn-copy-token');
    await p.keyboard.press('Enter');
    assert.equal((await posted(p)).at(-1)?.type, 'copyToken');
    assert.equal(await p.$eval('#expected-roles', (i) => (i as HTMLInputElement).labels?.[0]?.textContent), 'Expected roles');
    const unnamed = await p.$$eval('button', (bs) => bs.filter((b) => !(b.textContent ?? '').trim() && !b.getAttribute('aria-label')).length);
    assert.equal(unnamed, 0);
  });

  it('typed expected roles update the chips and post setExpectedRoles', async () => {
    const { model: m } = await model({ roles: ['Orders.Read'] });
    const p = await open();
    await show(p, m);
    await p.fill('#expected-roles', 'Orders.Read, Orders.Write');
    await p.press('#expected-roles', 'Enter');
    assert.deepEqual((await posted(p)).at(-1), { type: 'setExpectedRoles', roles: ['Orders.Read', 'Orders.Write'] });
    const chips = await p.$$eval('#role-chips li', (els) => els.map((e) => e.className));
    assert.deepEqual(chips, ['chip chip-ok', 'chip chip-missing']);
  });

  it('claims containing <script>/HTML are shown as text and nothing runs', async () => {
    const evil = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
    const { model: m } = await model({ roles: [evil, '<b>bold</b>'], extra: { note: evil } }, {}, { title: `<i>${evil}</i>` });
    const p = await open();
    await show(p, m);
    assert.equal(await p.textContent('#claims-table tr[data-claim="note"] td.value code'), evil);
    assert.ok((await p.textContent('.subtitle'))!.includes('<i><script>'));
    assert.equal(await p.$$eval('#app img, #app script, #app b, #app i', (els) => els.length), 0);
    assert.ok((await p.textContent('#role-chips'))!.includes('<b>bold</b>'));
    assert.equal(await p.evaluate(() => window.__xss), undefined);
    assert.deepEqual(consoleErrors, []);
  });

  it('the CSP blocks an injected inline script', async () => {
    const { model: m } = await model({ roles: ['x'] });
    const p = await open();
    await show(p, m);
    const csp = await p.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp!, /^default-src 'none'; style-src http:\/\/127\.0\.0\.1:\d+; img-src http:\/\/127\.0\.0\.1:\d+ data:; script-src 'nonce-[A-Za-z0-9+/=]+';$/);
    await p.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.appendChild(s);
    });
    await p.waitForFunction(() => window.__violations.length > 0);
    assert.equal(await p.evaluate(() => window.__inline), undefined);
    assert.ok((await p.evaluate(() => window.__violations)).some((v) => v.startsWith('script-src')));
  });

  it('state survives a reload: the page renders from getState without a new model', async () => {
    const { token, model: m } = await model({ roles: ['Orders.Read'] });
    let p = await open();
    await show(p, m);
    await p.fill('#expected-roles', 'Orders.Read, Admin');
    await p.press('#expected-roles', 'Enter');
    const saved = await p.evaluate(() => window.__state);
    assert.ok(saved?.model);
    assert.ok(!JSON.stringify(saved).includes(token), 'raw token persisted');
    await p.close();
    p = await open(saved);
    await p.waitForSelector('#verdict');
    assert.equal(await p.textContent('#verdict-text'), 'roles Orders.Read');
    assert.equal(await p.inputValue('#expected-roles'), 'Orders.Read, Admin');
    assert.equal(await p.$$eval('#role-chips .chip-missing', (e) => e.length), 1);
  });

  it('API result: status, diagnosis and body shown as text', async () => {
    const { model: m } = await model({ aud: 'https://graph.microsoft.com' });
    const p = await open();
    await show(p, m);
    await p.evaluate(() =>
      window.postMessage(
        {
          type: 'apiResult',
          result: {
            method: 'GET',
            url: 'https://graph.microsoft.com/v1.0/users',
            status: 403,
            statusText: 'Forbidden',
            durationMs: 212.4,
            headers: [['content-type', 'application/json']],
            body: '{\n  "error": { "code": "Authorization_RequestDenied", "message": "<b>Insufficient privileges</b>" }\n}',
            truncated: false,
            diagnosis: [{ severity: 'error', title: 'Consent or app role missing', explanation: 'Graph answered Authorization_RequestDenied.' }],
          },
        },
        '*',
      ),
    );
    await p.waitForSelector('#api-result');
    assert.match((await p.textContent('#api-result .status'))!, /^403 Forbidden · 212 ms · GET https:\/\/graph\.microsoft\.com\/v1\.0\/users$/);
    assert.match((await p.textContent('#api-result pre'))!, /<b>Insufficient privileges<\/b>/);
    assert.equal(await p.$$eval('#api-result b', (e) => e.length), 0);
  });

  it('live countdown: ticks and turns into "expired" (fake clock, no waiting)', async () => {
    const { model: m } = await model({ roles: ['x'], expiresIn: 90 });
    page = await browser.newPage();
    await page.clock.install();
    await page.addInitScript({ content: standIn(undefined) });
    await page.goto(origin);
    await page.waitForFunction(() => window.__posted.some((x) => x.type === 'ready'));
    await show(page, m);
    assert.match((await page.textContent('#countdown'))!, /^in 1 min \d+ s$/);
    assert.equal(await page.getAttribute('#countdown', 'class'), 'soon');
    await page.clock.fastForward(3 * 60_000);
    await page.waitForSelector('#countdown.expired');
    assert.match((await page.textContent('#countdown'))!, /^expired 1 min \d+ s ago$/);
  });

  it('fits a narrow side panel (screenshot)', async () => {
    const { model: m } = await model({ version: '1.0', aud: 'api://orders-api' }, { expectedRoles: ['Orders.Read'] });
    const p = await open(undefined, { width: 420, height: 900 });
    await show(p, m);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await p.screenshot({ path: resolve(SHOTS, 'no-roles-own-api-narrow.png'), fullPage: false });
  });

  it('renders readably in a light and a high-contrast theme (screenshots)', async () => {
    const { model: m } = await model({ version: '1.0', aud: 'https://database.windows.net', roles: ['x'] }, { requestedScope: 'https://database.windows.net/.default', expectedRoles: ['x', 'y'] });
    for (const theme of ['light', 'high-contrast'] as const) {
      const p = await open();
      // What VS Code injects: theme variables on <html> and a class on <body> (CSSOM is allowed by the CSP).
      await p.evaluate((t) => {
        const vars: Record<string, string> =
          t === 'light'
            ? { '--vscode-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff', '--vscode-sideBar-background': '#f8f8f8', '--vscode-descriptionForeground': '#717171', '--vscode-widget-border': '#e5e5e5', '--vscode-errorForeground': '#a1260d', '--vscode-testing-iconPassed': '#388a34', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-button-secondaryHoverBackground': '#cccccc', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b', '--vscode-input-border': '#cecece', '--vscode-editorWarning-foreground': '#bf8803' }
            : { '--vscode-foreground': '#ffffff', '--vscode-editor-background': '#000000', '--vscode-sideBar-background': '#000000', '--vscode-descriptionForeground': '#ffffffb3', '--vscode-contrastBorder': '#6fc3df', '--vscode-focusBorder': '#f38518', '--vscode-errorForeground': '#f48771', '--vscode-button-background': '#000000', '--vscode-button-border': '#6fc3df', '--vscode-button-secondaryBackground': '#000000', '--vscode-input-background': '#000000', '--vscode-input-border': '#6fc3df' };
        for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
        document.body.classList.add(t === 'light' ? 'vscode-light' : 'vscode-high-contrast');
      }, theme);
      await show(p, m);
      const colors = await p.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color }));
      assert.deepEqual(colors, theme === 'light' ? { bg: 'rgb(255, 255, 255)', fg: 'rgb(59, 59, 59)' } : { bg: 'rgb(0, 0, 0)', fg: 'rgb(255, 255, 255)' });
      assert.ok(await p.$('#diagnosis li[data-id="token/audience-trailing-slash"]'));
      await p.screenshot({ path: resolve(SHOTS, `sql-slash-${theme}.png`), fullPage: true });
      await p.close();
    }
  });
});
