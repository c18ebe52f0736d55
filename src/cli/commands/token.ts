// `entra-doctor token`: acquire an app-only token exactly as the app would, then explain it —
// or explain precisely why Entra refused. Secrets are never taken as argument values.
import { resolve as resolvePath } from 'node:path';
import { describeUnreadable } from '../../core/config/host';
import {
  AppTokenRequest,
  AuthorityInput,
  ClientCredential,
  ConfigTokenRequest,
  CredentialPlan,
  credentialFromConfig,
  isTokenError,
  loadCredential,
  requestFromConfig,
  previewTokenRequest,
  proxyFromEnv,
  Redactor,
  renderCurl,
  TokenClient,
  TokenError,
  TokenResult,
} from '../../core/token';
import { CliIO, EXIT_FINDINGS_OR_ENTRA, EXIT_OK, EXIT_USAGE, UsageError } from '../io';
import { parseCommandArgs } from '../args';
import { pickStyle } from '../format/text';

const HELP = `Usage: entra-doctor token [options]

Asks Microsoft Entra for an app-only token (client credentials) exactly as the
app would, then explains the token (roles, audience, version) — or explains why
Entra refused and what to change.

Where the request comes from:
  --config FILE              appsettings*.json to read Instance/TenantId/ClientId,
                             credentials and scopes from
  --section NAME             identity section (default: the one with a ClientId)
  --api NAME                 downstream API section whose Scopes to request
  --scope S                  scope to request (repeatable; normally one {resource}/.default)
  --tenant ID                tenant ID or domain (overrides the config)
  --client-id ID             application (client) ID (overrides the config)
  --instance URL             authority host, e.g. https://login.microsoftonline.us/
                             (given here, it is trusted even if not a known Entra host)

Credential (never pass a secret itself as an argument):
  --secret-env VAR           read the client secret from environment variable VAR
  --certificate FILE         PEM (certificate + key) or PFX/P12 file
  --certificate-password-env VAR   password of the key / PFX from variable VAR
  --algorithm PS256|RS256    client-assertion signature (default PS256, x5t#S256)
  --send-x5c                 include the certificate chain (x5c) in the assertion
  Without these: the config's credentials; the secret from ENTRA_CLIENT_SECRET or
  {Section}__ClientSecret, the config file (warned), .NET user-secrets, or a prompt.
  AZURE_FEDERATED_TOKEN_FILE is used for a federated credential.

Output:
  --json                     machine-readable result
  --show-token               include the raw access token (masked otherwise)
  --curl                     print the request as a curl command and send nothing
  --force-refresh            (accepted for symmetry with the extension; each run asks Entra)
  --timeout SECONDS          per-attempt timeout (default 30)
  --verbose                  log the request/response steps (redacted) to stderr
  -h, --help                 show this help

Exit codes: 0 token acquired; 1 Entra or network error; 2 usage, configuration
or credential problem (nothing was sent).
`;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Parsed {
  config?: string;
  section?: string;
  api?: string;
  scopes: string[];
  tenant?: string;
  clientId?: string;
  instance?: string;
  secretEnv?: string;
  certificate?: string;
  certificatePasswordEnv?: string;
  algorithm?: 'PS256' | 'RS256';
  sendX5C: boolean;
  json: boolean;
  showToken: boolean;
  curl: boolean;
  forceRefresh: boolean;
  timeoutMs?: number;
  verbose: boolean;
}

