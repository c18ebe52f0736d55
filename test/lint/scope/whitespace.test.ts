import fc from 'fast-check';
import * as assert from 'node:assert/strict';
import { hasPlaceholder } from '../../../src/core/knowledge/placeholders';
import { trimScope } from '../../../src/core/scope';
import { at, daemon, findings, fixAndRecheck, webApp } from './helpers';

const ID = 'scope/whitespace';

describe('scope/whitespace', () => {
  it('fires on a trailing space in an app-only scope as an error (IDW10404)', () => {
    const text = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default " ] }`);
    const [f, ...rest] = findings(text, ID);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(at(text, f!), 'https://graph.microsoft.com/.default ');
    assert.match(f!.message, /IDW10404/);
    assert.match(f!.message, /a space/);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": [ "https://graph.microsoft.com/.default" ]'));
  });

  it('names tabs, non-breaking and zero-width spaces and trims them', () => {
    const text = daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "\\thttps://graph.microsoft.com/.default\\u00a0" ] },
    "B": { "RequestAppToken": true, "Scopes": [ "https://vault.azure.net/.default\u200b" ] }`);
    const found = findings(text, ID);
    assert.equal(found.length, 2);
    assert.match(found[0]!.message, /a tab/);
    assert.match(found[0]!.message, /non-breaking space \(U\+00A0\)/);
    assert.match(found[1]!.message, /zero-width character \(U\+200B\)/);
    const fixed = fixAndRecheck(text, ID);
    assert.ok(fixed.includes('"Scopes": [ "https://graph.microsoft.com/.default" ]'));
  });

  it('splits two scopes in one array element', () => {
    const text = webApp(`    "Graph": { "Scopes": [ "user.read mail.read", "calendars.read" ] }`);
    const [f] = findings(text, ID);
    assert.equal(f!.severity, 'warning');
    assert.match(f!.message, /holds 2 scopes/);
    const fixed = fixAndRecheck(text, ID);
    assert.ok(fixed.includes('"Scopes": [ "user.read", "mail.read", "calendars.read" ]'), fixed);
  });

  it('checks a space-separated string only for edges and non-space whitespace', () => {
    assert.deepEqual(findings(webApp(`    "Graph": { "Scopes": "user.read mail.read" }`), ID), []);
    const text = webApp(`    "Graph": { "Scopes": "user.read\\tmail.read " }`);
    const [f] = findings(text, ID);
    assert.match(f!.message, /a tab/);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": "user.read mail.read"'));
  });

  it('checks a web API\'s own accepted Scopes too', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId": "c", "Scopes": "access_as_user\\u00a0" } }`;
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'warning');
    assert.match(f!.message, /403/);
  });

  it('ignores clean scopes, placeholders with spaces and whitespace-only elements (scope/empty)', () => {
    const text = daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] },
    "B": { "RequestAppToken": true, "Scopes": [ "[Enter here the scopes for your web API]" ] },
    "C": { "RequestAppToken": true, "Scopes": "[Enter here the scopes for your web API]" },
    "D": { "RequestAppToken": true, "Scopes": [ "  " ] }`);
    assert.deepEqual(findings(text, ID), []);
  });

  it('reports exactly the array elements with whitespace that hold something and no placeholder (random elements)', () => {
    // The rule reads parseScope's judgement of the live scopes; this is the plain definition it replaced.
    const plain = (v: string): boolean => /[\s\u200b\u200c\u200d\u2060\ufeff]/.test(v) && !hasPlaceholder(v) && !!trimScope(v);
    const piece = fc.constantFrom(
      'https://graph.microsoft.com/.default', 'User.Read', 'api://x/.default', '[Enter the scope]', '<scope>', 'your-api-id', '',
      ' ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\u200b', '\u200d', '\ufeff', '\u2060', '\u180e', 'é', 'x',
    );
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 4 }).map((p) => p.join('')), { minLength: 1, maxLength: 4 }), (values) => {
        const text = daemon(`    "Api": { "RequestAppToken": true, "Scopes": ${JSON.stringify(values)} }`);
        const reported = findings(text, ID).map((f) => JSON.parse(`"${at(text, f)}"`) as string);
        assert.deepEqual(reported, values.filter(plain));
      }),
      { numRuns: 2000 },
    );
  });
});
