// Secret hygiene in the real extension host: the token flows run against the Entra emulator with
// distinctive secrets (stored in SecretStorage, in the config file, in .NET user secrets, wrong ones)
// and real tokens; a Web API that echoes the bearer token back in its body and headers. Then every
// string the product emitted is collected — the "Entra App Doctor" log file on disk, notifications
// (recorded at the extension's own window.show*Message in test mode: each extension has its own API
// object, so the test bundle cannot wrap it), diagnostics, command results, the inspector's HTML and
// every message posted to it, the clipboard after each copy, files written under the workspace, HOME
// and the logs folder — and scanned for each secret (raw, URL-encoded, base64, JSON-escaped, as HTTP
// Basic), each token, its signature and any complete JWT. A control proves the scanner sees the token
// that "Reveal" sends on request.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEMO_API_CLIENT_ID, DEMO_DAEMON_CLIENT_ID, DEMO_TENANT_ID, DEMO_UNCONSENTED_CLIENT_ID, demoFixture, EntraEmulator } from '../emulator';
import { activeExtension, waitFor, wsUri } from './util';

const tag = randomBytes(4).toString('hex');
const WRONG_STORED = `HygVsc~WrongStoredSecret.${tag}.p0o9i8`;
const USER_SECRET = `HygVsc~UserSecretsValue.${tag}.u7y6t5`;
const USER_SECRETS_ID = `hygiene-vscode-${tag}`;

interface Posted {
  type: string;
  token?: string;
  [k: string]: unknown;
}

/** The LogOutputChannel's file: VS Code writes it under the window's logs folder ({extension id}/Entra App Doctor.log). */
/** The extension's log folder (context.logUri, through a test seam): VS Code writes "Entra App Doctor.log" there. */
async function extensionLogDir(): Promise<string> {
  return (await vscode.commands.executeCommand<string>('entraAppDoctor._test.logDir'))!;
}

/** The session's logs folder (…/logs/<session>), for the files-written scan. */
async function logsRoot(): Promise<string> {
  let root = await extensionLogDir();
  for (let i = 0; i < 4 && !/^logs$/.test(path.basename(path.dirname(root))); i++) root = path.dirname(root);
  return root;
}

async function logFiles(): Promise<string[]> {
  const dir = await extensionLogDir();
  return (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => n === 'Entra App Doctor.log').map((n) => path.join(dir, n));
}

async function filesUnder(dir: string, since: number, skip: (p: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, depth: number): Promise<void> => {
    if (depth > 8) return;
    for (const e of await fsp.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (skip(p) || e.name === 'node_modules') continue;
      if (e.isDirectory()) await walk(p, depth + 1);
      else if (e.isFile() && (await fsp.stat(p)).mtimeMs >= since) out.push(p);
    }
  };
  await walk(dir, 0);
  return out;
}

