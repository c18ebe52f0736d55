// The extension's cost to VS Code: minified bundle size (node-forge must stay out of it), and activation
// in a fresh process — require(dist/extension.js) + activate() with a stub `vscode` — against require of an empty module.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from './report';
import { interleavedRuns, summarize } from './stats';

interface Activation {
  ms: number;
  scannedBeforeReturn: number;
  scannedLater: number;
}

function activateOnce(target: string, preload = false): Activation {
  const r = spawnSync(process.execPath, [join(__dirname, 'activate.cjs'), target], {
    cwd: join(__dirname, '.work'),
    encoding: 'utf8',
    env: { ...process.env, ...(preload ? { BENCH_PRELOAD: '1' } : {}) },
  });
  if (r.status !== 0) throw new Error(`activation of ${target} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim()) as Activation;
}

export async function extensionRows(dist: string, quick: boolean, log: (s: string) => void): Promise<Row[]> {
  const bundle = join(dist, 'extension.js');
  const kb = statSync(bundle).size / 1024;
  const text = readFileSync(bundle, 'utf8');
  // node-forge's OID table (the PKCS#12 shrouded-key-bag OID): only the PFX parser carries it.
  const forgeInside = text.includes('1.2.840.113549.1.12.10.1.2');
  const loadsForgeLazily = text.includes('./forge.js');
  log(`extension.bundle: ${kb.toFixed(1)} KB, forge inside: ${forgeInside}, forge.js loaded lazily: ${loadsForgeLazily}`);
  const rows: Row[] = [
    {
      id: 'extension.bundle',
      what: '`dist/extension.js`, `node esbuild.mjs --production` (minified); node-forge only in `dist/forge.js`',
      unit: 'KB',
      baselineWhat: '—',
      value: summarize([kb]),
      target: '≤ 150 KB, PFX parser lazy',
      pass: kb <= 150 && !forgeInside && loadsForgeLazily,
    },
  ];
  const scans: number[] = [];
  let laterScans = 0;
  activateOnce(bundle);
  activateOnce('empty');
  const { a, b } = await interleavedRuns(
    () => {
      const r = activateOnce(bundle);
      scans.push(r.scannedBeforeReturn);
      laterScans += r.scannedLater;
      return r.ms;
    },
    () => activateOnce('empty').ms,
    quick ? 5 : 21,
  );
  const value = summarize(a);
  const baseline = summarize(b);
  const above = value.median - baseline.median;
  const scanned = Math.max(...scans);
  // For the note: the same with the node modules VS Code's extension host has already loaded.
  const pre = await interleavedRuns(() => activateOnce(bundle, true).ms, () => activateOnce('empty', true).ms, quick ? 3 : 11);
  const preAbove = summarize(pre.a).median - summarize(pre.b).median;
  log(`extension.activation with node:http/https/crypto preloaded: +${preAbove.toFixed(1)} ms`);
  log(`extension.activation: ${value.median.toFixed(1)} ms vs ${baseline.median.toFixed(2)} ms (+${above.toFixed(1)} ms), scans before return: ${scanned}, after: ${laterScans}`);
  rows.push({
    id: 'extension.activation',
    what: `\`require('dist/extension.js')\` + \`activate()\` with a stub \`vscode\`, fresh process; folder listings before activate returned: ${scanned}; with node:http/https/crypto already loaded (as in VS Code's extension host): +${preAbove.toFixed(1)} ms`,
    unit: 'ms',
    baselineWhat: '`require` of an empty module',
    value,
    baseline,
    ratio: value.median / baseline.median,
    target: '≤ 15 ms above baseline, no scan before return',
    pass: above <= 15 && scanned === 0,
  });
  return rows;
}
