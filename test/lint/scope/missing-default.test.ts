import * as assert from 'node:assert/strict';
import { at, daemon, findings, fixAndRecheck, legacyDaemon, webApp } from './helpers';

const ID = 'scope/missing-default';

describe('scope/missing-default', () => {
  it('fires on named permissions in an app-only list (RequestAppToken true) as an error quoting the flow', () => {
    const text = daemon(`    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/User.Read.All" ] }`);
    const [f, ...rest] = findings(text, ID);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(at(text, f!), 'https://graph.microsoft.com/User.Read.All');
    assert.match(f!.message, /AADSTS1002012/);
    assert.match(f!.message, /"https:\/\/graph\.microsoft\.com\/\.default"/);
    assert.match(f!.message, /'RequestAppToken' is true in 'Graph'/);
    assert.equal(f!.fixes?.[0]?.isPreferred, true);
  });

  it('fires for bare permissions and api:// scopes, and for an app-token call found in code', () => {
    const text = daemon(`    "MyApi": { "BaseUrl": "https://localhost:5001", "Scopes": [ "api://11111111-aaaa-bbbb-cccc-222222222222/access_as_user" ] },
    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": [ "User.Read" ] }`);
    const code = { 'Worker.cs': 'var r = await api.CallApiForAppAsync("MyApi");\nvar g = await api.GetForAppAsync<User>("Graph");' };
    const found = findings(text, ID, { code });
    assert.deepEqual(found.map((f) => at(text, f)), ['api://11111111-aaaa-bbbb-cccc-222222222222/access_as_user', 'User.Read']);
    assert.ok(found.every((f) => f.severity === 'error'));
    assert.match(found[0]!.message, /CallApiForAppAsync\("MyApi"\)/);
    // Without the code the flow is unknown: nothing is reported.
    assert.deepEqual(findings(text, ID), []);
  });

  it('is a warning when app-only is only inferred from a legacy daemon key', () => {
    const text = legacyDaemon('"api://11111111-aaaa-bbbb-cccc-222222222222/access_as_user"');
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'warning');
    assert.match(f!.message, /inferred/);
    assert.match(f!.message, /TodoListScope/);
  });

  it('does not fire on delegated lists, /.default lists, GUID .default or placeholders', () => {
    assert.deepEqual(findings(webApp(`    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": [ "user.read", "Mail.Read" ] }`), ID), []);
    assert.deepEqual(findings(webApp(`    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": false, "Scopes": [ "user.read" ] }`), ID), []);
    const ok = daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "00000003-0000-0000-c000-000000000000/.default" ] },
    "B": { "RequestAppToken": true, "Scopes": [ "https://vault.azure.net/.default" ] },
    "C": { "RequestAppToken": true, "Scopes": [ "[Enter here the scopes for your web API]" ] },
    "D": { "RequestAppToken": true, "Scopes": [ "api://[Enter_client_ID_service]/access_as_user" ] }`);
    assert.deepEqual(findings(ok, ID), []);
    // Mixed with a .default: that is scope/default-not-alone's finding.
    assert.deepEqual(findings(daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default", "User.Read" ] }`), ID), []);
    // A web API's own accepted scopes are never requests.
    assert.deepEqual(findings(`{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId": "c", "Scopes": "access_as_user" } }`, ID), []);
  });

  it('fix replaces a single permission in place and keeps comments', () => {
    const text = daemon(`    "Graph": {
      "BaseUrl": "https://graph.microsoft.com/v1.0",
      "RequestAppToken": true,
      // app-only
      "Scopes": [ "https://graph.microsoft.com/User.Read.All" ] /* after */
    }`);
    const fixed = fixAndRecheck(text, ID);
    assert.ok(fixed.includes('"Scopes": [ "https://graph.microsoft.com/.default" ] /* after */'));
    assert.ok(fixed.includes('// app-only'));
    assert.ok(fixed.includes('// Daemon calling APIs'));
  });

  it('fix collapses several permissions of one resource into one /.default', () => {
    const text = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [
      "https://graph.microsoft.com/User.Read.All",
      "https://graph.microsoft.com/Mail.Read",
      "Group.Read.All"
    ] }`);
    const fixed = fixAndRecheck(text, ID);
    assert.match(fixed, /"Scopes": \[\s*"https:\/\/graph\.microsoft\.com\/\.default"\s*\]/);
    // Every finding of the list offers the same end state.
    const all = findings(text, ID);
    assert.equal(all.length, 3);
  });

  it('fix uses the double slash for trailing-slash resources and the national Graph for bare names', () => {
    const sql = daemon(`    "Sql": { "RequestAppToken": true, "Scopes": [ "https://database.windows.net/user_impersonation" ] }`);
    assert.ok(fixAndRecheck(sql, ID).includes('"https://database.windows.net//.default"'));
    const gov = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "User.Read.All" ] }`).replace('login.microsoftonline.com', 'login.microsoftonline.us');
    assert.ok(fixAndRecheck(gov, ID).includes('"https://graph.microsoft.us/.default"'));
  });

  it('fires on a resource without permission and appends /.default', () => {
    const text = daemon(`    "Api": { "RequestAppToken": true, "Scopes": [ "api://11111111-aaaa-bbbb-cccc-222222222222" ] }`);
    const [f] = findings(text, ID);
    assert.match(f!.message, /without any permission/);
    assert.ok(fixAndRecheck(text, ID).includes('"api://11111111-aaaa-bbbb-cccc-222222222222/.default"'));
  });

  it('fixes a space-separated legacy string in place', () => {
    const text = legacyDaemon('"https://graph.microsoft.com/User.Read.All"');
    assert.ok(fixAndRecheck(text, ID).includes('"TodoListScope": "https://graph.microsoft.com/.default"'));
  });
});
