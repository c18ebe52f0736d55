// cloudForResourceHostAt matches a host in place (no slices): it must answer what cloudForResourceHost
// answers for the same text cut out, whatever the text holds around and inside the host.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cloudForResourceHost, cloudForResourceHostAt, CLOUDS } from '../../src/core/knowledge/clouds';

const KNOWN = [...new Set(CLOUDS.flatMap((c) => [...c.graphHosts, ...c.resourceHostSuffixes, c.authorityHost]))];

/** Mixed-case ASCII; the Kelvin sign and dotless i lower-case to ASCII letters outside ASCII. */
function recase(s: string, seed: number): string {
  return [...s].map((ch, i) => ((seed >> i % 24) & 1 ? ch.toUpperCase() : ch)).join('');
}

const piece = fc.oneof(
  fc.constantFrom(...KNOWN),
  fc.constantFrom('x', 'api', 'my-app', 'windows', 'net', 'com', 'us', 'cn', '0', '-', ''),
  fc.constantFrom('.', '..', '@', ':443', '/', ' ', '\u212a', 'ı', 'é', '\t', '%2e', '[::1]', '\u0000', '\x0e'),
);
const host = fc.tuple(fc.array(piece, { minLength: 0, maxLength: 5 }), fc.array(fc.constantFrom('', '.'), { minLength: 5, maxLength: 5 }), fc.nat()).map(([parts, dots, seed]) =>
  recase(parts.map((p, i) => p + (dots[i] ?? '')).join(''), seed),
);

describe('cloudForResourceHostAt', () => {
  it('answers cloudForResourceHost of the same text for any host inside any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), host, fc.string({ maxLength: 4 }), (before, h, after) => {
        const text = before + h + after;
        const start = before.length;
        const end = start + h.length;
        assert.equal(cloudForResourceHostAt(text, start, end)?.id, cloudForResourceHost(h)?.id, JSON.stringify(h));
      }),
      { numRuns: 20000 },
    );
  });

  it('every Graph host and resource suffix, exact, as a subdomain, in upper case and with a trailing dot', () => {
    let known = 0;
    for (const k of KNOWN) {
      for (const h of [k, `a.${k}`, `a-${k}`, `x.${k.toUpperCase()}.`, `${k}..`, `.${k}`, `${k}.com`, k.slice(1), `a@${k}`]) {
        const text = `https://${h}/path`;
        const expected = cloudForResourceHost(h);
        if (expected) known++;
        assert.equal(cloudForResourceHostAt(text, 8, 8 + h.length), expected, h);
      }
    }
    assert.ok(known > KNOWN.length * 3);
    assert.equal(cloudForResourceHostAt('https://database.windows.net/', 8, 28)?.id, 'public');
    assert.equal(cloudForResourceHostAt('graph.microsoft.us', 0, 18)?.id, 'usgov');
    assert.equal(cloudForResourceHostAt('x.chinacloudapi.cn', 0, 18)?.id, 'china');
    assert.equal(cloudForResourceHostAt('api.contoso.com', 0, 15), undefined);
    assert.equal(cloudForResourceHostAt('.', 0, 1), undefined);
    assert.equal(cloudForResourceHostAt('abc', 1, 1), undefined);
  });
});
