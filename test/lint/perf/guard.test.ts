// Guards for the fast paths of the linter (BENCHMARKS.md "What was made faster"): every finding stays
// byte for byte what the straightforward code reported, and each shortcut answers exactly what the
// code it replaces answered.
//
// findings-digests.json holds the SHA-256 (first 32 hex digits) of JSON.stringify(runRules(model)) for
// every corpus file and for the bench's generated files, computed with the linter as it was before the
// fast paths (commit b9c75fe). A rule change that alters findings on purpose updates it: the failure
// message prints the new digest.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { appsettingsOfSize } from '../../../bench/generate';
import { buildModel, emptyHints, parseDocument, propertiesOf, sameKey } from '../../../src/core/config';
import type { ConfigDocument, PropertyRef } from '../../../src/core/config/model';
import { LowerKeySet } from '../../../src/core/knowledge/key-set';
import { detach } from '../../../src/core/knowledge/memo';
import { normalizeHost } from '../../../src/core/knowledge/clouds';
import { findPlaceholdersUncached } from '../../../src/core/knowledge/placeholders';
import { matchResourceIdentifier, WELL_KNOWN_RESOURCES, type ResourceMatch } from '../../../src/core/knowledge/resources';
import { docIndex, isSecretKey, isSuspectKey } from '../../../src/core/lint/doc-index';
import { runRules } from '../../../src/core/lint/run';
import { LineIndex } from '../../../src/core/text';

const CORPUS = join(__dirname, '../../../../shared/corpus/appsettings');
const DIGESTS = JSON.parse(readFileSync(join(__dirname, 'findings-digests.json'), 'utf8')) as {
  corpus: Record<string, string>;
  generated: Record<string, { findings: number; sha256: string }>;
};

function lintJson(text: string): string {
  const doc = parseDocument('/w/appsettings.json', text);
  return JSON.stringify(runRules(buildModel(doc, [doc], emptyHints('/w'))));
}

const digest = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);

function corpus(): [string, string][] {
  return readdirSync(CORPUS)
    .sort()
    .map((f) => [f, readFileSync(join(CORPUS, f), 'utf8')]);
}

/** Small random edits of a text: deletions, copies of its own pieces, and snippets the fast paths care about. */
const SNIPPETS = ['"', '{', '}', '[', ']', ',', ' ', '\t', '\u00a0', '\u200b', '"Scopes"', '"CLIENTID": "x",', ' "Instance ": 1,', '"İnstance": 1,', '"\u212Aey": 1, "key": 2,',
  '"ClientSecret": "Enter the secret here now",', '"x": "[Enter_id]",', '"y": ["<your-tenant-id>"],', '"TodoListScopes": "api://a/.default",', '"ſcopes": "api://a/.default",'];
function mutate(text: string, seed: number): string {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  let t = text;
  for (let e = 0; e < 3; e++) {
    const at = Math.floor(rnd() * (t.length + 1));
    const r = rnd();
    if (r < 0.3) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 10));
    else if (r < 0.5) {
      const from = Math.floor(rnd() * t.length);
      t = t.slice(0, at) + t.slice(from, from + Math.floor(rnd() * 120)) + t.slice(at);
    } else t = t.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)]! + t.slice(at);
  }
  return t;
}

/** The walks the rules used to make, written plainly, to check the document index against. */
function plainIndex(doc: ConfigDocument): { strings: Node[]; suspects: Node[]; duplicates: Node[] } {
  const strings: Node[] = [];
  const suspects: Node[] = [];
  const duplicates: Node[] = [];
  const go = (n: Node, key: string, depth: number): void => {
    if (n.type === 'string' && typeof n.value === 'string') {
      if (findPlaceholdersUncached(n.value).length || ['clientsecret', 'certificatepassword', 'base64encodedvalue', 'secret', 'password'].includes(key.trim().toLowerCase())) strings.push(n);
    } else if (n.type === 'object') {
      const props = propertiesOf(doc, n);
      if (props.length < (n.children?.length ?? 0) || new Set(props.map((p: PropertyRef) => p.key.toLowerCase())).size < props.length) duplicates.push(n);
      for (const p of props) if (depth <= 12 && /^\s|\s$|[\u00a0\u200b-\u200f\u2028\u2029\u202f\u2060\ufeff]/.test(p.key)) suspects.push(p.keyNode);
      for (const p of props) go(p.valueNode, p.key, depth + 1);
    } else if (n.type === 'array') for (const c of n.children ?? []) go(c, key, depth + 1);
  };
  if (doc.root) go(doc.root, '', 0);
  return { strings, suspects, duplicates };
}

