// Starts the emulator with the demo tenant:
//   npx tsx test/emulator/serve.ts [--port N] [--https-port N] [--host H] [--trailers space|crlf]
// Prints the instance URL and the demo app's IDs. The secret is a fake, valid only here.
import { EntraEmulator } from './server';
import { demoFixture, DEMO_TENANT_DOMAIN } from './demo';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(arg('--port') ?? 0);
  const httpsPort = Number(arg('--https-port') ?? 0);
  for (const [name, n] of [['--port', port], ['--https-port', httpsPort]] as const) {
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      process.stderr.write(`serve: ${name} must be a number between 0 and 65535\n`);
      process.exit(2);
    }
  }
  const demo = demoFixture({ secretValue: process.env.ENTRA_DEMO_SECRET });
  const emu = await EntraEmulator.start(demo.fixture, {
    port,
    httpsPort,
    host: arg('--host') ?? '127.0.0.1',
    trailerSeparator: arg('--trailers') === 'space' ? ' ' : '\r\n',
  });
  const out = [
    `Entra emulator listening`,
    `  instance (http):   ${emu.instance}`,
    `  instance (https):  ${emu.httpsInstance}  (self-signed)`,
    `  tenant:            ${demo.fixture.tenants[0]!.id}  (${DEMO_TENANT_DOMAIN})`,
    `  daemon client id:  ${demo.daemon.appId}`,
    `  daemon secret:     ${demo.secret.value}   (fake, emulator only)`,
    `  secret id:         ${demo.secret.keyId}`,
    `  API:               api://${demo.api.appId}/.default  (roles granted: TodoList.Read.All)`,
    `  no-consent client: ${demo.unconsented.appId}  secret ${demo.unconsentedSecret.value}`,
    ``,
    `Try:  ENTRA_CLIENT_SECRET='${demo.secret.value}' node dist/cli.js token --instance ${emu.instance} \\`,
    `        --tenant ${demo.fixture.tenants[0]!.id} --client-id ${demo.daemon.appId} --scope api://${demo.api.appId}/.default --secret-env ENTRA_CLIENT_SECRET`,
    `Press Ctrl+C to stop.`,
  ];
  process.stdout.write(out.join('\n') + '\n');
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
