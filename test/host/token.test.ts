// Token tools in the real extension host: Acquire App Token against the Entra emulator (started here,
// on 127.0.0.1, allowed through the user setting) with the secret from VS Code's SecretStorage; the
// AADSTS7000215 explanation; Call Web API; Copy Request as curl; Decode JWT into the inspector;
// Generate Admin Consent URL for a US Gov configuration.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { DEMO_API_CLIENT_ID, DEMO_DAEMON_CLIENT_ID, DEMO_TENANT_ID, demoFixture, EntraEmulator } from '../emulator';
import { TokenError } from '../../src/core/token';
import { configLine, validateScope } from '../../src/extension/token/acquire';
import { loadConfig } from '../../src/extension/token/target';
import { activeExtension, waitFor, wsUri } from './util';

interface Outcome {
  ok: boolean;
  roles?: string[];
  credentialSource?: string;
  scope?: string;
  error?: { code: string; aadsts: number | null; title: string; explanation: string; fix: string };
}

interface Model {
  title?: string;
  verdict: { status: string; text: string };
  roles: string[];
  audience?: string;
  tokenPreview: string;
  canRefresh: boolean;
  canCallApi: boolean;
  claims: { name: string; value: string }[];
}

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A real-shaped v2 app token (unsigned signature part: decoding never verifies it). */
function sampleToken(claims: Record<string, unknown>): string {
  return `${b64({ typ: 'JWT', alg: 'RS256', kid: 'test' })}.${b64(claims)}.${Buffer.from('not-a-real-signature').toString('base64url')}`;
}

function inspectorTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('entraAppDoctor.tokenInspector'));
}

