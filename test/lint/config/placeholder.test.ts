import * as assert from 'node:assert/strict';
import { findings, spanOf } from './helpers';

describe('config/placeholder', () => {
  it('flags the placeholders of the daemon sample as errors with the Entra error they cause', () => {
    const text = `{
    "AzureAd": {
        "Instance": "https://login.microsoftonline.com/",
        "TenantId": "[Enter here the tenantID or domain name for your Azure AD tenant]",
        "ClientId": "Enter_the_Application_Id_Here",
        "ClientCredentials": [ { "SourceType": "ClientSecret", "ClientSecret": "[Enter here a client secret for your application]" } ]
    }
}`;
    const fs = findings(text, 'config/placeholder');
    assert.equal(fs.length, 3);
    assert.ok(fs.every((f) => f.severity === 'error'));
    assert.match(fs[0]!.message, /AzureAd:TenantId.*AADSTS90002/);
    assert.match(fs[1]!.message, /AzureAd:ClientId.*AADSTS700016/);
    assert.match(fs[2]!.message, /ClientSecret.*AADSTS7000215/);
    // the secret's placeholder is not quoted (secret values never appear in messages)
    assert.ok(!fs[2]!.message.includes('Enter here a client secret'));
  });

  it('points inside a URI at the embedded placeholder', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "CallbackPath": "/signin-oidc" },
      "TodoList": { "Scopes": [ "api://[Enter_client_ID_service]/ToDoList.Read" ], "BaseUrl": "https://localhost:44351/" },
      "Certificate": { "SourceType": "KeyVault", "KeyVaultUrl": "<VaultUri>", "KeyVaultCertificateName": "c" } }`;
    const fs = findings(text, 'config/placeholder');
    assert.equal(spanOf(text, fs[0]!), '[Enter_client_ID_service]');
    assert.match(fs[0]!.message, /inside its value/);
    assert.equal(fs.length, 1, 'the Certificate section is not an identity section here, and <VaultUri> outside our sections is not Entra prose');
  });

  it('finds placeholders of the legacy flat shape, including the Certificate object', () => {
    const text = `{
\t"Instance": "https://login.microsoftonline.com/{0}",
\t"Tenant": "msidentitysamplestesting.onmicrosoft.com",
\t"ClientId": "1b4649ec-7a55-4145-9821-bf5efe85ffdb",
\t"TodoListScope": "api://[Enter_client_ID_Of_TodoListService-v2_from_Azure_Portal,_e.g._2ec40e65-ba09-4853-bcde-bcb60029e596]/.default",
\t"Certificate": { "SourceType": "KeyVault", "KeyVaultUrl": "<VaultUri>", "KeyVaultCertificateName": "<CertificateName>" }
}`;
    const fs = findings(text, 'config/placeholder');
    assert.deepEqual(fs.map((f) => spanOf(text, f)), [
      '[Enter_client_ID_Of_TodoListService-v2_from_Azure_Portal,_e.g._2ec40e65-ba09-4853-bcde-bcb60029e596]',
      '<VaultUri>',
      '<CertificateName>',
    ]);
  });

  it('talks about accepted scopes for a web API\'s own Scopes', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "Scopes": "[Enter here the scopes for your web API]" } }`;
    const [f] = findings(text, 'config/placeholder');
    assert.match(f!.message, /your web API accepts/);
  });

  it('reports Entra-related instructions in other sections as warnings, and ignores unrelated ones', () => {
    const text = `{ "Groups": { "GroupAdmin": "Enter the objectID for GroupAdmin group copied from Azure Portal" },
      "Serilog": { "Path": "[Enter the log folder]" }, "ConnectionStrings": { "Db": "Server=<server>;" } }`;
    const fs = findings(text, 'config/placeholder');
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.severity, 'warning');
  });

  it('reports empty required values as info unless an overlay fills them', () => {
    const base = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "", "ClientId": "" } }`;
    const fs = findings(base, 'config/placeholder');
    assert.deepEqual(fs.map((f) => f.severity), ['info', 'info']);
    assert.match(fs[0]!.message, /AzureAd__TenantId/);
    const overlay = `{ "AzureAd": { "TenantId": "10c419d4-4a50-45b2-aa4e-919fb84df24f", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4" } }`;
    assert.deepEqual(findings(base, 'config/placeholder', { siblings: { 'appsettings.Development.json': overlay } }), []);
  });

  it('stays quiet on a clean daemon configuration', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "id4slab1.onmicrosoft.com", "ClientId": "4ebc2cfc-14bf-4c88-9678-26543ec1c59d",
        "ClientCredentials": [ { "SourceType": "StoreWithDistinguishedName", "CertificateStorePath": "LocalMachine/My", "CertificateDistinguishedName": "CN=LabAuth.MSIDLab.com" } ] },
      "MyWebApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RelativePath": "/users", "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] } }`;
    assert.deepEqual(findings(text, 'config/placeholder'), []);
  });
});
