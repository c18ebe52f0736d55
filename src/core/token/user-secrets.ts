// .NET user secrets: the project's <UserSecretsId> points at a per-user secrets.json
// (~/.microsoft/usersecrets/<id>/secrets.json; %APPDATA%\Microsoft\UserSecrets\<id>\secrets.json
// on Windows). Keys are configuration paths joined with ':' and compared case-insensitively.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { nodeHost } from '../config/host';

/**
 * Project files and secrets.json come from a cloned repository or a path it names: read them through the
 * bounded reader (a FIFO named App.csproj would otherwise block `token --config` forever, a huge one be
 * read whole).
 */
async function readText(file: string): Promise<string | undefined> {
  const bytes = await nodeHost.readFile(file);
  return bytes ? new TextDecoder('utf-8').decode(bytes) : undefined;
}

/** .NET refuses an ID with characters invalid in a file name; '..' would climb out of the secrets folder. */
function isSafeSecretsId(id: string): boolean {
  return id !== '.' && id !== '..' && !/[\\/\u0000-\u001f:*?"<>|]/.test(id);
}

const ID_RE = /<UserSecretsId>\s*([^<\s][^<]*?)\s*<\/UserSecretsId>/i;

/** Finds the UserSecretsId of the project file given, or of the first .csproj in a folder. */
export async function findUserSecretsId(projectPathOrDir: string): Promise<{ id: string; csproj: string } | undefined> {
  let files: string[];
  try {
    const st = await fs.stat(projectPathOrDir);
    if (st.isDirectory()) {
      files = (await fs.readdir(projectPathOrDir)).filter((f) => /\.(cs|fs|vb)proj$/i.test(f)).sort().map((f) => path.join(projectPathOrDir, f));
    } else files = [projectPathOrDir];
  } catch {
    return undefined;
  }
  for (const f of files) {
    const text = await readText(f);
    const m = text === undefined ? undefined : ID_RE.exec(text);
    // An ID that would leave ~/.microsoft/usersecrets (a hostile project file) is not used.
    if (m && isSafeSecretsId(m[1]!)) return { id: m[1]!, csproj: f };
  }
  return undefined;
}

export function userSecretsPath(id: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv, homeDir: string): string | undefined {
  if (platform === 'win32') {
    const appData = env.APPDATA;
    return appData ? path.win32.join(appData, 'Microsoft', 'UserSecrets', id, 'secrets.json') : undefined;
  }
  return path.posix.join(env.HOME || homeDir, '.microsoft', 'usersecrets', id, 'secrets.json');
}

/** Flattens nested JSON into "A:B:0:C" keys, as .NET configuration does. */
export function flattenConfig(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value === null || value === undefined) return out;
  if (Array.isArray(value)) value.forEach((v, i) => flattenConfig(v, prefix ? `${prefix}:${i}` : String(i), out));
  else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenConfig(v, prefix ? `${prefix}:${k}` : k, out);
  } else if (prefix) out.set(prefix, String(value));
  return out;
}

/** Reads secrets.json; undefined when absent or unreadable. Keys lower-cased for lookup. */
export async function readUserSecrets(file: string): Promise<Map<string, string> | undefined> {
  const text = await readText(file);
  if (text === undefined) return undefined;
  try {
    const flat = flattenConfig(JSON.parse(text.replace(/^\uFEFF/, '')));
    return new Map([...flat].map(([k, v]) => [k.toLowerCase(), v]));
  } catch {
    return undefined;
  }
}
