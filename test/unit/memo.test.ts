import * as assert from 'node:assert/strict';
import { Memo } from '../../src/core/memo';

describe('Memo (per-object memo without a WeakMap)', () => {
  it('remembers a value per object, independently per memo and per object', () => {
    const a = new Memo<object, number>();
    const b = new Memo<object, string>();
    const x = {};
    const y = {};
    assert.equal(a.get(x), undefined);
    a.set(x, 1);
    b.set(x, 'one');
    a.set(y, 2);
    assert.equal(a.get(x), 1);
    assert.equal(b.get(x), 'one');
    assert.equal(a.get(y), 2);
    assert.equal(b.get(y), undefined);
    a.set(x, 3);
    assert.equal(a.get(x), 3);
  });

  it('is invisible to spreads, keys and JSON: a copy of a document or model does not inherit its memos', () => {
    const memo = new Memo<Record<string, unknown>, string[]>();
    const doc: Record<string, unknown> = { path: '/w/appsettings.json', text: '{}' };
    memo.set(doc, ['cached']);
    const copy = { ...doc };
    assert.equal(memo.get(copy), undefined);
    assert.deepEqual(Object.keys(doc), ['path', 'text']);
    assert.deepEqual(Object.getOwnPropertySymbols({ ...doc }), []);
    assert.equal(JSON.stringify(doc), '{"path":"/w/appsettings.json","text":"{}"}');
    assert.deepEqual(memo.get(doc), ['cached']);
  });
});
