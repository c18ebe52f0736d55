// Restricted Mode reads no secret and sends nothing, proven at the three places it could happen:
//  - network: the token endpoint and the Web API are loopback servers that count TCP connections;
//  - SecretStorage: a secret is stored first (test command), and the extension's SecretStorage counts
//    get() calls (test mode) — none from the store through the flows; a read afterwards shows it live;
//  - .NET user secrets: the project's secrets.json is a FIFO with a writer waiting on it; opening it
//    for reading in any way (blocking or not) releases the writer — it must still be waiting after the
//    flows, and is released when the test itself opens the FIFO at the end (the detector is live).
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, waitFor, wsUri } from '../util';

const TENANT = 'aaaabbbb-0000-cccc-1111-dddd2222eeee';
const CLIENT = '11112222-bbbb-3333-cccc-4444dddd5555';
const tag = randomBytes(4).toString('hex');
const STORED = `Untrusted~StoredSecret.${tag}.z9x8c7`;
const USER_SECRETS_ID = `untrusted-${tag}`;

class ConnectionCounter {
  connections = 0;
  private constructor(readonly server: net.Server) {}
  static async start(): Promise<ConnectionCounter> {
    let self: ConnectionCounter | undefined;
    const server = net.createServer((s) => {
      self!.connections++;
      s.destroy();
    });
    self = new ConnectionCounter(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return self;
  }
  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }
  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('Restricted Mode: no network, no SecretStorage read, no user-secrets file opened', function () {
  this.timeout(60_000);
  let entra: ConnectionCounter;
  let webApi: ConnectionCounter;
  let fifo: string;
  let watcher: ChildProcess;
  let fifoOpened = false;
  let readsBefore = 0;
  const key = (): { origin: string; tenant: string; clientId: string } => ({ origin: entra.origin, tenant: TENANT, clientId: CLIENT });
  const config = 'Untrusted/appsettings.json';
  const reads = async (): Promise<number> => (await vscode.commands.executeCommand<number>('entraAppDoctor._test.secretReads')) ?? -1;

  before(async () => {
    await activeExtension();
    assert.equal(vscode.workspace.isTrusted, false);
    entra = await ConnectionCounter.start();
    webApi = await ConnectionCounter.start();
    // The user allowed the host: in a trusted workspace this config would be used as it is.
    await vscode.workspace.getConfiguration('entraAppDoctor').update('allowedAuthorityHosts', [new URL(entra.origin).host], vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(wsUri('Untrusted/App.csproj'), Buffer.from(`<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><UserSecretsId>${USER_SECRETS_ID}</UserSecretsId></PropertyGroup></Project>\n`));
    await vscode.workspace.fs.writeFile(wsUri(config), Buffer.from(JSON.stringify({
      AzureAd: { Instance: `${entra.origin}/`, TenantId: TENANT, ClientId: CLIENT, ClientCredentials: [{ SourceType: 'ClientSecret' }] },
      DownstreamApis: { Api: { BaseUrl: webApi.origin, RelativePath: '/items', RequestAppToken: true, Scopes: ['api://untrusted-api/.default'] } },
    }, null, 2)));
    fifo = path.join(os.homedir(), '.microsoft', 'usersecrets', USER_SECRETS_ID, 'secrets.json');
    await fsp.mkdir(path.dirname(fifo), { recursive: true });
    const mk = spawn('mkfifo', [fifo]);
    await new Promise((r) => mk.on('close', r));
    assert.ok((await fsp.stat(fifo)).isFIFO(), 'secrets.json is a FIFO');
    // The writer's open() returns only once a reader has the FIFO open.
    watcher = spawn('sh', ['-c', ': > "$0"; echo opened', fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    watcher.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('opened')) fifoOpened = true;
    });
    // Counted from before the store: the store's change event must not read it back either.
    readsBefore = await reads();
    assert.ok(readsBefore >= 0, 'the test-mode read counter is registered');
    await vscode.commands.executeCommand('entraAppDoctor._test.storeSecret', key(), STORED);
  });

  after(async () => {
    watcher?.kill();
    await fsp.rm(path.dirname(fifo), { recursive: true, force: true });
    await vscode.workspace.fs.delete(wsUri('Untrusted'), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('entraAppDoctor').update('allowedAuthorityHosts', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('entraAppDoctor.forgetStoredSecret');
    await entra?.close();
    await webApi?.close();
  });

  it('every token flow refuses or stays offline', async () => {
    const ref = (p: string[], kind: 'identity' | 'downstream') => ({ uri: wsUri(config).toString(), path: p, kind });
    const outcomes = [
      await vscode.commands.executeCommand<{ ok: boolean; error?: { code: string } }>('entraAppDoctor.acquireAppToken', ref(['DownstreamApis', 'Api'], 'downstream')),
      await vscode.commands.executeCommand<{ ok: boolean; error?: { code: string } }>('entraAppDoctor.acquireAppToken', { ...ref(['AzureAd'], 'identity'), scope: 'api://untrusted-api/.default' }),
      await vscode.commands.executeCommand<{ ok: boolean; error?: { code: string } }>('entraAppDoctor.acquireAppToken', ref(['DownstreamApis', 'Api'], 'downstream'), { forceRefresh: true }),
    ];
    for (const o of outcomes) assert.equal(o?.error?.code, 'workspace/untrusted', JSON.stringify(o));
    assert.equal(await vscode.commands.executeCommand('entraAppDoctor.callWebApi', ref(['DownstreamApis', 'Api'], 'downstream')), undefined);
    assert.equal(await vscode.commands.executeCommand('entraAppDoctor.callWebApi'), undefined);
    // Copy Request as curl reads no secret by design (the value is $ENTRA_CLIENT_SECRET) and is allowed.
    const curl = await vscode.commands.executeCommand<string>('entraAppDoctor.copyTokenRequestAsCurl', ref(['DownstreamApis', 'Api'], 'downstream'), 'curl');
    assert.match(curl, /ENTRA_CLIENT_SECRET/);
    assert.ok(!curl.includes(STORED));
    const notes = (await vscode.commands.executeCommand<{ message: string }[]>('entraAppDoctor._test.notifications')) ?? [];
    assert.ok(notes.filter((n) => /Workspace not trusted/.test(n.message)).length >= 3, notes.map((n) => n.message).join('\n'));
  });

  it('no connection reached the token endpoint or the Web API', () => {
    assert.equal(entra.connections, 0);
    assert.equal(webApi.connections, 0);
  });

  it('SecretStorage was not read (neither by the store\'s change event nor by the flows)', async () => {
    assert.equal(await reads(), readsBefore);
  });

  it('the user-secrets file was never opened', () => {
    assert.equal(fifoOpened, false);
    assert.equal(watcher.exitCode, null, 'the writer is still waiting for a reader');
  });

  it('controls: the read counter and the FIFO detector both fire when a read really happens', async () => {
    assert.equal(await vscode.commands.executeCommand('entraAppDoctor._test.hasStoredSecret', key()), true, 'the secret was stored all along');
    assert.equal(await reads(), readsBefore + 1);
    const fh = await fsp.open(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      await waitFor('the FIFO writer to see a reader', () => fifoOpened, 10_000);
    } finally {
      await fh.close();
    }
  });
});
