// loadModel without promises, for a host that reads synchronously (the one-shot CLI): the same family,
// the same project hints and the same model as loadModel in ./index, with no await per file.
import { buildModel, type DocumentCache } from './index';
import { basename, dirname, joinPath, type SyncWorkspaceHost } from './host';
import type { ConfigDocument, ConfigModel } from './model';
import { isAppSettingsName, parseDocument } from './parse';
import type { CodeHints } from './model';
import { loadHints, ProjectCache, type Steps } from './project';

export interface SyncLoadOptions {
  host: SyncWorkspaceHost;
  /** Text of open (possibly unsaved) documents by path; wins over disk. */
  openDocuments?: Map<string, string>;
  /** Text of the file itself, when the caller already has it. */
  text?: string;
  projects?: SyncProjectCache;
  /** Shared by the files of one run, so a family is read and parsed once rather than once per member. */
  documents?: SyncDocumentCache;
}

function runSync<T>(steps: Steps<T>, host: SyncWorkspaceHost): T {
  let next = steps.next();
  while (!next.done) {
    const r = next.value;
    next = steps.next('dir' in r ? host.readDirSync(r.dir) : host.readFileSync(r.file));
  }
  return next.value;
}

/** ProjectCache reading synchronously: the same search, the same hints, no promise. */
export class SyncProjectCache extends ProjectCache {
  constructor(private readonly syncHost: SyncWorkspaceHost) {
    super(syncHost);
  }

  hintsForSync(configPath: string): CodeHints {
    const fileDir = dirname(configPath);
    const cached = this.byFileDir.get(fileDir);
    if (cached && !(cached instanceof Promise)) return cached;
    const hints = runSync(loadHints(fileDir, this.decoder), this.syncHost);
    this.byFileDir.set(fileDir, hints);
    return hints;
  }

  protected override load(fileDir: string): CodeHints | Promise<CodeHints> {
    try {
      return runSync(loadHints(fileDir, this.decoder), this.syncHost);
    } catch (err) {
      return Promise.reject(err);
    }
  }
}

/** The documents of a synchronous run: DocumentCache holding documents rather than promises. */
export type SyncDocumentCache = DocumentCache<ConfigDocument | undefined>;

function readDoc(path: string, options: SyncLoadOptions): ConfigDocument | undefined {
  const open = options.openDocuments?.get(path);
  if (open !== undefined) return parseDocument(path, open);
  const read = (): ConfigDocument | undefined => {
    const bytes = options.host.readFileSync(path);
    return bytes ? parseDocument(path, bytes) : undefined;
  };
  return options.documents ? options.documents.document(path, read) : read();
}

/** The file's family: appsettings.json + appsettings.*.json of the same folder, by name, itself excluded. */
export function loadFamilySync(path: string, options: SyncLoadOptions): ConfigDocument[] {
  const dir = dirname(path);
  const self = basename(path);
  const names: string[] = [];
  for (const e of options.host.readDirSync(dir) ?? []) if (!e.isDirectory && isAppSettingsName(e.name) && e.name !== self) names.push(e.name);
  const docs: ConfigDocument[] = [];
  for (const n of names.sort()) {
    const d = readDoc(joinPath(dir, n), options);
    if (d) docs.push(d);
  }
  return docs;
}

/** One file's model; undefined when the file cannot be read. */
export function loadModelSync(path: string, options: SyncLoadOptions): ConfigModel | undefined {
  const doc = options.text !== undefined ? parseDocument(path, options.text) : readDoc(path, options);
  if (!doc) return undefined;
  const projects = options.projects ?? new SyncProjectCache(options.host);
  const siblings = isAppSettingsName(basename(path)) ? loadFamilySync(path, options) : [];
  const hints = projects.hintsForSync(path);
  return buildModel(doc, [doc, ...siblings], hints);
}
