import fc from 'fast-check';
import * as assert from 'node:assert/strict';
import { CLOUDS, cloudForResourceHost, mayBeOtherCloud, type CloudId } from '../../src/core/knowledge/clouds';

/** What config/cloud-mismatch cuts out of a value: /^\s*https?:\/\/([^/:?#\s]+)/i's host, from `start`. */
function hostAt(value: string, start: number): string {
  return /^[^/:?#\s]*/.exec(value.slice(start))![0];
}

const ids = CLOUDS.map((c) => c.id);
const tails = CLOUDS.flatMap((c) => [...c.graphHosts, ...c.resourceHostSuffixes]);

describe('knowledge/clouds mayBeOtherCloud', () => {
  it('never rules out a host that cloudForResourceHost puts in another cloud (random hosts in random text)', () => {
    const piece = fc.oneof(
      fc.constantFrom(...tails),
      fc.constantFrom(...tails).map((t) => t.toUpperCase()),
      fc.constantFrom(...tails).map((t) => t.replace(/^./, (c) => c.toUpperCase())),
      fc.constantFrom('api', 'contoso', 'com', 'net', 'us', 'cn', 'de', 'x-1', 'SharePoint', 'GRAPH', '', 'microsoft', 'azure'),
      fc.constantFrom('.', '..', '@', 'user@', '[', ']', '[::1]', '%', '\u212a', '\u0130', '\u00e9', '\u00a0', ' ', '\t', '/', ':', ':443', '?', '#'),
    );
    const host = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    let ruledOut = 0;
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.constantFrom('', 'https://', ' HTTP://', 'x'), host, fc.constantFrom('', '/', '/.default', ':8443/x', '.', ' y'), (id, head, h, rest) => {
        const value = head + h + rest;
        const start = head.length;
        if (start >= value.length || /[/:?#\s]/.test(value[start]!)) return; // the rule only asks about a host that is there
        const cloud = cloudForResourceHost(hostAt(value, start));
        if (!mayBeOtherCloud(value, start, id)) {
          ruledOut++;
          assert.ok(!cloud || cloud.id === id, `${JSON.stringify(value)} is in ${cloud?.id}, not ${id}`);
        }
      }),
      { numRuns: 20000 },
    );
    assert.ok(ruledOut > 2000, `only ${ruledOut} hosts ruled out`);
  });

  it('keeps every Graph host and resource suffix of another cloud, in any case and with a trailing dot', () => {
    for (const cloud of CLOUDS) {
      for (const t of [...cloud.graphHosts, ...cloud.resourceHostSuffixes]) {
        const actual = cloudForResourceHost(t)!;
        for (const id of ids) {
          const other = actual.id !== id;
          for (const value of [t, `https://x.${t}/y`, `${t.toUpperCase()}.`, `https://${t}:443`]) {
            const start = value.startsWith('https://') ? 8 : 0;
            if (other) assert.equal(mayBeOtherCloud(value, start, id as CloudId), true, `${value} for ${id}`);
          }
        }
      }
    }
  });

  it('rules out the usual hosts of a single-cloud file', () => {
    for (const value of ['https://graph.microsoft.com/.default', 'https://database.windows.net//.default', 'https://api1.contoso.com/v1.0', 'https://myapp.azurewebsites.net']) {
      assert.equal(mayBeOtherCloud(value, 8, 'public'), false, value);
    }
    assert.equal(mayBeOtherCloud('https://graph.microsoft.us/.default', 8, 'public'), true);
    assert.equal(mayBeOtherCloud('https://graph.microsoft.com/.default', 8, 'usgov'), true);
    assert.equal(mayBeOtherCloud('https://[graph.microsoft.us]/', 8, 'public'), true);
  });
});
