// Shared pieces of the robustness suite: raw loopback servers that count what reaches them,
// the built CLI spawned asynchronously (the servers live in this process), a leak-free check,
// and the figures that docs/SECURITY.md quotes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

/** The shared corpus sits next to the checkout; tests that need it skip where it is absent. */
export const CORPUS_DIR = [path.resolve(ROOT, '../shared/corpus/appsettings'), path.resolve(process.cwd(), '../shared/corpus/appsettings')].find((d) =>
  existsSync(d),
);

/** Counts for docs/SECURITY.md; printed by the suite when ROBUSTNESS_FIGURES=1. */
export const figures = { inputs: 0, faults: 0, cliRuns: 0, scannedBytes: 0, leaks: 0 };
export function printFigures(where: string): void {
  if (process.env.ROBUSTNESS_FIGURES) process.stdout.write(`[figures] ${where}: ${JSON.stringify(figures)}\n`);
}

let built = false;
/** Builds dist/cli.js once per run (the tests exercise the real bundle). */
export function buildCli(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  built = true;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously (spawnSync would block the in-process servers it talks to). */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; killAfterMs?: number } = {}): Promise<CliRun> {
  figures.cliRuns++;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), NO_COLOR: '1', ...opts.env },
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? -1 : -2), stdout, stderr });
    });
  });
}

/** A TCP server on loopback that records every connection; `handle` decides what each one gets. */
export class LoopbackServer {
  connections = 0;
  requests = 0;
  /** Bytes the server managed to hand to the kernel for each connection, in order. */
  bytesSent: number[] = [];
  private readonly sockets = new Set<net.Socket>();
  private constructor(private readonly server: net.Server) {}

  static async raw(handle: (socket: net.Socket, srv: LoopbackServer) => void, host = '127.0.0.1'): Promise<LoopbackServer> {
    let self: LoopbackServer | undefined;
    const server = net.createServer((socket) => {
      const s = self!;
      s.connections++;
      s.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        s.sockets.delete(socket);
        s.bytesSent.push(socket.bytesWritten);
      });
      handle(socket, s);
    });
    self = new LoopbackServer(server);
    await new Promise<void>((r) => server.listen(0, host, r));
    return self;
  }

  /** An HTTP server that counts requests (each one, including retries on kept-alive sockets). */
  static async http(handle: (req: http.IncomingMessage, res: http.ServerResponse, srv: LoopbackServer) => void, host = '127.0.0.1'): Promise<LoopbackServer> {
    let self: LoopbackServer | undefined;
    const server = http.createServer((req, res) => {
      self!.requests++;
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => handle(Object.assign(req, { body }), res, self!));
    });
    server.on('connection', (socket) => {
      const s = self!;
      s.connections++;
      s.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        s.sockets.delete(socket);
        s.bytesSent.push(socket.bytesWritten);
      });
    });
    self = new LoopbackServer(server);
    await new Promise<void>((r) => server.listen(0, host, r));
    return self;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get hostPort(): string {
    const a = this.server.address() as net.AddressInfo;
    return `${a.address}:${a.port}`;
  }

  /** Idempotent: destroys every open connection and stops listening. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((r) => this.server.close(() => r()));
    while (this.sockets.size) await new Promise((r) => setImmediate(r));
  }
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Active handles of kinds that would keep a CLI alive or leak in the extension host. */
export function liveResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) {
    if (/TCP|Timeout|GetAddrInfo|TLS|Pipe/i.test(r)) counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}

/**
 * Snapshot to compare against later. Taken after one event-loop turn: mocha arms a promise test's
 * timeout timer only once the test function has returned its promise.
 */
export async function resourcesBefore(): Promise<Record<string, number>> {
  await new Promise((r) => setImmediate(r));
  return liveResources();
}

/** What is still alive beyond `before` once handles had a bounded time to close (empty = nothing left). */
export async function leftBehind(before: Record<string, number>): Promise<Record<string, number>> {
  const extra = (): Record<string, number> => {
    const now = liveResources();
    return Object.fromEntries(Object.entries(now).filter(([k, n]) => n > (before[k] ?? 0)));
  };
  let left = extra();
  for (let i = 0; i < 100 && Object.keys(left).length; i++) {
    await new Promise((r) => setTimeout(r, 10));
    left = extra();
  }
  return left;
}
