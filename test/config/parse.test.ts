import * as assert from 'node:assert/strict';
import { parseDocument } from '../../src/core/config';
import { encodeText, LineIndex } from '../../src/core/text';

const JSONC = '{\r\n  // a comment\r\n  "AzureAd": { "ClientId": "x", },\r\n}\r\n';

describe('config/parse', () => {
  it('accepts comments and trailing commas as .NET does', () => {
    const doc = parseDocument('/w/appsettings.json', JSONC);
    assert.deepEqual(doc.syntaxErrors, []);
    assert.equal(doc.root?.type, 'object');
  });

  for (const encoding of ['utf8', 'utf8bom', 'utf16le', 'utf16be'] as const) {
    it(`decodes ${encoding} bytes and keeps ranges relative to the text without BOM`, () => {
      const doc = parseDocument('/w/appsettings.json', encodeText(JSONC, encoding));
      assert.equal(doc.encoding, encoding);
      assert.equal(doc.text, JSONC);
      const clientId = doc.text.indexOf('"ClientId"');
      assert.deepEqual(doc.lines.positionAt(clientId), { line: 2, character: 15 });
    });
  }

  it('reports real syntax errors with the parser position and still returns the rest of the tree', () => {
    const text = '{\n  "AzureAd": { "ClientId": "x" \n  "TenantId": "y" },\n  "Other": 1\n}';
    const doc = parseDocument('/w/appsettings.json', text);
    assert.equal(doc.syntaxErrors.length, 1);
    assert.match(doc.syntaxErrors[0]!.message, /','/);
    assert.equal(doc.lines.positionAt(doc.syntaxErrors[0]!.offset).line, 2);
    const keys = doc.root?.children?.map((p) => p.children?.[0]?.value);
    assert.deepEqual(keys, ['AzureAd', 'Other']);
  });

  it('names the environment of overlay files', () => {
    assert.equal(parseDocument('/w/appsettings.Development.json', '{}').environment, 'Development');
    assert.equal(parseDocument('/w/appsettings.json', '{}').environment, undefined);
  });

  it('maps offsets and positions for \\n, \\r\\n and lone \\r line ends', () => {
    const idx = new LineIndex('a\nb\r\nc\rd');
    assert.deepEqual(idx.positionAt(7), { line: 3, character: 0 });
    assert.equal(idx.offsetAt({ line: 2, character: 0 }), 5);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(999), { line: 3, character: 1 });
  });

  it('round-trips every encoding byte for byte', () => {
    for (const enc of ['utf8', 'utf8bom', 'utf16le', 'utf16be'] as const) {
      const bytes = encodeText('{"é":"ü"}', enc);
      const doc = parseDocument('/w/a.json', bytes);
      assert.deepEqual(Buffer.from(encodeText(doc.text, doc.encoding)), Buffer.from(bytes));
    }
  });
});