describe('Secret hygiene in VS Code (every flow, then a scan of everything emitted)', function () {
  this.timeout(90_000);
  let emu: EntraEmulator;
  let api: http.Server;
  let setup: ReturnType<typeof demoFixture>;
  let started = 0;
  const emitted: { where: string; text: string }[] = [];
  /** Tokens the extension sent to the API or put on the clipboard on request: none may appear elsewhere. */
  const tokens = new Set<string>();
  const ours = new Set<string>();
  let flows = 0;
  const key = (): { origin: string; tenant: string; clientId: string } => ({ origin: new URL(emu.instance).origin, tenant: DEMO_TENANT_ID, clientId: DEMO_DAEMON_CLIENT_ID });
  const lens = { uri: '', path: ['DownstreamApis', 'Echo'], kind: 'downstream' as const };
  const emit = (where: string, value: unknown): void => {
    if (value !== undefined) emitted.push({ where, text: typeof value === 'string' ? value : JSON.stringify(value) });
  };
  const run = async <T>(where: string, command: string, ...args: unknown[]): Promise<T> => {
    flows++;
    const out = await vscode.commands.executeCommand<T>(command, ...args);
    emit(`result of ${where}`, out);
    return out;
  };
  const write = async (rel: string, text: string): Promise<void> => {
    await vscode.workspace.fs.writeFile(wsUri(rel), Buffer.from(text));
    ours.add(wsUri(rel).fsPath);
  };
  const posted = async (): Promise<Posted[]> => (await vscode.commands.executeCommand<Posted[]>('entraAppDoctor._test.inspectorPosted')) ?? [];
  const receive = (m: unknown): Thenable<boolean | undefined> => vscode.commands.executeCommand<boolean | undefined>('entraAppDoctor._test.inspectorReceive', m);

  before(async () => {
    started = Date.now() - 1000;
    await activeExtension();
    setup = demoFixture();
    emu = await EntraEmulator.start(setup.fixture, { https: false, host: '127.0.0.1' });
    // A hostile API: the bearer token comes back in the body, in a header and in WWW-Authenticate.
    api = http.createServer((req, res) => {
      const auth = String(req.headers.authorization ?? '');
      const token = auth.replace(/^Bearer /, '');
      if (token) tokens.add(token);
      res.writeHead(401, { 'content-type': 'application/json', 'x-echo-authorization': auth, 'www-authenticate': `Bearer error="invalid_token", error_description="token ${token} rejected"` });
      res.end(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: `You sent ${auth}`, token } }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    const apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    await vscode.workspace.getConfiguration('entraAppDoctor').update('allowedAuthorityHosts', [new URL(emu.instance).host], vscode.ConfigurationTarget.Global);
    const scope = `api://${DEMO_API_CLIENT_ID}/.default`;
    await write('HygStored/appsettings.json', JSON.stringify({
      AzureAd: { Instance: emu.instance, TenantId: DEMO_TENANT_ID, ClientId: DEMO_DAEMON_CLIENT_ID },
      DownstreamApis: { Echo: { BaseUrl: apiBase, RelativePath: '/api/echo', RequestAppToken: true, Scopes: [scope] } },
    }, null, 2));
    lens.uri = wsUri('HygStored/appsettings.json').toString();
    // The unconsented app's (valid) secret written into the config file: a token without roles.
    await write('HygConfig/appsettings.json', JSON.stringify({
      AzureAd: { Instance: emu.instance, TenantId: DEMO_TENANT_ID, ClientId: DEMO_UNCONSENTED_CLIENT_ID, ClientSecret: setup.unconsentedSecret.value },
      DownstreamApis: { Echo: { BaseUrl: apiBase, RequestAppToken: true, Scopes: [scope] } },
    }, null, 2));
    // .NET user secrets (a wrong value): the project's UserSecretsId points at HOME/.microsoft/usersecrets.
    await write('HygUser/App.csproj', `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><UserSecretsId>${USER_SECRETS_ID}</UserSecretsId></PropertyGroup></Project>\n`);
    await write('HygUser/appsettings.json', JSON.stringify({ AzureAd: { Instance: emu.instance, TenantId: DEMO_TENANT_ID, ClientId: DEMO_DAEMON_CLIENT_ID } }, null, 2));
    const secretsJson = path.join(os.homedir(), '.microsoft', 'usersecrets', USER_SECRETS_ID, 'secrets.json');
    await fsp.mkdir(path.dirname(secretsJson), { recursive: true });
    await fsp.writeFile(secretsJson, JSON.stringify({ 'AzureAd:ClientSecret': USER_SECRET }));
    ours.add(secretsJson);
    await vscode.commands.executeCommand('entraAppDoctor._test.storeSecret', key(), setup.secret.value);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const d of ['HygStored', 'HygConfig', 'HygUser']) await vscode.workspace.fs.delete(wsUri(d), { recursive: true }).then(undefined, () => undefined);
    await fsp.rm(path.join(os.homedir(), '.microsoft', 'usersecrets', USER_SECRETS_ID), { recursive: true, force: true });
    await vscode.workspace.getConfiguration('entraAppDoctor').update('allowedAuthorityHosts', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('entraAppDoctor.forgetStoredSecret');
    await emu?.close();
    await new Promise((r) => api?.close(r));
  });

  it('Acquire App Token with the stored secret: token issued, inspector open, SecretStorage read through the counted store', async () => {
    await vscode.env.clipboard.writeText('clipboard-sentinel');
    const reads = await vscode.commands.executeCommand<number>('entraAppDoctor._test.secretReads');
    const out = await run<{ ok: boolean; credentialSource?: string }>('acquire (stored secret)', 'entraAppDoctor.acquireAppToken', lens);
    assert.ok(out?.ok, JSON.stringify(out));
    assert.equal(out.credentialSource, "VS Code's secret storage");
    assert.ok((await vscode.commands.executeCommand<number>('entraAppDoctor._test.secretReads')) > reads, 'the read counter counts (Restricted Mode relies on it)');
    await waitFor('the inspector model', () => vscode.commands.executeCommand('entraAppDoctor._test.inspectorModel'));
  });

  it('Call Web API against an API that echoes the token: the answer shown has it redacted', async () => {
    const status = await run<number>('call web api', 'entraAppDoctor.callWebApi');
    assert.equal(status, 401);
    assert.equal(tokens.size, 1, 'the API saw the token');
    const result = await vscode.commands.executeCommand<{ body: string; headers: [string, string][] }>('entraAppDoctor._test.inspectorApiResult');
    assert.match(result.body, /InvalidAuthenticationToken/, 'the body is shown');
    assert.ok(result.headers.some(([k]) => k === 'x-echo-authorization'), 'the headers are shown');
    assert.equal(await vscode.env.clipboard.readText(), 'clipboard-sentinel', 'acquiring and calling put nothing on the clipboard');
  });

  it("the inspector's buttons: copies go to the clipboard only when asked; refresh and expected roles re-post the model", async () => {
    const [token] = [...tokens];
    assert.ok(await receive({ type: 'copyConsentUrl' }));
    emit('clipboard after copyConsentUrl', await vscode.env.clipboard.readText());
    assert.ok(await receive({ type: 'copyAdminRequest' }));
    emit('clipboard after copyAdminRequest', await vscode.env.clipboard.readText());
    assert.ok(await receive({ type: 'setExpectedRoles', roles: ['TodoList.Read.All', 'TodoList.ReadWrite.All'] }));
    assert.ok(await receive({ type: 'refresh' }));
    assert.ok(await receive({ type: 'callApi' }));
    assert.equal(tokens.size, 2, 'refresh issued a second token, sent to the API');
    // Copy token / header: the user asked, so the clipboard holds it (and nothing else gets it).
    assert.ok(await receive({ type: 'copyToken' }));
    const copied = await vscode.env.clipboard.readText();
    assert.ok(tokens.has(copied), 'Copy Token copies the current token');
    assert.notEqual(copied, token);
    assert.ok(await receive({ type: 'copyAuthorizationHeader' }));
    assert.equal(await vscode.env.clipboard.readText(), `Authorization: Bearer ${copied}`);
    flows += 7;
    assert.ok(!(await posted()).some((m) => m.type === 'revealed'), 'no token posted before Reveal');
  });

  it('wrong secret in SecretStorage: AADSTS7000215 explained, nothing leaks', async () => {
    await vscode.commands.executeCommand('entraAppDoctor._test.clearTokenCache');
    await vscode.commands.executeCommand('entraAppDoctor._test.storeSecret', key(), WRONG_STORED);
    const out = await run<{ ok: boolean; error?: { aadsts: number | null } }>('acquire (wrong stored secret)', 'entraAppDoctor.acquireAppToken', lens);
    assert.equal(out?.ok, false);
    assert.equal(out.error?.aadsts, 7000215);
    assert.equal(emu.tokenRequests().at(-1)?.form.get('client_secret'), WRONG_STORED, 'the wrong secret was really sent');
  });

  it('secret in the config file (unconsented app): a token without roles, the consent diagnosis', async () => {
    const out = await run<{ ok: boolean; roles?: string[]; credentialSource?: string }>('acquire (config secret)', 'entraAppDoctor.acquireAppToken',
      { uri: wsUri('HygConfig/appsettings.json').toString(), path: ['DownstreamApis', 'Echo'], kind: 'downstream' });
    assert.ok(out?.ok, JSON.stringify(out));
    assert.deepEqual(out.roles, []);
    assert.match(out.credentialSource ?? '', /appsettings\.json/);
    assert.equal(await run<number>('call web api (no roles)', 'entraAppDoctor.callWebApi'), 401);
    assert.equal(tokens.size, 3);
  });

  it('wrong secret in .NET user secrets: AADSTS7000215 naming user secrets, never the value', async () => {
    const out = await run<{ ok: boolean; error?: { aadsts: number | null; explanation: string } }>('acquire (user secrets)', 'entraAppDoctor.acquireAppToken',
      { uri: wsUri('HygUser/appsettings.json').toString(), path: ['AzureAd'], kind: 'identity', scope: `api://${DEMO_API_CLIENT_ID}/.default` });
    assert.equal(out?.ok, false, JSON.stringify(out));
    assert.equal(out.error?.aadsts, 7000215);
    assert.match(out.error!.explanation, /user secrets/i);
    assert.equal(emu.tokenRequests().at(-1)?.form.get('client_secret'), USER_SECRET, 'the user secret was really read and sent');
  });

  it('Copy Request as curl and as raw HTTP: the secret is a variable, never the value', async () => {
    for (const form of ['curl', 'http']) {
      const text = await run<string>(`copy request (${form})`, 'entraAppDoctor.copyTokenRequestAsCurl', lens, form);
      assert.match(text, /ENTRA_CLIENT_SECRET/);
      emit(`clipboard after copy request (${form})`, await vscode.env.clipboard.readText());
    }
  });

  it('Decode JWT of an issued token: the inspector gets a masked preview', async () => {
    const token = [...tokens].at(-1)!;
    const out = await run<{ ok: boolean }>('decode jwt', 'entraAppDoctor.decodeJwt', token);
    assert.ok(out?.ok);
    const model = await waitFor('the decoded model', async () => {
      const m = await vscode.commands.executeCommand<{ title?: string; tokenPreview: string }>('entraAppDoctor._test.inspectorModel');
      return m?.title?.startsWith('Decoded from the given text') ? m : undefined;
    });
    assert.match(model.tokenPreview, /…\(\d+ chars\)…/);
  });

  it('control: Reveal posts the full token, and the scanner flags it', async () => {
    const before = (await posted()).length;
    assert.ok(await receive({ type: 'reveal' }));
    const revealed = (await posted()).slice(before).filter((m) => m.type === 'revealed');
    assert.equal(revealed.length, 1);
    assert.ok(tokens.has(revealed[0]!.token!), 'the revealed token is the one being inspected');
    const hits = scanAll([{ where: 'revealed message', text: JSON.stringify(revealed[0]) }]);
    assert.ok(hits.some((h) => h.includes('full token')), `the scanner missed the revealed token: ${hits.join('; ')}`);
  });

  let secrets: string[] = [];
  function scanAll(items: { where: string; text: string }[]): string[] {
    secrets = [setup.secret.value, setup.secret.keyId, setup.unconsentedSecret.value, WRONG_STORED, USER_SECRET].filter((s) => s && s.length >= 8);
    const forms = (s: string): string[] => [s, encodeURIComponent(s), encodeURIComponent(s).replace(/%20/g, '+'), Buffer.from(s).toString('base64'), JSON.stringify(s).slice(1, -1),
      Buffer.from(`${DEMO_DAEMON_CLIENT_ID}:${encodeURIComponent(s)}`).toString('base64')];
    const hits: string[] = [];
    for (const { where, text } of items) {
      for (const s of secrets) for (const f of forms(s)) if (text.includes(f)) hits.push(`${where}: secret ${s.slice(0, 12)}…`);
      for (const t of tokens) {
        if (text.includes(t)) hits.push(`${where}: full token`);
        else if (text.includes(t.split('.')[2]!)) hits.push(`${where}: token signature`);
      }
      if (/eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/.test(text)) hits.push(`${where}: a full JWT`);
    }
    return hits;
  }

  it('the scan: log file, notifications, diagnostics, inspector HTML and messages, clipboard copies, files written — no secret, no full token', async () => {
    // Forget Stored Client Secrets (a notification of its own) last.
    await run('forget stored secrets', 'entraAppDoctor.forgetStoredSecret');
    const logs = await logFiles();
    assert.equal(logs.length, 1, `no "Entra App Doctor.log" in ${await extensionLogDir()}`);
    const logText = await waitFor('the log file to hold the last flows', async () => {
      const t = (await Promise.all(logs.map((f) => fsp.readFile(f, 'utf8')))).join('\n');
      return t.includes('Forgot') ? t : undefined;
    });
    assert.match(logText, /POST http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/oauth2\/v2\.0\/token/, 'the log file is the real channel');
    emit('log file', logText);
    emit('log lines (memory)', (await vscode.commands.executeCommand<string[]>('entraAppDoctor._test.logLines'))?.join('\n'));

    const notes = (await vscode.commands.executeCommand<{ level: string; message: string; items: string[] }[]>('entraAppDoctor._test.notifications')) ?? [];
    assert.ok(notes.some((n) => n.level === 'error' && /AADSTS7000215/.test(n.message)), 'the 7000215 notification was recorded');
    assert.ok(notes.some((n) => /copied as curl/.test(n.message)), 'the curl notification was recorded');
    for (const n of notes) emit(`notification (${n.level})`, `${n.message} [${n.items.join(' | ')}]`);

    for (const [uri, diags] of vscode.languages.getDiagnostics()) {
      for (const d of diags) emit(`diagnostic ${vscode.workspace.asRelativePath(uri)}`, `${d.message} ${(d.relatedInformation ?? []).map((r) => r.message).join(' ')}`);
    }
    const html = await vscode.commands.executeCommand<string>('entraAppDoctor._test.inspectorHtml');
    assert.match(html ?? '', /Content-Security-Policy/);
    emit('inspector HTML', html);
    const messages = await posted();
    assert.ok(messages.filter((m) => m.type === 'show').length >= 4 && messages.some((m) => m.type === 'apiResult'), `posted: ${messages.map((m) => m.type).join(',')}`);
    // The one 'revealed' message answers an explicit Reveal (the control above); every other message is scanned.
    for (const m of messages.filter((x) => x.type !== 'revealed')) emit(`posted ${m.type}`, m);
    emit('api result', await vscode.commands.executeCommand('entraAppDoctor._test.inspectorApiResult'));

    // Files: whatever changed since the suite started under the workspace, HOME and the logs folder, minus the ones this test wrote.
    const ws = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const written = new Set<string>();
    // *.vscdb is VS Code's own state storage (SecretStorage keeps what the user asked it to remember there).
    for (const dir of [ws, os.homedir(), await logsRoot()]) for (const f of await filesUnder(dir, started, (p) => ours.has(p) || p.endsWith('.vscdb'))) written.add(f);
    assert.ok([...written].some((f) => f.endsWith('Entra App Doctor.log')), 'the log file is among the files scanned');
    let fileBytes = 0;
    for (const f of written) {
      const text = await fsp.readFile(f, 'utf8').catch(() => '');
      fileBytes += text.length;
      emit(`file ${f}`, text);
    }

    const leaks = scanAll(emitted);
    const chars = emitted.reduce((n, e) => n + e.text.length, 0);
    console.log(`[figures] vscode secret hygiene: ${flows} flows, ${emitted.length} outputs (${notes.length} notifications, ${messages.length} webview messages, ${written.size} files of ${fileBytes} chars: ${[...written].map((f) => path.basename(f)).join(', ')}), ${chars} characters scanned, ${secrets.length} secrets × 6 forms + ${tokens.size} tokens, ${leaks.length} leaks`);
    assert.ok(tokens.size >= 3 && flows >= 15, `only ${flows} flows / ${tokens.size} tokens`);
    assert.deepEqual(leaks, []);
  });
});
