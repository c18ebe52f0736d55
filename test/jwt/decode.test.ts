import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { decodeToken, explainClaims, explainHeader, inspectToken, JwtDecodeError, maskToken, MAX_TOKEN_LENGTH, summarize } from '../../src/core/jwt';
import { API_CLIENT_ID, appToken, CLIENT_ID, DOCS_V1_SAMPLE, DOCS_V2_SAMPLE, SP_OID, TENANT } from './tokens';

const b64 = (o: unknown): string => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

function decodeError(input: string): JwtDecodeError {
  try {
    decodeToken(input);
  } catch (err) {
    assert.ok(err instanceof JwtDecodeError, `expected JwtDecodeError, got ${String(err)}`);
    return err;
  }
  assert.fail('decodeToken accepted malformed input');
}

describe('jwt/decode', () => {
  it('decodes a v2 app token: header, claims, version and kind', async () => {
    const token = await appToken({ roles: ['User.Read.All'] });
    const d = decodeToken(token);
    assert.equal(d.header.alg, 'RS256');
    assert.equal(d.claims.azp, CLIENT_ID);
    const s = summarize(d, new Date());
    assert.equal(s.version, '2.0');
    assert.equal(s.kind, 'app');
    assert.equal(s.clientId, CLIENT_ID);
    assert.equal(s.audience, API_CLIENT_ID);
    assert.deepEqual(s.roles, ['User.Read.All']);
    assert.equal(s.tenantId, TENANT);
    assert.ok(s.expiresInSeconds! > 3500 && s.expiresInSeconds! <= 3600);
  });

  it('decodes a v1 app token without idtyp as app-only (appid, no scp)', async () => {
    const token = await appToken({ version: '1.0', roles: ['Data.Read'], extra: { idtyp: undefined } });
    const s = summarize(decodeToken(token), new Date());
    assert.equal(s.version, '1.0');
    assert.equal(s.kind, 'app');
    assert.match(s.kindReason, /No scp/);
    assert.equal(s.clientId, CLIENT_ID);
  });

  it('accepts a pasted "Bearer …" value and an "Authorization:" line, with quotes and whitespace', async () => {
    const token = await appToken();
    assert.equal(decodeToken(`  Bearer ${token}\n`).claims.oid, SP_OID);
    assert.equal(decodeToken(`Authorization: Bearer ${token}`).claims.oid, SP_OID);
    assert.equal(decodeToken(`"${token}"`).claims.oid, SP_OID);
    const wrapped = token.replace(/(.{76})/g, '$1\r\n');
    assert.equal(decodeToken(wrapped).claims.oid, SP_OID);
  });

  it('any input either decodes or fails with a JwtDecodeError (never another exception)', () => {
    const part = fc.oneof(fc.string(), fc.base64String().map((s) => s.replace(/=+$/, '')), fc.json().map((j) => Buffer.from(j).toString('base64url')));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.tuple(part, part, part).map((p) => p.join('.'))), (input) => {
        try {
          decodeToken(input);
        } catch (err) {
          assert.ok(err instanceof JwtDecodeError, String(err));
          assert.ok(err.message.length > 10);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('explains every claim of a v1 app token in plain words, times as ISO + relative', async () => {
    const token = await appToken({ version: '1.0', roles: ['Data.Read'] });
    const now = new Date();
    const ex = explainClaims(decodeToken(token), now);
    const by = new Map(ex.map((e) => [e.name, e]));
    for (const name of ['aud', 'iss', 'appid', 'appidacr', 'idtyp', 'roles', 'oid', 'sub', 'tid', 'ver', 'exp', 'nbf', 'iat', 'xms_ftd', 'uti', 'aio', 'rh']) {
      const e = by.get(name);
      assert.ok(e, `${name} explained`);
      assert.ok(e.description.length > 20, `${name} has a description`);
      assert.equal(e.unknown, undefined, `${name} is known`);
    }
    assert.equal(by.get('appidacr')!.detail, 'certificate or signed client assertion');
    assert.match(by.get('exp')!.detail!, /^\d{4}-\d\d-\d\dT.*Z \(in (59 min|1 h)\)$/);
    assert.match(by.get('iat')!.detail!, /ago\)$/);
    assert.equal(by.get('aio')!.opaque, true);
    assert.match(by.get('xms_ftd')!.description, /xms_/);
    assert.match(by.get('ver')!.detail!, /accessTokenAcceptedVersion/);
    const header = explainHeader(decodeToken(token));
    assert.deepEqual(header.map((h) => h.name).sort(), ['alg', 'kid', 'typ', 'x5t']);
  });

  it('explains azpacr of a v2 token', async () => {
    const ex = explainClaims(decodeToken(await appToken()), new Date());
    assert.equal(ex.find((e) => e.name === 'azpacr')!.detail, 'client secret');
    assert.equal(ex.find((e) => e.name === 'azp')!.label, 'Client app ID');
  });

  it('marks claims Entra does not document', async () => {
    const ex = explainClaims(decodeToken(await appToken({ extra: { custom_thing: 1 } })), new Date());
    assert.equal(ex.find((e) => e.name === 'custom_thing')!.unknown, true);
  });

  describe("Microsoft docs' sample tokens (access-tokens.md)", () => {
    it('v1.0 sample: a delegated v1 token with scp user_impersonation', () => {
      const r = inspectToken(DOCS_V1_SAMPLE, { now: new Date('2018-09-18T01:00:00Z') });
      assert.equal(r.summary.version, '1.0');
      assert.equal(r.summary.kind, 'delegated');
      assert.deepEqual(r.summary.scopes, ['user_impersonation']);
      assert.equal(r.summary.clientId, '75dbe77f-10a3-4e59-85fd-8c127544f17c');
      assert.equal(r.header.x5t, r.header.kid);
      assert.equal(r.summary.issuedAt, '2018-09-18T01:11:46.000Z');
      assert.ok(r.diagnosis.some((d) => d.id === 'token/delegated' && d.severity === 'info'));
    });

    it('v2.0 sample: a delegated v2 token, expired long ago', () => {
      const r = inspectToken(DOCS_V2_SAMPLE, { expectAppToken: true });
      assert.equal(r.summary.version, '2.0');
      assert.equal(r.summary.kind, 'delegated');
      assert.deepEqual(r.summary.scopes, ['access_as_user']);
      assert.equal(r.summary.clientId, '6e74172b-be56-4843-9ff4-e66a39bb12e3');
      assert.ok(r.diagnosis.some((d) => d.id === 'token/delegated' && d.severity === 'error'));
      assert.ok(r.diagnosis.some((d) => d.id === 'token/expired'));
      assert.match(r.verdict.text, /^✖ delegated token \(scopes access_as_user\)/);
      // A user token without roles is normal: no consent diagnosis.
      assert.ok(!r.diagnosis.some((d) => d.id.startsWith('token/no-roles')));
    });
  });

  describe('malformed input gives a clear, specific message', () => {
    it('empty', () => {
      assert.equal(decodeError('   ').code, 'empty');
    });
    it('not three parts', () => {
      const e = decodeError('abc.def');
      assert.equal(e.code, 'not-three-parts');
      assert.match(e.message, /three parts.*this input has 2/);
      assert.equal(decodeError('just-some-text').code, 'not-three-parts');
    });
    it('an encrypted token (JWE, five parts)', () => {
      const e = decodeError('a.b.c.d.e');
      assert.equal(e.code, 'encrypted');
      assert.match(e.message, /encrypted/);
    });
    it('bad base64url: standard base64 characters, padding, stray characters', () => {
      assert.match(decodeError(`${b64({ alg: 'RS256' })}.ab+c.sig`).message, /payload part is not base64url: it contains "\+" \(standard base64/);
      assert.match(decodeError(`${b64({ alg: 'RS256' })}==.${b64({})}.sig`).message, /header part.*"=" padding/);
      assert.match(decodeError(`${b64({ alg: 'RS256' })}.${b64({})}.si*g`).message, /signature part is not base64url/);
      assert.equal(decodeError(`${b64({ alg: 'RS256' })}.a.sig`).code, 'bad-base64url');
    });
    it('non-JSON parts', () => {
      const e = decodeError(`${b64({ alg: 'RS256' })}.${b64('hello world')}.sig`);
      assert.equal(e.code, 'not-json');
      assert.match(e.message, /payload part decodes, but not to JSON/);
      assert.match(decodeError(`${b64('nope')}.${b64({})}.sig`).message, /header part/);
    });
    it('JSON that is not an object', () => {
      const e = decodeError(`${b64({ alg: 'RS256' })}.${b64([1, 2])}.sig`);
      assert.equal(e.code, 'not-object');
    });
    it('huge input is refused with its size', () => {
      const big = 'a'.repeat(MAX_TOKEN_LENGTH + 10) + '.b.c';
      const e = decodeError(big);
      assert.equal(e.code, 'too-large');
      assert.match(e.message, /64 KB/);
      assert.equal(decodeError('x'.repeat(10 * 1024 * 1024)).code, 'too-large');
    });
    it('never echoes the input in the message', async () => {
      const token = await appToken();
      const [h, p] = token.split('.') as [string, string];
      const e = decodeError(`${h}.${p}`);
      assert.ok(!e.message.includes(h.slice(0, 12)));
      assert.ok(!e.message.includes(p.slice(0, 12)));
    });
  });

  it('maskToken keeps only a short prefix and suffix', async () => {
    const token = await appToken();
    const m = maskToken(token);
    assert.ok(m.startsWith(token.slice(0, 8)));
    assert.ok(m.endsWith(token.slice(-4)));
    assert.ok(m.length < 40);
    assert.ok(!m.includes(token.split('.')[1]!.slice(0, 10)));
  });
  it('decodes what jose decodes, to the same header and claims (the decoder no longer runs jose after its own pass)', () => {
    const json = fc.jsonValue({ maxDepth: 2 });
    const object = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 6 });
    fc.assert(
      fc.property(object, object, fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/), (header, claims, sig) => {
        const token = `${b64(header)}.${b64(claims)}.${sig}`;
        let joseOut: { header: unknown; claims: unknown } | undefined;
        try {
          joseOut = { header: decodeProtectedHeader(token), claims: decodeJwt(token) };
        } catch {
          // jose refuses some shapes ours explains (e.g. an empty signature): only agreement on success is checked.
        }
        if (!joseOut) return;
        const d = decodeToken(token);
        assert.deepEqual(d.header, joseOut.header);
        assert.deepEqual(d.claims, joseOut.claims);
      }),
      { numRuns: 400 },
    );
  });
});
