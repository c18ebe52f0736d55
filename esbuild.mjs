// One build script for every bundle: the extension host, the CLI and the webview.
import * as esbuild from 'esbuild';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors as file:line:col so editors' problem matchers pick them up. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

/**
 * jsonc-parser's TypeScript enums compiled to `var E; (function (E) { E[E["A"] = 1] = "A"; … })(E || (E = {}));`
 * are statements a bundler must keep even when nothing reads E (its own code uses the inlined numbers):
 * ~3 KB, the 80-member CharacterCodes among them, in every bundle with the linter. Rewritten to the same
 * object built by a call marked pure, `var E = (function (E) { …; return E; })({})`, esbuild drops those
 * nobody reads and keeps the others as they were.
 */
const pureJsoncEnums = {
  name: 'pure-jsonc-enums',
  setup(build) {
    build.onLoad({ filter: /[\\/]jsonc-parser[\\/]lib[\\/]esm[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source.replace(
        /(export )?var (\w+);\s*\(function \(\2\) \{([\s\S]*?)\}\)\(\2 \|\| \(\2 = \{\}\)\);/g,
        (_, exported, name, body) => `${exported ?? ''}var ${name} = /* @__PURE__ */ (function (${name}) {${body}return ${name};})({});`,
      );
      return { contents, loader: 'js' };
    });
  },
};

/**
 * node-forge (~250 KB) is only needed to read PFX files: bundles load it from dist/forge.js on first
 * use instead of parsing it at every start (the CLI's cold path and the extension's activation).
 */
const lazyForge = {
  name: 'lazy-forge',
  setup(build) {
    build.onResolve({ filter: /^node-forge$/ }, () => ({ path: './forge.js', external: true }));
  },
};

/**
 * What the extension's activation does not need is bundled apart and required by src/extension/lazyTools.ts
 * on first use: the commands (token client, JWT inspection, inspector, consent, user secrets) from
 * dist/tools.js, the hover texts from dist/hover.js, the code actions and the lenses' sections from dist/editor.js.
 * VS Code 1.90 loads CommonJS, where esbuild cannot split chunks: the bundles share no state (lazyTools
 * passes what they need: the tools their context, the code actions the LintController).
 */
const lazyExtensionParts = {
  name: 'lazy-extension-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\/(tools|hover|editor)$/ }, (args) =>
      args.kind === 'require-call' && /[\\/]src[\\/]extension[\\/](lazyTools|codeLens)\.ts$/.test(args.importer) ? { path: `${args.path}.js`, external: true } : undefined,
    );
  },
};

/**
 * One copy of the VS Code API per bundle: esbuild's CommonJS interop copies the ~300 names of
 * `require('vscode')` into a new object for every module that does `import * as vscode from 'vscode'`
 * (a dozen at activation). Routing them through one re-exporting module makes that one copy.
 */
const oneVscodeApi = {
  name: 'one-vscode-api',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/**
 * The CLI is a small dispatcher (dist/cli.js) and one bundle per command (dist/cli-<name>.js), required
 * when the command runs: a one-shot `entra-doctor token` compiles only the token stack, not the lint rules.
 * What a command loads with import() only on some paths is a bundle of its own too (CLI_LAZY): the token
 * command's output half (JWT decoding and diagnosis), which it compiles while Entra answers, and the config
 * model, which only --config needs. These hold no state shared with the command's bundle.
 */
const CLI_COMMANDS = ['lint', 'token', 'decode', 'consent-url'];
const CLI_LAZY = { 'src/cli/commands/token-output.ts': 'cli-token-output', 'src/core/config/index.ts': 'cli-config' };
const cliSplit = {
  name: 'cli-split',
  setup(build) {
    // Paths compared by their end: the benchmarks build through a folder of symbolic links to src/.
    const posix = (p) => p.split(sep).join('/');
    build.onResolve({ filter: /^\./ }, (args) => {
      const from = posix(args.importer);
      if (from.endsWith('/src/cli/run.ts')) {
        const name = /^\.\/commands\/([a-z-]+)$/.exec(args.path)?.[1];
        return name && CLI_COMMANDS.includes(name) ? { path: `./cli-${name}.js`, external: true } : undefined;
      }
      if (args.kind !== 'dynamic-import' || !from.includes('/src/cli/commands/')) return undefined;
      const target = posix(resolve(args.resolveDir, args.path));
      const lazy = Object.entries(CLI_LAZY).find(([entry]) => [`${target}.ts`, `${target}/index.ts`].some((f) => f.endsWith(`/${entry}`)));
      return lazy ? { path: `./${lazy[1]}.js`, external: true } : undefined;
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  // jsonc-parser's UMD entry breaks when bundled; its ESM entry does not.
  mainFields: ['module', 'main'],
  plugins: [problemMatcher, pureJsoncEnums],
};

const cliTarget = (entry, outfile, plugins) => ({
  ...common,
  entryPoints: [entry],
  outfile,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() of another bundle becomes require('./cli-….js'), not Node's ESM loader.
  supported: { 'dynamic-import': false },
  plugins,
});

const targets = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    plugins: [problemMatcher, pureJsoncEnums, lazyExtensionParts, oneVscodeApi],
  },
  {
    ...common,
    entryPoints: ['src/extension/tools.ts'],
    outfile: 'dist/tools.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    plugins: [problemMatcher, pureJsoncEnums, lazyForge, oneVscodeApi],
  },
  {
    ...common,
    entryPoints: ['src/extension/hover.ts'],
    outfile: 'dist/hover.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    plugins: [problemMatcher, pureJsoncEnums, oneVscodeApi],
  },
  {
    ...common,
    entryPoints: ['src/extension/editor.ts'],
    outfile: 'dist/editor.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    plugins: [problemMatcher, pureJsoncEnums, oneVscodeApi],
  },
  { ...cliTarget('src/cli/main.ts', 'dist/cli.js', [problemMatcher, pureJsoncEnums, cliSplit]), banner: { js: '#!/usr/bin/env node' } },
  ...CLI_COMMANDS.map((name) => cliTarget(`src/cli/commands/${name}.ts`, `dist/cli-${name}.js`, [problemMatcher, pureJsoncEnums, cliSplit, lazyForge])),
  ...Object.entries(CLI_LAZY).map(([entry, name]) => cliTarget(entry, `dist/${name}.js`, [problemMatcher, pureJsoncEnums, lazyForge])),
  {
    ...common,
    stdin: { contents: "module.exports = require('node-forge');", resolveDir: '.', loader: 'js' },
    outfile: 'dist/forge.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  },
];

import { existsSync } from 'node:fs';
const present = targets.filter((t) => !t.entryPoints || existsSync(t.entryPoints[0]));

if (watch) {
  for (const t of present) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(present.map((t) => esbuild.build(t)));
}
