// The token tools as a user drives them in the browser: Decode JWT on a selection opens the token
// inspector, whose content is read from the webview's frame; Acquire App Token against the Entra
// emulator (started here, on 127.0.0.1, admitted by a user setting) asks for the secret in a password
// box, offers to remember it, and a Refresh from the inspector then uses the remembered secret.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_API_CLIENT_ID, DEMO_DAEMON_CLIENT_ID, DEMO_TENANT_ID, DEMO_UNCONSENTED_CLIENT_ID, demoFixture, EntraEmulator } from '../../emulator';
import { launchChromium, openFile, runCommand, SEL, inspector } from '../browser';

const BASE = process.env.E2E_BASE ?? '';
const FOLDER = process.env.E2E_FOLDER ?? '';
const SHOTS = process.env.E2E_ARTIFACTS ?? '';
const USER_DATA = process.env.E2E_USER_DATA ?? '';

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const SAMPLE = `${b64({ typ: 'JWT', alg: 'RS256', kid: 'ui-test' })}.${b64({
  aud: 'https://graph.microsoft.com', iss: `https://sts.windows.net/${DEMO_TENANT_ID}/`, appid: DEMO_DAEMON_CLIENT_ID, appidacr: '1', idtyp: 'app',
  tid: DEMO_TENANT_ID, ver: '1.0', roles: ['User.Read.All', 'Group.Read.All'], oid: '5b1c0a3e-0000-4000-8000-00000000abcd', exp: now + 3600, nbf: now - 60, iat: now - 60,
})}.${Buffer.from('unsigned-sample').toString('base64url')}`;

describe('Token tools in the workbench (code-server + Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  let emu: EntraEmulator;
  let setup: ReturnType<typeof demoFixture>;
  const shot = (name: string): Promise<unknown> => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  before(async () => {
    assert.ok(BASE && FOLDER && SHOTS && USER_DATA, 'E2E_BASE, E2E_FOLDER, E2E_ARTIFACTS and E2E_USER_DATA are set by test/e2e/run.ts');
    setup = demoFixture();
    emu = await EntraEmulator.start(setup.fixture, { https: false, host: '127.0.0.1' });
    // The emulator's host is admitted the only way a user can: in user settings.
    const settingsFile = path.join(USER_DATA, 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    settings['entraAppDoctor.allowedAuthorityHosts'] = [new URL(emu.instance).host];
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    fs.mkdirSync(path.join(FOLDER, 'TokenUi'), { recursive: true });
    fs.writeFileSync(path.join(FOLDER, 'TokenUi', 'token.txt'), SAMPLE);
    fs.writeFileSync(path.join(FOLDER, 'TokenUi', 'appsettings.json'), JSON.stringify({
      AzureAd: { Instance: emu.instance, TenantId: DEMO_TENANT_ID, ClientId: DEMO_DAEMON_CLIENT_ID },
      DownstreamApis: { TodoList: { BaseUrl: 'https://localhost:5001', RequestAppToken: true, Scopes: [`api://${DEMO_API_CLIENT_ID}/.default`] } },
    }, null, 2));

    fs.mkdirSync(path.join(FOLDER, 'TokenUiNoConsent'), { recursive: true });
    fs.writeFileSync(path.join(FOLDER, 'TokenUiNoConsent', 'appsettings.json'), JSON.stringify({
      AzureAd: { Instance: emu.instance, TenantId: DEMO_TENANT_ID, ClientId: DEMO_UNCONSENTED_CLIENT_ID },
      DownstreamApis: { TodoList: { BaseUrl: 'https://localhost:5001', RequestAppToken: true, Scopes: [`api://${DEMO_API_CLIENT_ID}/.default`] } },
    }, null, 2));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${BASE}/?folder=${encodeURIComponent(FOLDER)}`);
    await page.locator(SEL.workbench).waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator(SEL.explorerRow, { hasText: 'TokenUi' }).first().waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(`token-fail-${this.currentTest.title.replace(/\W+/g, '_').slice(0, 60)}`).catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
    await emu?.close();
  });

  it('Decode JWT: the selected token opens the inspector; verdict, role chips and claims are read from the webview', async () => {
    await openFile(page, 'TokenUi/token.txt', 'eyJ');
    await page.locator(SEL.editorLines).first().click();
    await page.keyboard.press('Control+A');
    await runCommand(page, 'Entra: Decode JWT');
    const view = inspector(page);
    await view.locator('#verdict-text').waitFor({ state: 'visible', timeout: 30_000 });
    const verdict = await view.locator('#verdict').innerText();
    assert.match(verdict, /User\.Read\.All/);
    const chips = await view.locator('#role-chips li').allInnerTexts();
    assert.deepEqual(chips.map((c) => c.replace(/[✔•]\s*/, '').trim()), ['User.Read.All', 'Group.Read.All']);
    const claims = await view.locator('#claims-table').innerText();
    assert.match(claims, /appid/);
    assert.ok(claims.includes(DEMO_DAEMON_CLIENT_ID));
    // Masked until revealed: the page never shows the whole token by itself.
    const shown = await view.locator('#token-text').innerText();
    assert.ok(!shown.includes(SAMPLE) && shown.startsWith(SAMPLE.slice(0, 8)), shown);
    await shot('token-01-decode-jwt-inspector');
  });

  it('Acquire App Token: password box, "Remember", inspector with the roles; Refresh reuses the remembered secret', async () => {
    await openFile(page, 'TokenUi/appsettings.json', 'TodoList');
    await page.locator(SEL.editorLines).locator('span', { hasText: 'TodoList' }).first().click();
    await runCommand(page, 'Entra: Acquire App Token');
    const widget = page.locator('.quick-input-widget');
    await widget.filter({ hasText: 'Client secret for' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.locator(SEL.quickInput).getAttribute('type'), 'password');
    await shot('token-02-secret-prompt');
    await page.locator(SEL.quickInput).fill(setup.secret.value);
    await page.keyboard.press('Enter');
    await page.locator(SEL.quickInputRow, { hasText: 'Use Once' }).waitFor({ state: 'visible', timeout: 15_000 });
    await shot('token-03-remember');
    await page.locator(SEL.quickInputRow, { hasText: 'Remember' }).first().click();

    const view = inspector(page);
    await view.locator('#verdict-text', { hasText: 'TodoList.Read.All' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await view.locator('.subtitle').innerText(), /TokenUi\/appsettings\.json · AzureAd → TodoList/);
    await shot('token-04-acquired-inspector');
    assert.equal(emu.tokenRequests().length, 1);
    assert.equal(emu.tokenRequests()[0]!.form.get('client_secret'), setup.secret.value);

    // Refresh (forced): no password box this time, the secret comes from SecretStorage.
    await view.locator('#btn-refresh').click();
    for (let i = 0; i < 100 && emu.tokenRequests().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(emu.tokenRequests().length, 2, 'a second token request after Refresh');
    assert.equal(emu.tokenRequests()[1]!.form.get('client_secret'), setup.secret.value);
    assert.equal(await widget.isVisible(), false, 'no prompt: the remembered secret was used');

    // Copy and Reveal go through the host: the page had only the masked preview until now.
    await view.locator('#btn-copy-header').click();
    await view.locator('#notice', { hasText: 'Authorization header copied' }).waitFor({ state: 'visible', timeout: 15_000 });
    const header = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(header, /^Authorization: Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(!(await view.locator('#token-text').innerText()).includes(header.slice(22)), 'masked before Reveal');
    await view.locator('#btn-reveal').click();
    await view.locator('#token-text.revealed').waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await view.locator('#token-text').innerText(), header.slice('Authorization: Bearer '.length));

    // Expected roles typed in the webview go to the host, which diagnoses again.
    await view.locator('#expected-roles').fill('TodoList.Read.All, TodoList.ReadWrite.All');
    await view.locator('#btn-compare').click();
    await view.locator('#role-chips li.chip-missing', { hasText: 'TodoList.ReadWrite.All' }).waitFor({ state: 'visible', timeout: 15_000 });
    await view.locator('#verdict', { hasText: 'TodoList.ReadWrite.All' }).waitFor({ state: 'visible', timeout: 15_000 });
    await shot('token-05-expected-roles');
  });

  it('a wrong secret (the secret ID) is explained in a notification; "Re-enter Secret" asks again and succeeds; no roles → consent', async () => {
    await openFile(page, 'TokenUiNoConsent/appsettings.json', 'AzureAd');
    await page.locator(SEL.editorLines).locator('span', { hasText: 'ClientId' }).first().click();
    await runCommand(page, 'Entra: Acquire App Token');
    const widget = page.locator('.quick-input-widget');
    await widget.filter({ hasText: 'Client secret for' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator(SEL.quickInput).fill(setup.unconsentedSecret.keyId);
    await page.keyboard.press('Enter');
    await page.locator(SEL.quickInputRow, { hasText: 'Use Once' }).click();
    const toast = page.locator(SEL.toast, { hasText: 'AADSTS7000215' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await toast.innerText();
    assert.match(text, /Secret ID/);
    assert.ok(!text.includes(setup.unconsentedSecret.keyId), 'the notification does not repeat what was typed');
    const reenter = toast.locator('.monaco-button', { hasText: 'Re-enter Secret' });
    await reenter.waitFor({ state: 'visible', timeout: 15_000 });
    await shot('token-06-wrong-secret-notification');
    await reenter.click();
    await widget.filter({ hasText: 'Client secret for' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator(SEL.quickInput).fill(setup.unconsentedSecret.value);
    await page.keyboard.press('Enter');
    await page.locator(SEL.quickInputRow, { hasText: 'Use Once' }).click();
    const view = inspector(page);
    await view.locator('#verdict.verdict-error').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await view.locator('#verdict').innerText(), /consent/i);
    assert.match(await view.locator('#consent-url').innerText(), /\/adminconsent\?client_id=/);
    await shot('token-07-no-roles-consent');
  });

  it('after a reload the inspector is restored from its saved state (the token itself is not kept)', async () => {
    await page.reload();
    await page.locator(SEL.workbench).waitFor({ state: 'visible', timeout: 60_000 });
    // A webview is only rebuilt (through the serializer) when its tab is shown.
    await page.locator(SEL.tab, { hasText: 'Token Inspector' }).first().click({ timeout: 30_000 });
    const view = inspector(page);
    await view.locator('#verdict-text').waitFor({ state: 'visible', timeout: 60_000 });
    await view.locator('#notice', { hasText: 'Restored view' }).waitFor({ state: 'visible', timeout: 30_000 });
    await shot('token-08-restored');
  });

  it('the progress notification cancels a request Entra does not answer', async () => {
    emu.fault({ kind: 'hang' });
    const before = emu.tokenRequests().length;
    await openFile(page, 'TokenUi/appsettings.json', 'TodoList');
    await page.locator(SEL.editorLines).locator('span', { hasText: 'TodoList' }).first().click();
    await runCommand(page, 'Entra: Acquire App Token');
    // The remembered secret normally survives the reload; if this browser's storage did not keep it, type it again.
    const progress = page.locator(SEL.toast, { hasText: 'requesting a token' });
    const prompt = page.locator('.quick-input-widget', { hasText: 'Client secret for' });
    await Promise.race([progress.waitFor({ state: 'visible', timeout: 30_000 }), prompt.waitFor({ state: 'visible', timeout: 30_000 })]);
    if (await prompt.isVisible()) {
      await page.locator(SEL.quickInput).fill(setup.secret.value);
      await page.keyboard.press('Enter');
      await page.locator(SEL.quickInputRow, { hasText: 'Use Once' }).click();
      await progress.waitFor({ state: 'visible', timeout: 30_000 });
    }
    for (let i = 0; i < 100 && emu.tokenRequests().length === before; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(emu.tokenRequests().length, before + 1, 'the request reached the emulator, which holds it');
    await shot('token-09-progress');
    await progress.hover();
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await progress.waitFor({ state: 'hidden', timeout: 10_000 });
    // Cancelled is not an error: no error notification follows.
    assert.equal(await page.locator(SEL.toast, { hasText: /timed out|AADSTS|network/i }).count(), 0);
    emu.clearFaults();
  });
});
