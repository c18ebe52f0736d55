import * as assert from 'node:assert/strict';
import { AADSTS_CATALOG, findAadstsCodes, lookupAadsts, parseAadstsCode } from '../../src/core/knowledge/aadsts';

// Every code of entra-facts.md §2 (except 7000274, which the facts show does not exist).
const FACTS_CODES = [
  70011, 1002012, 700022, 700023, 700016, 7000215, 7000222, 7000216, 7000218, 700027, 700024, 50027, 50048, 500011,
  500014, 50001, 500021, 90002, 900023, 90014, 900144, 9001023, 90009, 700025, 7000112, 501051, 53003, 530035, 50049,
  50126, 65001, 650052, 650056, 650057, 50011, 500113, 65004, 100007, 90038, 700229, 90055, 50196,
];

describe('knowledge/aadsts', () => {
  it('has every daemon code of the facts with a title, cause and fix', () => {
    for (const code of FACTS_CODES) {
      const e = lookupAadsts(code);
      assert.ok(e, `missing ${code}`);
      assert.ok(e.title.length > 5 && e.cause.length > 10 && e.fix.length > 5, `thin entry ${code}`);
    }
    assert.equal(lookupAadsts(7000274), undefined);
  });

  it('has no duplicate codes', () => {
    const codes = AADSTS_CATALOG.map((e) => e.code);
    assert.equal(new Set(codes).size, codes.length);
  });

  it('looks codes up from numbers, strings and messages', () => {
    assert.equal(lookupAadsts('AADSTS7000215')?.error, 'invalid_client');
    assert.equal(lookupAadsts('500011')?.code, 500011);
    assert.equal(parseAadstsCode('AADSTS700016: Application with identifier'), 700016);
    assert.deepEqual(findAadstsCodes('AADSTS70002: Error. AADSTS70008: expired. AADSTS70002'), [70002, 70008]);
    assert.match(lookupAadsts(7000215)!.cause, /secret ID/);
  });
});
