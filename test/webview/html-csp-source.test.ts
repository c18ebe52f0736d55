import * as assert from 'node:assert/strict';
import { buildInspectorHtml, createNonce } from '../../src/webview/html';

describe('webview: CSP source list from VS Code', () => {
  const build = (cspSource: string): string => buildInspectorHtml({ scriptUri: 's', styleUri: 's', cspSource, nonce: createNonce() });

  it("accepts VS Code's own cspSource ('self' plus the resource host)", () => {
    const html = build("'self' https://*.vscode-cdn.net");
    assert.ok(html.includes('style-src &#39;self&#39; https://*.vscode-cdn.net;'), html);
  });

  it('rejects keywords, directives and empty values smuggled through it', () => {
    assert.throws(() => build("'self' 'unsafe-inline'"));
    assert.throws(() => build('https://a; script-src *'));
    assert.throws(() => build('  '));
  });
});
