// Property: for any app-only or delegated list built from real-world scope shapes, every fix of
// every scope/* finding keeps the JSON valid, keeps the comments, removes the finding it was
// offered for, and a second round of fixing terminates (no fix loops).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { modelFromText } from '../../../src/core/config';
import { apply, lint } from './helpers';

const POOL = [
  'https://graph.microsoft.com/.default',
  'https://graph.microsoft.com/User.Read.All',
  'User.Read',
  'offline_access',
  'https://database.windows.net/.default',
  'https://database.windows.net//.default',
  'https://management.azure.com/.default',
  'https://vault.azure.net/.default',
  'api://11111111-aaaa-bbbb-cccc-222222222222/.default',
  'api://11111111-aaaa-bbbb-cccc-222222222222/access_as_user',
  'api://6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11/.default',
  '00000003-0000-0000-c000-000000000000/.default',
  ' https://graph.microsoft.com/.default ',
  'https://graph.microsoft.com/.default\u00a0',
  'user.read mail.read',
  '',
  '/.default',
  'graph.microsoft.com/.default',
  'https://x.azurewebsites.netuser_impersonation',
  'https%3A%2F%2Fgraph.microsoft.com%2F.default',
  '[Enter here the scopes for your web API]',
];

function config(scopes: string[], asString: boolean, appOnly: boolean, baseUrl: string): string {
  const value = asString ? JSON.stringify(scopes.join(' ')) : `[\n        ${scopes.map((s) => JSON.stringify(s)).join(', // c\n        ')}\n      ]`;
  return `{
  // top comment
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "contoso.onmicrosoft.com",
    "ClientId": "6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11"${appOnly ? '' : ',\n    "CallbackPath": "/signin-oidc"'}
  },
  "DownstreamApis": {
    "Api": {
      "BaseUrl": "${baseUrl}",${appOnly ? '\n      "RequestAppToken": true,' : ''}
      "Scopes": ${value} /* end */
    }
  }
}`;
}

describe('scope/* fixes (property)', () => {
  it('every fix keeps JSON and comments valid and removes its finding', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...POOL), { minLength: 0, maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('https://graph.microsoft.com/v1.0', 'https://localhost:5001', 'https://srv.database.windows.net'),
        (scopes, asString, appOnly, baseUrl) => {
          const text = config(scopes, asString, appOnly, baseUrl);
          for (const f of lint(text)) {
            for (const fix of f.fixes ?? []) {
              const fixed = apply(text, fix);
              const model = modelFromText(fixed);
              assert.deepEqual(model.doc.syntaxErrors, [], `${f.ruleId} "${fix.title}" broke the JSON:\n${fixed}`);
              assert.ok(fixed.includes('// top comment') && fixed.includes('/* end */'), `${f.ruleId} lost a comment:\n${fixed}`);
              // Duplicated scopes give identical findings: the count of this one must drop.
              const before = lint(text).filter((g) => g.ruleId === f.ruleId && g.message === f.message).length;
              const after = lint(fixed).filter((g) => g.ruleId === f.ruleId && g.message === f.message).length;
              assert.ok(after < before, `${f.ruleId} "${fix.title}" did not remove its finding:\n${fixed}`);
            }
          }
          // Applying preferred fixes one at a time ends within a few rounds.
          let current = text;
          for (let round = 0; round < 12; round++) {
            const next = lint(current).flatMap((f) => f.fixes ?? []).find((x) => x.isPreferred);
            if (!next) return;
            current = apply(current, next);
          }
          assert.fail(`preferred fixes did not settle:\n${current}`);
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
