// "Acquire App Token": from a config section to an app-only token, exactly as the app would ask
// for it (core/token), with the secret from the usual sources or VS Code's secret storage, a
// cancellable progress notification, and on failure a notification that says why and what to do.
// Nothing is read or sent in an untrusted workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigModel } from '../../core/config';
import type { DiagnosisContext } from '../../core/jwt';
import { defaultScopeFor, parseScope } from '../../core/scope';
import {
  credentialFromConfig,
  isTokenError,
  Redactor,
  requestFromConfig,
  TokenClient,
  TokenError,
  type AppTokenRequest,
  type ConfigTokenRequest,
  type TokenErrorJson,
  type TokenResult,
} from '../../core/token';
import { allowedAuthorityHosts } from '../settings';
import { showInspector, type ApiTarget } from '../inspector/panel';
import { log } from './log';
import { secretPrompt, SecretStore, type SecretKey } from './secretStore';
import { resolveTarget, type TokenTarget } from './target';

/** What the command returns (for tests and other commands); never the token itself. */
export type AcquireOutcome =
  | { ok: true; scope: string; clientId: string; tenant: string; roles: string[]; audience?: string; credentialSource: string; fromCache: boolean; tokenLength: number }
  | { ok: false; error: TokenErrorJson };

export interface AcquireOptions {
  forceRefresh?: boolean;
  /** Ask for the secret even if one is stored ("Re-enter Secret"). */
  forcePrompt?: boolean;
  /** Do not open the inspector (Call Web API opens it itself). */
  noInspector?: boolean;
}

export function untrustedError(): TokenError {
  return new TokenError({
    kind: 'config',
    code: 'workspace/untrusted',
    title: 'Workspace not trusted',
    explanation:
      'This workspace is in Restricted Mode. Acquiring a token sends a credential over the network and reads secrets (user secrets, certificates, stored secrets), and a configuration file from an untrusted source could direct them somewhere else. Nothing was read or sent.',
    fix: 'Trust the workspace (Manage Workspace Trust) if you trust its configuration, then run the command again.',
  });
}

export class TokenService {
  readonly client: TokenClient;
  readonly store: SecretStore;

  constructor(secrets: vscode.SecretStorage) {
    this.store = new SecretStore(secrets);
    // No `ca`/`proxyFor`: node:https inside the extension host follows VS Code's proxy settings.
    this.client = new TokenClient({
      get allowedHosts() {
        return allowedAuthorityHosts();
      },
      log: (line) => log.info(line),
      userAgent: `entra-app-doctor-vscode/${vscode.version}`,
    });
  }
}

export interface PreparedRequest {
  target: TokenTarget;
  cfg: ConfigTokenRequest;
  scopes: string[];
  clientId: string;
}

/** Reads the request from the config (no secret yet); asks for a scope when the config has none. */
export async function prepareRequest(target: TokenTarget): Promise<PreparedRequest | undefined> {
  const cfg = requestFromConfig(target.model, { section: target.section, api: target.api });
  let scopes = target.scope ? [target.scope] : cfg.scopes ?? [];
  if (!scopes.length) {
    const typed = await vscode.window.showInputBox({
      title: 'Scope to request',
      prompt: `${path.basename(cfg.configFile)} names no app-only scope. App tokens use '{resource}/.default'.`,
      placeHolder: 'https://graph.microsoft.com/.default',
      ignoreFocusOut: true,
      validateInput: (v) => validateScope(v),
    });
    if (!typed) return undefined;
    scopes = [typed.trim()];
    cfg.scopeFrom = 'typed';
  }
  const clientId = cfg.clientId;
  if (!clientId) {
    throw new TokenError({
      kind: 'config',
      code: 'config/missing-client-id',
      title: 'No ClientId',
      explanation: `Section ${cfg.section.name || '(root)'} of ${path.basename(cfg.configFile)} has no ClientId.`,
      fix: 'Set ClientId to the Application (client) ID from the app registration’s Overview page.',
    });
  }
  return { target, cfg, scopes, clientId };
}

