// The extension's cost to VS Code: the minified bundle VS Code loads at activation (the commands, hovers, code
// actions, lenses and node-forge load from their own bundles on first use, and must stay out of it), and activation in a fresh
// process — require(dist/extension.js) + activate() with a stub `vscode` — against require of an empty module.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from './report';
import { interleavedRuns, summarize } from './stats';

interface Activation {
  ms: number;
  scannedBeforeReturn: number;
  scannedLater: number;
  /** Files of dist/ required when activate returned. */
  loaded: string[];
  /** Node built-ins required by the extension until activate returned. */
  builtins: string[];
}

/** The bundles loaded on first use, and what loads them. */
const LAZY = [
  { file: 'tools.js', when: 'first command (token, inspector, consent URL, user secrets)' },
  { file: 'hover.js', when: 'first hover' },
  { file: 'editor.js', when: 'first code action or CodeLens request' },
];
/** node-forge's OID table (the PKCS#12 shrouded-key-bag OID): only the PFX parser carries it. */
const FORGE_OID = '1.2.840.113549.1.12.10.1.2';
/** Texts of the token stack (the inspector's title, the AADSTS catalogue's OAuth errors): tools.js only. */
const TOKEN_MARKERS = ['Token Inspector', 'invalid_client'];
/** Texts of the code actions and lenses (fix-all's title, a lens title): editor.js only. */
const EDITOR_MARKERS = ['Fix all Entra issues in this file', 'Acquire App Token'];

function activateOnce(target: string): Activation {
  const r = spawnSync(process.execPath, [join(__dirname, 'activate.cjs'), target], {
    cwd: join(__dirname, '.work'),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`activation of ${target} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim()) as Activation;
}

export async function extensionRows(dist: string, quick: boolean, log: (s: string) => void): Promise<Row[]> {
  const bundle = join(dist, 'extension.js');
  const kb = statSync(bundle).size / 1024;
  const text = readFileSync(bundle, 'utf8');
  const lazy = LAZY.map((l) => {
    const file = join(dist, l.file);
    const body = readFileSync(file, 'utf8');
    return { ...l, kb: statSync(file).size / 1024, forgeInside: body.includes(FORGE_OID), loadsForge: body.includes('./forge.js'), requiredLazily: text.includes(`require("./${l.file}")`) };
  });
  const forgeInside = text.includes(FORGE_OID) || lazy.some((l) => l.forgeInside);
  // The PFX parser is reached from the token code only, now in tools.js.
  const loadsForgeLazily = lazy.some((l) => l.file === 'tools.js' && l.loadsForge);
  // The token stack belongs in tools.js, not in the activation bundle.
  const tokenInside = TOKEN_MARKERS.some((m) => text.includes(m));
  // The code actions and the lenses' sections belong in editor.js.
  const editorInside = EDITOR_MARKERS.some((m) => text.includes(m));
  const lazyText = lazy.map((l) => `\`dist/${l.file}\` ${l.kb.toFixed(0)} KB on the ${l.when}`).join(', ');
  log(`extension.bundle: ${kb.toFixed(1)} KB; lazily: ${lazy.map((l) => `${l.file} ${l.kb.toFixed(1)} KB (required on demand: ${l.requiredLazily})`).join(', ')}; forge inside: ${forgeInside}, forge.js loaded lazily: ${loadsForgeLazily}, token code inside: ${tokenInside}, code actions / lenses inside: ${editorInside}`);
  const rows: Row[] = [
    {
      id: 'extension.bundle',
      what: `\`dist/extension.js\`, \`node esbuild.mjs --production\` (minified), what VS Code loads at activation; loaded on first use: ${lazyText}; node-forge only in \`dist/forge.js\` (first PFX use)`,
      unit: 'KB',
      baselineWhat: '—',
      value: summarize([kb]),
      target: '≤ 150 KB, PFX parser lazy',
      pass: kb <= 150 && !forgeInside && loadsForgeLazily && !tokenInside && !editorInside && lazy.every((l) => l.requiredLazily),
    },
  ];
  const scans: number[] = [];
  const loadedAtReturn = new Set<string>();
  const builtins = new Set<string>();
  let laterScans = 0;
  activateOnce(bundle);
  activateOnce('empty');
  const { a, b } = await interleavedRuns(
    () => {
      const r = activateOnce(bundle);
      scans.push(r.scannedBeforeReturn);
      laterScans += r.scannedLater;
      for (const f of r.loaded) loadedAtReturn.add(f);
      for (const m of r.builtins) builtins.add(m);
      return r.ms;
    },
    () => activateOnce('empty').ms,
    quick ? 5 : 21,
  );
  const value = summarize(a);
  const baseline = summarize(b);
  const above = value.median - baseline.median;
  const scanned = Math.max(...scans);
  const loaded = [...loadedAtReturn].sort();
  const lazyLoaded = loaded.filter((f) => LAZY.some((l) => l.file === f));
  log(`extension.activation: ${value.median.toFixed(1)} ms vs ${baseline.median.toFixed(2)} ms (+${above.toFixed(1)} ms), scans before return: ${scanned}, after: ${laterScans}, loaded at return: ${loaded.join(', ')}, built-ins: ${[...builtins].sort().join(', ')}`);
  rows.push({
    id: 'extension.activation',
    what: `\`require('dist/extension.js')\` + \`activate()\` with a stub \`vscode\`, fresh process; folder listings before activate returned: ${scanned}; bundles loaded when it returned: ${loaded.map((f) => `\`${f}\``).join(', ')}; Node built-ins it required: ${[...builtins].sort().join(', ')}`,
    unit: 'ms',
    baselineWhat: '`require` of an empty module',
    value,
    baseline,
    ratio: value.median / baseline.median,
    target: '≤ 15 ms above baseline, no scan before return, lazy bundles not loaded',
    pass: above <= 15 && scanned === 0 && lazyLoaded.length === 0,
  });
  return rows;
}
