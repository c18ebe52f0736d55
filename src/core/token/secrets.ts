// Where a client secret comes from, tried in order: an environment variable, the config
// file (with a warning), .NET user secrets, then an interactive prompt (the extension
// plugs SecretStorage / a password box into it). The result always names its source.
import * as os from 'node:os';
import { configError } from './errors';
import { findUserSecretsId, readUserSecrets, userSecretsPath } from './user-secrets';

export type SecretSourceKind = 'env' | 'config' | 'user-secrets' | 'prompt';

export interface SecretSource {
  kind: SecretSourceKind;
  /** Human description: "environment variable ENTRA_CLIENT_SECRET". */
  label: string;
}

export interface SecretLookup {
  /** Environment variable names to try, in order (e.g. the --secret-env name, AzureAd__ClientSecret). */
  envVars?: string[];
  /** The value found in the configuration file, with where it is. */
  config?: { value: string; file: string; key: string };
  /** Project folder or .csproj, and configuration keys to look up ("AzureAd:ClientSecret"). */
  userSecrets?: { project: string; keys: string[] };
  /** Last resort: ask (password box / SecretStorage). Return undefined when the user cancels. */
  prompt?: (why: string) => Promise<{ value: string; label?: string } | undefined>;
}

export interface ResolvedSecret {
  value: string;
  source: SecretSource;
  warnings: string[];
  /** Sources that were looked at and had nothing, for "where did you look?" messages. */
  tried: string[];
}

export interface SecretEnvironment {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homeDir?: string;
}

/** Values that are obviously not a real secret (empty, template placeholders). */
export function isPlaceholderSecret(v: string): boolean {
  const s = v.trim();
  return (
    s === '' ||
    /^\[.*\]$/.test(s) ||
    /^<.*>$/.test(s) ||
    /enter[_ ]the[_ ]client[_ ]secret|secret-from-|your[-_ ]client[-_ ]secret|client secret value/i.test(s)
  );
}

export async function resolveSecret(lookup: SecretLookup, where: SecretEnvironment): Promise<ResolvedSecret> {
  const tried: string[] = [];
  const warnings: string[] = [];
  for (const name of lookup.envVars ?? []) {
    const v = where.env[name];
    if (v !== undefined && v !== '') return { value: v, source: { kind: 'env', label: `environment variable ${name}` }, warnings, tried };
    tried.push(`environment variable ${name} (not set)`);
  }
  if (lookup.config) {
    const { value, file, key } = lookup.config;
    if (!isPlaceholderSecret(value)) {
      warnings.push(
        `The client secret is stored in ${file} (${key}). Config files end up in source control and backups; move it to .NET user-secrets or an environment variable.`,
      );
      return { value, source: { kind: 'config', label: `${file} (${key})` }, warnings, tried };
    }
    tried.push(`${file} (${key}) holds a placeholder`);
  }
  if (lookup.userSecrets) {
    const found = await findUserSecretsId(lookup.userSecrets.project);
    if (!found) tried.push(`.NET user secrets (no <UserSecretsId> in a project file at ${lookup.userSecrets.project})`);
    else {
      const file = userSecretsPath(found.id, where.platform ?? process.platform, where.env, where.homeDir ?? os.homedir());
      const map = file ? await readUserSecrets(file) : undefined;
      if (!map) tried.push(`.NET user secrets ${found.id} (no secrets.json)`);
      else {
        for (const key of lookup.userSecrets.keys) {
          const v = map.get(key.toLowerCase());
          if (v !== undefined && !isPlaceholderSecret(v)) {
            return { value: v, source: { kind: 'user-secrets', label: `.NET user secrets ${found.id} (${key})` }, warnings, tried };
          }
        }
        tried.push(`.NET user secrets ${found.id} (no ${lookup.userSecrets.keys.join(' / ')})`);
      }
    }
  }
  if (lookup.prompt) {
    const got = await lookup.prompt(`No client secret found (${tried.join('; ') || 'no source configured'}).`);
    if (got && got.value) return { value: got.value, source: { kind: 'prompt', label: got.label ?? 'the password prompt' }, warnings, tried };
    tried.push('prompt (cancelled)');
  }
  throw configError(
    'credential/no-secret',
    'No client secret found',
    `Looked in: ${tried.join('; ') || 'nowhere (no source configured)'}.`,
    'Put the secret in an environment variable (CLI: --secret-env VAR) or in .NET user-secrets (dotnet user-secrets set "AzureAd:ClientSecret" "<value>").',
  );
}
