import * as assert from 'node:assert/strict';
import { fixAndRecheck, findings, spanOf } from './helpers';

describe('config/key-whitespace', () => {
  const mi = `{
\t"MyWebApi": {
\t\t"BaseUrl": "https://localhost:44372/",
\t\t"RequestAppToken": true,
\t\t"Scopes": [ "api://8206b76f-586e-4098-b1e5-598c1aa3e2a1/.default" ],
\t\t"AcquireTokenOptions": {
\t\t\t"ManagedIdentity": {
\t\t\t\t// user-assigned identity
\t\t\t\t"UserAssignedClientId ": "4b7a4b0b-ecb2-409e-879a-1e21a15ddaf6"
\t\t\t}
\t\t}
\t}
}`;

  it('reports a trailing space in a Microsoft.Identity.Web key as an error, with a rename fix that keeps comments', () => {
    const [f, ...rest] = findings(mi, 'config/key-whitespace');
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(spanOf(mi, f!), '"UserAssignedClientId "');
    assert.match(f!.message, /system-assigned/);
    const fixed = fixAndRecheck(mi, 'config/key-whitespace');
    assert.ok(fixed.includes('"UserAssignedClientId": "4b7a'));
    assert.ok(fixed.includes('// user-assigned identity'));
    assert.ok(fixed.includes('\t\t\t\t"UserAssignedClientId"'), 'indentation kept');
  });

  it('reports other libraries\' keys and keys outside our sections as warnings', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "10c419d4-4a50-45b2-aa4e-919fb84df24f", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "SignedOutCallbackPath ": "/signout-callback-oidc" },
      "Logging": { " LogLevel": { "Default": "Information" } } }`;
    const fs = findings(text, 'config/key-whitespace');
    assert.deepEqual(fs.map((f) => f.severity), ['warning', 'warning']);
    assert.match(fs[0]!.message, /SignedOutCallbackPath/);
    assert.match(fs[1]!.message, /starts with whitespace/);
  });

  it('finds invisible characters and offers no rename when the clean key already exists', () => {
    const text = `{ "AzureAd": { "ClientId\u200b": "x", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "TenantId": "contoso.onmicrosoft.com" } }`;
    const [f] = findings(text, 'config/key-whitespace');
    assert.match(f!.message, /invisible character/);
    assert.match(f!.message, /remove one of the two/);
    assert.equal(f!.fixes, undefined);
  });

  it('stays quiet for clean keys', () => {
    assert.deepEqual(findings(`{ "AzureAd": { "ClientId": "a", "Instance": "https://login.microsoftonline.com/" }, "A b": 1 }`, 'config/key-whitespace'), []);
  });
});

describe('config/unknown-key', () => {
  it('suggests Scopes for Scepes in an identity section, with a rename fix', () => {
    const text = `{\r\n  "AzureAd": {\r\n    "Instance": "https://login.microsoftonline.com/",\r\n    "ClientId": "a021aff4-57ad-453a-bae8-e4192e5860f3",\r\n    "TenantId": "10c419d4-4a50-45b2-aa4e-919fb84df24f",\r\n    "Scepes": "Forecast.Read"\r\n  }\r\n}`;
    const [f] = findings(text, 'config/unknown-key');
    assert.equal(f!.severity, 'error');
    assert.match(f!.message, /did you mean 'Scopes'/);
    const fixed = fixAndRecheck(text, 'config/unknown-key');
    assert.ok(fixed.includes('"Scopes": "Forecast.Read"\r\n'));
  });

  it('suggests AcquireTokenOptions for AquireTokenOptions in a downstream API section', () => {
    const text = `{
\t"AzureAd": {},
\t"MyWebApi": {
\t\t"BaseUrl": "https://graph.microsoft.com/v1.0",
\t\t"RequestAppToken": true,
\t\t"Scopes": [ "https://graph.microsoft.com/.default" ],
\t\t"AquireTokenOptions": { "ManagedIdentity": { } }
\t}
}`;
    const [f] = findings(text, 'config/unknown-key');
    assert.equal(spanOf(text, f!), '"AquireTokenOptions"');
    assert.match(f!.message, /whole block is ignored/);
    const fixed = fixAndRecheck(text, 'config/unknown-key');
    const again = findings(fixed, 'config/unknown-key');
    assert.deepEqual(again, []);
  });

  it('accepts case variants, other libraries\' keys and custom sections', () => {
    const text = `{
  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "ClientID": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "TenantId": "common",
               "CallbackPath": "/signin-oidc", "SendX5c": true, "Prompt": "login", "ClientCapabilities": ["cp1"], "AllowedTenants": [] },
  "GraphAPI": { "Endpoint": "https://graph.microsoft.com/v1.0", "StaticScope": "https://graph.microsoft.com/.default", "Scopes": "Directory.Read.All" },
  "DownstreamApis": { "Me": { "BaseUrl": "https://graph.microsoft.com/v1.0/", "RelativePath": "me", "Scopes": ["user.read"], "UserFlow": "b2c_1_susi",
      "AcquireTokenOptions": { "Tenant": "contoso.onmicrosoft.com", "ManagedIdentity": { "UserAssignedClientId": "4b7a4b0b-ecb2-409e-879a-1e21a15ddaf6" } } } },
  "Logging": { "LogLevl": {} }
}`;
    assert.deepEqual(findings(text, 'config/unknown-key'), []);
  });

  it('says where a misplaced key belongs', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "TenantId": "contoso.onmicrosoft.com", "RequestAppToken": true },
      "DownstreamApis": { "Vault": { "BaseUrl": "https://x.vault.azure.net/", "Scopes": ["https://vault.azure.net/.default"], "ManagedIdentity": { "UserAssignedClientId": "4b7a4b0b-ecb2-409e-879a-1e21a15ddaf6" } } } }`;
    const fs = findings(text, 'config/unknown-key');
    assert.equal(fs.length, 2);
    assert.match(fs[0]!.message, /RequestAppToken.*belongs in a downstream API section/);
    assert.match(fs[1]!.message, /ManagedIdentity.*AcquireTokenOptions/);
  });

  it('marks legacy downstream key names as info', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "ClientId": "a021aff4-57ad-453a-bae8-e4192e5860f3", "TenantId": "10c419d4-4a50-45b2-aa4e-919fb84df24f", "Scopes": "access_as_user" },
      "CalledApi": { "CalledApiScopes": "user.read", "CalledApiUrl": "https://graph.microsoft.com/beta/" } }`;
    const fs = findings(text, 'config/unknown-key');
    assert.deepEqual(fs.map((f) => f.severity), ['info', 'info']);
    assert.match(fs[0]!.message, /'Scopes'/);
    assert.match(fs[1]!.message, /'BaseUrl'/);
  });

  it('does not offer a rename onto a key that is already there', () => {
    const text = `{ "DownstreamApis": { "A": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": ["user.read"], "Scope": ["x"] } } }`;
    const [f] = findings(text, 'config/unknown-key');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.fixes, undefined);
  });
});