function parse(args: string[]): Parsed | 'help' {
  const parsed = parseCommandArgs(
    args,
    {
      config: { type: 'string' },
      section: { type: 'string' },
      api: { type: 'string' },
      scope: { type: 'string', multiple: true },
      tenant: { type: 'string' },
      'client-id': { type: 'string' },
      instance: { type: 'string' },
      'secret-env': { type: 'string' },
      certificate: { type: 'string' },
      'certificate-password-env': { type: 'string' },
      algorithm: { type: 'string' },
      'send-x5c': { type: 'boolean' },
      json: { type: 'boolean' },
      'show-token': { type: 'boolean' },
      curl: { type: 'boolean' },
      'force-refresh': { type: 'boolean' },
      timeout: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    HELP,
    false,
  );
  const v = parsed.values;
  if (v.help) return 'help';
  for (const flag of ['secret-env', 'certificate-password-env'] as const) {
    const name = v[flag];
    if (name !== undefined && !ENV_NAME.test(name)) {
      // Do not print it: it is probably the secret itself.
      throw new UsageError(`--${flag} takes the NAME of an environment variable (letters, digits, _), not a secret value. Put the value in a variable: export ENTRA_CLIENT_SECRET=… then --${flag} ENTRA_CLIENT_SECRET.`);
    }
  }
  let algorithm: Parsed['algorithm'];
  if (v.algorithm !== undefined) {
    const a = v.algorithm.toUpperCase();
    if (a !== 'PS256' && a !== 'RS256') throw new UsageError(`--algorithm must be PS256 or RS256.`);
    algorithm = a;
  }
  let timeoutMs: number | undefined;
  if (v.timeout !== undefined) {
    const n = Number(v.timeout);
    if (!Number.isFinite(n) || n <= 0 || n > 600) throw new UsageError('--timeout must be a number of seconds between 0 and 600.');
    timeoutMs = Math.round(n * 1000);
  }
  if (v.section && !v.config) throw new UsageError('--section needs --config.');
  if (v.api && !v.config) throw new UsageError('--api needs --config.');
  if (v['secret-env'] && v.certificate) throw new UsageError('give either --secret-env or --certificate, not both.');
  if (v['certificate-password-env'] && !v.certificate) throw new UsageError('--certificate-password-env needs --certificate.');
  return {
    config: v.config,
    section: v.section,
    api: v.api,
    scopes: (v.scope ?? []).flatMap((s) => s.split(/\s+/)).filter(Boolean),
    tenant: v.tenant,
    clientId: v['client-id'],
    instance: v.instance,
    secretEnv: v['secret-env'],
    certificate: v.certificate,
    certificatePasswordEnv: v['certificate-password-env'],
    algorithm,
    sendX5C: v['send-x5c'] === true,
    json: v.json === true,
    showToken: v['show-token'] === true,
    curl: v.curl === true,
    forceRefresh: v['force-refresh'] === true,
    timeoutMs,
    verbose: v.verbose === true,
  };
}

// ------------------------------------------------------------------ configuration

async function readConfig(p: Parsed, cwd: string): Promise<ConfigTokenRequest | undefined> {
  if (!p.config) return undefined;
  const abs = resolvePath(cwd, p.config);
  // The config model (parser, rules of discovery) is loaded only when --config asks for it.
  const { loadModel } = await import('../../core/config');
  const model = await loadModel(abs).catch(() => undefined);
  if (!model) throw new UsageError(`${p.config}: ${(await describeUnreadable(abs)) ?? 'cannot read the file'}.`);
  if (!model.doc.root) throw new UsageError(`${p.config}: not valid JSON.`);
  return requestFromConfig(model, { section: p.section, api: p.api });
}

// ------------------------------------------------------------------ prompt

async function promptHidden(io: CliIO, question: string): Promise<string | undefined> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (!io.isTTY || !stdin.isTTY || typeof stdin.setRawMode !== 'function') return undefined;
  io.stderr(question);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) => {
    let value = '';
    const done = (v: string | undefined): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      io.stderr('\n');
      resolve(v);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return done(value);
        if (ch === '\u0003' || ch === '\u001b') return done(undefined);
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

// ------------------------------------------------------------------ command

export async function tokenCommand(args: string[], io: CliIO): Promise<number> {
  const p = parse(args);
  if (p === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const style = pickStyle(io.isTTY, io.env);
  const redactor = new Redactor();
  const report = async (e: TokenError): Promise<number> => {
    const usage = e.kind === 'config' || e.kind === 'credential';
    if (p.json) io.stdout(`${redactor.redact(JSON.stringify({ ok: false, error: e.toJSON() }, null, 2))}\n`);
    else io.stderr(redactor.redact((await loadOutput()).formatError(e, style)));
    return usage ? EXIT_USAGE : EXIT_FINDINGS_OR_ENTRA;
  };

  try {
    const cfg = await readConfig(p, io.cwd);
    const authority: AuthorityInput = { ...cfg?.authority };
    if (p.instance) {
      // --instance replaces the host; a tenant written only inside Authority is kept.
      if (authority.authority && !authority.tenantId) {
        try {
          authority.tenantId = new URL(authority.authority).pathname.split('/').filter((x) => x && x.toLowerCase() !== 'tfp')[0];
        } catch {
          /* not a URL: --tenant is then required */
        }
      }
      authority.instance = p.instance;
      authority.authority = undefined;
    }
    if (p.tenant) {
      authority.tenantId = p.tenant;
      if (authority.authority) {
        // An explicit tenant replaces the Authority's tenant: rebuild from its origin.
        try {
          authority.instance = new URL(authority.authority).origin + '/';
          authority.authority = undefined;
        } catch {
          /* resolveAuthority reports the bad Authority */
        }
      }
    }
    if (!authority.instance && !authority.authority) authority.instance = 'https://login.microsoftonline.com/';
    const clientId = p.clientId ?? cfg?.clientId;
    const scopes = p.scopes.length ? p.scopes : cfg?.scopes ?? [];
    if (!clientId) throw new UsageError(p.config ? `${p.config} has no ClientId in section ${cfg?.section.name || '(root)'}; pass --client-id.` : `give --client-id (or --config FILE).\n\n${HELP}`);
    if (!authority.tenantId && !authority.authority) throw new UsageError(p.config ? `${p.config} has no TenantId; pass --tenant.` : 'give --tenant (tenant ID or domain).');
    if (!scopes.length) throw new UsageError(p.config ? `no scope found in ${p.config}; pass --scope or --api NAME.` : "give --scope, e.g. --scope https://graph.microsoft.com/.default.");

    const allowedHosts = p.instance ? [hostOf(p.instance)] : [];
    const warnings: string[] = [];

    // --curl needs only the credential *kind*.
    if (p.curl) {
      const kind: ClientCredential['kind'] = p.certificate ? 'certificate' : 'secret';
      const preview = previewTokenRequest({ authority, clientId, scopes, credential: { kind } }, { allowedHosts });
      io.stdout(`${renderCurl(preview)}\n`);
      return EXIT_OK;
    }

    const client = new TokenClient({
      allowedHosts,
      timeoutMs: p.timeoutMs,
      proxyFor: (u) => proxyFromEnv(u, io.env),
      log: p.verbose ? (line) => io.stderr(`${style.dim(redactor.redact(line))}\n`) : undefined,
      userAgent: 'entra-doctor-cli',
    });
    // Connect to the token endpoint now (allowed hosts only, nothing is sent): the TCP and TLS handshakes run
    // while the credential is loaded. One turn of the event loop lets the connect start.
    if (client.preconnect(authority)) await afterThisTurn();
    const credential = await resolveCredential(p, cfg, io, redactor, warnings);
    const request: AppTokenRequest = { authority, clientId, scopes, credential };
    // Ctrl+C while waiting for Entra: cancel cleanly (exit 1, "Cancelled") instead of dying mid-request.
    const ctl = new AbortController();
    const onSigint = (): void => ctl.abort();
    process.once('SIGINT', onSigint);
    let result: TokenResult;
    try {
      const pending = client.acquire(request, { forceRefresh: p.forceRefresh, signal: ctl.signal });
      // The request is on its way (a TLS handshake and Entra's answer take several round trips): compile the
      // output code meanwhile instead of after the answer. Its failure surfaces when it is awaited below.
      const output = afterThisTurn().then(loadOutput);
      output.catch(() => undefined);
      result = await pending;
      await output;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    redactor.add(result.accessToken);
    result.warnings.push(...warnings);
    const options = { json: p.json, showToken: p.showToken, scopeFrom: p.scopes.length ? undefined : cfg?.scopeFrom };
    return (await loadOutput()).printSuccess(io, options, result, style, redactor);
  } catch (err) {
    if (isTokenError(err)) return report(err);
    throw err;
  }
}

/** The output half of the command (JWT decoding and diagnosis, formatting): dist/cli-token-output.js. */
function loadOutput(): Promise<typeof import('./token-output')> {
  return import('./token-output');
}

/** Resolves after the current turn of the event loop, once the request's connect has been issued. */
function afterThisTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function hostOf(instance: string): string {
  try {
    return new URL(instance.replace('{0}', 'x')).host;
  } catch {
    return instance;
  }
}

async function resolveCredential(p: Parsed, cfg: ConfigTokenRequest | undefined, io: CliIO, redactor: Redactor, warnings: string[]): Promise<ClientCredential> {
  const prompt = async (why: string): Promise<{ value: string; label: string } | undefined> => {
    const v = await promptHidden(io, `${why}\nClient secret (input hidden): `);
    return v ? { value: v, label: 'the interactive prompt' } : undefined;
  };
  const common = { env: io.env, prompt, algorithm: p.algorithm, sendX5C: p.sendX5C || cfg?.sendX5C };
  let loaded: { credential: ClientCredential; warnings: string[]; secrets: string[] };
  if (p.secretEnv) {
    if (!io.env[p.secretEnv]) {
      throw new TokenError({
        kind: 'credential',
        code: 'credential/no-secret',
        title: 'Secret variable not set',
        explanation: `Environment variable ${p.secretEnv} (from --secret-env) is not set or empty.`,
        fix: `Set it first, e.g. read -rs ${p.secretEnv} && export ${p.secretEnv}`,
      });
    }
    loaded = await loadCredential({ kind: 'secret', configKey: 'ClientSecret' }, { ...common, baseDir: io.cwd, secretEnvVars: [p.secretEnv], prompt: undefined });
  } else if (p.certificate) {
    if (p.certificatePasswordEnv && io.env[p.certificatePasswordEnv] === undefined) {
      throw new TokenError({ kind: 'credential', code: 'credential/no-password', title: 'Password variable not set', explanation: `Environment variable ${p.certificatePasswordEnv} (from --certificate-password-env) is not set.`, fix: `Set it first, e.g. read -rs ${p.certificatePasswordEnv} && export ${p.certificatePasswordEnv}` });
    }
    loaded = await loadCredential({ kind: 'certificate-file', path: resolvePath(io.cwd, p.certificate) }, { ...common, baseDir: io.cwd, passwordEnvVar: p.certificatePasswordEnv });
  } else if (cfg) {
    loaded = await credentialFromConfig(cfg, { ...common, extraSecretEnvVars: ['ENTRA_CLIENT_SECRET'] });
  } else {
    const plan: CredentialPlan = io.env.AZURE_FEDERATED_TOKEN_FILE && !io.env.ENTRA_CLIENT_SECRET ? { kind: 'federated-file' } : { kind: 'secret', configKey: 'AzureAd:ClientSecret' };
    loaded = await loadCredential(plan, {
      ...common,
      baseDir: io.cwd,
      secretEnvVars: ['ENTRA_CLIENT_SECRET', 'AzureAd__ClientSecret'],
      userSecretsKeys: ['AzureAd:ClientSecret', 'AzureAd:ClientCredentials:0:ClientSecret'],
    });
  }
  for (const s of loaded.secrets) redactor.add(s);
  warnings.push(...loaded.warnings);
  return loaded.credential;
}
