// Loads a certificate credential: PEM (certificate + private key, plain or encrypted
// PKCS#8/PKCS#1) or PFX/PKCS#12 with a password. node-forge (~210 KB) is imported only
// when a PFX is actually used, to keep the CLI's cold start light.
import { createHash, createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { configError } from './errors';

export interface LoadedCertificate {
  privateKey: KeyObject;
  /** DER of the leaf certificate. */
  der: Buffer;
  sha1Hex: string;
  sha256Hex: string;
  x5t: string;
  x5tS256: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** Where it came from, for messages ("file cert.pem", "config Base64EncodedValue"). */
  origin: string;
}

function fromX509(x: X509Certificate, privateKey: KeyObject, origin: string): LoadedCertificate {
  const der = x.raw;
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  if (!x.checkPrivateKey(privateKey)) {
    throw configError(
      'credential/key-mismatch',
      'Private key does not match the certificate',
      `In ${origin} the private key belongs to a different certificate than ${x.subject.replace(/\n/g, ', ')}. Entra would reject the signature (AADSTS700027).`,
      'Export the certificate and its own private key together (e.g. one PFX, or the matching .key file).',
    );
  }
  return {
    privateKey,
    der,
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha256Hex: sha256.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5tS256: sha256.toString('base64url'),
    subject: x.subject.replace(/\n/g, ', '),
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
    origin,
  };
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** Loads from PEM text holding the certificate and the key (one text, or cert + separate key text). */
export function loadPemCertificate(pem: string, opts: { keyPem?: string; passphrase?: string; origin: string }): LoadedCertificate {
  const all = pem + '\n' + (opts.keyPem ?? '');
  const blocks = [...all.matchAll(PEM_BLOCK)];
  const certBlock = blocks.find((b) => b[1] === 'CERTIFICATE');
  const keyBlock = blocks.find((b) => /PRIVATE KEY$/.test(b[1]!));
  if (!certBlock) {
    throw configError('credential/no-certificate', 'No certificate in the PEM', `${opts.origin} contains no "-----BEGIN CERTIFICATE-----" block.`, 'Provide the certificate (public part) in PEM form, together with its private key.');
  }
  if (!keyBlock) {
    throw configError(
      'credential/no-private-key',
      'No private key',
      `${opts.origin} contains the certificate but no private key; signing the client assertion needs the key.`,
      'Append the private key PEM, give the key file separately, or use a PFX that includes the key.',
    );
  }
  let key: KeyObject;
  const encrypted = /ENCRYPTED/.test(keyBlock[1]!) || /Proc-Type:\s*4,ENCRYPTED/.test(keyBlock[0]);
  if (encrypted && !opts.passphrase) {
    throw configError(
      'credential/password-required',
      'The private key is encrypted',
      `The private key in ${opts.origin} is password-protected and no password was given.`,
      'Provide the password from an environment variable (CLI: --certificate-password-env VAR) or enter it when prompted.',
    );
  }
  try {
    key = createPrivateKey({ key: keyBlock[0], format: 'pem', passphrase: opts.passphrase });
  } catch (err) {
    const bad = encrypted || /bad decrypt|passphrase/i.test(String(err));
    throw configError(
      bad ? 'credential/wrong-password' : 'credential/bad-key',
      bad ? 'Wrong password for the private key' : 'Unreadable private key',
      bad ? `The private key in ${opts.origin} could not be decrypted with the password given.` : `The private key in ${opts.origin} could not be read.`,
      bad ? 'Check the password (and that the variable holding it is set).' : 'Provide an RSA private key in PKCS#8 or PKCS#1 PEM form.',
    );
  }
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') {
    throw configError('credential/not-rsa', 'Not an RSA key', `The key in ${opts.origin} is ${key.asymmetricKeyType}; Entra client assertions use RSA (PS256/RS256).`, 'Use an RSA certificate (2048 bits or more).');
  }
  return fromX509(new X509Certificate(certBlock[0]), key, opts.origin);
}

/** Loads a PFX / PKCS#12 (bytes) with its password. */
export async function loadPfxCertificate(pfx: Buffer, opts: { password?: string; origin: string }): Promise<LoadedCertificate> {
  const forgeModule = await import('node-forge');
  const forge = (forgeModule as unknown as { default?: typeof forgeModule }).default ?? forgeModule;
  let p12: ReturnType<typeof forge.pkcs12.pkcs12FromAsn1>;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(pfx.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, opts.password ?? '');
  } catch (err) {
    const msg = String((err as Error)?.message ?? err);
    const pw = /mac could not be verified|invalid password|decrypt/i.test(msg);
    throw configError(
      pw ? 'credential/wrong-password' : 'credential/bad-pfx',
      pw ? (opts.password ? 'Wrong PFX password' : 'The PFX needs a password') : 'Unreadable PFX',
      pw
        ? `${opts.origin} could not be opened with ${opts.password ? 'the password given' : 'an empty password'}.`
        : `${opts.origin} is not a valid PKCS#12/PFX file.`,
      pw ? 'Provide the PFX password from an environment variable (CLI: --certificate-password-env VAR) or the prompt.' : 'Export the certificate with its private key as .pfx/.p12 again.',
    );
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const keyBag = keyBags.find((b) => b.key);
  if (!keyBag?.key) {
    throw configError('credential/no-private-key', 'No private key in the PFX', `${opts.origin} holds no private key.`, 'Export the certificate *with* its private key.');
  }
  const keyPem = forge.pki.privateKeyToPem(keyBag.key);
  const privateKey = createPrivateKey(keyPem);
  // The leaf is the certificate whose public key matches the private key.
  for (const bag of certBags) {
    if (!bag.cert) continue;
    const x = new X509Certificate(forge.pki.certificateToPem(bag.cert));
    if (x.checkPrivateKey(privateKey)) return fromX509(x, privateKey, opts.origin);
  }
  throw configError('credential/no-certificate', 'No matching certificate in the PFX', `${opts.origin} holds a private key but not its certificate.`, 'Export the certificate together with its private key.');
}

/** Loads by file content: PFX when it is not PEM text. */
export async function loadCertificateBytes(
  bytes: Buffer,
  opts: { password?: string; origin: string; keyPem?: string },
): Promise<LoadedCertificate> {
  const text = bytes.toString('utf8');
  if (text.includes('-----BEGIN ')) return loadPemCertificate(text, { keyPem: opts.keyPem, passphrase: opts.password, origin: opts.origin });
  return loadPfxCertificate(bytes, { password: opts.password, origin: opts.origin });
}