/** The linter's judgement of a typed scope (core/scope), in one line, with the corrected form when known. */
export function validateScope(v: string): string | vscode.InputBoxValidationMessage | undefined {
  if (!v.trim()) return 'Enter a scope such as https://graph.microsoft.com/.default';
  const parsed = parseScope(v);
  const problem = parsed.problems[0];
  if (problem) return `${problem.message}${problem.suggestion ? ` Use: ${problem.suggestion}` : ''}`;
  if (parsed.isOidc) return `'${parsed.value}' is an OpenID Connect scope; app-only requests fail with it (AADSTS1002012). Use '{resource}/.default'.`;
  if (!parsed.isDefault) {
    const better = defaultScopeFor(parsed);
    return {
      message: `App-only tokens need '{resource}/.default' — a permission name gets AADSTS1002012; application permissions come from the app registration.${better ? ` Use: ${better}` : ''}`,
      severity: vscode.InputBoxValidationSeverity.Warning,
    };
  }
  return undefined;
}

function roleHint(model: ConfigModel, api?: string): string[] {
  // A "RequiredRoles"-style list on the API section, if the config keeps one.
  const section = api ? model.downstreamApis.find((a) => a.name.toLowerCase() === api.toLowerCase()) : undefined;
  const node = section?.props.get('requiredroles')?.valueNode ?? section?.props.get('roles')?.valueNode;
  if (node?.type === 'array') return (node.children ?? []).map((c) => (typeof c.value === 'string' ? c.value : '')).filter(Boolean);
  return [];
}

export function apiTargetOf(model: ConfigModel, api?: string): ApiTarget | undefined {
  const section = api
    ? model.downstreamApis.find((a) => a.name.toLowerCase() === api.toLowerCase())
    : model.downstreamApis.length === 1 ? model.downstreamApis[0] : undefined;
  const str = (k: string): string | undefined => {
    const n = section?.props.get(k)?.valueNode;
    return n?.type === 'string' && typeof n.value === 'string' && n.value.trim() ? n.value.trim() : undefined;
  };
  const base = str('baseurl');
  if (!section || !base) return undefined;
  const rel = str('relativepath');
  const url = rel ? `${base.replace(/\/+$/, '')}/${rel.replace(/^\/+/, '')}` : base;
  return { name: section.name, method: (str('httpmethod') ?? 'GET').toUpperCase(), url };
}

export class AcquireFlow {
  constructor(private readonly service: TokenService) {}

