// The demo tenant used by `serve.ts`, the README walkthrough and the VS Code end-to-end tests.
// Fixed IDs so docs and tests can name them; the secret is fake and only valid here.
import { FixtureBuilder, EmuApp, EmuFixture, EmuSecret } from './model';

export const DEMO_TENANT_ID = 'aaaabbbb-0000-cccc-1111-dddd2222eeee';
export const DEMO_TENANT_DOMAIN = 'contoso-demo.onmicrosoft.com';
export const DEMO_DAEMON_CLIENT_ID = '11112222-bbbb-3333-cccc-4444dddd5555';
export const DEMO_API_CLIENT_ID = '00001111-aaaa-2222-bbbb-3333cccc4444';
export const DEMO_UNCONSENTED_CLIENT_ID = '22223333-cccc-4444-dddd-5555eeee6666';

export interface DemoSetup {
  fixture: EmuFixture;
  daemon: EmuApp;
  api: EmuApp;
  /** A second daemon with a working secret but no granted permissions (token without roles). */
  unconsented: EmuApp;
  secret: EmuSecret;
  unconsentedSecret: EmuSecret;
}

export function demoFixture(opts: { secretValue?: string } = {}): DemoSetup {
  const fx = new FixtureBuilder();
  const t = fx.tenant({ id: DEMO_TENANT_ID, domain: DEMO_TENANT_DOMAIN, displayName: 'Contoso Demo' });
  const { graph } = t.microsoftResources();
  const api = t.app({
    displayName: 'Todo List API',
    appId: DEMO_API_CLIENT_ID,
    identifierUris: [`api://${DEMO_API_CLIENT_ID}`],
    tokenVersion: 2,
    roles: ['TodoList.Read.All', 'TodoList.ReadWrite.All'],
  });
  const daemon = t.app({ displayName: 'Demo Daemon', appId: DEMO_DAEMON_CLIENT_ID });
  const secret = t.secret(daemon, opts.secretValue ? { value: opts.secretValue } : {});
  t.grant(daemon, api, ['TodoList.Read.All']);
  t.grant(daemon, graph, ['User.Read.All']);
  const unconsented = t.app({ displayName: 'Demo Daemon (no consent)', appId: DEMO_UNCONSENTED_CLIENT_ID });
  const unconsentedSecret = t.secret(unconsented);
  return { fixture: fx.build(), daemon, api, unconsented, secret, unconsentedSecret };
}
