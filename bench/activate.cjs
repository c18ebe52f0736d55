// One activation in a fresh process: `require(extension)` + `activate()` with a stub `vscode` module, or
// (baseline) `require` of an empty module. Prints { ms, scannedBeforeReturn } as JSON.
// Usage: node bench/activate.cjs <extension.js | empty>
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

let scanned = 0;
let scannedLater = 0;
let returned = false;
const noteScan = () => {
  if (returned) scannedLater++;
  else scanned++;
};

/** A permissive stand-in for the VS Code API: any member is a callable, constructible stub that keeps what is assigned to it. */
function stub(name) {
  const own = new Map();
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, key) {
      if (own.has(key)) return own.get(key);
      if (key === 'then' || typeof key === 'symbol') return undefined;
      if (key === 'dispose') return () => undefined;
      if (key === 'prototype') return fn.prototype;
      const v = stub(`${name}.${String(key)}`);
      own.set(key, v);
      return v;
    },
    set(_t, key, value) {
      own.set(key, value);
      return true;
    },
    defineProperty(_t, key, d) {
      own.set(key, d.value ?? (d.get ? d.get() : undefined));
      return true;
    },
    apply() {
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}
// Every top-level name of the real API (esbuild's interop copies own properties, so a bare Proxy is not enough).
const API_NAMES = [
  ...new Set(
    [...fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8').matchAll(/^\t?export (?:declare )?(?:class|namespace|enum|function|const|let) (\w+)/gm)].map((m) => m[1]),
  ),
];
const emitter = () => () => ({ dispose() {} });
const configuration = { get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined };
const api = {};
for (const name of API_NAMES) api[name] = stub(name);
// A plain object at the top, as VS Code's API object is (only its members are permissive stubs).
const vscode = Object.assign(api, {
  workspace: new Proxy(
    {
      workspaceFolders: [{ uri: { fsPath: process.cwd(), scheme: 'file', toString: () => `file://${process.cwd()}` }, name: 'ws', index: 0 }],
      isTrusted: true,
      textDocuments: [],
      getConfiguration: () => configuration,
      findFiles: async () => {
        noteScan();
        return [];
      },
      onDidChangeConfiguration: emitter(),
      onDidChangeTextDocument: emitter(),
      onDidOpenTextDocument: emitter(),
      onDidCloseTextDocument: emitter(),
      onDidSaveTextDocument: emitter(),
      onDidGrantWorkspaceTrust: emitter(),
      onDidChangeWorkspaceFolders: emitter(),
      createFileSystemWatcher: () => stub('watcher'),
      fs: new Proxy({}, { get: () => async () => { noteScan(); throw new Error('stub'); } }),
    },
    { get: (t, k) => (k in t ? t[k] : stub(`workspace.${String(k)}`)) },
  ),
  window: new Proxy({ visibleTextEditors: [], activeTextEditor: undefined }, { get: (t, k) => (k in t ? t[k] : stub(`window.${String(k)}`)) }),
  env: { language: 'en', uiKind: 1, remoteName: undefined, appName: 'stub' },
  version: '1.90.0',
});

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
// Scanning = listing folders (module loading reads files, never lists folders).
for (const name of ['readdir', 'readdirSync', 'opendir', 'opendirSync']) {
  const orig = fs[name];
  fs[name] = function (...args) {
    noteScan();
    return orig.apply(this, args);
  };
  const p = fs.promises[name];
  if (p) fs.promises[name] = (...args) => (noteScan(), p(...args));
}

const target = process.argv[2];
const context = {
  subscriptions: [],
  extensionPath: path.resolve(__dirname, '..'),
  extensionUri: { fsPath: path.resolve(__dirname, '..'), scheme: 'file' },
  globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: emitter() },
  asAbsolutePath: (p) => path.resolve(__dirname, '..', p),
  storageUri: undefined,
  globalStorageUri: { fsPath: '/tmp', scheme: 'file' },
  logUri: { fsPath: '/tmp', scheme: 'file' },
  extensionMode: 1,
};
// BENCH_PRELOAD: node:http, node:https and node:crypto already loaded, as VS Code's extension host has them.
if (process.env.BENCH_PRELOAD) for (const m of ['node:http', 'node:https', 'node:crypto']) require(m);
const t0 = process.hrtime.bigint();
if (target === 'empty') {
  require('./empty.cjs');
} else {
  const ext = require(path.resolve(target));
  ext.activate(context);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
returned = true;
// Let the deferred scan run against the stub (it must start, just not before activate returns), then report.
setTimeout(() => {
  process.stdout.write(`${JSON.stringify({ ms, scannedBeforeReturn: scanned, scannedLater })}\n`);
  process.exit(0);
}, 50);
