// Restricted Mode: "Acquire App Token" refuses before reading or sending anything, even for a
// configuration whose authority the user allowed; offline tools (Decode JWT) still work.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEMO_API_CLIENT_ID, DEMO_DAEMON_CLIENT_ID, DEMO_TENANT_ID, demoFixture, EntraEmulator } from '../../emulator';
import { activeExtension, wsUri } from '../util';

describe('Token tools in a restricted workspace', function () {
  this.timeout(60_000);
  let emu: EntraEmulator;
  const rel = 'TokenEmu/appsettings.json';

  before(async () => {
    await activeExtension();
    const setup = demoFixture();
    emu = await EntraEmulator.start(setup.fixture, { https: false, host: '127.0.0.1' });
    await vscode.workspace.getConfiguration('entraAppDoctor').update('allowedAuthorityHosts', [new URL(emu.instance).host], vscode.ConfigurationTarget.Global);
    const config = {
      AzureAd: { Instance: emu.instance, TenantId: DEMO_TENANT_ID, ClientId: DEMO_DAEMON_CLIENT_ID, ClientSecret: setup.secret.value },
      DownstreamApis: { TodoList: { BaseUrl: 'https://localhost:5001', RequestAppToken: true, Scopes: [`api://${DEMO_API_CLIENT_ID}/.default`] } },
    };
    await vscode.workspace.fs.writeFile(wsUri(rel), Buffer.from(JSON.stringify(config, null, 2)));
  });

  after(async () => {
    await vscode.workspace.fs.delete(wsUri('TokenEmu'), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('entraAppDoctor').update('allowedAuthorityHosts', undefined, vscode.ConfigurationTarget.Global);
    await emu?.close();
  });

  it('refuses to acquire a token, explains why, and sends nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const out = await vscode.commands.executeCommand<{ ok: boolean; error?: { code: string; explanation: string } }>('entraAppDoctor.acquireAppToken', {
      uri: wsUri(rel).toString(), path: ['DownstreamApis', 'TodoList'], kind: 'downstream',
    });
    assert.equal(out?.ok, false);
    assert.equal(out.error?.code, 'workspace/untrusted');
    assert.match(out.error!.explanation, /Restricted Mode/);
    assert.equal(emu.requests.length, 0, 'no request reached the emulator');
  });

  it('still decodes a JWT (offline)', async () => {
    const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ aud: 'https://graph.microsoft.com', tid: DEMO_TENANT_ID, appid: DEMO_DAEMON_CLIENT_ID, ver: '1.0', exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`;
    const out = await vscode.commands.executeCommand<{ ok: boolean; roles: string[] }>('entraAppDoctor.decodeJwt', token);
    assert.ok(out?.ok);
    assert.deepEqual(out.roles, []);
  });
});