describe('Token tools (Acquire App Token, inspector, consent URL)', function () {
  this.timeout(60_000);
  let emu: EntraEmulator;
  let api: http.Server;
  const apiCalls: string[] = [];
  let setup: ReturnType<typeof demoFixture>;
  const configRel = 'TokenEmu/appsettings.json';
  const lens = (): { uri: string; path: string[]; kind: 'downstream' } => ({ uri: wsUri(configRel).toString(), path: ['DownstreamApis', 'TodoList'], kind: 'downstream' });

  before(async () => {
    await activeExtension();
    setup = demoFixture();
    emu = await EntraEmulator.start(setup.fixture, { https: false, host: '127.0.0.1' });
    api = http.createServer((req, res) => {
      apiCalls.push(String(req.headers.authorization ?? ''));
      if (req.url?.startsWith('/forbidden')) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ value: [{ id: 1, title: 'Buy milk' }] }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const host = new URL(emu.instance).host;
    // A user (global) setting: the only place that can admit a non-Entra authority host.
    await vscode.workspace.getConfiguration('entraAppDoctor').update('allowedAuthorityHosts', [host], vscode.ConfigurationTarget.Global);
    const config = {
      AzureAd: { Instance: emu.instance, TenantId: DEMO_TENANT_ID, ClientId: DEMO_DAEMON_CLIENT_ID },
      DownstreamApis: {
        TodoList: { BaseUrl: apiBase, RelativePath: '/api/todolist', RequestAppToken: true, Scopes: [`api://${DEMO_API_CLIENT_ID}/.default`] },
        Forbidden: { BaseUrl: apiBase, RelativePath: 'forbidden/users', HttpMethod: 'delete', RequestAppToken: true, Scopes: [`api://${DEMO_API_CLIENT_ID}/.default`] },
      },
    };
    await vscode.workspace.fs.writeFile(wsUri(configRel), Buffer.from(JSON.stringify(config, null, 2)));
    await vscode.commands.executeCommand('entraAppDoctor._test.storeSecret', { origin: new URL(emu.instance).origin, tenant: DEMO_TENANT_ID, clientId: DEMO_DAEMON_CLIENT_ID }, setup.secret.value);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(wsUri('TokenEmu'), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('entraAppDoctor').update('allowedAuthorityHosts', undefined, vscode.ConfigurationTarget.Global);
    await emu?.close();
    await new Promise((r) => api?.close(r));
  });

  it('acquires a token from the CodeLens argument with the secret from SecretStorage and opens the inspector', async () => {
    const out = await vscode.commands.executeCommand<Outcome>('entraAppDoctor.acquireAppToken', lens());
    assert.ok(out?.ok, JSON.stringify(out?.error));
    assert.equal(out.credentialSource, "VS Code's secret storage");
    assert.deepEqual(out.roles, ['TodoList.Read.All']);
    const sent = emu.tokenRequests();
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.form.get('client_secret'), setup.secret.value, 'the stored secret is what was sent');
    assert.equal(sent[0]!.form.get('scope'), `api://${DEMO_API_CLIENT_ID}/.default`);
    await waitFor('the token inspector tab', () => inspectorTab());
    const model = await waitFor('the inspector model', () => vscode.commands.executeCommand<Model | undefined>('entraAppDoctor._test.inspectorModel'));
    assert.equal(model.verdict.status, 'ok', model.verdict.text);
    assert.deepEqual(model.roles, ['TodoList.Read.All']);
    assert.match(model.title ?? '', /TokenEmu\/appsettings\.json · AzureAd → TodoList/);
    assert.ok(model.canRefresh && model.canCallApi);
    assert.ok(!JSON.stringify(model).includes(setup.secret.value));
    assert.match(model.tokenPreview, /^eyJ.{5}…\(\d+ chars\)…/);
  });

  it('calls the Web API (BaseUrl + RelativePath) with the token', async () => {
    const status = await vscode.commands.executeCommand<number>('entraAppDoctor.callWebApi');
    assert.equal(status, 200);
    assert.equal(apiCalls.length, 1);
    assert.match(apiCalls[0]!, /^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('Call Web API on a 403 (section HttpMethod) shows the answer and diagnoses missing consent/app role', async () => {
    const status = await vscode.commands.executeCommand<number>('entraAppDoctor.callWebApi', { uri: wsUri(configRel).toString(), path: ['DownstreamApis', 'Forbidden'], kind: 'downstream' });
    assert.equal(status, 403);
    const r = await vscode.commands.executeCommand<{ method: string; url: string; body: string; diagnosis: { title: string }[] }>('entraAppDoctor._test.inspectorApiResult');
    assert.equal(r.method, 'DELETE');
    assert.match(r.url, /\/forbidden\/users$/);
    assert.match(r.body, /"code": "Authorization_RequestDenied"/, 'pretty-printed JSON');
    assert.ok(r.diagnosis.some((d) => /insufficient privileges/i.test(d.title)), JSON.stringify(r.diagnosis));
  });

  it('explains AADSTS7000215 when the stored secret is the secret ID', async () => {
    await vscode.commands.executeCommand('entraAppDoctor._test.clearTokenCache');
    await vscode.commands.executeCommand('entraAppDoctor._test.storeSecret', { origin: new URL(emu.instance).origin, tenant: DEMO_TENANT_ID, clientId: DEMO_DAEMON_CLIENT_ID }, setup.secret.keyId);
    const before = emu.tokenRequests().length;
    const out = await vscode.commands.executeCommand<Outcome>('entraAppDoctor.acquireAppToken', lens());
    assert.equal(out?.ok, false);
    assert.equal(out.error?.aadsts, 7000215);
    assert.match(out.error!.explanation, /Secret ID/);
    assert.match(out.error!.explanation, /VS Code's secret storage/);
    assert.equal(emu.tokenRequests().length, before + 1);
  });

  it('refuses an authority host that is neither Entra nor allowed, before reading any secret', async () => {
    const rel = 'TokenEmu/appsettings.Evil.json';
    await vscode.workspace.fs.writeFile(wsUri(rel), Buffer.from(JSON.stringify({ AzureAd: { Instance: 'https://login.evil.example/', TenantId: DEMO_TENANT_ID, ClientId: DEMO_DAEMON_CLIENT_ID, ClientSecret: 'not-to-be-sent-0123456789' }, Scopes: 'https://graph.microsoft.com/.default' })));
    const out = await vscode.commands.executeCommand<Outcome>('entraAppDoctor.acquireAppToken', { uri: wsUri(rel).toString(), path: ['AzureAd'], kind: 'identity', scope: 'https://graph.microsoft.com/.default' });
    assert.equal(out?.ok, false);
    assert.equal(out.error?.code, 'config/authority-host-not-allowed');
  });

  it('copies the token request as curl with the secret as $ENTRA_CLIENT_SECRET', async () => {
    const text = await vscode.commands.executeCommand<string>('entraAppDoctor.copyTokenRequestAsCurl', lens(), 'curl');
    assert.ok(text?.includes(`${emu.instance}${DEMO_TENANT_ID}/oauth2/v2.0/token`), text);
    assert.ok(text.includes('"client_secret=$ENTRA_CLIENT_SECRET"'), text);
    assert.ok(!text.includes(setup.secret.value) && !text.includes(setup.secret.keyId));
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  it('never logs the secret or a token', async () => {
    const lines = (await vscode.commands.executeCommand<string[]>('entraAppDoctor._test.logLines')) ?? [];
    assert.ok(lines.some((l) => l.includes(`POST ${emu.instance}${DEMO_TENANT_ID}/oauth2/v2.0/token`)), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('AADSTS7000215') || l.includes('7000215')), 'the failure is logged');
    for (const l of lines) {
      assert.ok(!l.includes(setup.secret.value), 'no secret value');
      assert.ok(!/eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/.test(l), `no token in: ${l}`);
    }
  });

  it('"Forget Stored Client Secrets" removes what was remembered', async () => {
    const key = { origin: new URL(emu.instance).origin, tenant: DEMO_TENANT_ID, clientId: DEMO_DAEMON_CLIENT_ID };
    assert.equal(await vscode.commands.executeCommand('entraAppDoctor._test.hasStoredSecret', key), true);
    await vscode.commands.executeCommand('entraAppDoctor.forgetStoredSecret');
    await waitFor('the stored secret to be gone', async () => (await vscode.commands.executeCommand('entraAppDoctor._test.hasStoredSecret', key)) === false);
  });

  it('Decode JWT: the selected token opens in the inspector, offline', async () => {
    const token = sampleToken({ aud: 'https://graph.microsoft.com', iss: `https://sts.windows.net/${DEMO_TENANT_ID}/`, appid: DEMO_DAEMON_CLIENT_ID, appidacr: '1', idtyp: 'app', tid: DEMO_TENANT_ID, ver: '1.0', roles: ['User.Read.All', 'Group.Read.All'], exp: Math.floor(Date.now() / 1000) + 3600, nbf: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 60 });
    const doc = await vscode.workspace.openTextDocument({ content: `token = "${token}"\n`, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    const start = doc.getText().indexOf('eyJ');
    editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + token.length));
    const out = await vscode.commands.executeCommand<{ ok: boolean; source: string; roles: string[] }>('entraAppDoctor.decodeJwt');
    assert.ok(out?.ok);
    assert.equal(out.source, 'selection');
    assert.deepEqual(out.roles, ['User.Read.All', 'Group.Read.All']);
    const model = await waitFor('the decoded model', async () => {
      const m = await vscode.commands.executeCommand<Model | undefined>('entraAppDoctor._test.inspectorModel');
      return m?.title?.startsWith('Decoded from the selection') ? m : undefined;
    });
    assert.deepEqual(model.roles, ['User.Read.All', 'Group.Read.All']);
    assert.equal(model.canRefresh, false);
    assert.ok(inspectorTab(), 'one inspector tab');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('entraAppDoctor.tokenInspector')).length, 1, 'the panel is reused');
  });

  it('Decode JWT: a selection that is not a JWT gets a clear message', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: 'not.a-token', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, doc.getText().length);
    const out = await vscode.commands.executeCommand<{ ok: boolean; error?: string }>('entraAppDoctor.decodeJwt');
    assert.equal(out?.ok, false);
    assert.ok(out.error && out.error.length > 10, out.error);
  });

  it('Decode JWT: falls back to a token on the clipboard when nothing is selected', async () => {
    const token = sampleToken({ aud: 'api://orders', tid: DEMO_TENANT_ID, azp: DEMO_DAEMON_CLIENT_ID, azpacr: '1', ver: '2.0', exp: Math.floor(Date.now() / 1000) + 600 });
    await vscode.env.clipboard.writeText(`Bearer ${token}`);
    const doc = await vscode.workspace.openTextDocument({ content: 'nothing selected here', language: 'plaintext' });
    await vscode.window.showTextDocument(doc);
    const out = await vscode.commands.executeCommand<{ ok: boolean; source: string; roles: string[] }>('entraAppDoctor.decodeJwt');
    assert.ok(out?.ok);
    assert.equal(out.source, 'clipboard');
    const model = await vscode.commands.executeCommand<Model>('entraAppDoctor._test.inspectorModel');
    assert.equal(model.audience, 'api://orders');
    assert.equal(model.verdict.status === 'ok', false, 'a token without roles is not "ok"');
  });

  it('a typed scope is judged like the linter judges it', () => {
    assert.equal(validateScope('https://graph.microsoft.com/.default'), undefined);
    const named = validateScope('https://graph.microsoft.com/User.Read.All');
    assert.ok(named && typeof named === 'object' && named.severity === vscode.InputBoxValidationSeverity.Warning);
    assert.match(named.message, /Use: https:\/\/graph\.microsoft\.com\/\.default/);
    assert.equal(typeof validateScope('/.default'), 'string', 'a resource-less scope is an error');
    assert.equal(typeof validateScope('https://graph.microsoft.com/.default https://vault.azure.net/.default'), 'string');
  });

  it('"Open Config" of an error goes to the line the error is about', async () => {
    const rel = 'TokenLines/appsettings.json';
    const text = [
      '{',
      '  "AzureAd": {',
      '    "Instance": "https://login.microsoftonline.com/",',
      `    "TenantId": "${DEMO_TENANT_ID}",`,
      `    "ClientId": "${DEMO_DAEMON_CLIENT_ID}",`,
      '    "ClientCredentials": [ { "SourceType": "ClientSecret" } ]',
      '  },',
      '  "DownstreamApis": {',
      '    "Sql": {',
      '      "Scopes": [ "https://database.windows.net/.default" ]',
      '    }',
      '  }',
      '}',
    ].join('\n');
    await vscode.workspace.fs.writeFile(wsUri(rel), Buffer.from(text));
    try {
      const model = await loadConfig(wsUri(rel));
      assert.ok(model);
      const target = { uri: wsUri(rel), model, api: 'Sql' };
      const err = (aadsts: number): TokenError => new TokenError({ kind: 'entra', code: `AADSTS${aadsts}`, aadsts, title: 't', explanation: 'e', fix: 'f' });
      assert.equal(configLine(target, err(7000215)), 5, 'the credential');
      assert.equal(configLine(target, err(90002)), 3, 'TenantId');
      assert.equal(configLine(target, err(700016)), 4, 'ClientId');
      assert.equal(configLine(target, err(500011)), 9, "the API's Scopes");
    } finally {
      await vscode.workspace.fs.delete(wsUri('TokenLines'), { recursive: true });
    }
  });

  it('Generate Admin Consent URL: US Gov configuration, from the section at the cursor', async () => {
    const doc = await vscode.workspace.openTextDocument(wsUri('GovDaemon/appsettings.json'));
    const editor = await vscode.window.showTextDocument(doc);
    const put = (needle: string): void => {
      const p = doc.positionAt(doc.getText().indexOf(needle));
      editor.selection = new vscode.Selection(p, p);
    };
    put('"ClientId"');
    const v1 = await vscode.commands.executeCommand<string>('entraAppDoctor.generateAdminConsentUrl');
    assert.equal(v1, 'https://login.microsoftonline.us/3f2a8c1e-5b7d-4e9a-8c21-6d4f0b9e7a13/adminconsent?client_id=7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a');
    put('"BaseUrl"');
    const v2 = await vscode.commands.executeCommand<string>('entraAppDoctor.generateAdminConsentUrl');
    assert.equal(v2, 'https://login.microsoftonline.us/3f2a8c1e-5b7d-4e9a-8c21-6d4f0b9e7a13/v2.0/adminconsent?client_id=7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a&scope=https%3A%2F%2Fgraph.microsoft.us%2F.default');
  });
});
