// Baseline for the cold token row: one process, one raw node:https POST of the same form, then exit.
const https = require('node:https');
const { BENCH_TOKEN_URL: url, BENCH_CLIENT_ID: clientId, BENCH_SECRET: secret, BENCH_SCOPE: scope } = process.env;
const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret, scope }).toString();
const req = https.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => {
    const json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    process.exitCode = res.statusCode === 200 && typeof json.access_token === 'string' ? 0 : 3;
  });
});
req.on('error', () => (process.exitCode = 4));
req.end(body);
