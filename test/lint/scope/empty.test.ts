import * as assert from 'node:assert/strict';
import { at, daemon, findings, fixAndRecheck, webApp } from './helpers';

const ID = 'scope/empty';

describe('scope/empty', () => {
  it('fires on an empty array in an app-only list, filling it from a well-known BaseUrl', () => {
    const text = daemon(`    "Graph": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": [] }`);
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'error');
    assert.equal(at(text, f!), '[]');
    assert.match(f!.message, /AADSTS90014/);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": ["https://graph.microsoft.com/.default"]'));
  });

  it('uses the double slash when BaseUrl is an Azure SQL server', () => {
    const text = daemon(`    "Sql": { "BaseUrl": "https://myserver.database.windows.net", "RequestAppToken": true, "Scopes": "" }`);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": "https://database.windows.net//.default"'));
  });

  it('offers no fix when the API is your own', () => {
    const [f] = findings(daemon(`    "Mine": { "BaseUrl": "https://localhost:5001", "RequestAppToken": true, "Scopes": [] }`), ID);
    assert.equal(f?.fixes, undefined);
  });

  it('removes an empty element (keeping the others) as a warning in a delegated list', () => {
    const text = webApp(`    "Graph": { "Scopes": [ "user.read", "", "mail.read" ] }`);
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'warning');
    assert.equal(at(text, f!), '""');
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": [ "user.read", "mail.read" ]'));
  });

  it('fires on whitespace-only strings and null', () => {
    assert.equal(findings(daemon(`    "A": { "RequestAppToken": true, "Scopes": "   " }`), ID).length, 1);
    assert.equal(findings(daemon(`    "A": { "RequestAppToken": true, "Scopes": null }`), ID).length, 1);
  });

  it('does not fire on filled lists or a web API\'s own empty Scopes', () => {
    assert.deepEqual(findings(daemon(`    "A": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] }`), ID), []);
    assert.deepEqual(findings(`{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId": "c", "Scopes": "" } }`, ID), []);
  });
});
