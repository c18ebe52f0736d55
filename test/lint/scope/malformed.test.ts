import * as assert from 'node:assert/strict';
import { at, CLIENT_ID, daemon, findings, fixAndRecheck, webApp } from './helpers';

const ID = 'scope/malformed';

describe('scope/malformed', () => {
  it('fires on a scope that is neither URI nor GUID form, with a fix for known hosts', () => {
    const text = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "graph.microsoft.com/.default" ] }`);
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'error');
    assert.match(f!.message, /neither a URI/);
    assert.match(f!.message, /AADSTS70011/);
    assert.ok(fixAndRecheck(text, ID).includes('"https://graph.microsoft.com/.default"'));
  });

  it('fires on percent-encoded scopes and decodes them', () => {
    const text = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "https%3A%2F%2Fgraph.microsoft.com%2F.default" ] }`);
    const [f] = findings(text, ID);
    assert.match(f!.message, /URL-encoded \('%3A'\)/);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": [ "https://graph.microsoft.com/.default" ]'));
  });

  it('fires on a host run into the permission name (also in delegated lists)', () => {
    const text = webApp(`    "Api": { "Scopes": [ "https://contoso-api.azurewebsites.netuser_impersonation" ] }`);
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'warning');
    assert.match(f!.message, /'\/' between the host 'contoso-api\.azurewebsites\.net' and the permission 'user_impersonation'/);
    assert.ok(fixAndRecheck(text, ID).includes('"https://contoso-api.azurewebsites.net/user_impersonation"'));
  });

  it('fires on /.default without a resource (AADSTS700023), fixing it from a well-known BaseUrl', () => {
    const text = daemon(`    "Kv": { "BaseUrl": "https://myvault.vault.azure.net", "RequestAppToken": true, "Scopes": [ "/.default" ] }`);
    const [f] = findings(text, ID);
    assert.match(f!.message, /AADSTS700023/);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": [ "https://vault.azure.net/.default" ]'));
  });

  it('fires on a well-known API URL used as its identifier (AADSTS500011)', () => {
    const text = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/v1.0/.default" ] }`);
    const [f] = findings(text, ID);
    assert.match(f!.message, /AADSTS500011/);
    assert.ok(fixAndRecheck(text, ID).includes('"https://graph.microsoft.com/.default"'));
  });

  it('fires on OpenID scopes only in app-only lists (AADSTS1002012) and removes them', () => {
    const text = daemon(`    "Graph": { "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default", "offline_access" ] }`);
    const [f] = findings(text, ID);
    assert.equal(at(text, f!), 'offline_access');
    assert.match(f!.message, /AADSTS1002012/);
    assert.ok(fixAndRecheck(text, ID).includes('"Scopes": [ "https://graph.microsoft.com/.default" ]'));
    assert.deepEqual(findings(webApp(`    "Graph": { "Scopes": [ "openid", "offline_access", "user.read" ] }`), ID), []);
  });

  it('fires when the app asks for its own api://{ClientId} (AADSTS90009) and suggests the GUID form', () => {
    const text = daemon(`    "Self": { "RequestAppToken": true, "Scopes": [ "api://${CLIENT_ID}/.default" ] }`);
    const [f] = findings(text, ID);
    assert.match(f!.message, /AADSTS90009/);
    assert.ok(fixAndRecheck(text, ID).includes(`"Scopes": [ "${CLIENT_ID}/.default" ]`));
    // Another API's api:// URI is fine, and so is the GUID form for itself.
    assert.deepEqual(findings(daemon(`    "Other": { "RequestAppToken": true, "Scopes": [ "api://11111111-aaaa-bbbb-cccc-222222222222/.default" ] },
    "Self": { "RequestAppToken": true, "Scopes": [ "${CLIENT_ID}/.default" ] }`), ID), []);
  });

  it('explains a legacy ApiUrl without its final slash and appends it', () => {
    const text = `{
  "Instance": "https://login.microsoftonline.com/{0}",
  "Tenant": "contoso.onmicrosoft.com",
  "ClientId": "${CLIENT_ID}",
  "ApiUrl": "https://graph.microsoft.com"
}`;
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'warning');
    assert.match(f!.message, /'ApiUrl' \+ "\.default"/);
    assert.ok(fixAndRecheck(text, ID).includes('"ApiUrl": "https://graph.microsoft.com/"'));
    assert.deepEqual(findings(text.replace('graph.microsoft.com"', 'graph.microsoft.com/"'), ID), []);
  });

  it('reports "/.default" in a web API\'s accepted Scopes as info only', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "t", "ClientId": "c", "Scopes": "https://graph.microsoft.com/.default" } }`;
    const [f] = findings(text, ID);
    assert.equal(f?.severity, 'info');
    assert.match(f!.message, /scp/);
  });

  it('leaves valid scopes of every form alone', () => {
    const text = webApp(`    "A": { "Scopes": [ "user.read", "https://graph.microsoft.com/Mail.Read", "api://11111111-aaaa-bbbb-cccc-222222222222/access_as_user" ] },
    "B": { "Scopes": [ "https://contoso.onmicrosoft.com/tasks/read", "https://analysis.windows.net/powerbi/api/Report.Read.All" ] }`);
    assert.deepEqual(findings(text, ID), []);
    assert.deepEqual(findings(daemon(`    "C": { "RequestAppToken": true, "Scopes": [ "00000003-0000-0000-c000-000000000000/.default" ] },
    "D": { "RequestAppToken": true, "Scopes": [ "api://[Enter_client_ID_Of_TodoListService-v2_from_Azure_Portal,_e.g._2ec40e65-ba09-4853-bcde-bcb60029e596]/.default" ] }`), ID), []);
  });
});