describe('lint fast paths', function () {
  this.timeout(120_000);

  it('report exactly what the linter reported before them, on every corpus file', function () {
    const files = corpus();
    assert.equal(files.length, Object.keys(DIGESTS.corpus).length);
    for (const [name, text] of files) {
      const got = digest(lintJson(text));
      assert.equal(got, DIGESTS.corpus[name], `${name}: findings changed (new digest ${got})`);
    }
  });

  it('report exactly what the linter reported before them, on the generated bench files (5 KB, 100 KB, 1 MB)', function () {
    for (const [bytes, want] of Object.entries(DIGESTS.generated)) {
      const json = lintJson(appsettingsOfSize(Number(bytes)));
      assert.equal((JSON.parse(json) as unknown[]).length, want.findings, `${bytes} bytes: finding count`);
      assert.equal(digest(json), want.sha256, `${bytes} bytes: findings changed (new digest ${digest(json)})`);
    }
  });

  it('the document index finds what the plain walks found, on the corpus and random edits of it', function () {
    let checked = 0;
    for (const [name, text] of corpus()) {
      for (let i = 0; i < 12; i++) {
        const doc = parseDocument('/w/appsettings.json', i === 0 ? text : mutate(text, i * 7919 + name.length));
        const plain = plainIndex(doc);
        const index = docIndex(doc);
        // Candidates may include values the full search then rules out; every value it would flag must be there.
        const candidates = new Set(index.stringCandidates.map((c) => c.node));
        for (const n of plain.strings) assert.ok(candidates.has(n), `${name}#${i}: ${JSON.stringify(n.value)} missing from the candidates`);
        assert.deepEqual(index.suspectKeys.filter((s) => s.depth <= 12).map((s) => s.prop.children![0]!.offset).sort((a, b) => a - b), plain.suspects.map((n) => n.offset).sort((a, b) => a - b), `${name}#${i}: keys`);
        assert.deepEqual(index.duplicateObjects.map((n) => n.offset), plain.duplicates.map((n) => n.offset), `${name}#${i}: duplicate keys`);
        checked++;
      }
    }
    assert.ok(checked > 500);
  });

  it('key comparisons without lower-casing agree with toLowerCase, also for non-ASCII keys', function () {
    const chars = ['a', 'A', 'z', 'Z', 's', 'S', 'k', 'K', 'i', 'I', '-', '_', '5', ' ', '\t', '\u00a0', 'İ', 'ı', '\u212A', 'ſ', 'Σ', 'σ', 'ς', 'é', 'É'];
    const key = fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((a) => a.join(''));
    const set = new LowerKeySet(['sendx5c', 'scopes', 'kelvin', 'is', 'a-z_5']);
    fc.assert(
      fc.property(key, key, (a, b) => {
        assert.equal(sameKey(a, b), a.toLowerCase() === b.toLowerCase(), `${JSON.stringify(a)} ${JSON.stringify(b)}`);
        assert.equal(set.has(a), set.set.has(a.toLowerCase()), JSON.stringify(a));
        assert.equal(set.hasTrimmed(a), set.set.has(a.trim().toLowerCase()), JSON.stringify(a));
        assert.equal(isSuspectKey(a), /^\s|\s$|[\u00a0\u200b-\u200f\u2028\u2029\u202f\u2060\ufeff]/.test(a), JSON.stringify(a));
        assert.equal(isSecretKey(a), ['clientsecret', 'certificatepassword', 'base64encodedvalue', 'secret', 'password'].includes(a.trim().toLowerCase()), JSON.stringify(a));
      }),
      { numRuns: 20000 },
    );
    for (const k of ['ClientSecret', ' secret ', 'PASSWORD', 'Base64EncodedValue', 'CertificatePassword\u00a0']) assert.ok(isSecretKey(k), k);
    for (const k of ['SendX5C', 'SCOPES', 'ſcopes', 'Is']) assert.equal(set.has(k), set.set.has(k.toLowerCase()), k);
  });

  it('memo keys are copies: a cached value keeps no document text alive', function () {
    // What memoizeString relies on: V8 keeps a slice's parent string alive, detach must not.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const kept = (copy: (s: string) => string): number => {
      const before = heap();
      const keep: string[] = [];
      for (let i = 0; i < 20; i++) keep.push(copy(`${'x'.repeat(1e6)}${i}`.split('').join('').slice(100, 160)));
      const grown = heap() - before;
      assert.equal(keep.length, 20);
      return grown;
    };
    // The plain slice keeps ~20 MB of parents alive (the check can tell), the copy nothing of them.
    assert.ok(kept((s) => s) > 15e6);
    assert.ok(kept(detach) < 2e6);
  });

  it('well-known resources are found through tables exactly as the loop over the list found them', function () {
    const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
    const strip = (x: string): string => (x.endsWith('/') ? x.slice(0, -1) : x);
    const plain = (resource: string): ResourceMatch | undefined => {
      const text = resource.trim();
      if (!text || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return matchResourceIdentifier(resource);
      const lower = text.toLowerCase();
      if (SCHEME.test(text)) {
        for (const r of WELL_KNOWN_RESOURCES) {
          const id = r.identifier.toLowerCase();
          if (lower === id) return { resource: r, matchedBy: 'identifier', slashDiffers: false };
          if (strip(lower) === strip(id) && !lower.endsWith('//')) return { resource: r, matchedBy: 'identifier', slashDiffers: true };
        }
      }
      const host = normalizeHost(text);
      if (!host) return undefined;
      for (const r of WELL_KNOWN_RESOURCES) if ((SCHEME.test(r.identifier) ? normalizeHost(r.identifier) : undefined) === host) return { resource: r, matchedBy: 'host', slashDiffers: false };
      let best: { r: (typeof WELL_KNOWN_RESOURCES)[number]; len: number } | undefined;
      for (const r of WELL_KNOWN_RESOURCES) for (const sfx of r.instanceHostSuffixes ?? []) if (host.endsWith('.' + sfx) && (!best || sfx.length > best.len)) best = { r, len: sfx.length };
      return best ? { resource: best.r, matchedBy: 'instance-host', slashDiffers: false } : undefined;
    };
    const inputs = new Set<string>(['', ' ', 'api://x', 'https://contoso.com/', 'x..vault.azure.net', 'HTTPS://GRAPH.MICROSOFT.COM//']);
    for (const r of WELL_KNOWN_RESOURCES) {
      for (const v of [r.identifier, `${r.identifier}/`, `${r.identifier}//`, strip(r.identifier), r.identifier.toUpperCase(), ` ${r.identifier} `, `${r.identifier}/x`]) inputs.add(v);
      const host = normalizeHost(r.identifier);
      if (host) for (const v of [host, `https://${host}:443/x`, `a.${host}`]) inputs.add(v);
      for (const sfx of r.instanceHostSuffixes ?? []) for (const v of [sfx, `my.${sfx}`, `https://a.b.${sfx}/`, `x${sfx}`, `MY.${sfx.toUpperCase()}`]) inputs.add(v);
    }
    for (const v of inputs) assert.deepEqual(matchResourceIdentifier(v), plain(v), JSON.stringify(v));
    assert.ok(inputs.size > 200);
  });

  it('normalizeHost on offsets answers what its regex steps answered', function () {
    const plain = (hostOrUrl: string): string => {
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(hostOrUrl) && !hostOrUrl.endsWith('.')) return hostOrUrl;
      let s = hostOrUrl.trim();
      const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(s);
      if (scheme) s = s.slice(scheme[0].length);
      s = s.replace(/[/?#].*$/s, '');
      const at = s.lastIndexOf('@');
      if (at >= 0) s = s.slice(at + 1);
      if (s.startsWith('[')) {
        const end = s.indexOf(']');
        return (end > 0 ? s.slice(1, end) : s.slice(1)).toLowerCase();
      }
      s = s.replace(/:\d*$/, '');
      return s.replace(/\.$/, '').toLowerCase();
    };
    const piece = fc.constantFrom('https://', 'HTTP://', 'api://', 'a+b.c-d://', '1x://', ':/', '//', ':', '::', ':443', ':8a', '@', 'u:p@', '[', ']', '[::1]', '/', '?', '#', '.', '..', ' ', '\n', 'Graph', 'microsoft', 'com', 'x', '0', '12', 'İ', 'é');
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
      const v = parts.join('');
      assert.equal(normalizeHost(v), plain(v), JSON.stringify(v));
    }), { numRuns: 30000 });
  });

  it('line index: computed lazily and with indexOf, same positions as a plain scan', function () {
    const plain = (text: string, offset: number): { line: number; character: number } => {
      let line = 0;
      let start = 0;
      for (let i = 0; i < Math.min(offset, text.length); i++) {
        const c = text[i];
        if (c === '\r' && text[i + 1] === '\n') {
          if (i + 1 < offset) i++;
          else break;
        }
        if (c === '\r' || c === '\n') {
          line++;
          start = i + 1;
        }
      }
      return { line, character: Math.min(offset, text.length) - start };
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '\n', '\r', '\r\n', ' '), { maxLength: 30 }), fc.nat(40), (parts, offset) => {
        const text = parts.join('');
        const lines = new LineIndex(text);
        assert.deepEqual(lines.positionAt(offset), plain(text, offset), JSON.stringify({ text, offset }));
        assert.equal(lines.lineAt(offset), plain(text, offset).line);
      }),
      { numRuns: 5000 },
    );
  });
});
