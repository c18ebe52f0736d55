// Signature check against discovery + JWKS served by a real HTTP server on loopback.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature, decodeToken, FetchJson } from '../../src/core/jwt';
import { appToken, signingKey, TENANT } from './tokens';

describe('jwt/verify (optional signature check)', () => {
  let server: http.Server;
  let origin: string;
  const requests: string[] = [];

  before(async () => {
    const { jwk } = await signingKey();
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      if (req.url === `/${TENANT}/v2.0/.well-known/openid-configuration` || req.url === `/${TENANT}/.well-known/openid-configuration`) {
        res.end(JSON.stringify({ issuer: `${origin}/${TENANT}/v2.0`, jwks_uri: `${origin}/${TENANT}/discovery/v2.0/keys` }));
      } else if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
        res.end(JSON.stringify({ keys: [{ ...jwk, x5t: jwk.kid }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    requests.length = 0;
  });

  const fetchJson: FetchJson = async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  };

  it('valid: v2 token checked against v2 metadata', async () => {
    const token = await appToken({ roles: ['x'] });
    const r = await checkSignature(token, decodeToken(token), { fetchJson, authority: origin });
    assert.equal(r.status, 'valid');
    assert.deepEqual(requests, [`/${TENANT}/v2.0/.well-known/openid-configuration`, `/${TENANT}/discovery/v2.0/keys`]);
  });

  it('v1 token: asks the v1 metadata', async () => {
    const token = await appToken({ version: '1.0', roles: ['x'] });
    const r = await checkSignature(token, decodeToken(token), { fetchJson, authority: origin });
    assert.equal(r.status, 'valid');
    assert.equal(requests[0], `/${TENANT}/.well-known/openid-configuration`);
  });

  it('invalid: altered payload', async () => {
    const token = await appToken({ roles: ['x'] });
    const [h, , s] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...decodeToken(token).claims, roles: ['Admin'] })).toString('base64url');
    const tampered = `${h}.${forged}.${s}`;
    const r = await checkSignature(tampered, decodeToken(tampered), { fetchJson, authority: origin });
    assert.equal(r.status, 'invalid');
    assert.match((r as { reason: string }).reason, /does not match/);
  });

  it('invalid: unknown key id', async () => {
    const token = await appToken({ roles: ['x'], kid: 'other-kid' });
    const r = await checkSignature(token, decodeToken(token), { fetchJson, authority: origin });
    assert.equal(r.status, 'invalid');
    assert.match((r as { reason: string }).reason, /No key with kid "other-kid"/);
  });

  it('Graph token: not checked, explained, no network', async () => {
    const token = await appToken({ aud: 'https://graph.microsoft.com', header: { nonce: 'n0nce' }, roles: ['x'] });
    const r = await checkSignature(token, decodeToken(token), { fetchJson, authority: origin });
    assert.equal(r.status, 'not-checked');
    assert.match((r as { reason: string }).reason, /nonce/);
    assert.equal(requests.length, 0);
  });

  it('issuer host that is not Entra: keys are not fetched', async () => {
    const token = await appToken({ issuerHost: 'evil.example.com', roles: ['x'] });
    let called = false;
    const r = await checkSignature(token, decodeToken(token), {
      fetchJson: async () => {
        called = true;
        return {};
      },
    });
    assert.equal(r.status, 'not-checked');
    assert.equal(called, false);
  });

  it('network failure: not checked, with the reason', async () => {
    const token = await appToken({ roles: ['x'], tid: '00000000-0000-0000-0000-000000000001' });
    const r = await checkSignature(token, decodeToken(token), { fetchJson, authority: origin });
    assert.equal(r.status, 'not-checked');
    assert.match((r as { reason: string }).reason, /HTTP 404/);
  });
});
