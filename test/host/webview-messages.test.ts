// Messages from the token inspector's webview are untrusted input: the panel's handler (the one
// onDidReceiveMessage calls, reached through a test-mode seam) must ignore malformed ones — nothing
// posted back, nothing copied, no token revealed, no exception — and act on well-formed ones.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, waitFor } from './util';

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN = `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64({ aud: 'api://orders', tid: 'aaaabbbb-0000-cccc-1111-dddd2222eeee', azp: '11112222-bbbb-3333-cccc-4444dddd5555', ver: '2.0', roles: ['Orders.Read'], exp: Math.floor(Date.now() / 1000) + 600 })}.${Buffer.from('signature-of-the-message-test').toString('base64url')}`;

describe('Token inspector: messages from the webview are validated before use', function () {
  this.timeout(30_000);
  const posted = async (): Promise<{ type: string; token?: string }[]> => (await vscode.commands.executeCommand<{ type: string }[]>('entraAppDoctor._test.inspectorPosted')) ?? [];
  const receive = (m: unknown): Thenable<boolean | undefined> => vscode.commands.executeCommand<boolean | undefined>('entraAppDoctor._test.inspectorReceive', m);
  const malformedLogLines = async (): Promise<number> =>
    ((await vscode.commands.executeCommand<string[]>('entraAppDoctor._test.logLines')) ?? []).filter((l) => l.includes('ignored a malformed message')).length;

  before(async () => {
    await activeExtension();
    const out = await vscode.commands.executeCommand<{ ok: boolean }>('entraAppDoctor.decodeJwt', TOKEN);
    assert.ok(out?.ok);
    await waitFor('the inspector', () => vscode.commands.executeCommand('entraAppDoctor._test.inspectorModel'));
  });

  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  const proto = JSON.parse('{"__proto__": {"type": "reveal"}}') as unknown;
  const malformed: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string naming a command', 'reveal'],
    ['an array', [{ type: 'reveal' }]],
    ['no type', {}],
    ['type not a string', { type: ['reveal'] }],
    ['type an object', { type: { toString: 'reveal' } }],
    ['unknown type', { type: 'revealAll' }],
    ['case variant', { type: 'Reveal' }],
    ['host-to-webview type', { type: 'revealed', token: 'x' }],
    ['prototype type', { type: '__proto__' }],
    ['type only through __proto__', proto],
    ['roles not an array', { type: 'setExpectedRoles', roles: 'Orders.Read' }],
    ['roles of numbers', { type: 'setExpectedRoles', roles: [1, 2] }],
    ['roles with an object', { type: 'setExpectedRoles', roles: ['a', { toString: 'b' }] }],
    ['101 roles', { type: 'setExpectedRoles', roles: Array.from({ length: 101 }, (_, i) => `R${i}`) }],
    ['a 201-character role', { type: 'setExpectedRoles', roles: ['x'.repeat(201)] }],
    ['missing roles', { type: 'setExpectedRoles' }],
  ];

  it(`ignores ${malformed.length} malformed messages: nothing posted, copied or revealed, nothing thrown, each one logged`, async () => {
    await vscode.env.clipboard.writeText('clipboard-sentinel');
    const before = (await posted()).length;
    const logged = await malformedLogLines();
    for (const [what, m] of malformed) assert.equal(await receive(m), false, what);
    assert.equal((await posted()).length, before, 'nothing was posted to the webview');
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard-sentinel');
    assert.equal(await malformedLogLines(), logged + malformed.length);
  });

  it('acts on well-formed messages (the same seam, so the ignoring above is not the seam failing)', async () => {
    assert.equal(await receive({ type: 'copyToken' }), true);
    assert.equal(await vscode.env.clipboard.readText(), TOKEN);
    const before = (await posted()).length;
    // Hostile but well-formed roles are data: re-diagnosed and shown, never markup.
    assert.equal(await receive({ type: 'setExpectedRoles', roles: ['<img src=x onerror=alert(1)>', 'Orders.Read'] }), true);
    const model = await vscode.commands.executeCommand<{ expectedRoles?: string[]; verdict: { text: string } }>('entraAppDoctor._test.inspectorModel');
    assert.match(model.verdict.text, /Missing role: <img src=x onerror=alert\(1\)>/);
    assert.equal(await receive({ type: 'reveal', extra: 'ignored' }), true);
    const after = (await posted()).slice(before).map((m) => m.type);
    assert.deepEqual(after, ['show', 'revealed']);
  });
});
