// One build script for every bundle: the extension host, the CLI and the webview.
import * as esbuild from 'esbuild';

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
 * dist/tools.js, the hover texts from dist/hover.js. VS Code 1.90 loads CommonJS, where esbuild cannot
 * split chunks: the bundles share no state (lazyTools passes what the tools need).
 */
const lazyExtensionParts = {
  name: 'lazy-extension-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\/(tools|hover)$/ }, (args) =>
      args.kind === 'require-call' && /[\\/]src[\\/]extension[\\/]lazyTools\.ts$/.test(args.importer) ? { path: `${args.path}.js`, external: true } : undefined,
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

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  // jsonc-parser's UMD entry breaks when bundled; its ESM entry does not.
  mainFields: ['module', 'main'],
  plugins: [problemMatcher],
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    plugins: [problemMatcher, lazyExtensionParts, oneVscodeApi],
  },
  {
    ...common,
    entryPoints: ['src/extension/tools.ts'],
    outfile: 'dist/tools.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    plugins: [problemMatcher, lazyForge, oneVscodeApi],
  },
  {
    ...common,
    entryPoints: ['src/extension/hover.ts'],
    outfile: 'dist/hover.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    plugins: [problemMatcher, oneVscodeApi],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [problemMatcher, lazyForge],
  },
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
