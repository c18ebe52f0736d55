import * as assert from 'node:assert/strict';
import { at, daemon, findings, fixAndRecheck, legacyDaemon, webApp } from './helpers';
import { modelFromText } from '../../../src/core/config';

const ID = 'scope/multiple-resources';

describe('scope/multiple-resources', () => {
  it('fires once per app-only list with scopes of two resources', () => {
    const text = daemon(`    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default", "https://vault.azure.net/.default" ] }`);
    const found = findings(text, ID);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'error');
    assert.equal(at(text, found[0]!), 'https://vault.azure.net/.default');
    assert.match(found[0]!.message, /Microsoft Graph, Azure Key Vault/);
    assert.match(found[0]!.message, /AADSTS70011/);
    assert.match(found[0]!.message, /AADSTS700022/);
  });

  it('treats the GUID and URI forms (and both slash variants) of one API as one resource', () => {
    const same = daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default", "00000003-0000-0000-c000-000000000000/.default" ] },
    "B": { "RequestAppToken": true, "Scopes": [ "https://database.windows.net/.default", "https://database.windows.net//.default" ] }`);
    assert.deepEqual(findings(same, ID), []);
  });

  it('reads a bare permission as the Graph of the identity\'s cloud', () => {
    const gov = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.us/.default", "User.Read.All" ] }`).replace('login.microsoftonline.com', 'login.microsoftonline.us');
    assert.deepEqual(findings(gov, ID), []);
    const pub = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.us/.default", "User.Read.All" ] }`);
    assert.equal(findings(pub, ID).length, 1);
  });

  it('does not fire in delegated lists or when the flow is unknown', () => {
    const lists = `    "A": { "Scopes": [ "https://graph.microsoft.com/User.Read", "api://11111111-aaaa-bbbb-cccc-222222222222/access_as_user" ] }`;
    assert.deepEqual(findings(webApp(lists), ID), []);
    assert.deepEqual(findings(daemon(lists), ID), []);
  });

  it('preferred fix keeps the scopes of the API at BaseUrl', () => {
    const text = daemon(`    "Graph": {
      "BaseUrl": "https://graph.microsoft.com/v1.0",
      "RequestAppToken": true,
      "Scopes": [ "https://vault.azure.net/.default", "https://graph.microsoft.com/.default" ]
    }`);
    const [f] = findings(text, ID);
    assert.equal(f!.fixes?.[0]?.isPreferred, true);
    assert.match(f!.fixes![0]!.title, /Microsoft Graph/);
    const fixed = fixAndRecheck(text, ID);
    assert.ok(fixed.includes('"Scopes": [ "https://graph.microsoft.com/.default" ]'));
  });

  it('under DownstreamApis can move the other resource to a new entry (not preferred)', () => {
    const text = daemon(`    "Graph": {
      "BaseUrl": "https://graph.microsoft.com/v1.0",
      "RequestAppToken": true,
      "Scopes": [ "https://graph.microsoft.com/.default", "https://database.windows.net//.default" ]
    }`);
    const [f] = findings(text, ID);
    const move = f!.fixes!.find((x) => /new DownstreamApis entry/.test(x.title));
    assert.ok(move);
    assert.notEqual(move.isPreferred, true);
    const fixed = fixAndRecheck(text, ID, undefined, f!.fixes!.indexOf(move));
    const model = modelFromText(fixed);
    const sql = model.downstreamApis.find((a) => a.name === 'AzureSQLDatabase');
    assert.ok(sql, fixed);
    assert.deepEqual(sql.scopes?.items.map((i) => i.value), ['https://database.windows.net//.default']);
    assert.equal(sql.scopes?.flow.appOnly, 'certain');
    assert.ok(fixed.includes('// Daemon calling APIs'));
  });

  it('only explains (no split) for legacy keys', () => {
    const text = legacyDaemon('"https://graph.microsoft.com/.default api://11111111-aaaa-bbbb-cccc-222222222222/.default"');
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.fixes, undefined);
    assert.match(f!.message, /one token per API/);
  });
});
