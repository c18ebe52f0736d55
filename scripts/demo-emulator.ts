// The Entra emulator playing the sample's tenant, for `npm start` (scripts/start.mjs): prints one JSON
// line { instance, secret } once it listens, and closes on SIGTERM/SIGINT or when stdin ends
// (so it never outlives the script that started it). ENTRA_DEMO_SECRET fixes the secret's value (tests).
import { EntraEmulator } from '../test/emulator';
import { sampleFixture } from './sample-tenant';

async function main(): Promise<void> {
  const sample = sampleFixture({ secretValue: process.env.ENTRA_DEMO_SECRET });
  const emu = await EntraEmulator.start(sample.fixture, { https: false, host: '127.0.0.1' });
  process.stdout.write(JSON.stringify({ instance: emu.instance, secret: sample.secret.value }) + '\n');
  const stop = (): void => void emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

void main();
