// Whole user journeys on samples/daemon-app, in code-server + Chromium, against the installed .vsix and
// the Entra emulator playing the sample's tenant (scripts/sample-tenant.ts):
//   0. the first-use walkthrough lists its steps;
//   1. the Problems panel lists the sample's two scope mistakes; the quick fixes correct them on disk, comments kept;
//   2. Acquire App Token from the CodeLens (secret prompted, remembered) and from the palette (no prompt), roles in the inspector;
//   3. consent taken back: the inspector says consent is missing, "Open consent page" opens the right URL;
//   4. a wrong secret: AADSTS7000215 explained with "Re-enter Secret", which then succeeds;
//   5. a restricted (untrusted) workspace: diagnostics, but acquiring is refused with an explanation and nothing is sent.
// Every journey fails on a notification it does not expect, an uncaught page error, or an [error] line in the
// extension's log it does not expect. Screenshots go to the artefacts; the README's pictures to media/screenshots/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_CLIENT_ID, SAMPLE_GRAPH_ROLE, SAMPLE_TENANT_DOMAIN, sampleFixture, type SampleTenant } from '../../../scripts/sample-tenant';
import { EntraEmulator } from '../../emulator';
import { launchChromium, openFile, runCommand, SEL, inspector } from '../browser';
import { CODE_SERVER_ENTRY, E2E_DIR, ROOT } from '../paths';
import { startCodeServer, type CodeServer } from '../server';

