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
    plugins: [problemMatcher, lazyForge],
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
