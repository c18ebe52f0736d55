import * as assert from 'node:assert/strict';
import { findings, spanOf } from './helpers';

const identity = (tenant: string, extra = '') =>
  `"AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "${tenant}", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4",
     "ClientCredentials": [ { "SourceType": "ClientSecret", "ClientSecret": "Enter_the_Client_Secret_Here" } ]${extra} }`;

describe('config/tenant-not-specific', () => {
  it('is an error when RequestAppToken makes the flow certain', () => {
    const text = `{ ${identity('common')}, "MyWebApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": ["https://graph.microsoft.com/.default"] } }`;
    const [f, ...rest] = findings(text, 'config/tenant-not-specific');
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'error');
    assert.equal(spanOf(text, f!), 'common');
    assert.match(f!.message, /RequestAppToken/);
    assert.match(f!.message, /AADSTS9001023/);
    assert.ok(f!.related?.length);
  });

  it('is a warning for a bare daemon shape and mentions IDW10405 for organizations', () => {
    const [f] = findings(`{ ${identity('organizations')} }`, 'config/tenant-not-specific');
    assert.equal(f!.severity, 'warning');
    assert.match(f!.message, /IDW10405/);
  });

  it('must not fire for a multi-tenant sign-in web app with delegated scopes', () => {
    const text = `{ ${identity('common', ', "CallbackPath": "/signin-oidc"')}, "DownstreamApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": ["user.read"] } }`;
    assert.deepEqual(findings(text, 'config/tenant-not-specific'), []);
    // and not for a web API / a multi-tenant app whose downstream lists may be delegated
    const api = `{ ${identity('common')}, "CalledApi": { "BaseUrl": "https://graph.microsoft.com/v1.0/", "Scopes": ["user.read"] } }`;
    assert.deepEqual(findings(api, 'config/tenant-not-specific'), []);
  });

  it('accepts a specific tenant, AppHomeTenantId or a per-API tenant override', () => {
    const rat = `"MyWebApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": ["https://graph.microsoft.com/.default"] }`;
    assert.deepEqual(findings(`{ ${identity('10c419d4-4a50-45b2-aa4e-919fb84df24f')}, ${rat} }`, 'config/tenant-not-specific'), []);
    assert.deepEqual(findings(`{ ${identity('common', ', "AppHomeTenantId": "10c419d4-4a50-45b2-aa4e-919fb84df24f"')}, ${rat} }`, 'config/tenant-not-specific'), []);
    const override = `"MyWebApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "RequestAppToken": true, "Scopes": ["https://graph.microsoft.com/.default"], "AcquireTokenOptions": { "Tenant": "contoso.onmicrosoft.com" } }`;
    assert.deepEqual(findings(`{ ${identity('common')}, ${override} }`, 'config/tenant-not-specific'), []);
  });

  it('fires for a sign-in web app only when code requests app tokens for that section', () => {
    const text = `{ ${identity('common', ', "CallbackPath": "/signin-oidc"')}, "GraphApi": { "BaseUrl": "https://graph.microsoft.com/v1.0", "Scopes": ["https://graph.microsoft.com/.default"] } }`;
    assert.deepEqual(findings(text, 'config/tenant-not-specific'), []);
    const code = { 'Program.cs': 'var r = await downstreamApi.CallApiForAppAsync("GraphApi");' };
    const [f] = findings(text, 'config/tenant-not-specific', { code });
    assert.equal(f?.severity, 'error');
    assert.match(f!.message, /AppHomeTenantId/);
  });

  it('reads the tenant from the Authority when there is no TenantId', () => {
    const text = `{ "AzureAd": { "Authority": "https://login.microsoftonline.com/consumers/v2.0", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4",
       "ClientCredentials": [ { "SourceType": "ClientSecret", "ClientSecret": "x" } ] } }`;
    const [f] = findings(text, 'config/tenant-not-specific');
    assert.equal(spanOf(text, f!), 'consumers');
  });
});

describe('config/tenant-not-specific: legacy flat daemon', () => {
  it('warns (inferred from the daemon-style scope key) about Tenant common', () => {
    const text = `{ "Instance": "https://login.microsoftonline.com/{0}", "Tenant": "common", "ClientId": "a599ce88-0a5f-4a6e-beca-e67d3fc427f4",
      "TodoListScope": "api://8206b76f-586e-4098-b1e5-598c1aa3e2a1/.default" }`;
    const [f] = findings(text, 'config/tenant-not-specific');
    assert.equal(f?.severity, 'warning');
    assert.match(f!.message, /'Tenant' uses the 'common' tenant/);
  });
});
