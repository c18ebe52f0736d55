// The placeholder prefilter must never rule out a value the full search would flag: checked on the
// corpus values, on the placeholders the rules know, and on random strings built from the characters
// the patterns look at.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findPlaceholdersUncached, mayHoldPlaceholder } from '../../../src/core/knowledge/placeholders';

const CORPUS = join(__dirname, '../../../../shared/corpus/appsettings');

function agrees(value: string): void {
  if (!mayHoldPlaceholder(value)) assert.deepEqual(findPlaceholdersUncached(value), [], `prefilter ruled out ${JSON.stringify(value)}`);
}

describe('placeholder prefilter', function () {
  it('rules out no value of the corpus that holds a placeholder', function () {
    let strings = 0;
    for (const f of readdirSync(CORPUS)) {
      for (const m of readFileSync(join(CORPUS, f), 'utf8').matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
        agrees(m[1]!);
        strings++;
      }
    }
    assert.ok(strings > 500);
  });

  it('lets known placeholder shapes through and rules out ordinary values', function () {
    for (const v of ['[Enter_client_id]', '<tenant>', 'Enter_the_Application_Id_Here', 'your-client-id', 'YourCert', 'web-api-application-guid', 'SOME_CLIENT_ID', 'MIID...', 'TODO', 'xxx',
      '11111111-1111-1111-1111-111111111111', 'Enter the client ID obtained from the portal', 'INSERT_HERE', 'ſome_x', 'A1B2…']) {
      assert.ok(mayHoldPlaceholder(v), v);
    }
    for (const v of ['https://graph.microsoft.com/.default', 'https://api12.contoso.com/v1.0', 'items/12', 'CurrentUser/My', '6e1f3c2a-4b5d-4e8f-9a0b-1c2d3e4f5a6b', 'true', '']) {
      assert.equal(mayHoldPlaceholder(v), false, v);
      assert.deepEqual(findPlaceholdersUncached(v), []);
    }
  });

  it('agrees with the full search on random strings', function () {
    const alphabet = 'abcdefinorstuyEINORSTUY_-.[]<>/:0123456789 {}()\t\r\n\v\f\u000e…ſK';
    const arb = fc.array(fc.constantFrom(...alphabet.split(''), 'enter', 'insert', 'some_', 'your', '-id', '-guid', '...', 'Enter_', 'ENTER_YOUR_', 'Here', '1111', 'aaaa'), { maxLength: 24 }).map((a) => a.join(''));
    fc.assert(fc.property(arb, (v) => agrees(v)), { numRuns: 20000 });
  });
});
