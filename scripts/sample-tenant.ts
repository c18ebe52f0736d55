// The tenant samples/daemon-app is written for, as the Entra emulator plays it: `npm start` and the
// VS Code journeys acquire the sample's tokens from it. IDs are the sample's own (appsettings.json);
// the secret is a fake, valid only in the emulator.
import { FixtureBuilder, type EmuFixture, type EmuSecret } from '../test/emulator';

export const SAMPLE_TENANT_DOMAIN = 'contoso.onmicrosoft.com';
export const SAMPLE_TENANT_ID = '72f988bf-0000-4000-8000-0000c0e705a0';
export const SAMPLE_CLIENT_ID = '6e1f3c2a-4b5d-4e8f-9a0b-1c2d3e4f5a6b';
/** The application permission an administrator granted the sample daemon on Microsoft Graph. */
export const SAMPLE_GRAPH_ROLE = 'User.Read.All';

export interface SampleTenant {
  fixture: EmuFixture;
  secret: EmuSecret;
  /** Takes back the admin consent (the app-role assignments): the next token has no roles. */
  revokeConsent(): void;
  /** Grants it again. */
  grantConsent(): void;
}

export function sampleFixture(opts: { secretValue?: string } = {}): SampleTenant {
  const fx = new FixtureBuilder();
  const t = fx.tenant({ id: SAMPLE_TENANT_ID, domain: SAMPLE_TENANT_DOMAIN, displayName: 'Contoso' });
  const { graph } = t.microsoftResources();
  const daemon = t.app({ displayName: 'Contoso Daemon', appId: SAMPLE_CLIENT_ID });
  const secret = t.secret(daemon, opts.secretValue ? { value: opts.secretValue } : {});
  t.grant(daemon, graph, [SAMPLE_GRAPH_ROLE]);
  const granted = [...t.tenant.assignments];
  return {
    fixture: fx.build(),
    secret,
    revokeConsent: () => void t.tenant.assignments.splice(0),
    grantConsent: () => void t.tenant.assignments.splice(0, Infinity, ...granted),
  };
}
