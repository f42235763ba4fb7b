import { generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SIGNATURE_HEADER_MD5, SIGNATURE_HEADER_SHA512 } from '../../../connector/fluent/contract.ts';

export interface WebhookSigner {
  /** The public key as Fluent publishes its keys: X.509 SubjectPublicKeyInfo, DER, standard base64. */
  publicKeySpkiBase64: string;
  /** Fluent's two signature headers over exactly these bytes (REFERENCE.md §1.3, verified format). */
  headers(body: Buffer): Record<string, string>;
}

/**
 * One key pair per process, generated as soon as this module loads. Fluent's keys belong to an
 * environment, not an account, so emulators in one process sharing a key is faithful; and generating
 * once keeps the emulator's start-up fast. 1024 bits like Fluent's published key (REFERENCE.md §1.3):
 * signing then costs the emulator what Fluent's signing would, a quarter of RSA-2048's, and the
 * connector verifies what it verifies in production. The private key is a parsed KeyObject, held for
 * the process: a PEM handed to sign() would be parsed again for every webhook.
 */
const keyPair = promisify(generateKeyPair)('rsa', { modulusLength: 1024 });
// Keep an early failure from surfacing as an unhandled rejection before anyone awaits the key.
keyPair.catch(() => undefined);

export async function createSigner(): Promise<WebhookSigner> {
  const { publicKey, privateKey } = await keyPair;
  return {
    publicKeySpkiBase64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    headers: (body) => ({
      'content-type': 'application/json',
      [SIGNATURE_HEADER_SHA512]: signature('sha512', body, privateKey),
      [SIGNATURE_HEADER_MD5]: signature('md5', body, privateKey),
    }),
  };
}

/** RSASSA-PKCS1-v1_5 (Node's default padding for RSA keys), base64. */
const signature = (hash: string, body: Buffer, key: KeyObject): string => sign(hash, body, key).toString('base64');
