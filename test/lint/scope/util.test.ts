// Helpers of the scope rules that take a shortcut: each must answer what the plain code answers.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isPlainJsonString } from '../../../src/core/lint/rules/scope/util';

describe('scope rules: isPlainJsonString', () => {
  it('is true only when JSON.stringify writes the value unchanged between quotes, and then always (but for surrogate pairs)', () => {
    const odd = fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '\ud83d\ude00', '\ud83d', '\ude00', 'é', ' ', '/');
    const text = fc.array(fc.oneof(fc.string({ maxLength: 6 }), odd, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 6 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, (v) => {
        const unchanged = JSON.stringify(v) === `"${v}"`;
        if (isPlainJsonString(v)) assert.ok(unchanged, JSON.stringify(v));
        else assert.ok(!unchanged || /[\ud800-\udfff]/.test(v), JSON.stringify(v));
      }),
      { numRuns: 20000 },
    );
    assert.equal(isPlainJsonString('https://database.windows.net//.default'), true);
    assert.equal(isPlainJsonString('a\ud83d\ude00b'), false); // a pair is written as it is, but takes the general path
  });
});