describe('config/unknown-key in sections found by shape', () => {
  it('does not call keys misplaced in a custom section that merely has ClientId and TenantId', () => {
    const text = `{ "GraphClient": { "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "TenantId": "contoso.onmicrosoft.com", "BaseUrl": "https://graph.microsoft.com/v1.0" } }`;
    assert.deepEqual(findings(text, 'config/unknown-key'), []);
    const named = `{ "AzureAd": { "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "TenantId": "contoso.onmicrosoft.com", "BaseUrl": "https://graph.microsoft.com/v1.0" } }`;
    assert.equal(findings(named, 'config/unknown-key').length, 1);
  });

  it('calls a key misplaced in a downstream API section only when the section is named so or requests an app token', () => {
    const api = (extra: string) => `"Scopes": [ "api://x/.default" ], "BaseUrl": "https://x.contoso.com", "Instance": "https://login.microsoftonline.com/"${extra}`;
    const byShape = `{ "Reports": { ${api('')} } }`;
    assert.deepEqual(findings(byShape, 'config/unknown-key'), []);
    for (const text of [`{ "DownstreamApis": { "Reports": { ${api('')} } } }`, `{ " downstreamApi ": { ${api('')} } }`, `{ "Reports": { ${api(', "RequestAppToken": true')} } }`]) {
      const [f, ...rest] = findings(text, 'config/unknown-key');
      assert.equal(rest.length, 0, text);
      assert.match(f!.message, /^'Instance' is not read in (DownstreamApis:Reports| downstreamApi |Reports): it belongs in the identity section/, text);
    }
  });
});
