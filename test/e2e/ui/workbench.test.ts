// UI checks through the browser, against the extension installed from the .vsix, as a user has it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openFile, runCommand, SEL } from '../browser';

const BASE = process.env.E2E_BASE ?? '';
const FOLDER = process.env.E2E_FOLDER ?? '';
const SHOTS = process.env.E2E_ARTIFACTS ?? '';
const HOME = process.env.E2E_HOME ?? '';
const FAKE_SECRET = 'Xq58Q~fAkEfAkEfAkE.nOtArEaLsEcReT0123456';

describe('VS Code workbench (code-server + Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const shot = (name: string): Promise<unknown> => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  before(async () => {
    assert.ok(BASE && FOLDER && SHOTS, 'E2E_BASE, E2E_FOLDER and E2E_ARTIFACTS are set by test/e2e/run.ts');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${BASE}/?folder=${encodeURIComponent(FOLDER)}`);
    await page.locator(SEL.workbench).waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator(SEL.explorerRow, { hasText: 'DaemonGraph' }).first().waitFor({ timeout: 60_000 });
    await shot('01-workbench');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shot(`fail-${this.currentTest.title.replace(/\W+/g, '_').slice(0, 60)}`).catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
  });

  it('lists the workspace\'s findings in the Problems panel without opening the files', async () => {
    await runCommand(page, 'View: Focus Problems');
    const graph = page.locator(SEL.problemsRow, { hasText: 'scope/missing-default' }).first();
    await graph.waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator(SEL.problemsRow, { hasText: 'scope/v1-trailing-slash' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const label = (await graph.getAttribute('aria-label')) ?? '';
    assert.match(label, /Entra App Doctor/);
    // Files under node_modules and bin are never listed.
    const files = await page.locator(`${SEL.problemsRow} .file-icon, ${SEL.problemsRow} .label-description`).allInnerTexts();
    assert.ok(!files.some((f) => /node_modules|bin[\\/]Debug/.test(f)), files.join(' | '));
    await shot('02-problems');
  });

  it('applies a quick fix chosen from the lightbulb menu, and the file changes on screen', async () => {
    await openFile(page, 'FixMe/appsettings.json', 'User.Read.All');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
    // The status bar item appears for a file with findings; clicking it brings up the Problems panel.
    const status = page.locator('.statusbar-item', { hasText: 'Entra:' }).first();
    await status.waitFor({ state: 'visible', timeout: 15_000 });
    await runCommand(page, 'View: Hide Panel');
    await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 10_000 });
    await status.click();
    await page.locator(SEL.problemsRow, { hasText: 'scope/missing-default' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator(SEL.editorLines).locator('span', { hasText: 'User.Read.All' }).last().click();
    const bulb = page.locator('.monaco-editor .lightBulbWidget').first();
    await bulb.waitFor({ state: 'visible', timeout: 15_000 });
    await shot('03-lightbulb');
    await bulb.click();
    const rows = page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    const titles = await rows.allInnerTexts();
    await shot('04-quick-fix-menu');
    const fix = titles.findIndex((t) => !/Fix all Entra issues/.test(t));
    assert.ok(fix >= 0, `a quick fix in the menu (got: ${titles.join(' | ')})`);
    // The menu's pointer block swallows clicks in headless Chromium; choose with the keyboard like a user would.
    for (let i = 0; i < fix; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator(SEL.editorLines, { hasText: 'https://graph.microsoft.com/.default' }).first().waitFor({ timeout: 15_000 });
    const text = (await page.locator(SEL.editorLines).first().innerText()).replace(/\u00a0/g, ' '); // the editor renders spaces as NBSP
    assert.ok(!text.includes('User.Read.All'), 'the permission scope is gone from the editor');
    assert.ok(text.includes('// app-only'), 'comments stay');
    // Re-linted from the edited buffer: the file has no findings left, so the status bar item goes away.
    await page.locator('.statusbar-item', { hasText: 'Entra:' }).first().waitFor({ state: 'hidden', timeout: 15_000 });
    await shot('05-after-quick-fix');
  });

  it('moves a secret to .NET user secrets after a confirmation that lists every change', async () => {
    await openFile(page, 'Secrets/appsettings.json', 'ClientSecret');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator(SEL.editorLines).locator('span', { hasText: 'nOtArEaLsEcReT' }).last().click();
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    const titles = await rows.allInnerTexts();
    const index = titles.findIndex((t) => t.includes('Move this secret to .NET user secrets'));
    assert.ok(index >= 0, `the move-secret quick fix (got: ${titles.join(' | ')})`);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await dialog.innerText();
    await shot('06-move-secret-confirmation');
    const key = 'AzureAd:ClientCredentials:0:ClientSecret';
    assert.ok(text.includes(key), text);
    assert.match(text, /\.microsoft[\\/]usersecrets[\\/][0-9a-f-]{36}[\\/]secrets\.json/);
    assert.match(text, /Adds <UserSecretsId>[0-9a-f-]{36}<\/UserSecretsId> to Secrets\/Secrets\.csproj/);
    assert.ok(!text.includes(FAKE_SECRET), 'the confirmation never shows the secret');
    const id = /<UserSecretsId>([0-9a-f-]{36})</.exec(text)![1]!;
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: 'Move Secret' }).click();

    await page.locator(SEL.editorLines, { hasText: '"SourceType": "ClientSecret"' }).first().waitFor({ timeout: 15_000 });
    await page.waitForFunction((s) => !document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent?.includes(s), 'nOtArEaLsEcReT', { timeout: 15_000 });
    await shot('07-secret-moved');
    const secrets = JSON.parse(fs.readFileSync(path.join(HOME, '.microsoft', 'usersecrets', id, 'secrets.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(secrets, { [key]: FAKE_SECRET });
    assert.match(fs.readFileSync(path.join(FOLDER, 'Secrets', 'Secrets.csproj'), 'utf8'), new RegExp(`<UserSecretsId>${id}</UserSecretsId>`));
  });
});
