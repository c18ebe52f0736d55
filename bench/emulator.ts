// The emulator in its own process for the token rows: prints what clients need as one JSON line,
// and stops when its stdin closes (the benchmark process ended).
import { EntraEmulator, FixtureBuilder, selfSignedCertificate } from '../test/emulator';

async function main(): Promise<void> {
  const fx = new FixtureBuilder();
  const t = fx.tenant({ domain: 'contoso.onmicrosoft.com' });
  const api = t.app({ displayName: 'API', identifierUris: [], tokenVersion: 2, roles: ['Data.Read'] });
  api.identifierUris.push(`api://${api.appId}`);
  const daemon = t.app({ displayName: 'Daemon' });
  const secret = t.secret(daemon);
  const cert = selfSignedCertificate('CN=bench-daemon');
  t.certificate(daemon, cert);
  t.grant(daemon, api, ['Data.Read']);
  const emu = await EntraEmulator.start(fx.build(), { https: true });
  process.stdout.write(
    `${JSON.stringify({
      httpsInstance: emu.httpsInstance,
      tenantId: t.tenant.id,
      clientId: daemon.appId,
      secret: secret.value,
      scope: `api://${api.appId}/.default`,
      caPem: emu.caPem,
      certPem: cert.certPem,
      keyPem: cert.keyPem,
    })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', () => void emu.close().then(() => process.exit(0)));
}

void main();
