// The token endpoint's answers are untrusted input: Entra's error parser, the HTML detection, the
// redactor and the client over a real socket must cope with random bodies, wrong content types,
// truncated JSON, hostile field types and gigantic responses — no exception other than a
// TokenError, bounded work (size windows; 1 MB hostile inputs finish within the test timeout),
// and the client stops reading past its limit.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { explainEntraError, parseEntraError, redactPatterns, TokenClient, TokenError } from '../../src/core/token';
import { htmlTitle, looksLikeHtml } from '../../src/core/token/parse-error';
import { figures, LoopbackServer, printFigures } from './support';

const CTX = {
  clientId: '6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11',
  tenant: 'contoso.onmicrosoft.com',
  tokenEndpoint: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
  host: 'login.microsoftonline.com',
  scope: 'https://graph.microsoft.com/.default',
  credential: { kind: 'secret' as const, source: 'test' },
};

const REAL =
  '{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app \'6c1ac2b5-52b1-4f0b-9f8f-7b1b3a3e0e11\'. Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333 Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd Timestamp: 2026-01-01 00:00:00Z","error_codes":[7000215],"timestamp":"2026-01-01 00:00:00Z","trace_id":"0000aaaa-11bb-cccc-dd22-eeeeee333333","correlation_id":"aaaa0000-bb11-2222-33cc-444444dddddd","error_uri":"https://login.microsoftonline.com/error?code=7000215"}';

/** Anything JSON can hold, including the wrong type in every field. */
const hostileValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string(), fc.object()), { maxLength: 5 }),
  fc.object({ maxDepth: 3 }),
  fc.constantFrom('<script>alert(1)</script>', '\u0000\u0007\u001b[31m', 'AADSTS' + '9'.repeat(40), '\u202eevil'),
);

/** The old JWT masking regex, kept here to prove the linear scanner matches the same text. */
const OLD_JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

