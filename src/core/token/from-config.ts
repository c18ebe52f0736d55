// From the configuration model (core/config) to a token request: which identity section,
// which scopes (a downstream API's or the first app-only list), which credential entry —
// in Microsoft.Identity.Web's order. Shared by the CLI and the extension.
import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { ConfigModel, CredentialEntry, IdentitySection } from '../config/model';
import type { AuthorityInput } from './authority';
import type { ClientCredential } from './client';
import { CredentialPlan, loadCredential, LoadContext, planCredential } from './credential-sources';
import { configError } from './errors';

/**
 * config/json's stringValue, repeated here: importing that module evaluates jsonc-parser (~1 ms on the CLI's
 * cold path), which `entra-doctor token` without --config never needs.
 */
function stringValue(node: Node | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

export interface PlannedCredential {
  entry: CredentialEntry;
  /** "AzureAd:ClientCredentials:0", or "AzureAd" for a top-level ClientSecret. */
  keyPath: string;
  plan: CredentialPlan;
}

export interface ConfigTokenRequest {
  configFile: string;
  section: IdentitySection;
  authority: AuthorityInput;
  clientId?: string;
  sendX5C: boolean;
  scopes?: string[];
  /** Where the scopes were read ("TodoList:Scopes"). */
  scopeFrom?: string;
  credentials: PlannedCredential[];
  /** Folder of the nearest project (.csproj), for .NET user secrets. */
  projectDir: string;
}

function value(section: IdentitySection, key: string): string | undefined {
  return stringValue(section.props.get(key)?.valueNode)?.trim() || undefined;
}

/** The identity section to use: by name, else the first daemon-like one with a ClientId. */
export function pickSection(model: ConfigModel, name?: string): IdentitySection {
  const sections = [...model.identities, ...model.familyIdentities];
  const section = name
    ? sections.find((s) => s.name.toLowerCase() === name.toLowerCase())
    : sections.find((s) => s.props.has('clientid') && !s.signsInUsers) ?? sections.find((s) => s.props.has('clientid')) ?? sections[0];
  if (section) return section;
  const file = path.basename(model.doc.path);
  throw configError(
    'config/no-section',
    name ? `No identity section '${name}'` : 'No identity section',
    name
      ? `${file} has no identity section named '${name}'${sections.length ? ` (found: ${sections.map((s) => s.name || '(root)').join(', ')})` : ''}.`
      : `${file} has no identity section (AzureAd, or an object with ClientId and TenantId/Instance).`,
    'Name the section that holds Instance, TenantId and ClientId.',
  );
}

/** Credential entries Microsoft.Identity.Web would try, in order: ClientCredentials wins over the legacy keys. */
export function credentialEntries(model: ConfigModel, section: IdentitySection): CredentialEntry[] {
  const mine = model.credentials.filter((c) => c.identity === section && c.container !== 'TokenDecryptionCredentials');
  const modern = mine.filter((c) => c.container === 'ClientCredentials');
  return modern.length ? modern : mine;
}

function entryRecord(entry: CredentialEntry): Record<string, unknown> {
  const rec: Record<string, unknown> = {};
  for (const prop of entry.props.values()) {
    const n = prop.valueNode;
    if (n.type === 'string' || n.type === 'number' || n.type === 'boolean') rec[prop.key.trim()] = n.value;
  }
  if (entry.container === 'legacy') rec.SourceType = 'ClientSecret';
  return rec;
}

export function requestFromConfig(model: ConfigModel, opts: { section?: string; api?: string } = {}): ConfigTokenRequest {
  const section = pickSection(model, opts.section);
  let instance = value(section, 'instance');
  let authority = value(section, 'authority');
  if (authority?.includes('{0}')) {
    // Legacy format string: it is an Instance with the tenant to be filled in.
    instance ??= authority;
    authority = undefined;
  }
  const sendX5CNode = section.props.get('sendx5c')?.valueNode;
  const out: ConfigTokenRequest = {
    configFile: model.doc.path,
    section,
    authority: { instance, tenantId: value(section, 'tenantid') ?? value(section, 'tenant'), authority },
    clientId: value(section, 'clientid'),
    sendX5C: sendX5CNode?.value === true || /^true$/i.test(stringValue(sendX5CNode) ?? ''),
    credentials: credentialEntries(model, section).map((entry) => {
      const keyPath = (entry.container === 'legacy' ? entry.path.slice(0, -1) : entry.path).join(':');
      return { entry, keyPath, plan: planCredential(entryRecord(entry), keyPath) };
    }),
    projectDir: model.codeHints.projectDir,
  };
  if (opts.api) {
    const api = model.downstreamApis.find((a) => a.name.trim().toLowerCase() === opts.api!.toLowerCase());
    if (!api) {
      const names = model.downstreamApis.map((a) => a.name);
      throw configError('config/no-api', `No downstream API '${opts.api}'`, `${path.basename(model.doc.path)} has no downstream API section '${opts.api}'${names.length ? ` (found: ${names.join(', ')})` : ''}.`, 'Pass the name of a DownstreamApis entry (or a section with Scopes), or give the scope directly.');
    }
    const items = api.scopes?.items.map((i) => i.value).filter(Boolean) ?? [];
    if (!items.length) throw configError('config/no-scope', `'${api.name}' has no Scopes`, `Downstream API '${api.name}' has no Scopes.`, "Add \"Scopes\": [\"{resource}/.default\"] to it.");
    out.scopes = items;
    out.scopeFrom = `${api.name}:Scopes`;
  } else {
    const list = model.scopeLists.find((l) => l.isRequest && l.flow.appOnly !== 'no' && l.items.length);
    if (list) {
      out.scopes = list.items.map((i) => i.value);
      out.scopeFrom = `${list.sectionName ? list.sectionName + ':' : ''}${list.prop.key}`;
    }
  }
  return out;
}

export interface ConfigCredentialContext extends Omit<LoadContext, 'baseDir' | 'configFile' | 'secretEnvVars' | 'userSecretsKeys'> {
  /** Env vars tried before the .NET-style ones ({Section}__ClientSecret …), e.g. ENTRA_CLIENT_SECRET. */
  extraSecretEnvVars?: string[];
}

/**
 * Loads the first usable credential of the section. Entries this tool cannot use (Key Vault,
 * certificate store, managed identity…) are skipped with a warning when a later one works, and
 * explained (TokenError) when none does. With no entry at all, a secret is looked up in the
 * environment, user secrets and the prompt; AZURE_FEDERATED_TOKEN_FILE counts as a federated one.
 */
export async function credentialFromConfig(
  req: ConfigTokenRequest,
  ctx: ConfigCredentialContext,
): Promise<{ credential: ClientCredential; warnings: string[]; secrets: string[]; keyPath?: string }> {
  const sectionName = req.section.name;
  const prefix = sectionName ? `${sectionName}:` : '';
  const envName = (k: string): string => k.split(':').join('__');
  const baseDir = path.dirname(req.configFile);
  const usable = req.credentials.find((c) => c.plan.kind !== 'skip' && c.plan.kind !== 'unusable');
  const warnings: string[] = [];
  let plan: CredentialPlan;
  let secretKey: string;
  if (usable) {
    plan = usable.plan;
    secretKey = `${usable.keyPath}:ClientSecret`;
    const skipped = req.credentials.filter((c) => c !== usable && c.plan.kind === 'unusable' && req.credentials.indexOf(c) < req.credentials.indexOf(usable));
    if (skipped.length) {
      warnings.push(`Used ${usable.keyPath}; ${skipped.map((c) => `${c.keyPath} (${(c.plan as { title: string }).title})`).join(', ')} cannot be used from here.`);
    }
  } else {
    const unusable = req.credentials.find((c) => c.plan.kind === 'unusable');
    if (unusable) {
      await loadCredential(unusable.plan, { ...ctx, baseDir }); // throws the explanation
    }
    plan = ctx.env.AZURE_FEDERATED_TOKEN_FILE ? { kind: 'federated-file' } : { kind: 'secret', configKey: `${prefix}ClientSecret` };
    secretKey = `${prefix}ClientSecret`;
  }
  const secretEnvVars = [...(ctx.extraSecretEnvVars ?? []), envName(secretKey)];
  const userSecretsKeys = usable ? [secretKey] : [secretKey, `${prefix}ClientCredentials:0:ClientSecret`];
  const loaded = await loadCredential(plan, {
    ...ctx,
    baseDir: plan.kind === 'secret' ? req.projectDir : baseDir,
    configFile: req.configFile,
    secretEnvVars,
    userSecretsKeys,
  });
  return { ...loaded, warnings: [...warnings, ...loaded.warnings], keyPath: usable?.keyPath };
}