const BASE = process.env.E2E_BASE ?? '';
const FOLDER = process.env.E2E_FOLDER ?? '';
const SHOTS = process.env.E2E_ARTIFACTS ?? '';
const USER_DATA = process.env.E2E_USER_DATA ?? '';
const HOME = process.env.E2E_HOME ?? '';
const SAMPLE = path.join(ROOT, 'samples', 'daemon-app');
const README_SHOTS = path.join(ROOT, 'media', 'screenshots');
const GRAPH_SCOPE_BEFORE = 'https://graph.microsoft.com/User.Read.All';
const SQL_SCOPE_BEFORE = 'https://database.windows.net/.default';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Records every notification toast's text as it appears (toasts hide themselves, so polling at the end would miss some). */
const TOAST_RECORDER = `(() => {
  const seen = new WeakSet();
  window.__entraToasts = [];
  const scan = () => {
    for (const el of document.querySelectorAll('.notifications-toasts .notification-list-item')) {
      if (seen.has(el)) continue;
      const msg = el.querySelector('.notification-list-item-message');
      if (!msg || !msg.textContent) continue;
      seen.add(el);
      window.__entraToasts.push(msg.textContent);
    }
  };
  const start = () => new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;

/** The Entra App Doctor log and the extension host logs of a server: a mark, then the [error] lines written since. */
class LogWatch {
  private sizes = new Map<string, number>();
  constructor(private readonly userData: string) {}
  private files(): string[] {
    const out: string[] = [];
    const walk = (d: string, depth: number): void => {
      for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
        const p = path.join(d, e.name);
        if (e.isDirectory() && depth < 4) walk(p, depth + 1);
        else if (e.isFile() && (e.name === 'Entra App Doctor.log' || e.name === 'remoteexthost.log')) out.push(p);
      }
    };
    walk(path.join(this.userData, 'logs'), 0);
    return out;
  }
  mark(): void {
    this.sizes = new Map(this.files().map((f) => [f, fs.statSync(f).size]));
  }
  /** [error] lines since the mark: all of ours, and the extension host's that name this extension. */
  errorsSince(): string[] {
    const lines: string[] = [];
    for (const f of this.files()) {
      const from = this.sizes.get(f) ?? 0;
      const text = fs.readFileSync(f).subarray(from).toString('utf8');
      const ours = f.endsWith('Entra App Doctor.log');
      for (const l of text.split('\n')) if (/\[error\]/.test(l) && (ours || /entra-app-doctor|entraAppDoctor/i.test(l))) lines.push(l);
    }
    return lines;
  }
}

/** Picks a code action from the Ctrl+. menu by its title, with the keyboard (the menu swallows clicks in headless Chromium). */
async function quickFix(page: Page, onText: string, title: RegExp, screenshot?: string): Promise<void> {
  await page.locator(SEL.editorLines).locator('span', { hasText: onText }).last().click();
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
  const titles = await rows.allInnerTexts();
  const index = titles.findIndex((t) => title.test(t));
  assert.ok(index >= 0, `a quick fix matching ${title} (menu: ${titles.join(' | ')})`);
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  if (screenshot) await page.screenshot({ path: screenshot });
  await page.keyboard.press('Enter');
  await rows.first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Fills the password box and answers the Remember / Use Once question. */
async function enterSecret(page: Page, value: string, choice: 'Remember' | 'Use Once'): Promise<void> {
  await page.locator('.quick-input-widget', { hasText: 'Client secret for' }).waitFor({ state: 'visible', timeout: 30_000 });
  assert.equal(await page.locator(SEL.quickInput).getAttribute('type'), 'password', 'the secret is typed into a password box');
  await page.locator(SEL.quickInput).fill(value);
  await page.keyboard.press('Enter');
  const row = page.locator(SEL.quickInputRow, { hasText: choice }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/**
 * The CodeLens "Acquire App Token" shown right above the line with `text`. Lenses arrive one provider answer
 * at a time and push lines down as they do: measure again until the nearest lens sits one line above.
 */
async function lensAbove(page: Page, text: string): Promise<ReturnType<Page['locator']>> {
  const lenses = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Acquire App Token' });
  await lenses.first().waitFor({ state: 'visible', timeout: 30_000 });
  let found: { i: number; gap: number } | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    const anchor = await page.locator(SEL.editorLines).locator('span', { hasText: text }).first().boundingBox();
    found = undefined;
    for (let i = 0; anchor && i < (await lenses.count()); i++) {
      const y = (await lenses.nth(i).boundingBox())?.y;
      if (y !== undefined && y < anchor.y && (!found || anchor.y - y < found.gap)) found = { i, gap: anchor.y - y };
    }
    if (found && found.gap < 30) return lenses.nth(found.i);
    await sleep(200);
  }
  assert.fail(`no "Acquire App Token" lens right above ${text}`);
}

/** Gives the keyboard back to the workbench: keys pressed while the inspector's webview has focus stay in its frame. */
async function focusEditor(page: Page): Promise<void> {
  await page.locator(SEL.tab, { hasText: 'appsettings.json' }).first().click();
  await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ state: 'attached', timeout: 10_000 });
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 150 && !check(); i++) await sleep(100);
  assert.ok(check(), what);
}

describe('Journeys on samples/daemon-app (code-server + Chromium + Entra emulator)', function () {
  this.timeout(150_000);
  let browser: Browser;
  let page: Page;
  let emu: EntraEmulator;
  let tenant: SampleTenant;
  let work: string;
  let folder: string;
  let logs: LogWatch;
  const pageErrors: string[] = [];
  const shot = (name: string): Promise<unknown> => page.screenshot({ path: path.join(SHOTS, `journey-${name}.png`) });
  const graphRequests = (): number => emu.tokenRequests().filter((r) => r.form.get('scope') === 'https://graph.microsoft.com/.default').length;

  /**
   * Fails on notifications, page errors and log errors the journey did not expect — and on expected ones that
   * never showed (so the recorders are known to work); then clears the notifications for the next journey.
   */
  async function expectOnly(p: Page, watch: LogWatch, toasts: RegExp[], logErrors: RegExp[] = []): Promise<void> {
    const seen = await p.evaluate(() => (window as unknown as { __entraToasts: string[] }).__entraToasts.splice(0));
    const allowed = [/^Entra: requesting a token for /, ...toasts];
    assert.deepEqual(seen.filter((t) => !allowed.some((r) => r.test(t))), [], 'unexpected notifications');
    for (const r of toasts) assert.ok(seen.some((t) => r.test(t)), `the notification ${r} was shown (seen: ${seen.join(' | ')})`);
    assert.deepEqual(pageErrors.splice(0), [], 'uncaught errors in the workbench');
    const errors = watch.errorsSince();
    assert.deepEqual(errors.filter((l) => !logErrors.some((r) => r.test(l))), [], 'unexpected [error] lines in the logs');
    for (const r of logErrors) assert.ok(errors.some((l) => r.test(l)), `the log has the error ${r}`);
    await runCommand(p, 'Notifications: Clear All Notifications');
    watch.mark();
  }

  async function openWorkbench(b: Browser, base: string, dir: string): Promise<Page> {
    const p = await b.newPage({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    await p.addInitScript(TOAST_RECORDER);
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(`${base}/?folder=${encodeURIComponent(dir)}`);
    await p.locator(SEL.workbench).waitFor({ state: 'visible', timeout: 60_000 });
    await p.locator(SEL.explorerRow, { hasText: 'appsettings.json' }).first().waitFor({ timeout: 60_000 });
    return p;
  }

  before(async () => {
    assert.ok(BASE && FOLDER && SHOTS && USER_DATA && HOME, 'E2E_BASE, E2E_FOLDER, E2E_ARTIFACTS, E2E_USER_DATA and E2E_HOME are set by test/e2e/run.ts');
    tenant = sampleFixture();
    emu = await EntraEmulator.start(tenant.fixture, { https: false, host: '127.0.0.1' });
    // The emulator's host is admitted the only way a user can: in user settings (kept next to what other suites add).
    const settingsFile = path.join(USER_DATA, 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    const hosts = Array.isArray(settings['entraAppDoctor.allowedAuthorityHosts']) ? settings['entraAppDoctor.allowedAuthorityHosts'] as string[] : [];
    settings['entraAppDoctor.allowedAuthorityHosts'] = [...hosts, new URL(emu.instance).host];
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    // The sample as a user clones it, in a folder of its own.
    work = path.join(path.dirname(path.dirname(FOLDER)), 'journeys');
    fs.rmSync(work, { recursive: true, force: true });
    folder = path.join(work, 'daemon-app');
    fs.cpSync(SAMPLE, folder, { recursive: true });
    fs.mkdirSync(README_SHOTS, { recursive: true });
    logs = new LogWatch(USER_DATA);
    logs.mark();
    browser = await launchChromium();
    page = await openWorkbench(browser, BASE, folder);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(`fail-${this.currentTest.title.replace(/\W+/g, '_').slice(0, 50)}`).catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
    await emu?.close();
  });

  it('0. the first-use walkthrough offers its three steps: open a config, fix a finding, acquire a token', async () => {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const row = page.locator(SEL.quickInputRow, { hasText: 'Get started with Entra App Doctor' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    const walkthrough = page.locator('.gettingStartedContainer');
    for (const step of ['Open a configuration', 'Fix a finding', 'Acquire a token']) {
      await walkthrough.locator('.getting-started-step', { hasText: step }).first().waitFor({ state: 'attached', timeout: 30_000 });
    }
    await shot('0-walkthrough');
    await runCommand(page, 'View: Close All Editors');
    await expectOnly(page, logs, []);
  });

  it('1. the Problems panel shows both scope mistakes; the quick fixes correct them on disk, comments kept', async () => {
    await openFile(page, 'appsettings.json', 'MicrosoftGraph');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
    await runCommand(page, 'View: Focus Problems');
    const graph = page.locator(SEL.problemsRow, { hasText: 'scope/missing-default' }).first();
    const sql = page.locator(SEL.problemsRow, { hasText: 'scope/v1-trailing-slash' }).first();
    await graph.waitFor({ state: 'visible', timeout: 60_000 });
    await sql.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await graph.getAttribute('aria-label')) ?? '', /named permission of Microsoft Graph/);
    assert.match((await sql.getAttribute('aria-label')) ?? '', /trailing slash/);
    await page.screenshot({ path: path.join(README_SHOTS, 'diagnostics.png') });
    await shot('1a-problems');

    await quickFix(page, 'User.Read.All', /Request "https:\/\/graph\.microsoft\.com\/\.default"/, path.join(README_SHOTS, 'quick-fix.png'));
    await page.locator(SEL.editorLines, { hasText: 'https://graph.microsoft.com/.default' }).first().waitFor({ timeout: 15_000 });
    await quickFix(page, 'database.windows.net', /https:\/\/database\.windows\.net\/\/\.default/);
    await page.locator(SEL.editorLines, { hasText: 'https://database.windows.net//.default' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Control+S');
    await graph.waitFor({ state: 'hidden', timeout: 15_000 });
    await sql.waitFor({ state: 'hidden', timeout: 15_000 });
    await shot('1b-fixed');

    const onDisk = path.join(folder, 'appsettings.json');
    await until('the fixes are saved to disk', () => fs.readFileSync(onDisk, 'utf8').includes('https://database.windows.net//.default'));
    const before = fs.readFileSync(path.join(SAMPLE, 'appsettings.json'), 'utf8');
    const after = fs.readFileSync(onDisk, 'utf8');
    // Exactly the two values changed: every comment, key and line of the sample is still there.
    assert.equal(after, before.replace(GRAPH_SCOPE_BEFORE, 'https://graph.microsoft.com/.default').replace(SQL_SCOPE_BEFORE, 'https://database.windows.net//.default'));
    assert.ok(after.includes('// app tokens need /.default') && after.includes("// Azure SQL's identifier ends in '/'"));
    await expectOnly(page, logs, []);
  });

  it('2. Acquire App Token from the CodeLens (secret prompted, remembered) and from the palette (stored secret), roles in the inspector', async () => {
    // Point the sample at the emulator, as one would at a test tenant (the workbench reloads the saved file).
    const file = path.join(folder, 'appsettings.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"https://login.microsoftonline.com/"', JSON.stringify(emu.instance)));
    await runCommand(page, 'View: Hide Panel');
    await page.locator(SEL.editorLines).locator('span', { hasText: 'MicrosoftGraph' }).first().click();
    await page.keyboard.press('Control+Home');
    await page.locator(SEL.editorLines, { hasText: emu.instance.replace(/\/$/, '') }).first().waitFor({ timeout: 30_000 });

    // CodeLens above the Azure SQL section: the first request, so the password box asks for the secret.
    await (await lensAbove(page, 'OrdersDatabase')).click();
    await enterSecret(page, tenant.secret.value, 'Remember');
    const view = inspector(page);
    await view.locator('.subtitle', { hasText: 'OrdersDatabase' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await view.locator('#claims-table').innerText(), /https:\/\/database\.windows\.net\//);
    assert.equal(emu.tokenRequests().length, 1);
    assert.equal(emu.tokenRequests()[0]!.form.get('client_secret'), tenant.secret.value);
    assert.equal(emu.tokenRequests()[0]!.form.get('scope'), 'https://database.windows.net//.default', 'the fixed scope is what is sent');
    await shot('2a-codelens-sql');

    // The palette, cursor in the Graph section: no prompt — the secret comes from SecretStorage.
    await focusEditor(page);
    await openFile(page, 'appsettings.json', 'MicrosoftGraph');
    await page.locator(SEL.editorLines).locator('span', { hasText: 'graph.microsoft.com/.default' }).first().click();
    await runCommand(page, 'Entra: Acquire App Token');
    await view.locator('#verdict-text', { hasText: SAMPLE_GRAPH_ROLE }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.locator('.quick-input-widget', { hasText: 'Client secret for' }).isVisible(), false, 'no prompt: the remembered secret was used');
    assert.equal(graphRequests(), 1);
    assert.equal(emu.tokenRequests().at(-1)!.form.get('client_secret'), tenant.secret.value);
    assert.match(await view.locator('.subtitle').innerText(), /AzureAd → MicrosoftGraph/);
    const chips = await view.locator('#role-chips li').allInnerTexts();
    assert.deepEqual(chips.map((c) => c.replace(/[✔•✖]\s*/, '').trim()), [SAMPLE_GRAPH_ROLE]);
    await page.locator('iframe.webview.ready').screenshot({ path: path.join(README_SHOTS, 'inspector.png') });
    await shot('2b-palette-graph-roles');
    await expectOnly(page, logs, []);
  });

  it('3. consent missing: the inspector says so, and "Open consent page" opens the admin-consent URL', async () => {
    tenant.revokeConsent();
    const view = inspector(page);
    await view.locator('#btn-refresh').click();
    await view.locator('#verdict.verdict-error').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(graphRequests(), 2, 'Refresh asked Entra again');
    assert.match(await view.locator('#verdict').innerText(), /consent/i);
    const expected = `/${SAMPLE_TENANT_DOMAIN}/adminconsent?client_id=${SAMPLE_CLIENT_ID}`;
    const shown = await view.locator('#consent-url').innerText();
    assert.ok(shown.endsWith(expected), shown);
    await shot('3a-consent-missing');

    // VS Code opens the link in a new browser window (after asking, if it shows its external-link dialog).
    // code-server forwards loopback URLs through its port proxy and keeps only the port (/proxy/PORT/), so
    // the emulator's consent URL opens as that; a login.microsoftonline.com URL is opened as is. The full URL
    // is then checked through "Copy consent URL", which hands over the same string.
    const navigations: string[] = [];
    const onRequest = (r: { url(): string; isNavigationRequest(): boolean }): void => {
      if (r.isNavigationRequest()) navigations.push(r.url());
    };
    page.context().on('request', onRequest);
    try {
      const popup = page.context().waitForEvent('page', { timeout: 30_000 });
      await view.locator('button', { hasText: 'Open consent page' }).first().click();
      const dialog = page.locator('.monaco-dialog-box');
      const opened = await Promise.race([popup.then((p) => ({ p })), dialog.waitFor({ state: 'visible', timeout: 30_000 }).then(() => ({ p: undefined }))]);
      if (opened.p) {
        await opened.p.waitForLoadState('domcontentloaded').catch(() => undefined);
        await opened.p.close();
      } else {
        await shot('3b-open-external');
        assert.match(await dialog.innerText(), /adminconsent/);
        await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Copy' }).click();
        await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
        navigations.push(await page.evaluate(() => navigator.clipboard.readText()));
      }
    } finally {
      page.context().off('request', onRequest);
    }
    const proxied = `${BASE}/proxy/${new URL(shown).port}/`;
    assert.ok(navigations.some((u) => u === shown || u.startsWith(proxied)), `the consent URL was opened (went to: ${navigations.join(', ')})`);
    assert.equal(shown, `${emu.instance}${SAMPLE_TENANT_DOMAIN}/adminconsent?client_id=${SAMPLE_CLIENT_ID}`, 'the v1 admin-consent URL of the configured authority, tenant and client');
    await view.locator('button', { hasText: 'Copy consent URL' }).first().click();
    await view.locator('#notice', { hasText: 'Admin consent URL copied' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);
    tenant.grantConsent();
    await expectOnly(page, logs, []);
  });

  it('4. a wrong secret: AADSTS7000215 explained, "Re-enter Secret" asks again and the token comes', async () => {
    tenant.grantConsent(); // (also when journey 3 failed half-way)
    await focusEditor(page);
    await runCommand(page, 'Entra: Forget Stored Client Secrets');
    await page.locator(SEL.toast, { hasText: 'forgot 1 stored client secret' }).waitFor({ state: 'visible', timeout: 15_000 });
    await openFile(page, 'appsettings.json', 'MicrosoftGraph');
    await page.locator(SEL.editorLines).locator('span', { hasText: 'graph.microsoft.com/.default' }).first().click();
    await runCommand(page, 'Entra: Acquire App Token');
    // The portal's "Secret ID" column pasted instead of the value: Entra answers 7000215.
    await enterSecret(page, tenant.secret.keyId, 'Use Once');
    const toast = page.locator(SEL.toast, { hasText: 'AADSTS7000215' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await toast.innerText();
    assert.match(text, /Secret ID/, text);
    assert.ok(!text.includes(tenant.secret.keyId), 'the notification does not repeat what was typed');
    await shot('4a-wrong-secret');
    const requests = graphRequests();
    await toast.locator('.monaco-button', { hasText: 'Re-enter Secret' }).click();
    await enterSecret(page, tenant.secret.value, 'Use Once');
    const view = inspector(page);
    await view.locator('#verdict-text', { hasText: SAMPLE_GRAPH_ROLE }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(graphRequests(), requests + 1);
    assert.equal(emu.tokenRequests().at(-1)!.form.get('client_secret'), tenant.secret.value);
    await shot('4b-reentered');
    await expectOnly(page, logs, [/forgot 1 stored client secret/, /AADSTS7000215/], [/\[error\] (AADSTS)?7000215\b/]);
  });

  it('5. an untrusted workspace: diagnostics appear; acquiring a token is refused with an explanation, nothing sent', async () => {
    // A second server with workspace trust on: folders open in Restricted Mode.
    const data = path.join(work, 'data-restricted');
    const restricted = path.join(work, 'untrusted', 'daemon-app');
    fs.cpSync(SAMPLE, restricted, { recursive: true });
    const file = path.join(restricted, 'appsettings.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"https://login.microsoftonline.com/"', JSON.stringify(emu.instance)));
    let server: CodeServer | undefined;
    let p: Page | undefined;
    const shotRestricted = (name: string): Promise<unknown> => p!.screenshot({ path: path.join(SHOTS, `journey-${name}.png`) });
    try {
      server = await startCodeServer({
        entry: CODE_SERVER_ENTRY, userDataDir: data, extensionsDir: process.env.E2E_EXTENSIONS_DIR ?? path.join(E2E_DIR, 'run', 'extensions'),
        workspaceTrust: true, env: { HOME }, log: path.join(SHOTS, 'code-server-journey-restricted.log'),
      });
      // Even with the emulator allowed in user settings, an untrusted workspace sends nothing.
      const settingsFile = path.join(data, 'User', 'settings.json');
      const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      settings['entraAppDoctor.allowedAuthorityHosts'] = [new URL(emu.instance).host];
      fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
      const watch = new LogWatch(data);
      p = await openWorkbench(browser, server.base, restricted);
      await p.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await openFile(p, 'appsettings.json', 'MicrosoftGraph');
      await runCommand(p, 'View: Focus Problems');
      await p.locator(SEL.problemsRow, { hasText: 'scope/missing-default' }).first().waitFor({ state: 'visible', timeout: 60_000 });
      await p.locator(SEL.problemsRow, { hasText: 'scope/v1-trailing-slash' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      // No "Acquire App Token" lens in Restricted Mode (test/host/restricted checks the provider itself).
      assert.equal(await p.locator('.monaco-editor .codelens-decoration a', { hasText: 'Acquire App Token' }).count(), 0);
      await shotRestricted('5a-restricted-diagnostics');

      const requests = emu.requests.length;
      await p.locator(SEL.editorLines).locator('span', { hasText: 'User.Read.All' }).last().click();
      await runCommand(p, 'Entra: Acquire App Token');
      const toast = p.locator(SEL.toast, { hasText: 'Workspace not trusted' });
      await toast.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await toast.innerText(), /Restricted Mode.*Nothing was read or sent/s);
      await toast.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await p.locator('.quick-input-widget', { hasText: 'Client secret for' }).isVisible(), false, 'no secret asked for');
      await shotRestricted('5b-refused');
      assert.equal(emu.requests.length, requests, 'nothing reached the emulator');
      await expectOnly(p, watch, [/Workspace not trusted/]);
    } catch (err) {
      if (p) await shotRestricted('fail-5-restricted').catch(() => undefined);
      throw err;
    } finally {
      await p?.close();
      await server?.stop();
    }
  });
});
