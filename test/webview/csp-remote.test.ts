// The inspector's CSP against remote content, in real Chromium: a <script src> pointing at another
// loopback server — written into the page's HTML, appended to the DOM at run time, or carried in a
// claim — never loads (that server counts every connection and sees none), and neither do a remote
// image or a fetch. The page and its own script come from a first server, as VS Code's resource host would serve them.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inspectToken } from '../../src/core/jwt';
import { buildInspectorHtml, createNonce } from '../../src/webview/html';
import { buildInspectorModel } from '../../src/webview/model';
import { appToken } from '../jwt/tokens';

const ROOT = resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

declare global {
  interface Window {
    __remote?: number;
    __violations: string[];
    __cspPosted: { type: string }[];
  }
}

const STAND_IN = `(() => {
  window.__cspPosted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__cspPosted.push(m), getState: () => undefined, setState: (s) => s });
})();`;

describe('webview: the CSP blocks remote scripts (Chromium, counted at the remote server)', function () {
  this.timeout(60_000);
  let page: http.Server;
  let origin: string;
  let remote: http.Server;
  let remoteOrigin: string;
  const remoteHits: string[] = [];
  let remoteConnections = 0;
  let browser: Browser;
  /** Extra markup the page server writes into the HTML before </body> (an injection in the page source). */
  let injected = '';

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
    const built = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    remote = http.createServer((req, res) => {
      remoteHits.push(String(req.url));
      res.setHeader('content-type', 'text/javascript');
      res.setHeader('access-control-allow-origin', '*');
      res.end('window.__remote = 1;');
    });
    remote.on('connection', () => remoteConnections++);
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
    remoteOrigin = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
    page = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/') {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        const html = buildInspectorHtml({ scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/inspector.css`, cspSource: origin, nonce: createNonce() });
        res.end(html.replace('</body>', `${injected}</body>`));
      } else if (url === '/dist/webview.js' || url === '/media/inspector.css') {
        res.setHeader('content-type', url.endsWith('.js') ? 'text/javascript' : 'text/css');
        res.end(readFileSync(resolve(ROOT, url.slice(1))));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((r) => (page ? page.close(() => r()) : r()));
    await new Promise<void>((r) => (remote ? remote.close(() => r()) : r()));
  });

  async function open(): Promise<Page> {
    const p = await browser.newPage();
    await p.addInitScript({ content: STAND_IN });
    await p.goto(origin);
    // The page's own (nonce'd, same-origin) script ran: the CSP lets the real script through.
    await p.waitForFunction(() => window.__cspPosted.some((m) => m.type === 'ready'));
    return p;
  }

  it('control: without the CSP, the same remote script loads and runs (the server counts it)', async () => {
    const p = await browser.newPage();
    try {
      await p.setContent(`<script src="${remoteOrigin}/control.js"></script>`);
      await p.waitForFunction(() => window.__remote === 1);
      assert.ok(remoteHits.includes('/control.js'));
    } finally {
      await p.close();
    }
    remoteHits.length = 0;
    remoteConnections = 0;
  });

  it('a <script src> written into the page HTML is blocked: no request, a script-src violation', async () => {
    injected = `<script src="${remoteOrigin}/in-html.js"></script>`;
    const p = await open();
    try {
      await p.waitForFunction(() => window.__violations.some((v) => v.startsWith('script-src')));
      assert.equal(await p.evaluate(() => window.__remote), undefined);
    } finally {
      injected = '';
      await p.close();
    }
  });

  it('a <script src> appended at run time (also with a guessed nonce) is blocked', async () => {
    const p = await open();
    try {
      await p.evaluate((src) => {
        for (const nonce of ['', 'guessed-nonce']) {
          const s = document.createElement('script');
          s.src = `${src}/appended.js?nonce=${nonce}`;
          if (nonce) s.setAttribute('nonce', nonce);
          document.body.appendChild(s);
        }
      }, remoteOrigin);
      await p.waitForFunction(() => window.__violations.filter((v) => v.startsWith('script-src')).length >= 2);
      assert.equal(await p.evaluate(() => window.__remote), undefined);
    } finally {
      await p.close();
    }
  });

  it('claims carrying remote <script>/<img> markup stay text; fetch to another origin is refused', async () => {
    const token = await appToken({ roles: [`<script src="${remoteOrigin}/claim.js"></script>`], extra: { name: `<img src="${remoteOrigin}/claim.png">` } });
    const model = buildInspectorModel(inspectToken(token, {}), token, { title: `<script src="${remoteOrigin}/title.js"></script>`, canCallApi: false, canRefresh: false });
    const p = await open();
    try {
      await p.evaluate((m) => window.postMessage({ type: 'show', model: m }, '*'), model);
      await p.waitForSelector('#verdict');
      assert.ok((await p.textContent('body'))!.includes(`<script src="${remoteOrigin}/claim.js"></script>`), 'the claim is shown as text');
      const fetched = await p.evaluate((u) => fetch(`${u}/fetch.js`).then(() => 'loaded', (e: Error) => `refused: ${e.message}`), remoteOrigin);
      assert.match(fetched, /^refused/);
      const img = await p.evaluate((u) => new Promise<string>((res) => {
        const i = new Image();
        i.onload = () => res('loaded');
        i.onerror = () => res('refused');
        i.src = `${u}/img.png`;
      }), remoteOrigin);
      assert.equal(img, 'refused');
      const v = await p.evaluate(() => window.__violations);
      assert.ok(v.some((x) => x.startsWith('connect-src') || x.startsWith('default-src')), v.join(', '));
      assert.ok(v.some((x) => x.startsWith('img-src')), v.join(', '));
    } finally {
      await p.close();
    }
  });

  it('the remote server saw no connection from any of the pages above', () => {
    assert.deepEqual(remoteHits, []);
    assert.equal(remoteConnections, 0);
  });
});
