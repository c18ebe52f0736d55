// Which keys findScopeLists reads as a legacy daemon scope list, against the two patterns applied the
// plain way (the search decides `Scopes` and keys ending otherwise before running them).
import * as assert from 'node:assert/strict';
import { modelFromText } from '../../src/core/config';

const LEGACY_KEYS = /^(todolist(service)?scopes?|apiscopes?|calledapiscopes?|graphscopes?|webapiscopes?|scopesforapp|appscopes?)$/i;
const LEGACY_LIKE = /scopes?$/i;

function expectedLegacy(key: string, value: string): boolean {
  const k = key.trim();
  if (LEGACY_KEYS.test(k)) return true;
  return LEGACY_LIKE.test(k) && k.toLowerCase() !== 'scopes' && /:\/\/|\/\.default/i.test(value);
}

const KEYS = ['Scopes', 'scopes', 'SCOPES', 'sCoPeS', ' Scopes', 'Scopes ', 'ſcopes', 'Scope', 'ScopeS\u00a0', 'MyScopes', 'TodoListScope', 'todolistscopes', 'ScopesForApp', 'AppScope', 'GraphScopes', 'Scopez', 'scopes\u212a', 'BaseUrl'];
const VALUES = ['https://graph.microsoft.com/.default', 'User.Read'];

describe('config/scopes legacy keys', () => {
  for (const key of KEYS) {
    for (const value of VALUES) {
      it(`${JSON.stringify(key)}: ${value}`, () => {
        // Under a section that is no DownstreamApi (no BaseUrl/RequestAppToken), as a string and as an array.
        for (const v of [JSON.stringify(value), `[${JSON.stringify(value)}]`]) {
          const m = modelFromText(`{ "Daemon": { ${JSON.stringify(key)}: ${v} } }`);
          const legacy = m.scopeLists.filter((l) => l.origin === 'legacy');
          assert.equal(legacy.length, expectedLegacy(key, value) ? 1 : 0, v);
          if (legacy.length) assert.equal(legacy[0]!.prop.key, key);
        }
      });
    }
  }
});
