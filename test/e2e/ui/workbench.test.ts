// UI checks through the browser, against the extension installed from the .vsix, as a user has it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openFile, runCommand, SEL } from '../browser';

const BASE = process.env.E2E_BASE ?? '';
const FOLDER = process.env.E2E_FOLDER ?? '';
const SHOTS = process.env.E2E_ARTIFACTS ?? '';

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
    // The status bar item appears for a file with findings.
    await page.locator('.statusbar-item', { hasText: 'Entra:' }).first().waitFor({ state: 'visible', timeout: 15_000 });
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
});