describe('robustness: Entra error parsing and hostile response bodies', function () {
  this.timeout(20_000);
  after(() => printFigures('error-parser'));

  it('any string: the parser returns an Entra error or undefined, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.json()), (body) => {
        figures.inputs++;
        const e = parseEntraError(body);
        if (e) assert.equal(typeof e.error, 'string');
        looksLikeHtml(undefined, body);
        const t = htmlTitle(body);
        assert.ok(t === undefined || t.length <= 200);
      }),
      { numRuns: 400, seed: 8 },
    );
  });

  it('Entra-shaped JSON with the wrong type in every field: parsed and explained without throwing', () => {
    fc.assert(
      fc.property(
        fc.record(
          { error: hostileValue, error_description: hostileValue, error_codes: hostileValue, trace_id: hostileValue, correlation_id: hostileValue, error_uri: hostileValue, timestamp: hostileValue },
          { requiredKeys: [] },
        ),
        fc.constantFrom(400, 401, 403, 429, 500, 503),
        (obj, status) => {
          figures.inputs++;
          const parsed = parseEntraError(JSON.stringify(obj));
          if (!parsed) return;
          const e = explainEntraError(parsed, status, CTX);
          assert.ok(e instanceof TokenError);
          assert.ok(e.title.length > 0 && e.title.length <= 200, e.title);
          JSON.stringify(e.toJSON());
        },
      ),
      { numRuns: 500, seed: 9 },
    );
  });

  it('every truncation of a real Entra error body parses or is refused cleanly', () => {
    for (let i = 0; i <= REAL.length; i++) {
      figures.inputs++;
      const parsed = parseEntraError(REAL.slice(0, i));
      assert.equal(parsed === undefined, i < REAL.length, `prefix ${i}`);
    }
    const full = parseEntraError(REAL)!;
    assert.deepEqual(full.codes, [7000215]);
    assert.equal(full.correlationId, 'aaaa0000-bb11-2222-33cc-444444dddddd');
  });

  it('1 MB hostile bodies finish (no regex backtracking blow-up in trailers, <title> or JWT masking)', () => {
    const MB = 1024 * 1024;
    const inputs = [
      JSON.stringify({ error: 'x', error_description: 'AADSTS50000: a' + ' '.repeat(MB) + 'b' }),
      JSON.stringify({ error: 'x', error_description: 'AADSTS50000: a' + '\r\n'.repeat(MB / 2) + 'Trace ID: z' }),
      '<title'.repeat(MB / 6),
      '<html><title>' + 'a'.repeat(MB),
      'eyJ-'.repeat(MB / 4),
      'eyJaaaa.'.repeat(MB / 8),
      '"client_secret":"'.repeat(MB / 17),
      'client_secret='.repeat(MB / 14),
    ];
    for (const body of inputs) {
      figures.inputs++;
      const parsed = parseEntraError(body);
      if (parsed) explainEntraError(parsed, 400, CTX);
      htmlTitle(body);
      const red = redactPatterns(body);
      if (body.startsWith('eyJaaaa.')) assert.ok(!red.includes('eyJaaaa.eyJaaaa.eyJaaaa'), 'JWT-shaped text left unmasked');
    }
    // The trailer split still works after a megabyte of whitespace.
    const late = parseEntraError(JSON.stringify({ error: 'x', error_description: 'AADSTS50000: a' + ' '.repeat(MB) + 'b Trace ID: 0000aaaa-11bb Correlation ID: aaaa0000-bb11' }))!;
    assert.equal(late.traceId, '0000aaaa-11bb');
    assert.equal(late.correlationId, 'aaaa0000-bb11');
  });

  it('the linear JWT masking matches exactly what the old regex matched', () => {
    const alphabet = fc.constantFrom('e', 'y', 'J', 'a', 'Z', '0', '-', '_', '.', ' ', '"', '=');
    fc.assert(
      fc.property(fc.array(fc.oneof(alphabet, fc.constant('eyJ'), fc.constant('eyJhbGci')), { maxLength: 80 }), (parts) => {
        figures.inputs++;
        const text = parts.join('');
        // Only the JWT rule can apply to this alphabet (no '=' after a field name, no "authorization:").
        const expected = text.replace(OLD_JWT, (m) => `${m.slice(0, 10)}…[REDACTED]`);
        assert.equal(redactPatterns(text), expected, JSON.stringify(text));
      }),
      { numRuns: 800, seed: 10 },
    );
  });

  describe('over a real socket', () => {
    let server: LoopbackServer;
    let next: { status: number; type?: string; body: string } = { status: 400, body: '' };
    before(async () => {
      server = await LoopbackServer.http((_req, res) => {
        res.writeHead(next.status, next.type ? { 'content-type': next.type } : {});
        res.end(next.body);
      });
    });
    after(() => server.close());

    const client = (): TokenClient => new TokenClient({ allowedHosts: [server.hostPort], maxRetries: 0 });
    const request = () => ({
      authority: { instance: `http://${server.hostPort}/`, tenantId: 'contoso.onmicrosoft.com' },
      clientId: CTX.clientId,
      scopes: [CTX.scope],
      credential: { kind: 'secret' as const, secret: 'RobustnessSecret~0123456789', source: 'test' },
    });

    it('random bodies under random statuses and content types always end in a TokenError with a message', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.string({ maxLength: 300 }), fc.json(), fc.constant(REAL.slice(0, 97)), fc.constant('<html><title>Proxy</title>')),
          fc.constantFrom(200, 400, 401, 404, 418, 500),
          fc.constantFrom(undefined, 'application/json', 'text/html', 'text/plain', 'application/octet-stream', 'image/png'),
          async (body, status, type) => {
            figures.inputs++;
            figures.faults++;
            next = { status, type, body };
            try {
              await client().acquire(request());
              // A 200 whose random body happens to hold a string access_token is a success; that is fine.
              assert.equal(status, 200);
            } catch (err) {
              assert.ok(err instanceof TokenError, String(err));
              assert.ok(err.explanation.length > 10);
              assert.ok(!err.explanation.includes('RobustnessSecret'));
            }
          },
        ),
        { numRuns: 60, seed: 11 },
      );
    });
  });

  it('a gigantic response: the client stops reading past its 1 MB limit (bytes counted at the server)', async () => {
    const TOTAL = 64 * 1024 * 1024;
    let offered = 0;
    const srv = await LoopbackServer.raw((socket) => {
      socket.once('data', () => {
        socket.write(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${TOTAL}\r\n\r\n{"error":"`);
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = (): void => {
          // Honour back-pressure: only what the client actually drains leaves this process.
          while (!socket.destroyed && offered < TOTAL) {
            offered += chunk.length;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
        };
        pump();
      });
    });
    try {
      const c = new TokenClient({ allowedHosts: [srv.hostPort], maxRetries: 0 });
      const err = await c
        .acquire({ ...{ authority: { instance: `http://${srv.hostPort}/`, tenantId: 't' } }, clientId: CTX.clientId, scopes: [CTX.scope], credential: { kind: 'secret', secret: 'RobustnessSecret~0123456789', source: 't' } })
        .then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof TokenError);
      assert.equal(err.code, 'network/too-large');
      await srv.close();
      const sent = srv.bytesSent.reduce((a, b) => a + b, 0);
      figures.faults++;
      // 1 MB limit plus what sits in the loopback socket buffers — far below what the server wanted to send.
      assert.ok(sent < 16 * 1024 * 1024, `server got ${sent} bytes out before the client hung up`);
      assert.ok(sent > 1024 * 1024, `the server sent only ${sent} bytes (test did not exercise the limit)`);
      assert.ok(offered < TOTAL, 'the client read the whole 64 MB');
      if (process.env.ROBUSTNESS_FIGURES) process.stdout.write(`[figures] gigantic response: server wanted ${TOTAL} bytes, sent ${sent} before the socket closed\n`);
    } finally {
      await srv.close();
    }
  });
});
