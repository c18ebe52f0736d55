// One emulated tenant with every app the token tests need, plus certificates made on the fly.
import { generateKeyPairSync } from 'node:crypto';
import { EntraEmulator, EmulatorOptions, FixtureBuilder, selfSignedCertificate, TestCertificate, EmuApp, EmuSecret } from '../emulator';

export interface TokenWorld {
  emu: EntraEmulator;
  tenantId: string;
  domain: string;
  daemon: EmuApp;
  secret: EmuSecret;
  expired: EmuSecret;
  specialSecret: EmuSecret;
  api: EmuApp;
  apiNoUri: EmuApp;
  unconsented: EmuApp;
  unconsentedSecret: EmuSecret;
  disabled: EmuApp;
  disabledSecret: EmuSecret;
  publicApp: EmuApp;
  certApp: EmuApp;
  cert: TestCertificate;
  otherCert: TestCertificate;
  fedApp: EmuApp;
  fedKey: ReturnType<typeof generateKeyPairSync>;
  fedIssuer: string;
  fedSubject: string;
  /** Every secret/password value the tests use: none may ever be printed or logged. */
  forbidden: string[];
}

export async function startWorld(options: EmulatorOptions = {}): Promise<TokenWorld> {
  const fx = new FixtureBuilder();
  const t = fx.tenant({ domain: 'contoso.onmicrosoft.com', displayName: 'Contoso' });
  t.microsoftResources();
  const api = t.app({ displayName: 'Todo API', identifierUris: [], tokenVersion: 2, roles: ['Todo.Read.All', 'Todo.Write.All'] });
  api.identifierUris.push(`api://${api.appId}`);
  const apiNoUri = t.app({ displayName: 'API without App ID URI', tokenVersion: 2, roles: ['Data.Read'] });
  const daemon = t.app({ displayName: 'Daemon' });
  const secret = t.secret(daemon);
  const expired = t.secret(daemon, { expired: true });
  const specialSecret = t.secret(daemon, { value: 'Ab+c/d&e%f=g h~i.j_k-L8Q~+%2B' });
  t.grant(daemon, api, ['Todo.Read.All']);
  const graph = t.tenant.apps.find((a) => a.displayName === 'Microsoft Graph')!;
  t.grant(daemon, graph, ['User.Read.All']);
  const unconsented = t.app({ displayName: 'Daemon without consent' });
  const unconsentedSecret = t.secret(unconsented);
  const disabled = t.app({ displayName: 'Disabled daemon', disabled: true });
  const disabledSecret = t.secret(disabled);
  const publicApp = t.app({ displayName: 'Desktop app', publicClient: true });
  const certApp = t.app({ displayName: 'Cert daemon' });
  const cert = selfSignedCertificate('CN=cert-daemon');
  const otherCert = selfSignedCertificate('CN=not-registered');
  t.certificate(certApp, cert);
  t.grant(certApp, api, ['Todo.Write.All']);
  const fedApp = t.app({ displayName: 'Federated daemon' });
  const fedKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fedIssuer = 'https://oidc.example.test/issuer';
  const fedSubject = 'system:serviceaccount:default:workload';
  t.federated(fedApp, { issuer: fedIssuer, subject: fedSubject, issuerKey: fedKey.publicKey });
  const emu = await EntraEmulator.start(fx.build(), options);
  return {
    emu,
    tenantId: t.id,
    domain: t.domain,
    daemon,
    secret,
    expired,
    specialSecret,
    api,
    apiNoUri,
    unconsented,
    unconsentedSecret,
    disabled,
    disabledSecret,
    publicApp,
    certApp,
    cert,
    otherCert,
    fedApp,
    fedKey,
    fedIssuer,
    fedSubject,
    forbidden: [secret.value, expired.value, specialSecret.value, unconsentedSecret.value, disabledSecret.value],
  };
}
