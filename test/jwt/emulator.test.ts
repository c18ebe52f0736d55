// Tokens issued by the local Entra emulator (test/emulator) over real HTTP: decode, diagnose and
// verify them against the emulator's own discovery document and keys.
import * as assert from 'node:assert/strict';
import { checkSignature, decodeToken, inspectToken } from '../../src/core/jwt';
import { DEMO_API_CLIENT_ID, DEMO_DAEMON_CLIENT_ID, DEMO_TENANT_ID, demoFixture, EntraEmulator, type DemoSetup } from '../emulator';

describe('jwt on emulator-issued tokens', () => {
  let emu: EntraEmulator;
  let demo: DemoSetup;

  before(async () => {
    demo = demoFixture();
    emu = await EntraEmulator.start(demo.fixture, { https: false });
  });
  after(async () => {
    await emu.close();
  });

  async function token(clientId: string, secret: string, scope: string, v1 = false): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
    if (v1) form.set('resource', scope);
    else form.set('scope', scope);
    const res = await fetch(emu.tokenEndpoint(DEMO_TENANT_ID, { v1 }), { method: 'POST', body: form });
    const body = (await res.json()) as { access_token?: string; error_description?: string };
    assert.ok(body.access_token, body.error_description);
    return body.access_token;
  }

  it('v2 token for the own API with a granted role', async () => {
    const t = await token(DEMO_DAEMON_CLIENT_ID, demo.secret.value, `api://${DEMO_API_CLIENT_ID}/.default`);
    const r = inspectToken(t, { requestedScope: `api://${DEMO_API_CLIENT_ID}/.default`, clientId: DEMO_DAEMON_CLIENT_ID, configuredTenant: DEMO_TENANT_ID, expectAppToken: true });
    assert.equal(r.summary.version, '2.0');
    assert.equal(r.summary.kind, 'app');
    assert.equal(r.summary.audience, DEMO_API_CLIENT_ID);
    assert.deepEqual(r.summary.roles, ['TodoList.Read.All']);
    assert.equal(r.verdict.status, 'ok', JSON.stringify(r.diagnosis));
    const sig = await checkSignature(t, decodeToken(t), { fetchJson: async (u) => (await fetch(u)).json(), authority: emu.url });
    assert.equal(sig.status, 'valid', JSON.stringify(sig));
  });

  it('v1 Graph token without consent: no roles, consent URL for the demo tenant', async () => {
    const t = await token(demo.unconsented.appId, demo.unconsentedSecret.value, 'https://graph.microsoft.com/.default');
    const r = inspectToken(t, { expectAppToken: true });
    assert.equal(r.summary.version, '1.0');
    assert.equal(r.summary.microsoftApi, 'Microsoft Graph');
    assert.ok(r.diagnosis.some((d) => d.id === 'token/no-roles-microsoft-api'));
    assert.match(r.consent!.url, new RegExp(`/${DEMO_TENANT_ID}/adminconsent\\?client_id=${demo.unconsented.appId}$`));
  });
});
