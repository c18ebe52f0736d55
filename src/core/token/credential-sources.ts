// Maps a Microsoft.Identity.Web credential description (ClientCredentials[] entry or the
// legacy keys, entra-facts.md §6.2) to something this tool can use, and says plainly when
// a source (Key Vault, certificate store, managed identity…) cannot be used from here.
import { describeUnreadable, nodeHost } from '../config/host';
import * as path from 'node:path';
import type { AssertionAlgorithm } from './assertion';
import { loadCertificateBytes } from './certificate';
import type { ClientCredential } from './client';
import { configError } from './errors';
import { resolveSecret, SecretEnvironment, SecretLookup } from './secrets';

export type CredentialPlan =
  | { kind: 'secret'; configValue?: string; configKey: string }
  | { kind: 'certificate-file'; path: string; password?: string }
  | { kind: 'certificate-base64'; value: string; password?: string }
  | { kind: 'federated-file'; path?: string }
  | { kind: 'unusable'; sourceType: string; title: string; explanation: string; fix: string }
  | { kind: 'skip'; reason: string };

function get(entry: Record<string, unknown>, key: string): unknown {
  const k = Object.keys(entry).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : entry[k];
}

function str(entry: Record<string, unknown>, key: string): string | undefined {
  const v = get(entry, key);
  return typeof v === 'string' && v.trim() ? v : undefined;
}

const SOURCE_TYPES = [
  'Certificate', 'KeyVault', 'Base64Encoded', 'Path', 'StoreWithThumbprint', 'StoreWithDistinguishedName', 'ClientSecret',
  'SignedAssertionFromManagedIdentity', 'SignedAssertionFilePath', 'SignedAssertionFromVault', 'AutoDecryptKeys',
  'CustomSignedAssertion', 'ManagedCertificate', 'StoreWithSubjectName',
];

/** SourceType as a name: accepts the enum name (any case) or its number. */
export function sourceTypeName(v: unknown): string | undefined {
  if (typeof v === 'number') return SOURCE_TYPES[v];
  if (typeof v !== 'string') return undefined;
  if (/^\d+$/.test(v.trim())) return SOURCE_TYPES[Number(v)];
  return SOURCE_TYPES.find((s) => s.toLowerCase() === v.trim().toLowerCase());
}

const EXPORT_FIX =
  'To test from here, export the certificate with its private key to a .pfx (or PEM) and use it as a Path credential (CLI: --certificate FILE --certificate-password-env VAR), or test with a client secret.';

/** What to do with one credential description; `keyPath` names it in messages ("AzureAd:ClientCredentials:0"). */
export function planCredential(entry: Record<string, unknown>, keyPath: string): CredentialPlan {
  if (get(entry, 'Skip') === true) return { kind: 'skip', reason: `${keyPath} has Skip: true` };
  const raw = get(entry, 'SourceType');
  const type = sourceTypeName(raw);
  if (!type) {
    return {
      kind: 'unusable',
      sourceType: String(raw ?? '(none)'),
      title: 'Unknown credential SourceType',
      explanation: `${keyPath}: SourceType '${String(raw ?? '')}' is not one Microsoft.Identity.Web knows.`,
      fix: `Use one of ${SOURCE_TYPES.filter((s) => !['Certificate', 'AutoDecryptKeys', 'ManagedCertificate'].includes(s)).join(', ')}.`,
    };
  }
  const password = str(entry, 'CertificatePassword');
  switch (type) {
    case 'ClientSecret':
      return { kind: 'secret', configValue: str(entry, 'ClientSecret'), configKey: `${keyPath}:ClientSecret` };
    case 'Path': {
      const p = str(entry, 'CertificateDiskPath');
      if (!p) return { kind: 'unusable', sourceType: type, title: 'CertificateDiskPath missing', explanation: `${keyPath} has SourceType Path but no CertificateDiskPath.`, fix: 'Set CertificateDiskPath to the .pfx file.' };
      return { kind: 'certificate-file', path: p, password };
    }
    case 'Base64Encoded': {
      const v = str(entry, 'Base64EncodedValue');
      if (!v) return { kind: 'unusable', sourceType: type, title: 'Base64EncodedValue missing', explanation: `${keyPath} has SourceType Base64Encoded but no Base64EncodedValue.`, fix: 'Set Base64EncodedValue to the base64 of the .pfx.' };
      return { kind: 'certificate-base64', value: v, password };
    }
    case 'SignedAssertionFilePath':
      return { kind: 'federated-file', path: str(entry, 'SignedAssertionFileDiskPath') };
    case 'KeyVault':
    case 'SignedAssertionFromVault':
      return {
        kind: 'unusable',
        sourceType: type,
        title: 'Certificate in Azure Key Vault',
        explanation: `${keyPath} loads certificate '${str(entry, 'KeyVaultCertificateName') ?? '?'}' from Key Vault ${str(entry, 'KeyVaultUrl') ?? ''} at run time, with the app's own Azure identity. Entra App Doctor does not fetch certificates from Key Vault.`,
        fix: EXPORT_FIX,
      };
    case 'StoreWithThumbprint':
    case 'StoreWithDistinguishedName':
    case 'StoreWithSubjectName':
    case 'Certificate':
      return {
        kind: 'unusable',
        sourceType: type,
        title: 'Certificate in the Windows certificate store',
        explanation: `${keyPath} loads a certificate from the certificate store ${str(entry, 'CertificateStorePath') ?? ''} (${str(entry, 'CertificateThumbprint') ?? str(entry, 'CertificateDistinguishedName') ?? str(entry, 'CertificateSubjectName') ?? ''}). That store is not readable from the editor or this CLI.`,
        fix: EXPORT_FIX,
      };
    case 'SignedAssertionFromManagedIdentity':
      return {
        kind: 'unusable',
        sourceType: type,
        title: 'Managed identity',
        explanation: `${keyPath} gets its assertion from a managed identity, which exists only on Azure compute (App Service, VM, AKS…); its endpoint is not reachable from your machine.`,
        fix: 'Test on the Azure resource itself, or add a secret/certificate credential for local testing.',
      };
    case 'CustomSignedAssertion':
      return { kind: 'unusable', sourceType: type, title: 'Custom signed assertion', explanation: `${keyPath} uses a custom assertion provider ('${str(entry, 'CustomSignedAssertionProviderName') ?? '?'}') that only exists inside the application.`, fix: EXPORT_FIX };
    default:
      return { kind: 'unusable', sourceType: type, title: `${type} is not a client credential`, explanation: `${keyPath}: ${type} is for decryption or Microsoft-internal use, not for acquiring tokens.`, fix: 'Add a ClientSecret or certificate credential.' };
  }
}

