import * as assert from 'node:assert/strict';
import { applyFix, findings, spanOf } from './helpers';

const gov = `"AzureAd": { "Instance": "https://login.microsoftonline.us/", "TenantId": "contoso.onmicrosoft.us", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4" }`;

describe('config/cloud-mismatch', () => {
  it('reports a public Graph BaseUrl and scope with a US Government authority, pointing at the Instance', () => {
    const text = `{ ${gov}, "MyWebApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] } }`;
    const fs = findings(text, 'config/cloud-mismatch');
    assert.equal(fs.length, 2);
    for (const f of fs) {
      assert.equal(f.severity, 'error');
      assert.equal(spanOf(text, f), 'graph.microsoft.com');
      assert.match(f.message, /US Government/);
      assert.equal(f.related?.[0]?.range.start.line, 0);
    }
    const fixed = applyFix(text, fs[1]!.fixes![0]!);
    assert.ok(fixed.includes('"https://graph.microsoft.us/.default"'));
    assert.equal(findings(fixed, 'config/cloud-mismatch').length, 1, 'only the BaseUrl is left');
  });

  it('passes consistent national-cloud configurations and hosts of no known cloud', () => {
    const text = `{ ${gov}, "DownstreamApi": { "BaseUrl": "https://graph.microsoft.us/beta", "Scopes": "User.Read" },
      "Own": { "BaseUrl": "https://localhost:44372/", "RequestAppToken": true, "Scopes": [ "api://8206b76f-586e-4098-b1e5-598c1aa3e2a1/.default" ] } }`;
    assert.deepEqual(findings(text, 'config/cloud-mismatch'), []);
  });

  it('does not guess between identities of different clouds (cross-cloud federation)', () => {
    const text = `{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4" },
      "AzureAd2": { "Instance": "https://login.microsoftonline.us/", "TenantId": "45ff0c17-f8b5-489b-b7fd-2fedebbec0c4", "ClientId": "c0555d2d-02f2-4838-802e-3463422e571d" },
      "GraphApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": [ "https://graph.microsoft.com/.default" ] } }`;
    assert.deepEqual(findings(text, 'config/cloud-mismatch'), []);
  });

  it('with identities in two clouds, judges each API by the identity its AuthenticationOptionsName names', () => {
    const ids = `"AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "contoso.onmicrosoft.com", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4" },
      "AzureAdGov": { "Instance": "https://login.microsoftonline.us/", "TenantId": "45ff0c17-f8b5-489b-b7fd-2fedebbec0c4", "ClientId": "c0555d2d-02f2-4838-802e-3463422e571d" }`;
    const api = (name: string, host: string) => `"${name}Api": { "BaseUrl": "https://${host}/v1.0", "RequestAppToken": true, "Scopes": [ "https://${host}/.default" ], "AcquireTokenOptions": { "AuthenticationOptionsName": "${name}" } }`;
    const text = `{ ${ids}, "DownstreamApis": { ${api('AzureAdGov', 'graph.microsoft.com')}, ${api('AzureAd', 'graph.microsoft.com')}, ${api('AzureAdGov', 'graph.microsoft.us')} } }`;
    const fs = findings(text, 'config/cloud-mismatch');
    assert.equal(fs.length, 2, 'the public Graph BaseUrl and scope of the API signing in to US Government');
    for (const f of fs) {
      assert.equal(spanOf(text, f), 'graph.microsoft.com');
      assert.ok(f.offset < text.indexOf('"AzureAdApi"'));
    }
  });

  it('takes the Instance from the base file when linting an overlay', () => {
    const overlay = `{ "MyWebApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": [ "https://graph.microsoft.com/.default" ] } }`;
    const fs = findings(overlay, 'config/cloud-mismatch', { path: '/w/appsettings.Production.json', siblings: { 'appsettings.json': `{ ${gov} }` } });
    assert.equal(fs.length, 2);
    assert.match(fs[0]!.related![0]!.file, /appsettings\.json$/);
  });

  it('checks the ApiUrl of the legacy flat shape', () => {
    const text = `{ "Instance": "https://login.partner.microsoftonline.cn/{0}", "Tenant": "contoso.partner.onmschina.cn", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4", "ApiUrl": "https://graph.microsoft.com/" }`;
    const [f] = findings(text, 'config/cloud-mismatch');
    assert.match(f!.message, /China/);
    assert.ok(applyFix(text, f!.fixes![0]!).includes('"ApiUrl": "https://microsoftgraph.chinacloudapi.cn/"'));
  });
});
