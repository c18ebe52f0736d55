// One activation in a fresh process: `require(extension)` + `activate()` with a stub `vscode` module, or
// (baseline) `require` of an empty module. Prints { ms, scannedBeforeReturn, scannedLater, loaded } as
// JSON; `loaded`: the files of the extension's folder that were required when activate returned (the
// lazily loaded bundles must not be among them).
// Usage: node bench/activate.cjs <extension.js | empty> [command ID | hover]...
//   With command IDs (registered by activate), runs them afterwards, one after the other, and adds their
//   `results` and `loadedAfter`; `hover` asks the registered hover provider about a scope value instead,
//   `codeActions` asks the code action provider about ./appsettings.json (as on disk) for its fix-all,
//   `codeLens` the CodeLens provider about a two-section file (tests use this to check that a command,
//   hover, code action or lens loads its bundle and works).
//   BENCH_EXTENSION_MODE=3 activates in test mode (ExtensionMode.Test: the test seams are registered).
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
const registered = new Map();
const hoverProviders = [];
const codeActionProviders = [];
const codeLensProviders = [];
const folder = { uri: { fsPath: process.cwd(), scheme: 'file', toString: () => `file://${process.cwd()}` }, name: 'ws', index: 0 };
const configuration = { get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => undefined };
const api = {};
for (const name of API_NAMES) api[name] = stub(name);
// A plain object at the top, as VS Code's API object is (only its members are permissive stubs).
const vscode = Object.assign(api, {
  workspace: new Proxy(
    {
      workspaceFolders: [folder],
      getWorkspaceFolder: () => folder,
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
  languages: new Proxy(
    {
      registerHoverProvider: (_selector, provider) => (hoverProviders.push(provider), { dispose() {} }),
      registerCodeActionsProvider: (_selector, provider) => (codeActionProviders.push(provider), { dispose() {} }),
      registerCodeLensProvider: (_selector, provider) => (codeLensProviders.push(provider), { dispose() {} }),
    },
    { get: (t, k) => (k in t ? t[k] : stub(`languages.${String(k)}`)) },
  ),
  commands: new Proxy(
    {
      registerCommand: (id, fn) => (registered.set(id, fn), { dispose() {} }),
      executeCommand: async (id, ...args) => registered.get(id)?.(...args),
      getCommands: async () => [...registered.keys()],
    },
    { get: (t, k) => (k in t ? t[k] : stub(`commands.${String(k)}`)) },
  ),
  env: { language: 'en', uiKind: 1, remoteName: undefined, appName: 'stub' },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  MarkdownString: class MarkdownString {
    constructor(value) {
      this.value = value;
    }
  },
  Hover: class Hover {
    constructor(contents) {
      this.contents = contents;
    }
  },
  CodeActionKind: (() => {
    class CodeActionKind {
      constructor(value) {
        this.value = value;
      }
      append(part) {
        return new CodeActionKind(`${this.value}.${part}`);
      }
      contains(other) {
        return other.value === this.value || other.value.startsWith(`${this.value}.`);
      }
    }
    return Object.assign(CodeActionKind, { Empty: new CodeActionKind(''), QuickFix: new CodeActionKind('quickfix'), SourceFixAll: new CodeActionKind('source.fixAll') });
  })(),
  CodeLens: class CodeLens {
    constructor(range, command) {
      this.range = range;
      this.command = command;
    }
  },
  CodeAction: class CodeAction {
    constructor(title, kind) {
      this.title = title;
      this.kind = kind;
    }
  },
  WorkspaceEdit: class WorkspaceEdit {
    edits = [];
    replace(_uri, range, newText) {
      this.edits.push({ range, newText });
    }
  },
  Range: class Range {
    constructor(a, b, c, d) {
      if (typeof a === 'object') Object.assign(this, { start: a, end: b });
      else Object.assign(this, { start: { line: a, character: b }, end: { line: c, character: d } });
    }
  },
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
  globalState: { get: (_k, d) => d, update: async () => undefined, keys: () => [] },
  workspaceState: { get: (_k, d) => d, update: async () => undefined, keys: () => [] },
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: emitter() },
  asAbsolutePath: (p) => path.resolve(__dirname, '..', p),
  storageUri: undefined,
  globalStorageUri: { fsPath: '/tmp', scheme: 'file' },
  logUri: { fsPath: '/tmp', scheme: 'file' },
  extensionMode: Number(process.env.BENCH_EXTENSION_MODE ?? 1),
};
// The Node built-ins the extension requires while it loads and activates (http/https/crypto belong to the
// commands' bundle, loaded on first use).
const builtins = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  if (Module.isBuiltin(request)) builtins.add(request.replace(/^node:/, ''));
  return load.call(this, request, ...rest);
};
const t0 = process.hrtime.bigint();
if (target === 'empty') {
  require('./empty.cjs');
} else {
  const ext = require(path.resolve(target));
  ext.activate(context);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
returned = true;
Module._load = load;
const dir = path.dirname(path.resolve(target));
const loadedNow = () => (target === 'empty' ? [] : Object.keys(require.cache).filter((f) => f.startsWith(dir + path.sep)).map((f) => path.relative(dir, f)).sort());
const loaded = loadedNow();
async function runCommand(command) {
  if (command === 'hover') {
    const text = '{ "AzureAd": { "Scopes": "https://graph.microsoft.com/.default" } }';
    const offset = text.indexOf('graph.microsoft');
    const document = { getText: () => text, offsetAt: () => offset, positionAt: (o) => ({ line: 0, character: o }), uri: { scheme: 'file', fsPath: 'appsettings.json' } };
    const hovers = await Promise.all(hoverProviders.map((p) => p.provideHover(document, { line: 0, character: offset }, {})));
    return hovers.filter((h) => h !== undefined).map((h) => h.contents.value);
  }
  if (command === 'codeActions') {
    const fsPath = path.join(process.cwd(), 'appsettings.json');
    const document = { uri: { scheme: 'file', fsPath, toString: () => `file://${fsPath}` }, version: 1 };
    const context = { diagnostics: [], only: undefined, triggerKind: 1 };
    const actions = (await Promise.all(codeActionProviders.map((p) => p.provideCodeActions(document, undefined, context, {})))).flat();
    return actions.map((a) => ({ title: a.title, kind: a.kind?.value, edits: a.edit?.edits.map((e) => e.newText) }));
  }
  if (command === 'codeLens') {
    const text = '{\n  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId": "c" },\n  "DownstreamApis": { "Graph": { "Scopes": ["https://graph.microsoft.com/.default"] } }\n}';
    const lineOf = (o) => text.slice(0, o).split('\n').length - 1;
    const document = { getText: () => text, positionAt: (o) => ({ line: lineOf(o), character: 0 }), uri: { scheme: 'file', toString: () => 'file:///ws/appsettings.json' } };
    const lenses = (await Promise.all(codeLensProviders.map((p) => p.provideCodeLenses(document, {})))).flat();
    return lenses.map((l) => ({ ...l.command, line: l.range.start.line }));
  }
  if (!registered.has(command)) throw new Error(`${command} is not registered`);
  return registered.get(command)();
}
// Let the deferred scan run against the stub (it must start, just not before activate returns), then report.
setTimeout(async () => {
  const out = { ms, scannedBeforeReturn: scanned, scannedLater, loaded, builtins: [...builtins].sort(), registered: [...registered.keys()].sort() };
  const commands = process.argv.slice(3);
  if (commands.length) {
    out.results = [];
    for (const command of commands) out.results.push(await runCommand(command));
    out.loadedAfter = loadedNow();
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
}, 50);
