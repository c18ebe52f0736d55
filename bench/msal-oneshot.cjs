// Baseline for the cold token row: @azure/msal-node's one-shot acquireTokenByClientCredential against the
// emulator (authority https://127.0.0.1:PORT/TENANT as a known authority; its certificate trusted via NODE_EXTRA_CA_CERTS).
const { ConfidentialClientApplication } = require('@azure/msal-node');
const { BENCH_AUTHORITY: authority, BENCH_CLIENT_ID: clientId, BENCH_SECRET: clientSecret, BENCH_SCOPE: scope } = process.env;
const host = new URL(authority).host;
const cca = new ConfidentialClientApplication({ auth: { clientId, clientSecret, authority, knownAuthorities: [host] } });
cca.acquireTokenByClientCredential({ scopes: [scope] }).then(
  (r) => (process.exitCode = r && r.accessToken ? 0 : 3),
  (e) => {
    process.stderr.write(`${e.errorCode || e.message}\n`);
    process.exitCode = 4;
  },
);
