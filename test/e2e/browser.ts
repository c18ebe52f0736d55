// Debian's Chromium driven by playwright-core (never `playwright install`), plus the workbench
// selectors the UI tests share. Every wait is on a visible state, never on a sleep.
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM } from './paths';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const SEL = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  problemsRow: '.markers-panel .monaco-list-row',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  tab: '.tabs-container .tab',
  editorLines: '.editor-instance .monaco-editor .view-lines',
  contextViewRow: '.context-view .action-widget .monaco-list-row',
  toast: '.notifications-toasts .notification-toast',
} as const;

/** Runs a command through the palette (F1 opens it with ">" typed) once its entry is listed. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(SEL.quickInput);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('>' + title);
  await page.locator(SEL.quickInputRow, { hasText: title }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** Opens a workspace file through Quick Open and waits until its tab and a piece of its text show. */
export async function openFile(page: Page, relativePath: string, expectText: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator(SEL.quickInput);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(relativePath);
  const parts = relativePath.split('/');
  const name = parts.pop()!;
  // The list keeps showing older results while it searches: pick the row of this folder, not any row with the name.
  let row = page.locator(SEL.quickInputRow, { hasText: name });
  if (parts.length) row = row.filter({ hasText: parts.join('/') });
  await row.first().waitFor({ state: 'visible', timeout: 15_000 });
  await row.first().click();
  await page.locator(SEL.tab, { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.locator(SEL.editorLines, { hasText: expectText }).first().waitFor({ timeout: 15_000 });
}