  /** The command handler: never throws; returns the outcome (tests use it). */
  async run(arg: unknown, opts: AcquireOptions = {}): Promise<AcquireOutcome | undefined> {
    if (!vscode.workspace.isTrusted) {
      const e = untrustedError();
      log.warn(`Acquire App Token refused: ${e.title} (nothing read or sent)`);
      void vscode.window.showWarningMessage(`${e.title}: ${e.explanation}`, 'Manage Workspace Trust').then((c) => {
        if (c) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return { ok: false, error: e.toJSON() };
    }
    let target: TokenTarget | undefined;
    try {
      target = await resolveTarget(arg, { wantApi: true });
      if (!target) return undefined;
      const prepared = await prepareRequest(target);
      if (!prepared) return undefined;
      const got = await this.acquirePrepared(prepared, opts);
      if (!got) return undefined;
      const { result, ctx } = got;
      if (!opts.noInspector) this.openInspector(prepared, result, ctx);
      const s = inspectSummary(result.accessToken);
      return {
        ok: true,
        scope: result.scope,
        clientId: result.clientId,
        tenant: result.tenant,
        roles: s?.roles ?? [],
        audience: s?.audience,
        credentialSource: result.credential.source,
        fromCache: result.fromCache,
        tokenLength: result.accessToken.length,
      };
    } catch (err) {
      if (!isTokenError(err)) {
        log.error(`Acquire App Token failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
        void vscode.window.showErrorMessage(`Acquire App Token failed: ${err instanceof Error ? err.message : String(err)}`);
        return { ok: false, error: { code: 'internal', aadsts: null, title: 'Unexpected error', explanation: String(err), fix: '', correlationId: null, traceId: null, kind: 'config' } };
      }
      if (err.kind !== 'cancelled') this.showError(err, target, arg, opts);
      else log.info('Token request cancelled.');
      return { ok: false, error: err.toJSON() };
    }
  }

  /** Credential + request with progress. Returns undefined when the user cancelled a prompt. */
  async acquirePrepared(p: PreparedRequest, opts: AcquireOptions): Promise<{ result: TokenResult; ctx: DiagnosisContext } | undefined> {
    const { cfg, scopes, clientId } = p;
    const authority = cfg.authority.instance || cfg.authority.authority ? cfg.authority : { ...cfg.authority, instance: 'https://login.microsoftonline.com/' };
    // Check the authority host before any secret is read: a hostile config gets nothing.
    const resolved = this.service.client.resolve({ authority, clientId, scopes, credential: { kind: 'federated', file: '', source: '' } });
    const key: SecretKey = { origin: resolved.origin, tenant: resolved.tenant, clientId };
    const label = `${cfg.section.name || 'app'} (${clientId})`;
    const loaded = await credentialFromConfig(cfg, {
      env: process.env,
      prompt: secretPrompt(this.service.store, key, label, Boolean(opts.forcePrompt)),
      sendX5C: cfg.sendX5C,
    });
    const redactor = new Redactor(loaded.secrets);
    for (const w of loaded.warnings) log.warn(redactor.redact(w));
    log.info(`Credential: ${loaded.credential.kind} from ${loaded.credential.source}`);
    const request: AppTokenRequest = { authority, clientId, scopes, credential: loaded.credential };
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Entra: requesting a token for ${scopes.join(' ')}`, cancellable: true },
      async (_progress, cancel) => {
        const ctl = new AbortController();
        const sub = cancel.onCancellationRequested(() => ctl.abort());
        try {
          return await this.service.client.acquire(request, { signal: ctl.signal, forceRefresh: opts.forceRefresh });
        } finally {
          sub.dispose();
        }
      },
    );
    result.warnings.push(...loaded.warnings.map((w) => redactor.redact(w)));
    const ctx: DiagnosisContext = {
      requestedScope: result.scope,
      clientId: result.clientId,
      configuredTenant: result.tenant,
      cloud: result.cloud,
      authorityHost: result.cloud ? undefined : resolved.origin,
      expectAppToken: true,
      expectedRoles: roleHint(p.target.model, p.target.api),
    };
    return { result, ctx };
  }

  openInspector(p: PreparedRequest, result: TokenResult, ctx: DiagnosisContext): void {
    const file = vscode.workspace.asRelativePath(p.target.uri);
    const api = apiTargetOf(p.target.model, p.target.api);
    showInspector({
      token: result.accessToken,
      title: `${file} · ${p.cfg.section.name || '(root)'}${p.target.api ? ` → ${p.target.api}` : ''}${result.fromCache ? ' (cached)' : ''}`,
      ctx,
      expectedRoles: ctx.expectedRoles ?? [],
      api,
      refresh: async () => {
        const again = await this.acquirePrepared(p, { forceRefresh: true });
        return again?.result.accessToken;
      },
    });
  }

  private showError(e: TokenError, target: TokenTarget | undefined, arg: unknown, opts: AcquireOptions): void {
    log.error(`${e.code}: ${e.title} — ${e.explanation} Fix: ${e.fix}${e.correlationId ? ` (correlation ${e.correlationId})` : ''}`);
    const actions: string[] = [];
    const line = target ? configLine(target, e) : undefined;
    if (line !== undefined) actions.push('Open Config');
    // Re-entering helps only when the secret was typed or remembered here; other sources are fixed at their origin (Open Config).
    const secretCode = (e.aadsts === 7000215 || e.aadsts === 7000222) && /secret storage|password prompt/.test(e.explanation);
    if (secretCode) actions.push('Re-enter Secret');
    const consent = consentRelevant(e) ? target : undefined;
    if (consent) actions.push('Open Admin Consent Page');
    actions.push('Copy Details', 'Show Log');
    void vscode.window.showErrorMessage(`${e.aadsts ? `AADSTS${e.aadsts}` : e.code}: ${e.title}. ${e.explanation} Fix: ${e.fix}`, ...actions).then(async (choice) => {
      switch (choice) {
        case 'Open Config':
          if (target && line !== undefined) {
            const doc = await vscode.workspace.openTextDocument(target.uri);
            const pos = new vscode.Position(line, 0);
            await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
          }
          break;
        case 'Re-enter Secret':
          if (target) {
            const prepared = await prepareRequest(target).catch(() => undefined);
            if (prepared) {
              const r = this.service.client.resolve({ authority: prepared.cfg.authority, clientId: prepared.clientId, scopes: prepared.scopes, credential: { kind: 'federated', file: '', source: '' } });
              await this.service.store.delete({ origin: r.origin, tenant: r.tenant, clientId: prepared.clientId });
            }
          }
          await this.run(arg, { ...opts, forcePrompt: true, forceRefresh: true });
          break;
        case 'Open Admin Consent Page':
          if (consent) await vscode.commands.executeCommand('entraAppDoctor.adminConsentUrl', { uri: consent.uri.toString(), path: [consent.section ?? identityName(consent.model)], kind: 'identity' });
          break;
        case 'Copy Details':
          await vscode.env.clipboard.writeText(JSON.stringify(e.toJSON(), null, 2));
          break;
        case 'Show Log':
          log.show();
          break;
      }
    });
  }
}

function identityName(model: ConfigModel): string {
  return model.identities.find((s) => s.props.has('clientid'))?.name ?? 'AzureAd';
}

function consentRelevant(e: TokenError): boolean {
  return e.aadsts === 65001 || e.aadsts === 501051 || /admin consent|consent/i.test(e.fix);
}

/** The line to open for an error: the credential, tenant, client ID or scopes it is about. */
export function configLine(target: TokenTarget, e: TokenError): number | undefined {
  const m = target.model;
  const doc = m.doc;
  let section;
  try {
    section = requestFromConfig(m, { section: target.section }).section;
  } catch {
    return undefined;
  }
  if (section.doc !== doc) return undefined;
  const at = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : doc.lines.positionAt(offset).line);
  const prop = (k: string) => section.props.get(k)?.keyNode.offset;
  const code = e.aadsts;
  if (e.kind === 'credential' || code === 7000215 || code === 7000222 || code === 700027 || code === 7000216 || code === 7000218) {
    const cred = m.credentials.find((c) => c.identity === section && c.container !== 'TokenDecryptionCredentials');
    return at(cred?.node?.offset ?? prop('clientsecret') ?? prop('clientcredentials') ?? section.node.offset);
  }
  if (code === 90002 || e.code === 'config/missing-tenant') return at(prop('tenantid') ?? prop('authority') ?? section.node.offset);
  if (code === 700016 || code === 7000112 || code === 700025) return at(prop('clientid') ?? section.node.offset);
  if (e.code.startsWith('config/') && /authority|instance|http/.test(e.code)) return at(prop('instance') ?? prop('authority') ?? section.node.offset);
  if (code === 500011 || code === 70011 || code === 700022 || code === 1002012 || code === 501051 || code === 65001) {
    const api = target.api ? m.downstreamApis.find((a) => a.name.toLowerCase() === target.api!.toLowerCase()) : undefined;
    const list = api?.scopes ?? m.scopeLists.find((l) => l.isRequest && l.flow.appOnly !== 'no' && l.items.length);
    return at(list?.prop.keyNode.offset ?? section.node.offset);
  }
  return at(section.node.offset);
}

function inspectSummary(token: string): { roles: string[]; audience?: string } | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { roles?: unknown; aud?: unknown };
    return { roles: Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [], audience: typeof payload.aud === 'string' ? payload.aud : undefined };
  } catch {
    return undefined;
  }
}
