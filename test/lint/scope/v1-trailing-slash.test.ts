import * as assert from 'node:assert/strict';
import { WELL_KNOWN_RESOURCES, type WellKnownResource } from '../../../src/core/knowledge/resources';
import { at, daemon, findings, fixAndRecheck, webApp } from './helpers';

const ID = 'scope/v1-trailing-slash';

describe('scope/v1-trailing-slash', () => {
  it('fires on Azure SQL with a single slash, explaining the derived audience', () => {
    const text = daemon(`    "Sql": { "RequestAppToken": true, "Scopes": [ "https://database.windows.net/.default" ] }`);
    const [f, ...rest] = findings(text, ID);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(at(text, f!), 'https://database.windows.net/.default');
    assert.match(f!.message, /aud is "https:\/\/database\.windows\.net"/);
    assert.match(f!.message, /"https:\/\/database\.windows\.net\/\/\.default"/);
    assert.match(f!.message, /AADSTS500011/);
    assert.match(f!.message, /RequestAppToken/);
  });

  it('fix restores the double slash and is idempotent, keeping comments', () => {
    const text = daemon(`    "Sql": {
      "RequestAppToken": true, // app token
      "Scopes": [ "https://database.windows.net/.default" ]
    }`);
    const fixed = fixAndRecheck(text, ID);
    assert.ok(fixed.includes('"Scopes": [ "https://database.windows.net//.default" ]'));
    assert.ok(fixed.includes('// app token'));
  });

  it('covers ARM, classic management, Azure AD Graph and national clouds, with severity by certainty', () => {
    const text = daemon(`    "Arm": { "RequestAppToken": true, "Scopes": [ "https://management.azure.com/.default" ] },
    "Classic": { "RequestAppToken": true, "Scopes": [ "https://management.core.windows.net/.default" ] },
    "AadGraph": { "RequestAppToken": true, "Scopes": [ "https://graph.windows.net/.default" ] },
    "GovSql": { "RequestAppToken": true, "Scopes": [ "https://database.usgovcloudapi.net/.default" ] },
    "CnSql": { "RequestAppToken": true, "Scopes": [ "https://database.chinacloudapi.cn/.default" ] }`);
    const found = findings(text, ID);
    assert.deepEqual(found.map((f) => at(text, f)), [
      'https://management.azure.com/.default',
      'https://management.core.windows.net/.default',
      'https://graph.windows.net/.default',
      'https://database.usgovcloudapi.net/.default',
      'https://database.chinacloudapi.cn/.default',
    ]);
    // ARM tolerates a single slash (non-standard): one level lower than a rejected resource.
    assert.deepEqual(found.map((f) => f.severity), ['warning', 'warning', 'warning', 'error', 'error']);
    assert.match(found[0]!.message, /non-standard/);
  });

  it('applies to delegated scopes too (audience rule is the same), as a warning', () => {
    const text = webApp(`    "Sql": { "Scopes": [ "https://database.windows.net/user_impersonation" ] }`);
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'warning');
    assert.ok(fixAndRecheck(text, ID).includes('"https://database.windows.net//user_impersonation"'));
  });

  it('never fires for Key Vault, Managed HSM, Graph, Storage, PostgreSQL or double-slash scopes', () => {
    const text = daemon(`    "Kv": { "RequestAppToken": true, "Scopes": [ "https://vault.azure.net/.default" ] },
    "Hsm": { "RequestAppToken": true, "Scopes": [ "https://managedhsm.azure.com/.default" ] },
    "Graph": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] },
    "Storage": { "RequestAppToken": true, "Scopes": [ "https://storage.azure.com/.default" ] },
    "Pg": { "RequestAppToken": true, "Scopes": [ "https://ossrdbms-aad.database.windows.net/.default" ] },
    "Sql": { "RequestAppToken": true, "Scopes": [ "https://database.windows.net//.default" ] },
    "ChinaArm": { "RequestAppToken": true, "Scopes": [ "https://management.chinacloudapi.cn/.default" ] },
    "Own": { "RequestAppToken": true, "Scopes": [ "api://11111111-aaaa-bbbb-cccc-222222222222/.default" ] }`);
    assert.deepEqual(findings(text, ID), []);
  });

  it('explains the legacy ApiUrl-derived scope without offering a text fix', () => {
    const text = `{
  "Instance": "https://login.microsoftonline.com/{0}",
  "Tenant": "contoso.onmicrosoft.com",
  "ClientId": "6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11",
  "ApiUrl": "https://database.windows.net/"
}`;
    const [f] = findings(text, ID);
    assert.ok(f, 'derived {ApiUrl}.default is checked');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /\+ "\.default"/);
    assert.equal(f.fixes, undefined);
  });

  it('words every resource of the table exactly as one template would (the wording is shared by the findings of a scope)', () => {
    const consequence = (r: WellKnownResource, aud: string): string =>
      r.singleSlash === 'rejected'
        ? `${r.displayName} rejects a token with aud "${aud}" (SQL logins fail with "Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'"; where no API is registered under that name Entra answers AADSTS500011)`
        : r.singleSlash === 'tolerated'
          ? `${r.displayName} accepts it today, but the single-slash form is documented as non-standard and should not be relied on`
          : `the API expects aud "${r.identifier}" and may reject the token (where no API is registered under "${aud}" Entra answers AADSTS500011)`;
    const resources = WELL_KNOWN_RESOURCES.filter((r) => r.trailingSlash);
    assert.deepEqual(new Set(resources.map((r) => r.singleSlash)), new Set(['rejected', 'tolerated', 'unverified']));
    for (const r of resources) {
      const single = r.identifier.slice(0, -1);
      const text = daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "${single}/.default", "${single}/Ünïcode\\\\\\"x" ] }`);
      const found = findings(text, ID);
      assert.equal(found.length, 2, r.id);
      for (const f of found) {
        const value = JSON.parse(`"${at(text, f)}"`) as string;
        const permission = value.slice(value.lastIndexOf('/') + 1);
        const aud = value.slice(0, value.lastIndexOf('/'));
        const fixed = `${r.identifier}/${permission}`;
        const expected =
          `${r.displayName}'s identifier is "${r.identifier}", with a trailing slash. Entra takes everything before the last '/' of "${value}" as the token audience, ` +
          `so the token's aud is "${aud}": ${consequence(r, aud)}. Use "${fixed}" (double slash). ` +
          `App-only token: 'RequestAppToken' is true in 'A' (appsettings.json:${text.slice(0, text.indexOf('"RequestAppToken"')).split('\n').length}).`;
        assert.equal(f.message, expected, r.id);
        assert.equal(f.fixes?.[0]?.title, `Use "${fixed}"`);
      }
    }
  });
});

