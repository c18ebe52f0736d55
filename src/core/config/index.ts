// The configuration model's entry points.
import { collectCodeHints } from './code-hints';
import { findCredentials } from './credentials';
import { findDownstreamApis } from './downstream';
import { basename, dirname, joinPath, nodeHost, type WorkspaceHost } from './host';
import { findIdentities } from './identity';
import type { CodeHints, ConfigDocument, ConfigModel } from './model';
import { isAppSettingsName, parseDocument } from './parse';
import { ProjectCache } from './project';
import { findScopeLists } from './scopes';
import { Memo } from '../memo';

export * from './model';
export { parseDocument, isAppSettingsName, environmentOf } from './parse';
export { getProp, propertiesOf, propertyMap, sameKey, stringValue, booleanValue, stringContentOffset, offsetInString } from './json';
export { ProjectCache } from './project';
export { nodeHost, type WorkspaceHost, type DirEntry } from './host';
export { collectCodeHints } from './code-hints';

/** Identities are found once per document; a family shares them. */
const identityCache = new Memo<ConfigDocument, ReturnType<typeof findIdentities>>();
function identitiesOf(doc: ConfigDocument) {
  let ids = identityCache.get(doc);
  if (!ids) {
    ids = findIdentities(doc);
    identityCache.set(doc, ids);
  }
  return ids;
}

export function emptyHints(projectDir = '.'): CodeHints {
  return { appTokenSections: new Map(), projectDir };
}

/** Builds the model of `doc`, judged with its family (base + overlays; `doc` itself included or not). */
export function buildModel(doc: ConfigDocument, family: ConfigDocument[] = [doc], codeHints: CodeHints = emptyHints()): ConfigModel {
  const members = family.includes(doc) ? family : [doc, ...family];
  const identities = identitiesOf(doc);
  const familyIdentities = members.filter((d) => d !== doc).flatMap(identitiesOf);
  const downstreamApis = findDownstreamApis(doc, identities);
  const scopeLists = findScopeLists(
    { doc, family: members, identities: [...identities, ...familyIdentities], codeHints },
    downstreamApis,
    identities,
  );
  return {
    doc,
    family: members,
    identities,
    familyIdentities,
    scopeLists,
    downstreamApis,
    credentials: findCredentials(identities),
    codeHints,
  };
}

/**
 * Synchronous convenience for tests and one-off checks: `siblings` are other appsettings files of
 * the same folder by name, `code` are C# (or .csproj) files by name.
 */
export function modelFromText(
  text: string,
  options: { path?: string; siblings?: Record<string, string>; code?: Record<string, string> } = {},
): ConfigModel {
  const path = options.path ?? '/workspace/appsettings.json';
  const dir = dirname(path);
  const doc = parseDocument(path, text);
  const family = [doc, ...Object.entries(options.siblings ?? {}).map(([name, t]) => parseDocument(joinPath(dir, name), t))];
  const files = Object.entries(options.code ?? {}).map(([name, t]) => ({ path: joinPath(dir, name), text: t }));
  const project = files.find((f) => /\.csproj$/i.test(f.path));
  const hints = collectCodeHints(dir, files.filter((f) => /\.cs$/i.test(f.path)), project);
  return buildModel(doc, family, hints);
}

export interface LoadOptions {
  host?: WorkspaceHost;
  /** Text of open (possibly unsaved) documents by path; wins over disk. */
  openDocuments?: Map<string, string>;
  /** Text of the file itself, when the caller already has it. */
  text?: string;
  projects?: ProjectCache;
  /** Shared by the files of one run, so a family is read and parsed once rather than once per member. */
  documents?: DocumentCache;
}

/**
 * Parsed documents of one lint run, by folder (families never cross folders), so the caller can drop a
 * folder once its files are done and memory stays bounded on a large workspace. `T` is what a load gives:
 * a promise for loadModel, the document itself for loadModelSync.
 */
export class DocumentCache<T = Promise<ConfigDocument | undefined>> {
  private readonly byDir = new Map<string, Map<string, T>>();

  document(path: string, load: () => T): T {
    const dir = dirname(path);
    let docs = this.byDir.get(dir);
    if (!docs) {
      docs = new Map();
      this.byDir.set(dir, docs);
    }
    if (docs.has(path)) return docs.get(path)!;
    const doc = load();
    docs.set(path, doc);
    return doc;
  }

  forget(dir: string): void {
    this.byDir.delete(dir);
  }
}

async function readDoc(path: string, options: LoadOptions): Promise<ConfigDocument | undefined> {
  const open = options.openDocuments?.get(path);
  if (open !== undefined) return parseDocument(path, open);
  const read = async (): Promise<ConfigDocument | undefined> => {
    const bytes = await (options.host ?? nodeHost).readFile(path);
    return bytes ? parseDocument(path, bytes) : undefined;
  };
  return options.documents ? options.documents.document(path, read) : read();
}

/** Reads a file's family (appsettings.json + appsettings.*.json of the same folder). */
export async function loadFamily(path: string, options: LoadOptions = {}): Promise<ConfigDocument[]> {
  const host = options.host ?? nodeHost;
  const dir = dirname(path);
  const self = basename(path);
  const entries = (await host.readDir(dir)) ?? [];
  const names = entries.filter((e) => !e.isDirectory && isAppSettingsName(e.name) && e.name !== self).map((e) => e.name);
  const docs = await Promise.all(names.sort().map((n) => readDoc(joinPath(dir, n), options)));
  return docs.filter((d): d is ConfigDocument => !!d);
}

/** Loads one file's model; undefined when the file cannot be read. */
export async function loadModel(path: string, options: LoadOptions = {}): Promise<ConfigModel | undefined> {
  const doc = options.text !== undefined ? parseDocument(path, options.text) : await readDoc(path, options);
  if (!doc) return undefined;
  const projects = options.projects ?? new ProjectCache(options.host ?? nodeHost);
  const [siblings, hints] = await Promise.all([
    isAppSettingsName(basename(path)) ? loadFamily(path, options) : Promise.resolve([]),
    projects.hintsFor(path),
  ]);
  return buildModel(doc, [doc, ...siblings], hints);
}
