import * as assert from 'node:assert/strict';
import {
  classifyAuthorityHost,
  cloudByName,
  cloudForAuthorityHost,
  cloudForResourceHost,
  isKnownAuthorityHost,
  normalizeHost,
} from '../../src/core/knowledge/clouds';

describe('knowledge/clouds', () => {
  it('normalises hosts from URLs, ports, case and trailing dots', () => {
    assert.equal(normalizeHost('https://Login.MicrosoftOnline.com:443/contoso/'), 'login.microsoftonline.com');
    assert.equal(normalizeHost('login.windows.net.'), 'login.windows.net');
    assert.equal(normalizeHost('http://[::1]:8080/x'), '::1');
    assert.equal(normalizeHost(''), '');
  });

  it('recognises authority hosts and aliases of every cloud', () => {
    assert.equal(cloudForAuthorityHost('https://login.microsoftonline.com/')?.id, 'public');
    assert.equal(cloudForAuthorityHost('login.windows.net')?.id, 'public');
    assert.equal(cloudForAuthorityHost('login.microsoftonline.us')?.id, 'usgov');
    assert.equal(cloudForAuthorityHost('login.usgovcloudapi.net')?.id, 'usgov');
    assert.equal(cloudForAuthorityHost('login.partner.microsoftonline.cn')?.id, 'china');
    assert.equal(cloudForAuthorityHost('login.chinacloudapi.cn')?.id, 'china');
    assert.equal(classifyAuthorityHost('westus2.login.microsoft.com')?.kind, 'regional');
  });

  it('recognises B2C and CIAM tenant hosts but not look-alikes', () => {
    assert.equal(classifyAuthorityHost('https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_x')?.kind, 'b2c');
    assert.equal(classifyAuthorityHost('contoso.b2clogin.cn')?.cloud.id, 'china');
    assert.equal(classifyAuthorityHost('contoso.ciamlogin.com')?.kind, 'ciam');
    assert.equal(isKnownAuthorityHost('b2clogin.com'), false);
    assert.equal(isKnownAuthorityHost('evil.example.com'), false);
    assert.equal(isKnownAuthorityHost('login.microsoftonline.com.evil.example'), false);
    assert.equal(isKnownAuthorityHost('a.b.ciamlogin.com'), false);
    assert.equal(isKnownAuthorityHost('127.0.0.1'), false);
  });

  it('maps resource hosts to their cloud', () => {
    assert.equal(cloudForResourceHost('https://graph.microsoft.com/v1.0')?.id, 'public');
    assert.equal(cloudForResourceHost('graph.microsoft.us')?.id, 'usgov');
    assert.equal(cloudForResourceHost('dod-graph.microsoft.us')?.id, 'usgov');
    assert.equal(cloudForResourceHost('microsoftgraph.chinacloudapi.cn')?.id, 'china');
    assert.equal(cloudForResourceHost('https://database.windows.net/')?.id, 'public');
    assert.equal(cloudForResourceHost('myserver.database.usgovcloudapi.net')?.id, 'usgov');
    assert.equal(cloudForResourceHost('management.chinacloudapi.cn')?.id, 'china');
    assert.equal(cloudForResourceHost('api://11111111-2222-3333-4444-555555555555'), undefined);
    assert.equal(cloudForResourceHost('myapi.contoso.com'), undefined);
  });

  it('looks clouds up by common names', () => {
    assert.equal(cloudByName('AzureUSGovernment')?.id, 'usgov');
    assert.equal(cloudByName('china')?.id, 'china');
    assert.equal(cloudByName('nope'), undefined);
  });
});