export interface LoadContext extends SecretEnvironment {
  /** Folder of the config file, for relative paths and user secrets. */
  baseDir: string;
  configFile?: string;
  /** Env vars that may hold the secret, tried first. */
  secretEnvVars?: string[];
  userSecretsKeys?: string[];
  /** Env var with the certificate password (wins over the config's CertificatePassword). */
  passwordEnvVar?: string;
  prompt?: SecretLookup['prompt'];
  algorithm?: AssertionAlgorithm;
  sendX5C?: boolean;
}

/** Turns a plan into a ready credential, reading files and secret sources. Returns warnings too. */
export async function loadCredential(plan: CredentialPlan, ctx: LoadContext): Promise<{ credential: ClientCredential; warnings: string[]; secrets: string[] }> {
  switch (plan.kind) {
    case 'secret': {
      const r = await resolveSecret(
        {
          envVars: ctx.secretEnvVars,
          config: plan.configValue !== undefined && ctx.configFile ? { value: plan.configValue, file: path.basename(ctx.configFile), key: plan.configKey } : undefined,
          userSecrets: { project: ctx.baseDir, keys: ctx.userSecretsKeys ?? [plan.configKey] },
          prompt: ctx.prompt,
        },
        ctx,
      );
      return { credential: { kind: 'secret', secret: r.value, source: r.source.label }, warnings: r.warnings, secrets: [r.value] };
    }
    case 'certificate-file':
    case 'certificate-base64': {
      const password = (ctx.passwordEnvVar ? ctx.env[ctx.passwordEnvVar] : undefined) ?? plan.password;
      const warnings: string[] = [];
      if (plan.password && !(ctx.passwordEnvVar && ctx.env[ctx.passwordEnvVar])) {
        warnings.push('The certificate password is stored in the configuration file; keep it in an environment variable or user secrets instead.');
      }
      let bytes: Buffer;
      let origin: string;
      if (plan.kind === 'certificate-file') {
        const file = path.resolve(ctx.baseDir, plan.path);
        origin = `file ${plan.path}`;
        // The path may come from a cloned repository's config: bounded read (no FIFO hang, no 100 MB read).
        const read = await nodeHost.readFile(file);
        if (!read) {
          throw configError('credential/certificate-file', 'Cannot read the certificate file', `${file}: ${(await describeUnreadable(file)) ?? 'cannot be read'}.`, 'Check CertificateDiskPath (relative paths are resolved from the config file’s folder).');
        }
        bytes = Buffer.from(read.buffer, read.byteOffset, read.byteLength);
      } else {
        origin = 'Base64EncodedValue';
        bytes = Buffer.from(plan.value, 'base64');
      }
      const certificate = await loadCertificateBytes(bytes, { password, origin });
      if (certificate.notAfter.getTime() < Date.now()) warnings.push(`The certificate (${certificate.sha1Hex}) expired on ${certificate.notAfter.toISOString().slice(0, 10)}.`);
      return {
        credential: { kind: 'certificate', certificate, source: origin, algorithm: ctx.algorithm, sendX5C: ctx.sendX5C },
        warnings,
        secrets: password ? [password] : [],
      };
    }
    case 'federated-file': {
      const file = plan.path ?? ctx.env.AZURE_FEDERATED_TOKEN_FILE;
      if (!file) {
        throw configError('credential/assertion-file', 'No federated token file', 'SignedAssertionFilePath has no SignedAssertionFileDiskPath and AZURE_FEDERATED_TOKEN_FILE is not set.', 'Set AZURE_FEDERATED_TOKEN_FILE or SignedAssertionFileDiskPath to the token file.');
      }
      const source = plan.path ? `file ${plan.path} (SignedAssertionFileDiskPath)` : `file ${file} (AZURE_FEDERATED_TOKEN_FILE)`;
      return { credential: { kind: 'federated', file: path.resolve(ctx.baseDir, file), source }, warnings: [], secrets: [] };
    }
    case 'unusable':
      throw configError(`credential/unusable-${plan.sourceType.toLowerCase()}`, plan.title, plan.explanation, plan.fix);
    case 'skip':
      throw configError('credential/skipped', 'Credential skipped', plan.reason, 'Remove Skip or add another credential.');
  }
}
