// File access for the model: an interface so the extension can serve unsaved editor text, and two Node
// implementations with the same checks: nodeHost (async, for the extension and library callers) and
// syncNodeHost (synchronous, for the one-shot CLI).
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readdirSync, readSync, statSync, type Dirent, type Stats } from 'node:fs';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface WorkspaceHost {
  /** Undefined when missing or unreadable. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** Undefined when missing or unreadable. */
  readDir(path: string): Promise<DirEntry[] | undefined>;
  /** Why readFile gave nothing, in words for the user ("is a folder", "100 MB, over the 16 MB limit"…). */
  explainUnreadable?(path: string): Promise<string | undefined>;
}

/** Files larger than this are not read whole (appsettings files are kilobytes; C# files rarely exceed it). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

function megabytes(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'a loop of symbolic links',
  ENOTDIR: 'a part of the path is not a folder',
  ENAMETOOLONG: 'the path is too long',
};

function describeStat(stat: Stats): string | undefined {
  if (stat.isDirectory()) return 'is a folder, not a file';
  if (!stat.isFile()) return 'is not a regular file (a pipe, socket or device); not read';
  if (stat.size > MAX_FILE_BYTES) return `is ${megabytes(stat.size)}, over the ${megabytes(MAX_FILE_BYTES)} limit for files this tool reads; skipped without reading it`;
  return undefined;
}

function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return ERRNO_WORDS[code] ?? `cannot be read (${code || 'unknown error'})`;
}

/** Why a path cannot be read as a configuration file; undefined when it looks readable. Never reads the content. */
export async function describeUnreadable(path: string): Promise<string | undefined> {
  try {
    return describeStat(await fs.stat(path));
  } catch (err) {
    return describeError(err);
  }
}

/** describeUnreadable with one synchronous stat (which does not block on a pipe: it never opens it). */
export function describeUnreadableSync(path: string): string | undefined {
  try {
    return describeStat(statSync(path));
  } catch (err) {
    return describeError(err);
  }
}

/** O_NONBLOCK keeps a pipe (FIFO) from blocking the open; the descriptor's fstat then refuses it unread. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Symbolic links are not followed: a link loop in a cloned repository must not hang the scan. */
function toEntries(entries: Dirent[]): DirEntry[] {
  const out: DirEntry[] = [];
  for (const e of entries) if (!e.isSymbolicLink()) out.push({ name: e.name, isDirectory: e.isDirectory() });
  return out;
}

export const nodeHost: WorkspaceHost = {
  explainUnreadable: describeUnreadable,
  async readFile(path) {
    // Checked and read through one handle, so a file swapped or grown after the check changes nothing:
    // O_NONBLOCK keeps a pipe from blocking the open, and reading stops one byte past the limit.
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(path, OPEN_FLAGS);
      // fstat of an open descriptor cannot block: synchronously, it saves a thread-pool round trip per file.
      const reads = boundedReads(fstatSync(handle.fd));
      for (let step = reads.next(); ; ) {
        if (step.done) return step.value;
        const { buffer, offset, length } = step.value;
        step = reads.next((await handle.read(buffer, offset, length, offset)).bytesRead);
      }
    } catch {
      return undefined;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
  async readDir(path) {
    try {
      return toEntries(await fs.readdir(path, { withFileTypes: true }));
    } catch {
      return undefined;
    }
  },
};

interface ReadRequest {
  buffer: Buffer;
  offset: number;
  length: number;
}

/**
 * The bounded read of an open descriptor, written once for both hosts: it yields each read it wants
 * (at the file position equal to `offset`) and is handed back the bytes read; it returns the content, or
 * undefined when the descriptor is not a regular file or is over the limit.
 */
function* boundedReads(stat: Stats): Generator<ReadRequest, Uint8Array | undefined, number> {
  if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
  // One byte past the size fstat gave: a file grown since then is read to the limit and refused past it.
  const buffer = Buffer.alloc(Math.min(stat.size, MAX_FILE_BYTES) + 1);
  let length = 0;
  for (;;) {
    const wanted = buffer.length - length;
    const bytesRead = yield { buffer, offset: length, length: wanted };
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length === buffer.length) {
      if (length > MAX_FILE_BYTES) return undefined;
      break;
    }
    // Short of the extra byte with the size fstat gave already read: that is the end, no second read
    // (and, for nodeHost, thread-pool round trip) just to see 0. A short read before that size reads on.
    if (bytesRead < wanted && length >= stat.size) break;
  }
  return buffer.subarray(0, length);
}

/** The bytes of an open descriptor, or undefined when it is not a regular file or is over the limit. */
function readOpenSync(fd: number): Uint8Array | undefined {
  const reads = boundedReads(fstatSync(fd));
  for (let step = reads.next(); ; ) {
    if (step.done) return step.value;
    const { buffer, offset, length } = step.value;
    step = reads.next(readSync(fd, buffer, offset, length, offset));
  }
}

/**
 * The same checks as nodeHost (one descriptor, O_NONBLOCK, fstat before any read, bounded reads) with
 * synchronous calls: for a one-shot process (the CLI) with nothing else to serve, a thread-pool round trip
 * and a FileHandle per open, read and close cost ten times the read itself. The extension keeps nodeHost:
 * its thread serves the editor.
 */
export function readFileSyncBounded(path: string): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, OPEN_FLAGS);
    return readOpenSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed: nothing to release
      }
    }
  }
}

export function readDirSyncNoLinks(path: string): DirEntry[] | undefined {
  try {
    return toEntries(readdirSync(path, { withFileTypes: true }));
  } catch {
    return undefined;
  }
}

export interface SyncWorkspaceHost extends WorkspaceHost {
  readFileSync(path: string): Uint8Array | undefined;
  readDirSync(path: string): DirEntry[] | undefined;
  explainUnreadableSync?(path: string): string | undefined;
}

export const syncNodeHost: SyncWorkspaceHost = {
  readFileSync: readFileSyncBounded,
  readDirSync: readDirSyncNoLinks,
  readFile: (path) => Promise.resolve(readFileSyncBounded(path)),
  readDir: (path) => Promise.resolve(readDirSyncNoLinks(path)),
  explainUnreadable: (path) => Promise.resolve(describeUnreadableSync(path)),
  explainUnreadableSync: describeUnreadableSync,
};

export const SKIPPED_DIRS = new Set(['node_modules', 'bin', 'obj', '.git', '.vs', '.vscode-test', 'packages']);

export function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : i === 0 ? path.slice(0, 1) : '.';
}

export function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export function joinPath(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + name : dir + sep + name;
}
