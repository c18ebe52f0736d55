import fc from 'fast-check';
import * as assert from 'node:assert/strict';
import { modelFromText } from '../../../src/core/config';
import { hasPlaceholder } from '../../../src/core/knowledge/placeholders';
import { parseScope } from '../../../src/core/scope';
import { liveScopes } from '../../../src/core/lint/rules/scope/util';

describe('scope/util liveScopes', () => {
  it('keeps exactly the items without a placeholder, in order (the document index rules most out unsearched; random lists)', () => {
    const scope = fc.constantFrom(
      'https://graph.microsoft.com/.default', 'api://[Enter_client_ID]/.default', '[Enter here the scopes]', '<scope>', 'your-api-id/.default',
      'User.Read', '', ' ', '11111111-1111-1111-1111-111111111111/.default', 'https://x...', 'é/.default', '\\u005bEnter\\u005d', 'TODO',
    );
    const list = fc.oneof(
      fc.array(scope, { maxLength: 4 }).map((s) => `[ ${s.map((v) => `"${v}"`).join(', ')} ]`),
      fc.array(scope, { maxLength: 3 }).map((s) => `"${s.join(' ')}"`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('Scopes', 'TodoListScope', 'ClientSecret'), list), { minLength: 1, maxLength: 4 }), (entries) => {
        const apis = entries.map(([key, value], i) => `"Api${i}": { "RequestAppToken": true, "BaseUrl": "https://x", "${key}": ${value}, "Other": ${value} }`);
        const model = modelFromText(`{ "DownstreamApis": { ${apis.join(', ')} }, "TodoListScope": ${entries[0]![1]} }`);
        assert.ok(model.scopeLists.length > 0);
        for (const l of model.scopeLists) {
          const plain = l.form === 'string' && hasPlaceholder(String(l.prop.valueNode.value)) ? [] : l.items.filter((i) => !hasPlaceholder(i.value));
          assert.deepEqual(
            liveScopes(l).map((s) => [s.item, s.parsed]),
            plain.map((i) => [i, parseScope(i.value)]),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });
});
