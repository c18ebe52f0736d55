// Public surface of the Entra emulator for tests, the README demo and VS Code e2e tests.
export { EntraEmulator } from './server';
export type { EmulatorOptions, Fault, RecordedRequest } from './server';
export { FixtureBuilder, TenantBuilder, entraLikeSecret } from './model';
export type { EmuApp, EmuFixture, EmuTenant, EmuSecret, EmuCertificate, AppOptions } from './model';
export { selfSignedCertificate, encryptedKeyPem, pfxBytes, thumbprints, rsaKeyPair } from './certs';
export type { TestCertificate } from './certs';
export * from './demo';
