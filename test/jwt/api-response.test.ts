import * as assert from 'node:assert/strict';
import { diagnoseApiResponse, formatApiBody, parseWwwAuthenticate } from '../../src/core/jwt';

const GRAPH_403 = '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"request-id":"7d1c0f5e-0000-0000-0000-000000000000","date":"2024-05-01T10:00:00"}}}';

describe('jwt/api-response (Call Web API diagnosis)', () => {
  it("Graph's Authorization_RequestDenied: consent or application permission", () => {
    const none = diagnoseApiResponse({ status: 403, headers: {}, body: GRAPH_403, token: { roles: [], kind: 'app', version: '1.0' } });
    assert.equal(none[0]?.id, 'api/graph-insufficient-privileges');
    assert.match(none[0]!.explanation, /no roles.*Application permissions.*admin consent/s);
    const some = diagnoseApiResponse({ status: 403, headers: {}, body: GRAPH_403, token: { roles: ['User.Read.All'], kind: 'app', version: '1.0' } });
    assert.match(some[0]!.explanation, /User\.Read\.All.*required application permission/s);
  });

  it('401 invalid_token audience / issuer / signature from WWW-Authenticate', () => {
    const aud = diagnoseApiResponse({
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The audience \'https://database.windows.net\' is invalid"' },
      body: '',
      token: { roles: ['x'], audience: 'https://database.windows.net', version: '1.0', kind: 'app' },
    });
    assert.equal(aud[0]?.id, 'api/invalid-audience');
    assert.match(aud[0]!.explanation, /database\.windows\.net\/\/\.default/);
    const iss = diagnoseApiResponse({ status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The issuer \'https://sts.windows.net/t/\' is invalid"' }, body: '', token: { roles: ['x'], version: '1.0', kind: 'app' } });
    assert.equal(iss[0]?.id, 'api/invalid-issuer');
    assert.match(iss[0]!.explanation, /accessTokenAcceptedVersion/);
    assert.equal(diagnoseApiResponse({ status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="The signature is invalid"' }, body: '' })[0]?.id, 'api/invalid-signature');
    assert.equal(diagnoseApiResponse({ status: 401, headers: {}, body: '' })[0]?.id, 'api/unauthorized');
  });

  it('Microsoft.Identity.Web IDW10201/IDW10202 and a plain 403', () => {
    assert.equal(diagnoseApiResponse({ status: 403, headers: {}, body: 'IDW10201: Neither scope nor roles claim was found in the bearer token.' })[0]?.id, 'api/idw-no-roles');
    assert.equal(diagnoseApiResponse({ status: 403, headers: {}, body: "IDW10202: The 'roles' or 'role' claim does not contain roles 'Orders.Write'" })[0]?.id, 'api/idw-role-missing');
    assert.equal(diagnoseApiResponse({ status: 403, headers: {}, body: '' })[0]?.id, 'api/forbidden');
    assert.deepEqual(diagnoseApiResponse({ status: 200, headers: {}, body: '{}' }), []);
  });

  it('parses WWW-Authenticate parameters, quoted and escaped', () => {
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token", error_description="say \\"hi\\""'), {
      realm: '',
      authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
      error: 'invalid_token',
      error_description: 'say "hi"',
    });
  });

  it('formats JSON bodies and truncates large ones', () => {
    assert.equal(formatApiBody('{"a":1}', 'application/json').text, '{\n  "a": 1\n}');
    assert.equal(formatApiBody('<html>', 'text/html').text, '<html>');
    const big = formatApiBody('x'.repeat(100), 'text/plain', 10);
    assert.deepEqual(big, { text: 'x'.repeat(10), truncated: true });
  });
});
