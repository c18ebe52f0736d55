// Secret hygiene as the user sees it (code-server + Chromium): secrets typed into the password box —
// a wrong one, then the right one — and the token that comes back must not show up anywhere on
// screen: the notification toasts, the "Entra App Doctor" output (opened from the toast's Show Log),
// the whole workbench DOM (aria labels and hovers included) and the inspector webview's document.
// The in-host suite (test/host/secret-hygiene.test.ts) covers what the extension emits; this one what
// the workbench renders from it. Control: after Reveal the webview shows the token, and the scan sees it.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_API_CLIENT_ID, DEMO_DAEMON_CLIENT_ID, DEMO_TENANT_ID, demoFixture, EntraEmulator } from '../../emulator';
import { launchChromium, openFile, runCommand, SEL, inspector } from '../browser';

const BASE = process.env.E2E_BASE ?? '';
const FOLDER = process.env.E2E_FOLDER ?? '';
const SHOTS = process.env.E2E_ARTIFACTS ?? '';
const USER_DATA = process.env.E2E_USER_DATA ?? '';
const WRONG_TYPED = `HygUi~TypedWrongSecret.${randomBytes(4).toString('hex')}.k8j7h6`;
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/;

describe('Secret hygiene on screen (code-server + Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let emu: EntraEmulator;
  let setup: ReturnType<typeof demoFixture>;
  const seen: { where: string; text: string }[] = [];
  const toasts = async (): Promise<string[]> => page.locator(SEL.toast).allInnerTexts();

  function scan(items: { where: string; text: string }[], token?: string): string[] {
    const hits: string[] = [];
    for (const { where, text } of items) {
      for (const s of [WRONG_TYPED, setup.secret.value]) {
        for (const f of [s, encodeURIComponent(s), Buffer.from(s).toString('base64'), JSON.stringify(s).slice(1, -1)]) if (text.includes(f)) hits.push(`${where}: secret ${s.slice(0, 10)}…`);
      }
      if (JWT.test(text)) hits.push(`${where}: a full JWT`);
      if (token && text.includes(token.split('.')[2]!)) hits.push(`${where}: the token's signature`);
    }
    return hits;
  }

  before(async () => {
    assert.ok(BASE && FOLDER && SHOTS && USER_DATA, 'E2E_BASE, E2E_FOLDER, E2E_ARTIFACTS and E2E_USER_DATA are set by test/e2e/run.ts');
    setup = demoFixture();
    emu = await EntraEmulator.start(setup.fixture, { https: false, host: '127.0.0.1' });
    const settingsFile = path.join(USER_DATA, 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    settings['entraAppDoctor.allowedAuthorityHosts'] = [new URL(emu.instance).host];
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    fs.mkdirSync(path.join(FOLDER, 'HygUi'), { recursive: true });
    fs.writeFileSync(path.join(FOLDER, 'HygUi', 'appsettings.json'), JSON.stringify({
      AzureAd: { Instance: emu.instance, TenantId: DEMO_TENANT_ID, ClientId: DEMO_DAEMON_CLIENT_ID },
      DownstreamApis: { TodoList: { BaseUrl: 'https://localhost:5001', RequestAppToken: true, Scopes: [`api://${DEMO_API_CLIENT_ID}/.default`] } },
    }, null, 2));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${BASE}/?folder=${encodeURIComponent(FOLDER)}`);
    await page.locator(SEL.workbench).waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator(SEL.explorerRow, { hasText: 'HygUi' }).first().waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await page.screenshot({ path: path.join(SHOTS, `hygiene-fail-${this.currentTest.title.replace(/\W+/g, '_').slice(0, 60)}.png`) }).catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
    await emu?.close();
    fs.rmSync(path.join(FOLDER, 'HygUi'), { recursive: true, force: true });
  });

  async function acquireTyping(secret: string): Promise<void> {
    await openFile(page, 'HygUi/appsettings.json', 'TodoList');
    await page.locator(SEL.editorLines).locator('span', { hasText: 'TodoList' }).first().click();
    await runCommand(page, 'Entra: Acquire App Token');
    await page.locator('.quick-input-widget').filter({ hasText: 'Client secret for' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator(SEL.quickInput).fill(secret);
    await page.keyboard.press('Enter');
    await page.locator(SEL.quickInputRow, { hasText: 'Use Once' }).click();
  }

  it('a wrong typed secret: the AADSTS7000215 toast and the log opened from it never show the secret', async () => {
    await acquireTyping(WRONG_TYPED);
    const toast = page.locator(SEL.toast, { hasText: 'AADSTS7000215' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(emu.tokenRequests().at(-1)?.form.get('client_secret'), WRONG_TYPED, 'the typed secret was sent');
    for (const t of await toasts()) seen.push({ where: 'toast', text: t });
    seen.push({ where: 'toast aria-label', text: (await toast.getAttribute('aria-label')) ?? '' });
    await toast.hover();
    await toast.locator('.monaco-button', { hasText: 'Show Log' }).click();
    const output = page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'AADSTS7000215' });
    await output.first().waitFor({ state: 'visible', timeout: 30_000 });
    // Monaco renders spaces as U+00A0.
    const log = (await page.locator('.part.panel').innerText()).replace(/\u00a0/g, ' ');
    assert.match(log, /POST http:\/\/127\.0\.0\.1:\d+\//, 'the output shows the channel');
    seen.push({ where: 'output panel', text: log });
    await page.screenshot({ path: path.join(SHOTS, 'hygiene-01-wrong-secret-log.png') });
  });

  it('the right typed secret: token in the inspector masked; workbench DOM, toasts and webview document clean', async () => {
    await acquireTyping(setup.secret.value);
    const view = inspector(page);
    await view.locator('#verdict-text', { hasText: 'TodoList.Read.All' }).waitFor({ state: 'visible', timeout: 30_000 });
    for (const t of await toasts()) seen.push({ where: 'toast', text: t });
    seen.push({ where: 'inspector document', text: await view.locator('html').innerHTML() });
    seen.push({ where: 'workbench DOM', text: await page.content() });
    seen.push({ where: 'workbench text', text: await page.locator('body').innerText() });
    assert.ok(seen.some((s) => s.where === 'inspector document' && s.text.includes('…(')), 'the masked preview is there');
  });

  it('control: after Reveal the webview shows the token and the scan flags it; before that, nothing leaked', async () => {
    const view = inspector(page);
    await view.locator('#btn-reveal').click();
    await view.locator('#token-text.revealed').waitFor({ state: 'visible', timeout: 15_000 });
    const token = await view.locator('#token-text').innerText();
    assert.match(token, JWT);
    const control = scan([{ where: 'revealed', text: await view.locator('html').innerHTML() }], token);
    assert.ok(control.includes('revealed: a full JWT') && control.includes("revealed: the token's signature"), control.join('; '));
    const chars = seen.reduce((n, s) => n + s.text.length, 0);
    console.log(`[figures] vscode UI secret hygiene: ${seen.length} captures, ${chars} characters scanned, 2 typed secrets + 1 token`);
    assert.ok(seen.length >= 6);
    assert.deepEqual(scan(seen, token), []);
  });
});
