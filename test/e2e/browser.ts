// Debian's Chromium driven by playwright-core (never `playwright install`), plus the workbench
// selectors the UI tests share. Every wait is on a visible state, never on a sleep.
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
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

/**
 * Opens the quick input with `key` and types `text`. A freshly opened editor (the walkthrough, a webview)
 * can take the focus back a moment later, which closes the quick input again: then it is reopened.
 */
async function typeInQuickInput(page: Page, key: string, text: string, row: (p: Page) => Locator): Promise<Locator> {
  const input = page.locator(SEL.quickInput);
  let lastError: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await page.keyboard.press(key);
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(text, { timeout: 5_000 });
      await row(page).first().waitFor({ state: 'visible', timeout: attempt < 3 ? 10_000 : 15_000 });
      return row(page).first();
    } catch (err) {
      lastError = err;
      await page.keyboard.press('Escape').catch(() => undefined);
    }
  }
  throw lastError;
}

/** Runs a command through the palette (F1 opens it with ">" typed) once its entry is listed. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await typeInQuickInput(page, 'F1', '>' + title, (p) => p.locator(SEL.quickInputRow, { hasText: title }));
  await page.locator(SEL.quickInput).press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** Opens a workspace file through Quick Open and waits until its tab and a piece of its text show. */
export async function openFile(page: Page, relativePath: string, expectText: string): Promise<void> {
  const parts = relativePath.split('/');
  const name = parts.pop()!;
  // The list keeps showing older results while it searches: pick the row of this folder, not any row with the name.
  const rowOf = (p: Page): Locator => {
    const row = p.locator(SEL.quickInputRow, { hasText: name });
    return parts.length ? row.filter({ hasText: parts.join('/') }) : row;
  };
  const row = await typeInQuickInput(page, 'Control+P', relativePath, rowOf);
  await row.click();
  await page.locator(SEL.tab, { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.locator(SEL.editorLines, { hasText: expectText }).first().waitFor({ timeout: 15_000 });
}

/** The content of the open webview (the token inspector): VS Code nests it in two iframes. */
export function inspector(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}
