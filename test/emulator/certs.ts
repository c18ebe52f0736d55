// Real keys and X.509 certificates for the emulator and the tests: node:crypto makes the RSA
// keys (fast), node-forge wraps them in self-signed certificates and PKCS#12 files.
import { createHash, createPrivateKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface TestCertificate {
  /** PEM of the certificate (public part, what is uploaded to the app registration). */
  certPem: string;
  /** Unencrypted PKCS#8 PEM of the private key. */
  keyPem: string;
  der: Buffer;
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** Upper-case hex, as the portal shows thumbprints. */
  sha1Hex: string;
  sha256Hex: string;
  /** base64url, as in a JWT header. */
  x5t: string;
  x5tS256: string;
}

export function rsaKeyPair(bits = 2048): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: bits });
}

export function thumbprints(der: Buffer): Pick<TestCertificate, 'sha1Hex' | 'sha256Hex' | 'x5t' | 'x5tS256'> {
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  return {
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha256Hex: sha256.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5tS256: sha256.toString('base64url'),
  };
}

/** A self-signed certificate (SHA-256 signature) for `cn`, valid from yesterday for `days`. */
export function selfSignedCertificate(cn: string, opts: { days?: number; altNames?: string[] } = {}): TestCertificate {
  const { privateKey, publicKey } = rsaKeyPair();
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const fKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
  const fPub = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string);
  const cert = forge.pki.createCertificate();
  cert.publicKey = fPub;
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  cert.validity.notAfter = new Date(now + (opts.days ?? 365) * 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: cn }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const ext: object[] = [{ name: 'basicConstraints', cA: false }];
  if (opts.altNames?.length) {
    ext.push({
      name: 'subjectAltName',
      altNames: opts.altNames.map((n) => (/^\d+\.\d+\.\d+\.\d+$/.test(n) ? { type: 7, ip: n } : { type: 2, value: n })),
    });
  }
  cert.setExtensions(ext);
  cert.sign(fKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { certPem, keyPem, der, publicKey, privateKey, ...thumbprints(der) };
}

/** The private key as encrypted PKCS#8 PEM ("-----BEGIN ENCRYPTED PRIVATE KEY-----"). */
export function encryptedKeyPem(cert: TestCertificate, passphrase: string): string {
  return createPrivateKey(cert.keyPem).export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase,
  }) as string;
}

/** A password-protected PKCS#12 (.pfx) holding the key and the certificate (3DES, like Windows exports). */
export function pfxBytes(cert: TestCertificate, password: string): Buffer {
  const fKey = forge.pki.privateKeyFromPem(cert.keyPem);
  const fCert = forge.pki.certificateFromPem(cert.certPem);
  const asn1 = forge.pkcs12.toPkcs12Asn1(fKey, [fCert], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
