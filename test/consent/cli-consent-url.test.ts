// `entra-doctor consent-url` as a real child process.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '6e74172b-be56-4843-9ff4-e66a39bb12e3';

function config(json: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'consent-'));
  const file = join(dir, 'appsettings.json');
  writeFileSync(file, json);
  return file;
}

describe('cli: entra-doctor consent-url', () => {
  it('from flags: v1 URL first, notes after', () => {
    const r = runCli(['consent-url', '--tenant', TENANT, '--client-id', CLIENT]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], `https://login.microsoftonline.com/${TENANT}/adminconsent?client_id=${CLIENT}`);
    assert.match(r.stdout, /AADSTS50011/);
  });

  it('from a US Gov config (Instance login.microsoftonline.us, with comments)', () => {
    const file = config(`{
      // daemon for GCC High
      "AzureAd": { "Instance": "https://login.microsoftonline.us/", "TenantId": "${TENANT}", "ClientId": "${CLIENT}", },
    }`);
    const r = runCli(['consent-url', '--config', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.url, `https://login.microsoftonline.us/${TENANT}/adminconsent?client_id=${CLIENT}`);
    assert.equal(out.cloud, 'usgov');
    assert.match(out.adminRequest, /login\.microsoftonline\.us/);
  });

  it('legacy Authority URL; --scope gives the v2 form; --cloud china', () => {
    const file = config(`{ "Authority": "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", "ClientId": "${CLIENT}" }`);
    const r = runCli(['consent-url', '--config', file, '--scope', 'https://microsoftgraph.chinacloudapi.cn/.default', '--cloud', 'china']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout.split('\n')[0],
      `https://login.partner.microsoftonline.cn/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=${CLIENT}&scope=https%3A%2F%2Fmicrosoftgraph.chinacloudapi.cn%2F.default`,
    );
  });

  it('placeholders and common-with-v2 are refused with a clear message, exit 2', () => {
    const file = config(`{ "AzureAd": { "Instance": "https://login.microsoftonline.com/", "TenantId": "Enter_the_Tenant_Id_Here", "ClientId": "${CLIENT}" } }`);
    const r = runCli(['consent-url', '--config', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /placeholder.*section AzureAd/);
    const c = runCli(['consent-url', '--tenant', 'common', '--client-id', CLIENT, '--scope', 'https://graph.microsoft.com/.default']);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /organizations/);
  });

  it('usage errors exit 2', () => {
    assert.equal(runCli(['consent-url']).code, 2);
    assert.equal(runCli(['consent-url', '--tenant', TENANT]).code, 2);
    assert.equal(runCli(['consent-url', '--config', '/nonexistent/appsettings.json']).code, 2);
    assert.equal(runCli(['consent-url', '--bogus']).code, 2);
  });
});
