// The JWT decoder and inspector on hostile input: random strings, and valid-looking tokens whose
// claims are 1 MB values, objects where strings belong, HTML/script and control characters.
// No exception but JwtDecodeError escapes, messages never echo the input, work is bounded by the
// 64 KB input limit, and the CLI's text output carries no control character from a claim.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeToken, inspectToken, JwtDecodeError, MAX_TOKEN_LENGTH } from '../../src/core/jwt';
import { buildCli, figures, printFigures, runCli } from './support';

const b64 = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const jwt = (header: unknown, claims: unknown, sig = 'c2ln'): string => `${b64(header)}.${b64(claims)}.${sig}`;

const CLAIMS = ['aud', 'iss', 'tid', 'appid', 'azp', 'roles', 'scp', 'exp', 'nbf', 'iat', 'idtyp', 'ver', 'oid', 'sub', 'appidacr', 'azpacr', 'name', 'upn', 'xms_mirid', 'wids', 'groups'];
const NASTY = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u001b[2J\u001b]0;owned\u0007',
  '\r\rspoofed line',
  '\u202egnp.exe',
  '\u0000\u0001\u0002',
  '../../etc/passwd',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂 ᄀᄀᄀ',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
];
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1, 0, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.integer(), fc.object({ maxDepth: 1 })), { maxLength: 4 }),
  fc.object({ maxDepth: 2 }),
);

function expectDecodeErrorOrResult(input: string, run: () => unknown): void {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof JwtDecodeError, `${(err as Error)?.name}: ${(err as Error)?.message}`);
    assert.ok(err.message.length > 10 && err.message.length < 400);
    // Never echo (part of) the input: it may be a live token.
    if (input.length > 24) assert.ok(!err.message.includes(input.slice(0, 24)), err.message);
  }
}

describe('robustness: JWT decoder and inspector', function () {
  this.timeout(30_000);
  after(() => printFigures('jwt'));

  it('random strings (and dotted random parts) decode or fail with a JwtDecodeError', () => {
    const part = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_+/=.~ \n'.split('')), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.array(part, { maxLength: 6 }).map((p) => p.join('.'))), (s) => {
        figures.inputs++;
        expectDecodeErrorOrResult(s, () => inspectToken(s));
      }),
      { numRuns: 800, seed: 21 },
    );
  });

  it('valid-looking tokens with hostile claims and headers: inspected without throwing, explanations are strings', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...CLAIMS), hostile, { maxKeys: 12 }),
        fc.dictionary(fc.constantFrom('alg', 'typ', 'kid', 'x5t', 'nonce', 'enc', 'zip'), hostile, { maxKeys: 4 }),
        fc.record({ requestedScope: fc.option(fc.constantFrom(...NASTY, 'https://database.windows.net//.default'), { nil: undefined }), clientId: fc.option(fc.constantFrom(...NASTY), { nil: undefined }), expectAppToken: fc.boolean() }),
        (claims, header, ctx) => {
          figures.inputs++;
          const token = jwt(header, claims);
          expectDecodeErrorOrResult(token, () => {
            const r = inspectToken(token, ctx);
            for (const e of [...r.claimExplanations, ...r.headerExplanations]) {
              assert.equal(typeof e.value, 'string');
              assert.equal(typeof e.description, 'string');
            }
            for (const d of r.diagnosis) assert.ok(typeof d.title === 'string' && typeof d.explanation === 'string');
            JSON.stringify(r);
          });
        },
      ),
      { numRuns: 700, seed: 22 },
    );
  });

  it('1 MB claim values, deep nesting and many claims are refused by size before any parsing', () => {
    const cases = [
      jwt({ alg: 'RS256' }, { aud: 'a'.repeat(1024 * 1024) }),
      jwt({ alg: 'RS256' }, Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`c${i}`, i]))),
      jwt({ alg: 'RS256' }, '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)),
      'eyJ' + 'A'.repeat(10 * 1024 * 1024),
    ];
    for (const t of cases) {
      figures.inputs++;
      assert.throws(() => decodeToken(t), (e: unknown) => e instanceof JwtDecodeError && e.code === 'too-large' && /KB/.test(e.message));
    }
  });

  it('just under the size limit: a 60 KB claim and nesting as deep as fits are decoded', () => {
    const big = jwt({ alg: 'RS256', typ: 'JWT' }, { aud: 'https://graph.microsoft.com', roles: ['x'.repeat(44 * 1024)], exp: 1 });
    assert.ok(big.length < MAX_TOKEN_LENGTH);
    const r = inspectToken(big);
    assert.equal((r.claims.roles as string[])[0]!.length, 44 * 1024);
    const depth = 4000;
    const deep = jwt({ alg: 'RS256' }, '{"x":'.repeat(depth) + '1' + '}'.repeat(depth));
    assert.ok(deep.length < MAX_TOKEN_LENGTH);
    expectDecodeErrorOrResult(deep, () => inspectToken(deep));
    figures.inputs += 2;
  });

  it('the CLI prints hostile claims without their control characters (text) and as valid JSON (--json)', async function () {
    this.timeout(30_000);
    buildCli();
    const token = jwt(
      { alg: 'RS256', typ: 'JWT', kid: '\u001b[31mkid' },
      { aud: 'https://graph.microsoft.com', iss: 'https://sts.windows.net/x/', roles: ['A\u001b[2J\u001b]0;owned\u0007', '<script>alert(1)</script>'], appid: { nested: true }, tid: [1], name: '\u202eevil\r\u009b31m', exp: 'soon', ver: '1.0', idtyp: 'app' },
    );
    const text = await runCli(['decode', '-'], { input: token });
    assert.match(text.stdout, /Claims/);
    assert.doesNotMatch(text.stdout + text.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/, 'a control character reached the terminal');
    assert.match(text.stdout, /\\u001b\[2J/, 'the escape is shown, visibly');
    const json = await runCli(['decode', '--json', '-'], { input: token });
    const parsed = JSON.parse(json.stdout) as { claims: { roles: string[] } };
    assert.equal(parsed.claims.roles[0], 'A\u001b[2J\u001b]0;owned\u0007');
    assert.ok(!json.stdout.includes(token) && !text.stdout.includes(token.split('.')[1]!), 'the raw token was printed');
    figures.inputs += 2;
  });
});
