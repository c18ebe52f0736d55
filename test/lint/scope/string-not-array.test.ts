import * as assert from 'node:assert/strict';
import { daemon, findings, fixAndRecheck, webApp } from './helpers';

const ID = 'scope/string-not-array';

describe('scope/string-not-array', () => {
  it('fires as an error for a string under DownstreamApis with RequestAppToken', () => {
    const text = daemon(`    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": "https://graph.microsoft.com/.default" }`);
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'error');
    assert.match(f!.message, /binds to null/);
    assert.match(f!.message, /401/);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": ["https://graph.microsoft.com/.default"]'));
  });

  it('fires as a warning under DownstreamApis in a delegated web app, splitting space-separated scopes', () => {
    const text = webApp(`    "MicrosoftGraph": {
      "BaseUrl": "https://graph.microsoft.com/v1.0",
      "Scopes": "user.read mail.read" // comment kept
    }`);
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'warning');
    const fixed = fixAndRecheck(text, ID);
    assert.ok(fixed.includes('"Scopes": ["user.read", "mail.read"] // comment kept'));
  });

  it('fires for a DownstreamApi/custom section only with IDownstreamApi evidence', () => {
    const plain = `{
  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "common", "ClientId": "c", "CallbackPath": "/signin-oidc" },
  "DownstreamApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": "user.read" }
}`;
    // The template shape read by AddMicrosoftGraph / DownstreamWebApi: correct as a string.
    assert.deepEqual(findings(plain, ID), []);
    const withRat = plain.replace('"Scopes": "user.read"', '"RequestAppToken": false, "Scopes": "user.read"');
    assert.equal(findings(withRat, ID)[0]?.severity, 'error');
    const section = `{
  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId": "c" },
  "GraphApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": "https://graph.microsoft.com/.default" }
}`;
    assert.deepEqual(findings(section, ID), []);
    assert.deepEqual(findings(section, ID, { code: { 'Program.cs': 'await downstreamApi.CallWebApiForAppAsync("GraphApi");' } }), []);
    const viaCode = findings(section, ID, { code: { 'Program.cs': 'await downstreamApi.CallApiForAppAsync("GraphApi");' } });
    assert.equal(viaCode[0]?.severity, 'error');
    assert.match(viaCode[0]!.message, /CallApiForAppAsync/);
  });

  it('keeps a placeholder with spaces as one element', () => {
    const text = daemon(`    "Api": { "RequestAppToken": true, "Scopes": "[Enter here the scopes for your web API]" }`);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": ["[Enter here the scopes for your web API]"]'));
  });

  it('does not fire on arrays or on a web API\'s own Scopes string', () => {
    assert.deepEqual(findings(daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] }`), ID), []);
    assert.deepEqual(findings(`{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId": "c", "Scopes": "access_as_user" } }`, ID), []);
  });
});
