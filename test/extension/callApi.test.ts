// Call Web API's request and answer shaping, over a real loopback server (no VS Code needed).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiCallError, callApi, checkApiUrl } from '../../src/extension/inspector/callApi';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJyb2xlcyI6W119.c2lnbmF0dXJlLXBhcnQ';

describe('extension: Call Web API request', () => {
  let server: http.Server;
  let base: string;
  const seen: { method?: string; url?: string; auth?: string }[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization });
      if (req.url === '/forbidden') {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}');
      } else if (req.url === '/echo') {
        res.writeHead(200, { 'content-type': 'text/plain', 'x-echo': String(req.headers.authorization) });
        res.end(`you sent ${req.headers.authorization}`);
      } else if (req.url === '/echo-401') {
        // An API quoting the token in WWW-Authenticate (which the diagnosis quotes) and in the status text.
        res.writeHead(401, `Bad token ${TOKEN}`, { 'www-authenticate': `Bearer error="invalid_token", error_description="token ${TOKEN} is not valid here"` });
        res.end();
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ items: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `item ${i}` })) }));
      } else if (req.url === '/unauthorized') {
        res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token", error_description="The audience \'api://x\' is invalid"' });
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"value":[{"id":1}]}');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise((r) => server.close(r)));

  it('sends the bearer token with the method given and pretty-prints JSON', async () => {
    const r = await callApi({ method: 'PATCH', url: `${base}/ok` }, TOKEN, undefined);
    assert.equal(r.status, 200);
    assert.equal(seen.at(-1)?.method, 'PATCH');
    assert.equal(seen.at(-1)?.auth, `Bearer ${TOKEN}`);
    assert.equal(r.body, '{\n  "value": [\n    {\n      "id": 1\n    }\n  ]\n}');
    assert.deepEqual(r.diagnosis, []);
    assert.ok(r.durationMs >= 0);
  });

  it('diagnoses Graph Authorization_RequestDenied (403) and an audience 401', async () => {
    const r403 = await callApi({ method: 'GET', url: `${base}/forbidden` }, TOKEN, { roles: [], kind: 'app', version: '1.0' });
    assert.equal(r403.status, 403);
    assert.ok(r403.diagnosis.some((d) => /insufficient privileges/i.test(d.title)), JSON.stringify(r403.diagnosis));
    const r401 = await callApi({ method: 'GET', url: `${base}/unauthorized` }, TOKEN, { roles: [], kind: 'app', version: '2.0', audience: 'api://y' });
    assert.ok(r401.diagnosis.some((d) => /audience/i.test(d.title)), JSON.stringify(r401.diagnosis));
  });

  it('never shows the token, even when the API echoes it', async () => {
    const r = await callApi({ method: 'GET', url: `${base}/echo` }, TOKEN, undefined);
    assert.ok(!r.body.includes(TOKEN), r.body);
    assert.ok(!r.headers.some(([, v]) => v.includes(TOKEN)), JSON.stringify(r.headers));
  });

  it('never shows the token from WWW-Authenticate or the status text (the diagnosis quotes them)', async () => {
    const r = await callApi({ method: 'GET', url: `${base}/echo-401` }, TOKEN, { roles: [], kind: 'app', version: '2.0', audience: 'api://y' });
    assert.equal(r.status, 401);
    assert.ok(r.diagnosis.length > 0, 'a 401 is diagnosed');
    assert.ok(!JSON.stringify(r).includes(TOKEN), JSON.stringify(r));
    assert.ok(!JSON.stringify(r).includes(TOKEN.split('.')[2]!), 'no signature');
  });

  it('cuts a large body and says so', async () => {
    const r = await callApi({ method: 'GET', url: `${base}/big` }, TOKEN, undefined);
    assert.equal(r.truncated, true);
    assert.ok(r.body.length <= 64 * 1024);
  });

  it('sends the token only over https, or plain http to loopback', () => {
    assert.equal(checkApiUrl('https://graph.microsoft.com/v1.0/users').host, 'graph.microsoft.com');
    assert.equal(checkApiUrl('http://localhost:5000/api').hostname, 'localhost');
    assert.throws(() => checkApiUrl('http://api.contoso.com/x'), ApiCallError);
    assert.throws(() => checkApiUrl('not a url'), ApiCallError);
  });

  it('explains a refused connection', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await assert.rejects(callApi({ method: 'GET', url: `http://127.0.0.1:${port}/` }, TOKEN, undefined), (e: Error) => e instanceof ApiCallError && /connection refused/.test(e.message));
  });
});
