import * as assert from 'node:assert/strict';
import { inspectToken } from '../../src/core/jwt';
import { buildInspectorHtml, createNonce, inspectorCsp } from '../../src/webview/html';
import { buildInspectorModel } from '../../src/webview/model';
import { isHostToWebview, isWebviewToHost } from '../../src/webview/protocol';
import { appToken } from '../jwt/tokens';

describe('webview/html, model and protocol', () => {
  it('builds the page with a strict CSP and the nonce on the only script', () => {
    const nonce = createNonce();
    const html = buildInspectorHtml({ scriptUri: 'vscode-webview://x/dist/webview.js', styleUri: 'vscode-webview://x/media/inspector.css', cspSource: 'vscode-webview://x', nonce });
    assert.ok(html.includes(`content="default-src 'none'; style-src vscode-webview://x; img-src vscode-webview://x data:; script-src 'nonce-${nonce}';"`.replace(/'/g, '&#39;')));
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}" src="vscode-webview://x/dist/webview.js"></script>`));
    assert.equal(inspectorCsp({ cspSource: 'a', nonce: 'b' }), "default-src 'none'; style-src a; img-src a data:; script-src 'nonce-b';");
  });

  it('nonces are random, 128 bits', () => {
    const a = createNonce();
    assert.notEqual(a, createNonce());
    assert.equal(Buffer.from(a, 'base64').length, 16);
  });

  it('escapes URIs and refuses a CSP source that would add sources', () => {
    const html = buildInspectorHtml({ scriptUri: 'x"><script>alert(1)</script>', styleUri: 's', cspSource: 'c', nonce: createNonce() });
    assert.ok(!html.includes('"><script>alert'));
    assert.throws(() => buildInspectorHtml({ scriptUri: 's', styleUri: 's', cspSource: "c 'unsafe-inline'", nonce: createNonce() }));
    assert.throws(() => buildInspectorHtml({ scriptUri: 's', styleUri: 's', cspSource: 'c', nonce: 'short' }));
  });

  it('the model carries a masked preview, never the token', async () => {
    const token = await appToken({ roles: ['Orders.Read'] });
    const model = buildInspectorModel(inspectToken(token), token, { expectedRoles: ['Orders.Read'] });
    const json = JSON.stringify(model);
    assert.ok(!json.includes(token.split('.')[1]!) && !json.includes(token.split('.')[2]!));
    assert.deepEqual(model.roles, ['Orders.Read']);
    assert.equal(model.verdict.text, '✔ roles Orders.Read');
    assert.ok(model.claims.some((c) => c.name === 'azp'));
  });

  it('guards accept only well-formed messages', () => {
    assert.ok(isWebviewToHost({ type: 'ready' }));
    assert.ok(isWebviewToHost({ type: 'setExpectedRoles', roles: ['a'] }));
    assert.ok(!isWebviewToHost({ type: 'setExpectedRoles', roles: [1] }));
    assert.ok(!isWebviewToHost({ type: 'openUrl', url: 'https://evil' }));
    assert.ok(!isWebviewToHost(null));
    assert.ok(isHostToWebview({ type: 'show', model: {} }));
    assert.ok(!isHostToWebview({ type: 'revealed' }));
    assert.ok(!isHostToWebview({ type: 'eval', code: '1' }));
  });
});
